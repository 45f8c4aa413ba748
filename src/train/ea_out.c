/* ea_out.c -- the tables of an early-alignment sweep: CSV (one row per
 * run), JSON (tsalign-ea-sweep 1.0), Markdown, and gnuplot plots
 * (tsa_ea.h).  Files are whole or absent (tsa_path.h). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "tsa_path.h"
#include "tsa_plot.h"
#include "tsa_ea.h"

/* A growing text buffer; on allocation failure it stays NULL. */
typedef struct
{
    char *s;
    size_t len, cap;
} buf_t;

static void
bprintf(buf_t *b, const char *fmt, ...) TSA_PRINTF(2, 3);

static void
bprintf(buf_t *b, const char *fmt, ...)
{
    va_list ap;
    int k;
    if (b->s == NULL && b->cap != 0)
        return; /* failed before */
    for (;;)
    {
        size_t room = b->cap - b->len;
        va_start(ap, fmt);
        k = vsnprintf(b->s == NULL ? NULL : b->s + b->len, room, fmt, ap);
        va_end(ap);
        if (k < 0)
            return;
        if ((size_t) k < room)
        {
            b->len += (size_t) k;
            return;
        }
        {
            size_t ncap = (b->cap + (size_t) k + 1) * 2;
            char *t = realloc(b->s, ncap);
            if (t == NULL)
            {
                free(b->s);
                b->s = NULL;
                b->cap = 1;
                return;
            }
            b->s = t;
            b->cap = ncap;
        }
    }
}

static const tsa_ea_result *
run_at(const tsa_ea_sweep *S, size_t a, size_t b, size_t c, size_t s)
{
    return S->runs + ((a * S->o.nwidth + b) * S->o.nlr + c) * S->o.seeds + s;
}

static const tsa_ea_cell *
cell_at(const tsa_ea_sweep *S, size_t a, size_t b, size_t c)
{
    return S->cells + (a * S->o.nwidth + b) * S->o.nlr + c;
}

/* index of the smallest lr (the reference for the step-size table) */
static size_t
lr_ref(const tsa_ea_sweep *S)
{
    size_t c, best = 0;
    for (c = 1; c < S->o.nlr; c++)
        if (S->o.lr[c] < S->o.lr[best])
            best = c;
    return best;
}

static char *
csv_text(const tsa_ea_sweep *S)
{
    buf_t b = {NULL, 0, 0};
    size_t a, w, c, s;
    bprintf(&b, "lambda,m,lr,seed,steps,loss0,loss,interpolates,diverged,t_escape,"
                "align_med,align_max,settle_med,settle_max,active,active_pos,clusters,"
                "cluster1_u0,cluster1_u1,cluster1_weight,flips,flip_neurons,balance_drift\n");
    for (a = 0; a < S->o.nlambda; a++)
        for (w = 0; w < S->o.nwidth; w++)
            for (c = 0; c < S->o.nlr; c++)
                for (s = 0; s < S->o.seeds; s++)
                {
                    const tsa_ea_result *r = run_at(S, a, w, c, s);
                    bprintf(&b, "%.17g,%zu,%.17g,%llu,%zu,%.17g,%.17g,%d,%d,%.17g,%.17g,"
                                "%.17g,%.17g,%.17g,%zu,%zu,%zu,%.6f,%.6f,%.6f,%zu,%zu,%.6g\n",
                            S->o.lambda[a], S->o.width[w], S->o.lr[c],
                            (unsigned long long) (S->o.seed0 + s), r->steps_done, r->loss0,
                            r->loss, r->interpolates, r->diverged, r->t_escape, r->align_med,
                            r->align_max, r->settle_med, r->settle_max, r->active,
                            r->active_pos, r->nclusters, r->nclusters ? r->cl_dir[0][0] : 0.0,
                            r->nclusters ? r->cl_dir[0][1] : 0.0,
                            r->nclusters ? r->cl_weight[0] : 0.0, r->flips, r->flip_neurons,
                            r->balance_drift);
                }
    return b.s;
}

static json_t *
jnum(double x) /* NaN and infinities as null */
{
    return isfinite(x) ? json_real(x) : json_null();
}

static json_t *
jhex(double x)
{
    char h[64];
    snprintf(h, sizeof h, "%a", x);
    return json_string(h);
}

static json_t *
json_options(const tsa_ea_sweep *S, const tsa_ea_data *D)
{
    json_t *o = json_object(), *l = json_array(), *lh = json_array(), *w = json_array(),
           *r = json_array(), *rh = json_array(), *X = json_array(), *y = json_array();
    size_t i, k;
    for (i = 0; i < S->o.nlambda; i++)
    {
        json_array_append_new(l, json_real(S->o.lambda[i]));
        json_array_append_new(lh, jhex(S->o.lambda[i]));
    }
    for (i = 0; i < S->o.nwidth; i++)
        json_array_append_new(w, json_integer((json_int_t) S->o.width[i]));
    for (i = 0; i < S->o.nlr; i++)
    {
        json_array_append_new(r, json_real(S->o.lr[i]));
        json_array_append_new(rh, jhex(S->o.lr[i]));
    }
    for (k = 0; k < D->n && k < 1000; k++)
    {
        json_t *row = json_array();
        for (i = 0; i < D->d; i++)
            json_array_append_new(row, jhex(D->X[k * (D->d + 1) + i]));
        json_array_append_new(X, row);
        json_array_append_new(y, jhex(D->y[k]));
    }
    json_object_set_new(o, "lambdas", l);
    json_object_set_new(o, "lambdas_hex", lh);
    json_object_set_new(o, "widths", w);
    json_object_set_new(o, "lrs", r);
    json_object_set_new(o, "lrs_hex", rh);
    json_object_set_new(o, "seeds", json_integer((json_int_t) S->o.seeds));
    json_object_set_new(o, "seed0", json_integer((json_int_t) S->o.seed0));
    json_object_set_new(o, "time", json_real(S->o.T));
    json_object_set_new(o, "escape_frac", json_real(S->o.base.escape_frac));
    json_object_set_new(o, "settle_tol", json_real(S->o.base.settle_tol));
    json_object_set_new(o, "active_frac", json_real(S->o.base.active_frac));
    json_object_set_new(o, "cluster_tol", json_real(S->o.base.cluster_tol));
    json_object_set_new(o, "interp_tol", json_real(S->o.base.interp_tol));
    json_object_set_new(o, "fit_lambda_max", json_real(S->o.fit_lambda_max));
    json_object_set_new(o, "n", json_integer((json_int_t) D->n));
    json_object_set_new(o, "d", json_integer((json_int_t) D->d));
    json_object_set_new(o, "x_hex", X);
    json_object_set_new(o, "y_hex", y);
    if (D->n > 1000)
        json_object_set_new(o, "data_truncated", json_true());
    return o;
}

static json_t *
json_cell(const tsa_ea_cell *c)
{
    json_t *j = json_object();
    json_object_set_new(j, "lambda", json_real(c->lambda));
    json_object_set_new(j, "m", json_integer((json_int_t) c->m));
    json_object_set_new(j, "lr", json_real(c->lr));
    json_object_set_new(j, "runs", json_integer((json_int_t) c->runs));
    json_object_set_new(j, "escaped", json_integer((json_int_t) c->escaped));
    json_object_set_new(j, "interpolating", json_integer((json_int_t) c->interp));
    json_object_set_new(j, "diverged", json_integer((json_int_t) c->diverged));
    json_object_set_new(j, "flips", json_integer((json_int_t) c->flips));
    json_object_set_new(j, "runs_flipped", json_integer((json_int_t) c->runs_flipped));
    json_object_set_new(j, "t_escape_median", jnum(c->t_esc_med));
    json_object_set_new(j, "align_median", jnum(c->align_med));
    json_object_set_new(j, "align_max", jnum(c->align_max));
    json_object_set_new(j, "align_over_escape_max", jnum(c->frac_align_max));
    json_object_set_new(j, "settle_median", jnum(c->settle_med));
    json_object_set_new(j, "loss_median", jnum(c->loss_med));
    json_object_set_new(j, "loss_min", jnum(c->loss_min));
    json_object_set_new(j, "loss_max", jnum(c->loss_max));
    json_object_set_new(j, "clusters_median", jnum(c->clusters_med));
    json_object_set_new(j, "active_median", jnum(c->active_med));
    json_object_set_new(j, "balance_drift_max", jnum(c->drift_max));
    return j;
}

static char *
json_text(const tsa_ea_sweep *S, const tsa_ea_data *D)
{
    json_t *root = json_object(), *cells = json_array(), *fits = json_array();
    double dir[2];
    size_t i;
    char *t;
    for (i = 0; i < S->ncells; i++)
        json_array_append_new(cells, json_cell(S->cells + i));
    for (i = 0; i < S->o.nlr; i++)
    {
        json_t *f = json_object();
        json_object_set_new(f, "lr", json_real(S->o.lr[i]));
        json_object_set_new(f, "slope", jnum(S->slope[i]));
        json_object_set_new(f, "intercept", jnum(S->icept[i]));
        json_object_set_new(f, "points", json_integer((json_int_t) S->fit_points[i]));
        json_array_append_new(fits, f);
    }
    (void) tsa_ea_key_direction(dir, D);
    json_object_set_new(root, "format", json_string("tsalign-ea-sweep"));
    json_object_set_new(root, "format_version", json_string("1.0"));
    json_object_set_new(root, "options", json_options(S, D));
    json_object_set_new(root, "G_star", jnum(S->G_star));
    json_object_set_new(root, "predicted_slope", jnum(1.0 / S->G_star));
    json_object_set_new(root, "key_direction", json_pack("[oo]", jnum(dir[0]), jnum(dir[1])));
    json_object_set_new(root, "affine_fit_loss", jnum(S->lin_loss));
    json_object_set_new(root, "escape_fits", fits);
    json_object_set_new(root, "cells", cells);
    t = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17));
    json_decref(root);
    return t;
}

/* Markdown: the cells at the smallest lr, the fits, the step-size table */
int
tsa_ea_sweep_markdown(char **text, const tsa_ea_sweep *S)
{
    buf_t b = {NULL, 0, 0};
    size_t a, w, c, s, cr = lr_ref(S);
    bprintf(&b, "Cells at lr = %g (flow time T = %g; medians over the runs that "
                "escaped, times in units of t = step x lr):\n\n"
                "| lambda | m | runs | escaped | t_esc | A med | A max | max A/t_esc | "
                "S med | clusters | final loss med [min, max] | interpolating | flips |\n"
                "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n",
            S->o.lr[cr], S->o.T);
    for (a = 0; a < S->o.nlambda; a++)
        for (w = 0; w < S->o.nwidth; w++)
        {
            const tsa_ea_cell *e = cell_at(S, a, w, cr);
            char fr[32];
            if (e->frac_align_max >= 0.0)
                snprintf(fr, sizeof fr, "%.2g", e->frac_align_max);
            else
                snprintf(fr, sizeof fr, "-");
            bprintf(&b, "| %g | %zu | %zu | %zu | %.3g | %.3g | %.3g | %s | %.3g | %.3g | "
                        "%.4g [%.3g, %.3g] | %zu | %zu |\n",
                    e->lambda, e->m, e->runs, e->escaped, e->t_esc_med, e->align_med,
                    e->align_max, fr, e->settle_med, e->clusters_med,
                    e->loss_med, e->loss_min, e->loss_max, e->interp, e->flips);
        }
    bprintf(&b, "\nEscape time against log(1/lambda) (least squares over the escaped runs "
                "with lambda <= %g; predicted slope 1/G* = %.4g):\n\n"
                "| lr | slope | intercept | points |\n|---|---|---|---|\n",
            S->o.fit_lambda_max, 1.0 / S->G_star);
    for (c = 0; c < S->o.nlr; c++)
        bprintf(&b, "| %g | %.4g | %.4g | %zu |\n", S->o.lr[c], S->slope[c], S->icept[c],
                S->fit_points[c]);
    bprintf(&b, "\nStep size (every run paired with the run of the same lambda, m and seed at "
                "lr = %g):\n\n| lr | runs | runs with flips | flips | max balance drift | "
                "max abs t_esc diff | escaped differs | interpolates differs | max loss diff |\n"
                "|---|---|---|---|---|---|---|---|---|\n", S->o.lr[cr]);
    for (c = 0; c < S->o.nlr; c++)
    {
        size_t runs = 0, rf = 0, fl = 0, de = 0, di = 0;
        double dt = 0.0, dl = 0.0, dr = 0.0;
        for (a = 0; a < S->o.nlambda; a++)
            for (w = 0; w < S->o.nwidth; w++)
                for (s = 0; s < S->o.seeds; s++)
                {
                    const tsa_ea_result *r = run_at(S, a, w, c, s), *q = run_at(S, a, w, cr, s);
                    runs++;
                    rf += r->flips > 0;
                    fl += r->flips;
                    dr = fmax(dr, r->balance_drift);
                    de += (r->escape_step >= 0) != (q->escape_step >= 0);
                    di += r->interpolates != q->interpolates;
                    if (r->escape_step >= 0 && q->escape_step >= 0)
                        dt = fmax(dt, fabs(r->t_escape - q->t_escape));
                    dl = fmax(dl, fabs(r->loss - q->loss));
                }
        bprintf(&b, "| %g | %zu | %zu | %zu | %.3g | %.3g | %zu | %zu | %.3g |\n", S->o.lr[c],
                runs, rf, fl, dr, dt, de, di, dl);
    }
    if (b.s == NULL)
        return TSA_ERROR(TSA_ENOMEM, "ea: out of memory (tables)");
    *text = b.s;
    return TSA_SUCCESS;
}

/* <name>-cells.dat: one block per width (gnuplot index) at the smallest
 * lr: log(1/lambda) lambda t_esc_med loss_med interp_fraction */
static int
write_dat(const tsa_ea_sweep *S, const char *dir, const char *name)
{
    tsa_io_out_t o;
    char *path = NULL;
    size_t a, w, cr = lr_ref(S);
    int st = tsa_io_path_join(&path, dir, name, "-cells.dat", "ea sweep: data file");
    if (st == TSA_SUCCESS)
        st = tsa_io_out_open(&o, path);
    free(path);
    if (st != TSA_SUCCESS)
        return st;
    for (w = 0; w < S->o.nwidth; w++)
    {
        fprintf(o.f, "# m = %zu, lr = %g\n", S->o.width[w], S->o.lr[cr]);
        for (a = 0; a < S->o.nlambda; a++)
        {
            const tsa_ea_cell *e = cell_at(S, a, w, cr);
            fprintf(o.f, "%.17g %.17g %.17g %.17g %.6g\n", log(1.0 / e->lambda), e->lambda,
                    isfinite(e->t_esc_med) ? e->t_esc_med : NAN, e->loss_med,
                    (double) e->interp / (double) e->runs);
        }
        fprintf(o.f, "\n\n");
    }
    return tsa_io_out_commit(&o);
}

static void
plots(const tsa_ea_sweep *S, const char *dir, const char *name)
{
    buf_t b = {NULL, 0, 0};
    char png[TSA_IO_NAME_MAX + 1];
    size_t w, cr = lr_ref(S);
    /* escape time against log(1/lambda), one line per m, and the fit */
    bprintf(&b, "set datafile missing 'nan'; set key left top; set grid;\n"
                "set xlabel 'log(1/lambda)'; set ylabel 'escape time t_esc';\n"
                "set title 'near-zero phase, lr = %g';\nplot ", S->o.lr[cr]);
    for (w = 0; w < S->o.nwidth; w++)
        bprintf(&b, "'%s-cells.dat' index %zu using 1:3 with linespoints title 'm = %zu', ",
                name, w, S->o.width[w]);
    if (isfinite(S->slope[cr]))
        bprintf(&b, "%.17g * x + %.17g with lines dt 2 title 'fit: slope %.3g'",
                S->slope[cr], S->icept[cr], S->slope[cr]);
    else
        bprintf(&b, "NaN notitle");
    snprintf(png, sizeof png, "%s-escape.png", name);
    if (b.s != NULL)
        (void) tsa_plot_png(dir, png, "png size 800,500", b.s);
    free(b.s);
    b.s = NULL;
    b.len = b.cap = 0;
    bprintf(&b, "set datafile missing 'nan'; set key left top; set grid; set logscale xy;\n"
                "set xlabel 'lambda'; set ylabel 'final loss (median)';\n"
                "set title 'final loss, lr = %g';\nplot ", S->o.lr[cr]);
    for (w = 0; w < S->o.nwidth; w++)
        bprintf(&b, "%s'%s-cells.dat' index %zu using 2:($4 > 1e-30 ? $4 : 1e-30) "
                    "with linespoints title 'm = %zu'", w ? ", " : "", name, w,
                S->o.width[w]);
    snprintf(png, sizeof png, "%s-loss.png", name);
    if (b.s != NULL)
        (void) tsa_plot_png(dir, png, "png size 800,500", b.s);
    free(b.s);
}

int
tsa_ea_sweep_write(const tsa_ea_sweep *S, const tsa_ea_data *D, const char *dir,
                   const char *name, int want_plots)
{
    char *csv = NULL, *js = NULL, *pc = NULL, *pj = NULL;
    const char *paths[2], *texts[2];
    int st;
    if ((st = tsa_io_check_id(name, "ea sweep: --name")) != TSA_SUCCESS)
        return st;
    if ((st = tsa_io_path_join(&pc, dir, name, ".csv", "ea sweep: output")) != TSA_SUCCESS
        || (st = tsa_io_path_join(&pj, dir, name, ".json", "ea sweep: output")) != TSA_SUCCESS)
    {
        free(pc);
        return st;
    }
    csv = csv_text(S);
    js = json_text(S, D);
    if (csv == NULL || js == NULL)
        st = TSA_ERROR(TSA_ENOMEM, "ea sweep: out of memory (output)");
    else
    {
        paths[0] = pc, paths[1] = pj, texts[0] = csv, texts[1] = js;
        st = tsa_io_write_atomic_group(paths, texts, 2);
    }
    if (st == TSA_SUCCESS && want_plots)
    {
        st = write_dat(S, dir, name);
        if (st == TSA_SUCCESS)
            plots(S, dir, name);
    }
    free(csv);
    free(js);
    free(pc);
    free(pj);
    return st;
}
