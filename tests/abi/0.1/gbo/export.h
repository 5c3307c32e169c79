/* libgbo — symbol export and attribute macros.
 *
 * The library is built with -fvisibility=hidden: only declarations marked
 * GBO_API are part of the ABI. A `make check` test verifies that libgbo.so
 * exports nothing but gbo_* symbols. */
#ifndef GBO_EXPORT_H
#define GBO_EXPORT_H

#if defined(GBO_BUILDING_LIBRARY) && defined(__GNUC__)
#define GBO_API __attribute__((visibility("default")))
#else
#define GBO_API
#endif

#if defined(__GNUC__)
#define GBO_WARN_UNUSED __attribute__((warn_unused_result))
#else
#define GBO_WARN_UNUSED
#endif

#endif
