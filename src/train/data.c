/* data.c -- Gaussian samples and the augmentations of SS Def. 7. */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include "tsa_train.h"

void
tsa_train_sample_gaussian(gsl_matrix *X, double s, gsl_rng *r)
{
    size_t i, j;
    for (i = 0; i < X->size1; i++)
    {
        double *x = X->data + i * X->tda;
        for (j = 0; j < X->size2; j++)
            x[j] = gsl_ran_gaussian_ziggurat(r, s);
    }
}

int
tsa_train_augment(gsl_matrix **Xa, const gsl_matrix *X, int kind,
                  double eps, double c, size_t K,
                  const tsa_train_net *teacher)
{
    size_t N = X->size1, d = X->size2, m = teacher->size[1], i, j, u, rows;
    const double delta = 2.0 * eps / (c * pow((double) K, 1.5));
    const double *W = teacher->param + teacher->off_W[0];
    const double *b = (teacher->off_b[0] != SIZE_MAX)
                          ? teacher->param + teacher->off_b[0] : NULL;
    gsl_matrix *A;

    *Xa = NULL;
    if (kind == TSA_TRAIN_AUG_NONE)
        rows = N;
    else if (kind == TSA_TRAIN_AUG_AGNOSTIC)
        rows = N * (1 + 2 * d);
    else
    {
        rows = N;
        for (j = 0; j < m; j++)
            for (i = 0; i < N; i++)
            {
                double z = b ? b[j] : 0.0;
                for (u = 0; u < d; u++)
                    z += W[j * d + u] * gsl_matrix_get(X, i, u);
                if (fabs(z) <= eps)
                    rows += 2;
            }
    }
    A = gsl_matrix_alloc(rows, d);
    if (A == NULL)
        return TSA_ERROR(TSA_ENOMEM, "--aug: out of memory (%zu samples)",
                         rows);
    {
        gsl_matrix_view top = gsl_matrix_submatrix(A, 0, 0, N, d);
        gsl_matrix_memcpy(&top.matrix, X);
    }
    rows = N;
    if (kind == TSA_TRAIN_AUG_AGNOSTIC)
    {
        for (i = 0; i < N; i++)
            for (u = 0; u < d; u++)
            {
                double *p = A->data + rows * A->tda, *q = p + A->tda;
                memcpy(p, X->data + i * X->tda, d * sizeof(double));
                memcpy(q, X->data + i * X->tda, d * sizeof(double));
                p[u] += delta;
                q[u] -= delta;
                rows += 2;
            }
    }
    else if (kind == TSA_TRAIN_AUG_AWARE)
    {
        for (j = 0; j < m; j++)
        {
            const double *w = W + j * d;
            double nrm = 0.0;
            for (u = 0; u < d; u++)
                nrm += w[u] * w[u];
            nrm = sqrt(nrm);
            if (nrm == 0.0)
                continue;
            for (i = 0; i < N; i++)
            {
                const double *x = X->data + i * X->tda;
                double z = b ? b[j] : 0.0, *p, *q;
                for (u = 0; u < d; u++)
                    z += w[u] * x[u];
                if (!(fabs(z) <= eps))
                    continue;
                p = A->data + rows * A->tda;
                q = p + A->tda;
                for (u = 0; u < d; u++)
                {
                    p[u] = x[u] + delta * w[u] / nrm;
                    q[u] = x[u] - delta * w[u] / nrm;
                }
                rows += 2;
            }
        }
    }
    *Xa = A;
    return TSA_SUCCESS;
}
