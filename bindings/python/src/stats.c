/* gbo._gbo: gbo.Stats, the anonymous monitoring figures of <gbo/stats.h>
 * (what `gbo stats` publishes): add documents, read the rows — every count
 * below the minimum already suppressed by the library's release rule. */
#include "gbo_module.h"

typedef struct stats {
    PyObject_HEAD
    gbo_stats *stats;
    PyObject *codes; /* the gbo.Codes the figures borrow, or NULL */
} stats;

static PyStructSequence_Field row_fields[] = {
    { "table", "\"referrals\", \"outcomes\", \"time-to-first-contact\", \"right-assessments\", \"signals\"." },
    { "dimension", "What the table is counted by: \"kind\", \"life-domain\", \"status\", ..." },
    { "value", "A code of the dimension's list, \"other\", \"unknown\" or \"total\" (cases, median, p90 for hours)." },
    { "count", "The count as published: \"12\", \"suppressed\", or hours such as \"36.5\"." },
    { "hidden", "True when the count reads \"suppressed\"." },
    { NULL, NULL }
};

PyStructSequence_Desc gbo_py_stats_row_desc = {
    "gbo.StatsRow", "A published row of gbo.Stats: (table, dimension, value, count, hidden), as `gbo stats` writes it.",
    row_fields, 5
};

static PyObject *stats_add(stats *self, PyObject *exchange)
{
    gbo_py_state *st = gbo_py_state_of_type(Py_TYPE(self));
    gbo_entity *e;
    gbo_error err;
    if (!st || !(e = gbo_py_entity_of(st, exchange, GBO_KIND_EXCHANGE)))
        return NULL;
    if (gbo_stats_add(self->stats, e, &err) != GBO_OK)
        return gbo_py_raise(st, &err, 0, NULL, NULL);
    Py_RETURN_NONE;
}

static PyObject *stats_rows(stats *self, PyObject *unused)
{
    gbo_py_state *st = gbo_py_state_of_type(Py_TYPE(self));
    gbo_stats_row row;
    gbo_error err;
    PyObject *list;
    size_t n;
    (void)unused;
    if (!st)
        return NULL;
    if (gbo_stats_compute(self->stats, &err) != GBO_OK)
        return gbo_py_raise(st, &err, 0, NULL, NULL);
    n = gbo_stats_row_count(self->stats);
    if (!(list = PyList_New((Py_ssize_t)n)))
        return NULL;
    for (size_t i = 0; i < n; i++) {
        PyObject *v[5], *item;
        if (!gbo_stats_row_at(self->stats, i, &row)) {
            PyErr_SetString(PyExc_RuntimeError, "libgbo lost a stats row");
            Py_DECREF(list);
            return NULL;
        }
        v[0] = PyUnicode_FromString(row.table);
        v[1] = v[0] ? PyUnicode_FromString(row.dimension) : NULL;
        v[2] = v[1] ? PyUnicode_FromString(row.value) : NULL;
        v[3] = v[2] ? PyUnicode_FromString(row.count) : NULL;
        v[4] = PyBool_FromLong(row.hidden);
        if (!(item = gbo_py_struct_new(st->stats_row_type, v, 5))) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, item);
    }
    return list;
}

static PyObject *stats_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = { "documents", "min_count", "codes", NULL };
    gbo_py_state *st = gbo_py_state_of_type(type);
    PyObject *documents = NULL, *codes = Py_None;
    Py_ssize_t min_count = GBO_STATS_MIN_COUNT;
    const gbo_codeset *codeset = NULL;
    gbo_error err;
    stats *self;
    if (!st || !PyArg_ParseTupleAndKeywords(args, kwargs, "|O$nO:Stats", keywords, &documents, &min_count, &codes))
        return NULL;
    if (min_count < 1 || min_count > 1000000) { /* as `gbo stats --min-count` */
        PyErr_SetString(PyExc_ValueError, "min_count must be from 1 to 1000000");
        return NULL;
    }
    if (codes != Py_None) {
        if (!PyObject_TypeCheck(codes, st->codes_type)) {
            PyErr_Format(PyExc_TypeError, "codes must be a gbo.Codes or None, not %.100s", Py_TYPE(codes)->tp_name);
            return NULL;
        }
        codeset = gbo_py_codes_codeset(codes);
    }
    if (!(self = (stats *)type->tp_alloc(type, 0)))
        return NULL;
    self->codes = codes == Py_None ? NULL : Py_NewRef(codes);
    if (!(self->stats = gbo_stats_new((unsigned)min_count, codeset, &err))) {
        Py_DECREF(self);
        return gbo_py_raise(st, &err, 0, NULL, NULL);
    }
    if (gbo_py_add_each((PyObject *)self, documents, (PyObject *(*)(PyObject *, PyObject *))stats_add) < 0)
        Py_CLEAR(self);
    return (PyObject *)self;
}

static void stats_dealloc(stats *self)
{
    PyTypeObject *type = Py_TYPE(self);
    gbo_stats_free(self->stats);
    Py_XDECREF(self->codes);
    type->tp_free(self);
    Py_DECREF(type);
}

static PyMethodDef stats_methods[] = {
    { "add", (PyCFunction)stats_add, METH_O,
      "add($self, exchange, /)\n--\n\nCount what one document carries (a referral or update counts once)." },
    { "rows", (PyCFunction)stats_rows, METH_NOARGS,
      "rows($self, /)\n--\n\nThe published rows (a list of StatsRow), small counts suppressed." },
    { NULL, NULL, 0, NULL }
};

static PyType_Slot stats_slots[] = {
    { Py_tp_doc, "Stats(documents=(), *, min_count=5, codes=None)\n--\n\n"
                 "Anonymous monitoring figures across documents, safe to publish (docs/monitoring.md):\n"
                 "counts below min_count are suppressed so that no one can be recognised." },
    { Py_tp_new, stats_new },
    { Py_tp_dealloc, stats_dealloc },
    { Py_tp_methods, stats_methods },
    { 0, NULL }
};

PyType_Spec gbo_py_stats_spec = {
    .name = "gbo.Stats",
    .basicsize = sizeof(stats),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = stats_slots,
};
