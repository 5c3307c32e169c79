/* libgbo — the validator: reading (X rules) and then the rule groups. */
#include "config.h"

#include <string.h>

#include <gbo/rules.h>

#include "alloc.h"
#include "diagnostics.h"
#include "error.h"
#include "consent_internal.h"
#include "model.h"
#include "structure.h"
#include "validate_internal.h"
#include "xml.h"

gbo_validator *gbo_validator_new(const gbo_codeset *codes, gbo_error *err)
{
    gbo_validator *v;
    if (!codes && !(codes = gbo_codeset_builtin(err)))
        return NULL;
    v = gbop_calloc(1, sizeof *v);
    if (!v) {
        gbop_nomem(err);
        return NULL;
    }
    v->codes = codes;
    gbo_limits_init(&v->limits);
    v->context = gbo_consent_context_new(err);
    if (!v->context) {
        gbop_free(v);
        return NULL;
    }
    return v;
}

void gbo_validator_free(gbo_validator *v)
{
    if (!v)
        return;
    gbo_consent_context_free(v->context);
    gbop_free(v);
}

void gbo_validator_set_limits(gbo_validator *v, const gbo_limits *limits)
{
    if (v && limits)
        gbop_limits_normalise(limits, &v->limits);
}

gbo_status gbo_validator_add_context(gbo_validator *v, const gbo_entity *exchange, gbo_error *err)
{
    if (!v)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "NULL validator");
    return gbo_consent_context_add(v->context, exchange, err);
}

size_t gbo_validator_context_organisations(const gbo_validator *v)
{
    return v ? gbop_consent_context_organisations(v->context) : 0;
}

/* ---- shared helpers for the rule files ------------------------------------------- */

void gbop_report(vctx *c, const char *rule, const gbo_entity *e, gbo_field field, size_t index,
                 const char *key, const char *a0, const char *a1, const char *a2)
{
    char path[GBO_ERROR_PATH_SIZE];
    unsigned long line = field == GBO_FIELD_NONE ? gbop_entity_line(e)
                                                 : gbop_entity_value_line(e, field, index);
    gbop_entity_path(e, field, index, path, sizeof path);
    if (gbop_diag(c->diags, rule, gbo_rule_severity(gbo_rule_find(rule)), line, 0, path, key, a0,
                  a1, a2) != GBO_OK)
        c->status = GBO_E_NOMEM;
}

void gbop_walk(vctx *c, const gbo_entity *e, void (*visit)(vctx *c, const gbo_entity *e))
{
    gbo_kind kind = gbo_entity_kind(e);
    visit(c, e);
    for (size_t i = 0; i < gbo_kind_field_count(kind); i++) {
        gbo_field f = gbo_kind_field_at(kind, i);
        if (gbo_field_type(f) != GBO_TYPE_ENTITY)
            continue;
        for (size_t j = 0; j < gbo_entity_count(e, f); j++)
            gbop_walk(c, gbo_entity_child(e, f, j), visit);
    }
}

const char *gbop_reference_id(const gbo_entity *ref)
{
    return ref ? gbo_entity_get(ref, GBO_REFERENCE_REF) : NULL;
}

gbo_status gbo_validate_entity(const gbo_validator *v, const gbo_entity *exchange,
                               gbo_diagnostics *diags, gbo_error *err)
{
    vctx c;
    gbo_time created;
    size_t faults;

    if (!v || gbo_entity_kind(exchange) != GBO_KIND_EXCHANGE || !diags)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL,
                         "gbo_validate_entity needs a validator, an exchange and a list");
    /* the rules run on documents whose structure the schema accepts: one
     * built in code is checked here as the reader checks the bytes */
    if (gbop_check_structure(exchange, diags, &faults, err) != GBO_OK)
        return GBO_E_NOMEM;
    if (faults)
        return GBO_OK;
    memset(&c, 0, sizeof c);
    c.v = v;
    c.doc = exchange;
    c.diags = diags;
    if (gbo_entity_get_time(exchange, GBO_EXCHANGE_CREATED_AT, &created) == GBO_OK)
        c.has_date = gbop_brussels_date(created, &c.date);
    gbop_rules_references(&c);
    gbop_rules_identity(&c);
    gbop_rules_codes(&c);
    gbop_rules_referral(&c);
    c.consents = gbop_consent_context_view(v->context, exchange);
    if (!c.consents)
        c.status = GBO_E_NOMEM;
    else {
        gbop_rules_consent(&c);
        gbop_rules_lifecycle(&c);
    }
    gbop_rules_signal(&c);
    gbo_consent_context_free(c.consents);
    if (c.status == GBO_E_NOMEM)
        return gbop_nomem(err);
    if (c.status != GBO_OK)
        return gbop_fail(err, c.status, NULL, NULL, "the rules could not be applied: %s",
                         gbo_strerror(c.status));
    return GBO_OK;
}

gbo_status gbop_consent_findings(const gbo_entity *exchange, const gbo_consent_context *context,
                                 gbo_diagnostics *diags, gbo_error *err)
{
    gbo_validator v;
    vctx c;
    memset(&v, 0, sizeof v);
    memset(&c, 0, sizeof c);
    c.v = &v;
    c.doc = exchange;
    c.diags = diags;
    c.consents = gbop_consent_context_view(context, exchange);
    if (!c.consents)
        return gbop_nomem(err);
    gbop_rules_consent(&c);
    gbo_consent_context_free(c.consents);
    if (c.status == GBO_E_NOMEM)
        return gbop_nomem(err);
    if (c.status != GBO_OK)
        return gbop_fail(err, c.status, NULL, NULL, "the consent rules could not be applied");
    return GBO_OK;
}

gbo_status gbo_validate_memory(const gbo_validator *v, const char *data, size_t size,
                               gbo_diagnostics *diags, gbo_error *err)
{
    gbo_entity *doc = NULL;
    gbo_status status;
    if (!v || !diags)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "NULL argument");
    status = gbo_exchange_read_memory(data, size, &v->limits, &doc, diags, err);
    if (status == GBO_E_DOCUMENT)
        return GBO_OK; /* the reader's findings are the result */
    if (status != GBO_OK)
        return status;
    status = gbo_validate_entity(v, doc, diags, err);
    gbo_entity_free(doc);
    return status;
}

gbo_status gbo_validate_file(const gbo_validator *v, const char *path, gbo_diagnostics *diags,
                             gbo_error *err)
{
    gbo_entity *doc = NULL;
    gbo_status status;
    if (!v || !diags)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "NULL argument");
    status = gbo_exchange_read_file(path, &v->limits, &doc, diags, err);
    if (status == GBO_E_DOCUMENT)
        return GBO_OK;
    if (status != GBO_OK)
        return status;
    status = gbo_validate_entity(v, doc, diags, err);
    gbo_entity_free(doc);
    return status;
}
