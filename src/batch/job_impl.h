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
} tsa_batch_res_t;

/* the outcome of a library status (TSA_EMAXITER: undecided) */
tsa_batch_outcome_t tsa_batch_outcome_of(int status);
/* "0x1.8p-1" text of a double (exact) */
json_t *tsa_batch_hex(double x);

int tsa_batch_job_certify(tsa_batch_res_t *res, const tsa_batch_job_t *j,
                          const char *out);
int tsa_batch_job_train(tsa_batch_res_t *res, const tsa_batch_job_t *j,
                        const char *out);
int tsa_batch_job_check(tsa_batch_res_t *res, const tsa_batch_job_t *j,
                        const char *out);
#endif
