/* lm_lemmas.c -- LM Lemmas 1-4 of the appendix, each its own checker
 * (docs/claims-lm.md s. 8):
 *   lm_lemma1   BN backward = (c0/sigma) P_perp{f, 1} g (numerical, float64:
 *               chain rule vs the lemma's projection vs central differences)
 *   lm_lemma23  Lemma 2 (bottom bounds, eq. 19-20) or Lemma 3 (top bounds,
 *               eq. 30-31) for zero-bias unit nodes, rigorous (Arb kernels,
 *               cross-checked against the closed forms in the angle)
 *   lm_lemma4   |l*_jj - l_jj| <= C0 l*_jj |dw_j|^2 on a grid of angles,
 *               rigorous (closed form and Arb kernel). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include "tsa_kernel.h"
#include "lm_lemmas.h"

const tsa_claim_checker_entry_t tsa_claims_lmx_checkers[] = {
    {"lm_assume1", tsa_claim_check_lm_assume1},
    {"lm_thm2", tsa_claim_check_lm_thm2},
    {"lm_lemma1", tsa_claim_check_lm_lemma1},
    {"lm_lemma23", tsa_claim_check_lm_lemma23},
    {"lm_lemma4", tsa_claim_check_lm_lemma4},
    {NULL, NULL}};

static void
set_num(tsa_claim_result_t r, const char *key, double v)
{
    json_object_set_new(r->data, key, json_real(v));
}

/* ------------------------------------------------------------------ */
/* Lemma 1 */

static void
bn_stats(double *mu, double *var, const double *f, size_t n)
{
    size_t i;
    double m = 0, v = 0;
    for (i = 0; i < n; i++)
        m += f[i];
    m /= (double) n;
    for (i = 0; i < n; i++)
        v += (f[i] - m) * (f[i] - m);
    *mu = m;
    *var = v / (double) n;
}

void
_tsa_lmx_bn_backward(double *gb, const double *f, const double *g, size_t n,
                     double c0, double eps)
{
    double mu, var, sig, mg = 0, mgx = 0;
    size_t i;
    bn_stats(&mu, &var, f, n);
    sig = sqrt(var + eps);
    for (i = 0; i < n; i++)
    {
        mg += g[i];
        mgx += g[i] * (f[i] - mu) / sig;
    }
    mg /= (double) n;
    mgx /= (double) n;
    for (i = 0; i < n; i++)
        gb[i] = c0 / sig * (g[i] - mg - (f[i] - mu) / sig * mgx);
}

void
_tsa_lmx_bn_lemma(double *gl, const double *f, const double *g, size_t n,
                  double c0)
{
    double mu, var, a = 0, b = 0, nv = 0;
    double *v2 = malloc(n * sizeof(double));
    size_t i;
    if (v2 == NULL)
    {
        for (i = 0; i < n; i++)
            gl[i] = NAN;
        return;
    }
    bn_stats(&mu, &var, f, n);
    /* Gram-Schmidt: v1 = 1/sqrt(n), v2 = f - (f.v1) v1 normalised */
    for (i = 0; i < n; i++)
        a += f[i];
    for (i = 0; i < n; i++)
    {
        v2[i] = f[i] - a / (double) n;
        nv += v2[i] * v2[i];
    }
    nv = sqrt(nv);
    a = 0;
    for (i = 0; i < n; i++)
    {
        v2[i] /= nv;
        a += g[i];
        b += g[i] * v2[i];
    }
    for (i = 0; i < n; i++)
        gl[i] = c0 / sqrt(var) * (g[i] - a / (double) n - b * v2[i]);
    free(v2);
}

static double
bn_phi(const double *f, const double *g, size_t n, double c0, double c1,
       double eps)
{
    double mu, var, s = 0;
    size_t i;
    bn_stats(&mu, &var, f, n);
    for (i = 0; i < n; i++)
        s += g[i] * (c0 * (f[i] - mu) / sqrt(var + eps) + c1);
    return s;
}

void
_tsa_lmx_bn_fd(double *gfd, const double *f, const double *g, size_t n,
               double c0, double c1, double eps, double h)
{
    double *x = malloc(n * sizeof(double));
    size_t i;
    if (x == NULL)
    {
        for (i = 0; i < n; i++)
            gfd[i] = NAN;
        return;
    }
    memcpy(x, f, n * sizeof(double));
    for (i = 0; i < n; i++)
    {
        double s = h * fmax(1.0, fabs(f[i])), p, m;
        x[i] = f[i] + s;
        p = bn_phi(x, g, n, c0, c1, eps);
        x[i] = f[i] - s;
        m = bn_phi(x, g, n, c0, c1, eps);
        x[i] = f[i];
        gfd[i] = (p - m) / (2 * s);
    }
    free(x);
}

static double
rel_d(const double *x, const double *y, size_t n)
{
    double a = 0, b = 0;
    size_t i;
    for (i = 0; i < n; i++)
    {
        a += (x[i] - y[i]) * (x[i] - y[i]);
        b += y[i] * y[i];
    }
    return b > 0 ? sqrt(a / b) : sqrt(a);
}

int
tsa_claim_check_lm_lemma1(tsa_claim_result_t r, const json_t *params,
                          const char *file, slong prec)
{
    long n, seed, trials, t;
    double c0, c1, eps, tol, fdtol, h;
    double e_bl = 0, e_fd = 0, e_one = 0, e_f = 0, e_c = 0;
    double *f = NULL, *g = NULL, *gb = NULL, *gl = NULL, *gfd = NULL;
    gsl_rng *rng = NULL;
    char buf[1024];
    int st;
    tsa_truth_t concl;
    if ((st = _tsa_lm_get_int(&n, params, "n", 64, 3, 4096, file))
        || (st = _tsa_lm_get_int(&seed, params, "seed", 1, 0, 1L << 40, file))
        || (st = _tsa_lm_get_int(&trials, params, "trials", 20, 1, 1000,
                                 file))
        || (st = _tsa_lm_get_double(&c0, params, "c0", 1.5, -1e6, 1e6, file))
        || (st = _tsa_lm_get_double(&c1, params, "c1", 0.3, -1e6, 1e6, file))
        || (st = _tsa_lm_get_double(&eps, params, "bn_eps", 0.0, 0.0, 1e6,
                                    file))
        || (st = _tsa_lm_get_double(&tol, params, "tol", 1e-12, 0.0, 1.0,
                                    file))
        || (st = _tsa_lm_get_double(&fdtol, params, "fd_tol", 1e-6, 0.0, 1.0,
                                    file))
        || (st = _tsa_lm_get_double(&h, params, "fd_h", 1e-5, 1e-9, 1e-2,
                                    file)))
        return st;
    if ((double) trials * (double) n * (double) n > 1e9)
        return TSA_ERROR(TSA_EFORMAT, "%s: params.trials: trials * n^2 "
                         "exceeds 1e9", file);
    f = malloc((size_t) n * sizeof(double));
    g = malloc((size_t) n * sizeof(double));
    gb = malloc((size_t) n * sizeof(double));
    gl = malloc((size_t) n * sizeof(double));
    gfd = malloc((size_t) n * sizeof(double));
    rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (f == NULL || g == NULL || gb == NULL || gl == NULL || gfd == NULL
        || rng == NULL)
    {
        st = TSA_ERROR(TSA_ENOMEM, "%s: buffers", file);
        goto done;
    }
    gsl_rng_set(rng, (unsigned long) seed);
    for (t = 0; t < trials; t++)
    {
        double mu, var, s1 = 0, s0 = 0, nb = 0, nf = 0, gc0 = 0, gc1 = 0;
        double fc0, fc1;
        long i;
        /* pre-BN activations: ReLU of a Gaussian (many zeros), as in
           Linear -> ReLU -> BN; top-down gradient Gaussian */
        for (i = 0; i < n; i++)
        {
            f[i] = fmax(0.0, gsl_ran_gaussian(rng, 1.0) + 0.2);
            g[i] = gsl_ran_gaussian(rng, 1.0);
        }
        bn_stats(&mu, &var, f, (size_t) n);
        if (!(var > 0))
            continue;
        _tsa_lmx_bn_backward(gb, f, g, (size_t) n, c0, eps);
        _tsa_lmx_bn_lemma(gl, f, g, (size_t) n, c0);
        _tsa_lmx_bn_fd(gfd, f, g, (size_t) n, c0, c1, eps, h);
        e_bl = fmax(e_bl, rel_d(gb, gl, (size_t) n));
        e_fd = fmax(e_fd, rel_d(gfd, gl, (size_t) n));
        for (i = 0; i < n; i++)
        {
            s1 += gb[i];
            s0 += gb[i] * (f[i] - mu);
            nb += gb[i] * gb[i];
            nf += (f[i] - mu) * (f[i] - mu);
            gc0 += g[i] * (f[i] - mu) / sqrt(var + eps);
            gc1 += g[i];
        }
        e_one = fmax(e_one, fabs(s1) / sqrt(nb * (double) n));
        e_f = fmax(e_f, fabs(s0) / sqrt(nb * nf));
        /* g_c = S(f)^T g against differences in c0, c1 (phi is affine) */
        fc0 = (bn_phi(f, g, (size_t) n, c0 + 0.5, c1, eps)
               - bn_phi(f, g, (size_t) n, c0 - 0.5, c1, eps));
        fc1 = (bn_phi(f, g, (size_t) n, c0, c1 + 0.5, eps)
               - bn_phi(f, g, (size_t) n, c0, c1 - 0.5, eps));
        e_c = fmax(e_c, fmax(fabs(fc0 - gc0), fabs(fc1 - gc1))
                            / fmax(1.0, fabs(gc0) + fabs(gc1)));
    }
    snprintf(buf, sizeof buf, "%ld random batches of n = %ld: f = ReLU(N(0.2, "
             "1)) (pre-BN activations), g ~ N(0, 1); c0 = %g, c1 = %g, "
             "BN epsilon %g", trials, n, c0, c1, eps);
    r->instance = strdup(buf);
    r->method = strdup("numerical (float64): the BN chain rule (standard "
                       "backward), the lemma's (c0/sigma) P_perp{f,1} g by "
                       "Gram-Schmidt, and central differences of <g, BN(f)>");
    snprintf(buf, sizeof buf, "BN epsilon = %g", eps);
    tsa_claim_add_hyp(r, "the paper's BN: sigma^2 = var(f) (no epsilon)",
                      eps == 0 ? TSA_TRUE : TSA_FALSE, buf);
    concl = (e_bl <= tol && e_one <= tol && e_f <= tol && e_fd <= fdtol
             && e_c <= fdtol) ? TSA_TRUE : TSA_FALSE;
    snprintf(buf, sizeof buf, "max relative |chain rule - lemma| = %.3e "
             "(tol %g); |central differences - lemma| = %.3e (fd_tol %g); "
             "|cos(g_f, 1)| <= %.3e, |cos(g_f, f - mean f)| <= %.3e (tol %g); "
             "g_c = S(f)^T g vs differences in (c0, c1): %.3e",
             e_bl, tol, e_fd, fdtol, e_one, e_f, tol, e_c);
    tsa_claim_set_concl(r, "J_BN(f) g = (c0/sigma) P_perp{f,1} g, zero mean "
                        "and orthogonal to f; g_c = S(f)^T g", concl, buf);
    set_num(r, "chain_vs_lemma", e_bl);
    set_num(r, "fd_vs_lemma", e_fd);
    set_num(r, "cos_one", e_one);
    set_num(r, "cos_f", e_f);
    set_num(r, "gc_err", e_c);
done:
    free(f);
    free(g);
    free(gb);
    free(gl);
    free(gfd);
    if (rng)
        gsl_rng_free(rng);
    return st;
}

/* ------------------------------------------------------------------ */
/* Lemmas 2-3: zero-bias unit nodes, x ~ N(0, I_d) */

#define L23_DMAX 64
#define L23_MMAX 16

/* psi_d or psi_l of unit ball vectors: kernel (returned) and the closed
 * form in the angle; *agree cleared when the balls do not overlap. */
static void
psi_pair(arb_t y, int lw, arb_srcptr a, arb_srcptr b, size_t d, int *agree,
         slong prec)
{
    arb_t s, c, t, pi, x;
    arf_t hi;
    arb_init(s);
    arb_init(c);
    arb_init(t);
    arb_init(pi);
    arb_init(x);
    arf_init(hi);
    arb_one(s);
    arb_zero(c);
    if ((lw ? tsa_kernel_psi_l(y, a, b, (slong) d, 0, s, c, prec)
            : tsa_kernel_psi_d(y, a, b, (slong) d, 0, s, c, prec))
        != TSA_SUCCESS)
        arb_indeterminate(y);
    /* closed form: t = acos(a . b), clamped to [-1, 1] */
    arb_dot(c, NULL, 0, a, 1, b, 1, (slong) d, prec);
    arb_get_ubound_arf(hi, c, prec);
    if (arf_cmp_si(hi, 1) > 0 || arb_contains_si(c, -1) || arb_lt(c, s))
    {
        arb_t lo1, hi1;
        arf_t l, h;
        arb_init(lo1);
        arb_init(hi1);
        arf_init(l);
        arf_init(h);
        arb_get_lbound_arf(l, c, prec);
        arb_get_ubound_arf(h, c, prec);
        if (arf_cmp_si(h, 1) > 0)
            arf_one(h);
        if (arf_cmp_si(l, -1) < 0)
            arf_set_si(l, -1);
        arb_set_interval_arf(c, l, h, prec);
        arb_clear(lo1);
        arb_clear(hi1);
        arf_clear(l);
        arf_clear(h);
    }
    arb_acos(t, c, prec);
    arb_const_pi(pi, prec);
    arb_sub(x, pi, t, prec);
    if (lw)
    {
        arb_sin_cos(s, c, t, prec);
        arb_mul(x, x, c, prec);
        arb_add(x, x, s, prec);
    }
    arb_div(x, x, pi, prec);
    arb_mul_2exp_si(x, x, -1);
    if (!arb_overlaps(x, y))
        *agree = 0;
    arb_clear(s);
    arb_clear(c);
    arb_clear(t);
    arb_clear(pi);
    arb_clear(x);
    arf_clear(hi);
}

/* |x - y| over n entries (balls); y may be NULL (|x|) */
static void
dist(arb_t r, arb_srcptr x, arb_srcptr y, size_t n, slong prec)
{
    arb_t t;
    size_t i;
    arb_init(t);
    arb_zero(r);
    for (i = 0; i < n; i++)
    {
        if (y != NULL)
            arb_sub(t, x + i, y + i, prec);
        else
            arb_set(t, x + i);
        arb_addmul(r, t, t, prec);
    }
    arb_sqrtpos(r, r, prec);
    arb_clear(t);
}

static void
unit_rows(arb_ptr U, const double *W, size_t rows, size_t d, slong prec)
{
    arb_t nrm;
    size_t j, i;
    arb_init(nrm);
    for (j = 0; j < rows; j++)
    {
        for (i = 0; i < d; i++)
            arb_set_d(U + j * d + i, W[j * d + i]);
        dist(nrm, U + j * d, NULL, d, prec);
        for (i = 0; i < d; i++)
            arb_div(U + j * d + i, U + j * d + i, nrm, prec);
    }
    arb_clear(nrm);
}

/* worst case bookkeeping of a family of inequalities lhs <= rhs */
typedef struct
{
    tsa_truth_t t;
    double worst;
    char where[160];
} l23_acc;

static void
acc_add(l23_acc *a, const arb_t lhs, const arb_t rhs, const char *where,
        slong prec)
{
    tsa_truth_t t = _tsa_lm_le(lhs, rhs);
    double l = arf_get_d(arb_midref(lhs), ARF_RND_NEAR);
    double rr = arf_get_d(arb_midref(rhs), ARF_RND_NEAR);
    double q = rr > 0 ? l / rr : (l > 0 ? INFINITY : 0.0);
    if (t == TSA_FALSE || (t == TSA_UNDECIDED && a->t == TSA_TRUE))
        a->t = a->t == TSA_FALSE ? TSA_FALSE : t;
    if (q > a->worst || a->where[0] == 0)
    {
        char s1[48], s2[48];
        a->worst = q;
        _tsa_lm_str(s1, sizeof s1, lhs, 6);
        _tsa_lm_str(s2, sizeof s2, rhs, 6);
        snprintf(a->where, sizeof a->where, "%s: %s vs %s", where, s1, s2);
    }
    (void) prec;
}

/* Assumption 2 (relative form) needed at (w; w1, w2):
 * |psi(w,w1) - psi(w,w2)| / (psi(w,w1) |w1 - w2|) */
static void
k_needed(arb_t q, int lw, arb_srcptr w, arb_srcptr w1, arb_srcptr w2,
         size_t d, int *agree, slong prec)
{
    arb_t a, b, n;
    arb_init(a);
    arb_init(b);
    arb_init(n);
    psi_pair(a, lw, w, w1, d, agree, prec);
    psi_pair(b, lw, w, w2, d, agree, prec);
    dist(n, w1, w2, d, prec);
    arb_sub(b, a, b, prec);
    arb_abs(b, b);
    arb_mul(a, a, n, prec);
    if (arb_is_positive(a))
        arb_div(q, b, a, prec);
    else
        arb_zero(q); /* w1 = w2: nothing to bound */
    arb_clear(a);
    arb_clear(b);
    arb_clear(n);
}

typedef struct
{
    size_t d, m, C;
    double *Wt, *Ws, *V, *Vs;
} l23_inst;

static int
l23_get(l23_inst *I, const json_t *p, const char *file)
{
    const char *kind;
    long m, d, C, seed, vseed;
    double theta, dv, vscale;
    size_t r, c, j, i;
    gsl_rng *rng;
    int st;
    memset(I, 0, sizeof *I);
    if ((st = _tsa_lm_get_str(&kind, p, "teacher", "ortho", file))
        || (st = _tsa_lm_get_int(&C, p, "C", 2, 1, L23_MMAX, file))
        || (st = _tsa_lm_get_int(&seed, p, "seed", 1, 0, 1L << 40, file))
        || (st = _tsa_lm_get_int(&vseed, p, "vseed", 2, 0, 1L << 40, file))
        || (st = _tsa_lm_get_double(&theta, p, "theta", 0.1, 0.0, 3.2, file))
        || (st = _tsa_lm_get_double(&dv, p, "dv", 0.0, 0.0, 100.0, file))
        || (st = _tsa_lm_get_double(&vscale, p, "vscale", 1.0, 0.0, 100.0,
                                    file)))
        return st;
    if (strcmp(kind, "matrix") == 0)
    {
        if ((st = _tsa_lm_get_matrix(&I->Wt, &r, &c, p, "W", file)))
            return st;
        if (c > L23_DMAX || r > L23_MMAX || r < 2)
            return TSA_ERROR(TSA_EFORMAT, "%s: params.W: 2 .. %d rows of "
                             "length <= %d", file, L23_MMAX, L23_DMAX);
        I->m = r;
        I->d = c;
        for (i = 0; i < r * c; i++)
            if (!isfinite(I->Wt[i]))
                return TSA_ERROR(TSA_EFORMAT, "%s: params.W: finite "
                                 "numbers", file);
    }
    else if (strcmp(kind, "ortho") == 0)
    {
        if ((st = _tsa_lm_get_int(&m, p, "m", 3, 2, L23_MMAX, file))
            || (st = _tsa_lm_get_int(&d, p, "d", m, m, L23_DMAX, file)))
            return st;
        I->m = (size_t) m;
        I->d = (size_t) d;
        I->Wt = calloc(I->m * I->d, sizeof(double));
        if (I->Wt == NULL)
            return TSA_ERROR(TSA_ENOMEM, "%s: weights", file);
        for (j = 0; j < I->m; j++)
            I->Wt[j * I->d + j] = 1.0;
    }
    else
        return TSA_ERROR(TSA_EFORMAT, "%s: params.teacher: \"ortho\" or "
                         "\"matrix\"", file);
    I->C = (size_t) C;
    I->Ws = malloc(I->m * I->d * sizeof(double));
    I->V = malloc(I->C * I->m * sizeof(double));
    I->Vs = malloc(I->C * I->m * sizeof(double));
    rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (I->Ws == NULL || I->V == NULL || I->Vs == NULL || rng == NULL)
    {
        if (rng)
            gsl_rng_free(rng);
        return TSA_ERROR(TSA_ENOMEM, "%s: weights", file);
    }
    /* student: w*_j rotated by theta towards a random orthogonal direction */
    gsl_rng_set(rng, (unsigned long) seed);
    for (j = 0; j < I->m; j++)
    {
        double *w = I->Ws + j * I->d, *u = I->Wt + j * I->d, nu = 0, a = 0,
               nr = 0;
        for (i = 0; i < I->d; i++)
            nu += u[i] * u[i];
        nu = sqrt(nu);
        if (!(nu > 0))
        {
            gsl_rng_free(rng);
            return TSA_ERROR(TSA_EFORMAT, "%s: params.W: row %zu is zero",
                             file, j + 1);
        }
        for (i = 0; i < I->d; i++)
        {
            w[i] = gsl_ran_gaussian(rng, 1.0);
            a += w[i] * u[i] / nu;
        }
        for (i = 0; i < I->d; i++)
        {
            w[i] -= a * u[i] / nu;
            nr += w[i] * w[i];
        }
        nr = sqrt(nr);
        for (i = 0; i < I->d; i++)
            w[i] = cos(theta) * u[i] / nu + (nr > 0 ? sin(theta) * w[i] / nr
                                                    : 0.0);
    }
    /* top weights: columns v*_j of norm vscale, v_j = v*_j + dv N(0, I) */
    gsl_rng_set(rng, (unsigned long) vseed);
    for (j = 0; j < I->m; j++)
    {
        double n2 = 0;
        for (c = 0; c < I->C; c++)
        {
            I->Vs[c * I->m + j] = gsl_ran_gaussian(rng, 1.0);
            n2 += I->Vs[c * I->m + j] * I->Vs[c * I->m + j];
        }
        for (c = 0; c < I->C; c++)
        {
            I->Vs[c * I->m + j] *= vscale / sqrt(n2);
            I->V[c * I->m + j] = I->Vs[c * I->m + j]
                                 + dv * gsl_ran_gaussian(rng, 1.0);
        }
    }
    gsl_rng_free(rng);
    return TSA_SUCCESS;
}

static void
l23_clear(l23_inst *I)
{
    free(I->Wt);
    free(I->Ws);
    free(I->V);
    free(I->Vs);
}

int
tsa_claim_check_lm_lemma23(tsa_claim_result_t r, const json_t *params,
                           const char *file, slong prec)
{
    l23_inst I;
    long lemma;
    const char *bound;
    int corrected, lw, agree = 1, st, weq = 0;
    size_t wj_ = 0, wk_ = 0;
    arb_t K, eps, a, b, c, q, Kn, dwj, dwk, t, wl, wr;
    arb_ptr U = NULL, S = NULL, Vs = NULL, V = NULL, x = NULL;
    size_t d = 0, m = 0, C = 0, j, k, i;
    l23_acc a2 = {TSA_TRUE, 0, ""}, a3 = {TSA_TRUE, 0, ""},
            e1 = {TSA_TRUE, 0, ""}, e2 = {TSA_TRUE, 0, ""};
    char buf[2048], where[64], s1[48];
    tsa_truth_t concl;
    arb_init(K);
    arb_init(eps);
    arb_init(a);
    arb_init(b);
    arb_init(c);
    arb_init(q);
    arb_init(Kn);
    arb_init(dwj);
    arb_init(dwk);
    arb_init(t);
    arb_init(wl);
    arb_init(wr);
    if ((st = l23_get(&I, params, file))
        || (st = _tsa_lm_get_int(&lemma, params, "lemma", 2, 2, 3, file))
        || (st = _tsa_lm_get_str(&bound, params, "bound", "printed", file))
        || (st = _tsa_lm_get_arb(K, params, "K", NULL, file, prec))
        || (st = _tsa_lm_get_arb(eps, params, "eps", NULL, file, prec)))
        goto done;
    corrected = strcmp(bound, "corrected") == 0;
    if (!corrected && strcmp(bound, "printed") != 0)
    {
        st = TSA_ERROR(TSA_EFORMAT, "%s: params.bound: \"printed\" or "
                       "\"corrected\"", file);
        goto done;
    }
    lw = lemma == 3;
    d = I.d;
    m = I.m;
    C = I.C;
    U = _arb_vec_init((slong) (m * d));
    S = _arb_vec_init((slong) (m * d));
    Vs = _arb_vec_init((slong) (m * C));
    V = _arb_vec_init((slong) (m * C));
    x = _arb_vec_init((slong) (d > C ? d : C));
    unit_rows(U, I.Wt, m, d, prec); /* teacher w*_j */
    unit_rows(S, I.Ws, m, d, prec); /* student w_j */
    for (j = 0; j < m; j++) /* columns v_j as rows */
        for (i = 0; i < C; i++)
        {
            arb_set_d(Vs + j * C + i, I.Vs[i * m + j]);
            arb_set_d(V + j * C + i, I.V[i * m + j]);
        }
    /* Assumption 3 at the teacher pairs */
    for (j = 0; j < m; j++)
        for (k = 0; k < m; k++)
        {
            if (j == k)
                continue;
            psi_pair(a, lw, U + j * d, U + k * d, d, &agree, prec);
            psi_pair(b, lw, U + j * d, U + j * d, d, &agree, prec);
            arb_mul(b, b, eps, prec);
            snprintf(where, sizeof where, "(j1, j2) = (%zu, %zu)", j + 1, k + 1);
            acc_add(&a3, a, b, where, prec);
        }
    for (j = 0; j < m; j++)
        for (k = 0; k < m; k++)
        {
            arb_srcptr wj = S + j * d, wk = S + k * d, uj = U + j * d,
                       uk = U + k * d;
            if (j == k)
                continue;
            snprintf(where, sizeof where, "(j, j') = (%zu, %zu)", j + 1,
                     k + 1);
            /* Assumption 2 at the triples the proof uses, both orders */
            {
                arb_srcptr tr[6][3] = {{wj, uk, wk}, {wj, wk, uk},
                                       {uk, uj, wj}, {uk, wj, uj},
                                       {uj, uj, wj}, {uj, wj, uj}};
                for (i = 0; i < 6; i++)
                {
                    k_needed(Kn, lw, tr[i][0], tr[i][1], tr[i][2], d, &agree,
                             prec);
                    acc_add(&a2, Kn, K, where, prec);
                }
            }
            dist(dwj, wj, uj, d, prec);
            dist(dwk, wk, uk, d, prec);
            psi_pair(a, lw, wj, uk, d, &agree, prec); /* starred jj' */
            psi_pair(b, lw, wj, wk, d, &agree, prec); /* plain jj' */
            /* eq. (19) / (30): |Delta p| or |Delta q| */
            if (!lw)
                for (i = 0; i < d; i++)
                {
                    arb_mul(x + i, uk + i, a, prec);
                    arb_submul(x + i, wk + i, b, prec);
                }
            else
                for (i = 0; i < C; i++)
                {
                    arb_mul(x + i, Vs + k * C + i, a, prec);
                    arb_submul(x + i, V + k * C + i, b, prec);
                }
            dist(c, x, NULL, lw ? C : d, prec);
            if (lw && corrected)
            {
                /* (|v_j'| K |dw_j'| + |dv_j'|) l*_jj' */
                dist(q, V + k * C, NULL, C, prec);
                arb_mul(q, q, K, prec);
                arb_mul(q, q, dwk, prec);
                dist(t, V + k * C, Vs + k * C, C, prec);
                arb_add(q, q, t, prec);
                arb_mul(q, q, a, prec);
            }
            else
            {
                arb_add_ui(q, K, 1, prec);
                arb_mul(q, q, a, prec);
                arb_mul(q, q, dwk, prec);
            }
            acc_add(&e1, c, q, where, prec);
            if (weq != 1 && _tsa_lm_le(c, q) == TSA_FALSE)
            {
                /* the witness: the first violation of eq. (19)/(30) */
                weq = 1; wj_ = j; wk_ = k;
                arb_set(wl, c);
                arb_set(wr, q);
            }
            /* eq. (20) / (31): starred jj' <= eps (1 + K|dw_j'|)(1 + K|dw_j|)
               starred jj */
            psi_pair(c, lw, wj, uj, d, &agree, prec);
            arb_mul(q, K, dwk, prec);
            arb_add_ui(q, q, 1, prec);
            arb_mul(t, K, dwj, prec);
            arb_add_ui(t, t, 1, prec);
            arb_mul(q, q, t, prec);
            arb_mul(q, q, eps, prec);
            arb_mul(q, q, c, prec);
            acc_add(&e2, a, q, where, prec);
            if (weq == 0 && _tsa_lm_le(a, q) == TSA_FALSE)
            {
                weq = 2; wj_ = j; wk_ = k;
                arb_set(wl, a);
                arb_set(wr, q);
            }
        }
    snprintf(buf, sizeof buf, "zero-bias unit nodes, x ~ N(0, I_%zu): "
             "teacher of m = %zu nodes, student w_j = w*_j rotated by theta; "
             "%s%s", d, m,
             lw ? "top weights v*_j (columns of V*), v_j = v*_j + dv N(0, I), "
                  "C = " : "", lw ? "" : "");
    if (lw)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%zu", C);
    r->instance = strdup(buf);
    r->method = strdup("rigorous: Arb balls from the float64 weights "
                       "normalised in Arb; every psi from the Arb kernel and "
                       "from the closed form in the angle (psi_d = (pi - t)/"
                       "(2 pi), psi_l = (sin t + (pi - t) cos t)/(2 pi)), "
                       "which must overlap");
    _tsa_lm_str(s1, sizeof s1, K, 6);
    snprintf(buf, sizeof buf, "relative form |psi(w,w1) - psi(w,w2)| <= K "
             "psi(w,w1) |w1 - w2| with K = %s at the triples of the proof "
             "(w_j; w*_j', w_j'), (w*_j'; w*_j, w_j), (w*_j; w*_j, w_j), both "
             "orders; worst needed K at %s (a necessary condition of the "
             "assumption on any region holding these nodes)", s1, a2.where);
    tsa_claim_add_hyp(r, lw ? "Assumption 2 with K_l" : "Assumption 2 with K_d",
                      a2.t, buf);
    _tsa_lm_str(s1, sizeof s1, eps, 6);
    snprintf(buf, sizeof buf, "psi(w*_j1, w*_j2) <= eps psi(w*_j1, w*_j1), "
             "eps = %s; worst %s", s1, a3.where);
    tsa_claim_add_hyp(r, lw ? "Assumption 3 with eps_l" : "Assumption 3 with "
                      "eps_d", a3.t, buf);
    concl = e1.t == TSA_FALSE || e2.t == TSA_FALSE ? TSA_FALSE
            : (e1.t == TSA_TRUE && e2.t == TSA_TRUE ? TSA_TRUE
                                                    : TSA_UNDECIDED);
    if (!agree)
        concl = TSA_UNDECIDED;
    snprintf(buf, sizeof buf, "eq. (%s)%s: worst lhs/rhs = %.6g at %s; "
             "eq. (%s): worst lhs/rhs = %.6g at %s%s",
             lw ? "30" : "19",
             lw && corrected ? " with the |dv_j'| term" : "", e1.worst,
             e1.where, lw ? "31" : "20", e2.worst, e2.where,
             agree ? "" : " (kernel and closed form disagree: undecided)");
    tsa_claim_set_concl(r, lw ? "Lemma 3: eq. (30) and (31) for all j != j'"
                              : "Lemma 2: eq. (19) and (20) for all j != j'",
                        concl, buf);
    set_num(r, "worst_ratio_first", e1.worst);
    set_num(r, "worst_ratio_second", e2.worst);
    set_num(r, "worst_K_needed", a2.worst);
    if (weq != 0 && tsa_claim_verdict(r) == TSA_VERDICT_COUNTEREXAMPLE)
        r->witness = _tsa_lmx_w23((int) lemma, corrected, weq, wj_, wk_,
                                  I.Ws, I.Wt, d, I.V, I.Vs, m, C, K, eps, wl,
                                  wr);
done:
    if (U)
    {
        _arb_vec_clear(U, (slong) (m * d));
        _arb_vec_clear(S, (slong) (m * d));
        _arb_vec_clear(Vs, (slong) (m * C));
        _arb_vec_clear(V, (slong) (m * C));
        _arb_vec_clear(x, (slong) (d > C ? d : C));
    }
    l23_clear(&I);
    arb_clear(K);
    arb_clear(eps);
    arb_clear(a);
    arb_clear(b);
    arb_clear(c);
    arb_clear(q);
    arb_clear(Kn);
    arb_clear(dwj);
    arb_clear(dwk);
    arb_clear(t);
    arb_clear(wl);
    arb_clear(wr);
    return st;
}

/* ------------------------------------------------------------------ */
/* Lemma 4 */

static void
F_angle(arb_t y, const arb_t t, slong prec)
{
    arb_t s, c, pi;
    arb_init(s);
    arb_init(c);
    arb_init(pi);
    arb_const_pi(pi, prec);
    arb_sin_cos(s, c, t, prec);
    arb_sub(y, pi, t, prec);
    arb_mul(y, y, c, prec);
    arb_add(y, y, s, prec);
    arb_div(y, y, pi, prec);
    arb_mul_2exp_si(y, y, -1);
    arb_clear(s);
    arb_clear(c);
    arb_clear(pi);
}

void
_tsa_lmx_l4_sides(arb_t lhs, arb_t rhs, const arb_t t, const arb_t C0,
                  slong prec)
{
    arb_t F, s;
    arb_init(F);
    arb_init(s);
    F_angle(F, t, prec);
    /* |dw|^2 = (2 sin(t/2))^2 = 2 (1 - cos t) */
    arb_mul_2exp_si(s, t, -1);
    arb_sin(s, s, prec);
    arb_mul_2exp_si(s, s, 1);
    arb_sqr(s, s, prec);
    arb_mul(rhs, C0, F, prec);
    arb_mul(rhs, rhs, s, prec);
    arb_one(s);
    arb_mul_2exp_si(s, s, -1);
    arb_sub(lhs, s, F, prec);
    arb_abs(lhs, lhs);
    arb_clear(F);
    arb_clear(s);
}

/* the same from the Arb kernel: w* = e1, w = (cos t, sin t) (balls) */
static int
l4_sides_kernel(arb_t lhs, arb_t rhs, const arb_t t, const arb_t C0,
                slong prec)
{
    arb_ptr w = _arb_vec_init(2), u = _arb_vec_init(2);
    arb_t s, c, ls, l;
    int st;
    arb_init(s);
    arb_init(c);
    arb_init(ls);
    arb_init(l);
    arb_one(u + 0);
    arb_sin_cos(w + 1, w + 0, t, prec);
    arb_one(s);
    arb_zero(c);
    if ((st = tsa_kernel_psi_l(ls, w, u, 2, 0, s, c, prec)) == TSA_SUCCESS
        && (st = tsa_kernel_psi_l(l, w, w, 2, 0, s, c, prec)) == TSA_SUCCESS)
    {
        arb_sub(lhs, l, ls, prec);
        arb_abs(lhs, lhs);
        dist(s, w, u, 2, prec);
        arb_sqr(s, s, prec);
        arb_mul(rhs, C0, ls, prec);
        arb_mul(rhs, rhs, s, prec);
    }
    _arb_vec_clear(w, 2);
    _arb_vec_clear(u, 2);
    arb_clear(s);
    arb_clear(c);
    arb_clear(ls);
    arb_clear(l);
    return st;
}

int
tsa_claim_check_lm_lemma4(tsa_claim_result_t r, const json_t *params,
                          const char *file, slong prec)
{
    const char *tmax_s, *c0_s;
    long ngrid, i, wi = 0;
    arb_t tmax, C0, t, l1, r1, l2, r2, F;
    tsa_truth_t concl = TSA_TRUE, t1, t2;
    double worst = 0;
    char buf[1536], s1[48], s2[48], s3[48], s4[48], wbuf[400] = "";
    int st = TSA_SUCCESS, agree = 1;
    arb_init(tmax);
    arb_init(C0);
    arb_init(t);
    arb_init(l1);
    arb_init(r1);
    arb_init(l2);
    arb_init(r2);
    arb_init(F);
    {
        json_t *tv = json_object_get(params, "theta_max");
        json_t *cv = json_object_get(params, "C0");
        tmax_s = json_is_string(tv) ? json_string_value(tv) : "";
        c0_s = json_is_string(cv) ? json_string_value(cv)
               : (cv == NULL ? "auto" : "");
    }
    if ((st = _tsa_lm_get_int(&ngrid, params, "ngrid", 64, 1, 100000, file)))
        goto done;
    if (strcmp(tmax_s, "pi") == 0)
        arb_const_pi(tmax, prec);
    else if ((st = _tsa_lm_get_arb(tmax, params, "theta_max", "1.5", file,
                                   prec)))
        goto done;
    arb_const_pi(t, prec);
    if (!arb_is_positive(tmax) || arb_gt(tmax, t))
    {
        st = TSA_ERROR(TSA_EFORMAT, "%s: params.theta_max: in (0, pi]", file);
        goto done;
    }
    if (strcmp(c0_s, "auto") == 0)
    {
        /* C0 = 1/(4 F(theta_max)) (docs/claims-lm.md s. 6) */
        F_angle(F, tmax, prec);
        if (!arb_is_positive(F))
        {
            st = TSA_ERROR(TSA_EFORMAT, "%s: params.C0: \"auto\" needs "
                           "F(theta_max) > 0 (theta_max < pi)", file);
            goto done;
        }
        arb_mul_2exp_si(C0, F, 2);
        arb_inv(C0, C0, prec);
    }
    else if ((st = _tsa_lm_get_arb(C0, params, "C0", NULL, file, prec)))
        goto done;
    for (i = 1; i <= ngrid; i++)
    {
        double q;
        arb_mul_si(t, tmax, i, prec);
        arb_div_si(t, t, ngrid, prec);
        _tsa_lmx_l4_sides(l1, r1, t, C0, prec);
        if (l4_sides_kernel(l2, r2, t, C0, prec) != TSA_SUCCESS)
        {
            agree = 0;
            continue;
        }
        t1 = _tsa_lm_le(l1, r1);
        t2 = _tsa_lm_le(l2, r2);
        if (!arb_overlaps(l1, l2) || !arb_overlaps(r1, r2)
            || (t1 != TSA_UNDECIDED && t2 != TSA_UNDECIDED && t1 != t2))
            agree = 0;
        if (t1 == TSA_FALSE && t2 == TSA_FALSE)
            concl = TSA_FALSE;
        else if ((t1 != TSA_TRUE || t2 != TSA_TRUE) && concl == TSA_TRUE)
            concl = TSA_UNDECIDED;
        q = arf_get_d(arb_midref(r1), ARF_RND_NEAR);
        q = q > 0 ? arf_get_d(arb_midref(l1), ARF_RND_NEAR) / q : INFINITY;
        if (t1 == TSA_FALSE && t2 == TSA_FALSE && (wi == 0 || q > worst))
            wi = i; /* the witness: the worst violation */
        if (q > worst || wbuf[0] == 0)
        {
            worst = q;
            _tsa_lm_str(s1, sizeof s1, t, 8);
            _tsa_lm_str(s2, sizeof s2, l1, 8);
            _tsa_lm_str(s3, sizeof s3, r1, 8);
            _tsa_lm_str(s4, sizeof s4, r2, 8);
            snprintf(wbuf, sizeof wbuf, "theta = %s: |l*_jj - l_jj| = %s, "
                     "C0 l*_jj |dw_j|^2 = %s (kernel: %s)", s1, s2, s3, s4);
        }
    }
    if (!agree && concl != TSA_UNDECIDED)
        concl = TSA_UNDECIDED;
    _tsa_lm_str(s1, sizeof s1, tmax, 8);
    _tsa_lm_str(s2, sizeof s2, C0, 8);
    snprintf(buf, sizeof buf, "unit zero-bias node w_j at angle theta from "
             "w*_j, x ~ N(0, I); grid theta = i theta_max / %ld, i = 1..%ld, "
             "theta_max = %s; C0 = %s%s", ngrid, ngrid, s1, s2,
             strcmp(c0_s, "auto") == 0 ? " (= 1/(4 F(theta_max)))" : "");
    r->instance = strdup(buf);
    r->method = strdup("rigorous: closed form l*_jj = F(theta) = (sin theta + "
                       "(pi - theta) cos theta)/(2 pi), l_jj = 1/2 and the Arb "
                       "kernel psi_l on the vectors (1, 0), (cos theta, "
                       "sin theta); both must give the same truth");
    tsa_claim_add_hyp(r, "unit norms |w_j| = |w*_j| = 1 (the paper's "
                      "convention with BN)", TSA_TRUE, "by construction");
    snprintf(buf, sizeof buf, "worst lhs/rhs = %.6g at %s%s", worst, wbuf,
             agree ? "" : "; closed form and kernel disagree: undecided");
    tsa_claim_set_concl(r, "|l*_jj - l_jj| <= C0 l*_jj |dw_j|^2 on the grid",
                        concl, buf);
    set_num(r, "worst_ratio", worst);
    set_num(r, "C0", arf_get_d(arb_midref(C0), ARF_RND_NEAR));
    if (wi > 0 && tsa_claim_verdict(r) == TSA_VERDICT_COUNTEREXAMPLE)
    {
        arb_mul_si(t, tmax, wi, prec);
        arb_div_si(t, t, ngrid, prec);
        r->witness = _tsa_lmx_w4(arf_get_d(arb_midref(t), ARF_RND_NEAR), C0,
                                 prec);
    }
done:
    arb_clear(tmax);
    arb_clear(C0);
    arb_clear(t);
    arb_clear(l1);
    arb_clear(r1);
    arb_clear(l2);
    arb_clear(r2);
    arb_clear(F);
    return st;
}
