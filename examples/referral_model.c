/* referral_model — build a referral with libgbo's model API, copy it, and
 * compare the copy: the pattern partner software follows before the XML
 * writer serialises it. Run without arguments; prints the referral's fields
 * by walking the field table (no personal data: just field names and the
 * number of values), and exits 0 when the copy is equal to the original. */
#include <stdio.h>
#include <stdlib.h>

#include <gbo/gbo.h>

/* Print each field that holds something, indented by depth. */
static void walk(const gbo_entity *e, int depth)
{
    gbo_kind kind = gbo_entity_kind(e);
    for (size_t i = 0; i < gbo_kind_field_count(kind); i++) {
        gbo_field f = gbo_kind_field_at(kind, i);
        size_t n = gbo_entity_count(e, f);
        if (n == 0)
            continue;
        printf("%*s%s (%zu)\n", depth * 2, "", gbo_field_name(f), n);
        if (gbo_field_type(f) == GBO_TYPE_ENTITY)
            for (size_t j = 0; j < n; j++)
                walk(gbo_entity_child(e, f, j), depth + 1);
    }
}

#define CHECK(call)                                                                            \
    do {                                                                                       \
        if ((call) != GBO_OK) {                                                                \
            fprintf(stderr, "referral_model: %s: %s\n", err.path, err.message);              \
            goto done;                                                                         \
        }                                                                                      \
    } while (0)

int main(void)
{
    gbo_error err;
    gbo_entity *referral = NULL, *copy = NULL, *party, *domain, *right;
    int rc = 1;

    referral = gbo_entity_new(GBO_KIND_REFERRAL, &err);
    if (!referral)
        return 1;
    CHECK(gbo_entity_set(referral, GBO_REFERRAL_ID, "7d1f3c2a-5b6e-4c8d-9e0f-1a2b3c4d5e6f", &err));
    CHECK(gbo_entity_set(referral, GBO_REFERRAL_CREATED_AT, "2025-03-04T10:15:00+01:00", &err));
    CHECK(gbo_entity_set(referral, GBO_REFERRAL_KIND, "warm-referral", &err));
    CHECK(gbo_entity_set(referral, GBO_REFERRAL_URGENCY, "urgent", &err));
    CHECK(gbo_entity_set(referral, GBO_REFERRAL_HELP_QUESTION,
                         "Ik heb een huurachterstand en weet niet waar ik hulp kan vragen.", &err));
    CHECK(gbo_entity_set(referral, GBO_REFERRAL_HELP_QUESTION_LANGUAGE, "nl", &err));

    party = gbo_entity_add_child(referral, GBO_REFERRAL_FROM, &err);
    if (!party)
        goto done;
    CHECK(gbo_entity_set_reference(party, GBO_PARTY_ORGANISATION,
                                   "0e3b5a10-2c4d-4e6f-8a9b-0c1d2e3f4a01", NULL, &err));
    party = gbo_entity_add_child(referral, GBO_REFERRAL_TO, &err);
    if (!party)
        goto done;
    CHECK(gbo_entity_set_reference(party, GBO_PARTY_ORGANISATION,
                                   "0e3b5a10-2c4d-4e6f-8a9b-0c1d2e3f4a02", NULL, &err));
    /* a consent sent earlier by the referring organisation: an external reference */
    CHECK(gbo_entity_set_reference(referral, GBO_REFERRAL_CONSENT,
                                   "5c0e1d2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f",
                                   "0e3b5a10-2c4d-4e6f-8a9b-0c1d2e3f4a01", &err));

    domain = gbo_entity_add_child(referral, GBO_REFERRAL_LIFE_DOMAINS, &err);
    if (!domain)
        goto done;
    CHECK(gbo_entity_set(domain, GBO_LIFE_DOMAIN_DOMAIN, "housing", &err));
    CHECK(gbo_entity_add(domain, GBO_LIFE_DOMAIN_STEPS, "Afbetalingsplan met de verhuurder besproken", &err));

    right = gbo_entity_add_child(referral, GBO_REFERRAL_RIGHT_ASSESSMENTS, &err);
    if (!right)
        goto done;
    CHECK(gbo_entity_set(right, GBO_RIGHT_ASSESSMENT_RIGHT, "huurpremie", &err));
    CHECK(gbo_entity_set(right, GBO_RIGHT_ASSESSMENT_STATUS, "potential", &err));
    CHECK(gbo_entity_set(right, GBO_RIGHT_ASSESSMENT_LIFE_DOMAIN, "housing", &err));

    copy = gbo_entity_copy(referral, &err);
    if (!copy)
        goto done;
    walk(referral, 0);
    printf("copy equal: %s\n", gbo_entity_equal(referral, copy) ? "yes" : "no");
    rc = gbo_entity_equal(referral, copy) ? 0 : 1;
done:
    gbo_entity_free(copy);
    gbo_entity_free(referral);
    return rc;
}
