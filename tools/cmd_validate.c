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

typedef struct job {
    gbo_validator *context;         /* while the context loads */
    const gbo_validator *validator; /* then, shared by the workers */
    const suppressions *suppress;
    gbo_lang lang;
    FILE *in; /* standard input, read by the job that has "-" */
    file_result *results;
    size_t nfiles, next;
    gbo_history *history;  /* --history: every document's lifecycle statements */
    bool history_failed;
    pthread_mutex_t lock;
} job;

static item_result *new_item(file_result *r, size_t index, gbo_lang lang)
{
    item_result *it;
    if (r->nitems == r->capitems) {
        size_t cap = r->capitems ? r->capitems * 2 : 4;
        item_result *grown = realloc(r->items, cap * sizeof *grown);
        if (!grown)
            return NULL;
        r->items = grown;
        r->capitems = cap;
    }
    it = &r->items[r->nitems];
    memset(it, 0, sizeof *it);
    it->index = index;
    it->diags = gbo_diagnostics_new(NULL);
    if (!it->diags)
        return NULL;
    gbo_diagnostics_set_lang(it->diags, lang);
    r->nitems++;
    return it;
}

static void io_error(file_result *r, const char *what)
{
    char message[512];
    snprintf(message, sizeof message, "%s: %s", what, strerror(errno));
    r->io_error = strdup(message);
}

/* The library could not examine a document (out of memory, say): never a
 * clean result; the run ends with exit status 2. */
static void not_examined(file_result *r, gbo_status status, const gbo_error *err)
{
    char message[512];
    if (status == GBO_OK || status == GBO_E_DOCUMENT || r->io_error)
        return;
    snprintf(message, sizeof message, "cannot be examined: %s", err->message);
    r->io_error = strdup(message);
}

/* Add a document to the history, numbered by its place in the input (so
 * which copy of a repeated update counts does not depend on the threads). */
static void remember(job *j, file_result *r, item_result *it, const gbo_entity *doc)
{
    gbo_error err;
    it->source = ((uint64_t)(r - j->results) << 32 | it->index) + 1;
    pthread_mutex_lock(&j->lock);
    if (gbo_history_add(j->history, doc, it->source, &err) != GBO_OK)
        j->history_failed = true;
    pthread_mutex_unlock(&j->lock);
}

/* The document id, then the rules on a model that was read. */
static void finish_item(job *j, file_result *r, item_result *it, gbo_entity *doc)
{
    gbo_error err;
    if (doc) {
        const char *id = gbo_entity_get(doc, GBO_EXCHANGE_ID);
        it->document_id = strdup(id ? id : "");
        not_examined(r, gbo_validate_entity(j->validator, doc, it->diags, &err), &err);
        if (j->history)
            remember(j, r, it, doc);
        gbo_entity_free(doc);
    }
    if (!it->document_id)
        it->document_id = strdup("");
}

/* What the lifecycles replayed across all documents found, per document. */
static bool check_histories(job *j)
{
    gbo_error err;
    for (size_t i = 0; i < j->nfiles; i++)
        for (size_t k = 0; k < j->results[i].nitems; k++) {
            item_result *it = &j->results[i].items[k];
            if (it->source && gbo_history_check(j->history, it->source, it->diags, &err) != GBO_OK)
                return false;
        }
    return true;
}

/* Mark the diagnostics a suppression entry covers. */
static void suppress(job *j, item_result *it)
{
    size_t n = gbo_diagnostics_count(it->diags);
    it->suppressed = calloc(n ? n : 1, sizeof *it->suppressed);
    it->rationale = calloc(n ? n : 1, sizeof *it->rationale);
    for (size_t k = 0; it->suppressed && it->rationale && k < n; k++) {
        const gbo_diagnostic *d = gbo_diagnostics_at(it->diags, k);
        it->rationale[k] = suppressions_match(j->suppress, gbo_diagnostic_rule(d), gbo_diagnostic_path(d));
        it->suppressed[k] = it->rationale[k] != NULL;
    }
}


static void validate_bundle(job *j, file_result *r, gbo_bundle_reader *b)
{
    for (;;) {
        gbo_entity *doc = NULL;
        gbo_error err;
        item_result *it = new_item(r, gbo_bundle_index(b) + 1, j->lang);
        gbo_status status;
        if (!it)
            return;
        status = gbo_bundle_next(b, &doc, it->diags, &err);
        not_examined(r, status, &err);
        if (status == GBO_OK && !doc && gbo_diagnostics_count(it->diags) == 0) {
            gbo_diagnostics_free(it->diags); /* the end: no item */
            r->nitems--;
            return;
        }
        finish_item(j, r, it, doc);
        if (status != GBO_OK && (status != GBO_E_DOCUMENT || gbo_bundle_failed(b)))
            return;
        if (status == GBO_OK && !doc)
            return;
    }
}

/* A document that was read, or could not be. */
static void finish_read(job *j, file_result *r, item_result *it, gbo_status status,
                        gbo_entity *doc, const gbo_error *err)
{
    switch (status) {
    case GBO_OK:
        finish_item(j, r, it, doc);
        break;
    case GBO_E_IO:
        io_error(r, "cannot read");
        gbo_diagnostics_free(it->diags);
        r->nitems--;
        break;
    default:
        not_examined(r, status, err);
        finish_item(j, r, it, NULL);
    }
}

/* A document or a bundle that is in memory. */
static void validate_memory(job *j, file_result *r, const char *data, size_t size, bool bundle)
{
    gbo_error err;
    gbo_entity *doc = NULL;
    item_result *it;
    gbo_status status;

    if (bundle) {
        gbo_bundle_reader *b = gbo_bundle_open_memory(data, size, NULL, &err);
        if (b)
            validate_bundle(j, r, b);
        else
            not_examined(r, err.status, &err);
        gbo_bundle_close(b);
        return;
    }
    if (!(it = new_item(r, 0, j->lang)))
        return;
    status = gbo_exchange_read_memory(data, size, NULL, &doc, it->diags, &err);
    finish_read(j, r, it, status, doc, &err);
}

/* A file too large to be one document: a bundle streamed item by item, or
 * a document the reader stops reading at the limit. */
static void validate_large_file(job *j, file_result *r, bool bundle)
{
    gbo_error err;
    gbo_entity *doc = NULL;
    item_result *it;
    gbo_status status;

    if (bundle) {
        gbo_bundle_reader *b = gbo_bundle_open_file(r->name, NULL, &err);
        if (!b) {
            io_error(r, "cannot read");
            return;
        }
        validate_bundle(j, r, b);
        gbo_bundle_close(b);
        return;
    }
    if (!(it = new_item(r, 0, j->lang)))
        return;
    status = gbo_exchange_read_file(r->name, NULL, &doc, it->diags, &err);
    finish_read(j, r, it, status, doc, &err);
}

/* Standard input, as it comes: a bundle streams item by item, a document
 * stops at the reader's limit. */
static void validate_stream(job *j, file_result *r)
{
    cli_stream s;
    gbo_error err;
    gbo_entity *doc = NULL;
    item_result *it;

    if (!cli_stream_open(&s, j->in)) {
        io_error(r, "cannot read");
        return;
    }
    if (s.bundle) {
        gbo_bundle_reader *b = gbo_bundle_open_io(cli_stream_read, &s, NULL, &err);
        if (b)
            validate_bundle(j, r, b);
        else if (err.status == GBO_E_IO)
            io_error(r, "cannot read");
        else
            not_examined(r, err.status, &err);
        gbo_bundle_close(b);
    } else if ((it = new_item(r, 0, j->lang))) {
        gbo_status status = gbo_exchange_read_io(cli_stream_read, &s, NULL, &doc, it->diags, &err);
        finish_read(j, r, it, status, doc, &err);
    }
    cli_stream_close(&s);
}

static void validate_one(job *j, file_result *r)
{
    cli_input input;

    if (strcmp(r->name, "-") == 0) {
        validate_stream(j, r);
        return;
    }
    if (!cli_input_open(r->name, &input)) {
        io_error(r, "cannot read");
        return;
    }
    if (input.data)
        validate_memory(j, r, input.data, input.size, input.bundle);
    else
        validate_large_file(j, r, input.bundle);
    cli_input_close(&input);
}

static void *worker(void *arg)
{
    job *j = arg;
    for (;;) {
        size_t i;
        pthread_mutex_lock(&j->lock);
        i = j->next++;
        pthread_mutex_unlock(&j->lock);
        if (i >= j->nfiles)
            return NULL;
        validate_one(j, &j->results[i]);
    }
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
    long jobs = sysconf(_SC_NPROCESSORS_ONLN);
    const char *suppress_file = NULL, *contexts[64], *extensions[64];
    size_t ncontexts = 0, nextensions = 0;
    gbo_codeset *codes = NULL;
    cli_inputs in = { 0, 0, NULL };
    suppressions sup = { 0, NULL };
    gbo_validator *v = NULL;
    gbo_error err;
    job j = { 0 };
    pthread_t *threads = NULL;
    summary s;
    bool io_failed = false;
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
                goto done;
        } else if (a[0] == '-') {
            rc = cli_usage_error(c, "unknown option '%s'\n%s", a, validate_usage);
            goto done;
        } else {
            if (!cli_inputs_add(&in, a)) {
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

    j.validator = v;
    j.suppress = &sup;
    j.lang = lang;
    j.nfiles = in.count;
    j.results = calloc(in.count, sizeof *j.results);
    if (!j.results)
        goto done;
    for (size_t i = 0; i < in.count; i++)
        j.results[i].name = in.names[i];
    j.in = c->in;
    pthread_mutex_init(&j.lock, NULL);
    if ((size_t)jobs > in.count)
        jobs = (long)in.count;
    /* one job runs on this thread: no worker to start for one input */
    threads = jobs > 1 ? calloc((size_t)jobs, sizeof *threads) : NULL;
    for (long t = 0; threads && t < jobs; t++)
        if (pthread_create(&threads[t], NULL, worker, &j) != 0)
            threads[t] = 0;
    for (long t = 0; threads && t < jobs; t++)
        if (threads[t])
            pthread_join(threads[t], NULL);
    worker(&j); /* the work of one job, or what a thread that failed to start left */
    pthread_mutex_destroy(&j.lock);
    if (j.history && (j.history_failed || !check_histories(&j))) {
        fprintf(c->err, "%s: out of memory replaying the histories\n", c->program);
        results_free(j.results, j.nfiles);
        goto done;
    }
    for (size_t i = 0; i < j.nfiles; i++)
        for (size_t k = 0; k < j.results[i].nitems; k++)
            suppress(&j, &j.results[i].items[k]);

    for (size_t i = 0; i < j.nfiles; i++)
        if (j.results[i].io_error)
            fprintf(c->err, "gbo: %s: %s\n", j.results[i].name, j.results[i].io_error);
    report_write(c->out, format, j.results, j.nfiles, lang, strict);
    results_summarise(j.results, j.nfiles, &s);
    for (size_t i = 0; i < j.nfiles; i++)
        io_failed = io_failed || j.results[i].io_error;
    rc = io_failed ? GBO_EXIT_USAGE
         : (s.errors || (strict && s.warnings)) ? GBO_EXIT_FINDINGS
                                                : GBO_EXIT_OK;
    results_free(j.results, j.nfiles);
done:
    gbo_history_free(j.history);
    free(threads);
    cli_inputs_free(&in);
    suppressions_free(&sup);
    gbo_validator_free(v);
    gbo_codeset_free(codes);
    return rc;
}
