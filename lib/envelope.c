/* libgbo — the envelope of the documents libgbo builds (acknowledgements
 * and withdrawal notices). */
#include "config.h"

#include <gbo/codes.h>

#include "envelope.h"
#include "error.h"
#include "uuid.h"

gbo_entity *gbop_envelope_new(const gbo_entity *sender, const char *recipient, gbo_time at,
                              gbo_error *err)
{
    char id[37];
    const gbo_codeset *codes = gbo_codeset_builtin(err);
    gbo_entity *doc, *org;

    if (!sender || gbo_entity_kind(sender) != GBO_KIND_ORGANISATION || !recipient) {
        gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "a document needs a sending organisation and a recipient");
        return NULL;
    }
    if (!codes || gbop_uuid_new(id, err) != GBO_OK || !(doc = gbo_entity_new(GBO_KIND_EXCHANGE, err)))
        return NULL;
    if (gbo_entity_set(doc, GBO_EXCHANGE_ID, id, err) != GBO_OK ||
        gbo_entity_set_time(doc, GBO_EXCHANGE_CREATED_AT, at, err) != GBO_OK ||
        gbo_entity_set(doc, GBO_EXCHANGE_SENDER, gbo_entity_get(sender, GBO_ORGANISATION_ID), err) != GBO_OK ||
        gbo_entity_set(doc, GBO_EXCHANGE_RECIPIENT, recipient, err) != GBO_OK ||
        gbo_entity_set(doc, GBO_EXCHANGE_CODE_LIST_VERSION, gbo_codeset_version(codes), err) != GBO_OK ||
        !(org = gbo_entity_copy(sender, err))) {
        gbo_entity_free(doc);
        return NULL;
    }
    if (gbo_entity_attach(doc, GBO_EXCHANGE_ORGANISATIONS, org, err) != GBO_OK) {
        gbo_entity_free(org);
        gbo_entity_free(doc);
        return NULL;
    }
    return doc;
}
