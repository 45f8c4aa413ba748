/* tsa_family.h -- the type-A family of the orthonormal-teacher problem:
 * blocks (1, k - 1), Arjevani-Field's five unknowns, continued in k and
 * certified in the reduced coordinates (issue 14; docs/certify.md s. 13). */
#ifndef TSA_FAMILY_H
#define TSA_FAMILY_H

#include "tsa_orbit.h"

#ifdef __cplusplus
extern "C" {
#endif

/* largest k of `tsalign family` (work and output are linear in the range) */
#define TSA_FAMILY_MAX_K 100000

/* the k = 7 census values at size k (3 <= k <= TSA_ORBIT_MAX_K); p
   uninitialised, caller clears */
void tsa_family_start(tsa_orbit_t p, slong k);
/* p's values at size k (q uninitialised) */
void tsa_family_resize(tsa_orbit_t q, const tsa_orbit_t p, slong k);
/* the family point at size K: orbit Newton at 7, then at every size from
   7 to K with the start extrapolated from the two previous sizes; p
   uninitialised (initialised also on error), *gnorm the final |grad|_inf
   bound.  TSA_EMAXITER when a step ends above 2^(20 - prec) k^2. */
int tsa_family_continue(tsa_orbit_t p, arf_t gnorm, slong K, slong prec) TSA_WUR;
/* one continuation step from prev (size k - 1 or k + 1) and prev2 (two
   sizes back, or NULL) to size k; q uninitialised */
int tsa_family_step(tsa_orbit_t q, arf_t gnorm, const tsa_orbit_t prev,
                    const tsa_orbit_t prev2, slong k, slong prec) TSA_WUR;

/* A walk up the family from size A (`tsalign family`, `tsalign overparam
   family`): p the point at size k, gnorm its |grad|_inf bound; prev2 (when
   have2) the point two sizes back, for the extrapolated start. */
typedef struct
{
    tsa_orbit_t p, prev2;
    arf_t gnorm;
    slong k;
    int have2;
} tsa_family_walk_struct;
typedef tsa_family_walk_struct tsa_family_walk_t[1];

/* w at size A (tsa_family_continue); the first step from A is not
   extrapolated.  w initialised also on error; tsa_family_walk_clear. */
int tsa_family_walk_init(tsa_family_walk_t w, slong A, slong prec) TSA_WUR;
/* w to size k + 1 (tsa_family_step from the two previous points); on
   error w->p holds the unconverged point */
int tsa_family_walk_next(tsa_family_walk_t w, slong prec) TSA_WUR;
void tsa_family_walk_clear(tsa_family_walk_t w);
/* Krawczyk in the free coordinates on Y = y0 +- rho (rho <= 0: chosen,
   4 max |R g|); TSA_TRUE when K(Y) lies in int Y (*ratio < 1) */
tsa_truth_t tsa_family_krawczyk(double *ratio, double *rho,
                                const tsa_orbit_t p, slong prec);
/* Y = y0 +- rho in the free coordinates (Y uninitialised) */
void tsa_family_box(tsa_orbit_t Y, const tsa_orbit_t p, double rho);
/* saddle: upper bound < 0 of z^T C_rho z / z^T G_rho z over Y for the
   float64 eigenvector z of the most negative component; TSA_TRUE then */
tsa_truth_t tsa_orbit_negcurv(double *upper, const tsa_orbit_t Y, slong prec);

/* a certified family point (family_cert.c) */
typedef struct
{
    tsa_cert_kind_t kind;   /* MIN, SADDLE, CRITICAL (sign open), UNDECIDED */
    double ratio, rho;      /* Krawczyk ratio < 1 on Y = y0 +- rho */
    double lambda;          /* MIN: lambda_min >= lambda on Y */
    double curv;            /* SADDLE: Rayleigh quotient <= curv < 0 */
    arb_t loss;             /* J over Y */
} tsa_family_cert_struct;
typedef tsa_family_cert_struct tsa_family_cert_t[1];

void tsa_family_cert_init(tsa_family_cert_t c);
void tsa_family_cert_clear(tsa_family_cert_t c);
/* Krawczyk, loss, lambda_min or negative curvature at the polished p */
int tsa_family_certify(tsa_family_cert_t c, const tsa_orbit_t p,
                       slong prec) TSA_WUR;
/* certificate JSON ("format": "tsalign-orbit-certificate"); free() */
char *tsa_family_cert_json(const tsa_family_cert_t c, const tsa_orbit_t p,
                           const char *family, slong prec);
/* re-derive an orbit certificate at prec (0: its prec + 64): TSA_TRUE
   valid, TSA_FALSE invalid, TSA_UNDECIDED (verdict undecided); *status
   TSA_EFORMAT for a malformed file.  reason: 256 bytes.  For k <= 40 the
   dense certifier (tsa_certify_run on the k x k point, no symmetry) must
   reach the same verdict at the same centre (second code path). */
tsa_truth_t tsa_family_verify(char *reason, int *status, const char *json,
                              slong prec);
/* the text is an orbit certificate ("format": "tsalign-orbit-certificate") */
int tsa_family_is_cert(const char *json);

#ifdef __cplusplus
}
#endif
#endif
