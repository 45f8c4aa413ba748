/* error.c -- the library's error reporting (GSL's pattern), per thread:
 * the last reason and the installed handler are _Thread_local, so two
 * threads calling the library at once each see their own message, and a
 * handler installed by one thread (the CLI's printer) is not called for
 * another thread's errors.  A new thread starts with the default handler
 * (store only, never print). */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <gsl/gsl_errno.h>
#include "tsa_base.h"

static _Thread_local char tsa_last_reason[512];

static void
tsa_default_handler(const char *reason, const char *file, int line, int status)
{
    (void) file;
    (void) line;
    (void) status;
    (void) reason; /* already stored in tsa_last_reason */
}

static _Thread_local tsa_error_handler_t *tsa_handler = tsa_default_handler;

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

/* GSL's error handler, switched off once per process.
 *
 * GSL keeps one process-global error handler whose default aborts.  The
 * library checks the return value of every GSL call, so it needs the
 * handler off while it runs; saving and restoring it around each call (as
 * the certify code once did) races when two threads call the library at
 * once: one thread restores "abort" while the other is still inside GSL.
 * Instead the handler is switched off once, the first time the library
 * needs it, and never restored: a program linking libtsalign gets GSL's
 * handler off from its first certification on (tsa_base.h). */
static pthread_once_t tsa_gsl_once = PTHREAD_ONCE_INIT;

static void
tsa_gsl_off(void)
{
    (void) gsl_set_error_handler_off();
}

void
tsa_gsl_quiet(void)
{
    (void) pthread_once(&tsa_gsl_once, tsa_gsl_off);
}
