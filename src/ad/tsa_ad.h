/* tsa_ad.h -- Angular Distance (AD) functions (AD paper; DESIGN.md s. 2;
 * formulas, derivations and sources in docs/ad.md).
 *
 * For a positively homogeneous activation sigma of degree p and x ~ N(0, I),
 *   E[sigma(w.x) sigma(u.x)] = |w|^p |u|^p F(theta),  theta = angle(w, u).
 * F = f(cos theta), so for the smooth cases F'(0) = F'(pi) = 0 and
 *   G(theta) = -F'(theta) / sin(theta) = f'(cos theta)
 * is analytic on [0, pi] except where f' blows up (arc-cosine order 0,
 * whose F'(0) = F'(pi) = -1/(2 pi) as one-sided derivatives).
 *
 *   ReLU        F = (sin t + (pi - t) cos t) / (2 pi),   G = (pi - t)/(2 pi)
 *   leaky (c)   F = (1 + c^2) F_relu(t) - 2 c F_relu(pi - t)
 *                 = (1 - c)^2 F_relu(t) + c cos t,
 *               G = ((1 + c^2)(pi - t) + 2 c t) / (2 pi)
 *   arccos 0    F = (pi - t) / (2 pi)    (step), G = 1 / (2 pi sin t)
 *   arccos 2    F = (3 sin t cos t + (pi - t)(1 + 2 cos^2 t)) / (2 pi),
 *               G = 4 F_relu
 *
 * (Cho & Saul 2009: F = J_n / (2 pi).)  Derivatives at 0 and pi are those of
 * the closed forms (one-sided derivatives of F on [0, pi]).
 *
 * Common contract of the Arb functions: the output contains the exact value
 * for every theta in the input ball intersected with [0, pi] (and every c in
 * the ball c).  prec is a working precision; for exact theta (and c) the
 * result is computed with a Ziv loop and has relative accuracy about prec
 * bits (absolute where the value is 0).  res may alias theta (not c).
 * Return TSA_SUCCESS, or, with res indeterminate and a one-line message in
 * tsa_error_last():
 *   TSA_EDOM   theta not finite; theta misses [0, pi]; act == TSA_AD_LEAKY
 *              and c is NULL, not finite or not inside [0, 1); G of
 *              arccos 0 with [0, pi] n theta touching 0 or pi (poles);
 *   TSA_EINVAL unknown act, len < 0. */
#ifndef TSA_AD_H
#define TSA_AD_H

#include "tsa_arb.h"
#include "tsa_base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum
{
    TSA_AD_RELU = 0,
    TSA_AD_LEAKY = 1,
    TSA_AD_ARCCOS0 = 2,
    TSA_AD_ARCCOS2 = 3
} tsa_ad_act_t;

/* Parse "relu", "leaky", "arccos0", "arccos2" (also "step" and
 * "relu2"); returns TSA_EINVAL on an unknown name (act unchanged). */
int tsa_ad_act_parse(tsa_ad_act_t *act, const char *name) TSA_WUR;
/* Canonical name ("relu", "leaky", "arccos0", "arccos2"; "unknown"). */
const char *tsa_ad_act_name(tsa_ad_act_t act);

/* F, F' (F1), F'' (F2), G at theta.  c is the leaky slope (ignored
 * otherwise; may be NULL unless act == TSA_AD_LEAKY).
 * Ball theta: F and (arccos 2) G use monotonicity (hull of the values at
 * the ends), arccos 0's G convexity, F' and F'' the intersection of the
 * direct form with a mean-value form; ReLU/leaky G are linear in theta. */
int tsa_ad_F(arb_t res, const arb_t theta, tsa_ad_act_t act, const arb_t c,
             slong prec) TSA_WUR;
int tsa_ad_F1(arb_t res, const arb_t theta, tsa_ad_act_t act, const arb_t c,
              slong prec) TSA_WUR;
int tsa_ad_F2(arb_t res, const arb_t theta, tsa_ad_act_t act, const arb_t c,
              slong prec) TSA_WUR;
int tsa_ad_G(arb_t res, const arb_t theta, tsa_ad_act_t act, const arb_t c,
             slong prec) TSA_WUR;

/* Taylor series in t of F(theta0 + t) and G(theta0 + t), truncated to
 * length len (coefficient i encloses F^(i)(theta)/i! for every theta in
 * theta0 n [0, pi], derivatives of the closed forms).  A ball theta0 is
 * allowed.  G's series at theta0 = 0 or pi is computed without dividing
 * 0/0 (G = f'(cos theta) in closed form); F's series is
 * F(theta0) + int_0^t (-sin G).  TSA_EDOM as above (G of arccos 0 at a
 * pole); TSA_EINVAL for len < 0.  res is not used as scratch on failure. */
int tsa_ad_F_series(arb_poly_t res, const arb_t theta0, slong len,
                    tsa_ad_act_t act, const arb_t c, slong prec) TSA_WUR;
int tsa_ad_G_series(arb_poly_t res, const arb_t theta0, slong len,
                    tsa_ad_act_t act, const arb_t c, slong prec) TSA_WUR;

/* Quotient of two power series whose leading coefficients vanish
 * (l'Hopital on series): with m the index of the first coefficient of den
 * proved nonzero (0 not in the ball), and den_0 .. den_{m-1} and num_0 ..
 * num_{m-1} all proved zero (exact zero balls), sets res to
 * (num / t^m) / (den / t^m) truncated to length len and *order to m (order
 * may be NULL).  num and den are taken as polynomials, as in
 * arb_poly_div_series: pass at least m + len coefficients of each series.
 * Typical use, extending the method to a new activation:
 *   G(theta0 + t) = -F'(theta0 + t) / sin(theta0 + t)  at theta0 = 0
 * (at pi, write the series in d = pi - theta so that the zeros are exact).
 * Returns TSA_EDOM (res unchanged) when a denominator coefficient is
 * neither proved zero nor proved nonzero, none is proved nonzero, or a
 * numerator coefficient below m is not proved zero -- "undecided", never a
 * silent wrong quotient; TSA_EINVAL for len < 0.  res may alias num or den. */
int tsa_ad_div_series_zero(arb_poly_t res, slong *order,
                           const arb_poly_t num, const arb_poly_t den,
                           slong len, slong prec) TSA_WUR;

/* float64 versions of F and G (no error bound; relative error below 2^-47
 * in the tests, absolute for the leaky F, which has a zero).  NaN for
 * theta outside [0, pi] (the double nearest pi, 0x1.921fb54442d18p+1, is
 * inside), NaN for unknown act or (leaky) c outside [0, 1); G of arccos 0
 * returns +inf at theta = 0. */
double tsa_ad_F_d(double theta, tsa_ad_act_t act, double c);
double tsa_ad_G_d(double theta, tsa_ad_act_t act, double c);

#ifdef __cplusplus
}
#endif
#endif
