/* cli_check.c -- `tsalign check` (run claims, write reports) and
 * `tsalign report` (write reports/index.md). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"
#include "tsa_claims.h"

static const char check_usage[] =
    "Usage: tsalign check CLAIM.json... [--out DIR]\n"
    "\n"
    "Check theorem instances from proofs_numeric/: evaluate each hypothesis\n"
    "and the conclusion (true / false / undecided, with the numbers behind\n"
    "them), print one line per claim, and write DIR/<id>.md and DIR/<id>.json\n"
    "(default DIR: reports; both files or neither) and any plot data\n"
    "DIR/<id>-<tag>.dat / .png (gnuplot, run without a shell, when on PATH).\n"
    "Verdicts: consistent, counterexample, vacuous, undecided.\n"
    "\n"
    "A claim file is untrusted input: it is refused before any work (one line\n"
    "naming the field) unless it is at most 1 MiB, has only the fields id,\n"
    "paper, statement, checker, tier, prec, expect, params, its id is 1 to 128\n"
    "characters A-Z a-z 0-9 . _ - starting with a letter or digit without\n"
    "\"..\" (it names the output files, which stay inside DIR), prec is in\n"
    "16 .. 4096, expect is a verdict name, and every parameter is in range and\n"
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
    "Checking stops at the first claim with exit status 1, 2 or 3.\n";

static const char report_usage[] =
    "Usage: tsalign report [DIR]\n"
    "\n"
    "Write DIR/index.md (default DIR: reports): one table row per claim report\n"
    "DIR/*.json with its hypotheses, conclusion, verdict, precision and time.\n";

static int
ensure_dir(const char *dir)
{
    struct stat sb;
    if (stat(dir, &sb) == 0)
        return S_ISDIR(sb.st_mode) ? TSA_SUCCESS
                                   : TSA_ERROR(TSA_EIO, "--out: %s: not a directory", dir);
    if (mkdir(dir, 0777) != 0)
        return TSA_ERROR(TSA_EIO, "--out: %s: cannot create directory", dir);
    return TSA_SUCCESS;
}

/* Run one claim and write its report; the exit code for this claim. */
static int
check_one(const char *path, const char *out)
{
    tsa_claim_result_t r;
    const char *verdict;
    int st, rc = TSA_EXIT_OK;

    tsa_claim_result_init(r);
    if ((st = tsa_claim_run_file(r, path)) != TSA_SUCCESS
        || (st = tsa_claim_write_report(r, out)) != TSA_SUCCESS)
    {
        tsa_claim_result_clear(r);
        return tsa_cli_exit_status(st);
    }
    verdict = tsa_verdict_name(tsa_claim_verdict(r));
    printf("%-28s %-15s %6.2f s  %s\n", r->id, verdict, r->seconds,
           r->instance ? r->instance : "");
    if (r->expect != NULL && strcmp(r->expect, verdict) != 0)
    {
        fprintf(stderr, "tsalign: %s: verdict %s differs from expected %s\n", path,
                verdict, r->expect);
        rc = tsa_claim_verdict(r) == TSA_VERDICT_UNDECIDED ? TSA_EXIT_UNDECIDED
                                                           : TSA_EXIT_REFUTED;
    }
    tsa_claim_result_clear(r);
    return rc;
}

int
tsa_cli_check(int argc, char **argv)
{
    static const struct option opts[] = {
        {"out", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *out = "reports";
    int opt, i, st, rc = TSA_EXIT_OK;

    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "ho:", opts, NULL)) != -1)
    {
        switch (opt)
        {
        case 'o': out = optarg; break;
        case 'h': fputs(check_usage, stdout); return TSA_EXIT_OK;
        default:
            return tsa_cli_usage_error("check", "unknown or incomplete option '%s'",
                                       argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return tsa_cli_usage_error("check", "expected at least one CLAIM.json");
    if (out[0] == '\0')
        return tsa_cli_usage_error("check", "--out: empty folder name");
    if ((st = ensure_dir(out)) != TSA_SUCCESS)
        return tsa_cli_exit_status(st);
    /* checkers that draw plots put them next to the reports */
    setenv("TSA_REPORT_DIR", out, 1);
    for (i = optind; i < argc; i++)
    {
        int c = check_one(argv[i], out);
        if (c != TSA_EXIT_OK && c != TSA_EXIT_UNDECIDED && c != TSA_EXIT_REFUTED)
            return c;
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

int
tsa_cli_report(int argc, char **argv)
{
    const char *dir = "reports";
    int st;
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
    {
        fputs(report_usage, stdout);
        return 0;
    }
    if (argc > 2)
        return tsa_cli_usage_error("report", "expected at most one DIR");
    if (argc == 2)
        dir = argv[1];
    if ((st = tsa_claim_write_index(dir)) != TSA_SUCCESS)
        return tsa_cli_exit_status(st);
    printf("wrote %s/index.md\n", dir);
    return TSA_EXIT_OK;
}
