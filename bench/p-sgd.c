/* p-sgd.c -- one SGD step and one epoch of tsalign's trainer against
 * PyTorch (float64, one thread), same architecture and batch size, run
 * side by side from this program (it spawns bench/p-sgd-torch.py), for the
 * two-layer preset (ss2: 100 -> 50 -> 50) and the deep preset (deep:
 * 20 -> 100 -> 150 -> 200 -> 250 -> 100), batch 16 and 256.
 *
 * Prints, per case,
 *   batch 16 two-layer: 7.3x faster than PyTorch          (one step)
 *   batch 16 two-layer epoch: 6.9x faster than PyTorch    (one epoch)
 * and at batch 256 the step time as a multiple of the floor: the same
 * dgemm calls with the same shapes on the same buffers, nothing else,
 * timed in this program.  Times are process CPU times (all threads, so a
 * BLAS that starts threads is not undercounted; other load on the machine
 * does not count), the minimum over repeated trials, each trial long
 * enough to be timed.
 * Environment: TSA_TORCH_PYTHON overrides the Python that has torch. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_rng.h>
#include "tsa_train.h"

#ifdef TSA_HAVE_OPENBLAS
void openblas_set_num_threads(int);
#endif
#ifndef TSA_BENCH_TORCH_SCRIPT
#define TSA_BENCH_TORCH_SCRIPT "bench/p-sgd-torch.py"
#endif
#ifndef TSA_TORCH_PYTHON
#define TSA_TORCH_PYTHON "/usr/bin/python3"
#endif

#define NTRAIN 16384

static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

typedef void (*fn_t)(void *);

/* median over trials of the mean time of one call, seconds */
static double
median_time(fn_t f, void *arg, double min_time, int trials)
{
    double t[15], t0, dt;
    long reps = 1, r;
    int i, j;
    f(arg);
    for (;;)
    {
        t0 = now();
        for (r = 0; r < reps; r++)
            f(arg);
        dt = now() - t0;
        if (dt >= min_time)
            break;
        reps *= 2;
    }
    for (i = 0; i < trials; i++)
    {
        t0 = now();
        for (r = 0; r < reps; r++)
            f(arg);
        t[i] = (now() - t0) / (double) reps;
    }
    for (i = 1; i < trials; i++)
        for (j = i; j > 0 && t[j] < t[j - 1]; j--)
        {
            double x = t[j];
            t[j] = t[j - 1];
            t[j - 1] = x;
        }
    return t[0]; /* the minimum: least disturbed by other load */
}

typedef struct
{
    tsa_train_state *st;   /* the trainer, finite data, batch B        */
    gsl_matrix *X, *T;     /* a fixed batch                            */
    double lr;
} bench_t;

/* one step: gradient on the fixed batch and the update */
static void
step(void *arg)
{
    bench_t *b = arg;
    tsa_train_net *net = b->st->student;
    gsl_vector_view g = gsl_vector_view_array(b->st->grad, net->nparam);
    gsl_vector_view p = gsl_vector_view_array(net->param, net->nparam);
    tsa_train_grad(b->st->grad, b->st->ws, net, b->X, b->T);
    gsl_blas_daxpy(-b->lr, &g.vector, &p.vector);
}

/* one epoch: NTRAIN / B steps with with-replacement batches */
static void
epoch(void *arg)
{
    bench_t *b = arg;
    size_t i, n = NTRAIN / b->st->cfg.batch;
    for (i = 0; i < n; i++)
        if (tsa_train_state_iterate(b->st))
            abort();
}

/* the floor: only the step's dgemm calls, same shapes, same buffers */
static void
floor_dgemms(void *arg)
{
    bench_t *b = arg;
    const tsa_train_net *net = b->st->student;
    tsa_train_work *w = b->st->ws;
    size_t B = b->X->size1, L = net->nlayers, l;
    double *grad = b->st->grad;
    for (l = 0; l < L; l++)
    {
        gsl_matrix_view Z = gsl_matrix_submatrix(w->Z[l], 0, 0, B,
                                                 net->size[l + 1]);
        gsl_matrix_view W = tsa_train_net_W(net, net->param, l);
        const gsl_matrix *A = b->X;
        gsl_matrix_view Av;
        if (l > 0)
        {
            Av = gsl_matrix_submatrix(w->H[l - 1], 0, 0, B, net->size[l]);
            A = &Av.matrix;
        }
        gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, A, &W.matrix, 0.0,
                       &Z.matrix);
    }
    for (l = L; l-- > 0;)
    {
        gsl_matrix_view G = gsl_matrix_submatrix(
            (L - 1 - l) % 2 ? w->G1 : w->G0, 0, 0, B, net->size[l + 1]);
        gsl_matrix_view W = tsa_train_net_W(net, net->param, l);
        gsl_matrix_view dW = tsa_train_net_W(net, grad, l);
        const gsl_matrix *A = b->X;
        gsl_matrix_view Av;
        if (l > 0)
        {
            Av = gsl_matrix_submatrix(w->H[l - 1], 0, 0, B, net->size[l]);
            A = &Av.matrix;
        }
        gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, &G.matrix, A, 0.0,
                       &dW.matrix);
        if (l > 0)
        {
            gsl_matrix_view Gp = gsl_matrix_submatrix(
                (L - 1 - l) % 2 ? w->G0 : w->G1, 0, 0, B, net->size[l]);
            gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, &G.matrix,
                           &W.matrix, 0.0, &Gp.matrix);
        }
    }
}

typedef struct
{
    const char *name, *preset;
} case_t;

int
main(int argc, char **argv)
{
    static const case_t cases[] = {{"two-layer", "ss2"}, {"deep", "deep"}};
    static const size_t batches[] = {16, 256};
    double cstep[2][2], cepoch[2][2], cfloor[2][2];
    double tstep[2][2], tepoch[2][2];
    int have_torch[2][2];
    char cmd[8192], specs[2][2][256];
    const char *py = getenv("TSA_TORCH_PYTHON");
    size_t ci, bi, len;
    FILE *p;
    char vbuf[2048];

    /* OpenBLAS 0.3.21 does not know Zen 4/5 and falls back to its AVX2
       (Haswell) kernels; on an AVX-512 CPU run the whole comparison a
       second time with OPENBLAS_CORETYPE=SkylakeX (both sides use the
       same OpenBLAS, so both get the faster kernels). */
#if defined(TSA_HAVE_OPENBLAS) && defined(__GNUC__) && defined(__x86_64__)
    if (argc > 0 && getenv("OPENBLAS_CORETYPE") == NULL
        && __builtin_cpu_supports("avx512f"))
    {
        int rc;
        char cmd2[4096];
        setenv("OPENBLAS_NUM_THREADS", "1", 1);
        snprintf(cmd2, sizeof cmd2, "OPENBLAS_CORETYPE=SkylakeX '%s'",
                 argv[0]);
        rc = system(cmd2);
        if (rc != 0)
            return 1;
        printf("\n== the same with OpenBLAS's default core for this CPU\n");
    }
#endif
    setenv("OPENBLAS_NUM_THREADS", "1", 1);
    setenv("OMP_NUM_THREADS", "1", 1);
#ifdef TSA_HAVE_OPENBLAS
    openblas_set_num_threads(1);
#endif
    if (py == NULL || py[0] == '\0')
        py = TSA_TORCH_PYTHON;
    if (py[0] == '\0') /* configure found no python3 in /usr/bin */
        py = "/usr/bin/python3";
    tsa_versions(vbuf, sizeof vbuf);
    printf("p-sgd: float64, one thread; tsalign on GSL BLAS vs PyTorch%s%s\n%s",
           getenv("OPENBLAS_CORETYPE") ? "; OPENBLAS_CORETYPE=" : "",
           getenv("OPENBLAS_CORETYPE") ? getenv("OPENBLAS_CORETYPE") : "",
           vbuf);

    for (ci = 0; ci < 2; ci++)
        for (bi = 0; bi < 2; bi++)
        {
            tsa_train_config cfg;
            bench_t b;
            gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
            size_t l;
            if (tsa_train_config_preset(&cfg, cases[ci].preset))
                return 1;
            cfg.batch = batches[bi];
            cfg.n_train = NTRAIN;
            cfg.n_eval = 2;
            cfg.opt = TSA_TRAIN_OPT_SGD;
            cfg.lr = 1e-6;
            if (tsa_train_state_alloc(&b.st, &cfg))
            {
                fprintf(stderr, "p-sgd: %s\n", tsa_error_last());
                return 1;
            }
            b.lr = cfg.lr;
            b.X = gsl_matrix_alloc(cfg.batch, cfg.d);
            b.T = gsl_matrix_alloc(cfg.batch, cfg.outputs);
            tsa_train_sample_gaussian(b.X, cfg.sigma, r);
            tsa_train_sample_gaussian(b.T, 1.0, r);
            /* step and floor interleaved, so that both see the same
               machine state; the minimum of each */
            cstep[ci][bi] = cfloor[ci][bi] = 1e300;
            for (l = 0; l < 3; l++)
            {
                double ts = median_time(step, &b, 0.03, 5);
                double tf = median_time(floor_dgemms, &b, 0.03, 5);
                cstep[ci][bi] = ts < cstep[ci][bi] ? ts : cstep[ci][bi];
                cfloor[ci][bi] = tf < cfloor[ci][bi] ? tf : cfloor[ci][bi];
            }
            cepoch[ci][bi] = median_time(epoch, &b, 0.2, 3);
            len = (size_t) snprintf(specs[ci][bi], sizeof specs[ci][bi],
                                    "%s:%zu", cases[ci].name, cfg.d);
            for (l = 0; l < cfg.nhidden; l++)
                len += (size_t) snprintf(specs[ci][bi] + len,
                                         sizeof specs[ci][bi] - len, ",%zu",
                                         b.st->student->size[l + 1]);
            snprintf(specs[ci][bi] + len, sizeof specs[ci][bi] - len,
                     ",%zu:%d:%zu:%d", cfg.outputs, cfg.bias, cfg.batch,
                     NTRAIN);
            gsl_matrix_free(b.X);
            gsl_matrix_free(b.T);
            gsl_rng_free(r);
            tsa_train_state_free(b.st);
            have_torch[ci][bi] = 0;
        }

    /* PyTorch, same program run */
    len = (size_t) snprintf(cmd, sizeof cmd, "%s %s", py,
                            TSA_BENCH_TORCH_SCRIPT);
    for (ci = 0; ci < 2; ci++)
        for (bi = 0; bi < 2; bi++)
            len += (size_t) snprintf(cmd + len, sizeof cmd - len, " %s",
                                     specs[ci][bi]);
    p = popen(cmd, "r");
    if (p != NULL)
    {
        char name[64];
        size_t batch;
        double s_us, e_ms;
        while (fscanf(p, "%63s %zu %lf %lf", name, &batch, &s_us, &e_ms) == 4)
            for (ci = 0; ci < 2; ci++)
                for (bi = 0; bi < 2; bi++)
                    if (strcmp(name, cases[ci].name) == 0
                        && batch == batches[bi])
                    {
                        tstep[ci][bi] = s_us * 1e-6;
                        tepoch[ci][bi] = e_ms * 1e-3;
                        have_torch[ci][bi] = 1;
                    }
        pclose(p);
    }

    printf("\n");
    for (bi = 0; bi < 2; bi++)
        for (ci = 0; ci < 2; ci++)
        {
            const char *nm = cases[ci].name;
            size_t B = batches[bi];
            if (!have_torch[ci][bi])
                printf("batch %zu %s: PyTorch not available (%s)\n", B, nm,
                       py);
            else
            {
                printf("batch %zu %s: %.1fx faster than PyTorch\n", B, nm,
                       tstep[ci][bi] / cstep[ci][bi]);
                printf("batch %zu %s epoch: %.1fx faster than PyTorch\n", B,
                       nm, tepoch[ci][bi] / cepoch[ci][bi]);
            }
            printf("  step %.2f us (PyTorch %.2f us); epoch of %d steps "
                   "%.2f ms (PyTorch %.2f ms)\n", cstep[ci][bi] * 1e6,
                   have_torch[ci][bi] ? tstep[ci][bi] * 1e6 : 0.0,
                   NTRAIN / (int) B, cepoch[ci][bi] * 1e3,
                   have_torch[ci][bi] ? tepoch[ci][bi] * 1e3 : 0.0);
            printf("  floor (the step's dgemm calls alone) %.2f us: step = "
                   "%.2fx floor\n", cfloor[ci][bi] * 1e6,
                   cstep[ci][bi] / cfloor[ci][bi]);
        }
    return 0;
}
