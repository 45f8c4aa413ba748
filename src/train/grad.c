/* grad.c -- tsa_train_grad: loss and backpropagated gradient. */
#include <stdint.h>
#include <string.h>
#include <gsl/gsl_blas.h>
#include "tsa_train.h"

/* Elementwise loops (bias, sigma, sigma', BN) are vectorized here even at
 * -O2: IEEE semantics are unchanged (no fast-math), and branchy scalar
 * code on random activation signs costs more than the dgemm calls at
 * small widths (bench/p-sgd.c). */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("tree-vectorize")
#endif

double
tsa_train_grad(double *grad, tsa_train_work *w, const tsa_train_net *net,
               const gsl_matrix *X, const gsl_matrix *T)
{
    size_t B = X->size1, L = net->nlayers, C = net->size[L], l, i, k;
    const double c = net->leak, invB = 1.0 / (double) B;
    double loss = 0.0;
    gsl_matrix_view Y = tsa_train_forward(w, net, X);
    gsl_matrix *Gc = w->G0, *Gn = w->G1, *tmp;
    gsl_matrix_view Gv[2];
    gsl_matrix *G;

    Gv[0] = gsl_matrix_submatrix(Gc, 0, 0, B, C);
    G = &Gv[0].matrix;
    /* G = (f - f*) / B = dJ/df */
    for (i = 0; i < B; i++)
    {
        const double *y = Y.matrix.data + i * Y.matrix.tda;
        const double *t = T->data + i * T->tda;
        double *g = G->data + i * G->tda;
        for (k = 0; k < C; k++)
        {
            double e = y[k] - t[k];
            loss += e * e;
            g[k] = e * invB;
        }
    }
    loss *= 0.5 * invB;
    if (grad == NULL)
        return loss;

    for (l = L; l-- > 0;)
    {
        size_t n = net->size[l + 1], nin = net->size[l];
        int trained = !(l + 1 == L && net->out_fixed);
        gsl_matrix_const_view A =
            (l == 0) ? gsl_matrix_const_submatrix(X, 0, 0, B, nin)
                     : gsl_matrix_const_submatrix(w->H[l - 1], 0, 0, B, nin);
        gsl_matrix_view W = tsa_train_net_W(net, net->param, l);

        if (trained)
        {
            gsl_matrix_view dW = tsa_train_net_W(net, grad, l);
            gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, G,
                           &A.matrix, 0.0, &dW.matrix);
            if (net->off_b[l] != SIZE_MAX)
            {
                double *db = grad + net->off_b[l];
                for (k = 0; k < n; k++)
                    db[k] = 0.0;
                for (i = 0; i < B; i++)
                {
                    const double *g = G->data + i * G->tda;
                    for (k = 0; k < n; k++)
                        db[k] += g[k];
                }
            }
        }
        else
        {
            memset(grad + net->off_W[l], 0, n * nin * sizeof(double));
            if (net->off_b[l] != SIZE_MAX)
                memset(grad + net->off_b[l], 0, n * sizeof(double));
        }
        if (l == 0)
            break;

        /* G <- (G W_l) * sigma'(Z_{l-1}), then back through BN */
        {
            gsl_matrix_view Gp = gsl_matrix_submatrix(Gn, 0, 0, B, nin);
            const gsl_matrix *Zp = w->Z[l - 1];
            gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, G,
                           &W.matrix, 0.0, &Gp.matrix);
            for (i = 0; i < B; i++)
            {
                const double *restrict z = Zp->data + i * Zp->tda;
                double *restrict g = Gp.matrix.data + i * Gp.matrix.tda;
                /* g *= sigma'(z) (1 for z > 0, else c), branch-free */
                for (k = 0; k < nin; k++)
                {
                    double gp = z[k] > 0.0 ? g[k] : 0.0;
                    double gn = z[k] > 0.0 ? 0.0 : g[k];
                    g[k] = gp + c * gn;
                }
            }
            if (net->batchnorm)
            {
                const gsl_matrix *Xh = w->Xh[l - 1];
                const double *gam = net->param + net->off_gamma[l - 1];
                const double *is = w->istd[l - 1]->data;
                double *dgam = grad + net->off_gamma[l - 1];
                double *dbet = grad + net->off_beta[l - 1];
                double *s1 = w->s1->data, *s2 = w->s2->data;
                for (k = 0; k < nin; k++)
                    s1[k] = s2[k] = 0.0;
                for (i = 0; i < B; i++)
                {
                    const double *g = Gp.matrix.data + i * Gp.matrix.tda;
                    const double *xh = Xh->data + i * Xh->tda;
                    for (k = 0; k < nin; k++)
                    {
                        s1[k] += g[k];
                        s2[k] += g[k] * xh[k];
                    }
                }
                for (k = 0; k < nin; k++)
                {
                    dbet[k] = s1[k];
                    dgam[k] = s2[k];
                    s1[k] *= invB;
                    s2[k] *= invB;
                }
                for (i = 0; i < B; i++)
                {
                    double *g = Gp.matrix.data + i * Gp.matrix.tda;
                    const double *xh = Xh->data + i * Xh->tda;
                    for (k = 0; k < nin; k++)
                        g[k] = gam[k] * is[k] * (g[k] - s1[k] - xh[k] * s2[k]);
                }
            }
            tmp = Gc;
            Gc = Gn;
            Gn = tmp;
            Gv[1] = gsl_matrix_submatrix(Gc, 0, 0, B, nin);
            Gv[0] = Gv[1];
            G = &Gv[0].matrix;
        }
    }
    return loss;
}
