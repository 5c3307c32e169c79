/* libgbo — code lists (SPEC §3).
 *
 * A gbo_codeset holds every code list: the built-in lists shipped in
 * data/codelists.xml (compiled into the library) plus any network extensions
 * loaded into it. Each code has a stable ASCII value, labels in nl, fr, de
 * and en, definitions, the seed document that grounds it, a validity period
 * and, for concrete rights, mappings to codes of other lists (basic-right,
 * life-domain, partner-kind).
 *
 * An extension file has the same format, its own id and version, and adds
 * codes to existing lists; it never removes, renames or redefines a code
 * (GBO_E_CONFLICT), and a failed load leaves the codeset unchanged.
 *
 * Ownership and threads: gbo_codeset_builtin() returns a shared read-only
 * codeset that lives until the library is unloaded; it is safe to use from
 * any number of threads. gbo_codeset_new() returns a private codeset (free
 * with gbo_codeset_free) that one thread extends; once no thread modifies it,
 * any number may read it. gbo_code pointers are borrowed from their codeset. */
#ifndef GBO_CODES_H
#define GBO_CODES_H

#include <stdbool.h>
#include <stddef.h>
#include <gbo/export.h>
#include <gbo/error.h>
#include <gbo/memory.h>
#include <gbo/values.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gbo_codeset gbo_codeset;
typedef struct gbo_code gbo_code;

typedef enum gbo_lang {
    GBO_LANG_NL = 0,
    GBO_LANG_FR,
    GBO_LANG_DE,
    GBO_LANG_EN,
    GBO_LANG_COUNT
} gbo_lang;

/* "nl", "fr-BE", "de_BE.UTF-8", "EN" → the language; GBO_E_NOT_FOUND for
 * other languages. */
GBO_API gbo_status gbo_lang_parse(const char *tag, gbo_lang *out);
/* "nl", "fr", "de", "en"; NULL for an invalid value. */
GBO_API const char *gbo_lang_tag(gbo_lang lang);

/* The built-in lists: shared, read-only, created on first use. NULL (with
 * *err filled) only when memory runs out; a later call tries again. */
GBO_API const gbo_codeset *gbo_codeset_builtin(gbo_error *err);
/* A new private codeset holding the built-in lists, ready to be extended. */
GBO_API GBO_WARN_UNUSED gbo_codeset *gbo_codeset_new(gbo_error *err);
/* NULL is allowed. Never pass the built-in codeset. */
GBO_API void gbo_codeset_free(gbo_codeset *codeset);

/* Load a network extension from a file or from memory. */
GBO_API GBO_WARN_UNUSED gbo_status gbo_codeset_load_extension_file(gbo_codeset *codeset,
                                                                   const char *path,
                                                                   gbo_error *err);
GBO_API GBO_WARN_UNUSED gbo_status gbo_codeset_load_extension_memory(gbo_codeset *codeset,
                                                                     const char *data,
                                                                     size_t size,
                                                                     gbo_error *err);

/* Id ("gbo") and version ("2026.1") of the built-in lists. */
GBO_API const char *gbo_codeset_id(const gbo_codeset *codeset);
GBO_API const char *gbo_codeset_version(const gbo_codeset *codeset);
/* The extensions loaded, in load order. */
GBO_API size_t gbo_codeset_extension_count(const gbo_codeset *codeset);
GBO_API const char *gbo_codeset_extension_id(const gbo_codeset *codeset, size_t index);
GBO_API const char *gbo_codeset_extension_version(const gbo_codeset *codeset, size_t index);

/* The lists, in file order ("partner-kind", "life-domain", …). */
GBO_API size_t gbo_codeset_list_count(const gbo_codeset *codeset);
GBO_API const char *gbo_codeset_list_id(const gbo_codeset *codeset, size_t index);
/* The codes of a list in file order (extension codes after the built-in
 * ones). 0 / NULL for an unknown list or index. */
GBO_API size_t gbo_codeset_code_count(const gbo_codeset *codeset, const char *list);
GBO_API const gbo_code *gbo_codeset_code_at(const gbo_codeset *codeset, const char *list,
                                            size_t index);
/* The code `value` of `list`, or NULL. Retired codes are found too: check
 * gbo_code_is_valid_on(). */
GBO_API const gbo_code *gbo_codeset_lookup(const gbo_codeset *codeset, const char *list,
                                           const char *value);
/* The codes of `list` sorted by their label in `lang` with ICU collation for
 * that language (Belgian locale). *out is a new array of *count borrowed
 * pointers: free it with gbo_free(). */
GBO_API GBO_WARN_UNUSED gbo_status gbo_codeset_sorted(const gbo_codeset *codeset,
                                                      const char *list, gbo_lang lang,
                                                      const gbo_code ***out, size_t *count,
                                                      gbo_error *err);

GBO_API const char *gbo_code_value(const gbo_code *code);
GBO_API const char *gbo_code_list(const gbo_code *code);
GBO_API const char *gbo_code_label(const gbo_code *code, gbo_lang lang);
/* The definition in `lang`, else the English one. */
GBO_API const char *gbo_code_definition(const gbo_code *code, gbo_lang lang);
/* The seed documents that ground the code, e.g. "000,002" or "spec". */
GBO_API const char *gbo_code_seed(const gbo_code *code);
/* Id of the code list file that defined the code: the built-in id or an
 * extension's id. */
GBO_API const char *gbo_code_origin(const gbo_code *code);
GBO_API gbo_date gbo_code_valid_from(const gbo_code *code);
/* false when the code has no end of validity. */
GBO_API bool gbo_code_valid_until(const gbo_code *code, gbo_date *until);
/* Valid from valid-from through valid-until inclusive. */
GBO_API bool gbo_code_is_valid_on(const gbo_code *code, gbo_date date);
/* Mappings to codes of another list (a right's basic-right, life-domains,
 * partner-kinds). */
GBO_API size_t gbo_code_map_count(const gbo_code *code, const char *list);
GBO_API const char *gbo_code_map_at(const gbo_code *code, const char *list, size_t index);

#ifdef __cplusplus
}
#endif
#endif
