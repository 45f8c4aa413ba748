/* log.c -- tsa_train_state_log: one metric record on the evaluation set. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_train.h"
#include "train_impl.h"

/* Number of first-layer teacher nodes with an eps-aligned student. */
static size_t
count_aligned(const tsa_train_net *t, const tsa_train_net *s, double eps)
{
    size_t d = t->size[0], m = t->size[1], n = s->size[1], j, k, cnt = 0;
    const double *Wt = t->param + t->off_W[0], *Ws = s->param + s->off_W[0];
    for (j = 0; j < m; j++)
    {
        double bt = (t->off_b[0] != SIZE_MAX) ? t->param[t->off_b[0] + j] : 0;
        for (k = 0; k < n; k++)
        {
            double bs = (s->off_b[0] != SIZE_MAX) ? s->param[s->off_b[0] + k]
                                                  : 0.0;
            if (tsa_train_eps_aligned(Wt + j * d, bt, Ws + k * d, bs, d, eps))
            {
                cnt++;
                break;
            }
        }
    }
    return cnt;
}

int
tsa_train_state_log(tsa_train_state *st)
{
    const tsa_train_config *cfg = &st->cfg;
    tsa_train_record rec;
    size_t l, m0 = st->rho[0]->size1, n0 = st->rho[0]->size2;

    if (st->nhist == st->cap_hist)
    {
        size_t cap = st->cap_hist ? 2 * st->cap_hist : 64;
        tsa_train_record *h = realloc(st->hist, cap * sizeof *h);
        double **r;
        if (h == NULL)
            return TSA_ERROR(TSA_ENOMEM, "out of memory (metric history)");
        st->hist = h;
        r = realloc(st->rho_hist, cap * sizeof *r);
        if (r == NULL)
            return TSA_ERROR(TSA_ENOMEM, "out of memory (metric history)");
        st->rho_hist = r;
        st->cap_hist = cap;
    }
    memset(&rec, 0, sizeof rec);
    rec.step = st->step;
    rec.lr = tsa_train_lr(cfg, st->step);
    rec.eval_loss = tsa_train_grad(NULL, st->es, st->student, st->Xeval,
                                   st->Teval);
    if (cfg->opt == TSA_TRAIN_OPT_POP)
        rec.train_loss = tsa_train_pop_grad(st->gtmp, st->popws, st->student,
                                            st->teacher, cfg->sigma);
    else if (st->Xtrain != NULL)
    {
        size_t N = st->Xtrain->size1, i0, bmax = st->ws->bmax;
        rec.train_loss = 0.0;
        for (i0 = 0; i0 < N; i0 += bmax)
        {
            size_t Bc = (N - i0 < bmax) ? N - i0 : bmax;
            gsl_matrix_view X =
                gsl_matrix_submatrix(st->Xtrain, i0, 0, Bc, cfg->d);
            gsl_matrix_view T =
                gsl_matrix_submatrix(st->Ttrain, i0, 0, Bc, cfg->outputs);
            rec.train_loss += (double) Bc / (double) N
                              * tsa_train_grad(NULL, st->ws, st->student,
                                               &X.matrix, &T.matrix);
        }
    }
    else
        rec.train_loss = st->loss; /* online: the last batch */
    for (l = 0; l < cfg->nhidden; l++)
    {
        tsa_train_corr(st->rho[l], st->et->H[l], st->es->H[l], st->corrws);
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
