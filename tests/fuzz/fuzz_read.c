/* libFuzzer target: the document reader and the bundle reader on any bytes.
 * Whatever the input, reading ends in a model or in diagnostics, never a
 * crash, a hang or a read outside the input. */
#include <stdint.h>
#include <stdlib.h>

#include <gbo/gbo.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gbo_diagnostics *diags = gbo_diagnostics_new(NULL);
    gbo_entity *doc = NULL;
    gbo_error err;
    gbo_limits limits;

    fuzz_limits(&limits);
    if (gbo_is_bundle((const char *)data, size)) {
        gbo_bundle_reader *b;
        /* limits the inputs (128 KiB at most) can cross, so that the guard's
         * refusals inside a streamed item are reached too */
        limits.max_document_bytes = 4096;
        limits.max_attributes = 8;
        limits.max_start_tag_bytes = 512;
        limits.max_namespaces = 4;
        b = gbo_bundle_open_memory((const char *)data, size, &limits, &err);
        for (int items = 0; b && items < 64; items++) {
            gbo_status status = gbo_bundle_next(b, &doc, diags, &err);
            gbo_entity_free(doc);
            if ((status == GBO_OK && !doc) || (status != GBO_OK && gbo_bundle_failed(b)))
                break;
            doc = NULL;
            FUZZ_CHECK(status == GBO_OK || status == GBO_E_DOCUMENT || status == GBO_E_NOMEM);
        }
        gbo_bundle_close(b);
    } else {
        gbo_status status = gbo_exchange_read_memory((const char *)data, size, &limits, &doc, diags, &err);
        /* a refusal always says why, with a rule id */
        FUZZ_CHECK(status != GBO_E_DOCUMENT || gbo_diagnostics_error_count(diags) > 0);
        FUZZ_CHECK(status != GBO_OK || doc != NULL);
        gbo_entity_free(doc);
    }
    gbo_diagnostics_free(diags);
    return 0;
}
