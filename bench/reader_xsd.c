/* reader_xsd XSD FILE... — the cheap option measured for issue #13: the
 * compiled XSD validating over libxml2's streaming reader
 * (xmlTextReaderSchemaValidateCtxt), no DOM kept, no model built, no rules.
 * The schema is compiled once; each file is read node by node and checked.
 * Exit status 1 when a file is invalid. bench/run-reader-xsd.sh runs it. */
#include <stdio.h>

#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>

static void quiet(void *ctx, xmlErrorPtr error)
{
    (void)ctx;
    (void)error;
}

int main(int argc, char **argv)
{
    xmlSchemaParserCtxtPtr pctxt;
    xmlSchemaPtr schema;
    int invalid = 0;

    if (argc < 2) {
        fprintf(stderr, "usage: reader_xsd XSD FILE...\n");
        return 2;
    }
    xmlSetStructuredErrorFunc(NULL, quiet);
    pctxt = xmlSchemaNewParserCtxt(argv[1]);
    schema = pctxt ? xmlSchemaParse(pctxt) : NULL;
    xmlSchemaFreeParserCtxt(pctxt);
    if (!schema) {
        fprintf(stderr, "reader_xsd: %s does not compile\n", argv[1]);
        return 2;
    }
    for (int i = 2; i < argc; i++) {
        xmlSchemaValidCtxtPtr vctxt = xmlSchemaNewValidCtxt(schema);
        xmlTextReaderPtr reader = xmlReaderForFile(argv[i], NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                                   XML_PARSE_NOWARNING);
        int rc = -1;
        if (reader && vctxt && xmlTextReaderSchemaValidateCtxt(reader, vctxt, 0) == 0) {
            while ((rc = xmlTextReaderRead(reader)) == 1)
                ;
            if (rc == 0 && xmlTextReaderIsValid(reader) != 1)
                rc = -1;
        }
        invalid += rc != 0;
        xmlFreeTextReader(reader);
        xmlSchemaFreeValidCtxt(vctxt);
    }
    xmlSchemaFree(schema);
    return invalid ? 1 : 0;
}
