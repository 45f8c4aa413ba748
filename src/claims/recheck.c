/* recheck.c -- witnesses of counterexamples and `tsalign check --recheck`
 * (docs/formats.md "Witnesses").
 *
 * ad_properties: the witness is an exact angle theta and the relation the
 *   property needs there (G > 0 or G' < 0); recheck evaluates G or G' at
 *   theta again at another precision and decides the violation anew.
 * ss_thm1, ss_thm2: the witness is the exact instance (networks of exact
 *   rationals); recheck runs the exact decision again on it.
 * ad_prove: the engine's counterexample point (theta, or (a, b) for phi);
 *   recheck evaluates the property's left-hand side g there again from
 *   F, F', F'' (tsa_ad_F, tsa_ad_F1, tsa_ad_F2), not the engine's jets.
 * ad1_n2 (order 0): the exact network of the witness; recheck computes its
 *   angles with atan2 from the vectors and J from the closed form
 *   F(t) = (pi - t) / (2 pi) written out here, not tsa_ad_F. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_ad.h"
#include "tsa_io.h"
#include "tsa_format.h"
#include "tsa_claims.h"
#include "recheck_ss.h"
#include "lm_impl.h"
#include "lm_lemmas.h"

#define REPORT_MAX (1L << 24)

json_t *
tsa_claim_witness_arb(const arb_t x)
{
    json_t *j = json_object();
    char *b = arb_get_str(x, 20, 0), *d = arb_dump_str(x);
    json_object_set_new(j, "ball", json_string(b));
    json_object_set_new(j, "exact", json_string(d));
    if (arb_is_exact(x))
    {
        /* the midpoint as M * 2^E, exactly */
        fmpz_t m, e;
        char *ms, *es, *s;
        fmpz_init(m);
        fmpz_init(e);
        arf_get_fmpz_2exp(m, e, arb_midref(x));
        ms = fmpz_get_str(NULL, 10, m);
        es = fmpz_get_str(NULL, 10, e);
        s = flint_malloc(strlen(ms) + strlen(es) + 8);
        sprintf(s, "%s*2^%s", ms, es);
        json_object_set_new(j, "dyadic", json_string(s));
        flint_free(s);
        flint_free(ms);
        flint_free(es);
        fmpz_clear(m);
        fmpz_clear(e);
    }
    flint_free(b);
    flint_free(d);
    return j;
}

/* G (degree 0) or G' (degree 1) at theta, by a second formula: the
 * checker (ad.c) evaluates tsa_ad_G and the Taylor series of G; here
 *   G = -F'/sin theta,   G' = (F' cos theta - F'' sin theta) / sin^2 theta
 * from tsa_ad_F1 and tsa_ad_F2 (docs/ad.md), so a recheck shares only the
 * AD functions' derivatives with the run that found the witness. */
static int
ad_eval(arb_t y, int deriv, const arb_t theta, tsa_ad_act_t act, const arb_t c,
        slong prec)
{
    int st;
    arb_t f1, f2, s, co;
    tsa_error_handler_t *h = tsa_set_error_handler(NULL);
    arb_init(f1);
    arb_init(f2);
    arb_init(s);
    arb_init(co);
    arb_sin_cos(s, co, theta, prec);
    st = tsa_ad_F1(f1, theta, act, c, prec);
    if (st == TSA_SUCCESS && deriv == 0)
    {
        arb_div(y, f1, s, prec);
        arb_neg(y, y);
    }
    else if (st == TSA_SUCCESS
             && (st = tsa_ad_F2(f2, theta, act, c, prec)) == TSA_SUCCESS)
    {
        arb_mul(y, f1, co, prec);
        arb_submul(y, f2, s, prec);
        arb_sqr(s, s, prec);
        arb_div(y, y, s, prec);
    }
    arb_clear(f1);
    arb_clear(f2);
    arb_clear(s);
    arb_clear(co);
    tsa_set_error_handler(h);
    return st;
}

json_t *
tsa_claim_witness_ad(const char *act_name, const char *c, int deriv,
                     const arb_t theta, slong prec)
{
    json_t *w = json_object();
    tsa_ad_act_t act;
    arb_t cc, y;
    arb_init(cc);
    arb_init(y);
    json_object_set_new(w, "checker", json_string("ad_properties"));
    json_object_set_new(w, "form", json_string("point"));
    json_object_set_new(w, "act", json_string(act_name));
    json_object_set_new(w, "c", json_string(c));
    json_object_set_new(w, "function", json_string(deriv ? "G'" : "G"));
    json_object_set_new(w, "relation", json_string(deriv ? "G'(theta) < 0" : "G(theta) > 0"));
    json_object_set_new(w, "violation", json_string(deriv ? "G'(theta) >= 0" : "G(theta) <= 0"));
    json_object_set_new(w, "theta", tsa_claim_witness_arb(theta));
    if (tsa_ad_act_parse(&act, act_name) == TSA_SUCCESS
        && tsa_io_parse_arb(cc, c, "c", prec + 64) == TSA_SUCCESS
        && ad_eval(y, deriv, theta, act, cc, prec) == TSA_SUCCESS)
        json_object_set_new(w, "value", tsa_claim_witness_arb(y));
    json_object_set_new(w, "prec", json_integer(prec));
    arb_clear(y);
    arb_clear(cc);
    return w;
}

static const char *
wstr(const json_t *w, const char *key)
{
    return json_string_value(json_object_get(w, key));
}

static int
recheck_ad(tsa_truth_t *truth, char **msg, const json_t *w, slong prec)
{
    const char *act_s = wstr(w, "act"), *c_s = wstr(w, "c"), *f = wstr(w, "function");
    const char *dump = wstr(json_object_get(w, "theta"), "exact");
    tsa_ad_act_t act;
    arb_t th, c, y;
    int deriv, st;
    char buf[512], *ys, *ts;
    if (act_s == NULL || c_s == NULL || f == NULL || dump == NULL
        || (strcmp(f, "G") != 0 && strcmp(f, "G'") != 0))
        return TSA_ERROR(TSA_EFORMAT, "witness: needs act, c, function (G or G') "
                         "and theta.exact");
    if (tsa_ad_act_parse(&act, act_s) != TSA_SUCCESS)
        return TSA_ERROR(TSA_EFORMAT, "witness.act: unknown activation");
    deriv = strcmp(f, "G'") == 0;
    arb_init(th);
    arb_init(c);
    arb_init(y);
    if ((st = tsa_io_load_arb_dump(th, dump, "witness.theta.exact")) != TSA_SUCCESS
        || (st = tsa_io_parse_arb(c, c_s, "witness.c", prec + 64)) != TSA_SUCCESS)
        goto done;
    if (ad_eval(y, deriv, th, act, c, prec) != TSA_SUCCESS || !arb_is_finite(y))
        *truth = TSA_UNDECIDED;
    else if (deriv ? arb_is_nonnegative(y) : arb_is_nonpositive(y))
        *truth = TSA_TRUE;  /* the violation holds again */
    else if (deriv ? arb_is_negative(y) : arb_is_positive(y))
        *truth = TSA_FALSE; /* the relation holds: no counterexample here */
    else
        *truth = TSA_UNDECIDED;
    ys = arb_get_str(y, 20, 0);
    ts = arb_get_str(th, 20, 0);
    snprintf(buf, sizeof buf, "%s(theta) at theta = %s (exactly %s, Arb dump %s), %s, "
             "%ld bits: %s", f, ts, wstr(json_object_get(w, "theta"), "dyadic")
             ? wstr(json_object_get(w, "theta"), "dyadic") : "the dump", dump, act_s,
             (long) prec, ys);
    flint_free(ys);
    flint_free(ts);
    *msg = strdup(buf);
done:
    arb_clear(y);
    arb_clear(c);
    arb_clear(th);
    return st;
}

/* g of a one-angle property of the catalogue (src/ad/prop_cat.c) at theta,
 * from F, F' and F'': h_pos g = -F'; F_sum g = F(0) + F; F_gap g = F(0) - F;
 * G_decr g = -G' (G' as in ad_eval). */
static int
prove_g1(arb_t g, const char *prop, const arb_t th, tsa_ad_act_t act, const arb_t c,
         slong prec)
{
    arb_t z;
    int st = TSA_SUCCESS;
    arb_init(z);
    if (strcmp(prop, "h_pos") == 0)
    {
        st = tsa_ad_F1(g, th, act, c, prec);
        arb_neg(g, g);
    }
    else if (strcmp(prop, "F_sum") == 0 || strcmp(prop, "F_gap") == 0)
    {
        if ((st = tsa_ad_F(g, th, act, c, prec)) == TSA_SUCCESS
            && (st = tsa_ad_F(z, z, act, c, prec)) == TSA_SUCCESS)
        {
            if (strcmp(prop, "F_gap") == 0)
                arb_neg(g, g);
            arb_add(g, g, z, prec);
        }
    }
    else if (strcmp(prop, "G_decr") == 0)
    {
        st = ad_eval(g, 1, th, act, c, prec);
        arb_neg(g, g);
    }
    else
        st = TSA_EDOM;
    arb_clear(z);
    return st;
}

/* phi: (h(a) + h(b)) (F(0) + F(a + b)) - (F(a) + F(b)) h(a + b), h = -F' */
static int
prove_phi(arb_t g, const arb_t a, const arb_t b, tsa_ad_act_t act, const arb_t c,
          slong prec)
{
    arb_t s, t, u, z;
    int st;
    arb_init(s), arb_init(t), arb_init(u), arb_init(z);
    arb_add(s, a, b, prec);
    st = tsa_ad_F1(t, a, act, c, prec);                     /* -h(a) */
    st = st ? st : tsa_ad_F1(u, b, act, c, prec);           /* -h(b) */
    arb_add(t, t, u, prec);
    arb_neg(t, t);                                          /* h(a) + h(b) */
    st = st ? st : tsa_ad_F(u, s, act, c, prec);
    st = st ? st : tsa_ad_F(z, z, act, c, prec);
    arb_add(u, u, z, prec);                                 /* F(0) + F(a + b) */
    arb_mul(g, t, u, prec);
    st = st ? st : tsa_ad_F(t, a, act, c, prec);
    st = st ? st : tsa_ad_F(u, b, act, c, prec);
    arb_add(t, t, u, prec);                                 /* F(a) + F(b) */
    st = st ? st : tsa_ad_F1(u, s, act, c, prec);          /* -h(a + b) */
    arb_addmul(g, t, u, prec);
    arb_clear(s), arb_clear(t), arb_clear(u), arb_clear(z);
    return st;
}

static int
recheck_prove(tsa_truth_t *truth, char **msg, const json_t *w, slong prec)
{
    const char *act_s = wstr(w, "act"), *c_s = wstr(w, "c"), *prop = wstr(w, "property");
    const char *da = wstr(json_object_get(w, "a"), "exact");
    const char *db = wstr(json_object_get(w, "b"), "exact");
    const char *dt = wstr(json_object_get(w, "theta"), "exact");
    tsa_error_handler_t *h;
    tsa_ad_act_t act;
    arb_t a, b, c, g;
    int st, ev;
    char buf[640], *gs;
    if (act_s == NULL || c_s == NULL || prop == NULL
        || (strcmp(prop, "phi") == 0 ? (da == NULL || db == NULL) : dt == NULL))
        return TSA_ERROR(TSA_EFORMAT, "witness: needs act, c, property and theta.exact "
                         "(a.exact, b.exact for phi)");
    if (tsa_ad_act_parse(&act, act_s) != TSA_SUCCESS)
        return TSA_ERROR(TSA_EFORMAT, "witness.act: unknown activation");
    arb_init(a), arb_init(b), arb_init(c), arb_init(g);
    if ((st = tsa_io_load_arb_dump(a, strcmp(prop, "phi") == 0 ? da : dt,
                                   "witness point")) != TSA_SUCCESS
        || (strcmp(prop, "phi") == 0
            && (st = tsa_io_load_arb_dump(b, db, "witness.b.exact")) != TSA_SUCCESS)
        || (st = tsa_io_parse_arb(c, c_s, "witness.c", prec + 64)) != TSA_SUCCESS)
        goto done;
    h = tsa_set_error_handler(NULL);
    ev = strcmp(prop, "phi") == 0 ? prove_phi(g, a, b, act, c, prec)
                                  : prove_g1(g, prop, a, act, c, prec);
    tsa_set_error_handler(h);
    if (ev == TSA_EDOM && strcmp(prop, "phi") != 0 && strcmp(prop, "h_pos") != 0
        && strcmp(prop, "F_sum") != 0 && strcmp(prop, "F_gap") != 0
        && strcmp(prop, "G_decr") != 0)
    {
        st = TSA_ERROR(TSA_EFORMAT, "witness.property: unknown property");
        goto done;
    }
    if (ev != TSA_SUCCESS || !arb_is_finite(g))
        *truth = TSA_UNDECIDED;
    else
        *truth = arb_is_nonpositive(g) ? TSA_TRUE   /* g > 0 fails again */
                 : arb_is_positive(g)  ? TSA_FALSE  /* the property holds here */
                                       : TSA_UNDECIDED;
    gs = arb_get_str(g, 20, 0);
    snprintf(buf, sizeof buf, "property %s (g > 0 required) at the witness point, %s, "
             "g from F, F', F'' (not the engine's Taylor jets), %ld bits: g = %s",
             prop, act_s, (long) prec, gs);
    flint_free(gs);
    *msg = strdup(buf);
done:
    arb_clear(a), arb_clear(b), arb_clear(c), arb_clear(g);
    return st;
}

/* Order 0, the witness v = e1, w1 = (1, 1), w2 = (1, -1): angles by atan2
 * from the vectors, F(t) = (pi - t) / (2 pi) for the step function, and
 * J = F(0)/2 + sum_ij F(t_ij)/2 - sum_i F(t_iv) (docs/ad-alignment.md s. 7).
 * The violation holds again when J contains 1/4 (the lower bound
 * J >= 1/4 is the exact triangle-inequality argument of s. 7) and both
 * angles to v are proved positive. */
static void
order0_F(arb_t F, const arb_t t, slong prec)
{
    arb_t p;
    arb_init(p);
    arb_const_pi(p, prec);
    arb_sub(F, p, t, prec);
    arb_div(F, F, p, prec);
    arb_mul_2exp_si(F, F, -1);
    arb_clear(p);
}

static int
recheck_order0(tsa_truth_t *truth, char **msg, const json_t *w, slong prec)
{
    const char *act_s = wstr(w, "act"), *W = wstr(w, "W"), *v = wstr(w, "v");
    arb_t t1v, t2v, t12, J, F, x, y;
    char buf[512], *js;
    if (act_s == NULL || strcmp(act_s, "arccos0") != 0 || W == NULL || v == NULL
        || strcmp(v, "[1, 0]") != 0 || strcmp(W, "[[1, 1], [1, -1]]") != 0)
        return TSA_ERROR(TSA_EFORMAT, "witness: the order-0 witness act arccos0, v [1, 0], "
                         "W [[1, 1], [1, -1]] is the only one this checker writes");
    arb_init(t1v), arb_init(t2v), arb_init(t12), arb_init(J), arb_init(F);
    arb_init(x), arb_init(y);
    arb_one(x);
    arb_one(y);
    arb_atan2(t1v, y, x, prec); /* angle of (1, 1) to (1, 0) */
    arb_neg(y, y);
    arb_atan2(t2v, y, x, prec);
    arb_abs(t2v, t2v);          /* angle of (1, -1) to (1, 0) */
    arb_add(t12, t1v, t2v, prec); /* the two lie on either side of v */
    arb_zero(x);
    order0_F(F, x, prec);
    arb_mul_2exp_si(J, F, -1);            /* F(0)/2 */
    arb_add(J, J, F, prec);               /* i = j terms: F(0)/2 twice */
    order0_F(F, t12, prec);
    arb_add(J, J, F, prec);               /* i != j: F(t12)/2 twice */
    order0_F(F, t1v, prec);
    arb_sub(J, J, F, prec);
    order0_F(F, t2v, prec);
    arb_sub(J, J, F, prec);
    arb_set_d(x, 0.25);
    *truth = arb_contains(J, x) && arb_is_positive(t1v) && arb_is_positive(t2v)
             && arb_rel_accuracy_bits(J) > 32 ? TSA_TRUE : TSA_UNDECIDED;
    js = arb_get_str(J, 20, 0);
    snprintf(buf, sizeof buf, "order 0 at v = (1, 0), w1 = (1, 1), w2 = (1, -1): angles "
             "by atan2, F(t) = (pi - t)/(2 pi) written out, %ld bits: J = %s (the global "
             "minimum value 1/4 %s), angles to v %s", (long) prec, js,
             arb_contains(J, x) ? "contained" : "NOT contained",
             arb_is_positive(t1v) && arb_is_positive(t2v) ? "proved > 0" : "not proved > 0");
    flint_free(js);
    *msg = strdup(buf);
    arb_clear(t1v), arb_clear(t2v), arb_clear(t12), arb_clear(J), arb_clear(F);
    arb_clear(x), arb_clear(y);
    return TSA_SUCCESS;
}

/* The exact instance again through the exact decision of the checker. */
static int
recheck_exact(tsa_truth_t *truth, char **msg, const char *checker,
              const json_t *w, slong prec)
{
    const json_t *inst = json_object_get(w, "instance");
    tsa_claim_result_t r;
    tsa_verdict_t v;
    char buf[512];
    int st;
    if (!json_is_object(inst))
        return TSA_ERROR(TSA_EFORMAT, "witness.instance: missing or not an object");
    if ((st = tsa_claim_params_check(inst, checker, "witness.instance")) != TSA_SUCCESS)
        return st;
    tsa_claim_result_init(r);
    st = tsa_claim_checker_find(checker)(r, inst, "witness.instance", prec);
    if (st == TSA_SUCCESS)
    {
        v = tsa_claim_verdict(r);
        *truth = v == TSA_VERDICT_COUNTEREXAMPLE ? TSA_TRUE
                 : v == TSA_VERDICT_UNDECIDED    ? TSA_UNDECIDED
                                                 : TSA_FALSE;
        snprintf(buf, sizeof buf, "exact instance decided again (%s, exact rational "
                 "arithmetic): verdict %s; conclusion: %.300s", checker,
                 tsa_verdict_name(v), r->concl.evidence ? r->concl.evidence : "");
        *msg = strdup(buf);
    }
    tsa_claim_result_clear(r);
    return st;
}

void
tsa_claim_witness_complete(tsa_claim_result_t r)
{
    if (r->witness != NULL || r->checker == NULL || r->params == NULL
        || tsa_claim_verdict(r) != TSA_VERDICT_COUNTEREXAMPLE)
        return;
    if (strcmp(r->checker, "ss_thm1") == 0 || strcmp(r->checker, "ss_thm2") == 0)
    {
        r->witness = json_object();
        json_object_set_new(r->witness, "checker", json_string(r->checker));
        json_object_set_new(r->witness, "form", json_string("exact-instance"));
        json_object_set_new(r->witness, "relation",
                            json_string(r->concl.name ? r->concl.name : ""));
        json_object_set(r->witness, "instance", r->params);
    }
    else if (strcmp(r->checker, "ss_cor1") == 0)
        r->witness = tsa_ss_witness_cor1(r->params);
}

int
tsa_claim_recheck(tsa_truth_t *truth, int *supported, char **msg,
                  const char *report_path, slong prec)
{
    json_t *j, *w;
    json_error_t jerr;
    const char *checker;
    char *text = NULL;
    size_t len;
    int st;
    *truth = TSA_UNDECIDED;
    *supported = 0;
    *msg = NULL;
    if ((st = tsa_io_read_file(&text, &len, report_path, REPORT_MAX)) != TSA_SUCCESS)
        return st;
    j = json_loads(text, JSON_REJECT_DUPLICATES, &jerr);
    free(text);
    if (j == NULL || !json_is_object(j))
    {
        json_decref(j);
        return TSA_ERROR(TSA_EFORMAT, "%s: not a JSON report object", report_path);
    }
    checker = json_string_value(json_object_get(j, "checker"));
    w = json_object_get(j, "witness");
    /* reports written before the tag scheme are untagged */
    if ((st = tsa_format_check(j, "report", NULL, TSA_FORMAT_MAJOR, 1, report_path))
        != TSA_SUCCESS)
    {
        /* st says why */
    }
    else if (checker == NULL || tsa_claim_checker_find(checker) == NULL)
        st = TSA_ERROR(TSA_EFORMAT, "%s: checker: missing or unknown", report_path);
    else if (!json_is_object(w))
        st = TSA_ERROR(TSA_EFORMAT, "%s: witness: none in this report (verdict %s)",
                       report_path, json_string_value(json_object_get(j, "verdict"))
                       ? json_string_value(json_object_get(j, "verdict")) : "?");
    else
    {
        if (prec <= 0)
        {
            json_int_t p = json_integer_value(json_object_get(j, "prec"));
            prec = p >= TSA_CLAIM_PREC_MIN && p <= TSA_CLAIM_PREC_MAX / 2 ? 2 * (slong) p : 256;
        }
        if (strcmp(checker, "ad_properties") == 0)
        {
            *supported = 1;
            st = recheck_ad(truth, msg, w, prec);
        }
        else if (strcmp(checker, "ad_prove") == 0)
        {
            *supported = 1;
            st = recheck_prove(truth, msg, w, prec);
        }
        else if (strcmp(checker, "ad1_n2") == 0)
        {
            *supported = 1;
            st = recheck_order0(truth, msg, w, prec);
        }
        else if (strcmp(checker, "ss_thm1") == 0 || strcmp(checker, "ss_thm2") == 0)
        {
            *supported = 1;
            st = recheck_exact(truth, msg, checker, w, prec);
        }
        else if (strcmp(checker, "ss_cor1") == 0)
        {
            *supported = 1;
            st = tsa_ss_recheck_cor1(truth, msg, w);
        }
        else if (strcmp(checker, "ss_thm3") == 0 || strcmp(checker, "ss_thm5") == 0)
        {
            *supported = 1;
            st = tsa_ss_recheck_deep(truth, msg, checker, w, prec);
        }
        else if (strcmp(checker, "lm_thm4") == 0 || strcmp(checker, "lm_thm5") == 0)
        {
            *supported = 1;
            st = tsa_claim_recheck_lm(truth, msg, checker, w, prec);
        }
        else if (strcmp(checker, "lm_lemma4") == 0 || strcmp(checker, "lm_lemma23") == 0
                 || strcmp(checker, "lm_thm2") == 0)
        {
            *supported = 1;
            st = tsa_claim_recheck_lmx(truth, msg, checker, w, prec);
        }
    }
    json_decref(j);
    return st;
}
