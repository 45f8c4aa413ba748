/* tsa_io.h -- exact parsing of user numbers, atomic file output.
 *
 * Number syntax accepted everywhere a user types a number:
 *   decimal      "0.1", "-2.5e-3"   parsed by arb_set_str: exact when the
 *                                   decimal is a binary rational that fits
 *                                   prec bits, otherwise a ball enclosing it
 *   hex float    "0x1.8p-1"         C99 hexadecimal, exact (<= 53 bits)
 *   ball         "[0.5 +/- 1e-10]"  Arb's ball syntax
 *   multiple pi  "pi", "pi/3", "2*pi/3", "-pi/4"   (a ball containing it)
 * NaN and infinities are rejected. */
#ifndef TSA_IO_H
#define TSA_IO_H

#include "tsa_arb.h"
#include "tsa_base.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Parse one number into x.  what names the field for the error message
 * ("--theta", "teacher.json: W[2][0]").  TSA_EFORMAT on a malformed or
 * non-finite number; x is then indeterminate. */
int tsa_io_parse_arb(arb_t x, const char *str, const char *what,
                     slong prec) TSA_WUR;

/* Parse a comma-separated list of numbers.  On success *v is a fresh
 * vector of *len entries (free with _arb_vec_clear(*v, *len)).  An empty
 * list or a malformed entry is TSA_EFORMAT, naming the entry's index. */
int tsa_io_parse_arb_vec(arb_ptr *v, slong *len, const char *str,
                         const char *what, slong prec) TSA_WUR;

/* Parse a double: decimal (correctly rounded by strtod; say so where it
 * matters) or hex float (exact).  NaN/Inf rejected, TSA_EFORMAT. */
int tsa_io_parse_double(double *x, const char *str, const char *what) TSA_WUR;

/* Write text to path atomically: a temporary file in the same directory,
 * fsync, then rename.  "-" writes to stdout.  TSA_EIO names the path. */
int tsa_io_write_atomic(const char *path, const char *text) TSA_WUR;

#ifdef __cplusplus
}
#endif
#endif
