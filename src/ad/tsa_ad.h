/* tsa_ad.h -- Angular Distance (AD) functions (AD paper; DESIGN.md s. 2).
 *
 * For a positively homogeneous activation sigma of degree p and x ~ N(0, I),
 *   E[sigma(w.x) sigma(u.x)] = |w|^p |u|^p F(theta),  theta = angle(w, u).
 * F = f(cos theta) is even about 0 and about pi, so F'(0) = F'(pi) = 0 and
 *   G(theta) = -F'(theta) / sin(theta) = f'(cos theta)
 * is analytic on [0, pi] except where f' blows up (arc-cosine order 0).
 *
 *   ReLU        F = (sin t + (pi - t) cos t) / (2 pi),   G = (pi - t)/(2 pi)
 *   leaky (c)   F = (1 + c^2) F_relu(t) - 2 c F_relu(pi - t)
 *   arccos 0    F = (pi - t) / (2 pi)          (step; G has poles at 0, pi)
 *   arccos 2    F = (3 sin t cos t + (pi - t)(1 + 2 cos^2 t)) / (2 pi)
 *
 * (Cho & Saul 2009, J_n / (2 pi); derivations in docs/ad.md.)  All Arb
 * functions: the output contains the exact value for every theta in the
 * input ball intersected with [0, pi]; TSA_EDOM (output indeterminate) when
 * that intersection is empty, theta is not finite, c is outside [0, 1), or
 * (G of arccos 0) the ball touches a pole. */
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
 * "relu2"); returns TSA_EINVAL on an unknown name. */
int tsa_ad_act_parse(tsa_ad_act_t *act, const char *name) TSA_WUR;
const char *tsa_ad_act_name(tsa_ad_act_t act);

/* F, F', F'', G at theta.  c is the leaky slope (ignored otherwise; may
 * be NULL unless act == TSA_AD_LEAKY).  res may alias theta. */
int tsa_ad_F(arb_t res, const arb_t theta, tsa_ad_act_t act, const arb_t c,
             slong prec) TSA_WUR;
int tsa_ad_F1(arb_t res, const arb_t theta, tsa_ad_act_t act, const arb_t c,
              slong prec) TSA_WUR;
int tsa_ad_F2(arb_t res, const arb_t theta, tsa_ad_act_t act, const arb_t c,
              slong prec) TSA_WUR;
int tsa_ad_G(arb_t res, const arb_t theta, tsa_ad_act_t act, const arb_t c,
             slong prec) TSA_WUR;

/* Taylor series in t of F(theta0 + t) and G(theta0 + t), truncated to
 * length len (coefficient i encloses F^(i)(theta0)/i!).  theta0 in [0, pi]
 * (a ball is allowed).  G's series at theta0 = 0 or pi is computed without
 * dividing 0/0 (G = f'(cos theta) in closed form).  TSA_EDOM for G of
 * arccos 0 at a pole. */
int tsa_ad_F_series(arb_poly_t res, const arb_t theta0, slong len,
                    tsa_ad_act_t act, const arb_t c, slong prec) TSA_WUR;
int tsa_ad_G_series(arb_poly_t res, const arb_t theta0, slong len,
                    tsa_ad_act_t act, const arb_t c, slong prec) TSA_WUR;

/* float64 versions of F and G (no error bound). */
double tsa_ad_F_d(double theta, tsa_ad_act_t act, double c);
double tsa_ad_G_d(double theta, tsa_ad_act_t act, double c);

#ifdef __cplusplus
}
#endif
#endif
