/* prop_cat.c -- the catalogue of AD properties used by the n = 2 alignment
 * proof (docs/ad-alignment.md s. 5, 8).  h = -F' = sin G.
 *
 *   h_pos   h(theta) > 0 on (0, pi)        (G > 0 inside: planarity, torque)
 *   F_sum   F(0) + F(theta) > 0 on [0, pi] (the radial sum)
 *   F_gap   F(0) - F(theta) > 0 on (0, pi] (collinear students)
 *   phi     Phi(a, b) > 0 on the open triangle, Phi = (h(a) + h(b))
 *           (F(0) + F(a + b)) - (F(a) + F(b)) h(a + b)   (the key inequality)
 *   G_decr  -G'(theta) > 0 on (0, pi)      (AD-2's P2; not used by the proof)
 *
 * Vanishing lemmas (exact, from the closed forms of docs/ad.md):
 *   h = sin G vanishes at 0 and pi with sin; relu's G = (pi - t)/(2 pi)
 *   adds one order at pi, arccos2's G = 4 F_relu three (F_relu =
 *   (sin d - d cos d)/(2 pi), d = pi - t, is d^3/(6 pi) + O(d^5));
 *   leaky (c > 0) has G(pi) = c, arccos0 h = 1/(2 pi) (no zero).
 *   F(0) - F: F'(0) = 0 and F''(0) = -G(0) != 0 for the smooth families
 *   (order 2); arccos0 F is linear (order 1).
 *   Phi(0, b) = h(0) (F(0) + F(b)) = 0 and symmetrically (order 1 each)
 *   for the smooth families; Phi / (a b) -> 2 F(0) F^(3)(0) at (0, 0),
 *   and F^(3)(0) = 0 for arccos2 (F^(3) = (4/pi)(pi - t) sin 2t), so there
 *   the engine divides by a + b as well.
 *   -G': relu, leaky constant (1 - c)^2 / (2 pi); arccos2 -G' = 4 h_relu
 *   (orders 1 and 2). */
#include <string.h>
#include "prop_impl.h"

static int
smooth(tsa_ad_act_t act)
{
    return act != TSA_AD_ARCCOS0;
}

static int
leaky_zero(tsa_ad_act_t act, const arb_t c)
{
    return act == TSA_AD_RELU || (act == TSA_AD_LEAKY && arb_is_zero(c));
}

/* ---- h_pos ---- */
static int
ord_h(slong ord[3], tsa_ad_act_t act, const arb_t c)
{
    ord[2] = 0;
    ord[0] = smooth(act) ? 1 : 0;
    ord[1] = act == TSA_AD_ARCCOS0 ? 0 : act == TSA_AD_ARCCOS2 ? 4
             : leaky_zero(act, c) ? 2 : 1;
    return 0;
}

static int
ev_h(tsa_ad_jet_t g, const tsa_ad_jet_struct *x, const tsa_ad_jet_ctx_t *ctx)
{
    int st = tsa_ad_jet_F(g, x, 1, ctx);
    if (st == TSA_SUCCESS)
        _arb_vec_neg(g->c, g->c, (g->deg + 1) * (g->deg + 1));
    return st;
}

/* F(0) as a ball */
static int
F0(arb_t y, const tsa_ad_jet_ctx_t *ctx)
{
    arb_t z;
    int st;
    arb_init(z);
    st = tsa_ad_F(y, z, ctx->act, ctx->c, ctx->prec);
    arb_clear(z);
    return st;
}

/* ---- F_sum, F_gap ---- */
static int
ord_zero(slong ord[3], tsa_ad_act_t act, const arb_t c)
{
    ord[2] = 0;
    ord[0] = ord[1] = 0;
    return 0;
}

static int
ev_Fsum(tsa_ad_jet_t g, const tsa_ad_jet_struct *x, const tsa_ad_jet_ctx_t *ctx)
{
    arb_t f0;
    int st;
    arb_init(f0);
    st = F0(f0, ctx);
    if (st == TSA_SUCCESS)
        st = tsa_ad_jet_F(g, x, 0, ctx);
    if (st == TSA_SUCCESS)
        arb_add(g->c, g->c, f0, ctx->prec);
    arb_clear(f0);
    return st;
}

static int
ord_gap(slong ord[3], tsa_ad_act_t act, const arb_t c)
{
    ord[2] = 0;
    ord[0] = smooth(act) ? 2 : 1;
    ord[1] = 0;
    return 0;
}

static int
ev_Fgap(tsa_ad_jet_t g, const tsa_ad_jet_struct *x, const tsa_ad_jet_ctx_t *ctx)
{
    arb_t f0;
    int st;
    arb_init(f0);
    st = F0(f0, ctx);
    if (st == TSA_SUCCESS)
        st = tsa_ad_jet_F(g, x, 0, ctx);
    if (st == TSA_SUCCESS)
    {
        _arb_vec_neg(g->c, g->c, (g->deg + 1) * (g->deg + 1));
        arb_add(g->c, g->c, f0, ctx->prec);
    }
    arb_clear(f0);
    return st;
}

/* ---- phi ---- */
static int
ord_phi(slong ord[3], tsa_ad_act_t act, const arb_t c)
{
    ord[2] = 0;
    ord[0] = ord[1] = smooth(act) ? 1 : 0;
    /* Phi / (a b) at (0, 0) is 2 F(0) F^(3)(0): zero for arccos2 */
    ord[2] = act == TSA_AD_ARCCOS2 ? 1 : 0;
    return 0;
}

static int
ev_phi(tsa_ad_jet_t g, const tsa_ad_jet_struct *x, const tsa_ad_jet_ctx_t *ctx)
{
    tsa_ad_jet_t s, ha, hb, hs, Fa, Fb, Fs;
    arb_t f0;
    slong nv = x[0].nv, D = x[0].deg;
    int st;
    tsa_ad_jet_init(s, nv, D);
    tsa_ad_jet_init(ha, nv, D);
    tsa_ad_jet_init(hb, nv, D);
    tsa_ad_jet_init(hs, nv, D);
    tsa_ad_jet_init(Fa, nv, D);
    tsa_ad_jet_init(Fb, nv, D);
    tsa_ad_jet_init(Fs, nv, D);
    arb_init(f0);
    tsa_ad_jet_add(s, x + 0, x + 1, ctx->prec);
    st = F0(f0, ctx);
    if (st == TSA_SUCCESS)
        st = ev_h(ha, x + 0, ctx);
    if (st == TSA_SUCCESS)
        st = ev_h(hb, x + 1, ctx);
    if (st == TSA_SUCCESS)
        st = ev_h(hs, s, ctx);
    if (st == TSA_SUCCESS)
        st = tsa_ad_jet_F(Fa, x + 0, 0, ctx);
    if (st == TSA_SUCCESS)
        st = tsa_ad_jet_F(Fb, x + 1, 0, ctx);
    if (st == TSA_SUCCESS)
        st = tsa_ad_jet_F(Fs, s, 0, ctx);
    if (st == TSA_SUCCESS)
    {
        tsa_ad_jet_add(ha, ha, hb, ctx->prec);   /* h(a) + h(b) */
        arb_add(Fs->c, Fs->c, f0, ctx->prec);    /* F0 + F(a + b) */
        tsa_ad_jet_mul(g, ha, Fs, ctx->prec);
        tsa_ad_jet_add(Fa, Fa, Fb, ctx->prec);   /* F(a) + F(b) */
        tsa_ad_jet_mul(Fa, Fa, hs, ctx->prec);
        tsa_ad_jet_sub(g, g, Fa, ctx->prec);
    }
    tsa_ad_jet_clear(s);
    tsa_ad_jet_clear(ha);
    tsa_ad_jet_clear(hb);
    tsa_ad_jet_clear(hs);
    tsa_ad_jet_clear(Fa);
    tsa_ad_jet_clear(Fb);
    tsa_ad_jet_clear(Fs);
    arb_clear(f0);
    return st;
}

/* ---- G_decr ---- */
static int
ord_gd(slong ord[3], tsa_ad_act_t act, const arb_t c)
{
    ord[2] = 0;
    ord[0] = act == TSA_AD_ARCCOS2 ? 1 : 0;
    ord[1] = act == TSA_AD_ARCCOS2 ? 2 : 0;
    return 0;
}

static int
ev_gd(tsa_ad_jet_t g, const tsa_ad_jet_struct *x, const tsa_ad_jet_ctx_t *ctx)
{
    int st = tsa_ad_jet_G(g, x, 1, ctx);
    if (st == TSA_SUCCESS)
        _arb_vec_neg(g->c, g->c, (g->deg + 1) * (g->deg + 1));
    return st;
}

static const tsa_ad_prop_t catalogue[] = {
    {"h_pos", "-F'(theta) = sin(theta) G(theta) > 0 for theta in (0, pi)",
     TSA_AD_DOM_INTERVAL, 0, 1, 1, 1, ord_h, ev_h},
    {"F_sum", "F(0) + F(theta) > 0 for theta in [0, pi]",
     TSA_AD_DOM_INTERVAL, 0, 1, 1, 1, ord_zero, ev_Fsum},
    {"F_gap", "F(0) - F(theta) > 0 for theta in (0, pi]",
     TSA_AD_DOM_INTERVAL, 0, 1, 1, 1, ord_gap, ev_Fgap},
    {"phi", "Phi(a, b) = (h(a) + h(b)) (F(0) + F(a + b)) - (F(a) + F(b)) "
            "h(a + b) > 0 for a, b > 0, a + b <= pi (h = -F')",
     TSA_AD_DOM_TRIANGLE, 0, 1, 1, 1, ord_phi, ev_phi},
    {"G_decr", "G'(theta) < 0 for theta in (0, pi)",
     TSA_AD_DOM_INTERVAL, 0, 1, 1, 1, ord_gd, ev_gd},
    {NULL, NULL, TSA_AD_DOM_INTERVAL, 0, 1, 1, 1, NULL, NULL}};

const tsa_ad_prop_t *
tsa_ad_prop_catalogue(void)
{
    return catalogue;
}

const tsa_ad_prop_t *
tsa_ad_prop_find(const char *name)
{
    const tsa_ad_prop_t *p;
    for (p = catalogue; p->name != NULL; p++)
        if (strcmp(p->name, name) == 0)
            return p;
    return NULL;
}
