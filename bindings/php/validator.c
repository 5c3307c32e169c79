/* The gbo PHP extension: Gbo\Limits, Gbo\Validator and the one-off
 * Gbo\validate() / Gbo\validate_file(). Every validation runs on libgbo's
 * batch call; validateFiles() hands the library many documents at once, so
 * it checks them on every core (PHP itself has no threads), reading them
 * through PHP's streams into memory by the chunk. */
#include "gbo_php.h"

#include "zend_exceptions.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

zend_class_entry *gbo_ce_limits;
zend_class_entry *gbo_ce_validator;

/* ---- Gbo\Limits ---------------------------------------------------------- */

static const struct {
    const char *name;
    size_t offset;
    bool is_unsigned;
} limit_fields[] = {
    { "maxDocumentBytes", offsetof(gbo_limits, max_document_bytes), false },
    { "maxDepth", offsetof(gbo_limits, max_depth), true },
    { "maxElements", offsetof(gbo_limits, max_elements), false },
    { "maxTextBytes", offsetof(gbo_limits, max_text_bytes), false },
    { "maxAttributes", offsetof(gbo_limits, max_attributes), false },
    { "maxStartTagBytes", offsetof(gbo_limits, max_start_tag_bytes), false },
    { "maxNamespaces", offsetof(gbo_limits, max_namespaces), false },
};
#define LIMIT_FIELDS (sizeof limit_fields / sizeof *limit_fields)

static zend_long limit_get(const gbo_limits *l, size_t i)
{
    const char *p = (const char *)l + limit_fields[i].offset;
    return limit_fields[i].is_unsigned ? (zend_long) * (const unsigned *)p : (zend_long) * (const size_t *)p;
}

static void limit_set(gbo_limits *l, size_t i, zend_long value)
{
    char *p = (char *)l + limit_fields[i].offset;
    if (limit_fields[i].is_unsigned)
        *(unsigned *)p = (unsigned)value;
    else
        *(size_t *)p = (size_t)value;
}

ZEND_METHOD(Gbo_Limits, __construct)
{
    zend_long values[LIMIT_FIELDS];
    bool is_null[LIMIT_FIELDS];
    gbo_limits defaults;
    gbo_limits_init(&defaults);
    ZEND_PARSE_PARAMETERS_START(0, 7)
        Z_PARAM_OPTIONAL
        Z_PARAM_LONG_OR_NULL(values[0], is_null[0])
        Z_PARAM_LONG_OR_NULL(values[1], is_null[1])
        Z_PARAM_LONG_OR_NULL(values[2], is_null[2])
        Z_PARAM_LONG_OR_NULL(values[3], is_null[3])
        Z_PARAM_LONG_OR_NULL(values[4], is_null[4])
        Z_PARAM_LONG_OR_NULL(values[5], is_null[5])
        Z_PARAM_LONG_OR_NULL(values[6], is_null[6])
    ZEND_PARSE_PARAMETERS_END();
    for (size_t i = 0; i < LIMIT_FIELDS; i++) {
        bool given = i < (size_t)ZEND_NUM_ARGS() && !is_null[i];
        zend_long value = given ? values[i] : limit_get(&defaults, i);
        if (value < 1 || (limit_fields[i].is_unsigned && value > (zend_long)UINT_MAX)) {
            if (limit_fields[i].is_unsigned)
                zend_argument_value_error((uint32_t)i + 1, "must be between 1 and %u", UINT_MAX);
            else
                zend_argument_value_error((uint32_t)i + 1, "must be greater than 0");
            RETURN_THROWS();
        }
        zend_update_property_long(gbo_ce_limits, Z_OBJ_P(ZEND_THIS), limit_fields[i].name,
                                  strlen(limit_fields[i].name), value);
    }
}

/* The limits a ?Gbo\Limits stands for. */
static void limits_of(zval *obj, gbo_limits *out)
{
    gbo_limits_init(out);
    for (size_t i = 0; obj && i < LIMIT_FIELDS; i++) {
        zval rv, *value = zend_read_property(gbo_ce_limits, Z_OBJ_P(obj), limit_fields[i].name,
                                             strlen(limit_fields[i].name), 1, &rv);
        if (Z_TYPE_P(value) == IS_LONG)
            limit_set(out, i, Z_LVAL_P(value));
    }
}

/* ---- one run of the batch call ---------------------------------------------- */

typedef struct run {
    zval *results;        /* one array of diagnostics per input */
    zend_string **names;  /* each input's file name, or NULL */
    size_t base;          /* the results' index of input 0 */
    bool failed;
    gbo_error failure;
    zend_string *failed_name;
    bool bailed;          /* PHP bailed out (a fatal error) while making the objects */
} run;

/* Called on this thread, in input order. A fatal error while it makes PHP
 * objects (memory_limit) must not jump over libgbo's frames, whose workers
 * still run: it is caught, the run stops, and the caller bails out after. */
static int on_result(void *user, gbo_result *res)
{
    run *r = user;
    size_t input = gbo_result_input(res);
    if (gbo_result_status(res) != GBO_OK) {
        if (!r->failed) {
            r->failed = true;
            r->failure = *gbo_result_error(res);
            r->failure.status = gbo_result_status(res);
            r->failed_name = r->names[input];
        }
        return 0;
    }
    zend_try {
        gbo_php_diagnostics(&r->results[r->base + input], gbo_result_diagnostics(res), r->names[input],
                            gbo_result_index(res));
    } zend_catch {
        r->bailed = true;
    } zend_end_try();
    return r->bailed;
}

/* Run `inputs` (named `names`) into results[base...]; false with an exception.
 * `source`: the stream an input reads, if any, to learn of a bailout in it. */
static bool run_inputs(const gbo_validator *v, gbo_lang lang, gbo_inputs *inputs, unsigned jobs, zval *results,
                       zend_string **names, size_t base, gbo_php_source *source)
{
    run r = { results, names, base, false, { 0 }, NULL, false };
    gbo_error err;
    gbo_status status = gbo_validate_many(v, inputs, jobs, lang, on_result, &r, &err);
    if (r.bailed || (source && source->bailed)) {
        gbo_inputs_free(inputs); /* libgbo has returned: now PHP may unwind */
        zend_bailout();
    }
    if (status != GBO_OK) {
        if (!EG(exception))
            gbo_php_throw(&err, NULL, NULL);
        return false;
    }
    if (r.failed) {
        if (!EG(exception))
            gbo_php_throw(&r.failure, NULL, r.failed_name);
        return false;
    }
    return true;
}

void gbo_php_validate_one(const gbo_validator *v, gbo_lang lang, zend_string *xml, gbo_php_source *source,
                          zend_string *file, zval *return_value)
{
    gbo_inputs *inputs = gbo_inputs_new(NULL);
    zval results[1];
    gbo_error err;
    gbo_status status;
    if (!inputs)
        zend_error_noreturn(E_ERROR, "gbo: out of memory");
    status = xml ? gbo_inputs_add_memory(inputs, ZSTR_VAL(xml), ZSTR_LEN(xml), &err)
                 : gbo_inputs_add_io(inputs, gbo_php_read, source, &err);
    array_init(&results[0]);
    if (status != GBO_OK)
        gbo_php_throw(&err, NULL, file);
    else if (run_inputs(v, lang, inputs, 1, results, &file, 0, source)) {
        gbo_inputs_free(inputs);
        RETURN_COPY_VALUE(&results[0]);
    }
    gbo_inputs_free(inputs);
    zval_ptr_dtor(&results[0]);
}

/* ---- Gbo\Validator ------------------------------------------------------------ */

typedef struct validator_object {
    gbo_validator *v;
    gbo_codeset *codes; /* with the extensions; NULL: the built-in lists */
    gbo_lang lang;
    zend_object std;
} validator_object;

static zend_object_handlers validator_handlers;

static validator_object *validator_of(zend_object *obj)
{
    return (validator_object *)((char *)obj - XtOffsetOf(validator_object, std));
}

static zend_object *validator_create(zend_class_entry *ce)
{
    validator_object *self = zend_object_alloc(sizeof(validator_object), ce);
    zend_object_std_init(&self->std, ce);
    object_properties_init(&self->std, ce);
    self->std.handlers = &validator_handlers;
    return &self->std;
}

static void validator_free(zend_object *obj)
{
    validator_object *self = validator_of(obj);
    gbo_validator_free(self->v);
    gbo_codeset_free(self->codes);
    zend_object_std_dtor(obj);
}

/* A live validator, or NULL with an Error (a subclass's constructor did not run). */
static validator_object *live(zval *this)
{
    validator_object *self = validator_of(Z_OBJ_P(this));
    if (!self->v)
        zend_throw_error(NULL, "Gbo\\Validator was not constructed");
    return self->v ? self : NULL;
}

static gbo_status add_context(void *user, const gbo_entity *doc, gbo_error *err)
{
    return gbo_validator_add_context(user, doc, err);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(ZSTR_VAL(*(zend_string *const *)a), ZSTR_VAL(*(zend_string *const *)b));
}

/* One context path: a document or bundle, or a directory of them (its *.xml
 * files, sorted, as the gbo tool reads one). 0, or -1 with an exception. */
static int add_context_path(validator_object *self, zend_string *path, const gbo_limits *limits)
{
    php_stream *dir, *stream;
    int rc = 0;
    if (!gbo_php_allowed(path))
        return -1;
    dir = php_stream_opendir(ZSTR_VAL(path), 0, NULL);
    if (dir) {
        php_stream_dirent entry;
        zend_string **names = NULL;
        size_t count = 0;
        size_t dirlen = ZSTR_LEN(path);
        while (dirlen > 1 && ZSTR_VAL(path)[dirlen - 1] == '/')
            dirlen--;
        while (php_stream_readdir(dir, &entry)) {
            size_t len = strlen(entry.d_name);
            php_stream_statbuf info;
            zend_string *name;
            if (entry.d_name[0] == '.' || len <= 4 || strcmp(entry.d_name + len - 4, ".xml") != 0)
                continue;
            name = zend_strpprintf(0, "%.*s/%s", (int)dirlen, ZSTR_VAL(path), entry.d_name);
            /* regular files only, as the gbo tool takes them (a FIFO would block) */
            if (php_stream_stat_path_ex(ZSTR_VAL(name), PHP_STREAM_URL_STAT_QUIET, &info, NULL) != 0 ||
                !S_ISREG(info.sb.st_mode)) {
                zend_string_release(name);
                continue;
            }
            names = safe_erealloc(names, count + 1, sizeof *names, 0);
            names[count++] = name;
        }
        php_stream_closedir(dir);
        if (count)
            qsort(names, count, sizeof *names, compare_names);
        for (size_t i = 0; i < count; i++) {
            if (rc == 0)
                rc = add_context_path(self, names[i], limits);
            zend_string_release(names[i]);
        }
        efree(names);
        return rc;
    }
    if (!(stream = gbo_php_open(path)))
        return -1;
    rc = gbo_php_each_document(stream, path, limits, self->lang, add_context, self->v);
    php_stream_close(stream);
    return rc;
}

static bool load_extension(gbo_codeset *codes, zend_string *path)
{
    php_stream *stream = gbo_php_open(path);
    zend_string *data = NULL;
    gbo_error err;
    bool ok = false;
    int read;
    if (!stream)
        return false;
    read = gbo_php_read_head(stream, path, 64u << 20, &data);
    php_stream_close(stream);
    if (read < 0)
        ;
    else if (read > 0)
        zend_throw_exception_ex(gbo_ce_exception, 0, "%s: a code-list extension larger than 64 MiB",
                                ZSTR_VAL(path));
    else if (gbo_codeset_load_extension_memory(codes, ZSTR_VAL(data), ZSTR_LEN(data), &err) != GBO_OK)
        gbo_php_throw(&err, NULL, path);
    else
        ok = true;
    if (data)
        zend_string_release(data);
    return ok;
}

ZEND_METHOD(Gbo_Validator, __construct)
{
    validator_object *self = validator_of(Z_OBJ_P(ZEND_THIS));
    zend_string *lang = NULL;
    HashTable *context = NULL, *extensions = NULL;
    zval *limits_obj = NULL, *item;
    gbo_limits limits;
    gbo_error err;

    ZEND_PARSE_PARAMETERS_START(0, 4)
        Z_PARAM_OPTIONAL
        Z_PARAM_STR_OR_NULL(lang)
        Z_PARAM_ARRAY_HT(context)
        Z_PARAM_ARRAY_HT(extensions)
        Z_PARAM_OBJECT_OF_CLASS_OR_NULL(limits_obj, gbo_ce_limits)
    ZEND_PARSE_PARAMETERS_END();

    if (self->v) {
        zend_throw_error(NULL, "Gbo\\Validator is already constructed");
        RETURN_THROWS();
    }
    if (!gbo_php_lang(lang, 1, &self->lang))
        RETURN_THROWS();
    limits_of(limits_obj, &limits);
    if (extensions && zend_hash_num_elements(extensions)) {
        if (!(self->codes = gbo_codeset_new(&err))) {
            gbo_php_throw(&err, NULL, NULL);
            RETURN_THROWS();
        }
        ZEND_HASH_FOREACH_VAL(extensions, item) {
            ZVAL_DEREF(item);
            if (Z_TYPE_P(item) != IS_STRING) {
                zend_argument_type_error(3, "must contain only strings (paths), %s given", zend_zval_type_name(item));
                RETURN_THROWS();
            }
            if (!load_extension(self->codes, Z_STR_P(item)))
                RETURN_THROWS();
        } ZEND_HASH_FOREACH_END();
    }
    if (!(self->v = gbo_validator_new(self->codes, &err))) {
        gbo_php_throw(&err, NULL, NULL);
        RETURN_THROWS();
    }
    gbo_validator_set_limits(self->v, &limits);
    if (context) {
        ZEND_HASH_FOREACH_VAL(context, item) {
            ZVAL_DEREF(item);
            if (Z_TYPE_P(item) != IS_STRING) {
                zend_argument_type_error(2, "must contain only strings (paths), %s given", zend_zval_type_name(item));
                break;
            }
            if (add_context_path(self, Z_STR_P(item), &limits) < 0)
                break;
        } ZEND_HASH_FOREACH_END();
    }
    if (EG(exception)) { /* a half-made validator must not be used */
        gbo_validator_free(self->v);
        self->v = NULL;
        RETURN_THROWS();
    }
}

ZEND_METHOD(Gbo_Validator, validateString)
{
    zend_string *xml;
    validator_object *self;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(xml)
    ZEND_PARSE_PARAMETERS_END();
    if (!(self = live(ZEND_THIS)))
        RETURN_THROWS();
    gbo_php_validate_one(self->v, self->lang, xml, NULL, NULL, return_value);
}

ZEND_METHOD(Gbo_Validator, validateFile)
{
    zend_string *path;
    validator_object *self;
    php_stream *stream;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_PATH_STR(path)
    ZEND_PARSE_PARAMETERS_END();
    if (!(self = live(ZEND_THIS)) || !(stream = gbo_php_open(path)))
        RETURN_THROWS();
    {
        gbo_php_source source = { stream, NULL, 0, false };
        gbo_php_validate_one(self->v, self->lang, NULL, &source, path, return_value);
    }
    php_stream_close(stream);
}

/* How much document text one run of validateFiles() holds at most. */
#define CHUNK_BYTES ((size_t)64 << 20)

/* Validate files [first, end), read into data[], in one batch run on every
 * core; their texts are released. */
static bool run_chunk(validator_object *self, zend_string **names, zend_string **data, zval *results, size_t first,
                      size_t end)
{
    gbo_inputs *inputs;
    gbo_error err;
    bool ok = true;
    if (first >= end)
        return true;
    if (!(inputs = gbo_inputs_new(NULL)))
        zend_error_noreturn(E_ERROR, "gbo: out of memory");
    for (size_t k = first; ok && k < end; k++)
        if (gbo_inputs_add_memory(inputs, ZSTR_VAL(data[k]), ZSTR_LEN(data[k]), &err) != GBO_OK) {
            gbo_php_throw(&err, NULL, names[k]);
            ok = false;
        }
    ok = ok && run_inputs(self->v, self->lang, inputs, 0, results, names + first, first, NULL);
    gbo_inputs_free(inputs);
    for (size_t k = first; k < end; k++) {
        zend_string_release(data[k]);
        data[k] = NULL;
    }
    return ok;
}

ZEND_METHOD(Gbo_Validator, validateFiles)
{
    HashTable *paths;
    validator_object *self;
    zend_string **names, **data;
    zval *results, *item;
    size_t n, count = 0, first = 0, held = 0;
    bool ok = true;

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ARRAY_HT(paths)
    ZEND_PARSE_PARAMETERS_END();
    if (!(self = live(ZEND_THIS)))
        RETURN_THROWS();
    n = zend_hash_num_elements(paths);
    names = ecalloc(n + 1, sizeof *names);
    data = ecalloc(n + 1, sizeof *data);
    results = safe_emalloc(n + 1, sizeof *results, 0);
    ZEND_HASH_FOREACH_VAL(paths, item) {
        ZVAL_DEREF(item);
        if (Z_TYPE_P(item) != IS_STRING) {
            zend_argument_type_error(1, "must contain only strings (paths), %s given", zend_zval_type_name(item));
            ok = false;
            break;
        }
        names[count] = zend_string_copy(Z_STR_P(item));
        array_init(&results[count++]);
    } ZEND_HASH_FOREACH_END();

    /* files read whole into chunks of at most CHUNK_BYTES, each chunk one
     * batch run; a file larger than a chunk is validated alone, as a stream
     * (what was read of it first given again) */
    for (size_t i = 0; ok && i < count; i++) {
        php_stream *stream = gbo_php_open(names[i]);
        zend_string *text = NULL;
        int read;
        if (!stream || (read = gbo_php_read_head(stream, names[i], CHUNK_BYTES, &text)) < 0) {
            if (stream)
                php_stream_close(stream);
            ok = false;
            break;
        }
        if (read == 0) {
            php_stream_close(stream);
            if (held + ZSTR_LEN(text) > CHUNK_BYTES) {
                ok = run_chunk(self, names, data, results, first, i);
                first = i;
                held = 0;
            }
            data[i] = text;
            held += ZSTR_LEN(text);
            continue;
        }
        ok = run_chunk(self, names, data, results, first, i);
        if (ok) {
            gbo_php_source source = { stream, text, 0, false };
            zval single;
            ZVAL_UNDEF(&single);
            gbo_php_validate_one(self->v, self->lang, NULL, &source, names[i], &single);
            if (EG(exception))
                ok = false;
            else {
                zval_ptr_dtor(&results[i]);
                ZVAL_COPY_VALUE(&results[i], &single);
            }
        }
        php_stream_close(stream);
        if (text)
            zend_string_release(text);
        first = i + 1;
        held = 0;
    }
    ok = ok && run_chunk(self, names, data, results, first, count);
    if (ok) {
        array_init_size(return_value, (uint32_t)count);
        for (size_t k = 0; k < count; k++)
            add_next_index_zval(return_value, &results[k]);
    } else
        for (size_t k = 0; k < count; k++)
            zval_ptr_dtor(&results[k]);
    for (size_t k = 0; k < count; k++) {
        zend_string_release(names[k]);
        if (data[k])
            zend_string_release(data[k]);
    }
    efree(names);
    efree(data);
    efree(results);
}

ZEND_METHOD(Gbo_Validator, getLang)
{
    validator_object *self;
    ZEND_PARSE_PARAMETERS_NONE();
    if (!(self = live(ZEND_THIS)))
        RETURN_THROWS();
    RETURN_STRING(gbo_lang_tag(self->lang));
}

/* ---- Gbo\validate(), Gbo\validate_file() ----------------------------------------- */

gbo_validator *gbo_php_shared_validator(void)
{
    gbo_error err;
    if (!GBO_G(shared_validator) && !(GBO_G(shared_validator) = gbo_validator_new(NULL, &err)))
        gbo_php_throw(&err, NULL, NULL);
    return GBO_G(shared_validator);
}

ZEND_FUNCTION(Gbo_validate)
{
    zend_string *xml, *lang_tag = NULL;
    gbo_validator *v;
    gbo_lang lang;
    ZEND_PARSE_PARAMETERS_START(1, 2)
        Z_PARAM_STR(xml)
        Z_PARAM_OPTIONAL
        Z_PARAM_STR_OR_NULL(lang_tag)
    ZEND_PARSE_PARAMETERS_END();
    if (!gbo_php_lang(lang_tag, 2, &lang) || !(v = gbo_php_shared_validator()))
        RETURN_THROWS();
    gbo_php_validate_one(v, lang, xml, NULL, NULL, return_value);
}

ZEND_FUNCTION(Gbo_validate_file)
{
    zend_string *path, *lang_tag = NULL;
    gbo_validator *v;
    php_stream *stream;
    gbo_lang lang;
    ZEND_PARSE_PARAMETERS_START(1, 2)
        Z_PARAM_PATH_STR(path)
        Z_PARAM_OPTIONAL
        Z_PARAM_STR_OR_NULL(lang_tag)
    ZEND_PARSE_PARAMETERS_END();
    if (!gbo_php_lang(lang_tag, 2, &lang) || !(v = gbo_php_shared_validator()) || !(stream = gbo_php_open(path)))
        RETURN_THROWS();
    {
        gbo_php_source source = { stream, NULL, 0, false };
        gbo_php_validate_one(v, lang, NULL, &source, path, return_value);
    }
    php_stream_close(stream);
}

void gbo_php_register_validator(void)
{
    memcpy(&validator_handlers, zend_get_std_object_handlers(), sizeof validator_handlers);
    validator_handlers.offset = XtOffsetOf(validator_object, std);
    validator_handlers.free_obj = validator_free;
    validator_handlers.clone_obj = NULL;
    gbo_ce_validator->create_object = validator_create;
}
