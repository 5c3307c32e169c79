/* libgbo — validating many documents on every core: files, documents in
 * memory and read callbacks, each a single document or a bundle, spread
 * over a pool of worker threads and handed back one by one, in input order,
 * to a function of the caller. A large bundle (1 MiB or more, in memory or
 * in a regular file) is read whole by several workers at once, each
 * checking its share of the items; a smaller one is read and checked item by
 * item on the calling thread while the workers take the files.
 *
 *     gbo_inputs *in = gbo_inputs_new(&err);
 *     gbo_inputs_add_file(in, "referral.xml", &err);
 *     gbo_inputs_add_file(in, "bundle.xml", &err);
 *     status = gbo_validate_many(validator, in, 0, GBO_LANG_NL, on_result, &mine, &err);
 *     gbo_inputs_free(in);
 *
 * At most a window of 16 × jobs results is held at any time: each is freed
 * once the caller's function has returned, so a bundle of a million items
 * is validated in the memory of a few. The function is always called on the
 * thread that called gbo_validate_many(), never concurrently. */
#ifndef GBO_BATCH_H
#define GBO_BATCH_H

#include <stddef.h>
#include <gbo/export.h>
#include <gbo/diagnostics.h>
#include <gbo/entity.h>
#include <gbo/error.h>
#include <gbo/exchange.h>
#include <gbo/validate.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The inputs of one run, in order. */
typedef struct gbo_inputs gbo_inputs;

/* New: free with gbo_inputs_free. */
GBO_API GBO_WARN_UNUSED gbo_inputs *gbo_inputs_new(gbo_error *err);
/* NULL is allowed. */
GBO_API void gbo_inputs_free(gbo_inputs *inputs);
/* A file, opened when the run reaches it (the path is copied). */
GBO_API GBO_WARN_UNUSED gbo_status gbo_inputs_add_file(gbo_inputs *inputs, const char *path,
                                                       gbo_error *err);
/* Bytes in memory (borrowed: they must stay valid and unchanged until the
 * run ends). */
GBO_API GBO_WARN_UNUSED gbo_status gbo_inputs_add_memory(gbo_inputs *inputs, const char *data,
                                                         size_t size, gbo_error *err);
/* A read callback (see gbo_read_fn; `source` is borrowed). It is called only
 * on the thread that called gbo_validate_many(), and a document it gives is
 * read and checked there. */
GBO_API GBO_WARN_UNUSED gbo_status gbo_inputs_add_io(gbo_inputs *inputs, gbo_read_fn read_fn,
                                                     void *source, gbo_error *err);
/* How many inputs were added. */
GBO_API size_t gbo_inputs_count(const gbo_inputs *inputs);

/* What one document, or one bundle item, gave. Borrowed: valid while the
 * caller's function runs. */
typedef struct gbo_result gbo_result;

/* The input it comes from: 0 for the first one added. */
GBO_API size_t gbo_result_input(const gbo_result *result);
/* 0 for a single document; a bundle item's 1-based index in its bundle. */
GBO_API size_t gbo_result_index(const gbo_result *result);
/* GBO_OK when the document was examined: its findings, errors and warnings
 * alike, are its diagnostics (a document that could not be read as an
 * exchange has its GBO-X findings there). Otherwise why it could not be
 * examined (GBO_E_IO: the input could not be read, GBO_E_NOMEM, ...; the
 * diagnostics hold what was found before). */
GBO_API gbo_status gbo_result_status(const gbo_result *result);
/* The failure's detail when the status is not GBO_OK. */
GBO_API const gbo_error *gbo_result_error(const gbo_result *result);
/* The document's id; "" when it was not read. */
GBO_API const char *gbo_result_document_id(const gbo_result *result);
/* The findings, in the language of the run. */
GBO_API const gbo_diagnostics *gbo_result_diagnostics(const gbo_result *result);
/* The findings, taken: new, the caller frees them (the result is left with
 * none). */
GBO_API GBO_WARN_UNUSED gbo_diagnostics *gbo_result_take_diagnostics(gbo_result *result);
/* The model read; NULL when the document was refused. */
GBO_API const gbo_entity *gbo_result_entity(const gbo_result *result);
/* The model, taken: new, the caller frees it; NULL when there is none. */
GBO_API GBO_WARN_UNUSED gbo_entity *gbo_result_take_entity(gbo_result *result);
/* Seconds spent reading and checking it (the thread's time at work on it,
 * not the time it waited). */
GBO_API double gbo_result_seconds(const gbo_result *result);

/* Called once per document and bundle item, in input order; a non-zero
 * return stops the run (gbo_validate_many() then returns GBO_E_CANCELLED). */
typedef int (*gbo_result_fn)(void *user, gbo_result *result);

/* Validate every input with `validator` (its limits and context; it must
 * not change during the run) on `jobs` threads (0: one per online core; 1:
 * on the calling thread alone), with findings in `lang`. GBO_OK when every
 * input was handed on (each result has its own status); GBO_E_NOMEM or
 * GBO_E_INVALID_ARG for the run itself; GBO_E_CANCELLED when `fn` stopped
 * it. */
GBO_API GBO_WARN_UNUSED gbo_status gbo_validate_many(const gbo_validator *validator,
                                                     const gbo_inputs *inputs, unsigned jobs,
                                                     gbo_lang lang, gbo_result_fn fn,
                                                     void *user, gbo_error *err);

#ifdef __cplusplus
}
#endif
#endif
