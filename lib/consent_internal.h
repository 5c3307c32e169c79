/* libgbo internal — consent evaluation for the validator. */
#ifndef GBOP_CONSENT_INTERNAL_H
#define GBOP_CONSENT_INTERNAL_H

#include <gbo/consent.h>
#include <gbo/diagnostics.h>

/* A context that sees `doc` and everything in `base` (may be NULL) without
 * copying them: free with gbo_consent_context_free, which then frees only
 * the view. NULL when out of memory. */
gbo_consent_context *gbop_consent_context_view(const gbo_consent_context *base,
                                               const gbo_entity *doc);

/* Organisations in the context's documents. */
size_t gbop_consent_context_organisations(const gbo_consent_context *ctx);

/* Run the consent rules (GBO-C…) on `exchange`, seeing `context` (may be
 * NULL) too; findings go to diags. For the writer's gate. */
gbo_status gbop_consent_findings(const gbo_entity *exchange, const gbo_consent_context *context,
                                 gbo_diagnostics *diags, gbo_error *err);

/* The elements of the consent's <informed> recorded false (seed 002 §3.1.2:
 * informed consent requires all six), as a bit mask in the order of
 * gbop_informed_names, and their names, comma-separated, in buf. */
extern const char *const gbop_informed_names[6];
unsigned gbop_informed_false(const gbo_entity *consent, char *buf, size_t size);

/* The purpose a referral of `kind` serves (SPEC §2.4), or NULL (consult). */
const char *gbop_referral_purpose(const char *kind);

/* The referral with that id in the context's documents (borrowed), or NULL. */
const gbo_entity *gbop_consent_context_find_referral(const gbo_consent_context *ctx, const char *id);

#endif
