/* libgbo — the structural check of a model, from the field table. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "diagnostics.h"
#include "error.h"
#include "model.h"
#include "structure.h"

size_t gbop_utf8_length(const char *text)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        n += (*p & 0xC0) != 0x80;
    return n;
}

typedef struct check_ctx {
    gbo_diagnostics *diags;
    size_t faults;
    gbo_status status;
} check_ctx;

static void fault(check_ctx *c, const gbo_entity *e, gbo_field field, size_t index,
                  const char *key, const char *a0, const char *a1)
{
    char path[GBO_ERROR_PATH_SIZE];
    c->faults++;
    gbop_entity_path(e, field, index, path, sizeof path);
    if (gbop_diag(c->diags, "GBO-X003", GBO_SEVERITY_ERROR,
                  field == GBO_FIELD_NONE ? gbop_entity_line(e) : gbop_entity_value_line(e, field, index),
                  0, path, key, a0, a1, NULL) != GBO_OK)
        c->status = GBO_E_NOMEM;
}

/* `e`, written as the element `element`. */
static void check_entity(check_ctx *c, const gbo_entity *e, const char *element)
{
    const gbop_kind_desc *kind = gbop_kind(gbo_entity_kind(e));
    char number[24];

    for (size_t i = 0; i < kind->count && c->status == GBO_OK; i++) {
        gbo_field f = kind->fields[i];
        const gbop_field_desc *d = gbop_field(f);
        size_t count = gbo_entity_count(e, f);

        if (count == 0 && (d->flags & GBOP_REQUIRED)) {
            /* where the reader's schema check says it: the element (or
             * <header>) that lacks it */
            char path[GBO_ERROR_PATH_SIZE];
            size_t used;
            c->faults++;
            gbop_entity_path(e, GBO_FIELD_NONE, 0, path, sizeof path);
            used = strlen(path);
            if (d->flags & GBOP_HEADER)
                snprintf(path + used, sizeof path - used, "/header");
            if (gbop_diag(c->diags, "GBO-X003", GBO_SEVERITY_ERROR, gbop_entity_line(e), 0, path,
                          (d->flags & GBOP_ATTRIBUTE) ? "x003.missing-attribute"
                                                      : "x003.missing-child-expected",
                          (d->flags & GBOP_HEADER) ? "header" : element, d->name, NULL) != GBO_OK)
                c->status = GBO_E_NOMEM;
            continue;
        }
        for (size_t j = 0; j < count && c->status == GBO_OK; j++) {
            if (d->type == GBO_TYPE_ENTITY) {
                check_entity(c, gbo_entity_child(e, f, j), d->name);
            } else if (d->max_bytes && (d->type == GBO_TYPE_TEXT || d->type == GBO_TYPE_CODE) &&
                       gbop_utf8_length(gbo_entity_get_at(e, f, j)) > d->max_bytes) {
                snprintf(number, sizeof number, "%zu", d->max_bytes);
                fault(c, e, f, j, "x003.value-too-long", d->name, number);
            }
        }
    }
    /* only a reference (<organisation ref="..."/>) has no extension point */
    if (gbo_entity_kind(e) == GBO_KIND_REFERENCE && gbo_entity_extension_count(e) > 0 &&
        c->status == GBO_OK)
        fault(c, e, GBO_FIELD_NONE, 0, "x003.no-extension-point", element, NULL);
}

gbo_status gbop_check_structure(const gbo_entity *exchange, gbo_diagnostics *diags,
                                size_t *faults, gbo_error *err)
{
    check_ctx c = { diags, 0, GBO_OK };
    check_entity(&c, exchange, "exchange");
    *faults = c.faults;
    return c.status == GBO_OK ? GBO_OK : gbop_nomem(err);
}
