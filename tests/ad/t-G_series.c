/* t-G_series.c -- tsa_ad_G_series against the naive closed-form G series,
 * against -F'/sin (ordinary series division) inside (0, pi), and at 0 and
 * pi against tsa_ad_div_series_zero applied to the naive F series. */
#include <string.h>
#include "ad_test.h"

static void
check_polys(const char *label, const arb_poly_t P, const arb_poly_t R,
            slong len, slong iter)
{
    arb_t u, v;
    slong k;
    arb_init(u);
    arb_init(v);
    for (k = 0; k < len; k++)
    {
        arb_poly_get_coeff_arb(u, P, k);
        arb_poly_get_coeff_arb(v, R, k);
        ad_check(label, u, v, iter);
    }
    arb_clear(u);
    arb_clear(v);
}

START_TEST(t_naive)
{
    flint_rand_t st;
    arb_t t, c, u;
    arb_poly_t P, R, S, D;
    slong iter;
    tsa_test_seed(st);
    arb_init(t);
    arb_init(c);
    arb_init(u);
    arb_poly_init(P);
    arb_poly_init(R);
    arb_poly_init(S);
    arb_poly_init(D);
    for (iter = 0; iter < 200 * tsa_test_multiplier(); iter++)
    {
        slong prec = 2 + n_randint(st, 400), len = n_randint(st, 10);
        slong wp = 3 * prec + 2000;
        tsa_ad_act_t act = ad_rand_act(st);
        int status;
        ad_rand_theta(t, st);
        ad_rand_c(c, st);
        ad_note(prec, act, t, c);
        status = tsa_ad_G_series(P, t, len, act, c, prec);
        if (act == TSA_AD_ARCCOS0 && arb_is_zero(t))
        {
            ck_assert_int_eq(status, TSA_EDOM);
            continue;
        }
        ck_assert_int_eq(status, TSA_SUCCESS);
        ad_naive_G_series(R, t, len, act, c, wp);
        check_polys("G_series vs closed form", P, R, len, iter);
        if (len > 0)
        {
            arb_poly_get_coeff_arb(u, P, 0);
            ad_accurate("G_series constant", u, prec - 20, iter);
        }
        /* -F'(t0 + t) / sin(t0 + t) by plain series division */
        if (!arb_is_zero(t))
        {
            ad_naive_F_series(R, t, 0, len + 1, act, c, wp);
            arb_poly_derivative(D, R, wp);
            arb_poly_neg(D, D);
            arb_poly_zero(S);
            arb_poly_set_coeff_arb(S, 0, t);
            arb_poly_set_coeff_si(S, 1, 1);
            arb_poly_sin_series(S, S, len, wp);
            arb_poly_div_series(R, D, S, len, wp);
            check_polys("G_series vs -F'/sin", P, R, len, iter);
        }
    }
    arb_clear(t);
    arb_clear(c);
    arb_clear(u);
    arb_poly_clear(P);
    arb_poly_clear(R);
    arb_poly_clear(S);
    arb_poly_clear(D);
    flint_randclear(st);
}
END_TEST

/* At 0 and pi: -F'/sin with exactly vanishing leading coefficients,
 * divided by tsa_ad_div_series_zero (order 1). */
START_TEST(t_ends)
{
    arb_t t, c;
    arb_poly_t P, R, S, D, y;
    slong a, len, order, prec;
    arb_init(t);
    arb_init(c);
    arb_poly_init(P);
    arb_poly_init(R);
    arb_poly_init(S);
    arb_poly_init(D);
    arb_poly_init(y);
    arb_set_d(c, 0.3);
    arb_poly_set_coeff_si(y, 1, 1); /* y = t */
    for (prec = 30; prec <= 330; prec += 100)
        for (len = 1; len <= 16; len += 5)
            for (a = 0; a < AD_NACT; a++)
            {
                tsa_ad_act_t act = (tsa_ad_act_t) a;
                int status;
                /* theta0 = 0: sin t */
                arb_zero(t);
                ad_note(prec, act, t, c);
                ad_naive_F_series(R, t, 0, len + 2, act, c, prec + 64);
                arb_poly_derivative(D, R, prec + 64);
                arb_poly_neg(D, D);
                arb_poly_sin_series(S, y, len + 2, prec + 64);
                status = tsa_ad_div_series_zero(R, &order, D, S, len,
                                                prec + 64);
                if (act == TSA_AD_ARCCOS0)
                {
                    /* F'(0) = -1/(2 pi) != 0: refused */
                    ck_assert_int_eq(status, TSA_EDOM);
                    ck_assert(tsa_ad_G_series(P, t, len, act, c, prec)
                              == TSA_EDOM);
                    continue;
                }
                ck_assert_int_eq(status, TSA_SUCCESS);
                ck_assert_int_eq(order, 1);
                ck_assert_int_eq(tsa_ad_G_series(P, t, len, act, c, prec),
                                 TSA_SUCCESS);
                check_polys("G_series(0) vs div_series_zero", P, R, len, 0);
                /* theta0 = pi: sin(pi + t) = -sin t, exact zeros */
                ad_naive_F_series(R, NULL, 1, len + 2, act, c, prec + 64);
                arb_poly_derivative(D, R, prec + 64);
                arb_poly_neg(D, D);
                arb_poly_sin_series(S, y, len + 2, prec + 64);
                arb_poly_neg(S, S);
                ck_assert_int_eq(tsa_ad_div_series_zero(R, &order, D, S,
                                                        len, prec + 64),
                                 TSA_SUCCESS);
                arb_const_pi(t, prec + 10);
                ck_assert_int_eq(tsa_ad_G_series(P, t, len, act, c, prec),
                                 TSA_SUCCESS);
                check_polys("G_series(pi) vs div_series_zero", P, R, len, 1);
            }
    arb_clear(t);
    arb_clear(c);
    arb_poly_clear(P);
    arb_poly_clear(R);
    arb_poly_clear(S);
    arb_poly_clear(D);
    arb_poly_clear(y);
}
END_TEST

START_TEST(t_ball)
{
    flint_rand_t st;
    arb_t t, c, p;
    arb_poly_t P, R;
    slong iter, j;
    tsa_test_seed(st);
    arb_init(t);
    arb_init(c);
    arb_init(p);
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
        status = tsa_ad_G_series(P, t, len, act, c, prec);
        if (status != TSA_SUCCESS)
        {
            ck_assert_int_eq(status, TSA_EDOM);
            continue;
        }
        for (j = 0; j < 4; j++)
        {
            if (!ad_point_in_ball(p, t, st))
                continue;
            ad_naive_G_series(R, p, len, act, c, 2 * prec + 200);
            check_polys("G_series ball point", P, R, len, iter);
        }
    }
    arb_clear(t);
    arb_clear(c);
    arb_clear(p);
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
    arb_const_pi(t, 64);
    ck_assert_int_eq(tsa_ad_G_series(P, t, 4, TSA_AD_ARCCOS0, NULL, 64),
                     TSA_EDOM);
    ck_assert(strstr(tsa_error_last(), "tsa_ad_G_series: G of arccos0 has "
                                       "poles") != NULL);
    ck_assert_int_eq(tsa_ad_G_series(P, t, -3, TSA_AD_RELU, NULL, 64),
                     TSA_EINVAL);
    arb_set_d(t, 7.0);
    ck_assert_int_eq(tsa_ad_G_series(P, t, 4, TSA_AD_RELU, NULL, 64),
                     TSA_EDOM);
    arb_clear(t);
    arb_poly_clear(P);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_naive, t_ends, t_ball, t_domain};
    return tsa_test_main("ad_G_series", tests, 4, 0);
}
