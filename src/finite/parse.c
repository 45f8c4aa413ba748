/* parse.c -- exact rationals from user strings (docs/finite-data.md). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_finite.h"

/* Digits of base 10 or 16 from s into z (appending); count in *nd. */
static const char *
digits(fmpz_t z, const char *s, int base, slong *nd)
{
    for (; *s != '\0'; s++)
    {
        int v;
        if (*s >= '0' && *s <= '9')
            v = *s - '0';
        else if (base == 16 && isxdigit((unsigned char) *s))
            v = 10 + (tolower((unsigned char) *s) - 'a');
        else
            break;
        fmpz_mul_ui(z, z, (ulong) base);
        fmpz_add_ui(z, z, (ulong) v);
        (*nd)++;
    }
    return s;
}

/* A signed exponent of 1..3 digits. */
static const char *
exponent(slong *e, const char *s)
{
    int neg = 0, k = 0;
    *e = 0;
    if (*s == '+' || *s == '-')
        neg = (*s++ == '-');
    for (; *s >= '0' && *s <= '9' && k < 4; s++, k++)
        *e = 10 * *e + (*s - '0');
    if (k == 0 || k > 3 || (*s >= '0' && *s <= '9'))
        return NULL;
    if (neg)
        *e = -*e;
    return s;
}

static int
bad(const char *str, const char *what, const char *why)
{
    char shown[48];
    size_t i;
    for (i = 0; i + 4 < sizeof shown && str[i] != '\0'; i++)
        shown[i] = isprint((unsigned char) str[i]) ? str[i] : '?';
    shown[i] = '\0';
    if (str[i] != '\0')
        strcpy(shown + i, "...");
    return TSA_ERROR(TSA_EFORMAT, "%s: '%s': %s", what, shown, why);
}

int
tsa_fin_parse_q(fmpq_t q, const char *str, const char *what)
{
    fmpz_t num, den;
    const char *s = str;
    slong nd = 0, nf = 0, e = 0;
    int neg = 0, hex = 0, st = TSA_SUCCESS;

    if (str == NULL || strlen(str) == 0)
        return bad("", what, "empty number");
    if (strlen(str) > TSA_FIN_MAX_NUMLEN)
        return bad(str, what, "longer than 256 characters");
    fmpz_init(num);
    fmpz_init(den);
    if (*s == '+' || *s == '-')
        neg = (*s++ == '-');
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        hex = 1, s += 2;
    s = digits(num, s, hex ? 16 : 10, &nd);
    if (*s == '/' && !hex)
    {
        slong nq = 0;
        s = digits(den, s + 1, 10, &nq);
        if (nd == 0 || nq == 0 || *s != '\0')
            st = bad(str, what, "malformed fraction (want p/q)");
        else if (fmpz_is_zero(den))
            st = bad(str, what, "zero denominator");
        else
            fmpq_set_fmpz_frac(q, num, den);
        goto done;
    }
    if (*s == '.')
    {
        const char *t = s + 1;
        s = digits(num, t, hex ? 16 : 10, &nf);
        nd += nf;
    }
    if (nd == 0)
    {
        st = bad(str, what, "not a number (integer, p/q, decimal or hex float)");
        goto done;
    }
    if (hex ? (*s == 'p' || *s == 'P') : (*s == 'e' || *s == 'E'))
    {
        s = exponent(&e, s + 1);
        if (s == NULL)
        {
            st = bad(str, what, "malformed exponent (1 to 3 digits)");
            goto done;
        }
    }
    else if (hex)
    {
        st = bad(str, what, "hex float without its p exponent");
        goto done;
    }
    if (*s != '\0')
    {
        st = bad(str, what, "trailing characters");
        goto done;
    }
    fmpz_one(den);
    fmpq_set_fmpz_frac(q, num, den);
    if (hex)
    {
        e -= 4 * nf;
        if (e >= 0)
            fmpq_mul_2exp(q, q, (ulong) e);
        else
            fmpq_div_2exp(q, q, (ulong) -e);
    }
    else
    {
        e -= nf;
        fmpz_ui_pow_ui(den, 10, (ulong) (e >= 0 ? e : -e));
        if (e >= 0)
            fmpq_mul_fmpz(q, q, den);
        else
            fmpq_div_fmpz(q, q, den);
    }
done:
    if (st == TSA_SUCCESS && neg)
        fmpq_neg(q, q);
    fmpz_clear(num);
    fmpz_clear(den);
    return st;
}

char *
tsa_fin_q_str(const fmpq_t q)
{
    return fmpq_get_str(NULL, 10, q);
}
