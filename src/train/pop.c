/* pop.c -- population loss and gradient, two layers, Gaussian input,
 * from the float64 kernels psi_l (docs/certify.md, LM eq. 7). */
#include <stdint.h>
#include <string.h>
#include <gsl/gsl_blas.h>
#include "tsa_kernel.h"
#include "tsa_train.h"

size_t
tsa_train_pop_work_size(const tsa_train_net *net, const tsa_train_net *t)
{
    size_t d = net->size[0], da = d + (net->bias ? 1 : 0);
    size_t n = net->size[1], m = t->size[1];
    return (n + m) * da + 2 * n * n + 2 * n * m + 2 * m * m + da;
}

/* rows [W_k, b_k] of layer 0 into A (rows x da) */
static void
augmented(double *A, const tsa_train_net *net, size_t da)
{
    size_t d = net->size[0], rows = net->size[1], k;
    for (k = 0; k < rows; k++)
    {
        memcpy(A + k * da, net->param + net->off_W[0] + k * d,
               d * sizeof(double));
        if (da > d)
            A[k * da + d] = net->param[net->off_b[0] + k];
    }
}

double
tsa_train_pop_grad(double *grad, double *ws, const tsa_train_net *net,
                   const tsa_train_net *t, double s)
{
    size_t d = net->size[0], n = net->size[1], m = t->size[1];
    size_t C = net->size[2], bias = net->bias ? 1 : 0, da = d + bias;
    size_t k, k2, j, i;
    double c = net->leak, J;
    double *Wa = ws, *Ta = Wa + n * da, *Psi = Ta + m * da,
           *Psis = Psi + n * n, *Q = Psis + n * m, *R = Q + n * n,
           *Pss = R + n * m, *S = Pss + m * m, *g = S + m * m;
    gsl_matrix_view V = tsa_train_net_W(net, net->param, 1);
    gsl_matrix_view Vt = tsa_train_net_W(t, t->param, 1);
    gsl_matrix_view mPsi = gsl_matrix_view_array(Psi, n, n),
                    mPsis = gsl_matrix_view_array(Psis, n, m),
                    mQ = gsl_matrix_view_array(Q, n, n),
                    mR = gsl_matrix_view_array(R, n, m),
                    mPss = gsl_matrix_view_array(Pss, m, m),
                    mS = gsl_matrix_view_array(S, m, m);

    augmented(Wa, net, da);
    augmented(Ta, t, da);
    for (k = 0; k < n; k++)
    {
        for (k2 = k; k2 < n; k2++)
            Psi[k * n + k2] = Psi[k2 * n + k] =
                tsa_kernel_psi_l_d(Wa + k * da, Wa + k2 * da, d, bias, s, c);
        for (j = 0; j < m; j++)
            Psis[k * m + j] =
                tsa_kernel_psi_l_d(Wa + k * da, Ta + j * da, d, bias, s, c);
    }
    for (j = 0; j < m; j++)
        for (k2 = j; k2 < m; k2++)
            Pss[j * m + k2] = Pss[k2 * m + j] =
                tsa_kernel_psi_l_d(Ta + j * da, Ta + k2 * da, d, bias, s, c);
    /* Q = V^T V, R = V^T V*, S = V*^T V* */
    gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, &V.matrix, &V.matrix, 0.0,
                   &mQ.matrix);
    gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, &V.matrix, &Vt.matrix, 0.0,
                   &mR.matrix);
    gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, &Vt.matrix, &Vt.matrix, 0.0,
                   &mS.matrix);
    J = 0.0;
    for (i = 0; i < n * n; i++)
        J += Q[i] * Psi[i];
    for (i = 0; i < n * m; i++)
        J -= 2.0 * R[i] * Psis[i];
    for (i = 0; i < m * m; i++)
        J += S[i] * Pss[i];
    J *= 0.5;
    if (grad == NULL)
        return J;

    /* grad_{w_k} J = sum_k' Q_kk' g(w_k, w_k') - sum_j R_kj g(w_k, w*_j) */
    memset(grad, 0, net->nparam * sizeof(double));
    for (k = 0; k < n; k++)
    {
        double *gw = grad + net->off_W[0] + k * d;
        double *gb = bias ? grad + net->off_b[0] + k : NULL;
        for (k2 = 0; k2 < n; k2++)
        {
            double q = Q[k * n + k2];
            if (q == 0.0)
                continue;
            tsa_kernel_psi_l_grad_d(g, Wa + k * da, Wa + k2 * da, d, bias, s,
                                    c);
            for (i = 0; i < d; i++)
                gw[i] += q * g[i];
            if (gb)
                *gb += q * g[d];
        }
        for (j = 0; j < m; j++)
        {
            double rr = R[k * m + j];
            if (rr == 0.0)
                continue;
            tsa_kernel_psi_l_grad_d(g, Wa + k * da, Ta + j * da, d, bias, s,
                                    c);
            for (i = 0; i < d; i++)
                gw[i] -= rr * g[i];
            if (gb)
                *gb -= rr * g[d];
        }
    }
    /* grad_V J = V Psi - V* Psi*^T  (C x n) */
    if (!net->out_fixed)
    {
        gsl_matrix_view gV = tsa_train_net_W(net, grad, 1);
        gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, &V.matrix,
                       &mPsi.matrix, 0.0, &gV.matrix);
        gsl_blas_dgemm(CblasNoTrans, CblasTrans, -1.0, &Vt.matrix,
                       &mPsis.matrix, 1.0, &gV.matrix);
    }
    (void) C;
    (void) mPss;
    return J;
}
