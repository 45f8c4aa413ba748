/* pair.c -- shared per-pair quantities (angle, sine, cosine) as balls. */
#include "certify_impl.h"

double
_tsa_arb_abs_ub_d(const arb_t x)
{
    arf_t t;
    double r;
    arf_init(t);
    arb_get_abs_ubound_arf(t, x, 64);
    r = arf_get_d(t, ARF_RND_UP);
    arf_clear(t);
    return r;
}

void
_tsa_arb_get_mr(double *m, double *r, const arb_t x)
{
    arb_t y;
    arb_init(y);
    *m = arf_get_d(arb_midref(x), ARF_RND_NEAR);
    arb_set_d(y, *m);
    arb_sub(y, x, y, 64);
    *r = _tsa_arb_abs_ub_d(y);
    arb_clear(y);
}

int
_tsa_norm(arb_t nv, arb_srcptr v, slong d, slong prec)
{
    arb_dot(nv, NULL, 0, v, 1, v, 1, d, prec);
    if (!arb_is_positive(nv))
        return 0;
    arb_sqrt(nv, nv, prec);
    return arb_is_positive(nv);
}

void
_tsa_pair_angle(arb_t c, arb_t s, arb_t th, slong prec)
{
    arb_t t;
    arb_init(t);
    /* the exact cosine lies in [-1, 1]: intersect */
    if (!arb_is_finite(c))
        arb_zero_pm_one(c);
    arb_zero_pm_one(t);
    if (!arb_intersection(c, c, t, prec))
        arb_zero_pm_one(c);
    arb_acos(th, c, prec);
    /* s = sqrt((1 - c)(1 + c)) >= 0 */
    arb_sub_ui(t, c, 1, prec);
    arb_neg(t, t);
    arb_add_ui(s, c, 1, prec);
    arb_mul(s, s, t, prec);
    arb_sqrtpos(s, s, prec);
    arb_clear(t);
}

int
_tsa_pair(arb_t c, arb_t s, arb_t th, const arb_t nw, const arb_t nu,
          arb_srcptr w, arb_srcptr u, slong d, slong prec)
{
    arb_t t;
    if (!arb_is_positive(nw) || !arb_is_positive(nu))
        return 0;
    arb_init(t);
    arb_dot(c, NULL, 0, w, 1, u, 1, d, prec);
    arb_mul(t, nw, nu, prec);
    arb_div(c, c, t, prec);
    arb_clear(t);
    _tsa_pair_angle(c, s, th, prec);
    return 1;
}
