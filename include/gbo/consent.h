/* libgbo — consent evaluation (SPEC §2.4): the one place consent logic
 * lives. Given a consent, a request (recipient organisation, purpose, data
 * category, time) and the context of earlier documents, answer permit or
 * deny with one reason, checked in this order:
 *
 *   withdrawn (GBO-C006) → not yet valid or expired (GBO-C005) → not
 *   informed: an element of <informed> recorded false (GBO-C014) → written
 *   form required for a dossier transfer (GBO-C007) → the provisions:
 *   denied by a provision, or — when no permit matches — recipient not
 *   covered (GBO-C002), purpose not covered (GBO-C003), category not covered
 *   or special category not named (GBO-C004).
 *
 * Provisions form a tree whose base decision is deny. A provision matches a
 * request when each of its lists is empty or holds the request's value —
 * except that the special categories health and judicial match only a
 * provision that names them or names full-dossier, which names every
 * category — and the request's day is within its dates.
 * The deepest matching provision decides; matching provisions at the same
 * depth that disagree deny. Recipients are organisation ids, partner kinds,
 * or "network": every organisation of a core-partner kind (local social
 * service, CAW, DMW) that shares a GBO network with the organisation that
 * recorded the consent. Dates are whole days in Europe/Brussels; a
 * withdrawal takes effect at its instant. An until-support-ends consent
 * ends when every core partner that took up support under it (its recorder,
 * when a core partner, and each that accepted a referral under it) recorded
 * support-ended; an organisation of unknown kind counts as a core partner.
 * The context's documents are what tell who took up support.
 *
 * Warnings that do not change the decision: no informed-consent elements
 * recorded (GBO-C010, noting whether the recipient is bound by
 * professional secrecy) and a client under 13 as own grantor without
 * capacity assessment (GBO-C009).
 *
 * A context is filled once and then read-only: any number of threads may
 * evaluate against it. */
#ifndef GBO_CONSENT_H
#define GBO_CONSENT_H

#include <stdbool.h>
#include <gbo/export.h>
#include <gbo/diagnostics.h>
#include <gbo/entity.h>
#include <gbo/error.h>
#include <gbo/values.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum gbo_consent_reason {
    GBO_CONSENT_PERMITTED = 0,
    GBO_CONSENT_WITHDRAWN,                  /* GBO-C006 */
    GBO_CONSENT_NOT_YET_VALID,              /* GBO-C005 */
    GBO_CONSENT_EXPIRED,                    /* GBO-C005 */
    GBO_CONSENT_WRITTEN_FORM_REQUIRED,      /* GBO-C007 */
    GBO_CONSENT_DENIED_BY_PROVISION,        /* GBO-C004 */
    GBO_CONSENT_RECIPIENT_NOT_COVERED,      /* GBO-C002 */
    GBO_CONSENT_PURPOSE_NOT_COVERED,        /* GBO-C003 */
    GBO_CONSENT_CATEGORY_NOT_COVERED,       /* GBO-C004 */
    GBO_CONSENT_SPECIAL_CATEGORY_NOT_NAMED, /* GBO-C004 */
    GBO_CONSENT_NOT_INFORMED                /* GBO-C014: an informed element recorded false */
} gbo_consent_reason;

enum {
    GBO_CONSENT_WARN_INFORMED_INCOMPLETE = 1u << 0,   /* GBO-C010: no <informed> recorded */
    GBO_CONSENT_WARN_RECIPIENT_NO_SECRECY = 1u << 1,  /* with C010: the recipient is not
                                                         bound by professional secrecy */
    GBO_CONSENT_WARN_MINOR_WITHOUT_ASSESSMENT = 1u << 2 /* GBO-C009 */
};

typedef struct gbo_consent_request {
    const char *recipient; /* organisation id (UUID) */
    const char *purpose;   /* code of the list purpose */
    const char *category;  /* code of the list data-category */
    gbo_time at;           /* the transfer's instant */
} gbo_consent_request;

typedef struct gbo_consent_decision {
    bool permit;
    gbo_consent_reason reason;
    const char *rule;      /* "GBO-C0NN" for a deny, NULL for a permit (static) */
    unsigned warnings;     /* GBO_CONSENT_WARN_* */
} gbo_consent_decision;

typedef struct gbo_consent_context gbo_consent_context;

GBO_API GBO_WARN_UNUSED gbo_consent_context *gbo_consent_context_new(gbo_error *err);
/* NULL is allowed. */
GBO_API void gbo_consent_context_free(gbo_consent_context *ctx);
/* Add what an exchange document holds: organisations, persons, consents,
 * consent withdrawals, support-ended events, referrals and status updates
 * (which tell who took up support under a consent). The context keeps a
 * copy. */
GBO_API GBO_WARN_UNUSED gbo_status gbo_consent_context_add(gbo_consent_context *ctx,
                                                           const gbo_entity *exchange,
                                                           gbo_error *err);
/* The consent with that id in the context (borrowed), or NULL. */
GBO_API const gbo_entity *gbo_consent_context_find(const gbo_consent_context *ctx,
                                                   const char *consent_id);

/* Decide one request. `ctx` may be NULL (then partner kinds, networks,
 * withdrawals, support-ended events and the subject's age are unknown:
 * provisions naming partner kinds or the network match nothing). */
GBO_API GBO_WARN_UNUSED gbo_status gbo_consent_evaluate(const gbo_consent_context *ctx,
                                                        const gbo_entity *consent,
                                                        const gbo_consent_request *request,
                                                        gbo_consent_decision *out,
                                                        gbo_error *err);

/* Data minimisation (SPEC §5): a copy of `exchange` in which every
 * person-bearing referral carries only the data categories its consent
 * permits for the referral's recipient, purpose and time — the fields of a
 * denied category are left out of the referral and of its subject's record
 * (a help question, a life domain's notes and steps, right assessments of
 * a status, strengths, care providers, the national number, names and
 * contact …). A person-bearing referral whose consent neither the document
 * nor the context holds (or that has none) carries no personal category at
 * all: minimisation fails closed. A referral with an emergency basis, and a
 * consult, are copied as they are. `context` may be NULL. New: free with
 * gbo_entity_free. */
GBO_API GBO_WARN_UNUSED gbo_entity *gbo_exchange_minimise(const gbo_entity *exchange,
                                                          const gbo_consent_context *context,
                                                          gbo_error *err);

/* gbo_exchange_minimise(), saying what it removed: one warning per removed
 * field (or list item) goes to `report` (may be NULL), with its path and
 * line in `exchange`, the consent rule that refused it (GBO-C001 or
 * GBO-C012 when no consent decided) and a message naming the data category
 * and the reason — never a value. */
GBO_API GBO_WARN_UNUSED gbo_entity *gbo_exchange_minimise_report(const gbo_entity *exchange,
                                                                 const gbo_consent_context *context,
                                                                 gbo_diagnostics *report,
                                                                 gbo_error *err);

/* "withdrawn", "expired", … for reports. Static string. */
GBO_API const char *gbo_consent_reason_name(gbo_consent_reason reason);
/* The name of one GBO_CONSENT_WARN_* bit ("informed-incomplete",
 * "recipient-without-secrecy", "minor-without-assessment"), as `gbo
 * consent-check --format json` and the bindings report it; NULL for anything
 * else. Static string. Since version-info 1:0:1. */
GBO_API const char *gbo_consent_warning_name(unsigned warning);

#ifdef __cplusplus
}
#endif
#endif
