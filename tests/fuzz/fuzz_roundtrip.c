/* libFuzzer target: parse → write → parse. A document that was read is
 * either written (and then reads back to an equal model, and writes to the
 * same bytes) or refused by the writer's consent gate with a rule id. */
#include <stdint.h>
#include <string.h>

#include <gbo/gbo.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gbo_entity *doc = NULL, *again = NULL;
    char *out = NULL, *out2 = NULL;
    size_t n = 0, n2 = 0;
    gbo_error err;
    gbo_status status;
    gbo_limits limits;

    fuzz_limits(&limits);
    if (gbo_exchange_read_memory((const char *)data, size, &limits, &doc, NULL, NULL) != GBO_OK)
        return 0;
    status = gbo_exchange_write_memory(doc, &out, &n, &err);
    if (status == GBO_E_DOCUMENT) {
        FUZZ_CHECK(strncmp(err.rule, "GBO-C", 5) == 0);
    } else {
        FUZZ_CHECK(status == GBO_OK);
        /* the canonical form reads back (default limits: it may be longer than the input) */
        status = gbo_exchange_read_memory(out, n, NULL, &again, NULL, &err);
        if (status != GBO_OK)
            fprintf(stderr, "the written document does not read back: %s %s (%s)\n%s\n", err.rule,
                    err.message, err.path, out);
        FUZZ_CHECK(status == GBO_OK);
        FUZZ_CHECK(gbo_entity_equal(doc, again));
        FUZZ_CHECK(gbo_exchange_write_memory(again, &out2, &n2, NULL) == GBO_OK);
        FUZZ_CHECK(n == n2 && memcmp(out, out2, n) == 0);
    }
    gbo_free(out);
    gbo_free(out2);
    gbo_entity_free(again);
    gbo_entity_free(doc);
    return 0;
}
