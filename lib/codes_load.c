/* libgbo — reading code-list files (the built-in one and network
 * extensions). The files are small, so they are read into a libxml2 tree
 * with safe options: no network, no DTD, no entity substitution; a DOCTYPE is
 * refused outright. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "alloc.h"
#include "codes_internal.h"
#include "error.h"
#include "init.h"
#include "text.h"
#include "values.h"
#include "xml.h"

#define CODELISTS_NS "urn:gbo:codelists:1"
#define MAX_FILE_SIZE (16u * 1024u * 1024u)
#define MAX_LABEL_BYTES 400
#define MAX_DEFINITION_BYTES 4000

static gbo_status node_fail(gbo_error *err, gbo_status status, xmlNodePtr node, const char *path,
                            const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static gbo_status node_fail(gbo_error *err, gbo_status status, xmlNodePtr node, const char *path,
                            const char *fmt, ...)
{
    char message[GBO_ERROR_TEXT_SIZE];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    gbop_fail(err, status, NULL, path, "%s", message);
    gbop_error_at(err, node ? (unsigned long)xmlGetLineNo(node) : 0, 0);
    return status;
}

static bool is_element(xmlNodePtr node, const char *name)
{
    return node->type == XML_ELEMENT_NODE && node->ns &&
           strcmp((const char *)node->ns->href, CODELISTS_NS) == 0 &&
           strcmp((const char *)node->name, name) == 0;
}

/* Only the attributes in `allowed` (NULL-terminated) may appear. */
static gbo_status check_attributes(xmlNodePtr node, const char *const *allowed, const char *path,
                                   gbo_error *err)
{
    for (xmlAttrPtr a = node->properties; a; a = a->next) {
        bool ok = false;
        bool xml_ns = a->ns && strcmp((const char *)a->ns->href,
                                      (const char *)XML_XML_NAMESPACE) == 0;
        for (const char *const *name = allowed; *name && !ok; name++) {
            if (strncmp(*name, "xml:", 4) == 0)
                ok = xml_ns && strcmp((const char *)a->name, *name + 4) == 0;
            else
                ok = !a->ns && strcmp((const char *)a->name, *name) == 0;
        }
        if (!ok)
            return node_fail(err, GBO_E_PARSE, node, path, "unexpected attribute '%s'",
                             (const char *)a->name);
    }
    return GBO_OK;
}

/* A new copy of attribute `name` in *out (NULL when absent). */
static gbo_status get_attr(xmlNodePtr node, const char *name, bool required, const char *path,
                           char **out, gbo_error *err)
{
    xmlChar *v = xmlGetNoNsProp(node, (const xmlChar *)name);
    *out = NULL;
    if (!v && xmlHasNsProp(node, (const xmlChar *)name, NULL))
        return gbop_nomem(err); /* there, but libxml2 could not copy it */
    if (!v) {
        if (required)
            return node_fail(err, GBO_E_PARSE, node, path, "missing attribute '%s'", name);
        return GBO_OK;
    }
    *out = gbop_strdup((const char *)v);
    xmlFree(v);
    return *out ? GBO_OK : gbop_nomem(err);
}

static gbo_status get_date_attr(xmlNodePtr node, const char *name, const char *path, gbo_date *out,
                                bool *present, gbo_error *err)
{
    char *text;
    gbo_status status = get_attr(node, name, present == NULL, path, &text, err);
    if (status != GBO_OK)
        return status;
    if (present)
        *present = text != NULL;
    if (text && gbo_date_parse(text, out, NULL) != GBO_OK)
        status = node_fail(err, GBO_E_PARSE, node, path, "%s: expected a date YYYY-MM-DD", name);
    gbop_free(text);
    return status;
}

/* The element's text, NFC-normalised, in a new string. */
static gbo_status get_text(xmlNodePtr node, size_t max, const char *path, char **out,
                           gbo_error *err)
{
    xmlChar *content = xmlNodeGetContent(node);
    gbo_status status;
    if (!content)
        return gbop_nomem(err);
    status = gbop_text_nfc((const char *)content, strlen((const char *)content), max, path, out,
                           err);
    xmlFree(content);
    if (status == GBO_OK && (*out)[0] == '\0') {
        gbop_free(*out);
        *out = NULL;
        return node_fail(err, GBO_E_PARSE, node, path, "empty text");
    }
    if (status != GBO_OK)
        gbop_error_at(err, (unsigned long)xmlGetLineNo(node), 0);
    return status;
}

static gbo_status get_lang(xmlNodePtr node, const char *path, gbo_lang *out, gbo_error *err)
{
    xmlChar *tag = xmlGetNsProp(node, (const xmlChar *)"lang", XML_XML_NAMESPACE);
    gbo_status status = GBO_OK;
    if (!tag && xmlHasNsProp(node, (const xmlChar *)"lang", XML_XML_NAMESPACE))
        return gbop_nomem(err);
    if (!tag || strlen((const char *)tag) != 2 || gbo_lang_parse((const char *)tag, out) != GBO_OK)
        status = node_fail(err, GBO_E_PARSE, node, path, "xml:lang must be nl, fr, de or en");
    xmlFree(tag);
    return status;
}

static gbo_status parse_map(xmlNodePtr node, gbo_code *code, const char *path, gbo_error *err)
{
    static const char *const attrs[] = { "list", "code", NULL };
    code_map map = { NULL, NULL };
    gbo_status status;
    size_t cap = code->nmaps;

    status = check_attributes(node, attrs, path, err);
    if (status == GBO_OK)
        status = get_attr(node, "list", true, path, &map.list, err);
    if (status == GBO_OK)
        status = get_attr(node, "code", true, path, &map.code, err);
    if (status == GBO_OK && gbop_grow((void **)&code->maps, &cap, code->nmaps + 1,
                                      sizeof *code->maps))
        status = gbop_nomem(err);
    if (status != GBO_OK) {
        gbop_free(map.list);
        gbop_free(map.code);
        return status;
    }
    code->maps[code->nmaps++] = map;
    return GBO_OK;
}


/* A code as a code list defines it: 1 to 48 lower-case ASCII letters and
 * digits, in words joined by single '-'. */
static bool is_code_form(const char *s)
{
    size_t len = strlen(s);
    bool word = false;
    if (len == 0 || len > 48)
        return false;
    for (size_t i = 0; i < len; i++) {
        if ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9'))
            word = true;
        else if (s[i] == '-' && word && i + 1 < len)
            word = false;
        else
            return false;
    }
    return true;
}

static gbo_status parse_code(xmlNodePtr node, const char *list_id, const char *origin,
                             gbo_code **out, gbo_error *err)
{
    static const char *const attrs[] = { "value", "validFrom", "validUntil", "seed", NULL };
    char path[GBO_ERROR_PATH_SIZE];
    char *raw = NULL;
    gbo_code *code;
    gbo_status status;

    *out = NULL;
    snprintf(path, sizeof path, "/codeLists/list[@id='%s']/code", list_id);
    code = gbop_calloc(1, sizeof *code);
    if (!code)
        return gbop_nomem(err);
    code->list = list_id;
    code->origin = origin;

    status = check_attributes(node, attrs, path, err);
    if (status == GBO_OK)
        status = get_attr(node, "value", true, path, &raw, err);
    if (status == GBO_OK) {
        /* a code list defines its codes in their stable ASCII form (SPEC
         * §3): lower-case words joined by single '-'; documents may carry
         * any text, which GBO-R001 then judges */
        if (!is_code_form(raw))
            status = node_fail(err, GBO_E_PARSE, node, path,
                               "value: expected a code of lower-case letters, digits and '-'");
        else
            status = gbop_canonical(GBO_TYPE_CODE, raw, 48, "value", &code->value, err);
    }
    if (status == GBO_OK)
        snprintf(path, sizeof path, "/codeLists/list[@id='%s']/code[@value='%s']", list_id,
                 code->value);
    if (status == GBO_OK)
        status = get_date_attr(node, "validFrom", path, &code->valid_from, NULL, err);
    if (status == GBO_OK)
        status = get_date_attr(node, "validUntil", path, &code->valid_until, &code->has_until, err);
    if (status == GBO_OK && code->has_until &&
        gbo_date_compare(code->valid_until, code->valid_from) < 0)
        status = node_fail(err, GBO_E_PARSE, node, path, "validUntil is before validFrom");
    if (status == GBO_OK)
        status = get_attr(node, "seed", true, path, &code->seed, err);

    for (xmlNodePtr child = node->children; child && status == GBO_OK; child = child->next) {
        gbo_lang lang;
        if (child->type != XML_ELEMENT_NODE)
            continue;
        if (is_element(child, "label") || is_element(child, "definition")) {
            static const char *const lang_attr[] = { "xml:lang", NULL };
            bool label = is_element(child, "label");
            char **slot;
            status = check_attributes(child, lang_attr, path, err);
            if (status == GBO_OK)
                status = get_lang(child, path, &lang, err);
            if (status != GBO_OK)
                break;
            slot = label ? &code->labels[lang] : &code->definitions[lang];
            if (*slot) {
                status = node_fail(err, GBO_E_PARSE, child, path, "two %ss in language %s",
                                   label ? "label" : "definition", gbo_lang_tag(lang));
                break;
            }
            status = get_text(child, label ? MAX_LABEL_BYTES : MAX_DEFINITION_BYTES, path, slot,
                              err);
        } else if (is_element(child, "map")) {
            status = parse_map(child, code, path, err);
        } else {
            status = node_fail(err, GBO_E_PARSE, child, path, "unexpected element '%s'",
                               (const char *)child->name);
        }
    }
    for (int i = 0; i < GBO_LANG_COUNT && status == GBO_OK; i++)
        if (!code->labels[i])
            status = node_fail(err, GBO_E_PARSE, node, path, "no label in language %s",
                               gbo_lang_tag((gbo_lang)i));
    if (status == GBO_OK && !code->definitions[GBO_LANG_EN])
        status = node_fail(err, GBO_E_PARSE, node, path, "no definition in English");

    gbop_free(raw);
    if (status != GBO_OK) {
        gbop_code_free(code);
        return status;
    }
    *out = code;
    return GBO_OK;
}

static code_list *add_list(gbo_codeset *cs, const char *id)
{
    code_list *list = gbop_calloc(1, sizeof *list);
    if (!list)
        return NULL;
    list->id = gbop_strdup(id);
    if (!list->id || gbop_grow((void **)&cs->lists, &cs->caplists, cs->nlists + 1,
                               sizeof *cs->lists)) {
        gbop_code_list_free(list);
        return NULL;
    }
    cs->lists[cs->nlists++] = list;
    return list;
}

static gbo_status parse_list(xmlNodePtr node, gbo_codeset *target, const gbo_codeset *base,
                             gbo_error *err)
{
    static const char *const attrs[] = { "id", NULL };
    char path[GBO_ERROR_PATH_SIZE] = "/codeLists/list";
    char *id = NULL;
    code_list *list;
    gbo_status status;

    status = check_attributes(node, attrs, path, err);
    if (status == GBO_OK)
        status = get_attr(node, "id", true, path, &id, err);
    if (status != GBO_OK)
        return status;
    snprintf(path, sizeof path, "/codeLists/list[@id='%s']", id);
    if (base && !gbop_codeset_find_list(base, id)) {
        status = node_fail(err, GBO_E_NOT_FOUND, node, path,
                           "extensions add codes to existing lists only; there is no list '%s'",
                           id);
        gbop_free(id);
        return status;
    }
    list = gbop_codeset_find_list(target, id);
    if (list && !base) {
        status = node_fail(err, GBO_E_PARSE, node, path, "list '%s' appears twice", id);
        gbop_free(id);
        return status;
    }
    if (!list)
        list = add_list(target, id);
    gbop_free(id);
    if (!list)
        return gbop_nomem(err);

    for (xmlNodePtr child = node->children; child; child = child->next) {
        gbo_code *code;
        if (child->type != XML_ELEMENT_NODE)
            continue;
        if (!is_element(child, "code")) {
            bool removal = strcmp((const char *)child->name, "remove") == 0 ||
                           strcmp((const char *)child->name, "rename") == 0;
            return node_fail(err, removal ? GBO_E_CONFLICT : GBO_E_PARSE, child, path,
                             removal ? "code lists are never shortened: '%s' is not allowed"
                                     : "unexpected element '%s'",
                             (const char *)child->name);
        }
        status = parse_code(child, list->id, target->id, &code, err);
        if (status != GBO_OK)
            return status;
        if (gbo_codeset_lookup(target, list->id, code->value) ||
            (base && gbo_codeset_lookup(base, list->id, code->value))) {
            status = node_fail(err, base ? GBO_E_CONFLICT : GBO_E_PARSE, child, path,
                               base ? "code '%s' exists already: extensions may not redefine or "
                                      "rename a code"
                                    : "code '%s' appears twice",
                               code->value);
            gbop_code_free(code);
            return status;
        }
        if (gbop_grow((void **)&list->codes, &list->cap, list->count + 1, sizeof *list->codes)) {
            gbop_code_free(code);
            return gbop_nomem(err);
        }
        list->codes[list->count++] = code;
    }
    return GBO_OK;
}

/* Every map of every code in `cs` must name a code of `cs` or `base`. */
static gbo_status check_maps(const gbo_codeset *cs, const gbo_codeset *base, gbo_error *err)
{
    for (size_t i = 0; i < cs->nlists; i++) {
        const code_list *l = cs->lists[i];
        for (size_t j = 0; j < l->count; j++) {
            const gbo_code *c = l->codes[j];
            for (size_t k = 0; k < c->nmaps; k++) {
                if (gbo_codeset_lookup(cs, c->maps[k].list, c->maps[k].code) ||
                    (base && gbo_codeset_lookup(base, c->maps[k].list, c->maps[k].code)))
                    continue;
                return gbop_fail(err, GBO_E_PARSE, NULL, l->id,
                                 "code '%s' of list '%s' maps to unknown code '%s' of list '%s'",
                                 c->value, l->id, c->maps[k].code, c->maps[k].list);
            }
        }
    }
    return GBO_OK;
}

static gbo_status read_document(const char *data, size_t size, xmlDocPtr *out, gbo_error *err)
{
    xmlParserCtxtPtr ctxt;
    xmlDocPtr doc;
    gbop_xml_quiet quiet;

    *out = NULL;
    if (size > MAX_FILE_SIZE)
        return gbop_fail(err, GBO_E_PARSE, NULL, NULL, "code-list file larger than %u bytes",
                         MAX_FILE_SIZE);
    if (size > (size_t)INT32_MAX)
        return gbop_fail(err, GBO_E_PARSE, NULL, NULL, "code-list file too large");
    gbop_init();
    ctxt = xmlNewParserCtxt();
    if (!ctxt)
        return gbop_nomem(err);
    /* code-list files are UTF-8 (a declared other encoding is not honoured,
     * its bytes fail as UTF-8), read without a word on libxml2's channel */
    gbop_xml_quiet_begin(&quiet);
    doc = xmlCtxtReadMemory(ctxt, data, (int)size, "codelists.xml", "UTF-8",
                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                XML_PARSE_NOCDATA);
    gbop_xml_quiet_end(&quiet);
    if (quiet.out_of_memory || !doc || !ctxt->wellFormed) {
        const xmlError *e = xmlCtxtGetLastError(ctxt);
        if (!e || quiet.out_of_memory) { /* no verdict on the file */
            xmlFreeDoc(doc);
            xmlFreeParserCtxt(ctxt);
            return gbop_nomem(err);
        }
        gbop_fail(err, GBO_E_PARSE, NULL, NULL, "code-list file is not well-formed XML");
        if (e)
            gbop_error_at(err, (unsigned long)(e->line > 0 ? e->line : 0),
                          (unsigned long)(e->int2 > 0 ? e->int2 : 0));
        xmlFreeDoc(doc);
        xmlFreeParserCtxt(ctxt);
        return GBO_E_PARSE;
    }
    xmlFreeParserCtxt(ctxt);
    if (doc->intSubset || doc->extSubset) {
        xmlFreeDoc(doc);
        return gbop_fail(err, GBO_E_PARSE, NULL, NULL,
                         "code-list files may not contain a DOCTYPE");
    }
    *out = doc;
    return GBO_OK;
}

/* Read a code-list file into the empty codeset `target`. With a `base`, the
 * file is an extension of it: lists must exist in base, codes must be new,
 * maps may point into base. */
static gbo_status parse_codelists(const char *data, size_t size, gbo_codeset *target,
                                  const gbo_codeset *base, gbo_error *err)
{
    static const char *const attrs[] = { "id", "version", "extends", NULL };
    xmlDocPtr doc;
    xmlNodePtr root;
    char *extends = NULL;
    gbo_status status = read_document(data, size, &doc, err);

    if (status != GBO_OK)
        return status;
    root = xmlDocGetRootElement(doc);
    if (!root || !is_element(root, "codeLists")) {
        status = node_fail(err, GBO_E_PARSE, root, "/",
                           "root element must be codeLists in namespace " CODELISTS_NS);
        goto cleanup;
    }
    status = check_attributes(root, attrs, "/codeLists", err);
    if (status == GBO_OK)
        status = get_attr(root, "id", true, "/codeLists", &target->id, err);
    if (status == GBO_OK)
        status = get_attr(root, "version", true, "/codeLists", &target->version, err);
    if (status == GBO_OK)
        status = get_attr(root, "extends", false, "/codeLists", &extends, err);
    if (status != GBO_OK)
        goto cleanup;
    if (base && extends && strcmp(extends, base->id) != 0) {
        status = node_fail(err, GBO_E_CONFLICT, root, "/codeLists",
                           "extension extends '%s', not these lists ('%s')", extends, base->id);
        goto cleanup;
    }
    if (base && strcmp(target->id, base->id) == 0) {
        status = node_fail(err, GBO_E_CONFLICT, root, "/codeLists",
                           "an extension needs an id of its own, not '%s'", base->id);
        goto cleanup;
    }
    for (size_t i = 0; base && i < base->nexts; i++) {
        if (strcmp(base->exts[i].id, target->id) == 0) {
            status = node_fail(err, GBO_E_CONFLICT, root, "/codeLists",
                               "extension '%s' is loaded already", target->id);
            goto cleanup;
        }
    }
    if (!base && extends) {
        status = node_fail(err, GBO_E_PARSE, root, "/codeLists",
                           "the built-in lists extend nothing");
        goto cleanup;
    }
    for (xmlNodePtr child = root->children; child && status == GBO_OK; child = child->next) {
        if (child->type != XML_ELEMENT_NODE)
            continue;
        if (!is_element(child, "list"))
            status = node_fail(err, GBO_E_PARSE, child, "/codeLists", "unexpected element '%s'",
                               (const char *)child->name);
        else
            status = parse_list(child, target, base, err);
    }
    if (status == GBO_OK)
        status = check_maps(target, base, err);

cleanup:
    gbop_free(extends);
    xmlFreeDoc(doc);
    return status;
}

gbo_status gbop_codeset_load_xml(gbo_codeset *cs, const char *data, size_t size, gbo_error *err)
{
    return parse_codelists(data, size, cs, NULL, err);
}

/* Move the codes of the parsed extension `ext` into `cs`. Every array is
 * grown first, so the move itself cannot fail half-way. */
static gbo_status merge_extension(gbo_codeset *cs, gbo_codeset *ext, gbo_error *err)
{
    if (gbop_grow((void **)&cs->exts, &cs->capexts, cs->nexts + 1, sizeof *cs->exts))
        return gbop_nomem(err);
    for (size_t i = 0; i < ext->nlists; i++) {
        code_list *to = gbop_codeset_find_list(cs, ext->lists[i]->id);
        if (gbop_grow((void **)&to->codes, &to->cap, to->count + ext->lists[i]->count,
                      sizeof *to->codes))
            return gbop_nomem(err);
    }
    for (size_t i = 0; i < ext->nlists; i++) {
        code_list *from = ext->lists[i];
        code_list *to = gbop_codeset_find_list(cs, from->id);
        for (size_t j = 0; j < from->count; j++) {
            from->codes[j]->list = to->id;
            to->codes[to->count++] = from->codes[j];
        }
        from->count = 0;
    }
    cs->exts[cs->nexts].id = ext->id;
    cs->exts[cs->nexts].version = ext->version;
    cs->nexts++;
    ext->id = ext->version = NULL;
    return GBO_OK;
}

gbo_status gbo_codeset_load_extension_memory(gbo_codeset *cs, const char *data, size_t size,
                                             gbo_error *err)
{
    gbo_codeset *ext;
    gbo_status status;

    if (!cs || !data)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "NULL argument");
    ext = gbop_calloc(1, sizeof *ext);
    if (!ext)
        return gbop_nomem(err);
    status = parse_codelists(data, size, ext, cs, err);
    if (status == GBO_OK)
        status = merge_extension(cs, ext, err);
    gbo_codeset_free(ext);
    return status;
}

gbo_status gbo_codeset_load_extension_file(gbo_codeset *cs, const char *path, gbo_error *err)
{
    FILE *f;
    char *data = NULL;
    size_t size = 0, cap = 0;
    gbo_status status = GBO_OK;

    if (!cs || !path)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "NULL argument");
    f = fopen(path, "rb");
    if (!f) {
        int saved = errno;
        gbop_fail(err, GBO_E_IO, NULL, NULL, "cannot open code-list extension: %s",
                  strerror(saved));
        errno = saved;
        return GBO_E_IO;
    }
    for (;;) {
        size_t n;
        if (size == cap && gbop_grow((void **)&data, &cap, cap + 65536, 1)) {
            status = gbop_nomem(err);
            break;
        }
        n = fread(data + size, 1, cap - size, f);
        size += n;
        if (n == 0) {
            if (ferror(f)) {
                int saved = errno;
                status = gbop_fail(err, GBO_E_IO, NULL, NULL,
                                   "cannot read code-list extension: %s", strerror(saved));
                errno = saved;
            }
            break;
        }
        if (size > MAX_FILE_SIZE) {
            status = gbop_fail(err, GBO_E_PARSE, NULL, NULL,
                               "code-list file larger than %u bytes", MAX_FILE_SIZE);
            break;
        }
    }
    fclose(f);
    if (status == GBO_OK)
        status = gbo_codeset_load_extension_memory(cs, data ? data : "", size, err);
    gbop_free(data);
    return status;
}
