/* libgbo — diagnostics lists. */
#include "config.h"
#include "diagnostics.h"

#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "messages.h"

struct gbo_diagnostic {
    char rule[GBO_RULE_ID_SIZE];
    gbo_severity severity;
    unsigned long line;
    unsigned long column;
    char *path;
    char *message;
};

struct gbo_diagnostics {
    size_t count, cap, errors, dropped;
    gbo_lang lang;
    gbo_diagnostic *items;
};

gbo_diagnostics *gbo_diagnostics_new(gbo_error *err)
{
    gbo_diagnostics *list = gbop_calloc(1, sizeof *list);
    if (!list)
        gbop_nomem(err);
    else
        list->lang = gbop_default_lang();
    return list;
}

gbo_status gbo_diagnostics_set_lang(gbo_diagnostics *list, gbo_lang lang)
{
    if (!list || (unsigned)lang >= GBO_LANG_COUNT)
        return GBO_E_INVALID_ARG;
    list->lang = lang;
    return GBO_OK;
}

gbo_lang gbo_diagnostics_lang(const gbo_diagnostics *list)
{
    return list ? list->lang : GBO_LANG_EN;
}

void gbo_diagnostics_clear(gbo_diagnostics *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->count; i++) {
        gbop_free(list->items[i].path);
        gbop_free(list->items[i].message);
    }
    list->count = list->errors = list->dropped = 0;
}

void gbo_diagnostics_free(gbo_diagnostics *list)
{
    if (!list)
        return;
    gbo_diagnostics_clear(list);
    gbop_free(list->items);
    gbop_free(list);
}

size_t gbo_diagnostics_count(const gbo_diagnostics *list)
{
    return list ? list->count : 0;
}

size_t gbo_diagnostics_error_count(const gbo_diagnostics *list)
{
    return list ? list->errors : 0;
}

size_t gbo_diagnostics_dropped(const gbo_diagnostics *list)
{
    return list ? list->dropped : 0;
}

const gbo_diagnostic *gbo_diagnostics_at(const gbo_diagnostics *list, size_t index)
{
    return list && index < list->count ? &list->items[index] : NULL;
}

/* Append a diagnostic with an already rendered message. */
static gbo_status append(gbo_diagnostics *list, const char *rule, gbo_severity severity,
                         unsigned long line, unsigned long column, const char *path,
                         const char *message)
{
    gbo_diagnostic *d;

    if (!list)
        return GBO_OK;
    if (severity == GBO_SEVERITY_ERROR)
        list->errors++;
    if (list->count >= GBO_DIAGNOSTICS_MAX) {
        list->dropped++;
        return GBO_OK;
    }
    if (gbop_grow((void **)&list->items, &list->cap, list->count + 1, sizeof *list->items)) {
        if (severity == GBO_SEVERITY_ERROR)
            list->errors--;
        return GBO_E_NOMEM;
    }
    d = &list->items[list->count];
    memset(d, 0, sizeof *d);
    snprintf(d->rule, sizeof d->rule, "%s", rule);
    d->severity = severity;
    d->line = line;
    d->column = column;
    d->path = gbop_strdup(path ? path : "");
    d->message = gbop_strdup(message);
    if (!d->path || !d->message) {
        gbop_free(d->path);
        gbop_free(d->message);
        if (severity == GBO_SEVERITY_ERROR)
            list->errors--;
        return GBO_E_NOMEM;
    }
    list->count++;
    return GBO_OK;
}

gbo_status gbop_diag(gbo_diagnostics *list, const char *rule, gbo_severity severity,
                     unsigned long line, unsigned long column, const char *path,
                     const char *key, const char *a0, const char *a1, const char *a2)
{
    const char *args[3] = { a0, a1, a2 };
    char message[1024];
    if (!list)
        return GBO_OK;
    gbop_message(list->lang, key, args, 3, message, sizeof message);
    return append(list, rule, severity, line, column, path, message);
}

gbo_status gbop_diag_copy(gbo_diagnostics *list, const gbo_diagnostic *d)
{
    return append(list, d->rule, d->severity, d->line, d->column, d->path, d->message);
}

const char *gbo_diagnostic_rule(const gbo_diagnostic *d)
{
    return d ? d->rule : NULL;
}

gbo_severity gbo_diagnostic_severity(const gbo_diagnostic *d)
{
    return d ? d->severity : GBO_SEVERITY_ERROR;
}

unsigned long gbo_diagnostic_line(const gbo_diagnostic *d)
{
    return d ? d->line : 0;
}

unsigned long gbo_diagnostic_column(const gbo_diagnostic *d)
{
    return d ? d->column : 0;
}

const char *gbo_diagnostic_path(const gbo_diagnostic *d)
{
    return d ? d->path : NULL;
}

const char *gbo_diagnostic_message(const gbo_diagnostic *d)
{
    return d ? d->message : NULL;
}

const char *gbo_severity_name(gbo_severity severity)
{
    return severity == GBO_SEVERITY_WARNING ? "warning" : "error";
}
