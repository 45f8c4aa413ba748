/* work.c -- work estimates of claim parameters, checked before the work
 * starts (tsa_claims.h: TSA_CLAIM_WORK_MAX). */
#include "ss_impl.h"

/* Operations of one training run, an overestimate within a small factor:
 * forward + backward passes (3 x 2 flops per parameter and sample) for
 * every step on a batch (SGD) or the whole training set (GD), plus the
 * metrics (forward pass and correlations on the evaluation set) logged
 * about 50 times per run or every log_every steps. */
double
tsa_claim_train_work(const tsa_train_config *cfg_in)
{
    tsa_train_config cfg = *cfg_in;
    double P, width = 0.0, prev, samples, logs;
    size_t l;
    tsa_train_config_resolve(&cfg);
    prev = (double) cfg.d;
    P = 0.0;
    for (l = 0; l < cfg.nhidden; l++)
    {
        double h = (double) (l < cfg.nstudent ? cfg.student_h[l] : cfg.teacher_h[l]);
        double t = (double) cfg.teacher_h[l];
        P += (prev + 1.0) * (h + t);
        width += h;
        prev = h;
    }
    P += (prev + 1.0) * 2.0 * (double) cfg.outputs;
    samples = cfg.opt == TSA_TRAIN_OPT_SGD ? (double) cfg.batch
              : cfg.n_train > 0 ? (double) cfg.n_train : (double) cfg.batch;
    if (samples < 1.0)
        samples = 1.0;
    logs = cfg.log_every > 0 ? (double) cfg.steps / (double) cfg.log_every : 50.0;
    return 6.0 * (double) cfg.steps * samples * P
           + (logs + 1.0) * (double) cfg.n_eval * (P + width * width);
}
