/* family_cert.c -- certificates of block-symmetric points in orbit
 * coordinates ("format": "tsalign-orbit-certificate", docs/formats.md,
 * docs/certify.md s. 13): the k x k point is never written, only its
 * B (B + 1) orbit values (exact Arb dumps), the blocks and the box of the
 * free coordinates; verify re-derives every claim from them. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "orbit_impl.h"
#include "tsa_family.h"
#include "tsa_format.h"

void
tsa_family_cert_init(tsa_family_cert_t c)
{
    memset(c, 0, sizeof(tsa_family_cert_struct));
    arb_init(c->loss);
}

void
tsa_family_cert_clear(tsa_family_cert_t c)
{
    arb_clear(c->loss);
}

/* existence, loss and curvature over the box (docs s. 13) */
int
tsa_family_certify(tsa_family_cert_t c, const tsa_orbit_t p, slong prec)
{
    tsa_orbit_t Y;
    char why[256];
    double est;
    c->kind = TSA_CERT_UNDECIDED;
    c->rho = 0;
    if (tsa_family_krawczyk(&c->ratio, &c->rho, p, prec) != TSA_TRUE)
        return TSA_SUCCESS;
    tsa_family_box(Y, p, c->rho);
    if (tsa_orbit_loss(c->loss, Y, 0, prec) == TSA_SUCCESS)
    {
        if (tsa_orbit_lambda(&c->lambda, &est, why, Y, 0, prec) == TSA_TRUE)
            c->kind = TSA_CERT_MIN;
        else if (tsa_orbit_negcurv(&c->curv, Y, prec) == TSA_TRUE)
            c->kind = TSA_CERT_SADDLE;
        else
            c->kind = TSA_CERT_CRITICAL;
    }
    tsa_orbit_clear(Y);
    return TSA_SUCCESS;
}

/* the claims written with slack (docs s. 7): ratio halfway to 1, lambda
   x (1 - 1e-6), curvature halved, loss ball widened by 2^(-prec/2) */
static json_t *
claims(const tsa_family_cert_t c, slong prec)
{
    json_t *o = json_object();
    arb_t w;
    char *s;
    arb_init(w);
    json_object_set_new(o, "krawczyk", json_pack("{s:o}", "ratio",
                        _tsa_json_hex(c->ratio + (1 - c->ratio) / 2)));
    arb_set(w, c->loss);
    arb_add_error_2exp_si(w, -prec / 2);
    s = arb_get_str(w, (slong) (prec * 0.30103), 0);
    json_object_set_new(o, "loss", json_pack("{s:s, s:b}", "ball", s,
                        "positive", arb_is_positive(w)));
    flint_free(s);
    if (c->kind == TSA_CERT_MIN)
        json_object_set_new(o, "lambda_min", json_pack("{s:o, s:f}", "value",
                            _tsa_json_hex(c->lambda * (1 - 1e-6)), "decimal", c->lambda));
    else if (c->kind == TSA_CERT_SADDLE)
        json_object_set_new(o, "negative_curvature", json_pack("{s:o, s:f}",
                            "value", _tsa_json_hex(c->curv / 2), "decimal", c->curv));
    arb_clear(w);
    return o;
}

char *
tsa_family_cert_json(const tsa_family_cert_t c, const tsa_orbit_t p,
                     const char *family, slong prec)
{
    json_t *root = tsa_format_object("orbit-certificate", "1.0");
    json_t *bl = json_array(), *cen = json_array(), *dec = json_array();
    slong r, q;
    char *txt;
    for (r = 0; r < p->s.B; r++)
        json_array_append_new(bl, json_integer(p->s.size[r]));
    for (q = 0; q < tsa_orbit_len(&p->s); q++)
    {
        char *d = arb_dump_str(p->y + q), *s = arb_get_str(p->y + q, 20, 0);
        json_array_append_new(cen, json_string(d));
        json_array_append_new(dec, json_string(s));
        flint_free(d);
        flint_free(s);
    }
    json_object_set_new(root, "family", json_string(family));
    json_object_set_new(root, "k", json_integer(p->s.k));
    json_object_set_new(root, "blocks", bl);
    json_object_set_new(root, "teacher", json_string("identity"));
    json_object_set_new(root, "prec", json_integer(prec));
    json_object_set_new(root, "centre", cen);
    json_object_set_new(root, "centre_decimal", dec);
    json_object_set_new(root, "radius", _tsa_json_hex(c->rho));
    json_object_set_new(root, "verdict",
                        json_string(tsa_cert_kind_name(c->kind)));
    json_object_set_new(root, "claims", claims(c, prec));
    txt = json_dumps(root, JSON_INDENT(1));
    json_decref(root);
    return txt;
}
