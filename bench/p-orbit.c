/* p-orbit.c -- issue 14 at scale, CPU seconds (clock()) on one core:
 *   census N seconds       all census classes polished and certified by the
 *                          orbit path (tsa_certify_point with the symmetry)
 *   type-a A..B seconds    the type-A family continued and certified for
 *                          every k in A..B (tsa_family_step, _certify)
 * Usage: p-orbit [KMAX] (default 10000; $TSA_SRCDIR or .. for the data). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "tsalign.h"
#include "tsa_certify.h"
#include "tsa_family.h"

#ifndef TSA_DEFAULT_SRCDIR
#define TSA_DEFAULT_SRCDIR ".."
#endif

static double
census(long *n)
{
    const char *dir = getenv("TSA_SRCDIR");
    char path[4096];
    static char line[1 << 16];
    FILE *f;
    clock_t t0 = clock();
    snprintf(path, sizeof path, "%s/data/ssy2021-minima.tsv",
             dir != NULL ? dir : TSA_DEFAULT_SRCDIR);
    *n = 0;
    if ((f = fopen(path, "r")) == NULL)
        return -1;
    while (fgets(line, sizeof line, f) != NULL)
    {
        long k = strtol(line, NULL, 10), runs;
        tsa_cand_t c;
        tsa_sym_t s;
        tsa_cert_t r;
        tsa_cert_opts_t o;
        double lam;
        slong rs;
        if (k < 6 || k > 100)
            continue;
        line[strcspn(line, "\n")] = '\0';
        if (tsa_certify_census_row(c, line, &rs, &lam) != TSA_SUCCESS)
            continue;
        runs = rs;
        (void) runs;
        if (tsa_sym_census_row(s, line) != TSA_SUCCESS)
        {
            tsa_cand_clear(c);
            continue;
        }
        tsa_cert_opts_default(&o);
        o.sym = s;
        tsa_cert_init(r, c->n, c->m);
        (void) tsa_certify_point(r, c, &o);
        tsa_cert_clear(r);
        tsa_cand_clear(c);
        (*n)++;
    }
    fclose(f);
    return (double) (clock() - t0) / CLOCKS_PER_SEC;
}

static double
type_a(long kmax, long *decided)
{
    tsa_orbit_t p, q, p2;
    arf_t g;
    long k;
    int have2 = 0;
    clock_t t0 = clock();
    arf_init(g);
    *decided = 0;
    if (tsa_family_continue(p, g, 6, 128) != TSA_SUCCESS)
        return -1;
    for (k = 6; k <= kmax; k++)
    {
        tsa_family_cert_t c;
        if (k > 6)
        {
            int st = tsa_family_step(q, g, p, have2 ? p2 : NULL, k, 128);
            if (have2)
                tsa_orbit_clear(p2);
            *p2 = *p;
            have2 = 1;
            *p = *q;
            if (st != TSA_SUCCESS)
                break;
        }
        tsa_family_cert_init(c);
        if (tsa_family_certify(c, p, 128) == TSA_SUCCESS
            && (c->kind == TSA_CERT_MIN || c->kind == TSA_CERT_SADDLE))
            (*decided)++;
        tsa_family_cert_clear(c);
    }
    if (have2)
        tsa_orbit_clear(p2);
    tsa_orbit_clear(p);
    arf_clear(g);
    return (double) (clock() - t0) / CLOCKS_PER_SEC;
}

int
main(int argc, char **argv)
{
    long kmax = argc > 1 ? strtol(argv[1], NULL, 10) : 10000, n, dec;
    double t;
    if (kmax < 6 || kmax > TSA_FAMILY_MAX_K)
        kmax = 10000;
    t = census(&n);
    printf("census %ld classes %.1f s (one core, CPU)\n", n, t);
    t = type_a(kmax, &dec);
    printf("type-a k = 6..%ld: %ld decided, %.1f s (one core, CPU)\n", kmax,
           dec, t);
    flint_cleanup();
    return 0;
}
