/* tsa_batch.h -- batches of jobs (issue 16; docs/scaling.md).
 *
 * A plan (JSON, "format": "tsalign-plan", "format_version": "1.0") lists
 * jobs: certify or polish a candidate file, a census class or a type-A
 * family member, train a preset with a seed, check a claim.  Every job
 * writes one result file OUT/results/<id>.json, atomically, when it ends
 * (its other outputs, OUT/files/<id>.*, first); a plan run again skips the
 * jobs whose result is complete (valid and for the same job) and redoes the
 * others.  The merged tables OUT/table.tsv and OUT/table.json list the
 * results sorted by job id and hold nothing that depends on timing or on
 * which process ran a job; the times go to OUT/times.tsv.
 *
 * The library only runs single jobs and merges; the schedulers (serial,
 * MPI) live in the tsalign program.  Nothing here prints. */
#ifndef TSA_BATCH_H
#define TSA_BATCH_H

#include <stdint.h>
#include "tsa_base.h"
#include "tsa_path.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TSA_FORMAT_PLAN "1.0"
#define TSA_FORMAT_BATCH_RESULT "1.1"  /* 1.1: "census" (census jobs) */
#define TSA_FORMAT_BATCH_TABLE "1.1"

/* Limits of a plan (checked before any job runs). */
#define TSA_BATCH_MAX_JOBS 1000000L  /* jobs in one plan                  */
#define TSA_BATCH_MAX_SETS 32        /* train field overrides per job     */
#define TSA_BATCH_MAX_PATH 4096      /* bytes of a file name in a plan    */
#define TSA_BATCH_MAX_VALUE 256      /* bytes of an override's value      */

typedef enum
{
    TSA_BATCH_CERTIFY = 0,
    TSA_BATCH_POLISH = 1,
    TSA_BATCH_TRAIN = 2,
    TSA_BATCH_CHECK = 3
} tsa_batch_kind_t;

typedef enum
{
    TSA_BATCH_SRC_NONE = 0,
    TSA_BATCH_SRC_CANDIDATE, /* "candidate": FILE                          */
    TSA_BATCH_SRC_CENSUS,    /* "census": FILE, "k": K, "index": I         */
    TSA_BATCH_SRC_FAMILY     /* "family": K (type A: blocks 1, K - 1)      */
} tsa_batch_source_t;

/* How a job ended; decides the batch's exit status and whether a rerun
 * redoes the job (IO and INTERNAL are redone, the others are final). */
typedef enum
{
    TSA_BATCH_OK = 0,        /* decided (certified, valid, as expected)    */
    TSA_BATCH_UNDECIDED = 1,
    TSA_BATCH_REFUTED = 2,   /* claim verdict differs from its expectation */
    TSA_BATCH_INPUT = 3,     /* a job's input is malformed or too large    */
    TSA_BATCH_IO = 4,
    TSA_BATCH_INTERNAL = 5
} tsa_batch_outcome_t;

const char *tsa_batch_outcome_name(tsa_batch_outcome_t o);
const char *tsa_batch_kind_name(tsa_batch_kind_t k);

typedef struct
{
    char id[TSA_IO_ID_MAX + 1];
    tsa_batch_kind_t kind;
    tsa_batch_source_t source;
    char *path;              /* candidate, census or claim file (resolved
                                against the plan's folder), or NULL      */
    long k, index;           /* census class; family: k = K              */
    long prec;               /* certify/polish precision (bits)          */
    char preset[32];         /* train                                    */
    uint64_t seed;
    int nset;
    char *set_key[TSA_BATCH_MAX_SETS], *set_val[TSA_BATCH_MAX_SETS];
    double size;             /* work estimate: larger jobs start first   */
    char hash[17];           /* FNV-1a 64 of the job's canonical JSON    */
} tsa_batch_job_t;

typedef struct
{
    char name[TSA_IO_ID_MAX + 1];
    size_t n;
    tsa_batch_job_t *jobs;   /* sorted by id, ids unique                 */
} tsa_batch_plan_t;

/* Read and validate a plan: tag and version, known fields only, types,
 * ranges, safe and unique ids, at most TSA_BATCH_MAX_JOBS jobs, train
 * overrides accepted by the train configuration and within its work
 * limits.  TSA_EFORMAT / TSA_EINVAL naming "FILE: jobs[i].field".  p is
 * uninitialised; on success the caller clears it. */
int tsa_batch_plan_read(tsa_batch_plan_t *p, const char *path) TSA_WUR;
int tsa_batch_plan_parse(tsa_batch_plan_t *p, const char *text,
                         const char *what, const char *base) TSA_WUR;
void tsa_batch_plan_clear(tsa_batch_plan_t *p);

/* Plan generators (JSON text, caller frees).  census: every row of the
 * census file with kmin <= k <= kmax (at most limit per k when limit > 0);
 * family: K = kmin .. kmax; sweep: presets x grid x seeds, where grid is
 * a list of "key=v1,v2,..." whose cartesian product is taken. prec <= 0:
 * the default. */
int tsa_batch_plan_census(char **text, const char *census, long kmin,
                          long kmax, long limit, long prec) TSA_WUR;
int tsa_batch_plan_family(char **text, long kmin, long kmax,
                          long prec) TSA_WUR;
int tsa_batch_plan_sweep(char **text, const char *const *presets, int np,
                         const char *const *grid, int ng, uint64_t seed0,
                         long nseeds) TSA_WUR;
/* claims (gen_claims.c): a check job "check-NAME" for every claim file
 * DIR/NAME.json (only those with "tier": "quick" unless full; a file that
 * cannot be read as a claim is kept: its job reports why), at most
 * TSA_BATCH_MAX_CLAIMS files; "claim" is the file's absolute path.  The
 * job's "size" is the previous run's time in milliseconds, the "seconds"
 * of the report TIMES/<claim id>.json when times is not NULL and it holds
 * one, else 1000 for a quick-tier claim and 60000 for another; the jobs
 * are listed longest first, ties by id.  TSA_EINVAL when NAME does not
 * make a safe job id (tsa_path.h), TSA_EIO when DIR cannot be read. */
#define TSA_BATCH_MAX_CLAIMS 10000
int tsa_batch_plan_claims(char **text, const char *dir, int full,
                          const char *times) TSA_WUR;

/* Output folder layout: creates OUT, OUT/results, OUT/files. */
int tsa_batch_prepare(const char *out) TSA_WUR;

/* 1 when OUT/results/<id>.json is a complete result of this job with a
 * final outcome (not IO/INTERNAL), else 0. */
int tsa_batch_done(const char *out, const tsa_batch_job_t *j);

/* Census files read once (a job of a census plan finds its row without
 * reading the file again).  One per thread, owned by the caller. */
typedef struct tsa_batch_cache_s tsa_batch_cache_t;
tsa_batch_cache_t *tsa_batch_cache_new(void);
void tsa_batch_cache_free(tsa_batch_cache_t *c);

/* Run the jobs p->jobs[idx[k]], k < n, one after another and write each
 * one's result file atomically when it ends, then one fsync of
 * OUT/results for the chunk (a result cut short by a power loss is
 * incomplete: tsa_batch_done says 0 and the job runs again).  failed[k]:
 * result k could not be written; *seconds: the jobs' CPU time.  cache may
 * be NULL.  Returns the number of failed results.  tsa_batch_run_chunk is
 * tsa_batch_run_jobs (no fsync) followed by tsa_batch_sync_jobs (the one
 * fsync; every failed[k] set when it fails; returns the failed count). */
size_t tsa_batch_run_chunk(const tsa_batch_plan_t *p, const size_t *idx,
                           size_t n, const char *out,
                           tsa_batch_cache_t *cache, int *failed,
                           double *seconds);
size_t tsa_batch_run_jobs(const tsa_batch_plan_t *p, const size_t *idx,
                          size_t n, const char *out, tsa_batch_cache_t *cache,
                          int *failed, double *seconds);
size_t tsa_batch_sync_jobs(const char *out, size_t n, int *failed);

/* Job times: a model t = a + b size of a job's CPU seconds, fitted by
 * least squares to the chunks measured so far (a chunk of n jobs of total
 * size S took T seconds: T ~ a n + b S), with a, b >= 0.  A pure rate
 * (t ~ size) underestimates small jobs: census jobs of k = 14 and k = 94
 * take 5 and 15 ms while k^3 differs 300-fold.  A job is priced at the
 * larger of a + b size and b1 size (b1: the least-squares rate through
 * the origin), so that jobs far larger than any measured are never priced
 * like the small ones (when all measured jobs have one size, b is not
 * identifiable and the fit keeps a alone).
 * tsa_batch_rate_time: the model's seconds for n jobs of total size S
 * (0 while nothing is measured).
 * tsa_batch_chunk_len: how many of the jobs order[lo..hi) to take next
 * (from the front, or from the back when back != 0) for about target
 * seconds of work: 1 while nothing is measured, at least 1, at most max. */
typedef struct
{
    double nn, ns, ss, nt, st, tt; /* sums over the chunks measured */
    long chunks;
} tsa_batch_rate_t;
void tsa_batch_rate_add(tsa_batch_rate_t *r, size_t n, double size,
                        double seconds);
double tsa_batch_rate_time(const tsa_batch_rate_t *r, double n, double size);
size_t tsa_batch_chunk_len(const tsa_batch_rate_t *r,
                           const tsa_batch_plan_t *p, const size_t *order,
                           size_t lo, size_t hi, int back, double target,
                           size_t max);

/* Run one job and write its result file (then it is done).  *outcome is
 * how the job ended; *seconds its thread CPU time.  The return value is
 * TSA_SUCCESS when the result file was written (whatever the outcome),
 * else the status of the failed write. */
int tsa_batch_run_job(const tsa_batch_job_t *j, const char *out,
                      tsa_batch_outcome_t *outcome, double *seconds) TSA_WUR;

/* Merge every job's result into OUT/table.tsv, OUT/table.json (sorted by
 * id, no times) and OUT/times.tsv.  counts[o] = jobs with outcome o;
 * *missing = jobs without a complete result (listed as "missing").
 * Written atomically as a group. */
int tsa_batch_merge(const tsa_batch_plan_t *p, const char *out,
                    long counts[6], long *missing) TSA_WUR;

/* The census jobs' rows (certify jobs of a census file, in id order) as
 * a "tsalign-census" file at path, as `tsalign certify --census --json`
 * writes it (times: the jobs' CPU seconds); *nrows of them.  TSA_EIO when
 * a census job has no result. */
int tsa_batch_census_json(const tsa_batch_plan_t *p, const char *out,
                          const char *path, long *nrows) TSA_WUR;

/* The reports of the check jobs gathered in one report folder, as
 * `tsalign check -o DIR` writes it (collect.c): for every check job with a
 * complete result, in id order, each file of OUT/files/<id>/ (the claim's
 * <claim id>.json and .md, the checker's plot and data files) whose name
 * is a safe id, not a temporary and not an index, is copied to DIR/<name>
 * atomically (temporary + rename; symbolic links not followed, at most
 * 256 MiB a file); then DIR/index.md is rebuilt from every report in DIR
 * (tsa_claim_write_index).  DIR is created when missing.  *njobs jobs and
 * *nfiles files were copied.  TSA_EIO naming the file that failed. */
int tsa_batch_collect_reports(const tsa_batch_plan_t *p, const char *out,
                              const char *dir, long *njobs,
                              long *nfiles) TSA_WUR;

/* Jobs to run (not done), largest size first, ties by id: indices into
 * p->jobs in *order (malloc'd), *n of them; *skipped = done jobs. */
int tsa_batch_todo(size_t **order, size_t *n, size_t *skipped,
                   const tsa_batch_plan_t *p, const char *out) TSA_WUR;

#ifdef __cplusplus
}
#endif
#endif
