/* t-verdict.c -- the verdict rule and the ad_properties checker. */
#include <string.h>
#include "tsa_test.h"
#include "tsa_claims.h"

/* Verdict rule of DESIGN.md s. 5, over every combination of two
   hypotheses and the conclusion, against an independent truth table. */
START_TEST(t_rule)
{
    tsa_truth_t v[3] = {TSA_TRUE, TSA_FALSE, TSA_UNDECIDED};
    int i, j, k;
    for (i = 0; i < 3; i++)
        for (j = 0; j < 3; j++)
            for (k = 0; k < 3; k++)
            {
                tsa_claim_result_t r;
                tsa_verdict_t want;
                tsa_claim_result_init(r);
                tsa_claim_add_hyp(r, "h1", v[i], "");
                tsa_claim_add_hyp(r, "h2", v[j], "");
                tsa_claim_set_concl(r, "c", v[k], "");
                if (v[i] == TSA_FALSE || v[j] == TSA_FALSE)
                    want = TSA_VERDICT_VACUOUS;
                else if (v[i] == TSA_UNDECIDED || v[j] == TSA_UNDECIDED
                         || v[k] == TSA_UNDECIDED)
                    want = TSA_VERDICT_UNDECIDED;
                else if (v[k] == TSA_TRUE)
                    want = TSA_VERDICT_CONSISTENT;
                else
                    want = TSA_VERDICT_COUNTEREXAMPLE;
                ck_assert_int_eq(tsa_claim_verdict(r), want);
                tsa_claim_result_clear(r);
            }
}
END_TEST

static tsa_verdict_t
run_ad(const char *params_text, const char **p1, const char **p2)
{
    json_t *params = json_loads(params_text, 0, NULL);
    tsa_claim_result_t r;
    tsa_verdict_t v;
    static char b1[32], b2[32];
    ck_assert_ptr_nonnull(params);
    tsa_claim_result_init(r);
    ck_assert_int_eq(tsa_claim_check_ad_properties(r, params, "t.json", 128),
                     TSA_SUCCESS);
    v = tsa_claim_verdict(r);
    snprintf(b1, sizeof b1, "%s", json_string_value(json_object_get(r->data, "P1")));
    snprintf(b2, sizeof b2, "%s", json_string_value(json_object_get(r->data, "P2")));
    *p1 = b1;
    *p2 = b2;
    tsa_claim_result_clear(r);
    json_decref(params);
    return v;
}

/* ReLU: G = (pi - t)/(2 pi) > 0 and G' = -1/(2 pi) < 0 -> consistent.
   arccos0: G = 1/(2 pi sin t) increases past pi/2 -> P2 refuted. */
START_TEST(t_ad_properties)
{
    const char *p1, *p2;
    ck_assert_int_eq(run_ad("{\"act\": \"relu\"}", &p1, &p2), TSA_VERDICT_CONSISTENT);
    ck_assert_str_eq(p1, "true");
    ck_assert_str_eq(p2, "true");
    ck_assert_int_eq(run_ad("{\"act\": \"leaky\", \"c\": \"0.5\"}", &p1, &p2),
                     TSA_VERDICT_CONSISTENT);
    ck_assert_int_eq(run_ad("{\"act\": \"arccos0\"}", &p1, &p2),
                     TSA_VERDICT_COUNTEREXAMPLE);
    ck_assert_str_eq(p1, "true");
    ck_assert_str_eq(p2, "false");
    /* arccos2: G' = -4 (pi - t) sin t / (2 pi) vanishes at both ends; a
       depth limit too small to reach delta = 2^-20 must stay undecided,
       never true. */
    ck_assert_int_eq(run_ad("{\"act\": \"arccos2\", \"max_depth\": 4}", &p1, &p2),
                     TSA_VERDICT_UNDECIDED);
    ck_assert_str_eq(p2, "undecided");
    ck_assert_int_eq(run_ad("{\"act\": \"arccos2\"}", &p1, &p2),
                     TSA_VERDICT_CONSISTENT);
    /* a non-rotation-invariant input violates a hypothesis: vacuous, even
       though P1 and P2 are still evaluated */
    ck_assert_int_eq(run_ad("{\"act\": \"relu\", \"input\": \"uniform-cube\"}", &p1, &p2),
                     TSA_VERDICT_VACUOUS);
    ck_assert_str_eq(p1, "true");
}
END_TEST

START_TEST(t_bad_params)
{
    json_t *p = json_loads("{\"act\": \"tanh\"}", 0, NULL);
    tsa_claim_result_t r;
    tsa_claim_result_init(r);
    ck_assert_int_eq(tsa_claim_check_ad_properties(r, p, "x.json", 64), TSA_EFORMAT);
    ck_assert_str_eq(tsa_error_last(), "x.json: params.act: unknown activation 'tanh'");
    tsa_claim_result_clear(r);
    json_decref(p);
}
END_TEST

static tsa_verdict_t
run_ad3(const char *params_text, tsa_claim_result_t r)
{
    json_t *params = json_loads(params_text, 0, NULL);
    char file[4096];
    ck_assert_ptr_nonnull(params);
    /* the census path is relative to the claim file's directory */
    snprintf(file, sizeof file, "%s/proofs_numeric/t.json",
             getenv("TSA_SRCDIR") ? getenv("TSA_SRCDIR") : ".");
    ck_assert_int_eq(tsa_claim_check_ad3_spurious(r, params, file, 128), TSA_SUCCESS);
    json_decref(params);
    return tsa_claim_verdict(r);
}

/* AD-3: a certified spurious minimum refutes alignment (counterexample);
   k = 1 violates "several teacher neurons" (vacuous); the census row of
   W = V alone gives no instance (undecided, never consistent). */
START_TEST(t_ad3)
{
    tsa_claim_result_t r;
    tsa_claim_result_init(r);
    ck_assert_int_eq(run_ad3("{\"source\": \"census\", \"kmin\": 7, \"kmax\": 7}", r),
                     TSA_VERDICT_COUNTEREXAMPLE);
    ck_assert_int_eq(json_integer_value(json_object_get(r->data, "certified_minima")), 1);
    ck_assert_int_eq(json_integer_value(json_object_get(r->data, "global_minima")), 1);
    tsa_claim_result_clear(r);

    tsa_claim_result_init(r);
    ck_assert_int_eq(run_ad3("{\"source\": \"census\", \"kmin\": 6, \"kmax\": 6}", r),
                     TSA_VERDICT_UNDECIDED);
    tsa_claim_result_clear(r);

    tsa_claim_result_init(r);
    ck_assert_int_eq(run_ad3("{\"source\": \"train\", \"kmin\": 1, \"runs\": 2}", r),
                     TSA_VERDICT_VACUOUS);
    tsa_claim_result_clear(r);

    {
        json_t *empty = json_object();
        tsa_claim_result_init(r);
        ck_assert_int_eq(tsa_claim_check_ad3_spurious(r, empty, "x.json", 64), TSA_EFORMAT);
        ck_assert_str_eq(tsa_error_last(), "x.json: params.source: \"train\" or \"census\"");
        tsa_claim_result_clear(r);
        json_decref(empty);
    }
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_rule, t_ad_properties, t_bad_params, t_ad3};
    return tsa_test_main("claims", tests, 4, 30);
}
