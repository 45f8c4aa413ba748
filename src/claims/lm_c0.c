/* lm_c0.c -- the constant C_0 of LM Lemma 4 (quadratic fall-off of the
 * diagonal of L), zero bias, unit norms, x ~ N(0, I) (docs/claims-lm.md
 * s. 6a).
 *
 * With t = angle(w_j, w*_j): l_jj = psi_l(w_j, w_j) = 1/2, l*_jj = F(t),
 * F(t) = (sin t + (pi - t) cos t)/(2 pi), |w_j - w*_j|^2 = 2 (1 - cos t),
 * so the smallest C_0 valid for every t in (0, theta0] is
 *   C0min(theta0) = sup R(t),  R(t) = (1/2 - F(t)) / (2 (1 - cos t) F(t)).
 * Facts used: R = g/F with g = (1/2 - F)/(2 (1 - cos t)) = 1/4 -
 * h(t)/(4 pi), h = (sin t - t cos t)/(1 - cos t) increasing on (0, pi]
 * (h' = sin t (t - sin t)/(1 - cos t)^2), so g decreases, F decreases and
 * R <= g(a)/F(b) on [a, b]; R(t) -> 1/2 as t -> 0 (series: g -> 1/4,
 * F -> 1/2), so C0min >= 1/2.  The branch-and-bound uses these bounds at
 * exact points; the closed form max(1/2, R(theta0)) is a second path
 * (R decreases from 1/2 to about 0.4886 near t = 0.3, then increases). */
#include <math.h>
#include <stdlib.h>
#include "lm_impl.h"

/* g(a) = 1/4 - h(a)/(4 pi), h(a) = (sin a - a cos a)/(1 - cos a), at the
 * exact point a (g(0+) = 1/4) */
static void
c0_g(arb_t g, double a, slong prec)
{
    arb_t t, s, c, x, pi;
    if (a == 0.0)
    {
        arb_set_d(g, 0.25);
        return;
    }
    arb_init(t); arb_init(s); arb_init(c); arb_init(x); arb_init(pi);
    arb_set_d(t, a);
    arb_sin_cos(s, c, t, prec);
    arb_mul(x, t, c, prec);
    arb_sub(x, s, x, prec);                       /* sin a - a cos a */
    arb_sub_ui(c, c, 1, prec);
    arb_neg(c, c);                                /* 1 - cos a */
    arb_div(x, x, c, prec);
    arb_const_pi(pi, prec);
    arb_div(x, x, pi, prec);
    arb_mul_2exp_si(x, x, -2);
    arb_set_d(g, 0.25);
    arb_sub(g, g, x, prec);
    arb_clear(t); arb_clear(s); arb_clear(c); arb_clear(x); arb_clear(pi);
}

/* upper bound of R over [a, b] (0 <= a < b < pi): R = g/F with g
 * decreasing (h' = sin t (t - sin t)/(1 - cos t)^2 >= 0) and F
 * decreasing, so R <= g(a)/F(b), both at exact points */
static void
c0_box_ub(arb_t ub, double a, double b, slong prec)
{
    arb_t F, g;
    arf_t u;
    arb_init(F); arb_init(g);
    arf_init(u);
    arb_set_d(F, b);
    _tsa_lm_psi_angle(F, TSA_LM_PSI_L, F, prec);
    c0_g(g, a, prec);
    arb_div(ub, g, F, prec);
    arb_get_ubound_arf(u, ub, prec);
    arb_set_arf(ub, u);
    arb_clear(F); arb_clear(g);
    arf_clear(u);
}

/* R at the exact point t > 0 (a ball) */
static void
c0_R(arb_t y, const arb_t t, slong prec)
{
    arb_t F, c;
    arb_init(F);
    arb_init(c);
    _tsa_lm_psi_angle(F, TSA_LM_PSI_L, t, prec);
    arb_cos(c, t, prec);
    arb_sub_ui(c, c, 1, prec);
    arb_neg(c, c);
    arb_mul_2exp_si(c, c, 1);
    arb_mul(c, c, F, prec);
    arb_set_d(y, 0.5);
    arb_sub(y, y, F, prec);
    arb_div(y, y, c, prec);
    arb_clear(F);
    arb_clear(c);
}

tsa_truth_t
_tsa_lm_c0_bb(arb_t lo, arb_t hi, const arb_t theta0, double rtol,
              long maxbox, slong prec)
{
    double *a, *b, best;
    long top = 0, nbox = 0, cap = 4096;
    arb_t t, ub, y;
    arf_t x;
    tsa_truth_t res = TSA_TRUE;
    double th;
    arb_init(t); arb_init(ub); arb_init(y);
    arf_init(x);
    arb_set_d(lo, 0.5);                           /* the limit at t -> 0 */
    arb_set_d(hi, 0.5);
    best = 0.5;
    /* the last point theta0 itself (a ball): its value is attained */
    c0_R(y, theta0, prec);
    if (arb_is_finite(y) && arf_cmp_d(arb_midref(y), best) > 0)
    {
        arb_get_lbound_arf(x, y, prec);
        if (arf_cmp(x, arb_midref(lo)) > 0)
        {
            arb_set_arf(lo, x);
            best = arf_get_d(x, ARF_RND_DOWN);
        }
    }
    arb_get_ubound_arf(x, theta0, prec);
    th = arf_get_d(x, ARF_RND_UP);
    a = malloc(sizeof(double) * (size_t) cap);
    b = malloc(sizeof(double) * (size_t) cap);
    a[0] = 0.0;
    b[0] = th;
    top = 1;
    while (top > 0)
    {
        double l, r, mid;
        top--;
        l = a[top];
        r = b[top];
        if (++nbox > maxbox || !(r < 3.0))
        {
            res = TSA_UNDECIDED;
            break;
        }
        c0_box_ub(ub, l, r, prec);
        if (arb_is_finite(ub)
            && arf_cmp_d(arb_midref(ub), best * (1.0 + rtol)) <= 0)
        {
            if (arf_cmp(arb_midref(ub), arb_midref(hi)) > 0)
                arb_set(hi, ub);
            continue;
        }
        mid = 0.5 * (l + r);
        if (!(mid > l && mid < r) || top + 2 > cap)
        {
            res = TSA_UNDECIDED;
            break;
        }
        /* a point value (exact midpoint): attained, a lower bound */
        arb_set_d(t, mid);
        c0_R(y, t, prec);
        if (arb_is_finite(y))
        {
            arb_get_lbound_arf(x, y, prec);
            if (arf_cmp(x, arb_midref(lo)) > 0)
            {
                arb_set_arf(lo, x);
                best = arf_get_d(x, ARF_RND_DOWN);
            }
        }
        a[top] = l;
        b[top] = mid;
        a[top + 1] = mid;
        b[top + 1] = r;
        top += 2;
    }
    if (arf_cmp(arb_midref(hi), arb_midref(lo)) < 0)
        arb_set(hi, lo);
    free(a);
    free(b);
    arb_clear(t); arb_clear(ub); arb_clear(y);
    arf_clear(x);
    return res;
}

void
_tsa_lm_c0_closed(arb_t c0, const arb_t theta0, slong prec)
{
    arb_t y;
    arb_init(y);
    c0_R(y, theta0, prec);
    arb_set_d(c0, 0.5);
    arb_max(c0, c0, y, prec);
    arb_clear(y);
}
