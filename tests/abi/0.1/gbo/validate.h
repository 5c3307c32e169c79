/* libgbo — the validator: reads a document safely (the X rules of SPEC §4)
 * and runs the whole rule catalogue on it (I, R and C rules), collecting
 * every finding in a gbo_diagnostics list. A referral's lifecycle across
 * documents is a gbo_history's (<gbo/lifecycle.h>).
 *
 * A validator holds the code lists it checks codes against and the context:
 * earlier documents whose entities resolve external references. Set it up
 * once; afterwards it is read-only, and any number of threads may validate
 * with the same validator at once, each with its own diagnostics list. */
#ifndef GBO_VALIDATE_H
#define GBO_VALIDATE_H

#include <stddef.h>
#include <gbo/export.h>
#include <gbo/codes.h>
#include <gbo/diagnostics.h>
#include <gbo/entity.h>
#include <gbo/error.h>
#include <gbo/exchange.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gbo_validator gbo_validator;

/* A validator checking codes against `codes` (borrowed: it must outlive the
 * validator), or the built-in lists when NULL. New: free with
 * gbo_validator_free. */
GBO_API GBO_WARN_UNUSED gbo_validator *gbo_validator_new(const gbo_codeset *codes,
                                                         gbo_error *err);
/* NULL is allowed. */
GBO_API void gbo_validator_free(gbo_validator *validator);
/* Reading limits (GBO-X005) for the documents validated; defaults when never set. */
GBO_API void gbo_validator_set_limits(gbo_validator *validator, const gbo_limits *limits);
/* Add an earlier document to the context: its organisations, consents,
 * referrals, withdrawals and support-ended events resolve the external
 * references of the documents validated. The validator keeps a copy. */
GBO_API GBO_WARN_UNUSED gbo_status gbo_validator_add_context(gbo_validator *validator,
                                                             const gbo_entity *exchange,
                                                             gbo_error *err);
/* Organisations known from the context. */
GBO_API size_t gbo_validator_context_organisations(const gbo_validator *validator);

/* Validate one document: GBO_OK when it could be examined — its findings,
 * errors and warnings alike, are in `diags` (gbo_diagnostics_error_count()
 * tells whether it is acceptable) — or a failure of the call itself
 * (GBO_E_NOMEM, GBO_E_IO, GBO_E_INVALID_ARG). */
GBO_API GBO_WARN_UNUSED gbo_status gbo_validate_memory(const gbo_validator *validator,
                                                       const char *data, size_t size,
                                                       gbo_diagnostics *diags, gbo_error *err);
GBO_API GBO_WARN_UNUSED gbo_status gbo_validate_file(const gbo_validator *validator,
                                                     const char *path, gbo_diagnostics *diags,
                                                     gbo_error *err);
/* Run the rules on a model: one built in code, or a bundle item
 * (gbo_bundle_next()). Locations are those recorded when it was read. */
GBO_API GBO_WARN_UNUSED gbo_status gbo_validate_entity(const gbo_validator *validator,
                                                       const gbo_entity *exchange,
                                                       gbo_diagnostics *diags, gbo_error *err);

#ifdef __cplusplus
}
#endif
#endif
