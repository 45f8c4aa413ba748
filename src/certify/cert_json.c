/* cert_json.c -- the certificate file (docs/formats.md "Certificates").
 * Every claim is stated with some slack (docs/certify.md s. 7) so that an
 * independent re-derivation at another precision can confirm it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "certify_impl.h"
#include "tsa_format.h"

json_t *
_tsa_json_hex(double x)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%a", x);
    return json_string(buf);
}

static json_t *
dec(double x)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.6g", x);
    return json_string(buf);
}

/* a ball widened by 2^-(prec/2) relative (and absolute) slack, printed */
static json_t *
slack_ball(const arb_t x, slong prec)
{
    arb_t y;
    mag_t e;
    char *s;
    json_t *j;
    arb_init(y);
    mag_init(e);
    arb_get_mag(e, x);
    mag_max(e, e, arb_radref(x));
    {
        mag_t one;
        mag_init(one);
        mag_one(one);
        mag_max(e, e, one);
        mag_clear(one);
    }
    mag_mul_2exp_si(e, e, -prec / 2);
    /* at least the enclosure's own radius again: the claim must be
       re-derivable by verify's independent path, whose enclosures of the
       same range (other formulas) can be somewhat wider */
    mag_max(e, e, arb_radref(x));
    arb_set(y, x);
    arb_add_error_mag(y, e);
    s = arb_get_str(y, (slong) (prec * 0.30103 / 2) + 4, 0);
    j = json_string(s);
    flint_free(s);
    mag_clear(e);
    arb_clear(y);
    return j;
}

static json_t *
claim(const char *name, const char *statement)
{
    json_t *c = json_object();
    json_object_set_new(c, "name", json_string(name));
    json_object_set_new(c, "statement", json_string(statement));
    return c;
}

char *
tsa_certify_cert_json(const tsa_cert_t r, const tsa_cand_t c,
                      const tsa_cert_opts_t *o)
{
    json_t *root = json_object(), *prob = json_object(), *box = json_object();
    json_t *claims = json_array(), *cl;
    slong n = c->n, m = c->m, d = c->d, i, t, prec = r->prec;
    char vers[1024], *s;
    (void) o;

    tsa_format_stamp(root, "certificate", TSA_FORMAT_CERTIFICATE);
    json_object_set_new(prob, "model", json_string(
        "J(W) = 1/2 E[(sum_i relu(w_i.x) - sum_t relu(v_t.x))^2], "
        "x ~ N(0, I_d), unit output weights, zero bias"));
    json_object_set_new(prob, "d", json_integer(d));
    json_object_set_new(prob, "n", json_integer(n));
    json_object_set_new(prob, "m", json_integer(m));
    json_object_set_new(prob, "V", _tsa_matrix_json(c->V, d, m, 1, 0));
    json_object_set_new(root, "problem", prob);

    json_object_set_new(box, "norm", json_string("max: every W[a][i] in "
                                                 "center[a][i] +- radius"));
    /* the centre is the exact midpoint of W (docs/formats.md) */
    json_object_set_new(box, "center", _tsa_matrix_json(c->W, d, n, 2, 0));
    json_object_set_new(box, "center_decimal",
                        _tsa_matrix_json(c->W, d, n, 0, 20));
    json_object_set_new(box, "radius", _tsa_json_hex(r->radius));
    json_object_set_new(box, "radius_decimal", dec(r->radius));
    json_object_set_new(root, "box", box);

    json_object_set_new(root, "verdict", json_string(tsa_cert_kind_name(r->kind)));
    json_object_set_new(root, "critical_point_exists",
                        json_string(tsa_truth_name(r->exists)));
    if (r->reason[0])
        json_object_set_new(root, "reason", json_string(r->reason));

    if (r->kind == TSA_CERT_GLOBAL_MIN)
    {
        cl = claim("exact_global_minimum", "the centre is exactly a column "
                   "permutation of V, so J = 0 there; J >= 0 everywhere");
        json_array_append_new(claims, cl);
    }
    else if (r->exists == TSA_TRUE)
    {
        cl = claim("smooth", "on the box every |w_i| >= min_norm and every "
                   "|cos angle| <= max_abs_cos < 1 (students and teachers): "
                   "J is analytic there");
        json_object_set_new(cl, "min_norm", _tsa_json_hex(r->min_norm * (1 - 1e-6)));
        json_object_set_new(cl, "max_abs_cos",
                            _tsa_json_hex(r->max_cos + (1 - r->max_cos) * 1e-3));
        json_array_append_new(claims, cl);
        if (r->kratio > 0 && r->kratio < 1)
        {
            cl = claim("krawczyk", "K(X) lies in the interior of X: exactly "
                       "one zero of grad J in the box (ratio = max_i |K_i - "
                       "x_i| / radius < 1)");
            json_object_set_new(cl, "ratio",
                                _tsa_json_hex(r->kratio + (1 - r->kratio) * 0.5));
            json_array_append_new(claims, cl);
        }
        if (r->monotone)
        {
            cl = claim("monotone", "|grad J(centre)|_2 <= grad_norm2 and "
                       "lambda_min >= the lambda_min claim on the box, with "
                       "grad_norm2 / lambda_min < radius: exactly one zero of "
                       "grad J in the box, within Euclidean distance "
                       "grad_norm2 / lambda_min of the centre");
            json_object_set_new(cl, "grad_norm2", _tsa_json_hex(r->gnorm2 * (1 + 1e-6)));
            json_array_append_new(claims, cl);
        }
        cl = claim("loss", "J(W) lies in the ball for every W in the box");
        json_object_set_new(cl, "ball", slack_ball(r->loss, prec));
        json_array_append_new(claims, cl);
        if (arb_is_positive(r->loss))
            json_array_append_new(claims, claim("loss_positive",
                "J > 0 on the box: the critical point is spurious"));
        if (r->kind == TSA_CERT_MIN && r->sym)
        {
            /* the claimed value follows from the two stated bounds */
            double cv = r->lambda_centre * (1 - 1e-6);
            double sp = r->spread * (1 + 1e-6) + 1e-300;
            double v = nextafter(cv - sp, -HUGE_VAL);
            json_t *bl = json_array();
            slong b;
            cl = claim("lambda_min", "lambda_min(Hessian) >= value on the whole "
                       "box: at the centre, which is exactly invariant under "
                       "the block permutations, lambda_min >= centre_value by "
                       "the isotypic decomposition (C - mu G positive definite "
                       "per component); on the box |H(x) - H(centre)|_2 <= "
                       "spread; value <= centre_value - spread (Weyl): a "
                       "strict local minimum");
            json_object_set_new(cl, "method", json_string("isotypic"));
            for (b = 0; b < r->sym_B; b++)
                json_array_append_new(bl, json_integer(r->sym_size[b]));
            json_object_set_new(cl, "blocks", bl);
            json_object_set_new(cl, "centre_value", _tsa_json_hex(cv));
            json_object_set_new(cl, "spread", _tsa_json_hex(sp));
            json_object_set_new(cl, "value", _tsa_json_hex(v));
            json_object_set_new(cl, "value_decimal", dec(v));
            json_array_append_new(claims, cl);
        }
        else if (r->kind == TSA_CERT_MIN)
        {
            cl = claim("lambda_min", "lambda_min(Hessian) >= value on the whole "
                       "box (Cholesky of mid H - shift I plus a rigorous "
                       "residual bound): a strict local minimum");
            json_object_set_new(cl, "value", _tsa_json_hex(r->lambda_lower * (1 - 1e-6)));
            json_object_set_new(cl, "value_decimal",
                                dec(r->lambda_lower * (1 - 1e-6)));
            json_object_set_new(cl, "shift", _tsa_json_hex(r->shift));
            json_array_append_new(claims, cl);
        }
        if (r->kind == TSA_CERT_SADDLE)
        {
            json_t *dir = json_array();
            cl = claim("negative_curvature", "v^T H v <= value < 0 for every "
                       "Hessian on the box: a saddle");
            for (i = 0; i < n * d; i++)
                json_array_append_new(dir, _tsa_json_hex(r->dir[i]));
            json_object_set_new(cl, "direction", dir);
            /* half the proved bound: the verdict needs only value < 0, and
               the slack lets verify's independent path, whose Hessian
               enclosure on the box is wider, re-derive it (docs/certify.md
               s. 11) */
            json_object_set_new(cl, "value", _tsa_json_hex(r->curv_upper * 0.5));
            json_object_set_new(cl, "value_decimal",
                                dec(r->curv_upper * 0.5));
            json_array_append_new(claims, cl);
        }
        {
            json_t *A = json_array(), *mn = json_array();
            cl = claim("angles", "angle(w_i, v_t) lies in balls[i][t] on the "
                       "box; min_over_students[t] = min_i angle(w_i, v_t) "
                       "(the epsilon of epsilon-alignment of teacher t)");
            for (i = 0; i < n; i++)
            {
                json_t *row = json_array();
                for (t = 0; t < m; t++)
                    json_array_append_new(row, slack_ball(r->ang + i * m + t, prec));
                json_array_append_new(A, row);
            }
            for (t = 0; t < m; t++)
                json_array_append_new(mn, slack_ball(r->minang + t, prec));
            json_object_set_new(cl, "balls", A);
            json_object_set_new(cl, "min_over_students", mn);
            json_array_append_new(claims, cl);
        }
    }
    json_object_set_new(root, "claims", claims);
    json_object_set_new(root, "prec", json_integer(prec));
    tsa_versions(vers, sizeof vers);
    json_object_set_new(root, "versions", json_string(vers));
    json_object_set_new(root, "seconds", json_real(r->seconds));
    s = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    json_decref(root);
    return s;
}
