/* libgbo — the rule catalogue (SPEC §4). Every diagnostic names one of these
 * rule ids; ids are permanent: never reused or renumbered. Titles and help
 * texts exist in nl, fr, de and en. The catalogue is built into the library
 * and read-only: safe from any thread. */
#ifndef GBO_RULES_H
#define GBO_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <gbo/export.h>
#include <gbo/codes.h>
#include <gbo/diagnostics.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gbo_rule gbo_rule;

/* The rules in catalogue order (X, I, R, C). */
GBO_API size_t gbo_rule_count(void);
GBO_API const gbo_rule *gbo_rule_at(size_t index);
/* The rule with that id ("GBO-I001"), or NULL. */
GBO_API const gbo_rule *gbo_rule_find(const char *id);

GBO_API const char *gbo_rule_id(const gbo_rule *rule);
GBO_API gbo_severity gbo_rule_severity(const gbo_rule *rule);
/* false for rules whose checks a later release implements. */
GBO_API bool gbo_rule_implemented(const gbo_rule *rule);
/* One line, and a paragraph explaining the rule and how to fix what it
 * reports; NULL only if the built-in catalogue could not be loaded (out of
 * memory). */
GBO_API const char *gbo_rule_title(const gbo_rule *rule, gbo_lang lang);
GBO_API const char *gbo_rule_help(const gbo_rule *rule, gbo_lang lang);

#ifdef __cplusplus
}
#endif
#endif
