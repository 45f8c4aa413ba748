/* tsa_ad.h -- Angular Distance (AD) functions (AD paper; docs/kernels.md;
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


/* ---- Property engine (docs/ad-alignment.md s. 8) --------------------------
 *
 * A property is an inequality q > 0 on a domain D, where q = g / m, g is
 * built from F, F', F'', F''', G, G', sin, cos and arithmetic of one angle
 * (D an interval [lo, hi] of [0, pi]) or two angles (D the triangle
 * {a, b >= 0, a + b <= pi}), and m is the known vanishing factor:
 * interval (theta - lo)^k_lo (hi - theta)^k_hi, triangle a^k_a b^k_b, with
 * the orders k depending on the family.  That g vanishes to those orders on
 * the edges is an exact fact stated with the property (docs s. 8); the
 * engine only checks that it is consistent (the Taylor coefficients it
 * relies on being zero contain 0) and refuses the property otherwise.
 *
 * g is evaluated on jets: truncated Taylor polynomials in up to two
 * variables with Arb coefficients.  A box away from the vanishing edges is
 * proved by a Taylor model of g about its centre (Lagrange remainder from
 * the jet over the whole box); a box touching an edge by the Taylor model of
 * the quotient q (coefficients of order >= k at the edge point, remainder
 * over the box: q is a mean of a derivative of g with non-negative
 * weights). */
#define TSA_AD_JET_MAXDEG 16

typedef struct
{
    arb_ptr c;  /* coefficient of s^i t^j at i * (deg + 1) + j */
    slong nv;   /* number of jet variables: 0, 1 or 2 */
    slong deg;  /* total degree kept */
} tsa_ad_jet_struct;
typedef tsa_ad_jet_struct tsa_ad_jet_t[1];

typedef struct
{
    tsa_ad_act_t act;
    const arb_struct *c; /* leaky slope */
    slong prec;
} tsa_ad_jet_ctx_t;

void tsa_ad_jet_init(tsa_ad_jet_t x, slong nv, slong deg);
void tsa_ad_jet_clear(tsa_ad_jet_t x);
void tsa_ad_jet_set(tsa_ad_jet_t res, const tsa_ad_jet_t x);
void tsa_ad_jet_set_arb(tsa_ad_jet_t res, const arb_t a);
/* res = x0 + sign * (jet variable v) */
void tsa_ad_jet_var(tsa_ad_jet_t res, const arb_t x0, slong v, int sign);
void tsa_ad_jet_add(tsa_ad_jet_t res, const tsa_ad_jet_t x,
                    const tsa_ad_jet_t y, slong prec);
void tsa_ad_jet_sub(tsa_ad_jet_t res, const tsa_ad_jet_t x,
                    const tsa_ad_jet_t y, slong prec);
void tsa_ad_jet_mul(tsa_ad_jet_t res, const tsa_ad_jet_t x,
                    const tsa_ad_jet_t y, slong prec);
void tsa_ad_jet_scal(tsa_ad_jet_t res, const tsa_ad_jet_t x, const arb_t a,
                     slong prec);
/* res = u(x) for u with Taylor series U about the constant term of x (U
 * has at least deg + 1 coefficients, enclosing u^(i)/i! over that ball) */
void tsa_ad_jet_compose(tsa_ad_jet_t res, const tsa_ad_jet_t x,
                        const arb_poly_t U, slong prec);
/* res = F^(k)(x) (k <= 3), G^(k)(x) (k <= 1), sin x, cos x; TSA_EDOM
 * where tsa_ad_F_series / tsa_ad_G_series fail (poles, outside [0, pi]) */
int tsa_ad_jet_F(tsa_ad_jet_t res, const tsa_ad_jet_t x, slong k,
                 const tsa_ad_jet_ctx_t *ctx) TSA_WUR;
int tsa_ad_jet_G(tsa_ad_jet_t res, const tsa_ad_jet_t x, slong k,
                 const tsa_ad_jet_ctx_t *ctx) TSA_WUR;
void tsa_ad_jet_sin(tsa_ad_jet_t res, const tsa_ad_jet_t x, slong prec);
void tsa_ad_jet_cos(tsa_ad_jet_t res, const tsa_ad_jet_t x, slong prec);

typedef enum
{
    TSA_AD_DOM_INTERVAL = 1, /* theta in [lo, hi], lo, hi in [0, pi] */
    TSA_AD_DOM_TRIANGLE = 2  /* (a, b): a, b >= 0, a + b <= pi */
} tsa_ad_dom_t;

typedef struct
{
    const char *name; /* identifier, e.g. "phi" */
    const char *text; /* the inequality in words, one line */
    tsa_ad_dom_t dom;
    /* interval ends lo = lo_num pi / lo_den, hi = hi_num pi / hi_den */
    slong lo_num, lo_den, hi_num, hi_den;
    /* vanishing orders of g at (lo, hi) or on (a = 0, b = 0) for the
     * family, each in 0 .. 8, and ord[2] in 0 .. 1: at the corner (0, 0)
     * of the triangle g / (a^k0 b^k1) vanishes too and the engine proves
     * g / (a^k0 b^k1 (a + b)^ord[2]) > 0 there; returns 0, or 1 when the
     * property does not apply to the family */
    int (*orders)(slong ord[3], tsa_ad_act_t act, const arb_t c);
    /* g from the jets x[0] (theta or a) and x[1] (b) */
    int (*eval)(tsa_ad_jet_t g, const tsa_ad_jet_struct *x,
                const tsa_ad_jet_ctx_t *ctx);
} tsa_ad_prop_t;

/* The catalogue of docs s. 8 (terminated by name == NULL), and one
 * property by name (NULL when unknown). */
const tsa_ad_prop_t *tsa_ad_prop_catalogue(void);
const tsa_ad_prop_t *tsa_ad_prop_find(const char *name);

/* Work bounds, checked before any work: boxes 1 .. 10^7, depth 1 .. 200,
 * prec 16 .. 4096, Taylor degree 1 .. TSA_AD_JET_MAXDEG. */
typedef struct
{
    slong max_boxes, max_depth, prec, deg;
} tsa_ad_prop_limits_t;
void tsa_ad_prop_limits_default(tsa_ad_prop_limits_t *lim);

#define TSA_AD_PROP_KEEP 8 /* unresolved boxes kept in the result */

typedef struct
{
    tsa_truth_t truth;
    slong boxes;      /* boxes evaluated */
    slong depth;      /* deepest bisection level reached */
    slong unresolved; /* boxes left at the depth limit or by the budget */
    slong prec;
    slong ord[3];
    double seconds;
    /* false: an exact point of D where q is proved < 0 (q by continuity on
       the vanishing edges), and the ball of q there */
    arb_struct point[2];
    arb_struct value;
    /* undecided: up to TSA_AD_PROP_KEEP unresolved boxes, kept[i][v] is
       the ball covering variable v of box i */
    slong nkept;
    arb_struct kept[TSA_AD_PROP_KEEP][2];
} tsa_ad_prop_result_struct;
typedef tsa_ad_prop_result_struct tsa_ad_prop_result_t[1];

void tsa_ad_prop_result_init(tsa_ad_prop_result_t r);
void tsa_ad_prop_result_clear(tsa_ad_prop_result_t r);

/* Prove prop for the family (act, c) by interval branch-and-bound.
 * Returns TSA_SUCCESS with r->truth TRUE (every box proved), FALSE (with
 * the certified counterexample) or UNDECIDED (depth limit or box budget;
 * the unresolved boxes are counted and the first ones kept); TSA_EINVAL for
 * limits out of range or a property that does not apply to the family;
 * TSA_EDOM when the declared vanishing is contradicted. */
int tsa_ad_prop_prove(tsa_ad_prop_result_t r, const tsa_ad_prop_t *prop,
                      tsa_ad_act_t act, const arb_t c,
                      const tsa_ad_prop_limits_t *lim) TSA_WUR;
/* One-line summary of r (malloc'ed; NULL when out of memory). */
char *tsa_ad_prop_result_str(const tsa_ad_prop_result_t r,
                             const tsa_ad_prop_t *prop);

#ifdef __cplusplus
}
#endif
#endif
