/* kref.c -- see kref.h.  Phi2 = int_{-h}^inf phi(x) Phi((rho x + k)/sig) dx,
 * Mh = int_{-h}^inf phi(x) m(x) dx, M = int_{-h}^inf phi(x) (x + h) m(x) dx,
 * m(x) = E[(Y + k)_+ | X = x] = mu Phi(mu/sig) + sig phi(mu/sig),
 * mu = rho x + k, sig = sin theta.  Tails beyond T > 0:
 *   int_T^inf phi(x) (x + a)^j dx <= phi(T) (T + 2a + (1 + a^2)/T)  (j <= 2)
 * with a = |h| + |k| + 1 bounding all three integrands. */
#include "kref.h"
#include <math.h>

typedef struct
{
    arb_struct h[1], k[1], rho[1], sig[1];
    int which; /* 0: Phi2, 1: Mh, 2: M */
    int mode;  /* 0: generic, 1: theta = 0, 2: theta = pi */
} kpar;

/* Phi and phi of a complex ball */
static void
cPhi(acb_t r, const acb_t z, slong prec)
{
    acb_t t;
    arb_t c;
    acb_init(t);
    arb_init(c);
    arb_rsqrt_ui(c, 2, prec);
    acb_mul_arb(t, z, c, prec); /* z / sqrt 2 */
    arb_clear(c);
    acb_neg(t, t);
    acb_hypgeom_erfc(r, t, prec);
    acb_mul_2exp_si(r, r, -1);
    acb_clear(t);
}

static void
cphi(acb_t r, const acb_t z, slong prec)
{
    arb_t c;
    arb_init(c);
    acb_sqr(r, z, prec);
    acb_mul_2exp_si(r, r, -1);
    acb_neg(r, r);
    acb_exp(r, r, prec);
    arb_const_pi(c, prec);
    arb_mul_2exp_si(c, c, 1);
    arb_rsqrt(c, c, prec);
    acb_mul_arb(r, r, c, prec);
    arb_clear(c);
}

static int
kfunc(acb_ptr res, const acb_t x, void *param, slong order, slong prec)
{
    kpar *P = param;
    acb_t mu, t, m;
    acb_init(mu);
    acb_init(t);
    acb_init(m);
    (void)order;
    if (P->mode == 0)
    {
        acb_mul_arb(mu, x, P->rho, prec);
        acb_add_arb(mu, mu, P->k, prec);
        acb_div_arb(t, mu, P->sig, prec);
        if (P->which == 0)
            cPhi(m, t, prec);
        else
        {
            cPhi(m, t, prec);
            acb_mul(m, m, mu, prec);
            cphi(t, t, prec);
            acb_addmul_arb(m, t, P->sig, prec);
        }
    }
    else
    {
        /* sig = 0: Y = x (theta = 0) or -x (pi); the integration range
           already enforces Y + k > 0, so m(x) = rho x + k */
        acb_mul_arb(m, x, P->rho, prec);
        acb_add_arb(m, m, P->k, prec);
        if (P->which == 0)
            acb_one(m);
    }
    if (P->which == 2)
    {
        acb_add_arb(t, x, P->h, prec);
        acb_mul(m, m, t, prec);
    }
    cphi(t, x, prec);
    acb_mul(res, m, t, prec);
    acb_clear(mu);
    acb_clear(t);
    acb_clear(m);
    return 0;
}

void
kref_bvn(arb_t P, arb_t M, arb_t Mh, const arb_t h, const arb_t k,
         const arb_t th, int at_pi, slong prec)
{
    kpar par;
    acb_t a, b, r;
    arb_t T, t, u;
    mag_t tol, tail;
    acb_calc_integrate_opt_t opt;
    slong wp = prec + 20, i;
    int empty = 0;
    arb_init(par.h);
    arb_init(par.k);
    arb_init(par.rho);
    arb_init(par.sig);
    acb_init(a);
    acb_init(b);
    acb_init(r);
    arb_init(T);
    arb_init(t);
    arb_init(u);
    mag_init(tol);
    mag_init(tail);
    acb_calc_integrate_opt_init(opt);
    opt->eval_limit = 100000 * prec;
    arb_set(par.h, h);
    arb_set(par.k, k);
    if (at_pi)
    {
        par.mode = 2;
        arb_set_si(par.rho, -1);
    }
    else if (arb_is_zero(th))
    {
        par.mode = 1;
        arb_one(par.rho);
    }
    else
    {
        par.mode = 0;
        arb_sin_cos(par.sig, par.rho, th, wp);
    }
    /* range: x > -h, and for sig = 0 also Y + k > 0 */
    arb_neg(acb_realref(a), h);
    if (par.mode == 1 && arb_lt(k, h))
        arb_neg(acb_realref(a), k);
    /* T = |h| + |k| + 2 + sqrt(2 (wp + 64)): the tail is below
       2^-(wp+64) absolutely (kref_check falls back to overlap where the
       value is so small that this ref is the wider ball) */
    arb_abs(T, h);
    arb_abs(t, k);
    arb_add(T, T, t, wp);
    arb_add_ui(T, T, 2, wp);
    arb_set_si(t, 2 * (wp + 64));
    arb_sqrt(t, t, 53);
    arb_add(T, T, t, wp);
    arf_set_round(arb_midref(T), arb_midref(T), 30, ARF_RND_UP);
    mag_zero(arb_radref(T));
    arb_set(acb_realref(b), T);
    if (par.mode == 2)
    {
        /* Y = -X: range -h < x < k */
        if (arb_lt(k, T))
            arb_set(acb_realref(b), k);
        if (!arb_lt(acb_realref(a), acb_realref(b)))
            empty = 1;
    }
    /* tail bound (not needed when the range ends at k) */
    mag_zero(tail);
    if (!(par.mode == 2 && arb_lt(k, T)))
    {
        arb_t a2;
        arb_init(a2);
        arb_abs(a2, h);
        arb_abs(t, k);
        arb_add(a2, a2, t, wp);
        arb_add_ui(a2, a2, 1, wp); /* a */
        arb_sqr(t, a2, wp);
        arb_add_ui(t, t, 1, wp);
        arb_div(t, t, T, wp);
        arb_addmul_ui(t, a2, 2, wp);
        arb_add(t, t, T, wp);
        arb_sqr(u, T, wp);
        arb_mul_2exp_si(u, u, -1);
        arb_neg(u, u);
        arb_exp(u, u, wp);
        arb_mul(t, t, u, wp); /* phi(T) sqrt(2pi) * (...) */
        arb_get_mag(tail, t);
        arb_clear(a2);
    }
    mag_set_ui_2exp_si(tol, 1, -wp - 64);
    for (i = 0; i < 3; i++)
    {
        arb_ptr out = (i == 0) ? P : (i == 1 ? Mh : M);
        if (out == NULL)
            continue;
        par.which = i;
        if (empty)
            acb_zero(r);
        else
            acb_calc_integrate(r, kfunc, &par, a, b, wp, tol, opt, wp);
        arb_set(out, acb_realref(r));
        arb_add_error_mag(out, tail);
    }
    arb_clear(par.h);
    arb_clear(par.k);
    arb_clear(par.rho);
    arb_clear(par.sig);
    acb_clear(a);
    acb_clear(b);
    acb_clear(r);
    arb_clear(T);
    arb_clear(t);
    arb_clear(u);
    mag_clear(tol);
    mag_clear(tail);
}

void
kref_leaky(arb_t Mc, arb_t Mch, arb_t Pc, const arb_t h, const arb_t k,
           const arb_t th, const arb_t c, slong prec)
{
    arb_t P, M, Mh, nh, nk, tp, c2;
    int atpi = 0, atpi2 = 0;
    slong i;
    (void)i;
    arb_init(P);
    arb_init(M);
    arb_init(Mh);
    arb_init(nh);
    arb_init(nk);
    arb_init(tp);
    arb_init(c2);
    arb_neg(nh, h);
    arb_neg(nk, k);
    arb_sqr(c2, c, prec);
    /* th exactly 0 <-> pi - th = pi; th is never pi here (callers pass
       theta = pi as 0 of the mirrored pair) */
    if (arb_is_zero(th))
        atpi2 = 1;
    arb_const_pi(tp, prec + 20);
    arb_sub(tp, tp, th, prec + 20);
    for (i = 0; i < 4; i++)
    {
        const arb_struct *hh = (i < 2) ? h : nh;
        const arb_struct *kk = (i == 0 || i == 2) ? k : nk;
        const arb_struct *tt = (i == 0 || i == 3) ? th : tp;
        int ap = (i == 0 || i == 3) ? atpi : atpi2;
        if (i > 0 && arb_is_zero(c))
            break;
        kref_bvn(P, M, Mh, hh, kk, tt, ap, prec);
        if (i == 0)
        {
            if (Pc)
                arb_set(Pc, P);
            if (Mc)
                arb_set(Mc, M);
            if (Mch)
                arb_set(Mch, Mh);
        }
        else if (i < 3)
        {
            if (Pc)
                arb_addmul(Pc, c, P, prec);
            if (Mc)
                arb_submul(Mc, c, M, prec);
            if (Mch)
            {
                if (i == 1)
                    arb_submul(Mch, c, Mh, prec);
                else
                    arb_addmul(Mch, c, Mh, prec);
            }
        }
        else
        {
            if (Pc)
                arb_addmul(Pc, c2, P, prec);
            if (Mc)
                arb_addmul(Mc, c2, M, prec);
            if (Mch)
                arb_submul(Mch, c2, Mh, prec);
        }
    }
    arb_clear(P);
    arb_clear(M);
    arb_clear(Mh);
    arb_clear(nh);
    arb_clear(nk);
    arb_clear(tp);
    arb_clear(c2);
}

static void
ksigma(arb_t r, const arb_t b, const arb_t c, slong prec)
{
    if (arb_is_positive(b))
        arb_set(r, b);
    else
        arb_mul(r, b, c, prec);
}

void
kref_psi(arb_t psil, arb_t psid, arb_srcptr w, arb_srcptr u, slong d, int bias,
         const arb_t s, const arb_t c, slong prec)
{
    arb_t nw, nu, dot, h, k, th, t, Mc, Pc, bw, bu;
    slong wp = prec + 30;
    arb_init(nw);
    arb_init(nu);
    arb_init(dot);
    arb_init(h);
    arb_init(k);
    arb_init(th);
    arb_init(t);
    arb_init(Mc);
    arb_init(Pc);
    arb_init(bw);
    arb_init(bu);
    arb_dot(nw, NULL, 0, w, 1, w, 1, d, wp);
    arb_dot(nu, NULL, 0, u, 1, u, 1, d, wp);
    arb_dot(dot, NULL, 0, w, 1, u, 1, d, wp);
    if (bias)
    {
        arb_set(bw, w + d);
        arb_set(bu, u + d);
    }
    if (arb_is_zero(nw) || arb_is_zero(nu))
    {
        /* one activation is the constant sigma(b): psi_l = sigma(b) *
           E[sigma(v.xt)] with E[sigma(sn(Y + kk))] by the 1-D integral
           of kref_bvn at theta = 0 and k = +-infinity replaced by the
           identity E[(Y+kk)_+] = Mh(big, kk, 0)... here simply:
           E[(Y+kk)_+] = kk Phi(kk) + phi(kk) evaluated with erfc. */
        const arb_struct *b0 = arb_is_zero(nw) ? bw : bu;
        const arb_struct *b1 = arb_is_zero(nw) ? bu : bw;
        arb_t m1, P1, e1, e1d, n1;
        arb_init(n1);
        arb_set(n1, arb_is_zero(nw) ? nu : nw);
        arb_init(m1);
        arb_init(P1);
        arb_init(e1);
        arb_init(e1d);
        if (arb_is_zero(n1))
        {
            ksigma(e1, b1, c, wp);
            if (arb_is_positive(b1))
                arb_one(e1d);
            else
                arb_set(e1d, c);
        }
        else
        {
            arb_sqrt(n1, n1, wp);
            arb_mul(t, s, n1, wp);
            arb_div(k, b1, t, wp);
            /* Phi(k) via erfc, phi(k) via exp: E[(Y+k)_+] = k Phi(k) + phi(k)
             */
            arb_sqrt_ui(P1, 2, wp);
            arb_div(P1, k, P1, wp);
            arb_neg(P1, P1);
            arb_hypgeom_erfc(P1, P1, wp);
            arb_mul_2exp_si(P1, P1, -1);
            arb_sqr(m1, k, wp);
            arb_mul_2exp_si(m1, m1, -1);
            arb_neg(m1, m1);
            arb_exp(m1, m1, wp);
            arb_const_pi(e1, wp);
            arb_mul_2exp_si(e1, e1, 1);
            arb_rsqrt(e1, e1, wp);
            arb_mul(m1, m1, e1, wp);
            arb_addmul(m1, k, P1, wp);
            /* E[sigma] = m1 - c (m1 - k), E[sigma'] = c + (1 - c) Phi(k) */
            arb_sub(e1, m1, k, wp);
            arb_mul(e1, e1, c, wp);
            arb_sub(e1, m1, e1, wp);
            arb_mul(e1, e1, t, wp);
            arb_sub_ui(e1d, c, 1, wp);
            arb_neg(e1d, e1d);
            arb_mul(e1d, e1d, P1, wp);
            arb_add(e1d, e1d, c, wp);
        }
        if (psil)
        {
            ksigma(t, b0, c, wp);
            arb_mul(psil, t, e1, wp);
        }
        if (psid)
        {
            if (arb_is_positive(b0))
                arb_one(t);
            else
                arb_set(t, c);
            arb_mul(psid, t, e1d, wp);
        }
        arb_clear(n1);
        arb_clear(m1);
        arb_clear(P1);
        arb_clear(e1);
        arb_clear(e1d);
    }
    else
    {
        arb_sqrt(nw, nw, wp);
        arb_sqrt(nu, nu, wp);
        arb_mul(t, s, nw, wp);
        arb_div(h, bw, t, wp);
        arb_mul(t, s, nu, wp);
        arb_div(k, bu, t, wp);
        arb_div(t, dot, nw, wp);
        arb_div(t, t, nu, wp);
        if (arb_contains_si(t, 1) || arb_contains_si(t, -1))
        {
            /* exactly (anti)parallel inputs: the exact limit */
            arb_zero(th);
            if (arb_is_negative(dot))
            {
                /* theta = pi: mirror the pair (X, Y) -> (X, -Y): M(h,k,pi) =
                   E[(X+h)_+(k-X)_+]; kref_leaky handles theta = 0 only, so
                   evaluate each term of the combination directly */
                arb_t P, M, Mh, nh, nk, c2, z;
                arb_init(P);
                arb_init(M);
                arb_init(Mh);
                arb_init(nh);
                arb_init(nk);
                arb_init(c2);
                arb_init(z);
                arb_neg(nh, h);
                arb_neg(nk, k);
                arb_sqr(c2, c, wp);
                kref_bvn(P, M, NULL, h, k, z, 1, wp);
                arb_set(Pc, P);
                arb_set(Mc, M);
                kref_bvn(P, M, NULL, h, nk, z, 0, wp);
                arb_addmul(Pc, c, P, wp);
                arb_submul(Mc, c, M, wp);
                kref_bvn(P, M, NULL, nh, k, z, 0, wp);
                arb_addmul(Pc, c, P, wp);
                arb_submul(Mc, c, M, wp);
                kref_bvn(P, M, NULL, nh, nk, z, 1, wp);
                arb_addmul(Pc, c2, P, wp);
                arb_addmul(Mc, c2, M, wp);
                arb_clear(P);
                arb_clear(M);
                arb_clear(Mh);
                arb_clear(nh);
                arb_clear(nk);
                arb_clear(c2);
                arb_clear(z);
            }
            else
                kref_leaky(Mc, NULL, Pc, h, k, th, c, prec + 10);
        }
        else
        {
            arb_acos(th, t, wp);
            kref_leaky(Mc, NULL, Pc, h, k, th, c, prec + 10);
        }
        if (psil)
        {
            arb_mul(t, nw, nu, wp);
            arb_mul(t, t, s, wp);
            arb_mul(t, t, s, wp);
            arb_mul(psil, t, Mc, wp);
        }
        if (psid)
            arb_set(psid, Pc);
    }
    arb_clear(nw);
    arb_clear(nu);
    arb_clear(dot);
    arb_clear(h);
    arb_clear(k);
    arb_clear(th);
    arb_clear(t);
    arb_clear(Mc);
    arb_clear(Pc);
    arb_clear(bw);
    arb_clear(bu);
}

double
kref_rand_hk(flint_rand_t st)
{
    switch (n_randint(st, 8))
    {
    case 0:
        return 0.0;
    case 1:
        return ldexp(tsa_test_randd(st, -1, 1), -(int)n_randint(st, 60));
    case 2:
        return tsa_test_randd(st, -30, 30);
    case 3:
        return (double)((slong)n_randint(st, 61) - 30);
    default:
        return tsa_test_randd(st, -4, 4);
    }
}

double
kref_rand_theta(flint_rand_t st)
{
    switch (n_randint(st, 10))
    {
    case 0:
        return 0.0;
    case 1:
        return ldexp(1.0 + tsa_test_randd(st, 0, 1),
                     -(int)n_randint(st, 50) - 1);
    case 2:
        return M_PI
               - ldexp(1.0 + tsa_test_randd(st, 0, 1),
                       -(int)n_randint(st, 45) - 3);
    case 3:
        return M_PI_2;
    default:
        return tsa_test_randd(st, 0, M_PI);
    }
}

void
kref_check(const char *label, const arb_t val, const arb_t ref, slong iter)
{
    mag_t m;
    int sharp;
    mag_init(m);
    mag_mul_2exp_si(m, arb_radref(ref), 4);
    sharp = mag_cmp(m, arb_radref(val)) < 0 && !arb_contains_zero(ref);
    if (sharp)
    {
        /* strict containment of the (much narrower) reference */
        tsa_test_contains(label, val, ref, iter);
    }
    else
        tsa_test_overlaps(label, val, ref, iter);
    mag_clear(m);
}

void
kref_rand_pair(arb_ptr w, arb_ptr u, slong d, int bias, arb_t s, arb_t c,
               flint_rand_t st)
{
    slong i, n = d + (bias != 0);
    int sc = (int)n_randint(st, 41) - 20;
    for (i = 0; i < n; i++)
    {
        arb_set_d(w + i, tsa_test_randd(st, -2, 2));
        arb_set_d(u + i, tsa_test_randd(st, -2, 2));
    }
    switch (n_randint(st, 8))
    {
    case 0: /* parallel or antiparallel, exact multiple 2^j or 3 */
        for (i = 0; i < d; i++)
        {
            arb_mul_si(u + i, w + i, n_randint(st, 2) ? 3 : -1, 60);
            arb_mul_2exp_si(u + i, u + i, (slong)n_randint(st, 5) - 2);
        }
        break;
    case 1:
        for (i = 0; i < d; i++)
            arb_zero(w + i);
        break;
    case 2:
        for (i = 0; i < d; i++)
            arb_zero(u + i);
        break;
    case 3:
        if (bias)
        {
            arb_zero(w + d);
            arb_zero(u + d);
        }
        break;
    case 4:
        for (i = 0; i < n; i++)
            arb_mul_2exp_si(w + i, w + i, sc);
        break;
    default:
        break;
    }
    if (bias && n_randint(st, 6) == 0)
        arb_mul_2exp_si(w + d, w + d, 4); /* large |h| */
    if (bias && n_randint(st, 8) == 0)
        arb_neg(u + d, w + d);
    arb_set_d(s, n_randint(st, 3) ? 1.0 : tsa_test_randd(st, 0.25, 4));
    if (n_randint(st, 3) == 0)
        arb_zero(c);
    else
        arb_set_d(c, tsa_test_randd(st, 0, 0.99));
}

void
kref_print_pair(arb_srcptr w, arb_srcptr u, slong d, int bias, const arb_t s,
                const arb_t c, slong prec, slong iter)
{
    slong i;
    printf("# iter %ld prec %ld seed %lu d %ld bias %d\n# w =", (long)iter,
           (long)prec, (unsigned long)tsa_test_current_seed(), (long)d, bias);
    for (i = 0; i < d + (bias != 0); i++)
    {
        printf(" ");
        arb_printn(w + i, 20, ARB_STR_NO_RADIUS);
    }
    printf("\n# u =");
    for (i = 0; i < d + (bias != 0); i++)
    {
        printf(" ");
        arb_printn(u + i, 20, ARB_STR_NO_RADIUS);
    }
    printf("\n# s = ");
    arb_printn(s, 20, 0);
    printf(" c = ");
    arb_printn(c, 20, 0);
    printf("\n");
    fflush(stdout);
}
