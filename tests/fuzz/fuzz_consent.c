/* libFuzzer target: consent evaluation on the consents of a parsed
 * document. Every consent the input carries is evaluated for every
 * organisation of the document (and one it does not know), every purpose
 * and data category, at instants around its validity; the decision is
 * always one of the documented ones, a deny names its rule, and
 * minimisation never fails on a document that was read. */
#include <stdint.h>
#include <string.h>

#include <gbo/gbo.h>

#include "fuzz.h"

static const char *const purposes[] = { "reception", "back-office", "case-conference", "dossier-transfer",
                                        "later-contact", "no-such-purpose" };
static const char *const categories[] = { "identity-contact", "help-question", "national-number", "health",
                                          "judicial", "full-dossier", "financial", "no-such-category" };

static void evaluate(const gbo_consent_context *ctx, const gbo_entity *doc, const gbo_entity *consent)
{
    size_t norgs = gbo_entity_count(doc, GBO_EXCHANGE_ORGANISATIONS);
    gbo_time given = { 1735689600, 0 }; /* 2025-01-01 */
    (void)gbo_entity_get_time(consent, GBO_CONSENT_GIVEN_AT, &given);
    for (size_t o = 0; o <= norgs && o < 6; o++) {
        const char *org = o < norgs ? gbo_entity_get(gbo_entity_child(doc, GBO_EXCHANGE_ORGANISATIONS, o),
                                                     GBO_ORGANISATION_ID)
                                    : "00000000-0000-4000-8000-000000000000";
        for (size_t p = 0; p < sizeof purposes / sizeof *purposes; p++)
            for (size_t c = 0; c < sizeof categories / sizeof *categories; c++)
                for (int64_t shift = -86400; shift <= 400 * 86400; shift += 200 * 86400) {
                    gbo_consent_request req = { org, purposes[p], categories[c],
                                                { given.seconds + shift, 0 } };
                    gbo_consent_decision out;
                    if (gbo_consent_evaluate(ctx, consent, &req, &out, NULL) != GBO_OK)
                        continue; /* an organisation without id, say: refused as an argument */
                    FUZZ_CHECK(out.permit == (out.rule == NULL));
                    FUZZ_CHECK(out.permit || strncmp(out.rule, "GBO-C", 5) == 0);
                    FUZZ_CHECK(gbo_consent_reason_name(out.reason) != NULL);
                }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gbo_entity *doc = NULL, *minimised;
    gbo_consent_context *ctx;
    gbo_limits limits;

    fuzz_limits(&limits);
    if (gbo_exchange_read_memory((const char *)data, size, &limits, &doc, NULL, NULL) != GBO_OK)
        return 0;
    ctx = gbo_consent_context_new(NULL);
    FUZZ_CHECK(ctx != NULL);
    FUZZ_CHECK(gbo_consent_context_add(ctx, doc, NULL) == GBO_OK);
    for (size_t i = 0; i < gbo_entity_count(doc, GBO_EXCHANGE_CONSENTS) && i < 4; i++) {
        const gbo_entity *consent = gbo_entity_child(doc, GBO_EXCHANGE_CONSENTS, i);
        evaluate(ctx, doc, consent);
        evaluate(NULL, doc, consent);
    }
    minimised = gbo_exchange_minimise(doc, ctx, NULL);
    FUZZ_CHECK(minimised != NULL);
    gbo_entity_free(minimised);
    gbo_consent_context_free(ctx);
    gbo_entity_free(doc);
    return 0;
}
