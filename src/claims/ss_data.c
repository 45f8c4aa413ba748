/* ss_data.c -- finite datasets for SS s. 5: exact signs and band
 * membership of float64 points, hyperplane-band counts (Def. 5), the
 * (eta, mu) quantities of Def. 6, the Def. 7 shift, and the per-sample
 * gradient with a rigorous float64 error bound (docs/claims-ss.md s. 4-5). */
#define _GNU_SOURCE /* qsort_r */
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

/* q = x exactly (x finite) */
void
_tsa_ss_q_set_d(fmpq_t q, double x)
{
    arf_t a;
    arf_init(a);
    arf_set_d(a, x);
    arf_get_fmpq(q, a);
    arf_clear(a);
}

/* exact w . xt and |wt|^2 (xt = (x, 1): w has d + 1 entries) */
void
_tsa_ss_affine_q(fmpq_t s, fmpq_t n2, const double *w, const double *x, slong d)
{
    fmpq_t a, b;
    slong i;
    fmpq_init(a);
    fmpq_init(b);
    _tsa_ss_q_set_d(s, w[d]);
    fmpq_zero(n2);
    for (i = 0; i < d; i++)
    {
        _tsa_ss_q_set_d(a, w[i]);
        _tsa_ss_q_set_d(b, x[i]);
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
    _tsa_ss_affine_q(q, n2, w, x, d);
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
        _tsa_ss_affine_q(q, nq, w, x, d);
        _tsa_ss_q_set_d(eq, eps);
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
                _tsa_ss_q_set_d(a, X[i * d + j]);
                fmpq_addmul(s, a, a);
            }
            _tsa_ss_q_set_d(e, eps);
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
                        _tsa_ss_affine_q(q, nq, w, X + k * d, d);
                        _tsa_ss_q_set_d(eq, eps);
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

/* ---- checkers: Def. 5-6 (eta, mu) and Def. 7 ------------------------------ */

#include <stdio.h>
#include <gsl/gsl_rng.h>
#include "tsa_train.h"

static int
dataset_read(double **X, slong *N, slong *d, const json_t *params,
             const char *file, char *desc, size_t dn)
{
    const json_t *g = json_object_get(params, "gaussian"), *D = json_object_get(params, "data");
    slong i, k;
    if (g != NULL)
    {
        const json_t *jn = json_object_get(g, "N"), *jd = json_object_get(g, "d"),
                     *js = json_object_get(g, "sigma"), *jseed = json_object_get(g, "seed");
        gsl_rng *r;
        gsl_matrix_view mv;
        if (!json_is_integer(jn) || json_integer_value(jn) < 1 || json_integer_value(jn) > 100000
            || !json_is_integer(jd) || json_integer_value(jd) < 1 || json_integer_value(jd) > 1000)
            return TSA_ERROR(TSA_EFORMAT, "%s: params.gaussian: needs N in 1 .. 100000 and "
                             "d in 1 .. 1000", file);
        *N = (slong) json_integer_value(jn);
        *d = (slong) json_integer_value(jd);
        *X = malloc(sizeof(double) * (size_t) (*N * *d));
        r = gsl_rng_alloc(gsl_rng_mt19937);
        gsl_rng_set(r, json_is_integer(jseed) ? (unsigned long) json_integer_value(jseed) : 1);
        mv = gsl_matrix_view_array(*X, (size_t) *N, (size_t) *d);
        tsa_train_sample_gaussian(&mv.matrix, json_is_number(js) ? json_number_value(js) : 1.0, r);
        gsl_rng_free(r);
        snprintf(desc, dn, "D: %ld samples of N(0, %g^2 I_%ld) (GSL MT19937, seed %lld)",
                 (long) *N, json_is_number(js) ? json_number_value(js) : 1.0, (long) *d,
                 json_is_integer(jseed) ? (long long) json_integer_value(jseed) : 1LL);
        return TSA_SUCCESS;
    }
    if (!json_is_array(D) || json_array_size(D) == 0
        || !json_is_array(json_array_get(D, 0)) || json_array_size(json_array_get(D, 0)) == 0)
        return TSA_ERROR(TSA_EFORMAT, "%s: params: needs \"data\" (rows) or \"gaussian\"", file);
    *N = (slong) json_array_size(D);
    *d = (slong) json_array_size(json_array_get(D, 0));
    *X = malloc(sizeof(double) * (size_t) (*N * *d));
    for (i = 0; i < *N; i++)
    {
        const json_t *row = json_array_get(D, (size_t) i);
        if (!json_is_array(row) || (slong) json_array_size(row) != *d)
        {
            free(*X);
            return TSA_ERROR(TSA_EFORMAT, "%s: params.data[%ld]: need %ld numbers", file,
                             (long) i, (long) *d);
        }
        for (k = 0; k < *d; k++)
        {
            const json_t *e = json_array_get(row, (size_t) k);
            if (!json_is_number(e) || !isfinite(json_number_value(e)))
            {
                free(*X);
                return TSA_ERROR(TSA_EFORMAT, "%s: params.data[%ld][%ld]: not a finite "
                                 "number", file, (long) i, (long) k);
            }
            (*X)[i * *d + k] = json_number_value(e);
        }
    }
    snprintf(desc, dn, "D: %ld given points in R^%ld", (long) *N, (long) *d);
    return TSA_SUCCESS;
}

int
tsa_claim_check_ss_dataset(tsa_claim_result_t r, const json_t *params,
                           const char *file, slong prec)
{
    double *X, eta, mu, wb[64];
    slong N, d, i;
    const json_t *E = json_object_get(params, "eps");
    char desc[256], ev[4096], ins[512];
    size_t off = 0;
    int t6 = 1, u6 = 0, t7 = 1, u7 = 0, st;
    (void) prec;
    if (!json_is_number(json_object_get(params, "eta"))
        || !json_is_number(json_object_get(params, "mu")))
        return TSA_ERROR(TSA_EFORMAT, "%s: params.eta, params.mu: numbers", file);
    eta = json_number_value(json_object_get(params, "eta"));
    mu = json_number_value(json_object_get(params, "mu"));
    if (!json_is_array(E) || json_array_size(E) == 0)
        return TSA_ERROR(TSA_EFORMAT, "%s: params.eps: a list of eps > 0", file);
    if ((st = dataset_read(&X, &N, &d, params, file, desc, sizeof desc)) != TSA_SUCCESS)
        return st;
    if (d > 63)
    {
        free(X);
        return TSA_ERROR(TSA_EFORMAT, "%s: d = %ld: at most 63", file, (long) d);
    }
    /* work estimate before counting: d = 2 enumerates O(N^2) orientations
       with a sort of the N projections each (|eps| N^3 <= 1e9, about 3
       minutes); other d count N d hyperplanes over N points */
    {
        double ne = (double) json_array_size(E), n = (double) N;
        if ((d == 2 && ne * n * n * n > 1e9) || (d != 2 && ne * n * n * (double) d > 1e11))
        {
            free(X);
            return TSA_ERROR(TSA_EFORMAT, "%s: params.eps: work estimate for %ld points "
                             "in R^%ld at %zu values of eps exceeds the limit (d = 2: "
                             "|eps| N^3 <= 1e9)", file, (long) N, (long) d,
                             json_array_size(E));
        }
    }
    snprintf(ins, sizeof ins, "%s; claimed eta = %g, mu = %g at %zu values of eps", desc, eta,
             mu, json_array_size(E));
    r->instance = strdup(ins);
    r->method = strdup(d == 2 ? "Exact counting over the dataset. Eq. (6): the largest band "
                       "count M(eps) over all regular w, by enumerating the critical "
                       "orientations (normal to p - q, or with p, q on opposite band "
                       "edges) for every pair of points and sliding a window over the "
                       "sorted projections; the attained count is recounted exactly for a "
                       "concrete hyperplane (lower bound) and a window widened by the "
                       "float64 orientation error 1e-7 (1 + 2 max|x|) gives the upper bound "
                       "(not interval-certified). Eq. (7): upper bound N[|x| >= 1/eps] "
                       "(exact, since |wt.x| <= |x|), lower bound from the directions "
                       "x_i/|x_i| (exact counts). docs/claims-ss.md s. 4."
                       : "Exact counting over the dataset. Eq. (6) for d != 2: only a "
                       "lower bound of M(eps) (hyperplanes x_u = const through every "
                       "sample, exact counts), so eq. (6) can be refuted but not proved. "
                       "Eq. (7): upper bound N[|x| >= 1/eps] (exact), lower bound from "
                       "the directions x_i/|x_i|. docs/claims-ss.md s. 4.");
    tsa_claim_add_hyp(r, "eta > 0 and mu > 0", eta > 0 && mu > 0 ? TSA_TRUE : TSA_FALSE,
                      "claim-file parameters");
    off += (size_t) snprintf(ev, sizeof ev, "per eps: M(eps) in [lo, hi] vs eta eps N + d + 1; "
                             "M'(eps) in [lo, hi] vs mu eps^2 N:");
    for (i = 0; i < (slong) json_array_size(E); i++)
    {
        double e = json_number_value(json_array_get(E, (size_t) i)), r6, r7;
        slong lo, hi, lo7, hi7;
        char key[64];
        json_t *row = json_object();
        if (!(e > 0))
        {
            free(X);
            return TSA_ERROR(TSA_EFORMAT, "%s: params.eps[%ld]: must be > 0", file, (long) i);
        }
        tsa_ss_band_max(&lo, &hi, wb, X, N, d, e);
        tsa_ss_tail_max(&lo7, &hi7, X, N, d, e);
        r6 = eta * e * (double) N + (double) (d + 1);
        r7 = mu * e * e * (double) N;
        if ((double) lo > r6)
            t6 = 0;
        else if ((double) hi > r6)
            u6 = 1;
        if ((double) lo7 > r7)
            t7 = 0;
        else if ((double) hi7 > r7)
            u7 = 1;
        if (off < sizeof ev)
            off += (size_t) snprintf(ev + off, sizeof ev - off, " eps=%g: M in [%ld, %ld] vs "
                                     "%.4g (least eta in [%.4g, %.4g]); M' in [%ld, %ld] vs "
                                     "%.4g;", e, (long) lo, (long) hi, r6,
                                     ((double) lo - (double) (d + 1)) / (e * (double) N),
                                     ((double) hi - (double) (d + 1)) / (e * (double) N),
                                     (long) lo7, (long) hi7, r7);
        json_object_set_new(row, "eps", json_real(e));
        json_object_set_new(row, "band_max_lo", json_integer(lo));
        json_object_set_new(row, "band_max_hi", json_integer(hi));
        json_object_set_new(row, "tail_max_lo", json_integer(lo7));
        json_object_set_new(row, "tail_max_hi", json_integer(hi7));
        snprintf(key, sizeof key, "eps_%ld", (long) i);
        json_object_set_new(r->data, key, row);
    }
    {
        tsa_truth_t c = (!t6 || !t7) ? TSA_FALSE : (u6 || u7) ? TSA_UNDECIDED : TSA_TRUE;
        tsa_claim_set_concl(r, "D is an (eta, mu)-dataset (Def. 6, eqs. 6-7) at every listed eps",
                            c, ev);
    }
    free(X);
    return TSA_SUCCESS;
}

static int
cmp_rows(const void *a, const void *b, void *dp)
{
    slong d = *(slong *) dp, i;
    const double *x = a, *y = b;
    for (i = 0; i < d; i++)
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    return 0;
}

/* Def. 7: tsa_train_augment (the data the trainer uses) equals aug(D) as
 * defined, point for point (multisets, exact comparison of doubles). */
int
tsa_claim_check_ss_aug(tsa_claim_result_t r, const json_t *params,
                       const char *file, slong prec)
{
    double *X, eps = 0.1, c = 1.0, delta, *Y;
    slong N, d, K = 4, i, u, s, cnt = 0, mism = 0;
    char desc[256], ev[512], ins[512];
    gsl_matrix *Xa = NULL;
    gsl_matrix_view mv;
    int st;
    (void) prec;
    if (json_is_number(json_object_get(params, "eps")))
        eps = json_number_value(json_object_get(params, "eps"));
    if (json_is_number(json_object_get(params, "c")))
        c = json_number_value(json_object_get(params, "c"));
    if (json_is_integer(json_object_get(params, "K")))
        K = (slong) json_integer_value(json_object_get(params, "K"));
    if (!(eps > 0 && c > 0 && K > 0))
        return TSA_ERROR(TSA_EFORMAT, "%s: params.eps, c, K: must be > 0", file);
    if ((st = dataset_read(&X, &N, &d, params, file, desc, sizeof desc)) != TSA_SUCCESS)
        return st;
    delta = tsa_ss_aug_delta(eps, c, K);
    snprintf(ins, sizeof ins, "%s; teacher-agnostic aug, eps = %g, c = %g, K = %ld, "
             "delta = 2 eps / (c K^{3/2}) = %.17g", desc, eps, c, (long) K, delta);
    r->instance = strdup(ins);
    r->method = strdup("aug(D) = D plus x +- delta e_u for every x and u, built here "
                       "independently; compared with tsa_train_augment (the points the "
                       "trainer uses) as multisets of rows, exact double comparison after "
                       "sorting.");
    mv = gsl_matrix_view_array(X, (size_t) N, (size_t) d);
    {
        /* the trainer's function reads a teacher even for the agnostic
           kind: give it a one-node net (not used by Def. 7 (a)) */
        tsa_train_net *tn = NULL;
        size_t sz[3] = {(size_t) d, 1, 1};
        st = tsa_train_net_alloc(&tn, 2, sz, 1, 0, 0, 0, 0.0);
        if (st == TSA_SUCCESS)
            st = tsa_train_augment(&Xa, &mv.matrix, TSA_TRAIN_AUG_AGNOSTIC, eps, c,
                                   (size_t) K, tn);
        tsa_train_net_free(tn);
    }
    tsa_claim_add_hyp(r, "tsa_train_augment ran", st == TSA_SUCCESS ? TSA_TRUE : TSA_FALSE,
                      st == TSA_SUCCESS ? "ok" : tsa_error_last());
    if (st != TSA_SUCCESS)
    {
        free(X);
        return TSA_SUCCESS;
    }
    Y = malloc(sizeof(double) * (size_t) (N * (2 * d + 1) * d));
    memcpy(Y, X, sizeof(double) * (size_t) (N * d));
    cnt = N;
    for (i = 0; i < N; i++)
        for (u = 0; u < d; u++)
            for (s = -1; s <= 1; s += 2)
            {
                memcpy(Y + cnt * d, X + i * d, sizeof(double) * (size_t) d);
                Y[cnt * d + u] += (double) s * delta;
                cnt++;
            }
    if ((slong) Xa->size1 != cnt)
        snprintf(ev, sizeof ev, "size %zu, Def. 7 gives %ld", Xa->size1, (long) cnt);
    else
    {
        double *Z = malloc(sizeof(double) * (size_t) (cnt * d));
        for (i = 0; i < cnt; i++)
            memcpy(Z + i * d, gsl_matrix_const_ptr(Xa, (size_t) i, 0), sizeof(double) * (size_t) d);
        qsort_r(Y, (size_t) cnt, sizeof(double) * (size_t) d, cmp_rows, &d);
        qsort_r(Z, (size_t) cnt, sizeof(double) * (size_t) d, cmp_rows, &d);
        for (i = 0; i < cnt; i++)
            mism += cmp_rows(Y + i * d, Z + i * d, &d) != 0;
        snprintf(ev, sizeof ev, "%ld points (N (2d + 1)); %ld rows differ", (long) cnt,
                 (long) mism);
        free(Z);
    }
    tsa_claim_set_concl(r, "the trainer's augmented set equals aug(D) of Def. 7",
                        ((slong) Xa->size1 == cnt && mism == 0) ? TSA_TRUE : TSA_FALSE, ev);
    gsl_matrix_free(Xa);
    free(Y);
    free(X);
    return TSA_SUCCESS;
}
