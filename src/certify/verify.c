/* verify.c -- re-derive every claim of a certificate from its box alone,
 * at another precision (docs/certify.md s. 7). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "certify_impl.h"

static int
get_hex(double *x, json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    char *end;
    if (!json_is_string(v))
        return 0;
    *x = strtod(json_string_value(v), &end);
    return *end == '\0' && isfinite(*x);
}

static int
get_ball(arb_t x, json_t *v, slong prec)
{
    if (!json_is_string(v))
        return 0;
    return arb_set_str(x, json_string_value(v), prec) == 0 && arb_is_finite(x);
}

static int
ensure_H(double **H, double **E, const tsa_cand_t X)
{
    slong N = X->n * X->d;
    if (*H != NULL)
        return 1;
    *H = malloc(sizeof(double) * N * N);
    *E = malloc(sizeof(double) * X->n * X->n);
    return tsa_certify_hess_mr(*H, *E, X, 80) == TSA_SUCCESS;
}

/* the isotypic lambda_min claim (docs/certify.md s. 10): the centre is
   exactly invariant under the stated blocks, lambda_min(H(centre)) >=
   centre_value re-derived, the spread over the box <= spread, and
   value <= centre_value - spread.  X has the box radii. */
static int
verify_isotypic(char *reason, json_t *cl, const tsa_cand_t X, double rho,
                slong prec)
{
    json_t *bl = json_object_get(cl, "blocks");
    const char *meth = json_string_value(json_object_get(cl, "method"));
    slong k, N = X->n * X->d;
    double v, cv, sp, lo, est, sp2;
    tsa_sym_t s;
    tsa_cand_t Y;
    char why[256];
    int ok;
    if (meth == NULL || strcmp(meth, "isotypic") != 0)
    {
        snprintf(reason, 256, "lambda_min: unknown method");
        return 0;
    }
    if (!get_hex(&v, cl, "value") || !get_hex(&cv, cl, "centre_value")
        || !get_hex(&sp, cl, "spread") || !(v > 0) || !(sp >= 0))
    {
        snprintf(reason, 256, "lambda_min: malformed claim");
        return 0;
    }
    if (_tsa_sym_json(s, bl, "lambda_min: blocks") != TSA_SUCCESS)
    {
        snprintf(reason, 256, "%.200s", tsa_error_last());
        return 0;
    }
    if (!(nextafter(cv - sp, -HUGE_VAL) >= v))
    {
        snprintf(reason, 256, "lambda_min: value %.6g exceeds centre_value "
                 "%.6g - spread %.3g", v, cv, sp);
        return 0;
    }
    tsa_cand_init(Y, X->d, X->n, X->m);
    tsa_cand_set(Y, X);
    for (k = 0; k < N; k++)
        mag_zero(arb_radref(Y->W + k));
    if (tsa_sym_invariant(s, Y) != TSA_TRUE)
    {
        tsa_cand_clear(Y);
        snprintf(reason, 256, "lambda_min: the centre is not exactly invariant "
                 "under the stated blocks");
        return 0;
    }
    ok = tsa_sym_lambda_lower(&lo, &est, why, Y, s, prec) == TSA_TRUE;
    tsa_cand_clear(Y);
    if (!ok || !(lo >= cv))
    {
        snprintf(reason, 256, "lambda_min: centre bound %.6g does not confirm "
                 "centre_value %.6g%s%.150s", ok ? lo : 0.0, cv,
                 ok ? "" : ": ", ok ? "" : why);
        return 0;
    }
    if (tsa_certify_hess_spread(&sp2, X, 80) != TSA_SUCCESS || !(sp2 <= sp))
    {
        snprintf(reason, 256, "lambda_min: spread on the box %.3g does not "
                 "confirm %.3g", sp2, sp);
        return 0;
    }
    (void) rho;
    return 1;
}

#define FAIL(...) do { snprintf(reason, 256, __VA_ARGS__); res = TSA_FALSE; \
                       goto done; } while (0)

tsa_truth_t
tsa_certify_verify(char *reason, int *status, const char *json, slong prec)
{
    json_error_t err;
    json_t *root = json_loads(json, JSON_REJECT_DUPLICATES, &err);
    json_t *prob, *box, *claims, *cl;
    tsa_cand_t X;
    int have_cand = 0, have_k = 0, have_lam = 0, have_neg = 0, have_sm = 0;
    int have_glob = 0, have_mono = 0;
    double lam_claim = 0, g_claim = 0;
    slong d, n, m, N, k, idx;
    double rho = 0, *H = NULL, *E = NULL;
    const char *verdict;
    tsa_truth_t res = TSA_TRUE;

    *status = TSA_SUCCESS;
    reason[0] = '\0';
    if (root == NULL)
    {
        *status = TSA_ERROR(TSA_EFORMAT, "certificate: line %d: %s", err.line,
                            err.text);
        snprintf(reason, 256, "%s", tsa_error_last());
        return TSA_UNDECIDED;
    }
    prob = json_object_get(root, "problem");
    box = json_object_get(root, "box");
    claims = json_object_get(root, "claims");
    verdict = json_string_value(json_object_get(root, "verdict"));
    if (!json_is_object(prob) || !json_is_object(box) || !json_is_array(claims)
        || verdict == NULL
        || !json_is_integer(json_object_get(prob, "d"))
        || !json_is_integer(json_object_get(prob, "n"))
        || !json_is_integer(json_object_get(prob, "m"))
        || !get_hex(&rho, box, "radius") || !(rho >= 0))
    {
        *status = TSA_ERROR(TSA_EFORMAT, "certificate: missing or malformed "
                            "problem, box, verdict or claims");
        snprintf(reason, 256, "%s", tsa_error_last());
        json_decref(root);
        return TSA_UNDECIDED;
    }
    d = json_integer_value(json_object_get(prob, "d"));
    n = json_integer_value(json_object_get(prob, "n"));
    m = json_integer_value(json_object_get(prob, "m"));
    /* each size first: d * n of two huge sizes wraps around */
    if (d < 1 || n < 1 || m < 1 || d > TSA_CERTIFY_MAX_PARAMS
        || n > TSA_CERTIFY_MAX_PARAMS || m > TSA_CERTIFY_MAX_PARAMS
        || d * n > TSA_CERTIFY_MAX_PARAMS || d * m > TSA_CERTIFY_MAX_PARAMS)
    {
        *status = TSA_ERROR(TSA_EFORMAT, "certificate: sizes out of range");
        snprintf(reason, 256, "%s", tsa_error_last());
        json_decref(root);
        return TSA_UNDECIDED;
    }
    N = n * d;
    tsa_cand_init(X, d, n, m);
    have_cand = 1;
    if (_tsa_cand_matrix(X->V, prob, "V", d, m, "certificate: problem", prec)
        || _tsa_cand_matrix(X->W, box, "center", d, n, "certificate: box", prec))
    {
        *status = TSA_EFORMAT;
        snprintf(reason, 256, "%s", tsa_error_last());
        res = TSA_UNDECIDED;
        goto done;
    }
    for (k = 0; k < N; k++)
        if (!arb_is_exact(X->W + k))
            FAIL("box centre entry %ld is not exact", (long) k);

    if (strcmp(verdict, tsa_cert_kind_name(TSA_CERT_GLOBAL_MIN)) == 0)
    {
        tsa_cert_t r;
        tsa_cert_opts_t o;
        tsa_cert_opts_default(&o);
        o.prec = prec;
        tsa_cert_init(r, n, m);
        if (tsa_certify_run(r, X, &o) != TSA_SUCCESS
            || r->kind != TSA_CERT_GLOBAL_MIN)
        {
            tsa_cert_clear(r);
            FAIL("centre is not exactly a column permutation of V");
        }
        tsa_cert_clear(r);
        have_glob = 1;
    }
    for (k = 0; k < N; k++)
        mag_set_d(arb_radref(X->W + k), rho);

    json_array_foreach(claims, idx, cl)
    {
        const char *name = json_string_value(json_object_get(cl, "name"));
        if (name == NULL)
            FAIL("claim %ld has no name", (long) idx);
        if (strcmp(name, "exact_global_minimum") == 0)
        {
            if (!have_glob)
                FAIL("exact_global_minimum claimed for verdict '%s'", verdict);
        }
        else if (strcmp(name, "smooth") == 0)
        {
            double mn, mc, cmn, cmc;
            char why[256];
            if (!get_hex(&cmn, cl, "min_norm") || !get_hex(&cmc, cl, "max_abs_cos"))
                FAIL("smooth: malformed claim");
            if (tsa_certify_smooth(&mn, &mc, why, X, prec) != TSA_TRUE)
                FAIL("smooth: %.200s", why);
            if (!(mn >= cmn) || !(mc <= cmc) || !(cmc < 1))
                FAIL("smooth: re-derived min_norm %.17g, max_abs_cos %.17g do "
                     "not confirm the claim (%.17g, %.17g)", mn, mc, cmn, cmc);
            have_sm = 1;
        }
        else if (strcmp(name, "krawczyk") == 0)
        {
            double ratio, cr, r2 = rho;
            char why[256];
            if (!get_hex(&cr, cl, "ratio") || !(cr < 1))
                FAIL("krawczyk: malformed claim");
            if (!(rho > 0))
                FAIL("krawczyk: box radius is 0");
            free(H);
            free(E);
            H = malloc(sizeof(double) * N * N);
            E = malloc(sizeof(double) * n * n);
            if (tsa_certify_krawczyk(&ratio, &r2, why, X, H, E, NULL, prec)
                != TSA_TRUE)
                FAIL("krawczyk: %.200s", why);
            if (!(ratio <= cr))
                FAIL("krawczyk: re-derived ratio %.6g > claimed %.6g", ratio, cr);
            have_k = 1;
        }
        else if (strcmp(name, "monotone") == 0)
        {
            double gn;
            tsa_cand_t Y;
            int ok;
            if (!get_hex(&g_claim, cl, "grad_norm2") || !(g_claim >= 0))
                FAIL("monotone: malformed claim");
            tsa_cand_init(Y, d, n, m);
            tsa_cand_set(Y, X);
            for (k = 0; k < N; k++)
                mag_zero(arb_radref(Y->W + k));
            ok = tsa_certify_grad_norm2(&gn, Y, prec) == TSA_SUCCESS;
            tsa_cand_clear(Y);
            if (!ok || !(gn <= g_claim))
                FAIL("monotone: |grad J(centre)|_2 <= %.6g does not confirm "
                     "%.6g", gn, g_claim);
            have_mono = 1;
        }
        else if (strcmp(name, "loss") == 0 || strcmp(name, "loss_positive") == 0)
        {
            arb_t J, C;
            int ok;
            arb_init(J);
            arb_init(C);
            ok = tsa_certify_loss(J, X, prec) == TSA_SUCCESS;
            if (strcmp(name, "loss") == 0)
                ok = ok && get_ball(C, json_object_get(cl, "ball"), prec)
                     && arb_contains(C, J);
            else
                ok = ok && arb_is_positive(J);
            arb_clear(J);
            arb_clear(C);
            if (!ok)
                FAIL("%s: not confirmed by the loss enclosure on the box", name);
        }
        else if (strcmp(name, "lambda_min") == 0
                 && json_object_get(cl, "method") != NULL)
        {
            if (!verify_isotypic(reason, cl, X, rho, prec))
            {
                res = TSA_FALSE;
                goto done;
            }
            get_hex(&lam_claim, cl, "value");
            have_lam = 1;
        }
        else if (strcmp(name, "lambda_min") == 0)
        {
            double v, s, lo;
            if (!get_hex(&v, cl, "value") || !get_hex(&s, cl, "shift") || !(v > 0))
                FAIL("lambda_min: malformed claim");
            if (!ensure_H(&H, &E, X))
                FAIL("lambda_min: Hessian on the box: %.200s", tsa_error_last());
            if (tsa_certify_lambda_lower(&lo, H, E, n, d, s) != TSA_TRUE
                || !(lo >= v))
                FAIL("lambda_min: lower bound %.6g at shift %.6g does not "
                     "confirm %.6g", lo, s, v);
            have_lam = 1;
            lam_claim = v;
        }
        else if (strcmp(name, "negative_curvature") == 0)
        {
            json_t *dir = json_object_get(cl, "direction");
            double v, q, *w;
            if (!get_hex(&v, cl, "value") || !(v < 0) || !json_is_array(dir)
                || (slong) json_array_size(dir) != N)
                FAIL("negative_curvature: malformed claim");
            if (!ensure_H(&H, &E, X))
                FAIL("negative_curvature: Hessian on the box: %.200s",
                     tsa_error_last());
            w = malloc(sizeof(double) * N);
            for (k = 0; k < N; k++)
            {
                json_t *e = json_array_get(dir, k);
                char *end;
                w[k] = json_is_string(e) ? strtod(json_string_value(e), &end) : NAN;
                if (!isfinite(w[k]))
                {
                    free(w);
                    FAIL("negative_curvature: direction[%ld] malformed", (long) k);
                }
            }
            q = tsa_certify_curv_upper(w, H, E, n, d);
            free(w);
            if (!(q <= v))
                FAIL("negative_curvature: v^T H v <= %.6g does not confirm %.6g",
                     q, v);
            have_neg = 1;
        }
        else if (strcmp(name, "angles") == 0)
        {
            arb_ptr ang = _arb_vec_init(n * m), mn = _arb_vec_init(m);
            json_t *A = json_object_get(cl, "balls"),
                   *M = json_object_get(cl, "min_over_students");
            arb_t C;
            slong i, t;
            int ok = tsa_certify_angles(ang, mn, X, prec) == TSA_SUCCESS
                     && json_is_array(A) && json_is_array(M);
            arb_init(C);
            for (i = 0; i < n && ok; i++)
                for (t = 0; t < m && ok; t++)
                    ok = get_ball(C, json_array_get(json_array_get(A, i), t), prec)
                         && arb_contains(C, ang + i * m + t);
            for (t = 0; t < m && ok; t++)
                ok = get_ball(C, json_array_get(M, t), prec)
                     && arb_contains(C, mn + t);
            arb_clear(C);
            _arb_vec_clear(ang, n * m);
            _arb_vec_clear(mn, m);
            if (!ok)
                FAIL("angles: not confirmed on the box");
        }
        else
            FAIL("unknown claim '%s'", name);
    }
    if (have_mono)
    {
        /* g / lambda < rho, rigorously */
        arb_t q, rr;
        int ok;
        arb_init(q);
        arb_init(rr);
        arb_set_d(q, g_claim);
        arb_set_d(rr, lam_claim);
        arb_div(q, q, rr, 64);
        arb_set_d(rr, rho);
        ok = have_lam && arb_lt(q, rr);
        arb_clear(q);
        arb_clear(rr);
        if (!ok)
            FAIL("monotone: grad_norm2 / lambda_min is not below the radius");
    }
    /* the verdict must be one of ours, and be backed by its claims */
    {
        static const tsa_cert_kind_t kinds[] = {
            TSA_CERT_MIN, TSA_CERT_SADDLE, TSA_CERT_GLOBAL_MIN,
            TSA_CERT_CRITICAL, TSA_CERT_UNDECIDED};
        json_t *ex = json_object_get(root, "critical_point_exists");
        int known = 0, undec;
        for (k = 0; k < 5; k++)
            known = known || strcmp(verdict, tsa_cert_kind_name(kinds[k])) == 0;
        if (!known)
            FAIL("unknown verdict '%.100s'", verdict);
        /* existence is proved exactly for the decided verdicts (by their
           claims, checked below); nothing here proves non-existence */
        undec = strcmp(verdict, tsa_cert_kind_name(TSA_CERT_UNDECIDED)) == 0;
        if (ex != NULL
            && (!json_is_string(ex)
                || strcmp(json_string_value(ex),
                          tsa_truth_name(undec ? TSA_UNDECIDED : TSA_TRUE))))
            FAIL("critical_point_exists does not match verdict '%s'", verdict);
    }
    if (strcmp(verdict, tsa_cert_kind_name(TSA_CERT_MIN)) == 0
        && !(have_sm && (have_k || have_mono) && have_lam))
        FAIL("verdict '%s' lacks smooth/krawczyk/lambda_min claims", verdict);
    if (strcmp(verdict, tsa_cert_kind_name(TSA_CERT_SADDLE)) == 0
        && !(have_sm && have_k && have_neg))
        FAIL("verdict '%s' lacks smooth/krawczyk/negative_curvature claims",
             verdict);
    if (strcmp(verdict, tsa_cert_kind_name(TSA_CERT_CRITICAL)) == 0
        && !(have_sm && have_k))
        FAIL("verdict '%s' lacks smooth/krawczyk claims", verdict);
    if (strcmp(verdict, tsa_cert_kind_name(TSA_CERT_GLOBAL_MIN)) == 0
        && !have_glob)
        FAIL("verdict '%s' lacks its exact claim", verdict);
    snprintf(reason, 256, "%ld claims re-derived at %ld bits",
             (long) json_array_size(claims), (long) prec);
done:
    if (have_cand)
        tsa_cand_clear(X);
    free(H);
    free(E);
    json_decref(root);
    return res;
}
