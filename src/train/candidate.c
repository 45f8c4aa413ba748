/* candidate.c -- the student of a two-layer run as a candidate file for
 * `tsalign polish` / `certify` (docs/formats.md "Candidates"). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "tsa_train.h"
#include "tsa_format.h"

/* columns = nodes: M[a][i] = W[i][a] of a net's first layer */
static json_t *
columns(const tsa_train_net *net)
{
    size_t d = net->size[0], n = net->size[1], a, i;
    json_t *M = json_array();
    char buf[40];
    for (a = 0; a < d; a++)
    {
        json_t *row = json_array();
        for (i = 0; i < n; i++)
        {
            snprintf(buf, sizeof buf, "%a", net->param[net->off_W[0] + i * d + a]);
            json_array_append_new(row, json_string(buf));
        }
        json_array_append_new(M, row);
    }
    return M;
}

static int
unit_outputs(const tsa_train_net *net)
{
    size_t k;
    if (net->size[2] != 1 || net->off_b[1] != SIZE_MAX)
        return 0;
    for (k = 0; k < net->size[1]; k++)
        if (net->param[net->off_W[1] + k] != 1.0)
            return 0;
    return 1;
}

int
tsa_train_candidate_dump(char **text, const tsa_train_state *st)
{
    const tsa_train_net *s = st->student, *t = st->teacher;
    json_t *root;
    char note[256];

    *text = NULL;
    if (s->nlayers != 2 || s->bias || t->bias || s->batchnorm
        || s->leak != 0.0 || !unit_outputs(s) || !unit_outputs(t))
        return TSA_ERROR(TSA_EINVAL, "--candidate: needs a two-layer ReLU "
                         "run without biases and with unit output weights "
                         "(e.g. --teacher orthonormal or single)");
    root = json_object();
    snprintf(note, sizeof note, "tsalign train: preset %s, seed %llu, "
             "step %zu, opt %s; float64 weights as hex floats",
             st->cfg.preset, (unsigned long long) st->cfg.seed, st->step,
             st->cfg.opt == TSA_TRAIN_OPT_POP ? "pop"
             : st->cfg.opt == TSA_TRAIN_OPT_GD ? "gd" : "sgd");
    tsa_format_stamp(root, "candidate", TSA_FORMAT_CANDIDATE);
    json_object_set_new(root, "note", json_string(note));
    json_object_set_new(root, "d", json_integer((json_int_t) s->size[0]));
    json_object_set_new(root, "n", json_integer((json_int_t) s->size[1]));
    json_object_set_new(root, "m", json_integer((json_int_t) t->size[1]));
    json_object_set_new(root, "V", columns(t));
    json_object_set_new(root, "W", columns(s));
    *text = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (*text == NULL)
        return TSA_ERROR(TSA_ENOMEM, "out of memory (candidate)");
    {
        size_t len = strlen(*text);
        char *t2 = realloc(*text, len + 2);
        if (t2 == NULL)
        {
            free(*text);
            *text = NULL;
            return TSA_ERROR(TSA_ENOMEM, "out of memory (candidate)");
        }
        t2[len] = '\n';
        t2[len + 1] = '\0';
        *text = t2;
    }
    return TSA_SUCCESS;
}
