/* forward.c -- tsa_train_forward: one batch through the network. */
#include <math.h>
#include <stdint.h>
#include <gsl/gsl_blas.h>
#include "tsa_train.h"

/* Elementwise loops (bias, sigma, sigma', BN) are vectorized here even at
 * -O2: IEEE semantics are unchanged (no fast-math), and branchy scalar
 * code on random activation signs costs more than the dgemm calls at
 * small widths (bench/p-sgd.c). */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("tree-vectorize")
#endif

/* Batch normalization of the B x n block Z in place (LM Thm 3 setting:
 * Linear -> BN -> sigma): x-hat to Xh, 1/sqrt(var + eps) to istd, then
 * Z = gamma x-hat + beta.  Statistics of this batch (biased variance,
 * as PyTorch in training mode). */
static void
bn_forward(gsl_matrix *Z, gsl_matrix *Xh, gsl_vector *istd, gsl_vector *mu,
           const double *gamma, const double *beta, double eps)
{
    size_t B = Z->size1, n = Z->size2, i, k;
    double *m = mu->data, *is = istd->data;
    for (k = 0; k < n; k++)
        m[k] = is[k] = 0.0;
    for (i = 0; i < B; i++)
    {
        const double *z = Z->data + i * Z->tda;
        for (k = 0; k < n; k++)
            m[k] += z[k];
    }
    for (k = 0; k < n; k++)
        m[k] /= (double) B;
    for (i = 0; i < B; i++)
    {
        const double *z = Z->data + i * Z->tda;
        for (k = 0; k < n; k++)
        {
            double t = z[k] - m[k];
            is[k] += t * t;
        }
    }
    for (k = 0; k < n; k++)
        is[k] = 1.0 / sqrt(is[k] / (double) B + eps);
    for (i = 0; i < B; i++)
    {
        double *z = Z->data + i * Z->tda, *xh = Xh->data + i * Xh->tda;
        for (k = 0; k < n; k++)
        {
            xh[k] = (z[k] - m[k]) * is[k];
            z[k] = gamma[k] * xh[k] + beta[k];
        }
    }
}

gsl_matrix_view
tsa_train_forward(tsa_train_work *w, const tsa_train_net *net,
                  const gsl_matrix *X)
{
    size_t B = X->size1, L = net->nlayers, l, i, k;
    const double c = net->leak;
    const gsl_matrix *A = X;
    gsl_matrix_view Hv[TSA_TRAIN_MAX_LAYERS];

    for (l = 0; l < L; l++)
    {
        size_t n = net->size[l + 1];
        gsl_matrix_view Zl = gsl_matrix_submatrix(w->Z[l], 0, 0, B, n);
        gsl_matrix_view W = tsa_train_net_W(net, net->param, l);
        gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, A, &W.matrix,
                       0.0, &Zl.matrix);
        if (net->off_b[l] != SIZE_MAX)
        {
            const double *b = net->param + net->off_b[l];
            for (i = 0; i < B; i++)
            {
                double *restrict z = Zl.matrix.data + i * Zl.matrix.tda;
                for (k = 0; k < n; k++)
                    z[k] += b[k];
            }
        }
        if (l + 1 == L)
            return Zl;
        if (net->batchnorm)
        {
            gsl_matrix_view Xh = gsl_matrix_submatrix(w->Xh[l], 0, 0, B, n);
            bn_forward(&Zl.matrix, &Xh.matrix, w->istd[l], w->s1,
                       net->param + net->off_gamma[l],
                       net->param + net->off_beta[l], net->bn_eps);
        }
        {
            gsl_matrix_view Hl = gsl_matrix_submatrix(w->H[l], 0, 0, B, n);
            Hv[l] = Hl;
            for (i = 0; i < B; i++)
            {
                const double *restrict z = Zl.matrix.data + i * Zl.matrix.tda;
                double *restrict h = Hl.matrix.data + i * Hl.matrix.tda;
                /* sigma(z) = max(z, 0) + c min(z, 0): the same value as
                   z > 0 ? z : c z, without a branch (vectorizes) */
                for (k = 0; k < n; k++)
                {
                    double p = z[k] > 0.0 ? z[k] : 0.0;
                    double q = z[k] < 0.0 ? z[k] : 0.0;
                    h[k] = p + c * q;
                }
            }
            A = &Hv[l].matrix;
        }
    }
    /* not reached: L >= 1 */
    return gsl_matrix_submatrix(w->Z[L - 1], 0, 0, B, net->size[L]);
}
