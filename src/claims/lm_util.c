/* lm_util.c -- shared pieces of the LM checkers: parameters, the angle
 * kernels of zero-bias ReLU, Assumption 2 constants by interval
 * branch-and-bound, Assumption 3 overlaps with the Arb kernels, plots
 * (docs/claims-lm.md). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_io.h"
#include "tsa_plot.h"
#include "tsa_kernel.h"
#include "lm_impl.h"

/* ------------------------------------------------------------------ */
/* parameters */

int
_tsa_lm_get_int(long *x, const json_t *p, const char *key, long def,
                long lo, long hi, const char *file)
{
    json_t *v = json_object_get(p, key);
    *x = def;
    if (v == NULL)
        return TSA_SUCCESS;
    if (!json_is_integer(v) || json_integer_value(v) < lo
        || json_integer_value(v) > hi)
        return TSA_ERROR(TSA_EFORMAT, "%s: params.%s: integer in %ld .. %ld",
                         file, key, lo, hi);
    *x = (long) json_integer_value(v);
    return TSA_SUCCESS;
}

int
_tsa_lm_get_double(double *x, const json_t *p, const char *key, double def,
                   double lo, double hi, const char *file)
{
    json_t *v = json_object_get(p, key);
    *x = def;
    if (v == NULL)
        return TSA_SUCCESS;
    if (!json_is_number(v) || !(json_number_value(v) >= lo)
        || !(json_number_value(v) <= hi))
        return TSA_ERROR(TSA_EFORMAT, "%s: params.%s: number in %g .. %g",
                         file, key, lo, hi);
    *x = json_number_value(v);
    return TSA_SUCCESS;
}

int
_tsa_lm_get_arb(arb_t x, const json_t *p, const char *key, const char *def,
                const char *file, slong prec)
{
    json_t *v = json_object_get(p, key);
    char field[512];
    snprintf(field, sizeof field, "%s: params.%s", file, key);
    if (v == NULL)
    {
        if (def == NULL)
            return TSA_ERROR(TSA_EFORMAT, "%s: missing", field);
        return tsa_io_parse_arb(x, def, field, prec);
    }
    if (json_is_number(v))
    {
        arb_set_d(x, json_number_value(v));
        return TSA_SUCCESS;
    }
    if (!json_is_string(v))
        return TSA_ERROR(TSA_EFORMAT, "%s: must be a decimal string or a "
                         "number", field);
    return tsa_io_parse_arb(x, json_string_value(v), field, prec);
}

int
_tsa_lm_get_str(const char **s, const json_t *p, const char *key,
                const char *def, const char *file)
{
    json_t *v = json_object_get(p, key);
    *s = def;
    if (v == NULL)
        return TSA_SUCCESS;
    if (!json_is_string(v))
        return TSA_ERROR(TSA_EFORMAT, "%s: params.%s: must be a string",
                         file, key);
    *s = json_string_value(v);
    return TSA_SUCCESS;
}

int
_tsa_lm_get_matrix(double **M, size_t *rows, size_t *cols, const json_t *p,
                   const char *key, const char *file)
{
    json_t *v = json_object_get(p, key), *row, *e;
    size_t i, j;
    *M = NULL;
    *rows = *cols = 0;
    if (!json_is_array(v) || json_array_size(v) == 0)
        return TSA_ERROR(TSA_EFORMAT, "%s: params.%s: missing or not a "
                         "non-empty array of rows", file, key);
    *rows = json_array_size(v);
    row = json_array_get(v, 0);
    if (!json_is_array(row) || json_array_size(row) == 0)
        return TSA_ERROR(TSA_EFORMAT, "%s: params.%s[0]: not a non-empty "
                         "array", file, key);
    *cols = json_array_size(row);
    if (*rows > 4096 || *cols > 4096 || *rows * *cols > ((size_t) 1 << 18))
    {
        *rows = *cols = 0;
        return TSA_ERROR(TSA_EFORMAT, "%s: params.%s: at most 4096 rows and columns "
                         "and 2^18 entries", file, key);
    }
    *M = malloc(sizeof(double) * *rows * *cols);
    for (i = 0; i < *rows; i++)
    {
        row = json_array_get(v, i);
        if (!json_is_array(row) || json_array_size(row) != *cols)
        {
            free(*M);
            *M = NULL;
            return TSA_ERROR(TSA_EFORMAT, "%s: params.%s[%zu]: not an array "
                             "of %zu numbers", file, key, i, *cols);
        }
        for (j = 0; j < *cols; j++)
        {
            e = json_array_get(row, j);
            if (!json_is_number(e) || !isfinite(json_number_value(e)))
            {
                free(*M);
                *M = NULL;
                return TSA_ERROR(TSA_EFORMAT, "%s: params.%s[%zu][%zu]: not "
                                 "a finite number", file, key, i, j);
            }
            (*M)[i * *cols + j] = json_number_value(e);
        }
    }
    return TSA_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* kernels as functions of the angle */

void
_tsa_lm_psi_angle(arb_t y, tsa_lm_psi_t which, const arb_t t, slong prec)
{
    arb_t pi, u, s, c;
    arb_init(pi);
    arb_init(u);
    arb_init(s);
    arb_init(c);
    arb_const_pi(pi, prec);
    arb_sub(u, pi, t, prec);
    if (which == TSA_LM_PSI_D)
        arb_set(y, u);
    else
    {
        arb_sin_cos(s, c, t, prec);
        arb_mul(u, u, c, prec);
        arb_add(y, u, s, prec);
    }
    arb_div(y, y, pi, prec);
    arb_mul_2exp_si(y, y, -1);
    arb_clear(c);
    arb_clear(s);
    arb_clear(u);
    arb_clear(pi);
}

void
_tsa_lm_dpsi_abs(arb_t y, tsa_lm_psi_t which, const arb_t t, slong prec)
{
    /* psi_d' = -1/(2 pi); F' = -(pi - t) sin t / (2 pi) */
    arb_t pi, u;
    arb_init(pi);
    arb_init(u);
    arb_const_pi(pi, prec);
    if (which == TSA_LM_PSI_D)
        arb_one(u);
    else
    {
        arb_sub(u, pi, t, prec);
        arb_sin(y, t, prec);
        arb_mul(u, u, y, prec);
        arb_abs(u, u);
    }
    arb_div(y, u, pi, prec);
    arb_mul_2exp_si(y, y, -1);
    arb_clear(u);
    arb_clear(pi);
}

double
_tsa_lm_ubound_d(const arb_t x)
{
    arf_t u;
    double d;
    arf_init(u);
    arb_get_ubound_arf(u, x, 64);
    d = arf_get_d(u, ARF_RND_CEIL); /* upward, also for negative x */
    arf_clear(u);
    return d;
}

double
_tsa_lm_lbound_d(const arb_t x)
{
    arf_t u;
    double d;
    arf_init(u);
    arb_get_lbound_arf(u, x, 64);
    d = arf_get_d(u, ARF_RND_FLOOR); /* downward, also for negative x */
    arf_clear(u);
    return d;
}

void
_tsa_lm_str(char *buf, size_t n, const arb_t x, slong digits)
{
    char *s = arb_get_str(x, digits, 0);
    snprintf(buf, n, "%s", s);
    flint_free(s);
}

tsa_truth_t
_tsa_lm_le(const arb_t x, const arb_t y)
{
    if (arb_le(x, y))
        return TSA_TRUE;
    if (arb_gt(x, y))
        return TSA_FALSE;
    return TSA_UNDECIDED;
}

/* ------------------------------------------------------------------ */
/* Assumption 2: branch and bound over (t1, t2) */

typedef struct
{
    double a1, b1, a2, b2;
} lm_box_t;

/* q(x) = x / (2 sin(x/2)), increasing on [0, 2 pi), q(0) = 1 */
static void
lm_q(arb_t y, const arb_t x, slong prec)
{
    arb_t s;
    if (arb_is_zero(x))
    {
        arb_one(y);
        return;
    }
    arb_init(s);
    arb_mul_2exp_si(s, x, -1);
    arb_sin(s, s, prec);
    arb_mul_2exp_si(s, s, 1);
    arb_div(y, x, s, prec);
    arb_clear(s);
}

static void
ival(arb_t x, double a, double b, slong prec)
{
    arb_t t;
    arb_init(t);
    arb_set_d(x, a);
    arb_set_d(t, b);
    arb_union(x, x, t, prec);
    arb_clear(t);
}

/* rigorous upper bound of the ratio over box B (-INFINITY when the box
 * misses the band |t1 - t2| <= phiU) */
static double
box_upper(const lm_box_t *B, tsa_lm_psi_t which, double phiU, slong prec)
{
    arb_t p1a, p1b, p2a, p2b, I1, I2, dmin, dmax, t, u, S, lo1;
    double res, ua = INFINITY, ub = INFINITY;
    arb_init(p1a); arb_init(p1b); arb_init(p2a); arb_init(p2b);
    arb_init(I1); arb_init(I2); arb_init(dmin); arb_init(dmax);
    arb_init(t); arb_init(u); arb_init(S); arb_init(lo1);

    /* Delta range: dmin = max(0, a1 - b2, a2 - b1), dmax = max(b1 - a2,
       b2 - a1), computed exactly enough (balls) */
    arb_set_d(t, B->a1); arb_set_d(u, B->b2); arb_sub(dmin, t, u, prec);
    arb_set_d(t, B->a2); arb_set_d(u, B->b1); arb_sub(t, t, u, prec);
    arb_max(dmin, dmin, t, prec);
    arb_zero(t);
    arb_max(dmin, dmin, t, prec);
    arb_set_d(t, B->b1); arb_set_d(u, B->a2); arb_sub(dmax, t, u, prec);
    arb_set_d(t, B->b2); arb_set_d(u, B->a1); arb_sub(t, t, u, prec);
    arb_max(dmax, dmax, t, prec);
    arb_set_d(t, phiU);
    if (arb_gt(dmin, t))
    {
        res = -INFINITY;
        goto done;
    }
    arb_min(dmax, dmax, t, prec);

    arb_set_d(t, B->a1); _tsa_lm_psi_angle(p1a, which, t, prec);
    arb_set_d(t, B->b1); _tsa_lm_psi_angle(p1b, which, t, prec);
    arb_set_d(t, B->a2); _tsa_lm_psi_angle(p2a, which, t, prec);
    arb_set_d(t, B->b2); _tsa_lm_psi_angle(p2b, which, t, prec);
    /* psi decreasing: psi(I) is the hull of the endpoint values */
    arb_union(I1, p1a, p1b, prec);
    arb_union(I2, p2a, p2b, prec);
    /* lower bound of psi over I1 (psi(b1)) as an exact number */
    {
        arf_t lb;
        arf_init(lb);
        arb_get_lbound_arf(lb, p1b, prec);
        arb_set_arf(lo1, lb);
        arf_clear(lb);
    }
    if (!arb_is_positive(lo1))
    {
        res = INFINITY;
        goto done;
    }
    /* A: mean value, sup |psi'| over the hull times q(dmax) */
    ival(t, FLINT_MIN(B->a1, B->a2), FLINT_MAX(B->b1, B->b2), prec);
    _tsa_lm_dpsi_abs(S, which, t, prec);
    arb_get_ubound_arf(arb_midref(u), dmax, prec); /* exact upper end */
    mag_zero(arb_radref(u));
    lm_q(t, u, prec);
    arb_mul(t, t, S, prec);
    arb_div(t, t, lo1, prec);
    ua = _tsa_lm_ubound_d(t);
    /* B: direct quotient when the box is off the diagonal */
    if (arb_is_positive(dmin))
    {
        arb_sub(t, I1, I2, prec);
        arb_abs(t, t);
        arb_get_lbound_arf(arb_midref(u), dmin, prec);
        mag_zero(arb_radref(u));
        arb_mul_2exp_si(u, u, -1);
        arb_sin(u, u, prec);
        arb_mul_2exp_si(u, u, 1);
        arb_mul(u, u, lo1, prec);
        if (arb_is_positive(u))
        {
            arb_div(t, t, u, prec);
            ub = _tsa_lm_ubound_d(t);
        }
    }
    res = FLINT_MIN(ua, ub);
    if (!(res == res))
        res = INFINITY;
done:
    arb_clear(p1a); arb_clear(p1b); arb_clear(p2a); arb_clear(p2b);
    arb_clear(I1); arb_clear(I2); arb_clear(dmin); arb_clear(dmax);
    arb_clear(t); arb_clear(u); arb_clear(S); arb_clear(lo1);
    return res;
}

/* rigorous lower bound of the ratio at the exact point (t1, t2) */
static double
point_lower(double t1, double t2, tsa_lm_psi_t which, slong prec)
{
    arb_t a, b, pa, pb, d;
    double res;
    if (t1 == t2)
        return -INFINITY;
    arb_init(a); arb_init(b); arb_init(pa); arb_init(pb); arb_init(d);
    arb_set_d(a, t1);
    arb_set_d(b, t2);
    _tsa_lm_psi_angle(pa, which, a, prec);
    _tsa_lm_psi_angle(pb, which, b, prec);
    arb_sub(d, a, b, prec);
    arb_abs(d, d);
    arb_mul_2exp_si(d, d, -1);
    arb_sin(d, d, prec);
    arb_mul_2exp_si(d, d, 1);
    arb_mul(d, d, pa, prec);
    arb_sub(pb, pa, pb, prec);
    arb_abs(pb, pb);
    arb_div(pb, pb, d, prec);
    res = arb_is_finite(pb) ? _tsa_lm_lbound_d(pb) : -INFINITY;
    arb_clear(a); arb_clear(b); arb_clear(pa); arb_clear(pb); arb_clear(d);
    return res;
}

tsa_truth_t
_tsa_lm_kconst(double *kup, double *klo, double *t1lo, double *t2lo,
               long *nbox, tsa_lm_psi_t which, const arb_t Theta,
               const arb_t Phi, double rtol, long maxbox, slong prec)
{
    arb_t pi, t;
    double thU, thL, phU, phL, best = 0.0, dropped = 0.0;
    lm_box_t *cur, *nxt;
    double *U;
    size_t ncur, nnxt, cap = 1024, i, k;
    long count = 0;
    tsa_truth_t res = TSA_TRUE;

    *kup = INFINITY;
    *klo = 0.0;
    *t1lo = *t2lo = 0.0;
    *nbox = 0;
    arb_init(pi);
    arb_init(t);
    arb_const_pi(pi, prec);
    if (!arb_is_positive(Phi))
    {
        /* no pair with w1 != w2: any K >= 0 works */
        arb_clear(t);
        arb_clear(pi);
        *kup = 0.0;
        return arb_is_zero(Phi) ? TSA_TRUE : TSA_UNDECIDED;
    }
    if (arb_ge(Theta, pi))
    {
        arb_clear(t);
        arb_clear(pi);
        return TSA_FALSE;
    }
    thU = _tsa_lm_ubound_d(Theta);
    arb_set_d(t, thU);
    if (!arb_lt(t, pi))
    {
        arb_clear(t);
        arb_clear(pi);
        return TSA_UNDECIDED;
    }
    thL = FLINT_MAX(0.0, _tsa_lm_lbound_d(Theta));
    phU = _tsa_lm_ubound_d(Phi);
    phL = _tsa_lm_lbound_d(Phi);

    cur = malloc(sizeof(lm_box_t) * cap);
    nxt = malloc(sizeof(lm_box_t) * 4 * cap);
    U = malloc(sizeof(double) * cap);
    cur[0].a1 = cur[0].a2 = 0.0;
    cur[0].b1 = cur[0].b2 = thU;
    ncur = 1;
    while (ncur > 0)
    {
        double maxU = -INFINITY;
        for (i = 0; i < ncur; i++)
        {
            lm_box_t *B = cur + i;
            double c1 = 0.5 * (B->a1 + B->b1), c2 = 0.5 * (B->a2 + B->b2);
            U[i] = box_upper(B, which, phU, prec);
            count++;
            /* witness: centre, and the corner (b1, b1 - min(phi, .)) */
            if (c1 <= thL && c2 <= thL && fabs(c1 - c2) <= phL)
            {
                double v = point_lower(c1, c2, which, prec);
                if (v > best)
                {
                    best = v;
                    *t1lo = c1;
                    *t2lo = c2;
                }
            }
            maxU = FLINT_MAX(maxU, U[i]);
        }
        /* keep boxes that may still beat the witness by more than rtol */
        nnxt = 0;
        for (i = 0; i < ncur; i++)
        {
            lm_box_t *B = cur + i;
            double m1, m2;
            if (U[i] <= best * (1.0 + rtol))
            {
                dropped = FLINT_MAX(dropped, U[i]);
                continue;
            }
            if (count + 4 * (long) (nnxt / 4 + 1) > maxbox
                || B->b1 - B->a1 < 1e-12)
            {
                /* budget spent: the box's bound stands */
                dropped = FLINT_MAX(dropped, U[i]);
                continue;
            }
            m1 = 0.5 * (B->a1 + B->b1);
            m2 = 0.5 * (B->a2 + B->b2);
            if (nnxt + 4 > 4 * cap)
            {
                dropped = FLINT_MAX(dropped, U[i]);
                continue;
            }
            for (k = 0; k < 4; k++)
            {
                lm_box_t *C = nxt + nnxt++;
                C->a1 = (k & 1) ? m1 : B->a1;
                C->b1 = (k & 1) ? B->b1 : m1;
                C->a2 = (k & 2) ? m2 : B->a2;
                C->b2 = (k & 2) ? B->b2 : m2;
            }
        }
        (void) maxU;
        if (nnxt > cap)
        {
            cap = nnxt;
            cur = realloc(cur, sizeof(lm_box_t) * cap);
            U = realloc(U, sizeof(double) * cap);
            nxt = realloc(nxt, sizeof(lm_box_t) * 4 * cap);
        }
        memcpy(cur, nxt, sizeof(lm_box_t) * nnxt);
        ncur = nnxt;
    }
    *kup = FLINT_MAX(dropped, best);
    *klo = best;
    *nbox = count;
    if (!isfinite(*kup))
        res = TSA_UNDECIDED;
    free(cur);
    free(nxt);
    free(U);
    arb_clear(t);
    arb_clear(pi);
    return res;
}

/* ------------------------------------------------------------------ */
/* Assumption 3 */

tsa_truth_t
_tsa_lm_eps(arb_t eps, long *j1, long *j2, long *jbad, tsa_lm_psi_t which,
            const double *W, size_t m, size_t d, int bias, const arb_t s,
            slong prec)
{
    size_t n = d + (bias ? 1 : 0), i, j, k;
    arb_ptr w = _arb_vec_init(n), u = _arb_vec_init(n);
    arb_t c, diag, off, q;
    tsa_truth_t res = TSA_TRUE;
    int first = 1, st;

    arb_init(c);
    arb_init(diag);
    arb_init(off);
    arb_init(q);
    arb_zero(eps);
    *j1 = *j2 = *jbad = -1;
    for (i = 0; i < m && res != TSA_FALSE; i++)
    {
        for (k = 0; k < n; k++)
            arb_set_d(w + k, W[i * n + k]);
        st = which == TSA_LM_PSI_D
                 ? tsa_kernel_psi_d(diag, w, w, (slong) d, bias, s, c, prec)
                 : tsa_kernel_psi_l(diag, w, w, (slong) d, bias, s, c, prec);
        if (st != TSA_SUCCESS || !arb_is_positive(diag))
        {
            if (st == TSA_SUCCESS && arb_is_zero(diag))
            {
                res = TSA_FALSE;
                *jbad = (long) i;
            }
            else if (res == TSA_TRUE)
            {
                res = TSA_UNDECIDED;
                *jbad = (long) i;
            }
            continue;
        }
        for (j = 0; j < m; j++)
        {
            if (j == i)
                continue;
            for (k = 0; k < n; k++)
                arb_set_d(u + k, W[j * n + k]);
            st = which == TSA_LM_PSI_D
                     ? tsa_kernel_psi_d(off, w, u, (slong) d, bias, s, c, prec)
                     : tsa_kernel_psi_l(off, w, u, (slong) d, bias, s, c, prec);
            if (st != TSA_SUCCESS)
            {
                res = TSA_UNDECIDED;
                continue;
            }
            arb_div(q, off, diag, prec);
            if (first || arb_gt(q, eps)
                || (!arb_lt(q, eps) && arf_cmp(arb_midref(q), arb_midref(eps)) > 0))
            {
                *j1 = (long) i;
                *j2 = (long) j;
            }
            if (first)
                arb_set(eps, q);
            else
                arb_max(eps, eps, q, prec);
            first = 0;
        }
    }
    arb_clear(q);
    arb_clear(off);
    arb_clear(diag);
    arb_clear(c);
    _arb_vec_clear(w, n);
    _arb_vec_clear(u, n);
    return res;
}

/* ------------------------------------------------------------------ */
/* angles of float64 vectors, exactly */

static void
cos_angle(arb_t c, const double *u, const double *v, size_t n, slong prec)
{
    arb_t uv, uu, vv, t, s;
    size_t i;
    arf_t lo, hi;
    arb_init(uv); arb_init(uu); arb_init(vv); arb_init(t); arb_init(s);
    arf_init(lo); arf_init(hi);
    for (i = 0; i < n; i++)
    {
        arb_set_d(t, u[i]);
        arb_set_d(s, v[i]);
        arb_addmul(uv, t, s, prec);
        arb_addmul(uu, t, t, prec);
        arb_addmul(vv, s, s, prec);
    }
    arb_mul(t, uu, vv, prec);
    arb_rsqrt(t, t, prec);
    arb_mul(c, uv, t, prec);
    /* clamp to [-1, 1] */
    arb_get_lbound_arf(lo, c, prec);
    arb_get_ubound_arf(hi, c, prec);
    if (arf_cmp_si(hi, 1) > 0)
        arf_one(hi);
    if (arf_cmp_si(lo, -1) < 0)
        arf_set_si(lo, -1);
    if (arf_cmp(lo, hi) > 0)
        arf_set(lo, hi);
    arb_set_interval_arf(c, lo, hi, prec);
    arf_clear(lo); arf_clear(hi);
    arb_clear(uv); arb_clear(uu); arb_clear(vv); arb_clear(t); arb_clear(s);
}

void
_tsa_lm_angle(arb_t t, const double *u, const double *v, size_t n, slong prec)
{
    cos_angle(t, u, v, n, prec);
    arb_acos(t, t, prec);
}

void
_tsa_lm_sin_angle(arb_t s, const double *u, const double *v, size_t n,
                  slong prec)
{
    cos_angle(s, u, v, n, prec);
    arb_sqr(s, s, prec);
    arb_sub_ui(s, s, 1, prec);
    arb_neg(s, s);
    arb_sqrtpos(s, s, prec);
}

/* ------------------------------------------------------------------ */
/* plots */

/* Append text to a growing script; 0 on allocation failure. */
static int
script_add(char **s, size_t *len, const char *a, const char *b, const char *c)
{
    size_t n = strlen(a) + strlen(b) + strlen(c);
    char *t = realloc(*s, *len + n + 1);
    if (t == NULL)
        return 0;
    *s = t;
    snprintf(*s + *len, n + 1, "%s%s%s", a, b, c);
    *len += n;
    return 1;
}

int
_tsa_lm_plot(char *png, size_t pngn, const char *dir, const char *id,
             const char *tag, const char *title, const char *xlabel,
             const char *ylabel, const char *const *names, const double *rows,
             size_t nrow, size_t ncol, int logy)
{
    char suffix[64], name[TSA_IO_NAME_MAX + 8], col[64];
    char *script = NULL, *q[3] = {NULL, NULL, NULL}, *qn = NULL;
    size_t i, j, len = 0;
    tsa_io_out_t o;
    int ok = 0;

    if (png != NULL && pngn > 0)
        png[0] = '\0';
    if (dir == NULL || !tsa_plot_have_gnuplot()
        || snprintf(suffix, sizeof suffix, "-%s.dat", tag) >= (int) sizeof suffix
        || !tsa_claim_dat_open(&o, dir, id, suffix))
        return 0;
    for (i = 0; i < nrow; i++)
    {
        for (j = 0; j < ncol; j++)
            fprintf(o.f, "%s%.17g", j ? " " : "", rows[i * ncol + j]);
        fputc('\n', o.f);
    }
    if (!tsa_claim_dat_commit(&o))
        return 0;
    /* labels quoted for gnuplot; file names are safe identifiers */
    q[0] = tsa_plot_quote(title);
    q[1] = tsa_plot_quote(xlabel);
    q[2] = tsa_plot_quote(ylabel);
    snprintf(name, sizeof name, "'%s-%s.dat'", id, tag);
    if (q[0] == NULL || q[1] == NULL || q[2] == NULL
        || !script_add(&script, &len, "set title ", q[0], "\n")
        || !script_add(&script, &len, "set xlabel ", q[1], "\n")
        || !script_add(&script, &len, "set ylabel ", q[2], "\nset key top right\n")
        || !script_add(&script, &len, logy ? "set logscale y\n" : "", "plot ", ""))
        goto done;
    for (j = 1; j < ncol; j++)
    {
        snprintf(col, sizeof col, " using 1:%zu with lines lw 2 title ", j + 1);
        free(qn);
        if ((qn = tsa_plot_quote(names[j - 1])) == NULL
            || !script_add(&script, &len, j > 1 ? ", " : "", name, col)
            || !script_add(&script, &len, qn, "", ""))
            goto done;
    }
    snprintf(suffix, sizeof suffix, "-%s.png", tag);
    ok = tsa_claim_plot(dir, id, suffix, "pngcairo size 800,500 noenhanced", script);
    if (ok && png != NULL)
        snprintf(png, pngn, "%s%s", id, suffix);
done:
    free(q[0]);
    free(q[1]);
    free(q[2]);
    free(qn);
    free(script);
    return ok;
}

/* ------------------------------------------------------------------ */
/* witnesses: float64 data as exact hex strings */

json_t *
_tsa_lm_hex_vec(const double *x, size_t n)
{
    json_t *a = json_array();
    char s[64];
    size_t k;
    for (k = 0; k < n; k++)
    {
        snprintf(s, sizeof s, "%a", x[k]);
        json_array_append_new(a, json_string(s));
    }
    return a;
}

json_t *
_tsa_lm_hex_mat(const double *x, size_t rows, size_t cols)
{
    json_t *a = json_array();
    size_t i;
    for (i = 0; i < rows; i++)
        json_array_append_new(a, _tsa_lm_hex_vec(x + i * cols, cols));
    return a;
}
