/* psi_l.c -- tsa_kernel_psi_l: psi_l(w, u) = E[sigma(w.xt) sigma(u.xt)],
 * LM eq. (7), rigorous (docs/kernels.md sections 3, 5, 6). */
#include "kernel_impl.h"

/* psi_l at a fixed wp for a geometry without ball-degenerate norms:
 *   both norms > 0: s^2 |wt| |ut| M_c(h, k, theta)      (DESIGN s.2)
 *   wt = 0: sigma(b_w) E[sigma(u.xt)], ut = 0: sigma(b_u) E[sigma(w.xt)] */
static void
psi_l_geom(arb_t res, const _tsa_kernel_geom_t g, const arb_t s, const arb_t c,
           slong wp)
{
    arb_t t;
    arb_init(t);
    if (g->wz == 1)
    {
        _tsa_kernel_sigma(t, g->bw, c, wp);
        _tsa_kernel_mean_sigma(res, g->nu, g->bu, g->k, g->uz, s, c, wp);
        arb_mul(res, res, t, wp);
    }
    else if (g->uz == 1)
    {
        _tsa_kernel_sigma(t, g->bu, c, wp);
        _tsa_kernel_mean_sigma(res, g->nw, g->bw, g->h, g->wz, s, c, wp);
        arb_mul(res, res, t, wp);
    }
    else
    {
        _tsa_kernel_leaky_wp(t, NULL, NULL, g->h, g->k, g->th, c, wp);
        arb_mul(t, t, g->nw, wp);
        arb_mul(t, t, g->nu, wp);
        arb_mul(t, t, s, wp);
        arb_mul(res, t, s, wp);
    }
    arb_clear(t);
}

/* sup over the ball of ||v - mid v||_s */
static void
snorm_rad(mag_t res, arb_srcptr v, slong d, int bias, const arb_t s)
{
    mag_t t;
    slong i;
    mag_init(t);
    mag_zero(res);
    for (i = 0; i < d; i++)
        mag_addmul(res, arb_radref(v + i), arb_radref(v + i));
    arb_get_mag(t, s);
    mag_mul(res, res, t);
    mag_mul(res, res, t);
    if (bias)
        mag_addmul(res, arb_radref(v + d), arb_radref(v + d));
    mag_sqrt(res, res);
    mag_clear(t);
}

void
_tsa_kernel_psi_l_wp(arb_t res, arb_srcptr w, arb_srcptr u, slong d, int bias,
                     const arb_t s, const arb_t c, slong wp)
{
    _tsa_kernel_geom_t g;
    slong n = d + (bias != 0), i;
    _tsa_kernel_geom_init(g, d);
    _tsa_kernel_geom_set(g, w, u, d, bias, s, wp);
    if (g->wz != 2 && g->uz != 2)
        psi_l_geom(res, g, s, c, wp);
    else
    {
        /* a norm ball contains 0: h or k is unbounded.  Use the midpoint
           weights and |psi_l(w,u) - psi_l(w',u')| <= ||w - w'|| ||u|| +
           ||w'|| ||u - u'||, ||v||^2 = s^2 |vt|^2 + b^2 (Cauchy-Schwarz,
           sigma 1-Lipschitz; docs/kernels.md section 5) */
        arb_ptr wm = _arb_vec_init(n), um = _arb_vec_init(n);
        mag_t a, b, e;
        mag_init(a);
        mag_init(b);
        mag_init(e);
        for (i = 0; i < n; i++)
        {
            arb_get_mid_arb(wm + i, w + i);
            arb_get_mid_arb(um + i, u + i);
        }
        _tsa_kernel_geom_set(g, wm, um, d, bias, s, wp);
        psi_l_geom(res, g, s, c, wp);
        snorm_rad(a, w, d, bias, s);
        _tsa_kernel_snorm_ub(b, u, d, bias, s);
        mag_mul(e, a, b);
        _tsa_kernel_snorm_ub(a, wm, d, bias, s);
        snorm_rad(b, u, d, bias, s);
        mag_addmul(e, a, b);
        arb_add_error_mag(res, e);
        mag_clear(a);
        mag_clear(b);
        mag_clear(e);
        _arb_vec_clear(wm, n);
        _arb_vec_clear(um, n);
    }
    _tsa_kernel_geom_clear(g);
}

int
tsa_kernel_psi_l(arb_t res, arb_srcptr w, arb_srcptr u, slong d, int bias,
                 const arb_t s, const arb_t c, slong prec)
{
    arb_t r, best;
    slong wp, cap, acc, pacc = -ARF_PREC_EXACT, i;
    int st, first, exact;
    st = _tsa_kernel_check("tsa_kernel_psi_l", w, u, d, bias, s, c);
    if (st != TSA_SUCCESS)
    {
        arb_indeterminate(res);
        return st;
    }
    exact = arb_is_exact(s) && arb_is_exact(c);
    for (i = 0; i < d + (bias != 0); i++)
        exact = exact && arb_is_exact(w + i) && arb_is_exact(u + i);
    arb_init(r);
    arb_init(best);
    cap = TSA_KERNEL_CAP(prec);
    /* Ziv loop (docs/kernels.md section 6); res is written last, so it
       may alias an input */
    for (wp = prec + TSA_KERNEL_GUARD, first = 1;; wp *= 2, first = 0)
    {
        wp = FLINT_MIN(wp, cap);
        _tsa_kernel_psi_l_wp(r, w, u, d, bias, s, c, wp);
        if (first || !arb_intersection(best, best, r, wp))
            arb_swap(best, r);
        acc = arb_rel_accuracy_bits(best);
        if (acc >= prec - TSA_KERNEL_SLACK || wp >= cap
            || (!exact && acc <= pacc + 4))
            break;
        pacc = acc;
    }
    arb_swap(res, best);
    arb_clear(r);
    arb_clear(best);
    return TSA_SUCCESS;
}
