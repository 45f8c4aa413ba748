/* cli.h -- subcommands of the tsalign program. */
#ifndef TSA_CLI_H
#define TSA_CLI_H

#include "tsalign.h"

/* Exit codes of every subcommand (documented in `tsalign --help` and README):
 *   0  success: proved, certified, valid, every claim as expected
 *   1  internal error (out of memory, iteration cap, a bug)
 *   2  bad input: usage, malformed or out-of-range option or file field,
 *      a size/precision/work limit exceeded
 *   3  I/O failure: cannot read an input or write an output (incl. stdout)
 *   4  undecided: the computation ran but could not decide the question
 *   5  refuted / invalid: a certificate is invalid, a claim's verdict
 *      differs from its expectation, a proof obligation is false */
enum
{
    TSA_EXIT_OK = 0,
    TSA_EXIT_INTERNAL = 1,
    TSA_EXIT_INPUT = 2,
    TSA_EXIT_IO = 3,
    TSA_EXIT_UNDECIDED = 4,
    TSA_EXIT_REFUTED = 5
};

/* Exit code for a failed library status (TSA_E*): EINVAL/EDOM/EFORMAT are
 * bad input, EIO is I/O, the rest internal. */
int tsa_cli_exit_status(int status);

/* Each subcommand: argv[0] is the subcommand name; returns the exit code. */
int tsa_cli_kernel(int argc, char **argv);
int tsa_cli_ad(int argc, char **argv);
int tsa_cli_demo(int argc, char **argv);
int tsa_cli_train(int argc, char **argv);
int tsa_cli_polish(int argc, char **argv);
int tsa_cli_certify(int argc, char **argv);
int tsa_cli_verify(int argc, char **argv);
int tsa_cli_family(int argc, char **argv);
int tsa_cli_check(int argc, char **argv);
int tsa_cli_batch(int argc, char **argv); int tsa_cli_plan(int argc, char **argv);
int tsa_cli_import(int argc, char **argv);
int tsa_cli_report(int argc, char **argv);
int tsa_cli_finite(int argc, char **argv);
int tsa_cli_ea(int argc, char **argv);

/* Print "tsalign: <msg>" on stderr (the CLI's error handler). */
void tsa_cli_error_handler(const char *reason, const char *file, int line,
                           int status);
/* Print a one-line usage error and return the exit code 2. */
int tsa_cli_usage_error(const char *cmd, const char *fmt, ...)
    TSA_PRINTF(2, 3);

#endif
