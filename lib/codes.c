/* libgbo — code lists: the built-in codeset, lookups, collated listings. */
#include "config.h"

#include <string.h>
#include <strings.h>

#include <unicode/ucol.h>

#include "alloc.h"
#include "codes_internal.h"
#include "error.h"

static const char *const lang_tags[GBO_LANG_COUNT] = { "nl", "fr", "de", "en" };
/* Collation locales: Belgium's languages as spoken in Belgium. */
static const char *const collation_locales[GBO_LANG_COUNT] = { "nl_BE", "fr_BE", "de_BE", "en" };

gbo_status gbo_lang_parse(const char *tag, gbo_lang *out)
{
    if (!tag || !out)
        return GBO_E_INVALID_ARG;
    for (int i = 0; i < GBO_LANG_COUNT; i++) {
        if (strncasecmp(tag, lang_tags[i], 2) == 0 &&
            (tag[2] == '\0' || tag[2] == '-' || tag[2] == '_' || tag[2] == '.')) {
            *out = (gbo_lang)i;
            return GBO_OK;
        }
    }
    return GBO_E_NOT_FOUND;
}

const char *gbo_lang_tag(gbo_lang lang)
{
    return (unsigned)lang < GBO_LANG_COUNT ? lang_tags[lang] : NULL;
}

/* ---- life cycle ------------------------------------------------------------ */

void gbop_code_free(gbo_code *code)
{
    if (!code)
        return;
    gbop_free(code->value);
    for (int i = 0; i < GBO_LANG_COUNT; i++) {
        gbop_free(code->labels[i]);
        gbop_free(code->definitions[i]);
    }
    gbop_free(code->seed);
    for (size_t i = 0; i < code->nmaps; i++) {
        gbop_free(code->maps[i].list);
        gbop_free(code->maps[i].code);
    }
    gbop_free(code->maps);
    gbop_free(code);
}

void gbop_code_list_free(code_list *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->count; i++)
        gbop_code_free(list->codes[i]);
    gbop_free(list->codes);
    gbop_free(list->id);
    gbop_free(list);
}

void gbo_codeset_free(gbo_codeset *cs)
{
    if (!cs)
        return;
    for (size_t i = 0; i < cs->nlists; i++)
        gbop_code_list_free(cs->lists[i]);
    gbop_free(cs->lists);
    for (size_t i = 0; i < cs->nexts; i++) {
        gbop_free(cs->exts[i].id);
        gbop_free(cs->exts[i].version);
    }
    gbop_free(cs->exts);
    gbop_free(cs->id);
    gbop_free(cs->version);
    gbop_free(cs);
}

static gbo_code *copy_code(const gbo_code *from, const char *list, const char *origin)
{
    gbo_code *c = gbop_calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->list = list;
    c->origin = origin;
    c->valid_from = from->valid_from;
    c->valid_until = from->valid_until;
    c->has_until = from->has_until;
    if (!(c->value = gbop_strdup(from->value)) || !(c->seed = gbop_strdup(from->seed)))
        goto fail;
    for (int i = 0; i < GBO_LANG_COUNT; i++) {
        if ((from->labels[i] && !(c->labels[i] = gbop_strdup(from->labels[i]))) ||
            (from->definitions[i] && !(c->definitions[i] = gbop_strdup(from->definitions[i]))))
            goto fail;
    }
    if (from->nmaps) {
        c->maps = gbop_calloc(from->nmaps, sizeof *c->maps);
        if (!c->maps)
            goto fail;
        for (; c->nmaps < from->nmaps; c->nmaps++) {
            code_map *m = &c->maps[c->nmaps];
            m->list = gbop_strdup(from->maps[c->nmaps].list);
            m->code = gbop_strdup(from->maps[c->nmaps].code);
            if (!m->list || !m->code) {
                c->nmaps++;
                goto fail;
            }
        }
    }
    return c;
fail:
    gbop_code_free(c);
    return NULL;
}

/* A deep copy of the built-in codeset (which has no extensions). */
static gbo_codeset *copy_codeset(const gbo_codeset *from)
{
    gbo_codeset *cs = gbop_calloc(1, sizeof *cs);
    if (!cs)
        return NULL;
    if (!(cs->id = gbop_strdup(from->id)) || !(cs->version = gbop_strdup(from->version)))
        goto fail;
    cs->lists = gbop_calloc(from->nlists, sizeof *cs->lists);
    if (!cs->lists)
        goto fail;
    cs->caplists = from->nlists;
    for (; cs->nlists < from->nlists; cs->nlists++) {
        const code_list *src = from->lists[cs->nlists];
        code_list *l = gbop_calloc(1, sizeof *l);
        if (!l)
            goto fail;
        cs->lists[cs->nlists] = l;
        if (!(l->id = gbop_strdup(src->id)) ||
            !(l->codes = gbop_calloc(src->count, sizeof *l->codes))) {
            cs->nlists++;
            goto fail;
        }
        l->cap = src->count;
        for (; l->count < src->count; l->count++) {
            l->codes[l->count] = copy_code(src->codes[l->count], l->id, cs->id);
            if (!l->codes[l->count]) {
                cs->nlists++;
                goto fail;
            }
        }
    }
    return cs;
fail:
    gbo_codeset_free(cs);
    return NULL;
}

const gbo_codeset *gbo_codeset_builtin(gbo_error *err)
{
    (void)err; /* compiled in: nothing to read, nothing can fail */
    return &gbop_builtin_codeset;
}

gbo_codeset *gbo_codeset_new(gbo_error *err)
{
    const gbo_codeset *base = gbo_codeset_builtin(err);
    gbo_codeset *cs;
    if (!base)
        return NULL;
    cs = copy_codeset(base);
    if (!cs)
        gbop_nomem(err);
    return cs;
}

/* ---- queries --------------------------------------------------------------- */

const char *gbo_codeset_id(const gbo_codeset *cs)
{
    return cs ? cs->id : NULL;
}

const char *gbo_codeset_version(const gbo_codeset *cs)
{
    return cs ? cs->version : NULL;
}

size_t gbo_codeset_extension_count(const gbo_codeset *cs)
{
    return cs ? cs->nexts : 0;
}

const char *gbo_codeset_extension_id(const gbo_codeset *cs, size_t index)
{
    return cs && index < cs->nexts ? cs->exts[index].id : NULL;
}

const char *gbo_codeset_extension_version(const gbo_codeset *cs, size_t index)
{
    return cs && index < cs->nexts ? cs->exts[index].version : NULL;
}

size_t gbo_codeset_list_count(const gbo_codeset *cs)
{
    return cs ? cs->nlists : 0;
}

const char *gbo_codeset_list_id(const gbo_codeset *cs, size_t index)
{
    return cs && index < cs->nlists ? cs->lists[index]->id : NULL;
}

code_list *gbop_codeset_find_list(const gbo_codeset *cs, const char *id)
{
    if (!cs || !id)
        return NULL;
    for (size_t i = 0; i < cs->nlists; i++)
        if (strcmp(cs->lists[i]->id, id) == 0)
            return cs->lists[i];
    return NULL;
}

size_t gbo_codeset_code_count(const gbo_codeset *cs, const char *list)
{
    const code_list *l = gbop_codeset_find_list(cs, list);
    return l ? l->count : 0;
}

const gbo_code *gbo_codeset_code_at(const gbo_codeset *cs, const char *list, size_t index)
{
    const code_list *l = gbop_codeset_find_list(cs, list);
    return l && index < l->count ? l->codes[index] : NULL;
}

const gbo_code *gbo_codeset_lookup(const gbo_codeset *cs, const char *list, const char *value)
{
    const code_list *l = gbop_codeset_find_list(cs, list);
    if (!l || !value)
        return NULL;
    for (size_t i = 0; i < l->count; i++)
        if (strcmp(l->codes[i]->value, value) == 0)
            return l->codes[i];
    return NULL;
}

gbo_status gbo_codeset_sorted(const gbo_codeset *cs, const char *list, gbo_lang lang,
                              const gbo_code ***out, size_t *count, gbo_error *err)
{
    const code_list *l = gbop_codeset_find_list(cs, list);
    const gbo_code **sorted;
    UErrorCode uerr = U_ZERO_ERROR;
    UCollator *coll;

    if (!out || !count || (unsigned)lang >= GBO_LANG_COUNT)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "invalid argument");
    if (!l)
        return gbop_fail(err, GBO_E_NOT_FOUND, NULL, list, "no code list '%s'",
                         list ? list : "(null)");
    sorted = gbop_malloc(l->count * sizeof *sorted);
    if (!sorted)
        return gbop_nomem(err);
    coll = ucol_open(collation_locales[lang], &uerr);
    if (U_FAILURE(uerr)) {
        gbop_free(sorted);
        return gbop_fail(err, gbop_icu_status(uerr), NULL, NULL, "ICU collator for %s: %s",
                         collation_locales[lang], u_errorName(uerr));
    }
    /* Insertion sort: lists hold tens of codes, and the comparison needs the
     * collator, which qsort() cannot pass. Ties fall back to the code value so
     * the order is total. */
    for (size_t i = 0; i < l->count; i++) {
        const gbo_code *c = l->codes[i];
        size_t j = i;
        while (j > 0) {
            UCollationResult r;
            uerr = U_ZERO_ERROR;
            r = ucol_strcollUTF8(coll, sorted[j - 1]->labels[lang], -1, c->labels[lang], -1,
                                 &uerr);
            if (U_FAILURE(uerr)) {
                ucol_close(coll);
                gbop_free(sorted);
                return gbop_fail(err, gbop_icu_status(uerr), NULL, NULL, "ICU collation failed: %s",
                                 u_errorName(uerr));
            }
            if (r == UCOL_LESS || (r == UCOL_EQUAL && strcmp(sorted[j - 1]->value, c->value) < 0))
                break;
            sorted[j] = sorted[j - 1];
            j--;
        }
        sorted[j] = c;
    }
    ucol_close(coll);
    *out = sorted;
    *count = l->count;
    return GBO_OK;
}

/* ---- code accessors -------------------------------------------------------- */

const char *gbo_code_value(const gbo_code *code)
{
    return code ? code->value : NULL;
}

const char *gbo_code_list(const gbo_code *code)
{
    return code ? code->list : NULL;
}

const char *gbo_code_label(const gbo_code *code, gbo_lang lang)
{
    return code && (unsigned)lang < GBO_LANG_COUNT ? code->labels[lang] : NULL;
}

const char *gbo_code_definition(const gbo_code *code, gbo_lang lang)
{
    if (!code || (unsigned)lang >= GBO_LANG_COUNT)
        return NULL;
    return code->definitions[lang] ? code->definitions[lang] : code->definitions[GBO_LANG_EN];
}

const char *gbo_code_seed(const gbo_code *code)
{
    return code ? code->seed : NULL;
}

const char *gbo_code_origin(const gbo_code *code)
{
    return code ? code->origin : NULL;
}

gbo_date gbo_code_valid_from(const gbo_code *code)
{
    gbo_date none = { 0, 0, 0 };
    return code ? code->valid_from : none;
}

bool gbo_code_valid_until(const gbo_code *code, gbo_date *until)
{
    if (!code || !code->has_until)
        return false;
    if (until)
        *until = code->valid_until;
    return true;
}

bool gbo_code_is_valid_on(const gbo_code *code, gbo_date date)
{
    if (!code || gbo_date_compare(date, code->valid_from) < 0)
        return false;
    return !code->has_until || gbo_date_compare(date, code->valid_until) <= 0;
}

size_t gbo_code_map_count(const gbo_code *code, const char *list)
{
    size_t n = 0;
    if (!code || !list)
        return 0;
    for (size_t i = 0; i < code->nmaps; i++)
        n += strcmp(code->maps[i].list, list) == 0;
    return n;
}

const char *gbo_code_map_at(const gbo_code *code, const char *list, size_t index)
{
    if (!code || !list)
        return NULL;
    for (size_t i = 0; i < code->nmaps; i++)
        if (strcmp(code->maps[i].list, list) == 0 && index-- == 0)
            return code->maps[i].code;
    return NULL;
}
