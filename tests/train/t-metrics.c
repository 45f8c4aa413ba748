/* t-metrics.c -- correlations, rho_mean / success, mean rank, angles,
 * eps-alignment, augmentations, and LM Thm 3 on a training run.
 * Expected values are computed here by hand (definitions in
 * docs/train.md section 5), never by the functions under test. */
#include "train_test.h"

/* rho from its definition, one pair at a time */
static double
pearson(const gsl_matrix *A, size_t j, const gsl_matrix *B, size_t k)
{
    size_t N = A->size1, i;
    double ma = 0, mb = 0, sab = 0, saa = 0, sbb = 0;
    for (i = 0; i < N; i++)
    {
        ma += gsl_matrix_get(A, i, j) / N;
        mb += gsl_matrix_get(B, i, k) / N;
    }
    for (i = 0; i < N; i++)
    {
        double a = gsl_matrix_get(A, i, j) - ma, b = gsl_matrix_get(B, i, k) - mb;
        sab += a * b;
        saa += a * a;
        sbb += b * b;
    }
    return (saa > 0 && sbb > 0) ? sab / sqrt(saa * sbb) : 0.0;
}

START_TEST(t_corr)
{
    gsl_rng *r = test_rng();
    size_t N = 50, m = 3, n = 5, j, k;
    gsl_matrix *A = test_gauss(N, m, 1, r), *B = test_gauss(N, n, 1, r);
    gsl_matrix *rho = gsl_matrix_alloc(m, n);
    double *ws = malloc((N * (m + n) + m + n) * sizeof(double));
    size_t best[3], ns;
    double rm;
    /* student 4 = 2 * teacher 1 + 3 (correlation 1), student 0 constant */
    for (k = 0; k < N; k++)
    {
        gsl_matrix_set(B, k, 4, 2 * gsl_matrix_get(A, k, 1) + 3);
        gsl_matrix_set(B, k, 0, 7.0);
    }
    tsa_train_corr(rho, A, B, ws);
    for (j = 0; j < m; j++)
        for (k = 0; k < n; k++)
            tsa_test_close_d("rho", gsl_matrix_get(rho, j, k),
                             pearson(A, j, B, k), 1e-13, 1.0, 0);
    ck_assert(fabs(gsl_matrix_get(rho, 1, 4) - 1.0) < 1e-14);
    ck_assert(gsl_matrix_get(rho, 0, 0) == 0.0);
    rm = tsa_train_rho_mean(&ns, best, rho, 0.95);
    ck_assert_int_eq(best[1], 4);
    ck_assert_int_eq(ns, 1);
    {
        double ref = 0;
        for (j = 0; j < m; j++)
        {
            double mx = -2;
            for (k = 0; k < n; k++)
                mx = fmax(mx, pearson(A, j, B, k));
            ref += mx / m;
        }
        tsa_test_close_d("rho_mean", rm, ref, 1e-13, 1.0, 0);
    }
    free(ws);
    gsl_matrix_free(A);
    gsl_matrix_free(B);
    gsl_matrix_free(rho);
    gsl_rng_free(r);
}
END_TEST

START_TEST(t_rank_angle_align)
{
    /* rows: teachers; best = {2, 0}: teacher 0's winner is 3rd of 4
       (rank 2/3), teacher 1's winner is first (0) -> mean 1/3 */
    double v[] = {0.9, 0.5, 0.4, 0.1,
                  0.8, 0.2, 0.3, 0.1};
    gsl_matrix_view rho = gsl_matrix_view_array(v, 2, 4);
    size_t best[2] = {2, 0};
    double u[] = {1, 0, 0}, w[] = {1, 1, 0}, z[] = {0, 0, 0}, w2[] = {2, 0.02, 0};
    tsa_test_close_d("mean rank", tsa_train_mean_rank(&rho.matrix, best),
                     1.0 / 3.0, 1e-15, 1, 0);
    tsa_test_close_d("angle", tsa_train_angle(u, w, 3), M_PI / 4, 1e-15, 1, 0);
    ck_assert(tsa_train_angle(u, z, 3) == M_PI / 2);
    /* sin angle(u, w2) = 0.01; biases scaled by the norms: 0.1 vs 0.2/2 */
    ck_assert(tsa_train_eps_aligned(u, 0.1, w2, 0.2, 3, 0.02));
    ck_assert(!tsa_train_eps_aligned(u, 0.1, w2, 0.2, 3, 0.005));
    ck_assert(!tsa_train_eps_aligned(u, 0.1, w2, 0.5, 3, 0.02));
    {
        double mw2[] = {-2, -0.02, 0}; /* antiparallel: sin small, not aligned */
        ck_assert(!tsa_train_eps_aligned(u, 0.1, mw2, -0.2, 3, 0.02));
    }
}
END_TEST

START_TEST(t_augment)
{
    gsl_rng *r = test_rng();
    size_t sz[] = {3, 2, 1}, N = 40, d = 3, i, u, K = 7, extra = 0, row;
    tsa_train_net *t = test_net(2, sz, 1, 0, 0, 0, 0.0, r);
    gsl_matrix *X = test_gauss(N, d, 1.0, r), *A;
    double eps = 0.3, c = 2.0, delta = 2 * eps / (c * pow(K, 1.5));
    ck_assert_int_eq(tsa_train_augment(&A, X, TSA_TRAIN_AUG_AGNOSTIC, eps, c,
                                       K, t), TSA_SUCCESS);
    ck_assert_int_eq(A->size1, N * (1 + 2 * d));
    for (i = 0; i < N; i++)
        for (u = 0; u < d; u++)
        {
            row = N + 2 * (i * d + u);
            ck_assert(gsl_matrix_get(A, row, u)
                      == gsl_matrix_get(X, i, u) + delta);
            ck_assert(gsl_matrix_get(A, row + 1, u)
                      == gsl_matrix_get(X, i, u) - delta);
            ck_assert(gsl_matrix_get(A, row, (u + 1) % d)
                      == gsl_matrix_get(X, i, (u + 1) % d));
        }
    gsl_matrix_free(A);
    /* teacher-aware: 2 points per (teacher j, sample in its eps-band) */
    for (i = 0; i < N; i++)
        for (u = 0; u < 2; u++)
        {
            double zz = t->param[t->off_b[0] + u];
            size_t a;
            for (a = 0; a < d; a++)
                zz += t->param[t->off_W[0] + u * d + a] * gsl_matrix_get(X, i, a);
            extra += 2 * (fabs(zz) <= eps);
        }
    ck_assert_int_eq(tsa_train_augment(&A, X, TSA_TRAIN_AUG_AWARE, eps, c, K,
                                       t), TSA_SUCCESS);
    ck_assert_int_eq(A->size1, N + extra);
    ck_assert_msg(extra > 0, "no sample in any band: test is vacuous");
    gsl_matrix_free(A);
    gsl_matrix_free(X);
    tsa_train_net_free(t);
    gsl_rng_free(r);
}
END_TEST

/* LM Thm 3 on the dynamics: with BN the first-layer norms |w_j| (with
 * bias) change only at second order in lr; without BN at first order. */
static double
max_rel_norm_change(int bn)
{
    tsa_train_config c;
    tsa_train_state *st;
    size_t j, k, d, n;
    double before[64], worst = 0;
    ck_assert_int_eq(tsa_train_config_preset(&c, "ss2"), TSA_SUCCESS);
    c.d = 10;
    c.teacher_h[0] = 4;
    c.over = 3;
    c.outputs = 3;
    c.n_train = 0;
    c.n_eval = 50;
    c.init_std = 0.3;
    c.lr = 1e-3;
    c.steps = 300;
    c.batchnorm = bn;
    ck_assert_int_eq(tsa_train_state_alloc(&st, &c), TSA_SUCCESS);
    d = st->student->size[0];
    n = st->student->size[1];
    for (j = 0; j < n; j++)
    {
        double s = 0;
        for (k = 0; k < d; k++)
            s += pow(st->student->param[st->student->off_W[0] + j * d + k], 2);
        s += pow(st->student->param[st->student->off_b[0] + j], 2);
        before[j] = sqrt(s);
    }
    while (tsa_train_test_steps(st) != TSA_SUCCESS)
        ck_assert_int_eq(tsa_train_state_iterate(st), TSA_SUCCESS);
    for (j = 0; j < n; j++)
    {
        double s = 0;
        for (k = 0; k < d; k++)
            s += pow(st->student->param[st->student->off_W[0] + j * d + k], 2);
        s += pow(st->student->param[st->student->off_b[0] + j], 2);
        worst = fmax(worst, fabs(sqrt(s) - before[j]) / before[j]);
    }
    tsa_train_state_free(st);
    return worst;
}

START_TEST(t_bn_norms)
{
    double with = max_rel_norm_change(1), without = max_rel_norm_change(0);
    printf("# max relative change of |w_j| over 300 steps: BN %.2e, no BN "
           "%.2e\n", with, without);
    ck_assert_msg(with < 1e-3, "BN: |w_j| changed by %g", with);
    ck_assert_msg(without > 10 * with, "without BN the norms should move");
}
END_TEST

/* An exact record (metric_rows = 0, ss2 shape, 1300 eval and train rows)
 * writes none of the evaluation workspace's rows past the first 512 (the
 * code before wrote all of them: first touch of its n_eval-row buffers,
 * docs/train.md s. 9), and its numbers are the bits of the one-pass
 * evaluation: the eval loss of one tsa_train_grad call over all rows, the
 * training loss in the SGD workspace's chunks, rho of tsa_train_corr. */
START_TEST(t_record_chunks)
{
    tsa_train_config cfg;
    tsa_train_state *st;
    const tsa_train_record *rec;
    gsl_matrix *Z0, *H0, *Z1, *rho;
    double *ws, tl = 0.0, el;
    size_t i, N = 1300, bw, nt;
    ck_assert_int_eq(tsa_train_config_preset(&cfg, "ss2"), TSA_SUCCESS);
    cfg.n_eval = cfg.n_train = N;
    cfg.steps = 30;
    cfg.metric_rows = 0;
    ck_assert_int_eq(tsa_train_state_alloc(&st, &cfg), TSA_SUCCESS);
    for (i = 0; i < 30; i++)
        ck_assert_int_eq(tsa_train_state_iterate(st), TSA_SUCCESS);
    Z0 = st->es->Z[0];
    H0 = st->es->H[0];
    Z1 = st->es->Z[1];
    for (i = 512; i < N; i++)
    {
        gsl_matrix_set(Z0, i, 0, NAN);
        gsl_matrix_set(H0, i, 0, NAN);
        gsl_matrix_set(Z1, i, 0, NAN);
    }
    ck_assert_int_eq(tsa_train_state_log(st), TSA_SUCCESS);
    rec = &st->hist[st->nhist - 1];
    ck_assert_int_eq(rec->eval_rows, 0);
    for (i = 512; i < N; i++)
        ck_assert_msg(isnan(gsl_matrix_get(Z0, i, 0))
                      && isnan(gsl_matrix_get(H0, i, 0))
                      && isnan(gsl_matrix_get(Z1, i, 0)),
                      "eval workspace row %zu written", i);
    /* the one-pass numbers */
    el = tsa_train_grad(NULL, st->es, st->student, st->Xeval, st->Teval);
    ck_assert_msg(el == rec->eval_loss, "eval loss %.17g, one pass %.17g",
                  rec->eval_loss, el);
    bw = st->ws->bmax;
    for (i = 0; i < N; i += bw)
    {
        size_t Bc = N - i < bw ? N - i : bw;
        gsl_matrix_view X = gsl_matrix_submatrix(st->Xtrain, i, 0, Bc, cfg.d);
        gsl_matrix_view T =
            gsl_matrix_submatrix(st->Ttrain, i, 0, Bc, cfg.outputs);
        tl += (double) Bc / (double) N
              * tsa_train_grad(NULL, st->ws, st->student, &X.matrix,
                               &T.matrix);
    }
    ck_assert_msg(tl == rec->train_loss, "train loss %.17g, chunks %.17g",
                  rec->train_loss, tl);
    nt = st->teacher->size[1];
    rho = gsl_matrix_alloc(nt, st->student->size[1]);
    ws = malloc((N + 1) * (nt + st->student->size[1]) * sizeof(double));
    ck_assert_ptr_nonnull(ws);
    tsa_train_corr(rho, st->et->H[0], H0, ws);
    for (i = 0; i < rho->size1 * rho->size2; i++)
        ck_assert_msg(rho->data[i] == st->rho[0]->data[i],
                      "rho entry %zu: %.17g, one pass %.17g", i,
                      st->rho[0]->data[i], rho->data[i]);
    free(ws);
    gsl_matrix_free(rho);
    tsa_train_state_free(st);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_corr, t_rank_angle_align, t_augment, t_bn_norms,
                            t_record_chunks};
    return tsa_test_main("train_metrics", tests, 5, 30);
}
