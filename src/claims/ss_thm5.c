/* ss_thm5.c -- SS Theorem 5 (multi-layer alignment, lowest layer) on a
 * hand-made or freshly trained deep (Leaky) ReLU network, sample by
 * sample, in exact rational arithmetic.  docs/claims-ss.md s. 5a. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_train.h"
#include "ss_impl.h"
#include "recheck_ss.h"

#define MAXH (TSA_TRAIN_MAX_LAYERS - 1)

/* A deep net in doubles: H hidden layers, size[0] = d, size[1..H] widths,
 * size[H + 1] = C.  W[l] (l = 0 .. H - 1): size[l + 1] rows [w; b] of
 * size[l] + 1 entries; V: size[H] rows of C output weights (no output
 * bias). */
typedef struct
{
    slong H;
    slong size[MAXH + 2];
    double *W[MAXH];
    double *V;
} dnet_t;

static void
dnet_free(dnet_t *n)
{
    slong l;
    for (l = 0; l < n->H; l++)
        free(n->W[l]);
    free(n->V);
    memset(n, 0, sizeof *n);
}

static slong
dnet_nodes(const dnet_t *n)
{
    slong l, s = 0;
    for (l = 1; l <= n->H; l++)
        s += n->size[l];
    return s;
}

/* {"layers": [rows of layer 1, rows of layer 2, ...], "V": rows} with
 * JSON numbers; d < 0: from the first row.  V may be omitted when the
 * top hidden layer feeds one output with weight 1. */
static int
dnet_read(dnet_t *n, const json_t *j, slong d, const char *what)
{
    const json_t *L = json_object_get(j, "layers"), *V = json_object_get(j, "V");
    slong l, k, i, C;
    memset(n, 0, sizeof *n);
    if (!json_is_object(j))
        return TSA_ERROR(TSA_EFORMAT, "%s: missing or not an object", what);
    if (!json_is_array(L) || json_array_size(L) == 0 || json_array_size(L) > MAXH)
        return TSA_ERROR(TSA_EFORMAT, "%s.layers: need 1 to %d hidden layers",
                         what, MAXH);
    n->H = (slong) json_array_size(L);
    if (d < 0)
    {
        const json_t *r0 = json_array_get(json_array_get(L, 0), 0);
        if (!json_is_array(r0) || json_array_size(r0) < 2)
            return TSA_ERROR(TSA_EFORMAT, "%s.layers[0][0]: need d + 1 >= 2 numbers",
                             what);
        d = (slong) json_array_size(r0) - 1;
    }
    n->size[0] = d;
    for (l = 0; l < n->H; l++)
    {
        const json_t *rows = json_array_get(L, (size_t) l);
        slong cols = n->size[l] + 1;
        if (!json_is_array(rows) || json_array_size(rows) == 0)
        {
            dnet_free(n);
            return TSA_ERROR(TSA_EFORMAT, "%s.layers[%ld]: missing or empty array", what,
                             (long) l);
        }
        n->size[l + 1] = (slong) json_array_size(rows);
        n->W[l] = malloc(sizeof(double) * (size_t) (n->size[l + 1] * cols));
        for (k = 0; k < n->size[l + 1]; k++)
        {
            const json_t *r = json_array_get(rows, (size_t) k);
            if (!json_is_array(r) || (slong) json_array_size(r) != cols)
            {
                n->H = l + 1;
                dnet_free(n);
                return TSA_ERROR(TSA_EFORMAT, "%s.layers[%ld][%ld]: need %ld numbers", what,
                                 (long) l, (long) k, (long) cols);
            }
            for (i = 0; i < cols; i++)
            {
                const json_t *v = json_array_get(r, (size_t) i);
                if (!json_is_number(v) || !isfinite(json_number_value(v)))
                {
                    n->H = l + 1;
                    dnet_free(n);
                    return TSA_ERROR(TSA_EFORMAT, "%s.layers[%ld][%ld][%ld]: not a finite "
                                     "number", what, (long) l, (long) k, (long) i);
                }
                n->W[l][k * cols + i] = json_number_value(v);
            }
        }
    }
    if (V == NULL)
    {
        C = 1;
        n->size[n->H + 1] = 1;
        n->V = malloc(sizeof(double) * (size_t) n->size[n->H]);
        for (k = 0; k < n->size[n->H]; k++)
            n->V[k] = 1.0;
        return TSA_SUCCESS;
    }
    if (!json_is_array(V) || (slong) json_array_size(V) != n->size[n->H]
        || !json_is_array(json_array_get(V, 0)) || json_array_size(json_array_get(V, 0)) == 0)
    {
        long nh = (long) n->size[n->H];
        dnet_free(n);
        return TSA_ERROR(TSA_EFORMAT, "%s.V: need %ld rows (one per top hidden node)", what,
                         nh);
    }
    C = (slong) json_array_size(json_array_get(V, 0));
    n->size[n->H + 1] = C;
    n->V = malloc(sizeof(double) * (size_t) (n->size[n->H] * C));
    for (k = 0; k < n->size[n->H]; k++)
    {
        const json_t *r = json_array_get(V, (size_t) k);
        if (!json_is_array(r) || (slong) json_array_size(r) != C)
        {
            dnet_free(n);
            return TSA_ERROR(TSA_EFORMAT, "%s.V[%ld]: need %ld numbers", what, (long) k,
                             (long) C);
        }
        for (i = 0; i < C; i++)
        {
            const json_t *v = json_array_get(r, (size_t) i);
            if (!json_is_number(v) || !isfinite(json_number_value(v)))
            {
                dnet_free(n);
                return TSA_ERROR(TSA_EFORMAT, "%s.V[%ld][%ld]: not a finite number", what,
                                 (long) k, (long) i);
            }
            n->V[k * C + i] = json_number_value(v);
        }
    }
    return TSA_SUCCESS;
}

/* copy a tsa_train net (no BN, no output bias) */
static void
dnet_from_train(dnet_t *n, const tsa_train_net *t)
{
    slong l, k, i, H = (slong) t->nlayers - 1, C = (slong) t->size[H + 1];
    memset(n, 0, sizeof *n);
    n->H = H;
    for (l = 0; l <= H + 1; l++)
        n->size[l] = (slong) t->size[l];
    for (l = 0; l < H; l++)
    {
        slong rows = n->size[l + 1], cols = n->size[l] + 1;
        n->W[l] = malloc(sizeof(double) * (size_t) (rows * cols));
        for (k = 0; k < rows; k++)
        {
            for (i = 0; i + 1 < cols; i++)
                n->W[l][k * cols + i] = t->param[t->off_W[l] + (size_t) (k * (cols - 1) + i)];
            n->W[l][k * cols + cols - 1] = t->bias ? t->param[t->off_b[l] + (size_t) k] : 0.0;
        }
    }
    n->V = malloc(sizeof(double) * (size_t) (n->size[H] * C));
    for (k = 0; k < n->size[H]; k++)
        for (i = 0; i < C; i++)
            n->V[k * C + i] = t->param[t->off_W[H] + (size_t) (i * n->size[H] + k)];
}

/* Exact copy of a dnet, and its forward state at one point. */
typedef struct
{
    slong H, size[MAXH + 2];
    fmpq *W[MAXH], *V;
    fmpq *z[MAXH], *h[MAXH], *f; /* pre-activations, activations, output */
    int *sg[MAXH];               /* sign of z: -1, 0, +1 */
    fmpq *M, *M2;                /* C x max width: V_l(x) */
    slong wmax;
} qnet_t;

static void
qnet_init(qnet_t *q, const dnet_t *n)
{
    slong l, i, cnt;
    memset(q, 0, sizeof *q);
    q->H = n->H;
    memcpy(q->size, n->size, sizeof q->size);
    q->wmax = 1;
    for (l = 0; l < n->H; l++)
    {
        cnt = n->size[l + 1] * (n->size[l] + 1);
        q->W[l] = _fmpq_vec_init(cnt);
        for (i = 0; i < cnt; i++)
            _tsa_ss_q_set_d(q->W[l] + i, n->W[l][i]);
        q->z[l] = _fmpq_vec_init(n->size[l + 1]);
        q->h[l] = _fmpq_vec_init(n->size[l + 1]);
        q->sg[l] = calloc((size_t) n->size[l + 1], sizeof(int));
        if (n->size[l + 1] > q->wmax)
            q->wmax = n->size[l + 1];
    }
    cnt = n->size[n->H] * n->size[n->H + 1];
    q->V = _fmpq_vec_init(cnt);
    for (i = 0; i < cnt; i++)
        _tsa_ss_q_set_d(q->V + i, n->V[i]);
    q->f = _fmpq_vec_init(n->size[n->H + 1]);
    q->M = _fmpq_vec_init(n->size[n->H + 1] * q->wmax);
    q->M2 = _fmpq_vec_init(n->size[n->H + 1] * q->wmax);
}

static void
qnet_clear(qnet_t *q)
{
    slong l, C = q->size[q->H + 1];
    for (l = 0; l < q->H; l++)
    {
        _fmpq_vec_clear(q->W[l], q->size[l + 1] * (q->size[l] + 1));
        _fmpq_vec_clear(q->z[l], q->size[l + 1]);
        _fmpq_vec_clear(q->h[l], q->size[l + 1]);
        free(q->sg[l]);
    }
    _fmpq_vec_clear(q->V, q->size[q->H] * C);
    _fmpq_vec_clear(q->f, C);
    _fmpq_vec_clear(q->M, C * q->wmax);
    _fmpq_vec_clear(q->M2, C * q->wmax);
}

/* exact forward pass at the rational point x */
static void
qnet_forward(qnet_t *q, const fmpq *x, const fmpq_t leak)
{
    slong l, k, i, C = q->size[q->H + 1];
    for (l = 0; l < q->H; l++)
    {
        const fmpq *in = l == 0 ? x : q->h[l - 1];
        slong cols = q->size[l] + 1;
        for (k = 0; k < q->size[l + 1]; k++)
        {
            fmpq *z = q->z[l] + k;
            fmpq_set(z, q->W[l] + k * cols + cols - 1);
            for (i = 0; i + 1 < cols; i++)
                fmpq_addmul(z, q->W[l] + k * cols + i, in + i);
            q->sg[l][k] = fmpq_sgn(z);
            if (q->sg[l][k] >= 0)
                fmpq_set(q->h[l] + k, z);
            else
                fmpq_mul(q->h[l] + k, z, leak);
        }
    }
    for (i = 0; i < C; i++)
    {
        fmpq_zero(q->f + i);
        for (k = 0; k < q->size[q->H]; k++)
            fmpq_addmul(q->f + i, q->V + k * C + i, q->h[q->H - 1] + k);
    }
}

/* gate value sigma'(z): 1 (z > 0), leak (z < 0); z = 0 counts as 1 and
 * is flagged by the caller */
static void
gate(fmpq_t g, int s, const fmpq_t leak)
{
    if (s >= 0)
        fmpq_one(g);
    else
        fmpq_set(g, leak);
}

/* q->M (C x size[1], row-major with stride wmax) := V_1(x) of SS Def. 2:
 * V_H = V^T, V_{l-1} = V_l D_l W_l^T.  Returns the number of exact zeros
 * of z in layers 2..H (gates there are ambiguous). */
static slong
qnet_V1(qnet_t *q, const fmpq_t leak)
{
    slong l, k, i, c, C = q->size[q->H + 1], ties = 0, w = q->wmax;
    fmpq_t g, t;
    fmpq_init(g);
    fmpq_init(t);
    for (c = 0; c < C; c++)
        for (k = 0; k < q->size[q->H]; k++)
            fmpq_set(q->M + c * w + k, q->V + k * C + c);
    for (l = q->H - 1; l >= 1; l--)
    {
        slong cols = q->size[l] + 1;
        for (k = 0; k < q->size[l + 1]; k++)
            ties += q->sg[l][k] == 0;
        for (c = 0; c < C; c++)
            for (i = 0; i < q->size[l]; i++)
            {
                fmpq *o = q->M2 + c * w + i;
                fmpq_zero(o);
                for (k = 0; k < q->size[l + 1]; k++)
                {
                    gate(g, q->sg[l][k], leak);
                    fmpq_mul(t, g, q->W[l] + k * cols + i);
                    fmpq_addmul(o, t, q->M + c * w + k);
                }
            }
        {
            fmpq *sw = q->M;
            q->M = q->M2;
            q->M2 = sw;
        }
    }
    fmpq_clear(g);
    fmpq_clear(t);
    return ties;
}

/* one hidden-layer sign pattern per point, as a string of '-', '0', '+' */
static char
sgn_ch(int s)
{
    return s < 0 ? '-' : s > 0 ? '+' : '0';
}

/* Data-visible count of boundary pieces at layers >= 2 of one net over the
 * patterns P (N strings of nodes chars): a node whose sign is not
 * constant over D contributes the number of distinct sign patterns of the
 * layers below it. */
static slong
pieces(const char *P, slong N, const qnet_t *q)
{
    slong l, k, a, b, off = q->size[1], total = 0, nodes = 0;
    for (l = 1; l <= q->H; l++)
        nodes += q->size[l];
    for (l = 1; l < q->H; l++)
    {
        for (k = 0; k < q->size[l + 1]; k++)
        {
            int varies = 0;
            slong distinct = 0;
            for (a = 1; a < N && !varies; a++)
                varies = P[a * nodes + off + k] != P[off + k];
            if (!varies)
                continue;
            for (a = 0; a < N; a++)
            {
                for (b = 0; b < a; b++)
                    if (memcmp(P + a * nodes, P + b * nodes, (size_t) off) == 0)
                        break;
                distinct += b == a;
            }
            total += distinct;
        }
        off += q->size[l + 1];
    }
    return total;
}

static void
record_pattern(char *P, const qnet_t *q)
{
    slong l, k, o = 0;
    for (l = 0; l < q->H; l++)
        for (k = 0; k < q->size[l + 1]; k++)
            P[o++] = sgn_ch(q->sg[l][k]);
}

static int
train_deep(dnet_t *t, dnet_t *s, double **X, slong *N, double *leak, size_t *steps,
           double *eval_loss, const json_t *tr, const char *file)
{
    tsa_train_config cfg;
    tsa_train_state *st;
    const char *preset = "deep", *key;
    json_t *val;
    char what[256];
    slong i;
    if (json_is_string(json_object_get(tr, "preset")))
        preset = json_string_value(json_object_get(tr, "preset"));
    if (tsa_train_config_preset(&cfg, preset) != TSA_SUCCESS)
        return TSA_ERROR(TSA_EFORMAT, "%s: params.train.preset: unknown '%s'", file, preset);
    json_object_foreach((json_t *) tr, key, val)
    {
        char buf[64];
        const char *txt = buf;
        if (strcmp(key, "preset") == 0)
            continue;
        snprintf(what, sizeof what, "%s: params.train.%s", file, key);
        if (json_is_string(val))
            txt = json_string_value(val);
        else if (json_is_integer(val))
            snprintf(buf, sizeof buf, "%lld", (long long) json_integer_value(val));
        else if (json_is_real(val))
            snprintf(buf, sizeof buf, "%.17g", json_real_value(val));
        else
            return TSA_ERROR(TSA_EFORMAT, "%s: must be a string or number", what);
        if (tsa_train_config_set(&cfg, key, txt, what) != TSA_SUCCESS)
            return TSA_EFORMAT;
    }
    tsa_train_config_resolve(&cfg);
    if (cfg.n_train == 0 || cfg.batchnorm || cfg.out_bias || cfg.nhidden > MAXH)
        return TSA_ERROR(TSA_EFORMAT, "%s: params.train: needs n_train > 0, no batchnorm, "
                         "no out_bias", file);
    if (tsa_train_state_alloc(&st, &cfg) != TSA_SUCCESS)
        return TSA_ERROR(TSA_EFORMAT, "%s: params.train: %s", file, tsa_error_last());
    tsa_train_state_set(st);
    while (st->step < cfg.steps)
        if (tsa_train_state_iterate(st) != TSA_SUCCESS)
            break;
    *steps = st->step;
    *eval_loss = NAN;
    if (tsa_train_state_log(st) == TSA_SUCCESS && st->nhist > 0)
        *eval_loss = st->hist[st->nhist - 1].eval_loss;
    dnet_from_train(t, st->teacher);
    dnet_from_train(s, st->student);
    *N = (slong) cfg.n_train;
    *leak = cfg.leak;
    *X = malloc(sizeof(double) * (size_t) (*N) * cfg.d);
    for (i = 0; i < *N; i++)
        memcpy(*X + i * (slong) cfg.d, gsl_matrix_const_ptr(st->Xtrain, (size_t) i, 0),
               sizeof(double) * cfg.d);
    tsa_train_state_free(st);
    return TSA_SUCCESS;
}

int
tsa_claim_check_ss_thm5(tsa_claim_result_t r, const json_t *params,
                        const char *file, slong prec)
{
    dnet_t t, s;
    qnet_t qt, qs;
    double eps, eps0, kappa, tau, cc, sconst, delta, leak_d = 0.0, *X = NULL, *Xa = NULL;
    double eval_loss = NAN, gm = 0.0;
    size_t steps = 0;
    slong N = 0, Na, d, m1, n1, C, j, k, i, u, Q, Qcount, K1, kbest = -1, deep_ties = 0;
    slong first_ties = 0, nviol = 0, nunsure = 0, worst = -1;
    int st, trained = 0, sgn, g1_differs = 0, recount_bad = 0;
    char ev[4096], ins[1024], what[256], *Pt, *Ps;
    const json_t *v;
    fmpq_t leak, e, b2, g, gup, glo, tmp, *amin;
    fmpq *x, *gmax_up;
    int *alpha_set;
    memset(&t, 0, sizeof t);
    memset(&s, 0, sizeof s);
    if ((st = tsa_ss_param_num(&eps, params, "eps", 0.1, 1e-300, 1e300, file))
        || (st = tsa_ss_param_num(&eps0, params, "eps0", eps, 1e-300, 1e300, file))
        || (st = tsa_ss_param_num(&kappa, params, "kappa", 0.5, 1e-300, 1.0, file))
        || (st = tsa_ss_param_num(&tau, params, "tau", 1.0, 0.0, 1e300, file))
        || (st = tsa_ss_param_num(&cc, params, "c", 1.0, 1e-300, 1e300, file))
        || (st = tsa_ss_param_sconst(&sconst, params, file)))
        return st;
    if ((v = json_object_get(params, "Q")) != NULL
        && (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 1000000))
        return TSA_ERROR(TSA_EFORMAT, "%s: params.Q: an integer in 1 .. 1000000", file);
    if ((v = json_object_get(params, "train")) != NULL)
    {
        if (!json_is_object(v))
            return TSA_ERROR(TSA_EFORMAT, "%s: params.train: an object", file);
        if ((st = train_deep(&t, &s, &X, &N, &leak_d, &steps, &eval_loss, v, file))
            != TSA_SUCCESS)
            return st;
        trained = 1;
    }
    else
    {
        snprintf(what, sizeof what, "%s: params.teacher", file);
        if (dnet_read(&t, json_object_get(params, "teacher"), -1, what) != TSA_SUCCESS)
            return TSA_EFORMAT;
        snprintf(what, sizeof what, "%s: params.student", file);
        if (dnet_read(&s, json_object_get(params, "student"), t.size[0], what) != TSA_SUCCESS)
        {
            dnet_free(&t);
            return TSA_EFORMAT;
        }
        if (s.size[s.H + 1] != t.size[t.H + 1])
        {
            long cs = (long) s.size[s.H + 1], ct = (long) t.size[t.H + 1];
            dnet_free(&t);
            dnet_free(&s);
            return TSA_ERROR(TSA_EFORMAT, "%s: params.student.V: %ld outputs, teacher has "
                             "%ld", file, cs, ct);
        }
        snprintf(what, sizeof what, "%s: params.data", file);
        if (tsa_ss_read_points(&X, &N, t.size[0], json_object_get(params, "data"), what)
                != TSA_SUCCESS
            || tsa_ss_param_num(&leak_d, params, "leak", 0.0, 0.0, 0.999999, file)
                != TSA_SUCCESS)
        {
            dnet_free(&t);
            dnet_free(&s);
            free(X);
            return TSA_EFORMAT;
        }
    }
    d = t.size[0];
    m1 = t.size[1];
    n1 = s.size[1];
    C = t.size[t.H + 1];
    if (tsa_ss_param_index(&j, params, m1, file) != TSA_SUCCESS)
    {
        dnet_free(&t);
        dnet_free(&s);
        free(X);
        return TSA_EFORMAT;
    }
    fmpq_init(leak);
    fmpq_init(e);
    fmpq_init(b2);
    fmpq_init(g);
    fmpq_init(gup);
    fmpq_init(glo);
    fmpq_init(tmp);
    _tsa_ss_q_set_d(leak, leak_d);
    _tsa_ss_q_set_d(e, eps);
    qnet_init(&qt, &t);
    qnet_init(&qs, &s);
    x = _fmpq_vec_init(d);
    /* pass A over D: sign patterns, the data-visible count of pieces */
    Pt = malloc((size_t) (N * dnet_nodes(&t)) + 1);
    Ps = malloc((size_t) (N * dnet_nodes(&s)) + 1);
    for (i = 0; i < N; i++)
    {
        for (u = 0; u < d; u++)
            _tsa_ss_q_set_d(x + u, X[i * d + u]);
        qnet_forward(&qt, x, leak);
        qnet_forward(&qs, x, leak);
        record_pattern(Pt + i * dnet_nodes(&t), &qt);
        record_pattern(Ps + i * dnet_nodes(&s), &qs);
    }
    K1 = m1 + n1;
    Qcount = K1 + pieces(Pt, N, &qt) + pieces(Ps, N, &qs);
    free(Pt);
    free(Ps);
    v = json_object_get(params, "Q");
    Q = v != NULL ? (slong) json_integer_value(v) : Qcount;
    /* D' = aug(D) (Def. 7, teacher-agnostic, K_1 replaced by Q) */
    delta = tsa_ss_aug_delta(eps, cc, Q);
    Na = N * (1 + 2 * d);
    Xa = malloc(sizeof(double) * (size_t) (Na * d));
    memcpy(Xa, X, sizeof(double) * (size_t) (N * d));
    for (i = 0, k = N; i < N; i++)
        for (u = 0; u < d; u++)
            for (sgn = -1; sgn <= 1; sgn += 2, k++)
            {
                memcpy(Xa + k * d, X + i * d, sizeof(double) * (size_t) d);
                Xa[k * d + u] += sgn * delta;
            }
    snprintf(ins, sizeof ins, "Thm 5 (lowest layer, teacher-agnostic aug): d = %ld, teacher "
             "%ld hidden layers (widths", (long) d, (long) t.H);
    for (i = 1; i <= t.H; i++)
        snprintf(ins + strlen(ins), sizeof ins - strlen(ins), " %ld", (long) t.size[i]);
    snprintf(ins + strlen(ins), sizeof ins - strlen(ins), "), student %ld (widths",
             (long) s.H);
    for (i = 1; i <= s.H; i++)
        snprintf(ins + strlen(ins), sizeof ins - strlen(ins), " %ld", (long) s.size[i]);
    snprintf(ins + strlen(ins), sizeof ins - strlen(ins), "), C = %ld, leak = %g, N = %ld, "
             "|D'| = %ld, eps = %g, eps0 = %g, kappa = %g, tau = %g, c = %g, Q = %ld%s, "
             "delta = %.6g, teacher j = %ld%s", (long) C, leak_d, (long) N, (long) Na, eps,
             eps0, kappa, tau, cc, (long) Q, v != NULL ? " (claim file)" : " (counted)", delta,
             (long) j, trained ? ", student trained in float64 (numerical)"
                               : ", hand-made weights");
    r->instance = strdup(ins);
    r->method = strdup("Weights and points are doubles taken as exact binary rationals; "
                       "both networks are evaluated in exact rational arithmetic at every "
                       "point, so gates, counts, alpha and the gradient are exact. "
                       "g_1(x) = D_1(x) V_1(x)^T (f*(x) - f(x)) with V_1(x) from SS Def. 2 "
                       "(V_H = V, V_{l-1} = V_l D_l W_l^T); a first-layer node exactly on "
                       "its boundary gets the hull of both gates, an exact zero in a deeper "
                       "layer makes the point undecided. alpha_kj(R) = v_k^T v*_j is "
                       "evaluated at every x of D'; min over R is taken over the regions "
                       "met by D' (the paper's min over all regions can be smaller). Q (the "
                       "number of hyperplane pieces, no formula in the paper) is the claim's "
                       "value or the data-visible count K_1 + sum over nodes of layers >= 2 "
                       "whose gate varies over D of the number of sign patterns of the "
                       "layers below met by D. D' = aug(D) of Def. 7 with K_1 replaced by Q. "
                       "docs/claims-ss.md s. 5a.");
    snprintf(ev, sizeof ev, "eps = %g, eps0 = %g", eps, eps0);
    tsa_claim_add_hyp(r, "0 < eps <= eps0", eps <= eps0 ? TSA_TRUE : TSA_FALSE, ev);
    {
        double *Wt1 = t.W[0];
        tsa_ss_assumption3(r, Wt1, m1, X, N, d, eps, eps0, tau, prec);
    }
    {
        double cmax;
        size_t o;
        tsa_truth_t h;
        o = (size_t) snprintf(ev, sizeof ev, "Q = %ld (data-visible count %ld, K_1 = %ld); ",
                              (long) Q, (long) Qcount, (long) K1);
        h = tsa_ss_sample_size(ev + o, sizeof ev - o, &cmax, N, sconst, Q, "Q", d, 2, eps,
                               kappa);
        tsa_claim_add_hyp(r, "N >= sample_const Q^{5/2} d^2 / (eps kappa)", h, ev);
        json_object_set_new(r->data, "sample_const", json_real(sconst));
        json_object_set_new(r->data, "sample_const_max", json_real(cmax));
    }
    /* pass B over D': g_1 and alpha_kj for every student k */
    amin = malloc(sizeof(fmpq_t) * (size_t) n1);
    alpha_set = calloc((size_t) n1, sizeof(int));
    for (k = 0; k < n1; k++)
        fmpq_init(amin[k]);
    gmax_up = _fmpq_vec_init(Na);
    {
        fmpq *res = _fmpq_vec_init(C), *uu = _fmpq_vec_init(qs.wmax),
             *u2 = _fmpq_vec_init(qs.wmax);
        fmpq_t lo_max;
        fmpq_init(lo_max);
        for (i = 0; i < Na; i++)
        {
            slong l, c, ties;
            for (u = 0; u < d; u++)
                _tsa_ss_q_set_d(x + u, Xa[i * d + u]);
            qnet_forward(&qt, x, leak);
            qnet_forward(&qs, x, leak);
            for (c = 0; c < C; c++)
                fmpq_sub(res + c, qt.f + c, qs.f + c);
            /* backprop of the residual through the student */
            for (k = 0; k < s.size[s.H]; k++)
            {
                fmpq_zero(uu + k);
                for (c = 0; c < C; c++)
                    fmpq_addmul(uu + k, qs.V + k * C + c, res + c);
            }
            ties = 0;
            for (l = s.H - 1; l >= 1; l--)
            {
                slong cols = s.size[l] + 1, kk;
                for (kk = 0; kk < s.size[l + 1]; kk++)
                {
                    ties += qs.sg[l][kk] == 0;
                    gate(g, qs.sg[l][kk], leak);
                    fmpq_mul(uu + kk, uu + kk, g);
                }
                for (u = 0; u < s.size[l]; u++)
                {
                    fmpq_zero(u2 + u);
                    for (kk = 0; kk < s.size[l + 1]; kk++)
                        fmpq_addmul(u2 + u, qs.W[l] + kk * cols + u, uu + kk);
                }
                for (u = 0; u < s.size[l]; u++)
                    fmpq_swap(uu + u, u2 + u);
            }
            /* first layer: |g_1,k| = gate |u_k|; a tie gives the hull
               [leak |u_k|, |u_k|] */
            fmpq_zero(gup);
            fmpq_zero(glo);
            for (k = 0; k < n1; k++)
            {
                fmpq_abs(tmp, uu + k);
                if (qs.sg[0][k] > 0)
                {
                    if (fmpq_cmp(tmp, gup) > 0)
                        fmpq_set(gup, tmp);
                    if (fmpq_cmp(tmp, glo) > 0)
                        fmpq_set(glo, tmp);
                }
                else
                {
                    fmpq_t lt;
                    fmpq_init(lt);
                    fmpq_mul(lt, tmp, leak);
                    if (fmpq_cmp(qs.sg[0][k] == 0 ? tmp : lt, gup) > 0)
                        fmpq_set(gup, qs.sg[0][k] == 0 ? tmp : lt);
                    if (fmpq_cmp(lt, glo) > 0)
                        fmpq_set(glo, lt);
                    first_ties += qs.sg[0][k] == 0 && !fmpq_is_zero(tmp);
                    fmpq_clear(lt);
                }
            }
            fmpq_set(gmax_up + i, gup);
            if (ties > 0)
            {
                deep_ties++;
                fmpq_set_si(gmax_up + i, -1, 1); /* marker: undecided point */
            }
            else if (fmpq_cmp(glo, lo_max) > 0)
                fmpq_set(lo_max, glo);
            /* alpha_kj(x) = v_k(x) . v*_j(x) */
            ties = qnet_V1(&qt, leak) + qnet_V1(&qs, leak);
            if (ties > 0)
                continue;
            /* second path for g_1: V_1(x)^T (f* - f) with V_1 from Def. 2
               must equal the backpropagated vector uu before the gate */
            for (k = 0; k < n1; k++)
            {
                fmpq_zero(tmp);
                for (c = 0; c < C; c++)
                    fmpq_addmul(tmp, qs.M + c * qs.wmax + k, res + c);
                g1_differs |= !fmpq_equal(tmp, uu + k);
            }
            for (k = 0; k < n1; k++)
            {
                fmpq_zero(tmp);
                for (c = 0; c < C; c++)
                    fmpq_addmul(tmp, qs.M + c * qs.wmax + k, qt.M + c * qt.wmax + j);
                fmpq_abs(tmp, tmp);
                if (!alpha_set[k] || fmpq_cmp(tmp, amin[k]) < 0)
                    fmpq_set(amin[k], tmp);
                alpha_set[k] = 1;
            }
        }
        _fmpq_vec_clear(res, C);
        _fmpq_vec_clear(uu, qs.wmax);
        _fmpq_vec_clear(u2, qs.wmax);
        for (i = 0; i < Na; i++)
            if (fmpq_sgn(gmax_up + i) >= 0)
                gm = fmax(gm, fmpq_get_d(gmax_up + i));
        json_object_set_new(r->data, "grad_max", json_real(gm));
        /* (1) kappa-observation: the observer with the largest min |alpha| */
        {
            slong bj_cnt = tsa_ss_band_count(t.W[0] + j * (d + 1), X, N, d, eps), cntk,
                  best_cnt = 0;
            fmpq_t kq, lhs;
            fmpq_init(kq);
            fmpq_init(lhs);
            _tsa_ss_q_set_d(kq, kappa);
            fmpq_mul_si(kq, kq, bj_cnt);
            for (k = 0; k < n1; k++)
            {
                cntk = tsa_ss_band_active_count(t.W[0] + j * (d + 1), s.W[0] + k * (d + 1),
                                                X, N, d, eps);
                recount_bad |= cntk != tsa_ss_band_active_count_q(t.W[0] + j * (d + 1),
                                                                  s.W[0] + k * (d + 1), X, N,
                                                                  d, eps);
                fmpq_set_si(lhs, cntk, 1);
                if (bj_cnt > 0 && fmpq_cmp(lhs, kq) >= 0 && alpha_set[k]
                    && (kbest < 0 || fmpq_cmp(amin[k], amin[kbest]) > 0))
                {
                    kbest = k;
                    best_cnt = cntk;
                }
            }
            if (kbest >= 0)
                snprintf(ev, sizeof ev, "exact counts: N_D[I_j(eps) cap E_k] = %ld >= kappa "
                         "N_D[I_j(eps)] = %g x %ld (k = %ld, the observer with the largest "
                         "min_R |alpha_kj(R)|)", (long) best_cnt, kappa, (long) bj_cnt,
                         (long) kbest);
            else
                snprintf(ev, sizeof ev, "exact counts: no first-layer student has "
                         "N_D[I_j(eps) cap E_k] >= kappa N_D[I_j(eps)] = %g x %ld", kappa,
                         (long) bj_cnt);
            recount_bad |= bj_cnt != tsa_ss_band_active_count_q(t.W[0] + j * (d + 1), NULL,
                                                                X, N, d, eps);
            snprintf(ev + strlen(ev), sizeof ev - strlen(ev), recount_bad
                     ? "; an exact recount of a band count DIFFERS: undecided"
                     : "; every count recounted in exact rationals: equal");
            tsa_claim_add_hyp(r, "(1) I_j(eps) is kappa-observed by a first-layer student k",
                              recount_bad ? TSA_UNDECIDED : kbest >= 0 ? TSA_TRUE : TSA_FALSE,
                              ev);
            fmpq_clear(kq);
            fmpq_clear(lhs);
        }
        /* (2): 25 Q^3 d |g_1(x)|^2 <= (min_R |alpha_kj|)^2 eps^2 at every x */
        if (kbest < 0)
            tsa_claim_add_hyp(r, "(2) |g_1(x)|_inf <= min_R |alpha_kj(R)| eps / (5 Q^{3/2} "
                              "sqrt d) on D'", TSA_UNDECIDED,
                              "no observer k from (1), so alpha_kj is undefined");
        else
        {
            tsa_truth_t h2;
            fmpz_t qz;
            double bound, am = fmpq_get_d(amin[kbest]);
            fmpz_init(qz);
            fmpz_set_si(qz, Q);
            fmpz_pow_ui(qz, qz, 3);
            fmpz_mul_si(qz, qz, 25 * d);
            fmpq_mul(b2, amin[kbest], e);
            fmpq_mul(b2, b2, b2);
            fmpq_div_fmpz(b2, b2, qz); /* bound^2 */
            for (i = 0; i < Na; i++)
            {
                if (fmpq_sgn(gmax_up + i) < 0)
                {
                    nunsure++;
                    continue;
                }
                fmpq_mul(tmp, gmax_up + i, gmax_up + i);
                if (fmpq_cmp(tmp, b2) > 0)
                {
                    nviol++;
                    if (worst < 0 || fmpq_cmp(gmax_up + i, gmax_up + worst) > 0)
                        worst = i;
                }
            }
            /* a violation counted with the hull's upper end is proved only
               when the lower end also exceeds the bound */
            fmpq_mul(tmp, lo_max, lo_max);
            h2 = g1_differs ? TSA_UNDECIDED : fmpq_cmp(tmp, b2) > 0 ? TSA_FALSE
                 : (nviol > 0 || nunsure > 0) ? TSA_UNDECIDED : TSA_TRUE;
            bound = am * eps / (5.0 * pow((double) Q, 1.5) * sqrt((double) d));
            {
                snprintf(ev, sizeof ev, "exact, sample by sample over |D'| = %ld points "
                         "(compared as 25 Q^3 d g^2 <= alpha^2 eps^2): min_R |alpha_kj(R)| = "
                         "%.6g over the regions met by D' (k = %ld), bound = %.6g; max "
                         "|g_1|_inf = %.6g; %ld points above the bound (hull upper end), "
                         "max lower end %.6g; %ld points with a deeper gate exactly at 0 "
                         "(undecided), %ld first-layer ties", (long) Na, am, (long) kbest,
                         bound, gm, (long) nviol, fmpq_get_d(lo_max), (long) nunsure,
                         (long) first_ties);
                snprintf(ev + strlen(ev), sizeof ev - strlen(ev), g1_differs
                         ? "; g_1 recomputed as V_1(x)^T (f* - f) (Def. 2) DIFFERS: "
                           "undecided" : "; g_1 recomputed as V_1(x)^T (f* - f) with V_1 "
                           "of Def. 2 at every point: equal");
            }
            tsa_claim_add_hyp(r, "(2) |g_1(x)|_inf <= min_R |alpha_kj(R)| eps / (5 Q^{3/2} "
                              "sqrt d) on D'", h2, ev);
            json_object_set_new(r->data, "alpha_min", json_real(am));
            json_object_set_new(r->data, "grad_bound", json_real(bound));
            json_object_set_new(r->data, "grad_violations", json_integer(nviol));
            fmpz_clear(qz);
        }
        fmpq_clear(lo_max);
    }
    json_object_set_new(r->data, "Q", json_integer(Q));
    json_object_set_new(r->data, "Q_counted", json_integer(Qcount));
    json_object_set_new(r->data, "deep_ties", json_integer(deep_ties));
    /* conclusion: an eps-aligned first-layer student */
    {
        fmpq *a = _fmpq_vec_init(d + 1), *b = _fmpq_vec_init(d + 1);
        slong found = -1;
        double bestd = INFINITY, s1, db;
        for (u = 0; u <= d; u++)
            _tsa_ss_q_set_d(b + u, t.W[0][j * (d + 1) + u]);
        for (k = 0; k < n1; k++)
        {
            tsa_truth_t al;
            for (u = 0; u <= d; u++)
                _tsa_ss_q_set_d(a + u, s.W[0][k * (d + 1) + u]);
            al = tsa_ss_eps_aligned(&s1, &db, a, b, d, e, prec);
            if (al == TSA_TRUE && found < 0)
                found = k;
            if (isfinite(s1) && isfinite(db) && fmax(s1, db) < bestd)
                bestd = fmax(s1, db);
        }
        if (found >= 0)
            snprintf(ev, sizeof ev, "exact: first-layer student %ld is eps-aligned with "
                     "teacher %ld (min over k of max(sin, |db|) = %.4g)", (long) found,
                     (long) j, bestd);
        else
            snprintf(ev, sizeof ev, "exact: no first-layer student is eps-aligned with "
                     "teacher %ld (min over k of max(sin, |db|) = %.4g)", (long) j, bestd);
        tsa_claim_set_concl(r, "some first-layer student k' is eps-aligned with teacher j",
                            found >= 0 ? TSA_TRUE : TSA_FALSE, ev);
        json_object_set_new(r->data, "best_align_dist", json_real(bestd));
        _fmpq_vec_clear(a, d + 1);
        _fmpq_vec_clear(b, d + 1);
    }
    if (tsa_claim_verdict(r) == TSA_VERDICT_COUNTEREXAMPLE)
    {
        /* the witness for `tsalign check --recheck` (recheck_ss.c) */
        tsa_ss_wnet_t wt, ws;
        tsa_ss_wpar_t wp = {eps, eps0, kappa, tau, cc, sconst, leak_d, delta, j, kbest, Q, 0,
                            json_object_get(params, "Q") != NULL ? "claim" : "counted"};
        tsa_ss_wnet_set(&wt, t.H, t.size, t.W, t.V);
        tsa_ss_wnet_set(&ws, s.H, s.size, s.W, s.V);
        r->witness = tsa_ss_witness_deep("ss_thm5", &wt, &ws, X, N, &wp, r->data);
    }
    if (trained)
    {
        json_object_set_new(r->data, "train_steps", json_integer((json_int_t) steps));
        json_object_set_new(r->data, "eval_loss", json_real(eval_loss));
    }
    for (k = 0; k < n1; k++)
        fmpq_clear(amin[k]);
    free(amin);
    free(alpha_set);
    _fmpq_vec_clear(gmax_up, Na);
    _fmpq_vec_clear(x, d);
    qnet_clear(&qt);
    qnet_clear(&qs);
    fmpq_clear(leak);
    fmpq_clear(e);
    fmpq_clear(b2);
    fmpq_clear(g);
    fmpq_clear(gup);
    fmpq_clear(glo);
    fmpq_clear(tmp);
    free(X);
    free(Xa);
    dnet_free(&t);
    dnet_free(&s);
    return TSA_SUCCESS;
}
