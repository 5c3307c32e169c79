/* Writing JSON strings: UTF-8 passes through, quotes, backslashes and
 * control characters are escaped. */
#ifndef GBO_JSON_H
#define GBO_JSON_H

#include <stdio.h>

void json_string(FILE *out, const char *s);

#endif
