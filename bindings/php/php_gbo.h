/* The gbo PHP extension (libgbo for PHP): its module entry and globals. */
#ifndef PHP_GBO_H
#define PHP_GBO_H

#include <gbo/gbo.h>

extern zend_module_entry gbo_module_entry;
#define phpext_gbo_ptr &gbo_module_entry

#define PHP_GBO_VERSION GBO_VERSION_STRING

/* The extension's only state: the validator that Gbo\validate() and
 * Gbo\validate_file() share (the language is given per call), made on first
 * use; a process's requests reuse it: it is immutable once made. Debian ships non-thread-safe
 * PHP; a ZTS build gets one per thread through the accessor, untested. */
ZEND_BEGIN_MODULE_GLOBALS(gbo)
    gbo_validator *shared_validator;
ZEND_END_MODULE_GLOBALS(gbo)

ZEND_EXTERN_MODULE_GLOBALS(gbo)
#define GBO_G(v) ZEND_MODULE_GLOBALS_ACCESSOR(gbo, v)

#if defined(ZTS) && defined(COMPILE_DL_GBO)
ZEND_TSRMLS_CACHE_EXTERN()
#endif

#endif
