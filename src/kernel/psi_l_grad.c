/* psi_l_grad.c -- tsa_kernel_psi_l_grad: the gradient of psi_l(w, u) in w,
 * rigorous (docs/kernels.md section 5). */
#include "kernel_impl.h"

/* Fixed-wp gradient.  With Mc, Mch = dMc/dh, Pc = dMc/drho = psi_d:
 *   d/db_w = s |ut| Mch,
 *   d/dwt  = s^2 |ut| [ (Mc - h Mch) wh + Pc (uh - rho wh) ];
 * wt = 0 (b_w != 0): d/dwt = sigma'(b_w) s^2 E[sigma'(u.xt)] ut (Stein),
 *   d/db_w = sigma'(b_w) E[sigma(u.xt)];
 * ut = 0: d/dwt = sigma(b_u) (1 - c) s phi(h) wh,
 *   d/db_w = sigma(b_u) E[sigma'(w.xt)];
 * a norm ball containing 0: |d/dwt_i| <= s ||u||, |d/db| <= ||u||
 *   (Cauchy-Schwarz on E[sigma'(w.xt) xt_i sigma(u.xt)]). */
static void
grad_wp(arb_ptr g, arb_srcptr w, arb_srcptr u, slong d, int bias,
        const arb_t s, const arb_t c, slong wp)
{
    _tsa_kernel_geom_t G;
    arb_t Mc, Mch, Pc, t, a, b;
    slong i;
    _tsa_kernel_geom_init(G, d);
    arb_init(Mc);
    arb_init(Mch);
    arb_init(Pc);
    arb_init(t);
    arb_init(a);
    arb_init(b);
    _tsa_kernel_geom_set(G, w, u, d, bias, s, wp);
    if (G->wz == 2 || G->uz == 2 || (G->wz == 1 && !arb_is_nonzero(G->bw)))
    {
        mag_t m, ms;
        mag_init(m);
        mag_init(ms);
        _tsa_kernel_snorm_ub(m, u, d, bias, s);
        arb_get_mag(ms, s);
        mag_mul(ms, ms, m);
        for (i = 0; i < d; i++)
        {
            arb_zero(g + i);
            arb_add_error_mag(g + i, ms);
        }
        if (bias)
        {
            arb_zero(g + d);
            arb_add_error_mag(g + d, m);
        }
        mag_clear(m);
        mag_clear(ms);
    }
    else if (G->wz == 1)
    {
        _tsa_kernel_dsigma(a, G->bw, c, wp);
        _tsa_kernel_mean_dsigma(t, G->bu, G->k, G->uz, c, wp);
        arb_mul(t, t, a, wp);
        arb_mul(t, t, s, wp);
        arb_mul(t, t, s, wp);
        _arb_vec_scalar_mul(g, u, d, t, wp);
        if (bias)
        {
            _tsa_kernel_mean_sigma(t, G->nu, G->bu, G->k, G->uz, s, c, wp);
            arb_mul(g + d, t, a, wp);
        }
    }
    else if (G->uz == 1)
    {
        _tsa_kernel_sigma(a, G->bu, c, wp);
        _tsa_kernel_phi(t, G->h, wp);
        arb_sub_ui(b, c, 1, wp);
        arb_neg(b, b);
        arb_mul(t, t, b, wp);
        arb_mul(t, t, s, wp);
        arb_mul(t, t, a, wp);
        _arb_vec_scalar_mul(g, G->wh, d, t, wp);
        if (bias)
        {
            _tsa_kernel_mean_dsigma(t, G->bw, G->h, G->wz, c, wp);
            arb_mul(g + d, t, a, wp);
        }
    }
    else
    {
        _tsa_kernel_leaky_wp(Mc, Mch, Pc, G->h, G->k, G->th, c, wp);
        /* a = s^2 |ut| (Mc - h Mch - rho Pc), b = s^2 |ut| Pc */
        arb_mul(t, s, G->nu, wp);
        arb_mul(a, G->h, Mch, wp);
        arb_sub(a, Mc, a, wp);
        arb_submul(a, G->rho, Pc, wp);
        arb_mul(a, a, t, wp);
        arb_mul(a, a, s, wp);
        arb_mul(b, Pc, t, wp);
        arb_mul(b, b, s, wp);
        for (i = 0; i < d; i++)
        {
            arb_mul(g + i, a, G->wh + i, wp);
            arb_addmul(g + i, b, G->uh + i, wp);
        }
        if (bias)
            arb_mul(g + d, t, Mch, wp);
    }
    arb_clear(Mc);
    arb_clear(Mch);
    arb_clear(Pc);
    arb_clear(t);
    arb_clear(a);
    arb_clear(b);
    _tsa_kernel_geom_clear(G);
}

/* accuracy of a vector relative to its largest entry */
static slong
vec_acc(arb_srcptr g, slong n)
{
    mag_t rmax, m;
    arf_t amax;
    slong i, r;
    mag_init(rmax);
    mag_init(m);
    arf_init(amax);
    for (i = 0; i < n; i++)
    {
        if (!arb_is_finite(g + i))
        {
            r = -ARF_PREC_EXACT;
            goto done;
        }
        mag_max(rmax, rmax, arb_radref(g + i));
        if (arf_cmpabs(arb_midref(g + i), amax) > 0)
            arf_abs(amax, arb_midref(g + i));
    }
    if (mag_is_zero(rmax))
        r = ARF_PREC_EXACT;
    else if (arf_is_zero(amax))
        r = -ARF_PREC_EXACT;
    else
    {
        arf_get_mag_lower(m, amax);
        r = arf_abs_bound_lt_2exp_si(amax) - 1 - MAG_EXP(rmax);
        r = FLINT_MAX(r, -ARF_PREC_EXACT);
    }
done:
    mag_clear(rmax);
    mag_clear(m);
    arf_clear(amax);
    return r;
}

int
tsa_kernel_psi_l_grad(arb_ptr g, arb_srcptr w, arb_srcptr u, slong d, int bias,
                      const arb_t s, const arb_t c, slong prec)
{
    arb_ptr r, best;
    slong wp, cap, acc, pacc = -ARF_PREC_EXACT, i, n;
    int st, first, exact, wzero;
    st = _tsa_kernel_check("tsa_kernel_psi_l_grad", w, u, d, bias, s, c);
    if (st != TSA_SUCCESS)
    {
        _arb_vec_indeterminate(g, d + (bias != 0));
        return st;
    }
    n = d + (bias != 0);
    wzero = _arb_vec_is_zero(w, d) && (!bias || arb_is_zero(w + d));
    if (wzero)
    {
        _arb_vec_indeterminate(g, n);
        return TSA_ERROR(TSA_EDOM, "tsa_kernel_psi_l_grad: psi_l is not"
                                   " differentiable at w = 0");
    }
    exact = arb_is_exact(s) && arb_is_exact(c);
    for (i = 0; i < n; i++)
        exact = exact && arb_is_exact(w + i) && arb_is_exact(u + i);
    r = _arb_vec_init(n);
    best = _arb_vec_init(n);
    cap = TSA_KERNEL_CAP(prec);
    for (wp = prec + TSA_KERNEL_GUARD, first = 1;; wp *= 2, first = 0)
    {
        wp = FLINT_MIN(wp, cap);
        grad_wp(r, w, u, d, bias, s, c, wp);
        for (i = 0; i < n; i++)
            if (first || !arb_intersection(best + i, best + i, r + i, wp))
                arb_swap(best + i, r + i);
        acc = vec_acc(best, n);
        if (acc >= prec - TSA_KERNEL_SLACK || wp >= cap
            || (!exact && acc <= pacc + 4))
            break;
        pacc = acc;
    }
    _arb_vec_swap(g, best, n);
    _arb_vec_clear(r, n);
    _arb_vec_clear(best, n);
    return TSA_SUCCESS;
}
