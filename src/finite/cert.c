/* cert.c -- the certify entry point and JSON helpers. */
#include <stdio.h>
#include "finite_impl.h"

const char *
tsa_fin_verdict_name(tsa_fin_verdict_t v)
{
    return v == TSA_FIN_LOCAL_MIN ? "local minimum"
           : v == TSA_FIN_NOT_LOCAL_MIN ? "not a local minimum" : "undecided";
}

json_t *
_fin_qjson(const fmpq_t q)
{
    char *s = tsa_fin_q_str(q);
    json_t *j = json_string(s);
    flint_free(s);
    return j;
}

json_t *
_fin_qvec_json(const fmpq *v, slong len)
{
    json_t *a = json_array();
    slong i;
    for (i = 0; i < len; i++)
        json_array_append_new(a, _fin_qjson(v + i));
    return a;
}

json_t *
_fin_qdec_json(const fmpq_t q)
{
    arb_t b;
    char *s;
    json_t *j;
    arb_init(b);
    arb_set_fmpq(b, q, 80);
    s = arb_get_str(b, 17, ARB_STR_NO_RADIUS);
    j = json_string(s);
    flint_free(s);
    arb_clear(b);
    return j;
}

int
tsa_fin_certify(json_t **cert, tsa_fin_verdict_t *v, const tsa_fin_point_t p, slong prec)
{
    int st;
    *cert = json_object();
    json_object_set_new(*cert, "format", json_string(TSA_FIN_CERT_FORMAT));
    json_object_set_new(*cert, "format_version", json_string(TSA_FIN_VERSION));
    json_object_set_new(*cert, "normalisation", json_string("L = (1/(2n)) sum_s (h(x_s) - y_s)^2"));
    json_object_set_new(*cert, "point", tsa_fin_point_to_json(p));
    st = fmpq_is_zero(p->radius) ? _fin_certify_exact(*cert, v, p)
                                 : _fin_certify_box(*cert, v, p, prec);
    if (st != TSA_SUCCESS)
    {
        json_decref(*cert);
        *cert = NULL;
        return st;
    }
    json_object_set_new(*cert, "verdict", json_string(tsa_fin_verdict_name(*v)));
    return TSA_SUCCESS;
}
