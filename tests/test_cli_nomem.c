/* Running out of memory anywhere in `gbo validate` — the tool's own
 * allocations, libgbo's, libxml2's, ICU's — is exit status 2 and "out of
 * memory", never a crash and never a verdict: for every n up to a clean
 * run's count (every one at first, then spread), allocation n and all after
 * it fail, and the run either ends as the clean one did, byte for byte, or
 * with status 2. malloc, calloc and realloc are replaced in this program;
 * the two calls into libxml2 and ICU that crash by themselves when an
 * allocation fails inside them (gbop_fragile_call; see test_nomem) are left
 * alone. The tool runs in-process with --jobs 1. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cli.h"
#include "test_helpers.h"

static unsigned long allocations;
static long fail_from = -1;

static int failing(void)
{
    return fail_from >= 0 && allocations++ >= (unsigned long)fail_from && !gbop_fragile_call;
}

#include "failing_malloc.h" /* the sanitizers own malloc: REPLACED_MALLOC 0 */

typedef struct outcome {
    int rc;
    char *out, *err;
    size_t out_size, err_size;
} outcome;

static void run(char **argv, int argc, long fail, outcome *o)
{
    FILE *out = open_memstream(&o->out, &o->out_size);
    FILE *err = open_memstream(&o->err, &o->err_size);
    FILE *in = fopen("/dev/null", "r");
    allocations = 0;
    fail_from = fail;
    o->rc = gbo_cli_main(argc, argv, in, out, err);
    fail_from = -1;
    fclose(in);
    fclose(out);
    fclose(err);
}

static void outcome_free(outcome *o)
{
    free(o->out);
    free(o->err);
}

static const char *source_path(const char *relative, char *buf, size_t size)
{
    const char *src = getenv("GBO_SRCDIR");
    snprintf(buf, size, "%s/%s", src ? src : ".", relative);
    return buf;
}

/* Every format, and --history, on a document with findings, a clean one and
 * a bundle. */
static void each_failure_is_status_2(void)
{
    static const char *const formats[] = { "text", "json", "junit", "sarif", "history" };
    char f1[4096], f2[4096], f3[4096];
    unsigned long checked = 0, failed = 0;

    source_path("tests/fixtures/rules/GBO-R009/trigger.xml", f1, sizeof f1);
    source_path("examples/referral-warm.xml", f2, sizeof f2);
    source_path("examples/bundle.xml", f3, sizeof f3);
    setenv("SOURCE_DATE_EPOCH", "1767225600", 1);
    for (size_t k = 0; k < sizeof formats / sizeof *formats; k++) {
        int history = strcmp(formats[k], "history") == 0;
        char *argv[] = { "gbo", "validate", "--jobs", "1", "--lang", "en", "--format",
                         (char *)(history ? "text" : formats[k]), history ? "--history" : "--strict",
                         f1, f2, f3, NULL };
        const int argc = (int)(sizeof argv / sizeof *argv) - 1;
        outcome clean;
        unsigned long total;

        run(argv, argc, -1, &clean); /* warm: the schema, code lists, ICU */
        outcome_free(&clean);
        run(argv, argc, 1L << 40, &clean);
        total = allocations;
        CU_ASSERT_EQUAL(clean.rc, history ? GBO_EXIT_OK : GBO_EXIT_FINDINGS);
        CU_ASSERT(total > 100 || !REPLACED_MALLOC);
        for (unsigned long n = 0; REPLACED_MALLOC && n <= total; n += n < 2000 ? 1 : n / 500) {
            outcome o;
            run(argv, argc, (long)n, &o);
            checked++;
            if (o.rc == GBO_EXIT_USAGE && strstr(o.err, "out of memory")) {
                failed++;
            } else if (o.rc != clean.rc || o.out_size != clean.out_size ||
                       (strcmp(formats[k], "junit") != 0 && memcmp(o.out, clean.out, o.out_size) != 0)) {
                fprintf(stderr, "%s: allocation %lu of %lu failing: status %d\n%s\n", formats[k],
                        n, total, o.rc, o.err);
                CU_FAIL("running out of memory gave a verdict, or not the clean one");
            }
            outcome_free(&o);
        }
        outcome_free(&clean);
    }
    printf("\n%lu runs, %lu ended with status 2 and \"out of memory\"\n", checked, failed);
    CU_ASSERT(failed > 1000 || !REPLACED_MALLOC);
}

int main(void)
{
    static const gbo_test tests[] = {
        { "out of memory anywhere is status 2", each_failure_is_status_2 },
        { NULL, NULL },
    };
    return gbo_test_main("cli out of memory", tests);
}
