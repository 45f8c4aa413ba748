/* job.c -- run jobs of a plan and write their result files (the last
 * thing a job does, atomically: a complete result on disk means a finished
 * job).  A chunk of jobs shares one fsync of the results folder. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "job_impl.h"
#include "tsa_format.h"
#include "tsa_io.h"
#include "tsa_table.h"

tsa_batch_outcome_t
tsa_batch_outcome_of(int status)
{
    switch (status)
    {
    case TSA_SUCCESS: return TSA_BATCH_OK;
    case TSA_EMAXITER: return TSA_BATCH_UNDECIDED;
    case TSA_EINVAL:
    case TSA_EDOM:
    case TSA_EFORMAT: return TSA_BATCH_INPUT;
    case TSA_EIO: return TSA_BATCH_IO;
    default: return TSA_BATCH_INTERNAL;
    }
}

json_t *
tsa_batch_hex(double x)
{
    char b[40];
    snprintf(b, sizeof b, "%a", x);
    return json_string(b);
}

static char *
result_text(const tsa_batch_job_t *j, const tsa_batch_res_t *res,
            const char *message, double seconds)
{
    json_t *o = tsa_format_object("batch-result", TSA_FORMAT_BATCH_RESULT);
    char *text;
    json_object_set_new(o, "id", json_string(j->id));
    json_object_set_new(o, "kind", json_string(tsa_batch_kind_name(j->kind)));
    json_object_set_new(o, "job", json_string(j->hash));
    json_object_set_new(o, "outcome",
                        json_string(tsa_batch_outcome_name(res->outcome)));
    json_object_set_new(o, "verdict", json_string(res->verdict));
    json_object_set_new(o, "detail", json_string(res->detail));
    json_object_set(o, "values", res->values); /* never NULL */
    if (res->census != NULL)
        json_object_set(o, "census", res->census);
    json_object_set_new(o, "message", json_string(message ? message : ""));
    json_object_set_new(o, "seconds", json_real(seconds));
    text = tsa_json_text(o, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    json_decref(o);
    return text;
}

/* run j: its result file's text (malloc'd, NULL when out of memory) */
static char *
job_text(const tsa_batch_job_t *j, const char *out, tsa_batch_cache_t *cache,
         tsa_batch_outcome_t *outcome, double *seconds)
{
    tsa_batch_res_t res;
    double t0 = tsa_batch_thread_seconds();
    char msg[512] = "", *text;
    int st;
    tsa_error_handler_t *h;

    memset(&res, 0, sizeof res);
    res.values = json_object();
    snprintf(res.verdict, sizeof res.verdict, "error");
    /* failures inside a job are its outcome, recorded, not printed */
    h = tsa_set_error_handler(NULL);
    switch (j->kind)
    {
    case TSA_BATCH_CERTIFY:
    case TSA_BATCH_POLISH: st = tsa_batch_job_certify(&res, j, out, cache); break;
    case TSA_BATCH_TRAIN: st = tsa_batch_job_train(&res, j, out); break;
    default: st = tsa_batch_job_check(&res, j, out); break;
    }
    if (st != TSA_SUCCESS)
    {
        res.outcome = tsa_batch_outcome_of(st);
        snprintf(msg, sizeof msg, "%s", tsa_error_last());
        snprintf(res.verdict, sizeof res.verdict, "error");
        json_decref(res.census);
        res.census = NULL;
    }
    tsa_set_error_handler(h);
    *outcome = res.outcome;
    *seconds = tsa_batch_thread_seconds() - t0;
    text = result_text(j, &res, msg, *seconds);
    json_decref(res.values);
    json_decref(res.census);
    return text;
}

size_t
tsa_batch_run_jobs(const tsa_batch_plan_t *p, const size_t *idx, size_t n,
                   const char *out, tsa_batch_cache_t *cache, int *failed,
                   double *seconds)
{
    size_t k, nfail = 0;
    int st;
    *seconds = 0;
    for (k = 0; k < n; k++)
    {
        const tsa_batch_job_t *j = p->jobs + idx[k];
        tsa_batch_outcome_t o;
        double s = 0;
        char *path = NULL, *text = job_text(j, out, cache, &o, &s);
        *seconds += s;
        st = text == NULL ? TSA_ERROR(TSA_ENOMEM, "%s: out of memory", j->id)
                          : tsa_batch_result_path(&path, out, j);
        if (st == TSA_SUCCESS)
            st = tsa_batch_write_nosync(path, text);
        failed[k] = st != TSA_SUCCESS;
        nfail += (size_t) failed[k];
        free(path);
        free(text);
    }
    return nfail;
}

size_t
tsa_batch_sync_jobs(const char *out, size_t n, int *failed)
{
    size_t k, nfail = 0;
    /* the renames reach the disk together; a result whose data did not
       (power loss) is incomplete, fails tsa_batch_result_load and is run
       again: never trusted */
    if (n > 0 && tsa_batch_sync_results(out) != TSA_SUCCESS)
        for (k = 0; k < n; k++)
            failed[k] = 1;
    for (k = 0; k < n; k++)
        nfail += (size_t) failed[k];
    return nfail;
}

size_t
tsa_batch_run_chunk(const tsa_batch_plan_t *p, const size_t *idx, size_t n,
                    const char *out, tsa_batch_cache_t *cache, int *failed,
                    double *seconds)
{
    (void) tsa_batch_run_jobs(p, idx, n, out, cache, failed, seconds);
    return tsa_batch_sync_jobs(out, n, failed);
}

int
tsa_batch_run_job(const tsa_batch_job_t *j, const char *out,
                  tsa_batch_outcome_t *outcome, double *seconds)
{
    char *path = NULL, *text = job_text(j, out, NULL, outcome, seconds);
    int st = text == NULL ? TSA_ERROR(TSA_ENOMEM, "%s: out of memory", j->id)
                          : tsa_batch_result_path(&path, out, j);
    if (st == TSA_SUCCESS)
        st = tsa_io_write_atomic(path, text);
    free(path);
    free(text);
    return st;
}
