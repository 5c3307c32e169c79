/* libgbo — one shared language for referrals in Flanders' Geïntegreerd Breed
 * Onthaal. Include this header; link with `pkg-config --libs libgbo`. */
#ifndef GBO_GBO_H
#define GBO_GBO_H

#include <gbo/export.h>
#include <gbo/version.h>
#include <gbo/error.h>
#include <gbo/memory.h>
#include <gbo/values.h>
#include <gbo/ids.h>
#include <gbo/codes.h>
#include <gbo/entity.h>
#include <gbo/diagnostics.h>
#include <gbo/exchange.h>
#include <gbo/rules.h>
#include <gbo/validate.h>
#include <gbo/batch.h>
#include <gbo/consent.h>
#include <gbo/lifecycle.h>
#include <gbo/stats.h>

#endif
