/* t-align-fd.c -- the single-teacher loss of docs/ad-alignment.md s. 2,
 *   J(W) = 1/2 sum_ij K(w_i, w_j) - sum_i K(w_i, v) + 1/2 K(v, v),
 *   K(w, u) = |w|^p |u|^p F(theta(w, u)),
 * and its gradient and Hessian written with F, F', F'' (tsa_ad_F, F1, F2;
 * G = -F'/sin, f'' = (F'' + cos G)/sin^2), checked against centred finite
 * differences of J (gradient, diagonal and mixed second differences) and of
 * the gradient formula (Hessian), in Arb at 256 bits, for every family,
 * n = 2 and 3 students, d = 2 .. 4, at random non-aligned points.  Also the
 * radial / tangential split of the gradient (s. 3) and the order-0 reading:
 * for arccos0 J does not depend on the norms (s. 7). */
#include "tsa_test.h"

#define FD_PREC 256
#define DMAX 4
#define NMAX 3

typedef struct
{
    tsa_ad_act_t act;
    slong p;
    arb_t c;
} fam_t;

static void
vdot(arb_t r, arb_srcptr a, arb_srcptr b, slong d, slong prec)
{
    arb_dot(r, NULL, 0, a, 1, b, 1, d, prec);
}

/* K(w, u) and, if wanted, grad_w K (d), H_ww (d x d) and H_wu (d x d,
 * rows: w index, columns: u index) from F, F', F''. */
static void
kern(arb_t K, arb_ptr gw, arb_ptr Hww, arb_ptr Hwu, arb_srcptr w,
     arb_srcptr u, slong d, const fam_t *fm, slong prec)
{
    arb_t r, s, rho, th, sn, cs, F, F1, F2, G, f2, A, B, t;
    arb_ptr e = _arb_vec_init(d), uh = _arb_vec_init(d),
            dA = _arb_vec_init(d), dB = _arb_vec_init(d),
            dr = _arb_vec_init(d), du = _arb_vec_init(d);
    slong k, l, p = fm->p;
    arb_init(r); arb_init(s); arb_init(rho); arb_init(th); arb_init(sn);
    arb_init(cs); arb_init(F); arb_init(F1); arb_init(F2); arb_init(G);
    arb_init(f2); arb_init(A); arb_init(B); arb_init(t);

    vdot(r, w, w, d, prec);
    arb_sqrt(r, r, prec);
    vdot(s, u, u, d, prec);
    arb_sqrt(s, s, prec);
    _arb_vec_scalar_div(e, w, d, r, prec);
    _arb_vec_scalar_div(uh, u, d, s, prec);
    vdot(rho, e, uh, d, prec);
    arb_acos(th, rho, prec);
    arb_sin_cos(sn, cs, th, prec);
    ck_assert_int_eq(tsa_ad_F(F, th, fm->act, fm->c, prec), TSA_SUCCESS);
    ck_assert_int_eq(tsa_ad_F1(F1, th, fm->act, fm->c, prec), TSA_SUCCESS);
    ck_assert_int_eq(tsa_ad_F2(F2, th, fm->act, fm->c, prec), TSA_SUCCESS);
    arb_div(G, F1, sn, prec);
    arb_neg(G, G);                         /* f'(rho) = G */
    arb_mul(f2, cs, G, prec);              /* f''(rho) = (F'' + cos G)/sin^2 */
    arb_add(f2, f2, F2, prec);
    arb_div(f2, f2, sn, prec);
    arb_div(f2, f2, sn, prec);
    arb_pow_ui(A, r, p, prec);
    arb_pow_ui(B, s, p, prec);
    arb_mul(K, A, B, prec);
    arb_mul(K, K, F, prec);
    /* grad A = p r^(p-1) e; grad_w rho = (uh - rho e)/r */
    arb_pow_ui(t, r, p > 0 ? p - 1 : 0, prec);
    arb_mul_si(t, t, p, prec);
    _arb_vec_scalar_mul(dA, e, d, t, prec);
    arb_pow_ui(t, s, p > 0 ? p - 1 : 0, prec);
    arb_mul_si(t, t, p, prec);
    _arb_vec_scalar_mul(dB, uh, d, t, prec);
    for (k = 0; k < d; k++)
    {
        arb_mul(t, rho, e + k, prec);
        arb_sub(dr + k, uh + k, t, prec);
        arb_div(dr + k, dr + k, r, prec);
        arb_mul(t, rho, uh + k, prec);
        arb_sub(du + k, e + k, t, prec);
        arb_div(du + k, du + k, s, prec);
    }
    if (gw != NULL) /* B (F grad A + A G grad rho) */
        for (k = 0; k < d; k++)
        {
            arb_mul(gw + k, F, dA + k, prec);
            arb_mul(t, A, G, prec);
            arb_addmul(gw + k, t, dr + k, prec);
            arb_mul(gw + k, gw + k, B, prec);
        }
    if (Hww != NULL)
        for (k = 0; k < d; k++)
            for (l = 0; l < d; l++)
            {
                arb_ptr h = Hww + k * d + l;
                arb_t x, y;
                arb_init(x);
                arb_init(y);
                /* hess A = p r^(p-2) (I + (p-2) e e^T) */
                arb_mul(x, e + k, e + l, prec);
                arb_mul_si(x, x, p - 2, prec);
                if (k == l)
                    arb_add_ui(x, x, 1, prec);
                if (p != 0)
                {
                    arb_pow_ui(y, r, 2, prec);
                    arb_div(x, x, y, prec);
                    arb_pow_ui(y, r, p, prec);
                    arb_mul(x, x, y, prec);
                    arb_mul_si(x, x, p, prec);
                }
                else
                    arb_zero(x);
                arb_mul(h, F, x, prec);
                /* + G (dA dr^T + dr dA^T) + A f'' dr dr^T */
                arb_mul(x, dA + k, dr + l, prec);
                arb_addmul(x, dr + k, dA + l, prec);
                arb_addmul(h, G, x, prec);
                arb_mul(x, dr + k, dr + l, prec);
                arb_mul(x, x, A, prec);
                arb_addmul(h, f2, x, prec);
                /* + A G hess rho, hess rho = (-uh e^T - e uh^T + 3 rho e e^T
                   - rho I) / r^2 */
                arb_mul(x, e + k, e + l, prec);
                arb_mul_ui(x, x, 3, prec);
                arb_mul(x, x, rho, prec);
                arb_submul(x, uh + k, e + l, prec);
                arb_submul(x, e + k, uh + l, prec);
                if (k == l)
                    arb_sub(x, x, rho, prec);
                arb_sqr(y, r, prec);
                arb_div(x, x, y, prec);
                arb_mul(x, x, A, prec);
                arb_addmul(h, G, x, prec);
                arb_mul(h, h, B, prec);
                arb_clear(x);
                arb_clear(y);
            }
    if (Hwu != NULL)
        for (k = 0; k < d; k++)
            for (l = 0; l < d; l++)
            {
                arb_ptr h = Hwu + k * d + l;
                arb_t x, y;
                arb_init(x);
                arb_init(y);
                /* F dA dB^T + G (B dA du^T + A dr dB^T) + A B f'' dr du^T
                   + A B G (I - uh uh^T - e e^T + rho e uh^T)/(r s) */
                arb_mul(h, dA + k, dB + l, prec);
                arb_mul(h, h, F, prec);
                arb_mul(x, dA + k, du + l, prec);
                arb_mul(x, x, B, prec);
                arb_mul(y, dr + k, dB + l, prec);
                arb_addmul(x, y, A, prec);
                arb_addmul(h, G, x, prec);
                arb_mul(x, A, B, prec);
                arb_mul(y, dr + k, du + l, prec);
                arb_mul(y, y, f2, prec);
                arb_addmul(h, x, y, prec);
                arb_mul(y, rho, e + k, prec);
                arb_mul(y, y, uh + l, prec);
                arb_submul(y, uh + k, uh + l, prec);
                arb_submul(y, e + k, e + l, prec);
                if (k == l)
                    arb_add_ui(y, y, 1, prec);
                arb_div(y, y, r, prec);
                arb_div(y, y, s, prec);
                arb_mul(y, y, G, prec);
                arb_addmul(h, x, y, prec);
                arb_clear(x);
                arb_clear(y);
            }
    _arb_vec_clear(e, d); _arb_vec_clear(uh, d); _arb_vec_clear(dA, d);
    _arb_vec_clear(dB, d); _arb_vec_clear(dr, d); _arb_vec_clear(du, d);
    arb_clear(r); arb_clear(s); arb_clear(rho); arb_clear(th); arb_clear(sn);
    arb_clear(cs); arb_clear(F); arb_clear(F1); arb_clear(F2); arb_clear(G);
    arb_clear(f2); arb_clear(A); arb_clear(B); arb_clear(t);
}

/* J(W), v fixed; W is n x d row-major. */
static void
loss(arb_t J, arb_srcptr W, arb_srcptr v, slong n, slong d, const fam_t *fm,
     slong prec)
{
    arb_t K, F0, t;
    slong i, j;
    arb_init(K); arb_init(F0); arb_init(t);
    arb_zero(t);
    ck_assert_int_eq(tsa_ad_F(F0, t, fm->act, fm->c, prec), TSA_SUCCESS);
    arb_zero(J);
    for (i = 0; i < n; i++)
    {
        for (j = i + 1; j < n; j++)
        {
            kern(K, NULL, NULL, NULL, W + i * d, W + j * d, d, fm, prec);
            arb_add(J, J, K, prec);
        }
        kern(K, NULL, NULL, NULL, W + i * d, v, d, fm, prec);
        arb_sub(J, J, K, prec);
        vdot(t, W + i * d, W + i * d, d, prec); /* 1/2 |w|^2p F(0) */
        arb_pow_ui(t, t, fm->p, prec);
        arb_mul(t, t, F0, prec);
        arb_mul_2exp_si(t, t, -1);
        arb_add(J, J, t, prec);
    }
    vdot(t, v, v, d, prec);
    arb_pow_ui(t, t, fm->p, prec);
    arb_mul(t, t, F0, prec);
    arb_mul_2exp_si(t, t, -1);
    arb_add(J, J, t, prec);
    arb_clear(K); arb_clear(F0); arb_clear(t);
}

/* gradient (n d) and Hessian (n d x n d) of J by the formulas */
static void
grad_hess(arb_ptr g, arb_ptr H, arb_srcptr W, arb_srcptr v, slong n,
          slong d, const fam_t *fm, slong prec)
{
    slong N = n * d, i, j, k, l;
    arb_t K, F0, t, r;
    arb_ptr gw = _arb_vec_init(d), Hww = _arb_vec_init(d * d),
            Hwu = _arb_vec_init(d * d);
    arb_init(K); arb_init(F0); arb_init(t); arb_init(r);
    arb_zero(t);
    ck_assert_int_eq(tsa_ad_F(F0, t, fm->act, fm->c, prec), TSA_SUCCESS);
    _arb_vec_zero(g, N);
    if (H != NULL)
        _arb_vec_zero(H, N * N);
    for (i = 0; i < n; i++)
    {
        arb_srcptr wi = W + i * d;
        for (j = 0; j < n; j++)
        {
            if (j == i)
                continue;
            kern(K, gw, Hww, Hwu, wi, W + j * d, d, fm, prec);
            _arb_vec_add(g + i * d, g + i * d, gw, d, prec);
            if (H != NULL)
                for (k = 0; k < d; k++)
                    for (l = 0; l < d; l++)
                    {
                        arb_add(H + (i * d + k) * N + i * d + l,
                                H + (i * d + k) * N + i * d + l,
                                Hww + k * d + l, prec);
                        arb_set(H + (i * d + k) * N + j * d + l, Hwu + k * d + l);
                    }
        }
        kern(K, gw, Hww, NULL, wi, v, d, fm, prec);
        _arb_vec_sub(g + i * d, g + i * d, gw, d, prec);
        /* self term 1/2 F0 |w|^2p: grad p F0 |w|^(2p-2) w, hessian
           p F0 |w|^(2p-2) (I + (2p-2) e e^T) */
        vdot(r, wi, wi, d, prec);
        arb_pow_ui(t, r, fm->p > 0 ? fm->p - 1 : 0, prec);
        arb_mul(t, t, F0, prec);
        arb_mul_si(t, t, fm->p, prec);
        for (k = 0; k < d; k++)
            arb_addmul(g + i * d + k, t, wi + k, prec);
        if (H != NULL)
            for (k = 0; k < d; k++)
                for (l = 0; l < d; l++)
                {
                    arb_ptr h = H + (i * d + k) * N + i * d + l;
                    arb_t x;
                    arb_init(x);
                    arb_mul(x, wi + k, wi + l, prec);
                    arb_div(x, x, r, prec);
                    arb_mul_si(x, x, 2 * fm->p - 2, prec);
                    if (k == l)
                        arb_add_ui(x, x, 1, prec);
                    arb_addmul(h, x, t, prec);
                    arb_sub(h, h, Hww + k * d + l, prec);
                    arb_clear(x);
                }
    }
    _arb_vec_clear(gw, d); _arb_vec_clear(Hww, d * d); _arb_vec_clear(Hwu, d * d);
    arb_clear(K); arb_clear(F0); arb_clear(t); arb_clear(r);
}

/* |x - y| <= tol (1 + |y|) */
static void
close(const char *what, const arb_t x, const arb_t y, double tol, slong it)
{
    arb_t e;
    double dx;
    arb_init(e);
    arb_sub(e, x, y, FD_PREC);
    arb_abs(e, e);
    dx = arf_get_d(arb_midref(e), ARF_RND_UP) + mag_get_d(arb_radref(e));
    if (!(dx <= tol * (1.0 + fabs(arf_get_d(arb_midref(y), ARF_RND_NEAR)))))
    {
        printf("%s: iter %ld: ", what, (long) it);
        arb_printd(x, 20);
        printf(" vs ");
        arb_printd(y, 20);
        printf("\n");
        ck_abort_msg("%s: formula and finite difference differ", what);
    }
    arb_clear(e);
}

static void
fam_pick(fam_t *fm, slong it)
{
    static const char *cs[] = {"0", "0.01", "0.1", "0.5"};
    arb_init(fm->c);
    switch (it % 6)
    {
    case 0: fm->act = TSA_AD_RELU; fm->p = 1; break;
    case 1: case 2: case 3:
        fm->act = TSA_AD_LEAKY; fm->p = 1;
        ck_assert_int_eq(tsa_io_parse_arb(fm->c, cs[it % 6], "c", FD_PREC), TSA_SUCCESS);
        break;
    case 4: fm->act = TSA_AD_ARCCOS2; fm->p = 2; break;
    default: fm->act = TSA_AD_ARCCOS0; fm->p = 0;
    }
}

START_TEST(t_fd)
{
    flint_rand_t st;
    slong it, prec = FD_PREC;
    arb_t J1, J2, J0, h, fd, t;
    tsa_test_seed(st);
    arb_init(J1); arb_init(J2); arb_init(J0); arb_init(h); arb_init(fd);
    arb_init(t);
    for (it = 0; it < 12 * tsa_test_multiplier(); it++)
    {
        slong n = 2 + it % 2, d = 2 + n_randint(st, 3), N = n * d, a, b;
        arb_ptr W = _arb_vec_init(N), v = _arb_vec_init(d),
                g = _arb_vec_init(N), g1 = _arb_vec_init(N),
                g2 = _arb_vec_init(N), H = _arb_vec_init(N * N);
        fam_t fm;
        fam_pick(&fm, it);
        for (a = 0; a < N; a++)
            arb_set_d(W + a, tsa_test_randd(st, -1.5, 1.5));
        for (a = 0; a < d; a++)
            arb_set_d(v + a, tsa_test_randd(st, -1.5, 1.5));
        grad_hess(g, H, W, v, n, d, &fm, prec);
        loss(J0, W, v, n, d, &fm, prec);
        arb_one(h);
        arb_mul_2exp_si(h, h, -30);
        for (a = 0; a < N; a++)
        {
            /* gradient: (J(W + h e_a) - J(W - h e_a)) / 2h */
            arb_add(W + a, W + a, h, prec);
            loss(J1, W, v, n, d, &fm, prec);
            grad_hess(g1, NULL, W, v, n, d, &fm, prec);
            arb_mul_2exp_si(t, h, 1);
            arb_sub(W + a, W + a, t, prec);
            loss(J2, W, v, n, d, &fm, prec);
            grad_hess(g2, NULL, W, v, n, d, &fm, prec);
            arb_add(W + a, W + a, h, prec);
            arb_sub(fd, J1, J2, prec);
            arb_div(fd, fd, t, prec);
            close("gradient", g + a, fd, 1e-12, it);
            /* Hessian column a from the gradient formula */
            for (b = 0; b < N; b++)
            {
                arb_sub(fd, g1 + b, g2 + b, prec);
                arb_div(fd, fd, t, prec);
                close("hessian", H + b * N + a, fd, 1e-12, it);
            }
            /* diagonal second difference of J itself */
            arb_sub(fd, J1, J0, prec);
            arb_sub(fd, fd, J0, prec);
            arb_add(fd, fd, J2, prec);
            arb_div(fd, fd, h, prec);
            arb_div(fd, fd, h, prec);
            close("hessian (J)", H + a * N + a, fd, 1e-12, it);
        }
        /* one mixed second difference of J: different students */
        {
            slong i0 = n_randint(st, d), j0 = d + n_randint(st, d);
            arb_t s;
            arb_init(s);
            arb_zero(s);
            for (a = 0; a < 4; a++)
            {
                slong si = (a & 1) ? -1 : 1, sj = (a & 2) ? -1 : 1;
                arb_mul_si(t, h, si, prec);
                arb_add(W + i0, W + i0, t, prec);
                arb_mul_si(fd, h, sj, prec);
                arb_add(W + j0, W + j0, fd, prec);
                loss(J1, W, v, n, d, &fm, prec);
                if (si * sj > 0)
                    arb_add(s, s, J1, prec);
                else
                    arb_sub(s, s, J1, prec);
                arb_sub(W + i0, W + i0, t, prec);
                arb_sub(W + j0, W + j0, fd, prec);
            }
            arb_div(s, s, h, prec);
            arb_div(s, s, h, prec);
            arb_mul_2exp_si(s, s, -2);
            close("mixed hessian (J)", H + i0 * N + j0, s, 1e-12, it);
            arb_clear(s);
        }
        arb_clear(fm.c);
        _arb_vec_clear(W, N); _arb_vec_clear(v, d); _arb_vec_clear(g, N);
        _arb_vec_clear(g1, N); _arb_vec_clear(g2, N); _arb_vec_clear(H, N * N);
    }
    arb_clear(J1); arb_clear(J2); arb_clear(J0); arb_clear(h); arb_clear(fd);
    arb_clear(t);
    flint_randclear(st);
}
END_TEST

/* s. 3: the radial equation, (w_i . grad_i J) / (p r_i^p)
 *   = P_i F(0) + sum_{j != i} P_j F_ij - |v|^p F_iv,   P_j = |w_j|^p. */
START_TEST(t_radial)
{
    flint_rand_t st;
    slong it, prec = FD_PREC;
    arb_t x, y, t, F0, th, F;
    tsa_test_seed(st);
    arb_init(x); arb_init(y); arb_init(t); arb_init(F0); arb_init(th);
    arb_init(F);
    for (it = 0; it < 10; it++)
    {
        slong n = 2 + it % 2, d = 3, N = n * d, i, j;
        arb_ptr W = _arb_vec_init(N), v = _arb_vec_init(d), g = _arb_vec_init(N);
        fam_t fm;
        fam_pick(&fm, it);
        if (fm.p == 0)
            fm.act = TSA_AD_RELU, fm.p = 1;
        for (i = 0; i < N; i++)
            arb_set_d(W + i, tsa_test_randd(st, -1.5, 1.5));
        for (i = 0; i < d; i++)
            arb_set_d(v + i, tsa_test_randd(st, -1.5, 1.5));
        grad_hess(g, NULL, W, v, n, d, &fm, prec);
        arb_zero(t);
        ck_assert_int_eq(tsa_ad_F(F0, t, fm.act, fm.c, prec), TSA_SUCCESS);
        for (i = 0; i < n; i++)
        {
            arb_srcptr u[NMAX + 1];
            slong m = 0;
            vdot(x, W + i * d, g + i * d, d, prec);
            vdot(t, W + i * d, W + i * d, d, prec);
            arb_sqrt(t, t, prec);
            arb_pow_ui(t, t, fm.p, prec);
            arb_div(x, x, t, prec);
            arb_div_si(x, x, fm.p, prec);       /* (w.g) / (p r^p) */
            arb_mul(y, F0, t, prec);              /* P_i F0 */
            for (j = 0; j < n; j++)
                if (j != i)
                    u[m++] = W + j * d;
            u[m++] = v;
            for (j = 0; j < m; j++)
            {
                arb_t ru, c2;
                arb_init(ru); arb_init(c2);
                vdot(ru, u[j], u[j], d, prec);
                vdot(c2, u[j], W + i * d, d, prec);
                arb_sqrt(ru, ru, prec);
                arb_div(c2, c2, ru, prec);
                vdot(th, W + i * d, W + i * d, d, prec);
                arb_sqrt(th, th, prec);
                arb_div(c2, c2, th, prec);
                arb_acos(th, c2, prec);
                ck_assert_int_eq(tsa_ad_F(F, th, fm.act, fm.c, prec), TSA_SUCCESS);
                arb_pow_ui(ru, ru, fm.p, prec);
                arb_mul(F, F, ru, prec);
                if (j == m - 1)
                    arb_sub(y, y, F, prec);
                else
                    arb_add(y, y, F, prec);
                arb_clear(ru); arb_clear(c2);
            }
            close("radial equation", x, y, 1e-60, it);
        }
        arb_clear(fm.c);
        _arb_vec_clear(W, N); _arb_vec_clear(v, d); _arb_vec_clear(g, N);
    }
    arb_clear(x); arb_clear(y); arb_clear(t); arb_clear(F0); arb_clear(th);
    arb_clear(F);
    flint_randclear(st);
}
END_TEST

/* s. 7: order 0.  J does not depend on the norms, and for n = 2 every
 * planar configuration with v on the shorter arc between the students has
 * J = 1/4 (the minimum), while aligned students also give 1/4. */
START_TEST(t_order0)
{
    flint_rand_t st;
    slong it, prec = FD_PREC;
    arb_t J, J2, q, s;
    fam_t fm;
    tsa_test_seed(st);
    arb_init(J); arb_init(J2); arb_init(q); arb_init(s);
    fam_pick(&fm, 5);
    for (it = 0; it < 40; it++)
    {
        arb_ptr W = _arb_vec_init(6), v = _arb_vec_init(3);
        double a = tsa_test_randd(st, 0.01, 3.0), b, sc;
        slong k;
        b = tsa_test_randd(st, 0.01, 3.1 - a);
        arb_one(v);                                   /* v = e1 */
        arb_set_d(W + 0, 2.0 * cos(a));               /* angle a above */
        arb_set_d(W + 1, 2.0 * sin(a));
        arb_set_d(W + 3, 0.5 * cos(b));               /* angle b below */
        arb_set_d(W + 4, -0.5 * sin(b));
        loss(J, W, v, 2, 3, &fm, prec);
        arb_set_d(q, 0.25);
        arb_add_error_2exp_si(q, -200);
        ck_assert(arb_overlaps(J, q));
        /* rescaling a student does not change J */
        sc = tsa_test_randd(st, 0.1, 10.0);
        arb_set_d(s, sc);
        for (k = 0; k < 3; k++)
        {
            arb_mul_2exp_si(W + k, W + k, 3);
            arb_mul(W + 3 + k, W + 3 + k, s, prec);
        }
        loss(J2, W, v, 2, 3, &fm, prec);
        ck_assert(arb_overlaps(J, J2));
        /* a random non-planar configuration has J >= 1/4 */
        for (k = 0; k < 6; k++)
            arb_set_d(W + k, tsa_test_randd(st, -1, 1));
        loss(J, W, v, 2, 3, &fm, prec);
        arb_sub(s, J, q, prec);
        ck_assert(!arb_is_negative(s));
        _arb_vec_clear(W, 6);
        _arb_vec_clear(v, 3);
    }
    arb_clear(fm.c);
    arb_clear(J); arb_clear(J2); arb_clear(q); arb_clear(s);
    flint_randclear(st);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_fd, t_radial, t_order0};
    return tsa_test_main("ad_align_fd", tests, 3, 0);
}
