/* libgbo — the message catalogue: read once from the copy compiled into the
 * library, shared read-only; messages formatted with ICU's MessageFormat. */
#include "config.h"
#include "messages.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <unicode/uloc.h>
#include <unicode/umsg.h>
#include <unicode/ustring.h>

#include "alloc.h"
#include "init.h"

#define CATALOGUE_NS "urn:gbo:messages:1"
#define MAX_PATTERN 1024

extern const unsigned char gbop_messages_xml[];
extern const size_t gbop_messages_xml_size;

typedef struct entry {
    char *key;                      /* message key, or rule id */
    char *texts[GBO_LANG_COUNT];    /* message text, or rule title */
    char *helps[GBO_LANG_COUNT];    /* rule help */
} entry;

typedef struct catalogue {
    size_t count;
    entry *entries; /* sorted by key */
} catalogue;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static catalogue *loaded;

static void free_catalogue(catalogue *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->count; i++) {
        gbop_free(c->entries[i].key);
        for (int l = 0; l < GBO_LANG_COUNT; l++) {
            gbop_free(c->entries[i].texts[l]);
            gbop_free(c->entries[i].helps[l]);
        }
    }
    gbop_free(c->entries);
    gbop_free(c);
}

static int compare_entries(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->key, ((const entry *)b)->key);
}

static bool is_named(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->ns &&
           xmlStrEqual(n->ns->href, (const xmlChar *)CATALOGUE_NS) &&
           xmlStrEqual(n->name, (const xmlChar *)name);
}

/* Copy the texts of `node`'s children named `name` into slots by xml:lang. */
static int copy_texts(xmlNodePtr node, const char *name, char **slots)
{
    for (xmlNodePtr t = node->children; t; t = t->next) {
        xmlChar *lang, *content;
        gbo_lang l;
        if (!is_named(t, name))
            continue;
        lang = xmlGetNsProp(t, (const xmlChar *)"lang", XML_XML_NAMESPACE);
        content = xmlNodeGetContent(t);
        if (lang && content && gbo_lang_parse((const char *)lang, &l) == GBO_OK && !slots[l])
            slots[l] = gbop_strdup((const char *)content);
        xmlFree(lang);
        xmlFree(content);
        if (!content)
            return -1;
    }
    return 0;
}

static catalogue *load(void)
{
    catalogue *c = gbop_calloc(1, sizeof *c);
    xmlDocPtr doc;
    xmlNodePtr root;
    size_t n = 0;

    if (!c)
        return NULL;
    gbop_init();
    doc = xmlReadMemory((const char *)gbop_messages_xml, (int)gbop_messages_xml_size,
                        "messages.xml", "UTF-8",
                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) {
        xmlFreeDoc(doc);
        gbop_free(c);
        return NULL;
    }
    for (xmlNodePtr e = root->children; e; e = e->next)
        n += is_named(e, "rule") || is_named(e, "message");
    c->entries = gbop_calloc(n ? n : 1, sizeof *c->entries);
    if (!c->entries)
        goto fail;
    for (xmlNodePtr e = root->children; e; e = e->next) {
        bool rule = is_named(e, "rule");
        entry *en;
        xmlChar *key;
        if (!rule && !is_named(e, "message"))
            continue;
        en = &c->entries[c->count++];
        key = xmlGetNoNsProp(e, (const xmlChar *)(rule ? "id" : "key"));
        en->key = key ? gbop_strdup((const char *)key) : NULL;
        xmlFree(key);
        if (!en->key || copy_texts(e, rule ? "title" : "text", en->texts) ||
            (rule && copy_texts(e, "help", en->helps)))
            goto fail;
    }
    xmlFreeDoc(doc);
    qsort(c->entries, c->count, sizeof *c->entries, compare_entries);
    return c;
fail:
    xmlFreeDoc(doc);
    free_catalogue(c);
    return NULL;
}

static const catalogue *get(void)
{
    const catalogue *c;
    pthread_mutex_lock(&lock);
    if (!loaded)
        loaded = load();
    c = loaded;
    pthread_mutex_unlock(&lock);
    return c;
}

__attribute__((destructor)) static void unload(void)
{
    free_catalogue(loaded);
    loaded = NULL;
}

static const entry *find(const char *key)
{
    const catalogue *c = get();
    entry probe;
    if (!c || !key)
        return NULL;
    probe.key = (char *)key;
    return bsearch(&probe, c->entries, c->count, sizeof *c->entries, compare_entries);
}

/* The text in `lang`, else the English one. */
static const char *pick(char *const *slots, gbo_lang lang)
{
    if ((unsigned)lang < GBO_LANG_COUNT && slots[lang])
        return slots[lang];
    return slots[GBO_LANG_EN];
}

const char *gbop_rule_text(const char *id, gbo_lang lang, int help)
{
    const entry *e = find(id);
    return e ? pick(help ? e->helps : e->texts, lang) : NULL;
}

static void copy_out(const char *s, char *out, size_t size)
{
    size_t n = strlen(s);
    if (n >= size)
        n = size - 1;
    memcpy(out, s, n);
    out[n] = '\0';
}

void gbop_message(gbo_lang lang, const char *key, const char *const *args, size_t nargs,
                  char *out, size_t size)
{
    static const char *const locales[GBO_LANG_COUNT] = { "nl_BE", "fr_BE", "de_BE", "en" };
    const entry *e = find(key);
    const char *pattern = e ? pick(e->texts, lang) : NULL;
    UChar upattern[MAX_PATTERN], uargs[3][256], result[2048];
    UErrorCode status = U_ZERO_ERROR;
    int32_t plen = 0, rlen;

    if (!size)
        return;
    if (!pattern) {
        copy_out(key ? key : "", out, size);
        return;
    }
    u_strFromUTF8(upattern, MAX_PATTERN, &plen, pattern, -1, &status);
    for (size_t i = 0; i < 3 && U_SUCCESS(status); i++)
        u_strFromUTF8(uargs[i], 256, NULL, i < nargs && args[i] ? args[i] : "", -1, &status);
    if (U_FAILURE(status)) {
        copy_out(pattern, out, size);
        return;
    }
    gbop_fragile_call = "u_formatMessage";
    rlen = u_formatMessage(locales[(unsigned)lang < GBO_LANG_COUNT ? lang : GBO_LANG_EN],
                           upattern, plen, result, 2048, &status, uargs[0], uargs[1], uargs[2]);
    gbop_fragile_call = NULL;
    if (U_FAILURE(status) || rlen >= 2048) {
        copy_out(pattern, out, size);
        return;
    }
    status = U_ZERO_ERROR;
    u_strToUTF8(out, (int32_t)size, NULL, result, rlen, &status);
    if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING)
        out[size - 1] = '\0';
}

gbo_lang gbop_default_lang(void)
{
    gbo_lang lang;
    const char *env[] = { getenv("LC_ALL"), getenv("LC_MESSAGES"), getenv("LANG") };
    for (int i = 0; i < 3; i++)
        if (env[i] && *env[i])
            return gbo_lang_parse(env[i], &lang) == GBO_OK ? lang : GBO_LANG_EN;
    if (gbo_lang_parse(uloc_getDefault(), &lang) == GBO_OK)
        return lang;
    return GBO_LANG_EN;
}
