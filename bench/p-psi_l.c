/* p-psi_l.c -- evaluations per second of the kernels (docs/kernels.md):
 * tsa_kernel_psi_l with bias at 64/128/256 bits on a few representative
 * inputs, and the float64 kernels psi_l_d, psi_d_d, psi_l_grad_d with and
 * without bias.  One line per case: name, parameters, time, rate,
 * accuracy in bits (Arb) or value (float64). */
#include "tsalign.h"
#include <stdio.h>
#include <time.h>

#define D 3

static double
now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* weights (d = 3, bias last): generic, nearly aligned, large bias */
static const double W[3][2][D + 1]
    = { { { 0.8, -0.3, 0.5, 0.4 }, { 0.2, 0.9, -0.4, -0.6 } },
        { { 1.0, 0.5, -0.25, 0.3 }, { 1.0, 0.5, -0.2490234375, -0.1 } },
        { { 0.5, 0.25, 0.125, -2.0 }, { -0.5, 0.75, 0.25, 1.5 } } };
static const char *names[3] = { "generic", "near-aligned", "large-bias" };

int
main(void)
{
    arb_ptr w = _arb_vec_init(D + 1), u = _arb_vec_init(D + 1);
    arb_t s, c, r;
    double t0, t, acc = 0.0;
    double g[D + 1];
    slong precs[3] = { 64, 128, 256 };
    int i, j, p, n, leaky;
    arb_init(s);
    arb_init(c);
    arb_init(r);
    arb_one(s);
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
                t0 = now();
                n = 0;
                do
                {
                    if (tsa_kernel_psi_l(r, w, u, D, 1, s, c, precs[p]))
                        return 1;
                    n++;
                } while ((t = now() - t0) < 0.3);
                printf("psi_l      %-12s c=%-5g prec %4ld  %9.1f us  %9.0f"
                       " eval/s  acc %ld bits\n",
                       names[i], leaky ? 0.125 : 0.0, (long)precs[p],
                       1e6 * t / n, n / t, (long)arb_rel_accuracy_bits(r));
            }
    for (leaky = 0; leaky < 2; leaky++)
        for (j = 0; j < 2; j++) /* bias off / on */
            for (i = 0; i < 3; i++)
            {
                const double *wd = W[0][0], *ud = W[0][1];
                double cc = leaky ? 0.125 : 0.0;
                const char *fn[3] = { "psi_l_d", "psi_d_d", "grad_d" };
                long k, N = 200000;
                t0 = now();
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
                t = now() - t0;
                printf("%-10s bias=%d       c=%-5g            %9.3f us  %9.0f"
                       " eval/s\n",
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
