/* t-ea.c -- the early-alignment trainer (tsa_ea.h): a hand-computed loss
 * and gradient, finite differences, bit-reproducibility per seed, sign-flip
 * counting on a constructed case, the key direction and the affine fit of
 * the seed's data, data files and limits. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "tsa_test.h"
#include "tsa_ea.h"

static void
default_data(tsa_ea_data *D)
{
    ck_assert_int_eq(tsa_ea_data_default(D), TSA_SUCCESS);
}

/* m = 1, w = (0, 1), a = 1: h = 1 on every sample, r = (-1/10, 9/10, 1/5),
 * L = (1/100 + 81/100 + 4/100) / 6, dL/da = (1/3) sum r = 1/3,
 * dL/dw = (1/3) sum r (x, 1) = (-7/60, 1/3). */
START_TEST(t_hand)
{
    tsa_ea_data D;
    tsa_ea_net N;
    double ws[16], h[3], gW[2], ga[1], L;
    default_data(&D);
    ck_assert_int_eq(tsa_ea_net_alloc(&N, 1, 2), TSA_SUCCESS);
    N.W[0] = 0.0, N.W[1] = 1.0, N.a[0] = 1.0;
    ck_assert(tsa_ea_work_size(3, 1) <= 16);
    L = tsa_ea_loss_grad(gW, ga, h, ws, &N, &D);
    tsa_test_close_d("L", L, 0.86 / 6.0, 1e-15, 1.0, 0);
    tsa_test_close_d("ga", ga[0], 1.0 / 3.0, 1e-15, 1.0, 0);
    tsa_test_close_d("gw0", gW[0], -7.0 / 60.0, 1e-15, 1.0, 0);
    tsa_test_close_d("gw1", gW[1], 1.0 / 3.0, 1e-15, 1.0, 0);
    ck_assert(h[0] == 1.0 && h[1] == 1.0 && h[2] == 1.0);
    tsa_ea_net_clear(&N);
    tsa_ea_data_clear(&D);
}
END_TEST

/* central differences on a random small network away from the kinks */
START_TEST(t_fd)
{
    tsa_ea_data D;
    tsa_ea_net N;
    size_t m = 4, i;
    double ws[64], h[3], gW[8], ga[4], e = 1e-6;
    default_data(&D);
    ck_assert_int_eq(tsa_ea_net_alloc(&N, m, 2), TSA_SUCCESS);
    ck_assert_int_eq(tsa_ea_net_init(&N, 1.0, 7), TSA_SUCCESS);
    (void) tsa_ea_loss_grad(gW, ga, h, ws, &N, &D);
    for (i = 0; i < m * 3; i++)
    {
        double *p = i < 2 * m ? N.W + i : N.a + (i - 2 * m), p0 = *p, Lp, Lm, g;
        *p = p0 + e;
        Lp = tsa_ea_loss_grad(NULL, NULL, h, ws, &N, &D);
        *p = p0 - e;
        Lm = tsa_ea_loss_grad(NULL, NULL, h, ws, &N, &D);
        *p = p0;
        g = i < 2 * m ? gW[i] : ga[i - 2 * m];
        tsa_test_close_d("fd", (Lp - Lm) / (2 * e), g, 1e-7, 1.0, (slong) i);
    }
    /* no pre-activation within 1e-3 of a kink, so the differences are valid */
    for (i = 0; i < m; i++)
    {
        size_t k;
        for (k = 0; k < 3; k++)
            ck_assert(fabs(N.W[2 * i] * D.X[2 * k] + N.W[2 * i + 1]) > 1e-3);
    }
    tsa_ea_net_clear(&N);
    tsa_ea_data_clear(&D);
}
END_TEST

/* balanced init: a_j^2 = |w_j|^2 exactly up to rounding, both signs */
START_TEST(t_init)
{
    tsa_ea_net N;
    size_t j, pos = 0;
    double s2 = 0.0;
    ck_assert_int_eq(tsa_ea_net_alloc(&N, 400, 2), TSA_SUCCESS);
    ck_assert_int_eq(tsa_ea_net_init(&N, 0.5, 3), TSA_SUCCESS);
    for (j = 0; j < 400; j++)
    {
        double n2 = N.W[2 * j] * N.W[2 * j] + N.W[2 * j + 1] * N.W[2 * j + 1];
        tsa_test_close_d("balance", N.a[j] * N.a[j], n2, 1e-14, 0.0, (slong) j);
        pos += N.a[j] > 0.0;
        s2 += n2;
    }
    ck_assert(pos > 150 && pos < 250);
    /* E |w_j|^2 = 2 lambda^2 / m: the sum is about 2 lambda^2 = 0.5 */
    ck_assert(s2 > 0.4 && s2 < 0.6);
    tsa_ea_net_clear(&N);
}
END_TEST

/* the same seed gives the same bytes; another seed does not */
START_TEST(t_repro)
{
    tsa_ea_data D;
    tsa_ea_opts o;
    tsa_ea_result r1, r2, r3;
    default_data(&D);
    tsa_ea_opts_default(&o);
    o.m = 20, o.lambda = 1e-4, o.lr = 0.1, o.steps = 1000, o.seed = 5;
    ck_assert_int_eq(tsa_ea_run(&r1, &o, &D), TSA_SUCCESS);
    ck_assert_int_eq(tsa_ea_run(&r2, &o, &D), TSA_SUCCESS);
    ck_assert(memcmp(&r1, &r2, sizeof r1) == 0);
    o.seed = 6;
    ck_assert_int_eq(tsa_ea_run(&r3, &o, &D), TSA_SUCCESS);
    ck_assert(memcmp(&r1, &r3, sizeof r1) != 0);
    /* the run escaped (t_esc about log(1e4)/0.715 = 12.9) and found one
       key direction: the least-squares affine fit's (-0.0952, 0.9955) */
    ck_assert(r1.escape_step > 0 && r1.t_escape > 8.0 && r1.t_escape < 20.0);
    ck_assert(r1.align_max >= 0.0 && r1.align_max < r1.t_escape);
    ck_assert_int_eq(r1.nclusters, 1);
    ck_assert(fabs(r1.cl_dir[0][0] + 0.0952) < 0.01 && r1.cl_dir[0][1] > 0.99);
    ck_assert(fabs(r1.loss - 0.0875214) < 1e-4);
    tsa_ea_data_clear(&D);
}
END_TEST

/* A constructed flip: w = (0, 1) (active on all samples), a = -1/100, so
 * h = -1/100, r = h - y and dL/da = (1/3) sum r = -0.67667; a step of lr
 * 0.1 takes a to +0.0577 (a flip), one of lr 0.01 to -0.0032 (none). */
START_TEST(t_flip)
{
    tsa_ea_data D;
    tsa_ea_net N;
    double ws[16], h[3], gW[2], ga[1];
    unsigned char fl[1] = {0};
    default_data(&D);
    ck_assert_int_eq(tsa_ea_net_alloc(&N, 1, 2), TSA_SUCCESS);
    N.W[0] = 0.0, N.W[1] = 1.0, N.a[0] = -0.01;
    (void) tsa_ea_loss_grad(gW, ga, h, ws, &N, &D);
    tsa_test_close_d("ga", ga[0], -2.03 / 3.0, 1e-14, 1.0, 0);
    ck_assert_int_eq(tsa_ea_step(&N, gW, ga, 0.01, fl), 0);
    ck_assert(N.a[0] < 0.0 && fl[0] == 0);
    N.W[0] = 0.0, N.W[1] = 1.0, N.a[0] = -0.01;
    ck_assert_int_eq(tsa_ea_step(&N, gW, ga, 0.1, fl), 1);
    ck_assert(N.a[0] > 0.0 && fl[0] == 1);
    /* back: a positive a with a large positive gradient flips to negative */
    ga[0] = 1.0;
    ck_assert_int_eq(tsa_ea_step(&N, gW, ga, 1.0, NULL), 1);
    ck_assert(N.a[0] < 0.0);
    tsa_ea_net_clear(&N);
    tsa_ea_data_clear(&D);
}
END_TEST

/* a run's flip count is the sum of its steps' counts (replayed by hand) */
START_TEST(t_flip_run)
{
    tsa_ea_data D;
    tsa_ea_opts o;
    tsa_ea_result r;
    tsa_ea_net N;
    double ws[1024], h[3], gW[100], ga[50];
    size_t k, flips = 0;
    default_data(&D);
    tsa_ea_opts_default(&o);
    o.m = 50, o.lambda = 1e-4, o.lr = 1.2, o.steps = 25, o.seed = 2;
    ck_assert_int_eq(tsa_ea_run(&r, &o, &D), TSA_SUCCESS);
    ck_assert_int_eq(tsa_ea_net_alloc(&N, 50, 2), TSA_SUCCESS);
    ck_assert_int_eq(tsa_ea_net_init(&N, o.lambda, o.seed), TSA_SUCCESS);
    for (k = 0; k < o.steps; k++)
    {
        (void) tsa_ea_loss_grad(gW, ga, h, ws, &N, &D);
        flips += tsa_ea_step(&N, gW, ga, o.lr, NULL);
    }
    ck_assert_int_eq(r.flips, flips);
    ck_assert(flips > 0); /* this large step flips tiny neurons early */
    tsa_ea_net_clear(&N);
    tsa_ea_data_clear(&D);
}
END_TEST

/* G* and the affine fit of the seed's data, computed by hand here */
START_TEST(t_key)
{
    tsa_ea_data D;
    double dir[2], G, L;
    double xm = -0.375, ym = 2.0 / 3.0, sxy = 0, sxx = 0, rss = 0, x[3] = {-0.75, -0.5, 0.125},
           y[3] = {1.1, 0.1, 0.8}, b;
    int k;
    default_data(&D);
    G = tsa_ea_key_direction(dir, &D);
    tsa_test_close_d("G*", G, hypot(-0.775, 2.0) / 3.0, 1e-14, 1.0, 0);
    tsa_test_close_d("dir0", dir[0], -0.775 / hypot(-0.775, 2.0), 1e-14, 1.0, 0);
    for (k = 0; k < 3; k++)
    {
        sxy += (x[k] - xm) * (y[k] - ym);
        sxx += (x[k] - xm) * (x[k] - xm);
    }
    b = sxy / sxx;
    for (k = 0; k < 3; k++)
        rss += pow(y[k] - ym - b * (x[k] - xm), 2);
    L = tsa_ea_affine_fit_loss(&D);
    tsa_test_close_d("affine", L, rss / 6.0, 1e-12, 1.0, 0);
    tsa_ea_data_clear(&D);
}
END_TEST

START_TEST(t_file_limits)
{
    tsa_ea_data D;
    tsa_ea_opts o;
    char path[] = "/tmp/t-ea-XXXXXX";
    int fd = mkstemp(path);
    FILE *f;
    ck_assert(fd >= 0);
    f = fdopen(fd, "w");
    fputs("# x y\n-0.75 1.1\n\n-0.5, 0.1\n0x1p-3 0.8\n", f);
    fclose(f);
    ck_assert_int_eq(tsa_ea_data_read(&D, path), TSA_SUCCESS);
    ck_assert(D.n == 3 && D.d == 1 && D.X[4] == 0.125 && D.X[5] == 1.0 && D.y[1] == 0.1);
    tsa_ea_opts_default(&o);
    ck_assert_int_eq(tsa_ea_opts_check(&o, &D), TSA_SUCCESS);
    tsa_ea_data_clear(&D);
    f = fopen(path, "w");
    fputs("1 2\n1 2 3\n", f);
    fclose(f);
    tsa_set_error_handler(NULL);
    ck_assert_int_eq(tsa_ea_data_read(&D, path), TSA_EINVAL);
    f = fopen(path, "w");
    fputs("1 nan\n", f);
    fclose(f);
    ck_assert_int_eq(tsa_ea_data_read(&D, path), TSA_EFORMAT);
    f = fopen(path, "w");
    fputs("1 1e300\n", f);
    fclose(f);
    ck_assert_int_eq(tsa_ea_data_read(&D, path), TSA_EINVAL);
    unlink(path);
    default_data(&D);
    o.m = 0;
    ck_assert_int_eq(tsa_ea_opts_check(&o, &D), TSA_EINVAL);
    o.m = TSA_EA_MAX_WIDTH + 1;
    ck_assert_int_eq(tsa_ea_opts_check(&o, &D), TSA_EINVAL);
    o.m = 10, o.lambda = NAN;
    ck_assert_int_eq(tsa_ea_opts_check(&o, &D), TSA_EINVAL);
    o.lambda = 1e-3, o.lr = 0.0;
    ck_assert_int_eq(tsa_ea_opts_check(&o, &D), TSA_EINVAL);
    o.lr = 0.1, o.m = 100000, o.steps = 100000000;
    ck_assert_int_eq(tsa_ea_opts_check(&o, &D), TSA_EINVAL); /* work */
    tsa_ea_data_clear(&D);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_hand, t_fd, t_init, t_repro, t_flip,
                            t_flip_run, t_key, t_file_limits};
    return tsa_test_main("ea", tests, (int) (sizeof tests / sizeof tests[0]), 30);
}
