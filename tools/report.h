/* gbo validate — the report formats: text (the FILE:LINE:COL: form editors
 * and CI annotate), json (schema: data/gbo-validate-report.schema.json),
 * junit (one test case per document) and sarif (2.1.0). Every report names
 * the libgbo and format versions. */
#ifndef GBO_REPORT_H
#define GBO_REPORT_H

#include <stdio.h>

#include "results.h"

typedef enum report_format { REPORT_TEXT, REPORT_JSON, REPORT_JUNIT, REPORT_SARIF } report_format;

/* false for an unknown name. */
bool report_format_parse(const char *name, report_format *out);
/* Write the report; lang is the language of rule titles and help (sarif);
 * with strict, warnings fail a junit test case as errors do. Files that
 * could not be read appear in json, junit and sarif; the text report leaves
 * them to the caller's error stream. */
void report_write(FILE *out, report_format format, const file_result *files, size_t nfiles,
                  gbo_lang lang, bool strict);

#endif
