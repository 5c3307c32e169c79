/* gbo._gbo: gbo.Exchange, one exchange document read into libgbo's model,
 * and gbo.parse(). to_xml() is the canonical form, the bytes `gbo format`
 * writes. */
#include "gbo_module.h"

#include <errno.h>

typedef struct exchange {
    PyObject_HEAD
    gbo_entity *doc;
} exchange;

PyObject *gbo_py_parse(PyObject *module, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = { "source", "limits", NULL };
    gbo_py_state *st = gbo_py_state_of_module(module);
    PyObject *source, *limits_obj = Py_None;
    gbo_py_source src;
    gbo_py_unlocked unlocked = { NULL, NULL, NULL, NULL };
    gbo_py_reader reader;
    gbo_diagnostics *diags;
    gbo_entity *doc = NULL;
    gbo_limits limits;
    gbo_error err;
    gbo_status status;
    exchange *self = NULL;
    int saved;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|$O:parse", keywords, &source, &limits_obj) ||
        !gbo_py_limits(limits_obj, &limits) || !gbo_py_source_init(&src, source))
        return NULL;
    if (!(diags = gbo_diagnostics_new(&err))) {
        gbo_py_source_clear(&src);
        return PyErr_NoMemory();
    }
    reader.file = src.file;
    reader.unlocked = &unlocked;
    gbo_py_unlock(&unlocked);
    errno = 0;
    status = src.kind == GBO_PY_PATH ? gbo_exchange_read_file(PyBytes_AS_STRING(src.path), &limits, &doc, diags, &err)
             : src.kind == GBO_PY_BUFFER
                 ? gbo_exchange_read_memory(src.view.buf, (size_t)src.view.len, &limits, &doc, diags, &err)
                 : gbo_exchange_read_io(gbo_py_read, &reader, &limits, &doc, diags, &err);
    saved = errno;
    gbo_py_relock(&unlocked);
    if (!gbo_py_restore_error(&unlocked)) {
        if (status != GBO_OK)
            gbo_py_raise(st, &err, saved, src.name, diags);
        else {
            self = (exchange *)gbo_py_exchange_new(st, doc);
            doc = NULL;
        }
    }
    gbo_entity_free(doc);
    gbo_diagnostics_free(diags);
    gbo_py_source_clear(&src);
    return (PyObject *)self;
}

PyObject *gbo_py_exchange_new(gbo_py_state *st, gbo_entity *doc)
{
    exchange *self = PyObject_New(exchange, st->exchange_type);
    if (!self) {
        gbo_entity_free(doc);
        return NULL;
    }
    self->doc = doc;
    return (PyObject *)self;
}

static void exchange_dealloc(exchange *self)
{
    PyTypeObject *type = Py_TYPE(self);
    gbo_entity_free(self->doc);
    type->tp_free(self);
    Py_DECREF(type);
}

static PyObject *to_xml(exchange *self, PyObject *unused)
{
    gbo_py_state *st = gbo_py_state_of_type(Py_TYPE(self));
    gbo_diagnostics *diags = gbo_diagnostics_new(NULL);
    char *out = NULL;
    size_t size = 0;
    gbo_error err;
    gbo_status status;
    PyObject *bytes = NULL;
    (void)unused;
    if (!st)
        return NULL;
    if (!diags)
        return PyErr_NoMemory();
    Py_BEGIN_ALLOW_THREADS
    status = gbo_exchange_write_checked(self->doc, NULL, &out, &size, diags, &err);
    Py_END_ALLOW_THREADS
    if (status != GBO_OK)
        gbo_py_raise(st, &err, 0, NULL, diags);
    else
        bytes = PyBytes_FromStringAndSize(out, (Py_ssize_t)size);
    gbo_free(out);
    gbo_diagnostics_free(diags);
    return bytes;
}

static PyMethodDef methods[] = {
    { "to_xml", (PyCFunction)to_xml, METH_NOARGS,
      "to_xml($self, /)\n--\n\n"
      "The document in canonical form (what `gbo format` writes). Raises DocumentError when\n"
      "the consent does not cover a person's data it carries." },
    { NULL, NULL, 0, NULL }
};

static PyType_Slot slots[] = {
    { Py_tp_doc, "One exchange document, read by gbo.parse()." },
    { Py_tp_dealloc, exchange_dealloc },
    { Py_tp_methods, methods },
    { 0, NULL }
};

PyType_Spec gbo_py_exchange_spec = {
    .name = "gbo.Exchange",
    .basicsize = sizeof(exchange),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = slots,
};
