/* tsa_arb.h -- the one place that includes Arb/FLINT.
 *
 * Arb 2.x (Debian 12) installs top-level <arb.h> and links as -lflint-arb;
 * FLINT >= 3 merged Arb and installs <flint/arb.h>.  configure picks one
 * and records it in tsa_config.h (installed; never config.h, so that this
 * header compiles in any program, in any include order). */
#ifndef TSA_ARB_H
#define TSA_ARB_H

#include "tsa_config.h"

#if TSA_HAVE_FLINT_ARB_H
#include <flint/flint.h>
#include <flint/arb.h>
#include <flint/acb.h>
#include <flint/arb_poly.h>
#include <flint/arb_mat.h>
#include <flint/arb_hypgeom.h>
#include <flint/acb_calc.h>
#include <flint/acb_hypgeom.h>
#else
#include <flint/flint.h>
#include <arb.h>
#include <acb.h>
#include <arb_poly.h>
#include <arb_mat.h>
#include <arb_hypgeom.h>
#include <acb_calc.h>
#include <acb_hypgeom.h>
#endif

#endif
