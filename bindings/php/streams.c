/* The gbo PHP extension: every path goes through PHP's streams — stream
 * wrappers work, and open_basedir applies — into the library's callback
 * reader (gbo_read_fn). */
#include "gbo_php.h"

#include "zend_exceptions.h"

#include <string.h>

static void cannot_open(zend_string *path)
{
    zend_throw_exception_ex(gbo_ce_exception, 0,
                            "%s: cannot be opened for reading (missing, unreadable, or outside open_basedir)",
                            ZSTR_VAL(path));
}

bool gbo_php_allowed(zend_string *path)
{
    const char *rest = ZSTR_VAL(path);
    /* a local file (a plain path or file://): open_basedir is checked here
     * first, without the warning PHP's plain-files wrapper would also give;
     * the wrapper checks it again when it opens the file */
    if (php_stream_locate_url_wrapper(ZSTR_VAL(path), &rest, 0) == &php_plain_files_wrapper &&
        php_check_open_basedir_ex(rest, 0) != 0) {
        cannot_open(path);
        return false;
    }
    return true;
}

php_stream *gbo_php_open(zend_string *path)
{
    php_stream *stream;
    if (ZSTR_LEN(path) != strlen(ZSTR_VAL(path))) {
        zend_value_error("a path must not contain any null bytes");
        return NULL;
    }
    if (!gbo_php_allowed(path))
        return NULL;
    /* no REPORT_ERRORS: the failure is this exception, not also a warning */
    if (!(stream = php_stream_open_wrapper_ex(ZSTR_VAL(path), "rb", 0, NULL, NULL)))
        cannot_open(path);
    return stream;
}

ptrdiff_t gbo_php_read(void *stream, char *buffer, size_t size)
{
    ssize_t n = php_stream_read((php_stream *)stream, buffer, size);
    return n < 0 ? -1 : (ptrdiff_t)n;
}

zend_string *gbo_php_read_all(php_stream *stream, size_t max, bool *too_big)
{
    zend_string *data = php_stream_copy_to_mem(stream, max + 1, 0);
    *too_big = false;
    if (!data)
        return ZSTR_EMPTY_ALLOC();
    if (ZSTR_LEN(data) > max) {
        zend_string_release(data);
        *too_big = true;
        return NULL;
    }
    return data;
}

/* A stream whose first bytes were read already (to tell a bundle from a
 * document): they are given again, then the rest. */
typedef struct headed {
    php_stream *stream;
    char head[4096];
    size_t size, pos;
} headed;

static ptrdiff_t read_headed(void *source, char *buffer, size_t size)
{
    headed *h = source;
    if (h->pos < h->size) {
        size_t n = h->size - h->pos < size ? h->size - h->pos : size;
        memcpy(buffer, h->head + h->pos, n);
        h->pos += n;
        return (ptrdiff_t)n;
    }
    return gbo_php_read(h->stream, buffer, size);
}

int gbo_php_each_document(php_stream *stream, zend_string *name, const gbo_limits *limits, gbo_lang lang,
                          gbo_php_document_fn fn, void *user)
{
    headed h = { stream, { 0 }, 0, 0 };
    gbo_diagnostics *diags = gbo_diagnostics_new(NULL);
    gbo_entity *doc = NULL;
    gbo_error err;
    gbo_status status = GBO_OK;
    ssize_t n;

    if (!diags)
        zend_error_noreturn(E_ERROR, "gbo: out of memory");
    gbo_diagnostics_set_lang(diags, lang);
    while (h.size < sizeof h.head && (n = php_stream_read(stream, h.head + h.size, sizeof h.head - h.size)) > 0)
        h.size += (size_t)n;
    if (gbo_is_bundle(h.head, h.size)) {
        gbo_bundle_reader *b = gbo_bundle_open_io(read_headed, &h, limits, &err);
        status = b ? GBO_OK : err.status;
        while (b && (status = gbo_bundle_next(b, &doc, diags, &err)) == GBO_OK && doc) {
            status = fn(user, doc, &err);
            gbo_entity_free(doc);
            doc = NULL;
            if (status != GBO_OK)
                break;
        }
        gbo_bundle_close(b);
    } else if ((status = gbo_exchange_read_io(read_headed, &h, limits, &doc, diags, &err)) == GBO_OK) {
        status = fn(user, doc, &err);
        gbo_entity_free(doc);
    }
    if (status != GBO_OK)
        gbo_php_throw(&err, diags, name);
    gbo_diagnostics_free(diags);
    return status == GBO_OK ? 0 : -1;
}
