/* lm.c -- checkers for luck matters (LM; DESIGN.md s. 6). */
#include "tsa_claims.h"

const tsa_claim_checker_entry_t tsa_claims_lm_checkers[] = {
    {NULL, NULL}};
