/* libgbo — GBO-R008: a policy signal is anonymous. It travels with no
 * person's record, and its text holds no national number, e-mail address
 * or phone number, nor the name of a person in the same document. Names are
 * found with ICU's collation-based string search at primary strength, with
 * spaces and punctuation ignorable, on word boundaries: "DE SMET", "de
 * Smet" and "Desmet" find De Smet, "Sebastien" finds Sébastien, and "Jan"
 * does not find "januari". */
#include "config.h"

#include <stdio.h>

#include <unicode/ubrk.h>
#include <unicode/ucol.h>
#include <unicode/usearch.h>
#include <unicode/ustring.h>

#include "alloc.h"
#include "model.h"
#include "validate_internal.h"

/* New UTF-16 of UTF-8 text (gbop_free), or NULL. */
static UChar *utf16(const char *text, int32_t *len)
{
    UErrorCode status = U_ZERO_ERROR;
    UChar *out;
    u_strFromUTF8(NULL, 0, len, text, -1, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
        return NULL;
    if (!(out = gbop_malloc(((size_t)*len + 1) * sizeof *out)))
        return NULL;
    status = U_ZERO_ERROR;
    u_strFromUTF8(out, *len + 1, NULL, text, -1, &status);
    if (U_FAILURE(status)) {
        gbop_free(out);
        return NULL;
    }
    return out;
}

/* Is `name` (at least 3 characters) in the text, as whole words? GBO_OK
 * with *found set, or why it could not be told. */
static gbo_status text_names(UChar *text, int32_t text_len, UCollator *coll, UBreakIterator *words,
                             const char *name, bool *found)
{
    int32_t len;
    UChar *pattern;
    UErrorCode status = U_ZERO_ERROR;
    UStringSearch *search;
    if (!name)
        return GBO_OK;
    if (!(pattern = utf16(name, &len)))
        return GBO_E_NOMEM;
    if (len >= 3) {
        search = usearch_openFromCollator(pattern, len, text, text_len, coll, words, &status);
        if (U_SUCCESS(status))
            *found = usearch_first(search, &status) != USEARCH_DONE;
        usearch_close(search);
    }
    gbop_free(pattern);
    return U_SUCCESS(status) ? GBO_OK : status == U_MEMORY_ALLOCATION_ERROR ? GBO_E_NOMEM : GBO_E_INTERNAL;
}

/* Does the signal's text name a person of the document? GBO_OK with *found
 * set; otherwise the document could not be examined (no silent pass). */
static gbo_status names_a_person(const vctx *c, const char *description, bool *found)
{
    static const gbo_field names[] = { GBO_PERSON_GIVEN_NAME, GBO_PERSON_FAMILY_NAME };
    UErrorCode status = U_ZERO_ERROR;
    UCollator *coll = NULL;
    UBreakIterator *words = NULL;
    int32_t len;
    UChar *text = utf16(description, &len);
    gbo_status result = GBO_OK;

    *found = false;
    if (!text)
        return GBO_E_NOMEM;
    if (len == 0 || !gbo_entity_count(c->doc, GBO_EXCHANGE_PERSONS)) {
        gbop_free(text);
        return GBO_OK;
    }
    coll = ucol_open("", &status);
    if (U_SUCCESS(status))
        ucol_setAttribute(coll, UCOL_STRENGTH, UCOL_PRIMARY, &status);
    if (U_SUCCESS(status))
        ucol_setAttribute(coll, UCOL_ALTERNATE_HANDLING, UCOL_SHIFTED, &status);
    if (U_SUCCESS(status))
        words = ubrk_open(UBRK_WORD, "", text, len, &status);
    if (U_FAILURE(status))
        result = status == U_MEMORY_ALLOCATION_ERROR ? GBO_E_NOMEM : GBO_E_INTERNAL;
    for (size_t i = 0; result == GBO_OK && !*found && i < gbo_entity_count(c->doc, GBO_EXCHANGE_PERSONS); i++) {
        const gbo_entity *p = gbo_entity_child(c->doc, GBO_EXCHANGE_PERSONS, i);
        for (size_t k = 0; result == GBO_OK && !*found && k < sizeof names / sizeof *names; k++)
            result = text_names(text, len, coll, words, gbo_entity_get(p, names[k]), found);
    }
    ubrk_close(words);
    ucol_close(coll);
    gbop_free(text);
    return result;
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
    } else {
        bool named = false;
        gbo_status status = names_a_person(c, text, &named);
        if (status != GBO_OK)
            c->status = status;
        else if (named)
            gbop_report(c, "GBO-R008", e, GBO_SIGNAL_DESCRIPTION, 0, "r008.name", NULL, NULL, NULL);
    }
}

void gbop_rules_signal(vctx *c)
{
    gbop_walk(c, c->doc, visit);
}
