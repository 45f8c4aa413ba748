/* preset.c -- the teacher-student setups of the seeds, by name.
 * Sources: SS = the student-specialization paper (SS) section 7 and the
 * reference configuration of its code release (m = 10 teacher nodes,
 * C = 50 outputs, bias -0.1, sigma 1.5, init N(0, 0.005^2), lr 0.01,
 * 10000 samples); LM = the Luck-matters paper (LM) section 4.2; Safran and
 * Shamir (2018) for the orthonormal teacher; AD abstract for "single". */
#include <string.h>
#include "tsa_train.h"

const tsa_train_preset_info tsa_train_presets[] = {
    {"ss2", "two-layer specialization (SS sec. 7): d=100, 10 teachers, "
            "5x students, C=50, polarity p=1"},
    {"deep", "deep specialization (SS sec. 7 / LM sec. 4.2): teacher "
             "50-75-100-125, d=20, sigma=10, 2x students"},
    {"lm", "luck matters small FC (LM sec. 4.2): teacher 10-15-20-25, "
           "weights in {-0.5..0.5}, biases U[-0.5,0.5], 10x students"},
    {"orthonormal", "Safran-Shamir: V = I_k (k = 6), n = k students, unit "
                    "output weights, population GD"},
    {"single", "one teacher neuron (AD setting), 3 students, unit output "
               "weights, population GD"},
    {NULL, NULL}};

static void
defaults(tsa_train_config *c)
{
    memset(c, 0, sizeof *c);
    c->seed = 1;
    c->d = 100;
    c->outputs = 1;
    c->nhidden = 1;
    c->teacher_h[0] = 10;
    c->over = 5;
    c->bias = 1;
    c->out_bias = 0;
    c->out_fixed = 0;
    c->batchnorm = 0;
    c->leak = 0.0;
    c->teacher_kind = TSA_TRAIN_TEACHER_SS;
    c->teacher_bias = -0.1;
    c->bias_range = 0.5;
    c->polarity = 0.0;
    c->teacher_out_std = 1.0;
    c->sigma = 1.0;
    c->n_train = 0;
    c->aug = TSA_TRAIN_AUG_NONE;
    c->aug_eps = 0.1;
    c->aug_c = 1.0;
    c->n_eval = 2000;
    c->opt = TSA_TRAIN_OPT_SGD;
    c->init = TSA_TRAIN_INIT_GAUSS;
    c->init_std = 0.005;
    c->lr = 0.01;
    c->lr_schedule = TSA_TRAIN_LR_CONST;
    c->lr_gamma = 0.5;
    c->lr_every = 1000.0;
    c->batch = 16;
    c->steps = 10000;
    c->log_every = 0;
    c->metric_rows = 128;
    c->success_rho = 0.95;
    c->align_eps = 0.1;
    c->bn_eps = 1e-5;
}

int
tsa_train_config_preset(tsa_train_config *c, const char *name)
{
    defaults(c);
    if (strcmp(name, "ss2") == 0)
    {
        c->d = 100;
        c->outputs = 50;
        c->teacher_h[0] = 10;
        c->over = 5;
        c->teacher_kind = TSA_TRAIN_TEACHER_SS;
        c->teacher_bias = -0.1;
        c->polarity = 1.0;
        c->sigma = 1.5;
        c->n_train = 10000;
        c->n_eval = 10000;
        c->init_std = 0.005;
        c->lr = 0.01;
        c->batch = 16;
        c->steps = 10000;
    }
    else if (strcmp(name, "deep") == 0 || strcmp(name, "lm") == 0)
    {
        int deep = (name[0] == 'd');
        static const size_t wd[] = {50, 75, 100, 125}, wl[] = {10, 15, 20, 25};
        c->d = 20;
        c->outputs = 100;
        c->nhidden = 4;
        memcpy(c->teacher_h, deep ? wd : wl, sizeof wd);
        c->over = deep ? 2 : 10;
        /* deep: SS's unit-norm teacher rows (bias -0.1) keep the teacher's
           outputs O(10) at sigma = 10; lm: LM's discrete weights */
        c->teacher_kind = deep ? TSA_TRAIN_TEACHER_SS : TSA_TRAIN_TEACHER_LM;
        c->bias_range = 0.5;
        c->sigma = 10.0;
        c->n_train = 0;
        c->n_eval = 5000;
        c->init = TSA_TRAIN_INIT_HE;
        c->lr = deep ? 1e-5 : 1e-4; /* outputs are O(10-100) at sigma = 10 */
        c->batch = 16;
        c->steps = 20000;
    }
    else if (strcmp(name, "orthonormal") == 0)
    {
        c->d = 6;
        c->outputs = 1;
        c->teacher_h[0] = 6;
        c->over = 1;
        c->bias = 0;
        c->out_fixed = 1;
        c->teacher_kind = TSA_TRAIN_TEACHER_ORTHO;
        c->sigma = 1.0;
        c->opt = TSA_TRAIN_OPT_POP;
        c->init_std = 0.408248290463863; /* 1/sqrt(6): N(0, I/k) */
        c->lr = 0.1;
        c->steps = 20000;
        c->n_eval = 4000;
    }
    else if (strcmp(name, "single") == 0)
    {
        c->d = 4;
        c->outputs = 1;
        c->teacher_h[0] = 1;
        c->over = 3;
        c->bias = 0;
        c->out_fixed = 1;
        c->teacher_kind = TSA_TRAIN_TEACHER_SINGLE;
        c->sigma = 1.0;
        c->opt = TSA_TRAIN_OPT_POP;
        c->init_std = 0.5;
        c->lr = 0.1;
        c->steps = 5000;
        c->n_eval = 4000;
    }
    else
        return TSA_ERROR(TSA_EINVAL, "--teacher: unknown preset '%s' (see "
                         "tsalign train --list-presets)", name);
    strncpy(c->preset, name, sizeof c->preset - 1);
    return TSA_SUCCESS;
}
