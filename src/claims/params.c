/* params.c -- the parameters of every checker: name, default, the paper's
 * symbol and meaning.  One table per checker; `tsalign check --describe`
 * prints it, and the registry refuses a claim whose "params" has a field
 * that is not in its checker's table (docs/claims.md).  A checker that
 * reads a new field needs a row here. */
#include <string.h>
#include "tsa_claims.h"

#define END {NULL, NULL, NULL, NULL}

static const tsa_claim_param_t p_ad_properties[] = {
    {"act", "(required)", "sigma", "activation: relu, leaky, arccos0, arccos2"},
    {"c", "\"0\"", "c", "leaky slope (exact decimal string), leaky only, in [0, 1)"},
    {"input", "\"gaussian\"", "x ~ N(0, I)", "input law; \"uniform-cube\" is not rotation invariant (vacuous)"},
    {"delta_log2", "20", "delta = 2^-e", "distance of the checked interval from 0 and pi (1 .. 200)"},
    {"max_depth", "40", "", "bisection depth limit of the branch-and-bound (1 .. 200)"},
    END};

static const tsa_claim_param_t p_ad3_spurious[] = {
    {"source", "(required)", "", "\"train\" (population-GD runs) or \"census\" (SSY 2021 minima)"},
    {"census", "data/ssy2021-minima.tsv", "", "census file, relative to the claim file"},
    {"kmin", "7", "k", "smallest k = n = d (1 .. 100)"},
    {"kmax", "kmin", "k", "largest k (kmin .. 100)"},
    {"runs", "20", "", "training runs per k (source train)"},
    {"seed0", "1", "", "seed of the first run"},
    {"stop_after", "0", "", "stop after this many spurious minima (0: never)"},
    {"limit", "100000", "", "at most this many census classes"},
    END};

static const tsa_claim_param_t p_lm_thm1[] = {
    {"student", "(required)", "n_l", "layer sizes of the student, input first"},
    {"teacher", "(required)", "m_l", "layer sizes of the teacher, same depth"},
    {"leak", "0", "", "leaky ReLU slope (sigma(z) = sigma'(z) z still holds)"},
    {"tol", "1e-10", "", "relative tolerance of the identity per node"},
    {"bias_std", "0.5", "", "standard deviation of the biases when bias = 1"},
    {"samples", "200", "x", "number of Gaussian inputs"},
    {"seed", "1", "", "random seed"},
    {"bias", "0", "", "1: networks with biases (the hypothesis fails)"},
    {"rule", "\"paper\"", "eq. (3)", "\"paper\" or the deliberately wrong \"drop_teacher_gate\""},
    END};

static const tsa_claim_param_t p_lm_lipschitz[] = {
    {"Theta", "(required)", "Theta", "largest angle of w1, w2 to w"},
    {"Phi", "Theta", "Phi", "largest angle between w1 and w2"},
    {"K_d", "(none)", "K_d", "claimed bound for psi_d (checked when given)"},
    {"K_l", "(none)", "K_l", "claimed bound for psi_l (checked when given)"},
    {"rtol", "1e-3", "", "relative tolerance of the branch-and-bound"},
    {"max_boxes", "200000", "", "box budget of the branch-and-bound"},
    {"W", "(none)", "units", "units with bias: rows (w, b) acting on [x; 1] (then theta0, K_d, samples, seed)"},
    {"theta0", "(with W)", "theta_0", "cap angle around each unit (with W)"},
    {"samples", "20", "", "sample points per ordered pair for the lower bound (with W)"},
    {"seed", "1", "", "seed of the sample points (with W)"},
    END};

static const tsa_claim_param_t p_lm_overlap[] = {
    {"teacher", "\"matrix\"", "W*", "\"lm\" (preset), \"ortho\" (e_j) or \"matrix\" (W, b)"},
    {"seed", "1", "", "seed of the lm preset teacher"},
    {"m", "3", "m", "teacher nodes (ortho)"},
    {"d", "m", "d", "input dimension (ortho)"},
    {"bias", "0", "b*", "common teacher bias (ortho)"},
    {"s", "\"1\"", "sigma", "input standard deviation, x ~ N(0, s^2 I)"},
    {"W", "(matrix)", "W*", "teacher weights, one row per node (matrix)"},
    {"b", "0", "b*", "teacher biases (matrix)"},
    {"eps_d", "(none)", "epsilon_d", "claimed overlap bound for psi_d (eq. 9)"},
    {"eps_l", "(none)", "epsilon_l", "claimed overlap bound for psi_l (eq. 9)"},
    END};

static const tsa_claim_param_t p_lm_thm3[] = {
    {"student", "(required)", "", "layer sizes of the student"},
    {"teacher", "(required)", "", "layer sizes of the teacher"},
    {"batchnorm", "1", "BN", "1: Linear -> BN -> ReLU (hypothesis), 0: no BN"},
    {"bn_eps", "0", "", "BN epsilon (0: the paper's BN)"},
    {"batch", "64", "N", "fixed batch size"},
    {"seed", "1", "", "random seed"},
    {"time", "1", "t", "flow time; N = time / eta steps"},
    {"tol", "1e-10", "", "flow part: largest |cos(w_j, dJ/dw_j)|"},
    {"discrete_tol", "1e-12", "", "variant discrete: tolerance on |w_j| drift"},
    {"variant", "\"flow\"", "", "\"flow\" (Thm 3) or \"discrete\" (stronger variant)"},
    {"etas", "[0.2, 0.1, 0.05, 0.025]", "eta", "step sizes of the discrete part"},
    END};

static const tsa_claim_param_t p_lm_thm4[] = {
    {"teacher", "\"ortho\"", "W*", "\"ortho\" or \"matrix\" (W)"},
    {"m", "2", "m", "teacher nodes (ortho)"},
    {"d", "m", "d", "input dimension"},
    {"W", "(matrix)", "W*", "teacher weights, one row per node"},
    {"bias", "0", "", "1: units with bias (rows (w, b) act on [x; 1])"},
    {"b", "0", "b*", "common teacher bias before normalisation (ortho, bias 1)"},
    {"theta0", "(required)", "theta_0", "initial angle bound"},
    {"theta_init", "-1", "theta_j^0", "initial angle (-1: theta0)"},
    {"eta", "0.1", "eta", "learning rate"},
    {"steps", "1000", "t", "Euler steps"},
    {"seed", "1", "", "random seed of the initial directions"},
    {"floor", "1e-12", "", "stop when the bound falls below this"},
    {"dbar", "\"printed\"", "d-bar", "\"printed\" ([1 + ...], as in Thm 4) or \"lemma\" ([1 - ...])"},
    END};

static const tsa_claim_param_t p_lm_thm5[] = {
    {"W", "(required)", "W*", "teacher weights (m x d)"},
    {"V", "(required)", "V*", "teacher output weights (m x C)"},
    {"Wr", "(required)", "W_r^0", "irrelevant students (r x d)"},
    {"Vr", "(required)", "V_r^0", "their output weights (r x C)"},
    {"theta0", "(required)", "theta_0", "initial angle bound of the u-set"},
    {"theta_init", "-1", "theta_j^0", "initial angle (-1: theta0)"},
    {"dv", "0", "", "initial |V_u - V*| offset"},
    {"rho_r_max", "0.05", "rho_r", "largest W_r drift allowed"},
    {"C0", "1/(4 F(theta0))", "C_0", "constant of Lemma 4 (unspecified in the paper); checked against the smallest valid value"},
    {"eta", "0.1", "eta", "learning rate"},
    {"floor", "1e-12", "", "stop when the bound falls below this"},
    {"steps", "1000", "t", "Euler steps"},
    {"seed", "1", "", "random seed"},
    END};

/* ss_thm1, ss_thm2 and ss_align share the exact two-layer networks */
static const tsa_claim_param_t p_ss_thm1[] = {
    {"teacher", "(required)", "W*, V*", "{\"W\": rows [w; b], \"V\": rows of fan-out weights}, exact"},
    {"student", "(required)", "W, V", "the student, same format"},
    {"leak", "0", "c", "leaky ReLU slope, a rational in [0, 1)"},
    {"teacher_index", "(all)", "j", "the teacher node of the theorem"},
    {"student_index", "(all)", "k", "the observing student node"},
    {"colinear", "\"positive\"", "Def. 3", "alignment: \"positive\" multiple or same \"line\""},
    {"eps", "0", "epsilon", "alignment tolerance"},
    END};

static const tsa_claim_param_t p_ss_cor1[] = {
    {"teacher", "(required)", "W*, V*", "{\"W\": rows [w; b], \"V\": rows of fan-out weights}, exact"},
    {"student", "(required)", "W, V", "the student, same format"},
    {"leak", "0", "c", "leaky ReLU slope, a rational in [0, 1)"},
    {"colinear", "\"positive\"", "Def. 3", "aligned: \"positive\" multiple or same \"line\""},
    {"reading", "\"zero\"", "", "conclusion: unspecialised contribution \"zero\" (printed) or \"affine\""},
    END};

static const tsa_claim_param_t p_ss_thm3[] = {
    {"aug", "\"agnostic\"", "aug(D)", "\"agnostic\" (Thm 3) or \"aware\" (Thm 4)"},
    {"teacher", "(hand-made)", "W*, V*", "teacher network (without train)"},
    {"student", "(hand-made)", "W, V", "student network (without train)"},
    {"data", "(hand-made)", "D", "dataset rows (without train)"},
    {"train", "(none)", "", "train instead: tsa_train preset and overrides"},
    {"teacher_index", "0", "j", "the teacher node of the theorem"},
    {"leak", "0", "c", "leaky ReLU slope"},
    {"eps", "0.1", "epsilon", "alignment tolerance"},
    {"eps0", "eps", "epsilon_0", "Assumption 3(a) separation"},
    {"kappa", "0.5", "kappa", "observation fraction"},
    {"tau", "1", "tau", "Assumption 3(b) band density"},
    {"c", "1", "c", "augmentation constant of Def. 7"},
    {"sample_const", "0", "O(.) constant", "N >= sample_const K^{5/2} d^2 / (eps kappa) (0: not required)"},
    END};

static const tsa_claim_param_t p_ss_thm5[] = {
    {"teacher", "(hand-made)", "W*_l, V*", "deep teacher {\"layers\": [...], \"V\": ...}"},
    {"student", "(hand-made)", "W_l, V", "deep student, same format"},
    {"data", "(hand-made)", "D", "dataset rows (without train)"},
    {"train", "(none)", "", "train instead: tsa_train preset (deep) and overrides"},
    {"teacher_index", "0", "j", "the first-layer teacher node"},
    {"leak", "0", "c", "leaky ReLU slope"},
    {"Q", "(counted)", "Q", "number of hyperplane boundaries (default: data-visible count)"},
    {"eps", "0.1", "epsilon", "alignment tolerance"},
    {"eps0", "eps", "epsilon_0", "Assumption 3(a) separation"},
    {"kappa", "0.5", "kappa", "observation fraction"},
    {"tau", "1", "tau", "Assumption 3(b) band density"},
    {"c", "1", "c", "augmentation constant of Def. 7"},
    {"sample_const", "0", "O(.) constant", "N >= sample_const Q^{5/2} d^2 / (eps kappa)"},
    END};

static const tsa_claim_param_t p_ss_empirical[] = {
    {"measure", "(required)", "", "\"lshape\" (Fig. 5), \"strong_first\" (Fig. 8) or \"over\" (Fig. 7)"},
    {"train", "(preset)", "", "tsa_train preset and overrides (d, m, steps, ...)"},
    {"overs", "(preset)", "1x/2x/...", "over-realization factors"},
    {"polarity_x100", "(preset)", "p", "teacher polarities times 100"},
    {"seeds", "2", "", "runs per setting (1 .. 64)"},
    {"rho_lo", "0.8", "", "lshape: correlation below which a student is unspecialised"},
    {"rho_hi", "0.95", "", "lshape: correlation of specialised students"},
    {"frac", "0.5", "", "lshape: |v_k| <= frac x the median of the specialised"},
    END};

static const tsa_claim_param_t p_ss_dataset[] = {
    {"data", "(or gaussian)", "D", "dataset rows"},
    {"gaussian", "(or data)", "D", "{\"N\", \"d\", \"sigma\", \"seed\"}: Gaussian samples"},
    {"eps", "(required)", "epsilon", "list of band widths"},
    {"eta", "(required)", "eta", "eq. (6) constant"},
    {"mu", "(required)", "mu", "eq. (7) constant"},
    END};

static const tsa_claim_param_t p_ss_aug[] = {
    {"data", "(or gaussian)", "D", "dataset rows"},
    {"gaussian", "(or data)", "D", "{\"N\", \"d\", \"sigma\", \"seed\"}: Gaussian samples"},
    {"eps", "0.1", "epsilon", "augmentation epsilon"},
    {"c", "1", "c", "augmentation constant"},
    {"K", "4", "K", "number of lowest-layer nodes"},
    END};

/* ad_prove.c, ad1_exp.c (docs/ad-alignment.md) */
#define P_AD_FAMILY \
    {"act", "(required)", "sigma", "activation: relu, leaky, arccos0, arccos2"}, \
    {"c", "(leaky: required)", "c", "leaky slope (exact decimal string), leaky only, in [0, 1)"}
#define P_AD_ENGINE \
    {"max_boxes", "200000", "", "box budget of the property engine (1 .. 10^7)"}, \
    {"max_depth", "40", "", "bisection depth of the property engine (1 .. 200)"}, \
    {"degree", "6", "", "Taylor degree of the property engine (1 .. 16)"}
static const tsa_claim_param_t p_ad_prove[] = {
    P_AD_FAMILY,
    {"property", "(required)", "", "h_pos, F_sum, F_gap, phi, G_decr (tsalign ad prove --help)"},
    P_AD_ENGINE, END};
static const tsa_claim_param_t p_ad1_n2[] = {P_AD_FAMILY, P_AD_ENGINE, END};
static const tsa_claim_param_t p_ad1_gd[] = {
    {"families", "(required)", "sigma", "list of activations: relu, arccos2, leaky:C (C an exact decimal slope)"},
    {"nmin", "2", "n", "fewest students (1 .. 10)"},
    {"nmax", "nmin", "n", "most students (nmin .. 10)"},
    {"dmin", "2", "d", "smallest input dimension (2 .. 10)"},
    {"dmax", "dmin", "d", "largest input dimension (dmin .. 10)"},
    {"runs", "4", "", "runs per (family, n, d) and init scale (1 .. 100)"},
    {"init", "[\"small\", \"standard\"]", "", "init scales: small (|w_i| ~ 1e-3) and standard (N(0, I/d))"},
    {"steps", "20000", "", "most GD steps per run (1 .. 10^6)"},
    {"lr", "0.2", "eta", "step size (0 .. 10)"},
    {"seed", "1", "", "random seed"},
    {"tol", "1e-2", "", "alignment tolerance: angle to v (radians) and |sum |w_i|^p - 1|"},
    {"loss_tol", "1e-6", "", "an endpoint that is not aligned but has J < loss_tol is near-aligned"},
    END};
static const tsa_claim_param_t p_ad1_newton[] = {
    {"families", "(required)", "sigma", "list of activations: relu, arccos2, leaky:C (C an exact decimal slope)"},
    {"nmin", "2", "n", "fewest students (1 .. 10)"},
    {"nmax", "nmin", "n", "most students (nmin .. 10)"},
    {"dmin", "2", "d", "smallest input dimension (2 .. 10)"},
    {"dmax", "dmin", "d", "largest input dimension (dmin .. 10)"},
    {"starts", "20", "", "Newton starts per (family, n, d) (1 .. 10000)"},
    {"iters", "100", "", "most Newton iterations per start (1 .. 1000)"},
    {"seed", "1", "", "random seed"},
    {"gtol", "1e-11", "", "a start converged when |grad J| < gtol"},
    {"atol", "1e-5", "", "alignment and parallelism tolerance (radians; |sum |w_i|^p - 1|)"},
    {"ztol", "1e-8", "", "a student with |w_i|^p < ztol counts as zero (non-smooth point)"},
    {"jtol", "1e-12", "J", "a converged point with J < jtol counts as aligned (J vanishes only there)"},
    END};

static const tsa_claim_param_t p_ssy_overparam[] = {
    {"kmin", "6", "k", "smallest census k (1 .. 100)"},
    {"kmax", "kmin", "k", "largest census k (kmin .. 100)"},
    END};

static const tsa_claim_param_t p_ea2_spurious[] = {
    {"m", "3", "m", "width of the network (1 .. 256)"},
    {"inactive", "\"1/10\"", "s", "size of the inactive neurons w_j = (0, -s), a_j = -s (exact, >= 0; 0: zero neurons)"},
    END};

/* EA-1 (src/claims/ea1.c; docs/early-alignment.md s. M5) */
#define EA1_SWEEP \
    {"widths", "(per checker)", "m", "widths (1 .. 100000)"}, \
    {"lrs", "(per checker)", "eta", "step sizes (0 .. 10]"}, \
    {"seeds", "5", "", "seeds per cell (1 .. 1000)"}, \
    {"seed0", "1", "", "first seed"}, \
    {"time", "(per checker)", "T", "flow time of every run (steps = ceil(T / lr))"}, \
    {"settle_tol", "0.01", "", "direction threshold (radians)"}, \
    {"escape_frac", "0.1", "", "escape when rms(h) >= escape_frac rms(y)"}, \
    {"cluster_tol", "0.05", "", "clustering angle (radians)"}, \
    {"interp_tol", "1e-8", "", "interpolates when the final loss < interp_tol"}
static const tsa_claim_param_t p_ea1_alignment[] = {
    {"lambdas", "[1e-2 .. 1e-6]", "lambda", "initialisation scales"},
    EA1_SWEEP,
    {"slope_rtol", "0.15", "", "(a) |escape slope - 1/G*| <= slope_rtol / G*"},
    {"align_frac", "0.6", "", "(b) median alignment time <= align_frac x median t_esc"},
    {"align_slope_max", "0.25", "", "(b) slope of the alignment time in log(1/lambda)"},
    {"max_clusters", "2", "", "(c) key directions per escaped run"},
    END};
static const tsa_claim_param_t p_ea1_init_scale[] = {
    {"lambdas_small", "[1e-3, 1e-5]", "lambda", "small initialisation scales (<= 1e-2)"},
    {"lambdas_large", "[1, 2]", "lambda", "large initialisation scales (>= 1/2)"},
    EA1_SWEEP,
    {"loss_floor", "0.05", "", "small-init runs must end with loss >= loss_floor"},
    {"large_frac", "0.9", "", "fraction of the widest large-init runs that must interpolate"},
    END};

/* LM Assumption 1, Thm 2, Lemmas 1-4 (src/claims/lm_assume1.c, lm_lemmas.c) */
#define LMX_INST \
    {"teacher", "\"random\"", "W*", "\"random\" (Gaussian rows) or \"matrix\" (W, Ws)"}, \
    {"d", "16", "d", "input dimension (random)"}, \
    {"m", "2", "m", "teacher nodes (random)"}, \
    {"n", "2", "n", "student nodes (random)"}, \
    {"seed", "1", "", "seed of the random rows"}, \
    {"W", "(matrix)", "W*", "teacher rows (matrix)"}, \
    {"Ws", "(matrix)", "W", "student rows (matrix)"}
static const tsa_claim_param_t p_lm_assume1[] = {
    LMX_INST,
    {"tol", "\"0.1\"", "", "claimed bound on the relative gap of eq. (4)-(5)"},
    {"samples", "200000", "", "Monte Carlo samples"},
    {"batches", "20", "", "batch means of the Monte Carlo interval"},
    {"mc_seed", "2", "", "Monte Carlo seed"},
    {"zmax", "0", "", "largest |MC - exact| / se accepted (0: Bonferroni t quantile, 1% family-wise)"},
    END};
static const tsa_claim_param_t p_lm_thm2[] = {
    LMX_INST,
    {"C", "1", "", "linear outputs"},
    {"vseed", "3", "", "seed of V*, V ~ N(0, 1)"},
    {"tol", "\"0.05\"", "", "claimed bound on |eq6 - grad| / |grad|"},
    {"a1_tol", "\"0.1\"", "", "Assumption 1 taken to hold when its gap is <= a1_tol"},
    {"projected", "0", "P_perp", "1: compare after P_perp(w_j) (BN reading)"},
    {"fd_h", "1e-5", "", "central-difference step"},
    END};
static const tsa_claim_param_t p_lm_lemma1[] = {
    {"n", "64", "N", "batch size"},
    {"trials", "20", "", "random batches"},
    {"seed", "1", "", "random seed"},
    {"c0", "1.5", "c_0", "BN scale"},
    {"c1", "0.3", "c_1", "BN shift"},
    {"bn_eps", "0", "", "BN epsilon (0: the paper's BN)"},
    {"tol", "1e-12", "", "identity tolerance (relative)"},
    {"fd_tol", "1e-6", "", "central-difference tolerance (relative)"},
    {"fd_h", "1e-5", "", "central-difference step"},
    END};
static const tsa_claim_param_t p_lm_lemma23[] = {
    {"lemma", "2", "", "2 (bottom bounds, psi_d) or 3 (top bounds, psi_l)"},
    {"bound", "\"printed\"", "", "\"corrected\": eq. (30) with the |dv_j'| term"},
    {"teacher", "\"ortho\"", "W*", "\"ortho\" (e_j) or \"matrix\" (W)"},
    {"m", "3", "m", "teacher nodes (ortho)"},
    {"d", "m", "d", "input dimension (ortho)"},
    {"W", "(matrix)", "W*", "teacher rows (matrix)"},
    {"theta", "0.1", "theta", "student w_j = w*_j rotated by theta"},
    {"seed", "1", "", "seed of the rotation directions"},
    {"C", "2", "", "outputs (Lemma 3)"},
    {"vseed", "2", "", "seed of V*, V"},
    {"vscale", "1", "|v*_j|", "norm of the columns of V*"},
    {"dv", "0", "", "v_j = v*_j + dv N(0, I)"},
    {"K", "(required)", "K_d, K_l", "Assumption 2 constant"},
    {"eps", "(required)", "eps_d, eps_l", "Assumption 3 constant"},
    END};
static const tsa_claim_param_t p_lm_lemma4[] = {
    {"theta_max", "\"1.5\"", "theta_0", "largest angle of the grid (\"pi\" allowed)"},
    {"ngrid", "64", "", "grid points i theta_max / ngrid, i = 1..ngrid"},
    {"C0", "\"auto\"", "C_0", "claimed constant (\"auto\": 1/(4 F(theta_max)))"},
    END};

static const struct
{
    const char *checker;
    const tsa_claim_param_t *params;
} tables[] = {
    {"ad_properties", p_ad_properties}, {"ad3_spurious", p_ad3_spurious},
    {"lm_thm1", p_lm_thm1},             {"lm_lipschitz", p_lm_lipschitz},
    {"lm_overlap", p_lm_overlap},       {"lm_thm3", p_lm_thm3},
    {"lm_thm4", p_lm_thm4},             {"lm_thm5", p_lm_thm5},
    {"ss_align", p_ss_thm1},            {"ss_thm1", p_ss_thm1},
    {"ss_thm2", p_ss_thm1},             {"ss_cor1", p_ss_cor1},             {"ss_thm3", p_ss_thm3},
    {"ss_thm5", p_ss_thm5},             {"ss_empirical", p_ss_empirical},
    {"ss_dataset", p_ss_dataset},       {"ss_aug", p_ss_aug},
    {"ad_prove", p_ad_prove},           {"ad1_n2", p_ad1_n2},
    {"ea1_alignment", p_ea1_alignment}, {"ea1_init_scale", p_ea1_init_scale},
    {"ssy_overparam", p_ssy_overparam},
    {"lm_assume1", p_lm_assume1}, {"lm_thm2", p_lm_thm2}, {"lm_lemma1", p_lm_lemma1},
    {"lm_lemma23", p_lm_lemma23}, {"lm_lemma4", p_lm_lemma4},
    {"ea2_spurious", p_ea2_spurious}, {"ad1_gd", p_ad1_gd},               {"ad1_newton", p_ad1_newton}};

const tsa_claim_param_t *
tsa_claim_params_of(const char *checker)
{
    size_t i;
    for (i = 0; checker != NULL && i < sizeof tables / sizeof tables[0]; i++)
        if (strcmp(tables[i].checker, checker) == 0)
            return tables[i].params;
    return NULL;
}
