/* t-psi_d_d.c -- tsa_kernel_psi_d_d against tsa_kernel_psi_d, including
 * the zero-weight convention sigma'(0) = c.  Tolerance 1e-14 absolute
 * (psi_d lies in [c^2, 1]; bvn_d's Phi2 error is ~1e-16 absolute,
 * docs/kernels.md s.7); the measured maxima are printed. */
#include "kref_d.h"

#define DMAX 4

START_TEST(t_vs_ball)
{
    flint_rand_t st;
    arb_ptr w, u;
    arb_t s, c, r;
    double wd[DMAX + 1], ud[DMAX + 1], sd, cd, eabs = 0, erel = 0;
    slong iter;
    tsa_test_seed(st);
    w = _arb_vec_init(DMAX + 1);
    u = _arb_vec_init(DMAX + 1);
    arb_init(s);
    arb_init(c);
    arb_init(r);
    for (iter = 0; iter < 200 * tsa_test_multiplier(); iter++)
    {
        slong d = 1 + n_randint(st, DMAX);
        int bias = n_randint(st, 4) != 0;
        double x, ref;
        kref_pair_d(wd, ud, &sd, &cd, w, u, s, c, d, bias, st);
        x = tsa_kernel_psi_d_d(wd, ud, d, bias, sd, cd);
        ck_assert_int_eq(tsa_kernel_psi_d(r, w, u, d, bias, s, c, 64),
                         TSA_SUCCESS);
        ref = arf_get_d(arb_midref(r), ARF_RND_NEAR);
        eabs = fmax(eabs, fabs(x - ref));
        if (fabs(ref) >= 1e-2)
            erel = fmax(erel, fabs(x - ref) / fabs(ref));
        if (!(fabs(x - ref) <= 1e-14))
            kref_print_pair(w, u, d, bias, s, c, 64, iter);
        tsa_test_close_d("psi_d_d vs ball", x, ref, 1e-14, 1.0, iter);
    }
    printf("# psi_d_d measured: abs err <= %.2g, rel err <= %.2g where"
           " psi_d >= 1e-2\n",
           eabs, erel);
    _arb_vec_clear(w, DMAX + 1);
    _arb_vec_clear(u, DMAX + 1);
    arb_clear(s);
    arb_clear(c);
    arb_clear(r);
    flint_randclear(st);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = { t_vs_ball };
    return tsa_test_main("psi_d_d", tests, 1, 30);
}
