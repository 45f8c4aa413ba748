/* tsa_ea.h -- early alignment, measured (issue 13 item 3;
 * docs/early-alignment.md, "Measurements").
 *
 * The network is h(x) = sum_j a_j relu(w_j . (x, 1)), x in R^d, w_j in
 * R^{d+1}, trained by full-batch gradient descent on the mean squared error
 *     L = 1/(2n) sum_k (h(x_k) - y_k)^2
 * from the balanced initialisation of scale lambda: every entry of w_j is
 * N(0, lambda^2 / m), a_j = s_j |w_j| with a random sign s_j.  Everything
 * is float64 and single-threaded; Z = X W^T and the weight gradient go
 * through gsl_blas_dgemm, and the random stream is GSL's MT19937 seeded
 * with the run's seed, so one seed gives the same bytes on one machine and
 * CBLAS.  relu'(0) = 0.  Time is t = step x lr (gradient-flow time).
 *
 * Definitions of the measured numbers (docs/early-alignment.md s. M2):
 *   u_j(k)        = w_j / |w_j| after k steps (the neuron's direction)
 *   escape step   K_esc: first k with |h(k)| >= escape_frac |y| (|.| the
 *                 root mean square over the samples); t_esc = K_esc lr
 *   alignment     A_j = lr x the least k <= K_esc such that
 *                 angle(u_j(k'), u_j(K_esc)) <= settle_tol for every
 *                 k' in k .. K_esc (settled before the escape)
 *   settle        S_j = lr x the least k such that angle(u_j(k'), u_j(K))
 *                 <= settle_tol for every k' in k .. K (K the last step)
 *   contribution  c_j = |a_j| |w_j| at the end; neuron j is non-negligible
 *                 when c_j >= active_frac max_i c_i
 *   clusters      final directions of the non-negligible neurons, greedy
 *                 by decreasing c_j: a neuron joins the first cluster whose
 *                 direction is within cluster_tol, else opens one
 *   flip          a step after which a_j has the other sign (or 0): gradient
 *                 flow conserves a_j^2 - |w_j|^2 = 0, so a_j never crosses 0
 *                 while w_j != 0; discrete GD can.
 *   interpolates  final loss < interp_tol. */
#ifndef TSA_EA_H
#define TSA_EA_H

#include <stddef.h>
#include <stdint.h>
#include "tsa_base.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Limits, checked before any allocation (docs/early-alignment.md s. M7). */
#define TSA_EA_MAX_WIDTH 100000     /* m                                 */
#define TSA_EA_MAX_SAMPLES 100000   /* n                                 */
#define TSA_EA_MAX_DIM 1000         /* d                                 */
#define TSA_EA_MAX_STEPS 100000000  /* GD steps of one run               */
#define TSA_EA_MIN_LAMBDA 1e-12
#define TSA_EA_MAX_LAMBDA 1e3
#define TSA_EA_MAX_LR 10.0
#define TSA_EA_MAX_ABS 1e6          /* |x_k|, |y_k|                      */
#define TSA_EA_MAX_WORK 1e13        /* flops of one run or one sweep     */
#define TSA_EA_MAX_CLUSTERS 8       /* clusters kept per run             */
#define TSA_EA_MAX_GRID 64          /* entries of each sweep list        */
#define TSA_EA_MAX_SEEDS 10000
#define TSA_EA_MAX_RUNS 1000000     /* runs of one sweep                 */

/* A dataset: n samples, rows (x_k, 1) of X (n x (d + 1)), targets y. */
typedef struct
{
    size_t n, d;
    double *X, *y;
} tsa_ea_data;

/* The seed's example: x = (-3/4, -1/2, 1/8), y = (11/10, 1/10, 4/5). */
int tsa_ea_data_default(tsa_ea_data *D) TSA_WUR;
/* A text file, one sample per line "x_1 ... x_d y" (d >= 1 the same on
 * every line; blank lines and lines starting with '#' skipped; numbers as
 * tsa_io_parse_double).  Errors name path:line. */
int tsa_ea_data_read(tsa_ea_data *D, const char *path) TSA_WUR;
void tsa_ea_data_clear(tsa_ea_data *D);

/* Parameters of one run. */
typedef struct
{
    size_t m, steps;
    double lambda, lr;
    uint64_t seed;
    double escape_frac;  /* default 0.1                                   */
    double settle_tol;   /* radians, default 0.01                         */
    double active_frac;  /* default 1e-3                                  */
    double cluster_tol;  /* radians, default 0.05                         */
    double interp_tol;   /* default 1e-8                                  */
} tsa_ea_opts;

void tsa_ea_opts_default(tsa_ea_opts *o);
/* Every field within its limit, the work of one run (two passes) within
 * TSA_EA_MAX_WORK; TSA_EINVAL naming the field. */
int tsa_ea_opts_check(const tsa_ea_opts *o, const tsa_ea_data *D) TSA_WUR;
/* Flops of one run (both passes). */
double tsa_ea_run_work(const tsa_ea_opts *o, const tsa_ea_data *D);

/* The network: W (m x (d + 1), row-major), a (m). */
typedef struct
{
    size_t m, d1;
    double *W, *a;
} tsa_ea_net;

int tsa_ea_net_alloc(tsa_ea_net *N, size_t m, size_t d1) TSA_WUR;
void tsa_ea_net_clear(tsa_ea_net *N);
/* Balanced initialisation of scale lambda from a fresh MT19937 stream
 * seeded with seed (entries in row order, then the m signs). */
int tsa_ea_net_init(tsa_ea_net *N, double lambda, uint64_t seed) TSA_WUR;

/* Loss and its gradient (gW m x d1, ga m; both may be NULL for the loss
 * alone); h (n) gets the outputs.  ws: at least tsa_ea_work_size doubles.
 * Returns L. */
size_t tsa_ea_work_size(size_t n, size_t m);
double tsa_ea_loss_grad(double *gW, double *ga, double *h, double *ws,
                        const tsa_ea_net *N, const tsa_ea_data *D);
/* One GD step with the gradient gW, ga: W -= lr gW, a -= lr ga.  Returns
 * the number of output weights whose sign flipped (a_j a_j' < 0, or a_j
 * != 0 and a_j' = 0) and sets flipped[j] = 1 for them (flipped may be
 * NULL). */
size_t tsa_ea_step(tsa_ea_net *N, const double *gW, const double *ga,
                   double lr, unsigned char *flipped);
/* Angle between two vectors of length d1 (0 when one is zero), accurate
 * near 0 and pi. */
double tsa_ea_angle(const double *u, const double *v, size_t d1);

/* The measured numbers of one run (definitions above; times in units of
 * t = step x lr, -1 when undefined). */
typedef struct
{
    double loss0, loss, hrms_final;
    int diverged;            /* loss not finite: the run stopped         */
    int interpolates;
    size_t steps_done;
    long escape_step;        /* -1: never escaped                        */
    double t_escape;
    double align_med, align_max;   /* A_j over non-negligible neurons    */
    double settle_med, settle_max; /* S_j over non-negligible neurons    */
    size_t active, active_pos;     /* non-negligible neurons (a_j > 0)   */
    size_t flips, flip_neurons;    /* sign flips, neurons that flipped   */
    double balance_drift;    /* max_j |a_j^2 - |w_j|^2| / (a_j^2 + |w_j|^2) at the end */
    size_t nclusters;        /* clusters (all; at most MAX kept below)   */
    double cl_dir[TSA_EA_MAX_CLUSTERS][8]; /* first min(d1, 8) coordinates */
    size_t cl_count[TSA_EA_MAX_CLUSTERS];
    double cl_weight[TSA_EA_MAX_CLUSTERS]; /* sum of c_j / sum of all c_j */
} tsa_ea_result;

/* One run: two passes of the same deterministic trajectory (the second
 * measures A_j and S_j against the directions the first recorded), O(m)
 * extra memory.  TSA_EINVAL (limits), TSA_ENOMEM. */
int tsa_ea_run(tsa_ea_result *res, const tsa_ea_opts *o,
               const tsa_ea_data *D) TSA_WUR;

/* ---------------------------------------------------------------------
 * Sweeps: every (lambda, m, lr) cell with seeds seed0 .. seed0 + seeds - 1;
 * a run of lr has steps_per_time / ... : steps = ceil(T / lr) for a fixed
 * flow time T, so halving lr compares the same flow time. */
typedef struct
{
    size_t nlambda, nwidth, nlr, seeds;
    double lambda[TSA_EA_MAX_GRID];
    size_t width[TSA_EA_MAX_GRID];
    double lr[TSA_EA_MAX_GRID];
    double T;                /* flow time of every run                    */
    uint64_t seed0;
    double fit_lambda_max;   /* slope fit over lambda <= this (default 1e-2) */
    tsa_ea_opts base;        /* thresholds (m, lambda, lr, steps, seed ignored) */
} tsa_ea_sweep_opts;

typedef struct
{
    double lambda, lr;
    size_t m, runs, escaped, interp, diverged, flips, runs_flipped;
    double t_esc_med, align_med, align_max, settle_med, loss_med, loss_min,
           loss_max, clusters_med, active_med, drift_max;
    double frac_align_max;   /* max over runs of align_max / t_esc         */
} tsa_ea_cell;

typedef struct
{
    tsa_ea_sweep_opts o;
    size_t nruns, ncells;
    tsa_ea_result *runs;     /* cell-major: cell c, seed s at c * seeds + s */
    tsa_ea_cell *cells;      /* (lambda, m, lr) in that nesting order       */
    /* fit t_esc = slope log(1/lambda) + b over all escaped runs with lambda
       <= fit_lambda_max, per lr (pooled over m); NaN when < 2 lambdas */
    double slope[TSA_EA_MAX_GRID], icept[TSA_EA_MAX_GRID];
    size_t fit_points[TSA_EA_MAX_GRID];
    double G_star;           /* d = 1: max |D_S| over consistent patterns;
                                predicted slope 1/G_star; NaN for d > 1 */
    double lin_loss;         /* least-squares affine fit's loss            */
} tsa_ea_sweep;

void tsa_ea_sweep_opts_default(tsa_ea_sweep_opts *o);
/* Lists within TSA_EA_MAX_GRID, every run within its limits, runs <=
 * TSA_EA_MAX_RUNS, total work <= TSA_EA_MAX_WORK. */
int tsa_ea_sweep_check(const tsa_ea_sweep_opts *o, const tsa_ea_data *D) TSA_WUR;
/* Run every cell; progress (may be NULL) is called before run i of n. */
typedef void (*tsa_ea_progress_t)(void *ctx, size_t i, size_t n);
int tsa_ea_sweep_run(tsa_ea_sweep *S, const tsa_ea_sweep_opts *o,
                     const tsa_ea_data *D, tsa_ea_progress_t progress,
                     void *ctx) TSA_WUR;
void tsa_ea_sweep_clear(tsa_ea_sweep *S);
/* Steps of a run of step size lr in a sweep: ceil(T / lr). */
size_t tsa_ea_sweep_steps(const tsa_ea_sweep_opts *o, double lr);

/* Key quantities of the data: for d = 1, G* = max |D_S| over the
 * consistent half-line patterns S (D_S = 1/n sum_{k in S} y_k (x_k, 1),
 * consistent when D_S . (x_k, 1) > 0 exactly for k in S), its direction
 * in dir (2 entries); NaN for d > 1.  And the loss of the least-squares
 * affine fit (the loss of a single neuron active on every sample). */
double tsa_ea_key_direction(double *dir, const tsa_ea_data *D);
double tsa_ea_affine_fit_loss(const tsa_ea_data *D);

/* Output: <dir>/<name>.csv (one row per run), <dir>/<name>.json
 * ("format": "tsalign-ea-sweep", "format_version": "1.0": options,
 * cells, fits, runs), both atomic; and, when gnuplot is there, plots
 * <name>-escape.png (t_esc against log(1/lambda)), <name>-loss.png (final
 * loss against lambda) from <name>-cells.dat.  name is a safe id. */
int tsa_ea_sweep_write(const tsa_ea_sweep *S, const tsa_ea_data *D,
                       const char *dir, const char *name, int plots) TSA_WUR;
/* Markdown tables of the sweep (cells; escape fit; step-size table). */
int tsa_ea_sweep_markdown(char **text, const tsa_ea_sweep *S) TSA_WUR;

#ifdef __cplusplus
}
#endif
#endif
