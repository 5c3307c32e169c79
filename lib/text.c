/* libgbo — text normalisation. ICU validates the UTF-8 (u_strFromUTF8 and
 * U8_NEXT are strict: overlong forms, surrogates and values past U+10FFFF
 * are refused) and normalises to NFC. Text below U+0300, where no character
 * composes or decomposes, is in NFC already and takes a fast path. */
#include "config.h"
#include "text.h"

#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "alloc.h"
#include "error.h"

static int forbidden_code_point(UChar32 c)
{
    if (c < 0x20)
        return c != '\t' && c != '\n' && c != '\r';
    return c == 0xFFFE || c == 0xFFFF;
}

static gbo_status copy_checked(const char *in, size_t len, size_t max_bytes, const char *what,
                               char **out, gbo_error *err)
{
    if (len > max_bytes)
        return gbop_fail(err, GBO_E_TOO_LONG, NULL, what, "%s: longer than %zu bytes", what,
                         max_bytes);
    *out = gbop_strndup(in, len);
    return *out ? GBO_OK : gbop_nomem(err);
}

static gbo_status ascii_copy(const char *in, size_t len, size_t max_bytes, const char *what,
                             char **out, gbo_error *err)
{
    for (size_t i = 0; i < len; i++)
        if (forbidden_code_point((unsigned char)in[i]))
            return gbop_fail(err, GBO_E_INVALID_UTF8, NULL, what,
                             "%s: control character U+%04X is not allowed", what,
                             (unsigned)(unsigned char)in[i]);
    return copy_checked(in, len, max_bytes, what, out, err);
}

static int is_ascii(const char *in, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)in[i] >= 0x80)
            return 0;
    return 1;
}

/* NFC_QC is Yes for every code point below U+0300 (the first combining
 * mark): such text is in NFC as it is. 1 when `in` is well-formed UTF-8 of
 * allowed characters all below U+0300; 0 sends anything else, errors
 * included, through ICU. */
static int below_combining_marks(const char *in, size_t len)
{
    const uint8_t *s = (const uint8_t *)in;
    int32_t i = 0, n = (int32_t)len;
    while (i < n) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0 || c >= 0x300 || forbidden_code_point(c))
            return 0;
    }
    return 1;
}

gbo_status gbop_text_nfc(const char *in, size_t len, size_t max_bytes, const char *what,
                         char **out, gbo_error *err)
{
    UErrorCode uerr = U_ZERO_ERROR;
    UChar *utf16 = NULL, *normal = NULL;
    int32_t utf16_len = 0, normal_len = 0, utf8_len = 0;
    const UNormalizer2 *nfc;
    char *result = NULL;
    gbo_status status = GBO_OK;

    *out = NULL;
    if (len > (size_t)INT32_MAX / 2)
        return gbop_fail(err, GBO_E_TOO_LONG, NULL, what, "%s: text too long", what);
    if (is_ascii(in, len))
        return ascii_copy(in, len, max_bytes, what, out, err);
    if (below_combining_marks(in, len))
        return copy_checked(in, len, max_bytes, what, out, err);

    u_strFromUTF8(NULL, 0, &utf16_len, in, (int32_t)len, &uerr);
    if (uerr != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(uerr)) {
        status = gbop_fail(err, GBO_E_INVALID_UTF8, NULL, what,
                           "%s: not well-formed UTF-8", what);
        goto cleanup;
    }
    uerr = U_ZERO_ERROR;
    utf16 = gbop_malloc(((size_t)utf16_len + 1) * sizeof *utf16);
    if (!utf16) {
        status = gbop_nomem(err);
        goto cleanup;
    }
    u_strFromUTF8(utf16, utf16_len + 1, NULL, in, (int32_t)len, &uerr);
    if (U_FAILURE(uerr)) {
        status = gbop_fail(err, GBO_E_INVALID_UTF8, NULL, what,
                           "%s: not well-formed UTF-8", what);
        goto cleanup;
    }
    for (int32_t i = 0; i < utf16_len;) {
        UChar32 c;
        U16_NEXT(utf16, i, utf16_len, c);
        if (forbidden_code_point(c)) {
            status = gbop_fail(err, GBO_E_INVALID_UTF8, NULL, what,
                               "%s: character U+%04X is not allowed", what, (unsigned)c);
            goto cleanup;
        }
    }

    nfc = unorm2_getNFCInstance(&uerr);
    if (U_FAILURE(uerr)) {
        status = gbop_fail(err, gbop_icu_status(uerr), NULL, what, "ICU NFC normaliser unavailable: %s",
                           u_errorName(uerr));
        goto cleanup;
    }
    if (unorm2_quickCheck(nfc, utf16, utf16_len, &uerr) == UNORM_YES && U_SUCCESS(uerr)) {
        normal = utf16;
        normal_len = utf16_len;
        utf16 = NULL;
    } else {
        uerr = U_ZERO_ERROR;
        normal_len = unorm2_normalize(nfc, utf16, utf16_len, NULL, 0, &uerr);
        if (uerr != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(uerr)) {
            status = gbop_fail(err, gbop_icu_status(uerr), NULL, what, "ICU normalisation failed: %s",
                               u_errorName(uerr));
            goto cleanup;
        }
        uerr = U_ZERO_ERROR;
        normal = gbop_malloc(((size_t)normal_len + 1) * sizeof *normal);
        if (!normal) {
            status = gbop_nomem(err);
            goto cleanup;
        }
        unorm2_normalize(nfc, utf16, utf16_len, normal, normal_len + 1, &uerr);
        if (U_FAILURE(uerr)) {
            status = gbop_fail(err, gbop_icu_status(uerr), NULL, what, "ICU normalisation failed: %s",
                               u_errorName(uerr));
            goto cleanup;
        }
    }

    uerr = U_ZERO_ERROR;
    u_strToUTF8(NULL, 0, &utf8_len, normal, normal_len, &uerr);
    if (uerr != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(uerr)) {
        status = gbop_fail(err, gbop_icu_status(uerr), NULL, what, "UTF-8 conversion failed: %s",
                           u_errorName(uerr));
        goto cleanup;
    }
    if ((size_t)utf8_len > max_bytes) {
        status = gbop_fail(err, GBO_E_TOO_LONG, NULL, what, "%s: longer than %zu bytes", what,
                           max_bytes);
        goto cleanup;
    }
    uerr = U_ZERO_ERROR;
    result = gbop_malloc((size_t)utf8_len + 1);
    if (!result) {
        status = gbop_nomem(err);
        goto cleanup;
    }
    u_strToUTF8(result, utf8_len + 1, NULL, normal, normal_len, &uerr);
    if (U_FAILURE(uerr)) {
        status = gbop_fail(err, gbop_icu_status(uerr), NULL, what, "UTF-8 conversion failed: %s",
                           u_errorName(uerr));
        goto cleanup;
    }
    *out = result;
    result = NULL;

cleanup:
    gbop_free(result);
    gbop_free(normal);
    gbop_free(utf16);
    return status;
}
