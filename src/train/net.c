/* net.c -- tsa_train_net: sizes, parameter layout, initialization. */
#include <stdint.h>
#include <stdlib.h>
#include <gsl/gsl_randist.h>
#include "tsa_train.h"

int
tsa_train_net_alloc(tsa_train_net **net, size_t nlayers, const size_t *size,
                    int bias, int out_bias, int out_fixed, int batchnorm,
                    double leak)
{
    tsa_train_net *n;
    size_t l, off = 0;

    *net = NULL;
    if (nlayers < 1 || nlayers > TSA_TRAIN_MAX_LAYERS)
        return TSA_ERROR(TSA_EINVAL, "layers: %zu not in 1..%d", nlayers,
                         TSA_TRAIN_MAX_LAYERS);
    for (l = 0; l <= nlayers; l++)
        if (size[l] == 0)
            return TSA_ERROR(TSA_EINVAL, "size[%zu]: must be positive", l);
    if (!(leak >= 0.0 && leak < 1.0))
        return TSA_ERROR(TSA_EINVAL, "leak: %g not in [0, 1)", leak);
    n = calloc(1, sizeof *n);
    if (n == NULL)
        return TSA_ERROR(TSA_ENOMEM, "out of memory");
    n->nlayers = nlayers;
    n->bias = bias != 0;
    n->out_bias = out_bias != 0;
    n->out_fixed = out_fixed != 0;
    n->batchnorm = batchnorm != 0;
    n->leak = leak;
    n->bn_eps = 1e-5;
    for (l = 0; l <= nlayers; l++)
        n->size[l] = size[l];
    for (l = 0; l < nlayers; l++)
    {
        int hidden = (l + 1 < nlayers);
        n->off_W[l] = off;
        off += size[l + 1] * size[l];
        n->off_b[l] = SIZE_MAX;
        if (hidden ? n->bias : n->out_bias)
        {
            n->off_b[l] = off;
            off += size[l + 1];
        }
        n->off_gamma[l] = n->off_beta[l] = SIZE_MAX;
        if (hidden && n->batchnorm)
        {
            n->off_gamma[l] = off;
            off += size[l + 1];
            n->off_beta[l] = off;
            off += size[l + 1];
        }
    }
    n->nparam = off;
    n->param = calloc(off, sizeof(double));
    if (n->param == NULL)
    {
        free(n);
        return TSA_ERROR(TSA_ENOMEM, "out of memory (%zu parameters)", off);
    }
    for (l = 0; l + 1 < nlayers; l++)
        if (n->off_gamma[l] != SIZE_MAX)
        {
            size_t i;
            for (i = 0; i < size[l + 1]; i++)
                n->param[n->off_gamma[l] + i] = 1.0;
        }
    *net = n;
    return TSA_SUCCESS;
}

void
tsa_train_net_free(tsa_train_net *net)
{
    if (net == NULL)
        return;
    free(net->param);
    free(net);
}

gsl_matrix_view
tsa_train_net_W(const tsa_train_net *net, double *base, size_t l)
{
    return gsl_matrix_view_array(base + net->off_W[l], net->size[l + 1],
                                 net->size[l]);
}

gsl_vector_view
tsa_train_net_b(const tsa_train_net *net, double *base, size_t l)
{
    return gsl_vector_view_array(base + net->off_b[l], net->size[l + 1]);
}

void
tsa_train_net_init_gaussian(tsa_train_net *net, double std, gsl_rng *r)
{
    size_t l, i, L = net->nlayers;
    for (l = 0; l < L; l++)
    {
        size_t nw = net->size[l + 1] * net->size[l];
        double *W = net->param + net->off_W[l];
        int fixed = (l + 1 == L) && net->out_fixed;
        for (i = 0; i < nw; i++)
            W[i] = fixed ? 1.0 : gsl_ran_gaussian_ziggurat(r, std);
        if (net->off_b[l] != SIZE_MAX)
        {
            double *b = net->param + net->off_b[l];
            for (i = 0; i < net->size[l + 1]; i++)
                b[i] = fixed ? 0.0 : gsl_ran_gaussian_ziggurat(r, std);
        }
        if (net->off_gamma[l] != SIZE_MAX)
            for (i = 0; i < net->size[l + 1]; i++)
            {
                net->param[net->off_gamma[l] + i] = 1.0;
                net->param[net->off_beta[l] + i] = 0.0;
            }
    }
}
