/* exact.c -- local optimality at an exact point by one-sided conditions
 * per neuron (docs/finite-data.md, "The kink test"). */
#include <stdio.h>
#include <string.h>
#include "finite_impl.h"

/* Does u violate neuron j's condition: a_j phi_j(u) < 0 (a_j != 0), or
 * phi_j(u) != 0 (a_j = 0)? */
static int
violates(const tsa_fin_point_t p, const tsa_fin_land_t l, slong j, const fmpq *u)
{
    fmpq_t f;
    int v, sa = fmpq_sgn(p->a + j);
    fmpq_init(f);
    _fin_phi(f, p, l, j, u);
    v = sa != 0 ? sa * fmpq_sgn(f) < 0 : !fmpq_is_zero(f);
    fmpq_clear(f);
    return v;
}

/* Boundary samples of neuron j into B; returns their number. */
static slong
boundary(slong *B, const tsa_fin_land_t l, slong j)
{
    slong s, k = 0;
    for (s = 0; s < l->n; s++)
        if (l->sgn[j * l->n + s] == 0)
            B[k++] = s;
    return k;
}

/* Try u = +-v: 1 with u set when one of them violates. */
static int
try_pm(fmpq *u, const fmpq *v, const tsa_fin_point_t p, const tsa_fin_land_t l,
       slong j)
{
    slong i, d1 = p->d + 1;
    for (i = 0; i < d1; i++)
        fmpq_set(u + i, v + i);
    if (!_fin_vec_is_zero(u, d1) && violates(p, l, j, u))
        return 1;
    for (i = 0; i < d1; i++)
        fmpq_neg(u + i, v + i);
    return !_fin_vec_is_zero(u, d1) && violates(p, l, j, u);
}

/* The test of neuron j.  Returns 1 (conditions hold), 0 (violated, u
 * set), -1 (undecided).  *test names the method; c (k entries) gets the
 * multipliers of the independent case. */
static int
neuron_test(fmpq *u, const char **test, json_t *rec, const tsa_fin_point_t p,
            const tsa_fin_land_t l, slong j, slong *B)
{
    slong d1 = p->d + 1, k = boundary(B, l, j), i, s, rank;
    fmpq *g = _fmpq_vec_init(d1), *v = _fmpq_vec_init(d1);
    int res = 1, sa = fmpq_sgn(p->a + j);
    fmpq_mat_t Z, G, rhs, c, Zt;
    fmpq_t z, lo, hi;

    fmpq_init(z), fmpq_init(lo), fmpq_init(hi);
    _fin_gj(g, p, l, j);
    json_object_set_new(rec, "g", _fin_qvec_json(g, d1));
    *test = "smooth";
    if (k == 0)
    {
        res = _fin_vec_is_zero(g, d1) ? 1 : (try_pm(u, g, p, l, j) ? 0 : -1);
        goto done;
    }
    fmpq_mat_init(Z, k, d1);
    for (s = 0; s < k; s++)
        for (i = 0; i < d1; i++)
            _fin_z(fmpq_mat_entry(Z, s, i), p, B[s], i);
    fmpq_mat_init(Zt, d1, k);
    fmpq_mat_transpose(Zt, Z);
    fmpq_mat_init(G, k, k);
    fmpq_mat_mul(G, Z, Zt);
    fmpq_mat_init(c, k, k);
    fmpq_mat_set(c, G);
    rank = k <= d1 ? fmpq_mat_rref(c, c) : 0;
    fmpq_mat_clear(c);
    if (rank == k)
    {
        /* z_s independent: g = sum c_s z_s + g_perp */
        json_t *cj = json_array();
        *test = "independent";
        fmpq_mat_init(rhs, k, 1);
        fmpq_mat_init(c, k, 1);
        for (s = 0; s < k; s++)
            for (i = 0; i < d1; i++)
                fmpq_addmul(fmpq_mat_entry(rhs, s, 0), fmpq_mat_entry(Z, s, i), g + i);
        fmpq_mat_solve_fraction_free(c, G, rhs);
        for (i = 0; i < d1; i++)
        {
            fmpq_set(v + i, g + i);
            for (s = 0; s < k; s++)
                fmpq_submul(v + i, fmpq_mat_entry(c, s, 0), fmpq_mat_entry(Z, s, i));
        }
        for (s = 0; s < k; s++)
            json_array_append_new(cj, _fin_qjson(fmpq_mat_entry(c, s, 0)));
        json_object_set_new(rec, "c", cj);
        if (!_fin_vec_is_zero(v, d1))
            res = try_pm(u, v, p, l, j) ? 0 : -1;
        for (s = 0; s < k && res == 1; s++)
        {
            /* sides: c_s t + (r_s/n) relu(t), sign a_j times it >= 0 */
            const fmpq *cs = fmpq_mat_entry(c, s, 0);
            fmpq_div_si(z, l->r + B[s], p->n);
            fmpq_add(hi, cs, z); /* slope for t > 0 */
            if ((sa > 0 && (fmpq_sgn(cs) > 0 || fmpq_sgn(hi) < 0))
                || (sa < 0 && (fmpq_sgn(cs) < 0 || fmpq_sgn(hi) > 0))
                || (sa == 0 && (!fmpq_is_zero(cs) || !fmpq_is_zero(hi))))
            {
                /* u with u.z_s = 1, u.z_s' = 0: u = Z^T G^-1 e_s */
                fmpq_mat_zero(rhs);
                fmpq_one(fmpq_mat_entry(rhs, s, 0));
                fmpq_mat_solve_fraction_free(c, G, rhs);
                for (i = 0; i < d1; i++)
                {
                    fmpq_zero(v + i);
                    for (rank = 0; rank < k; rank++)
                        fmpq_addmul(v + i, fmpq_mat_entry(Zt, i, rank),
                                    fmpq_mat_entry(c, rank, 0));
                }
                res = try_pm(u, v, p, l, j) ? 0 : -1;
            }
        }
        fmpq_mat_clear(rhs);
        fmpq_mat_clear(c);
    }
    else
    {
        /* dependent: in d + 1 = 2 the rays +-perp(z_s), +-e_i cut the
           plane into sectors of angle < pi on which phi_j is linear */
        *test = d1 == 2 ? "rays" : "search";
        res = 1;
        for (s = -1; s < k && res == 1; s++)
            for (i = 0; i < d1 && res == 1; i++)
            {
                _fin_vec_zero(v, d1);
                if (s < 0)
                    fmpq_one(v + i);
                else if (d1 == 2)
                {
                    if (i > 0)
                        break;
                    fmpq_neg(v, fmpq_mat_entry(Z, s, 1));
                    fmpq_set(v + 1, fmpq_mat_entry(Z, s, 0));
                }
                else
                {
                    if (i > 0)
                        break;
                    for (rank = 0; rank < d1; rank++)
                        fmpq_set(v + rank, fmpq_mat_entry(Z, s, rank));
                }
                if (try_pm(u, v, p, l, j))
                    res = 0;
            }
        if (res == 1 && d1 != 2)
            res = try_pm(u, g, p, l, j) ? 0 : -1;
    }
    fmpq_mat_clear(Z);
    fmpq_mat_clear(Zt);
    fmpq_mat_clear(G);
done:
    {
        json_t *bj = json_array();
        for (s = 0; s < k; s++)
            json_array_append_new(bj, json_integer(B[s]));
        json_object_set_new(rec, "boundary", bj);
    }
    _fmpq_vec_clear(g, d1);
    _fmpq_vec_clear(v, d1);
    fmpq_clear(z), fmpq_clear(lo), fmpq_clear(hi);
    return res;
}

/* Lowest order k >= 1 of P - P(0) with a non-zero coefficient (into c);
 * 0 when P is constant. */
static slong
lowest(fmpq_t c, const fmpq_poly_t P)
{
    slong k;
    for (k = 1; k < fmpq_poly_length(P); k++)
    {
        fmpq_poly_get_coeff_fmpq(c, P, k);
        if (!fmpq_is_zero(c))
            return k;
    }
    return 0;
}

/* Check the direction D: the loss along p + eps D decreases for all small
 * eps > 0 (lowest coefficient negative) and at an exact step.  Fills the
 * "descent" record; 1 when certified. */
static int
descent(json_t *cert, const tsa_fin_point_t p, const tsa_fin_land_t l,
        const fmpq *D, const char *why)
{
    fmpq_poly_t P;
    fmpq_t c, valid, eps, L1, L0;
    int vinf, ok = 0, it;
    slong k;
    fmpq_poly_init(P);
    fmpq_init(c), fmpq_init(valid), fmpq_init(eps), fmpq_init(L1), fmpq_init(L0);
    _fin_line_poly(P, valid, &vinf, p, l, D);
    k = lowest(c, P);
    if (k > 0 && fmpq_sgn(c) < 0)
    {
        fmpq_one(eps);
        if (!vinf && fmpq_cmp(valid, eps) <= 0)
            fmpq_div_si(eps, valid, 2);
        fmpq_poly_get_coeff_fmpq(L0, P, 0);
        for (it = 0; it < 400; it++)
        {
            fmpq_poly_evaluate_fmpq(L1, P, eps);
            if (fmpq_cmp(L1, L0) < 0)
                break;
            fmpq_div_si(eps, eps, 2);
        }
        tsa_fin_loss_direct(L1, p, D, eps);
        ok = it < 400 && fmpq_cmp(L1, l->loss) < 0;
    }
    if (ok)
    {
        json_t *o = json_object();
        json_object_set_new(o, "reason", json_string(why));
        json_object_set_new(o, "direction", _fin_qvec_json(D, l->np));
        json_object_set_new(o, "order", json_integer(k));
        json_object_set_new(o, "coefficient", _fin_qjson(c));
        json_object_set_new(o, "coefficient_decimal", _fin_qdec_json(c));
        json_object_set_new(o, "valid_below", vinf ? json_string("inf") : _fin_qjson(valid));
        json_object_set_new(o, "step", _fin_qjson(eps));
        json_object_set_new(o, "loss_at_step", _fin_qjson(L1));
        json_object_set_new(o, "loss_at_step_decimal", _fin_qdec_json(L1));
        json_object_set_new(cert, "descent", o);
    }
    fmpq_poly_clear(P);
    fmpq_clear(c), fmpq_clear(valid), fmpq_clear(eps), fmpq_clear(L1), fmpq_clear(L0);
    return ok;
}

/* A descent direction from neuron j's violating u (a_j = 0: the output
 * weight moves too, against the sign of phi_j(u), scaled by t). */
static int
descent_from_u(json_t *cert, const tsa_fin_point_t p, const tsa_fin_land_t l,
               slong j, const fmpq *u, char *why)
{
    fmpq *D = _fmpq_vec_init(l->np);
    fmpq_t f;
    slong i, d2 = p->d + 2;
    int ok = 0, tries;
    fmpq_init(f);
    for (i = 0; i <= p->d; i++)
        fmpq_set(D + j * d2 + 1 + i, u + i);
    if (!fmpq_is_zero(p->a + j))
        ok = descent(cert, p, l, D, why);
    else
    {
        _fin_phi(f, p, l, j, u);
        fmpq_set_si(D + j * d2, -fmpq_sgn(f), 1);
        for (tries = 0; tries < 40 && !ok; tries++)
        {
            ok = descent(cert, p, l, D, why);
            fmpq_div_si(D + j * d2, D + j * d2, 2);
        }
    }
    _fmpq_vec_clear(D, l->np);
    fmpq_clear(f);
    return ok;
}

int
_fin_certify_exact(json_t *cert, tsa_fin_verdict_t *v, const tsa_fin_point_t p)
{
    tsa_fin_land_t l;
    json_t *neurons = json_array(), *bnd = json_array();
    slong j, s, *B;
    fmpq *u;
    char why[256];
    int st, undecided = 0, refuted = 0;
    fmpq_t rho;

    if ((st = tsa_fin_land_init(l, p)) != TSA_SUCCESS)
        return st;
    B = flint_malloc(sizeof(slong) * (size_t) p->n);
    u = _fmpq_vec_init(p->d + 1);
    fmpq_init(rho);
    json_object_set_new(cert, "method", json_string("exact-kink"));
    json_object_set_new(cert, "loss", _fin_qjson(l->loss));
    json_object_set_new(cert, "loss_decimal", _fin_qdec_json(l->loss));
    for (j = 0; j < p->m; j++)
        for (s = 0; s < p->n; s++)
            if (l->sgn[j * p->n + s] == 0)
                json_array_append_new(bnd, json_pack("[I,I]", (json_int_t) j, (json_int_t) s));
    json_object_set_new(cert, "boundary", bnd);
    json_object_set_new(cert, "gradient", _fin_qvec_json(l->grad, l->np));
    json_object_set_new(cert, "neurons", neurons); /* filled below */
    *v = TSA_FIN_LOCAL_MIN;
    if (fmpq_is_zero(l->loss))
    {
        json_object_set_new(cert, "reason", json_string("loss is exactly 0: a global minimum"));
        json_object_set_new(cert, "radius", json_string("inf"));
        goto out;
    }
    /* stationarity in the output weights */
    for (j = 0; j < p->m && !refuted; j++)
    {
        fmpq *D;
        const fmpq *ga = l->grad + j * (p->d + 2);
        if (fmpq_is_zero(ga))
            continue;
        D = _fmpq_vec_init(l->np);
        fmpq_set_si(D + j * (p->d + 2), -fmpq_sgn(ga), 1);
        snprintf(why, sizeof why, "dL/da_%ld != 0 (not stationary)", j);
        refuted = descent(cert, p, l, D, why);
        _fmpq_vec_clear(D, l->np);
        if (!refuted)
            undecided = 1;
    }
    for (j = 0; j < p->m && !refuted; j++)
    {
        const char *test;
        json_t *rec = json_object();
        int r = neuron_test(u, &test, rec, p, l, j, B);
        json_object_set_new(rec, "j", json_integer(j));
        json_object_set_new(rec, "test", json_string(test));
        json_object_set_new(rec, "holds", json_string(r == 1 ? "true" : r == 0 ? "false" : "undecided"));
        json_array_append_new(neurons, rec);
        if (r == 0)
        {
            snprintf(why, sizeof why, "neuron %ld: one-sided first-order condition fails "
                     "(%s test)", j, test);
            refuted = descent_from_u(cert, p, l, j, u, why);
            if (!refuted)
                undecided = 1;
        }
        else if (r < 0)
            undecided = 1;
    }
    if (refuted)
        *v = TSA_FIN_NOT_LOCAL_MIN;
    else if (undecided)
    {
        *v = TSA_FIN_UNDECIDED;
        json_object_set_new(cert, "reason", json_string(
            "a neuron's one-sided condition could not be decided (dependent boundary "
            "samples in d + 1 > 2, or a violation without a certified descent)"));
    }
    else
    {
        int inf;
        _fin_radius(rho, &inf, p, l);
        json_object_set_new(cert, "radius", inf ? json_string("inf") : _fin_qjson(rho));
        json_object_set_new(cert, "reason", json_string(
            "every neuron satisfies its one-sided first-order conditions: L(theta) - L "
            ">= sum_j a_j phi_j(dw_j) >= 0 on the l_inf ball of the radius"));
    }
    goto out;
out:
    tsa_fin_land_clear(l);
    flint_free(B);
    _fmpq_vec_clear(u, p->d + 1);
    fmpq_clear(rho);
    return TSA_SUCCESS;
}
