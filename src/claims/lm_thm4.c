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

/* teacher rows (unit, zero bias): "ortho" (e_j) or "matrix" (W) */
static int
thm4_teacher(double **Ws, size_t *m, size_t *d, const json_t *params,
             const char *file)
{
    const char *kind;
    int st;
    size_t j;
    if ((st = _tsa_lm_get_str(&kind, params, "teacher", "ortho", file)))
        return st;
    if (strcmp(kind, "ortho") == 0)
    {
        long mm, dd;
        if ((st = _tsa_lm_get_int(&mm, params, "m", 2, 1, 100, file))
            || (st = _tsa_lm_get_int(&dd, params, "d", mm, mm, 1000, file)))
            return st;
        *m = (size_t) mm;
        *d = (size_t) dd;
        *Ws = calloc(*m * *d, sizeof(double));
        for (j = 0; j < *m; j++)
            (*Ws)[j * *d + j] = 1.0;
        return TSA_SUCCESS;
    }
    if (strcmp(kind, "matrix") == 0)
    {
        if ((st = _tsa_lm_get_matrix(Ws, m, d, params, "W", file)))
            return st;
        for (j = 0; j < *m; j++)
            normalize(*Ws + j * *d, *d);
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
          double eta)
{
    size_t j, jp, k;
    for (j = 0; j < m; j++)
    {
        const double *w = W + j * d;
        double *g = G + j * d, p = 0.0;
        memset(g, 0, sizeof(double) * d);
        for (jp = 0; jp < m; jp++)
        {
            double ds = tsa_kernel_psi_d_d(w, Ws + jp * d, d, 0, 1.0, 0.0);
            double dd = tsa_kernel_psi_d_d(w, W + jp * d, d, 0, 1.0, 0.0);
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

static double
sin_angle_d(const double *u, const double *v, size_t d)
{
    double c = 0.0, uu = 0.0, vv = 0.0;
    size_t k;
    for (k = 0; k < d; k++)
    {
        c += u[k] * v[k];
        uu += u[k] * u[k];
        vv += v[k] * v[k];
    }
    c /= sqrt(uu * vv);
    return sqrt(fmax(0.0, 1.0 - c * c));
}

int
tsa_claim_check_lm_thm4(tsa_claim_result_t r, const json_t *params,
                        const char *file, slong prec)
{
    double *Ws = NULL, *W = NULL, *G = NULL, *plot = NULL;
    size_t m = 0, d = 0, j, jp, np = 0, every;
    long steps, seed, t, nbox;
    double eta, a, kup, klo, t1, t2, worst = 0.0, floor_;
    long tlast;
    const char *dform;
    int st, printed;
    arb_t th0, A, ang, Theta, eps, Kd, S, Md, gam, dmin, dbar, rate, one, x,
        bnd, sn, pi, s1, c0;
    arb_ptr wv, uv;
    tsa_truth_t h2 = TSA_TRUE, h3, h4, h5, h6, concl = TSA_TRUE;
    long e1, e2, eb, vt = -1, vj = -1;
    gsl_rng *rng = NULL;
    char buf[2000], b1[80], b2[80], b3[80], b4[80], png[256];

    arb_init(th0); arb_init(A); arb_init(ang); arb_init(Theta); arb_init(eps);
    arb_init(Kd); arb_init(S); arb_init(Md); arb_init(gam); arb_init(dmin);
    arb_init(dbar); arb_init(rate); arb_init(one); arb_init(x); arb_init(bnd);
    arb_init(sn); arb_init(pi); arb_init(s1); arb_init(c0);
    wv = uv = NULL;
    if ((st = thm4_teacher(&Ws, &m, &d, params, file))
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
    if (d < 2)
    {
        st = TSA_ERROR(TSA_EFORMAT, "%s: params: d >= 2 needed", file);
        goto done;
    }
    /* work estimate before the run: each step evaluates m x m kernel
       pairs in R^d (with Arb bounds at prec bits) */
    if ((double) steps * (double) m * (double) m * (double) d * (double) prec
        > TSA_CLAIM_WORK_MAX / 100)
    {
        st = TSA_ERROR(TSA_EFORMAT, "%s: params.steps: work estimate steps x m^2 x d x "
                       "prec = %.3g exceeds %.0e", file,
                       (double) steps * (double) m * (double) m * (double) d * (double) prec,
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
    W = malloc(sizeof(double) * m * d);
    G = malloc(sizeof(double) * m * d);
    rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, (unsigned long) seed);
    thm4_init(W, Ws, m, d, a, rng);
    wv = _arb_vec_init(d);
    uv = _arb_vec_init(d);
    arb_const_pi(pi, prec);
    arb_one(one);

    _tsa_lm_str(b1, sizeof b1, th0, 8);
    snprintf(buf, sizeof buf, "m = n = %zu, d = %zu, zero bias, x ~ N(0, I), "
             "theta0 = %s, initial angles %.6g (random directions, seed "
             "%ld), eta = %g, %ld steps, dbar %s", m, d, b1, a, seed, eta,
             steps, printed ? "as printed in Thm 4: [1 + 2 K_d sin(theta0/2)]"
             " min d*0_jj" : "as in Lemma 2 / eq. (43): [1 - 2 K_d "
             "sin(theta0/2)] min d*0_jj");
    r->instance = strdup(buf);
    r->method = strdup(
        "Constants in Arb from the exact float64 weights: eps_d with the "
        "kernel tsa_kernel_psi_d, K_d by branch-and-bound (Assumption 2, "
        "region: angles <= max teacher angle + 2 theta0, |w1 - w2| at angle "
        "<= theta0), M_d, gamma, dbar by ball arithmetic. Dynamics: float64 "
        "Euler steps of LM eq. (33) with renormalization to the sphere "
        "(numerical); each sin theta_j^t is then enclosed exactly from the "
        "float64 iterate and compared with the ball (1 - eta dbar gamma)^"
        "(t-1) sin theta0.");

    tsa_claim_add_hyp(r, "n = m, L = L* = I (layer 0, x ~ N(0, I)), "
                      "beta = beta* = 1 1^T (unit output weights), zero bias",
                      TSA_TRUE, "by construction; then W* h*_j - W h_j is "
                      "exactly the projected population gradient "
                      "(P_perp grad psi_l = psi_d P_perp u)");
    /* H2: initial angles */
    {
        arb_t mx;
        arb_init(mx);
        arb_zero(mx);
        for (j = 0; j < m; j++)
        {
            _tsa_lm_angle(ang, W + j * d, Ws + j * d, d, prec);
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
                 "theta0 = %s, Phi = theta0: K_d <= %.9g (rigorous; >= %.9g)",
                 b2, kup, klo);
    else
        snprintf(buf, sizeof buf, "region Theta = %s: %s", b2,
                 h3 == TSA_FALSE ? ">= pi, psi_d vanishes: no finite K_d"
                 : "undecided");
    tsa_claim_add_hyp(r, "Assumption 2 (K_d finite on the region)", h3, buf);
    arb_set_d(Kd, h3 == TSA_TRUE ? kup : 0.0);
    /* H4: Assumption 3 */
    h4 = _tsa_lm_eps(eps, &e1, &e2, &eb, TSA_LM_PSI_D, Ws, m, d, 0, one,
                     prec);
    _tsa_lm_str(b3, sizeof b3, eps, 10);
    snprintf(buf, sizeof buf, "eps_d = %s (pair %ld, %ld)", b3, e1, e2);
    tsa_claim_add_hyp(r, "Assumption 3 (eps_d of the teacher defined)", h4,
                      buf);
    /* constants */
    arb_mul_2exp_si(S, th0, -1);
    arb_sin_cos(S, c0, S, prec);                  /* S = sin(theta0/2) */
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
    for (j = 0; j < m; j++)
    {
        arb_t dj;
        size_t k;
        arb_init(dj);
        for (k = 0; k < d; k++)
        {
            arb_set_d(wv + k, W[j * d + k]);
            arb_set_d(uv + k, Ws[j * d + k]);
        }
        if (tsa_kernel_psi_d(dj, wv, uv, (slong) d, 0, one, x /* unused c */,
                             prec) != TSA_SUCCESS)
            arb_indeterminate(dj);
        if (j == 0)
            arb_set(dmin, dj);
        else
            arb_min(dmin, dmin, dj, prec);
        arb_clear(dj);
    }
    arb_mul(x, Kd, S, prec);
    arb_mul_2exp_si(x, x, 1);
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
    _tsa_lm_str(b1, sizeof b1, rate, 10);
    snprintf(buf, sizeof buf, "dbar = %s, eta dbar gamma = %s", b4, b1);
    tsa_claim_add_hyp(r, "0 < eta dbar gamma < 1 (a contraction rate)", h6,
                      buf);
    json_object_set_new(r->data, "gamma", json_string(b2));
    json_object_set_new(r->data, "M_d", json_string(b3));
    json_object_set_new(r->data, "dbar", json_string(b4));
    json_object_set_new(r->data, "K_d_upper", json_real(kup));
    json_object_set_new(r->data, "floor", json_real(floor_));
    arb_sub(rate, one, rate, prec);               /* 1 - eta dbar gamma */

    /* conclusion along the dynamics */
    arb_sin(sn, th0, prec);
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
            double sd = sin_angle_d(W + j * d, Ws + j * d, d);
            smax = fmax(smax, sd);
            _tsa_lm_sin_angle(x, W + j * d, Ws + j * d, d, prec);
            c = _tsa_lm_le(x, bnd);
            if (c != TSA_TRUE && concl != TSA_FALSE)
            {
                if (c == TSA_FALSE || concl == TSA_TRUE)
                {
                    vt = t;
                    vj = (long) j;
                }
                concl = c;
            }
            if (arb_is_finite(bnd))
                worst = fmax(worst, sd / arf_get_d(arb_midref(bnd),
                                                   ARF_RND_NEAR));
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
        thm4_step(W, G, Ws, m, d, eta);
        arb_mul(bnd, bnd, rate, prec);
    }
    {
        double sfin = 0.0;
        for (j = 0; j < m; j++)
            sfin = fmax(sfin, sin_angle_d(W + j * d, Ws + j * d, d));
        if (concl == TSA_TRUE)
            snprintf(buf, sizeof buf, "holds at t = 0 .. %ld for all %zu "
                     "nodes%s; max ratio sin theta / bound = %.6g; final max "
                     "sin theta_j = %.3e", tlast, m, tlast < steps
                     ? " (later steps not compared: the bound is below the "
                       "float64 resolution floor)" : "", worst, sfin);
        else
        {
            _tsa_lm_sin_angle(x, W + vj * d, Ws + vj * d, d, prec);
            _tsa_lm_str(b1, sizeof b1, x, 10);
            _tsa_lm_str(b2, sizeof b2, bnd, 10);
            snprintf(buf, sizeof buf, "%s at t = %ld, j = %ld: sin theta = %s"
                     " vs bound %s", concl == TSA_FALSE ? "violated"
                     : "undecided", vt, vj, b1, b2);
        }
        json_object_set_new(r->data, "final_max_sin_theta", json_real(sfin));
        json_object_set_new(r->data, "max_ratio_to_bound", json_real(worst));
    }
    {
        static const char *const names[] = {"max_j sin theta_j^t",
                                            "(1 - eta dbar gamma)^(t-1) sin theta0"};
        if (r->id != NULL
            && _tsa_lm_plot(png, sizeof png, r->id, "contraction",
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
    free(Ws);
    free(W);
    free(G);
    if (rng)
        gsl_rng_free(rng);
    if (wv)
        _arb_vec_clear(wv, d);
    if (uv)
        _arb_vec_clear(uv, d);
    arb_clear(th0); arb_clear(A); arb_clear(ang); arb_clear(Theta);
    arb_clear(eps); arb_clear(Kd); arb_clear(S); arb_clear(Md); arb_clear(gam);
    arb_clear(dmin); arb_clear(dbar); arb_clear(rate); arb_clear(one);
    arb_clear(x); arb_clear(bnd); arb_clear(sn); arb_clear(pi); arb_clear(s1);
    arb_clear(c0);
    return st;
}
