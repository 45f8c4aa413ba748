/* limits.c -- bounds of every size, count and scale of a training run,
 * and its work estimate (flops and bytes), checked before anything is
 * allocated (docs/train.md, "Limits").  A refusal is one line naming the
 * option and the limit. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "tsa_train.h"
#include "train_impl.h"

#define BAD(field, ...) TSA_ERROR(TSA_EINVAL, "--" field ": " __VA_ARGS__)

static int
size_max(size_t v, size_t max, const char *what)
{
    if (v > max)
        return TSA_ERROR(TSA_EINVAL, "%s: %zu exceeds the limit %zu", what,
                         v, max);
    return TSA_SUCCESS;
}

/* lo <= x <= hi (x finite: the parser refuses NaN and infinities) */
static int
in_range(double x, double lo, double hi, const char *what)
{
    if (!(x >= lo && x <= hi))
        return TSA_ERROR(TSA_EINVAL, "%s: %g is outside [%g, %g]", what, x,
                         lo, hi);
    return TSA_SUCCESS;
}

static int
widths_max(const size_t *w, size_t n, const char *what)
{
    size_t l;
    char item[64];
    for (l = 0; l < n; l++)
        if (w[l] > TSA_TRAIN_MAX_WIDTH)
        {
            snprintf(item, sizeof item, "%s[%zu]", what, l);
            return size_max(w[l], TSA_TRAIN_MAX_WIDTH, item);
        }
    return TSA_SUCCESS;
}

size_t
tsa_train_records(const tsa_train_config *cfg)
{
    size_t every = cfg->log_every;
    if (every == 0)
        every = cfg->steps >= 50 ? cfg->steps / 50 : 1;
    return cfg->steps / every + 2;
}

int
tsa_train_config_limits(const tsa_train_config *cfg)
{
    int s;
    if ((s = size_max(cfg->d, TSA_TRAIN_MAX_D, "--d"))
        || (s = size_max(cfg->outputs, TSA_TRAIN_MAX_OUTPUTS, "--outputs"))
        || (s = size_max(cfg->over, TSA_TRAIN_MAX_OVER, "--over"))
        || (s = widths_max(cfg->teacher_h, cfg->nhidden, "--teacher-widths"))
        || (s = widths_max(cfg->student_h, cfg->nstudent, "--student-widths"))
        || (s = size_max(cfg->n_train, TSA_TRAIN_MAX_SAMPLES, "--n-train"))
        || (s = size_max(cfg->n_eval, TSA_TRAIN_MAX_EVAL, "--n-eval"))
        || (s = size_max(cfg->batch, TSA_TRAIN_MAX_BATCH, "--batch"))
        || (s = size_max(cfg->steps, TSA_TRAIN_MAX_STEPS, "--steps")))
        return s;
    if (tsa_train_records(cfg) > TSA_TRAIN_MAX_RECORDS)
        return BAD("log-every", "%zu metric records exceed the limit %d "
                   "(raise --log-every)", tsa_train_records(cfg),
                   TSA_TRAIN_MAX_RECORDS);
    if ((s = in_range(cfg->lr, 0.0, TSA_TRAIN_MAX_SCALE, "--lr"))
        || (s = in_range(cfg->sigma, 1.0 / TSA_TRAIN_MAX_SCALE,
                         TSA_TRAIN_MAX_SCALE, "--sigma"))
        || (s = in_range(cfg->init_std, 0.0, TSA_TRAIN_MAX_SCALE,
                         "--init-std"))
        || (s = in_range(cfg->teacher_out_std, 0.0, TSA_TRAIN_MAX_SCALE,
                         "--teacher-out-std"))
        || (s = in_range(cfg->teacher_bias, -TSA_TRAIN_MAX_SCALE,
                         TSA_TRAIN_MAX_SCALE, "--teacher-bias"))
        || (s = in_range(cfg->bias_range, 0.0, TSA_TRAIN_MAX_SCALE,
                         "--bias-range"))
        || (s = in_range(cfg->polarity, 0.0, 100.0, "--polarity"))
        || (s = in_range(cfg->aug_eps, 0.0, TSA_TRAIN_MAX_SCALE, "--aug-eps"))
        || (s = in_range(cfg->aug_c, 0.0, TSA_TRAIN_MAX_SCALE, "--aug-c"))
        || (s = in_range(cfg->lr_every, 0.0, 1e18, "--lr-every"))
        || (s = in_range(cfg->grad_tol, 0.0, TSA_TRAIN_MAX_SCALE,
                         "--grad-tol"))
        || (s = in_range(cfg->align_eps, 0.0, TSA_TRAIN_MAX_SCALE,
                         "--align-eps"))
        || (s = in_range(cfg->bn_eps, 0.0, 1.0, "--bn-eps")))
        return s;
    return TSA_SUCCESS;
}

/* Parameters of a network with these hidden widths (W and b of every
 * layer, BN gamma and beta), as a double: no overflow. */
static double
params(const tsa_train_config *cfg, const size_t *h)
{
    double p = 0.0, prev = (double) cfg->d;
    size_t l;
    for (l = 0; l <= cfg->nhidden; l++)
    {
        double w = (l < cfg->nhidden) ? (double) h[l] : (double) cfg->outputs;
        p += w * (prev + 3.0);
        prev = w;
    }
    return p;
}

static double
sum_widths(const tsa_train_config *cfg, const size_t *h)
{
    double s = (double) cfg->outputs;
    size_t l;
    for (l = 0; l < cfg->nhidden; l++)
        s += (double) h[l];
    return s;
}

/* Keep the largest term of an estimate and the option that drives it. */
static void
term(double *total, double *largest, const char **what, double x,
     const char *option)
{
    *total += x;
    if (x > *largest)
    {
        *largest = x;
        *what = option;
    }
}

void
tsa_train_estimate_work(tsa_train_estimate *e, const tsa_train_config *cfg)
{
    double d = (double) cfg->d, C = (double) cfg->outputs;
    double Ps = params(cfg, cfg->student_h), Pt = params(cfg, cfg->teacher_h);
    double m = (double) cfg->teacher_h[0], n = (double) cfg->student_h[0];
    double N = (double) cfg->n_train, B = (double) cfg->batch;
    double E = (double) cfg->n_eval, steps = (double) cfg->steps;
    double R = (double) tsa_train_records(cfg), step, logf, big = 0;
    double ws = sum_widths(cfg, cfg->student_h);
    double wt = sum_widths(cfg, cfg->teacher_h);
    double bmax;
    size_t l;

    /* augmented data set: agnostic x +- delta e_u (2d per point), aware at
       most 2 per first-layer teacher node */
    if (cfg->aug == TSA_TRAIN_AUG_AGNOSTIC)
        N *= 1.0 + 2.0 * d;
    else if (cfg->aug == TSA_TRAIN_AUG_AWARE)
        N *= 1.0 + 2.0 * m;
    bmax = B;
    if (cfg->opt == TSA_TRAIN_OPT_GD && N > bmax)
        bmax = N < TSA_TRAIN_GD_CHUNK ? N : TSA_TRAIN_GD_CHUNK;

    /* flops: a forward pass is 2 P per sample, forward + backward 6 P */
    if (cfg->opt == TSA_TRAIN_OPT_SGD)
        step = 6.0 * B * Ps + (cfg->n_train == 0 ? 2.0 * B * Pt + B * d : 0);
    else if (cfg->opt == TSA_TRAIN_OPT_GD)
        step = 6.0 * N * Ps;
    else /* pop: a kernel and its gradient per pair of neurons */
        step = (n + m) * (n + m) * (40.0 * (d + 1.0) + 4.0 * C);
    logf = 2.0 * E * Ps + (cfg->opt == TSA_TRAIN_OPT_SGD ? 2.0 * N * Ps
                                                         : step);
    for (l = 0; l < cfg->nhidden; l++)
        logf += 2.0 * E * (double) cfg->teacher_h[l]
                * (double) cfg->student_h[l];
    e->flops = 0.0;
    term(&e->flops, &big, &e->flops_what, steps * step, "--steps");
    term(&e->flops, &big, &e->flops_what, R * logf, "--log-every");
    term(&e->flops, &big, &e->flops_what, 2.0 * (N + E) * Pt, "--n-train");
    if (big == R * logf && cfg->opt != TSA_TRAIN_OPT_SGD)
        e->flops_what = "--steps"; /* every record repeats a step */

    /* bytes: parameters (student x 3: param, grad, gtmp), data sets,
       workspaces (3 matrices per layer with BN, else 2, plus 2 of the
       widest), correlations, metric history */
    big = 0.0;
    e->bytes = 0.0;
    term(&e->bytes, &big, &e->bytes_what, 8.0 * (3.0 * Ps + Pt), "--d");
    term(&e->bytes, &big, &e->bytes_what,
         8.0 * N * (d + C), "--n-train");
    term(&e->bytes, &big, &e->bytes_what,
         8.0 * bmax * (d + C + (cfg->batchnorm ? 3.0 : 2.0) * (ws + wt)),
         "--batch");
    term(&e->bytes, &big, &e->bytes_what,
         8.0 * E * (d + C + (cfg->batchnorm ? 3.0 : 2.0) * (ws + wt)
                    + m + n),
         "--n-eval");
    term(&e->bytes, &big, &e->bytes_what,
         R * (8.0 * m * n + (double) sizeof(tsa_train_record)), "--log-every");
}

int
tsa_train_config_check_work(const tsa_train_config *cfg)
{
    tsa_train_estimate e;
    tsa_train_estimate_work(&e, cfg);
    if (e.bytes > TSA_TRAIN_MAX_BYTES)
        return TSA_ERROR(TSA_EINVAL, "%s: the run needs about %.2g bytes of "
                         "memory, more than the limit %.3g (2^30)",
                         e.bytes_what, e.bytes, TSA_TRAIN_MAX_BYTES);
    if (e.flops > TSA_TRAIN_MAX_FLOPS)
        return TSA_ERROR(TSA_EINVAL, "%s: the run needs about %.2g flops, "
                         "more than the work limit %.0e", e.flops_what,
                         e.flops, TSA_TRAIN_MAX_FLOPS);
    return TSA_SUCCESS;
}
