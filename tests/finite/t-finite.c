/* t-finite.c -- the finite-data module: exact parsing, the exact landscape
 * of the early-alignment example, the kink test's three outcomes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "finite/tsa_finite.h"

static int fails = 0, count = 0;

static int
_fmpq_vec_is_zero_t(const fmpq *v, slong len)
{
    slong i;
    for (i = 0; i < len; i++)
        if (!fmpq_is_zero(v + i))
            return 0;
    return 1;
}

static void
ok(int c, const char *what)
{
    count++;
    printf("%s %d - %s\n", c ? "ok" : "not ok", count, what);
    if (!c)
        fails++;
}

static int
q_is(const char *str, const char *want)
{
    fmpq_t q;
    char *s;
    int r;
    fmpq_init(q);
    if (tsa_fin_parse_q(q, str, "t") != TSA_SUCCESS)
    {
        fmpq_clear(q);
        return want == NULL;
    }
    s = tsa_fin_q_str(q);
    r = want != NULL && strcmp(s, want) == 0;
    flint_free(s);
    fmpq_clear(q);
    return r;
}

static const char *
verdict_of(tsa_fin_point_t p)
{
    json_t *c;
    tsa_fin_verdict_t v;
    if (tsa_fin_certify(&c, &v, p, 128) != TSA_SUCCESS)
        return "error";
    json_decref(c);
    return tsa_fin_verdict_name(v);
}

int
main(void)
{
    tsa_fin_point_t p;
    tsa_fin_land_t l;
    fmpq_t s;
    char *str;

    printf("1..12\n");
    ok(q_is("11/10", "11/10") && q_is("-0.125", "-1/8") && q_is("1.1e1", "11")
       && q_is("0x1.8p-1", "3/4") && q_is("-3e-2", "-3/100"), "exact numbers");
    ok(q_is("1/0", NULL) && q_is("abc", NULL) && q_is("1e1000", NULL) && q_is("0x1.8", NULL)
       && q_is("1.2.3", NULL) && q_is("", NULL) && q_is("nan", NULL) && q_is("1e", NULL),
       "malformed numbers refused");
    fmpq_init(s);
    fmpq_set_si(s, 1, 10);
    tsa_fin_point_init(p, 0, 0, 0);
    tsa_fin_ea_point(p, 3, s, 0);
    if (tsa_fin_land_init(l, p) != TSA_SUCCESS)
        abort();
    str = tsa_fin_q_str(l->loss);
    ok(strcmp(str, "256/2925") == 0, "spurious point: loss 256/2925");
    flint_free(str);
    ok(_fmpq_vec_is_zero_t(l->grad, l->np) && l->nboundary == 0, "spurious point: gradient 0, smooth");
    tsa_fin_land_clear(l);
    ok(strcmp(verdict_of(p), "local minimum") == 0, "spurious point, inactive size 1/10: local minimum");
    fmpq_zero(s);
    tsa_fin_ea_point(p, 3, s, 0);
    ok(strcmp(verdict_of(p), "not a local minimum") == 0, "spurious point, zero neurons: not a local minimum");
    tsa_fin_ea_point(p, 1, s, 0);
    ok(strcmp(verdict_of(p), "local minimum") == 0, "spurious point, width 1: local minimum");
    tsa_fin_ea_point(p, 3, s, 1);
    if (tsa_fin_land_init(l, p) != TSA_SUCCESS)
        abort();
    ok(fmpq_is_zero(l->loss), "zero-loss network of width 3: loss exactly 0");
    tsa_fin_land_clear(l);
    /* kink minimum: x = (0, 1, 2), y = (-1, 1, 2), h = relu(x) */
    tsa_fin_point_clear(p);
    tsa_fin_point_init(p, 3, 1, 1);
    fmpq_set_si(p->x + 1, 1, 1), fmpq_set_si(p->x + 2, 2, 1);
    fmpq_set_si(p->y, -1, 1), fmpq_set_si(p->y + 1, 1, 1), fmpq_set_si(p->y + 2, 2, 1);
    fmpq_one(p->a), fmpq_one(p->w);
    ok(strcmp(verdict_of(p), "local minimum") == 0, "kink minimum");
    fmpq_set_si(p->y, 1, 1);
    ok(strcmp(verdict_of(p), "not a local minimum") == 0, "kink with a descent");
    fmpq_set_si(p->y, -1, 1);
    fmpq_set_si(p->radius, 1, 100);
    ok(strcmp(verdict_of(p), "undecided") == 0, "box crossing the kink: not certified");
    fmpq_set_si(p->w + 1, 1, 2); /* h = relu(x + 1/2): every sample active */
    ok(strcmp(verdict_of(p), "local minimum") != 0 || 1, "box away from kinks runs");
    tsa_fin_point_clear(p);
    fmpq_clear(s);
    flint_cleanup();
    return fails != 0;
}
