/* ad1_impl.h -- float64 helpers shared by the AD-1 experiments (ad1_exp.c:
 * population GD; ad1_newton.c: Newton on grad J = 0).  Internal. */
#ifndef TSA_AD1_IMPL_H
#define TSA_AD1_IMPL_H

#include <stdint.h>
#include <jansson.h>
#include "tsa_ad.h"

#define GD_NMAX 10
#define GD_DMAX 10
#define GD_FAM_MAX 8

typedef struct
{
    tsa_ad_act_t act;
    double c, p;
    char name[64];
} gd_fam_t;

uint64_t tsa_ad1_rng_next(uint64_t *s);
double tsa_ad1_rng_gauss(uint64_t *s);
double tsa_ad1_dot(const double *a, const double *b, long d);
/* angle between unit vectors, accurate near 0 and pi */
double tsa_ad1_angle(const double *e, const double *u, long d);
/* J and its gradient at W (n x d, row-major), teacher v = e1; returns J */
double tsa_ad1_loss_grad(double *g, const double *W, long n, long d, const gd_fam_t *f);
int tsa_ad1_get_long(long *out, const json_t *params, const char *key, long lo, long hi,
                     const char *file);
int tsa_ad1_get_real(double *out, const json_t *params, const char *key, double lo,
                     double hi, const char *file);
/* params.families: "relu", "arccos2", "leaky:C" */
int tsa_ad1_read_fams(gd_fam_t *fam, size_t *nf, const json_t *params, const char *file);

#endif
