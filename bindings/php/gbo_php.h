/* The gbo PHP extension: what its files share. The library does the work;
 * the extension maps PHP's strings, streams, objects and exceptions. */
#ifndef GBO_PHP_H
#define GBO_PHP_H

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "php_gbo.h"

/* Class entries, set once at module start-up (as PHP's own extensions keep
 * theirs; they never change after). */
extern zend_class_entry *gbo_ce_exception;
extern zend_class_entry *gbo_ce_document_exception;
extern zend_class_entry *gbo_ce_diagnostic;
extern zend_class_entry *gbo_ce_limits;
extern zend_class_entry *gbo_ce_validator;
extern zend_class_entry *gbo_ce_exchange;

void gbo_php_register_validator(void);
void gbo_php_register_exchange(void);

/* ---- errors and diagnostics (errors.c) -------------------------------- */

/* A Gbo\Diagnostic for d into `out`; `file` may be NULL. */
void gbo_php_diagnostic(zval *out, const gbo_diagnostic *d, zend_string *file, size_t index);
/* Append a Gbo\Diagnostic for every diagnostic of `diags` to the array `list`. */
void gbo_php_diagnostics(zval *list, const gbo_diagnostics *diags, zend_string *file, size_t index);
/* Throw what a failed call means: Gbo\DocumentException for a refused
 * document (with its diagnostics), \ValueError for a bad argument or value,
 * Gbo\Exception otherwise. */
void gbo_php_throw(const gbo_error *err, const gbo_diagnostics *diags, zend_string *file);
/* The language a ?string names (null: the process locale's, as the gbo tool);
 * false with \ValueError. `arg` is the argument's number for the message. */
bool gbo_php_lang(zend_string *tag, uint32_t arg, gbo_lang *out);

/* ---- streams (streams.c) ------------------------------------------------ */

/* Open a path or stream URL for reading through PHP's streams (so stream
 * wrappers work and open_basedir applies); NULL with Gbo\Exception thrown. */
php_stream *gbo_php_open(zend_string *path);
/* Whether `path` may be opened: no NUL byte (else \ValueError), a wrapper
 * PHP knows, and for a local file open_basedir allows it; false with the
 * exception thrown. */
bool gbo_php_allowed(zend_string *path);
/* A stream the library reads through gbo_php_read: `head`, bytes read from
 * it already (may be NULL), comes first. A fatal error inside the read is
 * caught (bailed): the read fails, and the caller calls zend_bailout() once
 * libgbo has returned. */
typedef struct gbo_php_source {
    php_stream *stream;
    zend_string *head;
    size_t pos;
    bool bailed;
} gbo_php_source;
ptrdiff_t gbo_php_read(void *source, char *buffer, size_t size);
/* The whole of a stream into *out when it holds at most `max` bytes: 0. When
 * it holds more, 1: *out is what was read of it (NULL for a regular file, of
 * which nothing is read). -1 with an exception when reading fails. */
int gbo_php_read_head(php_stream *stream, zend_string *name, size_t max, zend_string **out);
/* Call fn for each document of the document or bundle read from `stream`
 * (the context files): 0, or -1 with an exception thrown. */
typedef gbo_status (*gbo_php_document_fn)(void *user, const gbo_entity *doc, gbo_error *err);
int gbo_php_each_document(php_stream *stream, zend_string *name, const gbo_limits *limits, gbo_lang lang,
                          gbo_php_document_fn fn, void *user);

/* ---- validation (validator.c) ------------------------------------------ */

/* The validator Gbo\validate() shares (module globals); NULL with an exception. */
gbo_validator *gbo_php_shared_validator(void);
/* Validate one source (a string, or a stream named `file`) into `return_value`: a list of
 * Gbo\Diagnostic, items of a bundle after each other. */
void gbo_php_validate_one(const gbo_validator *v, gbo_lang lang, zend_string *xml, gbo_php_source *source,
                          zend_string *file, zval *return_value);

/* ---- exchange documents (exchange.c) ----------------------------------- */

/* A new Gbo\Exchange owning `doc`. */
void gbo_php_exchange_new(zval *out, gbo_entity *doc);

#endif
