/* override.c -- `tsalign check --set key=value`: parameter overrides. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_path.h"
#include "tsa_claims.h"

#define KEY_MAX 256
#define DEPTH_MAX 4

/* The value: JSON (a scalar or an array), else a plain string. */
static json_t *
parse_value(const char *s)
{
    json_t *v = json_loads(s, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, NULL);
    if (v != NULL && !json_is_object(v))
        return v;
    json_decref(v);
    if (v != NULL)
        return NULL; /* an object: not an override value */
    return json_string(s);
}

/* Set params.<a>.<b>... = v; intermediate objects are created. */
static int
set_path(json_t *params, char *key, json_t *v, const char *orig)
{
    char *parts[DEPTH_MAX], *p = key, *dot;
    int n = 0, i;
    json_t *o = params, *next;
    while (n < DEPTH_MAX)
    {
        parts[n++] = p;
        if ((dot = strchr(p, '.')) == NULL)
            break;
        *dot = '\0';
        p = dot + 1;
    }
    if (dot != NULL)
        return TSA_ERROR(TSA_EFORMAT, "--set %s: at most %d levels", orig, DEPTH_MAX);
    for (i = 0; i < n; i++)
        if (!tsa_io_is_id(parts[i]))
            return TSA_ERROR(TSA_EFORMAT, "--set: key '%.64s': each part a plain name "
                             "([A-Za-z0-9._-])", orig);
    for (i = 0; i + 1 < n; i++)
    {
        next = json_object_get(o, parts[i]);
        if (next == NULL)
        {
            next = json_object();
            json_object_set_new(o, parts[i], next);
        }
        else if (!json_is_object(next))
            return TSA_ERROR(TSA_EFORMAT, "--set %s: params.%s is not an object", orig,
                             parts[i]);
        o = next;
    }
    json_object_set(o, parts[n - 1], v);
    return TSA_SUCCESS;
}

int
tsa_claim_params_set(json_t *params, json_t **applied, const char *checker,
                     const char *const *sets, int nsets)
{
    int i, st = TSA_SUCCESS;
    *applied = json_object();
    if (nsets > TSA_CLAIM_SET_MAX)
        return TSA_ERROR(TSA_EINVAL, "--set: at most %d overrides", TSA_CLAIM_SET_MAX);
    for (i = 0; i < nsets && st == TSA_SUCCESS; i++)
    {
        const char *eq = strchr(sets[i], '=');
        char key[KEY_MAX], top[KEY_MAX];
        json_t *v, *probe;
        size_t kl = eq != NULL ? (size_t) (eq - sets[i]) : 0;
        if (eq == NULL || kl == 0 || kl >= KEY_MAX)
            return TSA_ERROR(TSA_EFORMAT, "--set: '%.64s': expected key=value with a "
                             "key of 1 .. %d characters", sets[i], KEY_MAX - 1);
        memcpy(key, sets[i], kl);
        key[kl] = '\0';
        if (strlen(eq + 1) > 65536)
            return TSA_ERROR(TSA_EFORMAT, "--set %s: value longer than 65536", key);
        if ((v = parse_value(eq + 1)) == NULL)
            return TSA_ERROR(TSA_EFORMAT, "--set %s: value must be a JSON scalar or "
                             "array, or a plain string", key);
        /* the top-level name must be a parameter of the checker */
        snprintf(top, sizeof top, "%s", key);
        top[strcspn(top, ".")] = '\0';
        probe = json_object();
        json_object_set_new(probe, top, json_null());
        st = tsa_claim_params_check(probe, checker, "--set");
        json_decref(probe);
        if (st == TSA_SUCCESS)
        {
            char work[KEY_MAX];
            memcpy(work, key, kl + 1);
            st = set_path(params, work, v, key);
        }
        if (st == TSA_SUCCESS)
            json_object_set(*applied, key, v);
        json_decref(v);
    }
    return st;
}
