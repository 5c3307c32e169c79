/* The gbo tool's helpers that need no files (issue #14): the suppression glob
 * matcher and JSON string writing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "json.h"
#include "suppress.h"
#include "test_helpers.h"

/* The matcher before issue #14, recursive and exponential: the reference for
 * the semantics, on inputs small enough for it. */
static bool reference_match(const char *glob, const char *s)
{
    if (*glob == '\0')
        return *s == '\0';
    if (*glob == '*')
        return reference_match(glob + 1, s) || (*s && reference_match(glob, s + 1));
    if (*s && (*glob == '?' || *glob == *s))
        return reference_match(glob + 1, s + 1);
    return false;
}

static char *repeat(const char *unit, size_t times, const char *tail)
{
    size_t n = strlen(unit), t = strlen(tail);
    char *s = malloc(n * times + t + 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    for (size_t i = 0; i < times; i++)
        memcpy(s + i * n, unit, n);
    memcpy(s + n * times, tail, t + 1);
    return s;
}

/* Whether the CPU time since start is under the bound; not checked under
 * valgrind (make check-valgrind), which is some fifty times slower. */
static bool fast_enough(clock_t start, double bound)
{
    const char *valgrind = getenv("GBO_VALGRIND");
    if (valgrind && strcmp(valgrind, "1") == 0)
        return true;
    return (double)(clock() - start) / CLOCKS_PER_SEC < bound;
}

static void glob_examples(void)
{
    const char *path = "/exchange/person[1]/nationalNumber";
    CU_ASSERT(suppress_glob_match("*", path));
    CU_ASSERT(suppress_glob_match("*", ""));
    CU_ASSERT(suppress_glob_match("", ""));
    CU_ASSERT(!suppress_glob_match("", path));
    CU_ASSERT(!suppress_glob_match("?", ""));
    CU_ASSERT(suppress_glob_match(path, path));
    CU_ASSERT(suppress_glob_match("/exchange/*/nationalNumber", path)); /* '*' crosses nothing special */
    CU_ASSERT(suppress_glob_match("/exchange*Number", path));             /* ... and '/' too */
    CU_ASSERT(suppress_glob_match("/exchange/person[?]/nationalNumber", path));
    CU_ASSERT(suppress_glob_match("/exchange/person[*]/*", path));
    CU_ASSERT(!suppress_glob_match("/exchange/person[2]/nationalNumber", path));
    CU_ASSERT(!suppress_glob_match("/exchange/person1/nationalNumber", path)); /* brackets are literal */
    CU_ASSERT(!suppress_glob_match("/exchange/person[12]/nationalNumber", path));
    CU_ASSERT(!suppress_glob_match("/exchange/person", path));
    CU_ASSERT(!suppress_glob_match("exchange*", path));
    CU_ASSERT(suppress_glob_match("**?**", "x"));
    CU_ASSERT(!suppress_glob_match("**??**", "x"));
    CU_ASSERT(suppress_glob_match("a*b*c", "aXbYbZc"));
    CU_ASSERT(!suppress_glob_match("a*b*c", "aXbYbZcd"));
    CU_ASSERT(suppress_glob_match("*ab", "aab"));
    CU_ASSERT(suppress_glob_match("*aab", "aaab"));
    CU_ASSERT(suppress_glob_match("*a?b*", "xxaaab"));
    /* '?' is one byte, as before: é is two */
    CU_ASSERT(suppress_glob_match("/caf??", "/caf\xc3\xa9"));
    CU_ASSERT(!suppress_glob_match("/caf?", "/caf\xc3\xa9"));
}

/* Every glob of up to 6 symbols from {*, ?, a, b} against every string of up
 * to 7 letters from {a, b}: the same verdict as the recursive matcher. */
static void glob_agrees_with_reference(void)
{
    static const char gsym[] = "*?ab", ssym[] = "ab";
    char glob[8], s[8];
    size_t disagreements = 0, cases = 0;
    for (size_t glen = 0; glen <= 6; glen++) {
        size_t gcount = 1;
        for (size_t i = 0; i < glen; i++)
            gcount *= 4;
        for (size_t g = 0; g < gcount; g++) {
            size_t v = g;
            for (size_t i = 0; i < glen; i++, v /= 4)
                glob[i] = gsym[v % 4];
            glob[glen] = '\0';
            for (size_t slen = 0; slen <= 7; slen++)
                for (size_t x = 0; x < ((size_t)1 << slen); x++) {
                    for (size_t i = 0; i < slen; i++)
                        s[i] = ssym[(x >> i) & 1];
                    s[slen] = '\0';
                    cases++;
                    if (suppress_glob_match(glob, s) != reference_match(glob, s) && disagreements++ < 5)
                        fprintf(stderr, "glob \"%s\" on \"%s\": %d\n", glob, s, suppress_glob_match(glob, s));
                }
        }
    }
    CU_ASSERT_EQUAL(disagreements, 0);
    CU_ASSERT(cases > 1000000);
}

/* A glob of 10^7 '*' (the recursive matcher overflowed the stack): no
 * recursion, and linear time. */
static void glob_of_ten_million_stars(void)
{
    char *stars = repeat("*", 10000000, ""), *stars_x = repeat("*", 10000000, "x");
    char *path = repeat("n", 100000, "");
    clock_t start = clock();
    CU_ASSERT(suppress_glob_match(stars, ""));
    CU_ASSERT(suppress_glob_match(stars, "/exchange/person[1]/nationalNumber"));
    CU_ASSERT(suppress_glob_match(stars, path));
    CU_ASSERT(!suppress_glob_match(stars_x, path));
    CU_ASSERT(suppress_glob_match(stars_x, "/exchange/x"));
    CU_ASSERT(fast_enough(start, 5));
    free(stars);
    free(stars_x);
    free(path);
}

/* *n*n*...*x against a long run of n's: exponential before, now at most
 * glob length times path length. */
static void glob_without_exponential_backtracking(void)
{
    char *glob = repeat("*n", 22, "*x"), *long_glob = repeat("*n", 2000, "*x"), *matching = repeat("*n", 2000, "*");
    char *path = repeat("n", 1000000, ""), *short_path = repeat("n", 5000, "");
    char *worst = repeat("a", 1000, "b"), *star_worst;
    clock_t start = clock();
    CU_ASSERT(!suppress_glob_match(glob, path));
    CU_ASSERT(!suppress_glob_match(long_glob, short_path));
    CU_ASSERT(suppress_glob_match(matching, short_path));
    CU_ASSERT(!suppress_glob_match(matching, short_path + 3001)); /* 1999 n's */
    /* the worst case of the single backtrack point: each of the 10^4
     * restarts compares up to 1000 characters */
    star_worst = malloc(strlen(worst) + 2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(star_worst);
    star_worst[0] = '*';
    strcpy(star_worst + 1, worst);
    CU_ASSERT(!suppress_glob_match(star_worst, short_path));
    path[10000] = '\0';
    memset(path, 'a', 10000);
    CU_ASSERT(!suppress_glob_match(star_worst, path));
    path[9999] = 'b';
    CU_ASSERT(suppress_glob_match(star_worst, path));
    CU_ASSERT(fast_enough(start, 5));
    free(glob);
    free(long_glob);
    free(matching);
    free(path);
    free(short_path);
    free(worst);
    free(star_worst);
}

/* json_string()'s output for s, in a new string (free()). */
static char *json_of(const char *s)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&buf, &size);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    json_string(out, s);
    CU_ASSERT_EQUAL_FATAL(fclose(out), 0);
    return buf;
}

static void check_json(const char *in, const char *want)
{
    char *got = json_of(in);
    CU_ASSERT_STRING_EQUAL(got, want);
    if (strcmp(got, want) != 0)
        fprintf(stderr, "json_string: got %s, want %s\n", got, want);
    free(got);
}

static void json_string_escapes(void)
{
    check_json("", "\"\"");
    check_json(NULL, "\"\"");
    check_json("plain /exchange/person[1]", "\"plain /exchange/person[1]\"");
    check_json("q\"b\\n\nr\rt\t\x01\x1f\x7f", "\"q\\\"b\\\\n\\nr\\rt\\t\\u0001\\u001f\x7f\"");
    /* well-formed UTF-8 passes through: 2, 3 and 4 bytes, the extremes */
    check_json("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
    check_json("\xc2\x80\xdf\xbf\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80\xef\xbf\xbf\xf0\x90\x80\x80\xf4\x8f\xbf\xbf",
               "\"\xc2\x80\xdf\xbf\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80\xef\xbf\xbf\xf0\x90\x80\x80\xf4\x8f\xbf\xbf\"");
}

/* Every byte outside well-formed UTF-8 becomes one U+FFFD (\ufffd). */
static void json_string_replaces_ill_formed_bytes(void)
{
    check_json("bad\xff.xml", "\"bad\\ufffd.xml\"");
    check_json("\xfe\xff", "\"\\ufffd\\ufffd\"");
    check_json("caf\xe9", "\"caf\\ufffd\"");                          /* Latin-1 */
    check_json("\x80x\xbf", "\"\\ufffdx\\ufffd\"");                   /* stray continuations */
    check_json("\xc0\xaf\xc1\xbf", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");  /* overlong */
    check_json("\xe0\x80\xaf", "\"\\ufffd\\ufffd\\ufffd\"");              /* overlong, 3 bytes */
    check_json("\xf0\x80\x80\xaf", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");  /* overlong, 4 bytes */
    check_json("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"");              /* a surrogate */
    check_json("\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");  /* beyond U+10FFFF */
    check_json("\xf8\x88\x80\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\"");
    check_json("\xe2\x82", "\"\\ufffd\\ufffd\"");                        /* cut short by the end */
    check_json("\xe2\x82x\xe2\x82\xac", "\"\\ufffd\\ufffdx\xe2\x82\xac\""); /* ... and by an ASCII byte */
    check_json("\xf0\x9f\x98\"", "\"\\ufffd\\ufffd\\ufffd\\\"\"");
}

/* Is b[0..n) one well-formed sequence? Decoded by its bit patterns. */
static bool reference_sequence(const unsigned char *b, size_t n)
{
    unsigned long cp;
    if (n == 1)
        return b[0] < 0x80;
    if (n == 2 && (b[0] & 0xe0) == 0xc0)
        cp = b[0] & 0x1fUL;
    else if (n == 3 && (b[0] & 0xf0) == 0xe0)
        cp = b[0] & 0x0fUL;
    else if (n == 4 && (b[0] & 0xf8) == 0xf0)
        cp = b[0] & 0x07UL;
    else
        return false;
    for (size_t i = 1; i < n; i++) {
        if ((b[i] & 0xc0) != 0x80)
            return false;
        cp = cp << 6 | (b[i] & 0x3fUL);
    }
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return false;
    return cp >= (n == 2 ? 0x80UL : n == 3 ? 0x800UL : 0x10000UL);
}

/* utf8_sequence_length() against the decoder above: every 1-, 2- and
 * 3-byte string, and every 4-byte one with a lead byte F0..FF and a last byte
 * at the edges of the continuation range. */
static void utf8_sequence_length_agrees(void)
{
    unsigned char b[4];
    size_t wrong = 0;
    for (unsigned long x = 0; x < (1UL << 24); x++) {
        b[0] = (unsigned char)(x >> 16);
        b[1] = (unsigned char)(x >> 8);
        b[2] = (unsigned char)x;
        size_t want = 0, got = utf8_sequence_length(b, 3);
        for (size_t n = 1; n <= 3 && !want; n++)
            if (reference_sequence(b, n))
                want = n;
        wrong += got != want;
        /* cut short: with only n bytes available, no longer sequence */
        wrong += utf8_sequence_length(b, 2) != (want <= 2 ? want : 0);
        wrong += utf8_sequence_length(b, 1) != (want == 1 ? 1 : 0);
    }
    for (unsigned long x = 0; x < (16UL << 16); x++) {
        static const unsigned char last[] = { 0x00, 0x7f, 0x80, 0xbf, 0xc0, 0xff };
        b[0] = (unsigned char)(0xf0 + (x >> 16));
        b[1] = (unsigned char)(x >> 8);
        b[2] = (unsigned char)x;
        for (size_t k = 0; k < sizeof last; k++) {
            b[3] = last[k];
            wrong += utf8_sequence_length(b, 4) != (reference_sequence(b, 4) ? 4 : 0);
        }
    }
    CU_ASSERT_EQUAL(wrong, 0);
    CU_ASSERT_EQUAL(utf8_sequence_length((const unsigned char *)"a", 0), 0);
}

int main(void)
{
    static const gbo_test tests[] = {
        { "glob: examples", glob_examples },
        { "glob: the same verdicts as the recursive matcher", glob_agrees_with_reference },
        { "glob: 10^7 stars", glob_of_ten_million_stars },
        { "glob: no exponential backtracking", glob_without_exponential_backtracking },
        { "json_string: escapes, UTF-8 through", json_string_escapes },
        { "json_string: U+FFFD for each ill-formed byte", json_string_replaces_ill_formed_bytes },
        { "utf8_sequence_length agrees with a decoder", utf8_sequence_length_agrees },
        { NULL, NULL }
    };
    /* an exponential matcher would run for ages: fail instead (not under
     * valgrind, which needs minutes for the exhaustive comparisons) */
    const char *valgrind = getenv("GBO_VALGRIND");
    if (!valgrind || strcmp(valgrind, "1") != 0)
        alarm(120);
    return gbo_test_main("tools", tests);
}
