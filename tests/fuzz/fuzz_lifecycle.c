/* libFuzzer target: referral histories, acknowledgements, withdrawal
 * propagation and the monitoring figures over the documents of a bundle (or
 * one document, added twice). Replaying is order-independent: the same
 * documents added in reverse order reach the same statuses. */
#include <stdint.h>
#include <string.h>

#include <gbo/gbo.h>

#include "fuzz.h"

#define MAX_DOCS 16

static size_t read_all(const uint8_t *data, size_t size, gbo_entity **docs)
{
    size_t n = 0;
    gbo_limits limits;
    fuzz_limits(&limits);
    if (gbo_is_bundle((const char *)data, size)) {
        gbo_bundle_reader *b = gbo_bundle_open_memory((const char *)data, size, &limits, NULL);
        while (b && n < MAX_DOCS) {
            gbo_entity *doc = NULL;
            gbo_status status = gbo_bundle_next(b, &doc, NULL, NULL);
            if (status == GBO_OK && !doc)
                break;
            if (status == GBO_OK)
                docs[n++] = doc;
            else if (gbo_bundle_failed(b))
                break;
        }
        gbo_bundle_close(b);
    } else if (gbo_exchange_read_memory((const char *)data, size, &limits, &docs[0], NULL, NULL) == GBO_OK) {
        n = 1;
    }
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gbo_entity *docs[MAX_DOCS];
    size_t n = read_all(data, size, docs);
    gbo_history *forward = gbo_history_new(NULL), *backward = gbo_history_new(NULL);
    gbo_stats *stats = gbo_stats_new(2, NULL, NULL);
    gbo_diagnostics *diags = gbo_diagnostics_new(NULL);

    FUZZ_CHECK(forward && backward && stats && diags);
    for (size_t i = 0; i < n; i++) {
        FUZZ_CHECK(gbo_history_add(forward, docs[i], i + 1, NULL) == GBO_OK);
        FUZZ_CHECK(gbo_history_add(backward, docs[n - 1 - i], n - i, NULL) == GBO_OK);
        FUZZ_CHECK(gbo_stats_add(stats, docs[i], NULL) == GBO_OK);
        FUZZ_CHECK(gbo_stats_add(stats, docs[i], NULL) == GBO_OK); /* repeated: counted once */
    }
    for (size_t i = 0; i < n; i++) {
        FUZZ_CHECK(gbo_history_check(forward, i + 1, diags, NULL) == GBO_OK);
        for (size_t k = 0; k < gbo_diagnostics_count(diags); k++)
            FUZZ_CHECK(gbo_rule_find(gbo_diagnostic_rule(gbo_diagnostics_at(diags, k))) != NULL);
        gbo_diagnostics_clear(diags);
    }
    FUZZ_CHECK(gbo_history_referral_count(forward) == gbo_history_referral_count(backward));
    for (size_t i = 0; i < gbo_history_referral_count(forward); i++) {
        const char *id = gbo_history_referral_id(forward, i);
        const char *a = gbo_history_status(forward, id), *b = gbo_history_status(backward, id);
        FUZZ_CHECK(a && b && strcmp(a, b) == 0);
        FUZZ_CHECK(gbo_lifecycle_rank(a) >= 0);
    }
    FUZZ_CHECK(gbo_stats_compute(stats, NULL) == GBO_OK);
    for (size_t i = 0; i < n; i++) {
        /* acknowledge each document; propagate a withdrawal of each consent it holds */
        gbo_time at = { 1750000000, 0 };
        const gbo_entity *org = gbo_entity_child(docs[i], GBO_EXCHANGE_ORGANISATIONS, 0);
        const char *id = gbo_entity_get(docs[i], GBO_EXCHANGE_ID);
        const char *sender = gbo_entity_get(docs[i], GBO_EXCHANGE_SENDER);
        if (org && gbo_entity_get(org, GBO_ORGANISATION_ID)) {
            gbo_entity *ack = gbo_acknowledgement_build(org, sender, id, at, diags, NULL);
            FUZZ_CHECK(ack != NULL);
            FUZZ_CHECK(gbo_acknowledgement_find(ack, id) != NULL);
            gbo_entity_free(ack);
        }
        for (size_t c = 0; c < gbo_entity_count(docs[i], GBO_EXCHANGE_CONSENTS) && c < 2; c++) {
            const char *consent = gbo_entity_get(gbo_entity_child(docs[i], GBO_EXCHANGE_CONSENTS, c), GBO_CONSENT_ID);
            gbo_propagation *p = consent ? gbo_propagation_new(consent, NULL) : NULL;
            for (size_t k = 0; p && k < n; k++)
                FUZZ_CHECK(gbo_propagation_add(p, docs[k], NULL) == GBO_OK);
            gbo_propagation_free(p);
        }
    }
    for (size_t i = 0; i < n; i++)
        gbo_entity_free(docs[i]);
    gbo_diagnostics_free(diags);
    gbo_stats_free(stats);
    gbo_history_free(forward);
    gbo_history_free(backward);
    return 0;
}
