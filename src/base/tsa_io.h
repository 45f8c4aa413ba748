/* tsa_io.h -- exact parsing of user numbers, reading input files, atomic
 * file output.
 *
 * Number syntax accepted everywhere a user types a number:
 *   decimal      "0.1", "-2.5e-3"   exact when the decimal is a binary
 *                                   rational (0.375), otherwise a ball
 *                                   enclosing it at prec bits
 *   hex float    "0x1.8p-1"         C99 hexadecimal, exact (any length up
 *                                   to TSA_IO_MAX_BITS bits)
 *   ball         "[0.5 +/- 1e-10]"  two decimals
 *   multiple pi  "pi", "pi/3", "2*pi/3", "-pi/4"   (a ball containing it)
 * NaN and infinities are rejected.  Limits (docs/formats.md "Limits"),
 * checked before any arithmetic: at most TSA_IO_MAX_DIGITS significant
 * decimal digits, exponents of at most 9 digits, exact mantissas of at
 * most TSA_IO_MAX_BITS bits, and every non-zero value in
 * [2^TSA_IO_MIN_EXP2, 2^TSA_IO_MAX_EXP2) in magnitude: a number outside
 * is refused, never rounded to 0 or to infinity. */
#ifndef TSA_IO_H
#define TSA_IO_H

#include "tsa_arb.h"
#include "tsa_base.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TSA_IO_MAX_DIGITS 5000    /* significant digits of a decimal      */
#define TSA_IO_MAX_BITS 16384     /* bits of an exact (binary) mantissa   */
#define TSA_IO_MAX_EXP2 1024      /* |x| < 2^1024                          */
#define TSA_IO_MIN_EXP2 (-16384)  /* x = 0 or |x| >= 2^-16384             */
#define TSA_IO_MAX_VEC 100000     /* entries of a comma-separated list    */
#define TSA_IO_MAX_FILE (64L << 20) /* bytes of an input file (JSON, TSV)  */

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

/* Parse a number that must be exact: a hex float, an integer or a decimal
 * that is a binary rational ("0.375"); "0.1", balls and multiples of pi
 * are TSA_EFORMAT ("not a binary number").  x is then an exact ball. */
int tsa_io_parse_exact(arb_t x, const char *str, const char *what) TSA_WUR;

/* Parse a double: a decimal is correctly rounded by strtod (numerical
 * use only: say so where it matters; underflow and overflow are refused),
 * a hex float must be exactly a double (else TSA_EFORMAT, as for
 * tsa_io_parse_double_exact).  NaN/Inf rejected, TSA_EFORMAT. */
int tsa_io_parse_double(double *x, const char *str, const char *what) TSA_WUR;

/* Parse a double that must be exact: the number (syntax of
 * tsa_io_parse_exact) must be a double without rounding (at most 53
 * significant bits, no bit below 2^-1074, |x| < 2^1024). */
int tsa_io_parse_double_exact(double *x, const char *str,
                              const char *what) TSA_WUR;

/* Validate an Arb dump as arb_dump_str writes it, before arb_load_str
 * (which aborts on malformed input): four space-separated lowercase hex
 * fields "mid_man mid_exp rad_man rad_exp", no leading zeros, finite
 * values only ("0 0" for zero), odd non-zero mantissas, a radius mantissa
 * below 2^30, midpoint magnitude within the number limits above and a
 * radius in [2^(4 TSA_IO_MIN_EXP2), 2^TSA_IO_MAX_EXP2) or 0.  TSA_EFORMAT
 * names what. */
int tsa_io_check_arb_dump(const char *s, const char *what) TSA_WUR;

/* tsa_io_check_arb_dump, then arb_load_str. */
int tsa_io_load_arb_dump(arb_t x, const char *s, const char *what) TSA_WUR;

/* Check that the decimal string dec is x printed to its digits: with dec
 * = D 10^e (D an integer, e counting the printed digits), |D - x 10^-e|
 * <= 1, and dec = 0 exactly when x = 0.  TSA_EFORMAT ("inconsistent")
 * when proved otherwise. */
int tsa_io_check_decimal_of(const char *dec, const arb_t x,
                            const char *what) TSA_WUR;

/* Copy of s for a one-line message: at most size - 1 chars, non-printable
 * characters as '?', "..." when cut.  Returns buf. */
const char *tsa_io_shown(char *buf, size_t size, const char *s);

/* Read a whole input file into a fresh NUL-terminated *text (free()).
 * TSA_EIO when it cannot be opened or read; TSA_EINVAL when it is not a
 * regular file (directory, FIFO, device) or longer than max bytes;
 * TSA_EFORMAT when it contains a NUL byte. */
int tsa_io_read_file(char **text, size_t *len, const char *path,
                     size_t max) TSA_WUR;

/* TSA_SUCCESS when path names a regular file, else TSA_EIO (missing) or
 * TSA_EINVAL (not a regular file). */
int tsa_io_check_regular(const char *path) TSA_WUR;

/* 1 when a and b both exist and are the same file (device and inode, so
 * symbolic and hard links count), 0 otherwise or when one is "-". */
int tsa_io_same_file(const char *a, const char *b);

/* Write text to path atomically: a temporary file in the same directory,
 * fsync, then rename.  "-" writes to stdout.  TSA_EIO names the path. */
int tsa_io_write_atomic(const char *path, const char *text) TSA_WUR;

#ifdef __cplusplus
}
#endif
#endif
