/* The gbo PHP extension: Gbo\Exchange, one exchange document read into
 * libgbo's model, and Gbo\parse() / Gbo\parse_file(). toXml() is the
 * canonical form, the bytes `gbo format` writes. (The model's fields come
 * with part 2 of the binding.) */
#include "gbo_php.h"

#include "zend_exceptions.h"

zend_class_entry *gbo_ce_exchange;

typedef struct exchange_object {
    gbo_entity *doc;
    zend_object std;
} exchange_object;

static zend_object_handlers exchange_handlers;

static exchange_object *exchange_of(zend_object *obj)
{
    return (exchange_object *)((char *)obj - XtOffsetOf(exchange_object, std));
}

static zend_object *exchange_create(zend_class_entry *ce)
{
    exchange_object *self = zend_object_alloc(sizeof(exchange_object), ce);
    zend_object_std_init(&self->std, ce);
    object_properties_init(&self->std, ce);
    self->std.handlers = &exchange_handlers;
    return &self->std;
}

static void exchange_free(zend_object *obj)
{
    gbo_entity_free(exchange_of(obj)->doc);
    zend_object_std_dtor(obj);
}

static zend_object *exchange_clone(zend_object *old)
{
    zend_object *new_obj = exchange_create(old->ce);
    exchange_object *from = exchange_of(old);
    zend_objects_clone_members(new_obj, old);
    if (from->doc && !(exchange_of(new_obj)->doc = gbo_entity_copy(from->doc, NULL)))
        zend_error_noreturn(E_ERROR, "gbo: out of memory");
    return new_obj;
}

void gbo_php_exchange_new(zval *out, gbo_entity *doc)
{
    object_init_ex(out, gbo_ce_exchange);
    exchange_of(Z_OBJ_P(out))->doc = doc;
}

/* Read a document from a string or a stream into return_value. */
static void parse_into(zend_string *xml, gbo_php_source *source, zend_string *file, zval *return_value)
{
    gbo_diagnostics *diags = gbo_diagnostics_new(NULL);
    gbo_entity *doc = NULL;
    gbo_limits limits;
    gbo_error err;
    gbo_status status;
    if (!diags)
        zend_error_noreturn(E_ERROR, "gbo: out of memory");
    gbo_limits_init(&limits);
    status = xml ? gbo_exchange_read_memory(ZSTR_VAL(xml), ZSTR_LEN(xml), &limits, &doc, diags, &err)
                 : gbo_exchange_read_io(gbo_php_read, source, &limits, &doc, diags, &err);
    if (source && source->bailed) { /* a fatal error in the stream wrapper, caught in the read */
        gbo_entity_free(doc);
        gbo_diagnostics_free(diags);
        zend_bailout();
    }
    if (EG(exception))
        gbo_entity_free(doc); /* the stream wrapper threw: that exception stands */
    else if (status != GBO_OK)
        gbo_php_throw(&err, diags, file);
    else
        gbo_php_exchange_new(return_value, doc);
    gbo_diagnostics_free(diags);
}

static void parse_string(INTERNAL_FUNCTION_PARAMETERS)
{
    zend_string *xml;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(xml)
    ZEND_PARSE_PARAMETERS_END();
    parse_into(xml, NULL, NULL, return_value);
}

static void parse_path(INTERNAL_FUNCTION_PARAMETERS)
{
    zend_string *path;
    php_stream *stream;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_PATH_STR(path)
    ZEND_PARSE_PARAMETERS_END();
    if (!(stream = gbo_php_open(path)))
        RETURN_THROWS();
    {
        gbo_php_source source = { stream, NULL, 0, false };
        parse_into(NULL, &source, path, return_value);
    }
    php_stream_close(stream);
}

ZEND_FUNCTION(Gbo_parse)
{
    parse_string(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

ZEND_FUNCTION(Gbo_parse_file)
{
    parse_path(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

ZEND_METHOD(Gbo_Exchange, __construct)
{
    ZEND_PARSE_PARAMETERS_NONE();
}

ZEND_METHOD(Gbo_Exchange, fromString)
{
    parse_string(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

ZEND_METHOD(Gbo_Exchange, fromFile)
{
    parse_path(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

ZEND_METHOD(Gbo_Exchange, toXml)
{
    exchange_object *self = exchange_of(Z_OBJ_P(ZEND_THIS));
    gbo_diagnostics *diags;
    char *out = NULL;
    size_t size = 0;
    gbo_error err;
    ZEND_PARSE_PARAMETERS_NONE();
    if (!self->doc) {
        zend_throw_error(NULL, "Gbo\\Exchange was not read");
        RETURN_THROWS();
    }
    if (!(diags = gbo_diagnostics_new(NULL)))
        zend_error_noreturn(E_ERROR, "gbo: out of memory");
    if (gbo_exchange_write_checked(self->doc, NULL, &out, &size, diags, &err) != GBO_OK)
        gbo_php_throw(&err, diags, NULL);
    else
        RETVAL_STRINGL(out, size);
    gbo_free(out);
    gbo_diagnostics_free(diags);
}

void gbo_php_register_exchange(void)
{
    memcpy(&exchange_handlers, zend_get_std_object_handlers(), sizeof exchange_handlers);
    exchange_handlers.offset = XtOffsetOf(exchange_object, std);
    exchange_handlers.free_obj = exchange_free;
    exchange_handlers.clone_obj = exchange_clone;
    gbo_ce_exchange->create_object = exchange_create;
}
