/* libgbo internal — code-list structures shared by codes.c (queries) and
 * codes_load.c (reading code-list files). */
#ifndef GBOP_CODES_INTERNAL_H
#define GBOP_CODES_INTERNAL_H

#include <gbo/codes.h>

typedef struct code_map {
    char *list;
    char *code;
} code_map;

struct gbo_code {
    const char *list;    /* borrowed from its code_list */
    const char *origin;  /* borrowed: the codeset's or an extension's id */
    char *value;
    char *labels[GBO_LANG_COUNT];
    char *definitions[GBO_LANG_COUNT];
    char *seed;
    gbo_date valid_from;
    gbo_date valid_until;
    bool has_until;
    size_t nmaps;
    code_map *maps;
};

typedef struct code_list {
    char *id;
    size_t count, cap;
    gbo_code **codes;
} code_list;

typedef struct extension_id {
    char *id;
    char *version;
} extension_id;

struct gbo_codeset {
    char *id;
    char *version;
    size_t nlists, caplists;
    code_list **lists;
    size_t nexts, capexts;
    extension_id *exts;
};

/* The built-in code lists as static tables, generated at build time from
 * data/codelists.xml by build-aux/gen-codes-table.py (codes_table.c). */
extern const gbo_codeset gbop_builtin_codeset;

code_list *gbop_codeset_find_list(const gbo_codeset *cs, const char *id);
void gbop_code_free(gbo_code *code);
void gbop_code_list_free(code_list *list);

/* Read a code-list file that extends nothing (data/codelists.xml) into the
 * empty codeset `cs`: what the generated tables hold, read the way
 * extensions are (test_codes compares the two). */
gbo_status gbop_codeset_load_xml(gbo_codeset *cs, const char *data, size_t size, gbo_error *err);

#endif
