/* gen_claims.c -- the plan of the claim files of a folder (tsa_batch.h;
 * `tsalign plan claims`, `make proofs`): one check job per claim file,
 * the longest first. */
#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "batch_impl.h"
#include "tsa_claims.h"
#include "tsa_io.h"

typedef struct
{
    char id[TSA_IO_ID_MAX + 1];
    char *path;
    double size;
} entry_t;

static int
cmp_entry(const void *a, const void *b)
{
    const entry_t *x = a, *y = b;
    if (x->size != y->size)
        return x->size > y->size ? -1 : 1;
    return strcmp(x->id, y->id);
}

/* The claim's "tier" (quick: *quick = 1) and "id" (into cid, when a safe
 * id); a file that is not a readable claim object leaves both unknown
 * (*quick = -1, cid = ""): its job reports the error. */
static void
claim_head(const char *path, int *quick, char *cid, size_t cidn)
{
    struct stat sb;
    json_t *root, *v;
    *quick = -1;
    cid[0] = '\0';
    if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)
        || sb.st_size > TSA_CLAIM_FILE_MAX
        || (root = json_load_file(path, JSON_REJECT_DUPLICATES, NULL)) == NULL)
        return;
    if (json_is_object(root))
    {
        v = json_object_get(root, "tier");
        if (json_is_string(v))
            *quick = strcmp(json_string_value(v), "quick") == 0;
        v = json_object_get(root, "id");
        if (json_is_string(v) && tsa_io_is_id(json_string_value(v)))
            snprintf(cid, cidn, "%s", json_string_value(v));
    }
    json_decref(root);
}

/* "seconds" of the report TIMES/<cid>.json, or -1 when there is none */
static double
prev_seconds(const char *times, const char *cid)
{
    tsa_error_handler_t *h = tsa_set_error_handler(NULL);
    char *path = NULL, *text = NULL;
    size_t len;
    double s = -1;
    json_t *r = NULL, *v;
    if (times != NULL && cid[0] != '\0'
        && tsa_io_path_join(&path, times, cid, ".json", "report") == TSA_SUCCESS
        && tsa_io_read_file(&text, &len, path, 1L << 24) == TSA_SUCCESS
        && (r = json_loads(text, 0, NULL)) != NULL
        && json_is_number(v = json_object_get(r, "seconds"))
        && json_number_value(v) >= 0 && json_number_value(v) <= 1e7)
        s = json_number_value(v);
    json_decref(r);
    free(text);
    free(path);
    tsa_set_error_handler(h);
    return s;
}

/* The entry of DIR/name (name ends in .json): 1 when it is in the plan,
 * 0 when skipped (not a regular file, another tier), else an error. */
static int
entry_make(entry_t *e, const char *dir, const char *name, int full,
           const char *times, int *st)
{
    size_t l = strlen(name) - 5;
    char cid[TSA_IO_ID_MAX + 1];
    struct stat sb;
    int quick;
    double s;
    *st = TSA_SUCCESS;
    if (l + 6 > TSA_IO_ID_MAX || l == 0)
    {
        *st = TSA_ERROR(TSA_EINVAL, "%s: claim file name too long or empty "
                        "for a job id (check-NAME, at most %d characters)",
                        dir, TSA_IO_ID_MAX);
        return -1;
    }
    snprintf(e->id, sizeof e->id, "check-%.*s", (int) l, name);
    if (!tsa_io_is_id(e->id))
    {
        *st = TSA_ERROR(TSA_EINVAL, "%s: a claim file name is not a safe id "
                        "(A-Z a-z 0-9 . _ -, no \"..\")", dir);
        return -1;
    }
    if ((e->path = malloc(strlen(dir) + strlen(name) + 2)) == NULL)
    {
        *st = TSA_ERROR(TSA_ENOMEM, "plan claims: out of memory");
        return -1;
    }
    sprintf(e->path, "%s/%s", dir, name);
    if (stat(e->path, &sb) != 0 || !S_ISREG(sb.st_mode))
        return 0;
    claim_head(e->path, &quick, cid, sizeof cid);
    if (!full && quick == 0)
        return 0;
    /* milliseconds: the previous report's time, else a guess by tier */
    s = prev_seconds(times, cid);
    e->size = s >= 0 ? fmax(1, round(s * 1000)) : quick == 1 ? 1000 : 60000;
    return 1;
}

/* every DIR/<name>.json, at most TSA_BATCH_MAX_CLAIMS */
static int
scan(entry_t **es, size_t *n, const char *dir, int full, const char *times)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    size_t nfiles = 0;
    int st = TSA_SUCCESS, k;
    *es = NULL;
    *n = 0;
    if (d == NULL)
        return TSA_ERROR(TSA_EIO, "--dir: %s: cannot open folder", dir);
    while (st == TSA_SUCCESS && (de = readdir(d)) != NULL)
    {
        size_t l = strlen(de->d_name);
        if (l <= 5 || strcmp(de->d_name + l - 5, ".json") != 0
            || de->d_name[0] == '.')
            continue;
        if (++nfiles > TSA_BATCH_MAX_CLAIMS)
        {
            st = TSA_ERROR(TSA_EINVAL, "--dir: %s: more than %d claim files",
                           dir, TSA_BATCH_MAX_CLAIMS);
            break;
        }
        if (*es == NULL && (*es = calloc(TSA_BATCH_MAX_CLAIMS, sizeof **es)) == NULL)
        {
            st = TSA_ERROR(TSA_ENOMEM, "plan claims: out of memory");
            break;
        }
        k = entry_make(*es + *n, dir, de->d_name, full, times, &st);
        if (k == 1)
            ++*n;
        else
        {
            free((*es)[*n].path);
            (*es)[*n].path = NULL;
        }
    }
    closedir(d);
    if (st == TSA_SUCCESS && nfiles == 0)
        st = TSA_ERROR(TSA_EINVAL, "--dir: %s: no claim files (*.json)", dir);
    return st;
}

int
tsa_batch_plan_claims(char **text, const char *dir, int full,
                      const char *times)
{
    char abs[PATH_MAX];
    entry_t *es = NULL;
    size_t n = 0, i;
    json_t *o, *jobs;
    int st;
    *text = NULL;
    if (realpath(dir, abs) == NULL || strlen(abs) + TSA_IO_NAME_MAX + 2
                                          > TSA_BATCH_MAX_PATH)
        return TSA_ERROR(TSA_EIO, "--dir: %s: no such folder or its path is "
                         "too long", dir);
    if ((st = scan(&es, &n, abs, full, times)) == TSA_SUCCESS)
    {
        qsort(es, n, sizeof *es, cmp_entry);
        o = tsa_batch_plan_object(full ? "claims-full" : "claims-quick");
        jobs = json_object_get(o, "jobs");
        for (i = 0; i < n; i++)
        {
            json_t *j = json_object();
            json_object_set_new(j, "id", json_string(es[i].id));
            json_object_set_new(j, "kind", json_string("check"));
            json_object_set_new(j, "claim", json_string(es[i].path));
            json_object_set_new(j, "size", json_integer((json_int_t) es[i].size));
            json_array_append_new(jobs, j);
        }
        st = tsa_batch_plan_finish(text, o);
    }
    for (i = 0; i < n; i++)
        free(es[i].path);
    free(es);
    return st;
}
