/* gbo validate — what validation found, per file and per document, in input
 * order; the report writers read it, the worker pool fills it. */
#ifndef GBO_RESULTS_H
#define GBO_RESULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <gbo/gbo.h>

typedef struct item_result {
    size_t index;              /* bundle item (1-based); 0 for a single document */
    char *document_id;         /* "" when the document could not be read */
    gbo_diagnostics *diags;
    bool *suppressed;          /* one flag per diagnostic */
    const char **rationale;    /* the suppression entry's rationale, per diagnostic */
    uint64_t source;           /* its number in the --history replay; 0 when not in it */
} item_result;

typedef struct file_result {
    const char *name;          /* as given, or as found in a directory; "-" for stdin */
    char *io_error;            /* set when the file could not be read */
    size_t nitems, capitems;
    item_result *items;
} file_result;

typedef struct summary {
    size_t files, documents, errors, warnings, suppressed;
} summary;

void results_summarise(const file_result *files, size_t nfiles, summary *s);
void results_free(file_result *files, size_t nfiles);

#endif
