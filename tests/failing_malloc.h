/* malloc, calloc and realloc replaced for the allocation-failure tests: an
 * allocation fails when the including test's `failing()` says so, while
 * `fail_from` is 0 or more. Include once, after defining
 *     static long fail_from = -1;
 *     static int failing(void);
 * Not with a sanitizer, which owns malloc: REPLACED_MALLOC is then 0 and
 * nothing is replaced. */
#ifndef GBO_TEST_FAILING_MALLOC_H
#define GBO_TEST_FAILING_MALLOC_H

#include <errno.h>
#include <stddef.h>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define REPLACED_MALLOC 0
static int (*const gbo_test_failing)(void) __attribute__((unused)) = failing;
#else
#define REPLACED_MALLOC 1

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

void *malloc(size_t n)
{
    if (fail_from >= 0 && failing())
        return errno = ENOMEM, NULL;
    return __libc_malloc(n);
}

void *calloc(size_t count, size_t n)
{
    if (fail_from >= 0 && failing())
        return errno = ENOMEM, NULL;
    return __libc_calloc(count, n);
}

void *realloc(void *p, size_t n)
{
    if (fail_from >= 0 && n && failing())
        return errno = ENOMEM, NULL;
    return __libc_realloc(p, n);
}
#endif

#endif
