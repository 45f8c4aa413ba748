/* t-io_parse.c -- exact parsing of user numbers (tsa_io.h). */
#include <string.h>
#include "tsa_test.h"

/* Exact decimals and hex floats are exact balls with the right value. */
START_TEST(t_exact)
{
    arb_t x, ref;
    arb_init(x);
    arb_init(ref);

    ck_assert_int_eq(tsa_io_parse_arb(x, "0.375", "x", 64), TSA_SUCCESS);
    arb_set_si(ref, 3);
    arb_mul_2exp_si(ref, ref, -3);
    ck_assert(arb_is_exact(x) && arb_equal(x, ref));

    ck_assert_int_eq(tsa_io_parse_arb(x, "-0x1.8p-1", "x", 64), TSA_SUCCESS);
    arb_set_si(ref, -3);
    arb_mul_2exp_si(ref, ref, -2);
    ck_assert(arb_is_exact(x) && arb_equal(x, ref));

    /* 0.1 is not a binary rational: a ball that contains 1/10, not the
       double 0.1 (which is 0.1000000000000000055...). */
    ck_assert_int_eq(tsa_io_parse_arb(x, "0.1", "x", 128), TSA_SUCCESS);
    arb_set_ui(ref, 1);
    arb_div_ui(ref, ref, 10, 256);
    tsa_test_contains("0.1", x, ref, 0);
    tsa_test_accurate("0.1", x, 120, 0);
    arb_set_d(ref, 0.1);
    ck_assert(!arb_contains(x, ref));

    /* multiples of pi contain pi * p / q */
    ck_assert_int_eq(tsa_io_parse_arb(x, "2*pi/3", "x", 100), TSA_SUCCESS);
    arb_const_pi(ref, 300);
    arb_mul_ui(ref, ref, 2, 300);
    arb_div_ui(ref, ref, 3, 300);
    tsa_test_contains("2pi/3", x, ref, 0);
    tsa_test_accurate("2pi/3", x, 95, 0);

    arb_clear(x);
    arb_clear(ref);
}
END_TEST

/* Malformed and non-finite input is rejected with a message naming it. */
START_TEST(t_reject)
{
    static const char *bad[] = {"", "abc", "nan", "inf", "-inf", "1e999999999999",
                                "1..2", "0x1p99999", "pi/0", "1,2", "NaN"};
    arb_t x;
    double v;
    size_t i;
    arb_init(x);
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
    {
        int st = tsa_io_parse_arb(x, bad[i], "--theta", 64);
        ck_assert_msg(st == TSA_EFORMAT, "accepted '%s'", bad[i]);
        ck_assert(strncmp(tsa_error_last(), "--theta: ", 9) == 0);
    }
    ck_assert_int_eq(tsa_io_parse_double(&v, "nan", "lr"), TSA_EFORMAT);
    ck_assert_int_eq(tsa_io_parse_double(&v, "1e400", "lr"), TSA_EFORMAT);
    ck_assert_int_eq(tsa_io_parse_double(&v, "0x1.8p-1", "lr"), TSA_SUCCESS);
    ck_assert(v == 0.75);
    arb_clear(x);
}
END_TEST

START_TEST(t_vec)
{
    arb_ptr v;
    slong n;
    ck_assert_int_eq(tsa_io_parse_arb_vec(&v, &n, "1, 0.5,-2", "w", 64),
                     TSA_SUCCESS);
    ck_assert_int_eq(n, 3);
    ck_assert(arf_equal_si(arb_midref(v + 2), -2));
    _arb_vec_clear(v, n);
    ck_assert_int_eq(tsa_io_parse_arb_vec(&v, &n, "1,,2", "w", 64),
                     TSA_EFORMAT);
    ck_assert_str_eq(tsa_error_last(), "w[1]: empty number");
    ck_assert_int_eq(tsa_io_parse_arb_vec(&v, &n, "1,x", "w", 64),
                     TSA_EFORMAT);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_exact, t_reject, t_vec};
    return tsa_test_main("io_parse", tests, 3, 0);
}
