/* cli_train.c -- `tsalign train` (issue 4; placeholder). */
#include <stdio.h>
#include "cli.h"

int
tsa_cli_train(int argc, char **argv)
{
    (void) argc;
    (void) argv;
    fprintf(stderr, "tsalign: train: not implemented yet\n");
    return 1;
}
