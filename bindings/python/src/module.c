/* gbo._gbo: the module, its state and its initialisation. */
#include "gbo_module.h"

gbo_py_state *gbo_py_state_of_module(PyObject *module)
{
    return (gbo_py_state *)PyModule_GetState(module);
}

gbo_py_state *gbo_py_state_of_type(PyTypeObject *type)
{
    PyObject *module = PyType_GetModuleByDef(type, &gbo_py_module);
    return module ? gbo_py_state_of_module(module) : NULL;
}

PyObject *gbo_py_struct_new(PyTypeObject *type, PyObject **values, Py_ssize_t n)
{
    PyObject *result = NULL;
    bool complete = true;
    for (Py_ssize_t i = 0; i < n; i++)
        complete = complete && values[i];
    if (complete && (result = PyStructSequence_New(type)))
        for (Py_ssize_t i = 0; i < n; i++) {
            PyStructSequence_SET_ITEM(result, i, values[i]);
            values[i] = NULL;
        }
    for (Py_ssize_t i = 0; i < n; i++)
        Py_XDECREF(values[i]);
    return result;
}

int gbo_py_add_each(PyObject *self, PyObject *documents, PyObject *(*add)(PyObject *self, PyObject *document))
{
    PyObject *iterator, *doc;
    if (!documents)
        return 0;
    if (!(iterator = PyObject_GetIter(documents)))
        return -1;
    while ((doc = PyIter_Next(iterator))) {
        PyObject *done = add(self, doc);
        Py_DECREF(doc);
        if (!done)
            break;
        Py_DECREF(done);
    }
    Py_DECREF(iterator);
    return PyErr_Occurred() ? -1 : 0;
}

static PyObject *add_type(PyObject *module, PyType_Spec *spec, PyObject *base)
{
    PyObject *type = PyType_FromModuleAndSpec(module, spec, base);
    if (!type || PyModule_AddObjectRef(module, strrchr(spec->name, '.') + 1, type) < 0) {
        Py_XDECREF(type);
        return NULL;
    }
    return type;
}

static int exec_module(PyObject *module)
{
    gbo_py_state *st = gbo_py_state_of_module(module);
    PyObject *fields;

    st->error = PyErr_NewExceptionWithDoc("gbo.Error", "A libgbo call failed.", NULL, NULL);
    if (!st->error || PyModule_AddObjectRef(module, "Error", st->error) < 0)
        return -1;
    st->document_error = PyErr_NewExceptionWithDoc(
        "gbo.DocumentError",
        "An exchange document was refused: rule, line, column and path name the first error, "
        "diagnostics holds every finding.",
        st->error, NULL);
    if (!st->document_error || PyModule_AddObjectRef(module, "DocumentError", st->document_error) < 0)
        return -1;
    {
        PyObject *bases = PyTuple_Pack(2, st->error, PyExc_ValueError);
        st->invalid_value_error = bases ? PyErr_NewExceptionWithDoc(
            "gbo.InvalidValueError",
            "A value does not have the form its field requires: field names the attribute (or the "
            "exchange format's name, from a dict), status says how (\"invalid-value\", \"too-long\", "
            "\"invalid-utf8\", ...). Whether a document is valid is validation's to say.",
            bases, NULL) : NULL;
        Py_XDECREF(bases);
    }
    if (!st->invalid_value_error || PyModule_AddObjectRef(module, "InvalidValueError", st->invalid_value_error) < 0)
        return -1;
    st->consent_error = PyErr_NewExceptionWithDoc(
        "gbo.ConsentError",
        "Exchange.to_xml() refused to write data the consent does not cover: diagnostics says what "
        "and by which rule.",
        st->error, NULL);
    if (!st->consent_error || PyModule_AddObjectRef(module, "ConsentError", st->consent_error) < 0)
        return -1;
    {
        PyObject *datetime = PyImport_ImportModule("datetime"), *timezone = NULL, *values;
        st->date_type = datetime ? PyObject_GetAttrString(datetime, "date") : NULL;
        st->datetime_type = datetime ? PyObject_GetAttrString(datetime, "datetime") : NULL;
        timezone = datetime ? PyObject_GetAttrString(datetime, "timezone") : NULL;
        st->utc = timezone ? PyObject_GetAttrString(timezone, "utc") : NULL;
        Py_XDECREF(timezone);
        Py_XDECREF(datetime);
        values = PyImport_ImportModule("gbo._values");
        st->birth_date_type = values ? PyObject_GetAttrString(values, "BirthDate") : NULL;
        Py_XDECREF(values);
        if (!st->date_type || !st->datetime_type || !st->utc || !st->birth_date_type)
            return -1;
    }
    if (!(st->diagnostic_type = (PyTypeObject *)add_type(module, &gbo_py_diagnostic_spec, NULL)) ||
        !(st->codes_type = (PyTypeObject *)add_type(module, &gbo_py_codes_spec, NULL)) ||
        !(st->validator_type = (PyTypeObject *)add_type(module, &gbo_py_validator_spec, NULL)) ||
        !(st->entity_type = (PyTypeObject *)add_type(module, &gbo_py_entity_spec, NULL)) ||
        !(st->field_list_type = (PyTypeObject *)add_type(module, &gbo_py_field_list_spec, NULL)) ||
        !(st->consent_context_type = (PyTypeObject *)add_type(module, &gbo_py_consent_context_spec, NULL)) ||
        !(st->bundle_type = (PyTypeObject *)add_type(module, &gbo_py_bundle_spec, NULL)) ||
        !(st->history_type = (PyTypeObject *)add_type(module, &gbo_py_history_spec, NULL)) ||
        !(st->propagation_type = (PyTypeObject *)add_type(module, &gbo_py_propagation_spec, NULL)) ||
        !(st->stats_type = (PyTypeObject *)add_type(module, &gbo_py_stats_spec, NULL)))
        return -1;
    if (gbo_py_model_init(module, st) < 0)
        return -1;
    if (!(st->bundle_item_type = PyStructSequence_NewType(&gbo_py_bundle_item_desc)) ||
        PyModule_AddObjectRef(module, "BundleItem", (PyObject *)st->bundle_item_type) < 0 ||
        !(st->code_type = PyStructSequence_NewType(&gbo_py_code_desc)) ||
        PyModule_AddObjectRef(module, "Code", (PyObject *)st->code_type) < 0 ||
        !(st->decision_type = PyStructSequence_NewType(&gbo_py_decision_desc)) ||
        PyModule_AddObjectRef(module, "Decision", (PyObject *)st->decision_type) < 0 ||
        !(st->stats_row_type = PyStructSequence_NewType(&gbo_py_stats_row_desc)) ||
        PyModule_AddObjectRef(module, "StatsRow", (PyObject *)st->stats_row_type) < 0 ||
        !(st->identifier_check_type = PyStructSequence_NewType(&gbo_py_identifier_check_desc)) ||
        PyModule_AddObjectRef(module, "IdentifierCheck", (PyObject *)st->identifier_check_type) < 0 ||
        !(st->national_number_type = PyStructSequence_NewType(&gbo_py_national_number_desc)) ||
        PyModule_AddObjectRef(module, "NationalNumber", (PyObject *)st->national_number_type) < 0)
        return -1;
    if (PyModule_AddStringConstant(module, "__version__", gbo_version()) < 0 ||
        PyModule_AddStringConstant(module, "FORMAT_VERSION", GBO_FORMAT_VERSION) < 0 ||
        PyModule_AddStringConstant(module, "FORMAT_NAMESPACE", GBO_FORMAT_NAMESPACE) < 0)
        return -1;
    if (!(fields = gbo_py_limit_fields()) || PyModule_AddObject(module, "_LIMIT_FIELDS", fields) < 0) {
        Py_XDECREF(fields);
        return -1;
    }
    return 0;
}

static int traverse_module(PyObject *module, visitproc visit, void *arg)
{
    gbo_py_state *st = gbo_py_state_of_module(module);
    Py_VISIT(st->error);
    Py_VISIT(st->document_error);
    Py_VISIT(st->diagnostic_type);
    Py_VISIT(st->codes_type);
    Py_VISIT(st->validator_type);
    Py_VISIT(st->invalid_value_error);
    Py_VISIT(st->consent_error);
    Py_VISIT(st->entity_type);
    for (int k = 0; k < GBO_KIND_COUNT; k++) {
        Py_VISIT(st->kind_types[k]);
        Py_VISIT(st->members[k]);
    }
    Py_VISIT(st->field_list_type);
    Py_VISIT(st->consent_context_type);
    Py_VISIT(st->decision_type);
    Py_VISIT(st->history_type);
    Py_VISIT(st->propagation_type);
    Py_VISIT(st->stats_type);
    Py_VISIT(st->stats_row_type);
    Py_VISIT(st->identifier_check_type);
    Py_VISIT(st->national_number_type);
    Py_VISIT(st->datetime_type);
    Py_VISIT(st->utc);
    Py_VISIT(st->birth_date_type);
    Py_VISIT(st->bundle_type);
    Py_VISIT(st->bundle_item_type);
    Py_VISIT(st->code_type);
    Py_VISIT(st->date_type);
    return 0;
}

static int clear_module(PyObject *module)
{
    gbo_py_state *st = gbo_py_state_of_module(module);
    Py_CLEAR(st->error);
    Py_CLEAR(st->document_error);
    Py_CLEAR(st->diagnostic_type);
    Py_CLEAR(st->codes_type);
    Py_CLEAR(st->validator_type);
    Py_CLEAR(st->invalid_value_error);
    Py_CLEAR(st->consent_error);
    Py_CLEAR(st->entity_type);
    for (int k = 0; k < GBO_KIND_COUNT; k++) {
        Py_CLEAR(st->kind_types[k]);
        Py_CLEAR(st->members[k]);
    }
    Py_CLEAR(st->field_list_type);
    Py_CLEAR(st->consent_context_type);
    Py_CLEAR(st->decision_type);
    Py_CLEAR(st->history_type);
    Py_CLEAR(st->propagation_type);
    Py_CLEAR(st->stats_type);
    Py_CLEAR(st->stats_row_type);
    Py_CLEAR(st->identifier_check_type);
    Py_CLEAR(st->national_number_type);
    Py_CLEAR(st->datetime_type);
    Py_CLEAR(st->utc);
    Py_CLEAR(st->birth_date_type);
    Py_CLEAR(st->bundle_type);
    Py_CLEAR(st->bundle_item_type);
    Py_CLEAR(st->code_type);
    Py_CLEAR(st->date_type);
    return 0;
}

static void free_module(void *module)
{
    (void)clear_module((PyObject *)module);
    gbo_py_model_free(gbo_py_state_of_module((PyObject *)module));
}

static PyMethodDef module_methods[] = {
    { "parse", (PyCFunction)(void (*)(void))gbo_py_parse, METH_VARARGS | METH_KEYWORDS,
      "parse($module, /, source, *, limits=None)\n--\n\n"
      "Read one exchange document (a path, bytes-like data or a binary file object).\n"
      "Raises DocumentError when it is refused." },
    { "codes", (PyCFunction)(void (*)(void))gbo_py_codes_list, METH_VARARGS | METH_KEYWORDS,
      "codes($module, /, list, lang=None)\n--\n\n"
      "The codes of a built-in list, sorted by their label in `lang` with ICU collation (as `gbo codes`).\n"
      "Codes.list() does the same for a set with extensions." },
    { "open_bundle", (PyCFunction)(void (*)(void))gbo_py_open_bundle, METH_VARARGS | METH_KEYWORDS,
      "open_bundle($module, /, source, *, limits=None, lang=None)\n--\n\n"
      "Read a bundle item by item in constant memory: iterate it (a BundleItem each), in a with block.\n"
      "A refused item has exchange None and its diagnostics; a broken bundle raises DocumentError." },
    { "evaluate_consent", (PyCFunction)(void (*)(void))gbo_py_evaluate_consent, METH_VARARGS | METH_KEYWORDS,
      "evaluate_consent($module, /, consent, *, recipient, purpose, category, at=None, context=None)\n--\n\n"
      "Whether `consent` (a Consent) permits sending data of `category` to organisation `recipient`\n"
      "for `purpose` at `at` (an aware datetime; None: now), given the earlier documents in\n"
      "`context` (a ConsentContext): a Decision, as `gbo consent-check` decides." },
    { "lifecycle_step", (PyCFunction)(void (*)(void))gbo_py_lifecycle_step, METH_VARARGS | METH_KEYWORDS,
      "lifecycle_step($module, /, from_status, to_status, poster)\n--\n\n"
      "May `poster` (\"sender\", \"recipient\" or \"other\") move a referral from one status to another?\n"
      "\"allowed\", or why not: \"unknown-status\", \"transition\", \"poster\" (the last two are GBO-R004)." },
    { "lifecycle_is_terminal", (PyCFunction)gbo_py_lifecycle_is_terminal, METH_O,
      "lifecycle_is_terminal($module, status, /)\n--\n\nDoes this status end a referral?" },
    { "check_national_number", (PyCFunction)(void (*)(void))gbo_py_check_national_number, METH_VARARGS | METH_KEYWORDS,
      "check_national_number($module, /, number, *, on=None)\n--\n\n"
      "Check a national (or BIS) number on a day (a date; None: today in Brussels): a NationalNumber." },
    { "check_enterprise_number", (PyCFunction)gbo_py_check_enterprise_number, METH_O,
      "check_enterprise_number($module, number, /)\n--\n\nCheck an enterprise number: an IdentifierCheck." },
    { "check_establishment_number", (PyCFunction)gbo_py_check_establishment_number, METH_O,
      "check_establishment_number($module, number, /)\n--\n\nCheck an establishment-unit number: an IdentifierCheck." },
    { "_model", (PyCFunction)gbo_py_model_table, METH_NOARGS,
      "_model($module, /)\n--\n\nThe entity classes and their fields, from libgbo's field table." },
    { NULL, NULL, 0, NULL }
};

static PyModuleDef_Slot module_slots[] = {
    { Py_mod_exec, exec_module },
    { 0, NULL }
};

PyModuleDef gbo_py_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "gbo._gbo",
    .m_doc = "The C extension of the gbo package: libgbo's validator, reader and writer.",
    .m_size = sizeof(gbo_py_state),
    .m_methods = module_methods,
    .m_slots = module_slots,
    .m_traverse = traverse_module,
    .m_clear = clear_module,
    .m_free = free_module,
};

PyMODINIT_FUNC PyInit__gbo(void)
{
    return PyModuleDef_Init(&gbo_py_module);
}
