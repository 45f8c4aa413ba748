/* t-psi_l_d.c -- tsa_kernel_psi_l_d against tsa_kernel_psi_l (exact double
 * inputs are exact balls) and a Monte Carlo sanity check (GSL RNG, CLT
 * tolerance).  Tolerance: |x - ref| <= 1e-14 ||w||_s ||u||_s (|psi_l| <=
 * ||w||_s ||u||_s by Cauchy-Schwarz; bvn_d has abs/scale errors ~2e-16,
 * docs/kernels.md s.7); the measured maxima are printed. */
#include "kref_d.h"
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

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
        double x, ref, sc;
        kref_pair_d(wd, ud, &sd, &cd, w, u, s, c, d, bias, st);
        x = tsa_kernel_psi_l_d(wd, ud, d, bias, sd, cd);
        ck_assert_int_eq(tsa_kernel_psi_l(r, w, u, d, bias, s, c, 64),
                         TSA_SUCCESS);
        ref = arf_get_d(arb_midref(r), ARF_RND_NEAR);
        sc = kref_snorm_d(wd, d, bias, sd) * kref_snorm_d(ud, d, bias, sd);
        eabs = fmax(eabs, fabs(x - ref) / sc);
        if (fabs(ref) >= 1e-2 * sc)
            erel = fmax(erel, fabs(x - ref) / fabs(ref));
        if (!(fabs(x - ref) <= 1e-14 * sc))
            kref_print_pair(w, u, d, bias, s, c, 64, iter);
        tsa_test_close_d("psi_l_d vs ball", x, ref, 1e-14, sc, iter);
    }
    printf("# psi_l_d measured: |err|/(||w|| ||u||) <= %.2g, rel err <= %.2g"
           " where |psi_l| >= 1e-2 ||w|| ||u||\n",
           eabs, erel);
    _arb_vec_clear(w, DMAX + 1);
    _arb_vec_clear(u, DMAX + 1);
    arb_clear(s);
    arb_clear(c);
    arb_clear(r);
    flint_randclear(st);
}
END_TEST

/* Monte Carlo with x ~ N(0, s^2 I): mean of sigma(w.xt) sigma(u.xt) over
 * N = 2e5 samples within 5 standard errors */
START_TEST(t_mc)
{
    static const double W[3][8]
        = { { 0.7, -0.2, 0.4, 0.3, -0.5, 0.9, -0.1, 0.2 },
            { 1.0, 0.5, -1.2, -0.8, 0.3, -0.4, 0.6, 1.5 },
            { 0.0, 0.0, 0.7, 0.3, 1.0, -1.0, 0.5, -0.2 } };
    static const double sc[3] = { 1.0, 1.7, 0.6 }, cc[3] = { 0.0, 0.1, 0.3 };
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    size_t N = 200000, i, t, j;
    gsl_rng_set(r, 20261124);
    for (t = 0; t < 3; t++)
    {
        const double *w = W[t], *u = W[t] + 4; /* d = 3, bias last */
        double m = 0, m2 = 0, x = tsa_kernel_psi_l_d(w, u, 3, 1, sc[t], cc[t]);
        for (i = 0; i < N; i++)
        {
            double a = w[3], b = u[3], f;
            for (j = 0; j < 3; j++)
            {
                double z = gsl_ran_gaussian(r, sc[t]);
                a += w[j] * z;
                b += u[j] * z;
            }
            a = a > 0 ? a : cc[t] * a;
            b = b > 0 ? b : cc[t] * b;
            f = a * b;
            m += f;
            m2 += f * f;
        }
        m /= N;
        m2 = sqrt((m2 / N - m * m) / N);
        if (!(fabs(x - m) <= 5 * m2))
            ck_abort_msg("Monte Carlo case %zu: %.6g vs %.6g (se %.2g)", t, x,
                         m, m2);
    }
    gsl_rng_free(r);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = { t_vs_ball, t_mc };
    return tsa_test_main("psi_l_d", tests, 2, 30);
}
