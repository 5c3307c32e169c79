/* gbo._gbo: consent — gbo.ConsentContext (the earlier documents the consent
 * rules resolve against: consents, withdrawals, support-ended events,
 * organisations), gbo.evaluate_consent() and its gbo.Decision, the answer
 * `gbo consent-check` gives. */
#include "gbo_module.h"

#include <pythread.h>

#include <time.h>

typedef struct consent_context {
    PyObject_HEAD
    gbo_consent_context *ctx;
    PyThread_type_lock lock; /* held by add(), evaluate_consent(), minimise(), and by a to_xml()
                              * that reads the context without the GIL */
} consent_context;

static void context_lock(consent_context *self)
{
    if (!PyThread_acquire_lock(self->lock, NOWAIT_LOCK)) {
        Py_BEGIN_ALLOW_THREADS
        PyThread_acquire_lock(self->lock, WAIT_LOCK);
        Py_END_ALLOW_THREADS
    }
}

int gbo_py_consent_context_acquire(gbo_py_state *st, PyObject *obj, const gbo_consent_context **out)
{
    *out = NULL;
    if (obj == Py_None)
        return 0;
    if (!PyObject_TypeCheck(obj, st->consent_context_type)) {
        PyErr_Format(PyExc_TypeError, "context must be a gbo.ConsentContext or None, not %.100s", Py_TYPE(obj)->tp_name);
        return -1;
    }
    context_lock((consent_context *)obj);
    *out = ((consent_context *)obj)->ctx;
    return 0;
}

void gbo_py_consent_context_release(gbo_py_state *st, PyObject *obj)
{
    if (obj != Py_None && PyObject_TypeCheck(obj, st->consent_context_type))
        PyThread_release_lock(((consent_context *)obj)->lock);
}

static PyObject *add(consent_context *self, PyObject *exchange)
{
    gbo_py_state *st = gbo_py_state_of_type(Py_TYPE(self));
    gbo_entity *e;
    gbo_error err;
    gbo_status status;
    if (!st)
        return NULL;
    context_lock(self); /* may give the GIL up: the exchange is looked at after */
    if (!(e = gbo_py_entity_of(st, exchange, GBO_KIND_EXCHANGE))) {
        PyThread_release_lock(self->lock);
        return NULL;
    }
    status = gbo_consent_context_add(self->ctx, e, &err);
    PyThread_release_lock(self->lock);
    if (status != GBO_OK)
        return gbo_py_raise(st, &err, 0, NULL, NULL);
    Py_RETURN_NONE;
}

static PyObject *find(consent_context *self, PyObject *id)
{
    gbo_py_state *st = gbo_py_state_of_type(Py_TYPE(self));
    const gbo_entity *consent;
    const char *utf8;
    gbo_entity *copy;
    if (!st || !(utf8 = gbo_py_utf8(st, id, NULL)))
        return NULL;
    if (!(consent = gbo_consent_context_find(self->ctx, utf8)))
        Py_RETURN_NONE;
    if (!(copy = gbo_entity_copy(consent, NULL)))
        return PyErr_NoMemory();
    return gbo_py_wrap(st, NULL, copy);
}

static PyObject *context_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = { "documents", NULL };
    PyObject *documents = NULL;
    consent_context *self;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|O:ConsentContext", keywords, &documents))
        return NULL;
    if (!(self = (consent_context *)type->tp_alloc(type, 0)))
        return NULL;
    if (!(self->lock = PyThread_allocate_lock()) || !(self->ctx = gbo_consent_context_new(NULL))) {
        Py_DECREF(self);
        return PyErr_NoMemory();
    }
    if (gbo_py_add_each((PyObject *)self, documents, (PyObject *(*)(PyObject *, PyObject *))add) < 0)
        Py_CLEAR(self);
    return (PyObject *)self;
}

static void context_dealloc(consent_context *self)
{
    PyTypeObject *type = Py_TYPE(self);
    gbo_consent_context_free(self->ctx);
    if (self->lock)
        PyThread_free_lock(self->lock);
    type->tp_free(self);
    Py_DECREF(type);
}

static PyMethodDef context_methods[] = {
    { "add", (PyCFunction)add, METH_O,
      "add($self, exchange, /)\n--\n\nAdd what an exchange holds (the context keeps a copy)." },
    { "find", (PyCFunction)find, METH_O,
      "find($self, consent_id, /)\n--\n\nThe consent with that id (a copy), or None." },
    { NULL, NULL, 0, NULL }
};

static PyType_Slot context_slots[] = {
    { Py_tp_doc, "ConsentContext(documents=())\n--\n\n"
                 "Earlier documents the consent rules resolve against: consents sent before, withdrawals,\n"
                 "support-ended events, organisations. Pass it to evaluate_consent() and Exchange.to_xml()." },
    { Py_tp_new, context_new },
    { Py_tp_dealloc, context_dealloc },
    { Py_tp_methods, context_methods },
    { 0, NULL }
};

PyType_Spec gbo_py_consent_context_spec = {
    .name = "gbo.ConsentContext",
    .basicsize = sizeof(consent_context),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = context_slots,
};

/* ---- evaluate_consent ----------------------------------------------------- */

static PyStructSequence_Field decision_fields[] = {
    { "permit", "True when the consent permits the transfer." },
    { "reason", "\"permitted\", or why not: \"withdrawn\", \"expired\", \"recipient-not-covered\", ..." },
    { "rule", "The rule a deny breaks (\"GBO-C004\"), None for a permit." },
    { "warnings", "Warnings that do not deny: a tuple of \"informed-incomplete\", \"recipient-without-secrecy\", "
                  "\"minor-without-assessment\"." },
    { NULL, NULL }
};

PyStructSequence_Desc gbo_py_decision_desc = {
    "gbo.Decision", "A consent decision: (permit, reason, rule, warnings), as `gbo consent-check` gives it.",
    decision_fields, 4
};

static PyObject *warnings_of(unsigned warnings)
{
    PyObject *list = PyList_New(0), *tuple;
    for (unsigned bit = 1; list && gbo_consent_warning_name(bit); bit <<= 1)
        if (warnings & bit) {
            PyObject *name = PyUnicode_FromString(gbo_consent_warning_name(bit));
            if (!name || PyList_Append(list, name) < 0)
                Py_CLEAR(list);
            Py_XDECREF(name);
        }
    tuple = list ? PyList_AsTuple(list) : NULL;
    Py_XDECREF(list);
    return tuple;
}

static int instant(gbo_py_state *st, PyObject *at, gbo_time *out)
{
    if (at == Py_None) {
        out->seconds = (int64_t)time(NULL);
        out->nanos = 0;
        return 0;
    }
    return gbo_py_time(st, at, "at", out);
}

PyObject *gbo_py_evaluate_consent(PyObject *module, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = { "consent", "recipient", "purpose", "category", "at", "context", NULL };
    gbo_py_state *st = gbo_py_state_of_module(module);
    PyObject *consent_obj, *at = Py_None, *context = Py_None, *values[4];
    const gbo_consent_context *ctx;
    gbo_consent_context *empty = NULL;
    gbo_consent_request request;
    gbo_consent_decision decision;
    gbo_entity *consent;
    gbo_error err;
    gbo_status status;

    request.recipient = request.purpose = request.category = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|$sssOO:evaluate_consent", keywords, &consent_obj,
                                     &request.recipient, &request.purpose, &request.category, &at, &context))
        return NULL;
    for (int i = 0; i < 3; i++) /* required, keyword-only */
        if (!(i == 0 ? request.recipient : i == 1 ? request.purpose : request.category)) {
            PyErr_Format(PyExc_TypeError, "evaluate_consent() missing required keyword argument '%s'", keywords[i + 1]);
            return NULL;
        }
    /* the time's conversion runs Python code and the context's lock may give
     * the GIL up: the consent is looked at only after both */
    if (instant(st, at, &request.at) < 0 || gbo_py_consent_context_acquire(st, context, &ctx) < 0)
        return NULL;
    if (!(consent = gbo_py_entity_of(st, consent_obj, GBO_KIND_CONSENT))) {
        gbo_py_consent_context_release(st, context);
        return NULL;
    }
    if (!ctx && !(ctx = empty = gbo_consent_context_new(NULL))) {
        gbo_py_consent_context_release(st, context);
        return PyErr_NoMemory();
    }
    status = gbo_consent_evaluate(ctx, consent, &request, &decision, &err);
    gbo_py_consent_context_release(st, context);
    gbo_consent_context_free(empty);
    if (status != GBO_OK)
        return gbo_py_raise(st, &err, 0, NULL, NULL);
    values[0] = PyBool_FromLong(decision.permit);
    values[1] = PyUnicode_FromString(gbo_consent_reason_name(decision.reason));
    values[2] = !values[1] ? NULL : decision.rule ? PyUnicode_FromString(decision.rule) : Py_NewRef(Py_None);
    values[3] = values[2] ? warnings_of(decision.warnings) : NULL;
    return gbo_py_struct_new(st->decision_type, values, 4);
}
