/* tsa_orbit.h -- orbit-reduced evaluation at block-symmetric points with
 * the orthonormal teacher V = I_k (issue 14; docs/certify.md s. 12).
 *
 * A point invariant under G = S_{b_1} x ... x S_{b_B} (tsa_sym_t) is given
 * by its orbit values, the census layout (data/README.md): B rows of B + 1
 *   y[r (B+1) + t]  W entries on rows (coordinates) I_r, columns (neurons)
 *                   I_t, r != t;
 *   y[r (B+1) + r]  the diagonal of block (r, r);
 *   y[r (B+1) + B]  the off-diagonal of block (r, r) (unused, 0, if b_r = 1).
 * Loss, gradient in the fixed space and the isotypic Hessian blocks are
 * computed from one representative per G-orbit of student pairs and of
 * student-teacher pairs, multiplicities polynomials in the block sizes: the
 * cost depends on B and not on k (no k x k matrix is formed).  Balls in y
 * give enclosures over every invariant point of the balls; a cube of
 * half-width rho in all k^2 coordinates around an invariant centre is
 * G-invariant as a set, and the *_box functions enclose over it. */
#ifndef TSA_ORBIT_H
#define TSA_ORBIT_H

#include "tsa_certify.h"

#ifdef __cplusplus
extern "C" {
#endif

/* largest block sizes (k) accepted by the orbit path: sizes enter Arb
   only as small integers, the bound keeps k^2 in a slong and the work
   bounded by B alone */
#define TSA_ORBIT_MAX_K 1000000

typedef struct
{
    tsa_sym_struct s;
    arb_ptr y;          /* B (B + 1) orbit values */
} tsa_orbit_struct;
typedef tsa_orbit_struct tsa_orbit_t[1];

int tsa_orbit_init(tsa_orbit_t p, const tsa_sym_t s) TSA_WUR;
void tsa_orbit_clear(tsa_orbit_t p);
/* number of values B (B + 1) and of free coordinates B^2 + #{b_r >= 2} */
slong tsa_orbit_len(const tsa_sym_t s);
slong tsa_orbit_dim(const tsa_sym_t s);
/* index into y of the free coordinate q (0 <= q < dim) */
slong tsa_orbit_coord(const tsa_sym_t s, slong q);
/* number of k x k entries in the orbit of free coordinate q */
void tsa_orbit_count(fmpz_t cnt, const tsa_sym_t s, slong q);

/* orbit values of an exactly invariant candidate (V = I_k checked too);
   TSA_EINVAL when it is not; p uninitialised, caller clears */
int tsa_orbit_from_cand(tsa_orbit_t p, const tsa_cand_t c,
                        const tsa_sym_t s) TSA_WUR;
/* the k x k candidate (teacher I_k); c uninitialised, caller clears */
void tsa_orbit_to_cand(tsa_cand_t c, const tsa_orbit_t p);

/* J over the invariant points of the balls y (rho = 0) or over the cube
   of half-width rho around the midpoints (rho > 0). */
int tsa_orbit_loss(arb_t J, const tsa_orbit_t p, double rho, slong prec) TSA_WUR;
/* reduced gradient g_q = <e_q, grad J> = dJ/dy_q (dim entries) and the
   representative gradient entries G_q (so that |grad J|_2^2 = sum_q
   count_q G_q^2 and |grad J|_inf = max_q |G_q|); G may be NULL. */
int tsa_orbit_grad(arb_ptr g, arb_ptr G, const tsa_orbit_t p, slong prec) TSA_WUR;
/* the reduced Hessian C_qq' = <e_q, H e_q'> (dim x dim): the Jacobian of
   the reduced gradient over the balls y */
int tsa_orbit_hess(arb_mat_t C, const tsa_orbit_t p, slong prec) TSA_WUR;
/* TSA_TRUE when C_rho - mu G_rho is proved positive definite for every
   isotypic component (then lambda_min(H) >= mu at every invariant point of
   the balls y); *estimate: float64 smallest eigenvalue at the midpoints.
   mu <= 0: try mu = estimate * {1 - 2^-26, 0.9999, 0.99, 0.9, 0.5} and
   return the proved one in *lower.  reason: 256 bytes. */
tsa_truth_t tsa_orbit_lambda(double *lower, double *estimate, char *reason,
                             const tsa_orbit_t p, double mu, slong prec);
/* every eigenvalue name/multiplicity (tests): the isotypic spectrum with
   dim(rho) as fmpz (no expansion) into ev[q] (one value per generalized
   eigenvalue), dims[q]; returns the count (<= cap) or -1 */
slong _tsa_orbit_spectrum(double *ev, fmpz *dims, slong cap,
                          const tsa_orbit_t p, slong prec);

/* block radii bound of |H(x) - H(y)|_2 over the cube x0 +- rho, as
   tsa_certify_hess_spread computes it densely */
int tsa_orbit_spread(double *bound, const tsa_orbit_t p, double rho,
                     slong prec) TSA_WUR;
/* smoothness over the cube: min |w_i| and max |cos| of every pair */
tsa_truth_t tsa_orbit_smooth(double *min_norm, double *max_cos, char *reason,
                             const tsa_orbit_t p, double rho, slong prec);
/* student-teacher angles per orbit: ang[r (B) + s][0] other index,
   [1] the same index (r = s); into a B x B x 2 array; and the per teacher
   block minimum over students minang[s] */
int tsa_orbit_angles(arb_ptr ang, arb_ptr minang, const tsa_orbit_t p,
                     double rho, slong prec) TSA_WUR;

/* Newton in the free coordinates: y <- y - C^-1 g at prec + 32 bits,
   y rounded to prec bits, until |grad J|_inf stops halving or maxiter.
   *gnorm: rigorous |grad J|_inf at the final exact y. */
int tsa_orbit_polish(tsa_orbit_t p, arf_t gnorm, slong prec,
                     slong maxiter) TSA_WUR;

/* The census decision by the orbit path (the isotypic branch of
   tsa_certify_run, docs/certify.md s. 6 item 3): r gets the same fields.
   c: the candidate (d = n = m = k), exactly invariant under s; falls back
   to tsa_certify_run when the isotypic bound is not proved. */
int tsa_orbit_run(tsa_cert_t r, const tsa_cand_t c, const tsa_sym_t s,
                  const tsa_cert_opts_t *o) TSA_WUR;
/* polish (orbit Newton) and tsa_orbit_run, as tsa_certify_point */
int tsa_orbit_point(tsa_cert_t r, tsa_cand_t c, const tsa_sym_t s,
                    const tsa_cert_opts_t *o);

/* W a column permutation of V with exact entries (the global minimum of
   tsa_certify_run's exact argument) */
int tsa_certify_is_global_min(const tsa_cand_t c);

#ifdef __cplusplus
}
#endif
#endif
