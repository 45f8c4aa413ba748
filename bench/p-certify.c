/* p-certify.c -- time of polish and certification, and box radius, for
 * census minima of size k = 6, 10, 20, 50, 100 (first spurious class of each
 * k in data/ssy2021-minima.tsv; k = 6 has only W = V).  Two methods side by
 * side on the same row: dense (float64 N x N Hessian, Cholesky; the
 * baseline) and symmetric (Newton in the orbit coordinates, isotypic
 * lambda_min; docs/certify.md s. 10), and the ratio of their times:
 *   certify k N polish certify verdict radius lambda_lower   (dense)
 *   certify-sym k N total verdict radius lambda_lower speedup
 * Usage: p-certify [CENSUS] [k ...]  (default ../data or $TSA_SRCDIR/data) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "tsalign.h"
#include "tsa_certify.h"

#ifndef TSA_DEFAULT_SRCDIR
#define TSA_DEFAULT_SRCDIR ".."
#endif

static double
now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

static char *
row_for(const char *path, long k)
{
    FILE *f = fopen(path, "r");
    char *line = NULL, *best = NULL;
    size_t cap = 0;
    if (f == NULL)
        return NULL;
    while (getline(&line, &cap, f) > 0)
    {
        char *end;
        long kk = strtol(line, &end, 10);
        if (end == line || kk != k)
            continue;
        if (best == NULL)
            best = strdup(line);
        if (strstr(line, "\t1.0,0.0") == NULL)   /* spurious: prefer it */
        {
            free(best);
            best = strdup(line);
            break;
        }
    }
    free(line);
    fclose(f);
    return best;
}

int
main(int argc, char **argv)
{
    static const long dflt[] = {6, 10, 20, 50, 100};
    char path[4096];
    const char *src = getenv("TSA_SRCDIR");
    long ks[32];
    int nk = 0, i;
    if (argc > 1)
        snprintf(path, sizeof path, "%s", argv[1]);
    else
        snprintf(path, sizeof path, "%s/data/ssy2021-minima.tsv",
                 src ? src : TSA_DEFAULT_SRCDIR);
    for (i = 2; i < argc && nk < 32; i++)
        ks[nk++] = strtol(argv[i], NULL, 10);
    if (nk == 0)
        for (nk = 0; nk < 5; nk++)
            ks[nk] = dflt[nk];
    printf("# k N polish_s certify_s verdict radius lambda_lower (128 bits)\n");
    for (i = 0; i < nk; i++)
    {
        char *line = row_for(path, ks[i]);
        tsa_cand_t c;
        tsa_cert_t r;
        tsa_cert_opts_t o;
        slong runs;
        double lam, gd, t0, t1, t2;
        arf_t g;
        if (line == NULL || tsa_certify_census_row(c, line, &runs, &lam))
        {
            fprintf(stderr, "p-certify: %s: no row for k = %ld\n", path, ks[i]);
            free(line);
            return 1;
        }
        free(line);
        tsa_cert_opts_default(&o);
        arf_init(g);
        tsa_cert_init(r, c->n, c->m);
        t0 = now();
        if (tsa_certify_run(r, c, &o) == TSA_SUCCESS
            && r->kind == TSA_CERT_GLOBAL_MIN)
            t1 = t0;
        else
        {
            tsa_cert_clear(r);
            tsa_cert_init(r, c->n, c->m);
            if (tsa_certify_polish_d(c, &gd, 1e-13, 50) == TSA_EDOM
                || tsa_certify_polish(c, g, o.prec, 40) != TSA_SUCCESS)
                fprintf(stderr, "p-certify: k = %ld: polish failed\n", ks[i]);
            t1 = now();
            if (tsa_certify_run(r, c, &o) != TSA_SUCCESS)
                fprintf(stderr, "p-certify: k = %ld: certify failed\n", ks[i]);
        }
        t2 = now();
        printf("certify k=%ld N=%ld polish=%.3f certify=%.3f verdict=\"%s\" "
               "radius=%.3g lambda_lower=%.6g\n", ks[i], (long) (c->n * c->d),
               t1 - t0, t2 - t1, tsa_cert_kind_name(r->kind), r->radius,
               r->lambda_lower);
        fflush(stdout);
        {
            /* the same row with its block symmetry */
            tsa_cand_t c2;
            tsa_sym_t sym;
            tsa_cert_t r2;
            double t3, t4;
            char *l2 = row_for(path, ks[i]);
            if (l2 != NULL && tsa_certify_census_row(c2, l2, &runs, &lam) == TSA_SUCCESS)
            {
                if (tsa_sym_census_row(sym, l2) == TSA_SUCCESS)
                    o.sym = sym;
                tsa_cert_init(r2, c2->n, c2->m);
                t3 = now();
                if (tsa_certify_point(r2, c2, &o) != TSA_SUCCESS)
                    fprintf(stderr, "p-certify: k = %ld: symmetric path failed\n", ks[i]);
                t4 = now();
                printf("certify-sym k=%ld N=%ld total=%.3f verdict=\"%s\" "
                       "radius=%.3g lambda_lower=%.6g isotypic=%d "
                       "speedup_vs_dense=%.1fx\n", ks[i], (long) (c2->n * c2->d),
                       t4 - t3, tsa_cert_kind_name(r2->kind), r2->radius,
                       r2->lambda_lower, r2->sym,
                       t4 - t3 > 0 ? (t2 - t0) / (t4 - t3) : 0.0);
                fflush(stdout);
                o.sym = NULL;
                tsa_cert_clear(r2);
                tsa_cand_clear(c2);
            }
            free(l2);
        }
        arf_clear(g);
        tsa_cert_clear(r);
        tsa_cand_clear(c);
    }
    flint_cleanup();
    return 0;
}
