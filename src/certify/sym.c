/* sym.c -- block-permutation symmetry of the census classes
 * (docs/certify.md s. 10).
 *
 * G = S_{b_1} x ... x S_{b_B} (consecutive blocks of {0..k-1}) acts on
 * W (k x k, rows = coordinates, columns = neurons) by permuting rows and
 * columns at once, and fixes V = I.  J is G-invariant, so at an invariant
 * point x0 the gradient is invariant (symmetric criticality: Newton in the
 * orbit coordinates finds critical points of J) and H(x0) commutes with G.
 * R^{k x k} splits into isotypic components; on a component of irrep rho
 * with multiplicity m and equivariant embeddings iota_1..iota_m of one model
 * vector x, Schur's lemma gives <iota_a x, H iota_b x> = C_ab |x|^2 and
 * <iota_a x, iota_b x> = G_ab |x|^2, and the eigenvalues of H there are the
 * generalized eigenvalues of (C, G), each dim(rho) times.  So lambda_min(H)
 * >= mu as soon as C - mu G is proved positive definite for every rho.
 *
 * Components (b = b_r, x = e_0 - e_1 inside a block; docs s. 10):
 *   trivial          orbit indicators: blocks (r,s) r != s, diagonal and
 *                    off-diagonal of (r,r)                       dim 1
 *   std_r   (b >= 2) x (x) 1_{I_s}, 1_{I_s} (x) x (s != r), diag(x),
 *                    off-diagonal x_a, off-diagonal x_i (b >= 3)  dim b - 1
 *   std_r (x) std_s  x_a y_i on (r,s) and y_a x_i on (s,r)        dim (b_r-1)(b_s-1)
 *   [b-2,1,1]_r (b >= 3)  antisymmetric triangle on 3 indices    dim (b-1)(b-2)/2
 *   [b-2,2]_r   (b >= 4)  symmetric 4-cycle with signs           dim b(b-3)/2
 * The code checks sum(mult * dim) = k^2 and that every G is positive
 * definite (the embeddings are independent), so the components fill R^N. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include "certify_impl.h"
#include <math.h>

int
tsa_sym_init(tsa_sym_t s, const slong *sizes, slong B)
{
    slong r;
    if (B < 1 || B > TSA_SYM_MAXB)
        return TSA_ERROR(TSA_EINVAL, "symmetry: %ld blocks (1..%d allowed)",
                         (long) B, TSA_SYM_MAXB);
    s->B = B;
    s->start[0] = 0;
    for (r = 0; r < B; r++)
    {
        if (sizes[r] < 1 || sizes[r] > TSA_CERTIFY_MAX_PARAMS)
            return TSA_ERROR(TSA_EINVAL, "symmetry: block %ld has size %ld",
                             (long) r, (long) sizes[r]);
        s->size[r] = sizes[r];
        s->start[r + 1] = s->start[r] + sizes[r];
    }
    s->k = s->start[B];
    return TSA_SUCCESS;
}

static slong
block_of(const tsa_sym_t s, slong a)
{
    slong r = 0;
    while (a >= s->start[r + 1])
        r++;
    return r;
}

/* orbit of entry (a, i): (r, s, 0) off-diagonal-block, (r, r, 1) diagonal,
   (r, r, 2) off-diagonal inside a diagonal block; as one index */
static slong
orbit_of(const tsa_sym_t s, slong a, slong i)
{
    slong r = block_of(s, a), t = block_of(s, i);
    if (r != t)
        return 3 * (r * s->B + t);
    return 3 * (r * s->B + r) + (a == i ? 1 : 2);
}

/* entries of M (d x n, neuron-major M[i*d + a]) all equal on every orbit */
static int
mat_invariant(const tsa_sym_t s, arb_srcptr M, slong k)
{
    slong a, i, no = 3 * s->B * s->B, *first = malloc(sizeof(slong) * no);
    int ok = 1;
    for (a = 0; a < no; a++)
        first[a] = -1;
    for (i = 0; i < k && ok; i++)
        for (a = 0; a < k && ok; a++)
        {
            slong o = orbit_of(s, a, i);
            if (first[o] < 0)
                first[o] = i * k + a;
            else
                ok = arb_equal(M + first[o], M + i * k + a);
        }
    free(first);
    return ok;
}

tsa_truth_t
tsa_sym_invariant(const tsa_sym_t s, const tsa_cand_t c)
{
    slong k = s->k, j;
    if (c->d != k || c->n != k || c->m != k)
        return TSA_FALSE;
    for (j = 0; j < k * k; j++)
        if (!arb_is_exact(c->W + j))
            return TSA_FALSE;
    return mat_invariant(s, c->V, k) && mat_invariant(s, c->W, k)
           ? TSA_TRUE : TSA_FALSE;
}

/* ---- test vectors ------------------------------------------------------- */

/* an integer matrix M[a][i] stored neuron-major v[i*k + a] */
typedef struct
{
    long *v;
} ivec_t;

#define SET(v, k, a, i, x) ((v)[(i) * (k) + (a)] = (x))

/* one isotypic component: mult vectors, irrep dimension dim */
typedef struct
{
    slong mult, dim;
    long *v[64];
    char name[48];
} comp_t;

static long *
newv(slong k)
{
    return calloc(k * k, sizeof(long));
}

static void
comp_add(comp_t *c, long *v)
{
    c->v[c->mult++] = v;
}

/* x = e_{start} - e_{start+1} in block r: value at index a */
static long
xval(const tsa_sym_t s, slong r, slong a)
{
    return a == s->start[r] ? 1 : a == s->start[r] + 1 ? -1 : 0;
}

/* all components; returns their number (caller frees the vectors) */
static slong
components(comp_t *cs, const tsa_sym_t s)
{
    slong k = s->k, B = s->B, r, t, a, i, nc = 0;
    comp_t *c;
    long *v;

    /* trivial: orbit indicators */
    c = cs + nc++;
    memset(c, 0, sizeof *c);
    c->dim = 1;
    snprintf(c->name, sizeof c->name, "trivial");
    for (r = 0; r < B; r++)
        for (t = 0; t < B; t++)
        {
            if (r != t)
            {
                v = newv(k);
                for (a = s->start[r]; a < s->start[r + 1]; a++)
                    for (i = s->start[t]; i < s->start[t + 1]; i++)
                        SET(v, k, a, i, 1);
                comp_add(c, v);
                continue;
            }
            v = newv(k);
            for (a = s->start[r]; a < s->start[r + 1]; a++)
                SET(v, k, a, a, 1);
            comp_add(c, v);
            if (s->size[r] >= 2)
            {
                v = newv(k);
                for (a = s->start[r]; a < s->start[r + 1]; a++)
                    for (i = s->start[r]; i < s->start[r + 1]; i++)
                        if (a != i)
                            SET(v, k, a, i, 1);
                comp_add(c, v);
            }
        }
    for (r = 0; r < B; r++)
    {
        slong b = s->size[r], r0 = s->start[r], r1 = s->start[r + 1];
        if (b < 2)
            continue;
        /* std_r */
        c = cs + nc++;
        memset(c, 0, sizeof *c);
        c->dim = b - 1;
        snprintf(c->name, sizeof c->name, "std(block %ld)", (long) r);
        for (t = 0; t < B; t++)
        {
            if (t == r)
                continue;
            v = newv(k);   /* x_a on rows I_r, columns I_t */
            for (a = r0; a < r1; a++)
                for (i = s->start[t]; i < s->start[t + 1]; i++)
                    SET(v, k, a, i, xval(s, r, a));
            comp_add(c, v);
            v = newv(k);   /* x_i on rows I_t, columns I_r */
            for (a = s->start[t]; a < s->start[t + 1]; a++)
                for (i = r0; i < r1; i++)
                    SET(v, k, a, i, xval(s, r, i));
            comp_add(c, v);
        }
        v = newv(k);
        for (a = r0; a < r1; a++)
            SET(v, k, a, a, xval(s, r, a));
        comp_add(c, v);
        v = newv(k);
        for (a = r0; a < r1; a++)
            for (i = r0; i < r1; i++)
                if (a != i)
                    SET(v, k, a, i, xval(s, r, a));
        comp_add(c, v);
        if (b >= 3)
        {
            v = newv(k);
            for (a = r0; a < r1; a++)
                for (i = r0; i < r1; i++)
                    if (a != i)
                        SET(v, k, a, i, xval(s, r, i));
            comp_add(c, v);
        }
        /* std_r (x) std_t, t > r */
        for (t = r + 1; t < B; t++)
        {
            slong t0 = s->start[t], t1 = s->start[t + 1];
            if (s->size[t] < 2)
                continue;
            c = cs + nc++;
            memset(c, 0, sizeof *c);
            c->dim = (b - 1) * (s->size[t] - 1);
            snprintf(c->name, sizeof c->name, "std(block %ld) x std(block %ld)",
                     (long) r, (long) t);
            v = newv(k);
            for (a = r0; a < r1; a++)
                for (i = t0; i < t1; i++)
                    SET(v, k, a, i, xval(s, r, a) * xval(s, t, i));
            comp_add(c, v);
            v = newv(k);
            for (a = t0; a < t1; a++)
                for (i = r0; i < r1; i++)
                    SET(v, k, a, i, xval(s, t, a) * xval(s, r, i));
            comp_add(c, v);
        }
        if (b >= 3)
        {
            /* [b-2,1,1]: e01 + e12 + e20 antisymmetrised */
            c = cs + nc++;
            memset(c, 0, sizeof *c);
            c->dim = (b - 1) * (b - 2) / 2;
            snprintf(c->name, sizeof c->name, "[b-2,1,1](block %ld)", (long) r);
            v = newv(k);
            SET(v, k, r0, r0 + 1, 1);
            SET(v, k, r0 + 1, r0, -1);
            SET(v, k, r0 + 1, r0 + 2, 1);
            SET(v, k, r0 + 2, r0 + 1, -1);
            SET(v, k, r0 + 2, r0, 1);
            SET(v, k, r0, r0 + 2, -1);
            comp_add(c, v);
        }
        if (b >= 4)
        {
            /* [b-2,2]: {01} + {23} - {02} - {13}, symmetric */
            c = cs + nc++;
            memset(c, 0, sizeof *c);
            c->dim = b * (b - 3) / 2;
            snprintf(c->name, sizeof c->name, "[b-2,2](block %ld)", (long) r);
            v = newv(k);
            SET(v, k, r0, r0 + 1, 1);
            SET(v, k, r0 + 1, r0, 1);
            SET(v, k, r0 + 2, r0 + 3, 1);
            SET(v, k, r0 + 3, r0 + 2, 1);
            SET(v, k, r0, r0 + 2, -1);
            SET(v, k, r0 + 2, r0, -1);
            SET(v, k, r0 + 1, r0 + 3, -1);
            SET(v, k, r0 + 3, r0 + 1, -1);
            comp_add(c, v);
        }
    }
    return nc;
}

static void
comps_free(comp_t *cs, slong nc)
{
    slong q, a;
    for (q = 0; q < nc; q++)
        for (a = 0; a < cs[q].mult; a++)
            free(cs[q].v[a]);
    free(cs);
}

#define MAXCOMP (2 + 4 * TSA_SYM_MAXB + TSA_SYM_MAXB * TSA_SYM_MAXB)

/* the test vectors of every component, in order (for the orbit path,
   orbit_lambda.c, on its compressed symmetry); the caller frees them */
slong
_tsa_sym_comp_vectors(long **v, slong *mult, const tsa_sym_t s)
{
    comp_t *cs = malloc(sizeof(comp_t) * MAXCOMP);
    slong nc = components(cs, s), q, a, nv = 0;
    for (q = 0; q < nc; q++)
    {
        mult[q] = cs[q].mult;
        for (a = 0; a < cs[q].mult; a++)
            v[nv++] = cs[q].v[a];
    }
    free(cs);
    return nc;
}

/* ---- Hessian bilinear form at a point ------------------------------------ */

/* per-pair quantities of the Hessian formulas (docs/certify.md s. 2) */
typedef struct
{
    slong k, n, m, d, T;   /* T = n + m */
    arb_ptr U;             /* unit vectors of students then teachers */
    arb_ptr c, nu;         /* n x T */
    arb_ptr al, be, ga;    /* n x n */
    arb_ptr M, M12;        /* n: M_i, 1/2 + M_i */
} hq_t;

static int
hq_init(hq_t *h, const tsa_cand_t X, slong prec)
{
    slong n = X->n, m = X->m, d = X->d, T = n + m, i, j, a;
    arb_ptr nrm = _arb_vec_init(T);
    arb_t s, th, pi, twopi, kap;
    int st = TSA_SUCCESS;

    h->n = n;
    h->m = m;
    h->d = d;
    h->T = T;
    h->U = _arb_vec_init(T * d);
    h->c = _arb_vec_init(n * T);
    h->nu = _arb_vec_init(n * T);
    h->al = _arb_vec_init(n * n);
    h->be = _arb_vec_init(n * n);
    h->ga = _arb_vec_init(n * n);
    h->M = _arb_vec_init(n);
    h->M12 = _arb_vec_init(n);
    arb_init(s);
    arb_init(th);
    arb_init(pi);
    arb_init(twopi);
    arb_init(kap);
    arb_const_pi(pi, prec);
    arb_mul_2exp_si(twopi, pi, 1);
    for (j = 0; j < T && st == TSA_SUCCESS; j++)
    {
        arb_srcptr w = j < n ? TSA_WCOL(X, j) : TSA_VCOL(X, j - n);
        if (!_tsa_norm(nrm + j, w, d, prec))
            st = TSA_ERROR(TSA_EDOM, "%s neuron %ld may be 0",
                           j < n ? "student" : "teacher", (long) (j < n ? j : j - n));
        else
            for (a = 0; a < d; a++)
                arb_div(h->U + j * d + a, w + a, nrm + j, prec);
    }
    for (i = 0; i < n && st == TSA_SUCCESS; i++)
        for (j = 0; j < T && st == TSA_SUCCESS; j++)
        {
            arb_srcptr u = j < n ? TSA_WCOL(X, j) : TSA_VCOL(X, j - n);
            arb_ptr cc = h->c + i * T + j;
            if (j == i)
                continue;
            if (!_tsa_pair(cc, s, th, nrm + i, nrm + j, TSA_WCOL(X, i), u, d,
                           prec) || !arb_is_positive(s))
            {
                st = TSA_ERROR(TSA_EDOM, "student %ld and %s %ld may be "
                               "parallel or antiparallel", (long) i,
                               j < n ? "student" : "teacher",
                               (long) (j < n ? j : j - n));
                break;
            }
            /* kappa = sgn |u| / (2 pi |w_i|), M += kappa s, nu = kappa / s */
            arb_div(kap, nrm + j, nrm + i, prec);
            arb_div(kap, kap, twopi, prec);
            if (j >= n)
                arb_neg(kap, kap);
            arb_addmul(h->M + i, kap, s, prec);
            arb_div(h->nu + i * T + j, kap, s, prec);
            if (j < n)
            {
                arb_sub(h->al + i * n + j, pi, th, prec);
                arb_div(h->al + i * n + j, h->al + i * n + j, twopi, prec);
                arb_div(h->be + i * n + j, s, twopi, prec);
                arb_mul(h->ga + i * n + j, twopi, s, prec);
                arb_inv(h->ga + i * n + j, h->ga + i * n + j, prec);
            }
        }
    for (i = 0; i < n; i++)
    {
        arb_set_d(h->M12 + i, 0.5);
        arb_add(h->M12 + i, h->M12 + i, h->M + i, prec);
    }
    _arb_vec_clear(nrm, T);
    arb_clear(s);
    arb_clear(th);
    arb_clear(pi);
    arb_clear(twopi);
    arb_clear(kap);
    return st;
}

static void
hq_clear(hq_t *h)
{
    _arb_vec_clear(h->U, h->T * h->d);
    _arb_vec_clear(h->c, h->n * h->T);
    _arb_vec_clear(h->nu, h->n * h->T);
    _arb_vec_clear(h->al, h->n * h->n);
    _arb_vec_clear(h->be, h->n * h->n);
    _arb_vec_clear(h->ga, h->n * h->n);
    _arb_vec_clear(h->M, h->n);
    _arb_vec_clear(h->M12, h->n);
}

/* a vector prepared for forms: a_i = v_i.u_i, P_ij = v_i.u_j - c_ij a_i */
typedef struct
{
    const long *v;
    char *nz;        /* column i of v nonzero */
    arb_ptr a, P;    /* n, n x T */
} prep_t;

static void
prep_init(prep_t *p, const hq_t *h, const long *v, slong prec)
{
    slong n = h->n, d = h->d, T = h->T, i, j, a;
    arb_t t;
    arb_init(t);
    p->v = v;
    p->nz = calloc(n, 1);
    p->a = _arb_vec_init(n);
    p->P = _arb_vec_init(n * T);
    for (i = 0; i < n; i++)
    {
        for (a = 0; a < d; a++)
            if (v[i * d + a] != 0)
                p->nz[i] = 1;
        if (!p->nz[i])
            continue;
        for (j = 0; j < T; j++)
        {
            arb_ptr A = p->P + i * T + j;
            for (a = 0; a < d; a++)
                if (v[i * d + a] != 0)
                {
                    arb_mul_si(t, h->U + j * d + a, v[i * d + a], prec);
                    arb_add(A, A, t, prec);
                }
        }
        arb_set(p->a + i, p->P + i * T + i);
        for (j = 0; j < T; j++)
            if (j != i)
                arb_submul(p->P + i * T + j, h->c + i * T + j, p->a + i, prec);
    }
    arb_clear(t);
}

static void
prep_clear(prep_t *p, const hq_t *h)
{
    free(p->nz);
    _arb_vec_clear(p->a, h->n);
    _arb_vec_clear(p->P, h->n * h->T);
}

static long
idot(const long *v, const long *w, slong d)
{
    slong a;
    long s = 0;
    for (a = 0; a < d; a++)
        s += v[a] * w[a];
    return s;
}

/* res = <v, H w> with (docs/certify.md s. 2, s. 10)
 *   sum_i (1/2 + M_i) v_i.w_i - M_i a_i(v) a_i(w) + sum_{j != i} nu_ij P_ij(v) P_ij(w)
 * + sum_{i != j students} al_ij v_i.w_j + be_ij a_i(v) a_j(w) + ga_ij P_ij(v) P_ji(w) */
static void
form(arb_t res, const hq_t *h, const prep_t *p, const prep_t *q, slong prec)
{
    slong n = h->n, d = h->d, T = h->T, i, j;
    arb_t t;
    arb_init(t);
    arb_zero(res);
    for (i = 0; i < n; i++)
    {
        if (!p->nz[i])
            continue;
        if (q->nz[i])
        {
            arb_mul_si(t, h->M12 + i, idot(p->v + i * d, q->v + i * d, d), prec);
            arb_add(res, res, t, prec);
            arb_mul(t, p->a + i, q->a + i, prec);
            arb_submul(res, h->M + i, t, prec);
            for (j = 0; j < T; j++)
                if (j != i)
                {
                    arb_mul(t, p->P + i * T + j, q->P + i * T + j, prec);
                    arb_addmul(res, h->nu + i * T + j, t, prec);
                }
        }
        for (j = 0; j < n; j++)
        {
            long dij;
            if (j == i || !q->nz[j])
                continue;
            dij = idot(p->v + i * d, q->v + j * d, d);
            if (dij != 0)
            {
                arb_mul_si(t, h->al + i * n + j, dij, prec);
                arb_add(res, res, t, prec);
            }
            arb_mul(t, p->a + i, q->a + j, prec);
            arb_addmul(res, h->be + i * n + j, t, prec);
            arb_mul(t, p->P + i * T + j, q->P + j * T + i, prec);
            arb_addmul(res, h->ga + i * n + j, t, prec);
        }
    }
    arb_clear(t);
}

/* C[a][b] = <v_a, H v_b>, G[a][b] = <v_a, v_b> for one component */
static void
comp_mats(arb_mat_t C, arb_mat_t G, const hq_t *h, const comp_t *cp,
          slong prec)
{
    slong a, b, mu = cp->mult, N = h->n * h->d;
    prep_t *P = malloc(sizeof(prep_t) * mu);
    for (a = 0; a < mu; a++)
        prep_init(P + a, h, cp->v[a], prec);
    for (a = 0; a < mu; a++)
        for (b = a; b < mu; b++)
        {
            form(arb_mat_entry(C, a, b), h, P + a, P + b, prec);
            arb_set_si(arb_mat_entry(G, a, b), idot(cp->v[a], cp->v[b], N));
            if (b != a)
            {
                /* H is symmetric */
                arb_set(arb_mat_entry(C, b, a), arb_mat_entry(C, a, b));
                arb_set(arb_mat_entry(G, b, a), arb_mat_entry(G, a, b));
            }
        }
    for (a = 0; a < mu; a++)
        prep_clear(P + a, h);
    free(P);
}

/* float64 generalized eigenvalues of (mid C, mid G) into ev (mult
   entries); 0 when GSL fails */
int
_tsa_sym_geneig(double *ev, const arb_mat_t C, const arb_mat_t G)
{
    slong mu = arb_mat_nrows(C), a, b;
    gsl_matrix *A = gsl_matrix_alloc(mu, mu), *Bm = gsl_matrix_alloc(mu, mu);
    gsl_vector *e = gsl_vector_alloc(mu);
    gsl_eigen_gensymm_workspace *w = gsl_eigen_gensymm_alloc(mu);
    tsa_gsl_quiet(); /* process-wide, once (tsa_base.h) */
    int ok;
    for (a = 0; a < mu; a++)
        for (b = 0; b < mu; b++)
        {
            gsl_matrix_set(A, a, b, arf_get_d(arb_midref(arb_mat_entry(C, a, b)),
                                              ARF_RND_NEAR));
            gsl_matrix_set(Bm, a, b, arf_get_d(arb_midref(arb_mat_entry(G, a, b)),
                                               ARF_RND_NEAR));
        }
    ok = gsl_eigen_gensymm(A, Bm, e, w) == GSL_SUCCESS;
    for (a = 0; a < mu && ok; a++)
        ev[a] = gsl_vector_get(e, a);
    gsl_eigen_gensymm_free(w);
    gsl_vector_free(e);
    gsl_matrix_free(A);
    gsl_matrix_free(Bm);
    return ok;
}

/* the smallest of them (NaN when GSL fails) */
static double
comp_estimate(const arb_mat_t C, const arb_mat_t G)
{
    slong mu = arb_mat_nrows(C), a;
    double *ev = malloc(sizeof(double) * mu), lam = HUGE_VAL;
    if (!_tsa_sym_geneig(ev, C, G))
        lam = NAN;
    else
        for (a = 0; a < mu; a++)
            if (!(ev[a] >= lam))
                lam = ev[a];
    free(ev);
    return lam;
}

/* C - mu G certainly positive definite */
int
_tsa_sym_pd(const arb_mat_t C, const arb_mat_t G, double mu, slong prec)
{
    slong n = arb_mat_nrows(C);
    arb_mat_t A, L;
    arb_t t;
    int ok;
    arb_mat_init(A, n, n);
    arb_mat_init(L, n, n);
    arb_init(t);
    arb_set_d(t, mu);
    arb_mat_scalar_mul_arb(A, G, t, prec);
    arb_mat_sub(A, C, A, prec);
    ok = arb_mat_cho(L, A, prec);
    arb_mat_clear(A);
    arb_mat_clear(L);
    arb_clear(t);
    return ok;
}

tsa_truth_t
tsa_sym_lambda_lower(double *lower, double *estimate, char *reason,
                     const tsa_cand_t c, const tsa_sym_t s, slong prec)
{
    comp_t *cs = malloc(sizeof(comp_t) * MAXCOMP);
    arb_mat_struct *C, *G;
    slong nc, q, a, dimsum = 0, k = s->k;
    hq_t h;
    tsa_cand_t X;
    double lam = HUGE_VAL;
    tsa_truth_t res = TSA_UNDECIDED;
    static const double frac[] = {1 - 0x1p-26, 0.9999, 0.99, 0.9, 0.5};

    *lower = 0;
    *estimate = NAN;
    reason[0] = '\0';
    if (tsa_sym_invariant(s, c) != TSA_TRUE)
    {
        snprintf(reason, 256, "the centre is not exactly invariant under the "
                 "block permutations");
        free(cs);
        return TSA_UNDECIDED;
    }
    nc = components(cs, s);
    for (q = 0; q < nc; q++)
        dimsum += cs[q].mult * cs[q].dim;
    if (dimsum != k * k)
    {
        snprintf(reason, 256, "isotypic components have dimension %ld, not "
                 "%ld", (long) dimsum, (long) (k * k));
        goto out;
    }
    tsa_cand_init(X, k, k, k);
    tsa_cand_set(X, c);
    for (a = 0; a < k * k; a++)
        mag_zero(arb_radref(X->W + a));
    if (hq_init(&h, X, prec) != TSA_SUCCESS)
    {
        snprintf(reason, 256, "%.200s", tsa_error_last());
        hq_clear(&h);
        tsa_cand_clear(X);
        goto out;
    }
    C = malloc(sizeof(arb_mat_struct) * nc);
    G = malloc(sizeof(arb_mat_struct) * nc);
    for (q = 0; q < nc; q++)
    {
        double e;
        arb_mat_init(C + q, cs[q].mult, cs[q].mult);
        arb_mat_init(G + q, cs[q].mult, cs[q].mult);
        comp_mats(C + q, G + q, &h, cs + q, prec);
        e = comp_estimate(C + q, G + q);
        if (!(e >= lam))   /* NaN too */
            lam = e;
    }
    *estimate = lam;
    if (!(lam > 0))
        snprintf(reason, 256, "smallest eigenvalue of the Hessian at the "
                 "centre ~ %.3g (float64): not positive", lam);
    else
    {
        for (a = 0; a < 5 && res != TSA_TRUE; a++)
        {
            double mu = frac[a] * lam;
            int ok = 1;
            for (q = 0; q < nc && ok; q++)
                ok = _tsa_sym_pd(C + q, G + q, mu, prec);
            if (ok)
            {
                *lower = mu;
                res = TSA_TRUE;
            }
        }
        if (res != TSA_TRUE)
            snprintf(reason, 256, "C - mu G not proved positive definite for "
                     "mu = 0.5 * %.3g at %ld bits", lam, (long) prec);
    }
    for (q = 0; q < nc; q++)
    {
        arb_mat_clear(C + q);
        arb_mat_clear(G + q);
    }
    free(C);
    free(G);
    hq_clear(&h);
    tsa_cand_clear(X);
out:
    comps_free(cs, nc);
    return res;
}

/* ---- Newton in the orbit coordinates ------------------------------------ */

void
tsa_sym_symmetrize(tsa_cand_t c, const tsa_sym_t s, slong prec)
{
    slong k = s->k, no = 3 * s->B * s->B, a, i;
    arb_ptr sum = _arb_vec_init(no);
    slong *cnt = calloc(no, sizeof(slong));
    for (i = 0; i < k; i++)
        for (a = 0; a < k; a++)
        {
            slong o = orbit_of(s, a, i);
            arb_add(sum + o, sum + o, c->W + i * k + a, prec + 64);
            cnt[o]++;
        }
    for (a = 0; a < no; a++)
        if (cnt[a] > 0)
        {
            arb_div_si(sum + a, sum + a, cnt[a], prec + 64);
            arf_set_round(arb_midref(sum + a), arb_midref(sum + a), prec,
                          ARF_RND_NEAR);
            mag_zero(arb_radref(sum + a));
        }
    for (i = 0; i < k; i++)
        for (a = 0; a < k; a++)
            arb_set(c->W + i * k + a, sum + orbit_of(s, a, i));
    _arb_vec_clear(sum, no);
    free(cnt);
}

int
tsa_sym_polish(tsa_cand_t c, arf_t gnorm, const tsa_sym_t s, slong prec,
               slong maxiter)
{
    slong k = s->k, N = k * k, it, q, a, mu;
    comp_t *cs = malloc(sizeof(comp_t) * MAXCOMP);
    arb_ptr g = _arb_vec_init(N);
    arb_mat_t C, G, gr, dy;
    arf_t t, prev;
    int st = TSA_SUCCESS;
    slong nc;

    if (c->d != k || c->n != k || c->m != k)
    {
        free(cs);
        _arb_vec_clear(g, N);
        return TSA_ERROR(TSA_EINVAL, "symmetry of size %ld for d = %ld, n = %ld, "
                         "m = %ld", (long) k, (long) c->d, (long) c->n,
                         (long) c->m);
    }
    if (!mat_invariant(s, c->V, k))
    {
        free(cs);
        _arb_vec_clear(g, N);
        return TSA_ERROR(TSA_EINVAL, "the teacher is not invariant under the "
                         "block permutations");
    }
    nc = components(cs, s);
    mu = cs[0].mult;   /* the trivial component: orbit indicators */
    arb_mat_init(C, mu, mu);
    arb_mat_init(G, mu, mu);
    arb_mat_init(gr, mu, 1);
    arb_mat_init(dy, mu, 1);
    arf_init(t);
    arf_init(prev);
    arf_pos_inf(prev);
    tsa_sym_symmetrize(c, s, prec);
    for (it = 0; it <= maxiter; it++)
    {
        hq_t h;
        if (tsa_certify_grad(g, c, prec + 32) != TSA_SUCCESS)
        {
            st = TSA_EDOM;
            break;
        }
        arf_zero(gnorm);
        for (a = 0; a < N; a++)
        {
            arb_get_abs_ubound_arf(t, g + a, 64);
            if (arf_cmp(t, gnorm) > 0)
                arf_set(gnorm, t);
        }
        if (it == maxiter || arf_is_zero(gnorm))
            break;
        /* stagnation: |g| no longer halves (rounding level at prec) */
        arf_mul_2exp_si(t, gnorm, 1);
        if (arf_cmp(t, prev) > 0)
            break;
        arf_set(prev, gnorm);
        /* reduced gradient <e_o, g> and Hessian <e_o, H e_o'> */
        for (q = 0; q < mu; q++)
        {
            arb_ptr e = arb_mat_entry(gr, q, 0);
            arb_zero(e);
            for (a = 0; a < N; a++)
                if (cs[0].v[q][a])
                    arb_add(e, e, g + a, prec + 32);
        }
        if (hq_init(&h, c, prec + 32) != TSA_SUCCESS)
        {
            hq_clear(&h);
            st = TSA_EDOM;
            break;
        }
        comp_mats(C, G, &h, cs, prec + 32);
        hq_clear(&h);
        if (!arb_mat_solve(dy, C, gr, prec + 32))
        {
            st = TSA_ERROR(TSA_EDOM, "the Hessian restricted to the invariant "
                           "subspace is singular (or not resolved)");
            break;
        }
        for (a = 0; a < N; a++)
            for (q = 0; q < mu; q++)
                if (cs[0].v[q][a])
                {
                    arf_sub(arb_midref(c->W + a), arb_midref(c->W + a),
                            arb_midref(arb_mat_entry(dy, q, 0)), prec,
                            ARF_RND_NEAR);
                    break;
                }
    }
    arf_clear(t);
    arf_clear(prev);
    arb_mat_clear(C);
    arb_mat_clear(G);
    arb_mat_clear(gr);
    arb_mat_clear(dy);
    _arb_vec_clear(g, N);
    comps_free(cs, nc);
    return st;
}

int
tsa_sym_parse(tsa_sym_t s, const char *list, const char *what)
{
    slong sizes[TSA_SYM_MAXB], B = 0;
    const char *p = list;
    char *end;
    for (;;)
    {
        long b;
        errno = 0;
        b = strtol(p, &end, 10);
        if (end == p || *p < '0' || *p > '9' || b < 1 || b > TSA_CERTIFY_MAX_PARAMS || errno != 0)
            return TSA_ERROR(TSA_EFORMAT, "%s: '%s' is not a list of block "
                             "sizes like 1,6", what, list);
        if (B >= TSA_SYM_MAXB)
            return TSA_ERROR(TSA_EINVAL, "%s: more than %d blocks", what,
                             TSA_SYM_MAXB);
        sizes[B++] = b;
        if (*end != ',')
            break;
        p = end + 1;
    }
    if (*end != '\0' && *end != '\t')
        return TSA_ERROR(TSA_EFORMAT, "%s: '%s' is not a list of block sizes "
                         "like 1,6", what, list);
    return tsa_sym_init(s, sizes, B);
}

int
tsa_sym_census_row(tsa_sym_t s, const char *line)
{
    const char *p = strchr(line, '\t');
    if (p == NULL || strchr(p + 1, '\t') == NULL)
        return TSA_ERROR(TSA_EFORMAT, "census row: no blocks field");
    return tsa_sym_parse(s, p + 1, "census row: blocks");
}

/* |H(x) - H(y)| <= 2 Erad blockwise (both within Erad of one float matrix),
   H(x) - H(y) symmetric: |.|_2 <= max row sum <= 2 max_i sum_j d Erad_ij */
int
tsa_certify_hess_spread(double *bound, const tsa_cand_t c, slong prec)
{
    slong n = c->n, d = c->d, i, j;
    double *E = malloc(sizeof(double) * n * n), worst = 0;
    int st = tsa_certify_hess_mr(NULL, E, c, prec);
    if (st == TSA_SUCCESS)
    {
        for (i = 0; i < n; i++)
        {
            double row = 0;
            for (j = 0; j < n; j++)
                row += E[i * n + j];
            if (!(row <= worst) && !isnan(worst))
                worst = row;   /* keeps a NaN */
        }
        *bound = 2.0 * (double) d * worst * (1 + tsa_gamma((double) n + 2));
    }
    free(E);
    return st;
}

/* every eigenvalue (float64) of H at the invariant centre, each repeated
   dim(rho) times, sorted ascending: N = k^2 values (for tests) */
static int
cmp_d(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

int
_tsa_sym_spectrum(double *ev, const tsa_cand_t c, const tsa_sym_t s,
                  slong prec)
{
    comp_t *cs = malloc(sizeof(comp_t) * MAXCOMP);
    slong nc = components(cs, s), q, a, b, cnt = 0, k = s->k;
    hq_t h;
    int st = hq_init(&h, c, prec);
    for (q = 0; q < nc && st == TSA_SUCCESS; q++)
    {
        slong mu = cs[q].mult;
        arb_mat_t C, G;
        double *e = malloc(sizeof(double) * mu);
        arb_mat_init(C, mu, mu);
        arb_mat_init(G, mu, mu);
        comp_mats(C, G, &h, cs + q, prec);
        if (!_tsa_sym_geneig(e, C, G))
            st = TSA_ERROR(TSA_EINVAL, "GSL generalized eigensolver failed "
                           "on component %ld", (long) q);
        for (a = 0; a < mu && st == TSA_SUCCESS; a++)
            for (b = 0; b < cs[q].dim; b++, cnt++)
                if (cnt < k * k)   /* too many is reported below */
                    ev[cnt] = e[a];
        free(e);
        arb_mat_clear(C);
        arb_mat_clear(G);
    }
    hq_clear(&h);
    comps_free(cs, nc);
    if (st == TSA_SUCCESS && cnt != k * k)
        st = TSA_ERROR(TSA_EINVAL, "components fill %ld of %ld dimensions",
                       (long) cnt, (long) (k * k));
    if (st == TSA_SUCCESS)
        qsort(ev, k * k, sizeof(double), cmp_d);
    return st;
}
