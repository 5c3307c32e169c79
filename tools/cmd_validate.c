/* gbo validate — documents and bundles, on every core, reported in input
 * order. A worker pool shares one validator (its compiled schema and code
 * lists are read-only); each document gets its own diagnostics list. */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "report.h"
#include "results.h"
#include "suppress.h"

static const char validate_usage[] =
    "usage: gbo validate [--format text|json|junit|sarif] [--lang nl|fr|de|en] [--strict]\n"
    "                    [--suppress FILE] [--context FILE|DIR]... [--extension FILE]...\n"
    "                    [--history] [--jobs N] FILE... | DIR | -\n"
    "Validate exchange documents and bundles: the schema, then every rule.\n"
    "  --format    report format (default text)\n"
    "  --lang      language of the messages (default: the locale's, else en)\n"
    "  --strict    warnings fail the run too\n"
    "  --suppress  a file of RULE PATH-GLOB EXPIRY RATIONALE entries\n"
    "  --context   earlier documents against which external references resolve\n"
    "  --extension a network's code-list extension file to check codes against\n"
    "  --history   also replay each referral's lifecycle across all the documents\n"
    "  --jobs      parallel workers (default: every core)\n"
    "A directory stands for the *.xml files in it; - reads standard input.\n"
    "Exit status: 0 no errors, 1 errors (or warnings with --strict), 2 usage or I/O error.\n";

/* The state of one run: the results arrive from gbo_validate_many() in
 * input order. Without --history each document is reported as it comes
 * and freed; with it, every document is kept until the lifecycles have been
 * replayed across all of them, then reported. */
typedef struct job {
    gbo_validator *context;         /* while the context loads */
    const suppressions *suppress;
    report *report;                 /* streaming; NULL with --history */
    const char *const *names;
    file_result *files;             /* --history: every file's results */
    size_t nfiles;
    size_t begun;                   /* files whose report has begun */
    char *io_error;                 /* the current file's, until it ends */
    summary sum;
    gbo_history *history;           /* --history: every document's lifecycle statements */
    bool failed;                    /* out of memory, or the report could not be written */
    bool io_failed;                 /* an input could not be read or examined */
    FILE *err;
    const char *program;
} job;

/* Mark the diagnostics a suppression entry covers. false when out of memory. */
static bool suppress(const suppressions *sup, item_result *it)
{
    size_t n = gbo_diagnostics_count(it->diags);
    it->suppressed = calloc(n ? n : 1, sizeof *it->suppressed);
    it->rationale = calloc(n ? n : 1, sizeof *it->rationale);
    if (!it->suppressed || !it->rationale)
        return false;
    for (size_t k = 0; k < n; k++) {
        const gbo_diagnostic *d = gbo_diagnostics_at(it->diags, k);
        it->rationale[k] = suppressions_match(sup, gbo_diagnostic_rule(d), gbo_diagnostic_path(d));
        it->suppressed[k] = it->rationale[k] != NULL;
    }
    return true;
}

/* The end of file `i`: its I/O error, if any, to the error stream and the
 * report. */
static void end_file(job *j, size_t i)
{
    char *io_error = j->io_error;
    j->io_error = NULL;
    if (io_error) {
        fprintf(j->err, "%s: %s: %s\n", j->program, j->names[i], io_error);
        j->io_failed = true;
    }
    if (j->history)
        j->files[i].io_error = io_error;
    else {
        if (!report_file_end(j->report, io_error))
            j->failed = true;
        free(io_error);
    }
}

/* Begin the files up to and including `i` (a file may have no results: an
 * empty bundle), ending the one before each. */
static void reach_file(job *j, size_t i)
{
    while (j->begun <= i) {
        if (j->begun > 0)
            end_file(j, j->begun - 1);
        if (!j->history && !report_file_begin(j->report, j->names[j->begun]))
            j->failed = true;
        j->begun++;
    }
}

static void set_io_error(job *j, const char *message)
{
    if (!j->io_error && !(j->io_error = strdup(message)))
        j->failed = true;
}

/* Keep an item of the --history run. */
static item_result *keep_item(job *j, size_t i)
{
    file_result *f = &j->files[i];
    if (f->nitems == f->capitems) {
        size_t cap = f->capitems ? f->capitems * 2 : 4;
        item_result *grown = realloc(f->items, cap * sizeof *grown);
        if (!grown)
            return NULL;
        f->items = grown;
        f->capitems = cap;
    }
    memset(&f->items[f->nitems], 0, sizeof *f->items);
    return &f->items[f->nitems++];
}

/* One document or bundle item, in input order. */
static int on_result(void *arg, gbo_result *res)
{
    job *j = arg;
    size_t i = gbo_result_input(res);
    gbo_status status = gbo_result_status(res);
    item_result local, *it = &local;

    reach_file(j, i);
    if (status != GBO_OK) {
        char message[GBO_ERROR_TEXT_SIZE + 32];
        if (status == GBO_E_IO && gbo_result_index(res) == 0) {
            set_io_error(j, gbo_result_error(res)->message); /* no document was read */
            return j->failed;
        }
        snprintf(message, sizeof message, "cannot be examined: %s", gbo_result_error(res)->message);
        set_io_error(j, message);
    }
    if (j->history && !(it = keep_item(j, i))) {
        j->failed = true;
        return 1;
    }
    memset(it, 0, sizeof *it);
    it->index = gbo_result_index(res);
    it->seconds = gbo_result_seconds(res);
    it->document_id = strdup(gbo_result_document_id(res));
    /* a --history run keeps them; otherwise they are reported here, and
     * freed with the result by the thread that made them */
    if (j->history)
        it->diags = it->owned = gbo_result_take_diagnostics(res);
    else
        it->diags = gbo_result_diagnostics(res);
    if (!it->document_id || !it->diags) {
        j->failed = true;
        if (!j->history)
            item_result_clear(it);
        return 1;
    }
    if (j->history) {
        gbo_error err;
        /* numbered by its place in the input, so which copy of a repeated
         * update counts does not depend on the order of the threads */
        it->source = ((uint64_t)i << 32 | it->index) + 1;
        if (gbo_result_entity(res) &&
            gbo_history_add(j->history, gbo_result_entity(res), it->source, &err) != GBO_OK)
            j->failed = true;
        return j->failed;
    }
    if (!suppress(j->suppress, it))
        j->failed = true;
    else {
        summary_add(&j->sum, it);
        if (!report_item(j->report, it))
            j->failed = true;
    }
    item_result_clear(it);
    return j->failed;
}

/* What the lifecycles replayed across all documents found, per document;
 * then the suppressions. */
static bool check_histories(job *j)
{
    gbo_error err;
    for (size_t i = 0; i < j->nfiles; i++)
        for (size_t k = 0; k < j->files[i].nitems; k++) {
            item_result *it = &j->files[i].items[k];
            if (it->source && gbo_history_check(j->history, it->source, it->owned, &err) != GBO_OK)
                return false;
            if (!suppress(j->suppress, it))
                return false;
        }
    return true;
}

/* Standard input as a gbo_read_fn. */
static ptrdiff_t read_stdin(void *source, char *buffer, size_t size)
{
    FILE *in = source;
    size_t n = fread(buffer, 1, size, in);
    if (n == 0 && ferror(in)) {
        errno = errno ? errno : EIO;
        return -1;
    }
    return (ptrdiff_t)n;
}

/* A context document: the validator resolves references against it, and
 * with --history its statements join the replay. Its source number is the
 * highest, so an update that an input repeats belongs to the input; findings
 * about the context alone are not reported (it is not being validated). */
static gbo_status add_to_context(void *arg, const gbo_entity *doc, gbo_error *err)
{
    job *j = arg;
    gbo_status status = gbo_validator_add_context(j->context, doc, err);
    if (status == GBO_OK && j->history)
        status = gbo_history_add(j->history, doc, UINT64_MAX, err);
    return status;
}

static bool load_context(cli *c, job *j, const char *path)
{
    cli_inputs files = { 0, 0, NULL };
    bool ok = cli_inputs_add(&files, path);
    if (!ok)
        fprintf(c->err, "%s: context %s: cannot read it\n", c->program, path);
    for (size_t i = 0; ok && i < files.count; i++)
        ok = cli_each_document(c, "context", files.names[i], add_to_context, j);
    cli_inputs_free(&files);
    return ok;
}

static gbo_date today(void)
{
    time_t now = time(NULL);
    struct tm tm;
    gbo_date d;
    localtime_r(&now, &tm);
    d.year = tm.tm_year + 1900;
    d.month = tm.tm_mon + 1;
    d.day = tm.tm_mday;
    return d;
}

int cmd_validate(cli *c, int argc, char **argv)
{
    report_format format = REPORT_TEXT;
    gbo_lang lang = GBO_LANG_EN;
    bool strict = false, use_stdin = false, history = false;
    long jobs = sysconf(_SC_NPROCESSORS_ONLN) > 0 ? sysconf(_SC_NPROCESSORS_ONLN) : 1;
    const char *suppress_file = NULL, *contexts[64], *extensions[64];
    size_t ncontexts = 0, nextensions = 0;
    gbo_codeset *codes = NULL;
    cli_inputs in = { 0, 0, NULL };
    suppressions sup = { 0, NULL };
    gbo_validator *v = NULL;
    gbo_error err;
    job j = { 0 };
    gbo_inputs *inputs = NULL;
    gbo_status status = GBO_OK;
    bool written;
    int rc = GBO_EXIT_USAGE;

    {
        gbo_diagnostics *probe = gbo_diagnostics_new(NULL);
        lang = gbo_diagnostics_lang(probe); /* the locale's language */
        gbo_diagnostics_free(probe);
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(validate_usage, c->out);
            rc = GBO_EXIT_OK;
            goto done;
        } else if (strcmp(a, "--format") == 0 && i + 1 < argc) {
            if (!report_format_parse(argv[++i], &format)) {
                rc = cli_usage_error(c, "--format takes text, json, junit or sarif");
                goto done;
            }
        } else if (strcmp(a, "--lang") == 0 && i + 1 < argc) {
            if (!cli_lang(argv[++i], &lang)) {
                rc = cli_usage_error(c, "--lang takes nl, fr, de or en");
                goto done;
            }
        } else if (strcmp(a, "--strict") == 0) {
            strict = true;
        } else if (strcmp(a, "--history") == 0) {
            history = true;
        } else if (strcmp(a, "--suppress") == 0 && i + 1 < argc) {
            suppress_file = argv[++i];
        } else if (strcmp(a, "--context") == 0 && i + 1 < argc) {
            if (ncontexts == 64) {
                rc = cli_usage_error(c, "at most 64 --context arguments");
                goto done;
            }
            contexts[ncontexts++] = argv[++i];
        } else if (strcmp(a, "--extension") == 0 && i + 1 < argc) {
            if (nextensions == 64) {
                rc = cli_usage_error(c, "at most 64 --extension arguments");
                goto done;
            }
            extensions[nextensions++] = argv[++i];
        } else if (strcmp(a, "--jobs") == 0 && i + 1 < argc) {
            char *end;
            jobs = strtol(argv[++i], &end, 10);
            if (*end || jobs < 1 || jobs > 1024) {
                rc = cli_usage_error(c, "--jobs takes a number from 1 to 1024");
                goto done;
            }
        } else if (strcmp(a, "-") == 0) {
            if (use_stdin) {
                rc = cli_usage_error(c, "standard input (-) can be named once");
                goto done;
            }
            use_stdin = true;
            if (!cli_inputs_add_file(&in, "-"))
                goto out_of_memory;
        } else if (a[0] == '-') {
            rc = cli_usage_error(c, "unknown option '%s'\n%s", a, validate_usage);
            goto done;
        } else {
            errno = 0;
            if (!cli_inputs_add(&in, a)) {
                if (errno == ENOMEM)
                    goto out_of_memory;
                rc = cli_usage_error(c, "cannot read %s", a);
                goto done;
            }
        }
    }
    if (in.count == 0) {
        rc = cli_usage_error(c, "no documents to validate\n%s", validate_usage);
        goto done;
    }
    if (suppress_file && !suppressions_load(&sup, suppress_file, today(), c->err))
        goto done;
    if (nextensions && !(codes = cli_codes_with_extensions(c, extensions, nextensions)))
        goto done; /* rc is GBO_EXIT_USAGE */
    v = gbo_validator_new(codes, &err);
    if (!v) {
        rc = cli_usage_error(c, "%s", err.message);
        goto done;
    }
    j.context = v;
    if (history && !(j.history = gbo_history_new(&err))) {
        rc = cli_usage_error(c, "%s", err.message);
        goto done;
    }
    for (size_t i = 0; i < ncontexts; i++)
        if (!load_context(c, &j, contexts[i]))
            goto done;

    if (!(inputs = gbo_inputs_new(&err)))
        goto out_of_memory;
    for (size_t i = 0; i < in.count; i++)
        if ((strcmp(in.names[i], "-") == 0 ? gbo_inputs_add_io(inputs, read_stdin, c->in, &err)
                                           : gbo_inputs_add_file(inputs, in.names[i], &err)) != GBO_OK)
            goto out_of_memory;
    j.suppress = &sup;
    j.names = (const char *const *)in.names;
    j.nfiles = in.count;
    j.err = c->err;
    j.program = c->program;
    if (history && !(j.files = calloc(in.count, sizeof *j.files)))
        goto out_of_memory;
    errno = 0;
    if (!history && !(j.report = report_open(c->out, format, lang, strict))) {
        /* out of memory, or no temporary file for junit's test cases */
        if (errno == ENOMEM || errno == 0)
            goto out_of_memory;
        fprintf(c->err, "%s: cannot start the report: %s\n", c->program, strerror(errno));
        rc = GBO_EXIT_USAGE;
        goto done;
    }
    for (size_t i = 0; history && i < in.count; i++)
        j.files[i].name = in.names[i];
    status = gbo_validate_many(v, inputs, (unsigned)jobs, lang, on_result, &j, &err);
    if (status != GBO_OK || j.failed)
        goto failed;
    reach_file(&j, in.count - 1);
    end_file(&j, in.count - 1);
    if (history && !check_histories(&j))
        goto out_of_memory;
    if (history) {
        written = report_write(c->out, format, j.files, j.nfiles, lang, strict);
        results_summarise(j.files, j.nfiles, &j.sum);
    } else {
        j.sum.files = in.count;
        written = report_close(j.report, &j.sum);
        j.report = NULL;
    }
    /* a report that did not reach its file is no verdict (a full disk) */
    if (fflush(c->out) != 0 || ferror(c->out) || !written || j.failed)
        goto failed;
    rc = j.io_failed ? GBO_EXIT_USAGE
         : (j.sum.errors || (strict && j.sum.warnings)) ? GBO_EXIT_FINDINGS
                                                        : GBO_EXIT_OK;
    goto done;
failed:
    if (ferror(c->out) || fflush(c->out) != 0) {
        rc = GBO_EXIT_USAGE; /* gbo_cli_main() says the output could not be written */
        goto done;
    }
    if (status != GBO_OK && status != GBO_E_NOMEM && status != GBO_E_CANCELLED) {
        fprintf(c->err, "%s: %s\n", c->program, err.message);
        rc = GBO_EXIT_USAGE;
        goto done;
    }
out_of_memory:
    fprintf(c->err, "%s: out of memory\n", c->program);
    rc = GBO_EXIT_USAGE;
done:
    report_abandon(j.report);
    free(j.io_error);
    if (j.files)
        results_free(j.files, j.nfiles);
    gbo_inputs_free(inputs);
    gbo_history_free(j.history);
    cli_inputs_free(&in);
    suppressions_free(&sup);
    gbo_validator_free(v);
    gbo_codeset_free(codes);
    return rc;
}
