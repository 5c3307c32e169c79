/* libgbo — withdrawal propagation (SPEC §2.6): from the documents a partner
 * sent, every organisation that received data under a consent, and the
 * withdrawal notice each of them must get. FHIR leaves this to the
 * implementer; here it is data. */
#include "config.h"

#include <string.h>

#include <libxml/xmlstring.h>
#include <libxml/hash.h>

#include <gbo/lifecycle.h>

#include "alloc.h"
#include "envelope.h"
#include "error.h"
#include "model.h"

typedef struct strings {
    char **items;
    size_t count, cap;
} strings;

struct gbo_propagation {
    char *consent;
    char *partner;            /* the sender of the documents */
    gbo_entity **organisations; /* the records of the organisations in them, once each */
    size_t norganisations, caporganisations;
    strings recipients;       /* few: found in order, each once */
    xmlHashTablePtr referrals; /* the referrals made under the consent (a set) */
    xmlHashTablePtr pending;   /* referral id → strings: recipients of updates about a
                                * referral not (yet) known to be under the consent */
};

static bool contains(const strings *s, const char *item)
{
    for (size_t i = 0; i < s->count; i++)
        if (strcmp(s->items[i], item) == 0)
            return true;
    return false;
}

/* Add once. */
static gbo_status add_string(strings *s, const char *item)
{
    if (!item || contains(s, item))
        return GBO_OK;
    if (gbop_grow((void **)&s->items, &s->cap, s->count + 1, sizeof *s->items) ||
        !(s->items[s->count] = gbop_strdup(item)))
        return GBO_E_NOMEM;
    s->count++;
    return GBO_OK;
}

static void strings_free(strings *s)
{
    for (size_t i = 0; i < s->count; i++)
        gbop_free(s->items[i]);
    gbop_free(s->items);
}

static void free_pending(void *payload, const xmlChar *name)
{
    (void)name;
    strings_free(payload);
    gbop_free(payload);
}

gbo_propagation *gbo_propagation_new(const char *consent_id, gbo_error *err)
{
    gbo_propagation *p;
    xmlDictPtr dict = NULL;
    if (!consent_id) {
        gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "gbo_propagation_new: no consent id");
        return NULL;
    }
    /* with a dictionary, libxml2 2.9's hash checks every key it stores */
    if (!(p = gbop_calloc(1, sizeof *p)) || !(p->consent = gbop_strdup(consent_id)) ||
        !(dict = xmlDictCreate()) || !(p->referrals = xmlHashCreateDict(64, dict)) ||
        !(p->pending = xmlHashCreateDict(64, dict))) {
        xmlDictFree(dict);
        gbo_propagation_free(p);
        gbop_nomem(err);
        return NULL;
    }
    xmlDictFree(dict); /* the tables hold their own references */
    return p;
}

void gbo_propagation_free(gbo_propagation *p)
{
    if (!p)
        return;
    xmlHashFree(p->referrals, NULL);
    xmlHashFree(p->pending, free_pending);
    strings_free(&p->recipients);
    for (size_t i = 0; i < p->norganisations; i++)
        gbo_entity_free(p->organisations[i]);
    gbop_free(p->organisations);
    gbop_free(p->partner);
    gbop_free(p->consent);
    gbop_free(p);
}

/* An organisation's record from the documents added, or NULL. */
static const gbo_entity *organisation(const gbo_propagation *p, const char *id)
{
    for (size_t i = 0; id && i < p->norganisations; i++)
        if (gbop_same(gbo_entity_get(p->organisations[i], GBO_ORGANISATION_ID), id))
            return p->organisations[i];
    return NULL;
}

static gbo_status keep_organisations(gbo_propagation *p, const gbo_entity *doc, gbo_error *err)
{
    for (size_t i = 0; i < gbo_entity_count(doc, GBO_EXCHANGE_ORGANISATIONS); i++) {
        const gbo_entity *o = gbo_entity_child(doc, GBO_EXCHANGE_ORGANISATIONS, i);
        const char *id = gbo_entity_get(o, GBO_ORGANISATION_ID);
        if (!id || organisation(p, id))
            continue;
        if (gbop_grow((void **)&p->organisations, &p->caporganisations, p->norganisations + 1,
                      sizeof *p->organisations) ||
            !(p->organisations[p->norganisations] = gbo_entity_copy(o, err)))
            return gbop_nomem(err);
        p->norganisations++;
    }
    return GBO_OK;
}

/* A referral made under the consent: its recipients so far, and those of
 * the updates about it that came first. */
static gbo_status under_consent(gbo_propagation *p, const char *referral, const char *recipient)
{
    strings *waiting;
    gbo_status status = add_string(&p->recipients, recipient);
    if (status != GBO_OK || !referral || xmlHashLookup(p->referrals, (const xmlChar *)referral))
        return status;
    if (xmlHashAddEntry(p->referrals, (const xmlChar *)referral, p) != 0)
        return GBO_E_NOMEM;
    if ((waiting = xmlHashLookup(p->pending, (const xmlChar *)referral))) {
        for (size_t i = 0; status == GBO_OK && i < waiting->count; i++)
            status = add_string(&p->recipients, waiting->items[i]);
        xmlHashRemoveEntry(p->pending, (const xmlChar *)referral, free_pending);
    }
    return status;
}

/* A status update about `referral` sent to `recipient`. */
static gbo_status update_about(gbo_propagation *p, const char *referral, const char *recipient)
{
    strings *waiting;
    if (!referral)
        return GBO_OK;
    if (xmlHashLookup(p->referrals, (const xmlChar *)referral))
        return add_string(&p->recipients, recipient);
    if (!(waiting = xmlHashLookup(p->pending, (const xmlChar *)referral))) {
        if (!(waiting = gbop_calloc(1, sizeof *waiting)))
            return GBO_E_NOMEM;
        if (xmlHashAddEntry(p->pending, (const xmlChar *)referral, waiting) != 0) {
            gbop_free(waiting);
            return GBO_E_NOMEM;
        }
    }
    return add_string(waiting, recipient);
}

/* What one document carried under the consent. */
static gbo_status scan(gbo_propagation *p, const gbo_entity *doc, const char *recipient)
{
    gbo_status status = GBO_OK;
    for (size_t i = 0; status == GBO_OK && i < gbo_entity_count(doc, GBO_EXCHANGE_REFERRALS); i++) {
        const gbo_entity *r = gbo_entity_child(doc, GBO_EXCHANGE_REFERRALS, i);
        if (gbop_same(gbop_ref_of(r, GBO_REFERRAL_CONSENT), p->consent))
            status = under_consent(p, gbo_entity_get(r, GBO_REFERRAL_ID), recipient);
    }
    for (size_t i = 0; status == GBO_OK && i < gbo_entity_count(doc, GBO_EXCHANGE_CASE_CONFERENCES); i++)
        if (gbop_same(gbop_ref_of(gbo_entity_child(doc, GBO_EXCHANGE_CASE_CONFERENCES, i),
                                  GBO_CASE_CONFERENCE_CONSENT),
                      p->consent))
            status = add_string(&p->recipients, recipient);
    for (size_t i = 0; status == GBO_OK && i < gbo_entity_count(doc, GBO_EXCHANGE_STATUS_UPDATES); i++)
        status = update_about(p, gbop_ref_of(gbo_entity_child(doc, GBO_EXCHANGE_STATUS_UPDATES, i),
                                             GBO_STATUS_UPDATE_REFERRAL),
                              recipient);
    return status;
}

gbo_status gbo_propagation_add(gbo_propagation *p, const gbo_entity *sent, gbo_error *err)
{
    const char *sender = gbo_entity_get(sent, GBO_EXCHANGE_SENDER);
    const char *recipient = gbo_entity_get(sent, GBO_EXCHANGE_RECIPIENT);
    if (!p || gbo_entity_kind(sent) != GBO_KIND_EXCHANGE)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "gbo_propagation_add: not an exchange document");
    if (!sender || !recipient || (p->partner && strcmp(sender, p->partner) != 0) ||
        strcmp(sender, recipient) == 0)
        return GBO_OK;
    if (!p->partner && !(p->partner = gbop_strdup(sender)))
        return gbop_nomem(err);
    if (keep_organisations(p, sent, err) != GBO_OK)
        return GBO_E_NOMEM;
    return scan(p, sent, recipient) == GBO_OK ? GBO_OK : gbop_nomem(err);
}

size_t gbo_propagation_recipient_count(const gbo_propagation *p)
{
    return p ? p->recipients.count : 0;
}

const char *gbo_propagation_recipient(const gbo_propagation *p, size_t index)
{
    return p && index < p->recipients.count ? p->recipients.items[index] : NULL;
}

/* Make the copied withdrawal stand on its own in the notice: its consent
 * reference names the issuer, and the organisation that received it is
 * described in the notice (or referred to with its issuer when the
 * documents never described it). */
static gbo_status complete(const gbo_propagation *p, gbo_entity *doc, gbo_entity *copy, gbo_error *err)
{
    const gbo_entity *ref = gbo_entity_child(copy, GBO_WITHDRAWAL_CONSENT, 0);
    const gbo_entity *by = gbo_entity_child(copy, GBO_WITHDRAWAL_RECEIVED_BY, 0);
    const char *receiver = gbo_entity_get(by, GBO_REFERENCE_REF);
    const gbo_entity *record = organisation(p, receiver);
    gbo_entity *record_copy;
    gbo_status status;

    if (!gbo_entity_get(ref, GBO_REFERENCE_ISSUER) &&
        (status = gbo_entity_set_reference(copy, GBO_WITHDRAWAL_CONSENT, p->consent, p->partner, err)) != GBO_OK)
        return status;
    if (!receiver || gbo_entity_get(by, GBO_REFERENCE_ISSUER) || gbop_same(receiver, p->partner))
        return GBO_OK; /* external already, or the partner itself (described) */
    if (!record) /* an id the documents never described: say who issued it */
        return gbo_entity_set_reference(copy, GBO_WITHDRAWAL_RECEIVED_BY, receiver, p->partner, err);
    if (!(record_copy = gbo_entity_copy(record, err)))
        return GBO_E_NOMEM;
    if ((status = gbo_entity_attach(doc, GBO_EXCHANGE_ORGANISATIONS, record_copy, err)) != GBO_OK)
        gbo_entity_free(record_copy);
    return status;
}

gbo_entity *gbo_propagation_notice(const gbo_propagation *p, size_t index, const gbo_entity *withdrawal,
                                   gbo_time at, gbo_error *err)
{
    const gbo_entity *ref = gbo_entity_child(withdrawal, GBO_WITHDRAWAL_CONSENT, 0);
    gbo_entity *doc, *copy;
    if (!p || index >= p->recipients.count || gbo_entity_kind(withdrawal) != GBO_KIND_WITHDRAWAL ||
        !gbop_same(gbo_entity_get(ref, GBO_REFERENCE_REF), p->consent)) {
        gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL,
                  "gbo_propagation_notice: no such recipient, or not a withdrawal of this consent");
        return NULL;
    }
    if (!organisation(p, p->partner)) {
        gbop_fail(err, GBO_E_NOT_FOUND, NULL, NULL,
                  "the partner's own organisation is in none of the documents added");
        return NULL;
    }
    if (!(doc = gbop_envelope_new(organisation(p, p->partner), p->recipients.items[index], at, err)))
        return NULL;
    if (!(copy = gbo_entity_copy(withdrawal, err)) || complete(p, doc, copy, err) != GBO_OK ||
        gbo_entity_attach(doc, GBO_EXCHANGE_WITHDRAWALS, copy, err) != GBO_OK) {
        gbo_entity_free(copy);
        gbo_entity_free(doc);
        return NULL;
    }
    return doc;
}
