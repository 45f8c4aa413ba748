/* p-train-metrics.c -- the metric share of a default training run
 * (issue 14 item 5, docs/train.md section 9).
 *
 * For each preset (default: ss2, the preset `tsalign train` runs), the
 * whole run as the CLI does it (state_alloc: teacher, data, labels; the
 * steps; a metric record at step 0, every log_every steps and at the end)
 * is timed three ways in process CPU time (getrusage, user + system):
 *   none    the same run without any record,
 *   default records with the default metric_rows (estimates on the first
 *           rows, the last record on all rows),
 *   exact   metric_rows = 0: every record on all rows (the records of the
 *           code before, bit for bit; tests/train/t-records.c).
 * Two shares: "diff" = (t - t_none) / t from whole runs (everything the
 * records cost, first touch and cache effects included, but on a loaded
 * machine the difference of two noisy totals), and "in" = CPU time inside
 * the record calls / t (the same run: far less noise).  Minimum over
 * trials of each time.
 * Usage: p-train-metrics [--trials N] [PRESET...] */
#include <config.h> /* TSA_HAVE_OPENBLAS */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include "tsalign.h"

#ifdef TSA_HAVE_OPENBLAS
void openblas_set_num_threads(int);
#endif

static double
cpu_now(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec
           + (double)ru.ru_stime.tv_sec + 1e-6 * (double)ru.ru_stime.tv_usec;
}

/* one record, its CPU time added to *tin */
static void
record(tsa_train_state *st, double *tin)
{
    double t = cpu_now();
    if (tsa_train_state_log(st) != TSA_SUCCESS)
        exit(1);
    *tin += cpu_now() - t;
}

/* CPU seconds of one run and (*tin) of its records; mode 0: no records,
   1: default, 2: exact */
static double
run(const char *preset, int mode, size_t *nrec, double *tin)
{
    tsa_train_config cfg;
    tsa_train_state *st;
    size_t every;
    double t0 = cpu_now();
    *tin = 0.0;
    if (tsa_train_config_preset(&cfg, preset) != TSA_SUCCESS)
        exit(2);
    if (mode == 2)
        cfg.metric_rows = 0;
    if (tsa_train_state_alloc(&st, &cfg) != TSA_SUCCESS)
        exit(1);
    every = cfg.log_every ? cfg.log_every
                          : (cfg.steps >= 50 ? cfg.steps / 50 : 1);
    if (mode)
        record(st, tin);
    while (tsa_train_test_steps(st) != TSA_SUCCESS)
    {
        if (tsa_train_state_iterate(st) != TSA_SUCCESS)
            exit(1);
        if (mode && (st->step % every == 0 || st->step == cfg.steps))
            record(st, tin);
    }
    *nrec = st->nhist;
    tsa_train_state_free(st);
    return cpu_now() - t0;
}

int
main(int argc, char **argv)
{
    const char *def[] = {"ss2"};
    const char **presets = def;
    int np = 1, trials = 3, i, a = 1;
#ifdef TSA_HAVE_OPENBLAS
    openblas_set_num_threads(1);
#endif
    if (a + 1 < argc && strcmp(argv[a], "--trials") == 0)
    {
        trials = atoi(argv[a + 1]);
        a += 2;
    }
    if (trials < 1)
        trials = 1;
    if (a < argc)
    {
        presets = (const char **)(argv + a);
        np = argc - a;
    }
    printf("# metric share of a training run, process CPU time (user + "
           "sys), minimum of %d trials\n", trials);
    printf("# %-6s %7s %7s | %9s %8s %6s %6s | %7s %8s %6s %6s\n", "preset",
           "records", "none s", "default s", "in rec s", "diff", "in",
           "exact s", "in rec s", "diff", "in");
    for (i = 0; i < np; i++)
    {
        double tb[3] = {1e300, 1e300, 1e300}, ti[3] = {1e300, 1e300, 1e300};
        size_t nr = 0, nr0;
        int m, t;
        for (t = 0; t < trials; t++)
            for (m = 0; m < 3; m++)
            {
                double in, x = run(presets[i], m, m ? &nr : &nr0, &in);
                if (x < tb[m])
                    tb[m] = x;
                if (in < ti[m])
                    ti[m] = in;
            }
        printf("  %-6s %7zu %7.3f | %9.3f %8.4f %5.1f%% %5.1f%% | %7.3f "
               "%8.4f %5.1f%% %5.1f%%\n",
               presets[i], nr, tb[0], tb[1], ti[1],
               100.0 * (tb[1] - tb[0]) / tb[1], 100.0 * ti[1] / tb[1], tb[2],
               ti[2], 100.0 * (tb[2] - tb[0]) / tb[2], 100.0 * ti[2] / tb[2]);
    }
    printf("# diff = (t - t_none) / t; in = CPU time inside the records / t; "
           "default: estimates on metric_rows rows, the last record exact; "
           "exact: --metric-rows 0\n");
    return 0;
}
