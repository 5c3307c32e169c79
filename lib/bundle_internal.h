/* libgbo internal — the bundle reader's items handed to a function while
 * they are expanded, so that the batch validator (lib/batch.c) can copy an
 * item for a worker, or check it in place, as gbo_bundle_next() builds it. */
#ifndef GBOP_BUNDLE_INTERNAL_H
#define GBOP_BUNDLE_INTERNAL_H

#include <libxml/tree.h>

#include <gbo/diagnostics.h>
#include <gbo/exchange.h>

/* What to do with an expanded <exchange> item: `item` lives until the
 * function returns; findings go to diags (those of this call start at
 * `start`). Returns what gbo_bundle_next() would for the item. */
typedef gbo_status (*gbop_item_fn)(void *arg, xmlNodePtr item, const gbo_limits *limits,
                                   gbo_diagnostics *diags, size_t start, gbo_error *err);

/* gbo_bundle_next() with `fn` in place of building the model: the same
 * statuses, diagnostics and end of the bundle (GBO_OK without a call of fn). */
gbo_status gbop_bundle_next_with(gbo_bundle_reader *b, gbop_item_fn fn, void *arg,
                                 gbo_diagnostics *diags, gbo_error *err);

#endif
