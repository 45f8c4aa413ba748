/* t-lm_thm.c -- LM Thm 1, 3, 4, 5 checkers: for each, an instance whose
 * hypotheses hold (consistent), one whose hypotheses are violated
 * (vacuous) and one whose conclusion is broken (counterexample), plus
 * independent references: BN scale invariance of the loss by forward
 * passes, the projected kernel gradient against psi_d (Thm 4 dynamics). */
#include <math.h>
#include <stdlib.h>
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

/* run and keep the result's data object (caller json_decref) */
static json_t *
run_data(tsa_claim_checker_t fn, const char *text, tsa_verdict_t *v)
{
    json_t *p = json_loads(text, 0, NULL), *data;
    tsa_claim_result_t r;
    ck_assert_ptr_nonnull(p);
    tsa_claim_result_init(r);
    ck_assert_int_eq(fn(r, p, "t.json", 128), TSA_SUCCESS);
    *v = tsa_claim_verdict(r);
    data = json_incref(r->data);
    tsa_claim_result_clear(r);
    json_decref(p);
    return data;
}

static double
data_mid(const json_t *data, const char *key)
{
    json_t *e = json_object_get(data, key);
    arb_t x;
    double d;
    ck_assert_msg(json_is_string(e), "data.%s missing", key);
    arb_init(x);
    ck_assert_int_eq(arb_set_str(x, json_string_value(e), 128), 0);
    d = arf_get_d(arb_midref(x), ARF_RND_NEAR);
    arb_clear(x);
    return d;
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

/* regression (issue 11): d*0_jj was computed with the leaky slope c =
   2 K_d sin(theta0/2) instead of ReLU (c = 0), giving dbar = 1.653 for
   LM-T4-single-printed.  Independent reference: the closed form
   psi_d = (pi - t)/(2 pi) at the initial angle, and the float64 kernel. */
START_TEST(t_thm4_dbar)
{
    const char *inst = "{\"teacher\": \"ortho\", \"m\": 1, \"d\": 3, "
                       "\"theta0\": \"1\", \"theta_init\": 0.9999999, "
                       "\"eta\": 0.05, \"steps\": 100, \"dbar\": "
                       "\"printed\"}";
    tsa_verdict_t v;
    json_t *data = run_data(tsa_claim_check_lm_thm4, inst, &v);
    double K = json_real_value(json_object_get(data, "K_d_upper"));
    double a = 0.9999999, w[3] = {1, 0, 0}, u[3] = {cos(a), sin(a), 0};
    double dstar = (M_PI - a) / (2 * M_PI);
    double dref = (1 + 2 * K * sin(0.5)) * dstar;
    tsa_test_close_d("psi_d closed form vs float64 kernel", dstar,
                     tsa_kernel_psi_d_d(w, u, 3, 0, 1.0, 0.0), 1e-14, 1e-14, 0);
    tsa_test_close_d("d*0 (checker)", data_mid(data, "dstar0_min"), dstar,
                     1e-6, 1e-9, 0);
    tsa_test_close_d("dbar (checker)", data_mid(data, "dbar"), dref, 1e-6,
                     1e-9, 0);
    ck_assert_double_lt(data_mid(data, "dbar"), 0.7);
    /* the printed dbar still fails, at t = 3, with the values of t = 3 */
    ck_assert_int_eq(v, TSA_VERDICT_COUNTEREXAMPLE);
    ck_assert_int_eq(json_integer_value(json_object_get(data, "violation_t")),
                     3);
    ck_assert_double_gt(data_mid(data, "violation_sin"),
                        data_mid(data, "violation_bound"));
    tsa_test_close_d("sin theta^3", data_mid(data, "violation_sin"), 0.8175254,
                     1e-6, 0, 0);
    json_decref(data);
    /* at theta_init = 0.5 only the wrong dbar made a violation */
    ck_assert_int_eq(run(tsa_claim_check_lm_thm4,
                         "{\"teacher\": \"ortho\", \"m\": 1, \"d\": 3, "
                         "\"theta0\": \"1\", \"theta_init\": 0.5, "
                         "\"eta\": 0.05, \"steps\": 2000, \"dbar\": "
                         "\"printed\"}"), TSA_VERDICT_CONSISTENT);
}
END_TEST

/* biased teacher (issue 11): two units at angle 2.5 with bias -1 on
   [x; 1]: Assumption 2 (K_d bound on the caps), gamma > 0 and the
   Lemma-2 rate all hold; the run is compared (consistent) */
START_TEST(t_thm4_bias)
{
    const char *inst = "{\"teacher\": \"matrix\", \"bias\": 1, \"W\": "
        "[[1, 0, 0, -1], [-0.8011436155469337, 0.5984721441039564, 0, -1]],"
        " \"theta0\": \"0.005\", \"theta_init\": 0.00499, \"eta\": 0.5,"
        " \"steps\": 600, \"dbar\": \"%s\"}";
    char buf[512];
    double K, w[3], u[3], q;
    arb_t r;
    snprintf(buf, sizeof buf, inst, "lemma");
    ck_assert_int_eq(run(tsa_claim_check_lm_thm4, buf),
                     TSA_VERDICT_CONSISTENT);
    /* the K_d bound dominates the ratio at exact sample points */
    {
        tsa_verdict_t v;
        json_t *data = run_data(tsa_claim_check_lm_thm4, buf, &v);
        K = json_real_value(json_object_get(data, "K_d_upper"));
        json_decref(data);
    }
    arb_init(r);
    {
        double s2 = sqrt(0.5), c = cos(0.004), s = sin(0.004);
        double a1[4] = {s2, 0, 0, -s2}, a2[4] = {-0.8011436155469337 * s2,
                        0.5984721441039564 * s2, 0, -s2};
        double b[4] = {a2[0] * c + s, a2[1] * c, a2[2], a2[3] * c};
        _tsa_lm_kd_ratio_pt(r, a1, a2, b, 3, 128);
        q = arf_get_d(arb_midref(r), ARF_RND_NEAR);
        ck_assert_msg(q > 0 && q <= K, "ratio %g vs K_d %g", q, K);
    }
    arb_clear(r);
    (void) w;
    (void) u;
}
END_TEST

/* LM-T5-antipodal (issue 11): the first failing bound is V_u at t = 1,
   W_u fails from t = 173, and V_r is not claimed to converge */
START_TEST(t_thm5_report)
{
    tsa_verdict_t v;
    json_t *data = run_data(tsa_claim_check_lm_thm5,
                         "{\"W\": [[1, 0, 0]], \"V\": [[0.005]], \"Wr\": "
                         "[[-0.5403023058681398, 0.8414709848078965, 0]], "
                         "\"Vr\": [[0.005]], \"theta0\": \"0.01\", "
                         "\"theta_init\": 0.009, \"dv\": 0.00005, \"eta\": 1.0,"
                         " \"rho_r_max\": 0.05, \"steps\": 400}", &v);
    ck_assert_int_eq(v, TSA_VERDICT_COUNTEREXAMPLE);
    ck_assert_int_eq(json_integer_value(json_object_get(data,
                                                        "first_failure_t")), 1);
    ck_assert_int_eq(json_integer_value(json_object_get(data,
                                                        "V_u_first_failure_t")), 1);
    ck_assert_int_eq(json_integer_value(json_object_get(data,
                                                        "W_u_first_failure_t")), 173);
    json_decref(data);
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

/* C_0 of Lemma 4 computed twice: the branch-and-bound enclosure of
   sup R must contain the closed form max(1/2, R(theta0)); R(1.2) and
   R(0.7) against mpmath (50 digits); and the Thm 5 hypothesis "Lemma 4
   holds with C_0" is false for C_0 = 0.49 < 1/2 (regression: the
   parameter did not exist, kappa used a fixed bound) */
START_TEST(t_c0)
{
    static const double th[] = {0.01, 0.3, 0.47, 0.7, 1.2};
    arb_t t, lo, hi, cf, ref;
    size_t i;
    arb_init(t); arb_init(lo); arb_init(hi); arb_init(cf); arb_init(ref);
    for (i = 0; i < sizeof th / sizeof th[0]; i++)
    {
        arb_set_d(t, th[i]);
        ck_assert_int_eq(_tsa_lm_c0_bb(lo, hi, t, 1e-6, 200000, 128),
                         TSA_TRUE);
        _tsa_lm_c0_closed(cf, t, 128);
        arb_union(ref, lo, hi, 128);              /* [lo, hi] */
        ck_assert_msg(arf_cmp(arb_midref(lo), arb_midref(hi)) <= 0
                      && arb_overlaps(cf, ref),
                      "theta0 = %g: closed form %g outside [%g, %g]", th[i],
                      arf_get_d(arb_midref(cf), ARF_RND_NEAR),
                      arf_get_d(arb_midref(lo), ARF_RND_NEAR),
                      arf_get_d(arb_midref(hi), ARF_RND_NEAR));
        ck_assert(arf_get_d(arb_midref(hi), ARF_RND_UP)
                  <= arf_get_d(arb_midref(lo), ARF_RND_DOWN) * (1 + 2e-6));
        if (th[i] == 1.2 || th[i] == 0.7)
        {
            arb_set_str(ref, th[i] == 1.2 ? "0.722011440802703644323580798652"
                                          : "0.53327575417619647447862068856",
                        128);
            tsa_test_close_d("C0min", arf_get_d(arb_midref(cf), ARF_RND_NEAR),
                             arf_get_d(arb_midref(ref), ARF_RND_NEAR),
                             1e-15, 1e-15, 0);
        }
        if (th[i] < 0.47)
            ck_assert(arf_cmp_d(arb_midref(cf), 0.5) == 0);
    }
    arb_clear(t); arb_clear(lo); arb_clear(hi); arb_clear(cf); arb_clear(ref);
    ck_assert_int_eq(run(tsa_claim_check_lm_thm5,
                         "{\"W\": [[1, 0, 0]], \"V\": [[0.005]], \"Wr\": "
                         "[[-0.5403023058681398, 0.8414709848078965, 0]], "
                         "\"Vr\": [[0.005]], \"theta0\": \"0.01\", "
                         "\"theta_init\": 0.009, \"dv\": 0.00005, \"eta\": 1.0,"
                         " \"steps\": 5, \"C0\": \"0.49\"}"),
                     TSA_VERDICT_VACUOUS);
    ck_assert_int_eq(run(tsa_claim_check_lm_thm5,
                         "{\"W\": [[1, 0, 0]], \"V\": [[0.005]], \"Wr\": "
                         "[[-0.5403023058681398, 0.8414709848078965, 0]], "
                         "\"Vr\": [[0.005]], \"theta0\": \"0.01\", "
                         "\"theta_init\": 0.009, \"dv\": 0.00005, \"eta\": 1.0,"
                         " \"steps\": 5, \"C0\": \"0.500001\"}"),
                     TSA_VERDICT_COUNTEREXAMPLE);
}
END_TEST

/* LM-T4-biased-m3: three biased teacher units, every hypothesis in force
   (gamma = 0.4928 > 0), the trained student satisfies the bound */
START_TEST(t_thm4_biased_m3)
{
    tsa_verdict_t v;
    json_t *data = run_data(tsa_claim_check_lm_thm4,
        "{\"teacher\": \"matrix\", \"bias\": 1, \"W\": [[1, 0, 0, -1.5], "
        "[-0.5, 0.8660254037844386, 0, -1.5], [-0.5, -0.8660254037844386, 0,"
        " -1.5]], \"theta0\": \"0.005\", \"theta_init\": 0.00499, \"eta\": "
        "0.5, \"steps\": 300, \"dbar\": \"lemma\"}", &v);
    ck_assert_int_eq(v, TSA_VERDICT_CONSISTENT);
    tsa_test_close_d("gamma", data_mid(data, "gamma"), 0.4928446649, 1e-9,
                     1.0, 0);
    ck_assert(json_real_value(json_object_get(data, "K_d_upper")) < 58.06);
    json_decref(data);
}
END_TEST

/* the recheck path of tsalign check --recheck for an LM witness (the
   dispatch in recheck.c only routes lm_thm4/lm_thm5 here) */
static tsa_truth_t
recheck_witness(const char *checker, json_t *w)
{
    char *msg = NULL;
    tsa_truth_t t = TSA_UNDECIDED;
    ck_assert_int_eq(tsa_claim_recheck_lm(&t, &msg, checker, w, 192),
                     TSA_SUCCESS);
    ck_assert_ptr_nonnull(msg);
    free(msg);
    return t;
}

static json_t *
run_witness(tsa_claim_checker_t fn, const char *text)
{
    json_t *p = json_loads(text, 0, NULL), *w;
    tsa_claim_result_t r;
    tsa_claim_result_init(r);
    ck_assert_int_eq(fn(r, p, "t.json", 128), TSA_SUCCESS);
    ck_assert_int_eq(tsa_claim_verdict(r), TSA_VERDICT_COUNTEREXAMPLE);
    ck_assert_ptr_nonnull(r->witness);
    w = json_deep_copy(r->witness);
    tsa_claim_result_clear(r);
    json_decref(p);
    return w;
}

/* --recheck: genuine witnesses of LM-T4-single-printed and
   LM-T5-antipodal are confirmed; a forged state (the student moved onto
   the teacher) or a forged observed value is rejected */
START_TEST(t_recheck)
{
    json_t *w = run_witness(tsa_claim_check_lm_thm4,
        "{\"teacher\": \"ortho\", \"m\": 1, \"d\": 3, \"theta0\": \"1\", "
        "\"theta_init\": 0.9999999, \"eta\": 0.05, \"steps\": 10, "
        "\"dbar\": \"printed\"}"), *x;
    ck_assert_int_eq(json_integer_value(json_object_get(w, "t")), 3);
    ck_assert_int_eq(recheck_witness("lm_thm4", w), TSA_TRUE);
    x = json_deep_copy(w);
    json_object_set(x, "w_t", json_array_get(json_object_get(x, "W_star"), 0));
    ck_assert_int_eq(recheck_witness("lm_thm4", x), TSA_FALSE);
    json_decref(x);
    x = json_deep_copy(w);
    json_object_set(x, "observed", json_object_get(x, "bound"));
    ck_assert_int_eq(recheck_witness("lm_thm4", x), TSA_FALSE);
    json_decref(x);
    json_decref(w);
    w = run_witness(tsa_claim_check_lm_thm5,
        "{\"W\": [[1, 0, 0]], \"V\": [[0.005]], \"Wr\": "
        "[[-0.5403023058681398, 0.8414709848078965, 0]], "
        "\"Vr\": [[0.005]], \"theta0\": \"0.01\", "
        "\"theta_init\": 0.009, \"dv\": 0.00005, \"eta\": 1.0, \"steps\": 5}");
    ck_assert_str_eq(json_string_value(json_object_get(w, "bound_kind")),
                     "V_u");
    ck_assert_int_eq(recheck_witness("lm_thm5", w), TSA_TRUE);
    x = json_deep_copy(w);
    json_object_set(x, "x_t", json_array_get(json_object_get(x, "V_star"), 0));
    ck_assert_int_eq(recheck_witness("lm_thm5", x), TSA_FALSE);
    json_decref(x);
    json_decref(w);
}
END_TEST

/* docs/claims-lm.md s. 6c: with a trainable bias Lemma 4's quadratic
   fall-off fails.  At h = b/|wt| = -1, w* = (1, 0, -1)/sqrt 2, w = w* moved
   by delta along g_tan (g = (Phi(h) wt, |wt| phi(h) + b Phi(h))), the
   Arb kernel gives |l - l*| / (l* |w - w*|) -> kappa_lin = |g_tan| / l =
   3.2117258 (closed form, mpmath; second path) and the Lemma-4 ratio |l - l*| /
   (l* |w - w*|^2) > 3000 at delta = 1e-3 */
START_TEST(t_lemma4_bias)
{
    double s2 = sqrt(0.5), ws[3] = {s2, 0.0, -s2}, g[3], e[3], w[3], P, ph,
           l, gw, gt = 0.0, n = 0.0, del = 1e-3, kap;
    arb_ptr a = _arb_vec_init(3), b = _arb_vec_init(3);
    arb_t ll, ls, one, zero, dw, q;
    int k;
    arb_init(ll); arb_init(ls); arb_init(one); arb_init(zero); arb_init(dw);
    arb_init(q);
    arb_one(one);
    arb_zero(zero);
    P = 0.15865525393145705;                    /* Phi(-1) */
    ph = 0.24197072451914337;                   /* phi(-1) */
    g[0] = P * s2;
    g[1] = 0.0;
    g[2] = s2 * ph - s2 * P;
    l = P - 0.5 * ph;                           /* psi_l(w*, w*) */
    gw = g[0] * ws[0] + g[2] * ws[2];
    tsa_test_close_d("g.w = l (Euler)", gw, l, 1e-14, 1.0, 0);
    for (k = 0; k < 3; k++)
    {
        e[k] = g[k] - gw * ws[k];
        gt += e[k] * e[k];
    }
    gt = sqrt(gt);
    kap = gt / l;
    tsa_test_close_d("kappa_lin", kap, 3.211725781252197, 1e-12, 1.0, 0);
    for (k = 0; k < 3; k++)
    {
        w[k] = ws[k] + del * e[k] / gt;
        n += w[k] * w[k];
    }
    for (k = 0; k < 3; k++)
    {
        w[k] /= sqrt(n);
        arb_set_d(a + k, w[k]);
        arb_set_d(b + k, ws[k]);
    }
    ck_assert_int_eq(tsa_kernel_psi_l(ll, a, a, 2, 1, one, zero, 128), 0);
    ck_assert_int_eq(tsa_kernel_psi_l(ls, a, b, 2, 1, one, zero, 128), 0);
    arb_zero(dw);
    for (k = 0; k < 3; k++)
    {
        arb_sub(q, a + k, b + k, 128);
        arb_addmul(dw, q, q, 128);
    }
    arb_sqrtpos(dw, dw, 128);
    arb_sub(q, ll, ls, 128);
    arb_div(q, q, ls, 128);
    arb_div(q, q, dw, 128);                     /* linear ratio */
    tsa_test_close_d("linear ratio", arf_get_d(arb_midref(q), ARF_RND_NEAR),
                     kap, 0.01, 1.0, 0);
    arb_div(q, q, dw, 128);                     /* Lemma 4 ratio */
    ck_assert(_tsa_lm_lbound_d(q) > 3000.0);
    _arb_vec_clear(a, 3);
    _arb_vec_clear(b, 3);
    arb_clear(ll); arb_clear(ls); arb_clear(one); arb_clear(zero);
    arb_clear(dw); arb_clear(q);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_thm1, t_thm3, t_bn_scale_invariance, t_thm4,
                            t_thm4_dbar, t_thm4_bias, t_thm5_report,
                            t_projected_gradient, t_thm5, t_c0,
                            t_thm4_biased_m3, t_recheck, t_lemma4_bias};
    return tsa_test_main("lm_thm", tests, 13, 60);
}
