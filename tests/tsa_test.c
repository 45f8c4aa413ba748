/* tsa_test.c -- shared helpers for the Arb-style tests. */
#include <config.h> /* TSA_HAVE_OPENBLAS */
#include <math.h>
#include <string.h>
#include <time.h>
#include "tsa_test.h"

#ifdef TSA_HAVE_OPENBLAS
void openblas_set_num_threads(int);
#endif

static ulong tsa_seed_used = 0;

slong
tsa_test_multiplier(void)
{
    const char *s = getenv("TSALIGN_TEST_MULTIPLIER");
    long m = (s != NULL) ? strtol(s, NULL, 10) : 1;
    return m < 1 ? 1 : (slong) m;
}

ulong
tsa_test_seed(flint_rand_t state)
{
    const char *s = getenv("TSALIGN_TEST_SEED");
    ulong seed = 20261124UL;
    if (s != NULL && strcmp(s, "random") == 0)
    {
        seed = (ulong) time(NULL);
        printf("# TSALIGN_TEST_SEED=%lu\n", (unsigned long) seed);
    }
    else if (s != NULL)
        seed = strtoul(s, NULL, 10);
    flint_randinit(state);
    flint_randseed(state, seed, seed ^ 0x9e3779b97f4a7c15UL);
    tsa_seed_used = seed;
    return seed;
}

ulong
tsa_test_current_seed(void)
{
    return tsa_seed_used;
}

int
tsa_test_main(const char *name, const TTest *const *tests, int ntests,
              double timeout)
{
    Suite *s = suite_create(name);
    SRunner *sr;
    int i, failed;

#ifdef TSA_HAVE_OPENBLAS
    openblas_set_num_threads(1); /* single-threaded by design */
#endif
    for (i = 0; i < ntests; i++)
    {
        TCase *tc = tcase_create(tests[i]->name);
        if (timeout > 0)
            tcase_set_timeout(tc, timeout);
        tcase_add_test(tc, tests[i]);
        suite_add_tcase(s, tc);
    }
    sr = srunner_create(s);
    srunner_set_tap(sr, "-");
    srunner_run_all(sr, CK_SILENT);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    flint_cleanup();
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

static void
report(const char *label, const char *what, const arb_t a, const arb_t b,
       slong iter)
{
    printf("# FAIL %s (%s) iter %ld seed %lu\n#   got ", label, what,
           (long) iter, (unsigned long) tsa_seed_used);
    arb_printd(a, 40);
    printf("\n#   ref ");
    if (b != NULL)
        arb_printd(b, 40);
    printf("\n");
    fflush(stdout);
}

void
tsa_test_contains(const char *label, const arb_t ball, const arb_t ref,
                  slong iter)
{
    if (!arb_contains(ball, ref))
    {
        report(label, "containment", ball, ref, iter);
        ck_abort_msg("%s: ball does not contain the reference (iter %ld)",
                     label, (long) iter);
    }
}

void
tsa_test_overlaps(const char *label, const arb_t a, const arb_t b,
                  slong iter)
{
    if (!arb_overlaps(a, b))
    {
        report(label, "overlap", a, b, iter);
        ck_abort_msg("%s: balls do not overlap (iter %ld)", label,
                     (long) iter);
    }
}

void
tsa_test_accurate(const char *label, const arb_t ball, slong bits,
                  slong iter)
{
    int ok;
    if (!arb_is_finite(ball))
        ok = 0;
    else if (arb_rel_accuracy_bits(ball) >= bits)
        ok = 1;
    else
    {
        /* absolute test for values that are zero or below 2^-bits */
        mag_t r;
        mag_init(r);
        mag_set_ui_2exp_si(r, 1, -bits);
        ok = mag_cmp(arb_radref(ball), r) <= 0
             && arf_cmpabs_2exp_si(arb_midref(ball), -bits) <= 0;
        mag_clear(r);
    }
    if (!ok)
    {
        report(label, "tightness", ball, NULL, iter);
        ck_abort_msg("%s: accuracy %ld bits < %ld (iter %ld)", label,
                     (long) arb_rel_accuracy_bits(ball), (long) bits,
                     (long) iter);
    }
}

void
tsa_test_close_d(const char *label, double x, double ref, double tol,
                 double floor, slong iter)
{
    double scale = fabs(ref) > floor ? fabs(ref) : floor;
    if (!(fabs(x - ref) <= tol * scale))
    {
        printf("# FAIL %s (float64) iter %ld seed %lu: got %.17g ref %.17g"
               " rel err %.3g > %.3g\n",
               label, (long) iter, (unsigned long) tsa_seed_used, x, ref,
               fabs(x - ref) / scale, tol);
        ck_abort_msg("%s: float64 error too large (iter %ld)", label,
                     (long) iter);
    }
}

char *
tsa_test_json_set(const char *json, const char *key, const char *val)
{
    json_t *r = json_loads(json, 0, NULL), *v;
    char *out;
    ck_assert(r != NULL);
    v = json_loads(val, JSON_DECODE_ANY, NULL);
    ck_assert_msg(v != NULL, "not JSON: %s", val);
    json_object_set_new(r, key, v);
    out = json_dumps(r, JSON_PRESERVE_ORDER);
    json_decref(r);
    ck_assert(out != NULL);
    return out;
}

void
tsa_test_forged(tsa_test_verify_fn verify, const char *json, const char *key,
                const char *val, tsa_truth_t want, int want_status, slong prec)
{
    char reason[256], *f = tsa_test_json_set(json, key, val);
    int st;
    tsa_truth_t got = verify(reason, &st, f, prec);
    free(f);
    ck_assert_msg(got == want && st == want_status, "%s = %s: verify gave %d "
                  "(want %d), status %d (want %d): %s", key, val, (int) got,
                  (int) want, st, want_status, reason);
}

double
tsa_test_randd(flint_rand_t state, double lo, double hi)
{
    double u = (double) n_randint(state, UWORD(1) << 30) / (double) (UWORD(1) << 30);
    return lo + (hi - lo) * u;
}

slong
tsa_test_randprec(flint_rand_t state)
{
    if (n_randint(state, 20) == 0)
        return 1000 + n_randint(state, 1000);
    return 30 + n_randint(state, 300);
}
