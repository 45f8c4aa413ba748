/* ad_d_impl.h -- float64 kernels shared by F_d.c and G_d.c (private).
 * Same formulas as eval.c; near pi, d = pi - theta is formed as
 * (pi_hi - theta) + pi_lo (Sterbenz: pi_hi - theta is exact for
 * theta >= pi_hi / 2) and the cancelling forms use their series. */
#ifndef TSA_AD_D_IMPL_H
#define TSA_AD_D_IMPL_H

#include <math.h>
#include "tsa_ad.h"

#define TSA_AD_PI_HI 3.141592653589793116    /* double nearest pi */
#define TSA_AD_PI_LO 1.2246467991473532e-16  /* pi - TSA_AD_PI_HI */
#define TSA_AD_2PI 6.283185307179586232
/* series below d = pi - theta <= 1: the closed forms then lose at most
 * ~4 bits (F_relu(pi - 1) = 0.05, J_2(pi - 1) = 0.22 against terms ~ 3) */
#define TSA_AD_NEAR_PI_D 1.0

/* sin x - x cos x = sum_{k>=1} (-1)^(k+1) 2k x^(2k+1)/(2k+1)!, |x| <= 2:
 * alternating with decreasing terms; 16 terms leave a tail below 2^-60
 * relative. */
static inline double
_tsa_ad_g_d(double x)
{
    double x2 = x * x, term = x2 * x / 3.0, sum = 0.0;
    int k;
    for (k = 1; k <= 16; k++)
    {
        sum += term;
        term *= -x2 / (double) (2 * k * (2 * k + 3));
    }
    return sum;
}

/* x + (x/2) cos x - (3/2) sin x = sum_{k>=2} (-1)^k (k-1) x^(2k+1)/(2k+1)!,
 * |x| <= 2, 16 terms. */
static inline double
_tsa_ad_h_d(double x)
{
    double x2 = x * x, term = x2 * x2 * x / 120.0, sum = 0.0;
    int k;
    for (k = 2; k <= 17; k++)
    {
        sum += term;
        term *= -x2 * (double) k
                / ((double) (k - 1) * (double) (2 * k + 2) * (double) (2 * k + 3));
    }
    return sum;
}

/* d = pi - t, s = sin t, co = cos t; returns 0 outside [0, pi_hi]. */
static inline int
_tsa_ad_trig_d(double *d, double *s, double *co, double t)
{
    if (!(t >= 0.0 && t <= TSA_AD_PI_HI))
        return 0;
    *d = (TSA_AD_PI_HI - t) + TSA_AD_PI_LO;
    if (t < 2.0)
    {
        *s = sin(t);
        *co = cos(t);
    }
    else
    {
        *s = sin(*d);
        *co = -cos(*d);
    }
    return 1;
}

/* 2 pi F_relu */
static inline double
_tsa_ad_relu_J_d(double d, double s, double co)
{
    return d <= TSA_AD_NEAR_PI_D ? _tsa_ad_g_d(d) : s + d * co;
}

#endif
