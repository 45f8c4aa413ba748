/* cli_util.c -- ball printing and JSON records for the subcommands. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "cli_util.h"

int
tsa_cli_parse_krange(slong *a, slong *b, const char *s, slong lo, slong hi)
{
    char *e;
    long x, y;
    errno = 0;
    x = y = strtol(s, &e, 10);
    if (e == s || (*e != ':' && *e != '\0'))
        return 0;
    if (*e == ':')
    {
        const char *t = e + 1;
        y = strtol(t, &e, 10);
        if (e == t || *e != '\0')
            return 0;
    }
    if (errno != 0 || x < lo || y < x || y > hi)
        return 0;
    *a = x;
    *b = y;
    return 1;
}

int
tsa_cli_parse_prec(slong *prec, const char *str, const char *what)
{
    char *end;
    long v;
    errno = 0;
    v = strtol(str, &end, 10);
    if (end == str || *end != '\0' || errno != 0)
        return TSA_ERROR(TSA_EINVAL, "%s: '%s' is not an integer number of bits",
                         what, str);
    if (v < 2 || v > 1000000)
        return TSA_ERROR(TSA_EINVAL, "%s: %ld bits is outside 2 .. 1000000",
                         what, v);
    *prec = (slong) v;
    return TSA_SUCCESS;
}

int
tsa_cli_exit_status(int status)
{
    switch (status)
    {
    case TSA_SUCCESS: return TSA_EXIT_OK;
    case TSA_EINVAL:
    case TSA_EDOM:
    case TSA_EFORMAT: return TSA_EXIT_INPUT;
    case TSA_EIO: return TSA_EXIT_IO;
    default: return TSA_EXIT_INTERNAL;
    }
}

int
tsa_cli_check_work(const char *what, double units, const char *detail)
{
    if (units > TSA_CLI_WORK_MAX)
        return TSA_ERROR(TSA_EINVAL, "%s: %s = %.3g exceeds the work limit "
                         "%.0e (values x bits)", what, detail, units,
                         TSA_CLI_WORK_MAX);
    return TSA_SUCCESS;
}

int
tsa_cli_stdout_status(void)
{
    int err = 0;
    errno = 0;
    if (fflush(stdout) != 0)
        err = errno != 0 ? errno : EIO;
    else if (ferror(stdout))
        err = EIO; /* an earlier write failed; its errno is gone */
    if (err != 0)
        return TSA_ERROR(TSA_EIO, "stdout: write failed: %s", strerror(err));
    return TSA_SUCCESS;
}

slong
tsa_cli_digits(slong prec)
{
    slong d = (slong) (prec * 0.30103) + 2;
    return d < 5 ? 5 : d;
}

char *
tsa_cli_ball_str(const arb_t x, slong digits)
{
    return arb_get_str(x, digits, 0);
}

json_t *
tsa_cli_ball_json(const arb_t x, slong digits)
{
    json_t *j = json_object();
    char *s = arb_get_str(x, digits, 0);
    char *dump = arb_dump_str(x);
    arb_t t;

    json_object_set_new(j, "ball", json_string(s));
    flint_free(s);
    arb_init(t);
    arf_set(arb_midref(t), arb_midref(x));
    s = arb_get_str(t, digits, ARB_STR_NO_RADIUS);
    json_object_set_new(j, "mid", json_string(s));
    flint_free(s);
    arb_clear(t);
    {
        /* A decimal upper bound of the radius: round up to a double, then
           inflate by 1% so that printing 3 digits cannot round below it. */
        char buf[64];
        arf_t r;
        double d;
        arf_init(r);
        arf_set_mag(r, arb_radref(x));
        d = arf_get_d(r, ARF_RND_UP);
        arf_clear(r);
        snprintf(buf, sizeof buf, "%.2e", d * 1.01);
        json_object_set_new(j, "rad", json_string(buf));
    }
    json_object_set_new(j, "exact", json_string(dump));
    flint_free(dump);
    json_object_set_new(j, "accuracy_bits",
                        json_integer(arb_is_finite(x) ? arb_rel_accuracy_bits(x) : 0));
    return j;
}

void
tsa_cli_print_json(json_t *j)
{
    char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    if (s != NULL)
    {
        fputs(s, stdout);
        fputc('\n', stdout);
        free(s);
    }
}

int
tsa_cli_check_positive(const arb_t x, const char *str, const char *what)
{
    if (!arb_is_positive(x))
        return TSA_ERROR(TSA_EDOM, "%s: %s must be > 0", what, str);
    return TSA_SUCCESS;
}

int
tsa_cli_check_slope(const arb_t c, const char *str, const char *what)
{
    arb_t one;
    int ok;
    arb_init(one);
    arb_one(one);
    ok = arb_is_nonnegative(c) && arb_lt(c, one);
    arb_clear(one);
    if (!ok)
        return TSA_ERROR(TSA_EDOM, "%s: %s is not in [0, 1)", what, str);
    return TSA_SUCCESS;
}

int
tsa_cli_check_angle(const arb_t t, const char *what)
{
    arb_t pi;
    int ok;
    arb_init(pi);
    arb_const_pi(pi, arf_bits(arb_midref(t)) + 64);
    /* reject only angles proved outside [0, pi]; a ball such as pi/3 or
       pi (not exact) that meets the interval is fine */
    ok = !arb_is_negative(t) && !arb_gt(t, pi);
    arb_clear(pi);
    if (!ok)
    {
        char *s = arb_get_str(t, 10, ARB_STR_NO_RADIUS);
        int st = TSA_ERROR(TSA_EDOM, "%s: %s is outside [0, pi]", what, s);
        flint_free(s);
        return st;
    }
    return TSA_SUCCESS;
}
