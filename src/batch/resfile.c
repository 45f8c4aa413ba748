/* resfile.c -- result files written in chunks: each one atomically (a
 * temporary in the same folder, then rename), the chunk's renames made
 * durable by one fsync of OUT/results instead of one fsync per file (an
 * fsync costs several milliseconds, as much as a small census job). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "batch_impl.h"

int
tsa_batch_write_nosync(const char *path, const char *text)
{
    size_t n = strlen(text), plen = strlen(path);
    char *tmp = malloc(plen + 16);
    int fd, e = 0;
    FILE *f;
    if (tmp == NULL)
        return TSA_ERROR(TSA_ENOMEM, "%s: out of memory", path);
    memcpy(tmp, path, plen);
    memcpy(tmp + plen, ".tmp.XXXXXX", 12);
    if ((fd = mkstemp(tmp)) < 0)
    {
        e = errno;
        free(tmp);
        return TSA_ERROR(TSA_EIO, "%s: cannot create: %s", path, strerror(e));
    }
    (void) fchmod(fd, 0644);
    if ((f = fdopen(fd, "w")) == NULL)
    {
        e = errno;
        close(fd);
    }
    else if (fwrite(text, 1, n, f) != n)
    {
        e = errno ? errno : EIO;
        fclose(f);
    }
    else if (fclose(f) != 0 || rename(tmp, path) != 0)
        e = errno ? errno : EIO;
    if (e != 0)
    {
        unlink(tmp);
        free(tmp);
        return TSA_ERROR(TSA_EIO, "%s: cannot write: %s", path, strerror(e));
    }
    free(tmp);
    return TSA_SUCCESS;
}

int
tsa_batch_sync_results(const char *out)
{
    size_t n = strlen(out) + 16;
    char *dir = malloc(n);
    int fd, st = TSA_SUCCESS;
    if (dir == NULL)
        return TSA_ERROR(TSA_ENOMEM, "out of memory");
    snprintf(dir, n, "%s/results", out);
    if ((fd = open(dir, O_RDONLY | O_DIRECTORY)) < 0 || fsync(fd) != 0)
        st = TSA_ERROR(TSA_EIO, "%s: cannot sync: %s", dir, strerror(errno));
    if (fd >= 0)
        close(fd);
    free(dir);
    return st;
}
