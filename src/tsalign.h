/* tsalign.h -- the one public header of libtsalign.
 *
 * Modules (one header each, all included here):
 *   base    status codes, verdicts, errors, versions    (tsa_base.h)
 *   kernel  psi_l, psi_d, their gradient                (tsa_kernel.h)
 *   ad      Angular Distance functions F, F', F'', G    (tsa_ad.h)
 *   io      exact number parsing, atomic output         (tsa_io.h)
 *   train   float64 teacher-student training            (tsa_train.h)
 *   certify polish, Krawczyk boxes, certificates        (tsa_certify.h)
 *   finite  finite-data landscape, kink test, boxes     (tsa_finite.h) */
#ifndef TSALIGN_H
#define TSALIGN_H

#include "tsa_arb.h"
#include "base/tsa_base.h"
#include "base/tsa_io.h"
#include "kernel/tsa_kernel.h"
#include "ad/tsa_ad.h"
#include "train/tsa_train.h"
#include "certify/tsa_certify.h"
#include "finite/tsa_finite.h"

#endif
