/* cache.c -- census files read once per process (tsa_batch_cache_t): a
 * batch of census jobs used to read and scan the whole census file for
 * every job, which cost as much as a small class's certification.  The
 * cache belongs to the caller (one per thread), never to the library. */
#include <stdlib.h>
#include <string.h>
#include "job_impl.h"
#include "tsa_io.h"

struct tsa_batch_cache_s
{
    char *path;      /* the census file held, or NULL   */
    char *text;      /* its lines, each NUL-terminated  */
    size_t n;
    long *k;         /* row r: its k and its line       */
    char **line;
};

tsa_batch_cache_t *
tsa_batch_cache_new(void)
{
    return calloc(1, sizeof(tsa_batch_cache_t));
}

static void
drop(tsa_batch_cache_t *c)
{
    free(c->path);
    free(c->text);
    free(c->k);
    free(c->line);
    c->path = c->text = NULL;
    c->k = NULL;
    c->line = NULL;
    c->n = 0;
}

void
tsa_batch_cache_free(tsa_batch_cache_t *c)
{
    if (c == NULL)
        return;
    drop(c);
    free(c);
}

/* read path and index its rows "K<TAB>..." */
static int
load(tsa_batch_cache_t *c, const char *path)
{
    size_t len, cap = 0, i;
    char *p, *nl;
    int st;
    drop(c);
    if ((st = tsa_io_read_file(&c->text, &len, path, TSA_IO_MAX_FILE)))
        return st;
    for (i = 0; i < len; i++)
        cap += c->text[i] == '\n';
    c->k = malloc((cap + 1) * sizeof *c->k);
    c->line = malloc((cap + 1) * sizeof *c->line);
    if ((c->path = strdup(path)) == NULL || c->k == NULL || c->line == NULL)
    {
        drop(c);
        return TSA_ERROR(TSA_ENOMEM, "%s: out of memory", path);
    }
    for (p = c->text; p < c->text + len && c->n <= cap; p = nl + 1)
    {
        char *end;
        long kk;
        if ((nl = strchr(p, '\n')) == NULL)
            nl = p + strlen(p);
        *nl = '\0';
        kk = strtol(p, &end, 10);
        if (end != p && *end == '\t')
        {
            c->k[c->n] = kk;
            c->line[c->n++] = p;
        }
    }
    return TSA_SUCCESS;
}

char *
tsa_batch_census_line(tsa_batch_cache_t *c, const char *path, long k,
                      long index)
{
    tsa_batch_cache_t tmp;
    tsa_batch_cache_t *use = c != NULL ? c : &tmp;
    char *r = NULL;
    long seen = 0;
    size_t i;
    if (c == NULL)
        memset(&tmp, 0, sizeof tmp);
    if ((use->path == NULL || strcmp(use->path, path) != 0)
        && load(use, path) != TSA_SUCCESS)
        return NULL;
    for (i = 0; i < use->n && r == NULL; i++)
        if (use->k[i] == k && seen++ == index && (r = strdup(use->line[i])) == NULL)
            (void) TSA_ERROR(TSA_ENOMEM, "%s: out of memory", path);
    if (r == NULL && seen <= index)
        (void) TSA_ERROR(TSA_EINVAL, "%s: no row %ld with k = %ld", path,
                         index, k);
    if (c == NULL)
        drop(&tmp);
    return r;
}
