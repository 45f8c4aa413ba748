/* orbit_lambda.c -- lambda_min by the isotypic decomposition (docs/certify.md
 * s. 10) on the compressed instance (s. 12): the test vectors of sym.c on
 * blocks of size min(b, 7) are the restrictions of the true ones (they use
 * the first four indices of a block and constants), the conditions b >= 2,
 * 3, 4 that decide the components are kept, and dim(rho) is computed from
 * the true sizes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include "orbit_impl.h"

#define OMAXC (2 + 4 * TSA_SYM_MAXB + TSA_SYM_MAXB * TSA_SYM_MAXB)
#define OMAXV 4096

/* dim(rho) of the components in sym.c's order (true sizes) */
static slong
comp_dims(fmpz *dim, const tsa_sym_t s)
{
    slong r, t, n = 0, B = s->B;
    fmpz_one(dim + n++);
    for (r = 0; r < B; r++)
    {
        slong b = s->size[r];
        if (b < 2)
            continue;
        fmpz_set_si(dim + n++, b - 1);
        for (t = r + 1; t < B; t++)
            if (s->size[t] >= 2)
            {
                fmpz_set_si(dim + n, b - 1);
                fmpz_mul_si(dim + n, dim + n, s->size[t] - 1);
                n++;
            }
        if (b >= 3)
        {
            fmpz_set_si(dim + n, b - 1);
            fmpz_mul_si(dim + n, dim + n, b - 2);
            fmpz_fdiv_q_2exp(dim + n, dim + n, 1);
            n++;
        }
        if (b >= 4)
        {
            fmpz_set_si(dim + n, b);
            fmpz_mul_si(dim + n, dim + n, b - 3);
            fmpz_fdiv_q_2exp(dim + n, dim + n, 1);
            n++;
        }
    }
    return n;
}

typedef struct
{
    slong nc, nv;
    long *v[OMAXV];
    slong mult[OMAXC];
    fmpz dim[OMAXC];
    arb_mat_struct C[OMAXC], G[OMAXC];
} comps_t;

static void
comps_clear(comps_t *cs)
{
    slong q;
    for (q = 0; q < cs->nv; q++)
        free(cs->v[q]);
    for (q = 0; q < OMAXC; q++)
        fmpz_clear(cs->dim + q);
    for (q = 0; q < cs->nc; q++)
    {
        arb_mat_clear(cs->C + q);
        arb_mat_clear(cs->G + q);
    }
}

/* the compressed symmetry (block sizes min(b, 7)) */
static void
compressed(tsa_sym_t cs, const oi_t *o)
{
    if (tsa_sym_init(cs, o->cb, o->B) != TSA_SUCCESS)
        abort();   /* sizes 1 .. 7, B checked: cannot fail */
}

/* C_ab = <v_a, H v_b>, G_ab = <v_a, v_b> for every component; 0 when the
   components do not fill the k^2 dimensions */
static int
comps_build(comps_t *cs, const oi_t *o, const tsa_sym_t s, slong prec)
{
    tsa_sym_t c;
    slong q, a, b, off = 0, n2;
    fmpz_t tot, t;
    oprep_t *P;
    int ok;
    memset(cs, 0, sizeof *cs);
    compressed(c, o);
    cs->nc = _tsa_sym_comp_vectors(cs->v, cs->mult, c);
    for (q = 0; q < cs->nc; q++)
        cs->nv += cs->mult[q];
    n2 = comp_dims(cs->dim, s);
    fmpz_init(tot);
    fmpz_init(t);
    for (q = 0; q < cs->nc; q++)
    {
        fmpz_mul_si(t, cs->dim + q, cs->mult[q]);
        fmpz_add(tot, tot, t);
    }
    fmpz_set_si(t, s->k);
    fmpz_mul(t, t, t);
    ok = n2 == cs->nc && fmpz_equal(tot, t);
    fmpz_clear(tot);
    fmpz_clear(t);
    for (q = 0; q < cs->nc; q++)
    {
        slong mu = cs->mult[q];
        arb_mat_init(cs->C + q, mu, mu);
        arb_mat_init(cs->G + q, mu, mu);
        P = malloc(sizeof(oprep_t) * mu);
        for (a = 0; a < mu; a++)
            _tsa_oi_prep(P + a, o, cs->v[off + a], prec);
        for (a = 0; a < mu; a++)
            for (b = a; b < mu; b++)
            {
                _tsa_oi_form(arb_mat_entry(cs->C + q, a, b), o, P + a, P + b, prec);
                _tsa_oi_gram(arb_mat_entry(cs->G + q, a, b), o, cs->v[off + a],
                             cs->v[off + b], prec);
                arb_set(arb_mat_entry(cs->C + q, b, a), arb_mat_entry(cs->C + q, a, b));
                arb_set(arb_mat_entry(cs->G + q, b, a), arb_mat_entry(cs->G + q, a, b));
            }
        for (a = 0; a < mu; a++)
            _tsa_oi_prep_clear(P + a, o);
        free(P);
        off += mu;
    }
    return ok;
}

static double
estimate(const comps_t *cs)
{
    slong q, a;
    double lam = HUGE_VAL, ev[64 * 64];
    for (q = 0; q < cs->nc; q++)
    {
        if (!_tsa_sym_geneig(ev, cs->C + q, cs->G + q))
            return NAN;
        for (a = 0; a < cs->mult[q]; a++)
            if (!(ev[a] >= lam))
                lam = ev[a];
    }
    return lam;
}

static int
all_pd(const comps_t *cs, double mu, slong prec)
{
    slong q;
    for (q = 0; q < cs->nc; q++)
        if (!_tsa_sym_pd(cs->C + q, cs->G + q, mu, prec))
            return 0;
    return 1;
}

tsa_truth_t
tsa_orbit_lambda(double *lower, double *est, char *reason,
                 const tsa_orbit_t p, double mu, slong prec)
{
    static const double frac[] = {1 - 0x1p-26, 0.9999, 0.99, 0.9, 0.5};
    comps_t *cs;
    oi_t o;
    slong a;
    tsa_truth_t res = TSA_UNDECIDED;
    *lower = 0;
    *est = NAN;
    reason[0] = '\0';
    if (_tsa_oi_init(&o, p, 0, prec) != TSA_SUCCESS)
    {
        snprintf(reason, 256, "%.200s", tsa_error_last());
        return TSA_UNDECIDED;
    }
    cs = malloc(sizeof(comps_t));
    if (!comps_build(cs, &o, &p->s, prec))
        snprintf(reason, 256, "isotypic components do not fill k^2 dimensions");
    else
    {
        double lam = *est = estimate(cs);
        if (mu > 0)
        {
            if (all_pd(cs, mu, prec))
            {
                *lower = mu;
                res = TSA_TRUE;
            }
        }
        else if (lam > 0)
            for (a = 0; a < 5 && res != TSA_TRUE; a++)
                if (all_pd(cs, frac[a] * lam, prec))
                {
                    *lower = frac[a] * lam;
                    res = TSA_TRUE;
                }
        if (res != TSA_TRUE)
            snprintf(reason, 256, "smallest eigenvalue of the Hessian ~ %.3g "
                     "(float64): %s", lam, lam > 0 ? "C - mu G not proved "
                     "positive definite" : "not positive");
    }
    comps_clear(cs);
    free(cs);
    _tsa_oi_clear(&o);
    return res;
}

slong
_tsa_orbit_spectrum(double *ev, fmpz *dims, slong cap, const tsa_orbit_t p,
                    slong prec)
{
    comps_t *cs;
    oi_t o;
    slong q, a, n = 0;
    double e[64 * 64];
    if (_tsa_oi_init(&o, p, 0, prec) != TSA_SUCCESS)
        return -1;
    cs = malloc(sizeof(comps_t));
    if (!comps_build(cs, &o, &p->s, prec))
        n = -1;
    for (q = 0; q < cs->nc && n >= 0; q++)
    {
        if (!_tsa_sym_geneig(e, cs->C + q, cs->G + q))
            n = -1;
        for (a = 0; a < cs->mult[q] && n >= 0 && n < cap; a++, n++)
        {
            ev[n] = e[a];
            fmpz_set(dims + n, cs->dim + q);
        }
    }
    comps_clear(cs);
    free(cs);
    _tsa_oi_clear(&o);
    return n;
}

/* z^T A z for a float64 vector z (exact doubles) */
static void
quad(arb_t res, const arb_mat_t A, const double *z, slong prec)
{
    slong n = arb_mat_nrows(A), a, b;
    arb_t t, za, zb;
    arb_init(t);
    arb_init(za);
    arb_init(zb);
    arb_zero(res);
    for (a = 0; a < n; a++)
        for (b = 0; b < n; b++)
        {
            arb_set_d(za, z[a]);
            arb_set_d(zb, z[b]);
            arb_mul(t, za, zb, prec);
            arb_addmul(res, t, arb_mat_entry(A, a, b), prec);
        }
    arb_clear(t);
    arb_clear(za);
    arb_clear(zb);
}

/* float64 eigenvector of the smallest generalized eigenvalue */
static double
mineig(double *z, const arb_mat_t C, const arb_mat_t G)
{
    slong mu = arb_mat_nrows(C), a, b, best = 0;
    gsl_matrix *A = gsl_matrix_alloc(mu, mu), *Bm = gsl_matrix_alloc(mu, mu);
    gsl_matrix *Z = gsl_matrix_alloc(mu, mu);
    gsl_vector *e = gsl_vector_alloc(mu);
    gsl_eigen_gensymmv_workspace *w = gsl_eigen_gensymmv_alloc(mu);
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    double lam = NAN;
    for (a = 0; a < mu; a++)
        for (b = 0; b < mu; b++)
        {
            gsl_matrix_set(A, a, b, arf_get_d(arb_midref(arb_mat_entry(C, a, b)),
                                              ARF_RND_NEAR));
            gsl_matrix_set(Bm, a, b, arf_get_d(arb_midref(arb_mat_entry(G, a, b)),
                                               ARF_RND_NEAR));
        }
    if (gsl_eigen_gensymmv(A, Bm, e, Z, w) == GSL_SUCCESS)
    {
        for (a = 1; a < mu; a++)
            if (gsl_vector_get(e, a) < gsl_vector_get(e, best))
                best = a;
        lam = gsl_vector_get(e, best);
        for (a = 0; a < mu; a++)
            z[a] = gsl_matrix_get(Z, a, best);
    }
    gsl_set_error_handler(old);
    gsl_eigen_gensymmv_free(w);
    gsl_vector_free(e);
    gsl_matrix_free(A);
    gsl_matrix_free(Bm);
    gsl_matrix_free(Z);
    return lam;
}

tsa_truth_t
tsa_orbit_negcurv(double *upper, const tsa_orbit_t Y, slong prec)
{
    comps_t *cs;
    oi_t o;
    slong q;
    double z[64], best = HUGE_VAL;
    tsa_truth_t res = TSA_UNDECIDED;
    *upper = 0;
    if (_tsa_oi_init(&o, Y, 0, prec) != TSA_SUCCESS)
        return TSA_UNDECIDED;
    cs = malloc(sizeof(comps_t));
    if (comps_build(cs, &o, &Y->s, prec))
        for (q = 0; q < cs->nc; q++)
        {
            arb_t c, g;
            if (!(mineig(z, cs->C + q, cs->G + q) < 0))
                continue;
            arb_init(c);
            arb_init(g);
            quad(c, cs->C + q, z, prec);
            quad(g, cs->G + q, z, prec);
            arb_div(c, c, g, prec);   /* Rayleigh quotient over Y */
            if (arb_is_negative(c))
            {
                arf_t u;
                arf_init(u);
                arb_get_ubound_arf(u, c, 64);
                best = fmin(best, arf_get_d(u, ARF_RND_UP));
                arf_clear(u);
                res = TSA_TRUE;
            }
            arb_clear(c);
            arb_clear(g);
        }
    if (res == TSA_TRUE)
        *upper = best;
    comps_clear(cs);
    free(cs);
    _tsa_oi_clear(&o);
    return res;
}
