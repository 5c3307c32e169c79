/* libgbo — anonymous monitoring figures (SPEC §6), with small-cell and
 * complementary suppression. The lifecycle outcomes come from a history
 * (history.c) of the same documents. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlstring.h>
#include <libxml/dict.h>
#include <libxml/hash.h>

#include <gbo/codes.h>
#include <gbo/lifecycle.h>
#include <gbo/stats.h>

#include "alloc.h"
#include "error.h"
#include "model.h"

typedef const xmlChar *istr;

enum group {
    REFERRAL_KIND, SENDER_KIND, RECIPIENT_KIND, LIFE_DOMAIN, OUTCOME, RIGHT_STATUS, NON_TAKE_UP,
    SIGNAL_BARRIER, NGROUPS
};

/* Each dimension, and the code list its values must come from: anything
 * else (a local code, a typing error) is counted as "other", never
 * published as it was written. */
static const struct {
    const char *table, *dimension, *list;
} group_names[NGROUPS] = {
    [REFERRAL_KIND] = { "referrals", "kind", "referral-kind" },
    [SENDER_KIND] = { "referrals", "sender-kind", "partner-kind" },
    [RECIPIENT_KIND] = { "referrals", "recipient-kind", "partner-kind" },
    [LIFE_DOMAIN] = { "referrals", "life-domain", "life-domain" },
    [OUTCOME] = { "outcomes", "status", "referral-status" },
    [RIGHT_STATUS] = { "right-assessments", "status", "right-status" },
    [NON_TAKE_UP] = { "right-assessments", "non-take-up-reason", "non-take-up-reason" },
    [SIGNAL_BARRIER] = { "signals", "barrier", "barrier" },
};

typedef struct cell {
    istr value;
    size_t count;
} cell;

typedef struct counts {
    xmlHashTablePtr index; /* value → cell index + 1 */
    cell *cells;
    size_t ncells, cap;
} counts;

/* A referral's parties, resolved to partner kinds when the figures are made
 * (an organisation may be described in a later document). */
typedef struct parties {
    istr sender, recipient;
} parties;

struct gbo_stats {
    unsigned k;
    const gbo_codeset *codes;
    uint64_t documents;             /* added so far: each its own source in the history */
    xmlDictPtr dict;
    xmlHashTablePtr seen;           /* referral and signal ids counted */
    xmlHashTablePtr partner_kinds;  /* organisation id → partner-kind code */
    counts groups[NGROUPS];
    parties *referrals;
    size_t nreferrals, capreferrals;
    gbo_history *history;
    gbo_stats_row *rows;
    size_t nrows, caprows;
};

static istr intern(gbo_stats *s, const char *text)
{
    return text ? xmlDictLookup(s->dict, (const xmlChar *)text, -1) : NULL;
}

gbo_stats *gbo_stats_new(unsigned min_count, const gbo_codeset *codes, gbo_error *err)
{
    gbo_stats *s;
    if (!codes && !(codes = gbo_codeset_builtin(err)))
        return NULL;
    if (min_count < 1) {
        gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "the minimum count is at least 1");
        return NULL;
    }
    if (!(s = gbop_calloc(1, sizeof *s)) || !(s->dict = xmlDictCreate()) ||
        !(s->seen = xmlHashCreateDict(64, s->dict)) || !(s->partner_kinds = xmlHashCreateDict(16, s->dict)) ||
        !(s->history = gbo_history_new(err))) {
        gbo_stats_free(s);
        gbop_nomem(err);
        return NULL;
    }
    s->k = min_count;
    s->codes = codes;
    for (int g = 0; g < NGROUPS; g++)
        if (!(s->groups[g].index = xmlHashCreateDict(16, s->dict))) {
            gbo_stats_free(s);
            gbop_nomem(err);
            return NULL;
        }
    return s;
}

void gbo_stats_free(gbo_stats *s)
{
    if (!s)
        return;
    for (int g = 0; g < NGROUPS; g++) {
        xmlHashFree(s->groups[g].index, NULL);
        gbop_free(s->groups[g].cells);
    }
    xmlHashFree(s->seen, NULL);
    xmlHashFree(s->partner_kinds, NULL);
    gbo_history_free(s->history);
    gbop_free(s->referrals);
    gbop_free(s->rows);
    xmlDictFree(s->dict);
    gbop_free(s);
}

static int count_in(gbo_stats *s, enum group g, const char *value)
{
    counts *c = &s->groups[g];
    istr key = intern(s, !value ? "unknown"
                         : gbo_codeset_lookup(s->codes, group_names[g].list, value) ? value
                                                                                   : "other");
    size_t slot;
    if (!key)
        return -1;
    if ((slot = (size_t)(uintptr_t)xmlHashLookup(c->index, key))) {
        c->cells[slot - 1].count++;
        return 0;
    }
    if (gbop_grow((void **)&c->cells, &c->cap, c->ncells + 1, sizeof *c->cells) ||
        xmlHashAddEntry(c->index, key, (void *)(uintptr_t)(c->ncells + 1)) != 0)
        return -1;
    c->cells[c->ncells].value = key;
    c->cells[c->ncells++].count = 1;
    return 0;
}

/* True the first time an id (of a referral or a signal) is met; -1 when out of memory. */
static int first_time(gbo_stats *s, const char *prefix, const char *id)
{
    char key[128];
    if (!id)
        return 0;
    snprintf(key, sizeof key, "%s:%s", prefix, id);
    if (xmlHashLookup(s->seen, (const xmlChar *)key))
        return 0;
    return xmlHashAddEntry(s->seen, (const xmlChar *)key, s) == 0 ? 1 : -1;
}

static int add_referral(gbo_stats *s, const gbo_entity *r)
{
    int first = first_time(s, "referral", gbo_entity_get(r, GBO_REFERRAL_ID));
    parties *p;
    if (first <= 0)
        return first;
    if (count_in(s, REFERRAL_KIND, gbo_entity_get(r, GBO_REFERRAL_KIND)) ||
        gbop_grow((void **)&s->referrals, &s->capreferrals, s->nreferrals + 1, sizeof *p))
        return -1;
    p = &s->referrals[s->nreferrals++];
    p->sender = intern(s, gbop_ref_of(gbo_entity_child(r, GBO_REFERRAL_FROM, 0), GBO_PARTY_ORGANISATION));
    p->recipient = intern(s, gbop_ref_of(gbo_entity_child(r, GBO_REFERRAL_TO, 0), GBO_PARTY_ORGANISATION));
    for (size_t i = 0; i < gbo_entity_count(r, GBO_REFERRAL_LIFE_DOMAINS); i++)
        if (count_in(s, LIFE_DOMAIN,
                     gbo_entity_get(gbo_entity_child(r, GBO_REFERRAL_LIFE_DOMAINS, i), GBO_LIFE_DOMAIN_DOMAIN)))
            return -1;
    for (size_t i = 0; i < gbo_entity_count(r, GBO_REFERRAL_RIGHT_ASSESSMENTS); i++) {
        const gbo_entity *a = gbo_entity_child(r, GBO_REFERRAL_RIGHT_ASSESSMENTS, i);
        const char *reason = gbo_entity_get(a, GBO_RIGHT_ASSESSMENT_NON_TAKE_UP_REASON);
        if (count_in(s, RIGHT_STATUS, gbo_entity_get(a, GBO_RIGHT_ASSESSMENT_STATUS)) ||
            (reason && count_in(s, NON_TAKE_UP, reason)))
            return -1;
    }
    return 0;
}

static int add_signal(gbo_stats *s, const gbo_entity *e)
{
    int first = first_time(s, "signal", gbo_entity_get(e, GBO_SIGNAL_ID));
    if (first <= 0)
        return first;
    for (size_t i = 0; i < gbo_entity_count(e, GBO_SIGNAL_BARRIERS); i++)
        if (count_in(s, SIGNAL_BARRIER, gbo_entity_get_at(e, GBO_SIGNAL_BARRIERS, i)))
            return -1;
    return 0;
}

static int add_organisation(gbo_stats *s, const gbo_entity *o)
{
    istr id = intern(s, gbo_entity_get(o, GBO_ORGANISATION_ID));
    istr kind = intern(s, gbo_entity_get(o, GBO_ORGANISATION_KIND));
    if (!id || !kind || xmlHashLookup(s->partner_kinds, id))
        return 0;
    return xmlHashAddEntry(s->partner_kinds, id, (void *)(uintptr_t)kind) == 0 ? 0 : -1;
}

gbo_status gbo_stats_add(gbo_stats *s, const gbo_entity *doc, gbo_error *err)
{
    int failed = 0;
    if (!s || gbo_entity_kind(doc) != GBO_KIND_EXCHANGE)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "gbo_stats_add: not an exchange document");
    s->nrows = 0;
    for (size_t i = 0; !failed && i < gbo_entity_count(doc, GBO_EXCHANGE_ORGANISATIONS); i++)
        failed = add_organisation(s, gbo_entity_child(doc, GBO_EXCHANGE_ORGANISATIONS, i));
    for (size_t i = 0; !failed && i < gbo_entity_count(doc, GBO_EXCHANGE_REFERRALS); i++)
        failed = add_referral(s, gbo_entity_child(doc, GBO_EXCHANGE_REFERRALS, i));
    for (size_t i = 0; !failed && i < gbo_entity_count(doc, GBO_EXCHANGE_SIGNALS); i++)
        failed = add_signal(s, gbo_entity_child(doc, GBO_EXCHANGE_SIGNALS, i));
    if (failed)
        return gbop_nomem(err);
    /* a referral or update repeated: the first document added stands */
    return gbo_history_add(s->history, doc, ++s->documents, err);
}

/* ---- the published rows ------------------------------------------------ */

static int add_row(gbo_stats *s, const char *table, const char *dimension, istr value, const char *count,
                   bool hidden)
{
    gbo_stats_row *row;
    istr text = intern(s, count);
    if (!value || !text || gbop_grow((void **)&s->rows, &s->caprows, s->nrows + 1, sizeof *row))
        return -1;
    row = &s->rows[s->nrows++];
    row->table = table;
    row->dimension = dimension;
    row->value = (const char *)value;
    row->count = (const char *)text;
    row->hidden = hidden;
    return 0;
}

static int compare_cells(const void *a, const void *b)
{
    return strcmp((const char *)((const cell *)a)->value, (const char *)((const cell *)b)->value);
}

/* How a cell is published. */
typedef enum shown_as { SHOWN, BELOW_K, SUPPRESSED } shown_as;

/* Could a reader pin a hidden cell to one value? A reader knows that a
 * "<K" cell holds 1 … K-1, that a "suppressed" cell holds at most the
 * smallest shown cell (the smallest are hidden first) and, when "<K" cells
 * are beside it, at least K; and that the hidden cells add up to the total
 * minus the shown ones. */
/* What a reader knows of a hidden cell, from its label. */
typedef struct bounds {
    size_t lo, hi;
} bounds;

static bounds label_bounds(shown_as as, bool any_below, size_t min_shown, unsigned k)
{
    bounds b = { 1, k - 1 };
    if (as == SUPPRESSED) {
        b.lo = any_below ? k : 1;
        b.hi = min_shown;
    }
    return b;
}

static bool pinned(const counts *c, const shown_as *as, size_t total, unsigned k)
{
    size_t shown = 0, min_shown = total, nhidden = 0, sum_lo = 0, sum_hi = 0, rest;
    bool any_below = false;
    for (size_t i = 0; i < c->ncells; i++) {
        if (as[i] == SHOWN) {
            shown += c->cells[i].count;
            if (c->cells[i].count < min_shown)
                min_shown = c->cells[i].count;
        } else {
            nhidden++;
            any_below = any_below || as[i] == BELOW_K;
        }
    }
    if (!nhidden)
        return false;
    for (size_t i = 0; i < c->ncells; i++) {
        if (as[i] != SHOWN) {
            bounds b = label_bounds(as[i], any_below, min_shown, k);
            sum_lo += b.lo;
            sum_hi += b.hi;
        }
    }
    rest = total - shown; /* what the hidden cells add up to */
    for (size_t i = 0; i < c->ncells; i++) {
        bounds b;
        size_t from, to;
        if (as[i] == SHOWN)
            continue;
        b = label_bounds(as[i], any_below, min_shown, k);
        /* the others hold between sum_lo - lo and sum_hi - hi */
        from = rest > sum_hi - b.hi ? rest - (sum_hi - b.hi) : 0;
        to = rest > sum_lo - b.lo ? rest - (sum_lo - b.lo) : 0;
        if (from < b.lo)
            from = b.lo;
        if (to > b.hi)
            to = b.hi;
        if (from >= to && b.lo < b.hi) /* narrowed to one value beyond what its label says */
            return true;
    }
    return false;
}

/* One dimension: its cells in code order, then the total. A dimension
 * whose total is below K publishes only that total, "<K" (its cells would
 * say too much however they were hidden). Otherwise cells below K read
 * "<K"; while a reader could still pin a hidden cell, the smallest shown
 * cell is hidden too ("suppressed"); when none is left, every hidden cell
 * reads "suppressed"; and if even that gives a cell away (every value
 * occurring once, say), the dimension publishes only its total. */
static int publish(gbo_stats *s, enum group g)
{
    counts *c = &s->groups[g];
    char text[32], below[32];
    size_t total = 0;
    bool only_total = false;
    shown_as *as = gbop_calloc(c->ncells + 1, sizeof *as);
    int failed = !as;

    if (c->ncells) /* cells is NULL while empty */
        qsort(c->cells, c->ncells, sizeof *c->cells, compare_cells);
    for (size_t i = 0; i < c->ncells; i++) /* the cells moved: point the index at their new places */
        (void)xmlHashUpdateEntry(c->index, c->cells[i].value, (void *)(uintptr_t)(i + 1), NULL);
    snprintf(below, sizeof below, "<%u", s->k);
    for (size_t i = 0; !failed && i < c->ncells; i++) {
        total += c->cells[i].count;
        as[i] = c->cells[i].count < s->k ? BELOW_K : SHOWN;
    }
    while (!failed && total >= s->k && pinned(c, as, total, s->k)) {
        size_t smallest = (size_t)-1;
        bool any_below = false;
        for (size_t i = 0; i < c->ncells; i++) {
            if (as[i] == SHOWN && (smallest == (size_t)-1 || c->cells[i].count < c->cells[smallest].count))
                smallest = i;
            any_below = any_below || as[i] == BELOW_K;
        }
        if (smallest != (size_t)-1) {
            as[smallest] = SUPPRESSED;
        } else if (any_below) {
            for (size_t i = 0; i < c->ncells; i++)
                as[i] = SUPPRESSED;
        } else {
            only_total = true;
            break;
        }
    }
    for (size_t i = 0; !failed && !only_total && total >= s->k && i < c->ncells; i++) {
        snprintf(text, sizeof text, "%zu", c->cells[i].count);
        failed = add_row(s, group_names[g].table, group_names[g].dimension, c->cells[i].value,
                         as[i] == BELOW_K ? below : as[i] == SUPPRESSED ? "suppressed" : text, as[i] != SHOWN);
    }
    snprintf(text, sizeof text, "%zu", total);
    if (!failed)
        failed = add_row(s, group_names[g].table, group_names[g].dimension, intern(s, "total"),
                         total && total < s->k ? below : text, total && total < s->k);
    gbop_free(as);
    return failed;
}

static int compare_hours(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The p-th percentile by nearest rank (p 50 of an even count: the mean of
 * the two middle values). */
static double percentile(const double *v, size_t n, int p)
{
    size_t rank;
    if (p == 50 && n % 2 == 0)
        return (v[n / 2 - 1] + v[n / 2]) / 2;
    rank = ((size_t)p * n + 99) / 100; /* ceil(p n / 100) */
    return v[rank ? rank - 1 : 0];
}

static int publish_first_contact(gbo_stats *s)
{
    double *hours = gbop_malloc((gbo_history_referral_count(s->history) + 1) * sizeof *hours);
    size_t n = 0;
    char text[32];
    int failed = !hours;
    for (size_t i = 0; !failed && i < gbo_history_referral_count(s->history); i++) {
        gbo_time sent, contact;
        if (gbo_history_first_contact(s->history, gbo_history_referral_id(s->history, i), &sent, &contact) ==
                GBO_OK &&
            gbo_time_compare(contact, sent) >= 0)
            hours[n++] = ((double)(contact.seconds - sent.seconds) + (contact.nanos - sent.nanos) / 1e9) / 3600.0;
    }
    if (!failed) {
        bool enough = n >= s->k;
        if (enough)
            snprintf(text, sizeof text, "%zu", n);
        else
            snprintf(text, sizeof text, "<%u", s->k);
        failed = add_row(s, "time-to-first-contact", "hours", intern(s, "cases"), text, !enough);
        if (!failed && enough) {
            qsort(hours, n, sizeof *hours, compare_hours);
            snprintf(text, sizeof text, "%.1f", percentile(hours, n, 50));
            failed = add_row(s, "time-to-first-contact", "hours", intern(s, "median"), text, false);
            snprintf(text, sizeof text, "%.1f", percentile(hours, n, 90));
            if (!failed)
                failed = add_row(s, "time-to-first-contact", "hours", intern(s, "p90"), text, false);
        }
    }
    gbop_free(hours);
    return failed;
}

gbo_status gbo_stats_compute(gbo_stats *s, gbo_error *err)
{
    int failed = 0;
    if (!s)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "gbo_stats_compute: no figures");
    s->nrows = 0;
    if (gbo_history_replay(s->history, err) != GBO_OK)
        return GBO_E_NOMEM;
    for (int g = SENDER_KIND; g <= RECIPIENT_KIND; g++) {
        xmlHashFree(s->groups[g].index, NULL);
        s->groups[g].ncells = 0;
        if (!(s->groups[g].index = xmlHashCreateDict(16, s->dict)))
            return gbop_nomem(err);
    }
    xmlHashFree(s->groups[OUTCOME].index, NULL);
    s->groups[OUTCOME].ncells = 0;
    if (!(s->groups[OUTCOME].index = xmlHashCreateDict(16, s->dict)))
        return gbop_nomem(err);
    for (size_t i = 0; !failed && i < s->nreferrals; i++) {
        const parties *p = &s->referrals[i];
        failed = count_in(s, SENDER_KIND, p->sender ? xmlHashLookup(s->partner_kinds, p->sender) : NULL) ||
                 count_in(s, RECIPIENT_KIND, p->recipient ? xmlHashLookup(s->partner_kinds, p->recipient) : NULL);
    }
    for (size_t i = 0; !failed && i < gbo_history_referral_count(s->history); i++)
        failed = count_in(s, OUTCOME, gbo_history_status(s->history, gbo_history_referral_id(s->history, i)));
    for (int g = 0; !failed && g < NGROUPS; g++) {
        failed = publish(s, (enum group)g);
        if (!failed && g == OUTCOME)
            failed = publish_first_contact(s);
    }
    return failed ? gbop_nomem(err) : GBO_OK;
}

size_t gbo_stats_row_count(const gbo_stats *s)
{
    return s ? s->nrows : 0;
}

bool gbo_stats_row_at(const gbo_stats *s, size_t index, gbo_stats_row *out)
{
    if (!s || index >= s->nrows || !out)
        return false;
    *out = s->rows[index];
    return true;
}
