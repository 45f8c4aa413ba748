/* spawn.c -- run gnuplot without a shell (tsa_plot.h): PATH searched here,
 * fork + execv with a fixed argument vector, the script on a pipe to its
 * standard input, waitpid checked, a timeout. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "tsa_path.h"
#include "tsa_plot.h"

/* per thread: the lookup is cheap, and no thread sees another's half-written path */
static _Thread_local char gnuplot_path[4096];
static _Thread_local int gnuplot_looked = 0;

/* The first executable regular file "gnuplot" in a PATH folder. */
static int
find_gnuplot(void)
{
    const char *path = getenv("PATH"), *p, *colon;
    if (path == NULL)
        path = "/usr/local/bin:/usr/bin:/bin";
    for (p = path;; p = colon + 1)
    {
        struct stat sb;
        size_t len;
        int k;
        colon = strchr(p, ':');
        len = colon != NULL ? (size_t) (colon - p) : strlen(p);
        if (len == 0)
            k = snprintf(gnuplot_path, sizeof gnuplot_path, "./gnuplot");
        else
            k = snprintf(gnuplot_path, sizeof gnuplot_path, "%.*s/gnuplot", (int) len, p);
        if (k > 0 && (size_t) k < sizeof gnuplot_path && stat(gnuplot_path, &sb) == 0
            && S_ISREG(sb.st_mode) && access(gnuplot_path, X_OK) == 0)
            return 1;
        if (colon == NULL)
            break;
    }
    gnuplot_path[0] = '\0';
    return 0;
}

int
tsa_plot_have_gnuplot(void)
{
    if (!gnuplot_looked)
    {
        find_gnuplot();
        gnuplot_looked = 1;
    }
    return gnuplot_path[0] != '\0';
}

char *
tsa_plot_quote(const char *s)
{
    size_t n = 2, i;
    char *q, *o;
    for (i = 0; s[i] != '\0'; i++)
    {
        /* a newline ends the command; ` runs a shell and @ expands a macro
           in gnuplot command lines: refused rather than trusted to quotes */
        if ((unsigned char) s[i] < 0x20 || s[i] == 0x7f || s[i] == '`' || s[i] == '@')
            return NULL;
        n += s[i] == '\'' ? 2 : 1;
    }
    q = o = malloc(n + 1);
    if (q == NULL)
        return NULL;
    *o++ = '\'';
    for (i = 0; s[i] != '\0'; i++)
    {
        if (s[i] == '\'')
            *o++ = '\'';
        *o++ = s[i];
    }
    *o++ = '\'';
    *o = '\0';
    return q;
}

/* Child side: stdin from the pipe, stdout/stderr to /dev/null, cwd dir,
 * exec gnuplot.  Only async-signal-safe calls. */
static void
child(int rfd, const char *dir)
{
    char *const argv[] = {(char *) "gnuplot", NULL};
    int null = open("/dev/null", O_WRONLY);
    if (dup2(rfd, 0) < 0 || null < 0 || dup2(null, 1) < 0 || dup2(null, 2) < 0
        || chdir(dir) != 0)
        _exit(126);
    execv(gnuplot_path, argv);
    _exit(127);
}

/* Write all of s to fd (SIGPIPE ignored by the caller). */
static int
write_all(int fd, const char *s, size_t n)
{
    while (n > 0)
    {
        ssize_t k = write(fd, s, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        s += k;
        n -= (size_t) k;
    }
    return 0;
}

/* waitpid with a deadline; kills the child when it is exceeded. */
static int
wait_child(pid_t pid)
{
    int status = 0;
    long waited_ms = 0;
    struct timespec ts = {0, 10 * 1000 * 1000};
    for (;;)
    {
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid)
            return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
        if (w < 0 && errno != EINTR)
            return -1;
        if (waited_ms >= 1000L * TSA_PLOT_TIMEOUT)
        {
            kill(pid, SIGKILL);
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
                ;
            return -1;
        }
        nanosleep(&ts, NULL);
        waited_ms += 10;
    }
}

int
tsa_plot_run(const char *dir, const char *script)
{
    int fds[2], wr;
    pid_t pid;
    struct sigaction ign, old;

    if (!tsa_plot_have_gnuplot() || pipe(fds) != 0)
        return -1;
    fflush(NULL); /* no buffered output duplicated into the child */
    pid = fork();
    if (pid < 0)
    {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0)
    {
        close(fds[1]);
        child(fds[0], dir);
    }
    close(fds[0]);
    /* gnuplot may exit before reading everything: no SIGPIPE for us */
    memset(&ign, 0, sizeof ign);
    ign.sa_handler = SIG_IGN;
    sigemptyset(&ign.sa_mask);
    sigaction(SIGPIPE, &ign, &old);
    wr = write_all(fds[1], script, strlen(script));
    close(fds[1]);
    sigaction(SIGPIPE, &old, NULL);
    return wait_child(pid) == 0 && wr == 0 ? 0 : -1;
}

int
tsa_plot_png(const char *dir, const char *png, const char *terminal,
             const char *body)
{
    tsa_error_handler_t *h = tsa_set_error_handler(NULL);
    char *path = NULL, *tmp = NULL, *script = NULL;
    const char *base;
    struct stat sb;
    size_t n;
    int fd, ok = 0;

    if (!tsa_plot_have_gnuplot()
        || tsa_io_path_join(&path, dir, png, "", "plot") != TSA_SUCCESS)
        goto done;
    n = strlen(path);
    if ((tmp = malloc(n + 16)) == NULL)
        goto done;
    memcpy(tmp, path, n);
    memcpy(tmp + n, ".tmp.XXXXXX", 12); /* mkstemp fills [A-Za-z0-9] */
    if ((fd = mkstemp(tmp)) < 0)
    {
        free(tmp);
        tmp = NULL;
        goto done;
    }
    {
        mode_t mask = umask(0);
        umask(mask);
        (void) fchmod(fd, 0666 & ~mask); /* gnuplot keeps the mode */
    }
    close(fd);
    base = tmp + strlen(dir) + 1;
    n = strlen(terminal) + strlen(base) + strlen(body) + 64;
    if ((script = malloc(n)) == NULL)
        goto done;
    snprintf(script, n, "set terminal %s\nset output '%s'\n%s\nunset output\n",
             terminal, base, body);
    ok = tsa_plot_run(dir, script) == 0 && stat(tmp, &sb) == 0
         && S_ISREG(sb.st_mode) && sb.st_size > 0 && rename(tmp, path) == 0;
done:
    if (tmp != NULL && !ok)
        unlink(tmp);
    free(script);
    free(tmp);
    free(path);
    tsa_set_error_handler(h);
    return ok;
}
