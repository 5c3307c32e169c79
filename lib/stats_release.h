/* libgbo (internal) — what the monitoring figures publish: from the counts
 * of every dimension to the rows, with the disclosure control of SPEC §6.
 * stats.c counts documents into these tables; the tests hand it tables of
 * their own to play the reader who knows the rule. */
#ifndef GBOP_STATS_RELEASE_H
#define GBOP_STATS_RELEASE_H

#include <stdbool.h>
#include <stddef.h>

enum gbop_stats_group {
    GBOP_REFERRAL_KIND,
    GBOP_SENDER_KIND,
    GBOP_RECIPIENT_KIND,
    GBOP_LIFE_DOMAIN,
    GBOP_OUTCOME,
    GBOP_RIGHT_STATUS,
    GBOP_NON_TAKE_UP,
    GBOP_SIGNAL_BARRIER,
    GBOP_NGROUPS
};

/* Each dimension's table and name, and the code list its values come from. */
typedef struct gbop_stats_group_name {
    const char *table, *dimension, *list;
} gbop_stats_group_name;
extern const gbop_stats_group_name gbop_stats_groups[GBOP_NGROUPS];

typedef struct gbop_stats_cell {
    const char *value;
    size_t count; /* at least 1: values that do not occur have no cell */
} gbop_stats_cell;

typedef struct gbop_stats_tables {
    const gbop_stats_cell *cells[GBOP_NGROUPS]; /* each in strcmp order of value */
    size_t ncells[GBOP_NGROUPS];
    const double *hours; /* hours to first contact, ascending */
    size_t nhours;
} gbop_stats_tables;

/* The label of every hidden count, whatever hid it. */
#define GBOP_STATS_HIDDEN "suppressed"

/* Receives one published row; nonzero stops the release (out of memory). */
typedef int (*gbop_stats_emit)(void *ctx, const char *table, const char *dimension, const char *value,
                               const char *count, bool hidden);

/* The rows for tables `t` with minimum count `k` (at least 1), in the
 * published order; returns what `emit` returned when it stopped, else 0. */
int gbop_stats_release(const gbop_stats_tables *t, unsigned k, gbop_stats_emit emit, void *ctx);

/* How far apart the values a reader cannot rule out for a hidden count lie
 * at least: max(2, K - 2), at least as wide as "1 … K-1" (what a hidden
 * total says); 1 for K = 2. */
size_t gbop_stats_protection(unsigned k);

/* Whether a dimension of this total may publish its cells at all (see
 * stats_release.c); it depends on nothing else. */
bool gbop_stats_cells_publishable(size_t total, unsigned k);

#endif
