/* ea2.c -- EA-2: the spurious stationary point of the early-alignment
 * example, certified exactly (docs/early-alignment.md, "the spurious
 * stationary point"; library in src/finite). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_claims.h"
#include "finite/tsa_finite.h"

static int
read_params(slong *m, fmpq_t s, const json_t *params, const char *file)
{
    const json_t *v = json_object_get(params, "m");
    char what[300];
    *m = 3;
    fmpq_set_si(s, 1, 10);
    if (v != NULL && (!json_is_integer(v) || json_integer_value(v) < 1
                      || json_integer_value(v) > TSA_FIN_MAX_M))
        return TSA_ERROR(TSA_EFORMAT, "%s: params.m: want an integer in 1 .. %d", file,
                         TSA_FIN_MAX_M);
    if (v != NULL)
        *m = (slong) json_integer_value(v);
    v = json_object_get(params, "inactive");
    snprintf(what, sizeof what, "%.200s: params.inactive", file);
    if (v != NULL)
    {
        int st;
        if (!json_is_string(v))
            return TSA_ERROR(TSA_EFORMAT, "%s: want an exact number as a string", what);
        if ((st = tsa_fin_parse_q(s, json_string_value(v), what)) != TSA_SUCCESS)
            return st;
        if (fmpq_sgn(s) < 0)
            return TSA_ERROR(TSA_EFORMAT, "%s: want >= 0", what);
    }
    return TSA_SUCCESS;
}

int
tsa_claim_check_ea2_spurious(tsa_claim_result_t r, const json_t *params,
                             const char *file, slong prec)
{
    tsa_fin_point_t p;
    tsa_fin_land_t l;
    tsa_fin_verdict_t v;
    tsa_truth_t valid;
    json_t *cert;
    fmpq_t s;
    slong m, i;
    char ev[1024], *loss, *msg = NULL, *ss;
    int st, stat;

    fmpq_init(s);
    if ((st = read_params(&m, s, params, file)) != TSA_SUCCESS)
    {
        fmpq_clear(s);
        return st;
    }
    tsa_fin_point_init(p, 0, 0, 0);
    tsa_fin_ea_point(p, m, s, 0);
    if ((st = tsa_fin_land_init(l, p)) != TSA_SUCCESS
        || (st = tsa_fin_certify(&cert, &v, p, prec)) != TSA_SUCCESS)
        goto out;
    r->method = strdup("exact rational arithmetic (FLINT fmpq): one-sided kink test of "
                       "src/finite, re-checked by `tsalign finite verify`'s second path");
    ss = tsa_fin_q_str(s);
    snprintf(ev, sizeof ev, "x = (-3/4, -1/2, 1/8), y = (11/10, 1/10, 4/5), width m = %ld; "
             "neuron 0: a = 1, w = (-4/65, 251/390); others a = -%s, w = (0, -%s)", m, ss, ss);
    r->instance = strdup(ev);
    flint_free(ss);
    for (i = 0, stat = 1; i < l->np; i++)
        stat &= fmpq_is_zero(l->grad + i);
    tsa_claim_add_hyp(r, "the data and network of the example (h(x) = sum_j a_j relu(w_j.(x,1)))",
                      TSA_TRUE, "by construction, exact rationals");
    snprintf(ev, sizeof ev, "gradient exactly 0 (%ld parameters), %ld (neuron, sample) pairs on "
             "a kink", l->np, l->nboundary);
    tsa_claim_add_hyp(r, "the point is stationary", stat ? TSA_TRUE : TSA_FALSE, ev);
    {
        tsa_fin_point_t z;
        tsa_fin_land_t lz;
        tsa_fin_point_init(z, 0, 0, 0);
        tsa_fin_ea_point(z, m, s, 1);
        if ((st = tsa_fin_land_init(lz, z)) == TSA_SUCCESS)
        {
            tsa_claim_add_hyp(r, "a zero-loss network of the same width exists (m >= 2)",
                              m >= 2 && fmpq_is_zero(lz->loss) ? TSA_TRUE : TSA_FALSE,
                              m >= 2 ? "relu(28/25 x + 33/50) + relu(-44/5 x - 11/2): loss "
                                       "exactly 0" : "width 1 cannot interpolate");
            tsa_fin_land_clear(lz);
        }
        tsa_fin_point_clear(z);
        if (st != TSA_SUCCESS)
            goto out2;
    }
    st = tsa_fin_verify(&valid, &msg, cert, "EA-2 certificate");
    if (st != TSA_SUCCESS)
        goto out2;
    loss = tsa_fin_q_str(l->loss);
    snprintf(ev, sizeof ev, "loss = %s (exact) > 0; local-minimum status: %s%s%s; certificate "
             "%s", loss, tsa_fin_verdict_name(v),
             json_is_string(json_object_get(cert, "radius")) ? " on the l_inf ball of radius " : "",
             json_is_string(json_object_get(cert, "radius"))
                 ? json_string_value(json_object_get(cert, "radius")) : "", msg);
    tsa_claim_set_concl(r, "spurious: the stationary point has loss > 0",
                        fmpq_sgn(l->loss) > 0 && valid == TSA_TRUE ? TSA_TRUE
                        : valid == TSA_TRUE ? TSA_FALSE : TSA_UNDECIDED, ev);
    json_object_set_new(r->data, "loss", json_string(loss));
    json_object_set_new(r->data, "status", json_string(tsa_fin_verdict_name(v)));
    json_object_set_new(r->data, "certificate", json_incref(cert));
    flint_free(loss);
out2:
    free(msg);
    json_decref(cert);
    tsa_fin_land_clear(l);
out:
    tsa_fin_point_clear(p);
    fmpq_clear(s);
    return st;
}

const tsa_claim_checker_entry_t tsa_claims_ea2_checkers[] = {
    {"ea2_spurious", tsa_claim_check_ea2_spurious},
    {NULL, NULL}};
