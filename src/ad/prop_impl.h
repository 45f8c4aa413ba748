/* prop_impl.h -- internals of the property engine (prop*.c). */
#ifndef TSA_AD_PROP_IMPL_H
#define TSA_AD_PROP_IMPL_H

#include "ad_impl.h"

enum
{
    PROP_CONST = 0,
    PROP_CENTRE = 1,
    PROP_LO = 2,
    PROP_HI = 3
};

/* a box: variable v ranges over [lo_v, hi_v] (balls: the ends may be
 * balls around pi); at_lo / at_hi: the end is the domain's edge */
typedef struct
{
    arb_struct lo[2], hi[2];
    int at_lo[2], at_hi[2];
    slong depth;
} prop_box_t;

/* Taylor-model enclosure of q (or of g when no variable touches an edge)
 * over the box; see prop_tm.c. */
int _tsa_ad_prop_tm(arb_t q, const prop_box_t *bx, slong nvar,
                    const int mode[2], const slong kord[3],
                    const tsa_ad_prop_t *prop, const tsa_ad_jet_ctx_t *ctx,
                    slong deg);

#endif
