/* A generated bundle of 100 000 tiny items is read completely, item by item.
 * Memory is measured in bench/, not here; make check-valgrind runs this
 * natively (it would take too long under valgrind). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <gbo/gbo.h>

#include "test_helpers.h"

#define ITEMS 100000

static void hundred_thousand_items(void)
{
    char path[] = "/tmp/gbo-large-bundle-XXXXXX";
    int fd = mkstemp(path);
    FILE *f;
    gbo_bundle_reader *b;
    size_t items = 0, refused = 0;
    gbo_error err;

    CU_ASSERT_FATAL(fd >= 0);
    f = fdopen(fd, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("<bundle xmlns=\"urn:gbo:exchange:1\" version=\"1.0\">\n", f);
    for (unsigned i = 0; i < ITEMS; i++)
        fprintf(f, "  <exchange version=\"1.0\" id=\"00000000-0000-4000-8000-%012u\"><header>"
                   "<createdAt>2025-03-04T10:00:00Z</createdAt>"
                   "<sender>0e3b5a10-2c4d-4e6f-8a9b-0c1d2e3f4a01</sender>"
                   "<recipient>0e3b5a10-2c4d-4e6f-8a9b-0c1d2e3f4a02</recipient>"
                   "<codeListVersion>2026.1</codeListVersion></header></exchange>\n", i);
    fputs("</bundle>\n", f);
    CU_ASSERT_EQUAL_FATAL(fclose(f), 0);

    b = gbo_bundle_open_file(path, NULL, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    for (;;) {
        gbo_entity *item = NULL;
        gbo_status status = gbo_bundle_next(b, &item, NULL, &err);
        if (status == GBO_OK && !item)
            break;
        if (status != GBO_OK) {
            refused++;
            if (gbo_bundle_failed(b))
                break;
            continue;
        }
        items++;
        gbo_entity_free(item);
    }
    CU_ASSERT_EQUAL(items, ITEMS);
    CU_ASSERT_EQUAL(refused, 0);
    CU_ASSERT_EQUAL(gbo_bundle_index(b), ITEMS);
    gbo_bundle_close(b);
    unlink(path);
}

int main(void)
{
    static const gbo_test tests[] = {
        { "100 000 items are read", hundred_thousand_items },
        { NULL, NULL }
    };
    return gbo_test_main("large bundle", tests);
}
