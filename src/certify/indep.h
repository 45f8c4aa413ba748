/* indep.h -- the independent verification path of `verify` (docs/certify.md
 * "Independent verification").
 *
 * A second derivation of every inequality a certificate's verdict rests on,
 * sharing with the certify path (loss.c, grad.c, pair.c, hess_mr.c,
 * krawczyk.c, lambda.c, monotone.c, smooth.c, sym.c) nothing but Arb/FLINT
 * and the input parsing:
 *   angles   theta = 2 atan2(|u^ - w^|, |u^ + w^|), c = cos theta,
 *            s = sin theta (no clamped dot product);
 *   loss     psi_l of src/kernel (bivariate normal moments) for every pair,
 *            |w|^2 F(0) (src/ad) for the diagonal;
 *   gradient grad_w psi_l of src/kernel;
 *   Hessian  chain rule in c for psi = |w||u| f(c), f(c) = F(arccos c),
 *            with F, F'' and G = -F'/sin of src/ad (indep_hess.c), as an
 *            arb_mat over the box (Arb balls, no float64 assembly);
 *   Krawczyk own operator: R = arb_mat_approx_inv(mid H), I - R H(X) and
 *            R g in Arb, K(X) in int X;
 *   lambda   lambda_min >= mu by an LDL^T factorization of H(X) - mu I in
 *            Arb with positive pivots (Sylvester's criterion) over the
 *            whole box, not float Cholesky + residual, not Weyl + isotypic.
 * The dense Hessian is formed only up to N = n d <= TSA_INDEP_MAX_N; the
 * claims that need it are reported as not independently checked beyond. */
#ifndef TSA_INDEP_H
#define TSA_INDEP_H

#include "certify_impl.h"

/* N = n d up to which the Arb Hessian (N x N balls) is formed: the LDL^T
 * and Krawczyk products are O(N^3) Arb operations (N = 400, k = 20 of the
 * census: about a second each on one core) */
#define TSA_INDEP_MAX_N 400
/* precision of the Hessian and the LDL^T (doubled once if that fails), and
 * of the Krawczyk products: the claims have relative slack >= 1e-6 */
#define TSA_INDEP_HPREC 128
#define TSA_INDEP_KPREC 64

/* Test-only mutation of the independent path (tests/certify/t-indep.c):
 * 0 none; the others break one quantity so that tests can show that verify
 * then rejects honest certificates.  Never set outside tests. */
enum
{
    TSA_INDEP_MUT_NONE = 0,
    TSA_INDEP_MUT_LOSS,     /* J + 1e-10                               */
    TSA_INDEP_MUT_GRAD,     /* dJ/dW[0] + 1e-10                        */
    TSA_INDEP_MUT_HESS,     /* self term F(0) - 1e-3, i.e. H - 1e-3 I  */
    TSA_INDEP_MUT_ANGLE,    /* theta + 1e-12                           */
    TSA_INDEP_MUT_KRAW      /* Krawczyk bound for radius 1e-6 rho     */
};
extern int _tsa_indep_mutation;

/* Precomputed geometry of the box: norms and unit vectors of every student
 * (balls over the box) and teacher. */
typedef struct
{
    slong d, n, m;
    arb_ptr nw, nv;    /* |w_i|, |v_t|                      */
    arb_ptr uw, uv;    /* w_i/|w_i|, v_t/|v_t| (d each)     */
    int ok;            /* every norm proved > 0              */
    slong bad;         /* first neuron whose norm may be 0:
                          i < n student, n + t teacher      */
} _tsa_indep_geom_struct;
typedef _tsa_indep_geom_struct _tsa_indep_geom_t[1];

void _tsa_indep_geom_init(_tsa_indep_geom_t g, const tsa_cand_t c,
                          slong prec);
void _tsa_indep_geom_clear(_tsa_indep_geom_t g);

/* theta, cos, sin of the angle between unit vectors a, b (d entries):
 * theta = 2 atan2(|b - a|, |b + a|) */
void _tsa_indep_angle(arb_t th, arb_t c, arb_t s, arb_srcptr a, arb_srcptr b,
                      slong d, slong prec);

/* unit vector of student j (j < n) or teacher j - n, and its norm */
#define TSA_INDEP_U(g, j) ((j) < (g)->n ? (g)->uw + (j) * (g)->d \
                                         : (g)->uv + ((j) - (g)->n) * (g)->d)
#define TSA_INDEP_NORM(g, j) ((j) < (g)->n ? (g)->nw + (j) : (g)->nv + (j) - (g)->n)

/* J over the box c->W (kernel psi_l). */
int _tsa_indep_loss(arb_t J, const tsa_cand_t c, slong prec) TSA_WUR;

/* grad J (N entries) over the box c->W (kernel grad psi_l); TSA_EDOM when a
 * pair may be parallel or a norm may vanish. */
int _tsa_indep_grad(arb_ptr g, const tsa_cand_t c, slong prec) TSA_WUR;

/* The Hessian as an N x N arb_mat over the box c->W (src/ad F, F'', G);
 * TSA_EDOM at non-smooth boxes (naming the pair), TSA_EINVAL for
 * N > TSA_INDEP_MAX_N. */
int _tsa_indep_hess(arb_mat_t H, const tsa_cand_t c, slong prec) TSA_WUR;

/* TSA_TRUE when every symmetric matrix in the balls of H has
 * lambda_min > mu (LDL^T of mid H - (mu + max row sum of radii) I with
 * positive pivots, at prec bits and then 2 prec), TSA_UNDECIDED else. */
tsa_truth_t _tsa_indep_pd(const arb_mat_t H, const arb_t mu, slong prec);

/* Upper bound (ball) of v^T H v for v exact doubles, every H in the balls. */
void _tsa_indep_quad(arb_t q, const arb_mat_t H, const double *v, slong prec);

/* Krawczyk on the cube x +- rho (x = midpoints of c->W): H the Hessian over
 * the cube, g = grad J(x).  *ratio: upper bound of max_i |K(X)_i - x_i| /
 * rho; TSA_TRUE when < 1 (exactly one critical point in the cube). */
tsa_truth_t _tsa_indep_krawczyk(double *ratio, const arb_mat_t H,
                                arb_srcptr g, double rho, slong prec);

/* _tsa_indep_check (the whole path, called by verify): certify_impl.h */

/* The independent path alone on certificate text (tests): parses the
 * problem and box as verify does; TSA_UNDECIDED and *status = TSA_EFORMAT
 * for a malformed file. */
tsa_truth_t _tsa_indep_verify_text(char *reason, int *status,
                                   const char *json, slong prec);

#endif
