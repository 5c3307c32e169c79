/* libgbo — anonymous monitoring figures across many documents (SPEC §6):
 * the counts the seeds say are missing, safe to publish.
 *
 *   table                  dimension            value
 *   referrals              kind                 a referral-kind code
 *   referrals              sender-kind          a partner-kind code
 *   referrals              recipient-kind       a partner-kind code
 *   referrals              life-domain          a life-domain code
 *   outcomes               status               the status each referral reached
 *   time-to-first-contact  hours                cases, median, p90
 *   right-assessments      status               a right-status code
 *   right-assessments      non-take-up-reason   a non-take-up-reason code
 *   signals                barrier              a barrier code
 *
 * Each dimension's values come in the byte (strcmp) order of their codes,
 * then a "total" row. Every hidden count reads "suppressed", whatever hid
 * it. A dimension whose total is below the minimum K publishes only its
 * total, hidden, and one too small to protect cells (below K + 1, about)
 * only its total. Otherwise, when a count is below K, the counts up to a
 * threshold are hidden: the least threshold at which at least two are
 * hidden and the largest and smallest of them lie at least P = max(2, K - 2)
 * apart (1 for K = 2; with none, only the total is published). Which threshold is taken
 * depends only on the counts' values, so exchanging two hidden counts gives
 * the same release: a reader who knows the rule cannot narrow a hidden
 * count to values closer together than that. When any outcome is hidden,
 * the time to first contact (cases, median, p90) is hidden too, as are 1 …
 * K-1 cases; with the referrals' total hidden, so are the life domains; when a
 * refused or not-pursued status is hidden and the reasons' total would bound
 * it, the reasons publish only their total, hidden. A median or p90 (hours
 * from a referral's createdAt to the first first-contact, in-progress or
 * completed update) is published only when at least K cases rank below it
 * and K above. docs/monitoring.md says what this protects and what it does
 * not (differencing two releases).
 *
 * Referrals, updates and signals are counted once however many documents
 * repeat them. Memory grows with the number of referrals, never with the
 * documents' size; nothing of a person is kept. Not thread-safe: one
 * thread adds, or the caller locks. */
#ifndef GBO_STATS_H
#define GBO_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <gbo/export.h>
#include <gbo/codes.h>
#include <gbo/entity.h>
#include <gbo/error.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GBO_STATS_MIN_COUNT 5 /* the default K */

typedef struct gbo_stats gbo_stats;

/* A published row. This struct never grows: later releases that publish
 * more about a row add functions, not members. */
typedef struct gbo_stats_row {
    const char *table, *dimension, *value;
    const char *count;  /* "12", "suppressed", or hours such as "36.5" */
    bool hidden;        /* count is "suppressed" */
} gbo_stats_row;

/* Figures whose cells below `min_count` (K, at least 1) are hidden. Values
 * are published only when they are codes of their list in `codes` (borrowed:
 * it must outlive the figures; NULL for the built-in lists); any other value
 * is counted as "other", and a missing one as "unknown". */
GBO_API GBO_WARN_UNUSED gbo_stats *gbo_stats_new(unsigned min_count, const gbo_codeset *codes,
                                                 gbo_error *err);
GBO_API void gbo_stats_free(gbo_stats *stats);
/* Count what one exchange document carries. */
GBO_API GBO_WARN_UNUSED gbo_status gbo_stats_add(gbo_stats *stats, const gbo_entity *exchange,
                                                 gbo_error *err);
/* The published rows (after every add; adding more recomputes them). Row
 * strings live until the next add or the free. */
GBO_API GBO_WARN_UNUSED gbo_status gbo_stats_compute(gbo_stats *stats, gbo_error *err);
GBO_API size_t gbo_stats_row_count(const gbo_stats *stats);
GBO_API bool gbo_stats_row_at(const gbo_stats *stats, size_t index, gbo_stats_row *out);

#ifdef __cplusplus
}
#endif
#endif
