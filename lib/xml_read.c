/* libgbo — reading one exchange document into the model. The bytes stream
 * through the one reader (lib/xml_stream.c: pre-scan, guard, libxml2's
 * xmlTextReader with safe options); the tree of the root is checked against
 * the limits, validated against the shared schema, and only then turned
 * into entities through the field table. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>

#include "alloc.h"
#include "diagnostics.h"
#include "error.h"
#include "messages.h"
#include "model.h"
#include "xml.h"
#include "xml_stream.h"

#define MAX_SCHEMA_DIAGNOSTICS 100

/* libgbo 0.1's gbo_limits, which programs compiled against it still pass. */
typedef struct limits_0_1 {
    size_t max_document_bytes;
    unsigned max_depth;
    size_t max_elements;
    size_t max_text_bytes;
} limits_0_1;

/* `size` holds SIZE_MAX minus the caller's sizeof(gbo_limits): a value 0.1's
 * first field, max_document_bytes, never has (it would be 16 EiB). */
#define SIZE_TAG(size) (SIZE_MAX - (size))
#define IS_SIZE_TAG(first) ((first) >= SIZE_MAX - 4096)
/* the smallest gbo_limits there is: `size` and 0.1's four fields */
#define MIN_SIZE (offsetof(gbo_limits, max_text_bytes) + sizeof(size_t))

void gbo_limits_init_size(gbo_limits *limits, size_t size)
{
    gbo_limits defaults;
    if (!limits || size < MIN_SIZE)
        return;
    defaults.max_document_bytes = 16u * 1024u * 1024u;
    defaults.max_depth = 64;
    defaults.max_elements = 250000;
    defaults.max_text_bytes = 1024u * 1024u;
    defaults.max_attributes = GBOP_MAX_ATTRIBUTES;
    defaults.max_start_tag_bytes = GBOP_MAX_START_TAG_BYTES;
    defaults.max_namespaces = GBOP_MAX_NAMESPACES;
    defaults.size = SIZE_TAG(size); /* what the caller has */
    memcpy(limits, &defaults, size < sizeof defaults ? size : sizeof defaults);
}

void(gbo_limits_init)(gbo_limits *limits)
{
    limits_0_1 *old = (limits_0_1 *)(void *)limits;
    gbo_limits defaults;
    if (!old)
        return;
    gbo_limits_init_size(&defaults, sizeof defaults);
    old->max_document_bytes = defaults.max_document_bytes;
    old->max_depth = defaults.max_depth;
    old->max_elements = defaults.max_elements;
    old->max_text_bytes = defaults.max_text_bytes;
}

void gbop_limits_normalise(const gbo_limits *limits, gbo_limits *out)
{
    gbo_limits_init_size(out, sizeof *out);
    if (!limits)
        return;
    if (IS_SIZE_TAG(limits->size)) { /* the fields the caller knows; defaults for the rest */
        size_t size = SIZE_MAX - limits->size;
        if (size < MIN_SIZE)
            return; /* not from gbo_limits_init(): the defaults */
        memcpy((char *)out + sizeof out->size, (const char *)limits + sizeof limits->size,
               (size < sizeof *out ? size : sizeof *out) - sizeof out->size);
        out->size = SIZE_TAG(sizeof *out);
    } else { /* libgbo 0.1's four fields */
        const limits_0_1 *old = (const limits_0_1 *)(const void *)limits;
        out->max_document_bytes = old->max_document_bytes;
        out->max_depth = old->max_depth;
        out->max_elements = old->max_elements;
        out->max_text_bytes = old->max_text_bytes;
    }
}

static unsigned long line_of(xmlNodePtr node)
{
    long line = node ? xmlGetLineNo(node) : 0;
    return line > 0 ? (unsigned long)line : 0;
}

static gbo_status node_diag(gbo_diagnostics *diags, const char *rule, gbo_severity severity,
                            xmlNodePtr node, const char *key, const char *a0, const char *a1)
{
    char path[GBO_ERROR_PATH_SIZE];
    gbop_node_path(node, path, sizeof path);
    return gbop_diag(diags, rule, severity, line_of(node), 0, path, key, a0, a1, NULL);
}

static const char *number(size_t n, char *buf, size_t size)
{
    snprintf(buf, size, "%zu", n);
    return buf;
}

/* ---- version ---------------------------------------------------------------- */

/* GBO-X004 for another major version, GBO-X006 for a newer minor one.
 * *newer is set when the document is of a newer minor version. */
static bool check_version(xmlNodePtr root, gbo_diagnostics *diags, bool *newer)
{
    xmlChar *version = xmlGetNoNsProp(root, (const xmlChar *)"version");
    unsigned long major, minor;
    char *end;
    bool ok = true;

    *newer = false;
    if (!version)
        return true; /* the schema reports the missing attribute */
    major = strtoul((const char *)version, &end, 10);
    if (end != (char *)version && *end == '.') {
        minor = strtoul(end + 1, &end, 10);
        if (*end == '\0' && major != GBO_FORMAT_MAJOR) {
            node_diag(diags, "GBO-X004", GBO_SEVERITY_ERROR, root, "x004.version",
                      (const char *)version, NULL);
            ok = false;
        } else if (*end == '\0' && minor > GBO_FORMAT_MINOR) {
            node_diag(diags, "GBO-X006", GBO_SEVERITY_WARNING, root, "x006.newer",
                      (const char *)version, GBO_FORMAT_VERSION);
            *newer = true;
        }
    }
    xmlFree(version);
    return ok;
}

/* ---- limits and hostile constructs ------------------------------------------- */

static bool is_xinclude(xmlNodePtr node)
{
    return node->ns && (xmlStrEqual(node->ns->href, (const xmlChar *)GBOP_XINCLUDE_NS_2001) ||
                        xmlStrEqual(node->ns->href, (const xmlChar *)GBOP_XINCLUDE_NS_2003));
}

/* Walk the subtree without recursion: depth, element count, text sizes,
 * entity references and XInclude. Stops at the first finding. */
static bool check_tree(xmlNodePtr root, const gbo_limits *limits, gbo_diagnostics *diags)
{
    size_t elements = 0;
    unsigned depth = 1;
    char buf[32];
    xmlNodePtr node = root;

    while (node) {
        switch (node->type) {
        case XML_ELEMENT_NODE:
            if (++elements > limits->max_elements) {
                node_diag(diags, "GBO-X005", GBO_SEVERITY_ERROR, node, "x005.elements",
                          number(limits->max_elements, buf, sizeof buf), NULL);
                return false;
            }
            if (depth > limits->max_depth) {
                node_diag(diags, "GBO-X005", GBO_SEVERITY_ERROR, node, "x005.depth",
                          number(limits->max_depth, buf, sizeof buf), NULL);
                return false;
            }
            if (is_xinclude(node)) {
                node_diag(diags, "GBO-X002", GBO_SEVERITY_ERROR, node, "x002.xinclude",
                          (const char *)node->name, NULL);
                return false;
            }
            for (xmlAttrPtr a = node->properties; a; a = a->next) {
                for (xmlNodePtr t = a->children; t; t = t->next) {
                    if (t->type == XML_ENTITY_REF_NODE) {
                        node_diag(diags, "GBO-X002", GBO_SEVERITY_ERROR, node,
                                  "x002.entity-in-attribute", gbop_node_label((xmlNodePtr)a), NULL);
                        return false;
                    }
                    if (t->content && strlen((const char *)t->content) > limits->max_text_bytes) {
                        node_diag(diags, "GBO-X005", GBO_SEVERITY_ERROR, node, "x005.attribute",
                                  gbop_node_label((xmlNodePtr)a),
                                  number(limits->max_text_bytes, buf, sizeof buf));
                        return false;
                    }
                }
            }
            break;
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
            if (node->content && strlen((const char *)node->content) > limits->max_text_bytes) {
                node_diag(diags, "GBO-X005", GBO_SEVERITY_ERROR, node->parent, "x005.text",
                          number(limits->max_text_bytes, buf, sizeof buf), NULL);
                return false;
            }
            break;
        case XML_ENTITY_REF_NODE:
        case XML_ENTITY_NODE:
        case XML_ENTITY_DECL:
        case XML_DTD_NODE:
        case XML_XINCLUDE_START:
        case XML_XINCLUDE_END:
            node_diag(diags, "GBO-X002", GBO_SEVERITY_ERROR, node->parent ? node->parent : node,
                      "x002.entity-reference", NULL, NULL);
            return false;
        default:
            break;
        }
        /* next node in document order within the subtree */
        if (node->type == XML_ELEMENT_NODE && node->children) {
            node = node->children;
            depth++;
            continue;
        }
        while (node != root && !node->next) {
            node = node->parent;
            depth--;
        }
        if (node == root)
            break;
        node = node->next;
    }
    return true;
}

/* Drop elements and attributes of the format's namespace that this library
 * does not know: a newer minor version is read with what is known. */
static void prune_unknown(xmlNodePtr el, gbo_kind kind)
{
    xmlAttrPtr a = el->properties;
    while (a) {
        xmlAttrPtr next = a->next;
        gbo_field f = gbo_field_from_name(kind, (const char *)a->name);
        bool known = f != GBO_FIELD_NONE && (gbop_field(f)->flags & GBOP_ATTRIBUTE);
        if (!a->ns && !known && !(kind == GBO_KIND_EXCHANGE && xmlStrEqual(a->name, (const xmlChar *)"version")))
            xmlRemoveProp(a);
        a = next;
    }
    for (xmlNodePtr child = el->children; child;) {
        xmlNodePtr next = child->next;
        if (gbop_is_format_element(child, NULL)) {
            if (kind == GBO_KIND_EXCHANGE && gbop_is_format_element(child, "header")) {
                prune_unknown(child, GBO_KIND_EXCHANGE);
            } else {
                gbo_field f = gbo_field_from_name(kind, (const char *)child->name);
                if (f == GBO_FIELD_NONE || (gbop_field(f)->flags & GBOP_ATTRIBUTE)) {
                    xmlUnlinkNode(child);
                    xmlFreeNode(child);
                } else if (gbo_field_type(f) == GBO_TYPE_ENTITY) {
                    prune_unknown(child, gbo_field_child_kind(f));
                }
            }
        }
        child = next;
    }
}

/* ---- schema ------------------------------------------------------------------------ */

typedef struct schema_ctx {
    gbo_diagnostics *diags;
    unsigned count;
    bool out_of_memory; /* libxml2 ran out: no verdict on the document */
} schema_ctx;

/* The text after `marker` up to `stop`, when it holds only names (schema
 * vocabulary, never document values). */
static void copy_after(const char *message, const char *marker, char stop, char *buf, size_t size)
{
    const char *p = message ? strstr(message, marker) : NULL;
    size_t n = 0;
    buf[0] = '\0';
    if (!p)
        return;
    p += strlen(marker);
    while (*p && *p != stop && n + 1 < size)
        buf[n++] = *p++;
    buf[n] = '\0';
}

/* "( a, b ).", libxml2's list of expected elements, becomes "a, b"; names
 * in braces lose their namespace: "{urn:gbo:exchange:1}kind" → "kind". */
static void trim_expected(char *s)
{
    char *out = s;
    for (const char *p = s; *p; p++) {
        if (*p == '{') {
            const char *close = strchr(p, '}');
            if (close) {
                p = close;
                continue;
            }
        }
        if (*p == '(' || *p == ')' || (*p == '.' && p[1] == '\0'))
            continue;
        *out++ = *p;
    }
    *out = '\0';
    while (*s == ' ')
        memmove(s, s + 1, strlen(s));
    for (size_t n = strlen(s); n > 0 && s[n - 1] == ' '; n--)
        s[n - 1] = '\0';
}

/* libxml2's schema messages quote the offending value; ours do not. */
static void schema_error(void *user, xmlErrorPtr e)
{
    schema_ctx *ctx = user;
    xmlNodePtr node = e ? (xmlNodePtr)e->node : NULL;
    char path[GBO_ERROR_PATH_SIZE], extra[200];
    const char *name = node && node->name ? gbop_node_label(node) : "document";
    unsigned long line = e && e->line > 0 ? (unsigned long)e->line : line_of(node);

    if (gbop_xml_error_is_oom(e)) {
        ctx->out_of_memory = true;
        return;
    }
    if (!e || ++ctx->count > MAX_SCHEMA_DIAGNOSTICS)
        return;
    gbop_node_path(node, path, sizeof path);
    if (e->code == XML_SCHEMAV_ELEMENT_CONTENT) {
        bool missing = e->message && strstr(e->message, "Missing child");
        copy_after(e->message, "Expected is ", '\n', extra, sizeof extra);
        trim_expected(extra);
        gbop_diag(ctx->diags, "GBO-X003", GBO_SEVERITY_ERROR, line, 0, path,
                  missing ? (extra[0] ? "x003.missing-child-expected" : "x003.missing-child")
                          : (extra[0] ? "x003.unexpected-expected" : "x003.unexpected"),
                  name, extra, NULL);
    } else if (e->message && strstr(e->message, "attribute '")) {
        size_t used = strlen(path);
        copy_after(e->message, "attribute '", '\'', extra, sizeof extra);
        if (!strstr(e->message, "required but missing")) {
            /* an attribute the document has: named when the format knows it */
            for (xmlAttrPtr a = node && node->type == XML_ELEMENT_NODE ? node->properties : NULL; a;
                 a = a->next)
                if (xmlStrEqual(a->name, (const xmlChar *)extra)) {
                    snprintf(extra, sizeof extra, "%s", gbop_node_label((xmlNodePtr)a));
                    break;
                }
            snprintf(path + used, sizeof path - used, "/@%s", extra);
        }
        gbop_diag(ctx->diags, "GBO-X003", GBO_SEVERITY_ERROR, line, 0, path,
                  strstr(e->message, "required but missing") ? "x003.missing-attribute"
                                                             : "x003.bad-attribute",
                  name, extra, NULL);
    } else if (e->message && strstr(e->message, "[facet '")) {
        copy_after(e->message, "[facet '", '\'', extra, sizeof extra);
        gbop_diag(ctx->diags, "GBO-X003", GBO_SEVERITY_ERROR, line, 0, path, "x003.facet", name,
                  extra, NULL);
    } else if (e->message && strstr(e->message, "atomic type '")) {
        copy_after(e->message, "atomic type '", '\'', extra, sizeof extra);
        gbop_diag(ctx->diags, "GBO-X003", GBO_SEVERITY_ERROR, line, 0, path, "x003.type", name,
                  extra, NULL);
    } else {
        char code[16];
        snprintf(code, sizeof code, "%d", e->code);
        gbop_diag(ctx->diags, "GBO-X003", GBO_SEVERITY_ERROR, line, 0, path, "x003.other", name,
                  code, NULL);
    }
}

static gbo_status validate(xmlNodePtr root, gbo_diagnostics *diags, bool *valid, gbo_error *err)
{
    xmlSchemaPtr schema = gbop_schema(err);
    xmlSchemaValidCtxtPtr vctxt;
    schema_ctx ctx = { diags, 0, false };
    int rc;

    if (!schema)
        return err ? err->status : GBO_E_NOMEM;
    gbop_fragile_call = "xmlSchemaValidateOneElement";
    vctxt = xmlSchemaNewValidCtxt(schema);
    if (!vctxt) {
        gbop_fragile_call = NULL;
        return gbop_nomem(err);
    }
    xmlSchemaSetValidStructuredErrors(vctxt, schema_error, &ctx);
    rc = xmlSchemaValidateOneElement(vctxt, root);
    xmlSchemaFreeValidCtxt(vctxt);
    gbop_fragile_call = NULL;
    /* with a compiled schema and a parsed tree, libxml2 fails internally
     * only when memory runs out */
    if (rc < 0 || ctx.out_of_memory)
        return gbop_nomem(err);
    if (rc > 0 && ctx.count == 0)
        gbop_diag(diags, "GBO-X003", GBO_SEVERITY_ERROR, line_of(root), 0, "/exchange",
                  "x003.schema", NULL, NULL, NULL);
    *valid = rc == 0;
    return GBO_OK;
}

/* ---- the model ------------------------------------------------------------------- */

typedef struct build_ctx {
    gbo_diagnostics *diags;
    gbo_error *err;
    size_t errors;
} build_ctx;

/* Report a value the setter refused; GBO_E_NOMEM passes through. */
/* The catalogue key naming the form a value type requires. */
static const char *form_key(gbo_value_type type)
{
    switch (type) {
    case GBO_TYPE_CODE: return "form.code";
    case GBO_TYPE_UUID: return "form.uuid";
    case GBO_TYPE_DATE: return "form.date";
    case GBO_TYPE_BIRTH_DATE: return "form.birth-date";
    case GBO_TYPE_TIME: return "form.time";
    case GBO_TYPE_BOOL: return "form.bool";
    case GBO_TYPE_COUNT: return "form.count";
    case GBO_TYPE_LANGUAGE: return "form.language";
    case GBO_TYPE_DIGITS: return "form.digits";
    default: return "form.text";
    }
}

/* Report a value the setter refused, in the list's language; the setter's
 * own message is English. GBO_E_NOMEM passes through. */
static gbo_status value_refused(build_ctx *ctx, xmlNodePtr node, gbo_field field,
                                gbo_status status)
{
    char path[GBO_ERROR_PATH_SIZE], extra[256];
    const char *name = gbo_field_name(field), *key;
    if (status == GBO_E_NOMEM)
        return gbop_nomem(ctx->err);
    ctx->errors++;
    gbop_node_path(node, path, sizeof path);
    if (status == GBO_E_INVALID_UTF8) {
        key = "x003.value-text";
        extra[0] = '\0';
    } else if (status == GBO_E_TOO_LONG) {
        key = "x003.value-too-long";
        snprintf(extra, sizeof extra, "%zu", gbo_field_max_length(field));
    } else {
        key = "x003.value-form";
        gbop_message(gbo_diagnostics_lang(ctx->diags), form_key(gbo_field_type(field)), NULL, 0,
                     extra, sizeof extra);
    }
    if (gbop_diag(ctx->diags, "GBO-X003", GBO_SEVERITY_ERROR, line_of(node), 0, path, key, name,
                  extra, NULL) != GBO_OK)
        return gbop_nomem(ctx->err);
    return GBO_OK;
}

static gbo_status set_scalar(build_ctx *ctx, gbo_entity *e, gbo_field f, xmlNodePtr node,
                             const char *text)
{
    gbo_error why;
    gbo_status status = gbo_field_is_repeated(f) ? gbo_entity_add(e, f, text, &why)
                                                 : gbo_entity_set(e, f, text, &why);
    if (status != GBO_OK)
        return value_refused(ctx, node, f, status);
    if (gbop_entity_set_value_line(e, f, gbo_entity_count(e, f) - 1, line_of(node)))
        return gbop_nomem(ctx->err);
    return GBO_OK;
}

static gbo_status build_entity(build_ctx *ctx, xmlNodePtr el, gbo_entity *e);

static gbo_status build_children(build_ctx *ctx, xmlNodePtr el, gbo_entity *e)
{
    gbo_kind kind = gbo_entity_kind(e);
    gbo_status status = GBO_OK;

    for (xmlNodePtr child = el->children; child && status == GBO_OK; child = child->next) {
        gbo_field f;
        if (child->type != XML_ELEMENT_NODE)
            continue;
        if (!gbop_is_format_element(child, NULL)) {
            char *xml;
            bool format_ns = gbop_extension_uses_format_namespace(child);
            status = format_ns ? GBO_E_INVALID_VALUE : gbop_xml_canonical_element(child, &xml, ctx->err);
            if (status == GBO_E_INVALID_VALUE) { /* a finding about the document */
                ctx->errors++;
                if (node_diag(ctx->diags, "GBO-X003", GBO_SEVERITY_ERROR, child,
                              format_ns ? "x003.extension-format-namespace" : "x003.extension",
                              gbop_node_label(child), NULL) != GBO_OK)
                    return gbop_nomem(ctx->err);
                status = GBO_OK;
                continue;
            }
            if (status == GBO_OK && gbop_entity_append_extension(e, xml)) {
                gbop_free(xml);
                status = gbop_nomem(ctx->err);
            }
            continue;
        }
        if (kind == GBO_KIND_EXCHANGE && gbop_is_format_element(child, "header")) {
            status = build_children(ctx, child, e);
            continue;
        }
        f = gbo_field_from_name(kind, (const char *)child->name);
        if (f == GBO_FIELD_NONE || (gbop_field(f)->flags & GBOP_ATTRIBUTE))
            continue; /* cannot pass the schema; pruned for newer minor versions */
        if (gbo_field_type(f) == GBO_TYPE_ENTITY) {
            gbo_error why;
            gbo_entity *sub = gbo_entity_add_child(e, f, &why);
            if (!sub)
                return why.status == GBO_E_NOMEM ? gbop_nomem(ctx->err)
                                                 : gbop_fail(ctx->err, why.status, NULL, NULL, "%s", why.message);
            status = build_entity(ctx, child, sub);
        } else if (child->children && child->children == child->last &&
                   child->children->type == XML_TEXT_NODE && child->children->content) {
            /* the usual case, one text node: read it in place */
            status = set_scalar(ctx, e, f, child, (const char *)child->children->content);
        } else {
            xmlChar *text = xmlNodeGetContent(child);
            if (!text)
                return gbop_nomem(ctx->err);
            status = set_scalar(ctx, e, f, child, (const char *)text);
            xmlFree(text);
        }
    }
    return status;
}

static gbo_status build_entity(build_ctx *ctx, xmlNodePtr el, gbo_entity *e)
{
    gbo_kind kind = gbo_entity_kind(e);
    gbop_entity_set_line(e, line_of(el));
    for (xmlAttrPtr a = el->properties; a; a = a->next) {
        gbo_field f;
        xmlChar *value;
        gbo_status status;
        if (a->ns)
            continue;
        f = gbo_field_from_name(kind, (const char *)a->name);
        if (f == GBO_FIELD_NONE || !(gbop_field(f)->flags & GBOP_ATTRIBUTE))
            continue;
        value = xmlNodeGetContent((xmlNodePtr)a);
        if (!value)
            return gbop_nomem(ctx->err);
        status = set_scalar(ctx, e, f, (xmlNodePtr)a, (const char *)value);
        xmlFree(value);
        if (status != GBO_OK)
            return status;
    }
    return build_children(ctx, el, e);
}

gbo_status gbop_exchange_from_element(xmlNodePtr root, const gbo_limits *limits, gbo_entity **out,
                                      gbo_diagnostics *diags, gbo_error *err)
{
    gbo_diagnostics *own = NULL;
    gbo_entity *exchange = NULL;
    bool newer = false, valid = false;
    build_ctx ctx;
    gbo_status status;
    size_t start;

    *out = NULL;
    if (!diags) {
        /* findings are needed to decide; keep them privately */
        own = diags = gbo_diagnostics_new(err);
        if (!own)
            return GBO_E_NOMEM;
    }
    start = gbo_diagnostics_count(diags);
    if (!check_version(root, diags, &newer) || !check_tree(root, limits, diags)) {
        status = gbop_refused(diags, start, err);
        goto done;
    }
    if (newer)
        prune_unknown(root, GBO_KIND_EXCHANGE);
    status = validate(root, diags, &valid, err);
    if (status != GBO_OK)
        goto done;
    if (!valid) {
        status = gbop_refused(diags, start, err);
        goto done;
    }
    exchange = gbo_entity_new(GBO_KIND_EXCHANGE, err);
    if (!exchange) {
        status = GBO_E_NOMEM;
        goto done;
    }
    ctx.diags = diags;
    ctx.err = err;
    ctx.errors = 0;
    status = build_entity(&ctx, root, exchange);
    if (status == GBO_OK && ctx.errors) {
        status = gbop_refused(diags, start, err);
    } else if (status == GBO_OK) {
        *out = exchange;
        exchange = NULL;
    }
done:
    gbo_entity_free(exchange);
    gbo_diagnostics_free(own);
    return status;
}

/* ---- entry points ------------------------------------------------------------------ */

/* X004 unless root is an <exchange> of this format. */
static bool check_root(xmlNodePtr root, gbo_diagnostics *diags)
{
    const char *ns = root && root->ns ? (const char *)root->ns->href : "";
    if (gbop_is_format_element(root, "exchange"))
        return true;
    if (gbop_is_format_element(root, "bundle")) {
        gbop_diag(diags, "GBO-X004", GBO_SEVERITY_ERROR, line_of(root), 0, "/bundle",
                  "x004.bundle-as-document", NULL, NULL, NULL);
    } else if (root && strncmp(ns, "urn:gbo:exchange:", 17) == 0 && ns[17] &&
               strspn(ns + 17, "0123456789") == strlen(ns + 17)) {
        /* another major version: quoted, being only digits after the prefix
         * (any other namespace is not this format, and is never quoted) */
        gbop_diag(diags, "GBO-X004", GBO_SEVERITY_ERROR, line_of(root), 0, "", "x004.other-major",
                  ns, GBO_FORMAT_NAMESPACE, NULL);
    } else {
        gbop_diag(diags, "GBO-X004", GBO_SEVERITY_ERROR, line_of(root), 0, "", "x004.not-exchange",
                  GBO_FORMAT_NAMESPACE, NULL, NULL);
    }
    return false;
}

/* Read the one document of an opened stream: its root element is the item,
 * read whole and then to the end of the input, so that what follows the
 * root (content after it, a NUL byte, a cut) refuses the document before
 * anything in it is checked. */
static gbo_status read_document(gbop_stream *s, gbo_entity **out, gbo_diagnostics *diags,
                                size_t start, gbo_error *err)
{
    xmlNodePtr root = NULL;
    xmlDocPtr doc = NULL;
    gbo_status status;
    int rc;

    while ((rc = gbop_stream_move(s, xmlTextReaderRead)) == 1) {
        int type = xmlTextReaderNodeType(s->reader);
        if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
            gbop_diag(diags, "GBO-X002", GBO_SEVERITY_ERROR, 1, 0, "", "x002.declaration", NULL,
                      NULL, NULL);
            return gbop_refused(diags, start, err);
        }
        if (type == XML_READER_TYPE_ELEMENT) {
            root = gbop_stream_expand(s, xmlTextReaderCurrentNode(s->reader), 1);
            break;
        }
    }
    if (root) {
        /* keep the tree, owned here, while the reader reads what follows */
        xmlTextReaderPreserve(s->reader);
        doc = xmlTextReaderCurrentDoc(s->reader);
        while ((rc = gbop_stream_move(s, xmlTextReaderNext)) == 1)
            ;
    }
    if (s->out_of_memory) {
        /* libxml2 may leave a tree it could not finish (a namespace
         * missing, say) without failing the parse */
        status = gbop_nomem(err);
    } else if (!root || rc < 0 || s->too_large || s->io_failed) {
        status = gbop_stream_failure(s, diags, err);
        if (status == GBO_OK)
            status = gbop_refused(diags, start, err);
    } else if (s->guard.refused) { /* after the root: a NUL byte, say */
        gbop_guard_report(&s->guard, diags);
        status = gbop_refused(diags, start, err);
    } else if (!check_root(root, diags)) {
        status = gbop_refused(diags, start, err);
    } else {
        status = gbop_exchange_from_element(root, &s->limits, out, diags, err);
    }
    xmlFreeDoc(doc);
    return status;
}

/* Open the stream set up by the caller and read its document. */
static gbo_status read_stream(gbop_stream *s, const gbo_limits *limits, gbo_entity **out,
                              gbo_diagnostics *diags, gbo_error *err)
{
    gbo_diagnostics *own = NULL;
    gbop_xml_quiet quiet;
    gbo_status status;
    bool refused;
    size_t start;

    *out = NULL;
    if (!diags) {
        /* findings are needed to decide; keep them privately */
        own = diags = gbo_diagnostics_new(err);
        if (!own) {
            gbop_stream_close(s);
            return GBO_E_NOMEM;
        }
    }
    start = gbo_diagnostics_count(diags);
    gbop_xml_quiet_begin(&quiet); /* libxml2 says nothing meanwhile */
    status = gbop_stream_open(s, limits, true, "document", diags, &refused, err);
    if (status == GBO_OK)
        status = refused ? gbop_refused(diags, start, err) : read_document(s, out, diags, start, err);
    gbop_stream_close(s);
    gbop_xml_quiet_end(&quiet);
    if (quiet.out_of_memory && status != GBO_E_NOMEM && status != GBO_E_IO) {
        /* libxml2 ran out somewhere (a value it could not copy): no verdict */
        gbo_entity_free(*out);
        *out = NULL;
        status = gbop_nomem(err);
    }
    gbo_diagnostics_free(own);
    return status;
}

gbo_status gbo_exchange_read_memory(const char *data, size_t size, const gbo_limits *limits,
                                    gbo_entity **out, gbo_diagnostics *diags, gbo_error *err)
{
    gbop_stream s;

    if (!out || (!data && size))
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "NULL argument");
    gbop_stream_init_memory(&s, data, size);
    return read_stream(&s, limits, out, diags, err);
}

gbo_status gbo_exchange_read_io(gbo_read_fn read_fn, void *source, const gbo_limits *limits,
                                gbo_entity **out, gbo_diagnostics *diags, gbo_error *err)
{
    gbop_stream s;
    if (!read_fn || !out)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "NULL argument");
    gbop_stream_init_io(&s, read_fn, source);
    return read_stream(&s, limits, out, diags, err);
}

gbo_status gbo_exchange_read_fd(int fd, const gbo_limits *limits, gbo_entity **out,
                                gbo_diagnostics *diags, gbo_error *err)
{
    gbop_stream s;
    if (!out)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "NULL argument");
    gbop_stream_init_fd(&s, fd, false);
    return read_stream(&s, limits, out, diags, err);
}

gbo_status gbo_exchange_read_file(const char *path, const gbo_limits *limits, gbo_entity **out,
                                  gbo_diagnostics *diags, gbo_error *err)
{
    gbop_stream s;
    int fd;

    if (!path || !out)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "NULL argument");
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int saved = errno;
        gbop_fail(err, GBO_E_IO, NULL, NULL, "cannot open the document: %s", strerror(saved));
        errno = saved;
        return GBO_E_IO;
    }
    gbop_stream_init_fd(&s, fd, true);
    return read_stream(&s, limits, out, diags, err);
}

/* ---- extension elements added by the caller ------------------------------------------ */

gbo_status gbo_entity_add_extension(gbo_entity *e, const char *xml, gbo_error *err)
{
    xmlParserCtxtPtr ctxt;
    xmlDocPtr doc;
    xmlNodePtr root;
    gbop_xml_quiet quiet;
    char *canonical = NULL;
    gbo_status status;
    size_t len;

    if (!e || !xml)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "NULL argument");
    len = strlen(xml);
    if (len > (size_t)INT32_MAX || !gbop_prescan(xml, len, true, NULL))
        return gbop_fail(err, GBO_E_INVALID_VALUE, "GBO-X002", NULL,
                         "extension: expected one element without DOCTYPE, in UTF-8");
    gbop_schema(NULL);
    ctxt = xmlNewParserCtxt();
    if (!ctxt)
        return gbop_nomem(err);
    gbop_xml_quiet_begin(&quiet);
    doc = xmlCtxtReadMemory(ctxt, xml, (int)len, "extension.xml", "UTF-8", GBOP_XML_PARSE_OPTIONS);
    gbop_xml_quiet_end(&quiet);
    root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!doc || !ctxt->wellFormed || !root) {
        status = gbop_fail(err, GBO_E_INVALID_VALUE, "GBO-X001", NULL,
                           "extension: not a well-formed XML element");
    } else if (!root->ns || gbop_is_format_element(root, NULL) || is_xinclude(root) ||
               gbop_extension_uses_format_namespace(root)) {
        status = gbop_fail(err, GBO_E_INVALID_VALUE, NULL, NULL,
                           "extension: the element must be in a namespace of its own");
    } else {
        gbo_limits limits;
        gbo_limits_init(&limits);
        if (!check_tree(root, &limits, NULL))
            status = gbop_fail(err, GBO_E_INVALID_VALUE, "GBO-X002", NULL,
                               "extension: entity references, XInclude or oversized content");
        else
            status = gbop_xml_canonical_element(root, &canonical, err);
    }
    if (status == GBO_OK && gbop_entity_append_extension(e, canonical)) {
        gbop_free(canonical);
        status = gbop_nomem(err);
    }
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return status;
}
