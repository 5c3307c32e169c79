/* gbo._gbo: gbo.Validator — libgbo's validator, immutable once made (its
 * code lists, context, limits and language), so any number of threads may
 * validate with one. Every validation runs on the library's batch call with
 * the GIL released; results come back in input order. */
#include "gbo_module.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct validator {
    PyObject_HEAD
    gbo_validator *v;
    PyObject *codes; /* the gbo.Codes the validator borrows, or NULL for the built-in lists */
    gbo_lang lang;
} validator;

/* ---- the context ---------------------------------------------------------- */

typedef struct context_read {
    gbo_validator *v;
    const gbo_limits *limits;
    gbo_diagnostics *diags;
    gbo_error err;
    int saved_errno;
} context_read;

/* Whether the document at `path` is a bundle, from its first 64 KiB (the
 * file is read again after: it must be a regular file). */
static bool file_is_bundle(const char *path)
{
    enum { HEAD = 65536 };
    char *buf = PyMem_RawMalloc(HEAD);
    FILE *f;
    size_t n = 0;
    bool bundle = false;
    if (buf && (f = fopen(path, "rb"))) {
        n = fread(buf, 1, HEAD, f);
        fclose(f);
        bundle = gbo_is_bundle(buf, n);
    }
    PyMem_RawFree(buf);
    return bundle;
}

/* Read a context source (GIL released) and add its documents. */
static gbo_status read_context(context_read *c, const gbo_py_source *src)
{
    const char *path = src->kind == GBO_PY_PATH ? PyBytes_AS_STRING(src->path) : NULL;
    const char *data = src->view.buf;
    size_t size = (size_t)src->view.len;
    gbo_entity *doc = NULL;
    gbo_status status;
    errno = 0;
    if (path ? file_is_bundle(path) : gbo_is_bundle(data, size < 65536 ? size : 65536)) {
        gbo_bundle_reader *b = path ? gbo_bundle_open_file(path, c->limits, &c->err)
                                    : gbo_bundle_open_memory(data, size, c->limits, &c->err);
        status = b ? GBO_OK : c->err.status;
        while (b && (status = gbo_bundle_next(b, &doc, c->diags, &c->err)) == GBO_OK && doc) {
            status = gbo_validator_add_context(c->v, doc, &c->err);
            gbo_entity_free(doc);
            doc = NULL;
            if (status != GBO_OK)
                break;
        }
        gbo_bundle_close(b);
    } else {
        status = path ? gbo_exchange_read_file(path, c->limits, &doc, c->diags, &c->err)
                      : gbo_exchange_read_memory(data, size, c->limits, &doc, c->diags, &c->err);
        if (status == GBO_OK)
            status = gbo_validator_add_context(c->v, doc, &c->err);
        gbo_entity_free(doc);
    }
    c->saved_errno = errno;
    return status;
}

static int add_context(gbo_py_state *st, validator *self, const gbo_limits *limits, PyObject *sources)
{
    PyObject *it = PyObject_GetIter(sources), *item;
    if (!it)
        return 0;
    while ((item = PyIter_Next(it))) {
        context_read c = { self->v, limits, gbo_diagnostics_new(NULL), { 0 }, 0 };
        gbo_py_source src;
        gbo_status status;
        int ok = gbo_py_source_init(&src, item);
        Py_DECREF(item);
        if (ok && src.kind == GBO_PY_FILE) {
            PyErr_SetString(PyExc_TypeError, "a context document is a path or bytes-like data");
            ok = 0;
        }
        if (ok && src.kind == GBO_PY_PATH) {
            struct stat info;
            if (stat(PyBytes_AS_STRING(src.path), &info) != 0) {
                PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, src.name);
                ok = 0;
            } else if (!S_ISREG(info.st_mode)) {
                PyErr_Format(PyExc_ValueError, "a context document %R is not a regular file (pass its bytes)",
                             src.name);
                ok = 0;
            }
        }
        if (ok && !c.diags) {
            PyErr_NoMemory();
            ok = 0;
        }
        if (ok) {
            gbo_diagnostics_set_lang(c.diags, self->lang);
            Py_BEGIN_ALLOW_THREADS
            status = read_context(&c, &src);
            Py_END_ALLOW_THREADS
            if (status != GBO_OK) {
                gbo_py_raise(st, &c.err, c.saved_errno, src.name, c.diags);
                ok = 0;
            }
        }
        gbo_diagnostics_free(c.diags);
        gbo_py_source_clear(&src);
        if (!ok)
            break;
    }
    Py_DECREF(it);
    return !PyErr_Occurred();
}

/* ---- construction ------------------------------------------------------------ */

static PyObject *validator_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = { "codes", "context", "extensions", "lang", "limits", NULL };
    PyObject *codes = Py_None, *context = NULL, *extensions = NULL, *lang = Py_None, *limits_obj = Py_None;
    gbo_py_state *st = gbo_py_state_of_type(type);
    validator *self;
    gbo_limits limits;
    gbo_error err;

    if (!st || !PyArg_ParseTupleAndKeywords(args, kwargs, "|$OOOOO:Validator", keywords, &codes, &context,
                                            &extensions, &lang, &limits_obj))
        return NULL;
    if (codes != Py_None && !PyObject_TypeCheck(codes, st->codes_type))
        return PyErr_Format(PyExc_TypeError, "codes must be a gbo.Codes or None, not %.100s", Py_TYPE(codes)->tp_name);
    for (PyObject **many = (PyObject *[]){ context, extensions }, **end = many + 2; many < end; many++)
        if (*many && (PyUnicode_Check(*many) || PyObject_CheckBuffer(*many)))
            return PyErr_Format(PyExc_TypeError, "context and extensions are iterables of sources, not one");
    if (extensions && !(extensions = PySequence_Tuple(extensions)))
        return NULL;
    if (extensions && codes != Py_None && PyTuple_GET_SIZE(extensions)) {
        Py_DECREF(extensions);
        return PyErr_Format(PyExc_ValueError, "give codes or extensions, not both");
    }
    if (!(self = (validator *)type->tp_alloc(type, 0))) {
        Py_XDECREF(extensions);
        return NULL;
    }
    if (!gbo_py_lang(lang, &self->lang) || !gbo_py_limits(limits_obj, &limits))
        goto fail;
    if (codes != Py_None)
        self->codes = Py_NewRef(codes);
    else if (extensions && PyTuple_GET_SIZE(extensions) && !(self->codes = gbo_py_codes_with(st, extensions)))
        goto fail;
    if (!(self->v = gbo_validator_new(self->codes ? gbo_py_codes_codeset(self->codes) : NULL, &err))) {
        gbo_py_raise(st, &err, 0, NULL, NULL);
        goto fail;
    }
    gbo_validator_set_limits(self->v, &limits);
    if (context && !add_context(st, self, &limits, context))
        goto fail;
    Py_XDECREF(extensions);
    return (PyObject *)self;
fail:
    Py_XDECREF(extensions);
    Py_DECREF(self);
    return NULL;
}

static void validator_dealloc(validator *self)
{
    PyTypeObject *type = Py_TYPE(self);
    gbo_validator_free(self->v);
    Py_XDECREF(self->codes);
    type->tp_free(self);
    Py_DECREF(type);
}

/* ---- validating ------------------------------------------------------------------ */

/* What one document or bundle item gave, kept without the GIL until the
 * next batch is turned into Python objects. */
typedef struct kept {
    size_t input, index;
    gbo_diagnostics *diags;
} kept;

#define BATCH 1024 /* results between two takings of the GIL */

typedef struct run {
    gbo_py_state *st;
    gbo_py_source *sources;
    PyObject *results;          /* one list of diagnostics per source */
    gbo_py_unlocked unlocked;
    kept batch[BATCH];
    size_t nbatch;
    Py_ssize_t failed;          /* the first source that could not be examined, or -1 */
    gbo_error failure;
} run;

/* With the GIL: the kept results into their lists. 0, or -1 with an exception. */
static int flush(run *r)
{
    int rc = 0;
    for (size_t k = 0; k < r->nbatch; k++) {
        kept *b = &r->batch[k];
        if (rc == 0) {
            PyObject *list = gbo_py_diagnostic_list(r->st, b->diags, r->sources[b->input].name, b->index);
            PyObject *into = PyList_GET_ITEM(r->results, (Py_ssize_t)b->input);
            if (!list || PyList_SetSlice(into, PyList_GET_SIZE(into), PyList_GET_SIZE(into), list) < 0)
                rc = -1;
            Py_XDECREF(list);
        }
        gbo_diagnostics_free(b->diags);
    }
    r->nbatch = 0;
    return rc;
}

/* Called without the GIL, on this thread, in input order. */
static int on_result(void *user, gbo_result *res)
{
    run *r = user;
    int stop = 0;
    if (gbo_result_status(res) != GBO_OK) {
        if (r->failed < 0) {
            r->failed = (Py_ssize_t)gbo_result_input(res);
            r->failure = *gbo_result_error(res);
            r->failure.status = gbo_result_status(res);
        }
        return 0;
    }
    r->batch[r->nbatch].input = gbo_result_input(res);
    r->batch[r->nbatch].index = gbo_result_index(res);
    r->batch[r->nbatch].diags = gbo_result_take_diagnostics(res);
    if (!r->batch[r->nbatch++].diags) /* out of memory: it said so in the result */
        r->nbatch--;
    if (r->nbatch == BATCH) { /* take the GIL now and then: objects, and Ctrl-C */
        gbo_py_relock(&r->unlocked);
        stop = flush(r) < 0 || PyErr_CheckSignals() < 0;
        if (stop)
            gbo_py_keep_error(&r->unlocked);
        gbo_py_unlock(&r->unlocked);
    }
    return stop;
}

/* errno for a path that could not be read: open and read it again, without
 * waiting (a FIFO without a writer) and without the GIL. */
static int path_errno(const char *path)
{
    char byte;
    int fd, code = EIO;
    Py_BEGIN_ALLOW_THREADS
    fd = open(path, O_RDONLY | O_NONBLOCK);
    if (fd < 0)
        code = errno;
    else {
        if (read(fd, &byte, 1) < 0 && errno != EAGAIN)
            code = errno;
        close(fd);
    }
    Py_END_ALLOW_THREADS
    return code;
}

/* Validate the sources of tuple `seq`. */
static PyObject *validate_sources(validator *self, PyObject *seq, unsigned jobs)
{
    gbo_py_state *st = gbo_py_state_of_type(Py_TYPE(self));
    Py_ssize_t n = PyTuple_GET_SIZE(seq), ready = 0;
    gbo_py_reader *readers = NULL;
    gbo_inputs *inputs = NULL;
    gbo_status status = GBO_OK;
    gbo_error err;
    run *r = PyMem_Calloc(1, sizeof *r); /* a batch of results: too large for the stack */
    PyObject *results;

    if (!r)
        return PyErr_NoMemory();
    r->st = st;
    r->failed = -1;
    if (!st)
        goto done;
    r->sources = PyMem_Calloc((size_t)n + 1, sizeof *r->sources);
    readers = PyMem_Calloc((size_t)n + 1, sizeof *readers);
    if (!r->sources || !readers || !(r->results = PyList_New(n))) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *empty = PyList_New(0);
        if (!empty)
            goto done;
        PyList_SET_ITEM(r->results, i, empty);
    }
    for (; ready < n; ready++)
        if (!gbo_py_source_init(&r->sources[ready], PyTuple_GET_ITEM(seq, ready)))
            goto done;
    if (!(inputs = gbo_inputs_new(&err))) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; status == GBO_OK && i < n; i++) {
        gbo_py_source *s = &r->sources[i];
        readers[i].file = s->file;
        readers[i].unlocked = &r->unlocked;
        status = s->kind == GBO_PY_PATH     ? gbo_inputs_add_file(inputs, PyBytes_AS_STRING(s->path), &err)
                 : s->kind == GBO_PY_BUFFER ? gbo_inputs_add_memory(inputs, s->view.buf, (size_t)s->view.len, &err)
                                            : gbo_inputs_add_io(inputs, gbo_py_read, &readers[i], &err);
    }
    if (status == GBO_OK) {
        gbo_py_unlock(&r->unlocked);
        status = gbo_validate_many(self->v, inputs, jobs, self->lang, on_result, r, &err);
        gbo_py_relock(&r->unlocked);
    }
    if (flush(r) < 0)
        gbo_py_keep_error(&r->unlocked);
    if (gbo_py_restore_error(&r->unlocked))
        goto done;
    if (status != GBO_OK) {
        gbo_py_raise(st, &err, 0, NULL, NULL);
        goto done;
    }
    if (r->failed >= 0) {
        gbo_py_source *s = &r->sources[r->failed];
        int code = r->failure.status == GBO_E_IO && s->kind == GBO_PY_PATH ? path_errno(PyBytes_AS_STRING(s->path)) : 0;
        gbo_py_raise(st, &r->failure, code, s->name, NULL);
    }
done:
    gbo_inputs_free(inputs);
    for (Py_ssize_t i = 0; i < ready; i++)
        gbo_py_source_clear(&r->sources[i]);
    PyMem_Free(r->sources);
    PyMem_Free(readers);
    if (PyErr_Occurred())
        Py_CLEAR(r->results);
    results = r->results;
    PyMem_Free(r);
    return results;
}

static PyObject *validate(validator *self, PyObject *source)
{
    PyObject *one = PyTuple_Pack(1, source), *results, *diags = NULL;
    if (!one)
        return NULL;
    results = validate_sources(self, one, 1);
    Py_DECREF(one);
    if (results)
        diags = Py_NewRef(PyList_GET_ITEM(results, 0));
    Py_XDECREF(results);
    return diags;
}

static PyObject *validate_many(validator *self, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = { "sources", "jobs", NULL };
    PyObject *sources, *jobs_obj = Py_None, *seq, *results;
    unsigned long jobs = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|O:validate_many", keywords, &sources, &jobs_obj))
        return NULL;
    if (jobs_obj != Py_None) {
        if (!PyLong_Check(jobs_obj))
            return PyErr_Format(PyExc_TypeError, "jobs must be an int or None, not %.100s", Py_TYPE(jobs_obj)->tp_name);
        jobs = PyLong_AsUnsignedLong(jobs_obj);
        if ((jobs == (unsigned long)-1 && PyErr_Occurred()) || jobs == 0 || jobs > 1024) {
            PyErr_Clear();
            return PyErr_Format(PyExc_ValueError, "jobs must be between 1 and 1024, or None for every core");
        }
    }
    if (PyUnicode_Check(sources) || PyObject_CheckBuffer(sources))
        return PyErr_Format(PyExc_TypeError, "validate_many takes an iterable of sources; validate takes one");
    if (!(seq = PySequence_Tuple(sources))) /* our own: a source's __fspath__ may change the caller's list */
        return NULL;
    results = validate_sources(self, seq, (unsigned)jobs);
    Py_DECREF(seq);
    return results;
}

static PyObject *get_lang(validator *self, void *closure)
{
    (void)closure;
    return PyUnicode_FromString(gbo_lang_tag(self->lang));
}

static PyObject *get_codes(validator *self, void *closure)
{
    (void)closure;
    return Py_NewRef(self->codes ? self->codes : Py_None);
}

static PyMethodDef methods[] = {
    { "validate", (PyCFunction)validate, METH_O,
      "validate($self, source, /)\n--\n\n"
      "Validate one document or bundle: a path, bytes-like data or a binary file object\n"
      "(read as needed, never whole). Every finding, errors and warnings alike, in document order." },
    { "validate_many", (PyCFunction)(void (*)(void))validate_many, METH_VARARGS | METH_KEYWORDS,
      "validate_many($self, /, sources, jobs=None)\n--\n\n"
      "Validate many sources on `jobs` threads (None: every core); one list per source, in input order." },
    { NULL, NULL, 0, NULL }
};

static PyGetSetDef getset[] = {
    { "lang", (getter)get_lang, NULL, "The language of the messages: 'nl', 'fr', 'de' or 'en'.", NULL },
    { "codes", (getter)get_codes, NULL, "The gbo.Codes checked against, or None for the built-in lists.", NULL },
    { NULL, NULL, NULL, NULL, NULL }
};

static PyType_Slot slots[] = {
    { Py_tp_doc, "Validator(*, codes=None, context=(), extensions=(), lang=None, limits=None)\n--\n\n"
                 "Validates exchange documents and bundles: the schema, then every rule.\n"
                 "codes: a gbo.Codes; extensions: a network's code-list extensions (paths or bytes);\n"
                 "context: earlier documents (paths or bytes) that external references resolve against;\n"
                 "lang: 'nl', 'fr', 'de' or 'en' (None: the locale's); limits: a gbo.Limits.\n"
                 "Immutable once made: share it between threads." },
    { Py_tp_new, validator_new },
    { Py_tp_dealloc, validator_dealloc },
    { Py_tp_methods, methods },
    { Py_tp_getset, getset },
    { 0, NULL }
};

PyType_Spec gbo_py_validator_spec = {
    .name = "gbo.Validator",
    .basicsize = sizeof(validator),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = slots,
};
