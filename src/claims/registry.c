/* registry.c -- checker names -> functions, and running one claim file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "tsa_path.h"
#include "tsa_format.h"
#include "tsa_claims.h"

extern const tsa_claim_checker_entry_t tsa_claims_adp_checkers[]; /* ad_prove.c, ad1_exp.c */
extern const tsa_claim_checker_entry_t tsa_claims_ea2_checkers[]; /* ea2.c */
extern const tsa_claim_checker_entry_t tsa_claims_ea1_checkers[]; /* ea1.c */
extern const tsa_claim_checker_entry_t tsa_claims_overparam_checkers[]; /* overparam_claim.c */
extern const tsa_claim_checker_entry_t tsa_claims_lmx_checkers[]; /* lm_assume1.c, lm_lemmas.c */
static const tsa_claim_checker_entry_t *const tables[] = {
    tsa_claims_ad_checkers, tsa_claims_ss_checkers, tsa_claims_lm_checkers,
    tsa_claims_adp_checkers, tsa_claims_ea2_checkers, tsa_claims_ea1_checkers,
    tsa_claims_overparam_checkers, tsa_claims_lmx_checkers};
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

/* Top-level fields of a claim file; anything else is refused. */
static const char *const claim_fields[] = {
    "id", "paper", "statement", "checker", "tier", "prec", "expect", "params",
    "kind", "correction", "scope", "format", "format_version", NULL};

static int
get_string(char **out, json_t *root, const char *key, size_t maxlen,
           const char *path)
{
    json_t *v = json_object_get(root, key);
    if (!json_is_string(v))
        return TSA_ERROR(TSA_EFORMAT, "%s: %s: missing or not a string",
                         path, key);
    if (json_string_length(v) > maxlen
        || strlen(json_string_value(v)) != json_string_length(v))
        return TSA_ERROR(TSA_EFORMAT, "%s: %s: longer than %zu characters or "
                         "holds a NUL", path, key, maxlen);
    *out = strdup(json_string_value(v));
    return *out != NULL ? TSA_SUCCESS
                        : TSA_ERROR(TSA_ENOMEM, "%s: out of memory", path);
}

/* An optional string field that must be one of the names in list. */
static int
get_choice(char **out, json_t *root, const char *key,
           const char *const *list, const char *path)
{
    json_t *v = json_object_get(root, key);
    size_t i;
    *out = NULL;
    if (v == NULL)
        return TSA_SUCCESS;
    for (i = 0; json_is_string(v) && list[i] != NULL; i++)
        if (strcmp(json_string_value(v), list[i]) == 0)
        {
            *out = strdup(list[i]);
            return TSA_SUCCESS;
        }
    return TSA_ERROR(TSA_EFORMAT, "%s: %s: must be one of %s%s%s%s%s%s%s", path,
                     key, list[0], list[1] ? ", " : "", list[1] ? list[1] : "",
                     list[1] && list[2] ? ", " : "", list[1] && list[2] ? list[2] : "",
                     list[1] && list[2] && list[3] ? ", " : "",
                     list[1] && list[2] && list[3] ? list[3] : "");
}

/* "kind" (required, tsa_claim_kind_names), "correction" (required for
 * and only for kind "corrected"), "scope" (optional note). */
static int
read_kind(tsa_claim_result_t r, json_t *root, const char *path)
{
    const char *const *k = tsa_claim_kind_names();
    int st;
    if (json_object_get(root, "kind") == NULL)
        return TSA_ERROR(TSA_EFORMAT, "%s: kind: missing (one of %s, %s, %s, %s, "
                         "%s, %s)", path, k[0], k[1], k[2], k[3], k[4], k[5]);
    if (!json_is_string(json_object_get(root, "kind"))
        || tsa_claim_kind_index(json_string_value(json_object_get(root, "kind"))) < 0)
        return TSA_ERROR(TSA_EFORMAT, "%s: kind: must be one of %s, %s, %s, %s, %s, %s",
                         path, k[0], k[1], k[2], k[3], k[4], k[5]);
    if ((st = get_string(&r->kind, root, "kind", 64, path)) != TSA_SUCCESS)
        return st;
    if (strcmp(r->kind, "corrected") == 0)
    {
        if ((st = get_string(&r->correction, root, "correction", 4096, path))
            != TSA_SUCCESS)
            return st;
        if (r->correction[0] == '\0')
            return TSA_ERROR(TSA_EFORMAT, "%s: correction: must name the correction",
                             path);
    }
    else if (json_object_get(root, "correction") != NULL)
        return TSA_ERROR(TSA_EFORMAT, "%s: correction: only for kind \"corrected\"",
                         path);
    if (json_object_get(root, "scope") != NULL)
        return get_string(&r->scope, root, "scope", 4096, path);
    return TSA_SUCCESS;
}

/* The structure of a claim file, before any work: known fields only, a
 * safe id (it names the report files), strings where strings are due. */
static int
read_header(tsa_claim_result_t r, char **checker, json_t *root,
            const char *path)
{
    static const char *const verdicts[] = {"consistent", "counterexample",
                                           "vacuous", "undecided", NULL};
    static const char *const tiers[] = {"quick", "full", NULL};
    const char *key;
    json_t *v;
    char *tier = NULL, what[4200];
    size_t i;
    int st;

    json_object_foreach(root, key, v)
    {
        for (i = 0; claim_fields[i] != NULL && strcmp(key, claim_fields[i]) != 0; i++)
            ;
        if (claim_fields[i] == NULL)
            return tsa_io_is_id(key)
                   ? TSA_ERROR(TSA_EFORMAT, "%s: %s: unknown field", path, key)
                   : TSA_ERROR(TSA_EFORMAT, "%s: unknown field (not a plain name)", path);
    }
    /* "format": "tsalign-claim" (optional in hand-written claim files) */
    if ((st = tsa_format_check(root, "claim", NULL, TSA_FORMAT_MAJOR, 1, path)) != TSA_SUCCESS)
        return st;
    if ((st = get_string(&r->id, root, "id", TSA_IO_ID_MAX, path)) != TSA_SUCCESS)
        return st;
    snprintf(what, sizeof what, "%.4096s: id", path);
    if ((st = tsa_io_check_id(r->id, what)) != TSA_SUCCESS)
        return st;
    if (strcmp(r->id, "index") == 0)
        return TSA_ERROR(TSA_EFORMAT, "%s: id: \"index\" is reserved", path);
    if ((st = get_string(&r->paper, root, "paper", 64, path)) != TSA_SUCCESS
        || (st = get_string(&r->statement, root, "statement", 65536, path)) != TSA_SUCCESS
        || (st = get_string(checker, root, "checker", 64, path)) != TSA_SUCCESS
        || (st = get_choice(&r->expect, root, "expect", verdicts, path)) != TSA_SUCCESS
        || (st = get_choice(&tier, root, "tier", tiers, path)) != TSA_SUCCESS)
        return st;
    free(tier);
    if ((st = read_kind(r, root, path)) != TSA_SUCCESS)
        return st;
    v = json_object_get(root, "prec");
    r->prec = 128;
    if (v != NULL)
    {
        if (!json_is_integer(v) || json_integer_value(v) < TSA_CLAIM_PREC_MIN
            || json_integer_value(v) > TSA_CLAIM_PREC_MAX)
            return TSA_ERROR(TSA_EFORMAT, "%s: prec: must be an integer in %d .. %d",
                             path, TSA_CLAIM_PREC_MIN, TSA_CLAIM_PREC_MAX);
        r->prec = (slong) json_integer_value(v);
    }
    if (tsa_claim_checker_find(*checker) == NULL)
        return tsa_io_is_id(*checker)
               ? TSA_ERROR(TSA_EFORMAT, "%s: checker: unknown checker '%s'", path, *checker)
               : TSA_ERROR(TSA_EFORMAT, "%s: checker: unknown checker", path);
    if (!json_is_object(json_object_get(root, "params")))
        return TSA_ERROR(TSA_EFORMAT, "%s: params: missing or not an object", path);
    return tsa_claim_params_check(json_object_get(root, "params"), *checker, path);
}

/* Load the claim file: a regular file of at most TSA_CLAIM_FILE_MAX
 * bytes holding one JSON object without duplicate keys. */
static int
load(json_t **root, const char *path)
{
    json_error_t jerr;
    struct stat sb;
    *root = NULL;
    if (stat(path, &sb) != 0)
        return TSA_ERROR(TSA_EIO, "%s: cannot read: %s", path, strerror(errno));
    if (!S_ISREG(sb.st_mode))
        return TSA_ERROR(TSA_EIO, "%s: not a regular file", path);
    if (sb.st_size > TSA_CLAIM_FILE_MAX)
        return TSA_ERROR(TSA_EFORMAT, "%s: larger than %d bytes", path,
                         TSA_CLAIM_FILE_MAX);
    *root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
    if (*root == NULL)
        return TSA_ERROR(jerr.line < 0 ? TSA_EIO : TSA_EFORMAT,
                         "%s:%d: %s", path, jerr.line, jerr.text);
    if (!json_is_object(*root))
    {
        json_decref(*root);
        *root = NULL;
        return TSA_ERROR(TSA_EFORMAT, "%s: not a JSON object", path);
    }
    return TSA_SUCCESS;
}

/* With overrides: the id gets the suffix "-set" (its reports do not
 * replace the claim's own) and r->overrides records them. */
static int
apply_sets(tsa_claim_result_t r, json_t *params, const char *checker,
           const char *const *sets, int nsets)
{
    char *id;
    size_t n = strlen(r->id);
    int st = tsa_claim_params_set(params, &r->overrides, checker, sets, nsets);
    if (st != TSA_SUCCESS)
        return st;
    if (n + 5 > TSA_IO_ID_MAX)
        return TSA_ERROR(TSA_EFORMAT, "--set: id %s too long for the suffix -set", r->id);
    if ((id = malloc(n + 5)) == NULL)
        return TSA_ERROR(TSA_ENOMEM, "--set: out of memory");
    memcpy(id, r->id, n);
    memcpy(id + n, "-set", 5);
    free(r->id);
    r->id = id;
    return TSA_SUCCESS;
}

int
tsa_claim_run_file(tsa_claim_result_t r, const char *path)
{
    return tsa_claim_run_file_set(r, path, NULL, 0);
}

int
tsa_claim_run_file_set(tsa_claim_result_t r, const char *path,
                       const char *const *sets, int nsets)
{
    json_t *root;
    char *checker = NULL;
    struct timespec t0, t1;
    int st;

    if ((st = load(&root, path)) != TSA_SUCCESS)
        return st;
    st = read_header(r, &checker, root, path);
    if (st == TSA_SUCCESS && nsets > 0)
        st = apply_sets(r, json_object_get(root, "params"), checker, sets, nsets);
    if (st == TSA_SUCCESS)
    {
        r->checker = strdup(checker);
        r->params = json_deep_copy(json_object_get(root, "params"));
        clock_gettime(CLOCK_MONOTONIC, &t0);
        st = tsa_claim_checker_find(checker)(r, json_object_get(root, "params"),
                                             path, r->prec);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        r->seconds = (double) (t1.tv_sec - t0.tv_sec)
                     + 1e-9 * (double) (t1.tv_nsec - t0.tv_nsec);
        if (st == TSA_SUCCESS)
            tsa_claim_witness_complete(r);
    }
    free(checker);
    json_decref(root);
    return st;
}
