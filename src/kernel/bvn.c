/* bvn.c -- tsa_kernel_bvn: Phi2, M, Mh of a standard bivariate normal
 * with correlation cos theta, rigorous over balls (docs/kernels.md s.1-4,6).
 */
#include "kernel_impl.h"

static void
set_nan(arb_t x)
{
    if (x != NULL)
        arb_indeterminate(x);
}

static slong
racc(const arb_t x)
{
    return x == NULL ? ARF_PREC_EXACT : arb_rel_accuracy_bits(x);
}

static void
keep(arb_t best, arb_t x, slong wp, int first)
{
    if (best == NULL)
        return;
    if (first || !arb_intersection(best, best, x, wp))
        arb_swap(best, x);
}

int
tsa_kernel_bvn(arb_t Phi2, arb_t M, arb_t Mh, const arb_t h, const arb_t k,
               const arb_t theta, slong prec)
{
    arb_t hh, kk, th, pi, P, Mv, Mhv;
    arf_t lo, hi;
    slong wp, cap, acc, pacc;
    int first, exact;

    if (!arb_is_finite(h) || !arb_is_finite(k) || !arb_is_finite(theta))
    {
        set_nan(Phi2);
        set_nan(M);
        set_nan(Mh);
        return TSA_ERROR(TSA_EDOM, "tsa_kernel_bvn: h, k and theta must be"
                                   " finite");
    }
    arb_init(th);
    arb_init(pi);
    arf_init(lo);
    arf_init(hi);
    /* copies: the outputs, written in every Ziv step, may alias h or k */
    arb_init(hh);
    arb_init(kk);
    arb_set(hh, h);
    arb_set(kk, k);

    /* theta intersected with [0, pi] */
    arb_const_pi(pi, prec + TSA_KERNEL_GUARD);
    arb_get_lbound_arf(lo, theta, prec + TSA_KERNEL_GUARD);
    arb_get_ubound_arf(hi, theta, prec + TSA_KERNEL_GUARD);
    if (arf_sgn(lo) < 0)
        arf_zero(lo);
    if (arf_sgn(hi) < 0 || arb_gt(theta, pi))
    {
        arb_clear(hh);
        arb_clear(kk);
        arb_clear(th);
        arb_clear(pi);
        arf_clear(lo);
        arf_clear(hi);
        set_nan(Phi2);
        set_nan(M);
        set_nan(Mh);
        return TSA_ERROR(TSA_EDOM, "tsa_kernel_bvn: theta misses [0, pi]");
    }
    if (arf_sgn(lo) == 0 || arf_cmp(hi, arb_midref(pi)) > 0)
        arb_set_interval_arf(th, lo, hi, 2 * prec + 64);
    else
        arb_set(th, theta);

    arb_init(P);
    arb_init(Mv);
    arb_init(Mhv);
    exact = arb_is_exact(h) && arb_is_exact(k) && arb_is_exact(theta);
    cap = TSA_KERNEL_CAP(prec);
    pacc = -ARF_PREC_EXACT;
    for (wp = prec + TSA_KERNEL_GUARD, first = 1;; wp *= 2, first = 0)
    {
        wp = FLINT_MIN(wp, cap);
        acc = _tsa_kernel_bvn_wp(Phi2 ? P : NULL, M ? Mv : NULL,
                                 Mh ? Mhv : NULL, hh, kk, th, wp);
        keep(Phi2, P, wp, first);
        keep(M, Mv, wp, first);
        keep(Mh, Mhv, wp, first);
        /* stop: accurate enough, at the cap, or input radii dominate */
        if (acc >= prec - TSA_KERNEL_SLACK || wp >= cap)
            break;
        acc = FLINT_MIN(racc(Phi2), FLINT_MIN(racc(M), racc(Mh)));
        if (acc >= prec - TSA_KERNEL_SLACK || (!exact && acc <= pacc + 4))
            break;
        pacc = acc;
    }

    arb_clear(P);
    arb_clear(Mv);
    arb_clear(Mhv);
    arb_clear(hh);
    arb_clear(kk);
    arb_clear(th);
    arb_clear(pi);
    arf_clear(lo);
    arf_clear(hi);
    return TSA_SUCCESS;
}
