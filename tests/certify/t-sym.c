/* t-sym.c -- the block-permutation symmetry (docs/certify.md s. 10).
 *
 * Independent references: the full spectrum of the dense Hessian
 * (tsa_certify_hess_mr at the centre, GSL's symmetric eigensolver) must
 * equal the isotypic spectrum eigenvalue by eigenvalue, multiplicities
 * included; the orbit-coordinate Newton must land on the point found by
 * the full-coordinate Newton; the census' own float64 lambda_min values.
 * Rows come from data/ssy2021-minima.tsv ($TSA_SRCDIR, see data/README.md). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_eigen.h>
#include "tsa_test.h"
#include "tsa_certify.h"
#include "certify_impl.h"

#define KMAX_SPECTRUM 16

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

/* polished symmetric candidate from a census row */
static void
load_sym(tsa_cand_t c, tsa_sym_t s, const char *row, slong prec)
{
    slong runs;
    double lam;
    arf_t g;
    arf_init(g);
    ck_assert_int_eq(tsa_certify_census_row(c, row, &runs, &lam), TSA_SUCCESS);
    ck_assert_int_eq(tsa_sym_census_row(s, row), TSA_SUCCESS);
    ck_assert(tsa_sym_invariant(s, c) == TSA_TRUE);
    ck_assert_int_eq(tsa_sym_polish(c, g, s, prec, 20), TSA_SUCCESS);
    ck_assert_msg(arf_cmpabs_2exp_si(g, -prec + 8) < 0, "|grad| %g",
                  arf_get_d(g, ARF_RND_UP));
    ck_assert(tsa_sym_invariant(s, c) == TSA_TRUE);
    arf_clear(g);
}

static int
cmp_d(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

/* dense float64 spectrum of the Hessian at c (sorted) */
static void
dense_spectrum(double *ev, const tsa_cand_t c)
{
    slong N = c->n * c->d, i;
    double *H = malloc(sizeof(double) * N * N), *E = malloc(sizeof(double) * c->n * c->n);
    gsl_matrix_view A = gsl_matrix_view_array(H, N, N);
    gsl_vector *e = gsl_vector_alloc(N);
    gsl_eigen_symm_workspace *w = gsl_eigen_symm_alloc(N);
    ck_assert_int_eq(tsa_certify_hess_mr(H, E, c, 128), TSA_SUCCESS);
    gsl_eigen_symm(&A.matrix, e, w);
    for (i = 0; i < N; i++)
        ev[i] = gsl_vector_get(e, i);
    qsort(ev, N, sizeof(double), cmp_d);
    gsl_eigen_symm_free(w);
    gsl_vector_free(e);
    free(H);
    free(E);
}

/* every census class with k <= KMAX_SPECTRUM (and the k = 4, 5 saddles of
   the symmetric family): isotypic spectrum = dense spectrum; the certified
   lambda_min bound is below the dense lambda_min and within 1e-6 of it */
static void
check_row(const char *row, int *nrows, int *nsaddle)
{
    tsa_cand_t c;
    tsa_sym_t s;
    slong N, i;
    double *e1, *e2, scale = 0, lo, est;
    char why[256];
    load_sym(c, s, row, 128);
    N = c->n * c->d;
    e1 = malloc(sizeof(double) * N);
    e2 = malloc(sizeof(double) * N);
    dense_spectrum(e1, c);
    ck_assert_int_eq(_tsa_sym_spectrum(e2, c, s, 128), TSA_SUCCESS);
    for (i = 0; i < N; i++)
        scale = fmax(scale, fabs(e1[i]));
    for (i = 0; i < N; i++)
        ck_assert_msg(fabs(e1[i] - e2[i]) <= 1e-12 * scale,
                      "k = %ld: eigenvalue %ld: dense %.17g, isotypic %.17g",
                      (long) c->n, (long) i, e1[i], e2[i]);
    if (tsa_sym_lambda_lower(&lo, &est, why, c, s, 128) == TSA_TRUE)
    {
        ck_assert(e1[0] > 0);
        ck_assert_msg(lo <= e1[0] + 1e-13 * scale && lo >= e1[0] * (1 - 1e-6),
                      "lambda_min %.17g, bound %.17g", e1[0], lo);
    }
    else
    {
        /* undecided only where the Hessian is not positive definite */
        ck_assert_msg(e1[0] < 1e-12 * scale, "%s", why);
        ck_assert(lo == 0);
        (*nsaddle)++;
    }
    tsa_test_close_d("estimate", est, e1[0], 1e-12 * scale / fabs(e1[0]), 0, 0);
    (*nrows)++;
    free(e1);
    free(e2);
    tsa_cand_clear(c);
}

START_TEST(t_spectrum)
{
    FILE *f = census_open();
    char line[65536];
    int nrows = 0, nsaddle = 0;
    check_row("4\t1,3\t0\t0\t0\t-0.6,0.3,0.0;0.2,1.0,-0.04", &nrows, &nsaddle);
    check_row("5\t1,4\t0\t0\t0\t-0.6,0.3,0.0;0.2,1.0,-0.04", &nrows, &nsaddle);
    ck_assert_int_eq(nsaddle, 2);
    while (fgets(line, sizeof line, f) != NULL)
    {
        long k = strtol(line, NULL, 10);
        if (k < 1 || (k > KMAX_SPECTRUM && strncmp(line, "19\t6,1,12\t", 10) != 0))
            continue;   /* all rows up to KMAX_SPECTRUM, and a 3-block row */
        line[strcspn(line, "\n")] = '\0';
        if (strstr(line, "\t1.0,0.0") != NULL)
            continue;   /* W = V: J is not smooth there */
        check_row(line, &nrows, &nsaddle);
    }
    fclose(f);
    ck_assert_int_eq(nsaddle, 2);     /* the census rows are all minima */
    ck_assert_msg(nrows >= 40, "only %d rows", nrows);
}
END_TEST

/* the spectrum identity holds at every invariant point, critical or not:
   random orbit values for block patterns the census does not have (sizes
   2 and 3 next to each other, several size-1 blocks, four and five
   blocks) */
START_TEST(t_spectrum_random)
{
    static const slong pats[][6] = {
        {3, 2, 3, 4}, {3, 1, 1, 5}, {2, 4, 4}, {4, 2, 2, 2, 3},
        {5, 1, 2, 1, 3, 2}, {1, 9}, {2, 2, 7}, {3, 3, 1, 6}};
    flint_rand_t st;
    slong p, it;
    tsa_test_seed(st);
    for (p = 0; p < (slong) (sizeof pats / sizeof pats[0]); p++)
        for (it = 0; it < 2 * tsa_test_multiplier(); it++)
        {
            tsa_sym_t s;
            tsa_cand_t c;
            slong k, a, i, N, no;
            double vals[3 * TSA_SYM_MAXB * TSA_SYM_MAXB], *e1, *e2, scale = 0;
            ck_assert_int_eq(tsa_sym_init(s, pats[p] + 1, pats[p][0]), TSA_SUCCESS);
            k = s->k;
            N = k * k;
            no = 3 * s->B * s->B;
            for (a = 0; a < no; a++)
                vals[a] = tsa_test_randd(st, -1.0, 1.0);
            tsa_cand_init(c, k, k, k);
            for (i = 0; i < k; i++)
                arb_one(c->V + i * k + i);
            for (i = 0; i < k; i++)       /* column (neuron) */
                for (a = 0; a < k; a++)   /* row (coordinate) */
                {
                    slong r = 0, t = 0, o;
                    while (a >= s->start[r + 1])
                        r++;
                    while (i >= s->start[t + 1])
                        t++;
                    o = 3 * (r * s->B + t) + (r != t ? 0 : a == i ? 1 : 2);
                    arb_set_d(c->W + i * k + a, vals[o]);
                }
            ck_assert(tsa_sym_invariant(s, c) == TSA_TRUE);
            e1 = malloc(sizeof(double) * N);
            e2 = malloc(sizeof(double) * N);
            dense_spectrum(e1, c);
            ck_assert_int_eq(_tsa_sym_spectrum(e2, c, s, 128), TSA_SUCCESS);
            for (i = 0; i < N; i++)
                scale = fmax(scale, fabs(e1[i]));
            for (i = 0; i < N; i++)
                ck_assert_msg(fabs(e1[i] - e2[i]) <= 1e-11 * scale,
                              "pattern %ld: eigenvalue %ld: dense %.17g, "
                              "isotypic %.17g (seed %lu)", (long) p, (long) i,
                              e1[i], e2[i], (unsigned long) tsa_test_current_seed());
            free(e1);
            free(e2);
            tsa_cand_clear(c);
        }
    flint_randclear(st);
}
END_TEST

/* orbit-coordinate Newton = full-coordinate Newton (independent code) */
START_TEST(t_polish)
{
    tsa_cand_t c, d;
    tsa_sym_t s;
    slong runs, i;
    double lam, gn;
    arf_t g;
    FILE *f = census_open();
    char line[65536];
    /* the k = 11 blocks 8,3 census row */
    while (fgets(line, sizeof line, f) != NULL)
        if (strncmp(line, "11\t8,3\t", 7) == 0)
            break;
    fclose(f);
    line[strcspn(line, "\n")] = '\0';
    arf_init(g);
    load_sym(c, s, line, 160);
    ck_assert_int_eq(tsa_certify_census_row(d, line, &runs, &lam), TSA_SUCCESS);
    ck_assert_int_eq(tsa_certify_polish_d(d, &gn, 1e-13, 40), TSA_SUCCESS);
    ck_assert_int_eq(tsa_certify_polish(d, g, 160, 20), TSA_SUCCESS);
    for (i = 0; i < c->n * c->d; i++)
    {
        arb_t t;
        arb_init(t);
        arb_sub(t, c->W + i, d->W + i, 200);
        ck_assert_msg(arf_cmpabs_2exp_si(arb_midref(t), -140) < 0,
                      "entry %ld differs by %g", (long) i,
                      arf_get_d(arb_midref(t), ARF_RND_NEAR));
        arb_clear(t);
    }
    arf_clear(g);
    tsa_cand_clear(c);
    tsa_cand_clear(d);
}
END_TEST

/* tsa_certify_run with the symmetry: the k = 20 class with the smallest
   census lambda_min (4.012e-4) and a k = 30 class, against the census'
   float64 values; no dense matrix needed */
START_TEST(t_run_sym)
{
    FILE *f = census_open();
    char line[65536];
    int done = 0;
    while (fgets(line, sizeof line, f) != NULL && done < 2)
    {
        tsa_cand_t c;
        tsa_sym_t s;
        tsa_cert_t r;
        tsa_cert_opts_t o;
        slong runs;
        double lam;
        if (strncmp(line, "20\t6,1,13\t", 10) != 0
            && strncmp(line, "30\t", 3) != 0)
            continue;
        if (strstr(line, "\t1.0,0.0") != NULL)
            continue;
        line[strcspn(line, "\n")] = '\0';
        ck_assert_int_eq(tsa_certify_census_row(c, line, &runs, &lam), TSA_SUCCESS);
        ck_assert_int_eq(tsa_sym_census_row(s, line), TSA_SUCCESS);
        tsa_cert_opts_default(&o);
        o.sym = s;
        o.krawczyk_max = 0;
        tsa_cert_init(r, c->n, c->m);
        ck_assert_int_eq(tsa_certify_point(r, c, &o), TSA_SUCCESS);
        ck_assert_msg(r->kind == TSA_CERT_MIN && r->sym == 1, "%s: %s",
                      tsa_cert_kind_name(r->kind), r->reason);
        ck_assert(arb_is_positive(r->loss));
        ck_assert(r->radius > 0 && r->radius <= 1e-20);
        ck_assert(r->spread > 0 && r->spread < 1e-10);
        /* the census value is float64 at an unpolished point
           (|grad| ~ 1e-10): agreement to 1e-5 relative */
        ck_assert_msg(fabs(r->lambda_lower - lam) <= 1e-5 * lam,
                      "lambda bound %.17g, census %.17g", r->lambda_lower, lam);
        tsa_cert_clear(r);
        tsa_cand_clear(c);
        done++;
    }
    fclose(f);
    ck_assert_int_eq(done, 2);
}
END_TEST

/* wrong candidates: a declared symmetry the point does not have is not
   used (the dense path decides); a symmetric point off the critical point
   by 1e-6 is undecided; a symmetric saddle is never a minimum */
START_TEST(t_wrong)
{
    static const char row7[] =
        "7\t1,6\t27\t0.014059013182513933\t1.2112676604732996e-10\t"
        "-0.6327039049152542,0.2616910758354652,0.0;"
        "0.18599104632000957,0.9969227987935689,-0.035080155932389";
    tsa_cand_t c;
    tsa_sym_t s, wrong;
    tsa_cert_t r;
    tsa_cert_opts_t o;
    slong sizes[2] = {2, 5}, i;
    double lo, est;
    char why[256];

    load_sym(c, s, row7, 128);
    ck_assert_int_eq(tsa_sym_init(wrong, sizes, 2), TSA_SUCCESS);
    ck_assert(tsa_sym_invariant(wrong, c) == TSA_FALSE);
    ck_assert(tsa_sym_lambda_lower(&lo, &est, why, c, wrong, 128) == TSA_UNDECIDED);
    ck_assert(lo == 0);
    tsa_cert_opts_default(&o);
    o.sym = wrong;
    tsa_cert_init(r, c->n, c->m);
    ck_assert_int_eq(tsa_certify_run(r, c, &o), TSA_SUCCESS);
    ck_assert(r->kind == TSA_CERT_MIN && r->sym == 0);   /* dense path */
    tsa_cert_clear(r);
    /* move the whole off-diagonal orbit of block 1 by 1e-6: still
       invariant, no longer critical */
    for (i = 0; i < 7 * 7; i++)
    {
        slong a = i % 7, j = i / 7;
        if (a >= 1 && j >= 1 && a != j)
        {
            arb_t t;
            arb_init(t);
            arb_set_d(t, 1e-6);
            arb_add(c->W + i, c->W + i, t, 128);
            arb_clear(t);
        }
    }
    ck_assert(tsa_sym_invariant(s, c) == TSA_TRUE);
    o.sym = s;
    tsa_cert_init(r, c->n, c->m);
    ck_assert_int_eq(tsa_certify_run(r, c, &o), TSA_SUCCESS);
    ck_assert_msg(r->kind == TSA_CERT_UNDECIDED, "%s", tsa_cert_kind_name(r->kind));
    ck_assert(strstr(r->reason, "not accurate enough") != NULL);
    tsa_cert_clear(r);
    tsa_cand_clear(c);
    /* the k = 5 saddle of the family with its symmetry: saddle */
    load_sym(c, s, "5\t1,4\t0\t0\t0\t-0.6,0.3,0.0;0.2,1.0,-0.04", 128);
    o.sym = s;
    tsa_cert_init(r, c->n, c->m);
    ck_assert_int_eq(tsa_certify_run(r, c, &o), TSA_SUCCESS);
    ck_assert_msg(r->kind == TSA_CERT_SADDLE, "%s: %s",
                  tsa_cert_kind_name(r->kind), r->reason);
    tsa_cert_clear(r);
    tsa_cand_clear(c);
}
END_TEST

/* bad symmetry descriptions */
START_TEST(t_bad)
{
    tsa_sym_t s;
    slong sizes[8] = {1, 1, 1, 1, 1, 1, 1, 1}, zero[2] = {3, 0};
    ck_assert_int_eq(tsa_sym_init(s, sizes, 8), TSA_EINVAL);
    ck_assert_int_eq(tsa_sym_init(s, zero, 2), TSA_EINVAL);
    ck_assert_int_eq(tsa_sym_init(s, sizes, 0), TSA_EINVAL);
    ck_assert_int_eq(tsa_sym_census_row(s, "7\t1,x\t1"), TSA_EFORMAT);
    ck_assert_int_eq(tsa_sym_census_row(s, "7"), TSA_EFORMAT);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_spectrum, t_spectrum_random, t_polish, t_run_sym,
                                         t_wrong, t_bad};
    return tsa_test_main("sym", tests, 6, 60);
}
