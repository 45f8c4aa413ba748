/* t-overparam.c -- descent at a zero student (docs/overparam.md s. 1).
 *
 * References in closed form: with every student 0 (or a teacher removed,
 * or W = V/2) the residual is minus a sum of teachers and g(u) is minus a
 * sum of K(u, v_t) = |v| F(theta) known at u = e_1 and at the diagonal;
 * at W = V the residual is 0, g is identically 0 and no descent may be
 * proved; forged certificates must be refused. */
#include <math.h>
#include <string.h>
#include "tsa_test.h"
#include "certify_impl.h"
#include "tsa_overparam.h"

#define PREC 128
#define ZV tsa_overparam_verify

/* V = I_d; W = scale * first n columns of I_d (0 beyond nw) */
static void
setup(tsa_cand_t c, slong d, slong n, slong nw, double scale)
{
    slong i;
    tsa_cand_init(c, d, n, d);
    for (i = 0; i < d; i++)
        arb_one(TSA_VCOL(c, i) + i);
    for (i = 0; i < n && i < nw; i++)
        arb_set_d(TSA_WCOL(c, i) + i, scale);
}

/* F(theta) |v| at cos theta = cs, |v| = 1, in Arb through acos */
static void
Fcos(arb_t r, const arb_t cs, slong prec)
{
    arb_t th, s, t;
    arb_init(th);
    arb_init(s);
    arb_init(t);
    arb_acos(th, cs, prec);
    arb_sin(s, th, prec);
    arb_const_pi(t, prec);
    arb_sub(t, t, th, prec);
    arb_mul(t, t, cs, prec);
    arb_add(t, t, s, prec);
    arb_const_pi(s, prec);
    arb_mul_2exp_si(s, s, 1);
    arb_div(r, t, s, prec);
    arb_clear(th);
    arb_clear(s);
    arb_clear(t);
}

/* g at u = e_1 and u = (1,..,1) for W = 0, both paths, against
   -(1/2 + (d-1)/(2 pi)) and -d F(acos(1/sqrt d)) */
START_TEST(t_closed_form)
{
    slong d, a, path;
    for (d = 1; d <= 6; d++)
    {
        tsa_cand_t c;
        arb_ptr u = _arb_vec_init(d);
        arb_t g, ref, t;
        arb_init(g);
        arb_init(ref);
        arb_init(t);
        setup(c, d, 1, 0, 0.0);
        arb_one(u);
        arb_const_pi(ref, PREC);
        arb_ui_div(ref, d - 1, ref, PREC);
        arb_add_ui(ref, ref, 1, PREC);
        arb_mul_2exp_si(ref, ref, -1);
        arb_neg(ref, ref);
        for (path = 0; path < 2; path++)
        {
            ck_assert_int_eq(tsa_overparam_g(g, u, c, path, PREC), TSA_SUCCESS);
            tsa_test_overlaps("g(e1)", g, ref, d);
            ck_assert(mag_cmp_2exp_si(arb_radref(g), -100) < 0);
        }
        for (a = 0; a < d; a++)
            arb_set_si(u + a, 3);   /* not a unit vector: g is homogeneous */
        arb_set_ui(t, d);
        arb_rsqrt(t, t, PREC);
        Fcos(ref, t, PREC);
        arb_mul_si(ref, ref, -d, PREC);
        for (path = 0; path < 2; path++)
        {
            ck_assert_int_eq(tsa_overparam_g(g, u, c, path, PREC), TSA_SUCCESS);
            tsa_test_overlaps("g(diag)", g, ref, d);
        }
        arb_clear(g);
        arb_clear(ref);
        arb_clear(t);
        _arb_vec_clear(u, d);
        tsa_cand_clear(c);
    }
}
END_TEST

/* descent proved where it is known: W = 0 (n = 1), a teacher missing,
   W = V/2 on a box; the bound beats the closed-form value at e_1 */
START_TEST(t_descent_known)
{
    struct { slong d, n, nw; double scale, rad, beat; } cs[] = {
        {3, 1, 0, 0.0, 0.0, -0.5 - 1 / M_PI},       /* all students zero */
        {4, 4, 3, 1.0, 0.0, -0.5 + 1e-12},          /* teacher 4 missing */
        {4, 4, 3, 1.0, 1e-6, -0.5 + 1e-4},          /* ... on a box       */
        {5, 5, 5, 0.5, 1e-8, -0.25 - 1 / M_PI},     /* W = V/2: g(e1)     */
    };
    slong t;
    for (t = 0; t < 4; t++)
    {
        tsa_cand_t c;
        double *u = malloc(sizeof(double) * cs[t].d), gub;
        slong i;
        setup(c, cs[t].d, cs[t].n, cs[t].nw, cs[t].scale);
        for (i = 0; i < cs[t].d * cs[t].n; i++)
            mag_set_d(arb_radref(c->W + i), cs[t].rad);
        ck_assert(tsa_overparam_zero(u, &gub, c, PREC) == TSA_TRUE);
        ck_assert_msg(gub < cs[t].beat, "case %ld: g_upper %.17g not below %.17g",
                      (long) t, gub, cs[t].beat);
        free(u);
        tsa_cand_clear(c);
    }
}
END_TEST

/* W = V (and a column permutation, and a box around it): g = 0 */
START_TEST(t_global_min_undecided)
{
    slong d, a;
    for (d = 2; d <= 6; d++)
    {
        tsa_cand_t c;
        double *u = malloc(sizeof(double) * d), gub;
        arb_ptr ua = _arb_vec_init(d);
        arb_t g;
        arb_init(g);
        setup(c, d, d, d, 1.0);
        if (d > 2)
        {   /* swap students 0 and 1 */
            arb_swap(TSA_WCOL(c, 0), TSA_WCOL(c, 1));
            arb_swap(TSA_WCOL(c, 0) + 1, TSA_WCOL(c, 1) + 1);
        }
        ck_assert(tsa_overparam_zero(u, &gub, c, PREC) == TSA_UNDECIDED);
        ck_assert(!(gub < 0));
        for (a = 0; a < d; a++)
            arb_set_d(ua + a, a == 0 ? -1.0 : 0.25 * a);
        ck_assert_int_eq(tsa_overparam_g(g, ua, c, 0, PREC), TSA_SUCCESS);
        ck_assert(arb_contains_zero(g));
        for (a = 0; a < d * d; a++)
            mag_set_d(arb_radref(c->W + a), 1e-9);
        ck_assert(tsa_overparam_zero(u, &gub, c, PREC) == TSA_UNDECIDED);
        arb_clear(g);
        _arb_vec_clear(ua, d);
        free(u);
        tsa_cand_clear(c);
    }
}
END_TEST

/* certificate: valid, then forged (bound, u, box, version, field) */
START_TEST(t_cert)
{
    tsa_cand_t c;
    double u[4], gub;
    char reason[256], *txt, *f, b[128];
    int st;
    slong i;
    setup(c, 4, 4, 3, 1.0);
    for (i = 0; i < 16; i++)
        mag_set_d(arb_radref(c->W + i), 1e-7);
    ck_assert(tsa_overparam_zero(u, &gub, c, PREC) == TSA_TRUE);
    txt = tsa_overparam_cert_json(c, 1e-7, u, gub, "test");
    ck_assert_msg(tsa_overparam_verify(reason, &st, txt, PREC) == TSA_TRUE,
                  "valid certificate refused (status %d): %s", st, reason);
    /* a bound below the true value */
    snprintf(b, sizeof b, "\"%a\"", -0.5 - 1e-6);
    tsa_test_forged(ZV, txt, "g_upper", b, TSA_FALSE, TSA_SUCCESS, PREC);
    /* u turned around: g(-e4) >= 0 */
    tsa_test_forged(ZV, txt, "u", "[\"0x0p+0\", \"0x0p+0\", \"0x0p+0\", \"-0x1p+0\"]",
                    TSA_FALSE, TSA_SUCCESS, PREC);
    /* a box so wide that the bound no longer holds */
    tsa_test_forged(ZV, txt, "radius", "\"0x1p-1\"", TSA_FALSE, TSA_SUCCESS, PREC);
    /* W replaced by V: the residual is 0 */
    {
        json_t *r = json_loads(txt, 0, NULL);
        json_object_set(r, "W", json_object_get(r, "V"));
        f = json_dumps(r, 0);
        json_decref(r);
        ck_assert(tsa_overparam_verify(reason, &st, f, PREC) == TSA_FALSE);
        free(f);
    }
    /* a non-negative claim */
    tsa_test_forged(ZV, txt, "g_upper", "\"0x0p+0\"", TSA_FALSE, TSA_SUCCESS, PREC);
    /* malformed: newer major, unknown field, a size out of range */
    tsa_test_forged(ZV, txt, "format_version", "\"2.0\"", TSA_UNDECIDED, TSA_EFORMAT,
                    PREC);
    tsa_test_forged(ZV, txt, "proved", "true", TSA_UNDECIDED, TSA_EFORMAT, PREC);
    tsa_test_forged(ZV, txt, "d", "0", TSA_UNDECIDED, TSA_EFORMAT, PREC);
    ck_assert(tsa_overparam_verify(reason, &st, "[1]", PREC) == TSA_UNDECIDED);
    ck_assert(st != TSA_SUCCESS);
    free(txt);
    tsa_cand_clear(c);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_closed_form, t_descent_known,
                            t_global_min_undecided, t_cert};
    return tsa_test_main("overparam", tests, 4, 60);
}
