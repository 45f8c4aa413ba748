/* train_impl.h -- private declarations of the train module. */
#ifndef TSA_TRAIN_IMPL_H
#define TSA_TRAIN_IMPL_H

#include "tsa_train.h"

/* Full-batch GD and the labelling of data sets work in chunks of at most
 * this many rows (bounds the workspace, not the result). */
#define TSA_TRAIN_GD_CHUNK 4096

/* Shortest %.*g text that reads back to x. */
void tsa_train_fmt_double(char *buf, size_t size, double x);

/* Scratch doubles tsa_train_corr needs for N rows, m and n columns. */
size_t tsa_train_corr_work_size(size_t N, size_t m, size_t n);

/* tsa_train_corr in two halves, so that the fixed teacher side is
 * normalised once per run (metric records, log.c): _prepare writes the
 * centred, normalised columns of Ht (N x m) to Ft (N m + m doubles, the
 * last m scratch); _with correlates them with Hs (N x n) using ws (N n + n
 * doubles).  The same operations in the same order as tsa_train_corr, so
 * the same bits. */
void _tsa_train_corr_prepare(double *Ft, const gsl_matrix *Ht);
void _tsa_train_corr_with(gsl_matrix *rho, const double *Ft, size_t m,
                          const gsl_matrix *Hs, double *ws);
/* The same with Hs (N x n, tda = n) normalised in place, n scratch doubles
 * mu: the same numbers as _tsa_train_corr_with on a copy of Hs. */
void _tsa_train_corr_inplace(gsl_matrix *rho, const double *Ft, size_t m,
                             gsl_matrix *Hs, double *mu);

/* Rows the metric record at the current step evaluates (log.c): all rows
 * (0) for the last record of a run or with metric_rows = 0, else
 * metric_rows when a data set is larger. */
int _tsa_train_log_is_full(const tsa_train_state *st);

/* Seed of random stream k derived from the user seed (splitmix64). */
unsigned long tsa_train_stream_seed(uint64_t seed, unsigned k);

enum { TSA_TRAIN_STREAM_TEACHER = 1, TSA_TRAIN_STREAM_INIT = 2,
       TSA_TRAIN_STREAM_DATA = 3, TSA_TRAIN_STREAM_SGD = 4 };

#endif
