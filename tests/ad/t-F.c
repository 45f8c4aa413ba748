/* t-F.c -- tsa_ad_F against the Gaussian expectation (quadrature) and the
 * naive closed form at high precision; balls, aliasing, domain errors. */
#include <string.h>
#include "ad_test.h"

/* Quadrature of E[sigma(X) sigma(cos t X + sin t Z)]: containment and
 * tightness at exact theta. */
START_TEST(t_quad)
{
    flint_rand_t st;
    arb_t t, c, y, ref;
    slong iter;
    tsa_test_seed(st);
    arb_init(t);
    arb_init(c);
    arb_init(y);
    arb_init(ref);
    for (iter = 0; iter < 60 * tsa_test_multiplier(); iter++)
    {
        slong prec = 2 + n_randint(st, 150);
        tsa_ad_act_t act = ad_rand_act(st);
        ad_rand_theta(t, st);
        ad_rand_c(c, st);
        ad_note(prec, act, t, c);
        ck_assert_int_eq(tsa_ad_F(y, t, act, c, prec), TSA_SUCCESS);
        ad_quad_F(ref, t, act, c, prec + 30);
        ad_check("F vs quadrature", y, ref, iter);
        ad_accurate("F tight", y, prec - 20, iter);
    }
    arb_clear(t);
    arb_clear(c);
    arb_clear(y);
    arb_clear(ref);
    flint_randclear(st);
}
END_TEST

/* Naive closed form at high precision (Ziv on the reference side): all
 * precisions, theta down to 2^-300 from pi. */
START_TEST(t_naive)
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
        ck_assert_int_eq(tsa_ad_F(y, t, act, c, prec), TSA_SUCCESS);
        ad_naive(ref, 0, t, act, c, prec + 40);
        ad_check("F vs closed form", y, ref, iter);
        ad_accurate("F tight", y, prec - 20, iter);
        /* aliasing */
        ck_assert_int_eq(tsa_ad_F(t, t, act, c, prec), TSA_SUCCESS);
        ck_assert(arb_equal(t, y));
    }
    arb_clear(t);
    arb_clear(c);
    arb_clear(y);
    arb_clear(ref);
    flint_randclear(st);
}
END_TEST

/* Ball inputs: every exact point of the ball in [0, pi] is enclosed;
 * the monotone hull is no wider than the direct range plus rounding. */
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
        status = tsa_ad_F(y, t, act, c, prec);
        if (status != TSA_SUCCESS)
        {
            /* only if the ball misses [0, pi] */
            ck_assert_int_eq(status, TSA_EDOM);
            ck_assert(strstr(tsa_error_last(), "does not meet [0, pi]"));
            ck_assert(arf_cmp_si(arb_midref(t), 0) < 0
                      || arf_cmp_si(arb_midref(t), 3) > 0);
            continue;
        }
        for (j = 0; j < 6; j++)
        {
            if (!ad_point_in_ball(p, t, st))
                continue;
            ad_naive(ref, 0, p, act, c, prec + 40);
            ad_check("F ball point", y, ref, iter);
        }
    }
    /* the whole of [0, pi]: F of ReLU lies in [0, 1/2] */
    arb_set_d(t, 1.5);
    mag_set_d(arb_radref(t), 10.0);
    ck_assert_int_eq(tsa_ad_F(y, t, TSA_AD_RELU, NULL, 64), TSA_SUCCESS);
    arb_set_d(p, 0.25);
    mag_set_d(arb_radref(p), 0.25 + 1e-8); /* mag: 30 bits */
    if (!arb_contains(p, y))
    {
        arb_printd(y, 30);
        printf("\n");
    }
    ck_assert(arb_contains(p, y));
    arb_clear(t);
    arb_clear(c);
    arb_clear(y);
    arb_clear(p);
    arb_clear(ref);
    flint_randclear(st);
}
END_TEST

/* F(0) = E[sigma(X)^2]; leaky with c = 0 is ReLU; pi as a ball. */
START_TEST(t_special)
{
    arb_t t, c, y, ref;
    arb_init(t);
    arb_init(c);
    arb_init(y);
    arb_init(ref);
    arb_zero(t);
    ck_assert_int_eq(tsa_ad_F(y, t, TSA_AD_RELU, NULL, 100), TSA_SUCCESS);
    arb_set_d(ref, 0.5);
    ad_contains("relu F(0) = 1/2", y, ref, 0);
    ck_assert_int_eq(tsa_ad_F(y, t, TSA_AD_ARCCOS0, NULL, 100), TSA_SUCCESS);
    ad_contains("arccos0 F(0) = 1/2", y, ref, 0);
    ck_assert_int_eq(tsa_ad_F(y, t, TSA_AD_ARCCOS2, NULL, 100), TSA_SUCCESS);
    arb_set_d(ref, 1.5);
    ad_contains("arccos2 F(0) = 3/2", y, ref, 0);
    arb_set_d(c, 0.375);
    ck_assert_int_eq(tsa_ad_F(y, t, TSA_AD_LEAKY, c, 100), TSA_SUCCESS);
    arb_set_d(ref, (1 + 0.375 * 0.375) / 2);
    ad_contains("leaky F(0) = (1 + c^2)/2", y, ref, 0);
    ad_accurate("leaky F(0)", y, 95, 0);
    /* at pi: ReLU, arccos0, arccos2 vanish; leaky gives -c */
    arb_const_pi(t, 128);
    ck_assert_int_eq(tsa_ad_F(y, t, TSA_AD_RELU, NULL, 100), TSA_SUCCESS);
    ck_assert(arb_contains_zero(y) && mag_cmp_2exp_si(arb_radref(y), -120) < 0);
    ck_assert_int_eq(tsa_ad_F(y, t, TSA_AD_LEAKY, c, 100), TSA_SUCCESS);
    arb_set_d(ref, -0.375);
    ad_contains("leaky F(pi) = -c", y, ref, 0);
    /* c = 0 leaky equals ReLU */
    arb_zero(c);
    arb_set_d(t, 2.5);
    ck_assert_int_eq(tsa_ad_F(y, t, TSA_AD_LEAKY, c, 200), TSA_SUCCESS);
    ck_assert_int_eq(tsa_ad_F(ref, t, TSA_AD_RELU, NULL, 200), TSA_SUCCESS);
    ad_overlaps("leaky c = 0 is relu", y, ref, 0);
    ad_accurate("leaky c = 0", y, 190, 0);
    arb_clear(t);
    arb_clear(c);
    arb_clear(y);
    arb_clear(ref);
}
END_TEST

/* Domain errors: documented code and one-line message. */
START_TEST(t_domain)
{
    arb_t t, c, y;
    arb_init(t);
    arb_init(c);
    arb_init(y);
    arb_set_d(t, -0.5);
    ck_assert_int_eq(tsa_ad_F(y, t, TSA_AD_RELU, NULL, 64), TSA_EDOM);
    ck_assert(!arb_is_finite(y));
    ck_assert_str_eq(tsa_error_last(),
                     "tsa_ad_F: theta = -0.50000000000000000000 does not "
                     "meet [0, pi]");
    arb_set_d(t, 3.1415926535897936); /* next double above pi */
    ck_assert_int_eq(tsa_ad_F(y, t, TSA_AD_RELU, NULL, 64), TSA_EDOM);
    arb_indeterminate(t);
    ck_assert_int_eq(tsa_ad_F(y, t, TSA_AD_RELU, NULL, 64), TSA_EDOM);
    ck_assert_str_eq(tsa_error_last(), "tsa_ad_F: theta is not finite");
    arb_set_d(t, 1.0);
    ck_assert_int_eq(tsa_ad_F(y, t, TSA_AD_LEAKY, NULL, 64), TSA_EDOM);
    ck_assert_str_eq(tsa_error_last(), "tsa_ad_F: leaky slope c missing");
    arb_one(c);
    ck_assert_int_eq(tsa_ad_F(y, t, TSA_AD_LEAKY, c, 64), TSA_EDOM);
    ck_assert_str_eq(tsa_error_last(),
                     "tsa_ad_F: leaky slope c = 1.0000000000000000000 not "
                     "inside [0, 1)");
    arb_set_d(c, -1e-300);
    ck_assert_int_eq(tsa_ad_F(y, t, TSA_AD_LEAKY, c, 64), TSA_EDOM);
    ck_assert_int_eq(tsa_ad_F(y, t, (tsa_ad_act_t) 9, NULL, 64), TSA_EINVAL);
    ck_assert(strchr(tsa_error_last(), '\n') == NULL);
    /* a ball straddling 0 and pi is clipped, not rejected */
    arb_zero(t);
    mag_set_d(arb_radref(t), 1e-10);
    ck_assert_int_eq(tsa_ad_F(y, t, TSA_AD_RELU, NULL, 64), TSA_SUCCESS);
    arb_const_pi(t, 64);
    mag_set_d(arb_radref(t), 1e-10);
    ck_assert_int_eq(tsa_ad_F(y, t, TSA_AD_RELU, NULL, 64), TSA_SUCCESS);
    ck_assert(arb_is_nonnegative(y) || arb_contains_zero(y));
    arb_clear(t);
    arb_clear(c);
    arb_clear(y);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_quad, t_naive, t_ball, t_special, t_domain};
    return tsa_test_main("ad_F", tests, 5, 0);
}
