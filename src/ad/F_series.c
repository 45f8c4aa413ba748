/* F_series.c -- tsa_ad_F_series: Taylor series of F(theta0 + t).
 *
 * F(theta0 + t) = F(theta0) + int_0^t F',  F' = -sin(theta) G(theta)
 * (docs/ad.md s. 5): the constant term is the monotone hull of F on the
 * ball, the others come from products of series without cancellation. */
#include "ad_impl.h"

int
tsa_ad_F_series(arb_poly_t res, const arb_t theta0, slong len,
                tsa_ad_act_t act, const arb_t c, slong prec)
{
    arb_t T, a, b, F0, F0relu;
    arb_poly_t P;
    slong wp = prec + TSA_AD_GUARD;
    int st;

    if (len < 0)
        return TSA_ERROR(TSA_EINVAL, "tsa_ad_F_series: len = %ld < 0",
                         (long) len);
    arb_init(T);
    arb_init(a);
    arb_init(b);
    arb_init(F0);
    arb_init(F0relu);
    arb_poly_init(P);
    st = _tsa_ad_prepare(T, a, b, theta0, act, c, TSA_AD_WHICH_F,
                         "tsa_ad_F_series", prec);
    if (st == TSA_SUCCESS && len > 0)
    {
        _tsa_ad_F_hull(F0, T, a, b, act, c, wp);
        if (act == TSA_AD_ARCCOS2)
            _tsa_ad_F_hull(F0relu, T, a, b, TSA_AD_RELU, NULL, wp);
        _tsa_ad_dF_series_raw(P, T, len - 1, act, c, F0relu, wp);
        arb_poly_integral(P, P, wp);
        arb_poly_set_coeff_arb(P, 0, F0);
        arb_poly_truncate(P, len);
        arb_poly_set_round(res, P, prec);
    }
    else if (st == TSA_SUCCESS)
        arb_poly_zero(res);
    arb_clear(T);
    arb_clear(a);
    arb_clear(b);
    arb_clear(F0);
    arb_clear(F0relu);
    arb_poly_clear(P);
    return st;
}
