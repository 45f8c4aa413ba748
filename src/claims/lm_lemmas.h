/* lm_lemmas.h -- private declarations of the LM checkers for Assumption 1,
 * Thm 2 (src/claims/lm_assume1.c) and Lemmas 1-4 (src/claims/lm_lemmas.c).
 * Method and numbers: docs/claims-lm.md s. 8. */
#ifndef TSA_LM_LEMMAS_H
#define TSA_LM_LEMMAS_H

#include <stdio.h>
#include "tsa_claims.h"
#include "lm_impl.h" /* the parameter readers and arb helpers of lm_util.c */

#ifdef __cplusplus
extern "C" {
#endif

/* The checker table of these files (registered in registry.c). */
extern const tsa_claim_checker_entry_t tsa_claims_lmx_checkers[];

int tsa_claim_check_lm_assume1(tsa_claim_result_t r, const json_t *params,
                               const char *file, slong prec);
int tsa_claim_check_lm_thm2(tsa_claim_result_t r, const json_t *params,
                            const char *file, slong prec);
int tsa_claim_check_lm_lemma1(tsa_claim_result_t r, const json_t *params,
                              const char *file, slong prec);
int tsa_claim_check_lm_lemma23(tsa_claim_result_t r, const json_t *params,
                               const char *file, slong prec);
int tsa_claim_check_lm_lemma4(tsa_claim_result_t r, const json_t *params,
                              const char *file, slong prec);

/* --- Assumption 1, two layers, zero bias, x ~ N(0, I_d) ---
 * A(w, u) = E[1(w.x > 0) 1(u.x > 0) x x^T] - psi_d(w, u) I, the gap of
 * eq. (4)-(5) at every input pair (k, k') (f_k = x_k, l_kk' = delta_kk').
 * Computed from the library kernels: A u = grad_w psi_l(w, u) - d u,
 * A w = grad_u psi_l(u, w) - d w, A = 0 on the complement of span{w, u}.
 * A is d x d row-major; *dd = psi_d(w, u).  Returns TSA_SUCCESS, or
 * TSA_EDOM when w, u are not proved independent (parallel vectors:
 * A = 0 exactly when w = c u, c > 0, handled by the caller). */
int _tsa_lmx_a1_gap(arb_ptr A, arb_t dd, const double *w, const double *u,
                    size_t d, slong prec) TSA_WUR;
/* Monte Carlo of the same d x d gap for npair pairs (rows W1[p], W2[p]):
 * nsamp samples x ~ N(0, I) (seed), nbatch batch means.  mean, se:
 * npair * d * d entries (E[g x x^T] - E[g] I, and its standard error of
 * the batch means); dhat[p] = E[g].  TSA_ENOMEM on allocation failure. */
int _tsa_lmx_a1_mc(double *mean, double *se, double *dhat, const double *W1,
                   const double *W2, size_t npair, size_t d, long nsamp,
                   long nbatch, unsigned long seed) TSA_WUR;

/* --- Lemma 1: BN backward for y = c0 (f - mu)/sqrt(var + eps) + c1 ---
 * chain rule (standard BN backward) into gb; the lemma's
 * (c0/sigma) P_perp{f, 1} g (Gram-Schmidt) into gl; central differences
 * of <g, y(f)> (step h) into gfd.  Length n >= 2; var > 0 needed. */
void _tsa_lmx_bn_backward(double *gb, const double *f, const double *g,
                          size_t n, double c0, double eps);
void _tsa_lmx_bn_lemma(double *gl, const double *f, const double *g,
                       size_t n, double c0);
void _tsa_lmx_bn_fd(double *gfd, const double *f, const double *g, size_t n,
                    double c0, double c1, double eps, double h);

/* --- Lemma 4: F(t) = (sin t + (pi - t) cos t)/(2 pi) = psi_l at unit
 * norms; lhs = |1/2 - F(t)|, rhs = C0 F(t) (2 sin(t/2))^2 (balls). */
void _tsa_lmx_l4_sides(arb_t lhs, arb_t rhs, const arb_t t, const arb_t C0,
                       slong prec);

/* --- witnesses and --recheck (src/claims/recheck_lmx.c) ---
 * Lemma 4: the exact angle theta of a violation and C0; Lemma 2/3: the
 * raw rows of the violating pair (j, k) (0-based), eq 1 = (19)/(30),
 * eq 2 = (20)/(31), V, Vs C x m column-major as in the checker. */
json_t *_tsa_lmx_w4(double theta, const arb_t C0, slong prec);
json_t *_tsa_lmx_w23(int lemma, int corrected, int eq, size_t j, size_t k,
                     const double *Ws, const double *Wt, size_t d,
                     const double *V, const double *Vs, size_t m, size_t C,
                     const arb_t K, const arb_t eps, const arb_t lhs,
                     const arb_t rhs);
/* Thm 2: the weights (W n x d, W* m x d, V C x n, V* C x m, row-major),
 * the projection flag, tol and the decisive relative error. */
json_t *_tsa_lmx_wt2(const double *Ws, const double *Wt, const double *V,
                     const double *Vs, size_t n, size_t m, size_t d, size_t C,
                     int proj, const arb_t tol, const arb_t rel);
int tsa_claim_recheck_lmx(tsa_truth_t *truth, char **msg, const char *checker,
                          const json_t *w, slong prec) TSA_WUR;

#ifdef __cplusplus
}
#endif
#endif
