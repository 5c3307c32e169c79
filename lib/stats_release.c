/* libgbo — what the monitoring figures publish (SPEC §6): the disclosure
 * control, from the counts of each dimension to the rows.
 *
 * The reader to beat knows every published row, the structure of the tables
 * (a dimension's cells add up to its total; listed values occur at least
 * once) and this rule, and may try every table that would have given the
 * same release. Every hidden count reads GBOP_STATS_HIDDEN, whatever hid it.
 *
 * In a dimension, the cells below K are hidden together with every cell up
 * to a threshold: the least t of K-1 and the counts of K or more such that
 * the cells of at most t are at least two and their largest and smallest
 * count differ by at least the protection P (max(2, K-2); 1 for K = 2). Whether a
 * threshold qualifies depends only on the multiset of counts, and the hidden
 * cells are exactly those up to it: exchanging the counts of two hidden
 * cells gives the same release. So the reader cannot rule out, for any
 * hidden cell, the smallest and the largest hidden count: its possible
 * values span at least P. When no threshold qualifies (4, 4, 4 with K = 5)
 * only the total is published; a total below K is published alone, hidden;
 * and a total too small for that fallback to protect (gbop_stats_cells_publishable)
 * publishes only itself, whatever the cells hold.
 *
 * Two dimensions are tied to others, and an exchange of hidden counts must
 * not contradict them:
 *  - the time to first contact counts referrals whose outcome is any status
 *    (a referral keeps its contact when it is returned, cancelled or
 *    withdrawn, and a replayed history takes even a wrong transition): when
 *    any outcome is hidden, its cases, median and p90 are hidden too;
 *  - a refused or not-pursued assessment gives a non-take-up reason
 *    (GBO-R009), so the reasons' total bounds those two status cells: when
 *    one of them is hidden and the reasons' total is below the hidden status
 *    counts plus the shown refused and not-pursued ones, the reasons are
 *    withheld (their total alone, hidden);
 *  - a referral names a life domain once, so the life domains bound the
 *    number of referrals: when that total is hidden, so are they.
 * The cases of time to first contact are hidden, too, when there are 1 …
 * K-1 of them.
 * A quantile is published only when at least K cases rank below the values
 * it is made of and K above them. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "stats_release.h"

const gbop_stats_group_name gbop_stats_groups[GBOP_NGROUPS] = {
    [GBOP_REFERRAL_KIND] = { "referrals", "kind", "referral-kind" },
    [GBOP_SENDER_KIND] = { "referrals", "sender-kind", "partner-kind" },
    [GBOP_RECIPIENT_KIND] = { "referrals", "recipient-kind", "partner-kind" },
    [GBOP_LIFE_DOMAIN] = { "referrals", "life-domain", "life-domain" },
    [GBOP_OUTCOME] = { "outcomes", "status", "referral-status" },
    [GBOP_RIGHT_STATUS] = { "right-assessments", "status", "right-status" },
    [GBOP_NON_TAKE_UP] = { "right-assessments", "non-take-up-reason", "non-take-up-reason" },
    [GBOP_SIGNAL_BARRIER] = { "signals", "barrier", "barrier" },
};

size_t gbop_stats_protection(unsigned k)
{
    return k <= 2 ? 1 : k > 4 ? k - 2 : 2;
}

/* May a dimension of this total publish its cells? When no threshold
 * qualifies only the total is published, and a reader then knows that every
 * count lies within P - 1 of the others with one below K. That leaves a
 * value that occurs any count from 1 to P + 1 only when some such set of
 * counts adding up to the total holds P + 1; below that total (6 for K = 5,
 * 5 and 7 on for K = 3) no dimension publishes cells, whatever they hold,
 * so the decision tells nothing. (With K = 2 nothing protects a count of 1.) */
bool gbop_stats_cells_publishable(size_t total, unsigned k)
{
    size_t p = gbop_stats_protection(k);
    if (k <= 2)
        return true;
    for (size_t c = p + 1; c <= k + p - 2; c++) { /* the largest count; the smallest is below K */
        size_t lo = c - p + 1;
        for (size_t a = lo; a <= c && a < k; a++) {
            size_t r;
            if (total < c + a)
                continue;
            r = total - c - a; /* what the other counts, each lo … c, add up to */
            if (r == 0 || (r + c - 1) / c <= r / lo)
                return true;
        }
    }
    return false;
}

/* How a dimension is published: WITHHELD is its total alone, hidden
 * whatever it is. */
typedef enum verdict { ALL_SHOWN, SOME_HIDDEN, ONLY_TOTAL, WITHHELD } verdict;

static size_t total_of(const gbop_stats_cell *c, size_t n)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += c[i].count;
    return total;
}

/* Which cells of one dimension are hidden (the header's rule). */
static verdict suppress(const gbop_stats_cell *c, size_t n, unsigned k, bool *hidden)
{
    size_t least = SIZE_MAX, threshold = k - 1, total = total_of(c, n);
    for (size_t i = 0; i < n; i++) {
        hidden[i] = false;
        if (c[i].count < least)
            least = c[i].count;
    }
    if (!n)
        return ALL_SHOWN;
    if (total < k || !gbop_stats_cells_publishable(total, k))
        return ONLY_TOTAL;
    if (least >= k)
        return ALL_SHOWN;
    for (;;) {
        size_t under = 0, most = 0, next = SIZE_MAX;
        for (size_t i = 0; i < n; i++) {
            if (c[i].count <= threshold) {
                under++;
                if (c[i].count > most)
                    most = c[i].count;
            } else if (c[i].count < next) {
                next = c[i].count;
            }
        }
        if (under >= 2 && most - least >= gbop_stats_protection(k)) {
            for (size_t i = 0; i < n; i++)
                hidden[i] = c[i].count <= threshold;
            return SOME_HIDDEN;
        }
        if (next == SIZE_MAX)
            return ONLY_TOTAL;
        threshold = next;
    }
}

static bool bounded_by_reasons(const char *status)
{
    return strcmp(status, "refused") == 0 || strcmp(status, "not-pursued") == 0;
}

/* Would the reasons' total tell a reader more of a hidden status cell? */
static bool reasons_withheld(const gbop_stats_tables *t, verdict status, const bool *hidden)
{
    const gbop_stats_cell *c = t->cells[GBOP_RIGHT_STATUS];
    size_t hidden_sum = 0, bounded_shown = 0;
    bool bounded_hidden = false;
    if (status != SOME_HIDDEN)
        return false;
    for (size_t i = 0; i < t->ncells[GBOP_RIGHT_STATUS]; i++) {
        if (hidden[i]) {
            hidden_sum += c[i].count;
            bounded_hidden = bounded_hidden || bounded_by_reasons(c[i].value);
        } else if (bounded_by_reasons(c[i].value)) {
            bounded_shown += c[i].count;
        }
    }
    return bounded_hidden &&
           total_of(t->cells[GBOP_NON_TAKE_UP], t->ncells[GBOP_NON_TAKE_UP]) < hidden_sum + bounded_shown;
}

static int publish(const gbop_stats_tables *t, int g, unsigned k, verdict v, const bool *hidden,
                   gbop_stats_emit emit, void *ctx)
{
    const gbop_stats_group_name *name = &gbop_stats_groups[g];
    size_t total = total_of(t->cells[g], t->ncells[g]);
    char text[32];
    int rc = 0;
    for (size_t i = 0; !rc && (v == ALL_SHOWN || v == SOME_HIDDEN) && i < t->ncells[g]; i++) {
        snprintf(text, sizeof text, "%zu", t->cells[g][i].count);
        rc = emit(ctx, name->table, name->dimension, t->cells[g][i].value, hidden[i] ? GBOP_STATS_HIDDEN : text,
                  hidden[i]);
    }
    snprintf(text, sizeof text, "%zu", total);
    if (!rc) {
        bool total_hidden = v == WITHHELD || (v == ONLY_TOTAL && total < k);
        rc = emit(ctx, name->table, name->dimension, "total", total_hidden ? GBOP_STATS_HIDDEN : text, total_hidden);
    }
    return rc;
}

/* The p-th percentile by nearest rank (p 50 of an even count: the mean of
 * the two middle values), when at least K cases rank below and K above the
 * values it is made of. */
static bool quantile(const double *v, size_t n, unsigned k, unsigned p, double *out)
{
    size_t lo, hi; /* ranks, from 1 */
    if (p == 50 && n % 2 == 0) {
        lo = n / 2;
        hi = lo + 1;
    } else {
        lo = hi = (p * n + 99) / 100;
    }
    if (lo == 0 || lo - 1 < k || n - hi < k)
        return false;
    *out = (v[lo - 1] + v[hi - 1]) / 2;
    return true;
}

static int publish_first_contact(const gbop_stats_tables *t, unsigned k, bool outcome_hidden, gbop_stats_emit emit,
                                 void *ctx)
{
    static const struct {
        const char *value;
        unsigned p;
    } quantiles[] = { { "median", 50 }, { "p90", 90 } };
    bool shown = !outcome_hidden && (t->nhours == 0 || t->nhours >= k); /* none says nothing of anyone */
    char text[32];
    int rc;
    snprintf(text, sizeof text, "%zu", t->nhours);
    rc = emit(ctx, "time-to-first-contact", "hours", "cases", shown ? text : GBOP_STATS_HIDDEN, !shown);
    for (size_t i = 0; !rc && i < sizeof quantiles / sizeof *quantiles; i++) {
        double q = 0;
        bool known = shown && quantile(t->hours, t->nhours, k, quantiles[i].p, &q);
        snprintf(text, sizeof text, "%.1f", q);
        rc = emit(ctx, "time-to-first-contact", "hours", quantiles[i].value, known ? text : GBOP_STATS_HIDDEN, !known);
    }
    return rc;
}

int gbop_stats_release(const gbop_stats_tables *t, unsigned k, gbop_stats_emit emit, void *ctx)
{
    verdict v[GBOP_NGROUPS];
    bool *hidden[GBOP_NGROUPS], *all;
    size_t cells = 0;
    int rc = 0;

    for (int g = 0; g < GBOP_NGROUPS; g++)
        cells += t->ncells[g];
    if (!(all = gbop_calloc(cells + 1, sizeof *all)))
        return -1;
    cells = 0;
    for (int g = 0; g < GBOP_NGROUPS; g++) {
        hidden[g] = all + cells;
        cells += t->ncells[g];
        v[g] = suppress(t->cells[g], t->ncells[g], k, hidden[g]);
    }
    if (reasons_withheld(t, v[GBOP_RIGHT_STATUS], hidden[GBOP_RIGHT_STATUS]))
        v[GBOP_NON_TAKE_UP] = WITHHELD;
    /* a referral names a life domain once: with the referrals' total hidden,
     * the life domains' counts would bound it */
    if (total_of(t->cells[GBOP_REFERRAL_KIND], t->ncells[GBOP_REFERRAL_KIND]) < k && t->ncells[GBOP_LIFE_DOMAIN])
        v[GBOP_LIFE_DOMAIN] = WITHHELD;
    for (int g = 0; !rc && g < GBOP_NGROUPS; g++) {
        rc = publish(t, g, k, v[g], hidden[g], emit, ctx);
        if (!rc && g == GBOP_OUTCOME)
            rc = publish_first_contact(t, k, v[g] != ALL_SHOWN, emit, ctx);
    }
    gbop_free(all);
    return rc;
}
