/* orbit_inst.c -- orbit values and the compressed instance of the orbit
 * path (orbit_impl.h; docs/certify.md s. 12). */
#include <stdlib.h>
#include <string.h>
#include "orbit_impl.h"

slong
tsa_orbit_len(const tsa_sym_t s)
{
    return s->B * (s->B + 1);
}

slong
tsa_orbit_dim(const tsa_sym_t s)
{
    slong r, d = s->B * s->B;
    for (r = 0; r < s->B; r++)
        d += s->size[r] >= 2;
    return d;
}

/* free coordinates in the order of sym.c's orbit indicators: for r, for t:
   (r, t) if r != t, else the diagonal then (b_r >= 2) the off-diagonal */
slong
tsa_orbit_coord(const tsa_sym_t s, slong q)
{
    slong B = s->B, r, t, n = 0;
    for (r = 0; r < B; r++)
        for (t = 0; t < B; t++)
        {
            if (n++ == q)
                return r * (B + 1) + t;
            if (r == t && s->size[r] >= 2 && n++ == q)
                return r * (B + 1) + B;
        }
    return -1;
}

void
tsa_orbit_count(fmpz_t cnt, const tsa_sym_t s, slong q)
{
    slong yi = tsa_orbit_coord(s, q), B = s->B, r = yi / (B + 1),
          t = yi % (B + 1);
    /* row (coordinate) block r; column (neuron) block t, or B: off-diagonal */
    if (t == B)
        fmpz_set_si(cnt, s->size[r] * (s->size[r] - 1));
    else if (t == r)
        fmpz_set_si(cnt, s->size[r]);
    else
    {
        fmpz_set_si(cnt, s->size[r]);
        fmpz_mul_si(cnt, cnt, s->size[t]);
    }
}

int
tsa_orbit_init(tsa_orbit_t p, const tsa_sym_t s)
{
    if (s->k < 1 || s->k > TSA_ORBIT_MAX_K)
        return TSA_ERROR(TSA_EINVAL, "orbit: k = %ld outside 1 .. %d",
                         (long) s->k, TSA_ORBIT_MAX_K);
    p->s = *s;
    p->y = _arb_vec_init(tsa_orbit_len(s));
    return TSA_SUCCESS;
}

void
tsa_orbit_clear(tsa_orbit_t p)
{
    _arb_vec_clear(p->y, tsa_orbit_len(&p->s));
}

/* y index of entry (a, i) of a k x k matrix with blocks s */
static slong
yidx(const tsa_sym_t s, slong ra, slong ri, int same)
{
    if (ra != ri)
        return ra * (s->B + 1) + ri;
    return ra * (s->B + 1) + (same ? ra : s->B);
}

static slong
blk_of(const tsa_sym_t s, slong a)
{
    slong r = 0;
    while (a >= s->start[r + 1])
        r++;
    return r;
}

int
tsa_orbit_from_cand(tsa_orbit_t p, const tsa_cand_t c, const tsa_sym_t s)
{
    slong k = s->k, a, i;
    if (tsa_sym_invariant(s, c) != TSA_TRUE)
        return TSA_ERROR(TSA_EINVAL, "orbit: the candidate is not exactly "
                         "invariant under the blocks");
    for (i = 0; i < k; i++)
        for (a = 0; a < k; a++)
            if (!arb_equal_si(c->V + i * k + a, a == i))
                return TSA_ERROR(TSA_EINVAL, "orbit: the teacher is not I_k");
    if (tsa_orbit_init(p, s) != TSA_SUCCESS)
        return TSA_EINVAL;
    for (i = 0; i < k; i++)
        for (a = 0; a < k; a++)
            arb_set(p->y + yidx(s, blk_of(s, a), blk_of(s, i), a == i),
                    c->W + i * k + a);
    return TSA_SUCCESS;
}

void
tsa_orbit_to_cand(tsa_cand_t c, const tsa_orbit_t p)
{
    const tsa_sym_struct *s = &p->s;
    slong k = s->k, a, i;
    tsa_cand_init(c, k, k, k);
    for (i = 0; i < k; i++)
    {
        arb_one(c->V + i * k + i);
        for (a = 0; a < k; a++)
            arb_set(c->W + i * k + a,
                    p->y + yidx(s, blk_of(s, a), blk_of(s, i), a == i));
    }
}

/* ---- the compressed instance ------------------------------------------- */

const arb_struct *
_tsa_oi_wt(const oi_t *o, slong a, slong s1, slong s2)
{
    slong r, q = 0;
    if (a == s1 || a == s2 || !o->gen[a])
        return NULL;
    r = o->blk[a];
    if (s1 >= 0 && o->gen[s1] && o->blk[s1] == r)
        q++;
    if (s2 >= 0 && s2 != s1 && o->gen[s2] && o->blk[s2] == r)
        q++;
    return o->ratio + 3 * r + q;
}

void
_tsa_oi_wadd(arb_t res, const arb_t x, const arb_struct *w, slong prec)
{
    if (w == NULL)
        arb_add(res, res, x, prec);
    else
        arb_addmul(res, x, w, prec);
}

void
_tsa_oi_dot(arb_t res, const oi_t *o, arb_srcptr x, arb_srcptr y, slong s1,
            slong s2, slong prec)
{
    slong a;
    arb_t t;
    arb_init(t);
    arb_zero(res);
    for (a = 0; a < o->K; a++)
    {
        arb_mul(t, x + a, y + a, prec);
        _tsa_oi_wadd(res, t, _tsa_oi_wt(o, a, s1, s2), prec);
    }
    arb_clear(t);
}

void
_tsa_oi_rep(const oi_t *o, slong yi, slong *i, slong *a)
{
    slong B = o->B, r = yi / (B + 1), t = yi % (B + 1);
    if (t == B)         /* off-diagonal of (r, r) */
    {
        *i = o->cst[r];
        *a = o->cst[r] + 1;
    }
    else
    {
        *i = o->cst[t];
        *a = t == r ? *i : o->cst[r];
    }
}

static void
sizes(oi_t *o, const tsa_sym_struct *s, slong prec)
{
    slong r, a;
    o->B = s->B;
    o->k = s->k;
    o->cst[0] = 0;
    for (r = 0; r < s->B; r++)
    {
        slong q;
        o->b[r] = s->size[r];
        o->D[r] = o->b[r] < 4 ? o->b[r] : 4;
        o->m[r] = o->b[r] - o->D[r];
        o->c[r] = o->m[r] < 3 ? o->m[r] : 3;
        o->cb[r] = o->D[r] + o->c[r];
        o->cst[r + 1] = o->cst[r] + o->cb[r];
        for (q = 0; q < 3; q++)
        {
            arb_init(o->ratio + 3 * r + q);
            if (q < o->c[r])
            {
                arb_set_si(o->ratio + 3 * r + q, o->m[r] - q);
                arb_div_si(o->ratio + 3 * r + q, o->ratio + 3 * r + q,
                           o->c[r] - q, prec);
            }
        }
    }
    o->K = o->cst[s->B];
    o->blk = malloc(sizeof(slong) * o->K);
    o->gen = malloc(o->K);
    for (r = 0; r < s->B; r++)
        for (a = o->cst[r]; a < o->cst[r + 1]; a++)
        {
            o->blk[a] = r;
            o->gen[a] = a - o->cst[r] >= o->D[r];
        }
}

/* norms and unit vectors: one norm per block, copied */
static int
norms(oi_t *o, slong prec)
{
    slong r, i, a, K = o->K;
    for (r = 0; r < o->B; r++)
    {
        slong i0 = o->cst[r];
        arb_srcptr w = o->W + i0 * K;
        _tsa_oi_dot(o->nrm + i0, o, w, w, i0, -1, prec);
        if (!arb_is_positive(o->nrm + i0))
            return TSA_ERROR(TSA_EDOM, "orbit: the students of block %ld may "
                             "be 0", (long) r);
        arb_sqrt(o->nrm + i0, o->nrm + i0, prec);
        for (i = i0 + 1; i < o->cst[r + 1]; i++)
            arb_set(o->nrm + i, o->nrm + i0);
    }
    for (i = 0; i < K; i++)
        for (a = 0; a < K; a++)
            arb_div(o->U + i * K + a, o->W + i * K + a, o->nrm + i, prec);
    return TSA_SUCCESS;
}

/* pair tables: each unordered student pair orbit once, then mirrored */
static int
pairs(oi_t *o, slong prec)
{
    slong B = o->B, K = o->K, r, t, e;
    arb_t d;
    int st = TSA_SUCCESS;
    arb_init(d);
    for (r = 0; r < B && st == TSA_SUCCESS; r++)
        for (t = r; t < B && st == TSA_SUCCESS; t++)
        {
            slong i = o->cst[r], j = r == t ? i + 1 : o->cst[t], q = r * B + t;
            if (r == t && o->b[r] < 2)
                continue;
            _tsa_oi_dot(d, o, o->U + i * K, o->U + j * K, i, j, prec);
            arb_set(o->ssc + q, d);
            _tsa_pair_angle(o->ssc + q, o->sss + q, o->ssth + q, prec);
            if (!arb_is_positive(o->sss + q))
                st = TSA_ERROR(TSA_EDOM, "orbit: students of blocks %ld and "
                               "%ld may be parallel or antiparallel", (long) r,
                               (long) t);
            arb_set(o->ssc + t * B + r, o->ssc + q);
            arb_set(o->sss + t * B + r, o->sss + q);
            arb_set(o->ssth + t * B + r, o->ssth + q);
        }
    for (r = 0; r < B && st == TSA_SUCCESS; r++)
        for (t = 0; t < B && st == TSA_SUCCESS; t++)
            for (e = 0; e < 2 && st == TSA_SUCCESS; e++)
            {
                slong i = o->cst[r], tt, q = 2 * (r * B + t) + e;
                if (e == 1 && t != r)
                    continue;
                if (e == 0 && t == r && o->b[r] < 2)
                    continue;
                tt = e ? i : t == r ? i + 1 : o->cst[t];
                arb_set(o->stc + q, o->U + i * K + tt);
                _tsa_pair_angle(o->stc + q, o->sts + q, o->stth + q, prec);
                if (!arb_is_positive(o->sts + q))
                    st = TSA_ERROR(TSA_EDOM, "orbit: students of block %ld "
                                   "and teachers of block %ld may be parallel "
                                   "or antiparallel", (long) r, (long) t);
            }
    arb_clear(d);
    return st;
}

/* M_i = sum_j kappa_ij s_ij, kappa = sgn |u| / (2 pi |w_i|) (docs s. 2) */
static void
mterm(oi_t *o, slong prec)
{
    slong r, j, K = o->K;
    arb_t t;
    arb_init(t);
    for (r = 0; r < o->B; r++)
    {
        slong i = o->cst[r];
        arb_ptr M = o->M + r;
        arb_zero(M);
        for (j = 0; j < K; j++)
            if (j != i)
            {
                arb_mul(t, o->nrm + j, o->sss + _tsa_oi_ss(o, i, j), prec);
                _tsa_oi_wadd(M, t, _tsa_oi_wt(o, j, i, -1), prec);
            }
        /* the teachers enter with sign -1 and norm 1 */
        arb_zero(t);
        for (j = 0; j < K; j++)
            _tsa_oi_wadd(t, o->sts + _tsa_oi_st(o, i, j), _tsa_oi_wt(o, j, i, -1),
                         prec);
        arb_sub(M, M, t, prec);
        arb_div(M, M, o->nrm + i, prec);
        arb_div(M, M, o->twopi, prec);
    }
    arb_clear(t);
}

/* nu, alpha, beta, gamma of docs s. 2 per orbit key (unused keys stay
   balls of the empty orbits' zeros and are never read) */
static void
coefs(oi_t *o, slong prec)
{
    slong B = o->B, r, t, e;
    for (r = 0; r < B; r++)
        for (t = 0; t < B; t++)
        {
            slong q = r * B + t;
            arb_ptr s = o->sss + q;
            for (e = 0; e < 2; e++)
            {
                arb_ptr st = o->sts + 2 * q + e;
                if (!arb_is_positive(st))
                    continue;
                /* teacher: -1 / (2 pi |w_i| s) */
                arb_mul(o->stnu + 2 * q + e, o->twopi, st, prec);
                arb_mul(o->stnu + 2 * q + e, o->stnu + 2 * q + e,
                        o->nrm + o->cst[r], prec);
                arb_inv(o->stnu + 2 * q + e, o->stnu + 2 * q + e, prec);
                arb_neg(o->stnu + 2 * q + e, o->stnu + 2 * q + e);
            }
            if (!arb_is_positive(s))
                continue;
            arb_mul(o->ssga + q, o->twopi, s, prec);
            arb_inv(o->ssga + q, o->ssga + q, prec);
            arb_div(o->ssbe + q, s, o->twopi, prec);
            arb_sub(o->ssal + q, o->pi, o->ssth + q, prec);
            arb_div(o->ssal + q, o->ssal + q, o->twopi, prec);
            /* nu_ij = |w_j| / (2 pi |w_i| s) */
            arb_mul(o->ssnu + q, o->ssga + q, o->nrm + o->cst[t], prec);
            arb_div(o->ssnu + q, o->ssnu + q, o->nrm + o->cst[r], prec);
        }
}

int
_tsa_oi_init(oi_t *o, const tsa_orbit_t p, double rho, slong prec)
{
    const tsa_sym_struct *s = &p->s;
    slong B = s->B, K, i, a;
    int st;
    memset(o, 0, sizeof *o);
    o->prec = prec;
    sizes(o, s, prec);
    K = o->K;
    o->W = _arb_vec_init(K * K);
    o->U = _arb_vec_init(K * K);
    o->nrm = _arb_vec_init(K);
    o->ssc = _arb_vec_init(B * B);
    o->sss = _arb_vec_init(B * B);
    o->ssth = _arb_vec_init(B * B);
    o->stc = _arb_vec_init(2 * B * B);
    o->sts = _arb_vec_init(2 * B * B);
    o->stth = _arb_vec_init(2 * B * B);
    o->M = _arb_vec_init(B);
    o->ssnu = _arb_vec_init(B * B);
    o->ssal = _arb_vec_init(B * B);
    o->ssbe = _arb_vec_init(B * B);
    o->ssga = _arb_vec_init(B * B);
    o->stnu = _arb_vec_init(2 * B * B);
    arb_init(o->pi);
    arb_init(o->twopi);
    arb_const_pi(o->pi, prec);
    arb_mul_2exp_si(o->twopi, o->pi, 1);
    for (i = 0; i < K; i++)
        for (a = 0; a < K; a++)
        {
            arb_ptr x = o->W + i * K + a;
            arb_set(x, p->y + yidx(s, o->blk[a], o->blk[i], a == i));
            if (rho > 0)
                mag_set_d(arb_radref(x), rho);
        }
    st = norms(o, prec);
    if (st == TSA_SUCCESS)
        st = pairs(o, prec);
    if (st == TSA_SUCCESS)
    {
        mterm(o, prec);
        coefs(o, prec);
    }
    else
        _tsa_oi_clear(o);
    return st;
}

void
_tsa_oi_clear(oi_t *o)
{
    slong B = o->B, K = o->K, q;
    if (o->W == NULL)
        return;
    _arb_vec_clear(o->W, K * K);
    _arb_vec_clear(o->U, K * K);
    _arb_vec_clear(o->nrm, K);
    _arb_vec_clear(o->ssc, B * B);
    _arb_vec_clear(o->sss, B * B);
    _arb_vec_clear(o->ssth, B * B);
    _arb_vec_clear(o->stc, 2 * B * B);
    _arb_vec_clear(o->sts, 2 * B * B);
    _arb_vec_clear(o->stth, 2 * B * B);
    _arb_vec_clear(o->M, B);
    _arb_vec_clear(o->ssnu, B * B);
    _arb_vec_clear(o->ssal, B * B);
    _arb_vec_clear(o->ssbe, B * B);
    _arb_vec_clear(o->ssga, B * B);
    _arb_vec_clear(o->stnu, 2 * B * B);
    for (q = 0; q < 3 * B; q++)
        arb_clear(o->ratio + q);
    arb_clear(o->pi);
    arb_clear(o->twopi);
    free(o->blk);
    free(o->gen);
    o->W = NULL;
}
