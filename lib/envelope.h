/* libgbo internal — the envelope of a document libgbo builds itself. */
#ifndef GBOP_ENVELOPE_H
#define GBOP_ENVELOPE_H

#include <gbo/entity.h>
#include <gbo/values.h>

/* A new exchange document with a new id, created at `at`, from `sender` (an
 * organisation entity, copied into it) to `recipient` (an organisation id),
 * stating the built-in code-list version. */
gbo_entity *gbop_envelope_new(const gbo_entity *sender, const char *recipient, gbo_time at,
                              gbo_error *err);

#endif
