/* tsa_train.h -- float64 teacher-student training on GSL BLAS (issue 4).
 *
 * Everything here is float64, single-threaded, and deterministic: the same
 * configuration, seed and CBLAS give bit-identical weights.  All dense
 * algebra goes through gsl_blas_dgemm / dgemv, so the CBLAS chosen at
 * configure time does the work.  Shapes follow docs/train.md:
 *
 *   a network has L linear layers (L = 2: two-layer), sizes
 *   size[0] = d (input), size[1..L-1] hidden widths, size[L] = C outputs;
 *   layer l maps  Z_l = A_l W_l^T + 1 b_l^T,  A_0 = X (batch rows),
 *   A_{l+1} = sigma(BN(Z_l)) for hidden l, and f(x) = Z_{L-1} (linear
 *   output).  sigma(z) = max(z, c z), 0 <= c < 1 (c = 0: ReLU), with
 *   sigma'(0) = c.  Loss J = 1/(2B) sum_b |f(x_b) - f*(x_b)|^2.
 *
 * Objects (in the GSL manner: alloc/free, workspaces, status codes):
 *   tsa_train_net    parameters of one network, one contiguous vector
 *   tsa_train_work   caller-owned workspace of one network for batches of
 *                    at most bmax rows (forward values, backprop buffers)
 *   tsa_train_config every number of a run (preset + overrides)
 *   tsa_train_state  a training run: teacher, student, data, optimizer,
 *                    random stream, metric history;  _alloc / _set /
 *                    _iterate / _test_* as GSL's solvers; the CLI writes
 *                    the loop.
 * Nothing in _iterate allocates. */
#ifndef TSA_TRAIN_H
#define TSA_TRAIN_H

#include <stdint.h>
#include <stdio.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>
#include "tsa_base.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TSA_TRAIN_MAX_LAYERS 8 /* linear layers, so up to 7 hidden ones */

/* ---------------------------------------------------------------------
 * Networks */

typedef struct
{
    size_t nlayers;                         /* L >= 1 linear layers     */
    size_t size[TSA_TRAIN_MAX_LAYERS + 1];  /* size[0] = d ... size[L]  */
    int bias;       /* hidden layers have biases b_l                    */
    int out_bias;   /* the output layer has a bias                      */
    int out_fixed;  /* output weights are not trained (set to 1 by _set) */
    int batchnorm;  /* BN (batch statistics, affine) after each hidden
                       linear layer, before sigma (LM Thm 3)            */
    double leak;    /* c in sigma(z) = max(z, c z)                      */
    double bn_eps;  /* BN variance floor (default 1e-5, as PyTorch)     */
    size_t nparam;  /* length of param                                  */
    /* offsets into param (and into any gradient vector); SIZE_MAX when
       absent: W_l is size[l+1] x size[l] row-major */
    size_t off_W[TSA_TRAIN_MAX_LAYERS], off_b[TSA_TRAIN_MAX_LAYERS];
    size_t off_gamma[TSA_TRAIN_MAX_LAYERS], off_beta[TSA_TRAIN_MAX_LAYERS];
    double *param;
} tsa_train_net;

/* A network of nlayers linear layers with the given sizes (nlayers + 1
 * entries), all parameters zero (BN gamma = 1).  TSA_EINVAL on a zero
 * size, nlayers outside 1..TSA_TRAIN_MAX_LAYERS, leak outside [0, 1);
 * TSA_ENOMEM.  *net is NULL on failure. */
int tsa_train_net_alloc(tsa_train_net **net, size_t nlayers,
                        const size_t *size, int bias, int out_bias,
                        int out_fixed, int batchnorm, double leak) TSA_WUR;
void tsa_train_net_free(tsa_train_net *net);

/* Views of W_l, b_l (and of the same blocks in a gradient vector g laid
 * out like net->param).  b_l must exist. */
gsl_matrix_view tsa_train_net_W(const tsa_train_net *net, double *base,
                                size_t l);
gsl_vector_view tsa_train_net_b(const tsa_train_net *net, double *base,
                                size_t l);

/* Student initialization: every W_l, b_l entry N(0, std^2) from r (in
 * parameter order); with out_fixed the output weights are 1 and the
 * output bias 0; BN gamma = 1, beta = 0. */
void tsa_train_net_init_gaussian(tsa_train_net *net, double std,
                                 gsl_rng *r);

/* ---------------------------------------------------------------------
 * Workspace, forward, gradient */

typedef struct
{
    size_t bmax, nlayers;
    gsl_matrix *Z[TSA_TRAIN_MAX_LAYERS];  /* pre-activations (BN output
                                              when BN is on), bmax rows  */
    gsl_matrix *H[TSA_TRAIN_MAX_LAYERS];  /* hidden activations A_{l+1}  */
    gsl_matrix *Xh[TSA_TRAIN_MAX_LAYERS]; /* BN: normalized x-hat        */
    gsl_vector *istd[TSA_TRAIN_MAX_LAYERS]; /* BN: 1/sqrt(var + eps)    */
    gsl_vector *s1, *s2;                  /* BN backward sums            */
    gsl_matrix *G0, *G1;                  /* backprop ping-pong          */
} tsa_train_work;

/* Workspace for net and batches of at most bmax rows.  TSA_EINVAL on
 * bmax = 0, TSA_ENOMEM. */
int tsa_train_work_alloc(tsa_train_work **w, const tsa_train_net *net,
                         size_t bmax) TSA_WUR;
void tsa_train_work_free(tsa_train_work *w);

/* Forward pass on the rows of X (B x d, B <= bmax).  Afterwards the first
 * B rows of w->H[l] hold the activations of hidden layer l + 1 and of
 * w->Z[L-1] the outputs f(x).  BN uses the statistics of this batch.
 * Returns a view of the outputs (B x C). */
gsl_matrix_view tsa_train_forward(tsa_train_work *w, const tsa_train_net *net,
                                  const gsl_matrix *X);

/* Loss J = 1/(2B) sum |f(x_b) - T_b|^2 over the rows of X (B x d) with
 * targets T (B x C), and its gradient with respect to every parameter in
 * grad (layout of net->param; entries of fixed output weights are 0).
 * grad may be NULL (loss only).  Returns J.  No allocation. */
double tsa_train_grad(double *grad, tsa_train_work *w,
                      const tsa_train_net *net, const gsl_matrix *X,
                      const gsl_matrix *T);

/* The same gradient by the recursive gradient rule of LM Thm 1 (eq. 2-3):
 * beta, beta* propagated down explicitly for every sample, then
 * dW_l = mean_x g_{l+1}(x) f_l(x)^T with g from eq. (2).  O(B n^3): a
 * reference for tests, not for training.  Needs bias = out_bias = 0,
 * no BN, and a teacher of the same depth and leak; T is not used, the
 * teacher supplies f*.  Returns J, TSA-style status in *status. */
double tsa_train_grad_lm_rule(double *grad, int *status,
                              const tsa_train_net *net,
                              const tsa_train_net *teacher,
                              const gsl_matrix *X);

/* ---------------------------------------------------------------------
 * Population loss (two layers, Gaussian input x ~ N(0, s^2 I)) from the
 * kernels psi_l of tsa_kernel.h (docs/certify.md):
 *   J = 1/2 [ sum_kk' Q_kk' psi_l(w_k, w_k') - 2 sum_kj R_kj psi_l(w_k, w*_j)
 *             + sum_jj' S_jj' psi_l(w*_j, w*_j') ],
 * Q = V^T V, R = V^T V*, S = V*^T V* (V the C x n output weights).
 * grad as tsa_train_grad.  Needs nlayers = 2 for both nets, no BN, no
 * output bias, the same bias flag.  ws: workspace of n(n+m) doubles
 * plus (d+1) for one kernel gradient, i.e. at least
 * tsa_train_pop_work_size(net, teacher).  Returns J. */
size_t tsa_train_pop_work_size(const tsa_train_net *net,
                               const tsa_train_net *teacher);
double tsa_train_pop_grad(double *grad, double *ws, const tsa_train_net *net,
                          const tsa_train_net *teacher, double s);

/* ---------------------------------------------------------------------
 * Configuration and presets */

enum { TSA_TRAIN_TEACHER_SS, TSA_TRAIN_TEACHER_LM, TSA_TRAIN_TEACHER_ORTHO,
       TSA_TRAIN_TEACHER_SINGLE, TSA_TRAIN_TEACHER_FILE };
enum { TSA_TRAIN_OPT_SGD, TSA_TRAIN_OPT_GD, TSA_TRAIN_OPT_POP };
enum { TSA_TRAIN_AUG_NONE, TSA_TRAIN_AUG_AGNOSTIC, TSA_TRAIN_AUG_AWARE };
enum { TSA_TRAIN_LR_CONST, TSA_TRAIN_LR_STEP, TSA_TRAIN_LR_INV };
enum { TSA_TRAIN_INIT_GAUSS, TSA_TRAIN_INIT_HE };

typedef struct
{
    char preset[32];       /* name of the preset the config started from */
    uint64_t seed;
    /* architecture */
    size_t d, outputs;
    size_t nhidden;                         /* hidden layers (L - 1)    */
    size_t teacher_h[TSA_TRAIN_MAX_LAYERS]; /* teacher hidden widths    */
    size_t nstudent;                        /* entries of student_h     */
    size_t student_h[TSA_TRAIN_MAX_LAYERS]; /* student hidden widths    */
    size_t over;             /* > 0: student_h = over x teacher_h        */
    int bias, out_bias, out_fixed, batchnorm;
    double leak;
    /* teacher */
    int teacher_kind;
    char teacher_file[1024];
    double teacher_bias;     /* SS: every hidden bias                   */
    double bias_range;       /* LM: biases U[-r, r]                      */
    double polarity;         /* p: fan-out of node j scaled 1/(j+1)^p   */
    double teacher_out_std;  /* SS/LM output weights N(0, s^2); SINGLE,
                                ORTHO: fixed to 1                        */
    /* data */
    double sigma;            /* x ~ N(0, sigma^2 I)                      */
    size_t n_train;          /* 0: online (fresh samples every step)     */
    int aug;
    double aug_eps, aug_c;   /* SS Def. 7: shift 2 eps / (c K^{3/2})     */
    size_t n_eval;
    /* optimizer */
    int opt;
    int init;                /* GAUSS: N(0, init_std^2); HE: N(0, 2/fan_in) */
    double init_std;
    double lr;
    int lr_schedule;
    double lr_gamma;         /* STEP: lr gamma^floor(t / lr_every)       */
    double lr_every;         /* STEP period; INV: lr / (1 + t / lr_every) */
    size_t batch;
    size_t steps;
    double grad_tol;         /* > 0: stop once |grad| <= grad_tol (gd, pop) */
    size_t log_every;        /* metrics every so many steps (0: steps/50) */
    size_t metric_rows;      /* > 0: records before the last evaluate at
                                most this many rows of each data set     */
    double success_rho;      /* teacher j is specialised if max_k rho_jk > */
    double align_eps;        /* eps of SS Def. 3                         */
    double bn_eps;
} tsa_train_config;

typedef struct
{
    const char *name;
    const char *summary;
} tsa_train_preset_info;

/* Presets: "ss2" (SS section 7 two-layer), "deep" (SS section 7 deep,
 * 50-75-100-125), "lm" (LM section 4.2 small FC, 10-15-20-25),
 * "orthonormal" (Safran-Shamir, V = I_k, n = k, population GD),
 * "single" (one teacher neuron, AD setting, population GD).  The table
 * ends with a NULL name. */
extern const tsa_train_preset_info tsa_train_presets[];

/* Fill cfg with the preset's numbers.  TSA_EINVAL "unknown preset". */
int tsa_train_config_preset(tsa_train_config *cfg, const char *name) TSA_WUR;

/* Set one field from text: key is the field name as in the run file and
 * --help ("lr", "student", "opt", ...), value its text.  Errors name
 * what (e.g. "--lr") and the value: TSA_EINVAL / TSA_EFORMAT. */
int tsa_train_config_set(tsa_train_config *cfg, const char *key,
                         const char *value, const char *what) TSA_WUR;
/* Nonzero when key names a config field. */
int tsa_train_config_has_key(const char *key);

/* Apply over: student_h = over x teacher_h (when over > 0). */
void tsa_train_config_resolve(tsa_train_config *cfg);

/* Text of field key (as tsa_train_config_set reads it) into buf. */
void tsa_train_config_get(char *buf, size_t size, const tsa_train_config *cfg,
                          const char *key);
/* The i-th field name and its one-line help; NULL past the last. */
const char *tsa_train_config_key(size_t i);
const char *tsa_train_config_help(size_t i);

/* Cross-field checks (sizes, lr > 0, sigma > 0, pop needs two layers,
 * ...).  The message names the field. */
int tsa_train_config_check(const tsa_train_config *cfg) TSA_WUR;

/* Limits of a run (docs/train.md "Limits"), checked by
 * tsa_train_config_check before anything is allocated. */
#define TSA_TRAIN_MAX_D 100000        /* input dimension d              */
#define TSA_TRAIN_MAX_OUTPUTS 10000   /* outputs C                      */
#define TSA_TRAIN_MAX_WIDTH 100000    /* every hidden width             */
#define TSA_TRAIN_MAX_OVER 1000       /* --over                         */
#define TSA_TRAIN_MAX_SAMPLES 10000000 /* --n-train                     */
#define TSA_TRAIN_MAX_EVAL 1000000    /* --n-eval                       */
#define TSA_TRAIN_MAX_BATCH 1000000   /* --batch                        */
#define TSA_TRAIN_MAX_STEPS 1000000000 /* --steps                       */
#define TSA_TRAIN_MAX_RECORDS 1000000 /* metric records (steps/log-every) */
#define TSA_TRAIN_MAX_SCALE 1e6       /* |lr|, sigma, std, bias, eps ... */
#define TSA_TRAIN_MAX_BYTES 1073741824.0 /* memory estimate (2^30)     */
#define TSA_TRAIN_MAX_FLOPS 1e13      /* work estimate                  */
#define TSA_TRAIN_MAX_FILE 67108864   /* bytes of a run or teacher file */

/* Work estimate of a run: flops (setup, steps, metric records) and bytes
 * (parameters, data sets, workspaces, history), and the option that
 * drives the largest term of each. */
typedef struct
{
    double flops, bytes;
    const char *flops_what, *bytes_what;
} tsa_train_estimate;

void tsa_train_estimate_work(tsa_train_estimate *e,
                             const tsa_train_config *cfg);
/* Metric records a run writes (steps / log_every + 2). */
size_t tsa_train_records(const tsa_train_config *cfg);
/* Every size, count and scale within its limit; TSA_EINVAL naming the
 * option and the limit. */
int tsa_train_config_limits(const tsa_train_config *cfg) TSA_WUR;
/* The work estimate within TSA_TRAIN_MAX_BYTES and TSA_TRAIN_MAX_FLOPS. */
int tsa_train_config_check_work(const tsa_train_config *cfg) TSA_WUR;

/* Write every number of cfg, one "key = value" line each (the format of
 * --list-presets). */
void tsa_train_config_fprint(FILE *f, const tsa_train_config *cfg);

/* ---------------------------------------------------------------------
 * Teachers and data */

/* Teacher network for cfg (kinds SS, LM, ORTHO, SINGLE) drawn from r;
 * a FILE teacher is read by tsa_train_teacher_read. */
int tsa_train_teacher_make(tsa_train_net **teacher,
                           const tsa_train_config *cfg, gsl_rng *r) TSA_WUR;

/* Read a teacher from a JSON file: {"layers": [{"W": [[...]], "b": [...]},
 * ...], "leak": c} or a run file (its "teacher").  Numbers are JSON
 * numbers or strings (hex floats exact).  Errors name file and field. */
int tsa_train_teacher_read(tsa_train_net **teacher, const char *path,
                           int out_fixed) TSA_WUR;

/* Fill the rows of X with N(0, s^2) samples from r. */
void tsa_train_sample_gaussian(gsl_matrix *X, double s, gsl_rng *r);

/* SS Def. 7 augmentations of the rows of X (N x d): returns a fresh matrix
 * *Xa holding D followed by the added points.  Teacher-agnostic:
 * x +- delta e_u for every x and u; teacher-aware: x +- delta w*_j/|w*_j|
 * for x in the band |w*_j . xt| <= eps of each first-layer teacher node
 * j; delta = 2 eps / (c K^{3/2}), K = m_1 + n_1. */
int tsa_train_augment(gsl_matrix **Xa, const gsl_matrix *X, int kind,
                      double eps, double c, size_t K,
                      const tsa_train_net *teacher) TSA_WUR;

/* ---------------------------------------------------------------------
 * Metrics on an evaluation set (SS section 7, LM section 4.2) */

/* rho (m x n) = Pearson correlation of teacher node j and student node k
 * activations over the rows of Ht (N x m), Hs (N x n):  columns centred,
 * normalized, rho = Ft^T Fs by dgemm.  A constant column gives rho = 0.
 * ws: N (m + n) + m + n doubles. */
void tsa_train_corr(gsl_matrix *rho, const gsl_matrix *Ht,
                    const gsl_matrix *Hs, double *ws);

/* rho_mean = mean_j max_k rho_jk; *nsucc = #{j : max_k rho_jk > thr};
 * best[j] = argmax_k (may be NULL). */
double tsa_train_rho_mean(size_t *nsucc, size_t *best, const gsl_matrix *rho,
                          double thr);

/* Normalized rank (0 = first, 1 = last) of student best[j] in row j of rho,
 * averaged over teachers j (LM section 4.2 mean rank). */
double tsa_train_mean_rank(const gsl_matrix *rho, const size_t *best);

/* Angle (radians, [0, pi]) between weight vectors u, v of length n;
 * pi/2 when either is zero. */
double tsa_train_angle(const double *u, const double *v, size_t n);

/* SS Def. 3: (w, b), (w', b') are eps-aligned iff sin angle(w, w') <= eps
 * and |b - b'| <= eps (angle <= pi/2 required, i.e. same half-space). */
int tsa_train_eps_aligned(const double *w, double b, const double *w2,
                          double b2, size_t d, double eps);

/* ---------------------------------------------------------------------
 * A training run */

typedef struct
{
    size_t step;
    double lr, train_loss, eval_loss, rho_mean;
    double rho_mean_l[TSA_TRAIN_MAX_LAYERS];
    size_t success, aligned;
    size_t eval_rows;  /* 0: every row of the evaluation and training
                          sets (exact); else the first eval_rows rows of
                          each (cfg.metric_rows: an estimate)           */
} tsa_train_record;

typedef struct
{
    tsa_train_config cfg;
    tsa_train_net *teacher, *student;
    tsa_train_work *ws, *wt;     /* student / teacher, batch rows        */
    tsa_train_work *es, *et;     /* student / teacher, eval rows         */
    gsl_matrix *X, *T;           /* current batch and its targets        */
    gsl_matrix *Xtrain, *Ttrain; /* finite data set and labels           */
    gsl_matrix *Xeval, *Teval;   /* evaluation set                       */
    gsl_matrix *rho[TSA_TRAIN_MAX_LAYERS];  /* last correlation matrices */
    double *grad, *gtmp, *popws, *corrws;
    /* the teacher's eval activations, centred and normalised per hidden
       layer: over all rows (tF) and over the first tF_rows rows (tFsub);
       computed once, on first use */
    double *tF[TSA_TRAIN_MAX_LAYERS], *tFsub[TSA_TRAIN_MAX_LAYERS];
    size_t tF_rows;
    gsl_rng *rng;                /* the stream SGD consumes              */
    size_t step;
    double loss;                 /* loss of the last step (batch / pop)  */
    double lr;                   /* lr used by the last step             */
    /* metric history: one record per logged step, plus rho of every
       hidden layer at that step for mean ranks */
    tsa_train_record *hist;
    double **rho_hist;           /* rho_hist[i]: all layers concatenated  */
    size_t nhist, cap_hist;
} tsa_train_state;

/* Allocate everything for cfg (checked with tsa_train_config_check):
 * teacher (from preset or file), data sets, workspaces.  Random streams
 * derive from cfg->seed: teacher, student init, data, and SGD batches
 * each get their own MT19937 stream, so overriding e.g. the learning
 * rate does not change the teacher. */
int tsa_train_state_alloc(tsa_train_state **st,
                          const tsa_train_config *cfg) TSA_WUR;
void tsa_train_state_free(tsa_train_state *st);

/* Student N(0, init_std^2) from the init stream, step = 0, history
 * cleared, SGD stream reset. */
void tsa_train_state_set(tsa_train_state *st);

/* One optimizer step: SGD (with-replacement batch or fresh online batch,
 * lr from the schedule), GD (full batch on the finite set), or POP (GD
 * on the population loss).  Updates st->loss, st->lr, st->step.
 * TSA_EDOM if the loss became non-finite (diverged).  No allocation. */
int tsa_train_state_iterate(tsa_train_state *st) TSA_WUR;

/* Learning rate at step t under cfg's schedule. */
double tsa_train_lr(const tsa_train_config *cfg, size_t t);

/* Evaluate and append a metric record at the current step (eval loss,
 * rho per hidden layer, success, aligned).  The last record of a run
 * (step >= cfg.steps, or the gradient test with cfg.grad_tol passed) and
 * every record with cfg.metric_rows = 0 use all rows of the evaluation and
 * training sets; the others the first cfg.metric_rows rows of each
 * (record.eval_rows; docs/train.md section 5).  TSA_ENOMEM. */
int tsa_train_state_log(tsa_train_state *st) TSA_WUR;

/* Stopping tests, GSL style (the caller writes the loop):
 * tsa_train_test_steps: TSA_SUCCESS once st->step >= cfg.steps, else
 * TSA_EMAXITER ("go on");  tsa_train_test_gradient: TSA_SUCCESS when the
 * Euclidean norm of the last step's gradient is <= epsabs (meaningful for
 * gd and pop; an SGD gradient is noisy), else TSA_EMAXITER. */
int tsa_train_test_steps(const tsa_train_state *st);
int tsa_train_test_gradient(const tsa_train_state *st, double epsabs);
/* |grad|_2 of the last step. */
double tsa_train_grad_norm(const tsa_train_state *st);

/* Run-file JSON (docs/formats.md): write config, seed, versions, teacher,
 * initial-seeded student, final weights (hex floats), RNG state, metric
 * trajectory and final metrics.  text is malloc'd. */
int tsa_train_run_dump(char **text, const tsa_train_state *st) TSA_WUR;

/* Candidate file (docs/formats.md "Candidates": V and W with neurons as
 * columns, hex floats) of a two-layer ReLU run without biases and with
 * unit output weights (the orthonormal and single presets), for
 * `tsalign polish` / `certify`.  TSA_EINVAL for other runs. */
int tsa_train_candidate_dump(char **text, const tsa_train_state *st) TSA_WUR;

/* Read a run file: *cfg gets its config; if st is not NULL the state
 * (allocated from that config) gets the student, step, RNG stream and
 * history from the file, so that continuing gives the same bytes as an
 * uninterrupted run. */
int tsa_train_run_read_config(tsa_train_config *cfg, const char *path) TSA_WUR;
int tsa_train_run_restore(tsa_train_state *st, const char *path) TSA_WUR;

#ifdef __cplusplus
}
#endif
#endif
