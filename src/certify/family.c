/* family.c -- the type-A family (blocks 1, k - 1; Arjevani-Field's five
 * unknowns a, f, e, c, d) certified in the reduced coordinates
 * (docs/certify.md s. 13).
 *
 * Existence: Krawczyk in the dim = 5 free coordinates y of the fixed space,
 *   K(Y) = y0 - R g(y0) + (I - R C(Y)) (Y - y0),  K(Y) in int Y,
 * with g = (dJ/dy_q) and C = its Jacobian <e_q, H e_q'> over the invariant
 * box Y (orbit_eval.c): one zero of the reduced gradient in Y, which is a
 * critical point of J by symmetric criticality (grad J at an invariant
 * point lies in Fix(G), spanned by the e_q).  Curvature: C_rho - mu G_rho
 * positive definite for every isotypic component over Y (orbit_lambda.c)
 * gives lambda_min(H) >= mu at every invariant point of Y, the critical
 * point included; a component vector z with z^T C_rho z < 0 over Y gives a
 * saddle. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_eigen.h>
#include "orbit_impl.h"
#include "tsa_family.h"

/* the k = 7 census row's five values (data/ssy2021-minima.tsv) */
void
tsa_family_start(tsa_orbit_t p, slong k)
{
    static const double v[6] = {-0.6327039049152542, 0.2616910758354652, 0.0,
                                0.18599104632000957, 0.9969227987935689,
                                -0.035080155932389};
    slong sz[2] = {1, k - 1}, q;
    tsa_sym_t s;
    if (tsa_sym_init(s, sz, 2) != TSA_SUCCESS || tsa_orbit_init(p, s) != TSA_SUCCESS)
        abort();   /* 3 <= k <= TSA_ORBIT_MAX_K checked by the callers */
    for (q = 0; q < 6; q++)
        arb_set_d(p->y + q, v[q]);
}

/* the same values at size k (the caller clears q) */
void
tsa_family_resize(tsa_orbit_t q, const tsa_orbit_t p, slong k)
{
    slong a;
    tsa_family_start(q, k);
    for (a = 0; a < 6; a++)
        arb_set(q->y + a, p->y + a);
}

/* the free coordinates of Y = y0 +- rho (rho = 0: the centre) */
static void
boxed(tsa_orbit_t Y, const tsa_orbit_t p, double rho)
{
    slong q, dim = tsa_orbit_dim(&p->s);
    tsa_family_resize(Y, p, p->s.k);
    for (q = 0; q < 6; q++)
        mag_zero(arb_radref(Y->y + q));
    for (q = 0; q < dim && rho > 0; q++)
        mag_set_d(arb_radref(Y->y + tsa_orbit_coord(&p->s, q)), rho);
}

/* R: midpoint inverse of C(y0) (any R is valid for Krawczyk) */
static int
precond(arb_mat_t R, const tsa_orbit_t p, slong prec)
{
    slong n = arb_mat_nrows(R), a, b;
    arb_mat_t C;
    int ok;
    arb_mat_init(C, n, n);
    if (tsa_orbit_hess(C, p, prec) != TSA_SUCCESS)
    {
        arb_mat_clear(C);
        return 0;
    }
    arb_mat_get_mid(C, C);
    ok = arb_mat_inv(R, C, prec);
    for (a = 0; a < n; a++)
        for (b = 0; b < n; b++)
            mag_zero(arb_radref(arb_mat_entry(R, a, b)));
    arb_mat_clear(C);
    return ok;
}

tsa_truth_t
tsa_family_krawczyk(double *ratio, double *rho, const tsa_orbit_t p,
                    slong prec)
{
    slong n = tsa_orbit_dim(&p->s), q, j;
    arb_mat_t R, C, M, g, Rg;
    arb_ptr gv = _arb_vec_init(n);
    tsa_orbit_t Y;
    arb_t t, x, y;
    double worst = 0;
    tsa_truth_t res = TSA_UNDECIDED;
    arb_mat_init(R, n, n);
    arb_mat_init(C, n, n);
    arb_mat_init(M, n, n);
    arb_mat_init(g, n, 1);
    arb_mat_init(Rg, n, 1);
    arb_init(t);
    arb_init(x);
    arb_init(y);
    *ratio = HUGE_VAL;
    if (!precond(R, p, prec) || tsa_orbit_grad(gv, NULL, p, prec) != TSA_SUCCESS)
        goto out;
    for (q = 0; q < n; q++)
        arb_set(arb_mat_entry(g, q, 0), gv + q);
    arb_mat_mul(Rg, R, g, prec);
    if (*rho <= 0)
    {
        for (q = 0; q < n; q++)
            *rho = fmax(*rho, 4 * _tsa_arb_abs_ub_d(arb_mat_entry(Rg, q, 0)));
        *rho = fmax(*rho, ldexp(1.0, -(int) prec));
    }
    boxed(Y, p, *rho);
    if (tsa_orbit_hess(C, Y, prec) == TSA_SUCCESS)
    {
        arb_mat_mul(M, R, C, prec);
        arb_mat_neg(M, M);
        for (q = 0; q < n; q++)
            arb_add_ui(arb_mat_entry(M, q, q), arb_mat_entry(M, q, q), 1, prec);
        for (q = 0; q < n; q++)
        {
            /* |K_q - y0_q| <= |R g|_q + sum_j |I - R C|_qj rho */
            arb_abs(x, arb_mat_entry(Rg, q, 0));
            for (j = 0; j < n; j++)
            {
                arb_abs(t, arb_mat_entry(M, q, j));
                arb_set_d(y, *rho);
                arb_mul(t, t, y, prec);
                arb_add(x, x, t, prec);
            }
            worst = fmax(worst, _tsa_arb_abs_ub_d(x) / *rho);
        }
        *ratio = worst;
        if (worst < 1)
            res = TSA_TRUE;
    }
    tsa_orbit_clear(Y);
out:
    arb_mat_clear(R);
    arb_mat_clear(C);
    arb_mat_clear(M);
    arb_mat_clear(g);
    arb_mat_clear(Rg);
    _arb_vec_clear(gv, n);
    arb_clear(t);
    arb_clear(x);
    arb_clear(y);
    return res;
}

/* the box of the free coordinates, for the loss and lambda claims */
void
tsa_family_box(tsa_orbit_t Y, const tsa_orbit_t p, double rho)
{
    boxed(Y, p, rho);
}

/* tolerance of a continuation step: |grad J|_inf <= 2^(20 - prec) k^2 */
static int
converged(const arf_t g, slong k, slong prec)
{
    arf_t t;
    int ok;
    arf_init(t);
    arf_set_si(t, k);
    arf_mul_si(t, t, k, ARF_PREC_EXACT, ARF_RND_UP);
    arf_mul_2exp_si(t, t, 20 - prec);
    ok = arf_cmp(g, t) <= 0;
    arf_clear(t);
    return ok;
}

int
tsa_family_step(tsa_orbit_t q, arf_t gnorm, const tsa_orbit_t prev,
                const tsa_orbit_t prev2, slong k, slong prec)
{
    slong a;
    int st;
    tsa_family_resize(q, prev, k);
    if (prev2 != NULL)   /* y_k ~ 2 y_(k-1) - y_(k-2) */
        for (a = 0; a < 6; a++)
        {
            arb_mul_2exp_si(q->y + a, q->y + a, 1);
            arb_sub(q->y + a, q->y + a, prev2->y + a, prec);
        }
    st = tsa_orbit_polish(q, gnorm, prec, 30);
    if (st == TSA_SUCCESS && !converged(gnorm, k, prec))
        st = TSA_ERROR(TSA_EMAXITER, "family: Newton at k = %ld stopped at "
                       "|grad|_inf <= %.3g", (long) k,
                       arf_get_d(gnorm, ARF_RND_UP));
    return st;
}

/* one step of a walk to size k: q from p (and prev2 when *have2), then
   prev2 <- p, p <- q */
static int
advance(tsa_orbit_t p, tsa_orbit_t prev2, int *have2, arf_t gnorm, slong k,
        slong prec)
{
    tsa_orbit_t q;
    int st = tsa_family_step(q, gnorm, p, *have2 ? prev2 : NULL, k, prec);
    if (*have2)
        tsa_orbit_clear(prev2);
    *prev2 = *p;
    *have2 = 1;
    *p = *q;
    return st;
}

int
tsa_family_continue(tsa_orbit_t p, arf_t gnorm, slong K, slong prec)
{
    tsa_orbit_t prev2;
    slong k = 7, step = K >= 7 ? 1 : -1;
    int st, have2 = 0;
    tsa_family_start(p, 7);
    st = tsa_orbit_polish(p, gnorm, prec, 30);
    while (st == TSA_SUCCESS && k != K)
    {
        k += step;
        st = advance(p, prev2, &have2, gnorm, k, prec);
    }
    if (have2)
        tsa_orbit_clear(prev2);
    return st;
}

int
tsa_family_walk_init(tsa_family_walk_t w, slong A, slong prec)
{
    arf_init(w->gnorm);
    w->k = A;
    w->have2 = 0;
    return tsa_family_continue(w->p, w->gnorm, A, prec);
}

int
tsa_family_walk_next(tsa_family_walk_t w, slong prec)
{
    w->k++;
    return advance(w->p, w->prev2, &w->have2, w->gnorm, w->k, prec);
}

void
tsa_family_walk_clear(tsa_family_walk_t w)
{
    if (w->have2)
        tsa_orbit_clear(w->prev2);
    tsa_orbit_clear(w->p);
    arf_clear(w->gnorm);
}
