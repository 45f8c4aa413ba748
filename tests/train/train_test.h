/* train_test.h -- helpers shared by the train tests: random networks. */
#ifndef TSA_TRAIN_TEST_H
#define TSA_TRAIN_TEST_H

#include <math.h>
#include <string.h>
#include <time.h>
#include <gsl/gsl_randist.h>
#include "tsa_test.h"
#include "tsa_train.h"

/* A random network: nlayers linear layers, sizes, every parameter
 * N(0, s^2 / fan_in) scaled so activations stay O(1). */
static inline tsa_train_net *
test_net(size_t nlayers, const size_t *size, int bias, int out_bias,
         int out_fixed, int bn, double leak, gsl_rng *r)
{
    tsa_train_net *n;
    size_t l, i;
    ck_assert_int_eq(tsa_train_net_alloc(&n, nlayers, size, bias, out_bias,
                                         out_fixed, bn, leak), TSA_SUCCESS);
    tsa_train_net_init_gaussian(n, 1.0, r);
    for (l = 0; l < nlayers; l++)
    {
        double sc = 1.0 / sqrt((double) size[l]);
        if (l + 1 == nlayers && out_fixed)
            continue;
        for (i = 0; i < size[l + 1] * size[l]; i++)
            n->param[n->off_W[l] + i] *= sc;
        if (n->off_gamma[l] != SIZE_MAX)
            for (i = 0; i < size[l + 1]; i++)
            {
                n->param[n->off_gamma[l] + i] = 0.5 + gsl_rng_uniform(r);
                n->param[n->off_beta[l] + i] = gsl_ran_gaussian(r, 0.3);
            }
    }
    return n;
}

static inline gsl_matrix *
test_gauss(size_t rows, size_t cols, double s, gsl_rng *r)
{
    gsl_matrix *X = gsl_matrix_alloc(rows, cols);
    tsa_train_sample_gaussian(X, s, r);
    return X;
}

static inline gsl_rng *
test_rng(void)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    const char *s = getenv("TSALIGN_TEST_SEED");
    unsigned long seed = 20261124UL;
    if (s != NULL && strcmp(s, "random") == 0)
    {
        seed = (unsigned long) time(NULL);
        printf("# TSALIGN_TEST_SEED=%lu\n", seed);
    }
    else if (s != NULL)
        seed = strtoul(s, NULL, 10);
    gsl_rng_set(r, seed);
    return r;
}

#endif
