/* t-indep-mut.c -- a mutated certify path must not get a certificate past
 * verify.  This program links its own tsa_certify_loss, tsa_certify_grad,
 * tsa_certify_hess_mr and tsa_certify_krawczyk (copies of loss.c, grad.c,
 * hess_mr.c, krawczyk.c compiled here under other names, wrapped with a
 * switchable bug), so the static library's objects are not linked and both
 * certify and the primary path of verify use the bug consistently:
 *   loss + 1e-10; gradient entry 0 + 1e-10 (polish then converges to a
 *   non-critical point); Hessian midpoint + 1e-3 I (lambda_min too large);
 *   Krawczyk: the box claimed 10^6 times smaller than the one tested.
 * Each certificate is accepted by the mutated primary path (the rejection
 * comes from the independent path, which runs only after the primary path
 * accepted, and names itself), and is rejected as a whole.  Without the
 * bug the same certificates are valid. */
#include <jansson.h>
#include <string.h>
#include "tsa_test.h"
#include "certify_impl.h"

enum { M_NONE, M_LOSS, M_GRAD, M_HESS, M_KRAW };
static int mut = M_NONE;

int tsa_certify_loss_orig(arb_t J, const tsa_cand_t c, slong prec);
int tsa_certify_grad_orig(arb_ptr g, const tsa_cand_t c, slong prec);
int tsa_certify_hess_mr_orig(double *Hmid, double *Erad, const tsa_cand_t c,
                             slong prec);
tsa_truth_t tsa_certify_krawczyk_orig(double *ratio, double *rho, char *reason,
                                      const tsa_cand_t c, double *Hmid,
                                      double *Erad, double *R, slong prec);

#define tsa_certify_loss tsa_certify_loss_orig
#include "../../src/certify/loss.c"
#undef tsa_certify_loss
#define tsa_certify_grad tsa_certify_grad_orig
#include "../../src/certify/grad.c"   /* not src/train/grad.c */
#undef tsa_certify_grad
#define tsa_certify_hess_mr tsa_certify_hess_mr_orig
#include "../../src/certify/hess_mr.c"
#undef tsa_certify_hess_mr
#define tsa_certify_krawczyk tsa_certify_krawczyk_orig
#include "../../src/certify/krawczyk.c"
#undef tsa_certify_krawczyk

int
tsa_certify_loss(arb_t J, const tsa_cand_t c, slong prec)
{
    int st = tsa_certify_loss_orig(J, c, prec);
    if (mut == M_LOSS)
    {
        arb_t e;
        arb_init(e);
        arb_set_d(e, 1e-10);
        arb_add(J, J, e, prec);
        arb_clear(e);
    }
    return st;
}

int
tsa_certify_grad(arb_ptr g, const tsa_cand_t c, slong prec)
{
    int st = tsa_certify_grad_orig(g, c, prec);
    if (mut == M_GRAD)
    {
        arb_t e;
        arb_init(e);
        arb_set_d(e, 1e-10);
        arb_add(g, g, e, prec);
        arb_clear(e);
    }
    return st;
}

int
tsa_certify_hess_mr(double *Hmid, double *Erad, const tsa_cand_t c,
                    slong prec)
{
    int st = tsa_certify_hess_mr_orig(Hmid, Erad, c, prec);
    slong k, N = c->n * c->d;
    if (mut == M_HESS && Hmid != NULL)
        for (k = 0; k < N; k++)
            Hmid[k * N + k] += 1e-3;
    return st;
}

tsa_truth_t
tsa_certify_krawczyk(double *ratio, double *rho, char *reason,
                     const tsa_cand_t c, double *Hmid, double *Erad,
                     double *R, slong prec)
{
    tsa_truth_t t;
    double r;
    if (mut != M_KRAW)
        return tsa_certify_krawczyk_orig(ratio, rho, reason, c, Hmid, Erad, R,
                                         prec);
    if (*rho <= 0)
    {
        /* certify: prove a box, claim one 10^6 times smaller (the k = 4
           saddle's automatic box is ~4e4 times wider than needed) */
        t = tsa_certify_krawczyk_orig(ratio, rho, reason, c, Hmid, Erad, R,
                                      prec);
        *rho /= 1e6;
        return t;
    }
    /* verify: test the box 10^6 times larger than the given one */
    r = *rho * 1e6;
    return tsa_certify_krawczyk_orig(ratio, &r, reason, c, Hmid, Erad, R, prec);
}

static const char row7[] =
    "7\t1,6\t27\t0.014059013182513933\t1.2112676604732996e-10\t"
    "-0.6327039049152542,0.2616910758354652,0.0;"
    "0.18599104632000957,0.9969227987935689,-0.035080155932389";
static const char row4[] = "4\t1,3\t0\t0\t0\t-0.6,0.3,0.0;0.2,1.0,-0.04";

/* polish + certify on the dense path, with the current mutation */
static char *
certificate(const char *row, tsa_cert_kind_t kind)
{
    tsa_cand_t c;
    tsa_cert_t r;
    tsa_cert_opts_t o;
    slong runs;
    double lam;
    char *s;
    tsa_cert_opts_default(&o);
    ck_assert_int_eq(tsa_certify_census_row(c, row, &runs, &lam), TSA_SUCCESS);
    tsa_cert_init(r, c->n, c->m);
    ck_assert_int_eq(tsa_certify_point(r, c, &o), TSA_SUCCESS);
    ck_assert_msg(r->kind == kind, "mutation %d: %s (%s)", mut,
                  tsa_cert_kind_name(r->kind), r->reason);
    s = tsa_certify_cert_json(r, c, &o);
    tsa_cert_clear(r);
    tsa_cand_clear(c);
    return s;
}

/* certify with the bug, verify with the bug: invalid, by the independent
   path (claim named); the honest certificate of the same row is valid */
static void
run(int m, const char *row, tsa_cert_kind_t kind, const char *claim)
{
    char reason[256], want[80], *s;
    int st;
    tsa_truth_t v;
    mut = m;
    s = certificate(row, kind);
    v = tsa_certify_verify(reason, &st, s, 192);
    mut = M_NONE;
    snprintf(want, sizeof want, "independent path: %s:", claim);
    ck_assert_int_eq(st, TSA_SUCCESS);
    ck_assert_msg(v == TSA_FALSE && strstr(reason, want) == reason,
                  "mutation %d: verify %s: %s", m, tsa_truth_name(v), reason);
    free(s);
    s = certificate(row, kind);
    ck_assert_msg(tsa_certify_verify(reason, &st, s, 192) == TSA_TRUE,
                  "honest: %s", reason);
    free(s);
}

START_TEST(t_loss)
{
    run(M_LOSS, row7, TSA_CERT_MIN, "loss");
}
END_TEST

START_TEST(t_grad)
{
    run(M_GRAD, row7, TSA_CERT_MIN, "krawczyk");
    run(M_GRAD, row4, TSA_CERT_SADDLE, "krawczyk");
}
END_TEST

START_TEST(t_hess)
{
    run(M_HESS, row7, TSA_CERT_MIN, "lambda_min");
}
END_TEST

START_TEST(t_kraw)
{
    run(M_KRAW, row4, TSA_CERT_SADDLE, "krawczyk");
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_loss, t_grad, t_hess, t_kraw};
    int r = tsa_test_main("indep-mut", tests, 4, 60);
    flint_cleanup();
    return r;
}
