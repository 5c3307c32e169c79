/* gbo._gbo: libgbo's failures as Python exceptions. */
#include "gbo_module.h"

#include <errno.h>
#include <string.h>

PyObject *gbo_py_raise_refusal(gbo_py_state *st, PyObject *cls, const gbo_error *err, PyObject *filename,
                               const gbo_diagnostics *diags)
{
    PyObject *exc, *list = gbo_py_diagnostic_list(st, diags, filename, 0);
    if (!list)
        return NULL;
    exc = PyObject_CallFunction(cls, "s", err->message);
    if (exc) {
        PyObject *values[4];
        values[0] = PyUnicode_FromString(err->rule);
        values[1] = values[0] ? PyLong_FromUnsignedLong(err->line) : NULL;
        values[2] = values[1] ? PyLong_FromUnsignedLong(err->column) : NULL;
        values[3] = values[2] ? PyUnicode_FromString(err->path) : NULL;
        static const char *const names[] = { "rule", "line", "column", "path" };
        for (size_t i = 0; exc && i < 4; i++) {
            if (!values[i] || PyObject_SetAttrString(exc, names[i], values[i]) < 0)
                Py_CLEAR(exc);
        }
        for (size_t i = 0; i < 4; i++)
            Py_XDECREF(values[i]);
        if (exc && PyObject_SetAttrString(exc, "diagnostics", list) < 0)
            Py_CLEAR(exc);
    }
    Py_DECREF(list);
    if (exc) {
        PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
        Py_DECREF(exc);
    }
    return NULL;
}

PyObject *gbo_py_raise(gbo_py_state *st, const gbo_error *err, int saved_errno, PyObject *filename,
                       const gbo_diagnostics *diags)
{
    switch (err->status) {
    case GBO_E_NOMEM:
        return PyErr_NoMemory();
    case GBO_E_IO: {
        int code = saved_errno ? saved_errno : EIO;
        PyObject *exc = PyObject_CallFunction(PyExc_OSError, "isO", code, strerror(code),
                                              filename ? filename : Py_None);
        if (exc) {
            PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
            Py_DECREF(exc);
        }
        return NULL;
    }
    case GBO_E_INVALID_ARG:
    case GBO_E_INVALID_UTF8:
    case GBO_E_INVALID_VALUE:
    case GBO_E_TOO_LONG:
        PyErr_SetString(PyExc_ValueError, err->message);
        return NULL;
    case GBO_E_DOCUMENT:
        return gbo_py_raise_refusal(st, st->document_error, err, filename, diags);
    default:
        PyErr_Format(st->error, "%s: %s", gbo_strerror(err->status), err->message);
        return NULL;
    }
}
