/* libFuzzer target: the identifier checks and the value parsers on any
 * text: national numbers (INSZ/BIS), enterprise and establishment numbers,
 * times and dates, and every value type through gbo_entity_set(). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gbo/gbo.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* a field of every value type */
    static const struct {
        gbo_kind kind;
        gbo_field field;
    } fields[] = {
        { GBO_KIND_PERSON, GBO_PERSON_NATIONAL_NUMBER }, { GBO_KIND_PERSON, GBO_PERSON_BIRTH_DATE },
        { GBO_KIND_PERSON, GBO_PERSON_GIVEN_NAME },      { GBO_KIND_PERSON, GBO_PERSON_LANGUAGE },
        { GBO_KIND_PERSON, GBO_PERSON_ID },              { GBO_KIND_PERSON, GBO_PERSON_PREFERRED_CHANNEL },
        { GBO_KIND_CONSENT, GBO_CONSENT_GIVEN_AT },      { GBO_KIND_REFERRAL, GBO_REFERRAL_CLIENT_PRESENT },
        { GBO_KIND_REFERRAL, GBO_REFERRAL_EXPECTED_FEEDBACK },
        { GBO_KIND_STATUS_UPDATE, GBO_STATUS_UPDATE_DOMAINS_EXPLORED },
    };
    char *text = malloc(size + 1);
    gbo_national_number nn;
    char digits[16];
    gbo_time t;
    gbo_date d;

    FUZZ_CHECK(text != NULL);
    memcpy(text, data, size);
    text[size] = '\0';
    if (gbo_national_number_check(text, &nn) == GBO_ID_VALID)
        FUZZ_CHECK(gbo_national_number_check(text, NULL) == GBO_ID_VALID);
    (void)gbo_enterprise_number_check(text, digits);
    (void)gbo_establishment_number_check(text, digits);
    if (gbo_time_parse(text, &t, NULL) == GBO_OK) {
        char buf[64];
        gbo_time back;
        /* a parsed time formats and parses back to the same instant */
        FUZZ_CHECK(gbo_time_format(t, buf, sizeof buf, NULL) == GBO_OK);
        FUZZ_CHECK(gbo_time_parse(buf, &back, NULL) == GBO_OK && gbo_time_compare(t, back) == 0);
    }
    if (gbo_date_parse(text, &d, NULL) == GBO_OK)
        FUZZ_CHECK(gbo_date_is_valid(d));
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
        gbo_entity *e = gbo_entity_new(fields[i].kind, NULL);
        FUZZ_CHECK(e != NULL);
        if (gbo_entity_set(e, fields[i].field, text, NULL) == GBO_OK) {
            /* a canonical value is accepted again, unchanged */
            char *canonical = strdup(gbo_entity_get(e, fields[i].field));
            FUZZ_CHECK(canonical && gbo_entity_set(e, fields[i].field, canonical, NULL) == GBO_OK);
            FUZZ_CHECK(strcmp(canonical, gbo_entity_get(e, fields[i].field)) == 0);
            free(canonical);
        }
        gbo_entity_free(e);
    }
    free(text);
    return 0;
}
