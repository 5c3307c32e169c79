/* libgbo — consent evaluation (see gbo/consent.h for the semantics). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <gbo/consent.h>

#include "alloc.h"
#include "consent_internal.h"
#include "error.h"
#include "model.h"
#include "values.h"

struct gbo_consent_context {
    size_t count, cap;
    gbo_entity **docs; /* copies of the documents added, or borrowed in a view */
    bool borrowed;     /* a view (gbop_consent_context_view): frees only the array */
};

gbo_consent_context *gbo_consent_context_new(gbo_error *err)
{
    gbo_consent_context *ctx = gbop_calloc(1, sizeof *ctx);
    if (!ctx)
        gbop_nomem(err);
    return ctx;
}

void gbo_consent_context_free(gbo_consent_context *ctx)
{
    if (!ctx)
        return;
    for (size_t i = 0; i < ctx->count && !ctx->borrowed; i++)
        gbo_entity_free(ctx->docs[i]);
    gbop_free(ctx->docs);
    gbop_free(ctx);
}

gbo_status gbo_consent_context_add(gbo_consent_context *ctx, const gbo_entity *exchange,
                                   gbo_error *err)
{
    gbo_entity *copy;
    if (!ctx || gbo_entity_kind(exchange) != GBO_KIND_EXCHANGE)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "the context takes exchange documents");
    if (gbop_grow((void **)&ctx->docs, &ctx->cap, ctx->count + 1, sizeof *ctx->docs))
        return gbop_nomem(err);
    copy = gbo_entity_copy(exchange, err);
    if (!copy)
        return GBO_E_NOMEM;
    ctx->docs[ctx->count++] = copy;
    return GBO_OK;
}

size_t gbop_consent_context_organisations(const gbo_consent_context *ctx)
{
    size_t n = 0;
    for (size_t i = 0; ctx && i < ctx->count; i++)
        n += gbo_entity_count(ctx->docs[i], GBO_EXCHANGE_ORGANISATIONS);
    return n;
}

gbo_consent_context *gbop_consent_context_view(const gbo_consent_context *base,
                                               const gbo_entity *doc)
{
    gbo_consent_context *view = gbop_calloc(1, sizeof *view);
    size_t n = (base ? base->count : 0) + 1;
    if (!view)
        return NULL;
    view->docs = gbop_malloc(n * sizeof *view->docs);
    if (!view->docs) {
        gbop_free(view);
        return NULL;
    }
    view->borrowed = true;
    view->docs[view->count++] = (gbo_entity *)doc; /* the document itself first */
    for (size_t i = 0; base && i < base->count; i++)
        view->docs[view->count++] = base->docs[i];
    view->cap = n;
    return view;
}

/* ---- looking things up in the context ------------------------------------------- */

/* The entity of list `field` (in any document) whose `id_field` is `id`. */
static const gbo_entity *find(const gbo_consent_context *ctx, gbo_field field, gbo_field id_field,
                              const char *id)
{
    for (size_t d = 0; ctx && id && d < ctx->count; d++)
        for (size_t i = 0; i < gbo_entity_count(ctx->docs[d], field); i++) {
            const gbo_entity *e = gbo_entity_child(ctx->docs[d], field, i);
            if (gbop_same(gbo_entity_get(e, id_field), id))
                return e;
        }
    return NULL;
}

const gbo_entity *gbop_consent_context_find_referral(const gbo_consent_context *ctx, const char *id)
{
    return find(ctx, GBO_EXCHANGE_REFERRALS, GBO_REFERRAL_ID, id);
}

const gbo_entity *gbo_consent_context_find(const gbo_consent_context *ctx, const char *consent_id)
{
    return find(ctx, GBO_EXCHANGE_CONSENTS, GBO_CONSENT_ID, consent_id);
}

static const char *party_org(const gbo_entity *e, gbo_field party)
{
    return gbop_ref_of(gbo_entity_child(e, party, 0), GBO_PARTY_ORGANISATION);
}

/* ---- validity ---------------------------------------------------------------------- */

static bool withdrawn(const gbo_consent_context *ctx, const char *consent_id, gbo_time at)
{
    for (size_t d = 0; ctx && d < ctx->count; d++)
        for (size_t i = 0; i < gbo_entity_count(ctx->docs[d], GBO_EXCHANGE_WITHDRAWALS); i++) {
            const gbo_entity *w = gbo_entity_child(ctx->docs[d], GBO_EXCHANGE_WITHDRAWALS, i);
            gbo_time when;
            if (gbop_same(gbop_ref_of(w, GBO_WITHDRAWAL_CONSENT), consent_id) &&
                gbo_entity_get_time(w, GBO_WITHDRAWAL_AT, &when) == GBO_OK &&
                gbo_time_compare(when, at) <= 0)
                return true;
        }
    return false;
}

/* When did `org` record support-ended for `person`? */
static bool support_ended(const gbo_consent_context *ctx, const char *person, const char *org,
                          gbo_time *when)
{
    for (size_t d = 0; ctx && d < ctx->count; d++)
        for (size_t i = 0; i < gbo_entity_count(ctx->docs[d], GBO_EXCHANGE_SUPPORT_ENDED); i++) {
            const gbo_entity *s = gbo_entity_child(ctx->docs[d], GBO_EXCHANGE_SUPPORT_ENDED, i);
            if (gbop_same(gbop_ref_of(s, GBO_SUPPORT_ENDED_PERSON), person) &&
                gbop_same(gbop_ref_of(s, GBO_SUPPORT_ENDED_ORGANISATION), org) &&
                gbo_entity_get_time(s, GBO_SUPPORT_ENDED_AT, when) == GBO_OK)
                return true;
        }
    return false;
}

/* Accepted, or a status only an accepted referral reaches. */
static bool took_up_support(const char *status)
{
    static const char *const statuses[] = { "accepted", "first-contact", "in-progress",
                                            "completed", "returned" };
    for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++)
        if (gbop_same(status, statuses[i]))
            return true;
    return false;
}

static bool core_partner(const char *kind)
{
    return gbop_same(kind, "local-social-service") || gbop_same(kind, "caw") || gbop_same(kind, "dmw");
}

/* Support at `org` counts for an until-support-ends consent when org is a
 * core partner, or of a kind the context does not tell (seed 002: "zolang
 * de begeleiding bij één van de kernpartners ... loopt"). */
static bool counts_as_core(const gbo_consent_context *ctx, const char *org)
{
    const char *kind = gbo_entity_get(find(ctx, GBO_EXCHANGE_ORGANISATIONS, GBO_ORGANISATION_ID, org),
                                      GBO_ORGANISATION_KIND);
    return !kind || core_partner(kind);
}

/* Did org record support-ended for person? The latest such moment so far
 * goes to *latest. */
static bool support_ended_at(const gbo_consent_context *ctx, const char *person, const char *org,
                             gbo_time *latest)
{
    gbo_time when;
    if (!support_ended(ctx, person, org, &when))
        return false;
    if (gbo_time_compare(when, *latest) > 0)
        *latest = when;
    return true;
}

/* An until-support-ends consent ends when every core partner that took up
 * support under it — the one that recorded it, when it is one, and each
 * that accepted a referral under it — recorded support-ended, at the latest
 * of those. A referrer that is no core partner (a GP, a school) is not
 * waited for; with no core partner supporting yet, it has not ended. */
static bool support_over(const gbo_consent_context *ctx, const gbo_entity *consent, gbo_time at)
{
    const char *id = gbo_entity_get(consent, GBO_CONSENT_ID);
    const char *person = gbop_ref_of(consent, GBO_CONSENT_SUBJECT);
    const char *recorder = party_org(consent, GBO_CONSENT_RECORDED_BY);
    gbo_time latest = { 0, 0 };
    size_t supporters = 0;

    if (recorder && counts_as_core(ctx, recorder)) {
        if (!support_ended_at(ctx, person, recorder, &latest))
            return false;
        supporters++;
    }
    for (size_t d = 0; ctx && d < ctx->count; d++)
        for (size_t i = 0; i < gbo_entity_count(ctx->docs[d], GBO_EXCHANGE_REFERRALS); i++) {
            const gbo_entity *r = gbo_entity_child(ctx->docs[d], GBO_EXCHANGE_REFERRALS, i);
            const char *rid = gbo_entity_get(r, GBO_REFERRAL_ID), *to = party_org(r, GBO_REFERRAL_TO);
            bool accepted = false;
            if (!gbop_same(gbop_ref_of(r, GBO_REFERRAL_CONSENT), id) || !to)
                continue;
            for (size_t e = 0; e < ctx->count && !accepted; e++)
                for (size_t u = 0; u < gbo_entity_count(ctx->docs[e], GBO_EXCHANGE_STATUS_UPDATES); u++) {
                    const gbo_entity *s = gbo_entity_child(ctx->docs[e], GBO_EXCHANGE_STATUS_UPDATES, u);
                    if (gbop_same(gbop_ref_of(s, GBO_STATUS_UPDATE_REFERRAL), rid) &&
                        took_up_support(gbo_entity_get(s, GBO_STATUS_UPDATE_STATUS)))
                        accepted = true;
                }
            if (!accepted || !counts_as_core(ctx, to))
                continue;
            if (!support_ended_at(ctx, person, to, &latest))
                return false;
            supporters++;
        }
    return supporters > 0 && gbo_time_compare(at, latest) >= 0;
}

/* ---- provisions ------------------------------------------------------------------------ */

static bool special(const char *category)
{
    return gbop_same(category, "health") || gbop_same(category, "judicial");
}

static bool listed(const gbo_entity *p, gbo_field field, const char *value)
{
    for (size_t i = 0; i < gbo_entity_count(p, field); i++)
        if (gbop_same(gbo_entity_get_at(p, field, i), value))
            return true;
    return false;
}

static bool share_network(const gbo_entity *a, const gbo_entity *b)
{
    for (size_t i = 0; a && b && i < gbo_entity_count(a, GBO_ORGANISATION_NETWORKS); i++)
        if (listed(b, GBO_ORGANISATION_NETWORKS, gbo_entity_get_at(a, GBO_ORGANISATION_NETWORKS, i)))
            return true;
    return false;
}

typedef struct eval {
    const gbo_consent_context *ctx;
    const gbo_entity *consent;
    const gbo_consent_request *req;
    const gbo_entity *recipient; /* the recipient organisation, when known */
    gbo_date day;
    int depth;                   /* of the deepest matching provisions, -1 for none */
    unsigned permits, denies;    /* among them */
} eval;

static bool recipient_matches(const eval *ev, const gbo_entity *p)
{
    bool network = false;
    const char *kind = gbo_entity_get(ev->recipient, GBO_ORGANISATION_KIND);
    gbo_entity_get_bool(p, GBO_PROVISION_RECIPIENT_NETWORK, &network);
    if (!gbo_entity_count(p, GBO_PROVISION_RECIPIENT_ORGANISATIONS) &&
        !gbo_entity_count(p, GBO_PROVISION_RECIPIENT_KINDS) && !network)
        return true;
    if (listed(p, GBO_PROVISION_RECIPIENT_ORGANISATIONS, ev->req->recipient))
        return true;
    if (kind && listed(p, GBO_PROVISION_RECIPIENT_KINDS, kind))
        return true;
    if (network && core_partner(kind)) {
        const gbo_entity *recorder = find(ev->ctx, GBO_EXCHANGE_ORGANISATIONS, GBO_ORGANISATION_ID,
                                          party_org(ev->consent, GBO_CONSENT_RECORDED_BY));
        return share_network(recorder, ev->recipient);
    }
    return false;
}

static bool purpose_matches(const eval *ev, const gbo_entity *p)
{
    return !gbo_entity_count(p, GBO_PROVISION_PURPOSES) ||
           listed(p, GBO_PROVISION_PURPOSES, ev->req->purpose);
}

/* full-dossier names every category, the special ones too (SPEC §2.4; a
 * dossier transfer needs a written or digital consent); empty lists match
 * every category but the special ones, which are matched only by name. */
static bool category_matches(const eval *ev, const gbo_entity *p)
{
    const char *category = ev->req->category;
    if (listed(p, GBO_PROVISION_DATA_CATEGORIES, category) ||
        listed(p, GBO_PROVISION_DATA_CATEGORIES, "full-dossier"))
        return true;
    return !special(category) && !gbo_entity_count(p, GBO_PROVISION_DATA_CATEGORIES);
}

static bool dates_match(const eval *ev, const gbo_entity *p)
{
    gbo_date bound;
    if (gbo_entity_get_date(p, GBO_PROVISION_VALID_FROM, &bound) == GBO_OK &&
        gbo_date_compare(ev->day, bound) < 0)
        return false;
    if (gbo_entity_get_date(p, GBO_PROVISION_VALID_UNTIL, &bound) == GBO_OK &&
        gbo_date_compare(ev->day, bound) > 0)
        return false;
    return true;
}

static bool matches(const eval *ev, const gbo_entity *p)
{
    return recipient_matches(ev, p) && purpose_matches(ev, p) && category_matches(ev, p) &&
           dates_match(ev, p);
}

/* Children are exceptions to their parent: they are looked at only where
 * the parent matches. */
static void walk(eval *ev, const gbo_entity *holder, gbo_field list, int depth)
{
    for (size_t i = 0; i < gbo_entity_count(holder, list); i++) {
        const gbo_entity *p = gbo_entity_child(holder, list, i);
        if (!matches(ev, p))
            continue;
        if (depth > ev->depth) {
            ev->depth = depth;
            ev->permits = ev->denies = 0;
        }
        if (depth == ev->depth) {
            if (gbop_same(gbo_entity_get(p, GBO_PROVISION_TYPE), "permit"))
                ev->permits++;
            else
                ev->denies++;
        }
        walk(ev, p, GBO_PROVISION_PROVISIONS, depth + 1);
    }
}

/* Does any permit provision in force on the request's day, anywhere in the
 * tree, cover the recipient (and, with `purpose`, the purpose)? This names
 * the reason when no permit decided. */
static bool any_permit(const eval *ev, const gbo_entity *holder, gbo_field list, bool purpose)
{
    for (size_t i = 0; i < gbo_entity_count(holder, list); i++) {
        const gbo_entity *p = gbo_entity_child(holder, list, i);
        /* an exception applies only where its parent does */
        if (!dates_match(ev, p) || !recipient_matches(ev, p) || (purpose && !purpose_matches(ev, p)))
            continue;
        if (gbop_same(gbo_entity_get(p, GBO_PROVISION_TYPE), "permit") ||
            any_permit(ev, p, GBO_PROVISION_PROVISIONS, purpose))
            return true;
    }
    return false;
}

/* ---- the evaluation ------------------------------------------------------------------------ */

static void deny(gbo_consent_decision *out, gbo_consent_reason reason)
{
    static const char *const rules[] = {
        [GBO_CONSENT_WITHDRAWN] = "GBO-C006",
        [GBO_CONSENT_NOT_YET_VALID] = "GBO-C005",
        [GBO_CONSENT_EXPIRED] = "GBO-C005",
        [GBO_CONSENT_WRITTEN_FORM_REQUIRED] = "GBO-C007",
        [GBO_CONSENT_DENIED_BY_PROVISION] = "GBO-C004",
        [GBO_CONSENT_RECIPIENT_NOT_COVERED] = "GBO-C002",
        [GBO_CONSENT_PURPOSE_NOT_COVERED] = "GBO-C003",
        [GBO_CONSENT_CATEGORY_NOT_COVERED] = "GBO-C004",
        [GBO_CONSENT_SPECIAL_CATEGORY_NOT_NAMED] = "GBO-C004",
        [GBO_CONSENT_NOT_INFORMED] = "GBO-C014",
    };
    out->permit = false;
    out->reason = reason;
    out->rule = rules[reason];
}

const char *const gbop_informed_names[6] = { "prior", "knowsWhat", "knowsWhy", "knowsToWhom",
                                             "knowsWhatHappens", "knowsCanWithdraw" };

unsigned gbop_informed_false(const gbo_entity *consent, char *buf, size_t size)
{
    static const gbo_field elements[6] = { GBO_INFORMED_PRIOR, GBO_INFORMED_KNOWS_WHAT,
                                           GBO_INFORMED_KNOWS_WHY, GBO_INFORMED_KNOWS_TO_WHOM,
                                           GBO_INFORMED_KNOWS_WHAT_HAPPENS,
                                           GBO_INFORMED_KNOWS_CAN_WITHDRAW };
    const gbo_entity *informed = gbo_entity_child(consent, GBO_CONSENT_INFORMED, 0);
    unsigned mask = 0;
    size_t used = 0;
    if (buf && size)
        buf[0] = '\0';
    for (size_t i = 0; informed && i < 6; i++) {
        bool v = true;
        if (gbo_entity_get_bool(informed, elements[i], &v) != GBO_OK || v)
            continue;
        mask |= 1u << i;
        if (buf && used < size)
            used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? ", " : "",
                                     gbop_informed_names[i]);
    }
    return mask;
}

static unsigned warnings(const eval *ev)
{
    unsigned w = 0;
    bool assessed = false, secrecy = false;
    const gbo_entity *person;
    gbo_date birth;

    /* an element recorded false is a refusal (GBO-C014); none recorded, the
     * warning */
    if (!gbo_entity_count(ev->consent, GBO_CONSENT_INFORMED))
        w |= GBO_CONSENT_WARN_INFORMED_INCOMPLETE;
    if ((w & GBO_CONSENT_WARN_INFORMED_INCOMPLETE) && ev->recipient &&
        (gbo_entity_get_bool(ev->recipient, GBO_ORGANISATION_PROFESSIONAL_SECRECY, &secrecy) != GBO_OK ||
         !secrecy))
        w |= GBO_CONSENT_WARN_RECIPIENT_NO_SECRECY;
    gbo_entity_get_bool(ev->consent, GBO_CONSENT_CAPACITY_ASSESSED, &assessed);
    person = find(ev->ctx, GBO_EXCHANGE_PERSONS, GBO_PERSON_ID, gbop_ref_of(ev->consent, GBO_CONSENT_SUBJECT));
    if (gbop_same(gbo_entity_get(ev->consent, GBO_CONSENT_GRANTOR), "client") && !assessed && person &&
        gbo_entity_get_date(person, GBO_PERSON_BIRTH_DATE, &birth) == GBO_OK && birth.month) {
        int age = ev->day.year - birth.year;
        if (ev->day.month < birth.month || (ev->day.month == birth.month && ev->day.day < birth.day))
            age--;
        if (age < 13)
            w |= GBO_CONSENT_WARN_MINOR_WITHOUT_ASSESSMENT;
    }
    return w;
}

gbo_status gbo_consent_evaluate(const gbo_consent_context *ctx, const gbo_entity *consent,
                                const gbo_consent_request *req, gbo_consent_decision *out,
                                gbo_error *err)
{
    eval ev;
    gbo_date bound;
    bool until_support = false;
    const char *form;

    if (gbo_entity_kind(consent) != GBO_KIND_CONSENT || !req || !req->recipient || !req->purpose ||
        !req->category || !out)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL,
                         "gbo_consent_evaluate needs a consent and a complete request");
    memset(&ev, 0, sizeof ev);
    ev.ctx = ctx;
    ev.consent = consent;
    ev.req = req;
    ev.depth = -1;
    ev.recipient = find(ctx, GBO_EXCHANGE_ORGANISATIONS, GBO_ORGANISATION_ID, req->recipient);
    if (!gbop_brussels_date(req->at, &ev.day))
        return gbop_fail(err, GBO_E_ICU, NULL, NULL, "ICU has no Europe/Brussels time zone");
    memset(out, 0, sizeof *out);
    out->warnings = warnings(&ev);

    if (withdrawn(ctx, gbo_entity_get(consent, GBO_CONSENT_ID), req->at)) {
        deny(out, GBO_CONSENT_WITHDRAWN);
        return GBO_OK;
    }
    if (gbo_entity_get_date(consent, GBO_CONSENT_VALID_FROM, &bound) == GBO_OK &&
        gbo_date_compare(ev.day, bound) < 0) {
        deny(out, GBO_CONSENT_NOT_YET_VALID);
        return GBO_OK;
    }
    gbo_entity_get_bool(consent, GBO_CONSENT_UNTIL_SUPPORT_ENDS, &until_support);
    if ((gbo_entity_get_date(consent, GBO_CONSENT_VALID_UNTIL, &bound) == GBO_OK &&
         gbo_date_compare(ev.day, bound) > 0) ||
        (until_support && support_over(ctx, consent, req->at))) {
        deny(out, GBO_CONSENT_EXPIRED);
        return GBO_OK;
    }
    if (gbop_informed_false(consent, NULL, 0)) {
        deny(out, GBO_CONSENT_NOT_INFORMED);
        return GBO_OK;
    }
    form = gbo_entity_get(consent, GBO_CONSENT_FORM);
    if (gbop_same(req->purpose, "dossier-transfer") &&
        !((gbop_same(form, "written") || gbop_same(form, "digital")) &&
          gbo_entity_get(consent, GBO_CONSENT_DOCUMENT_REFERENCE))) {
        deny(out, GBO_CONSENT_WRITTEN_FORM_REQUIRED);
        return GBO_OK;
    }
    walk(&ev, consent, GBO_CONSENT_PROVISIONS, 0);
    if (ev.depth >= 0 && ev.denies) {
        deny(out, GBO_CONSENT_DENIED_BY_PROVISION);
    } else if (ev.depth >= 0) {
        out->permit = true;
        out->reason = GBO_CONSENT_PERMITTED;
    } else if (!any_permit(&ev, consent, GBO_CONSENT_PROVISIONS, false)) {
        deny(out, GBO_CONSENT_RECIPIENT_NOT_COVERED);
    } else if (!any_permit(&ev, consent, GBO_CONSENT_PROVISIONS, true)) {
        deny(out, GBO_CONSENT_PURPOSE_NOT_COVERED);
    } else {
        deny(out, special(req->category) ? GBO_CONSENT_SPECIAL_CATEGORY_NOT_NAMED
                                         : GBO_CONSENT_CATEGORY_NOT_COVERED);
    }
    return GBO_OK;
}

const char *gbo_consent_reason_name(gbo_consent_reason reason)
{
    static const char *const names[] = {
        "permitted", "withdrawn", "not-yet-valid", "expired", "written-form-required",
        "denied-by-provision", "recipient-not-covered", "purpose-not-covered",
        "category-not-covered", "special-category-not-named", "not-informed",
    };
    return (unsigned)reason < sizeof names / sizeof *names ? names[reason] : "unknown";
}

const char *gbo_consent_warning_name(unsigned warning)
{
    switch (warning) {
    case GBO_CONSENT_WARN_INFORMED_INCOMPLETE:
        return "informed-incomplete";
    case GBO_CONSENT_WARN_RECIPIENT_NO_SECRECY:
        return "recipient-without-secrecy";
    case GBO_CONSENT_WARN_MINOR_WITHOUT_ASSESSMENT:
        return "minor-without-assessment";
    default:
        return NULL;
    }
}
