/* gbo._gbo: gbo.Diagnostic, one finding — immutable, compared by value; its
 * str() is the gbo tool's text line. */
#include "gbo_module.h"

#include <structmember.h>

typedef struct diagnostic {
    PyObject_HEAD
    PyObject *rule, *severity, *path, *message, *file; /* file: str or None */
    unsigned long line, column;
    Py_ssize_t document_index;
} diagnostic;

PyObject *gbo_py_diagnostic_new(gbo_py_state *st, const gbo_diagnostic *d, PyObject *file, size_t index)
{
    diagnostic *self = PyObject_New(diagnostic, st->diagnostic_type);
    if (!self)
        return NULL;
    self->file = Py_NewRef(file ? file : Py_None);
    self->line = gbo_diagnostic_line(d);
    self->column = gbo_diagnostic_column(d);
    self->document_index = (Py_ssize_t)index;
    self->severity = self->path = self->message = NULL;
    if (!(self->rule = PyUnicode_FromString(gbo_diagnostic_rule(d))) ||
        !(self->severity = PyUnicode_FromString(gbo_severity_name(gbo_diagnostic_severity(d)))) ||
        !(self->path = PyUnicode_FromString(gbo_diagnostic_path(d))) ||
        !(self->message = PyUnicode_FromString(gbo_diagnostic_message(d)))) {
        Py_DECREF(self);
        return NULL;
    }
    return (PyObject *)self;
}

PyObject *gbo_py_diagnostic_list(gbo_py_state *st, const gbo_diagnostics *diags, PyObject *file, size_t index)
{
    size_t n = diags ? gbo_diagnostics_count(diags) : 0;
    PyObject *list = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; list && i < n; i++) {
        PyObject *d = gbo_py_diagnostic_new(st, gbo_diagnostics_at(diags, i), file, index);
        if (!d)
            Py_CLEAR(list);
        else
            PyList_SET_ITEM(list, (Py_ssize_t)i, d);
    }
    return list;
}

static void dealloc(diagnostic *self)
{
    PyTypeObject *type = Py_TYPE(self);
    Py_XDECREF(self->rule);
    Py_XDECREF(self->severity);
    Py_XDECREF(self->path);
    Py_XDECREF(self->message);
    Py_XDECREF(self->file);
    type->tp_free(self);
    Py_DECREF(type);
}

/* FILE:LINE:COL: SEVERITY: RULE: MESSAGE (PATH) [item N], as `gbo validate`
 * prints it; FILE is "-" for data and file objects, as for standard input. */
static PyObject *str(diagnostic *self)
{
    PyObject *file = self->file == Py_None ? PyUnicode_FromString("-") : Py_NewRef(self->file), *text;
    if (!file)
        return NULL;
    text = PyUnicode_FromFormat("%U:%lu:%lu: %U: %U: %U", file, self->line, self->column, self->severity, self->rule,
                                self->message);
    Py_DECREF(file);
    if (text && PyUnicode_GetLength(self->path) > 0)
        Py_SETREF(text, PyUnicode_FromFormat("%U (%U)", text, self->path));
    if (text && self->document_index)
        Py_SETREF(text, PyUnicode_FromFormat("%U [item %zd]", text, self->document_index));
    return text;
}

static PyObject *repr(diagnostic *self)
{
    return PyUnicode_FromFormat("Diagnostic(rule=%R, severity=%R, line=%lu, column=%lu, path=%R, message=%R, "
                                "file=%R, document_index=%zd)",
                                self->rule, self->severity, self->line, self->column, self->path, self->message,
                                self->file, self->document_index);
}

static PyObject *as_tuple(diagnostic *self)
{
    return Py_BuildValue("(OOkkOOOn)", self->rule, self->severity, self->line, self->column, self->path,
                         self->message, self->file, self->document_index);
}

static PyObject *richcompare(PyObject *a, PyObject *b, int op)
{
    PyObject *ta, *tb, *result;
    if ((op != Py_EQ && op != Py_NE) || Py_TYPE(a) != Py_TYPE(b))
        Py_RETURN_NOTIMPLEMENTED;
    ta = as_tuple((diagnostic *)a);
    tb = ta ? as_tuple((diagnostic *)b) : NULL;
    result = tb ? PyObject_RichCompare(ta, tb, op) : NULL;
    Py_XDECREF(ta);
    Py_XDECREF(tb);
    return result;
}

static Py_hash_t hash(diagnostic *self)
{
    PyObject *t = as_tuple(self);
    Py_hash_t h = t ? PyObject_Hash(t) : -1;
    Py_XDECREF(t);
    return h;
}

static PyMemberDef members[] = {
    { "rule", T_OBJECT, offsetof(diagnostic, rule), READONLY, "The rule id, such as 'GBO-X001'." },
    { "severity", T_OBJECT, offsetof(diagnostic, severity), READONLY, "'error' or 'warning'." },
    { "line", T_ULONG, offsetof(diagnostic, line), READONLY, "1-based line in the input; 0 when none." },
    { "column", T_ULONG, offsetof(diagnostic, column), READONLY, "1-based column; 0 when unknown." },
    { "path", T_OBJECT, offsetof(diagnostic, path), READONLY,
      "Where in the document, such as '/exchange/referral[1]/kind'; '' for the whole input." },
    { "message", T_OBJECT, offsetof(diagnostic, message), READONLY,
      "The message, in the validator's language; it never quotes a person's data." },
    { "file", T_OBJECT, offsetof(diagnostic, file), READONLY, "The path validated; None for data or a file object." },
    { "document_index", T_PYSSIZET, offsetof(diagnostic, document_index), READONLY,
      "0 for a single document; a bundle item's 1-based index." },
    { NULL, 0, 0, 0, NULL }
};

static PyType_Slot slots[] = {
    { Py_tp_doc, "One finding of the validator (immutable). str() gives gbo validate's text line." },
    { Py_tp_dealloc, dealloc },
    { Py_tp_str, str },
    { Py_tp_repr, repr },
    { Py_tp_richcompare, richcompare },
    { Py_tp_hash, hash },
    { Py_tp_members, members },
    { 0, NULL }
};

PyType_Spec gbo_py_diagnostic_spec = {
    .name = "gbo.Diagnostic",
    .basicsize = sizeof(diagnostic),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = slots,
};
