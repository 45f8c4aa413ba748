/* adv.h -- adversarial candidates for tsalign certify and verify (issue 10,
 * item 6; docs/adversarial.md).  Only the public API (tsalign.h) is used,
 * so the runner keeps working while the library changes underneath.
 *
 * A base is a real point whose truth is known: a critical point polished
 * at 320 bits and certified at start-up (x* lies in c* +- rho, its class
 * is known), or an exact global minimum W = V = I_k.  A case is a wrong
 * or hard candidate made from a base; adv writes it as a candidate file,
 * reads it back as the CLI does, certifies it, writes the certificate
 * text, verifies that text, and judges the outcome (adv_judge.c). */
#ifndef ADV_H
#define ADV_H

#include <stdint.h>
#include "tsalign.h"

/* what is known about the true critical point near the case's centre */
enum
{
    TRUTH_NONE = 0,   /* nothing (the problem or the point moved far)    */
    TRUTH_FULL = 1,   /* x* (the base's, maybe permuted) and its class    */
    TRUTH_KIND = 2    /* only the class (teacher moved by <= 1e-8)        */
};

/* how the candidate's numbers are written into its JSON file */
enum
{
    R_EXACT = 0,      /* Arb dumps (what polish writes)                   */
    R_DEC = 1,        /* decimals with `digits` significant digits        */
    R_HEX = 2,        /* C99 hex floats of the nearest double             */
    R_NUM = 3         /* JSON numbers (the nearest double)                */
};

enum
{
    C_SHIFT, C_SHIFT_POLISH, C_SADDLE_AS_MIN, C_PARALLEL, C_ZERO, C_RADIUS,
    C_DECIMAL, C_LOWPREC, C_SYM, C_TEACHER, C_PERMUTE, C_NCLASS
};
extern const char *const adv_class_name[C_NCLASS];

typedef struct
{
    char name[64];
    tsa_cert_kind_t kind;   /* MIN, SADDLE or GLOBAL_MIN                  */
    tsa_cand_t c;           /* exact centre c* (global: W = V)            */
    int have_sym;
    tsa_sym_t sym;
    double rho;             /* x* in c* +- rho (0 for global)             */
    arb_t J;                /* enclosure of J(x*)                         */
    double lambda;          /* certified lambda_min (min) or 0            */
} adv_base_t;

typedef struct
{
    uint64_t s;
} adv_rng_t;

typedef struct
{
    long index;
    int cls;
    const adv_base_t *b;
    char desc[400];
    tsa_cand_t c;            /* the candidate (W, V), before rendering   */
    int render, digits;      /* R_* and digits for R_DEC of W            */
    char **vdec;             /* NULL, or V's entries as decimal strings  */
    fmpq *vq;                /* ... and their exact values (d m)          */
    slong nb, blocks[16];    /* nb > 0: symmetry written in the file      */
    tsa_cert_opts_t o;
    int polish;              /* tsa_certify_point instead of run         */
    int truth;               /* TRUTH_*                                  */
    slong *perm_i, *perm_a;  /* x*'s columns / rows permuted (or NULL)   */
} adv_case_t;

/* outcome of one case */
enum
{
    O_REFUSED = 0, O_UNDECIDED, O_MIN, O_SADDLE, O_GLOBAL, O_CRITICAL,
    O_NOUT
};

typedef struct
{
    int outcome;        /* O_*                                           */
    int is_false;       /* a false certificate (reason in why)           */
    int suspect;        /* unexpected but not provably false             */
    int verify_valid;   /* verify's answer on the certificate            */
    char why[512];
} adv_result_t;

/* judge self-test (adv --mutate NAME): a wrong reference in one check */
enum
{
    ADV_MUT_NONE = 0, ADV_MUT_KIND, ADV_MUT_XSTAR, ADV_MUT_LOSS, ADV_MUT_GRAD
};
extern int adv_mutate;

/* rng helpers (adv_gen.c) */
uint64_t adv_rng_next(adv_rng_t *r);
double adv_u01(adv_rng_t *r);
long adv_int(adv_rng_t *r, long lo, long hi);   /* lo..hi inclusive */

/* bases (adv_base.c) */
int adv_bases_load(adv_base_t **bases, long *nb, const char *dir, long kmax);
void adv_bases_clear(adv_base_t *bases, long nb);

/* case generation (adv_gen.c): fills cs from the case index and seed */
void adv_case_make(adv_case_t *cs, const adv_base_t *bases, long nb,
                   uint64_t seed, long index, int only_class);
void adv_case_clear(adv_case_t *cs);

/* candidate file text (adv_render.c); caller frees */
char *adv_case_json(const adv_case_t *cs);

/* run and judge one case (adv_judge.c); tmpdir holds the files */
void adv_case_run(adv_result_t *res, adv_case_t *cs, const char *tmpdir,
                  char **cert_out);

/* independent loss and gradient over a box (adv_indep.c): the formula of
 * docs/certify.md s. 1 written again, not src/certify/loss.c / grad.c */
void adv_indep_loss(arb_t J, arb_srcptr W, arb_srcptr V, slong d, slong n,
                    slong m, slong prec);
void adv_indep_grad(arb_ptr g, arb_srcptr W, arb_srcptr V, slong d, slong n,
                    slong m, slong prec);

#endif
