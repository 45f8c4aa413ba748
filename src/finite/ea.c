/* ea.c -- the early-alignment example (docs/early-alignment.md, "the
 * spurious stationary point"): x = (-3/4, -1/2, 1/8), y = (11/10, 1/10,
 * 4/5), h(x) = sum_j a_j relu(u_j x + b_j). */
#include "finite_impl.h"

void
tsa_fin_ea_point(tsa_fin_point_t p, slong m, const fmpq_t s, int which)
{
    static const slong xn[3] = {-3, -1, 1}, xd[3] = {4, 2, 8};
    static const slong yn[3] = {11, 1, 4}, yd[3] = {10, 10, 5};
    slong i, j;
    tsa_fin_point_clear(p);
    tsa_fin_point_init(p, 3, 1, m);
    for (i = 0; i < 3; i++)
    {
        fmpq_set_si(p->x + i, xn[i], (ulong) xd[i]);
        fmpq_set_si(p->y + i, yn[i], (ulong) yd[i]);
    }
    for (j = 0; j < m; j++)
    {
        fmpq_zero(p->a + j);
        fmpq_zero(p->w + 2 * j);
        fmpq_zero(p->w + 2 * j + 1);
    }
    if (which == 0)
    {
        /* neuron 0: the least-squares line -4/65 x + 251/390, a_0 = 1;
           the others inactive on every sample: w_j = (0, -s), a_j = -s */
        fmpq_one(p->a);
        fmpq_set_si(p->w, -4, 65);
        fmpq_set_si(p->w + 1, 251, 390);
        for (j = 1; j < m; j++)
        {
            fmpq_neg(p->a + j, s);
            fmpq_neg(p->w + 2 * j + 1, s);
        }
    }
    else if (m >= 2)
    {
        /* relu(28/25 x + 33/50) + relu(-44/5 x - 11/2) interpolates */
        fmpq_one(p->a);
        fmpq_one(p->a + 1);
        fmpq_set_si(p->w, 28, 25);
        fmpq_set_si(p->w + 1, 33, 50);
        fmpq_set_si(p->w + 2, -44, 5);
        fmpq_set_si(p->w + 3, -11, 2);
    }
}
