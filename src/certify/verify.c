/* verify.c -- re-derive every claim of a certificate from its box alone,
 * at another precision (docs/certify.md s. 7). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "certify_impl.h"
#include "tsa_io.h"
#include "tsa_format.h"

/* "claim.key": a hex float string that is exactly a double (docs/formats.md
   "Certificates"); 0 with the reason in tsa_error_last() otherwise */
int
_tsa_cert_get_hex(double *x, json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    const char *name = json_string_value(json_object_get(o, "name"));
    char what[160];
    snprintf(what, sizeof what, "%.40s%s%s", name ? name : "box",
             ".", key);
    if (!json_is_string(v))
    {
        TSA_ERROR(TSA_EFORMAT, "%s: expected a hex float string", what);
        return 0;
    }
    return tsa_io_parse_double_exact(x, json_string_value(v), what)
           == TSA_SUCCESS;
}

/* a ball "[m +/- r]" (bounded decimals, tsa_io_parse_arb) */
int
_tsa_cert_get_ball(arb_t x, json_t *v, const char *what, slong prec)
{
    if (!json_is_string(v))
    {
        TSA_ERROR(TSA_EFORMAT, "%s: expected a ball string", what);
        return 0;
    }
    return tsa_io_parse_arb(x, json_string_value(v), what, prec)
           == TSA_SUCCESS;
}

/* the claims a verdict needs, and which claims need the N x N Hessian */
static const char *const claim_names[] = {
    "exact_global_minimum", "smooth", "krawczyk", "monotone", "loss",
    "loss_positive", "lambda_min", "negative_curvature", "angles"};
#define NCLAIMS 9

/* structure of the claims: objects with a known, unique name; *dense when
   one of them is checked on the N x N float64 Hessian */
static int
claims_structure(json_t *claims, int *dense)
{
    json_t *cl;
    size_t idx;
    int seen[NCLAIMS] = {0}, k;
    char b[48];
    *dense = 0;
    json_array_foreach(claims, idx, cl)
    {
        const char *name = json_string_value(json_object_get(cl, "name"));
        if (!json_is_object(cl) || name == NULL)
            return TSA_ERROR(TSA_EFORMAT, "claims[%ld]: expected an object "
                             "with a \"name\"", (long) idx);
        for (k = 0; k < NCLAIMS && strcmp(name, claim_names[k]); k++)
            ;
        if (k == NCLAIMS)
            return TSA_ERROR(TSA_EFORMAT, "claims[%ld]: unknown claim '%s'",
                             (long) idx, tsa_io_shown(b, sizeof b, name));
        if (seen[k]++)
            return TSA_ERROR(TSA_EFORMAT, "claims[%ld]: claim '%s' appears "
                             "twice", (long) idx, name);
        if (k == 2 || k == 7
            || (k == 6 && json_object_get(cl, "method") == NULL))
            *dense = 1;
    }
    return TSA_SUCCESS;
}

/* the header of a certificate: format, prec, problem, box, verdict,
   optional fields' types; sizes and the work estimate at prec */
static int
cert_header(slong *d, slong *n, slong *m, slong *prec, double *rho,
            json_t *root)
{
    json_t *prob = json_object_get(root, "problem"),
           *box = json_object_get(root, "box"),
           *claims = json_object_get(root, "claims"),
           *f = json_object_get(root, "format"), *p = json_object_get(root, "prec");
    static const char *const strings[] = {"reason", "versions",
                                          "critical_point_exists"};
    static const char *const sizes[] = {"d", "n", "m"};
    /* certificates issued before the tag scheme still verify */
    static const char *const legacy[] = {"tsalign-certificate-1", NULL};
    int k, dense, st;
    (void) f;
    if ((st = tsa_format_check(root, "certificate", legacy, TSA_FORMAT_MAJOR, 0, NULL))
        != TSA_SUCCESS)
        return st;
    if (!json_is_integer(p) || json_integer_value(p) < TSA_CERTIFY_MIN_PREC
        || json_integer_value(p) > TSA_CERTIFY_MAX_PREC)
        return TSA_ERROR(TSA_EFORMAT, "prec: expected an integer in %d .. %d",
                         TSA_CERTIFY_MIN_PREC, TSA_CERTIFY_MAX_PREC);
    if (*prec == 0)
        *prec = json_integer_value(p) + 64;
    if (!json_is_string(json_object_get(root, "verdict")))
        return TSA_ERROR(TSA_EFORMAT, "verdict: expected a string");
    for (k = 0; k < 3; k++)
        if (json_object_get(root, strings[k]) != NULL
            && !json_is_string(json_object_get(root, strings[k])))
            return TSA_ERROR(TSA_EFORMAT, "%s: expected a string", strings[k]);
    if (json_object_get(root, "seconds") != NULL
        && !json_is_number(json_object_get(root, "seconds")))
        return TSA_ERROR(TSA_EFORMAT, "seconds: expected a number");
    if (!json_is_object(prob))
        return TSA_ERROR(TSA_EFORMAT, "problem: expected an object");
    if (!json_is_object(box))
        return TSA_ERROR(TSA_EFORMAT, "box: expected an object");
    if (!json_is_array(claims))
        return TSA_ERROR(TSA_EFORMAT, "claims: expected an array");
    for (k = 0; k < 3; k++)
    {
        json_t *v = json_object_get(prob, sizes[k]);
        if (!json_is_integer(v) || json_integer_value(v) < 1
            || json_integer_value(v) > TSA_CERTIFY_MAX_PARAMS)
            return TSA_ERROR(TSA_EFORMAT, "problem: %s: expected an integer in "
                             "1 .. %d", sizes[k], TSA_CERTIFY_MAX_PARAMS);
    }
    *d = json_integer_value(json_object_get(prob, "d"));
    *n = json_integer_value(json_object_get(prob, "n"));
    *m = json_integer_value(json_object_get(prob, "m"));
    if (!_tsa_cert_get_hex(rho, box, "radius"))
        return TSA_EFORMAT;
    if (!(*rho >= 0))
        return TSA_ERROR(TSA_EFORMAT, "box.radius: negative");
    if (json_object_get(box, "radius_decimal") != NULL)
    {
        arb_t r;
        int st;
        arb_init(r);
        arb_set_d(r, *rho);
        st = tsa_io_check_decimal_of(json_string_value(json_object_get(
                 box, "radius_decimal")), r, "box.radius_decimal");
        arb_clear(r);
        if (st != TSA_SUCCESS)
            return st;
    }
    if (claims_structure(claims, &dense) != TSA_SUCCESS)
        return TSA_EFORMAT;
    return tsa_certify_check_work(*d, *n, *m, *prec, dense, "certificate");
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
verify_isotypic(char *reason, int *status, json_t *cl, const tsa_cand_t X, double rho,
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
    if (!_tsa_cert_get_hex(&v, cl, "value") || !_tsa_cert_get_hex(&cv, cl, "centre_value")
        || !_tsa_cert_get_hex(&sp, cl, "spread"))
    {
        *status = TSA_EFORMAT;
        snprintf(reason, 256, "%s", tsa_error_last());
        return 0;
    }
    if (!(v > 0) || !(sp >= 0))
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

/* a malformed field: an input error (status), not a verdict */
#define BAD() do { *status = TSA_EFORMAT; snprintf(reason, 256, "%s", \
                    tsa_error_last()); res = TSA_UNDECIDED; goto done; \
                  } while (0)
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
    int have_glob = 0, have_mono = 0, have_glob_claim = 0;
    double lam_claim = 0, g_claim = 0;
    slong d = 0, n = 0, m = 0, N, k, idx;
    double rho = 0, *H = NULL, *E = NULL;
    const char *verdict;
    tsa_truth_t res = TSA_TRUE;
    char b[120];

    *status = TSA_SUCCESS;
    reason[0] = '\0';
    if (root == NULL || !json_is_object(root))
    {
        if (root == NULL)
            *status = TSA_ERROR(TSA_EFORMAT, "line %d: %s", err.line,
                                tsa_io_shown(b, sizeof b, err.text));
        else
            *status = TSA_ERROR(TSA_EFORMAT, "expected a JSON object");
        snprintf(reason, 256, "%s", tsa_error_last());
        json_decref(root);
        return TSA_UNDECIDED;
    }
    if (prec != 0 && (prec < TSA_CERTIFY_MIN_PREC
                      || prec > TSA_CERTIFY_MAX_PREC + 64))
        *status = TSA_ERROR(TSA_EINVAL, "precision %ld outside %d .. %d bits",
                            (long) prec, TSA_CERTIFY_MIN_PREC,
                            TSA_CERTIFY_MAX_PREC + 64);
    else
        *status = cert_header(&d, &n, &m, &prec, &rho, root);
    if (*status != TSA_SUCCESS)
    {
        snprintf(reason, 256, "%s", tsa_error_last());
        json_decref(root);
        return TSA_UNDECIDED;
    }
    prob = json_object_get(root, "problem");
    box = json_object_get(root, "box");
    claims = json_object_get(root, "claims");
    verdict = json_string_value(json_object_get(root, "verdict"));
    N = n * d;
    tsa_cand_init(X, d, n, m);
    have_cand = 1;
    if (_tsa_cand_matrix(X->V, prob, "V", d, m, "problem", prec)
        || _tsa_cand_matrix_ex(X->W, box, "center", d, n, "box", prec,
                               TSA_ENTRY_EXACT, NULL)
        || _tsa_decimal_matrix_check(box, "center_decimal", X->W, d, n, "box"))
    {
        *status = TSA_EFORMAT;
        snprintf(reason, 256, "%s", tsa_error_last());
        res = TSA_UNDECIDED;
        goto done;
    }

    /* exact: the centre is a column permutation of V (no certification
       run here: a forged verdict must not start the dense work) */
    have_glob = strcmp(verdict, tsa_cert_kind_name(TSA_CERT_GLOBAL_MIN)) == 0
                && _tsa_is_teacher_permutation(X);
    if (strcmp(verdict, tsa_cert_kind_name(TSA_CERT_GLOBAL_MIN)) == 0
        && !have_glob)
        FAIL("centre is not exactly a column permutation of V");
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
                FAIL("exact_global_minimum claimed for verdict '%.100s'",
                     verdict);
            have_glob_claim = 1;
        }
        else if (strcmp(name, "smooth") == 0)
        {
            double mn, mc, cmn, cmc;
            char why[256];
            if (!_tsa_cert_get_hex(&cmn, cl, "min_norm") || !_tsa_cert_get_hex(&cmc, cl, "max_abs_cos"))
                BAD();
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
            if (!_tsa_cert_get_hex(&cr, cl, "ratio"))
                BAD();
            if (!(cr < 1))
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
            if (!_tsa_cert_get_hex(&g_claim, cl, "grad_norm2"))
                BAD();
            if (!(g_claim >= 0))
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
            if (strcmp(name, "loss") == 0
                && !_tsa_cert_get_ball(C, json_object_get(cl, "ball"), "loss.ball", prec))
            {
                arb_clear(J);
                arb_clear(C);
                BAD();
            }
            ok = tsa_certify_loss(J, X, prec) == TSA_SUCCESS;
            if (strcmp(name, "loss") == 0)
                ok = ok && arb_contains(C, J);
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
            if (!verify_isotypic(reason, status, cl, X, rho, prec))
            {
                res = *status == TSA_SUCCESS ? TSA_FALSE : TSA_UNDECIDED;
                goto done;
            }
            _tsa_cert_get_hex(&lam_claim, cl, "value");
            have_lam = 1;
        }
        else if (strcmp(name, "lambda_min") == 0)
        {
            double v, s, lo;
            if (!_tsa_cert_get_hex(&v, cl, "value") || !_tsa_cert_get_hex(&s, cl, "shift"))
                BAD();
            if (!(v > 0))
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
            if (!_tsa_cert_get_hex(&v, cl, "value"))
                BAD();
            if (!json_is_array(dir) || (slong) json_array_size(dir) != N)
            {
                TSA_ERROR(TSA_EFORMAT, "negative_curvature.direction: expected "
                          "an array of %ld hex floats", (long) N);
                BAD();
            }
            if (!(v < 0))
                FAIL("negative_curvature: malformed claim");
            if (!ensure_H(&H, &E, X))
                FAIL("negative_curvature: Hessian on the box: %.200s",
                     tsa_error_last());
            w = malloc(sizeof(double) * N);
            for (k = 0; k < N; k++)
            {
                json_t *e = json_array_get(dir, k);
                char what[64];
                snprintf(what, sizeof what, "negative_curvature.direction[%ld]",
                         (long) k);
                if (!json_is_string(e)
                    || tsa_io_parse_double_exact(w + k, json_string_value(e),
                                                 what) != TSA_SUCCESS)
                {
                    free(w);
                    if (!json_is_string(e))
                        TSA_ERROR(TSA_EFORMAT, "%s: expected a hex float", what);
                    BAD();
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
            char what[80];
            int ok = 1, bad = 0;
            arb_init(C);
            /* shape and every ball parsed before the work */
            if (!json_is_array(A) || (slong) json_array_size(A) != n
                || !json_is_array(M) || (slong) json_array_size(M) != m)
                bad = TSA_ERROR(TSA_EFORMAT, "angles: expected balls (%ld x %ld) "
                                "and min_over_students (%ld)", (long) n,
                                (long) m, (long) m);
            for (i = 0; i < n && !bad; i++)
            {
                json_t *row = json_array_get(A, i);
                if (!json_is_array(row) || (slong) json_array_size(row) != m)
                    bad = TSA_ERROR(TSA_EFORMAT, "angles.balls[%ld]: expected "
                                    "%ld balls", (long) i, (long) m);
                for (t = 0; t < m && !bad; t++)
                {
                    snprintf(what, sizeof what, "angles.balls[%ld][%ld]",
                             (long) i, (long) t);
                    bad = !_tsa_cert_get_ball(C, json_array_get(row, t), what, prec);
                }
            }
            for (t = 0; t < m && !bad; t++)
            {
                snprintf(what, sizeof what, "angles.min_over_students[%ld]",
                         (long) t);
                bad = !_tsa_cert_get_ball(C, json_array_get(M, t), what, prec);
            }
            if (!bad)
                ok = tsa_certify_angles(ang, mn, X, prec) == TSA_SUCCESS;
            for (i = 0; i < n && ok && !bad; i++)
                for (t = 0; t < m && ok; t++)
                    ok = _tsa_cert_get_ball(C, json_array_get(json_array_get(A, i), t),
                                  "angles", prec)
                         && arb_contains(C, ang + i * m + t);
            for (t = 0; t < m && ok && !bad; t++)
                ok = _tsa_cert_get_ball(C, json_array_get(M, t), "angles", prec)
                     && arb_contains(C, mn + t);
            arb_clear(C);
            _arb_vec_clear(ang, n * m);
            _arb_vec_clear(mn, m);
            if (bad)
                BAD();
            if (!ok)
                FAIL("angles: not confirmed on the box");
        }
        else
            FAIL("unknown claim '%.100s'", name);
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
            FAIL("unknown verdict '%.100s'", tsa_io_shown(b, sizeof b, verdict));
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
        && !(have_glob && have_glob_claim))
        FAIL("verdict '%s' lacks its exact claim", verdict);
    if (strcmp(verdict, tsa_cert_kind_name(TSA_CERT_UNDECIDED)) == 0)
    {
        /* every claim it makes holds, but the verdict proves nothing */
        snprintf(reason, 256, "the certificate proves nothing: verdict "
                 "'undecided', %ld claims", (long) json_array_size(claims));
        res = TSA_UNDECIDED;
        goto done;
    }
    res = _tsa_indep_check(reason, root, X, rho, prec);   /* both paths */
done:
    if (have_cand)
        tsa_cand_clear(X);
    free(H);
    free(E);
    json_decref(root);
    return res;
}
