/* tsa_claims.h -- theorem-condition checks (docs/claims.md).
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
    /* set by tsa_claim_run_file from the claim file (owned, may be NULL in
       results built by hand): the claim's kind (tsa_claim_kind_name), the
       correction a "corrected" claim applies, a scope note, the checker,
       the parameters the checker ran with (after --set), the --set
       overrides (NULL when none), and a counterexample's witness (a JSON
       object, docs/formats.md "Witnesses"; NULL when there is none) */
    char *kind;
    char *correction;
    char *scope;
    char *checker;
    json_t *params;
    json_t *overrides;
    json_t *witness;
    /* set by the caller before the run (borrowed, never freed): the folder
       for the checker's plot and data files, normally the report folder
       (`tsalign check` passes -o, a batch check job its OUT/files/<id>/);
       NULL (tsa_claim_result_init) writes none */
    const char *plot_dir;
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

/* Claim kinds: what a counterexample would refute (docs/claims.md).
 *   theorem           the paper's statement as printed
 *   corrected         the statement with a named correction ("correction")
 *   variant           deliberately stronger than the paper, built to fail
 *   negative-control  a deliberately wrong input that must be caught
 *   assumption        an assumption check: false is not a refuted theorem
 *   empirical         a headline empirical claim, measured at a budget */
#define TSA_CLAIM_NKINDS 6
const char *const *tsa_claim_kind_names(void); /* NULL terminated */
int tsa_claim_kind_index(const char *kind);    /* -1 when unknown */
/* The verdict in plain words for a reader: e.g. "the paper's statement
 * fails here" only for a theorem/corrected counterexample without a scope
 * note, "our variant fails, as designed" for a variant.  Never NULL. */
const char *tsa_claim_reading(const char *kind, const char *verdict,
                              int has_scope);

/* Parameters of a checker (src/claims/params.c): name, default (as text),
 * the paper's symbol, meaning.  The table is the list of accepted
 * top-level "params" fields; nested objects (train, teacher, ...) are
 * validated by the checker. */
typedef struct
{
    const char *name;
    const char *deflt;
    const char *symbol;
    const char *meaning;
} tsa_claim_param_t;
/* The table of checker, terminated by a NULL name; NULL if unknown. */
const tsa_claim_param_t *tsa_claim_params_of(const char *checker);
/* Refuse a params object with a field the checker does not know
 * (TSA_EFORMAT naming the field). */
int tsa_claim_params_check(const json_t *params, const char *checker,
                           const char *path) TSA_WUR;
/* --describe: the checker's parameters as a Markdown table (malloc'd). */
int tsa_claim_describe(char **text, const char *checker) TSA_WUR;

/* Apply overrides "key=value" (a dotted key into params; the value is a
 * JSON scalar or array, or else a plain string) to params and record them
 * in *applied (a new object key -> value).  TSA_EFORMAT naming the key on
 * a malformed override or an unknown top-level parameter. */
#define TSA_CLAIM_SET_MAX 64
int tsa_claim_params_set(json_t *params, json_t **applied, const char *checker,
                         const char *const *sets, int nsets) TSA_WUR;

/* Witnesses: a ball record of x (ball, exact dump, dyadic midpoint) for a
 * witness object; and re-deriving the witness of a counterexample report
 * at precision prec (0: twice the report's).  *truth: TRUE when the
 * violated relation is proved again, FALSE when it is proved not to hold,
 * UNDECIDED otherwise; *msg describes it (malloc'd).  *supported is 0
 * (and *truth UNDECIDED) when the checker's witnesses cannot be
 * re-derived.  Errors: a malformed report or witness (TSA_EFORMAT). */
json_t *tsa_claim_witness_arb(const arb_t x);
/* The witness of ad_properties: G (deriv 0) or G' (deriv 1) of act (leaky
 * slope c, exact decimal) violates its sign at the exact point theta. */
json_t *tsa_claim_witness_ad(const char *act, const char *c, int deriv,
                             const arb_t theta, slong prec);
/* Default witnesses after a run (the exact instance for ss_thm1/2). */
void tsa_claim_witness_complete(tsa_claim_result_t r);
int tsa_claim_recheck(tsa_truth_t *truth, int *supported, char **msg,
                      const char *report_path, slong prec) TSA_WUR;
/* Names of all checkers, NULL terminated. */
const char *const *tsa_claim_checker_names(void);

/* Limits on a claim file, checked before any work (one-line error naming
 * the field, TSA_EFORMAT):
 *   the file           a regular file of at most TSA_CLAIM_FILE_MAX bytes,
 *                      one JSON object, no duplicate keys, only the fields
 *                      id paper statement checker kind correction scope
 *                      tier prec expect params
 *   kind               required, tsa_claim_kind_names(); correction (a
 *                      non-empty string) exactly for kind "corrected";
 *                      scope an optional string
 *   id                 a safe identifier (tsa_io_check_id: [A-Za-z0-9]
 *                      then [A-Za-z0-9._-], at most 128, no ".."), not
 *                      "index"; it names every file the claim writes
 *   paper, statement, checker   strings (64, 65536, 64 characters)
 *   expect             consistent | counterexample | vacuous | undecided
 *   tier               quick | full
 *   prec               integer in TSA_CLAIM_PREC_MIN .. TSA_CLAIM_PREC_MAX
 *   params             an object whose fields are in the checker's table
 *                      (tsa_claim_params_of); each checker bounds its own fields
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
/* The same with --set overrides (tsa_claim_params_set): the id gets the
 * suffix "-set", r->overrides records them, and r->expect is kept for the
 * report but an overridden run is not held to it. */
int tsa_claim_run_file_set(tsa_claim_result_t r, const char *path,
                           const char *const *sets, int nsets) TSA_WUR;

/* Reports: <dir>/<id>.md and <dir>/<id>.json (atomic), and the index
 * <dir>/index.md built from every JSON report in dir. */
int tsa_claim_write_report(const tsa_claim_result_t r, const char *dir) TSA_WUR;

/* Plot and data files of a checker, next to the reports: the folder is
 * r->plot_dir when it names an existing folder, else NULL (no files); it
 * travels with the call (no environment variable, no current folder), so
 * calls at once may write to different folders.  Names are <id><suffix> with a
 * safe id; a NULL or unsafe id writes nothing.  A file is whole or
 * absent (tsa_path.h); a missing plot or data file is never an error.
 * dat_open returns 1 with o open on the temporary, 0 when no file is
 * written; dat_commit (or tsa_io_out_abort) closes it: 1 when the file
 * is in place, nothing reported. */
const char *tsa_claim_plot_dir(const tsa_claim_result_t r);
int tsa_claim_dat_open(tsa_io_out_t *o, const char *dir, const char *id,
                       const char *suffix);
int tsa_claim_dat_commit(tsa_io_out_t *o);
/* Draw <dir>/<id><suffix> (suffix ends in .png) with gnuplot (tsa_plot.h);
 * 1 when written. */
int tsa_claim_plot(const char *dir, const char *id, const char *suffix,
                   const char *terminal, const char *body);
int tsa_claim_write_index(const char *dir) TSA_WUR;
/* The index as data (index_rows.c): *rows an array with one record per
 * claim report DIR/<id>.json (claim, kind, instance, hypotheses_true,
 * hypotheses, conclusion, verdict, reading, overridden, prec, seconds,
 * report), for tsa_table_render; a report of a newer format major is
 * refused (TSA_EFORMAT). */
int tsa_claim_index_rows(json_t **rows, const char *dir) TSA_WUR;

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
