/* libgbo — dates, times and the canonical text form of each value type. */
#include "config.h"
#include "values.h"

#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "structure.h"
#include "text.h"

#include <unicode/ucal.h>

int gbop_digits(const char *s, int width, int *out)
{
    int v = 0;
    for (int i = 0; i < width; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

static int is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int gbop_days_in_month(int year, int month)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (month < 1 || month > 12)
        return 0;
    return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

/* Howard Hinnant's days_from_civil / civil_from_days. */
long long gbop_days_from_civil(int year, int month, int day)
{
    long long y = year - (month <= 2);
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void gbop_civil_from_days(long long days, int *year, int *month, int *day)
{
    long long z = days + 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = (int)(yoe + era * 400 + (m <= 2));
    *month = m;
    *day = d;
}

bool gbo_date_is_valid(gbo_date d)
{
    return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
           d.day <= gbop_days_in_month(d.year, d.month);
}

int gbo_date_compare(gbo_date a, gbo_date b)
{
    if (a.year != b.year)
        return a.year < b.year ? -1 : 1;
    if (a.month != b.month)
        return a.month < b.month ? -1 : 1;
    if (a.day != b.day)
        return a.day < b.day ? -1 : 1;
    return 0;
}

static int parse_date_prefix(const char *s, gbo_date *d)
{
    if (gbop_digits(s, 4, &d->year) || s[4] != '-' || gbop_digits(s + 5, 2, &d->month) ||
        s[7] != '-' || gbop_digits(s + 8, 2, &d->day))
        return -1;
    return gbo_date_is_valid(*d) ? 0 : -1;
}

gbo_status gbo_date_parse(const char *text, gbo_date *out, gbo_error *err)
{
    gbo_date d;
    if (!text || !out)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "NULL argument");
    if (strlen(text) != 10 || parse_date_prefix(text, &d))
        return gbop_fail(err, GBO_E_INVALID_VALUE, NULL, NULL,
                         "expected a calendar date YYYY-MM-DD");
    *out = d;
    return GBO_OK;
}

gbo_status gbo_time_parse(const char *text, gbo_time *out, gbo_error *err)
{
    gbo_date d;
    int hh, mm, ss, nanos = 0, offset_minutes = 0;
    const char *p;

    if (!text || !out)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "NULL argument");
    if (strlen(text) < 20 || parse_date_prefix(text, &d) || text[10] != 'T' ||
        gbop_digits(text + 11, 2, &hh) || text[13] != ':' || gbop_digits(text + 14, 2, &mm) ||
        text[16] != ':' || gbop_digits(text + 17, 2, &ss) || hh > 23 || mm > 59 || ss > 59)
        goto malformed;
    p = text + 19;
    if (*p == '.') {
        int digits = 0;
        p++;
        while (*p >= '0' && *p <= '9') {
            if (++digits > 9)
                goto malformed;
            nanos = nanos * 10 + (*p - '0');
            p++;
        }
        if (digits == 0)
            goto malformed;
        for (; digits < 9; digits++)
            nanos *= 10;
    }
    if (*p == 'Z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        int oh, om;
        if (gbop_digits(p + 1, 2, &oh) || p[3] != ':' || gbop_digits(p + 4, 2, &om) ||
            oh > 14 || om > 59)
            goto malformed;
        offset_minutes = (oh * 60 + om) * (*p == '-' ? -1 : 1);
        p += 6;
    } else {
        goto malformed;
    }
    if (*p != '\0')
        goto malformed;
    out->seconds = gbop_days_from_civil(d.year, d.month, d.day) * 86400LL + hh * 3600LL +
                   mm * 60LL + ss - offset_minutes * 60LL;
    out->nanos = nanos;
    return GBO_OK;

malformed:
    return gbop_fail(err, GBO_E_INVALID_VALUE, NULL, NULL,
                     "expected an ISO 8601 date-time with offset, e.g. 2025-03-04T09:30:00+01:00");
}

gbo_status gbo_time_format(gbo_time t, char *buf, size_t size, gbo_error *err)
{
    long long days = t.seconds / 86400, rem = t.seconds % 86400;
    int y, m, d, n;
    char frac[11] = "";

    if (rem < 0) {
        rem += 86400;
        days--;
    }
    if (t.nanos < 0 || t.nanos > 999999999)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "nanoseconds out of range");
    gbop_civil_from_days(days, &y, &m, &d);
    if (y < 1 || y > 9999)
        return gbop_fail(err, GBO_E_INVALID_VALUE, NULL, NULL, "year out of range 1-9999");
    if (t.nanos) {
        int len;
        snprintf(frac, sizeof frac, ".%09d", (int)t.nanos);
        len = (int)strlen(frac);
        while (frac[len - 1] == '0')
            frac[--len] = '\0';
    }
    n = snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d%sZ", y, m, d, (int)(rem / 3600),
                 (int)(rem / 60 % 60), (int)(rem % 60), frac);
    if (n < 0 || (size_t)n >= size)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "buffer too small");
    return GBO_OK;
}

int gbo_time_compare(gbo_time a, gbo_time b)
{
    if (a.seconds != b.seconds)
        return a.seconds < b.seconds ? -1 : 1;
    if (a.nanos != b.nanos)
        return a.nanos < b.nanos ? -1 : 1;
    return 0;
}

/* ---- canonical forms ---------------------------------------------------- */

static gbo_status invalid(gbo_error *err, const char *what, const char *expected)
{
    return gbop_fail(err, GBO_E_INVALID_VALUE, NULL, what, "%s: expected %s", what, expected);
}

static gbo_status dup_out(const char *s, char **out, gbo_error *err)
{
    *out = gbop_strdup(s);
    return *out ? GBO_OK : gbop_nomem(err);
}

/* A code as a document carries it: any text of 1 to `max` characters (code
 * points), kept as given but for NFC, whitespace included. Whether it is a
 * code of its list — also "URGENT" or "housing " for urgent and housing — is
 * rule GBO-R001's question (SPEC §2.7), not the value's form. */
static gbo_status canonical_code(const char *in, size_t max, const char *what, char **out,
                                 gbo_error *err)
{
    gbo_status status;
    if (!*in)
        return invalid(err, what, "a code (1 to 48 characters)");
    status = gbop_text_nfc(in, strlen(in), 4 * max, what, out, err);
    if (status != GBO_OK)
        return status;
    if (gbop_utf8_length(*out) > max) {
        gbop_free(*out);
        *out = NULL;
        return gbop_fail(err, GBO_E_TOO_LONG, NULL, what, "%s: longer than %zu characters", what, max);
    }
    return GBO_OK;
}

static gbo_status canonical_uuid(const char *in, const char *what, char **out, gbo_error *err)
{
    char buf[37];
    if (strlen(in) != 36)
        return invalid(err, what, "a UUID (8-4-4-4-12 hex digits)");
    for (int i = 0; i < 36; i++) {
        char c = in[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-')
                return invalid(err, what, "a UUID (8-4-4-4-12 hex digits)");
        } else if (c >= 'A' && c <= 'F') {
            c = (char)(c - 'A' + 'a');
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return invalid(err, what, "a UUID (8-4-4-4-12 hex digits)");
        }
        buf[i] = c;
    }
    buf[36] = '\0';
    return dup_out(buf, out, err);
}

static gbo_status canonical_birth_date(const char *in, const char *what, char **out,
                                       gbo_error *err)
{
    gbo_date d;
    size_t len = strlen(in);
    if (len == 4 && gbop_digits(in, 4, &d.year) == 0 && d.year >= 1)
        return dup_out(in, out, err);
    if (len == 10 && parse_date_prefix(in, &d) == 0)
        return dup_out(in, out, err);
    return invalid(err, what, "a date YYYY-MM-DD or a year YYYY");
}

static gbo_status canonical_time(const char *in, const char *what, char **out, gbo_error *err)
{
    gbo_time t;
    char buf[40];
    if (gbo_time_parse(in, &t, NULL) != GBO_OK)
        return invalid(err, what, "an ISO 8601 date-time with offset");
    if (gbo_time_format(t, buf, sizeof buf, NULL) != GBO_OK)
        return invalid(err, what, "a date-time in the years 0001-9999");
    return dup_out(buf, out, err);
}

static gbo_status canonical_bool(const char *in, const char *what, char **out, gbo_error *err)
{
    if (strcmp(in, "true") == 0 || strcmp(in, "1") == 0)
        return dup_out("true", out, err);
    if (strcmp(in, "false") == 0 || strcmp(in, "0") == 0)
        return dup_out("false", out, err);
    return invalid(err, what, "true or false");
}

static gbo_status canonical_count(const char *in, const char *what, char **out, gbo_error *err)
{
    unsigned long long v = 0;
    char buf[16];
    if (!*in)
        return invalid(err, what, "a non-negative whole number");
    for (const char *p = in; *p; p++) {
        if (*p < '0' || *p > '9')
            return invalid(err, what, "a non-negative whole number");
        v = v * 10 + (unsigned)(*p - '0');
        if (v > 2147483647ULL)
            return invalid(err, what, "a whole number below 2147483648");
    }
    snprintf(buf, sizeof buf, "%llu", v);
    return dup_out(buf, out, err);
}

/* BCP 47, the subset partners use: language (2-3 letters), optional script
 * (4 letters), optional region (2 letters or 3 digits), further subtags of
 * 1-8 alphanumerics. Case is canonicalised per RFC 5646 §2.1.1. */
static gbo_status canonical_language(const char *in, size_t max, const char *what, char **out,
                                     gbo_error *err)
{
    size_t len = strlen(in), start = 0;
    int index = 0;
    char *buf;

    if (len > max)
        return gbop_fail(err, GBO_E_TOO_LONG, NULL, what, "%s: longer than %zu bytes", what, max);
    if (len == 0)
        return invalid(err, what, "a BCP 47 language tag such as nl or fr-BE");
    buf = gbop_strdup(in);
    if (!buf)
        return gbop_nomem(err);
    for (size_t i = 0; i <= len; i++) {
        size_t n;
        if (buf[i] != '-' && buf[i] != '\0') {
            char c = buf[i];
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
                goto bad;
            continue;
        }
        n = i - start;
        if (n == 0 || n > 8)
            goto bad;
        for (size_t j = start; j < i; j++) {
            char c = buf[j];
            int upper = index > 0 && n == 2;
            int title = index > 0 && n == 4 && j == start;
            if (index == 0 && (c < 'A' || (c > 'Z' && c < 'a') || c > 'z'))
                goto bad;
            if ((upper || title) && c >= 'a' && c <= 'z')
                c = (char)(c - 'a' + 'A');
            else if (!(upper || title) && c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            buf[j] = c;
        }
        if (index == 0 && (n < 2 || n > 3))
            goto bad;
        index++;
        start = i + 1;
    }
    *out = buf;
    return GBO_OK;
bad:
    gbop_free(buf);
    return invalid(err, what, "a BCP 47 language tag such as nl or fr-BE");
}

static gbo_status canonical_digits(const char *in, size_t max, const char *what, char **out,
                                   gbo_error *err)
{
    size_t len = strlen(in), n = 0;
    char *buf;

    if (len > 64)
        return invalid(err, what, "digits, optionally with dots, dashes, spaces or slashes");
    buf = gbop_malloc(len + 1);
    if (!buf)
        return gbop_nomem(err);
    for (size_t i = 0; i < len; i++) {
        char c = in[i];
        if (c >= '0' && c <= '9')
            buf[n++] = c;
        else if (c != '.' && c != '-' && c != ' ' && c != '/') {
            gbop_free(buf);
            return invalid(err, what, "digits, optionally with dots, dashes, spaces or slashes");
        }
    }
    buf[n] = '\0';
    if (n > max) {
        gbop_free(buf);
        return gbop_fail(err, GBO_E_TOO_LONG, NULL, what, "%s: more than %zu digits", what, max);
    }
    if (n == 0) {
        gbop_free(buf);
        return invalid(err, what, "digits, optionally with dots, dashes, spaces or slashes");
    }
    *out = buf;
    return GBO_OK;
}

/* The schema's types built on xs:date, xs:dateTime, xs:boolean,
 * xs:nonNegativeInteger and xs:language collapse whitespace: " true " is
 * true there, so it is here. */
static bool collapses(gbo_value_type type)
{
    return type == GBO_TYPE_DATE || type == GBO_TYPE_TIME || type == GBO_TYPE_BOOL ||
           type == GBO_TYPE_COUNT || type == GBO_TYPE_LANGUAGE;
}

static bool is_xml_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

gbo_status gbop_canonical(gbo_value_type type, const char *in, size_t max_bytes,
                          const char *what, char **out, gbo_error *err)
{
    gbo_date d;

    *out = NULL;
    if (collapses(type) && *in && (is_xml_space(in[0]) || is_xml_space(in[strlen(in) - 1]))) {
        size_t len;
        char *trimmed;
        gbo_status status;
        while (is_xml_space(*in))
            in++;
        len = strlen(in);
        while (len > 0 && is_xml_space(in[len - 1]))
            len--;
        if (!(trimmed = gbop_strndup(in, len)))
            return gbop_nomem(err);
        status = gbop_canonical(type, trimmed, max_bytes, what, out, err);
        gbop_free(trimmed);
        return status;
    }
    switch (type) {
    case GBO_TYPE_TEXT: {
        /* the limit counts characters, as the schema's maxLength does */
        gbo_status status;
        if (!*in)
            return invalid(err, what, "a text (an absent value is NULL, not \"\")");
        status = gbop_text_nfc(in, strlen(in), 4 * max_bytes, what, out, err);
        if (status == GBO_OK && gbop_utf8_length(*out) > max_bytes) {
            gbop_free(*out);
            *out = NULL;
            return gbop_fail(err, GBO_E_TOO_LONG, NULL, what, "%s: longer than %zu characters", what,
                             max_bytes);
        }
        return status;
    }
    case GBO_TYPE_CODE:
        return canonical_code(in, max_bytes, what, out, err);
    case GBO_TYPE_UUID:
        return canonical_uuid(in, what, out, err);
    case GBO_TYPE_DATE:
        if (strlen(in) != 10 || parse_date_prefix(in, &d))
            return invalid(err, what, "a calendar date YYYY-MM-DD");
        return dup_out(in, out, err);
    case GBO_TYPE_BIRTH_DATE:
        return canonical_birth_date(in, what, out, err);
    case GBO_TYPE_TIME:
        return canonical_time(in, what, out, err);
    case GBO_TYPE_BOOL:
        return canonical_bool(in, what, out, err);
    case GBO_TYPE_COUNT:
        return canonical_count(in, what, out, err);
    case GBO_TYPE_LANGUAGE:
        return canonical_language(in, max_bytes, what, out, err);
    case GBO_TYPE_DIGITS:
        return canonical_digits(in, max_bytes, what, out, err);
    case GBO_TYPE_ENTITY:
        break;
    }
    return gbop_fail(err, GBO_E_INVALID_ARG, NULL, what, "%s: not a scalar field", what);
}

/* ICU's answer: a calendar opened for this one instant (about 25 000
 * instructions, so used only outside the years the EU rule covers). */
bool gbop_brussels_date_icu(gbo_time t, gbo_date *out)
{
    static const UChar zone[] = { 'E', 'u', 'r', 'o', 'p', 'e', '/', 'B', 'r', 'u', 's', 's', 'e', 'l', 's', 0 };
    UErrorCode status = U_ZERO_ERROR;
    UCalendar *cal = ucal_open(zone, -1, "en_BE", UCAL_GREGORIAN, &status);
    if (U_FAILURE(status))
        return false;
    ucal_setMillis(cal, (UDate)t.seconds * 1000.0, &status);
    out->year = ucal_get(cal, UCAL_YEAR, &status);
    out->month = ucal_get(cal, UCAL_MONTH, &status) + 1;
    out->day = ucal_get(cal, UCAL_DATE, &status);
    ucal_close(cal);
    return U_SUCCESS(status);
}

static long long floor_div(long long a, long long b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Days since 1970-01-01 of the last Sunday of a month (1970-01-01 was a
 * Thursday). */
static long long last_sunday(int year, int month)
{
    long long days = gbop_days_from_civil(year, month, gbop_days_in_month(year, month));
    return days - (days + 4 - 7 * floor_div(days + 4, 7));
}

/* Since 1996 Belgium keeps the EU summer-time rule: UTC+2 from 01:00 UTC on
 * the last Sunday of March to 01:00 UTC on the last Sunday of October, UTC+1
 * otherwise. Within the years below the rule decides; before and after them
 * ICU's time zone data does (test_values compares the two around every
 * switch of those years). */
#define EU_RULE_FIRST_YEAR 1996
#define EU_RULE_LAST_YEAR 2037

bool gbop_brussels_date(gbo_time t, gbo_date *out)
{
    long long day = floor_div(t.seconds, 86400);
    int year, month, mday;
    long long offset;

    gbop_civil_from_days(day, &year, &month, &mday);
    if (year < EU_RULE_FIRST_YEAR || year > EU_RULE_LAST_YEAR)
        return gbop_brussels_date_icu(t, out);
    offset = t.seconds >= last_sunday(year, 3) * 86400 + 3600 &&
                     t.seconds < last_sunday(year, 10) * 86400 + 3600
                 ? 7200
                 : 3600;
    gbop_civil_from_days(floor_div(t.seconds + offset, 86400), &out->year, &out->month,
                         &out->day);
    return true;
}
