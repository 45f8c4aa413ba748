/* ss.c -- checkers for student specialization (SS; docs/claims.md;
 * docs/claims-ss.md).  The checkers live in ss_*.c; this file holds the
 * table the registry searches. */
#include "tsa_claims.h"
#include "ss_impl.h"

const tsa_claim_checker_entry_t tsa_claims_ss_checkers[] = {
    {"ss_align", tsa_claim_check_ss_align},
    {"ss_thm1", tsa_claim_check_ss_thm1},
    {"ss_thm2", tsa_claim_check_ss_thm2},
    {"ss_cor1", tsa_claim_check_ss_cor1},
    {"ss_thm3", tsa_claim_check_ss_thm3},
    {"ss_thm5", tsa_claim_check_ss_thm5},
    {"ss_empirical", tsa_claim_check_ss_empirical},
    {"ss_dataset", tsa_claim_check_ss_dataset},
    {"ss_aug", tsa_claim_check_ss_aug},
    {NULL, NULL}};
