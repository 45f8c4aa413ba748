/* adv_base.c -- the real base points (tests/adversarial/bases/): each file
 * is read as the CLI reads a candidate, certified at 320 bits, and must get
 * the class stated in bases.txt, a certificate its own verify accepts, and
 * a box on which the independent gradient (adv_indep.c) contains 0 and the
 * independent loss meets the certified loss.  Global bases W = V = I_k are
 * made here.  Then x* (the true critical point) lies in c* +- rho, with
 * rho ~ 1e-92, and its class is known. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "adv.h"

#define BASE_PREC 320

static tsa_cert_kind_t
kind_of(const char *s)
{
    if (strcmp(s, "min") == 0)
        return TSA_CERT_MIN;
    if (strcmp(s, "saddle") == 0)
        return TSA_CERT_SADDLE;
    if (strcmp(s, "global") == 0)
        return TSA_CERT_GLOBAL_MIN;
    return TSA_CERT_UNDECIDED;
}

static int
make_global(adv_base_t *b, slong k)
{
    slong i;
    tsa_cand_init(b->c, k, k, k);
    for (i = 0; i < k; i++)
    {
        arb_one(b->c->W + i * k + i);
        arb_one(b->c->V + i * k + i);
    }
    b->kind = TSA_CERT_GLOBAL_MIN;
    b->rho = 0;
    arb_zero(b->J);
    return 0;
}

/* certify the base at 320 bits and check everything; 0 on success */
static int
certify_base(adv_base_t *b)
{
    tsa_cert_opts_t o;
    tsa_cert_t r;
    slong N = b->c->d * b->c->n, k;
    char *json, reason[256];
    int st, bad = 0;
    tsa_truth_t v;
    arb_ptr X, g;

    tsa_cert_opts_default(&o);
    o.prec = BASE_PREC;
    o.sym = b->have_sym ? b->sym : NULL;
    tsa_cert_init(r, b->c->n, b->c->m);
    if (tsa_certify_run(r, b->c, &o) != TSA_SUCCESS || r->kind != b->kind)
    {
        fprintf(stderr, "adv: base %s: certified as '%s' (%s), expected '%s'\n",
                b->name, tsa_cert_kind_name(r->kind), r->reason,
                tsa_cert_kind_name(b->kind));
        tsa_cert_clear(r);
        return 1;
    }
    json = tsa_certify_cert_json(r, b->c, &o);
    v = tsa_certify_verify(reason, &st, json, BASE_PREC + 64);
    free(json);
    if (v != TSA_TRUE || st != TSA_SUCCESS)
    {
        fprintf(stderr, "adv: base %s: verify: %s\n", b->name, reason);
        bad = 1;
    }
    b->rho = r->radius;
    b->lambda = r->lambda_lower;
    X = _arb_vec_init(N);
    g = _arb_vec_init(N);
    for (k = 0; k < N; k++)
    {
        arb_set(X + k, b->c->W + k);
        mag_set_d(arb_radref(X + k), b->rho);
    }
    adv_indep_loss(b->J, X, b->c->V, b->c->d, b->c->n, b->c->m, 2 * BASE_PREC);
    adv_indep_grad(g, X, b->c->V, b->c->d, b->c->n, b->c->m, 2 * BASE_PREC);
    for (k = 0; k < N; k++)
        if (!arb_contains_zero(g + k))
            bad = 1;
    if (!arb_overlaps(b->J, r->loss) || bad)
    {
        fprintf(stderr, "adv: base %s: the independent loss or gradient "
                "disagrees with the certificate\n", b->name);
        bad = 1;
    }
    _arb_vec_clear(X, N);
    _arb_vec_clear(g, N);
    tsa_cert_clear(r);
    return bad;
}

/* 0 loaded, 1 unusable, -1 larger than maxn parameters (skipped) */
static int
load_file(adv_base_t *b, const char *dir, long maxn)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.json", dir, b->name);
    if (tsa_certify_cand_read(b->c, path, BASE_PREC + 64) != TSA_SUCCESS)
    {
        fprintf(stderr, "adv: %s\n", tsa_error_last());
        return 1;
    }
    if (b->c->d * b->c->n > maxn)
    {
        tsa_cand_clear(b->c);
        return -1;
    }
    if (tsa_certify_cand_read_sym(b->sym, &b->have_sym, path) != TSA_SUCCESS)
    {
        fprintf(stderr, "adv: %s\n", tsa_error_last());
        tsa_cand_clear(b->c);
        return 1;
    }
    if (certify_base(b))
    {
        tsa_cand_clear(b->c);
        return 1;
    }
    return 0;
}

int
adv_bases_load(adv_base_t **bases, long *nb, const char *dir, long maxn)
{
    char path[1024], line[256], name[64], kind[16];
    FILE *f;
    long cap = 64;
    *nb = 0;
    *bases = calloc(cap, sizeof(adv_base_t));
    snprintf(path, sizeof path, "%s/bases.txt", dir);
    f = fopen(path, "r");
    if (f == NULL)
    {
        fprintf(stderr, "adv: %s: cannot open\n", path);
        return 1;
    }
    while (fgets(line, sizeof line, f) != NULL)
    {
        adv_base_t *b;
        if (line[0] == '#' || sscanf(line, "%63s %15s", name, kind) != 2)
            continue;
        if (*nb == cap)
            break;
        b = *bases + *nb;
        memset(b, 0, sizeof *b);
        snprintf(b->name, sizeof b->name, "%s", name);
        b->kind = kind_of(kind);
        arb_init(b->J);
        if (strncmp(name, "global", 6) == 0)
        {
            slong k = atol(name + 6);
            if (k < 2 || k * k > maxn)
            {
                arb_clear(b->J);
                continue;
            }
            make_global(b, k);
        }
        else
        {
            int st = b->kind == TSA_CERT_UNDECIDED ? 1 : load_file(b, dir, maxn);
            if (st != 0)
                arb_clear(b->J);
            if (st < 0)
                continue;
            if (st > 0)
            {
                fclose(f);
                fprintf(stderr, "adv: base %s unusable\n", name);
                return 1;
            }
        }
        (*nb)++;
    }
    fclose(f);
    return *nb == 0;
}

void
adv_bases_clear(adv_base_t *bases, long nb)
{
    long i;
    for (i = 0; i < nb; i++)
    {
        tsa_cand_clear(bases[i].c);
        arb_clear(bases[i].J);
    }
    free(bases);
}
