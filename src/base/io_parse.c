/* io_parse.c -- exact parsing of user numbers (syntax and limits in
 * tsa_io.h, docs/formats.md "Limits").  Hex floats and decimals are
 * scanned here into an integer mantissa and an exponent, bounded, and
 * converted exactly; strtod is used only by tsa_io_parse_double for
 * decimals, whose rounding is documented there. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_io.h"

enum { SCAN_OK = 0, SCAN_SYNTAX, SCAN_DIGITS, SCAN_EXP };

static const char *
skip_space(const char *p)
{
    while (*p != '\0' && isspace((unsigned char) *p))
        p++;
    return p;
}

const char *
tsa_io_shown(char *buf, size_t size, const char *s)
{
    size_t i, n = 0;
    for (i = 0; s[i] != '\0' && n + 4 < size; i++)
        buf[n++] = isprint((unsigned char) s[i]) ? s[i] : '?';
    if (s[i] != '\0' && size >= 4)
    {
        n = n > size - 4 ? size - 4 : n;
        memcpy(buf + n, "...", 3);
        n += 3;
    }
    buf[n] = '\0';
    return buf;
}

/* optional sign, then digits of the given base, '.' and more digits, then
   an optional exponent ([eE] for base 10, [pP] for 16) of at most 9
   decimal digits.  The significant digits (leading zeros dropped) go into
   M, at most maxdig of them; *frac counts the digits after the point. */
static int
scan_number(fmpz_t M, slong *exp, slong *frac, int *neg, const char *s,
            int base, slong maxdig, const char **end)
{
    const char *p = s, *q, *mend;
    char *digits, *e;
    slong nd = 0, nsig = 0, nf = 0, k = 0, expo = 0;
    int dot = 0, eneg = 0;
    *neg = 0;
    if (*p == '+' || *p == '-')
        *neg = (*p++ == '-');
    if (base == 16)
    {
        if (p[0] != '0' || (p[1] != 'x' && p[1] != 'X'))
            return SCAN_SYNTAX;
        p += 2;
    }
    for (q = p; isxdigit((unsigned char) *q) || *q == '.'; q++)
    {
        if (*q == '.')
        {
            if (dot++)
                return SCAN_SYNTAX;
            continue;
        }
        if (base == 10 && !isdigit((unsigned char) *q))
            break;
        nd++;
        nf += dot;
        if (nsig > 0 || *q != '0')
            nsig++;
    }
    if (nd == 0)
        return SCAN_SYNTAX;
    if (nsig > maxdig)
        return SCAN_DIGITS;
    e = (char *) q;
    mend = q;
    if ((base == 10 && (*q == 'e' || *q == 'E'))
        || (base == 16 && (*q == 'p' || *q == 'P')))
    {
        q++;
        if (*q == '+' || *q == '-')
            eneg = (*q++ == '-');
        for (k = 0; isdigit((unsigned char) q[k]); k++)
            if (k < 10)
                expo = 10 * expo + (q[k] - '0');
        if (k == 0)
            return SCAN_SYNTAX;
        if (k > 9)
            return SCAN_EXP;
        e = (char *) q + k;
    }
    *end = e;
    digits = malloc(nsig + 2);
    if (digits == NULL)
        return SCAN_DIGITS;
    nsig = 0;
    for (q = p; q < mend; q++)
        if (*q != '.' && (nsig > 0 || *q != '0'))
            digits[nsig++] = *q;
    digits[nsig] = '\0';
    if (nsig == 0)
        fmpz_zero(M);
    else
        fmpz_set_str(M, digits, base);
    free(digits);
    *exp = eneg ? -expo : expo;
    *frac = nf;
    return SCAN_OK;
}

/* x = M 2^e2 exactly, or a refusal naming the bound it breaks */
static int
range_check(const arf_t x, int exact, const char *str, const char *what)
{
    char b[48];
    if (arf_is_zero(x))
        return TSA_SUCCESS;
    if (exact && arf_bits(x) > TSA_IO_MAX_BITS)
        return TSA_ERROR(TSA_EFORMAT, "%s: '%s' has more than %d significant "
                         "bits", what, tsa_io_shown(b, sizeof b, str),
                         TSA_IO_MAX_BITS);
    if (arf_cmpabs_2exp_si(x, TSA_IO_MAX_EXP2) >= 0)
        return TSA_ERROR(TSA_EFORMAT, "%s: '%s' is out of range (|x| >= "
                         "2^%d)", what, tsa_io_shown(b, sizeof b, str),
                         TSA_IO_MAX_EXP2);
    if (arf_cmpabs_2exp_si(x, TSA_IO_MIN_EXP2) < 0)
        return TSA_ERROR(TSA_EFORMAT, "%s: '%s' underflows (nonzero |x| < "
                         "2^%d is refused, not rounded)", what,
                         tsa_io_shown(b, sizeof b, str), TSA_IO_MIN_EXP2);
    return TSA_SUCCESS;
}

static int
scan_error(int code, const char *str, const char *what)
{
    char b[48];
    tsa_io_shown(b, sizeof b, str);
    if (code == SCAN_DIGITS)
        return TSA_ERROR(TSA_EFORMAT, "%s: '%s' has more than %d significant "
                         "digits", what, b, TSA_IO_MAX_DIGITS);
    if (code == SCAN_EXP)
        return TSA_ERROR(TSA_EFORMAT, "%s: '%s': exponent out of range", what, b);
    return TSA_ERROR(TSA_EFORMAT, "%s: cannot parse '%s' as a number", what, b);
}

/* the whole string p is a hex float: exact into x (arf) */
static int
hex_exact(arf_t x, const char *p, const char *what)
{
    fmpz_t M;
    slong e, f;
    int neg, code;
    const char *end;
    fmpz_init(M);
    code = scan_number(M, &e, &f, &neg, p, 16, TSA_IO_MAX_BITS / 4 + 1, &end);
    if (code == SCAN_OK && *skip_space(end) != '\0')
        code = SCAN_SYNTAX;
    if (code != SCAN_OK)
    {
        fmpz_clear(M);
        return scan_error(code, p, what);
    }
    if (neg)
        fmpz_neg(M, M);
    if (!fmpz_is_zero(M) && (e - 4 * f + (slong) fmpz_bits(M) > 2 * TSA_IO_MAX_EXP2
                             || e - 4 * f < 4 * TSA_IO_MIN_EXP2))
        arf_set_si_2exp_si(x, 1, e - 4 * f > 0 ? 2 * TSA_IO_MAX_EXP2
                                               : 2 * TSA_IO_MIN_EXP2);
    else
    {
        arf_set_fmpz(x, M);
        arf_mul_2exp_si(x, x, e - 4 * f);
    }
    fmpz_clear(M);
    return range_check(x, 1, p, what);
}

/* decimal D 10^e10: exact (*exact = 1) when a binary rational, else a
   ball at prec; bounds checked before any power of ten is formed */
static int
dec_value(arb_t x, int *exact, const char *p, const char *what, slong prec)
{
    fmpz_t D, F;
    slong e, f, e10, order;
    int neg, code;
    const char *end;
    fmpz_init(D);
    fmpz_init(F);
    code = scan_number(D, &e, &f, &neg, p, 10, TSA_IO_MAX_DIGITS, &end);
    if (code == SCAN_OK && *skip_space(end) != '\0')
        code = SCAN_SYNTAX;
    if (code != SCAN_OK)
    {
        fmpz_clear(D);
        fmpz_clear(F);
        return scan_error(code, p, what);
    }
    if (neg)
        fmpz_neg(D, D);
    e10 = e - f;
    order = e10 + (slong) fmpz_sizeinbase(D, 10);
    *exact = 1;
    if (fmpz_is_zero(D))
        arb_zero(x);
    else if (order > 310 || order < -4940)
    {
        /* far outside [2^-16384, 2^1024): refuse before forming 10^e10 */
        arb_set_si(x, 1);
        arb_mul_2exp_si(x, x, order > 0 ? 2 * TSA_IO_MAX_EXP2 : 2 * TSA_IO_MIN_EXP2);
    }
    else if (e10 >= 0)
    {
        fmpz_ui_pow_ui(F, 10, e10);
        fmpz_mul(D, D, F);
        arb_set_fmpz(x, D);
    }
    else
    {
        fmpz_ui_pow_ui(F, 5, -e10);
        if (fmpz_divisible(D, F))
        {
            fmpz_divexact(D, D, F);
            arb_set_fmpz(x, D);
            arb_mul_2exp_si(x, x, e10);
        }
        else
        {
            arb_t t;
            arb_init(t);
            arb_set_fmpz(t, F);
            arb_mul_2exp_si(t, t, -e10);
            arb_set_fmpz(x, D);
            arb_div(x, x, t, prec);
            arb_clear(t);
            *exact = 0;
        }
    }
    fmpz_clear(D);
    fmpz_clear(F);
    return range_check(arb_midref(x), *exact, p, what);
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
        if (errno != 0 || num <= 0 || num > 1000000000L || *end != '*')
            return 0;
        p = end + 1;
    }
    if (strncmp(p, "pi", 2) != 0)
        return 0;
    p += 2;
    if (*p == '/')
    {
        errno = 0;
        if (!isdigit((unsigned char) p[1]))
            return 0;
        den = strtol(p + 1, &end, 10);
        if (errno != 0 || den <= 0 || den > 1000000000L)
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

/* "nan", "inf", "infinity" in any case (strtod and Arb accept them) */
static int
not_finite_word(const char *s)
{
    const char *p;
    for (p = s; *p != '\0'; p++)
        if ((tolower((unsigned char) p[0]) == 'n' && tolower((unsigned char) p[1]) == 'a'
             && tolower((unsigned char) p[2]) == 'n')
            || (tolower((unsigned char) p[0]) == 'i' && tolower((unsigned char) p[1]) == 'n'
                && tolower((unsigned char) p[2]) == 'f'))
            return 1;
    return 0;
}

static int
is_hex_float(const char *s)
{
    const char *p = skip_space(s);
    if (*p == '-' || *p == '+')
        p++;
    return p[0] == '0' && (p[1] == 'x' || p[1] == 'X');
}

/* "[m +/- r]": both decimals (bounded as above) */
static int
parse_ball(arb_t x, const char *p, const char *what, slong prec)
{
    const char *pm = strstr(p, "+/-"), *close = strrchr(p, ']');
    char *a, *b;
    arb_t r;
    int st, ex;
    size_t n = strlen(p);
    if (pm == NULL || close == NULL || *skip_space(close + 1) != '\0'
        || close < pm)
        return scan_error(SCAN_SYNTAX, p, what);
    a = malloc(n + 1);
    b = malloc(n + 1);
    memcpy(a, p + 1, pm - p - 1);
    a[pm - p - 1] = '\0';
    memcpy(b, pm + 3, close - pm - 3);
    b[close - pm - 3] = '\0';
    arb_init(r);
    st = dec_value(x, &ex, skip_space(a), what, prec);
    if (st == TSA_SUCCESS)
        st = dec_value(r, &ex, skip_space(b), what, prec);
    if (st == TSA_SUCCESS && arf_sgn(arb_midref(r)) < 0)
        st = TSA_ERROR(TSA_EFORMAT, "%s: negative radius", what);
    if (st == TSA_SUCCESS)
    {
        arb_abs(r, r);
        arb_add_error(x, r);
    }
    arb_clear(r);
    free(a);
    free(b);
    return st;
}

static int
parse_arb_impl(arb_t x, int *exact, const char *str, const char *what,
               slong prec)
{
    const char *p;
    char b[48];
    int st;
    *exact = 0;
    if (str == NULL || *(p = skip_space(str)) == '\0')
        return TSA_ERROR(TSA_EFORMAT, "%s: empty number", what);
    if (strlen(p) > TSA_IO_MAX_DIGITS + 64 && !is_hex_float(p))
        return scan_error(SCAN_DIGITS, p, what);
    if (parse_pi_multiple(x, p, prec))
        return TSA_SUCCESS;
    if (is_hex_float(p))
    {
        st = hex_exact(arb_midref(x), p, what);
        mag_zero(arb_radref(x));
        *exact = 1;
        return st;
    }
    if (*p == '[')
        return parse_ball(x, p, what, prec);
    if (not_finite_word(p))
        return TSA_ERROR(TSA_EFORMAT, "%s: '%s' is not a finite number", what,
                         tsa_io_shown(b, sizeof b, p));
    return dec_value(x, exact, p, what, prec);
}

int
tsa_io_parse_arb(arb_t x, const char *str, const char *what, slong prec)
{
    int exact;
    int st = parse_arb_impl(x, &exact, str, what, prec);
    if (st != TSA_SUCCESS)
        arb_indeterminate(x);
    return st;
}

int
tsa_io_parse_exact(arb_t x, const char *str, const char *what)
{
    int exact;
    char b[48];
    int st = parse_arb_impl(x, &exact, str, what, 64);
    if (st == TSA_SUCCESS && !exact)
        st = TSA_ERROR(TSA_EFORMAT, "%s: '%s' is not a binary number (not "
                       "exact)", what, tsa_io_shown(b, sizeof b, str));
    if (st != TSA_SUCCESS)
        arb_indeterminate(x);
    return st;
}

int
tsa_io_parse_double_exact(double *x, const char *str, const char *what)
{
    arb_t a;
    char b[48];
    int st;
    arb_init(a);
    st = tsa_io_parse_exact(a, str, what);
    if (st == TSA_SUCCESS)
    {
        /* exact as a double: at most 53 bits, and no bit below 2^-1074 */
        const arf_struct *m = arb_midref(a);
        fmpz_t M, E;
        fmpz_init(M);
        fmpz_init(E);
        arf_get_fmpz_2exp(M, E, m);
        if (!arf_is_zero(m) && (arf_bits(m) > 53
                                || arf_cmpabs_2exp_si(m, 1024) >= 0
                                || fmpz_cmp_si(E, -1074) < 0))
            st = TSA_ERROR(TSA_EFORMAT, "%s: '%s' is not exactly a double (it "
                           "would be rounded)", what,
                           tsa_io_shown(b, sizeof b, str));
        else
            *x = arf_get_d(m, ARF_RND_NEAR);
        fmpz_clear(M);
        fmpz_clear(E);
    }
    arb_clear(a);
    return st;
}

int
tsa_io_parse_double(double *x, const char *str, const char *what)
{
    char *end, b[48];
    double v;

    if (str == NULL || *skip_space(str) == '\0')
        return TSA_ERROR(TSA_EFORMAT, "%s: empty number", what);
    if (is_hex_float(str))
        return tsa_io_parse_double_exact(x, str, what);
    if (strlen(str) > TSA_IO_MAX_DIGITS + 64)
        return scan_error(SCAN_DIGITS, str, what);
    tsa_io_shown(b, sizeof b, str);
    if (not_finite_word(str))
        return TSA_ERROR(TSA_EFORMAT, "%s: '%s' is not a finite number", what, b);
    errno = 0;
    v = strtod(str, &end);
    if (end == str || *skip_space(end) != '\0')
        return TSA_ERROR(TSA_EFORMAT, "%s: cannot parse '%s' as a number",
                         what, b);
    if (isnan(v) || isinf(v) || (errno == ERANGE && fabs(v) > 1))
        return TSA_ERROR(TSA_EFORMAT, "%s: '%s' overflows a double", what, b);
    if (errno == ERANGE)
        return TSA_ERROR(TSA_EFORMAT, "%s: '%s' underflows a double (refused, "
                         "not rounded to 0)", what, b);
    *x = v;
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
    if (n > TSA_IO_MAX_VEC)
        return TSA_ERROR(TSA_EFORMAT, "%s: more than %d entries", what,
                         TSA_IO_MAX_VEC);
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

/* one hex field of an Arb dump: [-]digits, lowercase, no leading zero
   (except "0"), at most maxlen digits; *len gets the digit count */
static int
dump_field(const char **p, int allow_neg, slong maxlen, int *neg,
           const char **digits, slong *len)
{
    const char *q = *p;
    *neg = 0;
    if (*q == '-' && allow_neg)
    {
        *neg = 1;
        q++;
    }
    *digits = q;
    while ((*q >= '0' && *q <= '9') || (*q >= 'a' && *q <= 'f'))
        q++;
    *len = q - *digits;
    if (*len == 0 || *len > maxlen || (*len > 1 && **digits == '0')
        || (*neg && **digits == '0'))
        return 0;
    *p = q;
    return 1;
}

static int
hexval(char c)
{
    return c <= '9' ? c - '0' : c - 'a' + 10;
}

/* an exponent field (at most 8 hex digits, so it fits a slong) */
static slong
dump_exp(const char *d, slong len, int neg)
{
    slong e = 0, i;
    for (i = 0; i < len; i++)
        e = 16 * e + hexval(d[i]);
    return neg ? -e : e;
}

int
tsa_io_check_arb_dump(const char *s, const char *what)
{
    const char *p = s, *d[4];
    slong len[4], top[2], k;
    int neg[4], ok = 1;
    char b[48];
    for (k = 0; k < 4 && ok; k++)
    {
        ok = dump_field(&p, k != 2, k % 2 == 0 ? TSA_IO_MAX_BITS / 4 + 1 : 8,
                        neg + k, d + k, len + k)
             && *p == (k < 3 ? ' ' : '\0');
        p += k < 3;
    }
    if (ok)
    {
        /* finite zero is "0 0"; specials (inf, nan) are refused; non-zero
           mantissas are odd (arb_dump_str's canonical form); a radius
           mantissa has at most 30 bits (MAG_BITS) */
        for (k = 0; k < 2 && ok; k++)
        {
            const char *m = d[2 * k];
            slong ml = len[2 * k];
            if (ml == 1 && m[0] == '0')
            {
                ok = len[2 * k + 1] == 1 && d[2 * k + 1][0] == '0';
                top[k] = WORD_MIN;
                continue;
            }
            ok = (hexval(m[ml - 1]) & 1)
                 && (k == 0 || ml < 8 || (ml == 8 && hexval(m[0]) < 4));
            top[k] = dump_exp(d[2 * k + 1], len[2 * k + 1], neg[2 * k + 1])
                     + 4 * (ml - 1) + FLINT_BIT_COUNT(hexval(m[0]));
        }
    }
    if (!ok)
        return TSA_ERROR(TSA_EFORMAT, "%s: '%s' is not an Arb dump (four hex "
                         "fields as arb_dump_str writes them)", what,
                         tsa_io_shown(b, sizeof b, s));
    if (top[0] != WORD_MIN && (top[0] > TSA_IO_MAX_EXP2
                               || top[0] - 1 < TSA_IO_MIN_EXP2))
        return TSA_ERROR(TSA_EFORMAT, "%s: Arb dump '%s': midpoint out of range "
                         "(2^%d <= |x| < 2^%d or 0)", what,
                         tsa_io_shown(b, sizeof b, s), TSA_IO_MIN_EXP2,
                         TSA_IO_MAX_EXP2);
    if (top[1] != WORD_MIN && (top[1] > TSA_IO_MAX_EXP2
                               || top[1] - 1 < 4 * TSA_IO_MIN_EXP2))
        return TSA_ERROR(TSA_EFORMAT, "%s: Arb dump '%s': radius out of range "
                         "(2^%d <= r < 2^%d or 0)", what,
                         tsa_io_shown(b, sizeof b, s), 4 * TSA_IO_MIN_EXP2,
                         TSA_IO_MAX_EXP2);
    return TSA_SUCCESS;
}

int
tsa_io_load_arb_dump(arb_t x, const char *s, const char *what)
{
    int st = tsa_io_check_arb_dump(s, what);
    if (st == TSA_SUCCESS && arb_load_str(x, s) != 0)
        st = TSA_ERROR(TSA_EFORMAT, "%s: Arb dump not readable", what);
    if (st != TSA_SUCCESS)
        arb_indeterminate(x);
    return st;
}

int
tsa_io_check_decimal_of(const char *dec, const arb_t x, const char *what)
{
    fmpz_t D;
    slong e, f, e10;
    int neg, code, bad;
    const char *end;
    char b[48];
    arb_t t;
    if (dec == NULL)
        return TSA_ERROR(TSA_EFORMAT, "%s: expected a decimal string", what);
    fmpz_init(D);
    code = scan_number(D, &e, &f, &neg, skip_space(dec), 10, TSA_IO_MAX_DIGITS,
                       &end);
    if (code == SCAN_OK && *skip_space(end) != '\0')
        code = SCAN_SYNTAX;
    if (code != SCAN_OK)
    {
        fmpz_clear(D);
        return scan_error(code, dec, what);
    }
    e10 = e - f;
    if (neg)
        fmpz_neg(D, D);
    if (fmpz_is_zero(D) || arf_is_zero(arb_midref(x)))
        bad = !(fmpz_is_zero(D) && arf_is_zero(arb_midref(x)));
    else if (e10 > 400 || e10 < -10000)
        bad = 1;
    else
    {
        /* |D - x 10^-e10| <= 1: within one unit of the last printed digit */
        slong wp = arf_bits(arb_midref(x)) + 4 * (e10 < 0 ? -e10 : e10)
                   + fmpz_bits(D) + 64;
        arb_init(t);
        arb_ui_pow_ui(t, 10, e10 < 0 ? -e10 : e10, wp);
        if (e10 < 0)
            arb_mul(t, x, t, wp);
        else
            arb_div(t, x, t, wp);
        arb_sub_fmpz(t, t, D, wp);
        arb_abs(t, t);
        arb_sub_ui(t, t, 1, wp);
        bad = arb_is_positive(t);
        arb_clear(t);
    }
    fmpz_clear(D);
    if (bad)
        return TSA_ERROR(TSA_EFORMAT, "%s: '%s' is not the exact value printed "
                         "to its digits (inconsistent)", what,
                         tsa_io_shown(b, sizeof b, dec));
    return TSA_SUCCESS;
}

/* ---- files ---------------------------------------------------------- */

int
tsa_io_read_file(char **text, size_t *len, const char *path, size_t max)
{
    struct stat sb;
    size_t cap, n = 0;
    char *buf;
    int fd;
    *text = NULL;
    if (len != NULL)
        *len = 0;
    /* O_NONBLOCK: opening a FIFO must not wait for a writer */
    fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return TSA_ERROR(TSA_EIO, "%s: cannot open: %s", path, strerror(errno));
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))
    {
        close(fd);
        return TSA_ERROR(TSA_EINVAL, "%s: not a regular file", path);
    }
    if ((unsigned long long) sb.st_size > max)
    {
        close(fd);
        return TSA_ERROR(TSA_EINVAL, "%s: larger than the limit of %zu bytes",
                         path, max);
    }
    cap = (size_t) sb.st_size + 1;
    buf = malloc(cap);
    if (buf == NULL)
    {
        close(fd);
        return TSA_ERROR(TSA_ENOMEM, "%s: out of memory", path);
    }
    for (;;)
    {
        ssize_t r;
        if (n + 1 >= cap)
        {
            char *nb;
            if (cap > max)
            {
                free(buf);
                close(fd);
                return TSA_ERROR(TSA_EINVAL, "%s: larger than the limit of "
                                 "%zu bytes", path, max);
            }
            nb = realloc(buf, 2 * cap);
            if (nb == NULL)
            {
                free(buf);
                close(fd);
                return TSA_ERROR(TSA_ENOMEM, "%s: out of memory", path);
            }
            buf = nb;
            cap *= 2;
        }
        r = read(fd, buf + n, cap - 1 - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
        {
            int e = errno;
            free(buf);
            close(fd);
            return TSA_ERROR(TSA_EIO, "%s: read failed: %s", path, strerror(e));
        }
        if (r == 0)
            break;
        n += (size_t) r;
    }
    close(fd);
    if (n > max)
    {
        free(buf);
        return TSA_ERROR(TSA_EINVAL, "%s: larger than the limit of %zu bytes",
                         path, max);
    }
    buf[n] = '\0';
    if (memchr(buf, '\0', n) != NULL)
    {
        free(buf);
        return TSA_ERROR(TSA_EFORMAT, "%s: contains a NUL byte (not text)", path);
    }
    *text = buf;
    if (len != NULL)
        *len = n;
    return TSA_SUCCESS;
}

int
tsa_io_check_regular(const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return TSA_ERROR(TSA_EIO, "%s: cannot open: %s", path, strerror(errno));
    if (!S_ISREG(sb.st_mode))
        return TSA_ERROR(TSA_EINVAL, "%s: not a regular file", path);
    return TSA_SUCCESS;
}

int
tsa_io_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (a == NULL || b == NULL || strcmp(a, "-") == 0 || strcmp(b, "-") == 0)
        return 0;
    if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
        return 0;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}
