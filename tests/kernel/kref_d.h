/* kref_d.h -- helpers for the float64 kernel tests: random exact weight
 * pairs (kref_rand_pair) converted to doubles, and the s-norm
 * ||v||_s = sqrt(s^2 |vt|^2 + b^2) used to scale tolerances. */
#ifndef KREF_D_H
#define KREF_D_H
#include "kref.h"
#include <math.h>

static inline double
kref_snorm_d(const double *v, size_t d, int bias, double s)
{
    double a = 0;
    size_t i;
    for (i = 0; i < d; i++)
        a += v[i] * v[i];
    a *= s * s;
    if (bias)
        a += v[d] * v[d];
    return sqrt(a);
}

static inline void
kref_pair_d(double *wd, double *ud, double *sd, double *cd, arb_ptr w,
            arb_ptr u, arb_t s, arb_t c, slong d, int bias, flint_rand_t st)
{
    slong i;
    kref_rand_pair(w, u, d, bias, s, c, st);
    for (i = 0; i < d + (bias != 0); i++)
    {
        wd[i] = arf_get_d(arb_midref(w + i), ARF_RND_NEAR);
        ud[i] = arf_get_d(arb_midref(u + i), ARF_RND_NEAR);
    }
    *sd = arf_get_d(arb_midref(s), ARF_RND_NEAR);
    *cd = arf_get_d(arb_midref(c), ARF_RND_NEAR);
}
#endif
