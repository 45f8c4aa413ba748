/* t-bvn.c -- tsa_kernel_bvn: Phi2, M, Mh against the independent 1-D
 * reduction of kref.c, closed forms at zero bias, an identity, ball inputs
 * and domain errors (the Arb/FLINT test convention). */
#include "kref.h"
#include <math.h>
#include <string.h>

static void
print_in(slong iter, double h, double k, double th, slong prec)
{
    printf("# iter %ld h = %a k = %a theta = %a prec %ld seed %lu\n",
           (long)iter, h, k, th, (long)prec,
           (unsigned long)tsa_test_current_seed());
}

/* exact random inputs: containment of the reference and tightness */
START_TEST(t_ref)
{
    flint_rand_t st;
    arb_t h, k, th, P, M, Mh, rP, rM, rMh;
    slong iter;
    tsa_test_seed(st);
    arb_init(h);
    arb_init(k);
    arb_init(th);
    arb_init(P);
    arb_init(M);
    arb_init(Mh);
    arb_init(rP);
    arb_init(rM);
    arb_init(rMh);
    for (iter = 0; iter < 25 * tsa_test_multiplier(); iter++)
    {
        double hd = kref_rand_hk(st), kd = kref_rand_hk(st);
        double thd = kref_rand_theta(st);
        slong prec = 30 + n_randint(st, 200);
        int atpi;
        if (n_randint(st, 6) == 0)
            kd = hd;
        else if (n_randint(st, 6) == 0)
            kd = -hd;
        atpi = (n_randint(st, 12) == 0);
        arb_set_d(h, hd);
        arb_set_d(k, kd);
        if (n_randint(st, 5) == 0)
        {
            /* k = +-h + 2^-j exactly: |h -+ k| tiny but not 0, the
               small-C end integral (docs/kernels.md s.1) */
            arb_t e;
            arb_init(e);
            arb_one(e);
            arb_mul_2exp_si(e, e, -(slong)(20 + n_randint(st, 200)));
            if (n_randint(st, 2))
                arb_neg(k, h);
            else
                arb_set(k, h);
            arb_add(k, k, e, ARF_PREC_EXACT);
            kd = arf_get_d(arb_midref(k), ARF_RND_NEAR);
            arb_clear(e);
        }
        if (atpi)
        {
            arb_const_pi(th, 2 * prec + 100);
            thd = M_PI;
        }
        else
            arb_set_d(th, thd);
        ck_assert_int_eq(tsa_kernel_bvn(P, M, Mh, h, k, th, prec),
                         TSA_SUCCESS);
        if (atpi)
            arb_zero(th);
        kref_bvn(rP, rM, rMh, h, k, th, atpi, prec + 20);
        /* the code intersects with the known ranges Phi2 in [0, 1],
           M, Mh >= 0; do the same to the references */
        {
            arb_t r01;
            arb_init(r01);
            arb_one(r01);
            mag_one(arb_radref(r01));
            arb_mul_2exp_si(r01, r01, -1);
            if (!arb_intersection(rP, rP, r01, prec + 40))
                ck_abort_msg("reference Phi2 outside [0, 1]");
            arb_clear(r01);
        }
        arb_nonnegative_part(rM, rM);
        arb_nonnegative_part(rMh, rMh);
        if (!arb_overlaps(P, rP) || !arb_overlaps(M, rM)
            || !arb_overlaps(Mh, rMh))
            print_in(iter, hd, kd, thd, prec);
        kref_check("Phi2 vs 1-D reduction", P, rP, iter);
        kref_check("M vs 1-D reduction", M, rM, iter);
        kref_check("Mh vs 1-D reduction", Mh, rMh, iter);
        if (!atpi)
        {
            /* exact inputs: accuracy at least prec - 20 bits */
            tsa_test_accurate("Phi2 tight", P, prec - 20, iter);
            tsa_test_accurate("M tight", M, prec - 20, iter);
            tsa_test_accurate("Mh tight", Mh, prec - 20, iter);
        }
    }
    arb_clear(h);
    arb_clear(k);
    arb_clear(th);
    arb_clear(P);
    arb_clear(M);
    arb_clear(Mh);
    arb_clear(rP);
    arb_clear(rM);
    arb_clear(rMh);
    flint_randclear(st);
}
END_TEST

/* h = k = 0: Phi2 = (pi - th)/(2pi), M = F(th) = (sin th + (pi - th)
 * cos th)/(2pi) (DESIGN s.2), Mh = (1 + cos th)/(2 sqrt(2 pi)) */
START_TEST(t_zero_bias)
{
    flint_rand_t st;
    arb_t z, th, P, M, Mh, r, t, pi;
    slong iter, prec;
    tsa_test_seed(st);
    arb_init(z);
    arb_init(th);
    arb_init(P);
    arb_init(M);
    arb_init(Mh);
    arb_init(r);
    arb_init(t);
    arb_init(pi);
    for (iter = 0; iter < 100 * tsa_test_multiplier(); iter++)
    {
        double thd = kref_rand_theta(st);
        prec = tsa_test_randprec(st);
        arb_set_d(th, thd);
        ck_assert_int_eq(tsa_kernel_bvn(P, M, Mh, z, z, th, prec),
                         TSA_SUCCESS);
        arb_const_pi(pi, 2 * prec + 100);
        arb_sub(r, pi, th, 2 * prec + 100);
        arb_div(r, r, pi, 2 * prec + 100);
        arb_mul_2exp_si(r, r, -1);
        tsa_test_overlaps("Phi2(0,0,th)", P, r, iter);
        arb_cos(t, th, 2 * prec + 100);
        arb_sub(r, pi, th, 2 * prec + 100);
        arb_mul(r, r, t, 2 * prec + 100);
        arb_sin(t, th, 2 * prec + 100);
        arb_add(r, r, t, 2 * prec + 100);
        arb_div(r, r, pi, 2 * prec + 100);
        arb_mul_2exp_si(r, r, -1);
        tsa_test_overlaps("M(0,0,th) = F", M, r, iter);
        arb_cos(t, th, 2 * prec + 100);
        arb_add_ui(t, t, 1, 2 * prec + 100);
        arb_mul_2exp_si(r, pi, 1);
        arb_rsqrt(r, r, 2 * prec + 100);
        arb_mul(r, r, t, 2 * prec + 100);
        arb_mul_2exp_si(r, r, -1);
        tsa_test_overlaps("Mh(0,0,th)", Mh, r, iter);
        tsa_test_accurate("Phi2(0,0,th) tight", P, prec - 20, iter);
        tsa_test_accurate("M(0,0,th) tight", M, prec - 20, iter);
        /* the quadrature path near zero bias: h = k = 2^-(prec+10) is not
           special-cased, and |Phi2(h,k) - Phi2(0,0)| <= phi(0)(|h|+|k|)
           < 2^-(prec+9), |M(h,k) - M(0,0)| <= (1/2 + 1/2)(|h| + |k|) */
        if (prec > 300)
            continue; /* |h -+ k| ~ 2^-prec is a slow case (docs s.9) */
        arb_one(t);
        arb_mul_2exp_si(t, t, -prec - 10);
        if (n_randint(st, 2))
        {
            arb_t t2;
            arb_init(t2);
            arb_neg(t2, t);
            ck_assert_int_eq(tsa_kernel_bvn(P, M, NULL, t, t2, th, prec),
                             TSA_SUCCESS);
            arb_clear(t2);
        }
        else
            ck_assert_int_eq(tsa_kernel_bvn(P, M, NULL, t, t, th, prec),
                             TSA_SUCCESS);
        arb_const_pi(pi, 2 * prec + 100);
        arb_sub(r, pi, th, 2 * prec + 100);
        arb_div(r, r, pi, 2 * prec + 100);
        arb_mul_2exp_si(r, r, -1);
        mag_set_ui_2exp_si(arb_radref(t), 1, -prec - 8);
        arb_add_error_mag(r, arb_radref(t));
        tsa_test_overlaps("Phi2 near h = k = 0 by quadrature", P, r, iter);
        tsa_test_accurate("Phi2 near h = k = 0 tight", P, prec - 20, iter);
    }
    arb_clear(z);
    arb_clear(th);
    arb_clear(P);
    arb_clear(M);
    arb_clear(Mh);
    arb_clear(r);
    arb_clear(t);
    arb_clear(pi);
    flint_randclear(st);
}
END_TEST

/* identity (overlap): Phi2(h,k,th) + Phi2(-h,k,pi-th) = Phi(k), which
 * mixes the quadrature forms (b) and (c); and the two precisions overlap */
START_TEST(t_identity)
{
    flint_rand_t st;
    arb_t h, k, nh, th, tp, P1, P2, r, M1, M2;
    slong iter, prec;
    tsa_test_seed(st);
    arb_init(h);
    arb_init(k);
    arb_init(nh);
    arb_init(th);
    arb_init(tp);
    arb_init(P1);
    arb_init(P2);
    arb_init(r);
    arb_init(M1);
    arb_init(M2);
    for (iter = 0; iter < 30 * tsa_test_multiplier(); iter++)
    {
        double hd = kref_rand_hk(st), kd = kref_rand_hk(st);
        double thd = kref_rand_theta(st);
        prec = 30 + n_randint(st, 300);
        arb_set_d(h, hd);
        arb_set_d(k, kd);
        arb_neg(nh, h);
        arb_set_d(th, thd);
        arb_const_pi(tp, prec + 40);
        arb_sub(tp, tp, th, prec + 40);
        ck_assert_int_eq(tsa_kernel_bvn(P1, M1, NULL, h, k, th, prec),
                         TSA_SUCCESS);
        ck_assert_int_eq(tsa_kernel_bvn(P2, NULL, NULL, nh, k, tp, prec),
                         TSA_SUCCESS);
        arb_add(P1, P1, P2, prec);
        arb_sqrt_ui(r, 2, prec + 40);
        arb_div(r, k, r, prec + 40);
        arb_neg(r, r);
        arb_hypgeom_erfc(r, r, prec + 40);
        arb_mul_2exp_si(r, r, -1);
        tsa_test_overlaps("Phi2(h,k,th) + Phi2(-h,k,pi-th) = Phi(k)", P1, r,
                          iter);
        /* another precision */
        ck_assert_int_eq(tsa_kernel_bvn(NULL, M2, NULL, h, k, th, prec + 64),
                         TSA_SUCCESS);
        tsa_test_overlaps("M at two precisions", M1, M2, iter);
    }
    arb_clear(h);
    arb_clear(k);
    arb_clear(nh);
    arb_clear(th);
    arb_clear(tp);
    arb_clear(P1);
    arb_clear(P2);
    arb_clear(r);
    arb_clear(M1);
    arb_clear(M2);
    flint_randclear(st);
}
END_TEST

/* mid + t rad, t uniform in [-1, 1] on a 2^-30 grid (exact) */
static void
point_in(arb_t out, const arb_t ball, flint_rand_t st)
{
    arf_t t;
    arf_init(t);
    arf_set_si_2exp_si(
        t, (slong)n_randint(st, (UWORD(1) << 31) + 1) - (WORD(1) << 30), -30);
    arf_set_mag(arb_midref(out), arb_radref(ball));
    arf_mul(arb_midref(out), arb_midref(out), t, ARF_PREC_EXACT, ARF_RND_DOWN);
    arf_add(arb_midref(out), arb_midref(out), arb_midref(ball), ARF_PREC_EXACT,
            ARF_RND_DOWN);
    mag_zero(arb_radref(out));
    arf_clear(t);
}

/* ball inputs: the output contains the values at exact points inside */
START_TEST(t_ball)
{
    flint_rand_t st;
    arb_t h, k, th, P, M, Mh, x, y, z, P1, M1, Mh1;
    slong iter, prec, j;
    tsa_test_seed(st);
    arb_init(h);
    arb_init(k);
    arb_init(th);
    arb_init(P);
    arb_init(M);
    arb_init(Mh);
    arb_init(x);
    arb_init(y);
    arb_init(z);
    arb_init(P1);
    arb_init(M1);
    arb_init(Mh1);
    for (iter = 0; iter < 12 * tsa_test_multiplier(); iter++)
    {
        double hd = kref_rand_hk(st), kd = kref_rand_hk(st);
        double thd = kref_rand_theta(st);
        slong e = -(slong)n_randint(st, 40) - 1;
        prec = 30 + n_randint(st, 150);
        arb_set_d(h, hd);
        arb_set_d(k, kd);
        arb_set_d(th, thd);
        mag_set_ui_2exp_si(arb_radref(h), 1 + n_randint(st, 8), e);
        mag_set_ui_2exp_si(arb_radref(k), 1 + n_randint(st, 8), e);
        mag_set_ui_2exp_si(arb_radref(th), 1 + n_randint(st, 8), e);
        ck_assert_int_eq(tsa_kernel_bvn(P, M, Mh, h, k, th, prec),
                         TSA_SUCCESS);
        for (j = 0; j < 3; j++)
        {
            /* an exact point of the ball (theta inside [0, pi]) */
            point_in(y, h, st);
            point_in(z, k, st);
            point_in(x, th, st);
            if (arf_sgn(arb_midref(x)) < 0
                || arf_cmp_d(arb_midref(x), 3.14159) > 0)
                continue;
            ck_assert_int_eq(tsa_kernel_bvn(P1, M1, Mh1, y, z, x, prec),
                             TSA_SUCCESS);
            tsa_test_overlaps("Phi2 ball vs point", P, P1, iter);
            tsa_test_overlaps("M ball vs point", M, M1, iter);
            tsa_test_overlaps("Mh ball vs point", Mh, Mh1, iter);
            kref_check("Phi2 ball contains point", P, P1, iter);
            kref_check("M ball contains point", M, M1, iter);
            kref_check("Mh ball contains point", Mh, Mh1, iter);
        }
    }
    arb_clear(h);
    arb_clear(k);
    arb_clear(th);
    arb_clear(P);
    arb_clear(M);
    arb_clear(Mh);
    arb_clear(x);
    arb_clear(y);
    arb_clear(z);
    arb_clear(P1);
    arb_clear(M1);
    arb_clear(Mh1);
    flint_randclear(st);
}
END_TEST

START_TEST(t_domain)
{
    arb_t h, k, th, P;
    arb_init(h);
    arb_init(k);
    arb_init(th);
    arb_init(P);
    arb_one(th);
    arb_indeterminate(h);
    ck_assert_int_eq(tsa_kernel_bvn(P, NULL, NULL, h, k, th, 64), TSA_EDOM);
    ck_assert(!arb_is_finite(P));
    ck_assert(strchr(tsa_error_last(), '\n') == NULL);
    ck_assert(strstr(tsa_error_last(), "tsa_kernel_bvn") != NULL);
    arb_zero(h);
    arb_set_si(th, 4);
    ck_assert_int_eq(tsa_kernel_bvn(P, NULL, NULL, h, k, th, 64), TSA_EDOM);
    ck_assert_str_eq(tsa_error_last(), "tsa_kernel_bvn: theta misses [0, pi]");
    arb_set_si(th, -1);
    ck_assert_int_eq(tsa_kernel_bvn(P, NULL, NULL, h, k, th, 64), TSA_EDOM);
    arb_clear(h);
    arb_clear(k);
    arb_clear(th);
    arb_clear(P);
}
END_TEST

/* outputs aliasing h, k or theta give the unaliased values; the inputs
   need several Ziv steps (M tiny: h + k < 0, theta near pi; large bias;
   cancellation), so an output written in an early step would change the
   inputs of the later ones */
START_TEST(t_alias)
{
    static const double hs[] = { -1.0, -3.5, 0.25, 2.0 };
    static const double ks[] = { 0.5, 1.6, -0.75, -1.999 };
    static const double ts[] = { 3.1405, 1.63, 3.14159, 3.0 };
    arb_t h, k, th, P, M, Mh, x;
    slong i, j;
    arb_init(h);
    arb_init(k);
    arb_init(th);
    arb_init(P);
    arb_init(M);
    arb_init(Mh);
    arb_init(x);
    for (i = 0; i < 4; i++)
    {
        arb_set_d(h, hs[i]);
        arb_set_d(k, ks[i]);
        arb_set_d(th, ts[i]);
        for (j = 0; j < 9; j++)
        {
            const arb_struct *in = (j % 3 == 0) ? h : (j % 3 == 1 ? k : th);
            const arb_struct *ref = (j / 3 == 0) ? P : (j / 3 == 1 ? M : Mh);
            /* the unaliased value with the same set of outputs (it steers
               the Ziv loop) */
            ck_assert_int_eq(tsa_kernel_bvn(j / 3 == 0 ? P : NULL,
                                            j / 3 == 1 ? M : NULL,
                                            j / 3 == 2 ? Mh : NULL, h, k, th,
                                            64),
                             TSA_SUCCESS);
            arb_set(x, in);
            ck_assert_int_eq(
                tsa_kernel_bvn(j / 3 == 0 ? x : NULL, j / 3 == 1 ? x : NULL,
                               j / 3 == 2 ? x : NULL, j % 3 == 0 ? x : h,
                               j % 3 == 1 ? x : k, j % 3 == 2 ? x : th, 64),
                TSA_SUCCESS);
            /* not arb_equal: cached constants may round differently */
            if (!arb_overlaps(x, ref)
                || arb_rel_accuracy_bits(x) < arb_rel_accuracy_bits(ref) - 2)
                ck_abort_msg("alias case %ld, output %ld aliasing input %ld",
                             (long)i, (long)(j / 3), (long)(j % 3));
        }
    }
    arb_clear(h);
    arb_clear(k);
    arb_clear(th);
    arb_clear(P);
    arb_clear(M);
    arb_clear(Mh);
    arb_clear(x);
}
END_TEST

int
main(void)
{
    const TTest *tests[]
        = { t_ref, t_zero_bias, t_identity, t_ball, t_alias, t_domain };
    return tsa_test_main("bvn", tests, 6, 30);
}
