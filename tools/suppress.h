/* gbo validate --suppress FILE: one entry per line,
 *     RULE  PATH-GLOB  EXPIRY(YYYY-MM-DD)  RATIONALE…
 * with '#' comments. PATH-GLOB matches a diagnostic's path ("*" any run of
 * characters, "?" one; brackets are literal, as in the paths themselves). An
 * entry without rationale, with an unknown rule or past its expiry makes the
 * run a usage error, and so does a file that is not UTF-8 text (an invalid
 * sequence or a NUL byte on any line, comments included) or a line longer than
 * SUPPRESS_LINE_MAX bytes (its line terminator not counted). Suppressed
 * diagnostics are counted, never dropped. */
#ifndef GBO_SUPPRESS_H
#define GBO_SUPPRESS_H

#include <stdbool.h>
#include <stdio.h>

#include <gbo/gbo.h>

#define SUPPRESS_LINE_MAX 4096

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
/* Whether `s` matches `glob` as a whole: '*' any run of characters ('/'
 * included), '?' exactly one byte, everything else itself. Iterative: time at
 * most strlen(glob) * strlen(s), constant stack. */
bool suppress_glob_match(const char *glob, const char *s);

#endif
