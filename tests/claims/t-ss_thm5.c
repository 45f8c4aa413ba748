/* t-ss_thm5.c -- SS Thm 5 checker (lowest layer of a deep net) on
 * hand-made instances: consistent, counterexample (conclusion broken with
 * all hypotheses true), vacuous (hypotheses violated); the exact gradient
 * against float64 central differences of the per-sample loss; alpha and
 * the piece count Q against values derived by hand. */
#include <math.h>
#include <string.h>
#include "tsa_test.h"
#include "tsa_claims.h"
#include "../../src/claims/ss_impl.h"

/* Run the checker on params text; the result stays in r (caller clears). */
static tsa_verdict_t
run_r(tsa_claim_result_t r, const char *text)
{
    json_error_t e;
    json_t *params = json_loads(text, 0, &e);
    int st;
    ck_assert_msg(params != NULL, "json: %s", e.text);
    tsa_claim_result_init(r);
    st = tsa_claim_check_ss_thm5(r, params, "t.json", 128);
    ck_assert_msg(st == TSA_SUCCESS, "checker failed: %s", tsa_error_last());
    json_decref(params);
    return tsa_claim_verdict(r);
}

static tsa_verdict_t
run(const char *text)
{
    tsa_claim_result_t r;
    tsa_verdict_t v = run_r(r, text);
    tsa_claim_result_clear(r);
    return v;
}

static double
data_num(const tsa_claim_result_t r, const char *key)
{
    const json_t *v = json_object_get(r->data, key);
    ck_assert_msg(json_is_number(v), "data.%s missing", key);
    return json_number_value(v);
}

/* A student copying a two-hidden-layer teacher on a grid (as
 * proofs_numeric/SS-T5-exact-copy.json with the second boundary at
 * y = -0.5, on a 5 x 5 grid). */
#define COPY_NETS "\"teacher\": {\"layers\": [[[1,0,0],[0,1,0.5]], [[1,1,10],[1,-1,0.3]]], " \
    "\"V\": [[1],[0.5]]}, \"student\": {\"layers\": [[[1,0,0],[0,1,0.5],[0.6,0.8,3]], " \
    "[[1,1,0,10],[1,-1,0,0.3]]], \"V\": [[1],[0.5]]}"
#define GRID "\"data\": [[-1,-1],[-1,-0.5],[-1,0],[-1,0.5],[-1,1],[-0.5,-1],[-0.5,-0.5]," \
    "[-0.5,0],[-0.5,0.5],[-0.5,1],[0,-1],[0,-0.5],[0,0],[0,0.5],[0,1],[0.5,-1],[0.5,-0.5]," \
    "[0.5,0],[0.5,0.5],[0.5,1],[1,-1],[1,-0.5],[1,0],[1,0.5],[1,1]]"

/* the SS-T5-small-N instance: the student equals the teacher on aug(D)
   (delta = 2 eps / K_1^{3/2} = 0.025 with K_1 = 4) but is tilted */
#define SMALLN "\"teacher\": {\"layers\": [[[1,0,0]], [[1,1]]], \"V\": [[1]]}, " \
    "\"student\": {\"layers\": [[[1,0.5,-0.0125],[1,0,5],[2,0,10]], [[2,1,-0.5,1]]], " \
    "\"V\": [[1]]}, \"data\": [[0,0],[-1,0],[-1,1]], \"eps\": 0.1, \"kappa\": 1, \"tau\": 1, " \
    "\"c\": 1, \"sample_const\": 0"

START_TEST(t_verdicts)
{
    tsa_claim_result_t r;
    /* consistent: zero gradient, copy 0-aligned */
    ck_assert_int_eq(run_r(r, "{" COPY_NETS ", " GRID ", \"eps\": 0.1, \"kappa\": 0.5, "
                           "\"tau\": 0.5, \"sample_const\": 0}"), TSA_VERDICT_CONSISTENT);
    /* by hand: v*_0 = 1 + 0.5 s2, v_1 = 1 - 0.5 s2 (s2 the gate of the
       second layer-2 node, both values met by the grid): alpha in {1, 0.75} */
    ck_assert(data_num(r, "alpha_min") == 0.75);
    ck_assert(data_num(r, "grad_max") == 0.0);
    tsa_claim_result_clear(r);
    /* counterexample: every hypothesis true, no aligned student */
    ck_assert_int_eq(run_r(r, "{" SMALLN "}"), TSA_VERDICT_COUNTEREXAMPLE);
    /* both layer-2 nodes are active on all of D: no pieces beyond K_1 */
    ck_assert(data_num(r, "Q") == 4.0 && data_num(r, "Q_counted") == 4.0);
    ck_assert_int_eq(r->concl.truth, TSA_FALSE);
    tsa_claim_result_clear(r);
    /* the same with the sample-size constant 1: vacuous */
    ck_assert_int_eq(run("{" SMALLN ", \"sample_const\": 1}"), TSA_VERDICT_VACUOUS);
    /* a larger Q changes delta, the student no longer matches on D':
       gradient condition false, vacuous */
    ck_assert_int_eq(run("{" SMALLN ", \"Q\": 5}"), TSA_VERDICT_VACUOUS);
    /* a copy off by a first-layer bias of 0.05: gradient too large */
    ck_assert_int_eq(run("{\"teacher\": {\"layers\": [[[1,0,0]], [[1,1]]]}, \"student\": "
                         "{\"layers\": [[[1,0,0.05]], [[1,1]]]}, " GRID ", \"eps\": 0.1, "
                         "\"kappa\": 0.5, \"tau\": 0.5, \"sample_const\": 0}"), TSA_VERDICT_VACUOUS);
    /* two teacher nodes eps0-aligned: Assumption 3(a) false */
    ck_assert_int_eq(run("{\"teacher\": {\"layers\": [[[1,0,0],[1,0.01,0]], [[1,1,1]]]}, "
                         "\"student\": {\"layers\": [[[1,0,0],[1,0.01,0]], [[1,1,1]]]}, " GRID
                         ", \"eps\": 0.1, \"kappa\": 0.5, \"tau\": 0.5, \"sample_const\": 0}"),
                     TSA_VERDICT_VACUOUS);
    /* eps > eps0 */
    ck_assert_int_eq(run("{" SMALLN ", \"eps0\": 0.05}"), TSA_VERDICT_VACUOUS);
}
END_TEST

/* An independent float64 deep net: relu layers, rows [w; b]. */
static const double TW1[2][3] = {{1, 0, 0}, {0, 1, 0.25}};
static const double TW2[2][3] = {{1, 1, 0.5}, {1, -1, 0.3}};
static const double TV[2] = {1, 0.5};
static double SW1[3][3] = {{0.9, 0.1, 0.05}, {0.1, 1.1, 0.2}, {0.6, 0.8, -0.3}};
static const double SW2[2][4] = {{1, 0.8, 0.2, 0.4}, {0.9, -1, 0.1, 0.2}};
static const double SV[2] = {1.1, 0.4};
static const double PTS[6][2] = {{0.31, -0.72}, {-0.43, 0.18}, {0.77, 0.52},
                                 {-0.91, -0.27}, {0.12, 0.94}, {0.58, -0.11}};

static double
relu(double z)
{
    return z > 0 ? z : 0.0;
}

static double
f_teacher(const double *x)
{
    double h[2], o = 0;
    int k;
    for (k = 0; k < 2; k++)
        h[k] = relu(TW1[k][0] * x[0] + TW1[k][1] * x[1] + TW1[k][2]);
    for (k = 0; k < 2; k++)
        o += TV[k] * relu(TW2[k][0] * h[0] + TW2[k][1] * h[1] + TW2[k][2]);
    return o;
}

static double
f_student(const double *x)
{
    double h[3], o = 0;
    int k;
    for (k = 0; k < 3; k++)
        h[k] = relu(SW1[k][0] * x[0] + SW1[k][1] * x[1] + SW1[k][2]);
    for (k = 0; k < 2; k++)
        o += SV[k] * relu(SW2[k][0] * h[0] + SW2[k][1] * h[1] + SW2[k][2] * h[2] + SW2[k][3]);
    return o;
}

/* max over D' of max_k |d loss / d b_1k| by central differences, where
   loss = (f* - f)^2 / 2 and g_1k = -d loss / d z_1k */
START_TEST(t_grad_fd)
{
    char text[4096];
    tsa_claim_result_t r;
    double delta = tsa_ss_aug_delta(0.1, 1.0, 7), gmax = 0.0, hstep = 1e-6;
    int i, u, s, k, o;
    o = snprintf(text, sizeof text, "{\"teacher\": {\"layers\": [[[1,0,0],[0,1,0.25]], "
                 "[[1,1,0.5],[1,-1,0.3]]], \"V\": [[1],[0.5]]}, \"student\": {\"layers\": "
                 "[[[0.9,0.1,0.05],[0.1,1.1,0.2],[0.6,0.8,-0.3]], [[1,0.8,0.2,0.4],"
                 "[0.9,-1,0.1,0.2]]], \"V\": [[1.1],[0.4]]}, \"Q\": 7, \"eps\": 0.1, "
                 "\"kappa\": 0.1, \"tau\": 0, \"sample_const\": 0, \"data\": [");
    for (i = 0; i < 6; i++)
        o += snprintf(text + o, sizeof text - (size_t) o, "%s[%.17g,%.17g]", i ? "," : "",
                      PTS[i][0], PTS[i][1]);
    snprintf(text + o, sizeof text - (size_t) o, "]}");
    run_r(r, text);
    for (i = 0; i < 6; i++)
        for (u = -1; u < 2; u++)
            for (s = -1; s <= 1; s += 2)
            {
                double x[2];
                x[0] = PTS[i][0];
                x[1] = PTS[i][1];
                if (u < 0 && s > 0)
                    continue;
                if (u >= 0)
                    x[u] += s * delta;
                for (k = 0; k < 3; k++)
                {
                    double b = SW1[k][2], rp, rm, g;
                    SW1[k][2] = b + hstep;
                    rp = f_teacher(x) - f_student(x);
                    SW1[k][2] = b - hstep;
                    rm = f_teacher(x) - f_student(x);
                    SW1[k][2] = b;
                    g = (0.5 * rp * rp - 0.5 * rm * rm) / (2 * hstep);
                    gmax = fmax(gmax, fabs(g));
                }
            }
    ck_assert_msg(gmax > 0.01, "test instance degenerate: %g", gmax);
    ck_assert_msg(fabs(data_num(r, "grad_max") - gmax) <= 1e-6 * gmax,
                  "grad_max %.17g vs central differences %.17g", data_num(r, "grad_max"), gmax);
    tsa_claim_result_clear(r);
}
END_TEST

/* malformed params: TSA_EFORMAT with one line naming t.json and the field */
START_TEST(t_bad_input)
{
    static const char *const cases[][2] = {
        {"{\"sample_const\": 0, \"student\": {\"layers\": [[[1,0]]]}, \"data\": [[0]]}", "params.teacher"},
        {"{\"sample_const\": 0, \"teacher\": {\"layers\": [[[1,0]]]}, \"student\": {\"layers\": [[[1,0,0]]]}, "
         "\"data\": [[0]]}", "params.student.layers[0][0]"},
        {"{\"sample_const\": 0, \"teacher\": {\"layers\": [[[1,0]], [[1,\"x\"]]]}, \"student\": {\"layers\": "
         "[[[1,0]]]}, \"data\": [[0]]}", "params.teacher.layers[1][0][1]"},
        {"{\"sample_const\": 0, \"teacher\": {\"layers\": [[[1,0]]], \"V\": [[1],[2]]}, \"student\": {\"layers\": "
         "[[[1,0]]]}, \"data\": [[0]]}", "params.teacher.V"},
        {"{\"sample_const\": 0, \"teacher\": {\"layers\": [[[1,0]]]}, \"student\": {\"layers\": [[[1,0]]]}, "
         "\"data\": [[0, 1]]}", "params.data[0]"},
        {"{\"sample_const\": 0, \"teacher\": {\"layers\": [[[1,0]]]}, \"student\": {\"layers\": [[[1,0]]]}, "
         "\"data\": [[0]], \"eps\": -1}", "params.eps"},
        {"{\"sample_const\": 0, \"teacher\": {\"layers\": [[[1,0]]]}, \"student\": {\"layers\": [[[1,0]]]}, "
         "\"data\": [[0]], \"kappa\": \"1\"}", "params.kappa"},
        {"{\"sample_const\": 0, \"teacher\": {\"layers\": [[[1,0]]]}, \"student\": {\"layers\": [[[1,0]]]}, "
         "\"data\": [[0]], \"Q\": 0}", "params.Q"},
        {"{\"sample_const\": 0, \"teacher\": {\"layers\": [[[1,0]]]}, \"student\": {\"layers\": [[[1,0]]]}, "
         "\"data\": [[0]], \"teacher_index\": 3}", "params.teacher_index"},
        {"{\"sample_const\": 0, \"teacher\": {\"layers\": [[[1,0]]]}, \"student\": {\"layers\": [[[1,0]]]}, "
         "\"data\": [[0]], \"leak\": 1.5}", "params.leak"},
        {"{\"sample_const\": 0, \"train\": {\"preset\": \"nosuch\"}}", "params.train.preset"},
        {"{\"sample_const\": 0, \"train\": {\"preset\": \"deep\", \"lr\": \"fast\"}}", "params.train.lr"},
        {"{\"sample_const\": 0, \"train\": {\"preset\": \"deep\", \"n_train\": 0}}", "params.train"}};
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
        json_error_t e;
        json_t *params = json_loads(cases[i][0], 0, &e);
        tsa_claim_result_t r;
        const char *msg;
        ck_assert_msg(params != NULL, "case %zu json: %s", i, e.text);
        tsa_claim_result_init(r);
        ck_assert_msg(tsa_claim_check_ss_thm5(r, params, "t.json", 64) == TSA_EFORMAT,
                      "case %zu: not TSA_EFORMAT", i);
        msg = tsa_error_last();
        ck_assert_msg(msg != NULL && strstr(msg, "t.json") != NULL
                      && strstr(msg, cases[i][1]) != NULL && strchr(msg, '\n') == NULL,
                      "case %zu: message '%s' should name t.json and %s", i,
                      msg ? msg : "(null)", cases[i][1]);
        tsa_claim_result_clear(r);
        json_decref(params);
    }
}
END_TEST

/* the evidence of the hypothesis whose name starts with pre */
static const char *
hyp_evidence(const tsa_claim_result_t r, const char *pre)
{
    slong i;
    for (i = 0; i < r->nhyp; i++)
        if (strncmp(r->hyp[i].name, pre, strlen(pre)) == 0)
            return r->hyp[i].evidence;
    ck_abort_msg("no hypothesis '%s'", pre);
    return NULL;
}

/* Second code paths (regression: the counts of (1) were not recounted and
   g_1 was computed once): on a student with a non-zero residual (output
   weight 1.25 instead of 1) the (1) counts are recounted in exact
   rationals and g_1 is recomputed as V_1(x)^T (f* - f) from Def. 2. */
START_TEST(t_second_paths)
{
    tsa_claim_result_t r;
    run_r(r, "{\"teacher\": {\"layers\": [[[1,0,0],[0,1,0.5]], [[1,1,10],[1,-1,0.3]]], "
          "\"V\": [[1],[0.5]]}, \"student\": {\"layers\": [[[1,0,0],[0,1,0.5],[0.6,0.8,3]], "
          "[[1,1,0,10],[1,-1,0,0.3]]], \"V\": [[1.25],[0.5]]}, " GRID ", \"eps\": 0.1, "
          "\"kappa\": 0.5, \"tau\": 0.5, \"sample_const\": 0}");
    ck_assert(data_num(r, "grad_max") > 0.0);
    ck_assert_msg(strstr(hyp_evidence(r, "(1)"), "recounted in exact rationals: equal"),
                  "(1): %s", hyp_evidence(r, "(1)"));
    ck_assert_msg(strstr(hyp_evidence(r, "(2)"), "g_1 recomputed as V_1(x)^T (f* - f) with "
                         "V_1 of Def. 2 at every point: equal"), "(2): %s",
                  hyp_evidence(r, "(2)"));
    tsa_claim_result_clear(r);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_verdicts, t_grad_fd, t_bad_input, t_second_paths};
    return tsa_test_main("ss_thm5", tests, 4, 60);
}
