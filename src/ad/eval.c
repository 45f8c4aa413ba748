/* eval.c -- private kernels of the ad module (ad_impl.h).
 *
 * Closed forms (docs/ad.md s. 2-3; Cho & Saul 2009 for J_0, J_1, J_2):
 *   with d = pi - t, s = sin t, co = cos t, 2 pi F = J,
 *   ReLU     J = s + d co,  J' = -d s,  J'' = s - d co,  2 pi G = d
 *   leaky    F = (1 - c)^2 F_relu + c co,  G = (1 - c)^2 d/(2 pi) + c,
 *            F' = -s G,  F'' = (1 - c)^2 F''_relu - c co
 *   arccos0  J = d,  F' = -1/(2 pi),  F'' = 0,  G = 1/(2 pi s)
 *   arccos2  J = 3 s co + d (1 + 2 co^2),  F' = -4 s F_relu,
 *            F'' = -(2/pi)(s co + d (co^2 - s^2)),  G = 4 F_relu.
 * Near t = pi the closed forms of F_relu, F_arccos2 and F''_arccos2
 * cancel (F_relu ~ d^3/(6 pi)); there they are summed as alternating
 * series in d instead (docs/ad.md s. 4). */
#include "ad_impl.h"

int
_tsa_ad_check(const arb_t theta, tsa_ad_act_t act, const arb_t c,
              const char *fn)
{
    if (act != TSA_AD_RELU && act != TSA_AD_LEAKY && act != TSA_AD_ARCCOS0
        && act != TSA_AD_ARCCOS2)
        return TSA_ERROR(TSA_EINVAL, "%s: unknown activation %d", fn,
                         (int) act);
    if (!arb_is_finite(theta))
        return TSA_ERROR(TSA_EDOM, "%s: theta is not finite", fn);
    if (act == TSA_AD_LEAKY)
    {
        arb_t one;
        int ok;
        if (c == NULL)
            return TSA_ERROR(TSA_EDOM, "%s: leaky slope c missing", fn);
        arb_init(one);
        arb_one(one);
        ok = arb_is_finite(c) && arb_is_nonnegative(c) && arb_lt(c, one);
        arb_clear(one);
        if (!ok)
        {
            char *str = arb_get_str(c, 20, 0);
            int st = TSA_ERROR(TSA_EDOM,
                               "%s: leaky slope c = %s not inside [0, 1)",
                               fn, str);
            flint_free(str);
            return st;
        }
    }
    return TSA_SUCCESS;
}

/* Compare the exact x with pi: -1 (x < pi), 1 (x > pi) or 0 (not decided
 * below the cap); pi is left at the last precision tried. */
static int
cmp_pi(arb_t pi, const arf_t x, slong wp)
{
    arb_t xb;
    slong p, cap;
    int r = 0;
    arb_init(xb);
    arb_set_arf(xb, x);
    /* an n-bit number differs from pi in its first n + O(1) bits */
    cap = 4 * (wp + arf_bits(x)) + 256;
    for (p = wp + 16;; p = 2 * p)
    {
        arb_const_pi(pi, p);
        if (arb_lt(xb, pi))
            r = -1;
        else if (arb_gt(xb, pi))
            r = 1;
        if (r != 0 || p > cap)
            break;
    }
    arb_clear(xb);
    return r;
}

int
_tsa_ad_clip(arb_t T, arb_t a, arb_t b, const arb_t theta, slong wp)
{
    arf_t lo, hi;
    arb_t pi;
    int res = 1, inside_lo, hi_below;

    arf_init(lo);
    arf_init(hi);
    arb_init(pi);
    if (arb_is_exact(theta))
    {
        arf_set(lo, arb_midref(theta));
        arf_set(hi, arb_midref(theta));
    }
    else
        arb_get_interval_arf(lo, hi, theta, wp); /* rounded outward */

    if (arf_sgn(hi) < 0 || cmp_pi(pi, lo, wp) > 0)
    {
        res = 0;
        goto cleanup;
    }
    inside_lo = arf_sgn(lo) >= 0;
    if (!inside_lo)
        arf_zero(lo);
    arb_set_arf(a, lo);
    hi_below = cmp_pi(pi, hi, wp) < 0;
    if (hi_below)
        arb_set_arf(b, hi);
    else
        arb_set(b, pi); /* contains min(hi, pi) */
    if (inside_lo && hi_below)
        arb_set(T, theta);
    else
        arb_union(T, a, b, wp);
cleanup:
    arf_clear(lo);
    arf_clear(hi);
    arb_clear(pi);
    return res;
}

void
_tsa_ad_delta(arb_t d, const arb_t t, slong wp)
{
    arb_t pi, r;
    slong p = wp, acc, i;
    arb_init(pi);
    arb_init(r);
    for (i = 0; i < 5; i++)
    {
        arb_const_pi(pi, p);
        arb_sub(r, pi, t, p);
        /* stop once pi's radius no longer dominates */
        if (!arb_is_exact(t) && mag_cmp(arb_radref(t), arb_radref(pi)) >= 0)
            break;
        if (arb_contains_zero(r))
        {
            p = 2 * p + 64;
            continue;
        }
        acc = arb_rel_accuracy_bits(r);
        if (acc >= wp - 2)
            break;
        p += wp - acc + 16; /* bits lost to cancellation in pi - t */
    }
    arb_swap(d, r);
    arb_clear(pi);
    arb_clear(r);
}

/* Alternating series with terms decreasing in modulus: the tail is at
 * most the first omitted term.  t_first and the ratio r_k define
 *   g: t_1 = x^3/3,   t_{k+1} = -t_k x^2 / (2k (2k+3))          (k >= 1)
 *   h: t_2 = x^5/120, t_{k+1} = -t_k x^2 k / ((k-1)(2k+2)(2k+3)) (k >= 2)
 * from sin x - x cos x = sum_{k>=1} (-1)^(k+1) 2k x^(2k+1)/(2k+1)! and
 * x + (x/2) cos x - (3/2) sin x = sum_{k>=2} (-1)^k (k-1) x^(2k+1)/(2k+1)!
 * (docs/ad.md s. 4).  Valid for |x| <= 1/2 (all ratios < 1). */
static void
alt_series(arb_t res, const arb_t x, int is_h, slong wp)
{
    arb_t x2, term, sum;
    mag_t first, m;
    slong k;
    arb_init(x2);
    arb_init(term);
    arb_init(sum);
    mag_init(first);
    mag_init(m);
    arb_sqr(x2, x, wp);
    if (!is_h)
    {
        arb_mul(term, x2, x, wp);
        arb_div_ui(term, term, 3, wp);
        k = 1;
    }
    else
    {
        arb_sqr(term, x2, wp);
        arb_mul(term, term, x, wp);
        arb_div_ui(term, term, 120, wp);
        k = 2;
    }
    arb_get_mag(first, term);
    mag_mul_2exp_si(first, first, -wp);
    arb_zero(sum);
    for (;; k++)
    {
        arb_add(sum, sum, term, wp);
        arb_mul(term, term, x2, wp);
        if (!is_h)
            arb_div_ui(term, term, (ulong) (2 * k * (2 * k + 3)), wp);
        else
        {
            arb_mul_ui(term, term, (ulong) k, wp);
            arb_div_ui(term, term, (ulong) ((k - 1) * (2 * k + 2)), wp);
            arb_div_ui(term, term, (ulong) (2 * k + 3), wp);
        }
        arb_neg(term, term);
        arb_get_mag(m, term);
        if (mag_cmp(m, first) <= 0 || k > 4 * wp + 16)
            break;
    }
    arb_add_error_mag(sum, m); /* tail <= |first omitted term| */
    arb_swap(res, sum);
    arb_clear(x2);
    arb_clear(term);
    arb_clear(sum);
    mag_clear(first);
    mag_clear(m);
}

void
_tsa_ad_g_small(arb_t res, const arb_t x, slong wp)
{
    alt_series(res, x, 0, wp);
}

void
_tsa_ad_h_small(arb_t res, const arb_t x, slong wp)
{
    alt_series(res, x, 1, wp);
}

/* 2 pi F_relu, 2 pi F'_relu, 2 pi F''_relu, 2 pi G_relu. */
static void
relu_J(arb_t res, int which, const arb_t d, const arb_t s, const arb_t co,
       int near, slong wp)
{
    arb_t u;
    arb_init(u);
    switch (which)
    {
    case TSA_AD_WHICH_F:
        if (near) /* sin d - d cos d, series */
            _tsa_ad_g_small(res, d, wp);
        else
        {
            arb_mul(u, d, co, wp);
            arb_add(res, s, u, wp);
        }
        break;
    case TSA_AD_WHICH_F1:
        arb_mul(res, d, s, wp);
        arb_neg(res, res);
        break;
    case TSA_AD_WHICH_F2:
        arb_mul(u, d, co, wp);
        arb_sub(res, s, u, wp);
        break;
    default:
        arb_set(res, d);
    }
    arb_clear(u);
}

void
_tsa_ad_eval(arb_t res, int which, const arb_t t, tsa_ad_act_t act,
             const arb_t c, slong wp)
{
    arb_t d, s, co, pi2, u, v, k;
    mag_t m;
    int near;

    arb_init(d);
    arb_init(s);
    arb_init(co);
    arb_init(pi2);
    arb_init(u);
    arb_init(v);
    arb_init(k);
    mag_init(m);

    _tsa_ad_delta(d, t, wp);
    if (arf_cmp_si(arb_midref(t), 2) < 0)
        arb_sin_cos(s, co, t, wp);
    else
    {
        /* sin t = sin d, cos t = -cos d: relative accuracy near pi */
        arb_sin_cos(s, co, d, wp);
        arb_neg(co, co);
    }
    arb_get_mag(m, d);
    near = mag_cmp_2exp_si(m, TSA_AD_NEAR_PI_EXP) <= 0;
    arb_const_pi(pi2, wp);
    arb_mul_2exp_si(pi2, pi2, 1);

    switch (act)
    {
    case TSA_AD_RELU:
        relu_J(u, which, d, s, co, near, wp);
        arb_div(res, u, pi2, wp);
        break;
    case TSA_AD_LEAKY:
        arb_sub_ui(k, c, 1, wp);
        arb_sqr(k, k, wp); /* (1 - c)^2 */
        if (which == TSA_AD_WHICH_F || which == TSA_AD_WHICH_F2)
        {
            /* F = k F_relu + c cos t,  F'' = k F''_relu - c cos t */
            relu_J(u, which, d, s, co, near, wp);
            arb_mul(u, u, k, wp);
            arb_div(u, u, pi2, wp);
            arb_mul(v, c, co, wp);
            if (which == TSA_AD_WHICH_F)
                arb_add(res, u, v, wp);
            else
                arb_sub(res, u, v, wp);
        }
        else
        {
            /* G = k d / (2 pi) + c,  F' = -sin t G */
            arb_mul(u, k, d, wp);
            arb_div(u, u, pi2, wp);
            arb_add(u, u, c, wp);
            if (which == TSA_AD_WHICH_G)
                arb_swap(res, u);
            else
            {
                arb_mul(res, s, u, wp);
                arb_neg(res, res);
            }
        }
        break;
    case TSA_AD_ARCCOS0:
        if (which == TSA_AD_WHICH_F)
            arb_div(res, d, pi2, wp);
        else if (which == TSA_AD_WHICH_F1)
        {
            arb_inv(res, pi2, wp);
            arb_neg(res, res);
        }
        else if (which == TSA_AD_WHICH_F2)
            arb_zero(res);
        else
        {
            arb_mul(u, s, pi2, wp);
            arb_inv(res, u, wp);
        }
        break;
    default: /* TSA_AD_ARCCOS2 */
        if (which == TSA_AD_WHICH_F)
        {
            if (near) /* J_2 = h(2d), series */
            {
                arb_mul_2exp_si(u, d, 1);
                _tsa_ad_h_small(u, u, wp);
            }
            else
            {
                /* 3 s co + d (1 + 2 co^2) */
                arb_sqr(v, co, wp);
                arb_mul_2exp_si(v, v, 1);
                arb_add_ui(v, v, 1, wp);
                arb_mul(v, v, d, wp);
                arb_mul(u, s, co, wp);
                arb_mul_ui(u, u, 3, wp);
                arb_add(u, u, v, wp);
            }
            arb_div(res, u, pi2, wp);
        }
        else if (which == TSA_AD_WHICH_F2)
        {
            if (near) /* F'' = g(2d) / pi = 2 g(2d) / (2 pi) */
            {
                arb_mul_2exp_si(u, d, 1);
                _tsa_ad_g_small(u, u, wp);
                arb_mul_2exp_si(u, u, 1);
            }
            else
            {
                /* -4 (s co + d (co^2 - s^2)) */
                arb_sqr(u, co, wp);
                arb_sqr(v, s, wp);
                arb_sub(u, u, v, wp);
                arb_mul(u, u, d, wp);
                arb_mul(v, s, co, wp);
                arb_add(u, u, v, wp);
                arb_mul_si(u, u, -4, wp);
            }
            arb_div(res, u, pi2, wp);
        }
        else
        {
            /* G = 4 F_relu,  F' = -sin t G */
            relu_J(u, TSA_AD_WHICH_F, d, s, co, near, wp);
            arb_mul_2exp_si(u, u, 2);
            arb_div(u, u, pi2, wp);
            if (which == TSA_AD_WHICH_G)
                arb_swap(res, u);
            else
            {
                arb_mul(res, s, u, wp);
                arb_neg(res, res);
            }
        }
    }

    arb_clear(d);
    arb_clear(s);
    arb_clear(co);
    arb_clear(pi2);
    arb_clear(u);
    arb_clear(v);
    arb_clear(k);
    mag_clear(m);
}

void
_tsa_ad_point(arb_t res, int which, const arb_t t, tsa_ad_act_t act,
              const arb_t c, slong prec)
{
    arb_t y;
    slong wp = prec + TSA_AD_GUARD, cap;
    int exact = arb_is_exact(t)
                && (act != TSA_AD_LEAKY || arb_is_exact(c));
    /* Ziv cap: cancellation at a zero of F, F'' costs about the number of
     * bits shared by t and the zero, a few times the input's bits */
    cap = 4 * (prec + TSA_AD_GUARD) + 2 * arf_bits(arb_midref(t)) + 512;
    arb_init(y);
    for (;;)
    {
        _tsa_ad_eval(y, which, t, act, c, wp);
        if (!exact || arb_is_zero(y) || arb_rel_accuracy_bits(y) >= prec + 2
            || wp > cap)
            break;
        wp = 2 * wp;
    }
    arb_set_round(res, y, prec);
    arb_clear(y);
}

void
_tsa_ad_sin_series(arb_poly_t res, const arb_t T, slong len, slong wp)
{
    arb_poly_t x;
    arb_t d;
    arb_poly_init(x);
    arb_init(d);
    if (arf_cmp_si(arb_midref(T), 2) < 0)
    {
        arb_poly_set_coeff_arb(x, 0, T);
        arb_poly_set_coeff_si(x, 1, 1);
    }
    else /* sin(T + t) = sin(d - t), d = pi - T */
    {
        _tsa_ad_delta(d, T, wp);
        arb_poly_set_coeff_arb(x, 0, d);
        arb_poly_set_coeff_si(x, 1, -1);
    }
    arb_poly_sin_series(res, x, len, wp);
    arb_poly_clear(x);
    arb_clear(d);
}

/* G series of ReLU/leaky: k (d - t) / (2 pi) + c0 with k = 1, c0 = 0 for
 * ReLU and k = (1 - c)^2, c0 = c for leaky; linear in t. */
static void
linear_G_series(arb_poly_t res, const arb_t T, slong len, tsa_ad_act_t act,
                const arb_t c, slong wp)
{
    arb_t d, k, pi2, u;
    arb_init(d);
    arb_init(k);
    arb_init(pi2);
    arb_init(u);
    _tsa_ad_delta(d, T, wp);
    arb_const_pi(pi2, wp);
    arb_mul_2exp_si(pi2, pi2, 1);
    if (act == TSA_AD_LEAKY)
    {
        arb_sub_ui(k, c, 1, wp);
        arb_sqr(k, k, wp);
    }
    else
        arb_one(k);
    arb_poly_zero(res);
    if (len > 0)
    {
        arb_mul(u, k, d, wp);
        arb_div(u, u, pi2, wp);
        if (act == TSA_AD_LEAKY)
            arb_add(u, u, c, wp);
        arb_poly_set_coeff_arb(res, 0, u);
    }
    if (len > 1)
    {
        arb_div(u, k, pi2, wp);
        arb_neg(u, u);
        arb_poly_set_coeff_arb(res, 1, u);
    }
    arb_clear(d);
    arb_clear(k);
    arb_clear(pi2);
    arb_clear(u);
}

void
_tsa_ad_G_series_raw(arb_poly_t res, const arb_t T, slong len,
                     tsa_ad_act_t act, const arb_t c, const arb_t F0relu,
                     slong wp)
{
    arb_poly_t S, P;
    arb_t pi2;
    arb_poly_init(S);
    arb_poly_init(P);
    arb_init(pi2);
    arb_const_pi(pi2, wp);
    arb_mul_2exp_si(pi2, pi2, 1);
    if (len <= 0)
        arb_poly_zero(res);
    else if (act == TSA_AD_RELU || act == TSA_AD_LEAKY)
        linear_G_series(res, T, len, act, c, wp);
    else if (act == TSA_AD_ARCCOS0)
    {
        /* G = 1 / (2 pi sin(T + t)) */
        _tsa_ad_sin_series(S, T, len, wp);
        arb_poly_scalar_mul(S, S, pi2, wp);
        arb_poly_inv_series(res, S, len, wp);
    }
    else
    {
        /* G = 4 F_relu, F_relu(T + t) = F_relu(T) + int_0^t F'_relu,
         * F'_relu = -sin * G_relu: no cancellation near pi */
        linear_G_series(P, T, len - 1, TSA_AD_RELU, NULL, wp);
        _tsa_ad_sin_series(S, T, len - 1, wp);
        arb_poly_mullow(P, P, S, len - 1, wp);
        arb_poly_neg(P, P);
        arb_poly_integral(P, P, wp);
        arb_poly_set_coeff_arb(P, 0, F0relu);
        arb_poly_truncate(P, len);
        arb_poly_scalar_mul_2exp_si(res, P, 2);
    }
    arb_poly_clear(S);
    arb_poly_clear(P);
    arb_clear(pi2);
}

void
_tsa_ad_dF_series_raw(arb_poly_t res, const arb_t T, slong len,
                      tsa_ad_act_t act, const arb_t c, const arb_t F0relu,
                      slong wp)
{
    arb_poly_t S, Gs;
    arb_t u;
    arb_poly_init(S);
    arb_poly_init(Gs);
    arb_init(u);
    if (len <= 0)
        arb_poly_zero(res);
    else if (act == TSA_AD_ARCCOS0)
    {
        /* F' = -1 / (2 pi) */
        arb_const_pi(u, wp);
        arb_mul_2exp_si(u, u, 1);
        arb_inv(u, u, wp);
        arb_neg(u, u);
        arb_poly_set_arb(res, u);
    }
    else
    {
        _tsa_ad_G_series_raw(Gs, T, len, act, c, F0relu, wp);
        _tsa_ad_sin_series(S, T, len, wp);
        arb_poly_mullow(res, S, Gs, len, wp);
        arb_poly_neg(res, res);
    }
    arb_poly_clear(S);
    arb_poly_clear(Gs);
    arb_clear(u);
}

void
_tsa_ad_F_hull(arb_t res, const arb_t T, const arb_t a, const arb_t b,
               tsa_ad_act_t act, const arb_t c, slong prec)
{
    arb_t fa, fb;
    if (arb_is_exact(T))
    {
        _tsa_ad_point(res, TSA_AD_WHICH_F, T, act, c, prec);
        return;
    }
    arb_init(fa);
    arb_init(fb);
    /* F decreasing on [0, pi]: F([a, b]) = [F(b), F(a)] */
    _tsa_ad_point(fa, TSA_AD_WHICH_F, a, act, c, prec);
    _tsa_ad_point(fb, TSA_AD_WHICH_F, b, act, c, prec);
    arb_union(res, fa, fb, prec);
    arb_clear(fa);
    arb_clear(fb);
}

void
_tsa_ad_G_hull(arb_t res, const arb_t T, const arb_t a, const arb_t b,
               tsa_ad_act_t act, const arb_t c, slong prec)
{
    arb_t ga, gb, h;
    if (arb_is_exact(T))
    {
        _tsa_ad_point(res, TSA_AD_WHICH_G, T, act, c, prec);
        return;
    }
    arb_init(ga);
    arb_init(gb);
    arb_init(h);
    switch (act)
    {
    case TSA_AD_ARCCOS2: /* 4 F_relu, decreasing */
        _tsa_ad_F_hull(ga, T, a, b, TSA_AD_RELU, NULL, prec + 2);
        arb_mul_2exp_si(res, ga, 2);
        arb_set_round(res, res, prec);
        break;
    case TSA_AD_ARCCOS0:
        /* 1 / (2 pi sin t) is convex with its minimum 1/(2 pi) at pi/2:
         * the hull of both ends and, if pi/2 may lie in [a, b], 1/(2 pi) */
        _tsa_ad_point(ga, TSA_AD_WHICH_G, a, act, c, prec);
        _tsa_ad_point(gb, TSA_AD_WHICH_G, b, act, c, prec);
        arb_union(ga, ga, gb, prec);
        arb_const_pi(h, prec + TSA_AD_GUARD);
        arb_mul_2exp_si(h, h, -1);
        if (arb_overlaps(T, h))
        {
            arb_mul_2exp_si(h, h, 2);
            arb_inv(h, h, prec);
            arb_union(ga, ga, h, prec);
        }
        arb_swap(res, ga);
        break;
    default: /* linear in t: the direct form is the exact range */
        _tsa_ad_eval(ga, TSA_AD_WHICH_G, T, act, c, prec + TSA_AD_GUARD);
        arb_set_round(res, ga, prec);
    }
    arb_clear(ga);
    arb_clear(gb);
    arb_clear(h);
}

int
_tsa_ad_prepare(arb_t T, arb_t a, arb_t b, const arb_t theta,
                tsa_ad_act_t act, const arb_t c, int which, const char *fn,
                slong prec)
{
    int st = _tsa_ad_check(theta, act, c, fn);
    char *str;
    if (st != TSA_SUCCESS)
        return st;
    if (!_tsa_ad_clip(T, a, b, theta, prec + TSA_AD_GUARD))
    {
        str = arb_get_str(theta, 20, 0);
        st = TSA_ERROR(TSA_EDOM, "%s: theta = %s does not meet [0, pi]", fn,
                       str);
        flint_free(str);
        return st;
    }
    if (which == TSA_AD_WHICH_G && act == TSA_AD_ARCCOS0
        && (arb_is_zero(a) || !arb_is_exact(b)))
    {
        str = arb_get_str(theta, 20, 0);
        st = TSA_ERROR(TSA_EDOM,
                       "%s: G of arccos0 has poles at 0 and pi; theta = %s "
                       "touches one", fn, str);
        flint_free(str);
        return st;
    }
    return TSA_SUCCESS;
}
