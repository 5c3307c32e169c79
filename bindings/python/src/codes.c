/* gbo._gbo: gbo.Codes — the code lists a validator checks codes against: the
 * built-in lists and a network's extensions. Immutable once made, so it may
 * be shared between validators and threads. */
#include "gbo_module.h"

#include <errno.h>

typedef struct codes {
    PyObject_HEAD
    gbo_codeset *codeset;
} codes;

const gbo_codeset *gbo_py_codes_codeset(PyObject *obj)
{
    return ((codes *)obj)->codeset;
}

/* Load one extension source; false with an exception. */
static int load(gbo_py_state *st, gbo_codeset *codeset, PyObject *obj)
{
    gbo_py_source src;
    gbo_error err;
    gbo_status status;
    int saved = 0;
    if (!gbo_py_source_init(&src, obj))
        return 0;
    if (src.kind == GBO_PY_FILE) {
        gbo_py_source_clear(&src);
        PyErr_SetString(PyExc_TypeError, "an extension is a path or bytes-like data");
        return 0;
    }
    Py_BEGIN_ALLOW_THREADS
    errno = 0;
    status = src.kind == GBO_PY_PATH
                 ? gbo_codeset_load_extension_file(codeset, PyBytes_AS_STRING(src.path), &err)
                 : gbo_codeset_load_extension_memory(codeset, src.view.buf, (size_t)src.view.len, &err);
    saved = errno;
    Py_END_ALLOW_THREADS
    if (status != GBO_OK) {
        if (status == GBO_E_PARSE || status == GBO_E_CONFLICT || status == GBO_E_NOT_FOUND)
            PyErr_Format(st->error, "extension %R: %s", src.name ? src.name : Py_None, err.message);
        else
            gbo_py_raise(st, &err, saved, src.name, NULL);
    }
    gbo_py_source_clear(&src);
    return status == GBO_OK;
}

PyObject *gbo_py_codes_with(gbo_py_state *st, PyObject *extensions)
{
    codes *self;
    PyObject *it, *item;
    gbo_error err;
    if (!(it = PyObject_GetIter(extensions)))
        return NULL;
    if (!(self = PyObject_New(codes, st->codes_type))) {
        Py_DECREF(it);
        return NULL;
    }
    if (!(self->codeset = gbo_codeset_new(&err))) {
        Py_DECREF(it);
        Py_DECREF(self);
        return PyErr_NoMemory();
    }
    while ((item = PyIter_Next(it))) {
        int ok = load(st, self->codeset, item);
        Py_DECREF(item);
        if (!ok)
            break;
    }
    Py_DECREF(it);
    if (PyErr_Occurred()) {
        Py_DECREF(self);
        return NULL;
    }
    return (PyObject *)self;
}

static PyObject *codes_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = { "extensions", NULL };
    PyObject *extensions = NULL, *empty, *result;
    gbo_py_state *st = gbo_py_state_of_type(type);
    if (!st || !PyArg_ParseTupleAndKeywords(args, kwargs, "|O:Codes", keywords, &extensions))
        return NULL;
    if (extensions) {
        if (PyUnicode_Check(extensions) || PyObject_CheckBuffer(extensions)) {
            PyErr_SetString(PyExc_TypeError, "extensions is an iterable of paths or bytes, not one");
            return NULL;
        }
        return gbo_py_codes_with(st, extensions);
    }
    if (!(empty = PyTuple_New(0)))
        return NULL;
    result = gbo_py_codes_with(st, empty);
    Py_DECREF(empty);
    return result;
}

static void codes_dealloc(codes *self)
{
    PyTypeObject *type = Py_TYPE(self);
    gbo_codeset_free(self->codeset);
    type->tp_free(self);
    Py_DECREF(type);
}

static PyObject *get_extensions(codes *self, void *closure)
{
    size_t n = gbo_codeset_extension_count(self->codeset);
    PyObject *t = PyTuple_New((Py_ssize_t)n);
    (void)closure;
    for (size_t i = 0; t && i < n; i++) {
        PyObject *pair = Py_BuildValue("(ss)", gbo_codeset_extension_id(self->codeset, i),
                                       gbo_codeset_extension_version(self->codeset, i));
        if (!pair)
            Py_CLEAR(t);
        else
            PyTuple_SET_ITEM(t, (Py_ssize_t)i, pair);
    }
    return t;
}

static PyObject *get_version(codes *self, void *closure)
{
    (void)closure;
    return PyUnicode_FromString(gbo_codeset_version(self->codeset));
}

static PyGetSetDef getset[] = {
    { "version", (getter)get_version, NULL, "The version of the built-in lists, such as '2026.1'.", NULL },
    { "extensions", (getter)get_extensions, NULL, "The extensions loaded: (id, version) pairs, in load order.",
      NULL },
    { NULL, NULL, NULL, NULL, NULL }
};

static PyType_Slot slots[] = {
    { Py_tp_doc, "Codes(extensions=())\n--\n\n"
                 "The built-in code lists and a network's extensions (paths or bytes), for a Validator.\n"
                 "Immutable: share it between validators and threads." },
    { Py_tp_new, codes_new },
    { Py_tp_dealloc, codes_dealloc },
    { Py_tp_getset, getset },
    { 0, NULL }
};

PyType_Spec gbo_py_codes_spec = {
    .name = "gbo.Codes",
    .basicsize = sizeof(codes),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = slots,
};
