/* gbo — the command-line tool for integrators (SPEC §6). main() is one line
 * calling gbo_cli_main(), so the whole tool runs in-process in tests. */
#ifndef GBO_CLI_H
#define GBO_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include <gbo/gbo.h>

/* Exit statuses (documented in gbo(1)). */
enum {
    GBO_EXIT_OK = 0,        /* success; no errors (no warnings with --strict) */
    GBO_EXIT_FINDINGS = 1,  /* a document has errors (or warnings with --strict); a consent check denied */
    GBO_EXIT_USAGE = 2      /* usage or I/O error */
};

typedef struct cli {
    FILE *in, *out, *err;
    const char *program;
} cli;

int gbo_cli_main(int argc, char **argv, FILE *in, FILE *out, FILE *err);

int cmd_validate(cli *c, int argc, char **argv);
int cmd_rules(cli *c, int argc, char **argv);
int cmd_codes(cli *c, int argc, char **argv);
int cmd_format(cli *c, int argc, char **argv);
int cmd_consent(cli *c, int argc, char **argv);
int cmd_stats(cli *c, int argc, char **argv);

/* Helpers shared by the commands. */
int cli_usage_error(cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool cli_lang(const char *arg, gbo_lang *out);
/* Read a whole (small: a suppressions list) file into a new buffer
 * (free()); NULL on error. */
char *cli_read_file(const char *path, size_t *size);
/* A new code set: the built-in lists plus the network extensions in
 * `paths` (n may be 0). NULL after printing the usage error
 * "gbo: FILE:LINE: why" when one cannot be loaded. */
gbo_codeset *cli_codes_with_extensions(cli *c, const char *const *paths, size_t n);

/* Input files named on the command line, a directory standing for the
 * *.xml files in it (sorted, not its subdirectories). */
typedef struct cli_inputs {
    size_t count, cap;
    char **names;
} cli_inputs;
bool cli_inputs_add_file(cli_inputs *in, const char *name);
bool cli_inputs_add_directory(cli_inputs *in, const char *dir);
/* A directory's files, or the file itself; false when it cannot be read. */
bool cli_inputs_add(cli_inputs *in, const char *arg);
void cli_inputs_free(cli_inputs *in);

/* An input file, opened and read once: a regular file no larger than one
 * document may be (the default limit) is read whole into `data`; a larger
 * one is left to the readers that stream it (bundles) or stop at the limit
 * (documents), through its path. `bundle`: does it hold a bundle? */
typedef struct cli_input {
    char *data; /* the whole file, or NULL: read it through its path */
    size_t size;
    bool bundle;
} cli_input;
/* false with errno set when the file cannot be opened or read. */
bool cli_input_open(const char *path, cli_input *in);
void cli_input_close(cli_input *in);

/* A stream (standard input) read as it comes: its head (up to 64 KiB)
 * tells whether it holds a bundle, then cli_stream_read() hands out the
 * head and the rest (a gbo_read_fn), so a document stops at the reader's
 * limit and a bundle streams. */
typedef struct cli_stream {
    FILE *in;
    char *head;
    size_t head_size, head_pos;
    bool bundle;
} cli_stream;
/* false when the stream cannot be read or memory runs out. */
bool cli_stream_open(cli_stream *s, FILE *in);
ptrdiff_t cli_stream_read(void *stream, char *buffer, size_t size);
void cli_stream_close(cli_stream *s);
/* Call `each` for the exchange document in `path`, or for every item of a
 * bundle, stopping at the first failure. On a failure (the file or an item
 * cannot be read, or `each` fails) prints "gbo: LABEL PATH: why" (LABEL may
 * be NULL) and returns false. */
bool cli_each_document(cli *c, const char *label, const char *path,
                       gbo_status (*each)(void *arg, const gbo_entity *doc, gbo_error *err),
                       void *arg);

#endif
