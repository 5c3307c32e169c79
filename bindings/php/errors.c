/* The gbo PHP extension: libgbo's failures as exceptions, and findings as
 * Gbo\Diagnostic objects. */
#include "gbo_php.h"

#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "zend_smart_str.h"

#include <errno.h>
#include <string.h>

void gbo_php_diagnostic(zval *out, const gbo_diagnostic *d, zend_string *file, size_t index)
{
    zend_object *obj;
    object_init_ex(out, gbo_ce_diagnostic);
    obj = Z_OBJ_P(out);
    zend_update_property_string(gbo_ce_diagnostic, obj, "rule", sizeof "rule" - 1, gbo_diagnostic_rule(d));
    zend_update_property_string(gbo_ce_diagnostic, obj, "severity", sizeof "severity" - 1,
                                gbo_severity_name(gbo_diagnostic_severity(d)));
    zend_update_property_long(gbo_ce_diagnostic, obj, "line", sizeof "line" - 1, (zend_long)gbo_diagnostic_line(d));
    zend_update_property_long(gbo_ce_diagnostic, obj, "column", sizeof "column" - 1,
                              (zend_long)gbo_diagnostic_column(d));
    zend_update_property_string(gbo_ce_diagnostic, obj, "path", sizeof "path" - 1, gbo_diagnostic_path(d));
    zend_update_property_string(gbo_ce_diagnostic, obj, "message", sizeof "message" - 1, gbo_diagnostic_message(d));
    if (file)
        zend_update_property_str(gbo_ce_diagnostic, obj, "file", sizeof "file" - 1, file);
    else
        zend_update_property_null(gbo_ce_diagnostic, obj, "file", sizeof "file" - 1);
    zend_update_property_long(gbo_ce_diagnostic, obj, "documentIndex", sizeof "documentIndex" - 1, (zend_long)index);
}

void gbo_php_diagnostics(zval *list, const gbo_diagnostics *diags, zend_string *file, size_t index)
{
    for (size_t i = 0, n = diags ? gbo_diagnostics_count(diags) : 0; i < n; i++) {
        zval d;
        gbo_php_diagnostic(&d, gbo_diagnostics_at(diags, i), file, index);
        add_next_index_zval(list, &d);
    }
}

void gbo_php_throw(const gbo_error *err, const gbo_diagnostics *diags, zend_string *file)
{
    switch (err->status) {
    case GBO_E_NOMEM:
        zend_error_noreturn(E_ERROR, "gbo: out of memory");
        break;
    case GBO_E_INVALID_ARG:
    case GBO_E_INVALID_UTF8:
    case GBO_E_INVALID_VALUE:
    case GBO_E_TOO_LONG:
        zend_value_error("%s", err->message);
        break;
    case GBO_E_DOCUMENT: {
        zval exception, list;
        object_init_ex(&exception, gbo_ce_document_exception);
        zend_update_property_string(zend_ce_exception, Z_OBJ(exception), "message", sizeof "message" - 1,
                                    err->message);
        zend_update_property_string(gbo_ce_document_exception, Z_OBJ(exception), "rule", sizeof "rule" - 1,
                                    err->rule);
        array_init(&list);
        gbo_php_diagnostics(&list, diags, file, 0);
        zend_update_property(gbo_ce_document_exception, Z_OBJ(exception), "diagnostics",
                             sizeof "diagnostics" - 1, &list);
        zval_ptr_dtor(&list);
        zend_throw_exception_object(&exception);
        break;
    }
    case GBO_E_IO:
        zend_throw_exception_ex(gbo_ce_exception, 0, "%s%s%s", file ? ZSTR_VAL(file) : "", file ? ": " : "",
                                err->message);
        break;
    default:
        zend_throw_exception_ex(gbo_ce_exception, 0, "%s: %s", gbo_strerror(err->status), err->message);
        break;
    }
}

bool gbo_php_lang(zend_string *tag, uint32_t arg, gbo_lang *out)
{
    if (!tag) { /* the process locale's, as the gbo tool does */
        gbo_diagnostics *probe = gbo_diagnostics_new(NULL);
        if (!probe)
            zend_error_noreturn(E_ERROR, "gbo: out of memory");
        *out = gbo_diagnostics_lang(probe);
        gbo_diagnostics_free(probe);
        return true;
    }
    if (ZSTR_LEN(tag) != strlen(ZSTR_VAL(tag)) || gbo_lang_parse(ZSTR_VAL(tag), out) != GBO_OK) {
        zend_argument_value_error(arg, "must be \"nl\", \"fr\", \"de\", \"en\" or null");
        return false;
    }
    return true;
}

/* ---- Gbo\DocumentException ------------------------------------------------- */

ZEND_METHOD(Gbo_DocumentException, getRule)
{
    zval *rule, rv;
    ZEND_PARSE_PARAMETERS_NONE();
    rule = zend_read_property(gbo_ce_document_exception, Z_OBJ_P(ZEND_THIS), "rule", sizeof "rule" - 1, 1, &rv);
    RETURN_COPY_DEREF(rule);
}

ZEND_METHOD(Gbo_DocumentException, getDiagnostics)
{
    zval *list, rv;
    ZEND_PARSE_PARAMETERS_NONE();
    list = zend_read_property(gbo_ce_document_exception, Z_OBJ_P(ZEND_THIS), "diagnostics",
                              sizeof "diagnostics" - 1, 1, &rv);
    RETURN_COPY_DEREF(list);
}

/* ---- Gbo\Diagnostic ---------------------------------------------------------- */

ZEND_METHOD(Gbo_Diagnostic, __construct)
{
    ZEND_PARSE_PARAMETERS_NONE();
}

static zval *property(zend_object *obj, const char *name, zval *rv)
{
    return zend_read_property(gbo_ce_diagnostic, obj, name, strlen(name), 1, rv);
}

/* FILE:LINE:COL: SEVERITY: RULE: MESSAGE (PATH) [item N], as `gbo validate`
 * prints it; FILE is "-" for a string, as for standard input. */
ZEND_METHOD(Gbo_Diagnostic, __toString)
{
    zend_object *obj = Z_OBJ_P(ZEND_THIS);
    zval rv[8], *file, *line, *column, *severity, *rule, *message, *path, *index;
    smart_str out = { 0 };
    ZEND_PARSE_PARAMETERS_NONE();
    file = property(obj, "file", &rv[0]);
    line = property(obj, "line", &rv[1]);
    column = property(obj, "column", &rv[2]);
    severity = property(obj, "severity", &rv[3]);
    rule = property(obj, "rule", &rv[4]);
    message = property(obj, "message", &rv[5]);
    path = property(obj, "path", &rv[6]);
    index = property(obj, "documentIndex", &rv[7]);
    if (Z_TYPE_P(file) == IS_STRING)
        smart_str_append(&out, Z_STR_P(file));
    else
        smart_str_appendc(&out, '-');
    smart_str_append_printf(&out, ":" ZEND_LONG_FMT ":" ZEND_LONG_FMT ": %s: %s: %s", zval_get_long(line),
                            zval_get_long(column), Z_TYPE_P(severity) == IS_STRING ? Z_STRVAL_P(severity) : "",
                            Z_TYPE_P(rule) == IS_STRING ? Z_STRVAL_P(rule) : "",
                            Z_TYPE_P(message) == IS_STRING ? Z_STRVAL_P(message) : "");
    if (Z_TYPE_P(path) == IS_STRING && Z_STRLEN_P(path) > 0)
        smart_str_append_printf(&out, " (%s)", Z_STRVAL_P(path));
    if (zval_get_long(index) > 0)
        smart_str_append_printf(&out, " [item " ZEND_LONG_FMT "]", zval_get_long(index));
    RETURN_STR(smart_str_extract(&out));
}
