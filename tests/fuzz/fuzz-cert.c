/* fuzz-cert.c -- the certificate reader and the structural checks of
 * tsa_certify_verify (src/certify/verify.c).  The heavy re-derivations are
 * kept cheap by skipping certificates whose sizes are valid but not tiny
 * (d n > 8 or d m > 8); out-of-range sizes still reach the library, whose
 * size checks are part of what is fuzzed.  The precision is the file's
 * (prec = 0, as `tsalign verify` without --prec), so the library's
 * precision bounds are fuzzed too. */
#include <jansson.h>
#include "tsa_certify.h"
#include "fuzz.h"

#define FUZZ_MAX_DN 8

/* 1 when problem.{d,n,m} are all in 1 .. 1000 and d n or d m is larger
   than the harness allows */
static int
too_big(const char *text)
{
    json_t *root = json_loads(text, 0, NULL), *p;
    json_int_t d, n, m;
    int big = 0;
    if (root == NULL)
        return 0;
    p = json_object_get(root, "problem");
    d = json_integer_value(json_object_get(p, "d"));
    n = json_integer_value(json_object_get(p, "n"));
    m = json_integer_value(json_object_get(p, "m"));
    if (d >= 1 && d <= 1000 && n >= 1 && n <= 1000 && m >= 1 && m <= 1000)
        big = d * n > FUZZ_MAX_DN || d * m > FUZZ_MAX_DN;
    json_decref(root);
    return big;
}

static void
fuzz_one(const unsigned char *data, size_t len)
{
    char *text = fuzz_strdup(data, len), reason[256];
    int st;
    if (!too_big(text))
        (void) tsa_certify_verify(reason, &st, text, 0);
    free(text);
    flint_cleanup();
}
