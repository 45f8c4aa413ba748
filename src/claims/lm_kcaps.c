/* lm_kcaps.c -- Assumption 2 (relative form) for psi_d of ReLU units WITH
 * bias, near given centres (docs/claims-lm.md s. 2b).
 *
 * Units u = (ut, b_u) in R^(d+1) act on xt = [x; 1], x ~ N(0, I_d).  With
 * h = b_w/|wt|, k = b_u/|ut|, theta = angle(wt, ut):
 *   psi_d(w, u) = G(h, k, theta) = P(X < h, Y < k),  corr(X, Y) = cos theta,
 *   dG/dtheta = -(1/2 pi) exp(-(h^2 - 2 h k cos theta + k^2)/(2 sin^2 theta)),
 *   dG/dk     = phi(k) Phi((h - k cos theta)/sin theta),
 * and |grad_ut theta| = 1/|ut|, |grad_u k| = |u|/|ut|^2.  psi_d is
 * 0-homogeneous in u, so on the Euclidean ball B(c, rho) (which contains
 * the cap of unit vectors within chord rho of c and every chord between
 * two of them)
 *   |psi(w, w1) - psi(w, w2)| <= sup_B |grad_u psi(w, .)| |w1 - w2|
 * and the ratio of Assumption 2 is at most sup |grad| / inf psi(w, w1).
 * Both are enclosed over one box of (h, k, theta) per ordered pair of
 * centres (w near c_i, w1, w2 near c_j).  Rigorous, not tight. */
#include <math.h>
#include <stdlib.h>
#include "tsa_kernel.h"
#include "lm_impl.h"

/* |ct|, b_c of a centre (row of length d + 1, exact doubles) */
static void
centre_parts(arb_t tn, arb_t b, const double *c, size_t d, slong prec)
{
    arb_t x;
    size_t k;
    arb_init(x);
    arb_zero(tn);
    for (k = 0; k < d; k++)
    {
        arb_set_d(x, c[k]);
        arb_addmul(tn, x, x, prec);
    }
    arb_sqrtpos(tn, tn, prec);
    arb_set_d(b, c[d]);
    arb_clear(x);
}

/* the set {a +- r} as a ball */
static void
widen(arb_t y, const arb_t a, const arb_t r, slong prec)
{
    mag_t m;
    mag_init(m);
    arb_get_mag(m, r);
    arb_set(y, a);
    arb_add_error_mag(y, m);
    mag_clear(m);
}

/* upper bound of sup |grad_u psi_d| / inf psi_d on one box; TSA_TRUE when
 * inf psi_d > 0 is proved (K set), else TSA_UNDECIDED */
static tsa_truth_t
box_ratio(arb_t K, const arb_t h, const arb_t k, const arb_t th,
          const arb_t utmin, const arb_t umax, slong prec)
{
    arb_t pi, s, c, e, gth, gk, z, P, num;
    tsa_truth_t res = TSA_UNDECIDED;
    arb_init(pi); arb_init(s); arb_init(c); arb_init(e); arb_init(gth);
    arb_init(gk); arb_init(z); arb_init(P); arb_init(num);
    arb_const_pi(pi, prec);
    arb_sin_cos(s, c, th, prec);
    /* dG/dtheta */
    if (arb_is_positive(s))
    {
        arb_mul(e, h, k, prec);
        arb_mul(e, e, c, prec);
        arb_mul_2exp_si(e, e, 1);
        arb_neg(e, e);
        arb_addmul(e, h, h, prec);
        arb_addmul(e, k, k, prec);
        arb_sqr(z, s, prec);
        arb_mul_2exp_si(z, z, 1);
        arb_div(e, e, z, prec);                    /* exponent, >= 0 */
        arb_get_lbound_arf(arb_midref(z), e, prec);
        mag_zero(arb_radref(z));
        if (arf_sgn(arb_midref(z)) < 0)
            arb_zero(z);
        arb_neg(z, z);
        arb_exp(gth, z, prec);                     /* sup exp(-E) */
    }
    else
        arb_one(gth);
    arb_div(gth, gth, pi, prec);
    arb_mul_2exp_si(gth, gth, -1);
    /* dG/dk = phi(k) Phi(z): sup phi(k) from min k^2 */
    arb_sqr(e, k, prec);
    arb_get_lbound_arf(arb_midref(z), e, prec);
    mag_zero(arb_radref(z));
    if (arf_sgn(arb_midref(z)) < 0)
        arb_zero(z);
    arb_mul_2exp_si(z, z, -1);
    arb_neg(z, z);
    arb_exp(gk, z, prec);
    arb_mul_2exp_si(e, pi, 1);
    arb_rsqrt(e, e, prec);
    arb_mul(gk, gk, e, prec);                      /* sup phi(k) */
    if (arb_is_positive(s))
    {
        /* Phi(z) = erfc(-z/sqrt 2)/2, z = (h - k cos theta)/sin theta */
        arb_mul(z, k, c, prec);
        arb_sub(z, h, z, prec);
        arb_div(z, z, s, prec);
        arb_sqrt_ui(e, 2, prec);
        arb_div(z, z, e, prec);
        arb_neg(z, z);
        arb_hypgeom_erfc(P, z, prec);
        arb_mul_2exp_si(P, P, -1);
        arb_get_ubound_arf(arb_midref(z), P, prec);
        mag_zero(arb_radref(z));
        if (arf_cmp_si(arb_midref(z), 1) > 0 || !arb_is_finite(P))
            arb_one(z);
        arb_mul(gk, gk, z, prec);
    }
    /* sup |grad| = gth / |ut| + gk |u| / |ut|^2 */
    arb_div(num, gth, utmin, prec);
    arb_mul(e, gk, umax, prec);
    arb_div(e, e, utmin, prec);
    arb_div(e, e, utmin, prec);
    arb_add(num, num, e, prec);
    /* inf psi_d: G increases in h and k and decreases in theta, so the
       infimum over the box is G at the exact corner (h_lo, k_lo, th_hi) */
    arb_get_lbound_arf(arb_midref(e), h, prec);
    mag_zero(arb_radref(e));
    arb_get_lbound_arf(arb_midref(z), k, prec);
    mag_zero(arb_radref(z));
    arb_get_ubound_arf(arb_midref(c), th, prec);
    mag_zero(arb_radref(c));
    if (arb_gt(c, pi))
        arb_set(c, pi);
    if (tsa_kernel_bvn(P, NULL, NULL, e, z, c, prec) == TSA_SUCCESS)
    {
        arb_get_lbound_arf(arb_midref(z), P, prec);
        mag_zero(arb_radref(z));
        if (arb_is_positive(z) && arb_is_finite(num))
        {
            arb_div(K, num, z, prec);
            arb_get_ubound_arf(arb_midref(K), K, prec);
            mag_zero(arb_radref(K));
            res = TSA_TRUE;
        }
    }
    arb_clear(pi); arb_clear(s); arb_clear(c); arb_clear(e); arb_clear(gth);
    arb_clear(gk); arb_clear(z); arb_clear(P); arb_clear(num);
    return res;
}

tsa_truth_t
_tsa_lm_kd_caps(arb_t K, long *ki, long *kj, const double *C, size_t m,
                size_t d, const arb_t rho, slong prec)
{
    arb_ptr tn = _arb_vec_init((slong) m), bb = _arb_vec_init((slong) m),
            hh = _arb_vec_init((slong) m), dev = _arb_vec_init((slong) m),
            utmin = _arb_vec_init((slong) m);
    arb_t x, y, th, umax, Kij, pi;
    size_t i, j;
    tsa_truth_t res = TSA_TRUE;
    arb_init(x); arb_init(y); arb_init(th); arb_init(umax); arb_init(Kij);
    arb_init(pi);
    arb_const_pi(pi, prec);
    arb_zero(K);
    *ki = *kj = -1;
    arb_add_ui(umax, rho, 1, prec);
    for (i = 0; i < m && res == TSA_TRUE; i++)
    {
        centre_parts(tn + i, bb + i, C + i * (d + 1), d, prec);
        arb_sub(utmin + i, tn + i, rho, prec);     /* |ut| >= |ct| - rho */
        if (!arb_is_positive(utmin + i) || !arb_lt(rho, tn + i))
        {
            res = TSA_UNDECIDED;
            break;
        }
        arb_get_lbound_arf(arb_midref(utmin + i), utmin + i, prec);
        mag_zero(arb_radref(utmin + i));
        widen(x, bb + i, rho, prec);                /* b in b_c +- rho */
        widen(y, tn + i, rho, prec);                /* |ut| in |ct| +- rho */
        arb_div(hh + i, x, y, prec);                /* h = b/|ut| */
        arb_div(x, rho, tn + i, prec);
        arb_asin(dev + i, x, prec);                 /* angle(ut, ct) */
    }
    for (i = 0; i < m && res == TSA_TRUE; i++)
        for (j = 0; j < m && res == TSA_TRUE; j++)
        {
            arf_t lo, hi;
            tsa_truth_t t;
            if (i == j)
                arb_zero(th);
            else
                _tsa_lm_angle(th, C + i * (d + 1), C + j * (d + 1), d, prec);
            arb_add(x, dev + i, dev + j, prec);
            widen(th, th, x, prec);
            arf_init(lo);
            arf_init(hi);
            arb_get_lbound_arf(lo, th, prec);
            arb_get_ubound_arf(hi, th, prec);
            if (arf_sgn(lo) < 0)
                arf_zero(lo);
            arb_get_ubound_arf(arb_midref(x), pi, prec);
            if (arf_cmp(hi, arb_midref(x)) > 0)
                arf_set(hi, arb_midref(x));
            arb_set_interval_arf(th, lo, hi, prec);
            arf_clear(lo);
            arf_clear(hi);
            /* w near c_i (h), w1, w2 near c_j (k, |ut|) */
            t = box_ratio(Kij, hh + i, hh + j, th, utmin + j, umax, prec);
            if (t != TSA_TRUE)
            {
                res = TSA_UNDECIDED;
                *ki = (long) i;
                *kj = (long) j;
                break;
            }
            if (arb_gt(Kij, K) || *ki < 0)
            {
                arb_max(K, K, Kij, prec);
                *ki = (long) i;
                *kj = (long) j;
            }
        }
    _arb_vec_clear(tn, (slong) m);
    _arb_vec_clear(bb, (slong) m);
    _arb_vec_clear(hh, (slong) m);
    _arb_vec_clear(dev, (slong) m);
    _arb_vec_clear(utmin, (slong) m);
    arb_clear(x); arb_clear(y); arb_clear(th); arb_clear(umax);
    arb_clear(Kij); arb_clear(pi);
    return res;
}

/* ratio |psi(w, w1) - psi(w, w2)| / (psi(w, w1) |w1 - w2|) at exact
 * points (rows of length d + 1), a ball */
void
_tsa_lm_kd_ratio_pt(arb_t q, const double *w, const double *w1,
                    const double *w2, size_t d, slong prec)
{
    arb_ptr a = _arb_vec_init((slong) d + 1), b = _arb_vec_init((slong) d + 1);
    arb_t p1, p2, one, zero, x, y;
    size_t k;
    arb_init(p1); arb_init(p2); arb_init(one); arb_init(zero); arb_init(x);
    arb_init(y);
    arb_one(one);
    arb_zero(zero);
    arb_zero(y);
    for (k = 0; k <= d; k++)
    {
        arb_set_d(a + k, w[k]);
        arb_set_d(b + k, w1[k]);
        arb_set_d(x, w2[k]);
        arb_sub(x, b + k, x, prec);
        arb_addmul(y, x, x, prec);
    }
    arb_sqrtpos(y, y, prec);
    if (tsa_kernel_psi_d(p1, a, b, (slong) d, 1, one, zero, prec))
        arb_indeterminate(p1);
    for (k = 0; k <= d; k++)
        arb_set_d(b + k, w2[k]);
    if (tsa_kernel_psi_d(p2, a, b, (slong) d, 1, one, zero, prec))
        arb_indeterminate(p2);
    arb_sub(q, p1, p2, prec);
    arb_abs(q, q);
    arb_mul(y, y, p1, prec);
    arb_div(q, q, y, prec);
    _arb_vec_clear(a, (slong) d + 1);
    _arb_vec_clear(b, (slong) d + 1);
    arb_clear(p1); arb_clear(p2); arb_clear(one); arb_clear(zero);
    arb_clear(x); arb_clear(y);
}
