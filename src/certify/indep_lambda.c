/* indep_lambda.c -- curvature arguments of the independent path (indep.h).
 *
 * lambda_min >= mu for every symmetric H in the balls of an interval matrix
 * (the Hessian over the box):
 *   1. r = max_i sum_j rad(H_ij) bounds |H - mid H|_2 (a symmetric E with
 *      |E| <= rad entrywise has |E|_2 <= |rad|_2 <= max row sum), so by
 *      Weyl it suffices that lambda_min(mid H) > mu + r;
 *   2. that holds when the LDL^T factorization of A = mid H - (mu + r) I
 *      without pivoting, in ball arithmetic on the exact midpoints,
 *        D_j = A_jj - sum_{k<j} L_jk^2 D_k,
 *        L_ij = (A_ij - sum_{k<j} L_ik L_jk D_k) / D_j,
 *      has every pivot ball D_j > 0: then A = L D L^T with D > 0 is
 *      positive definite (Sylvester: the leading minors D_0 ... D_j > 0).
 * No float eigenvalue, no float Cholesky residual, no isotypic blocks.
 * (Factoring the interval matrix itself instead of its midpoint fails on
 * the k = 20 census box: entry radii 4e-32 grow past the 5e-8 margin
 * within N = 400 elimination steps.) */
#include "indep.h"

static tsa_truth_t
pd_prec(const arb_mat_t H, const arb_t mu, slong prec)
{
    slong N = arb_mat_nrows(H), i, j, k;
    arb_mat_t L;
    arb_ptr D = _arb_vec_init(N), T = _arb_vec_init(N);
    arb_mat_t M;
    arb_t t, sh;
    mag_t r, rs;
    tsa_truth_t res = TSA_TRUE;
    arb_mat_init(L, N, N);
    arb_mat_init(M, N, N);
    arb_init(t);
    arb_init(sh);
    mag_init(r);
    mag_init(rs);
    for (i = 0; i < N; i++)
    {
        mag_zero(rs);
        for (j = 0; j < N; j++)
            mag_add(rs, rs, arb_radref(arb_mat_entry(H, i, j)));
        mag_max(r, r, rs);
    }
    arb_mat_get_mid(M, H);
    arf_set_mag(arb_midref(t), r);
    arb_add_arf(sh, mu, arb_midref(t), prec);   /* contains mu + r */
    for (j = 0; j < N && res == TSA_TRUE; j++)
    {
        /* T_k = L_jk D_k, k < j */
        for (k = 0; k < j; k++)
            arb_mul(T + k, arb_mat_entry(L, j, k), D + k, prec);
        arb_sub(t, arb_mat_entry(M, j, j), sh, prec);
        arb_dot(D + j, t, 1, arb_mat_entry(L, j, 0), 1, T, 1, j, prec);
        if (!arb_is_positive(D + j))
        {
            res = TSA_UNDECIDED;
            break;
        }
        for (i = j + 1; i < N; i++)
        {
            arb_dot(t, arb_mat_entry(M, i, j), 1, arb_mat_entry(L, i, 0), 1,
                    T, 1, j, prec);
            arb_div(arb_mat_entry(L, i, j), t, D + j, prec);
        }
    }
    arb_clear(t);
    arb_clear(sh);
    mag_clear(r);
    mag_clear(rs);
    arb_mat_clear(L);
    arb_mat_clear(M);
    _arb_vec_clear(D, N);
    _arb_vec_clear(T, N);
    return res;
}

/* The rounding radii of the elimination grow (by ~2^60 over N = 400 steps
   on the k = 20 census Hessian: 96 bits fail there): prec, then 2 prec. */
tsa_truth_t
_tsa_indep_pd(const arb_mat_t H, const arb_t mu, slong prec)
{
    slong p;
    for (p = prec; p <= 2 * prec; p *= 2)
        if (pd_prec(H, mu, p) == TSA_TRUE)
            return TSA_TRUE;
    return TSA_UNDECIDED;
}

void
_tsa_indep_quad(arb_t q, const arb_mat_t H, const double *v, slong prec)
{
    slong N = arb_mat_nrows(H), i;
    arb_ptr x = _arb_vec_init(N), y = _arb_vec_init(N);
    for (i = 0; i < N; i++)
        arb_set_d(x + i, v[i]);   /* exact */
    for (i = 0; i < N; i++)
        arb_dot(y + i, NULL, 0, arb_mat_entry(H, i, 0), 1, x, 1, N, prec);
    arb_dot(q, NULL, 0, x, 1, y, 1, N, prec);
    _arb_vec_clear(x, N);
    _arb_vec_clear(y, N);
}
