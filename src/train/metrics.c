/* metrics.c -- correlations, rho_mean, success, mean rank, angles,
 * eps-alignment (SS section 7 eq. 9, Def. 3; LM section 4.2). */
#include <math.h>
#include <gsl/gsl_blas.h>
#include "tsa_train.h"
#include "train_impl.h"

/* Centre and normalize the columns of H (N x n) into F (raw, N x n; F may
 * be H's own storage when H->tda == n), with n scratch doubles mu. */
static void
normalize_cols_mu(double *F, const gsl_matrix *H, double *mu)
{
    size_t N = H->size1, n = H->size2, i, k;
    for (k = 0; k < n; k++)
        mu[k] = 0.0;
    for (i = 0; i < N; i++)
        for (k = 0; k < n; k++)
            mu[k] += H->data[i * H->tda + k];
    for (k = 0; k < n; k++)
        mu[k] /= (double) N;
    for (i = 0; i < N; i++)
        for (k = 0; k < n; k++)
            F[i * n + k] = H->data[i * H->tda + k] - mu[k];
    for (k = 0; k < n; k++)
        mu[k] = 0.0;
    for (i = 0; i < N; i++)
        for (k = 0; k < n; k++)
            mu[k] += F[i * n + k] * F[i * n + k];
    for (k = 0; k < n; k++)
        mu[k] = (mu[k] > 0.0) ? 1.0 / sqrt(mu[k]) : 0.0;
    for (i = 0; i < N; i++)
        for (k = 0; k < n; k++)
            F[i * n + k] *= mu[k];
}

/* the same with the scratch after F */
static void
normalize_cols(double *F, const gsl_matrix *H)
{
    normalize_cols_mu(F, H, F + H->size1 * H->size2);
}

size_t
tsa_train_corr_work_size(size_t N, size_t m, size_t n)
{
    return N * (m + n) + m + n;
}

void
tsa_train_corr(gsl_matrix *rho, const gsl_matrix *Ht, const gsl_matrix *Hs,
               double *ws)
{
    size_t N = Ht->size1, m = Ht->size2;
    double *Ft = ws, *Fs = ws + N * m + m;
    normalize_cols(Ft, Ht);
    _tsa_train_corr_with(rho, Ft, m, Hs, Fs);
}

void
_tsa_train_corr_prepare(double *Ft, const gsl_matrix *Ht)
{
    normalize_cols(Ft, Ht);
}

void
_tsa_train_corr_with(gsl_matrix *rho, const double *Ft, size_t m,
                     const gsl_matrix *Hs, double *ws)
{
    size_t N = Hs->size1, n = Hs->size2;
    gsl_matrix_const_view A = gsl_matrix_const_view_array(Ft, N, m);
    gsl_matrix_view B = gsl_matrix_view_array(ws, N, n);
    normalize_cols(ws, Hs);
    gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, &A.matrix, &B.matrix, 0.0,
                   rho);
}

void
_tsa_train_corr_inplace(gsl_matrix *rho, const double *Ft, size_t m,
                        gsl_matrix *Hs, double *mu)
{
    gsl_matrix_const_view A = gsl_matrix_const_view_array(Ft, Hs->size1, m);
    normalize_cols_mu(Hs->data, Hs, mu);
    gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, &A.matrix, Hs, 0.0, rho);
}

double
tsa_train_rho_mean(size_t *nsucc, size_t *best, const gsl_matrix *rho,
                   double thr)
{
    size_t m = rho->size1, n = rho->size2, j, k, ns = 0;
    double sum = 0.0;
    for (j = 0; j < m; j++)
    {
        size_t kb = 0;
        double mx = gsl_matrix_get(rho, j, 0);
        for (k = 1; k < n; k++)
            if (gsl_matrix_get(rho, j, k) > mx)
            {
                mx = gsl_matrix_get(rho, j, k);
                kb = k;
            }
        sum += mx;
        ns += (mx > thr);
        if (best)
            best[j] = kb;
    }
    if (nsucc)
        *nsucc = ns;
    return sum / (double) m;
}

double
tsa_train_mean_rank(const gsl_matrix *rho, const size_t *best)
{
    size_t m = rho->size1, n = rho->size2, j, k;
    double sum = 0.0;
    if (n < 2)
        return 0.0;
    for (j = 0; j < m; j++)
    {
        double v = gsl_matrix_get(rho, j, best[j]);
        size_t above = 0;
        for (k = 0; k < n; k++)
            above += (gsl_matrix_get(rho, j, k) > v);
        sum += (double) above / (double) (n - 1);
    }
    return sum / (double) m;
}

double
tsa_train_angle(const double *u, const double *v, size_t n)
{
    double uu = 0.0, vv = 0.0, uv = 0.0, c;
    size_t i;
    for (i = 0; i < n; i++)
    {
        uu += u[i] * u[i];
        vv += v[i] * v[i];
        uv += u[i] * v[i];
    }
    if (uu == 0.0 || vv == 0.0)
        return M_PI / 2;
    c = uv / sqrt(uu * vv);
    c = c > 1.0 ? 1.0 : (c < -1.0 ? -1.0 : c);
    return acos(c);
}

int
tsa_train_eps_aligned(const double *w, double b, const double *w2, double b2,
                      size_t d, double eps)
{
    /* each node's hyperplane scaled to |w| = 1 (sigma is positively
       homogeneous, so this is the same node up to its fan-out) */
    double th = tsa_train_angle(w, w2, d), n1 = 0.0, n2 = 0.0;
    size_t i;
    for (i = 0; i < d; i++)
    {
        n1 += w[i] * w[i];
        n2 += w2[i] * w2[i];
    }
    if (n1 == 0.0 || n2 == 0.0)
        return 0;
    return th <= M_PI / 2 && sin(th) <= eps
           && fabs(b / sqrt(n1) - b2 / sqrt(n2)) <= eps;
}
