/* gbo validate --suppress: parsing and matching suppression entries. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json.h" /* utf8_sequence_length() */
#include "suppress.h"

/* '*' matches any run of characters, '/' included; '?' exactly one (one byte);
 * everything else matches itself. Iterative, with a single backtrack point: on
 * a mismatch, the last '*' seen takes one more character and matching resumes
 * just after it. Returning to an earlier '*' is never needed (whatever it could
 * take, the later one can take as well), so this takes at most
 * strlen(glob) * strlen(s) steps and constant stack, whatever the glob. */
bool suppress_glob_match(const char *glob, const char *s)
{
    const char *star = NULL, *resume = NULL;
    while (*s) {
        if (*glob == '*') {
            star = ++glob;
            resume = s;
        } else if (*glob && (*glob == '?' || *glob == *s)) {
            glob++;
            s++;
        } else if (star) {
            glob = star;
            s = ++resume;
        } else {
            return false;
        }
    }
    while (*glob == '*')
        glob++;
    return *glob == '\0';
}

/* Whether the `len` bytes at p are well-formed UTF-8. */
static bool utf8_valid(const char *p, size_t len)
{
    const unsigned char *u = (const unsigned char *)p;
    for (size_t i = 0, n; i < len; i += n)
        if (!(n = utf8_sequence_length(u + i, len - i)))
            return false;
    return true;
}

static char *next_field(char **p)
{
    char *start;
    while (**p == ' ' || **p == '\t')
        (*p)++;
    if (!**p)
        return NULL;
    start = *p;
    while (**p && **p != ' ' && **p != '\t')
        (*p)++;
    if (**p)
        *(*p)++ = '\0';
    return start;
}

bool suppressions_load(suppressions *s, const char *path, gbo_date today, FILE *err)
{
    size_t size, lineno = 0;
    char *data = cli_read_file(path, &size), *line, *next;

    memset(s, 0, sizeof *s);
    if (!data) {
        fprintf(err, "gbo: cannot read suppression file %s\n", path);
        return false;
    }
    for (line = data; line; line = next) {
        char *p = line, *rule, *glob, *expiry, *rationale;
        suppression *grown, *entry;
        size_t len;
        next = memchr(line, '\n', size - (size_t)(line - data));
        len = (size_t)((next ? next : data + size) - line);
        if (next)
            *next++ = '\0';
        lineno++;
        if (len && line[len - 1] == '\r')
            len--;
        /* these three never echo the line: it may be anything */
        if (len > SUPPRESS_LINE_MAX) {
            fprintf(err, "%s:%zu: the line is longer than %d bytes\n", path, lineno, SUPPRESS_LINE_MAX);
            goto fail;
        }
        if (memchr(line, '\0', len)) {
            fprintf(err, "%s:%zu: the line contains a NUL byte: a suppression file is UTF-8 text\n", path, lineno);
            goto fail;
        }
        if (!utf8_valid(line, len)) {
            fprintf(err, "%s:%zu: the line is not valid UTF-8: a suppression file is UTF-8 text\n", path, lineno);
            goto fail;
        }
        line[strcspn(line, "\r")] = '\0';
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '#' || *p == '\0')
            continue;
        rule = next_field(&p);
        glob = next_field(&p);
        expiry = next_field(&p);
        while (*p == ' ' || *p == '\t')
            p++;
        rationale = p;
        if (!rule || !glob || !expiry || !*rationale) {
            fprintf(err, "%s:%zu: an entry needs RULE PATH-GLOB EXPIRY and a rationale\n", path, lineno);
            goto fail;
        }
        if (!gbo_rule_find(rule)) {
            fprintf(err, "%s:%zu: unknown rule %s\n", path, lineno, rule);
            goto fail;
        }
        grown = realloc(s->items, (s->count + 1) * sizeof *s->items);
        if (!grown)
            goto fail;
        s->items = grown;
        entry = &s->items[s->count];
        if (gbo_date_parse(expiry, &entry->expiry, NULL) != GBO_OK) {
            fprintf(err, "%s:%zu: expiry must be a date YYYY-MM-DD\n", path, lineno);
            goto fail;
        }
        if (gbo_date_compare(entry->expiry, today) < 0) {
            fprintf(err, "%s:%zu: the suppression of %s expired on %s: fix the finding or renew the entry\n",
                    path, lineno, rule, expiry);
            goto fail;
        }
        entry->rule = strdup(rule);
        entry->glob = strdup(glob);
        entry->rationale = strdup(rationale);
        s->count++;
        if (!entry->rule || !entry->glob || !entry->rationale)
            goto fail;
    }
    free(data);
    return true;
fail:
    free(data);
    suppressions_free(s);
    return false;
}

const char *suppressions_match(const suppressions *s, const char *rule, const char *path)
{
    for (size_t i = 0; i < s->count; i++)
        if (strcmp(s->items[i].rule, rule) == 0 && suppress_glob_match(s->items[i].glob, path))
            return s->items[i].rationale;
    return NULL;
}

void suppressions_free(suppressions *s)
{
    for (size_t i = 0; i < s->count; i++) {
        free(s->items[i].rule);
        free(s->items[i].glob);
        free(s->items[i].rationale);
    }
    free(s->items);
    memset(s, 0, sizeof *s);
}
