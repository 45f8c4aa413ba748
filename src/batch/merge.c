/* merge.c -- the merged tables of a batch: OUT/table.tsv and
 * OUT/table.json sorted by job id (nothing in them depends on timing or on
 * which process ran a job: the same bytes for any number of ranks), and
 * OUT/times.tsv with each job's CPU seconds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "batch_impl.h"
#include "tsa_format.h"
#include "tsa_io.h"
#include "tsa_table.h"

/* a TSV field: tabs and newlines become spaces */
static void
tsv(char *dst, size_t size, const char *s)
{
    size_t i;
    snprintf(dst, size, "%s", s);
    for (i = 0; dst[i]; i++)
        if (dst[i] == '\t' || dst[i] == '\n' || dst[i] == '\r')
            dst[i] = ' ';
}

typedef struct
{
    char *buf;
    size_t len, cap;
    int oom;
} sbuf_t;

static void
app(sbuf_t *b, const char *s)
{
    size_t n = strlen(s);
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap)
    {
        size_t cap = 2 * (b->len + n + 1) + 4096;
        char *nb = realloc(b->buf, cap);
        if (nb == NULL)
        {
            b->oom = 1;
            return;
        }
        b->buf = nb;
        b->cap = cap;
    }
    memcpy(b->buf + b->len, s, n + 1);
    b->len += n;
}

static int
emit(const tsa_batch_plan_t *p, const char *out, sbuf_t *T, sbuf_t *S,
     json_t *rows, long counts[6], long *missing)
{
    size_t i;
    int o;
    char line[2048], f1[64], f2[1024], f3[600];
    for (o = 0; o < 6; o++)
        counts[o] = 0;
    *missing = 0;
    app(T, "id\tkind\toutcome\tverdict\tdetail\tmessage\n");
    app(S, "id\tseconds\n");
    for (i = 0; i < p->n; i++)
    {
        const tsa_batch_job_t *j = p->jobs + i;
        json_t *r = tsa_batch_result_load(out, j), *row;
        const char *oc;
        if (r == NULL)
        {
            ++*missing;
            snprintf(line, sizeof line, "%s\t%s\tmissing\t-\t-\t-\n", j->id,
                     tsa_batch_kind_name(j->kind));
            app(T, line);
            continue;
        }
        oc = json_string_value(json_object_get(r, "outcome"));
        for (o = 0; o < 6; o++)
            if (strcmp(oc, tsa_batch_outcome_name((tsa_batch_outcome_t) o)) == 0)
                counts[o]++;
        tsv(f1, sizeof f1, json_string_value(json_object_get(r, "verdict")));
        tsv(f2, sizeof f2, json_string_value(json_object_get(r, "detail")));
        tsv(f3, sizeof f3, json_string_value(json_object_get(r, "message"))
                               ? json_string_value(json_object_get(r, "message"))
                               : "");
        snprintf(line, sizeof line, "%s\t%s\t%s\t%s\t%s\t%s\n", j->id,
                 tsa_batch_kind_name(j->kind), oc, f1, f2,
                 f3[0] ? f3 : "-");
        app(T, line);
        snprintf(line, sizeof line, "%s\t%.3f\n", j->id,
                 json_number_value(json_object_get(r, "seconds")));
        app(S, line);
        /* the JSON row: the result without its time */
        row = json_deep_copy(r);
        json_object_del(row, "format");
        json_object_del(row, "format_version");
        json_object_del(row, "seconds");
        json_array_append_new(rows, row);
        json_decref(r);
    }
    return T->oom || S->oom ? TSA_ERROR(TSA_ENOMEM, "merge: out of memory")
                            : TSA_SUCCESS;
}

int
tsa_batch_merge(const tsa_batch_plan_t *p, const char *out, long counts[6],
                long *missing)
{
    sbuf_t T = {NULL, 0, 0, 0}, S = {NULL, 0, 0, 0};
    json_t *root = json_object(), *rows = json_array(), *cnt = json_object();
    char *paths[3] = {NULL, NULL, NULL}, *J = NULL;
    const char *texts[3];
    size_t n = strlen(out) + 16;
    int st, o, i;

    st = emit(p, out, &T, &S, rows, counts, missing);
    tsa_format_stamp(root, "batch-table", TSA_FORMAT_BATCH_TABLE);
    json_object_set_new(root, "plan", json_string(p->name));
    json_object_set_new(root, "jobs", json_integer((json_int_t) p->n));
    for (o = 0; o < 6; o++)
        json_object_set_new(cnt, tsa_batch_outcome_name((tsa_batch_outcome_t) o),
                            json_integer(counts[o]));
    json_object_set_new(cnt, "missing", json_integer(*missing));
    json_object_set_new(root, "outcomes", cnt);
    json_object_set_new(root, "results", rows);
    if (st == TSA_SUCCESS
        && (J = tsa_json_text(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER)) == NULL)
        st = TSA_ERROR(TSA_ENOMEM, "merge: out of memory");
    for (i = 0; i < 3 && st == TSA_SUCCESS; i++)
        if ((paths[i] = malloc(n)) == NULL)
            st = TSA_ERROR(TSA_ENOMEM, "merge: out of memory");
    if (st == TSA_SUCCESS)
    {
        snprintf(paths[0], n, "%s/table.tsv", out);
        snprintf(paths[1], n, "%s/table.json", out);
        snprintf(paths[2], n, "%s/times.tsv", out);
        texts[0] = T.buf;
        texts[1] = J;
        texts[2] = S.buf;
        st = tsa_io_write_atomic_group((const char *const *) paths, texts, 3);
    }
    for (i = 0; i < 3; i++)
        free(paths[i]);
    free(J);
    free(T.buf);
    free(S.buf);
    json_decref(root);
    return st;
}

typedef struct
{
    double size;
    size_t i;
} key_t_;

static int
cmp_key(const void *a, const void *b)
{
    const key_t_ *x = a, *y = b;
    if (x->size != y->size)
        return x->size > y->size ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

int
tsa_batch_todo(size_t **order, size_t *n, size_t *skipped,
               const tsa_batch_plan_t *p, const char *out)
{
    size_t i;
    key_t_ *k = malloc((p->n + 1) * sizeof *k);
    *n = *skipped = 0;
    *order = malloc((p->n + 1) * sizeof **order);
    if (k == NULL || *order == NULL)
    {
        free(k);
        free(*order);
        *order = NULL;
        return TSA_ERROR(TSA_ENOMEM, "out of memory");
    }
    for (i = 0; i < p->n; i++)
    {
        if (tsa_batch_done(out, p->jobs + i))
            ++*skipped;
        else
        {
            k[*n].size = p->jobs[i].size;
            k[(*n)++].i = i;
        }
    }
    /* largest first, ties in id order (the jobs are sorted by id) */
    qsort(k, *n, sizeof *k, cmp_key);
    for (i = 0; i < *n; i++)
        (*order)[i] = k[i].i;
    free(k);
    return TSA_SUCCESS;
}
