/* ss_emp.c -- the empirical claims of SS s. 7 as measured tables (float64
 * training, numerical): unspecialised students end with small |v_k| (the
 * L-shaped scatter of Fig. 5), strong teacher nodes specialise first
 * (Fig. 8), success rate against polarity p and over-realization (Fig. 7).
 * docs/claims-ss.md s. 7. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_train.h"
#include "tsa_path.h"
#include "ss_impl.h"

static int
cmp_d(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

static int
set_cfg(tsa_train_config *cfg, const json_t *tr, const char *file)
{
    const char *key, *preset = "ss2";
    json_t *val;
    char what[256];
    if (tr != NULL && !json_is_object(tr))
        return TSA_ERROR(TSA_EFORMAT, "%s: params.train: must be an object", file);
    if (json_object_get(tr, "preset") != NULL)
    {
        if (!json_is_string(json_object_get(tr, "preset")))
            return TSA_ERROR(TSA_EFORMAT, "%s: params.train.preset: must be a string", file);
        preset = json_string_value(json_object_get(tr, "preset"));
    }
    if (tsa_train_config_preset(cfg, preset) != TSA_SUCCESS)
        return TSA_ERROR(TSA_EFORMAT, "%s: params.train.preset: unknown preset", file);
    json_object_foreach((json_t *) tr, key, val)
    {
        char buf[64];
        const char *txt = buf;
        if (strcmp(key, "preset") == 0)
            continue;
        snprintf(what, sizeof what, "%s: params.train.%s", file, key);
        if (json_is_string(val))
            txt = json_string_value(val);
        else if (json_is_integer(val))
            snprintf(buf, sizeof buf, "%lld", (long long) json_integer_value(val));
        else if (json_is_real(val))
            snprintf(buf, sizeof buf, "%.17g", json_real_value(val));
        else
            return TSA_ERROR(TSA_EFORMAT, "%s: must be a string or number", what);
        if (tsa_train_config_set(cfg, key, txt, what) != TSA_SUCCESS)
            return TSA_EFORMAT;
    }
    return TSA_SUCCESS;
}

static int
int_list(long *out, int *n, const json_t *j, long def, long lo, long hi,
         const char *what)
{
    size_t i;
    if (j == NULL)
    {
        out[0] = def;
        *n = 1;
        return TSA_SUCCESS;
    }
    if (!json_is_array(j) || json_array_size(j) == 0 || json_array_size(j) > 8)
        return TSA_ERROR(TSA_EFORMAT, "%s: a list of 1 to 8 integers", what);
    for (i = 0; i < json_array_size(j); i++)
    {
        const json_t *e = json_array_get(j, i);
        if (!json_is_integer(e) || json_integer_value(e) < lo || json_integer_value(e) > hi)
            return TSA_ERROR(TSA_EFORMAT, "%s[%zu]: not an integer in %ld .. %ld", what,
                             i, lo, hi);
        out[i] = (long) json_integer_value(e);
    }
    *n = (int) json_array_size(j);
    return TSA_SUCCESS;
}

/* The plots draw what decides the verdict: for strong_first the mean first
 * specialisation step per teacher with the two half means compared; for
 * over the success rate per over-realization with, per polarity, the level
 * at the smallest over that the largest must reach (docs/claims-ss.md). */
static void
plot_first(const char *dir, const char *id, const double *fsum,
           const double *fcnt, size_t m, double ms, double mw)
{
    tsa_io_out_t o;
    char sc[1024];
    size_t j;
    if (!tsa_claim_dat_open(&o, dir, id, "-first.dat"))
        return;
    fprintf(o.f, "# teacher index j, mean first step with max_k rho_jk > success_rho\n");
    for (j = 0; j < m && j < 64; j++)
        fprintf(o.f, "%zu %.6g\n", j, fcnt[j] > 0 ? fsum[j] / fcnt[j] : 0.0);
    if (!tsa_claim_dat_commit(&o))
        return;
    snprintf(sc, sizeof sc, "set xlabel 'teacher index j (0 = strongest)'\n"
             "set ylabel 'first specialisation step'\n"
             "set title '%s: strong half first? (float64)'\n"
             "plot '%s-first.dat' u 1:2 w lp pt 7 t 'mean first step of teacher j', "
             "%.6g w l dt 2 t 'strong-half mean %.6g', "
             "%.6g w l dt 3 t 'weak-half mean %.6g (verdict: strong <= weak)'",
             id, id, ms, ms, mw, mw);
    (void) tsa_claim_plot(dir, id, "-first.png", "png size 800,500", sc);
}

static void
plot_over(const char *dir, const char *id, double succ[8][8], const long *overs,
          int no, const long *pols100, int np, double norm)
{
    tsa_io_out_t o;
    char sc[8192];
    size_t off;
    int io, ip;
    if (!tsa_claim_dat_open(&o, dir, id, "-over.dat"))
        return;
    fprintf(o.f, "# over-realization, then the success rate per polarity\n");
    for (io = 0; io < no; io++)
    {
        fprintf(o.f, "%ld", overs[io]);
        for (ip = 0; ip < np; ip++)
            fprintf(o.f, " %.6g", succ[ip][io] / norm);
        fprintf(o.f, "\n");
    }
    if (!tsa_claim_dat_commit(&o))
        return;
    off = (size_t) snprintf(sc, sizeof sc, "set xlabel 'over-realization'\n"
                            "set ylabel 'success rate'\nset yrange [-0.05:1.05]\n"
                            "set title '%s: success vs over-realization (float64)'\nplot ",
                            id);
    for (ip = 0; ip < np && off < sizeof sc; ip++)
        off += (size_t) snprintf(sc + off, sizeof sc - off,
                                 "%s'%s-over.dat' u 1:%d w lp pt 7 lc %d t 'p=%.2f', "
                                 "%.6g w l dt 2 lc %d t 'p=%.2f: level at %ldx (bound "
                                 "for %ldx)'", ip ? ", " : "", id, 2 + ip, ip + 1,
                                 pols100[ip] / 100.0, succ[ip][0] / norm, ip + 1,
                                 pols100[ip] / 100.0, overs[0], overs[no - 1]);
    if (off < sizeof sc)
        (void) tsa_claim_plot(dir, id, "-over.png", "png size 800,500", sc);
}

int
tsa_claim_check_ss_empirical(tsa_claim_result_t r, const json_t *params,
                             const char *file, slong prec)
{
    tsa_train_config base;
    long overs[8], pols100[8], seeds;
    int no, np, io, ip, st, measure;
    const char *ms, *dir = tsa_claim_plot_dir(r);
    double rho_lo, rho_hi, frac, thr;
    const json_t *v;
    char ev[4096], ins[512], path[2048];
    size_t off = 0, m = 0;
    /* totals for the conclusions */
    long lo_n = 0, lo_viol = 0, runs = 0, diverged = 0;
    double strong_t = 0, weak_t = 0, fsum[64] = {0}, fcnt[64] = {0};
    long strong_n = 0, weak_n = 0;
    double succ[8][8], succ_j[64][64];
    FILE *fl = NULL, *fs = NULL;
    tsa_io_out_t ol, os;
    (void) prec;
    v = json_object_get(params, "measure");
    ms = json_is_string(v) ? json_string_value(v) : "";
    measure = strcmp(ms, "lshape") == 0 ? 0 : strcmp(ms, "strong_first") == 0 ? 1
              : strcmp(ms, "over") == 0 ? 2 : -1;
    if (measure < 0)
        return TSA_ERROR(TSA_EFORMAT, "%s: params.measure: \"lshape\", \"strong_first\" "
                         "or \"over\"", file);
    if ((st = set_cfg(&base, json_object_get(params, "train"), file)) != TSA_SUCCESS)
        return st;
    snprintf(path, sizeof path, "%s: params.overs", file);
    if ((st = int_list(overs, &no, json_object_get(params, "overs"),
                       (long) base.over, 1, 100,
                       path)) != TSA_SUCCESS)
        return st;
    snprintf(path, sizeof path, "%s: params.polarity_x100", file);
    if ((st = int_list(pols100, &np, json_object_get(params, "polarity_x100"),
                       (long) (100 * base.polarity), 0, 1000, path)) != TSA_SUCCESS)
        return st;
    for (io = 0; io < no; io++)
        if (overs[io] < 1 || overs[io] > 100)
            return TSA_ERROR(TSA_EFORMAT, "%s: params.overs[%d]: %ld not in 1 .. 100", file,
                             io, overs[io]);
    v = json_object_get(params, "seeds");
    if (v != NULL && !json_is_integer(v))
        return TSA_ERROR(TSA_EFORMAT, "%s: params.seeds: an integer 1 .. 64", file);
    seeds = v != NULL ? (long) json_integer_value(v) : 2;
    if (seeds < 1 || seeds > 64)
        return TSA_ERROR(TSA_EFORMAT, "%s: params.seeds: %ld not in 1 .. 64", file, seeds);
    if ((st = tsa_ss_param_num(&rho_lo, params, "rho_lo", 0.8, -1.0, 1.0, file))
        || (st = tsa_ss_param_num(&rho_hi, params, "rho_hi", 0.95, -1.0, 1.0, file))
        || (st = tsa_ss_param_num(&frac, params, "frac", 0.5, 0.0, 1e300, file)))
        return st;
    thr = base.success_rho;
    /* work estimate before any training: every (polarity, over, seed) run */
    {
        double work = 0.0;
        for (ip = 0; ip < np; ip++)
            for (io = 0; io < no; io++)
            {
                tsa_train_config cfg = base;
                cfg.over = (size_t) overs[io];
                work += (double) seeds * tsa_claim_train_work(&cfg);
            }
        if (work > TSA_CLAIM_WORK_MAX)
            return TSA_ERROR(TSA_EFORMAT, "%s: params.train: work estimate %.3g of "
                             "seeds x overs x polarities x training exceeds %.0e", file,
                             work, TSA_CLAIM_WORK_MAX);
    }
    /* no id (a direct call): no files */
    if (r->id == NULL || !tsa_io_is_id(r->id))
        dir = NULL;
    if (dir != NULL && measure == 0 && tsa_claim_dat_open(&ol, dir, r->id, "-lshape.dat"))
    {
        fl = ol.f;
        fprintf(fl, "# best rho_k (max over teachers), |v_k|, over-realization, the "
                "run's bound frac x median |v| of its specialised students (nan: none)\n");
    }
    if (dir != NULL && measure != 0 && tsa_claim_dat_open(&os, dir, r->id, "-success.dat"))
    {
        fs = os.f;
        fprintf(fs, "# teacher index j, then success rate per (polarity, over) block\n");
    }
    memset(succ, 0, sizeof succ);
    memset(succ_j, 0, sizeof succ_j);
    for (ip = 0; ip < np; ip++)
        for (io = 0; io < no; io++)
        {
            long s;
            for (s = 0; s < seeds; s++)
            {
                tsa_train_config cfg = base;
                tsa_train_state *sts;
                size_t j, k, c, n, C, h;
                double *bestk;
                cfg.over = (size_t) overs[io];
                cfg.polarity = (double) pols100[ip] / 100.0;
                cfg.seed = base.seed + (uint64_t) s;
                tsa_train_config_resolve(&cfg);
                if (tsa_train_state_alloc(&sts, &cfg) != TSA_SUCCESS)
                {
                    char msg[512];
                    snprintf(msg, sizeof msg, "%s", tsa_error_last());
                    if (fl)
                        tsa_io_out_abort(&ol);
                    if (fs)
                        tsa_io_out_abort(&os);
                    return TSA_ERROR(TSA_EFORMAT, "%s: params.train: %s", file, msg);
                }
                tsa_train_state_set(sts);
                st = TSA_SUCCESS;
                while (tsa_train_test_steps(sts) != TSA_SUCCESS && st == TSA_SUCCESS)
                {
                    size_t le = cfg.log_every ? cfg.log_every
                                              : (cfg.steps / 50 ? cfg.steps / 50 : 1);
                    if (sts->step % le == 0)
                        st = tsa_train_state_log(sts);
                    if (st == TSA_SUCCESS)
                        st = tsa_train_state_iterate(sts);
                }
                runs++;
                if (st != TSA_SUCCESS || tsa_train_state_log(sts) != TSA_SUCCESS)
                {
                    diverged++;
                    tsa_train_state_free(sts);
                    continue;
                }
                m = sts->teacher->size[1];
                n = sts->student->size[1];
                C = sts->student->size[2];
                bestk = calloc(n, sizeof(double));
                double *rowb = calloc(n, sizeof(double)), *rowv = calloc(n, sizeof(double));
                for (k = 0; k < n; k++)
                {
                    double b = -1.0, fo = 0.0;
                    for (j = 0; j < m; j++)
                        b = fmax(b, gsl_matrix_get(sts->rho[0], j, k));
                    for (c = 0; c < C; c++)
                    {
                        double x = sts->student->param[sts->student->off_W[1] + c * n + k];
                        fo += x * x;
                    }
                    bestk[k] = sqrt(fo);
                    if (rowb && rowv)
                    {
                        rowb[k] = b;
                        rowv[k] = sqrt(fo);
                    }
                    if (b < rho_lo)
                        bestk[k] = -bestk[k] - 1.0; /* mark unspecialised */
                    else if (b < rho_hi)
                        bestk[k] = NAN;
                }
                /* L-shape: unspecialised |v_k| <= frac x median |v| of the
                   specialised ones of this run */
                {
                    double *sp = malloc(sizeof(double) * n), med;
                    size_t ns = 0;
                    for (k = 0; k < n; k++)
                        if (isfinite(bestk[k]) && bestk[k] >= 0)
                            sp[ns++] = bestk[k];
                    med = NAN;
                    if (ns > 0)
                    {
                        qsort(sp, ns, sizeof(double), cmp_d);
                        med = sp[ns / 2];
                        for (k = 0; k < n; k++)
                            if (isfinite(bestk[k]) && bestk[k] < 0)
                            {
                                lo_n++;
                                if (-bestk[k] - 1.0 > frac * med)
                                    lo_viol++;
                            }
                    }
                    free(sp);
                    /* the rows with the bound that decides them */
                    for (k = 0; fl && rowb && rowv && k < n; k++)
                        fprintf(fl, "%.6g %.6g %ld %.6g\n", rowb[k], rowv[k], overs[io],
                                frac * med);
                }
                free(bestk);
                free(rowb);
                free(rowv);
                /* per-teacher success and first specialisation step */
                for (j = 0; j < m && j < 64; j++)
                {
                    double bmax = -1.0, first = (double) cfg.steps + 1.0;
                    for (k = 0; k < n; k++)
                        bmax = fmax(bmax, gsl_matrix_get(sts->rho[0], j, k));
                    succ[ip][io] += bmax > thr;
                    succ_j[ip * no + io < 64 ? ip * no + io : 63][j] += bmax > thr;
                    for (h = 0; h < sts->nhist; h++)
                    {
                        double bb = -1.0;
                        for (k = 0; k < n; k++)
                            bb = fmax(bb, sts->rho_hist[h][j * n + k]);
                        if (bb > thr)
                        {
                            first = (double) sts->hist[h].step;
                            break;
                        }
                    }
                    fsum[j] += first;
                    fcnt[j] += 1;
                    if (2 * j < m)
                    {
                        strong_t += first;
                        strong_n++;
                    }
                    else if (2 * j + 1 > m)
                    {
                        weak_t += first;
                        weak_n++;
                    }
                }
                tsa_train_state_free(sts);
            }
        }
    if (fl && !tsa_claim_dat_commit(&ol))
        dir = NULL; /* no data: no plot */
    if (fs)
    {
        size_t j;
        for (j = 0; j < m && j < 64; j++)
        {
            fprintf(fs, "%zu", j);
            for (ip = 0; ip < np; ip++)
                for (io = 0; io < no; io++)
                    fprintf(fs, " %.4g", succ_j[ip * no + io][j] / (double) seeds);
            fprintf(fs, "\n");
        }
        if (!tsa_claim_dat_commit(&os))
            dir = NULL;
    }
    snprintf(ins, sizeof ins, "preset %s, d = %zu, m = %zu, C = %zu, %s data, %zu steps of "
             "lr %g, %ld seeds; overs:", base.preset, base.d, base.teacher_h[0], base.outputs,
             base.n_train ? "finite" : "online", base.steps, base.lr, seeds);
    for (io = 0; io < no; io++)
        snprintf(ins + strlen(ins), sizeof ins - strlen(ins), " %ldx", overs[io]);
    snprintf(ins + strlen(ins), sizeof ins - strlen(ins), "; p:");
    for (ip = 0; ip < np; ip++)
        snprintf(ins + strlen(ins), sizeof ins - strlen(ins), " %.2f", pols100[ip] / 100.0);
    r->instance = strdup(ins);
    r->method = strdup("Measured (numerical): float64 SGD/GD training runs "
                       "(tsa_train, deterministic per seed); rho_jk = Pearson correlation "
                       "of teacher j and student k activations on the evaluation set (SS "
                       "eq. 9); teacher j is specialised when max_k rho_jk > success_rho. "
                       "Thresholds are parameters of the claim file.");
    {
        char e2[256];
        snprintf(e2, sizeof e2, "%ld runs, %ld diverged or failed", runs, diverged);
        tsa_claim_add_hyp(r, "every training run completed (numerical)",
                          diverged == 0 ? TSA_TRUE : TSA_UNDECIDED, e2);
    }
    /* the table */
    off = (size_t) snprintf(ev, sizeof ev, "success rate (teachers with max_k rho > %.2f):", thr);
    for (ip = 0; ip < np; ip++)
        for (io = 0; io < no; io++)
        {
            double rate = succ[ip][io] / (double) (seeds * (long) (m ? m : 1));
            char key[64];
            if (off < sizeof ev)
                off += (size_t) snprintf(ev + off, sizeof ev - off, " [p=%.2f, %ldx] %.3f",
                                         pols100[ip] / 100.0, overs[io], rate);
            snprintf(key, sizeof key, "success_p%ld_over%ld", pols100[ip], overs[io]);
            json_object_set_new(r->data, key, json_real(rate));
        }
    if (measure == 0)
    {
        char e2[4600];
        tsa_truth_t t = lo_n == 0 ? TSA_UNDECIDED
                        : (double) lo_viol <= 0.1 * (double) lo_n ? TSA_TRUE : TSA_FALSE;
        snprintf(e2, sizeof e2, "%ld unspecialised students (best rho < %.2f); %ld of them "
                 "have |v_k| > %.2f x the median |v| of the specialised students (rho > "
                 "%.2f) of their run (allowed: 10%%). %s", lo_n, rho_lo, lo_viol, frac,
                 rho_hi, ev);
        if (lo_n == 0)
            snprintf(e2 + strlen(e2), sizeof e2 - strlen(e2),
                     " No unspecialised student: nothing to measure.");
        tsa_claim_set_concl(r, "unspecialised students end with small fan-out |v_k| "
                            "(L-shaped scatter, SS Fig. 5 / Thm 2)", t, e2);
        if (dir && fl)
        {
            /* r->id is a safe identifier: no quoting needed */
            char sc[2048];
            snprintf(sc, sizeof sc, "set xlabel 'best correlation max_j rho_jk'\n"
                     "set ylabel '|v_k|'\n"
                     "set title '%s: fan-out norm vs specialisation (float64)'\n"
                     "set arrow 1 from %.6g, graph 0 to %.6g, graph 1 nohead dt 2\n"
                     "set label 1 'rho_lo = %.6g' at %.6g, graph 0.95 right\n"
                     "set arrow 2 from %.6g, graph 0 to %.6g, graph 1 nohead dt 3\n"
                     "set label 2 'rho_hi = %.6g' at %.6g, graph 0.9 left\n"
                     "plot '%s-lshape.dat' u 1:2:3 w p pt 7 ps 0.6 palette t 'student k', "
                     "'' u ($1 < %.6g ? $1 : 1/0):4 w p pt 1 ps 1 lc rgb 'red' "
                     "t 'bound for rho < rho_lo: %.6g x median |v| (specialised, same run)'",
                     r->id, rho_lo, rho_lo, rho_lo, rho_lo, rho_hi, rho_hi, rho_hi, rho_hi,
                     r->id, rho_lo, frac);
            (void) tsa_claim_plot(dir, r->id, "-lshape.png", "png size 800,500", sc);
        }
        json_object_set_new(r->data, "unspecialised", json_integer(lo_n));
        json_object_set_new(r->data, "violations", json_integer(lo_viol));
    }
    else if (measure == 1)
    {
        char e2[4600];
        double ms_ = strong_n ? strong_t / (double) strong_n : 0.0,
               mw = weak_n ? weak_t / (double) weak_n : 0.0;
        snprintf(e2, sizeof e2, "mean first step with max_k rho_jk > %.2f (never: steps + "
                 "1): strongest half of the teachers %.1f, weakest half %.1f. %s", thr,
                 ms_, mw, ev);
        tsa_claim_set_concl(r, "strong teacher nodes (small j, large |v*_j|) specialise "
                            "first (SS Fig. 8)", ms_ <= mw ? TSA_TRUE : TSA_FALSE, e2);
        if (dir)
            plot_first(dir, r->id, fsum, fcnt, m, ms_, mw);
        json_object_set_new(r->data, "first_step_strong", json_real(ms_));
        json_object_set_new(r->data, "first_step_weak", json_real(mw));
    }
    else
    {
        /* success non-decreasing from the smallest to the largest
           over-realization, for every polarity */
        int ok = 1;
        for (ip = 0; ip < np; ip++)
            ok &= succ[ip][no - 1] >= succ[ip][0];
        if (dir)
            plot_over(dir, r->id, succ, overs, no, pols100, np,
                      (double) (seeds * (long) (m ? m : 1)));
        tsa_claim_set_concl(r, "more over-realization explains more teacher nodes "
                            "(success at the largest over >= at the smallest, SS Fig. 7)",
                            ok ? TSA_TRUE : TSA_FALSE, ev);
    }
    if (dir && fs)
    {
        /* at most 64 series of bounded length: no truncation in 16 KiB */
        char sc[16384];
        size_t o = (size_t) snprintf(sc, sizeof sc, "set xlabel 'teacher index j (0 = strongest)'\n"
                                     "set ylabel 'success rate'\nset yrange [-0.05:1.05]\n"
                                     "set title '%s (float64)'\nplot ", r->id);
        for (ip = 0; ip < np; ip++)
            for (io = 0; io < no && o < sizeof sc; io++)
                o += (size_t) snprintf(sc + o, sizeof sc - o, "%s'%s-success.dat' u 1:%d w lp "
                                       "t 'p=%.2f %ldx'", (ip || io) ? ", " : "", r->id,
                                       2 + ip * no + io, pols100[ip] / 100.0, overs[io]);
        if (o < sizeof sc)
            (void) tsa_claim_plot(dir, r->id, "-success.png", "png size 800,500", sc);
    }
    if (dir && (fl || fs))
    {
        const char *tag = measure == 0 ? "lshape" : measure == 1 ? "first" : "over";
        size_t n = strlen(r->method) + 2 * strlen(r->id) + 128;
        char *m2 = malloc(n);
        if (m2 != NULL)
        {
            snprintf(m2, n, "%s Data: %s-%s.dat (plot %s-%s.png when gnuplot is present).",
                     r->method, r->id, tag, r->id, tag);
            free(r->method);
            r->method = m2;
        }
    }
    return TSA_SUCCESS;
}
