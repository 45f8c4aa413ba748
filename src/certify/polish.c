/* polish.c -- Newton polish of a candidate: float64 Newton with a
 * backtracking safeguard, then Newton in Arb midpoint arithmetic with the
 * float64 Hessian (iterative refinement; each step gains about
 * -log2(|I - H Hd^-1|) bits).  docs/certify.md s. 5. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_permutation.h>
#include "certify_impl.h"

/* float gradient at the midpoints of W; returns |g|_inf, or -1 on EDOM */
static double
grad_d(double *g, const tsa_cand_t c, arb_ptr gb, slong prec)
{
    slong k, N = c->n * c->d;
    double mx = 0;
    if (tsa_certify_grad(gb, c, prec) != TSA_SUCCESS)
        return -1;
    for (k = 0; k < N; k++)
    {
        g[k] = arf_get_d(arb_midref(gb + k), ARF_RND_NEAR);
        if (fabs(g[k]) > mx)
            mx = fabs(g[k]);
    }
    return mx;
}

/* Factor of the float Hessian at the midpoints of c: Cholesky when it is
 * numerically positive definite (half the work of LU), else LU. */
typedef struct
{
    gsl_matrix *A;
    gsl_permutation *perm;
    int chol;
} fact_t;

static int
factor(fact_t *f, double *E, const tsa_cand_t c)
{
    int sgn;
    slong N = c->n * c->d;
    if (tsa_certify_hess_mr(f->A->data, E, c, 64) != TSA_SUCCESS)
        return TSA_EDOM;
    f->chol = 1;
    {
        double *copy = malloc(sizeof(double) * N * N);
        memcpy(copy, f->A->data, sizeof(double) * N * N);
        if (gsl_linalg_cholesky_decomp1(f->A) != GSL_SUCCESS)
        {
            f->chol = 0;
            memcpy(f->A->data, copy, sizeof(double) * N * N);
        }
        free(copy);
    }
    if (!f->chol && gsl_linalg_LU_decomp(f->A, f->perm, &sgn) != GSL_SUCCESS)
        return TSA_ERROR(TSA_EDOM, "polish: singular Hessian");
    return TSA_SUCCESS;
}

static void
fsolve(const fact_t *f, const gsl_vector *b, gsl_vector *x)
{
    if (f->chol)
        gsl_linalg_cholesky_solve(f->A, b, x);
    else
        gsl_linalg_LU_solve(f->A, f->perm, b, x);
}

/* re-report the last error with a prefix (copy first: the message buffer
 * is the one being written) */
static int
nonsmooth(void)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", tsa_error_last());
    return TSA_ERROR(TSA_EDOM, "polish: non-smooth point: %.400s", buf);
}

static void
midpoints(tsa_cand_t c)
{
    slong k;
    for (k = 0; k < c->n * c->d; k++)
        mag_zero(arb_radref(c->W + k));
}

int
tsa_certify_polish_d(tsa_cand_t c, double *gnorm, double tol, slong maxiter)
{
    slong N = c->n * c->d, k, it, h;
    fact_t F;
    int have = 0, just = 0;
    gsl_vector *g = gsl_vector_alloc(N), *dx = gsl_vector_alloc(N);
    double *E = malloc(sizeof(double) * c->n * c->n);
    double *x0 = malloc(sizeof(double) * N), *gt = malloc(sizeof(double) * N);
    arb_ptr gb = _arb_vec_init(N);
    tsa_gsl_quiet(); /* process-wide, once (tsa_base.h) */
    double gn;
    int st = TSA_EMAXITER;

    F.A = gsl_matrix_alloc(N, N);
    F.perm = gsl_permutation_alloc(N);

    for (k = 0; k < N; k++)
        arb_set_d(c->W + k, arf_get_d(arb_midref(c->W + k), ARF_RND_NEAR));
    gn = grad_d(g->data, c, gb, 64);
    if (gn < 0)
        st = nonsmooth();
    for (it = 0; it < maxiter && gn >= 0; it++)
    {
        double gnew = -1, t = 1;
        if (gn <= tol)
        {
            st = TSA_SUCCESS;
            break;
        }
        /* chord method: refactor only when the last step contracted
           |grad| by less than 4 (or at the start) */
        just = 0;
        if (!have)
        {
            if ((st = factor(&F, E, c)) != TSA_SUCCESS)
                break;
            have = just = 1;
        }
        fsolve(&F, g, dx);
        for (k = 0; k < N; k++)
            x0[k] = arf_get_d(arb_midref(c->W + k), ARF_RND_NEAR);
        for (h = 0; h < 30; h++, t *= 0.5)
        {
            for (k = 0; k < N; k++)
                arb_set_d(c->W + k, x0[k] - t * dx->data[k]);
            gnew = grad_d(gt, c, gb, 64);
            if (gnew >= 0 && gnew < gn)
                break;
        }
        if (gnew < 0 || gnew >= gn)
        {
            for (k = 0; k < N; k++)
                arb_set_d(c->W + k, x0[k]);
            st = TSA_EMAXITER;
            if (just)
                break;
            have = 0;   /* retry with a factor at the current point */
            continue;
        }
        if (gnew > 0.25 * gn)
            have = 0;
        for (k = 0; k < N; k++)
            g->data[k] = gt[k];
        gn = gnew;
        st = TSA_EMAXITER;
    }
    if (st == TSA_EMAXITER && gn >= 0 && gn <= tol)
        st = TSA_SUCCESS;
    *gnorm = gn;
    gsl_matrix_free(F.A);
    gsl_permutation_free(F.perm);
    gsl_vector_free(g);
    gsl_vector_free(dx);
    free(E);
    free(x0);
    free(gt);
    _arb_vec_clear(gb, N);
    return st;
}

int
tsa_certify_polish(tsa_cand_t c, arf_t gnorm, slong prec, slong maxiter)
{
    slong N = c->n * c->d, k, it;
    fact_t F;
    gsl_vector *g = gsl_vector_alloc(N), *dx = gsl_vector_alloc(N);
    double *E = malloc(sizeof(double) * c->n * c->n);
    arb_ptr gb = _arb_vec_init(N);
    tsa_gsl_quiet(); /* process-wide, once (tsa_base.h) */
    double gn, gprev = HUGE_VAL;
    arf_t t;
    int st;

    arf_init(t);
    F.A = gsl_matrix_alloc(N, N);
    F.perm = gsl_permutation_alloc(N);
    midpoints(c);
    st = factor(&F, E, c);
    for (it = 0; it < maxiter && st == TSA_SUCCESS; it++)
    {
        gn = grad_d(g->data, c, gb, prec + 32);
        if (gn < 0)
        {
            st = nonsmooth();
            break;
        }
        if (gn == 0 || gn > 0.5 * gprev)
            break;   /* exact zero or stagnation at this precision */
        gprev = gn;
        fsolve(&F, g, dx);
        for (k = 0; k < N; k++)
        {
            arf_set_d(t, dx->data[k]);
            arf_sub(arb_midref(c->W + k), arb_midref(c->W + k), t, prec,
                    ARF_RND_NEAR);
        }
    }
    /* rigorous |grad|_inf at the final exact midpoints */
    if (st == TSA_SUCCESS)
    {
        if (tsa_certify_grad(gb, c, prec + 32) != TSA_SUCCESS)
            st = nonsmooth();
        else
        {
            arf_zero(gnorm);
            for (k = 0; k < N; k++)
            {
                arb_get_abs_ubound_arf(t, gb + k, 64);
                if (arf_cmp(t, gnorm) > 0)
                    arf_set(gnorm, t);
            }
        }
    }
    arf_clear(t);
    gsl_matrix_free(F.A);
    gsl_permutation_free(F.perm);
    gsl_vector_free(g);
    gsl_vector_free(dx);
    free(E);
    _arb_vec_clear(gb, N);
    return st;
}
