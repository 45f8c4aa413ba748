/* t-overparam-orbit.c -- the orbit-reduced zero student and the path down
 * (docs/overparam.md s. 6, 7).
 *
 * At random block-symmetric points (blocks with generic indices beyond
 * the compressed instance) both orbit paths overlap the dense enclosure
 * of tsa_overparam_g at the expanded u, on the point and on a cube around
 * it; the type-A family at k = 8 and k = 40 descends; W = V (parallel
 * pairs) is never a proved descent; the float64 loss and gradient of the
 * path agree with the Arb enclosures at n = k + 1; GD from a perturbed
 * global minimum with an extra student ends at loss ~ 0. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_test.h"
#include "certify_impl.h"
#include "tsa_family.h"
#include "tsa_overparam.h"

#define PREC 128

static double
rnd(ulong *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return (double) (*s >> 11) / 9007199254740992.0 - 0.5;
}

/* the true k-vector of a concrete u: block r holds its first
   D + c concrete values, then the generic value repeated */
static void
expand_u(arb_ptr full, const double *u, const tsa_sym_t s)
{
    slong r, a, t = 0, q = 0;
    for (r = 0; r < s->B; r++)
    {
        slong b = s->size[r], D = b < 4 ? b : 4, m = b - D, c = m < 3 ? m : 3;
        for (a = 0; a < b; a++)
            arb_set_d(full + t + a, u[q + (a < D + c ? a : D + c - 1)]);
        t += b;
        q += D + c;
    }
}

static void
check_point(const slong *sz, slong B, ulong seed, double rho)
{
    tsa_sym_t s;
    tsa_orbit_t p;
    tsa_cand_t c;
    slong K, a, r, t, path, q;
    double *u;
    arb_t g0, g1, gd;
    arb_ptr full;
    ulong rs = seed;
    ck_assert(tsa_sym_init(s, sz, B) == TSA_SUCCESS);
    ck_assert(tsa_orbit_init(p, s) == TSA_SUCCESS);
    for (r = 0; r < B; r++)
        for (t = 0; t <= B; t++)
        {
            double v = r == t ? 0.8 + 0.3 * rnd(&rs) : 0.3 * rnd(&rs);
            if (t == B && s->size[r] < 2)
                v = 0;
            arb_set_d(p->y + r * (B + 1) + t, v);
        }
    K = tsa_overparam_orbit_K(s);
    u = malloc(sizeof(double) * K);
    for (r = 0, q = 0; r < B; r++)
    {
        slong b = s->size[r], D = b < 4 ? b : 4, m = b - D, cc = m < 3 ? m : 3;
        double gv = rnd(&rs);
        for (a = 0; a < D + cc; a++)
            u[q + a] = a < D ? rnd(&rs) : gv;
        q += D + cc;
    }
    arb_init(g0);
    arb_init(g1);
    arb_init(gd);
    ck_assert(tsa_overparam_orbit_g(g0, u, p, rho, 0, PREC) == TSA_SUCCESS);
    ck_assert(tsa_overparam_orbit_g(g1, u, p, rho, 1, PREC) == TSA_SUCCESS);
    tsa_orbit_to_cand(c, p);
    for (a = 0; a < s->k * s->k; a++)
        mag_set_d(arb_radref(c->W + a), rho);
    full = _arb_vec_init(s->k);
    expand_u(full, u, s);
    for (path = 0; path < 2; path++)
    {
        ck_assert(tsa_overparam_g(gd, full, c, path, PREC) == TSA_SUCCESS);
        ck_assert_msg(arb_overlaps(g0, gd) && arb_overlaps(g1, gd),
                      "orbit g %g %g, dense %g", arf_get_d(arb_midref(g0), ARF_RND_NEAR),
                      arf_get_d(arb_midref(g1), ARF_RND_NEAR),
                      arf_get_d(arb_midref(gd), ARF_RND_NEAR));
    }
    /* tight on an exact point */
    if (rho == 0)
        ck_assert(arb_rel_accuracy_bits(g0) > 90 && arb_rel_accuracy_bits(g1) > 90);
    /* a u that is not constant on the generic indices is refused */
    for (a = 1; a < K; a++)
        if (u[a] == u[a - 1])
        {
            u[a] += 0.25;
            ck_assert(tsa_overparam_orbit_g(g0, u, p, rho, 0, PREC) == TSA_EINVAL);
            break;
        }
    _arb_vec_clear(full, s->k);
    tsa_cand_clear(c);
    tsa_orbit_clear(p);
    free(u);
    arb_clear(g0);
    arb_clear(g1);
    arb_clear(gd);
}

START_TEST(t_orbit_vs_dense)
{
    static const slong pat[][4] = {{1, 5, 0, 0}, {2, 3, 4, 0}, {1, 9, 0, 0},
                                   {3, 8, 0, 0}, {1, 2, 5, 6}};
    static const slong nb[] = {2, 3, 2, 2, 4};
    slong j;
    for (j = 0; j < 5; j++)
    {
        check_point(pat[j], nb[j], 1234567 + 77 * j, 0);
        check_point(pat[j], nb[j], 7654321 + 77 * j, 1e-6);
    }
}
END_TEST

/* the type-A family: descent at k = 8 and 40, the bound re-derived
   densely at k = 8 with the expanded u */
START_TEST(t_type_a)
{
    slong ks[2] = {8, 40}, j;
    for (j = 0; j < 2; j++)
    {
        tsa_orbit_t p, Y;
        tsa_family_cert_t fc;
        arf_t gn;
        double u[16], gub;
        arf_init(gn);
        ck_assert(tsa_family_continue(p, gn, ks[j], PREC) == TSA_SUCCESS);
        tsa_family_cert_init(fc);
        ck_assert(tsa_family_certify(fc, p, PREC) == TSA_SUCCESS);
        ck_assert_int_eq(fc->kind, TSA_CERT_MIN);
        tsa_family_box(Y, p, fc->rho);
        ck_assert_int_le(tsa_overparam_orbit_K(&Y->s), 16);
        ck_assert(tsa_overparam_orbit_zero(u, &gub, Y, 0, PREC) == TSA_TRUE);
        ck_assert(gub < -0.001);
        if (ks[j] == 8)
        {
            tsa_cand_t c;
            arb_ptr full = _arb_vec_init(8);
            arb_t g;
            arb_init(g);
            tsa_orbit_to_cand(c, Y);
            expand_u(full, u, &Y->s);
            ck_assert(tsa_overparam_g(g, full, c, 1, PREC) == TSA_SUCCESS);
            ck_assert(arb_is_negative(g));
            ck_assert(arf_get_d(arb_midref(g), ARF_RND_NEAR) <= gub);
            arb_clear(g);
            _arb_vec_clear(full, 8);
            tsa_cand_clear(c);
        }
        tsa_orbit_clear(Y);
        tsa_orbit_clear(p);
        tsa_family_cert_clear(fc);
        arf_clear(gn);
    }
}
END_TEST

/* W = V: students parallel to teachers, never a proved descent */
START_TEST(t_global_min)
{
    slong sz[2] = {1, 6};
    tsa_sym_t s;
    tsa_orbit_t p;
    double u[16], gub = 0;
    ck_assert(tsa_sym_init(s, sz, 2) == TSA_SUCCESS);
    ck_assert(tsa_orbit_init(p, s) == TSA_SUCCESS);
    arb_one(p->y + 0);
    arb_one(p->y + 4);
    ck_assert(tsa_overparam_orbit_zero(u, &gub, p, 0, PREC) != TSA_TRUE);
    tsa_orbit_clear(p);
}
END_TEST

/* float64 loss and gradient (n = k + 1) against the Arb enclosures */
START_TEST(t_path_grad)
{
    slong d = 4, n = 5, m = 4, i;
    double W[20], V[16], G[20];
    tsa_cand_t c;
    arb_ptr g = _arb_vec_init(20);
    arb_t J;
    ulong rs = 99991;
    arb_init(J);
    tsa_cand_init(c, d, n, m);
    for (i = 0; i < d * n; i++)
    {
        W[i] = rnd(&rs);
        arb_set_d(c->W + i, W[i]);
    }
    for (i = 0; i < d * m; i++)
    {
        V[i] = (i % (d + 1) == 0) + 0.2 * rnd(&rs);
        arb_set_d(c->V + i, V[i]);
    }
    tsa_overparam_grad_d(G, W, n, V, m, d);
    ck_assert(tsa_certify_grad(g, c, PREC) == TSA_SUCCESS);
    ck_assert(tsa_certify_loss(J, c, PREC) == TSA_SUCCESS);
    for (i = 0; i < d * n; i++)
        ck_assert_msg(fabs(G[i] - arf_get_d(arb_midref(g + i), ARF_RND_NEAR)) < 1e-12,
                      "grad %ld: %g", (long) i, G[i]);
    ck_assert(fabs(tsa_overparam_loss_d(W, n, V, m, d)
                   - arf_get_d(arb_midref(J), ARF_RND_NEAR)) < 1e-12);
    _arb_vec_clear(g, 20);
    arb_clear(J);
    tsa_cand_clear(c);
}
END_TEST

/* GD from W = V + noise with a small extra student ends at J ~ 0 */
START_TEST(t_path_gd)
{
    slong d = 3, n = 4, m = 3, i;
    double W[12], V[9];
    tsa_overparam_path_t r;
    ulong rs = 4242;
    for (i = 0; i < d * m; i++)
        V[i] = i % (d + 1) == 0;
    for (i = 0; i < d * m; i++)
        W[i] = V[i] + 0.05 * rnd(&rs);
    for (i = 0; i < d; i++)
        W[d * m + i] = 0.01 * rnd(&rs);
    tsa_overparam_path_gd(&r, W, n, V, m, d, 20000, 1e-11);
    ck_assert(r.loss0 > 1e-5);
    ck_assert_msg(r.loss < 1e-9, "GD ended at J = %g after %ld", r.loss, (long) r.iters);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_orbit_vs_dense, t_type_a, t_global_min,
                            t_path_grad, t_path_gd};
    return tsa_test_main("overparam-orbit", tests, 5, 60);
}
