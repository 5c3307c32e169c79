/* libgbo — the exchange schema, compiled once per process from the copy
 * built into the library (data/gbo-exchange-1.xsd), shared read-only by
 * every validation (each with its own validation context). */
#include "config.h"

#include <pthread.h>

#include <libxml/xmlschemas.h>

#include "error.h"
#include "init.h"
#include "xml.h"

extern const unsigned char gbop_exchange_xsd[];
extern const size_t gbop_exchange_xsd_size;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static xmlSchemaPtr schema;

/* Swallow schema-compiler messages: the built-in schema is tested, and
 * libxml2 must not print on the caller's stderr. */
static void quiet(void *ctx, xmlErrorPtr error)
{
    (void)ctx;
    (void)error;
}

xmlSchemaPtr gbop_schema(gbo_error *err)
{
    xmlSchemaPtr result;
    gbop_init();
    pthread_mutex_lock(&lock);
    if (!schema) {
        xmlSchemaParserCtxtPtr ctxt =
            xmlSchemaNewMemParserCtxt((const char *)gbop_exchange_xsd, (int)gbop_exchange_xsd_size);
        if (ctxt) {
            xmlSchemaSetParserStructuredErrors(ctxt, quiet, NULL);
            schema = xmlSchemaParse(ctxt);
            xmlSchemaFreeParserCtxt(ctxt);
        }
        /* the built-in schema is tested: it fails to compile only when
         * memory runs out (and the next call tries again) */
        if (!schema)
            gbop_fail(err, GBO_E_NOMEM, NULL, NULL,
                      "out of memory compiling the built-in exchange schema");
    }
    result = schema;
    pthread_mutex_unlock(&lock);
    return result;
}

__attribute__((destructor)) static void free_schema(void)
{
    if (schema)
        xmlSchemaFree(schema);
    schema = NULL;
}
