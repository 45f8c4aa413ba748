/* prop_jet.c -- jets for the property engine (tsa_ad.h, docs/ad-alignment.md
 * s. 8): truncated Taylor polynomials in nv <= 2 variables of total degree
 * deg, coefficient of s^i t^j at i * (deg + 1) + j. */
#include "ad_impl.h"

#define JIDX(x, i, j) ((i) * ((x)->deg + 1) + (j))

static int
jet_used(const tsa_ad_jet_struct *x, slong i, slong j)
{
    if (x->nv == 0)
        return i == 0 && j == 0;
    if (x->nv == 1)
        return j == 0;
    return i + j <= x->deg;
}

void
tsa_ad_jet_init(tsa_ad_jet_t x, slong nv, slong deg)
{
    x->nv = nv;
    x->deg = deg;
    x->c = _arb_vec_init((deg + 1) * (deg + 1));
}

void
tsa_ad_jet_clear(tsa_ad_jet_t x)
{
    _arb_vec_clear(x->c, (x->deg + 1) * (x->deg + 1));
}

void
tsa_ad_jet_set(tsa_ad_jet_t res, const tsa_ad_jet_t x)
{
    if (res != x)
        _arb_vec_set(res->c, x->c, (x->deg + 1) * (x->deg + 1));
}

void
tsa_ad_jet_set_arb(tsa_ad_jet_t res, const arb_t a)
{
    _arb_vec_zero(res->c, (res->deg + 1) * (res->deg + 1));
    arb_set(res->c, a);
}

void
tsa_ad_jet_var(tsa_ad_jet_t res, const arb_t x0, slong v, int sign)
{
    tsa_ad_jet_set_arb(res, x0);
    if (v < res->nv && res->deg >= 1)
        arb_set_si(res->c + (v == 0 ? JIDX(res, 1, 0) : JIDX(res, 0, 1)), sign);
}

void
tsa_ad_jet_add(tsa_ad_jet_t res, const tsa_ad_jet_t x, const tsa_ad_jet_t y,
               slong prec)
{
    _arb_vec_add(res->c, x->c, y->c, (x->deg + 1) * (x->deg + 1), prec);
}

void
tsa_ad_jet_sub(tsa_ad_jet_t res, const tsa_ad_jet_t x, const tsa_ad_jet_t y,
               slong prec)
{
    _arb_vec_sub(res->c, x->c, y->c, (x->deg + 1) * (x->deg + 1), prec);
}

void
tsa_ad_jet_scal(tsa_ad_jet_t res, const tsa_ad_jet_t x, const arb_t a,
                slong prec)
{
    _arb_vec_scalar_mul(res->c, x->c, (x->deg + 1) * (x->deg + 1), a, prec);
}

void
tsa_ad_jet_mul(tsa_ad_jet_t res, const tsa_ad_jet_t x, const tsa_ad_jet_t y,
               slong prec)
{
    slong D = x->deg, i, j, i1, j1;
    arb_ptr t = _arb_vec_init((D + 1) * (D + 1));
    for (i = 0; i <= D; i++)
        for (j = 0; j <= D; j++)
        {
            if (!jet_used(x, i, j))
                continue;
            for (i1 = 0; i1 <= i; i1++)
                for (j1 = 0; j1 <= j; j1++)
                    if (jet_used(x, i1, j1) && jet_used(x, i - i1, j - j1))
                        arb_addmul(t + JIDX(x, i, j), x->c + JIDX(x, i1, j1),
                                   y->c + JIDX(x, i - i1, j - j1), prec);
        }
    _arb_vec_swap(res->c, t, (D + 1) * (D + 1));
    _arb_vec_clear(t, (D + 1) * (D + 1));
}

void
tsa_ad_jet_compose(tsa_ad_jet_t res, const tsa_ad_jet_t x,
                   const arb_poly_t U, slong prec)
{
    tsa_ad_jet_t d, r;
    arb_t u;
    slong k;
    tsa_ad_jet_init(d, x->nv, x->deg);
    tsa_ad_jet_init(r, x->nv, x->deg);
    arb_init(u);
    tsa_ad_jet_set(d, x);
    arb_zero(d->c); /* delta = x - x0 */
    arb_poly_get_coeff_arb(u, U, x->nv == 0 ? 0 : x->deg);
    tsa_ad_jet_set_arb(r, u);
    for (k = (x->nv == 0 ? 0 : x->deg) - 1; k >= 0; k--)
    {
        tsa_ad_jet_mul(r, r, d, prec);
        arb_poly_get_coeff_arb(u, U, k);
        arb_add(r->c, r->c, u, prec);
    }
    tsa_ad_jet_set(res, r);
    tsa_ad_jet_clear(d);
    tsa_ad_jet_clear(r);
    arb_clear(u);
}

/* u = F or G (which), k-th derivative, composed with x */
static int
jet_fn(tsa_ad_jet_t res, const tsa_ad_jet_t x, slong k, int which,
       const tsa_ad_jet_ctx_t *ctx)
{
    arb_poly_t U;
    slong len = x->deg + 1 + k, i;
    int st;
    arb_poly_init(U);
    st = which == 0 ? tsa_ad_F_series(U, x->c, len, ctx->act, ctx->c, ctx->prec)
                    : tsa_ad_G_series(U, x->c, len, ctx->act, ctx->c, ctx->prec);
    if (st == TSA_SUCCESS)
    {
        for (i = 0; i < k; i++)
            arb_poly_derivative(U, U, ctx->prec);
        tsa_ad_jet_compose(res, x, U, ctx->prec);
    }
    arb_poly_clear(U);
    return st;
}

int
tsa_ad_jet_F(tsa_ad_jet_t res, const tsa_ad_jet_t x, slong k,
             const tsa_ad_jet_ctx_t *ctx)
{
    if (k < 0 || k > 3)
        return TSA_ERROR(TSA_EINVAL, "tsa_ad_jet_F: derivative order %ld "
                         "not in 0 .. 3", (long) k);
    return jet_fn(res, x, k, 0, ctx);
}

int
tsa_ad_jet_G(tsa_ad_jet_t res, const tsa_ad_jet_t x, slong k,
             const tsa_ad_jet_ctx_t *ctx)
{
    if (k < 0 || k > 1)
        return TSA_ERROR(TSA_EINVAL, "tsa_ad_jet_G: derivative order %ld "
                         "not in 0 .. 1", (long) k);
    return jet_fn(res, x, k, 1, ctx);
}

static void
jet_trig(tsa_ad_jet_t res, const tsa_ad_jet_t x, int cosine, slong prec)
{
    arb_poly_t X, S, C;
    arb_poly_init(X);
    arb_poly_init(S);
    arb_poly_init(C);
    arb_poly_set_coeff_arb(X, 0, x->c);
    arb_poly_set_coeff_si(X, 1, 1);
    arb_poly_sin_cos_series(S, C, X, x->deg + 1, prec);
    tsa_ad_jet_compose(res, x, cosine ? C : S, prec);
    arb_poly_clear(X);
    arb_poly_clear(S);
    arb_poly_clear(C);
}

void
tsa_ad_jet_sin(tsa_ad_jet_t res, const tsa_ad_jet_t x, slong prec)
{
    jet_trig(res, x, 0, prec);
}

void
tsa_ad_jet_cos(tsa_ad_jet_t res, const tsa_ad_jet_t x, slong prec)
{
    jet_trig(res, x, 1, prec);
}
