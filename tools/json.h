/* Writing JSON strings: quotes, backslashes and control characters are
 * escaped; well-formed UTF-8 passes through; every byte that is not part of a
 * well-formed UTF-8 sequence (a file name from a non-UTF-8 file system, say)
 * becomes U+FFFD, so the output is always valid JSON in UTF-8. */
#ifndef GBO_JSON_H
#define GBO_JSON_H

#include <stddef.h>
#include <stdio.h>

void json_string(FILE *out, const char *s);

/* The length (1 to 4) of the well-formed UTF-8 sequence that starts at p and
 * ends within n bytes, or 0 if there is none there: a stray continuation byte,
 * an overlong form, a surrogate, a code point beyond U+10FFFF, a sequence cut
 * short, or n == 0 (Unicode 15, table 3-7). */
size_t utf8_sequence_length(const unsigned char *p, size_t n);

#endif
