/* libgbo internal — adding to a diagnostics list. */
#ifndef GBOP_DIAGNOSTICS_H
#define GBOP_DIAGNOSTICS_H

#include <gbo/codes.h>
#include <gbo/diagnostics.h>

/* Append a diagnostic (no-op when list is NULL) whose message is catalogue
 * entry `key` (data/messages.xml) with up to three arguments (NULL for
 * none), rendered in the list's language. Returns GBO_E_NOMEM or GBO_OK; a
 * full list drops the diagnostic and counts it. */
gbo_status gbop_diag(gbo_diagnostics *list, const char *rule, gbo_severity severity,
                     unsigned long line, unsigned long column, const char *path,
                     const char *key, const char *a0, const char *a1, const char *a2);

/* Append a copy of a diagnostic from another list. */
gbo_status gbop_diag_copy(gbo_diagnostics *list, const gbo_diagnostic *d);


#endif
