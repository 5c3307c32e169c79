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

static void collect(vctx *c, const gbo_entity *e, xmlHashTablePtr table)
{
    gbo_kind kind = gbo_entity_kind(e);
    gbo_field f = id_field(kind);
    const char *id = f != GBO_FIELD_NONE ? gbo_entity_get(e, f) : NULL;

    if (id) {
        if (xmlHashLookup(table, (const xmlChar *)id))
            gbop_report(c, "GBO-I005", e, f, 0, "i005.duplicate", id, NULL, NULL);
        else if (xmlHashAddEntry(table, (const xmlChar *)id, (void *)e) != 0)
            c->status = GBO_E_NOMEM;
    }
    for (size_t i = 0; i < gbo_kind_field_count(kind); i++) {
        gbo_field child = gbo_kind_field_at(kind, i);
        if (gbo_field_type(child) != GBO_TYPE_ENTITY)
            continue;
        for (size_t j = 0; j < gbo_entity_count(e, child); j++)
            collect(c, gbo_entity_child(e, child, j), table);
    }
}

static void resolve(vctx *c, const gbo_entity *e, xmlHashTablePtr table)
{
    gbo_kind kind = gbo_entity_kind(e);
    if (kind == GBO_KIND_REFERENCE && !gbo_entity_get(e, GBO_REFERENCE_ISSUER)) {
        const char *id = gbop_reference_id(e);
        if (id && !xmlHashLookup(table, (const xmlChar *)id))
            gbop_report(c, "GBO-I006", e, GBO_REFERENCE_REF, 0, "i006.unresolved", id, NULL, NULL);
        return;
    }
    for (size_t i = 0; i < gbo_kind_field_count(kind); i++) {
        gbo_field child = gbo_kind_field_at(kind, i);
        if (gbo_field_type(child) != GBO_TYPE_ENTITY)
            continue;
        for (size_t j = 0; j < gbo_entity_count(e, child); j++)
            resolve(c, gbo_entity_child(e, child, j), table);
    }
}

void gbop_rules_references(vctx *c)
{
    xmlHashTablePtr table = xmlHashCreate(64);

    if (!table) {
        c->status = GBO_E_NOMEM;
        return;
    }
    collect(c, c->doc, table);
    resolve(c, c->doc, table);
    xmlHashFree(table, NULL);
}
