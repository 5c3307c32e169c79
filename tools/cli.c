/* gbo — subcommand dispatch, --help, --version and shared helpers. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static const char usage_text[] =
    "usage: gbo COMMAND [OPTIONS] [ARGS]\n"
    "\n"
    "Validate and inspect exchange documents of the GBO referral format.\n"
    "\n"
    "commands:\n"
    "  validate [--format text|json|junit|sarif] [--lang nl|fr|de|en] [--strict]\n"
    "           [--suppress FILE] [--context FILE|DIR]... [--history] [--jobs N]\n"
    "           FILE... | DIR | -\n"
    "                   validate documents and bundles against the schema and the rules\n"
    "  rules [ID] [--lang L] [--format text|markdown]\n"
    "                   the rule catalogue, or one rule explained\n"
    "  codes [LIST] [--lang L]\n"
    "                   the code lists, or one list sorted by its labels\n"
    "  format [FILE|-]  print a document in canonical form\n"
    "  consent-check FILE [--consent ID] --recipient ID --purpose P --category C [--at TIME]\n"
    "                   may the consent send this data there? (exit 0 permit, 1 deny)\n"
    "  stats [--format csv|json] [--min-count K] [--extension FILE]... FILE... | DIR\n"
    "                   anonymous monitoring figures across documents, small counts hidden\n"
    "\n"
    "options:\n"
    "  -h, --help       this help;  gbo COMMAND --help: the command's help\n"
    "  --version        libgbo and format versions\n"
    "\n"
    "exit status: 0 success, 1 findings (errors; warnings too with --strict),\n"
    "2 usage or I/O error. See gbo(1).\n";

int cli_usage_error(cli *c, const char *fmt, ...)
{
    va_list ap;
    fprintf(c->err, "%s: ", c->program);
    va_start(ap, fmt);
    vfprintf(c->err, fmt, ap);
    va_end(ap);
    fprintf(c->err, "\n");
    return GBO_EXIT_USAGE;
}

gbo_codeset *cli_codes_with_extensions(cli *c, const char *const *paths, size_t n)
{
    gbo_error err;
    gbo_codeset *codes = gbo_codeset_new(&err);
    if (!codes) {
        cli_usage_error(c, "%s", err.message);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        if (gbo_codeset_load_extension_file(codes, paths[i], &err) != GBO_OK) {
            cli_usage_error(c, "%s:%lu: %s", paths[i], err.line, err.message);
            gbo_codeset_free(codes);
            return NULL;
        }
    }
    return codes;
}

bool cli_lang(const char *arg, gbo_lang *out)
{
    return arg && strlen(arg) == 2 && gbo_lang_parse(arg, out) == GBO_OK;
}

/* A whole stream in a new buffer (free()); NULL on error. */
static char *read_stream(FILE *f, size_t *size)
{
    char *data = NULL;
    size_t cap = 0, n;
    *size = 0;
    do {
        if (*size + 1 >= cap) {
            char *grown = realloc(data, cap = cap ? cap * 2 : 65536);
            if (!grown) {
                free(data);
                return NULL;
            }
            data = grown;
        }
        n = fread(data + *size, 1, cap - *size - 1, f);
        *size += n;
    } while (n > 0);
    if (ferror(f)) {
        free(data);
        return NULL;
    }
    data[*size] = '\0';
    return data;
}

char *cli_read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    char *data;
    if (!f)
        return NULL;
    data = read_stream(f, size);
    fclose(f);
    return data;
}

bool cli_inputs_add_file(cli_inputs *in, const char *name)
{
    char *copy;
    if (in->count == in->cap) {
        size_t cap = in->cap ? in->cap * 2 : 16;
        char **grown = realloc(in->names, cap * sizeof *grown);
        if (!grown)
            return false;
        in->names = grown;
        in->cap = cap;
    }
    if (!(copy = strdup(name)))
        return false;
    in->names[in->count++] = copy;
    return true;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.xml files in `dir` (not its subdirectories), sorted, appended. */
bool cli_inputs_add_directory(cli_inputs *in, const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *ent;
    cli_inputs found = { 0, 0, NULL };
    size_t dirlen = strlen(dir);
    bool ok = true;
    if (!d)
        return false;
    while (dirlen > 1 && dir[dirlen - 1] == '/')
        dirlen--;
    while (ok && (ent = readdir(d))) {
        char path[4096];
        struct stat st;
        size_t len = strlen(ent->d_name);
        if (ent->d_name[0] == '.' || len <= 4 || strcmp(ent->d_name + len - 4, ".xml") != 0)
            continue;
        snprintf(path, sizeof path, "%.*s/%s", (int)dirlen, dir, ent->d_name);
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
            ok = cli_inputs_add_file(&found, path);
    }
    closedir(d);
    if (found.count > 1) /* qsort(NULL, 0, ...) is undefined */
        qsort(found.names, found.count, sizeof *found.names, compare_names);
    for (size_t i = 0; i < found.count; i++) {
        if (ok)
            ok = cli_inputs_add_file(in, found.names[i]);
        free(found.names[i]);
    }
    free(found.names);
    return ok;
}

bool cli_inputs_add(cli_inputs *in, const char *arg)
{
    struct stat st;
    return stat(arg, &st) == 0 && S_ISDIR(st.st_mode) ? cli_inputs_add_directory(in, arg)
                                                        : cli_inputs_add_file(in, arg);
}

void cli_inputs_free(cli_inputs *in)
{
    for (size_t i = 0; i < in->count; i++)
        free(in->names[i]);
    free(in->names);
    in->names = NULL;
    in->count = in->cap = 0;
}

/* Does the file hold a bundle? Its first 64 KiB tell (false when it cannot
 * be read). */
static bool file_is_bundle(const char *path)
{
    enum { HEAD = 65536 };
    char *head = malloc(HEAD);
    FILE *f = head ? fopen(path, "rb") : NULL;
    size_t n = f ? fread(head, 1, HEAD, f) : 0;
    bool bundle = f && gbo_is_bundle(head, n);
    if (f)
        fclose(f);
    free(head);
    return bundle;
}

/* The whole of a regular file no larger than `max` bytes, read with one
 * read() into a buffer fstat() sized. false with *data NULL and errno 0 when
 * the file is larger, not regular, or grew while it was read; false with
 * errno set on an I/O error. */
static bool read_small_file(const char *path, size_t max, char **data, size_t *size)
{
    struct stat st;
    int fd = open(path, O_RDONLY | O_CLOEXEC), saved;
    char *buf = NULL;
    size_t got = 0, cap;

    *data = NULL;
    *size = 0;
    if (fd < 0)
        return false;
    if (fstat(fd, &st) != 0)
        goto fail;
    errno = 0;
    if (!S_ISREG(st.st_mode) || (uintmax_t)st.st_size > max)
        goto fail;
    cap = (size_t)st.st_size + 1; /* one byte more tells that the file grew */
    if (!(buf = malloc(cap + 1)))
        goto fail;
    for (;;) {
        ssize_t n = read(fd, buf + got, cap - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            goto fail;
        if (n == 0)
            break;
        got += (size_t)n;
        if (got == cap) {
            errno = 0;
            goto fail;
        }
    }
    close(fd);
    buf[got] = '\0';
    *data = buf;
    *size = got;
    return true;
fail:
    saved = errno;
    free(buf);
    close(fd);
    errno = saved;
    return false;
}

bool cli_input_open(const char *path, cli_input *in)
{
    gbo_limits limits;
    gbo_limits_init(&limits);
    if (read_small_file(path, limits.max_document_bytes, &in->data, &in->size)) {
        in->bundle = gbo_is_bundle(in->data, in->size);
        return true;
    }
    if (errno != 0)
        return false;
    in->bundle = file_is_bundle(path);
    return true;
}

void cli_input_close(cli_input *in)
{
    free(in->data);
    in->data = NULL;
}

bool cli_stream_open(cli_stream *s, FILE *in)
{
    enum { HEAD = 65536 };
    s->in = in;
    s->head_pos = 0;
    s->head = malloc(HEAD);
    if (!s->head)
        return false;
    s->head_size = fread(s->head, 1, HEAD, in);
    if (ferror(in)) {
        free(s->head);
        s->head = NULL;
        return false;
    }
    s->bundle = gbo_is_bundle(s->head, s->head_size);
    return true;
}

ptrdiff_t cli_stream_read(void *stream, char *buffer, size_t size)
{
    cli_stream *s = stream;
    size_t n;
    if (s->head_pos < s->head_size) {
        n = s->head_size - s->head_pos < size ? s->head_size - s->head_pos : size;
        memcpy(buffer, s->head + s->head_pos, n);
        s->head_pos += n;
        return (ptrdiff_t)n;
    }
    n = fread(buffer, 1, size, s->in);
    return n == 0 && ferror(s->in) ? -1 : (ptrdiff_t)n;
}

void cli_stream_close(cli_stream *s)
{
    free(s->head);
    s->head = NULL;
}

bool cli_each_document(cli *c, const char *label, const char *path,
                       gbo_status (*each)(void *arg, const gbo_entity *doc, gbo_error *err),
                       void *arg)
{
    gbo_entity *doc = NULL;
    gbo_error err;
    gbo_status status;
    cli_input input;

    if (!cli_input_open(path, &input)) {
        fprintf(c->err, "%s: %s%s%s: cannot read it\n", c->program, label ? label : "",
                label ? " " : "", path);
        return false;
    }
    if (input.bundle) { /* item by item: memory stays flat */
        gbo_bundle_reader *b = input.data ? gbo_bundle_open_memory(input.data, input.size, NULL, &err)
                                          : gbo_bundle_open_file(path, NULL, &err);
        status = b ? GBO_OK : err.status;
        while (b && (status = gbo_bundle_next(b, &doc, NULL, &err)) == GBO_OK && doc) {
            status = each(arg, doc, &err);
            gbo_entity_free(doc);
            doc = NULL;
            if (status != GBO_OK)
                break;
        }
        gbo_bundle_close(b);
    } else {
        status = input.data ? gbo_exchange_read_memory(input.data, input.size, NULL, &doc, NULL, &err)
                            : gbo_exchange_read_file(path, NULL, &doc, NULL, &err);
        if (status == GBO_OK)
            status = each(arg, doc, &err);
        gbo_entity_free(doc);
    }
    cli_input_close(&input);
    if (status != GBO_OK)
        fprintf(c->err, "%s: %s%s%s: %s\n", c->program, label ? label : "", label ? " " : "", path,
                err.message);
    return status == GBO_OK;
}

static int run_command(cli *c, int argc, char **argv)
{
    const char *command = argc > 1 ? argv[1] : NULL;

    if (!command)
        return fputs(usage_text, c->err), GBO_EXIT_USAGE;
    if (strcmp(command, "-h") == 0 || strcmp(command, "--help") == 0 || strcmp(command, "help") == 0)
        return fputs(usage_text, c->out), GBO_EXIT_OK;
    if (strcmp(command, "--version") == 0) {
        fprintf(c->out, "gbo (libgbo) %s\nexchange format %s (%s)\n", gbo_version(),
                GBO_FORMAT_VERSION, GBO_FORMAT_NAMESPACE);
        return GBO_EXIT_OK;
    }
    if (strcmp(command, "validate") == 0)
        return cmd_validate(c, argc - 1, argv + 1);
    if (strcmp(command, "rules") == 0)
        return cmd_rules(c, argc - 1, argv + 1);
    if (strcmp(command, "codes") == 0)
        return cmd_codes(c, argc - 1, argv + 1);
    if (strcmp(command, "format") == 0)
        return cmd_format(c, argc - 1, argv + 1);
    if (strcmp(command, "consent-check") == 0)
        return cmd_consent(c, argc - 1, argv + 1);
    if (strcmp(command, "stats") == 0)
        return cmd_stats(c, argc - 1, argv + 1);
    fprintf(c->err, "gbo: unknown command '%s'\n\n%s", command, usage_text);
    return GBO_EXIT_USAGE;
}

int gbo_cli_main(int argc, char **argv, FILE *in, FILE *out, FILE *err)
{
    cli c = { in, out, err, "gbo" };
    int rc;

    errno = 0;
    rc = run_command(&c, argc, argv);
    /* Output that did not reach its file is an I/O error (SPEC §6: exit 2),
     * whatever the command found: a CI job whose report hit a full disk
     * must not pass. A closed pipe (| head) ends the process by SIGPIPE
     * as for any Unix tool; where SIGPIPE is ignored it is EPIPE, and the
     * same error. */
    if (fflush(out) != 0 || ferror(out)) {
        int saved = errno;
        fprintf(err, "gbo: the output could not be written%s%s\n", saved ? ": " : "",
                saved ? strerror(saved) : "");
        rc = GBO_EXIT_USAGE;
    }
    return rc;
}
