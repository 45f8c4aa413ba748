/* tsa_sched.h -- the batch runner's MPI scheduler (mpi.c), kept apart from
 * the library: only the tsalign program links MPI, and this interface has
 * no MPI types, so the program builds the same with and without it. */
#ifndef TSA_BATCH_SCHED_H
#define TSA_BATCH_SCHED_H
#include <stddef.h>

#define TSA_SCHED_CHUNK_MAX 256  /* jobs in one hand-out */

typedef struct
{
    size_t n;             /* jobs to run (rank 0)                        */
    const size_t *order;  /* their indices, in the order to hand out     */
    /* run jobs[0..n) on this rank and write their results (not yet
       durable): failed[k] != 0 when result k could not be written;
       *seconds their CPU time */
    void (*run)(void *ctx, const size_t *jobs, size_t n, int *failed,
                double *seconds);
    /* make the results of jobs[0..n) durable (one fsync): on failure every
       failed[k] is set */
    void (*sync)(void *ctx, const size_t *jobs, size_t n, int *failed);
    /* rank 0: how many of order[lo..hi) (from the back when back) make a
       chunk of about target seconds, at most max (tsa_batch_chunk_len) */
    size_t (*chunk)(void *ctx, const size_t *order, size_t lo, size_t hi,
                    int back, double target, size_t max);
    /* rank 0: jobs[0..n) ended on some rank after seconds of CPU time */
    void (*ended)(void *ctx, const size_t *jobs, size_t n,
                  const int *failed, double seconds);
    void *ctx;
} tsa_sched_t;

/* 1 when this process was started by an MPI launcher (mpirun, mpiexec,
 * srun): a plain `tsalign batch` runs serially without initialising MPI. */
int tsa_sched_mpi_launched(void);
/* MPI_Init; rank and size.  0 on success. */
int tsa_sched_mpi_init(int *argc, char ***argv, int *rank, int *size);
/* Hand out s->order dynamically in chunks: rank 0 hands chunks of about
 * TSA_SCHED_TARGET seconds from the front (largest jobs first) to the
 * other ranks, each of which asks for its next chunk as soon as it starts
 * one.  With at most TSA_SCHED_RUN_RANKS ranks rank 0 also runs chunks
 * from the back (the smallest jobs), answering requests between any two
 * of its jobs; with more it only hands out.  Returns the number of jobs
 * whose result could not be written (rank 0: all ranks; others: their
 * own). */
#define TSA_SCHED_TARGET 0.1
#define TSA_SCHED_RUN_RANKS 8
long tsa_sched_mpi_run(const tsa_sched_t *s);
void tsa_sched_mpi_barrier(void);
/* rank 0's int to everybody */
int tsa_sched_mpi_bcast_int(int x);
void tsa_sched_mpi_finalize(void);
#endif
