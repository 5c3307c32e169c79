/* JSON string escaping for the json and sarif reports. */
#include "config.h"

#include <string.h>

#include "json.h"

size_t utf8_sequence_length(const unsigned char *p, size_t n)
{
    unsigned char lo = 0x80, hi = 0xBF;
    size_t len;
    if (n == 0)
        return 0;
    if (p[0] < 0x80)
        return 1;
    if (p[0] >= 0xC2 && p[0] <= 0xDF)
        len = 2;
    else if (p[0] >= 0xE0 && p[0] <= 0xEF)
        len = 3;
    else if (p[0] >= 0xF0 && p[0] <= 0xF4)
        len = 4;
    else
        return 0; /* a continuation byte, C0, C1 (overlong) or F5..FF */
    /* the second byte's range excludes overlong forms, surrogates and
     * code points beyond U+10FFFF */
    if (p[0] == 0xE0)
        lo = 0xA0;
    else if (p[0] == 0xED)
        hi = 0x9F;
    else if (p[0] == 0xF0)
        lo = 0x90;
    else if (p[0] == 0xF4)
        hi = 0x8F;
    if (n < len)
        return 0;
    if (p[1] < lo || p[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if (p[i] < 0x80 || p[i] > 0xBF)
            return 0;
    return len;
}

/* A byte outside well-formed UTF-8 is written as \ufffd, one for each such
 * byte. The alternative, escaping the bytes reversibly, has no standard form
 * in JSON (a lone surrogate like \udcff is not Unicode, and strict readers
 * refuse it); the SARIF report keeps the exact bytes of a file name in its
 * percent-encoded artifact URI (%FF). */
void json_string(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)p), len;
    fputc('"', out);
    for (; *p; p += len, n -= len) {
        len = 1;
        switch (*p) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default:
            if (*p < 0x20)
                fprintf(out, "\\u%04x", *p);
            else if (*p < 0x80)
                fputc(*p, out);
            else if ((len = utf8_sequence_length(p, n)) != 0)
                fwrite(p, 1, len, out);
            else {
                fputs("\\ufffd", out);
                len = 1;
            }
        }
    }
    fputc('"', out);
}
