/* cli_batch.c -- `tsalign batch PLAN` (run a plan's jobs: serially, or
 * under mpirun/srun handed out over MPI; restartable) and `tsalign plan`
 * (generate plans).  docs/scaling.md. */
#include <config.h> /* TSA_HAVE_MPI (tsa_arb.h no longer reads config.h) */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"
#include "cli_util.h"
#include "cli_data.h"
#include "tsa_batch.h"
#include "tsa_io.h"
#include "tsa_sched.h"

static const char batch_usage[] =
    "Usage: tsalign batch PLAN [--out DIR] [--census-json FILE]\n"
    "                     [--reports DIR] [--quiet]\n"
    "       mpirun -n N tsalign batch PLAN [--out DIR]\n"
    "\n"
    "Run the jobs of a plan (tsalign plan; docs/scaling.md): each job's\n"
    "result goes to DIR/results/<id>.json, written atomically when the job\n"
    "ends (its certificate, candidate, run file or claim report to\n"
    "DIR/files/), then the merged tables DIR/table.tsv and DIR/table.json\n"
    "(sorted by job id, no times: the same bytes for any number of ranks)\n"
    "and DIR/times.tsv.  Running a plan again skips the jobs whose result\n"
    "is complete, so a killed run loses only the jobs in flight.  Under\n"
    "mpirun or srun (built with MPI) the jobs are handed out dynamically,\n"
    "largest first, in chunks of about 0.1 s; without a launcher they run\n"
    "one after another.\n"
    "Progress (jobs done of N, time left) on stderr.\n"
    "\n"
    "Options:\n"
    "  --out DIR   output folder (default: PLAN without .json, plus .out);\n"
    "              also -o, --output\n"
    "  --census-json FILE  also the census jobs' classes as a tsalign-census\n"
    "              file (as certify --census --json; tsalign report renders\n"
    "              it as Markdown or CSV)\n"
    "  --reports DIR  then gather the check jobs' reports in DIR as\n"
    "              `tsalign check -o DIR` writes them: each finished check\n"
    "              job's files (<id>.json, <id>.md, plot and data files)\n"
    "              copied from OUT/files/<job>/ (temporary + rename), then\n"
    "              DIR/index.md rebuilt (make proofs)\n"
    "  --quiet     no progress lines\n"
    "\n"
    "Exit: 0 every job decided, 4 some undecided, 5 some refuted, 2 a bad\n"
    "plan or a job with bad input, 3 I/O, 1 internal.\n"
    "\n"
    "Example: tsalign plan census --kmin 6 --kmax 20 -o census.json &&\n"
    "         mpirun -n 4 tsalign batch census.json --out census.out\n";

static const char plan_usage[] =
    "Usage: tsalign plan census [--census FILE] --kmin A --kmax B [--limit L]\n"
    "                           [--prec P] [-o PLAN]\n"
    "       tsalign plan family --kmin A --kmax B [--prec P] [-o PLAN]\n"
    "       tsalign plan sweep --preset P[,P...] --seeds N [--seed0 S]\n"
    "                          [--grid FIELD=V1,V2,...]... [-o PLAN]\n"
    "       tsalign plan claims [--dir DIR] [--tier quick|full]\n"
    "                           [--times REPORTS] [-o PLAN]\n"
    "\n"
    "Write a plan for tsalign batch (JSON, docs/scaling.md): census: certify\n"
    "every census class with A <= k <= B (default FILE\n"
    "data/ssy2021-minima.tsv; at most L per k); family: the type-A family\n"
    "(blocks 1, K - 1) for K = A .. B; sweep: train each preset with seeds\n"
    "S .. S + N - 1 for every combination of the --grid values; claims: a\n"
    "check job check-NAME for every claim file DIR/NAME.json (default DIR:\n"
    "proofs_numeric/ in the folder `tsalign --datadir` prints) of the tier\n"
    "(default quick: the claims with \"tier\": \"quick\"; full: all), at most\n"
    "10000, sized by the \"seconds\" of the previous report REPORTS/<id>.json\n"
    "when there is one (else 1 s for a quick claim, 60 s for another) so\n"
    "that the longest start first; run it with tsalign batch --reports.\n"
    "\n"
    "Example: tsalign plan sweep --preset single --seeds 10 --grid lr=0.01,0.1 \\\n"
    "         -o sweep.json\n"
    "         tsalign plan claims --tier full --times reports -o proofs.json\n";

typedef struct
{
    const tsa_batch_plan_t *p;
    const char *out;
    size_t n, done;
    double size_all, size_done, cpu_done, t0, tlast;
    int quiet;
    tsa_batch_cache_t *cache;  /* this rank's census files */
    tsa_batch_rate_t rate;     /* rank 0: the job-time model */
} run_ctx_t;

static double
wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

static void
run_jobs(void *ctx, const size_t *jobs, size_t n, int *failed,
         double *seconds)
{
    run_ctx_t *c = ctx;
    (void) tsa_batch_run_jobs(c->p, jobs, n, c->out, c->cache, failed,
                              seconds);
}

static void
sync_jobs(void *ctx, const size_t *jobs, size_t n, int *failed)
{
    run_ctx_t *c = ctx;
    (void) jobs;
    (void) tsa_batch_sync_jobs(c->out, n, failed);
}

static size_t
chunk(void *ctx, const size_t *order, size_t lo, size_t hi, int back,
      double target, size_t max)
{
    run_ctx_t *c = ctx;
    return tsa_batch_chunk_len(&c->rate, c->p, order, lo, hi, back, target,
                               max);
}

/* progress: the time left is the job-time model's CPU seconds for the
   jobs left, times the wall seconds per CPU second so far (which counts
   the ranks working at once) */
static void
ended(void *ctx, const size_t *jobs, size_t n, const int *failed,
      double seconds)
{
    run_ctx_t *c = ctx;
    double t = wall(), left, size = 0, cpu;
    size_t k;
    for (k = 0; k < n; k++)
    {
        size += c->p->jobs[jobs[k]].size;
        if (failed[k])
            fprintf(stderr, "tsalign batch: %s: result not written\n",
                    c->p->jobs[jobs[k]].id);
    }
    tsa_batch_rate_add(&c->rate, n, size, seconds);
    c->done += n;
    c->size_done += size;
    c->cpu_done += seconds;
    if (c->quiet || (t - c->tlast < 2.0 && c->done < c->n))
        return;
    c->tlast = t;
    cpu = tsa_batch_rate_time(&c->rate, (double) (c->n - c->done),
                              c->size_all - c->size_done);
    left = c->cpu_done > 0 ? cpu * (t - c->t0) / c->cpu_done : 0;
    fprintf(stderr, "batch: %zu/%zu jobs done, %.0f s, about %.0f s left\n",
            c->done, c->n, t - c->t0, left);
}

static int
exit_of(const long counts[6], long missing)
{
    if (counts[TSA_BATCH_INTERNAL] > 0)
        return TSA_EXIT_INTERNAL;
    if (counts[TSA_BATCH_IO] > 0 || missing > 0)
        return TSA_EXIT_IO;
    if (counts[TSA_BATCH_INPUT] > 0)
        return TSA_EXIT_INPUT;
    if (counts[TSA_BATCH_REFUTED] > 0)
        return TSA_EXIT_REFUTED;
    if (counts[TSA_BATCH_UNDECIDED] > 0)
        return TSA_EXIT_UNDECIDED;
    return TSA_EXIT_OK;
}

/* rank 0 (or the serial run): folder, jobs to do */
static int
setup(run_ctx_t *c, size_t **order, size_t *skipped)
{
    size_t k;
    int st;
    if ((st = tsa_batch_prepare(c->out))
        || (st = tsa_batch_todo(order, &c->n, skipped, c->p, c->out)))
        return tsa_cli_exit_status(st);
    for (k = 0; k < c->n; k++)
        c->size_all += c->p->jobs[(*order)[k]].size;
    if (!c->quiet)
        fprintf(stderr, "batch: plan %s: %zu jobs, %zu already done, %zu to "
                "run\n", c->p->name, c->p->n, *skipped, c->n);
    return TSA_EXIT_OK;
}

static int
finish(run_ctx_t *c, const char *census)
{
    long counts[6], missing, nrows;
    int st = tsa_batch_merge(c->p, c->out, counts, &missing);
    if (st == TSA_SUCCESS && census != NULL)
    {
        st = tsa_batch_census_json(c->p, c->out, census, &nrows);
        if (st == TSA_SUCCESS && !c->quiet)
            fprintf(stderr, "batch: %ld census classes in %s\n", nrows,
                    census);
    }
    if (st != TSA_SUCCESS)
        return tsa_cli_exit_status(st);
    if (!c->quiet)
        fprintf(stderr, "batch: %ld ok, %ld undecided, %ld refuted, %ld bad "
                "input, %ld I/O, %ld internal, %ld missing; tables in %s\n",
                counts[0], counts[1], counts[2], counts[3], counts[4],
                counts[5], missing, c->out);
    return exit_of(counts, missing);
}

/* one after another, in chunks of about 0.2 s (one fsync each) */
static int
run_serial(run_ctx_t *c, const char *census)
{
    size_t *order = NULL, skipped, k = 0, m;
    int failed[TSA_SCHED_CHUNK_MAX];
    double sec;
    int rc = setup(c, &order, &skipped);
    while (rc == TSA_EXIT_OK && k < c->n)
    {
        m = chunk(c, order, k, c->n, 0, 0.2, TSA_SCHED_CHUNK_MAX);
        run_jobs(c, order + k, m, failed, &sec);
        sync_jobs(c, order + k, m, failed);
        ended(c, order + k, m, failed, sec);
        k += m;
    }
    free(order);
    return rc == TSA_EXIT_OK ? finish(c, census) : rc;
}

#ifdef TSA_HAVE_MPI
static int
run_mpi(run_ctx_t *c, int rank, const char *census)
{
    size_t *order = NULL, skipped = 0;
    tsa_sched_t s;
    int rc = TSA_EXIT_OK;
    if (rank == 0)
        rc = setup(c, &order, &skipped);
    if ((rc = tsa_sched_mpi_bcast_int(rc)) != TSA_EXIT_OK)
    {
        free(order);
        return rank == 0 ? rc : TSA_EXIT_OK;
    }
    s.n = rank == 0 ? c->n : 0;
    s.order = order;
    s.run = run_jobs;
    s.sync = sync_jobs;
    s.chunk = chunk;
    s.ended = ended;
    s.ctx = c;
    /* rank 0 returns when every other rank has reported its last chunk
       (its files written): no barrier, which would spin while it merges */
    (void) tsa_sched_mpi_run(&s);
    free(order);
    return rank == 0 ? finish(c, census) : TSA_EXIT_OK;
}
#endif

/* --reports DIR (rank 0, after the merge): the check jobs' reports in
 * DIR with its index; a failure here outranks a refuted or undecided job */
static int
collect(const tsa_batch_plan_t *p, const char *out, const char *dir, int rc,
        int quiet)
{
    long njobs, nfiles;
    int st = tsa_batch_collect_reports(p, out, dir, &njobs, &nfiles);
    if (st != TSA_SUCCESS)
        return rc == TSA_EXIT_OK || rc == TSA_EXIT_UNDECIDED
                       || rc == TSA_EXIT_REFUTED || rc == TSA_EXIT_INPUT
                   ? tsa_cli_exit_status(st)
                   : rc;
    if (!quiet)
        fprintf(stderr, "batch: reports of %ld check jobs (%ld files) in %s, "
                "index %s/index.md\n", njobs, nfiles, dir, dir);
    return rc;
}

int
tsa_cli_batch(int argc, char **argv)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},
        {"out", required_argument, NULL, 'o'},
        {"output", required_argument, NULL, 'o'},
        {"quiet", no_argument, NULL, 'q'},
        {"census-json", required_argument, NULL, 'c'},
        {"reports", required_argument, NULL, 'r'},
        {NULL, 0, NULL, 0}};
    const char *outarg = NULL, *census = NULL, *reports = NULL;
    char *out = NULL;
    tsa_batch_plan_t p;
    run_ctx_t c;
    int opt, st, rc, rank = 0, size = 1, mpi = 0;

    memset(&c, 0, sizeof c);
    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "ho:q", opts, NULL)) != -1)
    {
        if (opt == 'h')
        {
            fputs(batch_usage, stdout);
            return TSA_EXIT_OK;
        }
        else if (opt == 'o')
            outarg = optarg;
        else if (opt == 'q')
            c.quiet = 1;
        else if (opt == 'c')
            census = optarg;
        else if (opt == 'r' && optarg[0] != '\0')
            reports = optarg;
        else if (opt == 'r')
            return tsa_cli_usage_error("batch", "--reports: empty folder name");
        else
            return tsa_cli_usage_error("batch", "unknown option '%s'",
                                       argv[optind - 1]);
    }
    if (optind != argc - 1)
        return tsa_cli_usage_error("batch", "expected one PLAN file");
#ifdef TSA_HAVE_MPI
    if (tsa_sched_mpi_launched())
    {
        if (tsa_sched_mpi_init(NULL, NULL, &rank, &size) != 0)
        {
            fprintf(stderr, "tsalign batch: MPI_Init failed\n");
            return TSA_EXIT_INTERNAL;
        }
        mpi = 1;
        if (rank != 0) /* one copy of every message and progress line */
        {
            tsa_set_error_handler(NULL);
            c.quiet = 1;
        }
    }
#endif
    if (outarg != NULL)
        out = strdup(outarg);
    else if ((out = malloc(strlen(argv[optind]) + 8)) != NULL)
    {
        size_t n = strlen(argv[optind]);
        memcpy(out, argv[optind], n + 1);
        if (n > 5 && strcmp(out + n - 5, ".json") == 0)
            out[n - 5] = '\0';
        strcat(out, ".out");
    }
    if (out == NULL || (c.cache = tsa_batch_cache_new()) == NULL)
        rc = TSA_EXIT_INTERNAL;
    else if ((st = tsa_batch_plan_read(&p, argv[optind])) != TSA_SUCCESS)
        rc = tsa_cli_exit_status(st);
    else
    {
        c.p = &p;
        c.out = out;
        c.t0 = c.tlast = wall();
        if (!c.quiet && mpi && rank == 0)
            fprintf(stderr, "batch: %d MPI ranks\n", size);
#ifdef TSA_HAVE_MPI
        rc = mpi ? run_mpi(&c, rank, census) : run_serial(&c, census);
#else
        rc = run_serial(&c, census);
#endif
        if (reports != NULL && rank == 0)
            rc = collect(&p, out, reports, rc, c.quiet);
        tsa_batch_plan_clear(&p);
    }
    free(out);
    tsa_batch_cache_free(c.cache);
#ifdef TSA_HAVE_MPI
    if (mpi)
        tsa_sched_mpi_finalize();
#endif
    (void) size;
    return rank == 0 ? rc : TSA_EXIT_OK;
}

/* ---- tsalign plan ------------------------------------------------------ */

static int
parse_long(long *x, const char *s, long lo, long hi, const char *what)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end != '\0' || v < lo || v > hi)
        return tsa_cli_usage_error("plan", "%s: '%s' is not an integer in "
                                   "%ld .. %ld", what, s, lo, hi);
    *x = v;
    return 0;
}

/* plan claims: DIR defaults to the data folder's proofs_numeric/ */
static int
plan_claims(const char *out, const char *dir, const char *tier,
            const char *times)
{
    char def[4200];
    char *text = NULL;
    int st;
    if (strcmp(tier, "quick") != 0 && strcmp(tier, "full") != 0)
        return tsa_cli_usage_error("plan", "--tier: quick or full");
    if (dir == NULL)
    {
        if ((size_t) snprintf(def, sizeof def, "%s/proofs_numeric",
                              tsa_cli_datadir()) >= sizeof def)
            return tsa_cli_usage_error("plan", "data folder path too long");
        dir = def;
    }
    st = tsa_batch_plan_claims(&text, dir, tier[0] == 'f', times);
    if (st == TSA_SUCCESS)
        st = tsa_io_write_atomic(out, text);
    free(text);
    return tsa_cli_exit_status(st);
}

int
tsa_cli_plan(int argc, char **argv)
{
    enum { O_CENSUS = 256, O_KMIN, O_KMAX, O_LIMIT, O_PREC, O_PRESET,
           O_SEEDS, O_SEED0, O_GRID, O_DIR, O_TIER, O_TIMES };
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},
        {"output", required_argument, NULL, 'o'},
        {"census", required_argument, NULL, O_CENSUS},
        {"kmin", required_argument, NULL, O_KMIN},
        {"kmax", required_argument, NULL, O_KMAX},
        {"limit", required_argument, NULL, O_LIMIT},
        {"prec", required_argument, NULL, O_PREC},
        {"preset", required_argument, NULL, O_PRESET},
        {"seeds", required_argument, NULL, O_SEEDS},
        {"seed0", required_argument, NULL, O_SEED0},
        {"grid", required_argument, NULL, O_GRID},
        {"dir", required_argument, NULL, O_DIR},
        {"tier", required_argument, NULL, O_TIER},
        {"times", required_argument, NULL, O_TIMES},
        {NULL, 0, NULL, 0}};
    const char *dir = NULL, *tier = "quick", *times = NULL;
    const char *out = "-", *census = "data/ssy2021-minima.tsv", *what;
    const char *grid[TSA_BATCH_MAX_SETS], *presets[16];
    char *plist = NULL, *text = NULL, *tok, *save = NULL;
    long kmin = -1, kmax = -1, limit = 0, prec = 0, seeds = 0, seed0 = 0;
    int opt, ng = 0, np = 0, st;

    if (argc < 2 || strcmp(argv[1], "-h") == 0
        || strcmp(argv[1], "--help") == 0)
    {
        fputs(plan_usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? TSA_EXIT_INPUT : TSA_EXIT_OK;
    }
    what = argv[1];
    if (strcmp(what, "census") != 0 && strcmp(what, "family") != 0
        && strcmp(what, "sweep") != 0 && strcmp(what, "claims") != 0)
        return tsa_cli_usage_error("plan", "unknown plan '%s' (census, family, "
                                   "sweep, claims)", what);
    optind = 2;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "ho:", opts, NULL)) != -1)
    {
        switch (opt)
        {
        case 'h': fputs(plan_usage, stdout); return TSA_EXIT_OK;
        case 'o': out = optarg; break;
        case O_CENSUS: census = optarg; break;
        case O_KMIN: if (parse_long(&kmin, optarg, 1, 128, "--kmin")) return 2; break;
        case O_KMAX: if (parse_long(&kmax, optarg, 1, 128, "--kmax")) return 2; break;
        case O_LIMIT: if (parse_long(&limit, optarg, 0, 100000, "--limit")) return 2; break;
        case O_PREC: if (parse_long(&prec, optarg, 16, 4096, "--prec")) return 2; break;
        case O_SEEDS: if (parse_long(&seeds, optarg, 1, TSA_BATCH_MAX_JOBS, "--seeds")) return 2; break;
        case O_SEED0: if (parse_long(&seed0, optarg, 0, 1L << 52, "--seed0")) return 2; break;
        case O_PRESET: plist = optarg; break;
        case O_DIR: dir = optarg; break;
        case O_TIER: tier = optarg; break;
        case O_TIMES: times = optarg; break;
        case O_GRID:
            if (ng >= TSA_BATCH_MAX_SETS)
                return tsa_cli_usage_error("plan", "at most %d --grid",
                                           TSA_BATCH_MAX_SETS);
            grid[ng++] = optarg;
            break;
        default:
            return tsa_cli_usage_error("plan", "unknown option '%s'",
                                       argv[optind - 1]);
        }
    }
    if (optind != argc)
        return tsa_cli_usage_error("plan", "unexpected argument '%s'",
                                   argv[optind]);
    if (strcmp(what, "claims") == 0)
        return plan_claims(out, dir, tier, times);
    if (dir != NULL || times != NULL)
        return tsa_cli_usage_error("plan", "--dir, --tier and --times belong "
                                   "to plan claims");
    if (what[0] != 's' && (kmin < 0 || kmax < 0))
        return tsa_cli_usage_error("plan", "%s needs --kmin and --kmax", what);
    if (what[0] == 'c')
        st = tsa_batch_plan_census(&text, tsa_cli_find_data(census, NULL, NULL),
                                   kmin, kmax, limit, prec);
    else if (what[0] == 'f')
        st = tsa_batch_plan_family(&text, kmin, kmax, prec);
    else
    {
        char *pl;
        if (plist == NULL || seeds < 1)
            return tsa_cli_usage_error("plan", "sweep needs --preset and "
                                       "--seeds");
        if ((pl = strdup(plist)) == NULL)
            return TSA_EXIT_INTERNAL;
        for (tok = strtok_r(pl, ",", &save); tok != NULL && np < 16;
             tok = strtok_r(NULL, ",", &save))
            presets[np++] = tok;
        st = tsa_batch_plan_sweep(&text, presets, np, grid, ng,
                                  (uint64_t) seed0, seeds);
        if (st == TSA_SUCCESS)
            st = tsa_io_write_atomic(out, text);
        free(pl);
        free(text);
        return tsa_cli_exit_status(st);
    }
    if (st == TSA_SUCCESS)
        st = tsa_io_write_atomic(out, text);
    free(text);
    return tsa_cli_exit_status(st);
}
