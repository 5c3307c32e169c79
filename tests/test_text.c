/* Text: UTF-8 validation and NFC storage, through the model's setters. */
#include <stdlib.h>
#include <string.h>

#include <gbo/entity.h>

#include "test_helpers.h"

static gbo_entity *person(void)
{
    gbo_entity *p = gbo_entity_new(GBO_KIND_PERSON, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    return p;
}

static void decomposed_is_stored_composed(void)
{
    gbo_entity *p = person();
    /* "Rene" + U+0301 COMBINING ACUTE ACCENT */
    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_GIVEN_NAME, "Rene\xcc\x81", NULL), GBO_OK);
    CU_ASSERT_STRING_EQUAL(gbo_entity_get(p, GBO_PERSON_GIVEN_NAME), "Ren\xc3\xa9");
    /* Hangul jamo compose too */
    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_FAMILY_NAME, "\xe1\x84\x80\xe1\x85\xa1", NULL),
                    GBO_OK);
    CU_ASSERT_STRING_EQUAL(gbo_entity_get(p, GBO_PERSON_FAMILY_NAME), "\xea\xb0\x80");
    gbo_entity_free(p);
}

static void composed_text_is_unchanged(void)
{
    gbo_entity *p = person();
    const char *name = "Fran\xc3\xa7oise Dupr\xc3\xa9-Nu\xc3\xb1" "ez \xe2\x80\x94 \xf0\x9f\x98\x80";
    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_GIVEN_NAME, name, NULL), GBO_OK);
    CU_ASSERT_STRING_EQUAL(gbo_entity_get(p, GBO_PERSON_GIVEN_NAME), name);
    gbo_entity_free(p);
}

static void ill_formed_utf8_is_refused(void)
{
    static const char *const bad[] = {
        "Ren\xc3",             /* truncated sequence */
        "Ren\xc3\x28",         /* bad continuation */
        "\xc0\xaf",            /* overlong '/' */
        "\xed\xa0\x80",        /* UTF-16 surrogate */
        "\xf4\x90\x80\x80",    /* beyond U+10FFFF */
        "\xff",
        "\xfe\xff",
    };
    gbo_entity *p = person();
    gbo_error err;
    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_GIVEN_NAME, "Anna", NULL), GBO_OK);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        gbo_error_clear(&err);
        CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_GIVEN_NAME, bad[i], &err),
                        GBO_E_INVALID_UTF8);
        CU_ASSERT_EQUAL(err.status, GBO_E_INVALID_UTF8);
        CU_ASSERT_STRING_EQUAL(err.path, "givenName");
        /* the old value stays */
        CU_ASSERT_STRING_EQUAL(gbo_entity_get(p, GBO_PERSON_GIVEN_NAME), "Anna");
    }
    gbo_entity_free(p);
}

static void control_characters(void)
{
    gbo_entity *r = gbo_entity_new(GBO_KIND_REFERRAL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_EQUAL(gbo_entity_set(r, GBO_REFERRAL_HELP_QUESTION, "line\x01", NULL),
                    GBO_E_INVALID_UTF8);
    CU_ASSERT_EQUAL(gbo_entity_set(r, GBO_REFERRAL_HELP_QUESTION, "caf\xc3\xa9\x1b", NULL),
                    GBO_E_INVALID_UTF8);
    CU_ASSERT_EQUAL(gbo_entity_set(r, GBO_REFERRAL_HELP_QUESTION, "\xef\xbf\xbe", NULL),
                    GBO_E_INVALID_UTF8);
    CU_ASSERT_EQUAL(gbo_entity_set(r, GBO_REFERRAL_HELP_QUESTION, "one\ttwo\r\nthree", NULL),
                    GBO_OK);
    gbo_entity_free(r);
}

static void length_limits_apply_after_normalisation(void)
{
    gbo_entity *p = person();
    size_t max = gbo_field_max_length(GBO_PERSON_GIVEN_NAME);
    char *text = malloc(max + 2);
    gbo_error err;
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    memset(text, 'a', max);
    text[max] = '\0';
    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_GIVEN_NAME, text, NULL), GBO_OK);
    text[max] = 'a';
    text[max + 1] = '\0';
    CU_ASSERT_EQUAL(gbo_entity_set(p, GBO_PERSON_GIVEN_NAME, text, &err), GBO_E_TOO_LONG);
    /* the message names the field, never the value */
    CU_ASSERT_PTR_NULL(strstr(err.message, "aaaa"));
    free(text);
    gbo_entity_free(p);
}

int main(void)
{
    static const gbo_test tests[] = {
        { "decomposed text is stored in NFC", decomposed_is_stored_composed },
        { "NFC text is stored unchanged", composed_text_is_unchanged },
        { "ill-formed UTF-8 is refused", ill_formed_utf8_is_refused },
        { "control characters", control_characters },
        { "length limits", length_limits_apply_after_normalisation },
        { NULL, NULL }
    };
    return gbo_test_main("text", tests);
}
