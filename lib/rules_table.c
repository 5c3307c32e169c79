/* libgbo — the rule catalogue of SPEC §4: id, severity and whether this
 * release implements the check. Titles and help texts, in four languages,
 * live in data/messages.xml. Ids are permanent: append, never renumber. */
#include "config.h"

#include <string.h>

#include <gbo/rules.h>

#include "messages.h"

struct gbo_rule {
    const char *id;
    gbo_severity severity;
    bool implemented;
};

#define E GBO_SEVERITY_ERROR
#define W GBO_SEVERITY_WARNING

static const struct gbo_rule rules[] = {
    { "GBO-X001", E, true },  /* not well-formed XML, or not UTF-8 */
    { "GBO-X002", E, true },  /* DOCTYPE, entities, external references, XInclude */
    { "GBO-X003", E, true },  /* schema violation */
    { "GBO-X004", E, true },  /* unsupported major version, or not this format */
    { "GBO-X005", E, true },  /* safety limit exceeded */
    { "GBO-X006", W, true },  /* newer minor version */
    { "GBO-I001", E, true },  /* national number check digits */
    { "GBO-I002", E, true },  /* national number birth date */
    { "GBO-I003", E, true },  /* enterprise / establishment number check digits */
    { "GBO-I004", E, true },  /* postal code, e-mail, phone */
    { "GBO-I005", E, true },  /* duplicate id */
    { "GBO-I006", E, true },  /* unresolved local reference */
    { "GBO-R001", E, true },  /* unknown or retired code */
    { "GBO-R002", E, true },  /* referral without help question */
    { "GBO-R003", E, true },  /* consult with personal data */
    { "GBO-R004", E, true },  /* lifecycle transition or poster */
    { "GBO-R005", E, true },  /* declined without reason */
    { "GBO-R006", E, true },  /* times out of order */
    { "GBO-R007", E, true },  /* more than one client */
    { "GBO-R008", E, true },  /* policy signal with personal data */
    { "GBO-R009", W, true },  /* refused / not pursued without reason */
    { "GBO-R010", W, true },  /* right in a life domain it is not mapped to */
    { "GBO-R011", W, true },  /* referral to the sender itself */
    { "GBO-R012", E, true },  /* referral recipient is not the document's */
    { "GBO-R013", W, true },  /* code from an extension not loaded */
    { "GBO-R014", E, true },  /* one update id, two contents */
    { "GBO-C001", E, true },
    { "GBO-C002", E, true },
    { "GBO-C003", E, true },
    { "GBO-C004", E, true },
    { "GBO-C005", E, true },
    { "GBO-C006", E, true },
    { "GBO-C007", E, true },
    { "GBO-C008", E, true },
    { "GBO-C009", W, true },
    { "GBO-C010", W, true },
    { "GBO-C011", W, true },
    { "GBO-C012", W, true },
    { "GBO-C013", E, true },
    { "GBO-C014", E, true },  /* informed consent: an element recorded false */
};

size_t gbo_rule_count(void)
{
    return sizeof rules / sizeof *rules;
}

const gbo_rule *gbo_rule_at(size_t index)
{
    return index < gbo_rule_count() ? &rules[index] : NULL;
}

const gbo_rule *gbo_rule_find(const char *id)
{
    for (size_t i = 0; id && i < gbo_rule_count(); i++)
        if (strcmp(rules[i].id, id) == 0)
            return &rules[i];
    return NULL;
}

const char *gbo_rule_id(const gbo_rule *rule)
{
    return rule ? rule->id : NULL;
}

gbo_severity gbo_rule_severity(const gbo_rule *rule)
{
    return rule ? rule->severity : GBO_SEVERITY_ERROR;
}

bool gbo_rule_implemented(const gbo_rule *rule)
{
    return rule && rule->implemented;
}

const char *gbo_rule_title(const gbo_rule *rule, gbo_lang lang)
{
    return rule ? gbop_rule_text(rule->id, lang, 0) : NULL;
}

const char *gbo_rule_help(const gbo_rule *rule, gbo_lang lang)
{
    return rule ? gbop_rule_text(rule->id, lang, 1) : NULL;
}
