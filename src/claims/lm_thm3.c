/* lm_thm3.c -- LM Theorem 3 (BatchNorm conserves |w_j| under gradient
 * flow), numerically on the train module's BN nets (Linear -> BN ->
 * ReLU): (1) w_j . dJ/dw_j = 0 for every hidden filter j (the flow
 * derivative of |w_j|^2); (2) the drift of plain GD steps measured against
 * the step size, with the exact one-step identity |w - eta g|^2 = |w|^2 +
 * eta^2 |g|^2 when w . g = 0 (docs/claims-lm.md s. 4). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_rng.h>
#include "tsa_train.h"
#include "lm_impl.h"

#define NETA_MAX 16

static int
get_sizes(size_t *L, size_t *size, const json_t *p, const char *key,
          const char *file)
{
    json_t *v = json_object_get(p, key);
    size_t i;
    if (!json_is_array(v) || json_array_size(v) < 3
        || json_array_size(v) > TSA_TRAIN_MAX_LAYERS + 1)
        return TSA_ERROR(TSA_EFORMAT, "%s: params.%s: array of 3 .. %d "
                         "layer sizes", file, key, TSA_TRAIN_MAX_LAYERS + 1);
    *L = json_array_size(v) - 1;
    for (i = 0; i <= *L; i++)
    {
        json_t *e = json_array_get(v, i);
        if (!json_is_integer(e) || json_integer_value(e) < 1
            || json_integer_value(e) > 4096)
            return TSA_ERROR(TSA_EFORMAT, "%s: params.%s[%zu]: integer in "
                             "1 .. 4096", file, key, i);
        size[i] = (size_t) json_integer_value(e);
    }
    return TSA_SUCCESS;
}

int
tsa_claim_check_lm_thm3(tsa_claim_result_t r, const json_t *params,
                        const char *file, slong prec)
{
    size_t L, size[TSA_TRAIN_MAX_LAYERS + 1], tsize[TSA_TRAIN_MAX_LAYERS + 1];
    size_t Lt, l, j, k, nrow = 0, ie, neta = 0;
    long bn, batch, seed;
    double bneps, T, tol, dtol, etas[NETA_MAX], maxcos = 0.0;
    double drift[NETA_MAX], pred[NETA_MAX], iderr[NETA_MAX];
    const char *variant;
    int st, discrete;
    tsa_train_net *net = NULL, *teacher = NULL;
    tsa_train_work *ws = NULL, *wt = NULL;
    gsl_matrix *X = NULL, *Tg = NULL;
    gsl_rng *rng = NULL;
    double *grad = NULL, *p0 = NULL, *n0 = NULL, *acc = NULL;
    char buf[2400], png[256];
    json_t *ev;
    tsa_truth_t concl;

    if ((st = get_sizes(&L, size, params, "student", file))
        || (st = get_sizes(&Lt, tsize, params, "teacher", file))
        || (st = _tsa_lm_get_int(&bn, params, "batchnorm", 1, 0, 1, file))
        || (st = _tsa_lm_get_double(&bneps, params, "bn_eps", 0.0, 0.0, 1e6,
                                    file))
        || (st = _tsa_lm_get_int(&batch, params, "batch", 64, 2, 100000,
                                 file))
        || (st = _tsa_lm_get_int(&seed, params, "seed", 1, 0, 1L << 40, file))
        || (st = _tsa_lm_get_double(&T, params, "time", 1.0, 1e-9, 1e6, file))
        || (st = _tsa_lm_get_double(&tol, params, "tol", 1e-10, 0.0, 1.0,
                                    file))
        || (st = _tsa_lm_get_double(&dtol, params, "discrete_tol", 1e-12, 0.0,
                                    1.0, file))
        || (st = _tsa_lm_get_str(&variant, params, "variant", "flow", file)))
        return st;
    discrete = strcmp(variant, "discrete") == 0;
    if (!discrete && strcmp(variant, "flow") != 0)
        return TSA_ERROR(TSA_EFORMAT, "%s: params.variant: 'flow' or "
                         "'discrete'", file);
    if (Lt != L || tsize[0] != size[0] || tsize[Lt] != size[L])
        return TSA_ERROR(TSA_EFORMAT, "%s: params.student, teacher: same "
                         "depth, input and output sizes needed", file);
    ev = json_object_get(params, "etas");
    if (ev == NULL)
    {
        static const double def[] = {0.2, 0.1, 0.05, 0.025};
        neta = 4;
        memcpy(etas, def, sizeof def);
    }
    else
    {
        if (!json_is_array(ev) || json_array_size(ev) < 1
            || json_array_size(ev) > NETA_MAX)
            return TSA_ERROR(TSA_EFORMAT, "%s: params.etas: array of 1 .. %d "
                             "step sizes", file, NETA_MAX);
        for (neta = 0; neta < json_array_size(ev); neta++)
        {
            json_t *e = json_array_get(ev, neta);
            if (!json_is_number(e) || !(json_number_value(e) > 0.0))
                return TSA_ERROR(TSA_EFORMAT, "%s: params.etas[%zu]: positive "
                                 "number", file, neta);
            etas[neta] = json_number_value(e);
        }
    }
    if ((st = tsa_train_net_alloc(&net, L, size, 1, 1, 0, (int) bn, 0.0))
        || (st = tsa_train_net_alloc(&teacher, L, tsize, 1, 1, 0, 0, 0.0))
        || (st = tsa_train_work_alloc(&ws, net, (size_t) batch))
        || (st = tsa_train_work_alloc(&wt, teacher, (size_t) batch)))
        goto done;
    net->bn_eps = bneps;
    rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, (unsigned long) seed);
    tsa_train_net_init_gaussian(teacher, 0.5, rng);
    tsa_train_net_init_gaussian(net, 0.5, rng);
    X = gsl_matrix_alloc((size_t) batch, size[0]);
    Tg = gsl_matrix_alloc((size_t) batch, size[L]);
    tsa_train_sample_gaussian(X, 1.0, rng);
    {
        gsl_matrix_view o = tsa_train_forward(wt, teacher, X);
        gsl_matrix_memcpy(Tg, &o.matrix);
    }
    grad = malloc(sizeof(double) * net->nparam);
    p0 = malloc(sizeof(double) * net->nparam);
    memcpy(p0, net->param, sizeof(double) * net->nparam);
    for (l = 0; l + 1 < L; l++)
        nrow += size[l + 1];
    n0 = malloc(sizeof(double) * nrow);
    acc = malloc(sizeof(double) * nrow);

    {
        char ss[200] = "";
        for (l = 0; l <= L; l++)
            snprintf(ss + strlen(ss), sizeof ss - strlen(ss), "%s%zu",
                     l ? "-" : "", size[l]);
        snprintf(buf, sizeof buf, "student %s (Linear -> %s -> ReLU, bn_eps "
                 "%g), random teacher, fixed batch of %ld x ~ N(0, I), seed "
                 "%ld, full-batch GD over time %g with eta in {", ss,
                 bn ? "BN" : "(no BN)", bneps, batch, seed, T);
        for (ie = 0; ie < neta; ie++)
            snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%g",
                     ie ? ", " : "", etas[ie]);
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "}%s",
                 discrete ? "; variant: the discrete-step claim (deliberately"
                 " stronger than Thm 3)" : "");
    }
    r->instance = strdup(buf);
    r->method = strdup(
        "Numerical (float64): gradients of the batch loss by the train "
        "module's backprop through BN (tsa_train_grad); the flow identity "
        "d|w_j|^2/dt = -2 w_j . dJ/dw_j is checked as max_j |cos(w_j, "
        "dJ/dw_j)| over every GD step; the discrete drift "
        "(|w_j^N|^2 - |w_j^0|^2)/|w_j^0|^2 after N = time/eta steps is "
        "compared with its prediction eta^2 sum_t |g_j^t|^2 / |w_j^0|^2.");
    tsa_claim_add_hyp(r, "Linear -> BN -> ReLU at every hidden layer (BN "
                      "with batch statistics, LM Fig. 13b)",
                      bn ? TSA_TRUE : TSA_FALSE,
                      bn ? "batchnorm on (exact)" : "the net has no BN");
    snprintf(buf, sizeof buf, "bn_eps = %g", bneps);
    tsa_claim_add_hyp(r, "BN normalizes by the batch standard deviation "
                      "(no variance floor, LM Lemma 1)",
                      bneps == 0.0 ? TSA_TRUE : TSA_FALSE, buf);

    for (ie = 0; ie < neta; ie++)
    {
        double eta = etas[ie];
        long N = (long) ceil(T / eta - 1e-9), t;
        size_t row;
        memcpy(net->param, p0, sizeof(double) * net->nparam);
        row = 0;
        for (l = 0; l + 1 < L; l++)
            for (j = 0; j < size[l + 1]; j++, row++)
            {
                const double *w = net->param + net->off_W[l] + j * size[l];
                double s = 0.0;
                for (k = 0; k < size[l]; k++)
                    s += w[k] * w[k];
                n0[row] = s;
                acc[row] = 0.0;
            }
        for (t = 0; t < N; t++)
        {
            tsa_train_grad(grad, ws, net, X, Tg);
            row = 0;
            for (l = 0; l + 1 < L; l++)
                for (j = 0; j < size[l + 1]; j++, row++)
                {
                    const double *w = net->param + net->off_W[l] + j * size[l];
                    const double *g = grad + net->off_W[l] + j * size[l];
                    double wg = 0.0, ww = 0.0, gg = 0.0;
                    for (k = 0; k < size[l]; k++)
                    {
                        wg += w[k] * g[k];
                        ww += w[k] * w[k];
                        gg += g[k] * g[k];
                    }
                    if (gg > 0.0)
                        maxcos = fmax(maxcos, fabs(wg) / sqrt(ww * gg));
                    acc[row] += eta * eta * gg;
                }
            for (k = 0; k < net->nparam; k++)
                net->param[k] -= eta * grad[k];
        }
        drift[ie] = pred[ie] = iderr[ie] = 0.0;
        row = 0;
        for (l = 0; l + 1 < L; l++)
            for (j = 0; j < size[l + 1]; j++, row++)
            {
                const double *w = net->param + net->off_W[l] + j * size[l];
                double s = 0.0, dr, pr;
                for (k = 0; k < size[l]; k++)
                    s += w[k] * w[k];
                dr = (s - n0[row]) / n0[row];
                pr = acc[row] / n0[row];
                drift[ie] = fmax(drift[ie], fabs(dr));
                pred[ie] = fmax(pred[ie], pr);
                if (pr > 0.0)
                    iderr[ie] = fmax(iderr[ie], fabs(dr - pr) / pr);
            }
    }
    {
        double worst_id = 0.0;
        char tab[1200] = "";
        json_t *arr = json_array();
        for (ie = 0; ie < neta; ie++)
        {
            json_t *o = json_object();
            worst_id = fmax(worst_id, iderr[ie]);
            snprintf(tab + strlen(tab), sizeof tab - strlen(tab),
                     "%seta %g: drift %.3e (predicted %.3e)", ie ? "; " : "",
                     etas[ie], drift[ie], pred[ie]);
            json_object_set_new(o, "eta", json_real(etas[ie]));
            json_object_set_new(o, "max_rel_drift", json_real(drift[ie]));
            json_object_set_new(o, "predicted", json_real(pred[ie]));
            json_array_append_new(arr, o);
        }
        json_object_set_new(r->data, "drift", arr);
        json_object_set_new(r->data, "max_cos_w_grad", json_real(maxcos));
        if (!discrete)
        {
            concl = (maxcos <= tol && (!bn || bneps > 0 || worst_id <= 1e-6))
                    ? TSA_TRUE : TSA_FALSE;
            snprintf(buf, sizeof buf, "max_j |cos(w_j, dJ/dw_j)| = %.3e over "
                     "all steps (tol %g); discrete drift (max over filters, "
                     "relative): %s; drift vs eta^2 sum |g|^2: relative "
                     "difference %.1e%s", maxcos, tol, tab, worst_id,
                     worst_id <= 1e-6 ? ", so the drift is second order per "
                     "step and vanishes as eta -> 0 at fixed time"
                     : " (first-order drift: w_j . g_j != 0)");
        }
        else
        {
            concl = drift[0] <= dtol ? TSA_TRUE : TSA_FALSE;
            snprintf(buf, sizeof buf, "discrete GD with eta = %g: max "
                     "relative drift of |w_j|^2 = %.3e vs tol %g (%s)",
                     etas[0], drift[0], dtol, tab);
        }
    }
    {
        double *rows = malloc(sizeof(double) * 3 * neta);
        static const char *const names[] = {"measured max drift",
                                            "eta^2 sum |g|^2"};
        for (ie = 0; ie < neta; ie++)
        {
            rows[3 * ie] = etas[ie];
            rows[3 * ie + 1] = drift[ie];
            rows[3 * ie + 2] = pred[ie];
        }
        if (r->id != NULL && neta > 1
            && _tsa_lm_plot(png, sizeof png, tsa_claim_plot_dir(r), r->id, "drift",
                            "LM Thm 3: drift of |w_j|^2 at fixed time",
                            "eta", "relative drift", names, rows, neta, 3, 1))
        {
            snprintf(buf + strlen(buf), sizeof buf - strlen(buf),
                     "; plot %s", png);
            json_object_set_new(r->data, "plot", json_string(png));
        }
        free(rows);
    }
    tsa_claim_set_concl(r, discrete
                               ? "|w_j| constant along discrete GD steps"
                               : "d|w_j|^2/dt = 0 under gradient flow (w_j "
                                 "orthogonal to dJ/dw_j)", concl, buf);
done:
    free(grad);
    free(p0);
    free(n0);
    free(acc);
    if (X) gsl_matrix_free(X);
    if (Tg) gsl_matrix_free(Tg);
    if (rng) gsl_rng_free(rng);
    tsa_train_work_free(ws);
    tsa_train_work_free(wt);
    tsa_train_net_free(net);
    tsa_train_net_free(teacher);
    (void) prec;
    return st;
}
