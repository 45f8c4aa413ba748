/* t-G.c -- tsa_ad_G against the alternative closed forms of G, against
 * -F'/sin at interior points, identities, balls and the arccos0 poles. */
#include <string.h>
#include "ad_test.h"

START_TEST(t_closed)
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
        int status;
        ad_rand_theta(t, st);
        ad_rand_c(c, st);
        ad_note(prec, act, t, c);
        status = tsa_ad_G(y, t, act, c, prec);
        if (act == TSA_AD_ARCCOS0 && arb_is_zero(t))
        {
            ck_assert_int_eq(status, TSA_EDOM);
            continue;
        }
        ck_assert_int_eq(status, TSA_SUCCESS);
        ad_naive(ref, 3, t, act, c, prec + 40);
        ad_check("G vs closed form", y, ref, iter);
        ad_accurate("G tight", y, prec - 20, iter);
        ck_assert_int_eq(tsa_ad_G(t, t, act, c, prec), TSA_SUCCESS);
        ck_assert(arb_equal(t, y));
    }
    arb_clear(t);
    arb_clear(c);
    arb_clear(y);
    arb_clear(ref);
    flint_randclear(st);
}
END_TEST

/* G = -F'/sin theta with F' from the naive series, theta in (0, pi). */
START_TEST(t_quotient)
{
    flint_rand_t st;
    arb_t t, c, y, ref, s;
    slong iter;
    tsa_test_seed(st);
    arb_init(t);
    arb_init(c);
    arb_init(y);
    arb_init(ref);
    arb_init(s);
    for (iter = 0; iter < 200 * tsa_test_multiplier(); iter++)
    {
        slong prec = 2 + n_randint(st, 400);
        tsa_ad_act_t act = ad_rand_act(st);
        ad_rand_theta(t, st);
        ad_rand_c(c, st);
        ad_note(prec, act, t, c);
        if (arb_is_zero(t))
            continue;
        ck_assert_int_eq(tsa_ad_G(y, t, act, c, prec), TSA_SUCCESS);
        ad_naive(ref, 1, t, act, c, 2 * prec + 700);
        arb_sin(s, t, 2 * prec + 700);
        arb_div(ref, ref, s, 2 * prec + 700);
        arb_neg(ref, ref);
        ad_check("G vs -F'/sin", y, ref, iter);
    }
    arb_clear(t);
    arb_clear(c);
    arb_clear(y);
    arb_clear(ref);
    arb_clear(s);
    flint_randclear(st);
}
END_TEST

/* G_relu = (pi - t)/(2 pi) = psi_d at zero bias = F_arccos0 (both are
 * P(X > 0, Y > 0)); G_arccos2 = 4 F_relu; leaky c = 0 is ReLU; values at
 * 0 and pi. */
START_TEST(t_identity)
{
    flint_rand_t st;
    arb_t t, c, y, ref, pi;
    slong iter;
    tsa_test_seed(st);
    arb_init(t);
    arb_init(c);
    arb_init(y);
    arb_init(ref);
    arb_init(pi);
    for (iter = 0; iter < 100 * tsa_test_multiplier(); iter++)
    {
        slong prec = 2 + n_randint(st, 300);
        ad_rand_theta(t, st);
        arb_zero(c);
        ad_note(prec, TSA_AD_RELU, t, c);
        ck_assert_int_eq(tsa_ad_G(y, t, TSA_AD_RELU, NULL, prec),
                         TSA_SUCCESS);
        arb_const_pi(pi, prec + 100);
        arb_sub(ref, pi, t, prec + 100);
        arb_div(ref, ref, pi, prec + 100);
        arb_mul_2exp_si(ref, ref, -1);
        ad_check("G_relu = (pi - t)/(2 pi)", y, ref, iter);
        ck_assert_int_eq(tsa_ad_F(ref, t, TSA_AD_ARCCOS0, NULL, prec),
                         TSA_SUCCESS);
        ad_overlaps("G_relu = F_arccos0", y, ref, iter);
        ck_assert_int_eq(tsa_ad_G(ref, t, TSA_AD_LEAKY, c, prec),
                         TSA_SUCCESS);
        ad_overlaps("G leaky c = 0 is G relu", y, ref, iter);
        ck_assert_int_eq(tsa_ad_G(y, t, TSA_AD_ARCCOS2, NULL, prec),
                         TSA_SUCCESS);
        ck_assert_int_eq(tsa_ad_F(ref, t, TSA_AD_RELU, NULL, prec + 10),
                         TSA_SUCCESS);
        arb_mul_2exp_si(ref, ref, 2);
        ad_overlaps("G_arccos2 = 4 F_relu", y, ref, iter);
    }
    /* G(0): 1/2, (1 + c^2)/2, 2; G(pi): 0, c, 0 */
    arb_zero(t);
    arb_set_d(c, 0.5);
    ck_assert_int_eq(tsa_ad_G(y, t, TSA_AD_LEAKY, c, 64), TSA_SUCCESS);
    arb_set_d(ref, 0.625);
    ad_contains("leaky G(0)", y, ref, 0);
    ck_assert_int_eq(tsa_ad_G(y, t, TSA_AD_ARCCOS2, NULL, 64), TSA_SUCCESS);
    arb_set_d(ref, 2.0);
    ad_contains("arccos2 G(0)", y, ref, 0);
    arb_const_pi(t, 100);
    ck_assert_int_eq(tsa_ad_G(y, t, TSA_AD_LEAKY, c, 64), TSA_SUCCESS);
    arb_set_d(ref, 0.5);
    ad_contains("leaky G(pi)", y, ref, 0);
    ck_assert_int_eq(tsa_ad_G(y, t, TSA_AD_ARCCOS2, NULL, 64), TSA_SUCCESS);
    ck_assert(arb_contains_zero(y));
    arb_clear(t);
    arb_clear(c);
    arb_clear(y);
    arb_clear(ref);
    arb_clear(pi);
    flint_randclear(st);
}
END_TEST

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
        status = tsa_ad_G(y, t, act, c, prec);
        if (status != TSA_SUCCESS)
        {
            ck_assert_int_eq(status, TSA_EDOM);
            ck_assert(strstr(tsa_error_last(), "does not meet [0, pi]")
                      || (act == TSA_AD_ARCCOS0
                          && strstr(tsa_error_last(), "poles")));
            continue;
        }
        for (j = 0; j < 6; j++)
        {
            if (!ad_point_in_ball(p, t, st))
                continue;
            ad_naive(ref, 3, p, act, c, prec + 40);
            ad_check("G ball point", y, ref, iter);
        }
    }
    /* arccos0 on [0.1, 3.0]: finite, contains 1/(2 pi) (at pi/2) and the
     * value at 0.1 (convex hull, not the naive 1/sin of a ball) */
    arb_set_d(t, 1.55);
    mag_set_d(arb_radref(t), 1.45);
    ck_assert_int_eq(tsa_ad_G(y, t, TSA_AD_ARCCOS0, NULL, 64), TSA_SUCCESS);
    ck_assert(arb_is_finite(y));
    arb_set_d(p, 1.5707963267948966);
    ad_naive(ref, 3, p, TSA_AD_ARCCOS0, NULL, 100);
    ad_check("arccos0 G min", y, ref, 0);
    arb_set_d(p, 0.1);
    ad_naive(ref, 3, p, TSA_AD_ARCCOS0, NULL, 100);
    ad_check("arccos0 G end", y, ref, 0);
    arb_clear(t);
    arb_clear(c);
    arb_clear(y);
    arb_clear(p);
    arb_clear(ref);
    flint_randclear(st);
}
END_TEST

START_TEST(t_domain)
{
    arb_t t, y;
    arb_init(t);
    arb_init(y);
    arb_zero(t);
    ck_assert_int_eq(tsa_ad_G(y, t, TSA_AD_ARCCOS0, NULL, 64), TSA_EDOM);
    ck_assert(!arb_is_finite(y));
    ck_assert_str_eq(tsa_error_last(),
                     "tsa_ad_G: G of arccos0 has poles at 0 and pi; theta = "
                     "0 touches one");
    arb_const_pi(t, 64);
    ck_assert_int_eq(tsa_ad_G(y, t, TSA_AD_ARCCOS0, NULL, 64), TSA_EDOM);
    arb_set_d(t, 3.0);
    mag_set_d(arb_radref(t), 0.2);
    ck_assert_int_eq(tsa_ad_G(y, t, TSA_AD_ARCCOS0, NULL, 64), TSA_EDOM);
    arb_set_d(t, 1e-300); /* close to the pole but not touching it */
    ck_assert_int_eq(tsa_ad_G(y, t, TSA_AD_ARCCOS0, NULL, 64), TSA_SUCCESS);
    arb_set_d(t, 3.141592653589793116);
    ck_assert_int_eq(tsa_ad_G(y, t, TSA_AD_ARCCOS0, NULL, 64), TSA_SUCCESS);
    ad_accurate("arccos0 G near pi", y, 60, 0);
    /* the other activations are fine at the ends */
    arb_zero(t);
    ck_assert_int_eq(tsa_ad_G(y, t, TSA_AD_RELU, NULL, 64), TSA_SUCCESS);
    arb_set_d(t, -1.0);
    ck_assert_int_eq(tsa_ad_G(y, t, TSA_AD_RELU, NULL, 64), TSA_EDOM);
    arb_clear(t);
    arb_clear(y);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_closed, t_quotient, t_identity, t_ball,
                            t_domain};
    return tsa_test_main("ad_G", tests, 5, 0);
}
