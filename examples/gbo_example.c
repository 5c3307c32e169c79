/* gbo-example — a small program showing libgbo's foundation at work, until
 * the `gbo` command-line tool exists:
 *
 *   gbo-example [--lang nl|fr|de|en] [--extension FILE] [--strict] FILE...
 *
 * Each FILE lists identifiers to check, one per line: "national-number V",
 * "enterprise V" or "establishment V" ('#' starts a comment). The program
 * prints each line's verdict (never the identifier itself: a national number
 * is personal data), then the life domains as a partner's screen would list
 * them, sorted with ICU collation in the chosen language, with the codes of
 * a network extension when one is given. Exit status: 0 on success, 1 when
 * --strict and an identifier is invalid, 2 on a usage or I/O error. */
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
    unsigned valid = 0, invalid = 0;
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
    for (; i < argc; i++, files++)
        if (check_file(argv[i], &valid, &invalid))
            return 2;
    if (files == 0)
        return usage();
    printf("%u identifiers: %u valid, %u invalid\n", valid + invalid, valid, invalid);
    if (list_domains(extension, lang))
        return 2;
    return strict && invalid ? 1 : 0;
}
