/* cli.h -- subcommands of the tsalign program. */
#ifndef TSA_CLI_H
#define TSA_CLI_H

#include "tsalign.h"

/* Each subcommand: argv[0] is the subcommand name; returns the exit code. */
int tsa_cli_kernel(int argc, char **argv);
int tsa_cli_ad(int argc, char **argv);
int tsa_cli_demo(int argc, char **argv);
int tsa_cli_train(int argc, char **argv);
int tsa_cli_polish(int argc, char **argv);
int tsa_cli_certify(int argc, char **argv);
int tsa_cli_verify(int argc, char **argv);
int tsa_cli_check(int argc, char **argv);
int tsa_cli_report(int argc, char **argv);

/* Print "tsalign: <msg>" on stderr (the CLI's error handler). */
void tsa_cli_error_handler(const char *reason, const char *file, int line,
                           int status);
/* Print a one-line usage error and return the exit code 2. */
int tsa_cli_usage_error(const char *cmd, const char *fmt, ...)
    TSA_PRINTF(2, 3);

#endif
