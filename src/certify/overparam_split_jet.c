/* overparam_split_jet.c -- v^T H v at a split point by a second path:
 * the second derivative of s -> J(S + s v) at s = 0 from degree-2 Taylor
 * jets of every pair term (docs/overparam.md "Split students"), with no
 * Hessian block formula.
 *
 * For x(s) = x + s p, y(s) = y + s q:  psi = (sqrt(G) + (pi - theta) D)/(2 pi)
 * with D = x.y, G = |x|^2 |y|^2 - D^2, theta = acos(D / (|x||y|)), each a
 * power series in s (arb_poly, length 3).  At an exactly parallel pair
 * psi = x.y/2 + O(theta^3) contributes p.q; exactly antiparallel, 0. */
#include <math.h>
#include <stdlib.h>
#include "certify_impl.h"
#include "tsa_overparam_split.h"

/* ball coefficients of |x + s p|^2 etc. up to s^2: out = x.y + s (p.y + x.q)
   + s^2 p.q */
static void
dot_jet(arb_poly_t out, arb_srcptr x, arb_srcptr p, arb_srcptr y,
        arb_srcptr q, slong d, slong prec)
{
    arb_t c, e;
    arb_init(c);
    arb_init(e);
    arb_poly_zero(out);
    arb_dot(c, NULL, 0, x, 1, y, 1, d, prec);
    arb_poly_set_coeff_arb(out, 0, c);
    arb_dot(c, NULL, 0, p, 1, y, 1, d, prec);
    arb_dot(e, NULL, 0, x, 1, q, 1, d, prec);
    arb_add(c, c, e, prec);
    arb_poly_set_coeff_arb(out, 1, c);
    arb_dot(c, NULL, 0, p, 1, q, 1, d, prec);
    arb_poly_set_coeff_arb(out, 2, c);
    arb_clear(c);
    arb_clear(e);
}

static int
vec_exact(arb_srcptr x, slong d)
{
    slong a;
    for (a = 0; a < d; a++)
        if (!arb_is_exact(x + a))
            return 0;
    return 1;
}

/* exactly parallel (+1) or antiparallel (-1): exact entries, exactly
   vanishing Gram determinant; 0 otherwise */
static int
exact_parallel(arb_srcptr x, arb_srcptr y, slong d, slong prec)
{
    arb_t xx, yy, xy;
    int r = 0;
    if (!vec_exact(x, d) || !vec_exact(y, d))
        return 0;
    arb_init(xx);
    arb_init(yy);
    arb_init(xy);
    arb_dot(xx, NULL, 0, x, 1, x, 1, d, ARF_PREC_EXACT);
    arb_dot(yy, NULL, 0, y, 1, y, 1, d, ARF_PREC_EXACT);
    arb_dot(xy, NULL, 0, x, 1, y, 1, d, ARF_PREC_EXACT);
    arb_mul(xx, xx, yy, ARF_PREC_EXACT);
    arb_submul(xx, xy, xy, ARF_PREC_EXACT);
    if (arb_is_zero(xx) && !arb_is_zero(xy))
        r = arb_is_positive(xy) ? 1 : -1;
    arb_clear(xx);
    arb_clear(yy);
    arb_clear(xy);
    (void) prec;
    return r;
}

/* *r = d^2/ds^2 psi(x + s p, y + s q) at 0 (q may be a zero vector) */
static int
pair_d2(arb_t r, arb_srcptr x, arb_srcptr p, arb_srcptr y, arb_srcptr q,
        slong d, slong prec)
{
    arb_poly_t X2, Y2, D, G, S, C, T;
    arb_t pi;
    int par = exact_parallel(x, y, d, prec), ok = 1;
    if (par != 0)
    {
        if (par > 0)
            arb_dot(r, NULL, 0, p, 1, q, 1, d, prec);
        else
            arb_zero(r);
        return 1;
    }
    arb_poly_init(X2);
    arb_poly_init(Y2);
    arb_poly_init(D);
    arb_poly_init(G);
    arb_poly_init(S);
    arb_poly_init(C);
    arb_poly_init(T);
    arb_init(pi);
    dot_jet(X2, x, p, x, p, d, prec);
    dot_jet(Y2, y, q, y, q, d, prec);
    dot_jet(D, x, p, y, q, d, prec);
    arb_poly_mullow(T, X2, Y2, 3, prec);         /* |x|^2 |y|^2 */
    arb_poly_mullow(G, D, D, 3, prec);
    arb_poly_sub(G, T, G, prec);                 /* Gram determinant */
    arb_poly_get_coeff_arb(pi, G, 0);
    if (!arb_is_positive(pi))
        ok = 0;
    else
    {
        arb_poly_sqrt_series(S, G, 3, prec);     /* |x||y| sin theta */
        arb_poly_rsqrt_series(C, T, 3, prec);
        arb_poly_mullow(C, C, D, 3, prec);       /* cos theta */
        arb_poly_acos_series(T, C, 3, prec);     /* theta */
        arb_const_pi(pi, prec);
        arb_poly_neg(T, T);
        arb_poly_get_coeff_arb(r, T, 0);
        arb_add(r, r, pi, prec);
        arb_poly_set_coeff_arb(T, 0, r);         /* pi - theta */
        arb_poly_mullow(T, T, D, 3, prec);
        arb_poly_add(T, T, S, prec);
        arb_poly_get_coeff_arb(r, T, 2);
        arb_div(r, r, pi, prec);                 /* 2 c_2 / (2 pi) */
        ok = arb_is_finite(r);
    }
    arb_poly_clear(X2);
    arb_poly_clear(Y2);
    arb_poly_clear(D);
    arb_poly_clear(G);
    arb_poly_clear(S);
    arb_poly_clear(C);
    arb_poly_clear(T);
    arb_clear(pi);
    return ok;
}

int
tsa_overparam_split_curv(arb_t q, const double *v, const tsa_cand_t c,
                         slong i, double t, slong prec)
{
    slong d = c->d, n1 = c->n + 1, m = c->m, a, b, N1 = n1 * d;
    tsa_cand_t s;
    arb_ptr p, z;
    arb_t r;
    int st = tsa_overparam_split_check(c, i, t);
    if (st != TSA_SUCCESS)
        return st;
    tsa_overparam_split_cand(s, c, i, t, prec);
    p = _arb_vec_init(N1);
    z = _arb_vec_init(d);
    arb_init(r);
    for (a = 0; a < N1; a++)
        arb_set_d(p + a, v[a]);
    /* sum_a |p_a|^2 / 2 */
    arb_dot(q, NULL, 0, p, 1, p, 1, N1, prec);
    arb_mul_2exp_si(q, q, -1);
    for (a = 0; a < n1 && st == TSA_SUCCESS; a++)
    {
        for (b = a + 1; b < n1 && st == TSA_SUCCESS; b++)
        {
            if (a == i && b == n1 - 1)   /* the split pair, parallel */
                arb_dot(r, NULL, 0, p + a * d, 1, p + b * d, 1, d, prec);
            else if (!pair_d2(r, TSA_WCOL(s, a), p + a * d, TSA_WCOL(s, b),
                              p + b * d, d, prec))
                st = TSA_ERROR(TSA_EDOM, "split students %ld and %ld: the "
                               "jet is not defined on the box", (long) a,
                               (long) b);
            arb_add(q, q, r, prec);
        }
        for (b = 0; b < m && st == TSA_SUCCESS; b++)
        {
            if (!pair_d2(r, TSA_WCOL(s, a), p + a * d, TSA_VCOL(s, b), z, d,
                         prec))
                st = TSA_ERROR(TSA_EDOM, "split student %ld and teacher %ld: "
                               "the jet is not defined on the box", (long) a,
                               (long) b);
            arb_sub(q, q, r, prec);
        }
    }
    if (st != TSA_SUCCESS)
        arb_indeterminate(q);
    arb_clear(r);
    _arb_vec_clear(p, N1);
    _arb_vec_clear(z, d);
    tsa_cand_clear(s);
    return st;
}
