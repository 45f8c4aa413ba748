/* psi_d_d.c -- tsa_kernel_psi_d_d: float64 psi_d (docs/kernels.md s.3, 5, 7).
 */
#include "kernel_impl.h"
#include <math.h>
#include <stdlib.h>

/* sigma'(b) = c + (1 - c) 1(b > 0); E[sigma'(v.xt)] = c + (1 - c) Phi(k) */
static double
mean_dsigma_d(double b, double k, int vz, double c)
{
    if (vz)
        return b > 0.0 ? 1.0 : c;
    return c + (1.0 - c) * _tsa_kernel_Phi_d(k);
}

double
tsa_kernel_psi_d_d(const double *w, const double *u, size_t d, int bias,
                   double s, double c)
{
    _tsa_kernel_geom_d_t g;
    double buf[64], *wh = buf, *uh, r;
    if (d > 32)
        wh = malloc(2 * d * sizeof(double));
    if (wh == NULL)
        return NAN;
    uh = wh + d;
    _tsa_kernel_geom_d(&g, wh, uh, w, u, d, bias, s);
    if (g.wz)
        r = mean_dsigma_d(g.bw, 0.0, 1, c) * mean_dsigma_d(g.bu, g.k, g.uz, c);
    else if (g.uz)
        r = mean_dsigma_d(g.bu, 0.0, 1, c) * mean_dsigma_d(g.bw, g.h, g.wz, c);
    else
        _tsa_kernel_leaky_d(NULL, NULL, &r, g.h, g.k, g.th, c);
    if (wh != buf)
        free(wh);
    return r;
}
