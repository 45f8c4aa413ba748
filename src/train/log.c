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

/* The eval set goes through the student in chunks of this many rows,
 * always the first rows of es (those the estimates use), so that an exact
 * record touches none of es's other n_eval-row buffers: on first touch
 * their ~12 MB (ss2) cost more than the record's arithmetic
 * (docs/train.md s. 9). */
#define EVAL_CHUNK 512

/* Where the chunked evaluation keeps the hidden layers' activations over
 * R rows (R x n_l each, one block after the other), or NULL when it does
 * not apply (batch normalization: its statistics are those of the whole
 * batch; or no room).  First choice: the teacher eval workspace's output
 * block (n_eval x outputs), written once by the labelling (state.c) and
 * never read again: memory the run has touched already, where a fresh
 * n_eval-row buffer costs more on first touch than the record's
 * arithmetic.  Else corrws.  corrws' first max n_l doubles are the
 * normalisation's scratch in the first case. */
static double *
act_buffer(const tsa_train_state *st, size_t R)
{
    size_t l, need = 0, nmax = 0, have = 0, NE = st->Xeval->size1;
    const gsl_matrix *Zo = st->et->Z[st->teacher->nlayers - 1];
    if (st->student->batchnorm)
        return NULL;
    for (l = 0; l < st->cfg.nhidden; l++)
    {
        size_t m = st->teacher->size[l + 1], n = st->student->size[l + 1];
        size_t c = tsa_train_corr_work_size(NE, m, n);
        need += R * n;
        nmax = n > nmax ? n : nmax;
        have = c > have ? c : have;
    }
    if (Zo->tda == Zo->size2 && need <= Zo->size1 * Zo->size2 && nmax <= have)
        return Zo->data;
    return need + nmax <= have ? st->corrws + nmax : NULL;
}

/* Eval loss over the first R rows with the arithmetic of
 * tsa_train_grad(NULL, es, student, X[0:R], T[0:R]) in one call: row by
 * row the same dgemm row (a row of a product does not depend on how many
 * rows are multiplied with it), bias and sigma, the squared errors summed
 * in row order, times 0.5 / R; tests/train/t-records checks the bits.
 * Hidden layer l's activations go to H + off_l (R x n_l, contiguous, off_l
 * = sum over l' < l of R n_l'). */
static double
eval_loss_chunked(tsa_train_state *st, size_t R, double *H)
{
    const tsa_train_net *net = st->student;
    size_t d = st->cfg.d, C = st->cfg.outputs, nh = st->cfg.nhidden;
    size_t i0, i, k, l;
    double loss = 0.0;
    for (i0 = 0; i0 < R; i0 += EVAL_CHUNK)
    {
        size_t B = (R - i0 < EVAL_CHUNK) ? R - i0 : EVAL_CHUNK, off = 0;
        gsl_matrix_view X = gsl_matrix_submatrix(st->Xeval, i0, 0, B, d);
        gsl_matrix_view Y = tsa_train_forward(st->es, net, &X.matrix);
        for (i = 0; i < B; i++)
        {
            const double *y = Y.matrix.data + i * Y.matrix.tda;
            const double *t = st->Teval->data + (i0 + i) * st->Teval->tda;
            for (k = 0; k < C; k++)
            {
                double e = y[k] - t[k];
                loss += e * e;
            }
        }
        for (l = 0; l < nh; l++)
        {
            size_t n = net->size[l + 1];
            const gsl_matrix *Hl = st->es->H[l];
            for (i = 0; i < B; i++)
                memcpy(H + off + (i0 + i) * n, Hl->data + i * Hl->tda,
                       n * sizeof(double));
            off += R * n;
        }
    }
    return loss * (0.5 * (1.0 / (double) R));
}

/* Training loss over the first N rows of the finite set as the sum over
 * chunks of bw rows of (Bc / N) x tsa_train_grad(NULL, ., chunk) (bw =
 * ws->bmax: the chunks, and so the rounding, of the full-set loss), with
 * the rows forwarded EVAL_CHUNK at a time through es (a row of a product
 * does not depend on the rows beside it; no SGD batch-sized dgemm calls).
 * Batch normalization: its statistics are the chunk's, so the chunks
 * themselves go through tsa_train_grad in w. */
static double
train_loss_rows(tsa_train_state *st, size_t N, size_t bw, tsa_train_work *w)
{
    size_t i0, i, k, d = st->cfg.d, C = st->cfg.outputs;
    size_t ch = st->es->bmax < EVAL_CHUNK ? st->es->bmax : EVAL_CHUNK;
    double loss = 0.0, part = 0.0;
    if (st->student->batchnorm)
    {
        for (i0 = 0; i0 < N; i0 += bw)
        {
            size_t Bc = (N - i0 < bw) ? N - i0 : bw;
            gsl_matrix_view X = gsl_matrix_submatrix(st->Xtrain, i0, 0, Bc, d);
            gsl_matrix_view T = gsl_matrix_submatrix(st->Ttrain, i0, 0, Bc, C);
            loss += (double) Bc / (double) N
                    * tsa_train_grad(NULL, w, st->student, &X.matrix,
                                     &T.matrix);
        }
        return loss;
    }
    for (i0 = 0; i0 < N; i0 += ch)
    {
        size_t B = (N - i0 < ch) ? N - i0 : ch;
        gsl_matrix_view X = gsl_matrix_submatrix(st->Xtrain, i0, 0, B, d);
        gsl_matrix_view Y = tsa_train_forward(st->es, st->student, &X.matrix);
        for (i = 0; i < B; i++)
        {
            size_t g = i0 + i, c0 = g - g % bw;
            const double *y = Y.matrix.data + i * Y.matrix.tda;
            const double *t = st->Ttrain->data + g * st->Ttrain->tda;
            for (k = 0; k < C; k++)
            {
                double e = y[k] - t[k];
                part += e * e;
            }
            if ((g + 1) % bw == 0 || g + 1 == N)
            {
                size_t Bc = g + 1 - c0;
                loss += (double) Bc / (double) N
                        * (part * (0.5 * (1.0 / (double) Bc)));
                part = 0.0;
            }
        }
    }
    return loss;
}

/* rec's eval loss and rho per hidden layer over the first R eval rows,
 * chunked into H (act_buffer; normalised there in place). */
static int
eval_chunked(tsa_train_state *st, tsa_train_record *rec, size_t R,
             double *H)
{
    size_t l, off = 0;
    rec->eval_loss = eval_loss_chunked(st, R, H);
    for (l = 0; l < st->cfg.nhidden; l++)
    {
        size_t m = st->teacher->size[l + 1], n = st->student->size[l + 1];
        const double *Ft = teacher_F(st, l, R);
        gsl_matrix_view Hs = gsl_matrix_view_array(H + off, R, n);
        if (Ft == NULL)
            return TSA_ERROR(TSA_ENOMEM, "out of memory (metrics)");
        _tsa_train_corr_inplace(st->rho[l], Ft, m, &Hs.matrix, st->corrws);
        rec->rho_mean_l[l] = tsa_train_rho_mean(
            l == 0 ? &rec->success : NULL, NULL, st->rho[l],
            st->cfg.success_rho);
        off += R * n;
    }
    return TSA_SUCCESS;
}

/* The same over all R rows in one pass through es (batch normalization:
 * its statistics are the whole set's). */
static int
eval_whole(tsa_train_state *st, tsa_train_record *rec, size_t R)
{
    size_t l;
    gsl_matrix_view X = gsl_matrix_submatrix(st->Xeval, 0, 0, R, st->cfg.d);
    gsl_matrix_view T =
        gsl_matrix_submatrix(st->Teval, 0, 0, R, st->cfg.outputs);
    rec->eval_loss =
        tsa_train_grad(NULL, st->es, st->student, &X.matrix, &T.matrix);
    for (l = 0; l < st->cfg.nhidden; l++)
    {
        size_t m = st->teacher->size[l + 1], n = st->student->size[l + 1];
        const double *Ft = teacher_F(st, l, R);
        gsl_matrix_view Hs = gsl_matrix_submatrix(st->es->H[l], 0, 0, R, n);
        if (Ft == NULL)
            return TSA_ERROR(TSA_ENOMEM, "out of memory (metrics)");
        _tsa_train_corr_with(st->rho[l], Ft, m, &Hs.matrix, st->corrws);
        rec->rho_mean_l[l] = tsa_train_rho_mean(
            l == 0 ? &rec->success : NULL, NULL, st->rho[l],
            st->cfg.success_rho);
    }
    return TSA_SUCCESS;
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
    size_t m0 = st->rho[0]->size1, n0 = st->rho[0]->size2;
    size_t NE = st->Xeval->size1, NT = st->Xtrain ? st->Xtrain->size1 : 0;
    size_t RE = NE, RT = NT;
    double *H;
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
    /* training loss first: it forwards through es, whose H must hold
       the eval activations for rho below (eval_whole) */
    if (cfg->opt == TSA_TRAIN_OPT_POP)
        rec.train_loss = tsa_train_pop_grad(st->gtmp, st->popws, st->student,
                                            st->teacher, cfg->sigma);
    else if (st->Xtrain != NULL)
        /* an estimate: one chunk as large as es takes; exact: the SGD
           workspace's chunks, the rounding of the full-set loss */
        rec.train_loss = RT < NT
                             ? train_loss_rows(st, RT, st->es->bmax, st->es)
                             : train_loss_rows(st, RT, st->ws->bmax, st->ws);
    else
        rec.train_loss = st->loss; /* online: the last batch */
    H = act_buffer(st, RE);
    if ((s = H != NULL ? eval_chunked(st, &rec, RE, H)
                       : eval_whole(st, &rec, RE))
        != TSA_SUCCESS)
        return s;
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
