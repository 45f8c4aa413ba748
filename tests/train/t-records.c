/* t-records.c -- metric records against the output of the code before
 * the cheap metrics (commit 3293250, issue 14 item 5): run files written
 * by that tsalign for an ss2 (finite set) and an lm (online, 3 hidden
 * layers) configuration, tests/train/data/run-*-3293250.json.
 *
 *   metric_rows = 0: every record, rho matrix, the final block and the
 *   weights are the same numbers, bit for bit;
 *   default metric_rows: the last record and the final block are the same
 *   bits, the earlier records are estimates on the first rows (eval_rows);
 *   resuming with estimates gives the uninterrupted run's records.
 *
 * The weights come from training alone, which this change does not touch:
 * when they differ from the fixture's, this machine's CBLAS rounds
 * differently from the one that wrote it, and the test is skipped. */
#include <stdlib.h>
#include <unistd.h>
#include <jansson.h>
#include "train_test.h"

static char *
fixture(const char *name)
{
    const char *dir = getenv("TSA_SRCDIR");
    char *p = malloc(4096);
    if (p == NULL)
        abort();
    snprintf(p, 4096, "%s/tests/train/data/run-%s-3293250.json",
             dir ? dir : ".", name);
    return p;
}

/* the CLI's loop: a record at step 0, every log_every steps, at the end */
static json_t *
run_from(const char *name, long metric_rows, size_t steps, const char *resume)
{
    tsa_train_config cfg;
    tsa_train_state *st;
    char *path = fixture(name), *text;
    json_t *root;
    ck_assert_int_eq(tsa_train_run_read_config(&cfg, path), TSA_SUCCESS);
    if (metric_rows >= 0)
        cfg.metric_rows = (size_t) metric_rows;
    if (steps > 0)
        cfg.steps = steps;
    ck_assert_int_eq(tsa_train_state_alloc(&st, &cfg), TSA_SUCCESS);
    if (resume != NULL)
        ck_assert_int_eq(tsa_train_run_restore(st, resume), TSA_SUCCESS);
    if (st->nhist == 0 || st->hist[st->nhist - 1].step != st->step)
        ck_assert_int_eq(tsa_train_state_log(st), TSA_SUCCESS);
    while (tsa_train_test_steps(st) != TSA_SUCCESS)
    {
        ck_assert_int_eq(tsa_train_state_iterate(st), TSA_SUCCESS);
        if (st->step % cfg.log_every == 0 || st->step == cfg.steps)
            ck_assert_int_eq(tsa_train_state_log(st), TSA_SUCCESS);
    }
    ck_assert_int_eq(tsa_train_run_dump(&text, st), TSA_SUCCESS);
    root = json_loads(text, 0, NULL);
    ck_assert_ptr_nonnull(root);
    free(text);
    free(path);
    tsa_train_state_free(st);
    return root;
}

static json_t *
load_fixture(const char *name)
{
    char *path = fixture(name);
    json_t *root = json_load_file(path, 0, NULL);
    ck_assert_msg(root != NULL, "cannot read %s", path);
    free(path);
    return root;
}

static void
same(const json_t *a, const json_t *b, const char *what, const char *name)
{
    ck_assert_msg(a != NULL && b != NULL && json_equal(a, b),
                  "%s: %s differs from the fixture", name, what);
}

static void
exact_all(const char *name)
{
    json_t *ref = load_fixture(name), *got = run_from(name, 0, 0, NULL);
    const char *keys[] = {"student", "trajectory", "rho_history", "final"};
    size_t i;
    for (i = 0; i < 4; i++)
        same(json_object_get(got, keys[i]), json_object_get(ref, keys[i]),
             keys[i], name);
    json_decref(ref);
    json_decref(got);
}

START_TEST(t_exact)
{
    exact_all("ss2");
    exact_all("lm");
}
END_TEST

/* default metric_rows (128 < 3000 rows): last record exact, earlier ones
   estimates marked with eval_rows */
static void
default_rows(const char *name)
{
    json_t *ref = load_fixture(name), *got = run_from(name, -1, 0, NULL);
    json_t *tr = json_object_get(ref, "trajectory");
    json_t *tg = json_object_get(got, "trajectory");
    json_t *hr = json_object_get(ref, "rho_history");
    json_t *hg = json_object_get(got, "rho_history");
    size_t n = json_array_size(tr), i, differ = 0;
    ck_assert_int_eq(json_array_size(tg), n);
    ck_assert(n >= 3);
    same(json_array_get(tg, n - 1), json_array_get(tr, n - 1), "last record",
         name);
    same(json_array_get(hg, n - 1), json_array_get(hr, n - 1),
         "last rho matrix", name);
    same(json_object_get(got, "final"), json_object_get(ref, "final"),
         "final block", name);
    same(json_object_get(got, "student"), json_object_get(ref, "student"),
         "student", name);
    ck_assert_ptr_null(json_object_get(json_array_get(tg, n - 1),
                                       "eval_rows"));
    for (i = 0; i + 1 < n; i++)
    {
        json_t *a = json_array_get(tg, i), *b = json_array_get(tr, i);
        double ea = json_real_value(json_object_get(a, "eval_loss"));
        double eb = json_real_value(json_object_get(b, "eval_loss"));
        ck_assert_int_eq(json_integer_value(json_object_get(a, "eval_rows")),
                         128);
        ck_assert_int_eq(json_integer_value(json_object_get(a, "step")),
                         json_integer_value(json_object_get(b, "step")));
        /* an estimate of the same loss on 128 of the 3000 rows */
        ck_assert_msg(isfinite(ea) && fabs(ea - eb) <= 0.25 * eb,
                      "%s: record %zu eval_loss %g vs %g", name, i, ea, eb);
        differ += (ea != eb);
    }
    ck_assert_msg(differ > 0, "%s: no record is an estimate", name);
    json_decref(ref);
    json_decref(got);
}

START_TEST(t_default)
{
    default_rows("ss2");
    default_rows("lm");
}
END_TEST

/* stopped at 300 steps (its last record exact), resumed to 600: the
   records of the uninterrupted run (the one at 300 an estimate again) */
START_TEST(t_resume)
{
    const char *names[] = {"ss2", "lm"};
    size_t j;
    for (j = 0; j < 2; j++)
    {
        char path[] = "/tmp/tsa-t-records-XXXXXX", *text;
        int fd = mkstemp(path);
        json_t *half, *full, *res;
        ck_assert(fd >= 0);
        close(fd);
        full = run_from(names[j], -1, 0, NULL);
        half = run_from(names[j], -1, 300, NULL);
        text = json_dumps(half, 0);
        ck_assert_int_eq(tsa_io_write_atomic(path, text), TSA_SUCCESS);
        free(text);
        res = run_from(names[j], -1, 0, path);
        same(json_object_get(res, "trajectory"),
             json_object_get(full, "trajectory"), "resumed trajectory",
             names[j]);
        same(json_object_get(res, "rho_history"),
             json_object_get(full, "rho_history"), "resumed rho_history",
             names[j]);
        unlink(path);
        json_decref(half);
        json_decref(full);
        json_decref(res);
    }
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_exact, t_default, t_resume};
    json_t *ref, *got;
    int same_weights;
    /* platform probe (outside check's forks): training only */
    {
        tsa_train_config cfg;
        tsa_train_state *st;
        char *path = fixture("ss2"), *text;
        size_t i;
        if (tsa_train_run_read_config(&cfg, path) != TSA_SUCCESS
            || tsa_train_state_alloc(&st, &cfg) != TSA_SUCCESS)
        {
            printf("not ok 1 - cannot read %s\n", path);
            return 1;
        }
        for (i = 0; i < cfg.steps; i++)
            if (tsa_train_state_iterate(st) != TSA_SUCCESS)
                return 1;
        if (tsa_train_run_dump(&text, st) != TSA_SUCCESS)
            return 1;
        got = json_loads(text, 0, NULL);
        ref = json_load_file(path, 0, NULL);
        same_weights = got && ref
                       && json_equal(json_object_get(got, "student"),
                                     json_object_get(ref, "student"));
        free(text);
        free(path);
        json_decref(got);
        json_decref(ref);
        tsa_train_state_free(st);
    }
    if (!same_weights)
    {
        printf("1..0 # SKIP training rounds differently from the fixture's "
               "machine (CBLAS/CPU), bitwise comparison impossible\n");
        return 0; /* a TAP skip: the tap driver counts a non-zero exit as an error */
    }
    return tsa_test_main("train_records", tests, 3, 60);
}
