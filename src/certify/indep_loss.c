/* indep_loss.c -- loss and gradient of the independent path (indep.h) from
 * the kernels of src/kernel (bivariate-normal formulation, docs/kernels.md):
 *
 *   J = sum_i |w_i|^2 F(0) / 2 + sum_{i<j} psi_l(w_i, w_j)
 *       - sum_{i,t} psi_l(w_i, v_t) + sum_t |v_t|^2 F(0) / 2
 *       + sum_{t<t'} psi_l(v_t, v_t'),
 *   grad_{w_i} J = grad_1 psi_l(w_i, w_i) + sum_{j != i} grad_1 psi_l(w_i, w_j)
 *                  - sum_t grad_1 psi_l(w_i, v_t)
 *
 * (J = 1/2 sum_ij psi(w_i, w_j) - ..., psi symmetric; psi(w, w) = |w|^2 F(0)
 * with F(0) = 1/2 from src/ad; the gradient of 1/2 psi(w, w) is
 * grad_1 psi(w, w) by symmetry, which the kernel gives at theta = 0 by its
 * limits.)  psi_l with bias 0, input scale s = 1, slope c = 0 is the ReLU
 * E[relu(w.x) relu(u.x)]. */
#include "indep.h"
#include "tsa_ad.h"
#include "tsa_kernel.h"

/* psi_l(a, b) for ReLU, zero bias, x ~ N(0, I) */
static int
psi(arb_t r, arb_srcptr a, arb_srcptr b, slong d, slong prec)
{
    arb_t one, zero;
    int st;
    arb_init(one);
    arb_init(zero);
    arb_one(one);
    st = tsa_kernel_psi_l(r, a, b, d, 0, one, zero, prec);
    arb_clear(one);
    arb_clear(zero);
    return st;
}

/* sum of |v_k|^2 F(0) / 2 over the columns of v */
static int
diag(arb_t r, arb_srcptr v, slong len, slong prec)
{
    arb_t F0, z;
    int st;
    arb_init(F0);
    arb_init(z);
    st = tsa_ad_F(F0, z, TSA_AD_RELU, NULL, prec);
    arb_dot(r, NULL, 0, v, 1, v, 1, len, prec);
    arb_mul(r, r, F0, prec);
    arb_mul_2exp_si(r, r, -1);
    arb_clear(F0);
    arb_clear(z);
    return st;
}

int
_tsa_indep_loss(arb_t J, const tsa_cand_t c, slong prec)
{
    slong d = c->d, n = c->n, m = c->m, i, j;
    arb_t acc, t;
    int st;
    arb_init(acc);
    arb_init(t);
    st = diag(acc, c->W, n * d, prec);
    if (st == TSA_SUCCESS)
        st = diag(t, c->V, m * d, prec);
    arb_add(acc, acc, t, prec);
    for (i = 0; i < n + m && st == TSA_SUCCESS; i++)
        for (j = i + 1; j < n + m && st == TSA_SUCCESS; j++)
        {
            arb_srcptr a = i < n ? TSA_WCOL(c, i) : TSA_VCOL(c, i - n);
            arb_srcptr b = j < n ? TSA_WCOL(c, j) : TSA_VCOL(c, j - n);
            st = psi(t, a, b, d, prec);
            if (i < n && j >= n)
                arb_sub(acc, acc, t, prec);
            else
                arb_add(acc, acc, t, prec);
        }
    if (_tsa_indep_mutation == TSA_INDEP_MUT_LOSS)
    {
        arb_set_d(t, 1e-10);
        arb_add(acc, acc, t, prec);
    }
    if (st == TSA_SUCCESS)
        arb_swap(J, acc);
    else
        arb_indeterminate(J);
    arb_clear(acc);
    arb_clear(t);
    return st;
}

int
_tsa_indep_grad(arb_ptr g, const tsa_cand_t c, slong prec)
{
    slong d = c->d, n = c->n, m = c->m, i, j;
    arb_ptr t = _arb_vec_init(d);
    arb_t one, zero;
    int st = TSA_SUCCESS;
    _tsa_indep_geom_t G;
    arb_init(one);
    arb_init(zero);
    arb_one(one);
    /* the kernel gradient is finite (a wide enclosure) even at non-smooth
       pairs; J is differentiable there only in some directions, so refuse
       boxes touching zero norms or (anti)parallel pairs, as the Hessian */
    _tsa_indep_geom_init(G, c, prec);
    if (!G->ok)
        st = TSA_ERROR(TSA_EDOM, "independent gradient: neuron %ld may be 0",
                       (long) G->bad);
    _arb_vec_zero(g, n * d);
    for (i = 0; i < n && st == TSA_SUCCESS; i++)
        for (j = 0; j < n + m && st == TSA_SUCCESS; j++)
        {
            arb_srcptr b = j < n ? TSA_WCOL(c, j) : TSA_VCOL(c, j - n);
            if (j != i)
            {
                arb_t th, cc, s;
                arb_init(th);
                arb_init(cc);
                arb_init(s);
                _tsa_indep_angle(th, cc, s, TSA_INDEP_U(G, i), TSA_INDEP_U(G, j),
                                 d, prec);
                if (!arb_is_positive(s))
                    st = TSA_ERROR(TSA_EDOM, "independent gradient: neurons "
                                   "%ld and %ld may be parallel", (long) i,
                                   (long) j);
                arb_clear(th);
                arb_clear(cc);
                arb_clear(s);
            }
            if (st == TSA_SUCCESS)
                st = tsa_kernel_psi_l_grad(t, TSA_WCOL(c, i), b, d, 0, one,
                                           zero, prec);
            if (j < n)
                _arb_vec_add(g + i * d, g + i * d, t, d, prec);
            else
                _arb_vec_sub(g + i * d, g + i * d, t, d, prec);
        }
    if (st == TSA_SUCCESS && _tsa_indep_mutation == TSA_INDEP_MUT_GRAD)
    {
        arb_set_d(one, 1e-10);
        arb_add(g, g, one, prec);
    }
    if (st != TSA_SUCCESS)
        _arb_vec_indeterminate(g, n * d);
    _tsa_indep_geom_clear(G);
    arb_clear(one);
    arb_clear(zero);
    _arb_vec_clear(t, d);
    return st;
}
