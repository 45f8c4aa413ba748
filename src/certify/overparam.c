/* overparam.c -- g(u) = sum_i K(u, w_i) - sum_t K(u, v_t) at a zero
 * student, in Arb over a box, by two paths (docs/overparam.md s. 1). */
#include <math.h>
#include "certify_impl.h"
#include "tsa_kernel.h"
#include "tsa_overparam.h"

/* K(uhat, w) = |w| F(theta) by the angle (path 0) */
static void
k_closed(arb_t res, arb_srcptr uh, const arb_t nu, arb_srcptr w, slong d,
         slong prec)
{
    arb_t nw, c, s, th, t;
    arb_init(nw);
    arb_init(c);
    arb_init(s);
    arb_init(th);
    arb_init(t);
    if (!_tsa_norm(nw, w, d, prec))
    {
        /* |w| may be 0: 0 <= K <= |w| / 2 */
        mag_t m;
        mag_init(m);
        arb_dot(t, NULL, 0, w, 1, w, 1, d, prec);
        arb_sqrtpos(t, t, prec);
        arb_get_mag(m, t);
        mag_mul_2exp_si(m, m, -2);     /* the centre |w|/4 +- |w|/4 */
        arf_set_mag(arb_midref(res), m);
        mag_set(arb_radref(res), m);
        mag_clear(m);
    }
    else if (_tsa_pair(c, s, th, nw, nu, w, uh, d, prec))
    {
        /* F = (sin th + (pi - th) cos th) / (2 pi) */
        arb_const_pi(t, prec);
        arb_sub(t, t, th, prec);
        arb_mul(t, t, c, prec);
        arb_add(t, t, s, prec);
        arb_const_pi(c, prec);
        arb_mul_2exp_si(c, c, 1);
        arb_div(t, t, c, prec);
        arb_mul(res, t, nw, prec);
    }
    else
        arb_indeterminate(res);
    arb_clear(nw);
    arb_clear(c);
    arb_clear(s);
    arb_clear(th);
    arb_clear(t);
}

int
tsa_overparam_g(arb_t g, arb_srcptr u, const tsa_cand_t c, int path,
                slong prec)
{
    slong d = c->d, i;
    arb_t nu, k, one, zero;
    int st = TSA_SUCCESS;
    arb_init(nu);
    arb_init(k);
    arb_init(one);
    arb_init(zero);
    arb_one(one);
    if (!_tsa_norm(nu, u, d, prec))
    {
        arb_indeterminate(g);
        st = TSA_ERROR(TSA_EINVAL, "overparam: the direction u might be 0");
        goto done;
    }
    arb_zero(g);
    if (path == 0)
    {
        for (i = 0; i < c->n; i++)
        {
            k_closed(k, u, nu, TSA_WCOL(c, i), d, prec);
            arb_add(g, g, k, prec);
        }
        for (i = 0; i < c->m; i++)
        {
            k_closed(k, u, nu, TSA_VCOL(c, i), d, prec);
            arb_sub(g, g, k, prec);
        }
    }
    else
    {
        /* teachers first, then students from the last: another order */
        for (i = 0; i < c->m && st == TSA_SUCCESS; i++)
        {
            st = tsa_kernel_psi_l(k, TSA_VCOL(c, i), u, d, 0, one, zero, prec);
            arb_sub(g, g, k, prec);
        }
        for (i = c->n - 1; i >= 0 && st == TSA_SUCCESS; i--)
        {
            st = tsa_kernel_psi_l(k, TSA_WCOL(c, i), u, d, 0, one, zero, prec);
            arb_add(g, g, k, prec);
        }
        arb_div(g, g, nu, prec);
    }
    if (st != TSA_SUCCESS)
        arb_indeterminate(g);
done:
    arb_clear(nu);
    arb_clear(k);
    arb_clear(one);
    arb_clear(zero);
    return st;
}

/* one path's g (st its status): *gub the larger of itself and g's upper
   bound plus a slack of 2^-40 |b| for a recomputation's own roundings
   (+inf when g is not finite); *res TSA_UNDECIDED unless g < 0 is proved
   (certify_impl.h) */
void
_tsa_overparam_path_ub(double *gub, tsa_truth_t *res, const arb_t g, int st,
                       slong prec)
{
    double b = HUGE_VAL;
    if (st == TSA_SUCCESS && arb_is_finite(g))
    {
        arf_t ub;
        arf_init(ub);
        arb_get_ubound_arf(ub, g, prec);
        b = arf_get_d(ub, ARF_RND_UP);
        b = b + ldexp(fabs(b), -40);
        arf_clear(ub);
    }
    if (!(b < 0) || !arb_is_negative(g))
        *res = TSA_UNDECIDED;
    if (b > *gub)
        *gub = b;
}

tsa_truth_t
tsa_overparam_zero(double *u, double *gub, const tsa_cand_t c, slong prec)
{
    slong d = c->d, a;
    int path;
    arb_ptr ua = _arb_vec_init(d);
    arb_t g;
    tsa_truth_t res = TSA_TRUE;
    arb_init(g);
    tsa_overparam_search_d(u, c, 1);
    for (a = 0; a < d; a++)
        arb_set_d(ua + a, u[a]);
    /* both paths must prove it; g_upper is the larger of their bounds, so
       that verify can recompute either */
    *gub = -HUGE_VAL;
    for (path = 0; path < 2; path++)
        _tsa_overparam_path_ub(gub, &res, g,
                               tsa_overparam_g(g, ua, c, path, prec), prec);
    arb_clear(g);
    _arb_vec_clear(ua, d);
    return res;
}
