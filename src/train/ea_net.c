/* ea_net.c -- the two-layer network with bias of the early-alignment
 * trainer: options and limits, balanced initialisation, loss and gradient
 * (GSL BLAS), one GD step with sign-flip count (tsa_ea.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include "tsa_ea.h"

void
tsa_ea_opts_default(tsa_ea_opts *o)
{
    memset(o, 0, sizeof *o);
    o->m = 10;
    o->steps = 2000;
    o->lambda = 1e-3;
    o->lr = 0.05;
    o->seed = 1;
    o->escape_frac = 0.1;
    o->settle_tol = 0.01;
    o->active_frac = 1e-3;
    o->cluster_tol = 0.05;
    o->interp_tol = 1e-8;
}

double
tsa_ea_run_work(const tsa_ea_opts *o, const tsa_ea_data *D)
{
    double n = (double) D->n, m = (double) o->m, d1 = (double) D->d + 1.0;
    return 2.0 * (double) o->steps * (4.0 * n * m * d1 + 6.0 * n * m + 8.0 * m * d1);
}

static int
in_range(double v, double lo, double hi)
{
    return v >= lo && v <= hi; /* false for NaN */
}

int
tsa_ea_opts_check(const tsa_ea_opts *o, const tsa_ea_data *D)
{
    double w;
    if (o->m < 1 || o->m > TSA_EA_MAX_WIDTH)
        return TSA_ERROR(TSA_EINVAL, "m (width): must be in 1 .. %d", TSA_EA_MAX_WIDTH);
    if (o->steps < 1 || o->steps > TSA_EA_MAX_STEPS)
        return TSA_ERROR(TSA_EINVAL, "steps: must be in 1 .. %d", TSA_EA_MAX_STEPS);
    if (!in_range(o->lambda, TSA_EA_MIN_LAMBDA, TSA_EA_MAX_LAMBDA))
        return TSA_ERROR(TSA_EINVAL, "lambda: must be in %g .. %g", TSA_EA_MIN_LAMBDA,
                         TSA_EA_MAX_LAMBDA);
    if (!(o->lr > 0.0 && o->lr <= TSA_EA_MAX_LR))
        return TSA_ERROR(TSA_EINVAL, "lr: must be in (0, %g]", TSA_EA_MAX_LR);
    if (!(o->escape_frac > 0.0 && o->escape_frac < 1.0))
        return TSA_ERROR(TSA_EINVAL, "escape-frac: must be in (0, 1)");
    if (!(o->settle_tol > 0.0 && o->settle_tol < 3.1))
        return TSA_ERROR(TSA_EINVAL, "settle-tol: must be in (0, 3.1) radians");
    if (!(o->active_frac > 0.0 && o->active_frac < 1.0))
        return TSA_ERROR(TSA_EINVAL, "active-frac: must be in (0, 1)");
    if (!(o->cluster_tol > 0.0 && o->cluster_tol < 3.1))
        return TSA_ERROR(TSA_EINVAL, "cluster-tol: must be in (0, 3.1) radians");
    if (!(o->interp_tol > 0.0 && o->interp_tol < 1e6))
        return TSA_ERROR(TSA_EINVAL, "interp-tol: must be in (0, 1e6)");
    if (D->n < 1 || D->n > TSA_EA_MAX_SAMPLES || D->d < 1 || D->d > TSA_EA_MAX_DIM)
        return TSA_ERROR(TSA_EINVAL, "data: n in 1 .. %d and d in 1 .. %d",
                         TSA_EA_MAX_SAMPLES, TSA_EA_MAX_DIM);
    if ((w = tsa_ea_run_work(o, D)) > TSA_EA_MAX_WORK)
        return TSA_ERROR(TSA_EINVAL, "steps x m x n: work %.3g flops exceeds %g",
                         w, TSA_EA_MAX_WORK);
    return TSA_SUCCESS;
}

int
tsa_ea_net_alloc(tsa_ea_net *N, size_t m, size_t d1)
{
    N->m = m;
    N->d1 = d1;
    N->W = calloc(m * d1, sizeof(double));
    N->a = calloc(m, sizeof(double));
    if (N->W == NULL || N->a == NULL)
    {
        tsa_ea_net_clear(N);
        return TSA_ERROR(TSA_ENOMEM, "ea: out of memory (m = %zu)", m);
    }
    return TSA_SUCCESS;
}

void
tsa_ea_net_clear(tsa_ea_net *N)
{
    free(N->W);
    free(N->a);
    N->W = N->a = NULL;
}

int
tsa_ea_net_init(tsa_ea_net *N, double lambda, uint64_t seed)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    double s = lambda / sqrt((double) N->m);
    size_t i, j;
    if (r == NULL)
        return TSA_ERROR(TSA_ENOMEM, "ea: out of memory (rng)");
    /* MT19937 takes an unsigned long seed; fold the high half in */
    gsl_rng_set(r, (unsigned long) (seed ^ (seed >> 32)));
    for (i = 0; i < N->m * N->d1; i++)
        N->W[i] = gsl_ran_gaussian(r, s);
    for (j = 0; j < N->m; j++)
    {
        double nrm = 0.0;
        for (i = 0; i < N->d1; i++)
            nrm += N->W[j * N->d1 + i] * N->W[j * N->d1 + i];
        N->a[j] = gsl_rng_uniform_int(r, 2) ? sqrt(nrm) : -sqrt(nrm);
    }
    gsl_rng_free(r);
    return TSA_SUCCESS;
}

size_t
tsa_ea_work_size(size_t n, size_t m)
{
    return 2 * n * m + n;
}

double
tsa_ea_loss_grad(double *gW, double *ga, double *h, double *ws,
                 const tsa_ea_net *N, const tsa_ea_data *D)
{
    size_t n = D->n, m = N->m, d1 = N->d1, k, j;
    gsl_matrix_view Z = gsl_matrix_view_array(ws, n, m);
    gsl_matrix_view M = gsl_matrix_view_array(ws + n * m, n, m);
    gsl_matrix_const_view X = gsl_matrix_const_view_array(D->X, n, d1);
    gsl_matrix_const_view W = gsl_matrix_const_view_array(N->W, m, d1);
    gsl_vector_const_view a = gsl_vector_const_view_array(N->a, m);
    gsl_vector_view hv = gsl_vector_view_array(h, n);
    gsl_vector_view r = gsl_vector_view_array(ws + 2 * n * m, n);
    double L = 0.0;

    /* Z = X W^T, then relu in place (H > 0 exactly where Z > 0) */
    gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, &X.matrix, &W.matrix, 0.0, &Z.matrix);
    for (k = 0; k < n * m; k++)
        ws[k] = ws[k] > 0.0 ? ws[k] : 0.0;
    gsl_blas_dgemv(CblasNoTrans, 1.0, &Z.matrix, &a.vector, 0.0, &hv.vector);
    for (k = 0; k < n; k++)
    {
        double rk = h[k] - D->y[k];
        r.vector.data[k] = rk / (double) n;
        L += rk * rk;
    }
    L /= 2.0 * (double) n;
    if (ga != NULL)
    {
        gsl_vector_view g = gsl_vector_view_array(ga, m);
        gsl_blas_dgemv(CblasTrans, 1.0, &Z.matrix, &r.vector, 0.0, &g.vector);
    }
    if (gW != NULL)
    {
        gsl_matrix_view G = gsl_matrix_view_array(gW, m, d1);
        for (k = 0; k < n; k++)
            for (j = 0; j < m; j++)
                ws[n * m + k * m + j] = ws[k * m + j] > 0.0
                                        ? r.vector.data[k] * N->a[j] : 0.0;
        gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, &M.matrix, &X.matrix, 0.0,
                       &G.matrix);
    }
    return L;
}

size_t
tsa_ea_step(tsa_ea_net *N, const double *gW, const double *ga, double lr,
            unsigned char *flipped)
{
    size_t i, j, flips = 0;
    for (i = 0; i < N->m * N->d1; i++)
        N->W[i] -= lr * gW[i];
    for (j = 0; j < N->m; j++)
    {
        double a0 = N->a[j], a1 = a0 - lr * ga[j];
        if ((a0 > 0.0 && a1 <= 0.0) || (a0 < 0.0 && a1 >= 0.0))
        {
            flips++;
            if (flipped != NULL)
                flipped[j] = 1;
        }
        N->a[j] = a1;
    }
    return flips;
}

double
tsa_ea_angle(const double *u, const double *v, size_t d1)
{
    double nu = 0.0, nv = 0.0, s = 0.0, t = 0.0;
    size_t i;
    for (i = 0; i < d1; i++)
    {
        nu += u[i] * u[i];
        nv += v[i] * v[i];
    }
    if (!(nu > 0.0) || !(nv > 0.0))
        return 0.0;
    nu = sqrt(nu);
    nv = sqrt(nv);
    for (i = 0; i < d1; i++)
    {
        double p = u[i] / nu, q = v[i] / nv;
        s += (p - q) * (p - q);
        t += (p + q) * (p + q);
    }
    return 2.0 * atan2(sqrt(s), sqrt(t));
}
