/* cli_check.c -- `tsalign check` (run claims, write reports); `tsalign
 * report` is in cli_report.c. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"
#include "tsa_claims.h"
#include "cli_data.h"

static const char check_usage[] =
    "Usage: tsalign check CLAIM... [-o DIR] [--set KEY=VALUE]...\n"
    "       tsalign check --describe CHECKER\n"
    "       tsalign check --recheck REPORT.json [--prec BITS]\n"
    "\n"
    "Check theorem instances from proofs_numeric/: evaluate each hypothesis\n"
    "and the conclusion (true / false / undecided, with the numbers behind\n"
    "them), print one line per claim, and write DIR/<id>.md and DIR/<id>.json\n"
    "(-o, --output DIR, default reports; both files or neither) and any plot\n"
    "data DIR/<id>-<tag>.dat / .png / .svg (gnuplot, run without a shell, when on\n"
    "PATH).  --out DIR is the older spelling of -o.  A CLAIM is a claim file,\n"
    "or the id of a claim shipped with tsalign (proofs_numeric/ID.json in\n"
    "the folder `tsalign --datadir` prints).\n"
    "Verdicts: consistent, counterexample, vacuous, undecided.\n"
    "\n"
    "A claim file is untrusted input: it is refused before any work (one line\n"
    "naming the field) unless it is at most 1 MiB, has only the fields id,\n"
    "paper, statement, checker, kind, correction, scope, tier, prec, expect,\n"
    "params, format (\"tsalign-claim\"), format_version (1.x), its id is 1 to 128 characters A-Z a-z 0-9 . _ - starting with a\n"
    "letter or digit without \"..\" (it names the output files, which stay\n"
    "inside DIR), kind is given (and correction exactly for kind corrected),\n"
    "prec is in 16 .. 4096, expect is a verdict name, every parameter is one\n"
    "the checker knows (--describe), and every parameter is in range and\n"
    "within the work limit.\n"
    "\n"
    "Exit status:\n"
    "  0  every claim ran and its verdict matched its \"expect\" field (a claim\n"
    "     without \"expect\" matches any verdict)\n"
    "  2  bad input: usage, a malformed claim file or an out-of-range field\n"
    "  3  I/O failure: a claim file cannot be read, DIR or a report cannot be\n"
    "     written\n"
    "  4  some claim is undecided where \"expect\" names another verdict\n"
    "  5  some decided verdict differs from its \"expect\" (5 wins over 4)\n"
    "  1  internal error\n"
    "Checking stops at the first claim with exit status 1, 2 or 3.\n"
    "\n"
    "Every claim file names its \"kind\" (theorem, corrected, variant,\n"
    "negative-control, assumption, empirical); the report says in words what a\n"
    "verdict means for that kind (docs/claims.md).\n"
    "\n"
    "--set KEY=VALUE  override a parameter: KEY is a field of \"params\", dotted\n"
    "    for nested objects (train.steps=2000); VALUE is a JSON number, string,\n"
    "    true/false/null or array, else taken as a plain string.  Unknown\n"
    "    parameters are refused (exit 2).  The reports are named <id>-set and\n"
    "    record the overrides; a verdict that differs from \"expect\" is\n"
    "    reported on stderr, but an overridden run exits 0.\n"
    "--describe CHECKER  print the checker's parameters: name, default, the\n"
    "    paper's symbol, meaning (a Markdown table).\n"
    "--recheck REPORT.json  re-derive the witness of a counterexample report at\n"
    "    --prec BITS (default twice the report's precision): ad_properties\n"
    "    (an exact angle, G or G' evaluated again) and ss_thm1/ss_thm2 (the\n"
    "    exact instance decided again), ss_cor1, ss_thm3 and ss_thm5 (a second\n"
    "    code path on the exact witness).  Exit 0 when the violation is proved\n"
    "    again, 5 when it is proved not to hold, 4 when undecided or when\n"
    "    the checker's witnesses cannot be re-checked (\"recheck not supported\"),\n"
    "    2 for a report without a witness.\n"
    "\n"
    "Progress goes to stderr, one line per claim (when there are several\n"
    "claims or stderr is a terminal): i of N, elapsed time and an estimate of\n"
    "the time left; stdout carries only the result lines.\n"
    "\n"
    "Examples:\n"
    "  tsalign check AD-2-relu -o rep         a shipped claim, by id\n"
    "  tsalign check proofs_numeric/AD-2-*.json -o rep   several files\n"
    "  tsalign check --describe ad_properties\n"
    "  tsalign check --recheck rep/AD-2-arccos0.json\n";

static int
ensure_dir(const char *dir)
{
    struct stat sb;
    if (stat(dir, &sb) == 0)
        return S_ISDIR(sb.st_mode) ? TSA_SUCCESS
                                   : TSA_ERROR(TSA_EIO, "--output: %s: not a directory", dir);
    if (mkdir(dir, 0777) != 0)
        return TSA_ERROR(TSA_EIO, "--output: %s: cannot create directory", dir);
    return TSA_SUCCESS;
}

/* Run one claim and write its report; the exit code for this claim.  An
 * overridden run (nsets > 0) reports a differing expectation but is not
 * held to it. */
static int
check_one(const char *path, const char *out, const char *const *sets, int nsets,
          double *seconds)
{
    tsa_claim_result_t r;
    const char *verdict;
    int st, rc = TSA_EXIT_OK;

    tsa_claim_result_init(r);
    r->plot_dir = out; /* checkers that draw plots put them beside the reports */
    if ((st = tsa_claim_run_file_set(r, path, sets, nsets)) != TSA_SUCCESS
        || (st = tsa_claim_write_report(r, out)) != TSA_SUCCESS)
    {
        tsa_claim_result_clear(r);
        return tsa_cli_exit_status(st);
    }
    *seconds = r->seconds;
    verdict = tsa_verdict_name(tsa_claim_verdict(r));
    printf("%-28s %-15s %6.2f s  %s\n", r->id, verdict, r->seconds,
           r->instance ? r->instance : "");
    if (r->expect != NULL && strcmp(r->expect, verdict) != 0)
    {
        fprintf(stderr, "tsalign: %s: verdict %s differs from expected %s%s\n", path,
                verdict, r->expect,
                nsets > 0 ? " (overridden run: not a failure)" : "");
        if (nsets == 0)
            rc = tsa_claim_verdict(r) == TSA_VERDICT_UNDECIDED ? TSA_EXIT_UNDECIDED
                                                               : TSA_EXIT_REFUTED;
    }
    tsa_claim_result_clear(r);
    return rc;
}

/* One progress line on stderr before claim i (1-based) of n. */
static void
progress(int i, int n, const char *path, double elapsed, double done_secs, int done)
{
    char left[64];
    if (done > 0)
        snprintf(left, sizeof left, "about %.0f s left",
                 done_secs / done * (double) (n - i + 1));
    else
        snprintf(left, sizeof left, "time left unknown");
    fprintf(stderr, "check [%d/%d] %s (elapsed %.0f s, %s)\n", i, n, path, elapsed, left);
    fflush(stderr);
}

static double
now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double) t.tv_sec + 1e-9 * (double) t.tv_nsec;
}

static int
do_describe(const char *checker)
{
    char *text;
    int st = tsa_claim_describe(&text, checker);
    if (st != TSA_SUCCESS)
        return tsa_cli_exit_status(st);
    fputs(text, stdout);
    free(text);
    if (fflush(stdout) != 0 || ferror(stdout))
    {
        fprintf(stderr, "tsalign: stdout: write failed\n");
        return TSA_EXIT_IO;
    }
    return TSA_EXIT_OK;
}

static int
do_recheck(const char *report, long prec)
{
    tsa_truth_t t;
    int supported, st;
    char *msg = NULL;
    st = tsa_claim_recheck(&t, &supported, &msg, report, (slong) prec);
    if (st != TSA_SUCCESS)
        return tsa_cli_exit_status(st);
    if (!supported)
    {
        fprintf(stderr, "tsalign: %s: recheck not supported for this checker\n", report);
        free(msg);
        return TSA_EXIT_UNDECIDED;
    }
    printf("%s: %s: %s\n", report,
           t == TSA_TRUE ? "witness confirmed (violation proved again)"
           : t == TSA_FALSE ? "witness REJECTED (the relation holds there)"
                            : "undecided",
           msg ? msg : "");
    free(msg);
    if (fflush(stdout) != 0 || ferror(stdout))
        return TSA_EXIT_IO;
    return t == TSA_TRUE ? TSA_EXIT_OK : t == TSA_FALSE ? TSA_EXIT_REFUTED
                                                        : TSA_EXIT_UNDECIDED;
}

int
tsa_cli_check(int argc, char **argv)
{
    static const struct option opts[] = {
        {"output", required_argument, NULL, 'o'},
        {"out", required_argument, NULL, 'o'}, /* the older spelling */
        {"set", required_argument, NULL, 's'},
        {"describe", required_argument, NULL, 'D'},
        {"recheck", required_argument, NULL, 'R'},
        {"prec", required_argument, NULL, 'p'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *out = "reports", *describe = NULL, *recheck = NULL;
    const char *sets[TSA_CLAIM_SET_MAX];
    int opt, i, st, rc = TSA_EXIT_OK, nsets = 0, done = 0;
    long prec = 0;
    double t0, done_secs = 0.0;

    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "ho:", opts, NULL)) != -1)
    {
        switch (opt)
        {
        case 'o': out = optarg; break;
        case 's':
            if (nsets >= TSA_CLAIM_SET_MAX)
                return tsa_cli_usage_error("check", "--set: at most %d overrides",
                                           TSA_CLAIM_SET_MAX);
            sets[nsets++] = optarg;
            break;
        case 'D': describe = optarg; break;
        case 'R': recheck = optarg; break;
        case 'p':
        {
            char *end;
            prec = strtol(optarg, &end, 10);
            if (end == optarg || *end != '\0' || optarg[0] == '-' || optarg[0] == ' '
                || prec < TSA_CLAIM_PREC_MIN || prec > TSA_CLAIM_PREC_MAX)
                return tsa_cli_usage_error("check", "--prec: an integer in %d .. %d",
                                           TSA_CLAIM_PREC_MIN, TSA_CLAIM_PREC_MAX);
            break;
        }
        case 'h': fputs(check_usage, stdout); return TSA_EXIT_OK;
        default:
            return tsa_cli_usage_error("check", "unknown or incomplete option '%s'",
                                       argv[optind - 1]);
        }
    }
    if (describe != NULL || recheck != NULL)
    {
        if (optind < argc || nsets > 0 || (describe != NULL && recheck != NULL))
            return tsa_cli_usage_error("check", "--describe and --recheck take no "
                                       "CLAIM.json, --set or each other");
        return describe != NULL ? do_describe(describe) : do_recheck(recheck, prec);
    }
    if (prec != 0)
        return tsa_cli_usage_error("check", "--prec: only with --recheck");
    if (optind >= argc)
        return tsa_cli_usage_error("check", "expected at least one CLAIM.json");
    if (out[0] == '\0')
        return tsa_cli_usage_error("check", "--output: empty folder name");
    if ((st = ensure_dir(out)) != TSA_SUCCESS)
        return tsa_cli_exit_status(st);
    t0 = now_seconds();
    for (i = optind; i < argc; i++)
    {
        double secs = 0.0;
        int c;
        /* one line per claim; none for a single claim on a non-terminal
           (tests/claims/run.sh prints its own, one claim per call) */
        if (argc - optind > 1 || isatty(STDERR_FILENO))
            progress(i - optind + 1, argc - optind, argv[i], now_seconds() - t0,
                     done_secs, done);
        c = check_one(tsa_cli_find_data(argv[i], "proofs_numeric", ".json"),
                      out, sets, nsets, &secs);
        if (c != TSA_EXIT_OK && c != TSA_EXIT_UNDECIDED && c != TSA_EXIT_REFUTED)
            return c;
        done_secs += secs;
        done++;
        fflush(stdout);
        if (c == TSA_EXIT_REFUTED || (c == TSA_EXIT_UNDECIDED && rc == TSA_EXIT_OK))
            rc = c;
    }
    if (fflush(stdout) != 0 || ferror(stdout))
    {
        fprintf(stderr, "tsalign: stdout: write failed\n");
        return TSA_EXIT_IO;
    }
    return rc;
}
