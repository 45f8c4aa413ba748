/* t-chunk.c -- the batch runner's job-time model and chunk lengths
 * (src/batch/chunk.c): the fit t = a + b size recovers known a, b; the
 * constraint a, b >= 0 holds; a chunk of small jobs from the back of the
 * order carries about the target time.  The old model (t = b size, one
 * rate) put 128 census jobs of ~5 ms (0.64 s) into a 25 ms chunk: rank 0
 * then kept the other rank waiting (t_small_jobs fails on it); a fit
 * from jobs of one size priced 60 s claims like 2 ms ones (t_one_size). */
#include <math.h>
#include <string.h>
#include "tsa_test.h"
#include "tsa_batch.h"

#define NJOBS 1000

/* census-like plan: size k^3, k = 6 + i % 95, largest first in order[] */
static void
plan_init(tsa_batch_plan_t *p, tsa_batch_job_t *jobs, size_t *order)
{
    size_t i;
    memset(p, 0, sizeof *p);
    memset(jobs, 0, NJOBS * sizeof *jobs);
    p->n = NJOBS;
    p->jobs = jobs;
    for (i = 0; i < NJOBS; i++)
    {
        double k = 6 + (double) (i % 95);
        jobs[i].size = k * k * k;
    }
    /* order: decreasing size (k = 100 first), as tsa_batch_todo sorts */
    {
        size_t n = 0, k;
        for (k = 100; k >= 6; k--)
            for (i = 0; i < NJOBS; i++)
                if (6 + i % 95 == k)
                    order[n++] = i;
    }
}

/* time of a job: 5 ms + 1.2e-8 s per unit of size (the census here) */
static double
job_time(double size)
{
    return 5e-3 + 1.2e-8 * size;
}

static void
feed(tsa_batch_rate_t *r, const tsa_batch_plan_t *p, const size_t *order,
     size_t lo, size_t n)
{
    double t = 0, s = 0;
    size_t k;
    for (k = 0; k < n; k++)
    {
        s += p->jobs[order[lo + k]].size;
        t += job_time(p->jobs[order[lo + k]].size);
    }
    tsa_batch_rate_add(r, n, s, t);
}

START_TEST(t_fit)
{
    static tsa_batch_job_t jobs[NJOBS];
    static size_t order[NJOBS];
    tsa_batch_plan_t p;
    tsa_batch_rate_t r;
    double t0, t1;
    memset(&r, 0, sizeof r);
    plan_init(&p, jobs, order);
    ck_assert(tsa_batch_rate_time(&r, 1, 1e6) == 0);
    /* chunks from both ends: large jobs few at a time, small ones many */
    feed(&r, &p, order, 0, 2);
    feed(&r, &p, order, 2, 3);
    feed(&r, &p, order, NJOBS - 40, 40);
    feed(&r, &p, order, NJOBS - 100, 60);
    /* below size ~6e5 the fit is the larger estimate; above it the rate
       through the origin (about 2e-8 s per unit here) */
    t0 = tsa_batch_rate_time(&r, 1, 0);
    t1 = tsa_batch_rate_time(&r, 1, 2e5);
    ck_assert_msg(fabs(t0 - 5e-3) < 1e-9, "a = %g", t0);
    ck_assert_msg(fabs(t1 - t0 - 2.4e-3) < 1e-9, "b 2e5 = %g", t1 - t0);
    ck_assert(fabs(tsa_batch_rate_time(&r, 10, 5e5) - (5e-2 + 6e-3)) < 1e-9);
    t1 = tsa_batch_rate_time(&r, 1, 1e6);
    ck_assert_msg(t1 >= 0.017 && t1 < 0.021, "size 1e6: %g", t1);
}
END_TEST

START_TEST(t_small_jobs)
{
    static tsa_batch_job_t jobs[NJOBS];
    static size_t order[NJOBS];
    tsa_batch_plan_t p;
    tsa_batch_rate_t r;
    size_t m, k;
    double t = 0;
    memset(&r, 0, sizeof r);
    plan_init(&p, jobs, order);
    ck_assert_uint_eq(tsa_batch_chunk_len(&r, &p, order, 0, NJOBS, 1, 0.025,
                                          256), 1);
    feed(&r, &p, order, 0, 3);
    feed(&r, &p, order, NJOBS - 10, 10);
    m = tsa_batch_chunk_len(&r, &p, order, 3, NJOBS - 10, 1, 0.025, 256);
    for (k = 0; k < m; k++)
        t += job_time(p.jobs[order[NJOBS - 11 - k]].size);
    /* the last job may overshoot the target by one job's time */
    ck_assert_msg(m >= 4 && m <= 6, "back chunk of %zu jobs", m);
    ck_assert_msg(t >= 0.025 && t < 0.025 + 5.1e-3, "back chunk %g s", t);
    /* the front: jobs of k near 100 take ~17 ms, so 2 make 25 ms */
    m = tsa_batch_chunk_len(&r, &p, order, 3, NJOBS - 10, 0, 0.025, 256);
    ck_assert_uint_eq(m, 2);
    /* the cap */
    ck_assert_uint_eq(tsa_batch_chunk_len(&r, &p, order, 3, NJOBS - 10, 1,
                                          100.0, 7), 7);
    ck_assert_uint_eq(tsa_batch_chunk_len(&r, &p, order, 5, 5, 1, 1.0, 7), 0);
}
END_TEST

/* the constrained fit: data with a negative intercept gives a = 0 and the
   pure rate; data constant per job gives b = 0; no fit is negative */
START_TEST(t_nonnegative)
{
    tsa_batch_rate_t r;
    double t;
    memset(&r, 0, sizeof r);
    tsa_batch_rate_add(&r, 1, 100, 0.9);  /* t = -0.1 + 0.01 size */
    tsa_batch_rate_add(&r, 1, 200, 1.9);
    tsa_batch_rate_add(&r, 2, 300, 2.8);
    t = tsa_batch_rate_time(&r, 1, 0);
    ck_assert_msg(t == 0, "intercept %g", t);
    t = tsa_batch_rate_time(&r, 0, 100);
    ck_assert_msg(t > 0.93 && t < 0.94, "rate x 100: %g", t); /* 1310/1.4e5 */
    memset(&r, 0, sizeof r);
    tsa_batch_rate_add(&r, 1, 100, 0.5);
    tsa_batch_rate_add(&r, 1, 400, 0.5);
    tsa_batch_rate_add(&r, 3, 500, 1.5);
    ck_assert(fabs(tsa_batch_rate_time(&r, 1, 0) - 0.5) < 1e-12);
    ck_assert(fabs(tsa_batch_rate_time(&r, 1, 100) - 0.5) < 1e-12);
    /* far beyond the sizes measured the rate through the origin prices
       the job (1000 / 420000 per unit), not the constant fit */
    t = tsa_batch_rate_time(&r, 1, 1e6);
    ck_assert_msg(fabs(t - 1e9 / 420000) < 1e-6, "size 1e6: %g", t);
    /* hostile values are ignored */
    tsa_batch_rate_add(&r, 1, -1, 1);
    tsa_batch_rate_add(&r, 1, 1, NAN);
    tsa_batch_rate_add(&r, 0, 1, 1);
    ck_assert_int_eq(r.chunks, 3);
}
END_TEST

/* make proofs: every claim measured so far had size 1 (1 ms in the plan)
   and took 2 ms, so b is not identifiable and the fit keeps a = 2 ms; a
   claim of size 60000 (60 s) must still go alone, not 50 to a chunk (one
   rank then ran every full-tier claim while the other idled for 20 min) */
START_TEST(t_one_size)
{
    static tsa_batch_job_t jobs[100];
    size_t order[100], k;
    tsa_batch_plan_t p;
    tsa_batch_rate_t r;
    memset(&r, 0, sizeof r);
    memset(&p, 0, sizeof p);
    memset(jobs, 0, sizeof jobs);
    p.n = 100;
    p.jobs = jobs;
    for (k = 0; k < 100; k++)
    {
        jobs[k].size = k < 50 ? 60000 : 1;
        order[k] = k;
    }
    for (k = 0; k < 10; k++)
        tsa_batch_rate_add(&r, 1 + k % 3, 1.0 + k % 3, 0.002 * (1 + k % 3));
    ck_assert_uint_eq(tsa_batch_chunk_len(&r, &p, order, 0, 100, 0, 0.1,
                                          256), 1);
    ck_assert(tsa_batch_rate_time(&r, 1, 60000) > 100);
    /* the small ones still go 50 at a time (2 ms each, target 0.1 s) */
    ck_assert_uint_eq(tsa_batch_chunk_len(&r, &p, order, 50, 100, 1, 0.1,
                                          256), 50);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_fit, t_small_jobs, t_nonnegative, t_one_size};
    return tsa_test_main("chunk", tests, 4, 0);
}
