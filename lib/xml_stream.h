/* libgbo internal — the one streaming reader under every exchange read: a
 * source (memory, a file descriptor, or the caller's read callback), the
 * byte-level guard every byte passes before libxml2 sees it, and libxml2's
 * xmlTextReader over what the guard lets through. A single document is read
 * as the one item at depth 0 (lib/xml_read.c), a bundle item by item at
 * depth 1 (lib/bundle.c): the same bytes give the same findings either way. */
#ifndef GBOP_XML_STREAM_H
#define GBOP_XML_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libxml/xmlreader.h>

#include <gbo/diagnostics.h>
#include <gbo/exchange.h>

#include "xml_guard.h"

/* How much of the input the pre-scan (encoding, DOCTYPE) looks at. */
#define GBOP_STREAM_PRESCAN_BYTES 4096

typedef struct gbop_stream {
    xmlTextReaderPtr reader;
    gbo_limits limits;
    gbop_guard guard;  /* every byte passes it before libxml2 sees it */
    bool document;     /* one document (the root is the item), not a bundle */
    /* the source: memory, or a read callback (a file descriptor's, or the
     * caller's) with the pre-scanned prefix */
    const char *mem;
    size_t mem_size, mem_pos;
    gbo_read_fn read_fn;
    void *source;
    int fd;
    bool own_fd;
    char prefix[GBOP_STREAM_PRESCAN_BYTES];
    size_t prefix_size, prefix_pos;
    uint64_t consumed; /* bytes read from the source */
    bool too_large;    /* a document's source went past max_document_bytes */
    /* the first libxml2 error, kept for classification only */
    xmlError first_error;
    char first_message[160];
    bool have_error;
    bool out_of_memory;    /* libxml2 ran out: GBO_E_NOMEM, no verdict */
    bool have_fatal;       /* libxml2 stopped parsing ... */
    uint64_t fatal_offset; /* ... at this byte of the input */
    bool io_failed;        /* the source failed (errno in io_errno) */
    int io_errno;
} gbop_stream;

/* Set up a stream over memory, a file descriptor (closed at the end when
 * `own`) or a read callback. Nothing is read yet. */
void gbop_stream_init_memory(gbop_stream *s, const char *data, size_t size);
void gbop_stream_init_fd(gbop_stream *s, int fd, bool own);
void gbop_stream_init_io(gbop_stream *s, gbo_read_fn read_fn, void *source);

/* read(2) on fd, again when a signal interrupts it: a gbo_read_fn's body. */
ptrdiff_t gbop_read_fd(int fd, char *buffer, size_t size);

/* Read `read_fn` into buf until it holds cap bytes or the source ends
 * (*size counts what buf holds). GBO_E_IO when the source fails ("cannot
 * read the WHAT: why"). */
gbo_status gbop_read_head(gbo_read_fn read_fn, void *source, char *buf, size_t cap, size_t *size,
                          const char *what, gbo_error *err);

/* Read the prefix and pre-scan it (findings go to `prescan`, and *refused
 * is set: the input is refused before it is parsed), then open libxml2's
 * reader with the guard in front. `document`: one document, else a bundle.
 * GBO_E_IO when the source fails (`what` names the input in the message),
 * GBO_E_NOMEM. On failure the stream is closed. */
gbo_status gbop_stream_open(gbop_stream *s, const gbo_limits *limits, bool document,
                            const char *what, gbo_diagnostics *prescan, bool *refused,
                            gbo_error *err);

/* Free the reader, close an owned descriptor. Safe on a stream never opened
 * past init, and twice. */
void gbop_stream_close(gbop_stream *s);

/* Move the reader (xmlTextReaderRead, xmlTextReaderNext): libxml2 reports
 * what goes wrong in the tree it builds to the thread's handler, silenced
 * meanwhile, and running out of memory sets out_of_memory. */
int gbop_stream_move(gbop_stream *s, int (*how)(xmlTextReaderPtr));

/* Expand the element at `node`, the index-th document of the input
 * (1-based), and return it whole, or NULL when it is not (the input ended,
 * was refused or is malformed inside it: gbop_stream_failure() says why). */
xmlNodePtr gbop_stream_expand(gbop_stream *s, xmlNodePtr node, size_t index);

/* The line libxml2's parser is at. */
unsigned long gbop_stream_line(const gbop_stream *s);

/* Why reading stopped: adds the one diagnostic that says so (the guard's
 * refusal, a document over its size, or libxml2's first error) to `cause`
 * and returns GBO_OK; GBO_E_IO when the source failed, GBO_E_NOMEM when
 * libxml2 failed with no verdict (it ran out of memory), with err filled. */
gbo_status gbop_stream_failure(const gbop_stream *s, gbo_diagnostics *cause, gbo_error *err);

#endif
