/* libgbo internal — canonical text forms of the model's value types. */
#ifndef GBOP_VALUES_H
#define GBOP_VALUES_H

#include <stddef.h>
#include <gbo/entity.h>

/* Turn `in` into the canonical form of `type` (see gbo/entity.h) in a new
 * string *out. `what` names the field in error messages. */
gbo_status gbop_canonical(gbo_value_type type, const char *in, size_t max_bytes,
                          const char *what, char **out, gbo_error *err);

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
long long gbop_days_from_civil(int year, int month, int day);
void gbop_civil_from_days(long long days, int *year, int *month, int *day);
int gbop_days_in_month(int year, int month);

/* Parse exactly `width` digits at s into *out; 0 on success. */
int gbop_digits(const char *s, int width, int *out);

/* The calendar date of an instant in Europe/Brussels (SPEC §2: dates are
 * whole days in Brussels). false if ICU's time zone data fails. */
bool gbop_brussels_date(gbo_time t, gbo_date *out);
/* The same through an ICU calendar opened for the call (the reference the
 * tests hold gbop_brussels_date() to). */
bool gbop_brussels_date_icu(gbo_time t, gbo_date *out);

#endif
