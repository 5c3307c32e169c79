/* libgbo internal — UTF-8 text: validation and Unicode NFC (ICU). */
#ifndef GBOP_TEXT_H
#define GBOP_TEXT_H

#include <stddef.h>
#include <gbo/error.h>

/* Check that `in` (len bytes) is well-formed UTF-8 without characters XML
 * cannot carry (C0 controls but TAB/LF/CR, U+FFFE, U+FFFF), normalise it to
 * NFC and return a new NUL-terminated copy in *out (free with gbop_free).
 * GBO_E_TOO_LONG when the result exceeds max_bytes. `what` names the field
 * in the error message. */
gbo_status gbop_text_nfc(const char *in, size_t len, size_t max_bytes, const char *what,
                         char **out, gbo_error *err);

#endif
