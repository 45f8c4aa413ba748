/* tsa_sched.h -- the batch runner's MPI scheduler (mpi.c), kept apart from
 * the library: only the tsalign program links MPI, and this interface has
 * no MPI types, so the program builds the same with and without it. */
#ifndef TSA_BATCH_SCHED_H
#define TSA_BATCH_SCHED_H
#include <stddef.h>

typedef struct
{
    size_t n;             /* jobs to run (rank 0)                        */
    const size_t *order;  /* their indices, in the order to hand out     */
    /* run job i (any rank, any thread of rank 0): 0 when its result file
       was written */
    int (*run)(void *ctx, size_t i);
    /* rank 0, main thread: one more job ended (i), failed != 0 when its
       result could not be written */
    void (*ended)(void *ctx, size_t i, int failed);
    void *ctx;
} tsa_sched_t;

/* 1 when this process was started by an MPI launcher (mpirun, mpiexec,
 * srun): a plain `tsalign batch` runs serially without initialising MPI. */
int tsa_sched_mpi_launched(void);
/* MPI_Init_thread (funneled); rank and size.  0 on success. */
int tsa_sched_mpi_init(int *argc, char ***argv, int *rank, int *size);
/* Hand out s->order dynamically: rank 0 serves requests and runs jobs in
 * a second thread; the other ranks ask for the next job when done.
 * Returns the number of jobs whose result could not be written (rank 0:
 * all ranks; others: their own). */
long tsa_sched_mpi_run(const tsa_sched_t *s);
void tsa_sched_mpi_barrier(void);
/* rank 0's int to everybody */
int tsa_sched_mpi_bcast_int(int x);
void tsa_sched_mpi_finalize(void);
#endif
