/* t-certify.c -- polish + certify on census rows and on wrong candidates.
 *
 * The census rows are copied from data/ssy2021-minima.tsv (Safran, Yehudai
 * & Shamir 2021, see data/README.md); the expected lambda_min values are
 * the census' own float64 values (an independent computation). */
#include <math.h>
#include <string.h>
#include "tsa_test.h"
#include "tsa_certify.h"

static const char row6[] = "6\t6\t500\t0.09084505690810311\t0.0\t1.0,0.0";
static const char row7[] =
    "7\t1,6\t27\t0.014059013182513933\t1.2112676604732996e-10\t"
    "-0.6327039049152542,0.2616910758354652,0.0;"
    "0.18599104632000957,0.9969227987935689,-0.035080155932389";

static void
load_polished(tsa_cand_t c, const char *row, slong prec)
{
    slong runs;
    double lam, gn;
    arf_t g;
    arf_init(g);
    ck_assert_int_eq(tsa_certify_census_row(c, row, &runs, &lam), TSA_SUCCESS);
    ck_assert_int_eq(tsa_certify_polish_d(c, &gn, 1e-13, 20), TSA_SUCCESS);
    ck_assert_int_eq(tsa_certify_polish(c, g, prec, 20), TSA_SUCCESS);
    ck_assert(arf_cmpabs_2exp_si(g, -prec + 12) < 0);
    arf_clear(g);
}

/* census k = 7: a spurious strict local minimum */
START_TEST(t_census7)
{
    tsa_cand_t c;
    tsa_cert_t r;
    tsa_cert_opts_t o;
    const double lam_census = 0.014059013182513933;
    tsa_cert_opts_default(&o);
    load_polished(c, row7, o.prec);
    tsa_cert_init(r, c->n, c->m);
    ck_assert_int_eq(tsa_certify_run(r, c, &o), TSA_SUCCESS);
    ck_assert_msg(r->kind == TSA_CERT_MIN, "kind %s: %s",
                  tsa_cert_kind_name(r->kind), r->reason);
    ck_assert(r->exists == TSA_TRUE);
    ck_assert(arb_is_positive(r->loss));       /* spurious */
    ck_assert(r->radius > 0 && r->radius <= 1e-20);
    ck_assert(r->kratio < 1);
    /* the certified bound is below the true lambda_min and close to it */
    ck_assert_msg(r->lambda_lower <= lam_census * (1 + 1e-9)
                  && r->lambda_lower >= 0.9 * lam_census,
                  "lambda_lower %.17g vs census %.17g", r->lambda_lower,
                  lam_census);
    tsa_cert_clear(r);
    tsa_cand_clear(c);
}
END_TEST

/* census k = 6: W = I = V, the global minimum: exact argument, no smooth
 * certificate */
START_TEST(t_global)
{
    tsa_cand_t c;
    tsa_cert_t r;
    tsa_cert_opts_t o;
    slong runs;
    double lam, gn;
    tsa_cert_opts_default(&o);
    ck_assert_int_eq(tsa_certify_census_row(c, row6, &runs, &lam), TSA_SUCCESS);
    tsa_cert_init(r, c->n, c->m);
    ck_assert_int_eq(tsa_certify_run(r, c, &o), TSA_SUCCESS);
    ck_assert(r->kind == TSA_CERT_GLOBAL_MIN);
    ck_assert(arb_is_zero(r->loss));
    ck_assert(r->kratio == 0);
    /* polish refuses the aligned point */
    ck_assert_int_eq(tsa_certify_polish_d(c, &gn, 1e-13, 5), TSA_EDOM);
    /* a slightly perturbed aligned point is not given a certificate of a
       minimum either */
    arb_set_d(c->W + 1, 1e-30);
    tsa_cert_clear(r);
    tsa_cert_init(r, c->n, c->m);
    ck_assert_int_eq(tsa_certify_run(r, c, &o), TSA_SUCCESS);
    ck_assert(r->kind != TSA_CERT_MIN && r->kind != TSA_CERT_GLOBAL_MIN);
    tsa_cert_clear(r);
    tsa_cand_clear(c);
}
END_TEST

/* a point shifted off the critical point by 1e-6: not certified */
START_TEST(t_shifted)
{
    tsa_cand_t c;
    tsa_cert_t r;
    tsa_cert_opts_t o;
    arb_t t;
    tsa_cert_opts_default(&o);
    load_polished(c, row7, o.prec);
    arb_init(t);
    arb_set_d(t, 1e-6);
    arb_add(c->W + 3, c->W + 3, t, o.prec);
    tsa_cert_init(r, c->n, c->m);
    ck_assert_int_eq(tsa_certify_run(r, c, &o), TSA_SUCCESS);
    ck_assert(r->kind == TSA_CERT_UNDECIDED);
    ck_assert(r->exists != TSA_TRUE);
    tsa_cert_clear(r);
    /* a box too small to contain the zero */
    arb_sub(c->W + 3, c->W + 3, t, o.prec);
    o.radius = 1e-60;
    tsa_cert_init(r, c->n, c->m);
    ck_assert_int_eq(tsa_certify_run(r, c, &o), TSA_SUCCESS);
    ck_assert(r->kind == TSA_CERT_UNDECIDED);
    tsa_cert_clear(r);
    arb_clear(t);
    tsa_cand_clear(c);
}
END_TEST

/* a saddle presented as a minimum: the k = 4 and k = 5 members of the
 * symmetric family of the k = 7 census minimum (Arjevani-Field type,
 * W[0,0] = a, ...), found by Newton from a start in the family: certified
 * saddles, and the Cholesky bound refuses their Hessian at every shift. */
START_TEST(t_saddle)
{
    tsa_cand_t c;
    tsa_cert_t r;
    tsa_cert_opts_t o;
    slong runs, k;
    double lam, gn;
    arf_t g;
    static const char *rows[] = {
        "4\t1,3\t0\t0\t0\t-0.6,0.3,0.0;0.2,1.0,-0.04",
        "5\t1,4\t0\t0\t0\t-0.6,0.3,0.0;0.2,1.0,-0.04"};
    const char *row = rows[_i];
    tsa_cert_opts_default(&o);
    arf_init(g);
    ck_assert_int_eq(tsa_certify_census_row(c, row, &runs, &lam), TSA_SUCCESS);
    ck_assert_int_eq(tsa_certify_polish_d(c, &gn, 1e-13, 40), TSA_SUCCESS);
    ck_assert_int_eq(tsa_certify_polish(c, g, o.prec, 20), TSA_SUCCESS);
    tsa_cert_init(r, c->n, c->m);
    ck_assert_int_eq(tsa_certify_run(r, c, &o), TSA_SUCCESS);
    ck_assert_msg(r->kind == TSA_CERT_SADDLE, "kind %s: %s",
                  tsa_cert_kind_name(r->kind), r->reason);
    ck_assert(r->curv_upper < 0);
    /* the Cholesky bound must refuse this Hessian at any shift */
    {
        slong N = c->n * c->d;
        double *H = malloc(sizeof(double) * N * N), *E = malloc(sizeof(double) * c->n * c->n);
        double rho = r->radius, ratio, lo;
        char why[256];
        ck_assert(tsa_certify_krawczyk(&ratio, &rho, why, c, H, E, NULL, o.prec) == TSA_TRUE);
        for (k = -20; k < 3; k++)
            ck_assert(tsa_certify_lambda_lower(&lo, H, E, c->n, c->d, ldexp(1.0, k)) != TSA_TRUE);
        free(H);
        free(E);
    }
    tsa_cert_clear(r);
    tsa_cand_clear(c);
    arf_clear(g);
}
END_TEST

/* a teacher of norm ~2^2000: the Hessian's float64 midpoints overflow
   (kappa = |v| / (2 pi |w|) -> inf, inf * 0 = NaN).  The point is far from
   critical (|grad J| ~ 2^2000); a NaN row of the Krawczyk or Cholesky
   bound must make the test fail, not be skipped by a max over rows. */
static void
huge_teacher(tsa_cand_t c)
{
    tsa_cand_init(c, 2, 2, 1);
    arb_set_d(c->W + 0, 1.0);
    arb_set_d(c->W + 1, 0.3);
    arb_set_d(c->W + 2, -0.2);
    arb_set_d(c->W + 3, 1.1);
    arb_one(c->V + 0);
    arb_mul_2exp_si(c->V + 0, c->V + 0, 2000);
    arb_mul_2exp_si(c->V + 1, c->V + 0, -1);
}

START_TEST(t_overflow)
{
    tsa_cand_t c;
    tsa_cert_t r;
    tsa_cert_opts_t o;
    slong N = 4;
    double H[16], E[4], R[16], rho, ratio, lo;
    char why[256];
    huge_teacher(c);
    tsa_cert_opts_default(&o);
    tsa_cert_init(r, c->n, c->m);
    ck_assert_int_eq(tsa_certify_run(r, c, &o), TSA_SUCCESS);
    ck_assert_msg(r->kind == TSA_CERT_UNDECIDED && r->exists != TSA_TRUE,
                  "kind %s, exists %s: %s", tsa_cert_kind_name(r->kind),
                  tsa_truth_name(r->exists), r->reason);
    tsa_cert_clear(r);
    o.radius = 1e-30;           /* a given box: the NaN reaches the ratio */
    tsa_cert_init(r, c->n, c->m);
    ck_assert_int_eq(tsa_certify_run(r, c, &o), TSA_SUCCESS);
    ck_assert_msg(r->kind == TSA_CERT_UNDECIDED && r->exists != TSA_TRUE,
                  "kind %s, exists %s: %s", tsa_cert_kind_name(r->kind),
                  tsa_truth_name(r->exists), r->reason);
    tsa_cert_clear(r);
    rho = 1e-30;
    ck_assert(tsa_certify_krawczyk(&ratio, &rho, why, c, H, E, R, o.prec)
              != TSA_TRUE);
    ck_assert(!(ratio < 1));
    /* the Cholesky bound on a NaN midpoint matrix (GSL's Cholesky
       "succeeds" on NaN) */
    {
        slong i;
        for (i = 0; i < N * N; i++)
            H[i] = (i % (N + 1) == 0) ? 1.0 : 0.0;
        for (i = 0; i < 4; i++)
            E[i] = 0;
        H[0] = NAN;
        ck_assert(tsa_certify_lambda_lower(&lo, H, E, 2, 2, 0.5) != TSA_TRUE);
        H[0] = 1.0;
        E[1] = NAN;
        ck_assert(tsa_certify_lambda_lower(&lo, H, E, 2, 2, 0.5) != TSA_TRUE);
        E[1] = 0;
        ck_assert(tsa_certify_lambda_lower(&lo, H, E, 2, 2, 0.5) == TSA_TRUE);
    }
    tsa_cand_clear(c);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("certify");
    TCase *tc = tcase_create("certify");
    SRunner *sr;
    int failed;
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, t_census7);
    tcase_add_test(tc, t_global);
    tcase_add_test(tc, t_shifted);
    tcase_add_loop_test(tc, t_saddle, 0, 2);   /* k = 4, 5 */
    tcase_add_test(tc, t_overflow);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_set_tap(sr, "-");
    srunner_run_all(sr, CK_SILENT);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    flint_cleanup();
    return failed == 0 ? 0 : 1;
}
