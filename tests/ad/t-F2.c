/* t-F2.c -- tsa_ad_F2 (F''): body in t_Fk_body.h. */
#define AD_K 2
#define AD_FN tsa_ad_F2
#define AD_NAME "F2"
#include "t_Fk_body.h"
