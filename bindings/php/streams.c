/* The gbo PHP extension: every path goes through PHP's streams — stream
 * wrappers work, and open_basedir applies — into the library's callback
 * reader (gbo_read_fn). */
#include "gbo_php.h"

#include "zend_exceptions.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static void cannot_open(zend_string *path, const char *why)
{
    zend_throw_exception_ex(gbo_ce_exception, 0, "%s: %s", ZSTR_VAL(path), why);
}

#define CANNOT_OPEN "cannot be opened for reading (missing, unreadable, or outside open_basedir)"

/* A local file: no scheme, or file:// (whose path follows). */
static const char *local_path(const char *path)
{
    const char *c = path;
    while (isalnum((unsigned char)*c) || *c == '+' || *c == '-' || *c == '.')
        c++;
    if (c > path && c[0] == ':' && c[1] == '/' && c[2] == '/')
        return strncasecmp(path, "file://", 7) == 0 ? path : NULL;
    if (c > path && c[0] == ':' && strncasecmp(path, "data:", 5) == 0)
        return NULL;
    return path;
}

/* Whether PHP knows the wrapper a URL names (asking it would warn when not). */
static bool known_wrapper(const char *path)
{
    const char *c = path;
    HashTable *wrappers = php_stream_get_url_stream_wrappers_hash();
    zend_string *raw, *scheme;
    bool known;
    while (isalnum((unsigned char)*c) || *c == '+' || *c == '-' || *c == '.')
        c++;
    if (c == path || *c != ':' || strncasecmp(path, "data:", 5) == 0 || c[1] != '/' || c[2] != '/')
        return true; /* no scheme, or data: which PHP knows */
    raw = zend_string_init(path, (size_t)(c - path), 0);
    scheme = zend_string_tolower(raw); /* a new string, or raw with one more reference */
    zend_string_release(raw);
    known = wrappers && zend_hash_exists(wrappers, scheme);
    zend_string_release(scheme);
    return known;
}

bool gbo_php_allowed(zend_string *path)
{
    const char *local = local_path(ZSTR_VAL(path)), *rest = local;
    if (ZSTR_LEN(path) != strlen(ZSTR_VAL(path))) {
        zend_value_error("a path must not contain any null bytes");
        return false;
    }
    if (!known_wrapper(ZSTR_VAL(path))) {
        cannot_open(path, CANNOT_OPEN);
        return false;
    }
    /* a local file: open_basedir is checked here first, without the warning
     * PHP's plain-files wrapper would also give; the wrapper checks it again
     * when it opens the file (another wrapper checks what it opens itself) */
    if (local && php_stream_locate_url_wrapper(local, &rest, 0) == &php_plain_files_wrapper &&
        php_check_open_basedir_ex(rest, 0) != 0) {
        cannot_open(path, CANNOT_OPEN);
        return false;
    }
    return true;
}

php_stream *gbo_php_open(zend_string *path)
{
    php_stream *stream;
    php_stream_statbuf info;
    if (!gbo_php_allowed(path))
        return NULL;
    /* no REPORT_ERRORS: the failure is this exception, not also a warning */
    if (!(stream = php_stream_open_wrapper_ex(ZSTR_VAL(path), "rb", 0, NULL, NULL))) {
        if (!EG(exception))
            cannot_open(path, CANNOT_OPEN);
        return NULL;
    }
    stream->flags |= PHP_STREAM_FLAG_SUPPRESS_ERRORS;
    if (php_stream_stat(stream, &info) == 0 && S_ISDIR(info.sb.st_mode)) {
        php_stream_close(stream);
        cannot_open(path, "is a directory");
        return NULL;
    }
    return stream;
}

ptrdiff_t gbo_php_read(void *source, char *buffer, size_t size)
{
    gbo_php_source *s = source;
    ssize_t n = -1;
    if (s->head && s->pos < ZSTR_LEN(s->head)) { /* what was read already comes first */
        size_t left = ZSTR_LEN(s->head) - s->pos, k = left < size ? left : size;
        memcpy(buffer, ZSTR_VAL(s->head) + s->pos, k);
        s->pos += k;
        return (ptrdiff_t)k;
    }
    if (s->bailed || EG(exception))
        return -1;
    /* a fatal error in a stream wrapper must not jump over libgbo's frames:
     * it is caught here, the read fails, and the caller bails out after */
    zend_try {
        n = php_stream_read(s->stream, buffer, size);
    } zend_catch {
        s->bailed = true;
        n = -1;
    } zend_end_try();
    return n < 0 || EG(exception) ? -1 : (ptrdiff_t)n;
}

/* Up to `limit` bytes of a stream (fewer at its end) into *out; 0, or -1
 * with an exception when reading fails. */
static int read_prefix(php_stream *stream, zend_string *name, size_t limit, size_t first, zend_string **out)
{
    size_t cap = first < limit ? first : limit, len = 0;
    zend_string *data = zend_string_alloc(cap ? cap : 1, 0);
    ssize_t n = 0;
    while (len < limit) {
        if (len == cap) {
            cap = cap * 2 > limit ? limit : cap * 2;
            data = zend_string_extend(data, cap, 0);
        }
        if ((n = php_stream_read(stream, ZSTR_VAL(data) + len, cap - len)) <= 0)
            break;
        len += (size_t)n;
    }
    if (n < 0 || EG(exception)) {
        zend_string_efree(data);
        if (!EG(exception))
            cannot_open(name, "cannot be read");
        *out = NULL;
        return -1;
    }
    ZSTR_LEN(data) = len;
    ZSTR_VAL(data)[len] = '\0';
    *out = data;
    return 0;
}

int gbo_php_read_head(php_stream *stream, zend_string *name, size_t max, zend_string **out)
{
    php_stream_statbuf info;
    size_t first = 8192;
    *out = NULL;
    if (php_stream_stat(stream, &info) == 0 && S_ISREG(info.sb.st_mode)) {
        if ((size_t)info.sb.st_size > max)
            return 1; /* nothing read: the caller reads it as a stream */
        first = (size_t)info.sb.st_size + 1;
    }
    if (read_prefix(stream, name, max + 1, first, out) < 0)
        return -1;
    return ZSTR_LEN(*out) > max ? 1 : 0;
}

/* How much of a document is looked at to tell a bundle (as the library does). */
#define HEAD_BYTES 65536

int gbo_php_each_document(php_stream *stream, zend_string *name, const gbo_limits *limits, gbo_lang lang,
                          gbo_php_document_fn fn, void *user)
{
    gbo_php_source src = { stream, NULL, 0, false };
    gbo_diagnostics *diags = gbo_diagnostics_new(NULL);
    gbo_entity *doc = NULL;
    gbo_error err;
    gbo_status status = GBO_OK;
    size_t index = 0;

    if (!diags)
        zend_error_noreturn(E_ERROR, "gbo: out of memory");
    gbo_diagnostics_set_lang(diags, lang);
    if (read_prefix(stream, name, HEAD_BYTES, HEAD_BYTES, &src.head) < 0) {
        gbo_diagnostics_free(diags);
        return -1;
    }
    if (gbo_is_bundle(ZSTR_VAL(src.head), ZSTR_LEN(src.head))) {
        gbo_bundle_reader *b = gbo_bundle_open_io(gbo_php_read, &src, limits, &err);
        status = b ? GBO_OK : err.status;
        while (b) {
            gbo_diagnostics_clear(diags); /* an item's findings, not the ones before */
            if ((status = gbo_bundle_next(b, &doc, diags, &err)) != GBO_OK || !doc)
                break;
            index = gbo_bundle_index(b);
            status = fn(user, doc, &err);
            gbo_entity_free(doc);
            doc = NULL;
            if (status != GBO_OK)
                break;
        }
        if (b && status != GBO_OK)
            index = gbo_bundle_index(b);
        gbo_bundle_close(b);
    } else if ((status = gbo_exchange_read_io(gbo_php_read, &src, limits, &doc, diags, &err)) == GBO_OK) {
        status = fn(user, doc, &err);
        gbo_entity_free(doc);
    }
    zend_string_release(src.head);
    if (src.bailed) { /* a fatal error in the stream wrapper, caught in the read */
        gbo_diagnostics_free(diags);
        zend_bailout();
    }
    if (status != GBO_OK && !EG(exception))
        gbo_php_throw(&err, diags, name);
    (void)index;
    gbo_diagnostics_free(diags);
    return status == GBO_OK && !EG(exception) ? 0 : -1;
}
