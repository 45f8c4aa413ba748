/* psi_l_grad_d.c -- tsa_kernel_psi_l_grad_d: float64 gradient of psi_l in w
 * (docs/kernels.md section 5; the same case split as psi_l_grad.c). */
#include "kernel_impl.h"
#include <math.h>
#include <stdlib.h>

void
tsa_kernel_psi_l_grad_d(double *g, const double *w, const double *u, size_t d,
                        int bias, double s, double c)
{
    _tsa_kernel_geom_d_t G;
    double buf[64], *wh = buf, *uh, Mc, Mch, Pc, a, b, m1;
    size_t i;
    if (d > 32)
        wh = malloc(2 * d * sizeof(double));
    if (wh == NULL)
    {
        for (i = 0; i < d + (bias != 0); i++)
            g[i] = NAN;
        return;
    }
    uh = wh + d;
    _tsa_kernel_geom_d(&G, wh, uh, w, u, d, bias, s);
    if (G.wz && G.bw == 0.0)
    {
        /* not differentiable at w = 0 */
        for (i = 0; i < d + (bias != 0); i++)
            g[i] = NAN;
    }
    else if (G.wz)
    {
        /* sigma'(b_w) s^2 E[sigma'(u.xt)] ut, sigma'(b_w) E[sigma(u.xt)] */
        double ds = G.bw > 0.0 ? 1.0 : c, Pu, Su;
        if (G.uz)
        {
            Pu = G.bu > 0.0 ? 1.0 : c;
            Su = G.bu > 0.0 ? G.bu : c * G.bu;
        }
        else
        {
            Pu = c + (1.0 - c) * _tsa_kernel_Phi_d(G.k);
            m1 = G.k * _tsa_kernel_Phi_d(G.k) + _tsa_kernel_phi_d(G.k);
            Su = s * G.nu * (m1 - c * (m1 - G.k));
        }
        for (i = 0; i < d; i++)
            g[i] = ds * s * s * Pu * u[i];
        if (bias)
            g[d] = ds * Su;
    }
    else if (G.uz)
    {
        /* sigma(b_u) (1 - c) s phi(h) wh, sigma(b_u) E[sigma'(w.xt)] */
        double su = G.bu > 0.0 ? G.bu : c * G.bu;
        a = su * (1.0 - c) * s * _tsa_kernel_phi_d(G.h);
        for (i = 0; i < d; i++)
            g[i] = a * wh[i];
        if (bias)
            g[d] = su * (c + (1.0 - c) * _tsa_kernel_Phi_d(G.h));
    }
    else
    {
        _tsa_kernel_leaky_d(&Mc, &Mch, &Pc, G.h, G.k, G.th, c);
        a = s * s * G.nu * (Mc - G.h * Mch - G.rho * Pc);
        b = s * s * G.nu * Pc;
        for (i = 0; i < d; i++)
            g[i] = a * wh[i] + b * uh[i];
        if (bias)
            g[d] = s * G.nu * Mch;
    }
    if (wh != buf)
        free(wh);
}
