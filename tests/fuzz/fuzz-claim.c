/* fuzz-claim.c -- the claim file reader of `tsalign check`
 * (tsa_claim_run_file, src/claims/registry.c) without the claims' work:
 * this program defines the checker tables itself, with the real
 * checker names bound to a stub that only walks "params" (the real tables
 * of ad.c, ss.c, lm.c and ad_prove.c are then not linked).  A claim read successfully
 * is given a verdict and, when its id is a plain file name, written as a
 * report into a private directory (tsa_claim_write_report). */
#include <sys/stat.h>
#include "tsa_claims.h"
#include "fuzz.h"

static int
stub(tsa_claim_result_t r, const json_t *params, const char *file,
     slong prec)
{
    char *s = json_dumps(params, JSON_COMPACT | JSON_ENCODE_ANY);
    (void) file;
    (void) prec;
    if (s == NULL)
        return TSA_ERROR(TSA_EFORMAT, "params: cannot encode");
    tsa_claim_add_hyp(r, "params", TSA_TRUE, s);
    tsa_claim_set_concl(r, "stub", json_object_size(params) % 2 ? TSA_TRUE
                        : TSA_UNDECIDED, s);
    free(s);
    return TSA_SUCCESS;
}

const tsa_claim_checker_entry_t tsa_claims_ad_checkers[] = {
    {"ad_properties", stub}, {"ad3_spurious", stub}, {NULL, NULL}};
const tsa_claim_checker_entry_t tsa_claims_ss_checkers[] = {
    {"ss_align", stub}, {"ss_aug", stub}, {"ss_dataset", stub},
    {"ss_empirical", stub}, {"ss_thm1", stub}, {"ss_thm2", stub},
    {"ss_thm3", stub}, {"ss_thm5", stub}, {NULL, NULL}};
const tsa_claim_checker_entry_t tsa_claims_lm_checkers[] = {
    {"lm_lipschitz", stub}, {"lm_overlap", stub}, {"lm_thm1", stub},
    {"lm_thm3", stub}, {"lm_thm4", stub}, {"lm_thm5", stub}, {NULL, NULL}};
/* the property-engine table (src/claims/ad_prove.c), when the registry
   searches it */
const tsa_claim_checker_entry_t tsa_claims_adp_checkers[] = {
    {"ad_prove", stub}, {"ad1_n2", stub}, {"ad1_gd", stub}, {NULL, NULL}};

/* a plain, short file name: the harness must not write outside its
   directory even if the library lets such an id through */
static int
plain_id(const char *id)
{
    size_t i;
    if (id == NULL || id[0] == '\0' || id[0] == '.' || strlen(id) > 64)
        return 0;
    for (i = 0; id[i] != '\0'; i++)
        if (!((id[i] >= 'a' && id[i] <= 'z') || (id[i] >= 'A' && id[i] <= 'Z')
              || (id[i] >= '0' && id[i] <= '9') || id[i] == '-' || id[i] == '_'
              || id[i] == '.'))
            return 0;
    return 1;
}

static void
fuzz_one(const unsigned char *data, size_t len)
{
    static char dir[600];
    const char *path = fuzz_tmpfile(data, len, ".json");
    tsa_claim_result_t r;
    if (path == NULL)
        return;
    if (dir[0] == '\0')
    {
        snprintf(dir, sizeof dir, "%s.d", path);
        mkdir(dir, 0700);
    }
    tsa_claim_result_init(r);
    if (tsa_claim_run_file(r, path) == TSA_SUCCESS)
    {
        (void) tsa_verdict_name(tsa_claim_verdict(r));
        if (plain_id(r->id))
        {
            char f[700];
            (void) tsa_claim_write_report(r, dir);
            snprintf(f, sizeof f, "%s/%s.json", dir, r->id);
            unlink(f);
            snprintf(f, sizeof f, "%s/%s.md", dir, r->id);
            unlink(f);
        }
    }
    tsa_claim_result_clear(r);
}
