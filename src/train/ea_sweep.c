/* ea_sweep.c -- sweeps of early-alignment runs over (lambda, m, lr) and
 * seeds, per-cell summaries, the escape-time fit, and the key quantities
 * of the data (tsa_ea.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_multifit.h>
#include "tsa_ea.h"

void
tsa_ea_sweep_opts_default(tsa_ea_sweep_opts *o)
{
    static const double lam[] = {1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6};
    static const size_t wid[] = {2, 5, 10, 20, 50, 100, 200};
    static const double lrs[] = {0.4, 0.2, 0.1, 0.05};
    memset(o, 0, sizeof *o);
    o->nlambda = 6;
    memcpy(o->lambda, lam, sizeof lam);
    o->nwidth = 7;
    memcpy(o->width, wid, sizeof wid);
    o->nlr = 4;
    memcpy(o->lr, lrs, sizeof lrs);
    o->seeds = 20;
    o->T = 150.0;
    o->seed0 = 1;
    o->fit_lambda_max = 1e-2;
    tsa_ea_opts_default(&o->base);
}

size_t
tsa_ea_sweep_steps(const tsa_ea_sweep_opts *o, double lr)
{
    double s = ceil(o->T / lr - 1e-9);
    return s < 1.0 ? 1 : (s > 2.0 * TSA_EA_MAX_STEPS ? 2 * (size_t) TSA_EA_MAX_STEPS
                                                     : (size_t) s);
}

int
tsa_ea_sweep_check(const tsa_ea_sweep_opts *o, const tsa_ea_data *D)
{
    size_t a, b, c;
    double work = 0.0, runs;
    int st;
    if (o->nlambda < 1 || o->nlambda > TSA_EA_MAX_GRID || o->nwidth < 1
        || o->nwidth > TSA_EA_MAX_GRID || o->nlr < 1 || o->nlr > TSA_EA_MAX_GRID)
        return TSA_ERROR(TSA_EINVAL, "lambdas, widths, lrs: 1 .. %d entries each",
                         TSA_EA_MAX_GRID);
    if (o->seeds < 1 || o->seeds > TSA_EA_MAX_SEEDS)
        return TSA_ERROR(TSA_EINVAL, "seeds: must be in 1 .. %d", TSA_EA_MAX_SEEDS);
    if (!(o->T > 0.0 && o->T <= 1e6))
        return TSA_ERROR(TSA_EINVAL, "time: must be in (0, 1e6]");
    if (!(o->fit_lambda_max > 0.0 && o->fit_lambda_max <= TSA_EA_MAX_LAMBDA))
        return TSA_ERROR(TSA_EINVAL, "fit-lambda-max: must be in (0, %g]",
                         TSA_EA_MAX_LAMBDA);
    if (o->seed0 > (uint64_t) 1 << 62)
        return TSA_ERROR(TSA_EINVAL, "seed: must be at most 2^62");
    runs = (double) o->nlambda * (double) o->nwidth * (double) o->nlr * (double) o->seeds;
    if (runs > TSA_EA_MAX_RUNS)
        return TSA_ERROR(TSA_EINVAL, "lambdas x widths x lrs x seeds: %.0f runs exceed %d",
                         runs, TSA_EA_MAX_RUNS);
    for (a = 0; a < o->nlambda; a++)
        for (b = 0; b < o->nwidth; b++)
            for (c = 0; c < o->nlr; c++)
            {
                tsa_ea_opts r = o->base;
                r.lambda = o->lambda[a];
                r.m = o->width[b];
                r.lr = o->lr[c];
                r.steps = tsa_ea_sweep_steps(o, r.lr);
                if ((st = tsa_ea_opts_check(&r, D)) != TSA_SUCCESS)
                    return st;
                work += tsa_ea_run_work(&r, D) * (double) o->seeds;
            }
    if (work > TSA_EA_MAX_WORK)
        return TSA_ERROR(TSA_EINVAL, "sweep: work %.3g flops exceeds %g (fewer seeds, "
                         "widths or a shorter time)", work, TSA_EA_MAX_WORK);
    return TSA_SUCCESS;
}

void
tsa_ea_sweep_clear(tsa_ea_sweep *S)
{
    free(S->runs);
    free(S->cells);
    S->runs = NULL;
    S->cells = NULL;
}

static int
cmp_d(const void *p, const void *q)
{
    double a = *(const double *) p, b = *(const double *) q;
    return (a > b) - (a < b);
}

/* median of the n values v[i] with keep[i] (NaN when none); tmp >= n */
static double
med(double *tmp, const double *v, const int *keep, size_t n)
{
    size_t i, k = 0;
    for (i = 0; i < n; i++)
        if (keep[i])
            tmp[k++] = v[i];
    if (k == 0)
        return NAN;
    qsort(tmp, k, sizeof(double), cmp_d);
    return k % 2 ? tmp[k / 2] : 0.5 * (tmp[k / 2 - 1] + tmp[k / 2]);
}

static void
summarise_cell(tsa_ea_cell *c, const tsa_ea_result *r, size_t n, double *tmp)
{
    double *v = tmp + n;
    int *esc = (int *) (tmp + 2 * n), *all = esc + n, *act = all + n;
    size_t i;
    c->loss_min = INFINITY;
    c->loss_max = -INFINITY;
    c->align_max = c->drift_max = c->frac_align_max = -1.0;
    for (i = 0; i < n; i++)
    {
        esc[i] = r[i].escape_step >= 0;
        all[i] = 1;
        act[i] = r[i].active > 0;
        c->escaped += (size_t) esc[i];
        c->interp += (size_t) r[i].interpolates;
        c->diverged += (size_t) r[i].diverged;
        c->flips += r[i].flips;
        c->runs_flipped += r[i].flips > 0;
        c->loss_min = fmin(c->loss_min, r[i].loss);
        c->loss_max = fmax(c->loss_max, r[i].loss);
        c->drift_max = fmax(c->drift_max, r[i].balance_drift);
        if (esc[i])
            c->align_max = fmax(c->align_max, r[i].align_max);
        if (esc[i] && r[i].t_escape > 0.0)
            c->frac_align_max = fmax(c->frac_align_max, r[i].align_max / r[i].t_escape);
    }
    c->runs = n;
    for (i = 0; i < n; i++)
        v[i] = r[i].t_escape;
    c->t_esc_med = med(tmp, v, esc, n);
    for (i = 0; i < n; i++)
        v[i] = r[i].align_med;
    c->align_med = med(tmp, v, esc, n);
    for (i = 0; i < n; i++)
        v[i] = r[i].settle_med;
    c->settle_med = med(tmp, v, act, n);
    for (i = 0; i < n; i++)
        v[i] = r[i].loss;
    c->loss_med = med(tmp, v, all, n);
    for (i = 0; i < n; i++)
        v[i] = (double) r[i].nclusters;
    c->clusters_med = med(tmp, v, esc, n);
    for (i = 0; i < n; i++)
        v[i] = (double) r[i].active;
    c->active_med = med(tmp, v, all, n);
}

static void
fit(tsa_ea_sweep *S)
{
    const tsa_ea_sweep_opts *o = &S->o;
    size_t c, a, b, s;
    for (c = 0; c < o->nlr; c++)
    {
        double sx = 0, sy = 0, sxx = 0, sxy = 0, nl = 0;
        size_t np = 0;
        for (a = 0; a < o->nlambda; a++)
        {
            size_t before = np;
            if (o->lambda[a] > o->fit_lambda_max)
                continue;
            for (b = 0; b < o->nwidth; b++)
                for (s = 0; s < o->seeds; s++)
                {
                    size_t cell = (a * o->nwidth + b) * o->nlr + c;
                    const tsa_ea_result *r = S->runs + cell * o->seeds + s;
                    double x = log(1.0 / o->lambda[a]), y = r->t_escape;
                    if (r->escape_step < 0)
                        continue;
                    sx += x, sy += y, sxx += x * x, sxy += x * y;
                    np++;
                }
            nl += np > before;
        }
        S->fit_points[c] = np;
        if (nl < 2)
            S->slope[c] = S->icept[c] = NAN;
        else
        {
            double den = (double) np * sxx - sx * sx;
            S->slope[c] = ((double) np * sxy - sx * sy) / den;
            S->icept[c] = (sy - S->slope[c] * sx) / (double) np;
        }
    }
}

int
tsa_ea_sweep_run(tsa_ea_sweep *S, const tsa_ea_sweep_opts *o, const tsa_ea_data *D,
                 tsa_ea_progress_t progress, void *ctx)
{
    size_t a, b, c, s, i = 0, cell;
    double *tmp;
    int st;
    double dir[2];
    memset(S, 0, sizeof *S);
    if ((st = tsa_ea_sweep_check(o, D)) != TSA_SUCCESS)
        return st;
    S->o = *o;
    S->ncells = o->nlambda * o->nwidth * o->nlr;
    S->nruns = S->ncells * o->seeds;
    S->runs = calloc(S->nruns, sizeof(tsa_ea_result));
    S->cells = calloc(S->ncells, sizeof(tsa_ea_cell));
    tmp = malloc(o->seeds * 5 * sizeof(double));
    if (S->runs == NULL || S->cells == NULL || tmp == NULL)
    {
        free(tmp);
        tsa_ea_sweep_clear(S);
        return TSA_ERROR(TSA_ENOMEM, "ea sweep: out of memory (%zu runs)", S->nruns);
    }
    for (a = 0; a < o->nlambda; a++)
        for (b = 0; b < o->nwidth; b++)
            for (c = 0; c < o->nlr; c++)
            {
                tsa_ea_opts r = o->base;
                cell = (a * o->nwidth + b) * o->nlr + c;
                r.lambda = o->lambda[a];
                r.m = o->width[b];
                r.lr = o->lr[c];
                r.steps = tsa_ea_sweep_steps(o, r.lr);
                for (s = 0; s < o->seeds; s++, i++)
                {
                    if (progress != NULL)
                        progress(ctx, i, S->nruns);
                    r.seed = o->seed0 + s;
                    if ((st = tsa_ea_run(S->runs + cell * o->seeds + s, &r, D))
                        != TSA_SUCCESS)
                    {
                        free(tmp);
                        tsa_ea_sweep_clear(S);
                        return st;
                    }
                }
                S->cells[cell].lambda = r.lambda;
                S->cells[cell].m = r.m;
                S->cells[cell].lr = r.lr;
                summarise_cell(S->cells + cell, S->runs + cell * o->seeds, o->seeds, tmp);
            }
    free(tmp);
    fit(S);
    S->G_star = tsa_ea_key_direction(dir, D);
    S->lin_loss = tsa_ea_affine_fit_loss(D);
    return TSA_SUCCESS;
}

double
tsa_ea_key_direction(double *dir, const tsa_ea_data *D)
{
    size_t n = D->n, i, k, lo, hi;
    double best = NAN;
    dir[0] = dir[1] = NAN;
    if (D->d != 1 || n > 2000)
        return NAN;
    /* active sets of relu(s x + b) are {x > t} or {x < t} (and all, none):
       enumerate them by thresholds at the samples' x */
    for (i = 0; i < n; i++)
        for (hi = 0; hi < 2; hi++)
            for (lo = 0; lo < 2; lo++)
            {
                double t = D->X[2 * i], Ds[2] = {0.0, 0.0}, nrm;
                int ok = 1;
                for (k = 0; k < n; k++)
                {
                    double x = D->X[2 * k];
                    int in = hi ? (lo ? x >= t : x > t) : (lo ? x <= t : x < t);
                    if (in)
                    {
                        Ds[0] += D->y[k] * x / (double) n;
                        Ds[1] += D->y[k] / (double) n;
                    }
                }
                for (k = 0; k < n && ok; k++)
                {
                    double x = D->X[2 * k];
                    int in = hi ? (lo ? x >= t : x > t) : (lo ? x <= t : x < t);
                    ok = (Ds[0] * x + Ds[1] > 0.0) == in;
                }
                nrm = hypot(Ds[0], Ds[1]);
                if (ok && nrm > 0.0 && !(nrm <= best))
                {
                    best = nrm;
                    dir[0] = Ds[0] / nrm;
                    dir[1] = Ds[1] / nrm;
                }
            }
    return best;
}

double
tsa_ea_affine_fit_loss(const tsa_ea_data *D)
{
    size_t n = D->n, d1 = D->d + 1;
    gsl_matrix_const_view X = gsl_matrix_const_view_array(D->X, n, d1);
    gsl_vector_const_view y = gsl_vector_const_view_array(D->y, n);
    gsl_multifit_linear_workspace *w;
    gsl_matrix *cov;
    gsl_vector *c;
    double chisq = NAN;
    if (n < d1 || (double) n * (double) d1 * (double) d1 > 1e9)
        return NAN;
    w = gsl_multifit_linear_alloc(n, d1);
    cov = gsl_matrix_alloc(d1, d1);
    c = gsl_vector_alloc(d1);
    if (w != NULL && cov != NULL && c != NULL
        && gsl_multifit_linear(&X.matrix, &y.vector, c, cov, &chisq, w) != GSL_SUCCESS)
        chisq = NAN;
    if (w == NULL || cov == NULL || c == NULL)
        chisq = NAN;
    if (w != NULL)
        gsl_multifit_linear_free(w);
    gsl_matrix_free(cov);
    gsl_vector_free(c);
    return chisq / (2.0 * (double) n);
}
