/* The gbo PHP extension: the module — its start-up (classes, constants),
 * its globals, phpinfo(). */
#include "gbo_php.h"

#include "ext/standard/info.h"
#include "zend_exceptions.h"

#include "gbo_arginfo.h"

ZEND_DECLARE_MODULE_GLOBALS(gbo)

zend_class_entry *gbo_ce_exception;
zend_class_entry *gbo_ce_document_exception;
zend_class_entry *gbo_ce_diagnostic;

static PHP_GINIT_FUNCTION(gbo)
{
#if defined(COMPILE_DL_GBO) && defined(ZTS)
    ZEND_TSRMLS_CACHE_UPDATE();
#endif
    gbo_globals->shared_validator = NULL;
}

static PHP_GSHUTDOWN_FUNCTION(gbo)
{
    gbo_validator_free(gbo_globals->shared_validator);
    gbo_globals->shared_validator = NULL;
}

static PHP_MINIT_FUNCTION(gbo)
{
    register_gbo_symbols(module_number);
    gbo_ce_exception = register_class_Gbo_Exception(zend_ce_exception);
    gbo_ce_document_exception = register_class_Gbo_DocumentException(gbo_ce_exception);
    gbo_ce_diagnostic = register_class_Gbo_Diagnostic();
    gbo_ce_limits = register_class_Gbo_Limits();
    gbo_ce_validator = register_class_Gbo_Validator();
    gbo_ce_exchange = register_class_Gbo_Exchange();
    gbo_php_register_validator();
    gbo_php_register_exchange();
    return SUCCESS;
}

static PHP_MINFO_FUNCTION(gbo)
{
    php_info_print_table_start();
    php_info_print_table_header(2, "gbo support", "enabled");
    php_info_print_table_row(2, "libgbo (run time)", gbo_version());
    php_info_print_table_row(2, "libgbo (built against)", GBO_VERSION_STRING);
    php_info_print_table_row(2, "exchange format", GBO_FORMAT_VERSION);
    php_info_print_table_end();
}

zend_module_entry gbo_module_entry = {
    STANDARD_MODULE_HEADER,
    "gbo",
    ext_functions,
    PHP_MINIT(gbo),
    NULL,
    NULL,
    NULL,
    PHP_MINFO(gbo),
    PHP_GBO_VERSION,
    PHP_MODULE_GLOBALS(gbo),
    PHP_GINIT(gbo),
    PHP_GSHUTDOWN(gbo),
    NULL,
    STANDARD_MODULE_PROPERTIES_EX
};

#ifdef COMPILE_DL_GBO
#ifdef ZTS
ZEND_TSRMLS_CACHE_DEFINE()
#endif
ZEND_GET_MODULE(gbo)
#endif
