/* tsa_certify.h -- population landscape of the two-layer zero-bias ReLU
 * teacher-student model, Newton polish, and certificates of critical points
 * (claim AD-3 in docs/claims.md; issue 5; derivations in docs/certify.md).
 *
 * Model.  Input x ~ N(0, I_d); student f(x) = sum_i relu(w_i . x), i < n;
 * teacher f*(x) = sum_t relu(v_t . x), t < m; unit output weights.
 *   J(W) = 1/2 E[(f(x) - f*(x))^2]
 *        = 1/2 [ sum_ij psi(w_i,w_j) - 2 sum_it psi(w_i,v_t) + sum_tt' psi(v_t,v_t') ]
 * with psi(w,u) = |w||u| F(theta), F = (sin t + (pi - t) cos t)/(2 pi).
 *
 * Storage.  A weight matrix with neurons as columns (d x n) is stored
 * neuron-major as a vector: W[i*d + a] = entry (a, i).  The parameter vector
 * of the landscape is x = W (N = n d entries), so the Hessian entry
 * H[i*d + a][j*d + b] is d^2 J / dW(a,i) dW(b,j).
 *
 * Enclosures.  Every Arb function below returns balls that contain the exact
 * value for every point of the input balls.  J is C^1 everywhere but analytic
 * only where no student w_i is 0 and no student is parallel or antiparallel
 * to another student or to a teacher; the gradient (on boxes touching such a
 * set) and the Hessian need that and return TSA_EDOM otherwise, naming the
 * pair.  prec is a working precision, not an accuracy promise. */
#ifndef TSA_CERTIFY_H
#define TSA_CERTIFY_H

#include "tsa_arb.h"
#include "tsa_base.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the problem ------------------------------------------------------ */

/* Largest number of student parameters d n accepted from files: the
 * Hessian is held as float64 (d n)^2 midpoints and radii, about 4 GB at
 * this size (k = 100 of the census is 10^4). */
#define TSA_CERTIFY_MAX_PARAMS 16384

/* Limits checked before the work (docs/certify.md "Limits"):
 * precision of certify, polish and verify and of the files' "prec"
 * (verify may work at prec + 64); N = d n for the dense float64 Hessian
 * paths (about 5 N^2 doubles: 250 MB at the limit); and the estimate
 * (n + m)^2 d max(prec, 64) of the Arb pair work (k = 100 of the census
 * at 128 bits is 5e8, about 2 s). */
#define TSA_CERTIFY_MIN_PREC 16
#define TSA_CERTIFY_MAX_PREC 4096
#define TSA_CERTIFY_MAX_DENSE 2500
#define TSA_CERTIFY_MAX_WORK 1.8e10

/* TSA_EINVAL (naming what) unless 1 <= d, n, m and d n, d m <=
 * TSA_CERTIFY_MAX_PARAMS (each size checked first: no overflow). */
int tsa_certify_check_sizes(slong d, slong n, slong m, const char *what) TSA_WUR;

/* tsa_certify_check_sizes, the precision (TSA_CERTIFY_MIN_PREC ..
 * TSA_CERTIFY_MAX_PREC + 64), N = d n <= TSA_CERTIFY_MAX_DENSE when dense
 * (a dense Hessian path will run), and the work estimate; TSA_EINVAL
 * with the estimate otherwise. */
int tsa_certify_check_work(slong d, slong n, slong m, slong prec, int dense,
                           const char *what) TSA_WUR;

struct tsa_sym_s;   /* below: block-permutation symmetry */

/* A candidate: teacher V (d x m) and student W (d x n), balls, neuron-major.
 * init sets every entry to 0 (exact). */
typedef struct
{
    slong d, n, m;
    arb_ptr V;
    arb_ptr W;
} tsa_cand_struct;
typedef tsa_cand_struct tsa_cand_t[1];

void tsa_cand_init(tsa_cand_t c, slong d, slong n, slong m);
void tsa_cand_clear(tsa_cand_t c);
void tsa_cand_set(tsa_cand_t res, const tsa_cand_t c);

/* Orthonormal teacher V = I_k and student W reconstructed from one row of
 * the census data/ssy2021-minima.tsv (data/README.md): line is the whole
 * row (k, blocks, runs, lambda, gradnorm, vals, tab separated).  The float64
 * values are read exactly (strtod of a printed double, exact when the
 * printer printed the shortest round-trip form; they are only a start for
 * polish).  TSA_EFORMAT names the field.  c must be uninitialised; on
 * success the caller clears it. */
int tsa_certify_census_row(tsa_cand_t c, const char *line, slong *runs,
                           double *lambda_float) TSA_WUR;

/* Read / write a candidate JSON file (docs/formats.md "Candidates").
 * Entries of "W" and "V" are strings: C99 hex floats, decimals, Arb balls
 * (tsa_io_parse_arb syntax) or Arb's exact dump (arb_dump_str).  read: c
 * uninitialised; on success the caller clears it; what names the file in
 * messages. */
int tsa_certify_cand_read(tsa_cand_t c, const char *path, slong prec) TSA_WUR;

/* tsa_certify_cand_read, and *rounded = the number of W entries that were
 * not exact binary numbers (decimals like 0.1, balls, JSON numbers that
 * were rounded): they are replaced by their prec-bit rounding, an exact
 * centre (docs/formats.md "Candidates").  V entries keep their balls. */
int tsa_certify_cand_load(tsa_cand_t c, slong *rounded, const char *path,
                          slong prec) TSA_WUR;
/* JSON text (caller frees with free()) of c with exact dumps and decimal
 * renderings; note is stored as "note" (may be NULL). */
char *tsa_certify_cand_json(const tsa_cand_t c, const char *note,
                            const struct tsa_sym_s *sym, slong prec);

/* The optional "symmetry": {"blocks": [b1, ...]} of a candidate file:
 * *found = 1 and s set when present, *found = 0 when absent; TSA_EFORMAT
 * (naming the file) when malformed. */
int tsa_certify_cand_read_sym(struct tsa_sym_s *s, int *found,
                              const char *path) TSA_WUR;

/* ---- the landscape ---------------------------------------------------- */

/* Enclosure of J(W) over the box c->W (c->V fixed).  The formula is
 * continuous everywhere; TSA_EDOM only if a ball touches w_i = 0 for a
 * student, v_t = 0 for a teacher is allowed (psi = 0). */
int tsa_certify_loss(arb_t J, const tsa_cand_t c, slong prec) TSA_WUR;

/* Enclosure of grad J (N = n d entries, neuron-major):
 *   grad_{w_i} J = w_i/2 + (1/2pi) sum_{j != i} (|w_j| sin th_ij u_i + (pi - th_ij) w_j)
 *                  - (1/2pi) sum_t (|v_t| sin th_it u_i + (pi - th_it) v_t),
 * u_i = w_i/|w_i| (docs/certify.md).  TSA_EDOM where the box touches
 * w_i = 0 or a parallel/antiparallel pair (g then indeterminate). */
int tsa_certify_grad(arb_ptr g, const tsa_cand_t c, slong prec) TSA_WUR;

/* Hessian over the box c->W as a float64 midpoint matrix plus rigorous
 * radii: for every point of the box and every entry,
 *   |H_exact[r][s] - Hmid[r*N + s]| <= Erad[(r/d)*n + s/d],
 * i.e. one radius per d x d block (row-major n x n); Hmid may be NULL
 * (radii only, no N x N work).  The block formulas
 * (docs/certify.md s. 2) are evaluated in Arb at prec for the O(n(n+m)d)
 * per-pair quantities and assembled in float64 with a rounding-error
 * bound (Higham's gamma_k).  Hmid is N x N row-major, caller-allocated.
 * TSA_EDOM as for the gradient. */
int tsa_certify_hess_mr(double *Hmid, double *Erad, const tsa_cand_t c,
                        slong prec) TSA_WUR;

/* Smoothness over the box: TSA_TRUE when proved that every |w_i| > 0 and
 * |cos angle| < 1 for every student-student and student-teacher pair
 * (then *min_norm and *max_cos are a lower / upper bound); TSA_FALSE when
 * the midpoint itself is non-smooth (exactly parallel, or w_i = 0);
 * TSA_UNDECIDED when only the box touches.  reason (size >= 160) says
 * which pair. */
tsa_truth_t tsa_certify_smooth(double *min_norm, double *max_cos,
                               char *reason, const tsa_cand_t c, slong prec);

/* Angles between every student i and teacher t, as balls (n x m,
 * row-major), and the per-teacher minimum over students (m entries, the
 * epsilon of epsilon-alignment).  Valid over the whole box (acos of the
 * clamped cosine).  TSA_EDOM if a ball touches a zero neuron. */
int tsa_certify_angles(arb_ptr ang, arb_ptr minang, const tsa_cand_t c,
                       slong prec) TSA_WUR;

/* ---- polish (Newton), GSL-style split ------------------------------------ */

/* Float64 Newton with a backtracking safeguard on |grad|, at most maxiter
 * steps, stopping when |grad|_inf <= tol.  Gradient and Hessian are those
 * above at 64-bit precision, rounded to doubles.  c->W is updated to exact
 * doubles.  Returns TSA_SUCCESS, TSA_EMAXITER (not converged; W holds the
 * best point), or TSA_EDOM (a non-smooth point was reached; the message
 * names the pair). *gnorm gets the final float |grad|_inf. */
int tsa_certify_polish_d(tsa_cand_t c, double *gnorm, double tol,
                         slong maxiter) TSA_WUR;

/* Newton in Arb midpoint arithmetic (float64 Hessian, exact gradient at
 * prec + 32 bits), W rounded to prec-bit midpoints, until |grad|_inf <=
 * 2^(-prec) * scale or stagnation.  *gnorm: upper bound of the final
 * |grad|_inf (a rigorous bound at the final exact midpoint). */
int tsa_certify_polish(tsa_cand_t c, arf_t gnorm, slong prec,
                       slong maxiter) TSA_WUR;

/* ---- certification ------------------------------------------------------ */

typedef enum
{
    TSA_CERT_UNDECIDED = 0,
    TSA_CERT_MIN = 1,         /* strict local minimum, smooth certificate */
    TSA_CERT_SADDLE = 2,      /* critical point with a negative direction */
    TSA_CERT_GLOBAL_MIN = 3,  /* exact: W a column permutation of V */
    TSA_CERT_CRITICAL = 4     /* critical point proved, sign undecided */
} tsa_cert_kind_t;

const char *tsa_cert_kind_name(tsa_cert_kind_t k);

/* Krawczyk test on the cube X = mid(W) +- rho (W's midpoints are the
 * centre, radii ignored):  K(X) = x - R g(x) + (I - R H(X))(X - x) with R a
 * float64 inverse of mid H; everything bounded in float64 with Rump-style
 * error terms (docs/certify.md s. 3).  *ratio = an upper bound of
 * max_i (|R g|_i + rowsum_i |I - R H(X)| rho) / rho.  TSA_TRUE when
 * *ratio < 1 (then X holds exactly one zero of grad J), TSA_UNDECIDED
 * otherwise or when X is not smooth (reason, size >= 256, says why).
 * *rho <= 0 on entry: choose rho = 4 max_i (|R| |g|)_i (or 2^-prec |x|
 * if that is 0) and return it.  If Hmid, Erad are not NULL they receive
 * the Hessian on X (N x N, n x n); if R is not NULL it receives R. */
tsa_truth_t tsa_certify_krawczyk(double *ratio, double *rho, char *reason,
                                 const tsa_cand_t c, double *Hmid,
                                 double *Erad, double *R, slong prec);

/* Certified lower bound of lambda_min(H) for all H with
 * |H - Hmid| <= Erad (blockwise, as tsa_certify_hess_mr): float64
 * Cholesky of Hmid - s I, then a rigorous bound of |Hmid - sI - L L^T|
 * (docs/certify.md s. 4).  TSA_TRUE and *lower > 0, or
 * TSA_UNDECIDED (Cholesky failed or the residual exceeds s). */
tsa_truth_t tsa_certify_lambda_lower(double *lower, const double *Hmid,
                                     const double *Erad, slong n, slong d,
                                     double s);

/* Upper bound of |grad J|_2 over the box c->W (a point when the radii
 * are 0).  TSA_EDOM as tsa_certify_grad. */
int tsa_certify_grad_norm2(double *gn, const tsa_cand_t c, slong prec) TSA_WUR;

/* Float64 (not rigorous) estimate of lambda_min of a symmetric Hmid
 * (N x N): returns 1 and sets *lam when the float Cholesky succeeds (Hmid
 * numerically positive definite), 0 otherwise.  A guide for the shift of
 * tsa_certify_lambda_lower only. */
int tsa_certify_pd_estimate(double *lam, const double *Hmid, slong N);

/* Upper bound of v^T H v over all H with |H - Hmid| <= Erad. */
double tsa_certify_curv_upper(const double *v, const double *Hmid,
                              const double *Erad, slong n, slong d);

/* ---- block-permutation symmetry (census classes; docs/certify.md s. 10) */

/* G = S_{b_1} x ... x S_{b_B} on consecutive blocks of {0..k-1}, acting on
 * a k x k weight matrix by permuting rows (coordinates) and columns
 * (neurons) at once.  The census classes and V = I are invariant. */
#define TSA_SYM_MAXB 7
typedef struct tsa_sym_s
{
    slong k, B;
    slong size[TSA_SYM_MAXB];
    slong start[TSA_SYM_MAXB + 1];
} tsa_sym_struct;
typedef tsa_sym_struct tsa_sym_t[1];

/* Blocks of the given sizes (each >= 1, 1 <= B <= TSA_SYM_MAXB). */
int tsa_sym_init(tsa_sym_t s, const slong *sizes, slong B) TSA_WUR;

/* Blocks from a list "b1,b2,..." (what names it in messages). */
int tsa_sym_parse(tsa_sym_t s, const char *list, const char *what) TSA_WUR;

/* The blocks of a census row (field 2 of data/ssy2021-minima.tsv). */
int tsa_sym_census_row(tsa_sym_t s, const char *line) TSA_WUR;

/* TSA_TRUE when d = n = m = k, every W entry is exact, and W and V are
 * exactly invariant (arb_equal on every orbit); TSA_FALSE otherwise. */
tsa_truth_t tsa_sym_invariant(const tsa_sym_t s, const tsa_cand_t c);

/* Replace W by its orbit means rounded to prec bits: exactly invariant. */
void tsa_sym_symmetrize(tsa_cand_t c, const tsa_sym_t s, slong prec);

/* Newton in the orbit coordinates (the fixed space of G, dimension
 * B^2 + #{b_r >= 2}): W is symmetrized, then y <- y - C^{-1} <e_o, grad J>
 * with C = <e_o, H e_o'> solved in Arb, W rounded to prec-bit midpoints,
 * until |grad J|_inf stops halving (or maxiter).  By symmetric criticality
 * the result approximates a critical point of J itself.  *gnorm: rigorous
 * upper bound of |grad J|_inf at the final exact W.  TSA_EDOM at a
 * non-smooth point or a singular reduced Hessian; TSA_EINVAL (W unchanged)
 * when the sizes do not match or the teacher is not invariant. */
int tsa_sym_polish(tsa_cand_t c, arf_t gnorm, const tsa_sym_t s, slong prec,
                   slong maxiter) TSA_WUR;

/* Certified lower bound of lambda_min of the Hessian at the exact,
 * invariant centre c->W (radii ignored), by the isotypic decomposition:
 * TSA_TRUE and *lower > 0 when C_rho - lower G_rho is proved positive
 * definite (arb_mat_cho) for every component rho; else TSA_UNDECIDED with
 * reason (size >= 256).  *estimate: float64 smallest eigenvalue (min over
 * the components' generalized eigenvalues; NaN if unavailable). */
tsa_truth_t tsa_sym_lambda_lower(double *lower, double *estimate,
                                 char *reason, const tsa_cand_t c,
                                 const tsa_sym_t s, slong prec);

/* Upper bound of |H(x) - H(y)|_2 over all x, y in the box c->W (from the
 * block radii of tsa_certify_hess_mr; no N x N matrix is formed). */
int tsa_certify_hess_spread(double *bound, const tsa_cand_t c,
                            slong prec) TSA_WUR;

/* Options and result of a full certification. */
typedef struct
{
    slong prec;          /* working precision (bits)                     */
    double max_radius;   /* refuse boxes wider than this (half-width)    */
    slong krawczyk_max;  /* run Krawczyk for minima up to this N         */
    double radius;       /* 0: automatic; else the half-width to use     */
    const tsa_sym_struct *sym;  /* NULL, or the candidate's symmetry:
                                   lambda_min by s. 10 when the centre is
                                   exactly invariant                     */
} tsa_cert_opts_t;

void tsa_cert_opts_default(tsa_cert_opts_t *o);

typedef struct
{
    tsa_cert_kind_t kind;
    tsa_truth_t exists;    /* unique critical point in the box           */
    char reason[256];      /* why undecided, or a note                   */
    double radius;         /* half-width of the cube (sup norm)          */
    double kratio;         /* Krawczyk ratio bound (< 1), 0 if not run   */
    int monotone;          /* existence by the monotone argument         */
    double gnorm2;         /* |grad J(centre)|_2 upper bound             */
    double min_norm, max_cos;
    double shift;          /* s used for the Cholesky bound              */
    double lambda_lower;   /* certified lower bound of lambda_min        */
    int sym;               /* lambda_min by the isotypic decomposition   */
    double lambda_centre;  /* its bound at the centre (sym)              */
    double spread;         /* bound of |H(x) - H(centre)|_2 on the box   */
    slong sym_B, sym_size[TSA_SYM_MAXB];
    double curv_upper;     /* saddle: upper bound of v^T H v, < 0        */
    double *dir;           /* saddle direction (N doubles) or NULL       */
    arb_t loss;            /* enclosure of J over the box                */
    arb_ptr ang, minang;   /* angles n x m, per-teacher minimum m        */
    slong n, m;
    double seconds;
    slong prec;
} tsa_cert_struct;
typedef tsa_cert_struct tsa_cert_t[1];

void tsa_cert_init(tsa_cert_t r, slong n, slong m);
void tsa_cert_clear(tsa_cert_t r);

/* Certify the candidate c (its W midpoints are the centre; they should be
 * polished first).  Never returns TSA_CERT_MIN/SADDLE unless existence and
 * uniqueness of a critical point in the box and the curvature claim are
 * proved; the global minimum W = V is recognised exactly and gets no smooth
 * certificate.  Errors only for allocation or invalid sizes. */
int tsa_certify_run(tsa_cert_t r, const tsa_cand_t c,
                    const tsa_cert_opts_t *o) TSA_WUR;

/* From a start point to a verdict: if c->W is exactly a column
 * permutation of V, tsa_certify_run (global minimum, exact argument);
 * else polish c->W in place (tsa_sym_polish when o->sym is given, else
 * tsa_certify_polish_d then tsa_certify_polish) and tsa_certify_run.
 * r must be initialised; r->seconds covers polish and certification.
 * Returns TSA_EDOM (r->reason says where) when polish reached a point
 * where J is not smooth, TSA_SUCCESS otherwise (r->kind may be
 * undecided, with r->reason). */
int tsa_certify_point(tsa_cert_t r, tsa_cand_t c, const tsa_cert_opts_t *o);

/* Certificate JSON text (docs/formats.md "Certificates"); caller frees
 * with free(). */
char *tsa_certify_cert_json(const tsa_cert_t r, const tsa_cand_t c,
                            const tsa_cert_opts_t *o);

/* Re-derive every inequality claimed in the certificate text json from
 * its box alone at precision prec: TSA_TRUE (valid) or TSA_FALSE
 * (invalid, reason says which claim); TSA_EFORMAT via *status for a
 * malformed file. */
tsa_truth_t tsa_certify_verify(char *reason, int *status, const char *json,
                               slong prec);

#ifdef __cplusplus
}
#endif
#endif
