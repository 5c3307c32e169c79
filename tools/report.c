/* gbo validate — the four report formats, streamed. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "json.h"
#include "report.h"

struct report {
    FILE *out;
    report_format format;
    gbo_lang lang;
    bool strict;
    bool failed;        /* something could not be written or allocated */
    /* the file being reported */
    const char *file;
    size_t files, items_in_file, results;
    /* junit: the test cases, spooled until the totals are known */
    FILE *spool;
    size_t cases, failures;
    double started;     /* wall clock, for the suite's time */
    time_t timestamp;   /* the suite's timestamp: now, or SOURCE_DATE_EPOCH */
    /* sarif: the files that could not be read, for the invocation */
    char **unread_names, **unread_errors;
    size_t unread, unread_cap;
    char *srcroot;      /* the working directory as a file: URI, with a final / */
};

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

static double wall_clock(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
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

static void text_item(report *r, const item_result *it)
{
    for (size_t k = 0; k < gbo_diagnostics_count(it->diags); k++)
        if (!it->suppressed[k])
            text_line(r->out, r->file, it, gbo_diagnostics_at(it->diags, k));
}

static void text_close(report *r, const summary *s)
{
    fprintf(r->out,
            "gbo validate: %zu file%s, %zu document%s: %zu error%s, %zu warning%s, %zu suppressed"
            " (libgbo %s, format %s)\n",
            s->files, s->files == 1 ? "" : "s", s->documents, s->documents == 1 ? "" : "s",
            s->errors, s->errors == 1 ? "" : "s", s->warnings, s->warnings == 1 ? "" : "s",
            s->suppressed, gbo_version(), GBO_FORMAT_VERSION);
}

/* ---- json --------------------------------------------------------------------- */

static void json_open(report *r)
{
    fprintf(r->out, "{\"tool\":\"gbo\",\"version\":");
    json_string(r->out, gbo_version());
    fprintf(r->out, ",\"formatVersion\":");
    json_string(r->out, GBO_FORMAT_VERSION);
    fprintf(r->out, ",\"files\":[");
}

static void json_file_begin(report *r)
{
    fprintf(r->out, "%s{\"file\":", r->files > 1 ? "," : "");
    json_string(r->out, r->file);
    fprintf(r->out, ",\"items\":[");
}

static void json_item(report *r, const item_result *it)
{
    FILE *out = r->out;
    fprintf(out, "%s{\"index\":%zu,\"documentId\":", r->items_in_file > 1 ? "," : "", it->index);
    json_string(out, it->document_id);
    fprintf(out, ",\"diagnostics\":[");
    for (size_t k = 0; k < gbo_diagnostics_count(it->diags); k++) {
        const gbo_diagnostic *d = gbo_diagnostics_at(it->diags, k);
        fprintf(out, "%s{\"rule\":", k ? "," : "");
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

static void json_file_end(report *r, const char *io_error)
{
    fprintf(r->out, "]");
    if (io_error) {
        fprintf(r->out, ",\"error\":");
        json_string(r->out, io_error);
    }
    fprintf(r->out, "}");
}

static void json_close(report *r, const summary *s)
{
    fprintf(r->out, "],\"summary\":{\"files\":%zu,\"documents\":%zu,\"errors\":%zu,\"warnings\":%zu,"
                    "\"suppressed\":%zu}}\n",
            s->files, s->documents, s->errors, s->warnings, s->suppressed);
}

/* ---- junit -------------------------------------------------------------------- */

/* XML text or attribute content: markup characters escaped, characters XML
 * 1.0 does not allow and bytes outside well-formed UTF-8 as U+FFFD. */
static void xml_text(FILE *out, const char *s, bool attribute)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)p), len;
    for (; *p; p += len, n -= len) {
        len = 1;
        switch (*p) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs(attribute ? "&quot;" : "\"", out); break;
        case '\n': fputs(attribute ? "&#10;" : "\n", out); break;
        case '\t': fputs(attribute ? "&#9;" : "\t", out); break;
        case '\r': fputs("&#13;", out); break;
        default:
            if (*p < 0x20) {
                fputs("\xEF\xBF\xBD", out);
            } else if (*p < 0x80) {
                fputc(*p, out);
            } else if ((len = utf8_sequence_length(p, n)) != 0 &&
                       !(len == 3 && p[0] == 0xEF && p[1] == 0xBF && p[2] >= 0xBE)) {
                fwrite(p, 1, len, out); /* U+FFFE and U+FFFF are not XML characters */
            } else {
                fputs("\xEF\xBF\xBD", out);
                len = len ? len : 1;
            }
        }
    }
}

static void junit_finding(FILE *out, const char *file, const gbo_diagnostic *d,
                          const char *rationale)
{
    xml_text(out, file, false);
    fprintf(out, ":%lu:%lu: %s: %s: ", gbo_diagnostic_line(d), gbo_diagnostic_column(d),
            gbo_severity_name(gbo_diagnostic_severity(d)), gbo_diagnostic_rule(d));
    xml_text(out, gbo_diagnostic_message(d), false);
    if (gbo_diagnostic_path(d)[0]) {
        fputs(" (", out);
        xml_text(out, gbo_diagnostic_path(d), false);
        fputc(')', out);
    }
    if (rationale) {
        fputs(" — suppressed: ", out);
        xml_text(out, rationale, false);
    }
    fputc('\n', out);
}

static bool counts_as_failure(const gbo_diagnostic *d, bool strict)
{
    return strict || gbo_diagnostic_severity(d) == GBO_SEVERITY_ERROR;
}

/* The rule ids of a test case's failures, each once, in order of finding. */
static void junit_failure_message(FILE *out, const item_result *it, bool strict, size_t failures)
{
    fprintf(out, "%zu %s%s:", failures, strict ? "finding" : "error", failures == 1 ? "" : "s");
    for (size_t k = 0; k < gbo_diagnostics_count(it->diags); k++) {
        const gbo_diagnostic *d = gbo_diagnostics_at(it->diags, k);
        bool seen = false;
        if (it->suppressed[k] || !counts_as_failure(d, strict))
            continue;
        for (size_t e = 0; e < k && !seen; e++)
            seen = !it->suppressed[e] && counts_as_failure(gbo_diagnostics_at(it->diags, e), strict) &&
                   strcmp(gbo_diagnostic_rule(gbo_diagnostics_at(it->diags, e)), gbo_diagnostic_rule(d)) == 0;
        if (!seen)
            fprintf(out, " %s", gbo_diagnostic_rule(d));
    }
}

static void junit_item(report *r, const item_result *it)
{
    FILE *out = r->spool;
    char item[40];
    size_t failures = 0, others = 0;

    for (size_t k = 0; k < gbo_diagnostics_count(it->diags); k++) {
        if (!it->suppressed[k] && counts_as_failure(gbo_diagnostics_at(it->diags, k), r->strict))
            failures++;
        else
            others++;
    }
    r->cases++;
    r->failures += failures > 0;
    fputs("    <testcase classname=\"gbo.validate\" name=\"", out);
    xml_text(out, r->file, true);
    fprintf(out, "%s\" time=\"%.6f\"", item_label(it, item, sizeof item), it->seconds);
    if (!failures && !others) {
        fputs("/>\n", out);
        return;
    }
    fputs(">\n", out);
    if (failures) {
        fputs("      <failure message=\"", out);
        junit_failure_message(out, it, r->strict, failures);
        fputs("\" type=\"gbo.validate\">", out);
        for (size_t k = 0; k < gbo_diagnostics_count(it->diags); k++) {
            const gbo_diagnostic *d = gbo_diagnostics_at(it->diags, k);
            if (!it->suppressed[k] && counts_as_failure(d, r->strict))
                junit_finding(out, r->file, d, NULL);
        }
        fputs("</failure>\n", out);
    }
    if (others) { /* warnings, and what was suppressed (never silently) */
        fputs("      <system-out>", out);
        for (size_t k = 0; k < gbo_diagnostics_count(it->diags); k++) {
            const gbo_diagnostic *d = gbo_diagnostics_at(it->diags, k);
            if (it->suppressed[k] || !counts_as_failure(d, r->strict))
                junit_finding(out, r->file, d, it->suppressed[k] ? it->rationale[k] : NULL);
        }
        fputs("</system-out>\n", out);
    }
    fputs("    </testcase>\n", out);
}

static void junit_file_end(report *r, const char *io_error)
{
    if (!io_error)
        return;
    r->cases++;
    r->failures++;
    fputs("    <testcase classname=\"gbo.validate\" name=\"", r->spool);
    xml_text(r->spool, r->file, true);
    fputs("\" time=\"0\">\n      <failure message=\"", r->spool);
    xml_text(r->spool, io_error, true);
    fputs("\" type=\"gbo.io\"/>\n    </testcase>\n", r->spool);
}

static void junit_close(report *r, const summary *s)
{
    FILE *out = r->out;
    char stamp[32], buf[65536];
    struct tm tm;
    size_t n;

    gmtime_r(&r->timestamp, &tm);
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
    fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
                 "  <testsuite name=\"gbo validate\" tests=\"%zu\" failures=\"%zu\" errors=\"0\""
                 " skipped=\"0\" time=\"%.6f\" timestamp=\"%s\">\n"
                 "    <properties>\n"
                 "      <property name=\"libgbo.version\" value=\"%s\"/>\n"
                 "      <property name=\"format.version\" value=\"%s\"/>\n"
                 "      <property name=\"suppressed\" value=\"%zu\"/>\n"
                 "    </properties>\n",
            r->cases, r->failures, wall_clock() - r->started, stamp, gbo_version(),
            GBO_FORMAT_VERSION, s->suppressed);
    /* what the spool could not take is an error, never a shorter report */
    if (fflush(r->spool) != 0 || ferror(r->spool) || fseek(r->spool, 0, SEEK_SET) != 0)
        r->failed = true;
    while (!r->failed && (n = fread(buf, 1, sizeof buf, r->spool)) > 0)
        fwrite(buf, 1, n, out);
    if (ferror(r->spool))
        r->failed = true;
    fputs("  </testsuite>\n</testsuites>\n", out);
}

/* ---- sarif -------------------------------------------------------------------- */

static size_t rule_index(const char *id)
{
    for (size_t i = 0; i < gbo_rule_count(); i++)
        if (strcmp(gbo_rule_id(gbo_rule_at(i)), id) == 0)
            return i;
    return 0;
}

/* RFC 3986: unreserved characters and '/' as they are, every other byte
 * percent-encoded (so any file name, in any encoding, is a valid URI). */
static void uri_encoded(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/", *p))
            fputc(*p, out);
        else
            fprintf(out, "%%%02X", *p);
    }
}

/* An artifact location: a relative input as a URI reference against
 * %SRCROOT% (the working directory), an absolute one as a file: URI. */
static void sarif_location(FILE *out, const char *name)
{
    fputs("{\"uri\":\"", out);
    if (name[0] == '/') {
        fputs("file://", out);
        uri_encoded(out, name);
        fputs("\"}", out);
    } else {
        uri_encoded(out, name);
        fputs("\",\"uriBaseId\":\"%SRCROOT%\"}", out);
    }
}

static bool is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* A rule's name for dashboards: its English title as a Pascal identifier —
 * words capitalised and joined, "a" and "an" left out, an apostrophe or a
 * hyphen after one letter inside a word ("Referral's", "e-mail"):
 * "Postal code, e-mail or phone malformed" → PostalCodeEmailOrPhoneMalformed. */
static void sarif_rule_name(FILE *out, const gbo_rule *rule)
{
    const char *p = gbo_rule_title(rule, GBO_LANG_EN);
    fputc('"', out);
    while (*p) {
        const char *w = p;
        size_t len;
        while (*p && !is_alnum(*p))
            p++;
        w = p;
        while (is_alnum(*p) || ((*p == '\'' || (*p == '-' && p - w == 1)) && is_alnum(p[1])))
            p++;
        len = (size_t)(p - w);
        if (len == 0 || ((len == 1 || len == 2) && strncasecmp(w, "an", len) == 0 &&
                         (len == 2 || w[0] == 'a' || w[0] == 'A')))
            continue;
        for (size_t i = 0, n = 0; i < len; i++) {
            char c = w[i];
            if (!is_alnum(c))
                continue;
            fputc(n++ == 0 && c >= 'a' && c <= 'z' ? c - 'a' + 'A'
                  : n > 1 && c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c, out);
        }
    }
    fputc('"', out);
}

static void sarif_open(report *r)
{
    FILE *out = r->out;
    fprintf(out, "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\","
                 "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"gbo\",\"informationUri\":\"file://");
    uri_encoded(out, GBO_DOCDIR "/rules.md"); /* the installed rule catalogue */
    fprintf(out, "\",\"version\":");
    json_string(out, gbo_version());
    fprintf(out, ",\"semanticVersion\":");
    json_string(out, gbo_version());
    fprintf(out, ",\"rules\":[");
    for (size_t i = 0; i < gbo_rule_count(); i++) {
        const gbo_rule *rule = gbo_rule_at(i);
        fprintf(out, "%s{\"id\":", i ? "," : "");
        json_string(out, gbo_rule_id(rule));
        fprintf(out, ",\"name\":");
        sarif_rule_name(out, rule);
        fprintf(out, ",\"shortDescription\":{\"text\":");
        json_string(out, gbo_rule_title(rule, r->lang));
        fprintf(out, "},\"fullDescription\":{\"text\":");
        json_string(out, gbo_rule_help(rule, r->lang));
        fprintf(out, "},\"help\":{\"text\":");
        json_string(out, gbo_rule_help(rule, r->lang));
        fprintf(out, "},\"defaultConfiguration\":{\"level\":\"%s\"}}",
                gbo_rule_severity(rule) == GBO_SEVERITY_ERROR ? "error" : "warning");
    }
    fprintf(out, "]}},\"originalUriBaseIds\":{\"%%SRCROOT%%\":{\"uri\":");
    json_string(out, r->srcroot);
    fprintf(out, "}},\"results\":[");
}

static void sarif_result(report *r, const item_result *it, size_t k)
{
    FILE *out = r->out;
    const gbo_diagnostic *d = gbo_diagnostics_at(it->diags, k);
    fprintf(out, "%s{\"ruleId\":", r->results++ ? "," : "");
    json_string(out, gbo_diagnostic_rule(d));
    fprintf(out, ",\"ruleIndex\":%zu,\"level\":\"%s\",\"message\":{\"text\":",
            rule_index(gbo_diagnostic_rule(d)),
            gbo_diagnostic_severity(d) == GBO_SEVERITY_ERROR ? "error" : "warning");
    json_string(out, gbo_diagnostic_message(d));
    fprintf(out, "},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":");
    sarif_location(out, r->file);
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

static void sarif_item(report *r, const item_result *it)
{
    for (size_t k = 0; k < gbo_diagnostics_count(it->diags); k++)
        sarif_result(r, it, k);
}

static void sarif_file_end(report *r, const char *io_error)
{
    char *name, *error;
    if (!io_error)
        return;
    if (r->unread == r->unread_cap) {
        size_t cap = r->unread_cap ? 2 * r->unread_cap : 4;
        char **names = realloc(r->unread_names, cap * sizeof *names);
        char **errors = names ? realloc(r->unread_errors, cap * sizeof *errors) : NULL;
        if (names)
            r->unread_names = names;
        if (!errors) {
            r->failed = true;
            return;
        }
        r->unread_errors = errors;
        r->unread_cap = cap;
    }
    name = strdup(r->file);
    error = strdup(io_error);
    if (!name || !error) {
        free(name);
        free(error);
        r->failed = true;
        return;
    }
    r->unread_names[r->unread] = name;
    r->unread_errors[r->unread++] = error;
}

static void sarif_close(report *r)
{
    FILE *out = r->out;
    fprintf(out, "],\"invocations\":[{\"executionSuccessful\":%s", r->unread ? "false" : "true");
    if (r->unread) {
        fprintf(out, ",\"toolExecutionNotifications\":[");
        for (size_t i = 0; i < r->unread; i++) {
            fprintf(out, "%s{\"level\":\"error\",\"message\":{\"text\":", i ? "," : "");
            json_string(out, r->unread_errors[i]);
            fprintf(out, "},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":");
            sarif_location(out, r->unread_names[i]);
            fprintf(out, "}}]}");
        }
        fprintf(out, "]");
    }
    fprintf(out, "}],\"properties\":{\"formatVersion\":");
    json_string(out, GBO_FORMAT_VERSION);
    fprintf(out, ",\"libgboVersion\":");
    json_string(out, gbo_version());
    fprintf(out, "}}]}\n");
}

/* The working directory as a file: URI ending in '/', percent-encoded. */
static char *srcroot_uri(void)
{
    char cwd[PATH_MAX], *uri = NULL;
    size_t size = 0;
    FILE *m;
    if (!getcwd(cwd, sizeof cwd) || !(m = open_memstream(&uri, &size)))
        return NULL;
    fputs("file://", m);
    uri_encoded(m, cwd);
    if (cwd[strlen(cwd) - 1] != '/')
        fputc('/', m);
    if (fclose(m) != 0) {
        free(uri);
        return NULL;
    }
    return uri;
}

/* ---- the report --------------------------------------------------------------- */

void report_abandon(report *r)
{
    if (!r)
        return;
    if (r->spool)
        fclose(r->spool);
    for (size_t i = 0; i < r->unread; i++) {
        free(r->unread_names[i]);
        free(r->unread_errors[i]);
    }
    free(r->unread_names);
    free(r->unread_errors);
    free(r->srcroot);
    free(r);
}

/* SOURCE_DATE_EPOCH (reproducible builds) stands for the time of the run. */
static time_t run_timestamp(void)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    char *end;
    long long t;
    if (epoch && *epoch) {
        t = strtoll(epoch, &end, 10);
        if (*end == '\0' && t >= 0)
            return (time_t)t;
    }
    return time(NULL);
}

report *report_open(FILE *out, report_format format, gbo_lang lang, bool strict)
{
    report *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->out = out;
    r->format = format;
    r->lang = lang;
    r->strict = strict;
    r->started = wall_clock();
    r->timestamp = run_timestamp();
    if (format == REPORT_JUNIT && !(r->spool = tmpfile())) {
        report_abandon(r);
        return NULL;
    }
    if (format == REPORT_SARIF && !(r->srcroot = srcroot_uri())) {
        report_abandon(r);
        return NULL;
    }
    if (format == REPORT_JSON)
        json_open(r);
    else if (format == REPORT_SARIF)
        sarif_open(r);
    return r;
}

bool report_file_begin(report *r, const char *name)
{
    r->file = name;
    r->files++;
    r->items_in_file = 0;
    if (r->format == REPORT_JSON)
        json_file_begin(r);
    return !ferror(r->out);
}

bool report_item(report *r, const item_result *it)
{
    r->items_in_file++;
    switch (r->format) {
    case REPORT_TEXT: text_item(r, it); break;
    case REPORT_JSON: json_item(r, it); break;
    case REPORT_JUNIT: junit_item(r, it); break;
    case REPORT_SARIF: sarif_item(r, it); break;
    }
    return !ferror(r->out) && !(r->spool && ferror(r->spool));
}

bool report_file_end(report *r, const char *io_error)
{
    switch (r->format) {
    case REPORT_TEXT: break;
    case REPORT_JSON: json_file_end(r, io_error); break;
    case REPORT_JUNIT: junit_file_end(r, io_error); break;
    case REPORT_SARIF: sarif_file_end(r, io_error); break;
    }
    return !r->failed && !ferror(r->out) && !(r->spool && ferror(r->spool));
}

bool report_close(report *r, const summary *s)
{
    bool ok;
    switch (r->format) {
    case REPORT_TEXT: text_close(r, s); break;
    case REPORT_JSON: json_close(r, s); break;
    case REPORT_JUNIT: junit_close(r, s); break;
    case REPORT_SARIF: sarif_close(r); break;
    }
    ok = !r->failed && !ferror(r->out);
    report_abandon(r);
    return ok;
}

bool report_write(FILE *out, report_format format, const file_result *files, size_t nfiles,
                  gbo_lang lang, bool strict)
{
    report *r = report_open(out, format, lang, strict);
    summary s;
    bool ok = r != NULL;
    if (!r)
        return false;
    results_summarise(files, nfiles, &s);
    for (size_t i = 0; i < nfiles; i++) {
        ok = report_file_begin(r, files[i].name) && ok;
        for (size_t j = 0; j < files[i].nitems; j++)
            ok = report_item(r, &files[i].items[j]) && ok;
        ok = report_file_end(r, files[i].io_error) && ok;
    }
    return report_close(r, &s) && ok;
}
