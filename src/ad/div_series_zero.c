/* div_series_zero.c -- tsa_ad_div_series_zero: num / den for series whose
 * leading coefficients are proved zero (l'Hopital on series;
 * docs/ad.md s. 6). */
#include "ad_impl.h"

int
tsa_ad_div_series_zero(arb_poly_t res, slong *order, const arb_poly_t num,
                       const arb_poly_t den, slong len, slong prec)
{
    arb_poly_t N, D;
    slong m, i;

    if (len < 0)
        return TSA_ERROR(TSA_EINVAL, "tsa_ad_div_series_zero: len = %ld < 0",
                         (long) len);
    /* m = index of the first denominator coefficient proved nonzero; all
     * before it must be exact zeros */
    for (m = 0; m < den->length; m++)
    {
        if (arb_is_zero(den->coeffs + m))
            continue;
        if (!arb_contains_zero(den->coeffs + m))
            break;
        return TSA_ERROR(TSA_EDOM,
                         "tsa_ad_div_series_zero: denominator coefficient "
                         "%ld is neither proved zero nor proved nonzero",
                         (long) m);
    }
    if (m == den->length)
        return TSA_ERROR(TSA_EDOM, "tsa_ad_div_series_zero: no denominator "
                                   "coefficient is proved nonzero");
    for (i = 0; i < m && i < num->length; i++)
        if (!arb_is_zero(num->coeffs + i))
            return TSA_ERROR(TSA_EDOM,
                             "tsa_ad_div_series_zero: numerator coefficient "
                             "%ld is not proved zero (denominator order %ld)",
                             (long) i, (long) m);
    if (order != NULL)
        *order = m;
    arb_poly_init(N);
    arb_poly_init(D);
    arb_poly_shift_right(N, num, m);
    arb_poly_shift_right(D, den, m);
    arb_poly_div_series(res, N, D, len, prec);
    arb_poly_clear(N);
    arb_poly_clear(D);
    return TSA_SUCCESS;
}
