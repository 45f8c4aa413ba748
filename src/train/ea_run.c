/* ea_run.c -- one early-alignment run and its measured numbers
 * (definitions in tsa_ea.h and docs/early-alignment.md s. M2).
 *
 * The trajectory is deterministic, so it is computed twice: the first
 * pass records the escape step, the directions at the escape and at the
 * end, the loss, the sign flips; the second pass replays it and finds, for
 * every neuron, the last step at which its direction is farther than
 * settle_tol from each reference.  Memory is O(m (d + 1) + n m). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_ea.h"

typedef struct
{
    tsa_ea_net N;
    double *ws, *h, *gW, *ga, *Uesc, *Ufin, *c;
    long *last_e, *last_f;
    unsigned char *flipped;
    size_t *order;
} run_buf;

static void
buf_clear(run_buf *b)
{
    tsa_ea_net_clear(&b->N);
    free(b->ws);
    free(b->h);
    free(b->gW);
    free(b->ga);
    free(b->Uesc);
    free(b->Ufin);
    free(b->c);
    free(b->last_e);
    free(b->last_f);
    free(b->flipped);
    free(b->order);
}

static int
buf_alloc(run_buf *b, size_t m, size_t d1, size_t n)
{
    memset(b, 0, sizeof *b);
    if (tsa_ea_net_alloc(&b->N, m, d1) != TSA_SUCCESS)
        return TSA_ENOMEM;
    b->ws = malloc(tsa_ea_work_size(n, m) * sizeof(double));
    b->h = malloc(n * sizeof(double));
    b->gW = malloc(m * d1 * sizeof(double));
    b->ga = malloc(m * sizeof(double));
    b->Uesc = calloc(m * d1, sizeof(double));
    b->Ufin = malloc(m * d1 * sizeof(double));
    b->c = malloc(m * sizeof(double));
    b->last_e = malloc(m * sizeof(long));
    b->last_f = malloc(m * sizeof(long));
    b->flipped = calloc(m, 1);
    b->order = malloc(m * sizeof(size_t));
    if (b->ws == NULL || b->h == NULL || b->gW == NULL || b->ga == NULL
        || b->Uesc == NULL || b->Ufin == NULL || b->c == NULL || b->last_e == NULL
        || b->last_f == NULL || b->flipped == NULL || b->order == NULL)
    {
        buf_clear(b);
        return TSA_ERROR(TSA_ENOMEM, "ea: out of memory (m = %zu)", m);
    }
    return TSA_SUCCESS;
}

static double
rms(const double *v, size_t n)
{
    double s = 0.0;
    size_t k;
    for (k = 0; k < n; k++)
        s += v[k] * v[k];
    return sqrt(s / (double) n);
}

/* Pass 2 bookkeeping at step k: the last step each direction was away. */
static void
track(run_buf *b, long k, long kesc, double tol)
{
    size_t j, d1 = b->N.d1;
    for (j = 0; j < b->N.m; j++)
    {
        const double *w = b->N.W + j * d1;
        if (tsa_ea_angle(w, b->Ufin + j * d1, d1) > tol)
            b->last_f[j] = k;
        if (k <= kesc && tsa_ea_angle(w, b->Uesc + j * d1, d1) > tol)
            b->last_e[j] = k;
    }
}

/* One pass of the trajectory. */
static int
pass(tsa_ea_result *res, run_buf *b, const tsa_ea_opts *o, const tsa_ea_data *D,
     int second)
{
    size_t m = o->m, d1 = D->d + 1, k;
    double yr = rms(D->y, D->n), L;
    int st;
    if ((st = tsa_ea_net_init(&b->N, o->lambda, o->seed)) != TSA_SUCCESS)
        return st;
    L = tsa_ea_loss_grad(b->gW, b->ga, b->h, b->ws, &b->N, D);
    if (!second)
    {
        res->loss0 = L;
        res->escape_step = -1;
    }
    for (k = 0;; k++)
    {
        if (!second && res->escape_step < 0 && rms(b->h, D->n) >= o->escape_frac * yr)
        {
            res->escape_step = (long) k;
            memcpy(b->Uesc, b->N.W, m * d1 * sizeof(double));
        }
        if (second)
            track(b, (long) k, res->escape_step, o->settle_tol);
        if (!isfinite(L) || k == o->steps)
            break;
        if (second)
            (void) tsa_ea_step(&b->N, b->gW, b->ga, o->lr, NULL);
        else
            res->flips += tsa_ea_step(&b->N, b->gW, b->ga, o->lr, b->flipped);
        L = tsa_ea_loss_grad(b->gW, b->ga, b->h, b->ws, &b->N, D);
    }
    if (!second)
    {
        res->steps_done = k;
        res->loss = L;
        res->diverged = !isfinite(L);
        res->hrms_final = rms(b->h, D->n);
        memcpy(b->Ufin, b->N.W, m * d1 * sizeof(double));
    }
    return TSA_SUCCESS;
}

static int
cmp_double(const void *p, const void *q)
{
    double a = *(const double *) p, c = *(const double *) q;
    return (a > c) - (a < c);
}

static const double *cmp_key;
static int
cmp_desc(const void *p, const void *q)
{
    double a = cmp_key[*(const size_t *) p], c = cmp_key[*(const size_t *) q];
    return (a < c) - (a > c);
}

static double
median(double *v, size_t n)
{
    if (n == 0)
        return -1.0;
    qsort(v, n, sizeof(double), cmp_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* Greedy clusters of the final directions of the non-negligible neurons,
 * by decreasing contribution (b->order holds them). */
static void
clusters(tsa_ea_result *res, run_buf *b, size_t na, double tol, double ctot)
{
    size_t d1 = b->N.d1, kept = d1 < 8 ? d1 : 8, i, q, t, seedj[TSA_EA_MAX_CLUSTERS];
    double acc[TSA_EA_MAX_CLUSTERS][8];
    res->nclusters = 0;
    memset(acc, 0, sizeof acc);
    for (i = 0; i < na; i++)
    {
        size_t j = b->order[i];
        const double *w = b->N.W + j * d1;
        double nw = 0.0;
        for (t = 0; t < d1; t++)
            nw += w[t] * w[t];
        nw = sqrt(nw);
        for (q = 0; q < res->nclusters && q < TSA_EA_MAX_CLUSTERS; q++)
            if (tsa_ea_angle(w, b->N.W + seedj[q] * d1, d1) <= tol)
                break;
        if (q == res->nclusters)
        {
            res->nclusters++;
            if (q >= TSA_EA_MAX_CLUSTERS)
                continue; /* counted, not kept */
            seedj[q] = j;
        }
        if (q >= TSA_EA_MAX_CLUSTERS)
            continue;
        res->cl_count[q]++;
        res->cl_weight[q] += b->c[j] / ctot;
        for (t = 0; t < kept; t++)
            acc[q][t] += b->c[j] * w[t] / nw;
    }
    for (q = 0; q < res->nclusters && q < TSA_EA_MAX_CLUSTERS; q++)
    {
        double s = 0.0;
        for (t = 0; t < kept; t++)
            s += acc[q][t] * acc[q][t];
        for (t = 0; t < kept; t++)
            res->cl_dir[q][t] = s > 0.0 ? acc[q][t] / sqrt(s) : 0.0;
    }
}

/* Everything measured at the end of pass 2. */
static void
summarise(tsa_ea_result *res, run_buf *b, const tsa_ea_opts *o)
{
    size_t m = o->m, d1 = b->N.d1, j, na = 0, t;
    double cmax = 0.0, ctot = 0.0, *tmp = b->ws; /* ws has >= 2m doubles */
    for (j = 0; j < m; j++)
    {
        double nw = 0.0, a = b->N.a[j];
        for (t = 0; t < d1; t++)
            nw += b->N.W[j * d1 + t] * b->N.W[j * d1 + t];
        b->c[j] = fabs(a) * sqrt(nw);
        if (!isfinite(b->c[j]))
            b->c[j] = 0.0;
        cmax = fmax(cmax, b->c[j]);
        ctot += b->c[j];
        if (a * a + nw > 0.0)
            res->balance_drift = fmax(res->balance_drift, fabs(a * a - nw) / (a * a + nw));
        res->flip_neurons += b->flipped[j];
    }
    for (j = 0; j < m; j++)
        if (cmax > 0.0 && b->c[j] >= o->active_frac * cmax)
        {
            b->order[na++] = j;
            res->active_pos += b->N.a[j] > 0.0;
        }
    res->active = na;
    cmp_key = b->c;
    qsort(b->order, na, sizeof(size_t), cmp_desc);
    for (j = 0; j < na; j++)
        tmp[j] = o->lr * (double) (b->last_f[b->order[j]] + 1);
    res->settle_max = -1.0;
    for (j = 0; j < na; j++)
        res->settle_max = fmax(res->settle_max, tmp[j]);
    res->settle_med = median(tmp, na);
    res->align_med = res->align_max = -1.0;
    if (res->escape_step >= 0)
    {
        for (j = 0; j < na; j++)
            tmp[j] = o->lr * (double) (b->last_e[b->order[j]] + 1);
        for (j = 0; j < na; j++)
            res->align_max = fmax(res->align_max, tmp[j]);
        res->align_med = median(tmp, na);
    }
    if (ctot > 0.0)
        clusters(res, b, na, o->cluster_tol, ctot);
}

int
tsa_ea_run(tsa_ea_result *res, const tsa_ea_opts *o, const tsa_ea_data *D)
{
    run_buf b;
    size_t j;
    int st;
    memset(res, 0, sizeof *res);
    if ((st = tsa_ea_opts_check(o, D)) != TSA_SUCCESS)
        return st;
    if ((st = buf_alloc(&b, o->m, D->d + 1, D->n)) != TSA_SUCCESS)
        return st;
    for (j = 0; j < o->m; j++)
        b.last_e[j] = b.last_f[j] = -1;
    st = pass(res, &b, o, D, 0);
    if (st == TSA_SUCCESS)
        st = pass(res, &b, o, D, 1);
    if (st == TSA_SUCCESS)
    {
        summarise(res, &b, o); /* ws holds 2 n m + n >= 2 m doubles */
        res->t_escape = res->escape_step >= 0 ? o->lr * (double) res->escape_step : -1.0;
        res->interpolates = !res->diverged && res->loss < o->interp_tol;
    }
    buf_clear(&b);
    return st;
}
