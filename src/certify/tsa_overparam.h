/* tsa_overparam.h -- one student more (issue 17; docs/overparam.md).
 *
 * A point W (n students) of the teacher-student ReLU problem embedded into
 * n + 1 students by a zero student w_{n+1} = 0 keeps the network and the
 * loss.  Along a direction u the loss is exactly
 *     J(W, t u) = J(W, 0) + t g(u) + t^2 |u|^2 / 4,   t >= 0,
 *     g(u) = E[relu(u.x) r(x)] = sum_i K(u, w_i) - sum_t K(u, v_t),
 * r the residual of W, K(u, w) = psi_l(u, w) = |u||w| F(theta).  A u with
 * g(u) < 0 proved makes (W, 0) no local minimum for n + 1 students, for
 * every W of the box the bound covers. */
#ifndef TSA_OVERPARAM_H
#define TSA_OVERPARAM_H

#include "tsa_certify.h"
#include "tsa_orbit.h"
/* split students (w_i -> t w_i, (1 - t) w_i): the Hessian at the exactly
 * parallel pair, strict saddles, split certificates */
#include "tsa_overparam_split.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TSA_OVERPARAM_FORMAT_VERSION "1.0"

/* Enclosure of g(u/|u|) for every W in the box c->W (c->V fixed), u an
 * exact d-vector that need not be a unit vector (|u| > 0).  path 0: the
 * closed form sum |w| F(theta) from the angles; path 1: the kernel
 * tsa_kernel_psi_l (bivariate-normal moments) divided by |u|.  A student
 * ball containing 0 contributes [0, |w|_ub / 2].  TSA_EINVAL when u might
 * be 0, TSA_EDOM from the kernel. */
int tsa_overparam_g(arb_t g, arb_srcptr u, const tsa_cand_t c, int path,
                    slong prec) TSA_WUR;

/* Float64 multi-start projected gradient descent of g over the unit
 * sphere (midpoints of c; starts: teachers, students and their negatives,
 * teacher-minus-nearest-student, the teachers' sum, pseudo-random points
 * from seed).  u receives the best unit vector; returns g(u) (float). */
double tsa_overparam_search_d(double *u, const tsa_cand_t c, ulong seed);

/* u from tsa_overparam_search_d, then g(u) in Arb over the whole box:
 * TSA_TRUE with *gub (an upper bound, < 0, of g(u/|u|) rounded up) when
 * descent is proved, TSA_UNDECIDED otherwise (*gub the upper bound found).
 * u: d doubles (caller allocated). */
tsa_truth_t tsa_overparam_zero(double *u, double *gub, const tsa_cand_t c,
                               slong prec);

/* The "tsalign-overparam-certificate" text (caller frees): V exact, the
 * box (W centre + sup-norm radius), u, g_upper, and a note (may be NULL)
 * on where W came from. */
char *tsa_overparam_cert_json(const tsa_cand_t c, double radius,
                              const double *u, double gub, const char *note);

/* Recompute g(u/|u|) over the certificate's box by path 1 at prec:
 * TSA_TRUE when it is <= g_upper < 0, TSA_FALSE otherwise (reason, 256
 * bytes, says why); TSA_UNDECIDED never counts as valid.  A malformed file
 * gives TSA_UNDECIDED with *status a TSA_E* code. */
tsa_truth_t tsa_overparam_verify(char *reason, int *status,
                                 const char *json, slong prec);


/* Orbit-reduced zero student (overparam_orbit.c, docs/overparam.md s. 6):
 * W block-symmetric with V = I_k given by orbit values p (balls: every
 * invariant point of them) widened by rho in all k^2 entries.  u is a
 * vector on the K = tsa_overparam_orbit_K concrete indices of the
 * compressed instance (equal on the generic representatives of a block),
 * standing for its true k-vector.  path 0: weighted closed form; path 1:
 * psi_l on the expanded k-vectors.  Same conventions as tsa_overparam_g. */
slong tsa_overparam_orbit_K(const tsa_sym_t s);
int tsa_overparam_orbit_g(arb_t g, const double *u, const tsa_orbit_t p,
                          double rho, int path, slong prec) TSA_WUR;
/* float64 search on the compressed instance; u: K doubles */
double tsa_overparam_orbit_search_d(double *u, const tsa_orbit_t p,
                                    double rho);
/* search, then both paths: TSA_TRUE with *gub < 0 when proved */
tsa_truth_t tsa_overparam_orbit_zero(double *u, double *gub,
                                     const tsa_orbit_t p, double rho,
                                     slong prec);


/* The path down (overparam_path.c; numerical evidence only): float64
 * population loss and gradient (columns neuron-major, V: m teachers), and
 * gradient descent with Armijo backtracking from W (n students, updated
 * in place) until |grad|_inf <= gtol, J ~ 0 or maxit steps. */
typedef struct
{
    slong iters;
    double loss0, loss, gnorm;
} tsa_overparam_path_t;
double tsa_overparam_loss_d(const double *W, slong n, const double *V,
                            slong m, slong d);
void tsa_overparam_grad_d(double *G, const double *W, slong n,
                          const double *V, slong m, slong d);
void tsa_overparam_path_gd(tsa_overparam_path_t *res, double *W, slong n,
                           const double *V, slong m, slong d, slong maxit,
                           double gtol);
/* read a tsalign-overparam-certificate: c (uninitialised; the box, W
   radii = radius), *u (malloc'd, d doubles), *gub; caller clears/frees
   on success only */
int tsa_overparam_cert_read(tsa_cand_t c, double **u, double *gub,
                            const char *json, slong prec) TSA_WUR;
/* 1 for a zero-student certificate, 2 for a split one
   ("tsalign-overparam-split-certificate"), 0 otherwise */
int tsa_overparam_cert_kind(const char *json);

#ifdef __cplusplus
}
#endif
#endif
