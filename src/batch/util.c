/* util.c -- the batch module's small helpers: job hashes,
 * the output folder's layout, result files read back. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "batch_impl.h"
#include "tsa_format.h"
#include "tsa_io.h"

const char *
tsa_batch_outcome_name(tsa_batch_outcome_t o)
{
    static const char *const names[] = {"ok", "undecided", "refuted",
                                        "input", "io", "internal"};
    return (unsigned) o < 6 ? names[o] : "internal";
}

const char *
tsa_batch_kind_name(tsa_batch_kind_t k)
{
    static const char *const names[] = {"certify", "polish", "train",
                                        "check"};
    return (unsigned) k < 4 ? names[k] : "?";
}

void
tsa_batch_hash(char h[17], const json_t *o)
{
    char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
    uint64_t x = 0xcbf29ce484222325ULL;
    const unsigned char *p;
    for (p = (const unsigned char *) (s ? s : ""); *p; p++)
        x = (x ^ *p) * 0x100000001b3ULL;
    free(s);
    snprintf(h, 17, "%016llx", (unsigned long long) x);
}

int
tsa_batch_mkdir(const char *dir, const char *what)
{
    struct stat sb;
    const char *sep = what != NULL ? ": " : "";
    if (what == NULL)
        what = "";
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return TSA_ERROR(TSA_EIO, "%s%s%s: cannot create folder: %s", what,
                         sep, dir, strerror(errno));
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return TSA_ERROR(TSA_EIO, "%s%s%s: not a folder", what, sep, dir);
    return TSA_SUCCESS;
}

int
tsa_batch_prepare(const char *out)
{
    char *p;
    size_t n = strlen(out) + 16;
    int st;
    if ((st = tsa_batch_mkdir(out, NULL)))
        return st;
    if ((p = malloc(n)) == NULL)
        return TSA_ERROR(TSA_ENOMEM, "out of memory");
    snprintf(p, n, "%s/results", out);
    st = tsa_batch_mkdir(p, NULL);
    snprintf(p, n, "%s/files", out);
    if (st == TSA_SUCCESS)
        st = tsa_batch_mkdir(p, NULL);
    free(p);
    return st;
}

static int
join(char **p, const char *out, const char *sub, const char *id,
     const char *suffix)
{
    size_t n = strlen(out) + strlen(sub) + 2;
    char *dir = malloc(n);
    int st;
    if (dir == NULL)
        return TSA_ERROR(TSA_ENOMEM, "out of memory");
    snprintf(dir, n, "%s/%s", out, sub);
    st = tsa_io_path_join(p, dir, id, suffix, "job id");
    free(dir);
    return st;
}

int
tsa_batch_result_path(char **p, const char *out, const tsa_batch_job_t *j)
{
    return join(p, out, "results", j->id, ".json");
}

int
tsa_batch_file_path(char **p, const char *out, const tsa_batch_job_t *j,
                    const char *suffix)
{
    return join(p, out, "files", j->id, suffix);
}

json_t *
tsa_batch_result_load(const char *out, const tsa_batch_job_t *j)
{
    char *path = NULL, *text = NULL;
    size_t len;
    json_t *r = NULL;
    const char *s;
    tsa_error_handler_t *h = tsa_set_error_handler(NULL);
    if (tsa_batch_result_path(&path, out, j) == TSA_SUCCESS
        && tsa_io_read_file(&text, &len, path, 1L << 24) == TSA_SUCCESS)
        r = json_loads(text, JSON_REJECT_DUPLICATES, NULL);
    free(path);
    free(text);
    if (r == NULL)
    {
        tsa_set_error_handler(h);
        return NULL;
    }
    /* the same job (id, kind, hash), a known outcome and the columns */
    if (!json_is_object(r)
        || tsa_format_check(r, "batch-result", NULL, TSA_FORMAT_MAJOR, 0, "result") != 0
        || (s = json_string_value(json_object_get(r, "id"))) == NULL
        || strcmp(s, j->id) != 0
        || (s = json_string_value(json_object_get(r, "kind"))) == NULL
        || strcmp(s, tsa_batch_kind_name(j->kind)) != 0
        || (s = json_string_value(json_object_get(r, "job"))) == NULL
        || strcmp(s, j->hash) != 0
        || (s = json_string_value(json_object_get(r, "outcome"))) == NULL
        || !json_is_string(json_object_get(r, "verdict"))
        || !json_is_string(json_object_get(r, "detail"))
        || !json_is_number(json_object_get(r, "seconds")))
    {
        tsa_set_error_handler(h);
        json_decref(r);
        return NULL;
    }
    tsa_set_error_handler(h);
    {
        int o, ok = 0;
        for (o = 0; o < 6 && !ok; o++)
            ok = strcmp(s, tsa_batch_outcome_name((tsa_batch_outcome_t) o)) == 0;
        if (!ok)
        {
            json_decref(r);
            return NULL;
        }
    }
    return r;
}

int
tsa_batch_done(const char *out, const tsa_batch_job_t *j)
{
    json_t *r = tsa_batch_result_load(out, j);
    const char *s;
    int done;
    if (r == NULL)
        return 0;
    s = json_string_value(json_object_get(r, "outcome"));
    done = strcmp(s, "io") != 0 && strcmp(s, "internal") != 0;
    json_decref(r);
    return done;
}

double
tsa_batch_thread_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}
