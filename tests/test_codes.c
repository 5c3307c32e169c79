/* Code lists: the built-in lists, lookups, validity, ICU-collated listings
 * and network extensions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gbo/codes.h>

#include "alloc.h"
#include "codes_internal.h" /* the generated tables and the XML loader */
#include "test_helpers.h"

static const gbo_codeset *builtin(void)
{
    gbo_error err;
    const gbo_codeset *cs = gbo_codeset_builtin(&err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(cs);
    return cs;
}

static void builtin_lists_are_present(void)
{
    static const char *const lists[] = {
        "partner-kind", "life-domain", "basic-right", "right", "purpose", "data-category",
        "referral-kind", "referral-status", "decline-reason", "right-status",
        "non-take-up-reason", "consent-form", "grantor-role", "representative-role", "urgency",
        "help-seeking-stage", "vulnerability-kind", "signal-level", "signal-addressee",
        "barrier", "contact-channel", "contact-place", "provision-type", "identifier-scheme",
        "acknowledgement-result", "emergency-route", "severity",
    };
    const gbo_codeset *cs = builtin();
    CU_ASSERT_STRING_EQUAL(gbo_codeset_id(cs), "gbo");
    CU_ASSERT_PTR_NOT_NULL(gbo_codeset_version(cs));
    CU_ASSERT_EQUAL(gbo_codeset_list_count(cs), sizeof lists / sizeof *lists);
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
        CU_ASSERT(gbo_codeset_code_count(cs, lists[i]) >= 2);
    CU_ASSERT_EQUAL(gbo_codeset_code_count(cs, "life-domain"), 16);
    CU_ASSERT_EQUAL(gbo_codeset_code_count(cs, "data-category"), 13);
    CU_ASSERT_EQUAL(gbo_codeset_code_count(cs, "barrier"), 9);
    CU_ASSERT_EQUAL(gbo_codeset_code_count(cs, "no-such-list"), 0);
    CU_ASSERT_PTR_EQUAL(gbo_codeset_builtin(NULL), cs); /* shared */
}

static void every_code_has_four_labels(void)
{
    const gbo_codeset *cs = builtin();
    size_t total = 0;
    for (size_t i = 0; i < gbo_codeset_list_count(cs); i++) {
        const char *list = gbo_codeset_list_id(cs, i);
        for (size_t j = 0; j < gbo_codeset_code_count(cs, list); j++) {
            const gbo_code *c = gbo_codeset_code_at(cs, list, j);
            for (int lang = 0; lang < GBO_LANG_COUNT; lang++) {
                const char *label = gbo_code_label(c, (gbo_lang)lang);
                CU_ASSERT_PTR_NOT_NULL_FATAL(label);
                CU_ASSERT(strlen(label) > 0);
                CU_ASSERT_PTR_NOT_NULL(gbo_code_definition(c, (gbo_lang)lang));
            }
            CU_ASSERT_STRING_EQUAL(gbo_code_list(c), list);
            CU_ASSERT_STRING_EQUAL(gbo_code_origin(c), "gbo");
            CU_ASSERT_PTR_NOT_NULL(gbo_code_seed(c));
            total++;
        }
    }
    CU_ASSERT(total > 150);
}

static void lookup_and_labels(void)
{
    const gbo_codeset *cs = builtin();
    const gbo_code *c = gbo_codeset_lookup(cs, "partner-kind", "caw");
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_STRING_EQUAL(gbo_code_value(c), "caw");
    CU_ASSERT_PTR_NULL(gbo_codeset_lookup(cs, "partner-kind", "bank"));
    CU_ASSERT_PTR_NULL(gbo_codeset_lookup(cs, "no-such-list", "caw"));
    c = gbo_codeset_lookup(cs, "right", "leefloon");
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_PTR_NOT_NULL(strstr(gbo_code_label(c, GBO_LANG_FR), "int\xc3\xa9gration"));
}

static void rights_map_to_basic_rights_domains_and_grantors(void)
{
    const gbo_codeset *cs = builtin();
    for (size_t i = 0; i < gbo_codeset_code_count(cs, "right"); i++) {
        const gbo_code *c = gbo_codeset_code_at(cs, "right", i);
        CU_ASSERT_EQUAL(gbo_code_map_count(c, "basic-right"), 1);
        CU_ASSERT(gbo_code_map_count(c, "life-domain") >= 1);
        CU_ASSERT(gbo_code_map_count(c, "partner-kind") >= 1);
        CU_ASSERT_PTR_NOT_NULL(gbo_codeset_lookup(cs, "basic-right",
                                                  gbo_code_map_at(c, "basic-right", 0)));
        /* SPEC §2.3: the CAW grants no financial-administrative right */
        if (strcmp(gbo_code_map_at(c, "basic-right", 0), "income-social-security") == 0)
            for (size_t k = 0; k < gbo_code_map_count(c, "partner-kind"); k++)
                CU_ASSERT_STRING_NOT_EQUAL(gbo_code_map_at(c, "partner-kind", k), "caw");
    }
    CU_ASSERT_PTR_NULL(gbo_code_map_at(gbo_codeset_lookup(cs, "right", "leefloon"),
                                       "basic-right", 1));
}

static void validity_periods(void)
{
    const gbo_codeset *cs = builtin();
    const gbo_code *old = gbo_codeset_lookup(cs, "right", "kinderbijslag");
    const gbo_code *now = gbo_codeset_lookup(cs, "right", "groeipakket");
    gbo_date until, d2018 = { 2018, 12, 31 }, d2019 = { 2019, 1, 1 };
    CU_ASSERT_PTR_NOT_NULL_FATAL(old);
    CU_ASSERT_PTR_NOT_NULL_FATAL(now);
    CU_ASSERT_TRUE(gbo_code_valid_until(old, &until));
    CU_ASSERT_EQUAL(gbo_date_compare(until, d2018), 0);
    CU_ASSERT_TRUE(gbo_code_is_valid_on(old, d2018));
    CU_ASSERT_FALSE(gbo_code_is_valid_on(old, d2019));
    CU_ASSERT_FALSE(gbo_code_valid_until(now, NULL));
    CU_ASSERT_FALSE(gbo_code_is_valid_on(now, d2018));
    CU_ASSERT_TRUE(gbo_code_is_valid_on(now, d2019));
    CU_ASSERT_EQUAL(gbo_code_valid_from(now).year, 2019);
}

static size_t position(const gbo_code **codes, size_t n, const char *value)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(gbo_code_value(codes[i]), value) == 0)
            return i;
    return (size_t)-1;
}

static void french_listing_uses_collation(void)
{
    const gbo_codeset *cs = builtin();
    const gbo_code **sorted;
    size_t n, energy, first_e = (size_t)-1, last_e = 0;
    gbo_error err;

    CU_ASSERT_EQUAL_FATAL(gbo_codeset_sorted(cs, "life-domain", GBO_LANG_FR, &sorted, &n, &err),
                          GBO_OK);
    CU_ASSERT_EQUAL(n, 16);
    energy = position(sorted, n, "energy-water");
    CU_ASSERT_NOT_EQUAL_FATAL(energy, (size_t)-1);
    CU_ASSERT_NSTRING_EQUAL(gbo_code_label(sorted[energy], GBO_LANG_FR), "\xc3\x89nergie", 7);
    for (size_t i = 0; i < n; i++) {
        const char *label = gbo_code_label(sorted[i], GBO_LANG_FR);
        if (label[0] == 'E' || strncmp(label, "\xc3\x89", 2) == 0) {
            if (first_e == (size_t)-1)
                first_e = i;
            last_e = i;
        }
    }
    /* every E-label, accented or not, sits in one run: Énergie among the E's,
     * not after Z where byte order would put it */
    CU_ASSERT(energy >= first_e && energy <= last_e);
    for (size_t i = first_e; i <= last_e; i++) {
        const char *label = gbo_code_label(sorted[i], GBO_LANG_FR);
        CU_ASSERT(label[0] == 'E' || strncmp(label, "\xc3\x89", 2) == 0);
    }
    CU_ASSERT(last_e < n - 1); /* something sorts after the E's */
    for (size_t i = 1; i < n; i++) /* ascending as ICU sees it: spot-check via ASCII labels */
        if ((unsigned char)gbo_code_label(sorted[i - 1], GBO_LANG_FR)[0] < 0x80 &&
            (unsigned char)gbo_code_label(sorted[i], GBO_LANG_FR)[0] < 0x80)
            CU_ASSERT(gbo_code_label(sorted[i - 1], GBO_LANG_FR)[0] <=
                      gbo_code_label(sorted[i], GBO_LANG_FR)[0]);
    gbo_free(sorted);
    CU_ASSERT_EQUAL(gbo_codeset_sorted(cs, "no-such-list", GBO_LANG_NL, &sorted, &n, &err),
                    GBO_E_NOT_FOUND);
}

static void languages(void)
{
    gbo_lang lang;
    CU_ASSERT_EQUAL(gbo_lang_parse("fr-BE", &lang), GBO_OK);
    CU_ASSERT_EQUAL(lang, GBO_LANG_FR);
    CU_ASSERT_EQUAL(gbo_lang_parse("de_BE.UTF-8", &lang), GBO_OK);
    CU_ASSERT_EQUAL(lang, GBO_LANG_DE);
    CU_ASSERT_EQUAL(gbo_lang_parse("NL", &lang), GBO_OK);
    CU_ASSERT_EQUAL(lang, GBO_LANG_NL);
    CU_ASSERT_EQUAL(gbo_lang_parse("en", &lang), GBO_OK);
    CU_ASSERT_EQUAL(lang, GBO_LANG_EN);
    CU_ASSERT_EQUAL(gbo_lang_parse("es", &lang), GBO_E_NOT_FOUND);
    CU_ASSERT_EQUAL(gbo_lang_parse("nld", &lang), GBO_E_NOT_FOUND);
    CU_ASSERT_STRING_EQUAL(gbo_lang_tag(GBO_LANG_DE), "de");
    CU_ASSERT_PTR_NULL(gbo_lang_tag(GBO_LANG_COUNT));
}

static gbo_codeset *fresh(void)
{
    gbo_error err;
    gbo_codeset *cs = gbo_codeset_new(&err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(cs);
    return cs;
}

static void extension_adds_codes(void)
{
    gbo_codeset *cs = fresh();
    gbo_error err;
    const gbo_code *c;
    size_t rights = gbo_codeset_code_count(cs, "right");

    CU_ASSERT_EQUAL_FATAL(gbo_codeset_load_extension_file(
                              cs, gbo_test_fixture("codelists/extension-adds.xml"), &err),
                          GBO_OK);
    CU_ASSERT_EQUAL(gbo_codeset_code_count(cs, "right"), rights + 1);
    c = gbo_codeset_lookup(cs, "right", "uitpas-kansentarief");
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_STRING_EQUAL(gbo_code_origin(c), "net-gentse-kanaalzone");
    CU_ASSERT_STRING_EQUAL(gbo_code_list(c), "right");
    CU_ASSERT_STRING_EQUAL(gbo_code_map_at(c, "basic-right", 0), "culture-leisure");
    CU_ASSERT_PTR_NOT_NULL(gbo_codeset_lookup(cs, "life-domain", "digital-inclusion"));
    CU_ASSERT_EQUAL(gbo_codeset_extension_count(cs), 1);
    CU_ASSERT_STRING_EQUAL(gbo_codeset_extension_id(cs, 0), "net-gentse-kanaalzone");
    CU_ASSERT_STRING_EQUAL(gbo_codeset_extension_version(cs, 0), "2024.2");
    /* the shared built-in set is untouched */
    CU_ASSERT_PTR_NULL(gbo_codeset_lookup(builtin(), "right", "uitpas-kansentarief"));
    /* loading the same extension twice is refused, and says so */
    CU_ASSERT_EQUAL(gbo_codeset_load_extension_file(
                        cs, gbo_test_fixture("codelists/extension-adds.xml"), &err),
                    GBO_E_CONFLICT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "loaded already"));
    gbo_codeset_free(cs);
}

/* Loading `fixture` fails with `expected` and leaves the codeset as it was. */
static void refused(const char *fixture, gbo_status expected)
{
    gbo_codeset *cs = fresh();
    gbo_error err;
    size_t domains = gbo_codeset_code_count(cs, "life-domain");
    char name[128];

    snprintf(name, sizeof name, "codelists/%s", fixture);
    gbo_error_clear(&err);
    CU_ASSERT_EQUAL(gbo_codeset_load_extension_file(cs, gbo_test_fixture(name), &err), expected);
    CU_ASSERT_EQUAL(err.status, expected);
    CU_ASSERT(strlen(err.message) > 0);
    CU_ASSERT_EQUAL(gbo_codeset_code_count(cs, "life-domain"), domains);
    CU_ASSERT_EQUAL(gbo_codeset_extension_count(cs), 0);
    gbo_codeset_free(cs);
}

static void extension_may_not_rename(void)
{
    gbo_codeset *cs = fresh();
    gbo_error err;
    CU_ASSERT_EQUAL(gbo_codeset_load_extension_file(
                        cs, gbo_test_fixture("codelists/extension-renames.xml"), &err),
                    GBO_E_CONFLICT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "housing"));
    CU_ASSERT(err.line > 0);
    /* the original label survives */
    CU_ASSERT_STRING_EQUAL(gbo_code_label(gbo_codeset_lookup(cs, "life-domain", "housing"),
                                          GBO_LANG_EN),
                           gbo_code_label(gbo_codeset_lookup(builtin(), "life-domain", "housing"),
                                          GBO_LANG_EN));
    gbo_codeset_free(cs);
    refused("extension-renames.xml", GBO_E_CONFLICT);
}

static void extension_may_not_remove(void)
{
    refused("extension-removes.xml", GBO_E_CONFLICT);
}

static void failed_extension_changes_nothing(void)
{
    /* its first code is valid, its second redefines a built-in one */
    refused("extension-partial.xml", GBO_E_CONFLICT);
}

static void extension_other_refusals(void)
{
    refused("extension-unknown-list.xml", GBO_E_NOT_FOUND);
    refused("extension-bad-map.xml", GBO_E_PARSE);
    refused("extension-same-id.xml", GBO_E_CONFLICT);
    refused("extension-doctype.xml", GBO_E_PARSE);
    refused("extension-missing-label.xml", GBO_E_PARSE);
    refused("extension-truncated.xml", GBO_E_PARSE);
    refused("extension-bad-code.xml", GBO_E_PARSE); /* codes are defined in ASCII form */
    refused("no-such-file.xml", GBO_E_IO);
}

static void extension_from_memory(void)
{
    gbo_codeset *cs = fresh();
    gbo_error err;
    size_t size;
    char *data = gbo_test_read_file(gbo_test_fixture("codelists/extension-adds.xml"), &size);
    CU_ASSERT_PTR_NOT_NULL_FATAL(data);
    CU_ASSERT_EQUAL(gbo_codeset_load_extension_memory(cs, data, size, &err), GBO_OK);
    CU_ASSERT_EQUAL(gbo_codeset_load_extension_memory(cs, "", 0, &err), GBO_E_PARSE);
    CU_ASSERT_EQUAL(gbo_codeset_load_extension_memory(cs, "<a/>", 4, &err), GBO_E_PARSE);
    CU_ASSERT_EQUAL(gbo_codeset_load_extension_memory(NULL, data, size, &err), GBO_E_INVALID_ARG);
    free(data);
    gbo_codeset_free(cs);
    gbo_codeset_free(NULL);
}

static int same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static int same_date(gbo_date a, gbo_date b)
{
    return a.year == b.year && a.month == b.month && a.day == b.day;
}

static void expect_same_code(const gbo_code *t, const gbo_code *x)
{
    int same = same_text(t->value, x->value) && same_text(t->seed, x->seed) &&
               same_text(t->list, x->list) && same_text(t->origin, x->origin) &&
               same_date(t->valid_from, x->valid_from) && t->has_until == x->has_until &&
               (!t->has_until || same_date(t->valid_until, x->valid_until)) &&
               t->nmaps == x->nmaps;
    for (int l = 0; same && l < GBO_LANG_COUNT; l++)
        same = same_text(t->labels[l], x->labels[l]) &&
               same_text(t->definitions[l], x->definitions[l]);
    for (size_t m = 0; same && m < t->nmaps; m++)
        same = same_text(t->maps[m].list, x->maps[m].list) &&
               same_text(t->maps[m].code, x->maps[m].code);
    if (!same) {
        fprintf(stderr, "code %s of list %s: the table is not what the XML says\n", x->value,
                x->list);
        CU_FAIL("generated table differs from data/codelists.xml");
    }
}

/* The compiled-in tables (build-aux/gen-codes-table.py) hold exactly what
 * the XML loader reads from data/codelists.xml: every list and code in
 * order, every text, date and map. */
static void builtin_tables_are_the_xml(void)
{
    char path[4096];
    const char *src = getenv("GBO_SRCDIR");
    size_t size;
    char *xml;
    gbo_codeset *loaded = gbop_calloc(1, sizeof *loaded);
    const gbo_codeset *table = builtin();
    gbo_error err;

    CU_ASSERT_PTR_NOT_NULL_FATAL(src);
    CU_ASSERT_PTR_NOT_NULL_FATAL(loaded);
    snprintf(path, sizeof path, "%s/data/codelists.xml", src);
    xml = gbo_test_read_file(path, &size);
    CU_ASSERT_PTR_NOT_NULL_FATAL(xml);
    CU_ASSERT_EQUAL_FATAL(gbop_codeset_load_xml(loaded, xml, size, &err), GBO_OK);
    CU_ASSERT_STRING_EQUAL(table->id, loaded->id);
    CU_ASSERT_STRING_EQUAL(table->version, loaded->version);
    CU_ASSERT_EQUAL_FATAL(table->nlists, loaded->nlists);
    for (size_t i = 0; i < loaded->nlists; i++) {
        const code_list *t = table->lists[i], *x = loaded->lists[i];
        CU_ASSERT_STRING_EQUAL(t->id, x->id);
        CU_ASSERT_EQUAL_FATAL(t->count, x->count);
        for (size_t k = 0; k < x->count; k++)
            expect_same_code(t->codes[k], x->codes[k]);
    }
    gbo_codeset_free(loaded);
    free(xml);
}

int main(void)
{
    static const gbo_test tests[] = {
        { "built-in lists are present", builtin_lists_are_present },
        { "the compiled-in tables are data/codelists.xml", builtin_tables_are_the_xml },
        { "every code has four labels", every_code_has_four_labels },
        { "lookup and labels", lookup_and_labels },
        { "rights map to basic rights, domains, grantors",
          rights_map_to_basic_rights_domains_and_grantors },
        { "validity periods", validity_periods },
        { "French listing uses ICU collation", french_listing_uses_collation },
        { "languages", languages },
        { "extension adds codes", extension_adds_codes },
        { "extension may not rename", extension_may_not_rename },
        { "extension may not remove", extension_may_not_remove },
        { "failed extension changes nothing", failed_extension_changes_nothing },
        { "other refused extensions", extension_other_refusals },
        { "extension from memory", extension_from_memory },
        { NULL, NULL }
    };
    return gbo_test_main("codes", tests);
}
