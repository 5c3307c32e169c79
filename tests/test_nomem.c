/* Out of memory anywhere, on every reading path. For each path (a document,
 * a bundle, a context, a code-list extension, a history, monitoring
 * figures) and each allocator (libgbo's own, libxml2's through
 * xmlMemSetup(), ICU's through u_setMemoryFunctions()), every allocation
 * from the n-th on fails, for every n up to the count of a clean run. Each
 * run must end as the clean run did, with exactly its findings, or with
 * GBO_E_NOMEM — never GBO_OK with fewer findings, never a refusal without
 * its error. The hooks are process-wide, so this is a program of its own.
 * Two calls into the dependencies are left alone (gbop_fragile_call in
 * alloc.h): libxml2 2.9.14's schema validator and ICU 72's message
 * formatter crash when an allocation fails inside them.
 * To rerun one case: NOMEM_ONLY="document libxml2 632" tests/test_nomem. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlmemory.h>
#include <unicode/uclean.h>

#include <gbo/gbo.h>

#include "alloc.h"
#include "test_helpers.h"

enum { LIBGBO, LIBXML2, ICU, ALLOCATORS };
static const char *const allocator_names[ALLOCATORS] = { "libgbo", "libxml2", "ICU" };

/* libxml2's and ICU's allocations, counted; from fail_from on they fail */
static unsigned long counted[ALLOCATORS];
static long fail_from[ALLOCATORS] = { -1, -1, -1 };

static bool fails(int which)
{
    unsigned long n = counted[which]++;
    /* not inside the calls whose own handling of it is broken upstream */
    return fail_from[which] >= 0 && n >= (unsigned long)fail_from[which] && !gbop_fragile_call;
}

static void *xml_malloc(size_t size) { return fails(LIBXML2) ? NULL : malloc(size); }
static void *xml_realloc(void *p, size_t size) { return fails(LIBXML2) ? NULL : realloc(p, size); }
static char *xml_strdup(const char *s) { return fails(LIBXML2) ? NULL : strdup(s); }
static void *U_CALLCONV icu_alloc(const void *ctx, size_t size)
{
    (void)ctx;
    return fails(ICU) ? NULL : malloc(size);
}
static void *U_CALLCONV icu_realloc(const void *ctx, void *p, size_t size)
{
    (void)ctx;
    return fails(ICU) ? NULL : realloc(p, size);
}
static void U_CALLCONV icu_free(const void *ctx, void *p)
{
    (void)ctx;
    free(p);
}

/* ---- the outcome of a run, as text ------------------------------------------------ */

typedef struct outcome {
    char text[65536];
    size_t used;
} outcome;

static void say(outcome *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(outcome *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (o->used < sizeof o->text)
        o->used += (size_t)vsnprintf(o->text + o->used, sizeof o->text - o->used, fmt, ap);
    va_end(ap);
}

static void say_diagnostics(outcome *o, const gbo_diagnostics *diags)
{
    for (size_t i = 0; i < gbo_diagnostics_count(diags); i++) {
        const gbo_diagnostic *d = gbo_diagnostics_at(diags, i);
        say(o, "%s %d %lu:%lu %s %s\n", gbo_diagnostic_rule(d), (int)gbo_diagnostic_severity(d),
            gbo_diagnostic_line(d), gbo_diagnostic_column(d), gbo_diagnostic_path(d),
            gbo_diagnostic_message(d));
    }
}

static char *data_file(const char *relative, size_t *size)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", getenv("GBO_SRCDIR") ? getenv("GBO_SRCDIR") : ".",
             relative);
    return gbo_test_read_file(path, size);
}

#define CHECK(call)                                                                            \
    do {                                                                                       \
        status = (call);                                                                       \
        if (status != GBO_OK)                                                                  \
            goto done;                                                                         \
    } while (0)
#define CHECK_PTR(ptr)                                                                         \
    do {                                                                                       \
        if (!(ptr)) {                                                                          \
            status = err.status;                                                               \
            goto done;                                                                         \
        }                                                                                      \
    } while (0)

/* ---- the paths ---------------------------------------------------------------------- */

static char *referral, *findings, *names, *bundle, *context, *update, *extension;
static size_t referral_size, findings_size, names_size, bundle_size, context_size, update_size,
    extension_size;

/* Three documents read and validated: a referral, a document with
 * findings, and a signal whose free text is searched for names (ICU). */
static gbo_status document_path(outcome *o)
{
    gbo_status status = GBO_OK;
    gbo_error err;
    gbo_validator *v = gbo_validator_new(NULL, &err);
    gbo_diagnostics *diags = gbo_diagnostics_new(&err);
    CHECK_PTR(v);
    CHECK_PTR(diags);
    CHECK(gbo_diagnostics_set_lang(diags, GBO_LANG_EN));
    CHECK(gbo_validate_memory(v, referral, referral_size, diags, &err));
    CHECK(gbo_validate_memory(v, findings, findings_size, diags, &err));
    CHECK(gbo_validate_memory(v, names, names_size, diags, &err));
done:
    say_diagnostics(o, diags);
    gbo_diagnostics_free(diags);
    gbo_validator_free(v);
    return status;
}

/* The shipped bundle, item by item, each validated. */
static gbo_status bundle_path(outcome *o)
{
    gbo_status status = GBO_OK;
    gbo_error err;
    gbo_validator *v = gbo_validator_new(NULL, &err);
    gbo_diagnostics *diags = gbo_diagnostics_new(&err);
    gbo_bundle_reader *b = NULL;
    gbo_entity *item = NULL;
    CHECK_PTR(v);
    CHECK_PTR(diags);
    b = gbo_bundle_open_memory(bundle, bundle_size, NULL, &err);
    CHECK_PTR(b);
    for (;;) {
        status = gbo_bundle_next(b, &item, diags, &err);
        if (status != GBO_OK)
            goto done;
        if (!item)
            break;
        say(o, "item %s\n", gbo_entity_get(item, GBO_EXCHANGE_ID));
        CHECK(gbo_validate_entity(v, item, diags, &err));
        gbo_entity_free(item);
        item = NULL;
    }
done:
    say_diagnostics(o, diags);
    gbo_entity_free(item);
    gbo_bundle_close(b);
    gbo_diagnostics_free(diags);
    gbo_validator_free(v);
    return status;
}

/* A status update validated against the referral it follows, as context. */
static gbo_status context_path(outcome *o)
{
    gbo_status status = GBO_OK;
    gbo_error err;
    gbo_validator *v = gbo_validator_new(NULL, &err);
    gbo_diagnostics *diags = gbo_diagnostics_new(&err);
    gbo_entity *doc = NULL;
    CHECK_PTR(v);
    CHECK_PTR(diags);
    CHECK(gbo_exchange_read_memory(context, context_size, NULL, &doc, NULL, &err));
    CHECK(gbo_validator_add_context(v, doc, &err));
    CHECK(gbo_validate_memory(v, update, update_size, diags, &err));
    say(o, "context organisations %zu\n", gbo_validator_context_organisations(v));
done:
    say_diagnostics(o, diags);
    gbo_entity_free(doc);
    gbo_diagnostics_free(diags);
    gbo_validator_free(v);
    return status;
}

/* A network's code-list extension, loaded and listed in French order. */
static gbo_status extension_path(outcome *o)
{
    gbo_status status = GBO_OK;
    gbo_error err;
    gbo_codeset *cs = gbo_codeset_new(&err);
    const gbo_code **sorted = NULL;
    size_t n = 0;
    CHECK_PTR(cs);
    CHECK(gbo_codeset_load_extension_memory(cs, extension, extension_size, &err));
    CHECK(gbo_codeset_sorted(cs, "life-domain", GBO_LANG_FR, &sorted, &n, &err));
    for (size_t i = 0; i < n; i++)
        say(o, "%s ", gbo_code_value(sorted[i]));
done:
    gbo_free(sorted);
    gbo_codeset_free(cs);
    return status;
}

/* A referral and its update replayed as one history. */
static gbo_status history_path(outcome *o)
{
    gbo_status status = GBO_OK;
    gbo_error err;
    gbo_history *h = gbo_history_new(&err);
    gbo_diagnostics *diags = gbo_diagnostics_new(&err);
    gbo_entity *first = NULL, *second = NULL;
    CHECK_PTR(h);
    CHECK_PTR(diags);
    CHECK(gbo_diagnostics_set_lang(diags, GBO_LANG_EN));
    CHECK(gbo_exchange_read_memory(context, context_size, NULL, &first, NULL, &err));
    CHECK(gbo_exchange_read_memory(update, update_size, NULL, &second, NULL, &err));
    CHECK(gbo_history_add(h, first, 1, &err));
    CHECK(gbo_history_add(h, second, 2, &err));
    CHECK(gbo_history_check(h, 1, diags, &err));
    CHECK(gbo_history_check(h, 2, diags, &err));
    for (size_t i = 0; i < gbo_history_referral_count(h); i++) {
        const char *id = gbo_history_referral_id(h, i);
        const char *state = gbo_history_status(h, id);
        say(o, "%s %s\n", id, state ? state : "(none)");
    }
done:
    say_diagnostics(o, diags);
    gbo_entity_free(second);
    gbo_entity_free(first);
    gbo_diagnostics_free(diags);
    gbo_history_free(h);
    return status;
}

/* Monitoring figures over the documents above. */
static gbo_status stats_path(outcome *o)
{
    gbo_status status = GBO_OK;
    gbo_error err;
    gbo_stats *st = gbo_stats_new(1, NULL, &err);
    gbo_entity *doc = NULL;
    const char *const docs[] = { referral, context, update };
    const size_t sizes[] = { referral_size, context_size, update_size };
    gbo_stats_row row;
    CHECK_PTR(st);
    for (size_t i = 0; i < 3; i++) {
        CHECK(gbo_exchange_read_memory(docs[i], sizes[i], NULL, &doc, NULL, &err));
        CHECK(gbo_stats_add(st, doc, &err));
        gbo_entity_free(doc);
        doc = NULL;
    }
    CHECK(gbo_stats_compute(st, &err));
    for (size_t i = 0; gbo_stats_row_at(st, i, &row); i++)
        say(o, "%s,%s,%s,%s\n", row.table, row.dimension, row.value, row.count);
done:
    gbo_entity_free(doc);
    gbo_stats_free(st);
    return status;
}

/* ---- failing every allocation from the n-th on -------------------------------------- */

typedef gbo_status (*path)(outcome *o);

static void start_failing(int which, long n)
{
    memset(counted, 0, sizeof counted);
    if (which == LIBGBO)
        gbop_alloc_fail_after(n);
    else
        fail_from[which] = n;
}

static void stop_failing(void)
{
    gbop_alloc_fail_after(-1);
    fail_from[LIBXML2] = fail_from[ICU] = -1;
}

/* Under valgrind (GBO_VALGRIND=1) every n below 200, then every 17th. */
static long next_n(long n)
{
    const char *valgrind = getenv("GBO_VALGRIND");
    return valgrind && strcmp(valgrind, "1") == 0 && n >= 200 ? n + 17 : n + 1;
}

static void every_allocation_fails(const char *name, path run)
{
    static outcome clean, failed;
    unsigned long clean_counts[ALLOCATORS];
    unsigned long start = gbop_alloc_count();

    /* warm up what libxml2 and ICU keep once per process, then count */
    clean.used = 0;
    CU_ASSERT_EQUAL_FATAL(run(&clean), GBO_OK);
    memset(counted, 0, sizeof counted);
    start = gbop_alloc_count();
    clean.used = 0;
    CU_ASSERT_EQUAL_FATAL(run(&clean), GBO_OK);
    clean_counts[LIBGBO] = gbop_alloc_count() - start;
    clean_counts[LIBXML2] = counted[LIBXML2];
    clean_counts[ICU] = counted[ICU];
    CU_ASSERT(clean.used > 0);
    for (int which = 0; which < ALLOCATORS; which++) {
        unsigned long nomem = 0;
        for (long n = 0; n < (long)clean_counts[which]; n = next_n(n)) {
            gbo_status status;
            failed.used = 0;
            if (getenv("NOMEM_ONLY")) {
                char want[64];
                snprintf(want, sizeof want, "%s %s %ld", name, allocator_names[which], n);
                if (strcmp(want, getenv("NOMEM_ONLY")) != 0)
                    continue;
            }
            start_failing(which, n);
            status = run(&failed);
            stop_failing();
            if (status == GBO_E_NOMEM) {
                nomem++;
                continue;
            }
            if (status != GBO_OK || failed.used != clean.used ||
                memcmp(failed.text, clean.text, clean.used) != 0) {
                fprintf(stderr, "%s: %s allocation %ld failing: status %d, outcome:\n%.*s\n"
                                "clean outcome:\n%.*s\n",
                        name, allocator_names[which], n, (int)status, (int)failed.used,
                        failed.text, (int)clean.used, clean.text);
                CU_FAIL("out of memory ended otherwise than as the clean run or GBO_E_NOMEM");
                break;
            }
        }
        fprintf(stderr, "%s: %s: %lu allocations, %lu failures gave GBO_E_NOMEM\n", name,
                allocator_names[which], clean_counts[which], nomem);
    }
}

static void document(void) { every_allocation_fails("document", document_path); }
static void bundle_items(void) { every_allocation_fails("bundle", bundle_path); }
static void with_context(void) { every_allocation_fails("context", context_path); }
static void code_list_extension(void) { every_allocation_fails("extension", extension_path); }
static void history(void) { every_allocation_fails("history", history_path); }
static void figures(void) { every_allocation_fails("stats", stats_path); }

int main(void)
{
    static const gbo_test tests[] = {
        { "a document", document },
        { "a bundle", bundle_items },
        { "a document against a context", with_context },
        { "a code-list extension", code_list_extension },
        { "a history", history },
        { "monitoring figures", figures },
        { NULL, NULL }
    };
    UErrorCode uerr = U_ZERO_ERROR;
    /* before libxml2 or ICU allocate anything */
    if (xmlMemSetup(free, xml_malloc, xml_realloc, xml_strdup) != 0)
        return 1;
    u_setMemoryFunctions(NULL, icu_alloc, icu_realloc, icu_free, &uerr);
    if (U_FAILURE(uerr))
        return 1;
    referral = data_file("examples/referral-warm.xml", &referral_size);
    findings = data_file("tests/fixtures/rules/GBO-I001/trigger.xml", &findings_size);
    names = data_file("tests/fixtures/rules/GBO-R008/trigger-name.xml", &names_size);
    bundle = data_file("examples/bundle.xml", &bundle_size);
    context = data_file("examples/referral-warm.xml", &context_size);
    update = data_file("examples/lifecycle-2-accepted.xml", &update_size);
    extension = data_file("examples/codelists/network-extension.xml", &extension_size);
    if (!referral || !findings || !names || !bundle || !context || !update || !extension)
        return 1;
    return gbo_test_main("out of memory anywhere", tests);
}
