/* cli_ea.c -- `tsalign ea`: early alignment, measured (issue 13 item 3,
 * docs/early-alignment.md).  `ea sweep` runs every (lambda, m, lr) cell
 * with several seeds and writes a CSV, a JSON table and plots; `ea run`
 * prints the measured numbers of one run as JSON. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"
#include "cli_util.h"
#include "tsa_ea.h"
#include "tsa_io.h"
#include "tsa_path.h"

static const char ea_usage[] =
    "Usage: tsalign ea sweep [--lambdas L,..] [--widths M,..] [--lrs E,..]\n"
    "                        [--seeds N] [--time T] [--out DIR] [--name NAME] ...\n"
    "       tsalign ea run [--m M] [--lambda L] [--lr E] [--steps K] [--seed S] ...\n"
    "\n"
    "Early alignment, measured: full-batch GD (float64, GSL BLAS, one thread,\n"
    "bit-identical per seed) of h(x) = sum_j a_j relu(w_j . (x, 1)) on the mean\n"
    "squared error, balanced initialisation of scale lambda (w_j ~ N(0,\n"
    "lambda^2/m) in R^(d+1), a_j = +-|w_j|).  Default data: the three points\n"
    "x = (-3/4, -1/2, 1/8), y = (11/10, 1/10, 4/5).  Definitions of the\n"
    "measured numbers: docs/early-alignment.md.\n"
    "\n"
    "sweep: every cell (lambda, m, lr) with seeds seed0 .. seed0+seeds-1, each\n"
    "run for flow time T (ceil(T/lr) steps); writes DIR/NAME.csv (one row per\n"
    "run), DIR/NAME.json (format tsalign-ea-sweep 1.0: cells, escape-time fits,\n"
    "runs' summaries), DIR/NAME-cells.dat and, with gnuplot, NAME-escape.png and\n"
    "NAME-loss.png; progress on stderr.\n"
    "  --lambdas L,..    init scales (default 1e-1,1e-2,1e-3,1e-4,1e-5,1e-6)\n"
    "  --widths M,..     widths (default 2,5,10,20,50,100,200)\n"
    "  --lrs E,..        step sizes (default 0.4,0.2,0.1,0.05)\n"
    "  --seeds N         seeds per cell (default 20)\n"
    "  --seed0 S         first seed (default 1)\n"
    "  --time T          flow time of every run (default 150)\n"
    "  --fit-lambda-max L  escape-time fit over lambda <= L (default 1e-2)\n"
    "  -o, --output DIR  output folder (default .; --out is the same)\n"
    "  --name NAME       file names (a safe id; default ea-sweep)\n"
    "  --tables          print the Markdown tables on stdout\n"
    "  --no-plots        no .dat and .png files\n"
    "  --quiet           no progress\n"
    "run: one run, its numbers as JSON on stdout.\n"
    "  --m M (10) --lambda L (1e-3) --lr E (0.05) --steps K (2000) --seed S (1)\n"
    "Both:\n"
    "  --data FILE       samples, one per line: x_1 .. x_d y ('#' comments)\n"
    "  --escape-frac F   escape when rms(h) >= F rms(y) (default 0.1)\n"
    "  --settle-tol R    direction threshold in radians (default 0.01)\n"
    "  --active-frac F   non-negligible: |a_j||w_j| >= F max (default 1e-3)\n"
    "  --cluster-tol R   clustering angle in radians (default 0.05)\n"
    "  --interp-tol E    interpolates when the final loss < E (default 1e-8)\n"
    "Limits: m <= 100000, steps <= 1e8, lambda in [1e-12, 1e3], lr in (0, 10],\n"
    "64 entries per list, 10000 seeds, 10^6 runs, 10^13 flops (checked first).\n"
    "\n"
    "Examples:\n"
    "  tsalign ea sweep -o reports --name ea-sweep-full      (the full tier)\n"
    "  tsalign ea sweep --lambdas 1e-2,1e-4 --widths 2,20 --seeds 3 --tables\n"
    "  tsalign ea run --m 20 --lambda 1e-4 --lr 0.1 --steps 1000 --seed 5\n";

enum { O_LAMBDAS = 256, O_WIDTHS, O_LRS, O_SEEDS, O_SEED0, O_TIME, O_FITMAX, O_OUT,
       O_NAME, O_TABLES, O_NOPLOTS, O_QUIET, O_M, O_LAMBDA, O_LR, O_STEPS, O_SEED,
       O_DATA, O_ESC, O_SETTLE, O_ACTIVE, O_CLUSTER, O_INTERP };

static int
parse_size(size_t *out, const char *s, size_t lo, size_t hi, const char *what)
{
    char *end;
    unsigned long long v;
    errno = 0;
    if (s[0] < '0' || s[0] > '9')
        return TSA_ERROR(TSA_EINVAL, "%s: not a non-negative integer", what);
    v = strtoull(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < lo || v > hi)
        return TSA_ERROR(TSA_EINVAL, "%s: must be an integer in %zu .. %zu", what, lo, hi);
    *out = (size_t) v;
    return TSA_SUCCESS;
}

static int
parse_real(double *out, const char *s, const char *what)
{
    return tsa_io_parse_double(out, s, what);
}

/* comma-separated list: reals (sizes == NULL) or sizes */
static int
parse_list(double *re, size_t *sz, size_t *n, const char *s, const char *what)
{
    char *copy = strdup(s), *save = NULL, *tok, w[96];
    int st = TSA_SUCCESS;
    *n = 0;
    if (copy == NULL)
        return TSA_ERROR(TSA_ENOMEM, "%s: out of memory", what);
    for (tok = strtok_r(copy, ",", &save); tok != NULL && st == TSA_SUCCESS;
         tok = strtok_r(NULL, ",", &save))
    {
        if (*n >= TSA_EA_MAX_GRID)
        {
            st = TSA_ERROR(TSA_EINVAL, "%s: at most %d entries", what, TSA_EA_MAX_GRID);
            break;
        }
        snprintf(w, sizeof w, "%s[%zu]", what, *n);
        st = re != NULL ? parse_real(re + *n, tok, w)
                        : parse_size(sz + *n, tok, 1, TSA_EA_MAX_WIDTH, w);
        (*n)++;
    }
    if (st == TSA_SUCCESS && *n == 0)
        st = TSA_ERROR(TSA_EINVAL, "%s: an empty list", what);
    free(copy);
    return st;
}

static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

typedef struct
{
    double t0, last, total, *cum; /* cum[i]: work of runs 0 .. i - 1 */
    int quiet;
} progress_t;

static void
progress(void *ctx, size_t i, size_t n)
{
    progress_t *p = ctx;
    double t = now(), el = t - p->t0, done = p->cum[i] / p->total;
    if (p->quiet || (t - p->last < 1.0 && i + 1 != n && i != 0))
        return;
    p->last = t;
    if (i == 0 || done <= 0.0)
        fprintf(stderr, "ea sweep [%zu/%zu] (elapsed %.0f s)\n", i + 1, n, el);
    else
        fprintf(stderr, "ea sweep [%zu/%zu] (elapsed %.0f s, about %.0f s left)\n", i + 1,
                n, el, el * (1.0 - done) / done);
}

/* cumulative work per run, in the sweep's order */
static double *
work_table(const tsa_ea_sweep_opts *o, const tsa_ea_data *D, size_t *nruns)
{
    size_t a, b, c, s, i = 0;
    double *cum;
    *nruns = o->nlambda * o->nwidth * o->nlr * o->seeds;
    if ((cum = malloc((*nruns + 1) * sizeof(double))) == NULL)
        return NULL;
    cum[0] = 0.0;
    for (a = 0; a < o->nlambda; a++)
        for (b = 0; b < o->nwidth; b++)
            for (c = 0; c < o->nlr; c++)
            {
                tsa_ea_opts r = o->base;
                r.m = o->width[b];
                r.lr = o->lr[c];
                r.steps = tsa_ea_sweep_steps(o, r.lr);
                for (s = 0; s < o->seeds; s++, i++)
                    cum[i + 1] = cum[i] + tsa_ea_run_work(&r, D);
            }
    return cum;
}

static json_t *
result_json(const tsa_ea_result *r, size_t d1)
{
    json_t *j = json_object(), *cl = json_array();
    size_t q, t;
    json_object_set_new(j, "format", json_string("tsalign-ea-run"));
    json_object_set_new(j, "format_version", json_string("1.0"));
    json_object_set_new(j, "loss0", json_real(r->loss0));
    json_object_set_new(j, "loss", isfinite(r->loss) ? json_real(r->loss) : json_null());
    json_object_set_new(j, "diverged", json_boolean(r->diverged));
    json_object_set_new(j, "interpolates", json_boolean(r->interpolates));
    json_object_set_new(j, "steps", json_integer((json_int_t) r->steps_done));
    json_object_set_new(j, "t_escape", json_real(r->t_escape));
    json_object_set_new(j, "align_median", json_real(r->align_med));
    json_object_set_new(j, "align_max", json_real(r->align_max));
    json_object_set_new(j, "settle_median", json_real(r->settle_med));
    json_object_set_new(j, "settle_max", json_real(r->settle_max));
    json_object_set_new(j, "active", json_integer((json_int_t) r->active));
    json_object_set_new(j, "active_positive", json_integer((json_int_t) r->active_pos));
    json_object_set_new(j, "flips", json_integer((json_int_t) r->flips));
    json_object_set_new(j, "flip_neurons", json_integer((json_int_t) r->flip_neurons));
    json_object_set_new(j, "balance_drift", json_real(r->balance_drift));
    json_object_set_new(j, "clusters", json_integer((json_int_t) r->nclusters));
    for (q = 0; q < r->nclusters && q < TSA_EA_MAX_CLUSTERS; q++)
    {
        json_t *c = json_object(), *u = json_array();
        for (t = 0; t < d1 && t < 8; t++)
            json_array_append_new(u, json_real(r->cl_dir[q][t]));
        json_object_set_new(c, "direction", u);
        json_object_set_new(c, "neurons", json_integer((json_int_t) r->cl_count[q]));
        json_object_set_new(c, "weight", json_real(r->cl_weight[q]));
        json_array_append_new(cl, c);
    }
    json_object_set_new(j, "cluster_list", cl);
    return j;
}

static int
do_run(const tsa_ea_opts *o, const tsa_ea_data *D)
{
    tsa_ea_result r;
    json_t *j;
    int st = tsa_ea_run(&r, o, D);
    if (st != TSA_SUCCESS)
        return tsa_cli_exit_status(st);
    j = result_json(&r, D->d + 1);
    tsa_cli_print_json(j);
    json_decref(j);
    return tsa_cli_exit_status(tsa_cli_stdout_status());
}

static int
do_sweep(const tsa_ea_sweep_opts *so, const tsa_ea_data *D, const char *out,
         const char *name, int tables, int plots, int quiet)
{
    tsa_ea_sweep S;
    progress_t p;
    size_t nruns;
    char *md = NULL;
    int st;
    if ((st = tsa_ea_sweep_check(so, D)) != TSA_SUCCESS
        || (st = tsa_io_check_id(name, "--name")) != TSA_SUCCESS)
        return tsa_cli_exit_status(st);
    if ((p.cum = work_table(so, D, &nruns)) == NULL)
        return tsa_cli_exit_status(TSA_ERROR(TSA_ENOMEM, "ea sweep: out of memory"));
    p.total = p.cum[nruns] > 0.0 ? p.cum[nruns] : 1.0;
    p.t0 = p.last = now();
    p.quiet = quiet;
    st = tsa_ea_sweep_run(&S, so, D, progress, &p);
    free(p.cum);
    if (st != TSA_SUCCESS)
        return tsa_cli_exit_status(st);
    st = tsa_ea_sweep_write(&S, D, out, name, plots);
    if (st == TSA_SUCCESS && tables && (st = tsa_ea_sweep_markdown(&md, &S)) == TSA_SUCCESS)
    {
        fputs(md, stdout);
        free(md);
        st = tsa_cli_stdout_status();
    }
    if (st == TSA_SUCCESS && !quiet)
        fprintf(stderr, "ea sweep: %zu runs in %.1f s; wrote %s/%s.csv, %s/%s.json\n",
                S.nruns, now() - p.t0, out, name, out, name);
    tsa_ea_sweep_clear(&S);
    return tsa_cli_exit_status(st);
}

int
tsa_cli_ea(int argc, char **argv)
{
    static const struct option opts[] = {
        {"lambdas", required_argument, NULL, O_LAMBDAS},
        {"widths", required_argument, NULL, O_WIDTHS},
        {"lrs", required_argument, NULL, O_LRS},
        {"seeds", required_argument, NULL, O_SEEDS},
        {"seed0", required_argument, NULL, O_SEED0},
        {"time", required_argument, NULL, O_TIME},
        {"fit-lambda-max", required_argument, NULL, O_FITMAX},
        {"out", required_argument, NULL, O_OUT},
        {"output", required_argument, NULL, O_OUT},
        {"name", required_argument, NULL, O_NAME},
        {"tables", no_argument, NULL, O_TABLES},
        {"no-plots", no_argument, NULL, O_NOPLOTS},
        {"quiet", no_argument, NULL, O_QUIET},
        {"m", required_argument, NULL, O_M},
        {"lambda", required_argument, NULL, O_LAMBDA},
        {"lr", required_argument, NULL, O_LR},
        {"steps", required_argument, NULL, O_STEPS},
        {"seed", required_argument, NULL, O_SEED},
        {"data", required_argument, NULL, O_DATA},
        {"escape-frac", required_argument, NULL, O_ESC},
        {"settle-tol", required_argument, NULL, O_SETTLE},
        {"active-frac", required_argument, NULL, O_ACTIVE},
        {"cluster-tol", required_argument, NULL, O_CLUSTER},
        {"interp-tol", required_argument, NULL, O_INTERP},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    tsa_ea_sweep_opts so;
    tsa_ea_opts *ro;
    tsa_ea_opts one;
    tsa_ea_data D = {0, 0, NULL, NULL};
    const char *data = NULL, *out = ".", *name = "ea-sweep", *sub;
    int opt, st = TSA_SUCCESS, tables = 0, plots = 1, quiet = 0, rc, sweep, ac;
    char **av;
    size_t seed = 1, seed0 = 1;

    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
    {
        fputs(ea_usage, stdout);
        return tsa_cli_exit_status(tsa_cli_stdout_status());
    }
    if (argc < 2 || (strcmp(argv[1], "sweep") != 0 && strcmp(argv[1], "run") != 0))
        return tsa_cli_usage_error("ea", "expected 'sweep' or 'run'");
    sub = argv[1];
    ac = argc - 1;
    av = argv + 1;
    sweep = strcmp(sub, "sweep") == 0;
    tsa_ea_sweep_opts_default(&so);
    tsa_ea_opts_default(&one);
    ro = sweep ? &so.base : &one;
    optind = 1;
    opterr = 0;
    while (st == TSA_SUCCESS && (opt = getopt_long(ac, av, "ho:", opts, NULL)) != -1)
    {
        if (opt == 'o')
            opt = O_OUT;
        if (sweep ? (opt >= O_M && opt <= O_SEED)
                  : (opt >= O_LAMBDAS && opt <= O_QUIET))
            return tsa_cli_usage_error("ea", "option '%s' is not one of ea %s's",
                                       av[optind - 1], sub);
        switch (opt)
        {
        case O_LAMBDAS: st = parse_list(so.lambda, NULL, &so.nlambda, optarg, "--lambdas"); break;
        case O_WIDTHS: st = parse_list(NULL, so.width, &so.nwidth, optarg, "--widths"); break;
        case O_LRS: st = parse_list(so.lr, NULL, &so.nlr, optarg, "--lrs"); break;
        case O_SEEDS: st = parse_size(&so.seeds, optarg, 1, TSA_EA_MAX_SEEDS, "--seeds"); break;
        case O_SEED0: st = parse_size(&seed0, optarg, 0, (size_t) 1 << 62, "--seed0"); break;
        case O_TIME: st = parse_real(&so.T, optarg, "--time"); break;
        case O_FITMAX: st = parse_real(&so.fit_lambda_max, optarg, "--fit-lambda-max"); break;
        case O_OUT: out = optarg; break;
        case O_NAME: name = optarg; break;
        case O_TABLES: tables = 1; break;
        case O_NOPLOTS: plots = 0; break;
        case O_QUIET: quiet = 1; break;
        case O_M: st = parse_size(&one.m, optarg, 1, TSA_EA_MAX_WIDTH, "--m"); break;
        case O_LAMBDA: st = parse_real(&one.lambda, optarg, "--lambda"); break;
        case O_LR: st = parse_real(&one.lr, optarg, "--lr"); break;
        case O_STEPS: st = parse_size(&one.steps, optarg, 1, TSA_EA_MAX_STEPS, "--steps"); break;
        case O_SEED: st = parse_size(&seed, optarg, 0, (size_t) 1 << 62, "--seed"); break;
        case O_DATA: data = optarg; break;
        case O_ESC: st = parse_real(&ro->escape_frac, optarg, "--escape-frac"); break;
        case O_SETTLE: st = parse_real(&ro->settle_tol, optarg, "--settle-tol"); break;
        case O_ACTIVE: st = parse_real(&ro->active_frac, optarg, "--active-frac"); break;
        case O_CLUSTER: st = parse_real(&ro->cluster_tol, optarg, "--cluster-tol"); break;
        case O_INTERP: st = parse_real(&ro->interp_tol, optarg, "--interp-tol"); break;
        case 'h': fputs(ea_usage, stdout); return tsa_cli_exit_status(tsa_cli_stdout_status());
        default:
            return tsa_cli_usage_error("ea", "unknown or incomplete option '%s'",
                                       av[optind - 1]);
        }
    }
    if (st != TSA_SUCCESS)
        return tsa_cli_exit_status(st);
    if (optind != ac)
        return tsa_cli_usage_error("ea", "unexpected argument '%s'", av[optind]);
    so.seed0 = (uint64_t) seed0;
    one.seed = (uint64_t) seed;
    st = data != NULL ? tsa_ea_data_read(&D, data) : tsa_ea_data_default(&D);
    if (st != TSA_SUCCESS)
        return tsa_cli_exit_status(st);
    rc = sweep ? do_sweep(&so, &D, out, name, tables, plots, quiet) : do_run(&one, &D);
    tsa_ea_data_clear(&D);
    return rc;
}
