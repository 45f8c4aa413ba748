/* lmrule.c -- the gradient by the recursive gradient rule of LM Thm 1
 * (the Luck-matters paper (LM) eq. 2-3), sample by sample, as an independent
 * reference for tsa_train_grad.  For every x, top-down:
 *   beta*_L = beta_L = I_C (output layer, linear),
 *   beta*_{l-1} = W_l^T D_l beta*_l D*_l W*_l,
 *   beta_{l-1}  = W_l^T D_l beta_l  D_l  W_l,
 *   g_l = D_l [ beta*_l f*_l - beta_l f_l ]   (D_L = I),
 * and dJ/dW_l[j][k] = -mean_x g_l[j] f_{l-1}[k].  Needs sigma(z) =
 * sigma'(z) z, i.e. no biases. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_train.h"

/* activations of every layer of net at x: F[l] (size[l]), l = 0..L, with
 * F[0] = x; masks D[l] = sigma'(pre-activation) for hidden l */
static void
forward1(double **F, double **D, const tsa_train_net *net, const double *x)
{
    size_t L = net->nlayers, l, j, k;
    memcpy(F[0], x, net->size[0] * sizeof(double));
    for (l = 0; l < L; l++)
    {
        const double *W = net->param + net->off_W[l];
        size_t n = net->size[l + 1], nin = net->size[l];
        for (j = 0; j < n; j++)
        {
            double z = 0.0;
            for (k = 0; k < nin; k++)
                z += W[j * nin + k] * F[l][k];
            if (l + 1 == L)
            {
                F[l + 1][j] = z;
                D[l + 1][j] = 1.0;
            }
            else
            {
                D[l + 1][j] = z > 0.0 ? 1.0 : net->leak;
                F[l + 1][j] = D[l + 1][j] * z;
            }
        }
    }
}

double
tsa_train_grad_lm_rule(double *grad, int *status, const tsa_train_net *net,
                       const tsa_train_net *t, const gsl_matrix *X)
{
    size_t L = net->nlayers, B = X->size1, C = net->size[L], l, i, j, k, a, b;
    size_t wmax = 0, tot = 0;
    double *buf, *F[TSA_TRAIN_MAX_LAYERS + 1], *D[TSA_TRAIN_MAX_LAYERS + 1];
    double *Ft[TSA_TRAIN_MAX_LAYERS + 1], *Dt[TSA_TRAIN_MAX_LAYERS + 1];
    double *Bs, *Bn, *Bst, *Bnt, *tmp, *g, loss = 0.0;

    *status = TSA_SUCCESS;
    if (net->bias || net->out_bias || net->batchnorm || t->bias
        || t->out_bias || t->nlayers != L || t->leak != net->leak
        || t->size[0] != net->size[0] || t->size[L] != C)
    {
        *status = TSA_ERROR(TSA_EINVAL, "lm rule: needs bias-free nets of "
                            "the same depth, leak and input/output sizes");
        return 0.0;
    }
    for (l = 0; l <= L; l++)
    {
        if (net->size[l] > wmax) wmax = net->size[l];
        if (t->size[l] > wmax) wmax = t->size[l];
        tot += 2 * (net->size[l] + t->size[l]);
    }
    buf = malloc((tot + 5 * wmax * wmax + wmax) * sizeof(double));
    if (buf == NULL)
    {
        *status = TSA_ERROR(TSA_ENOMEM, "out of memory");
        return 0.0;
    }
    tmp = buf;
    for (l = 0; l <= L; l++)
    {
        F[l] = tmp; tmp += net->size[l];
        D[l] = tmp; tmp += net->size[l];
        Ft[l] = tmp; tmp += t->size[l];
        Dt[l] = tmp; tmp += t->size[l];
    }
    Bs = tmp; tmp += wmax * wmax;   /* beta_l   (n_l x n_l)  */
    Bst = tmp; tmp += wmax * wmax;  /* beta*_l  (n_l x m_l)  */
    Bn = tmp; tmp += wmax * wmax;
    Bnt = tmp; tmp += wmax * wmax;
    g = tmp; tmp += wmax * wmax;    /* scratch, then g_l     */
    memset(grad, 0, net->nparam * sizeof(double));

    for (i = 0; i < B; i++)
    {
        const double *x = X->data + i * X->tda;
        forward1(F, D, net, x);
        forward1(Ft, Dt, t, x);
        for (j = 0; j < C; j++)
            loss += 0.5 * (F[L][j] - Ft[L][j]) * (F[L][j] - Ft[L][j]);
        /* top: beta = beta* = I_C */
        for (a = 0; a < C; a++)
            for (b = 0; b < C; b++)
                Bs[a * C + b] = Bst[a * C + b] = (a == b);
        for (l = L; l >= 1; l--)
        {
            size_t n = net->size[l], m = t->size[l], nin = net->size[l - 1];
            size_t min = t->size[l - 1];
            const double *W = net->param + net->off_W[l - 1];
            const double *Wt = t->param + t->off_W[l - 1];
            double *gl = g;
            /* g_l = D_l [beta*_l f*_l - beta_l f_l], eq. (2) */
            for (j = 0; j < n; j++)
            {
                double s = 0.0;
                for (b = 0; b < m; b++)
                    s += Bst[j * m + b] * Ft[l][b];
                for (b = 0; b < n; b++)
                    s -= Bs[j * n + b] * F[l][b];
                gl[j] = D[l][j] * s;
            }
            /* dJ/dW_{l-1} -= g_l f_{l-1}^T / B */
            if (!(l == L && net->out_fixed))
                for (j = 0; j < n; j++)
                    for (k = 0; k < nin; k++)
                        grad[net->off_W[l - 1] + j * nin + k] -=
                            gl[j] * F[l - 1][k] / (double) B;
            if (l == 1)
                break;
            /* eq. (3): beta_{l-1} = W^T D beta D W, beta*_{l-1} =
               W^T D beta* D* W*  (D_L = D*_L = I) */
            for (k = 0; k < nin; k++)
                for (b = 0; b < nin; b++)
                {
                    double s = 0.0;
                    for (j = 0; j < n; j++)
                    {
                        double r = 0.0;
                        if (W[j * nin + k] == 0.0 || D[l][j] == 0.0)
                            continue;
                        for (a = 0; a < n; a++)
                            r += Bs[j * n + a] * D[l][a] * W[a * nin + b];
                        s += W[j * nin + k] * D[l][j] * r;
                    }
                    Bn[k * nin + b] = s;
                }
            for (k = 0; k < nin; k++)
                for (b = 0; b < min; b++)
                {
                    double s = 0.0;
                    for (j = 0; j < n; j++)
                    {
                        double r = 0.0;
                        if (W[j * nin + k] == 0.0 || D[l][j] == 0.0)
                            continue;
                        for (a = 0; a < m; a++)
                            r += Bst[j * m + a] * Dt[l][a] * Wt[a * min + b];
                        s += W[j * nin + k] * D[l][j] * r;
                    }
                    Bnt[k * min + b] = s;
                }
            memcpy(Bs, Bn, nin * nin * sizeof(double));
            memcpy(Bst, Bnt, nin * min * sizeof(double));
        }
    }
    free(buf);
    return loss / (double) B;
}
