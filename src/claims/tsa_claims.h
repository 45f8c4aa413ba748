/* tsa_claims.h -- theorem-condition checks (DESIGN.md s. 6).
 *
 * A claim file in proofs_numeric/ names a theorem instance and a checker.
 * The checker evaluates each hypothesis and the conclusion as a tri-valued
 * tsa_truth_t with the numbers behind it; the claim's verdict follows:
 *   vacuous         some hypothesis is false
 *   undecided       no hypothesis false, but one (or the conclusion) undecided
 *   consistent      all hypotheses true and the conclusion true
 *   counterexample  all hypotheses true and the conclusion false
 * A verdict is never upgraded: undecided stays undecided. */
#ifndef TSA_CLAIMS_H
#define TSA_CLAIMS_H

#include <jansson.h>
#include "tsa_arb.h"
#include "tsa_base.h"
#include "tsa_path.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum
{
    TSA_VERDICT_CONSISTENT = 0,
    TSA_VERDICT_COUNTEREXAMPLE = 1,
    TSA_VERDICT_VACUOUS = 2,
    TSA_VERDICT_UNDECIDED = 3
} tsa_verdict_t;

const char *tsa_verdict_name(tsa_verdict_t v);

/* One evaluated statement: a hypothesis or the conclusion. */
typedef struct
{
    char *name;      /* short label, e.g. "G > 0 on [0, pi]" */
    tsa_truth_t truth;
    char *evidence;  /* the numbers behind the truth value, or the reason */
} tsa_claim_item_struct;

/* The result of checking one claim instance. */
typedef struct
{
    char *id;         /* claim id, e.g. "AD-2-relu" (a safe id, tsa_path.h) */
    char *expect;     /* the file's "expect" verdict, or NULL */
    char *paper;      /* "AD", "SS", "LM", "EA" */
    char *statement;  /* the theorem statement being checked, one line */
    char *instance;   /* the instance: activation, parameters */
    char *method;     /* how the truth values were obtained */
    tsa_claim_item_struct *hyp;
    slong nhyp, alloc;
    tsa_claim_item_struct concl;
    char *details;    /* extra Markdown (tables), may be NULL (owned)  */
    json_t *data;     /* extra machine-readable numbers (owned) */
    slong prec;
    double seconds;
} tsa_claim_result_struct;
typedef tsa_claim_result_struct tsa_claim_result_t[1];

void tsa_claim_result_init(tsa_claim_result_t r);
void tsa_claim_result_clear(tsa_claim_result_t r);
/* Append a hypothesis / set the conclusion (strings are copied). */
void tsa_claim_add_hyp(tsa_claim_result_t r, const char *name,
                       tsa_truth_t t, const char *evidence);
void tsa_claim_set_concl(tsa_claim_result_t r, const char *name,
                         tsa_truth_t t, const char *evidence);
tsa_verdict_t tsa_claim_verdict(const tsa_claim_result_t r);

/* A checker fills r from the claim's "params" object.  It returns an error
 * status only for malformed parameters (naming the field); outcomes,
 * including undecided, are not errors. */
typedef int (*tsa_claim_checker_t)(tsa_claim_result_t r,
                                   const json_t *params, const char *file,
                                   slong prec);
tsa_claim_checker_t tsa_claim_checker_find(const char *name);
/* Names of all checkers, NULL terminated. */
const char *const *tsa_claim_checker_names(void);

/* Limits on a claim file, checked before any work (one-line error naming
 * the field, TSA_EFORMAT):
 *   the file           a regular file of at most TSA_CLAIM_FILE_MAX bytes,
 *                      one JSON object, no duplicate keys, only the fields
 *                      id paper statement checker tier prec expect params
 *   id                 a safe identifier (tsa_io_check_id: [A-Za-z0-9]
 *                      then [A-Za-z0-9._-], at most 128, no ".."), not
 *                      "index"; it names every file the claim writes
 *   paper, statement, checker   strings (64, 65536, 64 characters)
 *   expect             consistent | counterexample | vacuous | undecided
 *   tier               quick | full
 *   prec               integer in TSA_CLAIM_PREC_MIN .. TSA_CLAIM_PREC_MAX
 *   params             an object; each checker bounds its own fields
 *                      (docs/claims*.md) and, where the work grows with
 *                      them, checks a work estimate against
 *                      TSA_CLAIM_WORK_MAX before it starts. */
#define TSA_CLAIM_FILE_MAX (1 << 20)
#define TSA_CLAIM_PREC_MIN 16
#define TSA_CLAIM_PREC_MAX 4096
#define TSA_CLAIM_WORK_MAX 1e13

/* Run the claim file at path: parse, validate, dispatch, time.  The
 * result's id, paper, statement, expect come from the file. */
int tsa_claim_run_file(tsa_claim_result_t r, const char *path) TSA_WUR;

/* Reports: <dir>/<id>.md and <dir>/<id>.json (atomic), and the index
 * <dir>/index.md built from every JSON report in dir. */
int tsa_claim_write_report(const tsa_claim_result_t r, const char *dir) TSA_WUR;

/* Plot and data files of a checker, next to the reports: the folder is
 * $TSA_REPORT_DIR (set by `tsalign check` to --out), else ./reports when
 * it is a folder, else NULL (no files).  Names are <id><suffix> with a
 * safe id; a NULL or unsafe id writes nothing.  A file is whole or
 * absent (tsa_path.h); a missing plot or data file is never an error.
 * dat_open returns 1 with o open on the temporary, 0 when no file is
 * written; dat_commit (or tsa_io_out_abort) closes it: 1 when the file
 * is in place, nothing reported. */
const char *tsa_claim_plot_dir(void);
int tsa_claim_dat_open(tsa_io_out_t *o, const char *dir, const char *id,
                       const char *suffix);
int tsa_claim_dat_commit(tsa_io_out_t *o);
/* Draw <dir>/<id><suffix> (suffix ends in .png) with gnuplot (tsa_plot.h);
 * 1 when written. */
int tsa_claim_plot(const char *dir, const char *id, const char *suffix,
                   const char *terminal, const char *body);
int tsa_claim_write_index(const char *dir) TSA_WUR;

/* Checker tables, one per paper file (src/claims/ad.c, ss.c, lm.c), each
 * terminated by {NULL, NULL}; the registry searches them in turn. */
typedef struct
{
    const char *name;
    tsa_claim_checker_t fn;
} tsa_claim_checker_entry_t;
extern const tsa_claim_checker_entry_t tsa_claims_ad_checkers[];
extern const tsa_claim_checker_entry_t tsa_claims_ss_checkers[];
extern const tsa_claim_checker_entry_t tsa_claims_lm_checkers[];

/* Checkers (one file per paper). */
int tsa_claim_check_ad_properties(tsa_claim_result_t r, const json_t *params,
                                  const char *file, slong prec);
int tsa_claim_check_ad3_spurious(tsa_claim_result_t r, const json_t *params,
                                 const char *file, slong prec);

#ifdef __cplusplus
}
#endif
#endif
