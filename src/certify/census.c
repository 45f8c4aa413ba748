/* census.c -- one row of data/ssy2021-minima.tsv as a candidate
 * (reconstruction rule in data/README.md). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "certify_impl.h"
#include "tsa_io.h"

#define MAXB 128

int
tsa_certify_census_row(tsa_cand_t c, const char *line, slong *runs,
                       double *lambda_float)
{
    char *buf = strdup(line), *f[6], *p, *save = NULL;
    slong k, B = 0, blk[MAXB], start[MAXB + 1], r, cc, i, j, nf = 0;
    double vals[MAXB][MAXB + 1];
    int st = TSA_SUCCESS;

    for (p = strtok_r(buf, "\t\r\n", &save); p != NULL && nf < 6;
         p = strtok_r(NULL, "\t\r\n", &save))
        f[nf++] = p;
    if (nf < 6)
    {
        free(buf);
        return TSA_ERROR(TSA_EFORMAT, "census row: %ld fields, expected 6",
                         (long) nf);
    }
    errno = 0;
    k = strtol(f[0], &p, 10);
    if (*p != '\0' || errno != 0 || k < 1 || k > 128
        || k * k > TSA_CERTIFY_MAX_PARAMS)
    {
        char b[48];
        st = TSA_ERROR(TSA_EFORMAT, "census row: k: '%s' is not a size in "
                       "1 .. 128", tsa_io_shown(b, sizeof b, f[0]));
        free(buf);
        return st;
    }
    errno = 0;
    *runs = strtol(f[2], &p, 10);
    /* lambda: a float64 note from the census (numerical, not used in any
       bound), correctly rounded */
    if (*p != '\0' || errno != 0 || *runs < 0)
        st = TSA_ERROR(TSA_EFORMAT, "census row k=%ld: runs: not a count",
                       (long) k);
    else
        st = tsa_io_parse_double(lambda_float, f[3], "census row: lambda");
    if (st != TSA_SUCCESS)
    {
        free(buf);
        return st;
    }
    /* blocks */
    start[0] = 0;
    for (p = strtok_r(f[1], ",", &save); p != NULL;
         p = strtok_r(NULL, ",", &save))
    {
        char *e;
        errno = 0;
        if (B >= MAXB || (blk[B] = strtol(p, &e, 10)) < 1 || *e != '\0'
            || errno != 0 || blk[B] > k)
        {
            free(buf);
            return TSA_ERROR(TSA_EFORMAT, "census row k=%ld: blocks: bad entry",
                             (long) k);
        }
        start[B + 1] = start[B] + blk[B];
        B++;
    }
    if (start[B] != k)
    {
        free(buf);
        return TSA_ERROR(TSA_EFORMAT, "census row k=%ld: blocks sum to %ld",
                         (long) k, (long) start[B]);
    }
    /* vals: B rows of B + 1 entries */
    {
        char *rowsave = NULL, *row;
        r = 0;
        for (row = strtok_r(f[5], ";", &rowsave); row != NULL && st == 0;
             row = strtok_r(NULL, ";", &rowsave), r++)
        {
            char *es = NULL, *e;
            cc = 0;
            if (r >= B)
                break;
            for (e = strtok_r(row, ",", &es); e != NULL && st == 0;
                 e = strtok_r(NULL, ",", &es), cc++)
            {
                char what[64];
                snprintf(what, sizeof what, "census row k=%ld: vals[%ld][%ld]",
                         (long) k, (long) r, (long) cc);
                if (cc > B)
                    st = TSA_ERROR(TSA_EFORMAT, "%s: too many entries", what);
                else
                    st = tsa_io_parse_double(&vals[r][cc], e, what);
            }
            if (st == 0 && cc != B + 1)
                st = TSA_ERROR(TSA_EFORMAT, "census row k=%ld: vals row %ld has "
                               "%ld entries, expected %ld", (long) k, (long) r,
                               (long) cc, (long) (B + 1));
        }
        if (st == 0 && r != B)
            st = TSA_ERROR(TSA_EFORMAT, "census row k=%ld: vals has %ld rows, "
                           "expected %ld", (long) k, (long) r, (long) B);
    }
    free(buf);
    if (st != TSA_SUCCESS)
        return st;
    tsa_cand_init(c, k, k, k);
    for (i = 0; i < k; i++)
        arb_one(c->V + i * k + i);
    for (r = 0; r < B; r++)
        for (cc = 0; cc < B; cc++)
            for (i = start[r]; i < start[r + 1]; i++)       /* row: coord */
                for (j = start[cc]; j < start[cc + 1]; j++) /* col: neuron */
                {
                    double v = vals[r][cc];
                    if (r == cc && i != j)
                        v = vals[r][B];
                    arb_set_d(c->W + j * k + i, v);
                }
    return TSA_SUCCESS;
}
