/* F_d.c -- tsa_ad_F_d: float64 F(theta) (formulas in eval.c, docs/ad.md). */
#include "ad_d_impl.h"

double
tsa_ad_F_d(double theta, tsa_ad_act_t act, double c)
{
    double d, s, co, k;
    if (!_tsa_ad_trig_d(&d, &s, &co, theta))
        return NAN;
    switch (act)
    {
    case TSA_AD_RELU:
        return _tsa_ad_relu_J_d(d, s, co) / TSA_AD_2PI;
    case TSA_AD_LEAKY:
        if (!(c >= 0.0 && c < 1.0))
            return NAN;
        k = (1.0 - c) * (1.0 - c);
        return k * _tsa_ad_relu_J_d(d, s, co) / TSA_AD_2PI + c * co;
    case TSA_AD_ARCCOS0:
        return d / TSA_AD_2PI;
    case TSA_AD_ARCCOS2:
        if (d <= TSA_AD_NEAR_PI_D)
            return _tsa_ad_h_d(2.0 * d) / TSA_AD_2PI;
        return (3.0 * s * co + d * (1.0 + 2.0 * co * co)) / TSA_AD_2PI;
    default:
        return NAN;
    }
}
