/* libgbo internal — the field table that describes every entity kind. */
#ifndef GBOP_MODEL_H
#define GBOP_MODEL_H

#include <stddef.h>
#include <gbo/entity.h>

enum {
    GBOP_REPEATED = 1u << 0,  /* holds any number of values */
    GBOP_ATTRIBUTE = 1u << 1  /* written as an XML attribute, not an element */
};

typedef struct gbop_field_desc {
    gbo_kind owner;
    const char *name;
    gbo_value_type type;
    unsigned flags;
    const char *code_list;  /* CODE fields */
    gbo_kind child;         /* ENTITY fields */
    size_t max_bytes;
} gbop_field_desc;

typedef struct gbop_kind_desc {
    const char *name;
    gbo_field first;
    gbo_field last;
} gbop_kind_desc;

extern const gbop_field_desc gbop_fields[GBO_FIELD_COUNT];
extern const gbop_kind_desc gbop_kinds[GBO_KIND_COUNT];

/* NULL unless `field` is a real field. */
const gbop_field_desc *gbop_field(gbo_field field);
/* NULL unless `kind` is a real kind. */
const gbop_kind_desc *gbop_kind(gbo_kind kind);

#endif
