/* tsa_overparam_split.h -- one student more by splitting (issue 17; docs/overparam.md
 * "Split students").
 *
 * Student i of W (n students) replaced by t w_i (slot i) and (1 - t) w_i
 * (slot n, appended): n + 1 students, same network, same loss; a critical
 * W splits into a critical point.  The pair (i, n) is exactly parallel;
 * there the pair kernel's Hessian block is [[0, I/2], [I/2, 0]]. */
#ifndef TSA_OVERPARAM_SPLIT_H
#define TSA_OVERPARAM_SPLIT_H

#include "tsa_certify.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TSA_SPLIT_FORMAT_VERSION "1.0"

/* TSA_EINVAL unless 0 <= i < c->n and 0 < t < 1 with 1 - t exact in
 * binary64 (then t w_i + (1 - t) w_i = w_i exactly in the statement). */
int tsa_overparam_split_check(const tsa_cand_t c, slong i, double t) TSA_WUR;

/* The split candidate s (uninitialised; the caller clears it): balls
 * t w_i, (1 - t) w_i at prec.  t must lie in (0, 1). */
void tsa_overparam_split_cand(tsa_cand_t s, const tsa_cand_t c, slong i,
                              double t, slong prec);

/* Hessian of the (n + 1)-student loss over the split image of the box
 * c->W, in tsa_certify_hess_mr's format ((n+1)d square Hmid, (n+1)^2
 * block radii): built from tsa_certify_hess_mr of the n-student box by
 * positive homogeneity plus the parallel-pair limit.  TSA_EDOM as
 * tsa_certify_hess_mr (the n-student box not smooth), TSA_EINVAL for a
 * bad i or t. */
int tsa_overparam_split_hess(double *Hmid, double *Erad, const tsa_cand_t c,
                             slong i, double t, slong prec) TSA_WUR;

/* Second path: enclosure of v^T H v = d^2/ds^2 J(S + s v) at s = 0 for
 * every S of the split image of the box, from degree-2 Taylor jets of each
 * pair term (no Hessian assembly).  Pairs that are exactly parallel or
 * antiparallel (the split pair; exact entries otherwise) use the limit.
 * v: (n + 1) d doubles.  TSA_EDOM when a jet is not defined on the box. */
int tsa_overparam_split_curv(arb_t q, const double *v, const tsa_cand_t c,
                             slong i, double t, slong prec) TSA_WUR;

/* The split test for the box c->W (its unique critical point W*):
 * float lambda_min of the split Hessian and its eigenvector v, then
 * v^T H v < 0 proved by both paths.  TSA_TRUE: *cub (< 0) bounds v^T H v
 * from above (v normalised, (n + 1) d doubles into v).  TSA_FALSE: no
 * negative direction exists (W exactly a permutation of V: the split is a
 * global minimum).  TSA_UNDECIDED otherwise.  *lam: float lambda_min (NaN
 * if not computed); reason (256 bytes) says why. */
tsa_truth_t tsa_overparam_split(double *v, double *cub, double *lam,
                                char *reason, const tsa_cand_t c, slong i,
                                double t, slong prec);

/* an upper bound of the ball q as a double, rounded up (private) */
double _tsa_split_upper(const arb_t q);

/* The "tsalign-overparam-split-certificate" text (caller frees). */
char *tsa_overparam_split_json(const tsa_cand_t c, double radius, slong i,
                               double t, const double *v, double cub,
                               double kratio, const char *note);

/* Re-check a split certificate: Krawczyk on the box (a critical point
 * exists) and v^T H v <= curv_upper < 0 by the jet path and by the
 * Hessian path.  As tsa_overparam_verify. */
tsa_truth_t tsa_overparam_split_verify(char *reason, int *status,
                                       const char *json, slong prec);

#ifdef __cplusplus
}
#endif
#endif
