/* census_table.c -- the rows of `tsalign certify --census` as JSON: the
 * source of its CSV, its --json file ("tsalign-census") and of `tsalign
 * report CENSUS.json` (docs/formats/census.schema.json). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "certify_impl.h"
#include "tsa_format.h"
#include "tsa_census.h"

/* x rounded outward to a double that prints exactly enough: floor or ceil
 * to a double, then one more ulp outward so that its 17-digit decimal
 * stays outside too; 0 stays 0 (exact, no -4.9e-324 artefact). */
static double
outward(const arf_t x, int up)
{
    double v = arf_get_d(x, up ? ARF_RND_CEIL : ARF_RND_FLOOR);
    if (v == 0.0 && arf_is_zero(x))
        return 0.0;
    return nextafter(v, up ? INFINITY : -INFINITY);
}

static json_t *
real_or_null(double x)
{
    return isfinite(x) ? json_real(x) : json_null();
}

/* The table's bounds do not depend on the path that proved them (the
 * orbit path, or the block-symmetric one before it; tests/certify/
 * t-census-orbit): the loss interval is rounded outward to LOSS_DIGITS
 * significant digits and the lambda_min bound down to LAMBDA_DIGITS (the
 * two paths' values agree far below that: for all 2208 minima of the
 * census both round the same), the box radius up to a power of
 * 10^RADIUS_DECADES (the paths' boxes differ by factors 1.3 .. 14, all in
 * (1e-35, 1e-30]: the table states radius <= 1e-30). */
#define LOSS_DIGITS 12
#define LAMBDA_DIGITS 6
#define RADIUS_DECADES 5

/* x (finite, a bound) rounded to `digits` significant decimal digits in the
 * direction up (1) or down (0), returned as the nearest double: that double
 * lies between the decimal and x's own side (x is a double, so rounding the
 * decimal to nearest cannot cross it), so it stays a bound and prints as
 * the short decimal. */
static double
round_dir(double x, int digits, int up)
{
    char buf[64], *e;
    long long m;
    long ex;
    if (!isfinite(x) || x == 0.0)
        return x;
    snprintf(buf, sizeof buf, "%.*e", digits - 1, x);
    e = strchr(buf, 'e');
    ex = strtol(e + 1, NULL, 10);
    *e = '\0';
    {
        /* the mantissa's digits as an integer m: x ~ m 10^(ex - digits + 1) */
        char *p, *q;
        for (p = q = buf; *p; p++)
            if (*p != '.')
                *q++ = *p;
        *q = '\0';
        m = strtoll(buf, NULL, 10);
    }
    snprintf(buf, sizeof buf, "%llde%ld", m, ex - digits + 1);
    if (up ? strtod(buf, NULL) < x : strtod(buf, NULL) > x)
        m += up ? 1 : -1;   /* the other neighbour on the grid */
    snprintf(buf, sizeof buf, "%llde%ld", m, ex - digits + 1);
    return strtod(buf, NULL);
}

/* r > 0 rounded up to a power of 10^RADIUS_DECADES (a double >= that
 * power's decimal, as above) */
static double
round_pow(double r)
{
    char buf[32];
    int e;
    if (!isfinite(r) || r <= 0.0)
        return r;
    e = RADIUS_DECADES * (int) ceil(log10(r) / RADIUS_DECADES);
    snprintf(buf, sizeof buf, "1e%d", e);
    if (strtod(buf, NULL) < r)
        snprintf(buf, sizeof buf, "1e%d", e + RADIUS_DECADES);
    return strtod(buf, NULL);
}

json_t *
tsa_census_row_json(long k, const char *blocks, long runs, const tsa_cert_t r,
                    double lambda_census)
{
    json_t *o = json_object();
    json_object_set_new(o, "k", json_integer(k));
    json_object_set_new(o, "blocks", json_string(blocks));
    json_object_set_new(o, "runs", json_integer(runs));
    json_object_set_new(o, "verdict", json_string(tsa_cert_kind_name(r->kind)));
    if (r->kind == TSA_CERT_GLOBAL_MIN)
    {
        /* W = V up to a permutation: J = 0 exactly */
        json_object_set_new(o, "loss_lo", json_integer(0));
        json_object_set_new(o, "loss_hi", json_integer(0));
    }
    else if (r->exists == TSA_TRUE)
    {
        arf_t lo, hi;
        arf_init(lo);
        arf_init(hi);
        arb_get_lbound_arf(lo, r->loss, 64);
        arb_get_ubound_arf(hi, r->loss, 64);
        json_object_set_new(o, "loss_lo", real_or_null(round_dir(outward(lo, 0), LOSS_DIGITS, 0)));
        json_object_set_new(o, "loss_hi", real_or_null(round_dir(outward(hi, 1), LOSS_DIGITS, 1)));
        arf_clear(lo);
        arf_clear(hi);
    }
    else
    {
        json_object_set_new(o, "loss_lo", json_null());
        json_object_set_new(o, "loss_hi", json_null());
    }
    /* a lambda bound only where one was proved (a strict minimum) */
    json_object_set_new(o, "lambda_lower", r->kind == TSA_CERT_MIN
                                               ? real_or_null(round_dir(r->lambda_lower,
                                                                        LAMBDA_DIGITS, 0))
                                               : json_null());
    json_object_set_new(o, "lambda_census", real_or_null(lambda_census));
    json_object_set_new(o, "radius", r->exists == TSA_TRUE && r->kind != TSA_CERT_GLOBAL_MIN
                                         ? real_or_null(round_pow(r->radius))
                                         : json_null());
    json_object_set_new(o, "seconds", real_or_null(r->seconds));
    json_object_set_new(o, "reason", json_string(r->reason));
    return o;
}

json_t *
tsa_census_counts_json(long k, const long counts[4])
{
    json_t *o = json_object();
    if (k >= 0)
        json_object_set_new(o, "k", json_integer(k));
    else
        json_object_set_new(o, "k", json_string("all"));
    json_object_set_new(o, "classes",
                        json_integer(counts[0] + counts[1] + counts[2] + counts[3]));
    json_object_set_new(o, "certified_min", json_integer(counts[1]));
    json_object_set_new(o, "global_min_exact", json_integer(counts[3]));
    json_object_set_new(o, "saddle", json_integer(counts[2]));
    json_object_set_new(o, "undecided", json_integer(counts[0]));
    return o;
}

json_t *
tsa_census_columns(void)
{
    static const char *const cols[] = {"k", "blocks", "runs", "verdict", "loss_lo",
                                       "loss_hi", "lambda_lower", "lambda_census",
                                       "radius", "seconds", "reason"};
    json_t *a = json_array();
    size_t i;
    for (i = 0; i < sizeof cols / sizeof cols[0]; i++)
        json_array_append_new(a, json_string(cols[i]));
    return a;
}

char *
tsa_census_json_text(json_t *counts, json_t *rows, long prec, double seconds,
                     const char *source)
{
    json_t *o = tsa_format_object("census", TSA_FORMAT_CENSUS);
    char *s;
    json_object_set_new(o, "source", json_string(source));
    json_object_set_new(o, "prec", json_integer(prec));
    json_object_set_new(o, "seconds", json_real(seconds));
    json_object_set(o, "counts", counts);
    json_object_set(o, "rows", rows);
    s = json_dumps(o, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    json_decref(o);
    return s;
}
