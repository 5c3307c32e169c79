/* gbo._gbo: gbo.open_bundle() — a bundle's items one by one, in constant
 * memory (a file object is read through the library's callback reader). A
 * refused item is an item with diagnostics and no exchange; a broken bundle
 * (not well-formed, not a bundle) raises DocumentError. One lock per bundle
 * serialises threads that share it. */
#include "gbo_module.h"

#include <pythread.h>

#include <errno.h>
#include <string.h>

typedef struct bundle {
    PyObject_HEAD
    gbo_bundle_reader *reader;
    gbo_py_source src;        /* keeps the path, the buffer or the file object alive */
    gbo_py_reader io;         /* the file object's reader (its unlocked state below) */
    gbo_py_unlocked unlocked;
    gbo_lang lang;
    PyThread_type_lock lock;
    unsigned long owner;      /* the thread holding the lock, 0 when none */
    bool closed;
    bool finished;            /* ended by an error: nothing more to read */
} bundle;

static PyStructSequence_Field item_fields[] = {
    { "document_index", "The item's 1-based index in its bundle (as Diagnostic.document_index)." },
    { "exchange", "The item read (an Exchange), or None when it was refused." },
    { "diagnostics", "What reading found: why it was refused, or warnings (list of Diagnostic)." },
    { NULL, NULL }
};

PyStructSequence_Desc gbo_py_bundle_item_desc = {
    "gbo.BundleItem", "One item of a bundle: (document_index, exchange, diagnostics).", item_fields, 3
};

/* Take the bundle's lock without the GIL (the holder may need the GIL to
 * read); false with RuntimeError when this thread holds it already (a file
 * object's readinto() that uses its own bundle). */
static bool lock_bundle(bundle *self)
{
    unsigned long me = PyThread_get_thread_ident();
    if (self->owner == me) {
        PyErr_SetString(PyExc_RuntimeError, "reentrant call on a gbo.Bundle (from its own file object?)");
        return false;
    }
    if (!PyThread_acquire_lock(self->lock, NOWAIT_LOCK)) {
        Py_BEGIN_ALLOW_THREADS
        PyThread_acquire_lock(self->lock, WAIT_LOCK);
        Py_END_ALLOW_THREADS
    }
    self->owner = me;
    return true;
}

static void unlock_bundle(bundle *self)
{
    self->owner = 0;
    PyThread_release_lock(self->lock);
}

static void close_bundle(bundle *self)
{
    if (!self->closed) {
        gbo_bundle_close(self->reader);
        self->reader = NULL;
        gbo_py_source_clear(&self->src);
        self->closed = true;
    }
}

PyObject *gbo_py_open_bundle(PyObject *module, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = { "source", "limits", "lang", NULL };
    gbo_py_state *st = gbo_py_state_of_module(module);
    PyObject *source, *limits_obj = Py_None, *lang = Py_None;
    gbo_limits limits;
    gbo_error err;
    bundle *self;
    int saved;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|$OO:open_bundle", keywords, &source, &limits_obj, &lang))
        return NULL;
    if (!(self = (bundle *)st->bundle_type->tp_alloc(st->bundle_type, 0))) /* zeroed */
        return NULL;
    self->closed = true; /* until it is open */
    if (!gbo_py_limits(limits_obj, &limits) || !gbo_py_lang(lang, &self->lang) ||
        !gbo_py_source_init(&self->src, source)) {
        Py_DECREF(self);
        return NULL;
    }
    if (!(self->lock = PyThread_allocate_lock())) {
        gbo_py_source_clear(&self->src);
        Py_DECREF(self);
        return PyErr_NoMemory();
    }
    self->io.file = self->src.file;
    self->io.unlocked = &self->unlocked;
    gbo_py_unlock(&self->unlocked);
    errno = 0;
    self->reader = self->src.kind == GBO_PY_PATH
                       ? gbo_bundle_open_file(PyBytes_AS_STRING(self->src.path), &limits, &err)
                   : self->src.kind == GBO_PY_BUFFER
                       ? gbo_bundle_open_memory(self->src.view.buf, (size_t)self->src.view.len, &limits, &err)
                       : gbo_bundle_open_io(gbo_py_read, &self->io, &limits, &err);
    saved = errno;
    gbo_py_relock(&self->unlocked);
    if (gbo_py_restore_error(&self->unlocked) || !self->reader) {
        if (!PyErr_Occurred())
            gbo_py_raise(st, &err, saved, self->src.name, NULL);
        gbo_bundle_close(self->reader);
        gbo_py_source_clear(&self->src);
        Py_DECREF(self);
        return NULL;
    }
    self->closed = false;
    return (PyObject *)self;
}

/* The collector's view: a file object may hold its bundle (a cycle). */
static int bundle_traverse(bundle *self, visitproc visit, void *arg)
{
    Py_VISIT(Py_TYPE(self));
    Py_VISIT(self->src.file);
    Py_VISIT(self->src.view.obj);
    return 0;
}

/* Breaking a cycle closes the bundle (no thread is inside it: a call in
 * progress holds a reference). */
static int bundle_clear(bundle *self)
{
    close_bundle(self);
    return 0;
}

static void bundle_dealloc(bundle *self)
{
    PyTypeObject *type = Py_TYPE(self);
    PyObject_GC_UnTrack(self);
    close_bundle(self);
    if (self->lock)
        PyThread_free_lock(self->lock);
    type->tp_free(self);
    Py_DECREF(type);
}

static PyObject *item_of(gbo_py_state *st, size_t index, gbo_entity *doc, const gbo_diagnostics *diags,
                         PyObject *file)
{
    PyObject *item = PyStructSequence_New(st->bundle_item_type), *value;
    if (!item || !(value = PyLong_FromSize_t(index))) {
        Py_XDECREF(item);
        gbo_entity_free(doc);
        return NULL;
    }
    PyStructSequence_SET_ITEM(item, 0, value);
    if (!(value = doc ? gbo_py_exchange_new(st, doc) : Py_NewRef(Py_None))) { /* it freed doc */
        Py_DECREF(item);
        return NULL;
    }
    PyStructSequence_SET_ITEM(item, 1, value);
    if (!(value = gbo_py_diagnostic_list(st, diags, file, index))) {
        Py_DECREF(item);
        return NULL;
    }
    PyStructSequence_SET_ITEM(item, 2, value);
    return item;
}

static PyObject *bundle_next(bundle *self)
{
    gbo_py_state *st = gbo_py_state_of_type(Py_TYPE(self));
    gbo_diagnostics *diags;
    gbo_entity *doc = NULL;
    gbo_error err;
    gbo_status status;
    PyObject *result = NULL;
    bool broken;
    int saved;

    if (!st || !lock_bundle(self))
        return NULL;
    if (self->closed) {
        unlock_bundle(self);
        return PyErr_Format(PyExc_ValueError, "the bundle is closed");
    }
    if (gbo_py_restore_error(&self->unlocked) || self->finished) { /* kept from the item before; or ended */
        self->finished = true;
        unlock_bundle(self);
        return NULL;
    }
    if (!(diags = gbo_diagnostics_new(&err)) || gbo_diagnostics_set_lang(diags, self->lang) != GBO_OK) {
        gbo_diagnostics_free(diags);
        unlock_bundle(self);
        return PyErr_NoMemory();
    }
    gbo_py_unlock(&self->unlocked);
    errno = 0;
    status = gbo_bundle_next(self->reader, &doc, diags, &err);
    saved = errno;
    broken = gbo_bundle_failed(self->reader);
    gbo_py_relock(&self->unlocked);
    if (self->unlocked.exc_type && !(status == GBO_OK && doc)) { /* the file object failed */
        gbo_entity_free(doc);
        gbo_py_restore_error(&self->unlocked);
        self->finished = true;
    } else if (status == GBO_OK && !doc) {
        self->finished = true; /* the end: StopIteration */
    } else if (status == GBO_OK || (status == GBO_E_DOCUMENT && !broken)) {
        /* an item read whole before the file object failed is given; the failure comes next */
        result = item_of(st, gbo_bundle_index(self->reader), doc, diags, self->src.name);
    } else {
        gbo_py_raise(st, &err, saved, self->src.name, diags);
        self->finished = true;
    }
    gbo_diagnostics_free(diags);
    unlock_bundle(self);
    return result;
}

static PyObject *bundle_close(bundle *self, PyObject *unused)
{
    (void)unused;
    if (!lock_bundle(self))
        return NULL;
    close_bundle(self);
    unlock_bundle(self);
    Py_RETURN_NONE;
}

static PyObject *bundle_enter(bundle *self, PyObject *unused)
{
    (void)unused;
    return Py_NewRef(self);
}

static PyObject *bundle_exit(bundle *self, PyObject *args)
{
    (void)args;
    return bundle_close(self, NULL);
}

static PyMethodDef methods[] = {
    { "close", (PyCFunction)bundle_close, METH_NOARGS, "close($self, /)\n--\n\nStop reading; further items raise ValueError." },
    { "__enter__", (PyCFunction)bundle_enter, METH_NOARGS, NULL },
    { "__exit__", (PyCFunction)bundle_exit, METH_VARARGS, NULL },
    { NULL, NULL, 0, NULL }
};

static PyType_Slot slots[] = {
    { Py_tp_doc, "A bundle being read item by item (gbo.open_bundle()); iterate it, or use it in a with block." },
    { Py_tp_dealloc, bundle_dealloc },
    { Py_tp_traverse, bundle_traverse },
    { Py_tp_clear, bundle_clear },
    { Py_tp_iter, PyObject_SelfIter },
    { Py_tp_iternext, bundle_next },
    { Py_tp_methods, methods },
    { 0, NULL }
};

PyType_Spec gbo_py_bundle_spec = {
    .name = "gbo.Bundle",
    .basicsize = sizeof(bundle),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_DISALLOW_INSTANTIATION | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = slots,
};
