/* adv_render.c -- a case as a candidate file (docs/formats.md
 * "Candidates"), written the way a person or another program might:
 * Arb dumps, decimals, hex floats or JSON numbers. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include "adv.h"

static json_t *
entry(const arb_t x, int render, int digits)
{
    char *s, buf[64];
    json_t *j;
    double v;
    switch (render)
    {
    case R_DEC:
        s = arb_get_str(x, digits, ARB_STR_NO_RADIUS);
        j = json_string(s);
        flint_free(s);
        return j;
    case R_HEX:
    case R_NUM:
        v = arf_get_d(arb_midref(x), ARF_RND_NEAR);
        if (render == R_NUM)
            return json_real(v);
        snprintf(buf, sizeof buf, "%a", v);
        return json_string(buf);
    default:
        s = arb_dump_str(x);
        j = json_string(s);
        flint_free(s);
        return j;
    }
}

/* d x cols matrix, neurons as columns; texts (d cols entries, neuron-major)
   override the rendering when not NULL */
static json_t *
matrix(arb_srcptr v, char *const *texts, slong d, slong cols, int render,
       int digits)
{
    json_t *M = json_array();
    slong a, i;
    for (a = 0; a < d; a++)
    {
        json_t *row = json_array();
        for (i = 0; i < cols; i++)
            json_array_append_new(row, texts != NULL
                                  ? json_string(texts[i * d + a])
                                  : entry(v + i * d + a, render, digits));
        json_array_append_new(M, row);
    }
    return M;
}

char *
adv_case_json(const adv_case_t *cs)
{
    json_t *root = json_object();
    char *s, note[640];
    slong b;
    snprintf(note, sizeof note, "adversarial case %ld (%s, base %s): %s",
             cs->index, adv_class_name[cs->cls], cs->b->name, cs->desc);
    json_object_set_new(root, "format", json_string("tsalign-candidate-1"));
    json_object_set_new(root, "note", json_string(note));
    json_object_set_new(root, "d", json_integer(cs->c->d));
    json_object_set_new(root, "n", json_integer(cs->c->n));
    json_object_set_new(root, "m", json_integer(cs->c->m));
    if (cs->nb > 0)
    {
        json_t *sy = json_object(), *bl = json_array();
        for (b = 0; b < cs->nb; b++)
            json_array_append_new(bl, json_integer(cs->blocks[b]));
        json_object_set_new(sy, "blocks", bl);
        json_object_set_new(root, "symmetry", sy);
    }
    json_object_set_new(root, "V", matrix(cs->c->V, cs->vdec, cs->c->d,
                                          cs->c->m, R_EXACT, 0));
    json_object_set_new(root, "W", matrix(cs->c->W, NULL, cs->c->d, cs->c->n,
                                          cs->render, cs->digits));
    s = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    json_decref(root);
    return s;
}
