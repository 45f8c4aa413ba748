/* tsalign.h -- the one public header of libtsalign.
 *
 * Modules (one header each, all included here):
 *   base    status codes, verdicts, errors, versions    (tsa_base.h)
 *   kernel  psi_l, psi_d, their gradient                (tsa_kernel.h)
 *   ad      Angular Distance functions F, F', F'', G    (tsa_ad.h)
 *   io      exact number parsing                        (tsa_io.h) */
#ifndef TSALIGN_H
#define TSALIGN_H

#include "tsa_arb.h"
#include "base/tsa_base.h"
#include "base/tsa_io.h"
#include "kernel/tsa_kernel.h"
#include "ad/tsa_ad.h"

#endif
