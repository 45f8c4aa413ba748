/* land.c -- the exact landscape: pre-activations, signs, residuals, loss,
 * gradient (relu'(0) = 0) and Hessian off the non-smooth set. */
#include <stdlib.h>
#include "finite_impl.h"

int
tsa_fin_land_init(tsa_fin_land_t l, const tsa_fin_point_t p)
{
    slong n = p->n, d = p->d, m = p->m, j, s, i;
    fmpq_t t, z;
    if (!fmpq_is_zero(p->radius))
        return TSA_ERROR(TSA_EINVAL, "the exact landscape needs an exact point (radius 0)");
    l->n = n, l->d = d, l->m = m, l->np = m * (d + 2);
    l->pre = _fmpq_vec_init(m * n);
    l->sgn = calloc((size_t) (m * n), sizeof(int));
    l->h = _fmpq_vec_init(n);
    l->r = _fmpq_vec_init(n);
    l->grad = _fmpq_vec_init(l->np);
    fmpq_init(l->loss);
    if (l->sgn == NULL)
        abort();
    fmpq_init(t);
    fmpq_init(z);
    l->nboundary = 0;
    for (j = 0; j < m; j++)
        for (s = 0; s < n; s++)
        {
            fmpq *q = l->pre + j * n + s;
            for (i = 0; i <= d; i++)
            {
                _fin_z(z, p, s, i);
                fmpq_addmul(q, p->w + j * (d + 1) + i, z);
            }
            l->sgn[j * n + s] = fmpq_sgn(q);
            if (fmpq_is_zero(q))
                l->nboundary++;
            if (fmpq_sgn(q) > 0)
                fmpq_addmul(l->h + s, p->a + j, q);
        }
    for (s = 0; s < n; s++)
    {
        fmpq_sub(l->r + s, l->h + s, p->y + s);
        fmpq_addmul(l->loss, l->r + s, l->r + s);
    }
    fmpq_div_si(l->loss, l->loss, 2 * n);
    /* gradient: dL/da_j = (1/n) sum_s r_s relu(pre_js),
       dL/dw_j = (a_j/n) sum_{pre_js > 0} r_s z_s */
    for (j = 0; j < m; j++)
    {
        fmpq *ga = l->grad + j * (d + 2);
        for (s = 0; s < n; s++)
        {
            if (l->sgn[j * n + s] <= 0)
                continue;
            fmpq_addmul(ga, l->r + s, l->pre + j * n + s);
            for (i = 0; i <= d; i++)
            {
                _fin_z(z, p, s, i);
                fmpq_mul(t, l->r + s, z);
                fmpq_addmul(ga + 1 + i, t, p->a + j);
            }
        }
        for (i = 0; i <= d + 1; i++)
            fmpq_div_si(ga + i, ga + i, n);
    }
    fmpq_clear(t);
    fmpq_clear(z);
    return TSA_SUCCESS;
}

void
tsa_fin_land_clear(tsa_fin_land_t l)
{
    _fmpq_vec_clear(l->pre, l->m * l->n);
    free(l->sgn);
    _fmpq_vec_clear(l->h, l->n);
    _fmpq_vec_clear(l->r, l->n);
    _fmpq_vec_clear(l->grad, l->np);
    fmpq_clear(l->loss);
}

/* d h_s / d theta_k (relu'(0) = 0) into c (np entries). */
static void
dh(fmpq *c, const tsa_fin_point_t p, const tsa_fin_land_t l, slong s)
{
    slong j, i, d = p->d;
    fmpq_t z;
    fmpq_init(z);
    _fin_vec_zero(c, l->np);
    for (j = 0; j < p->m; j++)
    {
        if (l->sgn[j * p->n + s] <= 0)
            continue;
        fmpq_set(c + j * (d + 2), l->pre + j * p->n + s);
        for (i = 0; i <= d; i++)
        {
            _fin_z(z, p, s, i);
            fmpq_mul(c + j * (d + 2) + 1 + i, p->a + j, z);
        }
    }
    fmpq_clear(z);
}

int
tsa_fin_hessian(fmpq_mat_t H, const tsa_fin_point_t p, const tsa_fin_land_t l)
{
    slong np = l->np, d = p->d, s, j, i, k;
    fmpq *c;
    fmpq_t z, t;
    if (np > TSA_FIN_MAX_HESS)
        return TSA_ERROR(TSA_EINVAL, "Hessian of %ld parameters: above the limit %d",
                         np, TSA_FIN_MAX_HESS);
    c = _fmpq_vec_init(np);
    fmpq_init(z);
    fmpq_init(t);
    fmpq_mat_zero(H);
    /* Gauss-Newton part (1/n) sum_s dh_s dh_s^T */
    for (s = 0; s < p->n; s++)
    {
        dh(c, p, l, s);
        for (i = 0; i < np; i++)
            if (!fmpq_is_zero(c + i))
                for (k = 0; k < np; k++)
                    fmpq_addmul(fmpq_mat_entry(H, i, k), c + i, c + k);
        /* residual part: r_s d^2 h_s / (da_j dw_j) = r_s z_s (active) */
        for (j = 0; j < p->m; j++)
            if (l->sgn[j * p->n + s] > 0)
                for (i = 0; i <= d; i++)
                {
                    _fin_z(z, p, s, i);
                    fmpq_mul(t, l->r + s, z);
                    fmpq_add(fmpq_mat_entry(H, j * (d + 2), j * (d + 2) + 1 + i),
                             fmpq_mat_entry(H, j * (d + 2), j * (d + 2) + 1 + i), t);
                    fmpq_add(fmpq_mat_entry(H, j * (d + 2) + 1 + i, j * (d + 2)),
                             fmpq_mat_entry(H, j * (d + 2) + 1 + i, j * (d + 2)), t);
                }
    }
    for (i = 0; i < np; i++)
        for (k = 0; k < np; k++)
            fmpq_div_si(fmpq_mat_entry(H, i, k), fmpq_mat_entry(H, i, k), p->n);
    _fmpq_vec_clear(c, np);
    fmpq_clear(z);
    fmpq_clear(t);
    return TSA_SUCCESS;
}

/* The verifier's path: every output recomputed from the parameters, one
 * sample at a time, with relu applied to the exact pre-activation. */
void
tsa_fin_loss_direct(fmpq_t loss, const tsa_fin_point_t p, const fmpq *D,
                    const fmpq_t eps)
{
    slong s, j, i, d = p->d;
    fmpq_t h, pre, aj, wi, z;
    fmpq_init(h);
    fmpq_init(pre);
    fmpq_init(aj);
    fmpq_init(wi);
    fmpq_init(z);
    fmpq_zero(loss);
    for (s = 0; s < p->n; s++)
    {
        fmpq_zero(h);
        for (j = 0; j < p->m; j++)
        {
            fmpq_zero(pre);
            for (i = 0; i <= d; i++)
            {
                fmpq_set(wi, p->w + j * (d + 1) + i);
                if (D != NULL)
                    fmpq_addmul(wi, D + j * (d + 2) + 1 + i, eps);
                if (i < d)
                    fmpq_set(z, p->x + s * d + i);
                else
                    fmpq_one(z);
                fmpq_addmul(pre, wi, z);
            }
            if (fmpq_sgn(pre) <= 0)
                continue;
            fmpq_set(aj, p->a + j);
            if (D != NULL)
                fmpq_addmul(aj, D + j * (d + 2), eps);
            fmpq_addmul(h, aj, pre);
        }
        fmpq_sub(h, h, p->y + s);
        fmpq_addmul(loss, h, h);
    }
    fmpq_div_si(loss, loss, 2 * p->n);
    fmpq_clear(h);
    fmpq_clear(pre);
    fmpq_clear(aj);
    fmpq_clear(wi);
    fmpq_clear(z);
}
