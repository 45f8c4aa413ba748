/* run.c -- full certification of a candidate (docs/certify.md s. 6):
 * exact global minimum, or smoothness + Krawczyk box + curvature. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include "certify_impl.h"

#define EIG_DENSE_MAX 1200   /* dense symmetric eigensolver up to this N */
#define NEAR_ALIGNED 1e-6    /* rad; a choice, stated in the reason */

const char *
tsa_cert_kind_name(tsa_cert_kind_t k)
{
    switch (k)
    {
    case TSA_CERT_MIN:
        return "strict local minimum";
    case TSA_CERT_SADDLE:
        return "saddle";
    case TSA_CERT_GLOBAL_MIN:
        return "global minimum";
    case TSA_CERT_CRITICAL:
        return "critical point";
    default:
        return "undecided";
    }
}

void
tsa_cert_opts_default(tsa_cert_opts_t *o)
{
    o->prec = 128;
    o->max_radius = 1e-20;
    o->radius = 0;
    o->krawczyk_max = 1600;
    o->sym = NULL;
}

void
tsa_cert_init(tsa_cert_t r, slong n, slong m)
{
    memset(r, 0, sizeof(tsa_cert_struct));
    r->n = n;
    r->m = m;
    arb_init(r->loss);
    r->ang = _arb_vec_init(n * m);
    r->minang = _arb_vec_init(m);
    r->kind = TSA_CERT_UNDECIDED;
    r->exists = TSA_UNDECIDED;
}

void
tsa_cert_clear(tsa_cert_t r)
{
    arb_clear(r->loss);
    _arb_vec_clear(r->ang, r->n * r->m);
    _arb_vec_clear(r->minang, r->m);
    free(r->dir);
}

/* W (midpoints, exact) is a column permutation of V (exact) */
int
_tsa_is_teacher_permutation(const tsa_cand_t c)
{
    slong i, t, k, d = c->d;
    char *used;
    int ok = 1;
    if (c->n != c->m)
        return 0;
    for (k = 0; k < d * c->n; k++)
        if (!arb_is_exact(c->W + k))
            return 0;
    for (k = 0; k < d * c->m; k++)
        if (!arb_is_exact(c->V + k))
            return 0;
    used = calloc(c->m, 1);
    for (i = 0; i < c->n && ok; i++)
    {
        int found = 0;
        for (t = 0; t < c->m && !found; t++)
        {
            if (used[t])
                continue;
            found = 1;
            for (k = 0; k < d && found; k++)
                found = arb_equal(TSA_WCOL(c, i) + k, TSA_VCOL(c, t) + k);
            if (found)
                used[t] = 1;
        }
        ok = found;
    }
    free(used);
    return ok;
}

/* lambda estimate and eigenvector of the smallest eigenvalue of Hmid
 * (dense solver), or of the eigenvalue of smallest modulus (power
 * iteration on R ~ Hmid^-1).  Float64, not rigorous: only a guide. */
static double
estimate(double *v, const double *H, const double *R, slong N)
{
    slong i, it;
    double lam = 0;
    if (N <= EIG_DENSE_MAX)
    {
        gsl_matrix *A = gsl_matrix_alloc(N, N), *Z = gsl_matrix_alloc(N, N);
        gsl_vector *ev = gsl_vector_alloc(N);
        gsl_eigen_symmv_workspace *w = gsl_eigen_symmv_alloc(N);
        memcpy(A->data, H, sizeof(double) * N * N);
        gsl_eigen_symmv(A, ev, Z, w);
        gsl_eigen_symmv_sort(ev, Z, GSL_EIGEN_SORT_VAL_ASC);
        lam = gsl_vector_get(ev, 0);
        for (i = 0; i < N; i++)
            v[i] = gsl_matrix_get(Z, i, 0);
        gsl_eigen_symmv_free(w);
        gsl_vector_free(ev);
        gsl_matrix_free(A);
        gsl_matrix_free(Z);
        return lam;
    }
    else
    {
        gsl_vector *x = gsl_vector_alloc(N), *y = gsl_vector_alloc(N);
        gsl_matrix_const_view Rv = gsl_matrix_const_view_array(R, N, N);
        gsl_matrix_const_view Hv = gsl_matrix_const_view_array(H, N, N);
        double mu = 0;
        for (i = 0; i < N; i++)
            gsl_vector_set(x, i, 1.0 + 0.001 * (double) ((i * 7919) % 101));
        for (it = 0; it < 60; it++)
        {
            gsl_blas_dscal(1.0 / gsl_blas_dnrm2(x), x);
            gsl_blas_dgemv(CblasNoTrans, 1.0, &Rv.matrix, x, 0.0, y);
            gsl_blas_ddot(x, y, &mu);
            gsl_vector_memcpy(x, y);
        }
        gsl_blas_dscal(1.0 / gsl_blas_dnrm2(x), x);
        gsl_blas_dgemv(CblasNoTrans, 1.0, &Hv.matrix, x, 0.0, y);
        gsl_blas_ddot(x, y, &lam);
        (void) mu;
        memcpy(v, x->data, sizeof(double) * N);
        gsl_vector_free(x);
        gsl_vector_free(y);
        return lam;
    }
}

/* record the radius; 1 (with the reason) when it exceeds max_radius */
static int
too_wide(tsa_cert_t r, double rho, const tsa_cert_opts_t *o)
{
    r->radius = isfinite(rho) ? rho : 0;   /* "nan" would not parse */
    if (rho <= o->max_radius)   /* false for NaN */
        return 0;
    snprintf(r->reason, sizeof r->reason, "box radius %.3g needed to enclose "
             "the critical point exceeds the maximum %.3g: the candidate is "
             "not accurate enough", rho, o->max_radius);
    return 1;
}

/* the cube for the monotone argument (s. 5): radius 2.02 |grad|_2 / lambda
   (or the user's), set on X; 0 (with the reason) when it is too wide */
static double
monotone_box(tsa_cert_t r, tsa_cand_t X, double lam, const tsa_cert_opts_t *o)
{
    slong k, N = X->n * X->d;
    double rho = o->radius > 0 ? o->radius : 2.02 * r->gnorm2 / lam;
    if (rho < 1e-290)
        rho = 1e-290;
    if (too_wide(r, rho, o))
        return 0;
    for (k = 0; k < N; k++)
        mag_set_d(arb_radref(X->W + k), rho);
    return rho;
}

int
tsa_certify_run(tsa_cert_t r, const tsa_cand_t c, const tsa_cert_opts_t *o)
{
    slong n = c->n, d = c->d, N = n * d, k, prec = o->prec;
    tsa_cand_t X;
    double *H = NULL, *E = NULL, *R = NULL, *v = NULL, rho = o->radius;
    char why[256] = "";
    clock_t t0 = clock();
    tsa_truth_t sm;

    r->prec = prec;
    tsa_cand_init(X, d, n, c->m);
    tsa_cand_set(X, c);
    for (k = 0; k < N; k++)
        mag_zero(arb_radref(X->W + k));

    if (_tsa_is_teacher_permutation(X))
    {
        r->kind = TSA_CERT_GLOBAL_MIN;
        r->exists = TSA_TRUE;
        r->radius = 0;
        arb_zero(r->loss);
        snprintf(r->reason, sizeof r->reason,
                 "W is a column permutation of V: J(W) = 0 exactly and J >= 0;"
                 " students are aligned with teachers, where J is not smooth,"
                 " so no Krawczyk certificate is claimed");
        if (tsa_certify_angles(r->ang, r->minang, X, prec) != TSA_SUCCESS)
            _arb_vec_indeterminate(r->ang, n * c->m);
        goto done;
    }
    sm = tsa_certify_smooth(&r->min_norm, &r->max_cos, why, X, prec);
    if (sm != TSA_TRUE)
    {
        snprintf(r->reason, sizeof r->reason, "not smooth at the centre: %.200s",
                 why);
        goto done;
    }
    if (tsa_certify_angles(r->ang, r->minang, X, prec) == TSA_SUCCESS)
    {
        /* a student within 1e-6 rad of a teacher: next to the aligned set
           where J is not C^2; the smooth method is not meant for it */
        slong i, t;
        for (i = 0; i < n; i++)
            for (t = 0; t < c->m; t++)
                if (_tsa_arb_abs_ub_d(r->ang + i * c->m + t) < NEAR_ALIGNED)
                {
                    snprintf(r->reason, sizeof r->reason, "student %ld is "
                             "within %.2g rad of teacher %ld: next to an "
                             "aligned point, where J is not smooth (if W is "
                             "meant to be V up to a permutation, give it "
                             "exactly: that is certified by the exact "
                             "argument)", (long) i,
                             _tsa_arb_abs_ub_d(r->ang + i * c->m + t), (long) t);
                    goto done;
                }
    }
    if (o->sym != NULL && tsa_sym_invariant(o->sym, X) == TSA_TRUE)
    {
        /* lambda_min by the isotypic decomposition at the exact invariant
           centre (docs/certify.md s. 10) minus the Hessian's spread over
           the cube; existence by the monotone argument (s. 5).  No N x N
           matrix.  If this does not conclude, the dense path below runs. */
        double est, lc, spread;
        if (tsa_sym_lambda_lower(&lc, &est, why, X, o->sym, prec) == TSA_TRUE
            && tsa_certify_grad_norm2(&r->gnorm2, X, prec) == TSA_SUCCESS)
        {
            rho = monotone_box(r, X, est, o);
            if (rho == 0)
                goto done;
            if (tsa_certify_hess_spread(&spread, X, 80) != TSA_SUCCESS)
            {
                snprintf(r->reason, sizeof r->reason, "box of radius %.3g: "
                         "%.200s", rho, tsa_error_last());
                goto done;
            }
            r->lambda_centre = lc;
            r->spread = spread;
            /* Weyl: lambda_min(H(x)) >= lambda_min(H(centre)) - |H(x) - H(centre)|_2 */
            r->lambda_lower = nextafter(lc - spread, -HUGE_VAL);
            if (r->lambda_lower > 0
                && r->gnorm2 / r->lambda_lower * (1 + 1e-15) < rho)
            {
                slong b;
                r->sym = 1;
                r->sym_B = o->sym->B;
                for (b = 0; b < o->sym->B; b++)
                    r->sym_size[b] = o->sym->size[b];
                r->monotone = 1;
                r->exists = TSA_TRUE;
                r->kind = TSA_CERT_MIN;
                goto facts;
            }
            snprintf(r->reason, sizeof r->reason, "lambda_min >= %.3g at the "
                     "centre (isotypic), spread %.3g on the box: %s", lc,
                     spread, r->lambda_lower > 0 ? "|grad|/lambda_min does "
                     "not fit the box" : "lambda_min > 0 not proved on the box");
            goto done;
        }
        for (k = 0; k < N; k++)
            mag_zero(arb_radref(X->W + k));
        r->gnorm2 = 0;
    }
    if (N > TSA_CERTIFY_MAX_DENSE)
    {
        /* the block-symmetric path did not conclude (or no symmetry was
           given); the dense path would need N x N matrices above the
           documented limit (docs/certify.md, Limits) */
        snprintf(r->reason, sizeof r->reason, "the symmetric path did not "
                 "conclude%s%.150s and the dense path is refused for N = %ld "
                 "> %d", why[0] ? " (" : "", why[0] ? why : "", (long) N,
                 TSA_CERTIFY_MAX_DENSE);
        if (why[0])
            strncat(r->reason, ")", sizeof r->reason - strlen(r->reason) - 1);
        goto done;
    }
    H = malloc(sizeof(double) * N * N);
    E = malloc(sizeof(double) * n * n);
    v = malloc(sizeof(double) * N);
    if (H == NULL || E == NULL || v == NULL)
    {
        snprintf(r->reason, sizeof r->reason, "out of memory for the dense "
                 "Hessian (N = %ld)", (long) N);
        goto done;
    }
    {
        /* Positive definite in float64?  Then the cheap monotone method
           (docs/certify.md s. 5), plus Krawczyk up to krawczyk_max. */
        double lam;
        if (tsa_certify_hess_mr(H, E, X, 80) == TSA_SUCCESS
            && tsa_certify_pd_estimate(&lam, H, N) && lam > 0
            && tsa_certify_grad_norm2(&r->gnorm2, X, prec) == TSA_SUCCESS)
        {
            static const double frac[] = {0.999, 0.99, 0.9, 0.5, 0.1};
            rho = monotone_box(r, X, lam, o);
            if (rho == 0)
                goto done;
            if (tsa_certify_hess_mr(H, E, X, 80) != TSA_SUCCESS)
            {
                snprintf(r->reason, sizeof r->reason, "box of radius %.3g: "
                         "%.200s", rho, tsa_error_last());
                goto done;
            }
            for (k = 0; k < 5; k++)
                if (tsa_certify_lambda_lower(&r->lambda_lower, H, E, n, d,
                                             frac[k] * lam) == TSA_TRUE)
                {
                    r->shift = frac[k] * lam;
                    break;
                }
            if (r->shift > 0 && r->gnorm2 / r->lambda_lower < rho)
            {
                r->monotone = 1;
                r->exists = TSA_TRUE;
                r->kind = TSA_CERT_MIN;
                if (N <= o->krawczyk_max)
                {
                    for (k = 0; k < N; k++)
                        mag_zero(arb_radref(X->W + k));
                    if (tsa_certify_krawczyk(&r->kratio, &rho, why, X, NULL,
                                             NULL, NULL, prec) != TSA_TRUE)
                        r->kratio = 0;
                    for (k = 0; k < N; k++)
                        mag_set_d(arb_radref(X->W + k), rho);
                }
                goto facts;
            }
            snprintf(r->reason, sizeof r->reason, "Hessian positive definite "
                     "in float64 (lambda ~ %.3g) but %s", lam,
                     r->shift > 0 ? "|grad|/lambda_min does not fit the box"
                                  : "lambda_min > 0 not proved");
            goto done;
        }
        for (k = 0; k < N; k++)
            mag_zero(arb_radref(X->W + k));
        rho = o->radius;
    }
    R = malloc(sizeof(double) * N * N);
    r->exists = tsa_certify_krawczyk(&r->kratio, &rho, why, X, H, E, R, prec);
    r->radius = isfinite(rho) ? rho : 0;   /* "nan" would not parse */
    if (r->exists != TSA_TRUE)
    {
        r->exists = TSA_UNDECIDED;
        snprintf(r->reason, sizeof r->reason, "no critical point proved: %.200s",
                 why);
        goto done;
    }
    if (o->radius <= 0 && rho > o->max_radius)
    {
        r->exists = TSA_UNDECIDED;
        snprintf(r->reason, sizeof r->reason, "box radius %.3g needed to "
                 "enclose the critical point exceeds the maximum %.3g: the "
                 "candidate is not accurate enough", rho, o->max_radius);
        goto done;
    }
    for (k = 0; k < N; k++)
        mag_set_d(arb_radref(X->W + k), rho);
facts:
    if (tsa_certify_smooth(&r->min_norm, &r->max_cos, why, X, prec) != TSA_TRUE)
    {
        r->exists = TSA_UNDECIDED;
        r->kind = TSA_CERT_UNDECIDED;
        snprintf(r->reason, sizeof r->reason, "box not smooth: %.200s", why);
        goto done;
    }
    if (tsa_certify_loss(r->loss, X, prec) != TSA_SUCCESS
        || tsa_certify_angles(r->ang, r->minang, X, prec) != TSA_SUCCESS)
    {
        r->exists = TSA_UNDECIDED;
        r->kind = TSA_CERT_UNDECIDED;
        snprintf(r->reason, sizeof r->reason, "loss/angles: %.200s",
                 tsa_error_last());
        goto done;
    }
    if (r->monotone)
        goto done;
    r->kind = TSA_CERT_CRITICAL;
    {
        double lam = estimate(v, H, R, N), f;
        if (lam > 0)
        {
            static const double frac[] = {0.999, 0.99, 0.9, 0.5, 0.1};
            for (k = 0; k < 5; k++)
            {
                f = frac[k] * lam;
                if (tsa_certify_lambda_lower(&r->lambda_lower, H, E, n, d, f)
                    == TSA_TRUE)
                {
                    r->shift = f;
                    r->kind = TSA_CERT_MIN;
                    break;
                }
            }
            if (r->kind != TSA_CERT_MIN)
                snprintf(r->reason, sizeof r->reason, "Hessian positive "
                         "definite in float64 (lambda ~ %.3g) but not proved",
                         lam);
        }
        else
        {
            r->curv_upper = tsa_certify_curv_upper(v, H, E, n, d);
            if (r->curv_upper < 0)
            {
                r->kind = TSA_CERT_SADDLE;
                r->dir = v;
                v = NULL;
            }
            else
                snprintf(r->reason, sizeof r->reason, "negative curvature "
                         "%.3g in float64 but v^T H v < 0 not proved", lam);
        }
    }
done:
    r->seconds = (double) (clock() - t0) / CLOCKS_PER_SEC;
    tsa_cand_clear(X);
    free(H);
    free(R);
    free(E);
    free(v);
    return TSA_SUCCESS;
}
