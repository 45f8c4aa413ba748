#include "lm_impl.h"
int tsa_claim_check_lm_thm1(tsa_claim_result_t r, const json_t *p, const char *f, slong prec)
{ (void) r; (void) p; (void) prec; return TSA_ERROR(TSA_EINVAL, "%s: not implemented", f); }
