/* cli_overparam.c -- `tsalign overparam`: one student more (issue 17,
 * docs/overparam.md).  zero: descent at a zero student for a census class;
 * verify: re-check an overparam certificate; census: the table per class. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli.h"
#include "cli_data.h"
#include "tsalign.h"
#include "certify_impl.h"

int tsa_cli_overparam(int argc, char **argv);
int tsa_cli_overparam_more(int argc, char **argv);
int tsa_cli_overparam_split(int argc, char **argv);
int tsa_cli_overparam_split_census(int argc, char **argv);
int tsa_cli_overparam_split_verify(const char *path, const char *text,
                                   slong prec);

static const char usage[] =
    "Usage: tsalign overparam zero --census[=FILE] --k K [--row R] [-o OUT.json]\n"
    "       tsalign overparam verify CERT.json\n"
    "       tsalign overparam split CERT.json (--student I --t T | --all) [-o OUT]\n"
    "       tsalign overparam split-census --k A:B [--csv OUT.csv]\n"
    "       tsalign overparam census [--census=FILE] [--kmin A] [--kmax B]\n"
    "       tsalign overparam family --k A:B [-o|--output DIR]   (type-A, orbit)\n"
    "       tsalign overparam fate [--census=FILE] [--kmin A] [--kmax B]\n"
    "                              [--split SPLIT.csv] [-o|--output DIR]\n"
    "       tsalign overparam path CERT.json [--s S] [--maxit N] [-o OUT.csv]\n"
    "zero: certify census row R (0-based) of size k (a box around W), add a\n"
    "zero student and prove g(u) = E[relu(u.x) r(x)] < 0 at an explicit u over\n"
    "the whole box (the point is then no local minimum with k + 1 students).\n"
    "census: the fate of every census class with A <= k <= B (table on stdout).\n"
    "  --census[=FILE]  the census (default data/ssy2021-minima.tsv)\n"
    "  --prec P         working precision in bits (default 128)\n"
    "Exit: 0 descent proved / certificate valid, 4 undecided, 5 invalid,\n"
    "2 bad input.\n"
    "Example: tsalign overparam zero --census --k 7 --row 1 -o z7.json &&\n"
    "         tsalign overparam verify z7.json\n";

/* the index-th census row with k (malloc'd line) */
static char *
row_of(const char *path, long k, long index)
{
    FILE *f;
    char *line = NULL;
    size_t cap = 0;
    long seen = 0;
    if (tsa_io_check_regular(path) != TSA_SUCCESS || (f = fopen(path, "r")) == NULL)
        return NULL;
    while (getline(&line, &cap, f) > 0)
    {
        char *end;
        long kk = strtol(line, &end, 10);
        if (end != line && *end == '\t' && kk == k && seen++ == index)
        {
            fclose(f);
            return line;
        }
    }
    free(line);
    fclose(f);
    return NULL;
}

/* certify the row's W; then descent at a zero student.  *fate: 0
   undecided (W), 1 descent, 2 undecided (g), 3 global minimum */
static int
zero_row(int *fate, tsa_cand_t c, double **u, double *gub, double *radius,
         tsa_cert_t r, const char *line, slong prec)
{
    slong runs, i;
    double lam;
    tsa_sym_t sym;
    tsa_cert_opts_t o;
    int st = tsa_certify_census_row(c, line, &runs, &lam);
    if (st != TSA_SUCCESS)
        return st;
    tsa_cert_opts_default(&o);
    o.prec = prec;
    if (tsa_sym_census_row(sym, line) == TSA_SUCCESS)
        o.sym = sym;
    tsa_cert_init(r, c->n, c->m);
    st = tsa_certify_point(r, c, &o);
    *u = calloc(c->d, sizeof(double));
    *fate = 0;
    *radius = r->radius;
    if (st != TSA_SUCCESS || r->kind == TSA_CERT_UNDECIDED)
        return TSA_SUCCESS;
    for (i = 0; i < c->d * c->n; i++)
        mag_set_d(arb_radref(c->W + i), r->kind == TSA_CERT_GLOBAL_MIN ? 0 : r->radius);
    if (tsa_overparam_zero(*u, gub, c, prec) == TSA_TRUE)
        *fate = 1;
    else
        *fate = r->kind == TSA_CERT_GLOBAL_MIN ? 3 : 2;
    return TSA_SUCCESS;
}

static const char *const fate_name[] = {"W undecided", "descent",
                                        "undecided", "global minimum (g = 0)"};

static int
cmd_zero(const char *census, long k, long row, const char *out, slong prec)
{
    char *line = row_of(census, k, row), *json, note[160];
    tsa_cand_t c;
    tsa_cert_t r;
    double *u = NULL, gub = 0, rad = 0;
    int fate, st;
    slong a;
    if (line == NULL)
    {
        fprintf(stderr, "tsalign: %s: no row %ld with k = %ld\n", census, row, k);
        return TSA_EXIT_INPUT;
    }
    st = zero_row(&fate, c, &u, &gub, &rad, r, line, prec);
    free(line);
    if (st != TSA_SUCCESS)
        return tsa_cli_exit_status(st);
    printf("k = %ld row %ld: W %s, box radius %.3g; zero student: %s",
           k, row, tsa_cert_kind_name(r->kind), rad, fate_name[fate]);
    if (fate == 1)
    {
        printf(", g(u) <= %.17g < 0 proved\nu =", gub);
        for (a = 0; a < c->d; a++)
            printf(" %.6g", u[a]);
        printf("\n");
        snprintf(note, sizeof note, "census k = %ld row %ld, W: %s", k, row,
                 tsa_cert_kind_name(r->kind));
        if (out != NULL)
        {
            json = tsa_overparam_cert_json(c, fate == 3 ? 0 : rad, u, gub, note);
            st = json == NULL ? TSA_ENOMEM : tsa_io_write_atomic(out, json);
            free(json);
        }
    }
    else
        printf("\n");
    free(u);
    tsa_cert_clear(r);
    tsa_cand_clear(c);
    if (st != TSA_SUCCESS)
        return tsa_cli_exit_status(st);
    return fate == 1 ? TSA_EXIT_OK : TSA_EXIT_UNDECIDED;
}

static int
cmd_verify(const char *path, slong prec)
{
    char *text, reason[256];
    size_t len;
    int st = tsa_io_read_file(&text, &len, path, TSA_IO_MAX_FILE);
    tsa_truth_t v;
    if (st != TSA_SUCCESS)
        return tsa_cli_exit_status(st);
    if ((st = tsa_cli_overparam_split_verify(path, text, prec)) >= 0)
    {
        free(text);   /* a split certificate (cli_overparam_split.c) */
        return st;
    }
    v = tsa_overparam_verify(reason, &st, text, prec);
    free(text);
    if (st != TSA_SUCCESS)
        return tsa_cli_exit_status(st);
    printf("%s: %s: %s\n", path, v == TSA_TRUE ? "valid" : "INVALID", reason);
    return v == TSA_TRUE ? TSA_EXIT_OK : TSA_EXIT_REFUTED;
}

/* the table: one line per class, counts per k */
static int
cmd_census(const char *census, long kmin, long kmax, slong prec)
{
    FILE *f;
    char *line = NULL;
    size_t cap = 0;
    long curk = -1, cnt[4] = {0, 0, 0, 0}, tot[4] = {0, 0, 0, 0};
    int und = 0;
    if (tsa_io_check_regular(census) != TSA_SUCCESS || (f = fopen(census, "r")) == NULL)
    {
        fprintf(stderr, "tsalign: %s: cannot open the census\n", census);
        return TSA_EXIT_IO;
    }
    printf("k\tblocks\tW\tzero_student\tg_upper\n");
    while (getline(&line, &cap, f) > 0)
    {
        char *end, blocks[64];
        long kk = strtol(line, &end, 10), j;
        tsa_cand_t c;
        tsa_cert_t r;
        double *u = NULL, gub = 0, rad;
        int fate;
        if (end == line || *end != '\t' || kk < kmin || kk > kmax)
            continue;
        if (curk >= 0 && kk != curk)
        {
            printf("# k = %ld: descent %ld, undecided %ld, W undecided %ld, global %ld\n",
                   curk, cnt[1], cnt[2], cnt[0], cnt[3]);
            memset(cnt, 0, sizeof cnt);
        }
        curk = kk;
        for (j = 0; end[1 + j] != '\t' && end[1 + j] != '\0' && j < 63; j++)
            blocks[j] = end[1 + j];
        blocks[j] = '\0';
        if (zero_row(&fate, c, &u, &gub, &rad, r, line, prec) != TSA_SUCCESS)
        {
            free(line);
            fclose(f);
            return TSA_EXIT_INPUT;
        }
        printf("%ld\t%s\t%s\t%s\t", kk, blocks, tsa_cert_kind_name(r->kind),
               fate_name[fate]);
        if (fate == 1)
            printf("%.6e\n", gub);
        else
            printf("-\n");
        fflush(stdout);
        cnt[fate]++;
        tot[fate]++;
        und |= fate == 0 || fate == 2;
        free(u);
        tsa_cert_clear(r);
        tsa_cand_clear(c);
    }
    if (curk >= 0)
        printf("# k = %ld: descent %ld, undecided %ld, W undecided %ld, global %ld\n",
               curk, cnt[1], cnt[2], cnt[0], cnt[3]);
    printf("# all: descent %ld, undecided %ld, W undecided %ld, global %ld\n",
           tot[1], tot[2], tot[0], tot[3]);
    free(line);
    fclose(f);
    return und ? TSA_EXIT_UNDECIDED : TSA_EXIT_OK;
}

int
tsa_cli_overparam(int argc, char **argv)
{
    static const struct option opts[] = {
        {"census", optional_argument, NULL, 'c'}, {"k", required_argument, NULL, 'k'},
        {"row", required_argument, NULL, 'r'}, {"prec", required_argument, NULL, 'p'},
        {"kmin", required_argument, NULL, 'a'}, {"kmax", required_argument, NULL, 'b'},
        {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    const char *census = NULL, *out = NULL, *sub;
    long k = -1, row = 0, kmin = 1, kmax = 128, prec = 128, *tgt;
    int ch, usecensus = 0;
    if (argc < 2)
        return tsa_cli_usage_error("overparam", "expected zero, verify or census");
    sub = argv[1];
    if (!strcmp(sub, "family") || !strcmp(sub, "fate") || !strcmp(sub, "path"))
        return tsa_cli_overparam_more(argc, argv);   /* cli_overparam_more.c */
    if (strcmp(sub, "split") == 0)   /* cli_overparam_split.c */
        return tsa_cli_overparam_split(argc - 1, argv + 1);
    if (strcmp(sub, "split-census") == 0)   /* cli_overparam_splitc.c */
        return tsa_cli_overparam_split_census(argc - 1, argv + 1);
    if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0)
    {
        fputs(usage, stdout);
        return TSA_EXIT_OK;
    }
    optind = 1;
    while ((ch = getopt_long(argc - 1, argv + 1, "o:h", opts, NULL)) != -1)
    {
        char *e;
        switch (ch)
        {
        case 'c': usecensus = 1; census = optarg; continue;
        case 'o': out = optarg; continue;
        case 'h': fputs(usage, stdout); return TSA_EXIT_OK;
        case 'k': tgt = &k; break;
        case 'r': tgt = &row; break;
        case 'p': tgt = &prec; break;
        case 'a': tgt = &kmin; break;
        case 'b': tgt = &kmax; break;
        default: return TSA_EXIT_INPUT;
        }
        *tgt = strtol(optarg, &e, 10);
        if (e == optarg || *e != '\0' || *tgt < 0 || *tgt > 100000)
            return tsa_cli_usage_error("overparam", "'%s' is not a count", optarg);
    }
    if (prec < TSA_CERTIFY_MIN_PREC || prec > TSA_CERTIFY_MAX_PREC)
        return tsa_cli_usage_error("overparam", "--prec: expected %d .. %d",
                                   TSA_CERTIFY_MIN_PREC, TSA_CERTIFY_MAX_PREC);
    if (census == NULL)
        census = tsa_cli_find_data("ssy2021-minima.tsv", "data", NULL);
    if (strcmp(sub, "verify") == 0)
    {
        if (optind + 1 != argc - 1 || usecensus)
            return tsa_cli_usage_error("overparam", "verify takes one CERT file");
        return cmd_verify(argv[1 + optind], prec + 64);
    }
    if (optind != argc - 1)
        return tsa_cli_usage_error("overparam", "unexpected argument '%s'",
                                   argv[1 + optind]);
    if (strcmp(sub, "zero") == 0)
    {
        if (!usecensus || k < 1)
            return tsa_cli_usage_error("overparam", "zero needs --census and --k");
        return cmd_zero(census, k, row, out, prec);
    }
    if (strcmp(sub, "census") == 0)
        return cmd_census(census, kmin, kmax, prec);
    return tsa_cli_usage_error("overparam", "unknown subcommand '%s'", sub);
}
