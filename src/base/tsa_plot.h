/* tsa_plot.h -- drawing plots with gnuplot without a shell.
 *
 * gnuplot is found by searching PATH here (no shell, no `command -v`),
 * started by fork + execv with the fixed argument vector {"gnuplot"}, its
 * working directory the output folder, and the script written to its
 * standard input through a pipe; its exit status is checked with
 * waitpid, and a run longer than TSA_PLOT_TIMEOUT seconds is killed.
 * The PNG is drawn to a temporary name and renamed into place only when
 * gnuplot succeeded, so a plot is whole or absent.  Nothing from the
 * input reaches a shell; file names in scripts are safe identifiers
 * (tsa_path.h), and other text goes through tsa_plot_quote. */
#ifndef TSA_PLOT_H
#define TSA_PLOT_H

#include "tsa_base.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TSA_PLOT_TIMEOUT 120

/* 1 when an executable gnuplot is on PATH (looked up once), else 0. */
int tsa_plot_have_gnuplot(void);

/* s as a gnuplot single-quoted string ('it''s'), malloc'd; NULL when s
 * holds a control character (a newline would end the command), a
 * backquote (command substitution) or '@' (macro expansion). */
char *tsa_plot_quote(const char *s);

/* Run gnuplot in folder dir with script on its standard input; standard
 * output and error go to /dev/null.  Returns 0 when gnuplot exited with
 * status 0, -1 otherwise (not found, cannot start, failed, killed). */
int tsa_plot_run(const char *dir, const char *script);

/* Draw dir/png (png a safe file name, tsa_io_check_name): the script is
 *   set terminal <terminal>; set output '<temporary>'; <body>; unset output
 * and the temporary is renamed to png after gnuplot succeeded with a
 * non-empty file.  Returns 1 when dir/png was written, 0 otherwise; a
 * missing plot is never an error, and nothing is reported. */
int tsa_plot_png(const char *dir, const char *png, const char *terminal,
                 const char *body);

#ifdef __cplusplus
}
#endif
#endif
