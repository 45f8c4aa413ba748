/* t-verdict.c -- the verdict rule and the ad_properties checker. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tsa_test.h"
#include "tsa_claims.h"

/* Verdict rule of docs/claims.md, over every combination of two
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


/* Write text to a fresh temporary claim file; the path is static. */
static const char *
claim_file(const char *text)
{
    static char path[64];
    FILE *f;
    int fd;
    snprintf(path, sizeof path, "/tmp/t-verdict-XXXXXX");
    fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    f = fdopen(fd, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
    return path;
}

static int
run_claim(const char *text, const char *const *sets, int nsets, tsa_claim_result_t r)
{
    const char *path = claim_file(text);
    int st = tsa_claim_run_file_set(r, path, sets, nsets);
    unlink(path);
    return st;
}

#define CLAIM(kind_fields, params) \
    "{\"id\": \"k\", \"paper\": \"AD\", \"statement\": \"s\", \"checker\": " \
    "\"ad_properties\", " kind_fields "\"params\": " params "}"

/* The registry requires a known kind, a correction exactly for kind
   corrected, and refuses parameters the checker's table does not list. */
START_TEST(t_kind_required)
{
    static const struct { const char *text, *err; } bad[] = {
        {CLAIM("", "{\"act\": \"relu\", \"max_depth\": 2}"), "kind: missing"},
        {CLAIM("\"kind\": \"lemma\", ", "{\"act\": \"relu\"}"), "kind: must be one of"},
        {CLAIM("\"kind\": 3, ", "{\"act\": \"relu\"}"), "kind: must be one of"},
        {CLAIM("\"kind\": \"corrected\", ", "{\"act\": \"relu\"}"), "correction: missing"},
        {CLAIM("\"kind\": \"corrected\", \"correction\": \"\", ", "{\"act\": \"relu\"}"),
         "correction: must name"},
        {CLAIM("\"kind\": \"theorem\", \"correction\": \"x\", ", "{\"act\": \"relu\"}"),
         "correction: only for kind"},
        {CLAIM("\"kind\": \"theorem\", \"scope\": 1, ", "{\"act\": \"relu\"}"),
         "scope: missing or not a string"},
        {CLAIM("\"kind\": \"theorem\", ", "{\"act\": \"relu\", \"delta\": 3}"),
         "params.delta: unknown parameter of checker ad_properties"}};
    size_t i;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
    {
        tsa_claim_result_t r;
        tsa_claim_result_init(r);
        ck_assert_int_eq(run_claim(bad[i].text, NULL, 0, r), TSA_EFORMAT);
        ck_assert_msg(strstr(tsa_error_last(), bad[i].err) != NULL, "case %zu: %s",
                      i, tsa_error_last());
        tsa_claim_result_clear(r);
    }
    {
        tsa_claim_result_t r;
        tsa_claim_result_init(r);
        ck_assert_int_eq(run_claim(CLAIM("\"kind\": \"corrected\", \"correction\": "
                                         "\"sign\", \"scope\": \"note\", ",
                                         "{\"act\": \"relu\", \"max_depth\": 30}"),
                                   NULL, 0, r), TSA_SUCCESS);
        ck_assert_str_eq(r->kind, "corrected");
        ck_assert_str_eq(r->correction, "sign");
        ck_assert_str_eq(r->scope, "note");
        ck_assert_ptr_null(r->overrides);
        tsa_claim_result_clear(r);
    }
}
END_TEST

/* Readings: only theorem/corrected counterexamples without a scope note
   say that the paper fails. */
START_TEST(t_reading)
{
    const char *const *k = tsa_claim_kind_names();
    int i;
    for (i = 0; k[i] != NULL; i++)
    {
        const char *s = tsa_claim_reading(k[i], "counterexample", 0);
        int paper = strstr(s, "the paper's statement") != NULL && strstr(s, "fails") != NULL;
        ck_assert_int_eq(paper, i <= 1);
        ck_assert_ptr_null(strstr(tsa_claim_reading(k[i], "counterexample", 1),
                                  "the paper's statement fails"));
        ck_assert_ptr_null(strstr(tsa_claim_reading(k[i], "consistent", 0), "fails"));
        /* a scoped claim never speaks for the paper's statement */
        ck_assert_ptr_null(strstr(tsa_claim_reading(k[i], "consistent", 1),
                                  "the paper's statement holds"));
    }
    ck_assert_int_eq(i, TSA_CLAIM_NKINDS);
    ck_assert_str_eq(tsa_claim_reading("variant", "counterexample", 0),
                     "our variant fails, as designed (not a finding against the paper)");
    ck_assert_ptr_nonnull(strstr(tsa_claim_reading("empirical", "counterexample", 0),
                                 "not reproduced at this budget"));
    ck_assert_ptr_nonnull(strstr(tsa_claim_reading("assumption", "counterexample", 0),
                                 "assumption does not hold"));
    ck_assert_int_eq(tsa_claim_kind_index("lemma"), -1);
}
END_TEST

/* --set: a dotted key changes the parameter the checker sees, the id
   gets "-set", the overrides are recorded; unknown keys and malformed
   overrides are refused naming the key. */
START_TEST(t_set)
{
    const char *relu = CLAIM("\"kind\": \"assumption\", \"expect\": \"consistent\", ",
                             "{\"act\": \"relu\", \"max_depth\": 30}");
    const char *s1[] = {"act=arccos0"}, *s2[] = {"act=\"arccos0\"", "delta_log2=8"};
    const char *b1[] = {"nosuch=1"}, *b2[] = {"act"}, *b3[] = {"act={\"a\": 1}"},
               *b4[] = {"act.x=1"}, *b5[] = {"../x=1"};
    const char *const *bad[] = {b1, b2, b3, b4, b5};
    tsa_claim_result_t r;
    size_t i;

    tsa_claim_result_init(r);
    ck_assert_int_eq(run_claim(relu, s1, 1, r), TSA_SUCCESS);
    ck_assert_str_eq(r->id, "k-set");
    ck_assert_int_eq(tsa_claim_verdict(r), TSA_VERDICT_COUNTEREXAMPLE);
    ck_assert_str_eq(json_string_value(json_object_get(r->overrides, "act")), "arccos0");
    ck_assert_str_eq(json_string_value(json_object_get(r->params, "act")), "arccos0");
    ck_assert_str_eq(r->expect, "consistent"); /* kept for the report */
    /* the counterexample carries its exact witness */
    ck_assert_ptr_nonnull(r->witness);
    ck_assert_str_eq(json_string_value(json_object_get(r->witness, "function")), "G'");
    tsa_claim_result_clear(r);

    tsa_claim_result_init(r);
    ck_assert_int_eq(run_claim(relu, s2, 2, r), TSA_SUCCESS);
    ck_assert_int_eq(json_integer_value(json_object_get(r->params, "delta_log2")), 8);
    ck_assert_int_eq(json_integer_value(json_object_get(r->data, "delta_log2")), 8);
    tsa_claim_result_clear(r);

    for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
    {
        tsa_claim_result_init(r);
        ck_assert_int_eq(run_claim(relu, bad[i], 1, r), TSA_EFORMAT);
        ck_assert_ptr_nonnull(strstr(tsa_error_last(), "--set"));
        tsa_claim_result_clear(r);
    }
}
END_TEST

/* --describe lists every parameter the checker reads (each name appears
   in its table row), and every checker has a table. */
START_TEST(t_describe)
{
    const char *const *names = tsa_claim_checker_names();
    char *text;
    int i;
    for (i = 0; names[i] != NULL; i++)
    {
        const tsa_claim_param_t *p = tsa_claim_params_of(names[i]);
        ck_assert_msg(p != NULL, "no parameter table for %s", names[i]);
        ck_assert_int_eq(tsa_claim_describe(&text, names[i]), TSA_SUCCESS);
        for (; p->name != NULL; p++)
        {
            char row[128];
            snprintf(row, sizeof row, "| %s | %s |", p->name, p->deflt);
            ck_assert_msg(strstr(text, row) != NULL, "%s: %s", names[i], p->name);
        }
        free(text);
    }
    ck_assert_int_eq(tsa_claim_describe(&text, "nosuch"), TSA_EINVAL);
    ck_assert_int_eq(tsa_claim_describe(&text, "ad_properties"), TSA_SUCCESS);
    ck_assert_ptr_nonnull(strstr(text, "| delta_log2 | 20 | delta = 2^-e |"));
    ck_assert_ptr_nonnull(strstr(text, "| max_depth | 40 |"));
    free(text);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_rule, t_ad_properties, t_bad_params, t_ad3,
                            t_kind_required, t_reading, t_set, t_describe};
    return tsa_test_main("claims", tests, 8, 30);
}
