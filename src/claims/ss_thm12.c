/* ss_thm12.c -- SS Theorems 1 and 2 (two layers, zero gradient, infinite
 * data) at exact points, R0 = R^d (the support of the Gaussian
 * population), and the Def. 3 alignment checker.  docs/claims-ss.md s. 3. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <flint/fmpq_mat.h>
#include "tsa_kernel.h"
#include "ss_impl.h"

typedef struct
{
    tsa_ss_net_t t, s;
    fmpq_t leak;
} pair_t;

static int
pair_read(pair_t *p, const json_t *params, const char *file)
{
    char what[512];
    const json_t *v;
    fmpq_init(p->leak);
    snprintf(what, sizeof what, "%s: params.teacher", file);
    if (tsa_ss_net_read(p->t, json_object_get(params, "teacher"), -1, what) != TSA_SUCCESS)
    {
        fmpq_clear(p->leak);
        return TSA_EFORMAT;
    }
    snprintf(what, sizeof what, "%s: params.student", file);
    if (tsa_ss_net_read(p->s, json_object_get(params, "student"), p->t->d, what)
        != TSA_SUCCESS)
    {
        tsa_ss_net_clear(p->t);
        fmpq_clear(p->leak);
        return TSA_EFORMAT;
    }
    if (p->s->C != p->t->C)
    {
        tsa_ss_net_clear(p->t);
        tsa_ss_net_clear(p->s);
        fmpq_clear(p->leak);
        return TSA_ERROR(TSA_EFORMAT, "%s: params.student.V: %ld outputs, teacher "
                         "has %ld", file, (long) p->s->C, (long) p->t->C);
    }
    if ((v = json_object_get(params, "leak")) != NULL)
    {
        snprintf(what, sizeof what, "%s: params.leak", file);
        if (tsa_ss_q_read(p->leak, v, what) != TSA_SUCCESS
            || fmpq_sgn(p->leak) < 0 || fmpq_cmp_ui(p->leak, 1) >= 0)
        {
            tsa_ss_net_clear(p->t);
            tsa_ss_net_clear(p->s);
            fmpq_clear(p->leak);
            return TSA_ERROR(TSA_EFORMAT, "%s: params.leak: must be a rational in [0, 1)",
                             file);
        }
    }
    return TSA_SUCCESS;
}

static void
pair_clear(pair_t *p)
{
    tsa_ss_net_clear(p->t);
    tsa_ss_net_clear(p->s);
    fmpq_clear(p->leak);
}

static int
get_index(slong *k, const json_t *params, const char *key, slong n,
          const char *file)
{
    const json_t *v = json_object_get(params, key);
    if (v == NULL)
    {
        *k = -1;
        return TSA_SUCCESS;
    }
    if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) >= n)
        return TSA_ERROR(TSA_EFORMAT, "%s: params.%s: integer in 0 .. %ld", file,
                         key, (long) (n - 1));
    *k = (slong) json_integer_value(v);
    return TSA_SUCCESS;
}

/* Assumption 1 (2), (3) and Assumption 2, shared by Thm 1 and 2. */
static void
assumptions(tsa_claim_result_t r, pair_t *p, slong prec)
{
    slong d = p->t->d, m = p->t->n, i, j, e;
    char ev[1024];
    fmpq_t t;
    int ok = 1, wit = 0;
    fmpq_init(t);
    tsa_claim_add_hyp(r, "Assumption 1(1): R0 = R^d, an open set around the origin",
                      TSA_TRUE, "by construction: R0 is the support of x ~ N(0, I)");
    snprintf(ev, sizeof ev, "exact: all %ld teacher weights pairwise not co-linear",
             (long) m);
    for (i = 0; i < m && ok; i++)
        for (j = i + 1; j < m && ok; j++)
            if (tsa_ss_colinear(t, p->t->W + i * (d + 1), p->t->W + j * (d + 1), d, 1))
            {
                char *ts = fmpq_get_str(NULL, 10, t);
                ok = 0;
                snprintf(ev, sizeof ev, "exact: teacher %ld = (%s) x teacher %ld",
                         (long) i, ts, (long) j);
                flint_free(ts);
            }
    tsa_claim_add_hyp(r, "Assumption 1(2): no two teacher weights co-linear",
                      ok ? TSA_TRUE : TSA_FALSE, ev);
    ok = 1;
    snprintf(ev, sizeof ev, "exact: every teacher has wt_j != 0, so dE_j is a "
             "hyperplane, which meets R^d");
    for (j = 0; j < m && ok; j++)
    {
        for (e = 0; e < d && fmpq_is_zero(p->t->W + j * (d + 1) + e); e++)
            ;
        if (e == d)
        {
            ok = 0;
            snprintf(ev, sizeof ev, "exact: teacher %ld has wt = 0 (no boundary)",
                     (long) j);
        }
    }
    tsa_claim_add_hyp(r, "Assumption 1(3): every teacher boundary meets R0",
                      ok ? TSA_TRUE : TSA_FALSE, ev);
    /* Assumption 2 */
    {
        char why[512];
        tsa_truth_t a2;
        if (tsa_ss_residual_zero(why, sizeof why, p->s, p->t, p->leak))
        {
            a2 = TSA_TRUE;
            snprintf(ev, sizeof ev, "%s; then g_1(x) = D_1 V^T (f* - f) = 0 and "
                     "f_1 (f* - f)^T = 0 at every x", why);
        }
        else
        {
            /* a witness: exact point with r(x) != 0 and a student active,
               so the top-layer per-sample gradient f_1(x) r(x)^T != 0 */
            fmpq *x = _fmpq_vec_init(d), *res = _fmpq_vec_init(p->s->C);
            ulong seed = 12345;
            slong tries, c, k;
            fmpq_t z;
            fmpq_init(z);
            a2 = TSA_UNDECIDED;
            for (tries = 0; tries < 400 && !wit; tries++)
            {
                for (e = 0; e < d; e++)
                {
                    seed = seed * 6364136223846793005UL + 1442695040888963407UL;
                    fmpq_set_si(x + e, (slong) ((seed >> 33) % 97) - 48, 8);
                }
                tsa_ss_residual_at(res, p->s, p->t, p->leak, x);
                for (c = 0; c < p->s->C && fmpq_is_zero(res + c); c++)
                    ;
                if (c == p->s->C)
                    continue;
                for (k = 0; k < p->s->n && !wit; k++)
                {
                    const fmpq *w = p->s->W + k * (d + 1);
                    fmpq_set(z, w + d);
                    for (e = 0; e < d; e++)
                        fmpq_addmul(z, w + e, x + e);
                    if (fmpq_sgn(z) > 0)
                    {
                        char *xs = fmpq_get_str(NULL, 10, res + c);
                        wit = 1;
                        a2 = TSA_FALSE;
                        snprintf(ev, sizeof ev, "%s; witness (exact): at x = "
                                 "(%ld/8, ...) student %ld is active and "
                                 "r_%ld(x) = %s, so the top-layer per-sample "
                                 "gradient is non-zero", why,
                                 (long) fmpz_get_si(fmpq_numref(x)), (long) k,
                                 (long) c, xs);
                        flint_free(xs);
                    }
                }
            }
            if (!wit)
                snprintf(ev, sizeof ev, "%s; no witness point found among 400 "
                         "rational points", why);
            fmpq_clear(z);
            _fmpq_vec_clear(x, d);
            _fmpq_vec_clear(res, p->s->C);
        }
        tsa_claim_add_hyp(r, "Assumption 2: per-sample (every batch) gradient is 0 on R0",
                          a2, ev);
    }
    fmpq_clear(t);
    (void) prec;
}

/* Rigorous upper bound of |grad J|_inf of the population loss at s (x ~
 * N(0, I)), from the kernels of tsa_kernel.h; -1 when not computable. */
static double
pop_grad_bound(pair_t *p, slong prec)
{
    slong d = p->t->d, n = p->s->n, m = p->t->n, C = p->s->C, k, j, c, e;
    arb_ptr ws = _arb_vec_init(n * (d + 1)), wt = _arb_vec_init(m * (d + 1));
    arb_ptr g = _arb_vec_init(d + 1), acc = _arb_vec_init(d + 1);
    arb_t s, lk, psi, coef, q, gv;
    mag_t bound, tmp;
    double out = -1.0;
    int ok = 1;
    tsa_error_handler_t *h = tsa_set_error_handler(NULL);
    arb_init(s);
    arb_init(lk);
    arb_init(psi);
    arb_init(coef);
    arb_init(q);
    arb_init(gv);
    mag_init(bound);
    mag_init(tmp);
    arb_one(s);
    arb_set_fmpq(lk, p->leak, prec);
    for (k = 0; k < n * (d + 1); k++)
        arb_set_fmpq(ws + k, p->s->W + k, prec);
    for (k = 0; k < m * (d + 1); k++)
        arb_set_fmpq(wt + k, p->t->W + k, prec);
    for (k = 0; k < n && ok; k++)
    {
        /* d J / d v_k[c] = sum_k' v_k'[c] psi(w_k, w_k') - sum_j v*_j[c] psi(w_k, w*_j) */
        for (c = 0; c < C && ok; c++)
        {
            arb_zero(gv);
            for (j = 0; j < n + m && ok; j++)
            {
                arb_srcptr u = j < n ? ws + j * (d + 1) : wt + (j - n) * (d + 1);
                const fmpq *vv = j < n ? p->s->V + j * C + c : p->t->V + (j - n) * C + c;
                if (tsa_kernel_psi_l(psi, ws + k * (d + 1), u, d, 1, s, lk, prec) != TSA_SUCCESS)
                    ok = 0;
                arb_set_fmpq(coef, vv, prec);
                if (j >= n)
                    arb_neg(coef, coef);
                arb_addmul(gv, coef, psi, prec);
            }
            arb_get_mag(tmp, gv);
            mag_max(bound, bound, tmp);
        }
        /* d J / d w_k = sum_k' (v_k . v_k') grad psi(w_k, w_k') - sum_j (v_k . v*_j) grad psi(w_k, w*_j) */
        _arb_vec_zero(acc, d + 1);
        for (j = 0; j < n + m && ok; j++)
        {
            arb_srcptr u = j < n ? ws + j * (d + 1) : wt + (j - n) * (d + 1);
            arb_zero(coef);
            for (c = 0; c < C; c++)
            {
                arb_set_fmpq(q, p->s->V + k * C + c, prec);
                arb_set_fmpq(psi, j < n ? p->s->V + j * C + c : p->t->V + (j - n) * C + c, prec);
                arb_addmul(coef, q, psi, prec);
            }
            if (arb_is_zero(coef))
                continue;
            if (tsa_kernel_psi_l_grad(g, ws + k * (d + 1), u, d, 1, s, lk, prec) != TSA_SUCCESS)
            {
                ok = 0;
                break;
            }
            if (j >= n)
                arb_neg(coef, coef);
            for (e = 0; e <= d; e++)
                arb_addmul(acc + e, coef, g + e, prec);
        }
        for (e = 0; e <= d && ok; e++)
        {
            arb_get_mag(tmp, acc + e);
            mag_max(bound, bound, tmp);
        }
    }
    if (ok)
        out = mag_get_d(bound);
    tsa_set_error_handler(h);
    mag_clear(bound);
    mag_clear(tmp);
    arb_clear(s);
    arb_clear(lk);
    arb_clear(psi);
    arb_clear(coef);
    arb_clear(q);
    arb_clear(gv);
    _arb_vec_clear(ws, n * (d + 1));
    _arb_vec_clear(wt, m * (d + 1));
    _arb_vec_clear(g, d + 1);
    _arb_vec_clear(acc, d + 1);
    return out;
}

static void
instance_text(tsa_claim_result_t r, pair_t *p, const char *extra)
{
    char buf[512];
    char *ls = fmpq_get_str(NULL, 10, p->leak);
    snprintf(buf, sizeof buf, "d = %ld, teacher m = %ld, student n = %ld, C = %ld, "
             "leak c = %s, R0 = R^d%s", (long) p->t->d, (long) p->t->n,
             (long) p->s->n, (long) p->s->C, ls, extra);
    flint_free(ls);
    r->instance = strdup(buf);
}

static void
alpha(fmpq_t a, pair_t *p, slong k, slong j)
{
    slong c, C = p->s->C;
    fmpq_zero(a);
    for (c = 0; c < C; c++)
        fmpq_addmul(a, p->s->V + k * C + c, p->t->V + j * C + c);
}

int
tsa_claim_check_ss_thm1(tsa_claim_result_t r, const json_t *params,
                        const char *file, slong prec)
{
    pair_t p;
    slong j, k, kk, d, D1;
    char ev[1024], extra[160];
    fmpq_t a, t;
    double gb;
    int line = 0;
    if (pair_read(&p, params, file) != TSA_SUCCESS)
        return TSA_EFORMAT;
    if (get_index(&j, params, "teacher_index", p.t->n, file) != TSA_SUCCESS
        || get_index(&k, params, "student_index", p.s->n, file) != TSA_SUCCESS)
    {
        pair_clear(&p);
        return TSA_EFORMAT;
    }
    {
        const json_t *v = json_object_get(params, "colinear");
        if (v != NULL && (!json_is_string(v)
                          || (strcmp(json_string_value(v), "positive") != 0
                              && strcmp(json_string_value(v), "line") != 0)))
        {
            pair_clear(&p);
            return TSA_ERROR(TSA_EFORMAT, "%s: params.colinear: \"positive\" or \"line\"",
                             file);
        }
        line = v != NULL && strcmp(json_string_value(v), "line") == 0;
    }
    if (j < 0)
        j = 0;
    d = p.t->d;
    D1 = d + 1;
    fmpq_init(a);
    fmpq_init(t);
    snprintf(extra, sizeof extra, ", teacher node j = %ld, alignment = %s", (long) j,
             line ? "same line (w = t w*, t != 0)" : "positive multiple (Def. 3, eps = 0)");
    instance_text(r, &p, extra);
    r->method = strdup("Exact rational arithmetic (FLINT fmpq) on the weights as "
                       "given: Assumption 2 by the line decomposition of f - f* "
                       "(docs/claims-ss.md s. 3), observers by the closed form of "
                       "Def. 4, alignment by exact co-linearity. The population "
                       "gradient bound in the data is an Arb enclosure from the "
                       "kernels psi_l.");
    assumptions(r, &p, prec);
    /* (1) observer k of j, (2) alpha_kj != 0 */
    if (k < 0)
    {
        for (kk = 0; kk < p.s->n && k < 0; kk++)
        {
            alpha(a, &p, kk, j);
            if (tsa_ss_observer(p.s->W + kk * D1, p.t->W + j * D1, d, NULL) == TSA_TRUE
                && !fmpq_is_zero(a))
                k = kk;
        }
        for (kk = 0; kk < p.s->n && k < 0; kk++)
            if (tsa_ss_observer(p.s->W + kk * D1, p.t->W + j * D1, d, NULL) == TSA_TRUE)
                k = kk;
        if (k < 0)
            k = 0;
    }
    {
        tsa_truth_t ob = tsa_ss_observer(p.s->W + k * D1, p.t->W + j * D1, d, NULL);
        char *as;
        snprintf(ev, sizeof ev, "exact (Def. 4, closed form): student %ld %s "
                 "teacher %ld", (long) k, ob == TSA_TRUE ? "observes" : "does not observe",
                 (long) j);
        tsa_claim_add_hyp(r, "(1) teacher j is observed by a student k", ob, ev);
        alpha(a, &p, k, j);
        as = fmpq_get_str(NULL, 10, a);
        snprintf(ev, sizeof ev, "exact: alpha_kj = v_k . v*_j = %s (k = %ld)", as,
                 (long) k);
        flint_free(as);
        tsa_claim_add_hyp(r, "(2) alpha_kj != 0", fmpq_is_zero(a) ? TSA_FALSE : TSA_TRUE, ev);
    }
    {
        slong found = -1;
        for (kk = 0; kk < p.s->n && found < 0; kk++)
            if (tsa_ss_colinear(t, p.s->W + kk * D1, p.t->W + j * D1, d, line))
                found = kk;
        if (found >= 0)
        {
            char *ts = fmpq_get_str(NULL, 10, t);
            snprintf(ev, sizeof ev, "exact: w_%ld = (%s) w*_%ld",
                     (long) found, ts, (long) j);
            flint_free(ts);
        }
        else
        {
            double smin = INFINITY, s1, db;
            fmpq_t eps;
            fmpq_init(eps);
            for (kk = 0; kk < p.s->n; kk++)
            {
                tsa_ss_eps_aligned(&s1, &db, p.s->W + kk * D1, p.t->W + j * D1, d, eps, prec);
                if (isfinite(s1) && s1 + db < smin)
                    smin = s1 + db;
            }
            fmpq_clear(eps);
            snprintf(ev, sizeof ev, "exact: no student weight is a %s of w*_%ld "
                     "(closest positive-side student: sin + |db| = %.6g)",
                     line ? "non-zero multiple" : "positive multiple", (long) j, smin);
        }
        tsa_claim_set_concl(r, "some student k' is 0-aligned (exactly aligned) with j",
                            found >= 0 ? TSA_TRUE : TSA_FALSE, ev);
    }
    gb = pop_grad_bound(&p, prec);
    json_object_set_new(r->data, "pop_grad_inf_upper", json_real(gb));
    json_object_set_new(r->data, "teacher_index", json_integer(j));
    json_object_set_new(r->data, "student_index", json_integer(k));
    {
        size_t n = strlen(r->method) + 200;
        char *m2 = malloc(n);
        if (m2 != NULL)
        {
            snprintf(m2, n, "%s Population gradient at this point (x ~ N(0, I)): "
                     "|grad J|_inf <= %.3g.", r->method, gb);
            free(r->method);
            r->method = m2;
        }
    }
    fmpq_clear(a);
    fmpq_clear(t);
    pair_clear(&p);
    return TSA_SUCCESS;
}

int
tsa_claim_check_ss_thm2(tsa_claim_result_t r, const json_t *params,
                        const char *file, slong prec)
{
    pair_t p;
    slong k, kk, j, d, D1, C, nobs = 0, rank, c;
    char ev[1024], extra[96];
    int line = 0;
    const json_t *v;
    fmpq_t t, at;
    fmpq *sum;
    if (pair_read(&p, params, file) != TSA_SUCCESS)
        return TSA_EFORMAT;
    if (get_index(&k, params, "student_index", p.s->n, file) != TSA_SUCCESS)
    {
        pair_clear(&p);
        return TSA_EFORMAT;
    }
    if ((v = json_object_get(params, "colinear")) != NULL)
    {
        if (!json_is_string(v) || (strcmp(json_string_value(v), "positive") != 0
                                   && strcmp(json_string_value(v), "line") != 0))
        {
            pair_clear(&p);
            return TSA_ERROR(TSA_EFORMAT, "%s: params.colinear: \"positive\" or \"line\"",
                             file);
        }
        line = strcmp(json_string_value(v), "line") == 0;
    }
    if (k < 0)
        k = 0;
    d = p.t->d;
    D1 = d + 1;
    C = p.s->C;
    fmpq_init(t);
    fmpq_init(at);
    sum = _fmpq_vec_init(C);
    snprintf(extra, sizeof extra, ", student node k = %ld, co-linear = %s", (long) k,
             line ? "same line (t != 0)" : "positive multiple (t > 0)");
    instance_text(r, &p, extra);
    r->method = strdup("Exact rational arithmetic (FLINT fmpq): Assumption 2 by the "
                       "line decomposition of f - f* (docs/claims-ss.md s. 3), "
                       "observers by the closed form of Def. 4, the observers' "
                       "fan-out rank by exact row reduction, the conclusion as an "
                       "exact sum sum_k' v_k' |t_k'| (w_k' = t_k' w_k, so "
                       "|w_k'| = |t_k'| |w_k|).");
    assumptions(r, &p, prec);
    {
        slong found = -1;
        for (j = 0; j < p.t->n && found < 0; j++)
            if (tsa_ss_colinear(t, p.s->W + k * D1, p.t->W + j * D1, d, 0))
                found = j;
        snprintf(ev, sizeof ev, found < 0 ? "exact: w_%ld is no positive multiple of "
                 "any teacher weight" : "exact: w_%ld is a positive multiple of "
                 "teacher %ld", (long) k, (long) found);
        tsa_claim_add_hyp(r, "student k is unaligned (with every teacher)",
                          found < 0 ? TSA_TRUE : TSA_FALSE, ev);
    }
    {
        fmpq_mat_t Vm, Rm;
        fmpq_mat_init(Vm, p.s->n, C);
        for (kk = 0; kk < p.s->n; kk++)
            if (kk != k && tsa_ss_observer(p.s->W + kk * D1, p.s->W + k * D1, d, NULL)
                == TSA_TRUE)
            {
                for (c = 0; c < C; c++)
                    fmpq_set(fmpq_mat_entry(Vm, nobs, c), p.s->V + kk * C + c);
                nobs++;
            }
        fmpq_mat_init(Rm, p.s->n, C);
        rank = fmpq_mat_rref(Rm, Vm);
        fmpq_mat_clear(Rm);
        fmpq_mat_clear(Vm);
        snprintf(ev, sizeof ev, "exact: %ld students observe k; their fan-out "
                 "vectors have rank %ld (C = %ld)", (long) nobs, (long) rank, (long) C);
        tsa_claim_add_hyp(r, "k has C independent observers (fan-outs of rank C)",
                          rank == C ? TSA_TRUE : TSA_FALSE, ev);
    }
    {
        slong members = 0;
        int zero = 1;
        char *s0;
        for (kk = 0; kk < p.s->n; kk++)
            if (tsa_ss_colinear(t, p.s->W + kk * D1, p.s->W + k * D1, d, line))
            {
                members++;
                fmpq_abs(at, t);
                for (c = 0; c < C; c++)
                    fmpq_addmul(sum + c, p.s->V + kk * C + c, at);
            }
        for (c = 0; c < C; c++)
            zero &= fmpq_is_zero(sum + c);
        s0 = fmpq_get_str(NULL, 10, sum);
        snprintf(ev, sizeof ev, "exact: %ld co-linear student(s); sum v_k' |w_k'| = "
                 "|w_k| x (%s%s)", (long) members, s0, C > 1 ? ", ..." : "");
        flint_free(s0);
        tsa_claim_set_concl(r, "sum over k' co-linear with k of v_k' |w_k'| = 0",
                            zero ? TSA_TRUE : TSA_FALSE, ev);
    }
    json_object_set_new(r->data, "pop_grad_inf_upper", json_real(pop_grad_bound(&p, prec)));
    _fmpq_vec_clear(sum, C);
    fmpq_clear(t);
    fmpq_clear(at);
    pair_clear(&p);
    return TSA_SUCCESS;
}

/* Def. 3 as a claim: for every teacher j, min over students of the
 * alignment test, reported per teacher; conclusion "every teacher has an
 * eps-aligned student". */
int
tsa_claim_check_ss_align(tsa_claim_result_t r, const json_t *params,
                         const char *file, slong prec)
{
    pair_t p;
    fmpq_t eps;
    slong j, k, d, D1, nal = 0;
    char ev[4096], ins[128];
    size_t off = 0;
    int all = 1;
    if (pair_read(&p, params, file) != TSA_SUCCESS)
        return TSA_EFORMAT;
    fmpq_init(eps);
    {
        char what[512];
        snprintf(what, sizeof what, "%s: params.eps", file);
        if (tsa_ss_q_read(eps, json_object_get(params, "eps"), what) != TSA_SUCCESS
            || fmpq_sgn(eps) < 0)
        {
            fmpq_clear(eps);
            pair_clear(&p);
            return TSA_ERROR(TSA_EFORMAT, "%s: params.eps: a rational >= 0", file);
        }
    }
    d = p.t->d;
    D1 = d + 1;
    {
        char *es = fmpq_get_str(NULL, 10, eps);
        snprintf(ins, sizeof ins, ", eps = %s", es);
        flint_free(es);
    }
    instance_text(r, &p, ins);
    r->method = strdup("Def. 3 on regular (|wt| = 1) rescalings, decided in exact "
                       "rational arithmetic: sin^2 <= eps^2 as a rational inequality, "
                       "the bias gap by squaring with sign cases (docs/claims-ss.md "
                       "s. 1).");
    tsa_claim_add_hyp(r, "every teacher weight has wt != 0", TSA_TRUE, "checked on input");
    for (j = 0; j < p.t->n; j++)
    {
        slong best = -1;
        double bs = INFINITY, s1, db;
        for (k = 0; k < p.s->n; k++)
        {
            tsa_truth_t a = tsa_ss_eps_aligned(&s1, &db, p.s->W + k * D1,
                                               p.t->W + j * D1, d, eps, prec);
            if (a == TSA_TRUE && best < 0)
                best = k;
            if (isfinite(s1) && fmax(s1, db) < bs)
                bs = fmax(s1, db);
        }
        nal += best >= 0;
        all &= best >= 0;
        if (off < sizeof ev)
            off += (size_t) snprintf(ev + off, sizeof ev - off, "%steacher %ld: %s "
                                     "(min over k of max(sin, |db|) = %.4g)",
                                     j ? "; " : "", (long) j,
                                     best >= 0 ? "aligned" : "none", bs);
    }
    tsa_claim_set_concl(r, "every teacher node has an eps-aligned student",
                        all ? TSA_TRUE : TSA_FALSE, ev);
    json_object_set_new(r->data, "aligned_teachers", json_integer(nal));
    fmpq_clear(eps);
    pair_clear(&p);
    return TSA_SUCCESS;
}
