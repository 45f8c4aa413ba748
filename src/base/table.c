/* table.c -- a table rendered as Markdown, CSV or JSON (tsa_table.h). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_format.h"
#include "tsa_table.h"

int
tsa_table_parse_format(tsa_table_fmt_t *fmt, const char *s)
{
    if (s != NULL && strcmp(s, "md") == 0)
        *fmt = TSA_TABLE_MD;
    else if (s != NULL && strcmp(s, "csv") == 0)
        *fmt = TSA_TABLE_CSV;
    else if (s != NULL && strcmp(s, "json") == 0)
        *fmt = TSA_TABLE_JSON;
    else
        return TSA_ERROR(TSA_EINVAL, "--format: expected md, csv or json");
    return TSA_SUCCESS;
}

/* a growing string; ok drops to 0 when an allocation failed */
typedef struct
{
    char *s;
    size_t len, cap;
    int ok;
} buf_t;

static void
put(buf_t *b, const char *fmt, ...) TSA_PRINTF(2, 3);

static void
put(buf_t *b, const char *fmt, ...)
{
    va_list ap;
    int n;
    if (!b->ok)
        return;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
    {
        b->ok = 0;
        return;
    }
    if (b->len + (size_t) n + 1 > b->cap)
    {
        size_t cap = 2 * b->cap + (size_t) n + 64;
        char *s = realloc(b->s, cap);
        if (s == NULL)
        {
            b->ok = 0;
            return;
        }
        b->s = s;
        b->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    b->len += (size_t) n;
}

/* a scalar as text; NULL for null, a missing value or a non-finite real */
static const char *
scalar(char *tmp, size_t size, const json_t *v)
{
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v))
        snprintf(tmp, size, "%lld", (long long) json_integer_value(v));
    else if (json_is_real(v) && isfinite(json_real_value(v)))
    {
        /* the shortest of 15, 16, 17 digits that reads back to the double */
        int p;
        for (p = 15; p <= 17; p++)
        {
            snprintf(tmp, size, "%.*g", p, json_real_value(v));
            if (strtod(tmp, NULL) == json_real_value(v))
                break;
        }
    }
    else if (json_is_true(v))
        snprintf(tmp, size, "true");
    else if (json_is_false(v))
        snprintf(tmp, size, "false");
    else
        return NULL;
    return tmp;
}

static void
md_cell(buf_t *b, const char *s)
{
    if (s == NULL)
    {
        put(b, "-");
        return;
    }
    for (; *s != '\0'; s++)
        if (*s == '|')
            put(b, "\\|");
        else if (*s == '\n' || *s == '\r')
            put(b, "<br>");
        else
            put(b, "%c", *s);
}

/* RFC 4180: quoted when it holds a comma, quote, CR or LF */
static void
csv_cell(buf_t *b, const char *s)
{
    if (s == NULL)
        return;
    if (strpbrk(s, ",\"\r\n") == NULL)
    {
        put(b, "%s", s);
        return;
    }
    put(b, "\"");
    for (; *s != '\0'; s++)
        if (*s == '"')
            put(b, "\"\"");
        else
            put(b, "%c", *s);
    put(b, "\"");
}

static char *
render_json(const json_t *columns, const json_t *rows, const char *title)
{
    json_t *o = tsa_format_object("table", TSA_FORMAT_TABLE), *rs = json_array();
    size_t i, c;
    char *s;
    if (o == NULL || rs == NULL)
    {
        json_decref(o);
        json_decref(rs);
        return NULL;
    }
    if (title != NULL)
        json_object_set_new(o, "title", json_string(title));
    json_object_set_new(o, "columns", json_deep_copy(columns));
    for (i = 0; i < json_array_size(rows); i++)
    {
        json_t *r = json_object(), *src = json_array_get(rows, i);
        for (c = 0; c < json_array_size(columns); c++)
        {
            const char *k = json_string_value(json_array_get(columns, c));
            json_t *v = json_object_get(src, k);
            if (v == NULL || (json_is_real(v) && !isfinite(json_real_value(v)))
                || json_is_object(v) || json_is_array(v))
                json_object_set_new(r, k, json_null());
            else
                json_object_set(r, k, v);
        }
        json_array_append_new(rs, r);
    }
    json_object_set_new(o, "rows", rs);
    s = tsa_json_text(o, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    json_decref(o);
    return s;
}

char *
tsa_json_text(const json_t *o, size_t flags)
{
    char *s = json_dumps(o, flags), *t;
    size_t n;
    if (s == NULL)
        return NULL;
    n = strlen(s);
    if ((t = realloc(s, n + 2)) == NULL)
    {
        free(s);
        return NULL;
    }
    t[n] = '\n';
    t[n + 1] = '\0';
    return t;
}

char *
tsa_table_render(const json_t *columns, const json_t *rows,
                 tsa_table_fmt_t fmt, const char *title)
{
    buf_t b = {NULL, 0, 0, 1};
    size_t i, c, nc = json_array_size(columns);
    char tmp[64];
    if (fmt == TSA_TABLE_JSON)
    {
        char *s = render_json(columns, rows, title);
        if (s == NULL)
            (void) TSA_ERROR(TSA_ENOMEM, "table: out of memory");
        return s;
    }
    if (fmt == TSA_TABLE_MD && title != NULL)
        put(&b, "# %s\n\n", title);
    for (c = 0; c < nc; c++)
    {
        const char *k = json_string_value(json_array_get(columns, c));
        put(&b, fmt == TSA_TABLE_MD ? "| " : c > 0 ? "," : "");
        if (fmt == TSA_TABLE_MD)
            md_cell(&b, k);
        else
            csv_cell(&b, k);
        put(&b, fmt == TSA_TABLE_MD ? " " : "");
    }
    put(&b, fmt == TSA_TABLE_MD ? "|\n" : "\n");
    if (fmt == TSA_TABLE_MD)
    {
        for (c = 0; c < nc; c++)
            put(&b, "|---");
        put(&b, "|\n");
    }
    for (i = 0; i < json_array_size(rows); i++)
    {
        const json_t *r = json_array_get(rows, i);
        for (c = 0; c < nc; c++)
        {
            const char *k = json_string_value(json_array_get(columns, c));
            const char *s = scalar(tmp, sizeof tmp, json_object_get(r, k));
            if (fmt == TSA_TABLE_MD)
            {
                put(&b, "| ");
                md_cell(&b, s);
                put(&b, " ");
            }
            else
            {
                put(&b, c > 0 ? "," : "");
                csv_cell(&b, s);
            }
        }
        put(&b, fmt == TSA_TABLE_MD ? "|\n" : "\n");
    }
    if (!b.ok || b.s == NULL)
    {
        free(b.s);
        (void) TSA_ERROR(TSA_ENOMEM, "table: out of memory");
        return NULL;
    }
    return b.s;
}

json_t *
tsa_table_columns_of(const json_t *rows)
{
    json_t *cols = json_array(), *v;
    const char *k;
    json_t *r0 = json_array_get(rows, 0);
    void *it;
    if (cols == NULL)
        return NULL;
    for (it = json_object_iter(r0); it != NULL; it = json_object_iter_next(r0, it))
    {
        k = json_object_iter_key(it);
        v = json_object_iter_value(it);
        if (!json_is_object(v) && !json_is_array(v))
            json_array_append_new(cols, json_string(k));
    }
    return cols;
}
