/* gbo._gbo: the referral lifecycle of <gbo/lifecycle.h> — the transition
 * table (lifecycle_step, lifecycle_is_terminal), gbo.History (a referral's
 * status rebuilt from many documents, with the cross-document findings) and
 * gbo.WithdrawalPropagation (who must hear of a consent's withdrawal, and
 * the notice each gets). Both run with the GIL held, which serialises them
 * (libgbo's history and propagation are not thread-safe by themselves). */
#include "gbo_module.h"

#include <string.h>

static PyObject *time_object(gbo_py_state *st, gbo_time t)
{
    char text[64];
    if (gbo_time_format(t, text, sizeof text, NULL) != GBO_OK) {
        PyErr_SetString(PyExc_ValueError, "time out of range");
        return NULL;
    }
    return gbo_py_value_from_text(st, GBO_EXCHANGE_CREATED_AT, text);
}

/* ---- the transition table --------------------------------------------- */

PyObject *gbo_py_lifecycle_step(PyObject *module, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = { "from_status", "to_status", "poster", NULL };
    static const char *const posters[] = { "sender", "recipient", "other" };
    static const char *const steps[] = { "allowed", "unknown-status", "transition", "poster" };
    const char *from, *to, *poster;
    gbo_step step;
    (void)module;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "sss:lifecycle_step", keywords, &from, &to, &poster))
        return NULL;
    for (int p = 0; p < 3; p++)
        if (strcmp(poster, posters[p]) == 0) {
            step = gbo_lifecycle_step(from, to, (gbo_poster)p);
            return PyUnicode_FromString((size_t)step < sizeof steps / sizeof *steps ? steps[step] : "unknown");
        }
    PyErr_Format(PyExc_ValueError, "poster must be \"sender\", \"recipient\" or \"other\", not \"%.50s\"", poster);
    return NULL;
}

PyObject *gbo_py_lifecycle_is_terminal(PyObject *module, PyObject *status)
{
    const char *text = gbo_py_utf8(gbo_py_state_of_module(module), status, NULL);
    if (!text)
        return NULL;
    return PyBool_FromLong(gbo_lifecycle_is_terminal(text));
}

/* ---- History -------------------------------------------------------------- */

typedef struct history {
    PyObject_HEAD
    gbo_history *history;
    unsigned long long next_source; /* add()'s default: one past the highest source yet */
} history;

static PyObject *history_add(history *self, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = { "exchange", "source", NULL };
    gbo_py_state *st = gbo_py_state_of_type(Py_TYPE(self));
    PyObject *exchange, *source_obj = Py_None;
    unsigned long long source = self->next_source;
    gbo_entity *e;
    gbo_error err;
    if (!st || !PyArg_ParseTupleAndKeywords(args, kwargs, "O|O:add", keywords, &exchange, &source_obj))
        return NULL;
    if (source_obj != Py_None && (source = PyLong_AsUnsignedLongLong(source_obj)) == (unsigned long long)-1 &&
        PyErr_Occurred())
        return NULL;
    if (!(e = gbo_py_entity_of(st, exchange, GBO_KIND_EXCHANGE)))
        return NULL;
    if (gbo_history_add(self->history, e, (uint64_t)source, &err) != GBO_OK)
        return gbo_py_raise(st, &err, 0, NULL, NULL);
    if (source >= self->next_source)
        self->next_source = source + 1;
    Py_RETURN_NONE;
}

static PyObject *history_check(history *self, PyObject *arg)
{
    gbo_py_state *st = gbo_py_state_of_type(Py_TYPE(self));
    unsigned long long source = PyLong_AsUnsignedLongLong(arg);
    gbo_diagnostics *diags;
    gbo_error err;
    PyObject *list = NULL;
    if (!st || (source == (unsigned long long)-1 && PyErr_Occurred()))
        return NULL;
    if (!(diags = gbo_diagnostics_new(NULL)))
        return PyErr_NoMemory();
    if (gbo_history_check(self->history, (uint64_t)source, diags, &err) != GBO_OK)
        gbo_py_raise(st, &err, 0, NULL, NULL);
    else
        list = gbo_py_diagnostic_list(st, diags, NULL, 0);
    gbo_diagnostics_free(diags);
    return list;
}

static PyObject *history_status(history *self, PyObject *id)
{
    gbo_py_state *st = gbo_py_state_of_type(Py_TYPE(self));
    const char *text = st ? gbo_py_utf8(st, id, NULL) : NULL, *status;
    gbo_error err;
    if (!text)
        return NULL;
    if (gbo_history_replay(self->history, &err) != GBO_OK) /* else an answer of None would hide it */
        return PyErr_NoMemory();
    if (!(status = gbo_history_status(self->history, text)))
        Py_RETURN_NONE;
    return PyUnicode_FromString(status);
}

static PyObject *history_first_contact(history *self, PyObject *id)
{
    gbo_py_state *st = gbo_py_state_of_type(Py_TYPE(self));
    const char *text = st ? gbo_py_utf8(st, id, NULL) : NULL;
    PyObject *sent_obj, *contact_obj, *pair;
    gbo_time sent, contact;
    gbo_error err;
    if (!text)
        return NULL;
    if (gbo_history_replay(self->history, &err) != GBO_OK)
        return PyErr_NoMemory();
    if (gbo_history_first_contact(self->history, text, &sent, &contact) != GBO_OK)
        Py_RETURN_NONE;
    if (!(sent_obj = time_object(st, sent)))
        return NULL;
    if (!(contact_obj = time_object(st, contact))) {
        Py_DECREF(sent_obj);
        return NULL;
    }
    pair = PyTuple_Pack(2, sent_obj, contact_obj);
    Py_DECREF(sent_obj);
    Py_DECREF(contact_obj);
    return pair;
}

static PyObject *history_referral_ids(history *self, void *closure)
{
    gbo_error err;
    size_t n;
    PyObject *tuple;
    (void)closure;
    if (gbo_history_replay(self->history, &err) != GBO_OK)
        return PyErr_NoMemory();
    n = gbo_history_referral_count(self->history);
    if (!(tuple = PyTuple_New((Py_ssize_t)n)))
        return NULL;
    for (size_t i = 0; i < n; i++) {
        PyObject *id = PyUnicode_FromString(gbo_history_referral_id(self->history, i));
        if (!id) {
            Py_DECREF(tuple);
            return NULL;
        }
        PyTuple_SET_ITEM(tuple, (Py_ssize_t)i, id);
    }
    return tuple;
}

static PyObject *history_add_next(PyObject *self, PyObject *exchange)
{
    PyObject *args = PyTuple_Pack(1, exchange), *done;
    done = args ? history_add((history *)self, args, NULL) : NULL;
    Py_XDECREF(args);
    return done;
}

static PyObject *history_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = { "documents", NULL };
    PyObject *documents = NULL;
    history *self;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|O:History", keywords, &documents))
        return NULL;
    if (!(self = (history *)type->tp_alloc(type, 0)))
        return NULL;
    if (!(self->history = gbo_history_new(NULL))) {
        Py_DECREF(self);
        return PyErr_NoMemory();
    }
    if (gbo_py_add_each((PyObject *)self, documents, history_add_next) < 0)
        Py_CLEAR(self);
    return (PyObject *)self;
}

static void history_dealloc(history *self)
{
    PyTypeObject *type = Py_TYPE(self);
    gbo_history_free(self->history);
    type->tp_free(self);
    Py_DECREF(type);
}

static PyMethodDef history_methods[] = {
    { "add", (PyCFunction)(void (*)(void))history_add, METH_VARARGS | METH_KEYWORDS,
      "add($self, /, exchange, source=None)\n--\n\n"
      "Add what a document says; `source` is your number for it (check() reports by it),\n"
      "by default one past the highest yet (the constructor's documents are 0, 1, ...)." },
    { "check", (PyCFunction)history_check, METH_O,
      "check($self, source, /)\n--\n\n"
      "The findings across documents about the document added as `source`: GBO-R004, GBO-R006, GBO-R014." },
    { "status", (PyCFunction)history_status, METH_O,
      "status($self, referral_id, /)\n--\n\nThe status a referral has reached, or None for one not heard of." },
    { "first_contact", (PyCFunction)history_first_contact, METH_O,
      "first_contact($self, referral_id, /)\n--\n\n"
      "(sent, first contact) as aware datetimes, or None when either is unknown." },
    { NULL, NULL, 0, NULL }
};

static PyGetSetDef history_getset[] = {
    { "referral_ids", (getter)history_referral_ids, NULL, "The referrals heard of, in the order first heard of.", NULL },
    { NULL, NULL, NULL, NULL, NULL }
};

static PyType_Slot history_slots[] = {
    { Py_tp_doc, "History(documents=())\n--\n\n"
                 "Referrals and everything said about them, gathered from documents in any order\n"
                 "(the documents given are added as sources 0, 1, ...). Nothing of a person is kept." },
    { Py_tp_new, history_new },
    { Py_tp_dealloc, history_dealloc },
    { Py_tp_methods, history_methods },
    { Py_tp_getset, history_getset },
    { 0, NULL }
};

PyType_Spec gbo_py_history_spec = {
    .name = "gbo.History",
    .basicsize = sizeof(history),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = history_slots,
};

/* ---- WithdrawalPropagation ------------------------------------------------- */

typedef struct propagation {
    PyObject_HEAD
    gbo_propagation *propagation;
} propagation;

static PyObject *propagation_add(propagation *self, PyObject *exchange)
{
    gbo_py_state *st = gbo_py_state_of_type(Py_TYPE(self));
    gbo_entity *e;
    gbo_error err;
    if (!st || !(e = gbo_py_entity_of(st, exchange, GBO_KIND_EXCHANGE)))
        return NULL;
    if (gbo_propagation_add(self->propagation, e, &err) != GBO_OK)
        return gbo_py_raise(st, &err, 0, NULL, NULL);
    Py_RETURN_NONE;
}

static PyObject *propagation_recipients(propagation *self, void *closure)
{
    size_t n = gbo_propagation_recipient_count(self->propagation);
    PyObject *tuple = PyTuple_New((Py_ssize_t)n);
    (void)closure;
    for (size_t i = 0; tuple && i < n; i++) {
        PyObject *id = PyUnicode_FromString(gbo_propagation_recipient(self->propagation, i));
        if (!id)
            Py_CLEAR(tuple);
        else
            PyTuple_SET_ITEM(tuple, (Py_ssize_t)i, id);
    }
    return tuple;
}

static PyObject *propagation_notice(propagation *self, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = { "recipient", "withdrawal", "at", NULL };
    gbo_py_state *st = gbo_py_state_of_type(Py_TYPE(self));
    const char *recipient;
    PyObject *withdrawal_obj, *at_obj;
    gbo_entity *withdrawal, *notice;
    gbo_error err;
    gbo_time at;
    size_t n, i;
    /* the time's conversion runs Python code: the withdrawal is looked at after it */
    if (!st || !PyArg_ParseTupleAndKeywords(args, kwargs, "sOO:notice", keywords, &recipient, &withdrawal_obj, &at_obj) ||
        gbo_py_time(st, at_obj, "at", &at) < 0 || !(withdrawal = gbo_py_entity_of(st, withdrawal_obj, GBO_KIND_WITHDRAWAL)))
        return NULL;
    for (i = 0, n = gbo_propagation_recipient_count(self->propagation); i < n; i++)
        if (strcmp(gbo_propagation_recipient(self->propagation, i), recipient) == 0)
            break;
    if (i == n) {
        PyErr_SetString(PyExc_KeyError, "not a recipient of this consent's data");
        return NULL;
    }
    if (!(notice = gbo_propagation_notice(self->propagation, i, withdrawal, at, &err)))
        return gbo_py_raise(st, &err, 0, NULL, NULL);
    return gbo_py_wrap(st, NULL, notice);
}

static PyObject *propagation_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = { "consent_id", "sent", NULL };
    const char *consent_id;
    PyObject *sent = NULL;
    propagation *self;
    gbo_error err;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "s|O:WithdrawalPropagation", keywords, &consent_id, &sent))
        return NULL;
    if (!(self = (propagation *)type->tp_alloc(type, 0)))
        return NULL;
    if (!(self->propagation = gbo_propagation_new(consent_id, &err))) {
        gbo_py_state *st = gbo_py_state_of_type(type);
        Py_DECREF(self);
        return st ? gbo_py_raise(st, &err, 0, NULL, NULL) : NULL;
    }
    if (gbo_py_add_each((PyObject *)self, sent, (PyObject *(*)(PyObject *, PyObject *))propagation_add) < 0)
        Py_CLEAR(self);
    return (PyObject *)self;
}

static void propagation_dealloc(propagation *self)
{
    PyTypeObject *type = Py_TYPE(self);
    gbo_propagation_free(self->propagation);
    type->tp_free(self);
    Py_DECREF(type);
}

static PyMethodDef propagation_methods[] = {
    { "add", (PyCFunction)propagation_add, METH_O,
      "add($self, exchange, /)\n--\n\nAdd a document the partner sent." },
    { "notice", (PyCFunction)(void (*)(void))propagation_notice, METH_VARARGS | METH_KEYWORDS,
      "notice($self, /, recipient, withdrawal, at)\n--\n\n"
      "The withdrawal notice for `recipient`: a new Exchange from the partner carrying a copy of\n"
      "`withdrawal` (a ConsentWithdrawal of this consent) that stands on its own, created at `at`." },
    { NULL, NULL, 0, NULL }
};

static PyGetSetDef propagation_getset[] = {
    { "recipients", (getter)propagation_recipients, NULL,
      "Every organisation that received data under the consent, in the order first found.", NULL },
    { NULL, NULL, NULL, NULL, NULL }
};

static PyType_Slot propagation_slots[] = {
    { Py_tp_doc, "WithdrawalPropagation(consent_id, sent=())\n--\n\n"
                 "Who must hear of a consent's withdrawal: from the documents a partner sent, every\n"
                 "recipient that received data under the consent." },
    { Py_tp_new, propagation_new },
    { Py_tp_dealloc, propagation_dealloc },
    { Py_tp_methods, propagation_methods },
    { Py_tp_getset, propagation_getset },
    { 0, NULL }
};

PyType_Spec gbo_py_propagation_spec = {
    .name = "gbo.WithdrawalPropagation",
    .basicsize = sizeof(propagation),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = propagation_slots,
};
