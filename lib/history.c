/* libgbo — referral histories across documents (SPEC §2.6): what many
 * documents, delivered in any order, say about each referral, replayed
 * from `sent` through the transition table.
 *
 * Every id, status and path is interned in one libxml2 dictionary, so a
 * history holds each string once and compares them by pointer; a document
 * adds a few small records per referral and update, and nothing else of it
 * is kept. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/xmlstring.h>
#include <libxml/dict.h>
#include <libxml/hash.h>

#include "alloc.h"
#include "diagnostics.h"
#include "error.h"
#include "lifecycle_internal.h"
#include "model.h"
#include <gbo/rules.h>

typedef const xmlChar *istr; /* an interned string: equal strings, equal pointers */

typedef struct referral_rec {
    istr id, sender, recipient, consent;
    gbo_time created;
    bool known;          /* its document was added (not only updates about it) */
    istr document;       /* of the copy that stands: the lowest document id */
    bool has_created;
    /* After the replay: */
    const char *status;
    bool acknowledged;   /* `received` by an accepting acknowledgement */
    gbo_time contact;
    bool has_contact;
} referral_rec;

/* A document that carried a referral (every copy: an acceptance of any of
 * them counts). */
typedef struct carrier {
    istr document;
    size_t referral;
} carrier;

typedef enum origin { FROM_UPDATE, FROM_ACKNOWLEDGEMENT, FROM_WITHDRAWAL } origin;

/* Where a finding about an update is reported: its status, by and at. */
typedef struct place {
    istr path;
    unsigned long line;
} place;

typedef struct event {
    size_t referral;     /* index in referrals; for acknowledgements and withdrawals: unused */
    istr id, by, status, key; /* key: the document acknowledged, or the consent withdrawn */
    gbo_time at;
    uint64_t note;       /* a fingerprint of the update's note (0: none) */
    origin from;
    uint64_t source;
    istr document;       /* the id of the document it came in */
    place status_at, by_at, time_at;
} event;

typedef struct finding {
    uint64_t source;
    const char *rule, *key;
    istr a0, a1;
    place where;
} finding;

struct gbo_history {
    xmlDictPtr dict;
    xmlHashTablePtr referral_index; /* id → index + 1 */
    referral_rec *referrals;
    size_t nreferrals, capreferrals;
    carrier *carriers;
    size_t ncarriers, capcarriers;
    event *events;
    size_t nevents, capevents;
    finding *findings;
    size_t nfindings, capfindings;
    bool replayed;
};

static istr intern(gbo_history *h, const char *s)
{
    return s ? xmlDictLookup(h->dict, (const xmlChar *)s, -1) : NULL;
}

gbo_history *gbo_history_new(gbo_error *err)
{
    gbo_history *h = gbop_calloc(1, sizeof *h);
    if (!h || !(h->dict = xmlDictCreate()) || !(h->referral_index = xmlHashCreateDict(64, h->dict))) {
        gbo_history_free(h);
        gbop_nomem(err);
        return NULL;
    }
    return h;
}

void gbo_history_free(gbo_history *h)
{
    if (!h)
        return;
    xmlHashFree(h->referral_index, NULL);
    xmlDictFree(h->dict);
    gbop_free(h->referrals);
    gbop_free(h->carriers);
    gbop_free(h->events);
    gbop_free(h->findings);
    gbop_free(h);
}

/* The referral's record, created (not yet known) when first heard of. */
static referral_rec *referral_for(gbo_history *h, const char *id)
{
    istr key = intern(h, id);
    size_t slot = key ? (size_t)(uintptr_t)xmlHashLookup(h->referral_index, key) : 0;
    referral_rec *r;
    if (!key)
        return NULL;
    if (slot)
        return &h->referrals[slot - 1];
    if (gbop_grow((void **)&h->referrals, &h->capreferrals, h->nreferrals + 1, sizeof *r) ||
        xmlHashAddEntry(h->referral_index, key, (void *)(uintptr_t)(h->nreferrals + 1)) != 0)
        return NULL;
    r = &h->referrals[h->nreferrals++];
    memset(r, 0, sizeof *r);
    r->id = key;
    r->status = "sent";
    return r;
}

/* Where a value is; false when out of memory. */
static bool place_of(gbo_history *h, const gbo_entity *e, gbo_field field, place *p)
{
    char path[GBO_ERROR_PATH_SIZE];
    gbop_entity_path(e, field, 0, path, sizeof path);
    p->path = intern(h, path);
    p->line = gbop_entity_value_line(e, field, 0);
    return p->path != NULL;
}

/* `s` interned into *out; false when s is there and could not be. */
static bool intern_into(gbo_history *h, const char *s, istr *out)
{
    *out = intern(h, s);
    return !s || *out;
}

static gbo_status add_referral(gbo_history *h, const gbo_entity *e, istr document)
{
    referral_rec *r = referral_for(h, gbo_entity_get(e, GBO_REFERRAL_ID));
    if (!r)
        return gbo_entity_get(e, GBO_REFERRAL_ID) ? GBO_E_NOMEM : GBO_OK;
    if (document) {
        if (gbop_grow((void **)&h->carriers, &h->capcarriers, h->ncarriers + 1, sizeof *h->carriers))
            return GBO_E_NOMEM;
        h->carriers[h->ncarriers].document = document;
        h->carriers[h->ncarriers++].referral = (size_t)(r - h->referrals);
    }
    /* the same referral sent again: the copy in the document with the lowest
     * id stands, whatever the order documents are added in */
    if (r->known && strcmp(document ? (const char *)document : "",
                           r->document ? (const char *)r->document : "") >= 0)
        return GBO_OK;
    r->known = true;
    r->document = document;
    if (!intern_into(h, gbop_ref_of(gbo_entity_child(e, GBO_REFERRAL_FROM, 0), GBO_PARTY_ORGANISATION),
                     &r->sender) ||
        !intern_into(h, gbop_ref_of(gbo_entity_child(e, GBO_REFERRAL_TO, 0), GBO_PARTY_ORGANISATION),
                     &r->recipient) ||
        !intern_into(h, gbop_ref_of(e, GBO_REFERRAL_CONSENT), &r->consent))
        return GBO_E_NOMEM;
    r->has_created = gbo_entity_get_time(e, GBO_REFERRAL_CREATED_AT, &r->created) == GBO_OK;
    return GBO_OK;
}

/* Record an event; copies of one id are resolved at the replay (one()),
 * by their content, so that the outcome does not depend on the order
 * documents were added in. */
static gbo_status add_event(gbo_history *h, const event *ev)
{
    if (gbop_grow((void **)&h->events, &h->capevents, h->nevents + 1, sizeof *ev))
        return GBO_E_NOMEM;
    h->events[h->nevents++] = *ev;
    return GBO_OK;
}

/* FNV-1a: a note's fingerprint, to tell copies apart without keeping it. */
static uint64_t fingerprint(const char *text)
{
    uint64_t f = 14695981039346656037ULL;
    if (!text)
        return 0;
    for (; *text; text++)
        f = (f ^ (unsigned char)*text) * 1099511628211ULL;
    return f | 1;
}

static gbo_status add_update(gbo_history *h, const gbo_entity *u, istr document, uint64_t source)
{
    event ev;
    referral_rec *r;
    memset(&ev, 0, sizeof ev);
    if (!gbo_entity_get(u, GBO_STATUS_UPDATE_ID) || gbo_entity_get_time(u, GBO_STATUS_UPDATE_AT, &ev.at) != GBO_OK ||
        gbo_lifecycle_rank(gbo_entity_get(u, GBO_STATUS_UPDATE_STATUS)) < 0 ||
        !gbop_ref_of(u, GBO_STATUS_UPDATE_REFERRAL))
        return GBO_OK; /* incomplete or unknown: the single-document rules report it */
    if (!intern_into(h, gbo_entity_get(u, GBO_STATUS_UPDATE_ID), &ev.id) ||
        !(r = referral_for(h, gbop_ref_of(u, GBO_STATUS_UPDATE_REFERRAL))))
        return GBO_E_NOMEM;
    ev.referral = (size_t)(r - h->referrals);
    ev.from = FROM_UPDATE;
    ev.source = source;
    ev.document = document;
    ev.note = fingerprint(gbo_entity_get(u, GBO_STATUS_UPDATE_NOTE));
    if (!intern_into(h, gbo_entity_get(u, GBO_STATUS_UPDATE_STATUS), &ev.status) ||
        !intern_into(h, gbop_ref_of(u, GBO_STATUS_UPDATE_BY), &ev.by) ||
        !place_of(h, u, GBO_STATUS_UPDATE_STATUS, &ev.status_at) ||
        !place_of(h, u, GBO_STATUS_UPDATE_BY, &ev.by_at) || !place_of(h, u, GBO_STATUS_UPDATE_AT, &ev.time_at))
        return GBO_E_NOMEM;
    return add_event(h, &ev);
}

/* An acceptance (of document `key`) or a consent withdrawal (of consent
 * `key`): an update of every referral it concerns, found at the replay. */
static gbo_status add_statement(gbo_history *h, origin from, const gbo_entity *e, const char *id,
                                const char *key, gbo_field at, const char *by, istr document,
                                uint64_t source)
{
    event ev;
    memset(&ev, 0, sizeof ev);
    if (!id || !key || gbo_entity_get_time(e, at, &ev.at) != GBO_OK)
        return GBO_OK; /* incomplete: the single-document rules report it */
    ev.from = from;
    ev.source = source;
    ev.document = document;
    if (!place_of(h, e, at, &ev.status_at))
        return GBO_E_NOMEM;
    ev.by_at = ev.time_at = ev.status_at;
    if (!intern_into(h, id, &ev.id) || !intern_into(h, key, &ev.key) || !intern_into(h, by, &ev.by) ||
        !intern_into(h, from == FROM_ACKNOWLEDGEMENT ? "received" : "withdrawn", &ev.status))
        return GBO_E_NOMEM;
    return add_event(h, &ev);
}

static gbo_status add_acknowledgement(gbo_history *h, const gbo_entity *a, istr document,
                                      uint64_t source)
{
    if (!gbo_acknowledgement_accepted(a))
        return GBO_OK; /* only an acceptance moves a referral */
    return add_statement(h, FROM_ACKNOWLEDGEMENT, a, gbo_entity_get(a, GBO_ACKNOWLEDGEMENT_ID),
                         gbo_entity_get(a, GBO_ACKNOWLEDGEMENT_DOCUMENT), GBO_ACKNOWLEDGEMENT_AT,
                         gbop_ref_of(a, GBO_ACKNOWLEDGEMENT_BY), document, source);
}

static gbo_status add_withdrawal(gbo_history *h, const gbo_entity *w, istr document, uint64_t source)
{
    return add_statement(h, FROM_WITHDRAWAL, w, gbo_entity_get(w, GBO_WITHDRAWAL_ID),
                         gbop_ref_of(w, GBO_WITHDRAWAL_CONSENT), GBO_WITHDRAWAL_AT,
                         gbop_ref_of(w, GBO_WITHDRAWAL_RECEIVED_BY), document, source);
}

gbo_status gbo_history_add(gbo_history *h, const gbo_entity *doc, uint64_t source, gbo_error *err)
{
    gbo_status status = GBO_OK;
    istr document;
    if (!h || !doc || gbo_entity_kind(doc) != GBO_KIND_EXCHANGE)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "gbo_history_add: not an exchange document");
    h->replayed = false;
    if (!intern_into(h, gbo_entity_get(doc, GBO_EXCHANGE_ID), &document))
        return gbop_nomem(err);
    for (size_t i = 0; status == GBO_OK && i < gbo_entity_count(doc, GBO_EXCHANGE_REFERRALS); i++)
        status = add_referral(h, gbo_entity_child(doc, GBO_EXCHANGE_REFERRALS, i), document);
    for (size_t i = 0; status == GBO_OK && i < gbo_entity_count(doc, GBO_EXCHANGE_STATUS_UPDATES); i++)
        status = add_update(h, gbo_entity_child(doc, GBO_EXCHANGE_STATUS_UPDATES, i), document, source);
    for (size_t i = 0; status == GBO_OK && i < gbo_entity_count(doc, GBO_EXCHANGE_ACKNOWLEDGEMENTS); i++)
        status = add_acknowledgement(h, gbo_entity_child(doc, GBO_EXCHANGE_ACKNOWLEDGEMENTS, i), document,
                                     source);
    for (size_t i = 0; status == GBO_OK && i < gbo_entity_count(doc, GBO_EXCHANGE_WITHDRAWALS); i++)
        status = add_withdrawal(h, gbo_entity_child(doc, GBO_EXCHANGE_WITHDRAWALS, i), document, source);
    return status == GBO_OK ? GBO_OK : gbop_nomem(err);
}

/* ---- the replay ---------------------------------------------------------- */

static int compare_events(const void *pa, const void *pb)
{
    const event *a = pa, *b = pb;
    int c;
    if (a->referral != b->referral)
        return a->referral < b->referral ? -1 : 1;
    if ((c = gbo_time_compare(a->at, b->at)) != 0)
        return c;
    if ((c = gbo_lifecycle_rank((const char *)a->status) - gbo_lifecycle_rank((const char *)b->status)) != 0)
        return c;
    return strcmp((const char *)a->id, (const char *)b->id);
}

static int note(gbo_history *h, const event *ev, const char *rule, const char *key, istr a0, istr a1,
                place where)
{
    finding *f;
    if (gbop_grow((void **)&h->findings, &h->capfindings, h->nfindings + 1, sizeof *f))
        return -1;
    f = &h->findings[h->nfindings++];
    f->source = ev->source;
    f->rule = rule;
    f->key = key;
    f->a0 = a0;
    f->a1 = a1;
    f->where = where;
    return 0;
}

/* Who may post `to`, when the referral's parties are not known: the table
 * is still checked, the poster cannot be. */
static unsigned likely_roles(const char *to)
{
    return strcmp(to, "cancelled") == 0 ? GBOP_ROLE_SENDER : GBOP_ROLE_RECIPIENT;
}

/* One update (from an update, an acceptance or a withdrawal) applied to
 * its referral. */
static int apply(gbo_history *h, const event *ev)
{
    referral_rec *r = &h->referrals[ev->referral];
    const char *to = (const char *)ev->status;
    unsigned roles;
    bool repeated;
    gbo_step step;

    if (ev->from == FROM_ACKNOWLEDGEMENT) {
        if (strcmp(r->status, "sent") == 0) {
            r->status = "received";
            r->acknowledged = true;
        }
        return 0;
    }
    if (ev->from == FROM_WITHDRAWAL) {
        if (!gbo_lifecycle_is_terminal(r->status))
            r->status = "withdrawn";
        return 0;
    }
    if (r->known && r->has_created && gbo_time_compare(ev->at, r->created) < 0 &&
        note(h, ev, "GBO-R006", "r006.status-before-referral", ev->status, NULL, ev->time_at))
        return -1;
    roles = r->known ? gbop_lifecycle_roles((const char *)ev->by, (const char *)r->sender,
                                            (const char *)r->recipient)
                     : likely_roles(to);
    repeated = r->acknowledged && strcmp(r->status, "received") == 0 && strcmp(to, "received") == 0;
    if (repeated && (roles & GBOP_ROLE_RECIPIENT))
        return 0; /* what the recipient's acknowledgement said, said again */
    /* received after received is in the table for nobody: by anyone else it
     * is the poster that is wrong */
    step = repeated ? GBO_STEP_POSTER : gbop_lifecycle_step_roles(r->status, to, roles);
    if (step == GBO_STEP_TRANSITION &&
        note(h, ev, "GBO-R004", "r004.transition", intern(h, r->status), ev->status, ev->status_at))
        return -1;
    if (step == GBO_STEP_POSTER && note(h, ev, "GBO-R004", "r004.poster", ev->status, ev->by, ev->by_at))
        return -1;
    r->status = to;
    if (!r->has_contact && (strcmp(to, "first-contact") == 0 || strcmp(to, "in-progress") == 0 ||
                            strcmp(to, "completed") == 0)) {
        r->contact = ev->at;
        r->has_contact = true;
    }
    return 0;
}

static int push(event **all, size_t *n, size_t *cap, const event *ev, size_t referral)
{
    if (gbop_grow((void **)all, cap, *n + 1, sizeof **all))
        return -1;
    (*all)[*n] = *ev;
    (*all)[(*n)++].referral = referral;
    return 0;
}

/* The referrals each document carried (as carriers) and each consent
 * covers, as chains through `next` (index + 1; 0 ends a chain) from heads
 * in two tables. */
typedef struct chains {
    xmlHashTablePtr by_document, by_consent;
    size_t *next_in_document, *next_in_consent;
} chains;

static void chains_free(chains *c)
{
    xmlHashFree(c->by_document, NULL);
    xmlHashFree(c->by_consent, NULL);
    gbop_free(c->next_in_document);
    gbop_free(c->next_in_consent);
}

static int chain(xmlHashTablePtr heads, size_t *next, istr key, size_t k)
{
    if (!key)
        return 0;
    next[k] = (size_t)(uintptr_t)xmlHashLookup(heads, key);
    return xmlHashUpdateEntry(heads, key, (void *)(uintptr_t)(k + 1), NULL);
}

static int chains_build(gbo_history *h, chains *c)
{
    memset(c, 0, sizeof *c);
    c->by_document = xmlHashCreateDict(64, h->dict); /* keys interned there */
    c->by_consent = xmlHashCreateDict(64, h->dict);
    c->next_in_document = gbop_calloc(h->ncarriers + 1, sizeof *c->next_in_document);
    c->next_in_consent = gbop_calloc(h->nreferrals + 1, sizeof *c->next_in_consent);
    if (!c->by_document || !c->by_consent || !c->next_in_document || !c->next_in_consent)
        return -1;
    for (size_t k = 0; k < h->ncarriers; k++)
        if (chain(c->by_document, c->next_in_document, h->carriers[k].document, k))
            return -1;
    for (size_t k = 0; k < h->nreferrals; k++)
        if (chain(c->by_consent, c->next_in_consent, h->referrals[k].consent, k))
            return -1;
    return 0;
}

static int istrcmp(istr a, istr b)
{
    return a == b ? 0 : strcmp(a ? (const char *)a : "", b ? (const char *)b : "");
}

/* What an update says: time, status, poster, what it concerns, its note. */
static int compare_content(const event *a, const event *b)
{
    int c;
    if ((c = gbo_time_compare(a->at, b->at)) != 0 || (c = istrcmp(a->status, b->status)) != 0 ||
        (c = istrcmp(a->by, b->by)) != 0 || (c = istrcmp(a->key, b->key)) != 0)
        return c;
    if (a->note != b->note)
        return a->note < b->note ? -1 : 1;
    return (int)a->from - (int)b->from;
}

/* Copies of one id side by side, the one that stands first: the least by
 * content, then by document id and place — never by the order documents
 * were added in. */
static int compare_copies(const void *pa, const void *pb)
{
    const event *a = pa, *b = pb;
    int c;
    if ((c = istrcmp(a->id, b->id)) != 0 || (c = compare_content(a, b)) != 0 ||
        (c = istrcmp(a->document, b->document)) != 0 || (c = istrcmp(a->status_at.path, b->status_at.path)) != 0)
        return c;
    return a->source < b->source ? -1 : a->source > b->source;
}

static int note(gbo_history *h, const event *ev, const char *rule, const char *key, istr a0, istr a1,
                place where);

/* One event per id: the copy that stands (SPEC §2.6). A copy from another
 * document that says something else is GBO-R014, at the copy, naming the
 * document and place of the one that stands (copies within one document
 * are the single-document rules'). */
static event *one_per_id(gbo_history *h, size_t *count)
{
    event *copies = gbop_malloc((h->nevents ? h->nevents : 1) * sizeof *copies);
    size_t n = 0;
    if (!copies)
        return NULL;
    if (h->nevents) { /* none: h->events may be NULL */
        memcpy(copies, h->events, h->nevents * sizeof *copies);
        qsort(copies, h->nevents, sizeof *copies, compare_copies);
    }
    for (size_t i = 0; i < h->nevents; i++) {
        if (n > 0 && copies[i].id == copies[n - 1].id) {
            const event *stands = &copies[n - 1], *other = &copies[i];
            if (compare_content(stands, other) != 0 && other->source != stands->source &&
                note(h, other, "GBO-R014", "r014.conflict", stands->document, stands->status_at.path,
                     other->status_at)) {
                gbop_free(copies);
                return NULL;
            }
            continue;
        }
        copies[n++] = copies[i];
    }
    *count = n;
    return copies;
}

/* The per-referral events: updates as they are, and an acceptance or a
 * withdrawal once for every referral it concerns (a withdrawal: those
 * made before it). */
static event *expand(gbo_history *h, const event *events, size_t nevents, size_t *count)
{
    event *all = gbop_malloc(sizeof *all);
    size_t n = 0, cap = 1;
    chains c;
    int failed = !all || chains_build(h, &c);
    for (size_t i = 0; !failed && i < nevents; i++) {
        const event *ev = &events[i];
        bool ack = ev->from == FROM_ACKNOWLEDGEMENT;
        if (ev->from == FROM_UPDATE) {
            failed = push(&all, &n, &cap, ev, ev->referral);
            continue;
        }
        for (size_t k = (size_t)(uintptr_t)xmlHashLookup(ack ? c.by_document : c.by_consent, ev->key);
             k && !failed; k = (ack ? c.next_in_document : c.next_in_consent)[k - 1]) {
            size_t referral = ack ? h->carriers[k - 1].referral : k - 1;
            const referral_rec *r = &h->referrals[referral];
            if (ack || !r->has_created || gbo_time_compare(ev->at, r->created) >= 0)
                failed = push(&all, &n, &cap, ev, referral);
        }
    }
    if (all)
        chains_free(&c);
    if (failed) {
        gbop_free(all);
        return NULL;
    }
    *count = n;
    return all;
}

static gbo_status replay(gbo_history *h)
{
    size_t n = 0, nkept = 0;
    event *all, *kept;
    if (h->replayed)
        return GBO_OK;
    h->nfindings = 0;
    for (size_t i = 0; i < h->nreferrals; i++) {
        h->referrals[i].status = "sent";
        h->referrals[i].has_contact = false;
        h->referrals[i].acknowledged = false;
    }
    if (!(kept = one_per_id(h, &nkept)))
        return GBO_E_NOMEM;
    all = expand(h, kept, nkept, &n);
    gbop_free(kept);
    if (!all)
        return GBO_E_NOMEM;
    qsort(all, n, sizeof *all, compare_events);
    for (size_t i = 0; i < n; i++) {
        if (apply(h, &all[i])) {
            gbop_free(all);
            return GBO_E_NOMEM;
        }
    }
    gbop_free(all);
    h->replayed = true;
    return GBO_OK;
}

static bool already_reported(const gbo_diagnostics *diags, const finding *f)
{
    for (size_t i = 0; i < gbo_diagnostics_count(diags); i++) {
        const gbo_diagnostic *d = gbo_diagnostics_at(diags, i);
        if (strcmp(gbo_diagnostic_rule(d), f->rule) == 0 && gbo_diagnostic_line(d) == f->where.line &&
            strcmp(gbo_diagnostic_path(d), (const char *)f->where.path) == 0)
            return true;
    }
    return false;
}

/* Findings in document order: by line, then path, rule and message. */
static int compare_findings(const void *pa, const void *pb)
{
    const finding *a = *(const finding *const *)pa, *b = *(const finding *const *)pb;
    int c;
    if (a->where.line != b->where.line)
        return a->where.line < b->where.line ? -1 : 1;
    if ((c = strcmp((const char *)a->where.path, (const char *)b->where.path)) != 0 ||
        (c = strcmp(a->rule, b->rule)) != 0 || (c = strcmp(a->key, b->key)) != 0)
        return c;
    return strcmp(a->a0 ? (const char *)a->a0 : "", b->a0 ? (const char *)b->a0 : "");
}

gbo_status gbo_history_check(gbo_history *h, uint64_t source, gbo_diagnostics *diags, gbo_error *err)
{
    const finding **mine;
    size_t n = 0;
    gbo_status status = GBO_OK;

    if (!h || !diags)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "gbo_history_check: no history or list");
    if (replay(h) != GBO_OK || !(mine = gbop_malloc((h->nfindings + 1) * sizeof *mine)))
        return gbop_nomem(err);
    for (size_t i = 0; i < h->nfindings; i++)
        if (h->findings[i].source == source)
            mine[n++] = &h->findings[i];
    /* the order findings were made in follows the order documents were added */
    qsort(mine, n, sizeof *mine, compare_findings);
    for (size_t i = 0; status == GBO_OK && i < n; i++) {
        const finding *f = mine[i];
        if (already_reported(diags, f))
            continue;
        if (gbop_diag(diags, f->rule, gbo_rule_severity(gbo_rule_find(f->rule)), f->where.line, 0,
                      (const char *)f->where.path, f->key, (const char *)f->a0, (const char *)f->a1,
                      NULL) != GBO_OK)
            status = gbop_nomem(err);
    }
    gbop_free(mine);
    return status;
}

gbo_status gbo_history_replay(gbo_history *h, gbo_error *err)
{
    if (!h)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "gbo_history_replay: no history");
    return replay(h) == GBO_OK ? GBO_OK : gbop_nomem(err);
}

size_t gbo_history_referral_count(const gbo_history *h)
{
    return h ? h->nreferrals : 0;
}

const char *gbo_history_referral_id(const gbo_history *h, size_t index)
{
    return h && index < h->nreferrals ? (const char *)h->referrals[index].id : NULL;
}

static referral_rec *replayed_referral(gbo_history *h, const char *id)
{
    size_t slot;
    if (!h || !id || replay(h) != GBO_OK)
        return NULL;
    slot = (size_t)(uintptr_t)xmlHashLookup(h->referral_index, (const xmlChar *)id);
    return slot ? &h->referrals[slot - 1] : NULL;
}

const char *gbo_history_status(gbo_history *h, const char *referral_id)
{
    referral_rec *r = replayed_referral(h, referral_id);
    return r ? r->status : NULL;
}

gbo_status gbo_history_first_contact(gbo_history *h, const char *referral_id, gbo_time *sent,
                                     gbo_time *contact)
{
    referral_rec *r = replayed_referral(h, referral_id);
    if (!sent || !contact)
        return GBO_E_INVALID_ARG;
    if (!r || !r->known || !r->has_created || !r->has_contact)
        return GBO_E_NOT_FOUND;
    *sent = r->created;
    *contact = r->contact;
    return GBO_OK;
}
