/* libgbo — diagnostics: what a reader or validator found in a document.
 *
 * Each diagnostic has a stable rule id (SPEC §4: "GBO-X001" …), a severity,
 * a location (line — exact past 65 535 —, column where libxml2 supplies one,
 * else 0, and a path such as /exchange/referral[1]/lifeDomain[2]/note) and a
 * message. Messages quote codes, ids, element names and expected forms,
 * never a value from a person's record: diagnostics travel back to senders.
 *
 * A gbo_diagnostics list is owned by the caller (new/free); diagnostics in it
 * are borrowed. Lists are not shared between threads while being filled. */
#ifndef GBO_DIAGNOSTICS_H
#define GBO_DIAGNOSTICS_H

#include <stddef.h>
#include <gbo/export.h>
#include <gbo/error.h>
#include <gbo/codes.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum gbo_severity {
    GBO_SEVERITY_ERROR = 0,
    GBO_SEVERITY_WARNING = 1
} gbo_severity;

typedef struct gbo_diagnostics gbo_diagnostics;
typedef struct gbo_diagnostic gbo_diagnostic;

GBO_API GBO_WARN_UNUSED gbo_diagnostics *gbo_diagnostics_new(gbo_error *err);
/* NULL is allowed. */
GBO_API void gbo_diagnostics_free(gbo_diagnostics *list);
/* The language messages are rendered in from now on: by default the
 * process locale's (LC_ALL, LC_MESSAGES, LANG) when it is nl, fr or de, else
 * en. GBO_E_INVALID_ARG for an unknown language. */
GBO_API gbo_status gbo_diagnostics_set_lang(gbo_diagnostics *list, gbo_lang lang);
GBO_API gbo_lang gbo_diagnostics_lang(const gbo_diagnostics *list);
/* Empty the list for reuse. */
GBO_API void gbo_diagnostics_clear(gbo_diagnostics *list);
GBO_API size_t gbo_diagnostics_count(const gbo_diagnostics *list);
/* How many have severity error. */
GBO_API size_t gbo_diagnostics_error_count(const gbo_diagnostics *list);
/* The i-th diagnostic in the order found (borrowed), NULL when out of range. */
GBO_API const gbo_diagnostic *gbo_diagnostics_at(const gbo_diagnostics *list, size_t index);
/* Diagnostics beyond this many are counted but not stored (a hostile
 * document cannot make the list grow without bound). */
#define GBO_DIAGNOSTICS_MAX 1000
/* How many were dropped because the list was full. */
GBO_API size_t gbo_diagnostics_dropped(const gbo_diagnostics *list);

GBO_API const char *gbo_diagnostic_rule(const gbo_diagnostic *d);
GBO_API gbo_severity gbo_diagnostic_severity(const gbo_diagnostic *d);
GBO_API unsigned long gbo_diagnostic_line(const gbo_diagnostic *d);
GBO_API unsigned long gbo_diagnostic_column(const gbo_diagnostic *d);
/* "" when the diagnostic concerns the whole input. */
GBO_API const char *gbo_diagnostic_path(const gbo_diagnostic *d);
/* The message, in the language of the list it was added to. */
GBO_API const char *gbo_diagnostic_message(const gbo_diagnostic *d);
/* "error" or "warning". */
GBO_API const char *gbo_severity_name(gbo_severity severity);

#ifdef __cplusplus
}
#endif
#endif
