/* t-act_parse.c -- tsa_ad_act_parse: names, aliases, rejection. */
#include <string.h>
#include "ad_test.h"

START_TEST(t_parse)
{
    static const char *names[] = {"relu", "leaky", "arccos0", "step",
                                  "arccos2", "relu2"};
    static const tsa_ad_act_t acts[] = {TSA_AD_RELU, TSA_AD_LEAKY,
                                        TSA_AD_ARCCOS0, TSA_AD_ARCCOS0,
                                        TSA_AD_ARCCOS2, TSA_AD_ARCCOS2};
    static const char *bad[] = {"", "ReLU", "relu ", "arccos1", "leaky0.1",
                                "sigmoid"};
    tsa_ad_act_t act;
    size_t i;
    for (i = 0; i < 6; i++)
    {
        act = (tsa_ad_act_t) 99;
        ck_assert_int_eq(tsa_ad_act_parse(&act, names[i]), TSA_SUCCESS);
        ck_assert_int_eq(act, acts[i]);
        /* round trip through the canonical name */
        ck_assert_int_eq(tsa_ad_act_parse(&act, tsa_ad_act_name(act)),
                         TSA_SUCCESS);
        ck_assert_int_eq(act, acts[i]);
    }
    for (i = 0; i < 6; i++)
    {
        act = TSA_AD_LEAKY;
        ck_assert_int_eq(tsa_ad_act_parse(&act, bad[i]), TSA_EINVAL);
        ck_assert_int_eq(act, TSA_AD_LEAKY);
        ck_assert(strchr(tsa_error_last(), '\n') == NULL);
    }
    ck_assert_str_eq(tsa_error_last(),
                     "activation: unknown name 'sigmoid' (relu, leaky, "
                     "arccos0, step, arccos2, relu2)");
    ck_assert_int_eq(tsa_ad_act_parse(&act, NULL), TSA_EINVAL);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_parse};
    return tsa_test_main("ad_act_parse", tests, 1, 0);
}
