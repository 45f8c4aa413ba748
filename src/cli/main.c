/* main.c -- the tsalign program: dispatch to subcommands. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"

#ifdef TSA_HAVE_OPENBLAS
void openblas_set_num_threads(int);
#endif

static const char usage[] =
    "Usage: tsalign <command> [options]\n"
    "\n"
    "Rigorous numeric certificates for teacher-student ReLU networks.\n"
    "\n"
    "Commands:\n"
    "  demo      evaluate the kernels and AD functions at built-in points,\n"
    "            with rigorous radii (the default when no command is given)\n"
    "  kernel    evaluate psi_l, psi_d or grad psi_l at given weights\n"
    "  train     train a student against a teacher (float64 SGD/GD)\n"
    "  polish    Newton-polish a trained point into a precise candidate\n"
    "  certify   prove a critical point exists in a box and classify it\n"
    "  verify    re-check a certificate from its box alone\n"
    "  check     check theorem-condition claims, write reports\n"
    "  report    write the reports index (reports/index.md)\n"
    "  ad        evaluate an Angular Distance function F, F', F'', G\n"
    "            or its Taylor series at given angles\n"
    "\n"
    "Options:\n"
    "  -h, --help     this text; `tsalign <command> --help` for a command\n"
    "  -V, --version  versions of tsalign and of every library it links\n"
    "\n"
    "Numbers are read exactly: decimals by Arb (exact when the decimal is a\n"
    "binary rational, otherwise a tight ball around it), C99 hex floats\n"
    "(0x1.8p-1) bit for bit, Arb balls \"[0.5 +/- 1e-10]\", and multiples\n"
    "of pi (\"pi/3\", \"2*pi/3\").  Exit status: 0 success, 1 error, 2 usage.\n";

void
tsa_cli_error_handler(const char *reason, const char *file, int line,
                      int status)
{
    (void) file;
    (void) line;
    (void) status;
    fprintf(stderr, "tsalign: %s\n", reason);
}

int
tsa_cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "tsalign %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, " (see tsalign %s --help)\n", cmd);
    return 2;
}

int
main(int argc, char **argv)
{
    int rc;
    const char *cmd = (argc > 1) ? argv[1] : "demo";

    tsa_set_error_handler(tsa_cli_error_handler);
#ifdef TSA_HAVE_OPENBLAS
    /* tsalign is single-threaded by design (bit-reproducible training);
       Debian's OpenBLAS is the threaded build */
    openblas_set_num_threads(1);
#endif
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0
        || strcmp(cmd, "help") == 0)
    {
        fputs(usage, stdout);
        return 0;
    }
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0)
    {
        char buf[1024];
        tsa_versions(buf, sizeof buf);
        fputs(buf, stdout);
        return 0;
    }
    if (strcmp(cmd, "kernel") == 0)
        rc = tsa_cli_kernel(argc - 1, argv + 1);
    else if (strcmp(cmd, "ad") == 0)
        rc = tsa_cli_ad(argc - 1, argv + 1);
    else if (strcmp(cmd, "train") == 0)
        rc = tsa_cli_train(argc - 1, argv + 1);
    else if (strcmp(cmd, "polish") == 0)
        rc = tsa_cli_polish(argc - 1, argv + 1);
    else if (strcmp(cmd, "certify") == 0)
        rc = tsa_cli_certify(argc - 1, argv + 1);
    else if (strcmp(cmd, "verify") == 0)
        rc = tsa_cli_verify(argc - 1, argv + 1);
    else if (strcmp(cmd, "check") == 0)
        rc = tsa_cli_check(argc - 1, argv + 1);
    else if (strcmp(cmd, "report") == 0)
        rc = tsa_cli_report(argc - 1, argv + 1);
    else if (strcmp(cmd, "demo") == 0)
        rc = tsa_cli_demo(argc > 1 ? argc - 1 : 0, argv + 1);
    else
    {
        fprintf(stderr, "tsalign: unknown command '%s' (see tsalign --help)\n",
                cmd);
        rc = 2;
    }
    flint_cleanup();
    return rc;
}
