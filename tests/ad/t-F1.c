/* t-F1.c -- tsa_ad_F1 (F'): body in t_Fk_body.h. */
#define AD_K 1
#define AD_FN tsa_ad_F1
#define AD_NAME "F1"
#include "t_Fk_body.h"
