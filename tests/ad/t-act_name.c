/* t-act_name.c -- tsa_ad_act_name: canonical names. */
#include "ad_test.h"

START_TEST(t_name)
{
    ck_assert_str_eq(tsa_ad_act_name(TSA_AD_RELU), "relu");
    ck_assert_str_eq(tsa_ad_act_name(TSA_AD_LEAKY), "leaky");
    ck_assert_str_eq(tsa_ad_act_name(TSA_AD_ARCCOS0), "arccos0");
    ck_assert_str_eq(tsa_ad_act_name(TSA_AD_ARCCOS2), "arccos2");
    ck_assert_str_eq(tsa_ad_act_name((tsa_ad_act_t) 17), "unknown");
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_name};
    return tsa_test_main("ad_act_name", tests, 1, 0);
}
