/* io_write.c -- atomic output: temp file in the target directory + rename. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "tsa_io.h"

int
tsa_io_write_atomic(const char *path, const char *text)
{
    size_t n = strlen(text), plen = strlen(path);
    char *tmp;
    int fd;
    FILE *f;

    if (strcmp(path, "-") == 0)
    {
        if (fwrite(text, 1, n, stdout) != n || fflush(stdout) != 0)
            return TSA_ERROR(TSA_EIO, "stdout: write failed");
        return TSA_SUCCESS;
    }
    tmp = malloc(plen + 16);
    if (tmp == NULL)
        return TSA_ERROR(TSA_ENOMEM, "%s: out of memory", path);
    memcpy(tmp, path, plen);
    memcpy(tmp + plen, ".tmp.XXXXXX", 12);
    fd = mkstemp(tmp);
    if (fd < 0)
    {
        int e = errno;
        free(tmp);
        return TSA_ERROR(TSA_EIO, "%s: cannot create: %s", path, strerror(e));
    }
    {
        mode_t mask = umask(0);
        umask(mask);
        (void) fchmod(fd, 0666 & ~mask); /* mkstemp makes it 0600 */
    }
    f = fdopen(fd, "w");
    if (f == NULL || fwrite(text, 1, n, f) != n || fflush(f) != 0
        || fsync(fd) != 0)
    {
        int e = errno;
        if (f != NULL)
            fclose(f);
        else
            close(fd);
        unlink(tmp);
        free(tmp);
        return TSA_ERROR(TSA_EIO, "%s: write failed: %s", path, strerror(e));
    }
    if (fclose(f) != 0 || rename(tmp, path) != 0)
    {
        int e = errno;
        unlink(tmp);
        free(tmp);
        return TSA_ERROR(TSA_EIO, "%s: cannot write: %s", path, strerror(e));
    }
    free(tmp);
    return TSA_SUCCESS;
}
