/* t-G_d.c -- tsa_ad_G_d (float64) against the Arb reference at the
 * same double: relative error <= 2^-47 (absolute 2^-47 for the
 * leaky F); NaN outside the domain. */
#include <math.h>
#include "ad_test.h"

START_TEST(t_ref)
{
    flint_rand_t st;
    arb_t t, c, ref;
    slong iter;
    tsa_test_seed(st);
    arb_init(t);
    arb_init(c);
    arb_init(ref);
    for (iter = 0; iter < 2000 * tsa_test_multiplier(); iter++)
    {
        tsa_ad_act_t act = ad_rand_act(st);
        double th, cd, y;
        ad_rand_theta(t, st);
        ad_rand_c(c, st);
        th = arf_get_d(arb_midref(t), ARF_RND_NEAR);
        cd = arf_get_d(arb_midref(c), ARF_RND_NEAR);
        arb_set_d(t, th);
        arb_set_d(c, cd);
        if (3 == 3 && act == TSA_AD_ARCCOS0 && th == 0.0)
        {
            ck_assert(tsa_ad_G_d(th, act, cd) == INFINITY);
            continue;
        }
        ad_note(53, act, t, c);
        y = tsa_ad_G_d(th, act, cd);
        ad_naive(ref, 3, t, act, c, 80);
        tsa_test_close_d("G_d", y, arf_get_d(arb_midref(ref), ARF_RND_NEAR),
                         0x1p-47, act == TSA_AD_LEAKY ? 1.0 : 1e-300,
                         iter);
    }
    arb_clear(t);
    arb_clear(c);
    arb_clear(ref);
    flint_randclear(st);
}
END_TEST

START_TEST(t_domain)
{
    ck_assert(isnan(tsa_ad_G_d(-1e-300, TSA_AD_RELU, 0.0)));
    ck_assert(isnan(tsa_ad_G_d(3.1415926535897936, TSA_AD_RELU, 0.0)));
    ck_assert(!isnan(tsa_ad_G_d(3.141592653589793116, TSA_AD_RELU, 0.0)));
    ck_assert(isnan(tsa_ad_G_d(NAN, TSA_AD_RELU, 0.0)));
    ck_assert(isnan(tsa_ad_G_d(1.0, TSA_AD_LEAKY, 1.0)));
    ck_assert(isnan(tsa_ad_G_d(1.0, TSA_AD_LEAKY, -0.5)));
    ck_assert(isnan(tsa_ad_G_d(1.0, TSA_AD_LEAKY, NAN)));
    ck_assert(isnan(tsa_ad_G_d(1.0, (tsa_ad_act_t) 7, 0.0)));
    /* leaky with c = 0 is ReLU */
    ck_assert(tsa_ad_G_d(2.0, TSA_AD_LEAKY, 0.0)
              == tsa_ad_G_d(2.0, TSA_AD_RELU, 0.0));
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_ref, t_domain};
    return tsa_test_main("ad_G_d", tests, 2, 0);
}
