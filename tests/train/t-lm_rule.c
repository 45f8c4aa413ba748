/* t-lm_rule.c -- LM Thm 1 (recursive gradient rule, eq. 2-3) as an
 * identity on random deep bias-free nets: the gradient assembled from
 * g_l = D_l [beta*_l f*_l - beta_l f_l] with beta, beta* propagated by
 * eq. (3) equals backprop's gradient of J against the teacher's output. */
#include "train_test.h"

START_TEST(t_identity)
{
    gsl_rng *r = test_rng();
    slong iter, N = 30 * tsa_test_multiplier();
    for (iter = 0; iter < N; iter++)
    {
        size_t L = 2 + gsl_rng_uniform_int(r, 4), ss[8], ts[8], l, i, B;
        double leak = gsl_rng_uniform_int(r, 2) ? 0.0 : 0.2, gmax = 0, J1, J2;
        int of = gsl_rng_uniform_int(r, 3) == 0, status;
        tsa_train_net *s, *t;
        tsa_train_work *ws, *wt;
        gsl_matrix *X, *T;
        double *g1, *g2;
        ss[0] = ts[0] = 1 + gsl_rng_uniform_int(r, 6);
        for (l = 1; l < L; l++)
        {
            ts[l] = 1 + gsl_rng_uniform_int(r, 5);
            ss[l] = ts[l] + gsl_rng_uniform_int(r, 6); /* over-realised */
        }
        ss[L] = ts[L] = 1 + gsl_rng_uniform_int(r, 3);
        B = 1 + gsl_rng_uniform_int(r, 12);
        s = test_net(L, ss, 0, 0, of, 0, leak, r);
        t = test_net(L, ts, 0, 0, 0, 0, leak, r);
        ck_assert_int_eq(tsa_train_work_alloc(&ws, s, B), TSA_SUCCESS);
        ck_assert_int_eq(tsa_train_work_alloc(&wt, t, B), TSA_SUCCESS);
        X = test_gauss(B, ss[0], 1.0, r);
        T = gsl_matrix_alloc(B, ss[L]);
        {
            gsl_matrix_view Y = tsa_train_forward(wt, t, X);
            gsl_matrix_memcpy(T, &Y.matrix);
        }
        g1 = malloc(s->nparam * sizeof(double));
        g2 = malloc(s->nparam * sizeof(double));
        J1 = tsa_train_grad(g1, ws, s, X, T);
        J2 = tsa_train_grad_lm_rule(g2, &status, s, t, X);
        ck_assert_int_eq(status, TSA_SUCCESS);
        /* J is a difference of O(1) outputs: relative to O(1) */
        tsa_test_close_d("J", J2, J1, 1e-12, 1.0, iter);
        for (i = 0; i < s->nparam; i++)
            gmax = fmax(gmax, fabs(g1[i]));
        for (i = 0; i < s->nparam; i++)
            ck_assert_msg(fabs(g1[i] - g2[i]) <= 1e-11 * (gmax + 1e-300),
                          "iter %ld L %zu param %zu: backprop %.17g, LM rule "
                          "%.17g", (long) iter, L, i, g1[i], g2[i]);
        free(g1);
        free(g2);
        gsl_matrix_free(X);
        gsl_matrix_free(T);
        tsa_train_work_free(ws);
        tsa_train_work_free(wt);
        tsa_train_net_free(s);
        tsa_train_net_free(t);
    }
    gsl_rng_free(r);
}
END_TEST

/* refutation: with biases the rule does not apply and is refused */
START_TEST(t_refuse_bias)
{
    gsl_rng *r = test_rng();
    size_t sz[] = {3, 4, 2};
    int status;
    tsa_train_net *s = test_net(2, sz, 1, 0, 0, 0, 0.0, r);
    tsa_train_net *t = test_net(2, sz, 0, 0, 0, 0, 0.0, r);
    gsl_matrix *X = test_gauss(4, 3, 1.0, r);
    double *g = malloc(s->nparam * sizeof(double));
    tsa_train_grad_lm_rule(g, &status, s, t, X);
    ck_assert_int_eq(status, TSA_EINVAL);
    free(g);
    gsl_matrix_free(X);
    tsa_train_net_free(s);
    tsa_train_net_free(t);
    gsl_rng_free(r);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_identity, t_refuse_bias};
    return tsa_test_main("train_lm_rule", tests, 2, 30);
}
