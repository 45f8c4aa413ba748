/* describe.c -- checker parameter tables in use: refusing unknown
 * parameters and `tsalign check --describe CHECKER`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_path.h"
#include "tsa_claims.h"

int
tsa_claim_params_check(const json_t *params, const char *checker,
                       const char *path)
{
    const tsa_claim_param_t *t = tsa_claim_params_of(checker), *p;
    const char *key;
    json_t *v;
    if (t == NULL)
        return TSA_ERROR(TSA_EFORMAT, "%s: checker: no parameter table for '%s'",
                         path, checker);
    json_object_foreach((json_t *) params, key, v)
    {
        for (p = t; p->name != NULL && strcmp(p->name, key) != 0; p++)
            ;
        if (p->name == NULL)
            return tsa_io_is_id(key)
                   ? TSA_ERROR(TSA_EFORMAT, "%s: params.%s: unknown parameter of "
                               "checker %s (tsalign check --describe %s)", path, key,
                               checker, checker)
                   : TSA_ERROR(TSA_EFORMAT, "%s: params: unknown parameter (not a "
                               "plain name) of checker %s", path, checker);
    }
    return TSA_SUCCESS;
}

/* Append to a growing string; 0 on allocation failure. */
static int
append(char **s, size_t *len, size_t *cap, const char *a)
{
    size_t n = strlen(a);
    if (*len + n + 1 > *cap)
    {
        size_t c = 2 * (*cap) + n + 256;
        char *t = realloc(*s, c);
        if (t == NULL)
            return 0;
        *s = t;
        *cap = c;
    }
    memcpy(*s + *len, a, n + 1);
    *len += n;
    return 1;
}

int
tsa_claim_describe(char **text, const char *checker)
{
    const tsa_claim_param_t *t = tsa_claim_params_of(checker), *p;
    char *s = NULL, row[1024];
    size_t len = 0, cap = 0;
    int ok;
    *text = NULL;
    if (t == NULL)
        return TSA_ERROR(TSA_EINVAL, "--describe: unknown checker '%s'",
                         tsa_io_is_id(checker) ? checker : "?");
    snprintf(row, sizeof row, "checker %s: parameters of \"params\"\n\n"
             "| parameter | default | paper's symbol | meaning |\n|---|---|---|---|\n",
             checker);
    ok = append(&s, &len, &cap, row);
    for (p = t; ok && p->name != NULL; p++)
    {
        snprintf(row, sizeof row, "| %s | %s | %s | %s |\n", p->name, p->deflt,
                 p->symbol[0] ? p->symbol : "-", p->meaning);
        ok = append(&s, &len, &cap, row);
    }
    if (!ok)
    {
        free(s);
        return TSA_ERROR(TSA_ENOMEM, "--describe: out of memory");
    }
    *text = s;
    return TSA_SUCCESS;
}
