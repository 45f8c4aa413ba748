/* t-F_series.c -- tsa_ad_F_series against the naive closed-form series
 * at high precision, at pi, on balls, and against F, F', F''. */
#include <string.h>
#include "ad_test.h"

START_TEST(t_naive)
{
    flint_rand_t st;
    arb_t t, c, u, v;
    arb_poly_t P, R;
    slong iter, k;
    tsa_test_seed(st);
    arb_init(t);
    arb_init(c);
    arb_init(u);
    arb_init(v);
    arb_poly_init(P);
    arb_poly_init(R);
    for (iter = 0; iter < 200 * tsa_test_multiplier(); iter++)
    {
        slong prec = 2 + n_randint(st, 400), len = n_randint(st, 10);
        tsa_ad_act_t act = ad_rand_act(st);
        ad_rand_theta(t, st);
        ad_rand_c(c, st);
        ad_note(prec, act, t, c);
        ck_assert_int_eq(tsa_ad_F_series(P, t, len, act, c, prec),
                         TSA_SUCCESS);
        ck_assert(P->length <= len);
        ad_naive_F_series(R, t, 0, len, act, c, 3 * prec + 2000);
        for (k = 0; k < len; k++)
        {
            arb_poly_get_coeff_arb(u, P, k);
            arb_poly_get_coeff_arb(v, R, k);
            ad_check("F_series coefficient", u, v, iter);
            /* |coefficient| <= 4: absolute accuracy 2^(20 - prec) */
            ck_assert_msg(mag_cmp_2exp_si(arb_radref(u), 20 - prec) <= 0,
                          "F_series coefficient %ld too wide (iter %ld)",
                          (long) k, (long) iter);
        }
        if (len > 0)
        {
            arb_poly_get_coeff_arb(u, P, 0);
            ad_accurate("F_series constant", u, prec - 20, iter);
        }
        if (len > 2)
        {
            ck_assert_int_eq(tsa_ad_F1(v, t, act, c, prec), TSA_SUCCESS);
            arb_poly_get_coeff_arb(u, P, 1);
            ad_overlaps("F_series[1] = F'", u, v, iter);
            ck_assert_int_eq(tsa_ad_F2(v, t, act, c, prec), TSA_SUCCESS);
            arb_poly_get_coeff_arb(u, P, 2);
            arb_mul_2exp_si(u, u, 1);
            ad_overlaps("2 F_series[2] = F''", u, v, iter);
        }
    }
    arb_clear(t);
    arb_clear(c);
    arb_clear(u);
    arb_clear(v);
    arb_poly_clear(P);
    arb_poly_clear(R);
    flint_randclear(st);
}
END_TEST

/* theta0 = pi as a ball and as 0 exactly, against exact-zero references. */
START_TEST(t_ends)
{
    arb_t t, c, u, v;
    arb_poly_t P, R;
    slong k, a, len = 12, prec = 200;
    arb_init(t);
    arb_init(c);
    arb_init(u);
    arb_init(v);
    arb_poly_init(P);
    arb_poly_init(R);
    arb_set_d(c, 0.125);
    for (a = 0; a < AD_NACT; a++)
    {
        ad_note(prec, (tsa_ad_act_t) a, t, c);
        arb_const_pi(t, prec);
        ck_assert_int_eq(tsa_ad_F_series(P, t, len, (tsa_ad_act_t) a, c,
                                         prec), TSA_SUCCESS);
        ad_naive_F_series(R, NULL, 1, len, (tsa_ad_act_t) a, c, 2 * prec);
        for (k = 0; k < len; k++)
        {
            arb_poly_get_coeff_arb(u, P, k);
            arb_poly_get_coeff_arb(v, R, k);
            ad_check("F_series at pi", u, v, k);
            ck_assert(mag_cmp_2exp_si(arb_radref(u), 10 - prec) <= 0);
        }
        arb_zero(t);
        ck_assert_int_eq(tsa_ad_F_series(P, t, len, (tsa_ad_act_t) a, c,
                                         prec), TSA_SUCCESS);
        ad_naive_F_series(R, t, 0, len, (tsa_ad_act_t) a, c, 2 * prec);
        for (k = 0; k < len; k++)
        {
            arb_poly_get_coeff_arb(u, P, k);
            arb_poly_get_coeff_arb(v, R, k);
            ad_check("F_series at 0", u, v, k);
        }
        /* F'(0) = 0 exactly for the smooth cases */
        arb_poly_get_coeff_arb(u, P, 1);
        ck_assert(a == TSA_AD_ARCCOS0 || arb_is_zero(u));
    }
    arb_clear(t);
    arb_clear(c);
    arb_clear(u);
    arb_clear(v);
    arb_poly_clear(P);
    arb_poly_clear(R);
}
END_TEST

START_TEST(t_ball)
{
    flint_rand_t st;
    arb_t t, c, p, u, v;
    arb_poly_t P, R;
    slong iter, j, k;
    tsa_test_seed(st);
    arb_init(t);
    arb_init(c);
    arb_init(p);
    arb_init(u);
    arb_init(v);
    arb_poly_init(P);
    arb_poly_init(R);
    for (iter = 0; iter < 100 * tsa_test_multiplier(); iter++)
    {
        slong prec = 2 + n_randint(st, 200), len = 1 + n_randint(st, 6);
        tsa_ad_act_t act = ad_rand_act(st);
        int status;
        ad_rand_ball(t, st);
        ad_rand_c(c, st);
        ad_note(prec, act, t, c);
        status = tsa_ad_F_series(P, t, len, act, c, prec);
        if (status != TSA_SUCCESS)
        {
            ck_assert_int_eq(status, TSA_EDOM);
            continue;
        }
        for (j = 0; j < 4; j++)
        {
            if (!ad_point_in_ball(p, t, st))
                continue;
            ad_naive_F_series(R, p, 0, len, act, c, 2 * prec + 2000);
            for (k = 0; k < len; k++)
            {
                arb_poly_get_coeff_arb(u, P, k);
                arb_poly_get_coeff_arb(v, R, k);
                ad_check("F_series ball point", u, v, iter);
            }
        }
    }
    arb_clear(t);
    arb_clear(c);
    arb_clear(p);
    arb_clear(u);
    arb_clear(v);
    arb_poly_clear(P);
    arb_poly_clear(R);
    flint_randclear(st);
}
END_TEST

START_TEST(t_domain)
{
    arb_t t;
    arb_poly_t P;
    arb_init(t);
    arb_poly_init(P);
    arb_set_d(t, 1.0);
    ck_assert_int_eq(tsa_ad_F_series(P, t, -1, TSA_AD_RELU, NULL, 64),
                     TSA_EINVAL);
    ck_assert_str_eq(tsa_error_last(), "tsa_ad_F_series: len = -1 < 0");
    arb_set_d(t, -2.0);
    ck_assert_int_eq(tsa_ad_F_series(P, t, 3, TSA_AD_RELU, NULL, 64),
                     TSA_EDOM);
    ck_assert(strstr(tsa_error_last(), "tsa_ad_F_series: theta = ") != NULL);
    arb_set_d(t, 1.0);
    ck_assert_int_eq(tsa_ad_F_series(P, t, 3, TSA_AD_LEAKY, NULL, 64),
                     TSA_EDOM);
    ck_assert_int_eq(tsa_ad_F_series(P, t, 0, TSA_AD_RELU, NULL, 64),
                     TSA_SUCCESS);
    ck_assert(P->length == 0);
    arb_clear(t);
    arb_poly_clear(P);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_naive, t_ends, t_ball, t_domain};
    return tsa_test_main("ad_F_series", tests, 4, 0);
}
