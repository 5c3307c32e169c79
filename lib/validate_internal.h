/* libgbo internal — what the rule files share: the validation context and
 * reporting. One file per group of rules (rules_identity.c,
 * rules_references.c, rules_codes.c, rules_referral.c). */
#ifndef GBOP_VALIDATE_INTERNAL_H
#define GBOP_VALIDATE_INTERNAL_H

#include <stdbool.h>

#include <gbo/consent.h>
#include <gbo/validate.h>

#include "values.h"

struct gbo_validator {
    const gbo_codeset *codes;
    gbo_limits limits;
    gbo_consent_context *context; /* the earlier documents */
};

typedef struct vctx {
    const gbo_validator *v;
    const gbo_entity *doc;
    gbo_diagnostics *diags;
    gbo_date date;        /* the document's creation date in Europe/Brussels */
    bool has_date;
    gbo_status status;    /* GBO_E_NOMEM once reporting failed */
    void *user;           /* a rule group's own state during gbop_walk */
    gbo_consent_context *consents; /* the context plus this document */
} vctx;

/* Report `rule` (severity from the rule table) at value `index` of `field`
 * of `e` (field GBO_FIELD_NONE: at e itself). */
void gbop_report(vctx *c, const char *rule, const gbo_entity *e, gbo_field field, size_t index,
                 const char *key, const char *a0, const char *a1, const char *a2);

/* Call `visit` on e and every entity below it, in document order. */
void gbop_walk(vctx *c, const gbo_entity *e, void (*visit)(vctx *c, const gbo_entity *e));

/* The id a reference entity points to, and its issuer (NULL for a local one). */
const char *gbop_reference_id(const gbo_entity *ref);

/* What kind of personal data a text seems to hold: NULL, or the catalogue
 * key suffix "national-number", "email" or "phone". */
const char *gbop_personal_data_in(const char *text);

void gbop_rules_identity(vctx *c);
void gbop_rules_references(vctx *c);
void gbop_rules_codes(vctx *c);
void gbop_rules_referral(vctx *c);
void gbop_rules_consent(vctx *c);
void gbop_rules_lifecycle(vctx *c);
void gbop_rules_signal(vctx *c);

#endif
