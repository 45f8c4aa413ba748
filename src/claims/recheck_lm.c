/* recheck_lm.c -- `tsalign check --recheck` for the LM Thm 4 / Thm 5
 * counterexample witnesses (docs/claims-lm.md s. 5a, 6b).
 *
 * lm_thm4 ("lm-contraction-step"): the witness holds the exact float64
 *   teacher rows, the initial student rows, the student row w_j^t at the
 *   violating step, theta0 (an Arb dump), eta and K_d (hex).  The recheck
 *   recomputes at --prec: sin angle(w_j^t, w*_j) from the 2 x 2 minors
 *   (Lagrange's identity; the checker uses sqrt(1 - cos^2)); d*0_jj from
 *   the angle by atan2 and (pi - t)/(2 pi) (zero bias) or the Arb kernel
 *   (bias); K_d again by the checker's routine at this precision (must
 *   agree with the stored value); eps_d by the kernel; M_d, gamma, dbar
 *   from their formulas; the bound (1 - eta dbar gamma)^(t-1) sin theta0
 *   by arb_pow.  Confirmed when observed > bound is proved.
 * lm_thm5 ("lm-thm5-bound"): the failing bound's vector at step t and the
 *   exact inputs of B_dv, B_v (V0, V*), sin theta0, rho_r and the rate r
 *   (balls, taken as stored: at t = 1 the bound does not depend on r).
 * A stored "observed" or "bound" ball that does not overlap the
 * recomputed one is a forged witness (truth FALSE). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_io.h"
#include "tsa_kernel.h"
#include "lm_impl.h"

#define RLM_MAX_N 1001   /* row length d + bias */
#define RLM_MAX_M 100    /* rows */

static int
rlm_int(long *x, const json_t *w, const char *key, long lo, long hi)
{
    const json_t *v = json_object_get(w, key);
    if (!json_is_integer(v) || json_integer_value(v) < lo
        || json_integer_value(v) > hi)
        return TSA_ERROR(TSA_EFORMAT, "witness.%s: an integer in [%ld, %ld] "
                         "needed", key, lo, hi);
    *x = (long) json_integer_value(v);
    return TSA_SUCCESS;
}

int
_tsa_lm_witness_hex(double *x, const json_t *v, const char *what)
{
    if (!json_is_string(v))
        return TSA_ERROR(TSA_EFORMAT, "%s: a hex float string needed", what);
    return tsa_io_parse_double_exact(x, json_string_value(v), what);
}

/* rows x cols exact doubles from an array of arrays of hex strings
 * (rows = 0: a flat vector of cols entries); lm_impl.h */
int
_tsa_lm_witness_mat(double *M, const json_t *w, const char *key, size_t rows,
        size_t cols)
{
    const json_t *a = json_object_get(w, key);
    size_t i, k;
    char what[96];
    int st;
    if (!json_is_array(a) || json_array_size(a) != (rows ? rows : cols))
        return TSA_ERROR(TSA_EFORMAT, "witness.%s: an array of %zu entries "
                         "needed", key, rows ? rows : cols);
    for (i = 0; i < (rows ? rows : 1); i++)
    {
        const json_t *r = rows ? json_array_get(a, i) : a;
        if (!json_is_array(r) || json_array_size(r) != cols)
            return TSA_ERROR(TSA_EFORMAT, "witness.%s[%zu]: %zu entries "
                             "needed", key, i, cols);
        for (k = 0; k < cols; k++)
        {
            snprintf(what, sizeof what, "witness.%s[%zu][%zu]", key, i, k);
            if ((st = _tsa_lm_witness_hex(M + i * cols + k, json_array_get(r, k), what)))
                return st;
        }
    }
    return TSA_SUCCESS;
}

/* an Arb dump {"exact": ...} (lm_impl.h) */
int
_tsa_lm_witness_arb(arb_t x, const json_t *w, const char *key)
{
    const json_t *o = json_object_get(w, key);
    const char *s = json_string_value(json_object_get(o, "exact"));
    char what[80];
    snprintf(what, sizeof what, "witness.%s.exact", key);
    if (s == NULL)
        return TSA_ERROR(TSA_EFORMAT, "%s: an Arb dump needed", what);
    return tsa_io_load_arb_dump(x, s, what);
}

/* |u|, |u - v| (v may be NULL) and sin angle(u, v) by 2 x 2 minors */
void
_tsa_lm_rnorm(arb_t r, const double *u, const double *v, size_t n, slong prec)
{
    arb_t x, y;
    size_t k;
    arb_init(x);
    arb_init(y);
    arb_zero(r);
    for (k = 0; k < n; k++)
    {
        arb_set_d(x, u[k]);
        if (v != NULL)
        {
            arb_set_d(y, v[k]);
            arb_sub(x, x, y, prec);
        }
        arb_addmul(r, x, x, prec);
    }
    arb_sqrtpos(r, r, prec);
    arb_clear(x);
    arb_clear(y);
}

static void
rlm_sin(arb_t s, const double *u, const double *v, size_t n, slong prec)
{
    arb_t m, a, b, nu, nv;
    size_t i, k;
    arb_init(m); arb_init(a); arb_init(b); arb_init(nu); arb_init(nv);
    arb_zero(s);
    for (i = 0; i < n; i++)
        for (k = i + 1; k < n; k++)
        {
            arb_set_d(a, u[i]);
            arb_set_d(b, v[k]);
            arb_mul(m, a, b, prec);
            arb_set_d(a, u[k]);
            arb_set_d(b, v[i]);
            arb_submul(m, a, b, prec);
            arb_addmul(s, m, m, prec);
        }
    arb_sqrtpos(s, s, prec);
    _tsa_lm_rnorm(nu, u, NULL, n, prec);
    _tsa_lm_rnorm(nv, v, NULL, n, prec);
    arb_mul(nu, nu, nv, prec);
    arb_div(s, s, nu, prec);
    arb_clear(m); arb_clear(a); arb_clear(b); arb_clear(nu); arb_clear(nv);
}

/* angle by atan2(|u x v|, u.v) */
static void
rlm_angle(arb_t t, const double *u, const double *v, size_t n, slong prec)
{
    arb_t s, c, x, y, nu;
    size_t k;
    arb_init(s); arb_init(c); arb_init(x); arb_init(y); arb_init(nu);
    rlm_sin(s, u, v, n, prec);
    arb_zero(c);
    for (k = 0; k < n; k++)
    {
        arb_set_d(x, u[k]);
        arb_set_d(y, v[k]);
        arb_addmul(c, x, y, prec);
    }
    _tsa_lm_rnorm(nu, u, NULL, n, prec);
    _tsa_lm_rnorm(x, v, NULL, n, prec);
    arb_mul(nu, nu, x, prec);
    arb_div(c, c, nu, prec);
    arb_atan2(t, s, c, prec);
    arb_clear(s); arb_clear(c); arb_clear(x); arb_clear(y); arb_clear(nu);
}

/* truth of "observed > bound" plus the consistency of the stored balls;
   lm_impl.h */
tsa_truth_t
_tsa_lm_recheck_decide(char *why, size_t whyn, const arb_t obs,
                       const arb_t bnd, const arb_t obs_s, const arb_t bnd_s,
                       const char *obs_name, const char *bnd_name)
{
    arb_t o, b;
    int okl, okr;
    why[0] = '\0';
    /* the stored balls are compared to 1e-9 relative: a rigorous K_d
       bound is not unique (the checker may use a ball of it, the
       recheck its upper end), which moves the bound in the last bits */
    arb_init(o);
    arb_init(b);
    arb_set(o, obs);
    arb_set(b, bnd);
    arb_add_error_2exp_si(o, arf_abs_bound_lt_2exp_si(arb_midref(o)) - 30);
    arb_add_error_2exp_si(b, arf_abs_bound_lt_2exp_si(arb_midref(b)) - 30);
    okl = arb_overlaps(o, obs_s);
    okr = arb_overlaps(b, bnd_s);
    arb_clear(o);
    arb_clear(b);
    if (!okl || !okr)
    {
        snprintf(why, whyn, "; the stored %s does not match the "
                 "recomputation: forged or corrupted witness",
                 !okl ? obs_name : bnd_name);
        return TSA_FALSE;
    }
    if (arb_gt(obs, bnd))
        return TSA_TRUE;
    if (arb_le(obs, bnd))
        return TSA_FALSE;
    return TSA_UNDECIDED;
}

static int
recheck_thm4(tsa_truth_t *truth, char **msg, const json_t *w, slong prec)
{
    long t, j, m, d, bias;
    size_t n, i;
    double *Ws = NULL, *W0 = NULL, *wt = NULL, eta, ks, kup = 0, klo, t1, t2;
    long nbox, ki, kj, e1, e2, eb;
    const char *form;
    arb_t th0, obs, bnd, obs_s, bnd_s, K, S, c2, x, Md, gam, eps, dmin, dj,
        one, zero, ang, A;
    tsa_truth_t kt;
    char buf[1200], why[200], so[64], sb[64], sg[64], sd[64];
    int st;
    arb_init(th0); arb_init(obs); arb_init(bnd); arb_init(obs_s);
    arb_init(bnd_s); arb_init(K); arb_init(S); arb_init(c2); arb_init(x);
    arb_init(Md); arb_init(gam); arb_init(eps); arb_init(dmin); arb_init(dj);
    arb_init(one); arb_init(zero); arb_init(ang); arb_init(A);
    arb_one(one);
    arb_zero(zero);
    form = json_string_value(json_object_get(w, "dbar_form"));
    if ((st = rlm_int(&t, w, "t", 0, 10000000))
        || (st = rlm_int(&m, w, "m", 1, RLM_MAX_M))
        || (st = rlm_int(&j, w, "j", 0, m - 1))
        || (st = rlm_int(&bias, w, "bias", 0, 1))
        || (st = rlm_int(&d, w, "d", 2 - bias, RLM_MAX_N - bias)))
        goto out;
    if (form == NULL || (strcmp(form, "printed") && strcmp(form, "lemma")))
    {
        st = TSA_ERROR(TSA_EFORMAT, "witness.dbar_form: printed or lemma");
        goto out;
    }
    n = (size_t) (d + bias);
    Ws = malloc(sizeof(double) * (size_t) m * n);
    W0 = malloc(sizeof(double) * (size_t) m * n);
    wt = malloc(sizeof(double) * n);
    if ((st = _tsa_lm_witness_mat(Ws, w, "W_star", (size_t) m, n))
        || (st = _tsa_lm_witness_mat(W0, w, "W0", (size_t) m, n))
        || (st = _tsa_lm_witness_mat(wt, w, "w_t", 0, n))
        || (st = _tsa_lm_witness_hex(&eta, json_object_get(w, "eta"), "witness.eta"))
        || (st = _tsa_lm_witness_hex(&ks, json_object_get(w, "K_d_upper"),
                         "witness.K_d_upper"))
        || (st = _tsa_lm_witness_arb(th0, w, "theta0"))
        || (st = _tsa_lm_witness_arb(obs_s, w, "observed"))
        || (st = _tsa_lm_witness_arb(bnd_s, w, "bound")))
        goto out;
    if (!arb_is_positive(th0) || arf_cmp_d(arb_midref(th0), 1.5) > 0
        || !(eta > 0 && eta <= 1e6))
    {
        st = TSA_ERROR(TSA_EFORMAT, "witness.theta0, eta: out of range");
        goto out;
    }
    /* K_d again, by the checker's routine at this precision */
    arb_mul_2exp_si(S, th0, -1);
    arb_sin_cos(S, c2, S, prec);
    if (!bias)
    {
        arb_zero(A);
        for (i = 0; i < (size_t) m; i++)
        {
            size_t i2;
            for (i2 = i + 1; i2 < (size_t) m; i2++)
            {
                rlm_angle(ang, Ws + i * n, Ws + i2 * n, n, prec);
                arb_max(A, A, ang, prec);
            }
        }
        arb_mul_2exp_si(x, th0, 1);
        arb_add(x, x, A, prec);
        kt = _tsa_lm_kconst(&kup, &klo, &t1, &t2, &nbox, TSA_LM_PSI_D, x,
                            th0, 1e-4, 200000, prec);
        arb_set_d(K, kup);
    }
    else
    {
        arb_mul_2exp_si(x, S, 1);
        kt = _tsa_lm_kd_caps(K, &ki, &kj, Ws, (size_t) m, (size_t) d, x,
                             prec);
        kup = _tsa_lm_ubound_d(K);
        arb_set_d(K, kup);
    }
    if (kt != TSA_TRUE)
    {
        *truth = TSA_UNDECIDED;
        *msg = strdup("K_d not established again at this precision");
        goto out;
    }
    if (!(ks >= kup * (1 - 1e-6) && ks <= kup * (1 + 1e-6)))
    {
        *truth = TSA_FALSE;
        snprintf(buf, sizeof buf, "stored K_d = %.17g differs from the "
                 "recomputed %.17g: forged or corrupted witness", ks, kup);
        *msg = strdup(buf);
        goto out;
    }
    arb_set_d(K, ks);              /* agrees with the recomputation */
    /* eps_d, M_d (39), gamma */
    if (m > 1 && _tsa_lm_eps(eps, &e1, &e2, &eb, TSA_LM_PSI_D, Ws,
                             (size_t) m, (size_t) d, (int) bias, one, prec)
                     != TSA_TRUE)
    {
        *truth = TSA_UNDECIDED;
        *msg = strdup("eps_d not established again");
        goto out;
    }
    arb_mul(x, K, S, prec);
    arb_mul_2exp_si(x, x, 1);                     /* C = 2 K sin(th0/2) */
    arb_add(Md, one, x, prec);
    arb_sqr(Md, Md, prec);
    arb_add(dj, one, K, prec);
    arb_mul(Md, Md, dj, prec);
    arb_div(Md, Md, c2, prec);
    arb_cos(gam, th0, prec);
    if (m > 1)
    {
        arb_mul(dj, eps, Md, prec);
        arb_submul_si(gam, dj, m - 1, prec);
    }
    /* min_j d*0_jj */
    for (i = 0; i < (size_t) m; i++)
    {
        if (!bias)
        {
            arb_t pi;
            arb_init(pi);
            arb_const_pi(pi, prec);
            rlm_angle(ang, W0 + i * n, Ws + i * n, n, prec);
            arb_sub(dj, pi, ang, prec);
            arb_div(dj, dj, pi, prec);
            arb_mul_2exp_si(dj, dj, -1);
            arb_clear(pi);
        }
        else
        {
            arb_ptr a = _arb_vec_init((slong) n), b = _arb_vec_init((slong) n);
            size_t k;
            for (k = 0; k < n; k++)
            {
                arb_set_d(a + k, W0[i * n + k]);
                arb_set_d(b + k, Ws[i * n + k]);
            }
            if (tsa_kernel_psi_d(dj, a, b, (slong) d, 1, one, zero, prec))
                arb_indeterminate(dj);
            _arb_vec_clear(a, (slong) n);
            _arb_vec_clear(b, (slong) n);
        }
        if (i == 0)
            arb_set(dmin, dj);
        else
            arb_min(dmin, dmin, dj, prec);
    }
    if (strcmp(form, "printed") == 0)
        arb_add(x, one, x, prec);
    else
        arb_sub(x, one, x, prec);
    arb_mul(x, x, dmin, prec);                    /* dbar */
    arb_mul(x, x, gam, prec);
    arb_set_d(dj, eta);
    arb_mul(x, x, dj, prec);
    arb_sub(x, one, x, prec);                     /* rate */
    arb_set_si(dj, t - 1);
    arb_pow(bnd, x, dj, prec);
    arb_sin(dj, th0, prec);
    arb_mul(bnd, bnd, dj, prec);
    rlm_sin(obs, wt, Ws + (size_t) j * n, n, prec);
    *truth = _tsa_lm_recheck_decide(why, sizeof why, obs, bnd, obs_s, bnd_s,
                                    "observed value", "bound");
    _tsa_lm_str(so, sizeof so, obs, 20);
    _tsa_lm_str(sb, sizeof sb, bnd, 20);
    _tsa_lm_str(sg, sizeof sg, gam, 20);
    _tsa_lm_str(sd, sizeof sd, dmin, 20);
    snprintf(buf, sizeof buf, "Thm 4 (dbar %s) at t = %ld, node %ld, %ld bits:"
             " sin theta_j^t = %s (2 x 2 minors) vs bound (1 - eta dbar "
             "gamma)^(t-1) sin theta0 = %s (arb_pow; K_d <= %.9g again, gamma"
             " = %s, min d*0_jj = %s by %s)%s", form, t, j, (long) prec, so,
             sb, kup, sg, sd, bias ? "the Arb kernel" : "atan2 and (pi - t)/"
             "(2 pi)", why);
    *msg = strdup(buf);
out:
    free(Ws);
    free(W0);
    free(wt);
    arb_clear(th0); arb_clear(obs); arb_clear(bnd); arb_clear(obs_s);
    arb_clear(bnd_s); arb_clear(K); arb_clear(S); arb_clear(c2); arb_clear(x);
    arb_clear(Md); arb_clear(gam); arb_clear(eps); arb_clear(dmin);
    arb_clear(dj); arb_clear(one); arb_clear(zero); arb_clear(ang);
    arb_clear(A);
    return st;
}

static int
recheck_thm5(tsa_truth_t *truth, char **msg, const json_t *w, slong prec)
{
    static const char *const kname[4] = {"W_u", "V_u", "V_r", "W_r"};
    long t, j, m, n, d, C;
    int kind;
    size_t i, len;
    const char *ks = json_string_value(json_object_get(w, "bound_kind"));
    double *Ws = NULL, *Vs = NULL, *W0 = NULL, *V0 = NULL, *xt = NULL;
    arb_t th0, rate, rho, obs, bnd, obs_s, bnd_s, B, x;
    char buf[900], why[200], so[64], sb[64];
    int st;
    arb_init(th0); arb_init(rate); arb_init(rho); arb_init(obs); arb_init(bnd);
    arb_init(obs_s); arb_init(bnd_s); arb_init(B); arb_init(x);
    for (kind = 0; kind < 4; kind++)
        if (ks != NULL && strcmp(ks, kname[kind]) == 0)
            break;
    if (kind == 4)
    {
        st = TSA_ERROR(TSA_EFORMAT, "witness.bound_kind: W_u, V_u, V_r or "
                       "W_r");
        goto out;
    }
    if ((st = rlm_int(&t, w, "t", 0, 10000000))
        || (st = rlm_int(&m, w, "m", 1, RLM_MAX_M))
        || (st = rlm_int(&n, w, "n", m, 2 * RLM_MAX_M))
        || (st = rlm_int(&j, w, "j", 0, n - 1))
        || (st = rlm_int(&d, w, "d", 2, RLM_MAX_N))
        || (st = rlm_int(&C, w, "C", 1, RLM_MAX_N)))
        goto out;
    if ((kind < 2) != (j < m))
    {
        st = TSA_ERROR(TSA_EFORMAT, "witness.j: node %ld is not in the %s",
                       j, kind < 2 ? "u-set" : "r-set");
        goto out;
    }
    len = (size_t) (kind == 1 || kind == 2 ? C : d);
    Ws = malloc(sizeof(double) * (size_t) (m * d));
    Vs = malloc(sizeof(double) * (size_t) (m * C));
    W0 = malloc(sizeof(double) * (size_t) (n * d));
    V0 = malloc(sizeof(double) * (size_t) (n * C));
    xt = malloc(sizeof(double) * len);
    if ((st = _tsa_lm_witness_mat(Ws, w, "W_star", (size_t) m, (size_t) d))
        || (st = _tsa_lm_witness_mat(Vs, w, "V_star", (size_t) m, (size_t) C))
        || (st = _tsa_lm_witness_mat(W0, w, "W0", (size_t) n, (size_t) d))
        || (st = _tsa_lm_witness_mat(V0, w, "V0", (size_t) n, (size_t) C))
        || (st = _tsa_lm_witness_mat(xt, w, "x_t", 0, len))
        || (st = _tsa_lm_witness_arb(th0, w, "theta0"))
        || (st = _tsa_lm_witness_arb(rate, w, "rate"))
        || (st = _tsa_lm_witness_arb(rho, w, "rho_r"))
        || (st = _tsa_lm_witness_arb(obs_s, w, "observed"))
        || (st = _tsa_lm_witness_arb(bnd_s, w, "bound")))
        goto out;
    /* the bound's constant */
    arb_zero(B);
    if (kind == 0)
        arb_sin(B, th0, prec);
    else if (kind == 1)
        for (i = 0; i < (size_t) m; i++)
        {
            _tsa_lm_rnorm(x, V0 + i * (size_t) C, Vs + i * (size_t) C, (size_t) C,
                     prec);
            arb_max(B, B, x, prec);
        }
    else if (kind == 2)
        for (i = 0; i < (size_t) n; i++)
        {
            _tsa_lm_rnorm(x, i < (size_t) m ? Vs + i * (size_t) C
                                       : V0 + i * (size_t) C, NULL,
                     (size_t) C, prec);
            arb_max(B, B, x, prec);
        }
    if (kind == 3)
        arb_set(bnd, rho);
    else
    {
        arb_set_si(x, t - 1);
        arb_pow(bnd, rate, x, prec);
        arb_mul(bnd, bnd, B, prec);
    }
    if (kind == 0)
        rlm_sin(obs, xt, Ws + (size_t) j * (size_t) d, (size_t) d, prec);
    else if (kind == 1)
        _tsa_lm_rnorm(obs, xt, Vs + (size_t) j * (size_t) C, (size_t) C, prec);
    else if (kind == 2)
        _tsa_lm_rnorm(obs, xt, NULL, (size_t) C, prec);
    else
        _tsa_lm_rnorm(obs, xt, W0 + (size_t) j * (size_t) d, (size_t) d, prec);
    *truth = _tsa_lm_recheck_decide(why, sizeof why, obs, bnd, obs_s, bnd_s,
                                    "observed value", "bound");
    _tsa_lm_str(so, sizeof so, obs, 20);
    _tsa_lm_str(sb, sizeof sb, bnd, 20);
    snprintf(buf, sizeof buf, "Thm 5 %s bound at t = %ld, node %ld, %ld bits: "
             "observed %s vs bound %s (recomputed from the stored exact "
             "state; the rate r is taken from the witness%s)%s", kname[kind],
             t, j, (long) prec, so, sb, t == 1 || kind == 3
             ? " and does not enter at this step" : "", why);
    *msg = strdup(buf);
out:
    free(Ws); free(Vs); free(W0); free(V0); free(xt);
    arb_clear(th0); arb_clear(rate); arb_clear(rho); arb_clear(obs);
    arb_clear(bnd); arb_clear(obs_s); arb_clear(bnd_s); arb_clear(B);
    arb_clear(x);
    return st;
}

int
tsa_claim_recheck_lm(tsa_truth_t *truth, char **msg, const char *checker,
                     const json_t *w, slong prec)
{
    *truth = TSA_UNDECIDED;
    if (strcmp(checker, "lm_thm4") == 0)
        return recheck_thm4(truth, msg, w, prec);
    return recheck_thm5(truth, msg, w, prec);
}
