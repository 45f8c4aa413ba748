/* overparam_claim.c -- checker "ssy_overparam" (issue 17; docs/overparam.md):
 * every spurious census class with kmin <= k <= kmax, embedded into k + 1
 * students with a zero student, has a proved first-order descent direction
 * (tsa_overparam_zero over the whole certified box of W), so it is no
 * longer a local minimum. */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_claims.h"
#include "tsa_overparam.h"

static int
get_k(long *x, const json_t *params, const char *key, long def, const char *file)
{
    json_t *v = json_object_get(params, key);
    if (v == NULL)
    {
        *x = def;
        return TSA_SUCCESS;
    }
    if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 100)
        return TSA_ERROR(TSA_EFORMAT, "%s: params.%s: an integer in 1 .. 100", file, key);
    *x = json_integer_value(v);
    return TSA_SUCCESS;
}

int
tsa_claim_check_ssy_overparam(tsa_claim_result_t r, const json_t *params,
                              const char *file, slong prec)
{
    long kmin, kmax, nspur = 0, ndesc = 0, nwund = 0, ngl = 0;
    char *fcopy, path[2048], *line = NULL, ev[512];
    size_t cap = 0;
    FILE *f;
    int st;
    double worst = -HUGE_VAL;
    if ((st = get_k(&kmin, params, "kmin", 6, file)) != TSA_SUCCESS
        || (st = get_k(&kmax, params, "kmax", kmin, file)) != TSA_SUCCESS)
        return st;
    if (kmax < kmin)
        return TSA_ERROR(TSA_EFORMAT, "%s: params.kmax: below kmin", file);
    fcopy = strdup(file);
    snprintf(path, sizeof path, "%s/../data/ssy2021-minima.tsv", dirname(fcopy));
    free(fcopy);
    if ((f = fopen(path, "r")) == NULL)
        return TSA_ERROR(TSA_EIO, "%s: cannot open the census %s", file, path);
    while (getline(&line, &cap, f) > 0)
    {
        char *end;
        long k = strtol(line, &end, 10), runs, i;
        double lam, gub, *u;
        tsa_cand_t c;
        tsa_cert_t cr;
        tsa_sym_t sym;
        tsa_cert_opts_t o;
        if (end == line || *end != '\t' || k < kmin || k > kmax)
            continue;
        if ((st = tsa_certify_census_row(c, line, &runs, &lam)) != TSA_SUCCESS)
            break;
        tsa_cert_opts_default(&o);
        o.prec = prec;
        if (tsa_sym_census_row(sym, line) == TSA_SUCCESS)
            o.sym = sym;
        tsa_cert_init(cr, c->n, c->m);
        u = calloc(c->d, sizeof(double));
        if (tsa_certify_point(cr, c, &o) != TSA_SUCCESS || cr->kind == TSA_CERT_UNDECIDED)
            nwund++, nspur++;
        else if (cr->kind == TSA_CERT_GLOBAL_MIN)
            ngl++;
        else
        {
            nspur++;
            for (i = 0; i < c->d * c->n; i++)
                mag_set_d(arb_radref(c->W + i), cr->radius);
            if (tsa_overparam_zero(u, &gub, c, prec) == TSA_TRUE)
            {
                ndesc++;
                if (gub > worst)
                    worst = gub;
            }
        }
        free(u);
        tsa_cert_clear(cr);
        tsa_cand_clear(c);
    }
    free(line);
    fclose(f);
    if (st != TSA_SUCCESS)
        return st;
    r->method = strdup("Arb: each census class certified (tsa_certify_point), then "
                       "g(u) = E[relu(u.x) r(x)] enclosed over the whole box by the closed "
                       "form and by the kernel psi_l at a float-optimised exact u");
    snprintf(ev, sizeof ev, "census data/ssy2021-minima.tsv, k = %ld .. %ld", kmin, kmax);
    r->instance = strdup(ev);
    snprintf(ev, sizeof ev, "%ld spurious classes (%ld global minima skipped), %ld of them "
             "not certified for n = k", nspur, ngl, nwund);
    tsa_claim_add_hyp(r, "every spurious census class is a certified critical point "
                      "(box around W)", nspur > 0 && nwund == 0 ? TSA_TRUE : TSA_UNDECIDED, ev);
    snprintf(ev, sizeof ev, "descent proved for %ld of %ld classes; largest proved bound "
             "g(u) <= %.6g", ndesc, nspur, worst);
    tsa_claim_set_concl(r, "with one zero student added (n = k + 1) no spurious class is a "
                        "local minimum: a direction u with g(u) < 0 is proved",
                        nspur > 0 && ndesc == nspur ? TSA_TRUE : TSA_UNDECIDED, ev);
    json_object_set_new(r->data, "spurious", json_integer(nspur));
    json_object_set_new(r->data, "descent", json_integer(ndesc));
    return TSA_SUCCESS;
}

const tsa_claim_checker_entry_t tsa_claims_overparam_checkers[] = {
    {"ssy_overparam", tsa_claim_check_ssy_overparam},
    {NULL, NULL}};
