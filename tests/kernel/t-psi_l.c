/* t-psi_l.c -- tsa_kernel_psi_l against the independent reduction of
 * kref.c, zero-bias closed forms (DESIGN s.2), ball inputs, aliasing and
 * domain errors (the Arb/FLINT test convention). */
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
        ck_assert_int_eq(tsa_kernel_psi_l(r, w, u, d, bias, s, c, prec),
                         TSA_SUCCESS);
        kref_psi(ref, NULL, w, u, d, bias, s, c, prec + 20);
        if (!arb_overlaps(r, ref))
            kref_print_pair(w, u, d, bias, s, c, prec, iter);
        kref_check("psi_l vs reference", r, ref, iter);
        tsa_test_accurate("psi_l tight", r, prec - 20, iter);
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

/* zero bias: s^2 |w||u| [(1 + c^2) F(th) - 2c F(pi - th)],
 * F(t) = (sin t + (pi - t) cos t)/(2 pi), th = acos(w.u/(|w||u|)) */
static void
F_ref(arb_t r, const arb_t t, slong prec)
{
    arb_t a, b;
    arb_init(a);
    arb_init(b);
    arb_const_pi(a, prec);
    arb_sub(b, a, t, prec);
    arb_cos(r, t, prec);
    arb_mul(r, r, b, prec);
    arb_sin(b, t, prec);
    arb_add(r, r, b, prec);
    arb_div(r, r, a, prec);
    arb_mul_2exp_si(r, r, -1);
    arb_clear(a);
    arb_clear(b);
}

START_TEST(t_zero_bias)
{
    flint_rand_t st;
    arb_ptr w, u;
    arb_t s, c, r, ref, nw, nu, th, t, f;
    slong iter, i;
    tsa_test_seed(st);
    w = _arb_vec_init(DMAX + 1);
    u = _arb_vec_init(DMAX + 1);
    arb_init(s);
    arb_init(c);
    arb_init(r);
    arb_init(ref);
    arb_init(nw);
    arb_init(nu);
    arb_init(th);
    arb_init(t);
    arb_init(f);
    for (iter = 0; iter < 100 * tsa_test_multiplier(); iter++)
    {
        slong d = 1 + n_randint(st, DMAX), prec = tsa_test_randprec(st);
        slong wp = 2 * prec + 60;
        int bias = n_randint(st, 2);
        kref_rand_pair(w, u, d, bias, s, c, st);
        if (bias)
        {
            arb_zero(w + d);
            arb_zero(u + d);
        }
        if (_arb_vec_is_zero(w, d) || _arb_vec_is_zero(u, d))
            continue;
        ck_assert_int_eq(tsa_kernel_psi_l(r, w, u, d, bias, s, c, prec),
                         TSA_SUCCESS);
        arb_dot(nw, NULL, 0, w, 1, w, 1, d, wp);
        arb_dot(nu, NULL, 0, u, 1, u, 1, d, wp);
        arb_dot(t, NULL, 0, w, 1, u, 1, d, wp);
        arb_sqrt(nw, nw, wp);
        arb_sqrt(nu, nu, wp);
        arb_div(t, t, nw, wp);
        arb_div(t, t, nu, wp);
        if (arb_contains_si(t, 1))
            arb_zero(th);
        else if (arb_contains_si(t, -1))
            arb_const_pi(th, wp);
        else
            arb_acos(th, t, wp);
        F_ref(ref, th, wp);
        arb_sqr(t, c, wp);
        arb_add_ui(t, t, 1, wp);
        arb_mul(ref, ref, t, wp);
        arb_const_pi(t, wp);
        arb_sub(t, t, th, wp);
        F_ref(f, t, wp);
        arb_mul(f, f, c, wp);
        arb_mul_2exp_si(f, f, 1);
        arb_sub(ref, ref, f, wp);
        arb_mul(ref, ref, nw, wp);
        arb_mul(ref, ref, nu, wp);
        arb_mul(ref, ref, s, wp);
        arb_mul(ref, ref, s, wp);
        tsa_test_overlaps("psi_l zero bias vs (1+c^2)F(th) - 2cF(pi-th)", r,
                          ref, iter);
        tsa_test_accurate("psi_l zero bias tight", r, prec - 20, iter);
        (void)i;
    }
    _arb_vec_clear(w, DMAX + 1);
    _arb_vec_clear(u, DMAX + 1);
    arb_clear(s);
    arb_clear(c);
    arb_clear(r);
    arb_clear(ref);
    arb_clear(nw);
    arb_clear(nu);
    arb_clear(th);
    arb_clear(t);
    arb_clear(f);
    flint_randclear(st);
}
END_TEST

/* ball weights: contains the value at exact points; includes balls whose
 * |wt| contains 0 (Lipschitz enclosure) */
START_TEST(t_ball)
{
    flint_rand_t st;
    arb_ptr w, u, wp_, up_;
    arb_t s, c, r, rp;
    slong iter, i, j;
    tsa_test_seed(st);
    w = _arb_vec_init(DMAX + 1);
    u = _arb_vec_init(DMAX + 1);
    wp_ = _arb_vec_init(DMAX + 1);
    up_ = _arb_vec_init(DMAX + 1);
    arb_init(s);
    arb_init(c);
    arb_init(r);
    arb_init(rp);
    for (iter = 0; iter < 12 * tsa_test_multiplier(); iter++)
    {
        slong d = 1 + n_randint(st, DMAX), prec = 30 + n_randint(st, 120);
        slong n;
        int bias = n_randint(st, 4) != 0;
        n = d + (bias != 0);
        kref_rand_pair(w, u, d, bias, s, c, st);
        for (i = 0; i < n; i++)
        {
            slong e = -(slong)n_randint(st, 30) - 2;
            mag_set_ui_2exp_si(arb_radref(w + i), 1, e);
            mag_set_ui_2exp_si(arb_radref(u + i), 1, e - 3);
        }
        ck_assert_int_eq(tsa_kernel_psi_l(r, w, u, d, bias, s, c, prec),
                         TSA_SUCCESS);
        ck_assert(arb_is_finite(r));
        for (j = 0; j < 3; j++)
        {
            for (i = 0; i < n; i++)
            {
                arb_set_arf(wp_ + i, arb_midref(w + i));
                arb_set_arf(up_ + i, arb_midref(u + i));
                if (j > 0)
                {
                    arf_t t;
                    arf_init(t);
                    arf_set_mag(t, arb_radref(w + i));
                    if (n_randint(st, 2))
                        arf_neg(t, t);
                    arb_add_arf(wp_ + i, wp_ + i, t, ARF_PREC_EXACT);
                    arf_set_mag(t, arb_radref(u + i));
                    arf_mul_2exp_si(t, t, -1);
                    arb_add_arf(up_ + i, up_ + i, t, ARF_PREC_EXACT);
                    arf_clear(t);
                }
            }
            ck_assert_int_eq(
                tsa_kernel_psi_l(rp, wp_, up_, d, bias, s, c, prec),
                TSA_SUCCESS);
            if (!arb_overlaps(r, rp))
                kref_print_pair(wp_, up_, d, bias, s, c, prec, iter);
            kref_check("psi_l ball contains point", r, rp, iter);
        }
    }
    _arb_vec_clear(w, DMAX + 1);
    _arb_vec_clear(u, DMAX + 1);
    _arb_vec_clear(wp_, DMAX + 1);
    _arb_vec_clear(up_, DMAX + 1);
    arb_clear(s);
    arb_clear(c);
    arb_clear(r);
    arb_clear(rp);
    flint_randclear(st);
}
END_TEST

/* res aliasing an input entry gives the same result */
START_TEST(t_alias)
{
    flint_rand_t st;
    arb_ptr w, u;
    arb_t s, c, r;
    slong iter;
    tsa_test_seed(st);
    w = _arb_vec_init(3);
    u = _arb_vec_init(3);
    arb_init(s);
    arb_init(c);
    arb_init(r);
    for (iter = 0; iter < 10; iter++)
    {
        kref_rand_pair(w, u, 2, 1, s, c, st);
        ck_assert_int_eq(tsa_kernel_psi_l(r, w, u, 2, 1, s, c, 64),
                         TSA_SUCCESS);
        ck_assert_int_eq(tsa_kernel_psi_l(w + 2, w, u, 2, 1, s, c, 64),
                         TSA_SUCCESS);
        ck_assert(arb_equal(r, w + 2));
    }
    _arb_vec_clear(w, 3);
    _arb_vec_clear(u, 3);
    arb_clear(s);
    arb_clear(c);
    arb_clear(r);
    flint_randclear(st);
}
END_TEST

START_TEST(t_domain)
{
    arb_ptr w, u;
    arb_t s, c, r;
    w = _arb_vec_init(3);
    u = _arb_vec_init(3);
    arb_init(s);
    arb_init(c);
    arb_init(r);
    arb_one(w);
    arb_one(u + 1);
    arb_one(s);
    arb_indeterminate(w + 1);
    ck_assert_int_eq(tsa_kernel_psi_l(r, w, u, 2, 1, s, c, 64), TSA_EDOM);
    ck_assert_str_eq(tsa_error_last(), "tsa_kernel_psi_l: w[1] is not finite");
    ck_assert(!arb_is_finite(r));
    arb_zero(w + 1);
    arb_pos_inf(u + 2);
    ck_assert_int_eq(tsa_kernel_psi_l(r, w, u, 2, 1, s, c, 64), TSA_EDOM);
    ck_assert_str_eq(tsa_error_last(), "tsa_kernel_psi_l: u[2] is not finite");
    arb_zero(u + 2);
    arb_zero(s);
    ck_assert_int_eq(tsa_kernel_psi_l(r, w, u, 2, 1, s, c, 64), TSA_EDOM);
    ck_assert_str_eq(tsa_error_last(),
                     "tsa_kernel_psi_l: s must be finite and > 0");
    arb_one(s);
    arb_one(c);
    ck_assert_int_eq(tsa_kernel_psi_l(r, w, u, 2, 1, s, c, 64), TSA_EDOM);
    ck_assert_str_eq(tsa_error_last(),
                     "tsa_kernel_psi_l: c must lie in [0, 1)");
    arb_set_si(c, -1);
    ck_assert_int_eq(tsa_kernel_psi_l(r, w, u, 2, 1, s, c, 64), TSA_EDOM);
    arb_zero(c);
    ck_assert_int_eq(tsa_kernel_psi_l(r, w, u, 0, 1, s, c, 64), TSA_EINVAL);
    ck_assert_str_eq(tsa_error_last(), "tsa_kernel_psi_l: d = 0 must be >= 1");
    /* w = 0 is in the domain: psi_l = 0 */
    _arb_vec_zero(w, 3);
    ck_assert_int_eq(tsa_kernel_psi_l(r, w, u, 2, 1, s, c, 64), TSA_SUCCESS);
    ck_assert(arb_is_zero(r));
    _arb_vec_clear(w, 3);
    _arb_vec_clear(u, 3);
    arb_clear(s);
    arb_clear(c);
    arb_clear(r);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = { t_ref, t_zero_bias, t_ball, t_alias, t_domain };
    return tsa_test_main("psi_l", tests, 5, 30);
}
