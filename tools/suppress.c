/* gbo validate --suppress: parsing and matching suppression entries. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "suppress.h"

/* '*' and '?' wildcards; everything else literal. */
static bool glob_match(const char *glob, const char *s)
{
    if (*glob == '\0')
        return *s == '\0';
    if (*glob == '*')
        return glob_match(glob + 1, s) || (*s && glob_match(glob, s + 1));
    if (*s && (*glob == '?' || *glob == *s))
        return glob_match(glob + 1, s + 1);
    return false;
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
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        lineno++;
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
        if (strcmp(s->items[i].rule, rule) == 0 && glob_match(s->items[i].glob, path))
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
