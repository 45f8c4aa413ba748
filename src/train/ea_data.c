/* ea_data.c -- datasets of the early-alignment trainer (tsa_ea.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_io.h"
#include "tsa_ea.h"

static int
data_alloc(tsa_ea_data *D, size_t n, size_t d)
{
    D->n = n;
    D->d = d;
    D->X = calloc(n * (d + 1), sizeof(double));
    D->y = calloc(n, sizeof(double));
    if (D->X == NULL || D->y == NULL)
    {
        tsa_ea_data_clear(D);
        return TSA_ERROR(TSA_ENOMEM, "ea data: out of memory");
    }
    return TSA_SUCCESS;
}

void
tsa_ea_data_clear(tsa_ea_data *D)
{
    free(D->X);
    free(D->y);
    D->X = D->y = NULL;
    D->n = D->d = 0;
}

int
tsa_ea_data_default(tsa_ea_data *D)
{
    static const double x[3] = {-0.75, -0.5, 0.125}, y[3] = {1.1, 0.1, 0.8};
    size_t k;
    int st = data_alloc(D, 3, 1);
    if (st != TSA_SUCCESS)
        return st;
    for (k = 0; k < 3; k++)
    {
        D->X[2 * k] = x[k];
        D->X[2 * k + 1] = 1.0;
        D->y[k] = y[k];
    }
    return TSA_SUCCESS;
}

/* Numbers of one line into v (at most vmax); *cnt their count. */
static int
parse_line(double *v, size_t *cnt, size_t vmax, char *line, const char *path,
           size_t lineno)
{
    char *save = NULL, *tok, what[256];
    size_t c = 0;
    int st;
    for (tok = strtok_r(line, " \t\r,", &save); tok != NULL;
         tok = strtok_r(NULL, " \t\r,", &save))
    {
        if (c >= vmax)
            return TSA_ERROR(TSA_EINVAL, "%s:%zu: more than %zu numbers (d <= %d)",
                             path, lineno, vmax, TSA_EA_MAX_DIM);
        snprintf(what, sizeof what, "%.200s:%zu: column %zu", path, lineno, c + 1);
        if ((st = tsa_io_parse_double(v + c, tok, what)) != TSA_SUCCESS)
            return st;
        if (!(fabs(v[c]) <= TSA_EA_MAX_ABS))
            return TSA_ERROR(TSA_EINVAL, "%s: |value| above %g", what, TSA_EA_MAX_ABS);
        c++;
    }
    *cnt = c;
    return TSA_SUCCESS;
}

static int
is_blank(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\r')
        s++;
    return *s == '\0' || *s == '#';
}

int
tsa_ea_data_read(tsa_ea_data *D, const char *path)
{
    char *text = NULL, *line, *next;
    size_t len, lineno = 0, n = 0, d1 = 0, cnt, i;
    double *v = NULL;
    int st;

    D->X = D->y = NULL;
    D->n = D->d = 0;
    if ((st = tsa_io_read_file(&text, &len, path, TSA_IO_MAX_FILE)) != TSA_SUCCESS)
        return st;
    if ((v = malloc((TSA_EA_MAX_DIM + 1) * sizeof(double))) == NULL)
    {
        free(text);
        return TSA_ERROR(TSA_ENOMEM, "%s: out of memory", path);
    }
    /* first pass (on a copy): count samples and check the shape;
       second pass: fill */
    for (int pass = 0; pass < 2 && st == TSA_SUCCESS; pass++)
    {
        char *copy = text;
        size_t k = 0;
        if (pass == 0 && (copy = strdup(text)) == NULL)
        {
            st = TSA_ERROR(TSA_ENOMEM, "%s: out of memory", path);
            break;
        }
        if (pass == 1)
        {
            if (n == 0)
            {
                st = TSA_ERROR(TSA_EINVAL, "%s: no samples", path);
                break;
            }
            if ((st = data_alloc(D, n, d1 - 1)) != TSA_SUCCESS)
                break;
        }
        lineno = 0;
        for (line = copy; line != NULL && st == TSA_SUCCESS; line = next)
        {
            next = strchr(line, '\n');
            if (next != NULL)
                *next++ = '\0';
            lineno++;
            if (is_blank(line))
                continue;
            if ((st = parse_line(v, &cnt, TSA_EA_MAX_DIM + 1, line, path, lineno))
                != TSA_SUCCESS)
                break;
            if (cnt < 2)
                st = TSA_ERROR(TSA_EINVAL, "%s:%zu: needs x_1 .. x_d y (d >= 1)", path,
                               lineno);
            else if (d1 == 0)
                d1 = cnt;
            else if (cnt != d1)
                st = TSA_ERROR(TSA_EINVAL, "%s:%zu: %zu numbers, the first sample has %zu",
                               path, lineno, cnt, d1);
            if (st != TSA_SUCCESS)
                break;
            if (pass == 0 && ++n > TSA_EA_MAX_SAMPLES)
                st = TSA_ERROR(TSA_EINVAL, "%s: more than %d samples", path,
                               TSA_EA_MAX_SAMPLES);
            if (pass == 1)
            {
                for (i = 0; i + 1 < d1; i++)
                    D->X[k * d1 + i] = v[i];
                D->X[k * d1 + d1 - 1] = 1.0;
                D->y[k++] = v[d1 - 1];
            }
        }
        if (pass == 0)
            free(copy);
    }
    free(text);
    free(v);
    if (st != TSA_SUCCESS)
        tsa_ea_data_clear(D);
    return st;
}
