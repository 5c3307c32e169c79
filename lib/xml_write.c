/* libgbo — writing the model in the canonical form of SPEC §2.7 with
 * libxml2's xmlTextWriter, walking the same field table as the reader. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "alloc.h"
#include "error.h"
#include "model.h"
#include "consent_internal.h"
#include "structure.h"
#include "xml.h"

typedef struct writer {
    xmlTextWriterPtr w;
    xmlBufferPtr buf;
    int depth; /* nesting of the content being written: root's children = 1 */
} writer;

static bool failed(int rc)
{
    return rc < 0;
}

static bool indent(writer *wr, int levels)
{
    for (int i = 0; i < levels; i++)
        if (failed(xmlTextWriterWriteRaw(wr->w, (const xmlChar *)"  ")))
            return false;
    return true;
}

/* Extension elements are canonical XML already; they go out verbatim, each
 * on a line of its own at the indentation of a child element. xmlTextWriter
 * does not indent raw output, so the line breaks are ours: after a flush the
 * buffer shows whether the writer already ended the line. */
static bool write_extension(writer *wr, const char *xml)
{
    int len;
    if (failed(xmlTextWriterWriteRaw(wr->w, (const xmlChar *)"")) || failed(xmlTextWriterFlush(wr->w)))
        return false;
    len = xmlBufferLength(wr->buf);
    if (len > 0 && xmlBufferContent(wr->buf)[len - 1] != '\n' &&
        failed(xmlTextWriterWriteRaw(wr->w, (const xmlChar *)"\n")))
        return false;
    return indent(wr, wr->depth) && !failed(xmlTextWriterWriteRaw(wr->w, (const xmlChar *)xml)) &&
           !failed(xmlTextWriterWriteRaw(wr->w, (const xmlChar *)"\n"));
}

static bool write_fields(writer *wr, const gbo_entity *e, bool header);

static bool write_entity(writer *wr, const gbo_entity *e, const char *name, bool root)
{
    gbo_kind kind = gbo_entity_kind(e);
    size_t count = gbo_kind_field_count(kind);
    bool has_elements = false;

    if (count == 0)
        return false;
    if (root) {
        /* the namespace first, as the default namespace, then the version */
        if (failed(xmlTextWriterStartElement(wr->w, (const xmlChar *)name)) ||
            failed(xmlTextWriterWriteAttribute(wr->w, (const xmlChar *)"xmlns",
                                               (const xmlChar *)GBO_FORMAT_NAMESPACE)) ||
            failed(xmlTextWriterWriteAttribute(wr->w, (const xmlChar *)"version",
                                               (const xmlChar *)GBO_FORMAT_VERSION)))
            return false;
    } else if (failed(xmlTextWriterStartElement(wr->w, (const xmlChar *)name))) {
        return false;
    }
    for (size_t i = 0; i < count; i++) {
        gbo_field f = gbo_kind_field_at(kind, i);
        const gbop_field_desc *d = gbop_field(f);
        const char *value = gbo_entity_get(e, f);
        if (!(d->flags & GBOP_ATTRIBUTE)) {
            has_elements = has_elements || gbo_entity_count(e, f) > 0;
            continue;
        }
        if (value && failed(xmlTextWriterWriteAttribute(wr->w, (const xmlChar *)d->name,
                                                        (const xmlChar *)value)))
            return false;
    }
    wr->depth++;
    if (gbo_entity_kind(e) == GBO_KIND_EXCHANGE) {
        if (failed(xmlTextWriterStartElement(wr->w, (const xmlChar *)"header")))
            return false;
        wr->depth++;
        if (!write_fields(wr, e, true))
            return false;
        wr->depth--;
        if (failed(xmlTextWriterEndElement(wr->w)))
            return false;
    }
    if (has_elements && !write_fields(wr, e, false))
        return false;
    for (size_t i = 0; i < gbo_entity_extension_count(e); i++)
        if (!write_extension(wr, gbo_entity_extension_at(e, i)))
            return false;
    wr->depth--;
    if (gbo_entity_extension_count(e))
        return indent(wr, wr->depth) && !failed(xmlTextWriterFullEndElement(wr->w));
    return !failed(xmlTextWriterEndElement(wr->w));
}

/* The element fields of `e`, in schema order: those inside <header> when
 * `header`, the others otherwise. */
static bool write_fields(writer *wr, const gbo_entity *e, bool header)
{
    gbo_kind kind = gbo_entity_kind(e);
    size_t count = gbo_kind_field_count(kind);

    for (size_t j = 0; j < count; j++) {
        gbo_field f = gbo_kind_field_at(kind, j);
        const gbop_field_desc *d = gbop_field(f);
        size_t n = gbo_entity_count(e, f);
        if ((d->flags & GBOP_ATTRIBUTE) || !!(d->flags & GBOP_HEADER) != header)
            continue;
        for (size_t i = 0; i < n; i++) {
            if (d->type == GBO_TYPE_ENTITY) {
                if (!write_entity(wr, gbo_entity_child(e, f, i), d->name, false))
                    return false;
            } else if (failed(xmlTextWriterWriteElement(wr->w, (const xmlChar *)d->name,
                                                         (const xmlChar *)gbo_entity_get_at(e, f, i)))) {
                return false;
            }
        }
    }
    return true;
}

/* The consent rules whose denial stops the writer: data would flow without
 * permission. (C008 is about the consent record; C009-C012 are warnings.) */
static bool blocks_writing(const char *rule)
{
    static const char *const blocking[] = { "GBO-C001", "GBO-C002", "GBO-C003", "GBO-C004",
                                             "GBO-C005", "GBO-C006", "GBO-C007", "GBO-C013",
                                             "GBO-C014" };
    for (size_t i = 0; i < sizeof blocking / sizeof *blocking; i++)
        if (strcmp(rule, blocking[i]) == 0)
            return true;
    return false;
}

/* SPEC §5: refuse a person-bearing message its consent does not cover. */
static gbo_status consent_gate(const gbo_entity *exchange, const gbo_write_options *options,
                               gbo_diagnostics *diags, gbo_error *err)
{
    gbo_diagnostics *own = NULL;
    gbo_status status;
    size_t start;

    if (options && options->emergency)
        return GBO_OK;
    if (!diags && !(diags = own = gbo_diagnostics_new(err)))
        return GBO_E_NOMEM;
    start = gbo_diagnostics_count(diags);
    status = gbop_consent_findings(exchange, options ? options->consents : NULL, diags, err);
    for (size_t i = start; status == GBO_OK && i < gbo_diagnostics_count(diags); i++) {
        const gbo_diagnostic *d = gbo_diagnostics_at(diags, i);
        if (!blocks_writing(gbo_diagnostic_rule(d)))
            continue;
        gbop_fail(err, GBO_E_DOCUMENT, gbo_diagnostic_rule(d), gbo_diagnostic_path(d),
                  "not written: %s", gbo_diagnostic_message(d));
        status = GBO_E_DOCUMENT;
    }
    gbo_diagnostics_free(own);
    return status;
}

/* The writer never emits what a reader refuses: a model whose structure the
 * schema would not accept (a required field missing, a text too long) is
 * not written; diags (may be NULL) says why, err names the first fault. */
static gbo_status structure_gate(const gbo_entity *exchange, gbo_diagnostics *diags,
                                 gbo_error *err)
{
    gbo_diagnostics *own = NULL;
    gbo_status status;
    size_t start, faults;

    if (!diags && !(diags = own = gbo_diagnostics_new(err)))
        return GBO_E_NOMEM;
    start = gbo_diagnostics_count(diags);
    status = gbop_check_structure(exchange, diags, &faults, err);
    if (status == GBO_OK && faults) {
        const gbo_diagnostic *d = gbo_diagnostics_at(diags, start);
        gbop_fail(err, GBO_E_DOCUMENT, gbo_diagnostic_rule(d), gbo_diagnostic_path(d),
                  "not written: %s", gbo_diagnostic_message(d));
        status = GBO_E_DOCUMENT;
    }
    gbo_diagnostics_free(own);
    return status;
}

gbo_status gbo_exchange_write_memory(const gbo_entity *exchange, char **out, size_t *size,
                                     gbo_error *err)
{
    return gbo_exchange_write_checked(exchange, NULL, out, size, NULL, err);
}

gbo_status gbo_exchange_write_checked(const gbo_entity *exchange, const gbo_write_options *options,
                                      char **out, size_t *size, gbo_diagnostics *diags,
                                      gbo_error *err)
{
    gbo_status gate;
    if (!out || !size || gbo_entity_kind(exchange) != GBO_KIND_EXCHANGE)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL,
                         "gbo_exchange_write_memory needs an exchange entity and output pointers");
    *out = NULL;
    *size = 0;
    gate = structure_gate(exchange, diags, err);
    if (gate == GBO_OK)
        gate = consent_gate(exchange, options, diags, err);
    if (gate != GBO_OK)
        return gate;
    return gbop_exchange_write_unchecked(exchange, out, size, err);
}

gbo_status gbop_exchange_write_unchecked(const gbo_entity *exchange, char **out, size_t *size,
                                         gbo_error *err)
{
    xmlBufferPtr buf;
    xmlTextWriterPtr w;
    writer wr;
    bool ok;

    gbop_schema(NULL); /* initialises libxml2 once */
    buf = xmlBufferCreate();
    if (!buf)
        return gbop_nomem(err);
    w = xmlNewTextWriterMemory(buf, 0);
    if (!w) {
        xmlBufferFree(buf);
        return gbop_nomem(err);
    }
    wr.w = w;
    wr.buf = buf;
    wr.depth = 0;
    ok = !failed(xmlTextWriterSetIndent(w, 1)) &&
         !failed(xmlTextWriterSetIndentString(w, (const xmlChar *)"  ")) &&
         !failed(xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL)) &&
         write_entity(&wr, exchange, "exchange", true) && !failed(xmlTextWriterEndDocument(w));
    xmlFreeTextWriter(w); /* flushes into buf */
    if (ok) {
        const char *content = (const char *)xmlBufferContent(buf);
        size_t len = (size_t)xmlBufferLength(buf);
        *out = gbop_strndup(content, len);
        *size = len;
    }
    xmlBufferFree(buf);
    if (!ok)
        return gbop_fail(err, GBO_E_NOMEM, NULL, NULL, "the XML writer failed (out of memory)");
    return *out ? GBO_OK : gbop_nomem(err);
}

gbo_status gbo_exchange_write_file(const gbo_entity *exchange, const char *path, gbo_error *err)
{
    char *data = NULL, *tmp;
    size_t size, len;
    FILE *f;
    gbo_status status;
    int saved = 0;

    if (!path)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "NULL path");
    status = gbo_exchange_write_memory(exchange, &data, &size, err);
    if (status != GBO_OK)
        return status;
    /* write beside the target and rename, so a reader never sees half a file */
    len = strlen(path);
    tmp = gbop_malloc(len + 8);
    if (!tmp) {
        gbop_free(data);
        return gbop_nomem(err);
    }
    snprintf(tmp, len + 8, "%s.tmp~", path);
    f = fopen(tmp, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fflush(f) != 0) {
        saved = errno;
        status = GBO_E_IO;
    }
    if (f && fclose(f) != 0 && status == GBO_OK) {
        saved = errno;
        status = GBO_E_IO;
    }
    if (status == GBO_OK && rename(tmp, path) != 0) {
        saved = errno;
        status = GBO_E_IO;
    }
    if (status != GBO_OK) {
        remove(tmp);
        gbop_fail(err, GBO_E_IO, NULL, NULL, "cannot write the document: %s", strerror(saved));
        errno = saved;
    }
    gbop_free(tmp);
    gbop_free(data);
    return status;
}
