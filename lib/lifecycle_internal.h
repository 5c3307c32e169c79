/* libgbo internal — what the lifecycle rules and the history share. */
#ifndef GBOP_LIFECYCLE_INTERNAL_H
#define GBOP_LIFECYCLE_INTERNAL_H

#include <gbo/lifecycle.h>

/* May `poster` post status `to` at all (whatever the status before)? */
bool gbop_lifecycle_poster_allowed(const char *to, gbo_poster poster);
/* Who `by` is for a referral from `sender` to `recipient` (either may be NULL). */
gbo_poster gbop_lifecycle_poster(const char *by, const char *sender, const char *recipient);

#endif
