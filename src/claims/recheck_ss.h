/* recheck_ss.h -- witnesses of the SS Cor. 1 and Thm 3-5 counterexamples
 * and their second code path (recheck_ss.c, recheck_ss_cor1.c; docs/claims.md
 * "--recheck").
 * Private to src/claims. */
#ifndef TSA_RECHECK_SS_H
#define TSA_RECHECK_SS_H

#include <jansson.h>
#include "tsa_arb.h"
#include "tsa_claims.h"

#define TSA_SS_W_MAXH 7 /* hidden layers of a witness network */

/* A network of doubles, viewed: H hidden layers, size[0] = d, size[1..H]
 * widths, size[H + 1] = C; W[l]: size[l + 1] rows [w; b] of size[l] + 1
 * entries; V: size[H] rows of C output weights. */
typedef struct
{
    slong H;
    slong size[TSA_SS_W_MAXH + 2];
    const double *W[TSA_SS_W_MAXH];
    const double *V;
} tsa_ss_wnet_t;

/* n := the view of H hidden layers W[0..H-1], V, widths size[0..H+1] */
void tsa_ss_wnet_set(tsa_ss_wnet_t *n, slong H, const slong *size,
                     double *const *W, const double *V);

/* The scalars of a Thm 3-5 instance as the checker used them. */
typedef struct
{
    double eps, eps0, kappa, tau, c, sconst, leak, delta;
    slong j, k, base;      /* teacher node, its observer, K (Thm 3/4) or Q */
    int aware;             /* teacher-aware augmentation (Thm 4) */
    const char *base_src;  /* "m+n", "counted" or "claim" */
} tsa_ss_wpar_t;

/* The witness of an ss_thm3 / ss_thm5 counterexample: both networks, the
 * data and the scalars as hex floats, and the decisive numbers of data
 * (decimals, for humans).  NULL when H is out of range. */
json_t *tsa_ss_witness_deep(const char *checker, const tsa_ss_wnet_t *t,
                            const tsa_ss_wnet_t *s, const double *X, slong N,
                            const tsa_ss_wpar_t *p, const json_t *data);
/* The witness of an ss_cor1 counterexample, from the run's params. */
json_t *tsa_ss_witness_cor1(const json_t *params);

/* The recheck of those witnesses (tsa_claim_recheck): TSA_EFORMAT on a
 * malformed witness, else *truth and a message (malloc'd). */
int tsa_ss_recheck_deep(tsa_truth_t *truth, char **msg, const char *checker,
                        const json_t *w, slong prec) TSA_WUR;
int tsa_ss_recheck_cor1(tsa_truth_t *truth, char **msg, const json_t *w) TSA_WUR;

#endif
