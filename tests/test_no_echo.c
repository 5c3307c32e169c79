/* Diagnostics never quote a value from a person's record (SPEC §4: they
 * travel back to senders in acknowledgements). Driven by the field table: a
 * person's name, a national number and an e-mail address are planted into
 * every text and code field of every entity of every shipped example (set
 * where the field is single, added where it repeats), and into the content
 * and an attribute of an element the format does not know; each planted
 * document then goes through the library (err.message, err.path and every
 * diagnostic) and through every gbo command, format and language, run
 * in-process, whose output must not contain any planted value. `gbo format`
 * prints the document itself by design: its error stream is checked. */
#include "config.h"

#include <dirent.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gbo/gbo.h>

#include "cli.h"
#include "test_helpers.h"

static const char *const planted[] = {
    "Mariette Vandenbroucke",  /* a name */
    "85073003328",             /* an INSZ with valid check digits */
    "mariette.vdb@example.org" /* an e-mail address */
};
#define NPLANTED (sizeof planted / sizeof *planted)

static const char *source_path(const char *relative, char *buf, size_t size)
{
    const char *src = getenv("GBO_SRCDIR");
    snprintf(buf, size, "%s/%s", src ? src : ".", relative);
    return buf;
}

/* Set or add `value` in every text and code field of e and below. */
static void plant(gbo_entity *e, const char *value, size_t *fields)
{
    gbo_kind kind = gbo_entity_kind(e);
    for (size_t i = 0; i < gbo_kind_field_count(kind); i++) {
        gbo_field f = gbo_kind_field_at(kind, i);
        gbo_value_type type = gbo_field_type(f);
        if (type == GBO_TYPE_ENTITY) {
            for (size_t j = 0; j < gbo_entity_count(e, f); j++)
                plant(gbo_entity_child_mut(e, f, j), value, fields);
        } else if (type == GBO_TYPE_TEXT || type == GBO_TYPE_CODE) {
            gbo_status status = gbo_field_is_repeated(f) ? gbo_entity_add(e, f, value, NULL)
                                                         : gbo_entity_set(e, f, value, NULL);
            *fields += status == GBO_OK;
        }
    }
}

/* The planted document: canonical bytes (the writer's consent gate passed
 * with an emergency basis), plus an element the format does not know and
 * an attribute it does not know, both holding the value. */
static char *planted_document(const char *path, const char *value, bool unknown, size_t *fields)
{
    gbo_entity *doc = NULL;
    gbo_write_options options = { NULL, 1 };
    char *xml = NULL, *out = NULL, *at;
    size_t size, n;
    FILE *f;

    if (gbo_exchange_read_file(path, NULL, &doc, NULL, NULL) != GBO_OK)
        return NULL;
    plant(doc, value, fields);
    if (gbo_exchange_write_checked(doc, &options, &xml, &size, NULL, NULL) != GBO_OK) {
        gbo_entity_free(doc);
        return NULL;
    }
    gbo_entity_free(doc);
    if (!unknown)
        return xml;
    f = open_memstream(&out, &n);
    at = strstr(xml, "<header>");
    fwrite(xml, 1, (size_t)(at - xml), f);
    fprintf(f, "<header unknownAttribute=\"%s\">", value);
    at += strlen("<header>");
    fwrite(at, 1, strlen(at) - strlen("</exchange>\n"), f);
    fprintf(f, "<unknownElement>%s</unknownElement>\n</exchange>\n", value);
    fclose(f);
    gbo_free(xml);
    return out;
}

static size_t leaks(const char *text, const char *what, const char *where)
{
    size_t found = 0;
    for (size_t k = 0; text && k < NPLANTED; k++) {
        if (strstr(text, planted[k])) {
            fprintf(stderr, "%s: %s quotes \"%s\"\n", where, what, planted[k]);
            found++;
        }
    }
    return found;
}

static size_t run_cli(char **argv, int argc, bool check_out, const char *where)
{
    char *out = NULL, *err = NULL;
    size_t out_size, err_size, found = 0;
    FILE *o = open_memstream(&out, &out_size), *e = open_memstream(&err, &err_size);
    FILE *in = fopen("/dev/null", "r");
    (void)gbo_cli_main(argc, argv, in, o, e);
    fclose(in);
    fclose(o);
    fclose(e);
    if (getenv("GBO_NO_ECHO_SHOW"))
        fprintf(stderr, "== %s\n%s%s", where, out, err);
    if (check_out)
        found += leaks(out, "the output", where);
    found += leaks(err, "the error stream", where);
    free(out);
    free(err);
    return found;
}

static void planted_values_are_never_quoted(void)
{
    char dir[4096], path[8192], file[4096], where[16384];
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    DIR *d = opendir(source_path("examples", dir, sizeof dir));
    struct dirent *ent;
    size_t documents = 0, fields = 0, found = 0, runs = 0;
    static const char *const formats[] = { "text", "json", "junit", "sarif" };
    static const char *const langs[] = { "nl", "fr", "de", "en" };

    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    snprintf(file, sizeof file, "%s/gbo-no-echo-%ld.xml", tmp, (long)getpid());
    while ((ent = readdir(d))) {
        size_t len = strlen(ent->d_name);
        if (len < 5 || strcmp(ent->d_name + len - 4, ".xml") != 0 || strcmp(ent->d_name, "bundle.xml") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, ent->d_name);
        for (size_t k = 0; k < 2 * NPLANTED; k++) {
            gbo_validator *v = gbo_validator_new(NULL, NULL);
            gbo_diagnostics *diags = gbo_diagnostics_new(NULL);
            /* the model's fields (the rules run), then with an element and an
             * attribute the format does not know (the schema refuses) */
            char *doc = planted_document(path, planted[k % NPLANTED], k >= NPLANTED, &fields);
            gbo_error err;
            FILE *f;

            CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
            documents++;
            /* the library: every diagnostic, and the error of the call */
            for (size_t l = 0; l < 4; l++) {
                gbo_lang lang;
                CU_ASSERT_EQUAL(gbo_lang_parse(langs[l], &lang), GBO_OK);
                gbo_diagnostics_clear(diags);
                gbo_diagnostics_set_lang(diags, lang);
                memset(&err, 0, sizeof err);
                CU_ASSERT_EQUAL(gbo_validate_memory(v, doc, strlen(doc), diags, &err), GBO_OK);
                CU_ASSERT(gbo_diagnostics_count(diags) > 0);
                for (size_t i = 0; i < gbo_diagnostics_count(diags); i++) {
                    const gbo_diagnostic *dg = gbo_diagnostics_at(diags, i);
                    snprintf(where, sizeof where, "%s (%s) %s", ent->d_name, langs[l], gbo_diagnostic_rule(dg));
                    found += leaks(gbo_diagnostic_message(dg), "a message", where);
                    found += leaks(gbo_diagnostic_path(dg), "a path", where);
                }
                {
                    gbo_entity *e = NULL;
                    memset(&err, 0, sizeof err);
                    if (gbo_exchange_read_memory(doc, strlen(doc), NULL, &e, NULL, &err) != GBO_OK) {
                        found += leaks(err.message, "err.message", ent->d_name);
                        found += leaks(err.path, "err.path", ent->d_name);
                    }
                    gbo_entity_free(e);
                }
            }
            /* every command, format and language */
            f = fopen(file, "w");
            CU_ASSERT_PTR_NOT_NULL_FATAL(f);
            fputs(doc, f);
            fclose(f);
            for (size_t fm = 0; fm < 4; fm++)
                for (size_t l = 0; l < 4; l++) {
                    char *argv[] = { "gbo", "validate", "--jobs", "1", "--format", (char *)formats[fm],
                                     "--lang", (char *)langs[l], file, "--history", NULL };
                    snprintf(where, sizeof where, "%s: validate %s %s", ent->d_name, formats[fm], langs[l]);
                    found += run_cli(argv, 10, true, where);
                    found += run_cli(argv, 9, true, where); /* without --history */
                    runs += 2;
                }
            {
                char *stats_json[] = { "gbo", "stats", file, NULL };
                char *stats_csv[] = { "gbo", "stats", "--format", "csv", file, NULL };
                char *format[] = { "gbo", "format", file, NULL };
                char *consent[] = { "gbo", "consent-check", file, "--recipient",
                                    "0e3b5a10-2c4d-4e6f-8a9b-0c1d2e3f4a02", "--purpose", "reception",
                                    "--category", "health", NULL };
                snprintf(where, sizeof where, "%s: stats/format/consent-check", ent->d_name);
                found += run_cli(stats_json, 3, true, where);
                found += run_cli(stats_csv, 5, true, where);
                found += run_cli(format, 3, false, where);
                found += run_cli(consent, 9, true, where);
                runs += 4;
            }
            if (k < NPLANTED)
                gbo_free(doc);
            else
                free(doc);
            gbo_diagnostics_free(diags);
            gbo_validator_free(v);
        }
    }
    closedir(d);
    remove(file);
    printf("\n%zu planted documents (%zu fields set), %zu runs of gbo\n", documents, fields, runs);
    CU_ASSERT(documents >= 30);
    CU_ASSERT(fields > 1000);
    CU_ASSERT_EQUAL(found, 0);
}

int main(void)
{
    static const gbo_test tests[] = {
        { "planted values are never quoted", planted_values_are_never_quoted },
        { NULL, NULL },
    };
    return gbo_test_main("no echo", tests);
}
