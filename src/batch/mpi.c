/* mpi.c -- dynamic job hand-out over MPI for `tsalign batch` (sched.h).
 *
 * Only indices travel: every rank reads the plan itself and writes its
 * jobs' result files into the shared output folder; rank 0 merges them
 * afterwards from the files.  Rank 0's main thread serves requests
 * (polling, so it does not burn a core while its worker thread computes)
 * and a second thread on rank 0 runs jobs too: N ranks compute on N cores.
 * Only the main thread calls MPI (MPI_THREAD_FUNNELED). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <mpi.h>
#include "tsa_sched.h"

enum { TAG_REQ = 1, TAG_JOB = 2 };

int
tsa_sched_mpi_launched(void)
{
    static const char *const vars[] = {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE",
                                       "PMIX_RANK", "PMI_RANK",
                                       "MPI_LOCALNRANKS", NULL};
    int i;
    for (i = 0; vars[i] != NULL; i++)
        if (getenv(vars[i]) != NULL)
            return 1;
    return 0;
}

static int threads_ok = 0;

int
tsa_sched_mpi_init(int *argc, char ***argv, int *rank, int *size)
{
    int provided = MPI_THREAD_SINGLE;
    if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided)
        != MPI_SUCCESS)
        return 1;
    threads_ok = provided >= MPI_THREAD_FUNNELED;
    MPI_Comm_rank(MPI_COMM_WORLD, rank);
    MPI_Comm_size(MPI_COMM_WORLD, size);
    return 0;
}

void
tsa_sched_mpi_barrier(void)
{
    MPI_Barrier(MPI_COMM_WORLD);
}

int
tsa_sched_mpi_bcast_int(int x)
{
    MPI_Bcast(&x, 1, MPI_INT, 0, MPI_COMM_WORLD);
    return x;
}

void
tsa_sched_mpi_finalize(void)
{
    MPI_Finalize();
}

/* rank 0's shared state between the serving loop and its worker thread */
typedef struct
{
    const tsa_sched_t *s;
    pthread_mutex_t mu;
    size_t next;           /* next position in s->order to hand out */
    size_t *ended;         /* jobs the local thread finished, not yet reported */
    int *failed;
    size_t nended;
    int local_done;
} master_t;

static int
take(master_t *m, size_t *pos)
{
    int ok;
    pthread_mutex_lock(&m->mu);
    ok = m->next < m->s->n;
    if (ok)
        *pos = m->next++;
    pthread_mutex_unlock(&m->mu);
    return ok;
}

static void *
local_worker(void *arg)
{
    master_t *m = arg;
    size_t pos;
    while (take(m, &pos))
    {
        size_t i = m->s->order[pos];
        int f = m->s->run(m->s->ctx, i) != 0;
        pthread_mutex_lock(&m->mu);
        m->ended[m->nended] = i;
        m->failed[m->nended++] = f;
        pthread_mutex_unlock(&m->mu);
    }
    pthread_mutex_lock(&m->mu);
    m->local_done = 1;
    pthread_mutex_unlock(&m->mu);
    return NULL;
}

static void
nap(void)
{
    struct timespec ts = {0, 1000000}; /* 1 ms */
    nanosleep(&ts, NULL);
}

/* report the local thread's finished jobs; 1 when it has stopped */
static int
drain(master_t *m, long *fails)
{
    size_t k, n;
    int done;
    size_t buf[64];
    int fb[64];
    for (;;)
    {
        pthread_mutex_lock(&m->mu);
        n = m->nended < 64 ? m->nended : 64;
        m->nended -= n;
        memcpy(buf, m->ended + m->nended, n * sizeof *buf);
        memcpy(fb, m->failed + m->nended, n * sizeof *fb);
        done = m->local_done && m->nended == 0;
        pthread_mutex_unlock(&m->mu);
        for (k = 0; k < n; k++)
        {
            *fails += fb[k];
            if (m->s->ended)
                m->s->ended(m->s->ctx, buf[k], fb[k]);
        }
        if (n == 0)
            return done;
    }
}

static long
serve(const tsa_sched_t *s, int size)
{
    master_t m;
    pthread_t th;
    int have_thread = 0, stopped = 0, local_stopped = 0, flag;
    long fails = 0, msg[2];
    MPI_Request req;
    MPI_Status status;

    memset(&m, 0, sizeof m);
    m.s = s;
    pthread_mutex_init(&m.mu, NULL);
    m.ended = malloc((s->n + 1) * sizeof *m.ended);
    m.failed = malloc((s->n + 1) * sizeof *m.failed);
    if (m.ended == NULL || m.failed == NULL)
        MPI_Abort(MPI_COMM_WORLD, 1);
    if (threads_ok && pthread_create(&th, NULL, local_worker, &m) == 0)
        have_thread = 1;
    else if (size == 1)
        local_worker(&m); /* no thread: rank 0 alone runs every job */
    else
        local_stopped = 1; /* rank 0 only serves */
    if (size > 1)
        MPI_Irecv(msg, 2, MPI_LONG, MPI_ANY_SOURCE, TAG_REQ, MPI_COMM_WORLD,
                  &req);
    while (stopped < size - 1 || !local_stopped)
    {
        int busy = 0;
        if (!local_stopped)
            local_stopped = drain(&m, &fails);
        if (stopped < size - 1)
        {
            MPI_Test(&req, &flag, &status);
            if (flag)
            {
                size_t pos;
                long job = -1;
                busy = 1;
                if (msg[0] >= 0)
                {
                    fails += msg[1] != 0;
                    if (s->ended)
                        s->ended(s->ctx, (size_t) msg[0], (int) msg[1]);
                }
                if (take(&m, &pos))
                    job = (long) s->order[pos];
                else
                    stopped++;
                MPI_Send(&job, 1, MPI_LONG, status.MPI_SOURCE, TAG_JOB,
                         MPI_COMM_WORLD);
                if (stopped < size - 1)
                    MPI_Irecv(msg, 2, MPI_LONG, MPI_ANY_SOURCE, TAG_REQ,
                              MPI_COMM_WORLD, &req);
            }
        }
        if (!busy)
            nap();
    }
    if (have_thread)
        pthread_join(th, NULL);
    drain(&m, &fails);
    free(m.ended);
    free(m.failed);
    pthread_mutex_destroy(&m.mu);
    return fails;
}

static long
work(const tsa_sched_t *s)
{
    long msg[2] = {-1, 0}, job, fails = 0;
    for (;;)
    {
        MPI_Send(msg, 2, MPI_LONG, 0, TAG_REQ, MPI_COMM_WORLD);
        MPI_Recv(&job, 1, MPI_LONG, 0, TAG_JOB, MPI_COMM_WORLD,
                 MPI_STATUS_IGNORE);
        if (job < 0)
            return fails;
        msg[0] = job;
        msg[1] = s->run(s->ctx, (size_t) job) != 0;
        fails += msg[1];
    }
}

long
tsa_sched_mpi_run(const tsa_sched_t *s)
{
    int rank, size;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    return rank == 0 ? serve(s, size) : work(s);
}
