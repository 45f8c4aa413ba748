/* t-landscape.c -- loss, gradient and Hessian of the population landscape
 * (tsa_certify_loss, _grad, _hess_mr) against independent computations:
 * psi by rigorous quadrature, the gradient by centred finite differences
 * of J, the Hessian by centred finite differences of the gradient. */
#include <math.h>
#include "tsa_test.h"
#include "tsa_certify.h"

static void
rand_cand(tsa_cand_t c, flint_rand_t st)
{
    slong i;
    for (i = 0; i < c->d * c->n; i++)
        arb_set_d(c->W + i, tsa_test_randd(st, -1, 1));
    for (i = 0; i < c->d * c->m; i++)
        arb_set_d(c->V + i, tsa_test_randd(st, -1, 1));
}

/* integrand cos(z) cos(z - theta) */
static int
integrand(acb_ptr res, const acb_t z, void *param, slong order, slong prec)
{
    acb_t t;
    (void) order;
    acb_init(t);
    acb_sub_arb(t, z, (const arb_struct *) param, prec);
    acb_cos(t, t, prec);
    acb_cos(res, z, prec);
    acb_mul(res, res, t, prec);
    acb_clear(t);
    return 0;
}

/* psi(w, u) = (|w||u|/pi) int_{theta - pi/2}^{pi/2} cos z cos(z - theta) dz
 * (polar coordinates in the plane of w, u; E r^2 = 2). */
static void
psi_quad(arb_t res, arb_srcptr w, arb_srcptr u, slong d, slong prec)
{
    arb_t nw, nu, th, pi;
    acb_t a, b, r;
    arb_init(nw);
    arb_init(nu);
    arb_init(th);
    arb_init(pi);
    acb_init(a);
    acb_init(b);
    acb_init(r);
    arb_dot(nw, NULL, 0, w, 1, w, 1, d, prec);
    arb_sqrt(nw, nw, prec);
    arb_dot(nu, NULL, 0, u, 1, u, 1, d, prec);
    arb_sqrt(nu, nu, prec);
    arb_dot(th, NULL, 0, w, 1, u, 1, d, prec);
    arb_div(th, th, nw, prec);
    arb_div(th, th, nu, prec);
    arb_acos(th, th, prec);
    arb_const_pi(pi, prec);
    arb_mul_2exp_si(pi, pi, -1);
    acb_set_arb(b, pi);
    arb_sub(acb_realref(a), th, pi, prec);
    {
        mag_t tol;
        mag_init(tol);
        mag_set_ui_2exp_si(tol, 1, -prec);
        acb_calc_integrate(r, integrand, th, a, b, prec, tol, NULL, prec);
        mag_clear(tol);
    }
    arb_mul_2exp_si(pi, pi, 1);
    arb_div(res, acb_realref(r), pi, prec);
    arb_mul(res, res, nw, prec);
    arb_mul(res, res, nu, prec);
    arb_clear(nw);
    arb_clear(nu);
    arb_clear(th);
    arb_clear(pi);
    acb_clear(a);
    acb_clear(b);
    acb_clear(r);
}

START_TEST(t_loss_quad)
{
    flint_rand_t st;
    slong iter;
    tsa_test_seed(st);
    for (iter = 0; iter < 20 * tsa_test_multiplier(); iter++)
    {
        slong d = 2 + n_randint(st, 3), n = 1 + n_randint(st, 3),
              m = 1 + n_randint(st, 3), i, j, prec = 64 + n_randint(st, 200);
        tsa_cand_t c;
        arb_t J, ref, t;
        tsa_cand_init(c, d, n, m);
        arb_init(J);
        arb_init(ref);
        arb_init(t);
        rand_cand(c, st);
        ck_assert_int_eq(tsa_certify_loss(J, c, prec), TSA_SUCCESS);
        /* J = 1/2 sum over all ordered pairs with signs */
        arb_zero(ref);
        for (i = 0; i < n + m; i++)
            for (j = 0; j < n + m; j++)
            {
                arb_srcptr x = i < n ? c->W + i * d : c->V + (i - n) * d;
                arb_srcptr y = j < n ? c->W + j * d : c->V + (j - n) * d;
                if (i == j)
                {
                    arb_dot(t, NULL, 0, x, 1, x, 1, d, 2 * prec);
                    arb_mul_2exp_si(t, t, -1);
                }
                else
                    psi_quad(t, x, y, d, prec + 20);
                if ((i < n) != (j < n))
                    arb_neg(t, t);
                arb_add(ref, ref, t, 2 * prec);
            }
        arb_mul_2exp_si(ref, ref, -1);
        tsa_test_overlaps("loss vs quadrature", J, ref, iter);
        tsa_test_accurate("loss", J, prec - 30, iter);
        /* the loss is >= 0 */
        ck_assert(!arb_is_negative(J));
        tsa_cand_clear(c);
        arb_clear(J);
        arb_clear(ref);
        arb_clear(t);
    }
    flint_randclear(st);
}
END_TEST

/* gradient = centred difference of J (h = 2^-60 at 400 bits: error
 * O(h^2) ~ 2^-120) */
START_TEST(t_grad_fd)
{
    flint_rand_t st;
    slong iter;
    tsa_test_seed(st);
    for (iter = 0; iter < 10 * tsa_test_multiplier(); iter++)
    {
        slong d = 2 + n_randint(st, 3), n = 1 + n_randint(st, 3),
              m = 1 + n_randint(st, 3), k, N, prec = 400;
        tsa_cand_t c;
        arb_ptr g;
        arb_t Jp, Jm, fd, diff;
        tsa_cand_init(c, d, n, m);
        N = n * d;
        g = _arb_vec_init(N);
        arb_init(Jp);
        arb_init(Jm);
        arb_init(fd);
        arb_init(diff);
        rand_cand(c, st);
        ck_assert_int_eq(tsa_certify_grad(g, c, prec), TSA_SUCCESS);
        for (k = 0; k < N; k++)
        {
            arb_t x0;
            arb_init(x0);
            arb_set(x0, c->W + k);
            arb_mul_2exp_si(fd, x0, 0);
            arb_set_ui(diff, 1);
            arb_mul_2exp_si(diff, diff, -60);
            arb_add(c->W + k, x0, diff, prec);
            ck_assert_int_eq(tsa_certify_loss(Jp, c, prec), TSA_SUCCESS);
            arb_sub(c->W + k, x0, diff, prec);
            ck_assert_int_eq(tsa_certify_loss(Jm, c, prec), TSA_SUCCESS);
            arb_set(c->W + k, x0);
            arb_sub(fd, Jp, Jm, prec);
            arb_mul_2exp_si(fd, fd, 59);
            arb_sub(diff, fd, g + k, prec);
            arb_abs(diff, diff);
            if (!(arf_cmpabs_2exp_si(arb_midref(diff), -100) < 0))
            {
                printf("grad[%ld] iter %ld: ", (long) k, (long) iter);
                arb_printd(g + k, 30);
                printf(" fd ");
                arb_printd(fd, 30);
                printf("\n");
                ck_abort_msg("gradient differs from finite difference");
            }
            arb_clear(x0);
        }
        /* a box gives an enclosure containing the gradient at a point */
        {
            arb_ptr gb = _arb_vec_init(N);
            for (k = 0; k < N; k++)
                mag_set_d(arb_radref(c->W + k), 1e-8);
            ck_assert_int_eq(tsa_certify_grad(gb, c, 128), TSA_SUCCESS);
            for (k = 0; k < N; k++)
                tsa_test_contains("grad box", gb + k, g + k, iter);
            _arb_vec_clear(gb, N);
        }
        tsa_cand_clear(c);
        _arb_vec_clear(g, N);
        arb_clear(Jp);
        arb_clear(Jm);
        arb_clear(fd);
        arb_clear(diff);
    }
    flint_randclear(st);
}
END_TEST

static int
hess_fd_check(tsa_cand_t c, slong iter)
{
    slong d = c->d, n = c->n, N = n * d, r, s, prec = 256;
    double *H = malloc(sizeof(double) * N * N), *E = malloc(sizeof(double) * n * n);
    arb_ptr gp = _arb_vec_init(N), gm = _arb_vec_init(N);
    arb_t h, x0, fd;
    int ok = 1;
    arb_init(h);
    arb_init(x0);
    arb_init(fd);
    ck_assert_int_eq(tsa_certify_hess_mr(H, E, c, 128), TSA_SUCCESS);
    arb_one(h);
    arb_mul_2exp_si(h, h, -40);
    for (s = 0; s < N; s++)
    {
        arb_set(x0, c->W + s);
        arb_add(c->W + s, x0, h, prec);
        ck_assert_int_eq(tsa_certify_grad(gp, c, prec), TSA_SUCCESS);
        arb_sub(c->W + s, x0, h, prec);
        ck_assert_int_eq(tsa_certify_grad(gm, c, prec), TSA_SUCCESS);
        arb_set(c->W + s, x0);
        for (r = 0; r < N; r++)
        {
            double v, e = E[(r / d) * n + s / d];
            arb_sub(fd, gp + r, gm + r, prec);
            arb_mul_2exp_si(fd, fd, 39);
            v = arf_get_d(arb_midref(fd), ARF_RND_NEAR);
            if (!(fabs(v - H[r * N + s]) <= e + 1e-20) || e > 1e-13)
            {
                printf("# H[%ld][%ld] = %.17g +- %.3g, fd %.17g, iter %ld\n",
                       (long) r, (long) s, H[r * N + s], e, v, (long) iter);
                ok = 0;
            }
        }
    }
    free(H);
    free(E);
    _arb_vec_clear(gp, N);
    _arb_vec_clear(gm, N);
    arb_clear(h);
    arb_clear(x0);
    arb_clear(fd);
    return ok;
}

START_TEST(t_hess_fd)
{
    flint_rand_t st;
    slong iter;
    tsa_test_seed(st);
    for (iter = 0; iter < 10 * tsa_test_multiplier(); iter++)
    {
        slong d = 2 + n_randint(st, 3), n = 1 + n_randint(st, 3),
              m = 1 + n_randint(st, 3);
        tsa_cand_t c;
        tsa_cand_init(c, d, n, m);
        rand_cand(c, st);
        ck_assert_msg(hess_fd_check(c, iter), "Hessian vs finite differences");
        tsa_cand_clear(c);
    }
    flint_randclear(st);
}
END_TEST

/* Hessian over a box overlaps the Hessian at a point inside it; the
 * Hessian is symmetric up to its radii. */
START_TEST(t_hess_box)
{
    flint_rand_t st;
    slong iter;
    tsa_test_seed(st);
    for (iter = 0; iter < 20 * tsa_test_multiplier(); iter++)
    {
        slong d = 2 + n_randint(st, 4), n = 1 + n_randint(st, 4),
              m = 1 + n_randint(st, 3), N, r, s, k;
        double rho = ldexp(1.0, -10 - (int) n_randint(st, 40));
        tsa_cand_t c, p;
        double *H, *E, *Hp, *Ep;
        tsa_cand_init(c, d, n, m);
        tsa_cand_init(p, d, n, m);
        N = n * d;
        rand_cand(c, st);
        tsa_cand_set(p, c);
        for (k = 0; k < N; k++)
        {
            double off = tsa_test_randd(st, -rho, rho);
            mag_set_d(arb_radref(c->W + k), rho);
            arb_set_d(p->W + k, off);
            arb_add(p->W + k, p->W + k, c->W + k, 200);
            arf_set(arb_midref(p->W + k), arb_midref(p->W + k));
            mag_zero(arb_radref(p->W + k));
        }
        H = malloc(sizeof(double) * N * N);
        Hp = malloc(sizeof(double) * N * N);
        E = malloc(sizeof(double) * n * n);
        Ep = malloc(sizeof(double) * n * n);
        ck_assert_int_eq(tsa_certify_hess_mr(H, E, c, 64 + n_randint(st, 100)), TSA_SUCCESS);
        ck_assert_int_eq(tsa_certify_hess_mr(Hp, Ep, p, 128), TSA_SUCCESS);
        for (r = 0; r < N; r++)
            for (s = 0; s < N; s++)
            {
                double e = E[(r / d) * n + s / d], ep = Ep[(r / d) * n + s / d];
                ck_assert_msg(fabs(H[r * N + s] - Hp[r * N + s]) <= e + ep,
                              "box enclosure misses point, iter %ld", (long) iter);
                ck_assert_msg(fabs(H[r * N + s] - H[s * N + r])
                              <= e + E[(s / d) * n + r / d],
                              "not symmetric, iter %ld", (long) iter);
            }
        free(H);
        free(Hp);
        free(E);
        free(Ep);
        tsa_cand_clear(c);
        tsa_cand_clear(p);
    }
    flint_randclear(st);
}
END_TEST

/* parallel or antiparallel neurons, and a zero neuron: refused */
START_TEST(t_nonsmooth)
{
    tsa_cand_t c;
    double H[16], E[4];
    arb_ptr g = _arb_vec_init(4);
    arb_t J;
    arb_init(J);
    tsa_cand_init(c, 2, 2, 1);
    arb_set_d(c->V + 0, 1);
    arb_set_d(c->V + 1, 0.5);
    arb_set_d(c->W + 0, 0.3);
    arb_set_d(c->W + 1, 0.7);
    arb_set_d(c->W + 2, -0.6);   /* w_1 = -2 w_0: antiparallel */
    arb_set_d(c->W + 3, -1.4);
    ck_assert_int_eq(tsa_certify_grad(g, c, 128), TSA_EDOM);
    ck_assert_int_eq(tsa_certify_hess_mr(H, E, c, 128), TSA_EDOM);
    ck_assert_int_eq(tsa_certify_loss(J, c, 128), TSA_SUCCESS);
    /* w_1 = 2 v: parallel to the teacher, touched by a box */
    arb_set_d(c->W + 2, 2.0);
    arb_set_d(c->W + 3, 1.0);
    mag_set_d(arb_radref(c->W + 3), 1e-30);
    ck_assert_int_eq(tsa_certify_hess_mr(H, E, c, 128), TSA_EDOM);
    arb_zero(c->W + 0);
    arb_zero(c->W + 1);
    ck_assert_int_eq(tsa_certify_grad(g, c, 128), TSA_EDOM);
    tsa_cand_clear(c);
    _arb_vec_clear(g, 4);
    arb_clear(J);
}
END_TEST

/* J(W) = 0 at W = V; J(P W Q) = J(W) for the orthonormal teacher */
START_TEST(t_symmetry)
{
    flint_rand_t st;
    slong iter;
    tsa_test_seed(st);
    for (iter = 0; iter < 10 * tsa_test_multiplier(); iter++)
    {
        slong k = 2 + n_randint(st, 4), i, a;
        tsa_cand_t c, p;
        arb_t J1, J2;
        slong perm[8], shift = 1 + n_randint(st, k - 1);
        tsa_cand_init(c, k, k, k);
        tsa_cand_init(p, k, k, k);
        arb_init(J1);
        arb_init(J2);
        for (i = 0; i < k; i++)
            arb_one(c->V + i * k + i);
        for (i = 0; i < k * k; i++)
            arb_set_d(c->W + i, tsa_test_randd(st, -1, 1));
        tsa_cand_set(p, c);
        for (i = 0; i < k; i++)
            perm[i] = (i + shift) % k;
        /* neuron i of p = neuron perm[i] of c with coordinates permuted */
        for (i = 0; i < k; i++)
            for (a = 0; a < k; a++)
                arb_set(p->W + i * k + a, c->W + perm[i] * k + perm[a]);
        ck_assert_int_eq(tsa_certify_loss(J1, c, 128), TSA_SUCCESS);
        ck_assert_int_eq(tsa_certify_loss(J2, p, 200), TSA_SUCCESS);
        tsa_test_overlaps("J(PWQ) = J(W)", J1, J2, iter);
        _arb_vec_set(c->W, c->V, k * k);
        ck_assert_int_eq(tsa_certify_loss(J1, c, 128), TSA_SUCCESS);
        ck_assert(arb_contains_zero(J1));
        tsa_cand_clear(c);
        tsa_cand_clear(p);
        arb_clear(J1);
        arb_clear(J2);
    }
    flint_randclear(st);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_loss_quad, t_grad_fd, t_hess_fd, t_hess_box,
                            t_nonsmooth, t_symmetry};
    int r = tsa_test_main("landscape", tests, 6, 30);
    flint_cleanup();
    return r;
}
