/* recheck_lmx.c -- witnesses of the LM Lemma 2-4 and Thm 2 counterexamples
 * and their `tsalign check --recheck` (docs/claims-lm.md s. 8a).
 *
 * lm_lemma4 ("lm-lemma4-angle"): the exact angle theta (hex float) of the
 *   violating grid point, C0 (Arb dump) and the checker's l*_jj, l_jj,
 *   |dw_j|, both sides (balls).  The recheck takes w* = (1, 0), w = (cos
 *   theta, sin theta), computes l*_jj = F(theta), l_jj = F(0) with
 *   F(t) = (sin t + (pi - t) cos t)/(2 pi) and |dw| as the norm of the
 *   vector w - w* (the checker: 2 sin(theta/2) and the Arb kernel), at
 *   --prec, and decides |l* - l| > C0 l* |dw|^2 again.
 * lm_thm2 ("lm-thm2-relerr"): the weights and the relative error, recomputed
 *   from the closed-form gradient of psi_l (see recheck_t2).
 * lm_lemma23 ("lm-lemma23-pair"): the float64 rows w_j, w_j', w*_j, w*_j'
 *   as stored (not normalised), for Lemma 3 the columns v_j', v*_j', K, eps
 *   (Arb dumps) and both sides of the violated equation.  The recheck never
 *   normalises: every psi comes from the angle atan2(|u x v|, u.v) of the
 *   raw rows (2 x 2 minors; the checker: the kernel and acos of the
 *   normalised dot), |w_j - w*_j| = 2 sin(angle/2), and for Lemma 2 the
 *   norm |a w*_j' - b w_j'| by the law of cosines.
 * A stored side that does not overlap its recomputation (to 2^-30
 * relative) is a forged witness (truth FALSE). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_io.h"
#include "lm_lemmas.h"

#define RLX_MAX_N 64 /* row length (L23_DMAX, L23_MMAX are smaller) */

/* ------------------------------------------------------------------ */
/* witnesses */

static void
wx_hex(json_t *w, const char *key, double x)
{
    char s[64];
    snprintf(s, sizeof s, "%a", x);
    json_object_set_new(w, key, json_string(s));
}

json_t *
_tsa_lmx_w4(double theta, const arb_t C0, slong prec)
{
    json_t *w = json_object();
    arb_t t, lhs, rhs, ls, dw;
    arb_init(t); arb_init(lhs); arb_init(rhs); arb_init(ls); arb_init(dw);
    arb_set_d(t, theta);
    _tsa_lmx_l4_sides(lhs, rhs, t, C0, prec);
    arb_one(ls);
    arb_mul_2exp_si(ls, ls, -1);
    arb_sub(ls, ls, lhs, prec);               /* F(theta) = 1/2 - lhs */
    arb_mul_2exp_si(dw, t, -1);
    arb_sin(dw, dw, prec);
    arb_mul_2exp_si(dw, dw, 1);               /* 2 sin(theta/2) */
    json_object_set_new(w, "checker", json_string("lm_lemma4"));
    json_object_set_new(w, "form", json_string("lm-lemma4-angle"));
    json_object_set_new(w, "relation", json_string(
        "|l*_jj - l_jj| > C0 l*_jj |dw_j|^2 at w* = (1, 0), "
        "w = (cos theta, sin theta)"));
    wx_hex(w, "theta", theta);
    json_object_set_new(w, "C0", tsa_claim_witness_arb(C0));
    json_object_set_new(w, "dw", tsa_claim_witness_arb(dw));
    json_object_set_new(w, "l_star", tsa_claim_witness_arb(ls));
    json_object_set_new(w, "l", json_string("1/2"));
    json_object_set_new(w, "lhs", tsa_claim_witness_arb(lhs));
    json_object_set_new(w, "rhs", tsa_claim_witness_arb(rhs));
    arb_clear(t); arb_clear(lhs); arb_clear(rhs); arb_clear(ls);
    arb_clear(dw);
    return w;
}

json_t *
_tsa_lmx_w23(int lemma, int corrected, int eq, size_t j, size_t k,
             const double *Ws, const double *Wt, size_t d, const double *V,
             const double *Vs, size_t m, size_t C, const arb_t K,
             const arb_t eps, const arb_t lhs, const arb_t rhs)
{
    json_t *w = json_object();
    double v[RLX_MAX_N], vs[RLX_MAX_N];
    size_t i;
    json_object_set_new(w, "checker", json_string("lm_lemma23"));
    json_object_set_new(w, "form", json_string("lm-lemma23-pair"));
    json_object_set_new(w, "relation", json_string(
        eq == 1 ? (lemma == 3 ? "eq. (30): lhs > rhs" : "eq. (19): lhs > rhs")
                : (lemma == 3 ? "eq. (31): lhs > rhs" : "eq. (20): lhs > rhs")));
    json_object_set_new(w, "lemma", json_integer(lemma));
    json_object_set_new(w, "bound", json_string(corrected ? "corrected"
                                                          : "printed"));
    json_object_set_new(w, "eq", json_integer(eq));
    json_object_set_new(w, "j", json_integer((json_int_t) j + 1));
    json_object_set_new(w, "j2", json_integer((json_int_t) k + 1));
    json_object_set_new(w, "w_j", _tsa_lm_hex_vec(Ws + j * d, d));
    json_object_set_new(w, "w_j2", _tsa_lm_hex_vec(Ws + k * d, d));
    json_object_set_new(w, "w_star_j", _tsa_lm_hex_vec(Wt + j * d, d));
    json_object_set_new(w, "w_star_j2", _tsa_lm_hex_vec(Wt + k * d, d));
    if (lemma == 3 && C <= RLX_MAX_N)
    {
        for (i = 0; i < C; i++)
        {
            v[i] = V[i * m + k];
            vs[i] = Vs[i * m + k];
        }
        json_object_set_new(w, "v_j2", _tsa_lm_hex_vec(v, C));
        json_object_set_new(w, "v_star_j2", _tsa_lm_hex_vec(vs, C));
    }
    json_object_set_new(w, "K", tsa_claim_witness_arb(K));
    json_object_set_new(w, "eps", tsa_claim_witness_arb(eps));
    json_object_set_new(w, "lhs", tsa_claim_witness_arb(lhs));
    json_object_set_new(w, "rhs", tsa_claim_witness_arb(rhs));
    return w;
}

json_t *
_tsa_lmx_wt2(const double *Ws, const double *Wt, const double *V,
             const double *Vs, size_t n, size_t m, size_t d, size_t C,
             int proj, const arb_t tol, const arb_t rel)
{
    json_t *w = json_object();
    json_object_set_new(w, "checker", json_string("lm_thm2"));
    json_object_set_new(w, "form", json_string("lm-thm2-relerr"));
    json_object_set_new(w, "relation", json_string(
        "|eq6 - grad|_F / |grad|_F > tol at layer 0"));
    json_object_set_new(w, "n", json_integer((json_int_t) n));
    json_object_set_new(w, "m", json_integer((json_int_t) m));
    json_object_set_new(w, "d", json_integer((json_int_t) d));
    json_object_set_new(w, "C", json_integer((json_int_t) C));
    json_object_set_new(w, "projected", json_integer(proj));
    json_object_set_new(w, "W", _tsa_lm_hex_mat(Ws, n, d));
    json_object_set_new(w, "W_star", _tsa_lm_hex_mat(Wt, m, d));
    json_object_set_new(w, "V", _tsa_lm_hex_mat(V, C, n));
    json_object_set_new(w, "V_star", _tsa_lm_hex_mat(Vs, C, m));
    json_object_set_new(w, "tol", tsa_claim_witness_arb(tol));
    json_object_set_new(w, "rel_err", tsa_claim_witness_arb(rel));
    return w;
}

/* ------------------------------------------------------------------ */
/* readers */

static int
rx_hex(double *x, const json_t *w, const char *key)
{
    char what[64];
    snprintf(what, sizeof what, "witness.%s", key);
    return _tsa_lm_witness_hex(x, json_object_get(w, key), what);
}

static int
rx_vec(double *x, size_t *n, const json_t *w, const char *key)
{
    const json_t *a = json_object_get(w, key);
    char what[64];
    size_t k;
    int st;
    if (!json_is_array(a) || json_array_size(a) < 1
        || json_array_size(a) > RLX_MAX_N
        || (*n != 0 && json_array_size(a) != *n))
        return TSA_ERROR(TSA_EFORMAT, "witness.%s: an array of 1..%d hex "
                         "floats (of the common length) needed", key,
                         RLX_MAX_N);
    *n = json_array_size(a);
    for (k = 0; k < *n; k++)
    {
        const json_t *v = json_array_get(a, k);
        snprintf(what, sizeof what, "witness.%s[%zu]", key, k);
        if (!json_is_string(v))
            return TSA_ERROR(TSA_EFORMAT, "%s: a hex float string needed",
                             what);
        if ((st = tsa_io_parse_double_exact(x + k, json_string_value(v),
                                            what)))
            return st;
    }
    return TSA_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* independent formulas */

/* F(t) = (sin t + (pi - t) cos t)/(2 pi) with sin, cos given */
static void
rx_F(arb_t y, const arb_t t, const arb_t s, const arb_t c, slong prec)
{
    arb_t pi;
    arb_init(pi);
    arb_const_pi(pi, prec);
    arb_sub(y, pi, t, prec);
    arb_mul(y, y, c, prec);
    arb_add(y, y, s, prec);
    arb_mul_2exp_si(pi, pi, 1);
    arb_div(y, y, pi, prec);
    arb_clear(pi);
}

/* angle of the raw rows u, v: atan2(|u x v| (2 x 2 minors), u.v) */
static void
rx_angle(arb_t t, const double *u, const double *v, size_t n, slong prec)
{
    arb_t s, c, m, a, b;
    size_t i, k;
    arb_init(s); arb_init(c); arb_init(m); arb_init(a); arb_init(b);
    arb_zero(s);
    arb_zero(c);
    for (i = 0; i < n; i++)
    {
        arb_set_d(a, u[i]);
        arb_set_d(b, v[i]);
        arb_addmul(c, a, b, prec);
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
    }
    arb_sqrtpos(s, s, prec);
    arb_atan2(t, s, c, prec);
    arb_clear(s); arb_clear(c); arb_clear(m); arb_clear(a); arb_clear(b);
}

/* psi of unit vectors at angle t: psi_l = F(t), psi_d = (pi - t)/(2 pi) */
static void
rx_psi(arb_t y, int lw, const arb_t t, slong prec)
{
    arb_t s, c;
    arb_init(s);
    arb_init(c);
    if (lw)
        arb_sin_cos(s, c, t, prec);
    else
        arb_one(c);   /* (0 + (pi - t) 1)/(2 pi) */
    rx_F(y, t, s, c, prec);
    arb_clear(s);
    arb_clear(c);
}

/* |u - v| of unit vectors at angle t: 2 sin(t/2) */
static void
rx_chord(arb_t y, const arb_t t, slong prec)
{
    arb_mul_2exp_si(y, t, -1);
    arb_sin(y, y, prec);
    arb_mul_2exp_si(y, y, 1);
}

/* ------------------------------------------------------------------ */
/* rechecks */

static int
recheck_l4(tsa_truth_t *truth, char **msg, const json_t *w, slong prec)
{
    double th;
    arb_t t, s, c, C0, ls, l, dw, lhs, rhs, lhs_s, rhs_s, z;
    char buf[800], why[160], s1[48], s2[48], s3[48], s4[48];
    int st;
    arb_init(t); arb_init(s); arb_init(c); arb_init(C0); arb_init(ls);
    arb_init(l); arb_init(dw); arb_init(lhs); arb_init(rhs);
    arb_init(lhs_s); arb_init(rhs_s); arb_init(z);
    if ((st = rx_hex(&th, w, "theta")) || (st = _tsa_lm_witness_arb(C0, w, "C0"))
        || (st = _tsa_lm_witness_arb(lhs_s, w, "lhs")) || (st = _tsa_lm_witness_arb(rhs_s, w, "rhs")))
        goto out;
    if (!(th > 0 && th <= 3.1415926535897932) || !arb_is_finite(C0))
    {
        st = TSA_ERROR(TSA_EFORMAT, "witness.theta, C0: theta in (0, pi], "
                       "C0 finite needed");
        goto out;
    }
    arb_set_d(t, th);
    arb_sin_cos(s, c, t, prec);
    rx_F(ls, t, s, c, prec);                  /* l*_jj */
    arb_one(c);
    rx_F(l, z, z, c, prec);                   /* l_jj = F(0) */
    /* |w - w*| with w = (cos t, sin t), w* = (1, 0) */
    arb_sin_cos(s, c, t, prec);
    arb_sub_ui(c, c, 1, prec);
    arb_sqr(c, c, prec);
    arb_sqr(s, s, prec);
    arb_add(dw, c, s, prec);                  /* |dw|^2 */
    arb_sub(lhs, ls, l, prec);
    arb_abs(lhs, lhs);
    arb_mul(rhs, C0, ls, prec);
    arb_mul(rhs, rhs, dw, prec);
    *truth = _tsa_lm_recheck_decide(why, sizeof why, lhs, rhs, lhs_s, rhs_s,
                                    "lhs", "rhs");
    arb_sqrtpos(dw, dw, prec);
    _tsa_lm_str(s1, sizeof s1, ls, 12);
    _tsa_lm_str(s2, sizeof s2, dw, 12);
    _tsa_lm_str(s3, sizeof s3, lhs, 12);
    _tsa_lm_str(s4, sizeof s4, rhs, 12);
    snprintf(buf, sizeof buf, "Lemma 4 at theta = %a, %ld bits: l*_jj = "
             "F(theta) = %s, l_jj = F(0) = 1/2, |dw| = %s (vector norm); "
             "|l* - l| = %s vs C0 l* |dw|^2 = %s%s", th, (long) prec, s1, s2,
             s3, s4, why);
    *msg = strdup(buf);
out:
    arb_clear(t); arb_clear(s); arb_clear(c); arb_clear(C0); arb_clear(ls);
    arb_clear(l); arb_clear(dw); arb_clear(lhs); arb_clear(rhs);
    arb_clear(lhs_s); arb_clear(rhs_s); arb_clear(z);
    return st;
}

static int
recheck_l23(tsa_truth_t *truth, char **msg, const json_t *w, slong prec)
{
    json_int_t lemma = json_integer_value(json_object_get(w, "lemma"));
    json_int_t eq = json_integer_value(json_object_get(w, "eq"));
    const char *bound = json_string_value(json_object_get(w, "bound"));
    double wj[RLX_MAX_N], wk[RLX_MAX_N], uj[RLX_MAX_N], uk[RLX_MAX_N],
           v[RLX_MAX_N], vs[RLX_MAX_N];
    size_t d = 0, C = 0, i;
    int lw, corrected, st;
    arb_t K, eps, lhs_s, rhs_s, lhs, rhs, a, b, x, y, dwj, dwk, ang;
    char buf[900], why[160], s1[48], s2[48];
    arb_init(K); arb_init(eps); arb_init(lhs_s); arb_init(rhs_s);
    arb_init(lhs); arb_init(rhs); arb_init(a); arb_init(b); arb_init(x);
    arb_init(y); arb_init(dwj); arb_init(dwk); arb_init(ang);
    if ((lemma != 2 && lemma != 3) || (eq != 1 && eq != 2) || bound == NULL
        || (strcmp(bound, "printed") && strcmp(bound, "corrected")))
    {
        st = TSA_ERROR(TSA_EFORMAT, "witness.lemma, eq, bound: 2 or 3, 1 or "
                       "2, printed or corrected needed");
        goto out;
    }
    lw = lemma == 3;
    corrected = strcmp(bound, "corrected") == 0;
    if ((st = rx_vec(wj, &d, w, "w_j")) || (st = rx_vec(wk, &d, w, "w_j2"))
        || (st = rx_vec(uj, &d, w, "w_star_j"))
        || (st = rx_vec(uk, &d, w, "w_star_j2"))
        || (lw && eq == 1 && ((st = rx_vec(v, &C, w, "v_j2"))
                              || (st = rx_vec(vs, &C, w, "v_star_j2"))))
        || (st = _tsa_lm_witness_arb(K, w, "K")) || (st = _tsa_lm_witness_arb(eps, w, "eps"))
        || (st = _tsa_lm_witness_arb(lhs_s, w, "lhs")) || (st = _tsa_lm_witness_arb(rhs_s, w, "rhs")))
        goto out;
    rx_angle(ang, wk, uk, d, prec);
    rx_chord(dwk, ang, prec);                 /* |w_j' - w*_j'| */
    rx_angle(ang, wj, uk, d, prec);
    rx_psi(a, lw, ang, prec);                 /* starred jj' */
    if (eq == 1)
    {
        rx_angle(ang, wj, wk, d, prec);
        rx_psi(b, lw, ang, prec);             /* plain jj' */
        if (!lw)
        {
            /* |a w*_j' - b w_j'|^2 = a^2 + b^2 - 2 a b cos angle */
            rx_angle(ang, uk, wk, d, prec);
            arb_cos(x, ang, prec);
            arb_mul(x, x, a, prec);
            arb_mul(x, x, b, prec);
            arb_mul_2exp_si(x, x, 1);
            arb_sqr(y, a, prec);
            arb_addmul(y, b, b, prec);
            arb_sub(lhs, y, x, prec);
            arb_sqrtpos(lhs, lhs, prec);
        }
        else
        {
            arb_zero(lhs);
            for (i = 0; i < C; i++)
            {
                arb_set_d(x, vs[i]);
                arb_mul(x, x, a, prec);
                arb_set_d(y, v[i]);
                arb_submul(x, y, b, prec);
                arb_addmul(lhs, x, x, prec);
            }
            arb_sqrtpos(lhs, lhs, prec);
        }
        if (lw && corrected)
        {
            _tsa_lm_rnorm(x, v, NULL, C, prec);
            arb_mul(x, x, K, prec);
            arb_mul(x, x, dwk, prec);
            _tsa_lm_rnorm(y, v, vs, C, prec);
            arb_add(rhs, x, y, prec);
            arb_mul(rhs, rhs, a, prec);
        }
        else
        {
            arb_add_ui(rhs, K, 1, prec);
            arb_mul(rhs, rhs, a, prec);
            arb_mul(rhs, rhs, dwk, prec);
        }
    }
    else
    {
        arb_set(lhs, a);
        rx_angle(ang, wj, uj, d, prec);
        rx_chord(dwj, ang, prec);
        rx_psi(b, lw, ang, prec);             /* starred jj */
        arb_mul(x, K, dwk, prec);
        arb_add_ui(x, x, 1, prec);
        arb_mul(y, K, dwj, prec);
        arb_add_ui(y, y, 1, prec);
        arb_mul(rhs, x, y, prec);
        arb_mul(rhs, rhs, eps, prec);
        arb_mul(rhs, rhs, b, prec);
    }
    *truth = _tsa_lm_recheck_decide(why, sizeof why, lhs, rhs, lhs_s, rhs_s,
                                    "lhs", "rhs");
    _tsa_lm_str(s1, sizeof s1, lhs, 15);
    _tsa_lm_str(s2, sizeof s2, rhs, 15);
    snprintf(buf, sizeof buf, "Lemma %d eq. (%s) at (j, j') = (%lld, %lld), "
             "%ld bits: lhs = %s vs rhs = %s (psi by the closed form in the "
             "atan2 angle of the raw rows)%s", (int) lemma,
             eq == 1 ? (lw ? "30" : "19") : (lw ? "31" : "20"),
             (long long) json_integer_value(json_object_get(w, "j")),
             (long long) json_integer_value(json_object_get(w, "j2")),
             (long) prec, s1, s2, why);
    *msg = strdup(buf);
out:
    arb_clear(K); arb_clear(eps); arb_clear(lhs_s); arb_clear(rhs_s);
    arb_clear(lhs); arb_clear(rhs); arb_clear(a); arb_clear(b); arb_clear(x);
    arb_clear(y); arb_clear(dwj); arb_clear(dwk); arb_clear(ang);
    return st;
}

static int
rx_size(size_t *x, const json_t *w, const char *key, long hi)
{
    const json_t *v = json_object_get(w, key);
    if (!json_is_integer(v) || json_integer_value(v) < 1
        || json_integer_value(v) > hi)
        return TSA_ERROR(TSA_EFORMAT, "witness.%s: an integer in [1, %ld] "
                         "needed", key, hi);
    *x = (size_t) json_integer_value(v);
    return TSA_SUCCESS;
}

/* Thm 2 at layer 0, closed forms (zero bias, x ~ N(0, I)): with
 * theta = angle(w, u), grad_w psi_l(w, u) = ((pi - theta) u + |u| sin theta
 * w/|w|)/(2 pi) and psi_d(w, u) = (pi - theta)/(2 pi), so the true negative
 * gradient T_j = sum_k beta_k grad_w psi_l(w_j, u_k) and eq. (6)
 * E_j = sum_k beta_k psi_d(w_j, u_k) u_k differ by
 * T_j - E_j = (sum_k beta_k |u_k| sin theta_k / (2 pi)) w_j/|w_j|, where
 * |u| sin theta = |w x u| / |w| (2 x 2 minors). */
static int
recheck_t2(tsa_truth_t *truth, char **msg, const json_t *w, slong prec)
{
    size_t n, m, d, C, j, k, c, i;
    json_int_t proj = json_integer_value(json_object_get(w, "projected"));
    double *Ws = NULL, *Wt = NULL, *V = NULL, *Vs = NULL;
    arb_ptr T = NULL, D = NULL;
    arb_t tol, rel_s, rel, beta, ang, x, y, nw, pi, cs, num, den;
    char buf[700], why[160], s1[48], s2[48];
    int st;
    arb_init(tol); arb_init(rel_s); arb_init(rel); arb_init(beta);
    arb_init(ang); arb_init(x); arb_init(y); arb_init(nw); arb_init(pi);
    arb_init(cs); arb_init(num); arb_init(den);
    if ((st = rx_size(&n, w, "n", 16)) || (st = rx_size(&m, w, "m", 16))
        || (st = rx_size(&d, w, "d", 256)) || (st = rx_size(&C, w, "C", 16)))
        goto out;
    Ws = malloc(n * d * sizeof(double));
    Wt = malloc(m * d * sizeof(double));
    V = malloc(C * n * sizeof(double));
    Vs = malloc(C * m * sizeof(double));
    T = _arb_vec_init((slong) (n * d));
    D = _arb_vec_init((slong) (n * d));
    if (Ws == NULL || Wt == NULL || V == NULL || Vs == NULL)
    {
        st = TSA_ERROR(TSA_ENOMEM, "witness: buffers");
        goto out;
    }
    if ((proj != 0 && proj != 1)
        || (st = _tsa_lm_witness_mat(Ws, w, "W", n, d)) || (st = _tsa_lm_witness_mat(Wt, w, "W_star", m, d))
        || (st = _tsa_lm_witness_mat(V, w, "V", C, n)) || (st = _tsa_lm_witness_mat(Vs, w, "V_star", C, m))
        || (st = _tsa_lm_witness_arb(tol, w, "tol")) || (st = _tsa_lm_witness_arb(rel_s, w, "rel_err")))
    {
        if (st == TSA_SUCCESS)
            st = TSA_ERROR(TSA_EFORMAT, "witness.projected: 0 or 1 needed");
        goto out;
    }
    arb_const_pi(pi, prec);
    arb_mul_2exp_si(pi, pi, 1);                   /* 2 pi */
    for (j = 0; j < n; j++)
    {
        const double *wj = Ws + j * d;
        _tsa_lm_rnorm(nw, wj, NULL, d, prec);
        arb_zero(cs);
        for (k = 0; k < m + n; k++)
        {
            int teach = k < m;
            const double *uk = teach ? Wt + k * d : Ws + (k - m) * d;
            size_t kk = teach ? k : k - m;
            arb_zero(beta);
            for (c = 0; c < C; c++)
            {
                arb_set_d(x, V[c * n + j]);
                arb_set_d(y, teach ? Vs[c * m + kk] : V[c * n + kk]);
                arb_addmul(beta, x, y, prec);
            }
            if (!teach)
                arb_neg(beta, beta);
            rx_angle(ang, wj, uk, d, prec);
            /* (pi - theta) u_k part of the gradient */
            arb_const_pi(x, prec);
            arb_sub(x, x, ang, prec);
            arb_mul(x, x, beta, prec);
            arb_div(x, x, pi, prec);
            for (i = 0; i < d; i++)
            {
                arb_set_d(y, uk[i]);
                arb_addmul(T + j * d + i, x, y, prec);
            }
            /* |u| sin theta */
            _tsa_lm_rnorm(y, uk, NULL, d, prec);
            arb_sin(x, ang, prec);
            arb_mul(x, x, y, prec);
            arb_addmul(cs, beta, x, prec);
        }
        arb_div(cs, cs, pi, prec);
        arb_div(cs, cs, nw, prec);
        for (i = 0; i < d; i++)
        {
            arb_set_d(y, wj[i]);
            arb_mul(D + j * d + i, cs, y, prec);
            arb_add(T + j * d + i, T + j * d + i, D + j * d + i, prec);
        }
        if (proj)
        {
            /* P_perp(w_j): D is parallel to w_j */
            arb_zero(x);
            for (i = 0; i < d; i++)
            {
                arb_set_d(y, wj[i]);
                arb_addmul(x, T + j * d + i, y, prec);
                arb_zero(D + j * d + i);
            }
            arb_sqr(y, nw, prec);
            arb_div(x, x, y, prec);
            for (i = 0; i < d; i++)
            {
                arb_set_d(y, wj[i]);
                arb_submul(T + j * d + i, x, y, prec);
            }
        }
    }
    arb_zero(num);
    arb_zero(den);
    for (i = 0; i < n * d; i++)
    {
        arb_addmul(num, D + i, D + i, prec);
        arb_addmul(den, T + i, T + i, prec);
    }
    arb_div(rel, num, den, prec);
    arb_sqrtpos(rel, rel, prec);
    *truth = _tsa_lm_recheck_decide(why, sizeof why, rel, tol, rel_s, tol,
                                    "lhs", "rhs");
    _tsa_lm_str(s1, sizeof s1, rel, 15);
    _tsa_lm_str(s2, sizeof s2, tol, 8);
    snprintf(buf, sizeof buf, "Thm 2 at layer 0 (n = %zu, m = %zu, d = %zu, "
             "C = %zu%s), %ld bits: |eq6 - grad|_F / |grad|_F = %s vs tol %s "
             "(gradient and eq. (6) by the closed forms in the atan2 angle; "
             "the difference as sum_k beta_k |u_k| sin theta_k / (2 pi) "
             "along w_j)%s", n, m, d, C, proj ? ", projected" : "",
             (long) prec, s1, s2, why);
    *msg = strdup(buf);
out:
    free(Ws); free(Wt); free(V); free(Vs);
    if (T)
        _arb_vec_clear(T, (slong) (n * d));
    if (D)
        _arb_vec_clear(D, (slong) (n * d));
    arb_clear(tol); arb_clear(rel_s); arb_clear(rel); arb_clear(beta);
    arb_clear(ang); arb_clear(x); arb_clear(y); arb_clear(nw); arb_clear(pi);
    arb_clear(cs); arb_clear(num); arb_clear(den);
    return st;
}

int
tsa_claim_recheck_lmx(tsa_truth_t *truth, char **msg, const char *checker,
                      const json_t *w, slong prec)
{
    *truth = TSA_UNDECIDED;
    if (strcmp(checker, "lm_lemma4") == 0)
        return recheck_l4(truth, msg, w, prec);
    if (strcmp(checker, "lm_thm2") == 0)
        return recheck_t2(truth, msg, w, prec);
    return recheck_l23(truth, msg, w, prec);
}
