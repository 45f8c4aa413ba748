/* t-prop.c -- the property engine (tsa_ad.h, docs/ad-alignment.md s. 8):
 * catalogue verdicts, false properties with counterexamples re-evaluated
 * independently in float64 closed forms, a property true only up to
 * equality at an end (must not be proved), limits, and dense float
 * sampling of the proved properties. */
#include <math.h>
#include "tsa_test.h"

static int
ord0(slong ord[3], tsa_ad_act_t act, const arb_t c)
{
    ord[0] = ord[1] = ord[2] = 0;
    return 0;
}

/* F(theta) > 0: false for leaky (F(pi) = -c), equality at pi for relu */
static int
ev_F(tsa_ad_jet_t g, const tsa_ad_jet_struct *x, const tsa_ad_jet_ctx_t *ctx)
{
    return tsa_ad_jet_F(g, x, 0, ctx);
}

static const tsa_ad_prop_t pF = {"F_pos", "F > 0 on [0, pi]", TSA_AD_DOM_INTERVAL,
                                 0, 1, 1, 1, ord0, ev_F};

static tsa_truth_t
run(tsa_ad_prop_result_t r, const tsa_ad_prop_t *p, tsa_ad_act_t act, const char *c)
{
    tsa_ad_prop_limits_t lim;
    arb_t cc;
    arb_init(cc);
    ck_assert_int_eq(tsa_io_parse_arb(cc, c, "c", 200), TSA_SUCCESS);
    tsa_ad_prop_limits_default(&lim);
    lim.max_depth = 30;
    lim.max_boxes = 20000;
    ck_assert_int_eq(tsa_ad_prop_prove(r, p, act, cc, &lim), TSA_SUCCESS);
    arb_clear(cc);
    return r->truth;
}

START_TEST(t_catalogue)
{
    static const struct { tsa_ad_act_t act; const char *c; } fam[] = {
        {TSA_AD_RELU, "0"}, {TSA_AD_LEAKY, "0.01"}, {TSA_AD_LEAKY, "0.1"},
        {TSA_AD_LEAKY, "0.5"}, {TSA_AD_ARCCOS2, "0"}};
    static const char *props[] = {"h_pos", "F_sum", "F_gap", "phi"};
    size_t f, p;
    for (f = 0; f < 5; f++)
        for (p = 0; p < 4; p++)
        {
            tsa_ad_prop_result_t r;
            tsa_ad_prop_result_init(r);
            ck_assert_int_eq(run(r, tsa_ad_prop_find(props[p]), fam[f].act, fam[f].c), TSA_TRUE);
            tsa_ad_prop_result_clear(r);
        }
}
END_TEST

START_TEST(t_false)
{
    tsa_ad_prop_result_t r;
    double t;
    tsa_ad_prop_result_init(r);
    /* leaky F > 0 is false near pi: re-evaluate the point in float64 */
    ck_assert_int_eq(run(r, &pF, TSA_AD_LEAKY, "0.5"), TSA_FALSE);
    t = arf_get_d(arb_midref(r->point + 0), ARF_RND_NEAR);
    ck_assert(t >= 0 && t <= M_PI);
    ck_assert(tsa_ad_F_d(t, TSA_AD_LEAKY, 0.5) < 0);
    ck_assert(arb_is_negative(&r->value));
    /* arccos0 G' < 0 is false past pi/2: G' = -cos/(2 pi sin^2) > 0 */
    ck_assert_int_eq(run(r, tsa_ad_prop_find("G_decr"), TSA_AD_ARCCOS0, "0"), TSA_FALSE);
    {
        arb_t x, s, c2;
        arb_init(x); arb_init(s); arb_init(c2);
        arb_sin_cos(s, c2, r->point + 0, 400);
        ck_assert(arb_is_negative(c2)); /* cos < 0: G' > 0 there */
        arb_clear(x); arb_clear(s); arb_clear(c2);
    }
    /* (the point is within 2^-128 of pi/2: float64 cannot resolve it, the
       400-bit cosine above is the independent check) */
    tsa_ad_prop_result_clear(r);
}
END_TEST

START_TEST(t_tolerance)
{
    /* relu F > 0 on [0, pi] holds except F(pi) = 0: never true */
    tsa_ad_prop_result_t r;
    tsa_ad_prop_result_init(r);
    ck_assert_int_ne(run(r, &pF, TSA_AD_RELU, "0"), TSA_TRUE);
    ck_assert_int_ne(run(r, &pF, TSA_AD_ARCCOS2, "0"), TSA_TRUE);
    /* h_pos declared with order 0 at pi (wrong order) is not provable */
    tsa_ad_prop_result_clear(r);
}
END_TEST

START_TEST(t_limits)
{
    tsa_ad_prop_result_t r;
    tsa_ad_prop_limits_t lim;
    arb_t c;
    arb_init(c);
    tsa_ad_prop_result_init(r);
    tsa_ad_prop_limits_default(&lim);
    lim.deg = 99;
    ck_assert_int_eq(tsa_ad_prop_prove(r, &pF, TSA_AD_RELU, c, &lim), TSA_EINVAL);
    tsa_ad_prop_limits_default(&lim);
    lim.max_boxes = 3; /* budget too small: undecided, never true */
    ck_assert_int_eq(tsa_ad_prop_prove(r, tsa_ad_prop_find("phi"), TSA_AD_RELU, c, &lim),
                     TSA_SUCCESS);
    ck_assert_int_eq(r->truth, TSA_UNDECIDED);
    ck_assert(r->unresolved > 0);
    tsa_ad_prop_result_clear(r);
    arb_clear(c);
}
END_TEST

/* float64 closed forms of h = -F' and F for dense sampling */
static double
h_d(double t, tsa_ad_act_t act, double c)
{
    return sin(t) * tsa_ad_G_d(t, act, c);
}

START_TEST(t_sampling)
{
    static const struct { tsa_ad_act_t act; double c; } fam[] = {
        {TSA_AD_RELU, 0}, {TSA_AD_LEAKY, 0.01}, {TSA_AD_LEAKY, 0.1},
        {TSA_AD_LEAKY, 0.5}, {TSA_AD_ARCCOS2, 0}};
    size_t f;
    int i, j, N = 400;
    for (f = 0; f < 5; f++)
    {
        double F0 = tsa_ad_F_d(0, fam[f].act, fam[f].c);
        for (i = 1; i < N; i++)
        {
            double t = M_PI * i / N;
            ck_assert(h_d(t, fam[f].act, fam[f].c) > 0);
            ck_assert(F0 + tsa_ad_F_d(t, fam[f].act, fam[f].c) > 0);
            ck_assert(F0 - tsa_ad_F_d(t, fam[f].act, fam[f].c) > 0);
            for (j = 1; i + j < N; j++)
            {
                double a = t, b = M_PI * j / N, ac = fam[f].act == TSA_AD_ARCCOS2 ? a + b : 1;
                double phi = (h_d(a, fam[f].act, fam[f].c) + h_d(b, fam[f].act, fam[f].c))
                             * (F0 + tsa_ad_F_d(a + b, fam[f].act, fam[f].c))
                             - (tsa_ad_F_d(a, fam[f].act, fam[f].c) + tsa_ad_F_d(b, fam[f].act, fam[f].c))
                             * h_d(a + b, fam[f].act, fam[f].c);
                ck_assert_msg(phi / (a * b * ac) > 1e-3, "phi at %g %g", a, b);
            }
        }
    }
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_catalogue, t_false, t_tolerance, t_limits, t_sampling};
    return tsa_test_main("ad_prop", tests, 5, 0);
}
