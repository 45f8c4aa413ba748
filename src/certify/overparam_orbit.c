/* overparam_orbit.c -- g(u) at a zero student for a block-symmetric point
 * (V = I_k) by the compressed instance of the orbit path (orbit_impl.h;
 * docs/overparam.md s. 6): u lives on the K concrete indices, equal on the
 * generic representatives of each block, so every sum over the k true
 * students, teachers and coordinates is a weighted sum over concrete ones.
 * Path 0: closed form with the orbit weights; path 1: every concrete
 * neuron expanded to its true k-vector, the kernel psi_l on the expansion,
 * multiplicities recounted from the block sizes, another summation order. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "orbit_impl.h"
#include "tsa_kernel.h"
#include "tsa_overparam.h"

slong
tsa_overparam_orbit_K(const tsa_sym_t s)
{
    slong r, K = 0;
    for (r = 0; r < s->B; r++)
    {
        slong b = s->size[r], D = b < 4 ? b : 4, m = b - D;
        K += D + (m < 3 ? m : 3);
    }
    return K;
}

/* K(u, w)/|u| = |w| F(th) from the cosine ball c (clobbered) */
static void
kf(arb_t res, arb_t c, const arb_t nw, const arb_t pi, slong prec)
{
    arb_t s, th;
    arb_init(s);
    arb_init(th);
    _tsa_pair_angle(c, s, th, prec);
    arb_sub(th, pi, th, prec);
    arb_mul(th, th, c, prec);
    arb_add(th, th, s, prec);
    arb_div(th, th, pi, prec);
    arb_mul_2exp_si(th, th, -1);
    arb_mul(res, th, nw, prec);
    arb_clear(s);
    arb_clear(th);
}

static void
path0(arb_t g, const oi_t *o, arb_srcptr u, const arb_t nu, slong prec)
{
    slong K = o->K, i;
    arb_t d, t;
    arb_init(d);
    arb_init(t);
    arb_zero(g);
    for (i = 0; i < K; i++)
    {
        _tsa_oi_dot(d, o, u, o->W + i * K, i, -1, prec);
        arb_div(d, d, nu, prec);
        arb_div(d, d, o->nrm + i, prec);
        kf(t, d, o->nrm + i, o->pi, prec);
        _tsa_oi_wadd(g, t, _tsa_oi_wt(o, i, -1, -1), prec);
        /* teacher e_i, |e_i| = 1 */
        arb_div(d, u + i, nu, prec);
        arb_one(t);
        kf(t, d, t, o->pi, prec);
        arb_neg(t, t);
        _tsa_oi_wadd(g, t, _tsa_oi_wt(o, i, -1, -1), prec);
    }
    arb_clear(d);
    arb_clear(t);
}

/* the true k-vector of concrete column x (K entries): the generic entries
   of block r not concrete repeat x at a generic concrete index != self */
static void
expand(arb_ptr full, arb_srcptr x, slong self, const oi_t *o)
{
    slong a, r, f = o->K;
    for (a = 0; a < o->K; a++)
        arb_set(full + a, x + a);
    for (r = 0; r < o->B; r++)
    {
        slong g0 = o->cst[r] + o->D[r], q, gsrc = g0 == self ? g0 + 1 : g0;
        for (q = 0; q < o->m[r] - o->c[r]; q++)
            arb_set(full + f++, x + gsrc);
    }
}

/* multiplicity of concrete index a: 1, or m_r / c_r for a generic one */
static void
mult(arb_t w, const oi_t *o, slong a, slong prec)
{
    slong r = o->blk[a];
    if (a < o->cst[r] + o->D[r])
        arb_one(w);
    else
    {
        arb_set_si(w, o->m[r]);
        arb_div_si(w, w, o->c[r], prec);
    }
}

static int
path1(arb_t g, const oi_t *o, arb_srcptr u, slong prec)
{
    slong K = o->K, k = o->k, i;
    arb_ptr fu = _arb_vec_init(k), fw = _arb_vec_init(k), e = _arb_vec_init(K);
    arb_t kk, w, one, zero, nu;
    int st = TSA_SUCCESS;
    arb_init(kk);
    arb_init(w);
    arb_init(one);
    arb_init(zero);
    arb_init(nu);
    arb_one(one);
    arb_zero(g);
    expand(fu, u, -1, o);
    if (!_tsa_norm(nu, fu, k, prec))
        st = TSA_ERROR(TSA_EINVAL, "overparam: the direction u might be 0");
    for (i = 0; i < K && st == TSA_SUCCESS; i++)       /* teachers */
    {
        _arb_vec_zero(e, K);
        arb_one(e + i);
        expand(fw, e, i, o);
        st = tsa_kernel_psi_l(kk, fw, fu, k, 0, one, zero, prec);
        mult(w, o, i, prec);
        arb_submul(g, kk, w, prec);
    }
    for (i = K - 1; i >= 0 && st == TSA_SUCCESS; i--)  /* students */
    {
        expand(fw, o->W + i * K, i, o);
        st = tsa_kernel_psi_l(kk, fw, fu, k, 0, one, zero, prec);
        mult(w, o, i, prec);
        arb_addmul(g, kk, w, prec);
    }
    arb_div(g, g, nu, prec);
    _arb_vec_clear(fu, k);
    _arb_vec_clear(fw, k);
    _arb_vec_clear(e, K);
    arb_clear(kk);
    arb_clear(w);
    arb_clear(one);
    arb_clear(zero);
    arb_clear(nu);
    return st;
}

int
tsa_overparam_orbit_g(arb_t g, const double *u, const tsa_orbit_t p,
                      double rho, int path, slong prec)
{
    oi_t o;
    slong K, a;
    arb_ptr ua;
    arb_t nu;
    int st;
    if (p->s.k > TSA_ORBIT_MAX_K || !(rho >= 0) || !isfinite(rho))
        return TSA_ERROR(TSA_EINVAL, "overparam: k or rho out of range");
    if ((st = _tsa_oi_init(&o, p, rho, prec)) != TSA_SUCCESS)
    {
        arb_indeterminate(g);
        return st;
    }
    K = o.K;
    ua = _arb_vec_init(K);
    arb_init(nu);
    for (a = 0; a < K; a++)
        arb_set_d(ua + a, u[a]);
    for (a = 0; a < K; a++)   /* generic representatives must agree */
        if (o.gen[a] && a > 0 && o.gen[a - 1] && o.blk[a - 1] == o.blk[a]
            && u[a] != u[a - 1])
            st = TSA_ERROR(TSA_EINVAL, "overparam: u differs on generic "
                           "indices of block %ld", (long) o.blk[a]);
    if (st == TSA_SUCCESS && path == 0)
    {
        _tsa_oi_dot(nu, &o, ua, ua, -1, -1, prec);
        if (!arb_is_positive(nu))
            st = TSA_ERROR(TSA_EINVAL, "overparam: the direction u might be 0");
        else
        {
            arb_sqrt(nu, nu, prec);
            path0(g, &o, ua, nu, prec);
        }
    }
    else if (st == TSA_SUCCESS)
        st = path1(g, &o, ua, prec);
    if (st != TSA_SUCCESS)
        arb_indeterminate(g);
    _arb_vec_clear(ua, K);
    arb_clear(nu);
    _tsa_oi_clear(&o);
    return st;
}

tsa_truth_t
tsa_overparam_orbit_zero(double *u, double *gub, const tsa_orbit_t p,
                         double rho, slong prec)
{
    int path;
    arb_t g;
    tsa_truth_t res = TSA_TRUE;
    arb_init(g);
    tsa_overparam_orbit_search_d(u, p, rho);
    *gub = -HUGE_VAL;
    for (path = 0; path < 2; path++)
        _tsa_overparam_path_ub(gub, &res, g,
                               tsa_overparam_orbit_g(g, u, p, rho, path, prec),
                               prec);
    arb_clear(g);
    return res;
}
