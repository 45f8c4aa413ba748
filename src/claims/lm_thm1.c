/* lm_thm1.c -- LM Theorem 1 (recursive gradient rule, eq. 2-3) as an
 * identity on random deep ReLU nets, sample by sample, in float64
 * (numerical; docs/claims-lm.md s. 1).  For each x the backpropagated
 * gradient g_k(x) = f'_k sum_j w_jk g_j (g_c = f_c* - f_c at the linear
 * output) is compared with the right side of eq. (2),
 *   f'_k [ sum_k* beta*_kk* f_k* - sum_k' beta_kk' f_k' ],
 * beta, beta* propagated down by eq. (3) from beta = beta* = I. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include "tsa_train.h"
#include "lm_impl.h"

#define LMAX TSA_TRAIN_MAX_LAYERS

typedef struct
{
    size_t L, size[LMAX + 1];
    double *W[LMAX], *b[LMAX];
    double *f[LMAX + 1], *D[LMAX + 1];
} net1_t;

static int
sizes_get(size_t *L, size_t *size, const json_t *p, const char *key,
          const char *file)
{
    json_t *v = json_object_get(p, key);
    size_t i;
    if (!json_is_array(v) || json_array_size(v) < 2
        || json_array_size(v) > LMAX + 1)
        return TSA_ERROR(TSA_EFORMAT, "%s: params.%s: array of 2 .. %d "
                         "layer sizes", file, key, LMAX + 1);
    *L = json_array_size(v) - 1;
    for (i = 0; i <= *L; i++)
    {
        json_t *e = json_array_get(v, i);
        if (!json_is_integer(e) || json_integer_value(e) < 1
            || json_integer_value(e) > 4096)
            return TSA_ERROR(TSA_EFORMAT, "%s: params.%s[%zu]: integer in "
                             "1 .. 4096", file, key, i);
        size[i] = (size_t) json_integer_value(e);
    }
    return TSA_SUCCESS;
}

static void
net1_alloc(net1_t *n, int bias, double bstd, gsl_rng *rng)
{
    size_t l, i;
    for (l = 0; l < n->L; l++)
    {
        size_t rows = n->size[l + 1], cols = n->size[l];
        n->W[l] = malloc(sizeof(double) * rows * cols);
        n->b[l] = calloc(rows, sizeof(double));
        for (i = 0; i < rows * cols; i++)
            n->W[l][i] = gsl_ran_gaussian_ziggurat(rng, 1.0 / sqrt((double) cols));
        if (bias)
            for (i = 0; i < rows; i++)
                n->b[l][i] = gsl_ran_gaussian_ziggurat(rng, bstd);
    }
    for (l = 0; l <= n->L; l++)
    {
        n->f[l] = malloc(sizeof(double) * n->size[l]);
        n->D[l] = malloc(sizeof(double) * n->size[l]);
    }
}

static void
net1_free(net1_t *n)
{
    size_t l;
    for (l = 0; l < n->L; l++)
    {
        free(n->W[l]);
        free(n->b[l]);
    }
    for (l = 0; l <= n->L; l++)
    {
        free(n->f[l]);
        free(n->D[l]);
    }
}

static void
net1_forward(net1_t *n, const double *x, double c)
{
    size_t l, j, k;
    memcpy(n->f[0], x, sizeof(double) * n->size[0]);
    for (l = 0; l < n->L; l++)
    {
        size_t rows = n->size[l + 1], cols = n->size[l];
        for (j = 0; j < rows; j++)
        {
            double z = n->b[l][j];
            for (k = 0; k < cols; k++)
                z += n->W[l][j * cols + k] * n->f[l][k];
            if (l + 1 == n->L)
            {
                n->f[l + 1][j] = z;
                n->D[l + 1][j] = 1.0;
            }
            else
            {
                n->D[l + 1][j] = z > 0.0 ? 1.0 : c;
                n->f[l + 1][j] = z > 0.0 ? z : c * z;
            }
        }
    }
}

int
tsa_claim_check_lm_thm1(tsa_claim_result_t r, const json_t *params,
                        const char *file, slong prec)
{
    net1_t S, T;
    long samples, seed, bias;
    double leak, tol, bstd, maxerr = 0.0, gmax = 0.0, trel = -1.0;
    const char *rule;
    int st, drop;
    size_t l, j, k, a, bb, wmax = 0, s_i;
    gsl_rng *rng = NULL;
    double *x = NULL, *g[LMAX + 1], *Bs = NULL, *Bt = NULL, *Bs2 = NULL,
           *Bt2 = NULL, *dW = NULL;
    char buf[1600];
    tsa_truth_t concl;

    memset(&S, 0, sizeof S);
    memset(&T, 0, sizeof T);
    memset(g, 0, sizeof g);
    if ((st = sizes_get(&S.L, S.size, params, "student", file))
        || (st = sizes_get(&T.L, T.size, params, "teacher", file))
        || (st = _tsa_lm_get_double(&leak, params, "leak", 0.0, 0.0, 0.999,
                                    file))
        || (st = _tsa_lm_get_double(&tol, params, "tol", 1e-10, 0.0, 1.0,
                                    file))
        || (st = _tsa_lm_get_double(&bstd, params, "bias_std", 0.5, 0.0,
                                    1e3, file))
        || (st = _tsa_lm_get_int(&samples, params, "samples", 200, 1,
                                 1000000, file))
        || (st = _tsa_lm_get_int(&seed, params, "seed", 1, 0, 1L << 40, file))
        || (st = _tsa_lm_get_int(&bias, params, "bias", 0, 0, 1, file))
        || (st = _tsa_lm_get_str(&rule, params, "rule", "paper", file)))
        return st;
    drop = strcmp(rule, "drop_teacher_gate") == 0;
    if (!drop && strcmp(rule, "paper") != 0)
        return TSA_ERROR(TSA_EFORMAT, "%s: params.rule: 'paper' or "
                         "'drop_teacher_gate'", file);
    if (S.L != T.L || S.size[0] != T.size[0] || S.size[S.L] != T.size[T.L])
        return TSA_ERROR(TSA_EFORMAT, "%s: params.student, teacher: same "
                         "depth, input and output sizes needed", file);
    rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, (unsigned long) seed);
    net1_alloc(&T, (int) bias, bstd, rng);
    net1_alloc(&S, (int) bias, bstd, rng);
    for (l = 0; l <= S.L; l++)
    {
        wmax = FLINT_MAX(wmax, FLINT_MAX(S.size[l], T.size[l]));
        g[l] = malloc(sizeof(double) * S.size[l]);
    }
    x = malloc(sizeof(double) * S.size[0]);
    Bs = malloc(sizeof(double) * wmax * wmax);
    Bt = malloc(sizeof(double) * wmax * wmax);
    Bs2 = malloc(sizeof(double) * wmax * wmax);
    Bt2 = malloc(sizeof(double) * wmax * wmax);
    {
        size_t tot = 0;
        for (l = 0; l < S.L; l++)
            tot += S.size[l + 1] * S.size[l];
        dW = calloc(tot, sizeof(double));
    }

    {
        char ss[200] = "", ts[200] = "";
        for (l = 0; l <= S.L; l++)
        {
            snprintf(ss + strlen(ss), sizeof ss - strlen(ss), "%s%zu",
                     l ? "-" : "", S.size[l]);
            snprintf(ts + strlen(ts), sizeof ts - strlen(ts), "%s%zu",
                     l ? "-" : "", T.size[l]);
        }
        snprintf(buf, sizeof buf, "random student %s and teacher %s "
                 "(weights N(0, 1/fan_in), seed %ld), leak c = %g, %s, %ld "
                 "samples x ~ N(0, I), rule %s, tol %g", ss, ts, seed, leak,
                 bias ? "with biases" : "no biases", samples,
                 drop ? "eq. (3) without the teacher gate f'_j* (a "
                 "deliberately wrong rule)" : "eq. (3) as printed", tol);
    }
    r->instance = strdup(buf);
    r->method = strdup(
        "Numerical (float64): per sample, backpropagation g_k = f'_k sum_j "
        "w_jk g_j against the right side of eq. (2) with beta, beta* from "
        "eq. (3), relative error per node |lhs - rhs| / (sum |beta* f*| + "
        "sum |beta f|); the summed gradient -mean g f^T is also compared "
        "with tsa_train_grad (GSL BLAS backprop of the train module).");
    snprintf(buf, sizeof buf, "sigma(z) = max(z, %g z) is positively "
             "homogeneous (exact)", leak);
    tsa_claim_add_hyp(r, "sigma(z) = sigma'(z) z", TSA_TRUE, buf);
    tsa_claim_add_hyp(r, "no biases, so f_j = f'_j sum_k w_jk f_k (the "
                      "step of eq. 11)", bias ? TSA_FALSE : TSA_TRUE,
                      bias ? "the nets have biases: f_j = f'_j (sum_k w_jk "
                      "f_k + b_j)" : "both nets are bias-free (exact)");
    tsa_claim_add_hyp(r, "top layer satisfies eq. (2) with beta = beta* = I",
                      TSA_TRUE, "linear outputs and J = 1/2 |f - f*|^2 give "
                      "g_c = f*_c - f_c (exact)");

    for (s_i = 0; s_i < (size_t) samples; s_i++)
    {
        size_t L = S.L;
        for (k = 0; k < S.size[0]; k++)
            x[k] = gsl_ran_gaussian_ziggurat(rng, 1.0);
        net1_forward(&S, x, leak);
        net1_forward(&T, x, leak);
        for (j = 0; j < S.size[L]; j++)
            g[L][j] = T.f[L][j] - S.f[L][j];
        for (l = L - 1; l >= 1; l--)
            for (k = 0; k < S.size[l]; k++)
            {
                double s = 0.0;
                for (j = 0; j < S.size[l + 1]; j++)
                    s += S.W[l][j * S.size[l] + k] * g[l + 1][j];
                g[l][k] = S.D[l][k] * s;
            }
        /* gradient sums for the cross-check: dJ/dW_l = -mean g f^T */
        {
            size_t off = 0;
            for (l = 0; l < L; l++)
            {
                for (j = 0; j < S.size[l + 1]; j++)
                    for (k = 0; k < S.size[l]; k++)
                        dW[off + j * S.size[l] + k] -=
                            g[l + 1][j] * S.f[l][k] / (double) samples;
                off += S.size[l + 1] * S.size[l];
            }
        }
        /* beta = beta* = I at the top (C x C) */
        for (a = 0; a < S.size[L]; a++)
            for (bb = 0; bb < S.size[L]; bb++)
                Bs[a * S.size[L] + bb] = Bt[a * T.size[L] + bb] = a == bb;
        for (l = L - 1; l >= 1; l--)
        {
            size_t np = S.size[l + 1], mp = T.size[l + 1], n = S.size[l],
                   mm = T.size[l];
            /* Bs2 (n x n) = W^T D Bs D W, Bt2 (n x mm) = W^T D Bt D* W* */
            for (k = 0; k < n; k++)
            {
                for (bb = 0; bb < n; bb++)
                {
                    double s = 0.0;
                    for (j = 0; j < np; j++)
                    {
                        double wj = S.W[l][j * n + k] * S.D[l + 1][j];
                        if (wj == 0.0)
                            continue;
                        for (a = 0; a < np; a++)
                            s += wj * Bs[j * np + a] * S.D[l + 1][a]
                                 * S.W[l][a * n + bb];
                    }
                    Bs2[k * n + bb] = s;
                }
                for (bb = 0; bb < mm; bb++)
                {
                    double s = 0.0;
                    for (j = 0; j < np; j++)
                    {
                        double wj = S.W[l][j * n + k] * S.D[l + 1][j];
                        if (wj == 0.0)
                            continue;
                        for (a = 0; a < mp; a++)
                            s += wj * Bt[j * mp + a]
                                 * (drop ? 1.0 : T.D[l + 1][a])
                                 * T.W[l][a * mm + bb];
                    }
                    Bt2[k * mm + bb] = s;
                }
            }
            memcpy(Bs, Bs2, sizeof(double) * n * n);
            memcpy(Bt, Bt2, sizeof(double) * n * mm);
            for (k = 0; k < n; k++)
            {
                double rhs = 0.0, scale = 0.0, e;
                for (bb = 0; bb < mm; bb++)
                {
                    rhs += Bt[k * mm + bb] * T.f[l][bb];
                    scale += fabs(Bt[k * mm + bb] * T.f[l][bb]);
                }
                for (bb = 0; bb < n; bb++)
                {
                    rhs -= Bs[k * n + bb] * S.f[l][bb];
                    scale += fabs(Bs[k * n + bb] * S.f[l][bb]);
                }
                rhs *= S.D[l][k];
                e = fabs(rhs - g[l][k]) / (S.D[l][k] * scale + 1e-300);
                if (S.D[l][k] * scale == 0.0)
                    e = fabs(rhs - g[l][k]) == 0.0 ? 0.0 : INFINITY;
                maxerr = fmax(maxerr, e);
                gmax = fmax(gmax, fabs(g[l][k]));
            }
        }
    }
    /* cross-check with the train module's backprop (no-bias nets) */
    if (!bias)
    {
        tsa_train_net *net = NULL;
        tsa_train_work *wk = NULL;
        gsl_matrix *X = NULL, *Tm = NULL;
        double *grad = NULL;
        if (tsa_train_net_alloc(&net, S.L, S.size, 0, 0, 0, 0, leak)
                == TSA_SUCCESS
            && tsa_train_work_alloc(&wk, net, (size_t) samples) == TSA_SUCCESS)
        {
            size_t off = 0, i;
            gsl_rng_set(rng, (unsigned long) seed);
            /* same draws as above: teacher, student, then the samples */
            X = gsl_matrix_alloc((size_t) samples, S.size[0]);
            Tm = gsl_matrix_alloc((size_t) samples, S.size[S.L]);
            grad = malloc(sizeof(double) * net->nparam);
            for (l = 0; l < S.L; l++)
                memcpy(net->param + net->off_W[l], S.W[l],
                       sizeof(double) * S.size[l + 1] * S.size[l]);
            {
                net1_t T2, S2;
                memset(&T2, 0, sizeof T2);
                memset(&S2, 0, sizeof S2);
                T2.L = T.L;
                memcpy(T2.size, T.size, sizeof T.size);
                S2.L = S.L;
                memcpy(S2.size, S.size, sizeof S.size);
                net1_alloc(&T2, 0, bstd, rng);
                net1_alloc(&S2, 0, bstd, rng);
                for (i = 0; i < (size_t) samples; i++)
                {
                    for (k = 0; k < S.size[0]; k++)
                    {
                        x[k] = gsl_ran_gaussian_ziggurat(rng, 1.0);
                        gsl_matrix_set(X, i, k, x[k]);
                    }
                    net1_forward(&T, x, leak);
                    for (j = 0; j < S.size[S.L]; j++)
                        gsl_matrix_set(Tm, i, j, T.f[S.L][j]);
                }
                net1_free(&T2);
                net1_free(&S2);
            }
            tsa_train_grad(grad, wk, net, X, Tm);
            trel = 0.0;
            {
                double nrm = 0.0;
                for (l = 0; l < S.L; l++)
                {
                    size_t cnt = S.size[l + 1] * S.size[l];
                    for (i = 0; i < cnt; i++)
                    {
                        trel = fmax(trel, fabs(grad[net->off_W[l] + i]
                                               - dW[off + i]));
                        nrm = fmax(nrm, fabs(dW[off + i]));
                    }
                    off += cnt;
                }
                trel /= (nrm > 0 ? nrm : 1.0);
            }
        }
        free(grad);
        if (X) gsl_matrix_free(X);
        if (Tm) gsl_matrix_free(Tm);
        tsa_train_work_free(wk);
        tsa_train_net_free(net);
    }
    concl = maxerr <= tol ? TSA_TRUE : TSA_FALSE;
    if (trel > tol)
        concl = TSA_FALSE;
    if (trel >= 0.0)
        snprintf(buf, sizeof buf, "max relative error of eq. (2) over %ld "
                 "samples and every hidden node: %.3e (tol %g; max |g| = "
                 "%.3g); summed gradient vs tsa_train_grad: max relative "
                 "difference %.3e", samples, maxerr, tol, gmax, trel);
    else
        snprintf(buf, sizeof buf, "max relative error of eq. (2) over %ld "
                 "samples and every hidden node: %.3e (tol %g; max |g| = "
                 "%.3g)", samples, maxerr, tol, gmax);
    tsa_claim_set_concl(r, "every hidden node satisfies eq. (2) with beta, "
                        "beta* of eq. (3) (numerical, float64)", concl, buf);
    json_object_set_new(r->data, "max_rel_err", json_real(maxerr));
    json_object_set_new(r->data, "train_grad_rel_diff", json_real(trel));
    json_object_set_new(r->data, "tol", json_real(tol));

    net1_free(&S);
    net1_free(&T);
    for (l = 0; l <= S.L; l++)
        free(g[l]);
    free(x);
    free(Bs);
    free(Bt);
    free(Bs2);
    free(Bt2);
    free(dW);
    gsl_rng_free(rng);
    (void) prec;
    return TSA_SUCCESS;
}
