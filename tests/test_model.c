/* The data model: the field table, entity life cycle, typed access,
 * children, references, deep equality and copies. */
#include <stdlib.h>
#include <string.h>

#include <gbo/codes.h>
#include <gbo/entity.h>
#include <gbo/version.h>

#include "model.h"
#include <stdbool.h>
#include "test_helpers.h"

/* A binding's name for a field: snake_case, unique within its kind, and a
 * repeated field's name is plural (ends in s) or names a collection. */
static void member_name_is_well_formed(gbo_kind kind, gbo_field f, size_t index)
{
    const char *member = gbo_field_member_name(f);
    size_t len;
    CU_ASSERT_PTR_NOT_NULL_FATAL(member);
    len = strlen(member);
    CU_ASSERT(len > 0 && member[0] >= 'a' && member[0] <= 'z' && member[len - 1] != '_');
    CU_ASSERT_EQUAL(strspn(member, "abcdefghijklmnopqrstuvwxyz0123456789_"), len);
    if (gbo_field_is_repeated(f))
        CU_ASSERT(member[len - 1] == 's' || strcmp(member, "support_ended") == 0 ||
                  strcmp(member, "plan") == 0);
    for (size_t j = 0; j < index; j++)
        CU_ASSERT_STRING_NOT_EQUAL(gbo_field_member_name(gbo_kind_field_at(kind, j)), member);
}

static void field_table_is_consistent(void)
{
    const gbo_codeset *cs = gbo_codeset_builtin(NULL);
    static bool seen[GBO_FIELD_COUNT];
    CU_ASSERT_PTR_NOT_NULL_FATAL(cs);
    for (int k = GBO_KIND_NONE + 1; k < GBO_KIND_COUNT; k++) {
        size_t count = gbo_kind_field_count((gbo_kind)k);
        CU_ASSERT(count > 0);
        CU_ASSERT_PTR_NOT_NULL_FATAL(gbo_kind_name((gbo_kind)k));
        CU_ASSERT_EQUAL(gbo_kind_from_name(gbo_kind_name((gbo_kind)k)), (gbo_kind)k);
        CU_ASSERT_EQUAL(gbo_kind_field_at((gbo_kind)k, count), GBO_FIELD_NONE);
        for (size_t i = 0; i < count; i++) {
            gbo_field f = gbo_kind_field_at((gbo_kind)k, i);
            const char *name = gbo_field_name(f);
            CU_ASSERT_PTR_NOT_NULL_FATAL(name);
            /* each field belongs to exactly one kind, at its slot */
            CU_ASSERT_FALSE(seen[f]);
            seen[f] = true;
            CU_ASSERT_EQUAL(gbo_field_owner(f), (gbo_kind)k);
            CU_ASSERT_EQUAL(gbop_field(f)->slot, i);
            CU_ASSERT_EQUAL(gbo_field_from_name((gbo_kind)k, name), f); /* names unique */
            member_name_is_well_formed((gbo_kind)k, f, i);
            CU_ASSERT(gbo_field_type(f) >= GBO_TYPE_TEXT && gbo_field_type(f) <= GBO_TYPE_ENTITY);
            if (gbo_field_type(f) == GBO_TYPE_ENTITY) {
                CU_ASSERT(gbo_field_child_kind(f) > GBO_KIND_NONE &&
                          gbo_field_child_kind(f) < GBO_KIND_COUNT);
            } else {
                CU_ASSERT_EQUAL(gbo_field_child_kind(f), GBO_KIND_NONE);
                CU_ASSERT(gbo_field_max_length(f) > 0);
            }
            /* every CODE field names a list that ships */
            if (gbo_field_type(f) == GBO_TYPE_CODE) {
                CU_ASSERT_PTR_NOT_NULL_FATAL(gbo_field_code_list(f));
                CU_ASSERT(gbo_codeset_code_count(cs, gbo_field_code_list(f)) > 0);
            } else {
                CU_ASSERT_PTR_NULL(gbo_field_code_list(f));
            }
        }
    }
    /* every field of the enumeration is listed by its kind */
    for (int f = GBO_FIELD_NONE + 1; f < GBO_FIELD_COUNT; f++)
        CU_ASSERT_TRUE(seen[f]);
    CU_ASSERT_EQUAL(gbo_kind_field_count(GBO_KIND_NONE), 0);
    CU_ASSERT_PTR_NULL(gbo_field_name(GBO_FIELD_NONE));
    CU_ASSERT_PTR_NULL(gbo_field_member_name(GBO_FIELD_NONE));
    CU_ASSERT_PTR_NULL(gbo_field_member_name(GBO_FIELD_COUNT));
    CU_ASSERT_STRING_EQUAL(gbo_field_member_name(GBO_PERSON_GIVEN_NAME), "given_name");
    CU_ASSERT_STRING_EQUAL(gbo_field_member_name(GBO_EXCHANGE_PERSONS), "persons");
    CU_ASSERT_PTR_NULL(gbo_field_name(GBO_FIELD_COUNT));
    CU_ASSERT_EQUAL(gbo_kind_from_name("nothing"), GBO_KIND_NONE);
    CU_ASSERT_STRING_EQUAL(gbo_kind_name(GBO_KIND_REFERRAL), "referral");
    CU_ASSERT_STRING_EQUAL(gbo_field_name(GBO_PERSON_GIVEN_NAME), "givenName");
}

static void create_and_free_every_kind(void)
{
    for (int k = GBO_KIND_NONE + 1; k < GBO_KIND_COUNT; k++) {
        gbo_entity *e = gbo_entity_new((gbo_kind)k, NULL);
        gbo_entity *copy;
        CU_ASSERT_PTR_NOT_NULL_FATAL(e);
        CU_ASSERT_EQUAL(gbo_entity_kind(e), (gbo_kind)k);
        copy = gbo_entity_copy(e, NULL);
        CU_ASSERT_TRUE(gbo_entity_equal(e, copy));
        gbo_entity_free(copy);
        gbo_entity_free(e);
    }
    CU_ASSERT_PTR_NULL(gbo_entity_new(GBO_KIND_NONE, NULL));
    CU_ASSERT_PTR_NULL(gbo_entity_new(GBO_KIND_COUNT, NULL));
    gbo_entity_free(NULL);
}

static void canonical_values(void)
{
    gbo_entity *p = gbo_entity_new(GBO_KIND_PERSON, NULL);
    gbo_entity *s = gbo_entity_new(GBO_KIND_STATUS_UPDATE, NULL);
    gbo_error err;
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);

    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_ID, "5F0C8A34-1B2D-4E6F-8A9B-0C1D2E3F4A5B", &err), GBO_OK);
    CU_ASSERT_STRING_EQUAL(gbo_entity_get(p, GBO_PERSON_ID), "5f0c8a34-1b2d-4e6f-8a9b-0c1d2e3f4a5b");
    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_ID, "5f0c8a34-1b2d-4e6f-8a9b-0c1d2e3f4a5", &err),
                    GBO_E_INVALID_VALUE);
    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_ID, "5f0c8a34_1b2d-4e6f-8a9b-0c1d2e3f4a5b", &err),
                    GBO_E_INVALID_VALUE);

    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_NATIONAL_NUMBER, "85.07.30-033.28", &err), GBO_OK);
    CU_ASSERT_STRING_EQUAL(gbo_entity_get(p, GBO_PERSON_NATIONAL_NUMBER), "85073003328");
    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_NATIONAL_NUMBER, "85O73003328", &err),
                    GBO_E_INVALID_VALUE);
    /* check digits are a validation rule (GBO-I001), not a setter error */
    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_NATIONAL_NUMBER, "85073003327", &err), GBO_OK);

    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_BIRTH_DATE, "1985-07-30", &err), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_BIRTH_DATE, "1985", &err), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_BIRTH_DATE, "1985-02-30", &err),
                    GBO_E_INVALID_VALUE);
    CU_ASSERT_STRING_EQUAL(gbo_entity_get(p, GBO_PERSON_BIRTH_DATE), "1985");

    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_LANGUAGE, "FR-be", &err), GBO_OK);
    CU_ASSERT_STRING_EQUAL(gbo_entity_get(p, GBO_PERSON_LANGUAGE), "fr-BE");
    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_LANGUAGE, "zh-hant-tw", &err), GBO_OK);
    CU_ASSERT_STRING_EQUAL(gbo_entity_get(p, GBO_PERSON_LANGUAGE), "zh-Hant-TW");
    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_LANGUAGE, "n", &err), GBO_E_INVALID_VALUE);
    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_LANGUAGE, "nl--BE", &err), GBO_E_INVALID_VALUE);
    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_LANGUAGE, "12", &err), GBO_E_INVALID_VALUE);

    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_PREFERRED_CHANNEL, "home-visit", &err), GBO_OK);
    /* a code is any text of 1 to 48 characters, kept as given (whitespace
     * too): "Home visit" or "home-visit " is GBO-R001's finding, not a form
     * error (SPEC §2.7) */
    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_PREFERRED_CHANNEL, "Home visit", &err), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_PREFERRED_CHANNEL, "home-visit ", &err), GBO_OK);
    CU_ASSERT_STRING_EQUAL(gbo_entity_get(p, GBO_PERSON_PREFERRED_CHANNEL), "home-visit ");
    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_PREFERRED_CHANNEL, "\xc3\xa9\xc3\xa9n", &err), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_PREFERRED_CHANNEL, "", &err), GBO_E_INVALID_VALUE);
    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_PREFERRED_CHANNEL, "a\x01", &err), GBO_E_INVALID_UTF8);
    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_PREFERRED_CHANNEL,
                                   "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                                   "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                                   "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                                   "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                                   "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                                   "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
                                   &err), GBO_OK); /* 48 characters, 96 bytes */
    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_PREFERRED_CHANNEL,
                                   "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvw", &err),
                    GBO_E_TOO_LONG); /* 49 */
    /* whether a code is in its list is GBO-R001, checked by the validator */
    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_PREFERRED_CHANNEL, "carrier-pigeon", &err), GBO_OK);

    CU_ASSERT_EQUAL(gbo_entity_set(s, GBO_STATUS_UPDATE_AT, "2025-03-04T09:30:00+01:00", &err), GBO_OK);
    CU_ASSERT_STRING_EQUAL(gbo_entity_get(s, GBO_STATUS_UPDATE_AT), "2025-03-04T08:30:00Z");
    CU_ASSERT_EQUAL(gbo_entity_set(s, GBO_STATUS_UPDATE_AT, "2025-03-04", &err), GBO_E_INVALID_VALUE);
    CU_ASSERT_EQUAL(gbo_entity_set(s, GBO_STATUS_UPDATE_DOMAINS_EXPLORED, "007", &err), GBO_OK);
    CU_ASSERT_STRING_EQUAL(gbo_entity_get(s, GBO_STATUS_UPDATE_DOMAINS_EXPLORED), "7");
    CU_ASSERT_EQUAL(gbo_entity_set(s, GBO_STATUS_UPDATE_DOMAINS_EXPLORED, "-1", &err),
                    GBO_E_INVALID_VALUE);
    CU_ASSERT_EQUAL(gbo_entity_set(s, GBO_STATUS_UPDATE_DOMAINS_EXPLORED, "2147483648", &err),
                    GBO_E_INVALID_VALUE);

    CU_ASSERT_EQUAL(gbo_entity_set(s, GBO_STATUS_UPDATE_NOTE, NULL, &err), GBO_OK); /* clear absent */
    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_GIVEN_NAME, "Jan", &err), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_GIVEN_NAME, "", &err), GBO_E_INVALID_VALUE);
    CU_ASSERT_STRING_EQUAL(gbo_entity_get(p, GBO_PERSON_GIVEN_NAME), "Jan");
    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_PREFERRED_CHANNEL, "a-very-long-code-that-goes-on-and-on-past-forty-eight", &err),
                    GBO_E_TOO_LONG);
    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_NATIONAL_NUMBER, "1234567890123456789", &err), GBO_E_TOO_LONG);
    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_GIVEN_NAME, NULL, &err), GBO_OK);
    CU_ASSERT_PTR_NULL(gbo_entity_get(p, GBO_PERSON_GIVEN_NAME));
    CU_ASSERT_EQUAL(gbo_entity_count(p, GBO_PERSON_GIVEN_NAME), 0);
    gbo_entity_free(p);
    gbo_entity_free(s);
}

static void typed_access(void)
{
    gbo_entity *org = gbo_entity_new(GBO_KIND_ORGANISATION, NULL);
    gbo_entity *up = gbo_entity_new(GBO_KIND_STATUS_UPDATE, NULL);
    gbo_entity *p = gbo_entity_new(GBO_KIND_PERSON, NULL);
    bool secrecy = false;
    unsigned long n = 0;
    gbo_time t = { 1741077000, 500 }, back;
    gbo_date d;

    CU_ASSERT_PTR_NOT_NULL_FATAL(org);
    CU_ASSERT_PTR_NOT_NULL_FATAL(up);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(gbo_entity_get_bool(org, GBO_ORGANISATION_PROFESSIONAL_SECRECY, &secrecy),
                    GBO_E_NOT_FOUND);
    CU_ASSERT_EQUAL(gbo_entity_set_bool(org, GBO_ORGANISATION_PROFESSIONAL_SECRECY, true, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_get_bool(org, GBO_ORGANISATION_PROFESSIONAL_SECRECY, &secrecy), GBO_OK);
    CU_ASSERT_TRUE(secrecy);
    CU_ASSERT_STRING_EQUAL(gbo_entity_get(org, GBO_ORGANISATION_PROFESSIONAL_SECRECY), "true");
    CU_ASSERT_EQUAL(gbo_entity_set(org, GBO_ORGANISATION_PROFESSIONAL_SECRECY, "0", NULL), GBO_OK);
    CU_ASSERT_STRING_EQUAL(gbo_entity_get(org, GBO_ORGANISATION_PROFESSIONAL_SECRECY), "false");
    CU_ASSERT_EQUAL(gbo_entity_set(org, GBO_ORGANISATION_PROFESSIONAL_SECRECY, "yes", NULL),
                    GBO_E_INVALID_VALUE);
    CU_ASSERT_EQUAL(gbo_entity_set_bool(org, GBO_ORGANISATION_NAME, true, NULL), GBO_E_INVALID_ARG);
    CU_ASSERT_EQUAL(gbo_entity_get_bool(org, GBO_ORGANISATION_NAME, &secrecy), GBO_E_INVALID_ARG);

    CU_ASSERT_EQUAL(gbo_entity_set_count(up, GBO_STATUS_UPDATE_RIGHTS_REALISED, 3, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_get_count(up, GBO_STATUS_UPDATE_RIGHTS_REALISED, &n), GBO_OK);
    CU_ASSERT_EQUAL(n, 3);
    CU_ASSERT_EQUAL(gbo_entity_set_time(up, GBO_STATUS_UPDATE_AT, t, NULL), GBO_OK);
    CU_ASSERT_STRING_EQUAL(gbo_entity_get(up, GBO_STATUS_UPDATE_AT), "2025-03-04T08:30:00.0000005Z");
    CU_ASSERT_EQUAL(gbo_entity_get_time(up, GBO_STATUS_UPDATE_AT, &back), GBO_OK);
    CU_ASSERT_EQUAL(gbo_time_compare(t, back), 0);

    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_BIRTH_DATE, "1985", NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_get_date(p, GBO_PERSON_BIRTH_DATE, &d), GBO_OK);
    CU_ASSERT_EQUAL(d.year, 1985);
    CU_ASSERT_EQUAL(d.month, 0);
    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_BIRTH_DATE, "2010-11-05", NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_get_date(p, GBO_PERSON_BIRTH_DATE, &d), GBO_OK);
    CU_ASSERT_EQUAL(d.month, 11);
    CU_ASSERT_EQUAL(d.day, 5);
    gbo_entity_free(org);
    gbo_entity_free(up);
    gbo_entity_free(p);
}

static void wrong_fields_are_refused(void)
{
    gbo_entity *p = gbo_entity_new(GBO_KIND_PERSON, NULL);
    gbo_entity *r = gbo_entity_new(GBO_KIND_REFERRAL, NULL);
    gbo_error err;
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_REFERRAL_HELP_QUESTION, "x", &err), GBO_E_INVALID_ARG);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "helpQuestion"));
    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_FIELD_COUNT, "x", &err), GBO_E_INVALID_ARG);
    CU_ASSERT_EQUAL(gbo_entity_set(NULL, GBO_PERSON_GIVEN_NAME, "x", &err), GBO_E_INVALID_ARG);
    CU_ASSERT_EQUAL(gbo_entity_set(r, GBO_REFERRAL_TARGET_GROUPS, "x", &err), GBO_E_INVALID_ARG);
    CU_ASSERT_EQUAL(gbo_entity_add(r, GBO_REFERRAL_HELP_QUESTION, "x", &err), GBO_E_INVALID_ARG);
    CU_ASSERT_EQUAL(gbo_entity_set(r, GBO_REFERRAL_FROM, "x", &err), GBO_E_INVALID_ARG);
    CU_ASSERT_PTR_NULL(gbo_entity_add_child(r, GBO_REFERRAL_HELP_QUESTION, &err));
    CU_ASSERT_PTR_NULL(gbo_entity_add_child(r, GBO_PERSON_ADDRESS, &err));
    CU_ASSERT_EQUAL(gbo_entity_attach(r, GBO_REFERRAL_FROM, p, &err), GBO_E_INVALID_ARG);
    CU_ASSERT_EQUAL(gbo_entity_remove_at(r, GBO_REFERRAL_TARGET_GROUPS, 0, &err), GBO_E_INVALID_ARG);
    CU_ASSERT_EQUAL(gbo_entity_count(p, GBO_REFERRAL_HELP_QUESTION), 0);
    CU_ASSERT_PTR_NULL(gbo_entity_get(p, GBO_REFERRAL_HELP_QUESTION));
    gbo_entity_free(p);
    gbo_entity_free(r);
}

/* A referral with nested children, repeated values and references. */
static gbo_entity *sample_referral(void)
{
    gbo_entity *r = gbo_entity_new(GBO_KIND_REFERRAL, NULL);
    gbo_entity *from, *domain, *right;
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_EQUAL(gbo_entity_set(r, GBO_REFERRAL_ID, "0b7e6a1c-3c1f-4f8e-9a55-6c2d1e0f9a10", NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_set(r, GBO_REFERRAL_KIND, "warm-referral", NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_set(r, GBO_REFERRAL_CREATED_AT, "2025-03-04T10:00:00+01:00", NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_set(r, GBO_REFERRAL_HELP_QUESTION,
                                   "Ik krijg mijn huur niet meer betaald en de energiefactuur is te hoog.",
                                   NULL), GBO_OK);
    from = gbo_entity_add_child(r, GBO_REFERRAL_FROM, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(from);
    CU_ASSERT_EQUAL(gbo_entity_set_reference(from, GBO_PARTY_ORGANISATION,
                                             "a1b2c3d4-0000-4000-8000-000000000001", NULL, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_set_reference(r, GBO_REFERRAL_CONSENT,
                                             "c0c0c0c0-0000-4000-8000-000000000002",
                                             "a1b2c3d4-0000-4000-8000-000000000001", NULL), GBO_OK);
    domain = gbo_entity_add_child(r, GBO_REFERRAL_LIFE_DOMAINS, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(domain);
    CU_ASSERT_EQUAL(gbo_entity_set(domain, GBO_LIFE_DOMAIN_DOMAIN, "housing", NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_add(domain, GBO_LIFE_DOMAIN_STEPS, "Huurachterstand besproken", NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_add(domain, GBO_LIFE_DOMAIN_STEPS, "Huisbaas gecontacteerd", NULL), GBO_OK);
    domain = gbo_entity_add_child(r, GBO_REFERRAL_LIFE_DOMAINS, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(domain);
    CU_ASSERT_EQUAL(gbo_entity_set(domain, GBO_LIFE_DOMAIN_DOMAIN, "energy-water", NULL), GBO_OK);
    right = gbo_entity_add_child(r, GBO_REFERRAL_RIGHT_ASSESSMENTS, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(right);
    CU_ASSERT_EQUAL(gbo_entity_set(right, GBO_RIGHT_ASSESSMENT_RIGHT, "huurpremie", NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_set(right, GBO_RIGHT_ASSESSMENT_STATUS, "potential", NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_add(r, GBO_REFERRAL_VULNERABILITY_KINDS, "material", NULL), GBO_OK);
    return r;
}

static void children_and_references(void)
{
    gbo_entity *r = sample_referral();
    const gbo_entity *consent = gbo_entity_child(r, GBO_REFERRAL_CONSENT, 0);
    const gbo_entity *from = gbo_entity_child(r, GBO_REFERRAL_FROM, 0);
    gbo_entity *to;

    CU_ASSERT_EQUAL(gbo_entity_count(r, GBO_REFERRAL_LIFE_DOMAINS), 2);
    CU_ASSERT_STRING_EQUAL(gbo_entity_get(gbo_entity_child(r, GBO_REFERRAL_LIFE_DOMAINS, 1),
                                          GBO_LIFE_DOMAIN_DOMAIN), "energy-water");
    CU_ASSERT_PTR_NULL(gbo_entity_child(r, GBO_REFERRAL_LIFE_DOMAINS, 2));
    CU_ASSERT_STRING_EQUAL(gbo_entity_get_at(gbo_entity_child(r, GBO_REFERRAL_LIFE_DOMAINS, 0),
                                             GBO_LIFE_DOMAIN_STEPS, 1), "Huisbaas gecontacteerd");
    CU_ASSERT_PTR_NOT_NULL_FATAL(consent);
    CU_ASSERT_EQUAL(gbo_entity_kind(consent), GBO_KIND_REFERENCE);
    CU_ASSERT_PTR_NOT_NULL(gbo_entity_get(consent, GBO_REFERENCE_ISSUER)); /* external */
    CU_ASSERT_PTR_NULL(gbo_entity_get(gbo_entity_child(from, GBO_PARTY_ORGANISATION, 0),
                                      GBO_REFERENCE_ISSUER)); /* local */
    /* a single-valued child field is replaced, not appended */
    CU_ASSERT_EQUAL(gbo_entity_set_reference(r, GBO_REFERRAL_CONSENT,
                                             "c0c0c0c0-0000-4000-8000-000000000003", NULL, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_count(r, GBO_REFERRAL_CONSENT), 1);
    CU_ASSERT_STRING_EQUAL(gbo_entity_get(gbo_entity_child(r, GBO_REFERRAL_CONSENT, 0), GBO_REFERENCE_REF),
                           "c0c0c0c0-0000-4000-8000-000000000003");
    CU_ASSERT_EQUAL(gbo_entity_set_reference(r, GBO_REFERRAL_CONSENT, "not-a-uuid", NULL, NULL),
                    GBO_E_INVALID_VALUE);
    CU_ASSERT_EQUAL(gbo_entity_set_reference(r, GBO_REFERRAL_KIND, "c0c0c0c0-0000-4000-8000-000000000003",
                                             NULL, NULL), GBO_E_INVALID_ARG);
    /* attach an entity built separately: ownership moves */
    to = gbo_entity_new(GBO_KIND_PARTY, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(to);
    CU_ASSERT_EQUAL(gbo_entity_attach(r, GBO_REFERRAL_TO, to, NULL), GBO_OK);
    CU_ASSERT_PTR_EQUAL(gbo_entity_child(r, GBO_REFERRAL_TO, 0), to);
    CU_ASSERT_EQUAL(gbo_entity_attach(r, GBO_REFERRAL_TO, r, NULL), GBO_E_INVALID_ARG);
    /* attaching it again (here or elsewhere) is refused: it has a parent */
    CU_ASSERT_EQUAL(gbo_entity_attach(r, GBO_REFERRAL_TO, to, NULL), GBO_E_INVALID_ARG);
    CU_ASSERT_EQUAL(gbo_entity_attach(r, GBO_REFERRAL_FROM, to, NULL), GBO_E_INVALID_ARG);
    gbo_entity_free(to); /* a borrowed child: freeing it does nothing */
    CU_ASSERT_PTR_EQUAL(gbo_entity_child(r, GBO_REFERRAL_TO, 0), to);
    {
        /* a provision cannot become its own descendant */
        gbo_entity *outer = gbo_entity_new(GBO_KIND_PROVISION, NULL);
        gbo_entity *inner;
        CU_ASSERT_PTR_NOT_NULL_FATAL(outer);
        inner = gbo_entity_add_child(outer, GBO_PROVISION_PROVISIONS, NULL);
        CU_ASSERT_PTR_NOT_NULL_FATAL(inner);
        CU_ASSERT_EQUAL(gbo_entity_attach(inner, GBO_PROVISION_PROVISIONS, outer, NULL),
                        GBO_E_INVALID_ARG);
        gbo_entity_free(outer);
    }
    /* remove a child and a repeated value */
    CU_ASSERT_EQUAL(gbo_entity_remove_at(r, GBO_REFERRAL_LIFE_DOMAINS, 0, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_count(r, GBO_REFERRAL_LIFE_DOMAINS), 1);
    CU_ASSERT_STRING_EQUAL(gbo_entity_get(gbo_entity_child(r, GBO_REFERRAL_LIFE_DOMAINS, 0),
                                          GBO_LIFE_DOMAIN_DOMAIN), "energy-water");
    CU_ASSERT_EQUAL(gbo_entity_remove_at(r, GBO_REFERRAL_LIFE_DOMAINS, 5, NULL), GBO_E_INVALID_ARG);
    CU_ASSERT_EQUAL(gbo_entity_remove_at(r, GBO_REFERRAL_VULNERABILITY_KINDS, 0, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_count(r, GBO_REFERRAL_VULNERABILITY_KINDS), 0);
    gbo_entity_free(r);
}

static void deep_equality_and_copy(void)
{
    gbo_entity *a = sample_referral(), *b = sample_referral(), *copy;
    gbo_entity *domain;

    CU_ASSERT_TRUE(gbo_entity_equal(a, b));
    CU_ASSERT_TRUE(gbo_entity_equal(a, a));
    CU_ASSERT_TRUE(gbo_entity_equal(NULL, NULL));
    CU_ASSERT_FALSE(gbo_entity_equal(a, NULL));
    copy = gbo_entity_copy(a, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(copy);
    CU_ASSERT_TRUE(gbo_entity_equal(a, copy));

    /* a change deep in the tree breaks equality, and the copy is independent */
    domain = gbo_entity_child_mut(b, GBO_REFERRAL_LIFE_DOMAINS, 0);
    CU_ASSERT_EQUAL(gbo_entity_add(domain, GBO_LIFE_DOMAIN_STEPS, "Nog een stap", NULL), GBO_OK);
    CU_ASSERT_FALSE(gbo_entity_equal(a, b));
    CU_ASSERT_TRUE(gbo_entity_equal(a, copy));
    domain = gbo_entity_child_mut(copy, GBO_REFERRAL_LIFE_DOMAINS, 1);
    CU_ASSERT_EQUAL(gbo_entity_set(domain, GBO_LIFE_DOMAIN_NOTE, "nota", NULL), GBO_OK);
    CU_ASSERT_FALSE(gbo_entity_equal(a, copy));
    CU_ASSERT_PTR_NULL(gbo_entity_get(gbo_entity_child(a, GBO_REFERRAL_LIFE_DOMAINS, 1),
                                      GBO_LIFE_DOMAIN_NOTE));
    /* order of repeated values matters */
    gbo_entity_free(b);
    b = sample_referral();
    domain = gbo_entity_child_mut(b, GBO_REFERRAL_LIFE_DOMAINS, 0);
    CU_ASSERT_EQUAL(gbo_entity_remove_at(domain, GBO_LIFE_DOMAIN_STEPS, 0, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_add(domain, GBO_LIFE_DOMAIN_STEPS, "Huurachterstand besproken", NULL), GBO_OK);
    CU_ASSERT_FALSE(gbo_entity_equal(a, b));
    /* same values in different kinds are not equal */
    CU_ASSERT_FALSE(gbo_entity_equal(gbo_entity_child(a, GBO_REFERRAL_FROM, 0),
                                     gbo_entity_child(a, GBO_REFERRAL_LIFE_DOMAINS, 0)));
    /* NFC makes differently-encoded equal text equal */
    gbo_entity_free(b);
    b = sample_referral();
    CU_ASSERT_EQUAL(gbo_entity_set(a, GBO_REFERRAL_FIRST_CONTACT_POINT, "Caf\xc3\xa9 De Zon", NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_set(b, GBO_REFERRAL_FIRST_CONTACT_POINT, "Cafe\xcc\x81 De Zon", NULL), GBO_OK);
    CU_ASSERT_TRUE(gbo_entity_equal(a, b));
    gbo_entity_free(a);
    gbo_entity_free(b);
    gbo_entity_free(copy);
}

static void version(void)
{
    CU_ASSERT_STRING_EQUAL(gbo_version(), GBO_VERSION_STRING);
    CU_ASSERT_EQUAL(gbo_version_hex(), GBO_VERSION_HEX);
    CU_ASSERT_EQUAL(GBO_VERSION_HEX >> 16, GBO_VERSION_MAJOR);
}

int main(void)
{
    static const gbo_test tests[] = {
        { "field table is consistent", field_table_is_consistent },
        { "create and free every kind", create_and_free_every_kind },
        { "values are stored in canonical form", canonical_values },
        { "typed access", typed_access },
        { "fields of another kind are refused", wrong_fields_are_refused },
        { "children and references", children_and_references },
        { "deep equality and copies", deep_equality_and_copy },
        { "version", version },
        { NULL, NULL }
    };
    return gbo_test_main("model", tests);
}
