/* t-npy.c -- the strict .npy reader (src/certify/npy_header.c, npy.c):
 * arrays built byte by byte here (independent of NumPy) are read to the
 * exact numbers, in every accepted version, dtype and order; every
 * malformed header, dtype, shape, length or value is refused with the
 * tensor (and the index) named.  The .npz and CLI paths are covered by
 * tests/cli/import.sh on files NumPy wrote. */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "tsa_test.h"
#include "tsa_npy.h"

#define MAXB 4096

/* an image: magic, version, header dict padded to 64 bytes, payload */
static size_t
image(unsigned char *b, int major, const char *dict, const void *pay,
      size_t plen)
{
    size_t pre = major == 1 ? 10 : 12, dl = strlen(dict), hl;
    hl = dl + 1;
    hl += (64 - (pre + hl) % 64) % 64;
    memcpy(b, "\x93NUMPY", 6);
    b[6] = (unsigned char) major;
    b[7] = 0;
    b[8] = hl & 255;
    b[9] = (hl >> 8) & 255;
    if (major > 1)
        b[10] = b[11] = 0;
    memcpy(b + pre, dict, dl);
    memset(b + pre + dl, ' ', hl - dl - 1);
    b[pre + hl - 1] = '\n';
    memcpy(b + pre + hl, pay, plen);
    return pre + hl + plen;
}

static const double M23[6] = {1.5, -0.25, 0.1, 3e-300, -7.0, 0.0};

static void
expect_refused(const unsigned char *b, size_t len, const char *needle)
{
    tsa_npy_t a;
    ck_assert_int_eq(tsa_npy_parse(&a, b, len, "f.npz: fc1.weight"),
                     TSA_EFORMAT);
    ck_assert_ptr_null(a.data);
    ck_assert_msg(strstr(tsa_error_last(), "fc1.weight") != NULL,
                  "tensor not named: %s", tsa_error_last());
    ck_assert_msg(strstr(tsa_error_last(), needle) != NULL,
                  "'%s' not in: %s", needle, tsa_error_last());
}

START_TEST(t_good)
{
    unsigned char b[MAXB], pay[48];
    tsa_npy_t a;
    size_t len;
    int v, k, j;
    for (v = 1; v <= 3; v++)
    {
        len = image(b, v, "{'descr': '<f8', 'fortran_order': False, "
                    "'shape': (2, 3), }", M23, sizeof M23);
        ck_assert_int_eq(tsa_npy_parse(&a, b, len, "x"), TSA_SUCCESS);
        ck_assert_int_eq(a.ndim, 2);
        ck_assert_int_eq(a.rows, 2);
        ck_assert_int_eq(a.cols, 3);
        for (k = 0; k < 6; k++)
            ck_assert(a.data[k] == M23[k]);
        tsa_npy_clear(&a);
    }
    /* big-endian, keys in another order, double quotes, no trailing comma */
    for (k = 0; k < 6; k++)
        for (j = 0; j < 8; j++)
            pay[8 * k + j] = ((const unsigned char *) (M23 + k))[7 - j];
    len = image(b, 1, "{\"shape\": (2,3), \"descr\": \">f8\", "
                "\"fortran_order\": False}", pay, 48);
    ck_assert_int_eq(tsa_npy_parse(&a, b, len, "x"), TSA_SUCCESS);
    for (k = 0; k < 6; k++)
        ck_assert(a.data[k] == M23[k]);
    tsa_npy_clear(&a);
    /* Fortran order: the payload runs down the columns */
    {
        double F[6] = {M23[0], M23[3], M23[1], M23[4], M23[2], M23[5]};
        len = image(b, 2, "{'descr': '<f8', 'fortran_order': True, "
                    "'shape': (2, 3), }", F, sizeof F);
        ck_assert_int_eq(tsa_npy_parse(&a, b, len, "x"), TSA_SUCCESS);
        for (k = 0; k < 6; k++)
            ck_assert(a.data[k] == M23[k]);
        tsa_npy_clear(&a);
    }
    /* float32, exactly: 0.1f is not 0.1 */
    {
        float f[3] = {0.1f, -3.0f, 1e-40f};
        len = image(b, 1, "{'descr': '<f4', 'fortran_order': False, "
                    "'shape': (3,), }", f, sizeof f);
        ck_assert_int_eq(tsa_npy_parse(&a, b, len, "x"), TSA_SUCCESS);
        ck_assert_int_eq(a.ndim, 1);
        ck_assert_int_eq(a.rows, 1);
        ck_assert_int_eq(a.cols, 3);
        ck_assert(a.data[0] == (double) 0.1f && a.data[0] != 0.1);
        ck_assert(a.data[1] == -3.0 && a.data[2] == (double) 1e-40f);
        tsa_npy_clear(&a);
    }
}
END_TEST

START_TEST(t_header)
{
    unsigned char b[MAXB];
    size_t len;
    static const char *bad[][2] = {
        {"{'descr': '<f8', 'fortran_order': False}", "missing key"},
        {"{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), 'x': 1}",
         "unknown key"},
        {"{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, "
         "'shape': (2, 3)}", "twice"},
        {"{'descr': '<f8', 'fortran_order': 0, 'shape': (2, 3)}", "True or False"},
        {"{'descr': '<f8', 'fortran_order': False, 'shape': [2, 3]}", "tuple"},
        {"{'descr': '<f8', 'fortran_order': False, 'shape': (2, -3)}", "shape"},
        {"{'descr': 'f8', 'fortran_order': False, 'shape': (2, 3)}", "byte order"},
        {"{'descr': '<f8x', 'fortran_order': False, 'shape': (2, 3)}", "malformed"},
        {"['descr', '<f8']", "dict"},
        {"{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3)} x", "newline"},
    };
    size_t i;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
    {
        len = image(b, 1, bad[i][0], M23, sizeof M23);
        expect_refused(b, len, bad[i][1]);
    }
    len = image(b, 1, "{'descr': '<f8', 'fortran_order': False, "
                "'shape': (2, 3), }", M23, sizeof M23);
    b[0] = 0x92;
    expect_refused(b, len, "magic");
    b[0] = 0x93;
    b[6] = 4;
    expect_refused(b, len, "version");
    b[6] = 1;
    b[8] = 0xff;
    b[9] = 0xff; /* 65535 > the header bound */
    expect_refused(b, len, "header length");
    b[9] = 0x01; /* 511: longer than the file */
    expect_refused(b, len, "truncated");
    expect_refused(b, 9, "magic");
}
END_TEST

START_TEST(t_dtype_shape)
{
    unsigned char b[MAXB];
    size_t len;
    static const char *bad[][2] = {
        {"{'descr': '<i8', 'fortran_order': False, 'shape': (2, 3), }", "integer"},
        {"{'descr': '|u1', 'fortran_order': False, 'shape': (2, 3), }", "unsigned"},
        {"{'descr': '|b1', 'fortran_order': False, 'shape': (2, 3), }", "boolean"},
        {"{'descr': '<c16', 'fortran_order': False, 'shape': (2, 3), }", "complex"},
        {"{'descr': '|O', 'fortran_order': False, 'shape': (2, 3), }", "object"},
        {"{'descr': '<f2', 'fortran_order': False, 'shape': (2, 3), }", "float16"},
        {"{'descr': '<f16', 'fortran_order': False, 'shape': (2, 3), }", "long double"},
        {"{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (2, 3), }",
         "structured"},
        {"{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2, 3), }",
         "3 dimensions"},
        {"{'descr': '<f8', 'fortran_order': False, 'shape': (), }", "0 dimensions"},
        {"{'descr': '<f8', 'fortran_order': False, 'shape': (0, 3), }", "shape[0]"},
        {"{'descr': '<f8', 'fortran_order': False, 'shape': (2, 99999), }",
         "shape[1]"},
        {"{'descr': '<f8', 'fortran_order': False, 'shape': (16384, 2), }",
         "entries"},
        {"{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999, 2), }",
         "too large"},
        {"{'descr': '<f8', 'fortran_order': False, 'shape': (2, 4), }", "truncated"},
        {"{'descr': '<f8', 'fortran_order': False, 'shape': (5,), }", "trailing"},
        {"{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", "trailing"},
    };
    size_t i;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
    {
        len = image(b, 1, bad[i][0], M23, sizeof M23);
        expect_refused(b, len, bad[i][1]);
    }
}
END_TEST

START_TEST(t_values)
{
    unsigned char b[MAXB];
    double v[6];
    size_t len;
    memcpy(v, M23, sizeof v);
    v[4] = NAN;
    len = image(b, 1, "{'descr': '<f8', 'fortran_order': False, "
                "'shape': (2, 3), }", v, sizeof v);
    expect_refused(b, len, "entry [1][1] is NaN");
    v[4] = 0;
    v[2] = -INFINITY;
    len = image(b, 1, "{'descr': '<f8', 'fortran_order': False, "
                "'shape': (6,), }", v, sizeof v);
    expect_refused(b, len, "entry [2] is infinite");
    /* Fortran order: the index is the matrix's, not the payload's */
    v[2] = 0;
    v[1] = NAN; /* column 0, row 1 */
    len = image(b, 1, "{'descr': '<f8', 'fortran_order': True, "
                "'shape': (2, 3), }", v, sizeof v);
    expect_refused(b, len, "entry [1][0] is NaN");
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_good, t_header, t_dtype_shape, t_values};
    return tsa_test_main("npy", tests, 4, 30);
}
