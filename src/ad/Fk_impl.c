/* Fk_impl.c -- F' and F'' on balls, shared by F1.c and F2.c.
 *
 * Exact theta: closed form with a Ziv loop.  Ball theta: intersection of
 * the direct form on the ball with the mean-value form
 *   F^(k)(m) + F^(k+1)(T) [-r, r],   m = mid T, r = rad T,
 * where F^(k+1)(T) comes from the Taylor series of F' = -sin G on T. */
#include "ad_impl.h"

int
_tsa_ad_Fk(arb_t res, int which, const arb_t theta, tsa_ad_act_t act,
           const arb_t c, const char *fn, slong prec)
{
    arb_t T, a, b, y, direct, m, der, r, F0;
    arb_poly_t P;
    slong wp = prec + TSA_AD_GUARD;
    int st;

    arb_init(T);
    arb_init(a);
    arb_init(b);
    arb_init(y);
    arb_init(direct);
    arb_init(m);
    arb_init(der);
    arb_init(r);
    arb_init(F0);
    arb_poly_init(P);

    st = _tsa_ad_prepare(T, a, b, theta, act, c, which, fn, prec);
    if (st != TSA_SUCCESS)
        arb_indeterminate(res);
    else if (arb_is_exact(T))
    {
        _tsa_ad_point(y, which, T, act, c, prec);
        arb_swap(res, y);
    }
    else
    {
        _tsa_ad_eval(direct, which, T, act, c, wp);
        arf_set(arb_midref(m), arb_midref(T));
        _tsa_ad_point(y, which, m, act, c, wp);
        if (act == TSA_AD_ARCCOS2)
            _tsa_ad_eval(F0, TSA_AD_WHICH_F, T, TSA_AD_RELU, NULL, wp);
        /* P = F'(T + t) to length which + 1: F^(which+1) = which! P[which] */
        _tsa_ad_dF_series_raw(P, T, which + 1, act, c, F0, wp);
        arb_poly_get_coeff_arb(der, P, which);
        if (which == 2)
            arb_mul_2exp_si(der, der, 1);
        arb_zero(r);
        mag_set(arb_radref(r), arb_radref(T));
        arb_addmul(y, der, r, wp);
        if (!arb_intersection(res, direct, y, prec))
            arb_set_round(res, direct, prec); /* not reached */
    }

    arb_clear(T);
    arb_clear(a);
    arb_clear(b);
    arb_clear(y);
    arb_clear(direct);
    arb_clear(m);
    arb_clear(der);
    arb_clear(r);
    arb_clear(F0);
    arb_poly_clear(P);
    return st;
}
