/* collect.c -- the reports of a batch's check jobs gathered into one
 * report folder with its index (tsa_batch.h; `tsalign batch --reports`,
 * `make proofs`). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "batch_impl.h"
#include "tsa_claims.h"
#include "tsa_io.h"

#define COPY_MAX (1L << 28) /* bytes of one report, plot or data file */

/* Copy the regular file src to dst atomically (temporary + rename);
 * symbolic links are not followed. */
static int
copy_file(const char *src, const char *dst)
{
    char buf[65536];
    tsa_io_out_t o;
    struct stat sb;
    ssize_t k;
    long total = 0;
    int st, fd = open(src, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return TSA_ERROR(TSA_EIO, "%s: cannot read: %s", src, strerror(errno));
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size > COPY_MAX)
    {
        close(fd);
        return TSA_ERROR(TSA_EIO, "%s: not a regular file of at most %ld bytes",
                         src, COPY_MAX);
    }
    if ((st = tsa_io_out_open(&o, dst)) != TSA_SUCCESS)
    {
        close(fd);
        return st;
    }
    while ((k = read(fd, buf, sizeof buf)) > 0 && (total += k) <= COPY_MAX)
        if (fwrite(buf, 1, (size_t) k, o.f) != (size_t) k)
            break;
    close(fd);
    if (k != 0)
    {
        tsa_io_out_abort(&o);
        return TSA_ERROR(TSA_EIO, "%s: read or copy to %s failed", src, dst);
    }
    return tsa_io_out_commit(&o);
}

/* A name the collection copies: safe (tsa_path.h), not a temporary left
 * by a killed writer ("NAME.tmp.XXXXXX"), not an index of the job folder. */
static int
wanted(const char *name)
{
    return tsa_io_is_id(name) && strlen(name) <= TSA_IO_NAME_MAX
           && strstr(name, ".tmp.") == NULL && strncmp(name, "index.", 6) != 0;
}

/* every wanted file of the job folder src into dir */
static int
copy_folder(const char *src, const char *dir, long *nfiles)
{
    DIR *d = opendir(src);
    struct dirent *de;
    char *from = NULL, *to = NULL;
    int st = TSA_SUCCESS;
    if (d == NULL)
        return TSA_ERROR(TSA_EIO, "%s: cannot open folder", src);
    while (st == TSA_SUCCESS && (de = readdir(d)) != NULL)
    {
        if (!wanted(de->d_name))
            continue;
        if ((st = tsa_io_path_join(&from, src, de->d_name, "", "file")) == TSA_SUCCESS
            && (st = tsa_io_path_join(&to, dir, de->d_name, "", "file")) == TSA_SUCCESS
            && (st = copy_file(from, to)) == TSA_SUCCESS)
            ++*nfiles;
        free(from);
        free(to);
        from = to = NULL;
    }
    closedir(d);
    return st;
}

int
tsa_batch_collect_reports(const tsa_batch_plan_t *p, const char *out,
                          const char *dir, long *njobs, long *nfiles)
{
    size_t i;
    int st = TSA_SUCCESS;
    struct stat sb;
    *njobs = *nfiles = 0;
    if ((st = tsa_batch_mkdir(dir, "--reports")))
        return st;
    /* in id order: of two jobs of one claim id, the later one's files win */
    for (i = 0; i < p->n && st == TSA_SUCCESS; i++)
    {
        const tsa_batch_job_t *j = p->jobs + i;
        char *src = NULL;
        json_t *r;
        if (j->kind != TSA_BATCH_CHECK)
            continue;
        /* a finished job only (its result written after its files); a job
           that failed before its report has no folder or no report */
        if ((r = tsa_batch_result_load(out, j)) == NULL)
            continue;
        json_decref(r);
        if ((st = tsa_batch_file_path(&src, out, j, "")) == TSA_SUCCESS
            && stat(src, &sb) == 0 && S_ISDIR(sb.st_mode))
        {
            st = copy_folder(src, dir, nfiles);
            ++*njobs;
        }
        free(src);
    }
    if (st == TSA_SUCCESS)
        st = tsa_claim_write_index(dir);
    return st;
}
