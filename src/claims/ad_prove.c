/* ad_prove.c -- checkers on the property engine of src/ad/prop*.c
 * (docs/ad-alignment.md s. 5-8, issue 12).
 *
 * ad_prove  one property of the AD functions (h_pos, F_sum, F_gap, phi,
 *           G_decr) for one family: the engine's tri-valued answer is the
 *           conclusion, with its evidence (boxes, depth, precision, time,
 *           the certified counterexample point when false).
 * ad1_n2    AD-1 for n = 2 students: the hypotheses are the properties the
 *           proof of s. 5 uses (h_pos, F_sum, F_gap, phi), each an engine
 *           result; the conclusion "every critical point with both students
 *           non-zero is aligned, every local minimum with a zero student has
 *           the other equal to v" follows from them by the exact steps of
 *           s. 4-5 (true when all are proved, undecided otherwise).  For
 *           arccos0 (order 0, docs s. 7) the conclusion is decided by the
 *           exact non-aligned global minimum v = e1, w1 = (1, 1), w2 = (1, -1):
 *           J = 1/4 = min J there (triangle inequality for angles), checked
 *           in Arb, with the angles to v proved positive. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_ad.h"
#include "tsa_io.h"
#include "tsa_claims.h"

typedef struct
{
    tsa_ad_act_t act;
    const char *act_s, *c_s;
    arb_t c;
    tsa_ad_prop_limits_t lim;
} fam_t;

/* params act, c, max_boxes, max_depth, degree (the engine's limits) */
static int
read_family(fam_t *f, const json_t *params, const char *file, slong prec)
{
    static const struct { const char *key; long lo, hi; } ints[] = {
        {"max_boxes", 1, 10000000}, {"max_depth", 1, 200},
        {"degree", 1, TSA_AD_JET_MAXDEG}};
    json_t *v;
    size_t i;
    char field[512];
    tsa_ad_prop_limits_default(&f->lim);
    f->lim.prec = prec;
    f->c_s = "0";
    v = json_object_get(params, "act");
    if (!json_is_string(v))
        return TSA_ERROR(TSA_EFORMAT, "%s: params.act: missing or not a string", file);
    f->act_s = json_string_value(v);
    if (tsa_ad_act_parse(&f->act, f->act_s) != TSA_SUCCESS)
        return TSA_ERROR(TSA_EFORMAT, "%s: params.act: unknown activation (relu, "
                         "leaky, arccos0, arccos2)", file);
    if ((v = json_object_get(params, "c")) != NULL)
    {
        if (!json_is_string(v) || f->act != TSA_AD_LEAKY)
            return TSA_ERROR(TSA_EFORMAT, "%s: params.c: an exact decimal string, "
                             "for act leaky only", file);
        f->c_s = json_string_value(v);
    }
    else if (f->act == TSA_AD_LEAKY)
        return TSA_ERROR(TSA_EFORMAT, "%s: params.c: leaky needs the slope c", file);
    for (i = 0; i < sizeof ints / sizeof ints[0]; i++)
    {
        slong *dst = i == 0 ? &f->lim.max_boxes : i == 1 ? &f->lim.max_depth
                                                         : &f->lim.deg;
        if ((v = json_object_get(params, ints[i].key)) == NULL)
            continue;
        if (!json_is_integer(v) || json_integer_value(v) < ints[i].lo
            || json_integer_value(v) > ints[i].hi)
            return TSA_ERROR(TSA_EFORMAT, "%s: params.%s: integer in %ld .. %ld",
                             file, ints[i].key, ints[i].lo, ints[i].hi);
        *dst = (slong) json_integer_value(v);
    }
    snprintf(field, sizeof field, "%.400s: params.c", file);
    if (tsa_io_parse_arb(f->c, f->c_s, field, prec + 64) != TSA_SUCCESS)
        return TSA_EFORMAT; /* the parser named the field */
    if (f->act == TSA_AD_LEAKY
        && !(arb_is_nonnegative(f->c) && arf_cmp_si(arb_midref(f->c), 1) < 0))
        return TSA_ERROR(TSA_EFORMAT, "%s: params.c: %s is not in [0, 1)", file, f->c_s);
    return TSA_SUCCESS;
}

static const char *
fam_str(char *buf, size_t n, const fam_t *f)
{
    snprintf(buf, n, "%s%s%s", tsa_ad_act_name(f->act),
             f->act == TSA_AD_LEAKY ? " c = " : "", f->act == TSA_AD_LEAKY ? f->c_s : "");
    return buf;
}

/* The witness of a false property: the exact point and the ball of q. */
static json_t *
prop_witness(const tsa_ad_prop_result_t r, const tsa_ad_prop_t *prop,
             const fam_t *f)
{
    json_t *w = json_object();
    char rel[600];
    json_object_set_new(w, "checker", json_string("ad_prove"));
    json_object_set_new(w, "form", json_string("point"));
    json_object_set_new(w, "act", json_string(f->act_s));
    json_object_set_new(w, "c", json_string(f->c_s));
    json_object_set_new(w, "property", json_string(prop->name));
    snprintf(rel, sizeof rel, "%s", prop->text);
    json_object_set_new(w, "relation", json_string(rel));
    json_object_set_new(w, "violation", json_string("q = g / m < 0 at the point "
                                                    "(proved in Arb)"));
    if (prop->dom == TSA_AD_DOM_TRIANGLE)
    {
        json_object_set_new(w, "a", tsa_claim_witness_arb(r->point + 0));
        json_object_set_new(w, "b", tsa_claim_witness_arb(r->point + 1));
    }
    else
        json_object_set_new(w, "theta", tsa_claim_witness_arb(r->point + 0));
    json_object_set_new(w, "value", tsa_claim_witness_arb(&r->value));
    json_object_set_new(w, "prec", json_integer(r->prec));
    return w;
}

/* Run one property; *truth and a one-line evidence (malloc'd), the
 * numbers into data[name], the witness into *wit when false and *wit is
 * NULL.  Errors: a property that does not apply, a contradicted vanishing
 * lemma (the engine's TSA_EINVAL / TSA_EDOM). */
static int
run_prop(tsa_truth_t *truth, char **ev, json_t *data, json_t **wit,
         const tsa_ad_prop_t *prop, const fam_t *f)
{
    tsa_ad_prop_result_t r;
    int st;
    tsa_ad_prop_result_init(r);
    *ev = NULL;
    st = tsa_ad_prop_prove(r, prop, f->act, f->c, &f->lim);
    if (st == TSA_SUCCESS)
    {
        json_t *o = json_object();
        *truth = r->truth;
        *ev = tsa_ad_prop_result_str(r, prop);
        if (*ev == NULL)
            st = TSA_ERROR(TSA_ENOMEM, "ad_prove: out of memory");
        json_object_set_new(o, "truth", json_string(tsa_truth_name(r->truth)));
        json_object_set_new(o, "boxes", json_integer(r->boxes));
        json_object_set_new(o, "depth", json_integer(r->depth));
        json_object_set_new(o, "unresolved", json_integer(r->unresolved));
        json_object_set_new(o, "prec", json_integer(r->prec));
        json_object_set_new(o, "degree", json_integer(f->lim.deg));
        json_object_set_new(o, "max_depth", json_integer(f->lim.max_depth));
        json_object_set_new(o, "max_boxes", json_integer(f->lim.max_boxes));
        json_object_set_new(o, "seconds", json_real(r->seconds));
        if (r->truth == TSA_FALSE)
        {
            json_t *w = prop_witness(r, prop, f);
            json_object_set(o, "counterexample", w);
            if (*wit == NULL)
                *wit = w;
            else
                json_decref(w);
        }
        json_object_set_new(data, prop->name, o);
    }
    tsa_ad_prop_result_clear(r);
    return st;
}

static const char engine_method[] =
    "Property engine (src/ad/prop*.c, docs/ad-alignment.md s. 8): interval "
    "branch-and-bound in Arb over the interval or the triangle; Taylor models "
    "(jets of F, F', G, sin, cos with Lagrange remainders) on each box, and at "
    "the vanishing edges Taylor models of the quotient by the exact vanishing "
    "factor; true only when every box is proved, false only with an exact "
    "point where the quotient is proved < 0, undecided otherwise.";

int tsa_claim_check_ad_prove(tsa_claim_result_t r, const json_t *params,
                             const char *file, slong prec);
int tsa_claim_check_ad1_n2(tsa_claim_result_t r, const json_t *params,
                           const char *file, slong prec);

int
tsa_claim_check_ad_prove(tsa_claim_result_t r, const json_t *params,
                         const char *file, slong prec)
{
    const tsa_ad_prop_t *prop;
    json_t *v = json_object_get(params, "property");
    fam_t f;
    tsa_truth_t t = TSA_UNDECIDED;
    char inst[512], fb[128], *ev = NULL;
    int st;

    arb_init(f.c);
    if ((st = read_family(&f, params, file, prec)) != TSA_SUCCESS)
        goto done;
    if (!json_is_string(v) || (prop = tsa_ad_prop_find(json_string_value(v))) == NULL)
    {
        st = TSA_ERROR(TSA_EFORMAT, "%s: params.property: missing or unknown (h_pos, "
                       "F_sum, F_gap, phi, G_decr)", file);
        goto done;
    }
    snprintf(inst, sizeof inst, "sigma = %s, x ~ N(0, I); property %s; %ld bits, "
             "Taylor degree %ld, depth <= %ld, <= %ld boxes", fam_str(fb, sizeof fb, &f),
             prop->name, (long) prec, (long) f.lim.deg, (long) f.lim.max_depth,
             (long) f.lim.max_boxes);
    r->instance = strdup(inst);
    r->method = strdup(engine_method);
    tsa_claim_add_hyp(r, "sigma positively homogeneous, x ~ N(0, I): "
                      "E[sigma(w.x) sigma(u.x)] = |w|^p |u|^p F(theta)", TSA_TRUE,
                      "by definition of the activation and rotation invariance (exact)");
    tsa_claim_add_hyp(r, "vanishing orders of g on the domain's edges", TSA_TRUE,
                      "exact lemmas from the closed forms (src/ad/prop_cat.c); the "
                      "engine stops with an error if a Taylor coefficient below the "
                      "declared order is proved non-zero");
    if ((st = run_prop(&t, &ev, r->data, &r->witness, prop, &f)) != TSA_SUCCESS)
        goto done;
    tsa_claim_set_concl(r, prop->text, t, ev);
    json_object_set_new(r->data, "property", json_string(prop->name));
done:
    free(ev);
    arb_clear(f.c);
    return st;
}

/* arccos0: J at v = e1, w1 = (1, 1), w2 = (1, -1), and at the aligned pair
 * (J = 1/4 exactly there).  J = 3/4 + F(t12) - F(t1v) - F(t2v). */
static tsa_truth_t
order0_minimum(char *ev, size_t n, json_t **wit, slong prec)
{
    arb_t t12, t1v, J, F, y, q;
    char *js;
    tsa_truth_t t = TSA_UNDECIDED;
    int ok;
    arb_init(t12);
    arb_init(t1v);
    arb_init(J);
    arb_init(F);
    arb_init(y);
    arb_init(q);
    /* cos t12 = 0, cos t1v = cos t2v = 1 / sqrt 2 */
    arb_zero(y);
    arb_acos(t12, y, prec);
    arb_sqrt_ui(y, 2, prec);
    arb_inv(y, y, prec);
    arb_acos(t1v, y, prec);
    arb_set_d(J, 0.75);
    ok = tsa_ad_F(F, t12, TSA_AD_ARCCOS0, NULL, prec) == TSA_SUCCESS;
    arb_add(J, J, F, prec);
    ok = ok && tsa_ad_F(F, t1v, TSA_AD_ARCCOS0, NULL, prec) == TSA_SUCCESS;
    arb_submul_ui(J, F, 2, prec);
    arb_set_d(q, 0.25);
    js = arb_get_str(J, 20, 0);
    if (ok && arb_contains(J, q) && arb_is_positive(t1v))
    {
        t = TSA_FALSE;
        snprintf(ev, n, "certified non-aligned global minimum: v = (1, 0), w1 = (1, 1), "
                 "w2 = (1, -1) (angles pi/4 to v, proved > 0): J = %s (Arb, %ld bits) "
                 "= 1/4 exactly, since v bisects w1, w2 (t1v + t2v = t12), and "
                 "J = 1/4 + (t1v + t2v - t12)/(2 pi) >= 1/4 everywhere (triangle "
                 "inequality for angles; docs/ad-alignment.md s. 7); the aligned "
                 "pair has J = 1/4 too", js, (long) prec);
        *wit = json_object();
        json_object_set_new(*wit, "checker", json_string("ad1_n2"));
        json_object_set_new(*wit, "form", json_string("point"));
        json_object_set_new(*wit, "act", json_string("arccos0"));
        json_object_set_new(*wit, "v", json_string("[1, 0]"));
        json_object_set_new(*wit, "W", json_string("[[1, 1], [1, -1]]"));
        json_object_set_new(*wit, "relation", json_string("every local minimum has "
                                                          "all students along v"));
        json_object_set_new(*wit, "violation", json_string("a global minimum "
                                                           "(J = 1/4) with both students at angle pi/4 to v"));
        json_object_set_new(*wit, "J", tsa_claim_witness_arb(J));
        json_object_set_new(*wit, "angle_to_v", tsa_claim_witness_arb(t1v));
        json_object_set_new(*wit, "prec", json_integer(prec));
    }
    else
        snprintf(ev, n, "the order-0 witness was not confirmed in Arb: J = %s", js);
    flint_free(js);
    arb_clear(t12);
    arb_clear(t1v);
    arb_clear(J);
    arb_clear(F);
    arb_clear(y);
    arb_clear(q);
    return t;
}

int
tsa_claim_check_ad1_n2(tsa_claim_result_t r, const json_t *params,
                       const char *file, slong prec)
{
    static const char *const names[] = {"h_pos", "F_sum", "F_gap", "phi"};
    static const char *const uses[] = {
        "(s. 4, 5a, 5b: zero student, planarity, torque balance)",
        "(s. 5c, 5d: the radial sum, collinear students)",
        "(s. 5d: collinear students)",
        "(s. 5c: the key inequality on the triangle)"};
    fam_t f;
    tsa_truth_t t, all = TSA_TRUE;
    char inst[512], fb[128], *ev = NULL, big[2048];
    json_t *props = json_object();
    size_t i;
    int st;

    arb_init(f.c);
    if ((st = read_family(&f, params, file, prec)) != TSA_SUCCESS)
        goto done;
    snprintf(inst, sizeof inst, "teacher sigma(v.x), students sigma(w1.x) + "
             "sigma(w2.x), sigma = %s, x ~ N(0, I), any d >= 2; engine at %ld bits, "
             "Taylor degree %ld, depth <= %ld", fam_str(fb, sizeof fb, &f),
             (long) prec, (long) f.lim.deg, (long) f.lim.max_depth);
    r->instance = strdup(inst);
    r->method = strdup(f.act == TSA_AD_ARCCOS0
                       ? "Hypotheses: the property engine. Conclusion: an exact "
                         "non-aligned global minimum (docs/ad-alignment.md s. 7), "
                         "its loss and angles checked in Arb."
                       : "Hypotheses: the property engine (docs/ad-alignment.md s. 8). "
                         "Conclusion: the exact steps of s. 4-5 from the hypotheses "
                         "(planarity, torque balance, elimination of the norms, "
                         "collinear and zero-student cases); those steps are written "
                         "proofs, not machine-checked.");
    for (i = 0; i < 4; i++)
    {
        const tsa_ad_prop_t *prop = tsa_ad_prop_find(names[i]);
        char name[512];
        if ((st = run_prop(&t, &ev, props, &r->witness, prop, &f)) != TSA_SUCCESS)
            goto done;
        snprintf(name, sizeof name, "%s: %s %s", prop->name, prop->text, uses[i]);
        tsa_claim_add_hyp(r, name, t, ev);
        free(ev);
        ev = NULL;
        if (t == TSA_FALSE)
            all = TSA_FALSE;
        else if (t == TSA_UNDECIDED && all == TSA_TRUE)
            all = TSA_UNDECIDED;
    }
    json_object_set(r->data, "properties", props);
    if (f.act == TSA_AD_ARCCOS0)
    {
        json_decref(r->witness); /* the properties hold; the witness is the minimum */
        r->witness = NULL;
        t = order0_minimum(big, sizeof big, &r->witness, prec);
        tsa_claim_set_concl(r, "AD-1 holds for n = 2 (order-0 reading: every local "
                            "minimum of J, a function of the directions, has both "
                            "students along v)", t, big);
    }
    else
    {
        t = all == TSA_TRUE ? TSA_TRUE : TSA_UNDECIDED;
        snprintf(big, sizeof big, "%s", t == TSA_TRUE
                 ? "from the proved hypotheses by docs/ad-alignment.md s. 4-5 (exact "
                   "facts used besides: F(pi) <= 0, h(0) = h(pi) = 0, p >= 1): every "
                   "critical point with both students non-zero is aligned (J = 0), and "
                   "a local minimum with a zero student has the other student equal to v"
                 : "not all hypotheses are proved: the proof of s. 5 does not apply");
        tsa_claim_set_concl(r, "AD-1 holds for n = 2: every local minimum with "
                            "non-zero students is aligned (every critical point with "
                            "both students non-zero is)", t, big);
    }
done:
    json_decref(props);
    free(ev);
    arb_clear(f.c);
    return st;
}

int tsa_claim_check_ad1_gd(tsa_claim_result_t r, const json_t *params,
                           const char *file, slong prec); /* ad1_exp.c */
int tsa_claim_check_ad1_newton(tsa_claim_result_t r, const json_t *params,
                               const char *file, slong prec); /* ad1_newton.c */

const tsa_claim_checker_entry_t tsa_claims_adp_checkers[] = {
    {"ad_prove", tsa_claim_check_ad_prove},
    {"ad1_n2", tsa_claim_check_ad1_n2},
    {"ad1_gd", tsa_claim_check_ad1_gd},
    {"ad1_newton", tsa_claim_check_ad1_newton},
    {NULL, NULL}};
