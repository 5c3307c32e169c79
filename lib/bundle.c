/* libgbo — bundles: many exchange documents in one <bundle>, read item by
 * item with xmlTextReader (expand one <exchange>, check and build it, move
 * on), so memory stays flat whatever the bundle's size. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>

#include "alloc.h"
#include "diagnostics.h"
#include "error.h"
#include "xml.h"
#include "xml_guard.h"

#define PRESCAN_BYTES 4096

struct gbo_bundle_reader {
    xmlTextReaderPtr reader;
    gbo_limits limits;
    gbop_guard guard; /* every byte passes it before libxml2 sees it */
    /* source: memory, or a read callback (a file descriptor's, or the
     * caller's) with the pre-scanned prefix */
    const char *mem;
    size_t mem_size, mem_pos;
    gbo_read_fn read_fn;
    void *source;
    int fd;
    bool own_fd;
    char prefix[PRESCAN_BYTES];
    size_t prefix_size, prefix_pos;
    /* state */
    size_t index;
    bool saw_root, done, failed;
    bool positioned; /* xmlTextReaderNext() left the reader on an unread node */
    bool broken;     /* reading past the last item failed: report it next time */
    char fail_rule[GBO_RULE_ID_SIZE]; /* why reading stopped, repeated by later calls */
    char fail_message[GBO_ERROR_TEXT_SIZE];
    gbo_diagnostics *pending; /* found while opening, reported by the first next */
    /* the last libxml2 error, kept for classification only */
    xmlError last_error;
    char last_message[160];
    bool have_error;
    bool out_of_memory; /* libxml2 ran out: GBO_E_NOMEM, no verdict */
    bool have_fatal;       /* libxml2 stopped parsing ... */
    uint64_t fatal_offset; /* ... at this byte of the input */
    bool io_failed;     /* reading the file failed (errno saved in io_errno) */
    int io_errno;
};

static int read_raw(gbo_bundle_reader *b, char *buffer, int len)
{
    if (b->mem) {
        size_t n = b->mem_size - b->mem_pos;
        if (n > (size_t)len)
            n = (size_t)len;
        memcpy(buffer, b->mem + b->mem_pos, n);
        b->mem_pos += n;
        return (int)n;
    }
    if (b->prefix_pos < b->prefix_size) {
        size_t n = b->prefix_size - b->prefix_pos;
        if (n > (size_t)len)
            n = (size_t)len;
        memcpy(buffer, b->prefix + b->prefix_pos, n);
        b->prefix_pos += n;
        return (int)n;
    }
    {
        ptrdiff_t n;
        errno = 0;
        n = b->read_fn(b->source, buffer, (size_t)len);
        if (n < 0) {
            b->io_failed = true;
            b->io_errno = errno;
            return -1;
        }
        return (int)n;
    }
}

static ptrdiff_t read_descriptor(void *source, char *buffer, size_t size)
{
    const gbo_bundle_reader *b = source;
    for (;;) {
        ssize_t n = read(b->fd, buffer, size);
        if (n >= 0 || errno != EINTR)
            return n;
    }
}

/* libxml2's input: the bytes the guard lets pass. Those before a refusal
 * still go on and then the input ends, so that libxml2 parses every item
 * before the refusal whole (an I/O error would lose what it holds back). */
static int read_source(void *ctx, char *buffer, int len)
{
    gbo_bundle_reader *b = ctx;
    int n;
    if (b->guard.refused)
        return 0;
    n = read_raw(b, buffer, len);
    if (n <= 0)
        return n;
    return (int)gbop_guard_feed(&b->guard, buffer, (size_t)n);
}

static int close_source(void *ctx)
{
    (void)ctx;
    return 0;
}

static void keep_error(void *arg, xmlErrorPtr e)
{
    gbo_bundle_reader *b = arg;
    if (gbop_xml_error_is_oom(e))
        b->out_of_memory = true; /* whatever came before, the tree is not to be trusted */
    if (e && e->level == XML_ERR_FATAL && !b->have_fatal && e->ctxt) {
        /* where parsing stopped, in bytes of the input */
        b->have_fatal = true;
        b->fatal_offset = (uint64_t)xmlByteConsumed((xmlParserCtxtPtr)e->ctxt);
    }
    if (!e || e->level < XML_ERR_ERROR || b->have_error)
        return; /* the first error explains the failure */
    b->have_error = true;
    b->last_error = *e;
    snprintf(b->last_message, sizeof b->last_message, "%s", e->message ? e->message : "");
    b->last_error.message = b->last_message;
    b->last_error.str1 = b->last_error.str2 = b->last_error.str3 = NULL;
    b->last_error.file = NULL;
    b->last_error.node = NULL;
    b->last_error.ctxt = NULL;
}

void gbo_bundle_close(gbo_bundle_reader *b)
{
    if (!b)
        return;
    if (b->reader)
        xmlFreeTextReader(b->reader);
    if (b->own_fd && b->fd >= 0)
        close(b->fd);
    gbo_diagnostics_free(b->pending);
    gbop_free(b);
}

static gbo_bundle_reader *open_reader(gbo_bundle_reader *b, const gbo_limits *limits,
                                      gbo_error *err)
{
    gbop_limits_normalise(limits, &b->limits);
    gbop_guard_init(&b->guard, &b->limits, true);
    b->pending = gbo_diagnostics_new(err);
    if (!b->pending)
        goto fail;
    if (b->mem ? !gbop_prescan(b->mem, b->mem_size, true, b->pending)
               : !gbop_prescan(b->prefix, b->prefix_size, b->prefix_size < PRESCAN_BYTES,
                               b->pending)) {
        b->failed = true; /* reported by the first gbo_bundle_next */
        return b;
    }
    gbop_schema(NULL); /* initialises libxml2 once */
    b->reader = xmlReaderForIO(read_source, close_source, b, "bundle.xml", "UTF-8",
                               GBOP_XML_PARSE_OPTIONS);
    if (!b->reader) {
        gbop_nomem(err);
        goto fail;
    }
    xmlTextReaderSetStructuredErrorHandler(b->reader, keep_error, b);
    return b;
fail:
    gbo_bundle_close(b);
    return NULL;
}

gbo_bundle_reader *gbo_bundle_open_memory(const char *data, size_t size, const gbo_limits *limits,
                                          gbo_error *err)
{
    gbo_bundle_reader *b;
    if (!data && size) {
        gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "NULL data");
        return NULL;
    }
    b = gbop_calloc(1, sizeof *b);
    if (!b) {
        gbop_nomem(err);
        return NULL;
    }
    b->fd = -1;
    b->mem = data ? data : "";
    b->mem_size = size;
    return open_reader(b, limits, err);
}

/* Read the prefix the pre-scan looks at, then open the reader. */
static gbo_bundle_reader *open_source(gbo_bundle_reader *b, const gbo_limits *limits,
                                      gbo_error *err)
{
    while (b->prefix_size < PRESCAN_BYTES) {
        ptrdiff_t n;
        errno = 0;
        n = b->read_fn(b->source, b->prefix + b->prefix_size, PRESCAN_BYTES - b->prefix_size);
        if (n < 0) {
            int saved = errno;
            gbop_fail(err, GBO_E_IO, NULL, NULL, "cannot read the bundle: %s",
                      saved ? strerror(saved) : "the source reported an error");
            gbo_bundle_close(b);
            errno = saved;
            return NULL;
        }
        if (n == 0)
            break;
        b->prefix_size += (size_t)n;
    }
    return open_reader(b, limits, err);
}

static gbo_bundle_reader *open_fd(int fd, bool own, const gbo_limits *limits, gbo_error *err)
{
    gbo_bundle_reader *b = gbop_calloc(1, sizeof *b);
    if (!b) {
        gbop_nomem(err);
        if (own)
            close(fd);
        return NULL;
    }
    b->fd = fd;
    b->own_fd = own;
    b->read_fn = read_descriptor;
    b->source = b;
    return open_source(b, limits, err);
}

gbo_bundle_reader *gbo_bundle_open_io(gbo_read_fn read_fn, void *source, const gbo_limits *limits,
                                      gbo_error *err)
{
    gbo_bundle_reader *b;
    if (!read_fn) {
        gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "NULL read function");
        return NULL;
    }
    if (!(b = gbop_calloc(1, sizeof *b))) {
        gbop_nomem(err);
        return NULL;
    }
    b->fd = -1;
    b->read_fn = read_fn;
    b->source = source;
    return open_source(b, limits, err);
}

gbo_bundle_reader *gbo_bundle_open_fd(int fd, const gbo_limits *limits, gbo_error *err)
{
    if (fd < 0) {
        gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "invalid file descriptor");
        return NULL;
    }
    return open_fd(fd, false, limits, err);
}

gbo_bundle_reader *gbo_bundle_open_file(const char *path, const gbo_limits *limits, gbo_error *err)
{
    int fd;
    if (!path) {
        gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "NULL path");
        return NULL;
    }
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int saved = errno;
        gbop_fail(err, GBO_E_IO, NULL, NULL, "cannot open the bundle: %s", strerror(saved));
        errno = saved;
        return NULL;
    }
    return open_fd(fd, true, limits, err);
}

size_t gbo_bundle_index(const gbo_bundle_reader *b)
{
    return b ? b->index : 0;
}

bool gbo_bundle_failed(const gbo_bundle_reader *b)
{
    return b && b->failed;
}

/* Copy the diagnostics found while opening into the caller's list. */
static gbo_status flush_pending(gbo_bundle_reader *b, gbo_diagnostics *diags)
{
    for (size_t i = 0; i < gbo_diagnostics_count(b->pending); i++) {
        const gbo_diagnostic *d = gbo_diagnostics_at(b->pending, i);
        if (gbop_diag_copy(diags, d) != GBO_OK)
            return GBO_E_NOMEM;
    }
    gbo_diagnostics_clear(b->pending);
    return GBO_OK;
}

/* Reading ends at a malformed or refused part of the bundle: one error that
 * says why and that the items after it were not examined. */
static gbo_status stop(gbo_bundle_reader *b, gbo_diagnostics *diags, size_t start,
                       gbo_error *err)
{
    gbo_diagnostics *own = NULL, *cause = gbo_diagnostics_new(NULL);
    gbo_status status;
    b->failed = true;
    if (!cause)
        return gbop_nomem(err);
    if (!diags) {
        diags = own = gbo_diagnostics_new(NULL);
        start = 0;
    }
    gbo_diagnostics_set_lang(cause, gbo_diagnostics_lang(diags));
    if (b->guard.refused)
        gbop_guard_report(&b->guard, cause);
    else if (b->have_error && !b->out_of_memory && !b->io_failed)
        gbop_parser_error_diag(&b->last_error, cause);
    if (b->io_failed) {
        status = gbop_fail(err, GBO_E_IO, NULL, NULL, "cannot read the bundle: %s",
                           b->io_errno ? strerror(b->io_errno) : "the source reported an error");
        errno = b->io_errno;
    } else if (gbo_diagnostics_count(cause) == 0) {
        /* libxml2 failed with no verdict on the bundle: it ran out of memory */
        status = gbop_nomem(err);
    } else {
        const gbo_diagnostic *d = gbo_diagnostics_at(cause, 0);
        gbop_diag(diags, gbo_diagnostic_rule(d), GBO_SEVERITY_ERROR, gbo_diagnostic_line(d),
                  gbo_diagnostic_column(d), gbo_diagnostic_path(d), "bundle.unexamined",
                  gbo_diagnostic_message(d), NULL, NULL);
        status = gbop_refused(diags, start, err);
    }
    gbo_diagnostics_free(cause);
    gbo_diagnostics_free(own);
    return status;
}

static gbo_status root_element(gbo_bundle_reader *b, xmlNodePtr node, gbo_diagnostics *diags,
                               size_t start, gbo_error *err)
{
    xmlChar *version;
    unsigned long line = (unsigned long)xmlTextReaderGetParserLineNumber(b->reader);
    b->saw_root = true;
    if (!gbop_is_format_element(node, "bundle")) {
        b->failed = true;
        gbop_diag(diags, "GBO-X004", GBO_SEVERITY_ERROR, line, 0, "",
                  gbop_is_format_element(node, "exchange") ? "x004.document-as-bundle"
                                                           : "x004.not-bundle",
                  GBO_FORMAT_NAMESPACE, NULL, NULL);
        return gbop_refused(diags, start, err);
    }
    version = xmlTextReaderGetAttribute(b->reader, (const xmlChar *)"version");
    if (version) {
        unsigned long major = strtoul((const char *)version, NULL, 10);
        const char *dot = strchr((const char *)version, '.');
        unsigned long minor = dot ? strtoul(dot + 1, NULL, 10) : 0;
        if (major != GBO_FORMAT_MAJOR) {
            b->failed = true;
            gbop_diag(diags, "GBO-X004", GBO_SEVERITY_ERROR, line, 0, "/bundle", "x004.version",
                      (const char *)version, NULL, NULL);
            xmlFree(version);
            return gbop_refused(diags, start, err);
        }
        if (minor > GBO_FORMAT_MINOR)
            gbop_diag(diags, "GBO-X006", GBO_SEVERITY_WARNING, line, 0, "/bundle", "x006.newer",
                      (const char *)version, GBO_FORMAT_VERSION, NULL);
        xmlFree(version);
    }
    return GBO_OK;
}

/* libxml2 reports what goes wrong in the tree it builds (a namespace or
 * attribute it could not allocate) to the thread's handler, not to the
 * reader's: while the reader moves, that handler is silent and notes it. */
static int move(gbo_bundle_reader *b, int (*how)(xmlTextReaderPtr))
{
    gbop_xml_quiet quiet;
    int rc;
    gbop_xml_quiet_begin(&quiet);
    rc = how(b->reader);
    gbop_xml_quiet_end(&quiet);
    b->out_of_memory = b->out_of_memory || quiet.out_of_memory;
    return rc;
}

/* xmlTextReaderExpand() as a move: 1 when the current node was expanded. */
static int expand(xmlTextReaderPtr reader)
{
    return xmlTextReaderExpand(reader) != NULL;
}

/* The item at `node`, whole, or NULL when it is not: libxml2 fails the
 * expansion when the input ends (or the guard refuses) after the item's
 * last byte, and "expands" half an item when the input ends inside it. The
 * guard saw every byte libxml2 saw: it tells whether the item ended, and at
 * which byte, so the item counts as whole when libxml2 stopped past it. */
static xmlNodePtr expand_item(gbo_bundle_reader *b, xmlNodePtr node)
{
    xmlNodePtr expanded = move(b, expand) ? xmlTextReaderCurrentNode(b->reader) : NULL;
    if (b->guard.completed < b->index)
        return NULL; /* the input ended or was refused inside the item */
    if (expanded)
        return expanded;
    if (b->have_fatal && b->guard.completed == b->index && b->fatal_offset >= b->guard.end_offset)
        return node;
    return NULL;
}

gbo_status gbo_bundle_next(gbo_bundle_reader *b, gbo_entity **item, gbo_diagnostics *diags,
                           gbo_error *err)
{
    gbo_diagnostics *own = NULL;
    gbo_status status = GBO_OK;
    size_t start;

    if (!b || !item)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "NULL argument");
    *item = NULL;
    if (!diags) {
        own = diags = gbo_diagnostics_new(err);
        if (!own)
            return GBO_E_NOMEM;
    }
    start = gbo_diagnostics_count(diags);
    if (flush_pending(b, diags) != GBO_OK) {
        status = gbop_nomem(err);
        goto done;
    }
    if (b->failed && b->fail_rule[0]) {
        gbop_diag(diags, b->fail_rule, GBO_SEVERITY_ERROR, 0, 0, "", "bundle.stopped",
                  b->fail_message, NULL, NULL);
        status = gbop_refused(diags, start, err);
        goto done;
    }
    if (b->failed) {
        status = gbop_refused(diags, start, err);
        goto done;
    }
    if (b->broken) {
        status = stop(b, diags, start, err);
        goto done;
    }
    while (!b->done) {
        int rc, type, depth;
        xmlNodePtr node;

        if (b->positioned) {
            b->positioned = false;
            rc = 1;
        } else {
            rc = move(b, xmlTextReaderRead);
        }
        if (b->out_of_memory) {
            b->failed = true;
            status = gbop_nomem(err);
            goto done;
        }
        if (rc < 0) {
            status = stop(b, diags, start, err);
            goto done;
        }
        if (rc == 0) {
            b->done = true;
            if (b->guard.refused) { /* after the root: a NUL byte, say */
                b->failed = true;
                gbop_guard_report(&b->guard, diags);
                status = gbop_refused(diags, start, err);
            } else if (!b->saw_root) {
                b->failed = true;
                gbop_diag(diags, "GBO-X001", GBO_SEVERITY_ERROR, 0, 0, "", "x001.no-root", NULL,
                          NULL, NULL);
                status = gbop_refused(diags, start, err);
            }
            goto done;
        }
        type = xmlTextReaderNodeType(b->reader);
        depth = xmlTextReaderDepth(b->reader);
        node = xmlTextReaderCurrentNode(b->reader);
        if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
            b->failed = true;
            gbop_diag(diags, "GBO-X002", GBO_SEVERITY_ERROR,
                      (unsigned long)xmlTextReaderGetParserLineNumber(b->reader), 0, "",
                      "x002.declaration", NULL, NULL, NULL);
            status = gbop_refused(diags, start, err);
            goto done;
        }
        if (type == XML_READER_TYPE_ENTITY_REFERENCE) {
            b->failed = true;
            gbop_diag(diags, "GBO-X002", GBO_SEVERITY_ERROR,
                      (unsigned long)xmlTextReaderGetParserLineNumber(b->reader), 0, "",
                      "x002.entity-reference", NULL, NULL, NULL);
            status = gbop_refused(diags, start, err);
            goto done;
        }
        if (type != XML_READER_TYPE_ELEMENT)
            continue;
        if (depth == 0) {
            status = root_element(b, node, diags, start, err);
            if (status != GBO_OK)
                goto done;
            continue;
        }
        /* an item: expand it, check and build it, then move past it */
        b->index++;
        node = expand_item(b, node);
        if (b->out_of_memory) {
            b->failed = true;
            status = gbop_nomem(err);
            goto done;
        }
        if (!node) {
            status = stop(b, diags, start, err);
            goto done;
        }
        if (!gbop_is_format_element(node, "exchange")) {
            gbop_diag(diags, "GBO-X003", GBO_SEVERITY_ERROR, (unsigned long)xmlGetLineNo(node), 0,
                      "/bundle", "x003.bundle-item", (const char *)node->name, NULL, NULL);
            status = gbop_refused(diags, start, err);
        } else {
            status = gbop_exchange_from_element(node, &b->limits, item, diags, err);
        }
        rc = move(b, xmlTextReaderNext);
        if (rc < 0) {
            /* the item read is whole; what follows it is broken: the next
             * call reports that */
            b->broken = true;
        } else if (rc == 0) {
            b->done = true;
        } else {
            b->positioned = true;
        }
        goto done;
    }
done:
    if (b->failed && !b->fail_rule[0]) {
        for (size_t i = start; i < gbo_diagnostics_count(diags); i++) {
            const gbo_diagnostic *d = gbo_diagnostics_at(diags, i);
            if (gbo_diagnostic_severity(d) == GBO_SEVERITY_ERROR) {
                snprintf(b->fail_rule, sizeof b->fail_rule, "%s", gbo_diagnostic_rule(d));
                snprintf(b->fail_message, sizeof b->fail_message, "%s", gbo_diagnostic_message(d));
                break;
            }
        }
    }
    gbo_diagnostics_free(own);
    return status;
}
