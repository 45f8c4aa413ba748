/* verify.c -- re-check a finite-data certificate by a second code path:
 * outputs evaluated sample by sample from the parameters, the loss along
 * the descent line interpolated from direct evaluations, the stored
 * multipliers checked by multiplication instead of re-solved. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "finite_impl.h"

typedef struct
{
    const tsa_fin_point_t *p;
    fmpq *pre;   /* m x n, direct */
    fmpq *r;     /* n */
} vctx;

static int
fail(char **msg, tsa_truth_t *valid, const char *fmt, const char *a, long b)
{
    char buf[512];
    snprintf(buf, sizeof buf, fmt, a, b);
    *msg = strdup(buf);
    *valid = TSA_FALSE;
    return TSA_SUCCESS;
}

static int
getq(fmpq_t q, const json_t *o, const char *key, const char *what)
{
    const json_t *v = json_object_get(o, key);
    char w[200];
    snprintf(w, sizeof w, "%.120s: %s", what, key);
    if (!json_is_string(v))
        return TSA_ERROR(TSA_EFORMAT, "%s: missing or not a string", w);
    return tsa_fin_parse_q(q, json_string_value(v), w);
}

/* Direct pre-activations and residuals. */
static void
direct(fmpq *pre, fmpq *r, const tsa_fin_point_t p)
{
    slong s, j, i, d = p->d;
    for (s = 0; s < p->n; s++)
    {
        fmpq_neg(r + s, p->y + s);
        for (j = 0; j < p->m; j++)
        {
            fmpq *q = pre + j * p->n + s;
            fmpq_set(q, p->w + j * (d + 1) + d);
            for (i = 0; i < d; i++)
                fmpq_addmul(q, p->w + j * (d + 1) + i, p->x + s * d + i);
            if (fmpq_sgn(q) > 0)
                fmpq_addmul(r + s, p->a + j, q);
        }
    }
}

/* a_j phi_j(u) >= 0 (or phi_j(u) = 0 when a_j = 0), phi from the direct
 * pre-activations: u . g_j + (1/n) sum_{pre = 0} r_s relu(u . z_s). */
static int
phi_ok(const tsa_fin_point_t p, const fmpq *pre, const fmpq *r, slong j, const fmpq *u)
{
    slong s, i, d = p->d;
    fmpq_t f, uz;
    int ok, sa = fmpq_sgn(p->a + j);
    fmpq_init(f), fmpq_init(uz);
    for (s = 0; s < p->n; s++)
    {
        int sg = fmpq_sgn(pre + j * p->n + s);
        if (sg < 0)
            continue;
        fmpq_set(uz, u + d);
        for (i = 0; i < d; i++)
            fmpq_addmul(uz, u + i, p->x + s * d + i);
        if (sg > 0 || fmpq_sgn(uz) > 0)
            fmpq_addmul(f, r + s, uz);
    }
    ok = sa != 0 ? sa * fmpq_sgn(f) >= 0 : fmpq_is_zero(f);
    fmpq_clear(f), fmpq_clear(uz);
    return ok;
}

/* Check neuron record rec (local minimum). */
static int
neuron_ok(char **why, const tsa_fin_point_t p, const fmpq *pre, const fmpq *r,
          const json_t *rec, slong j)
{
    slong d1 = p->d + 1, s, i, k = 0;
    const char *test = json_string_value(json_object_get(rec, "test"));
    fmpq *g = _fmpq_vec_init(d1), *u = _fmpq_vec_init(d1);
    fmpq_t t, da;
    int ok = 1, sa = fmpq_sgn(p->a + j);
    fmpq_init(t), fmpq_init(da);
    *why = "";
    for (s = 0; s < p->n; s++)
        if (fmpq_sgn(pre + j * p->n + s) > 0)
        {
            fmpq_addmul(da, r + s, pre + j * p->n + s);
            for (i = 0; i < d1; i++)
            {
                if (i < p->d)
                    fmpq_mul(t, r + s, p->x + s * p->d + i);
                else
                    fmpq_set(t, r + s);
                fmpq_add(g + i, g + i, t);
            }
        }
    for (i = 0; i < d1; i++)
        fmpq_div_si(g + i, g + i, p->n);
    if (!fmpq_is_zero(da))
        ok = 0, *why = "dL/da_j != 0";
    else if (test == NULL)
        ok = 0, *why = "no test named";
    else if (strcmp(test, "smooth") == 0 || strcmp(test, "independent") == 0)
    {
        /* g_j = sum_{s on the boundary} c_s z_s, sides per sign of a_j */
        const json_t *c = json_object_get(rec, "c");
        for (s = 0; s < p->n && ok; s++)
        {
            fmpq_t cs, hi;
            if (!fmpq_is_zero(pre + j * p->n + s))
                continue;
            fmpq_init(cs), fmpq_init(hi);
            if (!json_is_array(c) || !json_is_string(json_array_get(c, k))
                || tsa_fin_parse_q(cs, json_string_value(json_array_get(c, k)), "c") != TSA_SUCCESS)
                ok = 0, *why = "multiplier c missing or malformed";
            k++;
            for (i = 0; i < d1 && ok; i++)
                if (i < p->d)
                    fmpq_submul(g + i, cs, p->x + s * p->d + i);
                else
                    fmpq_sub(g + i, g + i, cs);
            fmpq_div_si(hi, r + s, p->n);
            fmpq_add(hi, hi, cs);
            if (ok && ((sa > 0 && (fmpq_sgn(cs) > 0 || fmpq_sgn(hi) < 0))
                       || (sa < 0 && (fmpq_sgn(cs) < 0 || fmpq_sgn(hi) > 0))
                       || (sa == 0 && (!fmpq_is_zero(cs) || !fmpq_is_zero(hi)))))
                ok = 0, *why = "a boundary multiplier is on the wrong side";
            fmpq_clear(cs), fmpq_clear(hi);
        }
        if (ok && !_fin_vec_is_zero(g, d1))
            ok = 0, *why = "g_j is not the combination of boundary samples the certificate states";
    }
    else if (strcmp(test, "rays") == 0 && d1 == 2)
    {
        for (s = -2; s < p->n && ok; s++)
        {
            if (s >= 0 && !fmpq_is_zero(pre + j * p->n + s))
                continue;
            _fin_vec_zero(u, 2);
            if (s < 0)
                fmpq_one(u + (s + 2));
            else
                fmpq_set_si(u, -1, 1), fmpq_set(u + 1, p->x + s);
            ok = phi_ok(p, pre, r, j, u);
            for (i = 0; i < 2; i++)
                fmpq_neg(u + i, u + i);
            ok = ok && phi_ok(p, pre, r, j, u);
            if (!ok)
                *why = "a ray of the boundary arrangement violates the one-sided condition";
        }
    }
    else
        ok = 0, *why = "unknown test";
    _fmpq_vec_clear(g, d1), _fmpq_vec_clear(u, d1);
    fmpq_clear(t), fmpq_clear(da);
    return ok;
}

/* l_inf radius recomputed from the direct pre-activations. */
static void
radius_direct(fmpq_t rho, int *inf, const tsa_fin_point_t p, const fmpq *pre)
{
    slong j, s, i;
    fmpq_t t, z1;
    fmpq_init(t), fmpq_init(z1);
    *inf = 1;
    for (j = 0; j < p->m; j++)
    {
        fmpq_abs(t, p->a + j);
        if (!fmpq_is_zero(t) && (*inf || fmpq_cmp(t, rho) < 0))
            fmpq_set(rho, t), *inf = 0;
        for (s = 0; s < p->n; s++)
        {
            if (fmpq_is_zero(pre + j * p->n + s))
                continue;
            fmpq_one(z1);
            for (i = 0; i < p->d; i++)
                fmpq_abs(t, p->x + s * p->d + i), fmpq_add(z1, z1, t);
            fmpq_abs(t, pre + j * p->n + s);
            fmpq_div(t, t, z1);
            if (*inf || fmpq_cmp(t, rho) < 0)
                fmpq_set(rho, t), *inf = 0;
        }
    }
    fmpq_clear(t), fmpq_clear(z1);
}

/* Descent: the loss along p + eps D interpolated from 6 direct values on
 * (0, e0] where no pre-activation changes sign, degree <= 4 confirmed by
 * the 6th point; its lowest coefficient must match the certificate's and
 * be negative; the step decreases the loss. */
static int
descent_ok(const char **why, const tsa_fin_point_t p, const fmpq *pre, const json_t *ds,
           const fmpq_t L0)
{
    slong np = p->m * (p->d + 2), j, s, i, k, order;
    const json_t *dj = json_object_get(ds, "direction");
    fmpq *D;
    fmpq_t e0, t, q, c, L1, eps;
    fmpq_mat_t V, b, x;
    int ok = 1, inf = 1;
    *why = "";
    if (!json_is_array(dj) || (slong) json_array_size(dj) != np
        || !json_is_integer(json_object_get(ds, "order")))
    {
        *why = "descent direction malformed";
        return 0;
    }
    D = _fmpq_vec_init(np);
    fmpq_init(e0), fmpq_init(t), fmpq_init(q), fmpq_init(c), fmpq_init(L1), fmpq_init(eps);
    for (i = 0; i < np && ok; i++)
        if (!json_is_string(json_array_get(dj, i))
            || tsa_fin_parse_q(D + i, json_string_value(json_array_get(dj, i)), "direction")
                   != TSA_SUCCESS)
            ok = 0, *why = "descent direction entry malformed";
    if (ok && (getq(c, ds, "coefficient", "descent") != TSA_SUCCESS
               || getq(eps, ds, "step", "descent") != TSA_SUCCESS))
        ok = 0, *why = "descent coefficient or step malformed";
    order = ok ? (slong) json_integer_value(json_object_get(ds, "order")) : 0;
    /* e0: first sign change of a non-zero pre-activation along D */
    for (j = 0; j < p->m && ok; j++)
        for (s = 0; s < p->n; s++)
        {
            fmpq_set(q, D + j * (p->d + 2) + 1 + p->d);
            for (i = 0; i < p->d; i++)
                fmpq_addmul(q, D + j * (p->d + 2) + 1 + i, p->x + s * p->d + i);
            if (fmpq_sgn(q) * fmpq_sgn(pre + j * p->n + s) < 0)
            {
                fmpq_div(t, pre + j * p->n + s, q);
                fmpq_abs(t, t);
                if (inf || fmpq_cmp(t, e0) < 0)
                    fmpq_set(e0, t), inf = 0;
            }
        }
    if (ok && (fmpq_sgn(eps) <= 0 || (!inf && fmpq_cmp(eps, e0) >= 0)))
        ok = 0, *why = "the step leaves the region where the loss is one polynomial";
    if (ok)
    {
        tsa_fin_loss_direct(L1, p, D, eps);
        if (fmpq_cmp(L1, L0) >= 0)
            ok = 0, *why = "the loss does not decrease at the step";
    }
    if (ok)
    {
        if (inf || fmpq_cmp(e0, eps) > 0)
            fmpq_set(e0, eps);
        fmpq_mat_init(V, 6, 6), fmpq_mat_init(b, 6, 1), fmpq_mat_init(x, 6, 1);
        for (i = 0; i < 6; i++)
        {
            fmpq_set_si(t, i, 6);
            fmpq_mul(t, t, e0);       /* eps_i = e0 i / 6, i = 0..5 */
            fmpq_one(q);
            for (k = 0; k < 6; k++)
            {
                fmpq_set(fmpq_mat_entry(V, i, k), q);
                fmpq_mul(q, q, t);
            }
            tsa_fin_loss_direct(fmpq_mat_entry(b, i, 0), p, D, t);
        }
        fmpq_mat_solve_fraction_free(x, V, b);
        if (!fmpq_is_zero(fmpq_mat_entry(x, 5, 0)) || !fmpq_equal(fmpq_mat_entry(x, 0, 0), L0))
            ok = 0, *why = "the loss along the line is not the expected quartic";
        for (k = 1; k < 5 && ok; k++)
            if (!fmpq_is_zero(fmpq_mat_entry(x, k, 0)))
                break;
        if (ok && (k != order || !fmpq_equal(fmpq_mat_entry(x, k, 0), c) || fmpq_sgn(c) >= 0))
            ok = 0, *why = "the lowest-order coefficient along the line differs from the "
                           "certificate's or is not negative";
        fmpq_mat_clear(V), fmpq_mat_clear(b), fmpq_mat_clear(x);
    }
    _fmpq_vec_clear(D, np);
    fmpq_clear(e0), fmpq_clear(t), fmpq_clear(q), fmpq_clear(c), fmpq_clear(L1), fmpq_clear(eps);
    return ok;
}

int
tsa_fin_verify(tsa_truth_t *valid, char **msg, const json_t *cert, const char *what)
{
    tsa_fin_point_t p;
    const char *verdict, *method, *why = "";
    fmpq *pre = NULL, *r = NULL;
    fmpq_t L, Lc, rho, rc;
    int st, inf, ok = 1;
    slong j, s, k;

    *msg = NULL;
    *valid = TSA_UNDECIDED;
    if (!json_is_object(cert))
        return TSA_ERROR(TSA_EFORMAT, "%s: not a JSON object", what);
    if ((st = tsa_fin_check_format(cert, TSA_FIN_CERT_FORMAT, what)) != TSA_SUCCESS)
        return st;
    verdict = json_string_value(json_object_get(cert, "verdict"));
    method = json_string_value(json_object_get(cert, "method"));
    if (verdict == NULL || method == NULL)
        return TSA_ERROR(TSA_EFORMAT, "%s: verdict or method missing", what);
    tsa_fin_point_init(p, 0, 0, 0);
    if ((st = tsa_fin_point_from_json(p, json_object_get(cert, "point"), what)) != TSA_SUCCESS)
    {
        tsa_fin_point_clear(p);
        return st;
    }
    fmpq_init(L), fmpq_init(Lc), fmpq_init(rho), fmpq_init(rc);
    if (strcmp(verdict, "undecided") == 0)
    {
        *msg = strdup("the certificate decides nothing (undecided)");
        goto done;
    }
    if (strcmp(method, "box-krawczyk") == 0)
    {
        /* recompute at twice the precision; the verdict must agree */
        json_t *c2;
        tsa_fin_verdict_t v2;
        if ((st = tsa_fin_certify(&c2, &v2, p, 256)) != TSA_SUCCESS)
            goto done;
        ok = strcmp(tsa_fin_verdict_name(v2), verdict) == 0;
        why = "the box does not certify again at 256 bits";
        json_decref(c2);
        goto result;
    }
    if (strcmp(method, "exact-kink") != 0 || !fmpq_is_zero(p->radius))
    {
        st = TSA_ERROR(TSA_EFORMAT, "%s: method: unknown or not for an exact point", what);
        goto done;
    }
    pre = _fmpq_vec_init(p->m * p->n);
    r = _fmpq_vec_init(p->n);
    direct(pre, r, p);
    tsa_fin_loss_direct(L, p, NULL, NULL);
    if ((st = getq(Lc, cert, "loss", what)) != TSA_SUCCESS)
        goto done;
    if (!fmpq_equal(L, Lc))
    {
        ok = 0, why = "the loss differs from the direct evaluation";
        goto result;
    }
    if (strcmp(verdict, "not a local minimum") == 0)
    {
        ok = descent_ok(&why, p, pre, json_object_get(cert, "descent"), L);
        goto result;
    }
    if (strcmp(verdict, "local minimum") != 0)
    {
        st = TSA_ERROR(TSA_EFORMAT, "%s: verdict: unknown", what);
        goto done;
    }
    if (fmpq_is_zero(L))
        goto result;
    {
        const json_t *nr = json_object_get(cert, "neurons");
        if (!json_is_array(nr) || (slong) json_array_size(nr) != p->m)
        {
            ok = 0, why = "one record per neuron is needed";
            goto result;
        }
        for (j = 0; j < p->m && ok; j++)
            ok = neuron_ok((char **) &why, p, pre, r, json_array_get(nr, j), j);
        /* the boundary list must be the direct one */
        k = 0;
        for (j = 0; j < p->m && ok; j++)
            for (s = 0; s < p->n; s++)
                if (fmpq_is_zero(pre + j * p->n + s))
                    k++;
        if (ok && (slong) json_array_size(json_object_get(cert, "boundary")) != k)
            ok = 0, why = "the boundary list differs from the direct pre-activations";
    }
    radius_direct(rho, &inf, p, pre);
    if (ok)
    {
        const json_t *rj = json_object_get(cert, "radius");
        if (json_is_string(rj) && strcmp(json_string_value(rj), "inf") == 0)
            ok = inf, why = "radius inf but the pattern bounds it";
        else if (getq(rc, cert, "radius", what) != TSA_SUCCESS)
            ok = 0, why = "radius malformed";
        else if (fmpq_sgn(rc) <= 0 || (!inf && fmpq_cmp(rc, rho) > 0))
            ok = 0, why = "the radius exceeds the pattern radius";
    }
result:
    *valid = ok ? TSA_TRUE : TSA_FALSE;
    if (ok)
        *msg = strdup(strcmp(method, "box-krawczyk") == 0
                      ? "valid: the box certifies again at 256 bits (pattern, Krawczyk, Cholesky)"
                      : "valid: loss, boundary, one-sided conditions / descent recomputed "
                        "sample by sample");
    else
        fail(msg, valid, "invalid: %s%.0ld", why, 0);
    st = TSA_SUCCESS;
done:
    if (pre != NULL)
        _fmpq_vec_clear(pre, p->m * p->n), _fmpq_vec_clear(r, p->n);
    tsa_fin_point_clear(p);
    fmpq_clear(L), fmpq_clear(Lc), fmpq_clear(rho), fmpq_clear(rc);
    return st;
}
