/* ad.c -- checkers for the AD paper (alignment via Angular Distance
 * functions; docs/claims.md, AD-2).
 *
 * ad_properties: for one activation, the AD-function properties that the
 * alignment argument rests on, proved by interval branch-and-bound over
 * theta (docs/claims.md s. 2):
 *   P1  G(theta) > 0   on [0, pi - delta]     (F strictly decreasing)
 *   P2  G'(theta) < 0  on [delta, pi - delta] (G strictly decreasing)
 * delta > 0 is a parameter: at theta = pi, G(pi) = 0 for ReLU and arccos2
 * and G'(0) = G'(pi) = 0 for arccos2, so the strict inequalities can only
 * hold away from the endpoints, and the report states the interval used. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_ad.h"
#include "tsa_io.h"
#include "tsa_plot.h"
#include "tsa_claims.h"

typedef enum { PROP_G_POS, PROP_G1_NEG } prop_t;

/* Pieces one branch-and-bound may evaluate before it answers undecided. */
#define AD_MAX_PIECES (1L << 20)

/* Enclose the property's function over the ball t: G or G'. */
static int
prop_eval(arb_t y, prop_t p, const arb_t t, tsa_ad_act_t act, const arb_t c,
          slong prec)
{
    int st;
    /* a piece touching a pole (TSA_EDOM) is an expected outcome of the
       search, not an error to report */
    tsa_error_handler_t *h = tsa_set_error_handler(NULL);
    if (p == PROP_G_POS)
        st = tsa_ad_G(y, t, act, c, prec);
    else
    {
        arb_poly_t s;
        arb_poly_init(s);
        st = tsa_ad_G_series(s, t, 2, act, c, prec);
        arb_poly_get_coeff_arb(y, s, 1);
        arb_poly_clear(s);
    }
    tsa_set_error_handler(h);
    return st;
}

/* m, y: on entry an exact point where sign * g <= 0 is proved, and its
 * value.  Replaced by the exact double point lo + k (hi - lo)/64,
 * k = 8..56 (away from the ends, where the AD functions blow up), with the
 * most negative proved upper bound of sign * g, if one beats the entry
 * point.  Every candidate is an exact double, so the
 * witness is printed and re-read exactly. */
static void
worst_grid_point(arb_t m, arb_t y, prop_t p, int sign, const arb_t lo,
                 const arb_t hi, tsa_ad_act_t act, const arb_t c, slong prec)
{
    double a = arf_get_d(arb_midref(lo), ARF_RND_UP),
           b = arf_get_d(arb_midref(hi), ARF_RND_DOWN), best;
    arb_t x, v, sv;
    arf_t ub;
    int k;
    arb_init(x);
    arb_init(v);
    arb_init(sv);
    arf_init(ub);
    arb_mul_si(sv, y, sign, prec);
    arb_get_ubound_arf(ub, sv, prec);
    best = arf_get_d(ub, ARF_RND_UP);
    if (!(a < b))
        goto out;
    for (k = 8; k <= 56; k++)
    {
        double th = a + (b - a) * k / 64.0;
        if (th < a || th > b)
            continue;
        arb_set_d(x, th);
        if (prop_eval(v, p, x, act, c, prec) != TSA_SUCCESS || !arb_is_finite(v))
            continue;
        arb_mul_si(sv, v, sign, prec);
        if (!arb_is_nonpositive(sv))
            continue;
        arb_get_ubound_arf(ub, sv, prec);
        if (arf_get_d(ub, ARF_RND_UP) < best)
        {
            best = arf_get_d(ub, ARF_RND_UP);
            arb_set(m, x);
            arb_set(y, v);
        }
    }
out:
    arb_clear(x);
    arb_clear(v);
    arb_clear(sv);
    arf_clear(ub);
}

/* Branch and bound: is sign * g > 0 on [lo, hi]?  TRUE when every piece is
 * proved, FALSE with a witness when g has the wrong sign at an exact point,
 * UNDECIDED when pieces narrower than 2^-maxdepth * (hi - lo) remain. */
static tsa_truth_t
prove_sign(char *ev, size_t evn, arb_t wit, prop_t p, int sign, const arb_t lo,
           const arb_t hi, tsa_ad_act_t act, const arb_t c, slong maxdepth,
           slong prec)
{
    slong cap = 2 * maxdepth + 8, top = 0, pieces = 0, depth_max = 0;
    arb_ptr a = _arb_vec_init(cap), b = _arb_vec_init(cap);
    slong *depth = flint_malloc(sizeof(slong) * cap);
    arb_t t, y, m;
    tsa_truth_t res = TSA_TRUE;

    arb_init(t);
    arb_init(y);
    arb_init(m);
    arb_set(a, lo);
    arb_set(b, hi);
    depth[0] = 0;
    top = 1;
    while (top > 0 && res == TSA_TRUE)
    {
        top--;
        pieces++;
        /* the ball [a, b], widened outward by the radii of a and b */
        arb_union(t, a + top, b + top, prec);
        if (prop_eval(y, p, t, act, c, prec) == TSA_SUCCESS && arb_is_finite(y)
            && (sign > 0 ? arb_is_positive(y) : arb_is_negative(y)))
            continue;
        /* exact midpoint: a proved wrong sign refutes the property */
        arb_set_arf(m, arb_midref(t));
        if (prop_eval(y, p, m, act, c, prec) == TSA_SUCCESS
            && (sign > 0 ? arb_is_nonpositive(y) : arb_is_nonnegative(y)))
        {
            char *ys;
            /* a clearer witness: the most violating of a grid of exact
               double points of [lo, hi] (the first hit may sit where the
               value only just has the wrong sign, e.g. pi/2 rounded) */
            worst_grid_point(m, y, p, sign, lo, hi, act, c, prec);
            ys = arb_get_str(y, 15, 0);
            snprintf(ev, evn, "refuted at theta = %.17g (exactly %a): "
                     "value %s", arf_get_d(arb_midref(m), ARF_RND_NEAR),
                     arf_get_d(arb_midref(m), ARF_RND_NEAR), ys);
            arb_set(wit, m); /* the exact point, for the report's witness */
            flint_free(ys);
            res = TSA_FALSE;
            break;
        }
        /* the depth limit and a budget of pieces bound the work */
        if (depth[top] >= maxdepth || top + 2 > cap || pieces >= AD_MAX_PIECES)
        {
            char *ts = arb_get_str(t, 10, 0);
            snprintf(ev, evn, "undecided on theta in %s after %ld pieces "
                     "(depth limit %ld at %ld bits)", ts, (long) pieces,
                     (long) maxdepth, (long) prec);
            flint_free(ts);
            res = TSA_UNDECIDED;
            break;
        }
        /* bisect: [a, m], [m, b] */
        {
            slong d = depth[top] + 1;
            arb_set(b + top + 1, b + top);
            arb_set(a + top + 1, m);
            arb_set(b + top, m);
            depth[top] = d;
            depth[top + 1] = d;
            depth_max = FLINT_MAX(depth_max, d);
            top += 2;
        }
    }
    if (res == TSA_TRUE)
        snprintf(ev, evn, "proved on %ld sub-intervals (max depth %ld), "
                 "Arb ball evaluation at %ld bits", (long) pieces,
                 (long) depth_max, (long) prec);
    arb_clear(m);
    arb_clear(y);
    arb_clear(t);
    _arb_vec_clear(a, cap);
    _arb_vec_clear(b, cap);
    flint_free(depth);
    return res;
}

/* Plot F and G with their enclosures over 256 pieces covering [lo, pi]:
 * each band is the Arb enclosure over the whole piece, so the true curve
 * lies inside the shaded region.  Written only when the report directory
 * exists and gnuplot is found (<id>-enclosure.dat and .png, each whole or
 * absent); returns 1 when the PNG was written. */
static int
plot_enclosures(const char *dir, const char *id, tsa_ad_act_t act, const arb_t c,
                const arb_t lo, slong prec)
{
    char body[1024];
    tsa_io_out_t o;
    FILE *f;
    slong i, n = 256;
    arb_t pi, a, b, t, y;
    int ok = 1;

    if (dir == NULL || !tsa_plot_have_gnuplot()
        || !tsa_claim_dat_open(&o, dir, id, "-enclosure.dat"))
        return 0;
    f = o.f;
    arb_init(pi);
    arb_init(a);
    arb_init(b);
    arb_init(t);
    arb_init(y);
    arb_const_pi(pi, prec);
    fprintf(f, "# theta  F_lo F_hi  G_lo G_hi  (Arb enclosures over each piece)\n");
    for (i = 0; i < n && ok; i++)
    {
        double x, flo, fhi, glo, ghi;
        arf_t u;
        /* piece [lo + (pi - lo) i/n, lo + (pi - lo)(i+1)/n] */
        arb_sub(t, pi, lo, prec);
        arb_mul_si(a, t, i, prec);
        arb_div_si(a, a, n, prec);
        arb_add(a, a, lo, prec);
        arb_mul_si(b, t, i + 1, prec);
        arb_div_si(b, b, n, prec);
        arb_add(b, b, lo, prec);
        arb_union(t, a, b, prec);
        x = arf_get_d(arb_midref(t), ARF_RND_NEAR);
        arf_init(u);
        if (prop_eval(y, PROP_G_POS, t, act, c, prec) != TSA_SUCCESS || !arb_is_finite(y))
        {
            arf_clear(u);
            continue; /* a pole of G (arccos0): leave a gap */
        }
        arb_get_lbound_arf(u, y, prec);
        glo = arf_get_d(u, ARF_RND_FLOOR);
        arb_get_ubound_arf(u, y, prec);
        ghi = arf_get_d(u, ARF_RND_CEIL);
        ok = (tsa_ad_F(y, t, act, c, prec) == TSA_SUCCESS);
        arb_get_lbound_arf(u, y, prec);
        flo = arf_get_d(u, ARF_RND_FLOOR);
        arb_get_ubound_arf(u, y, prec);
        fhi = arf_get_d(u, ARF_RND_CEIL);
        arf_clear(u);
        fprintf(f, "%.17g %.17g %.17g %.17g %.17g\n", x, flo, fhi, glo, ghi);
    }
    arb_clear(y);
    arb_clear(t);
    arb_clear(b);
    arb_clear(a);
    arb_clear(pi);
    if (!ok)
    {
        tsa_io_out_abort(&o);
        return 0;
    }
    if (!tsa_claim_dat_commit(&o))
        return 0;
    /* id is a safe identifier (no quotes); the activation name is fixed */
    snprintf(body, sizeof body,
             "set title '%s: F and G = -F'' / sin (Arb enclosures over 256 pieces)'\n"
             "set xlabel 'theta'\nset xrange [0:pi]\n%s"
             "plot '%s-enclosure.dat' using 1:2:3 with filledcurves lc rgb '#4060c0' "
             "title 'F', '' using 1:4:5 with filledcurves lc rgb '#c04040' title 'G'",
             tsa_ad_act_name(act), act == TSA_AD_ARCCOS0 ? "set yrange [0:1]\n" : "", id);
    return tsa_claim_plot(dir, id, "-enclosure.png", "pngcairo size 800,500 noenhanced",
                          body);
}

int
tsa_claim_check_ad_properties(tsa_claim_result_t r, const json_t *params,
                              const char *file, slong prec)
{
    const char *act_s, *c_s = "0", *input = "gaussian";
    json_t *v;
    tsa_ad_act_t act;
    arb_t c, delta, lo, hi, pi, wit;
    slong maxdepth = 40, e;
    char inst[256], ev1[512], ev2[512];
    tsa_truth_t p1, p2, concl;
    int st = TSA_SUCCESS;

    v = json_object_get(params, "act");
    if (!json_is_string(v))
        return TSA_ERROR(TSA_EFORMAT, "%s: params.act: missing or not a string", file);
    act_s = json_string_value(v);
    if (tsa_ad_act_parse(&act, act_s) != TSA_SUCCESS)
        return TSA_ERROR(TSA_EFORMAT, "%s: params.act: unknown activation '%s'",
                         file, act_s);
    if ((v = json_object_get(params, "c")) != NULL)
    {
        if (!json_is_string(v))
            return TSA_ERROR(TSA_EFORMAT, "%s: params.c: must be a string (exact decimal)", file);
        c_s = json_string_value(v);
    }
    if ((v = json_object_get(params, "input")) != NULL)
    {
        if (!json_is_string(v)
            || (strcmp(json_string_value(v), "gaussian") != 0
                && strcmp(json_string_value(v), "uniform-cube") != 0))
            return TSA_ERROR(TSA_EFORMAT, "%s: params.input: \"gaussian\" or \"uniform-cube\"",
                             file);
        input = json_string_value(v);
    }
    if ((v = json_object_get(params, "delta_log2")) != NULL)
    {
        if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 200)
            return TSA_ERROR(TSA_EFORMAT, "%s: params.delta_log2: integer in 1 .. 200", file);
    }
    e = v != NULL ? (slong) json_integer_value(v) : 20;
    if ((v = json_object_get(params, "max_depth")) != NULL)
    {
        if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 200)
            return TSA_ERROR(TSA_EFORMAT, "%s: params.max_depth: integer in 1 .. 200", file);
        maxdepth = (slong) json_integer_value(v);
    }

    arb_init(c);
    arb_init(delta);
    arb_init(lo);
    arb_init(hi);
    arb_init(pi);
    arb_init(wit);
    {
        char field[512];
        snprintf(field, sizeof field, "%s: params.c", file);
        if ((st = tsa_io_parse_arb(c, c_s, field, prec + 64)) != TSA_SUCCESS)
            goto cleanup;
    }
    if (act == TSA_AD_LEAKY && !(arb_is_nonnegative(c) && arf_cmp_si(arb_midref(c), 1) < 0))
    {
        st = TSA_ERROR(TSA_EFORMAT, "%s: params.c: %s is not in [0, 1)", file, c_s);
        goto cleanup;
    }
    arb_one(delta);
    arb_mul_2exp_si(delta, delta, -e);
    arb_const_pi(pi, prec);

    snprintf(inst, sizeof inst, "sigma = %s%s%s, x ~ N(0, I), delta = 2^-%ld",
             tsa_ad_act_name(act), act == TSA_AD_LEAKY ? ", c = " : "",
             act == TSA_AD_LEAKY ? c_s : "", (long) e);
    r->instance = strdup(inst);
    r->method = strdup("Interval branch-and-bound over theta: on each piece the AD "
                       "function (tsa_ad_G, and the degree-1 Taylor coefficient of "
                       "tsa_ad_G_series for G') is enclosed in Arb ball arithmetic "
                       "over the whole piece; a piece is proved when the enclosure "
                       "has the required sign, and a property is refuted only by "
                       "a proved wrong sign at an exact point.");

    tsa_claim_add_hyp(r, "sigma is positively homogeneous", TSA_TRUE,
                      "by definition of the activation (exact)");
    /* The AD reduction E[sigma(w.x) sigma(u.x)] = |w|^p |u|^p F(theta) needs
       a rotation-invariant input law; an instance may name another law
       (params.input), which makes the claim vacuous there. */
    if (strcmp(input, "gaussian") == 0)
        tsa_claim_add_hyp(r, "input law rotation invariant (x ~ N(0, I))", TSA_TRUE,
                          "by construction (exact)");
    else
    {
        char ev[256];
        snprintf(ev, sizeof ev, "input law '%s' is not rotation invariant: the "
                 "kernel is not a function of the angle alone", input);
        tsa_claim_add_hyp(r, "input law rotation invariant", TSA_FALSE, ev);
    }

    /* P1: G > 0 on [0, pi - delta]; for arccos0, G = 1/(2 pi sin) has a
       pole at 0 and P1 starts at delta */
    if (act == TSA_AD_ARCCOS0)
        arb_set(lo, delta);
    else
        arb_zero(lo);
    arb_sub(hi, pi, delta, prec);
    p1 = prove_sign(ev1, sizeof ev1, wit, PROP_G_POS, +1, lo, hi, act, c, maxdepth, prec);
    if (p1 == TSA_FALSE)
        r->witness = tsa_claim_witness_ad(act_s, c_s, 0, wit, prec);
    /* P2: G' < 0 on [delta, pi - delta] */
    arb_set(lo, delta);
    p2 = prove_sign(ev2, sizeof ev2, wit, PROP_G1_NEG, -1, lo, hi, act, c, maxdepth, prec);
    if (p2 == TSA_FALSE && r->witness == NULL)
        r->witness = tsa_claim_witness_ad(act_s, c_s, 1, wit, prec);

    concl = (p1 == TSA_FALSE || p2 == TSA_FALSE) ? TSA_FALSE
            : (p1 == TSA_TRUE && p2 == TSA_TRUE) ? TSA_TRUE : TSA_UNDECIDED;
    {
        char ev[1100];
        snprintf(ev, sizeof ev, "P1 (%s): %s; P2 (%s): %s", tsa_truth_name(p1), ev1,
                 tsa_truth_name(p2), ev2);
        tsa_claim_set_concl(r, act == TSA_AD_ARCCOS0
                                   ? "P1: G > 0 on [delta, pi - delta] and P2: G' < 0 on [delta, pi - delta]"
                                   : "P1: G > 0 on [0, pi - delta] and P2: G' < 0 on [delta, pi - delta]",
                            concl, ev);
    }
    json_object_set_new(r->data, "P1", json_string(tsa_truth_name(p1)));
    json_object_set_new(r->data, "P2", json_string(tsa_truth_name(p2)));
    json_object_set_new(r->data, "P1_evidence", json_string(ev1));
    json_object_set_new(r->data, "P2_evidence", json_string(ev2));
    json_object_set_new(r->data, "delta_log2", json_integer(e));
    if (r->id != NULL && plot_enclosures(tsa_claim_plot_dir(r), r->id, act, c, lo, prec))
        json_object_set_new(r->data, "plot", json_string("enclosure"));

cleanup:
    arb_clear(wit);
    arb_clear(pi);
    arb_clear(hi);
    arb_clear(lo);
    arb_clear(delta);
    arb_clear(c);
    return st;
}

const tsa_claim_checker_entry_t tsa_claims_ad_checkers[] = {
    {"ad_properties", tsa_claim_check_ad_properties},
    {"ad3_spurious", tsa_claim_check_ad3_spurious},
    {NULL, NULL}};
