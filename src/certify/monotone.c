/* monotone.c -- the second existence method (docs/certify.md s. 5): if
 * lambda_min(H) >= mu > 0 on the convex box X and |grad J(x)|_2 <= g with
 * g/mu < rho (X = x +- rho), grad J has exactly one zero in X, inside the
 * Euclidean ball B(x, g/mu): on the sphere of radius r > g/mu,
 * (y - x).grad J(y) >= mu r^2 - g r > 0, so the minimum of J over the ball
 * is interior; strong convexity on X gives uniqueness in all of X.
 * Also: float64 estimate of lambda_min for a positive definite Hmid. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include "certify_impl.h"

int
tsa_certify_grad_norm2(double *gn, const tsa_cand_t c, slong prec)
{
    slong N = c->n * c->d;
    arb_ptr g = _arb_vec_init(N);
    arb_t s;
    int st;
    arb_init(s);
    st = tsa_certify_grad(g, c, prec);
    if (st == TSA_SUCCESS)
    {
        arb_dot(s, NULL, 0, g, 1, g, 1, N, prec);
        arb_sqrtpos(s, s, prec);
        *gn = _tsa_arb_abs_ub_d(s);
    }
    arb_clear(s);
    _arb_vec_clear(g, N);
    return st;
}

int
tsa_certify_pd_estimate(double *lam, const double *Hmid, slong N)
{
    gsl_matrix *A = gsl_matrix_alloc(N, N);
    gsl_vector *x = gsl_vector_alloc(N);
    tsa_gsl_quiet(); /* process-wide, once (tsa_base.h) */
    slong i, it;
    int pd;
    memcpy(A->data, Hmid, sizeof(double) * N * N);
    pd = gsl_linalg_cholesky_decomp1(A) == GSL_SUCCESS;
    if (pd)
    {
        double nrm = 1;
        for (i = 0; i < N; i++)
            gsl_vector_set(x, i, 1.0 + 0.001 * (double) ((i * 7919) % 101));
        /* inverse iteration: x <- H^-1 x / |.| ; |H^-1 x| -> 1/lambda_min */
        for (it = 0; it < 40; it++)
        {
            gsl_blas_dscal(1.0 / gsl_blas_dnrm2(x), x);
            gsl_linalg_cholesky_svx(A, x);
            nrm = gsl_blas_dnrm2(x);
        }
        *lam = 1.0 / nrm;
    }
    gsl_matrix_free(A);
    gsl_vector_free(x);
    return pd;
}
