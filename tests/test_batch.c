/* gbo_validate_many(): every input, files and bundle items spread over the
 * workers, handed back in input order with the findings one call at a time
 * gives; memory and callback inputs; failures per input; stopping. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gbo/gbo.h>

#include "alloc.h"
#include "test_helpers.h"

/* Allocation on the workers fails from the n-th on, when asked (malloc is
 * replaced in this program, unless a sanitizer owns it); the calls into
 * libxml2 and ICU that crash by themselves when an allocation fails inside
 * them are left alone (gbop_fragile_call; see test_nomem). */
#include <stdatomic.h>

static _Thread_local bool main_thread;
static atomic_long worker_allocations;
static long fail_from = -1;

static int failing(void)
{
    return !main_thread && !gbop_fragile_call && atomic_fetch_add(&worker_allocations, 1) >= fail_from;
}

#include "failing_malloc.h"

/* One result as a line of text: where it comes from, its status, its id and
 * every finding (rule, line, column, path, message). */
typedef struct transcript {
    char *text;
    size_t size;
    FILE *f;
    size_t calls, stop_after;
    int last_input;
    size_t last_index;
    int out_of_order;
} transcript;

static void transcript_open(transcript *t)
{
    memset(t, 0, sizeof *t);
    t->f = open_memstream(&t->text, &t->size);
    t->last_input = -1;
}

static void transcript_close(transcript *t)
{
    fclose(t->f);
    t->f = NULL;
}

static void write_diags(FILE *f, const gbo_diagnostics *diags)
{
    for (size_t k = 0; k < gbo_diagnostics_count(diags); k++) {
        const gbo_diagnostic *d = gbo_diagnostics_at(diags, k);
        fprintf(f, "  %s %lu:%lu %s %s\n", gbo_diagnostic_rule(d), gbo_diagnostic_line(d),
                gbo_diagnostic_column(d), gbo_diagnostic_path(d), gbo_diagnostic_message(d));
    }
}

static int record(void *user, gbo_result *r)
{
    transcript *t = user;
    int input = (int)gbo_result_input(r);
    size_t index = gbo_result_index(r);
    if (input < t->last_input || (input == t->last_input && index <= t->last_index && index))
        t->out_of_order++;
    t->last_input = input;
    t->last_index = index;
    fprintf(t->f, "%d[%zu] %d %s\n", input, index, (int)gbo_result_status(r),
            gbo_result_document_id(r));
    write_diags(t->f, gbo_result_diagnostics(r));
    t->calls++;
    return t->stop_after && t->calls >= t->stop_after;
}

static const char *const corpus[] = {
    "examples/referral-warm.xml",     "examples/bundle.xml",
    "tests/fixtures/rules/GBO-X001/trigger.xml", "examples/consult-anonymous.xml",
    "tests/fixtures/rules/GBO-R009/trigger.xml", "tests/fixtures/hostile/truncated.xml",
    "examples/bundle.xml",            "tests/fixtures/rules/GBO-C004/trigger.xml",
    "examples/policy-signal.xml",     "tests/fixtures/rules/GBO-X003/trigger.xml",
};
#define NCORPUS (sizeof corpus / sizeof *corpus)

static const char *source_path(const char *relative)
{
    static char path[4096];
    const char *src = getenv("GBO_SRCDIR");
    snprintf(path, sizeof path, "%s/%s", src ? src : ".", relative);
    return path;
}

/* The reference for a bundle: its items one call at a time. */
static void bundle_one_at_a_time(const gbo_validator *v, size_t input, const char *data,
                                 size_t size, transcript *t)
{
    gbo_bundle_reader *b = gbo_bundle_open_memory(data, size, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    for (;;) {
        gbo_diagnostics *diags = gbo_diagnostics_new(NULL);
        gbo_entity *item = NULL;
        size_t index = gbo_bundle_index(b) + 1;
        gbo_status status;
        gbo_diagnostics_set_lang(diags, GBO_LANG_EN);
        status = gbo_bundle_next(b, &item, diags, NULL);
        if (status == GBO_OK && !item && gbo_diagnostics_count(diags) == 0) {
            gbo_diagnostics_free(diags);
            break;
        }
        if (item)
            CU_ASSERT_EQUAL(gbo_validate_entity(v, item, diags, NULL), GBO_OK);
        fprintf(t->f, "%zu[%zu] 0 %s\n", input, index,
                item ? gbo_entity_get(item, GBO_EXCHANGE_ID) : "");
        write_diags(t->f, diags);
        gbo_entity_free(item);
        gbo_diagnostics_free(diags);
        if (status != GBO_OK && (status != GBO_E_DOCUMENT || gbo_bundle_failed(b)))
            break;
    }
    gbo_bundle_close(b);
}

/* The reference: each input on its own, one call at a time. */
static void sequential(const gbo_validator *v, transcript *t)
{
    for (size_t i = 0; i < NCORPUS; i++) {
        const char *path = source_path(corpus[i]);
        size_t size;
        char *data = gbo_test_read_file(path, &size);
        CU_ASSERT_PTR_NOT_NULL_FATAL(data);
        if (gbo_is_bundle(data, size)) {
            bundle_one_at_a_time(v, i, data, size, t);
        } else {
            gbo_diagnostics *diags = gbo_diagnostics_new(NULL);
            gbo_entity *doc = NULL;
            if (gbo_exchange_read_memory(data, size, NULL, &doc, diags, NULL) == GBO_OK)
                CU_ASSERT_EQUAL(gbo_validate_entity(v, doc, diags, NULL), GBO_OK);
            fprintf(t->f, "%zu[0] 0 %s\n", i, doc ? gbo_entity_get(doc, GBO_EXCHANGE_ID) : "");
            write_diags(t->f, diags);
            gbo_entity_free(doc);
            gbo_diagnostics_free(diags);
        }
        free(data);
    }
}

static gbo_inputs *corpus_inputs(void)
{
    gbo_inputs *in = gbo_inputs_new(NULL);
    for (size_t i = 0; in && i < NCORPUS; i++)
        CU_ASSERT_EQUAL(gbo_inputs_add_file(in, source_path(corpus[i]), NULL), GBO_OK);
    return in;
}

/* Files and bundle items, on 1, 2 and 8 threads: the same findings, in the
 * same order, as one input at a time. */
static void same_as_one_at_a_time(void)
{
    gbo_validator *v = gbo_validator_new(NULL, NULL);
    gbo_inputs *in = corpus_inputs();
    transcript want;
    static const unsigned jobs[] = { 1, 2, 8, 0 };

    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_PTR_NOT_NULL_FATAL(in);
    CU_ASSERT_EQUAL(gbo_inputs_count(in), NCORPUS);
    transcript_open(&want);
    sequential(v, &want);
    transcript_close(&want);
    CU_ASSERT(want.size > 1000);
    for (size_t k = 0; k < sizeof jobs / sizeof *jobs; k++) {
        transcript got;
        gbo_error err;
        transcript_open(&got);
        CU_ASSERT_EQUAL(gbo_validate_many(v, in, jobs[k], GBO_LANG_EN, record, &got, &err), GBO_OK);
        transcript_close(&got);
        CU_ASSERT_EQUAL(got.out_of_order, 0);
        if (strcmp(got.text, want.text) != 0) {
            fprintf(stderr, "--jobs %u:\n%s\nwant:\n%s\n", jobs[k], got.text, want.text);
            CU_FAIL("gbo_validate_many differs from one input at a time");
        }
        free(got.text);
    }
    free(want.text);
    gbo_inputs_free(in);
    gbo_validator_free(v);
}

/* A bundle item with findings or without (kind "caw"). */
#define ITEM "<exchange version=\"1.0\" id=\"00000000-0000-4000-8000-%012zu\"><header>" \
             "<createdAt>2025-03-04T10:00:00Z</createdAt>" \
             "<sender>0e3b5a10-2c4d-4e6f-8a9b-0c1d2e3f4a01</sender>" \
             "<recipient>0e3b5a10-2c4d-4e6f-8a9b-0c1d2e3f4a02</recipient>" \
             "<codeListVersion>2026.1</codeListVersion></header>" \
             "<organisation id=\"0e3b5a10-2c4d-4e6f-8a9b-0c1d2e3f4a01\"><name>CAW</name>" \
             "<kind>%s</kind></organisation></exchange>\n"

/* A bundle of many items, built in memory: every item comes back once, in
 * order, whatever the number of threads. */
static void many_items_in_order(void)
{
    const size_t n = 3000;
    gbo_validator *v = gbo_validator_new(NULL, NULL);
    gbo_inputs *in = gbo_inputs_new(NULL);
    char *data = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&data, &size);

    fputs("<bundle xmlns=\"urn:gbo:exchange:1\" version=\"1.0\">\n", f);
    for (size_t i = 1; i <= n; i++) /* every 7th item has an unknown code */
        fprintf(f, ITEM, i, i % 7 ? "caw" : "no-such-kind");
    fputs("</bundle>\n", f);
    fclose(f);
    CU_ASSERT_EQUAL(gbo_inputs_add_memory(in, data, size, NULL), GBO_OK);
    for (unsigned jobs = 1; jobs <= 4; jobs += 3) {
        transcript t;
        size_t ids_ok = 0, r001 = 0;
        char *line;
        transcript_open(&t);
        CU_ASSERT_EQUAL(gbo_validate_many(v, in, jobs, GBO_LANG_EN, record, &t, NULL), GBO_OK);
        transcript_close(&t);
        CU_ASSERT_EQUAL(t.calls, n);
        CU_ASSERT_EQUAL(t.out_of_order, 0);
        line = t.text;
        for (size_t i = 1; i <= n && line; i++) {
            char want[64];
            snprintf(want, sizeof want, "0[%zu] 0 00000000-0000-4000-8000-%012zu\n", i, i);
            ids_ok += strncmp(line, want, strlen(want)) == 0;
            line = strchr(line, '\n');
            if (line && strncmp(line + 1, "  GBO-R001", 10) == 0) {
                r001++;
                line = strchr(line + 1, '\n');
            }
            line = line ? line + 1 : NULL;
        }
        CU_ASSERT_EQUAL(ids_ok, n);
        CU_ASSERT_EQUAL(r001, n / 7);
        free(t.text);
    }
    gbo_inputs_free(in);
    free(data);
    gbo_validator_free(v);
}

/* A large bundle (over a MiB, read in lanes by several workers with two
 * jobs or more) of mixed items: valid, with findings, refused by the schema,
 * not an exchange; `flaw` puts a break in it at item `at`. */
enum flaw { NO_FLAW, NEWER, MALFORMED, TRUNCATED, REFUSED, FLAWS };

static char *large_bundle(enum flaw flaw, size_t n, size_t at, size_t *size)
{
    char *data = NULL;
    FILE *f = open_memstream(&data, size);
    fprintf(f, "<bundle xmlns=\"urn:gbo:exchange:1\" version=\"%s\">\n",
            flaw == NEWER ? "1.9" : "1.0");
    for (size_t i = 1; i <= n; i++) {
        if (i == at && flaw == MALFORMED)
            fputs("<exchange version=\"1.0\"><header></exchange>\n", f);
        else if (i == at && flaw == REFUSED) {
            fputs("<exchange", f);
            for (int a = 0; a < 100; a++)
                fprintf(f, " a%d=\"\"", a);
            fputs("/>\n", f);
        } else if (i % 101 == 0)
            fputs("<other xmlns=\"urn:example\"/>\n", f);
        else if (i % 53 == 0)
            fprintf(f, "<exchange version=\"1.0\" id=\"00000000-0000-4000-8000-%012zu\"/>\n", i);
        else
            fprintf(f, ITEM, i, i % 7 ? "caw" : "no-such-kind");
    }
    fputs("</bundle>\n", f);
    fclose(f);
    if (flaw == TRUNCATED)
        *size = *size * at / n;
    return data;
}

/* Read in lanes, from memory and from a file, a large bundle gives what
 * one reader gives: the same items, findings and end, whatever its flaw,
 * on any number of jobs; and a run stopped inside it stops there. */
static void large_bundles_in_lanes(void)
{
    gbo_validator *v = gbo_validator_new(NULL, NULL);
    char path[] = "/tmp/gbo-test-batch-XXXXXX";
    int fd = mkstemp(path);
    static const unsigned jobs[] = { 1, 2, 3, 16 };

    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_FATAL(fd >= 0);
    for (int flaw = NO_FLAW; flaw < FLAWS; flaw++) {
        size_t size;
        char *data = large_bundle(flaw, 4000, 2777, &size);
        gbo_inputs *in = gbo_inputs_new(NULL);
        FILE *f = fdopen(dup(fd), "w");
        transcript want;

        CU_ASSERT(size > (1u << 20));
        CU_ASSERT_EQUAL(lseek(fd, 0, SEEK_SET), 0);
        CU_ASSERT_FATAL(f && fwrite(data, 1, size, f) == size && fclose(f) == 0);
        CU_ASSERT_EQUAL(ftruncate(fd, (off_t)size), 0);
        CU_ASSERT_EQUAL(gbo_inputs_add_memory(in, data, size, NULL), GBO_OK);
        CU_ASSERT_EQUAL(gbo_inputs_add_file(in, path, NULL), GBO_OK);
        transcript_open(&want);
        bundle_one_at_a_time(v, 0, data, size, &want);
        bundle_one_at_a_time(v, 1, data, size, &want);
        transcript_close(&want);
        for (size_t k = 0; k < sizeof jobs / sizeof *jobs; k++) {
            transcript got;
            transcript_open(&got);
            CU_ASSERT_EQUAL(gbo_validate_many(v, in, jobs[k], GBO_LANG_EN, record, &got, NULL),
                            GBO_OK);
            transcript_close(&got);
            if (strcmp(got.text, want.text) != 0) {
                fprintf(stderr, "flaw %d, --jobs %u: %zu bytes, want %zu\n", flaw, jobs[k],
                        got.size, want.size);
                CU_FAIL("a bundle read in lanes differs from one reader");
            }
            free(got.text);
            /* stopped inside the first bundle, and inside the second */
            for (size_t stop = 1000; jobs[k] > 1 && stop <= 5000; stop += 4000) {
                transcript_open(&got);
                got.stop_after = stop;
                CU_ASSERT_EQUAL(gbo_validate_many(v, in, jobs[k], GBO_LANG_EN, record, &got, NULL),
                                GBO_E_CANCELLED);
                transcript_close(&got);
                CU_ASSERT_EQUAL(got.calls, stop);
                CU_ASSERT_EQUAL(strncmp(got.text, want.text, got.size), 0);
                free(got.text);
            }
        }
        free(want.text);
        gbo_inputs_free(in);
        free(data);
    }
    close(fd);
    unlink(path);
    gbo_validator_free(v);
}

#if REPLACED_MALLOC
/* The next result of a transcript: its first line and its findings. */
static const char *next_record(const char *at, size_t *len)
{
    const char *end = at;
    do
        end = strchr(end, '\n') + 1;
    while (end[0] == ' ');
    *len = (size_t)(end - at);
    return at;
}

/* Memory runs out on the workers reading a large bundle in lanes, at every
 * point of a clean run (spread): no crash, no hang, and every result is the
 * clean run's or says GBO_E_NOMEM (with no findings); the bundle's results
 * are its items in order, up to one whose reading ran out, if any. */
static void lanes_out_of_memory(void)
{
    gbo_validator *v = gbo_validator_new(NULL, NULL);
    gbo_inputs *in = gbo_inputs_new(NULL);
    size_t size, nomem_runs = 0;
    char *data = large_bundle(NO_FLAW, 4000, 0, &size);
    transcript want;
    long total;

    main_thread = true;
    CU_ASSERT_EQUAL(gbo_inputs_add_memory(in, data, size, NULL), GBO_OK);
    transcript_open(&want);
    atomic_store(&worker_allocations, 0);
    fail_from = LONG_MAX;
    CU_ASSERT_EQUAL(gbo_validate_many(v, in, 2, GBO_LANG_EN, record, &want, NULL), GBO_OK);
    fail_from = -1;
    total = atomic_load(&worker_allocations);
    transcript_close(&want);
    CU_ASSERT(total > 100000);
    for (long n = 0; n < total; n = n < 64 ? n + 1 : n * 5 / 4) {
        transcript got;
        const char *g, *w, *last_nomem = NULL;
        size_t glen, wlen;
        gbo_status status;
        transcript_open(&got);
        atomic_store(&worker_allocations, 0);
        fail_from = n;
        status = gbo_validate_many(v, in, 2, GBO_LANG_EN, record, &got, NULL);
        fail_from = -1;
        transcript_close(&got);
        CU_ASSERT(status == GBO_OK || status == GBO_E_NOMEM);
        CU_ASSERT_EQUAL(got.out_of_order, 0);
        for (g = got.text, w = want.text; *g && *w; g += glen, w += wlen) {
            char nomem[64];
            next_record(g, &glen);
            next_record(w, &wlen);
            snprintf(nomem, sizeof nomem, "%.*s %d ", (int)(strchr(w, ' ') - w), w,
                     (int)GBO_E_NOMEM);
            if (strncmp(g, nomem, strlen(nomem)) == 0 && strchr(g, '\n') + 1 == g + glen) {
                last_nomem = g;
            } else if (glen != wlen || strncmp(g, w, glen) != 0) {
                fprintf(stderr, "out of memory from %ld: %.*s\nwant %.*s\n", n, (int)glen, g,
                        (int)wlen, w);
                CU_FAIL("a result neither the clean run's nor GBO_E_NOMEM");
                break;
            }
        }
        /* ended early: the last result is the one that ran out */
        CU_ASSERT(*g == '\0');
        CU_ASSERT(*w == '\0' || (last_nomem && last_nomem + glen == g));
        nomem_runs += last_nomem != NULL;
        free(got.text);
    }
    CU_ASSERT(nomem_runs > 20);
    free(want.text);
    free(data);
    gbo_inputs_free(in);
    gbo_validator_free(v);
}
#endif

/* A gbo_read_fn over a memory buffer. */
typedef struct membuf {
    const char *data;
    size_t size, pos;
} membuf;

static ptrdiff_t read_membuf(void *source, char *buffer, size_t size)
{
    membuf *m = source;
    size_t n = m->size - m->pos < size ? m->size - m->pos : size;
    memcpy(buffer, m->data + m->pos, n);
    m->pos += n;
    return (ptrdiff_t)n;
}

static ptrdiff_t read_failing(void *source, char *buffer, size_t size)
{
    (void)source;
    (void)buffer;
    (void)size;
    errno = EIO;
    return -1;
}

static int keep(void *user, gbo_result *r)
{
    transcript *t = user;
    gbo_entity *e = gbo_result_take_entity(r);
    gbo_diagnostics *d = gbo_result_take_diagnostics(r);
    fprintf(t->f, "%zu[%zu] %d %s %s %zu%s\n", gbo_result_input(r), gbo_result_index(r),
            (int)gbo_result_status(r), gbo_result_document_id(r),
            e ? "entity" : "none", gbo_diagnostics_count(d),
            gbo_result_status(r) == GBO_E_IO ? " io" : "");
    CU_ASSERT_PTR_NULL(gbo_result_entity(r));
    CU_ASSERT_PTR_NULL(gbo_result_take_entity(r));
    CU_ASSERT(gbo_result_seconds(r) >= 0);
    gbo_entity_free(e);
    gbo_diagnostics_free(d);
    t->calls++;
    return 0;
}

/* Memory, callbacks and files side by side; an input that cannot be read is
 * a result of its own with GBO_E_IO, and the run goes on; what the caller
 * takes is the caller's. */
static void inputs_of_every_kind(void)
{
    gbo_validator *v = gbo_validator_new(NULL, NULL);
    gbo_inputs *in = gbo_inputs_new(NULL);
    size_t doc_size, bundle_size;
    char *doc = gbo_test_read_file(source_path("examples/referral-warm.xml"), &doc_size);
    char *bundle = gbo_test_read_file(source_path("examples/bundle.xml"), &bundle_size);
    membuf m1 = { doc, doc_size, 0 }, m2 = { bundle, bundle_size, 0 };
    transcript t;

    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_PTR_NOT_NULL_FATAL(bundle);
    CU_ASSERT_EQUAL(gbo_inputs_add_memory(in, doc, doc_size, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_inputs_add_io(in, read_membuf, &m1, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_inputs_add_io(in, read_membuf, &m2, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_inputs_add_file(in, source_path("no/such/file.xml"), NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_inputs_add_io(in, read_failing, NULL, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_inputs_add_memory(in, "", 0, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_inputs_add_file(in, NULL, NULL), GBO_E_INVALID_ARG);
    CU_ASSERT_EQUAL(gbo_inputs_add_io(in, NULL, NULL, NULL), GBO_E_INVALID_ARG);
    CU_ASSERT_EQUAL(gbo_inputs_count(in), 6);
    transcript_open(&t);
    CU_ASSERT_EQUAL(gbo_validate_many(v, in, 2, GBO_LANG_NL, keep, &t, NULL), GBO_OK);
    transcript_close(&t);
    CU_ASSERT_STRING_EQUAL(t.text,
                           "0[0] 0 c51aec8f-e6c3-4267-b7d4-60288fe763f6 entity 0\n"
                           "1[0] 0 c51aec8f-e6c3-4267-b7d4-60288fe763f6 entity 0\n"
                           "2[1] 0 a1e4023f-d5e9-47d5-b740-60f4ea227eba entity 0\n"
                           "2[2] 0 f145a8fd-e37c-4be1-a38e-ee4cfc561e77 entity 0\n"
                           "2[3] 0 eca17d3d-aa24-4589-8798-1c06a35e7ba3 entity 0\n"
                           "2[4] 0 683bef22-e826-47b3-a65b-763287feb70d entity 0\n"
                           "2[5] 0 388229be-e2e4-4fbe-bad5-fc5e01fe301f entity 0\n"
                           "3[0] 9  none 0 io\n"
                           "4[0] 9  none 0 io\n"
                           "5[0] 0  none 1\n");
    free(t.text);
    CU_ASSERT_EQUAL(gbo_validate_many(NULL, in, 1, GBO_LANG_EN, keep, &t, NULL), GBO_E_INVALID_ARG);
    CU_ASSERT_EQUAL(gbo_validate_many(v, in, 1, GBO_LANG_EN, NULL, &t, NULL), GBO_E_INVALID_ARG);
    gbo_inputs_free(in);
    gbo_inputs_free(NULL);
    free(doc);
    free(bundle);
    gbo_validator_free(v);
}

/* The caller's function stops the run: no call after it, GBO_E_CANCELLED. */
static void stopping(void)
{
    gbo_validator *v = gbo_validator_new(NULL, NULL);
    gbo_inputs *in = corpus_inputs();
    for (unsigned jobs = 1; jobs <= 3; jobs++) {
        transcript t;
        gbo_error err;
        transcript_open(&t);
        t.stop_after = 4;
        CU_ASSERT_EQUAL(gbo_validate_many(v, in, jobs, GBO_LANG_EN, record, &t, &err),
                        GBO_E_CANCELLED);
        CU_ASSERT_EQUAL(err.status, GBO_E_CANCELLED);
        CU_ASSERT_EQUAL(t.calls, 4);
        transcript_close(&t);
        free(t.text);
    }
    gbo_inputs_free(in);
    gbo_validator_free(v);
}

int main(void)
{
    static const gbo_test tests[] = {
        { "the same as one input at a time, on any number of threads", same_as_one_at_a_time },
        { "the items of a large bundle, in order", many_items_in_order },
        { "large bundles read in lanes, flawed or not", large_bundles_in_lanes },
#if REPLACED_MALLOC
        { "memory runs out in the lanes", lanes_out_of_memory },
#endif
        { "inputs of every kind; failures per input", inputs_of_every_kind },
        { "the result function stops the run", stopping },
        { NULL, NULL },
    };
    alarm(900); /* a run that never ends fails */
    return gbo_test_main("batch", tests);
}
