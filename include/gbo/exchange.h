/* libgbo — the XML exchange format (SPEC §2.7, §5): reading documents into
 * the model, writing the model in canonical form, and streaming bundles.
 *
 * One document is one <exchange> in the namespace GBO_FORMAT_NAMESPACE; a
 * bundle is a <bundle> of many. Reading is safe by construction: no DTD is
 * loaded, no entity substituted, nothing fetched from the network, no
 * XInclude processed; a DOCTYPE is refused (GBO-X002); documents over the
 * limits below are refused (GBO-X005); input that is not UTF-8 is refused
 * (GBO-X001); another major version or a foreign root is GBO-X004, a newer
 * minor version a warning GBO-X006. The schema (data/gbo-exchange-1.xsd,
 * compiled into the library) is compiled once per process and shared.
 *
 * Thread safety: every function may be called from many threads at once on
 * different documents and readers. */
#ifndef GBO_EXCHANGE_H
#define GBO_EXCHANGE_H

#include <stddef.h>
#include <gbo/export.h>
#include <gbo/error.h>
#include <gbo/entity.h>
#include <gbo/diagnostics.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GBO_FORMAT_NAMESPACE "urn:gbo:exchange:1"
#define GBO_FORMAT_MAJOR 1
#define GBO_FORMAT_MINOR 0
#define GBO_FORMAT_VERSION "1.0"

/* Safety limits (GBO-X005), per document or bundle item, with defaults that
 * no real document meets. Fill one with gbo_limits_init(), then change what
 * you need. The struct grows at its end only: gbo_limits_init() records in
 * `size` which fields the program was compiled with, so a program built
 * against an older header keeps working, and its fields not known to it keep
 * their defaults. (libgbo 0.1's struct, which began with max_document_bytes
 * and had no `size`, is still read.) */
typedef struct gbo_limits {
    size_t size;               /* set by gbo_limits_init(): leave it alone */
    size_t max_document_bytes; /* one document or bundle item: 16 MiB */
    unsigned max_depth;        /* element nesting: 64 */
    size_t max_elements;       /* elements in one document: 250 000 */
    size_t max_text_bytes;     /* one text node or attribute value: 1 MiB */
    /* since libgbo 0.2 (version-info 1:0:1) */
    size_t max_attributes;      /* attributes in one start tag, xmlns included: 64 */
    size_t max_start_tag_bytes; /* one start tag, '<' to '>': 64 KiB */
    size_t max_namespaces;      /* namespace declarations in one document: 64 */
} gbo_limits;

/* Fill *limits (of `size` bytes: sizeof(gbo_limits) as the caller knows it)
 * with the defaults. Call it through the macro. */
GBO_API void gbo_limits_init_size(gbo_limits *limits, size_t size);
#define gbo_limits_init(limits) gbo_limits_init_size((limits), sizeof *(limits))
/* libgbo 0.1's initialiser, for programs compiled against 0.1's header
 * (it fills in that four-field struct). */
GBO_API void(gbo_limits_init)(gbo_limits *limits);

/* Read one exchange document into a new GBO_KIND_EXCHANGE entity (*out,
 * free with gbo_entity_free). `limits` may be NULL for the defaults; `diags`
 * may be NULL. Returns GBO_OK (warnings such as GBO-X006 may be in diags),
 * GBO_E_DOCUMENT when the document was refused (diags holds every finding,
 * err the first error with its rule id, line and path), or another status
 * for a failure of the call itself (GBO_E_NOMEM, GBO_E_IO, …). */
GBO_API GBO_WARN_UNUSED gbo_status gbo_exchange_read_memory(const char *data, size_t size,
                                                            const gbo_limits *limits,
                                                            gbo_entity **out,
                                                            gbo_diagnostics *diags,
                                                            gbo_error *err);
GBO_API GBO_WARN_UNUSED gbo_status gbo_exchange_read_file(const char *path,
                                                          const gbo_limits *limits,
                                                          gbo_entity **out,
                                                          gbo_diagnostics *diags,
                                                          gbo_error *err);
/* Reads `fd` to its end; does not close it. */
GBO_API GBO_WARN_UNUSED gbo_status gbo_exchange_read_fd(int fd, const gbo_limits *limits,
                                                        gbo_entity **out,
                                                        gbo_diagnostics *diags,
                                                        gbo_error *err);

/* A source of bytes, for sources that have no file descriptor (a Python
 * file object, a PHP stream): like read(2), fill up to `size` bytes of
 * `buffer` and return how many, 0 at the end, or -1 on an error (with errno
 * set). Called from the thread that reads. */
typedef ptrdiff_t (*gbo_read_fn)(void *source, char *buffer, size_t size);

/* Read one document from `read_fn`: the same limits and findings as the other
 * forms (it reads no more than max_document_bytes + 1 bytes: past the limit
 * is GBO-X005); GBO_E_IO when `read_fn` fails. */
GBO_API GBO_WARN_UNUSED gbo_status gbo_exchange_read_io(gbo_read_fn read_fn, void *source,
                                                        const gbo_limits *limits,
                                                        gbo_entity **out,
                                                        gbo_diagnostics *diags,
                                                        gbo_error *err);

/* Options of the checked writer. Zero-initialise, then set what you need. */
typedef struct gbo_write_options {
    /* Earlier documents the consent rules resolve against (consents sent
     * before, withdrawals, support-ended events, organisations); may be NULL. */
    const struct gbo_consent_context *consents;
    /* The caller asserts an emergency basis (SPEC §2.4: the safety of the
     * client, people around them or the worker is at stake): write even what
     * the consent does not cover. Each such message should carry its
     * <emergency> justification; GBO-C011 reports it on reading. */
    int emergency;
} gbo_write_options;

/* Write a GBO_KIND_EXCHANGE entity in canonical form (SPEC §2.7): UTF-8
 * without BOM, LF line ends and a final newline, two-space indentation, the
 * format namespace as default namespace on the root, elements in schema
 * order, empty optional elements omitted, extension elements as they were
 * read. *out is a new NUL-terminated buffer of *size bytes (free with
 * gbo_free). Parse → write → parse gives an equal model; write → parse →
 * write gives identical bytes.
 *
 * Privacy by design (SPEC §5): a person-bearing message whose data its
 * consent does not cover is not written. The writer runs the consent rules
 * and refuses with GBO_E_DOCUMENT, err naming the rule (GBO-C001 … C007,
 * C013), when any of them denies; a consent it cannot see (sent earlier, not
 * in options->consents) does not stop it. gbo_exchange_write_memory() is
 * gbo_exchange_write_checked() without options. */
GBO_API GBO_WARN_UNUSED gbo_status gbo_exchange_write_memory(const gbo_entity *exchange,
                                                             char **out, size_t *size,
                                                             gbo_error *err);
/* The same, with options (NULL for none); `diags` (may be NULL) receives the
 * findings that caused a refusal: the structure's first (GBO-X003: a
 * required field missing, a value too long — the writer never emits what a
 * reader refuses), then the consent's. */
GBO_API GBO_WARN_UNUSED gbo_status gbo_exchange_write_checked(const gbo_entity *exchange,
                                                              const gbo_write_options *options,
                                                              char **out, size_t *size,
                                                              gbo_diagnostics *diags,
                                                              gbo_error *err);
GBO_API GBO_WARN_UNUSED gbo_status gbo_exchange_write_file(const gbo_entity *exchange,
                                                           const char *path, gbo_error *err);

/* ---- bundles ---------------------------------------------------------- */

typedef struct gbo_bundle_reader gbo_bundle_reader;

/* true when the root element of `data` — after a byte order mark, the XML
 * declaration, comments and processing instructions — is a <bundle>. For
 * choosing between gbo_exchange_read_* and gbo_bundle_open_*: the first
 * 64 KiB of a file are plenty. Reads nothing else; never fails. */
GBO_API bool gbo_is_bundle(const char *data, size_t size);

/* Open a bundle (<bundle> of <exchange> items) for reading item by item in
 * constant memory. The memory variant borrows `data` until close. */
GBO_API GBO_WARN_UNUSED gbo_bundle_reader *gbo_bundle_open_file(const char *path,
                                                               const gbo_limits *limits,
                                                               gbo_error *err);
GBO_API GBO_WARN_UNUSED gbo_bundle_reader *gbo_bundle_open_memory(const char *data, size_t size,
                                                                 const gbo_limits *limits,
                                                                 gbo_error *err);
/* Reads from `fd` as needed; does not close it. */
GBO_API GBO_WARN_UNUSED gbo_bundle_reader *gbo_bundle_open_fd(int fd, const gbo_limits *limits,
                                                             gbo_error *err);
/* Reads from `read_fn` as needed (see gbo_read_fn); `source` must stay valid
 * until close. */
GBO_API GBO_WARN_UNUSED gbo_bundle_reader *gbo_bundle_open_io(gbo_read_fn read_fn, void *source,
                                                             const gbo_limits *limits,
                                                             gbo_error *err);
/* The next item: GBO_OK with *item set (new), or GBO_OK with *item NULL at
 * the end of the bundle; GBO_E_DOCUMENT when this item was refused (diags
 * says why; the next call reads the next item); GBO_E_DOCUMENT with
 * gbo_bundle_failed() true when the bundle itself is broken (not well-formed,
 * not a bundle): no further items can be read. */
GBO_API GBO_WARN_UNUSED gbo_status gbo_bundle_next(gbo_bundle_reader *reader, gbo_entity **item,
                                                   gbo_diagnostics *diags, gbo_error *err);
/* 1-based index of the item last returned (0 before the first). */
GBO_API size_t gbo_bundle_index(const gbo_bundle_reader *reader);
/* true when the bundle is broken and reading stopped. */
GBO_API bool gbo_bundle_failed(const gbo_bundle_reader *reader);
/* NULL is allowed. */
GBO_API void gbo_bundle_close(gbo_bundle_reader *reader);

#ifdef __cplusplus
}
#endif
#endif
