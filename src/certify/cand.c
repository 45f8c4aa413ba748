/* cand.c -- candidate (teacher V, student W) init/clear/set. */
#include "certify_impl.h"

void
tsa_cand_init(tsa_cand_t c, slong d, slong n, slong m)
{
    c->d = d;
    c->n = n;
    c->m = m;
    c->V = _arb_vec_init(d * m);
    c->W = _arb_vec_init(d * n);
}

void
tsa_cand_clear(tsa_cand_t c)
{
    _arb_vec_clear(c->V, c->d * c->m);
    _arb_vec_clear(c->W, c->d * c->n);
}

void
tsa_cand_set(tsa_cand_t res, const tsa_cand_t c)
{
    _arb_vec_set(res->V, c->V, c->d * c->m);
    _arb_vec_set(res->W, c->W, c->d * c->n);
}
