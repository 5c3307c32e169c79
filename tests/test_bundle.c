/* Bundles: many exchange documents in one file, read item by item. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gbo/gbo.h>

#include "test_helpers.h"

#define ITEM(id, name)                                                                         \
    "<exchange version=\"1.0\" id=\"" id "\">"                                                 \
    "<header><createdAt>2025-03-04T10:00:00Z</createdAt>"                                      \
    "<sender>0e3b5a10-2c4d-4e6f-8a9b-0c1d2e3f4a01</sender>"                                    \
    "<recipient>0e3b5a10-2c4d-4e6f-8a9b-0c1d2e3f4a02</recipient>"                              \
    "<codeListVersion>2026.1</codeListVersion></header>"                                       \
    "<organisation id=\"0e3b5a10-2c4d-4e6f-8a9b-0c1d2e3f4a01\"><name>" name "</name>"          \
    "<kind>caw</kind></organisation></exchange>\n"
#define BUNDLE_OPEN "<bundle xmlns=\"urn:gbo:exchange:1\" version=\"1.0\">\n"
#define ID1 "00000000-0000-4000-8000-000000000001"
#define ID2 "00000000-0000-4000-8000-000000000002"
#define ID3 "00000000-0000-4000-8000-000000000003"

/* Read every item; return how many were read, and how many refused. */
static size_t read_all(gbo_bundle_reader *b, size_t *refused, gbo_diagnostics *diags)
{
    size_t items = 0;
    *refused = 0;
    for (;;) {
        gbo_entity *item = NULL;
        gbo_error err;
        gbo_status status = gbo_bundle_next(b, &item, diags, &err);
        if (status == GBO_OK && !item)
            break;
        if (status == GBO_OK) {
            items++;
            gbo_entity_free(item);
        } else {
            CU_ASSERT_EQUAL(status, GBO_E_DOCUMENT);
            (*refused)++;
            if (gbo_bundle_failed(b))
                break;
        }
    }
    return items;
}

static void shipped_bundle(void)
{
    char path[4096];
    gbo_error err;
    gbo_bundle_reader *b;
    size_t refused;
    snprintf(path, sizeof path, "%s/examples/bundle.xml", getenv("GBO_SRCDIR") ? getenv("GBO_SRCDIR") : ".");
    b = gbo_bundle_open_file(path, NULL, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_EQUAL(read_all(b, &refused, NULL), 5);
    CU_ASSERT_EQUAL(refused, 0);
    CU_ASSERT_EQUAL(gbo_bundle_index(b), 5);
    CU_ASSERT_FALSE(gbo_bundle_failed(b));
    gbo_bundle_close(b);
}

static void items_in_order_with_a_bad_one(void)
{
    static const char data[] = BUNDLE_OPEN ITEM(ID1, "Eerste") ITEM("not-a-uuid", "Tweede")
        ITEM(ID3, "Derde") "</bundle>\n";
    gbo_diagnostics *diags = gbo_diagnostics_new(NULL);
    gbo_bundle_reader *b = gbo_bundle_open_memory(data, sizeof data - 1, NULL, NULL);
    gbo_entity *item = NULL;
    gbo_error err;
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_EQUAL(gbo_bundle_index(b), 0);
    CU_ASSERT_EQUAL(gbo_bundle_next(b, &item, diags, &err), GBO_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(item);
    CU_ASSERT_STRING_EQUAL(gbo_entity_get(item, GBO_EXCHANGE_ID), ID1);
    CU_ASSERT_EQUAL(gbo_bundle_index(b), 1);
    gbo_entity_free(item);
    CU_ASSERT_EQUAL(gbo_bundle_next(b, &item, diags, &err), GBO_E_DOCUMENT);
    CU_ASSERT_PTR_NULL(item);
    CU_ASSERT_STRING_EQUAL(err.rule, "GBO-X003");
    CU_ASSERT_EQUAL(err.line, 3); /* lines of the bundle file */
    CU_ASSERT_EQUAL(gbo_bundle_index(b), 2);
    CU_ASSERT_FALSE(gbo_bundle_failed(b));
    gbo_diagnostics_clear(diags);
    CU_ASSERT_EQUAL(gbo_bundle_next(b, &item, diags, &err), GBO_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(item);
    CU_ASSERT_STRING_EQUAL(gbo_entity_get(item, GBO_EXCHANGE_ID), ID3);
    CU_ASSERT_EQUAL(gbo_diagnostics_count(diags), 0);
    gbo_entity_free(item);
    CU_ASSERT_EQUAL(gbo_bundle_next(b, &item, diags, &err), GBO_OK);
    CU_ASSERT_PTR_NULL(item); /* end */
    CU_ASSERT_EQUAL(gbo_bundle_next(b, &item, diags, &err), GBO_OK);
    CU_ASSERT_PTR_NULL(item); /* stays at the end */
    gbo_bundle_close(b);
    gbo_diagnostics_free(diags);
}

static void broken_bundles(void)
{
    static const char truncated[] = BUNDLE_OPEN ITEM(ID1, "Eerste") "<exchange version=\"1.0\" id=\"" ID2 "\"><header>";
    static const char doctype[] = "<!DOCTYPE bundle [<!ENTITY x 'y'>]>" BUNDLE_OPEN ITEM(ID1, "&x;") "</bundle>";
    static const char single[] = "<exchange xmlns=\"urn:gbo:exchange:1\" version=\"1.0\" id=\"" ID1 "\"/>";
    static const char major2[] = "<bundle xmlns=\"urn:gbo:exchange:1\" version=\"2.0\"></bundle>";
    static const char utf16[] = "\xff\xfe<\0b\0";
    gbo_diagnostics *diags = gbo_diagnostics_new(NULL);
    gbo_bundle_reader *b;
    size_t refused;
    gbo_entity *item = NULL;
    gbo_error err;

    b = gbo_bundle_open_memory(truncated, sizeof truncated - 1, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_EQUAL(read_all(b, &refused, diags), 1);
    CU_ASSERT_EQUAL(refused, 1);
    gbo_bundle_close(b);

    /* a bundle cut inside an item, or without its end tag, is refused as
     * broken (GBO-X001) after the items before the break */
    {
        static const char cut[] = BUNDLE_OPEN ITEM(ID1, "Eerste") ITEM(ID2, "Tweede") "<exchange version=\"1.0\" id=\"" ID3 "\"><hea";
        static const char unclosed[] = BUNDLE_OPEN ITEM(ID1, "Eerste") ITEM(ID2, "Tweede");
        const char *const broken[] = { cut, unclosed };
        const size_t sizes[] = { sizeof cut - 1, sizeof unclosed - 1 };
        for (int k = 0; k < 2; k++) {
            b = gbo_bundle_open_memory(broken[k], sizes[k], NULL, NULL);
            CU_ASSERT_PTR_NOT_NULL_FATAL(b);
            CU_ASSERT(read_all(b, &refused, diags) >= 1);
            CU_ASSERT_EQUAL(refused, 1);
            CU_ASSERT_TRUE(gbo_bundle_failed(b));
            CU_ASSERT_EQUAL(gbo_bundle_next(b, &item, diags, &err), GBO_E_DOCUMENT);
            CU_ASSERT_STRING_EQUAL(err.rule, "GBO-X001");
            if (k == 0)
                gbo_bundle_close(b);
        }
    }
    CU_ASSERT_TRUE(gbo_bundle_failed(b));
    CU_ASSERT_EQUAL(gbo_bundle_next(b, &item, diags, &err), GBO_E_DOCUMENT);
    CU_ASSERT_STRING_EQUAL(err.rule, "GBO-X001");
    gbo_bundle_close(b);

    b = gbo_bundle_open_memory(doctype, sizeof doctype - 1, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_EQUAL(gbo_bundle_next(b, &item, diags, &err), GBO_E_DOCUMENT);
    CU_ASSERT_STRING_EQUAL(err.rule, "GBO-X002");
    CU_ASSERT_TRUE(gbo_bundle_failed(b));
    gbo_bundle_close(b);

    b = gbo_bundle_open_memory(single, sizeof single - 1, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_EQUAL(gbo_bundle_next(b, &item, diags, &err), GBO_E_DOCUMENT);
    CU_ASSERT_STRING_EQUAL(err.rule, "GBO-X004");
    gbo_bundle_close(b);

    b = gbo_bundle_open_memory(major2, sizeof major2 - 1, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_EQUAL(gbo_bundle_next(b, &item, diags, &err), GBO_E_DOCUMENT);
    CU_ASSERT_STRING_EQUAL(err.rule, "GBO-X004");
    gbo_bundle_close(b);

    b = gbo_bundle_open_memory(utf16, sizeof utf16 - 1, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_EQUAL(gbo_bundle_next(b, &item, diags, &err), GBO_E_DOCUMENT);
    CU_ASSERT_STRING_EQUAL(err.rule, "GBO-X001");
    gbo_bundle_close(b);

    b = gbo_bundle_open_memory("", 0, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_EQUAL(gbo_bundle_next(b, &item, diags, &err), GBO_E_DOCUMENT);
    CU_ASSERT_STRING_EQUAL(err.rule, "GBO-X001");
    gbo_bundle_close(b);

    CU_ASSERT_PTR_NULL(gbo_bundle_open_file("/nonexistent/bundle.xml", NULL, &err));
    CU_ASSERT_EQUAL(err.status, GBO_E_IO);
    gbo_bundle_close(NULL);
    gbo_diagnostics_free(diags);
}

static void newer_minor_bundle_warns(void)
{
    static const char data[] = "<bundle xmlns=\"urn:gbo:exchange:1\" version=\"1.4\">" ITEM(ID1, "Een") "</bundle>";
    gbo_diagnostics *diags = gbo_diagnostics_new(NULL);
    gbo_bundle_reader *b = gbo_bundle_open_memory(data, sizeof data - 1, NULL, NULL);
    gbo_entity *item = NULL;
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_EQUAL(gbo_bundle_next(b, &item, diags, NULL), GBO_OK);
    CU_ASSERT_PTR_NOT_NULL(item);
    CU_ASSERT_EQUAL(gbo_diagnostics_count(diags), 1);
    CU_ASSERT_STRING_EQUAL(gbo_diagnostic_rule(gbo_diagnostics_at(diags, 0)), "GBO-X006");
    gbo_entity_free(item);
    gbo_bundle_close(b);
    gbo_diagnostics_free(diags);
}

static void bundle_from_fd(void)
{
    static const char data[] = BUNDLE_OPEN ITEM(ID1, "Een") ITEM(ID2, "Twee") "</bundle>\n";
    char path[] = "/tmp/gbo-bundle-XXXXXX";
    int fd = mkstemp(path);
    gbo_bundle_reader *b;
    size_t refused;
    CU_ASSERT_FATAL(fd >= 0);
    CU_ASSERT_EQUAL_FATAL(write(fd, data, sizeof data - 1), (ssize_t)(sizeof data - 1));
    lseek(fd, 0, SEEK_SET);
    b = gbo_bundle_open_fd(fd, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_EQUAL(read_all(b, &refused, NULL), 2);
    CU_ASSERT_EQUAL(refused, 0);
    gbo_bundle_close(b);
    close(fd);
    unlink(path);
}

static void telling_bundles_from_documents(void)
{
    static const struct { const char *data; bool bundle; } cases[] = {
        { "<bundle xmlns=\"urn:gbo:exchange:1\" version=\"1.0\">", true },
        { "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- a <exchange> inside a comment -->\n<bundle>", true },
        { "<g:bundle xmlns:g=\"urn:gbo:exchange:1\">", true },
        { "<?xml version=\"1.0\"?><bundle/>", true },
        { "<?xml version=\"1.0\"?>\n<!-- not a <bundle> -->\n<exchange>", false },
        { "<bundles>", false },
        { "<exchange><bundle/></exchange>", false },
        { "<!DOCTYPE bundle><bundle>", false },
        { "<!-- unterminated <bundle>", false },
        { "", false },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        CU_ASSERT_EQUAL(gbo_is_bundle(cases[i].data, strlen(cases[i].data)), cases[i].bundle);
    CU_ASSERT_FALSE(gbo_is_bundle(NULL, 10));
}

/* A bundle cut at every byte offset: every item complete before the cut is
 * returned and validated, then one GBO-X001 for the bundle at the cut (none
 * once the root's end tag is whole). */
static void cut_at_every_offset(void)
{
    static const char data[] = BUNDLE_OPEN ITEM(ID1, "Eerste") ITEM(ID2, "Tweede")
        ITEM(ID3, "Derde") "</bundle>\n";
    const size_t size = sizeof data - 1;
    size_t item_ends[3], bundle_end = (size_t)(strstr(data, "</bundle>") - data) + 9;
    const char *p = data;
    for (int i = 0; i < 3; i++) {
        p = strstr(p, "</exchange>") + 11;
        item_ends[i] = (size_t)(p - data);
    }
    for (size_t cut = 0; cut <= size; cut++) {
        gbo_diagnostics *diags = gbo_diagnostics_new(NULL);
        gbo_bundle_reader *b = gbo_bundle_open_memory(data, cut, NULL, NULL);
        size_t complete = 0, items = 0, errors = 0, x001 = 0;
        CU_ASSERT_PTR_NOT_NULL_FATAL(b);
        for (int i = 0; i < 3; i++)
            complete += item_ends[i] <= cut;
        for (;;) {
            gbo_entity *item = NULL;
            gbo_status status = gbo_bundle_next(b, &item, diags, NULL);
            if (status == GBO_OK && !item)
                break;
            if (status == GBO_OK) {
                items++;
                gbo_entity_free(item);
            } else if (gbo_bundle_failed(b)) {
                break;
            }
        }
        for (size_t i = 0; i < gbo_diagnostics_count(diags); i++) {
            const gbo_diagnostic *d = gbo_diagnostics_at(diags, i);
            if (gbo_diagnostic_severity(d) == GBO_SEVERITY_ERROR) {
                errors++;
                x001 += strcmp(gbo_diagnostic_rule(d), "GBO-X001") == 0;
            }
        }
        if (items != complete || errors != (cut >= bundle_end ? 0u : 1u) || x001 != errors) {
            fprintf(stderr, "cut at %zu: %zu items of %zu complete, %zu errors (%zu X001)\n", cut,
                    items, complete, errors, x001);
            CU_FAIL("a cut bundle lost an item or its error");
        }
        gbo_bundle_close(b);
        gbo_diagnostics_free(diags);
    }
}

/* What libxml2 would accept or choke on is refused before it parses:
 * text between items, a NUL byte, and an item past the limits (the items
 * before it are read, the rest not examined). */
static void hostile_bundles(void)
{
    static const struct {
        const char *data;
        size_t items;
        const char *rule;
        const char *message;
    } cases[] = {
        { BUNDLE_OPEN ITEM(ID1, "Eerste") "stray text" ITEM(ID2, "Tweede") "</bundle>", 1,
          "GBO-X001", "there is text between the items of a bundle; the items after it were not examined" },
        { BUNDLE_OPEN ITEM(ID1, "Eerste") "\n  \n" ITEM(ID2, "Tweede") "</bundle>", 2, NULL, NULL },
        { BUNDLE_OPEN ITEM(ID1, "Eerste") "&#65;" ITEM(ID2, "Tweede") "</bundle>", 1, "GBO-X001",
          "there is text between the items of a bundle; the items after it were not examined" },
        { BUNDLE_OPEN ITEM(ID1, "Eerste") "</bundle>\0<!DOCTYPE x SYSTEM \"file:///etc/passwd\">", 1,
          "GBO-X001", "the document contains a NUL byte, which XML does not allow" },
        { "<bundle xmlns=\"urn:gbo:exchange:1\" xmlns:xml=\"urn:other\" version=\"1.0\">" ITEM(ID1, "Eerste") "</bundle>", 0,
          "GBO-X001", "the prefix xml or xmlns is bound to another namespace; the items after it were not examined" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t size = strlen(cases[i].data), refused;
        gbo_diagnostics *diags = gbo_diagnostics_new(NULL);
        gbo_bundle_reader *b;
        if (strstr(cases[i].data, "</bundle>") && cases[i].message && strstr(cases[i].message, "NUL"))
            size += strlen(cases[i].data + size + 1) + 1; /* the bytes after the NUL */
        gbo_diagnostics_set_lang(diags, GBO_LANG_EN);
        b = gbo_bundle_open_memory(cases[i].data, size, NULL, NULL);
        CU_ASSERT_PTR_NOT_NULL_FATAL(b);
        CU_ASSERT_EQUAL(read_all(b, &refused, diags), cases[i].items);
        if (cases[i].rule) {
            const gbo_diagnostic *d = gbo_diagnostics_at(diags, 0);
            CU_ASSERT_EQUAL(refused, 1);
            CU_ASSERT_EQUAL_FATAL(gbo_diagnostics_count(diags), 1);
            CU_ASSERT_STRING_EQUAL(gbo_diagnostic_rule(d), cases[i].rule);
            CU_ASSERT_STRING_EQUAL(gbo_diagnostic_message(d), cases[i].message);
        } else {
            CU_ASSERT_EQUAL(refused, 0);
            CU_ASSERT_EQUAL(gbo_diagnostics_count(diags), 0);
        }
        gbo_bundle_close(b);
        gbo_diagnostics_free(diags);
    }
}

/* A gbo_read_fn over memory, `step` bytes a call; fails with EIO at
 * `fail_at` bytes (when set); an endless source of spaces (of NUL bytes
 * with `zeros`) when data is NULL. */
typedef struct chunks {
    const char *data;
    size_t size, pos, step, fail_at, served;
    int zeros;
} chunks;

static ptrdiff_t read_chunks(void *source, char *buffer, size_t size)
{
    chunks *c = source;
    size_t n = size < c->step ? size : c->step;
    if (c->fail_at && c->served >= c->fail_at) {
        errno = EIO;
        return -1;
    }
    if (!c->data) {
        memset(buffer, c->zeros ? 0 : ' ', n);
    } else {
        if (n > c->size - c->pos)
            n = c->size - c->pos;
        memcpy(buffer, c->data + c->pos, n);
        c->pos += n;
    }
    c->served += n;
    return (ptrdiff_t)n;
}

/* Documents and bundles read through a callback: as from memory, whatever
 * the size of the reads; a failing source is GBO_E_IO; an endless one is
 * read no further than the limit. */
static void reading_through_a_callback(void)
{
    static const char bundle[] = BUNDLE_OPEN ITEM(ID1, "Eerste") ITEM(ID2, "Tweede")
        ITEM(ID3, "Derde") "</bundle>\n";
    static const char item[] = ITEM(ID1, "Eerste");
    char document[2048];
    size_t refused;
    gbo_error err;
    gbo_entity *doc = NULL;
    gbo_limits limits;

    for (size_t step = 1; step <= 4096; step *= 8) {
        chunks c = { bundle, sizeof bundle - 1, 0, step, 0, 0 };
        gbo_bundle_reader *b = gbo_bundle_open_io(read_chunks, &c, NULL, &err);
        CU_ASSERT_PTR_NOT_NULL_FATAL(b);
        CU_ASSERT_EQUAL(read_all(b, &refused, NULL), 3);
        CU_ASSERT_EQUAL(refused, 0);
        gbo_bundle_close(b);
    }
    /* a document (an item with the namespace on its root), 7 bytes a call */
    snprintf(document, sizeof document, "<exchange xmlns=\"urn:gbo:exchange:1\"%s",
             item + strlen("<exchange"));
    {
        chunks c = { document, strlen(document), 0, 7, 0, 0 };
        CU_ASSERT_EQUAL(gbo_exchange_read_io(read_chunks, &c, NULL, &doc, NULL, &err), GBO_OK);
        CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
        CU_ASSERT_STRING_EQUAL(gbo_entity_get(doc, GBO_EXCHANGE_ID), ID1);
        gbo_entity_free(doc);
        doc = NULL;
    }
    {   /* the source fails */
        chunks c = { document, strlen(document), 0, 100, 300, 0 };
        CU_ASSERT_EQUAL(gbo_exchange_read_io(read_chunks, &c, NULL, &doc, NULL, &err), GBO_E_IO);
        CU_ASSERT_PTR_NULL(doc);
    }
    {   /* an endless source: read to one byte past the limit, then GBO-X005 */
        chunks c = { NULL, 0, 0, 65536, 0, 0 };
        gbo_limits_init(&limits);
        limits.max_document_bytes = 100000;
        CU_ASSERT_EQUAL(gbo_exchange_read_io(read_chunks, &c, &limits, &doc, NULL, &err),
                        GBO_E_DOCUMENT);
        CU_ASSERT_STRING_EQUAL(err.rule, "GBO-X005");
        CU_ASSERT(c.served <= limits.max_document_bytes + 65536);
    }
}

/* A document is read by the same streaming reader as a bundle item: cut at
 * every byte offset it is refused with one GBO-X001 (never read, never out
 * of memory), and cut right after a tag inside its root the finding says
 * the input ended there; a source that is not XML is refused after the
 * bytes the pre-scan reads, not read to the size limit. */
static void document_cut_at_every_offset(void)
{
    static const char item[] = ITEM(ID1, "Eerste");
    char document[2048];
    size_t size, root_open, root_close;
    gbo_error err;
    gbo_entity *doc = NULL;

    snprintf(document, sizeof document, "<exchange xmlns=\"urn:gbo:exchange:1\"%s\n",
             item + strlen("<exchange"));
    size = strlen(document);
    root_open = (size_t)(strchr(document, '>') - document) + 1;
    root_close = (size_t)(strrchr(document, '>') - document) + 1;
    for (size_t cut = 0; cut < root_close; cut++) {
        gbo_diagnostics *diags = gbo_diagnostics_new(NULL);
        gbo_status status = gbo_exchange_read_memory(document, cut, NULL, &doc, diags, &err);
        const bool inside_root = cut >= root_open && document[cut - 1] == '>';
        if (status != GBO_E_DOCUMENT || gbo_diagnostics_count(diags) != 1 ||
            strcmp(err.rule, "GBO-X001") != 0 ||
            (inside_root && strcmp(gbo_diagnostic_message(gbo_diagnostics_at(diags, 0)),
                                   "the input ends before the root element is closed") != 0)) {
            fprintf(stderr, "cut at %zu: status %d, %zu findings, rule %s: %s\n", cut, (int)status,
                    gbo_diagnostics_count(diags), err.rule, err.message);
            CU_FAIL("a cut document was not refused with one GBO-X001");
        }
        CU_ASSERT_PTR_NULL(doc);
        gbo_diagnostics_free(diags);
    }
    for (size_t cut = root_close; cut <= size; cut++) {
        CU_ASSERT_EQUAL(gbo_exchange_read_memory(document, cut, NULL, &doc, NULL, &err), GBO_OK);
        gbo_entity_free(doc);
        doc = NULL;
    }
    {   /* an endless source of bytes that are not XML */
        chunks c = { NULL, 0, 0, 512, 0, 0, 1 };
        CU_ASSERT_EQUAL(gbo_exchange_read_io(read_chunks, &c, NULL, &doc, NULL, &err),
                        GBO_E_DOCUMENT);
        CU_ASSERT_STRING_EQUAL(err.rule, "GBO-X001");
        CU_ASSERT(c.served <= 8192);
    }
}

/* What a review of the guard found, each refused as it should be: an item
 * over the size limit with lines after the limit (read past its buffer); a
 * DOCTYPE hidden past the pre-scan with a quote in a comment (the guard lost
 * count); a malformed item on one line of multibyte names (taken as whole);
 * an item of exactly the limit plus one byte (let through); CDATA between
 * items; a start-tag limit below two bytes. */
static void guard_review_cases(void)
{
    gbo_limits limits;
    gbo_error err;
    size_t refused;
    char *data = malloc(200000);
    size_t n = 0;
    CU_ASSERT_PTR_NOT_NULL_FATAL(data);

    /* an item over the size limit, with lines after the limit */
    n = (size_t)sprintf(data, BUNDLE_OPEN "<exchange version=\"1.0\" id=\"" ID1 "\"><header/>");
    for (int i = 0; i < 2000; i++)
        n += (size_t)sprintf(data + n, "<a>%040d\n%040d</a>", i, i);
    n += (size_t)sprintf(data + n, "</exchange></bundle>");
    gbo_limits_init(&limits);
    limits.max_document_bytes = 5000;
    for (size_t step = 1; step <= 4096; step *= 16) {
        chunks c = { data, n, 0, step, 0, 0 };
        gbo_bundle_reader *b = gbo_bundle_open_io(read_chunks, &c, &limits, &err);
        gbo_diagnostics *diags = gbo_diagnostics_new(NULL);
        CU_ASSERT_PTR_NOT_NULL_FATAL(b);
        CU_ASSERT_EQUAL(read_all(b, &refused, diags), 0);
        CU_ASSERT_EQUAL(refused, 1);
        CU_ASSERT_STRING_EQUAL(gbo_diagnostic_rule(gbo_diagnostics_at(diags, 0)), "GBO-X005");
        gbo_diagnostics_free(diags);
        gbo_bundle_close(b);
    }

    /* a DOCTYPE past the pre-scan, a quote in a comment in it, then a root
     * with too many attributes: refused at the declaration */
    n = 0;
    memset(data, ' ', 5000);
    n = 5000;
    n += (size_t)sprintf(data + n, "<!DOCTYPE bundle [<!-- \" -->]><bundle xmlns=\"urn:gbo:exchange:1\"");
    for (int i = 0; i < 5000; i++)
        n += (size_t)sprintf(data + n, " a%d=\"1\"", i);
    n += (size_t)sprintf(data + n, "/>");
    {
        chunks c = { data, n, 0, 4096, 0, 0 };
        gbo_bundle_reader *b = gbo_bundle_open_io(read_chunks, &c, NULL, &err);
        gbo_diagnostics *diags = gbo_diagnostics_new(NULL);
        CU_ASSERT_PTR_NOT_NULL_FATAL(b);
        CU_ASSERT_EQUAL(read_all(b, &refused, diags), 0);
        CU_ASSERT_EQUAL(refused, 1);
        CU_ASSERT_STRING_EQUAL(gbo_diagnostic_rule(gbo_diagnostics_at(diags, 0)), "GBO-X002");
        gbo_diagnostics_free(diags);
        gbo_bundle_close(b);
    }

    /* one line: an item with long multibyte names and a tag closed by
     * another name, then a whole item: the first is malformed, not whole */
    n = (size_t)sprintf(data, "%s", BUNDLE_OPEN);
    n--; /* on one line */
    n += (size_t)sprintf(data + n, "<exchange version=\"1.0\" id=\"" ID1 "\"><header/><x:");
    for (int i = 0; i < 300; i++)
        n += (size_t)sprintf(data + n, "\xc3\xa9");
    n += (size_t)sprintf(data + n, " xmlns:x=\"urn:x\"><y:a xmlns:y=\"urn:y\"></y:b></x:");
    for (int i = 0; i < 300; i++)
        n += (size_t)sprintf(data + n, "\xc3\xa9");
    n += (size_t)sprintf(data + n, "></exchange>%s</bundle>", ITEM(ID2, "Tweede"));
    {
        gbo_bundle_reader *b = gbo_bundle_open_memory(data, n, NULL, &err);
        gbo_diagnostics *diags = gbo_diagnostics_new(NULL);
        CU_ASSERT_PTR_NOT_NULL_FATAL(b);
        CU_ASSERT_EQUAL(read_all(b, &refused, diags), 0);
        CU_ASSERT_EQUAL(refused, 1);
        CU_ASSERT_STRING_EQUAL(gbo_diagnostic_rule(gbo_diagnostics_at(diags, 0)), "GBO-X001");
        gbo_diagnostics_free(diags);
        gbo_bundle_close(b);
    }

    /* an item of exactly the limit is read, one byte more is refused */
    {
        static const char bundle[] = BUNDLE_OPEN ITEM(ID1, "Eerste") "</bundle>";
        size_t item = strlen(ITEM(ID1, "Eerste")) - 1; /* without its newline */
        for (int more = 0; more < 2; more++) {
            gbo_bundle_reader *b;
            gbo_limits_init(&limits);
            limits.max_document_bytes = item - (size_t)more;
            b = gbo_bundle_open_memory(bundle, sizeof bundle - 1, &limits, &err);
            CU_ASSERT_PTR_NOT_NULL_FATAL(b);
            CU_ASSERT_EQUAL(read_all(b, &refused, NULL), more ? 0 : 1);
            CU_ASSERT_EQUAL(refused, (size_t)more);
            gbo_bundle_close(b);
        }
    }

    /* CDATA between items */
    {
        static const char bundle[] = BUNDLE_OPEN ITEM(ID1, "Eerste") "<![CDATA[x]]>"
            ITEM(ID2, "Tweede") "</bundle>";
        gbo_bundle_reader *b = gbo_bundle_open_memory(bundle, sizeof bundle - 1, NULL, &err);
        gbo_diagnostics *diags = gbo_diagnostics_new(NULL);
        CU_ASSERT_PTR_NOT_NULL_FATAL(b);
        CU_ASSERT_EQUAL(read_all(b, &refused, diags), 1);
        CU_ASSERT_EQUAL(refused, 1);
        CU_ASSERT_PTR_NOT_NULL(strstr(gbo_diagnostic_message(gbo_diagnostics_at(diags, 0)),
                                      "text between the items"));
        gbo_diagnostics_free(diags);
        gbo_bundle_close(b);
    }

    /* a start-tag limit below two bytes */
    {
        static const char bundle[] = BUNDLE_OPEN ITEM(ID1, "Eerste") "</bundle>";
        gbo_bundle_reader *b;
        gbo_limits_init(&limits);
        limits.max_start_tag_bytes = 1;
        b = gbo_bundle_open_memory(bundle, sizeof bundle - 1, &limits, &err);
        CU_ASSERT_PTR_NOT_NULL_FATAL(b);
        CU_ASSERT_EQUAL(read_all(b, &refused, NULL), 0);
        CU_ASSERT_EQUAL(refused, 1);
        gbo_bundle_close(b);
    }
    free(data);
}

int main(void)
{
    static const gbo_test tests[] = {
        { "the shipped bundle", shipped_bundle },
        { "items in order, a bad one in the middle", items_in_order_with_a_bad_one },
        { "broken bundles stop", broken_bundles },
        { "a newer minor bundle warns", newer_minor_bundle_warns },
        { "bundle from a file descriptor", bundle_from_fd },
        { "telling bundles from documents", telling_bundles_from_documents },
        { "a bundle cut at every byte offset", cut_at_every_offset },
        { "hostile bundles are refused before parsing", hostile_bundles },
        { "reading through a callback", reading_through_a_callback },
        { "what a review of the guard found", guard_review_cases },
        { "a document cut at every byte offset", document_cut_at_every_offset },
        { NULL, NULL }
    };
    return gbo_test_main("bundles", tests);
}
