/* lm_a2bias.c -- checker lm_lipschitz for units WITH bias (params.W):
 * Assumption 2, relative form, for psi_d near the given units
 * (docs/claims-lm.md s. 2c).  Upper bound: _tsa_lm_kd_caps (rigorous,
 * Euclidean balls of chord radius 2 sin(theta0/2) around the unit rows);
 * lower bound: the ratio at exact sample points inside the caps (each
 * point's angle to its centre proved <= theta0), so the best K_d of the
 * region lies in [lower, upper]. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include "lm_impl.h"

static void
a2b_unit(double *w, size_t n)
{
    double s = 0.0;
    size_t k;
    for (k = 0; k < n; k++)
        s += w[k] * w[k];
    s = sqrt(s);
    for (k = 0; k < n; k++)
        w[k] /= s;
}

/* a unit point at angle <= a (uniform in [0, a]) from the unit c */
static void
a2b_point(double *p, const double *c, size_t n, double a, gsl_rng *rng)
{
    double q = 0.0, s = a * gsl_rng_uniform(rng);
    size_t k;
    for (k = 0; k < n; k++)
        p[k] = gsl_ran_gaussian_ziggurat(rng, 1.0);
    for (k = 0; k < n; k++)
        q += p[k] * c[k];
    for (k = 0; k < n; k++)
        p[k] -= q * c[k];
    a2b_unit(p, n);
    for (k = 0; k < n; k++)
        p[k] = cos(s) * c[k] + sin(s) * p[k];
    a2b_unit(p, n);
}

/* largest proved-lower ratio over samples; *ok = 0 when a point could not
 * be proved inside its cap (it is then skipped) */
static double
a2b_lower(const double *C, size_t m, size_t d, const arb_t th0, double a,
          long samples, unsigned long seed, slong prec)
{
    size_t n = d + 1, i, j;
    long s;
    double best = 0.0, *w = malloc(sizeof(double) * 3 * n), *w1 = w + n,
           *w2 = w + 2 * n;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    arb_t q, t;
    arb_init(q);
    arb_init(t);
    gsl_rng_set(rng, seed);
    for (s = 0; s < samples; s++)
        for (i = 0; i < m; i++)
            for (j = 0; j < m; j++)
            {
                a2b_point(w, C + i * n, n, a, rng);
                a2b_point(w1, C + j * n, n, a, rng);
                a2b_point(w2, C + j * n, n, a, rng);
                _tsa_lm_angle(t, w, C + i * n, n, prec);
                if (_tsa_lm_le(t, th0) != TSA_TRUE)
                    continue;
                _tsa_lm_angle(t, w1, C + j * n, n, prec);
                if (_tsa_lm_le(t, th0) != TSA_TRUE)
                    continue;
                _tsa_lm_angle(t, w2, C + j * n, n, prec);
                if (_tsa_lm_le(t, th0) != TSA_TRUE)
                    continue;
                _tsa_lm_kd_ratio_pt(q, w, w1, w2, d, prec);
                if (arb_is_finite(q))
                    best = fmax(best, _tsa_lm_lbound_d(q));
            }
    gsl_rng_free(rng);
    arb_clear(q);
    arb_clear(t);
    free(w);
    return best;
}

int
_tsa_lm_lipschitz_bias(tsa_claim_result_t r, const json_t *params,
                       const char *file, slong prec)
{
    double *C = NULL, klo, kup, a;
    size_t m, n, d, i;
    long samples, seed, ki = -1, kj = -1;
    int st, hask = json_object_get(params, "K_d") != NULL;
    arb_t th0, rho, K, Kc;
    tsa_truth_t h, c;
    char buf[1200], s0[80], s1[80];

    arb_init(th0); arb_init(rho); arb_init(K); arb_init(Kc);
    if ((st = _tsa_lm_get_matrix(&C, &m, &n, params, "W", file))
        || (st = _tsa_lm_get_arb(th0, params, "theta0", NULL, file, prec))
        || (hask && (st = _tsa_lm_get_arb(Kc, params, "K_d", NULL, file,
                                          prec)))
        || (st = _tsa_lm_get_int(&samples, params, "samples", 20, 0,
                                 100000, file))
        || (st = _tsa_lm_get_int(&seed, params, "seed", 1, 0, 1L << 40,
                                 file)))
        goto done;
    if (n < 2 || m > 100 || n > 1001
        || (double) samples * (double) (m * m) * (double) n > 1e8)
    {
        st = TSA_ERROR(TSA_EFORMAT, "%s: params.W: 1..100 rows of length d "
                       "+ 1 in 2..1001 (samples x m^2 x (d + 1) <= 1e8)",
                       file);
        goto done;
    }
    if (!arb_is_positive(th0) || arf_cmp_d(arb_midref(th0), 1.0) > 0)
    {
        st = TSA_ERROR(TSA_EFORMAT, "%s: params.theta0: in (0, 1]", file);
        goto done;
    }
    d = n - 1;
    for (i = 0; i < m; i++)
    {
        size_t k;
        double q = 0.0;
        for (k = 0; k < d; k++)
            q += C[i * n + k] * C[i * n + k];
        if (!(q > 0.0))
        {
            st = TSA_ERROR(TSA_EFORMAT, "%s: params.W[%zu]: input weights "
                           "are zero", file, i);
            goto done;
        }
        a2b_unit(C + i * n, n);
    }
    _tsa_lm_str(s0, sizeof s0, th0, 8);
    snprintf(buf, sizeof buf, "ReLU units with bias u = (ut, b) acting on "
             "[x; 1], x ~ N(0, I_%zu); %zu centres (the rows of W, "
             "normalised in R^%zu); region: w within angle theta0 = %s of a "
             "centre, w1, w2 within theta0 of a common centre", d, m, n, s0);
    r->instance = strdup(buf);
    r->method = strdup(
        "Relative form of LM eq. (8) for psi_d (as Lemma 2 uses it): upper "
        "bound sup |grad_u psi_d| / inf psi_d over Euclidean balls of chord "
        "radius 2 sin(theta0/2) around the centres, per ordered pair of "
        "centres, enclosed in Arb over one (h, k, theta) box with the closed "
        "forms of dG/dtheta and dG/dk (docs/claims-lm.md s. 2b, rigorous, "
        "not tight); lower bound: the ratio at exact sample points proved to "
        "lie in the caps. psi_l (K_l) of biased units is not covered.");
    tsa_claim_add_hyp(r, "x ~ N(0, I), ReLU, units with bias on [x; 1], "
                      "unit |(ut, b)|", TSA_TRUE, "by construction (exact)");
    arb_mul_2exp_si(rho, th0, -1);
    arb_sin(rho, rho, prec);
    arb_mul_2exp_si(rho, rho, 1);
    h = _tsa_lm_kd_caps(K, &ki, &kj, C, m, d, rho, prec);
    snprintf(buf, sizeof buf, "inf psi_d(w, w1) > 0 %s on every box (worst "
             "pair of centres %ld, %ld)", h == TSA_TRUE ? "proved"
             : "NOT proved", ki, kj);
    tsa_claim_add_hyp(r, "psi_d(w, w1) > 0 on the region", h, buf);
    kup = h == TSA_TRUE ? _tsa_lm_ubound_d(K) : INFINITY;
    a = 0.999 * arf_get_d(arb_midref(th0), ARF_RND_DOWN);
    klo = a2b_lower(C, m, d, th0, a, samples, (unsigned long) seed, prec);
    if (h != TSA_TRUE)
        c = TSA_UNDECIDED;
    else if (!hask)
        c = TSA_TRUE;
    else
    {
        arb_set_d(K, kup);
        c = _tsa_lm_le(K, Kc);
        arb_set_d(K, klo);
        if (c != TSA_TRUE && arb_gt(K, Kc))
            c = TSA_FALSE;
        else if (c != TSA_TRUE)
            c = TSA_UNDECIDED;
    }
    _tsa_lm_str(s1, sizeof s1, Kc, 10);
    snprintf(buf, sizeof buf, "K_d <= %.9g (rigorous upper bound, pair of "
             "centres %ld, %ld); K_d >= %.9g (ratio at an exact point in the "
             "caps, %ld samples per ordered pair)%s%s", kup, ki, kj, klo,
             samples, hask ? "; claimed K_d = " : "", hask ? s1 : "");
    json_object_set_new(r->data, "K_d_upper", json_real(kup));
    json_object_set_new(r->data, "K_d_lower", json_real(klo));
    tsa_claim_set_concl(r, hask ? "Assumption 2 (psi_d) holds on the caps "
                                  "with the claimed K_d"
                                : "Assumption 2 (psi_d) holds on the caps "
                                  "with a finite K_d", c, buf);
done:
    free(C);
    arb_clear(th0); arb_clear(rho); arb_clear(K); arb_clear(Kc);
    return st;
}
