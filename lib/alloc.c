/* libgbo — the one internal allocator (see alloc.h). */
#include "config.h"
#include "alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gbo/memory.h>

static _Thread_local long fail_countdown = -1;
static _Thread_local unsigned long allocations;
_Thread_local const char *gbop_fragile_call;

void gbop_alloc_fail_after(long n)
{
    fail_countdown = n;
}

unsigned long gbop_alloc_count(void)
{
    return allocations;
}

static int injected_failure(void)
{
    allocations++;
    if (fail_countdown < 0)
        return 0;
    if (fail_countdown == 0)
        return 1;
    fail_countdown--;
    return 0;
}

void *gbop_malloc(size_t size)
{
    if (injected_failure())
        return NULL;
    return malloc(size ? size : 1);
}

void *gbop_calloc(size_t count, size_t size)
{
    if (injected_failure())
        return NULL;
    return calloc(count ? count : 1, size ? size : 1);
}

void *gbop_realloc(void *ptr, size_t size)
{
    if (injected_failure())
        return NULL;
    return realloc(ptr, size ? size : 1);
}

void gbop_free(void *ptr)
{
    free(ptr);
}

char *gbop_strndup(const char *s, size_t len)
{
    char *copy = gbop_malloc(len + 1);
    if (copy) {
        memcpy(copy, s, len);
        copy[len] = '\0';
    }
    return copy;
}

char *gbop_strdup(const char *s)
{
    return gbop_strndup(s, strlen(s));
}

int gbop_grow(void **items, size_t *cap, size_t need, size_t size)
{
    size_t new_cap;
    void *grown;

    if (need <= *cap)
        return 0;
    new_cap = *cap ? *cap * 2 : 4;
    while (new_cap < need)
        new_cap *= 2;
    if (new_cap > SIZE_MAX / size)
        return -1;
    grown = gbop_realloc(*items, new_cap * size);
    if (!grown)
        return -1;
    *items = grown;
    *cap = new_cap;
    return 0;
}

void gbo_free(void *ptr)
{
    gbop_free(ptr);
}
