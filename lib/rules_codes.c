/* libgbo — code values: GBO-R001 (unknown, retired, not yet valid, or from
 * an extension the document does not declare) and GBO-R013 (possibly from a
 * declared extension that is not loaded: not checked). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "validate_internal.h"

/* true when the document's header declares extension `id`. */
static bool declared(const gbo_entity *doc, const char *id)
{
    for (size_t i = 0; i < gbo_entity_count(doc, GBO_EXCHANGE_EXTENSIONS); i++) {
        const char *d = gbo_entity_get(gbo_entity_child(doc, GBO_EXCHANGE_EXTENSIONS, i),
                                       GBO_EXTENSION_DECL_ID);
        if (d && strcmp(d, id) == 0)
            return true;
    }
    return false;
}

/* A declared extension that the validator's code lists do not hold, or NULL. */
static const char *declared_not_loaded(const vctx *c)
{
    for (size_t i = 0; i < gbo_entity_count(c->doc, GBO_EXCHANGE_EXTENSIONS); i++) {
        const char *d = gbo_entity_get(gbo_entity_child(c->doc, GBO_EXCHANGE_EXTENSIONS, i),
                                       GBO_EXTENSION_DECL_ID);
        bool loaded = false;
        for (size_t j = 0; d && j < gbo_codeset_extension_count(c->v->codes); j++)
            loaded = loaded || strcmp(gbo_codeset_extension_id(c->v->codes, j), d) == 0;
        if (d && !loaded)
            return d;
    }
    return NULL;
}

static void check(vctx *c, const gbo_entity *e, gbo_field f, size_t i)
{
    const char *list = gbo_field_code_list(f), *value = gbo_entity_get_at(e, f, i);
    const gbo_code *code = gbo_codeset_lookup(c->v->codes, list, value);
    char date[16];
    gbo_date bound;

    if (!code) {
        /* a value that is no code may be anything (a name typed into the
         * wrong field): it is never quoted, the path says where it is */
        const char *missing = declared_not_loaded(c);
        if (missing)
            gbop_report(c, "GBO-R013", e, f, i, "r013.not-loaded", missing, NULL, NULL);
        else
            gbop_report(c, "GBO-R001", e, f, i, "r001.unknown", list, NULL, NULL);
        return;
    }
    if (strcmp(gbo_code_origin(code), gbo_codeset_id(c->v->codes)) != 0 &&
        !declared(c->doc, gbo_code_origin(code))) {
        gbop_report(c, "GBO-R001", e, f, i, "r001.undeclared-extension", value, gbo_code_origin(code),
                    NULL);
        return;
    }
    if (!c->has_date)
        return;
    bound = gbo_code_valid_from(code);
    if (gbo_date_compare(c->date, bound) < 0) {
        snprintf(date, sizeof date, "%04d-%02d-%02d", bound.year, bound.month, bound.day);
        gbop_report(c, "GBO-R001", e, f, i, "r001.not-yet-valid", value, list, date);
    } else if (gbo_code_valid_until(code, &bound) && gbo_date_compare(c->date, bound) > 0) {
        snprintf(date, sizeof date, "%04d-%02d-%02d", bound.year, bound.month, bound.day);
        gbop_report(c, "GBO-R001", e, f, i, "r001.retired", value, list, date);
    }
}

static void visit(vctx *c, const gbo_entity *e)
{
    gbo_kind kind = gbo_entity_kind(e);
    for (size_t i = 0; i < gbo_kind_field_count(kind); i++) {
        gbo_field f = gbo_kind_field_at(kind, i);
        if (gbo_field_type(f) != GBO_TYPE_CODE)
            continue;
        for (size_t j = 0; j < gbo_entity_count(e, f); j++)
            check(c, e, f, j);
    }
}

void gbop_rules_codes(vctx *c)
{
    gbop_walk(c, c->doc, visit);
}
