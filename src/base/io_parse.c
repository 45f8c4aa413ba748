/* io_parse.c -- exact parsing of user numbers (syntax in tsa_io.h). */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_io.h"

static const char *
skip_space(const char *p)
{
    while (*p != '\0' && isspace((unsigned char) *p))
        p++;
    return p;
}

/* "[-][N*]pi[/M]" with N, M positive integers. */
static int
parse_pi_multiple(arb_t x, const char *s, slong prec)
{
    long num = 1, den = 1;
    int neg = 0;
    char *end;
    const char *p = skip_space(s);

    if (*p == '-' || *p == '+')
    {
        neg = (*p == '-');
        p++;
    }
    if (isdigit((unsigned char) *p))
    {
        errno = 0;
        num = strtol(p, &end, 10);
        if (errno != 0 || num <= 0 || *end != '*')
            return 0;
        p = end + 1;
    }
    if (strncmp(p, "pi", 2) != 0)
        return 0;
    p += 2;
    if (*p == '/')
    {
        errno = 0;
        den = strtol(p + 1, &end, 10);
        if (errno != 0 || den <= 0 || end == p + 1)
            return 0;
        p = end;
    }
    p = skip_space(p);
    if (*p != '\0')
        return 0;
    arb_const_pi(x, prec + 10);
    arb_mul_si(x, x, num, prec + 10);
    arb_div_si(x, x, den, prec);
    if (neg)
        arb_neg(x, x);
    return 1;
}

static int
is_hex_float(const char *s)
{
    const char *p = skip_space(s);
    if (*p == '-' || *p == '+')
        p++;
    return p[0] == '0' && (p[1] == 'x' || p[1] == 'X');
}

int
tsa_io_parse_double(double *x, const char *str, const char *what)
{
    char *end;
    double v;

    if (str == NULL || *skip_space(str) == '\0')
        return TSA_ERROR(TSA_EFORMAT, "%s: empty number", what);
    errno = 0;
    v = strtod(str, &end);
    if (end == str || *skip_space(end) != '\0')
        return TSA_ERROR(TSA_EFORMAT, "%s: cannot parse '%s' as a number",
                         what, str);
    if (isnan(v) || isinf(v) || errno == ERANGE)
    {
        if (isnan(v) || isinf(v))
            return TSA_ERROR(TSA_EFORMAT, "%s: '%s' is not a finite number",
                             what, str);
        if (v != 0.0) /* overflow; underflow to a subnormal is exact enough */
            return TSA_ERROR(TSA_EFORMAT, "%s: '%s' overflows a double",
                             what, str);
    }
    *x = v;
    return TSA_SUCCESS;
}

int
tsa_io_parse_arb(arb_t x, const char *str, const char *what, slong prec)
{
    const char *p;

    if (str == NULL || *(p = skip_space(str)) == '\0')
    {
        arb_indeterminate(x);
        return TSA_ERROR(TSA_EFORMAT, "%s: empty number", what);
    }
    if (strpbrk(p, "nN") != NULL && strstr(p, "pi") == NULL
        && !is_hex_float(p))
    {
        /* "nan", "inf" and the like: arb_set_str would accept them. */
        arb_indeterminate(x);
        return TSA_ERROR(TSA_EFORMAT, "%s: '%s' is not a finite number",
                         what, str);
    }
    if (parse_pi_multiple(x, p, prec))
        return TSA_SUCCESS;
    if (is_hex_float(p))
    {
        double v;
        int st = tsa_io_parse_double(&v, p, what);
        if (st != TSA_SUCCESS)
        {
            arb_indeterminate(x);
            return st;
        }
        arb_set_d(x, v); /* exact: a double is a binary rational */
        return TSA_SUCCESS;
    }
    if (arb_set_str(x, p, prec) != 0 || !arb_is_finite(x))
    {
        arb_indeterminate(x);
        return TSA_ERROR(TSA_EFORMAT, "%s: cannot parse '%s' as a number",
                         what, str);
    }
    /* Magnitudes beyond the double range are rejected as absurd: no weight,
       angle or scale of this toolkit needs them, and Arb would happily
       carry them into exp() at enormous cost. */
    if (arf_cmpabs_2exp_si(arb_midref(x), 1024) >= 0)
    {
        arb_indeterminate(x);
        return TSA_ERROR(TSA_EFORMAT, "%s: '%s' is out of range (|x| >= 2^1024)",
                         what, str);
    }
    return TSA_SUCCESS;
}

int
tsa_io_parse_arb_vec(arb_ptr *v, slong *len, const char *str,
                     const char *what, slong prec)
{
    slong n = 1, i;
    const char *p;
    char *copy, *tok;
    char field[256];
    int st = TSA_SUCCESS;

    *v = NULL;
    *len = 0;
    if (str == NULL || *skip_space(str) == '\0')
        return TSA_ERROR(TSA_EFORMAT, "%s: empty vector", what);
    for (p = str; *p != '\0'; p++)
        n += (*p == ',');
    copy = strdup(str);
    if (copy == NULL)
        return TSA_ERROR(TSA_ENOMEM, "%s: out of memory", what);
    *v = _arb_vec_init(n);
    i = 0;
    /* strtok_r would merge empty fields; walk by hand to reject "1,,2". */
    tok = copy;
    while (i < n)
    {
        char *comma = strchr(tok, ',');
        if (comma != NULL)
            *comma = '\0';
        snprintf(field, sizeof field, "%s[%ld]", what, (long) i);
        st = tsa_io_parse_arb(*v + i, tok, field, prec);
        if (st != TSA_SUCCESS)
            break;
        i++;
        if (comma == NULL)
            break;
        tok = comma + 1;
    }
    free(copy);
    if (st != TSA_SUCCESS)
    {
        _arb_vec_clear(*v, n);
        *v = NULL;
        return st;
    }
    *len = n;
    return TSA_SUCCESS;
}
