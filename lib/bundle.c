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
#include "bundle_internal.h"
#include "xml_stream.h"

struct gbo_bundle_reader {
    gbop_stream stream;
    size_t index;
    bool saw_root, done, failed;
    bool positioned; /* xmlTextReaderNext() left the reader on an unread node */
    bool broken;     /* reading past the last item failed: report it next time */
    char fail_rule[GBO_RULE_ID_SIZE]; /* why reading stopped, repeated by later calls */
    char fail_message[GBO_ERROR_TEXT_SIZE];
    gbo_diagnostics *pending; /* found while opening, reported by the first next */
};

void gbo_bundle_close(gbo_bundle_reader *b)
{
    if (!b)
        return;
    gbop_stream_close(&b->stream);
    gbo_diagnostics_free(b->pending);
    gbop_free(b);
}

/* Open the stream set up in b; a bundle refused by the pre-scan is reported
 * by the first gbo_bundle_next. */
static gbo_bundle_reader *open_reader(gbo_bundle_reader *b, const gbo_limits *limits,
                                      gbo_error *err)
{
    bool refused;
    b->pending = gbo_diagnostics_new(err);
    if (!b->pending ||
        gbop_stream_open(&b->stream, limits, false, "bundle", b->pending, &refused, err) != GBO_OK) {
        gbo_bundle_close(b);
        return NULL;
    }
    b->failed = refused;
    return b;
}

static gbo_bundle_reader *new_reader(gbo_error *err)
{
    gbo_bundle_reader *b = gbop_calloc(1, sizeof *b);
    if (!b)
        gbop_nomem(err);
    return b;
}

gbo_bundle_reader *gbo_bundle_open_memory(const char *data, size_t size, const gbo_limits *limits,
                                          gbo_error *err)
{
    gbo_bundle_reader *b;
    if (!data && size) {
        gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "NULL data");
        return NULL;
    }
    if (!(b = new_reader(err)))
        return NULL;
    gbop_stream_init_memory(&b->stream, data, size);
    return open_reader(b, limits, err);
}

static gbo_bundle_reader *open_fd(int fd, bool own, const gbo_limits *limits, gbo_error *err)
{
    gbo_bundle_reader *b = new_reader(err);
    if (!b) {
        if (own)
            close(fd);
        return NULL;
    }
    gbop_stream_init_fd(&b->stream, fd, own);
    return open_reader(b, limits, err);
}

gbo_bundle_reader *gbo_bundle_open_io(gbo_read_fn read_fn, void *source, const gbo_limits *limits,
                                      gbo_error *err)
{
    gbo_bundle_reader *b;
    if (!read_fn) {
        gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "NULL read function");
        return NULL;
    }
    if (!(b = new_reader(err)))
        return NULL;
    gbop_stream_init_io(&b->stream, read_fn, source);
    return open_reader(b, limits, err);
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
    status = gbop_stream_failure(&b->stream, cause, err);
    if (status == GBO_OK) {
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
    unsigned long line = gbop_stream_line(&b->stream);
    b->saw_root = true;
    if (!gbop_is_format_element(node, "bundle")) {
        b->failed = true;
        gbop_diag(diags, "GBO-X004", GBO_SEVERITY_ERROR, line, 0, "",
                  gbop_is_format_element(node, "exchange") ? "x004.document-as-bundle"
                                                           : "x004.not-bundle",
                  GBO_FORMAT_NAMESPACE, NULL, NULL);
        return gbop_refused(diags, start, err);
    }
    version = xmlTextReaderGetAttribute(b->stream.reader, (const xmlChar *)"version");
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

static gbo_status next_item(gbo_bundle_reader *b, gbop_item_fn fn, void *arg,
                            gbo_diagnostics *diags, gbo_error *err)
{
    gbo_diagnostics *own = NULL;
    gbo_status status = GBO_OK;
    size_t start;

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
            rc = gbop_stream_move(&b->stream, xmlTextReaderRead);
        }
        if (b->stream.out_of_memory) {
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
            if (b->stream.guard.refused) { /* after the root: a NUL byte, say */
                b->failed = true;
                gbop_guard_report(&b->stream.guard, diags);
                status = gbop_refused(diags, start, err);
            } else if (!b->saw_root) {
                b->failed = true;
                gbop_diag(diags, "GBO-X001", GBO_SEVERITY_ERROR, 0, 0, "", "x001.no-root", NULL,
                          NULL, NULL);
                status = gbop_refused(diags, start, err);
            }
            goto done;
        }
        type = xmlTextReaderNodeType(b->stream.reader);
        depth = xmlTextReaderDepth(b->stream.reader);
        node = xmlTextReaderCurrentNode(b->stream.reader);
        if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
            b->failed = true;
            gbop_diag(diags, "GBO-X002", GBO_SEVERITY_ERROR,
                      gbop_stream_line(&b->stream), 0, "",
                      "x002.declaration", NULL, NULL, NULL);
            status = gbop_refused(diags, start, err);
            goto done;
        }
        if (type == XML_READER_TYPE_ENTITY_REFERENCE) {
            b->failed = true;
            gbop_diag(diags, "GBO-X002", GBO_SEVERITY_ERROR,
                      gbop_stream_line(&b->stream), 0, "",
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
        node = gbop_stream_expand(&b->stream, node, b->index);
        if (b->stream.out_of_memory) {
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
            status = fn(arg, node, &b->stream.limits, diags, start, err);
        }
        rc = gbop_stream_move(&b->stream, xmlTextReaderNext);
        if (rc < 0 || b->stream.out_of_memory || b->stream.io_failed) {
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

/* libxml2 says nothing while the bundle is read; its running out of memory
 * anywhere (a value it could not copy, say) is GBO_E_NOMEM, never a
 * verdict. */
gbo_status gbop_bundle_next_with(gbo_bundle_reader *b, gbop_item_fn fn, void *arg,
                                 gbo_diagnostics *diags, gbo_error *err)
{
    gbop_xml_quiet quiet;
    gbo_status status;
    gbop_xml_quiet_begin(&quiet);
    status = next_item(b, fn, arg, diags, err);
    gbop_xml_quiet_end(&quiet);
    if (quiet.out_of_memory && status != GBO_E_NOMEM && status != GBO_E_IO) {
        b->failed = true;
        status = gbop_nomem(err);
    }
    return status;
}

/* gbo_bundle_next's item: the model built from the expanded element. */
static gbo_status build_item(void *arg, xmlNodePtr item, const gbo_limits *limits,
                             gbo_diagnostics *diags, size_t start, gbo_error *err)
{
    (void)start;
    return gbop_exchange_from_element(item, limits, (gbo_entity **)arg, diags, err);
}

gbo_status gbo_bundle_next(gbo_bundle_reader *b, gbo_entity **item, gbo_diagnostics *diags,
                           gbo_error *err)
{
    gbo_status status;
    if (!b || !item)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "NULL argument");
    *item = NULL;
    status = gbop_bundle_next_with(b, build_item, item, diags, err);
    if (status != GBO_OK) {
        gbo_entity_free(*item);
        *item = NULL;
    }
    return status;
}
