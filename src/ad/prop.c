/* prop.c -- tsa_ad_prop_prove: interval branch-and-bound for a property of
 * the AD functions (tsa_ad.h; docs/ad-alignment.md s. 8).
 *
 * Depth-first over boxes.  A box is proved when the Taylor model of
 * prop_tm.c is positive.  Otherwise the engine probes exact points of the
 * box (its centre, and the edge point below it when it touches a vanishing
 * edge): q proved < 0 there is a certified counterexample (FALSE).  Else
 * the box is bisected along its wider variable, up to max_depth; a box at
 * the depth limit, or left when the box budget is spent, is unresolved
 * (UNDECIDED).  Triangle boxes that miss the triangle (a0 + b0 > pi) are
 * dropped.  After a counterexample, a grid of exact points may give a more
 * negative one (refine_grid). */
#include <string.h>
#include <time.h>
#include "prop_impl.h"

void
tsa_ad_prop_limits_default(tsa_ad_prop_limits_t *lim)
{
    lim->max_boxes = 200000;
    lim->max_depth = 40;
    lim->prec = 128;
    lim->deg = 6;
}

void
tsa_ad_prop_result_init(tsa_ad_prop_result_t r)
{
    slong i;
    memset(r, 0, sizeof *r);
    r->truth = TSA_UNDECIDED;
    arb_init(r->point + 0);
    arb_init(r->point + 1);
    arb_init(&r->value);
    for (i = 0; i < TSA_AD_PROP_KEEP; i++)
    {
        arb_init(&r->kept[i][0]);
        arb_init(&r->kept[i][1]);
    }
}

void
tsa_ad_prop_result_clear(tsa_ad_prop_result_t r)
{
    slong i;
    arb_clear(r->point + 0);
    arb_clear(r->point + 1);
    arb_clear(&r->value);
    for (i = 0; i < TSA_AD_PROP_KEEP; i++)
    {
        arb_clear(&r->kept[i][0]);
        arb_clear(&r->kept[i][1]);
    }
}

static void
box_init(prop_box_t *b)
{
    arb_init(b->lo + 0);
    arb_init(b->lo + 1);
    arb_init(b->hi + 0);
    arb_init(b->hi + 1);
}

static void
box_clear(prop_box_t *b)
{
    arb_clear(b->lo + 0);
    arb_clear(b->lo + 1);
    arb_clear(b->hi + 0);
    arb_clear(b->hi + 1);
}

static void
box_set(prop_box_t *d, const prop_box_t *s)
{
    slong v;
    for (v = 0; v < 2; v++)
    {
        arb_set(d->lo + v, s->lo + v);
        arb_set(d->hi + v, s->hi + v);
        d->at_lo[v] = s->at_lo[v];
        d->at_hi[v] = s->at_hi[v];
    }
    d->depth = s->depth;
}

/* modes of the variables for the box: expand from a touched vanishing edge
 * (at most one edge per variable), else about the centre */
static void
box_modes(int mode[2], slong kord[3], const prop_box_t *b, slong nvar,
          const slong ord[3], tsa_ad_dom_t dom, const arb_t pi)
{
    slong v;
    int touched = 0;
    for (v = 0; v < 2; v++)
    {
        mode[v] = PROP_CONST;
        kord[v] = 0;
    }
    if (dom == TSA_AD_DOM_INTERVAL)
    {
        if (b->at_lo[0] && ord[0] > 0 && !(b->at_hi[0] && ord[1] > 0))
            mode[0] = PROP_LO, kord[0] = ord[0], touched = 1;
        else if (b->at_hi[0] && ord[1] > 0 && !(b->at_lo[0] && ord[0] > 0))
            mode[0] = PROP_HI, kord[0] = ord[1], touched = 1;
    }
    else
        for (v = 0; v < nvar; v++)
            if (b->at_lo[v] && ord[v] > 0)
                mode[v] = PROP_LO, kord[v] = ord[v], touched = 1;
    kord[2] = ord[2];
    if (!touched || dom == TSA_AD_DOM_TRIANGLE)
    {
        /* a triangle box crossing a + b = pi is expanded from its lower
           corner (inside the triangle), order 0: its centre may lie
           outside, where F is not defined */
        int inside = 1;
        if (dom == TSA_AD_DOM_TRIANGLE)
        {
            arb_t s;
            arb_init(s);
            arb_add(s, b->hi + 0, b->hi + 1, 2 * FLINT_MAX(arb_bits(pi), 16));
            inside = arb_le(s, pi);
            arb_clear(s);
        }
        for (v = 0; v < nvar; v++)
            if (mode[v] == PROP_CONST)
                mode[v] = inside ? PROP_CENTRE : PROP_LO;
    }
}

/* the vanishing factor m at an exact point: (theta - lo)^k0 (hi - theta)^k1
 * or a^k0 b^k1 */
static void
factor(arb_t m, const tsa_ad_prop_t *prop, const slong ord[3],
       const arb_t p0, const arb_t p1, const arb_t lo, const arb_t hi,
       slong prec)
{
    arb_t t;
    arb_init(t);
    if (prop->dom == TSA_AD_DOM_INTERVAL)
    {
        arb_sub(t, p0, lo, prec);
        arb_pow_ui(m, t, ord[0], prec);
        arb_sub(t, hi, p0, prec);
        arb_pow_ui(t, t, ord[1], prec);
        arb_mul(m, m, t, prec);
    }
    else
    {
        arb_pow_ui(m, p0, ord[0], prec);
        arb_pow_ui(t, p1, ord[1], prec);
        arb_mul(m, m, t, prec);
    }
    arb_clear(t);
}

/* q at the exact point (p0, p1) of box b: the edge flags of the point are
 * those of b where the point lies on b's edge.  Away from the vanishing
 * edges the Taylor model gives g, divided here by the factor m > 0. */
static int
point_q(arb_t q, const prop_box_t *b, const arb_t p0, const arb_t p1,
        slong nvar, const slong ord[3], const tsa_ad_prop_t *prop,
        const tsa_ad_jet_ctx_t *ctx, slong deg, const arb_t lo,
        const arb_t hi, const arb_t pi)
{
    prop_box_t pt;
    int mode[2], st;
    slong kord[3], v;
    arb_t m;
    box_init(&pt);
    arb_init(m);
    box_set(&pt, b);
    for (v = 0; v < nvar; v++)
    {
        arb_srcptr p = v == 0 ? p0 : p1;
        pt.at_lo[v] = b->at_lo[v] && arb_equal(p, b->lo + v);
        pt.at_hi[v] = b->at_hi[v] && arb_equal(p, b->hi + v);
        arb_set(pt.lo + v, p);
        arb_set(pt.hi + v, p);
    }
    box_modes(mode, kord, &pt, nvar, ord, prop->dom, pi);
    st = _tsa_ad_prop_tm(q, &pt, nvar, mode, kord, prop, ctx, deg);
    /* divide by the factor of the variables not expanded from an edge */
    if (st == TSA_SUCCESS && prop->dom == TSA_AD_DOM_INTERVAL
        && mode[0] == PROP_CENTRE)
        factor(m, prop, ord, p0, p1, lo, hi, ctx->prec);
    else if (st == TSA_SUCCESS)
    {
        slong o[3] = {0, 0, 0}, v2;
        for (v2 = 0; v2 < nvar; v2++)
            o[v2] = mode[v2] == PROP_CENTRE ? ord[v2] : 0;
        factor(m, prop, o, p0, p1, lo, hi, ctx->prec);
    }
    if (st == TSA_SUCCESS)
    {
        if (arb_is_positive(m))
            arb_div(q, q, m, ctx->prec);
        else
            st = TSA_EDOM;
    }
    arb_clear(m);
    box_clear(&pt);
    return st;
}

/* After a counterexample: the most negative q over a grid of exact points
 * (interval: lo + i (hi - lo) / N, 0 < i < N; triangle: (i, j) pi / N,
 * i, j > 0, i + j <= N), when it is proved below the first one's value.
 * The first counterexample may sit at a rounding of a zero of q (e.g. pi/2
 * at 128 bits, q ~ -1e-40); a grid point far past the zero is a violation a
 * reader can see. */
#define PROP_GRID 32

static void
refine_grid(tsa_ad_prop_result_t r, const tsa_ad_prop_t *prop, slong nvar,
            const slong ord[3], const tsa_ad_jet_ctx_t *ctx, slong deg,
            const arb_t lo, const arb_t hi, const arb_t pi)
{
    prop_box_t root;
    arb_t p0, p1, q, s;
    slong i, j, v;
    tsa_error_handler_t *h = tsa_set_error_handler(NULL);
    box_init(&root);
    arb_init(p0);
    arb_init(p1);
    arb_init(q);
    arb_init(s);
    for (v = 0; v < 2; v++)
    {
        arb_set(root.lo + v, nvar == 1 ? lo : pi);
        arb_set(root.hi + v, nvar == 1 ? hi : pi);
        root.at_lo[v] = root.at_hi[v] = 1;
        if (nvar == 2)
            arb_zero(root.lo + v);
    }
    root.depth = 0;
    for (i = 1; i < PROP_GRID; i++)
        for (j = nvar == 1 ? 0 : 1; j < (nvar == 1 ? 1 : PROP_GRID - i + 1); j++)
        {
            if (nvar == 1)
            {
                arb_sub(s, hi, lo, ctx->prec);
                arb_mul_si(s, s, i, ctx->prec);
                arb_div_si(s, s, PROP_GRID, ctx->prec);
                arb_add(s, s, lo, ctx->prec);
                arb_set_arf(p0, arb_midref(s));
                if (!(arb_gt(p0, lo) && arb_lt(p0, hi)))
                    continue;
                arb_zero(p1);
            }
            else
            {
                arb_mul_si(s, pi, i, ctx->prec);
                arb_div_si(s, s, PROP_GRID, ctx->prec);
                arb_set_arf(p0, arb_midref(s));
                arb_mul_si(s, pi, j, ctx->prec);
                arb_div_si(s, s, PROP_GRID, ctx->prec);
                arb_set_arf(p1, arb_midref(s));
                arb_add(s, p0, p1, ctx->prec);
                if (!arb_le(s, pi))
                    continue;
            }
            if (point_q(q, &root, p0, p1, nvar, ord, prop, ctx, deg, lo, hi, pi)
                    == TSA_SUCCESS
                && arb_is_negative(q) && arb_lt(q, &r->value))
            {
                arb_set(r->point + 0, p0);
                arb_set(r->point + 1, p1);
                arb_set(&r->value, q);
            }
        }
    tsa_set_error_handler(h);
    arb_clear(p0);
    arb_clear(p1);
    arb_clear(q);
    arb_clear(s);
    box_clear(&root);
}

int
tsa_ad_prop_prove(tsa_ad_prop_result_t r, const tsa_ad_prop_t *prop,
                  tsa_ad_act_t act, const arb_t c,
                  const tsa_ad_prop_limits_t *lim)
{
    slong nvar, cap, top, v, ord[3] = {0, 0, 0};
    prop_box_t *stack;
    tsa_ad_jet_ctx_t ctx;
    arb_t pi, q, p0, p1, s, m, dom_lo, dom_hi;
    struct timespec t0, t1;
    int st = TSA_SUCCESS, stop = 0;

    if (lim->max_boxes < 1 || lim->max_boxes > 10000000 || lim->max_depth < 1
        || lim->max_depth > 200 || lim->prec < 16 || lim->prec > 4096
        || lim->deg < 1 || lim->deg > TSA_AD_JET_MAXDEG)
        return TSA_ERROR(TSA_EINVAL, "tsa_ad_prop_prove: limits out of range "
                         "(boxes %ld, depth %ld, prec %ld, degree %ld)",
                         (long) lim->max_boxes, (long) lim->max_depth,
                         (long) lim->prec, (long) lim->deg);
    if (prop->orders(ord, act, c) != 0)
        return TSA_ERROR(TSA_EINVAL, "property %s does not apply to %s",
                         prop->name, tsa_ad_act_name(act));
    if (ord[0] < 0 || ord[0] > 8 || ord[1] < 0 || ord[1] > 8
        || ord[2] < 0 || ord[2] > 1 || ord[0] + ord[1] + ord[2] > lim->deg)
        return TSA_ERROR(TSA_EINVAL, "property %s: vanishing orders %ld, %ld "
                         "need a Taylor degree >= %ld (have %ld)", prop->name,
                         (long) ord[0], (long) ord[1], (long) (ord[0] + ord[1]),
                         (long) lim->deg);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    nvar = prop->dom == TSA_AD_DOM_TRIANGLE ? 2 : 1;
    ctx.act = act;
    ctx.c = c;
    ctx.prec = lim->prec;
    r->prec = lim->prec;
    r->ord[0] = ord[0];
    r->ord[1] = ord[1];
    r->ord[2] = ord[2];
    r->boxes = r->depth = r->unresolved = r->nkept = 0;
    r->truth = TSA_TRUE;
    cap = 2 * lim->max_depth + 8;
    stack = flint_malloc(sizeof(prop_box_t) * cap);
    for (v = 0; v < cap; v++)
        box_init(stack + v);
    arb_init(pi);
    arb_init(q);
    arb_init(p0);
    arb_init(p1);
    arb_init(s);
    arb_init(m);
    arb_init(dom_lo);
    arb_init(dom_hi);
    arb_const_pi(pi, lim->prec);
    /* the root box */
    if (prop->dom == TSA_AD_DOM_INTERVAL)
    {
        arb_mul_si(stack->lo, pi, prop->lo_num, lim->prec);
        arb_div_si(stack->lo, stack->lo, prop->lo_den, lim->prec);
        arb_mul_si(stack->hi, pi, prop->hi_num, lim->prec);
        arb_div_si(stack->hi, stack->hi, prop->hi_den, lim->prec);
    }
    else
        for (v = 0; v < 2; v++)
        {
            arb_zero(stack->lo + v);
            arb_set(stack->hi + v, pi);
        }
    for (v = 0; v < 2; v++)
        stack->at_lo[v] = stack->at_hi[v] = 1;
    arb_set(dom_lo, stack->lo + 0);
    arb_set(dom_hi, stack->hi + 0);
    stack->depth = 0;
    top = 1;
    while (top > 0 && !stop)
    {
        prop_box_t *b = stack + top - 1;
        int mode[2], probe;
        slong kord[3], wide = 0;
        top--;
        if (nvar == 2) /* drop boxes missing the triangle */
        {
            arb_add(s, b->lo + 0, b->lo + 1, lim->prec);
            if (arb_gt(s, pi))
                continue;
        }
        r->boxes++;
        r->depth = FLINT_MAX(r->depth, b->depth);
        box_modes(mode, kord, b, nvar, ord, prop->dom, pi);
        {
            tsa_error_handler_t *h = tsa_set_error_handler(NULL);
            int bs = _tsa_ad_prop_tm(q, b, nvar, mode, kord, prop, &ctx, lim->deg);
            tsa_set_error_handler(h);
            if (bs == TSA_EDOM && strstr(tsa_error_last(), "vanishing") != NULL)
            {
                st = TSA_ERROR(TSA_EDOM, "%s", tsa_error_last());
                break;
            }
            if (bs == TSA_EINVAL)
            {
                st = TSA_ERROR(TSA_EINVAL, "%s", tsa_error_last());
                break;
            }
            if (bs == TSA_SUCCESS && arb_is_positive(q))
                continue;
        }
        /* probes: the centre, and the edge point below it */
        for (probe = 0; probe < 2 && !stop; probe++)
        {
            tsa_error_handler_t *h;
            int ps;
            if (probe == 1 && mode[0] != PROP_LO && mode[0] != PROP_HI
                && mode[1] != PROP_LO)
                break;
            for (v = 0; v < nvar; v++)
            {
                arb_ptr p = v == 0 ? p0 : p1;
                arb_union(s, b->lo + v, b->hi + v, lim->prec);
                arb_set_arf(p, arb_midref(s));
                if (probe == 1 && mode[v] == PROP_LO)
                    arb_set(p, b->lo + v);
                if (probe == 1 && mode[v] == PROP_HI)
                    arb_set(p, b->hi + v);
            }
            /* the point must lie in the domain */
            if (nvar == 2)
            {
                arb_add(s, p0, p1, lim->prec);
                if (!arb_le(s, pi))
                    continue;
            }
            else if (probe == 0 && !(arb_ge(p0, dom_lo) && arb_le(p0, dom_hi)))
                continue;
            h = tsa_set_error_handler(NULL);
            ps = point_q(q, b, p0, p1, nvar, ord, prop, &ctx, lim->deg,
                         dom_lo, dom_hi, pi);
            tsa_set_error_handler(h);
            if (ps == TSA_SUCCESS && arb_is_negative(q))
            {
                r->truth = TSA_FALSE;
                arb_set(r->point + 0, p0);
                arb_set(r->point + 1, p1);
                arb_set(&r->value, q);
                stop = 1;
            }
        }
        if (stop)
            break;
        if (b->depth >= lim->max_depth || r->boxes >= lim->max_boxes)
        {
            if (r->nkept < TSA_AD_PROP_KEEP)
            {
                for (v = 0; v < nvar; v++)
                    arb_union(&r->kept[r->nkept][v], b->lo + v, b->hi + v, lim->prec);
                r->nkept++;
            }
            r->unresolved++;
            r->truth = TSA_UNDECIDED;
            if (r->boxes >= lim->max_boxes)
            {
                r->unresolved += top; /* the rest is not examined */
                break;
            }
            continue;
        }
        /* bisect along the wider variable */
        if (nvar == 2)
        {
            arb_sub(s, b->hi + 0, b->lo + 0, lim->prec);
            arb_sub(m, b->hi + 1, b->lo + 1, lim->prec);
            wide = arf_cmp(arb_midref(m), arb_midref(s)) > 0 ? 1 : 0;
        }
        {
            prop_box_t *c2 = stack + top + 1, *c1 = stack + top;
            /* b == c1: copy b to c2 first, then halve both */
            box_set(c2, b);
            arb_union(s, b->lo + wide, b->hi + wide, lim->prec);
            arb_set_arf(m, arb_midref(s));
            arb_set(c1->hi + wide, m);
            c1->at_hi[wide] = 0;
            arb_set(c2->lo + wide, m);
            c2->at_lo[wide] = 0;
            c1->depth = c2->depth = b->depth + 1;
            top += 2;
        }
    }
    if (st == TSA_SUCCESS && r->truth == TSA_FALSE)
        refine_grid(r, prop, nvar, ord, &ctx, lim->deg, dom_lo, dom_hi, pi);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    r->seconds = (double) (t1.tv_sec - t0.tv_sec) + 1e-9 * (double) (t1.tv_nsec - t0.tv_nsec);
    for (v = 0; v < cap; v++)
        box_clear(stack + v);
    flint_free(stack);
    arb_clear(pi);
    arb_clear(q);
    arb_clear(p0);
    arb_clear(p1);
    arb_clear(s);
    arb_clear(m);
    arb_clear(dom_lo);
    arb_clear(dom_hi);
    return st;
}
