/* gbo stats — anonymous monitoring figures across many documents (SPEC §6):
 * CSV or JSON rows table,dimension,value,count, small counts hidden. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json.h"

static const char stats_usage[] =
    "usage: gbo stats [--format csv|json] [--min-count K] [--extension FILE]... FILE... | DIR\n"
    "Count referrals (by kind, sending and receiving partner kind, life domain),\n"
    "lifecycle outcomes, the time from sent to first contact (median, p90), right\n"
    "assessments (by status, non-take-up reason) and policy signals (by barrier)\n"
    "across documents and bundles. Counts below K are hidden, with the counts up to\n"
    "a threshold, so that a reader cannot narrow a hidden count to values less than\n"
    "max(2, K-2) apart; every hidden count reads \"suppressed\" (docs/monitoring.md).\n"
    "  --format     csv (default) or json\n"
    "  --min-count  K, the smallest count shown (default 5)\n"
    "  --extension  a network's code-list extension: its codes are published too\n"
    "Values that are no code of their list are counted as \"other\".\n"
    "A directory stands for the *.xml files in it.\n"
    "Exit status: 0 figures printed, 2 usage or I/O error (a document that cannot be read).\n";

static gbo_status add(void *stats, const gbo_entity *doc, gbo_error *err)
{
    return gbo_stats_add(stats, doc, err);
}

/* A CSV field: quoted when it holds a comma, a quote or a line break. */
static void csv_field(FILE *out, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

static void write_csv(FILE *out, const gbo_stats *stats)
{
    gbo_stats_row row;
    fputs("table,dimension,value,count\n", out);
    for (size_t i = 0; gbo_stats_row_at(stats, i, &row); i++) {
        csv_field(out, row.table);
        fputc(',', out);
        csv_field(out, row.dimension);
        fputc(',', out);
        csv_field(out, row.value);
        fputc(',', out);
        csv_field(out, row.count);
        fputc('\n', out);
    }
}

/* Counts are numbers, hidden ones the string "suppressed". */
static void write_json(FILE *out, const gbo_stats *stats, unsigned k)
{
    gbo_stats_row row;
    fprintf(out, "{\"tool\": \"gbo\", \"version\": ");
    json_string(out, gbo_version());
    fprintf(out, ", \"formatVersion\": ");
    json_string(out, GBO_FORMAT_VERSION);
    fprintf(out, ", \"minCount\": %u, \"rows\": [", k);
    for (size_t i = 0; gbo_stats_row_at(stats, i, &row); i++) {
        fprintf(out, "%s\n  {\"table\": ", i ? "," : "");
        json_string(out, row.table);
        fprintf(out, ", \"dimension\": ");
        json_string(out, row.dimension);
        fprintf(out, ", \"value\": ");
        json_string(out, row.value);
        fprintf(out, ", \"count\": ");
        if (row.hidden)
            json_string(out, row.count);
        else
            fputs(row.count, out);
        fputc('}', out);
    }
    fprintf(out, "\n]}\n");
}

int cmd_stats(cli *c, int argc, char **argv)
{
    bool json = false;
    unsigned long k = GBO_STATS_MIN_COUNT;
    cli_inputs in = { 0, 0, NULL };
    const char *extensions[64];
    size_t nextensions = 0;
    gbo_codeset *codes = NULL;
    gbo_stats *stats = NULL;
    gbo_error err;
    int rc = GBO_EXIT_USAGE;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(stats_usage, c->out);
            rc = GBO_EXIT_OK;
            goto done;
        } else if (strcmp(a, "--format") == 0 && i + 1 < argc) {
            a = argv[++i];
            if (strcmp(a, "json") != 0 && strcmp(a, "csv") != 0) {
                rc = cli_usage_error(c, "--format takes csv or json");
                goto done;
            }
            json = strcmp(a, "json") == 0;
        } else if (strcmp(a, "--min-count") == 0 && i + 1 < argc) {
            char *end;
            k = strtoul(argv[++i], &end, 10);
            if (*end || !*argv[i] || k < 1 || k > 1000000) {
                rc = cli_usage_error(c, "--min-count takes a number from 1 to 1000000");
                goto done;
            }
        } else if (strcmp(a, "--extension") == 0 && i + 1 < argc) {
            if (nextensions == 64) {
                rc = cli_usage_error(c, "at most 64 --extension arguments");
                goto done;
            }
            extensions[nextensions++] = argv[++i];
        } else if (a[0] == '-') {
            rc = cli_usage_error(c, "unknown option '%s'\n%s", a, stats_usage);
            goto done;
        } else if (!cli_inputs_add(&in, a)) {
            rc = cli_usage_error(c, "cannot read %s", a);
            goto done;
        }
    }
    if (in.count == 0) {
        rc = cli_usage_error(c, "no documents to count\n%s", stats_usage);
        goto done;
    }
    if (nextensions && !(codes = cli_codes_with_extensions(c, extensions, nextensions)))
        goto done; /* rc is GBO_EXIT_USAGE */
    if (!(stats = gbo_stats_new((unsigned)k, codes, &err))) {
        rc = cli_usage_error(c, "%s", err.message);
        goto done;
    }
    for (size_t i = 0; i < in.count; i++)
        if (!cli_each_document(c, NULL, in.names[i], add, stats))
            goto done;
    if (gbo_stats_compute(stats, &err) != GBO_OK) {
        rc = cli_usage_error(c, "%s", err.message);
        goto done;
    }
    if (json)
        write_json(c->out, stats, (unsigned)k);
    else
        write_csv(c->out, stats);
    rc = GBO_EXIT_OK;
done:
    gbo_stats_free(stats);
    gbo_codeset_free(codes);
    cli_inputs_free(&in);
    return rc;
}
