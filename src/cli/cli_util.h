/* cli_util.h -- helpers shared by the subcommands: option values, ball
 * printing and JSON records for balls. */
#ifndef TSA_CLI_UTIL_H
#define TSA_CLI_UTIL_H

#include <jansson.h>
#include "tsalign.h"

/* Parse a precision in bits (2 .. 1000000); TSA_EINVAL names the option. */
int tsa_cli_parse_prec(slong *prec, const char *str, const char *what);

/* A k range "A" or "A:B" of decimal integers with lo <= A <= B <= hi;
 * returns 1 and sets *a, *b, or 0 (nothing set) when malformed or out of
 * range. */
int tsa_cli_parse_krange(slong *a, slong *b, const char *s, slong lo, slong hi);

/* Ball as a decimal string that encloses it (Arb's arb_get_str), digits
 * significant digits; caller frees with flint_free. */
char *tsa_cli_ball_str(const arb_t x, slong digits);

/* JSON record of a ball: {"ball": "[m +/- r]", "mid": "...", "rad": "...",
 * "exact": arb_dump_str, "accuracy_bits": n}. */
json_t *tsa_cli_ball_json(const arb_t x, slong digits);

/* Print a JSON value on stdout (indent 2, keys in insertion order). */
void tsa_cli_print_json(json_t *j);

/* Range checks on parsed balls, each a one-line error naming the option:
 * x > 0; lo <= x < hi (hi_open) ; 0 <= x <= pi.  The check is on the
 * whole ball: a ball straddling a bound is rejected as well. */
int tsa_cli_check_positive(const arb_t x, const char *str, const char *what);
int tsa_cli_check_slope(const arb_t c, const char *str, const char *what);
int tsa_cli_check_angle(const arb_t t, const char *what);

/* Digits to print for a working precision. */
slong tsa_cli_digits(slong prec);

/* Work limit of the ball-arithmetic subcommands (kernel, ad), in
 * "values x bits": the number of balls computed (entries, angles x
 * series coefficients) times the working precision.  10^8 is a few
 * seconds on one core (one value at 10^6 bits, or 100 series
 * coefficients at 10^6 bits, or 10^4 angles at 10^4 bits). */
#define TSA_CLI_WORK_MAX 1e8
/* Maximal number of angles in --theta. */
#define TSA_CLI_MAX_LIST 10000

/* TSA_EINVAL naming what when units > TSA_CLI_WORK_MAX; detail says what
 * was multiplied (e.g. "3 angles x 4 functions x 128 bits"). */
int tsa_cli_check_work(const char *what, double units, const char *detail);

/* Flush stdout; TSA_EIO "stdout: write failed: <strerror>" when that or
 * an earlier write failed (full disk, closed pipe). */
int tsa_cli_stdout_status(void);

#endif
