/* indep.c -- the independent path of `verify` (indep.h; docs/certify.md
 * "Independent verification"): every claim of a certificate re-derived
 * from the kernels (src/kernel), the AD functions (src/ad) and the own
 * Hessian, Krawczyk and LDL^T code of indep_*.c.  A claim is confirmed,
 * refuted, or (dense Hessian above TSA_INDEP_MAX_N) not checked, and the
 * summary says which. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "indep.h"
#include "tsa_io.h"

enum { REFUTED = 0, CONFIRMED = 1, UNCHECKED = 2 };

typedef struct
{
    const tsa_cand_struct *X;   /* the box: exact centre, radii rho */
    double rho;
    slong prec, N;
    arb_mat_t H;                /* Hessian on the box               */
    int hstate;                 /* 0 not yet, 1 ok, else the claim code */
    arb_ptr g;                  /* grad J at the centre             */
    int gstate;
    double lam;                 /* the lambda_min claim, or 0       */
    double gclaim;              /* monotone claim, or -1            */
    char why[160];
} ctx_t;

/* the certificate's numbers are read by verify's own readers (exact hex
   floats, bounded balls): the independent path shares the parsing only */
static int
get_hex(double *x, json_t *o, const char *key)
{
    return _tsa_cert_get_hex(x, o, key);
}

static int
get_ball(arb_t x, json_t *v, slong prec)
{
    return _tsa_cert_get_ball(x, v, "independent path", prec)
           && arb_is_finite(x);
}

#define SAY(...) snprintf(C->why, sizeof C->why, __VA_ARGS__)

static int
need_hess(ctx_t *C)
{
    if (C->hstate != 0)
        return C->hstate;
    if (C->N > TSA_INDEP_MAX_N)
    {
        SAY("N = %ld above %d", (long) C->N, TSA_INDEP_MAX_N);
        return C->hstate = UNCHECKED;
    }
    arb_mat_init(C->H, C->N, C->N);
    if (_tsa_indep_hess(C->H, C->X, TSA_INDEP_HPREC) != TSA_SUCCESS)
    {
        SAY("Hessian on the box: %.130s", tsa_error_last());
        return C->hstate = -1;
    }
    return C->hstate = CONFIRMED;
}

static int
need_grad(ctx_t *C)
{
    tsa_cand_t Y;
    slong k;
    if (C->gstate != 0)
        return C->gstate;
    tsa_cand_init(Y, C->X->d, C->X->n, C->X->m);
    tsa_cand_set(Y, C->X);
    for (k = 0; k < C->N; k++)
        mag_zero(arb_radref(Y->W + k));
    C->g = _arb_vec_init(C->N);
    C->gstate = _tsa_indep_grad(C->g, Y, C->prec) == TSA_SUCCESS ? CONFIRMED : -1;
    if (C->gstate != CONFIRMED)
        SAY("gradient at the centre: %.130s", tsa_error_last());
    tsa_cand_clear(Y);
    return C->gstate;
}

/* W's centre is exactly a column permutation of V (own matching) */
static int
c_global(ctx_t *C)
{
    const tsa_cand_struct *X = C->X;
    slong i, t, a, d = X->d;
    char *used;
    int ok = X->n == X->m;
    for (a = 0; a < d * X->m && ok; a++)
        ok = arb_is_exact(X->V + a);
    used = calloc(X->m + 1, 1);
    for (i = 0; i < X->n && ok; i++)
    {
        for (t = 0; t < X->m; t++)
        {
            int eq = !used[t];
            for (a = 0; a < d && eq; a++)
                eq = arf_equal(arb_midref(X->W + i * d + a),
                               arb_midref(X->V + t * d + a));
            if (eq)
                break;
        }
        ok = t < X->m;
        if (ok)
            used[t] = 1;
    }
    free(used);
    if (!ok)
        SAY("the centre is not a column permutation of V");
    return ok ? CONFIRMED : REFUTED;
}

/* |w_i| >= min_norm and |cos| <= max_abs_cos < 1 on the box */
static int
c_smooth(ctx_t *C, json_t *cl)
{
    const tsa_cand_struct *X = C->X;
    double mn, mc;
    arb_t b, th, c, s;
    _tsa_indep_geom_t G;
    slong i, j;
    int ok;
    if (!get_hex(&mn, cl, "min_norm") || !get_hex(&mc, cl, "max_abs_cos")
        || !(mc < 1))
    {
        SAY("malformed claim");
        return REFUTED;
    }
    arb_init(b);
    arb_init(th);
    arb_init(c);
    arb_init(s);
    _tsa_indep_geom_init(G, X, C->prec);
    ok = G->ok;
    arb_set_d(b, mn);
    for (i = 0; i < X->n && ok; i++)
        ok = arb_ge(G->nw + i, b);
    if (!ok)
        SAY("a student norm is not proved >= %.17g", mn);
    arb_set_d(b, mc);
    for (i = 0; i < X->n && ok; i++)
        for (j = i + 1; j < X->n + X->m && ok; j++)
        {
            _tsa_indep_angle(th, c, s, TSA_INDEP_U(G, i), TSA_INDEP_U(G, j),
                             X->d, C->prec);
            arb_abs(c, c);
            ok = arb_le(c, b);
            if (!ok)
                SAY("|cos| of neurons %ld, %ld not proved <= %.17g", (long) i,
                    (long) j, mc);
        }
    _tsa_indep_geom_clear(G);
    arb_clear(b);
    arb_clear(th);
    arb_clear(c);
    arb_clear(s);
    return ok ? CONFIRMED : REFUTED;
}

static int
c_krawczyk(ctx_t *C)
{
    double ratio;
    int h = need_hess(C);
    if (h != CONFIRMED)
        return h < 0 ? REFUTED : h;
    if (need_grad(C) != CONFIRMED)
        return REFUTED;
    if (_tsa_indep_krawczyk(&ratio, C->H, C->g, C->rho, TSA_INDEP_KPREC)
        != TSA_TRUE)
    {
        SAY("own Krawczyk bound %.6g is not < 1 on the box", ratio);
        return REFUTED;
    }
    return CONFIRMED;
}

/* |grad J(centre)|_2 <= grad_norm2 (the rest after the loop) */
static int
c_monotone(ctx_t *C, json_t *cl)
{
    arb_t s, b;
    int ok;
    if (!get_hex(&C->gclaim, cl, "grad_norm2") || !(C->gclaim >= 0))
    {
        SAY("malformed claim");
        return REFUTED;
    }
    if (need_grad(C) != CONFIRMED)
        return REFUTED;
    arb_init(s);
    arb_init(b);
    arb_dot(s, NULL, 0, C->g, 1, C->g, 1, C->N, C->prec);
    arb_sqrtpos(s, s, C->prec);
    arb_set_d(b, C->gclaim);
    ok = arb_le(s, b);
    if (!ok)
        SAY("|grad J(centre)|_2 = %.3g is not <= %.6g",
            arf_get_d(arb_midref(s), ARF_RND_NEAR), C->gclaim);
    arb_clear(s);
    arb_clear(b);
    return ok ? CONFIRMED : REFUTED;
}

/* J over the box by the mean value form: J(x) = J(c) + grad J(xi).(x - c),
 * so J(X) is in J(c) + sum_k grad_k J(X) [-rho_k, rho_k] (J(c) at the exact
 * centre).  Much tighter than evaluating the kernels on the box when the
 * box is wide: the direct form widens by |grad psi| rho per pair although
 * the pairs' first-order terms cancel near a critical point. */
static int
loss_mean_value(arb_t J, const tsa_cand_struct *X, slong prec)
{
    tsa_cand_t Y;
    arb_ptr g;
    arb_t t;
    slong k, N = X->n * X->d;
    int st;
    tsa_cand_init(Y, X->d, X->n, X->m);
    tsa_cand_set(Y, X);
    for (k = 0; k < N; k++)
        mag_zero(arb_radref(Y->W + k));
    g = _arb_vec_init(N);
    arb_init(t);
    st = _tsa_indep_loss(J, Y, prec);
    if (st == TSA_SUCCESS)
        st = _tsa_indep_grad(g, X, prec);
    for (k = 0; k < N && st == TSA_SUCCESS; k++)
    {
        arf_zero(arb_midref(t));
        mag_set(arb_radref(t), arb_radref(X->W + k));
        arb_addmul(J, g + k, t, prec);
    }
    arb_clear(t);
    _arb_vec_clear(g, N);
    tsa_cand_clear(Y);
    return st;
}

/* the loss claims: J(X) in the claimed ball, or J > 0 on X.  Two valid
 * enclosures of J(X): the kernels evaluated on the box, and the mean value
 * form; either one proving the claim suffices. */
static int
c_loss(ctx_t *C, json_t *cl, int positive)
{
    arb_t J, K, B;
    int ok = 0, have_b = 1, e1, e2;
    arb_init(J);
    arb_init(K);
    arb_init(B);
    e1 = _tsa_indep_loss(J, C->X, C->prec) == TSA_SUCCESS;
    e2 = loss_mean_value(K, C->X, C->prec) == TSA_SUCCESS;
    if (!positive)
        have_b = get_ball(B, json_object_get(cl, "ball"), C->prec);
    if (positive)
        ok = (e1 && arb_is_positive(J)) || (e2 && arb_is_positive(K));
    else if (have_b)
        ok = (e1 && arb_contains(B, J)) || (e2 && arb_contains(B, K));
    if (!ok)
        SAY("not confirmed by the kernel loss on the box");
    arb_clear(J);
    arb_clear(K);
    arb_clear(B);
    return ok ? CONFIRMED : REFUTED;
}

/* lambda_min >= value on the box (either method: the same inequality) */
static int
c_lambda(ctx_t *C, json_t *cl)
{
    double v;
    arb_t mu;
    int h, ok;
    if (!get_hex(&v, cl, "value") || !(v > 0))
    {
        SAY("malformed claim");
        return REFUTED;
    }
    C->lam = v;   /* for the monotone inequality, checked or not */
    h = need_hess(C);
    if (h != CONFIRMED)
        return h < 0 ? REFUTED : h;
    arb_init(mu);
    arb_set_d(mu, v);
    ok = _tsa_indep_pd(C->H, mu, TSA_INDEP_HPREC) == TSA_TRUE;
    arb_clear(mu);
    if (!ok)
    {
        SAY("LDL^T of H - %.6g I on the box has a pivot not proved > 0", v);
        return REFUTED;
    }
    return CONFIRMED;
}

static int
c_negcurv(ctx_t *C, json_t *cl)
{
    json_t *dir = json_object_get(cl, "direction");
    double v, *w;
    slong k;
    arb_t q, b;
    int h, ok = 1;
    if (!get_hex(&v, cl, "value") || !(v < 0) || !json_is_array(dir)
        || (slong) json_array_size(dir) != C->N)
    {
        SAY("malformed claim");
        return REFUTED;
    }
    h = need_hess(C);
    if (h != CONFIRMED)
        return h < 0 ? REFUTED : h;
    w = malloc(sizeof(double) * C->N);
    for (k = 0; k < C->N && ok; k++)
    {
        json_t *e = json_array_get(dir, k);
        ok = json_is_string(e)
             && tsa_io_parse_double_exact(w + k, json_string_value(e),
                                          "negative_curvature.direction")
                == TSA_SUCCESS;
    }
    arb_init(q);
    arb_init(b);
    if (ok)
    {
        _tsa_indep_quad(q, C->H, w, C->prec);
        arb_set_d(b, v);
        ok = arb_le(q, b);
    }
    if (!ok)
        SAY("v^T H v on the box is not proved <= %.6g", v);
    arb_clear(q);
    arb_clear(b);
    free(w);
    return ok ? CONFIRMED : REFUTED;
}

/* Second enclosure of angle(w_i, v_t) over the box, by the metric property
 * of angles: |angle(w, v) - angle(c, v)| <= angle(w, c) <= asin(|w - c|/|c|)
 * when |w - c| < |c| (the sine of the angle between c and c + delta is at
 * most |delta|/|c|, and the angle is acute).  So the angle at the exact
 * centre, widened by asin(e_i), e_i = |rad(w_i)|_2 / |c_i|, encloses the
 * range; 0 when e_i >= 1 (not usable). */
static int
angle_widen(arb_t e, const tsa_cand_struct *X, arb_srcptr nc, slong i,
            slong prec)
{
    mag_t r, t;
    slong a;
    mag_init(r);
    mag_init(t);
    for (a = 0; a < X->d; a++)
    {
        mag_mul(t, arb_radref(X->W + i * X->d + a),
                arb_radref(X->W + i * X->d + a));
        mag_add(r, r, t);
    }
    mag_sqrt(r, r);
    arb_zero(e);
    arf_set_mag(arb_midref(e), r);
    arb_div(e, e, nc + i, prec);        /* ball; need its upper bound < 1 */
    mag_clear(r);
    mag_clear(t);
    {
        arb_t one;
        int ok;
        arb_init(one);
        arb_one(one);
        ok = arb_is_finite(e) && arb_lt(e, one);
        if (ok)
        {
            arb_get_ubound_arf(arb_midref(one), e, prec);
            mag_zero(arb_radref(one));
            arb_asin(e, one, prec);
            ok = arb_is_finite(e);
        }
        arb_clear(one);
        return ok;
    }
}

/* Mean value form of angle(w_i, v_t) on the box: with theta = acos(w^.v^),
 *   d theta / d w = -(v^ - c w^) / (|w| s),   c = cos theta, s = sin theta,
 * (s > 0 on the box is the smooth claim), so theta(X) lies in
 * theta(centre) + sum_a (d theta/d w_a)(X) [-rad_a, rad_a].  Adds the
 * enclosure to res by intersection; 0 if the intersection is empty. */
static int
angle_mean_value(arb_t res, const arb_t tc, _tsa_indep_geom_t G,
                 const tsa_cand_struct *X, slong i, slong t, const arb_t c,
                 const arb_t s, slong prec)
{
    arb_srcptr wu = TSA_INDEP_U(G, i), vu = TSA_INDEP_U(G, X->n + t);
    arb_t q, g, e, acc;
    slong a;
    int ok = 1;
    arb_init(q);
    arb_init(g);
    arb_init(e);
    arb_init(acc);
    arb_mul(q, TSA_INDEP_NORM(G, i), s, prec);
    if (arb_is_positive(q))
    {
        arb_set(acc, tc);
        for (a = 0; a < X->d; a++)
        {
            arb_mul(g, c, wu + a, prec);
            arb_sub(g, vu + a, g, prec);
            arb_div(g, g, q, prec);              /* -d theta / d w_a */
            arf_zero(arb_midref(e));
            mag_set(arb_radref(e), arb_radref(X->W + i * X->d + a));
            arb_addmul(acc, g, e, prec);         /* symmetric: sign free */
        }
        if (arb_is_finite(acc))
            ok = arb_intersection(res, res, acc, prec);
    }
    arb_clear(q);
    arb_clear(g);
    arb_clear(e);
    arb_clear(acc);
    return ok;
}

/* angle(w_i, v_t) on the box: the direct enclosure from the box's unit
 * vectors, intersected with the centre's angle widened by angle_widen and
 * with the mean value form (all valid enclosures, so their intersection is
 * one; an empty intersection means one of them is wrong: refused) */
static int
angle_on_box(arb_t th, _tsa_indep_geom_t G, _tsa_indep_geom_t Gc,
             const tsa_cand_struct *X, slong i, slong t, slong prec)
{
    arb_t c, s, tc, e, cc, sc;
    int ok;
    arb_init(c);
    arb_init(s);
    arb_init(tc);
    arb_init(e);
    arb_init(cc);
    arb_init(sc);
    _tsa_indep_angle(th, c, s, TSA_INDEP_U(G, i), TSA_INDEP_U(G, X->n + t),
                     X->d, prec);
    ok = 1;
    if (Gc->ok)
    {
        _tsa_indep_angle(tc, cc, sc, TSA_INDEP_U(Gc, i),
                         TSA_INDEP_U(Gc, X->n + t), X->d, prec);
        ok = angle_mean_value(th, tc, G, X, i, t, c, s, prec);
        if (ok && angle_widen(e, X, Gc->nw, i, prec))
        {
            arb_add_error(tc, e);
            ok = arb_intersection(th, th, tc, prec);
        }
    }
    arb_clear(c);
    arb_clear(s);
    arb_clear(tc);
    arb_clear(e);
    arb_clear(cc);
    arb_clear(sc);
    return ok;
}

static int
c_angles(ctx_t *C, json_t *cl)
{
    const tsa_cand_struct *X = C->X;
    json_t *A = json_object_get(cl, "balls"),
           *M = json_object_get(cl, "min_over_students");
    _tsa_indep_geom_t G, Gc;
    tsa_cand_t Y;
    arb_t th, B, mn;
    slong i, t, k;
    int ok = json_is_array(A) && json_is_array(M);
    arb_init(th);
    arb_init(B);
    arb_init(mn);
    tsa_cand_init(Y, X->d, X->n, X->m);
    tsa_cand_set(Y, X);
    for (k = 0; k < X->n * X->d; k++)
        mag_zero(arb_radref(Y->W + k));
    _tsa_indep_geom_init(G, X, C->prec);
    _tsa_indep_geom_init(Gc, Y, C->prec);
    ok = ok && G->ok;
    for (t = 0; t < X->m && ok; t++)
    {
        for (i = 0; i < X->n && ok; i++)
        {
            ok = angle_on_box(th, G, Gc, X, i, t, C->prec)
                 && get_ball(B, json_array_get(json_array_get(A, i), t), C->prec)
                 && arb_contains(B, th);
            if (i == 0)
                arb_set(mn, th);
            else
                arb_min(mn, mn, th, C->prec);
        }
        ok = ok && get_ball(B, json_array_get(M, t), C->prec)
             && arb_contains(B, mn);
    }
    if (!ok)
        SAY("not confirmed by 2 atan2(|v^ - w^|, |v^ + w^|) on the box");
    _tsa_indep_geom_clear(G);
    _tsa_indep_geom_clear(Gc);
    tsa_cand_clear(Y);
    arb_clear(th);
    arb_clear(B);
    arb_clear(mn);
    return ok ? CONFIRMED : REFUTED;
}

static int
one_claim(ctx_t *C, json_t *cl, const char *name)
{
    if (strcmp(name, "exact_global_minimum") == 0)
        return c_global(C);
    if (strcmp(name, "smooth") == 0)
        return c_smooth(C, cl);
    if (strcmp(name, "krawczyk") == 0)
        return c_krawczyk(C);
    if (strcmp(name, "monotone") == 0)
        return c_monotone(C, cl);
    if (strcmp(name, "loss") == 0 || strcmp(name, "loss_positive") == 0)
        return c_loss(C, cl, strcmp(name, "loss_positive") == 0);
    if (strcmp(name, "lambda_min") == 0)
        return c_lambda(C, cl);
    if (strcmp(name, "negative_curvature") == 0)
        return c_negcurv(C, cl);
    if (strcmp(name, "angles") == 0)
        return c_angles(C, cl);
    SAY("unknown claim");
    return REFUTED;
}

/* grad_norm2 / lambda_min < radius, rigorously (the lambda claim itself
   is confirmed or listed as not checked) */
static int
monotone_fits(ctx_t *C)
{
    arb_t q, l, r;
    int ok;
    arb_init(q);
    arb_init(l);
    arb_init(r);
    arb_set_d(q, C->gclaim);
    arb_set_d(l, C->lam);
    arb_set_d(r, C->rho);
    arb_div(q, q, l, 64);
    ok = C->lam > 0 && arb_lt(q, r);
    arb_clear(q);
    arb_clear(l);
    arb_clear(r);
    return ok;
}

tsa_truth_t
_tsa_indep_check(char *reason, json_t *root, const tsa_cand_t X, double rho,
                 slong prec)
{
    json_t *claims = json_object_get(root, "claims"), *cl;
    ctx_t C[1];
    size_t idx, total = json_array_size(claims), done = 0;
    char skipped[120] = "", skipwhy[64] = "";
    tsa_truth_t res = TSA_TRUE;

    memset(C, 0, sizeof C);
    C->X = X;
    C->rho = rho;
    C->prec = prec;
    C->N = X->n * X->d;
    C->gclaim = -1;
    json_array_foreach(claims, idx, cl)
    {
        const char *name = json_string_value(json_object_get(cl, "name"));
        int r = name == NULL ? REFUTED : one_claim(C, cl, name);
        if (r == REFUTED)
        {
            snprintf(reason, 256, "independent path: %.40s: %.160s",
                     name ? name : "claim", C->why);
            res = TSA_FALSE;
            break;
        }
        if (r == CONFIRMED)
            done++;
        else
        {
            size_t len = strlen(skipped);
            if (!skipwhy[0])
                snprintf(skipwhy, sizeof skipwhy, "%.60s", C->why);
            snprintf(skipped + len, sizeof skipped - len, "%s%.30s", len ? ", "
                     : "", name);
        }
    }
    if (res == TSA_TRUE && C->gclaim >= 0 && !monotone_fits(C))
    {
        snprintf(reason, 256, "independent path: monotone: grad_norm2 / "
                 "lambda_min is not below the radius");
        res = TSA_FALSE;
    }
    if (res == TSA_TRUE)
        snprintf(reason, 256, "%ld claims re-derived at %ld bits; independent "
                 "path: %ld of %ld%s%s%s%s%s", (long) total, (long) prec,
                 (long) done, (long) total, skipped[0] ? " (not checked: " : "",
                 skipped, skipped[0] ? ": " : "", skipwhy,
                 skipped[0] ? ")" : "");
    if (C->hstate != 0 && C->hstate != UNCHECKED)
        arb_mat_clear(C->H);
    if (C->gstate != 0)
        _arb_vec_clear(C->g, C->N);
    return res;
}
