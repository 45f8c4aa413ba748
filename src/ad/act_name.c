/* act_name.c -- tsa_ad_act_name: canonical name of an activation. */
#include "tsa_ad.h"

const char *
tsa_ad_act_name(tsa_ad_act_t act)
{
    switch (act)
    {
    case TSA_AD_RELU: return "relu";
    case TSA_AD_LEAKY: return "leaky";
    case TSA_AD_ARCCOS0: return "arccos0";
    case TSA_AD_ARCCOS2: return "arccos2";
    default: return "unknown";
    }
}
