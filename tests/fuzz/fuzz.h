/* fuzz.h -- the driver shared by the harnesses of tests/fuzz/.
 *
 * A harness defines
 *     static void fuzz_one(const unsigned char *data, size_t len);
 * which hands one input to a reader and frees everything, then includes
 * this file.  Built with afl-clang-fast / afl-cc the program runs in AFL++
 * persistent mode (shared-memory test cases, __AFL_LOOP); built with any
 * other compiler it reads each file named on the command line (or stdin)
 * and runs fuzz_one on it: the replay mode used to reproduce a crash, to
 * run a corpus under valgrind or LeakSanitizer, and by `make check-fuzz`.
 *
 * Readers that take a path get the input through fuzz_tmpfile(): one file
 * per process, in $TMPDIR (or /tmp), removed at exit. */
#ifndef TSA_FUZZ_H
#define TSA_FUZZ_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tsa_base.h"

#if defined(__GNUC__)
#define FUZZ_UNUSED __attribute__((unused))
#else
#define FUZZ_UNUSED
#endif

static void fuzz_one(const unsigned char *data, size_t len);

/* Largest input handed to a reader (longer inputs are cut). */
#define FUZZ_MAX_INPUT (1 << 20)

static char fuzz_path[512];

static void
fuzz_unlink(void)
{
    if (fuzz_path[0] != '\0')
        unlink(fuzz_path);
}

/* Write data to this process's temporary file and return its name (NULL
 * if it cannot be written; the input is then skipped). */
static const char *FUZZ_UNUSED
fuzz_tmpfile(const unsigned char *data, size_t len, const char *suffix)
{
    FILE *f;
    if (fuzz_path[0] == '\0')
    {
        const char *dir = getenv("TMPDIR");
        snprintf(fuzz_path, sizeof fuzz_path, "%s/tsa-fuzz-%ld%s",
                 dir != NULL && dir[0] != '\0' ? dir : "/tmp",
                 (long) getpid(), suffix);
        atexit(fuzz_unlink);
    }
    f = fopen(fuzz_path, "wb");
    if (f == NULL)
        return NULL;
    if (fwrite(data, 1, len, f) != len)
    {
        fclose(f);
        return NULL;
    }
    if (fclose(f) != 0)
        return NULL;
    return fuzz_path;
}

/* A NUL-terminated copy of data, exactly len + 1 bytes (so that a reader
 * reading past the end is caught by ASan / valgrind).  Free with free(). */
static char *FUZZ_UNUSED
fuzz_strdup(const unsigned char *data, size_t len)
{
    char *s = malloc(len + 1);
    if (s == NULL)
        abort();
    memcpy(s, data, len);
    s[len] = '\0';
    return s;
}

#ifdef __AFL_FUZZ_TESTCASE_LEN

__AFL_FUZZ_INIT();

int
main(void)
{
    unsigned char *buf;
    tsa_set_error_handler(NULL);
#ifdef __AFL_HAVE_MANUAL_CONTROL
    __AFL_INIT();
#endif
    buf = __AFL_FUZZ_TESTCASE_BUF;
    while (__AFL_LOOP(2000))
    {
        size_t len = (size_t) __AFL_FUZZ_TESTCASE_LEN;
        fuzz_one(buf, len < FUZZ_MAX_INPUT ? len : FUZZ_MAX_INPUT);
    }
    return 0;
}

#else

static int
fuzz_replay(FILE *f)
{
    unsigned char *buf = malloc(FUZZ_MAX_INPUT);
    size_t len;
    if (buf == NULL)
        return 1;
    len = fread(buf, 1, FUZZ_MAX_INPUT, f);
    fuzz_one(buf, len);
    free(buf);
    return 0;
}

int
main(int argc, char **argv)
{
    int i, rc = 0;
    tsa_set_error_handler(NULL);
    if (argc < 2)
        return fuzz_replay(stdin);
    for (i = 1; i < argc; i++)
    {
        FILE *f = fopen(argv[i], "rb");
        if (f == NULL)
        {
            fprintf(stderr, "%s: cannot open\n", argv[i]);
            rc = 1;
            continue;
        }
        rc |= fuzz_replay(f);
        fclose(f);
    }
    return rc;
}

#endif
#endif
