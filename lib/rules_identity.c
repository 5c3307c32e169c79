/* libgbo — identifiers and contact forms: GBO-I001 and GBO-I002 (national
 * numbers), GBO-I003 (enterprise and establishment numbers), GBO-I004
 * (postal codes, e-mail addresses, phone numbers). */
#include "config.h"

#include <string.h>

#include <gbo/ids.h>

#include "validate_internal.h"
#include "values.h"

/* A national number as it stood when the document was made: a birth after
 * its createdAt (in Europe/Brussels) is GBO-I002; without createdAt that is
 * not checked. */
static void national_number(vctx *c, const gbo_entity *person)
{
    const char *nn = gbo_entity_get(person, GBO_PERSON_NATIONAL_NUMBER);
    gbo_date on = { 9999, 12, 31 }; /* no day: no birth lies after it */
    gbo_time created;
    if (!nn)
        return;
    if (gbo_entity_get_time(c->doc, GBO_EXCHANGE_CREATED_AT, &created) == GBO_OK &&
        !gbop_brussels_date(created, &on))
        on = (gbo_date){ 9999, 12, 31 };
    switch (gbo_national_number_check_on(nn, on, NULL)) {
    case GBO_ID_VALID:
        break;
    case GBO_ID_IMPOSSIBLE_DATE:
        gbop_report(c, "GBO-I002", person, GBO_PERSON_NATIONAL_NUMBER, 0, "i002.date", NULL, NULL, NULL);
        break;
    case GBO_ID_FUTURE_BIRTH:
        gbop_report(c, "GBO-I002", person, GBO_PERSON_NATIONAL_NUMBER, 0, "i002.future", NULL, NULL,
                    NULL);
        break;
    case GBO_ID_CHECK_DIGITS:
        gbop_report(c, "GBO-I001", person, GBO_PERSON_NATIONAL_NUMBER, 0, "i001.check-digits", NULL,
                    NULL, NULL);
        break;
    default:
        gbop_report(c, "GBO-I001", person, GBO_PERSON_NATIONAL_NUMBER, 0, "i001.malformed", NULL, NULL,
                    NULL);
    }
}

static void unit_number(vctx *c, const gbo_entity *identifier)
{
    const char *scheme = gbo_entity_get(identifier, GBO_IDENTIFIER_SCHEME);
    const char *value = gbo_entity_get(identifier, GBO_IDENTIFIER_VALUE);
    bool establishment;
    gbo_id_result result;

    if (!scheme || !value)
        return;
    if (strcmp(scheme, "enterprise-number") == 0)
        establishment = false;
    else if (strcmp(scheme, "establishment-number") == 0)
        establishment = true;
    else
        return;
    result = establishment ? gbo_establishment_number_check(value, NULL)
                           : gbo_enterprise_number_check(value, NULL);
    switch (result) {
    case GBO_ID_VALID:
        break;
    case GBO_ID_WRONG_PREFIX:
        gbop_report(c, "GBO-I003", identifier, GBO_IDENTIFIER_VALUE, 0,
                    establishment ? "i003.prefix-establishment" : "i003.prefix-enterprise", NULL,
                    NULL, NULL);
        break;
    case GBO_ID_CHECK_DIGITS:
        gbop_report(c, "GBO-I003", identifier, GBO_IDENTIFIER_VALUE, 0, "i003.check-digits", scheme,
                    NULL, NULL);
        break;
    default:
        gbop_report(c, "GBO-I003", identifier, GBO_IDENTIFIER_VALUE, 0, "i003.malformed", scheme,
                    NULL, NULL);
    }
}

/* name@domain.tld: one @, no spaces, a dot in the domain, not at its ends. */
static bool email_ok(const char *s)
{
    const char *at = strchr(s, '@'), *dot;
    size_t len = strlen(s);
    if (!at || at == s || strchr(at + 1, '@') || len > 254 || strpbrk(s, " \t\r\n<>,;\"()[]\\"))
        return false;
    dot = strrchr(at + 1, '.');
    return dot && dot > at + 1 && dot[1] != '\0';
}

/* 8 to 15 digits; a + only in front; separators space . / - ( ). */
static bool phone_ok(const char *s)
{
    int digits = 0;
    for (const char *p = s; *p; p++) {
        if (*p >= '0' && *p <= '9')
            digits++;
        else if (*p == '+' && p == s)
            continue;
        else if (!strchr(" ./-()", *p))
            return false;
    }
    return digits >= 8 && digits <= 15;
}

/* Belgian postal codes: four digits, 1000 to 9999. */
static bool postal_code_ok(const char *s)
{
    return strlen(s) == 4 && s[0] >= '1' && s[0] <= '9' && strspn(s, "0123456789") == 4;
}

static void contact(vctx *c, const gbo_entity *e, gbo_field email, gbo_field phone)
{
    const char *v;
    if (email != GBO_FIELD_NONE && (v = gbo_entity_get(e, email)) && !email_ok(v))
        gbop_report(c, "GBO-I004", e, email, 0, "i004.email", NULL, NULL, NULL);
    if (phone != GBO_FIELD_NONE && (v = gbo_entity_get(e, phone)) && !phone_ok(v))
        gbop_report(c, "GBO-I004", e, phone, 0, "i004.phone", NULL, NULL, NULL);
}

static void visit(vctx *c, const gbo_entity *e)
{
    const char *v, *country;
    switch (gbo_entity_kind(e)) {
    case GBO_KIND_PERSON:
        national_number(c, e);
        contact(c, e, GBO_PERSON_EMAIL, GBO_PERSON_PHONE);
        break;
    case GBO_KIND_IDENTIFIER:
        unit_number(c, e);
        break;
    case GBO_KIND_WORKER:
        contact(c, e, GBO_WORKER_EMAIL, GBO_WORKER_PHONE);
        break;
    case GBO_KIND_RELATED_PERSON:
        contact(c, e, GBO_RELATED_PERSON_EMAIL, GBO_RELATED_PERSON_PHONE);
        break;
    case GBO_KIND_CARE_PROVIDER:
        contact(c, e, GBO_FIELD_NONE, GBO_CARE_PROVIDER_PHONE);
        break;
    case GBO_KIND_ADDRESS:
        country = gbo_entity_get(e, GBO_ADDRESS_COUNTRY);
        v = gbo_entity_get(e, GBO_ADDRESS_POSTAL_CODE);
        if (v && (!country || strcmp(country, "BE") == 0) && !postal_code_ok(v))
            gbop_report(c, "GBO-I004", e, GBO_ADDRESS_POSTAL_CODE, 0, "i004.postal-code", NULL, NULL,
                        NULL);
        break;
    default:
        break;
    }
}

void gbop_rules_identity(vctx *c)
{
    gbop_walk(c, c->doc, visit);
}
