/* overparam_split.c -- the Hessian of the (n + 1)-student loss at a split
 * student (docs/overparam.md "Split students").
 *
 * Student i of W becomes a = t w_i (slot i) and b = (1 - t) w_i (slot n).
 * psi(x, y) = |x||y| F(theta) is positively homogeneous of degree 1 in each
 * argument, so d2psi/dx dy has degree 0 in both and d2psi/dx2 has degree
 * -1 in x.  With H the n-student Hessian at W (tsa_certify_hess_mr):
 *   H'_{jl} = H_{jl}, H'_{j,a} = H'_{j,b} = H_{j,i}          (j, l != i)
 *   H'_{aa} = I/2 + (H_ii - I/2)/t,  H'_{bb} = I/2 + (H_ii - I/2)/(1 - t)
 *   H'_{ab} = I/2                   (the parallel pair's limit block)
 * (the other students' diagonal blocks see a and b with weights t and
 * 1 - t, which add up to w_i's).  Every block holds for every W of the
 * box at once: the dependence between a and b is kept exactly. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "certify_impl.h"
#include "tsa_overparam_split.h"

/* t in (0, 1) with 1 - t exact in binary64 */
int
tsa_overparam_split_check(const tsa_cand_t c, slong i, double t)
{
    if (i < 0 || i >= c->n)
        return TSA_ERROR(TSA_EINVAL, "student %ld: expected 0 .. %ld",
                         (long) i, (long) c->n - 1);
    if (!(t > 0 && t < 1) || 1.0 - (1.0 - t) != t)
        return TSA_ERROR(TSA_EINVAL, "t = %a: expected 0 < t < 1 with 1 - t "
                         "exact in binary64", t);
    return TSA_SUCCESS;
}

void
tsa_overparam_split_cand(tsa_cand_t s, const tsa_cand_t c, slong i, double t,
                         slong prec)
{
    slong d = c->d;
    arb_t T;
    arb_init(T);
    tsa_cand_init(s, d, c->n + 1, c->m);
    _arb_vec_set(s->V, c->V, d * c->m);
    _arb_vec_set(s->W, c->W, d * c->n);
    arb_set_d(T, t);
    _arb_vec_scalar_mul(TSA_WCOL(s, i), TSA_WCOL(c, i), d, T, prec);
    arb_sub_ui(T, T, 1, prec);
    arb_neg(T, T);
    _arb_vec_scalar_mul(TSA_WCOL(s, c->n), TSA_WCOL(c, i), d, T, prec);
    arb_clear(T);
}

/* block (j, l) of H' <- 1/2 I + (block(i, i) of H - 1/2 I) / tau */
static double
scaled_block(double *Hm, slong N1, slong j, const double *H, slong N,
             slong i, slong d, double tau, double e)
{
    slong a, b;
    double big = 0;
    for (a = 0; a < d; a++)
        for (b = 0; b < d; b++)
        {
            double h = H[(i * d + a) * N + i * d + b], half = a == b ? 0.5 : 0;
            double z = half + (h - half) / tau;
            Hm[(j * d + a) * N1 + j * d + b] = z;
            if (0.5 + (fabs(h) + 0.5) / tau > big)
                big = 0.5 + (fabs(h) + 0.5) / tau;
        }
    /* propagated radius and three roundings per entry */
    return (e / tau + tsa_gamma(4) * big) * (1 + 1e-10) + 1e-300;
}

int
tsa_overparam_split_hess(double *Hmid, double *Erad, const tsa_cand_t c,
                         slong i, double t, slong prec)
{
    slong d = c->d, n = c->n, N = n * d, n1 = n + 1, N1 = n1 * d;
    slong j, l, a, b;
    double *H, *E;
    int st = tsa_overparam_split_check(c, i, t);
    if (st != TSA_SUCCESS)
        return st;
    H = malloc(sizeof(double) * N * N);
    E = malloc(sizeof(double) * n * n);
    if (H == NULL || E == NULL)
    {
        free(H);
        free(E);
        return TSA_ERROR(TSA_ENOMEM, "split Hessian: %ld x %ld", (long) N,
                         (long) N);
    }
    st = tsa_certify_hess_mr(H, E, c, prec);
    for (j = 0; j < n1 && st == TSA_SUCCESS; j++)
        for (l = 0; l < n1; l++)
        {
            slong sj = j < n ? j : i, sl = l < n ? l : i;
            int pj = j == i || j == n, pl = l == i || l == n;
            if (pj && pl && j != l)
            {
                /* the exactly parallel pair: [[0, I/2], [I/2, 0]] */
                for (a = 0; a < d; a++)
                    for (b = 0; b < d; b++)
                        Hmid[(j * d + a) * N1 + l * d + b] = a == b ? 0.5 : 0;
                Erad[j * n1 + l] = 0;
            }
            else if (pj && j == l)
                Erad[j * n1 + l] = scaled_block(Hmid, N1, j, H, N, i, d,
                                                j == i ? t : 1.0 - t,
                                                E[i * n + i]);
            else
            {
                for (a = 0; a < d; a++)
                    memcpy(Hmid + (j * d + a) * N1 + l * d,
                           H + (sj * d + a) * N + sl * d, sizeof(double) * d);
                Erad[j * n1 + l] = E[sj * n + sl];
            }
        }
    free(H);
    free(E);
    return st;
}
