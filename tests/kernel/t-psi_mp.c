/* t-psi_mp.c -- psi_l with bias against mpmath references (issue 14):
 * random weights and leak factors, references at 60 digits by a 1-D
 * integral that shares nothing with src/kernel (tests/kernel/psi_mp.py,
 * data in tests/kernel/data/psi_mp.txt, 40 digits each).
 *   64 bits: the result contains the reference ball (which is sharper);
 *   128 bits: the result overlaps it, and its radius is at most twice the
 *   radius of the code before the one-term leaky formula (commit 3293250,
 *   last column of the data file). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_test.h"
#include "tsa_kernel.h"

#define MAXC 64

typedef struct
{
    double w[4], u[4], c, oldrad;
    char ref[128];
} mp_case;

static mp_case cases[MAXC];
static int ncases;

static void
load(void)
{
    const char *dir = getenv("TSA_SRCDIR");
    char path[4096], line[1024];
    FILE *f;
    snprintf(path, sizeof path, "%s/tests/kernel/data/psi_mp.txt",
             dir ? dir : ".");
    f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    ncases = 0;
    while (fgets(line, sizeof line, f) && ncases < MAXC)
    {
        mp_case *p = &cases[ncases];
        if (line[0] == '#')
            continue;
        ck_assert_int_eq(sscanf(line, "%lf %lf %lf %lf %lf %lf %lf %lf %lf "
                                      "%127s %lf",
                                p->w, p->w + 1, p->w + 2, p->w + 3, p->u,
                                p->u + 1, p->u + 2, p->u + 3, &p->c, p->ref,
                                &p->oldrad),
                         11);
        ncases++;
    }
    fclose(f);
    ck_assert_int_ge(ncases, 20);
}

START_TEST(t_mpmath)
{
    arb_ptr w = _arb_vec_init(4), u = _arb_vec_init(4);
    arb_t s, c, r, ref;
    int i, j;
    arb_init(s);
    arb_init(c);
    arb_init(r);
    arb_init(ref);
    arb_one(s);
    load();
    for (i = 0; i < ncases; i++)
    {
        const mp_case *p = &cases[i];
        char label[64];
        double rad;
        for (j = 0; j < 4; j++)
        {
            arb_set_d(w + j, p->w[j]);
            arb_set_d(u + j, p->u[j]);
        }
        arb_set_d(c, p->c);
        ck_assert_int_eq(arb_set_str(ref, p->ref, 200), 0);
        /* 40 digits: half a unit in the 40th, with room for mpmath */
        arb_add_error_2exp_si(ref, arf_abs_bound_lt_2exp_si(arb_midref(ref))
                                       - 128);
        snprintf(label, sizeof label, "case %d (c = %g), 64 bits", i, p->c);
        ck_assert_int_eq(tsa_kernel_psi_l(r, w, u, 3, 1, s, c, 64),
                         TSA_SUCCESS);
        tsa_test_contains(label, r, ref, 64);
        ck_assert_int_eq(tsa_kernel_psi_l(r, w, u, 3, 1, s, c, 128),
                         TSA_SUCCESS);
        ck_assert_msg(arb_overlaps(r, ref), "case %d at 128 bits misses the "
                      "mpmath reference", i);
        rad = mag_get_d(arb_radref(r));
        ck_assert_msg(rad <= 2.0 * p->oldrad, "case %d: radius %g > 2 x the"
                      " old %g", i, rad, p->oldrad);
    }
    _arb_vec_clear(w, 4);
    _arb_vec_clear(u, 4);
    arb_clear(s);
    arb_clear(c);
    arb_clear(r);
    arb_clear(ref);
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_mpmath};
    return tsa_test_main("kernel_psi_mp", tests, 1, 60);
}
