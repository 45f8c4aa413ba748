/* fuzz-number.c -- the number parser of src/base/io_parse.c.
 * Input: byte 0 selects the function (tsa_io_parse_arb, tsa_io_parse_double,
 * tsa_io_parse_arb_vec), byte 1 the precision (8 .. 1024 bits), the rest is
 * the text. */
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
    mode = data[0] % 3;
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
