/* libgbo — the one error contract.
 *
 * Every call that can fail returns a gbo_status (GBO_OK == 0) or NULL and,
 * when the caller passes a non-NULL gbo_error, fills it. The structure is
 * owned by the caller (usually on the stack); the library keeps no
 * process-wide "last error". On success the structure is left untouched.
 *
 * Messages are English, technical, and never contain a value taken from a
 * person's record: they name codes, field names, rule ids and the expected
 * form only. Localised diagnostics come from the validator. */
#ifndef GBO_ERROR_H
#define GBO_ERROR_H

#include <stddef.h>
#include <gbo/export.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum gbo_status {
    GBO_OK = 0,
    GBO_E_NOMEM,         /* an allocation failed; nothing was changed */
    GBO_E_INVALID_ARG,   /* caller mistake: NULL, wrong field for the kind, index out of range */
    GBO_E_INVALID_UTF8,  /* text is not well-formed UTF-8 (or holds a forbidden control character) */
    GBO_E_INVALID_VALUE, /* a value does not have the form its field requires */
    GBO_E_TOO_LONG,      /* a value exceeds the field's length limit */
    GBO_E_NOT_FOUND,     /* no such code, list or item */
    GBO_E_CONFLICT,      /* would remove, rename or redefine something that exists */
    GBO_E_PARSE,         /* a data file could not be read as XML or has the wrong structure */
    GBO_E_IO,            /* reading a file failed; errno is preserved */
    GBO_E_ICU,           /* an ICU service failed (collator, normaliser) */
    GBO_E_INTERNAL,      /* a bug in libgbo: please report it */
    GBO_E_DOCUMENT,      /* an exchange document was refused: its diagnostics say why */
    GBO_E_CANCELLED      /* the caller's callback stopped the work */
} gbo_status;

#define GBO_ERROR_TEXT_SIZE 256
#define GBO_ERROR_PATH_SIZE 256
#define GBO_RULE_ID_SIZE 12

typedef struct gbo_error {
    gbo_status status;
    char rule[GBO_RULE_ID_SIZE];      /* "GBO-X001" … where one applies, else "" */
    unsigned long line;               /* 1-based line in the input, 0 if none */
    unsigned long column;             /* 1-based column, 0 if unknown */
    char path[GBO_ERROR_PATH_SIZE];   /* a field name ("givenName"), a document path
                                         ("/exchange/person[1]/birthDate") or a code-list
                                         path ("/codeLists/list[@id='right']") */
    char message[GBO_ERROR_TEXT_SIZE];/* English, no personal data */
} gbo_error;

/* A short English description of a status code. Static string, never NULL. */
GBO_API const char *gbo_strerror(gbo_status status);

/* Reset *err to "no error". Safe with NULL. */
GBO_API void gbo_error_clear(gbo_error *err);

#ifdef __cplusplus
}
#endif
#endif
