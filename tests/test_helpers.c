/* Shared helpers for libgbo's CUnit suites. */
#include "test_helpers.h"

#include <stdio.h>
#include <stdlib.h>

#include <CUnit/Basic.h>

int gbo_test_main(const char *suite_name, const gbo_test *tests)
{
    CU_pSuite suite;
    unsigned failures;

    if (CU_initialize_registry() != CUE_SUCCESS)
        return 99;
    suite = CU_add_suite(suite_name, NULL, NULL);
    if (!suite) {
        CU_cleanup_registry();
        return 99;
    }
    for (const gbo_test *t = tests; t->name; t++) {
        if (!CU_add_test(suite, t->name, t->run)) {
            CU_cleanup_registry();
            return 99;
        }
    }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    failures = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
    if (CU_get_number_of_tests_run() == 0)
        failures = 1; /* a suite that ran nothing has failed */
    CU_cleanup_registry();
    return failures ? 1 : 0;
}

const char *gbo_test_fixture(const char *relative)
{
    static char path[4096];
    const char *base = getenv("GBO_TEST_DATA");
    snprintf(path, sizeof path, "%s/%s", base ? base : "tests/fixtures", relative);
    return path;
}

char *gbo_test_read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    long len;

    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        data = malloc((size_t)len + 1);
        if (data && fread(data, 1, (size_t)len, f) != (size_t)len) {
            free(data);
            data = NULL;
        }
        if (data) {
            data[len] = '\0';
            if (size)
                *size = (size_t)len;
        }
    }
    fclose(f);
    return data;
}

gbo_entity *gbo_test_exchange(const char *created_at)
{
    gbo_entity *x = gbo_entity_new(GBO_KIND_EXCHANGE, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(x);
    CU_ASSERT_EQUAL(gbo_entity_set(x, GBO_EXCHANGE_ID, "0b7e6a1c-3c1f-4f8e-9a55-6c2d1e0f9a10", NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_set(x, GBO_EXCHANGE_CREATED_AT, created_at, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_set(x, GBO_EXCHANGE_SENDER, "0e3b5a10-2c4d-4e6f-8a9b-0c1d2e3f4a01", NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_set(x, GBO_EXCHANGE_RECIPIENT, "0e3b5a10-2c4d-4e6f-8a9b-0c1d2e3f4a02", NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_set(x, GBO_EXCHANGE_CODE_LIST_VERSION, "2026.1", NULL), GBO_OK);
    return x;
}
