/* lm_assume.c -- LM Assumption 2 (Lipschitz constants K_d, K_l of psi_d,
 * psi_l on a region) and Assumption 3 (small overlap eps_d, eps_l of a
 * teacher), docs/claims-lm.md s. 2-3. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_kernel.h"
#include "tsa_train.h"
#include "lm_impl.h"

static const char *psi_name[2] = {"psi_d", "psi_l"};

/* conclusion for one kernel: K finite [and <= claimed] */
static tsa_truth_t
k_truth(char *ev, size_t n, tsa_truth_t kt, double kup, double klo,
        double t1, double t2, long nbox, const arb_t claim, int has_claim,
        tsa_lm_psi_t which)
{
    if (kt == TSA_FALSE)
    {
        snprintf(ev, n, "%s: no finite K (psi(w, w1) = 0 at angle pi "
                 "inside the region while psi(w, w2) > 0)", psi_name[which]);
        return TSA_FALSE;
    }
    if (kt != TSA_TRUE)
    {
        snprintf(ev, n, "%s: undecided (Theta not separated from pi)",
                 psi_name[which]);
        return TSA_UNDECIDED;
    }
    if (!has_claim)
    {
        snprintf(ev, n, "%s: %.9g <= K <= %.9g (upper bound rigorous, %ld "
                 "boxes; lower bound attained at t1 = %.6g, t2 = %.6g)",
                 psi_name[which], klo, kup, nbox, t1, t2);
        return TSA_TRUE;
    }
    {
        arb_t a;
        tsa_truth_t res;
        char cs[64];
        arb_init(a);
        _tsa_lm_str(cs, sizeof cs, claim, 10);
        arb_set_d(a, kup);
        if (arb_le(a, claim))
            res = TSA_TRUE;
        else
        {
            arb_set_d(a, klo);
            res = arb_gt(a, claim) ? TSA_FALSE : TSA_UNDECIDED;
        }
        snprintf(ev, n, "%s: %.9g <= K <= %.9g (rigorous, %ld boxes; "
                 "witness t1 = %.6g, t2 = %.6g) vs claimed K = %s: %s",
                 psi_name[which], klo, kup, nbox, t1, t2, cs,
                 res == TSA_TRUE ? "holds"
                 : res == TSA_FALSE ? "refuted by the witness" : "undecided");
        arb_clear(a);
        return res;
    }
}

int
tsa_claim_check_lm_lipschitz(tsa_claim_result_t r, const json_t *params,
                             const char *file, slong prec)
{
    arb_t Theta, Phi, pi, Kd, Kl;
    double rtol, kup[2], klo[2], t1[2], t2[2];
    long maxbox, nbox[2];
    int st, hasd, hasl, w;
    tsa_truth_t kt[2], c[2], h;
    char ev[2][600], buf[1400], ths[64], phs[64];

    if (json_object_get(params, "W") != NULL)     /* units with bias */
        return _tsa_lm_lipschitz_bias(r, params, file, prec);
    arb_init(Theta); arb_init(Phi); arb_init(pi); arb_init(Kd); arb_init(Kl);
    arb_const_pi(pi, prec);
    if ((st = _tsa_lm_get_arb(Theta, params, "Theta", NULL, file, prec)))
        goto done;
    if (json_object_get(params, "Phi") != NULL)
    {
        if ((st = _tsa_lm_get_arb(Phi, params, "Phi", NULL, file, prec)))
            goto done;
    }
    else
    {
        arb_mul_2exp_si(Phi, Theta, 1);
        arb_min(Phi, Phi, pi, prec);
    }
    if (!arb_is_nonnegative(Theta) || !arb_is_nonnegative(Phi))
    {
        st = TSA_ERROR(TSA_EFORMAT, "%s: params.Theta, Phi: must be >= 0",
                       file);
        goto done;
    }
    hasd = json_object_get(params, "K_d") != NULL;
    hasl = json_object_get(params, "K_l") != NULL;
    if ((hasd && (st = _tsa_lm_get_arb(Kd, params, "K_d", NULL, file, prec)))
        || (hasl && (st = _tsa_lm_get_arb(Kl, params, "K_l", NULL, file, prec)))
        || (st = _tsa_lm_get_double(&rtol, params, "rtol", 1e-3, 1e-12, 1.0,
                                    file))
        || (st = _tsa_lm_get_int(&maxbox, params, "max_boxes", 200000, 16,
                                 100000000, file)))
        goto done;

    _tsa_lm_str(ths, sizeof ths, Theta, 10);
    _tsa_lm_str(phs, sizeof phs, Phi, 10);
    snprintf(buf, sizeof buf, "ReLU, zero bias, x ~ N(0, I); region: unit "
             "w, w1, w2 with angle(w, w1), angle(w, w2) <= Theta = %s and "
             "angle(w1, w2) <= Phi = %s", ths, phs);
    r->instance = strdup(buf);
    r->method = strdup(
        "Relative form of LM eq. (8) as used in Lemma 2: K = sup |psi(w,w1) - "
        "psi(w,w2)| / (psi(w,w1) |w1 - w2|), reduced to the angles t1, t2 "
        "(docs/claims-lm.md s. 2) and bounded by interval branch-and-bound "
        "in Arb over (t1, t2): per box the smaller of a mean-value bound "
        "(sup |psi'| q(Delta) / inf psi) and the direct quotient; upper "
        "bounds rounded up, the lower bound is the ratio at an exact point.");

    tsa_claim_add_hyp(r, "x ~ N(0, I), ReLU, zero bias, unit norms (psi as "
                      "functions of the angle, docs/kernels.md)", TSA_TRUE,
                      "by construction (exact)");
    h = _tsa_lm_le(Theta, pi);
    if (h == TSA_TRUE && !arb_lt(Theta, pi))
        h = TSA_UNDECIDED;
    if (arb_ge(Theta, pi))
        h = TSA_FALSE;
    snprintf(buf, sizeof buf, "Theta = %s %s pi: psi_d(w, w1) = (pi - t1)/"
             "(2 pi) %s", ths, h == TSA_TRUE ? "<" : h == TSA_FALSE ? ">="
             : "?", h == TSA_TRUE ? "> 0 on the region" : h == TSA_FALSE
             ? "vanishes at t1 = pi" : "undecided");
    tsa_claim_add_hyp(r, "psi(w, w1) > 0 on the region (Theta < pi)", h, buf);

    for (w = 0; w < 2; w++)
    {
        kt[w] = _tsa_lm_kconst(kup + w, klo + w, t1 + w, t2 + w, nbox + w,
                               (tsa_lm_psi_t) w, Theta, Phi, rtol, maxbox,
                               prec);
        c[w] = k_truth(ev[w], sizeof ev[w], kt[w], kup[w], klo[w], t1[w],
                       t2[w], nbox[w], w ? Kl : Kd, w ? hasl : hasd,
                       (tsa_lm_psi_t) w);
        json_object_set_new(r->data, w ? "K_l_upper" : "K_d_upper",
                            json_real(kup[w]));
        json_object_set_new(r->data, w ? "K_l_lower" : "K_d_lower",
                            json_real(klo[w]));
    }
    snprintf(buf, sizeof buf, "%s; %s", ev[0], ev[1]);
    tsa_claim_set_concl(r, (hasd || hasl)
                               ? "Assumption 2 holds on the region with the "
                                 "claimed K_d, K_l"
                               : "Assumption 2 holds on the region (finite "
                                 "K_d, K_l)",
                        (c[0] == TSA_FALSE || c[1] == TSA_FALSE) ? TSA_FALSE
                        : (c[0] == TSA_TRUE && c[1] == TSA_TRUE) ? TSA_TRUE
                        : TSA_UNDECIDED, buf);
done:
    arb_clear(Theta); arb_clear(Phi); arb_clear(pi); arb_clear(Kd);
    arb_clear(Kl);
    return st;
}

/* ------------------------------------------------------------------ */

/* first-layer rows (d + bias entries each) of the teacher named in params;
 * *s gets the input scale */
static int
teacher_rows(double **W, size_t *m, size_t *d, int *bias, arb_t s,
             char *desc, size_t descn, const json_t *params,
             const char *file, slong prec)
{
    const char *kind;
    int st;
    size_t i, j;
    *W = NULL;
    if ((st = _tsa_lm_get_str(&kind, params, "teacher", "matrix", file)))
        return st;
    if (strcmp(kind, "lm") == 0)
    {
        tsa_train_config cfg;
        tsa_train_state *ts = NULL;
        long seed;
        const tsa_train_net *t;
        if ((st = _tsa_lm_get_int(&seed, params, "seed", 1, 0, 1L << 40,
                                  file)))
            return st;
        if ((st = tsa_train_config_preset(&cfg, "lm")))
            return st;
        cfg.seed = (uint64_t) seed;
        cfg.n_eval = 16;
        tsa_train_config_resolve(&cfg);
        if ((st = tsa_train_state_alloc(&ts, &cfg)))
            return st;
        t = ts->teacher;
        *m = t->size[1];
        *d = t->size[0];
        *bias = t->bias;
        *W = malloc(sizeof(double) * *m * (*d + 1));
        for (i = 0; i < *m; i++)
        {
            for (j = 0; j < *d; j++)
                (*W)[i * (*d + 1) + j] = t->param[t->off_W[0] + i * *d + j];
            (*W)[i * (*d + 1) + *d] = t->bias ? t->param[t->off_b[0] + i] : 0;
        }
        *bias = 1;
        arb_set_d(s, cfg.sigma);
        snprintf(desc, descn, "preset lm teacher (seed %ld), layer 0: "
                 "%zu nodes, d = %zu, biases, x ~ N(0, %g^2 I)", seed, *m,
                 *d, cfg.sigma);
        tsa_train_state_free(ts);
        return TSA_SUCCESS;
    }
    if (strcmp(kind, "ortho") == 0)
    {
        long mm, dd;
        double b;
        if ((st = _tsa_lm_get_int(&mm, params, "m", 3, 1, 1000, file))
            || (st = _tsa_lm_get_int(&dd, params, "d", mm, mm, 100000, file))
            || (st = _tsa_lm_get_double(&b, params, "bias", 0.0, -1e6, 1e6,
                                        file))
            || (st = _tsa_lm_get_arb(s, params, "s", "1", file, prec)))
            return st;
        *m = (size_t) mm;
        *d = (size_t) dd;
        *bias = b != 0.0;
        *W = calloc(*m * (*d + 1), sizeof(double));
        for (i = 0; i < *m; i++)
        {
            (*W)[i * (*d + *bias) + i] = 1.0;
            if (*bias)
                (*W)[i * (*d + 1) + *d] = b;
        }
        snprintf(desc, descn, "orthonormal teacher w*_j = e_j, m = %zu, "
                 "d = %zu, bias %g", *m, *d, b);
        return TSA_SUCCESS;
    }
    if (strcmp(kind, "matrix") == 0)
    {
        size_t rows, cols;
        json_t *bv = json_object_get(params, "b");
        if ((st = _tsa_lm_get_matrix(W, &rows, &cols, params, "W", file))
            || (st = _tsa_lm_get_arb(s, params, "s", "1", file, prec)))
            return st;
        *m = rows;
        *d = cols;
        *bias = bv != NULL;
        if (*bias)
        {
            double *W2;
            if (!json_is_array(bv) || json_array_size(bv) != rows)
            {
                free(*W);
                *W = NULL;
                return TSA_ERROR(TSA_EFORMAT, "%s: params.b: array of %zu "
                                 "numbers", file, rows);
            }
            W2 = malloc(sizeof(double) * rows * (cols + 1));
            for (i = 0; i < rows; i++)
            {
                memcpy(W2 + i * (cols + 1), *W + i * cols,
                       sizeof(double) * cols);
                W2[i * (cols + 1) + cols] =
                    json_number_value(json_array_get(bv, i));
            }
            free(*W);
            *W = W2;
        }
        snprintf(desc, descn, "teacher given by its %zu x %zu first-layer "
                 "weights%s", rows, cols, *bias ? " and biases" : "");
        return TSA_SUCCESS;
    }
    return TSA_ERROR(TSA_EFORMAT, "%s: params.teacher: unknown teacher '%s' "
                     "(lm, ortho, matrix)", file, kind);
}

int
tsa_claim_check_lm_overlap(tsa_claim_result_t r, const json_t *params,
                           const char *file, slong prec)
{
    double *W = NULL;
    size_t m = 0, d = 0;
    int bias = 0, st, w, hasE[2];
    arb_t s, eps[2], E[2];
    long j1[2], j2[2], jb[2];
    tsa_truth_t h[2], c[2];
    char desc[512], buf[1600], ev[2][600], es[64], Es[64], ss[64];

    arb_init(s);
    for (w = 0; w < 2; w++)
    {
        arb_init(eps[w]);
        arb_init(E[w]);
    }
    if ((st = teacher_rows(&W, &m, &d, &bias, s, desc, sizeof desc, params,
                           file, prec)))
        goto done;
    hasE[0] = json_object_get(params, "eps_d") != NULL;
    hasE[1] = json_object_get(params, "eps_l") != NULL;
    if ((hasE[0] && (st = _tsa_lm_get_arb(E[0], params, "eps_d", NULL, file,
                                          prec)))
        || (hasE[1] && (st = _tsa_lm_get_arb(E[1], params, "eps_l", NULL,
                                             file, prec))))
        goto done;
    _tsa_lm_str(ss, sizeof ss, s, 8);
    r->instance = strdup(desc);
    r->method = strdup(
        "eps = max over ordered pairs j1 != j2 of psi(w*_j1, w*_j2) / "
        "psi(w*_j1, w*_j1) (LM eq. 9), each psi a rigorous Arb enclosure "
        "(tsa_kernel_psi_d, tsa_kernel_psi_l: bivariate normal orthant "
        "integrals with biases) of the exact float64 weights.");
    snprintf(buf, sizeof buf, "layer 0 input x ~ N(0, s^2 I), s = %s; ReLU",
             ss);
    tsa_claim_add_hyp(r, "the teacher layer sees Gaussian input (psi are the "
                      "kernels of LM eq. 7)", TSA_TRUE, buf);
    for (w = 0; w < 2; w++)
        h[w] = _tsa_lm_eps(eps[w], j1 + w, j2 + w, jb + w, (tsa_lm_psi_t) w,
                           W, m, d, bias, s, prec);
    if (h[0] == TSA_TRUE && h[1] == TSA_TRUE)
        snprintf(buf, sizeof buf, "all %zu diagonal values proved > 0", m);
    else
        snprintf(buf, sizeof buf, "node %ld: %s(w*_j, w*_j) %s",
                 jb[0] >= 0 ? jb[0] : jb[1], jb[0] >= 0 ? "psi_d" : "psi_l",
                 (h[0] == TSA_FALSE || h[1] == TSA_FALSE) ? "= 0 exactly "
                 "(node never active)" : "not separated from 0");
    tsa_claim_add_hyp(r, "d**_jj > 0 and l**_jj > 0 for every teacher node "
                      "(the ratios of eq. 9 are defined)",
                      (h[0] == TSA_FALSE || h[1] == TSA_FALSE) ? TSA_FALSE
                      : (h[0] == TSA_TRUE && h[1] == TSA_TRUE) ? TSA_TRUE
                      : TSA_UNDECIDED, buf);
    for (w = 0; w < 2; w++)
    {
        _tsa_lm_str(es, sizeof es, eps[w], 12);
        if (h[w] != TSA_TRUE)
        {
            c[w] = TSA_UNDECIDED;
            snprintf(ev[w], sizeof ev[w], "eps_%c not defined", w ? 'l' : 'd');
        }
        else if (!hasE[w])
        {
            c[w] = TSA_TRUE;
            snprintf(ev[w], sizeof ev[w], "eps_%c = %s (pair %ld, %ld)",
                     w ? 'l' : 'd', es, j1[w], j2[w]);
        }
        else
        {
            c[w] = _tsa_lm_le(eps[w], E[w]);
            _tsa_lm_str(Es, sizeof Es, E[w], 10);
            snprintf(ev[w], sizeof ev[w], "eps_%c = %s (pair %ld, %ld) %s "
                     "%s", w ? 'l' : 'd', es, j1[w], j2[w],
                     c[w] == TSA_TRUE ? "<=" : c[w] == TSA_FALSE ? ">" : "vs",
                     Es);
        }
        json_object_set_new(r->data, w ? "eps_l" : "eps_d", json_string(es));
        json_object_set_new(r->data, w ? "eps_l_upper" : "eps_d_upper",
                            json_real(_tsa_lm_ubound_d(eps[w])));
    }
    snprintf(buf, sizeof buf, "%s; %s", ev[0], ev[1]);
    tsa_claim_set_concl(r, "Assumption 3: d**_j1j2 <= eps_d d**_j1j1 and "
                        "l**_j1j2 <= eps_l l**_j1j1 with the stated eps",
                        (c[0] == TSA_FALSE || c[1] == TSA_FALSE) ? TSA_FALSE
                        : (c[0] == TSA_TRUE && c[1] == TSA_TRUE) ? TSA_TRUE
                        : TSA_UNDECIDED, buf);
done:
    free(W);
    arb_clear(s);
    for (w = 0; w < 2; w++)
    {
        arb_clear(eps[w]);
        arb_clear(E[w]);
    }
    return st;
}
