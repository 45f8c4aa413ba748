/* chunk.c -- how many jobs go into one hand-out (tsa_batch.h): census
 * jobs take milliseconds, so handing them out one by one costs more than
 * running them; a chunk carries about `target` seconds of estimated work
 * (the seconds per unit of size measured so far), a large job alone. */
#include "tsa_batch.h"

void
tsa_batch_rate_add(tsa_batch_rate_t *r, double size, double seconds)
{
    if (size > 0 && seconds >= 0)
    {
        r->size += size;
        r->seconds += seconds;
    }
}

size_t
tsa_batch_chunk_len(const tsa_batch_rate_t *r, const tsa_batch_plan_t *p,
                    const size_t *order, size_t lo, size_t hi, int back,
                    double target, size_t max)
{
    double per, est = 0;
    size_t n = 0;
    if (hi <= lo)
        return 0;
    if (r->size <= 0 || max < 2)
        return 1;
    per = r->seconds / r->size;
    while (n < hi - lo && n < max && (n == 0 || est < target))
    {
        size_t i = order[back ? hi - 1 - n : lo + n];
        est += per * p->jobs[i].size;
        n++;
    }
    return n;
}
