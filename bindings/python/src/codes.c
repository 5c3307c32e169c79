/* gbo._gbo: gbo.Codes — the code lists a validator checks codes against: the
 * built-in lists and a network's extensions. Immutable once made, so it may
 * be shared between validators and threads. */
#include "gbo_module.h"

#include <errno.h>
#include <string.h>

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

static PyStructSequence_Field code_fields[] = {
    { "value", "The code, such as 'housing'." },
    { "label", "Its label in the language asked for." },
    { "definition", "Its definition in that language, else in English." },
    { "valid_from", "The first day it is valid (datetime.date)." },
    { "valid_until", "The last day it is valid, or None when it has no end." },
    { "origin", "The code-list file that defined it: the built-in id or an extension's." },
    { NULL, NULL }
};

PyStructSequence_Desc gbo_py_code_desc = {
    "gbo.Code", "One code of a list: (value, label, definition, valid_from, valid_until, origin).", code_fields, 6
};

static PyObject *date_of(gbo_py_state *st, gbo_date d)
{
    return PyObject_CallFunction(st->date_type, "iii", d.year, d.month, d.day);
}

static PyObject *code_of(gbo_py_state *st, const gbo_code *code, gbo_lang lang)
{
    PyObject *item = PyStructSequence_New(st->code_type);
    gbo_date until;
    const char *definition = gbo_code_definition(code, lang), *label = gbo_code_label(code, lang);
    PyObject *value;
    if (!item)
        return NULL;
    for (Py_ssize_t i = 0; i < 6; i++) { /* in order, stopping at the first failure */
        switch (i) {
        case 0: value = PyUnicode_FromString(gbo_code_value(code)); break;
        case 1: value = PyUnicode_FromString(label ? label : gbo_code_value(code)); break;
        case 2: value = definition ? PyUnicode_FromString(definition) : Py_NewRef(Py_None); break;
        case 3: value = date_of(st, gbo_code_valid_from(code)); break;
        case 4: value = gbo_code_valid_until(code, &until) ? date_of(st, until) : Py_NewRef(Py_None); break;
        default: value = PyUnicode_FromString(gbo_code_origin(code)); break;
        }
        if (!value) {
            Py_DECREF(item);
            return NULL;
        }
        PyStructSequence_SET_ITEM(item, i, value);
    }
    return item;
}

/* The codes of `list` in `codeset`, sorted by label in `lang`. */
static PyObject *sorted_codes(gbo_py_state *st, const gbo_codeset *codeset, PyObject *list_obj, PyObject *lang_obj)
{
    const gbo_code **sorted = NULL;
    const char *list;
    size_t n = 0;
    gbo_lang lang;
    gbo_error err;
    gbo_status status;
    PyObject *result;
    if (!PyUnicode_Check(list_obj))
        return PyErr_Format(PyExc_TypeError, "a code list is named by a str, not %.100s", Py_TYPE(list_obj)->tp_name);
    {
        Py_ssize_t size;
        if (!(list = PyUnicode_AsUTF8AndSize(list_obj, &size)) || !gbo_py_lang(lang_obj, &lang))
            return NULL;
        if ((size_t)size != strlen(list))
            return PyErr_Format(PyExc_ValueError, "no code list %R", list_obj);
    }
    Py_BEGIN_ALLOW_THREADS
    status = gbo_codeset_sorted(codeset, list, lang, &sorted, &n, &err);
    Py_END_ALLOW_THREADS
    if (status == GBO_E_NOT_FOUND || status == GBO_E_INVALID_ARG)
        return PyErr_Format(PyExc_ValueError, "no code list %R", list_obj);
    if (status != GBO_OK)
        return gbo_py_raise(st, &err, 0, NULL, NULL);
    result = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; result && i < n; i++) {
        PyObject *code = code_of(st, sorted[i], lang);
        if (!code)
            Py_CLEAR(result);
        else
            PyList_SET_ITEM(result, (Py_ssize_t)i, code);
    }
    gbo_free(sorted);
    return result;
}

PyObject *gbo_py_codes_list(PyObject *module, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = { "list", "lang", NULL };
    PyObject *list, *lang = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|O:codes", keywords, &list, &lang))
        return NULL;
    return sorted_codes(gbo_py_state_of_module(module), gbo_codeset_builtin(NULL), list, lang);
}

static PyObject *codes_list(codes *self, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = { "list", "lang", NULL };
    PyObject *list, *lang = Py_None;
    gbo_py_state *st = gbo_py_state_of_type(Py_TYPE(self));
    if (!st || !PyArg_ParseTupleAndKeywords(args, kwargs, "O|O:list", keywords, &list, &lang))
        return NULL;
    return sorted_codes(st, self->codeset, list, lang);
}

static PyObject *get_lists(codes *self, void *closure)
{
    size_t n = gbo_codeset_list_count(self->codeset);
    PyObject *t = PyTuple_New((Py_ssize_t)n);
    (void)closure;
    for (size_t i = 0; t && i < n; i++) {
        PyObject *id = PyUnicode_FromString(gbo_codeset_list_id(self->codeset, i));
        if (!id)
            Py_CLEAR(t);
        else
            PyTuple_SET_ITEM(t, (Py_ssize_t)i, id);
    }
    return t;
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
    { "lists", (getter)get_lists, NULL, "The code lists' names, in file order.", NULL },
    { NULL, NULL, NULL, NULL, NULL }
};

static PyMethodDef methods[] = {
    { "list", (PyCFunction)(void (*)(void))codes_list, METH_VARARGS | METH_KEYWORDS,
      "list($self, /, list, lang=None)\n--\n\n"
      "The codes of `list`, sorted by their label in `lang` with ICU collation (as `gbo codes`)." },
    { NULL, NULL, 0, NULL }
};

static PyType_Slot slots[] = {
    { Py_tp_doc, "Codes(extensions=())\n--\n\n"
                 "The built-in code lists and a network's extensions (paths or bytes), for a Validator.\n"
                 "Immutable: share it between validators and threads." },
    { Py_tp_new, codes_new },
    { Py_tp_dealloc, codes_dealloc },
    { Py_tp_getset, getset },
    { Py_tp_methods, methods },
    { 0, NULL }
};

PyType_Spec gbo_py_codes_spec = {
    .name = "gbo.Codes",
    .basicsize = sizeof(codes),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = slots,
};
