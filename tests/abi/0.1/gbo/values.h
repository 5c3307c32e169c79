/* libgbo — scalar value types shared by the model and the rules. */
#ifndef GBO_VALUES_H
#define GBO_VALUES_H

#include <stdbool.h>
#include <stdint.h>
#include <gbo/export.h>
#include <gbo/error.h>

#ifdef __cplusplus
extern "C" {
#endif

/* An instant: seconds since 1970-01-01T00:00:00Z plus nanoseconds.
 * Times are compared as instants, whatever offset they were written with. */
typedef struct gbo_time {
    int64_t seconds;
    int32_t nanos;  /* 0 … 999 999 999 */
} gbo_time;

/* A calendar date. month and day are 0 when unknown (birth dates given as a
 * year only); other dates are always complete. */
typedef struct gbo_date {
    int year;
    int month;
    int day;
} gbo_date;

/* Parse an ISO 8601 date-time with offset ("2025-03-04T09:30:00+01:00",
 * "…Z", optional fraction of up to 9 digits). */
GBO_API gbo_status gbo_time_parse(const char *text, gbo_time *out, gbo_error *err);
/* Format as UTC with Z, fraction only when non-zero. buf needs 36 bytes. */
GBO_API gbo_status gbo_time_format(gbo_time t, char *buf, size_t size, gbo_error *err);
/* -1, 0 or 1. */
GBO_API int gbo_time_compare(gbo_time a, gbo_time b);

/* Parse an ISO date "YYYY-MM-DD" that must exist in the calendar. */
GBO_API gbo_status gbo_date_parse(const char *text, gbo_date *out, gbo_error *err);
/* -1, 0 or 1, comparing year, month, day in that order. */
GBO_API int gbo_date_compare(gbo_date a, gbo_date b);
/* true when the date exists (a complete date; month/day 0 are not valid here). */
GBO_API bool gbo_date_is_valid(gbo_date d);

#ifdef __cplusplus
}
#endif
#endif
