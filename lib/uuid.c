/* libgbo — random (version 4, RFC 9562) UUIDs from the kernel's generator. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <sys/random.h>

#include "error.h"
#include "uuid.h"

gbo_status gbop_uuid_new(char out[37], gbo_error *err)
{
    unsigned char b[16];
    size_t got = 0;
    while (got < sizeof b) {
        ssize_t n = getrandom(b + got, sizeof b - got, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return gbop_fail(err, GBO_E_IO, NULL, NULL, "no random numbers for a new id");
        got += (size_t)n;
    }
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40); /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* RFC variant */
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
             b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
             b[15]);
    return GBO_OK;
}
