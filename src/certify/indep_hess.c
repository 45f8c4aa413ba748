/* indep_hess.c -- the Hessian of J over a box for the independent path
 * (indep.h), derived from the Angular Distance function F of src/ad.
 *
 * Derivation.  psi(x, y) = a b f(c) with a = |x|, b = |y|, c = x^.y^ and
 * f(c) = F(arccos c).  Since dtheta/dc = -1/s (s = sin theta):
 *   f'(c)  = -F'(theta)/s = G(theta),
 *   f''(c) = (F''(theta) s - F'(theta) c)/s^3 = (F''(theta) + c G(theta))/s^2.
 * With dx^/dx = P_x/a, P_x = I - x^x^T, and dc/dx = p/a, p = y^ - c x^:
 *   grad_x psi = b (g x^ + f' y^),  g = f - c f'  (so g' = -c f''),
 *   d2psi/dx2   = (b/a) (g P_x + f'' p p^T),
 *   d2psi/dxdy  = g x^ y^T + f' I + f'' p q^T,  q = x^ - c y^
 * (differentiate grad_x psi in x, resp. in y with db/dy = y^T and
 * dc/dy = q/b; the y^y^T terms of d(b f' y^)/dy cancel against b f' P_y/b).
 * For ReLU, g = sin/(2 pi), f' = (pi - theta)/(2 pi), f'' = 1/(2 pi s).
 *
 * J = 1/2 sum_ij psi(w_i,w_j) - sum_it psi(w_i,v_t) + const, with
 * psi(w, w) = |w|^2 F(0), hence the blocks
 *   H_ii = F(0) I + sum_{j != i} d2psi/dx2 (w_i, w_j) - sum_t d2psi/dx2 (w_i, v_t),
 *   H_ij = d2psi/dxdy (w_i, w_j)   (i != j).
 * Every quantity is a ball over the box, so every entry of H contains the
 * exact Hessian entry at every point of the box. */
#include "indep.h"
#include "tsa_ad.h"

typedef struct
{
    arb_t th, c, s, F, G, F2, g, f2, r;
    arb_ptr p, q;
} pair_t;

/* th, c, s, g = F - c G, f' = G, f'' = (F'' + c G)/s^2 of students/teachers
   i, j; TSA_EDOM if s may vanish */
static int
pair_eval(pair_t *P, const _tsa_indep_geom_t G, slong i, slong j, slong prec)
{
    slong d = G->d;
    arb_srcptr x = TSA_INDEP_U(G, i), y = TSA_INDEP_U(G, j);
    _tsa_indep_angle(P->th, P->c, P->s, x, y, d, prec);
    if (!arb_is_positive(P->s))
        return TSA_ERROR(TSA_EDOM, "independent Hessian: neurons %ld and %ld "
                         "may be parallel or antiparallel", (long) i, (long) j);
    if (tsa_ad_F(P->F, P->th, TSA_AD_RELU, NULL, prec)
        || tsa_ad_G(P->G, P->th, TSA_AD_RELU, NULL, prec)
        || tsa_ad_F2(P->F2, P->th, TSA_AD_RELU, NULL, prec))
        return TSA_EDOM;
    arb_mul(P->g, P->c, P->G, prec);
    arb_sub(P->g, P->F, P->g, prec);
    arb_addmul(P->F2, P->c, P->G, prec);
    arb_sqr(P->r, P->s, prec);
    arb_div(P->f2, P->F2, P->r, prec);
    /* p = y^ - c x^, q = x^ - c y^ */
    _arb_vec_scalar_mul(P->p, x, d, P->c, prec);
    _arb_vec_sub(P->p, y, P->p, d, prec);
    _arb_vec_scalar_mul(P->q, y, d, P->c, prec);
    _arb_vec_sub(P->q, x, P->q, d, prec);
    return TSA_SUCCESS;
}

/* block (i, i) += sgn (b/a) (g (I - x^x^T) + f'' p p^T), x = unit of i */
static void
add_diag(arb_mat_t H, const _tsa_indep_geom_t G, slong i, const arb_t ratio,
         const arb_t g, const arb_t f2, arb_srcptr p, int sgn, slong prec)
{
    slong d = G->d, a, b;
    arb_srcptr x = TSA_INDEP_U(G, i);
    arb_t t, u, gr, fr;
    arb_init(t);
    arb_init(u);
    arb_init(gr);
    arb_init(fr);
    arb_mul(gr, g, ratio, prec);
    arb_mul(fr, f2, ratio, prec);
    if (sgn < 0)
    {
        arb_neg(gr, gr);
        arb_neg(fr, fr);
    }
    for (a = 0; a < d; a++)
        for (b = 0; b < d; b++)
        {
            arb_ptr e = arb_mat_entry(H, i * d + a, i * d + b);
            arb_mul(t, x + a, x + b, prec);
            arb_neg(t, t);
            if (a == b)
                arb_add_ui(t, t, 1, prec);
            arb_mul(t, t, gr, prec);
            arb_mul(u, p + a, p + b, prec);
            arb_addmul(t, u, fr, prec);
            arb_add(e, e, t, prec);
        }
    arb_clear(t);
    arb_clear(u);
    arb_clear(gr);
    arb_clear(fr);
}

/* blocks (i, j) = g x^ y^T + f' I + f'' p q^T and (j, i) its transpose */
static void
set_off(arb_mat_t H, const _tsa_indep_geom_t G, slong i, slong j,
        const pair_t *P, slong prec)
{
    slong d = G->d, a, b;
    arb_srcptr x = TSA_INDEP_U(G, i), y = TSA_INDEP_U(G, j);
    arb_t t, u;
    arb_init(t);
    arb_init(u);
    for (a = 0; a < d; a++)
        for (b = 0; b < d; b++)
        {
            arb_mul(t, x + a, y + b, prec);
            arb_mul(t, t, P->g, prec);
            arb_mul(u, P->p + a, P->q + b, prec);
            arb_addmul(t, u, P->f2, prec);
            if (a == b)
                arb_add(t, t, P->G, prec);
            arb_set(arb_mat_entry(H, i * d + a, j * d + b), t);
            arb_set(arb_mat_entry(H, j * d + b, i * d + a), t);
        }
    arb_clear(t);
    arb_clear(u);
}

int
_tsa_indep_hess(arb_mat_t H, const tsa_cand_t c, slong prec)
{
    slong d = c->d, n = c->n, m = c->m, N = n * d, i, j, a;
    _tsa_indep_geom_t G;
    pair_t P;
    arb_t F0, ratio;
    int st = TSA_SUCCESS;

    if (N > TSA_INDEP_MAX_N || arb_mat_nrows(H) != N || arb_mat_ncols(H) != N)
        return TSA_ERROR(TSA_EINVAL, "independent Hessian: N = %ld (at most "
                         "%d)", (long) N, TSA_INDEP_MAX_N);
    _tsa_indep_geom_init(G, c, prec);
    arb_init(F0);
    arb_init(ratio);
    arb_init(P.th);
    arb_init(P.c);
    arb_init(P.s);
    arb_init(P.F);
    arb_init(P.G);
    arb_init(P.F2);
    arb_init(P.g);
    arb_init(P.f2);
    arb_init(P.r);
    P.p = _arb_vec_init(d);
    P.q = _arb_vec_init(d);
    arb_mat_zero(H);
    if (!G->ok)
        st = TSA_ERROR(TSA_EDOM, "independent Hessian: neuron %ld may be 0",
                       (long) G->bad);
    if (st == TSA_SUCCESS)
        st = tsa_ad_F(F0, ratio, TSA_AD_RELU, NULL, prec);   /* ratio = 0 */
    if (_tsa_indep_mutation == TSA_INDEP_MUT_HESS)
    {
        arb_set_d(ratio, 1e-3);
        arb_sub(F0, F0, ratio, prec);
    }
    for (i = 0; i < n && st == TSA_SUCCESS; i++)
    {
        for (a = 0; a < d; a++)
            arb_add(arb_mat_entry(H, i * d + a, i * d + a),
                    arb_mat_entry(H, i * d + a, i * d + a), F0, prec);
        for (j = i + 1; j < n + m && st == TSA_SUCCESS; j++)
        {
            st = pair_eval(&P, G, i, j, prec);
            if (st != TSA_SUCCESS)
                break;
            arb_div(ratio, TSA_INDEP_NORM(G, j), TSA_INDEP_NORM(G, i), prec);
            add_diag(H, G, i, ratio, P.g, P.f2, P.p, j < n ? 1 : -1, prec);
            if (j < n)
            {
                /* the pair seen from j: x <-> y swaps p and q */
                arb_div(ratio, TSA_INDEP_NORM(G, i), TSA_INDEP_NORM(G, j), prec);
                add_diag(H, G, j, ratio, P.g, P.f2, P.q, 1, prec);
                set_off(H, G, i, j, &P, prec);
            }
        }
    }
    if (st != TSA_SUCCESS)
        arb_mat_indeterminate(H);
    arb_clear(F0);
    arb_clear(ratio);
    arb_clear(P.th);
    arb_clear(P.c);
    arb_clear(P.s);
    arb_clear(P.F);
    arb_clear(P.G);
    arb_clear(P.F2);
    arb_clear(P.g);
    arb_clear(P.f2);
    arb_clear(P.r);
    _arb_vec_clear(P.p, d);
    _arb_vec_clear(P.q, d);
    _tsa_indep_geom_clear(G);
    return st;
}
