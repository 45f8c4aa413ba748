/* plan.c -- read and validate a batch plan (tsa_batch.h; docs/scaling.md
 * "Plans").  Every field is checked before any job runs: a plan is
 * hostile input like any other file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "tsa_batch.h"
#include "batch_impl.h"
#include "tsa_format.h"
#include "tsa_io.h"
#include "tsa_train.h"

void
tsa_batch_plan_clear(tsa_batch_plan_t *p)
{
    size_t i;
    int s;
    for (i = 0; i < p->n; i++)
    {
        free(p->jobs[i].path);
        for (s = 0; s < p->jobs[i].nset; s++)
        {
            free(p->jobs[i].set_key[s]);
            free(p->jobs[i].set_val[s]);
        }
    }
    free(p->jobs);
    p->jobs = NULL;
    p->n = 0;
}

/* Only the listed keys may appear in o. */
static int
known_fields(const json_t *o, const char *const *keys, const char *what)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *) o, key, v)
    {
        size_t i;
        int ok = 0;
        (void) v;
        for (i = 0; keys[i] != NULL && !ok; i++)
            ok = strcmp(key, keys[i]) == 0;
        if (!ok)
        {
            char b[48];
            return TSA_ERROR(TSA_EFORMAT, "%s: unknown field '%s'", what,
                             tsa_io_shown(b, sizeof b, key));
        }
    }
    return TSA_SUCCESS;
}

/* An integer field in [lo, hi]; absent: *x = dflt (or an error when
 * dflt < lo, i.e. required). */
static int
get_int(long long *x, const json_t *o, const char *key, long long lo,
        long long hi, long long dflt, const char *what)
{
    const json_t *v = json_object_get(o, key);
    if (v == NULL)
    {
        if (dflt < lo)
            return TSA_ERROR(TSA_EFORMAT, "%s.%s: missing", what, key);
        *x = dflt;
        return TSA_SUCCESS;
    }
    if (!json_is_integer(v) || json_integer_value(v) < lo
        || json_integer_value(v) > hi)
        return TSA_ERROR(TSA_EFORMAT, "%s.%s: expected an integer in %lld .. "
                         "%lld", what, key, lo, hi);
    *x = json_integer_value(v);
    return TSA_SUCCESS;
}

/* A bounded string without control characters. */
static int
get_str(const char **s, const json_t *o, const char *key, size_t max,
        const char *what)
{
    const json_t *v = json_object_get(o, key);
    size_t i, n;
    if (v == NULL)
    {
        *s = NULL;
        return TSA_SUCCESS;
    }
    if (!json_is_string(v) || (n = json_string_length(v)) == 0 || n > max)
        return TSA_ERROR(TSA_EFORMAT, "%s.%s: expected a string of 1 .. %zu "
                         "bytes", what, key, max);
    *s = json_string_value(v);
    for (i = 0; i < n; i++)
        if ((unsigned char) (*s)[i] < 0x20 || (*s)[i] == 0x7f)
            return TSA_ERROR(TSA_EFORMAT, "%s.%s: control character", what,
                             key);
    return TSA_SUCCESS;
}

/* path relative to the plan's folder base (absolute paths kept) */
static char *
resolve(const char *base, const char *path)
{
    char *r;
    size_t n;
    if (path[0] == '/' || base == NULL || base[0] == '\0')
        return strdup(path);
    n = strlen(base) + strlen(path) + 2;
    if ((r = malloc(n)) != NULL)
        snprintf(r, n, "%s/%s", base, path);
    return r;
}

static int
job_source(tsa_batch_job_t *j, const json_t *o, const char *base,
           const char *what)
{
    const char *cand, *census;
    long long x;
    int st, have_family = json_object_get(o, "family") != NULL;
    if ((st = get_str(&cand, o, "candidate", TSA_BATCH_MAX_PATH, what))
        || (st = get_str(&census, o, "census", TSA_BATCH_MAX_PATH, what)))
        return st;
    if ((cand != NULL) + (census != NULL) + have_family != 1)
        return TSA_ERROR(TSA_EFORMAT, "%s: expected exactly one of candidate, "
                         "census, family", what);
    if (census == NULL
        && (json_object_get(o, "k") != NULL
            || json_object_get(o, "index") != NULL))
        return TSA_ERROR(TSA_EFORMAT, "%s: k and index belong to a census "
                         "job", what);
    if (have_family)
    {
        if ((st = get_int(&x, o, "family", 3, 128, -1, what)))
            return st;
        j->source = TSA_BATCH_SRC_FAMILY;
        j->k = (long) x;
        j->size = (double) x * x * x;
        return TSA_SUCCESS;
    }
    j->source = cand != NULL ? TSA_BATCH_SRC_CANDIDATE : TSA_BATCH_SRC_CENSUS;
    if ((j->path = resolve(base, cand != NULL ? cand : census)) == NULL)
        return TSA_ERROR(TSA_ENOMEM, "%s: out of memory", what);
    if (census != NULL)
    {
        if ((st = get_int(&x, o, "k", 1, 128, -1, what)))
            return st;
        j->k = (long) x;
        if ((st = get_int(&x, o, "index", 0, 100000, -1, what)))
            return st;
        j->index = (long) x;
        j->size = (double) j->k * j->k * j->k;
    }
    return TSA_SUCCESS;
}

/* preset, seed and overrides must make a valid configuration within the
 * work limits: a bad train job is refused with the plan, not mid-run */
static int
job_train(tsa_batch_job_t *j, const json_t *o, const char *what)
{
    const char *preset, *key;
    const json_t *set = json_object_get(o, "set"), *v;
    tsa_train_config cfg;
    long long seed;
    char w[600];
    int st;
    if ((st = get_str(&preset, o, "preset", sizeof j->preset - 1, what)))
        return st;
    if (preset == NULL)
        return TSA_ERROR(TSA_EFORMAT, "%s.preset: missing", what);
    snprintf(j->preset, sizeof j->preset, "%s", preset);
    if ((st = get_int(&seed, o, "seed", 0, 9007199254740992LL, -1, what)))
        return st;
    j->seed = (uint64_t) seed;
    snprintf(w, sizeof w, "%s.preset", what);
    if ((st = tsa_train_config_preset(&cfg, preset)))
        return TSA_ERROR(st, "%s: unknown preset", w);
    cfg.seed = j->seed;
    if (set != NULL && !json_is_object(set))
        return TSA_ERROR(TSA_EFORMAT, "%s.set: expected an object", what);
    if (set != NULL && json_object_size(set) > TSA_BATCH_MAX_SETS)
        return TSA_ERROR(TSA_EFORMAT, "%s.set: more than %d fields", what,
                         TSA_BATCH_MAX_SETS);
    json_object_foreach((json_t *) set, key, v)
    {
        char b[48];
        if (strcmp(key, "seed") == 0 || !tsa_train_config_has_key(key))
            return TSA_ERROR(TSA_EFORMAT, "%s.set: unknown or fixed field "
                             "'%s'", what, tsa_io_shown(b, sizeof b, key));
        if (!json_is_string(v) || json_string_length(v) == 0
            || json_string_length(v) > TSA_BATCH_MAX_VALUE
            || strlen(json_string_value(v)) != json_string_length(v))
            return TSA_ERROR(TSA_EFORMAT, "%s.set.%s: expected a string of 1 "
                             ".. %d bytes", what, key, TSA_BATCH_MAX_VALUE);
        snprintf(w, sizeof w, "%s.set.%s", what, key);
        if ((st = tsa_train_config_set(&cfg, key, json_string_value(v), w)))
            return st;
        j->set_key[j->nset] = strdup(key);
        j->set_val[j->nset] = strdup(json_string_value(v));
        if (j->set_key[j->nset++] == NULL || j->set_val[j->nset - 1] == NULL)
            return TSA_ERROR(TSA_ENOMEM, "%s: out of memory", what);
    }
    tsa_train_config_resolve(&cfg);
    {
        tsa_error_handler_t *h = tsa_set_error_handler(NULL);
        char msg[512];
        if ((st = tsa_train_config_check(&cfg)) == TSA_SUCCESS)
            st = tsa_train_config_check_work(&cfg);
        snprintf(msg, sizeof msg, "%s", tsa_error_last());
        tsa_set_error_handler(h);
        if (st != TSA_SUCCESS)
            return TSA_ERROR(st, "%s: %s", what, msg);
    }
    {
        tsa_train_estimate e;
        tsa_train_estimate_work(&e, &cfg);
        j->size = e.flops;
    }
    return TSA_SUCCESS;
}

static int
job_parse(tsa_batch_job_t *j, const json_t *o, const char *base,
          const char *what)
{
    static const char *const keys[] = {
        "id", "kind", "candidate", "census", "k", "index", "family", "prec",
        "preset", "seed", "set", "claim", "size", NULL};
    const char *id, *kind, *claim;
    const json_t *size;
    long long x;
    int st;
    char w[400];
    memset(j, 0, sizeof *j);
    if (!json_is_object(o))
        return TSA_ERROR(TSA_EFORMAT, "%s: expected an object", what);
    if ((st = known_fields(o, keys, what)))
        return st;
    snprintf(w, sizeof w, "%s.id", what);
    if ((st = get_str(&id, o, "id", TSA_IO_ID_MAX, what))
        || (st = tsa_io_check_id(id, w)))
        return st;
    snprintf(j->id, sizeof j->id, "%s", id);
    if ((st = get_str(&kind, o, "kind", 16, what)))
        return st;
    if (kind == NULL)
        return TSA_ERROR(TSA_EFORMAT, "%s.kind: missing", what);
    j->size = 1;
    j->prec = 128;
    if (strcmp(kind, "certify") == 0 || strcmp(kind, "polish") == 0)
    {
        j->kind = kind[0] == 'c' ? TSA_BATCH_CERTIFY : TSA_BATCH_POLISH;
        if ((st = job_source(j, o, base, what))
            || (st = get_int(&x, o, "prec", 16, 4096, 128, what)))
            return st;
        j->prec = (long) x;
        if (json_object_get(o, "preset") || json_object_get(o, "seed")
            || json_object_get(o, "set") || json_object_get(o, "claim"))
            return TSA_ERROR(TSA_EFORMAT, "%s: preset, seed, set, claim belong "
                             "to train and check jobs", what);
    }
    else if (strcmp(kind, "train") == 0)
    {
        j->kind = TSA_BATCH_TRAIN;
        if (json_object_get(o, "candidate") || json_object_get(o, "census")
            || json_object_get(o, "family") || json_object_get(o, "claim")
            || json_object_get(o, "k") || json_object_get(o, "index")
            || json_object_get(o, "prec"))
            return TSA_ERROR(TSA_EFORMAT, "%s: a train job takes preset, seed "
                             "and set", what);
        if ((st = job_train(j, o, what)))
            return st;
    }
    else if (strcmp(kind, "check") == 0)
    {
        j->kind = TSA_BATCH_CHECK;
        if ((st = get_str(&claim, o, "claim", TSA_BATCH_MAX_PATH, what)))
            return st;
        if (claim == NULL || json_object_size(o) > 3 + (json_object_get(o, "size") != NULL))
            return TSA_ERROR(TSA_EFORMAT, "%s: a check job takes claim (and "
                             "size) only", what);
        if ((j->path = resolve(base, claim)) == NULL)
            return TSA_ERROR(TSA_ENOMEM, "%s: out of memory", what);
    }
    else
        return TSA_ERROR(TSA_EFORMAT, "%s.kind: expected certify, polish, train "
                         "or check", what);
    if ((size = json_object_get(o, "size")) != NULL)
    {
        if (!json_is_number(size) || !(json_number_value(size) >= 0)
            || json_number_value(size) > 1e18)
            return TSA_ERROR(TSA_EFORMAT, "%s.size: expected a number in 0 .. "
                             "1e18", what);
        j->size = json_number_value(size);
    }
    tsa_batch_hash(j->hash, o);
    return TSA_SUCCESS;
}

static int
cmp_id(const void *a, const void *b)
{
    return strcmp(((const tsa_batch_job_t *) a)->id,
                  ((const tsa_batch_job_t *) b)->id);
}

int
tsa_batch_plan_parse(tsa_batch_plan_t *p, const char *text, const char *what,
                     const char *base)
{
    static const char *const keys[] = {"format", "format_version", "name",
                                       "jobs", NULL};
    json_error_t err;
    json_t *root = json_loads(text, JSON_REJECT_DUPLICATES, &err);
    const json_t *jobs;
    const char *name;
    size_t i;
    int st;
    char w[256];

    p->n = 0;
    p->jobs = NULL;
    p->name[0] = '\0';
    if (root == NULL)
        return TSA_ERROR(TSA_EFORMAT, "%s: not JSON (line %d: %s)", what,
                         err.line, err.text);
    if (!json_is_object(root))
        st = TSA_ERROR(TSA_EFORMAT, "%s: expected a JSON object", what);
    else if ((st = tsa_format_check(root, "plan", NULL, TSA_FORMAT_MAJOR, 0, what))
             || (st = known_fields(root, keys, what)))
        ;
    else if ((st = get_str(&name, root, "name", TSA_IO_ID_MAX, what)))
        ;
    else if (name != NULL && (snprintf(w, sizeof w, "%s: name", what),
                              st = tsa_io_check_id(name, w)))
        ;
    else if (!json_is_array(jobs = json_object_get(root, "jobs")))
        st = TSA_ERROR(TSA_EFORMAT, "%s: jobs: expected an array", what);
    else if (json_array_size(jobs) > (size_t) TSA_BATCH_MAX_JOBS)
        st = TSA_ERROR(TSA_EINVAL, "%s: jobs: %zu jobs, at most %ld", what,
                       json_array_size(jobs), TSA_BATCH_MAX_JOBS);
    else if ((p->jobs = calloc(json_array_size(jobs) + 1, sizeof *p->jobs))
             == NULL)
        st = TSA_ERROR(TSA_ENOMEM, "%s: out of memory", what);
    else
    {
        snprintf(p->name, sizeof p->name, "%s", name ? name : "plan");
        for (i = 0; i < json_array_size(jobs) && st == TSA_SUCCESS; i++)
        {
            snprintf(w, sizeof w, "%s: jobs[%zu]", what, i);
            st = job_parse(p->jobs + i, json_array_get(jobs, i), base, w);
            p->n = i + 1;
        }
        if (st == TSA_SUCCESS)
        {
            qsort(p->jobs, p->n, sizeof *p->jobs, cmp_id);
            for (i = 1; i < p->n && st == TSA_SUCCESS; i++)
                if (strcmp(p->jobs[i - 1].id, p->jobs[i].id) == 0)
                    st = TSA_ERROR(TSA_EFORMAT, "%s: job id '%s' appears "
                                   "twice", what, p->jobs[i].id);
        }
    }
    json_decref(root);
    if (st != TSA_SUCCESS)
        tsa_batch_plan_clear(p);
    return st;
}

int
tsa_batch_plan_read(tsa_batch_plan_t *p, const char *path)
{
    char *text = NULL, *base, *slash;
    size_t len;
    int st;
    p->n = 0;
    p->jobs = NULL;
    if ((st = tsa_io_read_file(&text, &len, path, TSA_IO_MAX_FILE)))
        return st;
    if (strlen(text) != len)
    {
        free(text);
        return TSA_ERROR(TSA_EFORMAT, "%s: NUL byte in the plan", path);
    }
    if ((base = strdup(path)) == NULL)
    {
        free(text);
        return TSA_ERROR(TSA_ENOMEM, "%s: out of memory", path);
    }
    slash = strrchr(base, '/');
    if (slash != NULL)
        slash[slash == base ? 1 : 0] = '\0';
    else
        base[0] = '\0';
    st = tsa_batch_plan_parse(p, text, path, base);
    free(base);
    free(text);
    return st;
}
