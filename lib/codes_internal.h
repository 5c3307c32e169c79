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

/* The built-in code-list file, compiled in (codelists_data.c). */
extern const unsigned char gbop_codelists_xml[];
extern const size_t gbop_codelists_xml_size;

code_list *gbop_codeset_find_list(const gbo_codeset *cs, const char *id);
void gbop_code_free(gbo_code *code);
void gbop_code_list_free(code_list *list);

/* Read the built-in lists into the empty codeset `cs`. */
gbo_status gbop_codeset_load_builtin(gbo_codeset *cs, gbo_error *err);

#endif
