/* libgbo — run-time version. */
#include "config.h"

#include <gbo/version.h>

const char *gbo_version(void)
{
    return GBO_VERSION_STRING;
}

unsigned gbo_version_hex(void)
{
    return GBO_VERSION_HEX;
}
