/* gen.c -- plan generators: the census, the type-A family, training
 * sweeps (tsa_batch.h; `tsalign plan`; the claims: gen_claims.c). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "batch_impl.h"
#include "tsa_io.h"
#include "tsa_train.h"

json_t *
tsa_batch_plan_object(const char *name)
{
    json_t *o = json_object();
    json_object_set_new(o, "format", json_string("tsalign-plan"));
    json_object_set_new(o, "format_version", json_string(TSA_FORMAT_PLAN));
    json_object_set_new(o, "name", json_string(name));
    json_object_set_new(o, "jobs", json_array());
    return o;
}

int
tsa_batch_plan_finish(char **text, json_t *o)
{
    char *t = json_dumps(o, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (t != NULL)
    {
        size_t n = strlen(t);
        char *u = realloc(t, n + 2);
        if (u == NULL)
        {
            free(t);
            t = NULL;
        }
        else
        {
            memcpy(u + n, "\n", 2);
            t = u;
        }
    }
    *text = t;
    return t != NULL ? TSA_SUCCESS : TSA_ERROR(TSA_ENOMEM, "plan: out of memory");
}

int
tsa_batch_plan_census(char **text, const char *census, long kmin, long kmax,
                      long limit, long prec)
{
    char *data = NULL, *line, *save = NULL, name[64], id[64];
    char abs[PATH_MAX];
    long per[129] = {0};
    size_t len;
    json_t *o, *jobs;
    int st;
    *text = NULL;
    if (kmin < 1 || kmax > 128 || kmin > kmax)
        return TSA_ERROR(TSA_EINVAL, "--kmin/--kmax: expected 1 <= kmin <= "
                         "kmax <= 128");
    if ((st = tsa_io_read_file(&data, &len, census, TSA_IO_MAX_FILE)))
        return st;
    if (realpath(census, abs) == NULL)
        snprintf(abs, sizeof abs, "%s", census);
    snprintf(name, sizeof name, "census-%ld-%ld", kmin, kmax);
    o = tsa_batch_plan_object(name);
    jobs = json_object_get(o, "jobs");
    for (line = strtok_r(data, "\n", &save); line != NULL;
         line = strtok_r(NULL, "\n", &save))
    {
        char *end;
        long k = strtol(line, &end, 10);
        json_t *j;
        if (end == line || *end != '\t' || k < kmin || k > kmax)
            continue;
        if (limit > 0 && per[k] >= limit)
        {
            per[k]++;
            continue;
        }
        snprintf(id, sizeof id, "census-k%03ld-%04ld", k, per[k]);
        j = json_object();
        json_object_set_new(j, "id", json_string(id));
        json_object_set_new(j, "kind", json_string("certify"));
        json_object_set_new(j, "census", json_string(abs));
        json_object_set_new(j, "k", json_integer(k));
        json_object_set_new(j, "index", json_integer(per[k]++));
        if (prec > 0)
            json_object_set_new(j, "prec", json_integer(prec));
        json_array_append_new(jobs, j);
    }
    free(data);
    return tsa_batch_plan_finish(text, o);
}

int
tsa_batch_plan_family(char **text, long kmin, long kmax, long prec)
{
    char name[64], id[64];
    json_t *o, *jobs;
    long k;
    *text = NULL;
    if (kmin < 3 || kmax > 128 || kmin > kmax)
        return TSA_ERROR(TSA_EINVAL, "--kmin/--kmax: expected 3 <= kmin <= "
                         "kmax <= 128");
    snprintf(name, sizeof name, "family-%ld-%ld", kmin, kmax);
    o = tsa_batch_plan_object(name);
    jobs = json_object_get(o, "jobs");
    for (k = kmin; k <= kmax; k++)
    {
        json_t *j = json_object();
        snprintf(id, sizeof id, "family-k%03ld", k);
        json_object_set_new(j, "id", json_string(id));
        json_object_set_new(j, "kind", json_string("certify"));
        json_object_set_new(j, "family", json_integer(k));
        if (prec > 0)
            json_object_set_new(j, "prec", json_integer(prec));
        json_array_append_new(jobs, j);
    }
    return tsa_batch_plan_finish(text, o);
}

/* grid entry g: "key=v1,v2,..."; the value of combination c (mixed radix) */
static int
grid_parse(const char *g, char *key, size_t ksize, long *nv)
{
    const char *eq = strchr(g, '='), *p;
    if (eq == NULL || eq == g || (size_t) (eq - g) >= ksize || eq[1] == '\0')
        return TSA_ERROR(TSA_EINVAL, "--grid '%s': expected KEY=V1,V2,...", g);
    snprintf(key, ksize, "%.*s", (int) (eq - g), g);
    if (strcmp(key, "seed") == 0 || !tsa_train_config_has_key(key))
        return TSA_ERROR(TSA_EINVAL, "--grid: '%s' is not a train field (seed "
                         "comes from --seeds)", key);
    for (*nv = 1, p = eq + 1; *p; p++)
        *nv += *p == ',';
    return TSA_SUCCESS;
}

static void
grid_value(char *val, size_t size, const char *g, long i)
{
    const char *p = strchr(g, '=') + 1, *e;
    for (; i > 0; i--)
        p = strchr(p, ',') + 1;
    e = strchr(p, ',');
    snprintf(val, size, "%.*s", (int) (e ? (size_t) (e - p) : strlen(p)), p);
}

int
tsa_batch_plan_sweep(char **text, const char *const *presets, int np,
                     const char *const *grid, int ng, uint64_t seed0,
                     long nseeds)
{
    char key[TSA_BATCH_MAX_SETS][64], id[TSA_IO_ID_MAX + 1], val[300];
    long nv[TSA_BATCH_MAX_SETS], ncomb = 1, c, s;
    json_t *o, *jobs;
    int p, g, st;
    *text = NULL;
    if (np < 1 || ng > TSA_BATCH_MAX_SETS || nseeds < 1)
        return TSA_ERROR(TSA_EINVAL, "plan sweep: expected presets and "
                         "--seeds, at most %d --grid", TSA_BATCH_MAX_SETS);
    for (g = 0; g < ng; g++)
    {
        if ((st = grid_parse(grid[g], key[g], sizeof key[g], nv + g)))
            return st;
        ncomb *= nv[g];
        if (ncomb > TSA_BATCH_MAX_JOBS)
            break;
    }
    if ((double) np * ncomb * nseeds > TSA_BATCH_MAX_JOBS)
        return TSA_ERROR(TSA_EINVAL, "plan sweep: %.0f jobs, at most %ld",
                         (double) np * ncomb * nseeds, TSA_BATCH_MAX_JOBS);
    o = tsa_batch_plan_object("sweep");
    jobs = json_object_get(o, "jobs");
    for (p = 0; p < np; p++)
    {
        tsa_train_config cfg;
        if (strlen(presets[p]) > 24 || !tsa_io_is_id(presets[p])
            || tsa_train_config_preset(&cfg, presets[p]) != TSA_SUCCESS)
        {
            json_decref(o);
            return TSA_ERROR(TSA_EINVAL, "plan sweep: '%s' is not a preset",
                             presets[p]);
        }
        for (c = 0; c < ncomb; c++)
            for (s = 0; s < nseeds; s++)
            {
                json_t *j = json_object(), *set = json_object();
                long r = c;
                if (ng > 0)
                    snprintf(id, sizeof id, "train-%s-g%04ld-s%06llu",
                             presets[p], c, (unsigned long long) (seed0 + s));
                else
                    snprintf(id, sizeof id, "train-%s-s%06llu", presets[p],
                             (unsigned long long) (seed0 + s));
                json_object_set_new(j, "id", json_string(id));
                json_object_set_new(j, "kind", json_string("train"));
                json_object_set_new(j, "preset", json_string(presets[p]));
                json_object_set_new(j, "seed",
                                    json_integer((json_int_t) (seed0 + s)));
                for (g = 0; g < ng; g++)
                {
                    grid_value(val, sizeof val, grid[g], r % nv[g]);
                    r /= nv[g];
                    json_object_set_new(set, key[g], json_string(val));
                }
                if (ng > 0)
                    json_object_set_new(j, "set", set);
                else
                    json_decref(set);
                json_array_append_new(jobs, j);
            }
    }
    return tsa_batch_plan_finish(text, o);
}
