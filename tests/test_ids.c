/* National, enterprise and establishment numbers (SPEC §2.1-2.2). */
#include <string.h>

#include <gbo/ids.h>

#include "test_helpers.h"

static void national_number_19xx(void)
{
    gbo_national_number nn;
    CU_ASSERT_EQUAL(gbo_national_number_check("85073003328", &nn), GBO_ID_VALID);
    CU_ASSERT_STRING_EQUAL(nn.digits, "85073003328");
    CU_ASSERT_FALSE(nn.bis);
    CU_ASSERT_EQUAL(nn.birth.year, 1985);
    CU_ASSERT_EQUAL(nn.birth.month, 7);
    CU_ASSERT_EQUAL(nn.birth.day, 30);
    CU_ASSERT_EQUAL(nn.serial, 33);
    CU_ASSERT_EQUAL(gbo_national_number_check("92022901393", NULL), GBO_ID_VALID); /* leap day */
}

static void national_number_20xx(void)
{
    gbo_national_number nn;
    CU_ASSERT_EQUAL(gbo_national_number_check("17050212344", &nn), GBO_ID_VALID);
    CU_ASSERT_EQUAL(nn.birth.year, 2017);
    CU_ASSERT_EQUAL(nn.birth.month, 5);
    CU_ASSERT_EQUAL(nn.birth.day, 2);
    CU_ASSERT_EQUAL(gbo_national_number_check("04022901320", &nn), GBO_ID_VALID); /* 2004-02-29 */
    CU_ASSERT_EQUAL(nn.birth.year, 2004);
}

static void national_number_formatted(void)
{
    gbo_national_number nn;
    CU_ASSERT_EQUAL(gbo_national_number_check("85.07.30-033.28", &nn), GBO_ID_VALID);
    CU_ASSERT_STRING_EQUAL(nn.digits, "85073003328");
    CU_ASSERT_EQUAL(gbo_national_number_check("850730 033 28", NULL), GBO_ID_VALID);
    CU_ASSERT_EQUAL(gbo_national_number_check("850730/033-28", NULL), GBO_ID_VALID);
}

static void bis_numbers(void)
{
    gbo_national_number nn;
    CU_ASSERT_EQUAL(gbo_national_number_check("85273003371", &nn), GBO_ID_VALID);
    CU_ASSERT_TRUE(nn.bis);
    CU_ASSERT_FALSE(nn.sex_known);
    CU_ASSERT_EQUAL(nn.birth.month, 7);
    CU_ASSERT_EQUAL(gbo_national_number_check("85473003317", &nn), GBO_ID_VALID);
    CU_ASSERT_TRUE(nn.bis);
    CU_ASSERT_TRUE(nn.sex_known);
    CU_ASSERT_EQUAL(nn.birth.month, 7);
}

static void unknown_birth_date_parts(void)
{
    gbo_national_number nn;
    /* BIS +40 with month 0: birth month unknown */
    CU_ASSERT_EQUAL(gbo_national_number_check("00402099939", &nn), GBO_ID_VALID);
    CU_ASSERT_EQUAL(nn.birth.month, 0);
    CU_ASSERT_EQUAL(nn.birth.day, 20);
    /* BIS +20 with month 0 */
    CU_ASSERT_EQUAL(gbo_national_number_check("00202001213", &nn), GBO_ID_VALID);
    CU_ASSERT_EQUAL(nn.birth.month, 0);
}

static void wrong_check_digits(void)
{
    CU_ASSERT_EQUAL(gbo_national_number_check("85073003327", NULL), GBO_ID_CHECK_DIGITS);
    CU_ASSERT_EQUAL(gbo_national_number_check("85073003329", NULL), GBO_ID_CHECK_DIGITS);
    /* the 2000s check digit of a 19xx number does not validate it either */
    CU_ASSERT_EQUAL(gbo_national_number_check("17050212345", NULL), GBO_ID_CHECK_DIGITS);
}

static void impossible_dates(void)
{
    gbo_national_number nn;
    CU_ASSERT_EQUAL(gbo_national_number_check("85023003390", &nn), GBO_ID_IMPOSSIBLE_DATE);
    CU_ASSERT_EQUAL(nn.birth.day, 30); /* filled for the report */
    CU_ASSERT_EQUAL(gbo_national_number_check("05022901341", NULL), GBO_ID_IMPOSSIBLE_DATE);
    CU_ASSERT_EQUAL(gbo_national_number_check("00613100178", NULL), GBO_ID_IMPOSSIBLE_DATE);
}

static void malformed_national_numbers(void)
{
    CU_ASSERT_EQUAL(gbo_national_number_check("8507300332", NULL), GBO_ID_MALFORMED);
    CU_ASSERT_EQUAL(gbo_national_number_check("850730033280", NULL), GBO_ID_MALFORMED);
    CU_ASSERT_EQUAL(gbo_national_number_check("85O73003328", NULL), GBO_ID_MALFORMED);
    CU_ASSERT_EQUAL(gbo_national_number_check("", NULL), GBO_ID_MALFORMED);
    CU_ASSERT_EQUAL(gbo_national_number_check(NULL, NULL), GBO_ID_MALFORMED);
}

/* A birth after the day of the check: "28012336752" fits only the 2000+
 * formula (born 2028-01-23). What is known of the date is compared; a BIS
 * number with an unknown month or day is exempt. Fixed dates only. */
static void births_in_the_future(void)
{
    const gbo_date before = { 2026, 1, 1 }, eve = { 2028, 1, 22 }, day = { 2028, 1, 23 };
    gbo_national_number nn;
    CU_ASSERT_EQUAL(gbo_national_number_check_on("28012336752", before, &nn), GBO_ID_FUTURE_BIRTH);
    CU_ASSERT_EQUAL(nn.birth.year, 2028);
    CU_ASSERT_EQUAL(gbo_national_number_check_on("28012336752", eve, NULL), GBO_ID_FUTURE_BIRTH);
    CU_ASSERT_EQUAL(gbo_national_number_check_on("28012336752", day, NULL), GBO_ID_VALID);
    /* unknown month and day: the year decides */
    CU_ASSERT_EQUAL(gbo_national_number_check_on("28000012309", before, NULL), GBO_ID_FUTURE_BIRTH);
    CU_ASSERT_EQUAL(gbo_national_number_check_on("28000012309", eve, NULL), GBO_ID_VALID);
    /* a BIS number with unknown parts is exempt */
    CU_ASSERT_EQUAL(gbo_national_number_check_on("28200012352", before, &nn), GBO_ID_VALID);
    CU_ASSERT(nn.bis);
    /* the other results come first */
    CU_ASSERT_EQUAL(gbo_national_number_check_on("28012336753", before, NULL), GBO_ID_CHECK_DIGITS);
    CU_ASSERT_EQUAL(gbo_national_number_check_on("85073003328", before, NULL), GBO_ID_VALID);
    CU_ASSERT_STRING_EQUAL(gbo_id_result_string(GBO_ID_FUTURE_BIRTH),
                           "birth date after the day it was checked on");
}

static void enterprise_numbers(void)
{
    char digits[11];
    CU_ASSERT_EQUAL(gbo_enterprise_number_check("0403.170.701", digits), GBO_ID_VALID);
    CU_ASSERT_STRING_EQUAL(digits, "0403170701");
    CU_ASSERT_EQUAL(gbo_enterprise_number_check("BE 0403 170 701", NULL), GBO_ID_VALID);
    CU_ASSERT_EQUAL(gbo_enterprise_number_check("be0851459268", NULL), GBO_ID_VALID);
    CU_ASSERT_EQUAL(gbo_enterprise_number_check("1000.000.120", NULL), GBO_ID_VALID);
    /* the old nine-digit form gets its leading zero */
    CU_ASSERT_EQUAL(gbo_enterprise_number_check("403.170.701", digits), GBO_ID_VALID);
    CU_ASSERT_STRING_EQUAL(digits, "0403170701");
    CU_ASSERT_EQUAL(gbo_enterprise_number_check("0403.170.702", NULL), GBO_ID_CHECK_DIGITS);
    CU_ASSERT_EQUAL(gbo_enterprise_number_check("2001.234.516", NULL), GBO_ID_WRONG_PREFIX);
    CU_ASSERT_EQUAL(gbo_enterprise_number_check("0403.170.7", NULL), GBO_ID_MALFORMED);
    CU_ASSERT_EQUAL(gbo_enterprise_number_check("0403-170-7O1", NULL), GBO_ID_MALFORMED);
}

static void establishment_numbers(void)
{
    char digits[11];
    CU_ASSERT_EQUAL(gbo_establishment_number_check("2.001.234.516", digits), GBO_ID_VALID);
    CU_ASSERT_STRING_EQUAL(digits, "2001234516");
    CU_ASSERT_EQUAL(gbo_establishment_number_check("2.001.234.517", NULL), GBO_ID_CHECK_DIGITS);
    CU_ASSERT_EQUAL(gbo_establishment_number_check("0403.170.701", NULL), GBO_ID_WRONG_PREFIX);
    CU_ASSERT_EQUAL(gbo_establishment_number_check("9.001.234.5xx", NULL), GBO_ID_MALFORMED);
    /* no nine-digit form for establishment units */
    CU_ASSERT_EQUAL(gbo_establishment_number_check("001.234.516", NULL), GBO_ID_MALFORMED);
}

static void result_strings(void)
{
    CU_ASSERT_STRING_EQUAL(gbo_id_result_string(GBO_ID_VALID), "valid");
    CU_ASSERT_PTR_NOT_NULL(strstr(gbo_id_result_string(GBO_ID_CHECK_DIGITS), "check digits"));
    CU_ASSERT_STRING_EQUAL(gbo_id_result_name(GBO_ID_VALID), "valid");
    CU_ASSERT_STRING_EQUAL(gbo_id_result_name(GBO_ID_CHECK_DIGITS), "check-digits");
    CU_ASSERT_STRING_EQUAL(gbo_id_result_name(GBO_ID_FUTURE_BIRTH), "future-birth");
    CU_ASSERT_STRING_EQUAL(gbo_id_result_name((gbo_id_result)99), "unknown");
}

int main(void)
{
    static const gbo_test tests[] = {
        { "national number 19xx", national_number_19xx },
        { "national number 20xx", national_number_20xx },
        { "national number written forms", national_number_formatted },
        { "BIS numbers (+20/+40 month)", bis_numbers },
        { "unknown birth-date parts", unknown_birth_date_parts },
        { "wrong check digits", wrong_check_digits },
        { "impossible birth dates", impossible_dates },
        { "births after the day of the check", births_in_the_future },
        { "malformed national numbers", malformed_national_numbers },
        { "enterprise numbers", enterprise_numbers },
        { "establishment numbers", establishment_numbers },
        { "result strings", result_strings },
        { NULL, NULL }
    };
    return gbo_test_main("identifiers", tests);
}
