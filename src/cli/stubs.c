#include "cli.h"
int tsa_cli_kernel(int argc, char **argv) { (void)argc; (void)argv; return 1; }
int tsa_cli_ad(int argc, char **argv) { (void)argc; (void)argv; return 1; }
int tsa_cli_demo(int argc, char **argv) { (void)argc; (void)argv; return 1; }
