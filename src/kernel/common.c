/* common.c -- private helpers of the Arb kernels: leaky combinations,
 * sigma, geometry of a weight pair, input checks, Ziv rule
 * (docs/kernels.md sections 3, 5, 6). */
#include "kernel_impl.h"

/* sigma(z) = (1 - c) z_+ + c z, so with e = 1 - c (docs/kernels.md s.3)
 *   Mc  = e^2 M + c e [rho (Phi(h) + Phi(k)) + k m(h) + h m(k)]
 *         + c^2 (rho + hk),        m(x) = E[(X + x)_+] = x Phi(x) + phi(x)
 *   Mch = e^2 Mh + c e [rho phi(h) + k (Phi(h) + Phi(k)) + phi(k)] + c^2 k
 *   Pc  = e^2 Phi2 + c e (Phi(h) + Phi(k)) + c^2
 * (E[(X + h)_+ Y] = rho E[(X + h)_+ X] = rho Phi(h)): one bivariate term
 * instead of four. */
void
_tsa_kernel_leaky_wp(arb_t Mc, arb_t Mch, arb_t Pc, const arb_t h,
                     const arb_t k, const arb_t theta, const arb_t c, slong wp)
{
    arb_t P, M, Mh, e2, ce, c2, Ph, Pk, ph, pk, rho, t, u;

    if (arb_is_zero(c))
    {
        _tsa_kernel_bvn_wp(Pc, Mc, Mch, h, k, theta, wp);
        return;
    }
    arb_init(P);
    arb_init(M);
    arb_init(Mh);
    arb_init(e2);
    arb_init(ce);
    arb_init(c2);
    arb_init(Ph);
    arb_init(Pk);
    arb_init(ph);
    arb_init(pk);
    arb_init(rho);
    arb_init(t);
    arb_init(u);

    _tsa_kernel_bvn_wp(Pc ? P : NULL, Mc ? M : NULL, Mch ? Mh : NULL, h, k,
                       theta, wp);
    arb_sub_ui(t, c, 1, wp);
    arb_sqr(e2, t, wp);          /* (1 - c)^2 */
    arb_mul(ce, c, t, wp);
    arb_neg(ce, ce);             /* c (1 - c) */
    arb_sqr(c2, c, wp);
    _tsa_kernel_Phi(Ph, h, wp);
    _tsa_kernel_Phi(Pk, k, wp);
    if (Mc != NULL || Mch != NULL)
    {
        _tsa_kernel_phi(ph, h, wp);
        _tsa_kernel_phi(pk, k, wp);
        arb_cos(rho, theta, wp);
    }
    if (Mc != NULL)
    {
        arb_add(t, Ph, Pk, wp);
        arb_mul(t, t, rho, wp);
        arb_mul(u, h, Ph, wp);   /* k m(h) */
        arb_add(u, u, ph, wp);
        arb_addmul(t, k, u, wp);
        arb_mul(u, k, Pk, wp);   /* h m(k) */
        arb_add(u, u, pk, wp);
        arb_addmul(t, h, u, wp);
        arb_mul(t, t, ce, wp);
        arb_addmul(t, e2, M, wp);
        arb_mul(u, h, k, wp);
        arb_add(u, u, rho, wp);
        arb_addmul(t, c2, u, wp);
        arb_swap(Mc, t);
    }
    if (Mch != NULL)
    {
        arb_add(t, Ph, Pk, wp);
        arb_mul(t, t, k, wp);
        arb_addmul(t, rho, ph, wp);
        arb_add(t, t, pk, wp);
        arb_mul(t, t, ce, wp);
        arb_addmul(t, e2, Mh, wp);
        arb_addmul(t, c2, k, wp);
        arb_swap(Mch, t);
    }
    if (Pc != NULL)
    {
        arb_add(t, Ph, Pk, wp);
        arb_mul(t, t, ce, wp);
        arb_addmul(t, e2, P, wp);
        arb_add(t, t, c2, wp);
        arb_swap(Pc, t);
    }

    arb_clear(P);
    arb_clear(M);
    arb_clear(Mh);
    arb_clear(e2);
    arb_clear(ce);
    arb_clear(c2);
    arb_clear(Ph);
    arb_clear(Pk);
    arb_clear(ph);
    arb_clear(pk);
    arb_clear(rho);
    arb_clear(t);
    arb_clear(u);
}

void
_tsa_kernel_sigma(arb_t res, const arb_t b, const arb_t c, slong prec)
{
    arb_t t;
    if (arb_is_nonnegative(b))
    {
        arb_set(res, b);
        return;
    }
    arb_init(t);
    arb_mul(t, b, c, prec);
    if (arb_is_nonpositive(b))
        arb_swap(res, t);
    else
        arb_union(res, b, t, prec);
    arb_clear(t);
}

void
_tsa_kernel_dsigma(arb_t res, const arb_t b, const arb_t c, slong prec)
{
    arb_t one;
    if (arb_is_positive(b))
        arb_one(res);
    else if (arb_is_nonpositive(b))
        arb_set(res, c);
    else
    {
        arb_init(one);
        arb_one(one);
        arb_union(res, one, c, prec);
        arb_clear(one);
    }
}

void
_tsa_kernel_geom_init(_tsa_kernel_geom_t g, slong d)
{
    g->d = d;
    g->wh = _arb_vec_init(d);
    g->uh = _arb_vec_init(d);
    arb_init(g->nw);
    arb_init(g->nu);
    arb_init(g->bw);
    arb_init(g->bu);
    arb_init(g->h);
    arb_init(g->k);
    arb_init(g->th);
    arb_init(g->rho);
    g->wz = g->uz = 0;
    g->exact = 0;
}

void
_tsa_kernel_geom_clear(_tsa_kernel_geom_t g)
{
    _arb_vec_clear(g->wh, g->d);
    _arb_vec_clear(g->uh, g->d);
    arb_clear(g->nw);
    arb_clear(g->nu);
    arb_clear(g->bw);
    arb_clear(g->bu);
    arb_clear(g->h);
    arb_clear(g->k);
    arb_clear(g->th);
    arb_clear(g->rho);
}

/* |v| with arb_sqrtpos; zero flag: 1 exact zero, 2 ball contains 0 */
static int
vec_norm(arb_t n, arb_srcptr v, slong d, slong wp)
{
    slong i;
    int allzero = 1;
    arb_zero(n);
    for (i = 0; i < d; i++)
    {
        arb_addmul(n, v + i, v + i, wp);
        if (!arb_is_zero(v + i))
            allzero = 0;
    }
    arb_sqrtpos(n, n, wp);
    if (allzero)
        return 1;
    return arb_is_positive(n) ? 0 : 2;
}

void
_tsa_kernel_geom_set(_tsa_kernel_geom_t g, arb_srcptr w, arb_srcptr u, slong d,
                     int bias, const arb_t s, slong wp)
{
    slong i;
    arb_t a, b, pi;
    arb_init(a);
    arb_init(b);
    arb_init(pi);

    g->exact = arb_is_exact(s);
    for (i = 0; i < d + (bias != 0); i++)
        g->exact = g->exact && arb_is_exact(w + i) && arb_is_exact(u + i);
    g->wz = vec_norm(g->nw, w, d, wp);
    g->uz = vec_norm(g->nu, u, d, wp);
    if (bias)
    {
        arb_set(g->bw, w + d);
        arb_set(g->bu, u + d);
    }
    else
    {
        arb_zero(g->bw);
        arb_zero(g->bu);
    }
    if (g->wz == 0)
    {
        _arb_vec_scalar_div(g->wh, w, d, g->nw, wp);
        arb_mul(a, s, g->nw, wp);
        arb_div(g->h, g->bw, a, wp); /* h = b_w/(s |wt|) */
    }
    if (g->uz == 0)
    {
        _arb_vec_scalar_div(g->uh, u, d, g->nu, wp);
        arb_mul(a, s, g->nu, wp);
        arb_div(g->k, g->bu, a, wp);
    }
    if (g->wz == 0 && g->uz == 0)
    {
        /* theta = 2 atan2(|wh - uh|, |wh + uh|), intersected with [0, pi];
           rho = cos theta (docs/kernels.md section 5) */
        arb_zero(a);
        arb_zero(b);
        for (i = 0; i < d; i++)
        {
            arb_t t;
            arb_init(t);
            arb_sub(t, g->wh + i, g->uh + i, wp);
            arb_addmul(a, t, t, wp);
            arb_add(t, g->wh + i, g->uh + i, wp);
            arb_addmul(b, t, t, wp);
            arb_clear(t);
        }
        arb_sqrtpos(a, a, wp);
        arb_sqrtpos(b, b, wp);
        arb_atan2(g->th, a, b, wp);
        arb_mul_2exp_si(g->th, g->th, 1);
        {
            /* intersect with [0, pi] */
            arf_t lo, hi;
            arf_init(lo);
            arf_init(hi);
            arb_const_pi(pi, wp);
            arb_get_lbound_arf(lo, g->th, wp);
            arb_get_ubound_arf(hi, g->th, wp);
            if (arf_sgn(lo) < 0)
                arf_zero(lo);
            arb_get_ubound_arf(arb_midref(a), pi, wp);
            if (arf_cmp(hi, arb_midref(a)) > 0)
                arf_set(hi, arb_midref(a));
            if (arf_cmp(lo, hi) <= 0)
                arb_set_interval_arf(g->th, lo, hi, wp);
            arf_clear(lo);
            arf_clear(hi);
        }
        arb_cos(g->rho, g->th, wp);
    }
    arb_clear(a);
    arb_clear(b);
    arb_clear(pi);
}

int
_tsa_kernel_check(const char *fn, arb_srcptr w, arb_srcptr u, slong d,
                  int bias, const arb_t s, const arb_t c)
{
    slong i, n;
    arb_t one;
    int ok;
    if (d < 1)
        return TSA_ERROR(TSA_EINVAL, "%s: d = %ld must be >= 1", fn, (long)d);
    n = d + (bias != 0);
    for (i = 0; i < n; i++)
    {
        if (!arb_is_finite(w + i))
            return TSA_ERROR(TSA_EDOM, "%s: w[%ld] is not finite", fn,
                             (long)i);
        if (!arb_is_finite(u + i))
            return TSA_ERROR(TSA_EDOM, "%s: u[%ld] is not finite", fn,
                             (long)i);
    }
    if (!arb_is_finite(s) || !arb_is_positive(s))
        return TSA_ERROR(TSA_EDOM, "%s: s must be finite and > 0", fn);
    arb_init(one);
    arb_one(one);
    ok = arb_is_finite(c) && arb_is_nonnegative(c) && arb_lt(c, one);
    arb_clear(one);
    if (!ok)
        return TSA_ERROR(TSA_EDOM, "%s: c must lie in [0, 1)", fn);
    return TSA_SUCCESS;
}

/* E[sigma(v.xt)] = s n E[sigma(Y + kk)] with
 * E[(Y+k)_+] = k Phi(k) + phi(k) = m1(k), E[(-Y-k)_+] = m1(-k) = m1(k) - k:
 *   E[sigma(Y + k)] = m1(k) - c (m1(k) - k).
 * m1 is evaluated at the midpoint of kk plus |m1'| = Phi <= 1 times the
 * radius.  vz == 1: the constant sigma(b). */
void
_tsa_kernel_mean_sigma(arb_t res, const arb_t n, const arb_t b, const arb_t kk,
                       int vz, const arb_t s, const arb_t c, slong prec)
{
    arb_t m, km, t;
    if (vz == 1)
    {
        _tsa_kernel_sigma(res, b, c, prec);
        return;
    }
    arb_init(m);
    arb_init(km);
    arb_init(t);
    arb_get_mid_arb(km, kk);
    _tsa_kernel_Phi(t, km, prec);
    arb_mul(m, t, km, prec);
    _tsa_kernel_phi(t, km, prec);
    arb_add(m, m, t, prec);
    arb_add_error_mag(m, arb_radref(kk));
    arb_sub(t, m, kk, prec);
    arb_submul(m, c, t, prec);
    arb_mul(m, m, n, prec);
    arb_mul(res, m, s, prec);
    arb_clear(m);
    arb_clear(km);
    arb_clear(t);
}

/* E[sigma'(v.xt)] = c + (1 - c) Phi(kk); vz == 1: sigma'(b). */
void
_tsa_kernel_mean_dsigma(arb_t res, const arb_t b, const arb_t kk, int vz,
                        const arb_t c, slong prec)
{
    arb_t t;
    if (vz == 1)
    {
        _tsa_kernel_dsigma(res, b, c, prec);
        return;
    }
    arb_init(t);
    _tsa_kernel_Phi(t, kk, prec);
    arb_sub_ui(res, c, 1, prec);
    arb_neg(res, res);
    arb_mul(res, res, t, prec);
    arb_add(res, res, c, prec);
    arb_clear(t);
}

void
_tsa_kernel_snorm_ub(mag_t res, arb_srcptr v, slong d, int bias, const arb_t s)
{
    mag_t t, m;
    slong i;
    mag_init(t);
    mag_init(m);
    mag_zero(res);
    for (i = 0; i < d; i++)
    {
        arb_get_mag(t, v + i);
        mag_addmul(res, t, t);
    }
    arb_get_mag(t, s);
    mag_mul(res, res, t);
    mag_mul(res, res, t);
    if (bias)
    {
        arb_get_mag(t, v + d);
        mag_addmul(res, t, t);
    }
    mag_sqrt(res, res);
    mag_clear(t);
    mag_clear(m);
}

int
_tsa_kernel_ziv_done(const arb_t res, slong prec)
{
    return arb_rel_accuracy_bits(res) >= prec - TSA_KERNEL_SLACK;
}
