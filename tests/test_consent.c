/* Consent evaluation (SPEC §2.4): a decision table over the consents in
 * tests/fixtures/consent/context.xml. Organisations: A OCMW Gent (records
 * most consents), B CAW Gent+Meetjesland, C DMW Meetjesland, D school Gent
 * and E home care Gent (not core partners, no professional secrecy), F OCMW
 * Brugge. Consents:
 *   1 permit network/reception/[identity-contact help-question
 *     life-domain-situation financial national-number] with a deny child for
 *     national-number; valid 2025-01-01..2025-12-31; withdrawn 2025-06-15
 *     10:00 Brussels (08:00Z)
 *   2 permit B (anything) > deny case-conference > permit help-question;
 *     oral; no <informed> recorded; until support ends (A ended 2025-05-01,
 *     B, which accepted a referral under it, 2025-06-01 12:00Z)
 *   3 permit kind dmw/dossier-transfer/full-dossier; written; from 2025-02-01
 *   4 permit network/reception/[financial health help-question] and, at the
 *     same depth, deny kind caw/financial; until 2025-10-31
 *   5 minor (born 2013-03-10) as own grantor, no capacity assessment; 6 the
 *     same with an assessment; both permit everything
 *   7 oral and 8 written without document reference: dossier-transfer
 *   9 permit C in March 2025 only; recorded by C, until support ends
 *     (C ended 2025-03-10 12:00Z)
 *   10 and 11 recorded by the school D, until support ends, permit
 *     everything: 10 for a client B took up (a referral accepted) and ended
 *     2025-04-01 12:00Z; 11 for a client only D ended (2025-02-01)
 *   12 permit kind dmw/dossier-transfer/full-dossier with a deny child for
 *     health
 *   13 permit everything, but knowsWhy recorded false (GBO-C014) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gbo/gbo.h>

#include "test_helpers.h"

#define W_INF GBO_CONSENT_WARN_INFORMED_INCOMPLETE
#define W_SEC GBO_CONSENT_WARN_RECIPIENT_NO_SECRECY
#define W_MIN GBO_CONSENT_WARN_MINOR_WITHOUT_ASSESSMENT

typedef struct row {
    int consent;
    char org;          /* A-F, or X for an organisation the context does not know */
    const char *purpose, *category, *at;
    gbo_consent_reason reason;
    unsigned warnings;
} row;

#define OK GBO_CONSENT_PERMITTED
static const row table[] = {
    /* 1: the network, a deny child, every reason */
    { 1, 'B', "reception", "identity-contact", "2025-03-01T10:00:00Z", OK, 0 },
    { 1, 'A', "reception", "help-question", "2025-03-01T10:00:00Z", OK, 0 },
    { 1, 'B', "reception", "financial", "2025-03-01T10:00:00Z", OK, 0 },
    { 1, 'B', "reception", "national-number", "2025-03-01T10:00:00Z", GBO_CONSENT_DENIED_BY_PROVISION, 0 },
    { 1, 'C', "reception", "identity-contact", "2025-03-01T10:00:00Z", GBO_CONSENT_RECIPIENT_NOT_COVERED, 0 },
    { 1, 'F', "reception", "identity-contact", "2025-03-01T10:00:00Z", GBO_CONSENT_RECIPIENT_NOT_COVERED, 0 },
    { 1, 'D', "reception", "identity-contact", "2025-03-01T10:00:00Z", GBO_CONSENT_RECIPIENT_NOT_COVERED, 0 },
    { 1, 'E', "reception", "identity-contact", "2025-03-01T10:00:00Z", GBO_CONSENT_RECIPIENT_NOT_COVERED, 0 },
    { 1, 'X', "reception", "identity-contact", "2025-03-01T10:00:00Z", GBO_CONSENT_RECIPIENT_NOT_COVERED, 0 },
    { 1, 'B', "back-office", "identity-contact", "2025-03-01T10:00:00Z", GBO_CONSENT_PURPOSE_NOT_COVERED, 0 },
    { 1, 'B', "reception", "rights-progress", "2025-03-01T10:00:00Z", GBO_CONSENT_CATEGORY_NOT_COVERED, 0 },
    { 1, 'B', "reception", "health", "2025-03-01T10:00:00Z", GBO_CONSENT_SPECIAL_CATEGORY_NOT_NAMED, 0 },
    { 1, 'B', "reception", "judicial", "2025-03-01T10:00:00Z", GBO_CONSENT_SPECIAL_CATEGORY_NOT_NAMED, 0 },
    /* withdrawal at its instant; validity from the first Brussels day */
    { 1, 'B', "reception", "identity-contact", "2025-06-15T08:00:00Z", GBO_CONSENT_WITHDRAWN, 0 },
    { 1, 'B', "reception", "identity-contact", "2025-06-15T10:00:00+02:00", GBO_CONSENT_WITHDRAWN, 0 },
    { 1, 'B', "reception", "identity-contact", "2025-06-15T07:59:59Z", OK, 0 },
    { 1, 'B', "reception", "identity-contact", "2025-07-01T10:00:00Z", GBO_CONSENT_WITHDRAWN, 0 },
    { 1, 'C', "reception", "identity-contact", "2025-07-01T10:00:00Z", GBO_CONSENT_WITHDRAWN, 0 },
    { 1, 'B', "reception", "identity-contact", "2024-12-31T22:59:59Z", GBO_CONSENT_NOT_YET_VALID, 0 },
    { 1, 'B', "reception", "identity-contact", "2024-12-31T23:00:00Z", OK, 0 },
    /* 2: exceptions both ways, two deep; informed incomplete; support ends */
    { 2, 'B', "reception", "identity-contact", "2025-03-01T10:00:00Z", OK, W_INF },
    { 2, 'B', "back-office", "help-question", "2025-03-01T10:00:00Z", OK, W_INF },
    { 2, 'B', "case-conference", "identity-contact", "2025-03-01T10:00:00Z", GBO_CONSENT_DENIED_BY_PROVISION, W_INF },
    { 2, 'B', "case-conference", "help-question", "2025-03-01T10:00:00Z", OK, W_INF },
    { 2, 'C', "reception", "identity-contact", "2025-03-01T10:00:00Z", GBO_CONSENT_RECIPIENT_NOT_COVERED, W_INF },
    { 2, 'E', "reception", "identity-contact", "2025-03-01T10:00:00Z", GBO_CONSENT_RECIPIENT_NOT_COVERED, W_INF | W_SEC },
    { 2, 'D', "reception", "identity-contact", "2025-03-01T10:00:00Z", GBO_CONSENT_RECIPIENT_NOT_COVERED, W_INF | W_SEC },
    { 2, 'B', "reception", "health", "2025-03-01T10:00:00Z", GBO_CONSENT_SPECIAL_CATEGORY_NOT_NAMED, W_INF },
    { 2, 'B', "dossier-transfer", "identity-contact", "2025-03-01T10:00:00Z", GBO_CONSENT_WRITTEN_FORM_REQUIRED, W_INF },
    { 2, 'B', "reception", "identity-contact", "2025-05-15T10:00:00Z", OK, W_INF },            /* only A ended */
    { 2, 'B', "reception", "identity-contact", "2025-06-01T11:59:59Z", OK, W_INF },
    { 2, 'B', "reception", "identity-contact", "2025-06-01T12:00:00Z", GBO_CONSENT_EXPIRED, W_INF }, /* both */
    /* 3: partner kind, full-dossier, written */
    { 3, 'C', "dossier-transfer", "full-dossier", "2025-03-01T10:00:00Z", OK, 0 },
    { 3, 'C', "dossier-transfer", "identity-contact", "2025-03-01T10:00:00Z", OK, 0 },
    { 3, 'C', "dossier-transfer", "financial", "2025-03-01T10:00:00Z", OK, 0 },
    { 3, 'C', "dossier-transfer", "health", "2025-03-01T10:00:00Z", OK, 0 },     /* full-dossier names it */
    { 3, 'C', "dossier-transfer", "judicial", "2025-03-01T10:00:00Z", OK, 0 },
    { 3, 'B', "dossier-transfer", "full-dossier", "2025-03-01T10:00:00Z", GBO_CONSENT_RECIPIENT_NOT_COVERED, 0 },
    { 3, 'F', "dossier-transfer", "full-dossier", "2025-03-01T10:00:00Z", GBO_CONSENT_RECIPIENT_NOT_COVERED, 0 },
    { 3, 'C', "reception", "identity-contact", "2025-03-01T10:00:00Z", GBO_CONSENT_PURPOSE_NOT_COVERED, 0 },
    { 3, 'C', "dossier-transfer", "full-dossier", "2025-01-31T22:59:59Z", GBO_CONSENT_NOT_YET_VALID, 0 },
    { 3, 'C', "dossier-transfer", "full-dossier", "2025-01-31T23:00:00Z", OK, 0 },
    /* 4: deny among equals, a special category named, the end of the until day */
    { 4, 'B', "reception", "financial", "2025-03-01T10:00:00Z", GBO_CONSENT_DENIED_BY_PROVISION, 0 },
    { 4, 'A', "reception", "financial", "2025-03-01T10:00:00Z", OK, 0 },
    { 4, 'B', "reception", "health", "2025-03-01T10:00:00Z", OK, 0 },
    { 4, 'B', "reception", "help-question", "2025-03-01T10:00:00Z", OK, 0 },
    { 4, 'B', "reception", "judicial", "2025-03-01T10:00:00Z", GBO_CONSENT_SPECIAL_CATEGORY_NOT_NAMED, 0 },
    { 4, 'C', "reception", "help-question", "2025-03-01T10:00:00Z", GBO_CONSENT_RECIPIENT_NOT_COVERED, 0 },
    { 4, 'A', "reception", "help-question", "2025-10-31T22:59:59Z", OK, 0 },
    { 4, 'A', "reception", "help-question", "2025-10-31T23:00:00Z", GBO_CONSENT_EXPIRED, 0 },
    /* 5, 6: a minor as own grantor */
    { 5, 'A', "reception", "identity-contact", "2025-03-01T10:00:00Z", OK, W_MIN },
    { 5, 'A', "reception", "identity-contact", "2026-03-09T12:00:00Z", OK, W_MIN },
    { 5, 'A', "reception", "identity-contact", "2026-03-10T12:00:00Z", OK, 0 },
    { 5, 'A', "reception", "health", "2025-03-01T10:00:00Z", GBO_CONSENT_SPECIAL_CATEGORY_NOT_NAMED, W_MIN },
    { 6, 'A', "reception", "identity-contact", "2025-03-01T10:00:00Z", OK, 0 },
    /* 7, 8: dossier transfer needs written or digital consent with a document */
    { 7, 'A', "dossier-transfer", "identity-contact", "2025-03-01T10:00:00Z", GBO_CONSENT_WRITTEN_FORM_REQUIRED, 0 },
    { 7, 'A', "reception", "identity-contact", "2025-03-01T10:00:00Z", GBO_CONSENT_PURPOSE_NOT_COVERED, 0 },
    { 8, 'A', "dossier-transfer", "identity-contact", "2025-03-01T10:00:00Z", GBO_CONSENT_WRITTEN_FORM_REQUIRED, 0 },
    /* 9: a provision's own dates; support ended by the recorder alone */
    { 9, 'C', "reception", "identity-contact", "2025-03-05T10:00:00Z", OK, 0 },
    { 9, 'C', "reception", "identity-contact", "2025-02-28T12:00:00Z", GBO_CONSENT_RECIPIENT_NOT_COVERED, 0 },
    { 9, 'C', "reception", "identity-contact", "2025-03-10T11:59:59Z", OK, 0 },
    { 9, 'C', "reception", "identity-contact", "2025-03-10T12:00:00Z", GBO_CONSENT_EXPIRED, 0 },
    { 9, 'B', "reception", "identity-contact", "2025-03-05T10:00:00Z", GBO_CONSENT_RECIPIENT_NOT_COVERED, 0 },
    /* 10: recorded by a school, support taken up by B alone: B's end ends it */
    { 10, 'B', "reception", "identity-contact", "2025-04-01T11:59:59Z", OK, 0 },
    { 10, 'B', "reception", "identity-contact", "2025-04-01T12:00:00Z", GBO_CONSENT_EXPIRED, 0 },
    /* 11: recorded by a school that ended its own support; no core partner
     * took up support: it has not ended */
    { 11, 'A', "reception", "identity-contact", "2025-03-01T10:00:00Z", OK, 0 },
    /* 12: a deny child names health under a full-dossier permit */
    { 12, 'C', "dossier-transfer", "health", "2025-03-01T10:00:00Z", GBO_CONSENT_DENIED_BY_PROVISION, 0 },
    { 12, 'C', "dossier-transfer", "judicial", "2025-03-01T10:00:00Z", OK, 0 },
    { 12, 'C', "dossier-transfer", "full-dossier", "2025-03-01T10:00:00Z", OK, 0 },
    /* 13: an informed element recorded false covers nothing */
    { 13, 'B', "reception", "identity-contact", "2025-03-01T10:00:00Z", GBO_CONSENT_NOT_INFORMED, 0 },
    { 13, 'A', "back-office", "help-question", "2025-03-01T10:00:00Z", GBO_CONSENT_NOT_INFORMED, 0 },
    { 13, 'B', "reception", "identity-contact", "2024-12-31T10:00:00Z", GBO_CONSENT_NOT_YET_VALID, 0 },
};

static const char *org_id(char org)
{
    static char id[40];
    if (org == 'X')
        return "99999999-0000-4000-8000-000000000099";
    snprintf(id, sizeof id, "%c0000000-0000-4000-8000-00000000000%c", org - 'A' + 'a', org - 'A' + 'a');
    return id;
}

static gbo_consent_context *load_context(void)
{
    gbo_consent_context *ctx = gbo_consent_context_new(NULL);
    gbo_entity *doc = NULL;
    CU_ASSERT_PTR_NOT_NULL_FATAL(ctx);
    CU_ASSERT_EQUAL_FATAL(gbo_exchange_read_file(gbo_test_fixture("consent/context.xml"), NULL, &doc, NULL, NULL), GBO_OK);
    CU_ASSERT_EQUAL_FATAL(gbo_consent_context_add(ctx, doc, NULL), GBO_OK);
    gbo_entity_free(doc);
    return ctx;
}

static const gbo_entity *consent(const gbo_consent_context *ctx, int n)
{
    char id[40];
    snprintf(id, sizeof id, "c0000000-0000-4000-8000-%012d", n);
    return gbo_consent_context_find(ctx, id);
}

static void decision_table(void)
{
    gbo_consent_context *ctx = load_context();
    size_t rows = sizeof table / sizeof *table, permits = 0;
    bool reasons[16] = { false };

    CU_ASSERT(rows >= 60);
    for (size_t i = 0; i < rows; i++) {
        const row *r = &table[i];
        gbo_consent_request req = { org_id(r->org), r->purpose, r->category, { 0, 0 } };
        gbo_consent_decision d;
        const gbo_entity *k = consent(ctx, r->consent);
        CU_ASSERT_PTR_NOT_NULL_FATAL(k);
        CU_ASSERT_EQUAL_FATAL(gbo_time_parse(r->at, &req.at, NULL), GBO_OK);
        CU_ASSERT_EQUAL_FATAL(gbo_consent_evaluate(ctx, k, &req, &d, NULL), GBO_OK);
        if (d.reason != r->reason || d.warnings != r->warnings) {
            fprintf(stderr, "row %zu (consent %d, %c, %s, %s, %s): got %s warnings %u, want %s warnings %u\n",
                    i + 1, r->consent, r->org, r->purpose, r->category, r->at, gbo_consent_reason_name(d.reason),
                    d.warnings, gbo_consent_reason_name(r->reason), r->warnings);
            CU_FAIL("decision differs from the table");
        }
        CU_ASSERT_EQUAL(d.permit, r->reason == OK);
        CU_ASSERT_EQUAL(d.rule == NULL, r->reason == OK);
        permits += d.permit;
        reasons[r->reason] = true;
    }
    /* the table covers every reason */
    for (int reason = GBO_CONSENT_PERMITTED; reason <= GBO_CONSENT_SPECIAL_CATEGORY_NOT_NAMED; reason++)
        CU_ASSERT_TRUE(reasons[reason]);
    CU_ASSERT(permits > 15);
    gbo_consent_context_free(ctx);
}

static void rules_of_reasons(void)
{
    gbo_consent_context *ctx = load_context();
    gbo_consent_request req = { org_id('B'), "reception", "national-number", { 0, 0 } };
    gbo_consent_decision d;
    CU_ASSERT_EQUAL(gbo_time_parse("2025-03-01T10:00:00Z", &req.at, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_consent_evaluate(ctx, consent(ctx, 1), &req, &d, NULL), GBO_OK);
    CU_ASSERT_STRING_EQUAL(d.rule, "GBO-C004");
    req.purpose = "back-office";
    CU_ASSERT_EQUAL(gbo_consent_evaluate(ctx, consent(ctx, 1), &req, &d, NULL), GBO_OK);
    CU_ASSERT_STRING_EQUAL(d.rule, "GBO-C003");
    req.recipient = org_id('F');
    CU_ASSERT_EQUAL(gbo_consent_evaluate(ctx, consent(ctx, 1), &req, &d, NULL), GBO_OK);
    CU_ASSERT_STRING_EQUAL(d.rule, "GBO-C002");
    CU_ASSERT_STRING_EQUAL(gbo_consent_reason_name(GBO_CONSENT_WITHDRAWN), "withdrawn");
    CU_ASSERT_STRING_EQUAL(gbo_consent_warning_name(GBO_CONSENT_WARN_INFORMED_INCOMPLETE), "informed-incomplete");
    CU_ASSERT_STRING_EQUAL(gbo_consent_warning_name(GBO_CONSENT_WARN_RECIPIENT_NO_SECRECY), "recipient-without-secrecy");
    CU_ASSERT_STRING_EQUAL(gbo_consent_warning_name(GBO_CONSENT_WARN_MINOR_WITHOUT_ASSESSMENT), "minor-without-assessment");
    CU_ASSERT_PTR_NULL(gbo_consent_warning_name(0));
    CU_ASSERT_PTR_NULL(gbo_consent_warning_name(GBO_CONSENT_WARN_INFORMED_INCOMPLETE | GBO_CONSENT_WARN_RECIPIENT_NO_SECRECY));
    CU_ASSERT_PTR_NULL(gbo_consent_warning_name(1u << 3));
    CU_ASSERT_STRING_EQUAL(gbo_consent_reason_name((gbo_consent_reason)99), "unknown");
    gbo_consent_context_free(ctx);
}

/* Without a context only what the consent itself says can be decided:
 * organisation ids match, kinds and the network cannot. */
static void without_context(void)
{
    gbo_consent_context *ctx = load_context();
    gbo_consent_request req = { org_id('B'), "reception", "identity-contact", { 0, 0 } };
    gbo_consent_decision d;
    CU_ASSERT_EQUAL(gbo_time_parse("2025-03-01T10:00:00Z", &req.at, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_consent_evaluate(NULL, consent(ctx, 2), &req, &d, NULL), GBO_OK);
    CU_ASSERT_TRUE(d.permit);
    CU_ASSERT_EQUAL(gbo_consent_evaluate(NULL, consent(ctx, 1), &req, &d, NULL), GBO_OK);
    CU_ASSERT_EQUAL(d.reason, GBO_CONSENT_RECIPIENT_NOT_COVERED);
    req.purpose = NULL;
    CU_ASSERT_EQUAL(gbo_consent_evaluate(ctx, consent(ctx, 1), &req, &d, NULL), GBO_E_INVALID_ARG);
    req.purpose = "reception";
    CU_ASSERT_EQUAL(gbo_consent_evaluate(ctx, NULL, &req, &d, NULL), GBO_E_INVALID_ARG);
    CU_ASSERT_PTR_NULL(gbo_consent_context_find(ctx, "no-such-id"));
    CU_ASSERT_EQUAL(gbo_consent_context_add(ctx, consent(ctx, 1), NULL), GBO_E_INVALID_ARG);
    gbo_consent_context_free(ctx);
    gbo_consent_context_free(NULL);
}

static gbo_entity *read_fixture(const char *rel)
{
    gbo_entity *doc = NULL;
    CU_ASSERT_EQUAL_FATAL(gbo_exchange_read_file(gbo_test_fixture(rel), NULL, &doc, NULL, NULL), GBO_OK);
    return doc;
}

/* SPEC §5: the writer refuses what the consent does not cover. */
static void writer_refuses_uncovered_data(void)
{
    gbo_entity *denied = read_fixture("rules/GBO-C002/trigger.xml");
    gbo_entity *covered = read_fixture("rules/GBO-C002/twin.xml");
    gbo_entity *no_basis = read_fixture("rules/GBO-C001/trigger.xml");
    gbo_entity *external = read_fixture("rules/GBO-C012/trigger.xml");
    gbo_entity *not_informed = read_fixture("rules/GBO-C014/trigger.xml");
    gbo_diagnostics *diags = gbo_diagnostics_new(NULL);
    gbo_write_options emergency = { NULL, 1 };
    gbo_error err;
    char *out = NULL;
    size_t size;

    CU_ASSERT_EQUAL(gbo_exchange_write_memory(denied, &out, &size, &err), GBO_E_DOCUMENT);
    CU_ASSERT_STRING_EQUAL(err.rule, "GBO-C002");
    CU_ASSERT_STRING_EQUAL(err.path, "/exchange/referral[1]/consent");
    CU_ASSERT_PTR_NULL(out);
    CU_ASSERT_EQUAL(gbo_exchange_write_checked(denied, NULL, &out, &size, diags, &err), GBO_E_DOCUMENT);
    CU_ASSERT(gbo_diagnostics_count(diags) >= 1);
    CU_ASSERT_EQUAL(gbo_exchange_write_memory(no_basis, &out, &size, &err), GBO_E_DOCUMENT);
    CU_ASSERT_STRING_EQUAL(err.rule, "GBO-C001");
    /* a consent with an informed element recorded false covers nothing */
    CU_ASSERT_EQUAL(gbo_exchange_write_memory(not_informed, &out, &size, &err), GBO_E_DOCUMENT);
    CU_ASSERT_STRING_EQUAL(err.rule, "GBO-C014");
    CU_ASSERT_STRING_EQUAL(err.path, "/exchange/consent[1]/informed");
    CU_ASSERT_PTR_NULL(out);
    /* the caller's emergency basis overrides */
    CU_ASSERT_EQUAL(gbo_exchange_write_checked(denied, &emergency, &out, &size, NULL, &err), GBO_OK);
    CU_ASSERT_PTR_NOT_NULL(out);
    gbo_free(out);
    out = NULL;
    /* covered data is written; a consent sent earlier and not given does not stop it */
    CU_ASSERT_EQUAL(gbo_exchange_write_memory(covered, &out, &size, &err), GBO_OK);
    gbo_free(out);
    out = NULL;
    CU_ASSERT_EQUAL(gbo_exchange_write_memory(external, &out, &size, &err), GBO_OK);
    gbo_free(out);
    out = NULL;
    {
        /* ... but once that consent is in the context, it decides */
        gbo_consent_context *ctx = gbo_consent_context_new(NULL);
        gbo_entity *earlier = gbo_entity_copy(denied, NULL), *ref;
        gbo_write_options with_context = { ctx, 0 };
        CU_ASSERT_PTR_NOT_NULL_FATAL(ctx);
        CU_ASSERT_PTR_NOT_NULL_FATAL(earlier);
        /* the earlier document holds the consent the external reference names */
        ref = gbo_entity_child_mut(gbo_entity_child_mut(external, GBO_EXCHANGE_REFERRALS, 0), GBO_REFERRAL_CONSENT, 0);
        CU_ASSERT_EQUAL(gbo_entity_set(gbo_entity_child_mut(earlier, GBO_EXCHANGE_CONSENTS, 0), GBO_CONSENT_ID,
                                       gbo_entity_get(ref, GBO_REFERENCE_REF), NULL), GBO_OK);
        CU_ASSERT_EQUAL(gbo_consent_context_add(ctx, earlier, NULL), GBO_OK);
        CU_ASSERT_EQUAL(gbo_exchange_write_checked(external, &with_context, &out, &size, NULL, &err),
                        GBO_E_DOCUMENT);
        CU_ASSERT_STRING_EQUAL(err.rule, "GBO-C002");
        gbo_entity_free(earlier);
        gbo_consent_context_free(ctx);
    }
    gbo_diagnostics_free(diags);
    gbo_entity_free(denied);
    gbo_entity_free(covered);
    gbo_entity_free(no_basis);
    gbo_entity_free(external);
    gbo_entity_free(not_informed);
}

/* Minimise strips exactly the categories the consent does not cover. */
static void minimise(void)
{
    gbo_entity *doc = read_fixture("rules/GBO-C004/trigger.xml"), *min, *same, *warm = NULL;
    const gbo_entity *r, *p;
    gbo_diagnostics *report;
    gbo_error err;
    char *out = NULL, path[4096];
    size_t size;

    /* the help question is not covered: the writer refuses the original */
    CU_ASSERT_EQUAL(gbo_exchange_write_memory(doc, &out, &size, &err), GBO_E_DOCUMENT);
    CU_ASSERT_STRING_EQUAL(err.rule, "GBO-C004");
    report = gbo_diagnostics_new(NULL);
    gbo_diagnostics_set_lang(report, GBO_LANG_EN);
    min = gbo_exchange_minimise_report(doc, NULL, report, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(min);
    /* what was removed, where, and why; never a value */
    CU_ASSERT_EQUAL_FATAL(gbo_diagnostics_count(report), 2);
    CU_ASSERT_STRING_EQUAL(gbo_diagnostic_rule(gbo_diagnostics_at(report, 0)), "GBO-C004");
    CU_ASSERT_STRING_EQUAL(gbo_diagnostic_path(gbo_diagnostics_at(report, 0)),
                           "/exchange/referral[1]/helpQuestion");
    CU_ASSERT_STRING_EQUAL(gbo_diagnostic_message(gbo_diagnostics_at(report, 0)),
                           "removed: data category help-question (category-not-covered)");
    CU_ASSERT_STRING_EQUAL(gbo_diagnostic_path(gbo_diagnostics_at(report, 1)),
                           "/exchange/referral[1]/urgency");
    gbo_diagnostics_free(report);
    r = gbo_entity_child(min, GBO_EXCHANGE_REFERRALS, 0);
    p = gbo_entity_child(min, GBO_EXCHANGE_PERSONS, 0);
    CU_ASSERT_EQUAL(gbo_entity_count(r, GBO_REFERRAL_HELP_QUESTION), 0);
    CU_ASSERT_PTR_NOT_NULL(gbo_entity_get(p, GBO_PERSON_GIVEN_NAME));   /* identity-contact is covered */
    CU_ASSERT_PTR_NOT_NULL(gbo_entity_get(gbo_entity_child(doc, GBO_EXCHANGE_REFERRALS, 0),
                                          GBO_REFERRAL_HELP_QUESTION)); /* the original is untouched */
    CU_ASSERT_EQUAL(gbo_exchange_write_memory(min, &out, &size, &err), GBO_OK);
    gbo_free(out);
    out = NULL;

    /* a referral whose consent covers everything it carries is unchanged */
    snprintf(path, sizeof path, "%s/examples/referral-warm.xml", getenv("GBO_SRCDIR") ? getenv("GBO_SRCDIR") : ".");
    CU_ASSERT_EQUAL_FATAL(gbo_exchange_read_file(path, NULL, &warm, NULL, NULL), GBO_OK);
    same = gbo_exchange_minimise(warm, NULL, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(same);
    CU_ASSERT_TRUE(gbo_entity_equal(same, warm));
    gbo_entity_free(same);

    /* without a consent to go by, nothing personal goes (it failed open
     * before: the referral was copied as it was) */
    gbo_entity_free(doc);
    doc = read_fixture("rules/GBO-C001/trigger.xml");
    report = gbo_diagnostics_new(NULL);
    gbo_diagnostics_set_lang(report, GBO_LANG_EN);
    same = gbo_exchange_minimise_report(doc, NULL, report, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(same);
    CU_ASSERT_FALSE(gbo_entity_equal(same, doc));
    r = gbo_entity_child(same, GBO_EXCHANGE_REFERRALS, 0);
    p = gbo_entity_child(same, GBO_EXCHANGE_PERSONS, 0);
    CU_ASSERT_EQUAL(gbo_entity_count(r, GBO_REFERRAL_HELP_QUESTION), 0);
    CU_ASSERT_PTR_NULL(gbo_entity_get(p, GBO_PERSON_GIVEN_NAME));
    CU_ASSERT_PTR_NULL(gbo_entity_get(p, GBO_PERSON_FAMILY_NAME));
    CU_ASSERT(gbo_diagnostics_count(report) >= 2);
    for (size_t i = 0; i < gbo_diagnostics_count(report); i++) {
        const gbo_diagnostic *d = gbo_diagnostics_at(report, i);
        CU_ASSERT_STRING_EQUAL(gbo_diagnostic_rule(d), "GBO-C001");
        CU_ASSERT(strstr(gbo_diagnostic_message(d), "(no-consent)") != NULL);
        CU_ASSERT(strncmp(gbo_diagnostic_path(d), "/exchange/", 10) == 0);
        CU_ASSERT(gbo_diagnostic_line(d) > 0);
    }
    gbo_entity_free(same);
    /* a consent sent earlier and not in the context: the same, as GBO-C012 */
    gbo_entity_free(doc);
    doc = read_fixture("rules/GBO-C012/trigger.xml");
    gbo_diagnostics_clear(report);
    same = gbo_exchange_minimise_report(doc, NULL, report, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(same);
    CU_ASSERT_EQUAL(gbo_entity_count(gbo_entity_child(same, GBO_EXCHANGE_REFERRALS, 0),
                                     GBO_REFERRAL_HELP_QUESTION), 0);
    CU_ASSERT(gbo_diagnostics_count(report) >= 1);
    CU_ASSERT_STRING_EQUAL(gbo_diagnostic_rule(gbo_diagnostics_at(report, 0)), "GBO-C012");
    gbo_diagnostics_free(report);
    CU_ASSERT_PTR_NULL(gbo_exchange_minimise(gbo_entity_child(doc, GBO_EXCHANGE_REFERRALS, 0), NULL,
                                             &err)); /* not an exchange */
    CU_ASSERT_EQUAL(err.status, GBO_E_INVALID_ARG);
    gbo_entity_free(same);
    gbo_entity_free(warm);
    gbo_entity_free(min);
    gbo_entity_free(doc);
}

int main(void)
{
    static const gbo_test tests[] = {
        { "decision table", decision_table },
        { "rules of the reasons", rules_of_reasons },
        { "without a context", without_context },
        { "the writer refuses uncovered data", writer_refuses_uncovered_data },
        { "minimise", minimise },
        { NULL, NULL }
    };
    return gbo_test_main("consent evaluation", tests);
}
