/* t-ad_prove.c -- the property-engine checkers ad_prove and ad1_n2
 * (src/claims/ad_prove.c), the engine's refined counterexample for
 * arccos0's G' < 0, and AD-1 by experiment (ad1_gd). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_test.h"
#include "tsa_claims.h"

int tsa_claim_check_ad_prove(tsa_claim_result_t r, const json_t *params,
                             const char *file, slong prec);
int tsa_claim_check_ad1_n2(tsa_claim_result_t r, const json_t *params,
                           const char *file, slong prec);
int tsa_claim_check_ad1_gd(tsa_claim_result_t r, const json_t *params,
                           const char *file, slong prec);
int tsa_claim_check_ad1_newton(tsa_claim_result_t r, const json_t *params,
                               const char *file, slong prec);

static int
run(tsa_claim_checker_t fn, tsa_claim_result_t r, const char *text)
{
    json_t *p = json_loads(text, 0, NULL);
    int st;
    ck_assert_ptr_nonnull(p);
    tsa_claim_result_init(r);
    st = fn(r, p, "t.json", 128);
    json_decref(p);
    return st;
}

/* Each bad[i][0] (params) is refused with TSA_EFORMAT and a message that
 * starts with bad[i][1]. */
static void
refused(tsa_claim_checker_t fn, const char *const bad[][2], size_t n)
{
    tsa_claim_result_t r;
    size_t i;
    for (i = 0; i < n; i++)
    {
        tsa_error_handler_t *h = tsa_set_error_handler(NULL);
        int st = run(fn, r, bad[i][0]);
        tsa_set_error_handler(h);
        ck_assert_int_eq(st, TSA_EFORMAT);
        ck_assert_msg(strncmp(tsa_error_last(), bad[i][1], strlen(bad[i][1])) == 0,
                      "%s", tsa_error_last());
        tsa_claim_result_clear(r);
    }
}

/* Item 3 of issue 12: the counterexample to arccos0's G' < 0 is clearly
 * past pi/2 with a value far below 0 (the branch-and-bound alone stops at
 * the 128-bit rounding of pi/2, q ~ -1e-40), re-evaluated in float64:
 * -G' = cos / (2 pi sin^2). */
START_TEST(t_engine_witness)
{
    tsa_ad_prop_result_t r;
    tsa_ad_prop_limits_t lim;
    arb_t c;
    double t, q;
    tsa_ad_prop_result_init(r);
    tsa_ad_prop_limits_default(&lim);
    arb_init(c);
    ck_assert_int_eq(tsa_ad_prop_prove(r, tsa_ad_prop_find("G_decr"), TSA_AD_ARCCOS0,
                                       c, &lim), TSA_SUCCESS);
    ck_assert_int_eq(r->truth, TSA_FALSE);
    t = arf_get_d(arb_midref(r->point + 0), ARF_RND_NEAR);
    ck_assert_msg(t > M_PI / 2 + 0.5 && t < M_PI, "theta = %g", t);
    ck_assert(arb_is_exact(r->point + 0));
    q = cos(t) / (2 * M_PI * sin(t) * sin(t));
    ck_assert_msg(q < -1.0, "q = %g", q);
    ck_assert_msg(arf_cmp_si(arb_midref(&r->value), -1) < 0 && arb_is_negative(&r->value),
                  "value");
    ck_assert(fabs(arf_get_d(arb_midref(&r->value), ARF_RND_NEAR) - q) < 1e-9 * fabs(q));
    tsa_ad_prop_result_clear(r);
    arb_clear(c);
}
END_TEST

START_TEST(t_ad_prove)
{
    tsa_claim_result_t r;
    json_t *o;
    ck_assert_int_eq(run(tsa_claim_check_ad_prove, r,
                         "{\"act\": \"leaky\", \"c\": \"0.1\", \"property\": \"phi\"}"),
                     TSA_SUCCESS);
    ck_assert_int_eq(r->concl.truth, TSA_TRUE);
    ck_assert_int_eq(tsa_claim_verdict(r), TSA_VERDICT_CONSISTENT);
    o = json_object_get(r->data, "phi");
    ck_assert(json_integer_value(json_object_get(o, "boxes")) > 10);
    ck_assert_int_eq(json_integer_value(json_object_get(o, "prec")), 128);
    ck_assert_ptr_null(r->witness);
    tsa_claim_result_clear(r);
    /* false: the witness carries the exact point */
    ck_assert_int_eq(run(tsa_claim_check_ad_prove, r,
                         "{\"act\": \"arccos0\", \"property\": \"G_decr\"}"), TSA_SUCCESS);
    ck_assert_int_eq(tsa_claim_verdict(r), TSA_VERDICT_COUNTEREXAMPLE);
    ck_assert_ptr_nonnull(r->witness);
    ck_assert_ptr_nonnull(json_object_get(json_object_get(r->witness, "theta"), "exact"));
    ck_assert_ptr_nonnull(strstr(r->concl.evidence, "counterexample theta = [3.04"));
    tsa_claim_result_clear(r);
    /* a box budget too small: undecided, never consistent */
    ck_assert_int_eq(run(tsa_claim_check_ad_prove, r,
                         "{\"act\": \"relu\", \"property\": \"phi\", \"max_boxes\": 5}"),
                     TSA_SUCCESS);
    ck_assert_int_eq(tsa_claim_verdict(r), TSA_VERDICT_UNDECIDED);
    tsa_claim_result_clear(r);
}
END_TEST

START_TEST(t_ad1_n2)
{
    tsa_claim_result_t r;
    slong i;
    ck_assert_int_eq(run(tsa_claim_check_ad1_n2, r, "{\"act\": \"arccos2\"}"), TSA_SUCCESS);
    ck_assert_int_eq(r->nhyp, 4);
    for (i = 0; i < 4; i++)
        ck_assert_int_eq(r->hyp[i].truth, TSA_TRUE);
    ck_assert_int_eq(tsa_claim_verdict(r), TSA_VERDICT_CONSISTENT);
    tsa_claim_result_clear(r);
    /* order 0: the properties hold, the exact non-aligned minimum refutes */
    ck_assert_int_eq(run(tsa_claim_check_ad1_n2, r, "{\"act\": \"arccos0\"}"), TSA_SUCCESS);
    ck_assert_int_eq(tsa_claim_verdict(r), TSA_VERDICT_COUNTEREXAMPLE);
    ck_assert_ptr_nonnull(r->witness);
    ck_assert_str_eq(json_string_value(json_object_get(r->witness, "W")), "[[1, 1], [1, -1]]");
    tsa_claim_result_clear(r);
    /* an engine that cannot finish: undecided hypothesis, undecided verdict */
    ck_assert_int_eq(run(tsa_claim_check_ad1_n2, r, "{\"act\": \"relu\", \"max_depth\": 2}"),
                     TSA_SUCCESS);
    ck_assert_int_eq(tsa_claim_verdict(r), TSA_VERDICT_UNDECIDED);
    ck_assert_int_eq(r->concl.truth, TSA_UNDECIDED);
    tsa_claim_result_clear(r);
}
END_TEST

START_TEST(t_bad)
{
    static const char *const bad[][2] = {
        {"{\"act\": \"relu\", \"property\": \"nosuch\"}", "t.json: params.property: missing or unknown"},
        {"{\"act\": \"leaky\", \"property\": \"phi\"}", "t.json: params.c: leaky needs the slope c"},
        {"{\"act\": \"relu\", \"c\": \"0.1\", \"property\": \"phi\"}", "t.json: params.c: an exact decimal string"},
        {"{\"act\": \"leaky\", \"c\": \"1\", \"property\": \"phi\"}", "t.json: params.c: 1 is not in [0, 1)"},
        {"{\"act\": \"relu\", \"property\": \"phi\", \"max_depth\": 0}", "t.json: params.max_depth: integer in 1 .. 200"},
        {"{\"act\": \"tanh\", \"property\": \"phi\"}", "t.json: params.act: unknown activation"}};
    size_t i;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
    {
        tsa_claim_result_t r;
        tsa_error_handler_t *h = tsa_set_error_handler(NULL);
        int st = run(tsa_claim_check_ad_prove, r, bad[i][0]);
        tsa_set_error_handler(h);
        ck_assert_int_eq(st, TSA_EFORMAT);
        ck_assert_msg(strncmp(tsa_error_last(), bad[i][1], strlen(bad[i][1])) == 0,
                      "%s", tsa_error_last());
        tsa_claim_result_clear(r);
    }
}
END_TEST

/* AD-1 by GD: a few runs end aligned; one step from standard starts
   does not (undecided, never true); bad parameters are refused */
START_TEST(t_ad1_gd)
{
    static const char *const bad[][2] = {
        {"{\"families\": [\"arccos0\"]}", "t.json: params.families[0]: relu, arccos2 or leaky:C"},
        {"{\"families\": [\"leaky:1\"]}", "t.json: params.families[0]: leaky:C needs C in [0, 1)"},
        {"{\"families\": [\"relu\"], \"nmax\": 11}", "t.json: params.nmax: integer in 2 .. 10"},
        {"{\"families\": [\"relu\"], \"init\": [\"big\"]}", "t.json: params.init[0]:"},
        {"{\"families\": [\"relu\"], \"nmin\": 10, \"dmin\": 10, \"runs\": 100, "
         "\"steps\": 1000000}", "t.json: params: work estimate"}};
    tsa_claim_result_t r;
    ck_assert_int_eq(run(tsa_claim_check_ad1_gd, r, "{\"families\": [\"relu\", \"arccos2\"], "
                         "\"nmin\": 2, \"nmax\": 3, \"runs\": 1, \"steps\": 2000}"),
                     TSA_SUCCESS);
    ck_assert_int_eq(r->concl.truth, TSA_TRUE);
    ck_assert_int_eq(json_integer_value(json_object_get(r->data, "runs")), 8);
    ck_assert(json_integer_value(json_object_get(r->data, "aligned")) >= 6);
    tsa_claim_result_clear(r);
    ck_assert_int_eq(run(tsa_claim_check_ad1_gd, r, "{\"families\": [\"relu\"], "
                         "\"init\": [\"standard\"], \"runs\": 3, \"steps\": 1}"),
                     TSA_SUCCESS);
    ck_assert_int_eq(r->concl.truth, TSA_UNDECIDED);
    ck_assert_int_eq(json_integer_value(json_object_get(r->data, "aligned")), 0);
    tsa_claim_result_clear(r);
    refused(tsa_claim_check_ad1_gd, bad, sizeof bad / sizeof bad[0]);
}
END_TEST

/* Newton on grad J = 0: the sampled critical points are aligned (or have
 * a zero student); a run in which nothing converges decides nothing (it
 * was vacuously "true" before the converged count was checked). */
START_TEST(t_ad1_newton)
{
    static const char *const bad[][2] = {
        {"{\"families\": [\"arccos0\"]}", "t.json: params.families[0]: relu, arccos2 or leaky:C"},
        {"{\"families\": [\"relu\"], \"starts\": 0}", "t.json: params.starts: integer in 1 .. 10000"},
        {"{\"families\": [\"relu\"], \"gtol\": 1}", "t.json: params.gtol: a number in (0, 0.001]"},
        {"{\"families\": [\"relu\"], \"nmin\": 10, \"dmin\": 10, \"starts\": 10000, "
         "\"iters\": 1000}", "t.json: params: work estimate"}};
    tsa_claim_result_t r;
    ck_assert_int_eq(run(tsa_claim_check_ad1_newton, r, "{\"families\": [\"relu\", "
                         "\"arccos2\"], \"nmin\": 2, \"nmax\": 3, \"starts\": 6}"),
                     TSA_SUCCESS);
    ck_assert_int_eq(r->concl.truth, TSA_TRUE);
    ck_assert_int_eq(json_integer_value(json_object_get(r->data, "starts")), 24);
    ck_assert(json_integer_value(json_object_get(r->data, "converged")) >= 12);
    ck_assert_int_eq(json_integer_value(json_object_get(r->data, "non_aligned")), 0);
    tsa_claim_result_clear(r);
    ck_assert_int_eq(run(tsa_claim_check_ad1_newton, r, "{\"families\": [\"relu\"], "
                         "\"starts\": 3, \"iters\": 1}"), TSA_SUCCESS);
    ck_assert_int_eq(json_integer_value(json_object_get(r->data, "converged")), 0);
    ck_assert_int_eq(r->concl.truth, TSA_UNDECIDED);
    tsa_claim_result_clear(r);
    refused(tsa_claim_check_ad1_newton, bad, sizeof bad / sizeof bad[0]);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_engine_witness, t_ad_prove, t_ad1_n2, t_bad, t_ad1_gd,
                            t_ad1_newton};
    return tsa_test_main("ad_prove", tests, 6, 30);
}
