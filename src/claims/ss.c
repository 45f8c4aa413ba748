/* ss.c -- checkers for student specialization (SS; DESIGN.md s. 6). */
#include "tsa_claims.h"

const tsa_claim_checker_entry_t tsa_claims_ss_checkers[] = {
    {NULL, NULL}};
