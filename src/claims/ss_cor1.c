/* ss_cor1.c -- SS Corollary 1 (with enough observers, the unspecialised
 * students contribute nothing) at an exact two-layer point, R0 = R^d.
 * docs/claims-ss.md s. 3a.
 *
 * U = the students aligned with no teacher (Def. 3 at eps = 0: w_k a
 * positive multiple of some w*_j, or with "colinear": "line" any non-zero
 * multiple).  Hypotheses: Assumption 2 (f = f* on R^d, exact), U not
 * empty, every k in U has observers whose fan-outs have rank C (the
 * hypothesis of Thm 2).  Conclusion, "reading":
 *   "zero"   (as printed): g(x) = sum_{k in U} v_k sigma(w_k . xt) = 0 on R^d;
 *   "affine" (corrected):  g is affine on R^d, i.e. the ReLU coefficient
 *            sum v_k |t_k| of every line of U vanishes (so U can be pruned
 *            when an affine term is added in its place).
 * All exact (FLINT fmpq); a failing "zero" carries a rational point where
 * g != 0, a failing "affine" the line and its non-zero coefficient. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <flint/fmpq_mat.h>
#include "ss_impl.h"

static int
read_choice(int *out, const json_t *params, const char *key, const char *a,
            const char *b, const char *file)
{
    const json_t *v = json_object_get(params, key);
    *out = 0;
    if (v == NULL)
        return TSA_SUCCESS;
    if (!json_is_string(v) || (strcmp(json_string_value(v), a) != 0
                               && strcmp(json_string_value(v), b) != 0))
        return TSA_ERROR(TSA_EFORMAT, "%s: params.%s: \"%s\" or \"%s\"", file, key, a, b);
    *out = strcmp(json_string_value(v), b) == 0;
    return TSA_SUCCESS;
}

static int
nets_read(tsa_ss_net_t t, tsa_ss_net_t s, fmpq_t leak, const json_t *params,
          const char *file)
{
    char what[512];
    const json_t *v;
    snprintf(what, sizeof what, "%s: params.teacher", file);
    if (tsa_ss_net_read(t, json_object_get(params, "teacher"), -1, what) != TSA_SUCCESS)
        return TSA_EFORMAT;
    snprintf(what, sizeof what, "%s: params.student", file);
    if (tsa_ss_net_read(s, json_object_get(params, "student"), t->d, what) != TSA_SUCCESS)
    {
        tsa_ss_net_clear(t);
        return TSA_EFORMAT;
    }
    if (s->C != t->C)
        goto bad;
    if ((v = json_object_get(params, "leak")) != NULL)
    {
        snprintf(what, sizeof what, "%s: params.leak", file);
        if (tsa_ss_q_read(leak, v, what) != TSA_SUCCESS || fmpq_sgn(leak) < 0
            || fmpq_cmp_ui(leak, 1) >= 0)
            goto bad;
    }
    return TSA_SUCCESS;
bad:
    tsa_ss_net_clear(t);
    tsa_ss_net_clear(s);
    return TSA_ERROR(TSA_EFORMAT, "%s: params.student.V / params.leak: as many outputs "
                     "as the teacher, leak a rational in [0, 1)", file);
}

/* Observers of k among all students: rank of their fan-outs. */
static slong
observer_rank(const tsa_ss_net_t s, slong k, slong *nobs)
{
    slong d = s->d, C = s->C, D1 = d + 1, kk, c, rank;
    fmpq_mat_t Vm, Rm;
    fmpq_mat_init(Vm, s->n, C);
    fmpq_mat_init(Rm, s->n, C);
    *nobs = 0;
    for (kk = 0; kk < s->n; kk++)
        if (kk != k && tsa_ss_observer(s->W + kk * D1, s->W + k * D1, d, NULL) == TSA_TRUE)
        {
            for (c = 0; c < C; c++)
                fmpq_set(fmpq_mat_entry(Vm, *nobs, c), s->V + kk * C + c);
            (*nobs)++;
        }
    rank = fmpq_mat_rref(Rm, Vm);
    fmpq_mat_clear(Rm);
    fmpq_mat_clear(Vm);
    return rank;
}

/* "zero": g = 0 on R^d (exact), else a rational witness point. */
static tsa_truth_t
concl_zero(char *ev, size_t en, const tsa_ss_net_t u, const fmpq_t leak)
{
    slong d = u->d, C = u->C, e, c, tries;
    tsa_ss_net_t z;
    char why[512];
    tsa_truth_t out = TSA_UNDECIDED;
    fmpq *x = _fmpq_vec_init(d), *res = _fmpq_vec_init(C);
    ulong seed = 4242;
    tsa_ss_net_init(z, d, 1, C);       /* the zero function: W = 0, V = 0 */
    if (tsa_ss_residual_zero(why, sizeof why, u, z, leak))
    {
        snprintf(ev, en, "g = 0 on R^d (%s)", why);
        out = TSA_TRUE;
    }
    for (tries = 0; tries < 400 && out == TSA_UNDECIDED; tries++)
    {
        for (e = 0; e < d; e++)
        {
            seed = seed * 6364136223846793005UL + 1442695040888963407UL;
            fmpq_set_si(x + e, tries == 0 ? (e == 0) : (slong) ((seed >> 33) % 97) - 48,
                        tries == 0 ? 1 : 8);
        }
        tsa_ss_residual_at(res, u, z, leak, x);   /* = -g(x) */
        for (c = 0; c < C && fmpq_is_zero(res + c); c++)
            ;
        if (c < C)
        {
            char xs[256], *gs;
            size_t xo = 0;
            for (e = 0; e < d && xo < sizeof xs; e++)
            {
                char *es = fmpq_get_str(NULL, 10, x + e);
                xo += (size_t) snprintf(xs + xo, sizeof xs - xo, "%s%s%s", e ? ", " : "(",
                                        es, e + 1 == d ? ")" : "");
                flint_free(es);
            }
            fmpq_neg(res + c, res + c);
            gs = fmpq_get_str(NULL, 10, res + c);
            snprintf(ev, en, "g is not 0 (%s); witness x = %s, g_%ld(x) = %s",
                     why, xs, (long) c, gs);
            flint_free(gs);
            out = TSA_FALSE;
        }
    }
    if (out == TSA_UNDECIDED)
        snprintf(ev, en, "g is not 0 (%s), no witness among 400 rational points",
                 why);
    tsa_ss_net_clear(z);
    _fmpq_vec_clear(x, d);
    _fmpq_vec_clear(res, C);
    return out == TSA_UNDECIDED ? TSA_FALSE : out;
}

/* "affine": every line of u has ReLU coefficient sum v_k |t_k| = 0. */
static tsa_truth_t
concl_affine(char *ev, size_t en, const tsa_ss_net_t u)
{
    slong d = u->d, C = u->C, D1 = d + 1, k, kk, c, e, nl = 0;
    fmpq *A = _fmpq_vec_init(u->n * C);
    slong *rep = flint_malloc(sizeof(slong) * (size_t) (u->n + 1));
    fmpq_t t;
    tsa_truth_t out = TSA_TRUE;
    fmpq_init(t);
    snprintf(ev, en, "exact: every line of U has ReLU coefficient sum v_k |t_k| = 0, "
             "so g is affine");
    for (k = 0; k < u->n; k++)
    {
        slong line = -1;
        for (e = 0; e < d && fmpq_is_zero(u->W + k * D1 + e); e++)
            ;
        if (e == d)
            continue;                  /* wt = 0: a constant */
        for (kk = 0; kk < nl && line < 0; kk++)
            if (tsa_ss_colinear(t, u->W + k * D1, u->W + rep[kk] * D1, d, 1))
                line = kk;
        if (line < 0)
        {
            line = nl;
            rep[nl++] = k;
            fmpq_one(t);
        }
        fmpq_abs(t, t);
        for (c = 0; c < C; c++)
            fmpq_addmul(A + line * C + c, u->V + k * C + c, t);
    }
    for (k = 0; k < nl && out == TSA_TRUE; k++)
        for (c = 0; c < C && out == TSA_TRUE; c++)
            if (!fmpq_is_zero(A + k * C + c))
            {
                char *as = fmpq_get_str(NULL, 10, A + k * C + c);
                snprintf(ev, en, "exact: the line of student %ld (in U) has ReLU "
                         "coefficient sum v_k |t_k| = %s (output %ld) != 0, so g has "
                         "a kink there and is not affine", (long) rep[k], as, (long) c);
                flint_free(as);
                out = TSA_FALSE;
            }
    fmpq_clear(t);
    flint_free(rep);
    _fmpq_vec_clear(A, u->n * C);
    return out;
}

int
tsa_claim_check_ss_cor1(tsa_claim_result_t r, const json_t *params,
                        const char *file, slong prec)
{
    tsa_ss_net_t t, s, u;
    fmpq_t leak, q;
    slong d, D1, C, k, j, nu = 0, worst = -1, worst_rank = 0, worst_obs = 0;
    int line, affine;
    char ev[1024], why[512], buf[512], list[256] = "";
    size_t off = 0;
    (void) prec;
    if (read_choice(&line, params, "colinear", "positive", "line", file) != TSA_SUCCESS
        || read_choice(&affine, params, "reading", "zero", "affine", file) != TSA_SUCCESS)
        return TSA_EFORMAT;
    fmpq_init(leak);
    if (nets_read(t, s, leak, params, file) != TSA_SUCCESS)
    {
        fmpq_clear(leak);
        return TSA_EFORMAT;
    }
    fmpq_init(q);
    d = t->d;
    D1 = d + 1;
    C = s->C;
    {
        char *ls = fmpq_get_str(NULL, 10, leak);
        snprintf(buf, sizeof buf, "d = %ld, teacher m = %ld, student n = %ld, C = %ld, "
                 "leak c = %s, R0 = R^d, aligned = %s, conclusion = %s", (long) d,
                 (long) t->n, (long) s->n, (long) C, ls,
                 line ? "same line (w = t w*, t != 0)" : "positive multiple (Def. 3, eps = 0)",
                 affine ? "contribution of U affine" : "contribution of U zero");
        flint_free(ls);
        r->instance = strdup(buf);
    }
    r->method = strdup("Exact rational arithmetic (FLINT fmpq): alignment by exact "
                       "co-linearity, Assumption 2 and g = 0 by the line decomposition "
                       "of docs/claims-ss.md s. 3, observers by the closed form of "
                       "Def. 4, their fan-out rank by exact row reduction, a "
                       "non-zero g by an exact value at a rational point.");
    tsa_ss_net_init(u, d, s->n, C);
    for (k = 0; k < s->n; k++)
    {
        int al = 0;
        for (j = 0; j < t->n && !al; j++)
            al = tsa_ss_colinear(q, s->W + k * D1, t->W + j * D1, d, line);
        if (al)
            continue;
        for (j = 0; j < D1; j++)
            fmpq_set(u->W + nu * D1 + j, s->W + k * D1 + j);
        for (j = 0; j < C; j++)
            fmpq_set(u->V + nu * C + j, s->V + k * C + j);
        if (off < sizeof list)
            off += (size_t) snprintf(list + off, sizeof list - off, "%s%ld",
                                     nu ? ", " : "", (long) k);
        nu++;
        {
            slong nobs, rank = observer_rank(s, k, &nobs);
            if (worst < 0 || rank < worst_rank)
            {
                worst = k;
                worst_rank = rank;
                worst_obs = nobs;
            }
        }
    }
    u->n = nu;                         /* the tail rows stay zero and are freed below */
    {
        int a2 = tsa_ss_residual_zero(why, sizeof why, s, t, leak);
        snprintf(ev, sizeof ev, "%s", why);
        tsa_claim_add_hyp(r, "Assumption 2: f = f* on R0 = R^d (zero per-sample gradient)",
                          a2 ? TSA_TRUE : TSA_FALSE, ev);
    }
    snprintf(ev, sizeof ev, "exact: %ld unaligned student(s): {%s}", (long) nu, list);
    tsa_claim_add_hyp(r, "some student is unspecialised (aligned with no teacher)",
                      nu > 0 ? TSA_TRUE : TSA_FALSE, ev);
    if (nu > 0)
        snprintf(ev, sizeof ev, "exact: the fewest are at student %ld: %ld observer(s), "
                 "fan-out rank %ld (C = %ld)", (long) worst, (long) worst_obs,
                 (long) worst_rank, (long) C);
    else
        snprintf(ev, sizeof ev, "no unaligned student");
    tsa_claim_add_hyp(r, "every unspecialised student has C independent observers",
                      nu > 0 && worst_rank == C ? TSA_TRUE : TSA_FALSE, ev);
    if (affine)
        tsa_claim_set_concl(r, "g = sum over unspecialised k of v_k sigma(w_k . x) is "
                            "affine on R^d", concl_affine(ev, sizeof ev, u), ev);
    else
        tsa_claim_set_concl(r, "g = sum over unspecialised k of v_k sigma(w_k . x) is 0 "
                            "on R^d", concl_zero(ev, sizeof ev, u, leak), ev);
    json_object_set_new(r->data, "unspecialised", json_integer(nu));
    u->n = s->n;
    tsa_ss_net_clear(u);
    tsa_ss_net_clear(t);
    tsa_ss_net_clear(s);
    fmpq_clear(leak);
    fmpq_clear(q);
    return TSA_SUCCESS;
}
