/* error.c -- one error handler for the whole library (GSL's pattern). */
#include <stdarg.h>
#include <stdio.h>
#include "tsa_base.h"

static char tsa_last_reason[512];

static void
tsa_default_handler(const char *reason, const char *file, int line, int status)
{
    (void) file;
    (void) line;
    (void) status;
    (void) reason; /* already stored in tsa_last_reason */
}

static tsa_error_handler_t *tsa_handler = tsa_default_handler;

tsa_error_handler_t *
tsa_set_error_handler(tsa_error_handler_t *h)
{
    tsa_error_handler_t *old = tsa_handler;
    tsa_handler = (h != NULL) ? h : tsa_default_handler;
    return old;
}

const char *
tsa_error_last(void)
{
    return tsa_last_reason;
}

int
tsa_error(int status, const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tsa_last_reason, sizeof tsa_last_reason, fmt, ap);
    va_end(ap);
    tsa_handler(tsa_last_reason, file, line, status);
    return status;
}

const char *
tsa_strerror(int status)
{
    switch (status)
    {
    case TSA_SUCCESS: return "success";
    case TSA_EINVAL: return "invalid argument";
    case TSA_EDOM: return "outside the domain";
    case TSA_EIO: return "input/output error";
    case TSA_EFORMAT: return "malformed input";
    case TSA_ENOMEM: return "out of memory";
    case TSA_EMAXITER: return "iteration limit reached";
    default: return "unknown error";
    }
}

const char *
tsa_truth_name(tsa_truth_t t)
{
    switch (t)
    {
    case TSA_TRUE: return "true";
    case TSA_FALSE: return "false";
    default: return "undecided";
    }
}
