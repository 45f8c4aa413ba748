/* ss_impl.h -- student specialization (SS) definitions and checkers
 * (the student-specialization paper (SS); docs/claims.md; docs/claims-ss.md).
 * Private to src/claims: the SS checkers are reached through the table
 * tsa_claims_ss_checkers[] in ss.c.
 *
 * Two-layer networks are held exactly: node k has the weight
 * w_k = [wt_k; b_k] in Q^(d+1) and the fan-out v_k in Q^C, and
 * f(x) = sum_k v_k sigma(w_k . xt), xt = [x; 1], sigma(z) = max(z, c z)
 * with a rational leak 0 <= c < 1 (SS s. 3).  Claim files give entries as
 * JSON numbers (exact doubles) or strings ("1/3", "-0.25", "1e-3":
 * exact rationals).  The float64 paths (datasets, trained networks) take
 * doubles as exact binary rationals and decide every sign and band
 * membership exactly: a float64 value with a rigorous rounding bound
 * first, exact rational arithmetic when the bound does not decide. */
#ifndef TSA_SS_IMPL_H
#define TSA_SS_IMPL_H

#include <jansson.h>
#include "tsa_arb.h"
#include <flint/fmpq.h>
#include "tsa_base.h"
#include "tsa_claims.h"

/* A two-layer net, exact.  W: n rows of d + 1 entries; V: n rows of C. */
typedef struct
{
    slong d, n, C;
    fmpq *W;
    fmpq *V;
} tsa_ss_net_struct;
typedef tsa_ss_net_struct tsa_ss_net_t[1];

void tsa_ss_net_init(tsa_ss_net_t net, slong d, slong n, slong C);
void tsa_ss_net_clear(tsa_ss_net_t net);
/* Read {"W": [[...d+1...], ...], "V": [[...C...], ...]} (V may be omitted
 * when C = 1: all fan-outs 1).  d < 0: take d from the first row.
 * TSA_EFORMAT naming what.field[i][j]. */
int tsa_ss_net_read(tsa_ss_net_t net, const json_t *j, slong d,
                    const char *what) TSA_WUR;
/* One exact rational from a JSON number or string. */
int tsa_ss_q_read(fmpq_t q, const json_t *j, const char *what) TSA_WUR;
/* Doubles of a net, row-major (n (d+1) and n C), caller frees. */
void tsa_ss_net_get_d(double **W, double **V, const tsa_ss_net_t net);

/* ---- SS Def. 3: eps-alignment ------------------------------------------
 * Nodes w = [wt; b], u = [ut; bu] (wt, ut != 0) are eps-aligned when,
 * after scaling each to a regular weight (SS Def. 1: |wt| = 1, i.e.
 * w / |wt|), sin angle(wt, ut) <= eps, wt . ut > 0 (the same half-space:
 * an antiparallel pair has sin = 0 but opposite gates), and
 * |b/|wt| - bu/|ut|| <= eps.  eps = 0 is exact 0-alignment: w = t u with
 * t > 0, decided in exact rational arithmetic.  For eps > 0 the test is
 * done in Arb at prec (doubling to 8 prec): TSA_TRUE / TSA_FALSE proved,
 * TSA_UNDECIDED only at an exact tie that the balls cannot separate.
 * *sin_out and *db_out (may be NULL) get midpoints of sin angle and of
 * the bias gap (NAN when a weight is zero).  wt = 0 gives TSA_FALSE. */
tsa_truth_t tsa_ss_eps_aligned(double *sin_out, double *db_out,
                               const fmpq *w, const fmpq *u, slong d,
                               const fmpq_t eps, slong prec);

/* ---- SS Def. 4: observer -----------------------------------------------
 * Node k observes node j when R0 cap E_k cap dE_j is not empty, with
 * E_k = {x : w_k . xt > 0}, dE_j = {x : w_j . xt = 0}.  R0 is R^d when
 * r2 is NULL, else the open ball |x|^2 < r2.  Decided exactly (closed
 * form over Q, docs/claims-ss.md s. 2): TSA_TRUE or TSA_FALSE. */
tsa_truth_t tsa_ss_observer(const fmpq *wk, const fmpq *wj, slong d,
                            const fmpq_t r2);

/* ---- exact residual (SS Thm 1 / 2, R0 = R^d) ---------------------------
 * Is f(x) - f*(x) = 0 for every x in R^d?  Exact: group the nodes of both
 * nets by the line of w (w = t p, t != 0 rational); ReLUs of distinct
 * lines are linearly independent modulo affine functions, so r = 0 iff
 * every line's ReLU coefficient vanishes and the affine remainder is 0
 * (docs/claims-ss.md s. 3).  Returns 1 (zero) or 0, and a reason. */
int tsa_ss_residual_zero(char *reason, size_t rn, const tsa_ss_net_t s,
                         const tsa_ss_net_t t, const fmpq_t leak);
/* Exact r(x) (C entries) at a rational point x (d entries). */
void tsa_ss_residual_at(fmpq *r, const tsa_ss_net_t s, const tsa_ss_net_t t,
                        const fmpq_t leak, const fmpq *x);
/* Is w = t u with t > 0 (exact)?  With line != 0: t != 0. */
int tsa_ss_colinear(fmpq_t t, const fmpq *w, const fmpq *u, slong d,
                    int line);

/* ---- datasets (SS Def. 5-7), float64 points as exact rationals -------- */

/* sign of w . xt (w: d + 1 doubles, x: d doubles), exact: -1, 0, +1. */
/* q = x exactly; s = w . (x, 1) and n2 = |w[0..d-1]|^2 exactly */
void _tsa_ss_q_set_d(fmpq_t q, double x);
void _tsa_ss_affine_q(fmpq_t s, fmpq_t n2, const double *w, const double *x,
                      slong d);
int tsa_ss_affine_sign(const double *w, const double *x, slong d);
/* Band membership |w . xt| <= eps |wt| (the band of the regular weight
 * w / |wt|, SS Def. 5), exact: 1 in, 0 out. */
int tsa_ss_in_band(const double *w, const double *x, slong d, double eps);
/* N_D[I_w(eps)] over the N rows of X (N x d). */
slong tsa_ss_band_count(const double *w, const double *X, slong N, slong d,
                        double eps);
/* N_D[I_w(eps) cap E_k]. */
slong tsa_ss_band_active_count(const double *w, const double *wk,
                               const double *X, slong N, slong d,
                               double eps);

/* eta bounds for eq. (6) at eps: with M(eps) = max over regular w of
 * N_D[I_w(eps)], eta(eps) = (M - (d + 1)) / (eps N) is the least eta that
 * works at this eps.  *mlo: a count attained by an explicit hyperplane
 * (exact count); *mhi: a rigorous upper bound of M.  d = 2: exact
 * enumeration of critical orientations (docs/claims-ss.md s. 4), so
 * mlo = mhi unless float ties; d != 2: mhi = N (no bound) and mlo from
 * hyperplanes through d points.  *wbest (d + 1 doubles) the witness. */
void tsa_ss_band_max(slong *mlo, slong *mhi, double *wbest, const double *X,
                     slong N, slong d, double eps);
/* mu bounds for eq. (7) at eps: M'(eps) = max over unit wt, b = 0, of
 * N[|wt . x| >= 1/eps]; *mlo from the directions x_i/|x_i| (exact
 * counts), *mhi = N[|x| >= 1/eps] (exact, since |wt . x| <= |x|). */
void tsa_ss_tail_max(slong *mlo, slong *mhi, const double *X, slong N,
                     slong d, double eps);

/* SS Def. 7 shift delta = 2 eps / (c K^{3/2}) rounded to the nearest
 * double (the points trained on are doubles). */
double tsa_ss_aug_delta(double eps, double c, slong K);

/* ---- per-sample gradient (two layers) ------------------------------------
 * g_k(x) = sigma'(w_k . xt) v_k . (f*(x) - f(x)) (SS Lemma 1 at l = 1 with
 * V_2 = I, D_2 = I), with gates decided exactly (a node exactly at 0 gets
 * the hull of both gates).  gmid[k] and grad[k] (n entries): a float64
 * value and a rigorous bound of its error (docs/claims-ss.md s. 5). */
void tsa_ss_sample_grad(double *gmid, double *grad, const double *Ws,
                        const double *Vs, slong n, const double *Wt,
                        const double *Vt, slong m, slong d, slong C,
                        double leak, const double *x);

/* ---- claim-file helpers (ss_thm34.c) ----------------------------------
 * Errors are TSA_EFORMAT with one line naming file and field. */
/* params.key as a number in [lo, hi], def when absent. */
int tsa_ss_param_num(double *x, const json_t *params, const char *key,
                     double def, double lo, double hi,
                     const char *file) TSA_WUR;
/* params.teacher_index in 0 .. m - 1 (0 when absent). */
int tsa_ss_param_index(slong *j, const json_t *params, slong m,
                       const char *file) TSA_WUR;
/* A non-empty array of rows of cols numbers into *X (malloc'd), *rows. */
int tsa_ss_read_points(double **X, slong *rows, slong cols, const json_t *j,
                       const char *what) TSA_WUR;
/* Assumption 3 (a) (no two teacher rows eps0-aligned, exact) and (b)
 * (N_D[I_j(eps)] > tau eps N for every teacher row, exact counts) as two
 * hypotheses of r.  Wt: m rows of d + 1 doubles; X: N x d. */
void tsa_ss_assumption3(tsa_claim_result_t r, const double *Wt, slong m,
                        const double *X, slong N, slong d, double eps,
                        double eps0, double tau, slong prec);


/* ---- second code paths (ss_recheck.c), exact rationals only ------------ */
/* N_D[I_w(eps) cap E_wk] (wk NULL: N_D[I_w(eps)]), exact. */
slong tsa_ss_band_active_count_q(const double *w, const double *wk,
                                 const double *X, slong N, slong d,
                                 double eps);
/* cnt > a b N (strict) or cnt >= a b N, a and b exact binary rationals. */
int tsa_ss_count_gt(slong cnt, double a, double b, slong N, int strict);
/* |g_1(x)|_inf of a two-layer pair in exact rationals: glo..gup (equal
 * unless a student is exactly on its boundary: hull of both gates). */
void tsa_ss_grad_inf_q(fmpq_t glo, fmpq_t gup, const double *Ws,
                       const double *Vs, slong n, const double *Wt,
                       const double *Vt, slong m, slong d, slong C,
                       double leak, const double *x);
/* 25 K^3 d g^2 <= alpha^2 eps^2, i.e. g <= |alpha| eps / (5 K^{3/2}
 * sqrt d), exact (d = 1: the bound without sqrt d). */
tsa_truth_t tsa_ss_grad_bound_q(const fmpq_t g, const fmpq_t alpha,
                                double eps, slong K, slong d);
/* The sample-size condition N >= sample_const base^{5/2} d^dpow /
 * (eps kappa) in float64 and exactly (squared); UNDECIDED when the two
 * disagree.  *cmax = N eps kappa / (base^{5/2} d^dpow), the largest
 * constant for which it holds; ev gets the evidence. */
tsa_truth_t tsa_ss_sample_size(char *ev, size_t evn, double *cmax, slong N,
                               double sconst, slong base, const char *bname,
                               slong d, int dpow, double eps, double kappa);
/* params.sample_const: required, a number in [0, 1e300]. */
int tsa_ss_param_sconst(double *x, const json_t *params, const char *file) TSA_WUR;

/* ---- checkers ------------------------------------------------------------ */
int tsa_claim_check_ss_align(tsa_claim_result_t r, const json_t *params,
                             const char *file, slong prec);
int tsa_claim_check_ss_thm1(tsa_claim_result_t r, const json_t *params,
                            const char *file, slong prec);
int tsa_claim_check_ss_cor1(tsa_claim_result_t r, const json_t *params,
                            const char *file, slong prec);
int tsa_claim_check_ss_thm2(tsa_claim_result_t r, const json_t *params,
                            const char *file, slong prec);
int tsa_claim_check_ss_dataset(tsa_claim_result_t r, const json_t *params,
                               const char *file, slong prec);
int tsa_claim_check_ss_aug(tsa_claim_result_t r, const json_t *params,
                           const char *file, slong prec);
int tsa_claim_check_ss_thm3(tsa_claim_result_t r, const json_t *params,
                            const char *file, slong prec);
int tsa_claim_check_ss_thm5(tsa_claim_result_t r, const json_t *params,
                            const char *file, slong prec);
int tsa_claim_check_ss_empirical(tsa_claim_result_t r, const json_t *params,
                                 const char *file, slong prec);

/* Operations of one training run with cfg (an overestimate, work.c), for
 * the check against TSA_CLAIM_WORK_MAX before training starts. */
#include "tsa_train.h"
double tsa_claim_train_work(const tsa_train_config *cfg);

/* Plot helper: whether gnuplot runs (the folder for PNGs is
 * tsa_claim_plot_dir(r), tsa_claims.h). */
int tsa_ss_have_gnuplot(void);

#endif
