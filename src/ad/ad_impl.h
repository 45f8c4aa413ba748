/* ad_impl.h -- private helpers of the ad module (not installed).
 *
 * Formulas and their derivations: docs/ad.md.  Every helper works on the
 * analytic continuation of the closed forms, so an argument ball that
 * pokes a little beyond pi (the clipped upper end is a ball around pi)
 * still gets a valid enclosure of the formula. */
#ifndef TSA_AD_IMPL_H
#define TSA_AD_IMPL_H

#include "tsa_ad.h"

/* Which quantity a kernel computes. */
enum
{
    TSA_AD_WHICH_F = 0,
    TSA_AD_WHICH_F1 = 1,
    TSA_AD_WHICH_F2 = 2,
    TSA_AD_WHICH_G = 3
};

/* Guard bits added to prec (Arb-style: covers the cancellation of at most
 * ~12 bits left after the endpoint series switch, docs/ad.md s. 4). */
#define TSA_AD_GUARD 32

/* Below this |pi - theta| (2^-2) the closed forms of F (ReLU, arccos 2)
 * and F'' (arccos 2) are replaced by their alternating series, which have
 * no cancellation (docs/ad.md s. 4). */
#define TSA_AD_NEAR_PI_EXP (-2)

/* Validate act, theta (finite) and c (leaky: ball inside [0, 1)).
 * fn names the caller in the message.  Returns TSA_SUCCESS or TSA_EDOM /
 * TSA_EINVAL after TSA_ERROR. */
int _tsa_ad_check(const arb_t theta, tsa_ad_act_t act, const arb_t c,
                  const char *fn);

/* Intersect theta with [0, pi].  On success (return 1) a is the exact
 * lower end, b the upper end (exact, or a ball around pi), and T a ball
 * containing [a, b] (T = theta when theta lies inside [0, pi]).  Returns 0
 * when the intersection is empty. */
int _tsa_ad_clip(arb_t T, arb_t a, arb_t b, const arb_t theta, slong wp);

/* d = pi - t, with pi taken at enough precision that d has relative
 * accuracy about wp bits when t is exact (t near pi). */
void _tsa_ad_delta(arb_t d, const arb_t t, slong wp);

/* Closed forms at working precision wp, no precision loop. */
void _tsa_ad_eval(arb_t res, int which, const arb_t t, tsa_ad_act_t act,
                  const arb_t c, slong wp);

/* The same with a Ziv loop when t (and c) are exact: doubles the working
 * precision until the relative accuracy reaches prec (or a cap), then
 * rounds to prec. */
void _tsa_ad_point(arb_t res, int which, const arb_t t, tsa_ad_act_t act,
                   const arb_t c, slong prec);

/* g(x) = sin x - x cos x and h(x) = x + (x/2) cos x - (3/2) sin x by their
 * alternating series; requires |x| <= 1/2 on the whole ball. */
void _tsa_ad_g_small(arb_t res, const arb_t x, slong wp);
void _tsa_ad_h_small(arb_t res, const arb_t x, slong wp);

/* Taylor series of sin(T + t) to length len (computed as sin(d - t),
 * d = pi - T, when T is in the upper half, for relative accuracy). */
void _tsa_ad_sin_series(arb_poly_t res, const arb_t T, slong len, slong wp);

/* Series of G(T + t) and F'(T + t) = -sin(T + t) G(T + t) to length len.
 * F0relu must enclose F_relu(T) (used by arccos 2, where G = 4 F_relu;
 * may be NULL otherwise).  For arccos 0, G needs sin(T) != 0 (caller
 * checks) and F' is the constant -1/(2 pi). */
void _tsa_ad_G_series_raw(arb_poly_t res, const arb_t T, slong len,
                          tsa_ad_act_t act, const arb_t c,
                          const arb_t F0relu, slong wp);
void _tsa_ad_dF_series_raw(arb_poly_t res, const arb_t T, slong len,
                           tsa_ad_act_t act, const arb_t c,
                           const arb_t F0relu, slong wp);

/* F on the clipped interval [a, b]: F is decreasing on [0, pi] for all
 * four activations (F' = -sin(theta) G(theta), G >= 0), so F([a, b]) is
 * the hull of F(b) and F(a). */
void _tsa_ad_F_hull(arb_t res, const arb_t T, const arb_t a, const arb_t b,
                    tsa_ad_act_t act, const arb_t c, slong prec);

/* The G enclosure used by tsa_ad_G after the checks (arccos 0: no pole in
 * [a, b]). */
void _tsa_ad_G_hull(arb_t res, const arb_t T, const arb_t a, const arb_t b,
                    tsa_ad_act_t act, const arb_t c, slong prec);

/* Common entry of the four point functions: check, clip, and, for arccos
 * 0's G, the pole test.  Returns TSA_SUCCESS and fills T, a, b. */
int _tsa_ad_prepare(arb_t T, arb_t a, arb_t b, const arb_t theta,
                    tsa_ad_act_t act, const arb_t c, int which,
                    const char *fn, slong prec);

/* F' (which = 1) or F'' (which = 2) on a ball (Fk_impl.c). */
int _tsa_ad_Fk(arb_t res, int which, const arb_t theta, tsa_ad_act_t act,
               const arb_t c, const char *fn, slong prec);

#endif
