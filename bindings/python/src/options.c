/* gbo._gbo: options — the reading limits (gbo.Limits mirrors struct
 * gbo_limits through the table below) and the language of messages. */
#include "gbo_module.h"

#include <limits.h>
#include <stddef.h>

static const struct {
    const char *name;
    size_t offset;
    int narrow; /* an unsigned int, not a size_t */
} limit_fields[] = {
    { "max_document_bytes", offsetof(gbo_limits, max_document_bytes), 0 },
    { "max_depth", offsetof(gbo_limits, max_depth), 1 },
    { "max_elements", offsetof(gbo_limits, max_elements), 0 },
    { "max_text_bytes", offsetof(gbo_limits, max_text_bytes), 0 },
    { "max_attributes", offsetof(gbo_limits, max_attributes), 0 },
    { "max_start_tag_bytes", offsetof(gbo_limits, max_start_tag_bytes), 0 },
    { "max_namespaces", offsetof(gbo_limits, max_namespaces), 0 },
};
#define NLIMITS (sizeof limit_fields / sizeof *limit_fields)

static size_t get_field(const gbo_limits *l, size_t i)
{
    const char *at = (const char *)l + limit_fields[i].offset;
    return limit_fields[i].narrow ? *(const unsigned *)(const void *)at : *(const size_t *)(const void *)at;
}

PyObject *gbo_py_limit_fields(void)
{
    gbo_limits defaults;
    PyObject *fields = PyTuple_New(NLIMITS);
    gbo_limits_init(&defaults);
    for (size_t i = 0; fields && i < NLIMITS; i++) {
        PyObject *pair = Py_BuildValue("(sn)", limit_fields[i].name, (Py_ssize_t)get_field(&defaults, i));
        if (!pair) {
            Py_CLEAR(fields);
            break;
        }
        PyTuple_SET_ITEM(fields, (Py_ssize_t)i, pair);
    }
    return fields;
}

int gbo_py_limits(PyObject *obj, gbo_limits *out)
{
    gbo_limits_init(out);
    if (!obj || obj == Py_None)
        return 1;
    for (size_t i = 0; i < NLIMITS; i++) {
        PyObject *value = PyObject_GetAttrString(obj, limit_fields[i].name);
        size_t v;
        char *at = (char *)out + limit_fields[i].offset;
        if (!value) {
            if (PyErr_ExceptionMatches(PyExc_AttributeError)) {
                PyErr_Clear();
                PyErr_Format(PyExc_TypeError, "limits must be a gbo.Limits, not %.100s", Py_TYPE(obj)->tp_name);
            }
            return 0;
        }
        if (!PyLong_Check(value)) {
            PyErr_Format(PyExc_TypeError, "Limits.%s must be an int, not %.100s", limit_fields[i].name,
                         Py_TYPE(value)->tp_name);
            Py_DECREF(value);
            return 0;
        }
        v = PyLong_AsSize_t(value);
        Py_DECREF(value);
        if (v == (size_t)-1 && PyErr_Occurred()) {
            PyErr_Clear();
            PyErr_Format(PyExc_ValueError, "Limits.%s must be a positive int that fits a size_t",
                         limit_fields[i].name);
            return 0;
        }
        if (v == 0 || (limit_fields[i].narrow && v > UINT_MAX)) {
            PyErr_Format(PyExc_ValueError, "Limits.%s must be between 1 and %zu", limit_fields[i].name,
                         limit_fields[i].narrow ? (size_t)UINT_MAX : (size_t)-1);
            return 0;
        }
        if (limit_fields[i].narrow)
            *(unsigned *)(void *)at = (unsigned)v;
        else
            *(size_t *)(void *)at = v;
    }
    return 1;
}

int gbo_py_lang(PyObject *obj, gbo_lang *out)
{
    if (!obj || obj == Py_None) { /* the process locale's, as the gbo tool does */
        gbo_diagnostics *probe = gbo_diagnostics_new(NULL);
        if (!probe) {
            PyErr_NoMemory();
            return 0;
        }
        *out = gbo_diagnostics_lang(probe);
        gbo_diagnostics_free(probe);
        return 1;
    }
    if (!PyUnicode_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "lang must be 'nl', 'fr', 'de', 'en' or None, not %.100s",
                     Py_TYPE(obj)->tp_name);
        return 0;
    }
    {
        const char *tag = PyUnicode_AsUTF8(obj);
        if (!tag)
            return 0;
        if (gbo_lang_parse(tag, out) != GBO_OK) {
            PyErr_Format(PyExc_ValueError, "lang must be 'nl', 'fr', 'de' or 'en', not %R", obj);
            return 0;
        }
    }
    return 1;
}
