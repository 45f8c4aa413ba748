/* tsa_test.h -- shared helpers for Arb-style tests (the Arb/FLINT test convention).
 *
 * Every test program is a check suite that prints TAP.  Random tests loop
 * iter < N * tsa_test_multiplier() (env TSALIGN_TEST_MULTIPLIER, default 1)
 * with a fixed seed; TSALIGN_TEST_SEED=random picks and prints a seed,
 * TSALIGN_TEST_SEED=<n> replays one. */
#ifndef TSA_TEST_H
#define TSA_TEST_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include "tsalign.h"

slong tsa_test_multiplier(void);
/* Seed the FLINT random state; returns the seed used (printed on failure). */
ulong tsa_test_seed(flint_rand_t state);
ulong tsa_test_current_seed(void);

/* Run the given test functions as one suite "name", TAP on stdout.
 * timeout: seconds per test (0 keeps check's default).  Returns exit code. */
int tsa_test_main(const char *name, const TTest *const *tests, int ntests,
                  double timeout);

/* Containment and tightness checks: on failure print the label, the
 * values at full precision and the seed, then fail the check test. */
void tsa_test_contains(const char *label, const arb_t ball, const arb_t ref,
                       slong iter);
void tsa_test_overlaps(const char *label, const arb_t a, const arb_t b,
                       slong iter);
/* rel_accuracy(ball) >= bits (or, where the value is 0 or tiny, an
 * absolute radius <= 2^-bits). */
void tsa_test_accurate(const char *label, const arb_t ball, slong bits,
                       slong iter);
/* |x - ref| <= tol * max(|ref|, floor) for float64 paths. */
void tsa_test_close_d(const char *label, double x, double ref, double tol,
                      double floor, slong iter);

/* Forged certificates: verify (tsa_overparam_verify,
 * tsa_overparam_split_verify, ...) of json with the top-level field key set
 * to val (JSON text; a key json lacks is added) must return want with
 * status want_status; on failure the key, value and reason are printed. */
typedef tsa_truth_t (*tsa_test_verify_fn)(char *reason, int *status,
                                          const char *json, slong prec);
char *tsa_test_json_set(const char *json, const char *key, const char *val);
void tsa_test_forged(tsa_test_verify_fn verify, const char *json,
                     const char *key, const char *val, tsa_truth_t want,
                     int want_status, slong prec);

/* Random helpers biased to hard cases. */
double tsa_test_randd(flint_rand_t state, double lo, double hi);
slong tsa_test_randprec(flint_rand_t state);

#endif
