/* cli_train.c -- `tsalign train`: train a student against a teacher
 * (float64 SGD / GD / population GD), log metrics, write a run file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"
#include "cli_util.h"
#include "tsa_train.h"

static void
usage(FILE *f)
{
    size_t i;
    fputs("Usage: tsalign train [--teacher PRESET|FILE] [--FIELD VALUE]... "
          "[-o RUN.json]\n"
          "       tsalign train --resume RUN.json [--steps N] [--FIELD VALUE]"
          "... [-o OUT.json]\n"
          "       tsalign train --list-presets\n"
          "\n"
          "Train a student network against a teacher in float64 (GSL BLAS,\n"
          "one thread, bit-identical per seed) and write a run file (JSON:\n"
          "configuration, versions, weights as hex floats, metric "
          "trajectory).\n"
          "\n"
          "Options:\n"
          "  --teacher P|F   preset (see --list-presets; default ss2) or a "
          "teacher\n"
          "                  JSON file ({\"layers\": [{\"W\": [[..]], \"b\":"
          " [..]}, ..]}\n"
          "                  or a run file)\n"
          "  -o, --output F  write the run file to F (atomically; - for "
          "stdout)\n"
          "  --resume F      continue the run in F (default output: F)\n"
          "  --candidate F   also write the student as a candidate for\n"
          "                  tsalign polish/certify (two-layer, no bias,\n"
          "                  unit output weights)\n"
          "  --quiet         no progress line, no summary\n"
          "  --list-presets  print every preset's numbers\n"
          "\n"
          "Fields (--name VALUE or --name=VALUE; '-' and '_' are the same):\n",
          f);
    for (i = 0; tsa_train_config_key(i) != NULL; i++)
    {
        char k[64];
        size_t j;
        snprintf(k, sizeof k, "%s", tsa_train_config_key(i));
        for (j = 0; k[j] != '\0'; j++)
            if (k[j] == '_')
                k[j] = '-';
        fprintf(f, "  --%-16s %s\n", k, tsa_train_config_help(i));
    }
    fputs("\nNumbers: decimals (correctly rounded) or C99 hex floats "
          "(exact).\n"
          "\n"
          "Examples:\n"
          "  tsalign train --teacher orthonormal --d 7 --teacher-widths 7 \\\n"
          "      --student-widths 7 --seed 3 -o run.json --candidate c.json\n"
          "  tsalign train --resume run.json --steps 20000\n"
          "  tsalign train --list-presets\n", f);
}

static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

static int
is_preset(const char *name)
{
    size_t i;
    for (i = 0; tsa_train_presets[i].name != NULL; i++)
        if (strcmp(tsa_train_presets[i].name, name) == 0)
            return 1;
    return 0;
}

static int
list_presets(void)
{
    size_t i;
    for (i = 0; tsa_train_presets[i].name != NULL; i++)
    {
        tsa_train_config cfg;
        int s = tsa_train_config_preset(&cfg, tsa_train_presets[i].name);
        if (s != TSA_SUCCESS)
            return tsa_cli_exit_status(s);
        tsa_train_config_resolve(&cfg);
        printf("%s: %s\n", tsa_train_presets[i].name,
               tsa_train_presets[i].summary);
        tsa_train_config_fprint(stdout, &cfg);
        printf("\n");
    }
    return TSA_EXIT_OK;
}

/* Split "--key=value" / "--key value"; returns the number of argv entries
 * used, 0 when the option lacks a value. */
static int
option_value(const char **key, const char **val, char *kbuf, size_t ksize,
             int argc, char **argv, int i)
{
    const char *a = argv[i] + 2, *eq = strchr(a, '=');
    if (eq != NULL)
    {
        size_t n = (size_t) (eq - a);
        if (n >= ksize)
            n = ksize - 1;
        memcpy(kbuf, a, n);
        kbuf[n] = '\0';
        *key = kbuf;
        *val = eq + 1;
        return 1;
    }
    *key = a;
    if (i + 1 >= argc)
        return 0;
    *val = argv[i + 1];
    return 2;
}

int
tsa_cli_train(int argc, char **argv)
{
    tsa_train_config cfg;
    tsa_train_state *st = NULL;
    const char *teacher = "ss2", *resume = NULL, *output = NULL;
    const char *candidate = NULL;
    int quiet = 0, i, s = TSA_SUCCESS, progress = 0, tty;
    char *text = NULL;
    double t0, tlast;
    size_t log_every;

    /* pass 1: what the config starts from */
    for (i = 1; i < argc; i++)
    {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
        {
            usage(stdout);
            return 0;
        }
        if (strcmp(a, "--list-presets") == 0)
            return list_presets();
        if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0)
            quiet = 1;
        else if (strcmp(a, "--teacher") == 0 || strcmp(a, "--resume") == 0
                 || strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0
                 || strcmp(a, "--candidate") == 0)
        {
            if (i + 1 >= argc)
                return tsa_cli_usage_error("train", "%s needs a value", a);
            if (a[2] == 't')
                teacher = argv[i + 1];
            else if (a[2] == 'r')
                resume = argv[i + 1];
            else if (a[2] == 'c')
                candidate = argv[i + 1];
            else
                output = argv[i + 1];
            i++;
        }
        else if (strncmp(a, "--", 2) == 0 && strchr(a, '=') == NULL)
        {
            if (!tsa_train_config_has_key(a + 2))
                return tsa_cli_usage_error("train", "unknown option '%s'", a);
            i++; /* its value */
        }
        else if (strncmp(a, "--", 2) == 0)
        {
            char k[64];
            size_t n = (size_t) (strchr(a, '=') - a - 2);
            snprintf(k, sizeof k, "%.*s", (int) (n < 63 ? n : 63), a + 2);
            if (strcmp(k, "teacher") == 0)
                teacher = strchr(a, '=') + 1;
            else if (strcmp(k, "resume") == 0)
                resume = strchr(a, '=') + 1;
            else if (strcmp(k, "output") == 0)
                output = strchr(a, '=') + 1;
            else if (strcmp(k, "candidate") == 0)
                candidate = strchr(a, '=') + 1;
            else if (!tsa_train_config_has_key(k))
                return tsa_cli_usage_error("train", "unknown option '--%s'",
                                           k);
        }
        else
            return tsa_cli_usage_error("train", "unexpected argument '%s'", a);
    }
    if (resume != NULL)
    {
        if ((s = tsa_train_run_read_config(&cfg, resume)) != TSA_SUCCESS)
            return tsa_cli_exit_status(s);
        if (output == NULL)
            output = resume;
    }
    else if (is_preset(teacher))
    {
        if ((s = tsa_train_config_preset(&cfg, teacher)) != TSA_SUCCESS)
            return tsa_cli_exit_status(s);
    }
    else if (strchr(teacher, '/') != NULL || strchr(teacher, '.') != NULL
             || access(teacher, F_OK) == 0)
    {
        if ((s = tsa_train_config_preset(&cfg, "ss2")) != TSA_SUCCESS)
            return tsa_cli_exit_status(s);
        strcpy(cfg.preset, "file");
        cfg.teacher_kind = TSA_TRAIN_TEACHER_FILE;
        if ((s = tsa_train_config_set(&cfg, "teacher_file", teacher,
                                      "--teacher")) != TSA_SUCCESS)
            return tsa_cli_exit_status(s);
    }
    else /* reported: unknown preset */
    {
        s = tsa_train_config_preset(&cfg, teacher);
        return tsa_cli_exit_status(s != TSA_SUCCESS ? s : TSA_EINVAL);
    }

    /* pass 2: field overrides, in order */
    for (i = 1; i < argc; i++)
    {
        const char *key, *val = NULL;
        char kbuf[64], what[80];
        int used;
        if (strcmp(argv[i], "-q") == 0)
            continue;
        if (strncmp(argv[i], "--", 2) != 0)
        {
            i++; /* -o VALUE */
            continue;
        }
        if (strcmp(argv[i], "--quiet") == 0)
            continue;
        used = option_value(&key, &val, kbuf, sizeof kbuf, argc, argv, i);
        if (strcmp(key, "teacher") == 0 || strcmp(key, "resume") == 0
            || strcmp(key, "output") == 0 || strcmp(key, "candidate") == 0)
        {
            i += used - 1;
            continue;
        }
        if (used == 0)
            return tsa_cli_usage_error("train", "--%s needs a value", key);
        snprintf(what, sizeof what, "--%s", key);
        if ((s = tsa_train_config_set(&cfg, key, val, what)) != TSA_SUCCESS)
            return tsa_cli_exit_status(s);
        i += used - 1;
    }

    if ((s = tsa_train_state_alloc(&st, &cfg)) != TSA_SUCCESS)
        return tsa_cli_exit_status(s);
    if (resume != NULL && (s = tsa_train_run_restore(st, resume)))
        goto done;
    if (candidate != NULL) /* refuse before training, not after */
    {
        if ((s = tsa_train_candidate_dump(&text, st)) != TSA_SUCCESS)
            goto done;
        free(text);
        text = NULL;
    }
    log_every = st->cfg.log_every;
    if (log_every == 0)
        log_every = st->cfg.steps >= 50 ? st->cfg.steps / 50 : 1;

    tty = isatty(2);
    t0 = tlast = now();
    if (st->nhist == 0 || st->hist[st->nhist - 1].step != st->step)
        if ((s = tsa_train_state_log(st)))
            goto done;
    while (tsa_train_test_steps(st) != TSA_SUCCESS)
    {
        if ((s = tsa_train_state_iterate(st)))
            goto done;
        if (st->cfg.grad_tol > 0.0
            && tsa_train_test_gradient(st, st->cfg.grad_tol) == TSA_SUCCESS)
        {
            if ((s = tsa_train_state_log(st)))
                goto done;
            break;
        }
        if (st->step % log_every == 0 || st->step == st->cfg.steps)
            if ((s = tsa_train_state_log(st)))
                goto done;
        if (!quiet && (st->step & 63) == 0)
        {
            double t = now();
            /* a terminal gets one updated line, a log file a line every
               10 s */
            if (t - t0 > 1.0 && t - tlast > (tty ? 0.5 : 10.0))
            {
                double left = st->step == 0 ? 0.0
                              : (t - t0) / (double) st->step
                                    * (double) (st->cfg.steps - st->step);
                fprintf(stderr, "%strain: step %zu/%zu  loss %.4e  %.1f s, "
                        "about %.0f s left%s",
                        tty ? "\r" : "", st->step, st->cfg.steps, st->loss,
                        t - t0, left, tty ? " " : "\n");
                tlast = t;
                progress = tty;
            }
        }
    }
    if (progress)
        fprintf(stderr, "\n");
    if (output != NULL)
    {
        if ((s = tsa_train_run_dump(&text, st))
            || (s = tsa_io_write_atomic(output, text)))
            goto done;
    }
    if (candidate != NULL)
    {
        free(text);
        text = NULL;
        if ((s = tsa_train_candidate_dump(&text, st))
            || (s = tsa_io_write_atomic(candidate, text)))
            goto done;
    }
    if (!quiet && st->nhist > 0
        && (output == NULL || strcmp(output, "-") != 0))
    {
        const tsa_train_record *r = &st->hist[st->nhist - 1];
        size_t l;
        printf("step %zu  train_loss %.6e  eval_loss %.6e\n", r->step,
               r->train_loss, r->eval_loss);
        printf("rho_mean");
        for (l = 0; l < st->cfg.nhidden; l++)
            printf(" %.4f", r->rho_mean_l[l]);
        printf("  specialised %zu/%zu teachers (rho > %g)  eps-aligned "
               "%zu/%zu\n", r->success, st->teacher->size[1],
               st->cfg.success_rho, r->aligned, st->teacher->size[1]);
    }
    s = TSA_SUCCESS;
done:
    free(text);
    tsa_train_state_free(st);
    return tsa_cli_exit_status(s);
}
