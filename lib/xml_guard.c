/* libgbo — the byte-level guard in front of libxml2 (see xml_guard.h).
 * Plain runs (text, attribute values, names, end tags) are crossed with a
 * byte-class table; only markup bytes take the state machine one at a time. */
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
    PI          /* a processing instruction or the XML declaration */
};

#define XML_NAMESPACE_URI "http://www.w3.org/XML/1998/namespace"

/* Bytes that end a run of a name in a start tag. */
static bool ends_name(unsigned char c)
{
    switch (c) {
    case ' ': case '\t': case '\n': case '\r': case '=': case '"': case '\'': case '>':
    case '/': case '\0':
        return true;
    default:
        return false;
    }
}

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
    g->max_attributes = limits->max_attributes;
    g->max_start_tag_bytes = limits->max_start_tag_bytes;
    g->max_namespaces = limits->max_namespaces;
    g->document_depth = bundle ? 1 : 0;
    g->state = TEXT;
    g->line = 1;
}

/* Refuse at the current start tag's line (at_tag) or the current byte's. */
static bool refuse(gbop_guard *g, const char *rule, const char *key, size_t limit, bool at_tag)
{
    g->refused = true;
    g->rule = rule;
    g->key = key;
    snprintf(g->arg, sizeof g->arg, "%zu", limit);
    g->at_line = at_tag ? g->tag_line : g->line;
    return false;
}

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void new_line(gbop_guard *g)
{
    g->line++;
}

/* The '<' of a start tag was followed by the first byte of its name. */
static bool begin_start_tag(gbop_guard *g)
{
    g->tag_bytes = 2;
    g->tag_attributes = 0;
    g->quote = 0;
    g->slash = false;
    g->in_name = true;
    g->name_len = 1;
    g->capture = false;
    if (g->depth == g->document_depth) { /* a document, or a bundle item, begins */
        g->in_document = true;
        g->document_start = g->offset - 2;
        g->elements = 0;
        g->namespaces = g->outer_namespaces;
    }
    if (g->in_document && ++g->elements > g->max_elements)
        return refuse(g, "GBO-X005", "x005.elements", g->max_elements, true);
    return true;
}

static void end_document_at(gbop_guard *g, unsigned depth)
{
    if (depth == g->document_depth && g->in_document) {
        g->in_document = false;
        g->completed++;
        g->end_offset = g->offset;
    }
}

/* An attribute value opens: count the attribute, and a namespace
 * declaration against the document's namespaces. */
static bool open_value(gbop_guard *g)
{
    bool xmlns = (g->name_len == 5 || (g->name_len > 5 && g->name[5] == ':')) &&
                 memcmp(g->name, "xmlns", 5) == 0;
    if (++g->tag_attributes > g->max_attributes)
        return refuse(g, "GBO-X005", "x005.attributes", g->max_attributes, true);
    if (!xmlns)
        return true;
    if (g->depth < g->document_depth) {
        /* on a bundle's root: in scope in every item */
        if (++g->outer_namespaces > g->max_namespaces)
            return refuse(g, "GBO-X005", "x005.namespaces", g->max_namespaces, true);
    } else if (++g->namespaces > g->max_namespaces) {
        return refuse(g, "GBO-X005", "x005.namespaces", g->max_namespaces, true);
    }
    if (g->name_len == 11 && memcmp(g->name, "xmlns:xmlns", 11) == 0)
        return refuse(g, "GBO-X001", "x001.reserved-prefix", 0, true);
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
    return ok ? true : refuse(g, "GBO-X001", "x001.reserved-prefix", 0, true);
}

/* One byte of a start tag after "<" and the name's first byte. */
static bool start_tag_byte(gbop_guard *g, unsigned char c)
{
    if (++g->tag_bytes > g->max_start_tag_bytes)
        return refuse(g, "GBO-X005", "x005.start-tag", g->max_start_tag_bytes, true);
    if (g->quote) {
        if (c == (unsigned char)g->quote) {
            g->quote = 0;
            return close_value(g);
        }
        if (g->capture) {
            if (g->value_len < sizeof g->value)
                g->value[g->value_len] = (char)c;
            g->value_len++;
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
    if (ends_name(c)) {
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

/* A comment ends at "-->", a CDATA section at "]]>": two `mark` bytes (or
 * more), then '>'. */
static void end_after_two(gbop_guard *g, unsigned char c, unsigned char mark)
{
    if (c == mark)
        g->match = g->match < 2 ? g->match + 1 : 2;
    else if (c == '>' && g->match == 2)
        g->state = TEXT;
    else
        g->match = 0;
}

/* One byte through the state machine. */
static bool byte(gbop_guard *g, unsigned char c)
{
    if (c == 0)
        return refuse(g, "GBO-X001", "x001.nul", 0, false);
    switch (g->state) {
    case TEXT:
        if (c == '<') {
            g->state = LT;
            g->tag_line = g->line;
        } else if (g->document_depth && g->depth == g->document_depth && !is_space(c)) {
            /* between a bundle's items: only whitespace */
            return refuse(g, "GBO-X001", "x001.bundle-text", 0, false);
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
            g->match = 0;
        } else {
            g->state = START;
            if (!begin_start_tag(g))
                return false;
            g->name[0] = (char)c; /* the element's name: not an attribute's */
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
    case BANG: /* a comment or a CDATA section; anything else declares (GBO-X002) */
        if (c == '-' && g->match == 0) {
            g->match = 1;
        } else if (c == '-') {
            g->state = COMMENT;
            g->match = 0;
        } else if (c == '[' && g->match == 0) {
            g->state = CDATA_OPEN;
        } else {
            return refuse(g, "GBO-X002", "x002.declaration", 0, true);
        }
        return true;
    case COMMENT:
        end_after_two(g, c, '-');
        return true;
    case CDATA_OPEN:
        if (c != (unsigned char)"CDATA["[g->match])
            return refuse(g, "GBO-X002", "x002.declaration", 0, true);
        if (++g->match == 6) {
            if (g->document_depth && g->depth == g->document_depth) /* between items */
                return refuse(g, "GBO-X001", "x001.bundle-text", 0, true);
            g->state = CDATA;
            g->match = 0;
        }
        return true;
    case CDATA:
        end_after_two(g, c, ']');
        return true;
    case PI:
        if (c == '>' && g->match == 1)
            g->state = TEXT;
        else
            g->match = c == '?';
        return true;
    }
    return true;
}

/* Bytes that end a plain run, per kind of run (a '\n' does not end one: it
 * is counted as a line on the way). */
#define STOPS_ALWAYS [0] = 1, ['\n'] = 2
static const unsigned char text_stops[256] = { STOPS_ALWAYS, ['<'] = 1 };
static const unsigned char end_tag_stops[256] = { STOPS_ALWAYS, ['>'] = 1 };
static const unsigned char double_quote_stops[256] = { STOPS_ALWAYS, ['"'] = 1 };
static const unsigned char single_quote_stops[256] = { STOPS_ALWAYS, ['\''] = 1 };
static const unsigned char name_stops[256] = { /* whitespace, '\n' too, ends a name */
    [0] = 1, [' '] = 1, ['\t'] = 1, ['\r'] = 1, ['\n'] = 1, ['='] = 1, ['"'] = 1, ['\''] = 1,
    ['>'] = 1, ['/'] = 1,
};

/* The stops of the plain run the current state allows, or NULL when the
 * next byte needs the state machine: text (not between a bundle's items,
 * where only whitespace may be), an attribute value (not one the guard
 * reads), the rest of a name in a start tag, an end tag. */
static const unsigned char *plain_stops(const gbop_guard *g)
{
    switch (g->state) {
    case TEXT:
        return g->document_depth && g->depth == g->document_depth ? NULL : text_stops;
    case START:
        if (g->quote)
            return g->capture ? NULL : g->quote == '"' ? double_quote_stops : single_quote_stops;
        return g->in_name ? name_stops : NULL;
    case END:
        return end_tag_stops;
    default:
        return NULL;
    }
}

/* Cross the plain bytes at p (up to n, and within a start tag's limit),
 * counting lines; returns how many. */
static size_t cross(gbop_guard *g, const unsigned char *stops, const unsigned char *p, size_t n)
{
    size_t i = 0;
    /* the byte past a limit goes the slow way, which refuses it */
    if (g->state == START)
        n = g->tag_bytes >= g->max_start_tag_bytes ? 0
            : n < g->max_start_tag_bytes - g->tag_bytes ? n : g->max_start_tag_bytes - g->tag_bytes;
    if (g->in_document) {
        uint64_t used = g->offset - g->document_start;
        uint64_t room = used >= g->max_document_bytes ? 0 : g->max_document_bytes - used;
        if (n > room)
            n = (size_t)room;
    }
    while (i < n) {
        unsigned char stop = stops[p[i]];
        if (!stop) {
            i++;
        } else if (stop == 2) {
            i++;
            new_line(g);
        } else {
            break;
        }
    }
    g->offset += i;
    if (g->state == START) {
        g->tag_bytes += i;
        if (!g->quote && i) { /* more of a name: keep its first bytes */
            if (g->name_len < sizeof g->name)
                memcpy(g->name + g->name_len, p,
                       i < sizeof g->name - g->name_len ? i : sizeof g->name - g->name_len);
            g->name_len += i;
            g->slash = false;
        }
    }
    return i;
}

size_t gbop_guard_feed(gbop_guard *g, const char *data, size_t n)
{
    const unsigned char *u = (const unsigned char *)data;
    size_t i = 0;
    if (g->refused)
        return 0;
    while (i < n) {
        const unsigned char *stops = plain_stops(g);
        size_t run = stops ? cross(g, stops, u + i, n - i) : 0;
        if (run > 0) {
            i += run;
            continue;
        }
        /* one byte through the state machine; a document's size is checked
         * before the byte can end it */
        if (g->in_document && g->offset - g->document_start >= g->max_document_bytes) {
            refuse(g, "GBO-X005", "x005.size", g->max_document_bytes, false);
            return i;
        }
        g->offset++;
        if (!byte(g, u[i]))
            return i;
        if (u[i] == '\n')
            new_line(g);
        i++;
    }
    return n;
}

void gbop_guard_report(const gbop_guard *g, gbo_diagnostics *diags)
{
    if (!g->refused)
        return;
    gbop_diag(diags, g->rule, GBO_SEVERITY_ERROR, g->at_line, 0, "", g->key,
              strcmp(g->arg, "0") != 0 ? g->arg : NULL, NULL, NULL);
}
