/* overparam_split_run.c -- is the split of a certified critical point a
 * strict saddle?  Float eigenvector of the split Hessian's smallest
 * eigenvalue, then v^T H v < 0 proved over the whole split image of the
 * box by the Hessian enclosure and by the jet path (docs/overparam.md
 * "Split students"). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include "certify_impl.h"
#include "tsa_overparam_split.h"

/* float lambda_min of the symmetrised Hmid and a unit eigenvector */
static int
eig_min(double *lam, double *v, const double *Hmid, slong N)
{
    gsl_matrix *A = gsl_matrix_alloc(N, N), *Z = gsl_matrix_alloc(N, N);
    gsl_vector *ev = gsl_vector_alloc(N);
    gsl_eigen_symmv_workspace *w = gsl_eigen_symmv_alloc(N);
    gsl_error_handler_t *old;
    slong r, s, best = 0;
    int ok = A != NULL && Z != NULL && ev != NULL && w != NULL;
    if (ok)
    {
        for (r = 0; r < N; r++)
            for (s = 0; s < N; s++)
                gsl_matrix_set(A, r, s, 0.5 * (Hmid[r * N + s] + Hmid[s * N + r]));
        old = gsl_set_error_handler_off();
        ok = gsl_eigen_symmv(A, ev, Z, w) == GSL_SUCCESS;
        gsl_set_error_handler(old);
    }
    if (ok)
    {
        for (r = 1; r < N; r++)
            if (gsl_vector_get(ev, r) < gsl_vector_get(ev, best))
                best = r;
        *lam = gsl_vector_get(ev, best);
        for (r = 0; r < N; r++)
            v[r] = gsl_matrix_get(Z, r, best);
    }
    if (w != NULL)
        gsl_eigen_symmv_free(w);
    gsl_vector_free(ev);
    gsl_matrix_free(A);
    gsl_matrix_free(Z);
    return ok;
}

/* an upper bound of the ball, as a double rounded up */
double
_tsa_split_upper(const arb_t q)
{
    arf_t u;
    double r;
    arf_init(u);
    arb_get_ubound_arf(u, q, 64);
    r = arf_get_d(u, ARF_RND_UP);
    arf_clear(u);
    return r;
}

tsa_truth_t
tsa_overparam_split(double *v, double *cub, double *lam, char *reason,
                    const tsa_cand_t c, slong i, double t, slong prec)
{
    slong d = c->d, n1 = c->n + 1, N1 = n1 * d;
    double *H = NULL, *E = NULL, u1, u2;
    arb_t q;
    tsa_truth_t res = TSA_UNDECIDED;
    *lam = NAN;
    *cub = HUGE_VAL;
    if (tsa_overparam_split_check(c, i, t) != TSA_SUCCESS
        || tsa_certify_check_work(d, n1, c->m, prec, 1, "split") != TSA_SUCCESS)
    {
        snprintf(reason, 256, "%s", tsa_error_last());
        return TSA_UNDECIDED;
    }
    if (_tsa_is_teacher_permutation(c))
    {
        snprintf(reason, 256, "W is exactly a permutation of V: the split "
                 "has loss 0 = min J, a global minimum; no negative "
                 "direction exists");
        return TSA_FALSE;
    }
    H = malloc(sizeof(double) * N1 * N1);
    E = malloc(sizeof(double) * n1 * n1);
    arb_init(q);
    if (H == NULL || E == NULL)
        snprintf(reason, 256, "out of memory (N = %ld)", (long) N1);
    else if (tsa_overparam_split_hess(H, E, c, i, t, prec) != TSA_SUCCESS)
        snprintf(reason, 256, "split Hessian: %.200s", tsa_error_last());
    else if (!eig_min(lam, v, H, N1))
        snprintf(reason, 256, "float eigensolver failed");
    else if (!(*lam < 0))
        snprintf(reason, 256, "float lambda_min = %.3g >= 0: no negative "
                 "direction to prove", *lam);
    else
    {
        u1 = tsa_certify_curv_upper(v, H, E, n1, d);
        if (tsa_overparam_split_curv(q, v, c, i, t, prec) != TSA_SUCCESS
            || !arb_is_finite(q))
            u2 = HUGE_VAL;
        else
            u2 = _tsa_split_upper(q);
        if (u1 < 0 && u2 < 0)
        {
            double m = u1 > u2 ? u1 : u2;
            *cub = m + fabs(m) * 0x1p-40;   /* room for a recomputation */
            res = TSA_TRUE;
            snprintf(reason, 256, "v^T H v <= %.6g < 0 (Hessian path %.6g, "
                     "jet path %.6g; float lambda_min %.6g)", *cub, u1, u2,
                     *lam);
        }
        else
            snprintf(reason, 256, "v^T H v < 0 not proved: Hessian path "
                     "upper %.3g, jet path upper %.3g (float lambda_min "
                     "%.3g)", u1, u2, *lam);
    }
    arb_clear(q);
    free(H);
    free(E);
    return res;
}
