#include "config.h"

/* gbo consent-check — may this data go to this recipient for this purpose?
 * The one consent evaluation of the library (gbo/consent.h), answered with
 * its reason: exit 0 permit, 1 deny, 2 usage or I/O error. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "json.h"

static const char consent_usage[] =
    "usage: gbo consent-check FILE [--consent ID] --recipient ID --purpose P --category C\n"
    "                         [--at TIME] [--context FILE]... [--format text|json]\n"
    "Decide whether the consent in FILE (a document or bundle; --consent picks one when\n"
    "there are several) permits sending data of category C to organisation ID for purpose\n"
    "P at TIME (ISO 8601 with offset; default now). --context adds earlier documents:\n"
    "withdrawals, support-ended events, organisations. Exit status: 0 permit, 1 deny,\n"
    "2 usage or I/O error.\n";

static gbo_status add_to_context(void *ctx, const gbo_entity *doc, gbo_error *err)
{
    return gbo_consent_context_add(ctx, doc, err);
}

/* The only consent in FILE's documents, when --consent is not given. */
static const char *only_consent(cli *c, const char *path)
{
    static char id[40];
    gbo_entity *doc = NULL;
    size_t n;
    if (gbo_exchange_read_file(path, NULL, &doc, NULL, NULL) != GBO_OK)
        return NULL;
    n = gbo_entity_count(doc, GBO_EXCHANGE_CONSENTS);
    if (n == 1)
        snprintf(id, sizeof id, "%s",
                 gbo_entity_get(gbo_entity_child(doc, GBO_EXCHANGE_CONSENTS, 0), GBO_CONSENT_ID));
    gbo_entity_free(doc);
    if (n != 1) {
        cli_usage_error(c, "%s holds %zu consents: name one with --consent ID", path, n);
        return NULL;
    }
    return id;
}

int cmd_consent(cli *c, int argc, char **argv)
{
    const char *file = NULL, *consent_id = NULL, *format = "text", *at_text = NULL;
    const char *contexts[64];
    size_t ncontexts = 0;
    gbo_consent_request req = { NULL, NULL, NULL, { 0, 0 } };
    gbo_consent_context *ctx = NULL;
    const gbo_entity *consent;
    gbo_consent_decision d;
    gbo_error err;
    int rc = GBO_EXIT_USAGE;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
            return fputs(consent_usage, c->out), GBO_EXIT_OK;
        if (i + 1 < argc && strcmp(a, "--consent") == 0)
            consent_id = argv[++i];
        else if (i + 1 < argc && strcmp(a, "--recipient") == 0)
            req.recipient = argv[++i];
        else if (i + 1 < argc && strcmp(a, "--purpose") == 0)
            req.purpose = argv[++i];
        else if (i + 1 < argc && strcmp(a, "--category") == 0)
            req.category = argv[++i];
        else if (i + 1 < argc && strcmp(a, "--at") == 0)
            at_text = argv[++i];
        else if (i + 1 < argc && strcmp(a, "--format") == 0)
            format = argv[++i];
        else if (i + 1 < argc && strcmp(a, "--context") == 0 && ncontexts < 64)
            contexts[ncontexts++] = argv[++i];
        else if (a[0] == '-')
            return cli_usage_error(c, "unknown option '%s'\n%s", a, consent_usage);
        else if (!file)
            file = a;
        else
            return cli_usage_error(c, "consent-check takes one FILE\n%s", consent_usage);
    }
    if (!file || !req.recipient || !req.purpose || !req.category)
        return cli_usage_error(c, "FILE, --recipient, --purpose and --category are required\n%s",
                               consent_usage);
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0)
        return cli_usage_error(c, "--format takes text or json");
    if (at_text) {
        if (gbo_time_parse(at_text, &req.at, &err) != GBO_OK)
            return cli_usage_error(c, "--at: %s", err.message);
    } else {
        req.at.seconds = (int64_t)time(NULL);
    }
    ctx = gbo_consent_context_new(&err);
    if (!ctx)
        return cli_usage_error(c, "%s", err.message);
    if (!cli_each_document(c, NULL, file, add_to_context, ctx))
        goto done;
    for (size_t i = 0; i < ncontexts; i++)
        if (!cli_each_document(c, "context", contexts[i], add_to_context, ctx))
            goto done;
    if (!consent_id && !(consent_id = only_consent(c, file)))
        goto done;
    consent = gbo_consent_context_find(ctx, consent_id);
    if (!consent) {
        cli_usage_error(c, "no consent %s in %s or the context", consent_id, file);
        goto done;
    }
    if (gbo_consent_evaluate(ctx, consent, &req, &d, &err) != GBO_OK) {
        cli_usage_error(c, "%s", err.message);
        goto done;
    }
    if (strcmp(format, "json") == 0) {
        bool first = true;
        fprintf(c->out, "{\"tool\":\"gbo\",\"version\":");
        json_string(c->out, gbo_version());
        fprintf(c->out, ",\"consent\":");
        json_string(c->out, consent_id);
        fprintf(c->out, ",\"decision\":\"%s\",\"reason\":\"%s\",\"rule\":", d.permit ? "permit" : "deny",
                gbo_consent_reason_name(d.reason));
        if (d.rule)
            json_string(c->out, d.rule);
        else
            fputs("null", c->out);
        fprintf(c->out, ",\"warnings\":[");
        for (unsigned bit = 1; gbo_consent_warning_name(bit); bit <<= 1)
            if (d.warnings & bit) {
                fprintf(c->out, "%s\"%s\"", first ? "" : ",", gbo_consent_warning_name(bit));
                first = false;
            }
        fprintf(c->out, "]}\n");
    } else {
        fprintf(c->out, "%s: %s%s%s\n", d.permit ? "permit" : "deny", gbo_consent_reason_name(d.reason),
                d.rule ? " " : "", d.rule ? d.rule : "");
        if (d.warnings & GBO_CONSENT_WARN_MINOR_WITHOUT_ASSESSMENT)
            fprintf(c->out, "warning: GBO-C009: the client is under 13, own grantor, without capacity assessment\n");
        if (d.warnings & GBO_CONSENT_WARN_INFORMED_INCOMPLETE)
            fprintf(c->out, "warning: GBO-C010: informed-consent elements incomplete%s\n",
                    (d.warnings & GBO_CONSENT_WARN_RECIPIENT_NO_SECRECY)
                        ? "; the recipient is not bound by professional secrecy" : "");
    }
    rc = d.permit ? GBO_EXIT_OK : GBO_EXIT_FINDINGS;
done:
    gbo_consent_context_free(ctx);
    return rc;
}
