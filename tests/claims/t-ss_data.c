/* t-ss_data.c -- SS finite-data pieces: exact band counts, the eta
 * enumeration in d = 2, the per-sample gradient bound, and the Thm 3/4,
 * dataset and augmentation checkers on hand-made instances (consistent,
 * vacuous, counterexample). */
#include <math.h>
#include <string.h>
#include "tsa_test.h"
#include "tsa_claims.h"
#include "../../src/claims/ss_impl.h"

static void
qd(fmpq_t q, double x)
{
    arf_t a;
    arf_init(a);
    arf_set_d(a, x);
    arf_get_fmpq(q, a);
    arf_clear(a);
}

/* in_band and affine_sign against direct exact rational evaluation, with
 * points placed exactly on band edges and boundaries. */
START_TEST(t_band_exact)
{
    flint_rand_t st;
    slong iter, i;
    flint_randinit(st);
    tsa_test_seed(st);
    for (iter = 0; iter < 3000 * tsa_test_multiplier(); iter++)
    {
        double w[4], x[3], eps = (double) (1 + n_randint(st, 8)) / 8.0;
        fmpq_t s, n2, a, b, e;
        int in, sg;
        slong d = 1 + (slong) n_randint(st, 3);
        for (i = 0; i <= d; i++)
            w[i] = (double) ((slong) n_randint(st, 9) - 4) / 4.0;
        for (i = 0; i < d; i++)
            x[i] = (double) ((slong) n_randint(st, 17) - 8) / 8.0;
        if (n_randint(st, 2) && w[0] != 0.0)
            x[0] = (-(w[d]) - (n_randint(st, 2) ? eps * fabs(w[0]) : 0.0)
                    - (d > 1 ? w[1] * x[1] : 0.0) - (d > 2 ? w[2] * x[2] : 0.0)) / w[0];
        fmpq_init(s);
        fmpq_init(n2);
        fmpq_init(a);
        fmpq_init(b);
        fmpq_init(e);
        qd(s, w[d]);
        for (i = 0; i < d; i++)
        {
            qd(a, w[i]);
            qd(b, x[i]);
            fmpq_addmul(s, a, b);
            fmpq_addmul(n2, a, a);
        }
        sg = fmpq_sgn(s);
        qd(e, eps);
        fmpq_mul(s, s, s);
        fmpq_mul(e, e, e);
        fmpq_mul(n2, n2, e);
        in = fmpq_cmp(s, n2) <= 0;
        ck_assert_int_eq(tsa_ss_affine_sign(w, x, d), sg);
        ck_assert_int_eq(tsa_ss_in_band(w, x, d, eps), in);
        fmpq_clear(s);
        fmpq_clear(n2);
        fmpq_clear(a);
        fmpq_clear(b);
        fmpq_clear(e);
    }
    flint_randclear(st);
}
END_TEST

/* d = 2 band maximum: never below the count of any sampled orientation and
 * offset (brute force), witness count exact. */
START_TEST(t_band_max)
{
    flint_rand_t st;
    slong iter, i, a, o;
    flint_randinit(st);
    tsa_test_seed(st);
    for (iter = 0; iter < 20 * tsa_test_multiplier(); iter++)
    {
        slong N = 5 + (slong) n_randint(st, 25), lo, hi, best = 0;
        double X[60], wb[3], eps = 0.05 + 0.3 * (double) n_randint(st, 100) / 100.0;
        for (i = 0; i < 2 * N; i++)
            X[i] = (double) ((slong) n_randint(st, 41) - 20) / 10.0;
        tsa_ss_band_max(&lo, &hi, wb, X, N, 2, eps);
        ck_assert_int_le(lo, hi);
        ck_assert_int_eq(tsa_ss_band_count(wb, X, N, 2, eps), lo);
        for (a = 0; a < 360; a++)
            for (o = -60; o <= 60; o++)
            {
                double w[3] = {cos(a * M_PI / 360), sin(a * M_PI / 360), o * 0.05};
                slong c = tsa_ss_band_count(w, X, N, 2, eps);
                best = c > best ? c : best;
            }
        ck_assert_msg(best <= hi, "iter %ld: brute %ld > upper %ld", (long) iter,
                      (long) best, (long) hi);
    }
    flint_randclear(st);
}
END_TEST

/* per-sample gradient: the exact rational value lies within the bound */
START_TEST(t_sample_grad)
{
    flint_rand_t st;
    slong iter, i, k, c;
    flint_randinit(st);
    tsa_test_seed(st);
    for (iter = 0; iter < 300 * tsa_test_multiplier(); iter++)
    {
        enum { d = 3, n = 4, m = 2, C = 2 };
        double Ws[n * (d + 1)], Vs[n * C], Wt[m * (d + 1)], Vt[m * C], x[d], gm[n], ge[n];
        double leak = n_randint(st, 2) ? 0.0 : 0.25;
        fmpq_t z, g, t, r[C], q;
        for (i = 0; i < n * (d + 1); i++)
            Ws[i] = tsa_test_randd(st, -2, 2);
        for (i = 0; i < m * (d + 1); i++)
            Wt[i] = tsa_test_randd(st, -2, 2);
        for (i = 0; i < n * C; i++)
            Vs[i] = tsa_test_randd(st, -2, 2);
        for (i = 0; i < m * C; i++)
            Vt[i] = tsa_test_randd(st, -2, 2);
        for (i = 0; i < d; i++)
            x[i] = tsa_test_randd(st, -3, 3);
        if (n_randint(st, 3) == 0) /* a student exactly on its boundary */
            Ws[d] = -(Ws[0] * x[0]), x[1] = 0.0, x[2] = 0.0;
        tsa_ss_sample_grad(gm, ge, Ws, Vs, n, Wt, Vt, m, d, C, leak, x);
        fmpq_init(z);
        fmpq_init(g);
        fmpq_init(t);
        fmpq_init(q);
        for (c = 0; c < C; c++)
            fmpq_init(r[c]);
        /* exact residual */
        for (k = 0; k < n + m; k++)
        {
            const double *w = k < n ? Ws + k * (d + 1) : Wt + (k - n) * (d + 1);
            qd(z, w[d]);
            for (i = 0; i < d; i++)
            {
                qd(t, w[i]);
                qd(q, x[i]);
                fmpq_addmul(z, t, q);
            }
            if (fmpq_sgn(z) < 0)
            {
                qd(t, leak);
                fmpq_mul(z, z, t);
            }
            for (c = 0; c < C; c++)
            {
                qd(t, k < n ? Vs[k * C + c] : Vt[(k - n) * C + c]);
                fmpq_mul(t, t, z);
                if (k < n)
                    fmpq_sub(r[c], r[c], t);
                else
                    fmpq_add(r[c], r[c], t);
            }
        }
        for (k = 0; k < n; k++)
        {
            int sg = tsa_ss_affine_sign(Ws + k * (d + 1), x, d);
            double gate[2];
            int ng = sg == 0 ? 2 : 1, h;
            gate[0] = sg > 0 ? 1.0 : leak;
            gate[1] = 1.0;
            fmpq_zero(g);
            for (c = 0; c < C; c++)
            {
                qd(t, Vs[k * C + c]);
                fmpq_addmul(g, t, r[c]);
            }
            for (h = 0; h < ng; h++)
            {
                double exact;
                qd(t, gate[h]);
                fmpq_mul(t, t, g);
                exact = fmpq_get_d(t);
                ck_assert_msg(fabs(exact - gm[k]) <= ge[k] * (1 + 1e-9) + 1e-300,
                              "iter %ld k %ld: exact %.17g mid %.17g rad %.3g", (long) iter,
                              (long) k, exact, gm[k], ge[k]);
            }
            ck_assert(ge[k] <= 1e-12 * (1 + fabs(gm[k])) || sg == 0);
        }
        fmpq_clear(z);
        fmpq_clear(g);
        fmpq_clear(t);
        fmpq_clear(q);
        for (c = 0; c < C; c++)
            fmpq_clear(r[c]);
    }
    flint_randclear(st);
}
END_TEST

static tsa_verdict_t
run(tsa_claim_checker_t fn, const char *text)
{
    json_error_t e;
    json_t *params = json_loads(text, 0, &e);
    tsa_claim_result_t r;
    tsa_verdict_t v;
    ck_assert_msg(params != NULL, "json: %s", e.text);
    tsa_claim_result_init(r);
    ck_assert_int_eq(fn(r, params, "t.json", 128), TSA_SUCCESS);
    v = tsa_claim_verdict(r);
    tsa_claim_result_clear(r);
    json_decref(params);
    return v;
}

#define SMALLN "\"teacher\": {\"W\": [[1, 0, 0]], \"V\": [[1]]}, " \
    "\"student\": {\"W\": [[1, 0.5, -0.0125], [1, 0, 5], [2, 0, 10]], \"V\": [[2], [1], [-0.5]]}, " \
    "\"data\": [[0, 0], [-1, 0], [-1, 1]], \"eps\": 0.1, \"kappa\": 1, \"tau\": 1, \"c\": 1"
#define SC0 ", \"sample_const\": 0"

START_TEST(t_thm3)
{
    /* hand-made: the conclusion broken with N = 3 (sample_const 0) */
    ck_assert_int_eq(run(tsa_claim_check_ss_thm3, "{" SMALLN SC0 "}"), TSA_VERDICT_COUNTEREXAMPLE);
    /* the sample-size hypothesis with constant 1 is violated: vacuous */
    ck_assert_int_eq(run(tsa_claim_check_ss_thm3, "{" SMALLN ", \"sample_const\": 1}"),
                     TSA_VERDICT_VACUOUS);
    /* an exact copy of the teacher: consistent (also teacher-aware) */
    ck_assert_int_eq(run(tsa_claim_check_ss_thm3, "{\"teacher\": {\"W\": [[1, 0, 0]], \"V\": [[1]]},"
                         "\"student\": {\"W\": [[2, 0, 0]], \"V\": [[0.5]]}, \"data\": [[0, 0], "
                         "[0.05, 1], [-1, 0], [1, 1]], \"eps\": 0.1, \"kappa\": 0.5, \"tau\": 1" SC0 "}"),
                     TSA_VERDICT_CONSISTENT);
    ck_assert_int_eq(run(tsa_claim_check_ss_thm3, "{\"teacher\": {\"W\": [[1, 0, 0]], \"V\": [[1]]},"
                         "\"student\": {\"W\": [[2, 0, 0]], \"V\": [[0.5]]}, \"data\": [[0, 0], "
                         "[0.05, 1], [-1, 0], [1, 1]], \"eps\": 0.1, \"kappa\": 0.5, \"tau\": 1,"
                         " \"aug\": \"aware\"" SC0 "}"),
                     TSA_VERDICT_CONSISTENT);
    /* a student off by a bias of 0.05: gradient too large -> vacuous */
    ck_assert_int_eq(run(tsa_claim_check_ss_thm3, "{\"teacher\": {\"W\": [[1, 0, 0]], \"V\": [[1]]},"
                         "\"student\": {\"W\": [[1, 0, 0.05]], \"V\": [[1]]}, \"data\": [[0, 0], "
                         "[0.05, 1], [-1, 0], [1, 1]], \"eps\": 0.1, \"kappa\": 0.5, \"tau\": 1" SC0 "}"),
                     TSA_VERDICT_VACUOUS);
    /* no data in the teacher band: Assumption 3(b) false -> vacuous */
    ck_assert_int_eq(run(tsa_claim_check_ss_thm3, "{\"teacher\": {\"W\": [[1, 0, 0]], \"V\": [[1]]},"
                         "\"student\": {\"W\": [[2, 0, 0]], \"V\": [[0.5]]}, \"data\": [[-1, 0], "
                         "[1, 1]], \"eps\": 0.1, \"kappa\": 0.5, \"tau\": 1" SC0 "}"),
                     TSA_VERDICT_VACUOUS);
}
END_TEST

/* Assumption 3(b) compares the count with tau eps N exactly: with eps =
   0.3 (the double just below 3/10), tau = 1, N = 10 the product is just
   below 3, so a band of 3 points satisfies 3 > tau eps N.  The float64
   test cnt > rhs (1 + 1e-15) with rhs rounded to 3.0 said false. */
START_TEST(t_assumption3_exact)
{
    static const double Wt[3] = {1, 0, 0};
    static const double X[20] = {0, 0, 0.1, 1, -0.2, 0.5, 1, 0, 2, 1, -1, 0, -2, 1,
                                 1.5, -1, -1.5, 2, 3, 3};
    tsa_claim_result_t r;
    tsa_claim_result_init(r);
    tsa_ss_assumption3(r, Wt, 1, X, 10, 2, 0.3, 0.3, 1.0, 128);
    ck_assert_int_eq(r->nhyp, 2);
    ck_assert_int_eq(r->hyp[1].truth, TSA_TRUE);
    tsa_claim_result_clear(r);
    /* four points against tau = 0.4 / 0.3 ... : 3 > 1 x 0.3 x 10 above, and
       3 > tau eps N fails for eps = 0.31 (3.1) */
    tsa_claim_result_init(r);
    tsa_ss_assumption3(r, Wt, 1, X, 10, 2, 0.31, 0.31, 1.0, 128);
    ck_assert_int_eq(r->hyp[1].truth, TSA_FALSE);
    tsa_claim_result_clear(r);
}
END_TEST

START_TEST(t_dataset)
{
    /* 9 collinear points: a band of any width holds all of them */
    const char *line = "{\"data\": [[0,0],[1,0],[2,0],[3,0],[4,0],[5,0],[6,0],[7,0],[8,0]],"
                       " \"eta\": %s, \"mu\": 1, \"eps\": [0.1]}";
    char buf[512];
    snprintf(buf, sizeof buf, line, "1");
    ck_assert_int_eq(run(tsa_claim_check_ss_dataset, buf), TSA_VERDICT_COUNTEREXAMPLE);
    snprintf(buf, sizeof buf, line, "7");     /* 9 <= 7 x 0.1 x 9 + 3 */
    ck_assert_int_eq(run(tsa_claim_check_ss_dataset, buf), TSA_VERDICT_CONSISTENT);
    snprintf(buf, sizeof buf, line, "-1");
    ck_assert_int_eq(run(tsa_claim_check_ss_dataset, buf), TSA_VERDICT_VACUOUS);
    /* eq. (7): 3 of 9 points at |x| >= 10 = 1/eps, mu eps^2 N = 0.09 mu */
    ck_assert_int_eq(run(tsa_claim_check_ss_dataset, "{\"data\": [[10,0],[0,10],[-10,-10],"
                         "[0,0],[1,0],[0,1],[1,1],[2,0],[0,2]], \"eta\": 50, \"mu\": 10, "
                         "\"eps\": [0.1]}"), TSA_VERDICT_COUNTEREXAMPLE);
}
END_TEST

START_TEST(t_aug)
{
    ck_assert_int_eq(run(tsa_claim_check_ss_aug, "{\"gaussian\": {\"N\": 20, \"d\": 3, "
                         "\"seed\": 2}, \"eps\": 0.2, \"c\": 2, \"K\": 5}"),
                     TSA_VERDICT_CONSISTENT);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_band_exact, t_band_max, t_sample_grad, t_thm3, t_dataset, t_aug,
                            t_assumption3_exact};
    return tsa_test_main("ss_data", tests, 7, 60);
}
