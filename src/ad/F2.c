/* F2.c -- tsa_ad_F2: F''(theta) (docs/ad.md s. 3). */
#include "ad_impl.h"

int
tsa_ad_F2(arb_t res, const arb_t theta, tsa_ad_act_t act, const arb_t c,
          slong prec)
{
    return _tsa_ad_Fk(res, TSA_AD_WHICH_F2, theta, act, c, "tsa_ad_F2",
                      prec);
}
