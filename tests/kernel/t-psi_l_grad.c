/* t-psi_l_grad.c -- tsa_kernel_psi_l_grad against centred finite
 * differences of tsa_kernel_psi_l at 400 bits, the zero-bias closed form
 * (DESIGN s.2), ball inputs and domain errors. */
#include "kref.h"
#include <math.h>
#include <string.h>

#define DMAX 3

/* FD step 2^-60 at 400 bits: the truncation error is eta^2/6 |psi'''| =
 * 2^-122.6 |psi'''|; psi''' is bounded by s^2 ||u|| times a polynomial in
 * h, k and 1/(s|wt|), 1/sin(theta) of moderate size for the generic
 * inputs used here (no zero norms, theta away from 0 and pi), so the
 * tolerance 2^-80 scale leaves a margin of 2^42 for that factor; the
 * rounding part is below 2^-390 / 2^-59.  At wt = 0 (b != 0) the steps
 * +-2^-60 e_i give h = b/(s 2^-60): psi_l is smooth there (the kink of
 * sigma is at distance |b|/|wt| in x). */
START_TEST(t_fd)
{
    flint_rand_t st;
    arb_ptr w, u, g, wv;
    arb_t s, c, a, b, fd, tol;
    slong iter, i;
    tsa_test_seed(st);
    w = _arb_vec_init(DMAX + 1);
    u = _arb_vec_init(DMAX + 1);
    g = _arb_vec_init(DMAX + 1);
    wv = _arb_vec_init(DMAX + 1);
    arb_init(s);
    arb_init(c);
    arb_init(a);
    arb_init(b);
    arb_init(fd);
    arb_init(tol);
    for (iter = 0; iter < 12 * tsa_test_multiplier(); iter++)
    {
        slong d = 1 + n_randint(st, DMAX), prec = 30 + n_randint(st, 170);
        int bias = n_randint(st, 4) != 0, kind = n_randint(st, 4);
        slong n = d + (bias != 0);
        for (i = 0; i < n; i++)
        {
            arb_set_d(w + i, tsa_test_randd(st, -2, 2));
            arb_set_d(u + i, tsa_test_randd(st, -2, 2));
        }
        if (d == 1) /* in 1-D generic pairs are (anti)parallel */
        {
            bias = 1;
            n = 2;
            arb_set_d(w + 1, tsa_test_randd(st, -2, 2));
            arb_set_d(u + 1, tsa_test_randd(st, -2, 2));
        }
        if (kind == 0 && bias)
            _arb_vec_zero(u, d); /* ut = 0: sigma(b_u) E[sigma'(w.xt) xt] */
        if (kind == 1 && bias)
            _arb_vec_zero(w, d); /* wt = 0, b != 0: differentiable (Stein) */
        arb_set_d(s, n_randint(st, 2) ? 1.0 : tsa_test_randd(st, 0.5, 2));
        arb_set_d(c, n_randint(st, 2) ? 0.0 : tsa_test_randd(st, 0, 0.9));
        ck_assert_int_eq(tsa_kernel_psi_l_grad(g, w, u, d, bias, s, c, prec),
                         TSA_SUCCESS);
        for (i = 0; i < n; i++)
        {
            _arb_vec_set(wv, w, n);
            arb_set_si(a, 1);
            arb_mul_2exp_si(a, a, -60);
            arb_add(wv + i, w + i, a, ARF_PREC_EXACT);
            ck_assert_int_eq(tsa_kernel_psi_l(a, wv, u, d, bias, s, c, 400),
                             TSA_SUCCESS);
            arb_set_si(b, 1);
            arb_mul_2exp_si(b, b, -60);
            arb_sub(wv + i, w + i, b, ARF_PREC_EXACT);
            ck_assert_int_eq(tsa_kernel_psi_l(b, wv, u, d, bias, s, c, 400),
                             TSA_SUCCESS);
            arb_sub(fd, a, b, 400);
            arb_mul_2exp_si(fd, fd, 59);
            /* tolerance 2^-80 (1 + |fd|) */
            arb_abs(tol, fd);
            arb_add_ui(tol, tol, 1, 30);
            arb_mul_2exp_si(tol, tol, -80);
            arb_add_error(fd, tol);
            if (!arb_overlaps(g + i, fd))
                kref_print_pair(w, u, d, bias, s, c, prec, iter);
            tsa_test_overlaps("gradient vs finite difference", g + i, fd,
                              iter);
        }
        for (i = 0; i < n; i++)
            tsa_test_accurate("gradient tight", g + i, prec - 25, iter);
    }
    _arb_vec_clear(w, DMAX + 1);
    _arb_vec_clear(u, DMAX + 1);
    _arb_vec_clear(g, DMAX + 1);
    _arb_vec_clear(wv, DMAX + 1);
    arb_clear(s);
    arb_clear(c);
    arb_clear(a);
    arb_clear(b);
    arb_clear(fd);
    arb_clear(tol);
    flint_randclear(st);
}
END_TEST

/* zero bias: grad = s^2 |u| (F_c wh + G_c (uh - cos th wh)) with
 * F_c = (1 + c^2) F(th) - 2c F(pi - th), G_c = -F_c'/sin th
 *     = ((1 + c^2)(pi - th) + 2c th)/(2 pi)   (DESIGN s.2; ReLU: c = 0
 * gives (|u|/2pi)(sin th wh + (pi - th) uh) s^2); th by acos, including
 * exactly parallel and antiparallel pairs. */
START_TEST(t_zero_bias)
{
    flint_rand_t st;
    arb_ptr w, u, g, r;
    arb_t s, c, nw, nu, th, cth, sth, pi, Fc, Gc, t;
    slong iter, i;
    tsa_test_seed(st);
    w = _arb_vec_init(DMAX);
    u = _arb_vec_init(DMAX);
    g = _arb_vec_init(DMAX);
    r = _arb_vec_init(DMAX);
    arb_init(s);
    arb_init(c);
    arb_init(nw);
    arb_init(nu);
    arb_init(th);
    arb_init(cth);
    arb_init(sth);
    arb_init(pi);
    arb_init(Fc);
    arb_init(Gc);
    arb_init(t);
    for (iter = 0; iter < 60 * tsa_test_multiplier(); iter++)
    {
        slong d = 1 + n_randint(st, DMAX), prec = tsa_test_randprec(st);
        slong wp = 2 * prec + 60;
        kref_rand_pair(w, u, d, 0, s, c, st);
        if (_arb_vec_is_zero(w, d) || _arb_vec_is_zero(u, d))
            continue;
        ck_assert_int_eq(tsa_kernel_psi_l_grad(g, w, u, d, 0, s, c, prec),
                         TSA_SUCCESS);
        arb_dot(nw, NULL, 0, w, 1, w, 1, d, wp);
        arb_dot(nu, NULL, 0, u, 1, u, 1, d, wp);
        arb_sqrt(nw, nw, wp);
        arb_sqrt(nu, nu, wp);
        arb_dot(cth, NULL, 0, w, 1, u, 1, d, wp);
        arb_div(cth, cth, nw, wp);
        arb_div(cth, cth, nu, wp);
        arb_const_pi(pi, wp);
        if (arb_contains_si(cth, 1))
        {
            arb_zero(th);
            arb_one(cth);
        }
        else if (arb_contains_si(cth, -1))
        {
            arb_set(th, pi);
            arb_set_si(cth, -1);
        }
        else
            arb_acos(th, cth, wp);
        arb_sin(sth, th, wp);
        /* F(th) and F(pi - th) */
        arb_sub(t, pi, th, wp);
        arb_mul(Fc, t, cth, wp);
        arb_add(Fc, Fc, sth, wp); /* 2pi F(th) */
        arb_sqr(t, c, wp);
        arb_add_ui(t, t, 1, wp);
        arb_mul(Fc, Fc, t, wp);
        arb_mul(Gc, th, cth, wp);
        arb_sub(Gc, sth, Gc, wp); /* 2pi F(pi - th) */
        arb_mul(Gc, Gc, c, wp);
        arb_submul_ui(Fc, Gc, 2, wp);
        arb_sub(Gc, pi, th, wp);
        arb_mul(Gc, Gc, t, wp);
        arb_mul(t, c, th, wp);
        arb_addmul_ui(Gc, t, 2, wp);
        for (i = 0; i < d; i++)
        {
            /* s^2 |u|/(2pi) [ (Fc - cos th Gc) wh + Gc uh ] */
            arb_mul(t, cth, Gc, wp);
            arb_sub(t, Fc, t, wp);
            arb_mul(r + i, t, w + i, wp);
            arb_div(r + i, r + i, nw, wp);
            arb_div(t, u + i, nu, wp);
            arb_addmul(r + i, Gc, t, wp);
            arb_mul(r + i, r + i, nu, wp);
            arb_mul(r + i, r + i, s, wp);
            arb_mul(r + i, r + i, s, wp);
            arb_div(r + i, r + i, pi, wp);
            arb_mul_2exp_si(r + i, r + i, -1);
            tsa_test_overlaps("gradient zero-bias closed form", g + i, r + i,
                              iter);
        }
    }
    _arb_vec_clear(w, DMAX);
    _arb_vec_clear(u, DMAX);
    _arb_vec_clear(g, DMAX);
    _arb_vec_clear(r, DMAX);
    arb_clear(s);
    arb_clear(c);
    arb_clear(nw);
    arb_clear(nu);
    arb_clear(th);
    arb_clear(cth);
    arb_clear(sth);
    arb_clear(pi);
    arb_clear(Fc);
    arb_clear(Gc);
    arb_clear(t);
    flint_randclear(st);
}
END_TEST

/* ball inputs contain the gradient at exact points */
START_TEST(t_ball)
{
    flint_rand_t st;
    arb_ptr w, u, g, gp, wp_;
    arb_t s, c;
    slong iter, i, j;
    tsa_test_seed(st);
    w = _arb_vec_init(DMAX + 1);
    u = _arb_vec_init(DMAX + 1);
    g = _arb_vec_init(DMAX + 1);
    gp = _arb_vec_init(DMAX + 1);
    wp_ = _arb_vec_init(DMAX + 1);
    arb_init(s);
    arb_init(c);
    for (iter = 0; iter < 10 * tsa_test_multiplier(); iter++)
    {
        slong d = 1 + n_randint(st, DMAX), prec = 30 + n_randint(st, 100);
        int bias = n_randint(st, 4) != 0;
        slong n = d + (bias != 0);
        kref_rand_pair(w, u, d, bias, s, c, st);
        for (i = 0; i < n; i++)
            mag_set_ui_2exp_si(arb_radref(w + i), 1,
                               -(slong)n_randint(st, 30) - 3);
        if (tsa_kernel_psi_l_grad(g, w, u, d, bias, s, c, prec) != TSA_SUCCESS)
            continue;
        for (j = 0; j < 2; j++)
        {
            for (i = 0; i < n; i++)
            {
                arf_t t;
                arf_init(t);
                arb_set_arf(wp_ + i, arb_midref(w + i));
                arf_set_mag(t, arb_radref(w + i));
                arf_mul_2exp_si(t, t, -j);
                if (n_randint(st, 2))
                    arf_neg(t, t);
                arb_add_arf(wp_ + i, wp_ + i, t, ARF_PREC_EXACT);
                arf_clear(t);
            }
            if (tsa_kernel_psi_l_grad(gp, wp_, u, d, bias, s, c, prec)
                != TSA_SUCCESS)
                continue;
            for (i = 0; i < n; i++)
                kref_check("gradient ball contains point", g + i, gp + i,
                           iter);
        }
    }
    _arb_vec_clear(w, DMAX + 1);
    _arb_vec_clear(u, DMAX + 1);
    _arb_vec_clear(g, DMAX + 1);
    _arb_vec_clear(gp, DMAX + 1);
    _arb_vec_clear(wp_, DMAX + 1);
    arb_clear(s);
    arb_clear(c);
    flint_randclear(st);
}
END_TEST

START_TEST(t_domain)
{
    arb_ptr w, u, g;
    arb_t s, c;
    w = _arb_vec_init(3);
    u = _arb_vec_init(3);
    g = _arb_vec_init(3);
    arb_init(s);
    arb_init(c);
    arb_one(s);
    arb_one(u);
    arb_one(u + 2);
    /* w = 0 without bias and with zero bias: not differentiable */
    ck_assert_int_eq(tsa_kernel_psi_l_grad(g, w, u, 2, 0, s, c, 64), TSA_EDOM);
    ck_assert_str_eq(tsa_error_last(), "tsa_kernel_psi_l_grad: psi_l is not"
                                       " differentiable at w = 0");
    ck_assert(!arb_is_finite(g));
    ck_assert_int_eq(tsa_kernel_psi_l_grad(g, w, u, 2, 1, s, c, 64), TSA_EDOM);
    /* wt = 0 with b != 0 is differentiable */
    arb_one(w + 2);
    ck_assert_int_eq(tsa_kernel_psi_l_grad(g, w, u, 2, 1, s, c, 64),
                     TSA_SUCCESS);
    arb_indeterminate(u + 1);
    ck_assert_int_eq(tsa_kernel_psi_l_grad(g, w, u, 2, 1, s, c, 64), TSA_EDOM);
    ck_assert_str_eq(tsa_error_last(),
                     "tsa_kernel_psi_l_grad: u[1] is not finite");
    _arb_vec_clear(w, 3);
    _arb_vec_clear(u, 3);
    _arb_vec_clear(g, 3);
    arb_clear(s);
    arb_clear(c);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = { t_fd, t_zero_bias, t_ball, t_domain };
    return tsa_test_main("psi_l_grad", tests, 4, 30);
}
