/* cli_overparam_split.c -- `tsalign overparam split` and `split-census`:
 * a student of a certified critical point split into t w_i, (1 - t) w_i
 * (docs/overparam.md "Split students"); verify of split certificates. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "cli_data.h"
#include "tsalign.h"
#include "certify_impl.h"
#include "tsa_overparam_split.h"
#include "tsa_format.h"

int tsa_cli_overparam_split(int argc, char **argv);
int tsa_cli_overparam_split_census(int argc, char **argv);
int tsa_cli_overparam_split_verify(const char *path, const char *text,
                                   slong prec);

static const double tgrid[3] = {0.25, 0.5, 0.75};

static const char usage[] =
    "Usage: tsalign overparam split CERT.json (--student I --t T | --all)\n"
    "                                [--prec P] [-o OUT]\n"
    "       tsalign overparam split-census --k A:B [--census=FILE] [--csv OUT.csv]\n"
    "split: CERT.json a valid certificate of tsalign certify (re-verified\n"
    "first); student I (0-based) becomes T w_I and (1 - T) w_I; proves\n"
    "v^T H v < 0 at the split over the whole box: a strict saddle with\n"
    "k + 1 students.  --all: every student, T in {1/4, 1/2, 3/4}; -o OUT\n"
    "then names a prefix (OUT-iI-tT.json per saddle).\n"
    "split-census: every census class with A <= k <= B, every student and\n"
    "T in {1/4, 1/2, 3/4} (table on stdout, --csv: k,class,zero_student,split,fate).\n"
    "Exit: 0 saddle proved (all), 4 undecided or no negative direction,\n"
    "2 bad input, 5 input certificate invalid.\n"
    "Example: tsalign overparam split w7.json --student 0 --t 0.5 -o s.json &&\n"
    "         tsalign overparam verify s.json\n";

/* the box of a certify certificate: V, centre, radius; 0 ok */
static int
read_box(tsa_cand_t c, double *rad, int *global, const char *text, slong prec)
{
    json_error_t err;
    json_t *root = json_loads(text, JSON_REJECT_DUPLICATES, &err), *prob, *box;
    slong d, n, m, k;
    int st = TSA_EFORMAT;
    const char *verdict;
    if (root == NULL)
        return TSA_ERROR(TSA_EFORMAT, "line %d: %s", err.line, err.text);
    prob = json_object_get(root, "problem");
    box = json_object_get(root, "box");
    verdict = json_string_value(json_object_get(root, "verdict"));
    d = json_integer_value(json_object_get(prob, "d"));
    n = json_integer_value(json_object_get(prob, "n"));
    m = json_integer_value(json_object_get(prob, "m"));
    *global = verdict != NULL
              && strcmp(verdict, tsa_cert_kind_name(TSA_CERT_GLOBAL_MIN)) == 0;
    if (tsa_certify_check_work(d, n + 1, m, prec, 1, "certificate") == TSA_SUCCESS)
    {
        tsa_cand_init(c, d, n, m);
        if (_tsa_cand_matrix(c->V, prob, "V", d, m, "problem", prec)
            || _tsa_cand_matrix_ex(c->W, box, "center", d, n, "box", prec,
                                   TSA_ENTRY_EXACT, NULL)
            || !_tsa_cert_get_hex(rad, box, "radius"))
            tsa_cand_clear(c);
        else
        {
            for (k = 0; k < d * n; k++)
                mag_set_d(arb_radref(c->W + k), *rad);
            st = TSA_SUCCESS;
        }
    }
    json_decref(root);
    return st;
}

/* one split; prints a line, writes the certificate; returns the truth */
static tsa_truth_t
one(const tsa_cand_t c, double rad, double kratio, slong i, double t,
    const char *out, const char *note, slong prec, int *io)
{
    double *v = malloc(sizeof(double) * (c->n + 1) * c->d), cub, lam;
    char reason[256];
    tsa_truth_t r = tsa_overparam_split(v, &cub, &lam, reason, c, i, t, prec);
    printf("student %ld t = %g: %s: %s\n", (long) i, t,
           r == TSA_TRUE ? "strict saddle" : r == TSA_FALSE
           ? "no negative direction" : "undecided", reason);
    if (r == TSA_TRUE && out != NULL)
    {
        char *json = tsa_overparam_split_json(c, rad, i, t, v, cub, kratio, note);
        *io = json == NULL ? TSA_ENOMEM : tsa_io_write_atomic(out, json);
        free(json);
    }
    free(v);
    return r;
}

/* Krawczyk on the box: the critical point's existence for the file */
static int
box_ratio(double *ratio, const tsa_cand_t c, double rad, slong prec)
{
    char why[256];
    double rho = rad;
    return rad > 0 && tsa_certify_krawczyk(ratio, &rho, why, c, NULL, NULL,
                                           NULL, prec) == TSA_TRUE;
}

static int
cmd_split(const char *path, long i, double t, int all, const char *out,
          slong prec)
{
    char *text, reason[256], note[200], name[4096];
    size_t len;
    int st = tsa_io_read_file(&text, &len, path, TSA_IO_MAX_FILE), global = 0;
    int io = TSA_SUCCESS, proved = 0, total = 0;
    tsa_truth_t v;
    tsa_cand_t c;
    double rad, ratio = 0;
    slong ii, k;
    if (st != TSA_SUCCESS)
        return tsa_cli_exit_status(st);
    v = tsa_certify_verify(reason, &st, text, prec + 64);
    if (st != TSA_SUCCESS || v != TSA_TRUE)
    {
        free(text);
        fprintf(stderr, "tsalign: %s: %s\n", path, st != TSA_SUCCESS
                ? tsa_error_last() : reason);
        return st != TSA_SUCCESS ? tsa_cli_exit_status(st) : TSA_EXIT_REFUTED;
    }
    st = read_box(c, &rad, &global, text, prec);
    free(text);
    if (st != TSA_SUCCESS)
        return tsa_cli_exit_status(st);
    if (!all && (i < 0 || i >= c->n))
    {
        tsa_cand_clear(c);
        return tsa_cli_usage_error("overparam", "--student: expected 0 .. %ld",
                                   (long) c->n - 1);
    }
    if (!global && !box_ratio(&ratio, c, rad, prec))
    {
        printf("%s: undecided: Krawczyk does not confirm a critical point "
               "in the box\n", path);
        tsa_cand_clear(c);
        return TSA_EXIT_UNDECIDED;
    }
    snprintf(note, sizeof note, "split of the certificate %.150s", path);
    for (ii = all ? 0 : i; ii < (all ? c->n : i + 1) && io == TSA_SUCCESS; ii++)
        for (k = 0; k < (all ? 3 : 1) && io == TSA_SUCCESS; k++)
        {
            double tt = all ? tgrid[k] : t;
            const char *o = out;
            if (all && out != NULL)
            {
                snprintf(name, sizeof name, "%s-i%ld-t%g.json", out, (long) ii, tt);
                o = name;
            }
            total++;
            proved += one(c, rad, ratio, ii, tt, o, note, prec, &io) == TSA_TRUE;
        }
    tsa_cand_clear(c);
    if (io != TSA_SUCCESS)
        return tsa_cli_exit_status(io);
    if (all)
        printf("strict saddles proved: %d of %d splits\n", proved, total);
    return proved == total ? TSA_EXIT_OK : TSA_EXIT_UNDECIDED;
}

int
tsa_cli_overparam_split_verify(const char *path, const char *text, slong prec)
{
    json_t *root = json_loads(text, 0, NULL);
    const char *f = json_string_value(json_object_get(root, "format"));
    char reason[256];
    int st, is = f != NULL && strcmp(f, "tsalign-overparam-split-certificate") == 0;
    tsa_truth_t v;
    json_decref(root);
    if (!is)
        return -1;
    v = tsa_overparam_split_verify(reason, &st, text, prec);
    if (st != TSA_SUCCESS)
    {
        fprintf(stderr, "tsalign: %s: %s\n", path, reason);
        return tsa_cli_exit_status(st);
    }
    printf("%s: %s: %s\n", path, v == TSA_TRUE ? "valid" : "INVALID", reason);
    return v == TSA_TRUE ? TSA_EXIT_OK : TSA_EXIT_REFUTED;
}

int
tsa_cli_overparam_split(int argc, char **argv)
{
    static const struct option opts[] = {
        {"student", required_argument, NULL, 'i'}, {"t", required_argument, NULL, 't'},
        {"all", no_argument, NULL, 'a'}, {"prec", required_argument, NULL, 'p'},
        {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    const char *out = NULL;
    long i = -1, prec = 128;
    double t = -1;
    int ch, all = 0;
    char *e;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "o:h", opts, NULL)) != -1)
        switch (ch)
        {
        case 'o': out = optarg; break;
        case 'a': all = 1; break;
        case 'h': fputs(usage, stdout); return TSA_EXIT_OK;
        case 't':
            if (tsa_io_parse_double_exact(&t, optarg, "--t") != TSA_SUCCESS
                || !(t > 0 && t < 1) || 1.0 - (1.0 - t) != t)
                return tsa_cli_usage_error("overparam", "--t: expected an exact "
                                           "binary number in (0, 1), got '%s'", optarg);
            break;
        case 'i': case 'p':
        {
            long x = strtol(optarg, &e, 10);
            if (e == optarg || *e != '\0' || x < 0 || x > 100000)
                return tsa_cli_usage_error("overparam", "'%s' is not a count", optarg);
            *(ch == 'i' ? &i : &prec) = x;
            break;
        }
        default: return TSA_EXIT_INPUT;
        }
    if (prec < TSA_CERTIFY_MIN_PREC || prec > TSA_CERTIFY_MAX_PREC)
        return tsa_cli_usage_error("overparam", "--prec: expected %d .. %d",
                                   TSA_CERTIFY_MIN_PREC, TSA_CERTIFY_MAX_PREC);
    if (optind != argc - 1)
        return tsa_cli_usage_error("overparam", "split takes one CERT file");
    if (all == (i >= 0 || t >= 0) || (!all && (i < 0 || t < 0)))
        return tsa_cli_usage_error("overparam", "split needs --student and --t, "
                                   "or --all");
    return cmd_split(argv[optind], i, t, all, out, prec);
}
