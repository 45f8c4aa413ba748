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

/* Seed of random stream k derived from the user seed (splitmix64). */
unsigned long tsa_train_stream_seed(uint64_t seed, unsigned k);

enum { TSA_TRAIN_STREAM_TEACHER = 1, TSA_TRAIN_STREAM_INIT = 2,
       TSA_TRAIN_STREAM_DATA = 3, TSA_TRAIN_STREAM_SGD = 4 };

#endif
