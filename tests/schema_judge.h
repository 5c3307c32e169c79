/* The shipped XSD's verdict on bytes, as `xmllint --noout --schema
 * data/gbo-exchange-1.xsd` gives it, in-process and silent: the fourth judge
 * of tests/test_agreement.c and tests/fuzz/fuzz_structure.c, the same code
 * in both. */
#ifndef GBO_SCHEMA_JUDGE_H
#define GBO_SCHEMA_JUDGE_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

static void judge_silent(void *ctx, xmlErrorPtr e)
{
    (void)ctx;
    (void)e;
}

/* The compiled schema at `path`, or NULL. */
static inline xmlSchemaPtr judge_load_schema(const char *path)
{
    xmlSchemaParserCtxtPtr p = xmlSchemaNewParserCtxt(path);
    xmlSchemaPtr schema = p ? xmlSchemaParse(p) : NULL;
    xmlSchemaFreeParserCtxt(p);
    return schema;
}

/* Are the bytes well-formed XML that `schema` accepts? */
static inline bool judge_schema_accepts(xmlSchemaPtr schema, const char *bytes, size_t size)
{
    xmlDocPtr doc = xmlReadMemory(bytes, (int)size, "edit.xml", "UTF-8",
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    xmlSchemaValidCtxtPtr ctxt;
    int rc;
    if (!doc)
        return false;
    ctxt = xmlSchemaNewValidCtxt(schema);
    xmlSchemaSetValidStructuredErrors(ctxt, judge_silent, NULL);
    rc = xmlSchemaValidateDoc(ctxt, doc);
    xmlSchemaFreeValidCtxt(ctxt);
    xmlFreeDoc(doc);
    return rc == 0;
}

#endif
