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

#include <stdbool.h>

typedef struct gbo_py_state {
    PyObject *error;          /* gbo.Error */
    PyObject *document_error; /* gbo.DocumentError(gbo.Error) */
    PyObject *invalid_value_error; /* gbo.InvalidValueError(gbo.Error, ValueError) */
    PyObject *consent_error;  /* gbo.ConsentError(gbo.Error) */
    PyTypeObject *diagnostic_type;
    PyTypeObject *codes_type;
    PyTypeObject *validator_type;
    PyTypeObject *entity_type;                  /* gbo.Entity, the base of the kinds */
    PyTypeObject *kind_types[GBO_KIND_COUNT];   /* gbo.Exchange, gbo.Person, … */
    PyObject *members[GBO_KIND_COUNT];          /* dict: attribute name -> field (int) */
    void *model_memory[GBO_KIND_COUNT];         /* each kind type's names and getsets */
    PyTypeObject *field_list_type;
    PyTypeObject *consent_context_type;
    PyTypeObject *decision_type;                /* a struct sequence */
    PyTypeObject *history_type;
    PyTypeObject *propagation_type;
    PyTypeObject *stats_type;
    PyTypeObject *stats_row_type;               /* a struct sequence */
    PyTypeObject *identifier_check_type;        /* a struct sequence */
    PyTypeObject *national_number_type;         /* a struct sequence */
    PyObject *datetime_type;                    /* datetime.datetime */
    PyObject *utc;                              /* datetime.timezone.utc */
    PyObject *birth_date_type;                  /* gbo.BirthDate (gbo/_values.py) */
    PyTypeObject *bundle_type;
    PyTypeObject *bundle_item_type; /* a struct sequence */
    PyTypeObject *code_type;        /* a struct sequence */
    PyObject *date_type;            /* datetime.date */
} gbo_py_state;

extern PyModuleDef gbo_py_module;

gbo_py_state *gbo_py_state_of_type(PyTypeObject *type);
gbo_py_state *gbo_py_state_of_module(PyObject *module);

/* A new struct sequence of `type` holding the n values (new references it
 * takes, also on failure); NULL when one of them is NULL (its exception set:
 * make each value only while the ones before it succeeded) or on no memory. */
PyObject *gbo_py_struct_new(PyTypeObject *type, PyObject **values, Py_ssize_t n);
/* add(self, document) for each document of an iterable (NULL: none), as the
 * constructors that take documents do; -1 with the first exception. */
int gbo_py_add_each(PyObject *self, PyObject *documents, PyObject *(*add)(PyObject *self, PyObject *document));

/* ---- errors (errors.c) ------------------------------------------------- */

/* Raise the Python exception for a failed call: MemoryError, OSError (with
 * errno and filename), ValueError for a bad argument or value,
 * gbo.DocumentError for a refused document (with its diagnostics), else
 * gbo.Error. `saved_errno` is errno right after the call (for GBO_E_IO).
 * Returns NULL. */
PyObject *gbo_py_raise(gbo_py_state *st, const gbo_error *err, int saved_errno, PyObject *filename,
                       const gbo_diagnostics *diags);

/* Raise `cls` (gbo.DocumentError, gbo.ConsentError) for a refused document:
 * the first error's rule, line, column and path, and every diagnostic. */
PyObject *gbo_py_raise_refusal(gbo_py_state *st, PyObject *cls, const gbo_error *err, PyObject *filename,
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
extern PyType_Spec gbo_py_entity_spec;
extern PyType_Spec gbo_py_field_list_spec;
extern PyType_Spec gbo_py_consent_context_spec;
extern PyStructSequence_Desc gbo_py_decision_desc;
extern PyType_Spec gbo_py_history_spec;
extern PyType_Spec gbo_py_propagation_spec;
extern PyType_Spec gbo_py_stats_spec;
extern PyStructSequence_Desc gbo_py_stats_row_desc;
extern PyStructSequence_Desc gbo_py_identifier_check_desc;
extern PyStructSequence_Desc gbo_py_national_number_desc;
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
/* The methods only an exchange has (to_xml, minimise), for its kind type. */
extern PyMethodDef gbo_py_exchange_methods[];
/* gbo.codes(list, lang=None) */
PyObject *gbo_py_codes_list(PyObject *module, PyObject *args, PyObject *kwargs);
/* gbo.open_bundle(source, *, limits=None, lang=None) */
PyObject *gbo_py_open_bundle(PyObject *module, PyObject *args, PyObject *kwargs);


/* ---- the object model (model.c, field_list.c, values.c) ----------------
 *
 * Every wrapper of an entity belongs to a root: the tree it lives in, owned
 * by the root and freed with its last wrapper. A root keeps a registry of its
 * live wrappers; removing a child from the tree (del, replacing a single
 * child, assigning a list) detaches the wrappers into that subtree, which then
 * raise ReferenceError.
 *
 * Thread safety: the trees are only read and changed with the GIL held, and
 * to_xml() writes a copy it takes with the GIL held, so nothing touches a
 * tree without the GIL. Any Python code (a value's conversion, a finalizer
 * the collector runs, a wait that gives the GIL up) may change a tree: a
 * method reads the entity it works on (gbo_py_entity_of) after the last such
 * call, and then changes the tree without running Python code. */
typedef struct gbo_py_root gbo_py_root;

typedef struct gbo_py_entity {
    PyObject_HEAD
    gbo_py_root *root;   /* the tree this entity lives in (a counted reference) */
    gbo_entity *entity;  /* in the root's tree; NULL once removed from it */
    size_t slot;         /* its index in the root's registry */
} gbo_py_entity;

/* Create the kind types from the field table (module initialisation). */
int gbo_py_model_init(PyObject *module, gbo_py_state *st);
/* _gbo._model(): the classes and their fields, for generate_stubs.py. */
PyObject *gbo_py_model_table(PyObject *module, PyObject *unused);
void gbo_py_model_free(gbo_py_state *st);

/* A new wrapper for `entity` of `root`'s tree (root NULL: `entity` is a new
 * tree the wrapper's root takes, freed on failure). */
PyObject *gbo_py_wrap(gbo_py_state *st, gbo_py_root *root, gbo_entity *entity);
/* The entity a live wrapper stands for; NULL with ReferenceError when it was
 * removed from its tree, or TypeError when `obj` is not an entity of `kind`
 * (GBO_KIND_NONE: any). */
gbo_entity *gbo_py_entity_of(gbo_py_state *st, PyObject *obj, gbo_kind kind);
/* The entities a change is about to free: gathered before the change (which
 * can fail for want of memory), detached from their wrappers after it. */
typedef struct gbo_py_doomed {
    const gbo_entity **items;
    size_t count, cap;
} gbo_py_doomed;
/* Add `subtree` and everything below it; -1 with MemoryError. */
int gbo_py_doomed_add(gbo_py_doomed *doomed, const gbo_entity *subtree);
/* Detach the wrappers of `self`'s tree into the doomed entities, and clear. */
void gbo_py_doomed_detach(gbo_py_entity *self, gbo_py_doomed *doomed);
void gbo_py_doomed_clear(gbo_py_doomed *doomed);

/* A new entity of `kind` made from `value`: a copy of an entity wrapper of
 * that kind, or built from a dict with the XML names as keys. NULL with an
 * exception. `name` names the field for errors. */
gbo_entity *gbo_py_entity_from(gbo_py_state *st, gbo_kind kind, PyObject *value, PyObject *name);
/* Set / add one scalar value; -1 with an exception (InvalidValueError with
 * `name` as its field, TypeError). */
int gbo_py_set_scalar(gbo_py_entity *self, gbo_field field, PyObject *value, PyObject *name, bool add);
/* Replace every value of a repeated field, or the single child of an entity
 * field, all or nothing; value None clears. -1 with an exception. */
int gbo_py_set_field(gbo_py_entity *self, gbo_field field, PyObject *value, PyObject *name);
/* Append every value of an iterable to a repeated field, all or nothing. */
int gbo_py_extend_field(gbo_py_entity *self, gbo_field field, PyObject *values, PyObject *name);
/* Remove value `index` of `field` (detaching a child's wrappers). */
int gbo_py_remove_value(gbo_py_entity *self, gbo_field field, size_t index);
/* Set fields from keyword arguments (attribute names); -1 with an exception. */
int gbo_py_set_keywords(gbo_py_entity *self, PyObject *kwargs);
/* Value `index` of `field` as a Python object (a wrapper for a child). */
PyObject *gbo_py_get_value(gbo_py_entity *self, gbo_field field, size_t index);
/* A live list of a repeated field's values (gbo.FieldList). */
PyObject *gbo_py_field_list_new(gbo_py_state *st, gbo_py_entity *owner, gbo_field field);
/* The attribute name of a field in Python (its member name, '_' after a keyword). */
PyObject *gbo_py_field_attribute(gbo_py_state *st, gbo_field field);

/* Values (values.c): the Python value for a field's canonical text, and the
 * text to give libgbo for a Python value (a new str; NULL with TypeError or
 * InvalidValueError). */
PyObject *gbo_py_value_from_text(gbo_py_state *st, gbo_field field, const char *text);
PyObject *gbo_py_value_to_text(gbo_py_state *st, gbo_field field, PyObject *value, PyObject *name);
/* The UTF-8 of a str to give libgbo; NULL with TypeError (not a str),
 * InvalidValueError (it holds a NUL, which C would cut it at) or
 * UnicodeEncodeError (a lone surrogate). `name` (may be NULL) names it. */
const char *gbo_py_utf8(gbo_py_state *st, PyObject *text, PyObject *name);
/* An aware datetime given as argument `name` as a gbo_time; -1 with
 * TypeError or InvalidValueError. */
int gbo_py_time(gbo_py_state *st, PyObject *value, const char *name, gbo_time *out);
/* Raise gbo.InvalidValueError for a refused value of field `name`. */
PyObject *gbo_py_raise_invalid(gbo_py_state *st, const gbo_error *err, PyObject *name);

/* Dicts (dict.c): an entity as a dict with the XML names as keys, and back. */
PyObject *gbo_py_entity_to_dict(gbo_py_state *st, const gbo_entity *entity);
gbo_entity *gbo_py_entity_from_dict(gbo_py_state *st, gbo_kind kind, PyObject *dict);
#define GBO_PY_EXTENSIONS_KEY "#extensions"

/* Consent (consent.c): gbo.evaluate_consent(). */
PyObject *gbo_py_evaluate_consent(PyObject *module, PyObject *args, PyObject *kwargs);
/* Lock the libgbo context a gbo.ConsentContext holds, for a call that runs
 * without the GIL; *out is NULL for None. -1 with TypeError. */
int gbo_py_consent_context_acquire(gbo_py_state *st, PyObject *obj, const gbo_consent_context **out);
void gbo_py_consent_context_release(gbo_py_state *st, PyObject *obj);


/* Lifecycle (lifecycle.c) and identifiers (identifiers.c): module functions. */
PyObject *gbo_py_lifecycle_step(PyObject *module, PyObject *args, PyObject *kwargs);
PyObject *gbo_py_lifecycle_is_terminal(PyObject *module, PyObject *status);
PyObject *gbo_py_check_national_number(PyObject *module, PyObject *args, PyObject *kwargs);
PyObject *gbo_py_check_enterprise_number(PyObject *module, PyObject *number);
PyObject *gbo_py_check_establishment_number(PyObject *module, PyObject *number);

#endif
