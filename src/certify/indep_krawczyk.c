/* indep_krawczyk.c -- the Krawczyk operator of the independent path
 * (indep.h), in Arb throughout.
 *
 * X = x +- rho (cube), H(X) an interval matrix containing the Hessian at
 * every point of X, g = grad J(x), R any matrix (here a float64 LU inverse
 * of mid H(X) by GSL, made exact balls; its accuracy only affects
 * success):
 *   K(X) = x - R g + (I - R H(X)) (X - x),
 *   |K(X)_i - x_i| <= |(R g)_i| + rho sum_j |(I - R H(X))_ij|.
 * If the right-hand side is < rho for every i then K(X) lies in the
 * interior of X and X holds exactly one zero of grad J (Krawczyk 1969,
 * Moore's form; R and every matrix of H(X) are then nonsingular).  The
 * products R g and R H(X) are Arb balls; the sums are rounded upward. */
#include <stdlib.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include "indep.h"

/* R = float64 inverse of mid H as exact balls; 0 if singular or not finite */
static int
approx_inv(arb_mat_t R, const arb_mat_t H)
{
    slong N = arb_mat_nrows(H), i, j;
    gsl_matrix *A = gsl_matrix_alloc(N, N), *B = gsl_matrix_alloc(N, N);
    gsl_permutation *p = gsl_permutation_alloc(N);
    tsa_gsl_quiet(); /* process-wide, once (tsa_base.h) */
    int sg, ok = 1;
    for (i = 0; i < N; i++)
        for (j = 0; j < N; j++)
            gsl_matrix_set(A, i, j, arf_get_d(arb_midref(arb_mat_entry(H, i, j)),
                                              ARF_RND_NEAR));
    ok = gsl_linalg_LU_decomp(A, p, &sg) == GSL_SUCCESS
         && gsl_linalg_LU_invert(A, p, B) == GSL_SUCCESS;
    for (i = 0; i < N && ok; i++)
        for (j = 0; j < N && ok; j++)
        {
            double x = gsl_matrix_get(B, i, j);
            ok = isfinite(x);
            arb_set_d(arb_mat_entry(R, i, j), x);
        }
    gsl_permutation_free(p);
    gsl_matrix_free(A);
    gsl_matrix_free(B);
    return ok;
}

tsa_truth_t
_tsa_indep_krawczyk(double *ratio, const arb_mat_t H, arb_srcptr g,
                    double rho, slong prec)
{
    slong N = arb_mat_nrows(H), i, j;
    arb_mat_t R, A;
    arb_ptr r = _arb_vec_init(N);
    arf_t acc, t, best, rh;
    tsa_truth_t res = TSA_UNDECIDED;

    *ratio = HUGE_VAL;
    if (_tsa_indep_mutation == TSA_INDEP_MUT_KRAW)
        rho *= 1e-6;
    if (!(rho > 0) || !isfinite(rho))
    {
        _arb_vec_clear(r, N);
        return TSA_UNDECIDED;
    }
    arb_mat_init(R, N, N);
    arb_mat_init(A, N, N);
    arf_init(acc);
    arf_init(t);
    arf_init(best);
    arf_init(rh);
    arf_set_d(rh, rho);
    if (approx_inv(R, H))
    {
        arb_mat_mul(A, R, H, prec);
        arb_mat_neg(A, A);
        for (i = 0; i < N; i++)
            arb_add_ui(arb_mat_entry(A, i, i), arb_mat_entry(A, i, i), 1, prec);
        for (i = 0; i < N; i++)
            arb_dot(r + i, NULL, 0, arb_mat_entry(R, i, 0), 1, g, 1, N, prec);
        arf_zero(best);
        for (i = 0; i < N; i++)
        {
            arf_zero(acc);
            for (j = 0; j < N; j++)
            {
                arb_get_abs_ubound_arf(t, arb_mat_entry(A, i, j), 64);
                arf_add(acc, acc, t, 64, ARF_RND_UP);
            }
            arf_mul(acc, acc, rh, 64, ARF_RND_UP);
            arb_get_abs_ubound_arf(t, r + i, 64);
            arf_add(acc, acc, t, 64, ARF_RND_UP);
            arf_div(acc, acc, rh, 64, ARF_RND_UP);
            /* a NaN row keeps the ratio NaN: the test fails */
            if (arf_is_nan(acc) || arf_cmp(acc, best) > 0)
                arf_set(best, acc);
            if (arf_is_nan(best))
                break;
        }
        *ratio = arf_is_nan(best) ? NAN : arf_get_d(best, ARF_RND_UP);
        if (!arf_is_nan(best) && arf_cmp_si(best, 1) < 0)
            res = TSA_TRUE;
    }
    arf_clear(acc);
    arf_clear(t);
    arf_clear(best);
    arf_clear(rh);
    arb_mat_clear(R);
    arb_mat_clear(A);
    _arb_vec_clear(r, N);
    return res;
}
