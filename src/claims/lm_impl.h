/* lm_impl.h -- private declarations of the LM (luck matters) checkers,
 * src/claims/lm*.c.  Notation and derivations: docs/claims-lm.md. */
#ifndef TSA_LM_IMPL_H
#define TSA_LM_IMPL_H

#include <stdio.h>
#include "tsa_claims.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Checkers (claim files proofs_numeric/LM-*.json). */
int tsa_claim_check_lm_thm1(tsa_claim_result_t r, const json_t *params,
                            const char *file, slong prec);
int tsa_claim_check_lm_lipschitz(tsa_claim_result_t r, const json_t *params,
                                 const char *file, slong prec);
int tsa_claim_check_lm_overlap(tsa_claim_result_t r, const json_t *params,
                               const char *file, slong prec);
int tsa_claim_check_lm_thm3(tsa_claim_result_t r, const json_t *params,
                            const char *file, slong prec);
int tsa_claim_check_lm_thm4(tsa_claim_result_t r, const json_t *params,
                            const char *file, slong prec);
int tsa_claim_check_lm_thm5(tsa_claim_result_t r, const json_t *params,
                            const char *file, slong prec);

/* --- parameters (errors name file and field) --- */
int _tsa_lm_get_int(long *x, const json_t *p, const char *key, long def,
                    long lo, long hi, const char *file) TSA_WUR;
int _tsa_lm_get_double(double *x, const json_t *p, const char *key,
                       double def, double lo, double hi,
                       const char *file) TSA_WUR;
/* A decimal string (exact decimal, arb_set_str semantics) or a JSON
 * number (the double taken exactly). */
int _tsa_lm_get_arb(arb_t x, const json_t *p, const char *key,
                    const char *def, const char *file, slong prec) TSA_WUR;
/* Optional string field: *s = def when absent. */
int _tsa_lm_get_str(const char **s, const json_t *p, const char *key,
                    const char *def, const char *file) TSA_WUR;
/* Matrix of JSON numbers (rows of equal length), malloc'd row-major. */
int _tsa_lm_get_matrix(double **M, size_t *rows, size_t *cols,
                       const json_t *p, const char *key,
                       const char *file) TSA_WUR;

/* --- kernels of zero-bias ReLU at unit norms, as functions of the angle
 * (docs/kernels.md): psi_d = (pi - t)/(2 pi), psi_l = F(t) =
 * (sin t + (pi - t) cos t)/(2 pi); both decreasing on [0, pi]. --- */
typedef enum { TSA_LM_PSI_D = 0, TSA_LM_PSI_L = 1 } tsa_lm_psi_t;
void _tsa_lm_psi_angle(arb_t y, tsa_lm_psi_t which, const arb_t t, slong prec);
/* upper bound of |psi'| over the ball t */
void _tsa_lm_dpsi_abs(arb_t y, tsa_lm_psi_t which, const arb_t t, slong prec);

/* Assumption 2, relative form (docs/claims-lm.md s. 2): the best K with
 *   |psi(w, w1) - psi(w, w2)| <= K psi(w, w1) |w1 - w2|
 * over unit w, w1, w2 with angle(w, w1), angle(w, w2) <= Theta and
 * angle(w1, w2) <= Phi equals
 *   sup |psi(t1) - psi(t2)| / (psi(t1) 2 sin(|t1 - t2|/2))
 * over t1, t2 in [0, Theta], 0 < |t1 - t2| <= Phi.  Interval
 * branch-and-bound: *kup is a rigorous upper bound (rounded up), *klo a
 * value attained at the exact point (*t1lo, *t2lo) (rounded down).
 * Returns TSA_TRUE (finite bound found), TSA_FALSE (Theta >= pi proved:
 * psi(w, w1) = 0 < psi(w, w2) for some pair, no finite K), TSA_UNDECIDED
 * (box budget spent, or Theta not separable from pi).  *nbox: boxes. */
tsa_truth_t _tsa_lm_kconst(double *kup, double *klo, double *t1lo,
                           double *t2lo, long *nbox, tsa_lm_psi_t which,
                           const arb_t Theta, const arb_t Phi, double rtol,
                           long maxbox, slong prec);

/* Assumption 2, relative form, for psi_d of ReLU units with bias near the
 * m centres C (rows (ct, b_c) of length d + 1, unit): a rigorous upper
 * bound K of |psi(w, w1) - psi(w, w2)| / (psi(w, w1) |w1 - w2|) over w in
 * B(c_i, rho), w1, w2 in B(c_j, rho), all i, j (Euclidean balls; they
 * contain the caps of unit vectors within chord rho).  (*ki, *kj): the
 * pair giving K.  TSA_TRUE when every box has inf psi_d > 0 proved, else
 * TSA_UNDECIDED (docs/claims-lm.md s. 2b, src/claims/lm_kcaps.c). */
tsa_truth_t _tsa_lm_kd_caps(arb_t K, long *ki, long *kj, const double *C,
                            size_t m, size_t d, const arb_t rho, slong prec);
/* Checker lm_lipschitz with params.W (units with bias):
 * src/claims/lm_a2bias.c. */
int _tsa_lm_lipschitz_bias(tsa_claim_result_t r, const json_t *params,
                           const char *file, slong prec);
/* The same ratio at exact points w, w1, w2 (rows of length d + 1). */
void _tsa_lm_kd_ratio_pt(arb_t q, const double *w, const double *w1,
                         const double *w2, size_t d, slong prec);

/* Assumption 3: eps = max over ordered pairs j1 != j2 of
 * psi(w_j1, w_j2) / psi(w_j1, w_j1) for the m rows of W (row length
 * d + bias, layout of tsa_kernel.h), x ~ N(0, s^2 I), ReLU, with Arb
 * kernels of tsa_kernel.h.  Returns TSA_TRUE when every diagonal value is
 * proved > 0 (eps is then a ball), TSA_FALSE when one is exactly 0
 * (*jbad set), TSA_UNDECIDED otherwise.  m = 1: eps = 0. */
tsa_truth_t _tsa_lm_eps(arb_t eps, long *j1, long *j2, long *jbad,
                        tsa_lm_psi_t which, const double *W, size_t m,
                        size_t d, int bias, const arb_t s, slong prec);

/* Angle between float64 vectors taken exactly: a ball. */
void _tsa_lm_angle(arb_t t, const double *u, const double *v, size_t n,
                   slong prec);
/* sin of the angle, a ball (sqrt(1 - cos^2), clamped at 0). */
void _tsa_lm_sin_angle(arb_t s, const double *u, const double *v, size_t n,
                       slong prec);

/* Truth of x <= y for balls: TRUE proved, FALSE when x > y proved. */
tsa_truth_t _tsa_lm_le(const arb_t x, const arb_t y);
/* Short decimal of a ball / its upper or lower bound. */
void _tsa_lm_str(char *buf, size_t n, const arb_t x, slong digits);
double _tsa_lm_ubound_d(const arb_t x);
double _tsa_lm_lbound_d(const arb_t x);

/* Plot (optional): when gnuplot is on PATH and dir is not NULL (the
 * result's folder, tsa_claim_plot_dir(r)), write <dir>/<id>-<tag>.dat and
 * run gnuplot to make <dir>/<id>-<tag>.png with ncol - 1 curves of column
 * 2.. against column 1 (logy: log scale on y).  Returns 1 and the PNG
 * file name in png when a PNG was made, 0 otherwise (never an error). */
int _tsa_lm_plot(char *png, size_t pngn, const char *dir, const char *id,
                 const char *tag, const char *title, const char *xlabel,
                 const char *ylabel, const char *const *names,
                 const double *rows, size_t nrow, size_t ncol, int logy);

/* Witnesses: float64 vectors / row-major matrices as arrays of exact hex
 * float strings ("%a"). */
json_t *_tsa_lm_hex_vec(const double *x, size_t n);
json_t *_tsa_lm_hex_mat(const double *x, size_t rows, size_t cols);

/* --recheck of lm_thm4 / lm_thm5 witnesses (src/claims/recheck_lm.c):
 * the decisive inequality recomputed from the stored exact state. */
/* Witness readers shared by recheck_lm.c and recheck_lmx.c (errors name
 * witness.KEY): rows x cols exact doubles from hex strings (rows = 0: a
 * flat vector), and an Arb dump {"exact": ...}. */
int _tsa_lm_witness_mat(double *M, const json_t *w, const char *key,
                        size_t rows, size_t cols) TSA_WUR;
int _tsa_lm_witness_arb(arb_t x, const json_t *w, const char *key) TSA_WUR;
/* one exact double from a hex float string v; errors name what */
int _tsa_lm_witness_hex(double *x, const json_t *v, const char *what) TSA_WUR;
/* |u - v| of raw float64 vectors in Arb (v may be NULL: |u|) */
void _tsa_lm_rnorm(arb_t r, const double *u, const double *v, size_t n,
                   slong prec);
/* the recheck's decision of "obs > bnd": TSA_FALSE with why = "; the
 * stored <obs_name|bnd_name> does not match ..." when a recomputed side
 * misses its stored ball (widened by 2^-30 relative), else the truth of
 * obs > bnd (TSA_UNDECIDED when the balls overlap) */
tsa_truth_t _tsa_lm_recheck_decide(char *why, size_t whyn, const arb_t obs,
                                   const arb_t bnd, const arb_t obs_s,
                                   const arb_t bnd_s, const char *obs_name,
                                   const char *bnd_name);

int tsa_claim_recheck_lm(tsa_truth_t *truth, char **msg, const char *checker,
                         const json_t *w, slong prec) TSA_WUR;

/* Lemma 4 (zero bias, unit norms): the smallest C_0 with
 * |l*_jj - l_jj| <= C_0 l*_jj |w_j - w*_j|^2 for every angle t in
 * (0, theta0], i.e. sup R(t), R = (1/2 - F(t)) / (2 (1 - cos t) F(t)).
 * _tsa_lm_c0_bb: interval branch-and-bound, [lo, hi] encloses the sup
 * (TSA_TRUE) or TSA_UNDECIDED (budget).  _tsa_lm_c0_closed: the closed
 * form max(1/2, R(theta0)) (R decreases then increases on (0, pi)). */
tsa_truth_t _tsa_lm_c0_bb(arb_t lo, arb_t hi, const arb_t theta0,
                          double rtol, long maxbox, slong prec);
void _tsa_lm_c0_closed(arb_t c0, const arb_t theta0, slong prec);

#ifdef __cplusplus
}
#endif
#endif
