/* libgbo internal — adding to a diagnostics list. */
#ifndef GBOP_DIAGNOSTICS_H
#define GBOP_DIAGNOSTICS_H

#include <gbo/diagnostics.h>

/* Append a diagnostic (no-op when list is NULL). Returns GBO_E_NOMEM or
 * GBO_OK; a full list drops the diagnostic and counts it. */
gbo_status gbop_diag(gbo_diagnostics *list, const char *rule, gbo_severity severity,
                     unsigned long line, unsigned long column, const char *path,
                     const char *fmt, ...) __attribute__((format(printf, 7, 8)));

#endif
