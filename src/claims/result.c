/* result.c -- claim results and the verdict rule (docs/claims.md). */
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
    free(r->kind);
    free(r->correction);
    free(r->scope);
    free(r->checker);
    json_decref(r->params);
    json_decref(r->overrides);
    json_decref(r->witness);
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

static const char *const kind_names[TSA_CLAIM_NKINDS + 1] = {
    "theorem", "corrected", "variant", "negative-control", "assumption",
    "empirical", NULL};

const char *const *
tsa_claim_kind_names(void)
{
    return kind_names;
}

int
tsa_claim_kind_index(const char *kind)
{
    int i;
    for (i = 0; kind != NULL && i < TSA_CLAIM_NKINDS; i++)
        if (strcmp(kind, kind_names[i]) == 0)
            return i;
    return -1;
}

/* Plain words per kind (rows) and verdict (consistent, counterexample,
   vacuous, undecided).  Only a theorem or corrected counterexample
   without a scope note says that the paper's statement fails. */
static const char *const readings[TSA_CLAIM_NKINDS][4] = {
    {"the paper's statement holds on this instance",
     "the paper's statement fails here",
     "a hypothesis is false: the theorem says nothing here",
     "undecided: see the evidence"},
    {"the corrected statement holds on this instance",
     "the paper's statement, as corrected, fails here",
     "a hypothesis is false: the corrected theorem says nothing here",
     "undecided: see the evidence"},
    {"our variant holds here (it was built to be stronger than the paper)",
     "our variant fails, as designed (not a finding against the paper)",
     "a hypothesis of our variant is false",
     "undecided: see the evidence"},
    {"the negative control was not caught",
     "negative control caught, as designed",
     "negative control: a hypothesis is false, as designed",
     "undecided: see the evidence"},
    {"assumption holds on this instance",
     "assumption does not hold here (an assumption, not a refuted theorem)",
     "the assumption check does not apply here",
     "undecided: see the evidence"},
    {"reproduced at this budget",
     "not reproduced at this budget (a measurement, not a refutation)",
     "the measurement's setting does not apply",
     "undecided: see the evidence"}};

const char *
tsa_claim_reading(const char *kind, const char *verdict, int has_scope)
{
    int k = tsa_claim_kind_index(kind), v;
    if (verdict == NULL)
        return "no verdict";
    v = strcmp(verdict, "consistent") == 0       ? 0
        : strcmp(verdict, "counterexample") == 0 ? 1
        : strcmp(verdict, "vacuous") == 0        ? 2
                                                 : 3;
    if (k < 0)
        return "kind not stated";
    if (has_scope && v == 0 && k <= 1)
        return "holds on this instance, for the statement as scoped (see the "
               "scope note)";
    if (has_scope && v == 1 && k <= 1)
        return "fails for the statement as scoped (see the scope note); not the "
               "paper's statement as printed";
    if (has_scope && v == 1 && k == 2)
        return "our variant fails, as designed; the scope note says what the "
               "paper does and does not claim";
    return readings[k][v];
}
