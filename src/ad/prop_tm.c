/* prop_tm.c -- Taylor model of one box for the property engine
 * (docs/ad-alignment.md s. 8).
 *
 * Each variable of the box is, for the model:
 *   PROP_CONST   a ball (the box range), not expanded;
 *   PROP_CENTRE  x = mid + delta, delta in [-r, r];
 *   PROP_LO      x = lo + delta, delta in [0, w]  (touches a vanishing edge
 *                at lo with order k);
 *   PROP_HI      x = hi - delta, delta in [0, w]  (edge at hi).
 * With k the orders of the expanded variables (0 for PROP_CENTRE) and
 * M = deg - |k|, the quotient q = g / prod delta^k lies in
 *   sum_{|beta| < M} c_{beta+k}(P) delta^beta + sum_{|beta| = M} c_{beta+k}(B) delta^beta,
 * c(P) the jet coefficients at the expansion point, c(B) over the box
 * (Taylor's theorem with the integral remainder: g / delta^k is a mean of
 * a derivative of g with non-negative weights).  The coefficients
 * c_alpha(P) with alpha_v < k_v must be zero by the property's vanishing
 * lemma; a coefficient proved nonzero contradicts it (TSA_EDOM). */
#include "prop_impl.h"

/* [0, w^e] for nonneg ranges, [-r^e, r^e] or [0, r^e] for symmetric */
static void
pow_range(arb_t res, const arb_t w, slong e, int nonneg, slong prec)
{
    arb_t t;
    if (e == 0)
    {
        arb_one(res);
        return;
    }
    arb_init(t);
    arb_pow_ui(t, w, e, prec);
    arb_get_ubound_arf(arb_midref(res), t, prec);
    mag_zero(arb_radref(res));
    if (nonneg || e % 2 == 0)
    {
        arb_mul_2exp_si(res, res, -1);
        arb_add_error(res, res);
    }
    else
    {
        arb_set_arf(t, arb_midref(res));
        arb_zero(res);
        arb_add_error(res, t);
    }
    arb_clear(t);
}

int
_tsa_ad_prop_tm(arb_t q, const prop_box_t *bx, slong nvar, const int mode[2],
                const slong kord[3], const tsa_ad_prop_t *prop,
                const tsa_ad_jet_ctx_t *ctx, slong deg)
{
    tsa_ad_jet_struct xP[2], xB[2];
    tsa_ad_jet_t gP, gB;
    arb_t X, w, rng[2], t, u;
    slong nv = 0, slot[2] = {-1, -1}, k[2] = {0, 0}, v, i, j, M, prec = ctx->prec;
    int st, corner, nonneg[2] = {1, 1};
    arb_t qb;

    for (v = 0; v < nvar; v++)
        if (mode[v] != PROP_CONST)
            slot[v] = nv++;
    arb_init(X);
    arb_init(qb);
    arb_init(w);
    arb_init(rng[0]);
    arb_init(rng[1]);
    arb_init(t);
    arb_init(u);
    tsa_ad_jet_init(gP, nv, deg);
    tsa_ad_jet_init(gB, nv, deg);
    for (v = 0; v < 2; v++)
    {
        tsa_ad_jet_init(xP + v, nv, deg);
        tsa_ad_jet_init(xB + v, nv, deg);
    }
    for (v = 0; v < nvar; v++)
    {
        arb_union(X, bx->lo + v, bx->hi + v, prec);
        if (mode[v] == PROP_CONST)
        {
            tsa_ad_jet_set_arb(xP + v, X);
            tsa_ad_jet_set_arb(xB + v, X);
            continue;
        }
        if (mode[v] == PROP_CENTRE)
        {
            arb_set_arf(t, arb_midref(X));
            arf_set_mag(arb_midref(rng[slot[v]]), arb_radref(X));
            mag_zero(arb_radref(rng[slot[v]]));
            nonneg[slot[v]] = 0;
            tsa_ad_jet_var(xP + v, t, slot[v], 1);
        }
        else
        {
            k[slot[v]] = kord[v];
            arb_sub(w, bx->hi + v, bx->lo + v, prec);
            arb_get_ubound_arf(arb_midref(rng[slot[v]]), w, prec);
            mag_zero(arb_radref(rng[slot[v]]));
            if (arf_sgn(arb_midref(rng[slot[v]])) < 0)
                arb_zero(rng[slot[v]]);
            tsa_ad_jet_var(xP + v, mode[v] == PROP_LO ? bx->lo + v : bx->hi + v,
                           slot[v], mode[v] == PROP_LO ? 1 : -1);
        }
        tsa_ad_jet_var(xB + v, X, slot[v], mode[v] == PROP_HI ? -1 : 1);
    }
    st = prop->eval(gP, xP, ctx);
    if (st == TSA_SUCCESS)
        st = prop->eval(gB, xB, ctx);
    M = deg - k[0] - k[1];
    if (st == TSA_SUCCESS && M < 0)
        st = TSA_ERROR(TSA_EINVAL, "property %s: Taylor degree %ld below the "
                       "vanishing order %ld", prop->name, (long) deg,
                       (long) (k[0] + k[1]));
    /* vanishing lemma: coefficients below the orders contain 0 */
    for (i = 0; st == TSA_SUCCESS && i <= deg; i++)
        for (j = 0; st == TSA_SUCCESS && j <= (nv == 2 ? deg - i : 0); j++)
            if ((nv >= 1 && i < k[0]) || (nv == 2 && j < k[1]))
                if (!arb_contains_zero(gP->c + i * (deg + 1) + j))
                    st = TSA_ERROR(TSA_EDOM, "property %s: the declared "
                                   "vanishing is contradicted (coefficient "
                                   "%ld,%ld proved nonzero)", prop->name,
                                   (long) i, (long) j);
    /* corner (0, 0) with kord[2] = 1: q = a A + b B, q / (a + b) in
       hull(A, B); the constant term is zero by the lemma */
    corner = nv == 2 && kord[2] > 0 && mode[0] == PROP_LO && mode[1] == PROP_LO
             && k[0] > 0 && k[1] > 0;
    if (st == TSA_SUCCESS && corner
        && !arb_contains_zero(gP->c + k[0] * (deg + 1) + k[1]))
        st = TSA_ERROR(TSA_EDOM, "property %s: the declared vanishing is "
                       "contradicted at the corner", prop->name);
    if (st == TSA_SUCCESS && corner && M < 1)
        st = TSA_ERROR(TSA_EINVAL, "property %s: Taylor degree %ld below the "
                       "vanishing order %ld", prop->name, (long) deg,
                       (long) (k[0] + k[1] + 1));
    arb_zero(q);
    arb_zero(qb);
    for (i = 0; st == TSA_SUCCESS && i <= (nv >= 1 ? M : 0); i++)
        for (j = 0; j <= (nv == 2 ? M - i : 0); j++)
        {
            slong a = i + k[0], b = j + (nv == 2 ? k[1] : 0);
            const tsa_ad_jet_struct *g = (i + j < M) ? gP : gB;
            slong ei = i, ej = j;
            if (corner && i + j == 0)
                continue;
            if (corner)
                *(i > 0 ? &ei : &ej) -= 1;
            arb_set(t, g->c + a * (deg + 1) + b);
            if (nv >= 1)
            {
                pow_range(u, rng[0], ei, nonneg[0], prec);
                arb_mul(t, t, u, prec);
            }
            if (nv == 2)
            {
                pow_range(u, rng[1], ej, nonneg[1], prec);
                arb_mul(t, t, u, prec);
            }
            if (corner && i == 0)
                arb_add(qb, qb, t, prec);
            else
                arb_add(q, q, t, prec);
        }
    if (st == TSA_SUCCESS && corner)
        arb_union(q, q, qb, prec);
    for (v = 0; v < 2; v++)
    {
        tsa_ad_jet_clear(xP + v);
        tsa_ad_jet_clear(xB + v);
    }
    tsa_ad_jet_clear(gP);
    tsa_ad_jet_clear(gB);
    arb_clear(X);
    arb_clear(qb);
    arb_clear(w);
    arb_clear(rng[0]);
    arb_clear(rng[1]);
    arb_clear(t);
    arb_clear(u);
    return st;
}
