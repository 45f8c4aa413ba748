/* t-psi_l_grad_d.c -- tsa_kernel_psi_l_grad_d against tsa_kernel_psi_l_grad
 * and NaN at w = 0.  Tolerance 1e-14 s ||u||_s (1 + |h|) per entry (the
 * gradient is bounded by s ||u||_s; the term h dMc/dh amplifies bvn_d's
 * absolute error by 1 + |h|); the measured maxima are printed. */
#include "kref_d.h"

#define DMAX 4

START_TEST(t_vs_ball)
{
    flint_rand_t st;
    arb_ptr w, u, g;
    arb_t s, c;
    double wd[DMAX + 1], ud[DMAX + 1], gd[DMAX + 1], sd, cd, emax = 0;
    slong iter, i;
    tsa_test_seed(st);
    w = _arb_vec_init(DMAX + 1);
    u = _arb_vec_init(DMAX + 1);
    g = _arb_vec_init(DMAX + 1);
    arb_init(s);
    arb_init(c);
    for (iter = 0; iter < 150 * tsa_test_multiplier(); iter++)
    {
        slong d = 1 + n_randint(st, DMAX);
        int bias = n_randint(st, 4) != 0, st_;
        double sc, nwt = kref_snorm_d(wd, 0, 0, 1.0), h;
        kref_pair_d(wd, ud, &sd, &cd, w, u, s, c, d, bias, st);
        st_ = tsa_kernel_psi_l_grad(g, w, u, d, bias, s, c, 64);
        tsa_kernel_psi_l_grad_d(gd, wd, ud, d, bias, sd, cd);
        if (st_ == TSA_EDOM)
        {
            for (i = 0; i < d + (bias != 0); i++)
                ck_assert(isnan(gd[i]));
            continue;
        }
        ck_assert_int_eq(st_, TSA_SUCCESS);
        nwt = kref_snorm_d(wd, d, 0, sd);
        h = (bias && nwt > 0) ? fabs(wd[d]) / nwt : 0.0;
        sc = sd * kref_snorm_d(ud, d, bias, sd) * (1 + h);
        for (i = 0; i < d + (bias != 0); i++)
        {
            double ref = arf_get_d(arb_midref(g + i), ARF_RND_NEAR);
            emax = fmax(emax, fabs(gd[i] - ref) / sc);
            if (!(fabs(gd[i] - ref) <= 1e-14 * sc))
                kref_print_pair(w, u, d, bias, s, c, 64, iter);
            tsa_test_close_d("grad_d vs ball", gd[i], ref, 1e-14, sc, iter);
        }
    }
    printf("# psi_l_grad_d measured: |err|/(s ||u|| (1 + |h|)) <= %.2g\n",
           emax);
    _arb_vec_clear(w, DMAX + 1);
    _arb_vec_clear(u, DMAX + 1);
    _arb_vec_clear(g, DMAX + 1);
    arb_clear(s);
    arb_clear(c);
    flint_randclear(st);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = { t_vs_ball };
    return tsa_test_main("psi_l_grad_d", tests, 1, 30);
}
