/* libgbo — Belgian identifiers: national number (rijksregisternummer / INSZ,
 * and BIS number), enterprise number (KBO/BCE) and establishment-unit number.
 *
 * Input may use the usual written forms: "85.07.30-033.28", "85073003328",
 * "0403.170.701", "BE 0403 170 701", "2.123.456.789". Separators are dots,
 * dashes, spaces and slashes; enterprise and establishment numbers may start
 * with the country prefix "BE". The functions never allocate and are
 * thread-safe. */
#ifndef GBO_IDS_H
#define GBO_IDS_H

#include <stdbool.h>
#include <gbo/export.h>
#include <gbo/values.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum gbo_id_result {
    GBO_ID_VALID = 0,
    GBO_ID_MALFORMED,       /* not the right number of digits, or other characters */
    GBO_ID_CHECK_DIGITS,    /* the mod-97 check digits do not match */
    GBO_ID_IMPOSSIBLE_DATE, /* national number: the birth-date part is no real date */
    GBO_ID_WRONG_PREFIX,    /* enterprise (0/1) or establishment (2-8) first digit wrong */
    GBO_ID_FUTURE_BIRTH     /* national number: born after the day it is checked on */
} gbo_id_result;

typedef struct gbo_national_number {
    char digits[12];      /* the 11 digits, NUL-terminated */
    bool bis;             /* a BIS number (month + 20 or + 40) */
    bool sex_known;       /* BIS: month + 40 means the sex was known at registration */
    gbo_date birth;       /* full year; month and day 0 where unknown */
    int serial;           /* the 3-digit sequence number (odd: male, even: female) */
} gbo_national_number;

/* Check a national number (rijksregisternummer or BIS number) as it stands
 * on day `on`: 11 digits, check digits 97 - (first nine mod 97), for births
 * from 2000 computed over "2" followed by the nine digits; BIS numbers add
 * 20 or 40 to the month; month 0 (20, 40) and day 0 stand for an unknown
 * month or day, otherwise the birth date must exist; and the birth must not
 * lie after `on` (GBO_ID_FUTURE_BIRTH: "28012336752" fits only the 2000+
 * formula, and on 2026-01-01 reads as born in 2028). What is known of the
 * birth date is compared; a BIS number with an unknown month or day is
 * exempt. `out` may be NULL; it is filled when the digits could be read
 * (also for the other results but GBO_ID_MALFORMED). */
GBO_API gbo_id_result gbo_national_number_check_on(const char *text, gbo_date on,
                                                   gbo_national_number *out);

/* gbo_national_number_check_on() on today's date in Europe/Brussels (the
 * validator uses the document's createdAt instead). */
GBO_API gbo_id_result gbo_national_number_check(const char *text, gbo_national_number *out);

/* Check an enterprise number: 10 digits (9 digits of the old form get a
 * leading 0), first digit 0 or 1, check digits 97 - (first eight mod 97).
 * digits_out (11 bytes) receives the 10 digits when they could be read; may
 * be NULL. */
GBO_API gbo_id_result gbo_enterprise_number_check(const char *text, char *digits_out);

/* Check an establishment-unit number: 10 digits, first digit 2-8, same
 * check digits as an enterprise number. */
GBO_API gbo_id_result gbo_establishment_number_check(const char *text, char *digits_out);

/* English description of a result. Static string. */
GBO_API const char *gbo_id_result_string(gbo_id_result result);
/* A result's name for the bindings: "valid", "malformed", "check-digits",
 * "impossible-date", "wrong-prefix", "future-birth" ("unknown" otherwise).
 * Static string. Since version-info 1:0:1. */
GBO_API const char *gbo_id_result_name(gbo_id_result result);

#ifdef __cplusplus
}
#endif
#endif
