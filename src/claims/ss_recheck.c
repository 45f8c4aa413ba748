/* ss_recheck.c -- second code paths for the numbers that decide the SS
 * Thm 3-5 verdicts (docs/claims-ss.md s. 5b): band counts and gates in
 * exact rational arithmetic only (the first path is float64 with a
 * rounding bound and an exact fallback), the per-sample gradient of a
 * two-layer pair in exact rationals (the first path is float64 with an
 * error bound), and the sample-size condition with its unstated constant
 * decided exactly by squaring (the first path is float64 pow). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "ss_impl.h"

/* (w . xt)^2 <= eps^2 |wt|^2, exactly */
static int
in_band_q(const double *w, const double *x, slong d, const fmpq_t e2)
{
    fmpq_t s, n2;
    int r;
    fmpq_init(s);
    fmpq_init(n2);
    _tsa_ss_affine_q(s, n2, w, x, d);
    fmpq_mul(s, s, s);
    fmpq_mul(n2, n2, e2);
    r = fmpq_cmp(s, n2) <= 0;
    fmpq_clear(s);
    fmpq_clear(n2);
    return r;
}

static int
active_q(const double *w, const double *x, slong d)
{
    fmpq_t s, n2;
    int r;
    fmpq_init(s);
    fmpq_init(n2);
    _tsa_ss_affine_q(s, n2, w, x, d);
    r = fmpq_sgn(s) > 0;
    fmpq_clear(s);
    fmpq_clear(n2);
    return r;
}

slong
tsa_ss_band_active_count_q(const double *w, const double *wk, const double *X,
                           slong N, slong d, double eps)
{
    fmpq_t e2;
    slong i, cnt = 0;
    fmpq_init(e2);
    _tsa_ss_q_set_d(e2, eps);
    fmpq_mul(e2, e2, e2);
    for (i = 0; i < N; i++)
        cnt += in_band_q(w, X + i * d, d, e2) && (wk == NULL || active_q(wk, X + i * d, d));
    fmpq_clear(e2);
    return cnt;
}

int
tsa_ss_count_gt(slong cnt, double a, double b, slong N, int strict)
{
    fmpq_t p, q;
    int c;
    fmpq_init(p);
    fmpq_init(q);
    _tsa_ss_q_set_d(p, a);
    _tsa_ss_q_set_d(q, b);
    fmpq_mul(p, p, q);
    fmpq_mul_si(p, p, N);
    fmpq_set_si(q, cnt, 1);
    c = fmpq_cmp(q, p);
    fmpq_clear(p);
    fmpq_clear(q);
    return strict ? c > 0 : c >= 0;
}

void
tsa_ss_grad_inf_q(fmpq_t glo, fmpq_t gup, const double *Ws, const double *Vs,
                  slong n, const double *Wt, const double *Vt, slong m, slong d,
                  slong C, double leak, const double *x)
{
    fmpq *r = _fmpq_vec_init(C), *zs = _fmpq_vec_init(n);
    fmpq_t z, n2, a, lk, u;
    slong k, c;
    fmpq_init(z);
    fmpq_init(n2);
    fmpq_init(a);
    fmpq_init(lk);
    fmpq_init(u);
    _tsa_ss_q_set_d(lk, leak);
    /* r = f*(x) - f(x), term by term */
    for (k = 0; k < m + n; k++)
    {
        int teacher = k < m;
        const double *w = teacher ? Wt + k * (d + 1) : Ws + (k - m) * (d + 1);
        const double *v = teacher ? Vt + k * C : Vs + (k - m) * C;
        _tsa_ss_affine_q(z, n2, w, x, d);
        if (!teacher)
            fmpq_set(zs + (k - m), z);
        if (fmpq_sgn(z) < 0)
            fmpq_mul(z, z, lk);
        for (c = 0; c < C; c++)
        {
            _tsa_ss_q_set_d(a, v[c]);
            fmpq_mul(a, a, z);
            if (teacher)
                fmpq_add(r + c, r + c, a);
            else
                fmpq_sub(r + c, r + c, a);
        }
    }
    fmpq_zero(glo);
    fmpq_zero(gup);
    for (k = 0; k < n; k++)
    {
        fmpq_zero(u);
        for (c = 0; c < C; c++)
        {
            _tsa_ss_q_set_d(a, Vs[k * C + c]);
            fmpq_addmul(u, a, r + c);
        }
        fmpq_abs(u, u);
        /* gate 1 (z > 0), leak (z < 0), the hull [leak, 1] at z = 0 */
        fmpq_mul(a, u, lk);
        if (fmpq_sgn(zs + k) < 0)
            fmpq_set(u, a);
        if (fmpq_cmp(u, gup) > 0)
            fmpq_set(gup, u);
        if (fmpq_sgn(zs + k) == 0)
            fmpq_set(u, a);
        if (fmpq_cmp(u, glo) > 0)
            fmpq_set(glo, u);
    }
    _fmpq_vec_clear(r, C);
    _fmpq_vec_clear(zs, n);
    fmpq_clear(z);
    fmpq_clear(n2);
    fmpq_clear(a);
    fmpq_clear(lk);
    fmpq_clear(u);
}

tsa_truth_t
tsa_ss_grad_bound_q(const fmpq_t g, const fmpq_t alpha, double eps, slong K,
                    slong d)
{
    fmpq_t l, rr;
    int c;
    fmpq_init(l);
    fmpq_init(rr);
    /* 25 K^3 d g^2 <= alpha^2 eps^2 (d = 1 for the teacher-aware bound) */
    fmpq_mul(l, g, g);
    fmpq_mul_si(l, l, 25 * d);
    fmpq_mul_si(l, l, K);
    fmpq_mul_si(l, l, K);
    fmpq_mul_si(l, l, K);
    _tsa_ss_q_set_d(rr, eps);
    fmpq_mul(rr, rr, alpha);
    fmpq_mul(rr, rr, rr);
    c = fmpq_cmp(l, rr);
    fmpq_clear(l);
    fmpq_clear(rr);
    return c <= 0 ? TSA_TRUE : TSA_FALSE;
}

tsa_truth_t
tsa_ss_sample_size(char *ev, size_t evn, double *cmax, slong N, double sconst,
                   slong base, const char *bname, slong d, int dpow, double eps,
                   double kappa)
{
    /* path 1, float64: N >= sconst base^{5/2} d^p / (eps kappa) */
    double poly = pow((double) base, 2.5) * pow((double) d, (double) dpow) / (eps * kappa);
    int by_d = (double) N >= sconst * poly;
    /* path 2, exact: (N eps kappa)^2 >= sconst^2 base^5 d^{2p} */
    fmpq_t l, r, t;
    fmpz_t z;
    int by_q;
    fmpq_init(l);
    fmpq_init(r);
    fmpq_init(t);
    fmpz_init(z);
    _tsa_ss_q_set_d(l, eps);
    _tsa_ss_q_set_d(t, kappa);
    fmpq_mul(l, l, t);
    fmpq_mul_si(l, l, N);
    fmpq_mul(l, l, l);
    _tsa_ss_q_set_d(r, sconst);
    fmpq_mul(r, r, r);
    fmpz_set_si(z, base);
    fmpz_pow_ui(z, z, 5);
    fmpq_mul_fmpz(r, r, z);
    fmpz_set_si(z, d);
    fmpz_pow_ui(z, z, (ulong) (2 * dpow));
    fmpq_mul_fmpz(r, r, z);
    by_q = fmpq_cmp(l, r) >= 0;
    fmpq_clear(l);
    fmpq_clear(r);
    fmpq_clear(t);
    fmpz_clear(z);
    /* the largest constant for which the condition holds */
    *cmax = (double) N / poly;
    snprintf(ev, evn, "N = %ld vs sample_const x %s^{5/2} d^%d / (eps kappa) = %g x %.6g = "
             "%.6g (exact: (N eps kappa)^2 %s sample_const^2 %s^5 d^%d; float64 and exact "
             "%s); the condition holds iff sample_const <= N eps kappa / (%s^{5/2} d^%d) = "
             "%.6g", (long) N, bname, dpow, sconst, poly, sconst * poly, by_q ? ">=" : "<",
             bname, 2 * dpow, by_d == by_q ? "agree" : "DISAGREE", bname, dpow, *cmax);
    if (by_d != by_q)
        return TSA_UNDECIDED;
    return by_q ? TSA_TRUE : TSA_FALSE;
}

int
tsa_ss_param_sconst(double *x, const json_t *params, const char *file)
{
    if (json_object_get(params, "sample_const") == NULL)
        return TSA_ERROR(TSA_EFORMAT, "%s: params.sample_const: required (the unstated "
                         "constant of N = O(...); no default)", file);
    return tsa_ss_param_num(x, params, "sample_const", 0.0, 0.0, 1e300, file);
}
