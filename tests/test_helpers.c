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
