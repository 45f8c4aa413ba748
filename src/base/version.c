/* version.c -- versions of every library tsalign links (tsalign --version). */
#include <config.h> /* PACKAGE_VERSION, TSA_HAVE_OPENBLAS (build only) */
#include <stdio.h>
#include <gmp.h>
#include <mpfr.h>
#include <gsl/gsl_version.h>
#include <jansson.h>
#include "tsa_arb.h"
#include "tsa_base.h"

#ifdef TSA_HAVE_OPENBLAS
char *openblas_get_config(void);
char *openblas_get_corename(void);
#endif

size_t
tsa_versions(char *buf, size_t size)
{
    int n;
    n = snprintf(buf, size,
                 "tsalign %s\n"
                 "GMP %s\n"
                 "MPFR %s\n"
                 "FLINT %s\n"
                 "Arb %s\n"
                 "GSL %s\n"
                 "jansson %s\n"
#ifdef TSA_HAVE_OPENBLAS
                 "CBLAS OpenBLAS (%s; core %s)\n",
#else
                 "CBLAS %s\n",
#endif
                 PACKAGE_VERSION, gmp_version, mpfr_get_version(),
                 flint_version, arb_version, gsl_version,
                 jansson_version_str(),
#ifdef TSA_HAVE_OPENBLAS
                 openblas_get_config(), openblas_get_corename()
#else
                 TSA_CBLAS_NAME
#endif
    );
    return n < 0 ? 0 : (size_t) n;
}
