/* box.c -- a box around a point: the activation pattern proved constant in
 * Arb, then Krawczyk on the critical-point system of the pattern piece and
 * the Hessian's positive definiteness (docs/finite-data.md, "Boxes"). */
#include <stdlib.h>
#include <string.h>
#include "finite_impl.h"

/* Ball of q +- rad. */
static void
ball(arb_t b, const fmpq_t q, const arb_t rad, slong prec)
{
    arb_set_fmpq(b, q, prec);
    arb_add_error(b, rad);
}

static json_t *
arb_json(const arb_t x)
{
    char *s = arb_get_str(x, 20, 0);
    json_t *j = json_string(s);
    flint_free(s);
    return j;
}

/* Pattern over the box into sgn (m x n: -1, +1, or 0 when the ball of
 * w_j . (x_s, 1) contains 0); returns the number of crossings. */
static slong
pattern(int *sgn, json_t *cross, const tsa_fin_point_t p, const arb_t rad, slong prec)
{
    slong j, s, i, nc = 0;
    arb_t pre, w, z;
    fmpq_t zq;
    arb_init(pre), arb_init(w), arb_init(z);
    fmpq_init(zq);
    for (j = 0; j < p->m; j++)
        for (s = 0; s < p->n; s++)
        {
            arb_zero(pre);
            for (i = 0; i <= p->d; i++)
            {
                ball(w, p->w + j * (p->d + 1) + i, rad, prec);
                _fin_z(zq, p, s, i);
                arb_set_fmpq(z, zq, prec);
                arb_addmul(pre, w, z, prec);
            }
            sgn[j * p->n + s] = arb_is_positive(pre) ? 1 : arb_is_negative(pre) ? -1 : 0;
            if (sgn[j * p->n + s] == 0)
            {
                json_array_append_new(cross, json_pack("[I,I]", (json_int_t) j, (json_int_t) s));
                nc++;
            }
        }
    arb_clear(pre), arb_clear(w), arb_clear(z);
    fmpq_clear(zq);
    return nc;
}

/* Groups: neurons with the same non-empty active set share V_G = sum a_j w_j. */
static slong
groups(slong *grp, const int *sgn, const tsa_fin_point_t p)
{
    slong j, k, s, K = 0;
    for (j = 0; j < p->m; j++)
    {
        int any = 0;
        for (s = 0; s < p->n; s++)
            any |= sgn[j * p->n + s] > 0;
        grp[j] = -1;
        if (!any)
            continue;
        for (k = 0; k < j && grp[j] < 0; k++)
            if (grp[k] >= 0)
            {
                for (s = 0; s < p->n && (sgn[j * p->n + s] > 0) == (sgn[k * p->n + s] > 0); s++)
                    ;
                if (s == p->n)
                    grp[j] = grp[k];
            }
        if (grp[j] < 0)
            grp[j] = K++;
    }
    return K;
}

int
_fin_certify_box(json_t *cert, tsa_fin_verdict_t *v, const tsa_fin_point_t p, slong prec)
{
    slong n = p->n, d1 = p->d + 1, K, N, j, s, i, k, G;
    int *sgn = calloc((size_t) (p->m * n), sizeof(int));
    slong *grp = calloc((size_t) p->m, sizeof(slong)), *rep;
    json_t *cross = json_array(), *kr = json_object();
    arb_mat_t H, Y, X, M, F, T, Kx, Lc, Z1;
    arb_t rad, t, u;
    fmpq_t zq;
    const char *reason = NULL;

    if (sgn == NULL || grp == NULL)
        abort();
    arb_init(rad), arb_init(t), arb_init(u);
    fmpq_init(zq);
    arb_set_fmpq(rad, p->radius, prec);
    arb_get_ubound_arf(arb_midref(t), rad, prec);
    arb_set_arf(rad, arb_midref(t));
    json_object_set_new(cert, "method", json_string("box-krawczyk"));
    json_object_set_new(cert, "box_radius", _fin_qjson(p->radius));
    *v = TSA_FIN_UNDECIDED;
    if (pattern(sgn, cross, p, rad, prec) > 0)
    {
        json_object_set_new(cert, "crossing", cross);
        json_object_set_new(cert, "reason", json_string(
            "the box crosses the boundary of the listed (neuron, sample) pairs: the "
            "pattern is not constant, the smooth method does not apply"));
        goto done0;
    }
    json_object_set_new(cert, "crossing", cross);
    K = groups(grp, sgn, p);
    N = K * d1;
    if (N == 0 || N > TSA_FIN_MAX_HESS)
    {
        json_object_set_new(cert, "reason", json_string(N == 0 ? "no neuron is active on "
                            "the box: the loss is constant there" : "too many unknowns"));
        goto done0;
    }
    arb_mat_init(H, N, N), arb_mat_init(Y, N, N), arb_mat_init(X, N, 1);
    arb_mat_init(M, N, 1), arb_mat_init(F, N, 1), arb_mat_init(T, N, N);
    arb_mat_init(Kx, N, 1), arb_mat_init(Lc, N, N), arb_mat_init(Z1, N, 1);
    /* H = (1/n) sum_s c_s c_s^T, F(V) = H V - b, c_s = (z_s [s in G])_G */
    for (s = 0; s < n; s++)
    {
        int in[TSA_FIN_MAX_M];
        memset(in, 0, sizeof in);
        for (j = 0; j < p->m; j++)
            if (grp[j] >= 0 && sgn[j * n + s] > 0)
                in[grp[j]] = 1;
        for (G = 0; G < K; G++)
            for (i = 0; i < d1 && in[G]; i++)
            {
                _fin_z(zq, p, s, i);
                arb_set_fmpq(t, zq, prec);
                arb_set_fmpq(u, p->y + s, prec);
                arb_submul(arb_mat_entry(F, G * d1 + i, 0), u, t, prec);
                for (k = 0; k < K; k++)
                    for (j = 0; j < d1 && in[k]; j++)
                    {
                        _fin_z(zq, p, s, j);
                        arb_set_fmpq(u, zq, prec);
                        arb_addmul(arb_mat_entry(H, G * d1 + i, k * d1 + j), t, u, prec);
                    }
            }
    }
    arb_mat_scalar_div_si(H, H, n, prec);
    arb_mat_scalar_div_si(F, F, n, prec); /* F holds -b */
    /* X: enclosure of V_G over the box */
    for (j = 0; j < p->m; j++)
        for (i = 0; i < d1 && grp[j] >= 0; i++)
        {
            ball(t, p->a + j, rad, prec);
            ball(u, p->w + j * d1 + i, rad, prec);
            arb_addmul(arb_mat_entry(X, grp[j] * d1 + i, 0), t, u, prec);
        }
    for (i = 0; i < N; i++)
        arb_get_mid_arb(arb_mat_entry(M, i, 0), arb_mat_entry(X, i, 0));
    arb_mat_get_mid(T, H);
    if (!arb_mat_approx_inv(Y, T, prec))
    {
        reason = "the Hessian of the pattern piece is numerically singular (Krawczyk needs "
                 "an isolated critical point)";
        goto done;
    }
    /* K = M - Y (H M - b) + (I - Y H)(X - M) */
    arb_mat_mul(Kx, H, M, prec);
    arb_mat_add(Kx, Kx, F, prec);
    arb_mat_mul(Kx, Y, Kx, prec);
    arb_mat_sub(Kx, M, Kx, prec);
    arb_mat_mul(T, Y, H, prec);
    arb_mat_neg(T, T);
    for (i = 0; i < N; i++)
        arb_add_si(arb_mat_entry(T, i, i), arb_mat_entry(T, i, i), 1, prec);
    arb_mat_sub(F, X, M, prec);
    arb_mat_mul(Z1, T, F, prec);
    for (i = 0; i < N; i++)
    {
        arb_add(arb_mat_entry(Kx, i, 0), arb_mat_entry(Kx, i, 0), arb_mat_entry(Z1, i, 0), prec);
        if (!arb_contains_interior(arb_mat_entry(X, i, 0), arb_mat_entry(Kx, i, 0)))
            reason = "Krawczyk: K(X) is not inside X (no isolated critical point proved)";
    }
    {
        json_t *vj = json_array();
        for (i = 0; i < N; i++)
            json_array_append_new(vj, arb_json(arb_mat_entry(Kx, i, 0)));
        json_object_set_new(kr, "V", vj);
        json_object_set_new(kr, "groups", json_integer(K));
        json_object_set_new(kr, "unknowns", json_integer(N));
        json_object_set_new(kr, "contained", json_boolean(reason == NULL));
    }
    if (reason != NULL)
        goto done;
    if (!arb_mat_cho(Lc, H, prec))
    {
        reason = "the Hessian of the pattern piece is not proved positive definite";
        goto done;
    }
    json_object_set_new(kr, "hessian_positive_definite", json_true());
    /* attained: the first neuron of each group with a non-zero output
       weight takes V* minus the rest at the box centre */
    rep = calloc((size_t) (K > 0 ? K : 1), sizeof(slong));
    for (G = 0; G < K; G++)
        rep[G] = -1;
    for (j = 0; j < p->m; j++)
    {
        fmpq_abs(zq, p->a + j);
        if (grp[j] >= 0 && rep[grp[j]] < 0 && fmpq_cmp(p->radius, zq) < 0)
            rep[grp[j]] = j;
    }
    for (G = 0; G < K && reason == NULL; G++)
    {
        if (rep[G] < 0)
        {
            reason = "a group has no output weight bounded away from 0 on the box";
            break;
        }
        for (i = 0; i < d1 && reason == NULL; i++)
        {
            arb_set(t, arb_mat_entry(Kx, G * d1 + i, 0));
            for (j = 0; j < p->m; j++)
                if (grp[j] == G && j != rep[G])
                {
                    arb_set_fmpq(u, p->w + j * d1 + i, prec);
                    arb_set_fmpq(arb_mat_entry(M, 0, 0), p->a + j, prec);
                    arb_submul(t, u, arb_mat_entry(M, 0, 0), prec);
                }
            arb_set_fmpq(u, p->a + rep[G], prec);
            arb_div(t, t, u, prec);
            ball(u, p->w + rep[G] * d1 + i, rad, prec);
            if (!arb_contains(u, t))
                reason = "the critical value V* is not proved attained inside the box";
        }
    }
    free(rep);
    if (reason == NULL)
    {
        *v = TSA_FIN_LOCAL_MIN;
        reason = "pattern constant on the box; the pattern piece is a convex quadratic in "
                 "V_G = sum a_j w_j with a unique critical point V* (Krawczyk) and a positive "
                 "definite Hessian; V* is attained in the box, and every point of the box "
                 "with V = V* is a local minimum (L >= L(V*) on the box)";
        json_object_set_new(cert, "radius", _fin_qjson(p->radius));
    }
done:
    json_object_set_new(cert, "krawczyk", kr), kr = NULL;
    json_object_set_new(cert, "reason", json_string(reason));
    arb_mat_clear(H), arb_mat_clear(Y), arb_mat_clear(X), arb_mat_clear(M);
    arb_mat_clear(F), arb_mat_clear(T), arb_mat_clear(Kx), arb_mat_clear(Lc), arb_mat_clear(Z1);
done0:
    json_decref(kr);
    free(sgn), free(grp);
    arb_clear(rad), arb_clear(t), arb_clear(u);
    fmpq_clear(zq);
    return TSA_SUCCESS;
}
