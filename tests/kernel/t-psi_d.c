/* t-psi_d.c -- tsa_kernel_psi_d against the independent reduction of
 * kref.c, zero-bias closed form, range, ball inputs, domain errors. */
#include "kref.h"
#include <math.h>
#include <string.h>

#define DMAX 4

START_TEST(t_ref)
{
    flint_rand_t st;
    arb_ptr w, u;
    arb_t s, c, r, ref;
    slong iter;
    tsa_test_seed(st);
    w = _arb_vec_init(DMAX + 1);
    u = _arb_vec_init(DMAX + 1);
    arb_init(s);
    arb_init(c);
    arb_init(r);
    arb_init(ref);
    for (iter = 0; iter < 25 * tsa_test_multiplier(); iter++)
    {
        slong d = 1 + n_randint(st, DMAX), prec = 30 + n_randint(st, 200);
        int bias = n_randint(st, 4) != 0;
        kref_rand_pair(w, u, d, bias, s, c, st);
        if ((_arb_vec_is_zero(w, d) && (!bias || arb_is_zero(w + d)))
            || (_arb_vec_is_zero(u, d) && (!bias || arb_is_zero(u + d))))
            continue; /* sigma'(0) convention: tested in t_zero_weight */
        ck_assert_int_eq(tsa_kernel_psi_d(r, w, u, d, bias, s, c, prec),
                         TSA_SUCCESS);
        kref_psi(NULL, ref, w, u, d, bias, s, c, prec + 20);
        if (!arb_overlaps(r, ref))
            kref_print_pair(w, u, d, bias, s, c, prec, iter);
        kref_check("psi_d vs reference", r, ref, iter);
        tsa_test_accurate("psi_d tight", r, prec - 20, iter);
    }
    _arb_vec_clear(w, DMAX + 1);
    _arb_vec_clear(u, DMAX + 1);
    arb_clear(s);
    arb_clear(c);
    arb_clear(r);
    arb_clear(ref);
    flint_randclear(st);
}
END_TEST

/* zero bias: ((1 + c^2)(pi - th) + 2 c th)/(2 pi), th by acos */
START_TEST(t_zero_bias)
{
    flint_rand_t st;
    arb_ptr w, u;
    arb_t s, c, r, ref, t, th, pi;
    slong iter;
    tsa_test_seed(st);
    w = _arb_vec_init(DMAX);
    u = _arb_vec_init(DMAX);
    arb_init(s);
    arb_init(c);
    arb_init(r);
    arb_init(ref);
    arb_init(t);
    arb_init(th);
    arb_init(pi);
    for (iter = 0; iter < 100 * tsa_test_multiplier(); iter++)
    {
        slong d = 1 + n_randint(st, DMAX), prec = tsa_test_randprec(st);
        slong wp = 2 * prec + 60;
        arb_t nw, nu;
        kref_rand_pair(w, u, d, 0, s, c, st);
        if (_arb_vec_is_zero(w, d) || _arb_vec_is_zero(u, d))
            continue;
        ck_assert_int_eq(tsa_kernel_psi_d(r, w, u, d, 0, s, c, prec),
                         TSA_SUCCESS);
        arb_init(nw);
        arb_init(nu);
        arb_dot(nw, NULL, 0, w, 1, w, 1, d, wp);
        arb_dot(nu, NULL, 0, u, 1, u, 1, d, wp);
        arb_dot(t, NULL, 0, w, 1, u, 1, d, wp);
        arb_mul(nw, nw, nu, wp);
        arb_rsqrt(nw, nw, wp);
        arb_mul(t, t, nw, wp);
        arb_const_pi(pi, wp);
        if (arb_contains_si(t, 1))
            arb_zero(th);
        else if (arb_contains_si(t, -1))
            arb_set(th, pi);
        else
            arb_acos(th, t, wp);
        arb_sqr(t, c, wp);
        arb_add_ui(t, t, 1, wp);
        arb_sub(ref, pi, th, wp);
        arb_mul(ref, ref, t, wp);
        arb_mul(t, c, th, wp);
        arb_mul_2exp_si(t, t, 1);
        arb_add(ref, ref, t, wp);
        arb_div(ref, ref, pi, wp);
        arb_mul_2exp_si(ref, ref, -1);
        tsa_test_overlaps("psi_d zero bias closed form", r, ref, iter);
        tsa_test_accurate("psi_d zero bias tight", r, prec - 20, iter);
        arb_clear(nw);
        arb_clear(nu);
    }
    _arb_vec_clear(w, DMAX);
    _arb_vec_clear(u, DMAX);
    arb_clear(s);
    arb_clear(c);
    arb_clear(r);
    arb_clear(ref);
    arb_clear(t);
    arb_clear(th);
    arb_clear(pi);
    flint_randclear(st);
}
END_TEST

/* w = 0: sigma'(0) = c (docs/kernels.md s.5): psi_d = c E[sigma'(u.xt)];
 * wt = 0, b > 0: E[sigma'(u.xt)] = c + (1 - c) Phi(k) */
START_TEST(t_zero_weight)
{
    arb_ptr w, u;
    arb_t s, c, r, ref, k;
    w = _arb_vec_init(3);
    u = _arb_vec_init(3);
    arb_init(s);
    arb_init(c);
    arb_init(r);
    arb_init(ref);
    arb_init(k);
    arb_one(s);
    arb_set_d(c, 0.25);
    arb_set_d(u + 0, 3.0);
    arb_set_d(u + 1, 4.0);
    arb_set_d(u + 2, -2.5); /* k = -2.5/5 = -1/2 */
    ck_assert_int_eq(tsa_kernel_psi_d(r, w, u, 2, 1, s, c, 100), TSA_SUCCESS);
    arb_set_d(k, -0.5);
    arb_sqrt_ui(ref, 2, 150);
    arb_div(ref, k, ref, 150);
    arb_neg(ref, ref);
    arb_hypgeom_erfc(ref, ref, 150);
    arb_mul_2exp_si(ref, ref, -1); /* Phi(-1/2) */
    arb_mul_ui(ref, ref, 3, 150);
    arb_mul_2exp_si(ref, ref, -2);
    arb_add(ref, ref, c, 150);
    arb_mul(ref, ref, c, 150);
    tsa_test_overlaps("psi_d(0, u) = c E[sigma'(u.xt)]", r, ref, 0);
    tsa_test_accurate("psi_d(0, u) tight", r, 90, 0);
    arb_set_d(w + 2, 0.5);
    ck_assert_int_eq(tsa_kernel_psi_d(r, w, u, 2, 1, s, c, 100), TSA_SUCCESS);
    arb_div(ref, ref, c, 150);
    tsa_test_overlaps("psi_d((0, b > 0), u)", r, ref, 0);
    _arb_vec_clear(w, 3);
    _arb_vec_clear(u, 3);
    arb_clear(s);
    arb_clear(c);
    arb_clear(r);
    arb_clear(ref);
    arb_clear(k);
}
END_TEST

/* ball inputs: containment of point values, and the range [c^2, 1] */
START_TEST(t_ball)
{
    flint_rand_t st;
    arb_ptr w, u, wp_;
    arb_t s, c, r, rp, c2;
    slong iter, i, j;
    tsa_test_seed(st);
    w = _arb_vec_init(DMAX + 1);
    u = _arb_vec_init(DMAX + 1);
    wp_ = _arb_vec_init(DMAX + 1);
    arb_init(s);
    arb_init(c);
    arb_init(r);
    arb_init(rp);
    arb_init(c2);
    for (iter = 0; iter < 12 * tsa_test_multiplier(); iter++)
    {
        slong d = 1 + n_randint(st, DMAX), prec = 30 + n_randint(st, 120);
        int bias = n_randint(st, 4) != 0;
        slong n = d + (bias != 0);
        kref_rand_pair(w, u, d, bias, s, c, st);
        for (i = 0; i < n; i++)
            mag_set_ui_2exp_si(arb_radref(w + i), 1,
                               -(slong)n_randint(st, 30) - 2);
        ck_assert_int_eq(tsa_kernel_psi_d(r, w, u, d, bias, s, c, prec),
                         TSA_SUCCESS);
        arb_sqr(c2, c, prec);
        ck_assert(!arb_lt(r, c2));
        for (j = 0; j < 3; j++)
        {
            for (i = 0; i < n; i++)
            {
                arb_set_arf(wp_ + i, arb_midref(w + i));
                if (j > 0)
                {
                    arf_t t;
                    arf_init(t);
                    arf_set_mag(t, arb_radref(w + i));
                    if (n_randint(st, 2))
                        arf_neg(t, t);
                    arb_add_arf(wp_ + i, wp_ + i, t, ARF_PREC_EXACT);
                    arf_clear(t);
                }
            }
            if (_arb_vec_is_zero(wp_, n))
                continue;
            ck_assert_int_eq(tsa_kernel_psi_d(rp, wp_, u, d, bias, s, c, prec),
                             TSA_SUCCESS);
            if (!arb_overlaps(r, rp))
                kref_print_pair(wp_, u, d, bias, s, c, prec, iter);
            kref_check("psi_d ball contains point", r, rp, iter);
        }
    }
    _arb_vec_clear(w, DMAX + 1);
    _arb_vec_clear(u, DMAX + 1);
    _arb_vec_clear(wp_, DMAX + 1);
    arb_clear(s);
    arb_clear(c);
    arb_clear(r);
    arb_clear(rp);
    arb_clear(c2);
    flint_randclear(st);
}
END_TEST

START_TEST(t_domain)
{
    arb_ptr w, u;
    arb_t s, c, r;
    w = _arb_vec_init(2);
    u = _arb_vec_init(2);
    arb_init(s);
    arb_init(c);
    arb_init(r);
    arb_one(w);
    arb_one(u);
    arb_one(s);
    arb_indeterminate(w + 1);
    ck_assert_int_eq(tsa_kernel_psi_d(r, w, u, 1, 1, s, c, 64), TSA_EDOM);
    ck_assert_str_eq(tsa_error_last(), "tsa_kernel_psi_d: w[1] is not finite");
    arb_zero(w + 1);
    arb_set_si(s, -1);
    ck_assert_int_eq(tsa_kernel_psi_d(r, w, u, 1, 1, s, c, 64), TSA_EDOM);
    arb_one(s);
    arb_set_d(c, 1.5);
    ck_assert_int_eq(tsa_kernel_psi_d(r, w, u, 1, 1, s, c, 64), TSA_EDOM);
    ck_assert_str_eq(tsa_error_last(),
                     "tsa_kernel_psi_d: c must lie in [0, 1)");
    arb_zero(c);
    ck_assert_int_eq(tsa_kernel_psi_d(r, w, u, -1, 1, s, c, 64), TSA_EINVAL);
    _arb_vec_clear(w, 2);
    _arb_vec_clear(u, 2);
    arb_clear(s);
    arb_clear(c);
    arb_clear(r);
}
END_TEST

int
main(void)
{
    const TTest *tests[]
        = { t_ref, t_zero_bias, t_zero_weight, t_ball, t_domain };
    return tsa_test_main("psi_d", tests, 5, 30);
}
