/* libgbo — entities: one implementation for every kind, driven by the field
 * table in model_fields.c. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include <gbo/entity.h>

#include "alloc.h"
#include "error.h"
#include "model.h"
#include "values.h"

typedef struct slot {
    size_t count;
    size_t cap;
    void **items; /* char * for scalar fields, gbo_entity * for ENTITY fields */
    size_t nlines;
    unsigned long *lines; /* source line of each value, when read from a document */
} slot;

struct gbo_entity {
    gbo_kind kind;
    size_t nslots;
    unsigned long line; /* source line of the entity's element, 0 if unknown */
    gbo_entity *parent; /* the owner of an attached child, else NULL */
    slot extensions; /* canonical XML of foreign-namespace elements */
    slot slots[];
};

/* ---- introspection ------------------------------------------------------ */

const char *gbo_kind_name(gbo_kind kind)
{
    const gbop_kind_desc *k = gbop_kind(kind);
    return k ? k->name : NULL;
}

gbo_kind gbo_kind_from_name(const char *name)
{
    if (!name)
        return GBO_KIND_NONE;
    for (int k = GBO_KIND_NONE + 1; k < GBO_KIND_COUNT; k++)
        if (strcmp(gbop_kinds[k].name, name) == 0)
            return (gbo_kind)k;
    return GBO_KIND_NONE;
}

size_t gbo_kind_field_count(gbo_kind kind)
{
    const gbop_kind_desc *k = gbop_kind(kind);
    return k ? k->count : 0;
}

gbo_field gbo_kind_field_at(gbo_kind kind, size_t index)
{
    const gbop_kind_desc *k = gbop_kind(kind);
    return k && index < k->count ? k->fields[index] : GBO_FIELD_NONE;
}

const char *gbo_field_name(gbo_field field)
{
    const gbop_field_desc *f = gbop_field(field);
    return f ? f->name : NULL;
}

const char *gbo_field_member_name(gbo_field field)
{
    const gbop_field_desc *f = gbop_field(field);
    return f ? f->member : NULL;
}

gbo_field gbo_field_from_name(gbo_kind kind, const char *name)
{
    const gbop_kind_desc *k = gbop_kind(kind);
    if (!k || !name)
        return GBO_FIELD_NONE;
    for (size_t i = 0; i < k->count; i++)
        if (strcmp(gbop_fields[k->fields[i]].name, name) == 0)
            return k->fields[i];
    return GBO_FIELD_NONE;
}

gbo_kind gbo_field_owner(gbo_field field)
{
    const gbop_field_desc *f = gbop_field(field);
    return f ? f->owner : GBO_KIND_NONE;
}

gbo_value_type gbo_field_type(gbo_field field)
{
    const gbop_field_desc *f = gbop_field(field);
    return f ? f->type : (gbo_value_type)0;
}

bool gbo_field_is_repeated(gbo_field field)
{
    const gbop_field_desc *f = gbop_field(field);
    return f && (f->flags & GBOP_REPEATED);
}

const char *gbo_field_code_list(gbo_field field)
{
    const gbop_field_desc *f = gbop_field(field);
    return f ? f->code_list : NULL;
}

gbo_kind gbo_field_child_kind(gbo_field field)
{
    const gbop_field_desc *f = gbop_field(field);
    return f ? f->child : GBO_KIND_NONE;
}

size_t gbo_field_max_length(gbo_field field)
{
    const gbop_field_desc *f = gbop_field(field);
    return f ? f->max_bytes : 0;
}

/* ---- slots -------------------------------------------------------------- */

/* The slot of `field` in `e`, or NULL (with *err filled) when the field does
 * not belong to the entity's kind. */
static slot *slot_of(const gbo_entity *e, gbo_field field, gbo_error *err)
{
    const gbop_field_desc *f = gbop_field(field);
    if (!e || !f || f->owner != e->kind) {
        gbop_fail(err, GBO_E_INVALID_ARG, NULL, f ? f->name : NULL,
                  "field %s does not belong to kind %s", f ? f->name : "(unknown)",
                  e ? gbo_kind_name(e->kind) : "(null)");
        return NULL;
    }
    return (slot *)&e->slots[f->slot];
}

static void destroy(gbo_entity *e);

static void free_item(const gbop_field_desc *f, void *item)
{
    if (f->type == GBO_TYPE_ENTITY)
        destroy(item);
    else
        gbop_free(item);
}

/* The field table entry of slot i of e. */
static const gbop_field_desc *slot_field(const gbo_entity *e, size_t i)
{
    return &gbop_fields[gbop_kinds[e->kind].fields[i]];
}

static void slot_clear(const gbop_field_desc *f, slot *s)
{
    for (size_t i = 0; i < s->count; i++)
        free_item(f, s->items[i]);
    gbop_free(s->items);
    gbop_free(s->lines);
    memset(s, 0, sizeof *s);
}

static int slot_append(slot *s, void *item)
{
    if (s->count == s->cap) {
        size_t cap = s->cap;
        if (gbop_grow((void **)&s->items, &cap, s->count + 1, sizeof *s->items))
            return -1;
        /* line numbers, when recorded, grow with the values */
        if (s->lines) {
            unsigned long *lines = gbop_realloc(s->lines, cap * sizeof *lines);
            if (!lines) {
                return -1;
            }
            s->lines = lines;
        }
        s->cap = cap;
    }
    if (s->lines)
        s->lines[s->count] = 0;
    s->items[s->count++] = item;
    if (s->lines)
        s->nlines = s->count;
    return 0;
}

/* Store `item` in a single-valued slot (replacing the old value) or append
 * it to a repeated one. On failure the item is not stored and not freed. */
static int slot_store(const gbop_field_desc *f, slot *s, void *item)
{
    if (f->flags & GBOP_REPEATED)
        return slot_append(s, item);
    if (s->count == 1) {
        free_item(f, s->items[0]);
        s->items[0] = item;
        return 0;
    }
    return slot_append(s, item);
}

/* ---- life cycle ----------------------------------------------------------- */

gbo_entity *gbo_entity_new(gbo_kind kind, gbo_error *err)
{
    const gbop_kind_desc *k = gbop_kind(kind);
    gbo_entity *e;
    size_t n;

    if (!k) {
        gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "unknown entity kind %d", (int)kind);
        return NULL;
    }
    n = k->count;
    e = gbop_calloc(1, sizeof *e + n * sizeof(slot));
    if (!e) {
        gbop_nomem(err);
        return NULL;
    }
    e->kind = kind;
    e->nslots = n;
    return e;
}

void gbo_entity_free(gbo_entity *e)
{
    /* a child belongs to its parent, which frees it */
    if (e && !e->parent)
        destroy(e);
}

static void destroy(gbo_entity *e)
{
    for (size_t i = 0; i < e->nslots; i++)
        slot_clear(slot_field(e, i), &e->slots[i]);
    for (size_t i = 0; i < e->extensions.count; i++)
        gbop_free(e->extensions.items[i]);
    gbop_free(e->extensions.items);
    gbop_free(e);
}

gbo_entity *gbo_entity_copy(const gbo_entity *src, gbo_error *err)
{
    gbo_entity *copy;

    if (!src) {
        gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "NULL entity");
        return NULL;
    }
    copy = gbo_entity_new(src->kind, err);
    if (!copy)
        return NULL;
    copy->line = src->line;
    for (size_t i = 0; i < src->extensions.count; i++) {
        char *xml = gbop_strdup(src->extensions.items[i]);
        if (!xml || slot_append(&copy->extensions, xml)) {
            gbop_free(xml);
            gbop_nomem(err);
            goto fail;
        }
    }
    for (size_t i = 0; i < src->nslots; i++) {
        const gbop_field_desc *f = slot_field(src, i);
        const slot *from = &src->slots[i];
        for (size_t j = 0; j < from->count; j++) {
            void *item = f->type == GBO_TYPE_ENTITY ? (void *)gbo_entity_copy(from->items[j], err)
                                                    : (void *)gbop_strdup(from->items[j]);
            if (!item) {
                if (f->type != GBO_TYPE_ENTITY)
                    gbop_nomem(err);
                goto fail;
            }
            if (slot_append(&copy->slots[i], item)) {
                free_item(f, item);
                gbop_nomem(err);
                goto fail;
            }
            if (f->type == GBO_TYPE_ENTITY)
                ((gbo_entity *)item)->parent = copy;
        }
        if (from->lines && from->count) {
            /* line numbers, once the values are in: as many as they can hold */
            slot *to = &copy->slots[i];
            to->lines = gbop_calloc(to->cap, sizeof *to->lines);
            if (!to->lines) {
                gbop_nomem(err);
                goto fail;
            }
            memcpy(to->lines, from->lines, from->nlines * sizeof *from->lines);
            to->nlines = from->nlines;
        }
    }
    return copy;
fail:
    gbo_entity_free(copy);
    return NULL;
}

bool gbo_entity_equal(const gbo_entity *a, const gbo_entity *b)
{
    if (a == b)
        return true;
    if (!a || !b || a->kind != b->kind || a->extensions.count != b->extensions.count)
        return false;
    for (size_t i = 0; i < a->extensions.count; i++)
        if (strcmp(a->extensions.items[i], b->extensions.items[i]) != 0)
            return false;
    for (size_t i = 0; i < a->nslots; i++) {
        const gbop_field_desc *f = slot_field(a, i);
        const slot *sa = &a->slots[i], *sb = &b->slots[i];
        if (sa->count != sb->count)
            return false;
        for (size_t j = 0; j < sa->count; j++) {
            bool same = f->type == GBO_TYPE_ENTITY
                            ? gbo_entity_equal(sa->items[j], sb->items[j])
                            : strcmp(sa->items[j], sb->items[j]) == 0;
            if (!same)
                return false;
        }
    }
    return true;
}

gbo_kind gbo_entity_kind(const gbo_entity *e)
{
    return e ? e->kind : GBO_KIND_NONE;
}

/* ---- scalar fields -------------------------------------------------------- */

static gbo_status put_scalar(gbo_entity *e, gbo_field field, const char *value, bool append,
                             gbo_error *err)
{
    slot *s = slot_of(e, field, err);
    const gbop_field_desc *f;
    char *canonical;
    gbo_status status;

    if (!s)
        return GBO_E_INVALID_ARG;
    f = &gbop_fields[field];
    if (f->type == GBO_TYPE_ENTITY)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, f->name,
                         "%s holds entities: use gbo_entity_add_child", f->name);
    if (append != !!(f->flags & GBOP_REPEATED))
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, f->name,
                         append ? "%s is single-valued: use gbo_entity_set"
                                : "%s is repeated: use gbo_entity_add",
                         f->name);
    if (!value) {
        if (append)
            return gbop_fail(err, GBO_E_INVALID_ARG, NULL, f->name, "%s: NULL value", f->name);
        slot_clear(f, s);
        return GBO_OK;
    }
    status = gbop_canonical(f->type, value, f->max_bytes, f->name, &canonical, err);
    if (status != GBO_OK)
        return status;
    if (slot_store(f, s, canonical)) {
        gbop_free(canonical);
        return gbop_nomem(err);
    }
    return GBO_OK;
}

gbo_status gbo_entity_set(gbo_entity *e, gbo_field field, const char *value, gbo_error *err)
{
    return put_scalar(e, field, value, false, err);
}

gbo_status gbo_entity_add(gbo_entity *e, gbo_field field, const char *value, gbo_error *err)
{
    return put_scalar(e, field, value, true, err);
}

size_t gbo_entity_count(const gbo_entity *e, gbo_field field)
{
    const slot *s = slot_of(e, field, NULL);
    return s ? s->count : 0;
}

const char *gbo_entity_get_at(const gbo_entity *e, gbo_field field, size_t index)
{
    const slot *s = slot_of(e, field, NULL);
    if (!s || gbop_fields[field].type == GBO_TYPE_ENTITY || index >= s->count)
        return NULL;
    return s->items[index];
}

const char *gbo_entity_get(const gbo_entity *e, gbo_field field)
{
    return gbo_entity_get_at(e, field, 0);
}

gbo_status gbo_entity_remove_at(gbo_entity *e, gbo_field field, size_t index, gbo_error *err)
{
    slot *s = slot_of(e, field, err);
    if (!s)
        return GBO_E_INVALID_ARG;
    if (index >= s->count)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, gbop_fields[field].name,
                         "%s: index %zu out of range", gbop_fields[field].name, index);
    free_item(&gbop_fields[field], s->items[index]);
    memmove(&s->items[index], &s->items[index + 1], (s->count - index - 1) * sizeof *s->items);
    if (index < s->nlines) {
        memmove(&s->lines[index], &s->lines[index + 1], (s->nlines - index - 1) * sizeof *s->lines);
        s->nlines--;
    }
    s->count--;
    return GBO_OK;
}

/* The stored text of a scalar field of `type` (or of DATE/BIRTH_DATE when
 * type is GBO_TYPE_DATE), for the typed getters. */
static gbo_status typed_text(const gbo_entity *e, gbo_field field, gbo_value_type type,
                             const char **out)
{
    const slot *s = slot_of(e, field, NULL);
    gbo_value_type actual;
    if (!s)
        return GBO_E_INVALID_ARG;
    actual = gbop_fields[field].type;
    if (actual != type && !(type == GBO_TYPE_DATE && actual == GBO_TYPE_BIRTH_DATE))
        return GBO_E_INVALID_ARG;
    if (s->count == 0)
        return GBO_E_NOT_FOUND;
    *out = s->items[0];
    return GBO_OK;
}

gbo_status gbo_entity_set_bool(gbo_entity *e, gbo_field field, bool value, gbo_error *err)
{
    if (gbo_field_type(field) != GBO_TYPE_BOOL)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, gbo_field_name(field), "not a BOOL field");
    return gbo_entity_set(e, field, value ? "true" : "false", err);
}

gbo_status gbo_entity_get_bool(const gbo_entity *e, gbo_field field, bool *out)
{
    const char *text;
    gbo_status status = typed_text(e, field, GBO_TYPE_BOOL, &text);
    if (status == GBO_OK && out)
        *out = strcmp(text, "true") == 0;
    return status;
}

gbo_status gbo_entity_set_count(gbo_entity *e, gbo_field field, unsigned long value,
                                gbo_error *err)
{
    char buf[24];
    if (gbo_field_type(field) != GBO_TYPE_COUNT)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, gbo_field_name(field), "not a COUNT field");
    snprintf(buf, sizeof buf, "%lu", value);
    return gbo_entity_set(e, field, buf, err);
}

gbo_status gbo_entity_get_count(const gbo_entity *e, gbo_field field, unsigned long *out)
{
    const char *text;
    gbo_status status = typed_text(e, field, GBO_TYPE_COUNT, &text);
    if (status == GBO_OK && out)
        *out = strtoul(text, NULL, 10);
    return status;
}

gbo_status gbo_entity_set_time(gbo_entity *e, gbo_field field, gbo_time value, gbo_error *err)
{
    char buf[40];
    gbo_status status;
    if (gbo_field_type(field) != GBO_TYPE_TIME)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, gbo_field_name(field), "not a TIME field");
    status = gbo_time_format(value, buf, sizeof buf, err);
    return status == GBO_OK ? gbo_entity_set(e, field, buf, err) : status;
}

gbo_status gbo_entity_get_time(const gbo_entity *e, gbo_field field, gbo_time *out)
{
    const char *text;
    gbo_status status = typed_text(e, field, GBO_TYPE_TIME, &text);
    if (status == GBO_OK && out)
        status = gbo_time_parse(text, out, NULL);
    return status;
}

gbo_status gbo_entity_get_date(const gbo_entity *e, gbo_field field, gbo_date *out)
{
    const char *text;
    gbo_status status = typed_text(e, field, GBO_TYPE_DATE, &text);
    if (status != GBO_OK || !out)
        return status;
    if (strlen(text) == 4) {
        out->year = atoi(text);
        out->month = out->day = 0;
        return GBO_OK;
    }
    return gbo_date_parse(text, out, NULL);
}

/* ---- child entities --------------------------------------------------------- */

const gbo_entity *gbo_entity_child(const gbo_entity *e, gbo_field field, size_t index)
{
    const slot *s = slot_of(e, field, NULL);
    if (!s || gbop_fields[field].type != GBO_TYPE_ENTITY || index >= s->count)
        return NULL;
    return s->items[index];
}

gbo_entity *gbo_entity_child_mut(gbo_entity *e, gbo_field field, size_t index)
{
    return (gbo_entity *)gbo_entity_child(e, field, index);
}

gbo_status gbo_entity_attach(gbo_entity *e, gbo_field field, gbo_entity *child, gbo_error *err)
{
    slot *s = slot_of(e, field, err);
    const gbop_field_desc *f;
    if (!s)
        return GBO_E_INVALID_ARG;
    f = &gbop_fields[field];
    if (f->type != GBO_TYPE_ENTITY || !child || child->kind != f->child)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, f->name, "%s takes entities of kind %s",
                         f->name, f->type == GBO_TYPE_ENTITY ? gbo_kind_name(f->child) : "(none)");
    if (child->parent)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, f->name,
                         "%s: the entity is attached already (copy it first)", f->name);
    for (const gbo_entity *up = e; up; up = up->parent)
        if (up == child)
            return gbop_fail(err, GBO_E_INVALID_ARG, NULL, f->name,
                             "%s: an entity cannot contain itself or its ancestor", f->name);
    if (slot_store(f, s, child))
        return gbop_nomem(err);
    child->parent = e;
    return GBO_OK;
}

gbo_entity *gbo_entity_add_child(gbo_entity *e, gbo_field field, gbo_error *err)
{
    gbo_entity *child;
    if (!slot_of(e, field, err))
        return NULL;
    if (gbop_fields[field].type != GBO_TYPE_ENTITY) {
        gbop_fail(err, GBO_E_INVALID_ARG, NULL, gbop_fields[field].name,
                  "%s holds scalar values: use gbo_entity_set", gbop_fields[field].name);
        return NULL;
    }
    child = gbo_entity_new(gbop_fields[field].child, err);
    if (!child)
        return NULL;
    if (gbo_entity_attach(e, field, child, err) != GBO_OK) {
        gbo_entity_free(child);
        return NULL;
    }
    return child;
}

gbo_status gbo_entity_set_reference(gbo_entity *e, gbo_field field, const char *id,
                                    const char *issuer, gbo_error *err)
{
    gbo_entity *ref;
    gbo_status status;

    if (gbo_field_child_kind(field) != GBO_KIND_REFERENCE)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, gbo_field_name(field),
                         "%s is not a reference field", gbo_field_name(field) ? gbo_field_name(field) : "(unknown)");
    ref = gbo_entity_new(GBO_KIND_REFERENCE, err);
    if (!ref)
        return GBO_E_NOMEM;
    status = gbo_entity_set(ref, GBO_REFERENCE_REF, id, err);
    if (status == GBO_OK && issuer)
        status = gbo_entity_set(ref, GBO_REFERENCE_ISSUER, issuer, err);
    if (status == GBO_OK)
        status = gbo_entity_attach(e, field, ref, err);
    if (status != GBO_OK)
        gbo_entity_free(ref);
    return status;
}

/* ---- extension elements ------------------------------------------------------ */

size_t gbo_entity_extension_count(const gbo_entity *e)
{
    return e ? e->extensions.count : 0;
}

const char *gbo_entity_extension_at(const gbo_entity *e, size_t index)
{
    return e && index < e->extensions.count ? e->extensions.items[index] : NULL;
}

int gbop_entity_append_extension(gbo_entity *e, char *canonical_xml)
{
    return slot_append(&e->extensions, canonical_xml);
}

/* ---- source locations ------------------------------------------------------------ */

void gbop_entity_set_line(gbo_entity *e, unsigned long line)
{
    e->line = line;
}

unsigned long gbop_entity_line(const gbo_entity *e)
{
    return e ? e->line : 0;
}

int gbop_entity_set_value_line(gbo_entity *e, gbo_field field, size_t index, unsigned long line)
{
    slot *s = slot_of(e, field, NULL);
    if (!s || index >= s->count)
        return 0;
    if (!s->lines) {
        /* first line recorded in this slot: as many as the values can hold */
        s->lines = gbop_calloc(s->cap ? s->cap : 1, sizeof *s->lines);
        if (!s->lines)
            return -1;
    }
    s->lines[index] = line;
    s->nlines = s->count;
    return 0;
}

unsigned long gbop_entity_value_line(const gbo_entity *e, gbo_field field, size_t index)
{
    const slot *s = slot_of(e, field, NULL);
    if (s && index < s->nlines && s->lines[index])
        return s->lines[index];
    if (s && gbop_fields[field].type == GBO_TYPE_ENTITY && index < s->count)
        return ((const gbo_entity *)s->items[index])->line;
    return e ? e->line : 0;
}

const gbo_entity *gbop_entity_parent(const gbo_entity *e)
{
    return e ? e->parent : NULL;
}

/* Find `child` among the ENTITY fields of `parent`. */
static bool locate(const gbo_entity *parent, const gbo_entity *child, gbo_field *field, size_t *index)
{
    for (size_t i = 0; i < parent->nslots; i++) {
        const gbop_field_desc *f = slot_field(parent, i);
        if (f->type != GBO_TYPE_ENTITY)
            continue;
        for (size_t j = 0; j < parent->slots[i].count; j++) {
            if (parent->slots[i].items[j] == child) {
                *field = gbop_kinds[parent->kind].fields[i];
                *index = j;
                return true;
            }
        }
    }
    return false;
}

/* "/name" or "/name[k]" for value `index` of `field`, appended at *used. */
static void append_step(char *buf, size_t size, size_t *used, gbo_field field, size_t index)
{
    const gbop_field_desc *f = gbop_field(field);
    int n;
    if (*used >= size)
        return;
    if (f->flags & GBOP_ATTRIBUTE)
        n = snprintf(buf + *used, size - *used, "/@%s", f->name);
    else if (f->flags & GBOP_REPEATED)
        n = snprintf(buf + *used, size - *used, "%s/%s[%zu]",
                     (f->flags & GBOP_HEADER) ? "/header" : "", f->name, index + 1);
    else
        n = snprintf(buf + *used, size - *used, "%s/%s", (f->flags & GBOP_HEADER) ? "/header" : "",
                     f->name);
    if (n > 0)
        *used += (size_t)n;
}

void gbop_entity_path(const gbo_entity *e, gbo_field field, size_t index, char *buf, size_t size)
{
    gbo_field fields[64];
    size_t indexes[64], depth = 0, used = 0;
    const gbo_entity *root = e;

    buf[0] = '\0';
    while (root && root->parent && depth < 64) {
        if (!locate(root->parent, root, &fields[depth], &indexes[depth]))
            break;
        depth++;
        root = root->parent;
    }
    used = (size_t)snprintf(buf, size, "/%s", root ? gbo_kind_name(root->kind) : "");
    while (depth > 0) {
        depth--;
        append_step(buf, size, &used, fields[depth], indexes[depth]);
    }
    if (field != GBO_FIELD_NONE)
        append_step(buf, size, &used, field, index);
}
