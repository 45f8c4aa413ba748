/* lm_thm5.c -- LM Theorem 5 (over-parameterization, top-down modulation)
 * for a two-layer ReLU net with x ~ N(0, I), zero bias, unit |w_j|:
 * feasibility of conditions (41)-(42) with rigorous constants, and the
 * contraction of W_u, V_u and V_r -> 0 along float64 Euler steps of the
 * projected population gradient flow (docs/claims-lm.md s. 6). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include "tsa_kernel.h"
#include "lm_impl.h"

static void
nrmz(double *w, size_t d)
{
    double s = 0.0;
    size_t k;
    for (k = 0; k < d; k++)
        s += w[k] * w[k];
    s = sqrt(s);
    for (k = 0; k < d; k++)
        w[k] /= s;
}

/* the fixed inputs of (41)-(54) */
typedef struct
{
    slong m, n;
    arb_t th0, Kd, Kl, epsd, epsl, Bv, Bdv, kappa, dmin, lmin, eta;
} t5c_t;

/* everything at candidate (gamma, rho_r): returns TSA_TRUE when all
 * conditions are proved, TSA_FALSE when one is refuted; A, B, rho_new,
 * lam set */
static tsa_truth_t
t5_conditions(arb_t A, arb_t B, arb_t rho_new, arb_t lam, const t5c_t *c,
              const arb_t gam, const arb_t rho, slong prec)
{
    arb_t one, ru, h, ch, Cu[2], Cr[2], Muu, Mur, Mru, Mrr, Bu[2], Br[2],
        bar[2], t, u;
    tsa_truth_t res = TSA_TRUE;
    int w;
    arb_init(one); arb_init(ru); arb_init(h); arb_init(ch); arb_init(Muu);
    arb_init(Mur); arb_init(Mru); arb_init(Mrr); arb_init(t); arb_init(u);
    for (w = 0; w < 2; w++)
    {
        arb_init(Cu[w]); arb_init(Cr[w]); arb_init(Bu[w]); arb_init(Br[w]);
        arb_init(bar[w]);
    }
    arb_one(one);
    arb_mul_2exp_si(h, c->th0, -1);
    arb_sin_cos(ru, ch, h, prec);
    arb_mul_2exp_si(ru, ru, 1);                  /* rho_u = 2 sin(th0/2) */
    for (w = 0; w < 2; w++)
    {
        const arb_struct *K = w ? c->Kl : c->Kd;
        arb_mul(Cu[w], K, ru, prec);             /* (47) */
        arb_mul(Cr[w], K, rho, prec);            /* (48) with (70) */
        arb_add(t, one, K, prec);
        arb_add(u, one, Cu[w], prec);
        arb_sqr(Muu, u, prec);
        arb_mul(Muu, Muu, t, prec);
        arb_div(Muu, Muu, ch, prec);             /* (49) */
        arb_add(h, one, Cr[w], prec);
        arb_mul(Mur, t, u, prec);
        arb_mul(Mur, Mur, h, prec);              /* (50) */
        arb_div(Mru, Mur, ch, prec);             /* (51) */
        arb_sqr(Mrr, h, prec);
        arb_mul(Mrr, Mrr, t, prec);              /* (52) */
        arb_mul_si(Bu[w], Muu, c->m - 1, prec);
        arb_addmul_si(Bu[w], Mur, c->n - c->m, prec);   /* (53) */
        arb_mul_si(Br[w], Mru, c->m - 1, prec);
        arb_addmul_si(Br[w], Mrr, c->n - c->m, prec);   /* (54) */
        /* dbar, lbar (43)-(44): 1 - max(C, K C) over both node kinds */
        arb_max(t, Cu[w], Cr[w], prec);
        arb_mul(u, t, K, prec);
        arb_max(t, t, u, prec);
        arb_sub(t, one, t, prec);
        arb_mul(bar[w], t, w ? c->lmin : c->dmin, prec);
        if (!arb_is_positive(bar[w]))
            res = arb_is_nonpositive(bar[w]) ? TSA_FALSE : TSA_UNDECIDED;
    }
    arb_min(lam, bar[0], bar[1], prec);          /* (45) */
    /* (41): A = (Bv - Bdv) cos th0 - eps_d (Bv + Bdv) max(B_du, B_dr) */
    arb_cos(t, c->th0, prec);
    arb_sub(A, c->Bv, c->Bdv, prec);
    arb_mul(A, A, t, prec);
    arb_max(t, Bu[0], Br[0], prec);
    arb_add(u, c->Bv, c->Bdv, prec);
    arb_mul(t, t, u, prec);
    arb_mul(t, t, c->epsd, prec);
    arb_sub(A, A, t, prec);
    /* (42): B = 1 - eps_l max(B_lu, B_lr) - kappa */
    arb_max(t, Bu[1], Br[1], prec);
    arb_mul(t, t, c->epsl, prec);
    arb_sub(B, one, t, prec);
    arb_sub(B, B, c->kappa, prec);
    /* (70): rho_new = eps_d B_dr (Bv + Bdv) Bv / (lam gam (2 - eta lam gam)) */
    arb_mul(t, lam, gam, prec);
    arb_mul(h, t, c->eta, prec);                 /* eta lam gam */
    arb_sub_ui(u, h, 2, prec);
    arb_neg(u, u);
    arb_mul(t, t, u, prec);
    arb_add(u, c->Bv, c->Bdv, prec);
    arb_mul(u, u, c->Bv, prec);
    arb_mul(u, u, Br[0], prec);
    arb_mul(u, u, c->epsd, prec);
    arb_div(rho_new, u, t, prec);
    /* conditions */
    {
        tsa_truth_t parts[5];
        int i;
        parts[0] = arb_is_positive(gam) ? TSA_TRUE : TSA_FALSE;
        parts[1] = _tsa_lm_le(gam, A);
        parts[2] = _tsa_lm_le(gam, B);
        parts[3] = (arb_is_positive(h) && arb_lt(h, one)) ? TSA_TRUE
                   : (arb_is_nonpositive(h) || arb_ge(h, one)) ? TSA_FALSE
                   : TSA_UNDECIDED;
        parts[4] = arb_is_finite(rho_new) ? _tsa_lm_le(rho_new, rho)
                                          : TSA_UNDECIDED;
        for (i = 0; i < 5; i++)
            if (parts[i] == TSA_FALSE)
                res = TSA_FALSE;
            else if (parts[i] == TSA_UNDECIDED && res == TSA_TRUE)
                res = TSA_UNDECIDED;
    }
    arb_clear(one); arb_clear(ru); arb_clear(h); arb_clear(ch);
    arb_clear(Muu); arb_clear(Mur); arb_clear(Mru); arb_clear(Mrr);
    arb_clear(t); arb_clear(u);
    for (w = 0; w < 2; w++)
    {
        arb_clear(Cu[w]); arb_clear(Cr[w]); arb_clear(Bu[w]); arb_clear(Br[w]);
        arb_clear(bar[w]);
    }
    return res;
}

static double
vnorm_diff(const double *a, const double *b, size_t n)
{
    double s = 0.0;
    size_t k;
    for (k = 0; k < n; k++)
        s += (a[k] - (b ? b[k] : 0.0)) * (a[k] - (b ? b[k] : 0.0));
    return sqrt(s);
}

/* exact |a - b| as a ball */
static void
vnorm_diff_arb(arb_t r, const double *a, const double *b, size_t n,
               slong prec)
{
    arb_t x, y;
    size_t k;
    arb_init(x);
    arb_init(y);
    arb_zero(r);
    for (k = 0; k < n; k++)
    {
        arb_set_d(x, a[k]);
        if (b)
        {
            arb_set_d(y, b[k]);
            arb_sub(x, x, y, prec);
        }
        arb_addmul(r, x, x, prec);
    }
    arb_sqrtpos(r, r, prec);
    arb_clear(x);
    arb_clear(y);
}

/* the exact state a witness needs */
typedef struct
{
    size_t m, n, d, C;
    const double *Ws, *Vs, *V0, *W0;
} t5w_t;

/* The witness of a failing bound (docs/claims-lm.md s. 6b): the vector at
 * the failing step, the exact inputs of the bound and the rate (a ball),
 * for `tsalign check --recheck`. */
static json_t *
thm5_witness(int kind, long t, long j, const t5w_t *q, const arb_t th0,
             const arb_t rate, const arb_t rho, const arb_t obs,
             const arb_t bnd, const double *xt)
{
    static const char *const kname[4] = {"W_u", "V_u", "V_r", "W_r"};
    static const char *const rel[4] = {
        "sin angle(w_j^t, w*_j) > r^(t-1) sin theta0",
        "|v_j^t - v*_j| > r^(t-1) B_dv, B_dv = max_u |v_j^0 - v*_j|",
        "|v_j^t| > r^(t-1) B_v, B_v = max(max_u |v*_j|, max_r |v_j^0|)",
        "|w_j^t - w_j^0| > rho_r"};
    json_t *w = json_object();
    json_object_set_new(w, "checker", json_string("lm_thm5"));
    json_object_set_new(w, "form", json_string("lm-thm5-bound"));
    json_object_set_new(w, "bound_kind", json_string(kname[kind]));
    json_object_set_new(w, "relation", json_string(rel[kind]));
    json_object_set_new(w, "t", json_integer(t));
    json_object_set_new(w, "j", json_integer(j));
    json_object_set_new(w, "m", json_integer((json_int_t) q->m));
    json_object_set_new(w, "n", json_integer((json_int_t) q->n));
    json_object_set_new(w, "d", json_integer((json_int_t) q->d));
    json_object_set_new(w, "C", json_integer((json_int_t) q->C));
    json_object_set_new(w, "theta0", tsa_claim_witness_arb(th0));
    json_object_set_new(w, "rate", tsa_claim_witness_arb(rate));
    json_object_set_new(w, "rho_r", tsa_claim_witness_arb(rho));
    json_object_set_new(w, "bound", tsa_claim_witness_arb(bnd));
    json_object_set_new(w, "observed", tsa_claim_witness_arb(obs));
    json_object_set_new(w, "W_star", _tsa_lm_hex_mat(q->Ws, q->m, q->d));
    json_object_set_new(w, "V_star", _tsa_lm_hex_mat(q->Vs, q->m, q->C));
    json_object_set_new(w, "W0", _tsa_lm_hex_mat(q->W0, q->n, q->d));
    json_object_set_new(w, "V0", _tsa_lm_hex_mat(q->V0, q->n, q->C));
    json_object_set_new(w, "x_t", _tsa_lm_hex_vec(xt, (kind == 1 || kind == 2)
                                                      ? q->C : q->d));
    return w;
}

/* C_0 of Lemma 4: the value used (parameter "C0", default the bound
 * 1/(4 F(theta0))) into c0, and the hypothesis "Lemma 4 holds with C_0 on
 * theta <= theta0" against C0min = sup R enclosed by branch-and-bound;
 * the closed form max(1/2, R(theta0)) is reported beside it. */
static int
t5_c0_hyp(tsa_claim_result_t r, arb_t c0, const json_t *params,
          const char *file, const arb_t th0, slong prec)
{
    arb_t lo, hi, cf;
    tsa_truth_t h, bb;
    char s0[80], s1[80], s2[80], s3[80], buf[700];
    int st = TSA_SUCCESS, given = json_object_get(params, "C0") != NULL;
    arb_init(lo); arb_init(hi); arb_init(cf);
    if (given)
    {
        if ((st = _tsa_lm_get_arb(c0, params, "C0", NULL, file, prec)))
            goto out;
        if (!arb_is_finite(c0) || !arb_is_nonnegative(c0))
        {
            st = TSA_ERROR(TSA_EFORMAT, "%s: params.C0: a number >= 0",
                           file);
            goto out;
        }
    }
    else
    {
        _tsa_lm_psi_angle(c0, TSA_LM_PSI_L, th0, prec);
        arb_mul_2exp_si(c0, c0, 2);
        arb_inv(c0, c0, prec);
    }
    bb = _tsa_lm_c0_bb(lo, hi, th0, 1e-6, 200000, prec);
    _tsa_lm_c0_closed(cf, th0, prec);
    h = bb != TSA_TRUE ? TSA_UNDECIDED : _tsa_lm_le(hi, c0);
    if (h == TSA_UNDECIDED && bb == TSA_TRUE && arb_lt(c0, lo))
        h = TSA_FALSE;
    _tsa_lm_str(s0, sizeof s0, c0, 10);
    _tsa_lm_str(s1, sizeof s1, lo, 10);
    _tsa_lm_str(s2, sizeof s2, hi, 10);
    _tsa_lm_str(s3, sizeof s3, cf, 10);
    snprintf(buf, sizeof buf, "C_0 used = %s (%s); the smallest C_0 with "
             "|l*_jj - l_jj| <= C_0 l*_jj |dw_j|^2 for all angles <= theta0 "
             "is C0min = sup R(t) in [%s, %s] (branch-and-bound%s), closed "
             "form max(1/2, R(theta0)) = %s", s0, given ? "parameter C0"
             : "default: the bound 1/(4 F(theta0))", s1, s2,
             bb == TSA_TRUE ? "" : ", budget spent: undecided", s3);
    tsa_claim_add_hyp(r, "Lemma 4 holds with C_0 (C_0 >= C0min on theta <= "
                      "theta0)", h, buf);
    json_object_set_new(r->data, "C0_used", json_string(s0));
    json_object_set_new(r->data, "C0_min_lower", json_string(s1));
    json_object_set_new(r->data, "C0_min_upper", json_string(s2));
    json_object_set_new(r->data, "C0_min_closed", json_string(s3));
out:
    arb_clear(lo); arb_clear(hi); arb_clear(cf);
    return st;
}

int
tsa_claim_check_lm_thm5(tsa_claim_result_t r, const json_t *params,
                        const char *file, slong prec)
{
    double *Ws = NULL, *Vs = NULL, *Wr = NULL, *Vr = NULL, *W = NULL,
           *V = NULL, *W0 = NULL, *GW = NULL, *GV = NULL, *P = NULL,
           *plot = NULL, *V0 = NULL, *fvec = NULL;
    size_t m, d, mc, C, nr, dr, vrr, vrc, n = 0, j, jp, k, np = 0, every;
    long steps, seed, t, nbox, tlast;
    double eta, a, dv, rhomax, kup, klo, t1, t2, floor_, kd_up = 0,
                                                     kl_up = 0;
    int st;
    t5c_t c;
    arb_t x, y, Theta, Phi, ar, gam, rho, A, B, rho_new, lam, rate, bnd,
        one, best_gam, best_rho, lam0;
    tsa_truth_t h2, h3, h4, h5 = TSA_UNDECIDED, concl = TSA_TRUE;
    gsl_rng *rng = NULL;
    long e1, e2, eb;
    char buf[4000], b1[80], b2[80], b3[80], png[256];

    memset(&c, 0, sizeof c);
    arb_init(c.th0); arb_init(c.Kd); arb_init(c.Kl); arb_init(c.epsd);
    arb_init(c.epsl); arb_init(c.Bv); arb_init(c.Bdv); arb_init(c.kappa);
    arb_init(c.dmin); arb_init(c.lmin); arb_init(c.eta);
    arb_init(x); arb_init(y); arb_init(Theta); arb_init(Phi); arb_init(ar);
    arb_init(gam); arb_init(rho); arb_init(A); arb_init(B);
    arb_init(rho_new); arb_init(lam); arb_init(rate); arb_init(bnd);
    arb_init(one); arb_init(best_gam); arb_init(best_rho); arb_init(lam0);
    arb_one(one);
    if ((st = _tsa_lm_get_matrix(&Ws, &m, &d, params, "W", file))
        || (st = _tsa_lm_get_matrix(&Vs, &mc, &C, params, "V", file))
        || (st = _tsa_lm_get_matrix(&Wr, &nr, &dr, params, "Wr", file))
        || (st = _tsa_lm_get_matrix(&Vr, &vrr, &vrc, params, "Vr", file))
        || (st = _tsa_lm_get_arb(c.th0, params, "theta0", NULL, file, prec))
        || (st = _tsa_lm_get_double(&a, params, "theta_init", -1.0, -1.0,
                                    3.2, file))
        || (st = _tsa_lm_get_double(&dv, params, "dv", 0.0, 0.0, 1e6, file))
        || (st = _tsa_lm_get_double(&rhomax, params, "rho_r_max", 0.05, 0.0,
                                    1.9, file))
        || (st = _tsa_lm_get_double(&eta, params, "eta", 0.1, 1e-12, 1e6,
                                    file))
        || (st = _tsa_lm_get_double(&floor_, params, "floor", 1e-12, 0.0,
                                    1.0, file))
        || (st = _tsa_lm_get_int(&steps, params, "steps", 1000, 1, 10000000,
                                 file))
        || (st = _tsa_lm_get_int(&seed, params, "seed", 1, 0, 1L << 40, file)))
        goto done;
    if (mc != m || dr != d || vrr != nr || vrc != C || d < 2)
    {
        st = TSA_ERROR(TSA_EFORMAT, "%s: params: W (m x d), V (m x C), Wr "
                       "(r x d), Vr (r x C) with d >= 2 needed", file);
        goto done;
    }
    n = m + nr;
    /* work estimate before the run: each step evaluates (m + r)^2 kernel
       pairs in R^d and C outputs (with Arb bounds at prec bits) */
    if ((double) steps * (double) n * (double) n * (double) (d + C) * (double) prec
        > TSA_CLAIM_WORK_MAX / 100)
    {
        st = TSA_ERROR(TSA_EFORMAT, "%s: params.steps: work estimate steps x (m + r)^2 x "
                       "(d + C) x prec = %.3g exceeds %.0e", file,
                       (double) steps * (double) n * (double) n * (double) (d + C) * (double) prec,
                       TSA_CLAIM_WORK_MAX / 100);
        goto done;
    }
    c.m = (slong) m;
    c.n = (slong) n;
    arb_set_d(c.eta, eta);
    if (a < 0.0)
        a = 0.9 * arf_get_d(arb_midref(c.th0), ARF_RND_DOWN);
    /* student: u nodes at angle a from w*_j, V_u = V* + dv (random
       direction); r nodes as given */
    W = malloc(sizeof(double) * n * d);
    W0 = malloc(sizeof(double) * n * d);
    V = malloc(sizeof(double) * n * C);
    GW = malloc(sizeof(double) * n * d);
    GV = malloc(sizeof(double) * n * C);
    P = malloc(sizeof(double) * n * d);
    rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, (unsigned long) seed);
    for (j = 0; j < m; j++)
        nrmz(Ws + j * d, d);
    for (j = 0; j < nr; j++)
        nrmz(Wr + j * d, d);
    for (j = 0; j < m; j++)
    {
        double *u = GW, p = 0.0;
        for (k = 0; k < d; k++)
            u[k] = gsl_ran_gaussian_ziggurat(rng, 1.0);
        for (k = 0; k < d; k++)
            p += u[k] * Ws[j * d + k];
        for (k = 0; k < d; k++)
            u[k] -= p * Ws[j * d + k];
        nrmz(u, d);
        for (k = 0; k < d; k++)
            W[j * d + k] = cos(a) * Ws[j * d + k] + sin(a) * u[k];
        nrmz(W + j * d, d);
        for (k = 0; k < C; k++)
            u[k] = gsl_ran_gaussian_ziggurat(rng, 1.0);
        p = vnorm_diff(u, NULL, C);
        for (k = 0; k < C; k++)
            V[j * C + k] = Vs[j * C + k] + dv * u[k] / p;
    }
    memcpy(W + m * d, Wr, sizeof(double) * nr * d);
    memcpy(V + m * C, Vr, sizeof(double) * nr * C);
    memcpy(W0, W, sizeof(double) * n * d);
    V0 = malloc(sizeof(double) * n * C);
    memcpy(V0, V, sizeof(double) * n * C);
    fvec = malloc(sizeof(double) * 4 * (d > C ? d : C));
    /* P: columns of W* and W_r^0 (Assumption 3 set) */
    memcpy(P, Ws, sizeof(double) * m * d);
    memcpy(P + m * d, Wr, sizeof(double) * nr * d);

    _tsa_lm_str(b1, sizeof b1, c.th0, 8);
    snprintf(buf, sizeof buf, "m = %zu teacher nodes, n = %zu students "
             "(%zu in the r-set), d = %zu, C = %zu, zero bias, x ~ N(0, I), "
             "theta0 = %s, initial u-angles %.6g, |dv_j^0| = %g, eta = %g, "
             "%ld steps; region for K: r-nodes move at most rho_r_max = %g",
             m, n, nr, d, C, b1, a, dv, eta, steps, rhomax);
    r->instance = strdup(buf);
    r->method = strdup(
        "Constants in Arb from the exact float64 weights (eps_d, eps_l over "
        "the columns of W* and W_r^0 with the kernels, K_d, K_l by "
        "branch-and-bound, C_0 <= 1/(4 F(theta0)), B_v, B_dv); conditions "
        "(41)-(42) read as 0 < gamma <= RHS, with C_{d,r} = K_d rho_r and "
        "rho_r a post-fixed point of eq. (70); a candidate (gamma, rho_r) is "
        "searched in float64 and proved in Arb; infeasibility is proved at "
        "rho_r = 0 (docs/claims-lm.md s. 6). Dynamics: float64 Euler steps "
        "of W' = P_perp(W* H* - W H), V' = L* V* - L V (the exact "
        "projected population gradient flow), compared rigorously with the "
        "bounds (1 - eta lambda gamma)^(t-1) x initial bound.");
    tsa_claim_add_hyp(r, "two layers, x ~ N(0, I), zero bias, unit |w_j| "
                      "(BN), n > m", n > m ? TSA_TRUE : TSA_FALSE,
                      "by construction (exact)");
    /* H2 */
    arb_zero(y);
    for (j = 0; j < m; j++)
    {
        _tsa_lm_angle(x, W + j * d, Ws + j * d, d, prec);
        arb_max(y, y, x, prec);
    }
    h2 = _tsa_lm_le(y, c.th0);
    _tsa_lm_str(b2, sizeof b2, y, 10);
    snprintf(buf, sizeof buf, "max_u theta_j^0 = %s vs theta0 = %s", b2, b1);
    tsa_claim_add_hyp(r, "theta_j^0 <= theta0 for j in [u]", h2, buf);
    /* region: Theta = max_{p != q} angle(p, q) + alpha_p + alpha_q */
    arb_set_d(x, rhomax / 2);
    arb_asin(ar, x, prec);
    arb_mul_2exp_si(ar, ar, 1);                   /* alpha_r */
    arb_max(Phi, c.th0, ar, prec);
    arb_zero(Theta);
    for (j = 0; j < n; j++)
        for (jp = j + 1; jp < n; jp++)
        {
            _tsa_lm_angle(x, P + j * d, P + jp * d, d, prec);
            arb_add(x, x, j < m ? c.th0 : ar, prec);
            arb_add(x, x, jp < m ? c.th0 : ar, prec);
            arb_max(Theta, Theta, x, prec);
        }
    arb_max(Theta, Theta, Phi, prec);
    {
        tsa_truth_t kd, kl;
        kd = _tsa_lm_kconst(&kup, &klo, &t1, &t2, &nbox, TSA_LM_PSI_D, Theta,
                            Phi, 1e-3, 100000, prec);
        kd_up = kup;
        kl = _tsa_lm_kconst(&kup, &klo, &t1, &t2, &nbox, TSA_LM_PSI_L, Theta,
                            Phi, 1e-3, 100000, prec);
        kl_up = kup;
        h3 = (kd == TSA_FALSE || kl == TSA_FALSE) ? TSA_FALSE
             : (kd == TSA_TRUE && kl == TSA_TRUE) ? TSA_TRUE : TSA_UNDECIDED;
        _tsa_lm_str(b2, sizeof b2, Theta, 8);
        _tsa_lm_str(b3, sizeof b3, Phi, 8);
        if (h3 == TSA_TRUE)
            snprintf(buf, sizeof buf, "region Theta = %s, Phi = %s: K_d <= "
                     "%.6g, K_l <= %.6g (rigorous)", b2, b3, kd_up, kl_up);
        else
            snprintf(buf, sizeof buf, "region Theta = %s: %s", b2,
                     h3 == TSA_FALSE ? ">= pi, no finite K" : "undecided");
        tsa_claim_add_hyp(r, "Assumption 2 on the region the nodes can "
                          "reach", h3, buf);
        arb_set_d(c.Kd, h3 == TSA_TRUE ? kd_up : 0.0);
        arb_set_d(c.Kl, h3 == TSA_TRUE ? kl_up : 0.0);
    }
    /* H4: Assumption 3 over W* and W_r^0 */
    {
        tsa_truth_t ed, el;
        char s1[80], s2[80];
        ed = _tsa_lm_eps(c.epsd, &e1, &e2, &eb, TSA_LM_PSI_D, P, n, d, 0, one,
                         prec);
        el = _tsa_lm_eps(c.epsl, &e1, &e2, &eb, TSA_LM_PSI_L, P, n, d, 0, one,
                         prec);
        h4 = (ed == TSA_FALSE || el == TSA_FALSE) ? TSA_FALSE
             : (ed == TSA_TRUE && el == TSA_TRUE) ? TSA_TRUE : TSA_UNDECIDED;
        _tsa_lm_str(s1, sizeof s1, c.epsd, 8);
        _tsa_lm_str(s2, sizeof s2, c.epsl, 8);
        snprintf(buf, sizeof buf, "over the %zu columns of W* and W_r^0: "
                 "eps_d = %s, eps_l = %s", n, s1, s2);
        tsa_claim_add_hyp(r, "Assumption 3 for all pairs of columns of W* "
                          "and W_r^0", h4, buf);
        json_object_set_new(r->data, "eps_d", json_string(s1));
        json_object_set_new(r->data, "eps_l", json_string(s2));
    }
    /* B_v, B_dv, kappa, d*0, l*0 */
    arb_zero(c.Bv);
    arb_zero(c.Bdv);
    for (j = 0; j < m; j++)
    {
        vnorm_diff_arb(x, Vs + j * C, NULL, C, prec);
        arb_max(c.Bv, c.Bv, x, prec);
        vnorm_diff_arb(x, V + j * C, Vs + j * C, C, prec);
        arb_max(c.Bdv, c.Bdv, x, prec);
    }
    for (j = m; j < n; j++)
    {
        vnorm_diff_arb(x, V + j * C, NULL, C, prec);
        arb_max(c.Bv, c.Bv, x, prec);
    }
    /* kappa = 2 C0 sin(th0/2) (1 + Bdv); C0 a parameter (default the
       bound 1/(4 F(th0)) >= C0min, docs/claims-lm.md s. 6a) */
    if ((st = t5_c0_hyp(r, x, params, file, c.th0, prec)))
        goto done;
    arb_mul_2exp_si(y, c.th0, -1);
    arb_sin(y, y, prec);
    arb_mul(c.kappa, x, y, prec);
    arb_mul_2exp_si(c.kappa, c.kappa, 1);
    arb_add(y, one, c.Bdv, prec);
    arb_mul(c.kappa, c.kappa, y, prec);
    arb_set_d(c.dmin, 0.5);
    arb_set_d(c.lmin, 0.5);                         /* r nodes: psi(w, w) */
    for (j = 0; j < m; j++)
    {
        _tsa_lm_angle(x, W + j * d, Ws + j * d, d, prec);
        _tsa_lm_psi_angle(y, TSA_LM_PSI_D, x, prec);
        arb_min(c.dmin, c.dmin, y, prec);
        _tsa_lm_psi_angle(y, TSA_LM_PSI_L, x, prec);
        arb_min(c.lmin, c.lmin, y, prec);
    }
    /* H5: feasibility */
    {
        static const double frac[] = {0.9, 0.7, 0.5, 0.3, 0.2, 0.1, 0.05,
                                      0.02, 0.01};
        size_t fi;
        int it;
        arb_t A0, B0;
        arb_init(A0);
        arb_init(B0);
        arb_one(gam);
        arb_zero(rho);
        (void) t5_conditions(A0, B0, rho_new, lam, &c, gam, rho, prec);
        arb_set(lam0, lam);
        if (h3 == TSA_TRUE && h4 == TSA_TRUE)
        {
            if (arb_is_nonpositive(A0) || arb_is_nonpositive(B0)
                || arb_is_nonpositive(lam0))
                h5 = TSA_FALSE;
            else
                for (fi = 0; fi < sizeof frac / sizeof frac[0]
                             && h5 != TSA_TRUE; fi++)
                {
                    double g = frac[fi] * fmin(arf_get_d(arb_midref(A0),
                                                         ARF_RND_DOWN),
                                               arf_get_d(arb_midref(B0),
                                                         ARF_RND_DOWN));
                    double rr = 0.0;
                    arb_set_d(gam, g);
                    for (it = 0; it < 200; it++)
                    {
                        double rn;
                        arb_set_d(rho, rr);
                        if (t5_conditions(A, B, rho_new, lam, &c, gam, rho,
                                          prec) == TSA_TRUE)
                        {
                            h5 = TSA_TRUE;
                            break;
                        }
                        rn = _tsa_lm_ubound_d(rho_new);
                        if (!(rn <= rhomax) || !(rn > rr * (1 + 1e-12)))
                        {
                            if (rn <= rhomax && rn > 0)
                                rr = rn * (1 + 1e-9);
                            else
                                break;
                        }
                        else
                            rr = rn * (1 + 1e-9);
                    }
                }
            if (h5 == TSA_TRUE && !(_tsa_lm_ubound_d(rho) <= rhomax))
                h5 = TSA_UNDECIDED;
        }
        else
            h5 = TSA_UNDECIDED;    /* not evaluated: K or eps unknown */
        if (h5 == TSA_TRUE)
        {
            char s1[80], s2[80], s3[80], s4[80];
            _tsa_lm_str(s1, sizeof s1, gam, 8);
            _tsa_lm_str(s2, sizeof s2, A, 8);
            _tsa_lm_str(s3, sizeof s3, B, 8);
            _tsa_lm_str(s4, sizeof s4, lam, 8);
            snprintf(buf, sizeof buf, "proved with gamma = %s <= (41) RHS = "
                     "%s and (42) RHS = %s, rho_r = %.6g >= eq. (70) value "
                     "%.6g, lambda = %s", s1, s2, s3, _tsa_lm_ubound_d(rho),
                     _tsa_lm_ubound_d(rho_new), s4);
            arb_set(best_gam, gam);
            arb_set(best_rho, rho);
            json_object_set_new(r->data, "gamma", json_string(s1));
            json_object_set_new(r->data, "lambda", json_string(s4));
        }
        else if (h3 != TSA_TRUE || h4 != TSA_TRUE)
            snprintf(buf, sizeof buf, "not evaluated: the constants K_d, K_l"
                     " (H3) and eps_d, eps_l (H4) are not established");
        else
        {
            char s1[80], s2[80], s3[80];
            _tsa_lm_str(s1, sizeof s1, A0, 8);
            _tsa_lm_str(s2, sizeof s2, B0, 8);
            _tsa_lm_str(s3, sizeof s3, lam0, 8);
            if (h5 == TSA_FALSE)
                snprintf(buf, sizeof buf, "infeasible (proved): at rho_r = 0 "
                         "(the most favourable value; both right sides and "
                         "lambda decrease in rho_r) (41) RHS = %s, (42) RHS = "
                         "%s, lambda = %s, and %s <= 0", s1, s2, s3,
                         arb_is_nonpositive(A0) ? "(41) RHS"
                         : arb_is_nonpositive(B0) ? "(42) RHS" : "lambda");
            else
                snprintf(buf, sizeof buf, "undecided: no gamma in (0, min "
                         "RHS] with a post-fixed point rho_r <= rho_r_max of "
                         "eq. (70) was found, although at rho_r = 0 the right"
                         " sides (41) %s and (42) %s and lambda = %s are not "
                         "proved <= 0", s1, s2, s3);
        }
        tsa_claim_add_hyp(r, "conditions (41)-(42) feasible: some gamma > 0 "
                          "below both right sides", h5, buf);
        arb_clear(A0);
        arb_clear(B0);
    }

    /* dynamics: the four bounds of the proof, each with its own first
       failure (time, node, value, bound at that step) */
    if (h5 == TSA_TRUE)
    {
        arb_mul(rate, lam, best_gam, prec);
        arb_mul(rate, rate, c.eta, prec);
        arb_sub(rate, one, rate, prec);
    }
    else
        arb_one(rate);
    arb_inv(bnd, rate, prec);                      /* rate^(t-1) at t = 0 */
    every = (size_t) (steps / 400 + 1);
    plot = malloc(sizeof(double) * 9 * (size_t) (steps / (long) every + 2));
    tlast = steps;
    {
        static const char *const kname[4] = {
            "W_u-contraction sin theta_j <= r^(t-1) sin theta0",
            "V_u-contraction |v_j - v*_j| <= r^(t-1) B_dv",
            "V_r-contraction |v_j| <= r^(t-1) B_v",
            "W_r-bound |w_j - w_j^0| <= rho_r"};
        long ft[4] = {-1, -1, -1, -1}, fj[4] = {-1, -1, -1, -1};
        tsa_truth_t ftr[4] = {TSA_TRUE, TSA_TRUE, TSA_TRUE, TSA_TRUE};
        char fval[4][80], fbnd[4][80];
        arb_t fx[4], fy[4];
        double vr0 = 0.0, vrT = 0.0, vrmin = INFINITY, vr_late = 0.0;
        long tmin = 0;
        arb_t sn0, rpow;
        int kk;
        arb_init(sn0);
        arb_init(rpow);
        for (kk = 0; kk < 4; kk++)
        {
            arb_init(fx[kk]);
            arb_init(fy[kk]);
        }
        arb_sin(sn0, c.th0, prec);
        for (j = m; j < n; j++)
            vr0 = fmax(vr0, vnorm_diff(V + j * C, NULL, C));
        for (t = 0; t <= steps; t++)
        {
            double mx[4] = {0.0, 0.0, 0.0, 0.0};
            if (h5 == TSA_TRUE && _tsa_lm_ubound_d(bnd) < floor_)
            {
                tlast = t - 1;
                break;
            }
            for (j = 0; j < n; j++)
            {
                for (kk = (j < m ? 0 : 2); kk < (j < m ? 2 : 4); kk++)
                {
                    tsa_truth_t cc;
                    if (kk == 0)
                    {
                        _tsa_lm_sin_angle(x, W + j * d, Ws + j * d, d, prec);
                        arb_mul(y, bnd, sn0, prec);
                    }
                    else if (kk == 1)
                    {
                        vnorm_diff_arb(x, V + j * C, Vs + j * C, C, prec);
                        arb_mul(y, bnd, c.Bdv, prec);
                    }
                    else if (kk == 2)
                    {
                        vnorm_diff_arb(x, V + j * C, NULL, C, prec);
                        arb_mul(y, bnd, c.Bv, prec);
                    }
                    else
                    {
                        vnorm_diff_arb(x, W + j * d, W0 + j * d, d, prec);
                        arb_set(y, best_rho);
                    }
                    mx[kk] = fmax(mx[kk], arf_get_d(arb_midref(x),
                                                    ARF_RND_NEAR));
                    cc = _tsa_lm_le(x, y);
                    if (h5 == TSA_TRUE && cc != TSA_TRUE
                        && ftr[kk] == TSA_TRUE)
                    {
                        /* independent recomputation of the bound at this
                           step: rate^(t-1) by arb_pow, not the product */
                        if (kk != 3)
                        {
                            arb_set_si(rpow, t - 1);
                            arb_pow(rpow, rate, rpow, prec);
                            if (!arb_overlaps(rpow, bnd))
                                cc = TSA_UNDECIDED;
                        }
                        ft[kk] = t;
                        fj[kk] = (long) j;
                        ftr[kk] = cc;
                        _tsa_lm_str(fval[kk], sizeof fval[kk], x, 8);
                        _tsa_lm_str(fbnd[kk], sizeof fbnd[kk], y, 8);
                        arb_set(fx[kk], x);
                        arb_set(fy[kk], y);
                        memcpy(fvec + (size_t) kk * (d > C ? d : C),
                               (kk == 1 || kk == 2) ? V + j * C : W + j * d,
                               sizeof(double) * ((kk == 1 || kk == 2) ? C
                                                                      : d));
                    }
                }
            }
            if (m < n)
            {
                if (mx[2] < vrmin)
                {
                    vrmin = mx[2];
                    tmin = t;
                }
                if (t == steps - steps / 10)
                    vr_late = mx[2];
            }
            if (t % (long) every == 0 || t == steps)
            {
                double b0 = arf_get_d(arb_midref(bnd), ARF_RND_NEAR);
                plot[9 * np] = (double) t;
                plot[9 * np + 1] = mx[0];
                plot[9 * np + 2] = b0 * arf_get_d(arb_midref(sn0), ARF_RND_NEAR);
                plot[9 * np + 3] = mx[1];
                plot[9 * np + 4] = b0 * arf_get_d(arb_midref(c.Bdv), ARF_RND_NEAR);
                plot[9 * np + 5] = mx[2];
                plot[9 * np + 6] = b0 * arf_get_d(arb_midref(c.Bv), ARF_RND_NEAR);
                plot[9 * np + 7] = mx[3];
                plot[9 * np + 8] = arf_get_d(arb_midref(best_rho), ARF_RND_NEAR);
                np++;
            }
            vrT = mx[2];
            if (t == steps)
                break;
            /* Euler step */
            for (j = 0; j < n; j++)
            {
                double *gw = GW + j * d, *gv = GV + j * C, p;
                const double *w = W + j * d, *v = V + j * C;
                memset(gw, 0, sizeof(double) * d);
                memset(gv, 0, sizeof(double) * C);
                for (jp = 0; jp < m; jp++)
                {
                    const double *ws = Ws + jp * d, *vs = Vs + jp * C;
                    double ds = tsa_kernel_psi_d_d(w, ws, d, 0, 1.0, 0.0);
                    double ls = tsa_kernel_psi_l_d(w, ws, d, 0, 1.0, 0.0);
                    double vv = 0.0;
                    for (k = 0; k < C; k++)
                        vv += v[k] * vs[k];
                    for (k = 0; k < d; k++)
                        gw[k] += ds * vv * ws[k];
                    for (k = 0; k < C; k++)
                        gv[k] += ls * vs[k];
                }
                for (jp = 0; jp < n; jp++)
                {
                    const double *w2 = W + jp * d, *v2 = V + jp * C;
                    double dd = tsa_kernel_psi_d_d(w, w2, d, 0, 1.0, 0.0);
                    double ll = tsa_kernel_psi_l_d(w, w2, d, 0, 1.0, 0.0);
                    double vv = 0.0;
                    for (k = 0; k < C; k++)
                        vv += v[k] * v2[k];
                    for (k = 0; k < d; k++)
                        gw[k] -= dd * vv * w2[k];
                    for (k = 0; k < C; k++)
                        gv[k] -= ll * v2[k];
                }
                p = 0.0;
                for (k = 0; k < d; k++)
                    p += w[k] * gw[k];
                for (k = 0; k < d; k++)
                    gw[k] -= p * w[k];
            }
            for (j = 0; j < n; j++)
            {
                for (k = 0; k < d; k++)
                    W[j * d + k] += eta * GW[j * d + k];
                nrmz(W + j * d, d);
                for (k = 0; k < C; k++)
                    V[j * C + k] += eta * GV[j * C + k];
            }
            arb_mul(bnd, bnd, rate, prec);
        }
        json_object_set_new(r->data, "V_r_initial", json_real(vr0));
        json_object_set_new(r->data, "V_r_final", json_real(vrT));
        /* what is observed of V_r, stated without claiming convergence */
        {
            char obs[400];
            if (m < n)
                snprintf(obs, sizeof obs, "observed max_r |v_j|: %.3e at t ="
                         " 0, %.3e at t = %ld (last step compared), minimum "
                         "%.3e at t = %ld, %.3e at t = %ld (%s)", vr0, vrT,
                         tlast, vrmin, tmin, vr_late, steps - steps / 10,
                         vrT > 0.5 * vr_late && tlast >= steps
                         ? "levels off: V_r -> 0 is NOT observed"
                         : "still decreasing over the last 10% of the run");
            else
                snprintf(obs, sizeof obs, "no r-set");
            if (h5 != TSA_TRUE)
            {
                concl = TSA_UNDECIDED;
                snprintf(buf, sizeof buf, "no rate to compare with (conditions"
                         " (41)-(42) not proved); %s after %ld steps", obs,
                         steps);
            }
            else
            {
                size_t L;
                long first = -1;
                concl = TSA_TRUE;
                for (kk = 0; kk < 4; kk++)
                    if (ftr[kk] == TSA_FALSE)
                        concl = TSA_FALSE;
                    else if (ftr[kk] == TSA_UNDECIDED && concl == TSA_TRUE)
                        concl = TSA_UNDECIDED;
                for (kk = 0; kk < 4; kk++)
                    if (ftr[kk] != TSA_TRUE && (first < 0 || ft[kk] < ft[first]))
                        first = kk;
                if (concl == TSA_TRUE)
                    snprintf(buf, sizeof buf, "all four bounds hold at t = 0 "
                             ".. %ld%s; %s", tlast, tlast < steps
                             ? " (later steps below the float64 floor)" : "",
                             obs);
                else
                {
                    snprintf(buf, sizeof buf, "first failing bound: %s at t = "
                             "%ld (node %ld: %s vs bound %s)", kname[first],
                             ft[first], fj[first], fval[first], fbnd[first]);
                    for (kk = 0; kk < 4; kk++)
                    {
                        L = strlen(buf);
                        if (kk == first)
                            continue;
                        if (ftr[kk] != TSA_TRUE)
                            snprintf(buf + L, sizeof buf - L, "; %s %s first "
                                     "at t = %ld (node %ld: %s vs %s)",
                                     kname[kk], ftr[kk] == TSA_FALSE
                                     ? "fails" : "undecided", ft[kk], fj[kk],
                                     fval[kk], fbnd[kk]);
                        else
                            snprintf(buf + L, sizeof buf - L, "; %s holds at"
                                     " t = 0 .. %ld", kname[kk], tlast);
                    }
                    L = strlen(buf);
                    snprintf(buf + L, sizeof buf - L, "; %s", obs);
                    json_object_set_new(r->data, "first_failing_bound",
                                        json_string(kname[first]));
                    json_object_set_new(r->data, "first_failure_t",
                                        json_integer(ft[first]));
                    json_object_set_new(r->data, "first_failure_value",
                                        json_string(fval[first]));
                    json_object_set_new(r->data, "first_failure_bound",
                                        json_string(fbnd[first]));
                    if (ftr[first] == TSA_FALSE)
                    {
                        t5w_t q = {m, n, d, C, Ws, Vs, V0, W0};
                        r->witness = thm5_witness(first, ft[first],
                            fj[first], &q, c.th0, rate, best_rho,
                            fx[first], fy[first],
                            fvec + (size_t) first * (d > C ? d : C));
                    }
                }
                for (kk = 0; kk < 4; kk++)
                    if (ftr[kk] != TSA_TRUE)
                    {
                        static const char *const key[4] = {
                            "W_u_first_failure_t", "V_u_first_failure_t",
                            "V_r_first_failure_t", "W_r_first_failure_t"};
                        json_object_set_new(r->data, key[kk],
                                            json_integer(ft[kk]));
                    }
            }
        }
        arb_clear(sn0);
        arb_clear(rpow);
        for (kk = 0; kk < 4; kk++)
        {
            arb_clear(fx[kk]);
            arb_clear(fy[kk]);
        }
    }
    {
        static const char *const names[] = {
            "max_u sin theta_j", "bound r^(t-1) sin theta0",
            "max_u |v_j - v*_j|", "bound r^(t-1) B_dv",
            "max_r |v_j|", "bound r^(t-1) B_v",
            "max_r |w_j - w_j^0|", "rho_r (W_r bound)"};
        if (r->id != NULL
            && _tsa_lm_plot(png, sizeof png, tsa_claim_plot_dir(r), r->id, "vr",
                            "LM Thm 5: the four bounds of the proof",
                            "step t", "norm", names, plot, np, 9, 1))
        {
            snprintf(buf + strlen(buf), sizeof buf - strlen(buf),
                     "; plot %s", png);
            json_object_set_new(r->data, "plot", json_string(png));
        }
    }
    tsa_claim_set_concl(r, "W_u -> W*, V_u -> V*, V_r -> 0 with rate "
                        "r = 1 - eta lambda gamma, i.e. the proof's bounds "
                        "(W_u-, V_u-, V_r-contraction, W_r-bound) along the "
                        "run", concl, buf);
done:
    free(Ws); free(Vs); free(Wr); free(Vr); free(W); free(V); free(W0);
    free(GW); free(GV); free(P); free(plot); free(V0); free(fvec);
    if (rng)
        gsl_rng_free(rng);
    arb_clear(c.th0); arb_clear(c.Kd); arb_clear(c.Kl); arb_clear(c.epsd);
    arb_clear(c.epsl); arb_clear(c.Bv); arb_clear(c.Bdv); arb_clear(c.kappa);
    arb_clear(c.dmin); arb_clear(c.lmin); arb_clear(c.eta);
    arb_clear(x); arb_clear(y); arb_clear(Theta); arb_clear(Phi);
    arb_clear(ar); arb_clear(gam); arb_clear(rho); arb_clear(A); arb_clear(B);
    arb_clear(rho_new); arb_clear(lam); arb_clear(rate); arb_clear(bnd);
    arb_clear(one); arb_clear(best_gam); arb_clear(best_rho);
    arb_clear(lam0);
    return st;
}
