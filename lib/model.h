/* libgbo internal — the field table that describes every entity kind. */
#ifndef GBOP_MODEL_H
#define GBOP_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <gbo/entity.h>

enum {
    GBOP_REPEATED = 1u << 0,  /* holds any number of values */
    GBOP_ATTRIBUTE = 1u << 1, /* written as an XML attribute, not an element */
    GBOP_REQUIRED = 1u << 2,  /* the schema requires it (minOccurs 1 / use required) */
    GBOP_HEADER = 1u << 3     /* an exchange field written inside <header> */
};

typedef struct gbop_field_desc {
    gbo_kind owner;
    unsigned slot;          /* position among its kind's fields (schema order) */
    const char *name;
    gbo_value_type type;
    unsigned flags;
    const char *code_list;  /* CODE fields */
    gbo_kind child;         /* ENTITY fields */
    size_t max_bytes;
    const char *member;     /* the bindings' snake_case name (gbo_field_member_name) */
} gbop_field_desc;

typedef struct gbop_kind_desc {
    const char *name;
    const gbo_field *fields; /* in schema order */
    size_t count;
} gbop_kind_desc;

extern const gbop_field_desc gbop_fields[GBO_FIELD_COUNT];
extern const gbop_kind_desc gbop_kinds[GBO_KIND_COUNT];

/* NULL unless `field` is a real field. */
static inline const gbop_field_desc *gbop_field(gbo_field field)
{
    return field > GBO_FIELD_NONE && field < GBO_FIELD_COUNT ? &gbop_fields[field] : NULL;
}

/* NULL unless `kind` is a real kind. */
static inline const gbop_kind_desc *gbop_kind(gbo_kind kind)
{
    return kind > GBO_KIND_NONE && kind < GBO_KIND_COUNT ? &gbop_kinds[kind] : NULL;
}

/* Take ownership of an extension element's canonical XML (xml_extension.c
 * checks and canonicalises it). 0 on success, -1 when out of memory (the
 * string is then still the caller's). */
int gbop_entity_append_extension(gbo_entity *e, char *canonical_xml);

/* Two values equal (both present and the same text). */
static inline bool gbop_same(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* The id the reference held by `field` of `e` points to, or NULL. */
static inline const char *gbop_ref_of(const gbo_entity *e, gbo_field field)
{
    return gbo_entity_get(gbo_entity_child(e, field, 0), GBO_REFERENCE_REF);
}

/* Source locations, recorded by the XML reader (0 = unknown). The line of a
 * value falls back to its entity's line. */
void gbop_entity_set_line(gbo_entity *e, unsigned long line);
unsigned long gbop_entity_line(const gbo_entity *e);
int gbop_entity_set_value_line(gbo_entity *e, gbo_field field, size_t index, unsigned long line);
unsigned long gbop_entity_value_line(const gbo_entity *e, gbo_field field, size_t index);
const gbo_entity *gbop_entity_parent(const gbo_entity *e);

/* The document path of value `index` of `field` of `e` (field NONE: of e
 * itself), e.g. "/exchange/referral[1]/lifeDomain[2]/note". */
void gbop_entity_path(const gbo_entity *e, gbo_field field, size_t index, char *buf, size_t size);

#endif
