/* libFuzzer target: the code-list extension loader on any bytes. An
 * extension is loaded whole or refused whole: after a refusal the code set
 * still answers as the built-in lists do. */
#include <stdint.h>

#include <gbo/gbo.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gbo_codeset *codes = gbo_codeset_new(NULL);
    gbo_error err;
    gbo_status status;
    FUZZ_CHECK(codes != NULL);
    status = gbo_codeset_load_extension_memory(codes, (const char *)data, size, &err);
    if (status != GBO_OK)
        FUZZ_CHECK(gbo_codeset_extension_count(codes) == 0);
    /* the built-in codes are never removed or redefined */
    FUZZ_CHECK(gbo_codeset_lookup(codes, "partner-kind", "caw") != NULL);
    FUZZ_CHECK(gbo_codeset_lookup(codes, "life-domain", "housing") != NULL);
    gbo_codeset_free(codes);
    return 0;
}
