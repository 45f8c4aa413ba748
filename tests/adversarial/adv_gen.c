/* adv_gen.c -- wrong or hard candidates made from the real bases (issue 10,
 * item 6).  Every case is a function of (seed, index) alone, so a case can
 * be replayed with `adv --seed S --case I`.  docs/adversarial.md lists the
 * classes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "adv.h"

const char *const adv_class_name[C_NCLASS] = {
    "shift", "shift+polish", "saddle-as-min", "near-parallel", "near-zero",
    "box-radius", "decimal", "low-prec", "wrong-symmetry", "teacher",
    "permuted"};

uint64_t
adv_rng_next(adv_rng_t *r)
{
    /* splitmix64: the same stream on every platform */
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

double
adv_u01(adv_rng_t *r)
{
    return (double) (adv_rng_next(r) >> 11) * 0x1p-53;
}

long
adv_int(adv_rng_t *r, long lo, long hi)
{
    return lo + (long) (adv_rng_next(r) % (uint64_t) (hi - lo + 1));
}

/* 10^-e with e uniform in [lo, hi] */
static double
tenpow(adv_rng_t *r, double lo, double hi)
{
    return pow(10.0, -(lo + (hi - lo) * adv_u01(r)));
}

/* a double in +-[0.5, 1] */
static double
rdir(adv_rng_t *r)
{
    double x = 0.5 + 0.5 * adv_u01(r);
    return (adv_rng_next(r) & 1) ? x : -x;
}

static void
round_exact(arb_t x, const arb_t y, slong p)
{
    arb_set_round(x, y, p);
    mag_zero(arb_radref(x));
}

/* W = c* rounded to p bits, V = the base's teacher */
static void
from_base(adv_case_t *cs, slong p)
{
    const tsa_cand_struct *b = cs->b->c;
    slong k;
    tsa_cand_init(cs->c, b->d, b->n, b->m);
    tsa_cand_set(cs->c, b);
    for (k = 0; k < b->d * b->n; k++)
        round_exact(cs->c->W + k, b->W + k, p);
}

/* W += eps u (|u|_inf <= 1), rounded to p bits */
static void
shift(adv_case_t *cs, double eps, slong p, adv_rng_t *r)
{
    slong k;
    arb_t t;
    arb_init(t);
    for (k = 0; k < cs->c->d * cs->c->n; k++)
    {
        arb_set_d(t, eps * rdir(r));
        arb_add(t, t, cs->c->W + k, p + 64);
        round_exact(cs->c->W + k, t, p);
    }
    arb_clear(t);
}

/* bits that keep a shift of size eps visible */
static slong
bits_for(double eps, slong p)
{
    slong need = (slong) (-log2(eps)) + 24;
    return need > p ? need : p;
}

static const slong precs[] = {64, 128, 128, 192, 256};

static void
use_base_sym(adv_case_t *cs)
{
    slong b;
    cs->nb = cs->b->sym->B;
    for (b = 0; b < cs->nb; b++)
        cs->blocks[b] = cs->b->sym->size[b];
    cs->o.sym = NULL;   /* the runner takes the symmetry from the file */
}

static int
square(const adv_base_t *b)
{
    return b->c->d == b->c->n && b->c->n == b->c->m;
}

/* ---- the classes ------------------------------------------------------ */

static void
g_shift(adv_case_t *cs, adv_rng_t *r)
{
    double eps = tenpow(r, 3, 30);
    slong p = precs[adv_int(r, 0, 4)];
    if (adv_u01(r) < 0.8)
        p = bits_for(eps, p);
    from_base(cs, p);
    shift(cs, eps, p, r);
    if (cs->b->have_sym && adv_u01(r) < 0.3)
        use_base_sym(cs);
    cs->truth = TRUTH_FULL;
    snprintf(cs->desc, sizeof cs->desc, "shift %.3g at %ld bits%s", eps,
             (long) p, cs->nb ? ", with the base's symmetry" : "");
}

static void
g_shift_polish(adv_case_t *cs, adv_rng_t *r)
{
    double eps = tenpow(r, 3, 12);
    from_base(cs, 128);
    shift(cs, eps, 128, r);
    cs->polish = 1;
    if (cs->b->have_sym && adv_u01(r) < 0.5)
    {
        use_base_sym(cs);
        tsa_sym_symmetrize(cs->c, cs->b->sym, 128);
    }
    cs->truth = TRUTH_FULL;
    snprintf(cs->desc, sizeof cs->desc, "shift %.3g then polish%s", eps,
             cs->nb ? " in orbit coordinates" : "");
}

static void
g_saddle(adv_case_t *cs, adv_rng_t *r)
{
    double eps = tenpow(r, 15, 40), u = adv_u01(r);
    slong p = bits_for(eps, 128);
    from_base(cs, p);
    shift(cs, eps, p, r);
    if (cs->b->have_sym && u < 0.7)
    {
        /* an invariant point: the isotypic path is tried first */
        use_base_sym(cs);
        tsa_sym_symmetrize(cs->c, cs->b->sym, p);
    }
    if (u > 0.4)
    {
        cs->o.radius = tenpow(r, 3, 40);
        cs->o.max_radius = cs->o.radius * (adv_u01(r) < 0.8 ? 1 : 1e-3);
    }
    else if (u > 0.25)
        cs->o.max_radius = tenpow(r, 2, 40);
    cs->truth = TRUTH_FULL;
    snprintf(cs->desc, sizeof cs->desc, "%s shifted %.3g%s, radius %.3g, "
             "max radius %.3g", cs->b->name, eps,
             cs->nb ? " (invariant, blocks given)" : "", cs->o.radius,
             cs->o.max_radius);
}

/* unit vector orthogonal to y (|y| = 1), random */
static void
ortho(arb_ptr z, arb_srcptr y, slong d, slong prec, adv_rng_t *r)
{
    arb_t t;
    slong k;
    arb_init(t);
    for (k = 0; k < d; k++)
        arb_set_d(z + k, rdir(r));
    arb_dot(t, NULL, 0, z, 1, y, 1, d, prec);
    for (k = 0; k < d; k++)
        arb_submul(z + k, t, y + k, prec);
    arb_dot(t, NULL, 0, z, 1, z, 1, d, prec);
    arb_rsqrt(t, t, prec);
    for (k = 0; k < d; k++)
        arb_mul(z + k, z + k, t, prec);
    arb_clear(t);
}

static void
g_parallel(adv_case_t *cs, adv_rng_t *r)
{
    slong d = cs->b->c->d, n = cs->b->c->n, m = cs->b->c->m, k;
    slong i = adv_int(r, 0, n - 1), j, prec = 512;
    int teacher = n == 1 || adv_u01(r) < 0.35, anti = adv_u01(r) < 0.2;
    double u = adv_u01(r), al = u < 0.05 ? 0 : tenpow(r, 8, 30);
    slong p = u < 0.3 ? 128 : 256;
    arb_ptr y = _arb_vec_init(d), z = _arb_vec_init(d);
    arb_t nw, t, c, s;
    arb_init(nw);
    arb_init(t);
    arb_init(c);
    arb_init(s);
    from_base(cs, p);
    /* the neuron to move (target index j) and the direction y to approach */
    if (teacher)
    {
        j = i;
        i = adv_int(r, 0, m - 1);
        _arb_vec_set(y, cs->c->V + i * d, d);
    }
    else
    {
        j = (i + adv_int(r, 1, n - 1)) % n;
        _arb_vec_set(y, cs->c->W + i * d, d);
    }
    arb_dot(t, NULL, 0, y, 1, y, 1, d, prec);
    arb_rsqrt(t, t, prec);
    _arb_vec_scalar_mul(y, y, d, t, prec);
    ortho(z, y, d, prec, r);
    arb_dot(nw, NULL, 0, cs->c->W + j * d, 1, cs->c->W + j * d, 1, d, prec);
    arb_sqrt(nw, nw, prec);
    arb_set_d(t, al);
    arb_sin_cos(s, c, t, prec);
    if (anti)
        arb_neg(c, c);
    for (k = 0; k < d; k++)
    {
        arb_mul(t, c, y + k, prec);
        arb_addmul(t, s, z + k, prec);
        arb_mul(t, t, nw, prec);
        round_exact(cs->c->W + j * d + k, t, p);
    }
    cs->truth = TRUTH_NONE;
    snprintf(cs->desc, sizeof cs->desc, "student %ld at angle %s%.3g to %s "
             "%ld (%ld bits)", (long) j, anti ? "pi - " : "", al,
             teacher ? "teacher" : "student", (long) i, (long) p);
    _arb_vec_clear(y, d);
    _arb_vec_clear(z, d);
    arb_clear(nw);
    arb_clear(t);
    arb_clear(c);
    arb_clear(s);
}

static void
g_zero(adv_case_t *cs, adv_rng_t *r)
{
    slong d = cs->b->c->d, i = adv_int(r, 0, cs->b->c->n - 1), k;
    double u = adv_u01(r), f = 0;
    arb_t t;
    arb_init(t);
    from_base(cs, 256);
    for (k = 0; k < d; k++)
    {
        if (u < 0.6)
        {
            if (k == 0)
                f = tenpow(r, 8, 30);
        {
            arb_set_d(t, f);
            arb_mul(t, t, cs->c->W + i * d + k, 512);
        }
        }
        else if (u < 0.9)
        {
            if (k == 0)
                f = tenpow(r, 8, 300);
            arb_set_d(t, f * rdir(r));
        }
        else
            arb_zero(t);
        round_exact(cs->c->W + i * d + k, t, 256);
    }
    arb_clear(t);
    cs->truth = TRUTH_NONE;
    snprintf(cs->desc, sizeof cs->desc, "student %ld %s %.3g", (long) i,
             u < 0.6 ? "scaled by" : u < 0.9 ? "replaced by a random vector of size"
                                            : "set to 0", f);
}

static void
g_radius(adv_case_t *cs, adv_rng_t *r)
{
    double u = adv_u01(r), eps = adv_u01(r) < 0.5 ? 0 : tenpow(r, 25, 40);
    from_base(cs, 128);
    if (eps > 0)
        shift(cs, eps, 128, r);
    if (u < 0.5)
    {
        cs->o.radius = tenpow(r, 0.5, 60);
        if (adv_u01(r) < 0.7)
            cs->o.max_radius = cs->o.radius;
    }
    else if (u < 0.85)
        cs->o.max_radius = tenpow(r, 0, 60);
    else if (u < 0.9)
        cs->o.max_radius = 0;
    else
        cs->o.radius = cs->o.max_radius = 10 * adv_u01(r) + 0.1;
    if (cs->b->have_sym && adv_u01(r) < 0.3)
        use_base_sym(cs);
    cs->truth = TRUTH_FULL;
    snprintf(cs->desc, sizeof cs->desc, "shift %.3g, radius %.3g, max radius "
             "%.3g%s", eps, cs->o.radius, cs->o.max_radius,
             cs->nb ? ", with the base's symmetry" : "");
}

/* a short decimal a / 10^D as text and as an exact rational */
static void
short_decimal(char *buf, size_t len, fmpq_t q, long a, int D)
{
    long p10 = 1, ab = a < 0 ? -a : a;
    int k;
    for (k = 0; k < D; k++)
        p10 *= 10;
    snprintf(buf, len, "%s%ld.%0*ld", a < 0 ? "-" : "", ab / p10, D, ab % p10);
    fmpq_set_si(q, a, (ulong) p10);
}

static void
decimal_teacher(adv_case_t *cs, adv_rng_t *r)
{
    slong d = cs->c->d, m = cs->c->m, k;
    int D = (int) adv_int(r, 1, 4);
    char buf[64];
    cs->vdec = calloc(d * m, sizeof(char *));
    cs->vq = _fmpq_vec_init(d * m);
    for (k = 0; k < d * m; k++)
    {
        /* V + a / 10^D, a small: 0.1, 1.03, -0.007, ... */
        long a = arb_is_one(cs->c->V + k) ? 1 : 0, p10 = 1, i;
        for (i = 0; i < D; i++)
            p10 *= 10;
        a = a * p10 + adv_int(r, -3, 3);
        short_decimal(buf, sizeof buf, cs->vq + k, a, D);
        cs->vdec[k] = strdup(buf);
        arb_set_fmpq(cs->c->V + k, cs->vq + k, 256);
    }
}

static void
g_decimal(adv_case_t *cs, adv_rng_t *r)
{
    static const int digits[] = {1, 2, 3, 5, 8, 12, 16, 17, 20, 25, 30, 35,
                                 40, 45, 50, 60};
    double u = adv_u01(r), eps = adv_u01(r) < 0.3 ? tenpow(r, 20, 40) : 0;
    from_base(cs, 256);
    if (eps > 0)
        shift(cs, eps, 256, r);
    cs->render = u < 0.8 ? R_DEC : u < 0.9 ? R_HEX : R_NUM;
    cs->digits = digits[adv_int(r, 0, 15)];
    cs->truth = TRUTH_FULL;
    if (adv_u01(r) < 0.2)
    {
        decimal_teacher(cs, r);
        cs->truth = TRUTH_NONE;
    }
    if (cs->b->have_sym && adv_u01(r) < 0.3)
        use_base_sym(cs);
    snprintf(cs->desc, sizeof cs->desc, "W as %s%s (shift %.3g)%s",
             cs->render == R_DEC ? "decimals with " : cs->render == R_HEX
             ? "hex floats" : "JSON numbers", cs->render == R_DEC ? "" : "",
             eps, cs->vq ? ", V as short decimals" : "");
    if (cs->render == R_DEC)
        snprintf(cs->desc, sizeof cs->desc, "W as decimals with %d digits "
                 "(shift %.3g)%s%s", cs->digits, eps,
                 cs->vq ? ", V as short decimals" : "",
                 cs->nb ? ", with the base's symmetry" : "");
}

static void
g_lowprec(adv_case_t *cs, adv_rng_t *r)
{
    from_base(cs, 128);
    cs->o.prec = adv_u01(r) < 0.9 ? adv_int(r, 16, 64) : adv_int(r, 2, 15);
    if (cs->b->have_sym && adv_u01(r) < 0.4)
        use_base_sym(cs);
    cs->truth = TRUTH_FULL;
    snprintf(cs->desc, sizeof cs->desc, "certify at %ld bits%s",
             (long) cs->o.prec, cs->nb ? ", with the base's symmetry" : "");
}

static void
g_sym(adv_case_t *cs, adv_rng_t *r)
{
    slong k = cs->b->c->d, left, b, B = adv_int(r, 1, 7);
    double u = adv_u01(r);
    char list[128] = "";
    from_base(cs, 128);
    if (u < 0.3)
        shift(cs, tenpow(r, 20, 40), 128, r);
    /* random composition of k (or of k +- 1: refused as the CLI does) */
    left = k + (adv_u01(r) < 0.1 ? (adv_u01(r) < 0.5 ? -1 : 1) : 0);
    for (b = 0; b < B && left > 0; b++)
    {
        slong s = b == B - 1 ? left : adv_int(r, 1, left);
        cs->blocks[b] = s;
        left -= s;
    }
    cs->nb = b;
    if (left > 0)
        cs->blocks[cs->nb - 1] += left;
    cs->truth = TRUTH_FULL;
    if (u > 0.7)
    {
        /* made invariant under the wrong blocks: far from x* */
        tsa_sym_t s;
        if (tsa_sym_init(s, cs->blocks, cs->nb) == TSA_SUCCESS && s->k == k)
        {
            tsa_sym_symmetrize(cs->c, s, 128);
            cs->truth = TRUTH_NONE;
        }
    }
    for (b = 0; b < cs->nb; b++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%ld",
                 b ? "," : "", (long) cs->blocks[b]);
    snprintf(cs->desc, sizeof cs->desc, "blocks %s for a point with %s%s",
             list, cs->b->have_sym ? "other blocks" : "no block symmetry",
             cs->truth == TRUTH_NONE ? ", W made invariant under them" : "");
}

static void
g_teacher(adv_case_t *cs, adv_rng_t *r)
{
    slong k, d = cs->b->c->d, m = cs->b->c->m;
    double eps = tenpow(r, 3, 30), u = adv_u01(r);
    slong p = bits_for(eps, 128);
    arb_t t;
    arb_init(t);
    from_base(cs, 128);
    for (k = 0; k < d * m; k++)
    {
        if (u < 0.7)
            arb_set_d(t, eps * rdir(r));
        else
        {
            arb_set_d(t, eps);   /* scaled teacher */
            arb_mul(t, t, cs->c->V + k, p + 64);
        }
        arb_add(t, t, cs->c->V + k, p + 64);
        round_exact(cs->c->V + k, t, p);
    }
    arb_clear(t);
    cs->truth = eps <= 1e-8 && cs->b->kind != TSA_CERT_GLOBAL_MIN
                ? TRUTH_KIND : TRUTH_NONE;
    snprintf(cs->desc, sizeof cs->desc, "teacher %s by %.3g", u < 0.7 ?
             "moved" : "scaled", eps);
}

static void
shuffle(slong *p, slong n, adv_rng_t *r)
{
    slong i, j, t;
    for (i = 0; i < n; i++)
        p[i] = i;
    for (i = n - 1; i > 0; i--)
    {
        j = adv_int(r, 0, i);
        t = p[i];
        p[i] = p[j];
        p[j] = t;
    }
}

static void
g_permute(adv_case_t *cs, adv_rng_t *r)
{
    slong d = cs->b->c->d, n = cs->b->c->n, m = cs->b->c->m, i, a;
    double eps = adv_u01(r) < 0.5 ? tenpow(r, 20, 40) : 0;
    int rows = adv_u01(r) < 0.5;
    tsa_cand_t c;
    from_base(cs, 128);
    cs->perm_i = malloc(sizeof(slong) * n);
    cs->perm_a = malloc(sizeof(slong) * d);
    shuffle(cs->perm_i, n, r);
    if (rows)
        shuffle(cs->perm_a, d, r);
    else
        for (a = 0; a < d; a++)
            cs->perm_a[a] = a;
    /* W'[a][i] = W[pa[a]][pi[i]], V'[a][t] = V[pa[a]][t] */
    tsa_cand_init(c, d, n, m);
    tsa_cand_set(c, cs->c);
    for (i = 0; i < n; i++)
        for (a = 0; a < d; a++)
            arb_set(cs->c->W + i * d + a, c->W + cs->perm_i[i] * d + cs->perm_a[a]);
    for (i = 0; i < m; i++)
        for (a = 0; a < d; a++)
            arb_set(cs->c->V + i * d + a, c->V + i * d + cs->perm_a[a]);
    tsa_cand_clear(c);
    if (eps > 0)
        shift(cs, eps, 128, r);
    if (cs->b->have_sym && adv_u01(r) < 0.3)
        use_base_sym(cs);
    cs->truth = TRUTH_FULL;
    snprintf(cs->desc, sizeof cs->desc, "students%s permuted, shift %.3g%s",
             rows ? " and coordinates" : "", eps,
             cs->nb ? ", with the base's blocks" : "");
}

typedef void gen_fn(adv_case_t *, adv_rng_t *);
static gen_fn *const gens[C_NCLASS] = {
    g_shift, g_shift_polish, g_saddle, g_parallel, g_zero, g_radius,
    g_decimal, g_lowprec, g_sym, g_teacher, g_permute};

/* which bases a class may use */
static int
fits(int cls, const adv_base_t *b)
{
    switch (cls)
    {
    case C_SADDLE_AS_MIN:
        return b->kind == TSA_CERT_SADDLE;
    case C_SYM:
        return square(b);
    case C_SHIFT_POLISH:
        return b->kind != TSA_CERT_GLOBAL_MIN;
    default:
        return 1;
    }
}

void
adv_case_make(adv_case_t *cs, const adv_base_t *bases, long nb,
              uint64_t seed, long index, int only_class)
{
    adv_rng_t r;
    long tries;
    memset(cs, 0, sizeof *cs);
    /* the stream of a case: seed and index through the splitmix finalizer
       twice, so that neighbouring indices get unrelated streams */
    r.s = seed;
    r.s = adv_rng_next(&r) ^ (uint64_t) index;
    r.s = adv_rng_next(&r);
    cs->index = index;
    cs->cls = only_class >= 0 ? only_class : (int) (index % C_NCLASS);
    for (tries = 0; tries < 1000; tries++)
    {
        cs->b = bases + adv_int(&r, 0, nb - 1);
        /* global bases (W = V) are a sixth of the cases, not a third */
        if (fits(cs->cls, cs->b) && (cs->b->kind != TSA_CERT_GLOBAL_MIN
                                     || adv_u01(&r) < 0.4))
            break;
    }
    if (!fits(cs->cls, cs->b))
        cs->cls = C_SHIFT;
    tsa_cert_opts_default(&cs->o);
    if (adv_u01(&r) < 0.15)
        cs->o.prec = 192;
    gens[cs->cls](cs, &r);
}

void
adv_case_clear(adv_case_t *cs)
{
    slong k;
    if (cs->vdec != NULL)
    {
        for (k = 0; k < cs->c->d * cs->c->m; k++)
            free(cs->vdec[k]);
        free(cs->vdec);
        _fmpq_vec_clear(cs->vq, cs->c->d * cs->c->m);
    }
    free(cs->perm_i);
    free(cs->perm_a);
    tsa_cand_clear(cs->c);
}
