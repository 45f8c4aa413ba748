/* job_check.c -- a check job: the library calls of `tsalign check FILE`
 * (src/cli/cli_check.c); the report and the checker's plot and data files
 * go to OUT/files/<id>/ (a folder of its own, so jobs running at once
 * never rebuild one index together; `tsalign batch --reports` collects
 * them, collect.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "job_impl.h"
#include "tsa_claims.h"

int
tsa_batch_job_check(tsa_batch_res_t *res, const tsa_batch_job_t *j,
                    const char *out)
{
    tsa_claim_result_t r;
    char *dir = NULL;
    const char *verdict;
    int st;
    if ((st = tsa_batch_file_path(&dir, out, j, "")))
        return st;
    if ((st = tsa_batch_mkdir(dir, NULL)))
    {
        free(dir);
        return st;
    }
    tsa_claim_result_init(r);
    r->plot_dir = dir; /* the checker's plots beside the job's report */
    if ((st = tsa_claim_run_file(r, j->path)) == TSA_SUCCESS
        && (st = tsa_claim_write_report(r, dir)) == TSA_SUCCESS)
    {
        verdict = tsa_verdict_name(tsa_claim_verdict(r));
        snprintf(res->verdict, sizeof res->verdict, "%s", verdict);
        snprintf(res->detail, sizeof res->detail, "claim %s; expect %s",
                 r->id, r->expect ? r->expect : "-");
        res->outcome = TSA_BATCH_OK;
        if (r->expect != NULL && strcmp(r->expect, verdict) != 0)
            res->outcome = tsa_claim_verdict(r) == TSA_VERDICT_UNDECIDED
                               ? TSA_BATCH_UNDECIDED
                               : TSA_BATCH_REFUTED;
    }
    tsa_claim_result_clear(r);
    free(dir);
    return st;
}
