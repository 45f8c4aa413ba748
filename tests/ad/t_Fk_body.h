/* t_Fk_body.h -- shared body of t-F1.c (AD_K = 1, F') and t-F2.c
 * (AD_K = 2, F'').  References: the derivative of the naive closed-form
 * series (arb_poly arithmetic) and centred finite differences of the naive
 * F at high precision. */
#include <string.h>
#include "ad_test.h"

/* Against the series derivative: containment and tightness. */
START_TEST(t_series)
{
    flint_rand_t st;
    arb_t t, c, y, ref;
    slong iter;
    tsa_test_seed(st);
    arb_init(t);
    arb_init(c);
    arb_init(y);
    arb_init(ref);
    for (iter = 0; iter < 300 * tsa_test_multiplier(); iter++)
    {
        slong prec = tsa_test_randprec(st) - 28 + n_randint(st, 2);
        tsa_ad_act_t act = ad_rand_act(st);
        ad_rand_theta(t, st);
        ad_rand_c(c, st);
        ad_note(prec, act, t, c);
        ck_assert_int_eq(AD_FN(y, t, act, c, prec), TSA_SUCCESS);
        ad_naive(ref, AD_K, t, act, c, prec + 40);
        ad_check(AD_NAME " vs series derivative", y, ref, iter);
        ad_accurate(AD_NAME " tight", y, prec - 20, iter);
        ck_assert_int_eq(AD_FN(t, t, act, c, prec), TSA_SUCCESS); /* alias */
        ck_assert(arb_equal(t, y));
    }
    arb_clear(t);
    arb_clear(c);
    arb_clear(y);
    arb_clear(ref);
    flint_randclear(st);
}
END_TEST

/* Centred finite differences of the naive F, step h = 2^-e:
 *   F'  = (F(t+h) - F(t-h)) / (2h)          + O(h^2 max|F'''| / 6)
 *   F'' = (F(t+h) - 2F(t) + F(t-h)) / h^2   + O(h^2 max|F''''| / 12)
 * with max|F'''|, max|F''''| <= 10 on [0, pi] for the four activations
 * (docs/ad.md s. 3); the test allows 16 h^2. */
START_TEST(t_fd)
{
    flint_rand_t st;
    arb_t t, c, y, h, tp, tm, fp, fm, f0, fd, pi;
    slong iter;
    tsa_test_seed(st);
    arb_init(t);
    arb_init(c);
    arb_init(y);
    arb_init(h);
    arb_init(tp);
    arb_init(tm);
    arb_init(fp);
    arb_init(fm);
    arb_init(f0);
    arb_init(fd);
    arb_init(pi);
    arb_const_pi(pi, 128);
    for (iter = 0; iter < 200 * tsa_test_multiplier(); iter++)
    {
        slong prec = 2 + n_randint(st, 300);
        slong e = prec / 3 + 8, wp = 2 * prec + e + 100;
        tsa_ad_act_t act = ad_rand_act(st);
        ad_rand_theta(t, st);
        ad_rand_c(c, st);
        ad_note(prec, act, t, c);
        arb_one(h);
        arb_mul_2exp_si(h, h, -e);
        arb_add(tp, t, h, ARF_PREC_EXACT);
        arb_sub(tm, t, h, ARF_PREC_EXACT);
        if (!arb_is_nonnegative(tm) || !arb_lt(tp, pi))
            continue;
        ck_assert_int_eq(AD_FN(y, t, act, c, prec), TSA_SUCCESS);
        ad_naive(fp, 0, tp, act, c, wp);
        ad_naive(fm, 0, tm, act, c, wp);
        if (AD_K == 1)
        {
            arb_sub(fd, fp, fm, wp);
            arb_mul_2exp_si(fd, fd, e - 1);
        }
        else
        {
            ad_naive(f0, 0, t, act, c, wp);
            arb_add(fd, fp, fm, wp);
            arb_submul_ui(fd, f0, 2, wp);
            arb_mul_2exp_si(fd, fd, 2 * e);
        }
        arb_add_error_2exp_si(fd, 4 - 2 * e);
        ad_overlaps(AD_NAME " vs finite differences", y, fd, iter);
    }
    arb_clear(t);
    arb_clear(c);
    arb_clear(y);
    arb_clear(h);
    arb_clear(tp);
    arb_clear(tm);
    arb_clear(fp);
    arb_clear(fm);
    arb_clear(f0);
    arb_clear(fd);
    arb_clear(pi);
    flint_randclear(st);
}
END_TEST

/* Ball inputs: sampled points are enclosed; a narrow ball gives a radius
 * of order rad * max|F^(K+1)| (mean-value form), not a wide one. */
START_TEST(t_ball)
{
    flint_rand_t st;
    arb_t t, c, y, p, ref;
    slong iter, j;
    tsa_test_seed(st);
    arb_init(t);
    arb_init(c);
    arb_init(y);
    arb_init(p);
    arb_init(ref);
    for (iter = 0; iter < 200 * tsa_test_multiplier(); iter++)
    {
        slong prec = 2 + n_randint(st, 200);
        tsa_ad_act_t act = ad_rand_act(st);
        int status;
        ad_rand_ball(t, st);
        ad_rand_c(c, st);
        ad_note(prec, act, t, c);
        status = AD_FN(y, t, act, c, prec);
        if (status != TSA_SUCCESS)
        {
            ck_assert_int_eq(status, TSA_EDOM);
            ck_assert(strstr(tsa_error_last(), "does not meet [0, pi]"));
            continue;
        }
        for (j = 0; j < 6; j++)
        {
            if (!ad_point_in_ball(p, t, st))
                continue;
            ad_naive(ref, AD_K, p, act, c, prec + 40);
            ad_check(AD_NAME " ball point", y, ref, iter);
        }
        if (prec >= 60 && mag_cmp_2exp_si(arb_radref(t), -20) <= 0)
        {
            /* |F^(K+1)| <= 4 on [0, pi] (docs/ad.md s. 3) */
            mag_t bound;
            mag_init(bound);
            mag_mul_2exp_si(bound, arb_radref(t), 3);
            mag_add_ui_2exp_si(bound, bound, 1, -prec + 8);
            if (mag_cmp(arb_radref(y), bound) > 0)
                printf("# inputs: %s\n", ad_note_buf);
            ck_assert_msg(mag_cmp(arb_radref(y), bound) <= 0,
                          AD_NAME " ball too wide (iter %ld)", (long) iter);
            mag_clear(bound);
        }
    }
    arb_clear(t);
    arb_clear(c);
    arb_clear(y);
    arb_clear(p);
    arb_clear(ref);
    flint_randclear(st);
}
END_TEST

/* Values at 0, leaky c = 0 equals ReLU, domain errors. */
START_TEST(t_special)
{
    arb_t t, c, y, ref;
    arb_init(t);
    arb_init(c);
    arb_init(y);
    arb_init(ref);
    arb_zero(t);
    arb_set_d(c, 0.25);
    /* F'(0) = 0 (exact) but -1/(2 pi) for arccos0;
     * F''(0) = -1/2, -(1-c)^2/2 - c, 0, -2 */
    ck_assert_int_eq(AD_FN(y, t, TSA_AD_RELU, NULL, 80), TSA_SUCCESS);
    arb_set_d(ref, AD_K == 1 ? 0.0 : -0.5);
    ad_contains(AD_NAME "(0) relu", y, ref, 0);
    ck_assert_int_eq(AD_FN(y, t, TSA_AD_LEAKY, c, 80), TSA_SUCCESS);
    arb_set_d(ref, AD_K == 1 ? 0.0 : -0.75 * 0.75 / 2 - 0.25);
    ad_contains(AD_NAME "(0) leaky", y, ref, 0);
    ck_assert_int_eq(AD_FN(y, t, TSA_AD_ARCCOS2, NULL, 80), TSA_SUCCESS);
    arb_set_d(ref, AD_K == 1 ? 0.0 : -2.0);
    ad_contains(AD_NAME "(0) arccos2", y, ref, 0);
    if (AD_K == 1)
        ck_assert(arb_is_zero(y));
    ck_assert_int_eq(AD_FN(y, t, TSA_AD_ARCCOS0, NULL, 80), TSA_SUCCESS);
    if (AD_K == 1)
    {
        arb_const_pi(ref, 200);
        arb_mul_2exp_si(ref, ref, 1);
        arb_inv(ref, ref, 200);
        arb_neg(ref, ref);
        ad_overlaps(AD_NAME "(0) arccos0", y, ref, 0);
        ad_accurate(AD_NAME "(0) arccos0", y, 75, 0);
    }
    else
        ck_assert(arb_is_zero(y));
    arb_zero(c);
    arb_set_d(t, 1.75);
    ck_assert_int_eq(AD_FN(y, t, TSA_AD_LEAKY, c, 200), TSA_SUCCESS);
    ck_assert_int_eq(AD_FN(ref, t, TSA_AD_RELU, NULL, 200), TSA_SUCCESS);
    ad_overlaps("leaky c = 0 is relu", y, ref, 0);
    ad_accurate("leaky c = 0", y, 190, 0);
    /* domain */
    arb_set_d(t, 4.0);
    ck_assert_int_eq(AD_FN(y, t, TSA_AD_RELU, NULL, 64), TSA_EDOM);
    ck_assert(!arb_is_finite(y));
    ck_assert_str_eq(tsa_error_last(), "tsa_ad_" AD_NAME ": theta = "
                     "4.0000000000000000000 does not meet [0, pi]");
    arb_set_d(c, 1.5);
    arb_set_d(t, 1.0);
    ck_assert_int_eq(AD_FN(y, t, TSA_AD_LEAKY, c, 64), TSA_EDOM);
    ck_assert(strstr(tsa_error_last(), "not inside [0, 1)") != NULL);
    arb_clear(t);
    arb_clear(c);
    arb_clear(y);
    arb_clear(ref);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_series, t_fd, t_ball, t_special};
    return tsa_test_main("ad_" AD_NAME, tests, 4, 0);
}
