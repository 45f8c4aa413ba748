/* t-pop.c -- the population loss and gradient (closed form from the psi_l
 * kernels) equal the mean of the empirical ones over Gaussian samples,
 * within a CLT bound: K chunk means of b samples each, |pop - mean| <=
 * 6 sd / sqrt(K) per component (sd: the sample s.d. of the chunk means). */
#include "train_test.h"

START_TEST(t_clt)
{
    gsl_rng *r = test_rng();
    slong iter, N = 8 * tsa_test_multiplier();
    const size_t K = 800, b = 250;
    for (iter = 0; iter < N; iter++)
    {
        size_t d = 2 + gsl_rng_uniform_int(r, 5), n = 1 + gsl_rng_uniform_int(r, 4);
        size_t m = 1 + gsl_rng_uniform_int(r, 3), C = 1 + gsl_rng_uniform_int(r, 2);
        int bias = (iter % 2 == 1), of = (iter % 4 == 2);
        double leak = (iter % 3 == 0) ? 0.1 : 0.0, s = (iter % 2) ? 1.5 : 1.0;
        size_t ss[3] = {d, n, C}, ts[3] = {d, m, C}, i, k, P;
        tsa_train_net *st, *tt;
        tsa_train_work *ws, *wt;
        gsl_matrix *X, *T;
        double *gp, *g, *sum, *sum2, *pw, Jp, Js = 0, Js2 = 0, gs;
        if (of)
            C = ss[2] = ts[2] = 1;
        X = gsl_matrix_alloc(b, d);
        T = gsl_matrix_alloc(b, C);
        st = test_net(2, ss, bias, 0, of, 0, leak, r);
        tt = test_net(2, ts, bias, 0, of, 0, leak, r);
        P = st->nparam;
        ck_assert_int_eq(tsa_train_work_alloc(&ws, st, b), TSA_SUCCESS);
        ck_assert_int_eq(tsa_train_work_alloc(&wt, tt, b), TSA_SUCCESS);
        gp = malloc(P * sizeof(double));
        g = malloc(P * sizeof(double));
        sum = calloc(P, sizeof(double));
        sum2 = calloc(P, sizeof(double));
        pw = malloc(tsa_train_pop_work_size(st, tt) * sizeof(double));
        Jp = tsa_train_pop_grad(gp, pw, st, tt, s);
        for (k = 0; k < K; k++)
        {
            gsl_matrix_view Y;
            double J;
            tsa_train_sample_gaussian(X, s, r);
            Y = tsa_train_forward(wt, tt, X);
            gsl_matrix_memcpy(T, &Y.matrix);
            J = tsa_train_grad(g, ws, st, X, T);
            Js += J;
            Js2 += J * J;
            for (i = 0; i < P; i++)
            {
                sum[i] += g[i];
                sum2[i] += g[i] * g[i];
            }
        }
        {
            double mean = Js / K, sd = sqrt(fmax(Js2 / K - mean * mean, 0));
            ck_assert_msg(fabs(Jp - mean) <= 6 * sd / sqrt((double) K) + 1e-12,
                          "iter %ld: J pop %.10g, empirical %.10g +- %.3g",
                          (long) iter, Jp, mean, sd / sqrt((double) K));
        }
        /* a node active with tiny probability may show no active sample
           at all (sd 0): an absolute floor of 1e-6 of the gradient's
           scale covers events of probability below about 1 / (K b) */
        for (i = 0, gs = 0.0; i < P; i++)
            gs = fmax(gs, fabs(gp[i]));
        for (i = 0; i < P; i++)
        {
            double mean = sum[i] / K;
            double sd = sqrt(fmax(sum2[i] / K - mean * mean, 0.0));
            ck_assert_msg(fabs(gp[i] - mean) <= 6 * sd / sqrt((double) K)
                                                 + 1e-6 * gs + 1e-12,
                          "iter %ld param %zu/%zu (d %zu n %zu m %zu C %zu bias "
                          "%d leak %g s %g): pop %.10g, empirical %.10g +- %.3g",
                          (long) iter, i, P, d, n, m, C, bias, leak, s, gp[i],
                          mean, sd / sqrt((double) K));
        }
        free(gp); free(g); free(sum); free(sum2); free(pw);
        gsl_matrix_free(X);
        gsl_matrix_free(T);
        tsa_train_work_free(ws);
        tsa_train_work_free(wt);
        tsa_train_net_free(st);
        tsa_train_net_free(tt);
    }
    gsl_rng_free(r);
}
END_TEST

/* Refutation: a student equal to the teacher has J = 0 and gradient 0;
 * a perturbed one does not. */
START_TEST(t_zero_at_teacher)
{
    gsl_rng *r = test_rng();
    size_t sz[3] = {4, 3, 2}, i;
    tsa_train_net *t = test_net(2, sz, 1, 0, 0, 0, 0.0, r);
    tsa_train_net *s = test_net(2, sz, 1, 0, 0, 0, 0.0, r);
    double *g = malloc(s->nparam * sizeof(double)), J, gm = 0;
    double *pw = malloc(tsa_train_pop_work_size(s, t) * sizeof(double));
    memcpy(s->param, t->param, t->nparam * sizeof(double));
    J = tsa_train_pop_grad(g, pw, s, t, 1.3);
    for (i = 0; i < s->nparam; i++)
        gm = fmax(gm, fabs(g[i]));
    ck_assert_msg(fabs(J) < 1e-12 && gm < 1e-10, "J %g |g| %g at teacher", J, gm);
    s->param[0] += 0.1;
    J = tsa_train_pop_grad(g, pw, s, t, 1.3);
    ck_assert_msg(J > 1e-6, "perturbed student has J = %g", J);
    free(g);
    free(pw);
    tsa_train_net_free(s);
    tsa_train_net_free(t);
    gsl_rng_free(r);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_clt, t_zero_at_teacher};
    return tsa_test_main("train_pop", tests, 2, 60);
}
