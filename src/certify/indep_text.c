/* indep_text.c -- the independent path alone on a certificate's text
 * (indep.h), for tests: the same parsing of problem and box as verify. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "indep.h"

static tsa_truth_t
malformed(char *reason, int *status, json_t *root)
{
    *status = TSA_ERROR(TSA_EFORMAT, "certificate: missing or malformed "
                        "problem or box");
    snprintf(reason, 256, "%s", tsa_error_last());
    json_decref(root);
    return TSA_UNDECIDED;
}

tsa_truth_t
_tsa_indep_verify_text(char *reason, int *status, const char *json, slong prec)
{
    json_t *root = json_loads(json, JSON_REJECT_DUPLICATES, NULL), *prob, *box;
    json_int_t d, n, m;
    const char *rs;
    char *end;
    double rho;
    slong k;
    tsa_cand_t X;
    tsa_truth_t res;

    *status = TSA_SUCCESS;
    prob = json_object_get(root, "problem");
    box = json_object_get(root, "box");
    rs = json_string_value(json_object_get(box, "radius"));
    if (root == NULL || !json_is_object(prob) || !json_is_object(box)
        || rs == NULL || !json_is_array(json_object_get(root, "claims")))
        return malformed(reason, status, root);
    rho = strtod(rs, &end);
    d = json_integer_value(json_object_get(prob, "d"));
    n = json_integer_value(json_object_get(prob, "n"));
    m = json_integer_value(json_object_get(prob, "m"));
    if (*end != '\0' || !(rho >= 0) || !isfinite(rho) || d < 1 || n < 1
        || m < 1 || d > TSA_CERTIFY_MAX_PARAMS || n > TSA_CERTIFY_MAX_PARAMS
        || m > TSA_CERTIFY_MAX_PARAMS || d * n > TSA_CERTIFY_MAX_PARAMS
        || d * m > TSA_CERTIFY_MAX_PARAMS)
        return malformed(reason, status, root);
    tsa_cand_init(X, d, n, m);
    if (_tsa_cand_matrix(X->V, prob, "V", d, m, "certificate: problem", prec)
        || _tsa_cand_matrix(X->W, box, "center", d, n, "certificate: box", prec))
    {
        tsa_cand_clear(X);
        return malformed(reason, status, root);
    }
    res = TSA_TRUE;
    for (k = 0; k < n * d; k++)
    {
        if (!arb_is_exact(X->W + k))
            res = TSA_FALSE;
        mag_set_d(arb_radref(X->W + k), rho);
    }
    if (res == TSA_TRUE)
        res = _tsa_indep_check(reason, root, X, rho, prec);
    else
        snprintf(reason, 256, "independent path: box centre not exact");
    tsa_cand_clear(X);
    json_decref(root);
    return res;
}
