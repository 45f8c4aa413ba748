/* mpi.c -- chunked dynamic job hand-out over MPI for `tsalign batch`
 * (tsa_sched.h).
 *
 * Only indices travel: every rank reads the plan itself and writes its
 * jobs' result files into the shared output folder; rank 0 merges them
 * afterwards from the files.  Census jobs take milliseconds, so jobs go
 * out in chunks of about TSA_SCHED_TARGET seconds of estimated work (a
 * large job alone; tsa_batch_chunk_len), and a worker asks for its next
 * chunk when it starts the current one: the answer is there when it needs
 * it.  Rank 0 is one thread: with few ranks it runs chunks from the back
 * of the order (the smallest jobs) itself and looks for requests between
 * any two of its jobs, so N ranks compute on N cores and no worker waits
 * longer than one small job; a chunk's results share one fsync. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <mpi.h>
#include "tsa_sched.h"

enum { TAG_REQ = 1, TAG_JOB = 2 };
#define CHUNK TSA_SCHED_CHUNK_MAX
#define TARGET TSA_SCHED_TARGET
/* worker -> 0: doubles {want, seconds, n, jobs[n], failed[n]}
   0 -> worker: longs {n, jobs[n]}; n = 0: no more jobs */
#define REQ_LEN (3 + 2 * CHUNK)

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

int
tsa_sched_mpi_init(int *argc, char ***argv, int *rank, int *size)
{
    if (MPI_Init(argc, argv) != MPI_SUCCESS)
        return 1;
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

static void
nap(void)
{
    struct timespec ts = {0, 1000000}; /* 1 ms */
    nanosleep(&ts, NULL);
}

/* a chunk's length cap: a share of what is left, so the last chunks
   spread over the ranks */
static size_t
cap(size_t lo, size_t hi, int size)
{
    size_t m = (hi - lo) / (2 * (size_t) size);
    return m < 1 ? 1 : m > CHUNK ? CHUNK : m;
}

/* rank 0: one request (a report of the worker's last chunk, and maybe a
   wish for the next); 1 when the worker has stopped */
static int
answer(const tsa_sched_t *s, int size, const double *msg, int src,
       size_t *lo, size_t hi, long *fails)
{
    size_t n = msg[2] > 0 && msg[2] <= CHUNK ? (size_t) msg[2] : 0, k, m;
    size_t jobs[CHUNK];
    int failed[CHUNK];
    long reply[1 + CHUNK];
    for (k = 0; k < n; k++)
    {
        jobs[k] = (size_t) msg[3 + k];
        failed[k] = msg[3 + n + k] != 0;
        *fails += failed[k];
    }
    if (n > 0 && s->ended)
        s->ended(s->ctx, jobs, n, failed, msg[1]);
    if (msg[0] == 0)
        return 1;
    m = *lo < hi ? s->chunk(s->ctx, s->order, *lo, hi, 0, TARGET,
                            cap(*lo, hi, size))
                 : 0;
    reply[0] = (long) m;
    for (k = 0; k < m; k++)
        reply[1 + k] = (long) s->order[*lo + k];
    *lo += m;
    MPI_Send(reply, (int) (1 + m), MPI_LONG, src, TAG_JOB, MPI_COMM_WORLD);
    return 0;
}

/* rank 0's hand-out state */
typedef struct
{
    const tsa_sched_t *s;
    int size, active;     /* ranks; workers still running */
    size_t lo, hi;        /* order[lo..hi) not handed out yet */
    long fails;
} serve_t;

/* answer every request waiting now; the number answered */
static int
answer_all(serve_t *v)
{
    double msg[REQ_LEN];
    MPI_Status st;
    int flag, n = 0;
    while (v->active > 0)
    {
        MPI_Iprobe(MPI_ANY_SOURCE, TAG_REQ, MPI_COMM_WORLD, &flag, &st);
        if (!flag)
            break;
        MPI_Recv(msg, REQ_LEN, MPI_DOUBLE, st.MPI_SOURCE, TAG_REQ,
                 MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        v->active -= answer(v->s, v->size, msg, st.MPI_SOURCE, &v->lo,
                            v->hi, &v->fails);
        n++;
    }
    return n;
}

/* rank 0 runs a chunk from the back, one job at a time, answering the
   requests that came in after each job; one fsync for the chunk */
static void
run_back(serve_t *v)
{
    const tsa_sched_t *s = v->s;
    size_t k, m, jobs[CHUNK];
    int failed[CHUNK];
    double sec = 0, one;
    m = s->chunk(s->ctx, s->order, v->lo, v->hi, 1, TARGET,
                 cap(v->lo, v->hi, v->size));
    for (k = 0; k < m; k++)
        jobs[k] = s->order[v->hi - 1 - k];
    v->hi -= m;
    for (k = 0; k < m; k++)
    {
        s->run(s->ctx, jobs + k, 1, failed + k, &one);
        sec += one;
        (void) answer_all(v);
    }
    s->sync(s->ctx, jobs, m, failed);
    for (k = 0; k < m; k++)
        v->fails += failed[k];
    if (s->ended)
        s->ended(s->ctx, jobs, m, failed, sec);
}

static long
serve(const tsa_sched_t *s, int size)
{
    serve_t v;
    int runs = size <= TSA_SCHED_RUN_RANKS;
    v.s = s;
    v.size = size;
    v.active = size - 1;
    v.lo = 0;
    v.hi = s->n;
    v.fails = 0;
    while (v.active > 0 || v.lo < v.hi)
    {
        if (answer_all(&v) > 0)
            continue;
        if (v.lo < v.hi && (runs || v.active == 0))
            run_back(&v);
        else
            nap();
    }
    return v.fails;
}

/* rank 0's next chunk; waits by polling with naps (a blocking receive
   spins on a core that another rank needs) */
static void
get_chunk(long *buf)
{
    MPI_Request r;
    int flag = 0;
    MPI_Irecv(buf, 1 + CHUNK, MPI_LONG, 0, TAG_JOB, MPI_COMM_WORLD, &r);
    for (MPI_Test(&r, &flag, MPI_STATUS_IGNORE); !flag;
         MPI_Test(&r, &flag, MPI_STATUS_IGNORE))
        nap();
}

/* the report of jobs[0..n) and, when want, the request for more */
static void
report(double *msg, int want, const size_t *jobs, const int *failed,
       size_t n, double sec)
{
    size_t k;
    msg[0] = want;
    msg[1] = sec;
    msg[2] = (double) n;
    for (k = 0; k < n; k++)
    {
        msg[3 + k] = (double) jobs[k];
        msg[3 + n + k] = failed[k];
    }
    MPI_Send(msg, (int) (3 + 2 * n), MPI_DOUBLE, 0, TAG_REQ, MPI_COMM_WORLD);
}

static long
work(const tsa_sched_t *s)
{
    long cur[1 + CHUNK], next[1 + CHUNK], fails = 0;
    size_t jobs[CHUNK], n, k;
    int failed[CHUNK];
    double msg[REQ_LEN], sec = 0;
    report(msg, 1, NULL, NULL, 0, 0);
    get_chunk(cur);
    if (cur[0] <= 0)
    {
        report(msg, 0, NULL, NULL, 0, 0);
        return 0;
    }
    report(msg, 1, NULL, NULL, 0, 0); /* the next chunk, in advance */
    for (;;)
    {
        n = (size_t) cur[0];
        for (k = 0; k < n; k++)
            jobs[k] = (size_t) cur[1 + k];
        s->run(s->ctx, jobs, n, failed, &sec);
        s->sync(s->ctx, jobs, n, failed);
        for (k = 0; k < n; k++)
            fails += failed[k];
        get_chunk(next);
        report(msg, next[0] > 0, jobs, failed, n, sec);
        if (next[0] <= 0)
            return fails;
        memcpy(cur, next, (size_t) (1 + next[0]) * sizeof *cur);
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
