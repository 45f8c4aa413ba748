/* t-ss_cor1.c -- SS Corollary 1 (ss_cor1.c): the antipodal instance of
 * SS-T1-antipodal fails the printed reading (all students unspecialised,
 * their contribution is f* itself) and the literal reading under same-line
 * alignment (the off-line students contribute x1 - 1/4), holds in the
 * affine reading; a cancelling co-linear pair is consistent; missing
 * observers and a broken fit are vacuous. */
#include <string.h>
#include "tsa_test.h"
#include "tsa_claims.h"
#include "../../src/claims/ss_impl.h"

static tsa_verdict_t
run(const char *text, char *evidence, size_t en)
{
    json_error_t e;
    json_t *params = json_loads(text, 0, &e);
    tsa_claim_result_t r;
    tsa_verdict_t v;
    ck_assert_msg(params != NULL, "json: %s", e.text);
    tsa_claim_result_init(r);
    ck_assert_int_eq(tsa_claim_check_ss_cor1(r, params, "t.json", 128), TSA_SUCCESS);
    v = tsa_claim_verdict(r);
    if (evidence != NULL)
        snprintf(evidence, en, "%s", r->concl.evidence ? r->concl.evidence : "");
    tsa_claim_result_clear(r);
    json_decref(params);
    return v;
}

#define ANTI "{\"teacher\": {\"W\": [[1, 0, \"-1/4\"]], \"V\": [[1]]}, \"student\": " \
    "{\"W\": [[-1, 0, \"1/4\"], [1, 0, 0], [-1, 0, 0], [0, 1, 1], [0, -1, -1], " \
    "[0, 1, 0], [0, -1, 0]], \"V\": [[1], [1], [-1], [\"-1/4\"], [\"1/4\"], " \
    "[\"1/4\"], [\"-1/4\"]]}"

START_TEST(t_antipodal)
{
    char ev[1024];
    ck_assert_int_eq(run(ANTI ", \"colinear\": \"positive\"}", ev, sizeof ev),
                     TSA_VERDICT_COUNTEREXAMPLE);
    /* g = f* = relu(x1 - 1/4): 3/4 at (1, 0) */
    ck_assert_msg(strstr(ev, "x = (1, 0), g_0(x) = 3/4") != NULL, "%s", ev);
    ck_assert_int_eq(run(ANTI ", \"colinear\": \"line\", \"reading\": \"zero\"}", ev,
                         sizeof ev), TSA_VERDICT_COUNTEREXAMPLE);
    /* g = x1 - 1/4, also 3/4 at (1, 0) */
    ck_assert_msg(strstr(ev, "g_0(x) = 3/4") != NULL, "%s", ev);
    ck_assert_int_eq(run(ANTI ", \"colinear\": \"line\", \"reading\": \"affine\"}", ev,
                         sizeof ev), TSA_VERDICT_CONSISTENT);
    /* positive reading, affine: g = relu(x1 - 1/4) has a kink */
    ck_assert_int_eq(run(ANTI ", \"reading\": \"affine\"}", ev, sizeof ev),
                     TSA_VERDICT_COUNTEREXAMPLE);
    ck_assert_msg(strstr(ev, "student 0") != NULL, "%s", ev);
}
END_TEST

START_TEST(t_other)
{
    /* exact fit plus a cancelling co-linear pair: g = 0 */
    ck_assert_int_eq(run("{\"teacher\": {\"W\": [[1, 0, \"-1/4\"]], \"V\": [[1]]}, "
                         "\"student\": {\"W\": [[1, 0, \"-1/4\"], [1, 2, 1], [2, 4, 2]], "
                         "\"V\": [[1], [1], [\"-1/2\"]]}}", NULL, 0),
                     TSA_VERDICT_CONSISTENT);
    /* the same with leak 1/10: sigma(2z) = 2 sigma(z) still cancels */
    ck_assert_int_eq(run("{\"teacher\": {\"W\": [[1, 0, \"-1/4\"]], \"V\": [[1]]}, "
                         "\"student\": {\"W\": [[1, 0, \"-1/4\"], [1, 2, 1], [2, 4, 2]], "
                         "\"V\": [[1], [1], [\"-1/2\"]]}, \"leak\": \"1/10\"}", NULL, 0),
                     TSA_VERDICT_CONSISTENT);
    /* no unaligned student: vacuous */
    ck_assert_int_eq(run("{\"teacher\": {\"W\": [[1, 0, \"-1/4\"]], \"V\": [[1]]}, "
                         "\"student\": {\"W\": [[2, 0, \"-1/2\"]], \"V\": [[\"1/2\"]]}}",
                         NULL, 0), TSA_VERDICT_VACUOUS);
    /* f != f*: Assumption 2 fails, vacuous */
    ck_assert_int_eq(run("{\"teacher\": {\"W\": [[1, 0, \"-1/4\"]], \"V\": [[1]]}, "
                         "\"student\": {\"W\": [[1, 0, \"-1/4\"], [0, 1, 0]], "
                         "\"V\": [[1], [1]]}}", NULL, 0), TSA_VERDICT_VACUOUS);
}
END_TEST

START_TEST(t_bad)
{
    json_t *p = json_loads("{\"teacher\": {\"W\": [[1, 0, 0]]}, \"student\": "
                           "{\"W\": [[1, 0, 0]]}, \"reading\": \"none\"}", 0, NULL);
    tsa_claim_result_t r;
    tsa_error_handler_t *h = tsa_set_error_handler(NULL);
    tsa_claim_result_init(r);
    ck_assert_int_eq(tsa_claim_check_ss_cor1(r, p, "t.json", 128), TSA_EFORMAT);
    tsa_claim_result_clear(r);
    tsa_set_error_handler(h);
    json_decref(p);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_antipodal, t_other, t_bad};
    return tsa_test_main("ss_cor1", tests, 3, 30);
}
