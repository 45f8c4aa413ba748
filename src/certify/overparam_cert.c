/* overparam_cert.c -- the "tsalign-overparam-certificate" file: writing it
 * and verifying it by the second path (kernel psi_l) of overparam.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "certify_impl.h"
#include "tsa_format.h"
#include "tsa_io.h"
#include "tsa_overparam.h"

json_t *
_tsa_overparam_cert_head(const char *kind, const char *version, const char *claim,
                         const tsa_cand_t c, double radius)
{
    json_t *root = tsa_format_object(kind, version);
    if (root == NULL)
        return NULL;
    json_object_set_new(root, "claim", json_string(claim));
    json_object_set_new(root, "d", json_integer(c->d));
    json_object_set_new(root, "n", json_integer(c->n));
    json_object_set_new(root, "m", json_integer(c->m));
    json_object_set_new(root, "V", _tsa_matrix_json(c->V, c->d, c->m, 1, 0));
    json_object_set_new(root, "W", _tsa_matrix_json(c->W, c->d, c->n, 2, 0));
    json_object_set_new(root, "radius", _tsa_json_hex(radius));
    json_object_set_new(root, "radius_decimal", json_real(radius));
    return root;
}

char *
_tsa_overparam_cert_tail(json_t *root, const char *vkey, const double *v, slong nv,
                         const char *ukey, double upper, const char *note)
{
    json_t *jv = json_array();
    char key[64], *text;
    slong a;
    for (a = 0; a < nv; a++)
        json_array_append_new(jv, _tsa_json_hex(v[a]));
    json_object_set_new(root, vkey, jv);
    json_object_set_new(root, ukey, _tsa_json_hex(upper));
    snprintf(key, sizeof key, "%s_decimal", ukey);
    json_object_set_new(root, key, json_real(upper));
    if (note != NULL)
        json_object_set_new(root, "note", json_string(note));
    text = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    json_decref(root);
    return text;
}

char *
tsa_overparam_cert_json(const tsa_cand_t c, double radius, const double *u,
                        double gub, const char *note)
{
    json_t *root = _tsa_overparam_cert_head(
        "overparam-certificate", TSA_OVERPARAM_FORMAT_VERSION,
        "g(u/|u|) = E[relu(u.x/|u|) r(x)] <= g_upper < 0 for every W in the "
        "box: a zero student added to W descends along u "
        "(docs/overparam.md)", c, radius);
    if (root == NULL)
        return NULL;
    return _tsa_overparam_cert_tail(root, "u", u, c->d, "g_upper", gub, note);
}

static const char *const known[] = {"format", "format_version", "claim",
    "d", "n", "m", "V", "W", "radius", "radius_decimal", "u", "g_upper",
    "g_upper_decimal", "note", NULL};

static int
size_field(slong *x, json_t *root, const char *key)
{
    json_t *v = json_object_get(root, key);
    if (!json_is_integer(v) || json_integer_value(v) < 1
        || json_integer_value(v) > TSA_CERTIFY_MAX_PARAMS)
        return TSA_ERROR(TSA_EFORMAT, "%s: expected a size in 1 .. %d", key,
                         (int) TSA_CERTIFY_MAX_PARAMS);
    *x = json_integer_value(v);
    return TSA_SUCCESS;
}

/* header, sizes, matrices, radius, u, g_upper into c (the box) */
static int
read_cert(tsa_cand_t c, int *inited, double **u, double *gub, json_t *root,
          slong *dnm, slong prec)
{
    const char *key;
    json_t *v, *ju;
    double rad;
    slong a, i;
    int st;
    char b[48];
    json_object_foreach(root, key, v)
    {
        for (i = 0; known[i] != NULL && strcmp(known[i], key); i++)
            ;
        if (known[i] == NULL)
            return TSA_ERROR(TSA_EFORMAT, "unknown field '%s'",
                             tsa_io_shown(b, sizeof b, key));
    }
    if ((st = size_field(dnm, root, "d")) || (st = size_field(dnm + 1, root, "n"))
        || (st = size_field(dnm + 2, root, "m")))
        return st;
    if ((st = tsa_certify_check_sizes(dnm[0], dnm[1], dnm[2], "overparam certificate")))
        return st;
    if ((st = tsa_certify_check_work(dnm[0], dnm[1], dnm[2], prec, 0, "overparam certificate")))
        return st;
    tsa_cand_init(c, dnm[0], dnm[1], dnm[2]);
    *inited = 1;
    if ((st = _tsa_cand_matrix_ex(c->V, root, "V", dnm[0], dnm[2], "certificate",
                                  prec, TSA_ENTRY_EXACT, NULL))
        || (st = _tsa_cand_matrix_ex(c->W, root, "W", dnm[0], dnm[1], "certificate",
                                     prec, TSA_ENTRY_EXACT, NULL)))
        return st;
    if (!_tsa_cert_get_hex(&rad, root, "radius") || !(rad >= 0) || !isfinite(rad))
        return TSA_ERROR(TSA_EFORMAT, "radius: expected a finite hex float >= 0");
    if (!_tsa_cert_get_hex(gub, root, "g_upper"))
        return TSA_EFORMAT;
    ju = json_object_get(root, "u");
    if (!json_is_array(ju) || (slong) json_array_size(ju) != dnm[0])
        return TSA_ERROR(TSA_EFORMAT, "u: expected an array of d hex floats");
    *u = malloc(sizeof(double) * dnm[0]);
    for (a = 0; a < dnm[0]; a++)
        if (!json_is_string(json_array_get(ju, a))
            || tsa_io_parse_double_exact(*u + a, json_string_value(json_array_get(ju, a)),
                                         "u") != TSA_SUCCESS)
            return TSA_ERROR(TSA_EFORMAT, "u[%ld]: expected a hex float", (long) a);
    for (i = 0; i < dnm[0] * dnm[1]; i++)
        mag_set_d(arb_radref(c->W + i), rad);   /* rounded up */
    return TSA_SUCCESS;
}

tsa_truth_t
tsa_overparam_verify(char *reason, int *status, const char *json, slong prec)
{
    json_error_t err;
    json_t *root = json_loads(json, JSON_REJECT_DUPLICATES, &err);
    tsa_cand_t c;
    double *u = NULL, gub = 0;
    slong dnm[3] = {0, 0, 0}, a;
    tsa_truth_t res = TSA_UNDECIDED;
    int have = 0;
    arb_ptr ua = NULL;
    arb_t g;
    arb_init(g);
    reason[0] = '\0';
    *status = TSA_SUCCESS;
    if (root == NULL || !json_is_object(root))
    {
        *status = TSA_ERROR(TSA_EFORMAT, "line %d: %s", err.line,
                            root == NULL ? err.text : "expected a JSON object");
        goto done;
    }
    if ((*status = tsa_format_check(root, "overparam-certificate", NULL, 1, 0,
                                    NULL)) != TSA_SUCCESS)
        goto done;
    if (prec < TSA_CERTIFY_MIN_PREC || prec > TSA_CERTIFY_MAX_PREC)
    {
        *status = TSA_ERROR(TSA_EINVAL, "prec: expected %d .. %d",
                            TSA_CERTIFY_MIN_PREC, TSA_CERTIFY_MAX_PREC);
        goto done;
    }
    *status = read_cert(c, &have, &u, &gub, root, dnm, prec);
    if (*status != TSA_SUCCESS)
        goto done;
    ua = _arb_vec_init(dnm[0]);
    for (a = 0; a < dnm[0]; a++)
        arb_set_d(ua + a, u[a]);
    if (!(gub < 0))
    {
        res = TSA_FALSE;
        snprintf(reason, 256, "g_upper = %g is not negative: no descent claimed", gub);
    }
    else
    {
        arb_t t;
        int path;
        arb_init(t);
        arb_set_d(t, gub);
        res = TSA_TRUE;
        /* path 1 (the kernel's bivariate-normal moments) first, then the
           closed form: each must enclose g(u/|u|) below g_upper */
        for (path = 1; path >= 0 && res == TSA_TRUE; path--)
        {
            if (tsa_overparam_g(g, ua, c, path, prec) != TSA_SUCCESS
                || !arb_is_finite(g))
            {
                res = TSA_FALSE;
                snprintf(reason, 256, "g(u) could not be enclosed (path %d)", path);
            }
            else if (!arb_le(g, t))
            {
                res = TSA_FALSE;
                snprintf(reason, 256, "g_upper = %a is not an upper bound of "
                         "g(u/|u|) recomputed by path %d (upper %.17g)", gub,
                         path, arf_get_d(arb_midref(g), ARF_RND_NEAR)
                         + mag_get_d(arb_radref(g)));
            }
        }
        if (res == TSA_TRUE)
            snprintf(reason, 256, "g(u/|u|) <= g_upper = %a < 0 over the box "
                     "(kernel path and closed form)", gub);
        arb_clear(t);
    }
done:
    if (ua != NULL)
        _arb_vec_clear(ua, dnm[0]);
    if (have)
        tsa_cand_clear(c);
    free(u);
    arb_clear(g);
    json_decref(root);
    return *status == TSA_SUCCESS ? res : TSA_UNDECIDED;
}

int
tsa_overparam_cert_read(tsa_cand_t c, double **u, double *gub,
                        const char *json, slong prec)
{
    json_error_t err;
    json_t *root = json_loads(json, JSON_REJECT_DUPLICATES, &err);
    slong dnm[3] = {0, 0, 0};
    int have = 0, st;
    *u = NULL;
    if (root == NULL || !json_is_object(root))
        st = TSA_ERROR(TSA_EFORMAT, "line %d: %s", err.line,
                       root == NULL ? err.text : "expected a JSON object");
    else if ((st = tsa_format_check(root, "overparam-certificate", NULL, 1, 0,
                                    NULL)) == TSA_SUCCESS)
        st = read_cert(c, &have, u, gub, root, dnm, prec);
    if (st != TSA_SUCCESS)
    {
        if (have)
            tsa_cand_clear(c);
        free(*u);
        *u = NULL;
    }
    json_decref(root);
    return st;
}

int
tsa_overparam_cert_kind(const char *json)
{
    if (strstr(json, "\"tsalign-overparam-certificate\"") != NULL)
        return 1;
    if (strstr(json, "\"tsalign-overparam-split-certificate\"") != NULL)
        return 2;
    return 0;
}
