/* census_out.c -- the census of a batch as the "tsalign-census" file that
 * `tsalign certify --census --json` writes (rows and counts per k), from
 * the census jobs' result files: `tsalign report` renders it as the same
 * Markdown and CSV tables (make census). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "batch_impl.h"
#include "tsa_census.h"
#include "tsa_io.h"

/* the class (index into counts[4]: tsa_cert_kind_t) of a verdict */
static int
class_of(const char *verdict)
{
    int c;
    for (c = 1; c < 4; c++)
        if (strcmp(verdict, tsa_cert_kind_name((tsa_cert_kind_t) c)) == 0)
            return c;
    return 0;
}

static void
flush_k(json_t *counts, long k, long c[4], long total[4])
{
    int i;
    if (k < 0)
        return;
    json_array_append_new(counts, tsa_census_counts_json(k, c));
    for (i = 0; i < 4; i++)
    {
        total[i] += c[i];
        c[i] = 0;
    }
}

int
tsa_batch_census_json(const tsa_batch_plan_t *p, const char *out,
                      const char *path, long *nrows)
{
    json_t *rows = json_array(), *counts = json_array();
    long c[4] = {0, 0, 0, 0}, total[4] = {0, 0, 0, 0}, curk = -1, prec = 0;
    double seconds = 0;
    const char *source = "";
    char *text;
    size_t i;
    int st = TSA_SUCCESS;
    *nrows = 0;
    /* ids census-kKKK-IIII: id order is the census file's order */
    for (i = 0; i < p->n && st == TSA_SUCCESS; i++)
    {
        const tsa_batch_job_t *j = p->jobs + i;
        json_t *r, *row;
        const char *v;
        if (j->kind != TSA_BATCH_CERTIFY || j->source != TSA_BATCH_SRC_CENSUS)
            continue;
        r = tsa_batch_result_load(out, j);
        row = r != NULL ? json_object_get(r, "census") : NULL;
        v = json_string_value(json_object_get(row, "verdict"));
        if (v == NULL)
        {
            st = TSA_ERROR(TSA_EIO, "%s: %s: no census row (job missing or "
                           "failed)", path, j->id);
            json_decref(r);
            break;
        }
        if (j->k != curk)
            flush_k(counts, curk, c, total);
        curk = j->k;
        c[class_of(v)]++;
        row = json_deep_copy(row);
        json_object_set_new(row, "seconds", json_real(
            floor(1e3 * json_number_value(json_object_get(r, "seconds")) + 0.5)
            / 1e3));
        json_array_append_new(rows, row);
        seconds += json_number_value(json_object_get(r, "seconds"));
        source = j->path;
        prec = j->prec;
        ++*nrows;
        json_decref(r);
    }
    if (st == TSA_SUCCESS)
    {
        flush_k(counts, curk, c, total);
        json_array_append_new(counts, tsa_census_counts_json(-1, total));
        text = tsa_census_json_text(counts, rows, prec, seconds, source);
        st = text != NULL ? tsa_io_write_atomic(path, text)
                          : TSA_ERROR(TSA_ENOMEM, "%s: out of memory", path);
        free(text);
    }
    json_decref(rows);
    json_decref(counts);
    return st;
}
