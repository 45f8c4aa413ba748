/* io_path.c -- safe identifiers and output paths contained in a folder
 * (tsa_path.h). */
#include <stdlib.h>
#include <string.h>
#include "tsa_path.h"

static int
alnum(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
           || (c >= '0' && c <= '9');
}

int
tsa_io_is_id(const char *s)
{
    size_t i, n = s != NULL ? strlen(s) : 0;
    if (n == 0 || n > TSA_IO_ID_MAX || !alnum(s[0]) || strstr(s, "..") != NULL)
        return 0;
    for (i = 1; i < n; i++)
        if (!alnum(s[i]) && s[i] != '.' && s[i] != '_' && s[i] != '-')
            return 0;
    return 1;
}

static int
check(const char *s, size_t max, const char *what)
{
    size_t i, n;
    if (s == NULL)
        return TSA_ERROR(TSA_EFORMAT, "%s: missing", what);
    n = strlen(s);
    if (n == 0 || n > max)
        return TSA_ERROR(TSA_EFORMAT, "%s: must be 1 to %zu characters", what, max);
    if (!alnum(s[0]))
        return TSA_ERROR(TSA_EFORMAT, "%s: must start with a letter or a digit", what);
    for (i = 1; i < n; i++)
        if (!alnum(s[i]) && s[i] != '.' && s[i] != '_' && s[i] != '-')
            return TSA_ERROR(TSA_EFORMAT, "%s: character %zu is not one of "
                             "A-Z a-z 0-9 . _ -", what, i + 1);
    if (strstr(s, "..") != NULL)
        return TSA_ERROR(TSA_EFORMAT, "%s: must not contain \"..\"", what);
    return TSA_SUCCESS;
}

int
tsa_io_check_id(const char *id, const char *what)
{
    return check(id, TSA_IO_ID_MAX, what);
}

int
tsa_io_check_name(const char *name, const char *what)
{
    return check(name, TSA_IO_NAME_MAX, what);
}

int
tsa_io_path_join(char **out, const char *dir, const char *name,
                 const char *suffix, const char *what)
{
    size_t dl, nl, sl;
    char *p;
    int st;
    *out = NULL;
    if ((st = tsa_io_check_id(name, what)) != TSA_SUCCESS)
        return st;
    if (suffix == NULL)
        suffix = "";
    dl = strlen(dir);
    nl = strlen(name);
    sl = strlen(suffix);
    if (nl + sl > TSA_IO_NAME_MAX)
        return TSA_ERROR(TSA_EFORMAT, "%s: file name longer than %d characters",
                         what, TSA_IO_NAME_MAX);
    p = malloc(dl + nl + sl + 2);
    if (p == NULL)
        return TSA_ERROR(TSA_ENOMEM, "%s: out of memory", what);
    memcpy(p, dir, dl);
    p[dl] = '/';
    memcpy(p + dl + 1, name, nl);
    memcpy(p + dl + 1 + nl, suffix, sl + 1);
    if ((st = tsa_io_check_name(p + dl + 1, what)) != TSA_SUCCESS)
    {
        free(p);
        return st;
    }
    *out = p;
    return TSA_SUCCESS;
}
