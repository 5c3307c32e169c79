/* libgbo — the lifecycle rules that one document can decide: GBO-R005
 * (declined without reason) and GBO-R006 (times out of order: a status
 * update before its referral, a consent given after the transfer it
 * covers). The referral and the consent may come from the context. */
#include "config.h"

#include "consent_internal.h"
#include "model.h"
#include "validate_internal.h"

static void status_update(vctx *c, const gbo_entity *u)
{
    const gbo_entity *r;
    gbo_time at, created;

    if (gbop_same(gbo_entity_get(u, GBO_STATUS_UPDATE_STATUS), "declined") &&
        !gbo_entity_count(u, GBO_STATUS_UPDATE_DECLINE_REASON))
        gbop_report(c, "GBO-R005", u, GBO_STATUS_UPDATE_STATUS, 0, "r005.no-reason", NULL, NULL, NULL);
    r = gbop_consent_context_find_referral(c->consents, gbop_ref_of(u, GBO_STATUS_UPDATE_REFERRAL));
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
