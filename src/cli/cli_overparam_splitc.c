/* cli_overparam_splitc.c -- `tsalign overparam split-census`: every census
 * class in a k range certified (n = k), then every student split at
 * t = 1/4, 1/2, 3/4 (docs/overparam.md "Split students"); a table on
 * stdout and a CSV (k,class,zero_student,split,fate) for the census fate
 * table. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "cli_data.h"
#include "tsalign.h"
#include "certify_impl.h"
#include "tsa_overparam_split.h"

int tsa_cli_overparam_split_census(int argc, char **argv);

static const double tgrid[3] = {0.25, 0.5, 0.75};

typedef struct
{
    long saddle, none, undec;
    double worst_cub, min_lam, max_lam;
} tally_t;

/* all splits of one certified box */
static void
splits(tally_t *y, const tsa_cand_t c, slong prec)
{
    double *v = malloc(sizeof(double) * (c->n + 1) * c->d), cub, lam;
    char reason[256];
    slong i, k;
    memset(y, 0, sizeof *y);
    y->worst_cub = -HUGE_VAL;
    y->min_lam = HUGE_VAL;
    y->max_lam = -HUGE_VAL;
    for (i = 0; i < c->n; i++)
        for (k = 0; k < 3; k++)
        {
            tsa_truth_t r = tsa_overparam_split(v, &cub, &lam, reason, c, i,
                                                tgrid[k], prec);
            if (r == TSA_TRUE)
            {
                y->saddle++;
                y->worst_cub = fmax(y->worst_cub, cub);
            }
            else if (r == TSA_FALSE)
                y->none++;
            else
            {
                y->undec++;
                fprintf(stderr, "# student %ld t = %g: %s\n", (long) i,
                        tgrid[k], reason);
            }
            if (!isnan(lam))
            {
                y->min_lam = fmin(y->min_lam, lam);
                y->max_lam = fmax(y->max_lam, lam);
            }
        }
    free(v);
}

/* certify a census row; 1 when a box with a critical point is proved */
static int
certify_row(tsa_cand_t c, tsa_cert_t r, double *ratio, const char *line,
            slong prec)
{
    slong runs, k;
    double lam, rho;
    char why[256];
    tsa_sym_t sym;
    tsa_cert_opts_t o;
    if (tsa_certify_census_row(c, line, &runs, &lam) != TSA_SUCCESS)
        return -1;
    tsa_cert_opts_default(&o);
    o.prec = prec;
    if (tsa_sym_census_row(sym, line) == TSA_SUCCESS)
        o.sym = sym;
    tsa_cert_init(r, c->n, c->m);
    if (tsa_certify_point(r, c, &o) != TSA_SUCCESS
        || r->kind == TSA_CERT_UNDECIDED)
        return 0;
    if (r->kind == TSA_CERT_GLOBAL_MIN)
        return 1;
    rho = r->radius;
    if (tsa_certify_krawczyk(ratio, &rho, why, c, NULL, NULL, NULL, prec)
        != TSA_TRUE)
        return 0;
    for (k = 0; k < c->d * c->n; k++)
        mag_set_d(arb_radref(c->W + k), r->radius);
    return 1;
}

static int
run(FILE *f, FILE *csv, long kmin, long kmax, slong prec)
{
    char *line = NULL;
    size_t cap = 0;
    long row = 0, lastk = -1, tot[3] = {0, 0, 0}, classes = 0;
    int und = 0;
    printf("k\tclass\tblocks\tW\tsplits\tsaddle\tno_neg\tundecided\t"
           "max_curv_upper\tmin_float_lambda\tmax_float_lambda\tzero_student\n");
    if (csv != NULL)
        fprintf(csv, "k,class,zero_student,split,fate\n");
    while (getline(&line, &cap, f) > 0)
    {
        char *end, blocks[64];
        long kk = strtol(line, &end, 10), j;
        tsa_cand_t c;
        tsa_cert_t r;
        tally_t y;
        double ratio = 0, gub = 0, *u;
        int ok, zero;
        if (end == line || *end != '\t')
            continue;
        row = kk == lastk ? row + 1 : 0;
        lastk = kk;
        if (kk < kmin || kk > kmax)
            continue;
        for (j = 0; end[1 + j] != '\t' && end[1 + j] != '\0' && j < 63; j++)
            blocks[j] = end[1 + j];
        blocks[j] = '\0';
        ok = certify_row(c, r, &ratio, line, prec);
        if (ok < 0)
        {
            free(line);
            return TSA_EXIT_INPUT;
        }
        if (ok == 0 || r->kind == TSA_CERT_GLOBAL_MIN)
        {
            printf("%ld\t%ld\t%s\t%s\t-\t-\t-\t-\t-\t-\t-\t-\n", kk, row, blocks,
                   ok == 0 ? "W undecided" : tsa_cert_kind_name(r->kind));
            if (ok == 0)
                und = 1;
            tsa_cert_clear(r);
            tsa_cand_clear(c);
            continue;
        }
        splits(&y, c, prec);
        u = calloc(c->d, sizeof(double));
        zero = tsa_overparam_zero(u, &gub, c, prec) == TSA_TRUE;
        free(u);
        printf("%ld\t%ld\t%s\t%s\t%ld\t%ld\t%ld\t%ld\t%.4g\t%.4g\t%.4g\t%s\n",
               kk, row, blocks, tsa_cert_kind_name(r->kind),
               y.saddle + y.none + y.undec, y.saddle, y.none, y.undec,
               y.saddle ? y.worst_cub : NAN, y.min_lam, y.max_lam,
               zero ? "descent" : "undecided");
        fflush(stdout);
        if (csv != NULL)
            fprintf(csv, "%ld,%ld,%s,saddle %ld/%ld,%s\n", kk, row,
                    zero ? "descent" : "undecided", y.saddle,
                    y.saddle + y.none + y.undec,
                    y.saddle == y.saddle + y.none + y.undec
                    ? (zero ? "descent at a zero student; strict saddle by "
                       "every split" : "strict saddle by every split")
                    : zero ? "descent at a zero student" : "undecided");
        tot[0] += y.saddle;
        tot[1] += y.none;
        tot[2] += y.undec;
        classes++;
        und |= y.undec != 0;
        tsa_cert_clear(r);
        tsa_cand_clear(c);
    }
    printf("# %ld spurious classes: splits proved strict saddles %ld, no "
           "negative direction %ld, undecided %ld\n", classes, tot[0], tot[1],
           tot[2]);
    free(line);
    return und ? TSA_EXIT_UNDECIDED : TSA_EXIT_OK;
}

int
tsa_cli_overparam_split_census(int argc, char **argv)
{
    static const struct option opts[] = {
        {"census", required_argument, NULL, 'c'}, {"k", required_argument, NULL, 'k'},
        {"csv", required_argument, NULL, 'v'}, {"prec", required_argument, NULL, 'p'},
        {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    const char *census = NULL, *csvp = NULL;
    long kmin = -1, kmax = -1, prec = 128;
    int ch, rc;
    char *e, *text = NULL;
    FILE *f, *csv = NULL;
    size_t len = 0;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1)
        switch (ch)
        {
        case 'c': census = optarg; break;
        case 'v': csvp = optarg; break;
        case 'h':
            fputs("Usage: tsalign overparam split-census --k A:B [--census=FILE]\n"
                  "       [--csv OUT.csv] [--prec P]\n"
                  "Certify every census class with A <= k <= B (B <= 49), split\n"
                  "every student at t = 1/4, 1/2, 3/4 and prove strict saddles\n"
                  "(docs/overparam.md \"Split students\"); one line per class.\n"
                  "Exit: 0 all proved, 4 some undecided, 2 bad input.\n", stdout);
            return TSA_EXIT_OK;
        case 'k':
            kmin = strtol(optarg, &e, 10);
            kmax = *e == ':' ? strtol(e + 1, &e, 10) : kmin;
            /* the dense (k + 1) k split Hessian: TSA_CERTIFY_MAX_DENSE */
            if (*e != '\0' || kmin < 1 || kmax < kmin || kmax > 49)
                return tsa_cli_usage_error("overparam", "--k: expected A:B with "
                                           "1 <= A <= B <= 49");
            break;
        case 'p':
            prec = strtol(optarg, &e, 10);
            if (*e != '\0' || prec < TSA_CERTIFY_MIN_PREC || prec > TSA_CERTIFY_MAX_PREC)
                return tsa_cli_usage_error("overparam", "--prec: expected %d .. %d",
                                           TSA_CERTIFY_MIN_PREC, TSA_CERTIFY_MAX_PREC);
            break;
        default: return TSA_EXIT_INPUT;
        }
    if (kmin < 1 || optind != argc)
        return tsa_cli_usage_error("overparam", "split-census needs --k A:B");
    if (census == NULL)
        census = tsa_cli_find_data("ssy2021-minima.tsv", "data", NULL);
    if (tsa_io_check_regular(census) != TSA_SUCCESS || (f = fopen(census, "r")) == NULL)
    {
        fprintf(stderr, "tsalign: %s: cannot open the census\n", census);
        return TSA_EXIT_IO;
    }
    if (csvp != NULL && (csv = open_memstream(&text, &len)) == NULL)
    {
        fclose(f);
        return TSA_EXIT_INTERNAL;
    }
    rc = run(f, csv, kmin, kmax, prec);
    fclose(f);
    if (csv != NULL)
    {
        fclose(csv);
        if (rc != TSA_EXIT_INPUT && tsa_io_write_atomic(csvp, text) != TSA_SUCCESS)
            rc = TSA_EXIT_IO;
        free(text);
    }
    return rc;
}
