/* t-sym-adv.c -- adversarial tests of the block-symmetry path
 * (docs/certify.md s. 10): block patterns the census and t-sym do not
 * have (six and seven blocks, the largest trivial component), the spread
 * bound against dense Hessians at the corners of a box, the Weyl bound
 * against dense lambda_min, forged isotypic claims (each rejected by the
 * isotypic check itself), and certificate sizes whose product overflows. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_eigen.h>
#include "tsa_test.h"
#include "tsa_certify.h"
#include "certify_impl.h"

/* census k = 7 row (data/ssy2021-minima.tsv) */
static const char row7[] =
    "7\t1,6\t27\t0.014059013182513933\t1.2112676604732996e-10\t"
    "-0.6327039049152542,0.2616910758354652,0.0;"
    "0.18599104632000957,0.9969227987935689,-0.035080155932389";

static int
cmp_d(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

/* float64 Hessian at the exact point c (N x N) */
static void
hess_at(double *H, const tsa_cand_t c)
{
    double *E = malloc(sizeof(double) * c->n * c->n);
    ck_assert_int_eq(tsa_certify_hess_mr(H, E, c, 128), TSA_SUCCESS);
    free(E);
}

/* eigenvalues of a symmetric N x N matrix (destroyed), ascending */
static void
eig(double *ev, double *A, slong N)
{
    gsl_matrix_view Av = gsl_matrix_view_array(A, N, N);
    gsl_vector *e = gsl_vector_alloc(N);
    gsl_eigen_symm_workspace *w = gsl_eigen_symm_alloc(N);
    slong i;
    gsl_eigen_symm(&Av.matrix, e, w);
    for (i = 0; i < N; i++)
        ev[i] = gsl_vector_get(e, i);
    qsort(ev, N, sizeof(double), cmp_d);
    gsl_eigen_symm_free(w);
    gsl_vector_free(e);
}

/* W with the given orbit values, V = I */
static void
invariant_point(tsa_cand_t c, const tsa_sym_t s, const double *vals)
{
    slong k = s->k, a, i;
    tsa_cand_init(c, k, k, k);
    for (i = 0; i < k; i++)
        arb_one(c->V + i * k + i);
    for (i = 0; i < k; i++)
        for (a = 0; a < k; a++)
        {
            slong r = 0, t = 0;
            while (a >= s->start[r + 1])
                r++;
            while (i >= s->start[t + 1])
                t++;
            arb_set_d(c->W + i * k + a,
                      vals[3 * (r * s->B + t) + (r != t ? 0 : a == i ? 1 : 2)]);
        }
}

/* six and seven blocks (the trivial component of 2^7 has multiplicity 56,
   the most comp_t holds is 64), seven blocks of size 1 (trivial only),
   sizes 4 and 5 together: isotypic spectrum = dense spectrum; where the
   isotypic lambda_min bound is proved it is below the dense lambda_min */
START_TEST(t_patterns)
{
    static const slong pats[][8] = {
        {7, 2, 2, 2, 2, 2, 2, 2}, {7, 1, 1, 1, 1, 1, 1, 1},
        {7, 3, 1, 2, 1, 4, 1, 2}, {6, 1, 5, 1, 4, 1, 2},
        {6, 3, 3, 3, 1, 1, 1}, {3, 4, 5, 4}, {2, 1, 11}};
    flint_rand_t st;
    slong p, it, proved = 0;
    tsa_test_seed(st);
    for (p = 0; p < (slong) (sizeof pats / sizeof pats[0]); p++)
        for (it = 0; it < 2 * tsa_test_multiplier(); it++)
        {
            tsa_sym_t s;
            tsa_cand_t c;
            slong k, a, N, i;
            double vals[3 * TSA_SYM_MAXB * TSA_SYM_MAXB], *H, *e1, *e2;
            double scale = 0, lo, est;
            char why[256];
            ck_assert_int_eq(tsa_sym_init(s, pats[p] + 1, pats[p][0]), TSA_SUCCESS);
            k = s->k;
            N = k * k;
            /* diagonal orbits near 1, the rest small: near W = V, where the
               Hessian is often positive definite */
            for (a = 0; a < 3 * s->B * s->B; a++)
                vals[a] = (a % 3 == 1 && (a / 3) % (s->B + 1) == 0)
                          ? tsa_test_randd(st, 0.5, 1.5)
                          : tsa_test_randd(st, -0.3, 0.3);
            invariant_point(c, s, vals);
            ck_assert(tsa_sym_invariant(s, c) == TSA_TRUE);
            H = malloc(sizeof(double) * N * N);
            e1 = malloc(sizeof(double) * N);
            e2 = malloc(sizeof(double) * N);
            hess_at(H, c);
            eig(e1, H, N);
            ck_assert_int_eq(_tsa_sym_spectrum(e2, c, s, 128), TSA_SUCCESS);
            for (i = 0; i < N; i++)
                scale = fmax(scale, fabs(e1[i]));
            for (i = 0; i < N; i++)
                ck_assert_msg(fabs(e1[i] - e2[i]) <= 1e-11 * scale,
                              "pattern %ld: eigenvalue %ld: dense %.17g, "
                              "isotypic %.17g (seed %lu)", (long) p, (long) i,
                              e1[i], e2[i],
                              (unsigned long) tsa_test_current_seed());
            if (tsa_sym_lambda_lower(&lo, &est, why, c, s, 128) == TSA_TRUE)
            {
                ck_assert_msg(lo > 0 && lo <= e1[0] + 1e-13 * scale,
                              "pattern %ld: bound %.17g above dense lambda_min "
                              "%.17g", (long) p, lo, e1[0]);
                proved++;
            }
            else
                ck_assert_msg(e1[0] < 1e-9 * scale, "pattern %ld: dense "
                              "lambda_min %.3g not proved: %s", (long) p,
                              e1[0], why);
            free(H);
            free(e1);
            free(e2);
            tsa_cand_clear(c);
        }
    ck_assert_msg(proved > 0, "no positive definite point among the patterns");
    flint_randclear(st);
}
END_TEST

/* the polished k = 7 point (exact, invariant) */
static void
point7(tsa_cand_t c, tsa_sym_t s)
{
    slong runs;
    double lam;
    arf_t g;
    arf_init(g);
    ck_assert_int_eq(tsa_certify_census_row(c, row7, &runs, &lam), TSA_SUCCESS);
    ck_assert_int_eq(tsa_sym_census_row(s, row7), TSA_SUCCESS);
    ck_assert_int_eq(tsa_sym_polish(c, g, s, 128, 20), TSA_SUCCESS);
    ck_assert(tsa_sym_invariant(s, c) == TSA_TRUE);
    arf_clear(g);
}

/* spread: on a box of radius 1e-4 around the k = 7 point, |H(x) - H(x0)|_2
   (dense, at the corners and inside) stays below tsa_certify_hess_spread,
   and lambda_min(H(x)) >= (isotypic bound at x0) - spread (Weyl) */
START_TEST(t_spread)
{
    tsa_cand_t c, X, Y;
    tsa_sym_t s;
    slong N, i, it;
    double rho = 1e-4, spread, lc, est, *H0, *H1, *ev, worst = 0;
    char why[256];
    flint_rand_t st;
    tsa_test_seed(st);
    point7(c, s);
    N = c->n * c->d;
    ck_assert(tsa_sym_lambda_lower(&lc, &est, why, c, s, 128) == TSA_TRUE);
    tsa_cand_init(X, c->d, c->n, c->m);
    tsa_cand_set(X, c);
    for (i = 0; i < N; i++)
        mag_set_d(arb_radref(X->W + i), rho);
    ck_assert_int_eq(tsa_certify_hess_spread(&spread, X, 80), TSA_SUCCESS);
    ck_assert_msg(spread > 0 && spread < 1e4 * rho, "spread %g", spread);
    H0 = malloc(sizeof(double) * N * N);
    H1 = malloc(sizeof(double) * N * N);
    ev = malloc(sizeof(double) * N);
    hess_at(H0, c);
    tsa_cand_init(Y, c->d, c->n, c->m);
    for (it = 0; it < 12; it++)
    {
        tsa_cand_set(Y, c);
        for (i = 0; i < N; i++)
        {
            /* corners (it even), random interior points (it odd) */
            double t = it % 2 == 0 ? (n_randint(st, 2) ? rho : -rho)
                                   : tsa_test_randd(st, -rho, rho);
            arb_t u;
            arb_init(u);
            arb_set_d(u, t);
            arb_add(Y->W + i, Y->W + i, u, 200);
            arb_clear(u);
        }
        hess_at(H1, Y);
        eig(ev, H1, N);
        ck_assert_msg(ev[0] >= lc - spread - 1e-12,
                      "lambda_min %.17g below %.17g - %.17g", ev[0], lc, spread);
        hess_at(H1, Y);
        for (i = 0; i < N * N; i++)
            H1[i] -= H0[i];
        eig(ev, H1, N);
        worst = fmax(worst, fmax(-ev[0], ev[N - 1]));
        ck_assert_msg(fmax(-ev[0], ev[N - 1]) <= spread,
                      "|H(x) - H(x0)|_2 = %.6g > spread %.6g",
                      fmax(-ev[0], ev[N - 1]), spread);
    }
    ck_assert_msg(worst > 1e-7, "%g", worst);   /* the box really moves the Hessian */
    free(H0);
    free(H1);
    free(ev);
    tsa_cand_clear(X);
    tsa_cand_clear(Y);
    tsa_cand_clear(c);
    flint_randclear(st);
}
END_TEST

/* ---- forged certificates --------------------------------------------- */

static char *
certificate7(void)
{
    tsa_cand_t c;
    tsa_sym_t s;
    tsa_cert_t r;
    tsa_cert_opts_t o;
    char *js;
    point7(c, s);
    tsa_cert_opts_default(&o);
    o.sym = s;
    tsa_cert_init(r, c->n, c->m);
    ck_assert_int_eq(tsa_certify_run(r, c, &o), TSA_SUCCESS);
    ck_assert_msg(r->kind == TSA_CERT_MIN && r->sym, "%s", r->reason);
    js = tsa_certify_cert_json(r, c, &o);
    tsa_cert_clear(r);
    tsa_cand_clear(c);
    return js;
}

/* the lambda_min claim, moved to the front so that it is checked first */
static json_t *
lam_first(json_t *root)
{
    json_t *cl = json_object_get(root, "claims"), *x = NULL;
    size_t i;
    for (i = 0; i < json_array_size(cl); i++)
        if (strcmp(json_string_value(json_object_get(json_array_get(cl, i),
                                                     "name")), "lambda_min") == 0)
        {
            x = json_incref(json_array_get(cl, i));
            json_array_remove(cl, i);
            break;
        }
    ck_assert(x != NULL);
    json_array_insert_new(cl, 0, x);
    return x;
}

static void
set_blocks(json_t *L, int nb, const json_int_t *b)
{
    json_t *a = json_array();
    int i;
    for (i = 0; i < nb; i++)
        json_array_append_new(a, json_integer(b[i]));
    json_object_set_new(L, "blocks", a);
}

/* apply edit number e; expect the lambda_min check to reject it (or, for
   e = 0, the untouched certificate to verify) */
static void
forge(const char *js, int e)
{
    json_t *root = json_loads(js, 0, NULL), *L;
    char reason[256], *s;
    int st;
    tsa_truth_t v;
    ck_assert(root != NULL);
    L = lam_first(root);
    switch (e)
    {
    case 0:
        break;
    case 1:   /* sizes that do not sum to d = 7 */
        set_blocks(L, 2, (const json_int_t[]) {1, 5});
        break;
    case 2:   /* eight blocks */
        set_blocks(L, 8, (const json_int_t[]) {1, 1, 1, 1, 1, 1, 1, 0});
        break;
    case 3:   /* a zero block */
        set_blocks(L, 3, (const json_int_t[]) {1, 0, 6});
        break;
    case 4:   /* negative and huge blocks */
        set_blocks(L, 2, (const json_int_t[]) {-1, 8});
        break;
    case 5:
        set_blocks(L, 2, (const json_int_t[]) {(json_int_t) 1 << 40, 7});
        break;
    case 6:   /* subgroups of S_1 x S_6: W is invariant under them too,
                 and their (different) decompositions must confirm the
                 same centre value: valid */
        set_blocks(L, 3, (const json_int_t[]) {1, 3, 3});
        break;
    case 7:
        set_blocks(L, 3, (const json_int_t[]) {1, 1, 5});
        break;
    case 8:   /* negative spread */
        json_object_set_new(L, "spread", json_string("-0x1p-30"));
        break;
    case 9:
        json_object_set_new(L, "spread", json_string("nan"));
        break;
    case 10:
        json_object_set_new(L, "spread", json_string("inf"));
        break;
    case 11:   /* zero spread */
        json_object_set_new(L, "spread", json_string("0x0p+0"));
        json_object_set_new(L, "value", json_string("0x1p-10"));
        break;
    case 12:   /* centre_value infinite, huge */
        json_object_set_new(L, "centre_value", json_string("inf"));
        break;
    case 13:
        json_object_set_new(L, "centre_value", json_string("0x1p+1000"));
        json_object_set_new(L, "value", json_string("0x1p+999"));
        break;
    case 14:   /* value above centre_value - spread */
        json_object_set_new(L, "value", json_object_get(L, "centre_value"));
        json_incref(json_object_get(L, "value"));
        break;
    case 15:   /* blocks not integers, missing, empty */
        {
            json_t *a = json_array();
            json_array_append_new(a, json_string("1"));
            json_array_append_new(a, json_integer(6));
            json_object_set_new(L, "blocks", a);
        }
        break;
    case 16:
        json_object_del(L, "blocks");
        break;
    case 17:
        json_object_set_new(L, "blocks", json_array());
        break;
    case 18:   /* method not a string */
        json_object_set_new(L, "method", json_null());
        break;
    case 19:   /* the teacher no longer invariant: V[2][1] = 2^-300 */
        {
            json_t *V = json_object_get(json_object_get(root, "problem"), "V");
            json_array_set_new(json_array_get(V, 2), 1, json_string("0x1p-300"));
        }
        break;
    case 20:   /* the teacher scaled on one block only: not invariant */
        {
            json_t *V = json_object_get(json_object_get(root, "problem"), "V");
            json_array_set_new(json_array_get(V, 0), 0, json_string("2"));
        }
        break;
    case 21:   /* a blocks entry that is a real, not an integer */
        {
            json_t *a = json_array();
            json_array_append_new(a, json_real(1.0));
            json_array_append_new(a, json_integer(6));
            json_object_set_new(L, "blocks", a);
        }
        break;
    case 22:
        set_blocks(L, 4, (const json_int_t[]) {1, 2, 2, 2});
        break;
    case 23:   /* trivial group: 49 orbit indicators */
        set_blocks(L, 7, (const json_int_t[]) {1, 1, 1, 1, 1, 1, 1});
        break;
    case 24:
        set_blocks(L, 3, (const json_int_t[]) {1, 4, 2});
        break;
    case 25:   /* blocks of which W is not invariant */
        set_blocks(L, 2, (const json_int_t[]) {3, 4});
        break;
    case 26:
        set_blocks(L, 3, (const json_int_t[]) {2, 4, 1});
        break;
    }
    s = json_dumps(root, 0);
    v = tsa_certify_verify(reason, &st, s, 192);
    /* a malformed field is an input error naming it (lambda_min.value) */
    ck_assert(st == TSA_SUCCESS || st == TSA_EFORMAT);
    if (e == 0 || e == 6 || e == 7 || e == 22 || e == 23 || e == 24)
        ck_assert_msg(v == TSA_TRUE && st == TSA_SUCCESS, "edit %d (valid): %s",
                      e, reason);
    else
        ck_assert_msg(v != TSA_TRUE && strncmp(reason, "lambda_min", 10) == 0,
                      "edit %d: verify gave %s (%s)", e, tsa_truth_name(v),
                      reason);
    free(s);
    json_decref(root);
}

START_TEST(t_forged)
{
    char *js = certificate7();
    int e;
    for (e = 0; e <= 26; e++)
        forge(js, e);
    free(js);
}
END_TEST

/* sizes whose product wraps around in 64 bits must be refused as
   malformed, not allocated: d = 2^32 + 1, n = m = 2^32 - 1, d n = 2^64 - 1 */
START_TEST(t_size_overflow)
{
    static const char *bad[] = {
        "{\"format\": \"tsalign-certificate-1\", \"prec\": 128, \"problem\": {\"d\": 4294967297, \"n\": 4294967295, \"m\": 4294967295,"
        " \"V\": []}, \"box\": {\"center\": [], \"radius\": \"0x0p+0\"},"
        " \"verdict\": \"undecided\", \"claims\": []}",
        "{\"format\": \"tsalign-certificate-1\", \"prec\": 128, \"problem\": {\"d\": 4611686018427387905, \"n\": 2, \"m\": 2,"
        " \"V\": []}, \"box\": {\"center\": [], \"radius\": \"0x0p+0\"},"
        " \"verdict\": \"undecided\", \"claims\": []}",
        "{\"format\": \"tsalign-certificate-1\", \"prec\": 128, \"problem\": {\"d\": 2, \"n\": 9223372036854775807, \"m\": 1,"
        " \"V\": []}, \"box\": {\"center\": [], \"radius\": \"0x0p+0\"},"
        " \"verdict\": \"undecided\", \"claims\": []}"};
    slong i;
    for (i = 0; i < 3; i++)
    {
        char reason[256];
        int st;
        tsa_truth_t v = tsa_certify_verify(reason, &st, bad[i], 128);
        ck_assert_msg(v == TSA_UNDECIDED && st == TSA_EFORMAT
                      && strstr(reason, "problem: ") != NULL,
                      "case %ld: %s, %s", (long) i, tsa_truth_name(v), reason);
    }
}
END_TEST

/* mixed scales (teacher 2^1100, students of order 1): the float64
   quantities overflow; nothing may be certified and the spread must not be
   a small finite number */
START_TEST(t_overflow)
{
    tsa_cand_t c, X;
    tsa_sym_t s;
    tsa_cert_t r;
    tsa_cert_opts_t o;
    slong i, k, N;
    double spread = 0;
    point7(c, s);
    k = c->d;
    N = k * k;
    for (i = 0; i < k; i++)
        arb_mul_2exp_si(c->V + i * k + i, c->V + i * k + i, 1100);
    ck_assert(tsa_sym_invariant(s, c) == TSA_TRUE);
    tsa_cand_init(X, k, k, k);
    tsa_cand_set(X, c);
    for (i = 0; i < N; i++)
        mag_set_d(arb_radref(X->W + i), 1e-30);
    if (tsa_certify_hess_spread(&spread, X, 80) == TSA_SUCCESS)
        ck_assert_msg(!(spread < 1e300), "spread %g", spread);
    tsa_cert_opts_default(&o);
    o.sym = s;
    o.krawczyk_max = 0;
    tsa_cert_init(r, k, k);
    ck_assert_int_eq(tsa_certify_run(r, c, &o), TSA_SUCCESS);
    ck_assert_msg(r->kind == TSA_CERT_UNDECIDED, "%s: %s",
                  tsa_cert_kind_name(r->kind), r->reason);
    tsa_cert_clear(r);
    tsa_cand_clear(X);
    tsa_cand_clear(c);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_patterns, t_spread, t_forged, t_size_overflow,
                            t_overflow};
    return tsa_test_main("sym-adv", tests, 5, 60);
}
