/* F1.c -- tsa_ad_F1: F'(theta) (docs/ad.md s. 3). */
#include "ad_impl.h"

int
tsa_ad_F1(arb_t res, const arb_t theta, tsa_ad_act_t act, const arb_t c,
          slong prec)
{
    return _tsa_ad_Fk(res, TSA_AD_WHICH_F1, theta, act, c, "tsa_ad_F1",
                      prec);
}
