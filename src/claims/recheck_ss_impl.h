/* recheck_ss_impl.h -- what recheck_ss.c (SS Thm 3-5) and
 * recheck_ss_cor1.c (SS Cor. 1) share: the limits of a witness, the
 * verdict buffer of a recheck and a few readers.  Private to src/claims. */
#ifndef TSA_RECHECK_SS_IMPL_H
#define TSA_RECHECK_SS_IMPL_H

#include <jansson.h>
#include <flint/fmpq.h>
#include "tsa_claims.h"

#define TSA_SS_W_MAX_NODES 4096 /* width of a layer of a witness network */
#define TSA_SS_W_MAX_WORK 1e8   /* exact operations of a recheck (about a minute) */

/* Results of the recheck, one per hypothesis and the conclusion, and the
 * message (each decision with its truth). */
typedef struct
{
    tsa_truth_t h[12];
    int nh;
    tsa_truth_t concl;
    char buf[3072];
    size_t o;
} tsa_ss_rres_t;

/* record t as the next hypothesis (hyp) or the conclusion, and append
 * "<fmt ...>: <truth>; " to the message */
void _tsa_ss_say(tsa_ss_rres_t *R, tsa_truth_t t, int hyp, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* counterexample again: every hypothesis true and the conclusion false */
tsa_truth_t _tsa_ss_rres_verdict(const tsa_ss_rres_t *R);

/* witness.key: an integer in lo .. hi (TSA_EFORMAT naming it) */
int _tsa_ss_rd_int(slong *x, const json_t *w, const char *key, slong lo,
                   slong hi) TSA_WUR;
/* a[0..n-1] = b[0..n-1] */
void _tsa_ss_qv_set(fmpq *a, const fmpq *b, slong n);

#endif
