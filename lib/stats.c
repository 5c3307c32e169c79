/* libgbo — anonymous monitoring figures (SPEC §6): the counting. The
 * lifecycle outcomes come from a history (history.c) of the same documents;
 * what is published of the counts is stats_release.c's. */
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
#include "stats_release.h"

typedef const xmlChar *istr;

typedef gbop_stats_cell cell;

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
    counts groups[GBOP_NGROUPS];
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
    for (int g = 0; g < GBOP_NGROUPS; g++)
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
    for (int g = 0; g < GBOP_NGROUPS; g++) {
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

static int count_in(gbo_stats *s, int g, const char *value)
{
    counts *c = &s->groups[g];
    istr key = intern(s, !value ? "unknown"
                         : gbo_codeset_lookup(s->codes, gbop_stats_groups[g].list, value) ? value
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
    c->cells[c->ncells].value = (const char *)key;
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
    if (count_in(s, GBOP_REFERRAL_KIND, gbo_entity_get(r, GBO_REFERRAL_KIND)) ||
        gbop_grow((void **)&s->referrals, &s->capreferrals, s->nreferrals + 1, sizeof *p))
        return -1;
    p = &s->referrals[s->nreferrals++];
    p->sender = intern(s, gbop_ref_of(gbo_entity_child(r, GBO_REFERRAL_FROM, 0), GBO_PARTY_ORGANISATION));
    p->recipient = intern(s, gbop_ref_of(gbo_entity_child(r, GBO_REFERRAL_TO, 0), GBO_PARTY_ORGANISATION));
    for (size_t i = 0; i < gbo_entity_count(r, GBO_REFERRAL_LIFE_DOMAINS); i++)
        if (count_in(s, GBOP_LIFE_DOMAIN,
                     gbo_entity_get(gbo_entity_child(r, GBO_REFERRAL_LIFE_DOMAINS, i), GBO_LIFE_DOMAIN_DOMAIN)))
            return -1;
    for (size_t i = 0; i < gbo_entity_count(r, GBO_REFERRAL_RIGHT_ASSESSMENTS); i++) {
        const gbo_entity *a = gbo_entity_child(r, GBO_REFERRAL_RIGHT_ASSESSMENTS, i);
        const char *reason = gbo_entity_get(a, GBO_RIGHT_ASSESSMENT_NON_TAKE_UP_REASON);
        if (count_in(s, GBOP_RIGHT_STATUS, gbo_entity_get(a, GBO_RIGHT_ASSESSMENT_STATUS)) ||
            (reason && count_in(s, GBOP_NON_TAKE_UP, reason)))
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
        if (count_in(s, GBOP_SIGNAL_BARRIER, gbo_entity_get_at(e, GBO_SIGNAL_BARRIERS, i)))
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

static int add_row(void *ctx, const char *table, const char *dimension, const char *value, const char *count,
                   bool hidden)
{
    gbo_stats *s = ctx;
    gbo_stats_row *row;
    istr v = intern(s, value), text = intern(s, count);
    if (!v || !text || gbop_grow((void **)&s->rows, &s->caprows, s->nrows + 1, sizeof *row))
        return -1;
    row = &s->rows[s->nrows++];
    row->table = table;
    row->dimension = dimension;
    row->value = (const char *)v;
    row->count = (const char *)text;
    row->hidden = hidden;
    return 0;
}

static int compare_cells(const void *a, const void *b)
{
    return strcmp(((const cell *)a)->value, ((const cell *)b)->value);
}

/* Each dimension's cells in code order; the index follows them. */
static void sort_cells(counts *c)
{
    if (c->ncells) /* cells is NULL while empty */
        qsort(c->cells, c->ncells, sizeof *c->cells, compare_cells);
    for (size_t i = 0; i < c->ncells; i++)
        (void)xmlHashUpdateEntry(c->index, (const xmlChar *)c->cells[i].value, (void *)(uintptr_t)(i + 1), NULL);
}

static int compare_hours(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The hours from each referral's createdAt to its first contact, ascending. */
static double *contact_hours(gbo_stats *s, size_t *n)
{
    double *hours = gbop_malloc((gbo_history_referral_count(s->history) + 1) * sizeof *hours);
    *n = 0;
    for (size_t i = 0; hours && i < gbo_history_referral_count(s->history); i++) {
        gbo_time sent, contact;
        if (gbo_history_first_contact(s->history, gbo_history_referral_id(s->history, i), &sent, &contact) ==
                GBO_OK &&
            gbo_time_compare(contact, sent) >= 0)
            hours[(*n)++] = ((double)(contact.seconds - sent.seconds) + (contact.nanos - sent.nanos) / 1e9) / 3600.0;
    }
    if (hours && *n)
        qsort(hours, *n, sizeof *hours, compare_hours);
    return hours;
}

gbo_status gbo_stats_compute(gbo_stats *s, gbo_error *err)
{
    gbop_stats_tables tables = { { NULL }, { 0 }, NULL, 0 };
    double *hours;
    int failed = 0;
    if (!s)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "gbo_stats_compute: no figures");
    s->nrows = 0;
    if (gbo_history_replay(s->history, err) != GBO_OK)
        return GBO_E_NOMEM;
    for (int g = GBOP_SENDER_KIND; g <= GBOP_RECIPIENT_KIND; g++) {
        xmlHashFree(s->groups[g].index, NULL);
        s->groups[g].ncells = 0;
        if (!(s->groups[g].index = xmlHashCreateDict(16, s->dict)))
            return gbop_nomem(err);
    }
    xmlHashFree(s->groups[GBOP_OUTCOME].index, NULL);
    s->groups[GBOP_OUTCOME].ncells = 0;
    if (!(s->groups[GBOP_OUTCOME].index = xmlHashCreateDict(16, s->dict)))
        return gbop_nomem(err);
    for (size_t i = 0; !failed && i < s->nreferrals; i++) {
        const parties *p = &s->referrals[i];
        failed = count_in(s, GBOP_SENDER_KIND, p->sender ? xmlHashLookup(s->partner_kinds, p->sender) : NULL) ||
                 count_in(s, GBOP_RECIPIENT_KIND, p->recipient ? xmlHashLookup(s->partner_kinds, p->recipient) : NULL);
    }
    for (size_t i = 0; !failed && i < gbo_history_referral_count(s->history); i++)
        failed = count_in(s, GBOP_OUTCOME, gbo_history_status(s->history, gbo_history_referral_id(s->history, i)));
    if (failed || !(hours = contact_hours(s, &tables.nhours)))
        return gbop_nomem(err);
    for (int g = 0; g < GBOP_NGROUPS; g++) {
        sort_cells(&s->groups[g]);
        tables.cells[g] = s->groups[g].cells;
        tables.ncells[g] = s->groups[g].ncells;
    }
    tables.hours = hours;
    failed = gbop_stats_release(&tables, s->k, add_row, s);
    gbop_free(hours);
    if (failed) {
        s->nrows = 0;
        return gbop_nomem(err);
    }
    return GBO_OK;
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
