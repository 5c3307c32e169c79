/* The validator API: documents, models built in code, code-list extensions,
 * the context, languages. The rules themselves are covered fixture by
 * fixture (tests/rule-fixtures.sh). */
#include <stdio.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

#include <gbo/gbo.h>

#include "test_helpers.h"
#include "validate_internal.h" /* gbop_personal_data_in */

static char *fixture(const char *rel, size_t *size)
{
    char *data = gbo_test_read_file(gbo_test_fixture(rel), size);
    CU_ASSERT_PTR_NOT_NULL_FATAL(data);
    return data;
}

static const gbo_diagnostic *only(const gbo_diagnostics *d)
{
    CU_ASSERT_EQUAL_FATAL(gbo_diagnostics_count(d), 1);
    return gbo_diagnostics_at(d, 0);
}

static void documents_and_languages(void)
{
    gbo_validator *v = gbo_validator_new(NULL, NULL);
    gbo_diagnostics *d = gbo_diagnostics_new(NULL);
    size_t size;
    char *bad = fixture("rules/GBO-I001/trigger.xml", &size);
    const gbo_diagnostic *g;

    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_EQUAL(gbo_diagnostics_set_lang(d, GBO_LANG_FR), GBO_OK);
    CU_ASSERT_EQUAL(gbo_diagnostics_lang(d), GBO_LANG_FR);
    CU_ASSERT_EQUAL(gbo_diagnostics_set_lang(d, GBO_LANG_COUNT), GBO_E_INVALID_ARG);
    CU_ASSERT_EQUAL(gbo_validate_memory(v, bad, size, d, NULL), GBO_OK);
    g = only(d);
    CU_ASSERT_STRING_EQUAL(gbo_diagnostic_rule(g), "GBO-I001");
    CU_ASSERT_EQUAL(gbo_diagnostic_severity(g), GBO_SEVERITY_ERROR);
    CU_ASSERT_STRING_EQUAL(gbo_diagnostic_path(g), "/exchange/person[1]/nationalNumber");
    CU_ASSERT(gbo_diagnostic_line(g) > 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(gbo_diagnostic_message(g), "chiffres de contr"));
    CU_ASSERT_EQUAL(gbo_diagnostics_error_count(d), 1);

    /* the same finding in German, and its twin is clean */
    gbo_diagnostics_clear(d);
    gbo_diagnostics_set_lang(d, GBO_LANG_DE);
    CU_ASSERT_EQUAL(gbo_validate_memory(v, bad, size, d, NULL), GBO_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(gbo_diagnostic_message(only(d)), "Prüfziffern"));
    free(bad);
    gbo_diagnostics_clear(d);
    CU_ASSERT_EQUAL(gbo_validate_file(v, gbo_test_fixture("rules/GBO-I001/twin.xml"), d, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_diagnostics_count(d), 0);
    /* a refused document is a result, not a failure of the call */
    CU_ASSERT_EQUAL(gbo_validate_memory(v, "<nope", 5, d, NULL), GBO_OK);
    CU_ASSERT_STRING_EQUAL(gbo_diagnostic_rule(only(d)), "GBO-X001");
    gbo_diagnostics_clear(d);
    CU_ASSERT_EQUAL(gbo_validate_file(v, "/nonexistent.xml", d, NULL), GBO_E_IO);
    CU_ASSERT_EQUAL(gbo_validate_memory(NULL, "x", 1, d, NULL), GBO_E_INVALID_ARG);
    CU_ASSERT_EQUAL(gbo_validate_memory(v, "x", 1, NULL, NULL), GBO_E_INVALID_ARG);
    gbo_diagnostics_free(d);
    gbo_validator_free(v);
    gbo_validator_free(NULL);
}

/* A referral built in code, without help question: R002, at the referral. */
/* The structure the schema requires of an exchange carrying one referral
 * of `kind`: ids, the header, and both parties (external references, so
 * that no organisation need travel). */
static gbo_entity *minimal_exchange(const char *kind, gbo_entity **referral)
{
    gbo_entity *x = gbo_test_exchange("2025-03-04T10:00:00Z"), *r, *party, *ref;
    r = gbo_entity_add_child(x, GBO_EXCHANGE_REFERRALS, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_EQUAL(gbo_entity_set(r, GBO_REFERRAL_ID, "7d1f3c2a-5b6e-4c8d-9e0f-1a2b3c4d5e6f", NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_set(r, GBO_REFERRAL_CREATED_AT, "2025-03-04T10:00:00Z", NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_set(r, GBO_REFERRAL_KIND, kind, NULL), GBO_OK);
    for (int i = 0; i < 2; i++) {
        party = gbo_entity_add_child(r, i ? GBO_REFERRAL_TO : GBO_REFERRAL_FROM, NULL);
        ref = party ? gbo_entity_add_child(party, GBO_PARTY_ORGANISATION, NULL) : NULL;
        CU_ASSERT_PTR_NOT_NULL_FATAL(ref);
        CU_ASSERT_EQUAL(gbo_entity_set(ref, GBO_REFERENCE_REF, i ? "0e3b5a10-2c4d-4e6f-8a9b-0c1d2e3f4a02"
                                                                : "0e3b5a10-2c4d-4e6f-8a9b-0c1d2e3f4a01", NULL), GBO_OK);
        CU_ASSERT_EQUAL(gbo_entity_set(ref, GBO_REFERENCE_ISSUER, "0e3b5a10-2c4d-4e6f-8a9b-0c1d2e3f4a01", NULL), GBO_OK);
    }
    *referral = r;
    return x;
}

static void model_built_in_code(void)
{
    gbo_validator *v = gbo_validator_new(NULL, NULL);
    gbo_diagnostics *d = gbo_diagnostics_new(NULL);
    gbo_entity *x, *r, *empty = gbo_entity_new(GBO_KIND_EXCHANGE, NULL);
    const gbo_diagnostic *g;
    gbo_diagnostics_set_lang(d, GBO_LANG_EN);
    /* the structure first, as the reader checks the bytes: an empty exchange
     * lacks its id and the four header fields, and no rule runs on it */
    CU_ASSERT_EQUAL(gbo_validate_entity(v, empty, d, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_diagnostics_count(d), 5);
    for (size_t i = 0; i < gbo_diagnostics_count(d); i++)
        CU_ASSERT_STRING_EQUAL(gbo_diagnostic_rule(gbo_diagnostics_at(d, i)), "GBO-X003");
    CU_ASSERT_STRING_EQUAL(gbo_diagnostic_message(gbo_diagnostics_at(d, 0)),
                           "element exchange lacks required attribute id");
    CU_ASSERT_STRING_EQUAL(gbo_diagnostic_path(gbo_diagnostics_at(d, 1)), "/exchange/header");
    gbo_entity_free(empty);
    gbo_diagnostics_clear(d);
    x = minimal_exchange("warm-referral", &r);
    CU_ASSERT_EQUAL(gbo_validate_entity(v, x, d, NULL), GBO_OK);
    g = only(d);
    CU_ASSERT_STRING_EQUAL(gbo_diagnostic_rule(g), "GBO-R002");
    CU_ASSERT_STRING_EQUAL(gbo_diagnostic_path(g), "/exchange/referral[1]");
    CU_ASSERT_EQUAL(gbo_diagnostic_line(g), 0); /* no document, no line */
    gbo_diagnostics_clear(d);
    CU_ASSERT_EQUAL(gbo_entity_set(r, GBO_REFERRAL_HELP_QUESTION, "Hulp bij de huur", NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_validate_entity(v, x, d, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_diagnostics_count(d), 0);
    /* retired code: kinderbijslag after 2018 */
    r = gbo_entity_add_child(r, GBO_REFERRAL_RIGHT_ASSESSMENTS, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_EQUAL(gbo_entity_set(r, GBO_RIGHT_ASSESSMENT_RIGHT, "kinderbijslag", NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_set(r, GBO_RIGHT_ASSESSMENT_STATUS, "granted", NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_validate_entity(v, x, d, NULL), GBO_OK);
    g = only(d);
    CU_ASSERT_STRING_EQUAL(gbo_diagnostic_rule(g), "GBO-R001");
    CU_ASSERT_PTR_NOT_NULL(strstr(gbo_diagnostic_message(g), "2018-12-31"));
    CU_ASSERT_STRING_EQUAL(gbo_diagnostic_path(g), "/exchange/referral[1]/rightAssessment[1]/right");
    /* the same document dated 2018 is clean */
    gbo_diagnostics_clear(d);
    CU_ASSERT_EQUAL(gbo_entity_set(x, GBO_EXCHANGE_CREATED_AT, "2018-06-01T10:00:00+02:00", NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_set(gbo_entity_child_mut(x, GBO_EXCHANGE_REFERRALS, 0), GBO_REFERRAL_CREATED_AT,
                                   "2018-06-01T10:00:00+02:00", NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_validate_entity(v, x, d, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_diagnostics_count(d), 0);
    CU_ASSERT_EQUAL(gbo_validate_entity(v, r, d, NULL), GBO_E_INVALID_ARG); /* not an exchange */
    gbo_entity_free(x);
    gbo_diagnostics_free(d);
    gbo_validator_free(v);
}

/* Codes of a loaded extension count only when the document declares it. */
static void extension_codes(void)
{
    gbo_codeset *cs = gbo_codeset_new(NULL);
    gbo_validator *v;
    gbo_diagnostics *d = gbo_diagnostics_new(NULL);
    gbo_entity *x, *r, *decl;
    CU_ASSERT_PTR_NOT_NULL_FATAL(cs);
    CU_ASSERT_EQUAL_FATAL(gbo_codeset_load_extension_file(cs, gbo_test_fixture("codelists/extension-adds.xml"), NULL), GBO_OK);
    v = gbo_validator_new(cs, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    x = minimal_exchange("consult", &r);
    r = gbo_entity_add_child(r, GBO_REFERRAL_LIFE_DOMAINS, NULL);
    CU_ASSERT_EQUAL(gbo_entity_set(r, GBO_LIFE_DOMAIN_DOMAIN, "digital-inclusion", NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_validate_entity(v, x, d, NULL), GBO_OK);
    CU_ASSERT_STRING_EQUAL(gbo_diagnostic_rule(only(d)), "GBO-R001"); /* undeclared */
    gbo_diagnostics_clear(d);
    decl = gbo_entity_add_child(x, GBO_EXCHANGE_EXTENSIONS, NULL);
    CU_ASSERT_EQUAL(gbo_entity_set(decl, GBO_EXTENSION_DECL_ID, "net-gentse-kanaalzone", NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_set(decl, GBO_EXTENSION_DECL_VERSION, "2024.2", NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_validate_entity(v, x, d, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_diagnostics_count(d), 0);
    gbo_validator_free(v);
    /* with the built-in lists only, the declared extension is not loaded: R013 */
    v = gbo_validator_new(NULL, NULL);
    CU_ASSERT_EQUAL(gbo_validate_entity(v, x, d, NULL), GBO_OK);
    CU_ASSERT_STRING_EQUAL(gbo_diagnostic_rule(only(d)), "GBO-R013");
    CU_ASSERT_EQUAL(gbo_diagnostic_severity(only(d)), GBO_SEVERITY_WARNING);
    gbo_validator_free(v);
    gbo_entity_free(x);
    gbo_diagnostics_free(d);
    gbo_codeset_free(cs);
}

static void context(void)
{
    gbo_validator *v = gbo_validator_new(NULL, NULL);
    gbo_entity *doc = NULL, *person = gbo_entity_new(GBO_KIND_PERSON, NULL);
    char path[4096];
    snprintf(path, sizeof path, "%s/examples/referral-warm.xml", getenv("GBO_SRCDIR") ? getenv("GBO_SRCDIR") : ".");
    CU_ASSERT_EQUAL_FATAL(gbo_exchange_read_file(path, NULL, &doc, NULL, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_validator_context_organisations(v), 0);
    CU_ASSERT_EQUAL(gbo_validator_add_context(v, doc, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_validator_context_organisations(v), 2);
    CU_ASSERT_EQUAL(gbo_validator_add_context(v, person, NULL), GBO_E_INVALID_ARG);
    gbo_entity_free(doc); /* the validator kept its own copy */
    CU_ASSERT_EQUAL(gbo_validator_context_organisations(v), 2);
    gbo_entity_free(person);
    gbo_validator_free(v);
}

/* R008 finds a person's name in a signal's text whatever its case, accents
 * or spacing (ICU string search at primary strength), as whole words only,
 * next to the person travelling with the signal. */
static void signal_names_a_person(void)
{
    static const struct {
        const char *given, *family, *text;
        bool named;
    } cases[] = {
        { "Sébastien", "Vandenbroucke", "Casus VANDENBROUCKE toont het probleem.", true },
        { "Sébastien", "Vandenbroucke", "De familie Vanden Broucke wacht al maanden.", true },
        { "Sébastien", "Vandenbroucke", "Sebastien wacht al maanden.", true },
        { "Sébastien", "Vandenbroucke", "SÉBASTIEN wacht al maanden.", true },
        { "Jan", "De Smet", "Sinds januari wachten drie gezinnen.", false },
        { "Jan", "De Smet", "Meneer Desmet wacht al maanden.", true },
        { "Jan", "De Smet", "Jan wacht al maanden.", true },
        { "Jan", "De Smet", "Het smeltwater staat in de kelder.", false },
        { "An", "Peeters", "An wacht al maanden.", false }, /* names under three letters are not searched */
    };
    char path[4096];
    gbo_entity *doc = NULL, *person;
    gbo_validator *v = gbo_validator_new(NULL, NULL);
    gbo_diagnostics *d = gbo_diagnostics_new(NULL);
    snprintf(path, sizeof path, "%s/examples/policy-signal.xml", getenv("GBO_SRCDIR") ? getenv("GBO_SRCDIR") : ".");
    CU_ASSERT_EQUAL_FATAL(gbo_exchange_read_file(path, NULL, &doc, NULL, NULL), GBO_OK);
    gbo_diagnostics_set_lang(d, GBO_LANG_EN);
    CU_ASSERT_EQUAL(gbo_validate_entity(v, doc, d, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_diagnostics_count(d), 0);
    person = gbo_entity_add_child(doc, GBO_EXCHANGE_PERSONS, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(person);
    CU_ASSERT_EQUAL(gbo_entity_set(person, GBO_PERSON_ID, "5a0b9aac-1c8a-442c-8a39-35a440b70001", NULL), GBO_OK);
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        bool named = false;
        gbo_diagnostics_clear(d);
        CU_ASSERT_EQUAL(gbo_entity_set(person, GBO_PERSON_GIVEN_NAME, cases[c].given, NULL), GBO_OK);
        CU_ASSERT_EQUAL(gbo_entity_set(person, GBO_PERSON_FAMILY_NAME, cases[c].family, NULL), GBO_OK);
        CU_ASSERT_EQUAL(gbo_entity_set(gbo_entity_child_mut(doc, GBO_EXCHANGE_SIGNALS, 0), GBO_SIGNAL_DESCRIPTION,
                                       cases[c].text, NULL), GBO_OK);
        CU_ASSERT_EQUAL(gbo_validate_entity(v, doc, d, NULL), GBO_OK);
        CU_ASSERT_EQUAL(gbo_diagnostics_count(d), cases[c].named ? 2 : 1); /* the person itself is one */
        for (size_t i = 0; i < gbo_diagnostics_count(d); i++) {
            CU_ASSERT_STRING_EQUAL(gbo_diagnostic_rule(gbo_diagnostics_at(d, i)), "GBO-R008");
            named = named || strstr(gbo_diagnostic_message(gbo_diagnostics_at(d, i)), "names a person");
        }
        if (named != cases[c].named)
            fprintf(stderr, "R008 names: \"%s\" with %s %s: %d\n", cases[c].text, cases[c].given,
                    cases[c].family, named);
        CU_ASSERT_EQUAL(named, cases[c].named);
    }
    gbo_entity_free(doc);
    gbo_diagnostics_free(d);
    gbo_validator_free(v);
}

/* The free-text matcher behind GBO-R003 and GBO-R008: each pattern, and
 * near-twins that are not personal data. */
static void personal_data_patterns(void)
{
    static const struct {
        const char *text, *found;
    } cases[] = {
        { "rijksregisternummer 85.07.30-033.28", "national-number" },
        { "RR 85073003328.", "national-number" },
        { "bel 0471 23 45 67", "phone" },
        { "bel 0471/23.45.67", "phone" },
        { "bel +32 9 266 35 00", "phone" },
        { "bel +32 (0)9 266 35 00", "phone" },
        { "bel (09) 266 35 00", "phone" },
        { "mail an.peeters@example.org", "email" },
        { "mail AN.PEETERS@EXAMPLE.ORG vandaag", "email" },
        { "periode 2024-2025, 3 van de 12 dossiers", NULL },
        { "postcode 9000 Gent", NULL },
        { "stand op 30.09.2025", NULL },
        { "het OCMW, ondernemingsnummer 0601.584.595", NULL },
        { "stuur een e-mail naar het onthaal of volg @GBOGent", NULL },
        { "(2025) drie gezinnen", NULL },
        { "", NULL },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *found = gbop_personal_data_in(cases[i].text);
        if (!cases[i].found ? found != NULL : !found || strcmp(found, cases[i].found) != 0)
            fprintf(stderr, "personal data in \"%s\": %s\n", cases[i].text, found ? found : "none");
        if (cases[i].found) {
            CU_ASSERT_TRUE(found && strcmp(found, cases[i].found) == 0);
        } else {
            CU_ASSERT_PTR_NULL(found);
        }
    }
    CU_ASSERT_PTR_NULL(gbop_personal_data_in(NULL));
}

static void rule_table(void)
{
    size_t checked = 0;
    CU_ASSERT_EQUAL(gbo_rule_count(), 40);
    for (size_t i = 0; i < gbo_rule_count(); i++) {
        const gbo_rule *r = gbo_rule_at(i);
        CU_ASSERT_PTR_EQUAL(gbo_rule_find(gbo_rule_id(r)), r);
        for (int l = 0; l < GBO_LANG_COUNT; l++) {
            CU_ASSERT_PTR_NOT_NULL(gbo_rule_title(r, (gbo_lang)l));
            CU_ASSERT_PTR_NOT_NULL(gbo_rule_help(r, (gbo_lang)l));
        }
        checked += gbo_rule_implemented(r);
    }
    CU_ASSERT_EQUAL(checked, 40);
    CU_ASSERT_PTR_NULL(gbo_rule_find("GBO-Z999"));
    CU_ASSERT_PTR_NULL(gbo_rule_at(40));
    CU_ASSERT_EQUAL(gbo_rule_severity(gbo_rule_find("GBO-R009")), GBO_SEVERITY_WARNING);
    CU_ASSERT_STRING_NOT_EQUAL(gbo_rule_title(gbo_rule_find("GBO-I001"), GBO_LANG_NL),
                               gbo_rule_title(gbo_rule_find("GBO-I001"), GBO_LANG_EN));
}

int main(void)
{
    static const gbo_test tests[] = {
        { "documents and languages", documents_and_languages },
        { "a model built in code", model_built_in_code },
        { "codes of extensions", extension_codes },
        { "context", context },
        { "a signal that names a person", signal_names_a_person },
        { "personal data patterns in free text", personal_data_patterns },
        { "the rule table", rule_table },
        { NULL, NULL }
    };
    return gbo_test_main("validator", tests);
}
