/* gbo validate — what validation found, per file and per document, in input
 * order; the report writers read it, gbo_validate_many()'s results fill it. */
#ifndef GBO_RESULTS_H
#define GBO_RESULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <gbo/gbo.h>

typedef struct item_result {
    size_t index;              /* bundle item (1-based); 0 for a single document */
    char *document_id;         /* "" when the document could not be read */
    const gbo_diagnostics *diags; /* its findings: `owned`, or the result's, borrowed */
    gbo_diagnostics *owned;    /* kept past the result (--history), or NULL */
    bool *suppressed;          /* one flag per diagnostic */
    const char **rationale;    /* the suppression entry's rationale, per diagnostic */
    uint64_t source;           /* its number in the --history replay; 0 when not in it */
    double seconds;            /* spent reading and checking it */
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

/* Count one document's findings into s. */
void summary_add(summary *s, const item_result *it);
void results_summarise(const file_result *files, size_t nfiles, summary *s);
/* Free what an item holds (not the item). */
void item_result_clear(item_result *it);
void results_free(file_result *files, size_t nfiles);

#endif
