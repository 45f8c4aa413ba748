/* fuzz-cand.c -- the candidate JSON reader (tsa_certify_cand_load as
 * `tsalign certify` and `polish` call it, tsa_certify_cand_read and
 * tsa_certify_cand_read_sym, src/certify/cand_json.c), at 64 bits; a
 * candidate read successfully is written back (tsa_certify_cand_json). */
#include "tsa_certify.h"
#include "fuzz.h"

static void
fuzz_one(const unsigned char *data, size_t len)
{
    const char *path = fuzz_tmpfile(data, len, ".json");
    tsa_cand_t c;
    tsa_sym_t s;
    int found;
    slong rounded;
    if (path == NULL)
        return;
    if (tsa_certify_cand_load(c, &rounded, path, 64) == TSA_SUCCESS)
        tsa_cand_clear(c);
    if (tsa_certify_cand_read(c, path, 64) == TSA_SUCCESS)
    {
        char *js = tsa_certify_cand_json(c, "fuzz", NULL, 64);
        free(js);
        tsa_cand_clear(c);
    }
    (void) tsa_certify_cand_read_sym(s, &found, path);
    flint_cleanup();
}
