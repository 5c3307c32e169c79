/* Text: UTF-8 validation and NFC storage, through the model's setters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gbo/entity.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "alloc.h"
#include "test_helpers.h"
#include "text.h" /* gbop_text_nfc() */

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

/* ICU's NFC of well-formed UTF-8, the reference for gbop_text_nfc(). */
static char *icu_nfc(const char *in)
{
    UErrorCode e = U_ZERO_ERROR;
    UChar src[64], dst[64];
    int32_t n;
    static char out[256];
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&e);
    u_strFromUTF8(src, 64, &n, in, -1, &e);
    n = unorm2_normalize(nfc, src, n, dst, 64, &e);
    u_strToUTF8(out, sizeof out, NULL, dst, n, &e);
    CU_ASSERT_FATAL(U_SUCCESS(e));
    return out;
}

static int put_utf8(char *p, unsigned c)
{
    if (c < 0x80)
        return p[0] = (char)c, 1;
    if (c < 0x800)
        return p[0] = (char)(0xc0 | c >> 6), p[1] = (char)(0x80 | (c & 0x3f)), 2;
    p[0] = (char)(0xe0 | c >> 12);
    p[1] = (char)(0x80 | ((c >> 6) & 0x3f));
    p[2] = (char)(0x80 | (c & 0x3f));
    return 3;
}

/* Every code point from U+00A0 to U+05FF, alone, between letters and before
 * a combining acute, is stored as ICU normalises it: the fast path below
 * U+0300 and ICU's path above it agree with ICU. */
static void fast_path_agrees_with_icu(void)
{
    for (unsigned c = 0xa0; c < 0x600; c++) {
        char in[16];
        int n = 0;
        char *out = NULL;
        in[n++] = 'x';
        n += put_utf8(in + n, c);
        in[n] = '\0';
        for (int variant = 0; variant < 2; variant++) {
            if (variant == 1)
                n += put_utf8(in + n, 0x301), in[n] = '\0';
            CU_ASSERT_EQUAL_FATAL(gbop_text_nfc(in, (size_t)n, 64, "t", &out, NULL), GBO_OK);
            if (strcmp(out, icu_nfc(in)) != 0) {
                fprintf(stderr, "U+%04X variant %d: not ICU's NFC\n", c, variant);
                CU_FAIL("differs from ICU's NFC");
            }
            gbop_free(out);
        }
    }
}

/* Text with characters below U+0300 keeps ICU's verdicts on bad input. */
static void fast_path_keeps_errors(void)
{
    static const struct {
        const char *in;
        gbo_status status;
        const char *message;
    } cases[] = {
        { "caf\xc3\xa9\xc0\xaf", GBO_E_INVALID_UTF8, "t: not well-formed UTF-8" },
        { "caf\xc3\xa9\xed\xa0\x80", GBO_E_INVALID_UTF8, "t: not well-formed UTF-8" },
        { "caf\xc3\xa9\xc3", GBO_E_INVALID_UTF8, "t: not well-formed UTF-8" },
        { "caf\xc3\xa9\x1b", GBO_E_INVALID_UTF8, "t: character U+001B is not allowed" },
        { "\xc3\xa9\xc3\xa9\xc3\xa9", GBO_E_TOO_LONG, "t: longer than 5 bytes" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *out = NULL;
        gbo_error err;
        gbo_error_clear(&err);
        CU_ASSERT_EQUAL(gbop_text_nfc(cases[i].in, strlen(cases[i].in), 5, "t", &out, &err),
                        cases[i].status);
        CU_ASSERT_PTR_NULL(out);
        CU_ASSERT_STRING_EQUAL(err.message, cases[i].message);
    }
}

int main(void)
{
    static const gbo_test tests[] = {
        { "decomposed text is stored in NFC", decomposed_is_stored_composed },
        { "NFC text is stored unchanged", composed_text_is_unchanged },
        { "ill-formed UTF-8 is refused", ill_formed_utf8_is_refused },
        { "control characters", control_characters },
        { "length limits", length_limits_apply_after_normalisation },
        { "text below U+0300 is stored as ICU normalises it", fast_path_agrees_with_icu },
        { "the fast path keeps the errors", fast_path_keeps_errors },
        { NULL, NULL }
    };
    return gbo_test_main("text", tests);
}
