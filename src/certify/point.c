/* point.c -- from a start point to a verdict: the exact global minimum
 * first, else polish (in the orbit coordinates when a symmetry is given,
 * else float64 then Arb Newton) and tsa_certify_run (docs/certify.md s. 6). */
#include <time.h>
#include "certify_impl.h"
#include "tsa_orbit.h"

/* an exactly invariant point with teacher I_k: the orbit path decides
   (docs/certify.md s. 12; issue 14), with the same decisions */
static int
orbit_usable(const tsa_cand_t c, const tsa_cert_opts_t *o)
{
    slong k = c->d, a, i;
    if (o->sym == NULL || tsa_sym_invariant(o->sym, c) != TSA_TRUE
        || _tsa_is_teacher_permutation(c))
        return 0;
    for (i = 0; i < k; i++)
        for (a = 0; a < k; a++)
            if (!arb_equal_si(c->V + i * k + a, a == i))
                return 0;
    return 1;
}

int
tsa_certify_point(tsa_cert_t r, tsa_cand_t c, const tsa_cert_opts_t *o)
{
    clock_t t0 = clock();
    int st = TSA_SUCCESS;
    arf_t gb;
    double gd;

    if (orbit_usable(c, o))
        return tsa_orbit_point(r, c, o->sym, o);
    arf_init(gb);
    if (!_tsa_is_teacher_permutation(c))
    {
        st = TSA_EINVAL;
        if (o->sym != NULL && o->sym->k == c->d && c->d == c->n
            && c->n == c->m)
            st = tsa_sym_polish(c, gb, o->sym, o->prec, 20);
        if (st == TSA_EINVAL)   /* no usable symmetry: full coordinates */
        {
            st = tsa_certify_polish_d(c, &gd, 1e-13, 100);
            if (st != TSA_EDOM)
                st = tsa_certify_polish(c, gb, o->prec, 50);
        }
    }
    if (st == TSA_EDOM && _tsa_is_teacher_permutation(c))
        st = TSA_SUCCESS;   /* polish ended exactly at W = V: exact argument */
    if (st == TSA_EDOM)
        snprintf(r->reason, sizeof r->reason, "polish reached a non-smooth "
                 "point: %.200s", tsa_error_last());
    else
    {
        st = tsa_certify_run(r, c, o);
        if (st != TSA_SUCCESS)
            snprintf(r->reason, sizeof r->reason, "certify failed: %.200s",
                     tsa_error_last());
    }
    arf_clear(gb);
    r->seconds = (double) (clock() - t0) / CLOCKS_PER_SEC;
    return st;
}
