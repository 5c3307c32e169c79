/* libgbo — the byte-level guard in front of libxml2 (see xml_guard.h). */
#include "config.h"
#include "xml_guard.h"

#include <stdio.h>
#include <string.h>

#include "diagnostics.h"

enum {
    TEXT,       /* character data */
    LT,         /* after '<' */
    START,      /* a start tag, after its '<' */
    END,        /* an end tag */
    BANG,       /* after "<!" */
    COMMENT,    /* after "<!--" */
    CDATA_OPEN, /* after "<![", reading "CDATA[" */
    CDATA,      /* in a CDATA section */
    PI,         /* a processing instruction or the XML declaration */
    DECL        /* a declaration such as <!DOCTYPE ...> (refused later) */
};

#define XML_NAMESPACE_URI "http://www.w3.org/XML/1998/namespace"

void gbop_guard_init(gbop_guard *g, const gbo_limits *limits, bool bundle)
{
    gbo_limits defaults;
    if (!limits) {
        gbo_limits_init(&defaults);
        limits = &defaults;
    }
    memset(g, 0, sizeof *g);
    g->max_document_bytes = limits->max_document_bytes;
    g->max_elements = limits->max_elements;
    g->max_attributes = GBOP_MAX_ATTRIBUTES;
    g->max_start_tag_bytes = GBOP_MAX_START_TAG_BYTES;
    g->max_namespaces = GBOP_MAX_NAMESPACES;
    g->document_depth = bundle ? 1 : 0;
    g->state = TEXT;
    g->line = 1;
}

static bool refuse(gbop_guard *g, const char *rule, const char *key, size_t limit,
                   unsigned long line, unsigned long column)
{
    g->refused = true;
    g->rule = rule;
    g->key = key;
    snprintf(g->arg, sizeof g->arg, "%zu", limit);
    g->at_line = line;
    g->at_column = column;
    return false;
}

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The '<' of a start tag was followed by the first byte of its name. */
static bool begin_start_tag(gbop_guard *g)
{
    g->tag_bytes = 2;
    g->tag_attributes = 0;
    g->quote = 0;
    g->slash = false;
    g->in_name = false;
    g->capture = false;
    if (g->depth == g->document_depth) { /* a document, or a bundle item, begins */
        g->in_document = true;
        g->document_start = g->offset - 2;
        g->elements = 0;
        g->namespaces = g->outer_namespaces;
    }
    if (g->in_document && ++g->elements > g->max_elements)
        return refuse(g, "GBO-X005", "x005.elements", g->max_elements, g->tag_line,
                      g->tag_column);
    return true;
}

static void end_document_at(gbop_guard *g, unsigned depth)
{
    if (depth == g->document_depth && g->in_document) {
        g->in_document = false;
        g->completed++;
        g->end_line = g->line;
        g->end_column = g->column;
    }
}

/* An attribute value opens: count the attribute, and a namespace
 * declaration against the document's namespaces. */
static bool open_value(gbop_guard *g)
{
    bool xmlns = (g->name_len == 5 || (g->name_len > 5 && g->name[5] == ':')) &&
                 memcmp(g->name, "xmlns", 5) == 0;
    if (++g->tag_attributes > g->max_attributes)
        return refuse(g, "GBO-X005", "x005.attributes", g->max_attributes, g->tag_line,
                      g->tag_column);
    if (!xmlns)
        return true;
    if (g->depth < g->document_depth) {
        /* on a bundle's root: in scope in every item */
        if (++g->outer_namespaces > g->max_namespaces)
            return refuse(g, "GBO-X005", "x005.namespaces", g->max_namespaces, g->tag_line,
                          g->tag_column);
    } else if (++g->namespaces > g->max_namespaces) {
        return refuse(g, "GBO-X005", "x005.namespaces", g->max_namespaces, g->tag_line,
                      g->tag_column);
    }
    if (g->name_len == 11 && memcmp(g->name, "xmlns:xmlns", 11) == 0)
        return refuse(g, "GBO-X001", "x001.reserved-prefix", 0, g->tag_line, g->tag_column);
    g->capture = g->name_len == 9 && memcmp(g->name, "xmlns:xml", 9) == 0;
    g->value_len = 0;
    return true;
}

/* The value of an xmlns:xml declaration closed: only the XML namespace may
 * be bound to the prefix xml. */
static bool close_value(gbop_guard *g)
{
    bool ok = !g->capture || (g->value_len == sizeof XML_NAMESPACE_URI - 1 &&
                              memcmp(g->value, XML_NAMESPACE_URI, g->value_len) == 0);
    g->capture = false;
    return ok ? true : refuse(g, "GBO-X001", "x001.reserved-prefix", 0, g->tag_line, g->tag_column);
}

/* One byte of a start tag after "<" and the name's first byte. */
static bool start_tag_byte(gbop_guard *g, unsigned char c)
{
    if (++g->tag_bytes > g->max_start_tag_bytes)
        return refuse(g, "GBO-X005", "x005.start-tag", g->max_start_tag_bytes, g->tag_line,
                      g->tag_column);
    if (g->quote) {
        if (c == (unsigned char)g->quote) {
            g->quote = 0;
            return close_value(g);
        }
        if (g->capture) {
            if (g->value_len == sizeof g->value)
                g->value_len = sizeof g->value + 1; /* too long for the XML namespace */
            else if (g->value_len < sizeof g->value)
                g->value[g->value_len++] = (char)c;
        }
        return true;
    }
    if (c == '"' || c == '\'') {
        g->quote = (char)c;
        g->in_name = false;
        return open_value(g);
    }
    if (c == '>') {
        if (g->slash)
            end_document_at(g, g->depth);
        else
            g->depth++;
        g->state = TEXT;
        return true;
    }
    g->slash = c == '/';
    if (c == '=' || is_space(c) || c == '/') {
        g->in_name = false;
        return true;
    }
    if (!g->in_name) {
        g->in_name = true;
        g->name_len = 0;
    }
    if (g->name_len < sizeof g->name)
        g->name[g->name_len] = (char)c;
    g->name_len++;
    return true;
}

static bool byte(gbop_guard *g, unsigned char c)
{
    if (c == 0)
        return refuse(g, "GBO-X001", "x001.nul", 0, g->line, g->column);
    switch (g->state) {
    case TEXT:
        if (c == '<') {
            g->state = LT;
            g->tag_line = g->line;
            g->tag_column = g->column;
        } else if (g->document_depth && g->depth == g->document_depth && !is_space(c)) {
            /* between a bundle's items: only whitespace */
            return refuse(g, "GBO-X001", "x001.bundle-text", 0, g->line, g->column);
        }
        return true;
    case LT:
        if (c == '/') {
            g->state = END;
        } else if (c == '?') {
            g->state = PI;
            g->match = 0;
        } else if (c == '!') {
            g->state = BANG;
        } else {
            g->state = START;
            if (!begin_start_tag(g))
                return false;
            g->in_name = true;
            g->name_len = 0; /* the element's name: not an attribute's */
        }
        return true;
    case START:
        return start_tag_byte(g, c);
    case END:
        if (c == '>') {
            if (g->depth > 0)
                g->depth--;
            end_document_at(g, g->depth);
            g->state = TEXT;
        }
        return true;
    case BANG:
        if (c == '-' && g->match == 0) {
            g->match = 1;
        } else if (c == '-') {
            g->state = COMMENT;
            g->match = 0;
        } else if (c == '[' && g->match == 0) {
            g->state = CDATA_OPEN;
        } else {
            g->state = DECL;
            g->brackets = c == '[';
            g->quote = 0;
        }
        return true;
    case COMMENT:
        if (c == '-')
            g->match = g->match < 2 ? g->match + 1 : 2;
        else if (c == '>' && g->match == 2)
            g->state = TEXT;
        else
            g->match = 0;
        return true;
    case CDATA_OPEN:
        if (c == (unsigned char)"CDATA["[g->match]) {
            if (++g->match == 6) {
                g->state = CDATA;
                g->match = 0;
            }
        } else {
            g->state = DECL;
            g->brackets = 1;
            g->quote = 0;
        }
        return true;
    case CDATA:
        if (c == ']')
            g->match = g->match < 2 ? g->match + 1 : 2;
        else if (c == '>' && g->match == 2)
            g->state = TEXT;
        else
            g->match = 0;
        return true;
    case PI:
        if (c == '>' && g->match == 1)
            g->state = TEXT;
        else
            g->match = c == '?';
        return true;
    case DECL:
        if (g->quote)
            g->quote = c == (unsigned char)g->quote ? 0 : g->quote;
        else if (c == '"' || c == '\'')
            g->quote = (char)c;
        else if (c == '[')
            g->brackets++;
        else if (c == ']' && g->brackets)
            g->brackets--;
        else if (c == '>' && !g->brackets)
            g->state = TEXT;
        return true;
    }
    return true;
}

size_t gbop_guard_feed(gbop_guard *g, const char *data, size_t n)
{
    const unsigned char *u = (const unsigned char *)data;
    size_t i;
    if (g->refused)
        return 0;
    for (i = 0; i < n; i++) {
        unsigned char c = u[i];
        g->offset++;
        if (c == '\n') {
            g->line++;
            g->column = 0;
        } else if ((c & 0xC0) != 0x80) { /* columns count characters, as libxml2's do */
            g->column++;
        }
        if (!byte(g, c))
            return i;
        if (g->in_document && g->offset - g->document_start > g->max_document_bytes) {
            refuse(g, "GBO-X005", "x005.size", g->max_document_bytes, g->line, g->column);
            return i;
        }
    }
    return n;
}

void gbop_guard_report(const gbop_guard *g, gbo_diagnostics *diags)
{
    if (!g->refused)
        return;
    gbop_diag(diags, g->rule, GBO_SEVERITY_ERROR, g->at_line, g->at_column, "", g->key,
              g->arg[0] && strcmp(g->arg, "0") != 0 ? g->arg : NULL, NULL, NULL);
}
