/* libgbo — acknowledgements (retour, SPEC §2.6): the receiver's answer to a
 * document, built from what validating it found. It carries rule ids,
 * severities and locations, never a message: nothing of the document
 * travels back. */
#include "config.h"

#include <string.h>

#include <gbo/lifecycle.h>

#include "envelope.h"
#include "error.h"
#include "model.h"
#include "uuid.h"

static gbo_status add_diagnostic(gbo_entity *ack, const gbo_diagnostic *d, gbo_error *err)
{
    gbo_entity *e = gbo_entity_add_child(ack, GBO_ACKNOWLEDGEMENT_DIAGNOSTICS, err);
    const char *path = gbo_diagnostic_path(d);
    gbo_status status;
    if (!e)
        return GBO_E_NOMEM;
    if ((status = gbo_entity_set(e, GBO_DIAGNOSTIC_RULE, gbo_diagnostic_rule(d), err)) != GBO_OK ||
        (status = gbo_entity_set(e, GBO_DIAGNOSTIC_SEVERITY,
                                 gbo_severity_name(gbo_diagnostic_severity(d)), err)) != GBO_OK ||
        /* a finding about the whole input (not XML at all, say) is at the root */
        (status = gbo_entity_set(e, GBO_DIAGNOSTIC_PATH, *path ? path : "/", err)) != GBO_OK)
        return status;
    if (gbo_diagnostic_line(d) &&
        (status = gbo_entity_set_count(e, GBO_DIAGNOSTIC_LINE, gbo_diagnostic_line(d), err)) != GBO_OK)
        return status;
    if (gbo_diagnostic_column(d) &&
        (status = gbo_entity_set_count(e, GBO_DIAGNOSTIC_COLUMN, gbo_diagnostic_column(d), err)) != GBO_OK)
        return status;
    return GBO_OK;
}

static gbo_status fill(gbo_entity *ack, const gbo_entity *by, const char *document_id, gbo_time at,
                       const gbo_diagnostics *diags, gbo_error *err)
{
    char id[37];
    bool accepted = !diags || gbo_diagnostics_error_count(diags) == 0;
    gbo_status status;
    if ((status = gbop_uuid_new(id, err)) != GBO_OK ||
        (status = gbo_entity_set(ack, GBO_ACKNOWLEDGEMENT_ID, id, err)) != GBO_OK ||
        (status = gbo_entity_set(ack, GBO_ACKNOWLEDGEMENT_DOCUMENT, document_id, err)) != GBO_OK ||
        (status = gbo_entity_set_time(ack, GBO_ACKNOWLEDGEMENT_AT, at, err)) != GBO_OK ||
        (status = gbo_entity_set_reference(ack, GBO_ACKNOWLEDGEMENT_BY, gbo_entity_get(by, GBO_ORGANISATION_ID),
                                           NULL, err)) != GBO_OK ||
        (status = gbo_entity_set(ack, GBO_ACKNOWLEDGEMENT_RESULT, accepted ? "accepted" : "rejected", err)) != GBO_OK)
        return status;
    for (size_t i = 0; !accepted && i < gbo_diagnostics_count(diags); i++)
        if ((status = add_diagnostic(ack, gbo_diagnostics_at(diags, i), err)) != GBO_OK)
            return status;
    return GBO_OK;
}

gbo_entity *gbo_acknowledgement_build(const gbo_entity *by, const char *recipient, const char *document_id,
                                      gbo_time at, const gbo_diagnostics *diags, gbo_error *err)
{
    gbo_entity *doc, *ack;
    if (!document_id) {
        gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "an acknowledgement names the document it answers");
        return NULL;
    }
    if (!(doc = gbop_envelope_new(by, recipient, at, err)))
        return NULL;
    if (!(ack = gbo_entity_add_child(doc, GBO_EXCHANGE_ACKNOWLEDGEMENTS, err)) ||
        fill(ack, by, document_id, at, diags, err) != GBO_OK) {
        gbo_entity_free(doc);
        return NULL;
    }
    return doc;
}

const gbo_entity *gbo_acknowledgement_find(const gbo_entity *exchange, const char *document_id)
{
    for (size_t i = 0; document_id && i < gbo_entity_count(exchange, GBO_EXCHANGE_ACKNOWLEDGEMENTS); i++) {
        const gbo_entity *a = gbo_entity_child(exchange, GBO_EXCHANGE_ACKNOWLEDGEMENTS, i);
        if (gbop_same(gbo_entity_get(a, GBO_ACKNOWLEDGEMENT_DOCUMENT), document_id))
            return a;
    }
    return NULL;
}

bool gbo_acknowledgement_accepted(const gbo_entity *acknowledgement)
{
    return gbo_entity_kind(acknowledgement) == GBO_KIND_ACKNOWLEDGEMENT &&
           gbop_same(gbo_entity_get(acknowledgement, GBO_ACKNOWLEDGEMENT_RESULT), "accepted");
}
