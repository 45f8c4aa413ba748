/* result.c -- claim results and the verdict rule (DESIGN.md s. 5). */
#include <stdlib.h>
#include <string.h>
#include "tsa_claims.h"

static char *
dup_or_null(const char *s)
{
    return s != NULL ? strdup(s) : NULL;
}

const char *
tsa_verdict_name(tsa_verdict_t v)
{
    switch (v)
    {
    case TSA_VERDICT_CONSISTENT: return "consistent";
    case TSA_VERDICT_COUNTEREXAMPLE: return "counterexample";
    case TSA_VERDICT_VACUOUS: return "vacuous";
    default: return "undecided";
    }
}

void
tsa_claim_result_init(tsa_claim_result_t r)
{
    memset(r, 0, sizeof *r);
    r->concl.truth = TSA_UNDECIDED;
    r->concl.name = strdup("conclusion");
    r->concl.evidence = strdup("not evaluated");
    r->data = json_object();
}

static void
item_clear(tsa_claim_item_struct *it)
{
    free(it->name);
    free(it->evidence);
}

void
tsa_claim_result_clear(tsa_claim_result_t r)
{
    slong i;
    for (i = 0; i < r->nhyp; i++)
        item_clear(r->hyp + i);
    free(r->hyp);
    item_clear(&r->concl);
    free(r->id);
    free(r->expect);
    free(r->paper);
    free(r->statement);
    free(r->instance);
    free(r->method);
    free(r->details);
    json_decref(r->data);
}

void
tsa_claim_add_hyp(tsa_claim_result_t r, const char *name, tsa_truth_t t,
                  const char *evidence)
{
    if (r->nhyp == r->alloc)
    {
        r->alloc = r->alloc ? 2 * r->alloc : 8;
        r->hyp = realloc(r->hyp, sizeof(tsa_claim_item_struct) * r->alloc);
    }
    r->hyp[r->nhyp].name = dup_or_null(name);
    r->hyp[r->nhyp].truth = t;
    r->hyp[r->nhyp].evidence = dup_or_null(evidence);
    r->nhyp++;
}

void
tsa_claim_set_concl(tsa_claim_result_t r, const char *name, tsa_truth_t t,
                    const char *evidence)
{
    item_clear(&r->concl);
    r->concl.name = dup_or_null(name);
    r->concl.truth = t;
    r->concl.evidence = dup_or_null(evidence);
}

tsa_verdict_t
tsa_claim_verdict(const tsa_claim_result_t r)
{
    slong i;
    int undecided = 0;
    for (i = 0; i < r->nhyp; i++)
    {
        if (r->hyp[i].truth == TSA_FALSE)
            return TSA_VERDICT_VACUOUS;
        if (r->hyp[i].truth != TSA_TRUE)
            undecided = 1;
    }
    if (undecided || r->concl.truth == TSA_UNDECIDED)
        return TSA_VERDICT_UNDECIDED;
    return r->concl.truth == TSA_TRUE ? TSA_VERDICT_CONSISTENT
                                      : TSA_VERDICT_COUNTEREXAMPLE;
}
