/* config.c -- tsa_train_config: fields by name, parsing, checks, printing.
 * The key table below is the one list of configuration fields: the CLI
 * options (--key, '-' or '_'), the run file's "config" object and
 * --list-presets all come from it. */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_io.h"
#include "tsa_train.h"
#include "train_impl.h"

enum { K_SIZE, K_U64, K_BOOL, K_DOUBLE, K_LIST, K_ENUM, K_STR };

typedef struct
{
    const char *key;
    int type;
    size_t off;
    const char *const *names; /* K_ENUM: value names, index = value */
    const char *help;
} key_info;

static const char *const teacher_names[] = {"ss", "lm", "orthonormal",
                                            "single", "file", NULL};
static const char *const opt_names[] = {"sgd", "gd", "pop", NULL};
static const char *const aug_names[] = {"none", "agnostic", "aware", NULL};
static const char *const sched_names[] = {"const", "step", "inv", NULL};
static const char *const init_names[] = {"gauss", "he", NULL};

#define O(f) offsetof(tsa_train_config, f)
static const key_info keys[] = {
    {"seed", K_U64, O(seed), NULL, "random seed (all streams derive from it)"},
    {"d", K_SIZE, O(d), NULL, "input dimension"},
    {"outputs", K_SIZE, O(outputs), NULL, "output dimension C"},
    {"teacher_widths", K_LIST, O(teacher_h), NULL,
     "teacher hidden widths, comma separated (sets the depth)"},
    {"student_widths", K_LIST, O(student_h), NULL,
     "student hidden widths (overrides over)"},
    {"over", K_SIZE, O(over), NULL,
     "student width = over x teacher width per layer (0: use student_widths)"},
    {"bias", K_BOOL, O(bias), NULL, "student hidden layers have biases"},
    {"out_bias", K_BOOL, O(out_bias), NULL, "output layers have a bias"},
    {"out_fixed", K_BOOL, O(out_fixed), NULL,
     "student output weights fixed to 1 (not trained)"},
    {"batchnorm", K_BOOL, O(batchnorm), NULL,
     "student BatchNorm after each hidden linear layer"},
    {"leak", K_DOUBLE, O(leak), NULL, "sigma(z) = max(z, c z), c in [0, 1)"},
    {"teacher_kind", K_ENUM, O(teacher_kind), teacher_names,
     "how the teacher is made: ss|lm|orthonormal|single|file"},
    {"teacher_file", K_STR, O(teacher_file), NULL, "teacher JSON (kind file)"},
    {"teacher_bias", K_DOUBLE, O(teacher_bias), NULL,
     "ss: hidden bias of every teacher node"},
    {"bias_range", K_DOUBLE, O(bias_range), NULL,
     "lm: teacher biases U[-r, r]"},
    {"polarity", K_DOUBLE, O(polarity), NULL,
     "p >= 0: fan-out of teacher node j scaled by 1/(j+1)^p"},
    {"teacher_out_std", K_DOUBLE, O(teacher_out_std), NULL,
     "ss: teacher output weights N(0, s^2) before polarity"},
    {"sigma", K_DOUBLE, O(sigma), NULL, "input x ~ N(0, sigma^2 I)"},
    {"n_train", K_SIZE, O(n_train), NULL,
     "finite training set size (0: online, fresh samples)"},
    {"aug", K_ENUM, O(aug), aug_names,
     "SS Def. 7 augmentation: none|agnostic|aware"},
    {"aug_eps", K_DOUBLE, O(aug_eps), NULL, "augmentation epsilon"},
    {"aug_c", K_DOUBLE, O(aug_c), NULL, "augmentation constant c"},
    {"n_eval", K_SIZE, O(n_eval), NULL, "evaluation set size (metrics)"},
    {"opt", K_ENUM, O(opt), opt_names,
     "optimizer: sgd (minibatch) | gd (full batch) | pop (population GD)"},
    {"init", K_ENUM, O(init), init_names,
     "student init: gauss N(0, init_std^2) | he N(0, 2/fan_in/sigma0^2)"},
    {"init_std", K_DOUBLE, O(init_std), NULL, "student init N(0, s^2)"},
    {"lr", K_DOUBLE, O(lr), NULL, "learning rate"},
    {"lr_schedule", K_ENUM, O(lr_schedule), sched_names,
     "const | step (lr gamma^floor(t/every)) | inv (lr / (1 + t/every))"},
    {"lr_gamma", K_DOUBLE, O(lr_gamma), NULL, "step schedule factor"},
    {"lr_every", K_DOUBLE, O(lr_every), NULL, "schedule period (steps)"},
    {"batch", K_SIZE, O(batch), NULL, "SGD batch size"},
    {"steps", K_SIZE, O(steps), NULL, "optimizer steps (total)"},
    {"grad_tol", K_DOUBLE, O(grad_tol), NULL,
     "stop once |grad|_2 <= this (gd, pop; 0: run all steps)"},
    {"log_every", K_SIZE, O(log_every), NULL,
     "metrics every so many steps (0: about 50 records)"},
    {"metric_rows", K_SIZE, O(metric_rows), NULL,
     "records before the last use the first so many eval/train rows "
     "(0: all rows, exact)"},
    {"success_rho", K_DOUBLE, O(success_rho), NULL,
     "teacher j specialised when max_k rho_jk > this"},
    {"align_eps", K_DOUBLE, O(align_eps), NULL, "eps of SS Def. 3"},
    {"bn_eps", K_DOUBLE, O(bn_eps), NULL, "BatchNorm variance floor"},
    {NULL, 0, 0, NULL, NULL}};
#undef O

static const key_info *
find_key(const char *key)
{
    size_t i;
    char buf[64];
    size_t n = strlen(key);
    if (n >= sizeof buf)
        return NULL;
    for (i = 0; i <= n; i++)
        buf[i] = (key[i] == '-') ? '_' : key[i];
    for (i = 0; keys[i].key != NULL; i++)
        if (strcmp(keys[i].key, buf) == 0)
            return &keys[i];
    return NULL;
}

int
tsa_train_config_has_key(const char *key)
{
    return find_key(key) != NULL;
}

static int
parse_size(size_t *x, const char *s, const char *what)
{
    char *end;
    unsigned long long v;
    const char *p = s;
    while (*p == ' ')
        p++;
    if (*p == '-')
        return TSA_ERROR(TSA_EINVAL, "%s: '%s' is negative", what, s);
    if (*p < '0' || *p > '9')
        return TSA_ERROR(TSA_EFORMAT, "%s: '%s' is not a non-negative integer",
                         what, s);
    errno = 0;
    v = strtoull(p, &end, 10);
    if (errno != 0 || *end != '\0' || v > (unsigned long long) (SIZE_MAX / 16))
        return TSA_ERROR(TSA_EFORMAT, "%s: '%s' is not a non-negative integer",
                         what, s);
    *x = (size_t) v;
    return TSA_SUCCESS;
}

int
tsa_train_config_set(tsa_train_config *cfg, const char *key,
                     const char *value, const char *what)
{
    const key_info *k = find_key(key);
    char *base = (char *) cfg;
    int st;

    if (k == NULL)
        return TSA_ERROR(TSA_EINVAL, "%s: unknown field", what);
    switch (k->type)
    {
    case K_SIZE:
        return parse_size((size_t *) (base + k->off), value, what);
    case K_U64:
    {
        size_t v;
        char *end;
        if (value[0] < '0' || value[0] > '9') /* no sign, no blanks */
            return TSA_ERROR(TSA_EINVAL, "%s: '%s' is not a non-negative "
                             "integer", what, value);
        errno = 0;
        v = (size_t) strtoull(value, &end, 0);
        if (errno != 0 || *end != '\0')
            return TSA_ERROR(TSA_EFORMAT, "%s: '%s' is not a 64-bit integer",
                             what, value);
        *(uint64_t *) (base + k->off) = (uint64_t) v;
        return TSA_SUCCESS;
    }
    case K_BOOL:
        if (strcmp(value, "1") == 0 || strcmp(value, "yes") == 0
            || strcmp(value, "true") == 0 || strcmp(value, "on") == 0)
            *(int *) (base + k->off) = 1;
        else if (strcmp(value, "0") == 0 || strcmp(value, "no") == 0
                 || strcmp(value, "false") == 0 || strcmp(value, "off") == 0)
            *(int *) (base + k->off) = 0;
        else
            return TSA_ERROR(TSA_EFORMAT, "%s: '%s' is not a boolean "
                             "(yes/no, 1/0)", what, value);
        return TSA_SUCCESS;
    case K_DOUBLE:
        return tsa_io_parse_double((double *) (base + k->off), value, what);
    case K_LIST:
    {
        size_t v[TSA_TRAIN_MAX_LAYERS], n = 0;
        char buf[256], *tok, *save = NULL;
        char item[300];
        if (strlen(value) >= sizeof buf || value[0] == '\0')
            return TSA_ERROR(TSA_EFORMAT, "%s: '%s' is not a list of widths",
                             what, value);
        strcpy(buf, value);
        for (tok = strtok_r(buf, ",", &save); tok != NULL;
             tok = strtok_r(NULL, ",", &save))
        {
            if (n == TSA_TRAIN_MAX_LAYERS - 1)
                return TSA_ERROR(TSA_EINVAL, "%s: more than %d hidden layers",
                                 what, TSA_TRAIN_MAX_LAYERS - 1);
            snprintf(item, sizeof item, "%s[%zu]", what, n);
            if ((st = parse_size(&v[n], tok, item)) != TSA_SUCCESS)
                return st;
            if (v[n] == 0)
                return TSA_ERROR(TSA_EINVAL, "%s: width must be positive",
                                 item);
            n++;
        }
        if (n == 0)
            return TSA_ERROR(TSA_EFORMAT, "%s: '%s' is not a list of widths",
                             what, value);
        if (k->off == offsetof(tsa_train_config, teacher_h))
        {
            memcpy(cfg->teacher_h, v, n * sizeof(size_t));
            cfg->nhidden = n;
        }
        else
        {
            memcpy(cfg->student_h, v, n * sizeof(size_t));
            cfg->nstudent = n;
            cfg->over = 0;
        }
        return TSA_SUCCESS;
    }
    case K_ENUM:
    {
        int i;
        for (i = 0; k->names[i] != NULL; i++)
            if (strcmp(k->names[i], value) == 0)
            {
                *(int *) (base + k->off) = i;
                return TSA_SUCCESS;
            }
        return TSA_ERROR(TSA_EINVAL, "%s: unknown value '%s'", what, value);
    }
    case K_STR:
        if (strlen(value) >= sizeof cfg->teacher_file)
            return TSA_ERROR(TSA_EINVAL, "%s: too long", what);
        strcpy(base + k->off, value);
        return TSA_SUCCESS;
    }
    return TSA_ERROR(TSA_EINVAL, "%s: unknown field", what);
}

void
tsa_train_config_resolve(tsa_train_config *cfg)
{
    size_t l;
    if (cfg->over > 0)
    {
        for (l = 0; l < cfg->nhidden; l++)
            cfg->student_h[l] = cfg->over * cfg->teacher_h[l];
        cfg->nstudent = cfg->nhidden;
    }
}

#define BAD(field, ...) TSA_ERROR(TSA_EINVAL, "--" field ": " __VA_ARGS__)

int
tsa_train_config_check(const tsa_train_config *cfg)
{
    size_t l;
    int s;
    if (cfg->d == 0)
        return BAD("d", "must be positive");
    if (cfg->outputs == 0)
        return BAD("outputs", "must be positive");
    if (cfg->nhidden == 0 && cfg->teacher_kind != TSA_TRAIN_TEACHER_FILE)
        return BAD("teacher-widths", "at least one hidden layer needed");
    if (cfg->over == 0 && cfg->nstudent != cfg->nhidden)
        return BAD("student-widths", "%zu hidden layers, teacher has %zu",
                   cfg->nstudent, cfg->nhidden);
    for (l = 0; l < cfg->nhidden; l++)
        if (cfg->over == 0 && cfg->student_h[l] == 0)
            return BAD("student-widths", "width must be positive");
    if (!(cfg->leak >= 0.0 && cfg->leak < 1.0))
        return BAD("leak", "%g not in [0, 1)", cfg->leak);
    if (!(cfg->polarity >= 0.0))
        return BAD("polarity", "p = %g must be >= 0", cfg->polarity);
    if (!(cfg->bias_range >= 0.0))
        return BAD("bias-range", "%g must be >= 0", cfg->bias_range);
    if (!(cfg->teacher_out_std >= 0.0))
        return BAD("teacher-out-std", "%g must be >= 0", cfg->teacher_out_std);
    if (!(cfg->sigma > 0.0))
        return BAD("sigma", "%g must be > 0", cfg->sigma);
    if (!(cfg->init_std >= 0.0))
        return BAD("init-std", "%g must be >= 0", cfg->init_std);
    if (!(cfg->lr > 0.0))
        return BAD("lr", "%g must be > 0", cfg->lr);
    if (cfg->lr_schedule == TSA_TRAIN_LR_STEP
        && !(cfg->lr_gamma > 0.0 && cfg->lr_gamma <= 1.0))
        return BAD("lr-gamma", "%g not in (0, 1]", cfg->lr_gamma);
    if (cfg->lr_schedule != TSA_TRAIN_LR_CONST && !(cfg->lr_every > 0.0))
        return BAD("lr-every", "%g must be > 0", cfg->lr_every);
    if (!(cfg->grad_tol >= 0.0))
        return BAD("grad-tol", "%g must be >= 0", cfg->grad_tol);
    if (cfg->batch == 0)
        return BAD("batch", "must be positive");
    if (cfg->batchnorm && cfg->opt == TSA_TRAIN_OPT_SGD && cfg->batch < 2)
        return BAD("batch", "BatchNorm needs batches of at least 2 samples");
    if (cfg->n_eval < 2)
        return BAD("n-eval", "at least 2 samples needed for correlations");
    if (!(cfg->success_rho > -1.0 && cfg->success_rho < 1.0))
        return BAD("success-rho", "%g not in (-1, 1)", cfg->success_rho);
    if (!(cfg->align_eps > 0.0))
        return BAD("align-eps", "%g must be > 0", cfg->align_eps);
    if (!(cfg->bn_eps > 0.0))
        return BAD("bn-eps", "%g must be > 0", cfg->bn_eps);
    if (cfg->aug != TSA_TRAIN_AUG_NONE)
    {
        if (cfg->n_train == 0)
            return BAD("aug", "needs a finite data set (--n-train N)");
        if (!(cfg->aug_eps > 0.0))
            return BAD("aug-eps", "%g must be > 0", cfg->aug_eps);
        if (!(cfg->aug_c > 0.0))
            return BAD("aug-c", "%g must be > 0", cfg->aug_c);
    }
    if (cfg->opt == TSA_TRAIN_OPT_GD && cfg->n_train == 0)
        return BAD("opt", "gd needs a finite data set (--n-train N)");
    if (cfg->opt == TSA_TRAIN_OPT_GD && cfg->batchnorm
        && cfg->n_train > TSA_TRAIN_GD_CHUNK)
        return BAD("opt", "gd with batchnorm needs n-train <= %d",
                   TSA_TRAIN_GD_CHUNK);
    if (cfg->opt == TSA_TRAIN_OPT_POP)
    {
        if (cfg->nhidden != 1)
            return BAD("opt", "pop needs a two-layer network (one hidden "
                       "layer)");
        if (cfg->batchnorm)
            return BAD("opt", "pop does not support batchnorm");
        if (cfg->out_bias)
            return BAD("opt", "pop does not support an output bias");
    }
    if (cfg->teacher_kind == TSA_TRAIN_TEACHER_FILE
        && cfg->teacher_file[0] == '\0')
        return BAD("teacher", "no teacher file given");
    if ((s = tsa_train_config_limits(cfg)) != TSA_SUCCESS)
        return s;
    return tsa_train_config_check_work(cfg);
}

void
tsa_train_config_fprint(FILE *f, const tsa_train_config *cfg)
{
    size_t i;
    char buf[1100];
    for (i = 0; keys[i].key != NULL; i++)
    {
        tsa_train_config_get(buf, sizeof buf, cfg, keys[i].key);
        fprintf(f, "  %-16s = %s\n", keys[i].key, buf);
    }
}

/* Text of one field (the run file and --list-presets use it). */
void
tsa_train_config_get(char *buf, size_t size, const tsa_train_config *cfg,
                     const char *key)
{
    const key_info *k = find_key(key);
    const char *base = (const char *) cfg;
    size_t l, n, len = 0;
    const size_t *v;
    buf[0] = '\0';
    if (k == NULL)
        return;
    switch (k->type)
    {
    case K_SIZE:
        snprintf(buf, size, "%zu", *(const size_t *) (base + k->off));
        break;
    case K_U64:
        snprintf(buf, size, "%" PRIu64, *(const uint64_t *) (base + k->off));
        break;
    case K_BOOL:
        snprintf(buf, size, "%s", *(const int *) (base + k->off) ? "yes" : "no");
        break;
    case K_DOUBLE:
        /* shortest decimal that reads back to the same double */
        tsa_train_fmt_double(buf, size, *(const double *) (base + k->off));
        break;
    case K_LIST:
        v = (const size_t *) (base + k->off);
        n = (k->off == offsetof(tsa_train_config, teacher_h)) ? cfg->nhidden
                                                              : cfg->nstudent;
        for (l = 0; l < n && len + 24 < size; l++)
            len += (size_t) snprintf(buf + len, size - len, "%s%zu",
                                     l ? "," : "", v[l]);
        break;
    case K_ENUM:
        snprintf(buf, size, "%s", k->names[*(const int *) (base + k->off)]);
        break;
    case K_STR:
        snprintf(buf, size, "%s", base + k->off);
        break;
    }
}

const char *
tsa_train_config_key(size_t i)
{
    return keys[i].key;
}

const char *
tsa_train_config_help(size_t i)
{
    return keys[i].help;
}

/* shortest "%.*g" that round-trips */
void
tsa_train_fmt_double(char *buf, size_t size, double x)
{
    int p;
    for (p = 1; p <= 17; p++)
    {
        snprintf(buf, size, "%.*g", p, x);
        if (strtod(buf, NULL) == x)
            return;
    }
}
