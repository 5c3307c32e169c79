/* libgbo — data minimisation: strip what the consent does not cover
 * (SPEC §5). The inverse of the category derivation in rules_consent.c:
 * each data category names the fields that carry it. */
#include "config.h"

#include <string.h>

#include <gbo/consent.h>

#include "consent_internal.h"
#include "diagnostics.h"
#include "error.h"
#include "model.h"

/* What is stripped, and why: each removed part goes to `report` (may be
 * NULL) with its path, its line in the original, the data category and the
 * reason — never a value. */
typedef struct stripping {
    gbo_diagnostics *report;
    const char *category;
    const char *rule;   /* the consent rule that refused it */
    const char *reason; /* gbo_consent_reason_name(), or why no consent decided */
    gbo_error *err;
} stripping;

/* Say that `field` of `e` (its value or child `index`) is removed. */
static gbo_status note(const stripping *st, const gbo_entity *e, gbo_field field, size_t index)
{
    char path[GBO_ERROR_PATH_SIZE];
    if (!st->report)
        return GBO_OK;
    gbop_entity_path(e, field, index, path, sizeof path);
    if (gbop_diag(st->report, st->rule, GBO_SEVERITY_WARNING, gbop_entity_value_line(e, field, index),
                  0, path, "minimise.removed", st->category, st->reason, NULL) != GBO_OK)
        return gbop_nomem(st->err);
    return GBO_OK;
}

/* Remove every value or child of a field. */
static gbo_status clear(const stripping *st, gbo_entity *e, gbo_field f)
{
    if (gbo_entity_count(e, f) > 0 && note(st, e, f, 0) != GBO_OK)
        return GBO_E_NOMEM;
    while (gbo_entity_count(e, f) > 0)
        if (gbo_entity_remove_at(e, f, gbo_entity_count(e, f) - 1, st->err) != GBO_OK)
            return GBO_E_INTERNAL;
    return GBO_OK;
}

static gbo_status clear_all(const stripping *st, gbo_entity *e, const gbo_field *fields, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (clear(st, e, fields[i]) != GBO_OK)
            return st->err ? st->err->status : GBO_E_INTERNAL;
    return GBO_OK;
}

/* Remove child `index` of list `f`. */
static gbo_status remove_child(const stripping *st, gbo_entity *e, gbo_field f, size_t index)
{
    if (note(st, e, f, index) != GBO_OK)
        return GBO_E_NOMEM;
    return gbo_entity_remove_at(e, f, index, st->err) == GBO_OK ? GBO_OK : GBO_E_INTERNAL;
}

/* Which category a life domain's notes and steps carry. */
static const char *domain_category(const gbo_entity *d)
{
    const char *domain = gbo_entity_get(d, GBO_LIFE_DOMAIN_DOMAIN);
    bool judicial = false;
    if (gbo_entity_get_bool(d, GBO_LIFE_DOMAIN_JUDICIAL, &judicial) == GBO_OK && judicial)
        return "judicial";
    if (gbop_same(domain, "health") || gbop_same(domain, "mental-wellbeing"))
        return "health";
    if (gbop_same(domain, "income-finances") || gbop_same(domain, "debts"))
        return "financial";
    return "life-domain-situation";
}

static const char *right_category(const char *status)
{
    if (gbop_same(status, "potential") || gbop_same(status, "explored"))
        return "rights-potential";
    if (gbop_same(status, "granted") || gbop_same(status, "implemented"))
        return "rights-taken-up";
    return "rights-progress";
}

/* Strip category st->category from referral `r` and its subject `person`. */
static gbo_status strip(const stripping *st, gbo_entity *r, gbo_entity *person)
{
    const char *category = st->category;
    static const gbo_field identity[] = {
        GBO_PERSON_GIVEN_NAME, GBO_PERSON_FAMILY_NAME, GBO_PERSON_BIRTH_DATE, GBO_PERSON_LANGUAGE,
        GBO_PERSON_PHONE, GBO_PERSON_EMAIL, GBO_PERSON_ADDRESS, GBO_PERSON_PREFERRED_CHANNEL,
        GBO_PERSON_PREFERRED_PLACE, GBO_PERSON_PREFERRED_TIMES, GBO_PERSON_TRUSTED_PERSON,
        GBO_PERSON_LEGAL_REPRESENTATIVE, GBO_PERSON_DOSSIER_REFS,
    };
    static const gbo_field question[] = { GBO_REFERRAL_HELP_QUESTION, GBO_REFERRAL_HELP_QUESTION_LANGUAGE,
                                          GBO_REFERRAL_URGENCY, GBO_REFERRAL_HELP_SEEKING_STAGE };
    static const gbo_field strengths[] = { GBO_REFERRAL_STRENGTHS, GBO_REFERRAL_NETWORK };

    if (gbop_same(category, "identity-contact"))
        return person ? clear_all(st, person, identity, sizeof identity / sizeof *identity) : GBO_OK;
    if (gbop_same(category, "national-number"))
        return person ? clear(st, person, GBO_PERSON_NATIONAL_NUMBER) : GBO_OK;
    if (gbop_same(category, "help-question")) {
        if (person && clear(st, person, GBO_PERSON_HELP_SEEKING_STAGE) != GBO_OK)
            return GBO_E_INTERNAL;
        return clear_all(st, r, question, sizeof question / sizeof *question);
    }
    if (gbop_same(category, "strengths-network"))
        return clear_all(st, r, strengths, sizeof strengths / sizeof *strengths);
    if (gbop_same(category, "care-providers"))
        return clear(st, r, GBO_REFERRAL_CARE_PROVIDERS);
    /* life-domain-situation, health, financial, judicial: notes and steps of
     * the domains that carry the category; target groups (right assessments
     * and vulnerability kinds: strip_lists()) */
    for (size_t i = 0; i < gbo_entity_count(r, GBO_REFERRAL_LIFE_DOMAINS); i++) {
        gbo_entity *d = gbo_entity_child_mut(r, GBO_REFERRAL_LIFE_DOMAINS, i);
        if (gbop_same(domain_category(d), category) &&
            (clear(st, d, GBO_LIFE_DOMAIN_NOTE) != GBO_OK || clear(st, d, GBO_LIFE_DOMAIN_STEPS) != GBO_OK))
            return GBO_E_INTERNAL;
    }
    if (gbop_same(category, "life-domain-situation"))
        return clear(st, r, GBO_REFERRAL_TARGET_GROUPS);
    return GBO_OK;
}

static const char *vulnerability_category(const char *kind)
{
    return gbop_same(kind, "physical") || gbop_same(kind, "psychological") ? "health"
                                                                           : "life-domain-situation";
}

/* The denial of `category` among the n in `denied`, or NULL. */
static const stripping *denial(const stripping *denied, size_t n, const char *category)
{
    for (size_t i = 0; i < n; i++)
        if (gbop_same(denied[i].category, category))
            return &denied[i];
    return NULL;
}

/* The right assessments and vulnerability kinds of a denied category, each
 * list in one pass from its end, so that every removed item is reported at
 * its place in the original. */
static gbo_status strip_lists(const stripping *denied, size_t n, gbo_entity *r)
{
    const stripping *st;
    for (size_t i = gbo_entity_count(r, GBO_REFERRAL_RIGHT_ASSESSMENTS); i > 0; i--) {
        const char *status = gbo_entity_get(gbo_entity_child(r, GBO_REFERRAL_RIGHT_ASSESSMENTS, i - 1),
                                            GBO_RIGHT_ASSESSMENT_STATUS);
        if ((st = denial(denied, n, right_category(status))) &&
            remove_child(st, r, GBO_REFERRAL_RIGHT_ASSESSMENTS, i - 1) != GBO_OK)
            return GBO_E_INTERNAL;
    }
    for (size_t i = gbo_entity_count(r, GBO_REFERRAL_VULNERABILITY_KINDS); i > 0; i--) {
        const char *kind = gbo_entity_get_at(r, GBO_REFERRAL_VULNERABILITY_KINDS, i - 1);
        if ((st = denial(denied, n, vulnerability_category(kind))) &&
            remove_child(st, r, GBO_REFERRAL_VULNERABILITY_KINDS, i - 1) != GBO_OK)
            return GBO_E_INTERNAL;
    }
    return GBO_OK;
}

static gbo_entity *local_person(gbo_entity *doc, const char *id)
{
    for (size_t i = 0; id && i < gbo_entity_count(doc, GBO_EXCHANGE_PERSONS); i++) {
        gbo_entity *p = gbo_entity_child_mut(doc, GBO_EXCHANGE_PERSONS, i);
        if (gbop_same(gbo_entity_get(p, GBO_PERSON_ID), id))
            return p;
    }
    return NULL;
}

/* The categories minimisation decides on, one at a time. */
static const char *const categories[] = {
    "identity-contact", "national-number", "help-question", "life-domain-situation",
    "rights-taken-up", "rights-potential", "rights-progress", "care-providers",
    "strengths-network", "health", "judicial", "financial",
};

/* Minimise referral i of the copy: every category its consent does not
 * permit is stripped; with no consent to decide (none in the document or
 * the context, or no time or recipient to ask about), every category is. */
static gbo_status minimise_referral(const gbo_entity *exchange, gbo_entity *copy, size_t i,
                                    const gbo_consent_context *view, gbo_diagnostics *report,
                                    gbo_error *err)
{
    const gbo_entity *r = gbo_entity_child(exchange, GBO_EXCHANGE_REFERRALS, i);
    gbo_entity *target = gbo_entity_child_mut(copy, GBO_EXCHANGE_REFERRALS, i);
    const gbo_entity *consent = gbo_consent_context_find(view, gbop_ref_of(r, GBO_REFERRAL_CONSENT));
    gbo_entity *person;
    gbo_consent_request req;
    stripping st = { report, NULL, NULL, NULL, err };
    stripping denied[sizeof categories / sizeof *categories];
    size_t ndenied = 0;
    bool decidable;
    gbo_status status = GBO_OK;

    req.purpose = gbop_referral_purpose(gbo_entity_get(r, GBO_REFERRAL_KIND));
    req.recipient = gbop_ref_of(gbo_entity_child(r, GBO_REFERRAL_TO, 0), GBO_PARTY_ORGANISATION);
    if (!req.purpose || gbo_entity_count(r, GBO_REFERRAL_EMERGENCY))
        return GBO_OK; /* a consult carries no person; an emergency is its own basis */
    decidable = consent && req.recipient &&
                (gbo_entity_get_time(r, GBO_REFERRAL_CREATED_AT, &req.at) == GBO_OK ||
                 gbo_entity_get_time(exchange, GBO_EXCHANGE_CREATED_AT, &req.at) == GBO_OK);
    person = gbo_entity_get(gbo_entity_child(r, GBO_REFERRAL_SUBJECT, 0), GBO_REFERENCE_ISSUER)
                 ? NULL
                 : local_person(copy, gbop_ref_of(r, GBO_REFERRAL_SUBJECT));
    if (!decidable) {
        /* no consent decides: nothing personal goes (fail closed) */
        bool external = gbo_entity_get(gbo_entity_child(r, GBO_REFERRAL_CONSENT, 0),
                                       GBO_REFERENCE_ISSUER) != NULL;
        st.rule = !gbo_entity_count(r, GBO_REFERRAL_CONSENT) ? "GBO-C001"
                  : consent                                  ? "GBO-C004"
                  : external                                 ? "GBO-C012"
                                                             : "GBO-C001";
        st.reason = consent ? "undecidable" : "no-consent";
    }
    for (size_t k = 0; status == GBO_OK && k < sizeof categories / sizeof *categories; k++) {
        gbo_consent_decision d;
        st.category = categories[k];
        if (decidable) {
            req.category = categories[k];
            if ((status = gbo_consent_evaluate(view, consent, &req, &d, err)) != GBO_OK || d.permit)
                continue;
            st.rule = d.rule;
            st.reason = gbo_consent_reason_name(d.reason);
        }
        denied[ndenied++] = st;
        status = strip(&st, target, person);
    }
    return status == GBO_OK ? strip_lists(denied, ndenied, target) : status;
}

gbo_entity *gbo_exchange_minimise(const gbo_entity *exchange, const gbo_consent_context *context,
                                  gbo_error *err)
{
    return gbo_exchange_minimise_report(exchange, context, NULL, err);
}

gbo_entity *gbo_exchange_minimise_report(const gbo_entity *exchange,
                                         const gbo_consent_context *context,
                                         gbo_diagnostics *report, gbo_error *err)
{
    gbo_entity *copy;
    gbo_consent_context *view;
    gbo_status status = GBO_OK;

    if (gbo_entity_kind(exchange) != GBO_KIND_EXCHANGE) {
        gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "gbo_exchange_minimise takes an exchange");
        return NULL;
    }
    copy = gbo_entity_copy(exchange, err);
    if (!copy)
        return NULL;
    /* decide against the original (context + document), strip the copy */
    view = gbop_consent_context_view(context, exchange);
    if (!view) {
        gbo_entity_free(copy);
        gbop_nomem(err);
        return NULL;
    }
    for (size_t i = 0; status == GBO_OK && i < gbo_entity_count(exchange, GBO_EXCHANGE_REFERRALS); i++)
        status = minimise_referral(exchange, copy, i, view, report, err);
    gbo_consent_context_free(view);
    if (status != GBO_OK) {
        gbo_entity_free(copy);
        return NULL;
    }
    return copy;
}
