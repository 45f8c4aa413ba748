/* t-config.c -- configuration parsing and checks, teacher files: bad
 * input is refused with a one-line message naming the field; a teacher
 * file with hex floats is read bit for bit. */
#include <unistd.h>
#include "train_test.h"

START_TEST(t_bad)
{
    tsa_train_config c;
    tsa_train_state *st = NULL;
    ck_assert_int_eq(tsa_train_config_preset(&c, "nosuch"), TSA_EINVAL);
    ck_assert_str_eq(tsa_error_last(), "--teacher: unknown preset 'nosuch' "
                     "(see tsalign train --list-presets)");
    ck_assert_int_eq(tsa_train_config_preset(&c, "ss2"), TSA_SUCCESS);
    ck_assert_int_eq(tsa_train_config_set(&c, "d", "-5", "--d"), TSA_EINVAL);
    ck_assert_str_eq(tsa_error_last(), "--d: '-5' is negative");
    ck_assert_int_eq(tsa_train_config_set(&c, "lr", "nan", "--lr"),
                     TSA_EFORMAT);
    ck_assert_int_eq(tsa_train_config_set(&c, "teacher_widths", "3,0",
                                          "--teacher-widths"), TSA_EINVAL);
    ck_assert_int_eq(tsa_train_config_set(&c, "opt", "adam", "--opt"),
                     TSA_EINVAL);
    ck_assert_int_eq(tsa_train_config_set(&c, "nosuch", "1", "--nosuch"),
                     TSA_EINVAL);
    ck_assert(!tsa_train_config_has_key("nosuch"));
    ck_assert(tsa_train_config_has_key("n-train"));

    ck_assert_int_eq(tsa_train_config_set(&c, "polarity", "-1", "--polarity"),
                     TSA_SUCCESS);
    ck_assert_int_eq(tsa_train_config_check(&c), TSA_EINVAL);
    ck_assert_str_eq(tsa_error_last(), "--polarity: p = -1 must be >= 0");
    ck_assert_int_eq(tsa_train_state_alloc(&st, &c), TSA_EINVAL);
    ck_assert(st == NULL);
    c.polarity = 0;
    c.d = 0;
    ck_assert_int_eq(tsa_train_config_check(&c), TSA_EINVAL);
    c.d = 10;
    c.lr = -1;
    ck_assert_int_eq(tsa_train_config_check(&c), TSA_EINVAL);
    c.lr = 0.1;
    c.opt = TSA_TRAIN_OPT_POP;
    c.nhidden = 2;
    c.teacher_h[1] = 3;
    ck_assert_int_eq(tsa_train_config_check(&c), TSA_EINVAL);

    ck_assert_int_eq(tsa_train_config_preset(&c, "ss2"), TSA_SUCCESS);
    c.teacher_kind = TSA_TRAIN_TEACHER_FILE;
    strcpy(c.teacher_file, "/nonexistent/teacher.json");
    ck_assert_int_eq(tsa_train_state_alloc(&st, &c), TSA_EIO);
    ck_assert(strncmp(tsa_error_last(), "/nonexistent/teacher.json: ", 27)
              == 0);
}
END_TEST

static void
write_file(const char *path, const char *text)
{
    ck_assert_int_eq(tsa_io_write_atomic(path, text), TSA_SUCCESS);
}

START_TEST(t_teacher_file)
{
    char path[] = "/tmp/tsa-t-config-XXXXXX";
    int fd = mkstemp(path);
    tsa_train_net *t;
    tsa_train_config c;
    tsa_train_state *st;
    ck_assert(fd >= 0);
    close(fd);
    write_file(path, "{\"leak\": 0.25, \"layers\": ["
               "{\"W\": [[\"0x1.8p-1\", -2], [0.1, \"0x1p-1074\"], [1, 1]],"
               " \"b\": [0, \"-0x1.999999999999ap-4\", 1]},"
               "{\"W\": [[1, 2, 3]]}]}");
    ck_assert_int_eq(tsa_train_teacher_read(&t, path, 0), TSA_SUCCESS);
    ck_assert_int_eq(t->nlayers, 2);
    ck_assert_int_eq(t->size[0], 2);
    ck_assert_int_eq(t->size[1], 3);
    ck_assert_int_eq(t->size[2], 1);
    ck_assert(t->param[t->off_W[0] + 0] == 0.75);
    ck_assert(t->param[t->off_W[0] + 2] == 0.1);
    ck_assert(t->param[t->off_W[0] + 3] == 0x1p-1074);
    ck_assert(t->param[t->off_b[0] + 1] == -0.1);
    ck_assert(t->leak == 0.25 && t->bias && !t->out_bias);
    tsa_train_net_free(t);

    /* a training run on it takes d, widths and outputs from the file */
    ck_assert_int_eq(tsa_train_config_preset(&c, "ss2"), TSA_SUCCESS);
    c.teacher_kind = TSA_TRAIN_TEACHER_FILE;
    strcpy(c.teacher_file, path);
    c.n_train = 100;
    c.n_eval = 50;
    ck_assert_int_eq(tsa_train_state_alloc(&st, &c), TSA_SUCCESS);
    ck_assert_int_eq(st->student->size[0], 2);
    ck_assert_int_eq(st->student->size[1], 15);
    tsa_train_state_free(st);

    write_file(path, "{\"layers\": [{\"W\": [[1, \"zz\"]]}, {\"W\": [[1]]}]}");
    ck_assert_int_eq(tsa_train_teacher_read(&t, path, 0), TSA_EFORMAT);
    ck_assert(strstr(tsa_error_last(), "layers[0].W[0][1]: ") != NULL);
    write_file(path, "{\"layers\": [{\"W\": [[1, 2]]}, {\"W\": [[1, 2]]}]}");
    ck_assert_int_eq(tsa_train_teacher_read(&t, path, 0), TSA_EFORMAT);
    ck_assert(strstr(tsa_error_last(), "layers[1].W: 2 columns") != NULL);
    write_file(path, "{\"layers\": [");
    ck_assert_int_eq(tsa_train_teacher_read(&t, path, 0), TSA_EFORMAT);
    unlink(path);
}
END_TEST

/* Every preset passes the limits and the work estimate with room to
 * spare (x 10); one step past a size limit, or a run of 10^9 steps, is
 * refused naming the option. */
START_TEST(t_limits)
{
    tsa_train_config c;
    tsa_train_estimate e;
    size_t i;
    for (i = 0; tsa_train_presets[i].name != NULL; i++)
    {
        ck_assert_int_eq(tsa_train_config_preset(&c, tsa_train_presets[i].name),
                         TSA_SUCCESS);
        tsa_train_config_resolve(&c);
        ck_assert_int_eq(tsa_train_config_check(&c), TSA_SUCCESS);
        tsa_train_estimate_work(&e, &c);
        ck_assert(e.flops > 0 && 10.0 * e.flops < TSA_TRAIN_MAX_FLOPS);
        ck_assert(e.bytes > 0 && 8.0 * e.bytes < TSA_TRAIN_MAX_BYTES);
    }
    ck_assert_int_eq(tsa_train_config_preset(&c, "ss2"), TSA_SUCCESS);
    tsa_train_config_resolve(&c);
    c.n_train = TSA_TRAIN_MAX_SAMPLES + 1;
    ck_assert_int_eq(tsa_train_config_check(&c), TSA_EINVAL);
    ck_assert_str_eq(tsa_error_last(), "--n-train: 10000001 exceeds the limit "
                     "10000000");
    c.n_train = 0;
    c.steps = TSA_TRAIN_MAX_STEPS;
    ck_assert_int_eq(tsa_train_config_check(&c), TSA_EINVAL);
    ck_assert(strncmp(tsa_error_last(), "--steps: the run needs about ", 29)
              == 0);
    c.steps = 100;
    c.log_every = 0;
    c.d = 100000;
    ck_assert_int_eq(tsa_train_config_check(&c), TSA_EINVAL);
    ck_assert(strstr(tsa_error_last(), "bytes of memory, more than the limit")
              != NULL);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_bad, t_teacher_file, t_limits};
    return tsa_test_main("train_config", tests, 3, 0);
}
