/* lambda.c -- certified curvature bounds from float64 midpoint matrices
 * (docs/certify.md s. 4).
 *
 * lambda_min: L = chol(Hmid - s I) in float64.  For every H with
 * |H - Hmid| <= E (H symmetric), H - s I = L L^T + D with
 *   |D| <= |fl(Hmid - sI - fl(L L^T))| + 2u(|Hmid| + s + |fl(LL^T)|)
 *          + gamma_N |L||L|^T + E,
 * and ||D||_2 <= max row sum of |D| (D symmetric), so
 * lambda_min(H) >= s - ||D||_2. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include "certify_impl.h"

tsa_truth_t
tsa_certify_lambda_lower(double *lower, const double *Hmid,
                         const double *Erad, slong n, slong d, double s)
{
    slong N = n * d, i, j, k;
    double *L = malloc(sizeof(double) * N * N), *C = malloc(sizeof(double) * N * N);
    double *w = calloc(N, sizeof(double));
    tsa_gsl_quiet(); /* process-wide, once (tsa_base.h) */
    gsl_matrix_view Lv = gsl_matrix_view_array(L, N, N);
    gsl_matrix_view Cv = gsl_matrix_view_array(C, N, N);
    double infl = 1 + tsa_gamma(2.0 * N + 10), gN = tsa_gamma((double) N),
           worst = 0;
    tsa_truth_t res = TSA_UNDECIDED;

    *lower = -HUGE_VAL;
    memcpy(L, Hmid, sizeof(double) * N * N);
    for (i = 0; i < N; i++)
        L[i * N + i] -= s;
    if (!(s > 0) || gsl_linalg_cholesky_decomp1(&Lv.matrix) != GSL_SUCCESS)
        goto done;
    for (i = 0; i < N; i++)
        for (j = i + 1; j < N; j++)
            L[i * N + j] = 0;
    /* C = L L^T (lower triangle), mirrored */
    gsl_blas_dsyrk(CblasLower, CblasNoTrans, 1.0, &Lv.matrix, 0.0, &Cv.matrix);
    for (i = 0; i < N; i++)
        for (j = i + 1; j < N; j++)
            C[i * N + j] = C[j * N + i];
    /* w = column sums of |L| */
    for (i = 0; i < N; i++)
        for (k = 0; k <= i; k++)
            w[k] += fabs(L[i * N + k]);
    for (i = 0; i < N; i++)
    {
        double r = 0, ll = 0, eb = 0;
        for (j = 0; j < N; j++)
        {
            double h = Hmid[i * N + j] - (i == j ? s : 0.0);
            double dd = h - C[i * N + j];
            r += fabs(dd) + 2 * TSA_U64 * (fabs(Hmid[i * N + j])
                                           + (i == j ? s : 0.0)
                                           + fabs(C[i * N + j]));
        }
        for (k = 0; k <= i; k++)
            ll += fabs(L[i * N + k]) * w[k] * infl;
        for (k = 0; k < n; k++)
            eb += Erad[(i / d) * n + k];
        r = (r + gN * ll + eb * d) * infl;
        if (!(r <= worst) && !isnan(worst))   /* a NaN row makes worst */
            worst = r;                        /* NaN for good: no bound */
    }
    worst = worst * (1 + 4 * TSA_U64) + 1e-300;
    if (worst < s)
    {
        *lower = (s - worst) * (1 - 4 * TSA_U64);
        res = TSA_TRUE;
    }
done:
    free(L);
    free(C);
    free(w);
    return res;
}

double
tsa_certify_curv_upper(const double *v, const double *Hmid,
                       const double *Erad, slong n, slong d)
{
    slong N = n * d, i, j, b;
    double q = 0, ab = 0, eb = 0, infl = 1 + tsa_gamma(2.0 * N + 10);
    double *bs = calloc(n, sizeof(double));
    for (i = 0; i < N; i++)
    {
        double hv = 0, ahv = 0;
        for (j = 0; j < N; j++)
        {
            hv += Hmid[i * N + j] * v[j];
            ahv += fabs(Hmid[i * N + j] * v[j]);
        }
        q += v[i] * hv;
        ab += fabs(v[i]) * ahv;
        bs[i / d] += fabs(v[i]);
    }
    for (i = 0; i < n; i++)
        for (b = 0; b < n; b++)
            eb += bs[i] * Erad[i * n + b] * bs[b];
    free(bs);
    /* |v^T Hmid v - q| <= gamma_{2N+2} |v|^T |Hmid| |v| */
    return q + (tsa_gamma(2.0 * N + 4) * ab * infl + eb) * infl + 1e-300;
}
