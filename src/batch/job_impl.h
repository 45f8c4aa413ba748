/* job_impl.h -- one job's result under construction (job*.c). */
#ifndef TSA_BATCH_JOB_IMPL_H
#define TSA_BATCH_JOB_IMPL_H
#include "batch_impl.h"

typedef struct
{
    tsa_batch_outcome_t outcome;
    char verdict[64];
    char detail[512];
    json_t *values;      /* exact numbers (hex floats), owned */
    json_t *census;      /* census jobs: the class's census row without
                            its time (tsa_census.h), owned, or NULL */
} tsa_batch_res_t;

/* the outcome of a library status (TSA_EMAXITER: undecided) */
tsa_batch_outcome_t tsa_batch_outcome_of(int status);
/* "0x1.8p-1" text of a double (exact) */
json_t *tsa_batch_hex(double x);

int tsa_batch_job_certify(tsa_batch_res_t *res, const tsa_batch_job_t *j,
                          const char *out, tsa_batch_cache_t *cache);
/* the index-th row with this k of the census file (malloc'd; NULL with an
 * error); cache: NULL or the file kept from the last call */
char *tsa_batch_census_line(tsa_batch_cache_t *cache, const char *path,
                            long k, long index);
int tsa_batch_job_train(tsa_batch_res_t *res, const tsa_batch_job_t *j,
                        const char *out);
int tsa_batch_job_check(tsa_batch_res_t *res, const tsa_batch_job_t *j,
                        const char *out);
#endif
