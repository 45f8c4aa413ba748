/* chunk.c -- how many jobs go into one hand-out (tsa_batch.h): census
 * jobs take milliseconds, so handing them out one by one costs more than
 * running them; a chunk carries about `target` seconds of estimated work,
 * a large job alone.  A job's time is modelled as a + b size (a fixed cost
 * per job plus a part growing with its size), fitted by least squares to
 * the chunks measured so far. */
#include "tsa_batch.h"

void
tsa_batch_rate_add(tsa_batch_rate_t *r, size_t n, double size,
                   double seconds)
{
    double m = (double) n;
    if (n == 0 || !(size >= 0) || !(seconds >= 0))
        return;
    r->nn += m * m;
    r->ns += m * size;
    r->ss += size * size;
    r->nt += m * seconds;
    r->st += size * seconds;
    r->tt += seconds * seconds;
    r->chunks++;
}

/* residual sum of squares of T ~ a n + b S over the chunks */
static double
rss(const tsa_batch_rate_t *r, double a, double b)
{
    return r->tt - 2 * a * r->nt - 2 * b * r->st + a * a * r->nn
           + 2 * a * b * r->ns + b * b * r->ss;
}

/* least squares with a, b >= 0: the free minimum when it is admissible
   (and the 2x2 normal equations are well conditioned), else the better
   of the two one-parameter fits (the minimum on an edge of the quadrant) */
static void
fit(const tsa_batch_rate_t *r, double *a, double *b)
{
    double det = r->nn * r->ss - r->ns * r->ns, a1, b1;
    *a = *b = 0;
    if (r->chunks == 0)
        return;
    if (det > 1e-9 * r->nn * r->ss)
    {
        *a = (r->nt * r->ss - r->st * r->ns) / det;
        *b = (r->st * r->nn - r->nt * r->ns) / det;
        if (*a >= 0 && *b >= 0)
            return;
    }
    a1 = r->nn > 0 ? r->nt / r->nn : 0;
    b1 = r->ss > 0 ? r->st / r->ss : 0;
    if (a1 < 0)
        a1 = 0;
    if (b1 < 0)
        b1 = 0;
    if (r->ss > 0 && rss(r, 0, b1) < rss(r, a1, 0))
        *a = 0, *b = b1;
    else
        *a = a1, *b = 0;
}

/* the rate through the origin, b1 = sum S T / sum S^2 (0 while nothing
   of positive size is measured) */
static double
rate(const tsa_batch_rate_t *r)
{
    double b1 = r->ss > 0 ? r->st / r->ss : 0;
    return b1 > 0 ? b1 : 0;
}

/* a job's estimate: the larger of the fit a + b size and the pure rate
   b1 size.  Underestimating a large job is what hurts (a chunk of many of
   them goes to one rank while the others idle); overestimating only makes
   a chunk shorter.  When every job measured so far has the same size (say
   the quick claims, all of size 1 ms) b is not identifiable and the fit
   keeps a alone (b = 0), which would price a job 60 000 times larger like
   the small ones; the rate takes over there.  For the census the fit is
   the larger for all but the largest classes. */
static double
job_est(double a, double b, double b1, double size)
{
    double t = a + b * size, u = b1 * size;
    return t > u ? t : u;
}

double
tsa_batch_rate_time(const tsa_batch_rate_t *r, double n, double size)
{
    double a, b, t, u;
    fit(r, &a, &b);
    t = a * n + b * size;
    u = rate(r) * size;
    return t > u ? t : u;
}

size_t
tsa_batch_chunk_len(const tsa_batch_rate_t *r, const tsa_batch_plan_t *p,
                    const size_t *order, size_t lo, size_t hi, int back,
                    double target, size_t max)
{
    double a, b, b1, est = 0;
    size_t n = 0;
    if (hi <= lo)
        return 0;
    fit(r, &a, &b);
    b1 = rate(r);
    if ((a <= 0 && b <= 0 && b1 <= 0) || max < 2)
        return 1;
    while (n < hi - lo && n < max && (n == 0 || est < target))
    {
        size_t i = order[back ? hi - 1 - n : lo + n];
        est += job_est(a, b, b1, p->jobs[i].size);
        n++;
    }
    return n;
}
