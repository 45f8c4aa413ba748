/* recheck_ss_cor1.c -- the witness of an SS Corollary 1 (ss_cor1)
 * counterexample, and `tsalign check --recheck` for it (docs/claims.md
 * "--recheck").  The witness is the exact instance (rationals "p/q") and
 * the decisive value: a rational point x with g(x) != 0 ("zero" reading)
 * or the non-zero ReLU coefficient of a line ("affine").  The recheck
 * decides f = f* on R^d by its own line decomposition, the observers by
 * the closed form of Def. 4 written out here, their rank by fmpq_mat_rank,
 * and evaluates g at x exactly.  Its readers take only the witness's
 * strict forms ("p" or "p/q" strings, V given), not the claim file's
 * numbers and decimals (tsa_ss_q_read, tsa_ss_net_read). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <flint/fmpq_mat.h>
#include "ss_impl.h"
#include "recheck_ss.h"
#include "recheck_ss_impl.h"

#define W_MAX_NODES TSA_SS_W_MAX_NODES
#define W_MAX_WORK TSA_SS_W_MAX_WORK

/* ---- vectors of rationals ---- */

static void
qv_zero(fmpq *a, slong n)
{
    slong i;
    for (i = 0; i < n; i++)
        fmpq_zero(a + i);
}

static int
qv_is_zero(const fmpq *a, slong n)
{
    slong i;
    for (i = 0; i < n; i++)
        if (!fmpq_is_zero(a + i))
            return 0;
    return 1;
}

static int
qv_equal(const fmpq *a, const fmpq *b, slong n)
{
    slong i;
    for (i = 0; i < n; i++)
        if (!fmpq_equal(a + i, b + i))
            return 0;
    return 1;
}

/* An exact two-layer net: n rows [wt; b] (d + 1) and fan-outs (C). */
typedef struct
{
    slong d, n, C;
    fmpq *W, *V;
} cnet_t;

static void
cnet_clear(cnet_t *a)
{
    if (a->W != NULL)
        _fmpq_vec_clear(a->W, a->n * (a->d + 1));
    if (a->V != NULL)
        _fmpq_vec_clear(a->V, a->n * a->C);
    memset(a, 0, sizeof *a);
}

static json_t *
q_json(const fmpq_t q)
{
    char *s = fmpq_get_str(NULL, 10, q);
    json_t *j = json_string(s);
    flint_free(s);
    return j;
}

static json_t *
q_rows(const fmpq *A, slong rows, slong cols)
{
    json_t *a = json_array();
    slong i, k;
    for (i = 0; i < rows; i++)
    {
        json_t *r = json_array();
        for (k = 0; k < cols; k++)
            json_array_append_new(r, q_json(A + i * cols + k));
        json_array_append_new(a, r);
    }
    return a;
}

/* "p" or "p/q" with q != 0, at most 4000 characters, into q */
static int
rd_q(fmpq_t q, const json_t *v, const char *what)
{
    const char *s = json_string_value(v);
    size_t i = 0, n, slash = 0, nz = 0;
    if (s == NULL || (n = strlen(s)) == 0 || n > 4000)
        return TSA_ERROR(TSA_EFORMAT, "%s: a rational \"p\" or \"p/q\" as a string", what);
    if (s[0] == '-')
        i++;
    for (; i < n; i++)
    {
        if (s[i] == '/' && slash == 0 && i > (s[0] == '-') && i + 1 < n)
            slash = i;
        else if (s[i] < '0' || s[i] > '9')
            return TSA_ERROR(TSA_EFORMAT, "%s: not a rational \"p\" or \"p/q\"", what);
        else if (slash > 0)
            nz |= s[i] != '0';
    }
    if ((slash > 0 && !nz) || (s[0] == '-' && n == 1) || fmpq_set_str(q, s, 10) != 0)
        return TSA_ERROR(TSA_EFORMAT, "%s: not a rational with a non-zero denominator", what);
    fmpq_canonicalise(q);
    return TSA_SUCCESS;
}

static int
rd_qrows(fmpq **A, slong rows, slong cols, const json_t *a, const char *what)
{
    slong i, k;
    char f[128];
    *A = NULL;
    if (!json_is_array(a) || (slong) json_array_size(a) != rows)
        return TSA_ERROR(TSA_EFORMAT, "%s: need %ld rows", what, (long) rows);
    *A = _fmpq_vec_init(rows * cols);
    for (i = 0; i < rows; i++)
    {
        const json_t *r = json_array_get(a, (size_t) i);
        if (!json_is_array(r) || (slong) json_array_size(r) != cols)
        {
            snprintf(f, sizeof f, "%s[%ld]", what, (long) i);
            _fmpq_vec_clear(*A, rows * cols), *A = NULL;
            return TSA_ERROR(TSA_EFORMAT, "%s: need %ld entries", f, (long) cols);
        }
        for (k = 0; k < cols; k++)
        {
            snprintf(f, sizeof f, "%s[%ld][%ld]", what, (long) i, (long) k);
            if (rd_q(*A + i * cols + k, json_array_get(r, (size_t) k), f) != TSA_SUCCESS)
            {
                _fmpq_vec_clear(*A, rows * cols), *A = NULL;
                return TSA_EFORMAT;
            }
        }
    }
    return TSA_SUCCESS;
}

/* an array of n rationals */
static int
rd_qvec(fmpq **A, slong n, const json_t *v, const char *what)
{
    slong i;
    char f[96];
    *A = NULL;
    if (!json_is_array(v) || (slong) json_array_size(v) != n)
        return TSA_ERROR(TSA_EFORMAT, "%s: need an array of %ld rationals", what, (long) n);
    *A = _fmpq_vec_init(n);
    for (i = 0; i < n; i++)
    {
        snprintf(f, sizeof f, "%s[%ld]", what, (long) i);
        if (rd_q(*A + i, json_array_get(v, (size_t) i), f) != TSA_SUCCESS)
        {
            _fmpq_vec_clear(*A, n), *A = NULL;
            return TSA_EFORMAT;
        }
    }
    return TSA_SUCCESS;
}

/* {"W": rows, "V": rows} of rationals; d < 0: from the first row */
static int
cnet_read(cnet_t *a, const json_t *j, slong d, const char *what)
{
    const json_t *W = json_object_get(j, "W"), *V = json_object_get(j, "V"), *r;
    char f[96];
    memset(a, 0, sizeof *a);
    r = json_array_get(W, 0);
    a->n = json_is_array(W) ? (slong) json_array_size(W) : 0;
    a->d = d >= 0 ? d : json_is_array(r) ? (slong) json_array_size(r) - 1 : 0;
    r = json_array_get(V, 0);
    a->C = json_is_array(r) ? (slong) json_array_size(r) : 0;
    if (a->n < 1 || a->n > W_MAX_NODES || a->d < 1 || a->d > W_MAX_NODES || a->C < 1
        || a->C > W_MAX_NODES)
        return TSA_ERROR(TSA_EFORMAT, "%s: W and V need 1 to %d rows of 2 (W) or 1 (V) "
                         "or more entries", what, W_MAX_NODES);
    snprintf(f, sizeof f, "%s.W", what);
    if (rd_qrows(&a->W, a->n, a->d + 1, W, f) != TSA_SUCCESS)
        return TSA_EFORMAT;
    snprintf(f, sizeof f, "%s.V", what);
    if (rd_qrows(&a->V, a->n, a->C, V, f) != TSA_SUCCESS)
    {
        cnet_clear(a);
        return TSA_EFORMAT;
    }
    return TSA_SUCCESS;
}

/* w = t p (all d + 1 entries) with t != 0; *t the factor */
static int
prop(fmpq_t t, const fmpq *w, const fmpq *p, slong d)
{
    slong e, f = -1;
    fmpq_t x;
    int ok = 1;
    for (e = 0; e <= d && f < 0; e++)
        if (!fmpq_is_zero(p + e))
            f = e;
    if (f < 0 || fmpq_is_zero(w + f))
        return 0;
    fmpq_div(t, w + f, p + f);
    fmpq_init(x);
    for (e = 0; e <= d && ok; e++)
    {
        fmpq_mul(x, t, p + e);
        ok = fmpq_equal(x, w + e);
    }
    fmpq_clear(x);
    return ok;
}

/* sigma(z) = max(z, c z) */
static void
sig(fmpq_t y, const fmpq_t z, const fmpq_t c)
{
    if (fmpq_sgn(z) < 0)
        fmpq_mul(y, z, c);
    else
        fmpq_set(y, z);
}

/* The line decomposition of sum_k V_k sigma(W_k . xt) over the nodes with
 * mask[k] != 0 (mask[k] = -1: subtracted).  With w_k = t p on the line of
 * p: sigma(t y) = t (c y + (1 - c) relu(y)) for t > 0 and
 * |t| ((1 - c) relu(y) - y) for t < 0, so the ReLU coefficient of the line
 * is (1 - c) sum v |t| and the affine rest c v t p or v t p; wt = 0 gives
 * the constant sigma(b).  A (C per line, the sums v |t|), rep (the first
 * node of each line), B (C x (d + 1), the affine part).  Returns the line
 * count. */
static slong
lines(fmpq *A, slong *rep, fmpq *B, const fmpq *W, const fmpq *V, const int *mask,
      slong n, slong d, slong C, const fmpq_t c)
{
    slong k, l, e, o, nl = 0;
    fmpq_t t, x, y;
    fmpq_init(t), fmpq_init(x), fmpq_init(y);
    for (k = 0; k < n; k++)
    {
        const fmpq *w = W + k * (d + 1);
        if (mask[k] == 0)
            continue;
        for (e = 0; e < d && fmpq_is_zero(w + e); e++)
            ;
        if (e == d)
        {
            sig(y, w + d, c);
            if (mask[k] < 0)
                fmpq_neg(y, y);
            for (o = 0; o < C; o++)
                fmpq_addmul(B + o * (d + 1) + d, V + k * C + o, y);
            continue;
        }
        for (l = 0; l < nl && !prop(t, w, W + rep[l] * (d + 1), d); l++)
            ;
        if (l == nl)
        {
            rep[nl++] = k;
            fmpq_one(t);
        }
        fmpq_abs(x, t);
        if (fmpq_sgn(t) > 0)
            fmpq_mul(t, t, c);         /* the affine factor: c t or t */
        for (o = 0; o < C; o++)
        {
            fmpq_mul(y, V + k * C + o, x);
            if (mask[k] < 0)
                fmpq_neg(y, y);
            fmpq_add(A + l * C + o, A + l * C + o, y);
            fmpq_mul(y, V + k * C + o, t);
            if (mask[k] < 0)
                fmpq_neg(y, y);
            for (e = 0; e <= d; e++)
                fmpq_addmul(B + o * (d + 1) + e, y, W + rep[l] * (d + 1) + e);
        }
    }
    fmpq_clear(t), fmpq_clear(x), fmpq_clear(y);
    return nl;
}

/* Def. 4 with R0 = R^d: {a . xt > 0} meets {p . xt = 0}.  pt = 0: the
 * plane is R^d (pb = 0) or empty.  at not a multiple of pt: a is
 * non-constant on the plane.  at = lam pt: a = pb' := ab - lam pb there. */
static int
observes(const fmpq *a, const fmpq *p, slong d)
{
    fmpq_t pp, lam, x;
    slong e;
    int out = -1, anz = 0;
    fmpq_init(pp), fmpq_init(lam), fmpq_init(x);
    for (e = 0; e < d; e++)
    {
        fmpq_addmul(pp, p + e, p + e);
        fmpq_addmul(lam, a + e, p + e);
        anz |= !fmpq_is_zero(a + e);
    }
    if (fmpq_is_zero(pp))
        out = fmpq_is_zero(p + d) && (anz || fmpq_sgn(a + d) > 0);
    else
    {
        fmpq_div(lam, lam, pp);
        for (e = 0; e < d && out < 0; e++)
        {
            fmpq_mul(x, lam, p + e);
            if (!fmpq_equal(x, a + e))
                out = 1;
        }
        if (out < 0)
        {
            fmpq_mul(x, lam, p + d);
            fmpq_sub(x, a + d, x);
            out = fmpq_sgn(x) > 0;
        }
    }
    fmpq_clear(pp), fmpq_clear(lam), fmpq_clear(x);
    return out;
}

/* mask[k] = 1 for the students aligned with no teacher node (w = t w*,
 * t > 0; with line, t != 0); returns their number */
static slong
unaligned(int *mask, const cnet_t *s, const cnet_t *t, int line)
{
    slong k, j, nu = 0;
    fmpq_t q;
    fmpq_init(q);
    for (k = 0; k < s->n; k++)
    {
        mask[k] = 1;
        for (j = 0; j < t->n && mask[k]; j++)
            if (prop(q, s->W + k * (s->d + 1), t->W + j * (t->d + 1), s->d)
                && (line || fmpq_sgn(q) > 0))
                mask[k] = 0;
        nu += mask[k];
    }
    fmpq_clear(q);
    return nu;
}

/* g(x) = sum over mask of V_k sigma(W_k . xt), exact */
static void
g_at(fmpq *g, const cnet_t *s, const int *mask, const fmpq_t c, const fmpq *x)
{
    slong k, e, o, d = s->d;
    fmpq_t z;
    fmpq_init(z);
    qv_zero(g, s->C);
    for (k = 0; k < s->n; k++)
    {
        if (!mask[k])
            continue;
        fmpq_set(z, s->W + k * (d + 1) + d);
        for (e = 0; e < d; e++)
            fmpq_addmul(z, s->W + k * (d + 1) + e, x + e);
        sig(z, z, c);
        for (o = 0; o < s->C; o++)
            fmpq_addmul(g + o, s->V + k * s->C + o, z);
    }
    fmpq_clear(z);
}

static json_t *
q_vec_dec(const fmpq *v, slong n, int decimal)
{
    json_t *a = json_array();
    slong i;
    for (i = 0; i < n; i++)
        json_array_append_new(a, decimal ? json_real(fmpq_get_d(v + i)) : q_json(v + i));
    return a;
}

/* the witness: the exact instance, and a point x with g(x) != 0 (zero
 * reading) or the first line of U with a non-zero ReLU coefficient */
json_t *
tsa_ss_witness_cor1(const json_t *params)
{
    tsa_ss_net_t t0, s0;
    cnet_t s;
    fmpq_t c;
    json_t *w = NULL, *v;
    const char *rd = json_string_value(json_object_get(params, "reading"));
    const char *co = json_string_value(json_object_get(params, "colinear"));
    int *mask, line = co != NULL && strcmp(co, "line") == 0;
    int affine = rd != NULL && strcmp(rd, "affine") == 0;
    slong k, e, o;
    tsa_error_handler_t *h = tsa_set_error_handler(NULL);
    fmpq_init(c);
    if (tsa_ss_net_read(t0, json_object_get(params, "teacher"), -1, "teacher") != TSA_SUCCESS)
        goto out;
    if (tsa_ss_net_read(s0, json_object_get(params, "student"), t0->d, "student")
        != TSA_SUCCESS)
    {
        tsa_ss_net_clear(t0);
        goto out;
    }
    if ((v = json_object_get(params, "leak")) != NULL && tsa_ss_q_read(c, v, "leak"))
        goto out2;
    {
        cnet_t t = {t0->d, t0->n, t0->C, t0->W, t0->V};
        s = (cnet_t) {s0->d, s0->n, s0->C, s0->W, s0->V};
        mask = calloc((size_t) s.n, sizeof(int));
        unaligned(mask, &s, &t, line);
        w = json_object();
        json_object_set_new(w, "checker", json_string("ss_cor1"));
        json_object_set_new(w, "form", json_string("exact-instance"));
        json_object_set_new(w, "relation", json_string(affine
                            ? "g (the unspecialised students) has a line with a non-zero "
                              "ReLU coefficient, so it is not affine"
                            : "g (the unspecialised students) is not 0 at the point x"));
        json_object_set_new(w, "teacher", json_pack("{s:o,s:o}", "W",
                            q_rows(t.W, t.n, t.d + 1), "V", q_rows(t.V, t.n, t.C)));
        json_object_set_new(w, "student", json_pack("{s:o,s:o}", "W",
                            q_rows(s.W, s.n, s.d + 1), "V", q_rows(s.V, s.n, s.C)));
        json_object_set_new(w, "leak", q_json(c));
        json_object_set_new(w, "colinear", json_string(line ? "line" : "positive"));
        json_object_set_new(w, "reading", json_string(affine ? "affine" : "zero"));
    }
    if (!affine)
    {
        fmpq *x = _fmpq_vec_init(s.d), *g = _fmpq_vec_init(s.C);
        slong tries;
        for (tries = 0; tries < 1000; tries++)
        {
            for (e = 0; e < s.d; e++)
                fmpq_set_si(x + e, tries == 0 ? e == 0
                            : (tries * 31 + e * 17 + 5) % 23 - 11, 1 + tries % 7);
            g_at(g, &s, mask, c, x);
            for (o = 0; o < s.C && fmpq_is_zero(g + o); o++)
                ;
            if (o < s.C)
                break;
        }
        if (tries < 1000)
        {
            json_object_set_new(w, "x", q_vec_dec(x, s.d, 0));
            json_object_set_new(w, "g", q_vec_dec(g, s.C, 0));
            json_object_set_new(w, "g_decimal", q_vec_dec(g, s.C, 1));
        }
        _fmpq_vec_clear(x, s.d);
        _fmpq_vec_clear(g, s.C);
    }
    else
    {
        fmpq *A = _fmpq_vec_init(s.n * s.C), *B = _fmpq_vec_init(s.C * (s.d + 1));
        slong *rep = flint_malloc(sizeof(slong) * (size_t) s.n);
        slong nl = lines(A, rep, B, s.W, s.V, mask, s.n, s.d, s.C, c);
        for (k = 0; k < nl && qv_is_zero(A + k * s.C, s.C); k++)
            ;
        if (k < nl)
        {
            json_object_set_new(w, "line_student", json_integer(rep[k]));
            json_object_set_new(w, "coefficient", q_vec_dec(A + k * s.C, s.C, 0));
            json_object_set_new(w, "coefficient_decimal", q_vec_dec(A + k * s.C, s.C, 1));
        }
        flint_free(rep);
        _fmpq_vec_clear(A, s.n * s.C);
        _fmpq_vec_clear(B, s.C * (s.d + 1));
    }
    free(mask);
out2:
    tsa_ss_net_clear(t0);
    tsa_ss_net_clear(s0);
out:
    fmpq_clear(c);
    tsa_set_error_handler(h);
    return w;
}

/* Assumption 2 (f = f* on R^d), U not empty, the observers' rank; then
 * the conclusion at the witness's point or line. */
static void
cor1_hyps(tsa_ss_rres_t *R, const cnet_t *s, const cnet_t *t, const fmpq_t c, const int *mask,
          slong nu)
{
    slong d = s->d, C = s->C, n = s->n + t->n, k, kk, o, nl, worst = -1, wr = 0;
    fmpq *W = _fmpq_vec_init(n * (d + 1)), *V = _fmpq_vec_init(n * C);
    fmpq *A = _fmpq_vec_init(n * C), *B = _fmpq_vec_init(C * (d + 1));
    slong *rep = flint_malloc(sizeof(slong) * (size_t) n);
    int *sg = malloc(sizeof(int) * (size_t) n), zero;
    _tsa_ss_qv_set(W, s->W, s->n * (d + 1));
    _tsa_ss_qv_set(W + s->n * (d + 1), t->W, t->n * (d + 1));
    _tsa_ss_qv_set(V, s->V, s->n * C);
    _tsa_ss_qv_set(V + s->n * C, t->V, t->n * C);
    for (k = 0; k < n; k++)
        sg[k] = k < s->n ? 1 : -1;
    nl = lines(A, rep, B, W, V, sg, n, d, C, c);
    zero = qv_is_zero(A, nl * C) && qv_is_zero(B, C * (d + 1));
    _tsa_ss_say(R, zero ? TSA_TRUE : TSA_FALSE, 1, "Assumption 2 f = f* on R^d (%ld lines of both "
        "nets, ReLU coefficients and the affine rest %s 0)", (long) nl, zero ? "all" : "not all");
    _tsa_ss_say(R, nu > 0 ? TSA_TRUE : TSA_FALSE, 1, "%ld unspecialised student(s)", (long) nu);
    for (k = 0; k < s->n; k++)
        if (mask[k])
        {
            fmpq_mat_t M, E;
            slong r = 0, rank;
            fmpq_mat_init(M, s->n, C);
            for (kk = 0; kk < s->n; kk++)
                if (kk != k && observes(s->W + kk * (d + 1), s->W + k * (d + 1), d))
                {
                    for (o = 0; o < C; o++)
                        fmpq_set(fmpq_mat_entry(M, r, o), s->V + kk * C + o);
                    r++;
                }
            fmpq_mat_init(E, s->n, C);
            rank = fmpq_mat_rref(E, M);
            if (worst < 0 || rank < wr)
                worst = k, wr = rank;
            fmpq_mat_clear(M);
            fmpq_mat_clear(E);
        }
    _tsa_ss_say(R, nu > 0 && wr == C ? TSA_TRUE : TSA_FALSE, 1, "observers of every unspecialised "
        "student have fan-out rank C = %ld (lowest %ld, student %ld)", (long) C, (long) wr,
        (long) worst);
    _fmpq_vec_clear(W, n * (d + 1)), _fmpq_vec_clear(V, n * C);
    _fmpq_vec_clear(A, n * C), _fmpq_vec_clear(B, C * (d + 1));
    flint_free(rep);
    free(sg);
}

/* the decisive value: g(x) at the witness point, or the line's ReLU
 * coefficient; it must be non-zero and equal to the witness's value */
static int
cor1_concl(tsa_ss_rres_t *R, const json_t *w, const cnet_t *s, const fmpq_t c, const int *mask,
           int affine)
{
    slong d = s->d, C = s->C, k, n = affine ? 1 : d, nl;
    fmpq *x = NULL, *g = NULL, *v = _fmpq_vec_init(C);
    int st = TSA_EFORMAT, eq;
    char *vs;
    if (affine)
    {
        slong L;
        if (_tsa_ss_rd_int(&L, w, "line_student", 0, s->n - 1) != TSA_SUCCESS
            || rd_qvec(&g, C, json_object_get(w, "coefficient"), "witness.coefficient") != TSA_SUCCESS)
            goto done;
        if (!mask[L])
        {
            _tsa_ss_say(R, TSA_TRUE, 0, "conclusion: witness.line_student %ld is aligned with a "
                "teacher (not in U)", (long) L);
            st = TSA_SUCCESS;
            goto done;
        }
        {
            fmpq *A = _fmpq_vec_init(s->n * C), *B = _fmpq_vec_init(C * (d + 1));
            slong *rep = flint_malloc(sizeof(slong) * (size_t) s->n);
            fmpq_t t;
            fmpq_init(t);
            nl = lines(A, rep, B, s->W, s->V, mask, s->n, d, C, c);
            for (k = 0; k < nl && !prop(t, s->W + L * (d + 1), s->W + rep[k] * (d + 1), d);
                 k++)
                ;
            _tsa_ss_qv_set(v, A + k * C, C);  /* k < nl: L is on a line of U */
            fmpq_clear(t);
            flint_free(rep);
            _fmpq_vec_clear(A, s->n * C), _fmpq_vec_clear(B, C * (d + 1));
        }
    }
    else
    {
        if (rd_qvec(&x, d, json_object_get(w, "x"), "witness.x")
            != TSA_SUCCESS
            || rd_qvec(&g, C, json_object_get(w, "g"), "witness.g")
            != TSA_SUCCESS)
            goto done;
        g_at(v, s, mask, c, x);
    }
    eq = qv_equal(v, g, C);
    vs = fmpq_get_str(NULL, 10, v);
    _tsa_ss_say(R, qv_is_zero(v, C) || !eq ? TSA_TRUE : TSA_FALSE, 0, "conclusion: %s "
        "(recomputed exactly: first entry %s = %.6g, %s the witness's value)", affine
        ? "g is affine (the line of witness.line_student has ReLU coefficient 0)"
        : "g = 0 on R^d (g at witness.x is 0)", vs, fmpq_get_d(v),
        eq ? "equal to" : "DIFFERENT from");
    flint_free(vs);
    st = TSA_SUCCESS;
done:
    if (x != NULL)
        _fmpq_vec_clear(x, d);
    if (g != NULL)
        _fmpq_vec_clear(g, C);
    _fmpq_vec_clear(v, C);
    (void) n;
    return st;
}

int
tsa_ss_recheck_cor1(tsa_truth_t *truth, char **msg, const json_t *w)
{
    cnet_t s, t;
    fmpq_t c;
    tsa_ss_rres_t R;
    int *mask, st;
    const char *co = json_string_value(json_object_get(w, "colinear"));
    const char *rd = json_string_value(json_object_get(w, "reading"));
    slong nu;
    if (co == NULL || rd == NULL || (strcmp(co, "line") != 0 && strcmp(co, "positive") != 0)
        || (strcmp(rd, "zero") != 0 && strcmp(rd, "affine") != 0))
        return TSA_ERROR(TSA_EFORMAT, "witness: colinear (\"positive\"/\"line\") and "
                         "reading (\"zero\"/\"affine\") needed");
    fmpq_init(c);
    st = rd_q(c, json_object_get(w, "leak"), "witness.leak");
    if (st != TSA_SUCCESS || fmpq_sgn(c) < 0 || fmpq_cmp_ui(c, 1) >= 0)
    {
        fmpq_clear(c);
        return st != TSA_SUCCESS ? st : TSA_ERROR(TSA_EFORMAT, "witness.leak: a rational "
                                                  "in [0, 1)");
    }
    if (cnet_read(&t, json_object_get(w, "teacher"), -1, "witness.teacher") != TSA_SUCCESS)
    {
        fmpq_clear(c);
        return TSA_EFORMAT;
    }
    st = cnet_read(&s, json_object_get(w, "student"), t.d, "witness.student");
    if (st != TSA_SUCCESS || s.C != t.C)
    {
        cnet_clear(&s);
        cnet_clear(&t);
        fmpq_clear(c);
        return st != TSA_SUCCESS ? st : TSA_ERROR(TSA_EFORMAT, "witness.student.V: as many "
                                                  "outputs as the teacher");
    }
    if ((double) s.n * (double) (s.n + t.n) * (double) (s.d + 1)
        + (double) s.n * s.n * s.C * (double) (s.n < s.C ? s.n : s.C) > W_MAX_WORK)
    {
        cnet_clear(&s);
        cnet_clear(&t);
        fmpq_clear(c);
        return TSA_ERROR(TSA_EFORMAT, "witness: the networks are too large to recheck "
                         "(work above %.0e)", W_MAX_WORK);
    }
    memset(&R, 0, sizeof R);
    R.o = (size_t) snprintf(R.buf, sizeof R.buf, "Cor. 1 instance re-derived from the "
                            "witness alone (exact rationals, a line decomposition and the "
                            "closed form of Def. 4 of this file): ");
    mask = calloc((size_t) s.n, sizeof(int));
    nu = unaligned(mask, &s, &t, strcmp(co, "line") == 0);
    cor1_hyps(&R, &s, &t, c, mask, nu);
    st = cor1_concl(&R, w, &s, c, mask, strcmp(rd, "affine") == 0);
    if (st == TSA_SUCCESS)
    {
        *truth = _tsa_ss_rres_verdict(&R);
        *msg = strdup(R.buf);
    }
    free(mask);
    cnet_clear(&s);
    cnet_clear(&t);
    fmpq_clear(c);
    return st;
}
