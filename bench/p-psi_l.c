/* p-psi_l.c -- cost per evaluation of the kernels (docs/kernels.md s.8):
 * tsa_kernel_psi_l with bias at 64/128/256 bits, ReLU (c = 0) and leaky
 * (c = 1/8), on a few representative inputs, and the float64 kernels
 * psi_l_d, psi_d_d, psi_l_grad_d with and without bias.
 *
 * Times are process CPU time (clock_gettime(CLOCK_PROCESS_CPUTIME_ID)),
 * not wall time: the project machine is shared.  Each Arb case prints the
 * CPU time of the code before the one-term leaky formula and the float64
 * quadrature steering (commit 3293250, measured on the project machine
 * with this program) and the ratio old/new.  Goals (issue 14): generic
 * ReLU at 128 bits <= 100 us, leaky <= 300 us. */
#include "tsalign.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

#define D 3

static double
cpu_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* weights (d = 3, bias last): generic, nearly aligned, large bias */
static const double W[3][2][D + 1]
    = { { { 0.8, -0.3, 0.5, 0.4 }, { 0.2, 0.9, -0.4, -0.6 } },
        { { 1.0, 0.5, -0.25, 0.3 }, { 1.0, 0.5, -0.2490234375, -0.1 } },
        { { 0.5, 0.25, 0.125, -2.0 }, { -0.5, 0.75, 0.25, 1.5 } } };
static const char *names[3] = { "generic", "near-aligned", "large-bias" };

/* CPU us per evaluation of commit 3293250 (this program built against
 * that library; the lower of two runs on 2026-12-04, load average ~17 on
 * 2 cores, so +-30 %), [leaky][input][prec 64, 128, 256] */
static const double OLD_US[2][3][3]
    = { { { 74.9, 104.7, 221.0 }, { 77.8, 150.8, 248.0 },
          { 485.6, 826.8, 1811.6 } },
        { { 274.8, 414.4, 796.8 }, { 451.1, 861.2, 1555.4 },
          { 1146.9, 2033.1, 3829.4 } } };

int
main(int argc, char **argv)
{
    arb_ptr w = _arb_vec_init(D + 1), u = _arb_vec_init(D + 1);
    arb_t s, c, r;
    double t0, t, acc = 0.0, tmin = 0.3;
    double g[D + 1];
    slong precs[3] = { 64, 128, 256 };
    int i, j, p, n, leaky;
    if (argc > 1 && strcmp(argv[1], "--quick") == 0)
        tmin = 0.05;
    arb_init(s);
    arb_init(c);
    arb_init(r);
    arb_one(s);
    printf("# psi_l with bias, d = 3, CPU time per evaluation; old = commit"
           " 3293250\n");
    printf("# %-9s %-12s %-7s %4s  %10s  %10s  %6s  %s\n", "kernel",
           "input", "c", "prec", "CPU us", "old us", "old/new", "accuracy");
    for (leaky = 0; leaky < 2; leaky++)
        for (i = 0; i < 3; i++)
            for (p = 0; p < 3; p++)
            {
                for (j = 0; j <= D; j++)
                {
                    arb_set_d(w + j, W[i][0][j]);
                    arb_set_d(u + j, W[i][1][j]);
                }
                if (leaky)
                    arb_set_d(c, 0.125);
                else
                    arb_zero(c);
                t0 = cpu_now();
                n = 0;
                do
                {
                    if (tsa_kernel_psi_l(r, w, u, D, 1, s, c, precs[p]))
                        return 1;
                    n++;
                } while ((t = cpu_now() - t0) < tmin);
                printf("  psi_l     %-12s c=%-5g %4ld  %10.1f  %10.1f  %6.2f"
                       "  %ld bits\n",
                       names[i], leaky ? 0.125 : 0.0, (long)precs[p],
                       1e6 * t / n, OLD_US[leaky][i][p],
                       OLD_US[leaky][i][p] / (1e6 * t / n),
                       (long)arb_rel_accuracy_bits(r));
            }
    for (leaky = 0; leaky < 2; leaky++)
        for (j = 0; j < 2; j++) /* bias off / on */
            for (i = 0; i < 3; i++)
            {
                const double *wd = W[0][0], *ud = W[0][1];
                double cc = leaky ? 0.125 : 0.0;
                const char *fn[3] = { "psi_l_d", "psi_d_d", "grad_d" };
                long k, N = tmin < 0.1 ? 20000 : 200000;
                t0 = cpu_now();
                for (k = 0; k < N; k++)
                {
                    if (i == 0)
                        acc += tsa_kernel_psi_l_d(wd, ud, D, j, 1.0, cc);
                    else if (i == 1)
                        acc += tsa_kernel_psi_d_d(wd, ud, D, j, 1.0, cc);
                    else
                    {
                        tsa_kernel_psi_l_grad_d(g, wd, ud, D, j, 1.0, cc);
                        acc += g[0];
                    }
                }
                t = cpu_now() - t0;
                printf("  %-9s bias=%d       c=%-5g       %10.3f us CPU"
                       "  %9.0f eval/s\n",
                       fn[i], j, cc, 1e6 * t / N, N / t);
            }
    printf("# checksum %.17g\n", acc);
    _arb_vec_clear(w, D + 1);
    _arb_vec_clear(u, D + 1);
    arb_clear(s);
    arb_clear(c);
    arb_clear(r);
    flint_cleanup();
    return 0;
}
