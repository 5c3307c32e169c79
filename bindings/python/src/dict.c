/* gbo._gbo: an entity as a dict and back. The keys are the exchange
 * format's names (gbo_field_name: "givenName", "lifeDomain"), the same the
 * PHP binding's arrays use; values are what the properties give (values.c),
 * a child is a dict and a repeated field a list. Extension elements go under
 * "#extensions" (a key no field can have). */
#include "gbo_module.h"

#include <stdio.h>
#include <string.h>

static PyObject *value_of(gbo_py_state *st, const gbo_entity *e, gbo_field field, size_t index)
{
    if (gbo_field_type(field) == GBO_TYPE_ENTITY)
        return gbo_py_entity_to_dict(st, gbo_entity_child(e, field, index));
    return gbo_py_value_from_text(st, field, gbo_entity_get_at(e, field, index));
}

static int put(PyObject *dict, const char *key, PyObject *value)
{
    int rc = value ? PyDict_SetItemString(dict, key, value) : -1;
    Py_XDECREF(value);
    return rc;
}

static PyObject *extensions_of(const gbo_entity *e)
{
    size_t n = gbo_entity_extension_count(e);
    PyObject *list = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; list && i < n; i++) {
        PyObject *xml = PyUnicode_FromString(gbo_entity_extension_at(e, i));
        if (!xml)
            Py_CLEAR(list);
        else
            PyList_SET_ITEM(list, (Py_ssize_t)i, xml);
    }
    return list;
}

PyObject *gbo_py_entity_to_dict(gbo_py_state *st, const gbo_entity *e)
{
    gbo_kind kind = gbo_entity_kind(e);
    PyObject *dict;
    if (Py_EnterRecursiveCall(" in to_dict()"))
        return NULL;
    dict = PyDict_New();
    for (size_t i = 0, n = gbo_kind_field_count(kind); dict && i < n; i++) {
        gbo_field field = gbo_kind_field_at(kind, i);
        size_t count = gbo_entity_count(e, field);
        PyObject *value;
        if (count == 0)
            continue;
        if (gbo_field_is_repeated(field)) {
            value = PyList_New((Py_ssize_t)count);
            for (size_t j = 0; value && j < count; j++) {
                PyObject *item = value_of(st, e, field, j);
                if (!item)
                    Py_CLEAR(value);
                else
                    PyList_SET_ITEM(value, (Py_ssize_t)j, item);
            }
        } else
            value = value_of(st, e, field, 0);
        if (put(dict, gbo_field_name(field), value) < 0)
            Py_CLEAR(dict);
    }
    if (dict && gbo_entity_extension_count(e) && put(dict, GBO_PY_EXTENSIONS_KEY, extensions_of(e)) < 0)
        Py_CLEAR(dict);
    Py_LeaveRecursiveCall();
    return dict;
}

/* ---- from a dict ------------------------------------------------------------ */

static PyObject *items_of(PyObject *value, PyObject *key)
{
    if (PyUnicode_Check(value) || PyBytes_Check(value) || PyByteArray_Check(value) || PyDict_Check(value)) {
        PyErr_Format(PyExc_TypeError, "%S takes a list, not %.100s", key, Py_TYPE(value)->tp_name);
        return NULL;
    }
    return PySequence_Tuple(value); /* a snapshot of its own: converting runs Python code */
}

static int add_value(gbo_py_state *st, gbo_entity *e, gbo_field field, PyObject *value, PyObject *key)
{
    gbo_error err;
    gbo_status status;
    if (gbo_field_type(field) == GBO_TYPE_ENTITY) {
        gbo_entity *child = gbo_py_entity_from(st, gbo_field_child_kind(field), value, key);
        if (!child)
            return -1;
        if ((status = gbo_entity_attach(e, field, child, &err)) != GBO_OK)
            gbo_entity_free(child);
    } else {
        PyObject *text = gbo_py_value_to_text(st, field, value, key);
        const char *utf8 = text ? gbo_py_utf8(st, text, key) : NULL;
        if (!utf8) {
            Py_XDECREF(text);
            return -1;
        }
        status = gbo_field_is_repeated(field) ? gbo_entity_add(e, field, utf8, &err) : gbo_entity_set(e, field, utf8, &err);
        Py_DECREF(text);
    }
    if (status != GBO_OK) {
        gbo_py_raise_invalid(st, &err, key);
        return -1;
    }
    return 0;
}

static int add_extensions(gbo_py_state *st, gbo_entity *e, PyObject *value, PyObject *key)
{
    PyObject *items = items_of(value, key);
    gbo_error err;
    if (!items)
        return -1;
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(items); i++) {
        const char *utf8 = gbo_py_utf8(st, PySequence_Fast_GET_ITEM(items, i), key);
        if (!utf8) {
            Py_DECREF(items);
            return -1;
        }
        if (gbo_entity_add_extension(e, utf8, &err) != GBO_OK) {
            gbo_py_raise_invalid(st, &err, key);
            Py_DECREF(items);
            return -1;
        }
    }
    Py_DECREF(items);
    return 0;
}

static int set_entry(gbo_py_state *st, gbo_entity *e, PyObject *key, PyObject *value)
{
    gbo_kind kind = gbo_entity_kind(e);
    const char *name = gbo_py_utf8(st, key, NULL);
    gbo_field field;
    if (!name)
        return -1;
    if (strcmp(name, GBO_PY_EXTENSIONS_KEY) == 0)
        return value == Py_None ? 0 : add_extensions(st, e, value, key);
    if ((field = gbo_field_from_name(kind, name)) == GBO_FIELD_NONE) {
        gbo_error err;
        err.status = GBO_E_INVALID_ARG;
        snprintf(err.message, sizeof err.message, "a %s has no field named '%.100s'", gbo_kind_name(kind), name);
        gbo_py_raise_invalid(st, &err, key);
        return -1;
    }
    if (value == Py_None)
        return 0;
    if (gbo_field_is_repeated(field)) {
        PyObject *items = items_of(value, key);
        int rc = items ? 0 : -1;
        for (Py_ssize_t i = 0; rc == 0 && i < PySequence_Fast_GET_SIZE(items); i++)
            rc = add_value(st, e, field, PySequence_Fast_GET_ITEM(items, i), key);
        Py_XDECREF(items);
        return rc;
    }
    return add_value(st, e, field, value, key);
}

gbo_entity *gbo_py_entity_from_dict(gbo_py_state *st, gbo_kind kind, PyObject *dict)
{
    PyObject *items;
    gbo_entity *e;
    int rc = 0;
    if (Py_EnterRecursiveCall(" in from_dict()"))
        return NULL;
    /* a snapshot of the items: converting a value runs Python code */
    if (!(items = PyDict_Items(dict))) {
        Py_LeaveRecursiveCall();
        return NULL;
    }
    if (!(e = gbo_entity_new(kind, NULL))) {
        PyErr_NoMemory();
        rc = -1;
    }
    for (Py_ssize_t i = 0; rc == 0 && i < PyList_GET_SIZE(items); i++) {
        PyObject *pair = PyList_GET_ITEM(items, i);
        rc = set_entry(st, e, PyTuple_GET_ITEM(pair, 0), PyTuple_GET_ITEM(pair, 1));
    }
    Py_DECREF(items);
    Py_LeaveRecursiveCall();
    if (rc < 0) {
        gbo_entity_free(e);
        return NULL;
    }
    return e;
}
