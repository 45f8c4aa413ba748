/* cli_certify.c -- `tsalign polish`, `tsalign certify`, `tsalign verify`
 * (issue 5; library in src/certify, docs/certify.md). */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli.h"
#include "cli_util.h"
#include <errno.h>
#include <jansson.h>
#include "tsa_certify.h"
#include "tsa_family.h"
#include "tsa_overparam.h"
#include "tsa_overparam_split.h"
#include "tsa_finite.h"
#include "tsa_io.h"
#include "tsa_census.h"
#include "tsa_table.h"
#include "cli_progress.h"

static const char polish_usage[] =
    "Usage: tsalign polish CAND.json [-o OUT.json] [options]\n"
    "       tsalign polish --census FILE --k K [--index I] [-o OUT.json]\n"
    "\n"
    "Newton-polish a candidate critical point of the population loss of the\n"
    "two-layer zero-bias ReLU model with unit output weights, x ~ N(0, I):\n"
    "float64 Newton with a backtracking safeguard, then Newton in Arb\n"
    "midpoint arithmetic to --prec bits.  Non-smooth points (a neuron at 0,\n"
    "two neurons parallel or antiparallel) are reported and not polished.\n"
    "\n"
    "Input: a JSON file with the teacher \"V\" (d x m) and the student \"W\"\n"
    "(d x n), neurons as columns, entries as numbers or strings (hex floats,\n"
    "decimals, Arb balls or Arb dumps); see docs/formats.md \"Candidates\".\n"
    "\n"
    "Options\n"
    "  -o, --output F  write the candidate to F (atomically; default stdout)\n"
    "  --prec N        bits of the polished midpoints (default 128)\n"
    "  --tol X         float64 stage: stop at |grad|_inf <= X (default 1e-13)\n"
    "  --census FILE   take the start from a census file (data/README.md)\n"
    "  --k K           ... the rows with this k\n"
    "  --index I       ... the I-th of them, from 0 (default 0)\n"
    "  --family K      start from the symmetric family of the k = 7 census\n"
    "                  minimum (Arjevani-Field type: W[0,0] = a, W[1:,0] = e,\n"
    "                  W[0,1:] = f, W[1:,1:] = (c - d) I + d 11^T) at size K,\n"
    "                  teacher I_K; Newton in these five unknowns (K = 4, 5 give\n"
    "                  saddles, K = 6, 7 minima)\n"
    "  --blocks LIST   the point is invariant under permuting rows and\n"
    "                  columns inside consecutive blocks of these sizes\n"
    "                  (e.g. 1,6; d = n = m = their sum): Newton in the\n"
    "                  orbit coordinates, and the output records the\n"
    "                  symmetry for certify (automatic with --census and\n"
    "                  --family)\n"
    "  --quiet         no summary on stderr\n"
    "\n"
    "Example: tsalign polish --census data/ssy2021-minima.tsv --k 7 --index 1 \\\n"
    "           -o c7.json\n"
    "Limits: docs/formats.md \"Limits\" (--prec 16 .. 4096; -o may not be the\n"
    "input).  Exit: 0 polished, 2 bad input (also a non-smooth point), 3 I/O,\n"
    "4 Newton did not converge (the final |grad|_inf bound is above --tol;\n"
    "nothing is written).  W = V up to a permutation is written unchanged\n"
    "as the global minimum (exit 0).\n";

static const char certify_usage[] =
    "Usage: tsalign certify CAND.json [-o CERT.json] [options]\n"
    "       tsalign certify --census FILE [--k K | --kmin A --kmax B]\n"
    "                       [--table OUT.md] [--csv OUT.csv] [--json OUT.json]\n"
    "\n"
    "Prove that a box around the candidate holds exactly one critical point\n"
    "of the population loss (Krawczyk), enclose the loss over the box, and\n"
    "classify the point over the whole box: strict local minimum (certified\n"
    "lower bound of lambda_min), saddle (a direction of proved negative\n"
    "curvature) or undecided with the reason.  W = V (up to a permutation)\n"
    "is recognised exactly as the global minimum.  The candidate should be\n"
    "polished first (tsalign polish).  See docs/certify.md.\n"
    "\n"
    "Options\n"
    "  -o, --output F    write the certificate (JSON) to F (default: none)\n"
    "  --prec N          working precision in bits (default 128)\n"
    "  --max-radius R    refuse boxes wider than R (default 1e-20)\n"
    "  --radius R        use exactly this box half-width\n"
    "  --blocks LIST     symmetry of the centre (block sizes, e.g. 1,6; by\n"
    "                    default the candidate's \"symmetry\" field): if\n"
    "                    the centre is exactly invariant, lambda_min comes\n"
    "                    from the isotypic decomposition (no N x N matrix;\n"
    "                    docs/certify.md s. 10)\n"
    "  --no-symmetry     ignore the candidate's symmetry (dense method)\n"
    "  --census FILE     polish and certify census rows (data/README.md)\n"
    "  --k K             only rows with this k (or --kmin/--kmax range)\n"
    "  --limit L         at most L rows per k\n"
    "  --table F         Markdown table per class and counts per k (default\n"
    "                    stdout)\n"
    "  --csv F           the same rows as CSV (empty field: not applicable,\n"
    "                    e.g. lambda_lower of an exact global minimum)\n"
    "  --json F          counts and rows as a \"tsalign-census\" file (render\n"
    "                    it with tsalign report F --format md|csv|json)\n"
    "  --quiet           no summary (--census: no progress lines; without\n"
    "                    it one line per class on stderr: i of N, elapsed,\n"
    "                    time left, verdict)\n"
    "\n"
    "Example: tsalign certify c7.json -o cert7.json && tsalign verify cert7.json\n"
    "W entries that are not binary numbers (0.1) are rounded to an exact\n"
    "centre at prec + 64 bits (a note says how many).  Limits: docs/certify.md\n"
    "\"Limits\" (--prec 16 .. 4096, dense path N = d n <= 2500, outputs may\n"
    "not be inputs).  Exit: 0 decided verdict, 4 undecided (--census: any row\n"
    "undecided), 2 bad input or limit exceeded, 3 I/O.\n";

static const char verify_usage[] =
    "Usage: tsalign verify CERT.json [--prec N]\n"
    "\n"
    "Re-derive every inequality claimed in a certificate from its box alone\n"
    "(teacher, exact box centre and radius), at a precision different from\n"
    "the one it was made at (default: its precision + 64 bits).  Prints\n"
    "`valid` (exit 0), `invalid: <claim and why>` (exit 5), or `undecided:\n"
    "the certificate proves nothing` (exit 4, verdict undecided).  A\n"
    "malformed file (a number that is not exact, a bad Arb dump, an\n"
    "inconsistent decimal, a size or precision beyond the limits of\n"
    "docs/certify.md \"Limits\") is refused with one line naming the field\n"
    "(exit 2); an unreadable file or lost stdout exits 3.  Finite-data\n"
    "certificates (tsalign finite certify; docs/finite-data.md) are re-checked\n"
    "exactly by the finite module's second path, as by `tsalign finite verify`.\n"
    "\n"
    "Example: tsalign verify cert7.json --prec 256\n"
    "\n"
    "Options\n"
    "  --prec N   working precision in bits (16 .. 4096)\n";

enum
{
    OPT_PREC = 256, OPT_TOL, OPT_CENSUS, OPT_K, OPT_INDEX, OPT_QUIET,
    OPT_MAXRAD, OPT_RADIUS, OPT_FAMILY, OPT_KMIN, OPT_KMAX, OPT_TABLE, OPT_CSV, OPT_JSON, OPT_LIMIT,
    OPT_BLOCKS, OPT_NOSYM
};

/* --blocks LIST; nonzero (after the usage message) when malformed */
static int
parse_blocks(tsa_sym_t s, const char *list, const char *cmd)
{
    tsa_error_handler_t *h = tsa_set_error_handler(NULL);
    int bad = tsa_sym_parse(s, list, "--blocks") != TSA_SUCCESS;
    tsa_set_error_handler(h);
    return bad ? tsa_cli_usage_error(cmd, "%s", tsa_error_last()) : 0;
}

/* the symmetry's size must be d = n = m */
static int
sym_fits(const tsa_sym_t s, const tsa_cand_t c, const char *cmd)
{
    if (s->k == c->d && c->d == c->n && c->n == c->m)
        return 1;
    fprintf(stderr, "tsalign %s: the blocks sum to %ld, but the candidate has "
            "d = %ld, n = %ld, m = %ld (a block symmetry needs d = n = m = "
            "their sum)\n", cmd, (long) s->k, (long) c->d, (long) c->n,
            (long) c->m);
    return 0;
}

/* a tolerance or radius option: a double (decimals correctly rounded:
   these are numerical settings; the radius actually used is recorded
   exactly in the certificate) */
static int
parse_d(double *x, const char *s, const char *what, const char *cmd)
{
    char b[48];
    tsa_error_handler_t *h = tsa_set_error_handler(NULL);
    int st = tsa_io_parse_double(x, s, what);
    tsa_set_error_handler(h);
    if (st != TSA_SUCCESS && strstr(tsa_error_last(), "cannot parse") == NULL)
        return tsa_cli_usage_error(cmd, "%s", tsa_error_last());
    if (st != TSA_SUCCESS || !(*x >= 0))
        return tsa_cli_usage_error(cmd, "%s: '%s' is not a non-negative number",
                                   what, tsa_io_shown(b, sizeof b, s));
    return 0;
}

/* --prec for certify, polish, verify: TSA_CERTIFY_MIN_PREC ..
   TSA_CERTIFY_MAX_PREC (docs/certify.md "Limits") */
static int
parse_prec(slong *prec, const char *s, const char *cmd)
{
    if (tsa_cli_parse_prec(prec, s, "--prec") != TSA_SUCCESS)
        return 1;
    if (*prec < TSA_CERTIFY_MIN_PREC || *prec > TSA_CERTIFY_MAX_PREC)
        return tsa_cli_usage_error(cmd, "--prec: %ld bits is outside %d .. %d",
                                   (long) *prec, TSA_CERTIFY_MIN_PREC,
                                   TSA_CERTIFY_MAX_PREC);
    return 0;
}

/* an output that would replace an input: refused before any work */
static int
same_as_input(const char *out, const char *in, const char *cmd)
{
    if (out == NULL || in == NULL || !tsa_io_same_file(out, in))
        return 0;
    (void) cmd;
    fprintf(stderr, "tsalign: %s: is the input file %s (an output may not "
            "replace an input)\n", out, in);
    return 1;
}

/* stdout flushed and without error: else exit 3 */
static int
stdout_ok(int code)
{
    if (fflush(stdout) != 0 || ferror(stdout))
    {
        fprintf(stderr, "tsalign: stdout: write failed\n");
        return TSA_EXIT_IO;
    }
    return code;
}

static int
parse_l(slong *x, const char *s, const char *what, const char *cmd)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end != '\0' || v < 0 || v > 100000)
        return tsa_cli_usage_error(cmd, "%s: '%s' is not a count", what, s);
    *x = v;
    return 0;
}

/* the index-th census row with the given k (whole line, malloc'd) */
static char *
census_line(const char *path, slong k, slong index, slong *found)
{
    FILE *f;
    char *line = NULL;
    size_t cap = 0;
    slong seen = 0;
    *found = 0;
    if (tsa_io_check_regular(path) != TSA_SUCCESS
        || (f = fopen(path, "r")) == NULL)
        return NULL;
    while (getline(&line, &cap, f) > 0)
    {
        char *end;
        long kk = strtol(line, &end, 10);
        if (end == line || *end != '\t' || kk != k)
            continue;
        if (seen++ == index)
        {
            fclose(f);
            *found = 1;
            return line;
        }
    }
    free(line);
    fclose(f);
    return NULL;
}

static int
polish_both(tsa_cand_t c, slong prec, double tol, arf_t gb, double *gd,
            int *steps_ok)
{
    int st = tsa_certify_polish_d(c, gd, tol, 50);
    *steps_ok = (st == TSA_SUCCESS);
    if (st == TSA_EDOM)
        return st;
    return tsa_certify_polish(c, gb, prec, 40);
}

int
tsa_cli_polish(int argc, char **argv)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},
        {"output", required_argument, NULL, 'o'},
        {"prec", required_argument, NULL, OPT_PREC},
        {"tol", required_argument, NULL, OPT_TOL},
        {"census", required_argument, NULL, OPT_CENSUS},
        {"k", required_argument, NULL, OPT_K},
        {"index", required_argument, NULL, OPT_INDEX},
        {"family", required_argument, NULL, OPT_FAMILY},
        {"blocks", required_argument, NULL, OPT_BLOCKS},
        {"quiet", no_argument, NULL, OPT_QUIET},
        {NULL, 0, NULL, 0}};
    const char *out = "-", *census = NULL;
    slong prec = 128, k = 0, index = 0, family = 0;
    double tol = 1e-13, gd = 0;
    int opt, quiet = 0, st, ok = 1;
    tsa_cand_t c;
    arf_t gb;
    tsa_sym_t sym;
    int have_sym = 0;

    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "ho:", opts, NULL)) != -1)
    {
        switch (opt)
        {
        case 'h':
            fputs(polish_usage, stdout);
            return 0;
        case 'o':
            out = optarg;
            break;
        case OPT_PREC:
            if (parse_prec(&prec, optarg, "polish"))
                return 2;
            break;
        case OPT_TOL:
            if (parse_d(&tol, optarg, "--tol", "polish"))
                return 2;
            break;
        case OPT_CENSUS:
            census = optarg;
            break;
        case OPT_K:
            if (parse_l(&k, optarg, "--k", "polish"))
                return 2;
            break;
        case OPT_INDEX:
            if (parse_l(&index, optarg, "--index", "polish"))
                return 2;
            break;
        case OPT_FAMILY:
            if (parse_l(&family, optarg, "--family", "polish"))
                return 2;
            if (family < 3)
                return tsa_cli_usage_error("polish", "--family: K must be >= 3");
            break;
        case OPT_BLOCKS:
            if (parse_blocks(sym, optarg, "polish"))
                return 2;
            have_sym = 1;
            break;
        case OPT_QUIET:
            quiet = 1;
            break;
        default:
            return tsa_cli_usage_error("polish", "unknown option '%s'",
                                       argv[optind - 1]);
        }
    }
    if (family > 0)
    {
        /* continued in K from the k = 7 census minimum by orbit Newton
           (tsa_family_continue; issue 14: a start at size K alone does not
           converge for K = 3 or K >= 19) */
        tsa_orbit_t fp;
        arf_t g0;
        slong sz[2];
        if (optind != argc || census != NULL)
            return tsa_cli_usage_error("polish", "--family takes no other input");
        if (family > 128)
            return tsa_cli_usage_error("polish", "--family: K <= 128 for a K x K "
                                       "candidate (larger K: tsalign family)");
        sz[0] = 1;
        sz[1] = family - 1;
        arf_init(g0);
        {
            tsa_error_handler_t *h = tsa_set_error_handler(NULL);
            st = tsa_family_continue(fp, g0, family, prec);
            tsa_set_error_handler(h);
        }
        arf_clear(g0);
        tsa_orbit_to_cand(c, fp);
        tsa_orbit_clear(fp);
        if (st != TSA_SUCCESS)
        {
            fprintf(stderr, "tsalign: polish: %s\n", tsa_error_last());
            tsa_cand_clear(c);
            return st == TSA_EMAXITER ? TSA_EXIT_UNDECIDED : tsa_cli_exit_status(st);
        }
        if (!have_sym)
            have_sym = tsa_sym_init(sym, sz, 2) == TSA_SUCCESS;
    }
    else if (census != NULL)
    {
        slong found, runs;
        double lam;
        char *line;
        if (optind != argc)
            return tsa_cli_usage_error("polish", "--census takes no CAND file");
        if (k < 1)
            return tsa_cli_usage_error("polish", "--census needs --k");
        if ((st = tsa_io_check_regular(census)) != TSA_SUCCESS)
            return tsa_cli_exit_status(st);
        if (same_as_input(out, census, "polish"))
            return TSA_EXIT_INPUT;
        line = census_line(census, k, index, &found);
        if (line == NULL)
        {
            fprintf(stderr, "tsalign: %s: no row %ld with k = %ld\n", census,
                    (long) index, (long) k);
            return TSA_EXIT_INPUT;
        }
        st = tsa_certify_census_row(c, line, &runs, &lam);
        if (st == TSA_SUCCESS && !have_sym)
            have_sym = tsa_sym_census_row(sym, line) == TSA_SUCCESS;
        free(line);
        if (st != TSA_SUCCESS)
            return tsa_cli_exit_status(st);
    }
    else
    {
        slong rounded;
        if (optind != argc - 1)
            return tsa_cli_usage_error("polish", "expected one CAND file");
        if (same_as_input(out, argv[optind], "polish"))
            return TSA_EXIT_INPUT;
        /* W is only a start point here: decimals are rounded to prec bits */
        if ((st = tsa_certify_cand_load(c, &rounded, argv[optind], prec))
            != TSA_SUCCESS)
            return tsa_cli_exit_status(st);
        if (!have_sym
            && (st = tsa_certify_cand_read_sym(sym, &have_sym, argv[optind]))
                   != TSA_SUCCESS)
        {
            tsa_cand_clear(c);
            return tsa_cli_exit_status(st);
        }
    }
    if (have_sym && !sym_fits(sym, c, "polish"))
    {
        tsa_cand_clear(c);
        return TSA_EXIT_INPUT;
    }
    /* float64 Newton forms the N x N Hessian; the orbit Newton does not */
    if ((st = tsa_certify_check_work(c->d, c->n, c->m, prec, !have_sym,
                                     "polish")) != TSA_SUCCESS)
    {
        tsa_cand_clear(c);
        return tsa_cli_exit_status(st);
    }
    if (tsa_certify_is_global_min(c))
    {
        /* W = V up to a permutation: J = 0 exactly, the global minimum,
           recognised as certify does (J is not smooth there: no Newton) */
        char *json = tsa_certify_cand_json(c, "W is a column permutation of "
                                           "V: the global minimum (J = 0 "
                                           "exactly); nothing to polish",
                                           have_sym ? sym : NULL, prec);
        st = tsa_io_write_atomic(out, json);
        free(json);
        if (st == TSA_SUCCESS && !quiet)
            fprintf(stderr, "polish: W is a column permutation of V: the "
                    "global minimum (J = 0 exactly), written unchanged\n");
        tsa_cand_clear(c);
        return stdout_ok(tsa_cli_exit_status(st));
    }
    arf_init(gb);
    {
        /* inner errors are outcomes until the last one: report one line */
        tsa_error_handler_t *h = tsa_set_error_handler(NULL);
        if (have_sym)
            st = tsa_sym_polish(c, gb, sym, prec, 20);
        else
            st = polish_both(c, prec, tol, gb, &gd, &ok);
        tsa_set_error_handler(h);
        if (st != TSA_SUCCESS)
            fprintf(stderr, "tsalign: %s\n", tsa_error_last());
    }
    if (st == TSA_SUCCESS && !(arf_get_d(gb, ARF_RND_UP) <= tol))
    {
        /* no silent non-convergence (issue 14): exit 4, no output */
        fprintf(stderr, "tsalign: polish: not converged: |grad|_inf <= %.3g "
                "is above the tolerance --tol %.3g (no output written)\n",
                arf_get_d(gb, ARF_RND_UP), tol);
        st = TSA_EMAXITER;
    }
    if (st == TSA_SUCCESS)
    {
        char note[256];
        char *json;
        if (have_sym)
            snprintf(note, sizeof note, "polished by tsalign polish: %ld-bit "
                     "Newton in the orbit coordinates of the block symmetry: "
                     "|grad|_inf <= %.3g", (long) prec,
                     arf_get_d(gb, ARF_RND_UP));
        else
            snprintf(note, sizeof note, "polished by tsalign polish: float64 "
                     "|grad|_inf %.3g, then %ld-bit Newton: |grad|_inf <= %.3g",
                     gd, (long) prec, arf_get_d(gb, ARF_RND_UP));
        json = tsa_certify_cand_json(c, note, have_sym ? sym : NULL, prec);
        st = tsa_io_write_atomic(out, json);
        free(json);
        if (st == TSA_SUCCESS && !quiet && have_sym)
            fprintf(stderr, "polish: d = %ld, n = %ld, m = %ld, blocks of the "
                    "symmetry: %ld; %ld bits: |grad|_inf <= %.3g\n",
                    (long) c->d, (long) c->n, (long) c->m, (long) sym->B,
                    (long) prec, arf_get_d(gb, ARF_RND_UP));
        else if (st == TSA_SUCCESS && !quiet)
            fprintf(stderr, "polish: d = %ld, n = %ld, m = %ld: float64 "
                    "|grad|_inf = %.3g%s; %ld bits: |grad|_inf <= %.3g\n",
                    (long) c->d, (long) c->n, (long) c->m, gd,
                    ok ? "" : " (tolerance not reached)", (long) prec,
                    arf_get_d(gb, ARF_RND_UP));
    }
    arf_clear(gb);
    tsa_cand_clear(c);
    if (st == TSA_EMAXITER)
        return TSA_EXIT_UNDECIDED;  /* Newton did not converge: no point */
    return stdout_ok(tsa_cli_exit_status(st));
}

static void
summary(FILE *f, const tsa_cert_t r)
{
    char *s = arb_get_str(r->loss, 20, 0);
    fprintf(f, "verdict: %s\n", tsa_cert_kind_name(r->kind));
    if (r->reason[0])
        fprintf(f, "reason: %s\n", r->reason);
    if (r->exists == TSA_TRUE && r->kind != TSA_CERT_GLOBAL_MIN)
    {
        fprintf(f, "box radius: %.3g", r->radius);
        if (r->kratio > 0)
            fprintf(f, " (Krawczyk ratio %.3g)", r->kratio);
        if (r->monotone)
            fprintf(f, " (monotone: |grad J|_2 <= %.3g at the centre)",
                    r->gnorm2);
        fputc('\n', f);
        fprintf(f, "loss: %s%s\n", s, arb_is_positive(r->loss) ? " > 0 (spurious)" : "");
        if (r->kind == TSA_CERT_MIN)
        {
            fprintf(f, "lambda_min >= %.6g", r->lambda_lower);
            if (r->sym)
            {
                slong b;
                fprintf(f, " (isotypic decomposition, blocks ");
                for (b = 0; b < r->sym_B; b++)
                    fprintf(f, "%s%ld", b ? "," : "", (long) r->sym_size[b]);
                fprintf(f, "; centre >= %.6g, spread <= %.2g)", r->lambda_centre,
                        r->spread);
            }
            fprintf(f, "\n");
        }
        if (r->kind == TSA_CERT_SADDLE)
            fprintf(f, "v^T H v <= %.6g\n", r->curv_upper);
        {
            /* epsilon-alignment: per teacher, the smallest angle to a
               student; print the range over teachers */
            arb_t lo, hi;
            slong t;
            arb_init(lo);
            arb_init(hi);
            arb_set(lo, r->minang);
            arb_set(hi, r->minang);
            for (t = 1; t < r->m; t++)
            {
                arb_min(lo, lo, r->minang + t, 64);
                arb_max(hi, hi, r->minang + t, 64);
            }
            {
                char *a = arb_get_str(lo, 8, 0), *b = arb_get_str(hi, 8, 0);
                fprintf(f, "min angle student-teacher, over teachers: from %s "
                        "to %s rad\n", a, b);
                flint_free(a);
                flint_free(b);
            }
            arb_clear(lo);
            arb_clear(hi);
        }
    }
    else if (r->kind == TSA_CERT_GLOBAL_MIN)
        fprintf(f, "loss: 0 (exact)\n");
    fprintf(f, "time: %.3f s\n", r->seconds);
    flint_free(s);
}

/* loss ball as "[lo, hi]" with 12 digits, outward */
static void
interval_str(char *buf, size_t size, const arb_t x)
{
    arf_t lo, hi;
    arf_init(lo);
    arf_init(hi);
    arb_get_lbound_arf(lo, x, 64);
    arb_get_ubound_arf(hi, x, 64);
    /* outward: floor/ceil to doubles, one more ulp outward, then 17
       significant digits (a printing error below half an ulp) */
    snprintf(buf, size, "[%.17g, %.17g]",
             nextafter(arf_get_d(lo, ARF_RND_FLOOR), -INFINITY),
             nextafter(arf_get_d(hi, ARF_RND_CEIL), INFINITY));
    arf_clear(lo);
    arf_clear(hi);
}

/* grow a text buffer to hold need more bytes (aborts the run on ENOMEM) */
static int
grow(char **buf, size_t *cap, size_t len, size_t need)
{
    while (len + need + 1 > *cap)
    {
        char *nb = realloc(*buf, 2 * *cap);
        if (nb == NULL)
            return 0;
        *buf = nb;
        *cap *= 2;
    }
    return 1;
}

static int
census_run(const char *path, slong kmin, slong kmax, slong limit,
           const tsa_cert_opts_t *o, const char *table, const char *csv,
           const char *jsonf, int quiet, slong *undecided)
{
    /* the rows and counts as data: CSV and --json render them */
    json_t *jrows = json_array(), *jcounts = json_array();
    FILE *f;
    char *line = NULL;
    size_t cap = 0, tlen = 0, tcap = 1 << 16;
    size_t slen = 0, scap = 1 << 16;
    char *T = malloc(tcap), *S = malloc(scap);
    slong counts[4] = {0, 0, 0, 0}, curk = -1, perk = 0, total[4] = {0, 0, 0, 0};
    int st = TSA_SUCCESS;
    clock_t t0 = clock();
    /* progress on stderr: i of N rows, elapsed, time left */
    long ntodo = quiet ? 0 : tsa_cli_census_count(path, kmin, kmax, limit), ndone = 0;
    double w0 = tsa_cli_now();

    /* each buffer with its own capacity */
#define APP(buf, len, cap, ...) do { int w_ = snprintf(NULL, 0, __VA_ARGS__); \
        if (w_ < 0 || !grow(&buf, &cap, len, (size_t) w_)) { \
            st = TSA_ERROR(TSA_ENOMEM, "census table: out of memory"); \
            goto out; } \
        len += snprintf(buf + len, cap - len, __VA_ARGS__); } while (0)

    *undecided = 0;
    if (T == NULL || S == NULL
        || (st = tsa_io_check_regular(path)) != TSA_SUCCESS
        || (f = fopen(path, "r")) == NULL)
    {
        free(T);
        free(S);
        json_decref(jrows);
        json_decref(jcounts);
        return st != TSA_SUCCESS ? st
               : TSA_ERROR(TSA_EIO, "%s: cannot open", path);
    }
    T[0] = S[0] = '\0';
    APP(T, tlen, tcap, "| k | blocks | runs | verdict | loss (certified) | "
        "lambda_min >= | lambda (census, float) | box radius | time (s) |\n"
        "|---|---|---|---|---|---|---|---|---|\n");
    APP(S, slen, scap, "| k | classes | certified min | global min (exact) | "
        "saddle | undecided |\n|---|---|---|---|---|---|\n");
    while (getline(&line, &cap, f) > 0)
    {
        char *end, blocks[256] = "", lossb[96] = "-", *p, *q;
        long kk = strtol(line, &end, 10);
        tsa_cand_t c;
        tsa_cert_t r;
        slong runs;
        double lam;
        int cls;
        if (end == line || *end != '\t' || kk < kmin || kk > kmax)
            continue;
        if (kk != curk)
        {
            if (curk >= 0)
            {
                long lc[4] = {counts[0], counts[1], counts[2], counts[3]};
                APP(S, slen, scap, "| %ld | %ld | %ld | %ld | %ld | %ld |\n",
                    (long) curk, (long) (counts[0] + counts[1] + counts[2] + counts[3]),
                    (long) counts[1], (long) counts[3], (long) counts[2],
                    (long) counts[0]);
                json_array_append_new(jcounts, tsa_census_counts_json(curk, lc));
            }
            curk = kk;
            perk = 0;
            memset(counts, 0, sizeof counts);
        }
        if (limit > 0 && perk >= limit)
            continue;
        perk++;
        p = strchr(line, '\t') + 1;
        q = strchr(p, '\t');
        if (q != NULL && q - p < 255)
        {
            memcpy(blocks, p, q - p);
            blocks[q - p] = '\0';
        }
        if (tsa_certify_census_row(c, line, &runs, &lam) != TSA_SUCCESS)
        {
            st = TSA_EFORMAT;
            break;
        }
        {
            tsa_cert_opts_t oc = *o;
            tsa_sym_t sym;
            char what[64];
            if (tsa_sym_census_row(sym, line) == TSA_SUCCESS)
                oc.sym = sym;
            snprintf(what, sizeof what, "%s: row k = %ld", path, kk);
            if ((st = tsa_certify_check_work(c->d, c->n, c->m, o->prec,
                                             oc.sym == NULL, what))
                != TSA_SUCCESS)
            {
                tsa_cand_clear(c);
                break;
            }
            tsa_cert_init(r, c->n, c->m);
            (void) tsa_certify_point(r, c, &oc);
        }
        cls = r->kind == TSA_CERT_MIN ? 1 : r->kind == TSA_CERT_SADDLE ? 2
            : r->kind == TSA_CERT_GLOBAL_MIN ? 3 : 0;
        *undecided += cls == 0;
        counts[cls]++;
        total[cls]++;
        if (r->kind == TSA_CERT_GLOBAL_MIN)
            snprintf(lossb, sizeof lossb, "0 (exact)");
        else if (r->exists == TSA_TRUE)
            interval_str(lossb, sizeof lossb, r->loss);
        APP(T, tlen, tcap, "| %ld | %s | %ld | %s | %s | %s | %.6g | %s | %.3f |\n",
            kk, blocks, (long) runs, tsa_cert_kind_name(r->kind), lossb,
            r->kind == TSA_CERT_MIN ? "" : "-", lam,
            r->exists == TSA_TRUE && r->kind != TSA_CERT_GLOBAL_MIN ? "" : "-",
            r->seconds);
        if (r->kind == TSA_CERT_MIN || (r->exists == TSA_TRUE && r->kind != TSA_CERT_GLOBAL_MIN))
        {
            /* fill the two placeholders: rebuild the line */
            char lb[32] = "-", rb[32] = "-";
            size_t back = tlen;
            while (back > 0 && T[back - 1] != '\n')
                back--;
            while (back > 0 && T[back - 1] != '\n')
                back--;
            (void) back;
            if (r->kind == TSA_CERT_MIN)
                snprintf(lb, sizeof lb, "%.6g", r->lambda_lower);
            snprintf(rb, sizeof rb, "%.3g", r->radius);
            /* remove the line just written and write it again */
            {
                size_t s0 = tlen - 1;
                while (s0 > 0 && T[s0 - 1] != '\n')
                    s0--;
                tlen = s0;
                T[tlen] = '\0';
            }
            APP(T, tlen, tcap, "| %ld | %s | %ld | %s | %s | %s | %.6g | %s | %.3f |\n",
                kk, blocks, (long) runs, tsa_cert_kind_name(r->kind), lossb,
                lb, lam, rb, r->seconds);
        }
        json_array_append_new(jrows, tsa_census_row_json(kk, blocks, (long) runs, r, lam));
        if (!quiet)
            tsa_cli_progress("census", ++ndone, ntodo, w0);
        if (!quiet)
            fprintf(stderr, "k = %ld %s: %s (%.2f s)%s%s\n", kk, blocks,
                    tsa_cert_kind_name(r->kind), r->seconds,
                    r->kind == TSA_CERT_UNDECIDED ? ": " : "",
                    r->kind == TSA_CERT_UNDECIDED ? r->reason : "");
        tsa_cert_clear(r);
        tsa_cand_clear(c);
    }
    if (curk >= 0)
    {
        long lc[4] = {counts[0], counts[1], counts[2], counts[3]};
        APP(S, slen, scap, "| %ld | %ld | %ld | %ld | %ld | %ld |\n",
            (long) curk, (long) (counts[0] + counts[1] + counts[2] + counts[3]),
            (long) counts[1], (long) counts[3], (long) counts[2],
            (long) counts[0]);
        json_array_append_new(jcounts, tsa_census_counts_json(curk, lc));
    }
    APP(S, slen, scap, "| all | %ld | %ld | %ld | %ld | %ld |\n",
        (long) (total[0] + total[1] + total[2] + total[3]), (long) total[1],
        (long) total[3], (long) total[2], (long) total[0]);
    {
        long lt[4] = {total[0], total[1], total[2], total[3]};
        json_array_append_new(jcounts, tsa_census_counts_json(-1, lt));
    }
out:
    free(line);
    fclose(f);
    if (st == TSA_SUCCESS)
    {
        char *all = malloc(tlen + slen + 512);
        if (all == NULL)
        {
            free(T);
            free(S);
            return TSA_ERROR(TSA_ENOMEM, "census table: out of memory");
        }
        sprintf(all, "# Census certification (tsalign certify --census, %ld bits, "
                "%.1f s)\n\n## Counts per k\n\n%s\n## Classes\n\n%s",
                (long) o->prec, (double) (clock() - t0) / CLOCKS_PER_SEC, S, T);
        st = tsa_io_write_atomic(table ? table : "-", all);
        free(all);
        if (st == TSA_SUCCESS && csv != NULL)
        {
            json_t *cols = tsa_census_columns();
            char *text = tsa_table_render(cols, jrows, TSA_TABLE_CSV, NULL);
            json_decref(cols);
            st = text != NULL ? tsa_io_write_atomic(csv, text) : TSA_ENOMEM;
            free(text);
        }
        if (st == TSA_SUCCESS && jsonf != NULL)
        {
            char *text = tsa_census_json_text(jcounts, jrows, (long) o->prec,
                                              (double) (clock() - t0) / CLOCKS_PER_SEC, path);
            st = text != NULL ? tsa_io_write_atomic(jsonf, text)
                              : TSA_ERROR(TSA_ENOMEM, "census: out of memory");
            free(text);
        }
    }
    json_decref(jrows);
    json_decref(jcounts);
    free(T);
    free(S);
    return st;
}

int
tsa_cli_certify(int argc, char **argv)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},
        {"output", required_argument, NULL, 'o'},
        {"prec", required_argument, NULL, OPT_PREC},
        {"max-radius", required_argument, NULL, OPT_MAXRAD},
        {"radius", required_argument, NULL, OPT_RADIUS},
        {"census", required_argument, NULL, OPT_CENSUS},
        {"k", required_argument, NULL, OPT_K},
        {"kmin", required_argument, NULL, OPT_KMIN},
        {"kmax", required_argument, NULL, OPT_KMAX},
        {"limit", required_argument, NULL, OPT_LIMIT},
        {"table", required_argument, NULL, OPT_TABLE},
        {"csv", required_argument, NULL, OPT_CSV},
        {"json", required_argument, NULL, OPT_JSON},
        {"blocks", required_argument, NULL, OPT_BLOCKS},
        {"no-symmetry", no_argument, NULL, OPT_NOSYM},
        {"quiet", no_argument, NULL, OPT_QUIET},
        {NULL, 0, NULL, 0}};
    const char *out = NULL, *census = NULL, *table = NULL, *csv = NULL, *jsonf = NULL;
    slong k = 0, kmin = 0, kmax = 100000, limit = 0;
    tsa_cert_opts_t o;
    int opt, quiet = 0, st, have_sym = 0, nosym = 0;
    tsa_cand_t c;
    tsa_sym_t sym;
    tsa_cert_t r;

    tsa_cert_opts_default(&o);
    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "ho:", opts, NULL)) != -1)
    {
        switch (opt)
        {
        case 'h':
            fputs(certify_usage, stdout);
            return 0;
        case 'o':
            out = optarg;
            break;
        case OPT_PREC:
            if (parse_prec(&o.prec, optarg, "certify"))
                return 2;
            break;
        case OPT_MAXRAD:
            if (parse_d(&o.max_radius, optarg, "--max-radius", "certify"))
                return 2;
            break;
        case OPT_RADIUS:
            if (parse_d(&o.radius, optarg, "--radius", "certify"))
                return 2;
            break;
        case OPT_CENSUS:
            census = optarg;
            break;
        case OPT_K:
            if (parse_l(&k, optarg, "--k", "certify"))
                return 2;
            kmin = kmax = k;
            break;
        case OPT_KMIN:
            if (parse_l(&kmin, optarg, "--kmin", "certify"))
                return 2;
            break;
        case OPT_KMAX:
            if (parse_l(&kmax, optarg, "--kmax", "certify"))
                return 2;
            break;
        case OPT_LIMIT:
            if (parse_l(&limit, optarg, "--limit", "certify"))
                return 2;
            break;
        case OPT_TABLE:
            table = optarg;
            break;
        case OPT_CSV:
            csv = optarg;
            break;
        case OPT_JSON:
            jsonf = optarg;
            break;
        case OPT_NOSYM:
            nosym = 1;
            break;
        case OPT_BLOCKS:
            if (parse_blocks(sym, optarg, "certify"))
                return 2;
            have_sym = 1;
            break;
        case OPT_QUIET:
            quiet = 1;
            break;
        default:
            return tsa_cli_usage_error("certify", "unknown option '%s'",
                                       argv[optind - 1]);
        }
    }
    if (census != NULL)
    {
        slong undecided;
        if (optind != argc)
            return tsa_cli_usage_error("certify", "--census takes no CAND file");
        if (same_as_input(table, census, "certify")
            || same_as_input(csv, census, "certify")
            || same_as_input(csv, table, "certify")
            || same_as_input(jsonf, census, "certify")
            || same_as_input(jsonf, table, "certify")
            || same_as_input(jsonf, csv, "certify"))
            return TSA_EXIT_INPUT;
        {
            tsa_error_handler_t *h = tsa_set_error_handler(NULL);
            st = census_run(census, kmin, kmax, limit, &o, table, csv, jsonf, quiet,
                            &undecided);
            tsa_set_error_handler(h);
            if (st != TSA_SUCCESS)
                fprintf(stderr, "tsalign: %s\n", tsa_error_last());
        }
        if (st != TSA_SUCCESS)
            return tsa_cli_exit_status(st);
        return stdout_ok(undecided > 0 ? TSA_EXIT_UNDECIDED : TSA_EXIT_OK);
    }
    if (optind != argc - 1)
        return tsa_cli_usage_error("certify", "expected one CAND file");
    if (same_as_input(out, argv[optind], "certify"))
        return TSA_EXIT_INPUT;
    {
        /* the centre: non-binary W entries become their exact rounding */
        slong rounded;
        if ((st = tsa_certify_cand_load(c, &rounded, argv[optind], o.prec + 64))
            != TSA_SUCCESS)
            return tsa_cli_exit_status(st);
        if (rounded > 0 && !quiet)
            fprintf(stderr, "certify: note: %ld entries of W are not binary "
                    "numbers; the centre is their %ld-bit rounding (recorded "
                    "exactly in the certificate)\n", (long) rounded,
                    (long) (o.prec + 64));
    }
    if (!have_sym && !nosym
        && (st = tsa_certify_cand_read_sym(sym, &have_sym, argv[optind]))
               != TSA_SUCCESS)
    {
        tsa_cand_clear(c);
        return tsa_cli_exit_status(st);
    }
    if (nosym)
        have_sym = 0;
    if (have_sym && !sym_fits(sym, c, "certify"))
    {
        tsa_cand_clear(c);
        return TSA_EXIT_INPUT;
    }
    if (have_sym)
        o.sym = sym;
    /* the dense path runs unless the centre is exactly invariant */
    if ((st = tsa_certify_check_work(c->d, c->n, c->m, o.prec + 64,
                                     !have_sym
                                     || tsa_sym_invariant(sym, c) != TSA_TRUE,
                                     argv[optind])) != TSA_SUCCESS)
    {
        tsa_cand_clear(c);
        return tsa_cli_exit_status(st);
    }
    tsa_cert_init(r, c->n, c->m);
    {
        /* refusals inside (non-smooth boxes) are outcomes, not errors */
        tsa_error_handler_t *h = tsa_set_error_handler(NULL);
        st = tsa_certify_run(r, c, &o);
        tsa_set_error_handler(h);
        if (st != TSA_SUCCESS)
            fprintf(stderr, "tsalign: %s\n", tsa_error_last());
    }
    if (st == TSA_SUCCESS && out != NULL)
    {
        char *json = tsa_certify_cert_json(r, c, &o);
        st = tsa_io_write_atomic(out, json);
        free(json);
    }
    if (st == TSA_SUCCESS && !quiet)
        summary(stdout, r);
    opt = r->kind == TSA_CERT_UNDECIDED ? TSA_EXIT_UNDECIDED : TSA_EXIT_OK;
    tsa_cert_clear(r);
    tsa_cand_clear(c);
    if (st != TSA_SUCCESS)
        return tsa_cli_exit_status(st);
    return stdout_ok(opt);
}

/* A finite-data certificate (docs/finite-data.md) is verified by the
 * finite module's second path, as `tsalign finite verify` does. */
static int
is_finite_cert(const char *text)
{
    json_t *j = json_loads(text, JSON_REJECT_DUPLICATES, NULL);
    const char *f = json_string_value(json_object_get(j, "format"));
    int yes = f != NULL && strcmp(f, TSA_FIN_CERT_FORMAT) == 0;
    json_decref(j);
    return yes;
}

static int
verify_finite(const char *file)
{
    char *argv[3] = {"finite", "verify", NULL};
    argv[2] = (char *) file;
    return tsa_cli_finite(3, argv);
}

int
tsa_cli_verify(int argc, char **argv)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},
        {"prec", required_argument, NULL, OPT_PREC},
        {NULL, 0, NULL, 0}};
    slong prec = 0;
    int opt, st;
    char reason[256], *text;
    tsa_truth_t v;

    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1)
    {
        switch (opt)
        {
        case 'h':
            fputs(verify_usage, stdout);
            return 0;
        case OPT_PREC:
            if (parse_prec(&prec, optarg, "verify"))
                return 2;
            break;
        default:
            return tsa_cli_usage_error("verify", "unknown option '%s'",
                                       argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return tsa_cli_usage_error("verify", "expected one CERT file");
    if ((st = tsa_io_read_file(&text, NULL, argv[optind], TSA_IO_MAX_FILE))
        != TSA_SUCCESS)
        return tsa_cli_exit_status(st);
    if (is_finite_cert(text))
    {
        free(text);
        return verify_finite(argv[optind]);
    }
    {
        tsa_error_handler_t *h = tsa_set_error_handler(NULL);
        v = tsa_overparam_cert_kind(text) == 1   /* zero student (issue 17) */
            ? tsa_overparam_verify(reason, &st, text, prec ? prec : 192)
            : tsa_overparam_cert_kind(text) == 2   /* split student */
            ? tsa_overparam_split_verify(reason, &st, text, prec ? prec : 192)
            : tsa_family_is_cert(text)   /* orbit coordinates (issue 14) */
            ? tsa_family_verify(reason, &st, text, prec)
            : tsa_certify_verify(reason, &st, text, prec);
        tsa_set_error_handler(h);
    }
    free(text);
    if (st != TSA_SUCCESS)
    {
        fprintf(stderr, "tsalign: %s: %s\n", argv[optind], reason);
        return tsa_cli_exit_status(st);
    }
    if (v == TSA_TRUE)
    {
        printf("valid (%s)\n", reason);
        return stdout_ok(TSA_EXIT_OK);
    }
    if (v == TSA_UNDECIDED)
    {
        printf("undecided: %s\n", reason);
        return stdout_ok(TSA_EXIT_UNDECIDED);
    }
    printf("invalid: %s\n", reason);
    return stdout_ok(TSA_EXIT_REFUTED);
}
