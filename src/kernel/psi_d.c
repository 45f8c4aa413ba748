/* psi_d.c -- tsa_kernel_psi_d: psi_d(w, u) = E[sigma'(w.xt) sigma'(u.xt)],
 * LM eq. (7), rigorous (docs/kernels.md sections 3, 5, 6). */
#include "kernel_impl.h"

/*   both norms > 0: Phi2(h,k,th) + c Phi2(h,-k,pi-th) + c Phi2(-h,k,pi-th)
 *                   + c^2 Phi2(-h,-k,th)
 *   wt = 0: sigma'(b_w) E[sigma'(u.xt)] (sigma'(0) = c), ut = 0 likewise;
 *   a norm ball containing 0 (not exactly): [c^2, 1]. */
static void
psi_d_wp(arb_t res, arb_srcptr w, arb_srcptr u, slong d, int bias,
         const arb_t s, const arb_t c, slong wp)
{
    _tsa_kernel_geom_t g;
    arb_t t;
    arb_init(t);
    _tsa_kernel_geom_init(g, d);
    _tsa_kernel_geom_set(g, w, u, d, bias, s, wp);
    if (g->wz == 2 || g->uz == 2)
    {
        arb_sqr(t, c, wp);
        arb_one(res);
        arb_union(res, res, t, wp);
    }
    else if (g->wz == 1)
    {
        _tsa_kernel_dsigma(t, g->bw, c, wp);
        _tsa_kernel_mean_dsigma(res, g->bu, g->k, g->uz, c, wp);
        arb_mul(res, res, t, wp);
    }
    else if (g->uz == 1)
    {
        _tsa_kernel_dsigma(t, g->bu, c, wp);
        _tsa_kernel_mean_dsigma(res, g->bw, g->h, g->wz, c, wp);
        arb_mul(res, res, t, wp);
    }
    else
        _tsa_kernel_leaky_wp(NULL, NULL, res, g->h, g->k, g->th, c, wp);
    _tsa_kernel_geom_clear(g);
    arb_clear(t);
}

int
tsa_kernel_psi_d(arb_t res, arb_srcptr w, arb_srcptr u, slong d, int bias,
                 const arb_t s, const arb_t c, slong prec)
{
    arb_t r, best;
    slong wp, cap, acc, pacc = -ARF_PREC_EXACT, i;
    int st, first, exact;
    st = _tsa_kernel_check("tsa_kernel_psi_d", w, u, d, bias, s, c);
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
    /* Ziv loop (docs/kernels.md section 6); res written last (may alias) */
    for (wp = prec + TSA_KERNEL_GUARD, first = 1;; wp *= 2, first = 0)
    {
        wp = FLINT_MIN(wp, cap);
        psi_d_wp(r, w, u, d, bias, s, c, wp);
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
