/* tsalign.h -- the one public header of libtsalign:
 *     #include <tsalign/tsalign.h>     (cc `pkg-config --cflags --libs tsalign`)
 * Every public header is installed flat into $(includedir)/tsalign/ and
 * includes its siblings by bare name ("tsa_base.h"), so each compiles on
 * its own, in any order, without config.h (tsa_config.h says what configure
 * found).  Private headers (*_impl.h, indep.h, the CLI's) are not installed.
 *
 * Modules (one header each, all included here):
 *   base    status codes, verdicts, errors, versions    (tsa_base.h)
 *   kernel  psi_l, psi_d, their gradient                (tsa_kernel.h)
 *   ad      Angular Distance functions F, F', F'', G    (tsa_ad.h)
 *   io      exact number parsing, atomic output         (tsa_io.h)
 *   train   float64 teacher-student training            (tsa_train.h)
 *   certify polish, Krawczyk boxes, certificates        (tsa_certify.h)
 *   claims  theorem-condition checks, reports           (tsa_claims.h)
 *   paths   safe ids, contained outputs; gnuplot     (tsa_path.h, tsa_plot.h)
 *   formats tags and versions, tables (md, csv, json) (tsa_format.h, tsa_table.h)
 *   census, orbits, families of symmetric points (tsa_census.h, tsa_orbit.h,
 *           tsa_family.h); NumPy arrays (tsa_npy.h); early alignment
 *           (tsa_ea.h); batches of jobs (tsa_batch.h)
 *   finite  finite-data landscape, kink test, boxes     (tsa_finite.h) */
#ifndef TSALIGN_H
#define TSALIGN_H

#include "tsa_arb.h"
#include "tsa_base.h"
#include "tsa_io.h"
#include "tsa_kernel.h"
#include "tsa_ad.h"
#include "tsa_train.h"
#include "tsa_certify.h"
#include "tsa_path.h"
#include "tsa_plot.h"
#include "tsa_claims.h"
#include "tsa_format.h"
#include "tsa_table.h"
#include "tsa_strbuf.h"
#include "tsa_census.h"
#include "tsa_orbit.h"
#include "tsa_family.h"
#include "tsa_npy.h"
#include "tsa_ea.h"
#include "tsa_batch.h"
#include "tsa_finite.h"
#include "tsa_overparam.h"
#include "tsa_overparam_split.h"

#endif
