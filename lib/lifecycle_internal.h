/* libgbo internal — what the lifecycle rules and the history share. */
#ifndef GBOP_LIFECYCLE_INTERNAL_H
#define GBOP_LIFECYCLE_INTERNAL_H

#include <gbo/lifecycle.h>

/* Who an organisation is for a referral: the sender, the recipient, both
 * (a referral to oneself, GBO-R011) or neither (0). */
enum { GBOP_ROLE_SENDER = 1u << 0, GBOP_ROLE_RECIPIENT = 1u << 1 };
unsigned gbop_lifecycle_roles(const char *by, const char *sender, const char *recipient);
/* May an organisation in `roles` post status `to` at all (whatever came before)? */
bool gbop_lifecycle_may_post(const char *to, unsigned roles);
/* gbo_lifecycle_step() for an organisation in `roles`: allowed when any of
 * its roles may take the step. */
gbo_step gbop_lifecycle_step_roles(const char *from, const char *to, unsigned roles);

#endif
