/* libgbo — the referral lifecycle (SPEC §2.6): the transition table and who
 * may post each status, a referral's history rebuilt from many documents,
 * acknowledgements (retour) and the propagation of a consent withdrawal.
 *
 * Statuses are the codes of the referral-status list: sent, received,
 * accepted, declined, first-contact, in-progress, completed, returned,
 * cancelled, withdrawn. */
#ifndef GBO_LIFECYCLE_H
#define GBO_LIFECYCLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <gbo/export.h>
#include <gbo/diagnostics.h>
#include <gbo/entity.h>
#include <gbo/error.h>
#include <gbo/values.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the transition table -------------------------------------------- */

/* Who posts a status update, relative to the referral it is about. */
typedef enum gbo_poster {
    GBO_POSTER_SENDER = 0,  /* the referral's sending organisation */
    GBO_POSTER_RECIPIENT,   /* the organisation it was sent to */
    GBO_POSTER_OTHER        /* any other organisation */
} gbo_poster;

typedef enum gbo_step {
    GBO_STEP_ALLOWED = 0,
    GBO_STEP_UNKNOWN_STATUS,  /* `from` or `to` is not a referral status */
    GBO_STEP_TRANSITION,      /* the table has no transition from `from` to `to` (GBO-R004) */
    GBO_STEP_POSTER           /* the transition exists, but not for this poster (GBO-R004) */
} gbo_step;

/* May `poster` move a referral in status `from` to status `to`? */
GBO_API gbo_step gbo_lifecycle_step(const char *from, const char *to, gbo_poster poster);
/* declined, completed, returned, cancelled and withdrawn end a referral. */
GBO_API bool gbo_lifecycle_is_terminal(const char *status);
/* A status's place in the table (sent = 0 … withdrawn = 9), the order of
 * updates at equal times; -1 for an unknown status. */
GBO_API int gbo_lifecycle_rank(const char *status);

/* ---- histories across documents --------------------------------------- */

/* Referrals and everything said about them, gathered from documents given
 * in any order: status updates (the same update id twice is one update),
 * accepting acknowledgements (they count as `received`) and consent
 * withdrawals (they move the open referrals under the consent to
 * `withdrawn`). Memory grows with the number of referrals and updates,
 * never with the documents' size: nothing of a person is kept.
 * Not thread-safe: one thread adds, or the caller locks. */
typedef struct gbo_history gbo_history;

GBO_API GBO_WARN_UNUSED gbo_history *gbo_history_new(gbo_error *err);
/* NULL is allowed. */
GBO_API void gbo_history_free(gbo_history *history);
/* Add what one document says. `source` is the caller's number for the
 * document (its place in the input, say); gbo_history_check() reports each
 * finding under the source of the update it is about. A referral found in
 * several documents is taken from the one with the lowest document id; of
 * an update's copies the one that stands is chosen by content (the earliest
 * time, then status, poster, note, then the lowest document id), and a copy
 * that says something else is GBO-R014: the outcome does not depend on the
 * order of adding, nor on the sources' numbers. */
GBO_API GBO_WARN_UNUSED gbo_status gbo_history_add(gbo_history *history, const gbo_entity *exchange,
                                                   uint64_t source, gbo_error *err);
/* Replay every referral from `sent` (by time, equal times by table order)
 * and append the findings about the documents added as `source` to `diags`,
 * in document order: GBO-R004 for an illegal transition or poster, GBO-R006
 * for an update before its referral, GBO-R014 for a copy of an update that
 * says something else. A finding already in `diags` (same
 * rule, line and path: the single-document rules found it) is not repeated. */
GBO_API GBO_WARN_UNUSED gbo_status gbo_history_check(gbo_history *history, uint64_t source,
                                                     gbo_diagnostics *diags, gbo_error *err);
/* Replay now (gbo_history_check(), _status() and _first_contact() replay
 * by themselves after an add): GBO_E_NOMEM when memory ran out, after which
 * the two getters below answer NULL and GBO_E_NOT_FOUND. */
GBO_API GBO_WARN_UNUSED gbo_status gbo_history_replay(gbo_history *history, gbo_error *err);
/* The referrals heard of (by their document, or by an update about them), in
 * the order first heard of. */
GBO_API size_t gbo_history_referral_count(const gbo_history *history);
GBO_API const char *gbo_history_referral_id(const gbo_history *history, size_t index);
/* The status the referral has reached ("sent" when nothing was said of it
 * yet), or NULL for a referral the history has not heard of. */
GBO_API const char *gbo_history_status(gbo_history *history, const char *referral_id);
/* When the referral was sent (its createdAt) and when the recipient first
 * had contact with the client (its first first-contact, in-progress or
 * completed update). GBO_E_NOT_FOUND when either is unknown. */
GBO_API GBO_WARN_UNUSED gbo_status gbo_history_first_contact(gbo_history *history,
                                                             const char *referral_id,
                                                             gbo_time *sent, gbo_time *contact);

/* ---- acknowledgements (retour) ------------------------------------------ */

/* A new exchange document from `by` (an organisation, copied into it) to
 * `recipient` (the sender of the answered document), created at `at`,
 * carrying one acknowledgement of document `document_id`: accepted when
 * `diags` holds no error, else rejected, with every diagnostic's rule,
 * severity, path, line and column — never its message, so nothing of the
 * document travels back. `diags` NULL means accepted. Ids are new random
 * UUIDs. Free with gbo_entity_free(). */
GBO_API GBO_WARN_UNUSED gbo_entity *gbo_acknowledgement_build(const gbo_entity *by,
                                                              const char *recipient,
                                                              const char *document_id, gbo_time at,
                                                              const gbo_diagnostics *diags,
                                                              gbo_error *err);
/* The acknowledgement in `exchange` that answers document `document_id`
 * (borrowed), or NULL. */
GBO_API const gbo_entity *gbo_acknowledgement_find(const gbo_entity *exchange,
                                                   const char *document_id);
/* Does an acknowledgement accept the document it answers? */
GBO_API bool gbo_acknowledgement_accepted(const gbo_entity *acknowledgement);

/* ---- withdrawal propagation ---------------------------------------------- */

/* Who must hear of a consent's withdrawal: from the documents a partner
 * sent, every recipient that received data under the consent (a referral,
 * status update or case conference referring to it). */
typedef struct gbo_propagation gbo_propagation;

GBO_API GBO_WARN_UNUSED gbo_propagation *gbo_propagation_new(const char *consent_id,
                                                             gbo_error *err);
GBO_API void gbo_propagation_free(gbo_propagation *propagation);
/* Add one document the partner sent (documents sent by others are ignored
 * once the partner is known: the sender of the first document added). */
GBO_API GBO_WARN_UNUSED gbo_status gbo_propagation_add(gbo_propagation *propagation,
                                                       const gbo_entity *sent, gbo_error *err);
/* The recipients found, in the order first found, each once. */
GBO_API size_t gbo_propagation_recipient_count(const gbo_propagation *propagation);
GBO_API const char *gbo_propagation_recipient(const gbo_propagation *propagation, size_t index);
/* The withdrawal notice for recipient `index`: a new exchange document from
 * the partner (its organisation copied from the documents added) to that
 * recipient, created at `at`, carrying a copy of `withdrawal` (a
 * GBO_KIND_WITHDRAWAL of this consent) that stands on its own: its consent
 * reference names its issuer, and the organisation that received the
 * withdrawal is described in the notice (from the documents added) or
 * referred to with its issuer. Free with gbo_entity_free(). */
GBO_API GBO_WARN_UNUSED gbo_entity *gbo_propagation_notice(const gbo_propagation *propagation,
                                                           size_t index,
                                                           const gbo_entity *withdrawal,
                                                           gbo_time at, gbo_error *err);

#ifdef __cplusplus
}
#endif
#endif
