/* t-lm_thm.c -- LM Thm 1, 3, 4, 5 checkers: for each, an instance whose
 * hypotheses hold (consistent), one whose hypotheses are violated
 * (vacuous) and one whose conclusion is broken (counterexample), plus
 * independent references: BN scale invariance of the loss by forward
 * passes, the projected kernel gradient against psi_d (Thm 4 dynamics). */
#include <math.h>
#include <string.h>
#include <gsl/gsl_rng.h>
#include "tsa_test.h"
#include "tsa_kernel.h"
#include "tsa_train.h"
#include "lm_impl.h"

static tsa_verdict_t
run(tsa_claim_checker_t fn, const char *text)
{
    json_t *p = json_loads(text, 0, NULL);
    tsa_claim_result_t r;
    tsa_verdict_t v;
    ck_assert_ptr_nonnull(p);
    tsa_claim_result_init(r);
    ck_assert_int_eq(fn(r, p, "t.json", 128), TSA_SUCCESS);
    v = tsa_claim_verdict(r);
    tsa_claim_result_clear(r);
    json_decref(p);
    return v;
}

START_TEST(t_thm1)
{
    ck_assert_int_eq(run(tsa_claim_check_lm_thm1,
                         "{\"student\": [5, 12, 9, 3], \"teacher\": [5, 4, 6, 3],"
                         " \"samples\": 50}"), TSA_VERDICT_CONSISTENT);
    ck_assert_int_eq(run(tsa_claim_check_lm_thm1,
                         "{\"student\": [5, 12, 9, 3], \"teacher\": [5, 4, 6, 3],"
                         " \"samples\": 50, \"leak\": 0.2}"),
                     TSA_VERDICT_CONSISTENT);
    ck_assert_int_eq(run(tsa_claim_check_lm_thm1,
                         "{\"student\": [5, 12, 9, 3], \"teacher\": [5, 4, 6, 3],"
                         " \"samples\": 50, \"bias\": 1}"),
                     TSA_VERDICT_VACUOUS);
    ck_assert_int_eq(run(tsa_claim_check_lm_thm1,
                         "{\"student\": [5, 12, 9, 3], \"teacher\": [5, 4, 6, 3],"
                         " \"samples\": 50, \"rule\": \"drop_teacher_gate\"}"),
                     TSA_VERDICT_COUNTEREXAMPLE);
}
END_TEST

START_TEST(t_thm3)
{
    const char *base = "\"student\": [6, 10, 8, 3], \"teacher\": [6, 4, 4, 3],"
                       " \"batch\": 32, \"time\": 0.5";
    char buf[512];
    snprintf(buf, sizeof buf, "{%s, \"etas\": [0.1, 0.05]}", base);
    ck_assert_int_eq(run(tsa_claim_check_lm_thm3, buf), TSA_VERDICT_CONSISTENT);
    snprintf(buf, sizeof buf, "{%s, \"batchnorm\": 0}", base);
    ck_assert_int_eq(run(tsa_claim_check_lm_thm3, buf), TSA_VERDICT_VACUOUS);
    snprintf(buf, sizeof buf, "{%s, \"bn_eps\": 1e-5}", base);
    ck_assert_int_eq(run(tsa_claim_check_lm_thm3, buf), TSA_VERDICT_VACUOUS);
    snprintf(buf, sizeof buf, "{%s, \"etas\": [0.1], \"variant\": "
             "\"discrete\"}", base);
    ck_assert_int_eq(run(tsa_claim_check_lm_thm3, buf),
                     TSA_VERDICT_COUNTEREXAMPLE);
}
END_TEST

/* independent reference for Thm 3: with BN (eps = 0) the loss is
   invariant under w_j -> c w_j, so the directional derivative along w_j
   (finite differences of forward passes) vanishes */
START_TEST(t_bn_scale_invariance)
{
    size_t size[4] = {6, 10, 8, 3}, l, j, k;
    tsa_train_net *net = NULL, *t = NULL;
    tsa_train_work *ws = NULL, *wt = NULL;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_matrix *X = gsl_matrix_alloc(32, 6), *T = gsl_matrix_alloc(32, 3);
    ck_assert_int_eq(tsa_train_net_alloc(&net, 3, size, 1, 1, 0, 1, 0.0), 0);
    ck_assert_int_eq(tsa_train_net_alloc(&t, 3, size, 1, 1, 0, 0, 0.0), 0);
    ck_assert_int_eq(tsa_train_work_alloc(&ws, net, 32), 0);
    ck_assert_int_eq(tsa_train_work_alloc(&wt, t, 32), 0);
    net->bn_eps = 0.0;
    tsa_train_net_init_gaussian(t, 0.5, rng);
    tsa_train_net_init_gaussian(net, 0.5, rng);
    tsa_train_sample_gaussian(X, 1.0, rng);
    {
        gsl_matrix_view o = tsa_train_forward(wt, t, X);
        gsl_matrix_memcpy(T, &o.matrix);
    }
    for (l = 0; l < 2; l++)
        for (j = 0; j < size[l + 1]; j++)
        {
            double *w = net->param + net->off_W[l] + j * size[l];
            double J0 = tsa_train_grad(NULL, ws, net, X, T), J1;
            for (k = 0; k < size[l]; k++)
                w[k] *= 1.5;
            J1 = tsa_train_grad(NULL, ws, net, X, T);
            for (k = 0; k < size[l]; k++)
                w[k] /= 1.5;
            tsa_test_close_d("J(1.5 w_j) = J(w_j)", J1, J0, 1e-12, 1e-12,
                             (slong) j);
        }
    gsl_matrix_free(X);
    gsl_matrix_free(T);
    gsl_rng_free(rng);
    tsa_train_work_free(ws);
    tsa_train_work_free(wt);
    tsa_train_net_free(net);
    tsa_train_net_free(t);
}
END_TEST

START_TEST(t_thm4)
{
    ck_assert_int_eq(run(tsa_claim_check_lm_thm4,
                         "{\"teacher\": \"matrix\", \"W\": [[1, 0, 0], "
                         "[-0.8253356149096783, 0.5646424733950354, 0]], "
                         "\"theta0\": \"0.02\", \"theta_init\": 0.0199, "
                         "\"eta\": 0.5, \"steps\": 400, \"dbar\": \"lemma\"}"),
                     TSA_VERDICT_CONSISTENT);
    /* gamma < 0: eps_d = 1/2 for the orthonormal teacher */
    ck_assert_int_eq(run(tsa_claim_check_lm_thm4,
                         "{\"teacher\": \"ortho\", \"m\": 3, \"theta0\": "
                         "\"0.1\", \"steps\": 50}"), TSA_VERDICT_VACUOUS);
    /* initial angle beyond theta0 */
    ck_assert_int_eq(run(tsa_claim_check_lm_thm4,
                         "{\"teacher\": \"ortho\", \"m\": 1, \"d\": 3, "
                         "\"theta0\": \"0.5\", \"theta_init\": 0.6, "
                         "\"steps\": 50, \"dbar\": \"lemma\"}"),
                     TSA_VERDICT_VACUOUS);
    /* dbar as printed exceeds every psi_d: the bound is violated */
    ck_assert_int_eq(run(tsa_claim_check_lm_thm4,
                         "{\"teacher\": \"ortho\", \"m\": 1, \"d\": 3, "
                         "\"theta0\": \"1\", \"theta_init\": 0.9999999, "
                         "\"eta\": 0.05, \"steps\": 100, \"dbar\": "
                         "\"printed\"}"), TSA_VERDICT_COUNTEREXAMPLE);
    ck_assert_int_eq(run(tsa_claim_check_lm_thm4,
                         "{\"teacher\": \"ortho\", \"m\": 1, \"d\": 3, "
                         "\"theta0\": \"1\", \"theta_init\": 0.9999999, "
                         "\"eta\": 0.05, \"steps\": 300, \"dbar\": "
                         "\"lemma\"}"), TSA_VERDICT_CONSISTENT);
}
END_TEST

/* the Thm 4 dynamics is the projected population gradient: P_perp(w)
   grad_w psi_l(w, u) = psi_d(w, u) P_perp(w) u for unit w, zero bias
   (checked against the kernel module's gradient) */
START_TEST(t_projected_gradient)
{
    flint_rand_t st;
    slong iter;
    flint_randinit(st);
    tsa_test_seed(st);
    for (iter = 0; iter < 50 * tsa_test_multiplier(); iter++)
    {
        double w[4], u[4], g[4], s = 0.0, p = 0.0, q = 0.0, dd;
        size_t k;
        for (k = 0; k < 4; k++)
        {
            w[k] = tsa_test_randd(st, -1, 1);
            u[k] = tsa_test_randd(st, -1, 1);
            s += w[k] * w[k];
        }
        for (k = 0; k < 4; k++)
            w[k] /= sqrt(s);
        tsa_kernel_psi_l_grad_d(g, w, u, 4, 0, 1.0, 0.0);
        dd = tsa_kernel_psi_d_d(w, u, 4, 0, 1.0, 0.0);
        for (k = 0; k < 4; k++)
        {
            p += w[k] * g[k];
            q += w[k] * u[k];
        }
        for (k = 0; k < 4; k++)
            tsa_test_close_d("P grad psi_l", g[k] - p * w[k],
                             dd * (u[k] - q * w[k]), 1e-12, 1e-12, iter);
    }
    flint_randclear(st);
}
END_TEST

START_TEST(t_thm5)
{
    /* orthonormal teacher, random-like r nodes: (41)-(42) infeasible */
    ck_assert_int_eq(run(tsa_claim_check_lm_thm5,
                         "{\"W\": [[1, 0, 0, 0], [0, 1, 0, 0]], \"V\": [[1], [1]],"
                         " \"Wr\": [[0, 0, 1, 0]], \"Vr\": [[0.5]], \"theta0\":"
                         " \"0.1\", \"dv\": 0.05, \"steps\": 100}"),
                     TSA_VERDICT_VACUOUS);
    /* (41)-(42) proved, the V-contraction of the proof fails at t = 1 */
    ck_assert_int_eq(run(tsa_claim_check_lm_thm5,
                         "{\"W\": [[1, 0, 0]], \"V\": [[0.005]], \"Wr\": "
                         "[[-0.5403023058681398, 0.8414709848078965, 0]], "
                         "\"Vr\": [[0.005]], \"theta0\": \"0.01\", "
                         "\"theta_init\": 0.009, \"dv\": 0.00005, \"eta\": 1.0,"
                         " \"steps\": 50}"), TSA_VERDICT_COUNTEREXAMPLE);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_thm1, t_thm3, t_bn_scale_invariance, t_thm4,
                            t_projected_gradient, t_thm5};
    return tsa_test_main("lm_thm", tests, 6, 60);
}
