/* libgbo — Belgian identifier checks (see gbo/ids.h). */
#include "config.h"

#include <string.h>
#include <time.h>

#include <gbo/ids.h>

#include "values.h"

/* Copy the digits of `text` into out[0..max), skipping separators and, when
 * allow_be, a leading "BE". Returns the number of digits, or -1 on any other
 * character or more than `max` digits. */
static int collect_digits(const char *text, char *out, int max, bool allow_be)
{
    int n = 0;
    if (!text)
        return -1;
    while (*text == ' ')
        text++;
    if (allow_be && (text[0] == 'B' || text[0] == 'b') && (text[1] == 'E' || text[1] == 'e'))
        text += 2;
    for (; *text; text++) {
        char c = *text;
        if (c >= '0' && c <= '9') {
            if (n == max)
                return -1;
            out[n++] = c;
        } else if (c != '.' && c != '-' && c != ' ' && c != '/') {
            return -1;
        }
    }
    out[n] = '\0';
    return n;
}

static long long number_of(const char *digits, int count)
{
    long long v = 0;
    for (int i = 0; i < count; i++)
        v = v * 10 + (digits[i] - '0');
    return v;
}

static bool check_97(long long base, int check)
{
    return 97 - base % 97 == check;
}

/* Is the birth (what is known of it) after day `on`? A BIS number with an
 * unknown month or day is exempt. */
static bool born_after(const gbo_national_number *nn, gbo_date on)
{
    const gbo_date *b = &nn->birth;
    if (nn->bis && (b->month == 0 || b->day == 0))
        return false;
    if (b->year != on.year || b->month == 0)
        return b->year > on.year;
    if (b->month != on.month || b->day == 0)
        return b->month > on.month;
    return b->day > on.day;
}

gbo_id_result gbo_national_number_check(const char *text, gbo_national_number *out)
{
    struct timespec ts;
    gbo_date today = { 9999, 12, 31 }; /* no today: no birth lies after it */
    gbo_time now;
    clock_gettime(CLOCK_REALTIME, &ts);
    now.seconds = (int64_t)ts.tv_sec;
    now.nanos = (int32_t)ts.tv_nsec;
    if (!gbop_brussels_date(now, &today))
        today = (gbo_date){ 9999, 12, 31 };
    return gbo_national_number_check_on(text, today, out);
}

gbo_id_result gbo_national_number_check_on(const char *text, gbo_date on, gbo_national_number *out)
{
    char digits[12];
    gbo_national_number nn;
    long long first9;
    int yy, mm, dd, check, month;
    bool born_2000;

    if (collect_digits(text, digits, 11, false) != 11)
        return GBO_ID_MALFORMED;
    memset(&nn, 0, sizeof nn);
    memcpy(nn.digits, digits, sizeof digits);
    gbop_digits(digits, 2, &yy);
    gbop_digits(digits + 2, 2, &mm);
    gbop_digits(digits + 4, 2, &dd);
    gbop_digits(digits + 6, 3, &nn.serial);
    gbop_digits(digits + 9, 2, &check);
    first9 = number_of(digits, 9);

    if (check_97(first9, check))
        born_2000 = false;
    else if (check_97(2000000000LL + first9, check))
        born_2000 = true;
    else
        born_2000 = false; /* neither century matches: report as 19xx */

    month = mm;
    if (mm >= 40) {
        nn.bis = true;
        nn.sex_known = true;
        month = mm - 40;
    } else if (mm >= 20) {
        nn.bis = true;
        month = mm - 20;
    }
    nn.birth.year = (born_2000 ? 2000 : 1900) + yy;
    nn.birth.month = month;
    nn.birth.day = dd;
    if (out)
        *out = nn;

    if (!check_97(first9, check) && !check_97(2000000000LL + first9, check))
        return GBO_ID_CHECK_DIGITS;
    if (month > 12 || dd > 31)
        return GBO_ID_IMPOSSIBLE_DATE;
    if (month != 0 && dd != 0 && dd > gbop_days_in_month(nn.birth.year, month))
        return GBO_ID_IMPOSSIBLE_DATE;
    if (born_after(&nn, on))
        return GBO_ID_FUTURE_BIRTH;
    return GBO_ID_VALID;
}

static gbo_id_result unit_number_check(const char *text, char *digits_out, bool establishment)
{
    char digits[11];
    int n = collect_digits(text, digits, 10, true), check;

    if (n == 9 && !establishment) {
        memmove(digits + 1, digits, 10);
        digits[0] = '0';
        n = 10;
    }
    if (n != 10)
        return GBO_ID_MALFORMED;
    if (digits_out)
        memcpy(digits_out, digits, 11);
    if (establishment ? (digits[0] < '2' || digits[0] > '8') : (digits[0] > '1'))
        return GBO_ID_WRONG_PREFIX;
    gbop_digits(digits + 8, 2, &check);
    return check_97(number_of(digits, 8), check) ? GBO_ID_VALID : GBO_ID_CHECK_DIGITS;
}

gbo_id_result gbo_enterprise_number_check(const char *text, char *digits_out)
{
    return unit_number_check(text, digits_out, false);
}

gbo_id_result gbo_establishment_number_check(const char *text, char *digits_out)
{
    return unit_number_check(text, digits_out, true);
}

const char *gbo_id_result_name(gbo_id_result result)
{
    switch (result) {
    case GBO_ID_VALID: return "valid";
    case GBO_ID_MALFORMED: return "malformed";
    case GBO_ID_CHECK_DIGITS: return "check-digits";
    case GBO_ID_IMPOSSIBLE_DATE: return "impossible-date";
    case GBO_ID_WRONG_PREFIX: return "wrong-prefix";
    case GBO_ID_FUTURE_BIRTH: return "future-birth";
    }
    return "unknown";
}

const char *gbo_id_result_string(gbo_id_result result)
{
    switch (result) {
    case GBO_ID_VALID: return "valid";
    case GBO_ID_MALFORMED: return "wrong number of digits or unexpected characters";
    case GBO_ID_CHECK_DIGITS: return "check digits do not match";
    case GBO_ID_IMPOSSIBLE_DATE: return "birth-date part is not a real date";
    case GBO_ID_WRONG_PREFIX: return "first digit not allowed for this kind of number";
    case GBO_ID_FUTURE_BIRTH: return "birth date after the day it was checked on";
    }
    return "unknown result";
}
