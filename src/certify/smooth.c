/* smooth.c -- is the landscape analytic on the whole box?  Angles between
 * students and teachers as balls. */
#include <math.h>
#include <stdio.h>
#include "certify_impl.h"

/* (w.u)^2 == |w|^2 |u|^2 exactly at the midpoints: parallel or antiparallel */
static int
exactly_parallel(arb_srcptr w, arb_srcptr u, slong d, slong prec)
{
    slong k, p = 4 * prec + 256;
    arb_ptr wm = _arb_vec_init(d), um = _arb_vec_init(d);
    arb_t a, b, t;
    int res;
    arb_init(a);
    arb_init(b);
    arb_init(t);
    for (k = 0; k < d; k++)
    {
        arf_set(arb_midref(wm + k), arb_midref(w + k));
        arf_set(arb_midref(um + k), arb_midref(u + k));
    }
    arb_dot(a, NULL, 0, wm, 1, um, 1, d, p);
    arb_mul(a, a, a, p);
    arb_dot(b, NULL, 0, wm, 1, wm, 1, d, p);
    arb_dot(t, NULL, 0, um, 1, um, 1, d, p);
    arb_mul(b, b, t, p);
    res = arb_is_exact(a) && arb_is_exact(b) && arb_equal(a, b);
    arb_clear(a);
    arb_clear(b);
    arb_clear(t);
    _arb_vec_clear(wm, d);
    _arb_vec_clear(um, d);
    return res;
}

tsa_truth_t
tsa_certify_smooth(double *min_norm, double *max_cos, char *reason,
                   const tsa_cand_t c, slong prec)
{
    slong d = c->d, n = c->n, m = c->m, i, j;
    arb_ptr nw = _arb_vec_init(n), nv = _arb_vec_init(m);
    arb_t cc, s, th;
    tsa_truth_t res = TSA_TRUE;
    double mn = HUGE_VAL, mc = 0;

    arb_init(cc);
    arb_init(s);
    arb_init(th);
    reason[0] = '\0';
    for (i = 0; i < n && res == TSA_TRUE; i++)
    {
        if (!_tsa_norm(nw + i, TSA_WCOL(c, i), d, prec))
        {
            slong k;
            int zero = 1;
            for (k = 0; k < d; k++)
                zero = zero && arf_is_zero(arb_midref(TSA_WCOL(c, i) + k));
            res = zero ? TSA_FALSE : TSA_UNDECIDED;
            snprintf(reason, 160, "student neuron %ld %s 0", (long) i,
                     zero ? "is" : "may be");
        }
        else
        {
            arf_t lo;
            double v;
            arf_init(lo);
            arb_get_lbound_arf(lo, nw + i, 64);
            v = arf_get_d(lo, ARF_RND_DOWN);
            arf_clear(lo);
            if (v < mn)
                mn = v;
        }
    }
    for (j = 0; j < m && res == TSA_TRUE; j++)
        if (!_tsa_norm(nv + j, TSA_VCOL(c, j), d, prec))
        {
            res = TSA_UNDECIDED;
            snprintf(reason, 160, "teacher neuron %ld may be 0", (long) j);
        }
    for (i = 0; i < n && res == TSA_TRUE; i++)
        for (j = 0; j < n + m && res == TSA_TRUE; j++)
        {
            int student = j < n;
            arb_srcptr u = student ? TSA_WCOL(c, j) : TSA_VCOL(c, j - n);
            double a;
            if (student && j <= i)
                continue;
            _tsa_pair(cc, s, th, nw + i, student ? nw + j : nv + (j - n),
                      TSA_WCOL(c, i), u, d, prec);
            a = _tsa_arb_abs_ub_d(cc);
            if (a > mc)
                mc = a;
            if (!arb_is_positive(s))
            {
                int ex = exactly_parallel(TSA_WCOL(c, i), u, d, prec);
                res = ex ? TSA_FALSE : TSA_UNDECIDED;
                if (student)
                    snprintf(reason, 160, "students %ld and %ld %s parallel or "
                             "antiparallel", (long) i, (long) j,
                             ex ? "are" : "may be");
                else
                    snprintf(reason, 160, "student %ld and teacher %ld %s "
                             "parallel or antiparallel", (long) i,
                             (long) (j - n), ex ? "are" : "may be");
            }
        }
    *min_norm = mn;
    *max_cos = mc;
    arb_clear(cc);
    arb_clear(s);
    arb_clear(th);
    _arb_vec_clear(nw, n);
    _arb_vec_clear(nv, m);
    return res;
}

int
tsa_certify_angles(arb_ptr ang, arb_ptr minang, const tsa_cand_t c,
                   slong prec)
{
    slong d = c->d, n = c->n, m = c->m, i, t;
    arb_t nw, nu, cc, s;
    int st = TSA_SUCCESS;
    arb_init(nw);
    arb_init(nu);
    arb_init(cc);
    arb_init(s);
    for (t = 0; t < m && st == TSA_SUCCESS; t++)
    {
        if (!_tsa_norm(nu, TSA_VCOL(c, t), d, prec))
            st = TSA_ERROR(TSA_EDOM, "teacher neuron %ld may be 0", (long) t);
        for (i = 0; i < n && st == TSA_SUCCESS; i++)
        {
            if (!_tsa_norm(nw, TSA_WCOL(c, i), d, prec))
                st = TSA_ERROR(TSA_EDOM, "student neuron %ld may be 0", (long) i);
            else
                _tsa_pair(cc, s, ang + i * m + t, nw, nu, TSA_WCOL(c, i),
                          TSA_VCOL(c, t), d, prec);
            if (i == 0)
                arb_set(minang + t, ang + i * m + t);
            else
                arb_min(minang + t, minang + t, ang + i * m + t, prec);
        }
    }
    arb_clear(nw);
    arb_clear(nu);
    arb_clear(cc);
    arb_clear(s);
    return st;
}
