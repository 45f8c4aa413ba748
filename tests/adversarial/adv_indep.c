/* adv_indep.c -- the population loss and its gradient over a box, written
 * again from the formulas (docs/certify.md s. 1) for the judge: a second
 * implementation that shares only Arb with src/certify.  Balls that touch
 * a zero neuron or a parallel pair give wide (never wrong) enclosures:
 * cos is intersected with [-1, 1], so F(theta) stays in [0, 1/2]. */
#include "adv.h"

/* cos of the angle between w and u (norms nw, nu), clamped to [-1, 1] */
static void
cosine(arb_t c, arb_srcptr w, arb_srcptr u, const arb_t nw, const arb_t nu,
       slong d, slong prec)
{
    arb_t t, one;
    arb_init(t);
    arb_init(one);
    arb_dot(c, NULL, 0, w, 1, u, 1, d, prec);
    arb_mul(t, nw, nu, prec);
    arb_div(c, c, t, prec);
    arb_zero_pm_one(one);
    if (!arb_is_finite(c) || !arb_intersection(c, c, one, prec))
        arb_set(c, one);
    arb_clear(t);
    arb_clear(one);
}

static void
norm(arb_t n, arb_srcptr w, slong d, slong prec)
{
    arb_dot(n, NULL, 0, w, 1, w, 1, d, prec);
    arb_sqrtpos(n, n, prec);
}

/* theta and sin theta from a clamped cosine */
static void
angle(arb_t th, arb_t s, const arb_t c, slong prec)
{
    arb_t a, b;
    arb_init(a);
    arb_init(b);
    arb_acos(th, c, prec);
    arb_sub_ui(a, c, 1, prec);
    arb_neg(a, a);
    arb_add_ui(b, c, 1, prec);
    arb_mul(s, a, b, prec);
    arb_sqrtpos(s, s, prec);
    arb_clear(a);
    arb_clear(b);
}

/* psi(w, u) = |w| |u| (sin th + (pi - th) cos th) / (2 pi) */
static void
psi(arb_t p, arb_srcptr w, arb_srcptr u, slong d, slong prec)
{
    arb_t nw, nu, c, th, s, pi;
    arb_init(nw);
    arb_init(nu);
    arb_init(c);
    arb_init(th);
    arb_init(s);
    arb_init(pi);
    norm(nw, w, d, prec);
    norm(nu, u, d, prec);
    cosine(c, w, u, nw, nu, d, prec);
    angle(th, s, c, prec);
    arb_const_pi(pi, prec);
    arb_sub(th, pi, th, prec);
    arb_mul(th, th, c, prec);
    arb_add(th, th, s, prec);
    arb_div(th, th, pi, prec);
    arb_mul_2exp_si(th, th, -1);
    arb_mul(p, nw, nu, prec);
    arb_mul(p, p, th, prec);
    arb_clear(nw);
    arb_clear(nu);
    arb_clear(c);
    arb_clear(th);
    arb_clear(s);
    arb_clear(pi);
}

void
adv_indep_loss(arb_t J, arb_srcptr W, arb_srcptr V, slong d, slong n,
               slong m, slong prec)
{
    slong i, j;
    arb_t p;
    arb_init(p);
    arb_zero(J);
    for (i = 0; i < n; i++)
    {
        /* psi(w, w) = |w|^2 / 2 */
        arb_dot(p, NULL, 0, W + i * d, 1, W + i * d, 1, d, prec);
        arb_mul_2exp_si(p, p, -1);
        arb_add(J, J, p, prec);
        for (j = i + 1; j < n; j++)
        {
            psi(p, W + i * d, W + j * d, d, prec);
            arb_mul_2exp_si(p, p, 1);
            arb_add(J, J, p, prec);
        }
        for (j = 0; j < m; j++)
        {
            psi(p, W + i * d, V + j * d, d, prec);
            arb_mul_2exp_si(p, p, 1);
            arb_sub(J, J, p, prec);
        }
    }
    for (i = 0; i < m; i++)
        for (j = 0; j < m; j++)
        {
            psi(p, V + i * d, V + j * d, d, prec);
            arb_add(J, J, p, prec);
        }
    arb_mul_2exp_si(J, J, -1);
    arb_clear(p);
}

/* g += sign (|u| sin th u_w + (pi - th) u) / (2 pi), u_w = w / |w| */
static void
grad_term(arb_ptr g, arb_srcptr w, const arb_t nw, arb_srcptr u, int sign,
          slong d, slong prec)
{
    arb_t nu, c, th, s, pi, a, b;
    slong k;
    arb_init(nu);
    arb_init(c);
    arb_init(th);
    arb_init(s);
    arb_init(pi);
    arb_init(a);
    arb_init(b);
    norm(nu, u, d, prec);
    cosine(c, w, u, nw, nu, d, prec);
    angle(th, s, c, prec);
    arb_const_pi(pi, prec);
    /* a = |u| s / (|w| 2 pi), b = (pi - th) / (2 pi) */
    arb_mul(a, nu, s, prec);
    arb_div(a, a, nw, prec);
    arb_div(a, a, pi, prec);
    arb_mul_2exp_si(a, a, -1);
    arb_sub(b, pi, th, prec);
    arb_div(b, b, pi, prec);
    arb_mul_2exp_si(b, b, -1);
    for (k = 0; k < d; k++)
    {
        arb_mul(c, a, w + k, prec);
        arb_addmul(c, b, u + k, prec);
        if (sign > 0)
            arb_add(g + k, g + k, c, prec);
        else
            arb_sub(g + k, g + k, c, prec);
    }
    arb_clear(nu);
    arb_clear(c);
    arb_clear(th);
    arb_clear(s);
    arb_clear(pi);
    arb_clear(a);
    arb_clear(b);
}

void
adv_indep_grad(arb_ptr g, arb_srcptr W, arb_srcptr V, slong d, slong n,
               slong m, slong prec)
{
    slong i, j, k;
    arb_t nw;
    arb_init(nw);
    for (i = 0; i < n; i++)
    {
        arb_srcptr w = W + i * d;
        norm(nw, w, d, prec);
        for (k = 0; k < d; k++)
            arb_mul_2exp_si(g + i * d + k, w + k, -1);
        for (j = 0; j < n; j++)
            if (j != i)
                grad_term(g + i * d, w, nw, W + j * d, 1, d, prec);
        for (j = 0; j < m; j++)
            grad_term(g + i * d, w, nw, V + j * d, -1, d, prec);
    }
    arb_clear(nw);
}
