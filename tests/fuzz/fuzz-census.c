/* fuzz-census.c -- the census TSV reader: every line of the input through
 * tsa_certify_census_row (src/certify/census.c) and tsa_sym_census_row. */
#include "tsa_certify.h"
#include "fuzz.h"

static void
fuzz_one(const unsigned char *data, size_t len)
{
    char *text = fuzz_strdup(data, len), *line = text, *nl;
    do
    {
        tsa_cand_t c;
        tsa_sym_t s;
        slong runs;
        double lam;
        nl = strchr(line, '\n');
        if (nl != NULL)
            *nl = '\0';
        if (tsa_certify_census_row(c, line, &runs, &lam) == TSA_SUCCESS)
            tsa_cand_clear(c);
        (void) tsa_sym_census_row(s, line);
        if (nl != NULL)
            line = nl + 1;
    } while (nl != NULL);
    free(text);
    flint_cleanup();
}
