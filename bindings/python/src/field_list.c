/* gbo._gbo: gbo.FieldList, the live list a repeated field reads as
 * (organisation.networks, exchange.persons). It reads and changes the entity
 * itself: len(), indexing and slices, iteration, ==, append(), extend(),
 * pop(), del, clear(), and for a list of entities add(**fields), which makes
 * the child in place and returns it. Assigning the attribute replaces the
 * whole list. An appended entity is copied into the document. */
#include "gbo_module.h"

#include <string.h>

typedef struct field_list {
    PyObject_HEAD
    gbo_py_entity *owner;
    gbo_field field;
} field_list;

PyObject *gbo_py_field_list_new(gbo_py_state *st, gbo_py_entity *owner, gbo_field field)
{
    field_list *self = (field_list *)st->field_list_type->tp_alloc(st->field_list_type, 0);
    if (!self)
        return NULL;
    self->owner = (gbo_py_entity *)Py_NewRef((PyObject *)owner);
    self->field = field;
    return (PyObject *)self;
}

static void dealloc(field_list *self)
{
    PyTypeObject *type = Py_TYPE(self);
    Py_XDECREF(self->owner);
    type->tp_free(self);
    Py_DECREF(type);
}

/* The owner's entity, or NULL with ReferenceError. */
static gbo_entity *owner_entity(field_list *self, gbo_py_state **st)
{
    if (!(*st = gbo_py_state_of_type(Py_TYPE(self))))
        return NULL;
    return gbo_py_entity_of(*st, (PyObject *)self->owner, GBO_KIND_NONE);
}

static Py_ssize_t length(field_list *self)
{
    gbo_py_state *st;
    gbo_entity *e = owner_entity(self, &st);
    return e ? (Py_ssize_t)gbo_entity_count(e, self->field) : -1;
}

static PyObject *item(field_list *self, Py_ssize_t index)
{
    Py_ssize_t n = length(self);
    if (n < 0)
        return NULL;
    if (index < 0 || index >= n) {
        PyErr_SetString(PyExc_IndexError, "FieldList index out of range");
        return NULL;
    }
    return gbo_py_get_value(self->owner, self->field, (size_t)index);
}

/* The index `key` stands for in a list of `n`, counting from the end when
 * negative; -1 with IndexError when out of range. */
static Py_ssize_t position(Py_ssize_t index, Py_ssize_t n)
{
    if (index < 0)
        index += n;
    if (index < 0 || index >= n) {
        PyErr_SetString(PyExc_IndexError, "FieldList index out of range");
        return -1;
    }
    return index;
}

static PyObject *subscript(field_list *self, PyObject *key)
{
    Py_ssize_t n, start, stop, step, count;
    PyObject *list;
    if (PyIndex_Check(key)) {
        /* the index first: __index__ may run Python code that changes the list */
        Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);
        if ((i == -1 && PyErr_Occurred()) || (n = length(self)) < 0 || (i = position(i, n)) < 0)
            return NULL;
        return item(self, i);
    }
    if (!PySlice_Check(key)) {
        PyErr_Format(PyExc_TypeError, "FieldList indices must be integers or slices, not %.100s", Py_TYPE(key)->tp_name);
        return NULL;
    }
    if (PySlice_Unpack(key, &start, &stop, &step) < 0 || (n = length(self)) < 0) /* __index__ first */
        return NULL;
    count = PySlice_AdjustIndices(n, &start, &stop, step);
    if (!(list = PyList_New(0)))
        return NULL;
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *value = item(self, start + i * step);
        if (!value || PyList_Append(list, value) < 0) {
            Py_XDECREF(value);
            Py_DECREF(list);
            return NULL;
        }
        Py_DECREF(value);
    }
    return list;
}

static int ass_subscript(field_list *self, PyObject *key, PyObject *value)
{
    Py_ssize_t i, n;
    if (value) {
        PyErr_SetString(PyExc_TypeError,
                        "a FieldList item cannot be replaced: assign the whole field, or del and append");
        return -1;
    }
    if (!PyIndex_Check(key)) {
        PyErr_SetString(PyExc_TypeError, "del takes one integer index");
        return -1;
    }
    /* the index first: __index__ may run Python code that changes the list */
    if ((i = PyNumber_AsSsize_t(key, PyExc_IndexError)) == -1 && PyErr_Occurred())
        return -1;
    if ((n = length(self)) < 0 || (i = position(i, n)) < 0)
        return -1;
    return gbo_py_remove_value(self->owner, self->field, (size_t)i);
}

static PyObject *iterate(field_list *self)
{
    return PySeqIter_New((PyObject *)self);
}

static PyObject *attribute(field_list *self)
{
    gbo_py_state *st = gbo_py_state_of_type(Py_TYPE(self));
    return st ? gbo_py_field_attribute(st, self->field) : NULL;
}

static PyObject *append(field_list *self, PyObject *value)
{
    PyObject *name = attribute(self), *one;
    int rc;
    if (!name)
        return NULL;
    if (!(one = PyTuple_Pack(1, value))) {
        Py_DECREF(name);
        return NULL;
    }
    rc = gbo_py_extend_field(self->owner, self->field, one, name);
    Py_DECREF(one);
    Py_DECREF(name);
    if (rc < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *extend(field_list *self, PyObject *values)
{
    PyObject *name = attribute(self);
    int rc;
    if (!name)
        return NULL;
    rc = gbo_py_extend_field(self->owner, self->field, values, name);
    Py_DECREF(name);
    if (rc < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *clear(field_list *self, PyObject *unused)
{
    PyObject *name = attribute(self);
    int rc;
    (void)unused;
    if (!name)
        return NULL;
    rc = gbo_py_set_field(self->owner, self->field, Py_None, name);
    Py_DECREF(name);
    if (rc < 0)
        return NULL;
    Py_RETURN_NONE;
}

/* pop(index=-1): the value removed; a removed child comes back as a copy.
 * The value is taken and removed without running Python code in between. */
static PyObject *pop(field_list *self, PyObject *const *args, Py_ssize_t nargs)
{
    gbo_py_state *st = gbo_py_state_of_type(Py_TYPE(self));
    Py_ssize_t n, i = -1;
    PyObject *text, *value;
    gbo_entity *e;
    if (!st)
        return NULL;
    if (nargs > 1) {
        PyErr_SetString(PyExc_TypeError, "pop() takes at most one index");
        return NULL;
    }
    if (nargs == 1 && (i = PyNumber_AsSsize_t(args[0], PyExc_IndexError)) == -1 && PyErr_Occurred())
        return NULL;
    if ((n = length(self)) < 0 || (i = position(i, n)) < 0)
        return NULL;
    e = self->owner->entity;
    if (gbo_field_type(self->field) == GBO_TYPE_ENTITY) {
        gbo_entity *copy = gbo_entity_copy(gbo_entity_child(e, self->field, (size_t)i), NULL);
        if (!copy)
            return PyErr_NoMemory();
        if (gbo_py_remove_value(self->owner, self->field, (size_t)i) < 0) {
            gbo_entity_free(copy);
            return NULL;
        }
        return gbo_py_wrap(st, NULL, copy);
    }
    if (!(text = PyUnicode_FromString(gbo_entity_get_at(e, self->field, (size_t)i))))
        return NULL;
    if (gbo_py_remove_value(self->owner, self->field, (size_t)i) < 0) {
        Py_DECREF(text);
        return NULL;
    }
    value = gbo_py_value_from_text(st, self->field, PyUnicode_AsUTF8(text));
    Py_DECREF(text);
    return value;
}

/* add(**fields): a new child at the end of a list of entities, returned. */
static PyObject *add(field_list *self, PyObject *args, PyObject *kwargs)
{
    gbo_py_state *st;
    gbo_entity *e = owner_entity(self, &st), *child;
    gbo_error err;
    PyObject *wrapper;
    if (!e)
        return NULL;
    if (gbo_field_type(self->field) != GBO_TYPE_ENTITY) {
        PyErr_SetString(PyExc_TypeError, "add() makes a child entity: this list holds values, use append()");
        return NULL;
    }
    if (PyTuple_GET_SIZE(args)) {
        PyErr_SetString(PyExc_TypeError, "add() takes keyword arguments only");
        return NULL;
    }
    if (!(child = gbo_entity_add_child(e, self->field, &err)))
        return gbo_py_raise(st, &err, 0, NULL, NULL);
    if (!(wrapper = gbo_py_wrap(st, self->owner->root, child)) ||
        gbo_py_set_keywords((gbo_py_entity *)wrapper, kwargs) < 0) {
        /* take the half-made child out again, wherever it is now (unless
         * the keywords' Python code removed it already: its wrapper says so) */
        PyObject *type, *value, *tb;
        PyErr_Fetch(&type, &value, &tb);
        if (self->owner->entity && (!wrapper || ((gbo_py_entity *)wrapper)->entity == child))
            for (size_t i = gbo_entity_count(self->owner->entity, self->field); i-- > 0;)
                if (gbo_entity_child(self->owner->entity, self->field, i) == child) {
                    if (gbo_py_remove_value(self->owner, self->field, i) < 0)
                        PyErr_Clear();
                    break;
                }
        PyErr_Restore(type, value, tb);
        Py_XDECREF(wrapper);
        return NULL;
    }
    return wrapper;
}

static PyObject *richcompare(field_list *self, PyObject *other, int op)
{
    PyObject *mine, *theirs, *result;
    if ((op != Py_EQ && op != Py_NE) ||
        !(PyList_Check(other) || PyTuple_Check(other) || Py_TYPE(other) == Py_TYPE(self)))
        Py_RETURN_NOTIMPLEMENTED;
    if (!(mine = PySequence_List((PyObject *)self)))
        return NULL;
    if (!(theirs = PySequence_List(other))) {
        Py_DECREF(mine);
        return NULL;
    }
    result = PyObject_RichCompare(mine, theirs, op);
    Py_DECREF(mine);
    Py_DECREF(theirs);
    return result;
}

/* Says which field and how many values, never the values. */
static PyObject *repr(field_list *self)
{
    Py_ssize_t n = length(self);
    PyObject *name;
    if (n < 0) {
        PyErr_Clear();
        return PyUnicode_FromString("<gbo.FieldList (its entity was removed from its document)>");
    }
    if (!(name = attribute(self)))
        return NULL;
    Py_SETREF(name, PyUnicode_FromFormat("<gbo.FieldList %s.%U: %zd item%s>",
                                         strrchr(Py_TYPE(self->owner)->tp_name, '.') + 1, name, n, n == 1 ? "" : "s"));
    return name;
}

static PyMethodDef methods[] = {
    { "append", (PyCFunction)append, METH_O, "append($self, value, /)\n--\n\nAppend a value (an entity is copied in)." },
    { "extend", (PyCFunction)extend, METH_O,
      "extend($self, values, /)\n--\n\nAppend every value of an iterable, all or nothing." },
    { "clear", (PyCFunction)clear, METH_NOARGS, "clear($self, /)\n--\n\nRemove every value." },
    { "pop", (PyCFunction)(void (*)(void))pop, METH_FASTCALL,
      "pop($self, index=-1, /)\n--\n\nRemove a value and return it (a removed entity as a copy)." },
    { "add", (PyCFunction)(void (*)(void))add, METH_VARARGS | METH_KEYWORDS,
      "add($self, /, **fields)\n--\n\n"
      "For a list of entities: make a new child at the end, with these fields, and return it." },
    { NULL, NULL, 0, NULL }
};

static PyType_Slot slots[] = {
    { Py_tp_doc, "The values of a repeated field: a live list, changed in the entity itself." },
    { Py_tp_dealloc, dealloc },
    { Py_sq_length, length },
    { Py_sq_item, item },
    { Py_mp_length, length },
    { Py_mp_subscript, subscript },
    { Py_mp_ass_subscript, ass_subscript },
    { Py_tp_iter, iterate },
    { Py_tp_richcompare, richcompare },
    { Py_tp_hash, PyObject_HashNotImplemented },
    { Py_tp_repr, repr },
    { Py_tp_methods, methods },
    { 0, NULL }
};

PyType_Spec gbo_py_field_list_spec = {
    .name = "gbo.FieldList",
    .basicsize = sizeof(field_list),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = slots,
};
