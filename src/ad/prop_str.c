/* prop_str.c -- tsa_ad_prop_result_str: one-line summary of a property
 * engine result (verdict, boxes, depth, time, counterexample or the first
 * unresolved box). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "prop_impl.h"

char *
tsa_ad_prop_result_str(const tsa_ad_prop_result_t r, const tsa_ad_prop_t *prop)
{
    size_t n = 2048;
    char *s = malloc(n), *p0 = NULL, *p1 = NULL, *v = NULL;
    int two = prop->dom == TSA_AD_DOM_TRIANGLE;
    size_t len;
    if (s == NULL)
        return NULL;
    len = (size_t) snprintf(s, n, "%s: %ld boxes, depth %ld, %.3g s, %ld bits, "
                            "vanishing orders %ld, %ld, corner %ld",
                            tsa_truth_name(r->truth), (long) r->boxes,
                            (long) r->depth, r->seconds, (long) r->prec,
                            (long) r->ord[0], (long) r->ord[1], (long) r->ord[2]);
    if (r->truth == TSA_FALSE)
    {
        p0 = arb_get_str(r->point + 0, 45, 0);
        p1 = arb_get_str(r->point + 1, 45, 0);
        v = arb_get_str(&r->value, 10, 0);
        snprintf(s + len, n - len, "; counterexample %s = %s%s%s%s%s: q = %s < 0",
                 two ? "(a, b)" : "theta", two ? "(" : "", p0, two ? ", " : "",
                 two ? p1 : "", two ? ")" : "", v);
    }
    else if (r->truth == TSA_UNDECIDED)
    {
        len += (size_t) snprintf(s + len, n - len, "; %ld unresolved boxes",
                                 (long) r->unresolved);
        if (r->nkept > 0)
        {
            p0 = arb_get_str(&r->kept[0][0], 10, 0);
            p1 = arb_get_str(&r->kept[0][1], 10, 0);
            snprintf(s + len, n - len, ", first %s%s%s", p0, two ? " x " : "",
                     two ? p1 : "");
        }
    }
    flint_free(p0);
    flint_free(p1);
    flint_free(v);
    return s;
}
