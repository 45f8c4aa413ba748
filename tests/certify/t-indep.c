/* t-indep.c -- the independent verification path (src/certify/indep*.c,
 * docs/certify.md "Independent verification"):
 *   - its loss, gradient and Hessian against the certify path's (overlap
 *     of balls at random points, n, d, m <= 8) and against centred finite
 *     differences of each other (loss -> gradient -> Hessian), and the box
 *     enclosures against points inside the box;
 *   - verify of honest certificates says "independent path: K of K";
 *   - a mutated independent path (test hook) makes verify reject honest
 *     certificates, naming the independent path;
 *   - the independent path alone rejects forged claims. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_test.h"
#include "tsa_certify.h"
#include "indep.h"

static const char row7[] =
    "7\t1,6\t27\t0.014059013182513933\t1.2112676604732996e-10\t"
    "-0.6327039049152542,0.2616910758354652,0.0;"
    "0.18599104632000957,0.9969227987935689,-0.035080155932389";
static const char row4[] = "4\t1,3\t0\t0\t0\t-0.6,0.3,0.0;0.2,1.0,-0.04";
static const char row6[] = "6\t6\t500\t0.09084505690810311\t0.0\t1.0,0.0";

/* ---- random smooth points ------------------------------------------------ */

/* W, V with Gaussian-ish entries (exact doubles), every pair at an angle
   bounded away from 0 and pi; returns 0 when the draw is too degenerate */
static int
random_point(tsa_cand_t c, flint_rand_t st, slong d, slong n, slong m)
{
    slong k, i, j, N = n + m;
    tsa_cand_init(c, d, n, m);
    for (k = 0; k < d * n; k++)
        arb_set_d(c->W + k, tsa_test_randd(st, -1.5, 1.5));
    for (k = 0; k < d * m; k++)
        arb_set_d(c->V + k, tsa_test_randd(st, -1.5, 1.5));
    for (i = 0; i < n; i++)
        for (j = i + 1; j < N; j++)
        {
            arb_srcptr a = c->W + i * d;
            arb_srcptr b = j < n ? c->W + j * d : c->V + (j - n) * d;
            double ab = 0, aa = 0, bb = 0;
            for (k = 0; k < d; k++)
            {
                double x = arf_get_d(arb_midref(a + k), ARF_RND_NEAR);
                double y = arf_get_d(arb_midref(b + k), ARF_RND_NEAR);
                ab += x * y;
                aa += x * x;
                bb += y * y;
            }
            if (aa < 0.05 || bb < 0.05 || fabs(ab) > 0.97 * sqrt(aa * bb))
                return 0;
        }
    return 1;
}

/* loss, gradient and Hessian of both paths overlap at a random point */
START_TEST(t_cross)
{
    flint_rand_t st;
    slong iter, done = 0;
    flint_randinit(st);
    tsa_test_seed(st);
    for (iter = 0; done < 40 * tsa_test_multiplier(); iter++)
    {
        slong d = 1 + n_randint(st, 8), n = 1 + n_randint(st, 8),
              m = 1 + n_randint(st, 8), N, k, l;
        tsa_cand_t c;
        arb_t J1, J2;
        arb_ptr g1, g2;
        arb_mat_t H;
        double *Hm, *E;
        if (d == 1)
            d = 2;   /* d = 1: every pair is parallel */
        if (!random_point(c, st, d, n, m))
        {
            tsa_cand_clear(c);
            continue;
        }
        done++;
        N = n * d;
        arb_init(J1);
        arb_init(J2);
        g1 = _arb_vec_init(N);
        g2 = _arb_vec_init(N);
        arb_mat_init(H, N, N);
        Hm = malloc(sizeof(double) * N * N);
        E = malloc(sizeof(double) * n * n);
        ck_assert_int_eq(_tsa_indep_loss(J1, c, 128), TSA_SUCCESS);
        ck_assert_int_eq(tsa_certify_loss(J2, c, 128), TSA_SUCCESS);
        tsa_test_overlaps("loss", J1, J2, iter);
        tsa_test_accurate("indep loss", J1, 100, iter);
        ck_assert_int_eq(_tsa_indep_grad(g1, c, 128), TSA_SUCCESS);
        ck_assert_int_eq(tsa_certify_grad(g2, c, 128), TSA_SUCCESS);
        for (k = 0; k < N; k++)
        {
            tsa_test_overlaps("grad", g1 + k, g2 + k, iter);
            tsa_test_accurate("indep grad", g1 + k, 90, iter);
        }
        ck_assert_int_eq(_tsa_indep_hess(H, c, 128), TSA_SUCCESS);
        ck_assert_int_eq(tsa_certify_hess_mr(Hm, E, c, 80), TSA_SUCCESS);
        for (k = 0; k < N; k++)
            for (l = 0; l < N; l++)
            {
                arb_t b;
                arb_init(b);
                arb_set_d(b, Hm[k * N + l]);
                mag_set_d(arb_radref(b), E[(k / d) * n + l / d]);
                tsa_test_overlaps("Hessian", arb_mat_entry(H, k, l), b, iter);
                tsa_test_accurate("indep Hessian", arb_mat_entry(H, k, l), 90,
                                  iter);
                arb_clear(b);
            }
        free(Hm);
        free(E);
        arb_mat_clear(H);
        _arb_vec_clear(g1, N);
        _arb_vec_clear(g2, N);
        arb_clear(J1);
        arb_clear(J2);
        tsa_cand_clear(c);
    }
    flint_randclear(st);
}
END_TEST

/* e_k steps of size h: centred differences of the loss give the gradient,
   of the gradient the Hessian (h = 2^-30 at 256 bits: truncation ~1e-19) */
START_TEST(t_fd)
{
    flint_rand_t st;
    slong iter, done = 0;
    flint_randinit(st);
    tsa_test_seed(st);
    for (iter = 0; done < 6 * tsa_test_multiplier(); iter++)
    {
        slong d = 2 + n_randint(st, 5), n = 1 + n_randint(st, 6),
              m = 1 + n_randint(st, 6), N, k, l, t;
        tsa_cand_t c, y;
        arb_t Jp, Jm, h, fd;
        arb_ptr g, gp, gm;
        arb_mat_t H;
        if (!random_point(c, st, d, n, m))
        {
            tsa_cand_clear(c);
            continue;
        }
        done++;
        N = n * d;
        arb_init(Jp);
        arb_init(Jm);
        arb_init(h);
        arb_init(fd);
        g = _arb_vec_init(N);
        gp = _arb_vec_init(N);
        gm = _arb_vec_init(N);
        arb_mat_init(H, N, N);
        tsa_cand_init(y, d, n, m);
        tsa_cand_set(y, c);
        arb_one(h);
        arb_mul_2exp_si(h, h, -30);
        ck_assert_int_eq(_tsa_indep_grad(g, c, 256), TSA_SUCCESS);
        ck_assert_int_eq(_tsa_indep_hess(H, c, 256), TSA_SUCCESS);
        for (t = 0; t < 3; t++)
        {
            k = n_randint(st, N);
            arb_add(y->W + k, c->W + k, h, 256);
            ck_assert_int_eq(_tsa_indep_loss(Jp, y, 256), TSA_SUCCESS);
            ck_assert_int_eq(_tsa_indep_grad(gp, y, 256), TSA_SUCCESS);
            arb_sub(y->W + k, c->W + k, h, 256);
            ck_assert_int_eq(_tsa_indep_loss(Jm, y, 256), TSA_SUCCESS);
            ck_assert_int_eq(_tsa_indep_grad(gm, y, 256), TSA_SUCCESS);
            arb_set(y->W + k, c->W + k);
            arb_sub(fd, Jp, Jm, 256);
            arb_div(fd, fd, h, 256);
            arb_mul_2exp_si(fd, fd, -1);
            arb_sub(fd, fd, g + k, 256);
            tsa_test_close_d("dJ/dW FD", arf_get_d(arb_midref(fd), ARF_RND_NEAR),
                             0, 1, 1e-12, iter);
            for (l = 0; l < N; l++)
            {
                arb_sub(fd, gp + l, gm + l, 256);
                arb_div(fd, fd, h, 256);
                arb_mul_2exp_si(fd, fd, -1);
                arb_sub(fd, fd, arb_mat_entry(H, l, k), 256);
                tsa_test_close_d("H FD", arf_get_d(arb_midref(fd), ARF_RND_NEAR),
                                 0, 1, 1e-12, iter);
            }
        }
        arb_mat_clear(H);
        _arb_vec_clear(g, N);
        _arb_vec_clear(gp, N);
        _arb_vec_clear(gm, N);
        arb_clear(Jp);
        arb_clear(Jm);
        arb_clear(h);
        arb_clear(fd);
        tsa_cand_clear(y);
        tsa_cand_clear(c);
    }
    flint_randclear(st);
}
END_TEST

/* box enclosures: loss and Hessian at a point inside the box lie in the
   balls computed over the box; angles too */
START_TEST(t_box)
{
    flint_rand_t st;
    slong iter, done = 0;
    flint_randinit(st);
    tsa_test_seed(st);
    for (iter = 0; done < 10 * tsa_test_multiplier(); iter++)
    {
        slong d = 2 + n_randint(st, 6), n = 1 + n_randint(st, 6),
              m = 1 + n_randint(st, 6), N, k, l;
        double rho = ldexp(1, -10 - (int) n_randint(st, 40));
        tsa_cand_t c, y;
        arb_t J, Jy;
        arb_mat_t H, Hy;
        if (!random_point(c, st, d, n, m))
        {
            tsa_cand_clear(c);
            continue;
        }
        done++;
        N = n * d;
        tsa_cand_init(y, d, n, m);
        tsa_cand_set(y, c);
        for (k = 0; k < N; k++)
        {
            arb_t e;
            arb_init(e);
            arb_set_d(e, rho * tsa_test_randd(st, -1, 1));
            arb_add(y->W + k, c->W + k, e, 200);
            mag_set_d(arb_radref(c->W + k), rho);
            arb_clear(e);
        }
        arb_init(J);
        arb_init(Jy);
        arb_mat_init(H, N, N);
        arb_mat_init(Hy, N, N);
        ck_assert_int_eq(_tsa_indep_loss(J, c, 128), TSA_SUCCESS);
        ck_assert_int_eq(_tsa_indep_loss(Jy, y, 128), TSA_SUCCESS);
        tsa_test_contains("loss on the box", J, Jy, iter);
        ck_assert_int_eq(_tsa_indep_hess(H, c, 128), TSA_SUCCESS);
        ck_assert_int_eq(_tsa_indep_hess(Hy, y, 128), TSA_SUCCESS);
        for (k = 0; k < N; k++)
            for (l = 0; l < N; l++)
                tsa_test_contains("Hessian on the box", arb_mat_entry(H, k, l),
                                  arb_mat_entry(Hy, k, l), iter);
        arb_mat_clear(H);
        arb_mat_clear(Hy);
        arb_clear(J);
        arb_clear(Jy);
        tsa_cand_clear(y);
        tsa_cand_clear(c);
    }
    flint_randclear(st);
}
END_TEST

/* ---- certificates --------------------------------------------------------- */

/* certificate of a census row: polish + certify (sym = 0: dense path) */
static char *
certificate(const char *row, int sym)
{
    tsa_cand_t c;
    tsa_sym_t s;
    tsa_cert_t r;
    tsa_cert_opts_t o;
    slong runs;
    double lam;
    char *txt;
    tsa_cert_opts_default(&o);
    ck_assert_int_eq(tsa_certify_census_row(c, row, &runs, &lam), TSA_SUCCESS);
    if (sym)
    {
        ck_assert_int_eq(tsa_sym_census_row(s, row), TSA_SUCCESS);
        o.sym = s;
    }
    tsa_cert_init(r, c->n, c->m);
    ck_assert_int_eq(tsa_certify_point(r, c, &o), TSA_SUCCESS);
    ck_assert_msg(r->kind != TSA_CERT_UNDECIDED, "%s", r->reason);
    txt = tsa_certify_cert_json(r, c, &o);
    tsa_cert_clear(r);
    tsa_cand_clear(c);
    return txt;
}

static tsa_truth_t
verify(char *reason, const char *json)
{
    int st;
    tsa_truth_t v = tsa_certify_verify(reason, &st, json, 192);
    ck_assert_int_eq(st, TSA_SUCCESS);
    return v;
}

static void
expect_all(const char *json, const char *what)
{
    char reason[256], want[64];
    json_t *root = json_loads(json, 0, NULL);
    size_t K = json_array_size(json_object_get(root, "claims"));
    json_decref(root);
    snprintf(want, sizeof want, "independent path: %ld of %ld", (long) K,
             (long) K);
    ck_assert_msg(verify(reason, json) == TSA_TRUE, "%s: %s", what, reason);
    ck_assert_msg(strstr(reason, want) != NULL && strstr(reason, "not checked")
                  == NULL, "%s: %s", what, reason);
}

START_TEST(t_honest)
{
    char *m = certificate(row7, 0), *s = certificate(row7, 1),
         *sad = certificate(row4, 0), *g = certificate(row6, 0);
    ck_assert(strstr(m, "\"krawczyk\"") && strstr(sad, "\"negative_curvature\"")
              && strstr(s, "\"isotypic\"") && strstr(g, "exact_global"));
    expect_all(m, "minimum (dense)");
    expect_all(s, "minimum (isotypic)");
    expect_all(sad, "saddle");
    expect_all(g, "global minimum");
    free(m);
    free(s);
    free(sad);
    free(g);
}
END_TEST

/* a broken independent path rejects honest certificates (test hook) */
static void
expect_hook(const char *json, int mut, const char *claim)
{
    char reason[256], want[64];
    tsa_truth_t v;
    _tsa_indep_mutation = mut;
    v = verify(reason, json);
    _tsa_indep_mutation = TSA_INDEP_MUT_NONE;
    snprintf(want, sizeof want, "independent path: %s:", claim);
    ck_assert_msg(v == TSA_FALSE && strstr(reason, want) == reason,
                  "mutation %d: %s: %s", mut, tsa_truth_name(v), reason);
}

START_TEST(t_hook)
{
    char *m = certificate(row7, 0), *s = certificate(row7, 1),
         *sad = certificate(row4, 0), reason[256];
    expect_hook(m, TSA_INDEP_MUT_LOSS, "loss");
    expect_hook(m, TSA_INDEP_MUT_GRAD, "krawczyk");
    expect_hook(m, TSA_INDEP_MUT_HESS, "lambda_min");
    expect_hook(m, TSA_INDEP_MUT_ANGLE, "angles");
    expect_hook(m, TSA_INDEP_MUT_KRAW, "krawczyk");
    expect_hook(s, TSA_INDEP_MUT_HESS, "lambda_min");
    expect_hook(s, TSA_INDEP_MUT_GRAD, "monotone");
    expect_hook(sad, TSA_INDEP_MUT_GRAD, "krawczyk");
    expect_hook(sad, TSA_INDEP_MUT_KRAW, "krawczyk");
    ck_assert(verify(reason, m) == TSA_TRUE);   /* hook reset */
    free(m);
    free(s);
    free(sad);
}
END_TEST

/* ---- forged claims: the independent path alone ---------------------------- */

static json_t *
claim(json_t *root, const char *name)
{
    json_t *cl;
    size_t i;
    json_array_foreach(json_object_get(root, "claims"), i, cl)
        if (strcmp(json_string_value(json_object_get(cl, "name")), name) == 0)
            return cl;
    return NULL;
}

static void
set_hex(json_t *o, const char *key, double x)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%a", x);
    json_object_set_new(o, key, json_string(buf));
}

static double
get_hex(json_t *o, const char *key)
{
    return strtod(json_string_value(json_object_get(o, key)), NULL);
}

enum { F_NONE, F_LAMBDA, F_RADIUS, F_LOSS, F_ANGLE, F_CURV, F_MOVE, F_PERM };

static void
forge(json_t *root, int what)
{
    json_t *cl, *box = json_object_get(root, "box");
    switch (what)
    {
    case F_LAMBDA:   /* just above lambda_min: the dense claim is
                        0.999 lambda, the isotypic one (1 - 1e-6) lambda */
        cl = claim(root, "lambda_min");
        if (json_object_get(cl, "centre_value"))
        {
            set_hex(cl, "value", get_hex(cl, "value") * (1 + 1e-5));
            set_hex(cl, "centre_value", get_hex(cl, "centre_value") * 1.001);
        }
        else
            set_hex(cl, "value", get_hex(cl, "value") * 1.002);
        break;
    case F_RADIUS:   /* (the saddle's box is ~4e4 times wider than the
                        distance |R g| ~ 1e-39 of its zero from the centre) */
        set_hex(box, "radius", get_hex(box, "radius") * 1e-6);
        break;
    case F_LOSS:
        cl = claim(root, "loss");
        {
            arb_t x, e;
            char *str;
            arb_init(x);
            arb_init(e);
            ck_assert(arb_set_str(x, json_string_value(json_object_get(cl, "ball")),
                                  200) == 0);
            arb_set_d(e, 1e-10);
            arb_add(x, x, e, 200);
            str = arb_get_str(x, 40, 0);
            json_object_set_new(cl, "ball", json_string(str));
            flint_free(str);
            arb_clear(x);
            arb_clear(e);
        }
        break;
    case F_ANGLE:
        json_array_set_new(json_array_get(json_object_get(claim(root, "angles"),
                                                          "balls"), 0), 0,
                           json_string("[1.5 +/- 1e-10]"));
        break;
    case F_CURV:
        cl = claim(root, "negative_curvature");
        /* value is half the proved upper bound of v^T H v: 5 x value is
           2.5 times more negative than the true curvature */
        set_hex(cl, "value", get_hex(cl, "value") * 5);
        break;
    case F_MOVE:   /* centre moved by 2^-60, radius kept */
    case F_PERM:
        {
            json_t *row = json_array_get(json_object_get(box, "center"), 1);
            arb_t x, e;
            char *str;
            arb_init(x);
            arb_init(e);
            ck_assert(arb_load_str(x, json_string_value(json_array_get(row, 0)))
                      == 0);
            arb_set_d(e, what == F_MOVE ? ldexp(1, -60) : 0.5);
            arb_add(x, x, e, 300);
            str = arb_dump_str(x);
            json_array_set_new(row, 0, json_string(str));
            flint_free(str);
            arb_clear(x);
            arb_clear(e);
        }
        break;
    default:
        break;
    }
}

static void
expect_alone(const char *json, int what, tsa_truth_t expect)
{
    json_t *root = json_loads(json, 0, NULL);
    char reason[256], *s;
    int st;
    tsa_truth_t v;
    forge(root, what);
    s = json_dumps(root, 0);
    v = _tsa_indep_verify_text(reason, &st, s, 192);
    ck_assert_int_eq(st, TSA_SUCCESS);
    ck_assert_msg(v == expect, "forgery %d: %s: %s", what, tsa_truth_name(v),
                  reason);
    free(s);
    json_decref(root);
}

START_TEST(t_alone)
{
    char *m = certificate(row7, 0), *s = certificate(row7, 1),
         *sad = certificate(row4, 0), *g = certificate(row6, 0);
    int w;
    expect_alone(m, F_NONE, TSA_TRUE);
    expect_alone(s, F_NONE, TSA_TRUE);
    expect_alone(sad, F_NONE, TSA_TRUE);
    expect_alone(g, F_NONE, TSA_TRUE);
    for (w = F_LAMBDA; w <= F_MOVE; w++)
        if (w != F_CURV)
        {
            expect_alone(m, w, TSA_FALSE);
            expect_alone(s, w, TSA_FALSE);
        }
    expect_alone(sad, F_CURV, TSA_FALSE);
    expect_alone(sad, F_RADIUS, TSA_FALSE);
    expect_alone(sad, F_MOVE, TSA_FALSE);
    expect_alone(g, F_PERM, TSA_FALSE);
    free(m);
    free(s);
    free(sad);
    free(g);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_cross, t_fd, t_box, t_honest, t_hook, t_alone};
    int r = tsa_test_main("indep", tests, 6, 60);
    flint_cleanup();
    return r;
}
