/* tsa_base.h -- status codes, verdicts, error reporting, versions.
 *
 * Conventions (GSL/Arb style): functions that can fail
 * return an int status, TSA_SUCCESS = 0 or a TSA_E* code, after reporting
 * a one-line reason through the error handler.  Library code never prints
 * or exits; the CLI installs a handler that prints "tsalign: <reason>". */
#ifndef TSA_BASE_H
#define TSA_BASE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define TSA_WUR __attribute__((warn_unused_result))
#define TSA_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define TSA_WUR
#define TSA_PRINTF(a, b)
#endif

enum
{
    TSA_SUCCESS = 0,
    TSA_EINVAL = 1,   /* invalid argument (size, option, value)     */
    TSA_EDOM = 2,     /* outside the domain (zero vector, NaN, Inf) */
    TSA_EIO = 3,      /* cannot read or write a file                */
    TSA_EFORMAT = 4,  /* malformed input (number, JSON field)       */
    TSA_ENOMEM = 5,   /* allocation failed                          */
    TSA_EMAXITER = 6  /* iteration cap reached                      */
};

/* Tri-valued verdict.  Compare with == TSA_TRUE, never with !v. */
typedef enum
{
    TSA_FALSE = 0,
    TSA_TRUE = 1,
    TSA_UNDECIDED = 2
} tsa_truth_t;

const char *tsa_truth_name(tsa_truth_t t);
const char *tsa_strerror(int status);

/* Error handler: called once per reported error with the source location
 * and the one-line reason.  The default handler stores the reason, which
 * tsa_error_last() returns; it never prints.  Both the handler and the
 * last reason belong to the calling thread (C11 _Thread_local): setting a
 * handler affects only the thread that sets it, and a new thread starts
 * with the default handler. */
typedef void tsa_error_handler_t(const char *reason, const char *file,
                                 int line, int status);
tsa_error_handler_t *tsa_set_error_handler(tsa_error_handler_t *h);
const char *tsa_error_last(void);

/* Report through the handler and return status. */
int tsa_error(int status, const char *file, int line, const char *fmt, ...)
    TSA_PRINTF(4, 5);
#define TSA_ERROR(status, ...) tsa_error((status), __FILE__, __LINE__, __VA_ARGS__)

/* Switch GSL's process-global error handler off, once per process
 * (thread-safe, idempotent, never restored): library code calling GSL
 * routines that may report an error calls this first and checks the
 * returned status instead.  A program that wants GSL's aborting handler
 * for its own GSL calls must not rely on it after calling libtsalign. */
void tsa_gsl_quiet(void);

/* Versions of every linked library, one "name version" per line, written
 * into buf (always NUL terminated).  Returns the length it needed. */
size_t tsa_versions(char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif
