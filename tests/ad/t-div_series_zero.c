/* t-div_series_zero.c -- tsa_ad_div_series_zero: known quotients,
 * random exact products, refusal when a leading coefficient is not proved
 * zero (refutation), aliasing. */
#include <string.h>
#include "ad_test.h"

/* (e^t - 1)/t = sum t^k/(k+1)!, (1 - cos t)/t^2 = sum (-1)^k t^2k/(2k+2)! */
START_TEST(t_known)
{
    arb_poly_t N, D, Q, y;
    arb_t u, ref;
    slong k, order, len = 20, prec = 128;
    arb_poly_init(N);
    arb_poly_init(D);
    arb_poly_init(Q);
    arb_poly_init(y);
    arb_init(u);
    arb_init(ref);
    arb_poly_set_coeff_si(y, 1, 1);
    arb_poly_exp_series(N, y, len + 1, prec);
    arb_poly_add_si(N, N, -1, prec);
    ck_assert_int_eq(tsa_ad_div_series_zero(Q, &order, N, y, len, prec),
                     TSA_SUCCESS);
    ck_assert_int_eq(order, 1);
    for (k = 0; k < len; k++)
    {
        arb_poly_get_coeff_arb(u, Q, k);
        arb_fac_ui(ref, k + 1, prec + 64);
        arb_inv(ref, ref, prec + 64);
        tsa_test_overlaps("(e^t - 1)/t", u, ref, k);
        tsa_test_accurate("(e^t - 1)/t", u, prec - 10, k);
    }
    arb_poly_cos_series(N, y, len + 2, prec);
    arb_poly_neg(N, N);
    arb_poly_add_si(N, N, 1, prec);
    arb_poly_mullow(D, y, y, 3, prec);
    ck_assert_int_eq(tsa_ad_div_series_zero(Q, &order, N, D, len, prec),
                     TSA_SUCCESS);
    ck_assert_int_eq(order, 2);
    for (k = 0; k < len; k++)
    {
        arb_poly_get_coeff_arb(u, Q, k);
        if (k % 2)
            arb_zero(ref);
        else
        {
            arb_fac_ui(ref, k + 2, prec + 64);
            arb_inv(ref, ref, prec + 64);
            if (k % 4)
                arb_neg(ref, ref);
        }
        tsa_test_overlaps("(1 - cos t)/t^2", u, ref, k);
    }
    arb_poly_clear(N);
    arb_poly_clear(D);
    arb_poly_clear(Q);
    arb_poly_clear(y);
    arb_clear(u);
    arb_clear(ref);
}
END_TEST

/* num = t^m q p, den = t^m q with random integer q (q_0 != 0), p: the
 * quotient is p; aliasing res = num and res = den. */
START_TEST(t_random)
{
    flint_rand_t st;
    arb_poly_t p, q, N, D, Q, tm;
    arb_t u, v;
    slong iter, k;
    tsa_test_seed(st);
    arb_poly_init(p);
    arb_poly_init(q);
    arb_poly_init(N);
    arb_poly_init(D);
    arb_poly_init(Q);
    arb_poly_init(tm);
    arb_init(u);
    arb_init(v);
    for (iter = 0; iter < 300 * tsa_test_multiplier(); iter++)
    {
        slong m = n_randint(st, 5), lp = 1 + n_randint(st, 8);
        slong lq = 1 + n_randint(st, 8), len = 1 + n_randint(st, 12);
        slong prec = 2 + n_randint(st, 300), order = -1;
        arb_poly_zero(p);
        arb_poly_zero(q);
        for (k = 0; k < lp; k++)
            arb_poly_set_coeff_si(p, k, (slong) n_randint(st, 21) - 10);
        for (k = 0; k < lq; k++)
            arb_poly_set_coeff_si(q, k, (slong) n_randint(st, 21) - 10);
        arb_poly_set_coeff_si(q, 0, 1 + n_randint(st, 9));
        arb_poly_zero(tm);
        arb_poly_set_coeff_si(tm, m, 1);
        arb_poly_mul(D, tm, q, ARF_PREC_EXACT);
        arb_poly_mul(N, D, p, ARF_PREC_EXACT);
        ck_assert_int_eq(tsa_ad_div_series_zero(Q, &order, N, D, len, prec),
                         TSA_SUCCESS);
        ck_assert_int_eq(order, m);
        for (k = 0; k < len; k++)
        {
            arb_poly_get_coeff_arb(u, Q, k);
            arb_poly_get_coeff_arb(v, p, k);
            tsa_test_contains("quotient", u, v, iter);
        }
        /* aliasing */
        arb_poly_set(Q, N);
        ck_assert_int_eq(tsa_ad_div_series_zero(Q, NULL, Q, D, len, prec),
                         TSA_SUCCESS);
        arb_poly_get_coeff_arb(u, Q, 0);
        arb_poly_get_coeff_arb(v, p, 0);
        tsa_test_contains("quotient (res = num)", u, v, iter);
        arb_poly_set(Q, D);
        ck_assert_int_eq(tsa_ad_div_series_zero(Q, NULL, N, Q, len, prec),
                         TSA_SUCCESS);
        arb_poly_get_coeff_arb(u, Q, 0);
        tsa_test_contains("quotient (res = den)", u, v, iter);
    }
    arb_poly_clear(p);
    arb_poly_clear(q);
    arb_poly_clear(N);
    arb_poly_clear(D);
    arb_poly_clear(Q);
    arb_poly_clear(tm);
    arb_clear(u);
    arb_clear(v);
    flint_randclear(st);
}
END_TEST

/* Refutation: leading coefficients not proved zero give TSA_EDOM with a
 * reason, and res is left alone. */
START_TEST(t_refuse)
{
    arb_t t, c, u;
    arb_poly_t P, D, S, Q, y;
    slong a, order = -7;
    arb_init(t);
    arb_init(c);
    arb_init(u);
    arb_poly_init(P);
    arb_poly_init(D);
    arb_poly_init(S);
    arb_poly_init(Q);
    arb_poly_init(y);
    arb_set_d(c, 0.2);
    arb_poly_set_coeff_si(y, 1, 1);
    arb_poly_sin_series(S, y, 8, 128);
    arb_zero(t);
    for (a = 0; a < AD_NACT; a++)
    {
        if (a == TSA_AD_ARCCOS0)
            continue;
        /* -F'(t) + 1e-30: the numerator no longer vanishes at 0 */
        ad_naive_F_series(P, t, 0, 8, (tsa_ad_act_t) a, c, 128);
        arb_poly_derivative(D, P, 128);
        arb_poly_neg(D, D);
        arb_poly_get_coeff_arb(u, D, 0);
        ck_assert(arb_is_zero(u));
        arb_set_d(u, 1e-30);
        arb_poly_set_coeff_arb(D, 0, u);
        arb_poly_set_coeff_si(Q, 0, 42);
        ck_assert_int_eq(tsa_ad_div_series_zero(Q, &order, D, S, 6, 128),
                         TSA_EDOM);
        ck_assert_str_eq(tsa_error_last(),
                         "tsa_ad_div_series_zero: numerator coefficient 0 is "
                         "not proved zero (denominator order 1)");
        ck_assert(order == -7 && Q->length == 1);
        /* a ball around 0 is not a proof of zero either */
        arb_zero(u);
        mag_set_ui_2exp_si(arb_radref(u), 1, -200);
        arb_poly_set_coeff_arb(D, 0, u);
        ck_assert_int_eq(tsa_ad_div_series_zero(Q, &order, D, S, 6, 128),
                         TSA_EDOM);
    }
    /* denominator: sin(pi + t) with an inexact pi is undecided at 0 */
    arb_const_pi(t, 128);
    arb_poly_set_coeff_arb(y, 0, t);
    arb_poly_sin_series(S, y, 8, 128);
    ck_assert_int_eq(tsa_ad_div_series_zero(Q, &order, D, S, 6, 128),
                     TSA_EDOM);
    ck_assert_str_eq(tsa_error_last(),
                     "tsa_ad_div_series_zero: denominator coefficient 0 is "
                     "neither proved zero nor proved nonzero");
    arb_poly_zero(S);
    ck_assert_int_eq(tsa_ad_div_series_zero(Q, &order, D, S, 6, 128),
                     TSA_EDOM);
    ck_assert(strstr(tsa_error_last(), "no denominator coefficient") != NULL);
    ck_assert_int_eq(tsa_ad_div_series_zero(Q, &order, D, S, -1, 128),
                     TSA_EINVAL);
    arb_clear(t);
    arb_clear(c);
    arb_clear(u);
    arb_poly_clear(P);
    arb_poly_clear(D);
    arb_poly_clear(S);
    arb_poly_clear(Q);
    arb_poly_clear(y);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_known, t_random, t_refuse};
    return tsa_test_main("ad_div_series_zero", tests, 3, 0);
}
