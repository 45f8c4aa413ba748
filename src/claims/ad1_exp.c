/* ad1_exp.c -- checker ad1_gd: AD-1 by experiment (issue 12 item 4,
 * docs/ad-alignment.md s. 10).
 *
 * Population gradient descent on the single-teacher loss
 *   J(W) = 1/2 sum_ij P_i P_j F(t_ij) - sum_i P_i F(t_iv) + F(0)/2,
 * P_i = |w_i|^p, v = e_1 (|v| = 1, no loss of generality by rotation
 * invariance), in float64 with the closed-form F and G (tsa_ad_F_d,
 * tsa_ad_G_d) and the gradient of docs s. 2:
 *   grad_i J = sum_{j != i} P_j r_i^{p-1} (p F(t_ij) e_i + G(t_ij) (e_j - cos t_ij e_i))
 *              + p F(0) r_i^{2p-2} w_i - r_i^{p-1} (p F(t_iv) e_i + G(t_iv) (v - cos t_iv e_i)).
 * From random starts (small: entries N(0, 1) 1e-3 / sqrt d; standard:
 * N(0, 1/d)), for every (family, n, d), the endpoint is classified:
 * aligned when every student with P_i > tol has angle < tol to v and
 * |sum P_i - 1| < tol; near-aligned when not aligned but J < loss_tol
 * (J = 0 only on the aligned set, and the aligned minimum is degenerate, so
 * GD approaches it slowly); otherwise not aligned, reported with its loss,
 * gradient norm and largest angle.  Everything here is numerical (float64, no error
 * bounds): the conclusion is true when every endpoint is aligned or
 * near-aligned, and undecided otherwise (a non-aligned endpoint is not certified here; the
 * certification machinery covers only ReLU teachers with several units). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_ad.h"
#include "tsa_io.h"
#include "tsa_strbuf.h"
#include "tsa_claims.h"

#include "ad1_impl.h"

typedef struct
{
    long nmin, nmax, dmin, dmax, runs, steps;
    double lr, tol, loss_tol;
    uint64_t seed;
    int small, standard;
} gd_opt_t;

/* splitmix64 and Box-Muller: a fixed, portable stream per seed */
uint64_t
tsa_ad1_rng_next(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

double
tsa_ad1_rng_gauss(uint64_t *s)
{
    double u = ((double) (tsa_ad1_rng_next(s) >> 11) + 0.5) * 0x1p-53;
    double w = ((double) (tsa_ad1_rng_next(s) >> 11) + 0.5) * 0x1p-53;
    return sqrt(-2.0 * log(u)) * cos(2.0 * M_PI * w);
}

double
tsa_ad1_dot(const double *a, const double *b, long d)
{
    double s = 0.0;
    long k;
    for (k = 0; k < d; k++)
        s += a[k] * b[k];
    return s;
}

/* angle between unit vectors, accurate near 0 and pi */
double
tsa_ad1_angle(const double *e, const double *u, long d)
{
    double s = 0.0, t = 0.0;
    long k;
    for (k = 0; k < d; k++)
    {
        s += (e[k] - u[k]) * (e[k] - u[k]);
        t += (e[k] + u[k]) * (e[k] + u[k]);
    }
    return 2.0 * atan2(sqrt(s), sqrt(t));
}

/* J and its gradient at W (n x d, row-major); returns J */
double
tsa_ad1_loss_grad(double *g, const double *W, long n, long d, const gd_fam_t *f)
{
    double r[GD_NMAX], P[GD_NMAX], E[GD_NMAX * GD_DMAX], v[GD_DMAX];
    double F0 = tsa_ad_F_d(0.0, f->act, f->c), J = 0.5 * F0;
    long i, j, k;
    memset(v, 0, sizeof v);
    v[0] = 1.0;
    for (i = 0; i < n; i++)
    {
        r[i] = sqrt(tsa_ad1_dot(W + i * d, W + i * d, d));
        P[i] = pow(r[i], f->p);
        for (k = 0; k < d; k++)
            E[i * d + k] = r[i] > 0.0 ? W[i * d + k] / r[i] : 0.0;
    }
    for (i = 0; i < n * d; i++)
        g[i] = 0.0;
    for (i = 0; i < n; i++)
    {
        double rp1 = pow(r[i], f->p - 1.0), t, co, F, G;
        if (r[i] <= 1e-300)
            continue; /* the zero student: J is not differentiable there */
        J += 0.5 * P[i] * P[i] * F0;
        for (k = 0; k < d; k++)
            g[i * d + k] += f->p * F0 * pow(r[i], 2.0 * f->p - 2.0) * W[i * d + k];
        for (j = 0; j <= n; j++)
        {
            const double *u = j < n ? E + j * d : v;
            double Pj = j < n ? P[j] : 1.0, sg = j < n ? 1.0 : -1.0;
            if (j == i || (j < n && r[j] <= 1e-300))
                continue;
            t = tsa_ad1_angle(E + i * d, u, d);
            co = cos(t);
            F = tsa_ad_F_d(t, f->act, f->c);
            G = tsa_ad_G_d(t, f->act, f->c);
            J += sg * (j < n ? 0.5 : 1.0) * P[i] * Pj * F;
            for (k = 0; k < d; k++)
                g[i * d + k] += sg * Pj * rp1
                                * (f->p * F * E[i * d + k] + G * (u[k] - co * E[i * d + k]));
        }
    }
    return J;
}

typedef struct
{
    long runs, aligned, near, zero_students, steps_max;
    double max_loss, max_grad, max_angle, max_split;
    /* the first non-aligned endpoint */
    long bad_run;
    double bad_loss, bad_grad, bad_angle, bad_split;
} gd_cell_t;

/* One run; returns 1 when the endpoint is aligned. */
static int
gd_run(gd_cell_t *cell, const gd_fam_t *f, long n, long d, int small, uint64_t *rs,
       const gd_opt_t *o)
{
    double W[GD_NMAX * GD_DMAX], g[GD_NMAX * GD_DMAX], J = 0.0, gn = 0.0;
    double sumP = 0.0, amax = 0.0, v[GD_DMAX], eta = o->lr;
    long i, k, s;
    int ok;
    memset(v, 0, sizeof v);
    v[0] = 1.0;
    for (i = 0; i < n * d; i++)
        W[i] = tsa_ad1_rng_gauss(rs) * (small ? 1e-3 : 1.0) / sqrt((double) d);
    /* GD with a step that halves while J would increase and grows by 1.2
       after each accepted step (at most 1e4 lr): plain GD diverges for
       p = 2 from standard starts, and the aligned set is a degenerate
       (flat) minimum */
    J = tsa_ad1_loss_grad(g, W, n, d, f);
    gn = sqrt(tsa_ad1_dot(g, g, n * d));
    for (s = 0; s < o->steps && isfinite(J) && gn >= 1e-12 && J >= 1e-13; s++)
    {
        double Wn[GD_NMAX * GD_DMAX], gnew[GD_NMAX * GD_DMAX], Jn = J;
        int tries;
        for (tries = 0; tries < 60; tries++)
        {
            for (i = 0; i < n * d; i++)
                Wn[i] = W[i] - eta * g[i];
            Jn = tsa_ad1_loss_grad(gnew, Wn, n, d, f);
            if (isfinite(Jn) && Jn <= J)
                break;
            eta *= 0.5;
        }
        if (tries == 60)
            break; /* no decrease along -grad at any step: a numerical critical point */
        memcpy(W, Wn, sizeof(double) * (size_t) (n * d));
        memcpy(g, gnew, sizeof(double) * (size_t) (n * d));
        J = Jn;
        gn = sqrt(tsa_ad1_dot(g, g, n * d));
        eta = fmin(1.2 * eta, 1e4 * o->lr);
    }
    for (i = 0; i < n; i++)
    {
        double r = sqrt(tsa_ad1_dot(W + i * d, W + i * d, d)), P = pow(r, f->p), e[GD_DMAX];
        sumP += P;
        if (P <= o->tol)
        {
            cell->zero_students++;
            continue;
        }
        for (k = 0; k < d; k++)
            e[k] = W[i * d + k] / r;
        amax = fmax(amax, tsa_ad1_angle(e, v, d));
    }
    ok = isfinite(J) && amax < o->tol && fabs(sumP - 1.0) < o->tol;
    cell->runs++;
    cell->steps_max = s > cell->steps_max ? s : cell->steps_max;
    cell->max_loss = fmax(cell->max_loss, J);
    cell->max_grad = fmax(cell->max_grad, gn);
    cell->max_angle = fmax(cell->max_angle, amax);
    cell->max_split = fmax(cell->max_split, fabs(sumP - 1.0));
    if (ok)
        cell->aligned++;
    else if (isfinite(J) && J < o->loss_tol)
        cell->near++;
    else if (cell->bad_run < 0)
    {
        cell->bad_run = cell->runs - 1;
        cell->bad_loss = J;
        cell->bad_grad = gn;
        cell->bad_angle = amax;
        cell->bad_split = sumP - 1.0;
    }
    return ok;
}

int
tsa_ad1_get_long(long *out, const json_t *params, const char *key, long lo, long hi,
         const char *file)
{
    json_t *v = json_object_get(params, key);
    if (v == NULL)
        return TSA_SUCCESS;
    if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
        return TSA_ERROR(TSA_EFORMAT, "%s: params.%s: integer in %ld .. %ld", file, key,
                         lo, hi);
    *out = (long) json_integer_value(v);
    return TSA_SUCCESS;
}

int
tsa_ad1_get_real(double *out, const json_t *params, const char *key, double lo, double hi,
         const char *file)
{
    json_t *v = json_object_get(params, key);
    if (v == NULL)
        return TSA_SUCCESS;
    if (!json_is_number(v) || !(json_number_value(v) > lo && json_number_value(v) <= hi))
        return TSA_ERROR(TSA_EFORMAT, "%s: params.%s: a number in (%g, %g]", file, key,
                         lo, hi);
    *out = json_number_value(v);
    return TSA_SUCCESS;
}

/* families: "relu", "arccos2", "leaky:C" (C in [0, 1), a decimal) */
int
tsa_ad1_read_fams(gd_fam_t *fam, size_t *nf, const json_t *params, const char *file)
{
    json_t *a = json_object_get(params, "families"), *v;
    size_t i;
    if (!json_is_array(a) || json_array_size(a) < 1 || json_array_size(a) > GD_FAM_MAX)
        return TSA_ERROR(TSA_EFORMAT, "%s: params.families: a list of 1 .. %d activations",
                         file, GD_FAM_MAX);
    json_array_foreach(a, i, v)
    {
        const char *s = json_string_value(v);
        gd_fam_t *f = fam + i;
        char *end;
        f->c = 0.0;
        if (s == NULL || strlen(s) >= sizeof f->name)
            return TSA_ERROR(TSA_EFORMAT, "%s: params.families[%zu]: not a short string",
                             file, i);
        if (strncmp(s, "leaky:", 6) == 0)
        {
            f->act = TSA_AD_LEAKY;
            f->c = strtod(s + 6, &end);
            if (end == s + 6 || *end != '\0' || !(f->c >= 0.0 && f->c < 1.0))
                return TSA_ERROR(TSA_EFORMAT, "%s: params.families[%zu]: leaky:C needs "
                                 "C in [0, 1)", file, i);
        }
        else if (strcmp(s, "relu") == 0)
            f->act = TSA_AD_RELU;
        else if (strcmp(s, "arccos2") == 0)
            f->act = TSA_AD_ARCCOS2;
        else
            return TSA_ERROR(TSA_EFORMAT, "%s: params.families[%zu]: relu, arccos2 or "
                             "leaky:C (order 0 has no norms: docs s. 7)", file, i);
        f->p = f->act == TSA_AD_ARCCOS2 ? 2.0 : 1.0;
        snprintf(f->name, sizeof f->name, "%s", s);
    }
    *nf = json_array_size(a);
    return TSA_SUCCESS;
}

static int
read_opts(gd_opt_t *o, const json_t *params, const char *file)
{
    json_t *in = json_object_get(params, "init"), *v;
    size_t i;
    int st;
    o->nmin = 2, o->dmin = 2, o->runs = 4, o->steps = 20000;
    o->lr = 0.2, o->tol = 1e-2, o->loss_tol = 1e-6;
    o->small = o->standard = 1;
    if ((st = tsa_ad1_get_long(&o->nmin, params, "nmin", 1, GD_NMAX, file)) != TSA_SUCCESS
        || (st = tsa_ad1_get_long(&o->dmin, params, "dmin", 2, GD_DMAX, file)) != TSA_SUCCESS)
        return st;
    o->nmax = o->nmin, o->dmax = o->dmin;
    {
        long seed = 1;
        if ((st = tsa_ad1_get_long(&o->nmax, params, "nmax", o->nmin, GD_NMAX, file)) != TSA_SUCCESS
            || (st = tsa_ad1_get_long(&o->dmax, params, "dmax", o->dmin, GD_DMAX, file)) != TSA_SUCCESS
            || (st = tsa_ad1_get_long(&o->runs, params, "runs", 1, 100, file)) != TSA_SUCCESS
            || (st = tsa_ad1_get_long(&o->steps, params, "steps", 1, 1000000, file)) != TSA_SUCCESS
            || (st = tsa_ad1_get_long(&seed, params, "seed", 0, 1L << 30, file)) != TSA_SUCCESS
            || (st = tsa_ad1_get_real(&o->lr, params, "lr", 0.0, 10.0, file)) != TSA_SUCCESS
            || (st = tsa_ad1_get_real(&o->tol, params, "tol", 0.0, 0.5, file)) != TSA_SUCCESS
            || (st = tsa_ad1_get_real(&o->loss_tol, params, "loss_tol", 0.0, 1.0, file)) != TSA_SUCCESS)
            return st;
        o->seed = (uint64_t) seed;
    }
    if (in != NULL)
    {
        if (!json_is_array(in) || json_array_size(in) < 1 || json_array_size(in) > 2)
            return TSA_ERROR(TSA_EFORMAT, "%s: params.init: a list of \"small\", \"standard\"",
                             file);
        o->small = o->standard = 0;
        json_array_foreach(in, i, v)
        {
            const char *s = json_string_value(v);
            if (s != NULL && strcmp(s, "small") == 0)
                o->small = 1;
            else if (s != NULL && strcmp(s, "standard") == 0)
                o->standard = 1;
            else
                return TSA_ERROR(TSA_EFORMAT, "%s: params.init[%zu]: \"small\" or "
                                 "\"standard\"", file, i);
        }
    }
    return TSA_SUCCESS;
}

int tsa_claim_check_ad1_gd(tsa_claim_result_t r, const json_t *params,
                           const char *file, slong prec);

int
tsa_claim_check_ad1_gd(tsa_claim_result_t r, const json_t *params,
                       const char *file, slong prec)
{
    gd_fam_t fam[GD_FAM_MAX];
    gd_opt_t o;
    size_t nf = 0, fi;
    long n, d, total = 0, aligned = 0, near = 0, inits;
    double work = 0.0;
    char ev[1024], inst[512];
    tsa_strbuf_t det = TSA_STRBUF_INIT;
    json_t *rows = json_array();
    int st;
    (void) prec;

    if ((st = tsa_ad1_read_fams(fam, &nf, params, file)) != TSA_SUCCESS
        || (st = read_opts(&o, params, file)) != TSA_SUCCESS)
    {
        json_decref(rows);
        return st;
    }
    inits = o.small + o.standard;
    for (n = o.nmin; n <= o.nmax; n++)
        for (d = o.dmin; d <= o.dmax; d++)
            work += (double) nf * inits * o.runs * o.steps * (double) (n * (n + 1) * (d + 40));
    if (work > 1e12)
    {
        json_decref(rows);
        return TSA_ERROR(TSA_EFORMAT, "%s: params: work estimate %.3g flops exceeds 1e12 "
                         "(fewer runs, steps, n or d)", file, work);
    }
    snprintf(inst, sizeof inst, "one teacher v = e1, n = %ld .. %ld students, d = %ld .. %ld, "
             "%ld runs per init (%s%s%s), %ld GD steps of lr %g, seed %lu, tol %g",
             o.nmin, o.nmax, o.dmin, o.dmax, o.runs, o.small ? "small" : "",
             o.small && o.standard ? ", " : "", o.standard ? "standard" : "", o.steps, o.lr,
             (unsigned long) o.seed, o.tol);
    r->instance = strdup(inst);
    r->method = strdup("Measured (numerical): float64 population gradient descent (step halved "
                       "while J would increase, grown by 1.2 after each step) on the "
                       "closed-form loss (tsa_ad_F_d, tsa_ad_G_d; gradient of "
                       "docs/ad-alignment.md s. 2), stopped at |grad J| < 1e-12, J < 1e-13 or "
                       "the step budget. Endpoint aligned: every student with |w_i|^p > tol at angle "
                       "< tol to v, and |sum |w_i|^p - 1| < tol. No error bounds.");
    tsa_strbuf_printf(&det, "| family | n | d | runs | aligned | near-aligned | not aligned | "
                      "zero students | max loss | max angle | max split error | "
                      "max grad | first non-aligned (loss, grad, angle, split) |\n"
                      "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (fi = 0; fi < nf; fi++)
        for (n = o.nmin; n <= o.nmax; n++)
            for (d = o.dmin; d <= o.dmax; d++)
            {
                gd_cell_t cell;
                uint64_t rs = o.seed * 0x100000001B3ULL + (uint64_t) (fi * 10007 + n * 101 + d);
                long k;
                int in;
                json_t *row = json_object();
                memset(&cell, 0, sizeof cell);
                cell.bad_run = -1;
                for (in = 0; in < 2; in++)
                    if (in == 0 ? o.small : o.standard)
                        for (k = 0; k < o.runs; k++)
                            gd_run(&cell, fam + fi, n, d, in == 0, &rs, &o);
                total += cell.runs;
                aligned += cell.aligned;
                near += cell.near;
                tsa_strbuf_printf(&det, "| %s | %ld | %ld | %ld | %ld | %ld | %ld | %ld | %.2g "
                                  "| %.2g | %.2g | %.2g |", fam[fi].name, n, d, cell.runs,
                                  cell.aligned, cell.near,
                                  cell.runs - cell.aligned - cell.near, cell.zero_students,
                                  cell.max_loss, cell.max_angle, cell.max_split, cell.max_grad);
                if (cell.bad_run >= 0)
                    tsa_strbuf_printf(&det, " run %ld: %.3g, %.3g, %.3g, %.3g |\n", cell.bad_run,
                                      cell.bad_loss, cell.bad_grad, cell.bad_angle,
                                      cell.bad_split);
                else
                    tsa_strbuf_printf(&det, " |\n");
                json_object_set_new(row, "family", json_string(fam[fi].name));
                json_object_set_new(row, "n", json_integer(n));
                json_object_set_new(row, "d", json_integer(d));
                json_object_set_new(row, "runs", json_integer(cell.runs));
                json_object_set_new(row, "aligned", json_integer(cell.aligned));
                json_object_set_new(row, "near_aligned", json_integer(cell.near));
                json_object_set_new(row, "zero_students", json_integer(cell.zero_students));
                json_object_set_new(row, "max_loss", json_real(cell.max_loss));
                json_object_set_new(row, "max_angle", json_real(cell.max_angle));
                json_object_set_new(row, "max_grad", json_real(cell.max_grad));
                json_array_append_new(rows, row);
            }
    if ((r->details = tsa_strbuf_take(&det)) == NULL)
    {
        json_decref(rows);
        return TSA_ERROR(TSA_ENOMEM, "ad1_gd: out of memory");
    }
    json_object_set_new(r->data, "cells", rows);
    json_object_set_new(r->data, "runs", json_integer(total));
    json_object_set_new(r->data, "aligned", json_integer(aligned));
    json_object_set_new(r->data, "near_aligned", json_integer(near));
    tsa_claim_add_hyp(r, "one teacher, population loss of a positively homogeneous sigma "
                      "(p >= 1), x ~ N(0, I): J from F in closed form", TSA_TRUE,
                      "by construction (exact)");
    snprintf(ev, sizeof ev, "%ld of %ld endpoints aligned (numerical, tol %g), %ld "
             "near-aligned (J < %g: still moving towards the aligned set, where alone J = 0; "
             "the minimum is degenerate, so GD is slow), %ld not aligned%s", aligned, total,
             o.tol, near, o.loss_tol, total - aligned - near,
             total == aligned + near ? "" : " (listed in the table; not certified, so the "
                                            "conclusion is undecided)");
    tsa_claim_set_concl(r, "every GD endpoint is aligned (non-zero students along v, sum |w_i|^p = "
                        "|v|^p) or near-aligned (J < loss_tol) (numerical)",
                        aligned + near == total ? TSA_TRUE : TSA_UNDECIDED, ev);
    return TSA_SUCCESS;
}
