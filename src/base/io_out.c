/* io_out.c -- output files written whole or not at all (tsa_path.h):
 * a temporary beside the target, a checked flush/fsync/close, rename. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "tsa_path.h"

int
tsa_io_out_open(tsa_io_out_t *o, const char *path)
{
    size_t plen = strlen(path);
    int fd, e;
    mode_t mask;

    memset(o, 0, sizeof *o);
    o->path = malloc(plen + 1);
    o->tmp = malloc(plen + 16);
    if (o->path == NULL || o->tmp == NULL)
    {
        free(o->path);
        free(o->tmp);
        memset(o, 0, sizeof *o);
        return TSA_ERROR(TSA_ENOMEM, "%s: out of memory", path);
    }
    memcpy(o->path, path, plen + 1);
    memcpy(o->tmp, path, plen);
    memcpy(o->tmp + plen, ".tmp.XXXXXX", 12);
    fd = mkstemp(o->tmp);
    if (fd < 0)
    {
        e = errno;
        free(o->path);
        free(o->tmp);
        memset(o, 0, sizeof *o);
        return TSA_ERROR(TSA_EIO, "%s: cannot create: %s", path, strerror(e));
    }
    mask = umask(0);
    umask(mask);
    (void) fchmod(fd, 0666 & ~mask); /* mkstemp makes it 0600 */
    o->f = fdopen(fd, "w");
    if (o->f == NULL)
    {
        e = errno;
        close(fd);
        unlink(o->tmp);
        free(o->path);
        free(o->tmp);
        memset(o, 0, sizeof *o);
        return TSA_ERROR(TSA_EIO, "%s: cannot create: %s", path, strerror(e));
    }
    return TSA_SUCCESS;
}

void
tsa_io_out_abort(tsa_io_out_t *o)
{
    if (o->f != NULL)
        fclose(o->f);
    if (o->tmp != NULL)
        unlink(o->tmp);
    free(o->path);
    free(o->tmp);
    memset(o, 0, sizeof *o);
}

/* Flush, fsync and close the temporary (checked), leaving it in place. */
static int
out_close(tsa_io_out_t *o)
{
    int bad = fflush(o->f) != 0 || ferror(o->f) || fsync(fileno(o->f)) != 0;
    int e = errno;
    if (fclose(o->f) != 0 && !bad)
    {
        bad = 1;
        e = errno;
    }
    o->f = NULL;
    if (bad)
        return TSA_ERROR(TSA_EIO, "%s: write failed: %s", o->path, strerror(e));
    return TSA_SUCCESS;
}

int
tsa_io_out_commit(tsa_io_out_t *o)
{
    int st = out_close(o);
    if (st == TSA_SUCCESS && rename(o->tmp, o->path) != 0)
        st = TSA_ERROR(TSA_EIO, "%s: cannot write: %s", o->path, strerror(errno));
    else if (st == TSA_SUCCESS)
    {
        free(o->tmp); /* renamed: nothing to remove */
        o->tmp = NULL;
    }
    tsa_io_out_abort(o);
    return st;
}

int
tsa_io_write_atomic_group(const char *const *paths, const char *const *texts,
                          int n)
{
    tsa_io_out_t *o = calloc((size_t) (n > 0 ? n : 1), sizeof *o);
    int i, k, st = TSA_SUCCESS;

    if (o == NULL)
        return TSA_ERROR(TSA_ENOMEM, "out of memory");
    /* every temporary written and closed before the first rename */
    for (i = 0; i < n && st == TSA_SUCCESS; i++)
    {
        size_t len = strlen(texts[i]);
        if ((st = tsa_io_out_open(o + i, paths[i])) != TSA_SUCCESS)
            break;
        if (fwrite(texts[i], 1, len, o[i].f) != len)
            st = TSA_ERROR(TSA_EIO, "%s: write failed: %s", paths[i], strerror(errno));
        else
            st = out_close(o + i);
    }
    for (k = 0; k < n && st == TSA_SUCCESS; k++)
        if (rename(o[k].tmp, o[k].path) != 0)
        {
            int j;
            st = TSA_ERROR(TSA_EIO, "%s: cannot write: %s", paths[k], strerror(errno));
            for (j = 0; j < k; j++)
                unlink(o[j].path); /* no partial group */
        }
        else
        {
            free(o[k].tmp);
            o[k].tmp = NULL;
        }
    for (k = 0; k < n; k++)
        tsa_io_out_abort(o + k);
    free(o);
    return st;
}
