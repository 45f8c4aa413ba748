/* t-ss_emp.c -- the empirical SS checker (ss_emp.c) on tiny runs: the
 * success table and the L-shape counts are recounted independently (the
 * same deterministic training runs, first-layer activations and Pearson
 * correlations computed here with plain loops), thresholds move the table
 * as they must, and malformed params of every SS checker give TSA_EFORMAT
 * with one line naming the file and the field. */
#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tsa_test.h"
#include "tsa_train.h"
#include "tsa_claims.h"
#include "../../src/claims/ss_impl.h"

#define TRAIN "\"train\": {\"preset\": \"ss2\", \"d\": 5, \"outputs\": 2, " \
    "\"teacher_widths\": \"3\", \"n_train\": 0, \"n_eval\": 200, \"steps\": 300, " \
    "\"seed\": 1, \"success_rho\": %g}"

static void
run_emp_in(tsa_claim_result_t r, const char *text, const char *dir)
{
    json_error_t e;
    json_t *params = json_loads(text, 0, &e);
    ck_assert_msg(params != NULL, "json: %s", e.text);
    tsa_claim_result_init(r);
    r->plot_dir = dir;
    ck_assert_msg(tsa_claim_check_ss_empirical(r, params, "t.json", 64) == TSA_SUCCESS,
                  "checker failed: %s", tsa_error_last());
    json_decref(params);
}

static void
run_emp(tsa_claim_result_t r, const char *text)
{
    run_emp_in(r, text, NULL);
}

/* first-layer activations relu(W x + b) of a two-layer tsa_train net at
   the rows of X, by plain loops (N x n into H) */
static void
acts(double *H, const tsa_train_net *net, const gsl_matrix *X)
{
    size_t N = X->size1, d = net->size[0], n = net->size[1], i, k, u;
    for (i = 0; i < N; i++)
        for (k = 0; k < n; k++)
        {
            double z = net->bias ? net->param[net->off_b[0] + k] : 0.0;
            for (u = 0; u < d; u++)
                z += net->param[net->off_W[0] + k * d + u] * gsl_matrix_get(X, i, u);
            H[i * n + k] = z > 0 ? z : 0.0;
        }
}

/* Pearson correlation of columns a of A (N x na) and b of B (N x nb);
   0 for a constant column */
static double
pearson(const double *A, size_t na, size_t a, const double *B, size_t nb, size_t b,
        size_t N)
{
    double ma = 0, mb = 0, sab = 0, saa = 0, sbb = 0;
    size_t i;
    for (i = 0; i < N; i++)
    {
        ma += A[i * na + a];
        mb += B[i * nb + b];
    }
    ma /= (double) N;
    mb /= (double) N;
    for (i = 0; i < N; i++)
    {
        double x = A[i * na + a] - ma, y = B[i * nb + b] - mb;
        sab += x * y;
        saa += x * x;
        sbb += y * y;
    }
    return saa > 0 && sbb > 0 ? sab / sqrt(saa * sbb) : 0.0;
}

/* Recount: success rate per (p, over), unspecialised students (best rho <
   rho_lo) and their L-shape violations (|v_k| > frac x the median |v| of
   the students with rho > rho_hi in the run), as the checker defines them
   (docs/claims-ss.md s. 7).  *near: a best rho within 1e-9 of a
   threshold (rounding may then differ). */
static void
recount(double *rate, long *lo_n, long *lo_viol, int *near, double thr, long over,
        double p, int seeds, double rho_lo, double rho_hi, double frac)
{
    int s;
    long succ = 0, m = 0;
    for (s = 0; s < seeds; s++)
    {
        tsa_train_config cfg;
        tsa_train_state *st;
        size_t j, k, n, N, C, c, ns = 0;
        double *Ht, *Hs, best[64], vn[64], sp[64], med;
        ck_assert(tsa_train_config_preset(&cfg, "ss2") == TSA_SUCCESS);
        cfg.d = 5;
        cfg.outputs = 2;
        cfg.nhidden = 1;
        cfg.teacher_h[0] = 3;
        cfg.n_train = 0;
        cfg.n_eval = 200;
        cfg.steps = 300;
        cfg.success_rho = thr;
        cfg.over = (size_t) over;
        cfg.polarity = p;
        cfg.seed = 1 + (uint64_t) s;
        tsa_train_config_resolve(&cfg);
        ck_assert(tsa_train_state_alloc(&st, &cfg) == TSA_SUCCESS);
        tsa_train_state_set(st);
        while (st->step < cfg.steps)
            ck_assert(tsa_train_state_iterate(st) == TSA_SUCCESS);
        m = (long) st->teacher->size[1];
        n = st->student->size[1];
        C = st->student->size[2];
        N = st->Xeval->size1;
        ck_assert(n <= 64);
        Ht = malloc(sizeof(double) * N * (size_t) m);
        Hs = malloc(sizeof(double) * N * n);
        acts(Ht, st->teacher, st->Xeval);
        acts(Hs, st->student, st->Xeval);
        for (k = 0; k < n; k++)
        {
            best[k] = -1.0;
            vn[k] = 0.0;
            for (j = 0; j < (size_t) m; j++)
                best[k] = fmax(best[k], pearson(Ht, (size_t) m, j, Hs, n, k, N));
            for (c = 0; c < C; c++)
            {
                double x = st->student->param[st->student->off_W[1] + c * n + k];
                vn[k] += x * x;
            }
            vn[k] = sqrt(vn[k]);
            if (fabs(best[k] - rho_lo) < 1e-9 || fabs(best[k] - rho_hi) < 1e-9)
                *near = 1;
            if (best[k] > rho_hi || best[k] == rho_hi)
                sp[ns++] = vn[k];
        }
        for (j = 0; j < (size_t) m; j++)
        {
            double b = -1.0;
            for (k = 0; k < n; k++)
                b = fmax(b, pearson(Ht, (size_t) m, j, Hs, n, k, N));
            succ += b > thr;
            if (fabs(b - thr) < 1e-9)
                *near = 1;
        }
        if (ns > 0)
        {
            size_t a, bb;
            for (a = 1; a < ns; a++) /* insertion sort */
                for (bb = a; bb > 0 && sp[bb - 1] > sp[bb]; bb--)
                {
                    double t = sp[bb];
                    sp[bb] = sp[bb - 1];
                    sp[bb - 1] = t;
                }
            med = sp[ns / 2];
            for (k = 0; k < n; k++)
                if (best[k] < rho_lo)
                {
                    (*lo_n)++;
                    *lo_viol += vn[k] > frac * med;
                }
        }
        free(Ht);
        free(Hs);
        tsa_train_state_free(st);
    }
    *rate = (double) succ / (double) (seeds * m);
}

START_TEST(t_over_table)
{
    static const double thrs[] = {0.5, -0.999, 0.9};
    static const long overs[] = {1, 2}, pols[] = {0, 100};
    size_t it, a, b;
    for (it = 0; it < 3; it++)
    {
        char text[1024], key[64];
        tsa_claim_result_t r;
        int o = snprintf(text, sizeof text, "{\"measure\": \"over\", \"overs\": [1, 2], "
                         "\"polarity_x100\": [0, 100], \"seeds\": 2, ");
        snprintf(text + o, sizeof text - (size_t) o, TRAIN "}", thrs[it]);
        run_emp(r, text);
        for (a = 0; a < 2; a++)
            for (b = 0; b < 2; b++)
            {
                double rate, got;
                long ln = 0, lv = 0;
                int near = 0;
                const json_t *v;
                snprintf(key, sizeof key, "success_p%ld_over%ld", pols[a], overs[b]);
                v = json_object_get(r->data, key);
                ck_assert_msg(json_is_number(v), "data.%s missing", key);
                got = json_number_value(v);
                if (it == 1)
                    ck_assert_msg(got == 1.0, "%s at threshold -0.999: %g", key, got);
                else
                {
                    recount(&rate, &ln, &lv, &near, thrs[it], overs[b], pols[a] / 100.0, 2,
                            0.8, 0.95, 0.5);
                    ck_assert_msg(near || got == rate, "%s: checker %g, recount %g", key, got,
                                  rate);
                }
            }
        tsa_claim_result_clear(r);
    }
}
END_TEST

START_TEST(t_lshape_counts)
{
    char text[1024];
    tsa_claim_result_t r;
    long ln = 0, lv = 0, o2;
    double rate;
    int near = 0;
    const json_t *v;
    o2 = snprintf(text, sizeof text, "{\"measure\": \"lshape\", \"overs\": [3], "
                  "\"polarity_x100\": [100], \"seeds\": 2, \"rho_lo\": 0.6, "
                  "\"rho_hi\": 0.9, \"frac\": 0.5, ");
    snprintf(text + o2, sizeof text - (size_t) o2, TRAIN "}", 0.95);
    run_emp(r, text);
    recount(&rate, &ln, &lv, &near, 0.95, 3, 1.0, 2, 0.6, 0.9, 0.5);
    v = json_object_get(r->data, "unspecialised");
    ck_assert(json_is_integer(v));
    ck_assert_msg(near || json_integer_value(v) == ln, "unspecialised: checker %lld, "
                  "recount %ld", (long long) json_integer_value(v), ln);
    v = json_object_get(r->data, "violations");
    ck_assert(json_is_integer(v));
    ck_assert_msg(near || json_integer_value(v) == lv, "violations: checker %lld, "
                  "recount %ld", (long long) json_integer_value(v), lv);
    tsa_claim_result_clear(r);
}
END_TEST

/* malformed params of every SS checker: TSA_EFORMAT, one line naming
   t.json and the field */
START_TEST(t_bad_input)
{
    static const struct
    {
        tsa_claim_checker_t fn;
        const char *params, *field;
    } cases[] = {
        {tsa_claim_check_ss_empirical, "{\"measure\": \"wide\"}", "params.measure"},
        {tsa_claim_check_ss_empirical, "{\"measure\": \"over\", \"train\": {\"preset\": "
         "\"nosuch\"}}", "params.train.preset"},
        {tsa_claim_check_ss_empirical, "{\"measure\": \"over\", \"overs\": [1, \"x\"]}",
         "params.overs[1]"},
        {tsa_claim_check_ss_empirical, "{\"measure\": \"over\", \"polarity_x100\": 3}",
         "params.polarity_x100"},
        {tsa_claim_check_ss_empirical, "{\"measure\": \"over\", \"seeds\": 0}",
         "params.seeds"},
        {tsa_claim_check_ss_empirical, "{\"measure\": \"over\", \"rho_lo\": \"high\"}",
         "params.rho_lo"},
        {tsa_claim_check_ss_empirical, "{\"measure\": \"over\", \"train\": {\"d\": 0}}",
         "params.train"},
        /* wrong types are refused, not defaulted or truncated */
        {tsa_claim_check_ss_empirical, "{\"measure\": \"over\", \"overs\": [1.5]}",
         "params.overs[0]"},
        {tsa_claim_check_ss_empirical, "{\"measure\": \"over\", \"overs\": [1e300]}",
         "params.overs[0]"},
        {tsa_claim_check_ss_empirical, "{\"measure\": \"over\", \"train\": {\"preset\": 5}}",
         "params.train.preset"},
        {tsa_claim_check_ss_empirical, "{\"measure\": \"over\", \"train\": 5}",
         "params.train"},
        /* the work estimate is checked before any training */
        {tsa_claim_check_ss_empirical, "{\"measure\": \"over\", \"seeds\": 64, \"overs\": "
         "[1, 2, 3, 4, 5, 6, 7, 8], \"train\": {\"steps\": 100000000}}", "params.train"},
        {tsa_claim_check_ss_thm3, "{\"teacher\": {\"W\": [[1, 0]]}, \"student\": {\"W\": "
         "[[1, 0]]}, \"data\": [[0]], \"aug\": \"both\"}", "params.aug"},
        {tsa_claim_check_ss_thm3, "{\"teacher\": {\"W\": [[1, 0]]}, \"student\": {\"W\": "
         "[[1, 0, 3]]}, \"data\": [[0]], \"sample_const\": 0}", "params.student"},
        {tsa_claim_check_ss_thm3, "{\"teacher\": {\"W\": [[1, 0]]}, \"student\": {\"W\": "
         "[[1, 0]]}, \"data\": [[0, 2]], \"sample_const\": 0}", "params.data[0]"},
        {tsa_claim_check_ss_thm3, "{\"teacher\": {\"W\": [[1, 0]]}, \"student\": {\"W\": "
         "[[1, 0]]}, \"data\": [[0]], \"kappa\": 2}", "params.kappa"},
        {tsa_claim_check_ss_thm1, "{\"teacher\": {\"W\": [[1, \"a/b\"]]}, \"student\": "
         "{\"W\": [[1, 0]]}}", "params.teacher"},
        {tsa_claim_check_ss_align, "{\"w\": [1, 0], \"u\": [1], \"eps\": 0.1}", "params"},
        {tsa_claim_check_ss_dataset, "{\"data\": [[0, 0], [1]], \"eta\": 1, \"mu\": 1, "
         "\"eps\": [0.1]}", "params.data[1]"},
        {tsa_claim_check_ss_aug, "{\"gaussian\": {\"N\": -3, \"d\": 2}, \"eps\": 0.2}",
         "params.gaussian"},
        {tsa_claim_check_ss_thm5, "{\"teacher\": {\"layers\": []}, \"sample_const\": 0}",
         "params.teacher.layers"},
        /* the unstated constant of N = O(...) has no default (was 0: "N >= 0") */
        {tsa_claim_check_ss_thm3, "{\"teacher\": {\"W\": [[1, 0]]}, \"student\": {\"W\": "
         "[[1, 0]]}, \"data\": [[0]]}", "params.sample_const"},
        {tsa_claim_check_ss_thm5, "{\"teacher\": {\"layers\": [[[1,0]]]}, \"student\": "
         "{\"layers\": [[[1,0]]]}, \"data\": [[0]]}", "params.sample_const"}};
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
        json_error_t e;
        json_t *params = json_loads(cases[i].params, 0, &e);
        tsa_claim_result_t r;
        const char *msg;
        int st;
        ck_assert_msg(params != NULL, "case %zu json: %s", i, e.text);
        tsa_claim_result_init(r);
        st = cases[i].fn(r, params, "t.json", 64);
        msg = tsa_error_last();
        ck_assert_msg(st == TSA_EFORMAT, "case %zu (%s): status %d, not TSA_EFORMAT", i,
                      cases[i].params, st);
        ck_assert_msg(msg != NULL && strstr(msg, "t.json") != NULL
                      && strstr(msg, cases[i].field) != NULL && strchr(msg, '\n') == NULL,
                      "case %zu: message '%s' should name t.json and %s", i,
                      msg ? msg : "(null)", cases[i].field);
        tsa_claim_result_clear(r);
        json_decref(params);
    }
}
END_TEST

/* Data files: none for a result without an id (it wrote
   "(null)-lshape.dat" before), <id>-lshape.dat whole (no temporary left)
   with one; always inside the result's plot_dir (set per call: no
   environment variable), nothing in ./reports. */
START_TEST(t_files)
{
    char dir[] = "/tmp/t-ss_emp.XXXXXX", text[1024], path[256];
    tsa_claim_result_t r;
    json_t *params;
    json_error_t e;
    DIR *d;
    struct dirent *de;
    int n = 0, tmp = 0, o;
    ck_assert(mkdtemp(dir) != NULL);
    o = snprintf(text, sizeof text, "{\"measure\": \"lshape\", \"overs\": [2], "
                 "\"polarity_x100\": [100], \"seeds\": 1, ");
    snprintf(text + o, sizeof text - (size_t) o, TRAIN "}", 0.95);
    run_emp_in(r, text, dir); /* r->id is NULL */
    tsa_claim_result_clear(r);
    d = opendir(dir);
    ck_assert(d != NULL);
    while ((de = readdir(d)) != NULL)
        if (de->d_name[0] != '.')
        {
            ck_assert_msg(0, "a result without an id wrote %s", de->d_name);
        }
    closedir(d);
    params = json_loads(text, 0, &e);
    ck_assert(params != NULL);
    tsa_claim_result_init(r);
    r->id = strdup("emp-files");
    r->plot_dir = dir;
    ck_assert(tsa_claim_check_ss_empirical(r, params, "t.json", 64) == TSA_SUCCESS);
    tsa_claim_result_clear(r);
    json_decref(params);
    d = opendir(dir);
    while ((de = readdir(d)) != NULL)
    {
        if (de->d_name[0] == '.')
            continue;
        n++;
        tmp += strstr(de->d_name, ".tmp.") != NULL;
        ck_assert_msg(strncmp(de->d_name, "emp-files-lshape.", 17) == 0,
                      "unexpected file %s", de->d_name);
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        unlink(path);
    }
    closedir(d);
    rmdir(dir);
    ck_assert_msg(n >= 1 && tmp == 0, "%d files, %d temporaries", n, tmp);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_over_table, t_lshape_counts, t_bad_input, t_files};
    return tsa_test_main("ss_emp", tests, 4, 60);
}
