/* lm.c -- checkers for luck matters (LM; docs/claims.md), one per theorem
 * or assumption; the code is in src/claims/lm_*.c, the formalisation in
 * docs/claims-lm.md. */
#include "lm_impl.h"

const tsa_claim_checker_entry_t tsa_claims_lm_checkers[] = {
    {"lm_thm1", tsa_claim_check_lm_thm1},
    {"lm_lipschitz", tsa_claim_check_lm_lipschitz},
    {"lm_overlap", tsa_claim_check_lm_overlap},
    {"lm_thm3", tsa_claim_check_lm_thm3},
    {"lm_thm4", tsa_claim_check_lm_thm4},
    {"lm_thm5", tsa_claim_check_lm_thm5},
    {NULL, NULL}};
