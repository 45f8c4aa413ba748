/* t-specialise.c -- a two-layer run on an easy setup actually
 * specialises: SS two-layer teacher (unit rows, bias -0.1), d = 20,
 * 5 teacher nodes of equal strength (p = 0), 4x students, online data,
 * 3000 SGD steps, over several seeds.  The success rate (teachers with a
 * student of correlation > 0.95) is measured and printed, and must be a
 * clear majority; rho_mean must grow from its initial value; and (SS
 * Thm 2, section 7) students that match no teacher end with smaller
 * fan-out weights than the ones that do. */
#include "train_test.h"

START_TEST(t_easy)
{
    const int seeds = 4;
    size_t succ = 0, tot = 0, nlo = 0, nhi = 0;
    double fo_lo = 0.0, fo_hi = 0.0;
    int s;
    for (s = 1; s <= seeds; s++)
    {
        tsa_train_config c;
        tsa_train_state *st;
        size_t j, k, m, n, C;
        double rho0;
        ck_assert_int_eq(tsa_train_config_preset(&c, "ss2"), TSA_SUCCESS);
        c.d = 20;
        c.teacher_h[0] = 5;
        c.over = 4;
        c.outputs = 10;
        c.n_train = 0;
        c.n_eval = 2000;
        c.polarity = 0.0;
        c.steps = 3000;
        c.seed = (uint64_t) s;
        ck_assert_int_eq(tsa_train_state_alloc(&st, &c), TSA_SUCCESS);
        ck_assert_int_eq(tsa_train_state_log(st), TSA_SUCCESS);
        rho0 = st->hist[0].rho_mean;
        while (tsa_train_test_steps(st) != TSA_SUCCESS)
            ck_assert_int_eq(tsa_train_state_iterate(st), TSA_SUCCESS);
        ck_assert_int_eq(tsa_train_state_log(st), TSA_SUCCESS);
        m = st->teacher->size[1];
        n = st->student->size[1];
        C = st->student->size[2];
        succ += st->hist[1].success;
        tot += m;
        printf("# seed %d: rho_mean %.4f -> %.4f, specialised %zu/%zu, "
               "eval loss %.3e\n", s, rho0, st->hist[1].rho_mean,
               st->hist[1].success, m, st->hist[1].eval_loss);
        ck_assert_msg(st->hist[1].rho_mean > rho0 + 0.2,
                      "seed %d: rho_mean did not grow", s);
        for (k = 0; k < n; k++)
        {
            double best = -1.0, fo = 0.0;
            for (j = 0; j < m; j++)
                best = fmax(best, gsl_matrix_get(st->rho[0], j, k));
            for (j = 0; j < C; j++)
            {
                double v = st->student->param[st->student->off_W[1] + j * n + k];
                fo += v * v;
            }
            if (best > 0.95)
            {
                fo_hi += sqrt(fo);
                nhi++;
            }
            else if (best < 0.8)
            {
                fo_lo += sqrt(fo);
                nlo++;
            }
        }
        tsa_train_state_free(st);
    }
    printf("# success rate %zu/%zu = %.3f over %d seeds\n", succ, tot,
           (double) succ / (double) tot, seeds);
    ck_assert_msg(succ * 4 >= tot * 3, "only %zu/%zu teachers specialised",
                  succ, tot);
    if (nlo > 0 && nhi > 0)
    {
        printf("# mean fan-out |v_k|: specialised %.4f (%zu), unspecialised "
               "%.4f (%zu)\n", fo_hi / nhi, nhi, fo_lo / nlo, nlo);
        ck_assert_msg(fo_lo / nlo < fo_hi / nhi,
                      "unspecialised students have larger fan-out");
    }
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_easy};
    return tsa_test_main("train_specialise", tests, 1, 60);
}
