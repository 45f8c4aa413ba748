/* job.c -- run one job of a plan and write its result file (the last
 * thing the job does, atomically: a result on disk means a finished job). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "job_impl.h"
#include "tsa_io.h"

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
    json_t *o = json_object();
    char *text;
    json_object_set_new(o, "format", json_string("tsalign-batch-result"));
    json_object_set_new(o, "format_version",
                        json_string(TSA_FORMAT_BATCH_RESULT));
    json_object_set_new(o, "id", json_string(j->id));
    json_object_set_new(o, "kind", json_string(tsa_batch_kind_name(j->kind)));
    json_object_set_new(o, "job", json_string(j->hash));
    json_object_set_new(o, "outcome",
                        json_string(tsa_batch_outcome_name(res->outcome)));
    json_object_set_new(o, "verdict", json_string(res->verdict));
    json_object_set_new(o, "detail", json_string(res->detail));
    json_object_set(o, "values", res->values); /* never NULL */
    json_object_set_new(o, "message", json_string(message ? message : ""));
    json_object_set_new(o, "seconds", json_real(seconds));
    text = json_dumps(o, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (text != NULL)
    {
        size_t n = strlen(text);
        char *t = realloc(text, n + 2);
        if (t == NULL)
        {
            free(text);
            return NULL;
        }
        t[n] = '\n';
        t[n + 1] = '\0';
        text = t;
    }
    return text;
}

int
tsa_batch_run_job(const tsa_batch_job_t *j, const char *out,
                  tsa_batch_outcome_t *outcome, double *seconds)
{
    tsa_batch_res_t res;
    double t0 = tsa_batch_thread_seconds();
    char *path = NULL, *text, msg[512] = "";
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
    case TSA_BATCH_POLISH: st = tsa_batch_job_certify(&res, j, out); break;
    case TSA_BATCH_TRAIN: st = tsa_batch_job_train(&res, j, out); break;
    default: st = tsa_batch_job_check(&res, j, out); break;
    }
    tsa_set_error_handler(h);
    if (st != TSA_SUCCESS)
    {
        res.outcome = tsa_batch_outcome_of(st);
        snprintf(msg, sizeof msg, "%s", tsa_error_last());
        snprintf(res.verdict, sizeof res.verdict, "error");
    }
    *outcome = res.outcome;
    *seconds = tsa_batch_thread_seconds() - t0;
    if ((st = tsa_batch_result_path(&path, out, j)) == TSA_SUCCESS)
    {
        text = result_text(j, &res, msg, *seconds);
        st = text != NULL ? tsa_io_write_atomic(path, text)
                          : TSA_ERROR(TSA_ENOMEM, "%s: out of memory", j->id);
        free(text);
    }
    free(path);
    json_decref(res.values);
    return st;
}
