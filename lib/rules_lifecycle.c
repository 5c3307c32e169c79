/* libgbo — the lifecycle rules that one document can decide: GBO-R004
 * (who may post a status, and the transitions between the status updates
 * of one referral within the document — from `sent` across documents is
 * gbo validate --history's), GBO-R005 (declined without reason) and
 * GBO-R006 (times out of order: a status update before its referral, a
 * consent given after the transfer it covers). The referral and the consent
 * may come from the context. */
#include "config.h"

#include "consent_internal.h"
#include "lifecycle_internal.h"
#include "model.h"
#include "validate_internal.h"

/* The update of the same referral that comes just before `u` in this
 * document (by time, equal times by table order; the same update id twice
 * is one update), or NULL. */
static const gbo_entity *previous_update(const vctx *c, const gbo_entity *u)
{
    const char *referral = gbop_ref_of(u, GBO_STATUS_UPDATE_REFERRAL);
    const char *id = gbo_entity_get(u, GBO_STATUS_UPDATE_ID);
    const gbo_entity *best = NULL;
    gbo_time at, t, best_t = { 0, 0 };
    int rank = gbo_lifecycle_rank(gbo_entity_get(u, GBO_STATUS_UPDATE_STATUS));

    if (gbo_entity_get_time(u, GBO_STATUS_UPDATE_AT, &at) != GBO_OK)
        return NULL;
    for (size_t i = 0; i < gbo_entity_count(c->doc, GBO_EXCHANGE_STATUS_UPDATES); i++) {
        const gbo_entity *o = gbo_entity_child(c->doc, GBO_EXCHANGE_STATUS_UPDATES, i);
        int cmp, orank;
        if (o == u || gbop_same(gbo_entity_get(o, GBO_STATUS_UPDATE_ID), id) ||
            !gbop_same(gbop_ref_of(o, GBO_STATUS_UPDATE_REFERRAL), referral) ||
            gbo_entity_get_time(o, GBO_STATUS_UPDATE_AT, &t) != GBO_OK)
            continue;
        cmp = gbo_time_compare(t, at);
        orank = gbo_lifecycle_rank(gbo_entity_get(o, GBO_STATUS_UPDATE_STATUS));
        if (cmp > 0 || (cmp == 0 && orank >= rank))
            continue; /* not before u */
        if (!best || gbo_time_compare(t, best_t) > 0 ||
            (gbo_time_compare(t, best_t) == 0 &&
             orank > gbo_lifecycle_rank(gbo_entity_get(best, GBO_STATUS_UPDATE_STATUS)))) {
            best = o;
            best_t = t;
        }
    }
    return best;
}

static void transitions(vctx *c, const gbo_entity *u, const gbo_entity *r)
{
    const char *status = gbo_entity_get(u, GBO_STATUS_UPDATE_STATUS);
    const gbo_entity *prev = previous_update(c, u);
    const char *by = gbop_ref_of(u, GBO_STATUS_UPDATE_BY);

    if (!status || gbo_lifecycle_rank(status) < 0)
        return; /* an unknown status is GBO-R001 */
    if (prev && gbo_lifecycle_step(gbo_entity_get(prev, GBO_STATUS_UPDATE_STATUS), status,
                                   GBO_POSTER_RECIPIENT) == GBO_STEP_TRANSITION)
        gbop_report(c, "GBO-R004", u, GBO_STATUS_UPDATE_STATUS, 0, "r004.transition",
                    gbo_entity_get(prev, GBO_STATUS_UPDATE_STATUS), status, NULL);
    if (r && by &&
        !gbop_lifecycle_may_post(
            status, gbop_lifecycle_roles(
                        by, gbop_ref_of(gbo_entity_child(r, GBO_REFERRAL_FROM, 0), GBO_PARTY_ORGANISATION),
                        gbop_ref_of(gbo_entity_child(r, GBO_REFERRAL_TO, 0), GBO_PARTY_ORGANISATION))))
        gbop_report(c, "GBO-R004", u, GBO_STATUS_UPDATE_BY, 0, "r004.poster", status, by, NULL);
}

static void status_update(vctx *c, const gbo_entity *u)
{
    const gbo_entity *r;
    gbo_time at, created;

    if (gbop_same(gbo_entity_get(u, GBO_STATUS_UPDATE_STATUS), "declined") &&
        !gbo_entity_count(u, GBO_STATUS_UPDATE_DECLINE_REASON))
        gbop_report(c, "GBO-R005", u, GBO_STATUS_UPDATE_STATUS, 0, "r005.no-reason", NULL, NULL, NULL);
    r = gbop_consent_context_find_referral(c->consents, gbop_ref_of(u, GBO_STATUS_UPDATE_REFERRAL));
    transitions(c, u, r);
    if (r && gbo_entity_get_time(u, GBO_STATUS_UPDATE_AT, &at) == GBO_OK &&
        gbo_entity_get_time(r, GBO_REFERRAL_CREATED_AT, &created) == GBO_OK &&
        gbo_time_compare(at, created) < 0)
        gbop_report(c, "GBO-R006", u, GBO_STATUS_UPDATE_AT, 0, "r006.status-before-referral",
                    gbo_entity_get(u, GBO_STATUS_UPDATE_STATUS), NULL, NULL);
}

static void referral(vctx *c, const gbo_entity *r)
{
    const gbo_entity *consent =
        gbo_consent_context_find(c->consents, gbop_ref_of(r, GBO_REFERRAL_CONSENT));
    gbo_time given, created;
    if (consent && gbo_entity_get_time(consent, GBO_CONSENT_GIVEN_AT, &given) == GBO_OK &&
        gbo_entity_get_time(r, GBO_REFERRAL_CREATED_AT, &created) == GBO_OK &&
        gbo_time_compare(given, created) > 0)
        gbop_report(c, "GBO-R006", r, GBO_REFERRAL_CONSENT, 0, "r006.consent-after-transfer", NULL,
                    NULL, NULL);
}

static void visit(vctx *c, const gbo_entity *e)
{
    if (gbo_entity_kind(e) == GBO_KIND_STATUS_UPDATE)
        status_update(c, e);
    else if (gbo_entity_kind(e) == GBO_KIND_REFERRAL)
        referral(c, e);
}

void gbop_rules_lifecycle(vctx *c)
{
    gbop_walk(c, c->doc, visit);
}
