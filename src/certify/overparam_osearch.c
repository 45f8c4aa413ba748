/* overparam_osearch.c -- float64 search of a descent direction u on the
 * compressed instance of a block-symmetric point (a guide only: the bound
 * is re-derived in Arb by overparam_orbit.c).  u has one free value per
 * distinguished index and one per block for its generic representatives;
 * g(u)/|u| is minimised by gradient descent with central differences. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "orbit_impl.h"
#include "tsa_overparam.h"

typedef struct
{
    slong K, P;
    double *W, *nrm, *wt0, *wt1;   /* K x K; K; K; K x K (a | i) */
    slong *par;                     /* parameter of each concrete index */
} os_t;

static double
wtd(const oi_t *o, slong a, slong s1)
{
    const arb_struct *w = _tsa_oi_wt(o, a, s1, -1);
    return w == NULL ? 1.0 : arf_get_d(arb_midref(w), ARF_RND_NEAR);
}

static double
ff(double c)
{
    double th;
    c = c > 1 ? 1 : c < -1 ? -1 : c;
    th = acos(c);
    return (sin(th) + (M_PI - th) * c) / (2 * M_PI);
}

/* g(u(x)) / |u(x)| */
static double
geval(const double *x, const os_t *s)
{
    slong K = s->K, i, a;
    double nu = 0, g = 0;
    for (a = 0; a < K; a++)
        nu += s->wt0[a] * x[s->par[a]] * x[s->par[a]];
    nu = sqrt(nu);
    if (!(nu > 0))
        return HUGE_VAL;
    for (i = 0; i < K; i++)
    {
        double d = 0;
        for (a = 0; a < K; a++)
            d += s->wt1[i * K + a] * x[s->par[a]] * s->W[i * K + a];
        g += s->wt0[i] * (s->nrm[i] * ff(d / (nu * s->nrm[i]))
                          - ff(x[s->par[i]] / nu));
    }
    return g;
}

static void
unit(double *x, slong P)
{
    double n = 0;
    slong a;
    for (a = 0; a < P; a++)
        n += x[a] * x[a];
    n = sqrt(n);
    for (a = 0; a < P && n > 0; a++)
        x[a] /= n;
}

static double
descend(double *x, const os_t *s, slong iters)
{
    slong P = s->P, it, a;
    double *gr = malloc(sizeof(double) * 2 * P), *y = gr + P;
    double g = geval(x, s), eta = 0.25, h = 1e-7;
    for (it = 0; it < iters && isfinite(g); it++)
    {
        double gn = HUGE_VAL, nn = 0;
        for (a = 0; a < P; a++)
        {
            double t = x[a], fp, fm;
            x[a] = t + h;
            fp = geval(x, s);
            x[a] = t - h;
            fm = geval(x, s);
            x[a] = t;
            gr[a] = (fp - fm) / (2 * h);
            nn += gr[a] * gr[a];
        }
        if (!(sqrt(nn) > 1e-12))
            break;
        for (; eta > 1e-12; eta *= 0.5)
        {
            for (a = 0; a < P; a++)
                y[a] = x[a] - eta * gr[a];
            unit(y, P);
            gn = geval(y, s);
            if (gn < g)
                break;
        }
        if (!(gn < g))
            break;
        memcpy(x, y, sizeof(double) * P);
        g = gn;
        eta *= 2;
    }
    free(gr);
    return g;
}

static void
setup(os_t *s, const oi_t *o)
{
    slong K = o->K, i, a, P = 0;
    s->K = K;
    s->W = malloc(sizeof(double) * (2 * K * K + 2 * K));
    s->wt1 = s->W + K * K;
    s->nrm = s->wt1 + K * K;
    s->wt0 = s->nrm + K;
    s->par = malloc(sizeof(slong) * K);
    for (i = 0; i < K; i++)
    {
        s->nrm[i] = arf_get_d(arb_midref(o->nrm + i), ARF_RND_NEAR);
        s->wt0[i] = wtd(o, i, -1);
        for (a = 0; a < K; a++)
        {
            s->W[i * K + a] = arf_get_d(arb_midref(o->W + i * K + a), ARF_RND_NEAR);
            s->wt1[i * K + a] = wtd(o, a, i);
        }
        /* a generic index shares the parameter of the previous one */
        if (o->gen[i] && i > 0 && o->gen[i - 1] && o->blk[i - 1] == o->blk[i])
            s->par[i] = s->par[i - 1];
        else
            s->par[i] = P++;
    }
    s->P = P;
}

double
tsa_overparam_orbit_search_d(double *u, const tsa_orbit_t p, double rho)
{
    oi_t o;
    os_t s;
    slong K, P, ns, j, a, i;
    double *st, *gs, best = HUGE_VAL;
    ulong rs = 88172645463325252ULL;
    if (_tsa_oi_init(&o, p, rho, 64) != TSA_SUCCESS)
    {
        u[0] = 1;
        return HUGE_VAL;
    }
    K = o.K;
    setup(&s, &o);
    P = s.P;
    ns = 3 * K + 8;
    st = calloc((size_t) ns * P, sizeof(double));
    gs = malloc(sizeof(double) * ns);
    for (i = 0; i < K; i++)
    {
        st[i * P + s.par[i]] = 1;                           /* teacher */
        for (a = 0; a < K; a++)
        {
            st[(K + i) * P + s.par[a]] = -s.W[i * K + a];   /* -student */
            st[(2 * K + i) * P + s.par[a]] = (a == i) - s.W[i * K + a];
        }
    }
    for (j = 3 * K; j < ns; j++)
        for (a = 0; a < P; a++)
        {
            rs ^= rs << 13;
            rs ^= rs >> 7;
            rs ^= rs << 17;
            st[j * P + a] = (double) (rs >> 11) / 4503599627370496.0 - 1;
        }
    for (j = 0; j < ns; j++)
    {
        unit(st + j * P, P);
        gs[j] = descend(st + j * P, &s, 30);
    }
    for (i = 0; i < 3; i++)
    {
        slong b = -1;
        for (j = 0; j < ns; j++)
            if (isfinite(gs[j]) && (b < 0 || gs[j] < gs[b]))
                b = j;
        if (b < 0)
            break;
        gs[b] = descend(st + b * P, &s, 300);
        if (gs[b] < best)
        {
            best = gs[b];
            for (a = 0; a < K; a++)
                u[a] = st[b * P + s.par[a]];
        }
        gs[b] = HUGE_VAL;
    }
    if (!(best < HUGE_VAL))
    {
        memset(u, 0, sizeof(double) * K);
        u[0] = 1;
    }
    free(st);
    free(gs);
    free(s.W);
    free(s.par);
    _tsa_oi_clear(&o);
    return best;
}
