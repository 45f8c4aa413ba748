/* hello.c -- a user's first program against the installed libtsalign
 * (tests/install/install.sh builds it with pkg-config, shared and static):
 * F(pi/2) of the ReLU AD function is 1/(2 pi), proved by Arb. */
#include <stdio.h>
#include <tsalign/tsalign.h>

int
main(void)
{
    arb_t theta, f, want;
    int ok;
    arb_init(theta), arb_init(f), arb_init(want);
    arb_const_pi(theta, 128);
    arb_mul_2exp_si(theta, theta, -1);           /* pi/2 */
    arb_const_pi(want, 128);
    arb_mul_2exp_si(want, want, 1);
    arb_inv(want, want, 128);                    /* 1/(2 pi) */
    ok = tsa_ad_F(f, theta, TSA_AD_RELU, NULL, 128) == TSA_SUCCESS
         && arb_overlaps(f, want) && arb_rel_accuracy_bits(f) > 100;
    printf("tsalign %s: F(pi/2) = ", TSA_VERSION_STRING);
    arb_printn(f, 20, 0);
    printf(" %s\n", ok ? "contains 1/(2 pi)" : "WRONG");
    arb_clear(theta), arb_clear(f), arb_clear(want);
    flint_cleanup();
    return ok ? 0 : 1;
}
