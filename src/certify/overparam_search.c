/* overparam_search.c -- float64 minimisation of g over the unit sphere
 * (a guide only: every claim is re-derived in Arb, overparam.c). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "certify_impl.h"
#include "tsa_kernel.h"
#include "tsa_overparam.h"

typedef struct
{
    slong d, n, m;
    double *w, *v;   /* midpoints, neuron-major */
} prob_t;

/* |x| in float64, summed in order (certify_impl.h) */
double
_tsa_norm_d(const double *x, slong d)
{
    double s = 0;
    slong a;
    for (a = 0; a < d; a++)
        s += x[a] * x[a];
    return sqrt(s);
}

/* g(u) at a unit u and its Euclidean gradient gr (may be NULL) */
static double
geval(double *gr, const double *u, const prob_t *p, double *tmp)
{
    double g = 0;
    slong i, a, d = p->d;
    if (gr != NULL)
        memset(gr, 0, d * sizeof(double));
    for (i = 0; i < p->n + p->m; i++)
    {
        const double *w = i < p->n ? p->w + i * d : p->v + (i - p->n) * d;
        double sg = i < p->n ? 1.0 : -1.0;
        if (_tsa_norm_d(w, d) == 0)
            continue;
        g += sg * tsa_kernel_psi_l_d(u, w, d, 0, 1.0, 0.0);
        if (gr != NULL)
        {
            tsa_kernel_psi_l_grad_d(tmp, u, w, d, 0, 1.0, 0.0);
            for (a = 0; a < d; a++)
                gr[a] += sg * tmp[a];
        }
    }
    return g;
}

/* projected gradient with backtracking from unit u, iters steps */
static double
descend(double *u, const prob_t *p, slong iters, double *gr, double *x,
        double *tmp)
{
    slong d = p->d, it, a;
    double g = geval(gr, u, p, tmp), eta = 0.5;
    for (it = 0; it < iters; it++)
    {
        double dot = 0, gn, nx;
        for (a = 0; a < d; a++)
            dot += gr[a] * u[a];
        for (a = 0; a < d; a++)
            gr[a] -= dot * u[a];     /* tangent part */
        if (_tsa_norm_d(gr, d) < 1e-13)
            break;
        for (;;)
        {
            for (a = 0; a < d; a++)
                x[a] = u[a] - eta * gr[a];
            nx = _tsa_norm_d(x, d);
            for (a = 0; a < d; a++)
                x[a] /= nx;
            gn = geval(NULL, x, p, tmp);
            if (gn < g || eta < 1e-12)
                break;
            eta *= 0.5;
        }
        if (!(gn < g))
            break;
        memcpy(u, x, d * sizeof(double));
        g = geval(gr, u, p, tmp);
        eta *= 2;
    }
    return g;
}

static double
rnd(ulong *s)
{
    /* xorshift64 -> uniform (0, 1), Box-Muller pairs not needed: sum of 12 */
    double t = 0;
    int j;
    for (j = 0; j < 12; j++)
    {
        *s ^= *s << 13;
        *s ^= *s >> 7;
        *s ^= *s << 17;
        t += (double) (*s >> 11) / 9007199254740992.0;
    }
    return t - 6;
}

double
tsa_overparam_search_d(double *u, const tsa_cand_t c, ulong seed)
{
    prob_t p;
    slong d = c->d, ns, s, a, i, j, nrand = 8;
    double *st, *gr, *x, *tmp, best = HUGE_VAL, *gs;
    ulong rs = seed * 2654435761u + 88172645463325252ULL;
    p.d = d;
    p.n = c->n;
    p.m = c->m;
    p.w = malloc(sizeof(double) * d * (c->n + c->m + 1));
    p.v = p.w + d * c->n;
    for (i = 0; i < d * c->n; i++)
        p.w[i] = arf_get_d(arb_midref(c->W + i), ARF_RND_NEAR);
    for (i = 0; i < d * c->m; i++)
        p.v[i] = arf_get_d(arb_midref(c->V + i), ARF_RND_NEAR);
    ns = 2 * c->n + 2 * c->m + 1 + nrand;
    st = calloc((size_t) ns * d, sizeof(double));
    gs = malloc(sizeof(double) * ns);
    gr = malloc(sizeof(double) * 3 * d);
    x = gr + d;
    tmp = gr + 2 * d;
    s = 0;
    for (j = 0; j < c->m; j++, s++)       /* teachers */
        memcpy(st + s * d, p.v + j * d, d * sizeof(double));
    for (i = 0; i < c->n; i++, s++)       /* students, negated */
        for (a = 0; a < d; a++)
            st[s * d + a] = -p.w[i * d + a];
    for (i = 0; i < c->n; i++, s++)       /* students */
        memcpy(st + s * d, p.w + i * d, d * sizeof(double));
    for (j = 0; j < c->m; j++, s++)       /* teacher minus nearest student */
    {
        slong bi = -1;
        double bd = HUGE_VAL;
        for (i = 0; i < c->n; i++)
        {
            double dd = 0;
            for (a = 0; a < d; a++)
                dd += (p.v[j * d + a] - p.w[i * d + a])
                      * (p.v[j * d + a] - p.w[i * d + a]);
            if (dd < bd)
                bd = dd, bi = i;
        }
        for (a = 0; a < d; a++)
            st[s * d + a] = p.v[j * d + a] - (bi >= 0 ? p.w[bi * d + a] : 0);
    }
    for (j = 0; j < c->m; j++)            /* the teachers' sum */
        for (a = 0; a < d; a++)
            st[s * d + a] += p.v[j * d + a];
    s++;
    for (; s < ns; s++)
        for (a = 0; a < d; a++)
            st[s * d + a] = rnd(&rs);
    /* a short run from every start, a long one from the best few */
    for (s = 0; s < ns; s++)
    {
        double nn = _tsa_norm_d(st + s * d, d);
        if (!(nn > 0) || !isfinite(nn))
        {
            gs[s] = HUGE_VAL;
            continue;
        }
        for (a = 0; a < d; a++)
            st[s * d + a] /= nn;
        gs[s] = descend(st + s * d, &p, 20, gr, x, tmp);
    }
    for (j = 0; j < 3; j++)
    {
        slong b = -1;
        for (s = 0; s < ns; s++)
            if (gs[s] < HUGE_VAL && (b < 0 || gs[s] < gs[b]))
                b = s;
        if (b < 0)
            break;
        gs[b] = descend(st + b * d, &p, 400, gr, x, tmp);
        if (gs[b] < best)
        {
            best = gs[b];
            memcpy(u, st + b * d, d * sizeof(double));
        }
        gs[b] = HUGE_VAL;
    }
    if (best == HUGE_VAL)
    {
        memset(u, 0, d * sizeof(double));
        u[0] = 1;
        best = geval(NULL, u, &p, tmp);
    }
    free(st);
    free(gs);
    free(gr);
    free(p.w);
    return best;
}
