/* Built against libgbo 0.1's headers (tests/abi/0.1), run against this
 * libgbo: 0.1's four-field gbo_limits still works, in every function that
 * takes limits, and the library reads no byte past it (it ends where a
 * page the program may not read begins). */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <gbo/gbo.h>

static int fail(const char *what)
{
    fprintf(stderr, "limits_0_1: %s\n", what);
    return 1;
}

int main(int argc, char **argv)
{
    long page = sysconf(_SC_PAGESIZE);
    char *pages;
    gbo_limits *limits;
    gbo_entity *doc = NULL;
    gbo_error err;
    gbo_validator *v;
    gbo_diagnostics *diags;
    gbo_bundle_reader *b;

    if (argc != 3)
        return fail("usage: limits_0_1 DOCUMENT BUNDLE");
    pages = mmap(NULL, (size_t)page * 2, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (pages == MAP_FAILED || mprotect(pages + page, (size_t)page, PROT_NONE) != 0)
        return fail("mmap");
    limits = (gbo_limits *)(void *)(pages + page - sizeof *limits);

    gbo_limits_init(limits); /* 0.1's initialiser */
    if (limits->max_elements != 250000 || limits->max_document_bytes != 16u * 1024u * 1024u)
        return fail("gbo_limits_init did not fill 0.1's fields");
    if (gbo_exchange_read_file(argv[1], limits, &doc, NULL, &err) != GBO_OK)
        return fail("a document within the default limits was refused");
    gbo_entity_free(doc);
    doc = NULL;

    limits->max_elements = 10;
    if (gbo_exchange_read_file(argv[1], limits, &doc, NULL, &err) != GBO_E_DOCUMENT ||
        strcmp(err.rule, "GBO-X005") != 0)
        return fail("read_file: 0.1's max_elements was not applied");
    b = gbo_bundle_open_file(argv[2], limits, &err);
    if (!b || gbo_bundle_next(b, &doc, NULL, &err) != GBO_E_DOCUMENT || strcmp(err.rule, "GBO-X005") != 0)
        return fail("bundle: 0.1's max_elements was not applied");
    gbo_bundle_close(b);

    v = gbo_validator_new(NULL, &err);
    diags = gbo_diagnostics_new(&err);
    if (!v || !diags)
        return fail("out of memory");
    gbo_validator_set_limits(v, limits);
    if (gbo_validate_file(v, argv[1], diags, &err) != GBO_OK || gbo_diagnostics_count(diags) == 0 ||
        strcmp(gbo_diagnostic_rule(gbo_diagnostics_at(diags, 0)), "GBO-X005") != 0)
        return fail("validator: 0.1's max_elements was not applied");
    gbo_diagnostics_free(diags);
    gbo_validator_free(v);
    puts("ok");
    return 0;
}
