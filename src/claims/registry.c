/* registry.c -- checker names -> functions, and running one claim file. */
#include <string.h>
#include <time.h>
#include "tsa_claims.h"

static const tsa_claim_checker_entry_t *const tables[] = {
    tsa_claims_ad_checkers, tsa_claims_ss_checkers, tsa_claims_lm_checkers};
#define NTABLES (sizeof tables / sizeof tables[0])

static const char *checker_names[256];

tsa_claim_checker_t
tsa_claim_checker_find(const char *name)
{
    size_t t;
    const tsa_claim_checker_entry_t *e;
    for (t = 0; t < NTABLES; t++)
        for (e = tables[t]; e->name != NULL; e++)
            if (strcmp(e->name, name) == 0)
                return e->fn;
    return NULL;
}

const char *const *
tsa_claim_checker_names(void)
{
    size_t t, n = 0;
    const tsa_claim_checker_entry_t *e;
    for (t = 0; t < NTABLES; t++)
        for (e = tables[t]; e->name != NULL && n + 1 < 256; e++)
            checker_names[n++] = e->name;
    checker_names[n] = NULL;
    return checker_names;
}

static int
get_string(char **out, json_t *root, const char *key, const char *path)
{
    json_t *v = json_object_get(root, key);
    if (!json_is_string(v))
        return TSA_ERROR(TSA_EFORMAT, "%s: %s: missing or not a string",
                         path, key);
    *out = strdup(json_string_value(v));
    return TSA_SUCCESS;
}

int
tsa_claim_run_file(tsa_claim_result_t r, const char *path)
{
    json_error_t jerr;
    json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr), *v;
    tsa_claim_checker_t fn;
    char *checker = NULL;
    struct timespec t0, t1;
    int st;

    if (root == NULL)
        return TSA_ERROR(jerr.line < 0 ? TSA_EIO : TSA_EFORMAT,
                         "%s:%d: %s", path, jerr.line, jerr.text);
    if (!json_is_object(root))
    {
        json_decref(root);
        return TSA_ERROR(TSA_EFORMAT, "%s: not a JSON object", path);
    }
    if ((st = get_string(&r->id, root, "id", path)) != TSA_SUCCESS
        || (st = get_string(&r->paper, root, "paper", path)) != TSA_SUCCESS
        || (st = get_string(&r->statement, root, "statement", path)) != TSA_SUCCESS
        || (st = get_string(&checker, root, "checker", path)) != TSA_SUCCESS)
        goto done;
    v = json_object_get(root, "prec");
    r->prec = 128;
    if (v != NULL)
    {
        if (!json_is_integer(v) || json_integer_value(v) < 16
            || json_integer_value(v) > 100000)
        {
            st = TSA_ERROR(TSA_EFORMAT, "%s: prec: must be an integer in 16 .. 100000",
                           path);
            goto done;
        }
        r->prec = (slong) json_integer_value(v);
    }
    fn = tsa_claim_checker_find(checker);
    if (fn == NULL)
    {
        st = TSA_ERROR(TSA_EFORMAT, "%s: checker: unknown checker '%s'", path,
                       checker);
        goto done;
    }
    v = json_object_get(root, "params");
    if (!json_is_object(v))
    {
        st = TSA_ERROR(TSA_EFORMAT, "%s: params: missing or not an object", path);
        goto done;
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    st = fn(r, v, path, r->prec);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    r->seconds = (double) (t1.tv_sec - t0.tv_sec)
                 + 1e-9 * (double) (t1.tv_nsec - t0.tv_nsec);
done:
    free(checker);
    json_decref(root);
    return st;
}
