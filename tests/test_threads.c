/* Thread safety: many threads start together and use the shared built-in
 * code lists (including their first, lazy creation), ICU collation, NFC
 * normalisation and their own entities. Every thread must see the same
 * results as a single thread does. ThreadSanitizer runs this too. */
#include <pthread.h>
#include <stdio.h>
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

int main(void)
{
    static const gbo_test tests[] = {
        { "threads share read-only data", threads_share_read_only_data },
        { NULL, NULL }
    };
    return gbo_test_main("threads", tests);
}
