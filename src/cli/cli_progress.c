/* cli_progress.c -- progress lines of long jobs (cli_progress.h). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "cli_progress.h"

double
tsa_cli_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double) t.tv_sec + 1e-9 * (double) t.tv_nsec;
}

/* "42 s", "12 min", "3.1 h" */
static void
duration(char *buf, size_t size, double s)
{
    if (s < 120)
        snprintf(buf, size, "%.0f s", s);
    else if (s < 7200)
        snprintf(buf, size, "%.0f min", s / 60);
    else
        snprintf(buf, size, "%.1f h", s / 3600);
}

void
tsa_cli_progress(const char *what, long i, long n, double t0)
{
    double el = tsa_cli_now() - t0;
    char e[32], l[32];
    duration(e, sizeof e, el);
    if (n > 0 && i > 0 && i <= n)
    {
        duration(l, sizeof l, el / (double) i * (double) (n - i));
        fprintf(stderr, "%s [%ld/%ld] %s elapsed, about %s left: ", what, i, n, e, l);
    }
    else
        fprintf(stderr, "%s [%ld] %s elapsed: ", what, i, e);
}

long
tsa_cli_census_count(const char *path, long kmin, long kmax, long limit)
{
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    long n = 0, curk = -1, perk = 0;
    if (f == NULL)
        return -1;
    while (getline(&line, &cap, f) > 0)
    {
        char *end;
        long k = strtol(line, &end, 10);
        if (end == line || *end != '\t' || k < kmin || k > kmax)
            continue;
        if (k != curk)
        {
            curk = k;
            perk = 0;
        }
        if (limit > 0 && perk >= limit)
            continue;
        perk++;
        n++;
    }
    free(line);
    fclose(f);
    return n;
}
