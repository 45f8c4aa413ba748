/* ss_data.c -- finite datasets for SS s. 5: exact signs and band
 * membership of float64 points, hyperplane-band counts (Def. 5), the
 * (eta, mu) quantities of Def. 6, the Def. 7 shift, and the per-sample
 * gradient with a rigorous float64 error bound (docs/claims-ss.md s. 4-5). */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ss_impl.h"

#define U_ROUND (DBL_EPSILON / 2)
/* gamma_n = n u / (1 - n u) (Higham, Thm 3.1); the factor 1 + 2^-20 and
   the DBL_MIN term absorb the rounding of the bound itself and underflow */
static double
gam(slong n)
{
    return (double) n * U_ROUND / (1.0 - (double) n * U_ROUND) * (1.0 + 0x1p-20);
}

static void
affine_d(double *s, double *err, const double *w, const double *x, slong d)
{
    double acc = w[d], mag = fabs(w[d]);
    slong i;
    for (i = 0; i < d; i++)
    {
        acc += w[i] * x[i];
        mag += fabs(w[i] * x[i]);
    }
    *s = acc;
    *err = gam(d + 1) * mag + (double) (d + 1) * DBL_MIN;
}

static void
q_set_d(fmpq_t q, double x)
{
    arf_t a;
    arf_init(a);
    arf_set_d(a, x);
    arf_get_fmpq(q, a);
    arf_clear(a);
}

/* exact w . xt and |wt|^2 */
static void
affine_q(fmpq_t s, fmpq_t n2, const double *w, const double *x, slong d)
{
    fmpq_t a, b;
    slong i;
    fmpq_init(a);
    fmpq_init(b);
    q_set_d(s, w[d]);
    fmpq_zero(n2);
    for (i = 0; i < d; i++)
    {
        q_set_d(a, w[i]);
        q_set_d(b, x[i]);
        fmpq_addmul(s, a, b);
        fmpq_addmul(n2, a, a);
    }
    fmpq_clear(a);
    fmpq_clear(b);
}

int
tsa_ss_affine_sign(const double *w, const double *x, slong d)
{
    double s, e;
    fmpq_t q, n2;
    int sg;
    affine_d(&s, &e, w, x, d);
    if (s > e)
        return 1;
    if (s < -e)
        return -1;
    fmpq_init(q);
    fmpq_init(n2);
    affine_q(q, n2, w, x, d);
    sg = fmpq_sgn(q);
    fmpq_clear(q);
    fmpq_clear(n2);
    return sg;
}

int
tsa_ss_in_band(const double *w, const double *x, slong d, double eps)
{
    double s, e, n2 = 0.0, lim;
    slong i;
    int in;
    affine_d(&s, &e, w, x, d);
    for (i = 0; i < d; i++)
        n2 += w[i] * w[i];
    lim = eps * sqrt(n2);
    /* eps sqrt(n2) has relative error <= (d + 4) u */
    if (fabs(s) + e <= lim * (1.0 - 2.0 * gam(d + 4)))
        return 1;
    if (fabs(s) - e > lim * (1.0 + 2.0 * gam(d + 4)))
        return 0;
    {
        fmpq_t q, nq, eq;
        fmpq_init(q);
        fmpq_init(nq);
        fmpq_init(eq);
        affine_q(q, nq, w, x, d);
        q_set_d(eq, eps);
        fmpq_mul(q, q, q);
        fmpq_mul(eq, eq, eq);
        fmpq_mul(nq, nq, eq);
        in = fmpq_cmp(q, nq) <= 0;
        fmpq_clear(q);
        fmpq_clear(nq);
        fmpq_clear(eq);
    }
    return in;
}

slong
tsa_ss_band_count(const double *w, const double *X, slong N, slong d,
                  double eps)
{
    slong i, c = 0;
    for (i = 0; i < N; i++)
        c += tsa_ss_in_band(w, X + i * d, d, eps);
    return c;
}

slong
tsa_ss_band_active_count(const double *w, const double *wk, const double *X,
                         slong N, slong d, double eps)
{
    slong i, c = 0;
    for (i = 0; i < N; i++)
        if (tsa_ss_in_band(w, X + i * d, d, eps)
            && tsa_ss_affine_sign(wk, X + i * d, d) > 0)
            c++;
    return c;
}

static int
cmp_d(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

/* Largest number of sorted t within a closed window of width wdt; *start
   gets the window's first value. */
static slong
window_max(double *start, const double *t, slong N, double wdt)
{
    slong i = 0, j, best = 0;
    for (j = 0; j < N; j++)
    {
        while (t[j] - t[i] > wdt)
            i++;
        if (j - i + 1 > best)
        {
            best = j - i + 1;
            *start = t[i];
        }
    }
    return best;
}

/* Try orientation (n0, n1) in d = 2: update the exact witness count (lo)
   and the widened-window bound (hi). */
static void
try_dir2(slong *mlo, slong *mhi, double *wbest, double n0, double n1,
         const double *X, slong N, double eps, double tau, double *t)
{
    slong i, c, h;
    double a = 0.0, nn = sqrt(n0 * n0 + n1 * n1), w[3];
    if (!(nn > 0.0))
        return;
    n0 /= nn;
    n1 /= nn;
    for (i = 0; i < N; i++)
        t[i] = n0 * X[2 * i] + n1 * X[2 * i + 1];
    qsort(t, (size_t) N, sizeof(double), cmp_d);
    h = window_max(&a, t, N, 2.0 * eps + 2.0 * tau);
    if (h > *mhi)
        *mhi = h;
    c = window_max(&a, t, N, 2.0 * eps);
    if (c <= *mlo)
        return;
    /* exact recount for the concrete hyperplane n . x - (a + eps) */
    w[0] = n0;
    w[1] = n1;
    w[2] = -(a + eps);
    c = tsa_ss_band_count(w, X, N, 2, eps);
    if (c > *mlo)
    {
        *mlo = c;
        memcpy(wbest, w, sizeof w);
    }
}

void
tsa_ss_band_max(slong *mlo, slong *mhi, double *wbest, const double *X,
                slong N, slong d, double eps)
{
    slong i, j;
    double R = 0.0, *t = malloc(sizeof(double) * (size_t) (N > 0 ? N : 1));
    *mlo = 0;
    *mhi = 0;
    for (i = 0; i <= d; i++)
        wbest[i] = i == 0 ? 1.0 : 0.0;
    for (i = 0; i < N * d; i++)
        R = fmax(R, fabs(X[i]));
    if (d == 2)
    {
        /* orientation error <= 1e-7 rad (acos near 1 loses half the
           digits), so projections move by <= tau */
        double tau = 1e-7 * (1.0 + 2.0 * R);
        try_dir2(mlo, mhi, wbest, 1.0, 0.0, X, N, eps, tau, t);
        for (i = 0; i < N; i++)
            for (j = i + 1; j < N; j++)
            {
                double D0 = X[2 * j] - X[2 * i], D1 = X[2 * j + 1] - X[2 * i + 1];
                double L = sqrt(D0 * D0 + D1 * D1), phi, al;
                if (L == 0.0)
                    continue;
                try_dir2(mlo, mhi, wbest, -D1, D0, X, N, eps, tau, t);
                if (L >= 2.0 * eps)
                {
                    phi = atan2(D1, D0);
                    al = acos(fmin(1.0, 2.0 * eps / L));
                    try_dir2(mlo, mhi, wbest, cos(phi + al), sin(phi + al), X, N,
                             eps, tau, t);
                    try_dir2(mlo, mhi, wbest, cos(phi - al), sin(phi - al), X, N,
                             eps, tau, t);
                }
            }
        if (*mhi < *mlo)
            *mhi = *mlo;
    }
    else
    {
        /* lower bound only: hyperplanes through the coordinate directions
           and through the first sample, exact counts */
        double *w = malloc(sizeof(double) * (size_t) (d + 1));
        slong u;
        for (u = 0; u < d; u++)
        {
            slong c;
            for (i = 0; i <= d; i++)
                w[i] = 0.0;
            w[u] = 1.0;
            for (j = 0; j < N; j++)
            {
                w[d] = -X[j * d + u];
                c = tsa_ss_band_count(w, X, N, d, eps);
                if (c > *mlo)
                {
                    *mlo = c;
                    memcpy(wbest, w, sizeof(double) * (size_t) (d + 1));
                }
            }
        }
        free(w);
        *mhi = N;
    }
    free(t);
}

void
tsa_ss_tail_max(slong *mlo, slong *mhi, const double *X, slong N, slong d,
                double eps)
{
    slong i, j, hi = 0, lo = 0;
    double *w = malloc(sizeof(double) * (size_t) (d + 1)), thr = 1.0 / eps;
    for (i = 0; i < N; i++)
    {
        /* |x| >= 1/eps  iff  not (x in the band of any ...): exact via
           |x|^2 eps^2 >= 1 */
        fmpq_t a, s, e;
        double n2 = 0.0;
        int big;
        for (j = 0; j < d; j++)
            n2 += X[i * d + j] * X[i * d + j];
        if (n2 * eps * eps > 1.0 + 8.0 * gam(d + 3))
            big = 1;
        else if (n2 * eps * eps < 1.0 - 8.0 * gam(d + 3))
            big = 0;
        else
        {
            fmpq_init(a);
            fmpq_init(s);
            fmpq_init(e);
            for (j = 0; j < d; j++)
            {
                q_set_d(a, X[i * d + j]);
                fmpq_addmul(s, a, a);
            }
            q_set_d(e, eps);
            fmpq_mul(e, e, e);
            fmpq_mul(s, s, e);
            big = fmpq_cmp_ui(s, 1) >= 0;
            fmpq_clear(a);
            fmpq_clear(s);
            fmpq_clear(e);
        }
        if (!big)
            continue;
        hi++;
        /* witness direction wt = x_i, b = 0: count |wt . x| >= |wt|/eps,
           i.e. x outside the open band of half-width 1/eps */
        {
            slong c = 0, k;
            for (k = 0; k < d; k++)
                w[k] = X[i * d + k];
            w[d] = 0.0;
            for (k = 0; k < N; k++)
            {
                int inb = tsa_ss_in_band(w, X + k * d, d, thr);
                /* in_band is the closed band; on its boundary
                   |wt . x| = |wt|/eps counts as >=: recheck exactly */
                if (!inb)
                    c++;
                else
                {
                    double s2, e2;
                    affine_d(&s2, &e2, w, X + k * d, d);
                    if (fabs(s2) + e2 >= thr * sqrt(n2) * (1.0 - 4.0 * gam(d + 4)))
                    {
                        fmpq_t q, nq, eq;
                        fmpq_init(q);
                        fmpq_init(nq);
                        fmpq_init(eq);
                        affine_q(q, nq, w, X + k * d, d);
                        q_set_d(eq, eps);
                        fmpq_mul(q, q, q);
                        fmpq_mul(eq, eq, eq);
                        fmpq_mul(q, q, eq);
                        if (fmpq_cmp(q, nq) >= 0)
                            c++;
                        fmpq_clear(q);
                        fmpq_clear(nq);
                        fmpq_clear(eq);
                    }
                }
            }
            if (c > lo)
                lo = c;
        }
    }
    *mlo = lo;
    *mhi = hi;
    free(w);
}

double
tsa_ss_aug_delta(double eps, double c, slong K)
{
    double k = (double) K;
    return 2.0 * eps / (c * k * sqrt(k));
}

void
tsa_ss_sample_grad(double *gmid, double *grad, const double *Ws,
                   const double *Vs, slong n, const double *Wt,
                   const double *Vt, slong m, slong d, slong C, double leak,
                   const double *x)
{
    slong k, c, net;
    double *a = malloc(sizeof(double) * (size_t) (n + m) * 3);
    double *ea = a + (n + m), *gate = ea + (n + m);
    double *r = malloc(sizeof(double) * (size_t) C * 2), *er = r + C;
    /* activations with error bounds; gate 1, leak, or -1 (exactly 0) */
    for (net = 0; net < 2; net++)
    {
        slong nn = net == 0 ? n : m;
        const double *W = net == 0 ? Ws : Wt;
        for (k = 0; k < nn; k++)
        {
            double z, e;
            slong idx = net == 0 ? k : n + k;
            int sg;
            affine_d(&z, &e, W + k * (d + 1), x, d);
            sg = (z > e) ? 1 : (z < -e) ? -1 : tsa_ss_affine_sign(W + k * (d + 1), x, d);
            if (sg > 0)
            {
                a[idx] = z;
                ea[idx] = e;
                gate[idx] = 1.0;
            }
            else if (sg < 0)
            {
                a[idx] = leak * z;
                ea[idx] = leak * e + U_ROUND * fabs(leak * z);
                gate[idx] = leak;
            }
            else
            {
                a[idx] = 0.0;
                ea[idx] = 0.0;
                gate[idx] = -1.0;
            }
        }
    }
    for (c = 0; c < C; c++)
    {
        double fs = 0.0, ft = 0.0, es = 0.0, et = 0.0, ms = 0.0, mt = 0.0;
        for (k = 0; k < n; k++)
        {
            fs += Vs[k * C + c] * a[k];
            es += fabs(Vs[k * C + c]) * ea[k];
            ms += fabs(Vs[k * C + c] * a[k]);
        }
        for (k = 0; k < m; k++)
        {
            ft += Vt[k * C + c] * a[n + k];
            et += fabs(Vt[k * C + c]) * ea[n + k];
            mt += fabs(Vt[k * C + c] * a[n + k]);
        }
        r[c] = ft - fs;
        er[c] = (es + et + gam(n) * ms + gam(m) * mt) * (1.0 + 0x1p-20)
                + U_ROUND * fabs(r[c]) + DBL_MIN;
    }
    for (k = 0; k < n; k++)
    {
        double S = 0.0, eS = 0.0, mS = 0.0;
        for (c = 0; c < C; c++)
        {
            S += Vs[k * C + c] * r[c];
            eS += fabs(Vs[k * C + c]) * er[c];
            mS += fabs(Vs[k * C + c] * r[c]);
        }
        eS = (eS + gam(C) * mS) * (1.0 + 0x1p-20) + DBL_MIN;
        if (gate[k] < 0.0)
        {
            /* node exactly on its boundary: the gate is leak or 1 */
            gmid[k] = 0.5 * (1.0 + leak) * S;
            grad[k] = 0.5 * (1.0 - leak) * fabs(S) + eS + 2.0 * U_ROUND * fabs(S);
        }
        else
        {
            gmid[k] = gate[k] * S;
            grad[k] = gate[k] * eS + U_ROUND * fabs(gmid[k]);
        }
    }
    free(a);
    free(r);
}
