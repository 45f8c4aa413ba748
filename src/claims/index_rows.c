/* index_rows.c -- the claim index as data: one record per claim report
 * DIR/<id>.json, rendered by `tsalign report --format md|csv|json`. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_format.h"
#include "tsa_io.h"
#include "tsa_path.h"
#include "tsa_claims.h"

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *) a, *(char *const *) b);
}

/* the report names in dir (safe id + ".json", not index.json), sorted */
static char **
report_names(size_t *n, const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t cap = 0;
    *n = 0;
    if (d == NULL)
        return NULL;
    while ((e = readdir(d)) != NULL)
    {
        size_t l = strlen(e->d_name);
        if (l > 5 && strcmp(e->d_name + l - 5, ".json") == 0 && tsa_io_is_id(e->d_name)
            && strcmp(e->d_name, "index.json") != 0)
        {
            if (*n == cap)
            {
                char **nn = realloc(names, (cap = cap ? 2 * cap : 32) * sizeof(char *));
                if (nn == NULL)
                    break;
                names = nn;
            }
            names[(*n)++] = strdup(e->d_name);
        }
    }
    closedir(d);
    if (*n > 0)
        qsort(names, *n, sizeof(char *), cmp_str);
    return names;
}

/* one row from a report; NULL when the file is not a claim report */
static json_t *
row_of(json_t *j, const char *name)
{
    json_t *h = json_object_get(j, "hypotheses"), *o;
    const char *verdict = json_string_value(json_object_get(j, "verdict"));
    const char *kind = json_string_value(json_object_get(j, "kind"));
    const char *id = json_string_value(json_object_get(j, "id"));
    const char *concl = json_string_value(json_object_get(json_object_get(j, "conclusion"),
                                                          "truth"));
    char md[TSA_IO_NAME_MAX + 8];
    size_t k, nt = 0;
    int ki;
    if (verdict == NULL || id == NULL || concl == NULL)
        return NULL;
    for (k = 0; k < json_array_size(h); k++)
    {
        const char *t = json_string_value(json_object_get(json_array_get(h, k), "truth"));
        nt += t != NULL && strcmp(t, "true") == 0;
    }
    ki = tsa_claim_kind_index(kind);
    snprintf(md, sizeof md, "%.*s.md", (int) (strlen(name) - 5), name);
    o = json_object();
    json_object_set_new(o, "claim", json_string(id));
    json_object_set_new(o, "kind", ki < 0 ? json_null() : json_string(kind));
    json_object_set(o, "instance", json_is_string(json_object_get(j, "instance"))
                                       ? json_object_get(j, "instance") : json_null());
    json_object_set_new(o, "hypotheses_true", json_integer((json_int_t) nt));
    json_object_set_new(o, "hypotheses", json_integer((json_int_t) json_array_size(h)));
    json_object_set_new(o, "conclusion", json_string(concl));
    json_object_set_new(o, "verdict", json_string(verdict));
    /* recomputed from kind, verdict and scope: a file cannot promote its reading */
    json_object_set_new(o, "reading",
                        json_string(tsa_claim_reading(ki < 0 ? NULL : kind, verdict,
                                                      json_object_get(j, "scope") != NULL)));
    json_object_set_new(o, "overridden", json_boolean(json_is_true(json_object_get(j,
                                                                      "overridden"))));
    json_object_set_new(o, "prec", json_is_integer(json_object_get(j, "prec"))
                                       ? json_copy(json_object_get(j, "prec")) : json_null());
    json_object_set_new(o, "seconds", json_is_number(json_object_get(j, "seconds"))
                                          ? json_copy(json_object_get(j, "seconds"))
                                          : json_null());
    json_object_set_new(o, "report", json_string(md));
    return o;
}

/* an unreadable file in the folder is skipped, as by the Markdown index */
static int
read_quietly(char **text, size_t *len, const char *path)
{
    tsa_error_handler_t *h = tsa_set_error_handler(NULL);
    int ok = tsa_io_read_file(text, len, path, 64 << 20) == TSA_SUCCESS;
    tsa_set_error_handler(h);
    return ok;
}

int
tsa_claim_index_rows(json_t **rows, const char *dir)
{
    size_t n, i;
    char **names = report_names(&n, dir), path[4096];
    int st = TSA_SUCCESS;
    *rows = json_array();
    if (names == NULL && n == 0)
    {
        DIR *d = opendir(dir);
        if (d == NULL)
            return TSA_ERROR(TSA_EIO, "%s: cannot open directory", dir);
        closedir(d);
    }
    for (i = 0; i < n; i++)
    {
        json_t *j, *r;
        char *text = NULL;
        size_t len;
        if (st == TSA_SUCCESS
            && (size_t) snprintf(path, sizeof path, "%s/%s", dir, names[i]) < sizeof path
            && read_quietly(&text, &len, path))
        {
            j = json_loads(text, JSON_REJECT_DUPLICATES, NULL);
            /* a report of a newer major is refused, not misread */
            if (json_is_string(json_object_get(j, "format"))
                && strcmp(json_string_value(json_object_get(j, "format")), "tsalign-report") == 0
                && (st = tsa_format_check(j, "report", NULL, TSA_FORMAT_MAJOR, 1, path))
                       != TSA_SUCCESS)
                r = NULL;
            else
                r = json_is_object(j) ? row_of(j, names[i]) : NULL;
            if (r != NULL)
                json_array_append_new(*rows, r);
            json_decref(j);
        }
        free(text);
        free(names[i]);
    }
    free(names);
    if (st != TSA_SUCCESS)
    {
        json_decref(*rows);
        *rows = NULL;
    }
    return st;
}
