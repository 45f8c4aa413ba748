/* log.c -- tsa_train_state_log: one metric record on the evaluation set. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_train.h"
#include "train_impl.h"

/* Number of first-layer teacher nodes with an eps-aligned student: the
 * arithmetic of tsa_train_eps_aligned (same sums in the same order, so the
 * same decisions) with the squared norms computed once per node. */
static size_t
count_aligned(const tsa_train_net *t, const tsa_train_net *s, double eps)
{
    size_t d = t->size[0], m = t->size[1], n = s->size[1], j, k, i, cnt = 0;
    const double *Wt = t->param + t->off_W[0], *Ws = s->param + s->off_W[0];
    for (j = 0; j < m; j++)
    {
        const double *w = Wt + j * d;
        double bt = (t->off_b[0] != SIZE_MAX) ? t->param[t->off_b[0] + j] : 0;
        double uu = 0.0;
        for (i = 0; i < d; i++)
            uu += w[i] * w[i];
        if (uu == 0.0)
            continue;
        for (k = 0; k < n; k++)
        {
            const double *v = Ws + k * d;
            double bs = (s->off_b[0] != SIZE_MAX) ? s->param[s->off_b[0] + k]
                                                  : 0.0;
            double vv = 0.0, uv = 0.0, c, th;
            for (i = 0; i < d; i++)
            {
                vv += v[i] * v[i];
                uv += w[i] * v[i];
            }
            if (vv == 0.0)
                continue;
            c = uv / sqrt(uu * vv);
            c = c > 1.0 ? 1.0 : (c < -1.0 ? -1.0 : c);
            th = acos(c);
            if (th <= M_PI / 2 && sin(th) <= eps
                && fabs(bt / sqrt(uu) - bs / sqrt(vv)) <= eps)
            {
                cnt++;
                break;
            }
        }
    }
    return cnt;
}

int
_tsa_train_log_is_full(const tsa_train_state *st)
{
    const tsa_train_config *cfg = &st->cfg;
    if (cfg->metric_rows == 0 || st->step >= cfg->steps)
        return 1;
    /* the CLI's grad_tol stop: st->loss is NaN until a step ran here */
    return cfg->grad_tol > 0.0 && st->step > 0 && isfinite(st->loss)
           && tsa_train_test_gradient(st, cfg->grad_tol) == TSA_SUCCESS;
}

/* The teacher's normalised eval activations over the first R rows (R =
 * n_eval: tF, else tFsub), computed on first use: they never change. */
static const double *
teacher_F(tsa_train_state *st, size_t l, size_t R)
{
    size_t m = st->teacher->size[l + 1], n_eval = st->Xeval->size1;
    double **slot = (R == n_eval) ? &st->tF[l] : &st->tFsub[l];
    if (R != n_eval && st->tF_rows != R)
    {
        size_t i;
        for (i = 0; i < TSA_TRAIN_MAX_LAYERS; i++)
        {
            free(st->tFsub[i]);
            st->tFsub[i] = NULL;
        }
        st->tF_rows = R;
    }
    if (*slot == NULL)
    {
        gsl_matrix_view Ht = gsl_matrix_submatrix(st->et->H[l], 0, 0, R, m);
        if ((*slot = malloc((R * m + m) * sizeof(double))) == NULL)
            return NULL;
        _tsa_train_corr_prepare(*slot, &Ht.matrix);
    }
    return *slot;
}

/* Training loss over the first N rows of the finite set in chunks of
 * w->bmax rows (w = st->ws: the chunks, and so the rounding, of the
 * full-set loss). */
static double
train_loss_rows(tsa_train_state *st, size_t N, tsa_train_work *w)
{
    size_t i0, bmax = w->bmax, d = st->cfg.d, C = st->cfg.outputs;
    double loss = 0.0;
    for (i0 = 0; i0 < N; i0 += bmax)
    {
        size_t Bc = (N - i0 < bmax) ? N - i0 : bmax;
        gsl_matrix_view X = gsl_matrix_submatrix(st->Xtrain, i0, 0, Bc, d);
        gsl_matrix_view T = gsl_matrix_submatrix(st->Ttrain, i0, 0, Bc, C);
        loss += (double) Bc / (double) N
                * tsa_train_grad(NULL, w, st->student, &X.matrix,
                                 &T.matrix);
    }
    return loss;
}

static int
grow_history(tsa_train_state *st)
{
    size_t cap = st->cap_hist ? 2 * st->cap_hist : 64;
    tsa_train_record *h;
    double **r;
    if (st->nhist < st->cap_hist)
        return TSA_SUCCESS;
    h = realloc(st->hist, cap * sizeof *h);
    if (h == NULL)
        return TSA_ERROR(TSA_ENOMEM, "out of memory (metric history)");
    st->hist = h;
    r = realloc(st->rho_hist, cap * sizeof *r);
    if (r == NULL)
        return TSA_ERROR(TSA_ENOMEM, "out of memory (metric history)");
    st->rho_hist = r;
    st->cap_hist = cap;
    return TSA_SUCCESS;
}

int
tsa_train_state_log(tsa_train_state *st)
{
    const tsa_train_config *cfg = &st->cfg;
    tsa_train_record rec;
    size_t l, m0 = st->rho[0]->size1, n0 = st->rho[0]->size2;
    size_t NE = st->Xeval->size1, NT = st->Xtrain ? st->Xtrain->size1 : 0;
    size_t RE = NE, RT = NT;
    int s;

    if ((s = grow_history(st)) != TSA_SUCCESS)
        return s;
    if (!_tsa_train_log_is_full(st))
    {
        RE = (cfg->metric_rows < NE) ? cfg->metric_rows : NE;
        RT = (cfg->metric_rows < NT) ? cfg->metric_rows : NT;
    }
    memset(&rec, 0, sizeof rec);
    rec.step = st->step;
    rec.lr = tsa_train_lr(cfg, st->step);
    rec.eval_rows = (RE < NE || RT < NT) ? cfg->metric_rows : 0;
    /* training loss first: its estimate may use es, whose H must hold
       the eval activations for rho below */
    if (cfg->opt == TSA_TRAIN_OPT_POP)
        rec.train_loss = tsa_train_pop_grad(st->gtmp, st->popws, st->student,
                                            st->teacher, cfg->sigma);
    else if (st->Xtrain != NULL)
        /* an estimate in the eval workspace's large chunks (no SGD
           batch-sized ones: they cost more than the rows' dgemm) */
        rec.train_loss = train_loss_rows(st, RT, RT < NT ? st->es : st->ws);
    else
        rec.train_loss = st->loss; /* online: the last batch */
    {
        gsl_matrix_view X = gsl_matrix_submatrix(st->Xeval, 0, 0, RE, cfg->d);
        gsl_matrix_view T =
            gsl_matrix_submatrix(st->Teval, 0, 0, RE, cfg->outputs);
        rec.eval_loss = tsa_train_grad(NULL, st->es, st->student, &X.matrix,
                                       &T.matrix);
    }
    for (l = 0; l < cfg->nhidden; l++)
    {
        size_t m = st->teacher->size[l + 1], n = st->student->size[l + 1];
        const double *Ft = teacher_F(st, l, RE);
        gsl_matrix_view Hs = gsl_matrix_submatrix(st->es->H[l], 0, 0, RE, n);
        if (Ft == NULL)
            return TSA_ERROR(TSA_ENOMEM, "out of memory (metrics)");
        _tsa_train_corr_with(st->rho[l], Ft, m, &Hs.matrix, st->corrws);
        rec.rho_mean_l[l] = tsa_train_rho_mean(l == 0 ? &rec.success : NULL,
                                               NULL, st->rho[l],
                                               cfg->success_rho);
    }
    rec.rho_mean = rec.rho_mean_l[0];
    rec.aligned = count_aligned(st->teacher, st->student, cfg->align_eps);
    st->rho_hist[st->nhist] = malloc(m0 * n0 * sizeof(double));
    if (st->rho_hist[st->nhist] == NULL)
        return TSA_ERROR(TSA_ENOMEM, "out of memory (metric history)");
    memcpy(st->rho_hist[st->nhist], st->rho[0]->data,
           m0 * n0 * sizeof(double));
    st->hist[st->nhist++] = rec;
    return TSA_SUCCESS;
}
