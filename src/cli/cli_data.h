/* cli_data.h -- the data folder (claim files, census, docs) and finding a
 * data file named on the command line (cli_data.c). */
#ifndef TSA_CLI_DATA_H
#define TSA_CLI_DATA_H

/* The folder holding proofs_numeric/, data/ and docs/: $TSALIGN_DATADIR,
 * else the source tree when run from the build tree, else
 * BIN/../share/tsalign beside the program, else the configured
 * $(pkgdatadir). */
const char *tsa_cli_datadir(void);

/* ARG itself when it names an existing file (or is absolute); otherwise
 * DATADIR/ARG, DATADIR/SUB/ARG or DATADIR/SUB/ARG EXT when that file
 * exists (SUB and EXT may be NULL); otherwise ARG, so that the reader's
 * error names what the user typed.  The result may point to a static
 * buffer valid until the next call. */
const char *tsa_cli_find_data(const char *arg, const char *sub,
                              const char *ext);

#endif
