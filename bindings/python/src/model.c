/* gbo._gbo: libgbo's entities as Python objects — one class per kind, its
 * properties made at import time from the C field table (gbo_kind_field_at,
 * gbo_field_member_name, gbo_field_type, …), so a field added to the model
 * appears here with no change to this file.
 *
 * Wrappers, roots and the registry that detaches the wrappers of a removed
 * subtree are described in gbo_module.h. */
#include "gbo_module.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct gbo_py_root {
    Py_ssize_t refs;          /* wrappers holding it (changed with the GIL held) */
    gbo_entity *entity;       /* the tree, freed with the last wrapper */
    gbo_py_entity **views;    /* the live wrappers into the tree */
    size_t count, cap;
};

/* ---- roots and the registry --------------------------------------------- */

static gbo_py_root *root_new(gbo_entity *entity)
{
    gbo_py_root *root = PyMem_Calloc(1, sizeof *root);
    if (!root) {
        PyErr_NoMemory();
        return NULL;
    }
    root->entity = entity;
    return root;
}

static void root_free(gbo_py_root *root)
{
    gbo_entity_free(root->entity);
    PyMem_Free(root->views);
    PyMem_Free(root);
}

PyObject *gbo_py_wrap(gbo_py_state *st, gbo_py_root *root, gbo_entity *entity)
{
    PyTypeObject *type = st->kind_types[gbo_entity_kind(entity)];
    gbo_py_root *fresh = NULL;
    gbo_py_entity *self;

    if (!root && !(root = fresh = root_new(entity))) {
        gbo_entity_free(entity);
        return NULL;
    }
    if (root->count == root->cap) {
        size_t cap = root->cap ? root->cap * 2 : 8;
        gbo_py_entity **views = PyMem_Realloc(root->views, cap * sizeof *views);
        if (!views) {
            if (fresh)
                root_free(fresh);
            return PyErr_NoMemory();
        }
        root->views = views;
        root->cap = cap;
    }
    if (!(self = (gbo_py_entity *)type->tp_alloc(type, 0))) {
        if (fresh)
            root_free(fresh);
        return NULL;
    }
    self->root = root;
    self->entity = entity;
    self->slot = root->count;
    root->views[root->count++] = self;
    root->refs++;
    return (PyObject *)self;
}

static void entity_dealloc(gbo_py_entity *self)
{
    PyTypeObject *type = Py_TYPE(self);
    gbo_py_root *root = self->root;
    if (root) {
        gbo_py_entity *last = root->views[--root->count];
        root->views[self->slot] = last;
        last->slot = self->slot;
        if (--root->refs == 0)
            root_free(root);
    }
    type->tp_free(self);
    Py_DECREF(type);
}

static int doomed_push(gbo_py_doomed *doomed, const gbo_entity *entity)
{
    if (doomed->count == doomed->cap) {
        size_t cap = doomed->cap ? doomed->cap * 2 : 16;
        const gbo_entity **items = PyMem_Realloc(doomed->items, cap * sizeof *items);
        if (!items) {
            PyErr_NoMemory();
            return -1;
        }
        doomed->items = items;
        doomed->cap = cap;
    }
    doomed->items[doomed->count++] = entity;
    return 0;
}

int gbo_py_doomed_add(gbo_py_doomed *doomed, const gbo_entity *subtree)
{
    if (!subtree || doomed_push(doomed, subtree) < 0)
        return subtree ? -1 : 0;
    /* the array is its own work list: each entity's children are appended */
    for (size_t next = doomed->count - 1; next < doomed->count; next++) {
        const gbo_entity *e = doomed->items[next];
        gbo_kind kind = gbo_entity_kind(e);
        for (size_t i = 0, n = gbo_kind_field_count(kind); i < n; i++) {
            gbo_field field = gbo_kind_field_at(kind, i);
            size_t children = gbo_field_type(field) == GBO_TYPE_ENTITY ? gbo_entity_count(e, field) : 0;
            for (size_t c = 0; c < children; c++)
                if (doomed_push(doomed, gbo_entity_child(e, field, c)) < 0)
                    return -1;
        }
    }
    return 0;
}

static int compare_pointers(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t) * (const gbo_entity *const *)a, y = (uintptr_t) * (const gbo_entity *const *)b;
    return x < y ? -1 : x > y;
}

void gbo_py_doomed_detach(gbo_py_entity *self, gbo_py_doomed *doomed)
{
    gbo_py_root *root = self->root;
    if (doomed->count) {
        qsort(doomed->items, doomed->count, sizeof *doomed->items, compare_pointers);
        for (size_t i = 0; i < root->count; i++) {
            const gbo_entity *e = root->views[i]->entity;
            if (e && bsearch(&e, doomed->items, doomed->count, sizeof *doomed->items, compare_pointers))
                root->views[i]->entity = NULL;
        }
    }
    gbo_py_doomed_clear(doomed);
}

void gbo_py_doomed_clear(gbo_py_doomed *doomed)
{
    PyMem_Free(doomed->items);
    doomed->items = NULL;
    doomed->count = doomed->cap = 0;
}

/* ---- kinds ---------------------------------------------------------------- */

static gbo_kind kind_of_type(gbo_py_state *st, PyTypeObject *type)
{
    for (int k = GBO_KIND_NONE + 1; k < GBO_KIND_COUNT; k++)
        if (st->kind_types[k] == type)
            return (gbo_kind)k;
    return GBO_KIND_NONE;
}

/* The kind's name, capitalised ("person": Person); a name the package
 * gives something else already ("diagnostic": the validator's findings are
 * gbo.Diagnostic) takes "Entity" after it (DiagnosticEntity). */
static const char *class_name(gbo_kind kind, char *buf, size_t size)
{
    static const char *const taken[] = { "BirthDate", "Bundle", "BundleItem", "Code", "Codes", "ConsentContext",
                                         "Decision", "Diagnostic", "Entity", "Error", "FieldList", "Limits",
                                         "Validator" };
    snprintf(buf, size, "%s", gbo_kind_name(kind));
    buf[0] = (char)(buf[0] - 'a' + 'A');
    for (size_t i = 0; i < sizeof taken / sizeof *taken; i++)
        if (strcmp(buf, taken[i]) == 0) {
            snprintf(buf + strlen(buf), size - strlen(buf), "Entity");
            break;
        }
    return buf;
}

gbo_entity *gbo_py_entity_of(gbo_py_state *st, PyObject *obj, gbo_kind kind)
{
    gbo_py_entity *self = (gbo_py_entity *)obj;
    char name[64];
    if (!PyObject_TypeCheck(obj, st->entity_type) || (kind != GBO_KIND_NONE && Py_TYPE(obj) != st->kind_types[kind])) {
        PyErr_Format(PyExc_TypeError, "expected a gbo.%s, not %.100s",
                     kind ? class_name(kind, name, sizeof name) : "Entity", Py_TYPE(obj)->tp_name);
        return NULL;
    }
    if (!self->entity) {
        PyErr_Format(PyExc_ReferenceError, "this %.100s was removed from its document", Py_TYPE(obj)->tp_name);
        return NULL;
    }
    return self->entity;
}

PyObject *gbo_py_field_attribute(gbo_py_state *st, gbo_field field)
{
    PyObject *key, *value, *members = st->members[gbo_field_owner(field)];
    Py_ssize_t pos = 0;
    while (members && PyDict_Next(members, &pos, &key, &value))
        if (PyLong_AsLong(value) == (long)field)
            return Py_NewRef(key);
    return PyUnicode_FromString(gbo_field_member_name(field));
}

/* ---- values ----------------------------------------------------------------- */

PyObject *gbo_py_get_value(gbo_py_entity *self, gbo_field field, size_t index)
{
    gbo_py_state *st = gbo_py_state_of_type(Py_TYPE(self));
    const char *text;
    if (!st)
        return NULL;
    if (gbo_field_type(field) == GBO_TYPE_ENTITY) {
        gbo_entity *child = gbo_entity_child_mut(self->entity, field, index);
        if (!child) {
            PyErr_SetString(PyExc_IndexError, "index out of range");
            return NULL;
        }
        return gbo_py_wrap(st, self->root, child);
    }
    if (!(text = gbo_entity_get_at(self->entity, field, index))) {
        PyErr_SetString(PyExc_IndexError, "index out of range");
        return NULL;
    }
    return gbo_py_value_from_text(st, field, text);
}

int gbo_py_set_scalar(gbo_py_entity *self, gbo_field field, PyObject *value, PyObject *name, bool add)
{
    gbo_py_state *st = gbo_py_state_of_type(Py_TYPE(self));
    PyObject *text;
    const char *utf8;
    gbo_error err;
    gbo_status status;

    if (!st || !(text = gbo_py_value_to_text(st, field, value, name)))
        return -1;
    if (!(utf8 = gbo_py_utf8(st, text, name)) || !gbo_py_entity_of(st, (PyObject *)self, GBO_KIND_NONE)) {
        Py_DECREF(text);
        return -1;
    }
    status = add ? gbo_entity_add(self->entity, field, utf8, &err) : gbo_entity_set(self->entity, field, utf8, &err);
    Py_DECREF(text);
    if (status != GBO_OK) {
        gbo_py_raise_invalid(st, &err, name);
        return -1;
    }
    return 0;
}

gbo_entity *gbo_py_entity_from(gbo_py_state *st, gbo_kind kind, PyObject *value, PyObject *name)
{
    char cls[64];
    if (PyObject_TypeCheck(value, st->entity_type)) {
        gbo_entity *source = gbo_py_entity_of(st, value, kind), *copy;
        if (!source)
            return NULL;
        if (!(copy = gbo_entity_copy(source, NULL)))
            PyErr_NoMemory();
        return copy;
    }
    if (PyDict_Check(value))
        return gbo_py_entity_from_dict(st, kind, value);
    PyErr_Format(PyExc_TypeError, "%S must be a gbo.%s or a dict, not %.100s", name,
                 class_name(kind, cls, sizeof cls), Py_TYPE(value)->tp_name);
    return NULL;
}

/* The values an assignment or extend() brings: texts or new entities, made
 * (with every Python call that takes) before the tree is touched. */
typedef struct incoming {
    PyObject *seq;           /* the values, a tuple of their own */
    PyObject **texts;        /* scalar fields: str each */
    gbo_entity **entities;   /* entity fields: a new tree each, until attached */
    Py_ssize_t count;
} incoming;

static void incoming_clear(incoming *in)
{
    for (Py_ssize_t i = 0; i < in->count; i++) {
        if (in->texts)
            Py_XDECREF(in->texts[i]);
        if (in->entities)
            gbo_entity_free(in->entities[i]);
    }
    PyMem_Free(in->texts);
    PyMem_Free(in->entities);
    Py_XDECREF(in->seq);
}

static int incoming_init(incoming *in, gbo_py_state *st, gbo_field field, PyObject *values, PyObject *name)
{
    bool entity = gbo_field_type(field) == GBO_TYPE_ENTITY;
    memset(in, 0, sizeof *in);
    if (values == Py_None)
        return 0;
    if (PyUnicode_Check(values) || PyBytes_Check(values) || PyByteArray_Check(values) || PyDict_Check(values) ||
        PyObject_TypeCheck(values, st->entity_type)) {
        PyErr_Format(PyExc_TypeError, "%S takes an iterable of values, not %.100s", name, Py_TYPE(values)->tp_name);
        return -1;
    }
    /* a private snapshot: converting a value runs Python code, which could change a list */
    if (!(in->seq = PySequence_Tuple(values)))
        return -1;
    Py_ssize_t n = PyTuple_GET_SIZE(in->seq);
    if (entity ? !(in->entities = PyMem_Calloc((size_t)n + 1, sizeof *in->entities))
               : !(in->texts = PyMem_Calloc((size_t)n + 1, sizeof *in->texts))) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PyTuple_GET_ITEM(in->seq, i);
        in->count = i + 1;
        if (entity ? !(in->entities[i] = gbo_py_entity_from(st, gbo_field_child_kind(field), item, name))
                   : !(in->texts[i] = gbo_py_value_to_text(st, field, item, name)))
            return -1;
        if (!entity && !gbo_py_utf8(st, in->texts[i], name))
            return -1;
    }
    return 0;
}

/* Append the incoming values, all or nothing; with `replace`, then remove
 * the values that were there before. Runs no Python code. */
static gbo_status put_values(gbo_py_entity *self, gbo_field field, incoming *in, bool replace, gbo_error *err)
{
    size_t before = gbo_entity_count(self->entity, field), added = 0;
    gbo_status status = GBO_OK;
    for (Py_ssize_t i = 0; status == GBO_OK && i < in->count; i++) {
        if (in->entities) {
            status = gbo_entity_attach(self->entity, field, in->entities[i], err);
            if (status == GBO_OK)
                in->entities[i] = NULL; /* the parent owns it now */
        } else
            status = gbo_entity_add(self->entity, field, PyUnicode_AsUTF8(in->texts[i]), err);
        added += status == GBO_OK;
    }
    /* removing a value that is there cannot fail */
    if (status != GBO_OK) {
        while (added-- && gbo_entity_remove_at(self->entity, field, before + added, NULL) == GBO_OK)
            ;
        return status;
    }
    for (size_t i = 0; replace && i < before && gbo_entity_remove_at(self->entity, field, 0, NULL) == GBO_OK; i++)
        ;
    return GBO_OK;
}

static int change_values(gbo_py_entity *self, gbo_field field, PyObject *values, PyObject *name, bool replace)
{
    gbo_py_state *st = gbo_py_state_of_type(Py_TYPE(self));
    gbo_py_doomed doomed = { NULL, 0, 0 };
    incoming in = { NULL, NULL, NULL, 0 };
    gbo_error err;
    gbo_status status;
    int rc = -1;

    if (!st || incoming_init(&in, st, field, values, name) < 0 || !gbo_py_entity_of(st, (PyObject *)self, GBO_KIND_NONE))
        goto done;
    if (replace && gbo_field_type(field) == GBO_TYPE_ENTITY)
        for (size_t i = 0, n = gbo_entity_count(self->entity, field); i < n; i++)
            if (gbo_py_doomed_add(&doomed, gbo_entity_child(self->entity, field, i)) < 0)
                goto done;
    status = put_values(self, field, &in, replace, &err);
    if (status != GBO_OK) {
        gbo_py_raise_invalid(st, &err, name);
        goto done;
    }
    gbo_py_doomed_detach(self, &doomed);
    rc = 0;
done:
    gbo_py_doomed_clear(&doomed);
    incoming_clear(&in);
    return rc;
}

int gbo_py_extend_field(gbo_py_entity *self, gbo_field field, PyObject *values, PyObject *name)
{
    if (values == Py_None) {
        PyErr_Format(PyExc_TypeError, "%S: extend() takes an iterable of values, not None", name);
        return -1;
    }
    return change_values(self, field, values, name, false);
}

int gbo_py_remove_value(gbo_py_entity *self, gbo_field field, size_t index)
{
    gbo_py_doomed doomed = { NULL, 0, 0 };
    gbo_status status;
    if (gbo_field_type(field) == GBO_TYPE_ENTITY &&
        gbo_py_doomed_add(&doomed, gbo_entity_child(self->entity, field, index)) < 0) {
        gbo_py_doomed_clear(&doomed);
        return -1;
    }
    status = gbo_entity_remove_at(self->entity, field, index, NULL);
    if (status != GBO_OK) {
        gbo_py_doomed_clear(&doomed);
        PyErr_SetString(PyExc_IndexError, "index out of range");
        return -1;
    }
    gbo_py_doomed_detach(self, &doomed);
    return 0;
}

int gbo_py_set_field(gbo_py_entity *self, gbo_field field, PyObject *value, PyObject *name)
{
    gbo_py_state *st = gbo_py_state_of_type(Py_TYPE(self));
    gbo_py_doomed doomed = { NULL, 0, 0 };
    gbo_entity *child;
    gbo_error err;
    gbo_status status;

    if (!st)
        return -1;
    if (gbo_field_is_repeated(field))
        return change_values(self, field, value, name, true);
    if (gbo_field_type(field) != GBO_TYPE_ENTITY) {
        if (value != Py_None)
            return gbo_py_set_scalar(self, field, value, name, false);
        if (!gbo_py_entity_of(st, (PyObject *)self, GBO_KIND_NONE))
            return -1;
        status = gbo_entity_set(self->entity, field, NULL, &err);
        return status == GBO_OK ? 0 : (gbo_py_raise_invalid(st, &err, name), -1);
    }
    if (value == Py_None) {
        if (!gbo_py_entity_of(st, (PyObject *)self, GBO_KIND_NONE))
            return -1;
        return gbo_entity_count(self->entity, field) ? gbo_py_remove_value(self, field, 0) : 0;
    }
    if (!(child = gbo_py_entity_from(st, gbo_field_child_kind(field), value, name)))
        return -1;
    if (!gbo_py_entity_of(st, (PyObject *)self, GBO_KIND_NONE) ||
        gbo_py_doomed_add(&doomed, gbo_entity_child(self->entity, field, 0)) < 0) {
        gbo_entity_free(child);
        gbo_py_doomed_clear(&doomed);
        return -1;
    }
    status = gbo_entity_attach(self->entity, field, child, &err); /* replaces the old child */
    if (status != GBO_OK) {
        gbo_entity_free(child);
        gbo_py_doomed_clear(&doomed);
        gbo_py_raise_invalid(st, &err, name);
        return -1;
    }
    gbo_py_doomed_detach(self, &doomed);
    return 0;
}

/* ---- properties ----------------------------------------------------------- */

static PyObject *field_get(gbo_py_entity *self, void *closure)
{
    gbo_field field = (gbo_field)(uintptr_t)closure;
    gbo_py_state *st = gbo_py_state_of_type(Py_TYPE(self));
    if (!st || !gbo_py_entity_of(st, (PyObject *)self, GBO_KIND_NONE))
        return NULL;
    if (gbo_field_is_repeated(field))
        return gbo_py_field_list_new(st, self, field);
    if (gbo_entity_count(self->entity, field) == 0)
        Py_RETURN_NONE;
    return gbo_py_get_value(self, field, 0);
}

static int field_set(gbo_py_entity *self, PyObject *value, void *closure)
{
    gbo_field field = (gbo_field)(uintptr_t)closure;
    gbo_py_state *st = gbo_py_state_of_type(Py_TYPE(self));
    PyObject *name;
    int rc;
    if (!st || !(name = gbo_py_field_attribute(st, field)))
        return -1;
    rc = gbo_py_set_field(self, field, value ? value : Py_None, name);
    Py_DECREF(name);
    return rc;
}

int gbo_py_set_keywords(gbo_py_entity *self, PyObject *kwargs)
{
    gbo_py_state *st = gbo_py_state_of_type(Py_TYPE(self));
    PyObject *key, *value, *field;
    Py_ssize_t pos = 0;
    gbo_kind kind;
    if (!st || !gbo_py_entity_of(st, (PyObject *)self, GBO_KIND_NONE))
        return -1;
    kind = gbo_entity_kind(self->entity);
    while (kwargs && PyDict_Next(kwargs, &pos, &key, &value)) {
        if (!(field = PyDict_GetItemWithError(st->members[kind], key))) {
            if (!PyErr_Occurred())
                PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%S'",
                             strrchr(Py_TYPE(self)->tp_name, '.') + 1, key);
            return -1;
        }
        if (gbo_py_set_field(self, (gbo_field)PyLong_AsLong(field), value, key) < 0)
            return -1;
    }
    return 0;
}

static PyObject *entity_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    gbo_py_state *st = gbo_py_state_of_type(type);
    gbo_kind kind;
    gbo_entity *entity;
    PyObject *self;
    if (!st)
        return NULL;
    if ((kind = kind_of_type(st, type)) == GBO_KIND_NONE) {
        PyErr_SetString(PyExc_TypeError, "gbo.Entity is the base of the entity classes: make a gbo.Person, gbo.Referral, ...");
        return NULL;
    }
    if (PyTuple_GET_SIZE(args)) {
        PyErr_Format(PyExc_TypeError, "%s() takes keyword arguments only", strrchr(type->tp_name, '.') + 1);
        return NULL;
    }
    if (!(entity = gbo_entity_new(kind, NULL)))
        return PyErr_NoMemory();
    if (!(self = gbo_py_wrap(st, NULL, entity)))
        return NULL;
    if (gbo_py_set_keywords((gbo_py_entity *)self, kwargs) < 0)
        Py_CLEAR(self);
    return self;
}

/* ---- methods of every entity ---------------------------------------------- */

static PyObject *entity_copy(gbo_py_entity *self, PyObject *unused)
{
    gbo_py_state *st = gbo_py_state_of_type(Py_TYPE(self));
    gbo_entity *copy;
    (void)unused;
    if (!st || !gbo_py_entity_of(st, (PyObject *)self, GBO_KIND_NONE))
        return NULL;
    if (!(copy = gbo_entity_copy(self->entity, NULL)))
        return PyErr_NoMemory();
    return gbo_py_wrap(st, NULL, copy);
}

static PyObject *entity_deepcopy(gbo_py_entity *self, PyObject *memo)
{
    (void)memo;
    return entity_copy(self, NULL);
}

static PyObject *entity_to_dict(gbo_py_entity *self, PyObject *unused)
{
    gbo_py_state *st = gbo_py_state_of_type(Py_TYPE(self));
    gbo_entity *copy;
    PyObject *dict;
    (void)unused;
    if (!st || !gbo_py_entity_of(st, (PyObject *)self, GBO_KIND_NONE))
        return NULL;
    /* building the dict runs Python code (the collector may run finalizers
     * that change this tree): work on a private copy */
    if (!(copy = gbo_entity_copy(self->entity, NULL)))
        return PyErr_NoMemory();
    dict = gbo_py_entity_to_dict(st, copy);
    gbo_entity_free(copy);
    return dict;
}

static PyObject *entity_from_dict(PyTypeObject *cls, PyObject *dict)
{
    gbo_py_state *st = gbo_py_state_of_type(cls);
    gbo_kind kind;
    gbo_entity *entity;
    if (!st)
        return NULL;
    if ((kind = kind_of_type(st, cls)) == GBO_KIND_NONE) {
        PyErr_SetString(PyExc_TypeError, "call from_dict() on an entity class (gbo.Exchange.from_dict)");
        return NULL;
    }
    if (!PyDict_Check(dict)) {
        PyErr_Format(PyExc_TypeError, "from_dict() takes a dict, not %.100s", Py_TYPE(dict)->tp_name);
        return NULL;
    }
    if (!(entity = gbo_py_entity_from_dict(st, kind, dict)))
        return NULL;
    return gbo_py_wrap(st, NULL, entity);
}

static PyObject *extension_elements(gbo_py_entity *self, void *closure)
{
    gbo_py_state *st = gbo_py_state_of_type(Py_TYPE(self));
    PyObject *list, *tuple;
    gbo_entity *e;
    (void)closure;
    /* the list first: making it may run the collector, and its finalizers */
    if (!st || !(list = PyList_New(0)))
        return NULL;
    if (!(e = gbo_py_entity_of(st, (PyObject *)self, GBO_KIND_NONE))) {
        Py_DECREF(list);
        return NULL;
    }
    for (size_t i = 0, n = gbo_entity_extension_count(e); i < n; i++) {
        PyObject *xml = PyUnicode_FromString(gbo_entity_extension_at(e, i));
        if (!xml || PyList_Append(list, xml) < 0) {
            Py_XDECREF(xml);
            Py_DECREF(list);
            return NULL;
        }
        Py_DECREF(xml);
    }
    tuple = PyList_AsTuple(list);
    Py_DECREF(list);
    return tuple;
}

static PyObject *add_extension_element(gbo_py_entity *self, PyObject *xml)
{
    gbo_py_state *st = gbo_py_state_of_type(Py_TYPE(self));
    PyObject *name, *result = NULL;
    const char *utf8;
    gbo_error err;
    if (!st || !(name = PyUnicode_FromString(GBO_PY_EXTENSIONS_KEY)))
        return NULL;
    if ((utf8 = gbo_py_utf8(st, xml, name)) && gbo_py_entity_of(st, (PyObject *)self, GBO_KIND_NONE)) {
        if (gbo_entity_add_extension(self->entity, utf8, &err) == GBO_OK)
            result = Py_NewRef(Py_None);
        else
            gbo_py_raise_invalid(st, &err, name);
    }
    Py_DECREF(name);
    return result;
}

static PyObject *entity_richcompare(PyObject *a, PyObject *b, int op)
{
    gbo_py_state *st = gbo_py_state_of_type(Py_TYPE(a));
    const gbo_entity *x, *y;
    bool equal;
    if (!st)
        return NULL;
    if ((op != Py_EQ && op != Py_NE) || !PyObject_TypeCheck(b, st->entity_type))
        Py_RETURN_NOTIMPLEMENTED;
    if (!(x = gbo_py_entity_of(st, a, GBO_KIND_NONE)) || !(y = gbo_py_entity_of(st, b, GBO_KIND_NONE)))
        return NULL;
    equal = gbo_entity_equal(x, y);
    return PyBool_FromLong(op == Py_EQ ? equal : !equal);
}

/* Names the class and the id (a UUID, never a person's data). */
static PyObject *entity_repr(gbo_py_entity *self)
{
    const char *id = NULL;
    if (!self->entity)
        return PyUnicode_FromFormat("<%s (removed from its document)>", Py_TYPE(self)->tp_name);
    if (gbo_field_type(gbo_field_from_name(gbo_entity_kind(self->entity), "id")) == GBO_TYPE_UUID)
        id = gbo_entity_get(self->entity, gbo_field_from_name(gbo_entity_kind(self->entity), "id"));
    return id ? PyUnicode_FromFormat("<%s id=%s>", Py_TYPE(self)->tp_name, id)
              : PyUnicode_FromFormat("<%s>", Py_TYPE(self)->tp_name);
}

static PyMethodDef entity_methods[] = {
    { "copy", (PyCFunction)entity_copy, METH_NOARGS,
      "copy($self, /)\n--\n\nA deep copy, a new document of its own." },
    { "__copy__", (PyCFunction)entity_copy, METH_NOARGS, NULL },
    { "__deepcopy__", (PyCFunction)entity_deepcopy, METH_O, NULL },
    { "to_dict", (PyCFunction)entity_to_dict, METH_NOARGS,
      "to_dict($self, /)\n--\n\n"
      "The entity as a dict: the exchange format's names as keys (\"givenName\"), values as the\n"
      "properties give them, children as dicts, repeated fields as lists; extension elements\n"
      "under \"" GBO_PY_EXTENSIONS_KEY "\". from_dict() takes it back." },
    { "from_dict", (PyCFunction)entity_from_dict, METH_O | METH_CLASS,
      "from_dict($type, data, /)\n--\n\nA new entity of this class from a dict like to_dict()'s." },
    { "add_extension_element", (PyCFunction)add_extension_element, METH_O,
      "add_extension_element($self, xml, /)\n--\n\n"
      "Append an extension element: one element in a namespace of your own (SPEC 2.7)." },
    { NULL, NULL, 0, NULL }
};

static PyGetSetDef entity_getset[] = {
    { "extension_elements", (getter)extension_elements, NULL,
      "The extension elements carried at this entity's extension point, as canonical XML.", NULL },
    { NULL, NULL, NULL, NULL, NULL }
};

static PyType_Slot entity_slots[] = {
    { Py_tp_doc, "The base of libgbo's entity classes (gbo.Exchange, gbo.Person, ...)." },
    { Py_tp_new, entity_new },
    { Py_tp_dealloc, entity_dealloc },
    { Py_tp_methods, entity_methods },
    { Py_tp_getset, entity_getset },
    { Py_tp_richcompare, entity_richcompare },
    { Py_tp_hash, PyObject_HashNotImplemented },
    { Py_tp_repr, entity_repr },
    { 0, NULL }
};

PyType_Spec gbo_py_entity_spec = {
    .name = "gbo.Entity",
    .basicsize = sizeof(gbo_py_entity),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = entity_slots,
};

/* ---- the kind classes, from the field table ------------------------------ */

static const char *type_word(gbo_value_type type)
{
    static const char *const words[] = { "", "text", "code", "uuid", "date", "birth-date", "time",
                                         "bool", "count", "language", "digits", "entity" };
    return (size_t)type < sizeof words / sizeof *words ? words[type] : "";
}

/* One kind's memory: its getsets, then the strings they point to. */
typedef struct kind_memory {
    PyGetSetDef *getset;
    char *strings;
    size_t used, size;
} kind_memory;

static const char *keep(kind_memory *m, const char *fmt, const char *a, const char *b, const char *c)
{
    char *out = m->strings + m->used;
    int n = snprintf(out, m->size - m->used, fmt, a, b, c);
    if (n < 0 || (size_t)n >= m->size - m->used)
        return NULL;
    m->used += (size_t)n + 1;
    return out;
}

static PyObject *attribute_name(PyObject *iskeyword, gbo_field field)
{
    PyObject *name = PyUnicode_FromString(gbo_field_member_name(field)), *is;
    if (!name || !(is = PyObject_CallOneArg(iskeyword, name))) {
        Py_XDECREF(name);
        return NULL;
    }
    if (is == Py_True)
        Py_SETREF(name, PyUnicode_FromFormat("%U_", name));
    Py_DECREF(is);
    return name;
}

static PyTypeObject *make_kind(PyObject *module, gbo_py_state *st, gbo_kind kind, PyObject *iskeyword)
{
    size_t n = gbo_kind_field_count(kind);
    size_t size = (n + 1) * sizeof(PyGetSetDef) + 512 + n * 512;
    kind_memory m;
    char cls[64], child[64];
    const char *type_name, *doc;
    PyType_Slot slots[4] = { { 0, NULL } };
    PyType_Spec spec;
    PyObject *type;
    int s = 0;

    if (!(st->model_memory[kind] = PyMem_Calloc(1, size))) {
        PyErr_NoMemory();
        return NULL;
    }
    m.getset = st->model_memory[kind];
    m.strings = (char *)(m.getset + n + 1);
    m.used = 0;
    m.size = size - (n + 1) * sizeof(PyGetSetDef);
    if (!(st->members[kind] = PyDict_New()))
        return NULL;
    class_name(kind, cls, sizeof cls);
    type_name = keep(&m, "gbo.%s%s%s", cls, "", "");
    doc = keep(&m, "%s(**fields): libgbo's %s entity. Its properties are the fields of the library's field table, "
                   "in snake_case; set them by keyword or attribute, and to_dict() gives the exchange format's names.",
               cls, gbo_kind_name(kind), "");
    for (size_t i = 0; i < n; i++) {
        gbo_field field = gbo_kind_field_at(kind, i);
        gbo_value_type type = gbo_field_type(field);
        PyObject *name = attribute_name(iskeyword, field), *number;
        const char *what = type == GBO_TYPE_ENTITY ? class_name(gbo_field_child_kind(field), child, sizeof child)
                           : type == GBO_TYPE_CODE ? gbo_field_code_list(field)
                                                   : type_word(type);
        if (!name)
            return NULL;
        m.getset[i].name = PyUnicode_AsUTF8(name) ? keep(&m, "%s%s%s", PyUnicode_AsUTF8(name), "", "") : NULL;
        m.getset[i].get = (getter)field_get;
        m.getset[i].set = (setter)field_set;
        m.getset[i].closure = (void *)(uintptr_t)field;
        m.getset[i].doc = keep(&m,
                               gbo_field_is_repeated(field) ? "<%s> repeated: a list of %s%s"
                               : type == GBO_TYPE_CODE      ? "<%s> a code of the list %s%s"
                                                            : "<%s> %s%s",
                               gbo_field_name(field), what, type == GBO_TYPE_CODE && gbo_field_is_repeated(field) ? " codes" : "");
        number = PyLong_FromLong((long)field);
        if (!m.getset[i].name || !m.getset[i].doc || !number ||
            PyDict_SetItem(st->members[kind], name, number) < 0) {
            Py_DECREF(name);
            Py_XDECREF(number);
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_RuntimeError, "gbo: a field's names do not fit");
            return NULL;
        }
        Py_DECREF(name);
        Py_DECREF(number);
    }
    if (!type_name || !doc) {
        PyErr_SetString(PyExc_RuntimeError, "gbo: a kind's names do not fit");
        return NULL;
    }
    slots[s++] = (PyType_Slot){ Py_tp_getset, m.getset };
    slots[s++] = (PyType_Slot){ Py_tp_doc, (void *)doc };
    if (kind == GBO_KIND_EXCHANGE)
        slots[s++] = (PyType_Slot){ Py_tp_methods, gbo_py_exchange_methods };
    spec = (PyType_Spec){ .name = type_name, .basicsize = 0,
                          .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE, .slots = slots };
    type = PyType_FromModuleAndSpec(module, &spec, (PyObject *)st->entity_type);
    if (!type || PyModule_AddObjectRef(module, cls, type) < 0) {
        Py_XDECREF(type);
        return NULL;
    }
    return (PyTypeObject *)type;
}

int gbo_py_model_init(PyObject *module, gbo_py_state *st)
{
    PyObject *keyword = PyImport_ImportModule("keyword"), *iskeyword;
    int rc = 0;
    if (!keyword)
        return -1;
    iskeyword = PyObject_GetAttrString(keyword, "iskeyword");
    Py_DECREF(keyword);
    if (!iskeyword)
        return -1;
    for (int k = GBO_KIND_NONE + 1; rc == 0 && k < GBO_KIND_COUNT; k++)
        if (!(st->kind_types[k] = make_kind(module, st, (gbo_kind)k, iskeyword)))
            rc = -1;
    Py_DECREF(iskeyword);
    return rc;
}

void gbo_py_model_free(gbo_py_state *st)
{
    for (int k = 0; k < GBO_KIND_COUNT; k++) {
        PyMem_Free(st->model_memory[k]);
        st->model_memory[k] = NULL;
    }
}

/* _gbo._model(): the classes and their fields, for the stub generator
 * (generate_stubs.py): ((class, kind, ((attribute, xml name, type, repeated,
 * child class or None, code list or None), ...)), ...). */
PyObject *gbo_py_model_table(PyObject *module, PyObject *unused)
{
    gbo_py_state *st = gbo_py_state_of_module(module);
    PyObject *kinds = PyTuple_New(GBO_KIND_COUNT - 1);
    (void)unused;
    for (int k = GBO_KIND_NONE + 1; kinds && k < GBO_KIND_COUNT; k++) {
        size_t n = gbo_kind_field_count((gbo_kind)k);
        PyObject *fields = PyTuple_New((Py_ssize_t)n), *entry;
        char cls[64], child[64];
        for (size_t i = 0; fields && i < n; i++) {
            gbo_field f = gbo_kind_field_at((gbo_kind)k, i);
            PyObject *name = gbo_py_field_attribute(st, f);
            PyObject *row = name ? Py_BuildValue("(NssNzz)", name, gbo_field_name(f), type_word(gbo_field_type(f)),
                                                 PyBool_FromLong(gbo_field_is_repeated(f)),
                                                 gbo_field_type(f) == GBO_TYPE_ENTITY
                                                     ? class_name(gbo_field_child_kind(f), child, sizeof child)
                                                     : NULL,
                                                 gbo_field_code_list(f))
                                 : NULL;
            if (!row)
                Py_CLEAR(fields);
            else
                PyTuple_SET_ITEM(fields, (Py_ssize_t)i, row);
        }
        entry = fields ? Py_BuildValue("(ssN)", class_name((gbo_kind)k, cls, sizeof cls), gbo_kind_name((gbo_kind)k), fields)
                       : NULL;
        if (!entry)
            Py_CLEAR(kinds);
        else
            PyTuple_SET_ITEM(kinds, k - 1, entry);
    }
    return kinds;
}
