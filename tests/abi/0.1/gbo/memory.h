/* libgbo — releasing memory the library handed to the caller. */
#ifndef GBO_MEMORY_H
#define GBO_MEMORY_H

#include <gbo/export.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Free a block the library documented as "free with gbo_free" (arrays and
 * strings it returned). NULL is allowed. */
GBO_API void gbo_free(void *ptr);

#ifdef __cplusplus
}
#endif
#endif
