/* libgbo internal — the message catalogue (data/messages.xml, compiled in). */
#ifndef GBOP_MESSAGES_H
#define GBOP_MESSAGES_H

#include <stddef.h>
#include <gbo/codes.h>

/* Format message `key` in `lang` with up to three string arguments into
 * out (UTF-8, always terminated). A key missing from the catalogue yields the
 * key itself, so nothing is ever lost. */
void gbop_message(gbo_lang lang, const char *key, const char *const *args, size_t nargs,
                  char *out, size_t size);

/* Title or help of a rule in `lang` (borrowed), or NULL. */
const char *gbop_rule_text(const char *id, gbo_lang lang, int help);

/* The language of the process's locale (LC_ALL, LC_MESSAGES, LANG via ICU's
 * default locale): nl, fr, de, else en. */
gbo_lang gbop_default_lang(void);

#endif
