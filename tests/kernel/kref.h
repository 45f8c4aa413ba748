/* kref.h -- independent references for the kernel tests: a different 1-D
 * reduction of Phi2, M, Mh (integral over x of the conditional law of Y
 * given X = x, docs/kernels.md section 8), computed by acb_calc_integrate
 * with a rigorous tail bound.  Never calls the code under test. */
#ifndef KREF_H
#define KREF_H
#include "tsa_test.h"

/* at_pi = 0: theta is the ball th (theta = 0 when th is exactly 0);
 * at_pi = 1: theta = pi exactly.  h, k exact. */
void kref_bvn(arb_t P, arb_t M, arb_t Mh, const arb_t h, const arb_t k,
              const arb_t th, int at_pi, slong prec);

/* leaky combinations Mc, Mch, Pc (docs/kernels.md section 3) from kref_bvn */
void kref_leaky(arb_t Mc, arb_t Mch, arb_t Pc, const arb_t h, const arb_t k,
                const arb_t th, const arb_t c, slong prec);

/* psi_l and psi_d for exact weights: angle by acos of the normalised dot
 * product (a different formula from the library's atan2), zero norms by
 * the constant-activation reduction. */
void kref_psi(arb_t psil, arb_t psid, arb_srcptr w, arb_srcptr u, slong d,
              int bias, const arb_t s, const arb_t c, slong prec);

/* containment of ref when ref is the sharper ball, else overlap (both are
 * enclosures of the same number; a ref like [0 +- 1e-1233] cannot be
 * contained in an enclosure of 1e-(10^18) that is sharper) */
void kref_check(const char *label, const arb_t val, const arb_t ref,
                slong iter);

/* random double biased to hard cases for h, k: 0, +-small, +-30, h = +-k */
double kref_rand_hk(flint_rand_t st);
/* random theta in [0, pi] biased to 0, pi, tiny, near pi, pi/2 */
double kref_rand_theta(flint_rand_t st);
#endif

/* random exact weights w, u (d inputs + bias entry when bias), biased to
 * hard cases: u = +-lambda w, wt = 0, ut = 0, zero biases, scales 2^+-20;
 * s an exact positive double, c 0 or a random double in [0, 1). */
void kref_rand_pair(arb_ptr w, arb_ptr u, slong d, int bias, arb_t s, arb_t c,
                    flint_rand_t st);
/* print a failing input at full precision */
void kref_print_pair(arb_srcptr w, arb_srcptr u, slong d, int bias,
                     const arb_t s, const arb_t c, slong prec, slong iter);
