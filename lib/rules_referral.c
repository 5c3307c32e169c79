/* libgbo — referral content: GBO-R002 (no help question), GBO-R003 (consult
 * with personal data), GBO-R007 (more than one client), GBO-R009 and
 * GBO-R010 (right assessments), GBO-R011 and GBO-R012 (addressee). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <gbo/ids.h>

#include "model.h"
#include "validate_internal.h"

/* ---- personal data in free text (shared with the policy-signal rule) ------------- */

static bool is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

const char *gbop_personal_data_in(const char *text)
{
    const char *p = text;
    if (!text)
        return NULL;
    /* an e-mail address: word@word.word */
    for (const char *at = strchr(text, '@'); at; at = strchr(at + 1, '@')) {
        const char *dot = at + 1;
        if (at > text && (at[-1] != ' ') && *dot && *dot != ' ') {
            while (*dot && *dot != ' ' && *dot != '.')
                dot++;
            if (*dot == '.' && dot[1] && dot[1] != ' ')
                return "email";
        }
    }
    /* runs of digits with the separators people write in numbers, brackets
     * included: "+32 (0)9 266 35 00", "(09) 266 35 00" */
    while (*p) {
        const char *start;
        char run[32];
        int digits = 0;
        if (!is_digit(*p) && *p != '+' && !(*p == '(' && (is_digit(p[1]) || p[1] == '+'))) {
            p++;
            continue;
        }
        start = *p == '(' ? p + 1 : p;
        while (*p && (is_digit(*p) || strchr(" ./-+()", *p))) {
            if (is_digit(*p) && digits < 31)
                run[digits++] = *p;
            /* two spaces, or a space not followed by a digit, end a number */
            if (*p == ' ' && (p[1] == ' ' || !p[1] || !(is_digit(p[1]) || p[1] == '+' || p[1] == '(')))
                break;
            p++;
        }
        run[digits] = '\0';
        /* an organisation's enterprise number is public, not personal */
        if (digits == 10 && gbo_enterprise_number_check(run, NULL) == GBO_ID_VALID)
            continue;
        if (digits == 11 && *start != '+')
            return "national-number";
        if (digits >= 9 && digits <= 15 && (run[0] == '0' || *start == '+'))
            return "phone";
        if (*p)
            p++;
    }
    return NULL;
}

/* ---- helpers ----------------------------------------------------------------------- */

static const char *party_organisation(const gbo_entity *referral, gbo_field party)
{
    const gbo_entity *p = gbo_entity_child(referral, party, 0);
    return p ? gbop_reference_id(gbo_entity_child(p, GBO_PARTY_ORGANISATION, 0)) : NULL;
}

/* The person a local subject reference points to, in this document. */
static const gbo_entity *subject_person(const vctx *c, const gbo_entity *referral)
{
    const gbo_entity *ref = gbo_entity_child(referral, GBO_REFERRAL_SUBJECT, 0);
    const char *id = gbop_reference_id(ref);
    if (!id || gbo_entity_get(ref, GBO_REFERENCE_ISSUER))
        return NULL;
    for (size_t i = 0; i < gbo_entity_count(c->doc, GBO_EXCHANGE_PERSONS); i++) {
        const gbo_entity *p = gbo_entity_child(c->doc, GBO_EXCHANGE_PERSONS, i);
        const char *pid = gbo_entity_get(p, GBO_PERSON_ID);
        if (pid && strcmp(pid, id) == 0)
            return p;
    }
    return NULL;
}

/* ---- the rules --------------------------------------------------------------------- */

static void help_question(vctx *c, const gbo_entity *r)
{
    const char *kind = gbo_entity_get(r, GBO_REFERRAL_KIND);
    const char *stage = gbo_entity_get(r, GBO_REFERRAL_HELP_SEEKING_STAGE);
    const gbo_entity *person;

    const char *question = gbo_entity_get(r, GBO_REFERRAL_HELP_QUESTION);
    if ((question && question[strspn(question, " \t\r\n")]) || gbop_same(kind, "consult"))
        return;
    if (!stage && (person = subject_person(c, r)))
        stage = gbo_entity_get(person, GBO_PERSON_HELP_SEEKING_STAGE);
    if (gbop_same(kind, "outreach-signal") && gbop_same(stage, "no-question"))
        return;
    gbop_report(c, "GBO-R002", r, GBO_FIELD_NONE, 0, "r002.no-help-question", kind ? kind : "?",
                NULL, NULL);
}


/* Every text of the consult, and of everything it holds. */
static void scan_texts(vctx *c, const gbo_entity *e)
{
    gbo_kind kind = gbo_entity_kind(e);
    for (size_t i = 0; i < gbo_kind_field_count(kind); i++) {
        gbo_field f = gbo_kind_field_at(kind, i);
        for (size_t j = 0; j < gbo_entity_count(e, f); j++) {
            const char *found;
            if (gbo_field_type(f) == GBO_TYPE_ENTITY) {
                scan_texts(c, gbo_entity_child(e, f, j));
            } else if (gbo_field_type(f) == GBO_TYPE_TEXT &&
                       (found = gbop_personal_data_in(gbo_entity_get_at(e, f, j)))) {
                char key[32];
                snprintf(key, sizeof key, "r003.%s", found);
                gbop_report(c, "GBO-R003", e, f, j, key, NULL, NULL, NULL);
            }
        }
    }
}

static void consult(vctx *c, const gbo_entity *r)
{
    if (!gbop_same(gbo_entity_get(r, GBO_REFERRAL_KIND), "consult"))
        return;
    if (gbo_entity_count(r, GBO_REFERRAL_SUBJECT))
        gbop_report(c, "GBO-R003", r, GBO_REFERRAL_SUBJECT, 0, "r003.person", NULL, NULL, NULL);
    else if (gbo_entity_count(c->doc, GBO_EXCHANGE_PERSONS))
        /* a person travelling in the consult's document, referenced or not */
        gbop_report(c, "GBO-R003", gbo_entity_child(c->doc, GBO_EXCHANGE_PERSONS, 0), GBO_FIELD_NONE,
                    0, "r003.person", NULL, NULL, NULL);
    scan_texts(c, r);
}

static void addressee(vctx *c, const gbo_entity *r)
{
    const char *from = party_organisation(r, GBO_REFERRAL_FROM);
    const char *to = party_organisation(r, GBO_REFERRAL_TO);
    const char *recipient = gbo_entity_get(c->doc, GBO_EXCHANGE_RECIPIENT);
    if (gbop_same(from, to))
        gbop_report(c, "GBO-R011", r, GBO_REFERRAL_TO, 0, "r011.self", NULL, NULL, NULL);
    if (to && recipient && !gbop_same(to, recipient))
        gbop_report(c, "GBO-R012", r, GBO_REFERRAL_TO, 0, "r012.recipient", to, recipient, NULL);
}

static void assessment(vctx *c, const gbo_entity *a)
{
    const char *right = gbo_entity_get(a, GBO_RIGHT_ASSESSMENT_RIGHT);
    const char *status = gbo_entity_get(a, GBO_RIGHT_ASSESSMENT_STATUS);
    const char *domain = gbo_entity_get(a, GBO_RIGHT_ASSESSMENT_LIFE_DOMAIN);
    const gbo_code *code;

    if ((gbop_same(status, "refused") || gbop_same(status, "not-pursued")) &&
        !gbo_entity_get(a, GBO_RIGHT_ASSESSMENT_NON_TAKE_UP_REASON))
        gbop_report(c, "GBO-R009", a, GBO_RIGHT_ASSESSMENT_STATUS, 0, "r009.no-reason", right, status,
                    NULL);
    code = right ? gbo_codeset_lookup(c->v->codes, "right", right) : NULL;
    if (code && domain && gbo_codeset_lookup(c->v->codes, "life-domain", domain)) {
        for (size_t i = 0; i < gbo_code_map_count(code, "life-domain"); i++)
            if (gbop_same(gbo_code_map_at(code, "life-domain", i), domain))
                return;
        gbop_report(c, "GBO-R010", a, GBO_RIGHT_ASSESSMENT_LIFE_DOMAIN, 0, "r010.domain", right,
                    domain, NULL);
    }
}

static void visit(vctx *c, const gbo_entity *e)
{
    switch (gbo_entity_kind(e)) {
    case GBO_KIND_REFERRAL:
        help_question(c, e);
        consult(c, e);
        addressee(c, e);
        break;
    case GBO_KIND_RIGHT_ASSESSMENT:
        assessment(c, e);
        break;
    default:
        break;
    }
}

void gbop_rules_referral(vctx *c)
{
    size_t persons = gbo_entity_count(c->doc, GBO_EXCHANGE_PERSONS);
    if (persons > 1) {
        char n[24];
        snprintf(n, sizeof n, "%zu", persons);
        gbop_report(c, "GBO-R007", gbo_entity_child(c->doc, GBO_EXCHANGE_PERSONS, 1), GBO_FIELD_NONE,
                    0, "r007.clients", n, NULL, NULL);
    }
    gbop_walk(c, c->doc, visit);
}
