/* G.c -- tsa_ad_G: G(theta) = -F'(theta)/sin(theta) = f'(cos theta)
 * (docs/ad.md s. 3). */
#include "ad_impl.h"

int
tsa_ad_G(arb_t res, const arb_t theta, tsa_ad_act_t act, const arb_t c,
         slong prec)
{
    arb_t T, a, b, y;
    int st;
    arb_init(T);
    arb_init(a);
    arb_init(b);
    arb_init(y);
    st = _tsa_ad_prepare(T, a, b, theta, act, c, TSA_AD_WHICH_G, "tsa_ad_G",
                         prec);
    if (st == TSA_SUCCESS)
    {
        _tsa_ad_G_hull(y, T, a, b, act, c, prec);
        arb_swap(res, y);
    }
    else
        arb_indeterminate(res);
    arb_clear(T);
    arb_clear(a);
    arb_clear(b);
    arb_clear(y);
    return st;
}
