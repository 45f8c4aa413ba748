/* cand_json.c -- candidate files (docs/formats.md "Candidates"): teacher V
 * and student W as d x n matrices of exact strings. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "certify_impl.h"
#include "tsa_format.h"
#include "tsa_io.h"

/* A JSON number reaches us as the double nearest to it (the JSON parser
   rounds).  It is taken as exact when the shortest decimal that gives this
   double is itself a binary number (0.5, 3, -0.125: then that decimal was
   very likely the text); otherwise it was rounded: *rounded = 1. */
static void
json_real_entry(arb_t x, int *rounded, double v)
{
    char buf[40];
    int p;
    arb_t t;
    for (p = 1; p <= 17; p++)
    {
        snprintf(buf, sizeof buf, "%.*g", p, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    arb_set_d(x, v);
    arb_init(t);
    *rounded = tsa_io_parse_arb(t, buf, "JSON number", 64) != TSA_SUCCESS
               || !arb_equal(t, x);
    arb_clear(t);
}

/* one entry: JSON integer, JSON number (see above), or string: Arb dump
   (has a space, validated) or tsa_io_parse_arb syntax.  mode
   TSA_ENTRY_EXACT refuses entries that are not exact; TSA_ENTRY_ROUND
   rounds them to prec-bit exact midpoints and counts them in *rounded;
   0 keeps balls. */
static int
entry(arb_t x, json_t *v, const char *what, slong prec, int mode,
      slong *rounded)
{
    int st = TSA_SUCCESS, inexact = 0;
    char b[48];
    if (json_is_integer(v))
    {
        arb_set_si(x, (slong) json_integer_value(v));
        return TSA_SUCCESS;
    }
    if (json_is_real(v))
    {
        json_real_entry(x, &inexact, json_real_value(v));
        if (inexact && mode != TSA_ENTRY_ROUND)
            return TSA_ERROR(TSA_EFORMAT, "%s: JSON number %.17g is not a "
                             "binary number (it was rounded): write it as a "
                             "string", what, json_real_value(v));
    }
    else if (json_is_string(v))
    {
        const char *s = json_string_value(v);
        if (strchr(s, ' ') != NULL && s[0] != '[')
            st = tsa_io_load_arb_dump(x, s, what);
        else
            st = tsa_io_parse_arb(x, s, what, prec);
        if (st != TSA_SUCCESS)
            return st;
        inexact = !arb_is_exact(x);
        if (inexact && mode == TSA_ENTRY_EXACT)
            return TSA_ERROR(TSA_EFORMAT, "%s: '%s' is not exact (the centre "
                             "must be a binary number)", what,
                             tsa_io_shown(b, sizeof b, s));
    }
    else
        return TSA_ERROR(TSA_EFORMAT, "%s: expected a number or a string", what);
    if (inexact && mode == TSA_ENTRY_ROUND)
    {
        arf_set_round(arb_midref(x), arb_midref(x), prec, ARF_RND_NEAR);
        mag_zero(arb_radref(x));
        if (rounded != NULL)
            (*rounded)++;
    }
    return TSA_SUCCESS;
}

/* M holds a d x cols matrix: an array of d rows of cols entries (layout
   "columns": neurons are columns), or transposed when rows != 0 (layout
   "rows": cols rows of d entries, one per neuron, as PyTorch's
   nn.Linear.weight) */
static int
matrix_shape(json_t *M, const char *key, slong d, slong cols, int rows,
             const char *path)
{
    slong a, R = rows ? cols : d, C = rows ? d : cols;
    if (!json_is_array(M) || (slong) json_array_size(M) != R)
        return TSA_ERROR(TSA_EFORMAT, "%s: %s: expected an array of %ld rows%s",
                         path, key, (long) R, rows ? " (layout rows)" : "");
    for (a = 0; a < R; a++)
    {
        json_t *row = json_array_get(M, a);
        if (!json_is_array(row) || (slong) json_array_size(row) != C)
            return TSA_ERROR(TSA_EFORMAT, "%s: %s[%ld]: expected %ld entries",
                             path, key, (long) a, (long) C);
    }
    return TSA_SUCCESS;
}

/* entry (a, i) of M (coordinate a, neuron i) and its name in the file */
static json_t *
matrix_at(json_t *M, slong a, slong i, int rows, char *what, size_t size,
          const char *path, const char *key)
{
    slong r = rows ? i : a, k = rows ? a : i;
    snprintf(what, size, "%s: %s[%ld][%ld]", path, key, (long) r, (long) k);
    return json_array_get(json_array_get(M, r), k);
}

int
_tsa_cand_matrix_lay(arb_ptr v, json_t *root, const char *key, slong d,
                     slong cols, const char *path, slong prec, int mode,
                     slong *rounded, int rows)
{
    json_t *M = json_object_get(root, key);
    slong a, i;
    char what[256];
    if (matrix_shape(M, key, d, cols, rows, path) != TSA_SUCCESS)
        return TSA_EFORMAT;
    for (a = 0; a < d; a++)
        for (i = 0; i < cols; i++)
        {
            json_t *e = matrix_at(M, a, i, rows, what, sizeof what, path, key);
            int st = entry(v + i * d + a, e, what, prec, mode, rounded);
            if (st != TSA_SUCCESS)
                return st;
        }
    return TSA_SUCCESS;
}

int
_tsa_cand_matrix_ex(arb_ptr v, json_t *root, const char *key, slong d,
                    slong cols, const char *path, slong prec, int mode,
                    slong *rounded)
{
    return _tsa_cand_matrix_lay(v, root, key, d, cols, path, prec, mode,
                                rounded, 0);
}

int
_tsa_cand_matrix(arb_ptr v, json_t *root, const char *key, slong d,
                 slong cols, const char *path, slong prec)
{
    return _tsa_cand_matrix_ex(v, root, key, d, cols, path, prec, 0, NULL);
}

static int
decimal_matrix_check(json_t *root, const char *key, arb_srcptr v, slong d,
                     slong cols, const char *path, int rows)
{
    json_t *M = json_object_get(root, key);
    slong a, i;
    char what[256];
    if (M == NULL)
        return TSA_SUCCESS;
    if (matrix_shape(M, key, d, cols, rows, path) != TSA_SUCCESS)
        return TSA_EFORMAT;
    for (a = 0; a < d; a++)
        for (i = 0; i < cols; i++)
        {
            json_t *e = matrix_at(M, a, i, rows, what, sizeof what, path, key);
            int st = tsa_io_check_decimal_of(json_string_value(e),
                                             v + i * d + a, what);
            if (st != TSA_SUCCESS)
                return st;
        }
    return TSA_SUCCESS;
}

int
_tsa_decimal_matrix_check(json_t *root, const char *key, arb_srcptr v,
                          slong d, slong cols, const char *path)
{
    return decimal_matrix_check(root, key, v, d, cols, path, 0);
}

static int
size_field(slong *x, json_t *root, const char *key, const char *path)
{
    json_t *v = json_object_get(root, key);
    if (!json_is_integer(v) || json_integer_value(v) < 1
        || json_integer_value(v) > TSA_CERTIFY_MAX_PARAMS)
        return TSA_ERROR(TSA_EFORMAT, "%s: %s: expected an integer in 1 .. %d",
                         path, key, TSA_CERTIFY_MAX_PARAMS);
    *x = (slong) json_integer_value(v);
    return TSA_SUCCESS;
}

int
tsa_certify_check_sizes(slong d, slong n, slong m, const char *what)
{
    /* each size first: d * n of two huge sizes wraps around */
    if (d < 1 || n < 1 || m < 1 || d > TSA_CERTIFY_MAX_PARAMS
        || n > TSA_CERTIFY_MAX_PARAMS || m > TSA_CERTIFY_MAX_PARAMS
        || d * n > TSA_CERTIFY_MAX_PARAMS || d * m > TSA_CERTIFY_MAX_PARAMS)
        return TSA_ERROR(TSA_EINVAL, "%s: d = %ld, n = %ld, m = %ld: sizes "
                         "out of range (1 <= d n, d m <= %d)", what, (long) d,
                         (long) n, (long) m, TSA_CERTIFY_MAX_PARAMS);
    return TSA_SUCCESS;
}

int
tsa_certify_check_work(slong d, slong n, slong m, slong prec, int dense,
                       const char *what)
{
    double pairs, N;
    if (tsa_certify_check_sizes(d, n, m, what) != TSA_SUCCESS)
        return TSA_EINVAL;
    if (prec < TSA_CERTIFY_MIN_PREC || prec > TSA_CERTIFY_MAX_PREC + 64)
        return TSA_ERROR(TSA_EINVAL, "%s: precision %ld outside %d .. %d bits",
                         what, (long) prec, TSA_CERTIFY_MIN_PREC,
                         TSA_CERTIFY_MAX_PREC + 64);
    N = (double) n * d;
    if (dense && N > TSA_CERTIFY_MAX_DENSE)
        return TSA_ERROR(TSA_EINVAL, "%s: %ld x %ld student: the dense Hessian "
                         "path needs %.0f x %.0f float64 matrices (about %.0f "
                         "MB); the limit is N = d n <= %d (give a block "
                         "symmetry for larger sizes)", what, (long) d, (long) n,
                         N, N, 5 * 8 * N * N / 1e6, TSA_CERTIFY_MAX_DENSE);
    pairs = (double) (n + m) * (n + m) * d * (prec < 64 ? 64 : prec);
    if (pairs > TSA_CERTIFY_MAX_WORK)
        return TSA_ERROR(TSA_EINVAL, "%s: work estimate (n + m)^2 d prec = "
                         "%.3g exceeds the limit %.3g", what, pairs,
                         (double) TSA_CERTIFY_MAX_WORK);
    return TSA_SUCCESS;
}

static int
optional_string(json_t *root, const char *key, const char *path)
{
    json_t *v = json_object_get(root, key);
    if (v != NULL && !json_is_string(v))
        return TSA_ERROR(TSA_EFORMAT, "%s: %s: expected a string", path, key);
    return TSA_SUCCESS;
}

/* the file's JSON object (duplicated keys refused) */
int
_tsa_json_read(json_t **root, const char *path)
{
    char *text, b[120];
    size_t len;
    json_error_t err;
    int st = tsa_io_read_file(&text, &len, path, TSA_IO_MAX_FILE);
    *root = NULL;
    if (st != TSA_SUCCESS)
        return st;
    *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
    free(text);
    if (*root == NULL)
        return TSA_ERROR(TSA_EFORMAT, "%s: line %d: %s", path, err.line,
                         tsa_io_shown(b, sizeof b, err.text));
    if (!json_is_object(*root))
    {
        json_decref(*root);
        *root = NULL;
        return TSA_ERROR(TSA_EFORMAT, "%s: expected a JSON object", path);
    }
    return TSA_SUCCESS;
}

/* "layout": absent or "columns" (W is d x n, V d x m: neurons are
   columns, as tsalign always wrote), or "rows" (W is n x d, V m x d:
   neurons are rows, PyTorch's nn.Linear.weight); *rows = 1 for "rows" */
static int
cand_layout(int *rows, json_t *root, const char *path)
{
    json_t *l = json_object_get(root, "layout");
    *rows = 0;
    if (l == NULL)
        return TSA_SUCCESS;
    if (json_is_string(l) && strcmp(json_string_value(l), "columns") == 0)
        return TSA_SUCCESS;
    if (json_is_string(l) && strcmp(json_string_value(l), "rows") == 0)
    {
        *rows = 1;
        return TSA_SUCCESS;
    }
    return TSA_ERROR(TSA_EFORMAT, "%s: layout: expected \"rows\" or "
                     "\"columns\"", path);
}

static int
cand_header(slong *d, slong *n, slong *m, int *rows, json_t *root,
            const char *path)
{
    json_t *W = json_object_get(root, "W"), *V = json_object_get(root, "V");
    json_t *f = json_object_get(root, "format"), *p = json_object_get(root, "prec");
    int st;
    /* "tsalign-candidate" (docs/formats/README.md), the first release's
       "tsalign-candidate-1", or untagged (hand-written) */
    static const char *const legacy[] = {"tsalign-candidate-1", NULL};
    (void) f;
    if ((st = tsa_format_check(root, "candidate", legacy, TSA_FORMAT_MAJOR, 1, path))
        != TSA_SUCCESS)
        return st;
    if (p != NULL && (!json_is_integer(p)
                      || json_integer_value(p) < TSA_CERTIFY_MIN_PREC
                      || json_integer_value(p) > TSA_CERTIFY_MAX_PREC))
        return TSA_ERROR(TSA_EFORMAT, "%s: prec: expected an integer in %d .. %d",
                         path, TSA_CERTIFY_MIN_PREC, TSA_CERTIFY_MAX_PREC);
    if ((st = optional_string(root, "note", path)) != TSA_SUCCESS
        || (st = cand_layout(rows, root, path)) != TSA_SUCCESS)
        return st;
    if (!json_is_array(W) || json_array_size(W) == 0
        || !json_is_array(json_array_get(W, 0)))
        return TSA_ERROR(TSA_EFORMAT, "%s: W: expected a %s array", path,
                         *rows ? "n x d" : "d x n");
    if (!json_is_array(V) || json_array_size(V) == 0
        || !json_is_array(json_array_get(V, 0)))
        return TSA_ERROR(TSA_EFORMAT, "%s: V: expected a %s array", path,
                         *rows ? "m x d" : "d x m");
    *d = json_array_size(*rows ? json_array_get(W, 0) : W);
    *n = json_array_size(*rows ? W : json_array_get(W, 0));
    *m = json_array_size(*rows ? V : json_array_get(V, 0));
    if ((json_object_get(root, "d") && (st = size_field(d, root, "d", path)))
        || (json_object_get(root, "n") && (st = size_field(n, root, "n", path)))
        || (json_object_get(root, "m") && (st = size_field(m, root, "m", path))))
        return st;
    /* the Hessian has (d n)^2 float64 entries: sizes whose arrays cannot
       be read are refused before any allocation */
    return tsa_certify_check_sizes(*d, *n, *m, path);
}

int
tsa_certify_cand_load(tsa_cand_t c, slong *rounded, const char *path,
                      slong prec)
{
    json_t *root;
    slong d, n, m, r = 0;
    int st, rows = 0;
    if (rounded != NULL)
        *rounded = 0;
    if ((st = _tsa_json_read(&root, path)) != TSA_SUCCESS)
        return st;
    st = cand_header(&d, &n, &m, &rows, root, path);
    if (st != TSA_SUCCESS)
    {
        json_decref(root);
        return st;
    }
    tsa_cand_init(c, d, n, m);
    st = _tsa_cand_matrix_lay(c->W, root, "W", d, n, path, prec,
                              TSA_ENTRY_ROUND, &r, rows);
    if (st == TSA_SUCCESS)
        st = _tsa_cand_matrix_lay(c->V, root, "V", d, m, path, prec, 0, NULL,
                                  rows);
    if (st == TSA_SUCCESS)
        st = decimal_matrix_check(root, "W_decimal", c->W, d, n, path, rows);
    json_decref(root);
    if (st != TSA_SUCCESS)
        tsa_cand_clear(c);
    else if (rounded != NULL)
        *rounded = r;
    return st;
}

int
tsa_certify_cand_read(tsa_cand_t c, const char *path, slong prec)
{
    return tsa_certify_cand_load(c, NULL, path, prec);
}


json_t *
_tsa_matrix_json(arb_srcptr v, slong d, slong cols, int exact, slong digits)
{
    json_t *M = json_array();
    slong a, i;
    arb_t x;
    arb_init(x);
    for (a = 0; a < d; a++)
    {
        json_t *row = json_array();
        for (i = 0; i < cols; i++)
        {
            char *s;
            /* exact == 2 (a box centre) and decimals: the midpoint only */
            arb_set(x, v + i * d + a);
            if (exact != 1)
                mag_zero(arb_radref(x));
            s = exact ? arb_dump_str(x) : arb_get_str(x, digits, ARB_STR_NO_RADIUS);
            json_array_append_new(row, json_string(s));
            flint_free(s);
        }
        json_array_append_new(M, row);
    }
    arb_clear(x);
    return M;
}

int
_tsa_sym_json(tsa_sym_t s, json_t *bl, const char *what)
{
    slong sizes[TSA_SYM_MAXB];
    size_t i;
    json_t *e;
    if (!json_is_array(bl) || json_array_size(bl) == 0)
        return TSA_ERROR(TSA_EFORMAT, "%s: expected an array of block sizes",
                         what);
    if (json_array_size(bl) > TSA_SYM_MAXB)
        return TSA_ERROR(TSA_EINVAL, "%s: more than %d blocks", what,
                         TSA_SYM_MAXB);
    json_array_foreach(bl, i, e)
    {
        if (!json_is_integer(e) || json_integer_value(e) < 1
            || json_integer_value(e) > TSA_CERTIFY_MAX_PARAMS)
            return TSA_ERROR(TSA_EFORMAT, "%s[%ld]: expected a positive size",
                             what, (long) i);
        sizes[i] = json_integer_value(e);
    }
    return tsa_sym_init(s, sizes, (slong) json_array_size(bl));
}

int
tsa_certify_cand_read_sym(struct tsa_sym_s *s, int *found, const char *path)
{
    json_t *root, *sy;
    char what[300];
    int st;
    *found = 0;
    if ((st = _tsa_json_read(&root, path)) != TSA_SUCCESS)
        return st;
    sy = json_object_get(root, "symmetry");
    if (sy != NULL && !json_is_object(sy))
        st = TSA_ERROR(TSA_EFORMAT, "%s: symmetry: expected an object", path);
    else if (sy != NULL)
    {
        snprintf(what, sizeof what, "%s: symmetry.blocks", path);
        st = _tsa_sym_json(s, json_object_get(sy, "blocks"), what);
        *found = st == TSA_SUCCESS;
    }
    json_decref(root);
    return st;
}

char *
tsa_certify_cand_json(const tsa_cand_t c, const char *note,
                      const tsa_sym_struct *sym, slong prec)
{
    json_t *root = json_object();
    char *s;
    tsa_format_stamp(root, "candidate", TSA_FORMAT_CANDIDATE);
    if (note != NULL)
        json_object_set_new(root, "note", json_string(note));
    json_object_set_new(root, "d", json_integer(c->d));
    json_object_set_new(root, "n", json_integer(c->n));
    json_object_set_new(root, "m", json_integer(c->m));
    json_object_set_new(root, "prec", json_integer(prec));
    json_object_set_new(root, "layout", json_string("columns"));
    if (sym != NULL)
    {
        json_t *sy = json_object(), *bl = json_array();
        slong b;
        for (b = 0; b < sym->B; b++)
            json_array_append_new(bl, json_integer(sym->size[b]));
        json_object_set_new(sy, "blocks", bl);
        json_object_set_new(sy, "note", json_string(
            "W is invariant under permuting rows and columns inside each "
            "block (consecutive indices); tsalign certify then bounds "
            "lambda_min by the isotypic decomposition"));
        json_object_set_new(root, "symmetry", sy);
    }
    json_object_set_new(root, "V", _tsa_matrix_json(c->V, c->d, c->m, 1, 0));
    json_object_set_new(root, "W", _tsa_matrix_json(c->W, c->d, c->n, 2, 0));
    json_object_set_new(root, "W_decimal",
                        _tsa_matrix_json(c->W, c->d, c->n, 0,
                                         (slong) (prec * 0.30103) + 1));
    s = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    json_decref(root);
    return s;
}
