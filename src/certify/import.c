/* import.c -- a two-layer network from NumPy tensors (.npz state_dict or
 * .npy) and its teacher as a candidate file's text, every weight exact
 * (src/certify/tsa_npy.h, docs/tutorial.md). */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "certify_impl.h"
#include "tsa_format.h"
#include "tsa_io.h"
#include "tsa_npy.h"
#include "tsa_train.h"

typedef struct
{
    double *w;   /* node-major: w[i d + a] = node i, coordinate a */
    long nodes, d;
} nodes_t;

static int
ends_with(const char *s, const char *suffix)
{
    size_t l = strlen(s), k = strlen(suffix);
    return l >= k && strcmp(s + l - k, suffix) == 0;
}

static const char *
shown(char *b, size_t size, const tsa_npz_t *z, long i)
{
    return tsa_io_shown(b, size, tsa_npz_name(z, i));
}

/* the matrix of tensor i as nodes (rows: one per row) */
static int
tensor_nodes(nodes_t *M, tsa_npz_t *z, long i, int rows, const char *path)
{
    tsa_npy_t a;
    char b[128];
    long R, C, k, c;
    int st = tsa_npz_read(&a, z, i);
    if (st != TSA_SUCCESS)
        return st;
    R = a.rows;
    C = a.cols;
    M->nodes = rows ? R : C;
    M->d = rows ? C : R;
    if (a.ndim != 2)
        st = TSA_ERROR(TSA_EFORMAT, "%s: %s: a weight must be a 2-D matrix "
                       "(shape (%ld,))", path, shown(b, sizeof b, z, i), C);
    else if ((M->w = malloc(sizeof(double) * R * C)) == NULL)
        st = TSA_ERROR(TSA_ENOMEM, "%s: out of memory", path);
    for (k = 0; st == TSA_SUCCESS && k < M->nodes; k++)
        for (c = 0; c < M->d; c++)
            M->w[k * M->d + c] = rows ? a.data[k * C + c] : a.data[c * C + k];
    tsa_npy_clear(&a);
    return st;
}

/* the student's input dimension against the teacher's d */
static int
match(const nodes_t *W, long d, int rows, const tsa_npz_t *z, long i,
      const char *path)
{
    char b[128];
    long R = rows ? W->nodes : W->d, C = rows ? W->d : W->nodes;
    if (W->d == d)
        return TSA_SUCCESS;
    return TSA_ERROR(TSA_EFORMAT, "%s: %s: shape (%ld, %ld) %s d = %ld "
                     "(layout %s: %s)", path, shown(b, sizeof b, z, i), R, C,
                     W->nodes == d ? "is transposed: the teacher has"
                                   : "does not match the teacher's",
                     d, rows ? "rows" : "columns",
                     rows ? "one node per row, nodes x d"
                          : "one node per column, d x nodes");
}

/* the student: the tensor named name, or the first 2-D "...weight" */
static int
pick_student(long *idx, tsa_npz_t *z, const char *name, const char *path)
{
    tsa_npy_header_t h;
    long i;
    int st;
    char b[128];
    if (name != NULL)
    {
        *idx = tsa_npz_find(z, name);
        return *idx >= 0 ? TSA_SUCCESS
               : TSA_ERROR(TSA_EINVAL, "%s: no tensor '%s' (--student)", path,
                           tsa_io_shown(b, sizeof b, name));
    }
    for (i = 0; i < tsa_npz_count(z); i++)
    {
        if ((st = tsa_npz_header(&h, z, i)) != TSA_SUCCESS)
            return st;
        if (h.ndim == 2 && ends_with(tsa_npz_name(z, i), "weight"))
        {
            *idx = i;
            return TSA_SUCCESS;
        }
    }
    *idx = 0;
    if (tsa_npz_count(z) == 1)
        return TSA_SUCCESS;
    return TSA_ERROR(TSA_EINVAL, "%s: no 2-D tensor whose name ends in "
                     "\"weight\" (name the student with --student)", path);
}

/* every entry of tensor i equals want (biases 0, output weights 1) */
static int
all_equal(tsa_npz_t *z, long i, long n, double want, const char *what,
          const char *path)
{
    tsa_npy_t a;
    long k;
    char b[128];
    int st = tsa_npz_read(&a, z, i);
    if (st != TSA_SUCCESS)
        return st;
    if (a.rows * a.cols != n || (a.ndim == 2 && a.rows != 1))
        st = TSA_ERROR(TSA_EFORMAT, "%s: %s: %s: expected %ld entries in one "
                       "row (shape (%ld, %ld))", path,
                       shown(b, sizeof b, z, i), what, n, a.rows, a.cols);
    for (k = 0; st == TSA_SUCCESS && k < n; k++)
        if (a.data[k] != want)
            st = TSA_ERROR(TSA_EFORMAT, "%s: %s: entry %ld is %.17g: the "
                           "candidate model has %s", path,
                           shown(b, sizeof b, z, i), k, a.data[k], what);
    tsa_npy_clear(&a);
    return st;
}

/* the student's bias (zero) and output layer (ones), when present */
static int
check_rest(tsa_npz_t *z, long s, long skip, long n, int rows,
           const char *path)
{
    const char *name = tsa_npz_name(z, s);
    char bias[TSA_NPZ_MAX_NAME + 8];
    tsa_npy_header_t h;
    long i;
    int st;
    snprintf(bias, sizeof bias, "%.*s%s", (int) (strlen(name) - 6), name,
             "bias");
    if (ends_with(name, "weight") && (i = tsa_npz_find(z, bias)) >= 0
        && (st = all_equal(z, i, n, 0.0, "no biases", path)) != TSA_SUCCESS)
        return st;
    for (i = s + 1; i < tsa_npz_count(z); i++)
    {
        if (i == skip || !ends_with(tsa_npz_name(z, i), "weight"))
            continue;
        if ((st = tsa_npz_header(&h, z, i)) != TSA_SUCCESS)
            return st;
        if (h.ndim == 2 && h.shape[rows ? 1 : 0] == (uint64_t) n)
            return all_equal(z, i, n, 1.0, "unit output weights", path);
    }
    return TSA_SUCCESS;
}

/* V from a tsalign teacher or run file: layer 0, rows = nodes */
static int
teacher_json(nodes_t *V, const char *file)
{
    tsa_train_net *t;
    gsl_matrix_view W;
    size_t k;
    int st = tsa_train_teacher_read(&t, file, 0);
    if (st != TSA_SUCCESS)
        return st;
    if (t->nlayers != 2 || t->bias || t->out_bias || t->batchnorm
        || t->leak != 0 || t->size[2] != 1)
        st = TSA_ERROR(TSA_EFORMAT, "%s: teacher: expected two bias-free "
                       "ReLU layers with one output", file);
    if (st == TSA_SUCCESS)
        W = tsa_train_net_W(t, t->param, 1);
    for (k = 0; st == TSA_SUCCESS && k < t->size[1]; k++)
        if (gsl_matrix_get(&W.matrix, 0, k) != 1.0)
            st = TSA_ERROR(TSA_EFORMAT, "%s: teacher: layers[1].W[0][%lu] "
                           "is not 1 (unit output weights)", file,
                           (unsigned long) k);
    V->nodes = (long) t->size[1];
    V->d = (long) t->size[0];
    if (st == TSA_SUCCESS
        && (V->w = malloc(sizeof(double) * V->nodes * V->d)) == NULL)
        st = TSA_ERROR(TSA_ENOMEM, "%s: out of memory", file);
    if (st == TSA_SUCCESS)
        memcpy(V->w, t->param + t->off_W[0], sizeof(double) * V->nodes * V->d);
    tsa_train_net_free(t);
    return st;
}

/* V from a tensor of a .npy/.npz teacher file (or of the input) */
static int
teacher_tensor(nodes_t *V, long *idx, tsa_npz_t *z, const char *want,
               const char *like, int rows, const char *file)
{
    char b[128];
    *idx = want != NULL ? tsa_npz_find(z, want) : tsa_npz_find(z, like);
    if (*idx < 0 && want == NULL && tsa_npz_count(z) == 1)
        *idx = 0;
    if (*idx < 0)
        return TSA_ERROR(TSA_EINVAL, "%s: no teacher tensor '%s'%s", file,
                         tsa_io_shown(b, sizeof b, want ? want : like),
                         want ? " (--teacher-tensor)"
                              : " (named like the student; give --teacher-tensor)");
    return tensor_nodes(V, z, *idx, rows, file);
}

static json_t *
hex_matrix(const nodes_t *M, int rows)
{
    json_t *A = json_array();
    long R = rows ? M->nodes : M->d, C = rows ? M->d : M->nodes, r, c;
    char s[40];
    for (r = 0; r < R; r++)
    {
        json_t *row = json_array();
        for (c = 0; c < C; c++)
        {
            double x = rows ? M->w[r * M->d + c] : M->w[c * M->d + r];
            snprintf(s, sizeof s, x == 0 ? "0" : "%a", x);
            json_array_append_new(row, json_string(s));
        }
        json_array_append_new(A, row);
    }
    return A;
}

static char *
cand_text(const nodes_t *W, const nodes_t *V, int rows, const char *note)
{
    json_t *root = tsa_format_object("candidate", TSA_FORMAT_CANDIDATE);
    char *s;
    json_object_set_new(root, "note", json_string(note));
    json_object_set_new(root, "d", json_integer(W->d));
    json_object_set_new(root, "n", json_integer(W->nodes));
    json_object_set_new(root, "m", json_integer(V->nodes));
    json_object_set_new(root, "layout", json_string(rows ? "rows" : "columns"));
    json_object_set_new(root, "V", hex_matrix(V, rows));
    json_object_set_new(root, "W", hex_matrix(W, rows));
    s = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    json_decref(root);
    return s;
}

static void
identity(nodes_t *V, long d)
{
    long i;
    V->nodes = V->d = d;
    V->w = calloc((size_t) (d * d), sizeof(double));
    for (i = 0; V->w != NULL && i < d; i++)
        V->w[i * d + i] = 1.0;
}

/* the teacher, before the student (it fixes d) */
static int
load_teacher(nodes_t *V, long *tidx, tsa_npz_t *z, const char *sname,
             const tsa_import_opts_t *o, const char *path)
{
    tsa_npz_t *tz;
    int st;
    *tidx = -1;
    if (o->teacher == NULL && o->teacher_tensor == NULL)
        return TSA_ERROR(TSA_EINVAL, "%s: no teacher: give --teacher "
                         "(identity, a file) or --teacher-tensor", path);
    if (o->teacher == NULL)
        return teacher_tensor(V, tidx, z, o->teacher_tensor, sname, o->rows,
                              path);
    if (strcmp(o->teacher, "identity") == 0)
        return TSA_SUCCESS; /* V = I_d once d is known */
    if (ends_with(o->teacher, ".json"))
        return teacher_json(V, o->teacher);
    if ((st = tsa_npz_open(&tz, o->teacher)) != TSA_SUCCESS)
        return st;
    st = teacher_tensor(V, tidx, tz, o->teacher_tensor, sname, o->rows,
                        o->teacher);
    *tidx = -1; /* not a tensor of the input */
    tsa_npz_close(tz);
    return st;
}

int
tsa_import_candidate(char **json, const char *path,
                     const tsa_import_opts_t *o)
{
    tsa_npz_t *z;
    nodes_t W = {NULL, 0, 0}, V = {NULL, 0, 0};
    long s, t;
    char note[600], b1[128], b2[128];
    int st;
    *json = NULL;
    if ((st = tsa_npz_open(&z, path)) != TSA_SUCCESS)
        return st;
    if ((st = pick_student(&s, z, o->student, path)) == TSA_SUCCESS
        && (st = tensor_nodes(&W, z, s, o->rows, path)) == TSA_SUCCESS
        && (st = load_teacher(&V, &t, z, tsa_npz_name(z, s), o, path))
               == TSA_SUCCESS
        && (V.w == NULL || (st = match(&W, V.d, o->rows, z, s, path))
                               == TSA_SUCCESS)
        && (st = check_rest(z, s, t, W.nodes, o->rows, path)) == TSA_SUCCESS)
    {
        if (V.w == NULL)
            identity(&V, W.d);
        st = V.w == NULL ? TSA_ERROR(TSA_ENOMEM, "out of memory")
             : tsa_certify_check_sizes(W.d, W.nodes, V.nodes, path);
    }
    if (st == TSA_SUCCESS)
    {
        snprintf(note, sizeof note, "imported by tsalign import from %s: "
                 "student '%s', teacher %s%s", tsa_io_shown(b1, sizeof b1, path),
                 shown(b2, sizeof b2, z, s),
                 o->teacher ? "" : "tensor ",
                 o->teacher ? o->teacher : o->teacher_tensor);
        if ((*json = cand_text(&W, &V, o->rows, note)) == NULL)
            st = TSA_ERROR(TSA_ENOMEM, "out of memory");
    }
    free(W.w);
    free(V.w);
    tsa_npz_close(z);
    return st;
}
