/* Allocation failure: fail the n-th of libgbo's own allocations, for every
 * n, and check that each call reports GBO_E_NOMEM cleanly (no crash, no leak
 * under valgrind, nothing half-done). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gbo/codes.h>
#include <gbo/entity.h>
#include <gbo/exchange.h>
#include <gbo/validate.h>
#include <gbo/consent.h>

#include "alloc.h"
#include "test_helpers.h"

/* Each scenario returns the status of the first call that failed (with
 * err filled) or GBO_OK, and frees whatever it made. */
typedef gbo_status (*scenario)(gbo_error *err);

#define TRY(call)                                                                              \
    do {                                                                                       \
        status = (call);                                                                       \
        if (status != GBO_OK)                                                                  \
            goto done;                                                                         \
    } while (0)
#define TRY_PTR(ptr)                                                                           \
    do {                                                                                       \
        if (!(ptr)) {                                                                          \
            status = err->status;                                                              \
            goto done;                                                                         \
        }                                                                                      \
    } while (0)

static gbo_status build_and_copy_referral(gbo_error *err)
{
    gbo_status status = GBO_OK;
    gbo_entity *r = NULL, *copy = NULL, *child;

    r = gbo_entity_new(GBO_KIND_REFERRAL, err);
    TRY_PTR(r);
    TRY(gbo_entity_set(r, GBO_REFERRAL_ID, "0b7e6a1c-3c1f-4f8e-9a55-6c2d1e0f9a10", err));
    TRY(gbo_entity_set(r, GBO_REFERRAL_CREATED_AT, "2025-03-04T10:00:00+01:00", err));
    TRY(gbo_entity_set(r, GBO_REFERRAL_HELP_QUESTION, "Wij zoeken hulp bij de e\xcc\x81nergiefactuur", err));
    TRY(gbo_entity_set(r, GBO_REFERRAL_HELP_QUESTION_LANGUAGE, "nl-be", err));
    TRY(gbo_entity_set_reference(r, GBO_REFERRAL_CONSENT, "c0c0c0c0-0000-4000-8000-000000000002",
                                 "a1b2c3d4-0000-4000-8000-000000000001", err));
    for (int i = 0; i < 3; i++) {
        child = gbo_entity_add_child(r, GBO_REFERRAL_LIFE_DOMAINS, err);
        TRY_PTR(child);
        TRY(gbo_entity_set(child, GBO_LIFE_DOMAIN_DOMAIN, "housing", err));
        TRY(gbo_entity_add(child, GBO_LIFE_DOMAIN_STEPS, "Stap \xc3\xa9\xc3\xa9n", err));
        TRY(gbo_entity_add(child, GBO_LIFE_DOMAIN_STEPS, "Stap twee", err));
    }
    TRY(gbo_entity_add(r, GBO_REFERRAL_VULNERABILITY_KINDS, "material", err));
    copy = gbo_entity_copy(r, err);
    TRY_PTR(copy);
    if (!gbo_entity_equal(r, copy))
        status = GBO_E_INTERNAL;
done:
    gbo_entity_free(copy);
    gbo_entity_free(r);
    return status;
}

static const char extension[] =
    "<codeLists xmlns='urn:gbo:codelists:1' id='net-test' version='1' extends='gbo'>"
    "<list id='life-domain'><code value='digital-inclusion' validFrom='2024-01-01' seed='spec'>"
    "<label xml:lang='nl'>Digitale inclusie</label><label xml:lang='fr'>Inclusion num\xc3\xa9rique</label>"
    "<label xml:lang='de'>Digitale Teilhabe</label><label xml:lang='en'>Digital inclusion</label>"
    "<definition xml:lang='en'>Digital skills.</definition></code></list></codeLists>";

static gbo_status extend_and_sort_codes(gbo_error *err)
{
    gbo_status status = GBO_OK;
    gbo_codeset *cs = NULL;
    const gbo_code **sorted = NULL;
    size_t n;

    cs = gbo_codeset_new(err);
    TRY_PTR(cs);
    TRY(gbo_codeset_load_extension_memory(cs, extension, sizeof extension - 1, err));
    TRY(gbo_codeset_sorted(cs, "life-domain", GBO_LANG_FR, &sorted, &n, err));
    if (n != 17)
        status = GBO_E_INTERNAL;
done:
    gbo_free(sorted);
    gbo_codeset_free(cs);
    return status;
}

/* Natively every n is tried. Under valgrind (GBO_VALGRIND=1), where the
 * quadratic loop costs minutes, every n below 300 and then every 13th: the
 * failure sites beyond 300 repeat per code and per field, so the sample
 * still reaches each of them, and the leak check sees every path. */
static long next_n(long n)
{
    const char *valgrind = getenv("GBO_VALGRIND");
    if (valgrind && strcmp(valgrind, "1") == 0 && n >= 300)
        return n + 13;
    return n + 1;
}

static const char document[] =
    "<exchange xmlns='urn:gbo:exchange:1' xmlns:v='urn:v' version='1.0' id='0b7e6a1c-3c1f-4f8e-9a55-6c2d1e0f9a10'>"
    "<header><createdAt>2025-03-04T10:00:00+01:00</createdAt>"
    "<sender>0e3b5a10-2c4d-4e6f-8a9b-0c1d2e3f4a01</sender><recipient>0e3b5a10-2c4d-4e6f-8a9b-0c1d2e3f4a02</recipient>"
    "<codeListVersion>2026.1</codeListVersion></header>"
    "<organisation id='0e3b5a10-2c4d-4e6f-8a9b-0c1d2e3f4a01'><name>CAW Oost-Vlaanderen</name><kind>caw</kind>"
    "<network>Gent</network><network>Meetjesland</network><v:x a='1'>ext</v:x></organisation>"
    "<person id='5f0c8a34-1b2d-4e6f-8a9b-0c1d2e3f4a5b'><givenName>Rene\xcc\x81</givenName></person>"
    "</exchange>";

static gbo_status read_and_write_document(gbo_error *err)
{
    gbo_status status = GBO_OK;
    gbo_diagnostics *diags = NULL;
    gbo_entity *x = NULL;
    char *out = NULL;
    size_t size;

    diags = gbo_diagnostics_new(err);
    TRY_PTR(diags);
    TRY(gbo_exchange_read_memory(document, sizeof document - 1, NULL, &x, diags, err));
    TRY(gbo_exchange_write_memory(x, &out, &size, err));
    TRY(gbo_entity_add_extension(x, "<v:y xmlns:v='urn:v'/>", err));
done:
    gbo_free(out);
    gbo_entity_free(x);
    gbo_diagnostics_free(diags);
    return status;
}

/* Validation that finds something (an unknown code, R001) under failing
 * allocations: the diagnostics list, the rules, the reporting. */
static gbo_status validate_document(gbo_error *err)
{
    static const char bad[] =
        "<exchange xmlns='urn:gbo:exchange:1' version='1.0' id='0b7e6a1c-3c1f-4f8e-9a55-6c2d1e0f9a10'>"
        "<header><createdAt>2025-03-04T10:00:00+01:00</createdAt>"
        "<sender>0e3b5a10-2c4d-4e6f-8a9b-0c1d2e3f4a01</sender><recipient>0e3b5a10-2c4d-4e6f-8a9b-0c1d2e3f4a02</recipient>"
        "<codeListVersion>2026.1</codeListVersion></header>"
        "<organisation id='0e3b5a10-2c4d-4e6f-8a9b-0c1d2e3f4a01'><name>CAW</name><kind>bank</kind></organisation>"
        "</exchange>";
    gbo_status status = GBO_OK;
    gbo_validator *v = NULL;
    gbo_diagnostics *diags = NULL;

    v = gbo_validator_new(NULL, err);
    TRY_PTR(v);
    diags = gbo_diagnostics_new(err);
    TRY_PTR(diags);
    TRY(gbo_validate_memory(v, bad, sizeof bad - 1, diags, err));
    if (gbo_diagnostics_count(diags) != 1)
        status = GBO_E_INTERNAL;
done:
    gbo_diagnostics_free(diags);
    gbo_validator_free(v);
    return status;
}

/* The consent gate and minimisation: read a referral whose consent does not
 * cover its help question, minimise it, write it. */
static gbo_status minimise_and_write(gbo_error *err)
{
    gbo_status status = GBO_OK;
    gbo_entity *doc = NULL, *min = NULL;
    char *out = NULL;
    size_t size;

    TRY(gbo_exchange_read_file(gbo_test_fixture("rules/GBO-C004/trigger.xml"), NULL, &doc, NULL, err));
    min = gbo_exchange_minimise(doc, NULL, err);
    TRY_PTR(min);
    TRY(gbo_exchange_write_memory(min, &out, &size, err));
done:
    gbo_free(out);
    gbo_entity_free(min);
    gbo_entity_free(doc);
    return status;
}

static void fail_every_allocation(scenario run, unsigned long min_allocations)
{
    unsigned long injected = 0;
    for (long n = 0;; n = next_n(n)) {
        gbo_error err;
        gbo_status status;
        gbo_error_clear(&err);
        gbop_alloc_fail_after(n);
        status = run(&err);
        gbop_alloc_fail_after(-1);
        if (status == GBO_OK)
            break;
        CU_ASSERT_EQUAL(status, GBO_E_NOMEM);
        CU_ASSERT_EQUAL(err.status, GBO_E_NOMEM);
        if (status != GBO_E_NOMEM) {
            fprintf(stderr, "allocation %ld: status %d (%s)\n", n, (int)status, err.message);
            break;
        }
        injected++;
    }
    /* the scenario really allocates, so the loop really injected failures */
    CU_ASSERT(injected >= min_allocations);
}

static void model_calls_report_nomem(void)
{
    fail_every_allocation(build_and_copy_referral, 20);
}

static void code_list_calls_report_nomem(void)
{
    fail_every_allocation(extend_and_sort_codes, 300); /* every n below 300 runs in both modes */
}

static void document_calls_report_nomem(void)
{
    fail_every_allocation(read_and_write_document, 30);
}

static void validation_reports_nomem(void)
{
    fail_every_allocation(validate_document, 20);
}

static void consent_calls_report_nomem(void)
{
    fail_every_allocation(minimise_and_write, 30);
}

static void injection_counts_allocations(void)
{
    unsigned long before = gbop_alloc_count();
    void *p = gbop_malloc(8);
    CU_ASSERT_PTR_NOT_NULL(p);
    CU_ASSERT_EQUAL(gbop_alloc_count(), before + 1);
    gbop_free(p);
    gbop_alloc_fail_after(0);
    CU_ASSERT_PTR_NULL(gbop_malloc(8));
    gbop_alloc_fail_after(-1);
}

int main(void)
{
    static const gbo_test tests[] = {
        { "injection counts allocations", injection_counts_allocations },
        { "model calls report NOMEM", model_calls_report_nomem },
        { "code-list calls report NOMEM", code_list_calls_report_nomem },
        { "document calls report NOMEM", document_calls_report_nomem },
        { "validation reports NOMEM", validation_reports_nomem },
        { "minimise and the writer's gate report NOMEM", consent_calls_report_nomem },
        { NULL, NULL }
    };
    return gbo_test_main("allocation failure", tests);
}
