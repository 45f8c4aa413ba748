/* runfile.c -- run files (docs/formats.md): JSON with configuration,
 * versions, teacher and student weights as hex floats, the SGD random
 * stream, the metric trajectory and the final metrics; reading back a
 * configuration, a teacher, or a whole state for --resume. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <jansson.h>
#include "tsa_io.h"
#include "tsa_format.h"
#include "tsa_train.h"
#include "train_impl.h"

/* GSL's MT19937 state (gsl/rng/mt.c); checked against gsl_rng_size. */
typedef struct
{
    unsigned long mt[624];
    int mti;
} mt_state_t;

static json_t *
jreal(double x)
{
    return isfinite(x) ? json_real(x) : json_null();
}

static json_t *
jhex(double x)
{
    char buf[40];
    snprintf(buf, sizeof buf, "%a", x);
    return json_string(buf);
}

static json_t *
hex_vec(const double *v, size_t n)
{
    json_t *a = json_array();
    size_t i;
    for (i = 0; i < n; i++)
        json_array_append_new(a, jhex(v[i]));
    return a;
}

static json_t *
real_mat(const double *v, size_t rows, size_t cols)
{
    json_t *a = json_array();
    size_t i, j;
    for (i = 0; i < rows; i++)
    {
        json_t *r = json_array();
        for (j = 0; j < cols; j++)
            json_array_append_new(r, jreal(v[i * cols + j]));
        json_array_append_new(a, r);
    }
    return a;
}

static json_t *
net_json(const tsa_train_net *net)
{
    json_t *o = json_object(), *layers = json_array(), *sz = json_array();
    size_t l, i;
    for (l = 0; l <= net->nlayers; l++)
        json_array_append_new(sz, json_integer((json_int_t) net->size[l]));
    json_object_set_new(o, "sizes", sz);
    json_object_set_new(o, "bias", json_boolean(net->bias));
    json_object_set_new(o, "out_bias", json_boolean(net->out_bias));
    json_object_set_new(o, "out_fixed", json_boolean(net->out_fixed));
    json_object_set_new(o, "batchnorm", json_boolean(net->batchnorm));
    json_object_set_new(o, "leak", jhex(net->leak));
    for (l = 0; l < net->nlayers; l++)
    {
        json_t *lo = json_object(), *W = json_array();
        size_t rows = net->size[l + 1], cols = net->size[l];
        for (i = 0; i < rows; i++)
            json_array_append_new(
                W, hex_vec(net->param + net->off_W[l] + i * cols, cols));
        json_object_set_new(lo, "W", W);
        if (net->off_b[l] != SIZE_MAX)
            json_object_set_new(lo, "b",
                                hex_vec(net->param + net->off_b[l], rows));
        if (net->off_gamma[l] != SIZE_MAX)
        {
            json_object_set_new(lo, "gamma",
                                hex_vec(net->param + net->off_gamma[l], rows));
            json_object_set_new(lo, "beta",
                                hex_vec(net->param + net->off_beta[l], rows));
        }
        json_array_append_new(layers, lo);
    }
    json_object_set_new(o, "layers", layers);
    return o;
}

static json_t *
config_json(const tsa_train_config *cfg)
{
    json_t *o = json_object();
    size_t i;
    char buf[1100];
    json_object_set_new(o, "preset", json_string(cfg->preset));
    for (i = 0; tsa_train_config_key(i) != NULL; i++)
    {
        const char *k = tsa_train_config_key(i);
        tsa_train_config_get(buf, sizeof buf, cfg, k);
        json_object_set_new(o, k, json_string(buf));
    }
    return o;
}

/* Mean rank of record i (LM sec. 4.2) w.r.t. the final best students. */
static double
mean_rank_at(const tsa_train_state *st, size_t i, const size_t *best)
{
    gsl_matrix_const_view r = gsl_matrix_const_view_array(
        st->rho_hist[i], st->rho[0]->size1, st->rho[0]->size2);
    return tsa_train_mean_rank(&r.matrix, best);
}

int
tsa_train_run_dump(char **text, const tsa_train_state *st)
{
    const tsa_train_config *cfg = &st->cfg;
    const tsa_train_net *t = st->teacher, *s = st->student;
    json_t *root = json_object(), *a, *o;
    char vbuf[2048], *line, *save = NULL;
    size_t i, j, k, l, m = st->rho[0]->size1, n = st->rho[0]->size2;
    size_t *best = calloc(m, sizeof(size_t));
    const mt_state_t *mt = gsl_rng_state(st->rng);

    *text = NULL;
    if (best == NULL || root == NULL)
    {
        free(best);
        json_decref(root);
        return TSA_ERROR(TSA_ENOMEM, "out of memory (run file)");
    }
    tsa_format_stamp(root, "run", TSA_FORMAT_RUN);
    a = json_array();
    tsa_versions(vbuf, sizeof vbuf);
    for (line = strtok_r(vbuf, "\n", &save); line != NULL;
         line = strtok_r(NULL, "\n", &save))
        json_array_append_new(a, json_string(line));
    json_object_set_new(root, "versions", a);
    json_object_set_new(root, "config", config_json(cfg));
    json_object_set_new(root, "teacher", net_json(t));
    json_object_set_new(root, "student", net_json(s));

    o = json_object();
    json_object_set_new(o, "step", json_integer((json_int_t) st->step));
    json_object_set_new(o, "rng", json_string(gsl_rng_name(st->rng)));
    {
        char *hx = malloc(624 * 8 + 1);
        if (hx != NULL)
        {
            for (i = 0; i < 624; i++)
                snprintf(hx + 8 * i, 9, "%08lx", mt->mt[i] & 0xffffffffUL);
            json_object_set_new(o, "rng_mt", json_string(hx));
            free(hx);
        }
        json_object_set_new(o, "rng_mti", json_integer(mt->mti));
    }
    json_object_set_new(root, "state", o);

    /* final winners for mean ranks */
    if (st->nhist > 0)
        tsa_train_rho_mean(NULL, best, st->rho[0], cfg->success_rho);
    a = json_array();
    for (i = 0; i < st->nhist; i++)
    {
        const tsa_train_record *r = &st->hist[i];
        json_t *ro = json_object(), *rl = json_array();
        json_object_set_new(ro, "step", json_integer((json_int_t) r->step));
        json_object_set_new(ro, "lr", jreal(r->lr));
        json_object_set_new(ro, "train_loss", jreal(r->train_loss));
        json_object_set_new(ro, "eval_loss", jreal(r->eval_loss));
        for (l = 0; l < cfg->nhidden; l++)
            json_array_append_new(rl, jreal(r->rho_mean_l[l]));
        json_object_set_new(ro, "rho_mean", rl);
        json_object_set_new(ro, "success", json_integer((json_int_t) r->success));
        json_object_set_new(ro, "aligned", json_integer((json_int_t) r->aligned));
        json_object_set_new(ro, "mean_rank", jreal(mean_rank_at(st, i, best)));
        if (r->eval_rows > 0) /* an estimate on the first rows */
            json_object_set_new(ro, "eval_rows",
                                json_integer((json_int_t) r->eval_rows));
        json_array_append_new(a, ro);
    }
    json_object_set_new(root, "trajectory", a);
    a = json_array();
    for (i = 0; i < st->nhist; i++)
        json_array_append_new(a, real_mat(st->rho_hist[i], m, n));
    json_object_set_new(root, "rho_history", a);

    if (st->nhist > 0)
    {
        const tsa_train_record *r = &st->hist[st->nhist - 1];
        size_t d = cfg->d, nrow = s->size[2];
        const double *Wt = t->param + t->off_W[0], *Ws = s->param + s->off_W[0];
        json_t *pt = json_array(), *ps = json_array(), *ang = json_array();
        o = json_object();
        json_object_set_new(o, "step", json_integer((json_int_t) r->step));
        json_object_set_new(o, "train_loss", jreal(r->train_loss));
        json_object_set_new(o, "eval_loss", jreal(r->eval_loss));
        json_object_set_new(o, "rho_mean", jreal(r->rho_mean));
        json_object_set_new(o, "teachers", json_integer((json_int_t) m));
        json_object_set_new(o, "success", json_integer((json_int_t) r->success));
        json_object_set_new(o, "success_rate",
                            jreal((double) r->success / (double) m));
        json_object_set_new(o, "aligned", json_integer((json_int_t) r->aligned));
        for (j = 0; j < m; j++)
        {
            json_t *e = json_object();
            double rho = gsl_matrix_get(st->rho[0], j, best[j]), fo = 0.0;
            double bt = t->off_b[0] != SIZE_MAX ? t->param[t->off_b[0] + j] : 0;
            double bs = s->off_b[0] != SIZE_MAX
                            ? s->param[s->off_b[0] + best[j]] : 0.0;
            for (k = 0; k < t->size[2]; k++)
            {
                double v = t->param[t->off_W[1] + k * m + j];
                fo += v * v;
            }
            json_object_set_new(e, "node", json_integer((json_int_t) j));
            json_object_set_new(e, "best_student",
                                json_integer((json_int_t) best[j]));
            json_object_set_new(e, "rho", jreal(rho));
            json_object_set_new(e, "specialised",
                                json_boolean(rho > cfg->success_rho));
            json_object_set_new(e, "angle",
                                jreal(tsa_train_angle(Wt + j * d,
                                                      Ws + best[j] * d, d)));
            json_object_set_new(e, "eps_aligned",
                                json_boolean(tsa_train_eps_aligned(
                                    Wt + j * d, bt, Ws + best[j] * d, bs, d,
                                    cfg->align_eps)));
            json_object_set_new(e, "fan_out_norm", jreal(sqrt(fo)));
            json_array_append_new(pt, e);
            {
                json_t *row = json_array();
                for (k = 0; k < n; k++)
                    json_array_append_new(
                        row, jreal(tsa_train_angle(Wt + j * d, Ws + k * d, d)));
                json_array_append_new(ang, row);
            }
        }
        for (k = 0; k < n; k++)
        {
            json_t *e = json_object();
            double fo = 0.0, nw = 0.0, mx = -2.0;
            size_t jb = 0;
            for (i = 0; i < nrow; i++)
            {
                double v = s->param[s->off_W[1] + i * n + k];
                fo += v * v;
            }
            for (i = 0; i < d; i++)
                nw += Ws[k * d + i] * Ws[k * d + i];
            for (j = 0; j < m; j++)
                if (gsl_matrix_get(st->rho[0], j, k) > mx)
                {
                    mx = gsl_matrix_get(st->rho[0], j, k);
                    jb = j;
                }
            json_object_set_new(e, "node", json_integer((json_int_t) k));
            json_object_set_new(e, "best_teacher", json_integer((json_int_t) jb));
            json_object_set_new(e, "rho", jreal(mx));
            json_object_set_new(e, "fan_out_norm", jreal(sqrt(fo)));
            json_object_set_new(e, "weight_norm", jreal(sqrt(nw)));
            json_array_append_new(ps, e);
        }
        json_object_set_new(o, "teacher_nodes", pt);
        json_object_set_new(o, "student_nodes", ps);
        json_object_set_new(o, "rho", real_mat(st->rho[0]->data, m, n));
        json_object_set_new(o, "angles", ang);
        a = json_array();
        for (l = 0; l < cfg->nhidden; l++)
            json_array_append_new(a, jreal(r->rho_mean_l[l]));
        json_object_set_new(o, "rho_mean_per_layer", a);
        json_object_set_new(root, "final", o);
    }
    free(best);
    *text = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER
                                 | JSON_REAL_PRECISION(17));
    json_decref(root);
    if (*text == NULL)
        return TSA_ERROR(TSA_ENOMEM, "out of memory (run file)");
    {
        /* end with a newline */
        size_t len = strlen(*text);
        char *t2 = realloc(*text, len + 2);
        if (t2 == NULL)
        {
            free(*text);
            *text = NULL;
            return TSA_ERROR(TSA_ENOMEM, "out of memory (run file)");
        }
        t2[len] = '\n';
        t2[len + 1] = '\0';
        *text = t2;
    }
    return TSA_SUCCESS;
}

/* ---------------------------------------------------------------- read */

static int
get_num(double *x, json_t *v, const char *what)
{
    if (json_is_string(v))
        return tsa_io_parse_double(x, json_string_value(v), what);
    if (json_is_number(v))
    {
        *x = json_number_value(v);
        if (!isfinite(*x))
            return TSA_ERROR(TSA_EDOM, "%s: not a finite number", what);
        return TSA_SUCCESS;
    }
    return TSA_ERROR(TSA_EFORMAT, "%s: not a number", what);
}

/* A weight of a teacher or student: finite, |x| <= TSA_TRAIN_MAX_SCALE
 * (so that no forward pass within the size limits overflows). */
static int
get_weight(double *x, json_t *v, const char *what)
{
    int s = get_num(x, v, what);
    if (s == TSA_SUCCESS && !(fabs(*x) <= TSA_TRAIN_MAX_SCALE))
        return TSA_ERROR(TSA_EINVAL, "%s: %g exceeds the limit %g in "
                         "absolute value", what, *x, TSA_TRAIN_MAX_SCALE);
    return s;
}

static int
load_json(json_t **root, const char *path)
{
    json_error_t err;
    struct stat sb;
    FILE *f = fopen(path, "r");
    *root = NULL;
    if (f == NULL)
        return TSA_ERROR(TSA_EIO, "%s: cannot read: %s", path,
                         strerror(errno));
    if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode))
    {
        fclose(f);
        return TSA_ERROR(TSA_EIO, "%s: cannot read: not a regular file", path);
    }
    if (sb.st_size > TSA_TRAIN_MAX_FILE)
    {
        fclose(f);
        return TSA_ERROR(TSA_EINVAL, "%s: %lld bytes exceeds the limit %d "
                         "bytes of a run or teacher file", path,
                         (long long) sb.st_size, TSA_TRAIN_MAX_FILE);
    }
    *root = json_loadf(f, JSON_REJECT_DUPLICATES, &err);
    fclose(f);
    if (*root == NULL)
    {
        if (err.line < 1)
            return TSA_ERROR(TSA_EIO, "%s: cannot read: %s", path, err.text);
        return TSA_ERROR(TSA_EFORMAT, "%s: line %d: %s", path, err.line,
                         err.text);
    }
    if (!json_is_object(*root))
    {
        json_decref(*root);
        return TSA_ERROR(TSA_EFORMAT, "%s: not a JSON object", path);
    }
    /* a run file (tagged "tsalign-run", or the first release's
       "tsalign-train-run" with format_version 1), a teacher file (tagged
       "tsalign-teacher" or untagged) */
    {
        static const char *const legacy[] = {"tsalign-train-run", NULL};
        json_t *f = json_object_get(*root, "format");
        int teacher = json_is_string(f) && strcmp(json_string_value(f), "tsalign-teacher") == 0;
        int s = tsa_format_check(*root, teacher ? "teacher" : "run", legacy,
                                 TSA_FORMAT_MAJOR, 1, path);
        if (s != TSA_SUCCESS)
        {
            json_decref(*root);
            *root = NULL;
            return s;
        }
    }
    return TSA_SUCCESS;
}

/* Fill the parameters of net from the "layers" array (sizes checked). */
static int
fill_net(tsa_train_net *net, json_t *layers, const char *path)
{
    size_t l, i, j;
    char what[1200];
    int s;
    for (l = 0; l < net->nlayers; l++)
    {
        json_t *lo = json_array_get(layers, l), *W = json_object_get(lo, "W");
        size_t rows = net->size[l + 1], cols = net->size[l];
        static const char *const vn[] = {"b", "gamma", "beta"};
        size_t offs[3];
        int v;
        for (i = 0; i < rows; i++)
        {
            json_t *row = json_array_get(W, i);
            if (json_array_size(row) != cols)
                return TSA_ERROR(TSA_EFORMAT, "%s: layers[%zu].W[%zu]: "
                                 "expected %zu entries", path, l, i, cols);
            for (j = 0; j < cols; j++)
            {
                snprintf(what, sizeof what, "%s: layers[%zu].W[%zu][%zu]",
                         path, l, i, j);
                s = get_weight(net->param + net->off_W[l] + i * cols + j,
                               json_array_get(row, j), what);
                if (s)
                    return s;
            }
        }
        offs[0] = net->off_b[l];
        offs[1] = net->off_gamma[l];
        offs[2] = net->off_beta[l];
        for (v = 0; v < 3; v++)
        {
            json_t *b = json_object_get(lo, vn[v]);
            if (offs[v] == SIZE_MAX)
                continue;
            if (b == NULL)
                continue; /* absent: zero bias (gamma 1 set at alloc) */
            if (json_array_size(b) != rows)
                return TSA_ERROR(TSA_EFORMAT, "%s: layers[%zu].%s: expected "
                                 "%zu entries", path, l, vn[v], rows);
            for (i = 0; i < rows; i++)
            {
                snprintf(what, sizeof what, "%s: layers[%zu].%s[%zu]", path,
                         l, vn[v], i);
                if ((s = get_weight(net->param + offs[v] + i,
                                    json_array_get(b, i), what)))
                    return s;
            }
        }
    }
    return TSA_SUCCESS;
}

static int
net_from_json(tsa_train_net **net, json_t *o, const char *path, int batchnorm,
              int out_fixed)
{
    json_t *layers = json_object_get(o, "layers"), *lk;
    size_t size[TSA_TRAIN_MAX_LAYERS + 1], L, l;
    int bias = 0, out_bias = 0, s;
    double leak = 0.0, nw = 0.0;

    *net = NULL;
    if (!json_is_array(layers) || json_array_size(layers) == 0)
        return TSA_ERROR(TSA_EFORMAT, "%s: layers: missing or empty", path);
    L = json_array_size(layers);
    if (L > TSA_TRAIN_MAX_LAYERS)
        return TSA_ERROR(TSA_EINVAL, "%s: layers: more than %d", path,
                         TSA_TRAIN_MAX_LAYERS);
    for (l = 0; l < L; l++)
    {
        json_t *lo = json_array_get(layers, l), *W = json_object_get(lo, "W");
        json_t *r0 = json_array_get(W, 0);
        size_t v, lim;
        if (!json_is_object(lo))
            return TSA_ERROR(TSA_EFORMAT, "%s: layers[%zu]: not an object",
                             path, l);
        if (!json_is_array(W) || json_array_size(W) == 0 || !json_is_array(r0)
            || json_array_size(r0) == 0)
            return TSA_ERROR(TSA_EFORMAT, "%s: layers[%zu].W: not a non-empty "
                             "matrix", path, l);
        for (v = 0; v < 3; v++)
        {
            static const char *const vn[] = {"b", "gamma", "beta"};
            json_t *b = json_object_get(lo, vn[v]);
            if (b != NULL && !json_is_array(b))
                return TSA_ERROR(TSA_EFORMAT, "%s: layers[%zu].%s: not an "
                                 "array", path, l, vn[v]);
        }
        if (l == 0 && json_array_size(r0) > TSA_TRAIN_MAX_D)
            return TSA_ERROR(TSA_EINVAL, "%s: layers[0].W: %zu columns "
                             "exceed the limit %d of d", path,
                             json_array_size(r0), TSA_TRAIN_MAX_D);
        lim = (l + 1 < L) ? TSA_TRAIN_MAX_WIDTH : TSA_TRAIN_MAX_OUTPUTS;
        if (json_array_size(W) > lim)
            return TSA_ERROR(TSA_EINVAL, "%s: layers[%zu].W: %zu rows exceed "
                             "the limit %zu", path, l, json_array_size(W),
                             lim);
        if (l == 0)
            size[0] = json_array_size(r0);
        else if (json_array_size(r0) != size[l])
            return TSA_ERROR(TSA_EFORMAT, "%s: layers[%zu].W: %zu columns, "
                             "layer below has %zu nodes", path, l,
                             json_array_size(r0), size[l]);
        size[l + 1] = json_array_size(W);
        /* the whole shape before any allocation: every row as wide */
        for (v = 1; v < size[l + 1]; v++)
            if (json_array_size(json_array_get(W, v)) != size[l])
                return TSA_ERROR(TSA_EFORMAT, "%s: layers[%zu].W[%zu]: "
                                 "expected %zu entries", path, l, v, size[l]);
        nw += (double) size[l + 1] * (double) size[l];
        if (8.0 * nw > TSA_TRAIN_MAX_BYTES)
            return TSA_ERROR(TSA_EINVAL, "%s: layers[%zu].W: more than %.3g "
                             "bytes of weights", path, l, TSA_TRAIN_MAX_BYTES);
        if (json_object_get(lo, "b") != NULL)
        {
            if (l + 1 < L)
                bias = 1;
            else
                out_bias = 1;
        }
    }
    lk = json_object_get(o, "leak");
    if (lk != NULL)
    {
        char what[1100];
        snprintf(what, sizeof what, "%s: leak", path);
        if ((s = get_num(&leak, lk, what)))
            return s;
        if (!(leak >= 0.0 && leak < 1.0))
            return TSA_ERROR(TSA_EINVAL, "%s: leak: %g not in [0, 1)", path,
                             leak);
    }
    if ((s = tsa_train_net_alloc(net, L, size, bias, out_bias, out_fixed,
                                 batchnorm, leak)))
        return s;
    if ((s = fill_net(*net, layers, path)))
    {
        tsa_train_net_free(*net);
        *net = NULL;
    }
    return s;
}

int
tsa_train_teacher_read(tsa_train_net **teacher, const char *path,
                       int out_fixed)
{
    json_t *root, *o;
    int s;
    *teacher = NULL;
    if ((s = load_json(&root, path)))
        return s;
    o = json_object_get(root, "teacher");
    s = net_from_json(teacher, o ? o : root, path, 0, out_fixed);
    json_decref(root);
    return s;
}

int
tsa_train_run_read_config(tsa_train_config *cfg, const char *path)
{
    json_t *root, *c, *v;
    const char *key;
    char what[1200], buf[64];
    int s = TSA_SUCCESS;

    if ((s = load_json(&root, path)))
        return s;
    c = json_object_get(root, "config");
    if (!json_is_object(c))
    {
        json_decref(root);
        return TSA_ERROR(TSA_EFORMAT, "%s: config: missing (not a run file?)",
                         path);
    }
    /* start from the preset the run used, then set every stored field */
    v = json_object_get(c, "preset");
    if (json_is_string(v) && json_string_value(v)[0] != '\0')
        s = tsa_train_config_preset(cfg, json_string_value(v));
    else
        s = tsa_train_config_preset(cfg, "ss2");
    json_object_foreach(c, key, v)
    {
        const char *txt = buf;
        if (s || strcmp(key, "preset") == 0)
            continue;
        snprintf(what, sizeof what, "%s: config.%s", path, key);
        if (json_is_string(v))
            txt = json_string_value(v);
        else if (json_is_integer(v))
            snprintf(buf, sizeof buf, "%lld", (long long) json_integer_value(v));
        else if (json_is_real(v))
            snprintf(buf, sizeof buf, "%.17g", json_real_value(v));
        else if (json_is_boolean(v))
            snprintf(buf, sizeof buf, "%s", json_is_true(v) ? "yes" : "no");
        else
        {
            s = TSA_ERROR(TSA_EFORMAT, "%s: not a value", what);
            continue;
        }
        s = tsa_train_config_set(cfg, key, txt, what);
    }
    json_decref(root);
    return s;
}

/* The SGD stream and step of a run file's "state": 624 words of 8 hex
 * digits, 0 <= rng_mti <= 624, 0 <= step <= TSA_TRAIN_MAX_STEPS. */
static int
read_rng_state(mt_state_t *mt, size_t *step, json_t *o, const char *path)
{
    const char *h = json_string_value(json_object_get(o, "rng_mt"));
    json_t *mti = json_object_get(o, "rng_mti"), *sp = json_object_get(o, "step");
    size_t i;
    if (h == NULL || strlen(h) != 624 * 8
        || strspn(h, "0123456789abcdefABCDEF") != 624 * 8)
        return TSA_ERROR(TSA_EFORMAT, "%s: state.rng_mt: not 624 words of 8 "
                         "hex digits", path);
    if (!json_is_integer(mti) || json_integer_value(mti) < 0
        || json_integer_value(mti) > 624)
        return TSA_ERROR(TSA_EFORMAT, "%s: state.rng_mti: not an integer in "
                         "0 .. 624", path);
    if (!json_is_integer(sp) || json_integer_value(sp) < 0
        || json_integer_value(sp) > TSA_TRAIN_MAX_STEPS)
        return TSA_ERROR(TSA_EFORMAT, "%s: state.step: not an integer in "
                         "0 .. %d", path, TSA_TRAIN_MAX_STEPS);
    for (i = 0; i < 624; i++)
    {
        char w[9];
        memcpy(w, h + 8 * i, 8);
        w[8] = '\0';
        mt->mt[i] = strtoul(w, NULL, 16);
    }
    mt->mti = (int) json_integer_value(mti);
    *step = (size_t) json_integer_value(sp);
    return TSA_SUCCESS;
}

/* A non-negative integer field of record i (at most max). */
static int
rec_count(size_t *x, json_t *r, const char *key, size_t max,
          const char *path, size_t i)
{
    json_t *v = json_object_get(r, key);
    if (!json_is_integer(v) || json_integer_value(v) < 0
        || (size_t) json_integer_value(v) > max)
        return TSA_ERROR(TSA_EFORMAT, "%s: trajectory[%zu].%s: not an "
                         "integer in 0 .. %zu", path, i, key, max);
    *x = (size_t) json_integer_value(v);
    return TSA_SUCCESS;
}

/* A number field of record i; null (a non-finite value written as null)
 * reads as NaN when nullable. */
static int
rec_num(double *x, json_t *v, int nullable, const char *path, size_t i,
        const char *key)
{
    char what[1200];
    if (nullable && json_is_null(v))
    {
        *x = NAN;
        return TSA_SUCCESS;
    }
    snprintf(what, sizeof what, "%s: trajectory[%zu].%s", path, i, key);
    return get_num(x, v, what);
}

/* Record i of a run file's trajectory, every field type-checked. */
static int
read_record(tsa_train_record *rec, json_t *r, const tsa_train_state *st,
            const char *path, size_t i)
{
    json_t *rm = json_object_get(r, "rho_mean");
    size_t l, m = st->teacher->size[1];
    int s;
    memset(rec, 0, sizeof *rec);
    if (!json_is_object(r))
        return TSA_ERROR(TSA_EFORMAT, "%s: trajectory[%zu]: not an object",
                         path, i);
    if ((s = rec_count(&rec->step, r, "step", TSA_TRAIN_MAX_STEPS, path, i))
        || (s = rec_count(&rec->success, r, "success", m, path, i))
        || (s = rec_count(&rec->aligned, r, "aligned", m, path, i))
        || (s = rec_num(&rec->lr, json_object_get(r, "lr"), 1, path, i, "lr"))
        || (s = rec_num(&rec->train_loss, json_object_get(r, "train_loss"), 1,
                        path, i, "train_loss"))
        || (s = rec_num(&rec->eval_loss, json_object_get(r, "eval_loss"), 1,
                        path, i, "eval_loss")))
        return s;
    if (json_object_get(r, "eval_rows") != NULL
        && (s = rec_count(&rec->eval_rows, r, "eval_rows", TSA_TRAIN_MAX_EVAL,
                          path, i)))
        return s;
    if (!json_is_array(rm) || json_array_size(rm) != st->cfg.nhidden)
        return TSA_ERROR(TSA_EFORMAT, "%s: trajectory[%zu].rho_mean: expected "
                         "%zu numbers", path, i, st->cfg.nhidden);
    for (l = 0; l < st->cfg.nhidden; l++)
        if ((s = rec_num(&rec->rho_mean_l[l], json_array_get(rm, l), 1, path,
                         i, "rho_mean")))
            return s;
    rec->rho_mean = rec->rho_mean_l[0];
    return TSA_SUCCESS;
}

/* rho_history[i]: m rows of n numbers (null: NaN). */
static int
read_rho(double *rho, json_t *rm, size_t m, size_t n, const char *path,
         size_t i)
{
    size_t j, k;
    char what[1200];
    int s;
    if (!json_is_array(rm) || json_array_size(rm) != m)
        return TSA_ERROR(TSA_EFORMAT, "%s: rho_history[%zu]: expected %zu "
                         "rows", path, i, m);
    for (j = 0; j < m; j++)
    {
        json_t *row = json_array_get(rm, j);
        if (!json_is_array(row) || json_array_size(row) != n)
            return TSA_ERROR(TSA_EFORMAT, "%s: rho_history[%zu][%zu]: "
                             "expected %zu numbers", path, i, j, n);
        for (k = 0; k < n; k++)
        {
            json_t *v = json_array_get(row, k);
            if (json_is_null(v))
            {
                rho[j * n + k] = NAN;
                continue;
            }
            snprintf(what, sizeof what, "%s: rho_history[%zu][%zu][%zu]",
                     path, i, j, k);
            if ((s = get_num(rho + j * n + k, v, what)))
                return s;
        }
    }
    return TSA_SUCCESS;
}

/* The file's last record is at the resumed step and exact because it
 * ended that run; an uninterrupted run to the new cfg.steps has an
 * estimate there (log.c): recompute it as such (the online training loss,
 * the last batch's, is kept), so that resuming gives the same records. */
static int
relog_last(tsa_train_state *st)
{
    tsa_train_record old;
    int s;
    if (st->nhist == 0 || st->hist[st->nhist - 1].step != st->step
        || st->hist[st->nhist - 1].eval_rows != 0
        || _tsa_train_log_is_full(st))
        return TSA_SUCCESS;
    old = st->hist[--st->nhist];
    free(st->rho_hist[st->nhist]);
    if ((s = tsa_train_state_log(st)) != TSA_SUCCESS)
        return s;
    if (st->cfg.opt != TSA_TRAIN_OPT_POP && st->Xtrain == NULL)
        st->hist[st->nhist - 1].train_loss = old.train_loss;
    return TSA_SUCCESS;
}

int
tsa_train_run_restore(tsa_train_state *st, const char *path)
{
    json_t *root, *so, *o, *traj, *rh;
    size_t i, m = st->rho[0]->size1, n = st->rho[0]->size2;
    int s;
    tsa_train_net *tmp;
    mt_state_t *mt = gsl_rng_state(st->rng);

    if (gsl_rng_size(st->rng) != sizeof(mt_state_t))
        return TSA_ERROR(TSA_EINVAL, "%s: this GSL's mt19937 state differs",
                         path);
    if ((s = load_json(&root, path)))
        return s;
    so = json_object_get(root, "student");
    if (so == NULL)
    {
        json_decref(root);
        return TSA_ERROR(TSA_EFORMAT, "%s: student: missing", path);
    }
    s = net_from_json(&tmp, so, path, st->student->batchnorm,
                      st->student->out_fixed);
    if (s == TSA_SUCCESS)
    {
        if (tmp->nparam != st->student->nparam || tmp->nlayers
            != st->student->nlayers || memcmp(tmp->size, st->student->size,
                                              sizeof tmp->size) != 0)
            s = TSA_ERROR(TSA_EFORMAT, "%s: student: shape does not match "
                          "the config", path);
        else
            memcpy(st->student->param, tmp->param,
                   tmp->nparam * sizeof(double));
        tsa_train_net_free(tmp);
    }
    o = json_object_get(root, "state");
    if (s == TSA_SUCCESS)
        s = read_rng_state(mt, &st->step, o, path);
    traj = json_object_get(root, "trajectory");
    rh = json_object_get(root, "rho_history");
    if (s == TSA_SUCCESS && traj != NULL
        && (!json_is_array(traj) || !json_is_array(rh)
            || json_array_size(traj) > TSA_TRAIN_MAX_RECORDS
            || json_array_size(rh) < json_array_size(traj)))
        s = TSA_ERROR(TSA_EFORMAT, "%s: trajectory: not an array of at most "
                      "%d records with as many rho_history entries", path,
                      TSA_TRAIN_MAX_RECORDS);
    for (i = 0; s == TSA_SUCCESS && i < json_array_size(traj); i++)
    {
        json_t *r = json_array_get(traj, i), *rm = json_array_get(rh, i);
        tsa_train_record rec;
        double *rho;
        if ((s = read_record(&rec, r, st, path, i)) != TSA_SUCCESS)
            break;
        rho = malloc(m * n * sizeof(double));
        if (rho == NULL)
        {
            s = TSA_ERROR(TSA_ENOMEM, "out of memory");
            break;
        }
        if ((s = read_rho(rho, rm, m, n, path, i)) != TSA_SUCCESS)
        {
            free(rho);
            break;
        }
        if (st->nhist == st->cap_hist)
        {
            size_t cap = st->cap_hist ? 2 * st->cap_hist : 64;
            void *h1 = realloc(st->hist, cap * sizeof *st->hist);
            void *h2 = h1 ? realloc(st->rho_hist, cap * sizeof(double *)) : NULL;
            if (h1)
                st->hist = h1;
            if (h2)
                st->rho_hist = h2;
            if (!h1 || !h2)
            {
                free(rho);
                s = TSA_ERROR(TSA_ENOMEM, "out of memory");
                break;
            }
            st->cap_hist = cap;
        }
        st->hist[st->nhist] = rec;
        st->rho_hist[st->nhist++] = rho;
    }
    json_decref(root);
    if (s == TSA_SUCCESS)
        s = relog_last(st);
    return s;
}
