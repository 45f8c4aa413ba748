/* t-ss_exact.c -- SS Def. 3 (eps-alignment), Def. 4 (observers), the exact
 * residual test, and the Thm 1 / Thm 2 checkers on hand-made instances:
 * consistent, hypotheses deliberately violated (vacuous), conclusion
 * deliberately broken (counterexample). */
#include <math.h>
#include <string.h>
#include "tsa_test.h"
#include "tsa_claims.h"
#include "../../src/claims/ss_impl.h"

static void
qv(fmpq *v, const char *const *s, slong n)
{
    slong i;
    for (i = 0; i < n; i++)
    {
        json_t *j = json_string(s[i]);
        ck_assert_int_eq(tsa_ss_q_read(v + i, j, "t"), TSA_SUCCESS);
        json_decref(j);
    }
}

/* Def. 3 against an independent float64 computation of the angle and the
 * normalized bias gap on random pairs, away from ties. */
START_TEST(t_eps_aligned)
{
    flint_rand_t st;
    slong iter, d, i;
    flint_randinit(st);
    tsa_test_seed(st);
    for (iter = 0; iter < 2000 * tsa_test_multiplier(); iter++)
    {
        fmpq *w, *u;
        double wd[5], ud[5], nw = 0, nu = 0, dot = 0, s, db, e;
        fmpq_t eps;
        tsa_truth_t t;
        d = 1 + (slong) n_randint(st, 4);
        w = _fmpq_vec_init(d + 1);
        u = _fmpq_vec_init(d + 1);
        fmpq_init(eps);
        for (i = 0; i <= d; i++)
        {
            wd[i] = (double) ((slong) n_randint(st, 33) - 16) / 8.0;
            /* near-parallel pairs often */
            ud[i] = n_randint(st, 2) ? 2.0 * wd[i] + (double) ((slong) n_randint(st, 5) - 2) / 64.0
                                     : (double) ((slong) n_randint(st, 33) - 16) / 8.0;
            fmpq_set_si(w + i, (slong) (wd[i] * 64), 64);
            fmpq_set_si(u + i, (slong) (ud[i] * 64), 64);
        }
        for (i = 0; i < d; i++)
        {
            nw += wd[i] * wd[i];
            nu += ud[i] * ud[i];
            dot += wd[i] * ud[i];
        }
        e = (double) (1 + n_randint(st, 40)) / 64.0;
        fmpq_set_si(eps, (slong) (e * 64), 64);
        t = tsa_ss_eps_aligned(NULL, NULL, w, u, d, eps, 64);
        if (nw == 0 || nu == 0)
            ck_assert_int_eq(t, TSA_FALSE);
        else
        {
            s = sqrt(fmax(0.0, 1.0 - dot * dot / (nw * nu)));
            db = fabs(wd[d] / sqrt(nw) - ud[d] / sqrt(nu));
            if (fabs(s - e) > 1e-9 && fabs(db - e) > 1e-9)
            {
                int want = dot > 0 && s <= e && db <= e;
                if ((t == TSA_TRUE) != want)
                    ck_abort_msg("iter %ld: eps_aligned %d, float64 %d (sin %g db %g eps %g)",
                                 (long) iter, (int) t, want, s, db, e);
            }
        }
        fmpq_clear(eps);
        _fmpq_vec_clear(w, d + 1);
        _fmpq_vec_clear(u, d + 1);
    }
    flint_randclear(st);
    /* exact ties: sin = eps exactly (3-4-5 triangle), bias gap = eps */
    {
        static const char *a[] = {"1", "0", "0"}, *b[] = {"4", "3", "0"};
        static const char *c[] = {"1", "0", "1/2"}, *e2[] = {"2", "0", "0"};
        fmpq *w = _fmpq_vec_init(3), *u = _fmpq_vec_init(3);
        fmpq_t eps;
        fmpq_init(eps);
        qv(w, a, 3);
        qv(u, b, 3);
        fmpq_set_si(eps, 3, 5);
        ck_assert_int_eq(tsa_ss_eps_aligned(NULL, NULL, w, u, 2, eps, 64), TSA_TRUE);
        fmpq_set_si(eps, 59, 100);
        ck_assert_int_eq(tsa_ss_eps_aligned(NULL, NULL, w, u, 2, eps, 64), TSA_FALSE);
        qv(w, c, 3);
        qv(u, e2, 3);
        fmpq_set_si(eps, 1, 2);
        ck_assert_int_eq(tsa_ss_eps_aligned(NULL, NULL, w, u, 2, eps, 64), TSA_TRUE);
        fmpq_set_si(eps, 49, 100);
        ck_assert_int_eq(tsa_ss_eps_aligned(NULL, NULL, w, u, 2, eps, 64), TSA_FALSE);
        /* antiparallel: sin = 0 but not aligned */
        fmpq_set_si(u + 0, -1, 1);
        fmpq_set_si(u + 2, 1, 2);
        fmpq_set_si(eps, 1, 2);
        ck_assert_int_eq(tsa_ss_eps_aligned(NULL, NULL, w, u, 2, eps, 64), TSA_FALSE);
        fmpq_clear(eps);
        _fmpq_vec_clear(w, 3);
        _fmpq_vec_clear(u, 3);
    }
}
END_TEST

/* Def. 4 against brute force: sample the hyperplane dE_j densely. */
START_TEST(t_observer)
{
    flint_rand_t st;
    slong iter, i, s;
    flint_randinit(st);
    tsa_test_seed(st);
    for (iter = 0; iter < 400 * tsa_test_multiplier(); iter++)
    {
        fmpq *wk = _fmpq_vec_init(3), *wj = _fmpq_vec_init(3);
        double k[3], j[3];
        fmpq_t r2;
        int ball = (int) n_randint(st, 2), brute = 0;
        double R2 = 4.0;
        tsa_truth_t t;
        fmpq_init(r2);
        fmpq_set_si(r2, 4, 1);
        for (i = 0; i < 3; i++)
        {
            k[i] = (double) ((slong) n_randint(st, 9) - 4);
            j[i] = (double) ((slong) n_randint(st, 9) - 4);
        }
        if (n_randint(st, 3) == 0) /* parallel boundaries */
        {
            k[0] = 2 * j[0];
            k[1] = 2 * j[1];
        }
        if (j[0] == 0 && j[1] == 0)
            j[0] = 1;
        for (i = 0; i < 3; i++)
        {
            fmpq_set_si(wk + i, (slong) k[i], 1);
            fmpq_set_si(wj + i, (slong) j[i], 1);
        }
        t = tsa_ss_observer(wk, wj, 2, ball ? r2 : NULL);
        /* points of dE_j: x = c + s p, p perpendicular to wt_j */
        {
            double n2 = j[0] * j[0] + j[1] * j[1], c0 = -j[2] * j[0] / n2,
                   c1 = -j[2] * j[1] / n2, p0 = -j[1], p1 = j[0];
            for (s = -200000; s <= 200000 && !brute; s++)
            {
                double x0 = c0 + p0 * s * 1e-4, x1 = c1 + p1 * s * 1e-4;
                if (ball && x0 * x0 + x1 * x1 >= R2 - 1e-9)
                    continue;
                if (k[0] * x0 + k[1] * x1 + k[2] > 1e-9)
                    brute = 1;
            }
        }
        if ((t == TSA_TRUE) != brute)
            ck_abort_msg("iter %ld: observer %d brute %d k=(%g,%g,%g) j=(%g,%g,%g) ball %d",
                         (long) iter, (int) t, brute, k[0], k[1], k[2], j[0], j[1], j[2], ball);
        fmpq_clear(r2);
        _fmpq_vec_clear(wk, 3);
        _fmpq_vec_clear(wj, 3);
    }
    flint_randclear(st);
}
END_TEST

static tsa_verdict_t
run(tsa_claim_checker_t fn, const char *text, char *concl_truth)
{
    json_error_t e;
    json_t *params = json_loads(text, 0, &e);
    tsa_claim_result_t r;
    tsa_verdict_t v;
    ck_assert_msg(params != NULL, "json: %s", e.text);
    tsa_claim_result_init(r);
    ck_assert_int_eq(fn(r, params, "t.json", 128), TSA_SUCCESS);
    v = tsa_claim_verdict(r);
    if (concl_truth)
        strcpy(concl_truth, tsa_truth_name(r->concl.truth));
    tsa_claim_result_clear(r);
    json_decref(params);
    return v;
}

/* teacher: two nodes in d = 2 with biases, C = 2 outputs */
#define TEACHER "\"teacher\": {\"W\": [[1, 0, \"-1/4\"], [0, 1, \"1/8\"]], " \
                "\"V\": [[1, 2], [-1, 1]]}"

/* The exact residual test against exact evaluation at many points. */
START_TEST(t_residual)
{
    char c[16];
    /* exact fit: student 0 = 2 w*_0 with v/2; teacher 1 split in two */
    ck_assert_int_eq(run(tsa_claim_check_ss_thm1, "{" TEACHER ", \"student\": "
                         "{\"W\": [[2, 0, \"-1/2\"], [0, \"1/2\", \"1/16\"], [0, 3, \"3/8\"], [1, 1, 1]], "
                         "\"V\": [[\"1/2\", 1], [-1, 1], [\"-1/6\", \"1/6\"], [0, 0]]}, "
                         "\"teacher_index\": 1}", c),
                     TSA_VERDICT_CONSISTENT);
    ck_assert_str_eq(c, "true");
}
END_TEST

START_TEST(t_thm1)
{
    char c[16];
    /* Assumption 2 violated (student fits only teacher 0): vacuous */
    ck_assert_int_eq(run(tsa_claim_check_ss_thm1, "{" TEACHER ", \"student\": "
                         "{\"W\": [[2, 0, \"-1/2\"], [1, 1, 1]], "
                         "\"V\": [[\"1/2\", 1], [0, 0]]}, \"teacher_index\": 1}", c),
                     TSA_VERDICT_VACUOUS);
    /* co-linear teachers: vacuous */
    ck_assert_int_eq(run(tsa_claim_check_ss_thm1, "{\"teacher\": {\"W\": [[1, 0, 0], [2, 0, 0]], "
                         "\"V\": [[1], [1]]}, \"student\": {\"W\": [[3, 0, 0]], \"V\": [[1]]}}", c),
                     TSA_VERDICT_VACUOUS);
    /* hand-made broken conclusion: relu(z) = relu(-z) + z, and the affine
       part z is made by antipodal pairs relu(u.x) - relu(-u.x) = u.x, so
       f = f* on R^d (Assumption 2 holds exactly) while no student is a
       positive multiple of w*_0 = (1, 0, -1/4); student 3 observes it with
       alpha = -1/4 != 0 */
#define T1CE "{\"teacher\": {\"W\": [[1, 0, \"-1/4\"]], \"V\": [[1]]}," \
        "\"student\": {\"W\": [[-1, 0, \"1/4\"], [1, 0, 0], [-1, 0, 0], [0, 1, 1], [0, -1, -1], " \
        "[0, 1, 0], [0, -1, 0]], \"V\": [[1], [1], [-1], [\"-1/4\"], [\"1/4\"], [\"1/4\"], " \
        "[\"-1/4\"]]}, \"teacher_index\": 0"
    ck_assert_int_eq(run(tsa_claim_check_ss_thm1, T1CE "}", c), TSA_VERDICT_COUNTEREXAMPLE);
    ck_assert_str_eq(c, "false");
    /* the same point under the same-line reading of alignment */
    ck_assert_int_eq(run(tsa_claim_check_ss_thm1, T1CE ", \"colinear\": \"line\"}", c),
                     TSA_VERDICT_CONSISTENT);
}
END_TEST

START_TEST(t_thm2)
{
    char c[16];
    /* exact fit plus two unaligned co-linear students that cancel */
    const char *base = "{\"teacher\": {\"W\": [[1, 0, \"-1/4\"]], \"V\": [[1]]}, "
                       "\"student\": {\"W\": [[1, 0, \"-1/4\"], [1, 2, 1], [2, 4, 2]], "
                       "\"V\": [[1], [1], [\"-1/2\"]]}, \"student_index\": 1}";
    ck_assert_int_eq(run(tsa_claim_check_ss_thm2, base, c), TSA_VERDICT_CONSISTENT);
    /* k aligned with the teacher: hypothesis violated, vacuous */
    ck_assert_int_eq(run(tsa_claim_check_ss_thm2,
                         "{\"teacher\": {\"W\": [[1, 0, \"-1/4\"]], \"V\": [[1]]}, "
                         "\"student\": {\"W\": [[1, 0, \"-1/4\"]], \"V\": [[1]]}, "
                         "\"student_index\": 0}", c),
                     TSA_VERDICT_VACUOUS);
    /* three antipodal pairs whose affine parts cancel: f = f*, k = 1 has
       observers of rank 1 = C, v_k != 0 -> counterexample to the
       positive-multiple reading, consistent with the same-line reading */
    {
        const char *anti = "{\"teacher\": {\"W\": [[1, 0, \"-1/4\"]], \"V\": [[1]]}, "
                           "\"student\": {\"W\": [[1, 0, \"-1/4\"], [1, 0, 0], [-1, 0, 0], "
                           "[0, 1, 0], [0, -1, 0], [-1, -1, 0], [1, 1, 0]], "
                           "\"V\": [[1], [-1], [1], [-1], [1], [-1], [1]]}, "
                           "\"student_index\": 1, \"colinear\": \"%s\"}";
        char buf[1024];
        snprintf(buf, sizeof buf, anti, "positive");
        ck_assert_int_eq(run(tsa_claim_check_ss_thm2, buf, c), TSA_VERDICT_COUNTEREXAMPLE);
        snprintf(buf, sizeof buf, anti, "line");
        ck_assert_int_eq(run(tsa_claim_check_ss_thm2, buf, c), TSA_VERDICT_CONSISTENT);
    }
}
END_TEST

START_TEST(t_align_claim)
{
    char c[16];
    ck_assert_int_eq(run(tsa_claim_check_ss_align, "{" TEACHER ", \"student\": "
                         "{\"W\": [[2, 0, \"-1/2\"], [0, 1, \"1/8\"]], \"V\": [[1, 1], [1, 1]]},"
                         " \"eps\": 0}", c), TSA_VERDICT_CONSISTENT);
    ck_assert_int_eq(run(tsa_claim_check_ss_align, "{" TEACHER ", \"student\": "
                         "{\"W\": [[2, 0, \"-1/2\"], [0, 1, \"1/4\"]], \"V\": [[1, 1], [1, 1]]},"
                         " \"eps\": \"1/10\"}", c), TSA_VERDICT_COUNTEREXAMPLE);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_eps_aligned, t_observer, t_residual, t_thm1, t_thm2,
                            t_align_claim};
    return tsa_test_main("ss_exact", tests, 6, 30);
}
