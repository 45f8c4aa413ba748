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
    "(default DIR: reports).  Verdicts: consistent, counterexample, vacuous,\n"
    "undecided.  Exit status: 0 when every claim ran and matched its\n"
    "\"expect\" field (if any), 3 when a verdict differs from \"expect\",\n"
    "1 on an error (malformed claim file).\n";

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
                                   : TSA_ERROR(TSA_EIO, "%s: not a directory", dir);
    if (mkdir(dir, 0777) != 0)
        return TSA_ERROR(TSA_EIO, "%s: cannot create directory", dir);
    return TSA_SUCCESS;
}

static const char *
claim_expect(const char *path)
{
    static char buf[64];
    json_t *root = json_load_file(path, 0, NULL);
    const char *e;
    buf[0] = '\0';
    if (root != NULL && (e = json_string_value(json_object_get(root, "expect"))) != NULL)
        snprintf(buf, sizeof buf, "%s", e);
    json_decref(root);
    return buf;
}

int
tsa_cli_check(int argc, char **argv)
{
    static const struct option opts[] = {
        {"out", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *out = "reports";
    int opt, i, rc = 0;

    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "ho:", opts, NULL)) != -1)
    {
        switch (opt)
        {
        case 'o': out = optarg; break;
        case 'h': fputs(check_usage, stdout); return 0;
        default:
            return tsa_cli_usage_error("check", "unknown or incomplete option '%s'",
                                       argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return tsa_cli_usage_error("check", "expected at least one CLAIM.json");
    if (ensure_dir(out) != TSA_SUCCESS)
        return 1;
    /* checkers that draw plots put them next to the reports */
    setenv("TSA_REPORT_DIR", out, 1);
    for (i = optind; i < argc; i++)
    {
        tsa_claim_result_t r;
        const char *expect = claim_expect(argv[i]);
        const char *verdict;
        tsa_claim_result_init(r);
        if (tsa_claim_run_file(r, argv[i]) != TSA_SUCCESS
            || tsa_claim_write_report(r, out) != TSA_SUCCESS)
        {
            tsa_claim_result_clear(r);
            return 1;
        }
        verdict = tsa_verdict_name(tsa_claim_verdict(r));
        printf("%-28s %-15s %6.2f s  %s\n", r->id, verdict, r->seconds,
               r->instance ? r->instance : "");
        if (expect[0] != '\0' && strcmp(expect, verdict) != 0)
        {
            fprintf(stderr, "tsalign: %s: verdict %s differs from expected %s\n",
                    argv[i], verdict, expect);
            rc = 3;
        }
        tsa_claim_result_clear(r);
    }
    return rc;
}

int
tsa_cli_report(int argc, char **argv)
{
    const char *dir = "reports";
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
    {
        fputs(report_usage, stdout);
        return 0;
    }
    if (argc > 2)
        return tsa_cli_usage_error("report", "expected at most one DIR");
    if (argc == 2)
        dir = argv[1];
    if (tsa_claim_write_index(dir) != TSA_SUCCESS)
        return 1;
    printf("wrote %s/index.md\n", dir);
    return 0;
}
