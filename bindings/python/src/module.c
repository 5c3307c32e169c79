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
    if (!(st->diagnostic_type = (PyTypeObject *)add_type(module, &gbo_py_diagnostic_spec, NULL)) ||
        !(st->codes_type = (PyTypeObject *)add_type(module, &gbo_py_codes_spec, NULL)) ||
        !(st->validator_type = (PyTypeObject *)add_type(module, &gbo_py_validator_spec, NULL)) ||
        !(st->exchange_type = (PyTypeObject *)add_type(module, &gbo_py_exchange_spec, NULL)) ||
        !(st->bundle_type = (PyTypeObject *)add_type(module, &gbo_py_bundle_spec, NULL)))
        return -1;
    if (!(st->bundle_item_type = PyStructSequence_NewType(&gbo_py_bundle_item_desc)) ||
        PyModule_AddObjectRef(module, "BundleItem", (PyObject *)st->bundle_item_type) < 0 ||
        !(st->code_type = PyStructSequence_NewType(&gbo_py_code_desc)) ||
        PyModule_AddObjectRef(module, "Code", (PyObject *)st->code_type) < 0)
        return -1;
    {
        PyObject *datetime = PyImport_ImportModule("datetime");
        st->date_type = datetime ? PyObject_GetAttrString(datetime, "date") : NULL;
        Py_XDECREF(datetime);
        if (!st->date_type)
            return -1;
    }
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
    Py_VISIT(st->exchange_type);
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
    Py_CLEAR(st->exchange_type);
    Py_CLEAR(st->bundle_type);
    Py_CLEAR(st->bundle_item_type);
    Py_CLEAR(st->code_type);
    Py_CLEAR(st->date_type);
    return 0;
}

static void free_module(void *module)
{
    (void)clear_module((PyObject *)module);
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
