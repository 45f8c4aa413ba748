/* main.c -- the tsalign program: dispatch to subcommands. */
#include <config.h> /* TSA_HAVE_OPENBLAS */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include "cli.h"
#include "cli_util.h"
#include "cli_data.h"

#ifdef TSA_HAVE_OPENBLAS
void openblas_set_num_threads(int);
#endif

static const char usage[] =
    "Usage: tsalign <command> [options]\n"
    "\n"
    "Rigorous numeric certificates for teacher-student ReLU networks.\n"
    "\n"
    "Commands:\n"
    "  demo      the built-in default job: kernels and AD functions at\n"
    "            built-in points, then train/polish/certify/verify (k = 7)\n"
    "  kernel    evaluate psi_l, psi_d or grad psi_l at given weights\n"
    "  train     train a student against a teacher (float64 SGD/GD)\n"
    "  import    PyTorch/NumPy weights (.npz, .npy) into a candidate\n"
    "  polish    Newton-polish a trained point into a precise candidate\n"
    "  certify   prove a critical point exists in a box and classify it\n"
    "  verify    re-check a certificate from its box alone\n"
    "  family    certify the type-A critical point for a range of k\n"
    "  overparam one student more: descent at a zero student (k + 1)\n"
    "  finite    finite-data critical points: kink test, boxes, verify\n"
    "  ea        early alignment, measured: GD sweeps over init scales\n"
    "  check     check theorem-condition claims, write reports\n"
    "  plan      write a batch plan; batch: run one (serial, MPI; restartable)\n"
    "  report    any table as Markdown, CSV or JSON: the claim index\n"
    "            (reports/index.md), census results, report data\n"
    "  ad        evaluate an Angular Distance function F, F', F'', G\n"
    "            or its Taylor series at given angles\n"
    "\n"
    "Options:\n"
    "  -h, --help     this text; `tsalign <command> --help` for a command\n"
    "  -V, --version  versions of tsalign and of every library it links\n"
    "  --datadir      the folder of the claim files (proofs_numeric/), the\n"
    "                 census (data/) and the docs: installed in\n"
    "                 PREFIX/share/tsalign; $TSALIGN_DATADIR overrides\n"
    "Every command that writes a file or folder names it with -o, --output\n"
    "(--out, the older spelling of check and demo, is still accepted).\n"
    "\n"
    "Numbers are read exactly: decimals by Arb (exact when the decimal is a\n"
    "binary rational, otherwise a tight ball around it), C99 hex floats\n"
    "(0x1.8p-1) bit for bit, Arb balls \"[0.5 +/- 1e-10]\", and multiples\n"
    "of pi (\"pi/3\", \"2*pi/3\").\n"
    "\n"
    "Exit status (every command):\n"
    "  0  success: proved, certified, valid, every claim as expected\n"
    "  1  internal error (out of memory, iteration cap, a bug)\n"
    "  2  bad input: usage, a malformed or out-of-range option or file\n"
    "     field, a size, precision or work limit exceeded\n"
    "  3  I/O failure: an input cannot be read or an output (stdout\n"
    "     included) cannot be written\n"
    "  4  undecided: the computation ran but could not decide\n"
    "  5  refuted or invalid: an invalid certificate, a claim whose\n"
    "     verdict differs from its expectation\n"
    "Errors are one line on stderr naming the option or file field.\n"
    "\n"
    "Examples:\n"
    "  tsalign demo -o demo-out          the whole pipeline on k = 7\n"
    "  tsalign check AD-2-relu -o rep    a claim shipped with tsalign, by id\n"
    "  tsalign certify c7.json -o cert7.json && tsalign verify cert7.json\n"
    "  tsalign certify --help            a command's options and examples\n";

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
    return TSA_EXIT_INPUT;
}

/* Flush and close stdout, checked: output that did not reach its file
 * (full disk, closed pipe) is an I/O failure (exit 3), unless the
 * command already failed and said why. */
static int
close_stdout(int rc)
{
    int st = TSA_SUCCESS, e = 0;
    if (rc == TSA_EXIT_OK)
        st = tsa_cli_stdout_status(); /* reports the failure */
    errno = 0;
    if (fclose(stdout) != 0)
        e = errno != 0 ? errno : EIO;
    if (rc != TSA_EXIT_OK)
        return rc;
    if (st != TSA_SUCCESS)
        return TSA_EXIT_IO;
    if (e != 0)
    {
        (void) TSA_ERROR(TSA_EIO, "stdout: write failed: %s", strerror(e));
        return TSA_EXIT_IO;
    }
    return rc;
}

static int
dispatch(int argc, char **argv)
{
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0
        || strcmp(cmd, "help") == 0)
    {
        fputs(usage, stdout);
        return TSA_EXIT_OK;
    }
    if (strcmp(cmd, "--datadir") == 0)
    {
        puts(tsa_cli_datadir());
        return TSA_EXIT_OK;
    }
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0)
    {
        char buf[1024];
        tsa_versions(buf, sizeof buf);
        fputs(buf, stdout);
        return TSA_EXIT_OK;
    }
    if (strcmp(cmd, "kernel") == 0)
        return tsa_cli_kernel(argc - 1, argv + 1);
    if (strcmp(cmd, "ad") == 0)
        return tsa_cli_ad(argc - 1, argv + 1);
    if (strcmp(cmd, "train") == 0)
        return tsa_cli_train(argc - 1, argv + 1);
    if (strcmp(cmd, "import") == 0)
        return tsa_cli_import(argc - 1, argv + 1);
    if (strcmp(cmd, "polish") == 0)
        return tsa_cli_polish(argc - 1, argv + 1);
    if (strcmp(cmd, "certify") == 0)
        return tsa_cli_certify(argc - 1, argv + 1);
    if (strcmp(cmd, "verify") == 0)
        return tsa_cli_verify(argc - 1, argv + 1);
    if (strcmp(cmd, "family") == 0)
        return tsa_cli_family(argc - 1, argv + 1);
    if (strcmp(cmd, "batch") == 0 || strcmp(cmd, "plan") == 0)
        return (cmd[0] == 'b' ? tsa_cli_batch : tsa_cli_plan)(argc - 1, argv + 1);
    if (strcmp(cmd, "check") == 0)
        return tsa_cli_check(argc - 1, argv + 1);
    if (strcmp(cmd, "report") == 0)
        return tsa_cli_report(argc - 1, argv + 1);
    if (strcmp(cmd, "demo") == 0)
        return tsa_cli_demo(argc - 1, argv + 1);
    if (strcmp(cmd, "ea") == 0)
        return tsa_cli_ea(argc - 1, argv + 1);
    if (strcmp(cmd, "overparam") == 0) { extern int tsa_cli_overparam(int, char **); return tsa_cli_overparam(argc - 1, argv + 1); }
    if (strcmp(cmd, "finite") == 0)
        return tsa_cli_finite(argc - 1, argv + 1);
    fprintf(stderr, "tsalign: unknown command '%s' (see tsalign --help)\n",
            cmd);
    return TSA_EXIT_INPUT;
}

int
main(int argc, char **argv)
{
    int rc;

    tsa_set_error_handler(tsa_cli_error_handler);
    /* GSL must never abort: every GSL call's failure is a checked return */
    gsl_set_error_handler_off();
#ifdef TSA_HAVE_OPENBLAS
    /* tsalign is single-threaded by design (bit-reproducible training);
       Debian's OpenBLAS is the threaded build */
    openblas_set_num_threads(1);
#endif
    if (argc < 2) /* no command: the help, not a job writing files */
    {
        fputs(usage, stdout);
        rc = TSA_EXIT_OK;
    }
    else
        rc = dispatch(argc, argv);
    rc = close_stdout(rc);
    flint_cleanup();
    return rc;
}
