/* gbo validate — counting and freeing results. */
#include "config.h"

#include <stdlib.h>

#include "results.h"

void summary_add(summary *s, const item_result *it)
{
    s->documents++;
    for (size_t k = 0; k < gbo_diagnostics_count(it->diags); k++) {
        if (it->suppressed[k])
            s->suppressed++;
        else if (gbo_diagnostic_severity(gbo_diagnostics_at(it->diags, k)) == GBO_SEVERITY_ERROR)
            s->errors++;
        else
            s->warnings++;
    }
}

void results_summarise(const file_result *files, size_t nfiles, summary *s)
{
    s->files = nfiles;
    s->documents = s->errors = s->warnings = s->suppressed = 0;
    for (size_t i = 0; i < nfiles; i++)
        for (size_t j = 0; j < files[i].nitems; j++)
            summary_add(s, &files[i].items[j]);
}

void item_result_clear(item_result *it)
{
    free(it->document_id);
    free(it->suppressed);
    free(it->rationale);
    gbo_diagnostics_free(it->owned);
    it->document_id = NULL;
    it->suppressed = NULL;
    it->rationale = NULL;
    it->diags = it->owned = NULL;
}

void results_free(file_result *files, size_t nfiles)
{
    for (size_t i = 0; i < nfiles; i++) {
        for (size_t j = 0; j < files[i].nitems; j++)
            item_result_clear(&files[i].items[j]);
        free(files[i].items);
        free(files[i].io_error);
    }
    free(files);
}
