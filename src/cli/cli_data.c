/* cli_data.c -- where the installed (or source-tree) claim files, census
 * data and docs live, and finding a data file named on the command line.
 *
 * The data folder holds proofs_numeric/, data/ and docs/ in the layout of
 * the source tree (claim files name the census as ../data/...).  It is,
 * first match wins:
 *   1. $TSALIGN_DATADIR, when set and not empty;
 *   2. the source tree, when this program is the build tree's src/tsalign;
 *   3. BIN/../share/tsalign beside the running program (a relocated or
 *      DESTDIR-staged install), when it holds proofs_numeric/;
 *   4. the configured $(pkgdatadir).
 * Paths come from tsa_dirs.h, written by make (install.mk). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"
#include "cli_data.h"
#include "tsa_dirs.h"

#define DATA_PATH_MAX 4096

static int
is_dir(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static int
is_file(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* the running program's path (Linux /proc; empty elsewhere) */
static int
self_exe(char *buf, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", buf, size - 1);
    if (n <= 0 || (size_t) n >= size - 1)
        return 0;
    buf[n] = '\0';
    return 1;
}

/* Is the running program the build tree's src/tsalign? */
static int
run_from_build_tree(const char *exe)
{
    char built[PATH_MAX];
    return realpath(TSA_BUILD_EXE, built) != NULL && strcmp(built, exe) == 0;
}

const char *
tsa_cli_datadir(void)
{
    static char dir[PATH_MAX + 32];
    char exe[PATH_MAX], *slash;
    const char *env = getenv("TSALIGN_DATADIR");

    if (env != NULL && env[0] != '\0')
        return env;
    if (self_exe(exe, sizeof exe))
    {
        if (run_from_build_tree(exe))
            return TSA_BUILD_SRCDIR;
        /* BIN/tsalign -> BIN/../share/tsalign */
        if ((slash = strrchr(exe, '/')) != NULL)
        {
            char probe[sizeof dir + 32];
            *slash = '\0';
            snprintf(dir, sizeof dir, "%s/../share/tsalign", exe);
            snprintf(probe, sizeof probe, "%s/proofs_numeric", dir);
            if (is_dir(probe))
                return dir;
        }
    }
    return TSA_DATADIR;
}

const char *
tsa_cli_find_data(const char *arg, const char *sub, const char *ext)
{
    static char path[DATA_PATH_MAX];
    const char *d;

    if (arg == NULL || arg[0] == '\0' || arg[0] == '/' || is_file(arg)
        || strlen(arg) > 1024)
        return arg;
    d = tsa_cli_datadir();
    if (strlen(d) > 2048)
        return arg;
    /* a path relative to the data folder: data/ssy2021-minima.tsv */
    snprintf(path, sizeof path, "%s/%s", d, arg);
    if (is_file(path))
        return path;
    if (sub == NULL || strchr(arg, '/') != NULL)
        return arg;
    /* a bare name in SUB: proofs_numeric/ID or proofs_numeric/ID.json */
    snprintf(path, sizeof path, "%s/%s/%s", d, sub, arg);
    if (is_file(path))
        return path;
    snprintf(path, sizeof path, "%s/%s/%s%s", d, sub, arg, ext ? ext : "");
    if (ext != NULL && is_file(path))
        return path;
    return arg;
}
