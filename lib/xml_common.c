/* libgbo — XML helpers shared by the document and bundle readers: the
 * prolog pre-scan, paths, canonical extension elements, error mapping. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libxml/c14n.h>
#include <libxml/parser.h>

#include "alloc.h"
#include "diagnostics.h"
#include "error.h"
#include "model.h"
#include "xml.h"

bool gbop_is_format_element(xmlNodePtr node, const char *name)
{
    return node && node->type == XML_ELEMENT_NODE && node->ns &&
           strcmp((const char *)node->ns->href, GBO_FORMAT_NAMESPACE) == 0 &&
           (!name || strcmp((const char *)node->name, name) == 0);
}

/* ---- pre-scan of the prolog -------------------------------------------------- */

/* Refuse with the line of byte `at` of the input. */
static bool refuse_at(gbo_diagnostics *diags, const char *rule, const char *key, const char *data,
                      size_t at)
{
    unsigned long line = 1;
    for (size_t i = 0; i < at; i++)
        line += data[i] == '\n';
    gbop_diag(diags, rule, GBO_SEVERITY_ERROR, line, 0, "", key, NULL, NULL, NULL);
    return false;
}

static bool refuse(gbo_diagnostics *diags, const char *rule, const char *key)
{
    gbop_diag(diags, rule, GBO_SEVERITY_ERROR, 1, 0, "", key, NULL, NULL, NULL);
    return false;
}

/* The value of encoding="…" in an XML declaration of `len` bytes, copied into
 * buf; "" when there is none. */
static void declared_encoding(const char *decl, size_t len, char *buf, size_t size)
{
    const char *p = decl, *end = decl + len;
    buf[0] = '\0';
    while (p + 8 < end) {
        if (strncmp(p, "encoding", 8) == 0) {
            p += 8;
            while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
                p++;
            if (p < end && *p == '=') {
                char quote;
                size_t n = 0;
                p++;
                while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
                    p++;
                if (p >= end || (*p != '"' && *p != '\''))
                    return;
                quote = *p++;
                while (p < end && *p != quote && n + 1 < size)
                    buf[n++] = *p++;
                buf[n] = '\0';
            }
            return;
        }
        p++;
    }
}

typedef enum misc {
    MISC_ELEMENT,              /* *at is the '<' of the root element */
    MISC_DECLARATION,          /* a DOCTYPE or other <! declaration */
    MISC_UNTERMINATED_COMMENT,
    MISC_UNTERMINATED_PI,
    MISC_END                   /* the data ends before any element */
} misc;

/* Skip white space, comments and processing instructions (an XML
 * declaration is one) from *at up to the root element. */
static misc skip_misc(const char *data, size_t size, size_t *at)
{
    size_t i = *at;
    misc result = MISC_END;
    while (i < size) {
        const char *end;
        if (isspace((unsigned char)data[i])) {
            i++;
        } else if (size - i >= 4 && strncmp(data + i, "<!--", 4) == 0) {
            end = memmem(data + i + 4, size - i - 4, "-->", 3);
            if (!end) {
                result = MISC_UNTERMINATED_COMMENT;
                break;
            }
            i = (size_t)(end - data) + 3;
        } else if (size - i >= 2 && strncmp(data + i, "<?", 2) == 0) {
            end = memmem(data + i + 2, size - i - 2, "?>", 2);
            if (!end) {
                result = MISC_UNTERMINATED_PI;
                break;
            }
            i = (size_t)(end - data) + 2;
        } else if (size - i >= 2 && strncmp(data + i, "<!", 2) == 0) {
            result = MISC_DECLARATION;
            break;
        } else {
            result = data[i] == '<' ? MISC_ELEMENT : MISC_END;
            break;
        }
    }
    *at = i;
    return result;
}

bool gbop_prescan(const char *data, size_t size, bool complete, gbo_diagnostics *diags)
{
    const unsigned char *u = (const unsigned char *)data;
    size_t i = 0;

    if (size == 0)
        return complete ? refuse(diags, "GBO-X001", "x001.empty") : true;
    if (size >= 2 && ((u[0] == 0xFE && u[1] == 0xFF) || (u[0] == 0xFF && u[1] == 0xFE)))
        return refuse(diags, "GBO-X001", "x001.utf16-bom");
    if (size >= 4 && ((u[0] == 0 && u[1] == 0) || (u[0] == '<' && u[1] == 0) || (u[0] == 0 && u[1] == '<')))
        return refuse(diags, "GBO-X001", "x001.utf16");
    if (size >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        i = 3;
    if (size - i >= 5 && strncmp(data + i, "<?xml", 5) == 0 &&
        (size - i == 5 || isspace(u[i + 5]))) {
        const char *close = memmem(data + i, size - i, "?>", 2);
        char encoding[32];
        if (!close)
            return complete ? refuse(diags, "GBO-X001", "x001.unterminated-declaration") : true;
        declared_encoding(data + i, (size_t)(close - (data + i)), encoding, sizeof encoding);
        if (encoding[0] && strcasecmp(encoding, "UTF-8") != 0 && strcasecmp(encoding, "UTF8") != 0)
            return refuse(diags, "GBO-X001", "x001.encoding");
        i = (size_t)(close - data) + 2;
    }
    switch (skip_misc(data, size, &i)) {
    case MISC_DECLARATION:
        return refuse_at(diags, "GBO-X002", "x002.declaration", data, i);
    case MISC_UNTERMINATED_COMMENT:
        return complete ? refuse(diags, "GBO-X001", "x001.unterminated-comment") : true;
    case MISC_UNTERMINATED_PI:
        return complete ? refuse(diags, "GBO-X001", "x001.unterminated-pi") : true;
    case MISC_END:
        return complete ? refuse(diags, "GBO-X001", "x001.no-root") : true;
    case MISC_ELEMENT:
        break;
    }
    return true;
}

bool gbo_is_bundle(const char *data, size_t size)
{
    const char *name, *colon;
    size_t i = 0, left;

    if (!data)
        return false;
    if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    if (skip_misc(data, size, &i) != MISC_ELEMENT)
        return false;
    name = data + i + 1;
    left = size - i - 1;
    /* a prefixed root, <g:bundle */
    colon = memchr(name, ':', left < 64 ? left : 64);
    if (colon && !memchr(name, '>', (size_t)(colon - name)) && !memchr(name, ' ', (size_t)(colon - name))) {
        left -= (size_t)(colon + 1 - name);
        name = colon + 1;
    }
    return left >= 6 && memcmp(name, "bundle", 6) == 0 &&
           (left == 6 || strchr(" \t\r\n>/", name[6]));
}

/* ---- paths ------------------------------------------------------------------- */

/* Has `el` a sibling element of the same name? */
static bool has_namesake(xmlNodePtr el)
{
    for (xmlNodePtr s = el->parent ? el->parent->children : NULL; s; s = s->next)
        if (s != el && s->type == XML_ELEMENT_NODE && xmlStrEqual(s->name, el->name))
            return true;
    return false;
}

void gbop_node_path(xmlNodePtr node, char *buf, size_t size)
{
    xmlNodePtr chain[128];
    size_t depth = 0, used = 0;
    const char *attribute = NULL;
    bool attribute_ns = false;
    gbo_kind kind = GBO_KIND_EXCHANGE;

    buf[0] = '\0';
    if (node && node->type == XML_ATTRIBUTE_NODE) {
        attribute = (const char *)node->name;
        attribute_ns = node->ns != NULL;
        node = node->parent;
    }
    for (xmlNodePtr n = node; n && n->type == XML_ELEMENT_NODE && depth < 128; n = n->parent) {
        chain[depth++] = n;
        if (gbop_is_format_element(n, "exchange"))
            break;
    }
    while (depth > 0 && used < size) {
        xmlNodePtr el = chain[--depth];
        bool is_root = gbop_is_format_element(el, "exchange");
        gbo_field f = GBO_FIELD_NONE;
        bool indexed = false;
        int n;

        if (!is_root && kind != GBO_KIND_NONE && !gbop_is_format_element(el, "header")) {
            f = gbo_field_from_name(kind, (const char *)el->name);
            indexed = f != GBO_FIELD_NONE && gbo_field_is_repeated(f);
        }
        if (!is_root && f == GBO_FIELD_NONE && !gbop_is_format_element(el, "header") &&
            (!el->ns || gbop_is_format_element(el, NULL))) {
            /* an element of the format's vocabulary (or none) that the format
             * does not know: by position among the elements beside it, never
             * by its name, which may be anything */
            unsigned k = 1;
            for (xmlNodePtr s = el->prev; s; s = s->prev)
                k += s->type == XML_ELEMENT_NODE;
            n = snprintf(buf + used, size - used, "/*[%u]", k);
        } else if (indexed || (!is_root && f == GBO_FIELD_NONE && !gbop_is_format_element(el, "header") &&
                               has_namesake(el))) {
            /* a repeated field, or an extension element (another namespace,
             * an extension point's vocabulary) with a same-named sibling */
            unsigned k = 1;
            for (xmlNodePtr s = el->prev; s; s = s->prev)
                if (s->type == XML_ELEMENT_NODE && xmlStrEqual(s->name, el->name))
                    k++;
            n = snprintf(buf + used, size - used, "/%s[%u]", (const char *)el->name, k);
        } else {
            n = snprintf(buf + used, size - used, "/%s", (const char *)el->name);
        }
        if (n < 0)
            break;
        used += (size_t)n;
        if (!is_root && !gbop_is_format_element(el, "header"))
            kind = f != GBO_FIELD_NONE ? gbo_field_child_kind(f) : GBO_KIND_NONE;
    }
    if (attribute && used < size) {
        bool known = attribute_ns ||
                     (kind != GBO_KIND_NONE && node && !gbop_is_format_element(node, "header") &&
                      gbo_field_from_name(kind, attribute) != GBO_FIELD_NONE) ||
                     (gbop_is_format_element(node, "exchange") && strcmp(attribute, "version") == 0);
        snprintf(buf + used, size - used, known ? "/@%s" : "/@*", attribute);
    }
}

const char *gbop_node_label(xmlNodePtr node)
{
    char path[GBO_ERROR_PATH_SIZE];
    const char *last;
    if (!node || !node->name)
        return "*";
    gbop_node_path(node, path, sizeof path);
    last = strrchr(path, '/');
    return last && (last[1] == '*' || (last[1] == '@' && last[2] == '*')) ? "*" : (const char *)node->name;
}

/* ---- canonical extension elements ---------------------------------------------- */

bool gbop_xml_error_is_oom(const xmlError *e)
{
    /* libxml2 reports a text node past its size limit as a memory error */
    return e && e->code == XML_ERR_NO_MEMORY && !(e->message && strstr(e->message, "huge"));
}

/* Say nothing; remember whether libxml2 ran out of memory (it may then
 * leave a tree it could not finish without failing the call). */
static void silent(void *ctx, xmlErrorPtr error)
{
    gbop_xml_quiet *quiet = ctx;
    if (gbop_xml_error_is_oom(error))
        quiet->out_of_memory = true;
}

/* libxml2's generic channel carries no error code; what it says while
 * libgbo works (xmlNewTextReader's "malloc failed") is dropped. */
static void silent_generic(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

void gbop_xml_quiet_begin(gbop_xml_quiet *saved)
{
    saved->func = xmlStructuredError; /* this thread's */
    saved->ctx = xmlStructuredErrorContext;
    saved->generic = xmlGenericError;
    saved->generic_ctx = xmlGenericErrorContext;
    saved->out_of_memory = false;
    xmlSetStructuredErrorFunc(saved, silent);
    xmlSetGenericErrorFunc(NULL, silent_generic);
}

void gbop_xml_quiet_end(const gbop_xml_quiet *saved)
{
    xmlSetStructuredErrorFunc(saved->ctx, saved->func);
    xmlSetGenericErrorFunc(saved->generic_ctx, saved->generic);
}

static bool in_format_namespace(xmlNsPtr ns)
{
    return ns && ns->href && strncmp((const char *)ns->href, "urn:gbo:exchange:", 17) == 0;
}

/* Do any of the elements from `n` on (and their subtrees) use it? */
static bool list_uses_format_namespace(xmlNodePtr n)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (in_format_namespace(n->ns) || list_uses_format_namespace(n->children))
            return true;
        for (xmlAttrPtr a = n->properties; a; a = a->next)
            if (in_format_namespace(a->ns))
                return true;
    }
    return false;
}

bool gbop_extension_uses_format_namespace(xmlNodePtr element)
{
    if (in_format_namespace(element->ns))
        return true;
    for (xmlAttrPtr a = element->properties; a; a = a->next)
        if (in_format_namespace(a->ns))
            return true;
    return list_uses_format_namespace(element->children);
}

/* Does the subtree hold an element in no namespace? */
static bool has_unqualified_element(xmlNodePtr n)
{
    for (; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE && (!n->ns || has_unqualified_element(n->children)))
            return true;
    return false;
}

gbo_status gbop_xml_canonical_element(xmlNodePtr element, char **out, gbo_error *err)
{
    xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
    xmlNodePtr copy;
    xmlChar *c14n = NULL;
    gbop_xml_quiet quiet;
    int len;

    *out = NULL;
    if (!doc)
        return gbop_nomem(err);
    copy = xmlDocCopyNode(element, doc, 1);
    if (!copy) {
        xmlFreeDoc(doc);
        return gbop_nomem(err);
    }
    xmlDocSetRootElement(doc, copy);
    xmlReconciliateNs(doc, copy);
    gbop_xml_quiet_begin(&quiet);
    len = xmlC14NDocDumpMemory(doc, NULL, XML_C14N_EXCLUSIVE_1_0, NULL, 0, &c14n);
    gbop_xml_quiet_end(&quiet);
    xmlFreeDoc(doc);
    if (quiet.out_of_memory) {
        xmlFree(c14n);
        return gbop_nomem(err);
    }
    if (len < 0 || !c14n) {
        xmlFree(c14n);
        /* e.g. a namespace name that is not an absolute URI: exclusive C14N refuses it */
        return gbop_fail(err, GBO_E_INVALID_VALUE, "GBO-X003", NULL,
                         "extension element cannot be put in canonical form");
    }
    if (element->ns && element->ns->prefix && has_unqualified_element(element->children) &&
        strncmp((const char *)c14n + 1 + xmlStrlen(element->ns->prefix) + 1 + xmlStrlen(element->name),
                " xmlns=\"", 8) != 0) {
        /* The canonical form of a prefixed element leaves its elements in no
         * namespace undeclared; written back inside a document whose default
         * namespace is the format's, they would change namespace. Say
         * xmlns="" on the element (first: default declarations sort first). */
        size_t name_len = 1 + (size_t)xmlStrlen(element->ns->prefix) + 1 + (size_t)xmlStrlen(element->name);
        *out = gbop_malloc((size_t)len + 10);
        if (*out)
            snprintf(*out, (size_t)len + 10, "%.*s xmlns=\"\"%s", (int)name_len, (const char *)c14n,
                     (const char *)c14n + name_len);
    } else {
        *out = gbop_strndup((const char *)c14n, (size_t)len);
    }
    xmlFree(c14n);
    return *out ? GBO_OK : gbop_nomem(err);
}

/* ---- errors ---------------------------------------------------------------------- */

gbo_status gbop_refused(const gbo_diagnostics *diags, size_t from, gbo_error *err)
{
    for (size_t i = from; i < gbo_diagnostics_count(diags); i++) {
        const gbo_diagnostic *d = gbo_diagnostics_at(diags, i);
        if (gbo_diagnostic_severity(d) != GBO_SEVERITY_ERROR)
            continue;
        gbop_fail(err, GBO_E_DOCUMENT, gbo_diagnostic_rule(d), gbo_diagnostic_path(d), "%s",
                  gbo_diagnostic_message(d));
        gbop_error_at(err, gbo_diagnostic_line(d), gbo_diagnostic_column(d));
        return GBO_E_DOCUMENT;
    }
    /* a refusal needs its error: when none was recorded (and none dropped
     * from a full list), adding it ran out of memory, or libxml2 did */
    if (gbo_diagnostics_dropped(diags) == 0)
        return gbop_nomem(err);
    return gbop_fail(err, GBO_E_DOCUMENT, NULL, NULL, "document refused");
}

void gbop_parser_error_diag(xmlErrorPtr e, gbo_diagnostics *diags)
{
    unsigned long line = e && e->line > 0 ? (unsigned long)e->line : 0;
    unsigned long column = e && e->int2 > 0 ? (unsigned long)e->int2 : 0;
    int code = e ? e->code : 0;

    /* libxml2 reports every malformed input; failing with no error, or with
     * its own allocation failure, gives no verdict on the document: nothing
     * is added, and the refusal becomes GBO_E_NOMEM */
    if (!e || gbop_xml_error_is_oom(e))
        return;
    /* libxml2's own resource guards (nesting over 256, huge text nodes) */
    if (code == XML_ERR_INTERNAL_ERROR && e->message && strstr(e->message, "Excessive depth")) {
        gbop_diag(diags, "GBO-X005", GBO_SEVERITY_ERROR, line, column, "", "x005.parser-depth",
                  NULL, NULL, NULL);
        return;
    }
    if (e->message && strstr(e->message, "huge")) {
        gbop_diag(diags, "GBO-X005", GBO_SEVERITY_ERROR, line, column, "", "x005.parser-size",
                  NULL, NULL, NULL);
        return;
    }
    switch (code) {
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_ENCODING:
    case XML_ERR_UNSUPPORTED_ENCODING:
        gbop_diag(diags, "GBO-X001", GBO_SEVERITY_ERROR, line, column, "", "x001.not-utf8",
                  NULL, NULL, NULL);
        return;
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
    case XML_ERR_ENTITY_LOOP:
        gbop_diag(diags, "GBO-X002", GBO_SEVERITY_ERROR, line, column, "", "x002.entity-reference",
                  NULL, NULL, NULL);
        return;
    case XML_ERR_DOCUMENT_EMPTY:
    case XML_ERR_DOCUMENT_END:
        gbop_diag(diags, "GBO-X001", GBO_SEVERITY_ERROR, line, column, "",
                  code == XML_ERR_DOCUMENT_EMPTY ? "x001.no-root" : "x001.content-after-root",
                  NULL, NULL, NULL);
        return;
    default: {
        /* libxml2's text may quote the document: say only what kind of error */
        char number[16];
        snprintf(number, sizeof number, "%d", code);
        gbop_diag(diags, "GBO-X001", GBO_SEVERITY_ERROR, line, column, "", "x001.not-well-formed",
                  number, NULL, NULL);
    }
    }
}
