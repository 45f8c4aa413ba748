/* t-grad.c -- backpropagated gradients (tsa_train_grad) against centred
 * finite differences of the loss, on random networks: two-layer and deep,
 * ReLU and leaky ReLU, biases on/off, scalar and vector outputs, output
 * weights trained or fixed, BatchNorm on/off.  Also LM Thm 3: with BN the
 * gradient of each BN'd node's incoming weights is orthogonal to them. */
#include "train_test.h"

/* FD of the loss in parameter i, step h */
static double
fd(tsa_train_net *n, tsa_train_work *w, const gsl_matrix *X,
   const gsl_matrix *T, size_t i, double h)
{
    double p = n->param[i], jp, jm;
    n->param[i] = p + h;
    jp = tsa_train_grad(NULL, w, n, X, T);
    n->param[i] = p - h;
    jm = tsa_train_grad(NULL, w, n, X, T);
    n->param[i] = p;
    return (jp - jm) / (2.0 * h);
}

/* smallest |z| over the hidden pre-activations (BN outputs with BN) */
static double
min_abs_z(tsa_train_work *w, const tsa_train_net *n, const gsl_matrix *X)
{
    size_t l, i, k;
    double m = HUGE_VAL;
    tsa_train_forward(w, n, X);
    for (l = 0; l + 1 < n->nlayers; l++)
        for (i = 0; i < X->size1; i++)
            for (k = 0; k < n->size[l + 1]; k++)
                m = fmin(m, fabs(gsl_matrix_get(w->Z[l], i, k)));
    return m;
}

START_TEST(t_fd)
{
    gsl_rng *r = test_rng();
    slong iter, N = 40 * tsa_test_multiplier(), skipped = 0;
    for (iter = 0; iter < N; iter++)
    {
        size_t L = 2 + gsl_rng_uniform_int(r, 4), size[8], l, i, B, bad = 0;
        int bias = gsl_rng_uniform_int(r, 2), ob = gsl_rng_uniform_int(r, 2);
        int of = gsl_rng_uniform_int(r, 4) == 0, bn = gsl_rng_uniform_int(r, 3) == 0;
        double leak = gsl_rng_uniform_int(r, 2) ? 0.0 : 0.1, gmax = 0.0;
        tsa_train_net *n;
        tsa_train_work *w;
        gsl_matrix *X, *T;
        double *g;
        for (l = 0; l <= L; l++)
            size[l] = 1 + gsl_rng_uniform_int(r, 7);
        if (gsl_rng_uniform_int(r, 2))
            size[L] = 1; /* scalar output */
        B = 1 + gsl_rng_uniform_int(r, 20);
        if (bn && B < 3)
            B = 3;
        n = test_net(L, size, bias, ob, of, bn, leak, r);
        ck_assert_int_eq(tsa_train_work_alloc(&w, n, B), TSA_SUCCESS);
        X = test_gauss(B, size[0], 1.5, r);
        /* sigma is not differentiable at 0: keep every pre-activation at
           least 1e-3 from its kink (a parameter step of 1e-5 moves it by
           far less), redrawing the batch; count the few iterations where
           that fails */
        {
            int tries;
            for (tries = 0; tries < 20 && min_abs_z(w, n, X) < 1e-3; tries++)
                tsa_train_sample_gaussian(X, 1.5, r);
            if (tries == 20)
            {
                skipped++;
                gsl_matrix_free(X);
                tsa_train_work_free(w);
                tsa_train_net_free(n);
                continue;
            }
        }
        T = test_gauss(B, size[L], 1.0, r);
        g = malloc(n->nparam * sizeof(double));
        tsa_train_grad(g, w, n, X, T);
        for (i = 0; i < n->nparam; i++)
            gmax = fmax(gmax, fabs(g[i]));
        for (i = 0; i < n->nparam; i++)
        {
            /* Richardson extrapolation of two centred differences:
               truncation O(h^4), rounding O(eps J / h) */
            double ref = (4.0 * fd(n, w, X, T, i, 5e-6)
                          - fd(n, w, X, T, i, 1e-5)) / 3.0, tol;
            int fixed = of && i >= n->off_W[L - 1]
                        && i < n->off_W[L - 1] + size[L] * size[L - 1];
            if (of && n->off_b[L - 1] != SIZE_MAX && i >= n->off_b[L - 1]
                && i < n->off_b[L - 1] + size[L])
                fixed = 1;
            if (fixed)
            {
                ck_assert_msg(g[i] == 0.0, "fixed output weight has gradient");
                continue;
            }
            tol = 1e-6 * (1.0 + gmax);
            if (fabs(g[i] - ref) > tol)
            {
                bad++;
                if (bad > 0)
                    printf("# iter %ld L %zu param %zu/%zu grad %.17g fd %.17g "
                           "bias %d bn %d leak %g\n", (long) iter, L, i,
                           n->nparam, g[i], ref, bias, bn, leak);
            }
        }
        ck_assert_msg(bad == 0, "gradient differs from finite differences "
                      "(iter %ld)", (long) iter);
        free(g);
        gsl_matrix_free(X);
        gsl_matrix_free(T);
        tsa_train_work_free(w);
        tsa_train_net_free(n);
    }
    ck_assert_msg(skipped * 4 <= N, "%ld of %ld iterations skipped (kinks)",
                  (long) skipped, (long) N);
    gsl_rng_free(r);
}
END_TEST

/* LM Thm 3: with Linear -> BN, J is invariant under w_j -> c w_j (with
 * its bias), so d/dc J = grad_j . [w_j, b_j] = 0 for every BN'd node. */
START_TEST(t_bn_orthogonal)
{
    gsl_rng *r = test_rng();
    slong iter;
    for (iter = 0; iter < 20; iter++)
    {
        size_t size[] = {6, 9, 7, 3}, j, k;
        tsa_train_net *n = test_net(3, size, 1, 1, 0, 1, 0.0, r);
        tsa_train_work *w;
        gsl_matrix *X = test_gauss(32, 6, 1.0, r), *T = test_gauss(32, 3, 1, r);
        double *g = malloc(n->nparam * sizeof(double));
        /* bn_eps > 0 breaks the invariance by O(eps / var): make it tiny
           so that the identity is exact up to rounding */
        n->bn_eps = 1e-14;
        ck_assert_int_eq(tsa_train_work_alloc(&w, n, 32), TSA_SUCCESS);
        tsa_train_grad(g, w, n, X, T);
        for (j = 0; j < size[1]; j++)
        {
            double dot = g[n->off_b[0] + j] * n->param[n->off_b[0] + j],
                   gn = fabs(g[n->off_b[0] + j]);
            for (k = 0; k < size[0]; k++)
            {
                dot += g[n->off_W[0] + j * 6 + k] * n->param[n->off_W[0] + j * 6 + k];
                gn += fabs(g[n->off_W[0] + j * 6 + k]);
            }
            ck_assert_msg(fabs(dot) <= 1e-9 * (gn + 1e-12) + 1e-14,
                          "BN: grad . w = %g (|grad| %g)", dot, gn);
        }
        free(g);
        gsl_matrix_free(X);
        gsl_matrix_free(T);
        tsa_train_work_free(w);
        tsa_train_net_free(n);
    }
    gsl_rng_free(r);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_fd, t_bn_orthogonal};
    return tsa_test_main("train_grad", tests, 2, 30);
}
