/* teacher.c -- teacher networks of the presets. */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include "tsa_train.h"

/* Row i of W (rows x cols) with entries from vals[0..nv), not all zero
 * and different from every earlier row (LM sec. 4.2: "non-zero and
 * mutually different within the same layer"). */
static void
discrete_rows(double *W, size_t rows, size_t cols, const double *vals,
              size_t nv, gsl_rng *r)
{
    size_t i, j, i2, tries;
    for (i = 0; i < rows; i++)
        for (tries = 0; tries < 1000; tries++)
        {
            int nonzero = 0, dup = 0;
            double *w = W + i * cols;
            for (j = 0; j < cols; j++)
            {
                w[j] = vals[gsl_rng_uniform_int(r, nv)];
                nonzero |= (w[j] != 0.0);
            }
            for (i2 = 0; i2 < i && !dup; i2++)
                dup = (memcmp(W + i2 * cols, w, cols * sizeof(double)) == 0);
            if (nonzero && !dup)
                break;
        }
}

int
tsa_train_teacher_make(tsa_train_net **teacher, const tsa_train_config *cfg,
                       gsl_rng *r)
{
    static const double ss_vals[] = {-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5,
                                     0.75, 1};
    static const double lm_vals[] = {-0.5, -0.25, 0, 0.25, 0.5};
    size_t size[TSA_TRAIN_MAX_LAYERS + 1], L = cfg->nhidden + 1, l, i, j;
    int kind = cfg->teacher_kind, st, tbias;
    tsa_train_net *t;

    size[0] = cfg->d;
    for (l = 0; l < cfg->nhidden; l++)
        size[l + 1] = cfg->teacher_h[l];
    size[L] = cfg->outputs;
    if (kind == TSA_TRAIN_TEACHER_SINGLE)
    {
        if (L != 2 || size[1] != 1)
            return TSA_ERROR(TSA_EINVAL, "--teacher-widths: the single "
                             "teacher has one hidden node");
    }
    if (kind == TSA_TRAIN_TEACHER_ORTHO && (L != 2 || size[1] > cfg->d))
        return TSA_ERROR(TSA_EINVAL, "--teacher-widths: the orthonormal "
                         "teacher needs one hidden layer of k <= d nodes");
    tbias = (kind == TSA_TRAIN_TEACHER_SS || kind == TSA_TRAIN_TEACHER_LM)
            ? 1 : cfg->bias;
    st = tsa_train_net_alloc(&t, L, size, tbias, cfg->out_bias,
                             kind == TSA_TRAIN_TEACHER_ORTHO
                                 || kind == TSA_TRAIN_TEACHER_SINGLE,
                             0, cfg->leak);
    if (st)
        return st;
    for (l = 0; l < L; l++)
    {
        size_t rows = size[l + 1], cols = size[l];
        double *W = t->param + t->off_W[l];
        double *b = (t->off_b[l] != SIZE_MAX) ? t->param + t->off_b[l] : NULL;
        int out = (l + 1 == L);
        switch (kind)
        {
        case TSA_TRAIN_TEACHER_SS:
            if (out)
            {
                for (i = 0; i < rows * cols; i++)
                    W[i] = gsl_ran_gaussian_ziggurat(r, cfg->teacher_out_std);
                break;
            }
            discrete_rows(W, rows, cols, ss_vals, 9, r);
            for (i = 0; i < rows; i++)
            {
                double nrm = 0.0;
                for (j = 0; j < cols; j++)
                    nrm += W[i * cols + j] * W[i * cols + j];
                nrm = sqrt(nrm);
                for (j = 0; j < cols; j++)
                    W[i * cols + j] /= nrm;
                if (b)
                    b[i] = cfg->teacher_bias;
            }
            break;
        case TSA_TRAIN_TEACHER_LM:
            discrete_rows(W, rows, cols, lm_vals, 5, r);
            if (b && !out)
                for (i = 0; i < rows; i++)
                    b[i] = gsl_ran_flat(r, -cfg->bias_range, cfg->bias_range);
            break;
        default: /* ORTHO, SINGLE: W1 rows e_j, unit output weights */
            for (i = 0; i < rows * cols; i++)
                W[i] = out ? 1.0 : 0.0;
            if (!out)
                for (i = 0; i < rows; i++)
                    W[i * cols + i] = 1.0;
            break;
        }
        /* polarity: fan-out of node j of layer l scaled by 1/(j+1)^p */
        if (l > 0 && cfg->polarity > 0.0)
            for (j = 0; j < cols; j++)
            {
                double s = pow((double) (j + 1), -cfg->polarity);
                for (i = 0; i < rows; i++)
                    W[i * cols + j] *= s;
            }
    }
    *teacher = t;
    return TSA_SUCCESS;
}
