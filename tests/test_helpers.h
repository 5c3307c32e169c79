/* Shared helpers for libgbo's CUnit suites. */
#ifndef GBO_TEST_HELPERS_H
#define GBO_TEST_HELPERS_H

#include <stddef.h>
#include <CUnit/CUnit.h>

#include <gbo/gbo.h>

typedef struct gbo_test {
    const char *name;
    CU_TestFunc run;
} gbo_test;

/* Register `tests` (terminated by {NULL, NULL}) as one suite, run it with
 * CUnit's basic interface (which prints the run summary) and return the
 * process exit status: 0 when every assertion passed. */
int gbo_test_main(const char *suite, const gbo_test *tests);

/* Path of a fixture below tests/fixtures (GBO_TEST_DATA). Returns a static
 * buffer, overwritten by the next call. */
const char *gbo_test_fixture(const char *relative);

/* The whole file in a new NUL-terminated buffer (free()), or NULL. */
char *gbo_test_read_file(const char *path, size_t *size);

/* A new exchange with the header the schema requires (a fixed id, sender,
 * recipient and code-list version), made at `created_at`. */
gbo_entity *gbo_test_exchange(const char *created_at);

#endif
