/* work.c -- tsa_train_work: the caller-owned workspace of one network. */
#include <stdlib.h>
#include "tsa_train.h"

int
tsa_train_work_alloc(tsa_train_work **w, const tsa_train_net *net,
                     size_t bmax)
{
    tsa_train_work *x;
    size_t l, L = net->nlayers, wmax = 0;

    *w = NULL;
    if (bmax == 0)
        return TSA_ERROR(TSA_EINVAL, "batch: must be positive");
    x = calloc(1, sizeof *x);
    if (x == NULL)
        return TSA_ERROR(TSA_ENOMEM, "out of memory");
    x->bmax = bmax;
    x->nlayers = L;
    for (l = 0; l < L; l++)
    {
        size_t n = net->size[l + 1];
        if (n > wmax)
            wmax = n;
        if ((x->Z[l] = gsl_matrix_alloc(bmax, n)) == NULL)
            goto nomem;
        if (l + 1 < L)
        {
            if ((x->H[l] = gsl_matrix_alloc(bmax, n)) == NULL)
                goto nomem;
            if (net->batchnorm
                && ((x->Xh[l] = gsl_matrix_alloc(bmax, n)) == NULL
                    || (x->istd[l] = gsl_vector_alloc(n)) == NULL))
                goto nomem;
        }
    }
    if ((x->G0 = gsl_matrix_alloc(bmax, wmax)) == NULL
        || (x->G1 = gsl_matrix_alloc(bmax, wmax)) == NULL
        || (x->s1 = gsl_vector_alloc(wmax)) == NULL
        || (x->s2 = gsl_vector_alloc(wmax)) == NULL)
        goto nomem;
    *w = x;
    return TSA_SUCCESS;
nomem:
    tsa_train_work_free(x);
    return TSA_ERROR(TSA_ENOMEM, "out of memory (workspace for %zu rows)",
                     bmax);
}

void
tsa_train_work_free(tsa_train_work *w)
{
    size_t l;
    if (w == NULL)
        return;
    for (l = 0; l < TSA_TRAIN_MAX_LAYERS; l++)
    {
        if (w->Z[l]) gsl_matrix_free(w->Z[l]);
        if (w->H[l]) gsl_matrix_free(w->H[l]);
        if (w->Xh[l]) gsl_matrix_free(w->Xh[l]);
        if (w->istd[l]) gsl_vector_free(w->istd[l]);
    }
    if (w->G0) gsl_matrix_free(w->G0);
    if (w->G1) gsl_matrix_free(w->G1);
    if (w->s1) gsl_vector_free(w->s1);
    if (w->s2) gsl_vector_free(w->s2);
    free(w);
}
