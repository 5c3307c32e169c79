/* libgbo internal — the structure a model must have to be written as an
 * exchange document the schema accepts, checked from the field table:
 * required elements and attributes, lengths counted as the schema counts
 * them (characters), and extensions only where the schema has an extension
 * point. gbo_validate_entity() reports what it finds (GBO-X003 at the
 * field's path); the writer refuses to write what it finds. */
#ifndef GBOP_STRUCTURE_H
#define GBOP_STRUCTURE_H

#include <gbo/diagnostics.h>
#include <gbo/entity.h>
#include <gbo/error.h>

/* Add a GBO-X003 error to diags for each structural fault of `exchange`;
 * *faults counts them. GBO_E_NOMEM when a finding could not be recorded. */
gbo_status gbop_check_structure(const gbo_entity *exchange, gbo_diagnostics *diags,
                                size_t *faults, gbo_error *err);

/* The number of characters (code points) of well-formed UTF-8 text. */
size_t gbop_utf8_length(const char *text);

#endif
