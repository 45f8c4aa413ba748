/* orbit_impl.h -- the compressed instance of the orbit path (orbit*.c;
 * docs/certify.md s. 12).
 *
 * Block r of size b keeps D = min(b, 4) distinguished indices (the
 * isotypic test vectors live on the first four indices of a block) and
 * c = min(b - D, 3) concrete representatives of its m = b - D generic
 * indices: b' = min(b, 7) concrete indices per block, K <= 7 B in all.
 * W, the test vectors and every summand are invariant under the
 * permutations of the generic indices of each block, so a sum over the
 * true indices a given fixed context indices S (the enclosing sums'
 * indices) equals the sum over the concrete a with weights
 *   wt(a | S) = 1 (a distinguished or a in S),
 *             = (m - q) / (c - q) (a generic, q = #generic of its block in S),
 * the true number of generic indices outside S over the concrete number.
 * The transcendental pair quantities (cos, sin, angle) are computed once
 * per G-orbit of pairs and looked up. */
#ifndef TSA_ORBIT_IMPL_H
#define TSA_ORBIT_IMPL_H

#include "certify_impl.h"
#include "tsa_orbit.h"

typedef struct
{
    slong B, K, k;
    slong b[TSA_SYM_MAXB], cb[TSA_SYM_MAXB], cst[TSA_SYM_MAXB + 1];
    slong D[TSA_SYM_MAXB], m[TSA_SYM_MAXB], c[TSA_SYM_MAXB];
    slong *blk;             /* block of each concrete index */
    char *gen;              /* generic representative */
    arb_struct ratio[3 * TSA_SYM_MAXB];
    arb_ptr W, U, nrm;      /* K x K neuron-major, unit columns, norms */
    arb_t pi, twopi;
    /* per G-orbit: students (r, t) distinct; student r, teacher s,
       index other [0] / same [1] */
    arb_ptr ssc, sss, ssth, stc, sts, stth;
    arb_ptr M;              /* per block: sum kappa s (docs s. 2) */
    /* Hessian coefficients (docs s. 2): nu = kappa / s per ordered orbit
       key, al = (pi - th)/2pi, be = s/2pi, ga = 1/(2pi s) per student key */
    arb_ptr ssnu, stnu, ssal, ssbe, ssga;
    slong prec;
} oi_t;

/* the instance at the orbit values p->y (balls), each W entry widened by
   rho; TSA_EDOM (naming the orbit) where J is not smooth over it.  On
   error oi is cleared. */
int _tsa_oi_init(oi_t *o, const tsa_orbit_t p, double rho, slong prec);
void _tsa_oi_clear(oi_t *o);
/* the weight wt(a | s1, s2) (s = -1: absent); NULL means 1 */
const arb_struct *_tsa_oi_wt(const oi_t *o, slong a, slong s1, slong s2);
/* res += w x (w NULL: 1) */
void _tsa_oi_wadd(arb_t res, const arb_t x, const arb_struct *w, slong prec);
/* sum_a wt(a | s1, s2) x[a] y[a] over the K coordinates */
void _tsa_oi_dot(arb_t res, const oi_t *o, arb_srcptr x, arb_srcptr y,
                 slong s1, slong s2, slong prec);
/* orbit table keys */
static inline slong
_tsa_oi_ss(const oi_t *o, slong i, slong j)
{
    return o->blk[i] * o->B + o->blk[j];
}
static inline slong
_tsa_oi_st(const oi_t *o, slong i, slong t)
{
    return 2 * (o->blk[i] * o->B + o->blk[t]) + (i == t);
}
/* concrete representative pair (i, a) of the free coordinate y-index yi */
void _tsa_oi_rep(const oi_t *o, slong yi, slong *i, slong *a);

/* a test vector (K x K, neuron-major) prepared for the Hessian form */
typedef struct
{
    const long *v;
    char *nz;
    arb_ptr a, P;     /* K; K x 2K (students then teachers) */
} oprep_t;
void _tsa_oi_prep(oprep_t *p, const oi_t *o, const long *v, slong prec);
void _tsa_oi_prep_clear(oprep_t *p, const oi_t *o);
/* <v, H w> and <v, w> over the full k x k space */
void _tsa_oi_form(arb_t res, const oi_t *o, const oprep_t *p,
                  const oprep_t *q, slong prec);
void _tsa_oi_gram(arb_t res, const oi_t *o, const long *v, const long *w,
                  slong prec);

/* the isotypic test vectors of sym.c on a (compressed) symmetry: the
   vectors of all components in order into v (caller frees each), their
   multiplicities into mult; returns the number of components */
slong _tsa_sym_comp_vectors(long **v, slong *mult, const tsa_sym_t s);

#endif
