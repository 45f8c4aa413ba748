/* t-census-orbit.c -- the census decided by the orbit path
 * (tsa_certify_point with the census symmetry, docs/certify.md s. 12) gives
 * the committed table docs/census-6-100.csv byte for byte apart from the
 * seconds column: each row is rendered by the CLI's code
 * (tsa_census_row_json, tsa_table_render) and compared with the committed
 * line.  The table's bounds are rounded outward to a few digits
 * (census_table.c), so that they do not depend on the path's rounding:
 * for k <= 12 the block-symmetric path (tsa_sym_polish, tsa_certify_run
 * with the symmetry: sym.c, no orbit code) must give the same line too.
 * Beside the bytes, the verdict and (minima) the isotypic path are checked.
 *
 * make check: every 40th class and every class with k <= 12;
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
#include "tsa_census.h"
#include "tsa_table.h"

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

/* line without its field number f (0-based; fields may be quoted) */
static void
drop_field(char *out, size_t size, const char *line, int f)
{
    int q = 0, n = 0;
    size_t o = 0;
    const char *p;
    for (p = line; *p && *p != '\n' && o + 1 < size; p++)
    {
        if (*p == '"')
            q = !q;
        if (*p == ',' && !q)
        {
            n++;
            if (n == f)
                continue;   /* the comma before field f goes too */
        }
        if (n != f)
            out[o++] = *p;
    }
    out[o] = '\0';
}

/* the CSV line of `tsalign certify --census` for one result, seconds
   dropped */
static void
csv_line(char *out, size_t size, long k, const char *blocks, long runs,
         const tsa_cert_t r, double lam)
{
    json_t *rows = json_array(), *cols = tsa_census_columns();
    char *text, *nl;
    json_array_append_new(rows, tsa_census_row_json(k, blocks, runs, r, lam));
    text = tsa_table_render(cols, rows, TSA_TABLE_CSV, NULL);
    ck_assert(text != NULL);
    nl = strchr(text, '\n');
    ck_assert(nl != NULL);
    drop_field(out, size, nl + 1, 9);
    free(text);
    json_decref(rows);
    json_decref(cols);
}

/* the block-symmetric path of point.c before the orbit path: polish in
   the symmetry's coordinates, tsa_certify_run with the symmetry */
static void
sym_path(tsa_cert_t r, tsa_cand_t c, tsa_sym_t s, int global)
{
    tsa_cert_opts_t o;
    arf_t gb;
    tsa_cert_opts_default(&o);
    o.sym = s;
    arf_init(gb);
    if (!global)
        ck_assert_int_eq(tsa_sym_polish(c, gb, s, o.prec, 20), TSA_SUCCESS);
    arf_clear(gb);
    ck_assert_int_eq(tsa_certify_run(r, c, &o), TSA_SUCCESS);
}

START_TEST(t_table)
{
    FILE *tsv = open_src("data/ssy2021-minima.tsv");
    FILE *csv = open_src("docs/census-6-100.csv");
    static char line[1 << 16], ref[1 << 12], want[1 << 12], got[1 << 12];
    int all = getenv("TSA_CENSUS_ALL") != NULL, row = 0, done = 0, twice = 0;
    clock_t t0 = clock();
    ck_assert(fgets(ref, sizeof ref, csv) != NULL);   /* header */
    while (fgets(line, sizeof line, tsv) != NULL)
    {
        long k = strtol(line, NULL, 10);
        char blocks[256], *p, *q;
        tsa_cand_t c;
        tsa_sym_t s;
        tsa_cert_t r;
        tsa_cert_opts_t o;
        slong runs;
        double lam;
        if (k < 6 || k > 100)
            continue;
        ck_assert(fgets(ref, sizeof ref, csv) != NULL);
        if (!all && k > 12 && row++ % 40 != 0)
            continue;
        line[strcspn(line, "\n")] = '\0';
        p = strchr(line, '\t') + 1;
        q = strchr(p, '\t');
        ck_assert(q != NULL && q - p < 255);
        memcpy(blocks, p, q - p);
        blocks[q - p] = '\0';
        drop_field(want, sizeof want, ref, 9);
        ck_assert_int_eq(tsa_certify_census_row(c, line, &runs, &lam), TSA_SUCCESS);
        ck_assert_int_eq(tsa_sym_census_row(s, line), TSA_SUCCESS);
        tsa_cert_opts_default(&o);
        o.sym = s;
        tsa_cert_init(r, c->n, c->m);
        (void) tsa_certify_point(r, c, &o);
        ck_assert_msg(r->kind != TSA_CERT_MIN || r->sym == 1,
                      "k = %ld: not the isotypic path", k);
        csv_line(got, sizeof got, k, blocks, (long) runs, r, lam);
        ck_assert_msg(strcmp(got, want) == 0, "k = %ld (orbit path):\n  %s\n"
                      "table:\n  %s", k, got, want);
        tsa_cert_clear(r);
        tsa_cand_clear(c);
        if (k <= 12)
        {
            ck_assert_int_eq(tsa_certify_census_row(c, line, &runs, &lam),
                             TSA_SUCCESS);
            tsa_cert_init(r, c->n, c->m);
            sym_path(r, c, s, strstr(want, ",global minimum,") != NULL);
            csv_line(got, sizeof got, k, blocks, (long) runs, r, lam);
            ck_assert_msg(strcmp(got, want) == 0, "k = %ld (block-symmetric "
                          "path):\n  %s\ntable:\n  %s", k, got, want);
            tsa_cert_clear(r);
            tsa_cand_clear(c);
            twice++;
        }
        done++;
    }
    fclose(tsv);
    fclose(csv);
    ck_assert_int_ge(done, all ? 2235 : 60);
    ck_assert_int_ge(twice, 20);
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
