/* fuzz-number.c -- the number parser of src/base/io_parse.c.
 * Input: byte 0 selects the function (tsa_io_parse_arb, tsa_io_parse_double,
 * tsa_io_parse_arb_vec, tsa_io_parse_exact, tsa_io_parse_double_exact,
 * tsa_io_shown), byte 1 the precision (8 .. 1024 bits), the rest is the
 * text.  Properties (abort() when violated): parse_exact gives an exact
 * ball; a number parse_double_exact accepts is accepted by parse_exact with
 * the same value. */
#include "tsa_arb.h"
#include "tsa_io.h"
#include "fuzz.h"

static void
fuzz_one(const unsigned char *data, size_t len)
{
    char *s;
    slong prec;
    int mode;
    if (len < 2)
        return;
    mode = data[0] % 6;
    prec = 8 + 8 * (slong) (data[1] % 128);
    s = fuzz_strdup(data + 2, len - 2);
    if (mode == 0)
    {
        arb_t x;
        arb_init(x);
        (void) tsa_io_parse_arb(x, s, "fuzz", prec);
        arb_clear(x);
    }
    else if (mode == 1)
    {
        double x;
        (void) tsa_io_parse_double(&x, s, "fuzz");
    }
    else if (mode == 3)
    {
        arb_t x;
        arb_init(x);
        if (tsa_io_parse_exact(x, s, "fuzz") == TSA_SUCCESS
            && !arb_is_exact(x))
            abort();
        arb_clear(x);
    }
    else if (mode == 4)
    {
        double d;
        arb_t x;
        arb_init(x);
        if (tsa_io_parse_double_exact(&d, s, "fuzz") == TSA_SUCCESS
            && (tsa_io_parse_exact(x, s, "fuzz") != TSA_SUCCESS
                || arf_cmp_d(arb_midref(x), d) != 0 || !arb_is_exact(x)))
            abort();
        arb_clear(x);
    }
    else if (mode == 5)
    {
        char buf[64];
        (void) tsa_io_shown(buf, 1 + (size_t) (data[1] % 63), s);
        if (strlen(buf) > (size_t) (data[1] % 63))
            abort();
    }
    else
    {
        arb_ptr v;
        slong n;
        if (tsa_io_parse_arb_vec(&v, &n, s, "fuzz", prec) == TSA_SUCCESS)
            _arb_vec_clear(v, n);
    }
    free(s);
    flint_cleanup();
}
