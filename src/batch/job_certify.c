/* job_certify.c -- certify and polish jobs: the library calls of
 * `tsalign certify` / `tsalign polish` (src/cli/cli_certify.c) for a
 * candidate file, a census class or a type-A family member. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "job_impl.h"
#include "tsa_census.h"
#include "tsa_certify.h"
#include "tsa_family.h"
#include "tsa_io.h"

/* what a census row says beside the point (for the census table) */
typedef struct
{
    char blocks[256];
    slong runs;
    double lam;
} row_info_t;

/* a type-A family member (blocks 1, K - 1): the point continued in k from
   the k = 7 census values as `tsalign family` does (tsa_family_continue,
   docs/certify.md s. 13).  Started at size K from the k = 7 values
   directly, polishing leaves Newton's basin from K = 19 on (the box needed
   to enclose the critical point grows to radius ~2: undecided). */
static int
family_source(tsa_cand_t c, tsa_sym_t sym, int *have_sym, row_info_t *ri,
              const tsa_batch_job_t *j)
{
    tsa_orbit_t p;
    arf_t g;
    int st;
    snprintf(ri->blocks, sizeof ri->blocks, "1,%ld", j->k - 1);
    arf_init(g);
    st = tsa_family_continue(p, g, (slong) j->k, j->prec);
    if (st == TSA_SUCCESS)
    {
        tsa_orbit_to_cand(c, p);
        *sym = p->s;   /* the blocks (1, K - 1): plain values */
        *have_sym = 1;
    }
    tsa_orbit_clear(p);
    arf_clear(g);
    return st;
}

/* c and sym from the job's source; *dense: the dense path may run */
static int
source(tsa_cand_t c, tsa_sym_t sym, int *have_sym, row_info_t *ri,
       const tsa_batch_job_t *j, tsa_batch_cache_t *cache)
{
    char *line = NULL;
    int st;
    *have_sym = 0;
    if (j->source == TSA_BATCH_SRC_CANDIDATE)
    {
        slong rounded;
        if ((st = tsa_io_check_regular(j->path))
            || (st = tsa_certify_cand_load(c, &rounded, j->path,
                                           j->prec + 64)))
            return st;
        if ((st = tsa_certify_cand_read_sym(sym, have_sym, j->path)))
            tsa_cand_clear(c);
        return st;
    }
    if (j->source == TSA_BATCH_SRC_FAMILY)
        return family_source(c, sym, have_sym, ri, j);
    if ((line = tsa_batch_census_line(cache, j->path, j->k, j->index))
             == NULL)
        return TSA_EINVAL;
    {
        /* the blocks field: between the first and the second tab */
        const char *p = strchr(line, '\t'), *q = p ? strchr(p + 1, '\t') : NULL;
        if (q != NULL && q - p - 1 < (long) sizeof ri->blocks)
            snprintf(ri->blocks, sizeof ri->blocks, "%.*s", (int) (q - p - 1),
                     p + 1);
    }
    st = tsa_certify_census_row(c, line, &ri->runs, &ri->lam);
    if (st == TSA_SUCCESS)
        *have_sym = tsa_sym_census_row(sym, line) == TSA_SUCCESS;
    free(line);
    return st;
}

static void
loss_bounds(double *lo, double *hi, const arb_t x)
{
    arf_t a, b;
    arf_init(a);
    arf_init(b);
    arb_get_lbound_arf(a, x, 64);
    arb_get_ubound_arf(b, x, 64);
    *lo = nextafter(arf_get_d(a, ARF_RND_FLOOR), -INFINITY);
    *hi = nextafter(arf_get_d(b, ARF_RND_CEIL), INFINITY);
    arf_clear(a);
    arf_clear(b);
}

static int
certify(tsa_batch_res_t *res, const tsa_batch_job_t *j, const char *out,
        tsa_cand_t c, const tsa_sym_t sym, int have_sym, const row_info_t *ri)
{
    tsa_cert_opts_t o;
    tsa_cert_t r;
    char *path = NULL, *json;
    int st;
    tsa_cert_opts_default(&o);
    o.prec = j->prec;
    if (have_sym)
        o.sym = sym;
    if (j->source == TSA_BATCH_SRC_CANDIDATE)
    {
        st = tsa_certify_check_work(c->d, c->n, c->m, o.prec + 64,
                                    !have_sym || tsa_sym_invariant(sym, c)
                                                     != TSA_TRUE, j->id);
        if (st)
            return st;
        tsa_cert_init(r, c->n, c->m);
        st = tsa_certify_run(r, c, &o);
    }
    else
    {
        if ((st = tsa_certify_check_work(c->d, c->n, c->m, o.prec, !have_sym,
                                         j->id)))
            return st;
        tsa_cert_init(r, c->n, c->m);
        st = tsa_certify_point(r, c, &o);
        if (st == TSA_EDOM) /* polish reached a non-smooth point: undecided */
            st = TSA_SUCCESS;
    }
    if (st == TSA_SUCCESS)
    {
        double lo = NAN, hi = NAN;
        char lb[80] = "-", rb[40] = "-", lam[40] = "-";
        snprintf(res->verdict, sizeof res->verdict, "%s",
                 tsa_cert_kind_name(r->kind));
        res->outcome = r->kind == TSA_CERT_UNDECIDED ? TSA_BATCH_UNDECIDED
                                                      : TSA_BATCH_OK;
        if (r->exists == TSA_TRUE && r->kind != TSA_CERT_GLOBAL_MIN)
        {
            loss_bounds(&lo, &hi, r->loss);
            snprintf(lb, sizeof lb, "[%.17g, %.17g]", lo, hi);
            snprintf(rb, sizeof rb, "%.3g", r->radius);
            json_object_set_new(res->values, "loss_lo", tsa_batch_hex(lo));
            json_object_set_new(res->values, "loss_hi", tsa_batch_hex(hi));
            json_object_set_new(res->values, "radius", tsa_batch_hex(r->radius));
        }
        else if (r->kind == TSA_CERT_GLOBAL_MIN)
            snprintf(lb, sizeof lb, "0 (exact)");
        /* the row `tsalign certify --census` writes, time left out (the
           merged tables hold no times) */
        if (j->source == TSA_BATCH_SRC_CENSUS
            && (res->census = tsa_census_row_json(j->k, ri->blocks,
                                                  (long) ri->runs, r,
                                                  ri->lam)) != NULL)
            json_object_del(res->census, "seconds");
        if (r->kind == TSA_CERT_MIN)
            json_object_set_new(res->values, "lambda_lower",
                                tsa_batch_hex(r->lambda_lower));
        if (r->kind == TSA_CERT_MIN)
            snprintf(lam, sizeof lam, "%.6g", r->lambda_lower);
        snprintf(res->detail, sizeof res->detail,
                 "d=%ld n=%ld m=%ld; loss %s; lambda_min >= %s; radius %s%s%s",
                 (long) c->d, (long) c->n, (long) c->m, lb, lam, rb,
                 r->kind == TSA_CERT_UNDECIDED ? "; " : "",
                 r->kind == TSA_CERT_UNDECIDED ? r->reason : "");
        /* a certificate file for candidate jobs (census and family jobs
           are re-derived from the plan in milliseconds: their result row
           holds the exact numbers) */
        if (j->source == TSA_BATCH_SRC_CANDIDATE
            && (st = tsa_batch_file_path(&path, out, j, ".cert.json")) == 0
            && (json = tsa_certify_cert_json(r, c, &o)) != NULL)
        {
            st = tsa_io_write_atomic(path, json);
            free(json);
        }
        free(path);
    }
    tsa_cert_clear(r);
    return st;
}

static int
polish(tsa_batch_res_t *res, const tsa_batch_job_t *j, const char *out,
       tsa_cand_t c, const tsa_sym_t sym, int have_sym)
{
    arf_t gb;
    double gd = 0;
    char *path = NULL, *json, note[256];
    int st;
    if ((st = tsa_certify_check_work(c->d, c->n, c->m, j->prec, !have_sym,
                                     j->id)))
        return st;
    arf_init(gb);
    if (have_sym)
        st = tsa_sym_polish(c, gb, sym, j->prec, 20);
    else if ((st = tsa_certify_polish_d(c, &gd, 1e-13, 50)) != TSA_EDOM)
        st = tsa_certify_polish(c, gb, j->prec, 40);
    if (st == TSA_EMAXITER)
    {
        res->outcome = TSA_BATCH_UNDECIDED;
        snprintf(res->verdict, sizeof res->verdict, "not converged");
        snprintf(res->detail, sizeof res->detail, "%s", tsa_error_last());
        st = TSA_SUCCESS;
    }
    else if (st == TSA_SUCCESS)
    {
        double g = arf_get_d(gb, ARF_RND_UP);
        snprintf(res->verdict, sizeof res->verdict, "polished");
        snprintf(res->detail, sizeof res->detail, "d=%ld n=%ld m=%ld; "
                 "%ld bits: |grad|_inf <= %.3g", (long) c->d, (long) c->n,
                 (long) c->m, j->prec, g);
        json_object_set_new(res->values, "gnorm", tsa_batch_hex(g));
        snprintf(note, sizeof note, "polished by tsalign batch (job %s): "
                 "%ld-bit Newton: |grad|_inf <= %.3g", j->id, j->prec, g);
        if ((st = tsa_batch_file_path(&path, out, j, ".cand.json")) == 0
            && (json = tsa_certify_cand_json(c, note, have_sym ? sym : NULL,
                                             j->prec)) != NULL)
        {
            st = tsa_io_write_atomic(path, json);
            free(json);
        }
        free(path);
    }
    arf_clear(gb);
    return st;
}

int
tsa_batch_job_certify(tsa_batch_res_t *res, const tsa_batch_job_t *j,
                      const char *out, tsa_batch_cache_t *cache)
{
    tsa_cand_t c;
    tsa_sym_t sym;
    row_info_t ri;
    int have_sym, st;
    memset(&ri, 0, sizeof ri);
    if ((st = source(c, sym, &have_sym, &ri, j, cache)))
        return st;
    if (have_sym && !(sym->k == c->d && c->d == c->n && c->n == c->m))
        st = TSA_ERROR(TSA_EINVAL, "%s: the symmetry's blocks sum to %ld, "
                       "but the candidate has d = %ld, n = %ld, m = %ld",
                       j->id, (long) sym->k, (long) c->d, (long) c->n,
                       (long) c->m);
    else
        st = j->kind == TSA_BATCH_CERTIFY
                 ? certify(res, j, out, c, sym, have_sym, &ri)
                 : polish(res, j, out, c, sym, have_sym);
    tsa_cand_clear(c);
    return st;
}
