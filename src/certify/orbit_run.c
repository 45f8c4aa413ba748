/* orbit_run.c -- Newton in the orbit coordinates and the census decision by
 * the orbit path (docs/certify.md s. 10, s. 12): the isotypic branch of
 * run.c (lambda_min at the exact invariant centre minus the Hessian's
 * spread over the cube, existence by the monotone argument of s. 5) with
 * every quantity from orbit representatives. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "orbit_impl.h"

int
tsa_certify_is_global_min(const tsa_cand_t c)
{
    return _tsa_is_teacher_permutation(c);
}

/* upper bound of max_q |G_q| (= |grad J|_inf) */
static void
ginf(arf_t gn, arb_srcptr G, slong dim)
{
    slong q;
    arf_t t;
    arf_init(t);
    arf_zero(gn);
    for (q = 0; q < dim; q++)
    {
        arb_get_abs_ubound_arf(t, G + q, 64);
        if (arf_cmp(t, gn) > 0)
            arf_set(gn, t);
    }
    arf_clear(t);
}

int
tsa_orbit_polish(tsa_orbit_t p, arf_t gnorm, slong prec, slong maxiter)
{
    const tsa_sym_struct *s = &p->s;
    slong dim = tsa_orbit_dim(s), len = tsa_orbit_len(s), it, q;
    arb_ptr g = _arb_vec_init(dim), G = _arb_vec_init(dim);
    arb_mat_t C, gr, dy;
    arf_t t, prev;
    int st = TSA_SUCCESS;

    arb_mat_init(C, dim, dim);
    arb_mat_init(gr, dim, 1);
    arb_mat_init(dy, dim, 1);
    arf_init(t);
    arf_init(prev);
    arf_pos_inf(prev);
    for (q = 0; q < len; q++)
    {
        arf_set_round(arb_midref(p->y + q), arb_midref(p->y + q), prec,
                      ARF_RND_NEAR);
        mag_zero(arb_radref(p->y + q));
    }
    for (it = 0; it <= maxiter; it++)
    {
        if ((st = tsa_orbit_grad(g, G, p, prec + 32)) != TSA_SUCCESS)
            break;
        ginf(gnorm, G, dim);
        if (it == maxiter || arf_is_zero(gnorm))
            break;
        /* stagnation: |g| no longer halves (rounding level at prec) */
        arf_mul_2exp_si(t, gnorm, 1);
        if (arf_cmp(t, prev) > 0)
            break;
        arf_set(prev, gnorm);
        if ((st = tsa_orbit_hess(C, p, prec + 32)) != TSA_SUCCESS)
            break;
        for (q = 0; q < dim; q++)
            arb_set(arb_mat_entry(gr, q, 0), g + q);
        if (!arb_mat_solve(dy, C, gr, prec + 32))
        {
            st = TSA_ERROR(TSA_EDOM, "the Hessian restricted to the invariant "
                           "subspace is singular (or not resolved)");
            break;
        }
        for (q = 0; q < dim; q++)
        {
            arb_ptr y = p->y + tsa_orbit_coord(s, q);
            arf_sub(arb_midref(y), arb_midref(y),
                    arb_midref(arb_mat_entry(dy, q, 0)), prec, ARF_RND_NEAR);
        }
    }
    arf_clear(t);
    arf_clear(prev);
    arb_mat_clear(C);
    arb_mat_clear(gr);
    arb_mat_clear(dy);
    _arb_vec_clear(g, dim);
    _arb_vec_clear(G, dim);
    return st;
}

/* upper bound of |grad J(y)|_2 = sqrt(sum_q count_q G_q^2) */
static int
gnorm2(double *gn, const tsa_orbit_t p, slong prec)
{
    slong dim = tsa_orbit_dim(&p->s), q;
    arb_ptr g = _arb_vec_init(dim), G = _arb_vec_init(dim);
    arb_t acc, t;
    fmpz_t c;
    int st = tsa_orbit_grad(g, G, p, prec);
    arb_init(acc);
    arb_init(t);
    fmpz_init(c);
    for (q = 0; q < dim && st == TSA_SUCCESS; q++)
    {
        tsa_orbit_count(c, &p->s, q);
        arb_mul(t, G + q, G + q, prec);
        arb_mul_fmpz(t, t, c, prec);
        arb_add(acc, acc, t, prec);
    }
    arb_sqrtpos(acc, acc, prec);
    *gn = _tsa_arb_abs_ub_d(acc);
    arb_clear(acc);
    arb_clear(t);
    fmpz_clear(c);
    _arb_vec_clear(g, dim);
    _arb_vec_clear(G, dim);
    return st;
}

/* the angles of every student-teacher pair (n x m) and per teacher from
   the orbit angles */
static int
facts_angles(tsa_cert_t r, const tsa_orbit_t p, double rho, slong prec)
{
    const tsa_sym_struct *s = &p->s;
    slong B = s->B, k = s->k, i, t, bi = 0, bt;
    arb_ptr ang = _arb_vec_init(2 * B * B), mina = _arb_vec_init(B);
    int st = tsa_orbit_angles(ang, mina, p, rho, prec);
    for (i = 0; i < k && st == TSA_SUCCESS; i++)
    {
        while (i >= s->start[bi + 1])
            bi++;
        for (t = 0, bt = 0; t < k; t++)
        {
            while (t >= s->start[bt + 1])
                bt++;
            arb_set(r->ang + i * k + t, ang + 2 * (bi * B + bt) + (i == t));
            if (i == 0)
                arb_set(r->minang + t, mina + bt);
        }
    }
    _arb_vec_clear(ang, 2 * B * B);
    _arb_vec_clear(mina, B);
    return st;
}

/* smoothness, loss and angles over the final cube (run.c's "facts") */
static void
facts(tsa_cert_t r, const tsa_orbit_t p, double rho, slong prec)
{
    char why[256];
    if (tsa_orbit_smooth(&r->min_norm, &r->max_cos, why, p, rho, prec)
        != TSA_TRUE)
    {
        r->exists = TSA_UNDECIDED;
        r->kind = TSA_CERT_UNDECIDED;
        snprintf(r->reason, sizeof r->reason, "box not smooth: %.200s", why);
        return;
    }
    if (tsa_orbit_loss(r->loss, p, rho, prec) != TSA_SUCCESS
        || facts_angles(r, p, rho, prec) != TSA_SUCCESS)
    {
        r->exists = TSA_UNDECIDED;
        r->kind = TSA_CERT_UNDECIDED;
        snprintf(r->reason, sizeof r->reason, "loss/angles: %.200s",
                 tsa_error_last());
    }
}

/* a student within 1e-6 rad of a teacher (run.c's NEAR_ALIGNED) */
static int
near_aligned(tsa_cert_t r, const tsa_orbit_t p, slong prec)
{
    slong B = p->s.B, q;
    arb_ptr ang = _arb_vec_init(2 * B * B), mina = _arb_vec_init(B);
    int bad = 0;
    if (tsa_orbit_angles(ang, mina, p, 0, prec) == TSA_SUCCESS)
        for (q = 0; q < B && !bad; q++)
            if (_tsa_arb_abs_ub_d(mina + q) < 1e-6)
            {
                bad = 1;
                snprintf(r->reason, sizeof r->reason, "a student is within "
                         "%.2g rad of a teacher of block %ld: next to an "
                         "aligned point, where J is not smooth",
                         _tsa_arb_abs_ub_d(mina + q), (long) q);
            }
    _arb_vec_clear(ang, 2 * B * B);
    _arb_vec_clear(mina, B);
    return bad;
}

/* lambda at the centre, box, spread, monotone argument: 1 when decided
   (kind MIN), 0 when the isotypic bound is not proved (dense fallback),
   -1 when undecided with the reason set */
static int
isotypic(tsa_cert_t r, const tsa_orbit_t p, const tsa_sym_t s,
         const tsa_cert_opts_t *o)
{
    double est, lc, spread, rho;
    char why[256];
    slong b;
    if (tsa_orbit_lambda(&lc, &est, why, p, 0, o->prec) != TSA_TRUE
        || gnorm2(&r->gnorm2, p, o->prec) != TSA_SUCCESS)
        return 0;
    rho = o->radius > 0 ? o->radius : 2.02 * r->gnorm2 / est;
    if (rho < 1e-290)
        rho = 1e-290;
    r->radius = isfinite(rho) ? rho : 0;
    if (!(rho <= o->max_radius))
    {
        snprintf(r->reason, sizeof r->reason, "box radius %.3g needed to "
                 "enclose the critical point exceeds the maximum %.3g: the "
                 "candidate is not accurate enough", rho, o->max_radius);
        return -1;
    }
    if (tsa_orbit_spread(&spread, p, rho, 80) != TSA_SUCCESS)
    {
        snprintf(r->reason, sizeof r->reason, "box of radius %.3g: %.200s",
                 rho, tsa_error_last());
        return -1;
    }
    r->lambda_centre = lc;
    r->spread = spread;
    /* Weyl: lambda_min(H(x)) >= lambda_min(H(centre)) - |H(x) - H(centre)|_2 */
    r->lambda_lower = nextafter(lc - spread, -HUGE_VAL);
    if (!(r->lambda_lower > 0 && r->gnorm2 / r->lambda_lower * (1 + 1e-15) < rho))
    {
        snprintf(r->reason, sizeof r->reason, "lambda_min >= %.3g at the "
                 "centre (isotypic), spread %.3g on the box: %s", lc, spread,
                 r->lambda_lower > 0 ? "|grad|/lambda_min does not fit the box"
                 : "lambda_min > 0 not proved on the box");
        return -1;
    }
    r->sym = 1;
    r->sym_B = s->B;
    for (b = 0; b < s->B; b++)
        r->sym_size[b] = s->size[b];
    r->monotone = 1;
    r->exists = TSA_TRUE;
    r->kind = TSA_CERT_MIN;
    return 1;
}

int
tsa_orbit_run(tsa_cert_t r, const tsa_cand_t c, const tsa_sym_t s,
              const tsa_cert_opts_t *o)
{
    clock_t t0 = clock();
    tsa_orbit_t p;
    char why[256];
    int dec;
    tsa_cert_opts_t od = *o;

    od.sym = s;
    if (tsa_certify_is_global_min(c) || tsa_sym_invariant(s, c) != TSA_TRUE
        || tsa_orbit_from_cand(p, c, s) != TSA_SUCCESS)
        return tsa_certify_run(r, c, &od);
    r->prec = o->prec;
    if (tsa_orbit_smooth(&r->min_norm, &r->max_cos, why, p, 0, o->prec)
        != TSA_TRUE)
    {
        snprintf(r->reason, sizeof r->reason, "not smooth at the centre: "
                 "%.200s", why);
        dec = -1;
    }
    else if (near_aligned(r, p, o->prec))
        dec = -1;
    else
        dec = isotypic(r, p, s, o);
    if (dec == 1)
        facts(r, p, r->radius, o->prec);
    tsa_orbit_clear(p);
    if (dec == 0)   /* e.g. a saddle: the dense path decides */
        return tsa_certify_run(r, c, &od);
    r->seconds = (double) (clock() - t0) / CLOCKS_PER_SEC;
    return TSA_SUCCESS;
}

int
tsa_orbit_point(tsa_cert_t r, tsa_cand_t c, const tsa_sym_t s,
                const tsa_cert_opts_t *o)
{
    clock_t t0 = clock();
    tsa_orbit_t p;
    arf_t gb;
    int st = TSA_SUCCESS;
    if (!tsa_certify_is_global_min(c) && tsa_sym_invariant(s, c) == TSA_TRUE
        && tsa_orbit_from_cand(p, c, s) == TSA_SUCCESS)
    {
        tsa_cand_t x;
        arf_init(gb);
        st = tsa_orbit_polish(p, gb, o->prec, 20);
        tsa_orbit_to_cand(x, p);
        tsa_cand_set(c, x);
        tsa_cand_clear(x);
        arf_clear(gb);
        tsa_orbit_clear(p);
        if (st == TSA_EDOM && tsa_certify_is_global_min(c))
            st = TSA_SUCCESS;
        if (st != TSA_SUCCESS)
        {
            snprintf(r->reason, sizeof r->reason, "polish reached a "
                     "non-smooth point: %.200s", tsa_error_last());
            r->seconds = (double) (clock() - t0) / CLOCKS_PER_SEC;
            return st;
        }
        st = tsa_orbit_run(r, c, s, o);
    }
    else
    {
        tsa_cert_opts_t od = *o;
        od.sym = s;
        st = tsa_certify_point(r, c, &od);
    }
    r->seconds = (double) (clock() - t0) / CLOCKS_PER_SEC;
    return st;
}
