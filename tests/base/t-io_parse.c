/* t-io_parse.c -- exact parsing of user numbers (tsa_io.h). */
#include <stdlib.h>
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

/* Exact hex floats beyond 53 bits and tiny exponents: exact, or refused
   with the field named; never rounded, never underflowed to 0. */
START_TEST(t_exact_limits)
{
    static const char *refused[] = {
        "0x1p-99999", "0x1p-16385", "0x1p1024", "1e-5000", "1e400",
        "1e999999999999", "0x1p99999999999", "0.1x", "--1", "0x", "1e",
        "[1 +/- -1]", "[1 +/- 1", "inf", "-Infinity", "NAN"};
    arb_t x, ref;
    double v;
    char *big;
    size_t i;
    arb_init(x);
    arb_init(ref);
    /* 0x1.000...01p0 with 100 hex digits: 1 + 2^-400, exactly */
    big = malloc(200);
    strcpy(big, "0x1.");
    for (i = 0; i < 99; i++)
        strcat(big, "0");
    strcat(big, "1p0");
    ck_assert_int_eq(tsa_io_parse_arb(x, big, "x", 64), TSA_SUCCESS);
    arb_one(ref);
    arb_mul_2exp_si(ref, ref, -400);
    arb_add_ui(ref, ref, 1, 1000);
    ck_assert(arb_is_exact(x) && arb_equal(x, ref));
    ck_assert_int_eq(tsa_io_parse_double_exact(&v, big, "x"), TSA_EFORMAT);
    ck_assert(strncmp(tsa_error_last(), "x: '0x1.000", 11) == 0);
    ck_assert(strstr(tsa_error_last(), "...' is not exactly a double (it would "
                     "be rounded)") != NULL);
    free(big);
    /* the smallest accepted magnitude is exact */
    ck_assert_int_eq(tsa_io_parse_arb(x, "0x1p-16384", "x", 64), TSA_SUCCESS);
    ck_assert(arf_cmpabs_2exp_si(arb_midref(x), -16384) == 0);
    for (i = 0; i < sizeof refused / sizeof refused[0]; i++)
    {
        ck_assert_msg(tsa_io_parse_arb(x, refused[i], "c[3]", 64) == TSA_EFORMAT,
                      "accepted '%s'", refused[i]);
        ck_assert(strncmp(tsa_error_last(), "c[3]: ", 6) == 0);
    }
    ck_assert_int_eq(tsa_io_parse_arb(x, "0x1p-99999", "center[3]", 64),
                     TSA_EFORMAT);
    ck_assert_str_eq(tsa_error_last(), "center[3]: '0x1p-99999' underflows "
                     "(nonzero |x| < 2^-16384 is refused, not rounded)");
    /* a 10^4-digit decimal is refused before Arb sees it */
    big = malloc(10010);
    memset(big, '1', 10000);
    big[10000] = '\0';
    ck_assert_int_eq(tsa_io_parse_arb(x, big, "x", 64), TSA_EFORMAT);
    ck_assert(strstr(tsa_error_last(), "more than 5000 significant digits"));
    free(big);
    /* exact parsing: binary decimals yes, 0.1 no */
    ck_assert_int_eq(tsa_io_parse_exact(x, "-0.375e1", "x"), TSA_SUCCESS);
    ck_assert(arf_equal_si(arb_midref(x), 0) == 0 && arb_is_exact(x));
    ck_assert_int_eq(tsa_io_parse_exact(x, "0.1", "w"), TSA_EFORMAT);
    ck_assert_str_eq(tsa_error_last(), "w: '0.1' is not a binary number (not exact)");
    /* doubles: exact hex, subnormals exact, decimal underflow refused */
    ck_assert_int_eq(tsa_io_parse_double_exact(&v, "0x1p-1074", "x"), TSA_SUCCESS);
    ck_assert(v == 0x1p-1074);
    ck_assert_int_eq(tsa_io_parse_double_exact(&v, "0x1p-1075", "x"), TSA_EFORMAT);
    ck_assert_int_eq(tsa_io_parse_double(&v, "1e-400", "lr"), TSA_EFORMAT);
    ck_assert_int_eq(tsa_io_parse_double(&v, "0x1.00000000000001p0", "lr"),
                     TSA_EFORMAT);
    arb_clear(x);
    arb_clear(ref);
}
END_TEST

/* Arb dumps: real dumps round-trip through the validator; malformed ones
   (which make arb_load_str abort) are refused. */
START_TEST(t_dump)
{
    static const char *bad[] = {
        "0 0 0 9", "0 -1 0 0", "0 -3 0 0", "2 0 0 0", "1 0 0 -1", "1 0",
        "1 0 0 0 0", "1  0 0 0", "01 0 0 0", "-0 0 0 0", "1 0 -1 0",
        "1 0 40000001 0", "1 0 0 0 ", "1 0 0 0\n", "1 1000 0 0",
        "1 -4001 0 0", "A 0 0 0", "1 0 1 fffffffff", "x"};
    flint_rand_t st;
    arb_t x, y;
    slong iter;
    size_t i;
    flint_randinit(st);
    arb_init(x);
    arb_init(y);
    for (iter = 0; iter < 2000; iter++)
    {
        char *s;
        arb_randtest(x, st, 2 + n_randint(st, 3000), 9);
        s = arb_dump_str(x);
        ck_assert_msg(tsa_io_check_arb_dump(s, "x") == TSA_SUCCESS,
                      "refused '%s': %s", s, tsa_error_last());
        ck_assert_int_eq(tsa_io_load_arb_dump(y, s, "x"), TSA_SUCCESS);
        ck_assert(arb_equal(x, y));
        flint_free(s);
    }
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
    {
        ck_assert_msg(tsa_io_load_arb_dump(y, bad[i], "W[0][0]") == TSA_EFORMAT,
                      "accepted '%s'", bad[i]);
        ck_assert(strncmp(tsa_error_last(), "W[0][0]: ", 9) == 0);
        ck_assert(strchr(tsa_error_last(), '\n') == NULL);
    }
    arb_clear(x);
    arb_clear(y);
    flint_randclear(st);
}
END_TEST

/* decimal renderings must print the exact value to their digits */
START_TEST(t_decimal_of)
{
    arb_t x;
    char *s;
    arb_init(x);
    arb_set_d(x, 0.1);  /* 0.1000000000000000055511151231257827... */
    s = arb_get_str(x, 20, ARB_STR_NO_RADIUS);
    ck_assert_int_eq(tsa_io_check_decimal_of(s, x, "d"), TSA_SUCCESS);
    flint_free(s);
    ck_assert_int_eq(tsa_io_check_decimal_of("0.10000000000000000555", x, "d"),
                     TSA_SUCCESS);
    ck_assert_int_eq(tsa_io_check_decimal_of("0.10000000000000000000", x, "d"),
                     TSA_EFORMAT);
    ck_assert_int_eq(tsa_io_check_decimal_of("0.1", x, "d"), TSA_SUCCESS);
    /* one unit of the last digit is allowed: 0.2 is within 0.1 of x */
    ck_assert_int_eq(tsa_io_check_decimal_of("0.2", x, "d"), TSA_SUCCESS);
    ck_assert_int_eq(tsa_io_check_decimal_of("0.3", x, "d"), TSA_EFORMAT);
    ck_assert_int_eq(tsa_io_check_decimal_of("0", x, "d"), TSA_EFORMAT);
    arb_zero(x);
    ck_assert_int_eq(tsa_io_check_decimal_of("0", x, "d"), TSA_SUCCESS);
    ck_assert_int_eq(tsa_io_check_decimal_of("1e-30", x, "d"), TSA_EFORMAT);
    arb_clear(x);
}
END_TEST

/* files: directories and FIFOs are refused, the same file is recognised */
START_TEST(t_files)
{
    char *text;
    size_t len;
    ck_assert_int_eq(tsa_io_read_file(&text, &len, "/tmp", 1000), TSA_EINVAL);
    ck_assert_str_eq(tsa_error_last(), "/tmp: not a regular file");
    ck_assert_int_eq(tsa_io_read_file(&text, &len, "/nonexistent/x", 10),
                     TSA_EIO);
    ck_assert(tsa_io_same_file("/tmp", "/tmp/."));
    ck_assert(!tsa_io_same_file("/tmp", "-"));
    ck_assert(!tsa_io_same_file("/tmp", "/nonexistent/x"));
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_exact, t_reject, t_vec, t_exact_limits, t_dump,
                            t_decimal_of, t_files};
    int r = tsa_test_main("io_parse", tests, 7, 0);
    flint_cleanup();
    return r;
}
