/* libgbo — error values and status strings. */
#include "config.h"
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <unicode/utypes.h>

const char *gbo_strerror(gbo_status status)
{
    switch (status) {
    case GBO_OK: return "success";
    case GBO_E_NOMEM: return "out of memory";
    case GBO_E_INVALID_ARG: return "invalid argument";
    case GBO_E_INVALID_UTF8: return "text is not well-formed UTF-8";
    case GBO_E_INVALID_VALUE: return "value does not have the required form";
    case GBO_E_TOO_LONG: return "value is too long";
    case GBO_E_NOT_FOUND: return "not found";
    case GBO_E_CONFLICT: return "conflicts with an existing definition";
    case GBO_E_PARSE: return "data could not be parsed";
    case GBO_E_IO: return "input/output error";
    case GBO_E_ICU: return "ICU service failed";
    case GBO_E_INTERNAL: return "internal error";
    case GBO_E_DOCUMENT: return "document refused (see its diagnostics)";
    case GBO_E_CANCELLED: return "stopped by the caller";
    }
    return "unknown status";
}

void gbo_error_clear(gbo_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

gbo_status gbop_fail(gbo_error *err, gbo_status status, const char *rule, const char *path,
                     const char *fmt, ...)
{
    va_list ap;

    if (!err)
        return status;
    memset(err, 0, sizeof *err);
    err->status = status;
    if (rule)
        snprintf(err->rule, sizeof err->rule, "%s", rule);
    if (path)
        snprintf(err->path, sizeof err->path, "%s", path);
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return status;
}

gbo_status gbop_nomem(gbo_error *err)
{
    return gbop_fail(err, GBO_E_NOMEM, NULL, NULL, "out of memory");
}

void gbop_error_at(gbo_error *err, unsigned long line, unsigned long column)
{
    if (err) {
        err->line = line;
        err->column = column;
    }
}

gbo_status gbop_icu_status(int icu_error)
{
    return icu_error == U_MEMORY_ALLOCATION_ERROR ? GBO_E_NOMEM : GBO_E_ICU;
}
