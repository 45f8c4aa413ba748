/* t-bvn_d.c -- tsa_kernel_bvn_d (float64, Genz's BVNU + closed forms)
 * against tsa_kernel_bvn at 80 bits, the exact limits theta = 0, pi, and
 * a Monte Carlo sanity check (GSL RNG, CLT tolerance).  Measured errors
 * are printed as TAP comments (docs/kernels.md section 7). */
#include "kref.h"
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>

/* Tolerances (measured maxima over 4000 draws, 2026-11: abs/scale 3.1e-16,
 * rel 2.4e-15 where value >= 1e-2 scale), with a margin of about 6:
 *   |x - ref| <= 2e-15 scale everywhere, scale = 1 (Phi2),
 *   (1+|h|)(1+|k|) (M), 1 + |k| (Mh);
 *   |x - ref| <= 2e-14 |ref| where |ref| >= 1e-2 scale. */
START_TEST(t_vs_ball)
{
    flint_rand_t st;
    arb_t h, k, th, P, M, Mh;
    slong iter, j;
    double eabs[3] = { 0, 0, 0 }, erel[3] = { 0, 0, 0 },
           etiny[3] = { 0, 0, 0 };
    tsa_test_seed(st);
    arb_init(h);
    arb_init(k);
    arb_init(th);
    arb_init(P);
    arb_init(M);
    arb_init(Mh);
    for (iter = 0; iter < 150 * tsa_test_multiplier(); iter++)
    {
        double hd, kd, thd, v[3], sc[3];
        arb_srcptr r[3];
        int reg = n_randint(st, 4);
        hd = tsa_test_randd(st, reg == 3 ? -30 : -5, reg == 3 ? 30 : 5);
        kd = tsa_test_randd(st, reg == 3 ? -30 : -5, reg == 3 ? 30 : 5);
        if (reg == 1)
            thd = n_randint(st, 2) ? ldexp(tsa_test_randd(st, 1, 2),
                                           -(int)n_randint(st, 40) - 7)
                                   : M_PI
                                         - ldexp(tsa_test_randd(st, 1, 2),
                                                 -(int)n_randint(st, 40) - 7);
        else
            thd = tsa_test_randd(st, 0.01, M_PI - 0.01);
        if (n_randint(st, 8) == 0)
            kd = hd;
        tsa_kernel_bvn_d(v, v + 1, v + 2, hd, kd, thd);
        arb_set_d(h, hd);
        arb_set_d(k, kd);
        arb_set_d(th, thd);
        ck_assert_int_eq(tsa_kernel_bvn(P, M, Mh, h, k, th, 80), TSA_SUCCESS);
        r[0] = P;
        r[1] = M;
        r[2] = Mh;
        sc[0] = 1.0;
        sc[1] = (1 + fabs(hd)) * (1 + fabs(kd));
        sc[2] = 1 + fabs(kd);
        for (j = 0; j < 3; j++)
        {
            double ref = arf_get_d(arb_midref(r[j]), ARF_RND_NEAR);
            double e = fabs(v[j] - ref);
            eabs[j] = fmax(eabs[j], e / sc[j]);
            if (fabs(ref) >= 1e-2 * sc[j])
                erel[j] = fmax(erel[j], e / fabs(ref));
            else if (ref != 0)
                etiny[j] = fmax(etiny[j], e / fabs(ref));
            if (!(e <= 2e-15 * sc[j]))
                printf("# h = %a k = %a theta = %a\n", hd, kd, thd);
            tsa_test_close_d("bvn_d abs/scale", v[j], ref, 2e-15, sc[j], iter);
            if (fabs(ref) >= 1e-2 * sc[j])
                tsa_test_close_d("bvn_d rel", v[j], ref, 2e-14, 0, iter);
        }
    }
    printf("# bvn_d measured: abs/scale %.2g %.2g %.2g; rel (value >= 1e-2"
           " scale) %.2g %.2g %.2g; rel below that %.2g %.2g %.2g"
           " (Phi2, M, Mh)\n",
           eabs[0], eabs[1], eabs[2], erel[0], erel[1], erel[2], etiny[0],
           etiny[1], etiny[2]);
    arb_clear(h);
    arb_clear(k);
    arb_clear(th);
    arb_clear(P);
    arb_clear(M);
    arb_clear(Mh);
    flint_randclear(st);
}
END_TEST

/* theta = 0 and pi exactly: the limits vs the rigorous values */
START_TEST(t_limits)
{
    flint_rand_t st;
    arb_t h, k, th, P, M, Mh;
    slong iter;
    tsa_test_seed(st);
    arb_init(h);
    arb_init(k);
    arb_init(th);
    arb_init(P);
    arb_init(M);
    arb_init(Mh);
    for (iter = 0; iter < 100; iter++)
    {
        double hd = tsa_test_randd(st, -5, 5), kd = tsa_test_randd(st, -5, 5);
        double v[3], sc;
        int pi = n_randint(st, 2);
        tsa_kernel_bvn_d(v, v + 1, v + 2, hd, kd, pi ? M_PI : 0.0);
        arb_set_d(h, hd);
        arb_set_d(k, kd);
        if (pi)
            arb_const_pi(th, 200);
        else
            arb_zero(th);
        ck_assert_int_eq(tsa_kernel_bvn(P, M, Mh, h, k, th, 80), TSA_SUCCESS);
        sc = (1 + fabs(hd)) * (1 + fabs(kd));
        tsa_test_close_d("Phi2 limit", v[0],
                         arf_get_d(arb_midref(P), ARF_RND_NEAR), 2e-15, 1,
                         iter);
        tsa_test_close_d("M limit", v[1],
                         arf_get_d(arb_midref(M), ARF_RND_NEAR), 2e-15, sc,
                         iter);
        tsa_test_close_d("Mh limit", v[2],
                         arf_get_d(arb_midref(Mh), ARF_RND_NEAR), 2e-15,
                         1 + fabs(kd), iter);
    }
    arb_clear(h);
    arb_clear(k);
    arb_clear(th);
    arb_clear(P);
    arb_clear(M);
    arb_clear(Mh);
    flint_randclear(st);
}
END_TEST

/* Monte Carlo: N = 2e5 pairs, each estimate within 5 standard errors */
START_TEST(t_mc)
{
    static const double cases[][3] = { { 0.3, -0.7, 1.1 },
                                       { 1.5, 0.5, 2.6 },
                                       { -0.2, -0.4, 0.2 },
                                       { 0, 0, 2.0 } };
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    size_t c, i, N = 200000;
    gsl_rng_set(r, 20261124);
    for (c = 0; c < 4; c++)
    {
        double h = cases[c][0], k = cases[c][1], th = cases[c][2];
        double rho = cos(th), sn = sin(th), v[3], m[3] = { 0 }, m2[3] = { 0 };
        tsa_kernel_bvn_d(v, v + 1, v + 2, h, k, th);
        for (i = 0; i < N; i++)
        {
            double x = gsl_ran_gaussian(r, 1.0), z = gsl_ran_gaussian(r, 1.0);
            double y = rho * x + sn * z, f[3];
            f[0] = (x > -h && y > -k) ? 1.0 : 0.0;
            f[1] = (x > -h && y > -k) ? (x + h) * (y + k) : 0.0;
            f[2] = (x > -h && y > -k) ? (y + k) : 0.0;
            for (int j = 0; j < 3; j++)
            {
                m[j] += f[j];
                m2[j] += f[j] * f[j];
            }
        }
        for (int j = 0; j < 3; j++)
        {
            double mean = m[j] / N, sd = sqrt(m2[j] / N - mean * mean);
            if (!(fabs(v[j] - mean) <= 5 * sd / sqrt((double)N) + 1e-12))
                ck_abort_msg("Monte Carlo case %zu output %d: %.6g vs %.6g"
                             " (se %.2g)",
                             c, j, v[j], mean, sd / sqrt((double)N));
        }
    }
    gsl_rng_free(r);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = { t_vs_ball, t_limits, t_mc };
    return tsa_test_main("bvn_d", tests, 3, 30);
}
