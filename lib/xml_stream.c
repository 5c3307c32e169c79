/* libgbo — the one streaming reader: source → guard → xmlTextReader. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "diagnostics.h"
#include "error.h"
#include "xml.h"
#include "xml_stream.h"

void gbop_stream_init_memory(gbop_stream *s, const char *data, size_t size)
{
    memset(s, 0, sizeof *s);
    s->fd = -1;
    s->mem = data ? data : "";
    s->mem_size = size;
}

ptrdiff_t gbop_read_fd(int fd, char *buffer, size_t size)
{
    for (;;) {
        ssize_t n = read(fd, buffer, size);
        if (n >= 0 || errno != EINTR)
            return n;
    }
}

static ptrdiff_t read_descriptor(void *source, char *buffer, size_t size)
{
    return gbop_read_fd(((const gbop_stream *)source)->fd, buffer, size);
}

void gbop_stream_init_fd(gbop_stream *s, int fd, bool own)
{
    memset(s, 0, sizeof *s);
    s->fd = fd;
    s->own_fd = own;
    s->read_fn = read_descriptor;
    s->source = s;
}

void gbop_stream_init_io(gbop_stream *s, gbo_read_fn read_fn, void *source)
{
    memset(s, 0, sizeof *s);
    s->fd = -1;
    s->read_fn = read_fn;
    s->source = source;
}

/* Up to `len` bytes of the source: memory, the prefix already read, then
 * the read callback. */
/* Up to `len` bytes of `src` (size bytes) from *pos on. */
static size_t take(const char *src, size_t size, size_t *pos, char *buffer, size_t len)
{
    size_t n = size - *pos < len ? size - *pos : len;
    memcpy(buffer, src + *pos, n);
    *pos += n;
    return n;
}

static size_t read_raw(gbop_stream *s, char *buffer, size_t len)
{
    if (s->mem)
        return take(s->mem, s->mem_size, &s->mem_pos, buffer, len);
    if (s->prefix_pos < s->prefix_size)
        return take(s->prefix, s->prefix_size, &s->prefix_pos, buffer, len);
    {
        ptrdiff_t n;
        errno = 0;
        n = s->read_fn(s->source, buffer, len);
        if (n < 0) {
            s->io_failed = true;
            s->io_errno = errno;
            return 0;
        }
        return (size_t)n;
    }
}

/* libxml2's input: the bytes the guard lets pass. Those before a refusal
 * still go on and then the input ends, so that libxml2 parses every item
 * before the refusal whole (an I/O error would lose what it holds back). A
 * document's source is read no further than one byte past its size limit. */
static int read_source(void *ctx, char *buffer, int len)
{
    gbop_stream *s = ctx;
    size_t n;
    if (s->guard.refused || s->too_large || len <= 0)
        return 0;
    n = read_raw(s, buffer, (size_t)len);
    if (s->io_failed)
        return -1;
    if (n == 0)
        return 0;
    s->consumed += n;
    if (s->document && s->consumed > s->limits.max_document_bytes) {
        s->too_large = true;
        return 0;
    }
    return (int)gbop_guard_feed(&s->guard, buffer, n);
}

static int close_source(void *ctx)
{
    (void)ctx;
    return 0;
}

static void keep_error(void *arg, xmlErrorPtr e)
{
    gbop_stream *s = arg;
    if (gbop_xml_error_is_oom(e))
        s->out_of_memory = true; /* whatever came before, the tree is not to be trusted */
    if (e && e->level == XML_ERR_FATAL && !s->have_fatal && e->ctxt) {
        /* where parsing stopped, in bytes of the input */
        s->have_fatal = true;
        s->fatal_offset = (uint64_t)xmlByteConsumed((xmlParserCtxtPtr)e->ctxt);
    }
    if (!e || e->level < XML_ERR_ERROR || s->have_error)
        return; /* the first error explains the failure */
    s->have_error = true;
    s->first_error = *e;
    snprintf(s->first_message, sizeof s->first_message, "%s", e->message ? e->message : "");
    s->first_error.message = s->first_message;
    s->first_error.str1 = s->first_error.str2 = s->first_error.str3 = NULL;
    s->first_error.file = NULL;
    s->first_error.node = NULL;
    s->first_error.ctxt = NULL;
}

void gbop_stream_close(gbop_stream *s)
{
    if (s->reader)
        xmlFreeTextReader(s->reader);
    s->reader = NULL;
    if (s->own_fd && s->fd >= 0)
        close(s->fd);
    s->fd = -1;
    s->own_fd = false;
}

gbo_status gbop_read_head(gbo_read_fn read_fn, void *source, char *buf, size_t cap, size_t *size,
                          const char *what, gbo_error *err)
{
    while (*size < cap) {
        ptrdiff_t n;
        errno = 0;
        n = read_fn(source, buf + *size, cap - *size);
        if (n < 0) {
            int saved = errno;
            gbop_fail(err, GBO_E_IO, NULL, NULL, "cannot read the %s: %s", what,
                      saved ? strerror(saved) : "the source reported an error");
            errno = saved;
            return GBO_E_IO;
        }
        if (n == 0)
            break;
        *size += (size_t)n;
    }
    return GBO_OK;
}

gbo_status gbop_stream_open(gbop_stream *s, const gbo_limits *limits, bool document,
                            const char *what, gbo_diagnostics *prescan, bool *refused,
                            gbo_error *err)
{
    gbop_xml_quiet quiet;
    bool ok;
    gbo_status status;

    *refused = false;
    s->document = document;
    gbop_limits_normalise(limits, &s->limits);
    gbop_guard_init(&s->guard, &s->limits, !document);
    if (document && s->mem && s->mem_size > s->limits.max_document_bytes) {
        /* a document in memory over its limit: refused before a byte is read */
        s->too_large = true;
        *refused = true;
        if ((status = gbop_stream_failure(s, prescan, err)) != GBO_OK)
            gbop_stream_close(s);
        return status;
    }
    if (!s->mem && (status = gbop_read_head(s->read_fn, s->source, s->prefix, GBOP_STREAM_PRESCAN_BYTES,
                                            &s->prefix_size, what, err)) != GBO_OK) {
        gbop_stream_close(s);
        return status;
    }
    ok = s->mem ? gbop_prescan(s->mem, s->mem_size, true, prescan)
                : gbop_prescan(s->prefix, s->prefix_size,
                               s->prefix_size < GBOP_STREAM_PRESCAN_BYTES, prescan);
    if (!ok) {
        *refused = true;
        return GBO_OK;
    }
    gbop_schema(NULL); /* initialises libxml2 once */
    gbop_xml_quiet_begin(&quiet); /* xmlNewTextReader prints when memory runs out */
    s->reader = xmlReaderForIO(read_source, close_source, s, document ? "document.xml" : "bundle.xml",
                               "UTF-8", GBOP_XML_PARSE_OPTIONS);
    gbop_xml_quiet_end(&quiet);
    if (!s->reader || quiet.out_of_memory) {
        gbop_stream_close(s);
        return gbop_nomem(err);
    }
    xmlTextReaderSetStructuredErrorHandler(s->reader, keep_error, s);
    return GBO_OK;
}

int gbop_stream_move(gbop_stream *s, int (*how)(xmlTextReaderPtr))
{
    gbop_xml_quiet quiet;
    int rc;
    gbop_xml_quiet_begin(&quiet);
    rc = how(s->reader);
    gbop_xml_quiet_end(&quiet);
    s->out_of_memory = s->out_of_memory || quiet.out_of_memory;
    return rc;
}

/* xmlTextReaderExpand() as a move: 1 when the current node was expanded. */
static int expand(xmlTextReaderPtr reader)
{
    return xmlTextReaderExpand(reader) != NULL;
}

/* libxml2 fails the expansion when the input ends (or the guard refuses)
 * after the item's last byte, and "expands" half an item when the input
 * ends inside it. The guard saw every byte libxml2 saw: it tells whether the
 * item ended, and at which byte, so the item counts as whole when libxml2
 * stopped past it. */
xmlNodePtr gbop_stream_expand(gbop_stream *s, xmlNodePtr node, size_t index)
{
    xmlNodePtr expanded = gbop_stream_move(s, expand) ? xmlTextReaderCurrentNode(s->reader) : NULL;
    if (s->guard.completed < index)
        return NULL; /* the input ended or was refused inside the item */
    if (expanded)
        return expanded;
    if (s->have_fatal && s->guard.completed == index && s->fatal_offset >= s->guard.end_offset)
        return node;
    return NULL;
}

unsigned long gbop_stream_line(const gbop_stream *s)
{
    int line = xmlTextReaderGetParserLineNumber(s->reader);
    return line > 0 ? (unsigned long)line : 0;
}

gbo_status gbop_stream_failure(const gbop_stream *s, gbo_diagnostics *cause, gbo_error *err)
{
    size_t before = gbo_diagnostics_count(cause);
    if (s->io_failed) {
        gbop_fail(err, GBO_E_IO, NULL, NULL, "cannot read the %s: %s",
                  s->document ? "document" : "bundle",
                  s->io_errno ? strerror(s->io_errno) : "the source reported an error");
        errno = s->io_errno;
        return GBO_E_IO;
    }
    if (s->out_of_memory)
        return gbop_nomem(err);
    if (s->too_large) {
        char max[32];
        snprintf(max, sizeof max, "%zu", s->limits.max_document_bytes);
        gbop_diag(cause, "GBO-X005", GBO_SEVERITY_ERROR, 0, 0, "", "x005.size", max, NULL, NULL);
    } else if (s->guard.refused) {
        gbop_guard_report(&s->guard, cause);
    } else if (s->have_error && s->first_error.code == XML_ERR_DOCUMENT_END && s->guard.depth > 0) {
        /* libxml2's push parser says "extra content" when the input ends
         * inside the root; the guard knows elements were still open */
        gbop_diag(cause, "GBO-X001", GBO_SEVERITY_ERROR,
                  s->first_error.line > 0 ? (unsigned long)s->first_error.line : 0,
                  s->first_error.int2 > 0 ? (unsigned long)s->first_error.int2 : 0, "",
                  "x001.truncated", NULL, NULL, NULL);
    } else if (s->have_error) {
        gbop_parser_error_diag((xmlErrorPtr)&s->first_error, cause);
    }
    /* libxml2 failed with no verdict on the input: it ran out of memory */
    return gbo_diagnostics_count(cause) > before ? GBO_OK : gbop_nomem(err);
}
