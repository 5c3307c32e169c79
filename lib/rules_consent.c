/* libgbo — the consent rules GBO-C001…C013 on person-bearing referrals
 * case conferences and status updates with a note (and GBO-C008 on every
 * consent record), with the
 * purpose and the data categories derived from what the message carries
 * (SPEC §2.4), never from a declaration. The decisions come from
 * gbo_consent_evaluate(). Status updates are checked when their note
 * carries the client's situation; acknowledgements carry no person's data. */
#include "config.h"

#include <string.h>

#include "consent_internal.h"
#include "model.h"
#include "validate_internal.h"

/* ---- what travels ------------------------------------------------------------------ */

const char *gbop_referral_purpose(const char *kind)
{
    if (gbop_same(kind, "referrer-registration") || gbop_same(kind, "warm-referral") || gbop_same(kind, "joint-intake"))
        return "reception";
    if (gbop_same(kind, "outreach-signal"))
        return "later-contact";
    if (gbop_same(kind, "back-office-referral"))
        return "back-office";
    if (gbop_same(kind, "dossier-transfer"))
        return "dossier-transfer";
    if (gbop_same(kind, "case-conference-registration"))
        return "case-conference";
    return NULL; /* consult: no person */
}

enum { MAX_CATEGORIES = 13 };

/* Where a category travels: the first field found carrying it. */
typedef struct carrier {
    const gbo_entity *e;
    gbo_field field;
    size_t index;
} carrier;

typedef struct categories {
    size_t n;
    const char *list[MAX_CATEGORIES];
    carrier where[MAX_CATEGORIES];
} categories;

/* `category` travels in value `index` of `field` of `e`. */
static void add(categories *cs, const char *category, const gbo_entity *e, gbo_field field,
                size_t index)
{
    for (size_t i = 0; i < cs->n; i++)
        if (gbop_same(cs->list[i], category))
            return;
    if (cs->n < MAX_CATEGORIES) {
        cs->where[cs->n] = (carrier){ e, field, index };
        cs->list[cs->n++] = category;
    }
}

/* The first of `fields` that `e` has a value in, or GBO_FIELD_NONE. */
static gbo_field first_present(const gbo_entity *e, const gbo_field *fields, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (gbo_entity_count(e, fields[i]))
            return fields[i];
    return GBO_FIELD_NONE;
}

static const gbo_entity *person_by_id(const vctx *c, const char *id)
{
    for (size_t i = 0; id && i < gbo_entity_count(c->doc, GBO_EXCHANGE_PERSONS); i++) {
        const gbo_entity *p = gbo_entity_child(c->doc, GBO_EXCHANGE_PERSONS, i);
        if (gbop_same(gbo_entity_get(p, GBO_PERSON_ID), id))
            return p;
    }
    return NULL;
}

static void person_categories(const gbo_entity *p, categories *cs)
{
    static const gbo_field identity[] = {
        GBO_PERSON_GIVEN_NAME, GBO_PERSON_FAMILY_NAME, GBO_PERSON_BIRTH_DATE, GBO_PERSON_LANGUAGE,
        GBO_PERSON_PHONE, GBO_PERSON_EMAIL, GBO_PERSON_ADDRESS, GBO_PERSON_PREFERRED_CHANNEL,
        GBO_PERSON_PREFERRED_PLACE, GBO_PERSON_PREFERRED_TIMES, GBO_PERSON_TRUSTED_PERSON,
        GBO_PERSON_LEGAL_REPRESENTATIVE, GBO_PERSON_DOSSIER_REFS,
    };
    gbo_field f;
    if (!p)
        return;
    if ((f = first_present(p, identity, sizeof identity / sizeof *identity)) != GBO_FIELD_NONE)
        add(cs, "identity-contact", p, f, 0);
    if (gbo_entity_count(p, GBO_PERSON_NATIONAL_NUMBER))
        add(cs, "national-number", p, GBO_PERSON_NATIONAL_NUMBER, 0);
    if (gbo_entity_count(p, GBO_PERSON_HELP_SEEKING_STAGE))
        add(cs, "help-question", p, GBO_PERSON_HELP_SEEKING_STAGE, 0);
}

static void referral_categories(const vctx *c, const gbo_entity *r, categories *cs)
{
    static const gbo_field question[] = { GBO_REFERRAL_HELP_QUESTION, GBO_REFERRAL_URGENCY,
                                          GBO_REFERRAL_HELP_SEEKING_STAGE };
    static const gbo_field situation[] = { GBO_LIFE_DOMAIN_NOTE, GBO_LIFE_DOMAIN_STEPS };
    static const gbo_field strengths[] = { GBO_REFERRAL_STRENGTHS, GBO_REFERRAL_NETWORK };
    gbo_field f;

    person_categories(person_by_id(c, gbop_ref_of(r, GBO_REFERRAL_SUBJECT)), cs);
    if ((f = first_present(r, question, sizeof question / sizeof *question)) != GBO_FIELD_NONE)
        add(cs, "help-question", r, f, 0);
    for (size_t i = 0; i < gbo_entity_count(r, GBO_REFERRAL_LIFE_DOMAINS); i++) {
        const gbo_entity *d = gbo_entity_child(r, GBO_REFERRAL_LIFE_DOMAINS, i);
        const char *domain = gbo_entity_get(d, GBO_LIFE_DOMAIN_DOMAIN);
        bool judicial = false;
        if ((f = first_present(d, situation, 2)) == GBO_FIELD_NONE)
            continue;
        add(cs, "life-domain-situation", d, f, 0);
        if (gbop_same(domain, "health") || gbop_same(domain, "mental-wellbeing"))
            add(cs, "health", d, f, 0);
        if (gbop_same(domain, "income-finances") || gbop_same(domain, "debts"))
            add(cs, "financial", d, f, 0);
        if (gbo_entity_get_bool(d, GBO_LIFE_DOMAIN_JUDICIAL, &judicial) == GBO_OK && judicial)
            add(cs, "judicial", d, f, 0);
    }
    for (size_t i = 0; i < gbo_entity_count(r, GBO_REFERRAL_VULNERABILITY_KINDS); i++) {
        const char *kind = gbo_entity_get_at(r, GBO_REFERRAL_VULNERABILITY_KINDS, i);
        add(cs, gbop_same(kind, "physical") || gbop_same(kind, "psychological") ? "health" : "life-domain-situation",
            r, GBO_REFERRAL_VULNERABILITY_KINDS, i);
    }
    if (gbo_entity_count(r, GBO_REFERRAL_TARGET_GROUPS))
        add(cs, "life-domain-situation", r, GBO_REFERRAL_TARGET_GROUPS, 0);
    for (size_t i = 0; i < gbo_entity_count(r, GBO_REFERRAL_RIGHT_ASSESSMENTS); i++) {
        const char *status = gbo_entity_get(gbo_entity_child(r, GBO_REFERRAL_RIGHT_ASSESSMENTS, i),
                                            GBO_RIGHT_ASSESSMENT_STATUS);
        if (gbop_same(status, "potential") || gbop_same(status, "explored"))
            add(cs, "rights-potential", r, GBO_REFERRAL_RIGHT_ASSESSMENTS, i);
        else if (gbop_same(status, "granted") || gbop_same(status, "implemented"))
            add(cs, "rights-taken-up", r, GBO_REFERRAL_RIGHT_ASSESSMENTS, i);
        else if (status)
            add(cs, "rights-progress", r, GBO_REFERRAL_RIGHT_ASSESSMENTS, i);
    }
    if ((f = first_present(r, strengths, 2)) != GBO_FIELD_NONE)
        add(cs, "strengths-network", r, f, 0);
    if (gbo_entity_count(r, GBO_REFERRAL_CARE_PROVIDERS))
        add(cs, "care-providers", r, GBO_REFERRAL_CARE_PROVIDERS, 0);
    if (gbop_same(gbo_entity_get(r, GBO_REFERRAL_KIND), "dossier-transfer"))
        add(cs, "full-dossier", r, GBO_REFERRAL_KIND, 0);
}

/* ---- the rules ------------------------------------------------------------------------- */

static const char *message_for(gbo_consent_reason reason)
{
    switch (reason) {
    case GBO_CONSENT_WITHDRAWN: return "c006.withdrawn";
    case GBO_CONSENT_NOT_YET_VALID: return "c005.not-yet-valid";
    case GBO_CONSENT_EXPIRED: return "c005.expired";
    case GBO_CONSENT_WRITTEN_FORM_REQUIRED: return "c007.written";
    case GBO_CONSENT_RECIPIENT_NOT_COVERED: return "c002.recipient";
    case GBO_CONSENT_PURPOSE_NOT_COVERED: return "c003.purpose";
    case GBO_CONSENT_DENIED_BY_PROVISION: return "c004.denied";
    case GBO_CONSENT_SPECIAL_CATEGORY_NOT_NAMED: return "c004.special";
    case GBO_CONSENT_NOT_INFORMED: return "c014.not-informed";
    default: return "c004.category";
    }
}

/* Is the consent one of this document's own? */
static bool in_document(const vctx *c, const gbo_entity *consent)
{
    for (size_t i = 0; i < gbo_entity_count(c->doc, GBO_EXCHANGE_CONSENTS); i++)
        if (gbo_entity_child(c->doc, GBO_EXCHANGE_CONSENTS, i) == consent)
            return true;
    return false;
}

/* Evaluate the consent for every category the message carries: category-
 * independent refusals once, GBO-C004 once per category, warnings once. */
static void evaluate(vctx *c, const gbo_entity *msg, gbo_field consent_field, const gbo_entity *consent,
                     const char *recipient, const char *purpose, const categories *cs, gbo_time at)
{
    unsigned warnings = 0;
    bool reported = false;
    for (size_t i = 0; i < cs->n && c->status == GBO_OK; i++) {
        gbo_consent_request req = { recipient, purpose, cs->list[i], at };
        gbo_consent_decision d;
        gbo_status status = gbo_consent_evaluate(c->consents, consent, &req, &d, NULL);
        if (status != GBO_OK) {
            c->status = status; /* the validation fails rather than lose findings */
            return;
        }
        warnings |= d.warnings;
        if (d.permit)
            continue;
        if (d.reason == GBO_CONSENT_NOT_INFORMED) {
            /* reported once, at the consent, when it is in this document */
            char names[128];
            if (!reported && !in_document(c, consent)) {
                gbop_informed_false(consent, names, sizeof names);
                gbop_report(c, d.rule, msg, consent_field, 0, message_for(d.reason), names, NULL, NULL);
            }
            reported = true;
        } else if (strcmp(d.rule, "GBO-C004") == 0) {
            /* at the field that carries the category, naming it */
            const carrier *w = &cs->where[i];
            gbop_report(c, d.rule, w->e, w->field, w->index, message_for(d.reason), cs->list[i], NULL,
                        NULL);
        }
        else if (!reported)
            gbop_report(c, d.rule, msg, consent_field, 0, message_for(d.reason), recipient, purpose, NULL);
        reported = reported || strcmp(d.rule, "GBO-C004") != 0;
    }
    if (warnings & GBO_CONSENT_WARN_MINOR_WITHOUT_ASSESSMENT)
        gbop_report(c, "GBO-C009", msg, consent_field, 0, "c009.minor", NULL, NULL, NULL);
    if (warnings & GBO_CONSENT_WARN_INFORMED_INCOMPLETE)
        gbop_report(c, "GBO-C010", msg, consent_field, 0,
                    (warnings & GBO_CONSENT_WARN_RECIPIENT_NO_SECRECY) ? "c010.no-secrecy" : "c010.incomplete",
                    recipient, NULL, NULL);
}

/* The consent a message refers to: in the document (local) or the context
 * (external); NULL when it cannot be found. */
static const gbo_entity *resolve(const vctx *c, const gbo_entity *msg, gbo_field field)
{
    return gbo_consent_context_find(c->consents, gbop_ref_of(msg, field));
}

static void referral(vctx *c, const gbo_entity *r)
{
    const char *subject = gbop_ref_of(r, GBO_REFERRAL_SUBJECT);
    const char *purpose = gbop_referral_purpose(gbo_entity_get(r, GBO_REFERRAL_KIND));
    const char *recipient = gbop_ref_of(gbo_entity_child(r, GBO_REFERRAL_TO, 0), GBO_PARTY_ORGANISATION);
    const gbo_entity *consent;
    categories cs = { 0, { NULL }, { { NULL, GBO_FIELD_NONE, 0 } } };
    gbo_time at;

    if (!subject || !purpose)
        return; /* no person travels */
    if (!gbo_entity_get(gbo_entity_child(r, GBO_REFERRAL_SUBJECT, 0), GBO_REFERENCE_ISSUER) &&
        !person_by_id(c, subject))
        return; /* a local subject that does not resolve is GBO-I006 already */
    if (gbo_entity_count(r, GBO_REFERRAL_EMERGENCY)) {
        /* always reported; a consent carried as well is still checked */
        gbop_report(c, "GBO-C011", r, GBO_REFERRAL_EMERGENCY, 0, "c011.emergency", NULL, NULL, NULL);
        if (!gbo_entity_count(r, GBO_REFERRAL_CONSENT))
            return;
    }
    if (!gbo_entity_count(r, GBO_REFERRAL_CONSENT)) {
        gbop_report(c, "GBO-C001", r, GBO_FIELD_NONE, 0, "c001.no-basis", NULL, NULL, NULL);
        return;
    }
    consent = resolve(c, r, GBO_REFERRAL_CONSENT);
    if (!consent) {
        if (gbo_entity_get(gbo_entity_child(r, GBO_REFERRAL_CONSENT, 0), GBO_REFERENCE_ISSUER))
            gbop_report(c, "GBO-C012", r, GBO_REFERRAL_CONSENT, 0, "c012.not-in-context",
                        gbop_ref_of(r, GBO_REFERRAL_CONSENT), NULL, NULL);
        return; /* a local reference that does not resolve is GBO-I006 */
    }
    if (!gbop_same(gbop_ref_of(consent, GBO_CONSENT_SUBJECT), subject)) {
        gbop_report(c, "GBO-C013", r, GBO_REFERRAL_CONSENT, 0, "c013.other-person", NULL, NULL, NULL);
        return;
    }
    if (!recipient || (gbo_entity_get_time(r, GBO_REFERRAL_CREATED_AT, &at) != GBO_OK &&
                       gbo_entity_get_time(c->doc, GBO_EXCHANGE_CREATED_AT, &at) != GBO_OK))
        return;
    referral_categories(c, r, &cs);
    evaluate(c, r, GBO_REFERRAL_CONSENT, consent, recipient, purpose, &cs, at);
}

/* A case conference's record shares the client's data with every
 * participant but the convenor, for the purpose case-conference: the
 * subject's record and the plan per life domain. */
static void case_conference(vctx *c, const gbo_entity *cc)
{
    const char *subject = gbop_ref_of(cc, GBO_CASE_CONFERENCE_SUBJECT);
    const char *convenor = gbop_ref_of(cc, GBO_CASE_CONFERENCE_CONVENOR);
    const gbo_entity *consent;
    categories cs = { 0, { NULL }, { { NULL, GBO_FIELD_NONE, 0 } } };
    gbo_time at;

    if (!subject)
        return; /* an anonymous case discussion */
    if (!gbo_entity_get(gbo_entity_child(cc, GBO_CASE_CONFERENCE_SUBJECT, 0), GBO_REFERENCE_ISSUER) &&
        !person_by_id(c, subject))
        return; /* GBO-I006 already */
    if (!gbo_entity_count(cc, GBO_CASE_CONFERENCE_CONSENT)) {
        gbop_report(c, "GBO-C001", cc, GBO_FIELD_NONE, 0, "c001.no-basis-case-conference", NULL, NULL,
                    NULL);
        return;
    }
    consent = gbo_consent_context_find(c->consents, gbop_ref_of(cc, GBO_CASE_CONFERENCE_CONSENT));
    if (!consent) {
        if (gbo_entity_get(gbo_entity_child(cc, GBO_CASE_CONFERENCE_CONSENT, 0), GBO_REFERENCE_ISSUER))
            gbop_report(c, "GBO-C012", cc, GBO_CASE_CONFERENCE_CONSENT, 0, "c012.not-in-context",
                        gbop_ref_of(cc, GBO_CASE_CONFERENCE_CONSENT), NULL, NULL);
        return;
    }
    if (!gbop_same(gbop_ref_of(consent, GBO_CONSENT_SUBJECT), subject)) {
        gbop_report(c, "GBO-C013", cc, GBO_CASE_CONFERENCE_CONSENT, 0, "c013.other-person", NULL, NULL,
                    NULL);
        return;
    }
    if (gbo_entity_get_time(c->doc, GBO_EXCHANGE_CREATED_AT, &at) != GBO_OK)
        return;
    person_categories(person_by_id(c, subject), &cs);
    for (size_t i = 0; i < gbo_entity_count(cc, GBO_CASE_CONFERENCE_PLAN); i++) {
        const gbo_entity *item = gbo_entity_child(cc, GBO_CASE_CONFERENCE_PLAN, i);
        const char *domain = gbo_entity_get(item, GBO_PLAN_ITEM_LIFE_DOMAIN);
        if (!gbo_entity_count(item, GBO_PLAN_ITEM_TASKS))
            continue;
        add(&cs, "life-domain-situation", item, GBO_PLAN_ITEM_TASKS, 0);
        if (gbop_same(domain, "health") || gbop_same(domain, "mental-wellbeing"))
            add(&cs, "health", item, GBO_PLAN_ITEM_TASKS, 0);
        if (gbop_same(domain, "income-finances") || gbop_same(domain, "debts"))
            add(&cs, "financial", item, GBO_PLAN_ITEM_TASKS, 0);
    }
    for (size_t i = 0; i < gbo_entity_count(cc, GBO_CASE_CONFERENCE_PARTICIPANTS) && c->status == GBO_OK; i++) {
        const char *org = gbop_ref_of(gbo_entity_child(cc, GBO_CASE_CONFERENCE_PARTICIPANTS, i),
                                      GBO_PARTICIPANT_ORGANISATION);
        if (org && !gbop_same(org, convenor))
            evaluate(c, cc, GBO_CASE_CONFERENCE_CONSENT, consent, org, "case-conference", &cs, at);
    }
}

/* A referral with that id, in the document or the context. */
static const gbo_entity *find_referral(const vctx *c, const char *id)
{
    return gbop_consent_context_find_referral(c->consents, id);
}

/* A status update carries personal data in its note: it may travel back
 * only as far as the referral's consent allows (purpose reception, to the
 * document's recipient, at the update's time, the note being the client's
 * situation). Checked when the referral and its consent are in the document
 * or the context. An acknowledgement's diagnostics never carry a person's
 * data, so acknowledgements need no consent. */
static void status_update(vctx *c, const gbo_entity *u)
{
    const char *referral_id = gbop_ref_of(u, GBO_STATUS_UPDATE_REFERRAL);
    const char *recipient = gbo_entity_get(c->doc, GBO_EXCHANGE_RECIPIENT);
    const gbo_entity *r, *consent;
    categories cs = { 0, { NULL }, { { NULL, GBO_FIELD_NONE, 0 } } };
    gbo_time at;

    if (!gbo_entity_count(u, GBO_STATUS_UPDATE_NOTE) || !recipient ||
        gbo_entity_get_time(u, GBO_STATUS_UPDATE_AT, &at) != GBO_OK)
        return;
    /* the consent is the referral's: without the referral (in the document
     * or the context) there is nothing to check the note against — the
     * referral's sender checks its notes with the referral at hand */
    r = find_referral(c, referral_id);
    if (!r || (gbo_entity_count(r, GBO_REFERRAL_EMERGENCY) && !gbo_entity_count(r, GBO_REFERRAL_CONSENT)))
        return; /* an emergency referral is reported (C011) where it was sent */
    consent = gbo_consent_context_find(c->consents, gbop_ref_of(r, GBO_REFERRAL_CONSENT));
    if (!consent)
        return;
    add(&cs, "life-domain-situation", u, GBO_STATUS_UPDATE_NOTE, 0);
    evaluate(c, u, GBO_STATUS_UPDATE_NOTE, consent, recipient, "reception", &cs, at);
}

/* A written or digital consent names its document (GBO-C008); informed
 * consent requires all six elements (GBO-C014, naming those recorded
 * false). */
static void consent_record(vctx *c, const gbo_entity *k)
{
    const char *form = gbo_entity_get(k, GBO_CONSENT_FORM);
    char names[128];
    if ((gbop_same(form, "written") || gbop_same(form, "digital")) &&
        !gbo_entity_count(k, GBO_CONSENT_DOCUMENT_REFERENCE))
        gbop_report(c, "GBO-C008", k, GBO_CONSENT_FORM, 0, "c008.no-document", form, NULL, NULL);
    if (gbop_informed_false(k, names, sizeof names))
        gbop_report(c, "GBO-C014", k, GBO_CONSENT_INFORMED, 0, "c014.not-informed", names, NULL, NULL);
}

static void visit(vctx *c, const gbo_entity *e)
{
    switch (gbo_entity_kind(e)) {
    case GBO_KIND_REFERRAL:
        referral(c, e);
        break;
    case GBO_KIND_CASE_CONFERENCE:
        case_conference(c, e);
        break;
    case GBO_KIND_STATUS_UPDATE:
        status_update(c, e);
        break;
    case GBO_KIND_CONSENT:
        consent_record(c, e);
        break;
    default:
        break;
    }
}

void gbop_rules_consent(vctx *c)
{
    gbop_walk(c, c->doc, visit);
}
