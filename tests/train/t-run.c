/* t-run.c -- determinism and resume: the same configuration and seed give
 * the same run file byte for byte (every optimizer, BN, finite and online
 * data, augmentations); another seed gives another file; a run stopped
 * and resumed from its file ends with the same bytes as an uninterrupted
 * one. */
#include <unistd.h>
#include "train_test.h"

static tsa_train_config
small(const char *preset)
{
    tsa_train_config c;
    ck_assert_int_eq(tsa_train_config_preset(&c, preset), TSA_SUCCESS);
    if (strcmp(preset, "ss2") == 0 || strcmp(preset, "lm") == 0)
    {
        ck_assert_int_eq(tsa_train_config_set(&c, "d", "12", "d"), 0);
        ck_assert_int_eq(tsa_train_config_set(&c, "outputs", "3", "o"), 0);
        ck_assert_int_eq(tsa_train_config_set(&c, "n_eval", "300", "n"), 0);
    }
    if (strcmp(preset, "ss2") == 0)
    {
        ck_assert_int_eq(tsa_train_config_set(&c, "teacher_widths", "4", "t"), 0);
        ck_assert_int_eq(tsa_train_config_set(&c, "n_train", "500", "n"), 0);
    }
    if (strcmp(preset, "lm") == 0)
        ck_assert_int_eq(tsa_train_config_set(&c, "teacher_widths", "3,4,2",
                                              "t"), 0);
    c.over = 2;
    c.steps = 200;
    c.log_every = 50;
    return c;
}

/* run cfg from scratch to cfg.steps, logging every log_every; the file */
static char *
run(const tsa_train_config *cfg)
{
    tsa_train_state *st;
    char *text;
    ck_assert_int_eq(tsa_train_state_alloc(&st, cfg), TSA_SUCCESS);
    ck_assert_int_eq(tsa_train_state_log(st), TSA_SUCCESS);
    while (tsa_train_test_steps(st) != TSA_SUCCESS)
    {
        ck_assert_int_eq(tsa_train_state_iterate(st), TSA_SUCCESS);
        if (st->step % cfg->log_every == 0)
            ck_assert_int_eq(tsa_train_state_log(st), TSA_SUCCESS);
    }
    ck_assert_int_eq(tsa_train_run_dump(&text, st), TSA_SUCCESS);
    tsa_train_state_free(st);
    return text;
}

static void
same_bytes(const tsa_train_config *c, const char *label)
{
    tsa_train_config c2 = *c;
    char *a = run(c), *b = run(c), *x;
    ck_assert_msg(strcmp(a, b) == 0, "%s: two runs differ", label);
    c2.seed = c->seed + 1;
    x = run(&c2);
    ck_assert_msg(strcmp(a, x) != 0, "%s: seed has no effect", label);
    free(a);
    free(b);
    free(x);
}

START_TEST(t_determinism)
{
    tsa_train_config c = small("ss2");
    same_bytes(&c, "ss2 sgd finite");
    c.n_train = 0;
    same_bytes(&c, "ss2 sgd online");
    c.n_train = 300;
    c.opt = TSA_TRAIN_OPT_GD;
    c.lr = 0.05;
    same_bytes(&c, "ss2 gd");
    c.opt = TSA_TRAIN_OPT_SGD;
    c.aug = TSA_TRAIN_AUG_AGNOSTIC;
    same_bytes(&c, "ss2 augmented (agnostic)");
    c.aug = TSA_TRAIN_AUG_AWARE;
    c.aug_eps = 0.5;
    same_bytes(&c, "ss2 augmented (aware)");
    c = small("lm");
    c.batchnorm = 1;
    c.lr = 1e-3;
    same_bytes(&c, "lm deep BN");
    c = small("orthonormal");
    same_bytes(&c, "orthonormal pop");
}
END_TEST

START_TEST(t_resume)
{
    tsa_train_config c = small("ss2"), c2;
    tsa_train_state *st;
    char path[] = "/tmp/tsa-t-run-XXXXXX", *first, *full, *resumed;
    int fd = mkstemp(path);
    ck_assert(fd >= 0);
    close(fd);
    c.steps = 400;
    full = run(&c);
    c.steps = 200;
    first = run(&c);
    ck_assert_int_eq(tsa_io_write_atomic(path, first), TSA_SUCCESS);
    ck_assert_int_eq(tsa_train_run_read_config(&c2, path), TSA_SUCCESS);
    c2.steps = 400;
    ck_assert_int_eq(tsa_train_state_alloc(&st, &c2), TSA_SUCCESS);
    ck_assert_int_eq(tsa_train_run_restore(st, path), TSA_SUCCESS);
    ck_assert_int_eq(st->step, 200);
    while (tsa_train_test_steps(st) != TSA_SUCCESS)
    {
        ck_assert_int_eq(tsa_train_state_iterate(st), TSA_SUCCESS);
        if (st->step % c2.log_every == 0)
            ck_assert_int_eq(tsa_train_state_log(st), TSA_SUCCESS);
    }
    ck_assert_int_eq(tsa_train_run_dump(&resumed, st), TSA_SUCCESS);
    ck_assert_msg(strcmp(full, resumed) == 0,
                  "resumed run differs from the uninterrupted one");
    ck_assert_msg(strcmp(first, resumed) != 0, "resume did nothing");
    tsa_train_state_free(st);
    unlink(path);
    free(first);
    free(full);
    free(resumed);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_determinism, t_resume};
    return tsa_test_main("train_run", tests, 2, 60);
}
