/* cand_json.c -- candidate files (docs/formats.md "Candidates"): teacher V
 * and student W as d x n matrices of exact strings. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "certify_impl.h"
#include "tsa_io.h"

/* one entry: JSON number (a double, exact), or string: Arb dump (has a
 * space) or tsa_io_parse_arb syntax */
static int
entry(arb_t x, json_t *v, const char *what, slong prec)
{
    if (json_is_integer(v))
    {
        arb_set_si(x, (slong) json_integer_value(v));
        return TSA_SUCCESS;
    }
    if (json_is_real(v))
    {
        arb_set_d(x, json_real_value(v));
        return TSA_SUCCESS;
    }
    if (json_is_string(v))
    {
        const char *s = json_string_value(v);
        if (strchr(s, ' ') != NULL && s[0] != '[')
        {
            if (arb_load_str(x, s) != 0 || !arb_is_finite(x))
                return TSA_ERROR(TSA_EFORMAT, "%s: '%s' is not an Arb dump",
                                 what, s);
            return TSA_SUCCESS;
        }
        return tsa_io_parse_arb(x, s, what, prec);
    }
    return TSA_ERROR(TSA_EFORMAT, "%s: expected a number or a string", what);
}


int
_tsa_cand_matrix(arb_ptr v, json_t *root, const char *key, slong d,
                 slong cols, const char *path, slong prec)
{
    json_t *M = json_object_get(root, key);
    slong a, i;
    char what[256];
    if (!json_is_array(M) || (slong) json_array_size(M) != d)
        return TSA_ERROR(TSA_EFORMAT, "%s: %s: expected an array of %ld rows",
                         path, key, (long) d);
    for (a = 0; a < d; a++)
    {
        json_t *row = json_array_get(M, a);
        if (!json_is_array(row) || (slong) json_array_size(row) != cols)
            return TSA_ERROR(TSA_EFORMAT, "%s: %s[%ld]: expected %ld entries",
                             path, key, (long) a, (long) cols);
        for (i = 0; i < cols; i++)
        {
            int st;
            snprintf(what, sizeof what, "%s: %s[%ld][%ld]", path, key,
                     (long) a, (long) i);
            st = entry(v + i * d + a, json_array_get(row, i), what, prec);
            if (st != TSA_SUCCESS)
                return st;
        }
    }
    return TSA_SUCCESS;
}

static int
size_field(slong *x, json_t *root, const char *key, const char *path)
{
    json_t *v = json_object_get(root, key);
    if (!json_is_integer(v) || json_integer_value(v) < 1
        || json_integer_value(v) > 100000)
        return TSA_ERROR(TSA_EFORMAT, "%s: %s: expected a positive integer",
                         path, key);
    *x = (slong) json_integer_value(v);
    return TSA_SUCCESS;
}

int
tsa_certify_cand_read(tsa_cand_t c, const char *path, slong prec)
{
    json_error_t err;
    json_t *root = json_load_file(path, 0, &err);
    slong d, n, m;
    int st;
    if (root == NULL)
    {
        if (err.line < 1)
            return TSA_ERROR(TSA_EIO, "%s: %s", path, err.text);
        return TSA_ERROR(TSA_EFORMAT, "%s: line %d: %s", path, err.line,
                         err.text);
    }
    {
        /* sizes from the fields, or from the matrices */
        json_t *W = json_object_get(root, "W"), *V = json_object_get(root, "V");
        if (!json_is_array(W) || json_array_size(W) == 0
            || !json_is_array(json_array_get(W, 0)))
        {
            json_decref(root);
            return TSA_ERROR(TSA_EFORMAT, "%s: W: expected a d x n array", path);
        }
        if (!json_is_array(V) || json_array_size(V) == 0
            || !json_is_array(json_array_get(V, 0)))
        {
            json_decref(root);
            return TSA_ERROR(TSA_EFORMAT, "%s: V: expected a d x m array", path);
        }
        d = json_array_size(W);
        n = json_array_size(json_array_get(W, 0));
        m = json_array_size(json_array_get(V, 0));
        if ((json_object_get(root, "d") && (st = size_field(&d, root, "d", path)))
            || (json_object_get(root, "n") && (st = size_field(&n, root, "n", path)))
            || (json_object_get(root, "m") && (st = size_field(&m, root, "m", path))))
        {
            json_decref(root);
            return st;
        }
    }
    /* the Hessian has (d n)^2 float64 entries (and the certifier keeps a
       few such matrices): refuse sizes that cannot fit rather than abort
       in an allocation */
    if (d * n > TSA_CERTIFY_MAX_PARAMS || d * m > TSA_CERTIFY_MAX_PARAMS)
    {
        json_decref(root);
        return TSA_ERROR(TSA_EINVAL, "%s: %ld x %ld student (%ld parameters) exceeds "
                         "the limit of %d parameters", path, (long) d, (long) n,
                         (long) (d * n), TSA_CERTIFY_MAX_PARAMS);
    }
    tsa_cand_init(c, d, n, m);
    st = _tsa_cand_matrix(c->W, root, "W", d, n, path, prec);
    if (st == TSA_SUCCESS)
        st = _tsa_cand_matrix(c->V, root, "V", d, m, path, prec);
    json_decref(root);
    if (st != TSA_SUCCESS)
        tsa_cand_clear(c);
    return st;
}


json_t *
_tsa_matrix_json(arb_srcptr v, slong d, slong cols, int exact, slong digits)
{
    json_t *M = json_array();
    slong a, i;
    for (a = 0; a < d; a++)
    {
        json_t *row = json_array();
        for (i = 0; i < cols; i++)
        {
            char *s = exact ? arb_dump_str(v + i * d + a)
                            : arb_get_str(v + i * d + a, digits, ARB_STR_NO_RADIUS);
            json_array_append_new(row, json_string(s));
            flint_free(s);
        }
        json_array_append_new(M, row);
    }
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
    json_error_t err;
    json_t *root = json_load_file(path, 0, &err), *sy;
    char what[300];
    int st = TSA_SUCCESS;
    *found = 0;
    if (root == NULL)
        return TSA_ERROR(TSA_EFORMAT, "%s: line %d: %s", path, err.line, err.text);
    sy = json_object_get(root, "symmetry");
    if (sy != NULL)
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
    json_object_set_new(root, "format", json_string("tsalign-candidate-1"));
    if (note != NULL)
        json_object_set_new(root, "note", json_string(note));
    json_object_set_new(root, "d", json_integer(c->d));
    json_object_set_new(root, "n", json_integer(c->n));
    json_object_set_new(root, "m", json_integer(c->m));
    json_object_set_new(root, "prec", json_integer(prec));
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
    json_object_set_new(root, "W", _tsa_matrix_json(c->W, c->d, c->n, 1, 0));
    json_object_set_new(root, "W_decimal",
                        _tsa_matrix_json(c->W, c->d, c->n, 0,
                                         (slong) (prec * 0.30103) + 1));
    s = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    json_decref(root);
    return s;
}
