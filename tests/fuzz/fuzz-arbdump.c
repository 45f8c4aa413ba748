/* fuzz-arbdump.c -- the Arb-dump validator of src/base/io_parse.c
 * (tsa_io_check_arb_dump, tsa_io_load_arb_dump), which stands between a
 * file and arb_load_str (that aborts on malformed input).  Property: a dump
 * that loads must survive the round trip -- arb_dump_str of the value is
 * again a valid dump and loads to the same ball; otherwise abort(). */
#include "tsa_arb.h"
#include "tsa_io.h"
#include "fuzz.h"

static void
fuzz_one(const unsigned char *data, size_t len)
{
    char *s = fuzz_strdup(data, len);
    int ok = tsa_io_check_arb_dump(s, "fuzz") == TSA_SUCCESS;
    arb_t x, y;
    arb_init(x);
    arb_init(y);
    if (tsa_io_load_arb_dump(x, s, "fuzz") == TSA_SUCCESS)
    {
        char *d = arb_dump_str(x);
        if (!ok || tsa_io_load_arb_dump(y, d, "fuzz: round trip") != TSA_SUCCESS
            || !arb_equal(x, y))
        {
            fprintf(stderr, "round trip failed: '%s' -> '%s'\n", s, d);
            abort();
        }
        flint_free(d);
    }
    arb_clear(x);
    arb_clear(y);
    free(s);
    flint_cleanup();
}
