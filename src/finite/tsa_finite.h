/* tsa_finite.h -- the empirical landscape of a two-layer ReLU network with
 * bias on a finite dataset, and certificates of its critical points
 * (docs/finite-data.md).
 *
 * Model: h(x) = sum_j a_j relu(w_j . (x, 1)), w_j in Q^(d+1) (the last
 * entry is the bias), samples (x_s, y_s), s = 0..n-1, loss
 *   L = (1/(2n)) sum_s (h(x_s) - y_s)^2.
 * Everything is exact (FLINT fmpq) when the point is exact; a point with a
 * box radius > 0 is handled in Arb balls.  The sign of w_j . (x_s, 1) is
 * decided exactly or by a ball that excludes 0, never in floating point. */
#ifndef TSA_FINITE_H
#define TSA_FINITE_H

#include <jansson.h>
#include <flint/fmpq.h>
#include <flint/fmpq_mat.h>
#include "tsa_arb.h"
#include "tsa_base.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Limits of a point file, checked before any arithmetic. */
#define TSA_FIN_MAX_N 4096           /* samples                          */
#define TSA_FIN_MAX_D 64             /* input dimension                  */
#define TSA_FIN_MAX_M 256            /* hidden neurons                   */
#define TSA_FIN_MAX_WORK (1L << 20)  /* n m (d + 1)                      */
#define TSA_FIN_MAX_HESS 200         /* parameters m (d + 2) of a Hessian */
#define TSA_FIN_MAX_NUMLEN 256       /* characters of one number          */
#define TSA_FIN_FORMAT "tsalign-finite-point"
#define TSA_FIN_CERT_FORMAT "tsalign-finite-certificate"
#define TSA_FIN_VERSION "1.0"

typedef struct
{
    slong n, d, m;
    fmpq *x;        /* n x d, row major          */
    fmpq *y;        /* n                         */
    fmpq *a;        /* m                         */
    fmpq *w;        /* m x (d + 1), bias last    */
    fmpq_t radius;  /* box half-width (inf-norm); 0: the exact point */
} tsa_fin_point_struct;
typedef tsa_fin_point_struct tsa_fin_point_t[1];

void tsa_fin_point_init(tsa_fin_point_t p, slong n, slong d, slong m);
void tsa_fin_point_clear(tsa_fin_point_t p);

/* Exact rational from a string: an integer, a fraction "p/q", a decimal
 * "-1.25e-3" (exact: 1/800 is 0.00125) or a C99 hex float "0x1.8p-1".
 * At most TSA_FIN_MAX_NUMLEN characters, exponents of at most 3 digits.
 * TSA_EFORMAT naming what otherwise. */
int tsa_fin_parse_q(fmpq_t q, const char *str, const char *what) TSA_WUR;
/* q as "p/q" (or "p"), malloc'd. */
char *tsa_fin_q_str(const fmpq_t q);

/* Read a point: {"format": "tsalign-finite-point", "format_version": "1.0",
 * "x": [[...d strings] x n], "y": [n strings], "a": [m strings],
 * "w": [[...d+1 strings] x m], "radius": optional string}.  Numbers are
 * strings (JSON numbers are refused: they may not be exact). */
int tsa_fin_point_from_json(tsa_fin_point_t p, const json_t *root,
                            const char *what) TSA_WUR;
int tsa_fin_point_read(tsa_fin_point_t p, const char *path) TSA_WUR;
json_t *tsa_fin_point_to_json(const tsa_fin_point_t p);

/* The exact landscape at an exact point. */
typedef struct
{
    slong n, d, m, np;   /* np = m (d + 2) parameters: a_j, w_j per neuron */
    fmpq *pre;           /* m x n: w_j . (x_s, 1)                          */
    int *sgn;            /* m x n: -1, 0, +1                               */
    fmpq *h, *r;         /* n: outputs and residuals h - y                 */
    fmpq_t loss;
    fmpq *grad;          /* np: gradient, relu'(0) taken as 0 (one-sided
                            at boundary samples)                           */
    slong nboundary;     /* number of (j, s) with w_j . (x_s, 1) = 0       */
} tsa_fin_land_struct;
typedef tsa_fin_land_struct tsa_fin_land_t[1];

int tsa_fin_land_init(tsa_fin_land_t l, const tsa_fin_point_t p) TSA_WUR;
void tsa_fin_land_clear(tsa_fin_land_t l);
/* The Hessian off the non-smooth set (relu'' = 0, relu'(0) = 0), np x np
 * (H initialised by the caller); TSA_EINVAL when np > TSA_FIN_MAX_HESS. */
int tsa_fin_hessian(fmpq_mat_t H, const tsa_fin_point_t p,
                    const tsa_fin_land_t l) TSA_WUR;

/* Loss at the exact point p + eps D (D: np entries, or NULL for eps = 0)
 * evaluated sample by sample (the verifier's path). */
void tsa_fin_loss_direct(fmpq_t loss, const tsa_fin_point_t p,
                         const fmpq *D, const fmpq_t eps);

/* Verdicts of a certificate. */
typedef enum
{
    TSA_FIN_LOCAL_MIN = 0,
    TSA_FIN_NOT_LOCAL_MIN = 1,
    TSA_FIN_UNDECIDED = 2
} tsa_fin_verdict_t;
const char *tsa_fin_verdict_name(tsa_fin_verdict_t v);

/* Certify the point: exact points by the one-sided (kink) test, points
 * with a box by the pattern check and Krawczyk.  *cert is the certificate
 * (format tsalign-finite-certificate), *v its verdict.  Errors only for
 * bad input or resources. */
int tsa_fin_certify(json_t **cert, tsa_fin_verdict_t *v,
                    const tsa_fin_point_t p, slong prec) TSA_WUR;

/* Re-check a certificate by a second code path (direct per-sample
 * evaluation, interpolation, stored multipliers).  *valid: TRUE, FALSE
 * (with *msg saying what failed) or UNDECIDED.  *msg malloc'd. */
int tsa_fin_verify(tsa_truth_t *valid, char **msg, const json_t *cert,
                   const char *what) TSA_WUR;

/* The early-alignment example (docs/early-alignment.md): the data
 * x = (-3/4, -1/2, 1/8), y = (11/10, 1/10, 4/5), d = 1, width m.
 * which = 0: the spurious stationary point (neuron 0 the least-squares
 * line, the others inactive: w_j = (0, -s), a_j = -s); which = 1: a
 * zero-loss network (neurons 0, 1; the others zero). */
void tsa_fin_ea_point(tsa_fin_point_t p, slong m, const fmpq_t s, int which);

#ifdef __cplusplus
}
#endif
#endif
