/* libgbo — ids and references: GBO-I005 (duplicate id) and GBO-I006 (local
 * reference to an id not in the document). One hash table per document. */
#include "config.h"

#include <libxml/hash.h>

#include "validate_internal.h"


/* The "id" attribute field of a kind, or GBO_FIELD_NONE. */
static gbo_field id_field(gbo_kind kind)
{
    gbo_field f = gbo_field_from_name(kind, "id");
    return f != GBO_FIELD_NONE && gbo_field_type(f) == GBO_TYPE_UUID ? f : GBO_FIELD_NONE;
}

static void collect(vctx *c, const gbo_entity *e)
{
    xmlHashTablePtr table = c->user;
    gbo_field f = id_field(gbo_entity_kind(e));
    const char *id = f != GBO_FIELD_NONE ? gbo_entity_get(e, f) : NULL;

    if (!id)
        return;
    if (xmlHashLookup(table, (const xmlChar *)id))
        gbop_report(c, "GBO-I005", e, f, 0, "i005.duplicate", id, NULL, NULL);
    else if (xmlHashAddEntry(table, (const xmlChar *)id, (void *)e) != 0)
        c->status = GBO_E_NOMEM;
}

static void resolve(vctx *c, const gbo_entity *e)
{
    const char *id;
    if (gbo_entity_kind(e) != GBO_KIND_REFERENCE || gbo_entity_get(e, GBO_REFERENCE_ISSUER))
        return;
    id = gbop_reference_id(e);
    if (id && !xmlHashLookup((xmlHashTablePtr)c->user, (const xmlChar *)id))
        gbop_report(c, "GBO-I006", e, GBO_REFERENCE_REF, 0, "i006.unresolved", id, NULL, NULL);
}

void gbop_rules_references(vctx *c)
{
    /* with a dictionary, libxml2 2.9's hash checks every key it stores (it
     * does not check the copies it makes without one) */
    xmlDictPtr dict = xmlDictCreate();
    xmlHashTablePtr table = dict ? xmlHashCreateDict(64, dict) : NULL;
    xmlDictFree(dict); /* the table holds its own reference */
    if (!table) {
        c->status = GBO_E_NOMEM;
        return;
    }
    c->user = table;
    gbop_walk(c, c->doc, collect);
    gbop_walk(c, c->doc, resolve);
    c->user = NULL;
    xmlHashFree(table, NULL);
}
