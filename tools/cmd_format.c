/* gbo format — print a document in canonical form (SPEC §2.7). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char format_usage[] =
    "usage: gbo format [--minimise [--context FILE|DIR]... [--lang nl|fr|de|en]] [FILE|-]\n"
    "Print the document (standard input for - or no FILE) in canonical form.\n"
    "  --minimise  leave out every data category the consent does not cover, and\n"
    "              say on standard error what was removed and why (never a value);\n"
    "              without a consent to decide, nothing personal is written\n"
    "  --context   earlier documents whose consents and organisations count\n"
    "  --lang      the language of what --minimise says (default en)\n"
    "A document that cannot be read is reported on standard error, exit status 1.\n";

static gbo_status add_to_context(void *ctx, const gbo_entity *doc, gbo_error *err)
{
    return gbo_consent_context_add(ctx, doc, err);
}

/* The minimised copy of *doc replaces it; what was removed goes to the error
 * stream. false on failure (reported). */
static bool minimise(cli *c, const char *path, const char *const *contexts, size_t ncontexts,
                     gbo_lang lang, gbo_entity **doc)
{
    gbo_consent_context *ctx = gbo_consent_context_new(NULL);
    gbo_diagnostics *report = gbo_diagnostics_new(NULL);
    gbo_entity *min = NULL;
    gbo_error err;
    bool ok = ctx && report;

    if (!ok)
        cli_usage_error(c, "out of memory");
    for (size_t i = 0; ok && i < ncontexts; i++)
        ok = cli_each_document(c, "context", contexts[i], add_to_context, ctx);
    if (ok) {
        gbo_diagnostics_set_lang(report, lang);
        min = gbo_exchange_minimise_report(*doc, ctx, report, &err);
        if (!min)
            ok = (cli_usage_error(c, "%s", err.message), false);
    }
    for (size_t i = 0; ok && i < gbo_diagnostics_count(report); i++) {
        const gbo_diagnostic *d = gbo_diagnostics_at(report, i);
        fprintf(c->err, "%s:%lu:0: %s: %s: %s (%s)\n", path, gbo_diagnostic_line(d),
                gbo_severity_name(gbo_diagnostic_severity(d)), gbo_diagnostic_rule(d),
                gbo_diagnostic_message(d), gbo_diagnostic_path(d));
    }
    if (min) {
        gbo_entity_free(*doc);
        *doc = min;
    }
    gbo_diagnostics_free(report);
    gbo_consent_context_free(ctx);
    return ok;
}

int cmd_format(cli *c, int argc, char **argv)
{
    const char *path = NULL, *contexts[64];
    size_t ncontexts = 0;
    bool minimising = false;
    gbo_lang lang = GBO_LANG_EN;
    gbo_diagnostics *diags;
    gbo_entity *doc = NULL;
    gbo_error err;
    char *out = NULL;
    size_t out_size;
    gbo_status status;
    int rc;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return fputs(format_usage, c->out), GBO_EXIT_OK;
        if (strcmp(argv[i], "--minimise") == 0) {
            minimising = true;
            continue;
        }
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
            if (!cli_lang(argv[++i], &lang))
                return cli_usage_error(c, "--lang takes nl, fr, de or en");
            continue;
        }
        if (strcmp(argv[i], "--context") == 0 && i + 1 < argc) {
            if (ncontexts == sizeof contexts / sizeof *contexts)
                return cli_usage_error(c, "at most 64 --context arguments");
            contexts[ncontexts++] = argv[++i];
            continue;
        }
        if (argv[i][0] == '-' && argv[i][1])
            return cli_usage_error(c, "unknown option '%s'\n%s", argv[i], format_usage);
        if (path)
            return cli_usage_error(c, "format takes one document\n%s", format_usage);
        path = argv[i];
    }
    if (ncontexts && !minimising)
        return cli_usage_error(c, "--context goes with --minimise\n%s", format_usage);
    diags = gbo_diagnostics_new(NULL);
    if (!diags)
        return cli_usage_error(c, "out of memory");
    if (!path || strcmp(path, "-") == 0) { /* as it comes: no more than the reader's limit */
        cli_stream s;
        path = "-";
        if (!cli_stream_open(&s, c->in)) {
            gbo_diagnostics_free(diags);
            return cli_usage_error(c, "cannot read standard input");
        }
        status = gbo_exchange_read_io(cli_stream_read, &s, NULL, &doc, diags, &err);
        cli_stream_close(&s);
    } else {
        cli_input input;
        if (!cli_input_open(path, &input)) {
            gbo_diagnostics_free(diags);
            return cli_usage_error(c, "cannot read %s", path);
        }
        status = input.data ? gbo_exchange_read_memory(input.data, input.size, NULL, &doc, diags, &err)
                            : gbo_exchange_read_file(path, NULL, &doc, diags, &err);
        cli_input_close(&input);
    }
    for (size_t i = 0; i < gbo_diagnostics_count(diags); i++) {
        const gbo_diagnostic *d = gbo_diagnostics_at(diags, i);
        fprintf(c->err, "%s:%lu:%lu: %s: %s: %s\n", path, gbo_diagnostic_line(d),
                gbo_diagnostic_column(d), gbo_severity_name(gbo_diagnostic_severity(d)),
                gbo_diagnostic_rule(d), gbo_diagnostic_message(d));
    }
    if (status == GBO_OK && minimising && !minimise(c, path, contexts, ncontexts, lang, &doc)) {
        gbo_entity_free(doc);
        gbo_diagnostics_free(diags);
        return GBO_EXIT_USAGE;
    }
    if (status == GBO_OK) {
        status = gbo_exchange_write_memory(doc, &out, &out_size, &err);
        if (status == GBO_E_DOCUMENT) /* the consent gate: name the rule */
            fprintf(c->err, "%s: error: %s: %s (%s)\n", path, err.rule, err.message, err.path);
    }
    if (status == GBO_OK) {
        fwrite(out, 1, out_size, c->out);
        rc = GBO_EXIT_OK;
    } else {
        rc = status == GBO_E_DOCUMENT ? GBO_EXIT_FINDINGS : cli_usage_error(c, "%s", err.message);
    }
    gbo_free(out);
    gbo_entity_free(doc);
    gbo_diagnostics_free(diags);
    return rc;
}
