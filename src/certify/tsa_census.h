/* tsa_census.h -- census results as data (census_table.c): one JSON
 * object per class and per k, rendered by tsa_table.h as Markdown, CSV or
 * JSON, and written whole as a "tsalign-census" file.
 *
 * Row fields: k, blocks, runs, verdict, loss_lo, loss_hi (the certified
 * loss interval, outward-rounded doubles; exactly 0 and 0 for an exact
 * global minimum), lambda_lower (the certified lower bound of lambda_min,
 * a strict minimum only, else null), lambda_census (the census' float64
 * value), radius (box half-width, null where no box was proved), seconds,
 * reason.  null is "not applicable": CSV prints an empty field, Markdown
 * "-". */
#ifndef TSA_CENSUS_H
#define TSA_CENSUS_H

#include <jansson.h>
#include "tsa_certify.h"

#ifdef __cplusplus
extern "C" {
#endif

json_t *tsa_census_row_json(long k, const char *blocks, long runs,
                            const tsa_cert_t r, double lambda_census);
/* counts[4]: undecided, certified min, saddle, global min; k < 0: "all" */
json_t *tsa_census_counts_json(long k, const long counts[4]);
/* the row columns in CSV order (new reference) */
json_t *tsa_census_columns(void);
/* the "tsalign-census" file text (malloc'd, NULL when out of memory) */
char *tsa_census_json_text(json_t *counts, json_t *rows, long prec,
                           double seconds, const char *source);

#ifdef __cplusplus
}
#endif
#endif
