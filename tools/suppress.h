/* gbo validate --suppress FILE: one entry per line,
 *     RULE  PATH-GLOB  EXPIRY(YYYY-MM-DD)  RATIONALE…
 * with '#' comments. PATH-GLOB matches a diagnostic's path ("*" any run of
 * characters, "?" one; brackets are literal, as in the paths themselves). An
 * entry without rationale, with an unknown rule or past its expiry makes the
 * run a usage error. Suppressed diagnostics are counted, never dropped. */
#ifndef GBO_SUPPRESS_H
#define GBO_SUPPRESS_H

#include <stdbool.h>
#include <stdio.h>

#include <gbo/gbo.h>

typedef struct suppression {
    char *rule, *glob, *rationale;
    gbo_date expiry;
} suppression;

typedef struct suppressions {
    size_t count;
    suppression *items;
} suppressions;

/* Parse FILE; on a problem, print FILE:LINE: why to err and return false. */
bool suppressions_load(suppressions *s, const char *path, gbo_date today, FILE *err);
/* The matching entry's rationale, or NULL. */
const char *suppressions_match(const suppressions *s, const char *rule, const char *path);
void suppressions_free(suppressions *s);

#endif
