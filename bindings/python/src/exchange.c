/* gbo._gbo: gbo.parse(), and what only an exchange does (its kind class is
 * made from the field table in model.c): to_xml(), the canonical form `gbo
 * format` writes, behind the library's structure and consent gates; and
 * minimise(). */
#include "gbo_module.h"

#include <errno.h>
#include <string.h>

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
    PyObject *self = NULL;
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
            self = gbo_py_exchange_new(st, doc);
            doc = NULL;
        }
    }
    gbo_entity_free(doc);
    gbo_diagnostics_free(diags);
    gbo_py_source_clear(&src);
    return self;
}

PyObject *gbo_py_exchange_new(gbo_py_state *st, gbo_entity *doc)
{
    return gbo_py_wrap(st, NULL, doc);
}

/* to_xml(*, emergency=False, context=None): libgbo writes, without the GIL,
 * a copy of the document taken with the GIL (other threads may change the
 * document meanwhile); the context's lock is held while the write reads it. */
static PyObject *to_xml(gbo_py_entity *self, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = { "emergency", "context", NULL };
    gbo_py_state *st = gbo_py_state_of_type(Py_TYPE(self));
    PyObject *context = Py_None, *bytes = NULL;
    gbo_write_options options = { NULL, 0 };
    const gbo_consent_context *ctx;
    gbo_diagnostics *diags;
    gbo_entity *doc, *copy;
    char *out = NULL;
    size_t size = 0;
    gbo_error err;
    gbo_status status;
    int emergency = 0;

    if (!st || !PyArg_ParseTupleAndKeywords(args, kwargs, "|$pO:to_xml", keywords, &emergency, &context))
        return NULL;
    if (gbo_py_consent_context_acquire(st, context, &ctx) < 0) /* may give the GIL up while it waits */
        return NULL;
    if (!(doc = gbo_py_entity_of(st, (PyObject *)self, GBO_KIND_EXCHANGE))) {
        gbo_py_consent_context_release(st, context);
        return NULL;
    }
    copy = gbo_entity_copy(doc, NULL);
    diags = gbo_diagnostics_new(NULL);
    if (!copy || !diags) {
        gbo_py_consent_context_release(st, context);
        gbo_entity_free(copy);
        gbo_diagnostics_free(diags);
        return PyErr_NoMemory();
    }
    options.consents = ctx;
    options.emergency = emergency;
    Py_BEGIN_ALLOW_THREADS
    status = gbo_exchange_write_checked(copy, &options, &out, &size, diags, &err);
    gbo_entity_free(copy);
    Py_END_ALLOW_THREADS
    gbo_py_consent_context_release(st, context);
    if (status == GBO_E_DOCUMENT && strncmp(err.rule, "GBO-C", 5) == 0) /* the consent gate */
        gbo_py_raise_refusal(st, st->consent_error, &err, NULL, diags);
    else if (status != GBO_OK)
        gbo_py_raise(st, &err, 0, NULL, diags);
    else
        bytes = PyBytes_FromStringAndSize(out, (Py_ssize_t)size);
    gbo_free(out);
    gbo_diagnostics_free(diags);
    return bytes;
}

/* minimise(context=None) -> (Exchange, list[Diagnostic]) */
static PyObject *minimise(gbo_py_entity *self, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = { "context", NULL };
    gbo_py_state *st = gbo_py_state_of_type(Py_TYPE(self));
    PyObject *context = Py_None, *copy_obj = NULL, *list = NULL, *result = NULL;
    const gbo_consent_context *ctx;
    gbo_diagnostics *report;
    gbo_entity *doc, *copy = NULL;
    gbo_error err;

    if (!st || !PyArg_ParseTupleAndKeywords(args, kwargs, "|O:minimise", keywords, &context))
        return NULL;
    if (!(report = gbo_diagnostics_new(NULL)))
        return PyErr_NoMemory();
    if (gbo_py_consent_context_acquire(st, context, &ctx) < 0) { /* may give the GIL up */
        gbo_diagnostics_free(report);
        return NULL;
    }
    if ((doc = gbo_py_entity_of(st, (PyObject *)self, GBO_KIND_EXCHANGE)) &&
        !(copy = gbo_exchange_minimise_report(doc, ctx, report, &err)))
        gbo_py_raise(st, &err, 0, NULL, NULL);
    gbo_py_consent_context_release(st, context);
    if (copy && (copy_obj = gbo_py_wrap(st, NULL, copy)) && (list = gbo_py_diagnostic_list(st, report, NULL, 0)))
        result = PyTuple_Pack(2, copy_obj, list);
    Py_XDECREF(copy_obj);
    Py_XDECREF(list);
    gbo_diagnostics_free(report);
    return result;
}

PyMethodDef gbo_py_exchange_methods[] = {
    { "to_xml", (PyCFunction)(void (*)(void))to_xml, METH_VARARGS | METH_KEYWORDS,
      "to_xml($self, /, *, emergency=False, context=None)\n--\n\n"
      "The document in canonical form (what `gbo format` writes). Raises ConsentError when the\n"
      "consent does not cover a person's data it carries (context: a ConsentContext with earlier\n"
      "documents; emergency=True writes on an emergency basis), DocumentError when its structure\n"
      "is refused." },
    { "minimise", (PyCFunction)(void (*)(void))minimise, METH_VARARGS | METH_KEYWORDS,
      "minimise($self, /, context=None)\n--\n\n"
      "A copy without what the consent does not cover, and what was stripped: (Exchange,\n"
      "list of Diagnostic), one warning per removed field, never a value." },
    { NULL, NULL, 0, NULL }
};
