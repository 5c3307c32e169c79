/* libgbo — GBO-R008: a policy signal is anonymous. It travels with no
 * person's record, and its text holds no national number, e-mail address
 * or phone number, nor the name of a person in the same document (compared
 * with ICU case folding, so "DE SMET" is "De Smet"). */
#include "config.h"

#include <stdio.h>

#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include "model.h"
#include "validate_internal.h"

#define MAX_TEXT 20001

/* Case-folded UTF-16 of UTF-8 text; false when it does not fit. */
static bool fold(const char *text, UChar *out, int32_t size, int32_t *len)
{
    UChar raw[MAX_TEXT];
    UErrorCode status = U_ZERO_ERROR;
    int32_t n = 0;
    u_strFromUTF8(raw, MAX_TEXT, &n, text, -1, &status);
    if (U_FAILURE(status) || n >= MAX_TEXT)
        return false;
    *len = u_strFoldCase(out, size, raw, n, U_FOLD_CASE_DEFAULT, &status);
    return U_SUCCESS(status) && *len < size;
}

/* Does the signal's text name a person of the document? */
static bool names_a_person(const vctx *c, const char *text)
{
    UChar folded_text[MAX_TEXT], folded_name[512]; /* on the stack: validators run on many threads */
    static const gbo_field names[] = { GBO_PERSON_GIVEN_NAME, GBO_PERSON_FAMILY_NAME };
    int32_t text_len, name_len;
    if (!fold(text, folded_text, MAX_TEXT, &text_len))
        return false;
    for (size_t i = 0; i < gbo_entity_count(c->doc, GBO_EXCHANGE_PERSONS); i++) {
        const gbo_entity *p = gbo_entity_child(c->doc, GBO_EXCHANGE_PERSONS, i);
        for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
            const char *name = gbo_entity_get(p, names[k]);
            if (name && fold(name, folded_name, 512, &name_len) && name_len >= 3 &&
                u_strstr(folded_text, folded_name))
                return true;
        }
    }
    return false;
}

static void visit(vctx *c, const gbo_entity *e)
{
    const char *text, *found;
    char key[32];
    if (gbo_entity_kind(e) != GBO_KIND_SIGNAL)
        return;
    if (gbo_entity_count(c->doc, GBO_EXCHANGE_PERSONS))
        gbop_report(c, "GBO-R008", gbo_entity_child(c->doc, GBO_EXCHANGE_PERSONS, 0), GBO_FIELD_NONE, 0,
                    "r008.person", NULL, NULL, NULL);
    text = gbo_entity_get(e, GBO_SIGNAL_DESCRIPTION);
    if (!text)
        return;
    if ((found = gbop_personal_data_in(text))) {
        snprintf(key, sizeof key, "r008.%s", found);
        gbop_report(c, "GBO-R008", e, GBO_SIGNAL_DESCRIPTION, 0, key, NULL, NULL, NULL);
    } else if (names_a_person(c, text)) {
        gbop_report(c, "GBO-R008", e, GBO_SIGNAL_DESCRIPTION, 0, "r008.name", NULL, NULL, NULL);
    }
}

void gbop_rules_signal(vctx *c)
{
    gbop_walk(c, c->doc, visit);
}
