/* gbo validate — the report formats: text (the FILE:LINE:COL: form editors
 * and CI annotate), json (schema: data/gbo-validate-report.schema.json),
 * junit (one test case per document) and sarif (2.1.0). Every report names
 * the libgbo and format versions.
 *
 * Reports stream: each document's findings are written as it comes, in
 * input order, and then forgotten; what must precede them (JUnit's totals)
 * is written at the end, with the test cases spooled to a temporary file. */
#ifndef GBO_REPORT_H
#define GBO_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "results.h"

typedef enum report_format { REPORT_TEXT, REPORT_JSON, REPORT_JUNIT, REPORT_SARIF } report_format;

typedef struct report report;

/* false for an unknown name. */
bool report_format_parse(const char *name, report_format *out);

/* A report on `out`; lang is the language of rule titles and help (sarif);
 * with strict, warnings fail a junit test case as errors do. NULL when out
 * of memory (or no temporary file for junit's test cases). */
report *report_open(FILE *out, report_format format, gbo_lang lang, bool strict);
/* The next input file, in input order. */
bool report_file_begin(report *r, const char *name);
/* One of its documents (its suppression flags set). */
bool report_item(report *r, const item_result *it);
/* The end of the file; io_error when it could not be read (whole). */
bool report_file_end(report *r, const char *io_error);
/* The summary and what follows it; frees r. false when anything could not
 * be written (out of memory, a full disk: the caller's exit status 2). */
bool report_close(report *r, const summary *s);
/* Free r without finishing the report. */
void report_abandon(report *r);

/* Write a whole run at once (gbo validate --history, which knows every
 * document's findings only at the end). false as report_close. */
bool report_write(FILE *out, report_format format, const file_result *files, size_t nfiles,
                  gbo_lang lang, bool strict);

#endif
