/* ss_thm34.c -- SS Theorems 3 and 4 (two layers, finite data, small
 * per-sample gradient) on a given or a freshly trained network, sample by
 * sample; the Def. 7 augmentation; plots.  docs/claims-ss.md s. 4-6. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_train.h"
#include "tsa_plot.h"
#include "ss_impl.h"
#include "recheck_ss.h"

int
tsa_ss_have_gnuplot(void)
{
    return tsa_plot_have_gnuplot();
}

/* A float64 problem: teacher, student (rows [wt; b] and fan-outs), data. */
typedef struct
{
    slong d, m, n, C, N;
    double *Wt, *Vt, *Ws, *Vs, *X, leak;
    tsa_train_record last;
    int trained;
    size_t steps;
} prob_t;

static void
prob_free(prob_t *p)
{
    free(p->Wt);
    free(p->Vt);
    free(p->Ws);
    free(p->Vs);
    free(p->X);
}

/* copy a tsa_train net (two layers) into rows [wt; b] and fan-outs */
static void
net_rows(double **W, double **V, const tsa_train_net *net)
{
    size_t d = net->size[0], n = net->size[1], C = net->size[2], k, i, c;
    *W = malloc(sizeof(double) * n * (d + 1));
    *V = malloc(sizeof(double) * n * C);
    for (k = 0; k < n; k++)
    {
        for (i = 0; i < d; i++)
            (*W)[k * (d + 1) + i] = net->param[net->off_W[0] + k * d + i];
        (*W)[k * (d + 1) + d] = net->bias ? net->param[net->off_b[0] + k] : 0.0;
        for (c = 0; c < C; c++)
            (*V)[k * C + c] = net->param[net->off_W[1] + c * n + k];
    }
}

/* sin of the angle and the regular-bias gap, float64 (for plots only) */
static double
align_dist(const double *w, const double *u, slong d)
{
    double nw = 0, nu = 0, dot = 0, s;
    slong i;
    for (i = 0; i < d; i++)
    {
        nw += w[i] * w[i];
        nu += u[i] * u[i];
        dot += w[i] * u[i];
    }
    if (nw == 0 || nu == 0 || dot <= 0)
        return 1.0;
    s = sqrt(fmax(0.0, 1.0 - dot * dot / (nw * nu)));
    return fmax(s, fabs(w[d] / sqrt(nw) - u[d] / sqrt(nu)));
}

/* Train per params.train (preset + overrides); keep D = the first n_train
 * rows; write the alignment trajectory (per teacher: min over students of
 * max(sin, |db|)) to <plotdir>/<id>-align.dat and a PNG with the line
 * y = eps (Def. 3: aligned iff that max is <= eps, on the same side). */
static int
train_problem(prob_t *p, const json_t *tr, const char *file, const char *dir,
              const char *id, double eps)
{
    tsa_train_config cfg;
    tsa_train_state *st;
    const char *preset = "ss2", *key;
    json_t *val;
    char what[256];
    size_t every, j;
    FILE *dat = NULL;
    tsa_io_out_t od;
    if (json_object_get(tr, "preset") != NULL)
    {
        if (!json_is_string(json_object_get(tr, "preset")))
            return TSA_ERROR(TSA_EFORMAT, "%s: params.train.preset: must be a string", file);
        preset = json_string_value(json_object_get(tr, "preset"));
    }
    if (tsa_train_config_preset(&cfg, preset) != TSA_SUCCESS)
        return TSA_ERROR(TSA_EFORMAT, "%s: params.train.preset: unknown preset", file);
    json_object_foreach((json_t *) tr, key, val)
    {
        char buf[64];
        const char *txt;
        if (strcmp(key, "preset") == 0)
            continue;
        snprintf(what, sizeof what, "%s: params.train.%s", file, key);
        if (json_is_string(val))
            txt = json_string_value(val);
        else if (json_is_integer(val))
        {
            snprintf(buf, sizeof buf, "%lld", (long long) json_integer_value(val));
            txt = buf;
        }
        else if (json_is_real(val))
        {
            snprintf(buf, sizeof buf, "%.17g", json_real_value(val));
            txt = buf;
        }
        else
            return TSA_ERROR(TSA_EFORMAT, "%s: must be a string or number", what);
        if (tsa_train_config_set(&cfg, key, txt, what) != TSA_SUCCESS)
            return TSA_EFORMAT;
    }
    tsa_train_config_resolve(&cfg);
    if (cfg.nhidden != 1 || cfg.n_train == 0)
        return TSA_ERROR(TSA_EFORMAT, "%s: params.train: needs a two-layer net and "
                         "n_train > 0", file);
    if (tsa_claim_train_work(&cfg) > TSA_CLAIM_WORK_MAX)
        return TSA_ERROR(TSA_EFORMAT, "%s: params.train: work estimate %.3g of the "
                         "training exceeds %.0e", file, tsa_claim_train_work(&cfg),
                         TSA_CLAIM_WORK_MAX);
    if (tsa_train_state_alloc(&st, &cfg) != TSA_SUCCESS)
        return TSA_EFORMAT;
    tsa_train_state_set(st);
    p->d = (slong) cfg.d;
    p->m = (slong) st->teacher->size[1];
    p->n = (slong) st->student->size[1];
    p->C = (slong) cfg.outputs;
    p->leak = cfg.leak;
    p->N = (slong) cfg.n_train;
    p->X = malloc(sizeof(double) * (size_t) (p->N * p->d));
    for (j = 0; j < cfg.n_train; j++)
        memcpy(p->X + j * (size_t) p->d, gsl_matrix_const_ptr(st->Xtrain, j, 0),
               sizeof(double) * (size_t) p->d);
    net_rows(&p->Wt, &p->Vt, st->teacher);
    every = cfg.steps / 50 > 0 ? cfg.steps / 50 : 1;
    if (dir != NULL && id != NULL && tsa_claim_dat_open(&od, dir, id, "-align.dat"))
    {
        dat = od.f;
        fprintf(dat, "# step, then per teacher j: min_k max(sin angle, |bias gap|) "
                "(float64)\n");
    }
    while (st->step < cfg.steps)
    {
        if (dat != NULL && st->step % every == 0)
        {
            double *Ws, *Vs;
            slong jj, k;
            net_rows(&Ws, &Vs, st->student);
            fprintf(dat, "%zu", st->step);
            for (jj = 0; jj < p->m; jj++)
            {
                double best = 1.0;
                for (k = 0; k < p->n; k++)
                    best = fmin(best, align_dist(Ws + k * (p->d + 1),
                                                 p->Wt + jj * (p->d + 1), p->d));
                fprintf(dat, " %.6g", best);
            }
            fprintf(dat, "\n");
            free(Ws);
            free(Vs);
        }
        if (tsa_train_state_iterate(st) != TSA_SUCCESS)
            break;
    }
    p->steps = st->step;
    net_rows(&p->Ws, &p->Vs, st->student);
    if (tsa_train_state_log(st) == TSA_SUCCESS && st->nhist > 0)
        p->last = st->hist[st->nhist - 1];
    p->trained = 1;
    tsa_train_state_free(st);
    if (dat != NULL && tsa_claim_dat_commit(&od) && tsa_plot_have_gnuplot())
    {
        /* id is a safe identifier (tsa_claim_dat_open checked it) */
        char body[8192];
        slong jj;
        size_t o = (size_t) snprintf(body, sizeof body, "set logscale y\n"
                                     "set xlabel 'training step'\n"
                                     "set ylabel 'min_k max(sin angle, bias gap)'\n"
                                     "set title '%s: alignment of each teacher node (float64)'\n"
                                     "plot ", id);
        for (jj = 0; jj < p->m && o < sizeof body; jj++)
            o += (size_t) snprintf(body + o, sizeof body - o,
                                   "%s'%s-align.dat' u 1:%ld w l t 'teacher %ld'",
                                   jj ? ", " : "", id, (long) (jj + 2), (long) jj);
        if (o < sizeof body)
            o += (size_t) snprintf(body + o, sizeof body - o,
                                   ", %.17g w l dt 2 lc rgb 'black' t 'eps = %.4g "
                                   "(Def. 3: aligned below)'", eps, eps);
        if (o < sizeof body) /* a truncated script draws no plot */
            (void) tsa_claim_plot(dir, id, "-align.png", "png size 800,500", body);
    }
    return TSA_SUCCESS;
}

int
tsa_ss_read_points(double **X, slong *rows, slong cols, const json_t *j,
              const char *what)
{
    slong i, k;
    if (!json_is_array(j) || json_array_size(j) == 0)
        return TSA_ERROR(TSA_EFORMAT, "%s: missing or empty array", what);
    if (cols < 1 || json_array_size(j) > ((size_t) 1 << 20) / (size_t) cols)
        return TSA_ERROR(TSA_EFORMAT, "%s: more than 2^20 numbers", what);
    *rows = (slong) json_array_size(j);
    *X = malloc(sizeof(double) * (size_t) (*rows * cols));
    for (i = 0; i < *rows; i++)
    {
        const json_t *r = json_array_get(j, (size_t) i);
        if (!json_is_array(r) || (slong) json_array_size(r) != cols)
        {
            free(*X);
            *X = NULL;
            return TSA_ERROR(TSA_EFORMAT, "%s[%ld]: need %ld numbers", what, (long) i,
                             (long) cols);
        }
        for (k = 0; k < cols; k++)
        {
            const json_t *v = json_array_get(r, (size_t) k);
            if (!json_is_number(v) || !isfinite(json_number_value(v)))
            {
                free(*X);
                *X = NULL;
                return TSA_ERROR(TSA_EFORMAT, "%s[%ld][%ld]: not a finite number", what,
                                 (long) i, (long) k);
            }
            (*X)[i * cols + k] = json_number_value(v);
        }
    }
    return TSA_SUCCESS;
}

int
tsa_ss_param_index(slong *j, const json_t *params, slong m, const char *file)
{
    const json_t *v = json_object_get(params, "teacher_index");
    *j = 0;
    if (v == NULL)
        return TSA_SUCCESS;
    if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) >= m)
        return TSA_ERROR(TSA_EFORMAT, "%s: params.teacher_index: integer in 0 .. %ld",
                         file, (long) (m - 1));
    *j = (slong) json_integer_value(v);
    return TSA_SUCCESS;
}

int
tsa_ss_param_num(double *x, const json_t *params, const char *key, double def,
        double lo, double hi, const char *file)
{
    const json_t *v = json_object_get(params, key);
    if (v == NULL)
    {
        *x = def;
        return TSA_SUCCESS;
    }
    if (!json_is_number(v) || !(json_number_value(v) >= lo && json_number_value(v) <= hi))
        return TSA_ERROR(TSA_EFORMAT, "%s: params.%s: a number in [%g, %g]", file, key,
                         lo, hi);
    *x = json_number_value(v);
    return TSA_SUCCESS;
}

/* D' = aug(D) (Def. 7) as rows; returns the count. */
static slong
augment(double **Xa, const prob_t *p, int aware, double eps, double delta)
{
    slong N = p->N, d = p->d, cnt = N, i, u, j, s;
    slong cap = aware ? N * (1 + 2 * p->m) : N * (1 + 2 * d);
    *Xa = malloc(sizeof(double) * (size_t) (cap * d));
    memcpy(*Xa, p->X, sizeof(double) * (size_t) (N * d));
    for (i = 0; i < N; i++)
    {
        const double *x = p->X + i * d;
        if (!aware)
            for (u = 0; u < d; u++)
                for (s = -1; s <= 1; s += 2)
                {
                    memcpy(*Xa + cnt * d, x, sizeof(double) * (size_t) d);
                    (*Xa)[cnt * d + u] += s * delta;
                    cnt++;
                }
        else
            for (j = 0; j < p->m; j++)
            {
                const double *w = p->Wt + j * (d + 1);
                double nw = 0;
                if (!tsa_ss_in_band(w, x, d, eps))
                    continue;
                for (u = 0; u < d; u++)
                    nw += w[u] * w[u];
                nw = sqrt(nw);
                for (s = -1; s <= 1; s += 2)
                {
                    for (u = 0; u < d; u++)
                        (*Xa)[cnt * d + u] = x[u] + s * delta * w[u] / nw;
                    cnt++;
                }
            }
    }
    return cnt;
}

/* Assumption 3 (a) and (b) of SS s. 5 for the teacher rows Wt (m rows of
 * d + 1 doubles) and the data X (N x d) as two hypotheses of r: (a) exact
 * (Def. 3 on the exact binary rationals), (b) exact counts. */
void
tsa_ss_assumption3(tsa_claim_result_t r, const double *Wt, slong m,
                   const double *X, slong N, slong d, double eps,
                   double eps0, double tau, slong prec)
{
    slong i, jj;
    char ev[2048];
    /* Assumption 3(a) */
    {
        fmpq *a = _fmpq_vec_init(d + 1), *b = _fmpq_vec_init(d + 1);
        fmpq_t e0;
        arf_t f;
        int ok = 1;
        slong bi = -1, bj = -1;
        fmpq_init(e0);
        arf_init(f);
        arf_set_d(f, eps0);
        arf_get_fmpq(e0, f);
        for (i = 0; i < m && ok; i++)
            for (jj = 0; jj < m && ok; jj++)
            {
                slong e;
                if (i == jj)
                    continue;
                for (e = 0; e <= d; e++)
                {
                    arf_set_d(f, Wt[i * (d + 1) + e]);
                    arf_get_fmpq(a + e, f);
                    arf_set_d(f, Wt[jj * (d + 1) + e]);
                    arf_get_fmpq(b + e, f);
                }
                if (tsa_ss_eps_aligned(NULL, NULL, a, b, d, e0, prec) != TSA_FALSE)
                {
                    ok = 0;
                    bi = i;
                    bj = jj;
                }
            }
        if (ok)
            snprintf(ev, sizeof ev, "exact: no two of the %ld teacher nodes are "
                     "eps0-aligned", (long) m);
        else
            snprintf(ev, sizeof ev, "exact: teacher nodes %ld and %ld are eps0-aligned",
                     (long) bi, (long) bj);
        tsa_claim_add_hyp(r, "Assumption 3(a): teacher nodes pairwise not eps0-aligned",
                          ok ? TSA_TRUE : TSA_FALSE, ev);
        fmpq_clear(e0);
        arf_clear(f);
        _fmpq_vec_clear(a, d + 1);
        _fmpq_vec_clear(b, d + 1);
    }
    /* Assumption 3(b) for every teacher: the count twice (float64 with a
       rounding bound and exact fallback; exact rationals only), compared
       with tau eps N exactly */
    {
        int ok = 1, agree = 1;
        size_t off = 0;
        off += (size_t) snprintf(ev, sizeof ev, "exact counts N_D[I_j(eps)] vs tau eps N = %g:",
                                 tau * eps * (double) N);
        for (jj = 0; jj < m; jj++)
        {
            slong cnt = tsa_ss_band_count(Wt + jj * (d + 1), X, N, d, eps);
            slong cnt2 = tsa_ss_band_active_count_q(Wt + jj * (d + 1), NULL, X, N, d, eps);
            agree &= cnt == cnt2;
            ok &= tsa_ss_count_gt(cnt, tau, eps, N, 1);
            if (off < sizeof ev)
                off += (size_t) snprintf(ev + off, sizeof ev - off, " j=%ld: %ld", (long) jj,
                                         (long) cnt);
            if (cnt != cnt2 && off < sizeof ev)
                off += (size_t) snprintf(ev + off, sizeof ev - off, " (recount %ld)",
                                         (long) cnt2);
        }
        if (off < sizeof ev)
            snprintf(ev + off, sizeof ev - off, agree ? "; recounted in exact rationals: "
                     "equal" : "; the exact recount DIFFERS: undecided");
        tsa_claim_add_hyp(r, "Assumption 3(b): N_D[I_j(eps)] > tau eps N_D for every teacher j",
                          !agree ? TSA_UNDECIDED : ok ? TSA_TRUE : TSA_FALSE, ev);
    }
}

int
tsa_claim_check_ss_thm3(tsa_claim_result_t r, const json_t *params,
                        const char *file, slong prec)
{
    prob_t p;
    double eps, eps0, kappa, tau, cc, sconst, delta, *Xa = NULL;
    slong j, k, kbest = -1, K, Na, i;
    int aware = 0, st;
    char ev[2048], ins[512], what[256];
    const json_t *v;
    memset(&p, 0, sizeof p);
    if ((v = json_object_get(params, "aug")) != NULL)
    {
        if (!json_is_string(v) || (strcmp(json_string_value(v), "agnostic") != 0
                                   && strcmp(json_string_value(v), "aware") != 0))
            return TSA_ERROR(TSA_EFORMAT, "%s: params.aug: \"agnostic\" (Thm 3) or "
                             "\"aware\" (Thm 4)", file);
        aware = strcmp(json_string_value(v), "aware") == 0;
    }
    if ((st = tsa_ss_param_num(&eps, params, "eps", 0.1, 1e-300, 1e300, file))
        || (st = tsa_ss_param_num(&eps0, params, "eps0", eps, 1e-300, 1e300, file))
        || (st = tsa_ss_param_num(&kappa, params, "kappa", 0.5, 1e-300, 1.0, file))
        || (st = tsa_ss_param_num(&tau, params, "tau", 1.0, 0.0, 1e300, file))
        || (st = tsa_ss_param_num(&cc, params, "c", 1.0, 1e-300, 1e300, file))
        || (st = tsa_ss_param_sconst(&sconst, params, file)))
        return st;
    if ((v = json_object_get(params, "train")) != NULL)
    {
        if (!json_is_object(v))
            return TSA_ERROR(TSA_EFORMAT, "%s: params.train: an object", file);
        if ((st = train_problem(&p, v, file, tsa_claim_plot_dir(r), r->id, eps))
            != TSA_SUCCESS)
        {
            prob_free(&p);
            return st;
        }
    }
    else
    {
        tsa_ss_net_t t, s;
        snprintf(what, sizeof what, "%s: params.teacher", file);
        if (tsa_ss_net_read(t, json_object_get(params, "teacher"), -1, what) != TSA_SUCCESS)
            return TSA_EFORMAT;
        snprintf(what, sizeof what, "%s: params.student", file);
        if (tsa_ss_net_read(s, json_object_get(params, "student"), t->d, what) != TSA_SUCCESS)
        {
            tsa_ss_net_clear(t);
            return TSA_EFORMAT;
        }
        p.d = t->d;
        p.m = t->n;
        p.n = s->n;
        p.C = t->C;
        tsa_ss_net_get_d(&p.Wt, &p.Vt, t);
        tsa_ss_net_get_d(&p.Ws, &p.Vs, s);
        st = s->C != t->C;
        tsa_ss_net_clear(t);
        tsa_ss_net_clear(s);
        if (st)
        {
            prob_free(&p);
            return TSA_ERROR(TSA_EFORMAT, "%s: params.student.V: output count differs", file);
        }
        snprintf(what, sizeof what, "%s: params.data", file);
        if (tsa_ss_read_points(&p.X, &p.N, p.d, json_object_get(params, "data"), what)
            != TSA_SUCCESS)
        {
            prob_free(&p);
            return TSA_EFORMAT;
        }
        if (tsa_ss_param_num(&p.leak, params, "leak", 0.0, 0.0, 0.999999, file) != TSA_SUCCESS)
        {
            prob_free(&p);
            return TSA_EFORMAT;
        }
    }
    if (tsa_ss_param_index(&j, params, p.m, file) != TSA_SUCCESS)
    {
        prob_free(&p);
        return TSA_EFORMAT;
    }
    K = p.m + p.n;
    delta = tsa_ss_aug_delta(eps, cc, K);
    Na = augment(&Xa, &p, aware, eps, delta);
    snprintf(ins, sizeof ins, "%s: d = %ld, m = %ld, n = %ld, C = %ld, N = %ld, "
             "|D'| = %ld, eps = %g, eps0 = %g, kappa = %g, tau = %g, c = %g, "
             "delta = %.6g, teacher j = %ld%s",
             aware ? "Thm 4 (teacher-aware aug)" : "Thm 3 (teacher-agnostic aug)",
             (long) p.d, (long) p.m, (long) p.n, (long) p.C, (long) p.N, (long) Na, eps,
             eps0, kappa, tau, cc, delta, (long) j,
             p.trained ? ", student trained in float64 (numerical)" : ", hand-made weights");
    r->instance = strdup(ins);
    r->method = strdup("Weights and points are doubles taken as exact binary rationals. "
                       "Band membership and gates are decided exactly (float64 with a "
                       "rigorous rounding bound, exact rationals when it does not decide), "
                       "so every count is an exact count over the dataset. The per-sample "
                       "gradient g_1(x) = D_1(x) V^T (f*(x) - f(x)) is evaluated at every x "
                       "of D' = aug(D) (constructed here, Def. 7, shift delta rounded to a "
                       "double) with a rigorous float64 error bound; |g_1|_inf is over the "
                       "n student entries (the constant bias entry of g_1 is excluded). "
                       "Alignment (Def. 3) is decided in exact rationals on regular "
                       "rescalings. The sample-size condition N = O(...) has an unstated "
                       "constant; it is checked with the constant sample_const from the "
                       "claim file. docs/claims-ss.md s. 5.");
    /* eps <= eps0 */
    snprintf(ev, sizeof ev, "eps = %g, eps0 = %g", eps, eps0);
    tsa_claim_add_hyp(r, "0 < eps <= eps0", eps <= eps0 ? TSA_TRUE : TSA_FALSE, ev);
    tsa_ss_assumption3(r, p.Wt, p.m, p.X, p.N, p.d, eps, eps0, tau, prec);
    /* sample size, with the claim's constant (the paper states none) */
    {
        double cmax;
        tsa_truth_t h = tsa_ss_sample_size(ev, sizeof ev, &cmax, p.N, sconst, K, "K",
                                           p.d, aware ? 1 : 2, eps, kappa);
        tsa_claim_add_hyp(r, aware ? "N >= sample_const K^{5/2} d / (eps kappa)"
                                   : "N >= sample_const K^{5/2} d^2 / (eps kappa)", h, ev);
        json_object_set_new(r->data, "sample_const", json_real(sconst));
        json_object_set_new(r->data, "sample_const_max", json_real(cmax));
    }
    tsa_claim_add_hyp(r, "student trained on D' = aug(D) (Def. 7)", TSA_TRUE,
                      "D' constructed here from D; the gradient condition is checked "
                      "on every point of D'");
    /* (1) kappa-observation: pick the observer with the largest |alpha_kj| */
    {
        slong bj_cnt = tsa_ss_band_count(p.Wt + j * (p.d + 1), p.X, p.N, p.d, eps);
        double best_a = -1.0;
        slong best_cnt = 0, cntk;
        int recount_bad = bj_cnt != tsa_ss_band_active_count_q(p.Wt + j * (p.d + 1), NULL,
                                                               p.X, p.N, p.d, eps);
        for (k = 0; k < p.n; k++)
        {
            double a = 0;
            slong c;
            cntk = tsa_ss_band_active_count(p.Wt + j * (p.d + 1), p.Ws + k * (p.d + 1),
                                            p.X, p.N, p.d, eps);
            if (cntk != tsa_ss_band_active_count_q(p.Wt + j * (p.d + 1), p.Ws + k * (p.d + 1),
                                                   p.X, p.N, p.d, eps))
                recount_bad = 1;
            for (c = 0; c < p.C; c++)
                a += p.Vs[k * p.C + c] * p.Vt[j * p.C + c];
            if (tsa_ss_count_gt(cntk, kappa, 1.0, bj_cnt, 0) && bj_cnt > 0 && fabs(a) > best_a)
            {
                best_a = fabs(a);
                kbest = k;
                best_cnt = cntk;
            }
        }
        if (kbest >= 0)
            snprintf(ev, sizeof ev, "exact counts: N_D[I_j(eps) cap E_k] = %ld >= kappa "
                     "N_D[I_j(eps)] = %g x %ld (k = %ld, the observer with largest "
                     "|alpha_kj|)", (long) best_cnt, kappa, (long) bj_cnt, (long) kbest);
        else
            snprintf(ev, sizeof ev, "exact counts: no student has N_D[I_j(eps) cap E_k] "
                     ">= kappa N_D[I_j(eps)] = %g x %ld", kappa, (long) bj_cnt);
        if (recount_bad)
            snprintf(ev + strlen(ev), sizeof ev - strlen(ev), "; an exact recount of a "
                     "band count DIFFERS: undecided");
        else
            snprintf(ev + strlen(ev), sizeof ev - strlen(ev), "; every count recounted in "
                     "exact rationals: equal");
        tsa_claim_add_hyp(r, "(1) I_j(eps) is kappa-observed by a student k",
                          recount_bad ? TSA_UNDECIDED : kbest >= 0 ? TSA_TRUE : TSA_FALSE, ev);
    }
    /* (2) small gradient at every x in D' */
    if (kbest < 0)
        tsa_claim_add_hyp(r, "(2) |g_1(x)|_inf <= |alpha_kj| eps / (5 K^{3/2} sqrt d) on D'",
                          TSA_UNDECIDED, "no observer k from (1), so alpha_kj is undefined");
    else
    {
        double *gm = malloc(sizeof(double) * (size_t) p.n), *ge = malloc(sizeof(double) * (size_t) p.n);
        double gmax = 0.0, lo_max = 0.0, bound, blo, bhi;
        slong nviol = 0, nunsure = 0, worst = 0, c;
        arb_t a, t, q;
        tsa_truth_t h2;
        arb_init(a);
        arb_init(t);
        arb_init(q);
        arb_zero(a);
        for (c = 0; c < p.C; c++)
        {
            arb_set_d(t, p.Vs[kbest * p.C + c]);
            arb_set_d(q, p.Vt[j * p.C + c]);
            arb_addmul(a, t, q, prec);
        }
        arb_abs(a, a);
        arb_set_d(t, eps);
        arb_mul(a, a, t, prec);
        arb_set_si(t, K);
        arb_sqrt(q, t, prec);
        arb_mul(t, t, q, prec);
        arb_mul_ui(t, t, 5, prec);
        arb_div(a, a, t, prec);
        if (!aware)
        {
            arb_set_si(t, p.d);
            arb_sqrt(t, t, prec);
            arb_div(a, a, t, prec);
        }
        bound = arf_get_d(arb_midref(a), ARF_RND_NEAR);
        {
            arf_t lo, hi;
            arf_init(lo);
            arf_init(hi);
            arb_get_lbound_arf(lo, a, prec);
            arb_get_ubound_arf(hi, a, prec);
            blo = arf_get_d(lo, ARF_RND_FLOOR);
            bhi = arf_get_d(hi, ARF_RND_CEIL);
            arf_clear(lo);
            arf_clear(hi);
        }
        for (i = 0; i < Na; i++)
        {
            double up = 0.0, low = 0.0;
            tsa_ss_sample_grad(gm, ge, p.Ws, p.Vs, p.n, p.Wt, p.Vt, p.m, p.d, p.C, p.leak,
                               Xa + i * p.d);
            for (k = 0; k < p.n; k++)
            {
                up = fmax(up, fabs(gm[k]) + ge[k]);
                low = fmax(low, fabs(gm[k]) - ge[k]);
            }
            if (low > bhi)
                nviol++;
            else if (up > blo)
                nunsure++;
            if (up > gmax)
            {
                gmax = up;
                worst = i;
            }
            lo_max = fmax(lo_max, low);
        }
        h2 = nviol > 0 ? TSA_FALSE : nunsure > 0 ? TSA_UNDECIDED : TSA_TRUE;
        /* second path: g_1 and alpha in exact rationals, the bound compared
           as 25 K^3 d g^2 <= alpha^2 eps^2 */
        {
            fmpq_t glo, gup, aq, x1, x2, gqmax;
            slong qv = 0, qu = 0, u;
            tsa_truth_t hq;
            fmpq *xq = NULL;
            (void) xq;
            fmpq_init(glo);
            fmpq_init(gup);
            fmpq_init(aq);
            fmpq_init(x1);
            fmpq_init(x2);
            fmpq_init(gqmax);
            for (c = 0; c < p.C; c++)
            {
                arf_t f;
                arf_init(f);
                arf_set_d(f, p.Vs[kbest * p.C + c]);
                arf_get_fmpq(x1, f);
                arf_set_d(f, p.Vt[j * p.C + c]);
                arf_get_fmpq(x2, f);
                fmpq_addmul(aq, x1, x2);
                arf_clear(f);
            }
            for (i = 0; i < Na; i++)
            {
                tsa_ss_grad_inf_q(glo, gup, p.Ws, p.Vs, p.n, p.Wt, p.Vt, p.m, p.d, p.C,
                                  p.leak, Xa + i * p.d);
                if (fmpq_cmp(gup, gqmax) > 0)
                    fmpq_set(gqmax, gup);
                if (tsa_ss_grad_bound_q(glo, aq, eps, K, aware ? 1 : p.d) == TSA_FALSE)
                    qv++;
                else if (tsa_ss_grad_bound_q(gup, aq, eps, K, aware ? 1 : p.d) == TSA_FALSE)
                    qu++;
            }
            (void) u;
            hq = qv > 0 ? TSA_FALSE : qu > 0 ? TSA_UNDECIDED : TSA_TRUE;
            snprintf(ev, sizeof ev, "sample by sample over |D'| = %ld points: bound = %.6g "
                     "(k = %ld); float64 path: max |g_1|_inf <= %.6g (at point %ld), >= %.6g; "
                     "%ld points proved above the bound, %ld undecided; exact path (25 K^3 %s "
                     "g^2 vs alpha^2 eps^2 in Q): max |g_1|_inf = %.6g, %ld points above, "
                     "%ld on a gate tie", (long) Na, bound, (long) kbest, gmax, (long) worst,
                     lo_max, (long) nviol, (long) nunsure, aware ? "" : "d", fmpq_get_d(gqmax),
                     (long) qv, (long) qu);
            if (h2 != TSA_UNDECIDED && hq != TSA_UNDECIDED && h2 != hq)
            {
                snprintf(ev + strlen(ev), sizeof ev - strlen(ev), "; the two paths DISAGREE: "
                         "undecided");
                h2 = TSA_UNDECIDED;
            }
            else if (h2 == TSA_UNDECIDED)
                h2 = hq;
            json_object_set_new(r->data, "grad_max_exact", json_real(fmpq_get_d(gqmax)));
            fmpq_clear(glo);
            fmpq_clear(gup);
            fmpq_clear(aq);
            fmpq_clear(x1);
            fmpq_clear(x2);
            fmpq_clear(gqmax);
        }
        tsa_claim_add_hyp(r, aware ? "(2) |g_1(x)|_inf <= |alpha_kj| eps / (5 K^{3/2}) on D'"
                                   : "(2) |g_1(x)|_inf <= |alpha_kj| eps / (5 K^{3/2} sqrt d) on D'",
                          h2, ev);
        json_object_set_new(r->data, "grad_bound", json_real(bound));
        json_object_set_new(r->data, "grad_max_upper", json_real(gmax));
        json_object_set_new(r->data, "grad_violations", json_integer(nviol));
        arb_clear(a);
        arb_clear(t);
        arb_clear(q);
        free(gm);
        free(ge);
    }
    /* conclusion: an eps-aligned student */
    {
        fmpq *a = _fmpq_vec_init(p.d + 1), *b = _fmpq_vec_init(p.d + 1);
        fmpq_t e;
        arf_t f;
        slong found = -1, e2;
        double bestd = INFINITY, s1, db;
        fmpq_init(e);
        arf_init(f);
        arf_set_d(f, eps);
        arf_get_fmpq(e, f);
        for (e2 = 0; e2 <= p.d; e2++)
        {
            arf_set_d(f, p.Wt[j * (p.d + 1) + e2]);
            arf_get_fmpq(b + e2, f);
        }
        for (k = 0; k < p.n; k++)
        {
            tsa_truth_t al;
            for (e2 = 0; e2 <= p.d; e2++)
            {
                arf_set_d(f, p.Ws[k * (p.d + 1) + e2]);
                arf_get_fmpq(a + e2, f);
            }
            al = tsa_ss_eps_aligned(&s1, &db, a, b, p.d, e, prec);
            if (al == TSA_TRUE && found < 0)
                found = k;
            if (isfinite(s1) && fmax(s1, db) < bestd)
                bestd = fmax(s1, db);
        }
        snprintf(ev, sizeof ev, "exact: no student is eps-aligned with teacher %ld "
                 "(min over k of max(sin, |db|) = %.4g)", (long) j, bestd);
        if (found >= 0)
            snprintf(ev, sizeof ev, "exact: student %ld is eps-aligned with teacher %ld "
                     "(min over k of max(sin, |db|) = %.4g)", (long) found, (long) j, bestd);
        tsa_claim_set_concl(r, "some student k' is eps-aligned with teacher j",
                            found >= 0 ? TSA_TRUE : TSA_FALSE, ev);
        json_object_set_new(r->data, "best_align_dist", json_real(bestd));
        fmpq_clear(e);
        arf_clear(f);
        _fmpq_vec_clear(a, p.d + 1);
        _fmpq_vec_clear(b, p.d + 1);
    }
    if (tsa_claim_verdict(r) == TSA_VERDICT_COUNTEREXAMPLE)
    {
        /* the witness for `tsalign check --recheck` (recheck_ss.c) */
        slong szt[3] = {p.d, p.m, p.C}, szs[3] = {p.d, p.n, p.C};
        tsa_ss_wnet_t wt, ws;
        tsa_ss_wpar_t wp = {eps, eps0, kappa, tau, cc, sconst, p.leak, delta, j, kbest, K,
                            aware, "m+n"};
        tsa_ss_wnet_set(&wt, 1, szt, &p.Wt, p.Vt);
        tsa_ss_wnet_set(&ws, 1, szs, &p.Ws, p.Vs);
        r->witness = tsa_ss_witness_deep("ss_thm3", &wt, &ws, p.X, p.N, &wp, r->data);
    }
    if (p.trained)
    {
        json_object_set_new(r->data, "train_steps", json_integer((json_int_t) p.steps));
        json_object_set_new(r->data, "eval_loss", json_real(p.last.eval_loss));
        json_object_set_new(r->data, "rho_mean", json_real(p.last.rho_mean));
        if (tsa_claim_plot_dir(r) != NULL && r->id != NULL)
        {
            size_t n = strlen(r->method) + 2 * strlen(r->id) + 128;
            char *m2 = malloc(n);
            if (m2 != NULL)
            {
                snprintf(m2, n, "%s Training trajectory: %s-align.dat (plot %s-align.png "
                         "when gnuplot is present).", r->method, r->id, r->id);
                free(r->method);
                r->method = m2;
            }
        }
    }
    free(Xa);
    prob_free(&p);
    return TSA_SUCCESS;
}
