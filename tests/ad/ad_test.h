/* ad_test.h -- independent references for the ad tests (never the code
 * under test): the closed forms of F evaluated naively as arb_poly Taylor
 * series at high precision (derivatives by series arithmetic), alternative
 * forms of G, and the Gaussian expectation as a quadrature in polar
 * coordinates. */
#ifndef TSA_AD_TEST_H
#define TSA_AD_TEST_H

#include "tsa_test.h"

#define AD_NACT 4

static inline tsa_ad_act_t
ad_rand_act(flint_rand_t st)
{
    return (tsa_ad_act_t) n_randint(st, AD_NACT);
}

/* Exact leaky slope in [0, 1), biased to 0, tiny and 1 - tiny. */
static inline void
ad_rand_c(arb_t c, flint_rand_t st)
{
    switch (n_randint(st, 6))
    {
    case 0:
        arb_zero(c);
        break;
    case 1:
        arb_one(c);
        arb_mul_2exp_si(c, c, -(slong) n_randint(st, 60) - 1);
        break;
    case 2: /* 1 - 2^-k */
        arb_one(c);
        arb_mul_2exp_si(c, c, -(slong) n_randint(st, 50) - 1);
        arb_sub_ui(c, c, 1, ARF_PREC_EXACT);
        arb_neg(c, c);
        break;
    default:
        arb_set_d(c, tsa_test_randd(st, 0.0, 0.99));
    }
}

/* Exact theta in [0, pi), biased to 0, tiny, near pi, doubles. */
static inline void
ad_rand_theta(arb_t x, flint_rand_t st)
{
    arb_t pi;
    arf_t u;
    arb_init(pi);
    arf_init(u);
    switch (n_randint(st, 8))
    {
    case 0:
        arb_zero(x);
        break;
    case 1: /* tiny */
        arb_set_d(x, tsa_test_randd(st, 0.5, 1.0));
        arb_mul_2exp_si(x, x, -(slong) n_randint(st, 300));
        break;
    case 2: /* pi rounded down to 2..300 bits */
    case 3:
        arb_const_pi(pi, 400);
        arb_get_lbound_arf(u, pi, 2 + n_randint(st, 300));
        arb_set_arf(x, u);
        break;
    case 4: /* pi - 2^-k * v, v in [0.5, 1] */
        arb_const_pi(pi, 400);
        arb_get_lbound_arf(u, pi, 60 + n_randint(st, 200));
        arb_set_d(x, tsa_test_randd(st, 0.5, 1.0));
        arb_mul_2exp_si(x, x, -(slong) n_randint(st, 50) - 1);
        arb_sub_arf(x, x, u, ARF_PREC_EXACT);
        arb_neg(x, x);
        break;
    case 5: /* the double nearest pi (below pi) and a few below it */
        arb_set_d(x, 3.141592653589793116 - n_randint(st, 3) * 4.44e-16);
        break;
    default: /* a double in [0, 3.14] or a random-bit number */
        if (n_randint(st, 2))
            arb_set_d(x, tsa_test_randd(st, 0.0, 3.14));
        else
        {
            arb_urandom(x, st, 2 + n_randint(st, 200));
            mag_zero(arb_radref(x)); /* keep the exact midpoint */
            arb_mul_ui(x, x, 3, ARF_PREC_EXACT);
        }
    }
    arb_clear(pi);
    arf_clear(u);
}

/* Naive closed forms as series in t of J(t0 + t) = 2 pi F(t0 + t), where
 * the argument is x = t0 + t, or (at_pi) x = pi + t with pi - x = -t kept
 * exact.  Leaky uses the first form (1 + c^2) J(x) - 2 c J(pi - x), not
 * the code's (1 - c)^2 J + 2 pi c cos. */
static inline void
ad_relu_J_series(arb_poly_t J, const arb_poly_t x, const arb_poly_t d,
                 slong len, slong prec)
{
    /* J(x) = sin x + (pi - x) cos x */
    arb_poly_t s, co;
    arb_poly_init(s);
    arb_poly_init(co);
    arb_poly_sin_cos_series(s, co, x, len, prec);
    arb_poly_mullow(co, co, d, len, prec);
    arb_poly_add(J, s, co, prec);
    arb_poly_clear(s);
    arb_poly_clear(co);
}

static inline void
ad_naive_F_series(arb_poly_t res, const arb_t t0, int at_pi, slong len,
                  tsa_ad_act_t act, const arb_t c, slong prec)
{
    arb_poly_t x, d, s, co, u, v;
    arb_t pi2, w;
    arb_poly_init(x);
    arb_poly_init(d);
    arb_poly_init(s);
    arb_poly_init(co);
    arb_poly_init(u);
    arb_poly_init(v);
    arb_init(pi2);
    arb_init(w);
    arb_const_pi(pi2, prec);
    if (at_pi)
    {
        arb_poly_set_coeff_arb(x, 0, pi2);
        arb_poly_set_coeff_si(d, 1, -1);
    }
    else
    {
        arb_poly_set_coeff_arb(x, 0, t0);
        arb_sub(w, pi2, t0, prec);
        arb_poly_set_coeff_arb(d, 0, w);
        arb_poly_set_coeff_si(d, 1, -1);
    }
    arb_poly_set_coeff_si(x, 1, 1);
    arb_mul_2exp_si(pi2, pi2, 1);
    if (at_pi)
    {
        /* sin(pi + t) = -sin t, cos(pi + t) = -cos t, exact zeros */
        arb_poly_t y;
        arb_poly_init(y);
        arb_poly_set_coeff_si(y, 1, 1);
        arb_poly_sin_cos_series(s, co, y, len, prec);
        arb_poly_neg(s, s);
        arb_poly_neg(co, co);
        arb_poly_clear(y);
    }
    else
        arb_poly_sin_cos_series(s, co, x, len, prec);

    switch (act)
    {
    case TSA_AD_RELU:
        arb_poly_mullow(u, d, co, len, prec);
        arb_poly_add(res, s, u, prec);
        break;
    case TSA_AD_LEAKY:
        arb_poly_mullow(u, d, co, len, prec);
        arb_poly_add(u, s, u, prec); /* J(x) */
        /* J(pi - x) = sin(pi - x) + x cos(pi - x) = sin x - x cos x */
        arb_poly_mullow(v, x, co, len, prec);
        arb_poly_sub(v, s, v, prec);
        arb_sqr(w, c, prec);
        arb_add_ui(w, w, 1, prec);
        arb_poly_scalar_mul(u, u, w, prec);
        arb_mul_2exp_si(w, c, 1);
        arb_poly_scalar_mul(v, v, w, prec);
        arb_poly_sub(res, u, v, prec);
        break;
    case TSA_AD_ARCCOS0:
        arb_poly_set(res, d);
        break;
    default: /* 3 sin cos + (pi - x)(1 + 2 cos^2) */
        arb_poly_mullow(u, s, co, len, prec);
        arb_poly_scalar_mul_2exp_si(v, u, 1);
        arb_poly_add(u, u, v, prec);
        arb_poly_mullow(v, co, co, len, prec);
        arb_poly_scalar_mul_2exp_si(v, v, 1);
        arb_poly_add_si(v, v, 1, prec);
        arb_poly_mullow(v, v, d, len, prec);
        arb_poly_add(res, u, v, prec);
    }
    arb_poly_truncate(res, len);
    arb_poly_scalar_div(res, res, pi2, prec);

    arb_poly_clear(x);
    arb_poly_clear(d);
    arb_poly_clear(s);
    arb_poly_clear(co);
    arb_poly_clear(u);
    arb_poly_clear(v);
    arb_clear(pi2);
    arb_clear(w);
}

/* Naive G series from the alternative closed forms:
 *   ReLU (pi - x)/(2 pi); leaky ((1 + c^2)(pi - x) + 2 c x)/(2 pi);
 *   arccos0 1/(2 pi sin x); arccos2 4 J_relu(x)/(2 pi). */
static inline void
ad_naive_G_series(arb_poly_t res, const arb_t t0, slong len,
                  tsa_ad_act_t act, const arb_t c, slong prec)
{
    arb_poly_t x, d, u;
    arb_t pi2, w;
    arb_poly_init(x);
    arb_poly_init(d);
    arb_poly_init(u);
    arb_init(pi2);
    arb_init(w);
    arb_const_pi(pi2, prec);
    arb_poly_set_coeff_arb(x, 0, t0);
    arb_poly_set_coeff_si(x, 1, 1);
    arb_sub(w, pi2, t0, prec);
    arb_poly_set_coeff_arb(d, 0, w);
    arb_poly_set_coeff_si(d, 1, -1);
    arb_mul_2exp_si(pi2, pi2, 1);
    switch (act)
    {
    case TSA_AD_RELU:
        arb_poly_set(res, d);
        break;
    case TSA_AD_LEAKY:
        arb_sqr(w, c, prec);
        arb_add_ui(w, w, 1, prec);
        arb_poly_scalar_mul(u, d, w, prec);
        arb_mul_2exp_si(w, c, 1);
        arb_poly_scalar_mul(res, x, w, prec);
        arb_poly_add(res, res, u, prec);
        break;
    case TSA_AD_ARCCOS0:
        arb_poly_sin_series(u, x, len, prec);
        arb_poly_inv_series(res, u, len, prec);
        break;
    default:
        ad_relu_J_series(res, x, d, len, prec);
        arb_poly_scalar_mul_2exp_si(res, res, 2);
    }
    arb_poly_truncate(res, len);
    arb_poly_scalar_div(res, res, pi2, prec);
    arb_poly_clear(x);
    arb_poly_clear(d);
    arb_poly_clear(u);
    arb_clear(pi2);
    arb_clear(w);
}

/* k-th derivative (k = 0, 1, 2) of F, or G (k = 3), at exact t by the
 * naive series, raising precision until the reference has relative
 * accuracy goal bits (or is exactly 0); cap 2^16 bits. */
static inline void
ad_naive(arb_t res, int k, const arb_t t, tsa_ad_act_t act, const arb_t c,
         slong goal)
{
    arb_poly_t P;
    slong p;
    arb_poly_init(P);
    for (p = goal + 64;; p = 2 * p)
    {
        if (k == 3)
        {
            ad_naive_G_series(P, t, 1, act, c, p);
            arb_poly_get_coeff_arb(res, P, 0);
        }
        else
        {
            ad_naive_F_series(P, t, 0, k + 1, act, c, p);
            arb_poly_get_coeff_arb(res, P, k);
            if (k == 2)
                arb_mul_2exp_si(res, res, 1);
        }
        if (arb_is_zero(res) || arb_rel_accuracy_bits(res) >= goal
            || p > 65536)
            break;
    }
    arb_poly_clear(P);
}

/* Quadrature reference: with X = r cos phi, Z = r sin phi and
 * sigma positively homogeneous of degree p,
 *   F(t) = E[r^(2p)] / (2 pi) * int_{-pi/2}^{3 pi/2}
 *            sigma(cos phi) sigma(cos(phi - t)) dphi,  E[r^(2p)] = 2^p p!,
 * split at t - pi/2, pi/2, t + pi/2 so that each piece is entire. */
typedef struct
{
    tsa_ad_act_t act;
    arb_srcptr c;
    acb_t t, A, W;
    int pos1, pos2;
} ad_quad_param;

static inline void
ad_piece(acb_t r, const acb_t z, int pos, tsa_ad_act_t act, arb_srcptr c,
         slong prec)
{
    switch (act)
    {
    case TSA_AD_RELU:
        if (pos)
            acb_set(r, z);
        else
            acb_zero(r);
        break;
    case TSA_AD_LEAKY:
        if (pos)
            acb_set(r, z);
        else
            acb_mul_arb(r, z, c, prec);
        break;
    case TSA_AD_ARCCOS0:
        if (pos)
            acb_one(r);
        else
            acb_zero(r);
        break;
    default:
        if (pos)
            acb_sqr(r, z, prec);
        else
            acb_zero(r);
    }
}

static inline int
ad_quad_f(acb_ptr out, const acb_t s, void *param, slong order, slong prec)
{
    ad_quad_param *q = (ad_quad_param *) param;
    acb_t phi, z1, z2;
    (void) order; /* entire integrand */
    acb_init(phi);
    acb_init(z1);
    acb_init(z2);
    acb_mul(phi, q->W, s, prec);
    acb_add(phi, phi, q->A, prec);
    acb_cos(z1, phi, prec);
    acb_sub(phi, phi, q->t, prec);
    acb_cos(z2, phi, prec);
    ad_piece(z1, z1, q->pos1, q->act, q->c, prec);
    ad_piece(z2, z2, q->pos2, q->act, q->c, prec);
    acb_mul(out, z1, z2, prec);
    acb_mul(out, out, q->W, prec);
    acb_clear(phi);
    acb_clear(z1);
    acb_clear(z2);
    return 0;
}

static inline void
ad_quad_F(arb_t res, const arb_t t, tsa_ad_act_t act, const arb_t c,
          slong prec)
{
    ad_quad_param q;
    acb_t br[5], a, b, seg, sum;
    arb_t pi;
    mag_t tol;
    int i;
    static const int pos1[4] = {1, 1, 0, 0}, pos2[4] = {0, 1, 1, 0};

    acb_init(q.t);
    acb_init(q.A);
    acb_init(q.W);
    for (i = 0; i < 5; i++)
        acb_init(br[i]);
    acb_init(a);
    acb_init(b);
    acb_init(seg);
    acb_init(sum);
    arb_init(pi);
    mag_init(tol);

    q.act = act;
    q.c = c;
    acb_set_arb(q.t, t);
    arb_const_pi(pi, prec);
    arb_mul_2exp_si(pi, pi, -1); /* pi/2 */
    acb_set_arb(br[2], pi);
    acb_neg(br[0], br[2]);
    acb_mul_ui(br[4], br[2], 3, prec);
    acb_sub(br[1], q.t, br[2], prec);
    acb_add(br[3], q.t, br[2], prec);
    acb_zero(a);
    acb_one(b);
    mag_set_ui_2exp_si(tol, 1, -prec);
    acb_zero(sum);
    for (i = 0; i < 4; i++)
    {
        q.pos1 = pos1[i];
        q.pos2 = pos2[i];
        if (act != TSA_AD_LEAKY && !(q.pos1 && q.pos2))
            continue;
        acb_set(q.A, br[i]);
        acb_sub(q.W, br[i + 1], br[i], prec);
        acb_calc_integrate(seg, ad_quad_f, &q, a, b, prec, tol, NULL, prec);
        acb_add(sum, sum, seg, prec);
    }
    /* times E[r^(2p)] / (2 pi) = 2^p p! / (2 pi) */
    arb_mul_2exp_si(pi, pi, 2);
    arb_div(res, acb_realref(sum), pi, prec);
    if (act == TSA_AD_RELU || act == TSA_AD_LEAKY)
        arb_mul_2exp_si(res, res, 1);
    else if (act == TSA_AD_ARCCOS2)
        arb_mul_2exp_si(res, res, 3);

    acb_clear(q.t);
    acb_clear(q.A);
    acb_clear(q.W);
    for (i = 0; i < 5; i++)
        acb_clear(br[i]);
    acb_clear(a);
    acb_clear(b);
    acb_clear(seg);
    acb_clear(sum);
    arb_clear(pi);
    mag_clear(tol);
}

/* The inputs of the current iteration, printed by the checks below on
 * failure (the Arb/FLINT test convention: every input at full precision). */
static char ad_note_buf[4096];

static inline void
ad_note(slong prec, tsa_ad_act_t act, const arb_t t, const arb_t c)
{
    char *ts = arb_get_str(t, 1000, ARB_STR_MORE);
    char *cs = arb_get_str(c, 40, ARB_STR_MORE);
    snprintf(ad_note_buf, sizeof ad_note_buf,
                   "prec %ld act %s theta %s c %s", (long) prec,
                   tsa_ad_act_name(act), ts, cs);
    flint_free(ts);
    flint_free(cs);
}

static inline void
ad_contains(const char *label, const arb_t res, const arb_t ref, slong iter)
{
    if (!arb_contains(res, ref))
        printf("# inputs: %s\n", ad_note_buf);
    tsa_test_contains(label, res, ref, iter);
}

static inline void
ad_overlaps(const char *label, const arb_t res, const arb_t ref, slong iter)
{
    if (!arb_overlaps(res, ref))
        printf("# inputs: %s\n", ad_note_buf);
    tsa_test_overlaps(label, res, ref, iter);
}

static inline void
ad_accurate(const char *label, const arb_t res, slong bits, slong iter)
{
    if (!arb_is_finite(res) || arb_rel_accuracy_bits(res) < bits)
        printf("# inputs: %s\n", ad_note_buf);
    tsa_test_accurate(label, res, bits, iter);
}

/* Containment of an exact reference, overlap of a ball reference: the
 * true value lies in both balls, so overlap is what can be asserted; the
 * tightness checks make it a strong test. */
static inline void
ad_check(const char *label, const arb_t res, const arb_t ref, slong iter)
{
    if (arb_is_exact(ref))
        ad_contains(label, res, ref, iter);
    else
        ad_overlaps(label, res, ref, iter);
}

/* A random ball around an exact theta: radius 2^-e, e in [0, 60], with
 * the mid possibly outside [0, pi]. */
static inline void
ad_rand_ball(arb_t x, flint_rand_t st)
{
    ad_rand_theta(x, st);
    if (n_randint(st, 4) == 0)
        arb_set_d(x, tsa_test_randd(st, -0.5, 3.7));
    mag_set_ui_2exp_si(arb_radref(x), 1, -(slong) n_randint(st, 61));
}

/* An exact point of x n [0, pi): mid + u rad, u in {-1, 1, random};
 * returns 0 if the point falls outside [0, pi_lower]. */
static inline int
ad_point_in_ball(arb_t p, const arb_t x, flint_rand_t st)
{
    arb_t r, pi;
    int ok;
    arb_init(r);
    arb_init(pi);
    arf_set_mag(arb_midref(r), arb_radref(x));
    switch (n_randint(st, 3))
    {
    case 0:
        break;
    case 1:
        arb_neg(r, r);
        break;
    default:
        arb_set_d(pi, tsa_test_randd(st, -1.0, 1.0));
        arb_mul(r, r, pi, ARF_PREC_EXACT);
    }
    arb_set_arf(p, arb_midref(x));
    arb_add(p, p, r, ARF_PREC_EXACT);
    arb_const_pi(pi, 200);
    ok = arb_is_nonnegative(p) && arb_lt(p, pi);
    arb_clear(r);
    arb_clear(pi);
    return ok;
}

#endif
