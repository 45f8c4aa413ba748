/* orbit_eval.c -- loss, reduced gradient and Hessian forms from one
 * representative per G-orbit (docs/certify.md s. 12; formulas of s. 1, 2
 * and s. 10 with the multiplicities of orbit_impl.h). */
#include <stdlib.h>
#include "orbit_impl.h"

/* psi / (|w||u|) = F(th) = (sin th + (pi - th) cos th) / (2 pi) */
static void
Fth(arb_t res, const oi_t *o, const arb_t c, const arb_t s, const arb_t th,
    slong prec)
{
    arb_t t;
    arb_init(t);
    arb_sub(t, o->pi, th, prec);
    arb_mul(t, t, c, prec);
    arb_add(res, t, s, prec);
    arb_div(res, res, o->twopi, prec);
    arb_clear(t);
}

/* J = 1/2 [ sum_ij psi(w_i, w_j) - 2 sum_it psi(w_i, e_t) + sum_tt' psi(e_t, e_t') ]
 * (docs s. 0) with the orbit counts: students (r, t): b_r b_t (r != t),
 * b_r (b_r - 1) (r = t, i != j), b_r (i = j: |w|^2/2); student r, teacher
 * s: b_r b_s, b_r (b_r - 1) (other index of block r), b_r (same index);
 * teachers: k/2 + k (k - 1) F(pi/2) = k/2 + k (k - 1)/(2 pi). */
int
tsa_orbit_loss(arb_t J, const tsa_orbit_t p, double rho, slong prec)
{
    oi_t o;
    slong B = p->s.B, r, t, e, k = p->s.k;
    arb_t acc, f, cnt;
    int st = _tsa_oi_init(&o, p, rho, prec);
    if (st != TSA_SUCCESS)
        return st;
    arb_init(acc);
    arb_init(f);
    arb_init(cnt);
    for (r = 0; r < B; r++)
    {
        arb_srcptr nr = o.nrm + o.cst[r];
        arb_mul(f, nr, nr, prec);
        arb_mul_si(f, f, o.b[r], prec);
        arb_mul_2exp_si(f, f, -1);
        arb_add(acc, acc, f, prec);
        for (t = 0; t < B; t++)
        {
            slong q = r * B + t;
            arb_set_si(cnt, o.b[r]);
            arb_mul_si(cnt, cnt, t == r ? o.b[r] - 1 : o.b[t], prec);
            if (!arb_is_zero(cnt))
            {
                Fth(f, &o, o.ssc + q, o.sss + q, o.ssth + q, prec);
                arb_mul(f, f, nr, prec);
                arb_mul(f, f, o.nrm + o.cst[t], prec);
                arb_addmul(acc, f, cnt, prec);
            }
            for (e = 0; e < 2; e++)
            {
                if (e == 1 && t != r)
                    continue;
                arb_set_si(cnt, o.b[r]);
                if (e == 0)
                    arb_mul_si(cnt, cnt, t == r ? o.b[r] - 1 : o.b[t], prec);
                if (arb_is_zero(cnt))
                    continue;
                Fth(f, &o, o.stc + 2 * q + e, o.sts + 2 * q + e,
                    o.stth + 2 * q + e, prec);
                arb_mul(f, f, nr, prec);
                arb_mul_2exp_si(f, f, 1);
                arb_submul(acc, f, cnt, prec);
            }
        }
    }
    arb_set_si(f, k);
    arb_mul_si(f, f, k - 1, prec);
    arb_div(f, f, o.twopi, prec);
    arb_add(acc, acc, f, prec);
    arb_set_si(f, k);
    arb_mul_2exp_si(f, f, -1);
    arb_add(acc, acc, f, prec);
    arb_mul_2exp_si(J, acc, -1);
    arb_clear(acc);
    arb_clear(f);
    arb_clear(cnt);
    _tsa_oi_clear(&o);
    return TSA_SUCCESS;
}

/* dJ/dW(a, i) (docs s. 1) with j, t summed given the context {i, a}:
 *   1/2 W_ai + (1/2pi) [ (sum_{j != i} |w_j| s_ij - sum_t s_it) u_i[a]
 *                        + sum_{j != i} (pi - th_ij) W_aj - (pi - th_{i,t=a}) ] */
static void
grad_rep(arb_t G, const oi_t *o, slong i, slong a, slong prec)
{
    slong K = o->K, j;
    arb_t c1, c2, t;
    arb_init(c1);
    arb_init(c2);
    arb_init(t);
    for (j = 0; j < K; j++)
    {
        const arb_struct *w = _tsa_oi_wt(o, j, i, a);
        if (j != i)
        {
            slong q = _tsa_oi_ss(o, i, j);
            arb_mul(t, o->nrm + j, o->sss + q, prec);
            _tsa_oi_wadd(c1, t, w, prec);
            arb_sub(t, o->pi, o->ssth + q, prec);
            arb_mul(t, t, o->W + j * K + a, prec);
            _tsa_oi_wadd(c2, t, w, prec);
        }
        arb_neg(t, o->sts + _tsa_oi_st(o, i, j));
        _tsa_oi_wadd(c1, t, w, prec);
    }
    arb_sub(t, o->pi, o->stth + _tsa_oi_st(o, i, a), prec);
    arb_sub(c2, c2, t, prec);
    arb_addmul(c2, c1, o->U + i * K + a, prec);
    arb_div(c2, c2, o->twopi, prec);
    arb_mul_2exp_si(G, o->W + i * K + a, -1);
    arb_add(G, G, c2, prec);
    arb_clear(c1);
    arb_clear(c2);
    arb_clear(t);
}

static void
count_arb(arb_t c, const tsa_sym_t s, slong q)
{
    fmpz_t n;
    fmpz_init(n);
    tsa_orbit_count(n, s, q);
    arb_set_fmpz(c, n);
    fmpz_clear(n);
}

int
tsa_orbit_grad(arb_ptr g, arb_ptr G, const tsa_orbit_t p, slong prec)
{
    oi_t o;
    slong q, dim = tsa_orbit_dim(&p->s), i, a;
    arb_t x, c;
    int st = _tsa_oi_init(&o, p, 0, prec);
    if (st != TSA_SUCCESS)
        return st;
    arb_init(x);
    arb_init(c);
    for (q = 0; q < dim; q++)
    {
        _tsa_oi_rep(&o, tsa_orbit_coord(&p->s, q), &i, &a);
        grad_rep(x, &o, i, a, prec);
        if (G != NULL)
            arb_set(G + q, x);
        count_arb(c, &p->s, q);
        arb_mul(g + q, x, c, prec);
    }
    arb_clear(x);
    arb_clear(c);
    _tsa_oi_clear(&o);
    return TSA_SUCCESS;
}

/* ---- Hessian forms (docs s. 10) ----------------------------------------- */

/* res = sum_a wt(a | s1, s2) v[a] w[a] (integer vectors) */
static void
idot_w(arb_t res, const oi_t *o, const long *v, const long *w, slong s1,
       slong s2, slong prec)
{
    slong a;
    arb_zero(res);
    for (a = 0; a < o->K; a++)
    {
        long x = v[a] * w[a];
        const arb_struct *wt;
        if (x == 0)
            continue;
        wt = _tsa_oi_wt(o, a, s1, s2);
        if (wt == NULL)
            arb_add_si(res, res, x, prec);
        else
            arb_addmul_si(res, wt, x, prec);
    }
}

/* a_i = v_i . u_i, P_ij = v_i . u_j - c_ij a_i (j student or teacher) */
void
_tsa_oi_prep(oprep_t *p, const oi_t *o, const long *v, slong prec)
{
    slong K = o->K, i, j, a;
    arb_t t;
    arb_init(t);
    p->v = v;
    p->nz = calloc(K, 1);
    p->a = _arb_vec_init(K);
    p->P = _arb_vec_init(2 * K * K);
    for (i = 0; i < K; i++)
    {
        const long *vi = v + i * K;
        for (a = 0; a < K; a++)
            p->nz[i] |= vi[a] != 0;
        if (!p->nz[i])
            continue;
        for (a = 0; a < K; a++)
            if (vi[a] != 0)
            {
                arb_mul_si(t, o->U + i * K + a, vi[a], prec);
                _tsa_oi_wadd(p->a + i, t, _tsa_oi_wt(o, a, i, -1), prec);
            }
        for (j = 0; j < K; j++)
        {
            arb_ptr Ps = p->P + i * 2 * K + j, Pt = Ps + K;
            if (j != i)
            {
                for (a = 0; a < K; a++)
                    if (vi[a] != 0)
                    {
                        arb_mul_si(t, o->U + j * K + a, vi[a], prec);
                        _tsa_oi_wadd(Ps, t, _tsa_oi_wt(o, a, i, j), prec);
                    }
                arb_submul(Ps, o->ssc + _tsa_oi_ss(o, i, j), p->a + i, prec);
            }
            arb_set_si(Pt, vi[j]);
            arb_submul(Pt, o->stc + _tsa_oi_st(o, i, j), p->a + i, prec);
        }
    }
    arb_clear(t);
}

void
_tsa_oi_prep_clear(oprep_t *p, const oi_t *o)
{
    free(p->nz);
    _arb_vec_clear(p->a, o->K);
    _arb_vec_clear(p->P, 2 * o->K * o->K);
}

/* the diagonal block of neuron i applied to v, w (docs s. 10):
   (1/2 + M_i) v_i.w_i - M_i a_i a_i' + sum_{u != i} nu_iu P_iu P'_iu */
static void
form_diag(arb_t acc, const oi_t *o, const oprep_t *p, const oprep_t *q,
          slong i, slong prec)
{
    slong K = o->K, j, r = o->blk[i];
    arb_t t, x;
    arb_init(t);
    arb_init(x);
    idot_w(x, o, p->v + i * K, q->v + i * K, i, -1, prec);
    arb_set_d(t, 0.5);
    arb_add(t, t, o->M + r, prec);
    arb_mul(x, x, t, prec);
    arb_add(acc, acc, x, prec);
    arb_mul(t, p->a + i, q->a + i, prec);
    arb_submul(acc, o->M + r, t, prec);
    for (j = 0; j < K; j++)
    {
        const arb_struct *w = _tsa_oi_wt(o, j, i, -1);
        slong ps = i * 2 * K + j;
        if (j != i)
        {
            arb_mul(t, p->P + ps, q->P + ps, prec);
            arb_mul(t, t, o->ssnu + _tsa_oi_ss(o, i, j), prec);
            _tsa_oi_wadd(acc, t, w, prec);
        }
        arb_mul(t, p->P + ps + K, q->P + ps + K, prec);
        arb_mul(t, t, o->stnu + _tsa_oi_st(o, i, j), prec);
        _tsa_oi_wadd(acc, t, w, prec);
    }
    arb_clear(t);
    arb_clear(x);
}

/* the off-diagonal blocks (i, j), students j != i:
   al v_i.w_j + be a_i(v) a_j(w) + ga P_ij(v) P_ji(w) */
static void
form_off(arb_t acc, const oi_t *o, const oprep_t *p, const oprep_t *q,
         slong i, slong prec)
{
    slong K = o->K, j;
    arb_t t, x;
    arb_init(t);
    arb_init(x);
    for (j = 0; j < K; j++)
    {
        slong key = _tsa_oi_ss(o, i, j);
        if (j == i || !q->nz[j])
            continue;
        idot_w(x, o, p->v + i * K, q->v + j * K, i, j, prec);
        arb_mul(x, x, o->ssal + key, prec);
        arb_mul(t, p->a + i, q->a + j, prec);
        arb_addmul(x, t, o->ssbe + key, prec);
        arb_mul(t, p->P + i * 2 * K + j, q->P + j * 2 * K + i, prec);
        arb_addmul(x, t, o->ssga + key, prec);
        _tsa_oi_wadd(acc, x, _tsa_oi_wt(o, j, i, -1), prec);
    }
    arb_clear(t);
    arb_clear(x);
}

void
_tsa_oi_form(arb_t res, const oi_t *o, const oprep_t *p, const oprep_t *q,
             slong prec)
{
    slong i;
    arb_t acc;
    arb_init(acc);
    arb_zero(res);
    for (i = 0; i < o->K; i++)
    {
        if (!p->nz[i])
            continue;
        arb_zero(acc);
        if (q->nz[i])
            form_diag(acc, o, p, q, i, prec);
        form_off(acc, o, p, q, i, prec);
        _tsa_oi_wadd(res, acc, _tsa_oi_wt(o, i, -1, -1), prec);
    }
    arb_clear(acc);
}

void
_tsa_oi_gram(arb_t res, const oi_t *o, const long *v, const long *w,
             slong prec)
{
    slong i, K = o->K;
    arb_t x;
    arb_init(x);
    arb_zero(res);
    for (i = 0; i < K; i++)
    {
        idot_w(x, o, v + i * K, w + i * K, i, -1, prec);
        _tsa_oi_wadd(res, x, _tsa_oi_wt(o, i, -1, -1), prec);
    }
    arb_clear(x);
}

/* the orbit indicator of free coordinate q on the compressed instance */
static long *
indicator(const oi_t *o, const tsa_sym_t s, slong q)
{
    slong K = o->K, i, a, yi = tsa_orbit_coord(s, q), B = o->B;
    long *v = calloc(K * K, sizeof(long));
    for (i = 0; i < K; i++)
        for (a = 0; a < K; a++)
        {
            slong ra = o->blk[a], ri = o->blk[i];
            slong y = ra != ri ? ra * (B + 1) + ri
                    : ra * (B + 1) + (a == i ? ra : B);
            v[i * K + a] = y == yi;
        }
    return v;
}

int
tsa_orbit_hess(arb_mat_t C, const tsa_orbit_t p, slong prec)
{
    oi_t o;
    slong dim = tsa_orbit_dim(&p->s), q, r;
    oprep_t *P;
    long **v;
    int st = _tsa_oi_init(&o, p, 0, prec);
    if (st != TSA_SUCCESS)
        return st;
    P = malloc(sizeof(oprep_t) * dim);
    v = malloc(sizeof(long *) * dim);
    for (q = 0; q < dim; q++)
    {
        v[q] = indicator(&o, &p->s, q);
        _tsa_oi_prep(P + q, &o, v[q], prec);
    }
    for (q = 0; q < dim; q++)
        for (r = q; r < dim; r++)
        {
            _tsa_oi_form(arb_mat_entry(C, q, r), &o, P + q, P + r, prec);
            arb_set(arb_mat_entry(C, r, q), arb_mat_entry(C, q, r));
        }
    for (q = 0; q < dim; q++)
    {
        _tsa_oi_prep_clear(P + q, &o);
        free(v[q]);
    }
    free(P);
    free(v);
    _tsa_oi_clear(&o);
    return TSA_SUCCESS;
}
