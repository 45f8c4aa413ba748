/* t-census-orbit.c -- the census decided by the orbit path
 * (tsa_certify_point with the census symmetry, docs/certify.md s. 12) gives
 * the committed table docs/census-6-100.csv apart from times: the same
 * verdict per class, the same certified loss interval (to 1e-12 relative:
 * both enclose the loss over boxes of radius < 1e-30), the same lambda_min
 * bound (to 1e-9 relative: the spread term differs by rounding) and a box
 * radius within the same limit.
 *
 * make check: every 40th class and every class with k <= 9;
 * TSA_CENSUS_ALL=1 (the full tier, `make check-orbit-full`): all 2235,
 * with the total time printed. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "tsa_test.h"
#include "tsa_certify.h"
#include "tsa_orbit.h"

static FILE *
open_src(const char *rel)
{
    const char *dir = getenv("TSA_SRCDIR");
    char path[4096];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir != NULL ? dir : ".", rel);
    f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    return f;
}

/* fields of a committed CSV row: verdict, loss_lo, loss_hi, lambda, radius */
typedef struct
{
    char verdict[64];
    double lo, hi, lam, rad;
} ref_t;

static void
parse_ref(ref_t *r, char *line)
{
    char *p = line, *f[12];
    int n = 0, q = 0;
    f[n++] = p;
    for (; *p && n < 12; p++)
    {
        if (*p == '"')
            q = !q;
        else if (*p == ',' && !q)
        {
            *p = '\0';
            f[n++] = p + 1;
        }
    }
    ck_assert_int_ge(n, 10);
    snprintf(r->verdict, sizeof r->verdict, "%s", f[3]);
    r->lo = strtod(f[4], NULL);
    r->hi = strtod(f[5], NULL);
    r->lam = strtod(f[6], NULL);
    r->rad = strtod(f[8], NULL);
}

static int
close_rel(double x, double y, double tol)
{
    if (isnan(x) || isnan(y))
        return isnan(x) && isnan(y);
    return fabs(x - y) <= tol * fmax(fabs(x), fabs(y)) + 1e-300;
}

START_TEST(t_table)
{
    FILE *tsv = open_src("data/ssy2021-minima.tsv");
    FILE *csv = open_src("docs/census-6-100.csv");
    static char line[1 << 16], ref[1 << 12];
    int all = getenv("TSA_CENSUS_ALL") != NULL, row = 0, done = 0;
    clock_t t0 = clock();
    ck_assert(fgets(ref, sizeof ref, csv) != NULL);   /* header */
    while (fgets(line, sizeof line, tsv) != NULL)
    {
        long k = strtol(line, NULL, 10);
        tsa_cand_t c;
        tsa_sym_t s;
        tsa_cert_t r;
        tsa_cert_opts_t o;
        ref_t e;
        slong runs;
        double lam, lo, hi;
        arf_t a;
        if (k < 6 || k > 100)
            continue;
        ck_assert(fgets(ref, sizeof ref, csv) != NULL);
        if (!all && k > 9 && row++ % 40 != 0)
            continue;
        line[strcspn(line, "\n")] = '\0';
        parse_ref(&e, ref);
        ck_assert_int_eq(tsa_certify_census_row(c, line, &runs, &lam), TSA_SUCCESS);
        ck_assert_int_eq(tsa_sym_census_row(s, line), TSA_SUCCESS);
        tsa_cert_opts_default(&o);
        o.sym = s;
        tsa_cert_init(r, c->n, c->m);
        (void) tsa_certify_point(r, c, &o);
        ck_assert_msg(strcmp(tsa_cert_kind_name(r->kind), e.verdict) == 0,
                      "k = %ld: %s, table %s (%s)", k,
                      tsa_cert_kind_name(r->kind), e.verdict, r->reason);
        arf_init(a);
        arb_get_lbound_arf(a, r->loss, 64);
        lo = nextafter(arf_get_d(a, ARF_RND_FLOOR), -INFINITY);
        arb_get_ubound_arf(a, r->loss, 64);
        hi = nextafter(arf_get_d(a, ARF_RND_CEIL), INFINITY);
        arf_clear(a);
        if (r->kind == TSA_CERT_MIN)
        {
            ck_assert_msg(r->sym == 1, "k = %ld: not the isotypic path", k);
            ck_assert_msg(close_rel(lo, e.lo, 1e-12) && close_rel(hi, e.hi, 1e-12),
                          "k = %ld: loss [%.17g, %.17g], table [%.17g, %.17g]",
                          k, lo, hi, e.lo, e.hi);
            ck_assert_msg(close_rel(r->lambda_lower, e.lam, 1e-9),
                          "k = %ld: lambda %.17g, table %.17g", k,
                          r->lambda_lower, e.lam);
            ck_assert_msg(r->radius <= 1e-20 && e.rad <= 1e-20,
                          "k = %ld: radius %g", k, r->radius);
        }
        tsa_cert_clear(r);
        tsa_cand_clear(c);
        done++;
    }
    fclose(tsv);
    fclose(csv);
    ck_assert_int_ge(done, all ? 2235 : 60);
    if (all)
        printf("# census: %d classes in %.1f s\n", done,
               (double) (clock() - t0) / CLOCKS_PER_SEC);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_table};
    return tsa_test_main("census-orbit", tests, 1,
                         getenv("TSA_CENSUS_ALL") != NULL ? 1800 : 60);
}
