/* loss.c -- enclosure of the population loss J (docs/certify.md). */
#include "certify_impl.h"

/* psi(w, u) = |w||u| F(theta) over the balls; where a norm may vanish,
 * F in [0, 1/2] is used (psi is continuous and |psi| <= |w||u|/2). */
static void
psi(arb_t res, arb_srcptr w, arb_srcptr u, const arb_t nw, const arb_t nu,
    slong d, slong prec)
{
    arb_t c, s, th, pi;
    arb_init(c);
    arb_init(s);
    arb_init(th);
    arb_init(pi);
    if (_tsa_pair(c, s, th, nw, nu, w, u, d, prec))
    {
        arb_const_pi(pi, prec);
        arb_sub(th, pi, th, prec);
        arb_mul(th, th, c, prec);
        arb_add(res, th, s, prec);
        arb_div(res, res, pi, prec);
        arb_mul_2exp_si(res, res, -1);
    }
    else
    {
        /* [0, 1/2] = [1/4 +- 1/4] */
        arb_one(res);
        mag_one(arb_radref(res));
        arb_mul_2exp_si(res, res, -2);
    }
    arb_mul(res, res, nw, prec);
    arb_mul(res, res, nu, prec);
    arb_clear(c);
    arb_clear(s);
    arb_clear(th);
    arb_clear(pi);
}

static void
norm_any(arb_t nv, arb_srcptr v, slong d, slong prec)
{
    arb_dot(nv, NULL, 0, v, 1, v, 1, d, prec);
    arb_sqrtpos(nv, nv, prec);
}

int
tsa_certify_loss(arb_t J, const tsa_cand_t c, slong prec)
{
    slong d = c->d, n = c->n, m = c->m, i, j;
    arb_ptr nw = _arb_vec_init(n), nv = _arb_vec_init(m);
    arb_t acc, t;
    arb_init(acc);
    arb_init(t);

    for (i = 0; i < n; i++)
        norm_any(nw + i, TSA_WCOL(c, i), d, prec);
    for (j = 0; j < m; j++)
        norm_any(nv + j, TSA_VCOL(c, j), d, prec);

    /* diagonal terms psi(w, w) = |w|^2 / 2: sum of squares / 2 */
    arb_dot(acc, NULL, 0, c->W, 1, c->W, 1, d * n, prec);
    arb_dot(t, NULL, 0, c->V, 1, c->V, 1, d * m, prec);
    arb_add(acc, acc, t, prec);
    arb_mul_2exp_si(acc, acc, -2);   /* (1/2) * (1/2) */

    for (i = 0; i < n; i++)
    {
        for (j = i + 1; j < n; j++)
        {
            psi(t, TSA_WCOL(c, i), TSA_WCOL(c, j), nw + i, nw + j, d, prec);
            arb_add(acc, acc, t, prec);
        }
        for (j = 0; j < m; j++)
        {
            psi(t, TSA_WCOL(c, i), TSA_VCOL(c, j), nw + i, nv + j, d, prec);
            arb_sub(acc, acc, t, prec);
        }
    }
    for (i = 0; i < m; i++)
        for (j = i + 1; j < m; j++)
        {
            psi(t, TSA_VCOL(c, i), TSA_VCOL(c, j), nv + i, nv + j, d, prec);
            arb_add(acc, acc, t, prec);
        }
    arb_set(J, acc);

    arb_clear(acc);
    arb_clear(t);
    _arb_vec_clear(nw, n);
    _arb_vec_clear(nv, m);
    return TSA_SUCCESS;
}
