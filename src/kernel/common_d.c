/* common_d.c -- private float64 helpers: leaky combinations and the
 * geometry of a weight pair (docs/kernels.md sections 3, 5, 7). */
#include "kernel_impl.h"
#include <math.h>

void
_tsa_kernel_leaky_d(double *Mc, double *Mch, double *Pc, double h, double k,
                    double theta, double c)
{
    double P, M, Mh;
    tsa_kernel_bvn_d(Pc ? &P : NULL, Mc ? &M : NULL, Mch ? &Mh : NULL, h, k,
                     theta);
    if (Pc)
        *Pc = P;
    if (Mc)
        *Mc = M;
    if (Mch)
        *Mch = Mh;
    if (c == 0.0)
        return;
    tsa_kernel_bvn_d(Pc ? &P : NULL, Mc ? &M : NULL, Mch ? &Mh : NULL, h, -k,
                     M_PI - theta);
    if (Pc)
        *Pc += c * P;
    if (Mc)
        *Mc -= c * M;
    if (Mch)
        *Mch -= c * Mh;
    tsa_kernel_bvn_d(Pc ? &P : NULL, Mc ? &M : NULL, Mch ? &Mh : NULL, -h, k,
                     M_PI - theta);
    if (Pc)
        *Pc += c * P;
    if (Mc)
        *Mc -= c * M;
    if (Mch)
        *Mch += c * Mh;
    tsa_kernel_bvn_d(Pc ? &P : NULL, Mc ? &M : NULL, Mch ? &Mh : NULL, -h, -k,
                     theta);
    if (Pc)
        *Pc += c * c * P;
    if (Mc)
        *Mc += c * c * M;
    if (Mch)
        *Mch -= c * c * Mh;
}

/* norms with scaling (no overflow for |w| up to DBL_MAX / sqrt(d)) */
static double
norm_d(const double *v, size_t d)
{
    double m = 0.0, s = 0.0;
    size_t i;
    for (i = 0; i < d; i++)
        if (fabs(v[i]) > m)
            m = fabs(v[i]);
    if (m == 0.0 || !(m < HUGE_VAL))
        return m == 0.0 ? 0.0 : (m != m ? m : HUGE_VAL);
    for (i = 0; i < d; i++)
        s += (v[i] / m) * (v[i] / m);
    return m * sqrt(s);
}

void
_tsa_kernel_geom_d(_tsa_kernel_geom_d_t *g, double *wh, double *uh,
                   const double *w, const double *u, size_t d, int bias,
                   double s)
{
    size_t i;
    double a = 0.0, b = 0.0, t;
    g->nw = norm_d(w, d);
    g->nu = norm_d(u, d);
    g->bw = bias ? w[d] : 0.0;
    g->bu = bias ? u[d] : 0.0;
    g->wz = (g->nw == 0.0);
    g->uz = (g->nu == 0.0);
    g->h = g->k = g->th = g->rho = 0.0;
    if (!g->wz)
    {
        for (i = 0; i < d; i++)
            wh[i] = w[i] / g->nw;
        g->h = g->bw / (s * g->nw);
    }
    if (!g->uz)
    {
        for (i = 0; i < d; i++)
            uh[i] = u[i] / g->nu;
        g->k = g->bu / (s * g->nu);
    }
    if (!g->wz && !g->uz)
    {
        /* theta = 2 atan2(|wh - uh|, |wh + uh|) (docs/kernels.md s.5) */
        for (i = 0; i < d; i++)
        {
            t = wh[i] - uh[i];
            a += t * t;
            t = wh[i] + uh[i];
            b += t * t;
        }
        g->th = 2.0 * atan2(sqrt(a), sqrt(b));
        if (g->th > M_PI)
            g->th = M_PI;
        g->rho = cos(g->th);
    }
}
