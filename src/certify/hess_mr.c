/* hess_mr.c -- Hessian of J as float64 midpoints + rigorous block radii
 * (docs/certify.md s. 2).
 *
 * With u_i = w_i/|w_i|, c = cos th_ij, s = sin th_ij, p = u_j - c u_i,
 * q = u_i - c u_j:
 *   H_ij = (1/2pi) [ (pi - th) I + s u_i u_j^T + p q^T / s ]      (i != j)
 *   H_ii = (1/2 + M) I - M u_i u_i^T + sum_u nu_u p_u p_u^T,
 *     kappa_u = sgn |u| / (2 pi |w_i|), M = sum_u kappa_u s_u,
 *     nu_u = kappa_u / s_u, p_u = uhat - c u_i,
 * the sum over the other students (sgn +1) and the teachers (sgn -1). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "certify_impl.h"

/* vector of balls -> double mids, radii; returns max |mid|, *rmax */
static double
vec_mr(double *xm, double *xr, double *rmax, arb_srcptr x, slong d)
{
    slong a;
    double mx = 0, rx = 0;
    for (a = 0; a < d; a++)
    {
        _tsa_arb_get_mr(xm + a, xr + a, x + a);
        if (fabs(xm[a]) > mx)
            mx = fabs(xm[a]);
        if (xr[a] > rx)
            rx = xr[a];
    }
    *rmax = rx;
    return mx;
}

int
tsa_certify_hess_mr(double *Hmid, double *Erad, const tsa_cand_t cand,
                    slong prec)
{
    slong d = cand->d, n = cand->n, m = cand->m, N = n * d;
    slong i, j, a, b, T = n + m - 1;
    arb_ptr nw = _arb_vec_init(n), nv = _arb_vec_init(m);
    arb_ptr uw = _arb_vec_init(n * d), uv = _arb_vec_init(m * d);
    arb_ptr p = _arb_vec_init(d), q = _arb_vec_init(d);
    double *um = malloc(sizeof(double) * (n + m) * d);
    double *ur = malloc(sizeof(double) * (n + m) * d);
    double *U = malloc(sizeof(double) * (n + m));
    double *Ur = malloc(sizeof(double) * (n + m));
    double *pm = malloc(sizeof(double) * (T + 1) * d);
    double *prr = malloc(sizeof(double) * (T + 1) * d);
    double *P = malloc(sizeof(double) * (T + 1));
    double *Pr = malloc(sizeof(double) * (T + 1));
    double *num = malloc(sizeof(double) * (T + 1));
    double *nur = malloc(sizeof(double) * (T + 1));
    double qm_[1], *qm = NULL, *qr = NULL;
    arb_t cc, s, th, al, be, ga, pi, twopi, M, t;
    int st = TSA_SUCCESS;

    (void) qm_;
    qm = malloc(sizeof(double) * d);
    qr = malloc(sizeof(double) * d);
    arb_init(cc);
    arb_init(s);
    arb_init(th);
    arb_init(al);
    arb_init(be);
    arb_init(ga);
    arb_init(pi);
    arb_init(twopi);
    arb_init(M);
    arb_init(t);
    arb_const_pi(pi, prec);
    arb_mul_2exp_si(twopi, pi, 1);

    for (i = 0; i < n && st == TSA_SUCCESS; i++)
    {
        if (!_tsa_norm(nw + i, TSA_WCOL(cand, i), d, prec))
            st = TSA_ERROR(TSA_EDOM, "student neuron %ld may be 0", (long) i);
        else
        {
            for (a = 0; a < d; a++)
                arb_div(uw + i * d + a, TSA_WCOL(cand, i) + a, nw + i, prec);
            U[i] = vec_mr(um + i * d, ur + i * d, Ur + i, uw + i * d, d);
        }
    }
    for (j = 0; j < m && st == TSA_SUCCESS; j++)
    {
        if (!_tsa_norm(nv + j, TSA_VCOL(cand, j), d, prec))
            st = TSA_ERROR(TSA_EDOM, "teacher neuron %ld may be 0", (long) j);
        else
        {
            for (a = 0; a < d; a++)
                arb_div(uv + j * d + a, TSA_VCOL(cand, j) + a, nv + j, prec);
            U[n + j] = vec_mr(um + (n + j) * d, ur + (n + j) * d, Ur + n + j,
                              uv + j * d, d);
        }
    }

    for (i = 0; i < n && st == TSA_SUCCESS; i++)
    {
        slong cnt = 0, jj;
        double sm, sr, Mm, Mr, X = U[i], rx = Ur[i], E, rnd;
        const double *xm = um + i * d;
        arb_zero(M);
        for (jj = 0; jj < n + m && st == TSA_SUCCESS; jj++)
        {
            int student = jj < n;
            arb_srcptr w = TSA_WCOL(cand, i), u;
            arb_srcptr uhat;
            const arb_struct *nu;
            if (jj == i)
                continue;
            u = student ? TSA_WCOL(cand, jj) : TSA_VCOL(cand, jj - n);
            uhat = student ? uw + jj * d : uv + (jj - n) * d;
            nu = student ? nw + jj : nv + (jj - n);
            if (!_tsa_pair(cc, s, th, nw + i, nu, w, u, d, prec)
                || !arb_is_positive(s))
            {
                st = student
                    ? TSA_ERROR(TSA_EDOM, "students %ld and %ld may be "
                                "parallel or antiparallel", (long) i, (long) jj)
                    : TSA_ERROR(TSA_EDOM, "student %ld and teacher %ld may be "
                                "parallel or antiparallel", (long) i,
                                (long) (jj - n));
                break;
            }
            /* p = uhat - c u_i */
            for (a = 0; a < d; a++)
            {
                arb_mul(t, cc, uw + i * d + a, prec);
                arb_sub(p + a, uhat + a, t, prec);
            }
            P[cnt] = vec_mr(pm + cnt * d, prr + cnt * d, Pr + cnt, p, d);
            if (student)
            {
                /* off-diagonal block (i, jj); p is slot cnt */
                const double *pv = pm + cnt * d;
                double am, ar, bm, br, gm, gr, Y = U[jj], ry = Ur[jj];
                double Pm, Prr, Qm, Qr;
                const double *ym = um + jj * d;
                for (a = 0; a < d; a++)
                {
                    arb_mul(t, cc, uhat + a, prec);
                    arb_sub(q + a, uw + i * d + a, t, prec);
                }
                arb_sub(al, pi, th, prec);
                arb_div(al, al, twopi, prec);
                arb_div(be, s, twopi, prec);
                arb_mul(ga, twopi, s, prec);
                arb_inv(ga, ga, prec);
                _tsa_arb_get_mr(&am, &ar, al);
                _tsa_arb_get_mr(&bm, &br, be);
                _tsa_arb_get_mr(&gm, &gr, ga);
                Pm = P[cnt];
                Prr = Pr[cnt];
                Qm = vec_mr(qm, qr, &Qr, q, d);
                for (a = 0; a < d && Hmid != NULL; a++)
                {
                    double *row = Hmid + (i * d + a) * N + jj * d;
                    double bx = bm * xm[a], gp = gm * pv[a];
                    for (b = 0; b < d; b++)
                        row[b] = bx * ym[b] + gp * qm[b];
                    row[a] += am;
                }
                E = ar + br * (X + rx) * (Y + ry) + fabs(bm) * (rx * (Y + ry) + X * ry)
                    + gr * (Pm + Prr) * (Qm + Qr) + fabs(gm) * (Prr * (Qm + Qr) + Pm * Qr);
                rnd = tsa_gamma(10) * (fabs(am) + fabs(bm) * X * Y + fabs(gm) * Pm * Qm);
                Erad[i * n + jj] = (E + rnd) * (1 + 1e-10) + 1e-300;
            }
            /* diagonal block terms: kappa = sgn |u| / (2 pi |w_i|) */
            arb_div(al, nu, nw + i, prec);
            arb_div(al, al, twopi, prec);
            if (!student)
                arb_neg(al, al);
            arb_addmul(M, al, s, prec);
            arb_div(be, al, s, prec);
            _tsa_arb_get_mr(num + cnt, nur + cnt, be);
            cnt++;
        }
        if (st != TSA_SUCCESS)
            break;
        /* assemble H_ii */
        arb_set_d(t, 0.5);
        arb_add(t, t, M, prec);
        _tsa_arb_get_mr(&sm, &sr, t);
        _tsa_arb_get_mr(&Mm, &Mr, M);
        for (a = 0; a < d && Hmid != NULL; a++)
        {
            double *row = Hmid + (i * d + a) * N + i * d;
            double mx = Mm * xm[a];
            for (b = 0; b < d; b++)
                row[b] = -mx * xm[b];
            row[a] += sm;
        }
        E = sr + Mr * (X + rx) * (X + rx) + fabs(Mm) * (2 * X * rx + rx * rx);
        rnd = fabs(sm) + fabs(Mm) * X * X;
        for (jj = 0; jj < cnt; jj++)
        {
            const double *pv = pm + jj * d;
            double nm = num[jj];
            for (a = 0; a < d && Hmid != NULL; a++)
            {
                double *row = Hmid + (i * d + a) * N + i * d;
                double np = nm * pv[a];
                for (b = 0; b < d; b++)
                    row[b] += np * pv[b];
            }
            E += nur[jj] * (P[jj] + Pr[jj]) * (P[jj] + Pr[jj])
                 + fabs(nm) * (2 * P[jj] * Pr[jj] + Pr[jj] * Pr[jj]);
            rnd += fabs(nm) * P[jj] * P[jj];
        }
        Erad[i * n + i] = (E + tsa_gamma(3.0 * cnt + 10) * rnd) * (1 + 1e-10)
                          + 1e-300;
    }

    arb_clear(cc);
    arb_clear(s);
    arb_clear(th);
    arb_clear(al);
    arb_clear(be);
    arb_clear(ga);
    arb_clear(pi);
    arb_clear(twopi);
    arb_clear(M);
    arb_clear(t);
    _arb_vec_clear(nw, n);
    _arb_vec_clear(nv, m);
    _arb_vec_clear(uw, n * d);
    _arb_vec_clear(uv, m * d);
    _arb_vec_clear(p, d);
    _arb_vec_clear(q, d);
    free(um);
    free(ur);
    free(U);
    free(Ur);
    free(pm);
    free(prr);
    free(P);
    free(Pr);
    free(num);
    free(nur);
    free(qm);
    free(qr);
    return st;
}
