/* tsa_kernel.h -- the kernels psi_l, psi_d of LM eq. (7) for Gaussian input.
 *
 *   psi_l(w, u) = E[ sigma(w . xt) sigma(u . xt) ]
 *   psi_d(w, u) = E[ sigma'(w . xt) sigma'(u . xt) ]
 *
 * with x ~ N(0, s^2 I_d), xt = [x; 1] when biases are used, and
 * sigma(z) = max(z, c z), 0 <= c < 1 (c = 0: ReLU, where psi_d is
 * E[1(w.xt > 0) 1(u.xt > 0)] exactly as in docs/kernels.md; for leaky
 * ReLU sigma'(z) = 1 for z > 0 and c for z < 0).
 *
 * Weight layout: a weight vector holds the d input weights wt and, when
 * bias != 0, one more entry w[d] = b.  With h = b_w/(s|wt|), k = b_u/(s|ut|),
 * theta = angle(wt, ut), rho = cos theta, X, Y standard normal with
 * correlation rho (derivations in docs/kernels.md):
 *
 *   psi_d = Phi2(h, k; rho) + c Phi2(h, -k; -rho) + c Phi2(-h, k; -rho)
 *           + c^2 Phi2(-h, -k; rho)
 *   psi_l = s^2 |wt| |ut| M_c(h, k, theta),  M(h, k, theta) = E[(X+h)_+ (Y+k)_+]
 *
 * Every function exists twice: an Arb version (balls in, ball out,
 * rigorous: the output contains the exact value for every point of the
 * input balls; prec is a working precision, not an accuracy promise) and a
 * float64 version with suffix _d (fast, for training; no error bound). */
#ifndef TSA_KERNEL_H
#define TSA_KERNEL_H

#include "tsa_arb.h"
#include "tsa_base.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bivariate normal moments at (h, k, theta), theta in [0, pi]:
 *   Phi2 = P(X > -h, Y > -k)                       (orthant probability)
 *   M    = E[(X + h)_+ (Y + k)_+]
 *   Mh   = dM/dh = E[1(X > -h) (Y + k)_+]
 * with (X, Y) standard bivariate normal, correlation cos theta.  Any output
 * may be NULL and may alias an input.  Balls h, k, theta give balls
 * containing every value; a theta ball is intersected with [0, pi].
 * Returns TSA_EDOM (outputs set to indeterminate) when an input is not
 * finite or theta misses [0, pi].
 * theta = 0 and pi are handled by their limits (docs/kernels.md s.2).
 * Method: quadrature of dPhi2/dtheta in one of three forms with the
 * singular ends mapped away (docs/kernels.md s.1), closed forms for M, Mh
 * (s.2), derivative bounds for the input radii (s.4), Ziv loop (s.6): for
 * exact inputs the relative accuracy is about prec + 20 bits, except for
 * values far below 2^-prec where only an absolute enclosure is given.
 * The _d version: Genz's BVNU, absolute error ~2e-16 times the scale
 * 1, (1+|h|)(1+|k|), 1+|k| (docs/kernels.md s.7); NULL outputs allowed. */
int tsa_kernel_bvn(arb_t Phi2, arb_t M, arb_t Mh, const arb_t h,
                   const arb_t k, const arb_t theta, slong prec) TSA_WUR;
void tsa_kernel_bvn_d(double *Phi2, double *M, double *Mh, double h,
                      double k, double theta);

/* psi_l(w, u), psi_d(w, u) with the layout above.  s > 0, 0 <= c < 1.
 * Return TSA_EDOM (res indeterminate) on non-finite input, s <= 0, or c
 * outside [0, 1); TSA_EINVAL on d < 1.  wt = 0 is allowed (the limits
 * |wt| -> 0 are used: sigma(w.xt) is then the constant sigma(b)); psi_d
 * uses sigma'(z) = c + (1 - c) 1(z > 0), so sigma'(0) = c (ReLU: 0) and
 * psi_d(0, u) = c E[sigma'(u.xt)] (docs/kernels.md s.5).  Ball weights:
 * the result contains psi at every point of the balls; where the ball of
 * |wt| or |ut| contains 0 (not exactly 0) it is a wide but valid
 * enclosure (psi_l: Lipschitz bound, psi_d: [c^2, 1]).  res may alias an
 * input entry.  The relative accuracy for exact inputs is about prec + 20
 * bits (Ziv loop, docs/kernels.md s.6). */
int tsa_kernel_psi_l(arb_t res, arb_srcptr w, arb_srcptr u, slong d,
                     int bias, const arb_t s, const arb_t c,
                     slong prec) TSA_WUR;
int tsa_kernel_psi_d(arb_t res, arb_srcptr w, arb_srcptr u, slong d,
                     int bias, const arb_t s, const arb_t c,
                     slong prec) TSA_WUR;

/* g = gradient of psi_l(w, u) with respect to w: d entries d/d wt and,
 * when bias != 0, g[d] = d/db.  It equals E[sigma'(w.xt) xt sigma(u.xt)]
 * (xt scaled as the inputs).  TSA_EDOM (g indeterminate) where psi_l is
 * not differentiable in w: w exactly 0 (wt = 0 and b = 0, or wt = 0
 * without bias); wt = 0 with b != 0 is differentiable.  A ball containing
 * such a point, or whose |wt| or |ut| ball contains 0, gets the valid wide
 * enclosure |g_i| <= s ||u|| (|g[d]| <= ||u||), ||u||^2 = s^2|ut|^2 + b_u^2
 * (docs/kernels.md s.5).  Other input errors as for psi_l.  g must not
 * alias w, u. */
int tsa_kernel_psi_l_grad(arb_ptr g, arb_srcptr w, arb_srcptr u, slong d,
                          int bias, const arb_t s, const arb_t c,
                          slong prec) TSA_WUR;

/* float64 versions (no checks beyond what is needed not to crash; a NaN
 * input gives a NaN output; the gradient at w = 0 is NaN).  Same formulas
 * and conventions as the Arb versions with Phi2 by Genz's BVNU; measured
 * absolute error <= 4e-16 times ||w|| ||u|| (psi_l), 1 (psi_d),
 * s ||u|| (1 + |h|) (gradient); relative accuracy is lost for values far
 * below that scale (docs/kernels.md s.7).  Cost: 0.1-0.3 us without bias,
 * 0.3 us (ReLU) to 1.8 us (leaky) with bias. */
double tsa_kernel_psi_l_d(const double *w, const double *u, size_t d,
                          int bias, double s, double c);
double tsa_kernel_psi_d_d(const double *w, const double *u, size_t d,
                          int bias, double s, double c);
void tsa_kernel_psi_l_grad_d(double *g, const double *w, const double *u,
                             size_t d, int bias, double s, double c);

#ifdef __cplusplus
}
#endif
#endif
