/* G_series.c -- tsa_ad_G_series: Taylor series of G(theta0 + t).
 *
 * Closed forms of G = f'(cos theta) (docs/ad.md s. 3), so theta0 = 0 and
 * pi need no 0/0 division: ReLU and leaky G are linear in t, arccos 2
 * G = 4 F_relu (integrated from F'_relu = -sin G_relu), arccos 0
 * G = 1 / (2 pi sin) (poles at 0 and pi: TSA_EDOM). */
#include "ad_impl.h"

int
tsa_ad_G_series(arb_poly_t res, const arb_t theta0, slong len,
                tsa_ad_act_t act, const arb_t c, slong prec)
{
    arb_t T, a, b, G0, F0relu, u;
    arb_poly_t P;
    slong wp = prec + TSA_AD_GUARD;
    int st;

    if (len < 0)
        return TSA_ERROR(TSA_EINVAL, "tsa_ad_G_series: len = %ld < 0",
                         (long) len);
    arb_init(T);
    arb_init(a);
    arb_init(b);
    arb_init(G0);
    arb_init(F0relu);
    arb_init(u);
    arb_poly_init(P);
    st = _tsa_ad_prepare(T, a, b, theta0, act, c, TSA_AD_WHICH_G,
                         "tsa_ad_G_series", prec);
    if (st == TSA_SUCCESS && len > 0)
    {
        if (act == TSA_AD_ARCCOS2)
            _tsa_ad_F_hull(F0relu, T, a, b, TSA_AD_RELU, NULL, wp);
        _tsa_ad_G_series_raw(P, T, len, act, c, F0relu, wp);
        /* constant term: the tighter hull enclosure of G on the ball */
        _tsa_ad_G_hull(G0, T, a, b, act, c, wp);
        arb_poly_get_coeff_arb(u, P, 0);
        if (arb_intersection(u, u, G0, wp))
            arb_poly_set_coeff_arb(P, 0, u);
        arb_poly_set_round(res, P, prec);
    }
    else if (st == TSA_SUCCESS)
        arb_poly_zero(res);
    arb_clear(T);
    arb_clear(a);
    arb_clear(b);
    arb_clear(G0);
    arb_clear(F0relu);
    arb_clear(u);
    arb_poly_clear(P);
    return st;
}
