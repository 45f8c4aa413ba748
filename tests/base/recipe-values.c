/* recipe-values.c -- values computed in C for tests/cli/recipe.sh, which
 * reads them with the Python recipe of docs/formats/README.md.  One line
 * per value:
 *   arb <TAB> arb_dump_str <TAB> mid mantissa <TAB> mid exponent <TAB>
 *             rad mantissa <TAB> rad exponent      (decimal integers:
 *             mid = M 2^E exactly, by arf_get_fmpz_2exp)
 *   hex <TAB> %a of a double <TAB> %.17g of it */
#include <stdio.h>
#include "tsa_arb.h"

static void
show(const arb_t x)
{
    fmpz_t m, e;
    arf_t r;
    char *d = arb_dump_str(x), *s[4];
    fmpz_init(m);
    fmpz_init(e);
    arf_init(r);
    arf_get_fmpz_2exp(m, e, arb_midref(x));
    s[0] = fmpz_get_str(NULL, 10, m);
    s[1] = fmpz_get_str(NULL, 10, e);
    arf_set_mag(r, arb_radref(x));
    arf_get_fmpz_2exp(m, e, r);
    s[2] = fmpz_get_str(NULL, 10, m);
    s[3] = fmpz_get_str(NULL, 10, e);
    printf("arb\t%s\t%s\t%s\t%s\t%s\n", d, s[0], s[1], s[2], s[3]);
    flint_free(d);
    flint_free(s[0]);
    flint_free(s[1]);
    flint_free(s[2]);
    flint_free(s[3]);
    arf_clear(r);
    fmpz_clear(m);
    fmpz_clear(e);
}

int
main(void)
{
    static const double hx[] = {0.75, -0.1, 1e300, 4.9406564584124654e-324,
                                2.2250738585072014e-308, 0.0, -3.0, 1.0 / 3.0};
    arb_t x, y;
    size_t i;
    arb_init(x);
    arb_init(y);
    arb_const_pi(x, 128); /* a ball with a radius */
    show(x);
    arb_set_d(x, -0.375); /* exact, radius 0 */
    show(x);
    arb_zero(x);
    show(x);
    arb_set_ui(x, 1);
    arb_div_ui(x, x, 3, 200); /* 1/3 at 200 bits */
    show(x);
    arb_set_si(x, 3);
    arb_mul_2exp_si(x, x, -1000); /* tiny */
    arb_set_ui(y, 7);
    arb_sqrt(y, y, 64);
    arb_add(x, x, y, 64);
    show(x);
    arb_set_d(x, 1e300);
    arb_exp(x, x, 64); /* huge exponent, beyond doubles */
    show(x);
    for (i = 0; i < sizeof hx / sizeof hx[0]; i++)
        printf("hex\t%a\t%.17g\n", hx[i], hx[i]);
    arb_clear(x);
    arb_clear(y);
    flint_cleanup();
    return 0;
}
