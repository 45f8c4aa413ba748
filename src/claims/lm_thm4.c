/* lm_thm4.c -- LM Theorem 4 (n = m, projected dynamics
 * dw_j/dt = P_perp(w_j) (W* h*_j - W h_j), h = d = psi_d): the constants
 * gamma = cos theta0 - (m - 1) eps_d M_d, dbar, M_d rigorously (Arb), and
 * the contraction sin theta_j^t <= (1 - eta dbar gamma)^(t-1) sin theta0
 * along float64 Euler steps on the sphere (docs/claims-lm.md s. 5). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include "tsa_kernel.h"
#include "lm_impl.h"

static void
normalize(double *w, size_t d)
{
    double s = 0.0;
    size_t k;
    for (k = 0; k < d; k++)
        s += w[k] * w[k];
    s = sqrt(s);
    for (k = 0; k < d; k++)
        w[k] /= s;
}

/* teacher rows, unit in R^n, n = d + bias (with bias the last entry of a
 * row is the bias, the unit acts on [x; 1]): "ortho" (e_j, with bias the
 * common teacher bias b before normalisation) or "matrix" (W, rows of
 * length n) */
static int
thm4_teacher(double **Ws, size_t *m, size_t *d, int bias,
             const json_t *params, const char *file)
{
    const char *kind;
    int st;
    size_t j, n;
    if ((st = _tsa_lm_get_str(&kind, params, "teacher", "ortho", file)))
        return st;
    if (strcmp(kind, "ortho") == 0)
    {
        long mm, dd;
        double b;
        if ((st = _tsa_lm_get_int(&mm, params, "m", 2, 1, 100, file))
            || (st = _tsa_lm_get_int(&dd, params, "d", mm, mm, 1000, file))
            || (st = _tsa_lm_get_double(&b, params, "b", 0.0, -100.0, 100.0,
                                        file)))
            return st;
        if (!bias && b != 0.0)
            return TSA_ERROR(TSA_EFORMAT, "%s: params.b: a teacher bias "
                             "needs \"bias\": 1", file);
        *m = (size_t) mm;
        *d = (size_t) dd;
        n = *d + (size_t) bias;
        *Ws = calloc(*m * n, sizeof(double));
        for (j = 0; j < *m; j++)
        {
            (*Ws)[j * n + j] = 1.0;
            if (bias)
                (*Ws)[j * n + *d] = b;
            normalize(*Ws + j * n, n);
        }
        return TSA_SUCCESS;
    }
    if (strcmp(kind, "matrix") == 0)
    {
        if ((st = _tsa_lm_get_matrix(Ws, m, &n, params, "W", file)))
            return st;
        if (n < 1 + (size_t) bias)
            return TSA_ERROR(TSA_EFORMAT, "%s: params.W: rows of length d + "
                             "bias >= 2 needed", file);
        *d = n - (size_t) bias;
        for (j = 0; j < *m; j++)
        {
            double q = 0.0;
            size_t k;
            for (k = 0; k < *d; k++)
                q += (*Ws)[j * n + k] * (*Ws)[j * n + k];
            if (!(q > 0.0))
                return TSA_ERROR(TSA_EFORMAT, "%s: params.W[%zu]: input "
                                 "weights are zero", file, j);
            normalize(*Ws + j * n, n);
        }
        return TSA_SUCCESS;
    }
    return TSA_ERROR(TSA_EFORMAT, "%s: params.teacher: unknown teacher '%s' "
                     "(ortho, matrix)", file, kind);
}

/* w_j^0 = cos(a) w*_j + sin(a) u_j, u_j a random unit vector orthogonal to
 * w*_j (d >= 2), normalized */
static void
thm4_init(double *W, const double *Ws, size_t m, size_t d, double a,
          gsl_rng *rng)
{
    size_t j, k;
    double *u = malloc(sizeof(double) * d), p;
    for (j = 0; j < m; j++)
    {
        const double *ws = Ws + j * d;
        for (k = 0; k < d; k++)
            u[k] = gsl_ran_gaussian_ziggurat(rng, 1.0);
        p = 0.0;
        for (k = 0; k < d; k++)
            p += u[k] * ws[k];
        for (k = 0; k < d; k++)
            u[k] -= p * ws[k];
        normalize(u, d);
        for (k = 0; k < d; k++)
            W[j * d + k] = cos(a) * ws[k] + sin(a) * u[k];
        normalize(W + j * d, d);
    }
    free(u);
}

/* one Euler step on the sphere of dw_j = P_perp(w_j)(sum_j' d*_jj' w*_j'
 * - sum_j' d_jj' w_j') (LM eq. 33), all j at once; G is m x d scratch */
static void
thm4_step(double *W, double *G, const double *Ws, size_t m, size_t d,
          int bias, double eta)
{
    size_t j, jp, k, dd_ = d;
    d += (size_t) bias;                 /* vectors in R^(d + bias) */
    for (j = 0; j < m; j++)
    {
        const double *w = W + j * d;
        double *g = G + j * d, p = 0.0;
        memset(g, 0, sizeof(double) * d);
        for (jp = 0; jp < m; jp++)
        {
            double ds = tsa_kernel_psi_d_d(w, Ws + jp * d, dd_, bias, 1.0,
                                           0.0);
            double dd = tsa_kernel_psi_d_d(w, W + jp * d, dd_, bias, 1.0,
                                           0.0);
            for (k = 0; k < d; k++)
                g[k] += ds * Ws[jp * d + k] - dd * W[jp * d + k];
        }
        for (k = 0; k < d; k++)
            p += w[k] * g[k];
        for (k = 0; k < d; k++)
            g[k] -= p * w[k];
    }
    for (j = 0; j < m; j++)
    {
        for (k = 0; k < d; k++)
            W[j * d + k] += eta * G[j * d + k];
        normalize(W + j * d, d);
    }
}

/* sin of the angle, accurate near 0: |u/|u| - (cos) v/|v||, not
   sqrt(1 - cos^2) (which cannot resolve sin below ~1e-8) */
static double
sin_angle_d(const double *u, const double *v, size_t d)
{
    double c = 0.0, uu = 0.0, vv = 0.0, s = 0.0, x;
    size_t k;
    for (k = 0; k < d; k++)
    {
        c += u[k] * v[k];
        uu += u[k] * u[k];
        vv += v[k] * v[k];
    }
    uu = sqrt(uu);
    vv = sqrt(vv);
    c /= uu * vv;
    for (k = 0; k < d; k++)
    {
        x = u[k] / uu - c * v[k] / vv;
        s += x * x;
    }
    return fmin(1.0, sqrt(s));
}

/* d*0_jj = psi_d(w_j^0, w*_j) twice: the Arb kernel (ReLU: c = 0) and an
 * independent path (zero bias: the closed form (pi - theta)/(2 pi) on the
 * Arb angle; with bias: the float64 kernel, absolute error ~1e-15).
 * Returns TSA_TRUE when the two agree, else TSA_UNDECIDED with why. */
static tsa_truth_t
thm4_dstar(arb_t dmin, char *why, size_t whyn, const double *W,
           const double *Ws, size_t m, size_t d, int bias, slong prec)
{
    size_t n = d + (size_t) bias, j, k;
    arb_ptr wv = _arb_vec_init((slong) n), uv = _arb_vec_init((slong) n);
    arb_t dj, d2, one, zero;
    tsa_truth_t res = TSA_TRUE;
    arb_init(dj); arb_init(d2); arb_init(one); arb_init(zero);
    arb_one(one);
    arb_zero(zero);
    why[0] = '\0';
    for (j = 0; j < m; j++)
    {
        for (k = 0; k < n; k++)
        {
            arb_set_d(wv + k, W[j * n + k]);
            arb_set_d(uv + k, Ws[j * n + k]);
        }
        if (tsa_kernel_psi_d(dj, wv, uv, (slong) d, bias, one, zero, prec)
            != TSA_SUCCESS)
            arb_indeterminate(dj);
        if (!bias)
        {
            _tsa_lm_angle(d2, W + j * n, Ws + j * n, n, prec);
            _tsa_lm_psi_angle(d2, TSA_LM_PSI_D, d2, prec);
        }
        else
        {
            arb_set_d(d2, tsa_kernel_psi_d_d(W + j * n, Ws + j * n, d, 1,
                                             1.0, 0.0));
            arb_add_error_2exp_si(d2, -40);
        }
        if (!arb_is_finite(dj) || !arb_overlaps(dj, d2))
        {
            char s1[80], s2[80];
            _tsa_lm_str(s1, sizeof s1, dj, 12);
            _tsa_lm_str(s2, sizeof s2, d2, 12);
            snprintf(why, whyn, "d*0_jj of node %zu: kernel %s disagrees "
                     "with the independent %s %s", j, s1, bias
                     ? "float64 kernel" : "closed form (pi - t)/(2 pi)", s2);
            res = TSA_UNDECIDED;
        }
        else
            arb_intersection(dj, dj, d2, prec);
        if (j == 0)
            arb_set(dmin, dj);
        else
            arb_min(dmin, dmin, dj, prec);
    }
    _arb_vec_clear(wv, (slong) n);
    _arb_vec_clear(uv, (slong) n);
    arb_clear(dj); arb_clear(d2); arb_clear(one); arb_clear(zero);
    return res;
}

/* The witness of a violation (docs/claims-lm.md s. 5a): everything
 * `tsalign check --recheck` needs to recompute the decisive inequality
 * sin theta_j^t > (1 - eta dbar gamma)^(t-1) sin theta0, exactly. */
static json_t *
thm4_witness(long t, long j, size_t m, size_t d, int bias, int printed,
             const arb_t th0, double eta, double kup, const arb_t eps,
             const arb_t gam, const arb_t dbar, const arb_t obs,
             const arb_t bnd, const double *Ws, const double *W0,
             const double *wt)
{
    json_t *w = json_object();
    char s[64];
    size_t n = d + (size_t) bias;
    json_object_set_new(w, "checker", json_string("lm_thm4"));
    json_object_set_new(w, "form", json_string("lm-contraction-step"));
    json_object_set_new(w, "relation", json_string(
        "sin angle(w_j^t, w*_j) > (1 - eta dbar gamma)^(t-1) sin theta0"));
    json_object_set_new(w, "t", json_integer(t));
    json_object_set_new(w, "j", json_integer(j));
    json_object_set_new(w, "m", json_integer((json_int_t) m));
    json_object_set_new(w, "d", json_integer((json_int_t) d));
    json_object_set_new(w, "bias", json_integer(bias));
    json_object_set_new(w, "dbar_form", json_string(printed ? "printed"
                                                            : "lemma"));
    json_object_set_new(w, "theta0", tsa_claim_witness_arb(th0));
    snprintf(s, sizeof s, "%a", eta);
    json_object_set_new(w, "eta", json_string(s));
    snprintf(s, sizeof s, "%a", kup);
    json_object_set_new(w, "K_d_upper", json_string(s));
    json_object_set_new(w, "eps_d", tsa_claim_witness_arb(eps));
    json_object_set_new(w, "gamma", tsa_claim_witness_arb(gam));
    json_object_set_new(w, "dbar", tsa_claim_witness_arb(dbar));
    json_object_set_new(w, "bound", tsa_claim_witness_arb(bnd));
    json_object_set_new(w, "observed", tsa_claim_witness_arb(obs));
    json_object_set_new(w, "W_star", _tsa_lm_hex_mat(Ws, m, n));
    json_object_set_new(w, "W0", _tsa_lm_hex_mat(W0, m, n));
    json_object_set_new(w, "w_t", _tsa_lm_hex_vec(wt, n));
    return w;
}

int
tsa_claim_check_lm_thm4(tsa_claim_result_t r, const json_t *params,
                        const char *file, slong prec)
{
    double *Ws = NULL, *W = NULL, *G = NULL, *plot = NULL, *W0 = NULL,
           *wv = NULL;
    size_t m = 0, d = 0, n = 0, j, jp, np = 0, every;
    long steps, seed, t, nbox, bias_l;
    double eta, a, kup = 0.0, klo = 0.0, t1, t2, worst = 0.0, floor_,
           dbar_max = INFINITY, sin0 = 0.0, rate_d = 0.0;
    long tlast, tdmax = -1;
    const char *dform;
    int st, printed, bias;
    arb_t th0, A, ang, Theta, eps, Kd, S, Md, gam, dmin, dbar, rate, one, x,
        bnd, sn, s1, c0, vsin, vbnd;
    tsa_truth_t h2 = TSA_TRUE, h3, h4, h5, h6, concl = TSA_TRUE, hd;
    long e1, e2, eb, vt = -1, vj = -1;
    gsl_rng *rng = NULL;
    char buf[2400], b1[80], b2[80], b3[80], b4[80], png[256], why[400];

    arb_init(th0); arb_init(A); arb_init(ang); arb_init(Theta); arb_init(eps);
    arb_init(Kd); arb_init(S); arb_init(Md); arb_init(gam); arb_init(dmin);
    arb_init(dbar); arb_init(rate); arb_init(one); arb_init(x); arb_init(bnd);
    arb_init(sn); arb_init(s1); arb_init(c0); arb_init(vsin); arb_init(vbnd);
    if ((st = _tsa_lm_get_int(&bias_l, params, "bias", 0, 0, 1, file)))
        goto done;
    bias = (int) bias_l;
    if ((st = thm4_teacher(&Ws, &m, &d, bias, params, file))
        || (st = _tsa_lm_get_arb(th0, params, "theta0", NULL, file, prec))
        || (st = _tsa_lm_get_double(&a, params, "theta_init", -1.0, -1.0,
                                    3.2, file))
        || (st = _tsa_lm_get_double(&eta, params, "eta", 0.1, 1e-12, 1e6,
                                    file))
        || (st = _tsa_lm_get_int(&steps, params, "steps", 1000, 1, 10000000,
                                 file))
        || (st = _tsa_lm_get_int(&seed, params, "seed", 1, 0, 1L << 40, file))
        || (st = _tsa_lm_get_double(&floor_, params, "floor", 1e-12, 0.0,
                                    1.0, file))
        || (st = _tsa_lm_get_str(&dform, params, "dbar", "printed", file)))
        goto done;
    n = d + (size_t) bias;
    if (n < 2)
    {
        st = TSA_ERROR(TSA_EFORMAT, "%s: params: d + bias >= 2 needed", file);
        goto done;
    }
    if (!arb_is_finite(th0) || !arb_is_positive(th0)
        || arf_cmp_d(arb_midref(th0), 1.5) > 0)
    {
        st = TSA_ERROR(TSA_EFORMAT, "%s: params.theta0: in (0, 1.5]", file);
        goto done;
    }
    /* work estimate before the run: each step evaluates m x m kernel
       pairs in R^n (with Arb bounds at prec bits) */
    if ((double) steps * (double) m * (double) m * (double) n * (double) prec
        > TSA_CLAIM_WORK_MAX / 100)
    {
        st = TSA_ERROR(TSA_EFORMAT, "%s: params.steps: work estimate steps x m^2 x d x "
                       "prec = %.3g exceeds %.0e", file,
                       (double) steps * (double) m * (double) m * (double) n * (double) prec,
                       TSA_CLAIM_WORK_MAX / 100);
        goto done;
    }
    printed = strcmp(dform, "printed") == 0;
    if (!printed && strcmp(dform, "lemma") != 0)
    {
        st = TSA_ERROR(TSA_EFORMAT, "%s: params.dbar: 'printed' or 'lemma'",
                       file);
        goto done;
    }
    if (a < 0.0)
        a = 0.9 * arf_get_d(arb_midref(th0), ARF_RND_DOWN);
    W = malloc(sizeof(double) * m * n);
    G = malloc(sizeof(double) * m * n);
    rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, (unsigned long) seed);
    thm4_init(W, Ws, m, n, a, rng);
    W0 = malloc(sizeof(double) * m * n);
    wv = malloc(sizeof(double) * n);
    memcpy(W0, W, sizeof(double) * m * n);
    arb_one(one);

    _tsa_lm_str(b1, sizeof b1, th0, 8);
    snprintf(buf, sizeof buf, "m = n = %zu, d = %zu, %s, x ~ N(0, I), "
             "theta0 = %s, initial angles %.6g (random directions, seed "
             "%ld), eta = %g, %ld steps, dbar %s", m, d, bias ? "biased "
             "units (w_j, b_j) acting on [x; 1], unit in R^(d+1), angles in "
             "R^(d+1)" : "zero bias", b1, a, seed, eta, steps, printed
             ? "as printed in Thm 4: [1 + 2 K_d sin(theta0/2)] min d*0_jj"
             : "as in Lemma 2 / eq. (43): [1 - 2 K_d sin(theta0/2)] min "
               "d*0_jj");
    r->instance = strdup(buf);
    r->method = strdup(bias ?
        "Constants in Arb from the exact float64 weights: eps_d with the "
        "kernel tsa_kernel_psi_d (bias), K_d as a rigorous upper bound of "
        "sup|grad psi_d| / inf psi_d over Euclidean balls of radius "
        "2 sin(theta0/2) around the teacher nodes (docs/claims-lm.md s. 2b), "
        "d*0_jj by the Arb kernel and checked against the float64 kernel, "
        "M_d, gamma, dbar by ball arithmetic. Dynamics: float64 Euler steps "
        "of LM eq. (33) in R^(d+1) with renormalization (numerical); each "
        "sin theta_j^t is then enclosed exactly from the float64 iterate and "
        "compared with the ball (1 - eta dbar gamma)^(t-1) sin theta0." :
        "Constants in Arb from the exact float64 weights: eps_d with the "
        "kernel tsa_kernel_psi_d, K_d by branch-and-bound (Assumption 2, "
        "region: angles <= max teacher angle + 2 theta0, |w1 - w2| at angle "
        "<= theta0), d*0_jj by the Arb kernel (ReLU, c = 0) and checked "
        "against the closed form (pi - theta)/(2 pi), M_d, gamma, dbar by "
        "ball arithmetic. Dynamics: float64 "
        "Euler steps of LM eq. (33) with renormalization to the sphere "
        "(numerical); each sin theta_j^t is then enclosed exactly from the "
        "float64 iterate and compared with the ball (1 - eta dbar gamma)^"
        "(t-1) sin theta0.");

    if (bias)
        tsa_claim_add_hyp(r, "n = m, L = L* = I (layer 0, x ~ N(0, I)), "
                          "beta = beta* = 1 1^T, units with bias on [x; 1], "
                          "unit |(w_j, b_j)|", TSA_TRUE, "by construction; the"
                          " dynamics is eq. (33) with d = psi_d of the biased "
                          "units (the Thm 2 form; with bias it is not the "
                          "exact population gradient)");
    else
        tsa_claim_add_hyp(r, "n = m, L = L* = I (layer 0, x ~ N(0, I)), "
                          "beta = beta* = 1 1^T (unit output weights), zero "
                          "bias", TSA_TRUE, "by construction; then W* h*_j -"
                          " W h_j is exactly the projected population "
                          "gradient (P_perp grad psi_l = psi_d P_perp u)");
    /* H2: initial angles */
    {
        arb_t mx;
        arb_init(mx);
        arb_zero(mx);
        for (j = 0; j < m; j++)
        {
            _tsa_lm_angle(ang, W + j * n, Ws + j * n, n, prec);
            arb_max(mx, mx, ang, prec);
        }
        h2 = _tsa_lm_le(mx, th0);
        _tsa_lm_str(b2, sizeof b2, mx, 10);
        snprintf(buf, sizeof buf, "max_j theta_j^0 = %s vs theta0 = %s", b2,
                 b1);
        tsa_claim_add_hyp(r, "theta_j^0 <= theta0 for every j", h2, buf);
        arb_clear(mx);
    }
    /* H3: Assumption 2 on the region */
    arb_mul_2exp_si(S, th0, -1);
    arb_sin_cos(S, c0, S, prec);                  /* S = sin(theta0/2) */
    if (!bias)
    {
        arb_zero(A);
        for (j = 0; j < m; j++)
            for (jp = j + 1; jp < m; jp++)
            {
                _tsa_lm_angle(ang, Ws + j * d, Ws + jp * d, d, prec);
                arb_max(A, A, ang, prec);
            }
        arb_mul_2exp_si(Theta, th0, 1);
        arb_add(Theta, Theta, A, prec);
        h3 = _tsa_lm_kconst(&kup, &klo, &t1, &t2, &nbox, TSA_LM_PSI_D, Theta,
                            th0, 1e-4, 200000, prec);
        _tsa_lm_str(b2, sizeof b2, Theta, 8);
        if (h3 == TSA_TRUE)
            snprintf(buf, sizeof buf, "region Theta = max teacher angle + 2 "
                     "theta0 = %s, Phi = theta0: K_d <= %.9g (rigorous; >= "
                     "%.9g)", b2, kup, klo);
        else
            snprintf(buf, sizeof buf, "region Theta = %s: %s", b2,
                     h3 == TSA_FALSE ? ">= pi, psi_d vanishes: no finite K_d"
                     : "undecided");
        arb_set_d(Kd, h3 == TSA_TRUE ? kup : 0.0);
    }
    else
    {
        long ki, kj;
        arb_mul_2exp_si(x, S, 1);                 /* chord radius */
        h3 = _tsa_lm_kd_caps(Kd, &ki, &kj, Ws, m, d, x, prec);
        kup = _tsa_lm_ubound_d(Kd);
        if (h3 == TSA_TRUE)
            snprintf(buf, sizeof buf, "region: w within angle theta0 of a "
                     "teacher node, w1, w2 within theta0 of a common teacher "
                     "node: K_d <= %.9g (rigorous, attained bound from the "
                     "pair of teacher nodes %ld, %ld)", kup, ki, kj);
        else
            snprintf(buf, sizeof buf, "undecided: inf psi_d > 0 not proved "
                     "on the box of teacher nodes %ld, %ld", ki, kj);
        if (h3 != TSA_TRUE)
            arb_zero(Kd);
    }
    tsa_claim_add_hyp(r, "Assumption 2 (K_d finite on the region)", h3, buf);
    /* H4: Assumption 3 */
    h4 = _tsa_lm_eps(eps, &e1, &e2, &eb, TSA_LM_PSI_D, Ws, m, d, bias, one,
                     prec);
    _tsa_lm_str(b3, sizeof b3, eps, 10);
    snprintf(buf, sizeof buf, "eps_d = %s (pair %ld, %ld)", b3, e1, e2);
    tsa_claim_add_hyp(r, "Assumption 3 (eps_d of the teacher defined)", h4,
                      buf);
    json_object_set_new(r->data, "eps_d", json_string(b3));
    /* constants */
    arb_mul(x, Kd, S, prec);
    arb_mul_2exp_si(x, x, 1);                     /* 2 K_d sin(theta0/2) */
    arb_add(Md, one, x, prec);
    arb_sqr(Md, Md, prec);
    arb_add(s1, one, Kd, prec);
    arb_mul(Md, Md, s1, prec);
    arb_div(Md, Md, c0, prec);                    /* eq. (39) */
    arb_mul(gam, eps, Md, prec);
    arb_mul_ui(gam, gam, m - 1, prec);
    arb_cos(s1, th0, prec);
    arb_sub(gam, s1, gam, prec);
    hd = thm4_dstar(dmin, why, sizeof why, W, Ws, m, d, bias, prec);
    if (printed)
        arb_add(dbar, one, x, prec);
    else
        arb_sub(dbar, one, x, prec);
    arb_mul(dbar, dbar, dmin, prec);
    arb_mul(rate, dbar, gam, prec);
    arb_set_d(x, eta);
    arb_mul(rate, rate, x, prec);                 /* eta dbar gamma */
    _tsa_lm_str(b2, sizeof b2, gam, 10);
    _tsa_lm_str(b3, sizeof b3, Md, 10);
    _tsa_lm_str(b4, sizeof b4, dbar, 10);
    h5 = arb_is_positive(gam) ? TSA_TRUE
         : arb_is_nonpositive(gam) ? TSA_FALSE : TSA_UNDECIDED;
    if (h3 != TSA_TRUE || h4 != TSA_TRUE)
        h5 = h3 == TSA_FALSE ? TSA_FALSE : TSA_UNDECIDED;
    snprintf(buf, sizeof buf, "gamma = cos theta0 - (m-1) eps_d M_d = %s "
             "with M_d = %s", b2, b3);
    tsa_claim_add_hyp(r, "gamma > 0", h5, buf);
    h6 = (arb_is_positive(rate) && arb_lt(rate, one)) ? TSA_TRUE
         : (arb_is_nonpositive(rate) || arb_ge(rate, one)) ? TSA_FALSE
         : TSA_UNDECIDED;
    if (hd != TSA_TRUE)
        h6 = TSA_UNDECIDED;
    _tsa_lm_str(b1, sizeof b1, rate, 10);
    {
        char b5[80];
        _tsa_lm_str(b5, sizeof b5, dmin, 10);
        snprintf(buf, sizeof buf, "min_j d*0_jj = %s (Arb kernel, ReLU c = 0;"
                 " agrees with the %s), dbar = %s, eta dbar gamma = %s%s%s",
                 b5, bias ? "float64 kernel" : "closed form (pi - t)/(2 pi)",
                 b4, b1, hd != TSA_TRUE ? "; UNDECIDED: " : "", why);
        json_object_set_new(r->data, "dstar0_min", json_string(b5));
    }
    tsa_claim_add_hyp(r, "0 < eta dbar gamma < 1 (a contraction rate)", h6,
                      buf);
    json_object_set_new(r->data, "gamma", json_string(b2));
    json_object_set_new(r->data, "M_d", json_string(b3));
    json_object_set_new(r->data, "dbar", json_string(b4));
    json_object_set_new(r->data, "K_d_upper", json_real(kup));
    json_object_set_new(r->data, "floor", json_real(floor_));
    rate_d = arf_get_d(arb_midref(gam), ARF_RND_NEAR) * eta;
    arb_sub(rate, one, rate, prec);               /* 1 - eta dbar gamma */

    /* conclusion along the dynamics */
    arb_sin(sn, th0, prec);
    sin0 = arf_get_d(arb_midref(sn), ARF_RND_NEAR);
    arb_div(bnd, sn, rate, prec);                 /* t = 0: rate^-1 */
    every = (size_t) (steps / 400 + 1);
    plot = malloc(sizeof(double) * 3 * (size_t) (steps / (long) every + 2));
    tlast = steps;
    for (t = 0; t <= steps; t++)
    {
        double smax = 0.0;
        /* a float64 iterate resolves sin theta only down to about 1e-16:
           the comparison stops where the bound drops below the floor */
        if (_tsa_lm_ubound_d(bnd) < floor_)
        {
            tlast = t - 1;
            break;
        }
        for (j = 0; j < m; j++)
        {
            tsa_truth_t c;
            double sd = sin_angle_d(W + j * n, Ws + j * n, n);
            smax = fmax(smax, sd);
            _tsa_lm_sin_angle(x, W + j * n, Ws + j * n, n, prec);
            c = _tsa_lm_le(x, bnd);
            if (c != TSA_TRUE && concl != TSA_FALSE)
            {
                if (c == TSA_FALSE || concl == TSA_TRUE)
                {
                    /* the values AT the first violation (or first
                       undecided comparison) */
                    vt = t;
                    vj = (long) j;
                    arb_set(vsin, x);
                    arb_set(vbnd, bnd);
                    memcpy(wv, W + j * n, sizeof(double) * n);
                }
                concl = c;
            }
            if (arb_is_finite(bnd))
                worst = fmax(worst, sd / arf_get_d(arb_midref(bnd),
                                                   ARF_RND_NEAR));
            /* the largest dbar the run allows (numerical): sin theta^t <=
               (1 - eta dbar gamma)^(t-1) sin theta0 for t >= 2 */
            if (t >= 2 && rate_d > 0.0 && sd > 0.0)
            {
                double q = 1.0 - pow(sd / sin0, 1.0 / (double) (t - 1));
                if (q / rate_d < dbar_max)
                {
                    dbar_max = q / rate_d;
                    tdmax = t;
                }
            }
        }
        if (t % (long) every == 0 || t == steps)
        {
            plot[3 * np] = (double) t;
            plot[3 * np + 1] = smax;
            plot[3 * np + 2] = arf_get_d(arb_midref(bnd), ARF_RND_NEAR);
            np++;
        }
        if (t == steps)
            break;
        thm4_step(W, G, Ws, m, d, bias, eta);
        arb_mul(bnd, bnd, rate, prec);
    }
    {
        double sfin = 0.0;
        char b6[120] = "";
        for (j = 0; j < m; j++)
            sfin = fmax(sfin, sin_angle_d(W + j * n, Ws + j * n, n));
        if (isfinite(dbar_max))
            snprintf(b6, sizeof b6, "; largest dbar with which the bound "
                     "holds over the run (numerical): %.6g (binding at t = "
                     "%ld)", dbar_max, tdmax);
        if (concl == TSA_TRUE)
            snprintf(buf, sizeof buf, "holds at t = 0 .. %ld for all %zu "
                     "nodes%s; max ratio sin theta / bound = %.6g; final max "
                     "sin theta_j = %.3e%s", tlast, m, tlast < steps
                     ? " (later steps not compared: the bound is below the "
                       "float64 resolution floor)" : "", worst, sfin, b6);
        else
        {
            _tsa_lm_str(b1, sizeof b1, vsin, 10);
            _tsa_lm_str(b2, sizeof b2, vbnd, 10);
            snprintf(buf, sizeof buf, "%s first at t = %ld, j = %ld: sin "
                     "theta_j^t = %s vs bound (1 - eta dbar gamma)^(t-1) sin "
                     "theta0 = %s (values at that step)%s", concl == TSA_FALSE
                     ? "violated" : "undecided", vt, vj, b1, b2, b6);
            json_object_set_new(r->data, "violation_t", json_integer(vt));
            json_object_set_new(r->data, "violation_sin", json_string(b1));
            json_object_set_new(r->data, "violation_bound", json_string(b2));
            if (concl == TSA_FALSE)
                r->witness = thm4_witness(vt, vj, m, d, bias, printed, th0,
                                          eta, kup, eps, gam, dbar, vsin,
                                          vbnd, Ws, W0, wv);
        }
        json_object_set_new(r->data, "final_max_sin_theta", json_real(sfin));
        json_object_set_new(r->data, "max_ratio_to_bound", json_real(worst));
        if (isfinite(dbar_max))
            json_object_set_new(r->data, "dbar_max_run", json_real(dbar_max));
    }
    {
        static const char *const names[] = {"max_j sin theta_j^t",
                                            "(1 - eta dbar gamma)^(t-1) sin theta0"};
        if (r->id != NULL
            && _tsa_lm_plot(png, sizeof png, tsa_claim_plot_dir(r), r->id, "contraction",
                            "LM Thm 4: contraction against the bound",
                            "step t", "sin theta", names, plot, np, 3, 1))
        {
            size_t L = strlen(buf);
            snprintf(buf + L, sizeof buf - L, "; plot %s", png);
            json_object_set_new(r->data, "plot", json_string(png));
        }
    }
    tsa_claim_set_concl(r, "sin theta_j^t <= (1 - eta dbar gamma)^(t-1) "
                        "sin theta0 for all j and t <= steps (while the bound >= floor)", concl, buf);
done:
    free(plot);
    free(W0);
    free(wv);
    free(Ws);
    free(W);
    free(G);
    if (rng)
        gsl_rng_free(rng);
    arb_clear(th0); arb_clear(A); arb_clear(ang); arb_clear(Theta);
    arb_clear(eps); arb_clear(Kd); arb_clear(S); arb_clear(Md); arb_clear(gam);
    arb_clear(dmin); arb_clear(dbar); arb_clear(rate); arb_clear(one);
    arb_clear(x); arb_clear(bnd); arb_clear(sn); arb_clear(s1);
    arb_clear(c0); arb_clear(vsin); arb_clear(vbnd);
    return st;
}
