/* Thread safety: many threads start together and use the shared built-in
 * code lists (including their first, lazy creation), ICU collation, NFC
 * normalisation and their own entities; then they parse, validate and
 * evaluate consents on shared read-only data (the compiled schema, the code
 * lists, one validator with its context, one consent context) and on their
 * own documents. Every thread must see the same results as a single thread
 * does. scripts/hardening runs this under ThreadSanitizer too. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gbo/gbo.h>

#include "test_helpers.h"

#define THREADS 8
#define ROUNDS 40

static pthread_barrier_t start;

typedef struct result {
    const gbo_codeset *builtin;
    char first_fr[64];
    int failures;
} result;

static void *worker(void *arg)
{
    result *res = arg;
    pthread_barrier_wait(&start);
    res->builtin = gbo_codeset_builtin(NULL);
    for (int round = 0; round < ROUNDS; round++) {
        const gbo_code **sorted = NULL;
        size_t n = 0;
        gbo_entity *person = gbo_entity_new(GBO_KIND_PERSON, NULL);
        gbo_codeset *own = gbo_codeset_new(NULL);

        if (!res->builtin || !person || !own ||
            gbo_codeset_sorted(res->builtin, "life-domain", (gbo_lang)(round % GBO_LANG_COUNT),
                               &sorted, &n, NULL) != GBO_OK || n != 16)
            res->failures++;
        if (round % GBO_LANG_COUNT == GBO_LANG_FR && sorted)
            snprintf(res->first_fr, sizeof res->first_fr, "%s", gbo_code_value(sorted[0]));
        if (person && (gbo_entity_set(person, GBO_PERSON_GIVEN_NAME, "Rene\xcc\x81", NULL) != GBO_OK ||
                       strcmp(gbo_entity_get(person, GBO_PERSON_GIVEN_NAME), "Ren\xc3\xa9") != 0))
            res->failures++;
        if (gbo_national_number_check("85.07.30-033.28", NULL) != GBO_ID_VALID)
            res->failures++;
        if (own && gbo_codeset_lookup(own, "partner-kind", "caw") == NULL)
            res->failures++;
        gbo_free(sorted);
        gbo_codeset_free(own);
        gbo_entity_free(person);
    }
    return NULL;
}

static void threads_share_read_only_data(void)
{
    pthread_t threads[THREADS];
    result results[THREADS];
    memset(results, 0, sizeof results);
    CU_ASSERT_EQUAL_FATAL(pthread_barrier_init(&start, NULL, THREADS), 0);
    for (int i = 0; i < THREADS; i++)
        CU_ASSERT_EQUAL_FATAL(pthread_create(&threads[i], NULL, worker, &results[i]), 0);
    for (int i = 0; i < THREADS; i++)
        pthread_join(threads[i], NULL);
    pthread_barrier_destroy(&start);
    for (int i = 0; i < THREADS; i++) {
        CU_ASSERT_EQUAL(results[i].failures, 0);
        CU_ASSERT_PTR_NOT_NULL(results[i].builtin);
        CU_ASSERT_PTR_EQUAL(results[i].builtin, results[0].builtin); /* created once */
        CU_ASSERT_STRING_EQUAL(results[i].first_fr, results[0].first_fr);
    }
    CU_ASSERT(strlen(results[0].first_fr) > 0);
}

/* ---- parsing, validating and consent evaluation on many threads ------------ */

typedef struct shared {
    const gbo_validator *validator;      /* with the consent withdrawal as context */
    const gbo_consent_context *consents; /* the warm referral's document */
    char *documents[3];
    size_t sizes[3];
} shared;

typedef struct outcome {
    size_t diagnostics[3], errors[3];
    unsigned decisions;                  /* one bit per request: permitted */
    int failures;
} outcome;

static shared common;

static const char *const document_names[3] = { "examples/referral-warm.xml", "examples/lifecycle-3-first-contact.xml",
                                               "tests/fixtures/rules/GBO-R004/trigger.xml" };

static void work(outcome *out)
{
    static const char *const categories[] = { "identity-contact", "help-question", "national-number",
                                              "health", "financial" };
    const gbo_entity *consent = gbo_consent_context_find(common.consents, "f0ed35e9-727c-46d0-98aa-de2adad1394d");
    memset(out, 0, sizeof *out);
    for (int d = 0; d < 3; d++) {
        gbo_diagnostics *diags = gbo_diagnostics_new(NULL);
        gbo_entity *doc = NULL;
        /* each thread reads its own copy of the document, then validates it */
        if (!diags || gbo_exchange_read_memory(common.documents[d], common.sizes[d], NULL, &doc, NULL, NULL) != GBO_OK ||
            gbo_validate_entity(common.validator, doc, diags, NULL) != GBO_OK)
            out->failures++;
        out->diagnostics[d] = gbo_diagnostics_count(diags);
        out->errors[d] = gbo_diagnostics_error_count(diags);
        gbo_entity_free(doc);
        gbo_diagnostics_free(diags);
    }
    for (unsigned c = 0; consent && c < sizeof categories / sizeof *categories; c++) {
        gbo_consent_request req = { "e5240f7d-20e5-4481-bb0c-727090662b66", "reception", categories[c],
                                    { 1741770300, 0 } };
        gbo_consent_decision decision;
        if (gbo_consent_evaluate(common.consents, consent, &req, &decision, NULL) != GBO_OK)
            out->failures++;
        else if (decision.permit)
            out->decisions |= 1u << c;
    }
    if (!consent)
        out->failures++;
}

static void *validating_worker(void *arg)
{
    outcome *res = arg, mine;
    pthread_barrier_wait(&start);
    for (int round = 0; round < ROUNDS / 4; round++) {
        work(&mine);
        if (round == 0)
            *res = mine;
        else if (memcmp(&mine, res, sizeof mine) != 0)
            res->failures++;
    }
    return NULL;
}

static const char *source_file(const char *relative, char *buf, size_t size)
{
    snprintf(buf, size, "%s/%s", getenv("GBO_SRCDIR") ? getenv("GBO_SRCDIR") : ".", relative);
    return buf;
}

static void threads_validate_and_evaluate(void)
{
    char path[4096];
    pthread_t threads[THREADS];
    outcome results[THREADS], alone;
    gbo_validator *v = gbo_validator_new(NULL, NULL);
    gbo_consent_context *ctx = gbo_consent_context_new(NULL);
    gbo_entity *context_doc = NULL, *warm = NULL;

    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ctx);
    for (int d = 0; d < 3; d++) {
        common.documents[d] = gbo_test_read_file(source_file(document_names[d], path, sizeof path), &common.sizes[d]);
        CU_ASSERT_PTR_NOT_NULL_FATAL(common.documents[d]);
    }
    CU_ASSERT_EQUAL_FATAL(gbo_exchange_read_file(source_file("examples/consent-withdrawal.xml", path, sizeof path), NULL,
                                                 &context_doc, NULL, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_validator_add_context(v, context_doc, NULL), GBO_OK);
    CU_ASSERT_EQUAL_FATAL(gbo_exchange_read_memory(common.documents[0], common.sizes[0], NULL, &warm, NULL, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_consent_context_add(ctx, warm, NULL), GBO_OK);
    common.validator = v;
    common.consents = ctx;

    work(&alone); /* what one thread sees */
    CU_ASSERT_EQUAL(alone.failures, 0);
    CU_ASSERT_EQUAL(alone.errors[0], 0);
    CU_ASSERT(alone.errors[2] > 0);  /* the R004 trigger */
    CU_ASSERT(alone.decisions != 0); /* some categories permitted, */
    CU_ASSERT(alone.decisions != 0x1f); /* not all */

    memset(results, 0, sizeof results);
    CU_ASSERT_EQUAL_FATAL(pthread_barrier_init(&start, NULL, THREADS), 0);
    for (int i = 0; i < THREADS; i++)
        CU_ASSERT_EQUAL_FATAL(pthread_create(&threads[i], NULL, validating_worker, &results[i]), 0);
    for (int i = 0; i < THREADS; i++)
        pthread_join(threads[i], NULL);
    pthread_barrier_destroy(&start);
    for (int i = 0; i < THREADS; i++) {
        CU_ASSERT_EQUAL(results[i].failures, 0);
        CU_ASSERT_EQUAL(memcmp(results[i].diagnostics, alone.diagnostics, sizeof alone.diagnostics), 0);
        CU_ASSERT_EQUAL(results[i].decisions, alone.decisions);
    }
    for (int d = 0; d < 3; d++)
        free(common.documents[d]);
    gbo_entity_free(context_doc);
    gbo_entity_free(warm);
    gbo_consent_context_free(ctx);
    gbo_validator_free(v);
}

int main(void)
{
    static const gbo_test tests[] = {
        { "threads share read-only data", threads_share_read_only_data },
        { "threads parse, validate and evaluate consents", threads_validate_and_evaluate },
        { NULL, NULL }
    };
    return gbo_test_main("threads", tests);
}
