/* ad1_newton.c -- checker ad1_newton: critical points of the single-teacher
 * loss found by solving grad J = 0 directly (issue 12 item 4, second half;
 * docs/ad-alignment.md s. 10).
 *
 * Gradient descent (ad1_exp.c) only finds what attracts it.  Newton's
 * method on grad J = 0 converges to saddles as well, so from many random
 * starts it samples the critical set itself.  J and grad J are those of
 * ad1_exp.c (closed-form F and G, docs s. 2, v = e1); the Jacobian of
 * grad J is taken by central differences of the analytic gradient and the
 * Newton system is solved by a truncated SVD (GSL), because the aligned
 * set is a continuum of critical points (singular Hessian).  A step is
 * accepted when it lowers |grad J| (halved up to 30 times).
 *
 * Each converged point (|grad J| < gtol) is classified, in float64:
 *   zero student   some |w_i|^p < ztol: J is not differentiable there (for
 *                  p = 1); counted apart: W ~ 0 (sum |w_i|^p < 100 n ztol; a
 *                  critical point for p = 2) and points whose other
 *                  students are not aligned;
 *   aligned        every student within atol of v, |sum |w_i|^p - 1| < atol,
 *                  or J < jtol (J >= 0 vanishes exactly on the aligned set;
 *                  Newton's limits there often carry a student of norm
 *                  ~1e-8 whose direction is free, since the residual is 0);
 *   parallel       two non-zero students within atol of each other (the
 *                  pair kernel is not smooth enough there for `certify`);
 *   non-aligned    otherwise.
 * Non-aligned ReLU points go to the certification machinery
 * (tsa_certify_point: polish, Krawczyk existence and uniqueness in a box,
 * Hessian classification, all in Arb): a certified minimum whose box keeps
 * a student's angle to v away from 0 refutes AD-1 (conclusion false); a
 * certified saddle is a non-aligned critical point that AD-1 allows.  For
 * the other families there is no certifier of several-student points, so a
 * non-aligned point leaves the conclusion undecided. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include "tsa_certify.h"
#include "tsa_claims.h"
#include "tsa_strbuf.h"
#include "ad1_impl.h"

#define NW_N (GD_NMAX * GD_DMAX)

typedef struct
{
    long nmin, nmax, dmin, dmax, starts, iters;
    double gtol, atol, ztol, jtol;
    uint64_t seed;
} nw_opt_t;

typedef struct
{
    long starts, conv, aligned, zero, zero_rest, wzero, parallel, nonaligned, saddle, minimum, undec;
    double min_nonaligned_loss;
    char first[512]; /* the first non-aligned point, as text */
} nw_cell_t;

/* Jacobian of grad J by central differences of the analytic gradient */
static void
nw_jacobian(double *H, const double *W, long n, long d, const gd_fam_t *f)
{
    long N = n * d, j, i;
    double x[NW_N], gp[NW_N], gm[NW_N];
    memcpy(x, W, sizeof(double) * (size_t) N);
    for (j = 0; j < N; j++)
    {
        double h = 1e-6 * fmax(1.0, fabs(W[j]));
        x[j] = W[j] + h;
        tsa_ad1_loss_grad(gp, x, n, d, f);
        x[j] = W[j] - h;
        tsa_ad1_loss_grad(gm, x, n, d, f);
        x[j] = W[j];
        for (i = 0; i < N; i++)
            H[i * N + j] = (gp[i] - gm[i]) / (2.0 * h);
    }
    for (i = 0; i < N; i++)
        for (j = 0; j < i; j++)
            H[i * N + j] = H[j * N + i] = 0.5 * (H[i * N + j] + H[j * N + i]);
}

/* s = -H^+ g by a truncated SVD (singular values below 1e-10 s_max dropped) */
static int
nw_step(double *s, double *H, const double *g, long N)
{
    gsl_matrix_view A = gsl_matrix_view_array(H, (size_t) N, (size_t) N);
    gsl_matrix *V = gsl_matrix_alloc((size_t) N, (size_t) N);
    gsl_vector *S = gsl_vector_alloc((size_t) N), *w = gsl_vector_alloc((size_t) N);
    gsl_vector_const_view b = gsl_vector_const_view_array(g, (size_t) N);
    gsl_vector_view x = gsl_vector_view_array(s, (size_t) N);
    int st = -1;
    long i;
    if (V != NULL && S != NULL && w != NULL
        && gsl_linalg_SV_decomp(&A.matrix, V, S, w) == GSL_SUCCESS)
    {
        double smax = gsl_vector_get(S, 0);
        for (i = 0; i < N; i++)
            if (!(gsl_vector_get(S, (size_t) i) > 1e-10 * smax))
                gsl_vector_set(S, (size_t) i, 0.0);
        st = gsl_linalg_SV_solve(&A.matrix, V, S, &b.vector, &x.vector) == GSL_SUCCESS ? 0 : -1;
        for (i = 0; i < N; i++)
            s[i] = -s[i];
    }
    gsl_matrix_free(V);
    gsl_vector_free(S);
    gsl_vector_free(w);
    return st;
}

/* Newton with backtracking on |grad J|; returns |grad J| at the end */
static double
nw_solve(double *W, long n, long d, const gd_fam_t *f, const nw_opt_t *o)
{
    long N = n * d, it, i, k;
    double g[NW_N], s[NW_N], x[NW_N], gx[NW_N], H[NW_N * NW_N], gn;
    tsa_ad1_loss_grad(g, W, n, d, f);
    gn = sqrt(tsa_ad1_dot(g, g, N));
    for (it = 0; it < o->iters && isfinite(gn) && gn >= o->gtol; it++)
    {
        double a = 1.0, gxn = INFINITY;
        nw_jacobian(H, W, n, d, f);
        if (nw_step(s, H, g, N) != 0)
            break;
        for (k = 0; k < 30; k++, a *= 0.5)
        {
            for (i = 0; i < N; i++)
                x[i] = W[i] + a * s[i];
            tsa_ad1_loss_grad(gx, x, n, d, f);
            gxn = sqrt(tsa_ad1_dot(gx, gx, N));
            if (isfinite(gxn) && gxn < gn)
                break;
        }
        if (k == 30)
            break; /* stalled */
        memcpy(W, x, sizeof(double) * (size_t) N);
        memcpy(g, gx, sizeof(double) * (size_t) N);
        gn = gxn;
    }
    return gn;
}

/* The certification machinery on a non-aligned ReLU point: 1 certified
 * non-aligned minimum, 2 certified non-aligned saddle (or critical point),
 * 0 undecided (or the box does not keep every student away from v). */
static int
nw_certify(double *loss_hi, const double *W, long n, long d, slong prec)
{
    tsa_cand_t c;
    tsa_cert_t r;
    tsa_cert_opts_t o;
    tsa_error_handler_t *h;
    long i, k;
    int res = 0, away = 0;
    tsa_cand_init(c, d, n, 1);
    tsa_cert_init(r, n, 1);
    tsa_cert_opts_default(&o);
    o.prec = prec;
    arb_one(c->V + 0);
    for (i = 0; i < n; i++)
        for (k = 0; k < d; k++)
            arb_set_d(c->W + i * d + k, W[i * d + k]); /* exact: a double */
    h = tsa_set_error_handler(NULL); /* a refusal is an undecided point here */
    if (tsa_certify_point(r, c, &o) == TSA_SUCCESS && r->exists == TSA_TRUE)
    {
        for (i = 0; i < n; i++)
            if (arb_is_positive(r->ang + i))
                away = 1; /* student i proved at a positive angle to v */
        if (away && r->kind == TSA_CERT_MIN)
            res = 1;
        else if (away && (r->kind == TSA_CERT_SADDLE || r->kind == TSA_CERT_CRITICAL))
            res = 2;
        *loss_hi = arf_get_d(arb_midref(r->loss), ARF_RND_NEAR);
    }
    tsa_set_error_handler(h);
    tsa_cert_clear(r);
    tsa_cand_clear(c);
    return res;
}

static void
nw_classify(nw_cell_t *cell, const double *W, long n, long d, const gd_fam_t *f,
            const nw_opt_t *o, slong prec)
{
    double v[GD_DMAX], E[NW_N], P[GD_NMAX], sumP = 0.0, amax = 0.0, g[NW_N], J;
    long i, j, k;
    int zero = 0, par = 0;
    memset(v, 0, sizeof v);
    v[0] = 1.0;
    J = tsa_ad1_loss_grad(g, W, n, d, f);
    for (i = 0; i < n; i++)
    {
        double r = sqrt(tsa_ad1_dot(W + i * d, W + i * d, d));
        P[i] = pow(r, f->p);
        sumP += P[i];
        zero |= P[i] < o->ztol;
        for (k = 0; k < d; k++)
            E[i * d + k] = r > 0.0 ? W[i * d + k] / r : 0.0;
        if (P[i] >= o->ztol)
            amax = fmax(amax, tsa_ad1_angle(E + i * d, v, d));
    }
    for (i = 0; i < n; i++)
        for (j = i + 1; j < n; j++)
            if (P[i] >= o->ztol && P[j] >= o->ztol
                && tsa_ad1_angle(E + i * d, E + j * d, d) < o->atol)
                par = 1;
    if (zero)
    {
        cell->zero++;
        /* out of AD-1's scope (a zero student), but say whether the others
           are aligned: J < jtol or all within atol of v with the split */
        if (sumP < 100.0 * n * o->ztol)
            cell->wzero++; /* W = 0: a critical point for p = 2 (grad ~ |w_i|^(p-1)) */
        else
            cell->zero_rest += !(J < o->jtol
                                 || (amax < o->atol && fabs(sumP - 1.0) < o->atol));
    }
    else if ((amax < o->atol && fabs(sumP - 1.0) < o->atol) || J < o->jtol)
        cell->aligned++; /* J >= 0 vanishes only on the aligned set */
    else if (par)
        cell->parallel++;
    else
    {
        int c = 0;
        double lh = J;
        cell->nonaligned++;
        cell->min_nonaligned_loss = fmin(cell->min_nonaligned_loss, J);
        if (f->act == TSA_AD_RELU)
            c = nw_certify(&lh, W, n, d, prec);
        cell->minimum += c == 1;
        cell->saddle += c == 2;
        cell->undec += c == 0;
        if (cell->first[0] == '\0')
            snprintf(cell->first, sizeof cell->first, "J = %.6g, largest angle %.4g, "
                     "sum P - 1 = %.3g: %s", J, amax, sumP - 1.0,
                     c == 1 ? "certified non-aligned minimum"
                     : c == 2 ? "certified non-aligned saddle"
                     : f->act == TSA_AD_RELU ? "certification undecided"
                                             : "not certified (no certifier for this family)");
    }
}

static int
nw_read_opts(nw_opt_t *o, const json_t *params, const char *file)
{
    long seed = 1;
    int st;
    o->nmin = 2, o->dmin = 2, o->starts = 20, o->iters = 100;
    o->gtol = 1e-11, o->atol = 1e-5, o->ztol = 1e-8, o->jtol = 1e-12;
    if ((st = tsa_ad1_get_long(&o->nmin, params, "nmin", 1, GD_NMAX, file)) != TSA_SUCCESS
        || (st = tsa_ad1_get_long(&o->dmin, params, "dmin", 2, GD_DMAX, file)) != TSA_SUCCESS)
        return st;
    o->nmax = o->nmin, o->dmax = o->dmin;
    if ((st = tsa_ad1_get_long(&o->nmax, params, "nmax", o->nmin, GD_NMAX, file)) != TSA_SUCCESS
        || (st = tsa_ad1_get_long(&o->dmax, params, "dmax", o->dmin, GD_DMAX, file)) != TSA_SUCCESS
        || (st = tsa_ad1_get_long(&o->starts, params, "starts", 1, 10000, file)) != TSA_SUCCESS
        || (st = tsa_ad1_get_long(&o->iters, params, "iters", 1, 1000, file)) != TSA_SUCCESS
        || (st = tsa_ad1_get_long(&seed, params, "seed", 0, 1L << 30, file)) != TSA_SUCCESS
        || (st = tsa_ad1_get_real(&o->gtol, params, "gtol", 0.0, 1e-3, file)) != TSA_SUCCESS
        || (st = tsa_ad1_get_real(&o->atol, params, "atol", 0.0, 0.1, file)) != TSA_SUCCESS
        || (st = tsa_ad1_get_real(&o->ztol, params, "ztol", 0.0, 0.1, file)) != TSA_SUCCESS
        || (st = tsa_ad1_get_real(&o->jtol, params, "jtol", 0.0, 1e-3, file)) != TSA_SUCCESS)
        return st;
    o->seed = (uint64_t) seed;
    return TSA_SUCCESS;
}

/* One (family, n, d) cell: starts N(0, I/d) scaled by 0.3, 1 or 3 in turn */
static void
nw_cell(nw_cell_t *cell, const gd_fam_t *f, long n, long d, uint64_t rs, const nw_opt_t *o,
        slong prec)
{
    static const double scale[3] = {0.3, 1.0, 3.0};
    double W[NW_N];
    long s, i;
    memset(cell, 0, sizeof *cell);
    cell->min_nonaligned_loss = INFINITY;
    for (s = 0; s < o->starts; s++)
    {
        for (i = 0; i < n * d; i++)
            W[i] = tsa_ad1_rng_gauss(&rs) * scale[s % 3] / sqrt((double) d);
        cell->starts++;
        if (nw_solve(W, n, d, f, o) < o->gtol)
        {
            cell->conv++;
            nw_classify(cell, W, n, d, f, o, prec);
        }
    }
}

static json_t *
nw_row(const nw_cell_t *c, const gd_fam_t *f, long n, long d)
{
    return json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}",
                     "family", f->name, "n", (json_int_t) n, "d", (json_int_t) d,
                     "starts", (json_int_t) c->starts, "converged", (json_int_t) c->conv,
                     "aligned", (json_int_t) c->aligned, "zero_student", (json_int_t) c->zero,
                     "zero_student_rest_not_aligned", (json_int_t) c->zero_rest,
                     "all_zero", (json_int_t) c->wzero,
                     "parallel", (json_int_t) c->parallel,
                     "non_aligned", (json_int_t) c->nonaligned,
                     "certified_saddle", (json_int_t) c->saddle,
                     "certified_minimum", (json_int_t) c->minimum,
                     "undecided", (json_int_t) c->undec);
}

int tsa_claim_check_ad1_newton(tsa_claim_result_t r, const json_t *params,
                               const char *file, slong prec);

int
tsa_claim_check_ad1_newton(tsa_claim_result_t r, const json_t *params,
                           const char *file, slong prec)
{
    gd_fam_t fam[GD_FAM_MAX];
    nw_opt_t o;
    size_t nf = 0, fi;
    long n, d, tot[6] = {0, 0, 0, 0, 0, 0}; /* starts conv nonaligned min saddle undec */
    double work = 0.0;
    char ev[1024], inst[512];
    tsa_strbuf_t det = TSA_STRBUF_INIT;
    json_t *rows;
    int st;

    if ((st = tsa_ad1_read_fams(fam, &nf, params, file)) != TSA_SUCCESS
        || (st = nw_read_opts(&o, params, file)) != TSA_SUCCESS)
        return st;
    for (n = o.nmin; n <= o.nmax; n++)
        for (d = o.dmin; d <= o.dmax; d++)
            work += (double) nf * o.starts * o.iters * (double) (2 * n * d + 30)
                    * (double) (n * (n + 1) * (d + 40)); /* gradients per start */
    if (work > 1e12)
        return TSA_ERROR(TSA_EFORMAT, "%s: params: work estimate %.3g flops exceeds 1e12 "
                         "(fewer starts, iters, n or d)", file, work);
    snprintf(inst, sizeof inst, "one teacher v = e1, n = %ld .. %ld students, d = %ld .. %ld, "
             "%ld Newton starts per cell (N(0, I/d) x 0.3, 1, 3), at most %ld iterations, "
             "seed %lu; converged: |grad J| < %g", o.nmin, o.nmax, o.dmin, o.dmax, o.starts,
             o.iters, (unsigned long) o.seed, o.gtol);
    r->instance = strdup(inst);
    r->method = strdup("Newton's method on grad J = 0 (float64; closed-form gradient of "
                       "docs/ad-alignment.md s. 2, Jacobian by central differences, truncated "
                       "SVD solve, backtracking on |grad J|) from random starts; converged "
                       "points classified (zero student, aligned, parallel students, "
                       "non-aligned); non-aligned ReLU points certified by tsalign's certifier "
                       "(Arb: Krawczyk existence in a box, Hessian classification).");
    rows = json_array();
    tsa_strbuf_printf(&det, "| family | n | d | starts | converged | aligned | "
                      "zero student (W = 0; others not aligned) | parallel | non-aligned | certified saddle | "
                      "certified minimum | first non-aligned |\n"
                      "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (fi = 0; fi < nf; fi++)
        for (n = o.nmin; n <= o.nmax; n++)
            for (d = o.dmin; d <= o.dmax; d++)
            {
                nw_cell_t c;
                nw_cell(&c, fam + fi, n, d,
                        o.seed * 0x100000001B3ULL + (uint64_t) (fi * 10007 + n * 101 + d), &o,
                        prec);
                tot[0] += c.starts, tot[1] += c.conv, tot[2] += c.nonaligned;
                tot[3] += c.minimum, tot[4] += c.saddle, tot[5] += c.undec;
                tsa_strbuf_printf(&det, "| %s | %ld | %ld | %ld | %ld | %ld | %ld (%ld; %ld) "
                                  "| %ld | %ld | %ld | %ld | %s |\n",
                                  fam[fi].name, n, d, c.starts, c.conv, c.aligned, c.zero,
                                  c.wzero, c.zero_rest, c.parallel, c.nonaligned, c.saddle,
                                  c.minimum, c.first);
                json_array_append_new(rows, nw_row(&c, fam + fi, n, d));
            }
    if ((r->details = tsa_strbuf_take(&det)) == NULL)
    {
        json_decref(rows);
        return TSA_ERROR(TSA_ENOMEM, "ad1_newton: out of memory");
    }
    json_object_set_new(r->data, "cells", rows);
    json_object_set_new(r->data, "starts", json_integer(tot[0]));
    json_object_set_new(r->data, "converged", json_integer(tot[1]));
    json_object_set_new(r->data, "non_aligned", json_integer(tot[2]));
    json_object_set_new(r->data, "certified_minimum", json_integer(tot[3]));
    json_object_set_new(r->data, "certified_saddle", json_integer(tot[4]));
    tsa_claim_add_hyp(r, "one teacher, population loss of a positively homogeneous sigma "
                      "(p >= 1), x ~ N(0, I): J from F in closed form", TSA_TRUE,
                      "by construction (exact)");
    snprintf(ev, sizeof ev, "%ld of %ld Newton starts converged; %ld non-aligned critical "
             "points with non-zero, non-parallel students: %ld certified minima, %ld certified "
             "saddles, %ld not decided (per-cell counts in the table; zero-student and "
             "aligned end points are not counterexamples)%s", tot[1], tot[0], tot[2], tot[3],
             tot[4], tot[5], tot[1] == 0 ? "; no start converged, so nothing was sampled" : "");
    tsa_claim_set_concl(r, "no critical point found by Newton with non-zero, non-parallel "
                        "students is a non-aligned local minimum (non-aligned ones are "
                        "certified saddles)",
                        tot[3] > 0 ? TSA_FALSE
                        : tot[5] > 0 || tot[1] == 0 ? TSA_UNDECIDED : TSA_TRUE, ev);
    return TSA_SUCCESS;
}
