/* psi_l_d.c -- tsa_kernel_psi_l_d: float64 psi_l (docs/kernels.md s.3, 5, 7).
 */
#include "kernel_impl.h"
#include <math.h>
#include <stdlib.h>

static double
sigma_d(double b, double c)
{
    return b > 0.0 ? b : c * b;
}

/* E[sigma(v.xt)] = s n [m1(k) - c (m1(k) - k)], m1(k) = k Phi(k) + phi(k) */
static double
mean_sigma_d(double n, double b, double k, int vz, double s, double c)
{
    double m1;
    if (vz)
        return sigma_d(b, c);
    m1 = k * _tsa_kernel_Phi_d(k) + _tsa_kernel_phi_d(k);
    return s * n * (m1 - c * (m1 - k));
}

double
tsa_kernel_psi_l_d(const double *w, const double *u, size_t d, int bias,
                   double s, double c)
{
    _tsa_kernel_geom_d_t g;
    double buf[64], *wh = buf, *uh, Mc, r;
    if (d > 32)
        wh = malloc(2 * d * sizeof(double));
    if (wh == NULL)
        return NAN;
    uh = wh + d;
    _tsa_kernel_geom_d(&g, wh, uh, w, u, d, bias, s);
    if (g.wz)
        r = sigma_d(g.bw, c) * mean_sigma_d(g.nu, g.bu, g.k, g.uz, s, c);
    else if (g.uz)
        r = sigma_d(g.bu, c) * mean_sigma_d(g.nw, g.bw, g.h, g.wz, s, c);
    else
    {
        _tsa_kernel_leaky_d(&Mc, NULL, NULL, g.h, g.k, g.th, c);
        r = s * s * g.nw * g.nu * Mc;
    }
    if (wh != buf)
        free(wh);
    return r;
}
