/* gbo validate — the four report formats. */
#include "config.h"

#include <string.h>

#include <libxml/xmlwriter.h>

#include "json.h"
#include "report.h"

bool report_format_parse(const char *name, report_format *out)
{
    static const char *const names[] = { "text", "json", "junit", "sarif" };
    for (int i = 0; i < 4; i++)
        if (name && strcmp(name, names[i]) == 0)
            return *out = (report_format)i, true;
    return false;
}

static const char *item_label(const item_result *it, char *buf, size_t size)
{
    if (it->index)
        snprintf(buf, size, " [item %zu]", it->index);
    else
        buf[0] = '\0';
    return buf;
}

/* ---- text --------------------------------------------------------------------- */

static void text_line(FILE *out, const char *file, const item_result *it, const gbo_diagnostic *d)
{
    char item[40];
    fprintf(out, "%s:%lu:%lu: %s: %s: %s", file, gbo_diagnostic_line(d), gbo_diagnostic_column(d),
            gbo_severity_name(gbo_diagnostic_severity(d)), gbo_diagnostic_rule(d),
            gbo_diagnostic_message(d));
    if (gbo_diagnostic_path(d)[0])
        fprintf(out, " (%s)", gbo_diagnostic_path(d));
    fprintf(out, "%s\n", item_label(it, item, sizeof item));
}

static void write_text(FILE *out, const file_result *files, size_t n, const summary *s)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < files[i].nitems; j++) {
            const item_result *it = &files[i].items[j];
            for (size_t k = 0; k < gbo_diagnostics_count(it->diags); k++)
                if (!it->suppressed[k])
                    text_line(out, files[i].name, it, gbo_diagnostics_at(it->diags, k));
        }
    }
    fprintf(out, "gbo validate: %zu file%s, %zu document%s: %zu error%s, %zu warning%s, %zu suppressed"
                 " (libgbo %s, format %s)\n",
            s->files, s->files == 1 ? "" : "s", s->documents, s->documents == 1 ? "" : "s",
            s->errors, s->errors == 1 ? "" : "s", s->warnings, s->warnings == 1 ? "" : "s",
            s->suppressed, gbo_version(), GBO_FORMAT_VERSION);
}

/* ---- json --------------------------------------------------------------------- */

static void write_json(FILE *out, const file_result *files, size_t n, const summary *s)
{
    fprintf(out, "{\"tool\":\"gbo\",\"version\":");
    json_string(out, gbo_version());
    fprintf(out, ",\"formatVersion\":");
    json_string(out, GBO_FORMAT_VERSION);
    fprintf(out, ",\"files\":[");
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "%s{\"file\":", i ? "," : "");
        json_string(out, files[i].name);
        if (files[i].io_error) {
            fprintf(out, ",\"error\":");
            json_string(out, files[i].io_error);
        }
        fprintf(out, ",\"items\":[");
        for (size_t j = 0; j < files[i].nitems; j++) {
            const item_result *it = &files[i].items[j];
            bool first = true;
            fprintf(out, "%s{\"index\":%zu,\"documentId\":", j ? "," : "", it->index);
            json_string(out, it->document_id);
            fprintf(out, ",\"diagnostics\":[");
            for (size_t k = 0; k < gbo_diagnostics_count(it->diags); k++) {
                const gbo_diagnostic *d = gbo_diagnostics_at(it->diags, k);
                fprintf(out, "%s{\"rule\":", first ? "" : ",");
                first = false;
                json_string(out, gbo_diagnostic_rule(d));
                fprintf(out, ",\"severity\":");
                json_string(out, gbo_severity_name(gbo_diagnostic_severity(d)));
                fprintf(out, ",\"line\":%lu,\"column\":%lu,\"path\":", gbo_diagnostic_line(d),
                        gbo_diagnostic_column(d));
                json_string(out, gbo_diagnostic_path(d));
                fprintf(out, ",\"message\":");
                json_string(out, gbo_diagnostic_message(d));
                fprintf(out, ",\"suppressed\":%s}", it->suppressed[k] ? "true" : "false");
            }
            fprintf(out, "]}");
        }
        fprintf(out, "]}");
    }
    fprintf(out, "],\"summary\":{\"files\":%zu,\"documents\":%zu,\"errors\":%zu,\"warnings\":%zu,"
                 "\"suppressed\":%zu}}\n",
            s->files, s->documents, s->errors, s->warnings, s->suppressed);
}

/* ---- junit -------------------------------------------------------------------- */

static bool counts_as_failure(const gbo_diagnostic *d, bool strict)
{
    return strict || gbo_diagnostic_severity(d) == GBO_SEVERITY_ERROR;
}

static void junit_case(xmlTextWriterPtr w, const char *file, const item_result *it, bool strict)
{
    char name[4096], item[40], line[2048];
    size_t errors = 0;
    xmlBufferPtr text = xmlBufferCreate(), warnings = xmlBufferCreate();

    snprintf(name, sizeof name, "%s%s", file, item_label(it, item, sizeof item));
    for (size_t k = 0; k < gbo_diagnostics_count(it->diags); k++) {
        const gbo_diagnostic *d = gbo_diagnostics_at(it->diags, k);
        bool error = counts_as_failure(d, strict);
        if (it->suppressed[k])
            continue;
        snprintf(line, sizeof line, "%s:%lu:%lu: %s: %s: %s%s%s%s\n", file, gbo_diagnostic_line(d),
                 gbo_diagnostic_column(d), gbo_severity_name(gbo_diagnostic_severity(d)),
                 gbo_diagnostic_rule(d), gbo_diagnostic_message(d),
                 gbo_diagnostic_path(d)[0] ? " (" : "", gbo_diagnostic_path(d),
                 gbo_diagnostic_path(d)[0] ? ")" : "");
        xmlBufferCat(error ? text : warnings, (const xmlChar *)line);
        errors += error;
    }
    xmlTextWriterStartElement(w, (const xmlChar *)"testcase");
    xmlTextWriterWriteAttribute(w, (const xmlChar *)"classname", (const xmlChar *)"gbo.validate");
    xmlTextWriterWriteAttribute(w, (const xmlChar *)"name", (const xmlChar *)name);
    if (errors) {
        char message[64];
        snprintf(message, sizeof message, "%zu %s%s", errors, strict ? "finding" : "error",
                 errors == 1 ? "" : "s");
        xmlTextWriterStartElement(w, (const xmlChar *)"failure");
        xmlTextWriterWriteAttribute(w, (const xmlChar *)"message", (const xmlChar *)message);
        xmlTextWriterWriteAttribute(w, (const xmlChar *)"type", (const xmlChar *)"gbo.validate");
        xmlTextWriterWriteString(w, xmlBufferContent(text));
        xmlTextWriterEndElement(w);
    }
    if (xmlBufferLength(warnings))
        xmlTextWriterWriteElement(w, (const xmlChar *)"system-out", xmlBufferContent(warnings));
    xmlTextWriterEndElement(w);
    xmlBufferFree(text);
    xmlBufferFree(warnings);
}

static void write_junit(FILE *out, const file_result *files, size_t n, bool strict)
{
    xmlBufferPtr buf = xmlBufferCreate();
    xmlTextWriterPtr w = xmlNewTextWriterMemory(buf, 0);
    char number[32];
    size_t failures = 0, cases = 0;

    for (size_t i = 0; i < n; i++) {
        cases += files[i].nitems + (files[i].io_error ? 1 : 0);
        failures += files[i].io_error ? 1 : 0;
        for (size_t j = 0; j < files[i].nitems; j++) {
            const item_result *it = &files[i].items[j];
            for (size_t k = 0; k < gbo_diagnostics_count(it->diags); k++)
                if (!it->suppressed[k] && counts_as_failure(gbo_diagnostics_at(it->diags, k), strict)) {
                    failures++;
                    break;
                }
        }
    }
    xmlTextWriterSetIndent(w, 1);
    xmlTextWriterSetIndentString(w, (const xmlChar *)"  ");
    xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL);
    xmlTextWriterStartElement(w, (const xmlChar *)"testsuites");
    xmlTextWriterStartElement(w, (const xmlChar *)"testsuite");
    xmlTextWriterWriteAttribute(w, (const xmlChar *)"name", (const xmlChar *)"gbo validate");
    snprintf(number, sizeof number, "%zu", cases);
    xmlTextWriterWriteAttribute(w, (const xmlChar *)"tests", (const xmlChar *)number);
    snprintf(number, sizeof number, "%zu", failures);
    xmlTextWriterWriteAttribute(w, (const xmlChar *)"failures", (const xmlChar *)number);
    xmlTextWriterWriteAttribute(w, (const xmlChar *)"errors", (const xmlChar *)"0");
    xmlTextWriterStartElement(w, (const xmlChar *)"properties");
    xmlTextWriterStartElement(w, (const xmlChar *)"property");
    xmlTextWriterWriteAttribute(w, (const xmlChar *)"name", (const xmlChar *)"libgbo.version");
    xmlTextWriterWriteAttribute(w, (const xmlChar *)"value", (const xmlChar *)gbo_version());
    xmlTextWriterEndElement(w);
    xmlTextWriterStartElement(w, (const xmlChar *)"property");
    xmlTextWriterWriteAttribute(w, (const xmlChar *)"name", (const xmlChar *)"format.version");
    xmlTextWriterWriteAttribute(w, (const xmlChar *)"value", (const xmlChar *)GBO_FORMAT_VERSION);
    xmlTextWriterEndElement(w);
    xmlTextWriterEndElement(w);
    for (size_t i = 0; i < n; i++) {
        if (files[i].io_error) {
            xmlTextWriterStartElement(w, (const xmlChar *)"testcase");
            xmlTextWriterWriteAttribute(w, (const xmlChar *)"classname", (const xmlChar *)"gbo.validate");
            xmlTextWriterWriteAttribute(w, (const xmlChar *)"name", (const xmlChar *)files[i].name);
            xmlTextWriterStartElement(w, (const xmlChar *)"failure");
            xmlTextWriterWriteAttribute(w, (const xmlChar *)"message", (const xmlChar *)files[i].io_error);
            xmlTextWriterEndElement(w);
            xmlTextWriterEndElement(w);
        }
        for (size_t j = 0; j < files[i].nitems; j++)
            junit_case(w, files[i].name, &files[i].items[j], strict);
    }
    xmlTextWriterEndElement(w);
    xmlTextWriterEndElement(w);
    xmlTextWriterEndDocument(w);
    xmlFreeTextWriter(w);
    fwrite(xmlBufferContent(buf), 1, (size_t)xmlBufferLength(buf), out);
    xmlBufferFree(buf);
}

/* ---- sarif -------------------------------------------------------------------- */

static size_t rule_index(const char *id)
{
    for (size_t i = 0; i < gbo_rule_count(); i++)
        if (strcmp(gbo_rule_id(gbo_rule_at(i)), id) == 0)
            return i;
    return 0;
}

/* A file name as a relative URI reference: unreserved characters and '/'
 * stay, everything else is percent-encoded. */
static void sarif_uri(FILE *out, const char *name)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/", *p))
            fputc(*p, out);
        else
            fprintf(out, "%%%02X", *p);
    }
    fputc('"', out);
}

static void sarif_result(FILE *out, const char *file, const item_result *it, size_t k, bool first)
{
    const gbo_diagnostic *d = gbo_diagnostics_at(it->diags, k);
    fprintf(out, "%s{\"ruleId\":", first ? "" : ",");
    json_string(out, gbo_diagnostic_rule(d));
    fprintf(out, ",\"ruleIndex\":%zu,\"level\":\"%s\",\"message\":{\"text\":", rule_index(gbo_diagnostic_rule(d)),
            gbo_diagnostic_severity(d) == GBO_SEVERITY_ERROR ? "error" : "warning");
    json_string(out, gbo_diagnostic_message(d));
    fprintf(out, "},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
    sarif_uri(out, file);
    fprintf(out, "}");
    if (gbo_diagnostic_line(d)) {
        fprintf(out, ",\"region\":{\"startLine\":%lu", gbo_diagnostic_line(d));
        if (gbo_diagnostic_column(d))
            fprintf(out, ",\"startColumn\":%lu", gbo_diagnostic_column(d));
        fprintf(out, "}");
    }
    fprintf(out, "}");
    if (gbo_diagnostic_path(d)[0]) {
        fprintf(out, ",\"logicalLocations\":[{\"fullyQualifiedName\":");
        json_string(out, gbo_diagnostic_path(d));
        fprintf(out, ",\"kind\":\"element\"}]");
    }
    fprintf(out, "}]");
    if (it->suppressed[k]) {
        fprintf(out, ",\"suppressions\":[{\"kind\":\"external\",\"justification\":");
        json_string(out, it->rationale[k]);
        fprintf(out, "}]");
    }
    if (it->index)
        fprintf(out, ",\"properties\":{\"bundleItem\":%zu}", it->index);
    fprintf(out, "}");
}

static void write_sarif(FILE *out, const file_result *files, size_t n, gbo_lang lang)
{
    bool first = true, unread = false;
    fprintf(out, "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\","
                 "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"gbo\",\"version\":");
    json_string(out, gbo_version());
    fprintf(out, ",\"semanticVersion\":");
    json_string(out, gbo_version());
    fprintf(out, ",\"rules\":[");
    for (size_t i = 0; i < gbo_rule_count(); i++) {
        const gbo_rule *r = gbo_rule_at(i);
        fprintf(out, "%s{\"id\":", i ? "," : "");
        json_string(out, gbo_rule_id(r));
        fprintf(out, ",\"shortDescription\":{\"text\":");
        json_string(out, gbo_rule_title(r, lang));
        fprintf(out, "},\"fullDescription\":{\"text\":");
        json_string(out, gbo_rule_help(r, lang));
        fprintf(out, "},\"help\":{\"text\":");
        json_string(out, gbo_rule_help(r, lang));
        fprintf(out, "},\"defaultConfiguration\":{\"level\":\"%s\"}}",
                gbo_rule_severity(r) == GBO_SEVERITY_ERROR ? "error" : "warning");
    }
    fprintf(out, "]}},\"results\":[");
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < files[i].nitems; j++)
            for (size_t k = 0; k < gbo_diagnostics_count(files[i].items[j].diags); k++) {
                sarif_result(out, files[i].name, &files[i].items[j], k, first);
                first = false;
            }
    fprintf(out, "]");
    for (size_t i = 0; i < n; i++)
        unread = unread || files[i].io_error;
    fprintf(out, ",\"invocations\":[{\"executionSuccessful\":%s", unread ? "false" : "true");
    if (unread) {
        first = true;
        fprintf(out, ",\"toolExecutionNotifications\":[");
        for (size_t i = 0; i < n; i++) {
            if (!files[i].io_error)
                continue;
            fprintf(out, "%s{\"level\":\"error\",\"message\":{\"text\":", first ? "" : ",");
            json_string(out, files[i].io_error);
            fprintf(out, "},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
            sarif_uri(out, files[i].name);
            fprintf(out, "}}}]}");
            first = false;
        }
        fprintf(out, "]");
    }
    fprintf(out, "}],\"properties\":{\"formatVersion\":");
    json_string(out, GBO_FORMAT_VERSION);
    fprintf(out, ",\"libgboVersion\":");
    json_string(out, gbo_version());
    fprintf(out, "}}]}\n");
}

void report_write(FILE *out, report_format format, const file_result *files, size_t nfiles,
                  gbo_lang lang, bool strict)
{
    summary s;
    results_summarise(files, nfiles, &s);
    switch (format) {
    case REPORT_TEXT: write_text(out, files, nfiles, &s); break;
    case REPORT_JSON: write_json(out, files, nfiles, &s); break;
    case REPORT_JUNIT: write_junit(out, files, nfiles, strict); break;
    case REPORT_SARIF: write_sarif(out, files, nfiles, lang); break;
    }
}
