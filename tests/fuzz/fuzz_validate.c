/* libFuzzer target: the whole validator, with a context of earlier
 * documents (consents, withdrawals, organisations) against which external
 * references resolve, on any bytes. A document either validates to a list
 * of diagnostics, each with a known rule id, or the call fails cleanly. */
#include <stdint.h>
#include <string.h>

#include <gbo/gbo.h>

#include "fuzz.h"

static gbo_validator *validator;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static const char *const context[] = { "examples/referral-warm.xml", "examples/consent-withdrawal.xml",
                                           "examples/case-conference.xml", "tests/fixtures/consent/context.xml" };
    gbo_limits limits;
    (void)argc;
    (void)argv;
    validator = gbo_validator_new(NULL, NULL);
    FUZZ_CHECK(validator != NULL);
    fuzz_limits(&limits);
    gbo_validator_set_limits(validator, &limits);
    for (size_t i = 0; i < sizeof context / sizeof *context; i++) {
        char path[4096];
        gbo_entity *doc = NULL;
        FUZZ_CHECK(gbo_exchange_read_file(fuzz_source_file(context[i], path, sizeof path), NULL, &doc, NULL,
                                          NULL) == GBO_OK);
        FUZZ_CHECK(gbo_validator_add_context(validator, doc, NULL) == GBO_OK);
        gbo_entity_free(doc);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gbo_diagnostics *diags = gbo_diagnostics_new(NULL);
    gbo_error err;
    gbo_status status = gbo_validate_memory(validator, (const char *)data, size, diags, &err);
    FUZZ_CHECK(status == GBO_OK || status == GBO_E_NOMEM);
    for (size_t i = 0; i < gbo_diagnostics_count(diags); i++) {
        const gbo_diagnostic *d = gbo_diagnostics_at(diags, i);
        FUZZ_CHECK(gbo_rule_find(gbo_diagnostic_rule(d)) != NULL);
        FUZZ_CHECK(gbo_diagnostic_message(d) && *gbo_diagnostic_message(d));
    }
    gbo_diagnostics_free(diags);
    return 0;
}
