/* libgbo internal — filling the caller's gbo_error. */
#ifndef GBOP_ERROR_H
#define GBOP_ERROR_H

#include <gbo/error.h>

/* Fill *err (when non-NULL) and return `status`. `rule` and `path` may be
 * NULL. The message must never contain a value from a person's record. */
gbo_status gbop_fail(gbo_error *err, gbo_status status, const char *rule, const char *path,
                     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Shorthand for an allocation failure. */
gbo_status gbop_nomem(gbo_error *err);
/* The status an ICU error (a UErrorCode) maps to: GBO_E_NOMEM when ICU ran
 * out of memory, else GBO_E_ICU. */
gbo_status gbop_icu_status(int icu_error);
/* Set the line and column of an error already filled. */
void gbop_error_at(gbo_error *err, unsigned long line, unsigned long column);

#endif
