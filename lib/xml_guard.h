/* libgbo internal — the byte-level guard every byte of a document or bundle
 * passes before libxml2 parses it. libxml2 2.9's start-tag checks are
 * quadratic in the attributes of a tag and the namespaces in scope, and a
 * DOM costs about a hundred times the bytes of empty elements; the guard
 * counts what those costs depend on while the bytes stream past, and
 * refuses (GBO-X005, GBO-X001) before libxml2 sees the bytes that would
 * cross a limit. It reads markup only as far as it must: text, start and end
 * tags, quoted attribute values, comments, CDATA sections, processing
 * instructions; a declaration (<!DOCTYPE, <!ENTITY...) it refuses itself
 * (GBO-X002). Well-formedness stays libxml2's job. */
#ifndef GBOP_XML_GUARD_H
#define GBOP_XML_GUARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <gbo/diagnostics.h>
#include <gbo/exchange.h>

/* The defaults of the limits the guard adds to gbo_limits (gbo_limits_init()
 * sets them). */
#define GBOP_MAX_ATTRIBUTES 64            /* in one start tag, xmlns included */
#define GBOP_MAX_START_TAG_BYTES 65536    /* one start tag, '<' to '>' */
#define GBOP_MAX_NAMESPACES 64            /* declarations in one document */

typedef struct gbop_guard {
    /* limits */
    size_t max_document_bytes, max_elements, max_attributes, max_start_tag_bytes,
        max_namespaces;
    /* where the documents are: depth 0 for a document, 1 for bundle items */
    unsigned document_depth;
    /* state of the scan */
    int state;
    unsigned match;         /* progress through "<!--", "-->", "]]>", "?>", "CDATA[" */
    char quote;             /* the quote of the attribute value being read, or 0 */
    bool in_name, slash, capture;
    char name[16];          /* the attribute name being read (xmlns detection) */
    size_t name_len;
    char value[48];         /* the value of an xmlns:xml declaration */
    size_t value_len;
    unsigned depth;         /* elements open */
    uint64_t offset;        /* bytes seen */
    uint64_t document_start; /* offset of the current document's first byte */
    bool in_document;
    unsigned long line, tag_line;
    size_t tag_bytes, tag_attributes;
    size_t elements, namespaces, outer_namespaces;
    size_t completed;       /* documents (bundle items) whose last byte passed */
    uint64_t end_offset;    /* the offset just past the last of them */
    /* the refusal */
    bool refused;
    const char *rule, *key;
    char arg[24];
    unsigned long at_line;
} gbop_guard;

/* A guard for one document (bundle = false) or one bundle, with `limits`
 * (normalised: gbop_limits_normalise(); NULL: the defaults). */
void gbop_guard_init(gbop_guard *g, const gbo_limits *limits, bool bundle);

/* Let up to `n` more bytes pass: returns how many may go on to libxml2, all
 * n unless the guard refuses at one of them (then, and for every later
 * call, `refused` is set and gbop_guard_report() says why). Depth stays
 * the tree check's: libxml2's own nesting limit bounds it while parsing. */
size_t gbop_guard_feed(gbop_guard *g, const char *data, size_t n);

/* Add the refusal to diags (nothing when the guard has not refused). */
void gbop_guard_report(const gbop_guard *g, gbo_diagnostics *diags);

#endif
