/* libgbo internal — pieces of the XML layer shared by the document reader
 * (xml_read.c), the bundle reader (bundle.c) and the writer (xml_write.c). */
#ifndef GBOP_XML_H
#define GBOP_XML_H

#include <stdbool.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include <gbo/exchange.h>

#define GBOP_XINCLUDE_NS_2001 "http://www.w3.org/2001/XInclude"
#define GBOP_XINCLUDE_NS_2003 "http://www.w3.org/2003/XInclude"

/* Parser options for every read: no network, no DTD loading, no entity
 * substitution, no XInclude, exact line numbers, no libxml2 printing. */
#define GBOP_XML_PARSE_OPTIONS                                                                 \
    (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES |          \
     XML_PARSE_NOCDATA)

/* libxml2 reports some errors (encoding conversion, C14N, I/O) on its
 * error channel, which prints to stderr unless a handler is set — and may
 * echo bytes of the document. libgbo never prints: between begin and end,
 * this thread's channel is silent (the caller's handler comes back). */
typedef struct gbop_xml_quiet {
    xmlStructuredErrorFunc func;
    void *ctx;
    xmlGenericErrorFunc generic; /* and its generic channel ("malloc failed") */
    void *generic_ctx;
    bool out_of_memory; /* libxml2 reported running out of memory meanwhile */
} gbop_xml_quiet;
void gbop_xml_quiet_begin(gbop_xml_quiet *saved);
/* Did libxml2 run out of memory? (Not its "huge text node" limit, which it
 * reports with the same code.) */
bool gbop_xml_error_is_oom(const xmlError *e);
void gbop_xml_quiet_end(const gbop_xml_quiet *saved);

/* The exchange schema compiled once per process (shared, read-only). */
xmlSchemaPtr gbop_schema(gbo_error *err);

/* Does an extension element or anything in it use the exchange format's
 * namespace (any version)? Extensions live only in other namespaces. */
bool gbop_extension_uses_format_namespace(xmlNodePtr element);

/* Exclusive C14N of an element and its subtree, in a new string; elements
 * in no namespace below a prefixed element keep no namespace when the
 * string is written back into a document (xmlns="" on the element). */
gbo_status gbop_xml_canonical_element(xmlNodePtr element, char **out, gbo_error *err);

/* The canonical bytes of `exchange` without the writer's structure and
 * consent gates (tests compare what the gates refuse with what a reader
 * makes of the bytes). */
gbo_status gbop_exchange_write_unchecked(const gbo_entity *exchange, char **out, size_t *size,
                                         gbo_error *err);

/* The model path of `node` below its <exchange> ancestor, e.g.
 * "/exchange/referral[1]/lifeDomain[2]/note"; "@name" for an attribute. */
void gbop_node_path(xmlNodePtr node, char *buf, size_t size);

/* The name of an element or attribute to quote in a message: its own when
 * the format knows it, else "*" (a name the format does not know may be
 * anything, also a person's). */
const char *gbop_node_label(xmlNodePtr node);

/* true when `node` is an element in the exchange format's namespace (any
 * major version when any_version) named `name`. */
bool gbop_is_format_element(xmlNodePtr node, const char *name);

/* The caller's limits (NULL, this header's gbo_limits, or libgbo 0.1's
 * four-field struct) as this header's gbo_limits, every field set. */
void gbop_limits_normalise(const gbo_limits *limits, gbo_limits *out);

/* Look at the bytes before the root element: UTF-16/32 byte order marks or
 * an encoding other than UTF-8 (GBO-X001), a DOCTYPE (GBO-X002), nothing at
 * all (GBO-X001). Adds the diagnostic and returns false when refused. */
bool gbop_prescan(const char *data, size_t size, bool complete, gbo_diagnostics *diags);

/* Check an exchange element and its subtree, then build the model from it:
 * the format version (GBO-X004, GBO-X006), limits (GBO-X005), entity
 * references and XInclude (GBO-X002), the schema (GBO-X003), and the values
 * (GBO-X003). *out is set only when no error was found. */
gbo_status gbop_exchange_from_element(xmlNodePtr root, const gbo_limits *limits, gbo_entity **out,
                                      gbo_diagnostics *diags, gbo_error *err);

/* Fill err from the first error in diags at index `from` or later (what the
 * current call added) and return GBO_E_DOCUMENT; GBO_E_NOMEM when there is
 * none (recording it, or libxml2, ran out of memory) and none was dropped
 * from a full list. */
gbo_status gbop_refused(const gbo_diagnostics *diags, size_t from, gbo_error *err);

/* Map a libxml2 parser error to a diagnostic (GBO-X001, or GBO-X005 for
 * libxml2's own depth and size limits) without echoing document content.
 * No error, or libxml2 running out of memory, adds nothing. */
void gbop_parser_error_diag(xmlErrorPtr e, gbo_diagnostics *diags);

#endif
