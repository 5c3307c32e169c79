/* libgbo internal — every allocation libgbo makes goes through here, so a
 * test can make the n-th one, and every one after it, fail
 * (tests/test_alloc_failure.c). libxml2's and
 * ICU's allocators are process-wide and left alone. */
#ifndef GBOP_ALLOC_H
#define GBOP_ALLOC_H

#include <stddef.h>

void *gbop_malloc(size_t size);
void *gbop_calloc(size_t count, size_t size);
void *gbop_realloc(void *ptr, size_t size);
void gbop_free(void *ptr);
char *gbop_strdup(const char *s);
char *gbop_strndup(const char *s, size_t len);
/* Grow *items (of *cap elements of `size` bytes) to hold at least `need`. */
int gbop_grow(void **items, size_t *cap, size_t need, size_t size);

/* Test hook (per thread): after `n` more successful allocations, every
 * allocation fails; n < 0 turns failure injection off. */
void gbop_alloc_fail_after(long n);
/* Allocations made by this thread so far (for tests). */
unsigned long gbop_alloc_count(void);
/* Test hook: the call into a dependency this thread is in whose handling
 * of a failed allocation is broken upstream, or NULL. libxml2 2.9.14's
 * schema validator and ICU 72's message formatter dereference NULL when an
 * allocation fails inside them, and libxml2 recurses without end when it
 * cannot allocate a new thread's state (xmlGetGlobalState);
 * tests/test_nomem.c and tests/test_batch.c fail libxml2's and ICU's
 * allocations everywhere but there. */
extern _Thread_local const char *gbop_fragile_call;

#endif
