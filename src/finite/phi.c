/* phi.c -- the one-sided first-order quantities of one neuron at an exact
 * point, the pattern radius and the loss along a line (polynomial). */
#include "finite_impl.h"

void
_fin_gj(fmpq *g, const tsa_fin_point_t p, const tsa_fin_land_t l, slong j)
{
    slong s, i;
    fmpq_t z;
    fmpq_init(z);
    _fin_vec_zero(g, p->d + 1);
    for (s = 0; s < p->n; s++)
        if (l->sgn[j * p->n + s] > 0)
            for (i = 0; i <= p->d; i++)
            {
                _fin_z(z, p, s, i);
                fmpq_addmul(g + i, l->r + s, z);
            }
    for (i = 0; i <= p->d; i++)
        fmpq_div_si(g + i, g + i, p->n);
    fmpq_clear(z);
}

void
_fin_phi(fmpq_t out, const tsa_fin_point_t p, const tsa_fin_land_t l, slong j,
         const fmpq *u)
{
    slong s, i, d = p->d;
    fmpq *g = _fmpq_vec_init(d + 1);
    fmpq_t z, uz, acc;
    fmpq_init(z);
    fmpq_init(uz);
    fmpq_init(acc);
    _fin_gj(g, p, l, j);
    fmpq_zero(out);
    for (i = 0; i <= d; i++)
        fmpq_addmul(out, u + i, g + i);
    for (s = 0; s < p->n; s++)
    {
        if (l->sgn[j * p->n + s] != 0)
            continue;
        fmpq_zero(uz);
        for (i = 0; i <= d; i++)
        {
            _fin_z(z, p, s, i);
            fmpq_addmul(uz, u + i, z);
        }
        if (fmpq_sgn(uz) > 0)
            fmpq_addmul(acc, l->r + s, uz);
    }
    fmpq_div_si(acc, acc, p->n);
    fmpq_add(out, out, acc);
    _fmpq_vec_clear(g, d + 1);
    fmpq_clear(z);
    fmpq_clear(uz);
    fmpq_clear(acc);
}

void
_fin_radius(fmpq_t rho, int *inf, const tsa_fin_point_t p, const tsa_fin_land_t l)
{
    slong j, s, i;
    fmpq_t t, z1, z;
    fmpq_init(t);
    fmpq_init(z1);
    fmpq_init(z);
    *inf = 1;
    for (s = 0; s < p->n; s++)
    {
        fmpq_one(z1);
        for (i = 0; i < p->d; i++)
        {
            fmpq_abs(z, p->x + s * p->d + i);
            fmpq_add(z1, z1, z);
        }
        for (j = 0; j < p->m; j++)
        {
            if (l->sgn[j * p->n + s] == 0)
                continue;
            fmpq_abs(t, l->pre + j * p->n + s);
            fmpq_div(t, t, z1);
            if (*inf || fmpq_cmp(t, rho) < 0)
                fmpq_set(rho, t), *inf = 0;
        }
    }
    for (j = 0; j < p->m; j++)
    {
        if (fmpq_is_zero(p->a + j))
            continue;
        fmpq_abs(t, p->a + j);
        if (*inf || fmpq_cmp(t, rho) < 0)
            fmpq_set(rho, t), *inf = 0;
    }
    fmpq_clear(t);
    fmpq_clear(z1);
    fmpq_clear(z);
}

void
_fin_line_poly(fmpq_poly_t P, fmpq_t valid, int *valid_inf, const tsa_fin_point_t p,
               const tsa_fin_land_t l, const fmpq *D)
{
    slong s, j, i, d = p->d;
    fmpq_poly_t h, f, g;
    fmpq_t q, z, t;
    fmpq_poly_init(h);
    fmpq_poly_init(f);
    fmpq_poly_init(g);
    fmpq_init(q);
    fmpq_init(z);
    fmpq_init(t);
    fmpq_poly_zero(P);
    *valid_inf = 1;
    for (s = 0; s < p->n; s++)
    {
        fmpq_poly_zero(h);
        for (j = 0; j < p->m; j++)
        {
            const fmpq *pre = l->pre + j * p->n + s;
            fmpq_zero(q);
            for (i = 0; i <= d; i++)
            {
                _fin_z(z, p, s, i);
                fmpq_addmul(q, D + j * (d + 2) + 1 + i, z);
            }
            if (fmpq_sgn(pre) * fmpq_sgn(q) < 0)
            {
                fmpq_div(t, pre, q);
                fmpq_abs(t, t);
                if (*valid_inf || fmpq_cmp(t, valid) < 0)
                    fmpq_set(valid, t), *valid_inf = 0;
            }
            if (!(fmpq_sgn(pre) > 0 || (fmpq_is_zero(pre) && fmpq_sgn(q) > 0)))
                continue;
            fmpq_poly_zero(f);
            fmpq_poly_set_coeff_fmpq(f, 0, p->a + j);
            fmpq_poly_set_coeff_fmpq(f, 1, D + j * (d + 2));
            fmpq_poly_zero(g);
            fmpq_poly_set_coeff_fmpq(g, 0, pre);
            fmpq_poly_set_coeff_fmpq(g, 1, q);
            fmpq_poly_mul(f, f, g);
            fmpq_poly_add(h, h, f);
        }
        fmpq_neg(t, p->y + s);
        fmpq_poly_zero(f);
        fmpq_poly_set_coeff_fmpq(f, 0, t);
        fmpq_poly_add(h, h, f);
        fmpq_poly_mul(h, h, h);
        fmpq_poly_add(P, P, h);
    }
    fmpq_set_si(t, 1, (ulong) (2 * p->n));
    fmpq_poly_scalar_mul_fmpq(P, P, t);
    fmpq_poly_clear(h);
    fmpq_poly_clear(f);
    fmpq_poly_clear(g);
    fmpq_clear(q);
    fmpq_clear(z);
    fmpq_clear(t);
}
