/* The gbo Python package's C extension (gbo._gbo): what its files share.
 *
 * Multi-phase initialisation (PEP 489); every type is a heap type made from a
 * spec, and everything the module needs lives in its state, found from a
 * type with PyType_GetModuleByDef(): no C globals. The library does the
 * work; this extension maps objects, sources and errors. */
#ifndef GBO_PY_MODULE_H
#define GBO_PY_MODULE_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <gbo/gbo.h>

typedef struct gbo_py_state {
    PyObject *error;          /* gbo.Error */
    PyObject *document_error; /* gbo.DocumentError(gbo.Error) */
    PyTypeObject *diagnostic_type;
    PyTypeObject *codes_type;
    PyTypeObject *validator_type;
    PyTypeObject *exchange_type;
    PyTypeObject *bundle_type;
    PyTypeObject *bundle_item_type; /* a struct sequence */
    PyTypeObject *code_type;        /* a struct sequence */
    PyObject *date_type;            /* datetime.date */
} gbo_py_state;

extern PyModuleDef gbo_py_module;

gbo_py_state *gbo_py_state_of_type(PyTypeObject *type);
gbo_py_state *gbo_py_state_of_module(PyObject *module);

/* ---- errors (errors.c) ------------------------------------------------- */

/* Raise the Python exception for a failed call: MemoryError, OSError (with
 * errno and filename), ValueError for a bad argument or value,
 * gbo.DocumentError for a refused document (with its diagnostics), else
 * gbo.Error. `saved_errno` is errno right after the call (for GBO_E_IO).
 * Returns NULL. */
PyObject *gbo_py_raise(gbo_py_state *st, const gbo_error *err, int saved_errno, PyObject *filename,
                       const gbo_diagnostics *diags);

/* ---- sources (source.c) ------------------------------------------------ */

/* What a document comes from: a path, bytes-like data, or a binary file
 * object read through the library's callback. */
typedef struct gbo_py_source {
    enum { GBO_PY_PATH, GBO_PY_BUFFER, GBO_PY_FILE } kind;
    PyObject *path;     /* bytes (the file system encoding), for GBO_PY_PATH */
    PyObject *name;     /* str: the path as given; NULL for the others */
    Py_buffer view;     /* GBO_PY_BUFFER */
    PyObject *file;     /* GBO_PY_FILE */
} gbo_py_source;

/* Fill *src from `obj`; false with TypeError or another exception set. */
int gbo_py_source_init(gbo_py_source *src, PyObject *obj);
void gbo_py_source_clear(gbo_py_source *src);

/* The state of a call that runs with the GIL released and may call back into
 * Python (a file object's readinto, the result handler): the callback takes
 * the GIL with the saved thread state and gives it back. The first Python
 * exception a callback meets is kept, and raised when the call returns. */
typedef struct gbo_py_unlocked {
    PyThreadState *tstate;
    PyObject *exc_type, *exc_value, *exc_tb;
} gbo_py_unlocked;

void gbo_py_unlock(gbo_py_unlocked *u);
void gbo_py_relock(gbo_py_unlocked *u);
/* With the GIL held: keep the current exception, if it is the first. */
void gbo_py_keep_error(gbo_py_unlocked *u);
/* With the GIL held after relocking: raise a kept exception (true). */
int gbo_py_restore_error(gbo_py_unlocked *u);

/* A file object source being read with the GIL released. */
typedef struct gbo_py_reader {
    PyObject *file;
    gbo_py_unlocked *unlocked;
} gbo_py_reader;

/* gbo_read_fn over a binary file object (readinto, else read). */
ptrdiff_t gbo_py_read(void *reader, char *buffer, size_t size);

/* ---- options (options.c) ----------------------------------------------- */

/* The limits a gbo.Limits (or None) stands for; false with an exception. */
int gbo_py_limits(PyObject *obj, gbo_limits *out);
/* The limits' fields and defaults, for gbo.Limits: a tuple of (name, value). */
PyObject *gbo_py_limit_fields(void);
/* "nl", "fr", "de", "en", or None for the locale's. */
int gbo_py_lang(PyObject *obj, gbo_lang *out);

/* ---- types ------------------------------------------------------------- */

extern PyType_Spec gbo_py_diagnostic_spec;
extern PyType_Spec gbo_py_codes_spec;
extern PyType_Spec gbo_py_validator_spec;
extern PyType_Spec gbo_py_exchange_spec;
extern PyType_Spec gbo_py_bundle_spec;
extern PyStructSequence_Desc gbo_py_bundle_item_desc;
extern PyStructSequence_Desc gbo_py_code_desc;

/* A new gbo.Diagnostic for d; `file` (str) may be NULL. */
PyObject *gbo_py_diagnostic_new(gbo_py_state *st, const gbo_diagnostic *d, PyObject *file, size_t index);
/* A list of gbo.Diagnostic for every diagnostic of `diags` (may be NULL). */
PyObject *gbo_py_diagnostic_list(gbo_py_state *st, const gbo_diagnostics *diags, PyObject *file,
                                 size_t index);

/* The code lists a gbo.Codes holds (borrowed from it). */
const gbo_codeset *gbo_py_codes_codeset(PyObject *codes);
/* A new gbo.Codes with `extensions` loaded (an iterable of sources). */
PyObject *gbo_py_codes_with(gbo_py_state *st, PyObject *extensions);

/* gbo.parse(source, *, limits=None) */
PyObject *gbo_py_parse(PyObject *module, PyObject *args, PyObject *kwargs);
/* A new gbo.Exchange owning `doc` (freed on failure). */
PyObject *gbo_py_exchange_new(gbo_py_state *st, gbo_entity *doc);
/* gbo.codes(list, lang=None) */
PyObject *gbo_py_codes_list(PyObject *module, PyObject *args, PyObject *kwargs);
/* gbo.open_bundle(source, *, limits=None, lang=None) */
PyObject *gbo_py_open_bundle(PyObject *module, PyObject *args, PyObject *kwargs);

#endif
