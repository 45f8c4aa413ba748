/* t-overparam-split.c -- the Hessian at a split student (docs/overparam.md
 * "Split students").
 *
 * - the limit Hessian at the exactly parallel pair against the smooth
 *   Hessian (tsa_certify_hess_mr) and central differences of the gradient
 *   at the pair opened by theta = 1e-3, 1e-4: the error is O(theta)
 *   (below 2 theta here) and shrinks tenfold with theta;
 * - the jet path v^T H v against the Hessian path;
 * - W = V split: no negative direction (TSA_FALSE), and the jet path is
 *   never negative there (the global minimum stays one);
 * - the census class k = 7: a proved negative direction, its certificate
 *   verifies, forged ones do not. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_test.h"
#include "certify_impl.h"
#include "tsa_overparam_split.h"

#define PREC 128
#define SV tsa_overparam_split_verify

/* a generic point: d = m = 3, V = I, n = 3 students */
static const double W0[9] = {0.9, 0.2, -0.3, 0.1, 0.8, 0.25,
                             -0.2, 0.3, 0.7};

static void
setup(tsa_cand_t c)
{
    slong a;
    tsa_cand_init(c, 3, 3, 3);
    for (a = 0; a < 3; a++)
        arb_one(TSA_VCOL(c, a) + a);
    for (a = 0; a < 9; a++)
        arb_set_d(c->W + a, W0[a]);
}

/* s <- the split of c (student 0, t) with b rotated by theta towards e,
   e the unit vector of the component of (0, 0, 1) orthogonal to w_0 */
static void
opened(tsa_cand_t s, const tsa_cand_t c, double t, double theta, slong prec)
{
    slong a, d = 3;
    arb_t nw, dot, ct, st, x;
    arb_ptr u = _arb_vec_init(d), e = _arb_vec_init(d);
    arb_init(nw);
    arb_init(dot);
    arb_init(ct);
    arb_init(st);
    arb_init(x);
    tsa_overparam_split_cand(s, c, 0, t, prec);
    ck_assert(_tsa_norm(nw, TSA_WCOL(c, 0), d, prec));
    for (a = 0; a < d; a++)
        arb_div(u + a, TSA_WCOL(c, 0) + a, nw, prec);
    arb_set(dot, u + 2);
    for (a = 0; a < d; a++)
        arb_mul(e + a, dot, u + a, prec);
    _arb_vec_neg(e, e, d);
    arb_add_ui(e + 2, e + 2, 1, prec);
    ck_assert(_tsa_norm(x, e, d, prec));
    for (a = 0; a < d; a++)
        arb_div(e + a, e + a, x, prec);
    arb_set_d(x, theta);
    arb_sin_cos(st, ct, x, prec);
    arb_set_d(x, 1 - t);
    arb_mul(x, x, nw, prec);
    for (a = 0; a < d; a++)
    {
        arb_mul(TSA_WCOL(s, 3) + a, ct, u + a, prec);
        arb_addmul(TSA_WCOL(s, 3) + a, st, e + a, prec);
        arb_mul(TSA_WCOL(s, 3) + a, TSA_WCOL(s, 3) + a, x, prec);
        /* exact midpoints for hess_mr and the differences */
        arf_set_round(arb_midref(TSA_WCOL(s, 3) + a),
                      arb_midref(TSA_WCOL(s, 3) + a), 53, ARF_RND_NEAR);
        mag_zero(arb_radref(TSA_WCOL(s, 3) + a));
    }
    _arb_vec_clear(u, d);
    _arb_vec_clear(e, d);
    arb_clear(nw);
    arb_clear(dot);
    arb_clear(ct);
    arb_clear(st);
    arb_clear(x);
}

/* column r of the Hessian at s by central differences of the gradient */
static void
fd_column(double *col, tsa_cand_t s, slong r, double h, slong prec)
{
    slong N = s->n * s->d, k;
    arb_ptr gp = _arb_vec_init(N), gm = _arb_vec_init(N);
    arb_t x0;
    arb_init(x0);
    arb_set(x0, s->W + r);
    arb_set_d(gp, h);
    arb_add(s->W + r, x0, gp, prec);
    ck_assert_int_eq(tsa_certify_grad(gp, s, prec), TSA_SUCCESS);
    arb_set_d(gm, h);
    arb_sub(s->W + r, x0, gm, prec);
    ck_assert_int_eq(tsa_certify_grad(gm, s, prec), TSA_SUCCESS);
    arb_set(s->W + r, x0);
    for (k = 0; k < N; k++)
    {
        arb_sub(gp + k, gp + k, gm + k, prec);
        arb_div_ui(gp + k, gp + k, 2, prec);
        arb_set_d(gm, h);
        arb_div(gp + k, gp + k, gm, prec);
        col[k] = arf_get_d(arb_midref(gp + k), ARF_RND_NEAR);
    }
    arb_clear(x0);
    _arb_vec_clear(gp, N);
    _arb_vec_clear(gm, N);
}

START_TEST(t_limit)
{
    tsa_cand_t c, s;
    slong N = 12, r, k, ti;
    double HL[144], EL[16], Hs[144], Es[16], col[12];
    double errs[2][2], ths[2] = {1e-3, 1e-4}, ts[3] = {0.25, 0.5, 0.75};
    for (ti = 0; ti < 3; ti++)
    {
        double t = ts[ti];
        setup(c);
        ck_assert_int_eq(tsa_overparam_split_hess(HL, EL, c, 0, t, PREC),
                         TSA_SUCCESS);
        for (r = 0; r < 2; r++)
        {
            double e1 = 0, e2 = 0, e3 = 0;
            opened(s, c, t, ths[r], 256);
            ck_assert_int_eq(tsa_certify_hess_mr(Hs, Es, s, 256), TSA_SUCCESS);
            for (k = 0; k < N; k++)
            {
                slong l;
                fd_column(col, s, k, ths[r] * 1e-5, 256);
                for (l = 0; l < N; l++)
                {
                    e1 = fmax(e1, fabs(Hs[l * N + k] - HL[l * N + k]));
                    e2 = fmax(e2, fabs(col[l] - HL[l * N + k]));
                    e3 = fmax(e3, fabs(col[l] - Hs[l * N + k]));
                }
            }
            errs[r][0] = e1;
            errs[r][1] = e2;
            printf("# t = %g theta = %g: |H(theta) - H_lim| = %.3e (%.3f theta), "
                   "|FD - H_lim| = %.3e, |FD - H(theta)| = %.3e\n", t, ths[r],
                   e1, e1 / ths[r], e2, e3);
            ck_assert_msg(e1 < 2 * ths[r] && e2 < 2 * ths[r], "t %g theta %g", t, ths[r]);
            ck_assert(e3 < 1e-8);
            tsa_cand_clear(s);
        }
        ck_assert(errs[1][0] < errs[0][0] / 5 && errs[1][1] < errs[0][1] / 5);
        tsa_cand_clear(c);
    }
}
END_TEST

/* pseudo-random doubles in [-1, 1] */
static double
rnd(ulong *x)
{
    *x = *x * 6364136223846793005UL + 1442695040888963407UL;
    return (double) (*x >> 11) / 4503599627370496.0 - 1.0;
}

/* the jet path against v^T Hmid v of the Hessian path (generic point) */
START_TEST(t_paths)
{
    tsa_cand_t c;
    double H[144], E[16], v[12], hv;
    ulong x = 7;
    slong k, r, l;
    arb_t q;
    arb_init(q);
    setup(c);
    for (k = 0; k < 20; k++)
    {
        double t = k % 2 ? 0.25 : 0.625;
        slong i = k % 3;
        ck_assert_int_eq(tsa_overparam_split_hess(H, E, c, i, t, PREC), TSA_SUCCESS);
        for (r = 0; r < 12; r++)
            v[r] = rnd(&x);
        hv = 0;
        for (r = 0; r < 12; r++)
            for (l = 0; l < 12; l++)
                hv += v[r] * H[r * 12 + l] * v[l];
        ck_assert_int_eq(tsa_overparam_split_curv(q, v, c, i, t, PREC), TSA_SUCCESS);
        ck_assert_msg(fabs(arf_get_d(arb_midref(q), ARF_RND_NEAR) - hv) < 1e-12,
                      "jet %g vs Hessian %g", arf_get_d(arb_midref(q), ARF_RND_NEAR), hv);
        ck_assert(mag_cmp_2exp_si(arb_radref(q), -60) < 0);
        ck_assert(_tsa_split_upper(q) >= tsa_certify_curv_upper(v, H, E, 4, 3) - 1e-12);
    }
    /* bad split parameters are refused */
    ck_assert_int_eq(tsa_overparam_split_hess(H, E, c, 3, 0.5, PREC), TSA_EINVAL);
    ck_assert_int_eq(tsa_overparam_split_hess(H, E, c, 0, 1.0, PREC), TSA_EINVAL);
    ck_assert_int_eq(tsa_overparam_split_hess(H, E, c, 0, 1e-30, PREC), TSA_EINVAL);
    tsa_cand_clear(c);
    arb_clear(q);
}
END_TEST

/* W = V: the split is a global minimum.  No negative direction (FALSE),
   and the jet path (which sees the students parallel to their teachers
   exactly) is never negative: along the line of splits and along
   (e, -e), e orthogonal to w_i, it is 0; random v give >= 0 */
START_TEST(t_global_min)
{
    tsa_cand_t c;
    double v[20], cub, lam;
    char reason[256];
    ulong x = 11;
    slong a, k;
    arb_t q;
    arb_init(q);
    tsa_cand_init(c, 4, 4, 4);
    for (a = 0; a < 4; a++)
    {
        arb_one(TSA_VCOL(c, a) + a);
        arb_one(TSA_WCOL(c, a) + a);
    }
    ck_assert(tsa_overparam_split(v, &cub, &lam, reason, c, 1, 0.5, PREC)
              == TSA_FALSE);
    for (k = 0; k < 12; k++)
    {
        for (a = 0; a < 20; a++)
            v[a] = k < 2 ? 0 : rnd(&x);
        if (k < 2)
        {
            v[1 * 4 + 1 + k] = 1;     /* a: e_1 (k = 0) or e_2 */
            v[4 * 4 + 1 + k] = -1;    /* b: the opposite */
        }
        ck_assert_int_eq(tsa_overparam_split_curv(q, v, c, 1, 0.25, PREC),
                         TSA_SUCCESS);
        ck_assert_msg(_tsa_split_upper(q) > -1e-30, "v^T H v < 0 at the "
                      "global minimum (k = %ld)", (long) k);
        if (k < 2)
            ck_assert(arb_contains_zero(q));
    }
    tsa_cand_clear(c);
    arb_clear(q);
}
END_TEST

/* census k = 7, class 1 (blocks 1,6): certified, then split */
static char *
census_row(long k, long index)
{
    const char *dir = getenv("TSA_SRCDIR");
    char path[4096], *line = NULL;
    size_t cap = 0;
    long seen = 0;
    FILE *f;
    snprintf(path, sizeof path, "%s/data/ssy2021-minima.tsv",
             dir != NULL ? dir : ".");
    f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    while (getline(&line, &cap, f) > 0)
        if (strtol(line, NULL, 10) == k && seen++ == index)
            break;
    fclose(f);
    return line;
}

START_TEST(t_census7)
{
    char *line = census_row(7, 1), reason[256], *txt;
    tsa_cand_t c;
    tsa_cert_t r;
    tsa_sym_t sym;
    tsa_cert_opts_t o;
    slong runs, k;
    double lam, rho, ratio, v[56], cub;
    int st;
    ck_assert_int_eq(tsa_certify_census_row(c, line, &runs, &lam), TSA_SUCCESS);
    ck_assert_int_eq(tsa_sym_census_row(sym, line), TSA_SUCCESS);
    free(line);
    tsa_cert_opts_default(&o);
    o.sym = sym;
    tsa_cert_init(r, c->n, c->m);
    ck_assert_int_eq(tsa_certify_point(r, c, &o), TSA_SUCCESS);
    ck_assert_int_eq(r->kind, TSA_CERT_MIN);
    rho = r->radius;
    ck_assert(tsa_certify_krawczyk(&ratio, &rho, reason, c, NULL, NULL, NULL,
                                   PREC) == TSA_TRUE);
    for (k = 0; k < 49; k++)
        mag_set_d(arb_radref(c->W + k), r->radius);
    ck_assert(tsa_overparam_split(v, &cub, &lam, reason, c, 0, 0.5, PREC)
              == TSA_TRUE);
    printf("# k = 7 class 1, student 0, t = 1/2: %s\n", reason);
    ck_assert(cub < -0.17 && cub > -0.18 && cub >= lam);
    txt = tsa_overparam_split_json(c, r->radius, 0, 0.5, v, cub, ratio, NULL);
    ck_assert(tsa_overparam_split_verify(reason, &st, txt, PREC + 64) == TSA_TRUE);
    ck_assert_int_eq(st, TSA_SUCCESS);
    /* forged: a bound below the truth, a non-negative bound, a box without
       a critical point, a newer major version, an unknown field, t = 1 */
    tsa_test_forged(SV, txt, "curv_upper", "\"-0x1.8p-2\"", TSA_FALSE, TSA_SUCCESS, PREC);
    tsa_test_forged(SV, txt, "curv_upper", "\"0x0p+0\"", TSA_FALSE, TSA_SUCCESS, PREC);
    tsa_test_forged(SV, txt, "radius", "\"0x1p-2\"", TSA_FALSE, TSA_SUCCESS, PREC);
    tsa_test_forged(SV, txt, "format_version", "\"2.0\"", TSA_UNDECIDED, TSA_EFORMAT,
                    PREC);
    tsa_test_forged(SV, txt, "t", "\"0x1p+0\"", TSA_UNDECIDED, TSA_EFORMAT, PREC);
    tsa_test_forged(SV, txt, "proved", "true", TSA_UNDECIDED, TSA_EFORMAT, PREC);
    free(txt);
    tsa_cert_clear(r);
    tsa_cand_clear(c);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_limit, t_paths, t_global_min, t_census7};
    return tsa_test_main("overparam-split", tests, 4, 60);
}
