/* t-orbit.c -- the orbit-reduced evaluation (docs/certify.md s. 12)
 * against the dense path (tsa_certify_loss, tsa_certify_grad,
 * tsa_certify_hess_mr) and the current symmetric path (sym.c's isotypic
 * spectrum) at census classes and random invariant points.
 *
 * make check: census rows with k <= 16 (and a 3-block k = 19 row);
 * TSA_ORBIT_KMAX=40 (the `full` tier, `make check-orbit-full`) every
 * census class with k <= 40. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_test.h"
#include "tsa_certify.h"
#include "tsa_orbit.h"
#include "certify_impl.h"

static slong
blk(const tsa_sym_t s, slong a)
{
    slong r = 0;
    while (a >= s->start[r + 1])
        r++;
    return r;
}

static slong
yidx(const tsa_sym_t s, slong a, slong i)
{
    slong ra = blk(s, a), ri = blk(s, i);
    if (ra != ri)
        return ra * (s->B + 1) + ri;
    return ra * (s->B + 1) + (a == i ? ra : s->B);
}

static int
cmp_d(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

/* every orbit quantity against the dense and symmetric paths at c */
static void
compare(const tsa_cand_t c, const tsa_sym_t s, const char *what)
{
    slong k = s->k, N = k * k, dim = tsa_orbit_dim(s), q, r, a, i, n;
    tsa_orbit_t p;
    arb_t J1, J2;
    arb_ptr g = _arb_vec_init(dim), gd = _arb_vec_init(N), sum;
    arb_mat_t C;
    double *H = malloc(sizeof(double) * N * N), *E = malloc(sizeof(double) * N);
    double *e1 = malloc(sizeof(double) * N), *e2 = malloc(sizeof(double) * N);
    double scale = 0;
    fmpz *dims = _fmpz_vec_init(N);

    ck_assert_int_eq(tsa_orbit_from_cand(p, c, s), TSA_SUCCESS);
    arb_init(J1);
    arb_init(J2);
    /* loss */
    ck_assert_int_eq(tsa_orbit_loss(J1, p, 0, 128), TSA_SUCCESS);
    ck_assert_int_eq(tsa_certify_loss(J2, c, 128), TSA_SUCCESS);
    tsa_test_overlaps(what, J1, J2, 0);
    tsa_test_accurate(what, J1, 90, 0);
    /* reduced gradient = sums of the dense gradient over the orbits */
    ck_assert_int_eq(tsa_orbit_grad(g, NULL, p, 128), TSA_SUCCESS);
    ck_assert_int_eq(tsa_certify_grad(gd, c, 128), TSA_SUCCESS);
    sum = _arb_vec_init(tsa_orbit_len(s));
    for (i = 0; i < k; i++)
        for (a = 0; a < k; a++)
            arb_add(sum + yidx(s, a, i), sum + yidx(s, a, i), gd + i * k + a, 128);
    for (q = 0; q < dim; q++)
    {
        tsa_test_overlaps(what, g + q, sum + tsa_orbit_coord(s, q), q);
        ck_assert_msg(mag_cmp_2exp_si(arb_radref(g + q), -80) < 0,
                      "%s: gradient radius", what);
    }
    /* reduced Hessian = e_q^T H e_q' of the dense float64 Hessian */
    ck_assert_int_eq(tsa_certify_hess_mr(H, E, c, 128), TSA_SUCCESS);
    arb_mat_init(C, dim, dim);
    ck_assert_int_eq(tsa_orbit_hess(C, p, 128), TSA_SUCCESS);
    for (q = 0; q < dim; q++)
        for (r = 0; r < dim; r++)
        {
            slong yq = tsa_orbit_coord(s, q), yr = tsa_orbit_coord(s, r);
            double ref = 0, absr = 0, x, nt = 0;
            slong u, v;
            for (u = 0; u < N; u++)
                if (yidx(s, u % k, u / k) == yq)
                    for (v = 0; v < N; v++)
                        if (yidx(s, v % k, v / k) == yr)
                        {
                            ref += H[u * N + v];
                            absr += fabs(H[u * N + v]);
                            nt++;
                        }
            x = arf_get_d(arb_midref(arb_mat_entry(C, q, r)), ARF_RND_NEAR);
            /* the float64 reference sums nt entries: rounding nt u |H| */
            ck_assert_msg(fabs(x - ref) <= (1e-12 + 2.3e-16 * nt) * (absr + 1),
                          "%s: C[%ld][%ld] = %.17g, dense %.17g", what,
                          (long) q, (long) r, x, ref);
        }
    /* isotypic spectrum = sym.c's (k^2 values, multiplicities expanded) */
    n = _tsa_orbit_spectrum(e1, dims, N, p, 128);
    ck_assert_msg(n > 0, "%s: orbit spectrum failed", what);
    {
        slong cnt = 0, b;
        double *ex = malloc(sizeof(double) * N);
        for (q = 0; q < n; q++)
            for (b = 0; b < fmpz_get_si(dims + q); b++)
            {
                ck_assert(cnt < N);
                ex[cnt++] = e1[q];
            }
        ck_assert_int_eq(cnt, N);
        qsort(ex, N, sizeof(double), cmp_d);
        ck_assert_int_eq(_tsa_sym_spectrum(e2, c, s, 128), TSA_SUCCESS);
        for (i = 0; i < N; i++)
            scale = fmax(scale, fabs(e2[i]));
        for (i = 0; i < N; i++)
            ck_assert_msg(fabs(ex[i] - e2[i]) <= 1e-12 * scale,
                          "%s: eigenvalue %ld: orbit %.17g, symmetric %.17g",
                          what, (long) i, ex[i], e2[i]);
        free(ex);
    }
    arb_mat_clear(C);
    _arb_vec_clear(sum, tsa_orbit_len(s));
    _arb_vec_clear(g, dim);
    _arb_vec_clear(gd, N);
    _fmpz_vec_clear(dims, N);
    free(H);
    free(E);
    free(e1);
    free(e2);
    arb_clear(J1);
    arb_clear(J2);
    tsa_orbit_clear(p);
}

static FILE *
census_open(void)
{
    const char *dir = getenv("TSA_SRCDIR");
    char path[4096];
    FILE *f;
    snprintf(path, sizeof path, "%s/data/ssy2021-minima.tsv",
             dir != NULL ? dir : ".");
    f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    return f;
}

START_TEST(t_census)
{
    FILE *f = census_open();
    char line[65536];
    const char *km = getenv("TSA_ORBIT_KMAX");
    long kmax = km != NULL ? strtol(km, NULL, 10) : 16;
    int nrows = 0;
    while (fgets(line, sizeof line, f) != NULL)
    {
        long k = strtol(line, NULL, 10);
        tsa_cand_t c;
        tsa_sym_t s;
        slong runs;
        double lam;
        char what[64];
        if (k < 1 || (k > kmax && strncmp(line, "19\t6,1,12\t", 10) != 0))
            continue;
        line[strcspn(line, "\n")] = '\0';
        if (strstr(line, "\t1.0,0.0") != NULL)
            continue;   /* W = V: J is not smooth there */
        ck_assert_int_eq(tsa_certify_census_row(c, line, &runs, &lam), TSA_SUCCESS);
        ck_assert_int_eq(tsa_sym_census_row(s, line), TSA_SUCCESS);
        snprintf(what, sizeof what, "census k = %ld row %d", k, nrows);
        compare(c, s, what);
        tsa_cand_clear(c);
        nrows++;
    }
    fclose(f);
    ck_assert_msg(nrows >= 40, "only %d rows", nrows);
}
END_TEST

/* random invariant points of block patterns the census does not have */
START_TEST(t_random)
{
    static const slong pats[][8] = {
        {3, 2, 3, 4}, {3, 1, 1, 5}, {2, 4, 4}, {4, 2, 2, 2, 3},
        {5, 1, 2, 1, 3, 2}, {1, 9}, {2, 2, 7}, {3, 3, 1, 6}, {2, 1, 10},
        {7, 1, 1, 1, 1, 1, 1, 2}};
    flint_rand_t st;
    slong p, it;
    tsa_test_seed(st);
    for (p = 0; p < (slong) (sizeof pats / sizeof pats[0]); p++)
        for (it = 0; it < tsa_test_multiplier(); it++)
        {
            tsa_sym_t s;
            tsa_orbit_t o;
            tsa_cand_t c;
            slong a;
            char what[64];
            ck_assert_int_eq(tsa_sym_init(s, pats[p] + 1, pats[p][0]), TSA_SUCCESS);
            ck_assert_int_eq(tsa_orbit_init(o, s), TSA_SUCCESS);
            for (a = 0; a < tsa_orbit_len(s); a++)
                if (a % (s->B + 1) != s->B || s->size[a / (s->B + 1)] >= 2)
                    arb_set_d(o->y + a, tsa_test_randd(st, -1.0, 1.0));
            tsa_orbit_to_cand(c, o);
            snprintf(what, sizeof what, "pattern %ld (seed %lu)", (long) p,
                     (unsigned long) tsa_test_current_seed());
            compare(c, s, what);
            tsa_cand_clear(c);
            tsa_orbit_clear(o);
        }
    flint_randclear(st);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_census, t_random};
    return tsa_test_main("orbit", tests, 2,
                         getenv("TSA_ORBIT_KMAX") != NULL ? 1800 : 60);
}
