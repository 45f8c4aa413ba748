/* act_parse.c -- tsa_ad_act_parse: activation name to tsa_ad_act_t. */
#include <string.h>
#include "tsa_ad.h"

int
tsa_ad_act_parse(tsa_ad_act_t *act, const char *name)
{
    static const struct
    {
        const char *name;
        tsa_ad_act_t act;
    } tab[] = {{"relu", TSA_AD_RELU},       {"leaky", TSA_AD_LEAKY},
               {"arccos0", TSA_AD_ARCCOS0}, {"step", TSA_AD_ARCCOS0},
               {"arccos2", TSA_AD_ARCCOS2}, {"relu2", TSA_AD_ARCCOS2}};
    size_t i;
    if (name == NULL)
        return TSA_ERROR(TSA_EINVAL, "activation: name missing");
    for (i = 0; i < sizeof tab / sizeof tab[0]; i++)
        if (strcmp(name, tab[i].name) == 0)
        {
            *act = tab[i].act;
            return TSA_SUCCESS;
        }
    return TSA_ERROR(TSA_EINVAL,
                     "activation: unknown name '%.64s' (relu, leaky, arccos0,"
                     " step, arccos2, relu2)", name);
}
