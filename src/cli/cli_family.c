/* cli_family.c -- `tsalign family type-a --k A:B`: the type-A critical
 * point continued in k and certified in the reduced coordinates for every
 * k of the range (issue 14; docs/certify.md s. 13). */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include "cli.h"
#include "cli_util.h"
#include "tsa_family.h"
#include "tsa_io.h"
#include "tsa_plot.h"

static const char family_usage[] =
    "Usage: tsalign family type-a --k A:B [--prec N] [--out DIR] [--quiet]\n"
    "\n"
    "Continue the type-A critical point of the orthonormal-teacher problem\n"
    "(blocks 1, k - 1; the k = 7 census minimum; Arjevani-Field's five\n"
    "unknowns) in k by Newton in the five orbit coordinates from k - 1, and\n"
    "certify it for every k in A..B: existence and uniqueness in a box of\n"
    "the orbit coordinates (Krawczyk), the loss over the box, and\n"
    "lambda_min > 0 (isotypic decomposition) or a direction of negative\n"
    "curvature.  Cost independent of k (docs/certify.md s. 12, 13).\n"
    "\n"
    "Options\n"
    "  --k A:B     sizes, 3 <= A <= B <= 100000 (or one size K)\n"
    "  --prec N    bits, 64 .. 1024 (default 128)\n"
    "  --out DIR   (or --output) an existing folder: one certificate per k\n"
    "              (type-a-kNNNNNN.json, orbit coordinates only; check with\n"
    "              tsalign verify), type-a.md, type-a.csv and type-a.png\n"
    "              (k loss and lambda_min against k; needs gnuplot)\n"
    "  --quiet     no table on stdout\n"
    "\n"
    "Example: mkdir fam && tsalign family type-a --k 6:100 --out fam && \\\n"
    "         tsalign verify fam/type-a-k000100.json\n"
    "Exit: 0 every k decided, 4 some k undecided, 2 bad input, 3 I/O.\n";

typedef struct
{
    tsa_strbuf_t md, csv;
} tab_t;

/* one table row (and the certificate) for size k */
static int
row(tab_t *t, const tsa_family_cert_t c, const tsa_orbit_t p, double sec,
    slong prec, const char *out)
{
    char buf[1024], *lo, *kl;
    arb_t kj;
    int st = TSA_SUCCESS;
    arb_init(kj);
    arb_mul_si(kj, c->loss, p->s.k, prec);
    lo = arb_get_str(c->loss, 17, 0);
    kl = arb_get_str(kj, 17, 0);
    snprintf(buf, sizeof buf, "| %ld | %s | %s | %s | %.6g | %.3g | %.4f |\n",
             (long) p->s.k, tsa_cert_kind_name(c->kind), lo, kl,
             c->kind == TSA_CERT_MIN ? c->lambda : c->curv, c->rho, sec);
    tsa_strbuf_printf(&t->md, "%s", buf);
    snprintf(buf, sizeof buf, "%ld,%s,%.17g,%.17g,%.17g,%.17g,%.4f\n",
             (long) p->s.k, tsa_cert_kind_name(c->kind),
             arf_get_d(arb_midref(c->loss), ARF_RND_NEAR),
             arf_get_d(arb_midref(kj), ARF_RND_NEAR),
             c->kind == TSA_CERT_MIN ? c->lambda : c->curv, c->rho, sec);
    tsa_strbuf_printf(&t->csv, "%s", buf);
    flint_free(lo);
    flint_free(kl);
    if (out != NULL)
    {
        char path[4096], *json = tsa_family_cert_json(c, p, "type-a", prec);
        snprintf(path, sizeof path, "%s/type-a-k%06ld.json", out, (long) p->s.k);
        st = tsa_io_write_atomic(path, json);
        free(json);
    }
    arb_clear(kj);
    return st;
}

static const char plot_body[] =
    "set termoption noenhanced; set datafile separator ','; set key off;"
    "set logscale x;"
    "set multiplot layout 2,1;"
    "set ylabel 'k J'; plot 'type-a.csv' every ::1 using 1:4 with lines,"
    " 0.5 - 2/pi**2 with lines dt 2;"
    "set logscale y; set xlabel 'k'; set ylabel 'lambda_min >=';"
    "plot 'type-a.csv' every ::1 using 1:($5 > 0 ? $5 : 1/0) with lines;"
    "unset multiplot";

static int
outputs(const tab_t *t, const char *out, int quiet)
{
    char path[4096];
    int st = TSA_SUCCESS;
    if (tsa_strbuf_str(&t->md) == NULL || tsa_strbuf_str(&t->csv) == NULL)
        return TSA_ERROR(TSA_ENOMEM, "family: out of memory for the table");
    if (out != NULL)
    {
        snprintf(path, sizeof path, "%s/type-a.md", out);
        st = tsa_io_write_atomic(path, t->md.s);
        snprintf(path, sizeof path, "%s/type-a.csv", out);
        if (st == TSA_SUCCESS)
            st = tsa_io_write_atomic(path, t->csv.s);
        if (st == TSA_SUCCESS)
            (void) tsa_plot_png(out, "type-a.png", "pngcairo size 900,800",
                                plot_body);
    }
    if (!quiet && st == TSA_SUCCESS)
        fputs(t->md.s, stdout);
    return st;
}

/* walk from 7 to A (no certificates), then certify A..B */
static int
run(tab_t *t, slong A, slong B, slong prec, const char *out, slong *undec)
{
    tsa_family_walk_t w;
    slong k;
    int st = tsa_family_walk_init(w, A, prec);
    for (k = A; st == TSA_SUCCESS && k <= B; k++)
    {
        tsa_family_cert_t c;
        clock_t t0 = clock();
        if (k > A && (st = tsa_family_walk_next(w, prec)) != TSA_SUCCESS)
            break;
        tsa_family_cert_init(c);
        st = tsa_family_certify(c, w->p, prec);
        *undec += c->kind != TSA_CERT_MIN && c->kind != TSA_CERT_SADDLE;
        if (st == TSA_SUCCESS)
            st = row(t, c, w->p, (double) (clock() - t0) / CLOCKS_PER_SEC, prec, out);
        tsa_family_cert_clear(c);
    }
    tsa_family_walk_clear(w);
    return st;
}

static int
is_dir(const char *path)
{
    struct stat sb;
    return strlen(path) < 3000 && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

int
tsa_cli_family(int argc, char **argv)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'}, {"k", required_argument, NULL, 'k'},
        {"prec", required_argument, NULL, 'p'},
        {"out", required_argument, NULL, 'o'},
        {"output", required_argument, NULL, 'o'},
        {"quiet", no_argument, NULL, 'q'}, {NULL, 0, NULL, 0}};
    slong A = 0, B = 0, prec = 128, undec = 0;
    const char *out = NULL;
    int opt, quiet = 0, st;
    tab_t t = {TSA_STRBUF_INIT, TSA_STRBUF_INIT};
    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1)
        switch (opt)
        {
        case 'h':
            fputs(family_usage, stdout);
            return 0;
        case 'k':
            if (!tsa_cli_parse_krange(&A, &B, optarg, 3, TSA_FAMILY_MAX_K))
                return tsa_cli_usage_error("family", "--k: '%.40s' is not A:B "
                                           "with 3 <= A <= B <= %d", optarg,
                                           TSA_FAMILY_MAX_K);
            break;
        case 'p':
            if (tsa_cli_parse_prec(&prec, optarg, "--prec") != TSA_SUCCESS)
                return TSA_EXIT_INPUT;
            if (prec < 64 || prec > 1024)
                return tsa_cli_usage_error("family", "--prec: %ld bits is "
                                           "outside 64 .. 1024", (long) prec);
            break;
        case 'o':
            out = optarg;
            break;
        case 'q':
            quiet = 1;
            break;
        default:
            return tsa_cli_usage_error("family", "unknown option '%s'",
                                       argv[optind - 1]);
        }
    if (optind != argc - 1 || strcmp(argv[optind], "type-a") != 0)
        return tsa_cli_usage_error("family", "expected the family name type-a");
    if (A == 0)
        return tsa_cli_usage_error("family", "--k is required");
    if (out != NULL && !is_dir(out))
    {
        fprintf(stderr, "tsalign: family: --out: %.200s is not an existing "
                "folder\n", out);
        return TSA_EXIT_INPUT;
    }
    tsa_strbuf_printf(&t.md, "| k | verdict | loss (certified) | k loss | "
        "lambda_min >= (saddle: Rayleigh quotient <=) | box radius | time (s) |\n"
        "|---|---|---|---|---|---|---|\n");
    tsa_strbuf_printf(&t.csv, "k,verdict,loss,k_loss,lambda,radius,seconds\n");
    {
        tsa_error_handler_t *h = tsa_set_error_handler(NULL);
        st = run(&t, A, B, prec, out, &undec);
        tsa_set_error_handler(h);
    }
    if (st == TSA_SUCCESS)
        st = outputs(&t, out, quiet);
    else
        fprintf(stderr, "tsalign: %s\n", tsa_error_last());
    tsa_strbuf_clear(&t.md);
    tsa_strbuf_clear(&t.csv);
    if (st == TSA_EMAXITER)
        return TSA_EXIT_UNDECIDED;
    if (st != TSA_SUCCESS)
        return tsa_cli_exit_status(st);
    return undec > 0 ? TSA_EXIT_UNDECIDED : TSA_EXIT_OK;
}
