/* One structure, four judges (issue #15): for every edit of every example
 * and fixture — each field dropped, each repeated value duplicated, and
 * random combinations of them from a fixed seed — the structural checker
 * accepts the model exactly when the writer writes it, when libgbo's reader
 * accepts the bytes (no GBO-X001 ... X005) and when libxml2 validates the
 * bytes against data/gbo-exchange-1.xsd (what `xmllint --schema` does).
 * Bytes the writer refuses are made without its gates, to ask the reader
 * and the schema about them too. Then edits of the bytes themselves (a
 * value emptied, too long by one character, padded with spaces, of a wrong
 * form): the reader accepts exactly what the schema accepts. Every
 * disagreement is printed with its document, path and edit. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include <gbo/gbo.h>

#include "schema_judge.h"
#include "structure.h"
#include "test_helpers.h"
#include "xml.h"

static xmlSchemaPtr schema;

static bool xsd_accepts(const char *bytes, size_t size)
{
    return judge_schema_accepts(schema, bytes, size);
}

static bool reader_accepts(const char *bytes, size_t size)
{
    gbo_entity *e = NULL;
    gbo_status status = gbo_exchange_read_memory(bytes, size, NULL, &e, NULL, NULL);
    gbo_entity_free(e);
    return status == GBO_OK;
}

/* ---- the entities of a model, in document order ------------------------------ */

typedef struct entities {
    gbo_entity *items[4096];
    size_t count;
} entities;

static void collect(gbo_entity *e, entities *out)
{
    gbo_kind kind = gbo_entity_kind(e);
    if (out->count < sizeof out->items / sizeof *out->items)
        out->items[out->count++] = e;
    for (size_t i = 0; i < gbo_kind_field_count(kind); i++) {
        gbo_field f = gbo_kind_field_at(kind, i);
        if (gbo_field_type(f) == GBO_TYPE_ENTITY)
            for (size_t j = 0; j < gbo_entity_count(e, f); j++)
                collect(gbo_entity_child_mut(e, f, j), out);
    }
}

typedef enum edit_op { EDIT_DROP, EDIT_DUPLICATE } edit_op;

typedef struct edit {
    size_t entity;
    gbo_field field;
    edit_op op;
} edit;

/* Apply `ed` to the copy whose entities are `es`; false when it does not
 * apply (nothing to drop, not a repeated value to duplicate). */
static bool apply(entities *es, const edit *ed)
{
    gbo_entity *e;
    size_t n;
    if (ed->entity >= es->count)
        return false;
    e = es->items[ed->entity];
    n = gbo_entity_count(e, ed->field);
    if (n == 0)
        return false;
    if (ed->op == EDIT_DROP) {
        for (size_t i = n; i > 0; i--)
            if (gbo_entity_remove_at(e, ed->field, i - 1, NULL) != GBO_OK)
                return false;
        return true;
    }
    if (!gbo_field_is_repeated(ed->field) || gbo_field_type(ed->field) == GBO_TYPE_ENTITY)
        return false;
    return gbo_entity_add(e, ed->field, gbo_entity_get_at(e, ed->field, 0), NULL) == GBO_OK;
}

typedef struct tally {
    size_t edits, agree, disagree, accepted;
} tally;

/* The four judges on one edited model. */
static void judge(const gbo_entity *model, const char *what, tally *t)
{
    gbo_diagnostics *diags = gbo_diagnostics_new(NULL);
    gbo_write_options options = { NULL, 1 }; /* consent is not the question here */
    size_t faults = 0, size = 0;
    char *out = NULL, *raw = NULL;
    bool checker, writer, reader, xsd;

    CU_ASSERT_EQUAL(gbop_check_structure(model, diags, &faults, NULL), GBO_OK);
    checker = faults == 0;
    writer = gbo_exchange_write_checked(model, &options, &out, &size, NULL, NULL) == GBO_OK;
    CU_ASSERT_EQUAL_FATAL(gbop_exchange_write_unchecked(model, &raw, &size, NULL), GBO_OK);
    reader = reader_accepts(raw, size);
    xsd = xsd_accepts(raw, size);
    t->edits++;
    if (checker == writer && writer == reader && reader == xsd) {
        t->agree++;
        t->accepted += checker;
    } else {
        if (t->disagree++ < 20)
            fprintf(stderr, "%s: checker %d, writer %d, reader %d, schema %d%s%s\n", what, checker,
                    writer, reader, xsd, faults ? "; first fault: " : "",
                    faults ? gbo_diagnostic_path(gbo_diagnostics_at(diags, 0)) : "");
    }
    gbo_free(out);
    gbo_free(raw);
    gbo_diagnostics_free(diags);
}

/* ---- the documents ------------------------------------------------------------ */

typedef struct corpus {
    char *names[512];
    gbo_entity *models[512];
    size_t count;
} corpus;

static void add_dir(corpus *c, const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *ent;
    if (!d)
        return;
    while ((ent = readdir(d)) && c->count < 512) {
        char path[4096];
        size_t len = strlen(ent->d_name);
        gbo_entity *m = NULL;
        if (ent->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, ent->d_name);
        if (len > 4 && strcmp(ent->d_name + len - 4, ".xml") == 0) {
            if (gbo_exchange_read_file(path, NULL, &m, NULL, NULL) == GBO_OK) {
                c->names[c->count] = strdup(path);
                c->models[c->count++] = m;
            }
        } else if (!strchr(ent->d_name, '.') && strcmp(ent->d_name, "codelists") != 0) {
            add_dir(c, path);
        }
    }
    closedir(d);
}

static void load(corpus *c)
{
    const char *src = getenv("GBO_SRCDIR") ? getenv("GBO_SRCDIR") : ".";
    char dir[4096];
    memset(c, 0, sizeof *c);
    snprintf(dir, sizeof dir, "%s/examples", src);
    add_dir(c, dir);
    snprintf(dir, sizeof dir, "%s/tests/fixtures", src);
    add_dir(c, dir);
}

static void unload(corpus *c)
{
    for (size_t i = 0; i < c->count; i++) {
        free(c->names[i]);
        gbo_entity_free(c->models[i]);
    }
}

/* Every single edit of every document. */
static void each_edit_agrees(void)
{
    corpus c;
    tally t = { 0, 0, 0, 0 };
    load(&c);
    CU_ASSERT(c.count >= 50);
    for (size_t d = 0; d < c.count; d++) {
        entities all = { .count = 0 };
        collect(c.models[d], &all);
        judge(c.models[d], c.names[d], &t); /* unedited: all four accept */
        for (size_t i = 0; i < all.count; i++) {
            gbo_kind kind = gbo_entity_kind(all.items[i]);
            for (size_t k = 0; k < gbo_kind_field_count(kind); k++)
                for (int op = EDIT_DROP; op <= EDIT_DUPLICATE; op++) {
                    edit ed = { i, gbo_kind_field_at(kind, k), (edit_op)op };
                    gbo_entity *copy = gbo_entity_copy(c.models[d], NULL);
                    entities es = { .count = 0 };
                    char what[4608];
                    collect(copy, &es);
                    if (apply(&es, &ed)) {
                        snprintf(what, sizeof what, "%s: %s %s of entity %zu", c.names[d],
                                 op == EDIT_DROP ? "drop" : "duplicate", gbo_field_name(ed.field), i);
                        judge(copy, what, &t);
                    }
                    gbo_entity_free(copy);
                }
        }
    }
    printf("\n%zu documents, %zu single edits: %zu agree (%zu accepted by all), %zu disagree\n",
           c.count, t.edits, t.agree, t.accepted, t.disagree);
    CU_ASSERT(t.edits > 5000);
    CU_ASSERT(t.accepted > 100 && t.accepted < t.edits);
    CU_ASSERT_EQUAL(t.disagree, 0);
    unload(&c);
}

static unsigned long long seed = 0x67626f000015ULL; /* committed: "gbo" and the issue */

static unsigned long long next_random(void)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
}

/* 5 000 random combinations of two to four edits. */
static void random_combinations_agree(void)
{
    corpus c;
    tally t = { 0, 0, 0, 0 };
    load(&c);
    while (t.edits < 5000) {
        size_t d = next_random() % c.count, applied = 0, wanted = 2 + next_random() % 3;
        gbo_entity *copy = gbo_entity_copy(c.models[d], NULL);
        entities es = { .count = 0 };
        char what[4608];
        int used = snprintf(what, sizeof what, "%s:", c.names[d]);
        collect(copy, &es);
        for (int tries = 0; tries < 50 && applied < wanted; tries++) {
            size_t i = next_random() % es.count;
            gbo_kind kind = gbo_entity_kind(es.items[i]);
            edit ed = { i, gbo_kind_field_at(kind, next_random() % gbo_kind_field_count(kind)),
                        next_random() % 4 ? EDIT_DROP : EDIT_DUPLICATE };
            if (apply(&es, &ed)) {
                applied++;
                if (used > 0 && (size_t)used < sizeof what)
                    used += snprintf(what + used, sizeof what - (size_t)used, " %s %s of %zu",
                                     ed.op == EDIT_DROP ? "drop" : "duplicate", gbo_field_name(ed.field), i);
                /* a dropped entity changes the numbering: collect again */
                es.count = 0;
                collect(copy, &es);
            }
        }
        if (applied >= 2)
            judge(copy, what, &t);
        gbo_entity_free(copy);
    }
    printf("\n%zu random combinations: %zu agree, %zu disagree\n", t.edits, t.agree, t.disagree);
    CU_ASSERT_EQUAL(t.disagree, 0);
    unload(&c);
}

/* ---- edits of the bytes --------------------------------------------------------- */

static void judge_bytes(xmlDocPtr doc, const char *what, tally *t)
{
    xmlChar *bytes = NULL;
    int size = 0;
    bool reader, xsd;
    xmlDocDumpMemoryEnc(doc, &bytes, &size, "UTF-8");
    reader = reader_accepts((const char *)bytes, (size_t)size);
    xsd = xsd_accepts((const char *)bytes, (size_t)size);
    t->edits++;
    if (reader == xsd) {
        t->agree++;
        t->accepted += reader;
    } else if (t->disagree++ < 20) {
        fprintf(stderr, "%s: reader %d, schema %d\n", what, reader, xsd);
    }
    xmlFree(bytes);
}

static void byte_variant(xmlDocPtr doc, xmlNodePtr node, xmlAttrPtr attr, const char *value,
                         const char *what, tally *t)
{
    xmlChar *saved = attr ? xmlGetNoNsProp(node, attr->name) : xmlNodeGetContent(node);
    if (attr)
        xmlSetProp(node, attr->name, (const xmlChar *)value);
    else
        xmlNodeSetContent(node, (const xmlChar *)value);
    judge_bytes(doc, what, t);
    if (attr)
        xmlSetProp(node, attr->name, saved);
    else {
        xmlChar *escaped = xmlEncodeSpecialChars(doc, saved);
        xmlNodeSetContent(node, escaped);
        xmlFree(escaped);
    }
    xmlFree(saved);
}

static void value_variants(xmlDocPtr doc, xmlNodePtr node, xmlAttrPtr attr, const char *name,
                           const char *value, tally *t)
{
    static const size_t limits[] = { 36, 48, 64, 1000, 20000 };
    char *long_value = malloc(20002 + strlen(value));
    char what[512];
    snprintf(what, sizeof what, "%s \"\"", name);
    byte_variant(doc, node, attr, "", what, t);
    snprintf(what, sizeof what, "%s padded", name);
    snprintf(long_value, 20002 + strlen(value), " %s ", value);
    byte_variant(doc, node, attr, long_value, what, t);
    snprintf(what, sizeof what, "%s of a wrong form", name);
    byte_variant(doc, node, attr, "not a value!", what, t);
    for (size_t k = 0; k < sizeof limits / sizeof *limits; k++) {
        size_t len = strlen(value);
        if (len > limits[k])
            continue;
        memcpy(long_value, value, len);
        for (size_t i = len; i <= limits[k]; i++)
            long_value[i] = (char)('a' + i % 26);
        long_value[limits[k] + 1] = '\0';
        snprintf(what, sizeof what, "%s at %zu + 1 characters", name, limits[k]);
        byte_variant(doc, node, attr, long_value, what, t);
    }
    free(long_value);
}

static void walk_values(xmlDocPtr doc, xmlNodePtr node, tally *t)
{
    for (; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE || !gbop_is_format_element(node, NULL))
            continue;
        if (node->parent && node->parent->type == XML_ELEMENT_NODE) {
            /* the element twice, and not at all */
            xmlNodePtr copy = xmlCopyNode(node, 1), next = node->next, parent = node->parent;
            char what[256];
            snprintf(what, sizeof what, "%s duplicated", (const char *)node->name);
            xmlAddNextSibling(node, copy);
            judge_bytes(doc, what, t);
            xmlUnlinkNode(copy);
            xmlFreeNode(copy);
            snprintf(what, sizeof what, "%s dropped", (const char *)node->name);
            xmlUnlinkNode(node);
            judge_bytes(doc, what, t);
            if (next)
                xmlAddPrevSibling(next, node);
            else
                xmlAddChild(parent, node);
        }
        for (xmlAttrPtr a = node->properties; a; a = a->next) {
            xmlChar *v = xmlGetNoNsProp(node, a->name);
            value_variants(doc, node, a, (const char *)a->name, (const char *)v, t);
            xmlFree(v);
        }
        if (node->children && node->children == node->last && node->children->type == XML_TEXT_NODE) {
            xmlChar *v = xmlNodeGetContent(node);
            value_variants(doc, node, NULL, (const char *)node->name, (const char *)v, t);
            xmlFree(v);
        } else {
            walk_values(doc, node->children, t);
        }
    }
}

/* Every element and value of every example, changed in the bytes. */
static void byte_edits_agree(void)
{
    tally t = { 0, 0, 0, 0 };
    char dir[4096];
    DIR *d;
    struct dirent *ent;
    snprintf(dir, sizeof dir, "%s/examples", getenv("GBO_SRCDIR") ? getenv("GBO_SRCDIR") : ".");
    d = opendir(dir);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    while ((ent = readdir(d))) {
        char path[8192];
        size_t len = strlen(ent->d_name);
        xmlDocPtr doc;
        if (len < 5 || strcmp(ent->d_name + len - 4, ".xml") != 0 || strcmp(ent->d_name, "bundle.xml") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, ent->d_name);
        doc = xmlReadFile(path, "UTF-8", XML_PARSE_NONET);
        CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
        walk_values(doc, xmlDocGetRootElement(doc), &t);
        xmlFreeDoc(doc);
    }
    closedir(d);
    printf("\n%zu byte edits: %zu agree (%zu accepted by both), %zu disagree\n", t.edits, t.agree,
           t.accepted, t.disagree);
    CU_ASSERT(t.edits > 5000);
    CU_ASSERT_EQUAL(t.disagree, 0);
}

int main(void)
{
    static const gbo_test tests[] = {
        { "every single edit: checker, writer, reader and schema agree", each_edit_agrees },
        { "5 000 random combinations agree", random_combinations_agree },
        { "edits of the bytes: reader and schema agree", byte_edits_agree },
        { NULL, NULL },
    };
    char path[4096];
    int rc;
    snprintf(path, sizeof path, "%s/data/gbo-exchange-1.xsd", getenv("GBO_SRCDIR") ? getenv("GBO_SRCDIR") : ".");
    schema = judge_load_schema(path);
    if (!schema) {
        fprintf(stderr, "cannot read %s\n", path);
        return 1;
    }
    rc = gbo_test_main("agreement", tests);
    xmlSchemaFree(schema);
    return rc;
}
