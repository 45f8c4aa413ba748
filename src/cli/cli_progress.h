/* cli_progress.h -- progress of long jobs on stderr: i of N, elapsed time,
 * an estimate of the time left (cli_progress.c). */
#ifndef TSA_CLI_PROGRESS_H
#define TSA_CLI_PROGRESS_H

/* Monotonic wall-clock seconds. */
double tsa_cli_now(void);

/* Print "WHAT [I/N] E s elapsed, about L left: " on stderr (no newline;
 * the caller ends the line): I of N items done, t0 from tsa_cli_now()
 * at the start.  The estimate is elapsed / I * (N - I). */
void tsa_cli_progress(const char *what, long i, long n, double t0);

/* Rows of a census file that `certify --census` will run: k in
 * [kmin, kmax], at most limit per k (limit <= 0: all); -1 when the file
 * cannot be read (the run itself reports that). */
long tsa_cli_census_count(const char *path, long kmin, long kmax, long limit);

#endif
