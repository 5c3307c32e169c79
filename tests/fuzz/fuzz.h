/* Shared by the libFuzzer targets in tests/fuzz/. */
#ifndef GBO_FUZZ_H
#define GBO_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <gbo/gbo.h>

/* The entry points libFuzzer calls. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A property every input must keep: abort (a finding) when it does not. */
#define FUZZ_CHECK(cond)                                                          \
    do {                                                                          \
        if (!(cond)) {                                                            \
            fprintf(stderr, "%s:%d: property violated: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                              \
        }                                                                         \
    } while (0)

/* Limits smaller than the defaults, so that inputs of fuzzing size reach
 * them (GBO-X005) and each run stays fast. */
static inline void fuzz_limits(gbo_limits *limits)
{
    gbo_limits_init(limits);
    limits->max_document_bytes = 1u << 20;
    limits->max_depth = 32;
    limits->max_elements = 20000;
    limits->max_text_bytes = 64u << 10;
}

/* Path of a file of the source tree (GBO_FUZZ_SRCDIR is set when built). */
static inline const char *fuzz_source_file(const char *relative, char *buf, size_t size)
{
    snprintf(buf, size, "%s/%s", GBO_FUZZ_SRCDIR, relative);
    return buf;
}

#endif
