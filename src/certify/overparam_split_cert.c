/* overparam_split_cert.c -- the "tsalign-overparam-split-certificate"
 * file: writing it, and verifying it from its own numbers (Krawczyk on the
 * box for the critical point, then v^T H v <= curv_upper < 0 by the jet
 * path and by the Hessian path; docs/overparam.md "Split students"). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "certify_impl.h"
#include "tsa_format.h"
#include "tsa_io.h"
#include "tsa_overparam_split.h"

char *
tsa_overparam_split_json(const tsa_cand_t c, double radius, slong i, double t,
                         const double *v, double cub, double kratio,
                         const char *note)
{
    json_t *root = _tsa_overparam_cert_head(
        "overparam-split-certificate", TSA_SPLIT_FORMAT_VERSION,
        "the box holds exactly one critical point W* of the n-student loss "
        "(Krawczyk ratio < 1); splitting student i into t w_i, (1 - t) w_i "
        "gives a critical point of the (n + 1)-student loss where "
        "v^T H v <= curv_upper < 0: a strict saddle (docs/overparam.md)",
        c, radius);
    if (root == NULL)
        return NULL;
    json_object_set_new(root, "krawczyk_ratio", _tsa_json_hex(kratio));
    json_object_set_new(root, "student", json_integer(i));
    json_object_set_new(root, "t", _tsa_json_hex(t));
    json_object_set_new(root, "t_decimal", json_real(t));
    return _tsa_overparam_cert_tail(root, "v", v, (c->n + 1) * c->d, "curv_upper",
                                    cub, note);
}

static const char *const known[] = {"format", "format_version", "claim",
    "d", "n", "m", "V", "W", "radius", "radius_decimal", "krawczyk_ratio",
    "student", "t", "t_decimal", "v", "curv_upper", "curv_upper_decimal",
    "note", NULL};

static int
int_field(slong *x, json_t *root, const char *key, slong lo, slong hi)
{
    json_t *v = json_object_get(root, key);
    if (!json_is_integer(v) || json_integer_value(v) < lo
        || json_integer_value(v) > hi)
        return TSA_ERROR(TSA_EFORMAT, "%s: expected an integer in %ld .. %ld",
                         key, (long) lo, (long) hi);
    *x = json_integer_value(v);
    return TSA_SUCCESS;
}

typedef struct
{
    slong d, n, m, i;
    double rad, t, cub, kratio;
    double *v;
} split_cert_t;

/* every field checked; c (the box, radii rad) initialised on success */
static int
read_cert(tsa_cand_t c, int *inited, split_cert_t *sc, json_t *root, slong prec)
{
    const char *key;
    json_t *x, *jv;
    slong a, k;
    int st;
    char b[48];
    json_object_foreach(root, key, x)
    {
        for (k = 0; known[k] != NULL && strcmp(known[k], key); k++)
            ;
        if (known[k] == NULL)
            return TSA_ERROR(TSA_EFORMAT, "unknown field '%s'",
                             tsa_io_shown(b, sizeof b, key));
    }
    if ((st = int_field(&sc->d, root, "d", 1, TSA_CERTIFY_MAX_PARAMS))
        || (st = int_field(&sc->n, root, "n", 1, TSA_CERTIFY_MAX_PARAMS - 1))
        || (st = int_field(&sc->m, root, "m", 1, TSA_CERTIFY_MAX_PARAMS))
        || (st = int_field(&sc->i, root, "student", 0, sc->n - 1)))
        return st;
    if ((st = tsa_certify_check_work(sc->d, sc->n + 1, sc->m, prec, 1,
                                     "split certificate")))
        return st;
    tsa_cand_init(c, sc->d, sc->n, sc->m);
    *inited = 1;
    if ((st = _tsa_cand_matrix_ex(c->V, root, "V", sc->d, sc->m, "certificate",
                                  prec, TSA_ENTRY_EXACT, NULL))
        || (st = _tsa_cand_matrix_ex(c->W, root, "W", sc->d, sc->n,
                                     "certificate", prec, TSA_ENTRY_EXACT, NULL)))
        return st;
    if (!_tsa_cert_get_hex(&sc->rad, root, "radius") || !(sc->rad >= 0)
        || !isfinite(sc->rad))
        return TSA_ERROR(TSA_EFORMAT, "radius: expected a finite hex float >= 0");
    if (!_tsa_cert_get_hex(&sc->t, root, "t")
        || !_tsa_cert_get_hex(&sc->cub, root, "curv_upper")
        || !_tsa_cert_get_hex(&sc->kratio, root, "krawczyk_ratio"))
        return TSA_EFORMAT;
    if ((st = tsa_overparam_split_check(c, sc->i, sc->t)))
        return TSA_ERROR(TSA_EFORMAT, "t: %s", tsa_error_last());
    jv = json_object_get(root, "v");
    if (!json_is_array(jv) || (slong) json_array_size(jv) != (sc->n + 1) * sc->d)
        return TSA_ERROR(TSA_EFORMAT, "v: expected an array of (n + 1) d hex floats");
    sc->v = malloc(sizeof(double) * (sc->n + 1) * sc->d);
    for (a = 0; a < (sc->n + 1) * sc->d; a++)
        if (!json_is_string(json_array_get(jv, a))
            || tsa_io_parse_double_exact(sc->v + a, json_string_value(
                                             json_array_get(jv, a)), "v")
               != TSA_SUCCESS || !isfinite(sc->v[a]))
            return TSA_ERROR(TSA_EFORMAT, "v[%ld]: expected a finite hex float",
                             (long) a);
    return TSA_SUCCESS;
}

/* the claims, given a well-formed certificate */
static tsa_truth_t
check_claims(char *reason, tsa_cand_t c, const split_cert_t *sc, slong prec)
{
    double ratio, rho = sc->rad, u1, u2;
    double *H, *E;
    slong n1 = sc->n + 1, N = sc->d * sc->n, k;
    char why[256];
    arb_t q;
    tsa_truth_t res = TSA_FALSE;
    if (!(sc->cub < 0))
    {
        snprintf(reason, 256, "curv_upper = %g is not negative: no saddle "
                 "claimed", sc->cub);
        return TSA_FALSE;
    }
    if (!(rho > 0) || tsa_certify_krawczyk(&ratio, &rho, why, c, NULL, NULL,
                                           NULL, prec) != TSA_TRUE)
    {
        snprintf(reason, 256, "no critical point proved in the box: %.200s",
                 rho > 0 ? why : "radius 0");
        return TSA_FALSE;
    }
    for (k = 0; k < N; k++)
        mag_set_d(arb_radref(c->W + k), sc->rad);
    /* the jet path first (independent of the Hessian assembly) */
    arb_init(q);
    u2 = tsa_overparam_split_curv(q, sc->v, c, sc->i, sc->t, prec) == TSA_SUCCESS
         && arb_is_finite(q) ? _tsa_split_upper(q) : HUGE_VAL;
    arb_clear(q);
    H = malloc(sizeof(double) * n1 * sc->d * n1 * sc->d);
    E = malloc(sizeof(double) * n1 * n1);
    u1 = H != NULL && E != NULL
         && tsa_overparam_split_hess(H, E, c, sc->i, sc->t, prec) == TSA_SUCCESS
         ? tsa_certify_curv_upper(sc->v, H, E, n1, sc->d) : HUGE_VAL;
    free(H);
    free(E);
    if (!(u2 <= sc->cub))
        snprintf(reason, 256, "curv_upper = %a is not an upper bound of "
                 "v^T H v by the jet path (upper %.17g)", sc->cub, u2);
    else if (!(u1 <= sc->cub))
        snprintf(reason, 256, "curv_upper = %a is not an upper bound of "
                 "v^T H v by the Hessian path (upper %.17g)", sc->cub, u1);
    else
    {
        res = TSA_TRUE;
        snprintf(reason, 256, "critical point in the box (Krawczyk ratio "
                 "%.3g); v^T H v <= curv_upper = %.6g < 0 at its split "
                 "(jet path %.6g, Hessian path %.6g): strict saddle", ratio,
                 sc->cub, u2, u1);
    }
    return res;
}

tsa_truth_t
tsa_overparam_split_verify(char *reason, int *status, const char *json,
                           slong prec)
{
    json_error_t err;
    json_t *root = json_loads(json, JSON_REJECT_DUPLICATES, &err);
    tsa_cand_t c;
    split_cert_t sc;
    tsa_truth_t res = TSA_UNDECIDED;
    int have = 0;
    memset(&sc, 0, sizeof sc);
    reason[0] = '\0';
    *status = TSA_SUCCESS;
    if (root == NULL || !json_is_object(root))
        *status = TSA_ERROR(TSA_EFORMAT, "line %d: %s", err.line,
                            root == NULL ? err.text : "expected a JSON object");
    else if ((*status = tsa_format_check(root, "overparam-split-certificate",
                                         NULL, 1, 0, NULL)) != TSA_SUCCESS)
        ;
    else if (prec < TSA_CERTIFY_MIN_PREC || prec > TSA_CERTIFY_MAX_PREC + 64)
        *status = TSA_ERROR(TSA_EINVAL, "prec: expected %d .. %d",
                            TSA_CERTIFY_MIN_PREC, TSA_CERTIFY_MAX_PREC + 64);
    else if ((*status = read_cert(c, &have, &sc, root, prec)) == TSA_SUCCESS)
        res = check_claims(reason, c, &sc, prec);
    if (*status != TSA_SUCCESS)
        snprintf(reason, 256, "%s", tsa_error_last());
    if (have)
        tsa_cand_clear(c);
    free(sc.v);
    json_decref(root);
    return *status == TSA_SUCCESS ? res : TSA_UNDECIDED;
}
