/* G_d.c -- tsa_ad_G_d: float64 G(theta) = -F'(theta)/sin(theta). */
#include "ad_d_impl.h"

double
tsa_ad_G_d(double theta, tsa_ad_act_t act, double c)
{
    double d, s, co;
    if (!_tsa_ad_trig_d(&d, &s, &co, theta))
        return NAN;
    switch (act)
    {
    case TSA_AD_RELU:
        return d / TSA_AD_2PI;
    case TSA_AD_LEAKY:
        if (!(c >= 0.0 && c < 1.0))
            return NAN;
        return (1.0 - c) * (1.0 - c) * d / TSA_AD_2PI + c;
    case TSA_AD_ARCCOS0: /* pole at 0: +inf */
        return theta == 0.0 ? INFINITY : 1.0 / (TSA_AD_2PI * s);
    case TSA_AD_ARCCOS2:
        return 4.0 * _tsa_ad_relu_J_d(d, s, co) / TSA_AD_2PI;
    default:
        return NAN;
    }
}
