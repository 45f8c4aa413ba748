/* npy.c -- a whole .npy array as a float64 matrix: dtype, shape, order,
 * payload length and values checked (src/certify/tsa_npy.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "certify_impl.h"
#include "tsa_npy.h"

static const char *
kind_name(char kind, int itemsize)
{
    switch (kind)
    {
    case 'f': return itemsize == 2 ? "float16" : "long double";
    case 'i': return "integer";
    case 'u': return "unsigned integer";
    case 'b': return "boolean";
    case 'c': return "complex";
    case 'O': return "Python object";
    case 'U': case 'S': case 'a': return "string";
    case 'V': return "structured or void";
    case 'M': case 'm': return "datetime";
    default: return "unknown";
    }
}

/* dtype, dimensions and payload length against the rules */
static int
check_header(const tsa_npy_header_t *h, size_t len, const char *name)
{
    uint64_t count = 1;
    int k;
    if (h->kind != 'f' || (h->itemsize != 4 && h->itemsize != 8)
        || h->descr[0] == '|')
        return TSA_ERROR(TSA_EFORMAT, "%s: dtype '%s' (%s) is not float64 or "
                         "float32", name, h->descr,
                         kind_name(h->kind, h->itemsize));
    if (h->ndim < 1 || h->ndim > 2)
        return TSA_ERROR(TSA_EFORMAT, "%s: %d dimensions (a vector or a "
                         "matrix is expected)", name, h->ndim);
    for (k = 0; k < h->ndim; k++)
    {
        if (h->shape[k] < 1 || h->shape[k] > TSA_CERTIFY_MAX_PARAMS)
            return TSA_ERROR(TSA_EFORMAT, "%s: shape[%d] = %lu outside 1 .. %d",
                             name, k, (unsigned long) h->shape[k],
                             TSA_CERTIFY_MAX_PARAMS);
        count *= h->shape[k];
    }
    if (count > TSA_CERTIFY_MAX_PARAMS)
        return TSA_ERROR(TSA_EFORMAT, "%s: %lu entries (at most %d)", name,
                         (unsigned long) count, TSA_CERTIFY_MAX_PARAMS);
    if (len - h->offset != count * (uint64_t) h->itemsize)
        return TSA_ERROR(TSA_EFORMAT, "%s: payload of %lu bytes, expected "
                         "%lu (%s)", name, (unsigned long) (len - h->offset),
                         (unsigned long) (count * h->itemsize),
                         len - h->offset < count * (uint64_t) h->itemsize
                             ? "truncated" : "trailing bytes");
    return TSA_SUCCESS;
}

/* item k of the payload as a double (float32 converts exactly) */
static double
item(const unsigned char *p, int itemsize, int big)
{
    unsigned char b[8];
    int j;
    for (j = 0; j < itemsize; j++)
        b[j] = p[big ? itemsize - 1 - j : j];
    if (itemsize == 4)
    {
        uint32_t u = b[0] | (uint32_t) b[1] << 8 | (uint32_t) b[2] << 16
                     | (uint32_t) b[3] << 24;
        float f;
        memcpy(&f, &u, 4);
        return (double) f;
    }
    else
    {
        uint64_t u = 0;
        double x;
        for (j = 7; j >= 0; j--)
            u = u << 8 | b[j];
        memcpy(&x, &u, 8);
        return x;
    }
}

int
tsa_npy_parse(tsa_npy_t *a, const unsigned char *buf, size_t len,
              const char *name)
{
    tsa_npy_header_t h;
    long r, c, R, C;
    int st;
    a->data = NULL;
    if ((st = tsa_npy_header(&h, buf, len, name)) != TSA_SUCCESS
        || (st = check_header(&h, len, name)) != TSA_SUCCESS)
        return st;
    a->ndim = h.ndim;
    R = a->rows = h.ndim == 2 ? (long) h.shape[0] : 1;
    C = a->cols = (long) h.shape[h.ndim - 1];
    if ((a->data = malloc(sizeof(double) * R * C)) == NULL)
        return TSA_ERROR(TSA_ENOMEM, "%s: out of memory", name);
    for (r = 0; r < R; r++)
        for (c = 0; c < C; c++)
        {
            /* Fortran order: the payload runs down the columns */
            long k = h.fortran ? c * R + r : r * C + c;
            double x = item(buf + h.offset + (size_t) k * h.itemsize,
                            h.itemsize, h.big_endian);
            if (!isfinite(x))
            {
                free(a->data);
                a->data = NULL;
                if (h.ndim == 1)
                    return TSA_ERROR(TSA_EFORMAT, "%s: entry [%ld] is %s",
                                     name, c, isnan(x) ? "NaN" : "infinite");
                return TSA_ERROR(TSA_EFORMAT, "%s: entry [%ld][%ld] is %s",
                                 name, r, c, isnan(x) ? "NaN" : "infinite");
            }
            a->data[r * C + c] = x;
        }
    return TSA_SUCCESS;
}

void
tsa_npy_clear(tsa_npy_t *a)
{
    free(a->data);
    a->data = NULL;
}
