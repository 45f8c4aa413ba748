/* cli_certify.c -- `tsalign polish|certify|verify` (issue 5; placeholder). */
#include <stdio.h>
#include "cli.h"

static int
not_yet(const char *what)
{
    fprintf(stderr, "tsalign: %s: not implemented yet\n", what);
    return 1;
}

int tsa_cli_polish(int argc, char **argv) { (void) argc; (void) argv; return not_yet("polish"); }
int tsa_cli_certify(int argc, char **argv) { (void) argc; (void) argv; return not_yet("certify"); }
int tsa_cli_verify(int argc, char **argv) { (void) argc; (void) argv; return not_yet("verify"); }
