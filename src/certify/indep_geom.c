/* indep_geom.c -- geometry of the independent path (indep.h): norms, unit
 * vectors and angles over a box, without the clamped cosine of pair.c.
 *
 * For unit vectors a, b at angle theta, |b - a| = 2 sin(theta/2) and
 * |b + a| = 2 cos(theta/2), so theta = 2 atan2(|b - a|, |b + a|) exactly;
 * in ball arithmetic both norms are >= 0 (sqrtpos) and the result lies in
 * [0, pi] up to the ball radius (intersected with [0, pi] below). */
#include "indep.h"

int _tsa_indep_mutation = TSA_INDEP_MUT_NONE;

static int
unit(arb_t nv, arb_ptr uv, arb_srcptr v, slong d, slong prec)
{
    arb_dot(nv, NULL, 0, v, 1, v, 1, d, prec);
    arb_sqrtpos(nv, nv, prec);
    if (!arb_is_positive(nv))
    {
        _arb_vec_indeterminate(uv, d);
        return 0;
    }
    _arb_vec_scalar_div(uv, v, d, nv, prec);
    return 1;
}

void
_tsa_indep_geom_init(_tsa_indep_geom_t g, const tsa_cand_t c, slong prec)
{
    slong i, d = c->d;
    g->d = d;
    g->n = c->n;
    g->m = c->m;
    g->nw = _arb_vec_init(c->n);
    g->nv = _arb_vec_init(c->m);
    g->uw = _arb_vec_init(c->n * d);
    g->uv = _arb_vec_init(c->m * d);
    g->ok = 1;
    g->bad = -1;
    for (i = 0; i < c->n + c->m; i++)
    {
        int ok = i < c->n
            ? unit(g->nw + i, g->uw + i * d, c->W + i * d, d, prec)
            : unit(g->nv + i - c->n, g->uv + (i - c->n) * d,
                   c->V + (i - c->n) * d, d, prec);
        if (!ok && g->ok)
        {
            g->ok = 0;
            g->bad = i;
        }
    }
}

void
_tsa_indep_geom_clear(_tsa_indep_geom_t g)
{
    _arb_vec_clear(g->nw, g->n);
    _arb_vec_clear(g->nv, g->m);
    _arb_vec_clear(g->uw, g->n * g->d);
    _arb_vec_clear(g->uv, g->m * g->d);
}

void
_tsa_indep_angle(arb_t th, arb_t c, arb_t s, arb_srcptr a, arb_srcptr b,
                 slong d, slong prec)
{
    arb_ptr t = _arb_vec_init(d);
    arb_t dm, dp, pi;
    arb_init(dm);
    arb_init(dp);
    arb_init(pi);
    _arb_vec_sub(t, b, a, d, prec);
    arb_dot(dm, NULL, 0, t, 1, t, 1, d, prec);
    arb_sqrtpos(dm, dm, prec);
    _arb_vec_add(t, b, a, d, prec);
    arb_dot(dp, NULL, 0, t, 1, t, 1, d, prec);
    arb_sqrtpos(dp, dp, prec);
    arb_atan2(th, dm, dp, prec);
    arb_mul_2exp_si(th, th, 1);
    /* theta lies in [0, pi]: [pi/2 +- pi/2] */
    arb_const_pi(pi, prec);
    arb_mul_2exp_si(pi, pi, -1);
    arb_add_error(pi, pi);
    if (!arb_intersection(th, th, pi, prec))
        arb_set(th, pi);
    if (_tsa_indep_mutation == TSA_INDEP_MUT_ANGLE)
    {
        arb_set_d(pi, 1e-12);
        arb_add(th, th, pi, prec);
    }
    arb_sin_cos(s, c, th, prec);
    arb_clear(dm);
    arb_clear(dp);
    arb_clear(pi);
    _arb_vec_clear(t, d);
}
