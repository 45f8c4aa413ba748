/* bvn_wp.c -- Phi2, M, Mh at a ball (h, k, theta) at a fixed working
 * precision: midpoint by quadrature + closed forms, radius by derivative
 * bounds.  Derivations: docs/kernels.md sections 1, 2 and 4. */
#include <math.h>
#include "kernel_impl.h"

void
_tsa_kernel_Phi(arb_t res, const arb_t x, slong prec)
{
    arb_t t;
    arb_init(t);
    arb_sqrt_ui(t, 2, prec);
    arb_div(t, x, t, prec);
    arb_neg(t, t);
    arb_hypgeom_erfc(res, t, prec);
    arb_mul_2exp_si(res, res, -1);
    arb_clear(t);
}

void
_tsa_kernel_phi(arb_t res, const arb_t x, slong prec)
{
    arb_t t;
    arb_init(t);
    arb_sqr(res, x, prec);
    arb_mul_2exp_si(res, res, -1);
    arb_neg(res, res);
    arb_exp(res, res, prec);
    arb_const_pi(t, prec);
    arb_mul_2exp_si(t, t, 1);
    arb_rsqrt(t, t, prec);
    arb_mul(res, res, t, prec);
    arb_clear(t);
}

void
_tsa_kernel_phi_sup(mag_t res, const arb_t x)
{
    arb_t t;
    mag_t m;
    arb_init(t);
    mag_init(m);
    arb_get_mag_lower(m, x);
    arf_set_mag(arb_midref(t), m);
    _tsa_kernel_phi(t, t, 30);
    arb_get_mag(res, t);
    mag_clear(m);
    arb_clear(t);
}

/* ---- the integrand g(a) = exp(q/(1 + sgn cos a) - p^2/(2 sin^2 a)) ----
 * Near 0: sgn = +1, q = -hk, p = h - k; near pi: sgn = -1, q = hk,
 * p = h + k (docs/kernels.md section 1).  The 1/(2 pi) is applied by the
 * caller.  Holomorphic except at the zeros of sin a (1 + sgn cos a = 0
 * there); a ball touching them gives an indeterminate result, which tells
 * acb_calc_integrate to subdivide (order 0 and 1 alike). */
typedef struct
{
    arb_struct q[1], p2h[1]; /* q and p^2/2 */
    int nearpi;
} gpar_struct;

static int
g_func(acb_ptr res, const acb_t a, void *param, slong order, slong prec)
{
    gpar_struct *P = (gpar_struct *)param;
    acb_t s, c;
    (void)order;
    acb_init(s);
    acb_init(c);
    acb_sin_cos(s, c, a, prec);
    if (P->nearpi)
        acb_neg(c, c);
    acb_add_ui(c, c, 1, prec);
    if (acb_contains_zero(c))
    {
        acb_indeterminate(res);
        goto cleanup;
    }
    acb_inv(c, c, prec);
    acb_mul_arb(c, c, P->q, prec);
    if (!arb_is_zero(P->p2h))
    {
        acb_sqr(s, s, prec);
        if (acb_contains_zero(s))
        {
            acb_indeterminate(res);
            goto cleanup;
        }
        acb_inv(s, s, prec);
        acb_mul_arb(s, s, P->p2h, prec);
        acb_sub(c, c, s, prec);
    }
    acb_exp(res, c, prec);
cleanup:
    acb_clear(s);
    acb_clear(c);
    return 0;
}

/* A lower-precision estimate of log2 of int_lo^hi g (sampling; it only
 * steers the cut and the tolerance, never the enclosure). */
static slong
log2_int_est_arb(const gpar_struct *P0, const gpar_struct *Ppi, const arf_t lo,
             const arf_t hi)
{
    const slong n = 12, lp = 30;
    arb_t a, len, e, best;
    acb_t z, gz;
    slong i, r;
    int have = 0;
    arb_init(a);
    arb_init(len);
    arb_init(e);
    arb_init(best);
    acb_init(z);
    acb_init(gz);
    arb_set_arf(len, hi);
    arb_sub_arf(len, len, lo, lp);
    for (i = 0; i < n; i++)
    {
        arb_mul_ui(a, len, 2 * i + 1, lp);
        arb_div_ui(a, a, 2 * n, lp);
        arb_add_arf(a, a, lo, lp);
        arb_get_mid_arb(a, a);
        acb_set_arb(z, a);
        /* the log of the integrand, from the form stable at a */
        if (arf_cmp_2exp_si(arb_midref(a), 0) < 0)
            g_func(gz, z, (void *)P0, 0, lp);
        else
            g_func(gz, z, (void *)Ppi, 0, lp);
        if (!acb_is_finite(gz) || !arb_is_positive(acb_realref(gz)))
            continue;
        arb_log(e, acb_realref(gz), lp);
        arb_get_mid_arb(e, e);
        if (!arb_is_finite(e))
            continue;
        if (!have || arb_gt(e, best))
            arb_set(best, e);
        have = 1;
    }
    if (!have)
        r = -WORD(1000000);
    else
    {
        /* log2(max g * len / n / (2 pi)) */
        arb_const_log2(e, lp);
        arb_div(best, best, e, lp);
        if (arf_cmpabs_2exp_si(arb_midref(best), 30) > 0)
            arf_set_si(arb_midref(best),
                       arf_sgn(arb_midref(best)) > 0 ? 1000000 : -1000000);
        r = arf_get_si(arb_midref(best), ARF_RND_DOWN) - 3
            + arf_abs_bound_lt_2exp_si(arb_midref(len)) - 4;
        r = FLINT_MAX(r, -WORD(1000000));
    }
    arb_clear(a);
    arb_clear(len);
    arb_clear(e);
    arb_clear(best);
    acb_clear(z);
    acb_clear(gz);
    return r;
}

/* The same estimate in float64 from log g = q/(1 + sgn cos a) - p^2/(2
 * sin^2 a) directly (no exp, no log); parameters outside the double range
 * go to the Arb version.  Only steers, as above. */
static slong
log2_int_est(const gpar_struct *P0, const gpar_struct *Ppi, const arf_t lo,
             const arf_t hi)
{
    const slong n = 12;
    double q0 = arf_get_d(arb_midref(P0->q), ARF_RND_NEAR);
    double r0 = arf_get_d(arb_midref(P0->p2h), ARF_RND_NEAR);
    double qp = arf_get_d(arb_midref(Ppi->q), ARF_RND_NEAR);
    double rp = arf_get_d(arb_midref(Ppi->p2h), ARF_RND_NEAR);
    double a0 = arf_get_d(lo, ARF_RND_NEAR), len, best = 0.0, x;
    slong i, r;
    int have = 0, ex;
    len = arf_get_d(hi, ARF_RND_NEAR) - a0;
    if (!isfinite(q0) || !isfinite(r0) || !isfinite(qp) || !isfinite(rp)
        || !isfinite(a0) || !(len > 0.0) || fabs(q0) > 1e300
        || fabs(qp) > 1e300 || r0 > 1e300 || rp > 1e300)
        return log2_int_est_arb(P0, Ppi, lo, hi);
    for (i = 0; i < n; i++)
    {
        double a = a0 + len * (double)(2 * i + 1) / (double)(2 * n);
        double sa = sin(a), ca = cos(a), e;
        int nearpi = !(a < 1.0);
        double q = nearpi ? qp : q0, p2h = nearpi ? rp : r0;
        double den = nearpi ? 1.0 - ca : 1.0 + ca;
        if (!(den > 0.0))
            continue;
        e = q / den;
        if (p2h != 0.0)
        {
            if (!(sa * sa > 0.0))
                continue;
            e -= p2h / (sa * sa);
        }
        if (!isfinite(e))
            continue;
        if (!have || e > best)
            best = e;
        have = 1;
    }
    if (!have)
        return -WORD(1000000);
    x = best / 0.69314718055994530942;
    if (fabs(x) > 1073741824.0)
        x = x > 0 ? 1000000.0 : -1000000.0;
    frexp(len, &ex);
    r = (slong)trunc(x) - 3 + ex - 4;
    return FLINT_MAX(r, -WORD(1000000));
}

/* Rigorous bound of int over [0, delta] (near 0) or [pi - delta, pi]
 * (near pi) of g, delta <= pi/2 (delta an upper bound ball):
 *   g <= exp(Q - p^2/(2 sin^2 delta)), Q = q/(1 + cos delta) if q >= 0
 *   else q/2 (1 + cos a lies in [1 + cos delta, 2]), and g <= 1.
 * Result: tail <= delta * min(1, that) (times 1/(2 pi) by the caller). */
static void
tail_bound(mag_t res, const gpar_struct *P, const arb_t delta, slong wp)
{
    arb_t s, c, t;
    mag_t m, one;
    arb_init(s);
    arb_init(c);
    arb_init(t);
    mag_init(m);
    mag_init(one);
    arb_sin_cos(s, c, delta, wp);
    if (arb_is_nonnegative(P->q))
    {
        arb_add_ui(c, c, 1, wp);
        arb_div(t, P->q, c, wp);
    }
    else
        arb_mul_2exp_si(t, P->q, -1);
    if (!arb_is_zero(P->p2h))
    {
        arb_sqr(s, s, wp);
        arb_div(s, P->p2h, s, wp);
        arb_sub(t, t, s, wp);
    }
    arb_exp(t, t, wp);
    arb_get_mag(m, t);
    mag_one(one);
    mag_min(m, m, one);
    arb_get_mag(one, delta);
    mag_mul(res, m, one);
    arb_clear(s);
    arb_clear(c);
    arb_clear(t);
    mag_clear(m);
    mag_clear(one);
}

static void
integrate_g(arb_t res, const gpar_struct *P, const arf_t lo, const arf_t hi,
            slong est, slong wp)
{
    acb_t z, a, b;
    mag_t tol;
    acb_calc_integrate_opt_t opt;
    acb_init(z);
    acb_init(a);
    acb_init(b);
    mag_init(tol);
    acb_calc_integrate_opt_init(opt);
    arb_set_arf(acb_realref(a), lo);
    arb_set_arf(acb_realref(b), hi);
    mag_set_ui_2exp_si(tol, 1, est - wp);
    acb_calc_integrate(z, g_func, (void *)P, a, b, wp, tol, opt, wp);
    arb_set(res, acb_realref(z));
    acb_clear(z);
    acb_clear(a);
    acb_clear(b);
    mag_clear(tol);
}

/* res += [0, m] */
static void
add_range(arb_t res, const mag_t m, slong wp)
{
    arb_t t;
    arb_init(t);
    arf_set_mag(arb_midref(t), m);
    mag_set(arb_radref(t), m);
    arb_mul_2exp_si(t, t, -1);
    arb_add(res, res, t, wp);
    arb_clear(t);
}

/* ---- the end integrals after w = cot(b/2) (docs/kernels.md s.1) ----
 * With b the distance of a to the singular end (b = a near 0, b = pi - a
 * near pi), v = tan(b/2), w = 1/v, 1 + cos b = 2 w^2/(1 + w^2),
 * sin b = 2 w/(1 + w^2), db = -2 dw/(1 + w^2), the exponent of g becomes
 * a sum of nonpositive terms:
 *   int_0^B g(b) db = J = int_W0^inf exp(-A/w^2 - C w^2) 2/(1 + w^2) dw
 *                         * exp(-(h^2 + k^2)/4),       W0 = cot(B/2),
 * near 0: A = (h + k)^2/8, C = (h - k)^2/8; near pi: A = (h - k)^2/8,
 * C = (h + k)^2/8.  The essential singularity moves to w = 0, outside
 * [W0, inf); for C > 0 the tail beyond Wmax is at most
 *   exp(-C Wmax^2) / (C Wmax^3)     (2/(1+w^2) <= 2/Wmax^2, Mills ratio). */
typedef struct
{
    arb_struct A[1], C[1];
} jpar_struct;

static int
j_func(acb_ptr res, const acb_t w, void *param, slong order, slong prec)
{
    jpar_struct *P = (jpar_struct *)param;
    acb_t a, b;
    (void)order;
    acb_init(a);
    acb_init(b);
    acb_sqr(b, w, prec);
    acb_add_ui(a, b, 1, prec); /* 1 + w^2 */
    if (acb_contains_zero(a) || (!arb_is_zero(P->A) && acb_contains_zero(b)))
    {
        acb_indeterminate(res);
        goto cleanup;
    }
    acb_mul_arb(res, b, P->C, prec); /* C w^2 */
    if (!arb_is_zero(P->A))
    {
        acb_inv(b, b, prec);
        acb_addmul_arb(res, b, P->A, prec); /* + A / w^2 */
    }
    acb_neg(res, res);
    acb_exp(res, res, prec);
    acb_mul_2exp_si(res, res, 1);
    acb_div(res, res, a, prec);
cleanup:
    acb_clear(a);
    acb_clear(b);
    return 0;
}

/* t = 1/w form without the Gaussian factor: exp(-A t^2) 2/(1 + t^2),
 * entire except at t = +-i */
static int
ja_func(acb_ptr res, const acb_t t, void *param, slong order, slong prec)
{
    const arb_struct *A = (const arb_struct *)param;
    acb_t a, b;
    (void)order;
    acb_init(a);
    acb_init(b);
    acb_sqr(b, t, prec);
    acb_add_ui(a, b, 1, prec);
    if (acb_contains_zero(a))
        acb_indeterminate(res);
    else
    {
        acb_mul_arb(b, b, A, prec);
        acb_neg(b, b);
        acb_exp(b, b, prec);
        acb_mul_2exp_si(b, b, 1);
        acb_div(res, b, a, prec);
    }
    acb_clear(a);
    acb_clear(b);
    return 0;
}

/* Small C (docs/kernels.md s.1): with J_A = int_0^{1/W0} exp(-A t^2)
 * 2/(1 + t^2) dt (the same integral without exp(-C w^2), t = 1/w),
 *   J in J_A - 2 sqrt(pi C) + [0, 2 C (W0 + (1 + A)/W0)],
 * from int_0^inf (1 - e^{-v^2})/v^2 dv = sqrt(pi),
 * 0 <= 1 - e^{-Cw^2} <= C w^2 and
 * 0 <= 1 - e^{-A/w^2} w^2/(1 + w^2) <= (1 + A)/w^2.
 * Returns 0 (res untouched) when that width exceeds 2^(est - wp - 4). */
static int
integral_J_smallC(arb_t res, const arb_t A, const arb_t C, const arb_t W0,
                  slong est, slong wp)
{
    arb_t t, u;
    arf_t e1;
    acb_t z, a, b;
    mag_t E, lim;
    acb_calc_integrate_opt_t opt;
    int ok;
    arb_init(t);
    arb_init(u);
    arf_init(e1);
    acb_init(z);
    acb_init(a);
    acb_init(b);
    mag_init(E);
    mag_init(lim);
    /* E = 2 C (W0 + (1 + A)/W0), sup over the balls */
    arb_add_ui(t, A, 1, wp);
    arb_div(t, t, W0, wp);
    arb_add(t, t, W0, wp);
    arb_mul(t, t, C, wp);
    arb_mul_2exp_si(t, t, 1);
    arb_get_mag(E, t);
    mag_set_ui_2exp_si(lim, 1, est - wp - 4);
    ok = arb_is_finite(t) && mag_cmp(E, lim) <= 0;
    if (ok)
    {
        /* J_A on [0, e1], e1 = 1/W0 rounded, plus (1/W0 - e1) f([..]) */
        arb_inv(u, W0, wp);
        arf_set_round(e1, arb_midref(u), wp, ARF_RND_DOWN);
        arb_sub_arf(t, u, e1, wp);               /* 1/W0 - e1 */
        arb_set_arf(acb_realref(z), e1);
        arb_union(acb_realref(z), acb_realref(z), u, wp);
        arb_zero(acb_imagref(z));
        ja_func(a, z, (void *)A, 0, wp);
        arb_mul(res, t, acb_realref(a), wp);
        acb_zero(a);
        acb_zero(b);
        arb_set_arf(acb_realref(b), e1);
        acb_calc_integrate_opt_init(opt);
        mag_set_ui_2exp_si(lim, 1, est - wp);
        acb_calc_integrate(z, ja_func, (void *)A, a, b, wp, lim, opt, wp);
        arb_add(res, res, acb_realref(z), wp);
        /* - 2 sqrt(pi C) + [0, E] */
        arb_const_pi(t, wp);
        arb_mul(t, t, C, wp);
        arb_sqrtpos(t, t, wp);
        arb_mul_2exp_si(t, t, 1);
        arb_sub(res, res, t, wp);
        add_range(res, E, wp);
    }
    arb_clear(t);
    arb_clear(u);
    arf_clear(e1);
    acb_clear(z);
    acb_clear(a);
    acb_clear(b);
    mag_clear(E);
    mag_clear(lim);
    return ok;
}

/* res = int_W0^inf exp(-A/w^2 - C w^2) 2/(1 + w^2) dw, W0 a ball > 0,
 * C > 0, tail below about 2^-T */
static void
integral_J(arb_t res, const arb_t A, const arb_t C, const arb_t W0, slong T,
           slong est, slong wp)
{
    const slong lp = 30;
    jpar_struct P;
    arb_t t, u, Wm;
    arf_t e0;
    acb_t z, a, b;
    mag_t tol;
    acb_calc_integrate_opt_t opt;
    if (integral_J_smallC(res, A, C, W0, est, wp))
        return;
    arb_init(P.A);
    arb_init(P.C);
    arb_init(t);
    arb_init(u);
    arb_init(Wm);
    arf_init(e0);
    acb_init(z);
    acb_init(a);
    acb_init(b);
    mag_init(tol);
    acb_calc_integrate_opt_init(opt);
    arb_set(P.A, A);
    arb_set(P.C, C);

    /* Wmax^2 = M^2 + (T log 2 + A/M^2)/C, M = max(W0, (A/C)^(1/4)) (the
       integrand peaks at (A/C)^(1/4) and decays like exp(-C w^2) beyond
       M, so the tail is about 2^-T relative to the integral); T relative */
    (void)T;
    arb_div(u, A, C, lp);
    arb_sqrtpos(u, u, lp);
    arb_sqrtpos(u, u, lp);
    arb_get_ubound_arf(arb_midref(t), W0, lp);
    if (arf_cmp(arb_midref(t), arb_midref(u)) > 0)
        arb_set_arf(u, arb_midref(t));
    arb_get_mid_arb(u, u);
    arb_sqr(u, u, lp); /* M^2 */
    arb_div(Wm, A, u, lp);
    arb_const_log2(t, lp);
    arb_addmul_si(Wm, t, wp + 16, lp);
    arb_div(Wm, Wm, C, lp);
    arb_add(Wm, Wm, u, lp);
    arb_sqrtpos(Wm, Wm, lp);
    arb_get_ubound_arf(arb_midref(Wm), Wm, lp);
    mag_zero(arb_radref(Wm));

    /* exact start e0 ~ W0; int_W0^e0 = (e0 - W0) f([W0, e0]) */
    arf_set_round(e0, arb_midref(W0), wp, ARF_RND_DOWN);
    if (arf_sgn(e0) <= 0)
        arf_set_si_2exp_si(e0, 1, -wp);
    arb_sub_arf(t, W0, e0, wp);
    arb_neg(t, t); /* e0 - W0 */
    arb_set_arf(acb_realref(z), e0);
    arb_union(acb_realref(z), acb_realref(z), W0, wp);
    j_func(a, z, &P, 0, wp);
    arb_mul(res, t, acb_realref(a), wp);

    if (arf_cmp(e0, arb_midref(Wm)) < 0)
    {
        /* tolerance: est lowered to log2 of f(e0)/(1 + 2 C e0) when that
           is smaller (the integrand decays on a scale 1/(2 C w)) */
        arb_set_arf(t, e0);
        arb_sqr(u, t, lp);
        arb_mul(u, u, C, lp);
        if (!arb_is_zero(A))
        {
            arb_sqr(t, t, lp);
            arb_div(t, A, t, lp);
            arb_add(u, u, t, lp);
        }
        arb_const_log2(t, lp);
        arb_div(u, u, t, lp); /* -log2 exp(...) */
        arb_set_arf(t, e0);
        arb_mul(t, t, C, lp);
        arb_mul_2exp_si(t, t, 1);
        arb_add_ui(t, t, 1, lp);
        arb_get_ubound_arf(arb_midref(t), t, lp);
        if (arf_cmpabs_2exp_si(arb_midref(u), 60) < 0)
        {
            slong e1 = -arf_get_si(arb_midref(u), ARF_RND_UP) - 12
                       - arf_abs_bound_lt_2exp_si(arb_midref(t))
                       - 2 * FLINT_MAX(0, arf_abs_bound_lt_2exp_si(e0));
            est = FLINT_MIN(est, e1);
        }
        arb_set_arf(acb_realref(a), e0);
        arb_set(acb_realref(b), Wm);
        mag_set_ui_2exp_si(tol, 1, est - wp);
        acb_calc_integrate(z, j_func, &P, a, b, wp, tol, opt, wp);
        arb_add(res, res, acb_realref(z), wp);
    }
    else
        arb_set_arf(Wm, e0);

    /* tail beyond Wm: exp(-C Wm^2) / (C Wm^3) */
    arb_sqr(t, Wm, wp);
    arb_mul(t, t, C, wp);
    arb_neg(t, t);
    arb_exp(t, t, wp);
    arb_pow_ui(u, Wm, 3, wp);
    arb_mul(u, u, C, wp);
    arb_div(t, t, u, wp);
    arb_get_mag(tol, t);
    add_range(res, tol, wp);

    arb_clear(P.A);
    arb_clear(P.C);
    arb_clear(t);
    arb_clear(u);
    arb_clear(Wm);
    arf_clear(e0);
    acb_clear(z);
    acb_clear(a);
    acb_clear(b);
    mag_clear(tol);
}

/* int of g over the end piece [0, b0] (nearpi = 0, W0 = cot(b0/2)) or
 * [pi - b0, pi] (nearpi = 1, W0 = cot(b0/2) = tan(theta/2)) by J; T and
 * est refer to the final result, J is scaled by exp((h^2 + k^2)/4). */
static void
end_integral(arb_t res, const arb_t h, const arb_t k, const arb_t W0,
             int nearpi, slong T, slong est, slong wp)
{
    arb_t A, C, t;
    double sh;
    arb_init(A);
    arb_init(C);
    arb_init(t);
    arb_add(A, h, k, wp);
    arb_sub(C, h, k, wp);
    if (nearpi)
        arb_swap(A, C);
    arb_sqr(A, A, wp);
    arb_mul_2exp_si(A, A, -3);
    arb_sqr(C, C, wp);
    arb_mul_2exp_si(C, C, -3);
    arb_sqr(t, h, wp);
    arb_addmul(t, k, k, wp);
    arb_mul_2exp_si(t, t, -2);                            /* (h^2 + k^2)/4 */
    sh = arf_get_d(arb_midref(t), ARF_RND_DOWN) * 1.4427; /* in bits */
    sh = sh > 1e9 ? 1e9 : sh;
    integral_J(res, A, C, W0, T - (slong)sh, est + (slong)sh, wp);
    arb_neg(t, t);
    arb_exp(t, t, wp);
    arb_mul(res, res, t, wp);
    arb_clear(A);
    arb_clear(C);
    arb_clear(t);
}

/* Phi(k) - Phi(-h) for h + k > 0, without cancellation of the 1s. */
static void
base_pi(arb_t res, const arb_t h, const arb_t k, slong wp)
{
    arb_t t, u;
    arb_init(t);
    arb_init(u);
    if (arb_is_nonnegative(h) && arb_is_nonnegative(k))
    {
        arb_neg(t, h);
        _tsa_kernel_Phi(t, t, wp);
        arb_neg(u, k);
        _tsa_kernel_Phi(u, u, wp);
        arb_add(t, t, u, wp);
        arb_sub_ui(res, t, 1, wp);
        arb_neg(res, res);
    }
    else if (arb_is_negative(h))
    {
        _tsa_kernel_Phi(t, h, wp);
        arb_neg(u, k);
        _tsa_kernel_Phi(u, u, wp);
        arb_sub(res, t, u, wp);
    }
    else
    {
        _tsa_kernel_Phi(t, k, wp);
        arb_neg(u, h);
        _tsa_kernel_Phi(u, u, wp);
        arb_sub(res, t, u, wp);
    }
    arb_clear(t);
    arb_clear(u);
}

/* Phi2 at exact h, k and exact theta in (0, pi) (docs/kernels.md s.1):
 *   form (b): Phi2 = Phi(min(h,k)) - int_0^theta g   when theta < 25/32
 *             and max(h,k) >= -2 (then Phi2 >= Phi(min) Phi(-2), so the
 *             subtraction loses at most 6 bits);
 *   form (c): Phi2 = max(0, Phi(h) + Phi(k) - 1) + int_theta^pi g
 *             otherwise (a sum of nonnegative terms).
 * The end at an essential singularity (0 when h != k, pi when h != -k)
 * is cut at delta and int over the cut is enclosed in [0, tail_bound]. */
static void
phi2_point(arb_t res, const arb_t h, const arb_t k, const arf_t th, slong wp)
{
    gpar_struct P0, Ppi;
    arb_t t, u, I, m;
    arf_t lo, hi, cut;
    mag_t tb;
    slong est;
    int forma, formb;

    arb_init(P0.q);
    arb_init(P0.p2h);
    arb_init(Ppi.q);
    arb_init(Ppi.p2h);
    arb_init(t);
    arb_init(u);
    arb_init(I);
    arb_init(m);
    arf_init(lo);
    arf_init(hi);
    arf_init(cut);
    mag_init(tb);
    P0.nearpi = 0;
    Ppi.nearpi = 1;
    arb_mul(Ppi.q, h, k, wp);
    arb_neg(P0.q, Ppi.q);
    arb_sub(t, h, k, wp);
    arb_sqr(t, t, wp);
    arb_mul_2exp_si(P0.p2h, t, -1);
    arb_add(t, h, k, wp);
    arb_sqr(t, t, wp);
    arb_mul_2exp_si(Ppi.p2h, t, -1);

    /* form (a) on [1/16, pi/2], on (pi/2, pi - 1/4] when min(h,k) >= 0
       (then Phi2 >= Phi2(0,0,pi - 1/4) > 1/32: no cancellation), and on
       (pi/2, 2pi/3] when min(h,k) >= -3/2 (a few bits of cancellation at
       most, recovered by the Ziv loop);
       form (b) below 1/16 when max(h,k) >= -2; form (c) otherwise */
    arb_min(m, h, k, wp);
    forma = arf_cmp_2exp_si(th, -4) >= 0
            && (arf_cmp_d(th, 1.5707963) <= 0
                || (arf_cmp_d(th, 2.89) <= 0 && arb_is_nonnegative(m))
                || (arf_cmp_d(th, 2.0943) <= 0
                    && arf_cmp_d(arb_midref(m), -1.5) >= 0));
    arb_max(m, h, k, wp);
    formb = !forma && arf_cmp_2exp_si(th, -4) < 0
            && arf_cmp_si(arb_midref(m), -2) >= 0;
    if (forma)
    {
        /* Phi2 = Phi(h) Phi(k) + int_th^{pi/2} g; pi/2 is replaced by an
           exact e and int_e^{pi/2} g by (pi/2 - e) g([e, pi/2]) */
        const gpar_struct *P = arf_cmp_d(th, 1.5707963) <= 0 ? &P0 : &Ppi;
        acb_t z, gz;
        acb_init(z);
        acb_init(gz);
        arb_const_pi(t, wp + 10);
        arb_mul_2exp_si(t, t, -1);
        arf_set_round(hi, arb_midref(t), wp + 10, ARF_RND_DOWN);
        arb_sub_arf(t, t, hi, wp); /* pi/2 - e */
        arb_set_arf(acb_realref(z), hi);
        arb_add_error(acb_realref(z), t);
        g_func(gz, z, (void *)P, 0, wp);
        arb_mul(t, t, acb_realref(gz), wp);
        if (arf_cmp(th, hi) <= 0)
        {
            est = log2_int_est(&P0, &Ppi, th, hi);
            integrate_g(I, P, th, hi, est, wp);
        }
        else
        {
            est = log2_int_est(&P0, &Ppi, hi, th);
            integrate_g(I, P, hi, th, est, wp);
            arb_neg(I, I);
        }
        arb_add(I, I, t, wp);
        arb_const_pi(t, wp);
        arb_mul_2exp_si(t, t, 1);
        arb_div(I, I, t, wp);
        _tsa_kernel_Phi(m, h, wp);
        _tsa_kernel_Phi(t, k, wp);
        arb_mul(m, m, t, wp);
        arb_add(res, m, I, wp);
        acb_clear(z);
        acb_clear(gz);
    }
    else if (formb)
    {
        arb_min(m, h, k, wp);
        _tsa_kernel_Phi(m, m, wp);
        arf_zero(lo);
        arf_set(hi, th);
        if (arb_is_zero(P0.p2h))
        {
            est = log2_int_est(&P0, &Ppi, lo, hi);
            integrate_g(I, &P0, lo, hi, est, wp);
        }
        else
        {
            /* int_0^th g = J(-hk, h - k, cot(th/2)); relative target
               2^-(wp+8) Phi(min) */
            est = arf_abs_bound_lt_2exp_si(arb_midref(m));
            arb_set_arf(t, th);
            arb_mul_2exp_si(t, t, -1);
            arb_cot(t, t, wp); /* W0 = cot(th/2) */
            end_integral(I, h, k, t, 0, wp + 8 - est, est, wp);
        }
        arb_const_pi(t, wp);
        arb_mul_2exp_si(t, t, 1);
        arb_div(I, I, t, wp);
        arb_sub(res, m, I, wp);
    }
    else
    {
        /* base = max(0, Phi(k) - Phi(-h)) */
        arb_add(t, h, k, wp);
        if (arb_is_positive(t))
            base_pi(m, h, k, wp);
        else
            arb_zero(m);
        arf_set(lo, th);
        /* hi = an exact point <= pi - delta */
        arb_const_pi(t, wp + 10);
        arb_get_ubound_arf(hi, t, wp + 10);
        est = log2_int_est(&P0, &Ppi, lo, hi);
        if (!arb_is_zero(m))
            est = FLINT_MAX(est, arf_abs_bound_lt_2exp_si(arb_midref(m)));
        if (!arb_is_zero(Ppi.p2h))
        {
            /* int_th^pi g: the end piece of length pi - th next to pi,
               W0 = cot((pi - th)/2) = tan(th/2) */
            arb_set_arf(t, th);
            arb_mul_2exp_si(t, t, -1);
            arb_tan(t, t, wp); /* W0 = tan(th/2) */
            end_integral(I, h, k, t, 1, wp + 8 - est, est, wp);
        }
        else
        {
            /* h + k = 0: g is analytic at pi; [th, e] plus (pi - e) sup g */
            arf_set_si_2exp_si(cut, 1, -wp - 10);
            arb_const_pi(t, wp + 10);
            arb_sub_arf(t, t, cut, wp + 10);
            arb_get_lbound_arf(hi, t, wp + 10);
            if (arf_cmp(hi, lo) <= 0)
            {
                arf_set(hi, lo);
                arb_zero(I);
            }
            else
            {
                est = log2_int_est(&P0, &Ppi, lo, hi);
                integrate_g(I, &Ppi, lo, hi, est, wp);
            }
            arb_const_pi(t, wp);
            arb_sub_arf(t, t, hi, wp);
            tail_bound(tb, &Ppi, t, wp);
            add_range(I, tb, wp);
        }
        arb_const_pi(t, wp);
        arb_mul_2exp_si(t, t, 1);
        arb_div(I, I, t, wp);
        arb_add(res, m, I, wp);
    }

    arb_clear(P0.q);
    arb_clear(P0.p2h);
    arb_clear(Ppi.q);
    arb_clear(Ppi.p2h);
    arb_clear(t);
    arb_clear(u);
    arb_clear(I);
    arb_clear(m);
    arf_clear(lo);
    arf_clear(hi);
    arf_clear(cut);
    mag_clear(tb);
}

/* The three values at an exact point; where = 0: theta = 0, 2: theta = pi,
 * 1: theta = th in (0, pi).  Closed forms of docs/kernels.md section 2:
 *   M  = (hk + rho) Phi2 + h phi(k) Phi(A) + k phi(h) Phi(B) + sin(th) g(th)
 *   Mh = k Phi2 + phi(k) Phi(A) + rho phi(h) Phi(B)
 *   A = ((h - k) + 2k sin^2(th/2))/sin th,  B = ((k - h) + 2h sin^2(th/2))/sin
 * th with limits at theta = 0, pi. */
static void
bvn_point(arb_t Phi2, arb_t M, arb_t Mh, const arb_t h, const arb_t k,
          int where, const arf_t th, slong wp)
{
    arb_t P, t, u, v, ph, pk, st, rho, s2, A, B;
    int zero_bias = arb_is_zero(h) && arb_is_zero(k);
    arb_init(P);
    arb_init(t);
    arb_init(u);
    arb_init(v);
    arb_init(ph);
    arb_init(pk);
    arb_init(st);
    arb_init(rho);
    arb_init(s2);
    arb_init(A);
    arb_init(B);

    if (where == 0)
    {
        /* theta = 0: m = min(h,k): Phi2 = Phi(m),
           M = (1 + hk) Phi(m) + max(h,k) phi(m), Mh = k Phi(m) + phi(m) */
        arb_min(u, h, k, wp);
        _tsa_kernel_Phi(P, u, wp);
        _tsa_kernel_phi(pk, u, wp);
        if (M != NULL)
        {
            arb_mul(t, h, k, wp);
            arb_add_ui(t, t, 1, wp);
            arb_mul(t, t, P, wp);
            arb_max(v, h, k, wp);
            arb_addmul(t, v, pk, wp);
            arb_swap(M, t);
        }
        if (Mh != NULL)
        {
            arb_mul(t, k, P, wp);
            arb_add(Mh, t, pk, wp);
        }
    }
    else if (where == 2)
    {
        /* theta = pi: if h + k > 0, P = Phi(k) - Phi(-h),
           M = (hk - 1) P + k phi(h) + h phi(k), Mh = k P - phi(h) + phi(k);
           otherwise all vanish */
        arb_add(t, h, k, wp);
        if (!arb_is_positive(t))
        {
            arb_zero(P);
            if (M != NULL)
                arb_zero(M);
            if (Mh != NULL)
                arb_zero(Mh);
        }
        else
        {
            base_pi(P, h, k, wp);
            _tsa_kernel_phi(ph, h, wp);
            _tsa_kernel_phi(pk, k, wp);
            if (M != NULL)
            {
                arb_mul(t, h, k, wp);
                arb_sub_ui(t, t, 1, wp);
                arb_mul(t, t, P, wp);
                arb_addmul(t, k, ph, wp);
                arb_addmul(t, h, pk, wp);
                arb_swap(M, t);
            }
            if (Mh != NULL)
            {
                arb_mul(t, k, P, wp);
                arb_sub(t, t, ph, wp);
                arb_add(Mh, t, pk, wp);
            }
        }
    }
    else
    {
        arb_set_arf(t, th);
        arb_sin_cos(st, rho, t, wp);
        if (zero_bias)
        {
            /* Phi2 = (pi - th)/(2 pi), M = F(th), Mh = (1 + rho)/(2 sqrt(2pi))
             */
            arb_const_pi(u, wp);
            arb_sub_arf(P, u, th, wp);
            arb_mul_2exp_si(u, u, 1);
            arb_div(P, P, u, wp);
        }
        else
            phi2_point(P, h, k, th, wp);
        if (zero_bias && M != NULL)
        {
            arb_const_pi(u, wp);
            arb_mul_2exp_si(u, u, 1);
            arb_div(t, st, u, wp);
            arb_addmul(t, rho, P, wp);
            arb_swap(M, t);
        }
        if (zero_bias && Mh != NULL)
        {
            arb_zero(u);
            _tsa_kernel_phi(u, u, wp);
            arb_add_ui(t, rho, 1, wp);
            arb_mul(t, t, u, wp);
            arb_mul_2exp_si(Mh, t, -1);
        }
        if (!zero_bias && (M != NULL || Mh != NULL))
        {
            arb_set_arf(t, th);
            arb_mul_2exp_si(t, t, -1);
            arb_sin(s2, t, wp);
            arb_sqr(s2, s2, wp);
            arb_mul_2exp_si(s2, s2, 1); /* 2 sin^2(th/2) = 1 - rho */
            arb_sub(u, h, k, wp);
            arb_set(A, u);
            arb_addmul(A, k, s2, wp);
            arb_div(A, A, st, wp);
            arb_neg(B, u);
            arb_addmul(B, h, s2, wp);
            arb_div(B, B, st, wp);
            _tsa_kernel_Phi(A, A, wp);
            _tsa_kernel_Phi(B, B, wp);
            _tsa_kernel_phi(ph, h, wp);
            _tsa_kernel_phi(pk, k, wp);
            if (M != NULL)
            {
                /* sin th g(th): exponent ((h-k)^2 + 2hk(1 - rho))/(2 sin^2) */
                arb_sqr(u, u, wp);
                arb_mul(v, h, k, wp);
                arb_mul(v, v, s2, wp);
                arb_mul_2exp_si(v, v, 1);
                arb_add(u, u, v, wp);
                arb_sqr(v, st, wp);
                arb_div(u, u, v, wp);
                arb_mul_2exp_si(u, u, -1);
                arb_neg(u, u);
                arb_exp(u, u, wp);
                arb_mul(u, u, st, wp);
                arb_const_pi(v, wp);
                arb_mul_2exp_si(v, v, 1);
                arb_div(u, u, v, wp);
                arb_mul(t, h, k, wp);
                arb_add(t, t, rho, wp);
                arb_mul(t, t, P, wp);
                arb_add(t, t, u, wp);
                arb_mul(u, h, pk, wp);
                arb_addmul(t, u, A, wp);
                arb_mul(u, k, ph, wp);
                arb_addmul(t, u, B, wp);
                arb_swap(M, t);
            }
            if (Mh != NULL)
            {
                arb_mul(t, k, P, wp);
                arb_addmul(t, pk, A, wp);
                arb_mul(u, rho, ph, wp);
                arb_addmul(t, u, B, wp);
                arb_swap(Mh, t);
            }
        }
    }
    if (Phi2 != NULL)
        arb_swap(Phi2, P);

    arb_clear(P);
    arb_clear(t);
    arb_clear(u);
    arb_clear(v);
    arb_clear(ph);
    arb_clear(pk);
    arb_clear(st);
    arb_clear(rho);
    arb_clear(s2);
    arb_clear(A);
    arb_clear(B);
}

static slong
min_acc(slong a, const arb_t x)
{
    slong b;
    if (x == NULL)
        return a;
    b = arb_rel_accuracy_bits(x);
    return FLINT_MIN(a, b);
}

slong
_tsa_kernel_bvn_wp(arb_t Phi2, arb_t M, arb_t Mh, const arb_t h, const arb_t k,
                   const arb_t theta, slong wp)
{
    arb_t hm, km, t, pi;
    arf_t lo, hi, mid;
    mag_t rh, rk, rt, H, K, ph, pk, e, f;
    slong acc;
    int where;

    arb_init(hm);
    arb_init(km);
    arb_init(t);
    arb_init(pi);
    arf_init(lo);
    arf_init(hi);
    arf_init(mid);
    mag_init(rh);
    mag_init(rk);
    mag_init(rt);
    mag_init(H);
    mag_init(K);
    mag_init(ph);
    mag_init(pk);
    mag_init(e);
    mag_init(f);

    /* midpoints and radii; theta: 0 or pi when the ball reaches them */
    arb_get_mid_arb(hm, h);
    arb_get_mid_arb(km, k);
    mag_set(rh, arb_radref(h));
    mag_set(rk, arb_radref(k));
    arb_const_pi(pi, wp);
    arb_get_lbound_arf(lo, theta, wp);
    arb_get_ubound_arf(hi, theta, wp);
    if (arf_sgn(lo) <= 0)
    {
        where = 0;
        if (arf_sgn(hi) < 0)
            arf_zero(hi);
        arf_get_mag(rt, hi);
    }
    else if (arb_overlaps(theta, pi) || arf_cmp(hi, arb_midref(pi)) >= 0)
    {
        where = 2;
        arb_sub_arf(t, pi, lo, wp);
        arb_get_mag(rt, t);
    }
    else
    {
        where = 1;
        arf_set(mid, arb_midref(theta));
        mag_set(rt, arb_radref(theta));
    }

    bvn_point(Phi2, M, Mh, hm, km, where, mid, wp);
    acc = ARF_PREC_EXACT;
    acc = min_acc(acc, Phi2);
    acc = min_acc(acc, M);
    acc = min_acc(acc, Mh);

    /* radii from derivative bounds (docs/kernels.md section 4) */
    if (!mag_is_zero(rh) || !mag_is_zero(rk) || !mag_is_zero(rt))
    {
        arf_get_mag(H, arb_midref(h)); /* sup |h| */
        mag_add(H, H, rh);
        arf_get_mag(K, arb_midref(k));
        mag_add(K, K, rk);
        _tsa_kernel_phi_sup(ph, h);
        _tsa_kernel_phi_sup(pk, k);
        if (Phi2 != NULL)
        {
            /* |dPhi2/dh| <= phi(h), |dPhi2/dk| <= phi(k),
               |dPhi2/dtheta| = g <= 1/(2 pi) < 41/256 */
            mag_mul(e, ph, rh);
            mag_addmul(e, pk, rk);
            mag_set_ui_2exp_si(f, 41, -8);
            mag_addmul(e, f, rt);
            arb_add_error_mag(Phi2, e);
        }
        if (M != NULL)
        {
            /* |dM/dh| <= |k| + 1/2, |dM/dk| <= |h| + 1/2,
               |dM/dtheta| = sin(th) Phi2 <= 1 */
            mag_set_ui_2exp_si(f, 1, -1);
            mag_add(f, f, K);
            mag_mul(e, f, rh);
            mag_set_ui_2exp_si(f, 1, -1);
            mag_add(f, f, H);
            mag_addmul(e, f, rk);
            mag_add(e, e, rt);
            arb_add_error_mag(M, e);
        }
        if (Mh != NULL)
        {
            /* |dMh/dh| <= phi(h)(|h| + |k| + 1), |dMh/dk| = Phi2 <= 1,
               |dMh/dtheta| <= phi(h) */
            mag_one(f);
            mag_add(f, f, H);
            mag_add(f, f, K);
            mag_mul(f, f, ph);
            mag_mul(e, f, rh);
            mag_add(e, e, rk);
            mag_addmul(e, ph, rt);
            arb_add_error_mag(Mh, e);
        }
    }
    /* known ranges: 0 <= Phi2 <= 1, M >= 0, Mh >= 0 */
    if (Phi2 != NULL)
    {
        arb_one(t);
        mag_one(arb_radref(t));
        arb_mul_2exp_si(t, t, -1); /* [0, 1] */
        if (!arb_intersection(t, Phi2, t, wp))
            arb_indeterminate(t);
        arb_swap(Phi2, t);
    }
    if (M != NULL && !arb_is_nonnegative(M))
        arb_nonnegative_part(M, M);
    if (Mh != NULL && !arb_is_nonnegative(Mh))
        arb_nonnegative_part(Mh, Mh);

    arb_clear(hm);
    arb_clear(km);
    arb_clear(t);
    arb_clear(pi);
    arf_clear(lo);
    arf_clear(hi);
    arf_clear(mid);
    mag_clear(rh);
    mag_clear(rk);
    mag_clear(rt);
    mag_clear(H);
    mag_clear(K);
    mag_clear(ph);
    mag_clear(pk);
    mag_clear(e);
    mag_clear(f);
    return acc;
}
