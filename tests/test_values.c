/* Dates and times: parsing, canonical form, comparison as instants. */
#include <stdio.h>
#include <string.h>

#include <gbo/values.h>

#include "test_helpers.h"
#include "values.h" /* gbop_brussels_date() and its ICU reference */

static void time_offsets_are_instants(void)
{
    gbo_time a, b;
    CU_ASSERT_EQUAL(gbo_time_parse("2025-03-04T09:30:00+01:00", &a, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_time_parse("2025-03-04T08:30:00Z", &b, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_time_compare(a, b), 0);
    CU_ASSERT_EQUAL(gbo_time_parse("2025-03-04T08:30:00-00:30", &b, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_time_compare(a, b), -1);
    CU_ASSERT_EQUAL(gbo_time_compare(b, a), 1);
    CU_ASSERT_EQUAL(a.seconds, 1741077000);
}

static void time_format_is_utc(void)
{
    gbo_time t;
    char buf[40];
    CU_ASSERT_EQUAL(gbo_time_parse("2024-12-31T23:30:00-01:00", &t, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_time_format(t, buf, sizeof buf, NULL), GBO_OK);
    CU_ASSERT_STRING_EQUAL(buf, "2025-01-01T00:30:00Z");
    CU_ASSERT_EQUAL(gbo_time_parse("2025-06-01T12:00:00.250+02:00", &t, NULL), GBO_OK);
    CU_ASSERT_EQUAL(t.nanos, 250000000);
    CU_ASSERT_EQUAL(gbo_time_format(t, buf, sizeof buf, NULL), GBO_OK);
    CU_ASSERT_STRING_EQUAL(buf, "2025-06-01T10:00:00.25Z");
    CU_ASSERT_EQUAL(gbo_time_parse("2025-06-01T12:00:00.000Z", &t, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_time_format(t, buf, sizeof buf, NULL), GBO_OK);
    CU_ASSERT_STRING_EQUAL(buf, "2025-06-01T12:00:00Z");
    CU_ASSERT_EQUAL(gbo_time_format(t, buf, 10, NULL), GBO_E_INVALID_ARG);
}

static void time_rejects_malformed(void)
{
    static const char *const bad[] = {
        "2025-03-04T09:30:00",          /* no offset */
        "2025-03-04 09:30:00Z",         /* no T */
        "2025-02-29T09:30:00Z",         /* not a leap year */
        "2025-03-04T24:00:00Z",
        "2025-03-04T09:60:00Z",
        "2025-03-04T09:30:00.Z",
        "2025-03-04T09:30:00.1234567890Z",
        "2025-03-04T09:30:00+1:00",
        "2025-03-04T09:30:00+15:00",
        "2025-03-04T09:30:00Zjunk",
        "",
    };
    gbo_time t;
    gbo_error err;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        gbo_error_clear(&err);
        CU_ASSERT_EQUAL(gbo_time_parse(bad[i], &t, &err), GBO_E_INVALID_VALUE);
        CU_ASSERT_EQUAL(err.status, GBO_E_INVALID_VALUE);
    }
    CU_ASSERT_EQUAL(gbo_time_parse(NULL, &t, NULL), GBO_E_INVALID_ARG);
}

static void dates(void)
{
    gbo_date d, e;
    CU_ASSERT_EQUAL(gbo_date_parse("2024-02-29", &d, NULL), GBO_OK);
    CU_ASSERT_EQUAL(d.year, 2024);
    CU_ASSERT_EQUAL(d.month, 2);
    CU_ASSERT_EQUAL(d.day, 29);
    CU_ASSERT_EQUAL(gbo_date_parse("2023-02-29", &d, NULL), GBO_E_INVALID_VALUE);
    CU_ASSERT_EQUAL(gbo_date_parse("1900-02-29", &d, NULL), GBO_E_INVALID_VALUE);
    CU_ASSERT_EQUAL(gbo_date_parse("2000-02-29", &d, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_date_parse("2024-13-01", &d, NULL), GBO_E_INVALID_VALUE);
    CU_ASSERT_EQUAL(gbo_date_parse("2024-1-01", &d, NULL), GBO_E_INVALID_VALUE);
    CU_ASSERT_EQUAL(gbo_date_parse("2024-01-010", &d, NULL), GBO_E_INVALID_VALUE);
    CU_ASSERT_EQUAL(gbo_date_parse("2024-01-10", &d, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_date_parse("2024-01-09", &e, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_date_compare(d, e), 1);
    CU_ASSERT_EQUAL(gbo_date_compare(e, d), -1);
    CU_ASSERT_EQUAL(gbo_date_compare(d, d), 0);
    CU_ASSERT_TRUE(gbo_date_is_valid(d));
    d.day = 0;
    CU_ASSERT_FALSE(gbo_date_is_valid(d));
}

static void expect_brussels_as_icu(int64_t seconds)
{
    gbo_time t = { seconds, 0 };
    gbo_date fast, icu;
    CU_ASSERT_TRUE_FATAL(gbop_brussels_date(t, &fast));
    CU_ASSERT_TRUE_FATAL(gbop_brussels_date_icu(t, &icu));
    if (gbo_date_compare(fast, icu) != 0) {
        fprintf(stderr, "brussels date of %lld: %04d-%02d-%02d, ICU %04d-%02d-%02d\n",
                (long long)seconds, fast.year, fast.month, fast.day, icu.year, icu.month,
                icu.day);
        CU_FAIL("Brussels date differs from ICU's");
    }
}

/* The EU summer-time rule gives ICU's dates: on both sides of local midnight
 * (22:00Z in summer, 23:00Z in winter) of every day, around both switches of
 * every year, and on every 11th hour, from 1990 to 2045 (the rule's years and
 * ICU's on both sides of them). */
static void brussels_dates_match_icu(void)
{
    gbo_time t;
    gbo_date d;
    for (long long day = gbop_days_from_civil(1990, 1, 1); day < gbop_days_from_civil(2046, 1, 1);
         day++) {
        int64_t midnight = (int64_t)day * 86400;
        for (int64_t h = 22; h <= 23; h++) {
            expect_brussels_as_icu(midnight + h * 3600 - 1);
            expect_brussels_as_icu(midnight + h * 3600);
        }
    }
    for (int year = 1990; year <= 2045; year++) {
        for (int month = 3; month <= 10; month += 7) {
            int last = gbop_days_in_month(year, month);
            for (int day = last - 6; day <= last; day++) {
                int64_t midnight = (int64_t)gbop_days_from_civil(year, month, day) * 86400;
                for (int64_t m = 0; m <= 180; m += 15) {
                    expect_brussels_as_icu(midnight + m * 60 - 1);
                    expect_brussels_as_icu(midnight + m * 60);
                }
            }
        }
    }
    for (int64_t s = (int64_t)gbop_days_from_civil(1990, 1, 1) * 86400;
         s < (int64_t)gbop_days_from_civil(2046, 1, 1) * 86400; s += 11 * 3600)
        expect_brussels_as_icu(s);
    /* 2025-03-30 00:59:59Z is 01:59:59 CET; 2025-10-25 22:00Z is midnight CEST */
    t.seconds = (int64_t)gbop_days_from_civil(2025, 10, 25) * 86400 + 22 * 3600;
    t.nanos = 0;
    CU_ASSERT_TRUE(gbop_brussels_date(t, &d));
    CU_ASSERT(d.year == 2025 && d.month == 10 && d.day == 26);
    t.seconds -= 1;
    CU_ASSERT_TRUE(gbop_brussels_date(t, &d));
    CU_ASSERT(d.year == 2025 && d.month == 10 && d.day == 25);
    t.seconds = (int64_t)gbop_days_from_civil(2025, 12, 31) * 86400 + 23 * 3600;
    CU_ASSERT_TRUE(gbop_brussels_date(t, &d));
    CU_ASSERT(d.year == 2026 && d.month == 1 && d.day == 1);
}

int main(void)
{
    static const gbo_test tests[] = {
        { "times compare as instants", time_offsets_are_instants },
        { "times format in UTC", time_format_is_utc },
        { "malformed times are refused", time_rejects_malformed },
        { "calendar dates", dates },
        { "Brussels dates as ICU gives them", brussels_dates_match_icu },
        { NULL, NULL }
    };
    return gbo_test_main("values", tests);
}
