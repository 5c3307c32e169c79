/* libgbo internal — new identifiers for the documents libgbo builds. */
#ifndef GBOP_UUID_H
#define GBOP_UUID_H

#include <gbo/error.h>

/* A random (version 4) UUID in lower case, into out[37]. */
gbo_status gbop_uuid_new(char out[37], gbo_error *err);

#endif
