/* recheck_ss.c -- witnesses of the SS Theorem 3-5 counterexamples, and
 * `tsalign check --recheck` for them (docs/claims.md "--recheck").
 *
 * ss_thm3 (Thm 3 / Thm 4) and ss_thm5: the witness holds both networks,
 *   the data and every scalar as hex floats (exactly the doubles the
 *   checker used), the teacher node j and its observer k.  The recheck
 *   decides every hypothesis and the conclusion again from these numbers
 *   alone, by code of its own: a forward pass, a backward pass and the
 *   V_1(x) products of SS Def. 2 in exact rationals, band counts as
 *   (w . xt)^2 <= eps^2 |wt|^2 in Q, sin^2 of an angle in Q and the
 *   regular-bias gap and every bound with a root (5 K^{3/2} sqrt d, the
 *   sample size) in Arb at the requested precision.  Q of Thm 5 is
 *   recounted from the sign patterns over D when the checker counted it.
 * ss_cor1: recheck_ss_cor1.c. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <flint/fmpq_mat.h>
#include "tsa_io.h"
#include "lm_impl.h"
#include "ss_impl.h"
#include "recheck_ss.h"
#include "recheck_ss_impl.h"

#define MAXH TSA_SS_W_MAXH
#define W_MAX_NODES TSA_SS_W_MAX_NODES
#define W_MAX_POINTS (1L << 20)
#define W_MAX_WORK TSA_SS_W_MAX_WORK

/* ---- vectors of rationals ---- */

void
_tsa_ss_qv_set(fmpq *a, const fmpq *b, slong n)
{
    slong i;
    for (i = 0; i < n; i++)
        fmpq_set(a + i, b + i);
}

/* ---- writing ------------------------------------------------------------ */

static json_t *
hexd(double x)
{
    char b[64];
    snprintf(b, sizeof b, "%a", x);
    return json_string(b);
}

/* rows x cols doubles as rows of hex floats (the LM witnesses' writer) */
static json_t *
hex_rows(const double *A, slong rows, slong cols)
{
    return _tsa_lm_hex_mat(A, (size_t) rows, (size_t) cols);
}

static json_t *
wnet_json(const tsa_ss_wnet_t *n)
{
    json_t *o = json_object(), *L = json_array();
    slong l;
    for (l = 0; l < n->H; l++)
        json_array_append_new(L, hex_rows(n->W[l], n->size[l + 1], n->size[l] + 1));
    json_object_set_new(o, "layers", L);
    json_object_set_new(o, "V", hex_rows(n->V, n->size[n->H], n->size[n->H + 1]));
    return o;
}

void
tsa_ss_wnet_set(tsa_ss_wnet_t *n, slong H, const slong *size, double *const *W,
                const double *V)
{
    slong l;
    memset(n, 0, sizeof *n);
    n->H = H;
    for (l = 0; l < H + 2 && l < MAXH + 2; l++)
        n->size[l] = size[l];
    for (l = 0; l < H && l < MAXH; l++)
        n->W[l] = W[l];
    n->V = V;
}

json_t *
tsa_ss_witness_deep(const char *checker, const tsa_ss_wnet_t *t, const tsa_ss_wnet_t *s,
                    const double *X, slong N, const tsa_ss_wpar_t *p, const json_t *data)
{
    static const char *const keys[] = {"best_align_dist", "grad_max_exact", "grad_max",
                                       "grad_max_upper", "grad_bound", "alpha_min", NULL};
    const char *const sk[] = {"eps", "eps0", "kappa", "tau", "c", "sample_const", "leak",
                              "delta"};
    const double sv[] = {p->eps, p->eps0, p->kappa, p->tau, p->c, p->sconst, p->leak,
                         p->delta};
    json_t *w, *dec;
    size_t i;
    if (t->H < 1 || t->H > MAXH || s->H < 1 || s->H > MAXH)
        return NULL;
    w = json_object();
    dec = json_object();
    json_object_set_new(w, "checker", json_string(checker));
    json_object_set_new(w, "form", json_string("exact-network"));
    json_object_set_new(w, "relation", json_string("every hypothesis holds, yet no "
                        "first-layer student is eps-aligned with teacher node j"));
    json_object_set_new(w, "teacher", wnet_json(t));
    json_object_set_new(w, "student", wnet_json(s));
    json_object_set_new(w, "data", hex_rows(X, N, t->size[0]));
    for (i = 0; i < sizeof sv / sizeof sv[0]; i++)
    {
        json_object_set_new(w, sk[i], hexd(sv[i]));
        json_object_set_new(dec, sk[i], json_real(sv[i]));
    }
    json_object_set_new(w, "aug", json_string(p->aware ? "aware" : "agnostic"));
    json_object_set_new(w, "teacher_index", json_integer(p->j));
    json_object_set_new(w, "observer", json_integer(p->k));
    json_object_set_new(w, "base", json_integer(p->base));
    json_object_set_new(w, "base_source", json_string(p->base_src));
    for (i = 0; keys[i] != NULL; i++)
        if (json_object_get(data, keys[i]) != NULL)
            json_object_set(dec, keys[i], json_object_get(data, keys[i]));
    json_object_set_new(w, "decimal", dec);
    return w;
}

/* ---- reading ------------------------------------------------------------ */

static void
q_of_d(fmpq_t q, double x)
{
    arf_t f;
    arf_init(f);
    arf_set_d(f, x);
    arf_get_fmpq(q, f);
    arf_clear(f);
}

static int
rd_hex(double *x, const json_t *v, const char *what)
{
    if (!json_is_string(v))
        return TSA_ERROR(TSA_EFORMAT, "%s: missing or not a string", what);
    return tsa_io_parse_double_exact(x, json_string_value(v), what);
}

static int
rd_scalar(double *x, const json_t *w, const char *key, double lo, double hi, int lo_open)
{
    char what[64];
    snprintf(what, sizeof what, "witness.%s", key);
    if (rd_hex(x, json_object_get(w, key), what) != TSA_SUCCESS)
        return TSA_EFORMAT;
    if (!(*x <= hi && (lo_open ? *x > lo : *x >= lo)))
        return TSA_ERROR(TSA_EFORMAT, "%s: out of range (%g %s x <= %g)", what, lo,
                         lo_open ? "<" : "<=", hi);
    return TSA_SUCCESS;
}

int
_tsa_ss_rd_int(slong *x, const json_t *w, const char *key, slong lo, slong hi)
{
    const json_t *v = json_object_get(w, key);
    if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
        return TSA_ERROR(TSA_EFORMAT, "witness.%s: an integer in %ld .. %ld", key,
                         (long) lo, (long) hi);
    *x = (slong) json_integer_value(v);
    return TSA_SUCCESS;
}

/* rows x cols hex floats (cols < 0: take it from the first row) into q */
static int
rd_rows(fmpq **q, double **dx, slong *rows, slong *cols, const json_t *a, slong maxrows,
        const char *what)
{
    slong i, k;
    char f[160];
    double x;
    if (!json_is_array(a) || json_array_size(a) == 0 || (slong) json_array_size(a) > maxrows)
        return TSA_ERROR(TSA_EFORMAT, "%s: need 1 to %ld rows", what, (long) maxrows);
    if (*cols < 0)
        *cols = json_is_array(json_array_get(a, 0))
                    ? (slong) json_array_size(json_array_get(a, 0)) : 0;
    if (*cols < 1 || *cols > W_MAX_NODES + 1)
        return TSA_ERROR(TSA_EFORMAT, "%s[0]: need 1 to %d entries", what, W_MAX_NODES + 1);
    *rows = (slong) json_array_size(a);
    *q = _fmpq_vec_init(*rows * *cols);
    if (dx != NULL)
        *dx = malloc(sizeof(double) * (size_t) (*rows * *cols));
    for (i = 0; i < *rows; i++)
    {
        const json_t *r = json_array_get(a, (size_t) i);
        if (!json_is_array(r) || (slong) json_array_size(r) != *cols)
        {
            _fmpq_vec_clear(*q, *rows * *cols);
            *q = NULL;
            if (dx != NULL)
                free(*dx), *dx = NULL;
            return TSA_ERROR(TSA_EFORMAT, "%s[%ld]: need %ld entries", what, (long) i,
                             (long) *cols);
        }
        for (k = 0; k < *cols; k++)
        {
            snprintf(f, sizeof f, "%s[%ld][%ld]", what, (long) i, (long) k);
            if (rd_hex(&x, json_array_get(r, (size_t) k), f) != TSA_SUCCESS)
            {
                _fmpq_vec_clear(*q, *rows * *cols);
                *q = NULL;
                if (dx != NULL)
                    free(*dx), *dx = NULL;
                return TSA_EFORMAT;
            }
            q_of_d(*q + i * *cols + k, x);
            if (dx != NULL)
                (*dx)[i * *cols + k] = x;
        }
    }
    return TSA_SUCCESS;
}

/* ---- a network in exact rationals --------------------------------------- */

typedef struct
{
    slong H, size[MAXH + 2], wmax;
    fmpq *W[MAXH], *V;
    fmpq *z[MAXH], *h[MAXH], *f; /* forward state at one point */
    fmpq *M, *M2;                /* C x wmax: V_l(x) */
} qn_t;

static void
qn_clear(qn_t *n)
{
    slong l, C = n->size[n->H + 1];
    for (l = 0; l < n->H; l++)
    {
        if (n->W[l] != NULL)
            _fmpq_vec_clear(n->W[l], n->size[l + 1] * (n->size[l] + 1));
        if (n->z[l] != NULL)
        {
            _fmpq_vec_clear(n->z[l], n->size[l + 1]);
            _fmpq_vec_clear(n->h[l], n->size[l + 1]);
        }
    }
    if (n->V != NULL)
        _fmpq_vec_clear(n->V, n->size[n->H] * C);
    if (n->f != NULL)
    {
        _fmpq_vec_clear(n->f, C);
        _fmpq_vec_clear(n->M, C * n->wmax);
        _fmpq_vec_clear(n->M2, C * n->wmax);
    }
    memset(n, 0, sizeof *n);
}

/* {"layers": [...], "V": [...]} of hex floats; d < 0: from the first row */
static int
qn_read(qn_t *n, const json_t *j, slong d, slong maxH, const char *what)
{
    const json_t *L = json_object_get(j, "layers");
    char f[96];
    slong l, rows = 0, cols, C = -1;
    int st;
    memset(n, 0, sizeof *n);
    if (!json_is_array(L) || json_array_size(L) < 1 || (slong) json_array_size(L) > maxH)
        return TSA_ERROR(TSA_EFORMAT, "%s.layers: need 1 to %ld hidden layers", what,
                         (long) maxH);
    n->H = (slong) json_array_size(L);
    n->wmax = 1;
    for (l = 0; l < n->H; l++)
    {
        snprintf(f, sizeof f, "%s.layers[%ld]", what, (long) l);
        cols = l == 0 ? (d < 0 ? -1 : d + 1) : n->size[l] + 1;
        st = rd_rows(&n->W[l], NULL, &rows, &cols, json_array_get(L, (size_t) l),
                     W_MAX_NODES, f);
        if (st != TSA_SUCCESS || cols < 2)
        {
            if (st == TSA_SUCCESS)
                _fmpq_vec_clear(n->W[l], rows * cols);
            n->W[l] = NULL;
            n->H = l;
            qn_clear(n);
            return st != TSA_SUCCESS ? st : TSA_ERROR(TSA_EFORMAT, "%s[0]: need d + 1 >= 2 "
                                                      "entries", f);
        }
        if (l == 0)
            n->size[0] = cols - 1;
        n->size[l + 1] = rows;
        n->z[l] = _fmpq_vec_init(rows);
        n->h[l] = _fmpq_vec_init(rows);
        if (rows > n->wmax)
            n->wmax = rows;
    }
    snprintf(f, sizeof f, "%s.V", what);
    st = rd_rows(&n->V, NULL, &rows, &C, json_object_get(j, "V"), W_MAX_NODES, f);
    if (st != TSA_SUCCESS || rows != n->size[n->H])
    {
        if (st == TSA_SUCCESS)
            _fmpq_vec_clear(n->V, rows * C);
        n->V = NULL;
        qn_clear(n);
        return st != TSA_SUCCESS ? st : TSA_ERROR(TSA_EFORMAT, "%s: one row per node of "
                                                  "the last hidden layer", f);
    }
    n->size[n->H + 1] = C;
    n->f = _fmpq_vec_init(C);
    n->M = _fmpq_vec_init(C * n->wmax);
    n->M2 = _fmpq_vec_init(C * n->wmax);
    return TSA_SUCCESS;
}

static slong
qn_weights(const qn_t *n)
{
    slong l, s = n->size[n->H] * n->size[n->H + 1];
    for (l = 0; l < n->H; l++)
        s += n->size[l + 1] * (n->size[l] + 1);
    return s;
}

/* sigma(z) = max(z, leak z) layer by layer, f = V^T h_H */
static void
qn_forward(qn_t *n, const fmpq *x, const fmpq_t leak)
{
    slong l, k, i, C = n->size[n->H + 1];
    for (l = 0; l < n->H; l++)
    {
        const fmpq *in = l == 0 ? x : n->h[l - 1];
        slong cols = n->size[l] + 1;
        for (k = 0; k < n->size[l + 1]; k++)
        {
            const fmpq *row = n->W[l] + k * cols;
            fmpq_set(n->z[l] + k, row + cols - 1);
            for (i = 0; i + 1 < cols; i++)
                fmpq_addmul(n->z[l] + k, row + i, in + i);
            if (fmpq_sgn(n->z[l] + k) < 0)
                fmpq_mul(n->h[l] + k, n->z[l] + k, leak);
            else
                fmpq_set(n->h[l] + k, n->z[l] + k);
        }
    }
    for (i = 0; i < C; i++)
    {
        fmpq_zero(n->f + i);
        for (k = 0; k < n->size[n->H]; k++)
            fmpq_addmul(n->f + i, n->V + k * C + i, n->h[n->H - 1] + k);
    }
}

/* d sigma at z (z != 0) */
static const fmpq *
slope(const fmpq *z, const fmpq_t leak, const fmpq_t one)
{
    return fmpq_sgn(z) > 0 ? one : leak;
}

/* |g_1(x)|_inf of student s after both forward passes, the residual
 * f*(x) - f(x) sent back through s: glo..gup (a first-layer node at 0
 * gets both slopes).  Returns 1 when a gate of a layer >= 2 is at 0. */
static int
qn_grad1(fmpq_t glo, fmpq_t gup, const qn_t *s, const qn_t *t, const fmpq_t leak)
{
    slong C = s->size[s->H + 1], L, k, i, c;
    fmpq *del = _fmpq_vec_init(s->wmax), *nx = _fmpq_vec_init(s->wmax);
    fmpq_t r, one, a;
    int tie = 0;
    fmpq_init(r);
    fmpq_init(one);
    fmpq_init(a);
    fmpq_one(one);
    for (c = 0; c < C; c++)
    {
        fmpq_sub(r, t->f + c, s->f + c);
        for (k = 0; k < s->size[s->H]; k++)
            fmpq_addmul(del + k, s->V + k * C + c, r);
    }
    for (L = s->H - 1; L >= 1; L--)
    {
        slong cols = s->size[L] + 1;
        for (k = 0; k < s->size[L + 1]; k++)
        {
            tie |= fmpq_is_zero(s->z[L] + k);
            fmpq_mul(del + k, del + k, slope(s->z[L] + k, leak, one));
        }
        for (i = 0; i < s->size[L]; i++)
        {
            fmpq_zero(nx + i);
            for (k = 0; k < s->size[L + 1]; k++)
                fmpq_addmul(nx + i, s->W[L] + k * cols + i, del + k);
        }
        for (i = 0; i < s->size[L]; i++)
            fmpq_swap(del + i, nx + i);
    }
    fmpq_zero(glo);
    fmpq_zero(gup);
    for (k = 0; k < s->size[1]; k++)
    {
        fmpq_abs(a, del + k);
        if (fmpq_sgn(s->z[0] + k) <= 0)
        {
            fmpq_mul(r, a, leak);  /* slope leak (< 0) or the low end of the hull */
            if (fmpq_cmp(r, glo) > 0)
                fmpq_set(glo, r);
            if (fmpq_sgn(s->z[0] + k) < 0)
                fmpq_set(a, r);
        }
        else if (fmpq_cmp(a, glo) > 0)
            fmpq_set(glo, a);
        if (fmpq_cmp(a, gup) > 0)
            fmpq_set(gup, a);
    }
    _fmpq_vec_clear(del, s->wmax);
    _fmpq_vec_clear(nx, s->wmax);
    fmpq_clear(r);
    fmpq_clear(one);
    fmpq_clear(a);
    return tie;
}

/* n->M := V_1(x) (C x size[1], stride wmax) of SS Def. 2 after a forward
 * pass: V_H = V^T, V_{l-1} = V_l D_l W_l.  Returns 1 on a gate at 0 in a
 * layer >= 2. */
static int
qn_V1(qn_t *n, const fmpq_t leak)
{
    slong C = n->size[n->H + 1], w = n->wmax, L, c, k, i;
    fmpq_t one, t;
    int tie = 0;
    fmpq_init(one);
    fmpq_init(t);
    fmpq_one(one);
    for (c = 0; c < C; c++)
        for (k = 0; k < n->size[n->H]; k++)
            fmpq_set(n->M + c * w + k, n->V + k * C + c);
    for (L = n->H - 1; L >= 1; L--)
    {
        slong cols = n->size[L] + 1;
        for (k = 0; k < n->size[L + 1]; k++)
            tie |= fmpq_is_zero(n->z[L] + k);
        for (c = 0; c < C; c++)
            for (i = 0; i < n->size[L]; i++)
            {
                fmpq_zero(n->M2 + c * w + i);
                for (k = 0; k < n->size[L + 1]; k++)
                {
                    fmpq_mul(t, n->M + c * w + k, slope(n->z[L] + k, leak, one));
                    fmpq_addmul(n->M2 + c * w + i, t, n->W[L] + k * cols + i);
                }
            }
        {
            fmpq *sw = n->M;
            n->M = n->M2;
            n->M2 = sw;
        }
    }
    fmpq_clear(one);
    fmpq_clear(t);
    return tie;
}

/* ---- first-layer geometry ------------------------------------------------ */

/* s = w . xt, n2 = |wt|^2 */
static void
affine_q(fmpq_t s, fmpq_t n2, const fmpq *w, const fmpq *x, slong d)
{
    slong i;
    fmpq_set(s, w + d);
    fmpq_zero(n2);
    for (i = 0; i < d; i++)
    {
        fmpq_addmul(s, w + i, x + i);
        fmpq_addmul(n2, w + i, w + i);
    }
}

/* #{x in D : (w . xt)^2 <= eps^2 |wt|^2 and (a == NULL or a . xt > 0)} */
static slong
band_count(const fmpq *w, const fmpq *a, const fmpq *X, slong N, slong d, const fmpq_t e2)
{
    fmpq_t s, n2;
    slong i, cnt = 0;
    fmpq_init(s);
    fmpq_init(n2);
    for (i = 0; i < N; i++)
    {
        affine_q(s, n2, w, X + i * d, d);
        fmpq_mul(s, s, s);
        fmpq_mul(n2, n2, e2);
        if (fmpq_cmp(s, n2) > 0)
            continue;
        if (a != NULL)
        {
            affine_q(s, n2, a, X + i * d, d);
            if (fmpq_sgn(s) <= 0)
                continue;
        }
        cnt++;
    }
    fmpq_clear(s);
    fmpq_clear(n2);
    return cnt;
}

/* SS Def. 3 at eps: wt . ut > 0, sin^2 angle <= eps^2 (exact, in Q) and
 * |b/|wt| - bu/|ut|| <= eps (Arb at prec).  *dist: max(sin, gap), a
 * midpoint for humans (1 when the weights are not in one half-space). */
static tsa_truth_t
aligned(double *dist, const fmpq *w, const fmpq *u, slong d, const fmpq_t e2,
        const arb_t eps, slong prec)
{
    fmpq_t ww, uu, wu, l, r;
    arb_t a, b, g;
    slong i;
    tsa_truth_t out;
    int sin_ok;
    fmpq_init(ww), fmpq_init(uu), fmpq_init(wu), fmpq_init(l), fmpq_init(r);
    for (i = 0; i < d; i++)
    {
        fmpq_addmul(ww, w + i, w + i);
        fmpq_addmul(uu, u + i, u + i);
        fmpq_addmul(wu, w + i, u + i);
    }
    *dist = 1.0;
    if (fmpq_is_zero(ww) || fmpq_is_zero(uu) || fmpq_sgn(wu) <= 0)
    {
        fmpq_clear(ww), fmpq_clear(uu), fmpq_clear(wu), fmpq_clear(l), fmpq_clear(r);
        return TSA_FALSE;
    }
    fmpq_mul(r, ww, uu);
    fmpq_mul(l, wu, wu);
    fmpq_sub(l, r, l);                 /* |w|^2 |u|^2 sin^2 */
    fmpq_mul(r, r, e2);
    sin_ok = fmpq_cmp(l, r) <= 0;
    arb_init(a), arb_init(b), arb_init(g);
    arb_set_fmpq(a, ww, prec);
    arb_sqrt(a, a, prec);
    arb_set_fmpq(g, w + d, prec);
    arb_div(g, g, a, prec);
    arb_set_fmpq(b, uu, prec);
    arb_sqrt(b, b, prec);
    arb_set_fmpq(a, u + d, prec);
    arb_div(a, a, b, prec);
    arb_sub(g, g, a, prec);
    arb_abs(g, g);                     /* the bias gap */
    out = !sin_ok || arb_gt(g, eps) ? TSA_FALSE : arb_le(g, eps) ? TSA_TRUE : TSA_UNDECIDED;
    fmpq_mul(r, ww, uu);
    fmpq_div(l, l, r);
    arb_set_fmpq(a, l, prec);
    arb_sqrt(a, a, prec);
    arb_max(a, a, g, prec);
    *dist = arf_get_d(arb_midref(a), ARF_RND_NEAR);
    arb_clear(a), arb_clear(b), arb_clear(g);
    fmpq_clear(ww), fmpq_clear(uu), fmpq_clear(wu), fmpq_clear(l), fmpq_clear(r);
    return out;
}

/* Sign patterns of the hidden layers over D (N x nodes chars) and the
 * data-visible count of pieces at layers >= 2 (Thm 5's Q without K_1):
 * every node of a layer L >= 2 whose sign varies over D adds the number
 * of distinct patterns of the layers below L. */
static int
str_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *) a, *(const char *const *) b);
}

static slong
count_pieces(qn_t *n, const fmpq *X, slong N, const fmpq_t leak)
{
    slong nodes = 0, l, k, i, o, off, total = 0;
    char *P, *B, **rows;
    for (l = 1; l <= n->H; l++)
        nodes += n->size[l];
    P = malloc((size_t) (N * nodes));
    B = malloc((size_t) (N * (nodes + 1)));
    rows = malloc(sizeof(char *) * (size_t) N);
    for (i = 0; i < N; i++)
    {
        qn_forward(n, X + i * n->size[0], leak);
        for (l = 0, o = 0; l < n->H; l++)
            for (k = 0; k < n->size[l + 1]; k++)
                P[i * nodes + o++] = (char) ('1' + fmpq_sgn(n->z[l] + k));
    }
    for (l = 1, off = n->size[1]; l < n->H; off += n->size[l + 1], l++)
    {
        slong varying = 0, distinct = 1;
        for (k = 0; k < n->size[l + 1]; k++)
            for (i = 1; i < N; i++)
                if (P[i * nodes + off + k] != P[off + k])
                {
                    varying++;
                    break;
                }
        if (varying == 0)
            continue;
        /* the prefixes as strings, sorted: distinct neighbours */
        for (i = 0; i < N; i++)
        {
            rows[i] = B + i * (off + 1);
            memcpy(rows[i], P + i * nodes, (size_t) off);
            rows[i][off] = '\0';
        }
        qsort(rows, (size_t) N, sizeof(char *), str_cmp);
        for (i = 1; i < N; i++)
            distinct += strcmp(rows[i], rows[i - 1]) != 0;
        total += varying * distinct;
    }
    free(rows);
    free(B);
    free(P);
    return total;
}

/* ---- Thm 3-5: the instance and its recheck -------------------------------- */

typedef struct
{
    double eps, eps0, kappa, tau, c, sconst, leak, delta;
    slong j, k, base, N, d;
    int aware, thm5;
    const char *base_src;
    qn_t t, s;
    double *Xd;        /* D, N x d doubles */
    fmpq *X;           /* D exactly */
} inst_t;

static void
inst_clear(inst_t *I)
{
    qn_clear(&I->t);
    qn_clear(&I->s);
    free(I->Xd);
    if (I->X != NULL)
        _fmpq_vec_clear(I->X, I->N * I->d);
}

static int
inst_scalars(inst_t *I, const json_t *w)
{
    const char *aug = json_string_value(json_object_get(w, "aug"));
    if (rd_scalar(&I->eps, w, "eps", 0.0, 1e300, 1)
        || rd_scalar(&I->eps0, w, "eps0", 0.0, 1e300, 1)
        || rd_scalar(&I->kappa, w, "kappa", 0.0, 1.0, 1)
        || rd_scalar(&I->tau, w, "tau", 0.0, 1e300, 0)
        || rd_scalar(&I->c, w, "c", 0.0, 1e300, 1)
        || rd_scalar(&I->sconst, w, "sample_const", 0.0, 1e300, 0)
        || rd_scalar(&I->leak, w, "leak", 0.0, 0.999999, 0)
        || rd_scalar(&I->delta, w, "delta", 0.0, 1e300, 1))
        return TSA_EFORMAT;
    if (aug == NULL || (strcmp(aug, "agnostic") != 0 && (I->thm5 || strcmp(aug, "aware") != 0)))
        return TSA_ERROR(TSA_EFORMAT, "witness.aug: \"agnostic\"%s", I->thm5 ? ""
                         : " or \"aware\"");
    I->aware = strcmp(aug, "aware") == 0;
    I->base_src = json_string_value(json_object_get(w, "base_source"));
    if (I->base_src == NULL || (I->thm5 ? strcmp(I->base_src, "counted") != 0
                                           && strcmp(I->base_src, "claim") != 0
                                         : strcmp(I->base_src, "m+n") != 0))
        return TSA_ERROR(TSA_EFORMAT, "witness.base_source: %s", I->thm5
                         ? "\"counted\" or \"claim\"" : "\"m+n\"");
    return _tsa_ss_rd_int(&I->base, w, "base", 1, 1000000);
}

static int
inst_read(inst_t *I, const json_t *w, int thm5)
{
    slong maxH = thm5 ? MAXH : 1, cols;
    memset(I, 0, sizeof *I);
    I->thm5 = thm5;
    if (inst_scalars(I, w) != TSA_SUCCESS
        || qn_read(&I->t, json_object_get(w, "teacher"), -1, maxH, "witness.teacher"))
        return TSA_EFORMAT;
    I->d = I->t.size[0];
    if (qn_read(&I->s, json_object_get(w, "student"), I->d, maxH, "witness.student"))
    {
        qn_clear(&I->t);
        return TSA_EFORMAT;
    }
    cols = I->d;
    if (I->s.size[I->s.H + 1] != I->t.size[I->t.H + 1])
    {
        inst_clear(I);
        return TSA_ERROR(TSA_EFORMAT, "witness.student.V: as many outputs as the teacher");
    }
    if (rd_rows(&I->X, &I->Xd, &I->N, &cols, json_object_get(w, "data"),
                W_MAX_POINTS / I->d, "witness.data") != TSA_SUCCESS)
    {
        I->X = NULL;
        I->Xd = NULL;
        inst_clear(I);
        return TSA_EFORMAT;
    }
    if (_tsa_ss_rd_int(&I->j, w, "teacher_index", 0, I->t.size[1] - 1)
        || _tsa_ss_rd_int(&I->k, w, "observer", 0, I->s.size[1] - 1))
    {
        inst_clear(I);
        return TSA_EFORMAT;
    }
    return TSA_SUCCESS;
}

/* y = y op v for a double v (exactly converted) */
static void
arb_op_d(arb_t y, int op, double v, slong prec)
{
    arb_t t;
    arb_init(t);
    arb_set_d(t, v);
    if (op == '*')
        arb_mul(y, y, t, prec);
    else if (op == '/')
        arb_div(y, y, t, prec);
    else if (op == '+')
        arb_add(y, y, t, prec);
    else
        arb_sub(y, y, t, prec);
    arb_clear(t);
}

/* D' = aug(D) of Def. 7 as exact points: x +- delta e_u (teacher-
 * agnostic) or x +- delta wt/|wt| for every teacher node whose eps-band
 * holds x (teacher-aware), each coordinate the double nearest to the
 * exact value (the checker trains and evaluates on doubles). */
static fmpq *
aug_points(slong *Na, slong *cap_out, const inst_t *I, const fmpq_t e2, slong prec)
{
    slong d = I->d, N = I->N, m = I->t.size[1], cap, i, u, jj, sg, cnt = N;
    fmpq *P;
    arb_t a, nw;
    arf_t r;
    cap = N * (1 + 2 * (I->aware ? m : d));
    P = _fmpq_vec_init(cap * d);
    _tsa_ss_qv_set(P, I->X, N * d);
    arb_init(a), arb_init(nw), arf_init(r);
    for (i = 0; i < N; i++)
    {
        const fmpq *x = I->X + i * d;
        if (!I->aware)
            for (u = 0; u < d; u++)
                for (sg = -1; sg <= 1; sg += 2, cnt++)
                {
                    _tsa_ss_qv_set(P + cnt * d, x, d);
                    arf_set_d(r, sg * I->delta);
                    arf_set_d(arb_midref(a), I->Xd[i * d + u]);
                    arf_add(r, r, arb_midref(a), 53, ARF_RND_NEAR);
                    arf_get_fmpq(P + cnt * d + u, r);
                }
        else
            for (jj = 0; jj < m; jj++)
            {
                const fmpq *w = I->t.W[0] + jj * (d + 1);
                if (band_count(w, NULL, x, 1, d, e2) == 0)
                    continue;
                arb_zero(nw);
                for (u = 0; u < d; u++)
                {
                    arb_set_fmpq(a, w + u, prec);
                    arb_addmul(nw, a, a, prec);
                }
                arb_sqrt(nw, nw, prec);
                for (sg = -1; sg <= 1; sg += 2, cnt++)
                    for (u = 0; u < d; u++)
                    {
                        arb_set_fmpq(a, w + u, prec);
                        arb_div(a, a, nw, prec);
                        arb_op_d(a, '*', sg * I->delta, prec);
                        arb_op_d(a, '+', I->Xd[i * d + u], prec);
                        arf_set_round(r, arb_midref(a), 53, ARF_RND_NEAR);
                        arf_get_fmpq(P + cnt * d + u, r);
                    }
            }
    }
    arb_clear(a), arb_clear(nw), arf_clear(r);
    *Na = cnt;
    *cap_out = cap;                    /* the vector's length / d, for the clear */
    return P;
}

void
_tsa_ss_say(tsa_ss_rres_t *R, tsa_truth_t t, int hyp, const char *fmt, ...)
{
    va_list ap;
    if (hyp)
        R->h[R->nh++] = t;
    else
        R->concl = t;
    if (R->o < sizeof R->buf)
    {
        va_start(ap, fmt);
        R->o += (size_t) vsnprintf(R->buf + R->o, sizeof R->buf - R->o, fmt, ap);
        va_end(ap);
    }
    if (R->o < sizeof R->buf)
        R->o += (size_t) snprintf(R->buf + R->o, sizeof R->buf - R->o, ": %s; ",
                                  tsa_truth_name(t));
}

static tsa_truth_t
arb_truth_le(const arb_t a, const arb_t b)
{
    return arb_le(a, b) ? TSA_TRUE : arb_gt(a, b) ? TSA_FALSE : TSA_UNDECIDED;
}

/* eps <= eps0, Assumption 3 (a) and (b), the sample size, delta */
static void
deep_setup(tsa_ss_rres_t *R, const inst_t *I, const fmpq_t e2, slong prec)
{
    slong d = I->d, m = I->t.size[1], a, b, cnt, wcnt = 0;
    arb_t x, y, e0;
    fmpq_t e02, q;
    tsa_truth_t t = TSA_TRUE, u;
    double dist;
    arb_init(x), arb_init(y), arb_init(e0), fmpq_init(e02), fmpq_init(q);
    _tsa_ss_say(R, I->eps <= I->eps0 ? TSA_TRUE : TSA_FALSE, 1, "eps <= eps0 (exact doubles)");
    /* (a) teacher nodes pairwise not eps0-aligned */
    q_of_d(e02, I->eps0);
    arb_set_d(e0, I->eps0);
    fmpq_mul(e02, e02, e02);
    for (a = 0; a < m; a++)
        for (b = 0; b < m; b++)
            if (a != b)
            {
                u = aligned(&dist, I->t.W[0] + a * (d + 1), I->t.W[0] + b * (d + 1), d, e02,
                            e0, prec);
                t = u == TSA_TRUE ? TSA_FALSE : u == TSA_UNDECIDED && t == TSA_TRUE
                    ? TSA_UNDECIDED : t;
            }
    _tsa_ss_say(R, t, 1, "A3(a) no two of the %ld teacher nodes eps0-aligned", (long) m);
    /* (b) N_D[I_j'(eps)] > tau eps N for every teacher node j' */
    q_of_d(q, I->tau);
    q_of_d(e02, I->eps);
    fmpq_mul(q, q, e02);
    fmpq_mul_si(q, q, I->N);
    for (a = 0; a < m; a++)
    {
        cnt = band_count(I->t.W[0] + a * (d + 1), NULL, I->X, I->N, d, e2);
        if (a == 0 || cnt < wcnt)
            wcnt = cnt;
    }
    fmpq_set_si(e02, wcnt, 1);
    _tsa_ss_say(R, fmpq_cmp(e02, q) > 0 ? TSA_TRUE : TSA_FALSE, 1, "A3(b) N_D[I_j(eps)] > tau eps "
        "N = %.6g for every teacher node (smallest count %ld)", fmpq_get_d(q), (long) wcnt);
    /* N >= sample_const base^{5/2} d^p / (eps kappa), in Arb */
    arb_set_si(x, I->base);
    arb_sqrt(y, x, prec);
    arb_mul(y, y, x, prec);
    arb_mul(y, y, x, prec);            /* base^{5/2} */
    arb_set_si(x, d);
    if (!I->aware)
        arb_mul(x, x, x, prec);
    arb_mul(y, y, x, prec);
    arb_op_d(y, '*', I->sconst, prec);
    arb_op_d(y, '/', I->eps, prec);
    arb_op_d(y, '/', I->kappa, prec);
    arb_set_si(x, I->N);
    _tsa_ss_say(R, arb_truth_le(y, x), 1, "sample size N = %ld >= sample_const %s^{5/2} d^%d / "
        "(eps kappa) = %.6g (Arb)", (long) I->N, I->thm5 ? "Q" : "K", I->aware ? 1 : 2,
        arf_get_d(arb_midref(y), ARF_RND_NEAR));
    /* delta = 2 eps / (c base^{3/2}), the witness's double within 2^-48 */
    arb_set_si(x, I->base);
    arb_sqrt(y, x, prec);
    arb_mul(y, y, x, prec);
    arb_op_d(y, '*', I->c, prec);
    arb_set_d(x, 2.0 * I->eps);
    arb_div(y, x, y, prec);
    arb_set(x, y);
    arb_op_d(x, '-', I->delta, prec);
    arb_abs(x, x);
    arb_set_d(e0, ldexp(I->delta, -48));
    _tsa_ss_say(R, arb_truth_le(x, e0), 1, "D' shift delta = %a is 2 eps / (c %s^{3/2}) = %.17g to "
        "2^-48 relative", I->delta, I->thm5 ? "Q" : "K", arf_get_d(arb_midref(y), ARF_RND_NEAR));
    arb_clear(x), arb_clear(y), arb_clear(e0), fmpq_clear(e02), fmpq_clear(q);
}

/* (1) kappa-observation by the witness's k, (2) the gradient bound on D'
 * with alpha = min over the points of D' of |v_k(x) . v*_j(x)| (V_1 of
 * Def. 2; constant for two layers), and the conclusion. */
static void
deep_main(tsa_ss_rres_t *R, inst_t *I, const fmpq_t e2, slong prec)
{
    slong d = I->d, C = I->t.size[I->t.H + 1], Na, cap, i, c, cj, ck, ties = 0, na = 0, kk;
    fmpq *P, *lk = _fmpq_vec_init(2);
    fmpq_t glo, gup, lo_max, up_max, al, amin;
    arb_t g, bnd, x;
    tsa_truth_t t;
    double dist, best = INFINITY;
    fmpq_init(glo), fmpq_init(gup), fmpq_init(lo_max), fmpq_init(up_max);
    fmpq_init(al), fmpq_init(amin);
    arb_init(g), arb_init(bnd), arb_init(x);
    q_of_d(lk, I->leak);
    /* (1) */
    cj = band_count(I->t.W[0] + I->j * (d + 1), NULL, I->X, I->N, d, e2);
    ck = band_count(I->t.W[0] + I->j * (d + 1), I->s.W[0] + I->k * (d + 1), I->X, I->N, d, e2);
    q_of_d(al, I->kappa);
    fmpq_mul_si(al, al, cj);
    fmpq_set_si(glo, ck, 1);
    _tsa_ss_say(R, cj > 0 && fmpq_cmp(glo, al) >= 0 ? TSA_TRUE : TSA_FALSE, 1, "(1) student %ld "
        "kappa-observes teacher %ld: N_D[I_j cap E_k] = %ld >= kappa N_D[I_j] = %.6g x %ld",
        (long) I->k, (long) I->j, (long) ck, I->kappa, (long) cj);
    /* (2) over D' */
    P = aug_points(&Na, &cap, I, e2, prec);
    for (i = 0; i < Na; i++)
    {
        qn_forward(&I->t, P + i * d, lk);
        qn_forward(&I->s, P + i * d, lk);
        if (qn_grad1(glo, gup, &I->s, &I->t, lk))
            ties++;
        if (fmpq_cmp(glo, lo_max) > 0)
            fmpq_set(lo_max, glo);
        if (fmpq_cmp(gup, up_max) > 0)
            fmpq_set(up_max, gup);
        if (qn_V1(&I->t, lk) || qn_V1(&I->s, lk))
            continue;
        fmpq_zero(al);
        for (c = 0; c < C; c++)
            fmpq_addmul(al, I->s.M + c * I->s.wmax + I->k, I->t.M + c * I->t.wmax + I->j);
        fmpq_abs(al, al);
        if (na++ == 0 || fmpq_cmp(al, amin) < 0)
            fmpq_set(amin, al);
    }
    _fmpq_vec_clear(P, cap * d);
    /* bound = alpha eps / (5 base^{3/2} [sqrt d]) */
    arb_set_si(x, I->base);
    arb_sqrt(bnd, x, prec);
    arb_mul(bnd, bnd, x, prec);
    arb_mul_ui(bnd, bnd, 5, prec);
    if (!I->aware)
    {
        arb_set_si(x, d);
        arb_sqrt(x, x, prec);
        arb_mul(bnd, bnd, x, prec);
    }
    arb_set_fmpq(x, amin, prec);
    arb_div(bnd, x, bnd, prec);
    arb_op_d(bnd, '*', I->eps, prec);
    arb_set_fmpq(g, lo_max, prec);
    t = na == 0 ? TSA_UNDECIDED : arb_gt(g, bnd) ? TSA_FALSE : TSA_UNDECIDED;
    arb_set_fmpq(g, up_max, prec);
    if (t == TSA_UNDECIDED && na > 0 && ties == 0 && arb_le(g, bnd))
        t = TSA_TRUE;
    _tsa_ss_say(R, t, 1, "(2) max over |D'| = %ld points of |g_1(x)|_inf = %.6g (exact; hull low "
        "end %.6g, %ld point(s) with a deeper gate at 0) <= min |alpha_kj| eps / (5 %s^{3/2}%s)"
        " = %.6g (alpha %.6g over %ld points)", (long) Na, fmpq_get_d(up_max),
        fmpq_get_d(lo_max), (long) ties, I->thm5 ? "Q" : "K", I->aware ? "" : " sqrt d",
        arf_get_d(arb_midref(bnd), ARF_RND_NEAR), fmpq_get_d(amin), (long) na);
    /* conclusion: no first-layer student eps-aligned with teacher j */
    arb_set_d(x, I->eps);
    t = TSA_FALSE;
    for (kk = 0; kk < I->s.size[1]; kk++)
    {
        tsa_truth_t u = aligned(&dist, I->s.W[0] + kk * (d + 1), I->t.W[0] + I->j * (d + 1),
                                d, e2, x, prec);
        best = fmin(best, dist);
        t = u == TSA_TRUE ? TSA_TRUE : u == TSA_UNDECIDED && t == TSA_FALSE ? TSA_UNDECIDED
                                                                             : t;
    }
    _tsa_ss_say(R, t, 0, "conclusion: some first-layer student eps-aligned with teacher %ld "
        "(min over k of max(sin, |bias gap|) = %.6g vs eps = %.6g)", (long) I->j, best,
        I->eps);
    _fmpq_vec_clear(lk, 2);
    fmpq_clear(glo), fmpq_clear(gup), fmpq_clear(lo_max), fmpq_clear(up_max);
    fmpq_clear(al), fmpq_clear(amin);
    arb_clear(g), arb_clear(bnd), arb_clear(x);
}

tsa_truth_t
_tsa_ss_rres_verdict(const tsa_ss_rres_t *R)
{
    int i, undec = R->concl == TSA_UNDECIDED;
    if (R->concl == TSA_TRUE)
        return TSA_FALSE;
    for (i = 0; i < R->nh; i++)
    {
        if (R->h[i] == TSA_FALSE)
            return TSA_FALSE;
        undec |= R->h[i] == TSA_UNDECIDED;
    }
    return undec ? TSA_UNDECIDED : TSA_TRUE;
}

int
tsa_ss_recheck_deep(tsa_truth_t *truth, char **msg, const char *checker,
                    const json_t *w, slong prec)
{
    inst_t I;
    tsa_ss_rres_t R;
    fmpq_t e2;
    slong Na;
    int st;
    if ((st = inst_read(&I, w, strcmp(checker, "ss_thm5") == 0)) != TSA_SUCCESS)
        return st;
    Na = I.N * (1 + 2 * (I.aware ? I.t.size[1] : I.d));
    if ((double) Na * (double) (qn_weights(&I.t) + qn_weights(&I.s)) > W_MAX_WORK)
    {
        inst_clear(&I);
        return TSA_ERROR(TSA_EFORMAT, "witness: |D'| x weights exceeds %.0e", W_MAX_WORK);
    }
    memset(&R, 0, sizeof R);
    fmpq_init(e2);
    q_of_d(e2, I.eps);
    fmpq_mul(e2, e2, e2);
    R.o = (size_t) snprintf(R.buf, sizeof R.buf, "%s instance re-derived from the witness "
                            "alone (exact rationals, roots in Arb at %ld bits): ",
                            I.thm5 ? "Thm 5" : I.aware ? "Thm 4" : "Thm 3", (long) prec);
    if (I.thm5 && strcmp(I.base_src, "counted") == 0)
    {
        fmpq *lk = _fmpq_vec_init(1);
        slong Q;
        q_of_d(lk, I.leak);
        Q = I.t.size[1] + I.s.size[1] + count_pieces(&I.t, I.X, I.N, lk)
            + count_pieces(&I.s, I.X, I.N, lk);
        _tsa_ss_say(&R, Q == I.base ? TSA_TRUE : TSA_FALSE, 1, "Q recounted from the sign patterns "
            "over D = %ld (witness %ld)", (long) Q, (long) I.base);
        _fmpq_vec_clear(lk, 1);
    }
    else if (!I.thm5)
        _tsa_ss_say(&R, I.t.size[1] + I.s.size[1] == I.base ? TSA_TRUE : TSA_FALSE, 1, "K = m + n "
            "= %ld (witness %ld)", (long) (I.t.size[1] + I.s.size[1]), (long) I.base);
    deep_setup(&R, &I, e2, prec);
    deep_main(&R, &I, e2, prec);
    *truth = _tsa_ss_rres_verdict(&R);
    *msg = strdup(R.buf);
    fmpq_clear(e2);
    inst_clear(&I);
    return TSA_SUCCESS;
}
