/* grad.c -- enclosure of grad J (docs/certify.md s. 1). */
#include "certify_impl.h"

/* g += sgn/(2 pi) (|u| s w/|w| + (pi - th) u) */
static int
add_term(arb_ptr g, arb_srcptr w, const arb_t nw, arb_srcptr u,
         const arb_t nu, int sgn, slong d, slong prec, arb_t c, arb_t s,
         arb_t th, arb_t a, arb_t b, const arb_t twopi, const arb_t pi)
{
    slong k;
    if (!_tsa_pair(c, s, th, nw, nu, w, u, d, prec))
        return 0;
    if (!arb_is_positive(s))
        return 0;
    /* a = |u| s / (2 pi |w|), b = (pi - th) / (2 pi) */
    arb_mul(a, nu, s, prec);
    arb_div(a, a, nw, prec);
    arb_div(a, a, twopi, prec);
    arb_sub(b, pi, th, prec);
    arb_div(b, b, twopi, prec);
    if (sgn < 0)
    {
        arb_neg(a, a);
        arb_neg(b, b);
    }
    for (k = 0; k < d; k++)
    {
        arb_addmul(g + k, a, w + k, prec);
        arb_addmul(g + k, b, u + k, prec);
    }
    return 1;
}

int
tsa_certify_grad(arb_ptr g, const tsa_cand_t c, slong prec)
{
    slong d = c->d, n = c->n, m = c->m, i, j;
    arb_ptr nw = _arb_vec_init(n), nv = _arb_vec_init(m);
    arb_t cc, s, th, a, b, twopi, pi;
    int st = TSA_SUCCESS;

    arb_init(cc);
    arb_init(s);
    arb_init(th);
    arb_init(a);
    arb_init(b);
    arb_init(twopi);
    arb_init(pi);
    arb_const_pi(pi, prec);
    arb_mul_2exp_si(twopi, pi, 1);

    for (i = 0; i < n && st == TSA_SUCCESS; i++)
        if (!_tsa_norm(nw + i, TSA_WCOL(c, i), d, prec))
            st = TSA_ERROR(TSA_EDOM, "student neuron %ld may be 0", (long) i);
    for (j = 0; j < m && st == TSA_SUCCESS; j++)
        if (!_tsa_norm(nv + j, TSA_VCOL(c, j), d, prec))
            st = TSA_ERROR(TSA_EDOM, "teacher neuron %ld may be 0", (long) j);

    for (i = 0; i < n && st == TSA_SUCCESS; i++)
    {
        arb_ptr gi = g + i * d;
        _arb_vec_scalar_mul_2exp_si(gi, TSA_WCOL(c, i), d, -1);
        for (j = 0; j < n && st == TSA_SUCCESS; j++)
            if (j != i
                && !add_term(gi, TSA_WCOL(c, i), nw + i, TSA_WCOL(c, j),
                             nw + j, 1, d, prec, cc, s, th, a, b, twopi, pi))
                st = TSA_ERROR(TSA_EDOM,
                               "students %ld and %ld may be parallel or "
                               "antiparallel", (long) i, (long) j);
        for (j = 0; j < m && st == TSA_SUCCESS; j++)
            if (!add_term(gi, TSA_WCOL(c, i), nw + i, TSA_VCOL(c, j), nv + j,
                          -1, d, prec, cc, s, th, a, b, twopi, pi))
                st = TSA_ERROR(TSA_EDOM,
                               "student %ld and teacher %ld may be parallel "
                               "or antiparallel", (long) i, (long) j);
    }
    if (st != TSA_SUCCESS)
        _arb_vec_indeterminate(g, n * d);

    arb_clear(cc);
    arb_clear(s);
    arb_clear(th);
    arb_clear(a);
    arb_clear(b);
    arb_clear(twopi);
    arb_clear(pi);
    _arb_vec_clear(nw, n);
    _arb_vec_clear(nv, m);
    return st;
}
