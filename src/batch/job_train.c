/* job_train.c -- a train job: the library calls of `tsalign train`
 * (src/cli/cli_train.c) for a preset, a seed and field overrides; the run
 * file goes to OUT/files/<id>.run.json, byte for byte what `tsalign train
 * --teacher PRESET --seed S --FIELD VALUE ... -o FILE` writes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "job_impl.h"
#include "tsa_io.h"
#include "tsa_train.h"

static int
config(tsa_train_config *cfg, const tsa_batch_job_t *j)
{
    int st, i;
    char seed[32];
    if ((st = tsa_train_config_preset(cfg, j->preset)))
        return st;
    snprintf(seed, sizeof seed, "%llu", (unsigned long long) j->seed);
    if ((st = tsa_train_config_set(cfg, "seed", seed, "seed")))
        return st;
    for (i = 0; i < j->nset; i++)
        if ((st = tsa_train_config_set(cfg, j->set_key[i], j->set_val[i],
                                       j->set_key[i])))
            return st;
    return TSA_SUCCESS;
}

/* the loop of tsalign train (same logging, so the same run file) */
static int
train(tsa_train_state *st)
{
    size_t every = st->cfg.log_every;
    int s;
    if (every == 0)
        every = st->cfg.steps >= 50 ? st->cfg.steps / 50 : 1;
    if ((s = tsa_train_state_log(st)))
        return s;
    while (tsa_train_test_steps(st) != TSA_SUCCESS)
    {
        if ((s = tsa_train_state_iterate(st)))
            return s;
        if (st->cfg.grad_tol > 0.0
            && tsa_train_test_gradient(st, st->cfg.grad_tol) == TSA_SUCCESS)
            return tsa_train_state_log(st);
        if (st->step % every == 0 || st->step == st->cfg.steps)
            if ((s = tsa_train_state_log(st)))
                return s;
    }
    return TSA_SUCCESS;
}

int
tsa_batch_job_train(tsa_batch_res_t *res, const tsa_batch_job_t *j,
                    const char *out)
{
    tsa_train_config cfg;
    tsa_train_state *st = NULL;
    char *text = NULL, *path = NULL;
    int s;
    if ((s = config(&cfg, j)) || (s = tsa_train_state_alloc(&st, &cfg)))
        return s;
    s = train(st);
    if (s == TSA_EDOM) /* diverged: an outcome of the run, no run file */
    {
        snprintf(res->verdict, sizeof res->verdict, "diverged");
        snprintf(res->detail, sizeof res->detail, "step=%zu: %s", st->step,
                 tsa_error_last());
        res->outcome = TSA_BATCH_OK;
        s = TSA_SUCCESS;
    }
    else if (s == TSA_SUCCESS && st->nhist > 0)
    {
        const tsa_train_record *r = &st->hist[st->nhist - 1];
        size_t T = st->teacher->size[1];
        snprintf(res->verdict, sizeof res->verdict, "trained");
        snprintf(res->detail, sizeof res->detail,
                 "step=%zu train_loss=%.6e eval_loss=%.6e specialised=%zu/%zu "
                 "aligned=%zu/%zu", r->step, r->train_loss, r->eval_loss,
                 r->success, T, r->aligned, T);
        json_object_set_new(res->values, "train_loss",
                            tsa_batch_hex(r->train_loss));
        json_object_set_new(res->values, "eval_loss",
                            tsa_batch_hex(r->eval_loss));
        json_object_set_new(res->values, "specialised",
                            json_integer((json_int_t) r->success));
        json_object_set_new(res->values, "aligned",
                            json_integer((json_int_t) r->aligned));
        res->outcome = TSA_BATCH_OK;
        if ((s = tsa_batch_file_path(&path, out, j, ".run.json")) == 0
            && (s = tsa_train_run_dump(&text, st)) == 0)
            s = tsa_io_write_atomic(path, text);
    }
    free(text);
    free(path);
    tsa_train_state_free(st);
    return s;
}
