/* libFuzzer target, structure-aware: it mutates models, not bytes. The input
 * is a document, then optionally a NUL byte and an edit program: each byte
 * pair picks an entity and a field of it, and whether to drop the field's
 * values or duplicate a repeated one. The edited model must be judged alike
 * by the structural checker, the checked writer, libgbo's reader of the
 * bytes written without the writer's gates, and libxml2 validating those
 * bytes against data/gbo-exchange-1.xsd (tests/test_agreement.c does the
 * same over every single edit of the shipped documents). */
#include <stdint.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include <gbo/gbo.h>

#include "fuzz.h"
#include "schema_judge.h"
#include "structure.h"
#include "xml.h"

static xmlSchemaPtr schema;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char path[4096];
    (void)argc;
    (void)argv;
    schema = judge_load_schema(fuzz_source_file("data/gbo-exchange-1.xsd", path, sizeof path));
    FUZZ_CHECK(schema != NULL);
    return 0;
}

/* The n-th entity of e's tree in document order (counting from *n down). */
static gbo_entity *nth(gbo_entity *e, size_t *n)
{
    gbo_kind kind = gbo_entity_kind(e);
    if ((*n)-- == 0)
        return e;
    for (size_t i = 0; i < gbo_kind_field_count(kind); i++) {
        gbo_field f = gbo_kind_field_at(kind, i);
        if (gbo_field_type(f) != GBO_TYPE_ENTITY)
            continue;
        for (size_t j = 0; j < gbo_entity_count(e, f); j++) {
            gbo_entity *found = nth(gbo_entity_child_mut(e, f, j), n);
            if (found)
                return found;
        }
    }
    return NULL;
}

static size_t count_entities(gbo_entity *e)
{
    size_t n = (size_t)-1;
    nth(e, &n); /* counts down through every entity */
    return (size_t)-1 - n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, 0, size);
    size_t doc_size = nul ? (size_t)(nul - data) : size;
    const uint8_t *program = nul ? nul + 1 : NULL;
    size_t program_size = nul ? size - doc_size - 1 : 0;
    uint8_t fallback[2] = { (uint8_t)size, (uint8_t)(size >> 8) };
    gbo_entity *doc = NULL;
    gbo_diagnostics *diags;
    gbo_write_options options = { NULL, 1 };
    gbo_limits limits;
    char *out = NULL, *raw = NULL;
    size_t n = 0, faults = 0, entities;
    int checker, writer, reader, xsd;

    fuzz_limits(&limits);
    if (gbo_exchange_read_memory((const char *)data, doc_size, &limits, &doc, NULL, NULL) != GBO_OK)
        return 0;
    if (!program || program_size < 2) {
        program = fallback;
        program_size = 2;
    }
    entities = count_entities(doc);
    for (size_t k = 0; k + 1 < program_size && k < 16; k += 2) {
        size_t index = program[k] % entities;
        gbo_entity *e = nth(doc, &index);
        gbo_kind kind = gbo_entity_kind(e);
        gbo_field f = gbo_kind_field_at(kind, (program[k + 1] >> 1) % gbo_kind_field_count(kind));
        size_t count = gbo_entity_count(e, f);
        if (count == 0 || e == doc)
            continue;
        if (program[k + 1] & 1) { /* duplicate a repeated value */
            if (gbo_field_is_repeated(f) && gbo_field_type(f) != GBO_TYPE_ENTITY)
                (void)gbo_entity_add(e, f, gbo_entity_get_at(e, f, 0), NULL);
        } else { /* drop the field */
            for (size_t i = count; i > 0; i--)
                (void)gbo_entity_remove_at(e, f, i - 1, NULL);
        }
        entities = count_entities(doc);
    }
    diags = gbo_diagnostics_new(NULL);
    FUZZ_CHECK(diags && gbop_check_structure(doc, diags, &faults, NULL) == GBO_OK);
    checker = faults == 0;
    writer = gbo_exchange_write_checked(doc, &options, &out, &n, NULL, NULL) == GBO_OK;
    FUZZ_CHECK(gbop_exchange_write_unchecked(doc, &raw, &n, NULL) == GBO_OK);
    {
        gbo_entity *again = NULL;
        reader = gbo_exchange_read_memory(raw, n, NULL, &again, NULL, NULL) == GBO_OK;
        gbo_entity_free(again);
    }
    xsd = judge_schema_accepts(schema, raw, n);
    if (!(checker == writer && writer == reader && reader == xsd))
        fprintf(stderr, "checker %d, writer %d, reader %d, schema %d\n%s\n", checker, writer, reader,
                xsd, raw);
    FUZZ_CHECK(checker == writer && writer == reader && reader == xsd);
    gbo_free(out);
    gbo_free(raw);
    gbo_diagnostics_free(diags);
    gbo_entity_free(doc);
    return 0;
}
