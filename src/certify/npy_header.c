/* npy_header.c -- the header of a NumPy .npy array (format versions 1.0,
 * 2.0, 3.0): magic, version, header length, and the dict literal
 * {'descr': ..., 'fortran_order': ..., 'shape': (...)} parsed strictly
 * (each key exactly once, nothing else, bounded lengths). */
#include <string.h>
#include "tsa_npy.h"

typedef struct
{
    const char *s, *end;
    const char *name;
} lex_t;

static void
skip_ws(lex_t *x)
{
    while (x->s < x->end && (*x->s == ' ' || *x->s == '\t'))
        x->s++;
}

static int
eat(lex_t *x, char c)
{
    skip_ws(x);
    if (x->s < x->end && *x->s == c)
    {
        x->s++;
        return 1;
    }
    return 0;
}

static int
bad(const lex_t *x, const char *what)
{
    return TSA_ERROR(TSA_EFORMAT, "%s: .npy header: %s", x->name, what);
}

/* a quoted Python string of at most size - 1 printable characters */
static int
string_lit(lex_t *x, char *out, size_t size)
{
    char q;
    size_t k = 0;
    skip_ws(x);
    if (x->s >= x->end || (*x->s != '\'' && *x->s != '"'))
        return 0;
    q = *x->s++;
    while (x->s < x->end && *x->s != q)
    {
        if (*x->s < 0x20 || *x->s > 0x7e || *x->s == '\\' || k + 1 >= size)
            return 0;
        out[k++] = *x->s++;
    }
    if (x->s >= x->end)
        return 0;
    x->s++;
    out[k] = '\0';
    return 1;
}

static int
word(lex_t *x, const char *w)
{
    size_t n = strlen(w);
    skip_ws(x);
    if ((size_t) (x->end - x->s) >= n && memcmp(x->s, w, n) == 0)
    {
        x->s += n;
        return 1;
    }
    return 0;
}

/* skip a structured dtype's list: brackets balanced, strings skipped */
static int
skip_list(lex_t *x)
{
    int depth = 0;
    char q = 0;
    for (; x->s < x->end; x->s++)
    {
        char c = *x->s;
        if (q)
            q = c == q ? 0 : q;
        else if (c == '\'' || c == '"')
            q = c;
        else if (c == '[' || c == '(')
            depth++;
        else if ((c == ']' || c == ')') && --depth == 0)
        {
            x->s++;
            return TSA_SUCCESS;
        }
    }
    return bad(x, "descr: unterminated list");
}

/* '<f8', '|b1', ...: byte order, kind letter, item size */
static int
parse_descr(tsa_npy_header_t *h, lex_t *x)
{
    const char *d = h->descr;
    int size = 0;
    skip_ws(x);
    if (x->s < x->end && *x->s == '[')
    {
        strcpy(h->descr, "structured");
        h->kind = 'V';
        return skip_list(x); /* refused by tsa_npy_parse */
    }
    if (!string_lit(x, h->descr, sizeof h->descr))
        return bad(x, "descr: expected a quoted dtype such as '<f8'");
    if (d[0] == '\0' || strchr("<>|=", d[0]) == NULL || d[1] == '\0')
        return bad(x, "descr: expected a byte order <, >, | or = and a kind");
    h->big_endian = d[0] == '>';
    h->kind = d[1];
    for (d += 2; *d >= '0' && *d <= '9' && size < 10000; d++)
        size = 10 * size + (*d - '0');
    if (*d != '\0' && h->kind != 'M' && h->kind != 'm')
        return bad(x, "descr: malformed dtype");
    if (size == 0 && strchr("OUSV", h->kind) == NULL)
        return bad(x, "descr: expected an item size after the kind");
    h->itemsize = size;
    return TSA_SUCCESS;
}

static int
parse_shape(tsa_npy_header_t *h, lex_t *x)
{
    h->ndim = 0;
    if (!eat(x, '('))
        return bad(x, "shape: expected a tuple such as (3, 4)");
    while (!eat(x, ')'))
    {
        uint64_t v = 0;
        skip_ws(x);
        if (x->s >= x->end || *x->s < '0' || *x->s > '9')
            return bad(x, "shape: expected non-negative integers");
        for (; x->s < x->end && *x->s >= '0' && *x->s <= '9'; x->s++)
        {
            if (v > (UINT64_C(1) << 48))
                return bad(x, "shape: a dimension is too large");
            v = 10 * v + (uint64_t) (*x->s - '0');
        }
        if (h->ndim == TSA_NPY_MAX_NDIM)
            return bad(x, "shape: too many dimensions");
        h->shape[h->ndim++] = v;
        if (!eat(x, ',') && !(skip_ws(x), x->s < x->end && *x->s == ')'))
            return bad(x, "shape: expected ',' or ')'");
    }
    return TSA_SUCCESS;
}

static int
parse_key(tsa_npy_header_t *h, lex_t *x, int *seen)
{
    char key[32];
    int st = TSA_SUCCESS, k;
    if (!string_lit(x, key, sizeof key))
        return bad(x, "expected a quoted key");
    k = strcmp(key, "descr") == 0 ? 0 : strcmp(key, "fortran_order") == 0 ? 1
        : strcmp(key, "shape") == 0 ? 2 : -1;
    if (k < 0)
        return bad(x, "unknown key (expected descr, fortran_order, shape)");
    if (seen[k]++)
        return bad(x, "a key appears twice");
    if (!eat(x, ':'))
        return bad(x, "expected ':' after a key");
    if (k == 0)
        st = parse_descr(h, x);
    else if (k == 1)
    {
        if (word(x, "True"))
            h->fortran = 1;
        else if (word(x, "False"))
            h->fortran = 0;
        else
            st = bad(x, "fortran_order: expected True or False");
    }
    else if (k == 2)
        st = parse_shape(h, x);
    return st;
}

static int
parse_dict(tsa_npy_header_t *h, lex_t *x)
{
    int seen[3] = {0, 0, 0}, st;
    if (!eat(x, '{'))
        return bad(x, "expected a dict literal '{...}'");
    while (!eat(x, '}'))
    {
        if ((st = parse_key(h, x, seen)) != TSA_SUCCESS)
            return st;
        if (!eat(x, ',') && !(skip_ws(x), x->s < x->end && *x->s == '}'))
            return bad(x, "expected ',' or '}'");
    }
    if (!seen[0] || !seen[1] || !seen[2])
        return bad(x, "missing key (descr, fortran_order and shape are "
                      "required)");
    skip_ws(x);
    if (x->s != x->end - 1 || *x->s != '\n')
        return bad(x, "expected spaces and one newline after the dict");
    return TSA_SUCCESS;
}

int
tsa_npy_header(tsa_npy_header_t *h, const unsigned char *buf, size_t len,
               const char *name)
{
    size_t hl, pre;
    lex_t x;
    memset(h, 0, sizeof *h);
    if (len < 10 || memcmp(buf, "\x93NUMPY", 6) != 0)
        return TSA_ERROR(TSA_EFORMAT, "%s: not a .npy array (bad magic)",
                         name);
    if (buf[6] < 1 || buf[6] > 3 || buf[7] != 0)
        return TSA_ERROR(TSA_EFORMAT, "%s: .npy format version %d.%d "
                         "(1.0, 2.0 and 3.0 are read)", name, buf[6], buf[7]);
    pre = buf[6] == 1 ? 10 : 12;
    if (len < pre)
        return TSA_ERROR(TSA_EFORMAT, "%s: .npy header truncated", name);
    hl = buf[8] | (size_t) buf[9] << 8;
    if (buf[6] > 1)
        hl |= (size_t) buf[10] << 16 | (size_t) buf[11] << 24;
    if (hl < 2 || hl > TSA_NPY_MAX_HEADER)
        return TSA_ERROR(TSA_EFORMAT, "%s: .npy header length %lu outside "
                         "2 .. %d bytes", name, (unsigned long) hl,
                         TSA_NPY_MAX_HEADER);
    if (len - pre < hl)
        return TSA_ERROR(TSA_EFORMAT, "%s: .npy header truncated (%lu of %lu "
                         "bytes)", name, (unsigned long) (len - pre),
                         (unsigned long) hl);
    x.s = (const char *) buf + pre;
    x.end = x.s + hl;
    x.name = name;
    h->offset = pre + hl;
    return parse_dict(h, &x);
}
