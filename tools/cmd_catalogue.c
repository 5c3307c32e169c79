/* gbo rules / gbo codes — the rule catalogue and the code lists, localised. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char rules_usage[] =
    "usage: gbo rules [ID] [--lang nl|fr|de|en] [--format text|markdown]\n"
    "Without ID: every rule with its severity, status and title.\n"
    "With ID: the rule explained. --format markdown prints the catalogue as a\n"
    "Markdown table (docs/rules.md is made this way).\n";

static const char codes_usage[] =
    "usage: gbo codes [LIST] [--lang nl|fr|de|en] [--extension FILE]...\n"
    "Without LIST: the code lists and how many codes each holds.\n"
    "With LIST: its codes with their labels, sorted with the language's collation.\n";

/* Parse the options both commands share; the positional argument in *arg. */
static int parse(cli *c, int argc, char **argv, const char *usage, gbo_lang *lang,
                 const char **format, const char **arg, const char **extensions, size_t *next)
{
    *lang = GBO_LANG_EN;
    if (getenv("LANG") || getenv("LC_ALL") || getenv("LC_MESSAGES")) {
        gbo_diagnostics *probe = gbo_diagnostics_new(NULL);
        *lang = gbo_diagnostics_lang(probe); /* the locale's language */
        gbo_diagnostics_free(probe);
    }
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage, c->out);
            return -1;
        } else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
            if (!cli_lang(argv[++i], lang))
                return cli_usage_error(c, "--lang takes nl, fr, de or en");
        } else if (format && strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
            *format = argv[++i];
        } else if (extensions && strcmp(argv[i], "--extension") == 0 && i + 1 < argc) {
            if (*next == 16)
                return cli_usage_error(c, "at most 16 --extension arguments");
            extensions[(*next)++] = argv[++i];
        } else if (argv[i][0] == '-') {
            return cli_usage_error(c, "unknown option '%s'\n%s", argv[i], usage);
        } else if (!*arg) {
            *arg = argv[i];
        } else {
            return cli_usage_error(c, "too many arguments\n%s", usage);
        }
    }
    return 0;
}

int cmd_rules(cli *c, int argc, char **argv)
{
    const char *format = "text", *id = NULL;
    gbo_lang lang;
    int rc = parse(c, argc, argv, rules_usage, &lang, &format, &id, NULL, NULL);

    if (rc)
        return rc < 0 ? GBO_EXIT_OK : rc;
    if (strcmp(format, "text") != 0 && strcmp(format, "markdown") != 0)
        return cli_usage_error(c, "--format takes text or markdown");
    if (id) {
        const gbo_rule *r = gbo_rule_find(id);
        if (!r)
            return cli_usage_error(c, "no rule '%s' (see gbo rules)", id);
        fprintf(c->out, "%s (%s%s)\n%s\n\n%s\n", gbo_rule_id(r),
                gbo_severity_name(gbo_rule_severity(r)),
                gbo_rule_implemented(r) ? "" : ", not checked by this release",
                gbo_rule_title(r, lang), gbo_rule_help(r, lang));
        return GBO_EXIT_OK;
    }
    if (strcmp(format, "markdown") == 0)
        fputs("| id | severity | checked | rule | explanation |\n|---|---|---|---|---|\n", c->out);
    for (size_t i = 0; i < gbo_rule_count(); i++) {
        const gbo_rule *r = gbo_rule_at(i);
        if (strcmp(format, "markdown") == 0)
            fprintf(c->out, "| %s | %s | %s | %s | %s |\n", gbo_rule_id(r),
                    gbo_severity_name(gbo_rule_severity(r)),
                    gbo_rule_implemented(r) ? "yes" : "not yet", gbo_rule_title(r, lang),
                    gbo_rule_help(r, lang));
        else
            fprintf(c->out, "%s  %-7s  %-11s  %s\n", gbo_rule_id(r),
                    gbo_severity_name(gbo_rule_severity(r)),
                    gbo_rule_implemented(r) ? "checked" : "not checked", gbo_rule_title(r, lang));
    }
    return GBO_EXIT_OK;
}

int cmd_codes(cli *c, int argc, char **argv)
{
    const char *list = NULL, *extensions[16];
    size_t next = 0;
    gbo_lang lang;
    gbo_error err;
    gbo_codeset *codes;
    int rc = parse(c, argc, argv, codes_usage, &lang, NULL, &list, extensions, &next);

    if (rc)
        return rc < 0 ? GBO_EXIT_OK : rc;
    if (!(codes = cli_codes_with_extensions(c, extensions, next)))
        return GBO_EXIT_USAGE;
    if (!list) {
        fprintf(c->out, "code lists %s %s", gbo_codeset_id(codes), gbo_codeset_version(codes));
        for (size_t i = 0; i < gbo_codeset_extension_count(codes); i++)
            fprintf(c->out, " + %s %s", gbo_codeset_extension_id(codes, i),
                    gbo_codeset_extension_version(codes, i));
        fputc('\n', c->out);
        for (size_t i = 0; i < gbo_codeset_list_count(codes); i++)
            fprintf(c->out, "  %-24s %3zu codes\n", gbo_codeset_list_id(codes, i),
                    gbo_codeset_code_count(codes, gbo_codeset_list_id(codes, i)));
    } else {
        const gbo_code **sorted;
        size_t n;
        if (gbo_codeset_sorted(codes, list, lang, &sorted, &n, &err) != GBO_OK) {
            gbo_codeset_free(codes);
            return cli_usage_error(c, "%s (see gbo codes)", err.message);
        }
        for (size_t i = 0; i < n; i++) {
            gbo_date until;
            fprintf(c->out, "%-32s %s", gbo_code_value(sorted[i]), gbo_code_label(sorted[i], lang));
            if (gbo_code_valid_until(sorted[i], &until))
                fprintf(c->out, " (until %04d-%02d-%02d)", until.year, until.month, until.day);
            fputc('\n', c->out);
        }
        gbo_free(sorted);
    }
    gbo_codeset_free(codes);
    return GBO_EXIT_OK;
}
