/* family_verify.c -- `tsalign verify` of orbit certificates (family_cert.c;
 * docs/certify.md s. 13).  Sizes, precision and numbers are checked before
 * any work; every claim is re-derived at another precision from the orbit
 * values and the box alone (primary path: orbit*.c).  Second path, at the
 * same k x k centre, which must reach the same verdict: for k <= 40 the
 * dense certifier (run.c, hess_mr.c, no symmetry); for 40 < k <= 128 (the
 * 16 384-parameter cap) the block-symmetric certifier (run.c with the
 * symmetry: sym.c's isotypic lambda_min at the centre, hess_mr.c's Weyl
 * spread over the box, the monotone existence argument; no orbit code). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "orbit_impl.h"
#include "tsa_family.h"
#include "tsa_format.h"
#include "tsa_io.h"

#define DENSE_K 40
#define SYM_K 128   /* k^2 <= TSA_CERTIFY_MAX_PARAMS */

int
tsa_family_is_cert(const char *json)
{
    return strstr(json, "\"tsalign-orbit-certificate\"") != NULL;
}

#define BAD(...) do { snprintf(reason, 256, __VA_ARGS__); \
        *status = TSA_EFORMAT; return 0; } while (0)

/* a hex-float string field read exactly */
static int
get_hex(double *x, json_t *o, const char *key, char *reason, int *status)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_string(v)
        || tsa_io_parse_double_exact(x, json_string_value(v), key) != TSA_SUCCESS
        || !isfinite(*x))
        BAD("%s: not an exact finite number", key);
    return 1;
}

/* blocks, k, prec and the exact orbit values into p */
static int
read_point(tsa_orbit_t p, slong *prec, json_t *root, char *reason, int *status)
{
    json_t *bl = json_object_get(root, "blocks"), *cen = json_object_get(root, "centre");
    json_t *k = json_object_get(root, "k"), *pr = json_object_get(root, "prec");
    slong sz[TSA_SYM_MAXB], B, r, q;
    tsa_sym_t s;
    if (!json_is_integer(pr) || json_integer_value(pr) < TSA_CERTIFY_MIN_PREC
        || json_integer_value(pr) > TSA_CERTIFY_MAX_PREC)
        BAD("prec: not an integer in %d .. %d", TSA_CERTIFY_MIN_PREC,
            TSA_CERTIFY_MAX_PREC);
    *prec = json_integer_value(pr);
    if (!json_is_array(bl) || (B = json_array_size(bl)) < 1 || B > TSA_SYM_MAXB)
        BAD("blocks: not an array of 1 .. %d sizes", TSA_SYM_MAXB);
    for (r = 0; r < B; r++)
    {
        json_t *b = json_array_get(bl, r);
        if (!json_is_integer(b) || json_integer_value(b) < 1
            || json_integer_value(b) > TSA_ORBIT_MAX_K)
            BAD("blocks[%ld]: not a size in 1 .. %d", (long) r, TSA_ORBIT_MAX_K);
        sz[r] = json_integer_value(b);
    }
    if (tsa_sym_init(s, sz, B) != TSA_SUCCESS || s->k > TSA_ORBIT_MAX_K
        || !json_is_integer(k) || json_integer_value(k) != s->k)
        BAD("k: not the sum of the blocks (at most %d)", TSA_ORBIT_MAX_K);
    if (!json_is_array(cen) || (slong) json_array_size(cen) != tsa_orbit_len(s))
        BAD("centre: not %ld orbit values", (long) tsa_orbit_len(s));
    if (tsa_orbit_init(p, s) != TSA_SUCCESS)
        BAD("blocks: refused");
    for (q = 0; q < tsa_orbit_len(s); q++)
    {
        json_t *v = json_array_get(cen, q);
        const char *t = json_is_string(v) ? json_string_value(v) : NULL;
        if (t == NULL || strlen(t) > 4096 || arb_load_str(p->y + q, t) != 0
            || !arb_is_exact(p->y + q) || !arb_is_finite(p->y + q)
            || (q % (B + 1) == B && s->size[q / (B + 1)] == 1
                && !arb_is_zero(p->y + q)))
        {
            tsa_orbit_clear(p);
            BAD("centre[%ld]: not an exact Arb dump (0 for an empty orbit)",
                (long) q);
        }
    }
    return 1;
}

/* The second path at the k x k centre reaches verdict v: the dense
   certifier (sym = 0) or the block-symmetric one (sym = 1, which must
   decide by its isotypic path, not by a dense fallback). */
static int
second_agrees(const tsa_orbit_t p, tsa_cert_kind_t v, int sym, char *reason)
{
    tsa_cand_t c;
    tsa_cert_t r;
    tsa_cert_opts_t o;
    int ok;
    tsa_orbit_to_cand(c, p);
    tsa_cert_opts_default(&o);
    if (sym)
        o.sym = &p->s;
    tsa_cert_init(r, c->n, c->m);
    if (tsa_certify_run(r, c, &o) != TSA_SUCCESS)
        r->kind = TSA_CERT_UNDECIDED;
    ok = r->kind == v && (!sym || r->sym == 1);
    if (!ok)
        snprintf(reason, 256, "second path: the %s certifier says %s "
                 "(%.150s)", sym ? "block-symmetric" : "dense",
                 tsa_cert_kind_name(r->kind), r->reason);
    tsa_cert_clear(r);
    tsa_cand_clear(c);
    return ok;
}

/* every claim re-derived at prec on Y = y0 +- rho */
static tsa_truth_t
claims_hold(char *reason, json_t *cl, const tsa_orbit_t p, double rho,
            const char *verdict, slong prec, int *status)
{
    json_t *kr = json_object_get(cl, "krawczyk"), *lo = json_object_get(cl, "loss");
    json_t *lm = json_object_get(cl, "lambda_min");
    json_t *nc = json_object_get(cl, "negative_curvature");
    double ratio, r2 = rho, x, y;
    tsa_orbit_t Y;
    arb_t J, claim;
    char why[256];
    tsa_truth_t res = TSA_FALSE;
    if (!json_is_object(kr) || !get_hex(&ratio, kr, "ratio", reason, status)
        || !json_is_object(lo) || !json_is_string(json_object_get(lo, "ball")))
    {
        if (*status == TSA_SUCCESS)
            snprintf(reason, 256, "claims: krawczyk and loss are required");
        return TSA_FALSE;
    }
    if (tsa_family_krawczyk(&x, &r2, p, prec) != TSA_TRUE || !(x <= ratio))
    {
        snprintf(reason, 256, "krawczyk: K(Y) in int Y not confirmed (ratio "
                 "%.3g)", x);
        return TSA_FALSE;
    }
    arb_init(J);
    arb_init(claim);
    tsa_family_box(Y, p, rho);
    if (arb_set_str(claim, json_string_value(json_object_get(lo, "ball")), prec)
        || tsa_orbit_loss(J, Y, 0, prec) != TSA_SUCCESS || !arb_contains(claim, J))
        snprintf(reason, 256, "loss: the recomputed enclosure is not inside "
                 "the claimed ball");
    else if (strcmp(verdict, "strict local minimum") == 0)
    {
        if (!json_is_object(lm) || !get_hex(&y, lm, "value", reason, status))
            snprintf(reason, 256, "lambda_min: missing");
        else if (!(y > 0)
                 || tsa_orbit_lambda(&x, &x, why, Y, y, prec) != TSA_TRUE)
            snprintf(reason, 256, "lambda_min >= %.6g not confirmed", y);
        else
            res = TSA_TRUE;
    }
    else if (strcmp(verdict, "saddle") == 0)
    {
        if (!json_is_object(nc) || !get_hex(&y, nc, "value", reason, status))
            snprintf(reason, 256, "negative_curvature: missing");
        else if (!(y < 0) || tsa_orbit_negcurv(&x, Y, prec) != TSA_TRUE
                 || !(x <= y))
            snprintf(reason, 256, "negative_curvature <= %.6g not confirmed", y);
        else
            res = TSA_TRUE;
    }
    else
        snprintf(reason, 256, "verdict '%.60s' is not one this file can "
                 "prove", verdict);
    tsa_orbit_clear(Y);
    arb_clear(J);
    arb_clear(claim);
    return res;
}

tsa_truth_t
tsa_family_verify(char *reason, int *status, const char *json, slong prec)
{
    json_error_t err;
    json_t *root = json_loads(json, JSON_REJECT_DUPLICATES, &err), *v;
    tsa_orbit_t p;
    slong cprec;
    double rho;
    tsa_truth_t res = TSA_FALSE;
    const char *verdict;
    *status = TSA_SUCCESS;
    reason[0] = '\0';
    if (root == NULL)
    {
        snprintf(reason, 256, "not JSON: %.200s", err.text);
        *status = TSA_EFORMAT;
        return TSA_FALSE;
    }
    if (tsa_format_check(root, "orbit-certificate", NULL, 1, 0, "certificate")
        != TSA_SUCCESS)
    {
        snprintf(reason, 256, "%.250s", tsa_error_last());
        *status = TSA_EFORMAT;
        json_decref(root);
        return TSA_FALSE;
    }
    if (!read_point(p, &cprec, root, reason, status))
    {
        json_decref(root);
        return TSA_FALSE;
    }
    v = json_object_get(root, "verdict");
    verdict = json_is_string(v) ? json_string_value(v) : "";
    if (prec == 0)
        prec = cprec + 64 > TSA_CERTIFY_MAX_PREC + 64 ? cprec : cprec + 64;
    if (!get_hex(&rho, root, "radius", reason, status) || !(rho > 0 && rho <= 1e-10))
    {
        if (*status == TSA_SUCCESS)
            snprintf(reason, 256, "radius: not in (0, 1e-10]");
        *status = TSA_EFORMAT;
    }
    else if (strcmp(verdict, "undecided") == 0)
    {
        snprintf(reason, 256, "the certificate proves nothing");
        res = TSA_UNDECIDED;
    }
    else if ((res = claims_hold(reason, json_object_get(root, "claims"), p, rho,
                                verdict, prec, status)) == TSA_TRUE)
    {
        /* the symmetric certifier proves minima only (lambda_min > 0);
           type-A is a saddle for k <= 5 only */
        slong k = p->s.k;
        int saddle = strcmp(verdict, "saddle") == 0;
        int path = k <= DENSE_K ? 1 : (k <= SYM_K && !saddle) ? 2 : 0;
        const char *name[] = {"none", "dense certifier",
                              "block-symmetric certifier"};
        if (path && !second_agrees(p, saddle ? TSA_CERT_SADDLE : TSA_CERT_MIN,
                                   path == 2, reason))
            res = TSA_FALSE;
        else
            snprintf(reason, 256, "orbit certificate, k = %ld: paths run: "
                     "orbit (claims re-derived at %ld bits)%s%s%s",
                     (long) k, (long) prec, path ? ", " : "; second path: ",
                     path ? name[path] : (saddle ? "none for a saddle with "
                     "k > 40" : "none (k > 128)"),
                     path ? " (same verdict)" : "");
    }
    tsa_orbit_clear(p);
    json_decref(root);
    return res;
}
