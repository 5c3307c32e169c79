/* gbo-example — a small program showing libgbo at work, until the `gbo`
 * command-line tool exists:
 *
 *   gbo-example [--lang nl|fr|de|en] [--extension FILE] [--strict] FILE...
 *
 * A FILE ending in .xml is an exchange document or a bundle: the program
 * reads it safely, prints its diagnostics (rule, line, path — never a value
 * from a person's record) and what it holds, and checks that writing it back
 * gives the same bytes (canonical form). Any other FILE lists identifiers to
 * check, one per line: "national-number V", "enterprise V" or
 * "establishment V" ('#' starts a comment); the program prints each line's
 * verdict (never the identifier itself). Last it lists the life domains as a
 * partner's screen would, sorted with ICU collation in the chosen language,
 * with the codes of a network extension when one is given. Exit status: 0 on
 * success, 1 when --strict and an identifier or document is invalid, 2 on a
 * usage or I/O error. */
#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gbo/gbo.h>

static int usage(void)
{
    fprintf(stderr, "usage: gbo-example [--lang nl|fr|de|en] [--extension FILE] [--strict] FILE...\n");
    return 2;
}

static int check_file(const char *path, unsigned *valid, unsigned *invalid)
{
    FILE *f = fopen(path, "r");
    char line[512];
    unsigned lineno = 0;

    if (!f) {
        perror(path);
        return -1;
    }
    while (fgets(line, sizeof line, f)) {
        char *kind, *value, *end;
        gbo_id_result result;
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        kind = line + strspn(line, " \t");
        if (*kind == '#' || *kind == '\0')
            continue;
        end = kind + strcspn(kind, " \t");
        value = *end ? end + 1 : end;
        *end = '\0';
        if (strcmp(kind, "national-number") == 0)
            result = gbo_national_number_check(value, NULL);
        else if (strcmp(kind, "enterprise") == 0)
            result = gbo_enterprise_number_check(value, NULL);
        else if (strcmp(kind, "establishment") == 0)
            result = gbo_establishment_number_check(value, NULL);
        else {
            fprintf(stderr, "%s:%u: unknown identifier kind '%s'\n", path, lineno, kind);
            fclose(f);
            return -1;
        }
        printf("%s:%u: %s: %s\n", path, lineno, kind, gbo_id_result_string(result));
        if (result == GBO_ID_VALID)
            (*valid)++;
        else
            (*invalid)++;
    }
    fclose(f);
    return 0;
}

static void print_diagnostics(const char *path, const gbo_diagnostics *diags, size_t item)
{
    for (size_t i = 0; i < gbo_diagnostics_count(diags); i++) {
        const gbo_diagnostic *d = gbo_diagnostics_at(diags, i);
        printf("%s:%lu:%lu: %s: %s: %s", path, gbo_diagnostic_line(d), gbo_diagnostic_column(d),
               gbo_severity_name(gbo_diagnostic_severity(d)), gbo_diagnostic_rule(d),
               gbo_diagnostic_message(d));
        if (item)
            printf(" [item %zu]", item);
        if (gbo_diagnostic_path(d)[0])
            printf(" (%s)", gbo_diagnostic_path(d));
        printf("\n");
    }
}

/* What an exchange holds, and whether it round-trips byte for byte. */
static int describe(const char *path, const char *data, size_t size, const gbo_entity *x,
                    size_t item)
{
    static const gbo_field messages[] = {
        GBO_EXCHANGE_ORGANISATIONS, GBO_EXCHANGE_PERSONS, GBO_EXCHANGE_CONSENTS,
        GBO_EXCHANGE_REFERRALS, GBO_EXCHANGE_STATUS_UPDATES, GBO_EXCHANGE_WITHDRAWALS,
        GBO_EXCHANGE_SUPPORT_ENDED, GBO_EXCHANGE_CASE_CONFERENCES,
        GBO_EXCHANGE_ACKNOWLEDGEMENTS, GBO_EXCHANGE_SIGNALS,
    };
    gbo_error err;
    char *out = NULL;
    size_t out_size = 0;
    int canonical = -1;

    if (gbo_exchange_write_memory(x, &out, &out_size, &err) != GBO_OK) {
        fprintf(stderr, "%s: %s\n", path, err.message);
        return -1;
    }
    if (data)
        canonical = out_size == size && memcmp(out, data, size) == 0;
    gbo_free(out);
    printf(item ? "%s: item %zu:" : "%s:%.0zu", path, item);
    for (size_t i = 0; i < sizeof messages / sizeof *messages; i++)
        if (gbo_entity_count(x, messages[i]))
            printf(" %zu %s", gbo_entity_count(x, messages[i]), gbo_field_name(messages[i]));
    printf("%s\n", canonical < 0 ? "" : canonical ? "; canonical" : "; not in canonical form");
    return 0;
}

static int read_documents(const char *path, unsigned *valid, unsigned *invalid)
{
    gbo_diagnostics *diags = gbo_diagnostics_new(NULL);
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    size_t size = 0, cap = 0, n;
    gbo_error err;
    int rc = 0;

    if (!f || !diags) {
        perror(path);
        gbo_diagnostics_free(diags);
        if (f)
            fclose(f);
        return -1;
    }
    do {
        if (size == cap) {
            char *grown = realloc(data, cap = cap ? cap * 2 : 65536);
            if (!grown) {
                free(data);
                fclose(f);
                gbo_diagnostics_free(diags);
                return -1;
            }
            data = grown;
        }
        n = fread(data + size, 1, cap - size, f);
        size += n;
    } while (n > 0);
    fclose(f);
    if (memmem(data, size < 512 ? size : 512, "<bundle", 7)) {
        gbo_bundle_reader *b = gbo_bundle_open_memory(data, size, NULL, &err);
        for (;;) {
            gbo_entity *x = NULL;
            gbo_status status;
            if (!b) {
                fprintf(stderr, "%s: %s\n", path, err.message);
                rc = -1;
                break;
            }
            gbo_diagnostics_clear(diags);
            status = gbo_bundle_next(b, &x, diags, &err);
            print_diagnostics(path, diags, gbo_bundle_index(b));
            if (status == GBO_OK && !x)
                break;
            if (status == GBO_OK) {
                (*valid)++;
                rc = describe(path, NULL, 0, x, gbo_bundle_index(b));
                gbo_entity_free(x);
            } else {
                (*invalid)++;
                if (status != GBO_E_DOCUMENT || gbo_bundle_failed(b))
                    break;
            }
        }
        gbo_bundle_close(b);
    } else {
        gbo_entity *x = NULL;
        gbo_status status = gbo_exchange_read_memory(data, size, NULL, &x, diags, &err);
        print_diagnostics(path, diags, 0);
        if (status == GBO_OK) {
            (*valid)++;
            rc = describe(path, data, size, x, 0);
        } else if (status == GBO_E_DOCUMENT) {
            (*invalid)++;
        } else {
            fprintf(stderr, "%s: %s\n", path, err.message);
            rc = -1;
        }
        gbo_entity_free(x);
    }
    free(data);
    gbo_diagnostics_free(diags);
    return rc;
}

static int list_domains(const char *extension, gbo_lang lang)
{
    gbo_error err;
    gbo_codeset *codes = gbo_codeset_new(&err);
    const gbo_code **sorted = NULL;
    size_t n = 0;
    int rc = 0;

    if (!codes) {
        fprintf(stderr, "gbo-example: %s\n", err.message);
        return -1;
    }
    if (extension && gbo_codeset_load_extension_file(codes, extension, &err) != GBO_OK) {
        fprintf(stderr, "%s:%lu: %s\n", extension, err.line, err.message);
        rc = -1;
    } else if (gbo_codeset_sorted(codes, "life-domain", lang, &sorted, &n, &err) != GBO_OK) {
        fprintf(stderr, "gbo-example: %s\n", err.message);
        rc = -1;
    } else {
        printf("life domains (%s, code lists %s %s", gbo_lang_tag(lang), gbo_codeset_id(codes),
               gbo_codeset_version(codes));
        for (size_t i = 0; i < gbo_codeset_extension_count(codes); i++)
            printf(" + %s %s", gbo_codeset_extension_id(codes, i),
                   gbo_codeset_extension_version(codes, i));
        printf("):\n");
        for (size_t i = 0; i < n; i++)
            printf("  %-28s %s\n", gbo_code_value(sorted[i]), gbo_code_label(sorted[i], lang));
    }
    gbo_free(sorted);
    gbo_codeset_free(codes);
    return rc;
}

int main(int argc, char **argv)
{
    const char *extension = NULL;
    gbo_lang lang = GBO_LANG_NL;
    unsigned valid = 0, invalid = 0, documents = 0, refused = 0;
    int strict = 0, i, files = 0;

    for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
            if (gbo_lang_parse(argv[++i], &lang) != GBO_OK)
                return usage();
        } else if (strcmp(argv[i], "--extension") == 0 && i + 1 < argc) {
            extension = argv[++i];
        } else if (strcmp(argv[i], "--strict") == 0) {
            strict = 1;
        } else if (strcmp(argv[i], "--help") == 0) {
            printf("usage: gbo-example [--lang nl|fr|de|en] [--extension FILE] [--strict] FILE...\n");
            return 0;
        } else {
            return usage();
        }
    }
    printf("libgbo %s\n", gbo_version());
    for (; i < argc; i++, files++) {
        size_t len = strlen(argv[i]);
        int rc = len > 4 && strcmp(argv[i] + len - 4, ".xml") == 0
                     ? read_documents(argv[i], &documents, &refused)
                     : check_file(argv[i], &valid, &invalid);
        if (rc)
            return 2;
    }
    if (files == 0)
        return usage();
    if (documents + refused)
        printf("%u documents: %u read, %u refused\n", documents + refused, documents, refused);
    if (valid + invalid)
        printf("%u identifiers: %u valid, %u invalid\n", valid + invalid, valid, invalid);
    if (list_domains(extension, lang))
        return 2;
    return strict && (invalid || refused) ? 1 : 0;
}
