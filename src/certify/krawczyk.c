/* krawczyk.c -- Krawczyk existence/uniqueness test with float64 midpoint
 * matrices and Rump-style bounds (docs/certify.md s. 3).
 *
 * With x the centre, X = x +- rho, R ~ H(x)^-1 and |H(X) - Hmid| <= E:
 *   |K(X) - x| <= |R||g(x)| + |I - R H(X)| rho,
 *   |I - R H(X)| <= |I - fl(R Hmid)| + gamma_N |R||Hmid| + |R| E,
 * all row sums of nonnegative terms, computed in float64 and inflated by
 * (1 + gamma_2N) (Higham, Accuracy and Stability, s. 3.1 and 4.2). */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_permutation.h>
#include "certify_impl.h"

#define HPREC 80   /* Hessian working precision: float64 entries + margin */

tsa_truth_t
tsa_certify_krawczyk(double *ratio, double *rho, char *reason,
                     const tsa_cand_t c, double *Hmid, double *Erad,
                     double *R, slong prec)
{
    slong n = c->n, d = c->d, N = n * d, i, j, k;
    tsa_cand_t X;
    arb_ptr g = _arb_vec_init(N);
    double *gabs = malloc(sizeof(double) * N), *e = malloc(sizeof(double) * N);
    double *hrow = malloc(sizeof(double) * N);
    double *H = Hmid ? Hmid : malloc(sizeof(double) * N * N);
    double *E = Erad ? Erad : malloc(sizeof(double) * n * n);
    double *Rm = R ? R : malloc(sizeof(double) * N * N);
    double *C = malloc(sizeof(double) * N * N);
    tsa_gsl_quiet(); /* process-wide, once (tsa_base.h) */
    tsa_truth_t res = TSA_UNDECIDED;
    double xmax = 0, infl = 1 + tsa_gamma(2.0 * N + 10);

    *ratio = HUGE_VAL;
    reason[0] = '\0';
    tsa_cand_init(X, d, n, c->m);
    tsa_cand_set(X, c);
    for (k = 0; k < N; k++)
    {
        double a = _tsa_arb_abs_ub_d(c->W + k);
        mag_zero(arb_radref(X->W + k));
        if (a > xmax)
            xmax = a;
    }
    if (tsa_certify_grad(g, X, prec) != TSA_SUCCESS)
    {
        snprintf(reason, 256, "gradient at the centre: %s", tsa_error_last());
        goto done;
    }
    for (k = 0; k < N; k++)
        gabs[k] = _tsa_arb_abs_ub_d(g + k);

    /* R from the Hessian at the centre */
    if (tsa_certify_hess_mr(H, E, X, HPREC) != TSA_SUCCESS)
    {
        snprintf(reason, 256, "Hessian at the centre: %s", tsa_error_last());
        goto done;
    }
    {
        gsl_matrix_view A = gsl_matrix_view_array(C, N, N);
        gsl_matrix_view Ri = gsl_matrix_view_array(Rm, N, N);
        gsl_permutation *p = gsl_permutation_alloc(N);
        int sgn, s1;
        memcpy(C, H, sizeof(double) * N * N);
        s1 = gsl_linalg_LU_decomp(&A.matrix, p, &sgn);
        if (s1 == GSL_SUCCESS)
            s1 = gsl_linalg_LU_invert(&A.matrix, p, &Ri.matrix);
        gsl_permutation_free(p);
        if (s1 != GSL_SUCCESS)
        {
            snprintf(reason, 256, "Hessian at the centre is singular in float64");
            goto done;
        }
    }
    if (*rho <= 0)
    {
        double m = 0;
        for (i = 0; i < N; i++)
        {
            double s = 0;
            for (j = 0; j < N; j++)
                s += fabs(Rm[i * N + j]) * gabs[j];
            if (!(s <= m) && !isnan(m))   /* NaN (overflow in H or g) */
                m = s;                      /* sticks */
        }
        *rho = 4 * m * infl;
        if (*rho == 0)
            *rho = ldexp(xmax, (int) -prec);
        if (*rho < 1e-290)
            *rho = 1e-290;
    }
    if (!(*rho > 0 && *rho <= DBL_MAX))
    {
        snprintf(reason, 256, "box radius %g is not a positive float64 "
                 "(overflow in the Hessian or the gradient?)", *rho);
        goto done;
    }
    /* the Hessian on the whole box */
    for (k = 0; k < N; k++)
        mag_set_d(arb_radref(X->W + k), *rho);
    if (tsa_certify_hess_mr(H, E, X, HPREC) != TSA_SUCCESS)
    {
        snprintf(reason, 256, "box of radius %.3g: %s", *rho, tsa_error_last());
        goto done;
    }
    {
        gsl_matrix_view Av = gsl_matrix_view_array(H, N, N);
        gsl_matrix_view Rv = gsl_matrix_view_array(Rm, N, N);
        gsl_matrix_view Cv = gsl_matrix_view_array(C, N, N);
        gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, &Rv.matrix,
                       &Av.matrix, 0.0, &Cv.matrix);
    }
    for (j = 0; j < N; j++)
    {
        double s = 0, se = 0;
        for (k = 0; k < N; k++)
            s += fabs(H[j * N + k]);
        for (k = 0; k < n; k++)
            se += E[(j / d) * n + k];
        hrow[j] = s * infl;
        e[j] = se * d * infl;
    }
    {
        double worst = 0, gN = tsa_gamma((double) N);
        for (i = 0; i < N; i++)
        {
            double s1 = 0, s2 = 0, s3 = 0, s4 = 0, rg, row, r;
            const double *Ri = Rm + i * N, *Ci = C + i * N;
            for (j = 0; j < N; j++)
            {
                double a = fabs(Ri[j]);
                s1 += fabs((i == j ? 1.0 : 0.0) - Ci[j]);
                s2 += a * hrow[j];
                s3 += a * e[j];
                s4 += a * gabs[j];
            }
            row = (s1 + 2 * TSA_U64 + gN * s2 + s3) * infl;
            rg = s4 * infl;
            r = (rg + row * *rho) / *rho * (1 + 4 * TSA_U64);
            /* a NaN row (inf - inf, 0 * inf after an overflow) must not be
               skipped: it makes the ratio NaN for good and the test fail */
            if (!(r <= worst) && !isnan(worst))
                worst = r;
        }
        *ratio = worst;
    }
    if (*ratio < 1)
        res = TSA_TRUE;
    else
        snprintf(reason, 256, "Krawczyk test failed on the box of radius "
                 "%.3g: ratio %.3g >= 1", *rho, *ratio);
done:
    tsa_cand_clear(X);
    _arb_vec_clear(g, N);
    free(gabs);
    free(e);
    free(hrow);
    free(C);
    if (!Hmid)
        free(H);
    if (!Erad)
        free(E);
    if (!R)
        free(Rm);
    return res;
}
