/* orbit_box.c -- quantities over the cube x0 +- rho (G-invariant as a set,
 * so the range of a pair quantity over it is the same for every pair of
 * one orbit and the representative's ball encloses it): the Hessian's
 * spread (the block radii of hess_mr.c, docs/certify.md s. 2 and s. 10),
 * smoothness and the student-teacher angles (docs s. 12). */
#include <math.h>
#include <stdlib.h>
#include "orbit_impl.h"

/* max |mid| and max radius of a K-vector of balls */
static double
vmr(double *rmax, arb_srcptr x, slong K)
{
    slong a;
    double m, r, mx = 0;
    *rmax = 0;
    for (a = 0; a < K; a++)
    {
        _tsa_arb_get_mr(&m, &r, x + a);
        mx = fmax(mx, fabs(m));
        *rmax = fmax(*rmax, r);
    }
    return mx;
}

/* max |mid|, max radius of p = u - c w (K coordinates) */
static double
pvec(double *pr, const oi_t *o, arb_srcptr u, arb_srcptr w, const arb_t c,
     slong prec)
{
    arb_ptr p = _arb_vec_init(o->K);
    slong a;
    double P;
    for (a = 0; a < o->K; a++)
    {
        arb_mul(p + a, c, w + a, prec);
        arb_sub(p + a, u + a, p + a, prec);
    }
    P = vmr(pr, p, o->K);
    _arb_vec_clear(p, o->K);
    return P;
}

/* hess_mr.c's radius of the block (i, j), i != j students */
static double
off_block(const oi_t *o, slong i, slong j, slong prec)
{
    slong K = o->K, key = _tsa_oi_ss(o, i, j);
    double X, rx, Y, ry, P, Pr, Q, Qr, am, ar, bm, br, gm, gr, E, rnd;
    X = vmr(&rx, o->U + i * K, K);
    Y = vmr(&ry, o->U + j * K, K);
    P = pvec(&Pr, o, o->U + j * K, o->U + i * K, o->ssc + key, prec);
    Q = pvec(&Qr, o, o->U + i * K, o->U + j * K, o->ssc + key, prec);
    _tsa_arb_get_mr(&am, &ar, o->ssal + key);
    _tsa_arb_get_mr(&bm, &br, o->ssbe + key);
    _tsa_arb_get_mr(&gm, &gr, o->ssga + key);
    E = ar + br * (X + rx) * (Y + ry) + fabs(bm) * (rx * (Y + ry) + X * ry)
        + gr * (P + Pr) * (Q + Qr) + fabs(gm) * (Pr * (Q + Qr) + P * Qr);
    rnd = tsa_gamma(10) * (fabs(am) + fabs(bm) * X * Y + fabs(gm) * P * Q);
    return (E + rnd) * (1 + 1e-10) + 1e-300;
}

/* number of students j != i of block t, i of block r */
static double
nstud(const oi_t *o, slong r, slong t)
{
    return (double) (t == r ? o->b[r] - 1 : o->b[t]);
}

/* one nu p p^T term of the diagonal block: E, rnd parts times cnt */
static void
diag_term(double *E, double *rnd, const oi_t *o, slong i, arb_srcptr u,
          const arb_t c, const arb_t nu, double cnt, slong prec)
{
    double P, Pr, nm, nr;
    P = pvec(&Pr, o, u, o->U + i * o->K, c, prec);
    _tsa_arb_get_mr(&nm, &nr, nu);
    *E += cnt * (nr * (P + Pr) * (P + Pr) + fabs(nm) * (2 * P * Pr + Pr * Pr));
    *rnd += cnt * fabs(nm) * P * P;
}

/* hess_mr.c's radius of the diagonal block of a student of block r */
static double
diag_block(const oi_t *o, slong r, slong prec)
{
    slong K = o->K, i = o->cst[r], t, e;
    double X, rx, sm, sr, Mm, Mr, E, rnd;
    arb_t h;
    arb_ptr et = _arb_vec_init(K);
    arb_init(h);
    X = vmr(&rx, o->U + i * K, K);
    arb_set_d(h, 0.5);
    arb_add(h, h, o->M + r, prec);
    _tsa_arb_get_mr(&sm, &sr, h);
    _tsa_arb_get_mr(&Mm, &Mr, o->M + r);
    E = sr + Mr * (X + rx) * (X + rx) + fabs(Mm) * (2 * X * rx + rx * rx);
    rnd = fabs(sm) + fabs(Mm) * X * X;
    for (t = 0; t < o->B; t++)
    {
        slong j = t == r ? i + 1 : o->cst[t], key = r * o->B + t;
        if (nstud(o, r, t) > 0)
            diag_term(&E, &rnd, o, i, o->U + j * K, o->ssc + key,
                      o->ssnu + key, nstud(o, r, t), prec);
        for (e = 0; e < 2; e++)
        {
            slong tt = e ? i : j;
            double cnt = e ? (t == r) : nstud(o, r, t);
            if (cnt <= 0)
                continue;
            _arb_vec_zero(et, K);
            arb_one(et + tt);
            diag_term(&E, &rnd, o, i, et, o->stc + 2 * key + e,
                      o->stnu + 2 * key + e, cnt, prec);
        }
    }
    arb_clear(h);
    _arb_vec_clear(et, K);
    return (E + tsa_gamma(3.0 * (2 * o->k - 1) + 10) * rnd) * (1 + 1e-10)
           + 1e-300;
}

/* tsa_certify_hess_spread: 2 d max_i sum_j Erad_ij (1 + gamma_{n+2}) */
int
tsa_orbit_spread(double *bound, const tsa_orbit_t p, double rho, slong prec)
{
    oi_t o;
    slong r, t;
    double worst = 0;
    int st = _tsa_oi_init(&o, p, rho, prec);
    if (st != TSA_SUCCESS)
        return st;
    for (r = 0; r < o.B; r++)
    {
        double row = diag_block(&o, r, prec);
        for (t = 0; t < o.B; t++)
            if (nstud(&o, r, t) > 0)
                row += nstud(&o, r, t)
                       * off_block(&o, o.cst[r], t == r ? o.cst[r] + 1 : o.cst[t],
                                   prec);
        if (!(row <= worst) && !isnan(worst))
            worst = row;
    }
    *bound = 2.0 * (double) o.k * worst * (1 + tsa_gamma((double) o.k + 2));
    _tsa_oi_clear(&o);
    return TSA_SUCCESS;
}

tsa_truth_t
tsa_orbit_smooth(double *min_norm, double *max_cos, char *reason,
                 const tsa_orbit_t p, double rho, slong prec)
{
    oi_t o;
    slong r, q;
    double mn = HUGE_VAL, mc = 0;
    reason[0] = '\0';
    if (_tsa_oi_init(&o, p, rho, prec) != TSA_SUCCESS)
    {
        snprintf(reason, 160, "%.150s", tsa_error_last());
        return rho > 0 ? TSA_UNDECIDED : TSA_FALSE;
    }
    for (r = 0; r < o.B; r++)
    {
        arf_t lo;
        arf_init(lo);
        arb_get_lbound_arf(lo, o.nrm + o.cst[r], 64);
        mn = fmin(mn, arf_get_d(lo, ARF_RND_DOWN));
        arf_clear(lo);
        for (q = 0; q < o.B; q++)
        {
            if (q != r || o.b[r] >= 2)
            {
                mc = fmax(mc, _tsa_arb_abs_ub_d(o.ssc + r * o.B + q));
                mc = fmax(mc, _tsa_arb_abs_ub_d(o.stc + 2 * (r * o.B + q)));
            }
            if (q == r)
                mc = fmax(mc, _tsa_arb_abs_ub_d(o.stc + 2 * (r * o.B + q) + 1));
        }
    }
    *min_norm = mn;
    *max_cos = mc;
    _tsa_oi_clear(&o);
    return TSA_TRUE;
}

int
tsa_orbit_angles(arb_ptr ang, arb_ptr minang, const tsa_orbit_t p,
                 double rho, slong prec)
{
    oi_t o;
    slong r, t, e, B = p->s.B;
    int st = _tsa_oi_init(&o, p, rho, prec);
    if (st != TSA_SUCCESS)
        return st;
    for (t = 0; t < B; t++)
    {
        int first = 1;
        for (r = 0; r < B; r++)
            for (e = 0; e < 2; e++)
            {
                slong q = 2 * (r * B + t) + e;
                arb_set(ang + q, o.stth + q);
                if ((e == 1 && t != r) || (e == 0 && t == r && o.b[r] < 2))
                    continue;
                if (first)
                    arb_set(minang + t, o.stth + q);
                else
                    arb_min(minang + t, minang + t, o.stth + q, prec);
                first = 0;
            }
    }
    _tsa_oi_clear(&o);
    return TSA_SUCCESS;
}
