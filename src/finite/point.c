/* point.c -- points of the finite-data landscape: the tsalign-finite-point
 * JSON format (docs/finite-data.md "Point files"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_finite.h"
#include "tsa_io.h"
#include "finite_impl.h"

void
tsa_fin_point_init(tsa_fin_point_t p, slong n, slong d, slong m)
{
    p->n = n;
    p->d = d;
    p->m = m;
    p->x = _fmpq_vec_init(n * d > 0 ? n * d : 1);
    p->y = _fmpq_vec_init(n > 0 ? n : 1);
    p->a = _fmpq_vec_init(m > 0 ? m : 1);
    p->w = _fmpq_vec_init(m * (d + 1) > 0 ? m * (d + 1) : 1);
    fmpq_init(p->radius);
}

void
tsa_fin_point_clear(tsa_fin_point_t p)
{
    _fmpq_vec_clear(p->x, p->n * p->d > 0 ? p->n * p->d : 1);
    _fmpq_vec_clear(p->y, p->n > 0 ? p->n : 1);
    _fmpq_vec_clear(p->a, p->m > 0 ? p->m : 1);
    _fmpq_vec_clear(p->w, p->m * (p->d + 1) > 0 ? p->m * (p->d + 1) : 1);
    fmpq_clear(p->radius);
}

/* An array of exactly len strings parsed into v. */
static int
get_vec(fmpq *v, const json_t *arr, slong len, const char *what, const char *field)
{
    char w[160];
    slong i;
    if (!json_is_array(arr) || (slong) json_array_size(arr) != len)
        return TSA_ERROR(TSA_EFORMAT, "%s: %s: want an array of %ld numbers (strings)",
                         what, field, len);
    for (i = 0; i < len; i++)
    {
        const json_t *e = json_array_get(arr, (size_t) i);
        int st;
        snprintf(w, sizeof w, "%.100s: %s[%ld]", what, field, i);
        if (!json_is_string(e))
            return TSA_ERROR(TSA_EFORMAT, "%s: not a string (write numbers as "
                             "\"p/q\", decimals or hex floats in quotes)", w);
        if ((st = tsa_fin_parse_q(v + i, json_string_value(e), w)) != TSA_SUCCESS)
            return st;
    }
    return TSA_SUCCESS;
}

/* Sizes from the arrays, bounded before anything is allocated. */
static int
get_sizes(slong *n, slong *d, slong *m, const json_t *root, const char *what)
{
    const json_t *x = json_object_get(root, "x"), *w = json_object_get(root, "w");
    const json_t *x0, *w0;
    if (!json_is_array(x) || json_array_size(x) == 0)
        return TSA_ERROR(TSA_EFORMAT, "%s: x: missing or not a non-empty array", what);
    if (!json_is_array(w) || json_array_size(w) == 0)
        return TSA_ERROR(TSA_EFORMAT, "%s: w: missing or not a non-empty array", what);
    x0 = json_array_get(x, 0);
    w0 = json_array_get(w, 0);
    if (!json_is_array(x0) || json_array_size(x0) == 0)
        return TSA_ERROR(TSA_EFORMAT, "%s: x[0]: not a non-empty array", what);
    *n = (slong) json_array_size(x);
    *m = (slong) json_array_size(w);
    *d = (slong) json_array_size(x0);
    if (*n > TSA_FIN_MAX_N || *d > TSA_FIN_MAX_D || *m > TSA_FIN_MAX_M
        || *n * *m * (*d + 1) > TSA_FIN_MAX_WORK)
        return TSA_ERROR(TSA_EINVAL, "%s: n = %ld samples, d = %ld, m = %ld neurons: "
                         "above the limits (n <= %d, d <= %d, m <= %d, n m (d+1) <= %ld)",
                         what, *n, *d, *m, TSA_FIN_MAX_N, TSA_FIN_MAX_D, TSA_FIN_MAX_M,
                         (long) TSA_FIN_MAX_WORK);
    if (!json_is_array(w0) || (slong) json_array_size(w0) != *d + 1)
        return TSA_ERROR(TSA_EFORMAT, "%s: w[0]: want d + 1 = %ld entries (bias last)",
                         what, *d + 1);
    return TSA_SUCCESS;
}

int
tsa_fin_check_format(const json_t *root, const char *tag, const char *what)
{
    const json_t *f = json_object_get(root, "format");
    const json_t *v = json_object_get(root, "format_version");
    const char *s;
    if (!json_is_string(f) || strcmp(json_string_value(f), tag) != 0)
        return TSA_ERROR(TSA_EFORMAT, "%s: format: want \"%s\"", what, tag);
    if (!json_is_string(v))
        return TSA_ERROR(TSA_EFORMAT, "%s: format_version: missing", what);
    s = json_string_value(v);
    {
        char *end;
        long major = strtol(s, &end, 10);
        if (s[0] < '0' || s[0] > '9' || *end != '.' || end[1] < '0' || end[1] > '9'
            || strlen(s) > 12)
            return TSA_ERROR(TSA_EFORMAT, "%s: format_version: want \"1.0\"", what);
        if (major > 1)
            return TSA_ERROR(TSA_EFORMAT, "%s: format_version %s is newer than this "
                             "tsalign reads (1.x); upgrade tsalign", what, s);
        if (major != 1)
            return TSA_ERROR(TSA_EFORMAT, "%s: format_version: want \"1.0\"", what);
    }
    return TSA_SUCCESS;
}

int
tsa_fin_point_from_json(tsa_fin_point_t p, const json_t *root, const char *what)
{
    static const char *const fields[] = {"format", "format_version", "x", "y", "a",
                                         "w", "radius", "comment", NULL};
    const char *key;
    json_t *val;
    slong n = 0, d = 0, m = 0, j;
    char f[32];
    int st;

    if (!json_is_object(root))
        return TSA_ERROR(TSA_EFORMAT, "%s: not a JSON object", what);
    if ((st = tsa_fin_check_format(root, TSA_FIN_FORMAT, what)) != TSA_SUCCESS)
        return st;
    json_object_foreach((json_t *) root, key, val)
    {
        int i;
        for (i = 0; fields[i] != NULL && strcmp(fields[i], key) != 0; i++)
            ;
        if (fields[i] == NULL)
            return TSA_ERROR(TSA_EFORMAT, "%s: unknown field '%.40s'", what, key);
    }
    if ((st = get_sizes(&n, &d, &m, root, what)) != TSA_SUCCESS)
        return st;
    tsa_fin_point_clear(p);
    tsa_fin_point_init(p, n, d, m);
    for (j = 0; j < n; j++)
    {
        snprintf(f, sizeof f, "x[%ld]", j);
        if ((st = get_vec(p->x + j * d, json_array_get(json_object_get(root, "x"), j),
                          d, what, f)) != TSA_SUCCESS)
            return st;
    }
    for (j = 0; j < m; j++)
    {
        snprintf(f, sizeof f, "w[%ld]", j);
        if ((st = get_vec(p->w + j * (d + 1),
                          json_array_get(json_object_get(root, "w"), j), d + 1, what, f))
            != TSA_SUCCESS)
            return st;
    }
    if ((st = get_vec(p->y, json_object_get(root, "y"), n, what, "y")) != TSA_SUCCESS
        || (st = get_vec(p->a, json_object_get(root, "a"), m, what, "a")) != TSA_SUCCESS)
        return st;
    fmpq_zero(p->radius);
    val = json_object_get(root, "radius");
    if (val != NULL)
    {
        char w[160];
        snprintf(w, sizeof w, "%.100s: radius", what);
        if (!json_is_string(val))
            return TSA_ERROR(TSA_EFORMAT, "%s: not a string", w);
        if ((st = tsa_fin_parse_q(p->radius, json_string_value(val), w)) != TSA_SUCCESS)
            return st;
        if (fmpq_sgn(p->radius) < 0)
            return TSA_ERROR(TSA_EFORMAT, "%s: negative", w);
    }
    return TSA_SUCCESS;
}

int
tsa_fin_point_read(tsa_fin_point_t p, const char *path)
{
    char *text = NULL;
    size_t len;
    json_error_t jerr;
    json_t *root;
    int st = tsa_io_read_file(&text, &len, path, 16L << 20);
    if (st != TSA_SUCCESS)
        return st;
    root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    free(text);
    if (root == NULL)
        return TSA_ERROR(TSA_EFORMAT, "%s:%d: %s", path, jerr.line, jerr.text);
    st = tsa_fin_point_from_json(p, root, path);
    json_decref(root);
    return st;
}

static json_t *
qvec(const fmpq *v, slong len)
{
    json_t *a = json_array();
    slong i;
    for (i = 0; i < len; i++)
    {
        char *s = tsa_fin_q_str(v + i);
        json_array_append_new(a, json_string(s));
        flint_free(s);
    }
    return a;
}

json_t *
tsa_fin_point_to_json(const tsa_fin_point_t p)
{
    json_t *o = json_object(), *x = json_array(), *w = json_array();
    slong i;
    json_object_set_new(o, "format", json_string(TSA_FIN_FORMAT));
    json_object_set_new(o, "format_version", json_string(TSA_FIN_VERSION));
    for (i = 0; i < p->n; i++)
        json_array_append_new(x, qvec(p->x + i * p->d, p->d));
    for (i = 0; i < p->m; i++)
        json_array_append_new(w, qvec(p->w + i * (p->d + 1), p->d + 1));
    json_object_set_new(o, "x", x);
    json_object_set_new(o, "y", qvec(p->y, p->n));
    json_object_set_new(o, "a", qvec(p->a, p->m));
    json_object_set_new(o, "w", w);
    if (!fmpq_is_zero(p->radius))
    {
        char *r = tsa_fin_q_str(p->radius);
        json_object_set_new(o, "radius", json_string(r));
        flint_free(r);
    }
    return o;
}
