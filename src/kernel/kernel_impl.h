/* kernel_impl.h -- private declarations of the kernel module (not
 * installed).  Formulas and bounds: docs/kernels.md. */
#ifndef TSA_KERNEL_IMPL_H
#define TSA_KERNEL_IMPL_H

#include "tsa_kernel.h"

/* Guard bits and Ziv cap shared by the public Arb functions
 * (docs/kernels.md section 6): start at prec + 30, double while the
 * relative accuracy is below prec - 10, stop at 8 prec + 256. */
#define TSA_KERNEL_GUARD 30
#define TSA_KERNEL_SLACK 10
#define TSA_KERNEL_CAP(prec) (8 * (prec) + 256)

/* Phi(x) = erfc(-x/sqrt 2)/2 and phi(x) = exp(-x^2/2)/sqrt(2 pi), balls. */
void _tsa_kernel_Phi(arb_t res, const arb_t x, slong prec);
void _tsa_kernel_phi(arb_t res, const arb_t x, slong prec);

/* Upper bound of phi over the ball x: phi(inf |x|). */
void _tsa_kernel_phi_sup(mag_t res, const arb_t x);

/* Phi2, M, Mh (any may be NULL) at the ball (h, k, theta), theta a ball
 * inside [0, pi] (the caller intersects), h, k finite, fixed working
 * precision wp (no Ziv loop).  Midpoint evaluation plus the derivative
 * bounds of docs/kernels.md section 4.  Returns the smallest relative
 * accuracy (bits) of the midpoint values (before adding the input radii),
 * ARF_PREC_EXACT for exact values. */
slong _tsa_kernel_bvn_wp(arb_t Phi2, arb_t M, arb_t Mh, const arb_t h,
                         const arb_t k, const arb_t theta, slong wp);

/* Leaky combinations (docs/kernels.md section 3), any output NULL:
 *   Mc  = M(h,k,th) - c M(h,-k,pi-th) - c M(-h,k,pi-th) + c^2 M(-h,-k,th)
 *   Mch = dMc/dh
 *       = Mh(h,k,th) - c Mh(h,-k,pi-th) + c Mh(-h,k,pi-th) - c^2 Mh(-h,-k,th)
 *   Pc  = dMc/drho = psi_d
 *       = Phi2(h,k,th) + c Phi2(h,-k,pi-th) + c Phi2(-h,k,pi-th)
 *         + c^2 Phi2(-h,-k,th)
 * theta inside [0, pi].  c exactly 0 evaluates one term only. */
void _tsa_kernel_leaky_wp(arb_t Mc, arb_t Mch, arb_t Pc, const arb_t h,
                          const arb_t k, const arb_t theta, const arb_t c,
                          slong wp);

/* sigma(b) = max(b, c b) and sigma'(b) = c + (1 - c) 1(b > 0) (so
 * sigma'(0) = c: the ReLU indicator 1(0 > 0) = 0, docs/kernels.md s.5)
 * over a ball b. */
void _tsa_kernel_sigma(arb_t res, const arb_t b, const arb_t c, slong prec);
void _tsa_kernel_dsigma(arb_t res, const arb_t b, const arb_t c, slong prec);

/* Geometry of one weight pair (docs/kernels.md section 5). */
typedef struct
{
    slong d;
    arb_ptr wh, uh;      /* wt/|wt|, ut/|ut| when the norm is > 0  */
    arb_t nw, nu;        /* |wt|, |ut|                            */
    arb_t bw, bu;        /* biases (exact 0 without bias)         */
    arb_t h, k, th, rho; /* when wz == uz == 0                    */
    int wz, uz;          /* 0: norm > 0 proved, 1: exactly 0,
                            2: the ball contains 0 (not exact)    */
    int exact;           /* all inputs (w, u, s) exact            */
} _tsa_kernel_geom_struct;
typedef _tsa_kernel_geom_struct _tsa_kernel_geom_t[1];

void _tsa_kernel_geom_init(_tsa_kernel_geom_t g, slong d);
void _tsa_kernel_geom_clear(_tsa_kernel_geom_t g);
void _tsa_kernel_geom_set(_tsa_kernel_geom_t g, arb_srcptr w, arb_srcptr u,
                          slong d, int bias, const arb_t s, slong wp);

/* Input checks shared by the Arb entry points; fn names the caller in
 * the one-line message.  Returns TSA_SUCCESS, TSA_EINVAL or TSA_EDOM. */
int _tsa_kernel_check(const char *fn, arb_srcptr w, arb_srcptr u, slong d,
                      int bias, const arb_t s, const arb_t c);

/* E[sigma(v . xt)] and E[sigma'(v . xt)] for one weight whose geometry
 * (norm n, bias b, kk = b/(s n)) is given; vz as in the geom struct
 * (vz == 2 not allowed). */
void _tsa_kernel_mean_sigma(arb_t res, const arb_t n, const arb_t b,
                            const arb_t kk, int vz, const arb_t s,
                            const arb_t c, slong prec);
void _tsa_kernel_mean_dsigma(arb_t res, const arb_t b, const arb_t kk, int vz,
                             const arb_t c, slong prec);

/* Upper bound of ||v||_s = sqrt(s^2 |vt|^2 + b^2) over the balls. */
void _tsa_kernel_snorm_ub(mag_t res, arb_srcptr v, slong d, int bias,
                          const arb_t s);

/* psi_l, psi_d at a fixed working precision (no Ziv loop, no checks). */
void _tsa_kernel_psi_l_wp(arb_t res, arb_srcptr w, arb_srcptr u, slong d,
                          int bias, const arb_t s, const arb_t c, slong wp);

/* Ziv stopping rule on one ball (docs/kernels.md section 6). */
int _tsa_kernel_ziv_done(const arb_t res, slong prec);

/* float64 helpers (docs/kernels.md section 7). */
double _tsa_kernel_Phi_d(double x);
double _tsa_kernel_phi_d(double x);
void _tsa_kernel_leaky_d(double *Mc, double *Mch, double *Pc, double h,
                         double k, double theta, double c);

typedef struct
{
    double nw, nu, bw, bu, h, k, th, rho;
    int wz, uz; /* 1 when the input part of the weight is exactly 0 */
} _tsa_kernel_geom_d_t;
void _tsa_kernel_geom_d(_tsa_kernel_geom_d_t *g, double *wh, double *uh,
                        const double *w, const double *u, size_t d, int bias,
                        double s);

#endif
