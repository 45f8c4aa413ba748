/* certify_impl.h -- private helpers of the certify module. */
#ifndef TSA_CERTIFY_IMPL_H
#define TSA_CERTIFY_IMPL_H

#include <math.h>
#include "tsa_certify.h"

/* Unit roundoff of float64 and Higham's gamma_k = k u / (1 - k u), rounded
 * up generously.  (k + 2) u (1 + 1e-7) >= gamma_k needs k u <= 1e-7, i.e.
 * k <= 9e8 (here k <= 3 (n + m) + 10 or 2 N + 10); beyond, the exact form
 * with a relative margin (1e-6 covers the few roundings), infinite for
 * k u >= 1/2. */
#define TSA_U64 1.1102230246251565e-16
static inline double
tsa_gamma(double k)
{
    double ku = k * TSA_U64;
    if (ku <= 1e-8)
        return (k + 2.0) * TSA_U64 * 1.0000001;
    return ku < 0.5 ? ku / (1 - ku) * (1 + 1e-6) : HUGE_VAL;
}

/* Upper bound of |x| for every point of the ball, as a double (RND_UP). */
double _tsa_arb_abs_ub_d(const arb_t x);
/* Double midpoint m and radius r with |x - m| <= r for all x in the ball. */
void _tsa_arb_get_mr(double *m, double *r, const arb_t x);

/* Pair quantities: c = cos, s = sin, th = angle of (w, u), |w| = nw,
 * |u| = nu, computed as c = w.u / (|w||u|) clamped to [-1, 1].
 * Returns 0 if |w| or |u| might be 0 (then nothing is set). */
int _tsa_pair(arb_t c, arb_t s, arb_t th, const arb_t nw, const arb_t nu,
              arb_srcptr w, arb_srcptr u, slong d, slong prec);

/* From a cosine ball c (clamped in place to [-1, 1]): s = sin and
 * th = angle in [0, pi]. */
void _tsa_pair_angle(arb_t c, arb_t s, arb_t th, slong prec);

/* |v| of a d-vector; returns 0 when the ball might contain 0. */
int _tsa_norm(arb_t nv, arb_srcptr v, slong d, slong prec);
/* |x| of a float64 vector, the squares summed in order (the overparam
   searches' numerical norm; overparam_search.c) */
double _tsa_norm_d(const double *x, slong d);

/* W's entries exact and a column permutation of V's (exact) columns */
int _tsa_is_teacher_permutation(const tsa_cand_t c);

/* sym.c, shared with the orbit path (orbit_lambda.c): float64 generalized
 * eigenvalues of (mid C, mid G) into ev (0 when GSL fails), and whether
 * C - mu G is certainly positive definite (Arb Cholesky). */
int _tsa_sym_geneig(double *ev, const arb_mat_t C, const arb_mat_t G);
int _tsa_sym_pd(const arb_mat_t C, const arb_mat_t G, double mu, slong prec);

/* Float64 spectrum of H at an invariant centre from the isotypic blocks
 * (each generalized eigenvalue repeated dim(rho) times), sorted: k^2
 * values into ev.  For tests against a dense eigensolver. */
int _tsa_sym_spectrum(double *ev, const tsa_cand_t c, const tsa_sym_t s,
                      slong prec);

/* Pointer to neuron i of the student (t of the teacher). */
#define TSA_WCOL(c, i) ((c)->W + (i) * (c)->d)
#define TSA_VCOL(c, t) ((c)->V + (t) * (c)->d)

#include <jansson.h>
/* matrix "key" of root: d rows of cols entries into neuron-major v;
 * messages name path and key */
int _tsa_cand_matrix(arb_ptr v, json_t *root, const char *key, slong d,
                     slong cols, const char *path, slong prec);
/* the same with a mode: TSA_ENTRY_EXACT refuses inexact entries (a box
   centre), TSA_ENTRY_ROUND rounds them to prec-bit exact midpoints and
   counts them in *rounded (a start point), 0 keeps balls */
#define TSA_ENTRY_EXACT 1
#define TSA_ENTRY_ROUND 2
int _tsa_cand_matrix_ex(arb_ptr v, json_t *root, const char *key, slong d,
                        slong cols, const char *path, slong prec, int mode,
                        slong *rounded);
/* the same with the matrix stored transposed in the file when rows != 0
   (candidate "layout": "rows": cols rows of d entries) */
int _tsa_cand_matrix_lay(arb_ptr v, json_t *root, const char *key, slong d,
                         slong cols, const char *path, slong prec, int mode,
                         slong *rounded, int rows);
/* the decimal matrix "key" of root (if present) prints v to its digits
   (tsa_io_check_decimal_of per entry) */
int _tsa_decimal_matrix_check(json_t *root, const char *key, arb_srcptr v,
                              slong d, slong cols, const char *path);
/* a whole input file as a JSON object (size-limited, regular files only,
   duplicate keys refused); *root NULL on error */
int _tsa_json_read(json_t **root, const char *path);
/* block symmetry from a JSON array of sizes; messages start with what */
int _tsa_sym_json(tsa_sym_t s, json_t *blocks, const char *what);
/* d x cols matrix of exact dumps (exact = 1), dumps of the midpoints
   (exact = 2) or decimals of the midpoints (exact = 0) */
json_t *_tsa_matrix_json(arb_srcptr v, slong d, slong cols, int exact,
                         slong digits);

/* The independent path of verify (indep.h; docs/certify.md "Independent
 * verification"), run after the primary path accepted: every claim of root
 * re-derived on the box X (exact centre, radii rho) without the functions
 * above.  TSA_TRUE writes "K claims re-derived at P bits; independent path:
 * C of K [(not checked: ...)]" into reason (256 bytes), TSA_FALSE
 * "independent path: <claim>: <why>". */
tsa_truth_t _tsa_indep_check(char *reason, json_t *root, const tsa_cand_t X,
                             double rho, slong prec);

/* A double as an exact hex-float JSON string ("%a"). */
json_t *_tsa_json_hex(double x);

/* one path's bound in the zero-student tests (overparam.c): *gub =
   max(*gub, ub(g) + 2^-40 |ub(g)|) (+inf when st fails or g is not
   finite), *res = TSA_UNDECIDED unless g < 0 is proved */
void _tsa_overparam_path_ub(double *gub, tsa_truth_t *res, const arb_t g,
                            int st, slong prec);

/* The common head of the overparam certificates (overparam_cert.c):
 * format tag, claim, d, n, m, V, W, radius (hex and decimal). */
json_t *_tsa_overparam_cert_head(const char *kind, const char *version,
                                 const char *claim, const tsa_cand_t c,
                                 double radius);
/* Their common tail: vkey (the direction, nv hex floats), ukey (the upper
 * bound, hex) and ukey_decimal, note (when not NULL); then root as text
 * (malloc'd, NULL on failure) and root released. */
char *_tsa_overparam_cert_tail(json_t *root, const char *vkey, const double *v,
                               slong nv, const char *ukey, double upper,
                               const char *note);

/* verify's readers of certificate numbers (verify.c): a hex float read
 * exactly (tsa_io_parse_double_exact) and a bounded ball string
 * (tsa_io_parse_arb); 0 with the reason reported on failure.  The
 * independent path (indep.c) reads through the same functions. */
int _tsa_cert_get_hex(double *x, json_t *o, const char *key);
int _tsa_cert_get_ball(arb_t x, json_t *v, const char *what, slong prec);

#endif
