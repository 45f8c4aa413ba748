/* state.c -- tsa_train_state: alloc / set / iterate (GSL solver shape). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_randist.h>
#include "tsa_train.h"
#include "train_impl.h"

unsigned long
tsa_train_stream_seed(uint64_t seed, unsigned k)
{
    uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (uint64_t) (k + 1);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return (unsigned long) (z & 0xffffffffUL);
}

double
tsa_train_lr(const tsa_train_config *cfg, size_t t)
{
    switch (cfg->lr_schedule)
    {
    case TSA_TRAIN_LR_STEP:
        return cfg->lr * pow(cfg->lr_gamma, floor((double) t / cfg->lr_every));
    case TSA_TRAIN_LR_INV:
        return cfg->lr / (1.0 + (double) t / cfg->lr_every);
    default:
        return cfg->lr;
    }
}

/* T = teacher(X), in chunks through the workspace w. */
static void
label(gsl_matrix *T, tsa_train_work *w, const tsa_train_net *teacher,
      const gsl_matrix *X)
{
    size_t N = X->size1, i0, C = T->size2;
    for (i0 = 0; i0 < N; i0 += w->bmax)
    {
        size_t B = (N - i0 < w->bmax) ? N - i0 : w->bmax;
        gsl_matrix_const_view Xc =
            gsl_matrix_const_submatrix(X, i0, 0, B, X->size2);
        gsl_matrix_view Tc = gsl_matrix_submatrix(T, i0, 0, B, C);
        gsl_matrix_view Y = tsa_train_forward(w, teacher, &Xc.matrix);
        gsl_matrix_memcpy(&Tc.matrix, &Y.matrix);
    }
}

int
tsa_train_state_alloc(tsa_train_state **out, const tsa_train_config *cfg0)
{
    tsa_train_state *st;
    tsa_train_config *cfg;
    size_t size[TSA_TRAIN_MAX_LAYERS + 1], L, l, bmax, corrmax = 0;
    gsl_rng *r = NULL;
    int s;

    *out = NULL;
    st = calloc(1, sizeof *st);
    if (st == NULL)
        return TSA_ERROR(TSA_ENOMEM, "out of memory");
    st->cfg = *cfg0;
    cfg = &st->cfg;
    r = gsl_rng_alloc(gsl_rng_mt19937);
    st->rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (r == NULL || st->rng == NULL)
    {
        s = TSA_ERROR(TSA_ENOMEM, "out of memory");
        goto fail;
    }

    /* teacher */
    if (cfg->teacher_kind == TSA_TRAIN_TEACHER_FILE)
    {
        if (cfg->teacher_file[0] == '\0')
        {
            s = TSA_ERROR(TSA_EINVAL, "--teacher: no teacher file given");
            goto fail;
        }
        s = tsa_train_teacher_read(&st->teacher, cfg->teacher_file, 0);
        if (s)
            goto fail;
        if (st->teacher->nlayers < 2)
        {
            s = TSA_ERROR(TSA_EINVAL, "%s: layers: at least two needed",
                          cfg->teacher_file);
            goto fail;
        }
        cfg->d = st->teacher->size[0];
        cfg->nhidden = st->teacher->nlayers - 1;
        for (l = 0; l < cfg->nhidden; l++)
            cfg->teacher_h[l] = st->teacher->size[l + 1];
        cfg->outputs = st->teacher->size[cfg->nhidden + 1];
        if (st->teacher->leak != cfg->leak)
            cfg->leak = st->teacher->leak;
    }
    tsa_train_config_resolve(cfg);
    if ((s = tsa_train_config_check(cfg)) != TSA_SUCCESS)
        goto fail;
    if (st->teacher == NULL)
    {
        gsl_rng_set(r, tsa_train_stream_seed(cfg->seed,
                                             TSA_TRAIN_STREAM_TEACHER));
        if ((s = tsa_train_teacher_make(&st->teacher, cfg, r)) != TSA_SUCCESS)
            goto fail;
    }

    /* student */
    L = cfg->nhidden + 1;
    size[0] = cfg->d;
    for (l = 0; l < cfg->nhidden; l++)
        size[l + 1] = cfg->student_h[l];
    size[L] = cfg->outputs;
    s = tsa_train_net_alloc(&st->student, L, size, cfg->bias, cfg->out_bias,
                            cfg->out_fixed, cfg->batchnorm, cfg->leak);
    if (s)
        goto fail;
    st->student->bn_eps = cfg->bn_eps;
    if (cfg->opt == TSA_TRAIN_OPT_POP
        && st->teacher->bias != st->student->bias)
    {
        s = TSA_ERROR(TSA_EINVAL, "--bias: population GD needs student and "
                      "teacher both with or both without biases");
        goto fail;
    }

    /* data */
    gsl_rng_set(r, tsa_train_stream_seed(cfg->seed, TSA_TRAIN_STREAM_DATA));
    bmax = cfg->batch;
    if (cfg->n_train > 0)
    {
        gsl_matrix *X0 = gsl_matrix_alloc(cfg->n_train, cfg->d);
        if (X0 == NULL)
        {
            s = TSA_ERROR(TSA_ENOMEM, "--n-train: out of memory");
            goto fail;
        }
        tsa_train_sample_gaussian(X0, cfg->sigma, r);
        if (cfg->aug != TSA_TRAIN_AUG_NONE)
        {
            s = tsa_train_augment(&st->Xtrain, X0, cfg->aug, cfg->aug_eps,
                                  cfg->aug_c,
                                  st->teacher->size[1] + st->student->size[1],
                                  st->teacher);
            gsl_matrix_free(X0);
            if (s)
                goto fail;
        }
        else
            st->Xtrain = X0;
        if (cfg->opt == TSA_TRAIN_OPT_GD && cfg->batchnorm
            && st->Xtrain->size1 > TSA_TRAIN_GD_CHUNK)
        {
            s = TSA_ERROR(TSA_EINVAL, "--opt: gd with batchnorm needs at "
                          "most %d samples after augmentation, got %zu",
                          TSA_TRAIN_GD_CHUNK, st->Xtrain->size1);
            goto fail;
        }
        if (cfg->opt == TSA_TRAIN_OPT_GD)
            bmax = (st->Xtrain->size1 < TSA_TRAIN_GD_CHUNK)
                       ? st->Xtrain->size1 : TSA_TRAIN_GD_CHUNK;
        if (bmax < cfg->batch)
            bmax = cfg->batch;
        st->Ttrain = gsl_matrix_alloc(st->Xtrain->size1, cfg->outputs);
    }
    st->Xeval = gsl_matrix_alloc(cfg->n_eval, cfg->d);
    st->Teval = gsl_matrix_alloc(cfg->n_eval, cfg->outputs);
    st->X = gsl_matrix_alloc(bmax, cfg->d);
    st->T = gsl_matrix_alloc(bmax, cfg->outputs);
    if (st->Xeval == NULL || st->Teval == NULL || st->X == NULL
        || st->T == NULL || (cfg->n_train > 0 && st->Ttrain == NULL))
    {
        s = TSA_ERROR(TSA_ENOMEM, "out of memory (data sets)");
        goto fail;
    }
    tsa_train_sample_gaussian(st->Xeval, cfg->sigma, r);

    if ((s = tsa_train_work_alloc(&st->ws, st->student, bmax))
        || (s = tsa_train_work_alloc(&st->wt, st->teacher, bmax))
        || (s = tsa_train_work_alloc(&st->es, st->student, cfg->n_eval))
        || (s = tsa_train_work_alloc(&st->et, st->teacher, cfg->n_eval)))
        goto fail;
    if (st->Xtrain)
        label(st->Ttrain, st->wt, st->teacher, st->Xtrain);
    /* et keeps the teacher's eval activations for the whole run; its
       output block is not read after this (log.c's act_buffer reuses it) */
    label(st->Teval, st->et, st->teacher, st->Xeval);

    for (l = 0; l < cfg->nhidden; l++)
    {
        size_t m = st->teacher->size[l + 1], n = st->student->size[l + 1];
        size_t c = tsa_train_corr_work_size(cfg->n_eval, m, n);
        if (c > corrmax)
            corrmax = c;
        if ((st->rho[l] = gsl_matrix_alloc(m, n)) == NULL)
        {
            s = TSA_ERROR(TSA_ENOMEM, "out of memory");
            goto fail;
        }
    }
    st->corrws = malloc(corrmax * sizeof(double));
    st->grad = calloc(st->student->nparam, sizeof(double));
    st->gtmp = calloc(st->student->nparam, sizeof(double));
    if (cfg->opt == TSA_TRAIN_OPT_POP)
        st->popws = malloc(tsa_train_pop_work_size(st->student, st->teacher)
                           * sizeof(double));
    if (st->corrws == NULL || st->grad == NULL || st->gtmp == NULL
        || (cfg->opt == TSA_TRAIN_OPT_POP && st->popws == NULL))
    {
        s = TSA_ERROR(TSA_ENOMEM, "out of memory");
        goto fail;
    }
    gsl_rng_free(r);
    tsa_train_state_set(st);
    *out = st;
    return TSA_SUCCESS;
fail:
    if (r)
        gsl_rng_free(r);
    tsa_train_state_free(st);
    return s;
}

void
tsa_train_state_free(tsa_train_state *st)
{
    size_t l, i;
    if (st == NULL)
        return;
    tsa_train_net_free(st->teacher);
    tsa_train_net_free(st->student);
    tsa_train_work_free(st->ws);
    tsa_train_work_free(st->wt);
    tsa_train_work_free(st->es);
    tsa_train_work_free(st->et);
    if (st->X) gsl_matrix_free(st->X);
    if (st->T) gsl_matrix_free(st->T);
    if (st->Xtrain) gsl_matrix_free(st->Xtrain);
    if (st->Ttrain) gsl_matrix_free(st->Ttrain);
    if (st->Xeval) gsl_matrix_free(st->Xeval);
    if (st->Teval) gsl_matrix_free(st->Teval);
    for (l = 0; l < TSA_TRAIN_MAX_LAYERS; l++)
    {
        if (st->rho[l])
            gsl_matrix_free(st->rho[l]);
        free(st->tF[l]);
        free(st->tFsub[l]);
    }
    free(st->grad);
    free(st->gtmp);
    free(st->popws);
    free(st->corrws);
    for (i = 0; i < st->nhist; i++)
        free(st->rho_hist[i]);
    free(st->rho_hist);
    free(st->hist);
    if (st->rng)
        gsl_rng_free(st->rng);
    free(st);
}

void
tsa_train_state_set(tsa_train_state *st)
{
    const tsa_train_config *cfg = &st->cfg;
    size_t i;
    gsl_rng_set(st->rng, tsa_train_stream_seed(cfg->seed,
                                               TSA_TRAIN_STREAM_INIT));
    if (cfg->init == TSA_TRAIN_INIT_HE)
    {
        /* N(0, 2 / fan_in) per layer: draw N(0, 1) and scale */
        size_t l;
        tsa_train_net_init_gaussian(st->student, 1.0, st->rng);
        for (l = 0; l < st->student->nlayers; l++)
        {
            /* variance preserving for x ~ N(0, sigma^2 I) */
            double sc = sqrt(2.0 / (double) st->student->size[l])
                        / (l == 0 ? cfg->sigma : 1.0);
            size_t nw = st->student->size[l + 1] * st->student->size[l], k;
            double *W = st->student->param + st->student->off_W[l];
            if (l + 1 == st->student->nlayers && st->student->out_fixed)
                continue;
            for (k = 0; k < nw; k++)
                W[k] *= sc;
            if (st->student->off_b[l] != SIZE_MAX)
                for (k = 0; k < st->student->size[l + 1]; k++)
                    st->student->param[st->student->off_b[l] + k] = 0.0;
        }
    }
    else
        tsa_train_net_init_gaussian(st->student, cfg->init_std, st->rng);
    gsl_rng_set(st->rng, tsa_train_stream_seed(cfg->seed,
                                               TSA_TRAIN_STREAM_SGD));
    st->step = 0;
    st->loss = NAN;
    st->lr = tsa_train_lr(cfg, 0);
    for (i = 0; i < st->nhist; i++)
        free(st->rho_hist[i]);
    st->nhist = 0;
}

int
tsa_train_state_iterate(tsa_train_state *st)
{
    const tsa_train_config *cfg = &st->cfg;
    tsa_train_net *net = st->student;
    size_t n = net->nparam, B = cfg->batch, d = cfg->d, C = cfg->outputs, i;
    double loss;
    gsl_vector_view g = gsl_vector_view_array(st->grad, n);
    gsl_vector_view p = gsl_vector_view_array(net->param, n);

    st->lr = tsa_train_lr(cfg, st->step);
    if (cfg->opt == TSA_TRAIN_OPT_SGD)
    {
        gsl_matrix_view X = gsl_matrix_submatrix(st->X, 0, 0, B, d);
        gsl_matrix_view T = gsl_matrix_submatrix(st->T, 0, 0, B, C);
        if (st->Xtrain == NULL)
        {
            gsl_matrix_view Y;
            tsa_train_sample_gaussian(&X.matrix, cfg->sigma, st->rng);
            Y = tsa_train_forward(st->wt, st->teacher, &X.matrix);
            gsl_matrix_memcpy(&T.matrix, &Y.matrix);
        }
        else
        {
            size_t N = st->Xtrain->size1;
            for (i = 0; i < B; i++)
            {
                size_t r = gsl_rng_uniform_int(st->rng, N);
                memcpy(X.matrix.data + i * X.matrix.tda,
                       st->Xtrain->data + r * st->Xtrain->tda,
                       d * sizeof(double));
                memcpy(T.matrix.data + i * T.matrix.tda,
                       st->Ttrain->data + r * st->Ttrain->tda,
                       C * sizeof(double));
            }
        }
        loss = tsa_train_grad(st->grad, st->ws, net, &X.matrix, &T.matrix);
    }
    else if (cfg->opt == TSA_TRAIN_OPT_GD)
    {
        size_t N = st->Xtrain->size1, i0, bmax = st->ws->bmax;
        gsl_vector_view gt = gsl_vector_view_array(st->gtmp, n);
        loss = 0.0;
        gsl_vector_set_zero(&g.vector);
        for (i0 = 0; i0 < N; i0 += bmax)
        {
            size_t Bc = (N - i0 < bmax) ? N - i0 : bmax;
            gsl_matrix_view X = gsl_matrix_submatrix(st->Xtrain, i0, 0, Bc, d);
            gsl_matrix_view T = gsl_matrix_submatrix(st->Ttrain, i0, 0, Bc, C);
            double wgt = (double) Bc / (double) N;
            loss += wgt * tsa_train_grad(st->gtmp, st->ws, net, &X.matrix,
                                         &T.matrix);
            gsl_blas_daxpy(wgt, &gt.vector, &g.vector);
        }
    }
    else
        loss = tsa_train_pop_grad(st->grad, st->popws, net, st->teacher,
                                  cfg->sigma);
    st->loss = loss;
    if (!isfinite(loss))
        return TSA_ERROR(TSA_EDOM, "training diverged at step %zu (loss %g); "
                         "lower --lr", st->step, loss);
    gsl_blas_daxpy(-st->lr, &g.vector, &p.vector);
    st->step++;
    return TSA_SUCCESS;
}

double
tsa_train_grad_norm(const tsa_train_state *st)
{
    gsl_vector_const_view g =
        gsl_vector_const_view_array(st->grad, st->student->nparam);
    return gsl_blas_dnrm2(&g.vector);
}

int
tsa_train_test_gradient(const tsa_train_state *st, double epsabs)
{
    if (st->step == 0)
        return TSA_EMAXITER;
    return tsa_train_grad_norm(st) <= epsabs ? TSA_SUCCESS : TSA_EMAXITER;
}

int
tsa_train_test_steps(const tsa_train_state *st)
{
    return st->step >= st->cfg.steps ? TSA_SUCCESS : TSA_EMAXITER;
}
