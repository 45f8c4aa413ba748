/* t-verify.c -- certificates: re-derivation at another precision accepts
 * an honest certificate and rejects tampered ones (moved box, changed
 * numbers, a verdict without its claims); candidate files round-trip. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tsa_test.h"
#include "tsa_certify.h"

/* census k = 7 row (data/ssy2021-minima.tsv, Safran-Yehudai-Shamir 2021) */
static const char row7[] =
    "7\t1,6\t27\t0.014059013182513933\t1.2112676604732996e-10\t"
    "-0.6327039049152542,0.2616910758354652,0.0;"
    "0.18599104632000957,0.9969227987935689,-0.035080155932389";
/* a start near the k = 4 member of the same symmetric family: a saddle */
static const char row4[] = "4\t1,3\t0\t0\t0\t-0.6,0.3,0.0;0.2,1.0,-0.04";
static const char row6[] = "6\t6\t500\t0.09084505690810311\t0.0\t1.0,0.0";

static char *
certificate(const char *row, int polish, tsa_cand_t c)
{
    slong runs;
    double lam, gn;
    arf_t g;
    tsa_cert_t r;
    tsa_cert_opts_t o;
    char *s;
    tsa_cert_opts_default(&o);
    arf_init(g);
    ck_assert_int_eq(tsa_certify_census_row(c, row, &runs, &lam), TSA_SUCCESS);
    if (polish)
    {
        ck_assert_int_eq(tsa_certify_polish_d(c, &gn, 1e-13, 40), TSA_SUCCESS);
        ck_assert_int_eq(tsa_certify_polish(c, g, o.prec, 20), TSA_SUCCESS);
    }
    tsa_cert_init(r, c->n, c->m);
    ck_assert_int_eq(tsa_certify_run(r, c, &o), TSA_SUCCESS);
    s = tsa_certify_cert_json(r, c, &o);
    tsa_cert_clear(r);
    arf_clear(g);
    return s;
}

static tsa_truth_t
check(const char *json, slong prec)
{
    char reason[256];
    int st;
    tsa_truth_t v = tsa_certify_verify(reason, &st, json, prec);
    ck_assert_msg(st == TSA_SUCCESS, "verify: status %d: %s", st, reason);
    return v;
}

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

/* apply an edit, verify, expect the given verdict */
static void
edit_expect(const char *json, void (*edit)(json_t *), tsa_truth_t expect,
            const char *what)
{
    json_t *root = json_loads(json, 0, NULL);
    char *s;
    tsa_truth_t v;
    edit(root);
    s = json_dumps(root, 0);
    v = check(s, 192);
    ck_assert_msg(v == expect, "%s: verify gave %s", what, tsa_truth_name(v));
    free(s);
    json_decref(root);
}

static void
move_box(json_t *root)
{
    json_t *M = json_object_get(json_object_get(root, "box"), "center");
    json_t *row = json_array_get(M, 2);
    arb_t x, t;
    char *s;
    arb_init(x);
    arb_init(t);
    ck_assert(arb_load_str(x, json_string_value(json_array_get(row, 3))) == 0);
    arb_set_d(t, 1e-25);
    arb_add(x, x, t, 200);
    arb_set_round(x, x, 160);
    mag_zero(arb_radref(x));
    s = arb_dump_str(x);
    json_array_set_new(row, 3, json_string(s));
    flint_free(s);
    arb_clear(x);
    arb_clear(t);
    /* the decimal rendering is optional; a stale one would be refused as
       inconsistent (t_decimal) before any claim is checked */
    json_object_del(json_object_get(root, "box"), "center_decimal");
}

static void
change_loss(json_t *root)
{
    json_object_set_new(claim(root, "loss"), "ball",
                        json_string("[0.02320271491356607 +/- 1e-18]"));
}

static void
raise_lambda(json_t *root)
{
    json_object_set_new(claim(root, "lambda_min"), "value",
                        json_string("0x1.cep-7"));   /* 0.0141 > 0.014059 */
}

static void
shrink_box(json_t *root)
{
    json_object_set_new(json_object_get(root, "box"), "radius",
                        json_string("0x1p-200"));
    json_object_set_new(json_object_get(root, "box"), "radius_decimal",
                        json_string("6.22302e-61"));
}

static void
change_angle(json_t *root)
{
    json_t *A = json_object_get(claim(root, "angles"), "balls");
    json_array_set_new(json_array_get(A, 0), 0,
                       json_string("[1.5 +/- 1e-10]"));
}

static void
verdict_saddle(json_t *root)
{
    json_object_set_new(root, "verdict", json_string("saddle"));
}

static void
drop_lambda(json_t *root)
{
    json_t *cl = json_object_get(root, "claims");
    size_t i;
    for (i = 0; i < json_array_size(cl); i++)
        if (json_array_get(cl, i) == claim(root, "lambda_min"))
            json_array_remove(cl, i);
}

static void
nothing(json_t *root)
{
    (void) root;
}

START_TEST(t_minimum)
{
    tsa_cand_t c;
    char *s = certificate(row7, 1, c);
    ck_assert(check(s, 192) == TSA_TRUE);
    ck_assert(check(s, 160) == TSA_TRUE);
    ck_assert(check(s, 333) == TSA_TRUE);
    edit_expect(s, nothing, TSA_TRUE, "unchanged");
    edit_expect(s, move_box, TSA_FALSE, "moved box");
    edit_expect(s, change_loss, TSA_FALSE, "changed loss");
    edit_expect(s, raise_lambda, TSA_FALSE, "raised lambda");
    edit_expect(s, shrink_box, TSA_FALSE, "shrunk box");
    edit_expect(s, change_angle, TSA_FALSE, "changed angle");
    edit_expect(s, verdict_saddle, TSA_FALSE, "verdict changed");
    edit_expect(s, drop_lambda, TSA_FALSE, "claim removed");
    free(s);
    tsa_cand_clear(c);
}
END_TEST

/* the isotypic lambda_min claim (docs/certify.md s. 10) */
static char *
certificate_sym(const char *row)
{
    tsa_cand_t c;
    tsa_sym_t sym;
    tsa_cert_t r;
    tsa_cert_opts_t o;
    slong runs;
    double lam;
    char *s;
    tsa_cert_opts_default(&o);
    ck_assert_int_eq(tsa_certify_census_row(c, row, &runs, &lam), TSA_SUCCESS);
    ck_assert_int_eq(tsa_sym_census_row(sym, row), TSA_SUCCESS);
    o.sym = sym;
    tsa_cert_init(r, c->n, c->m);
    ck_assert_int_eq(tsa_certify_point(r, c, &o), TSA_SUCCESS);
    ck_assert_msg(r->kind == TSA_CERT_MIN && r->sym, "%s", r->reason);
    s = tsa_certify_cert_json(r, c, &o);
    tsa_cert_clear(r);
    tsa_cand_clear(c);
    return s;
}

static void
raise_centre(json_t *root)
{
    json_object_set_new(claim(root, "lambda_min"), "centre_value",
                        json_string("0x1.cep-7"));   /* 0.0141 > 0.014059 */
}

static void
shrink_spread(json_t *root)
{
    json_object_set_new(claim(root, "lambda_min"), "spread",
                        json_string("0x1p-200"));
}

static void
other_blocks(json_t *root)
{
    json_t *b = json_array();
    json_array_append_new(b, json_integer(2));
    json_array_append_new(b, json_integer(5));
    json_object_set_new(claim(root, "lambda_min"), "blocks", b);
}

static void
one_block(json_t *root)
{
    json_t *b = json_array();
    json_array_append_new(b, json_integer(7));
    json_object_set_new(claim(root, "lambda_min"), "blocks", b);
}

static void
unknown_method(json_t *root)
{
    json_object_set_new(claim(root, "lambda_min"), "method",
                        json_string("trust me"));
}

START_TEST(t_isotypic)
{
    char *s = certificate_sym(row7);
    ck_assert(strstr(s, "\"isotypic\"") != NULL);
    ck_assert(check(s, 192) == TSA_TRUE);
    ck_assert(check(s, 160) == TSA_TRUE);
    ck_assert(check(s, 333) == TSA_TRUE);
    edit_expect(s, nothing, TSA_TRUE, "unchanged");
    edit_expect(s, move_box, TSA_FALSE, "moved box (no longer invariant)");
    edit_expect(s, raise_lambda, TSA_FALSE, "raised lambda");
    edit_expect(s, raise_centre, TSA_FALSE, "raised centre value");
    edit_expect(s, shrink_spread, TSA_FALSE, "shrunk spread");
    edit_expect(s, other_blocks, TSA_FALSE, "blocks 2,5");
    edit_expect(s, one_block, TSA_FALSE, "blocks 7");
    edit_expect(s, unknown_method, TSA_FALSE, "unknown method");
    edit_expect(s, shrink_box, TSA_FALSE, "shrunk box");
    edit_expect(s, drop_lambda, TSA_FALSE, "claim removed");
    free(s);
}
END_TEST

static void
flip_direction(json_t *root)
{
    json_t *D = json_object_get(claim(root, "negative_curvature"), "direction");
    size_t i;
    for (i = 0; i < json_array_size(D); i++)
        json_array_set_new(D, i, json_string(i == 0 ? "0x1p+0" : "0x0p+0"));
}

START_TEST(t_saddle)
{
    tsa_cand_t c;
    char *s = certificate(row4, 1, c);
    json_t *root = json_loads(s, 0, NULL);
    ck_assert_str_eq(json_string_value(json_object_get(root, "verdict")), "saddle");
    json_decref(root);
    ck_assert(check(s, 192) == TSA_TRUE);
    edit_expect(s, flip_direction, TSA_FALSE, "direction replaced");
    edit_expect(s, move_box, TSA_FALSE, "moved box");
    free(s);
    tsa_cand_clear(c);
}
END_TEST

static void
move_global(json_t *root)
{
    json_t *M = json_object_get(json_object_get(root, "box"), "center");
    json_array_set_new(json_array_get(M, 0), 1, json_string("0x1p-60"));
    json_object_del(json_object_get(root, "box"), "center_decimal");
}

START_TEST(t_global)
{
    tsa_cand_t c;
    char *s = certificate(row6, 0, c);
    ck_assert(check(s, 192) == TSA_TRUE);
    edit_expect(s, move_global, TSA_FALSE, "moved global minimum");
    free(s);
    tsa_cand_clear(c);
}
END_TEST

/* candidate files: exact round trip; bad files give one-line messages */
START_TEST(t_cand_roundtrip)
{
    tsa_cand_t c, b;
    slong runs, k;
    double lam, gn;
    arf_t g;
    char path[] = "/tmp/tsa-cand-XXXXXX", *s;
    int fd;
    FILE *f;
    arf_init(g);
    ck_assert_int_eq(tsa_certify_census_row(c, row7, &runs, &lam), TSA_SUCCESS);
    ck_assert_int_eq(tsa_certify_polish_d(c, &gn, 1e-13, 40), TSA_SUCCESS);
    ck_assert_int_eq(tsa_certify_polish(c, g, 200, 20), TSA_SUCCESS);
    s = tsa_certify_cand_json(c, "test", NULL, 200);
    fd = mkstemp(path);
    ck_assert(fd >= 0);
    f = fdopen(fd, "w");
    fputs(s, f);
    fclose(f);
    free(s);
    ck_assert_int_eq(tsa_certify_cand_read(b, path, 64), TSA_SUCCESS);
    ck_assert(b->d == 7 && b->n == 7 && b->m == 7);
    for (k = 0; k < 49; k++)
        ck_assert(arb_equal(b->W + k, c->W + k) && arb_equal(b->V + k, c->V + k));
    tsa_cand_clear(b);
    f = fopen(path, "w");
    fputs("{\"W\": [[\"0x1p-1\", \"nan\"]], \"V\": [[1]]}", f);
    fclose(f);
    ck_assert_int_eq(tsa_certify_cand_read(b, path, 64), TSA_EFORMAT);
    ck_assert(strstr(tsa_error_last(), "W[0][1]") != NULL);
    f = fopen(path, "w");
    fputs("{\"W\": [[0.5, -0.25], [0.125, 1]], \"V\": [[1], [0]]}", f);
    fclose(f);
    ck_assert_int_eq(tsa_certify_cand_read(b, path, 64), TSA_SUCCESS);
    ck_assert(b->d == 2 && b->n == 2 && b->m == 1);
    ck_assert(arf_equal_si(arb_midref(b->W + 2), -1) == 0);
    tsa_cand_clear(b);
    unlink(path);
    tsa_cand_clear(c);
    arf_clear(g);
}
END_TEST

/* forged certificates that keep the JSON consistent */
static void
verdict_unknown(json_t *root)
{
    json_object_set_new(root, "verdict", json_string("local minimum"));
}

static void
exists_true(json_t *root)
{
    json_object_set_new(root, "critical_point_exists", json_string("true"));
}

static void
exists_false(json_t *root)
{
    json_object_set_new(root, "critical_point_exists", json_string("false"));
}

/* an undecided certificate (a point 1e-6 off the k = 7 minimum) states
   nothing; its verdict or existence field cannot be edited into a claim */
START_TEST(t_undecided)
{
    tsa_cand_t c;
    slong runs;
    double lam, gn;
    arf_t g;
    arb_t t;
    tsa_cert_t r;
    tsa_cert_opts_t o;
    char *s;
    tsa_cert_opts_default(&o);
    arf_init(g);
    arb_init(t);
    ck_assert_int_eq(tsa_certify_census_row(c, row7, &runs, &lam), TSA_SUCCESS);
    ck_assert_int_eq(tsa_certify_polish_d(c, &gn, 1e-13, 40), TSA_SUCCESS);
    ck_assert_int_eq(tsa_certify_polish(c, g, o.prec, 20), TSA_SUCCESS);
    arb_set_d(t, 1e-6);
    arb_add(c->W + 3, c->W + 3, t, o.prec);
    tsa_cert_init(r, c->n, c->m);
    ck_assert_int_eq(tsa_certify_run(r, c, &o), TSA_SUCCESS);
    ck_assert(r->kind == TSA_CERT_UNDECIDED);
    s = tsa_certify_cert_json(r, c, &o);
    tsa_cert_clear(r);
    /* every claim (none) holds, but the certificate proves nothing */
    edit_expect(s, nothing, TSA_UNDECIDED, "undecided, unchanged");
    edit_expect(s, verdict_unknown, TSA_FALSE, "unknown verdict");
    edit_expect(s, exists_true, TSA_FALSE, "existence claimed");
    edit_expect(s, exists_false, TSA_FALSE, "non-existence claimed");
    /* a duplicated key: two readers could see two verdicts */
    {
        size_t len = strlen(s);
        char *dup = malloc(len + 64), reason[256];
        int st;
        ck_assert(s[0] == '{');
        strcpy(dup, "{\"verdict\": \"strict local minimum\", ");
        strcat(dup, s + 1);
        ck_assert(tsa_certify_verify(reason, &st, dup, 192) != TSA_TRUE);
        ck_assert(st != TSA_SUCCESS);
        free(dup);
    }
    free(s);
    tsa_cand_clear(c); /* certificate() reads the row into c again */
    s = certificate(row7, 1, c);
    edit_expect(s, verdict_unknown, TSA_FALSE, "unknown verdict (minimum)");
    edit_expect(s, exists_false, TSA_FALSE, "non-existence (minimum)");
    free(s);
    arb_clear(t);
    arf_clear(g);
    tsa_cand_clear(c);
}
END_TEST

/* a teacher of norm 2^2000 overflows the float64 Hessian midpoints to
   NaN; a forged Krawczyk claim on such a box must not be confirmed */
static void
forge_critical(json_t *root)
{
    json_t *cl = json_array(), *x;
    json_object_set_new(json_object_get(root, "box"), "radius",
                        json_string("0x1p-100"));
    json_object_del(json_object_get(root, "box"), "radius_decimal");
    json_object_set_new(root, "verdict", json_string("critical point"));
    json_object_set_new(root, "critical_point_exists", json_string("true"));
    x = json_object();
    json_object_set_new(x, "name", json_string("smooth"));
    json_object_set_new(x, "min_norm", json_string("0x1p-10"));
    json_object_set_new(x, "max_abs_cos", json_string("0x1.fffp-1"));
    json_array_append_new(cl, x);
    x = json_object();
    json_object_set_new(x, "name", json_string("krawczyk"));
    json_object_set_new(x, "ratio", json_string("0x1p-1"));
    json_array_append_new(cl, x);
    json_object_set_new(root, "claims", cl);
}

/* status of verify on an edited certificate */
static int
edit_status(const char *json, void (*edit)(json_t *), const char *what)
{
    json_t *root = json_loads(json, 0, NULL);
    char *s, reason[256];
    int st;
    tsa_truth_t v;
    edit(root);
    s = json_dumps(root, 0);
    v = tsa_certify_verify(reason, &st, s, 192);
    ck_assert_msg(st != TSA_SUCCESS || v != TSA_TRUE, "%s: accepted", what);
    free(s);
    json_decref(root);
    return st;
}

static char *
overflow_cert(slong e)
{
    tsa_cand_t c;
    tsa_cert_t r;
    tsa_cert_opts_t o;
    char *s;
    tsa_cand_init(c, 2, 2, 1);
    arb_set_d(c->W + 0, 1.0);
    arb_set_d(c->W + 1, 0.3);
    arb_set_d(c->W + 2, -0.2);
    arb_set_d(c->W + 3, 1.1);
    arb_one(c->V + 0);
    arb_mul_2exp_si(c->V + 0, c->V + 0, e);
    arb_mul_2exp_si(c->V + 1, c->V + 0, -1);
    tsa_cert_opts_default(&o);
    tsa_cert_init(r, c->n, c->m);
    ck_assert_int_eq(tsa_certify_run(r, c, &o), TSA_SUCCESS);
    ck_assert(r->kind == TSA_CERT_UNDECIDED);
    s = tsa_certify_cert_json(r, c, &o);
    tsa_cert_clear(r);
    tsa_cand_clear(c);
    return s;
}

START_TEST(t_overflow)
{
    /* a teacher of norm 2^2000 is outside the number limits: refused as
       input (it overflowed the float64 Hessian midpoints to NaN) */
    char *s = overflow_cert(2000);
    ck_assert_int_eq(edit_status(s, nothing, "2^2000"), TSA_EFORMAT);
    ck_assert(strstr(tsa_error_last(), "problem: V[0][0]") != NULL);
    ck_assert_int_eq(edit_status(s, forge_critical, "2^2000 forged"),
                     TSA_EFORMAT);
    free(s);
    /* 2^1000 is inside: the undecided certificate proves nothing, a forged
       Krawczyk claim on it is not confirmed */
    s = overflow_cert(1000);
    edit_expect(s, nothing, TSA_UNDECIDED, "undecided, unchanged");
    edit_expect(s, forge_critical, TSA_FALSE, "forged Krawczyk claim");
    free(s);
}
END_TEST

/* W given as non-binary decimals (the polished k = 7 minimum printed to
   25 digits): the centre is their exact rounding, certify proves the
   minimum and its own verify accepts the certificate (it rejected every
   such certificate: the centre was written with the decimal's radius) */
START_TEST(t_decimal_candidate)
{
    tsa_cand_t c, b;
    slong runs, k, rounded;
    double lam, gn;
    arf_t g;
    tsa_cert_t r;
    tsa_cert_opts_t o;
    json_t *root, *W, *V;
    char path[] = "/tmp/tsa-dec-XXXXXX", *s, reason[256];
    int fd, st;
    FILE *f;
    tsa_cert_opts_default(&o);
    arf_init(g);
    ck_assert_int_eq(tsa_certify_census_row(c, row7, &runs, &lam), TSA_SUCCESS);
    ck_assert_int_eq(tsa_certify_polish_d(c, &gn, 1e-13, 40), TSA_SUCCESS);
    ck_assert_int_eq(tsa_certify_polish(c, g, o.prec, 20), TSA_SUCCESS);
    root = json_object();
    W = json_array();
    V = json_array();
    for (k = 0; k < 7; k++)
    {
        json_t *rw = json_array(), *rv = json_array();
        slong i;
        for (i = 0; i < 7; i++)
        {
            char *e = arb_get_str(c->W + i * 7 + k, 25, ARB_STR_NO_RADIUS);
            json_array_append_new(rw, json_string(e));
            flint_free(e);
            json_array_append_new(rv, json_integer(i == k));
        }
        json_array_append_new(W, rw);
        json_array_append_new(V, rv);
    }
    json_object_set_new(root, "W", W);
    json_object_set_new(root, "V", V);
    s = json_dumps(root, 0);
    json_decref(root);
    fd = mkstemp(path);
    ck_assert(fd >= 0);
    f = fdopen(fd, "w");
    fputs(s, f);
    fclose(f);
    free(s);
    ck_assert_int_eq(tsa_certify_cand_load(b, &rounded, path, o.prec + 64),
                     TSA_SUCCESS);
    unlink(path);
    ck_assert(rounded > 40);
    for (k = 0; k < 49; k++)
        ck_assert(arb_is_exact(b->W + k));
    tsa_cert_init(r, b->n, b->m);
    ck_assert_int_eq(tsa_certify_run(r, b, &o), TSA_SUCCESS);
    ck_assert_msg(r->kind == TSA_CERT_MIN, "%s", r->reason);
    s = tsa_certify_cert_json(r, b, &o);
    ck_assert(tsa_certify_verify(reason, &st, s, 0) == TSA_TRUE);
    ck_assert_msg(st == TSA_SUCCESS, "%s", reason);
    free(s);
    tsa_cert_clear(r);
    tsa_cand_clear(b);
    tsa_cand_clear(c);
    arf_clear(g);
}
END_TEST

/* inconsistent decimal renderings and unexact centres are input errors */
static void
stale_decimal(json_t *root)
{
    json_t *M = json_object_get(json_object_get(root, "box"), "center_decimal");
    json_array_set_new(json_array_get(M, 0), 0, json_string("0.25"));
}

static void
ball_centre(json_t *root)
{
    json_t *M = json_object_get(json_object_get(root, "box"), "center");
    json_array_set_new(json_array_get(M, 0), 0, json_string("0.1"));
}

static void
no_claims(json_t *root)
{
    json_object_set_new(root, "claims", json_array());
}

static void
prec_negative(json_t *root)
{
    json_object_set_new(root, "prec", json_integer(-64));
}

START_TEST(t_structure)
{
    tsa_cand_t c;
    char *s = certificate(row6, 0, c);
    ck_assert_int_eq(edit_status(s, stale_decimal, "stale decimal"), TSA_EFORMAT);
    ck_assert(strstr(tsa_error_last(), "center_decimal[0][0]") != NULL);
    ck_assert_int_eq(edit_status(s, ball_centre, "ball centre"), TSA_EFORMAT);
    ck_assert(strstr(tsa_error_last(), "not exact") != NULL);
    ck_assert_int_eq(edit_status(s, prec_negative, "prec -64"), TSA_EFORMAT);
    /* a global minimum without its claim proves nothing here */
    edit_expect(s, no_claims, TSA_FALSE, "global minimum without claims");
    free(s);
    tsa_cand_clear(c);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_minimum, t_isotypic, t_saddle, t_global, t_cand_roundtrip,
                             t_undecided, t_overflow, t_decimal_candidate, t_structure};
    int r = tsa_test_main("verify", tests, 9, 60);
    flint_cleanup();
    return r;
}
