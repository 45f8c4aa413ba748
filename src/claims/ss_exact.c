/* ss_exact.c -- exact rational parts of the SS definitions: nets, Def. 3
 * eps-alignment, Def. 4 observers, co-linearity and the exact residual test
 * behind Thm 1 / 2 (docs/claims-ss.md s. 1-3). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ss_impl.h"

void
tsa_ss_net_init(tsa_ss_net_t net, slong d, slong n, slong C)
{
    net->d = d;
    net->n = n;
    net->C = C;
    net->W = _fmpq_vec_init(n * (d + 1));
    net->V = _fmpq_vec_init(n * C);
}

void
tsa_ss_net_clear(tsa_ss_net_t net)
{
    _fmpq_vec_clear(net->W, net->n * (net->d + 1));
    _fmpq_vec_clear(net->V, net->n * net->C);
}

/* decimal "[-]digits[.digits][e[+-]int]" exactly */
static int
parse_decimal(fmpq_t q, const char *s)
{
    fmpz_t num, den;
    int neg = 0, any = 0;
    long ex = 0, frac = 0;
    const char *p = s;
    fmpz_init(num);
    fmpz_init(den);
    if (*p == '-' || *p == '+')
        neg = (*p++ == '-');
    for (; isdigit((unsigned char) *p); p++, any = 1)
    {
        fmpz_mul_ui(num, num, 10);
        fmpz_add_ui(num, num, (ulong) (*p - '0'));
    }
    if (*p == '.')
        for (p++; isdigit((unsigned char) *p); p++, any = 1, frac++)
        {
            fmpz_mul_ui(num, num, 10);
            fmpz_add_ui(num, num, (ulong) (*p - '0'));
        }
    if (any && (*p == 'e' || *p == 'E'))
    {
        char *end;
        ex = strtol(p + 1, &end, 10);
        if (end == p + 1 || labs(ex) > 4000)
            any = 0;
        p = end;
    }
    if (!any || *p != '\0')
    {
        fmpz_clear(num);
        fmpz_clear(den);
        return 0;
    }
    ex -= frac;
    fmpz_one(den);
    if (ex >= 0)
    {
        fmpz_ui_pow_ui(den, 10, (ulong) ex);
        fmpz_mul(num, num, den);
        fmpz_one(den);
    }
    else
        fmpz_ui_pow_ui(den, 10, (ulong) (-ex));
    if (neg)
        fmpz_neg(num, num);
    fmpq_set_fmpz_frac(q, num, den);
    fmpz_clear(num);
    fmpz_clear(den);
    return 1;
}

int
tsa_ss_q_read(fmpq_t q, const json_t *j, const char *what)
{
    if (json_is_integer(j))
    {
        fmpq_set_si(q, (slong) json_integer_value(j), 1);
        return TSA_SUCCESS;
    }
    if (json_is_real(j))
    {
        double x = json_real_value(j);
        arf_t a;
        if (!isfinite(x))
            return TSA_ERROR(TSA_EFORMAT, "%s: not finite", what);
        arf_init(a);
        arf_set_d(a, x);
        arf_get_fmpq(q, a);
        arf_clear(a);
        return TSA_SUCCESS;
    }
    if (json_is_string(j))
    {
        const char *s = json_string_value(j);
        if (strchr(s, '/') != NULL)
        {
            if (fmpq_set_str(q, s, 10) == 0 && !fmpz_is_zero(fmpq_denref(q)))
            {
                fmpq_canonicalise(q);
                return TSA_SUCCESS;
            }
        }
        else if (parse_decimal(q, s))
            return TSA_SUCCESS;
        return TSA_ERROR(TSA_EFORMAT, "%s: '%s' is not a rational number", what, s);
    }
    return TSA_ERROR(TSA_EFORMAT, "%s: expected a number or a string", what);
}

int
tsa_ss_net_read(tsa_ss_net_t net, const json_t *j, slong d, const char *what)
{
    const json_t *W = json_object_get(j, "W"), *V = json_object_get(j, "V");
    slong n, C, i, k;
    char field[512];
    if (!json_is_object(j))
        return TSA_ERROR(TSA_EFORMAT, "%s: missing or not an object", what);
    if (!json_is_array(W) || json_array_size(W) == 0)
        return TSA_ERROR(TSA_EFORMAT, "%s.W: missing or empty array", what);
    n = (slong) json_array_size(W);
    if (d < 0)
    {
        const json_t *r0 = json_array_get(W, 0);
        if (!json_is_array(r0) || json_array_size(r0) < 2)
            return TSA_ERROR(TSA_EFORMAT, "%s.W[0]: need d + 1 >= 2 entries", what);
        d = (slong) json_array_size(r0) - 1;
    }
    if (V != NULL)
    {
        const json_t *r0 = json_array_get(V, 0);
        if (!json_is_array(V) || (slong) json_array_size(V) != n || !json_is_array(r0)
            || json_array_size(r0) == 0)
            return TSA_ERROR(TSA_EFORMAT, "%s.V: need %ld rows of C >= 1 entries",
                             what, (long) n);
        C = (slong) json_array_size(r0);
    }
    else
        C = 1;
    tsa_ss_net_init(net, d, n, C);
    for (k = 0; k < n; k++)
    {
        const json_t *row = json_array_get(W, (size_t) k);
        if (!json_is_array(row) || (slong) json_array_size(row) != d + 1)
        {
            tsa_ss_net_clear(net);
            return TSA_ERROR(TSA_EFORMAT, "%s.W[%ld]: need %ld entries", what,
                             (long) k, (long) (d + 1));
        }
        for (i = 0; i <= d; i++)
        {
            snprintf(field, sizeof field, "%s.W[%ld][%ld]", what, (long) k, (long) i);
            if (tsa_ss_q_read(net->W + k * (d + 1) + i, json_array_get(row, (size_t) i),
                              field) != TSA_SUCCESS)
            {
                tsa_ss_net_clear(net);
                return TSA_EFORMAT;
            }
        }
        if (V == NULL)
        {
            fmpq_one(net->V + k);
            continue;
        }
        row = json_array_get(V, (size_t) k);
        if (!json_is_array(row) || (slong) json_array_size(row) != C)
        {
            tsa_ss_net_clear(net);
            return TSA_ERROR(TSA_EFORMAT, "%s.V[%ld]: need %ld entries", what,
                             (long) k, (long) C);
        }
        for (i = 0; i < C; i++)
        {
            snprintf(field, sizeof field, "%s.V[%ld][%ld]", what, (long) k, (long) i);
            if (tsa_ss_q_read(net->V + k * C + i, json_array_get(row, (size_t) i),
                              field) != TSA_SUCCESS)
            {
                tsa_ss_net_clear(net);
                return TSA_EFORMAT;
            }
        }
    }
    return TSA_SUCCESS;
}

void
tsa_ss_net_get_d(double **W, double **V, const tsa_ss_net_t net)
{
    slong i, nw = net->n * (net->d + 1), nv = net->n * net->C;
    *W = malloc(sizeof(double) * (size_t) nw);
    *V = malloc(sizeof(double) * (size_t) nv);
    for (i = 0; i < nw; i++)
        (*W)[i] = fmpq_get_d(net->W + i);
    for (i = 0; i < nv; i++)
        (*V)[i] = fmpq_get_d(net->V + i);
}

/* ---- co-linearity, Def. 3 ------------------------------------------------ */

int
tsa_ss_colinear(fmpq_t t, const fmpq *w, const fmpq *u, slong d, int line)
{
    slong i, piv = -1;
    fmpq_t x;
    int ok = 1;
    for (i = 0; i <= d && piv < 0; i++)
        if (!fmpq_is_zero(u + i))
            piv = i;
    if (piv < 0)
        return 0;
    fmpq_div(t, w + piv, u + piv);
    if (fmpq_is_zero(t) || (!line && fmpq_sgn(t) < 0))
        return 0;
    fmpq_init(x);
    for (i = 0; i <= d && ok; i++)
    {
        fmpq_mul(x, t, u + i);
        ok = fmpq_equal(x, w + i);
    }
    fmpq_clear(x);
    return ok;
}

static void
dot_q(fmpq_t res, const fmpq *a, const fmpq *b, slong len)
{
    slong i;
    fmpq_t p;
    fmpq_init(p);
    fmpq_zero(res);
    for (i = 0; i < len; i++)
    {
        fmpq_mul(p, a + i, b + i);
        fmpq_add(res, res, p);
    }
    fmpq_clear(p);
}

tsa_truth_t
tsa_ss_eps_aligned(double *sin_out, double *db_out, const fmpq *w,
                   const fmpq *u, slong d, const fmpq_t eps, slong prec)
{
    fmpq_t nw, nu, dot, s2, e2, L, R, P, tmp;
    tsa_truth_t res;
    (void) prec;
    fmpq_init(nw);
    fmpq_init(nu);
    fmpq_init(dot);
    fmpq_init(s2);
    fmpq_init(e2);
    fmpq_init(L);
    fmpq_init(R);
    fmpq_init(P);
    fmpq_init(tmp);
    dot_q(nw, w, w, d);
    dot_q(nu, u, u, d);
    dot_q(dot, w, u, d);
    if (sin_out)
        *sin_out = NAN;
    if (db_out)
        *db_out = NAN;
    if (fmpq_is_zero(nw) || fmpq_is_zero(nu))
    {
        res = TSA_FALSE;
        goto done;
    }
    /* sin^2 = (nw nu - dot^2) / (nw nu), exact */
    fmpq_mul(P, nw, nu);
    fmpq_mul(tmp, dot, dot);
    fmpq_sub(s2, P, tmp);
    fmpq_div(s2, s2, P);
    fmpq_mul(e2, eps, eps);
    /* bias gap: (b/sqrt(nw) - bu/sqrt(nu))^2 <= eps^2 iff
       L <= R / sqrt(P), L = b^2/nw + bu^2/nu - eps^2, R = 2 b bu */
    fmpq_mul(L, w + d, w + d);
    fmpq_div(L, L, nw);
    fmpq_mul(tmp, u + d, u + d);
    fmpq_div(tmp, tmp, nu);
    fmpq_add(L, L, tmp);
    fmpq_sub(L, L, e2);
    fmpq_mul(R, w + d, u + d);
    fmpq_mul_2exp(R, R, 1);
    if (sin_out)
        *sin_out = sqrt(fmax(0.0, fmpq_get_d(s2)));
    if (db_out)
        *db_out = fabs(fmpq_get_d(w + d) / sqrt(fmpq_get_d(nw))
                       - fmpq_get_d(u + d) / sqrt(fmpq_get_d(nu)));
    if (fmpq_sgn(dot) <= 0 || fmpq_cmp(s2, e2) > 0)
    {
        res = TSA_FALSE;
        goto done;
    }
    {
        int bias_ok;
        fmpq_t L2, R2;
        fmpq_init(L2);
        fmpq_init(R2);
        fmpq_mul(L2, L, L);
        fmpq_mul(L2, L2, P);
        fmpq_mul(R2, R, R);
        if (fmpq_sgn(R) >= 0)
            bias_ok = fmpq_sgn(L) <= 0 || fmpq_cmp(L2, R2) <= 0;
        else
            bias_ok = fmpq_sgn(L) < 0 && fmpq_cmp(L2, R2) >= 0;
        fmpq_clear(L2);
        fmpq_clear(R2);
        res = bias_ok ? TSA_TRUE : TSA_FALSE;
    }
done:
    fmpq_clear(nw);
    fmpq_clear(nu);
    fmpq_clear(dot);
    fmpq_clear(s2);
    fmpq_clear(e2);
    fmpq_clear(L);
    fmpq_clear(R);
    fmpq_clear(P);
    fmpq_clear(tmp);
    return res;
}

/* ---- Def. 4 ---------------------------------------------------------------- */

tsa_truth_t
tsa_ss_observer(const fmpq *wk, const fmpq *wj, slong d, const fmpq_t r2)
{
    fmpq_t nj, nk, s, A, q, rho2, t;
    int res;
    fmpq_init(nj);
    fmpq_init(nk);
    fmpq_init(s);
    fmpq_init(A);
    fmpq_init(q);
    fmpq_init(rho2);
    fmpq_init(t);
    dot_q(nj, wj, wj, d);
    dot_q(nk, wk, wk, d);
    dot_q(s, wk, wj, d);
    if (fmpq_is_zero(nj))
    {
        /* dE_j is empty (b_j != 0) or all of R^d (b_j = 0) */
        if (!fmpq_is_zero(wj + d))
            res = 0;
        else if (fmpq_is_zero(nk))
            res = fmpq_sgn(wk + d) > 0;
        else if (r2 == NULL || fmpq_sgn(wk + d) > 0)
            res = 1;
        else
        {
            fmpq_mul(t, wk + d, wk + d);
            fmpq_mul(q, r2, nk);
            res = fmpq_cmp(t, q) < 0;
        }
        goto done;
    }
    /* on dE_j: w_k . xt = A + (P wt_k) . y, A = b_k - b_j s / nj,
       |P wt_k|^2 = q = nk - s^2 / nj; the slice of the ball has radius^2
       rho2 = r2 - b_j^2 / nj */
    fmpq_mul(A, wj + d, s);
    fmpq_div(A, A, nj);
    fmpq_sub(A, wk + d, A);
    fmpq_mul(q, s, s);
    fmpq_div(q, q, nj);
    fmpq_sub(q, nk, q);
    if (r2 == NULL)
        res = fmpq_sgn(q) > 0 || fmpq_sgn(A) > 0;
    else
    {
        fmpq_mul(rho2, wj + d, wj + d);
        fmpq_div(rho2, rho2, nj);
        fmpq_sub(rho2, r2, rho2);
        if (fmpq_sgn(rho2) <= 0)
            res = 0;
        else if (fmpq_sgn(A) > 0)
            res = 1;
        else
        {
            fmpq_mul(t, A, A);
            fmpq_mul(q, q, rho2);
            res = fmpq_cmp(t, q) < 0;
        }
    }
done:
    fmpq_clear(nj);
    fmpq_clear(nk);
    fmpq_clear(s);
    fmpq_clear(A);
    fmpq_clear(q);
    fmpq_clear(rho2);
    fmpq_clear(t);
    return res ? TSA_TRUE : TSA_FALSE;
}

/* ---- exact residual ---------------------------------------------------------- */

void
tsa_ss_residual_at(fmpq *r, const tsa_ss_net_t s, const tsa_ss_net_t t,
                   const fmpq_t leak, const fmpq *x)
{
    slong d = s->d, C = s->C, k, c, net;
    fmpq_t z, p;
    fmpq_init(z);
    fmpq_init(p);
    for (c = 0; c < C; c++)
        fmpq_zero(r + c);
    for (net = 0; net < 2; net++)
    {
        const tsa_ss_net_struct *N = net == 0 ? t : s;
        for (k = 0; k < N->n; k++)
        {
            dot_q(z, N->W + k * (d + 1), x, d);
            fmpq_add(z, z, N->W + k * (d + 1) + d);
            if (fmpq_sgn(z) < 0)
                fmpq_mul(z, z, leak);
            for (c = 0; c < C; c++)
            {
                fmpq_mul(p, z, N->V + k * C + c);
                if (net == 0)
                    fmpq_add(r + c, r + c, p);   /* r = f* - f */
                else
                    fmpq_sub(r + c, r + c, p);
            }
        }
    }
    fmpq_clear(z);
    fmpq_clear(p);
}

int
tsa_ss_residual_zero(char *reason, size_t rn, const tsa_ss_net_t s,
                     const tsa_ss_net_t t, const fmpq_t leak)
{
    slong d = s->d, C = s->C, D1 = d + 1, total = s->n + t->n;
    slong nl = 0, i, k, c, e, bad_line = -1;
    slong *rep = flint_malloc(sizeof(slong) * (size_t) total);
    fmpq *M = _fmpq_vec_init(C * D1);       /* affine remainder, C x (d+1) */
    fmpq *A = _fmpq_vec_init(C * total);    /* ReLU coefficient per line */
    fmpq_t one_c, tq, a, p, nt;
    int zero = 1;
    fmpq_init(one_c);
    fmpq_init(tq);
    fmpq_init(a);
    fmpq_init(p);
    fmpq_init(nt);
    fmpq_one(one_c);
    fmpq_sub(one_c, one_c, leak);
    for (i = 0; i < total; i++)
    {
        const tsa_ss_net_struct *N = i < s->n ? s : t;
        slong kk = i < s->n ? i : i - s->n;
        const fmpq *w = N->W + kk * D1;
        int sgn = i < s->n ? 1 : -1;   /* r = f* - f: student -, teacher + */
        slong line = -1;
        for (e = 0; e < d && fmpq_is_zero(w + e); e++)
            ;
        if (e == d)
        {
            /* wt = 0: the constant sigma(b) */
            fmpq_set(p, w + d);
            if (fmpq_sgn(p) < 0)
                fmpq_mul(p, p, leak);
            for (c = 0; c < C; c++)
            {
                fmpq_mul(a, p, N->V + kk * C + c);
                if (sgn > 0)
                    fmpq_sub(M + c * D1 + d, M + c * D1 + d, a);
                else
                    fmpq_add(M + c * D1 + d, M + c * D1 + d, a);
            }
            continue;
        }
        /* sigma(w.xt) = (1 - leak) relu(w.xt) + leak w.xt */
        for (c = 0; c < C; c++)
            for (e = 0; e < D1; e++)
            {
                fmpq_mul(a, N->V + kk * C + c, w + e);
                fmpq_mul(a, a, leak);
                if (sgn > 0)
                    fmpq_sub(M + c * D1 + e, M + c * D1 + e, a);
                else
                    fmpq_add(M + c * D1 + e, M + c * D1 + e, a);
            }
        for (k = 0; k < nl && line < 0; k++)
        {
            const tsa_ss_net_struct *R = rep[k] < s->n ? s : t;
            slong rk = rep[k] < s->n ? rep[k] : rep[k] - s->n;
            if (tsa_ss_colinear(tq, w, R->W + rk * D1, d, 1))
                line = k;
        }
        if (line < 0)
        {
            line = nl;
            rep[nl++] = i;
            fmpq_one(tq);
        }
        /* relu(t p.xt) = |t| relu(p.xt) - [t < 0] |t| p.xt */
        fmpq_abs(nt, tq);
        fmpq_mul(nt, nt, one_c);
        {
            const tsa_ss_net_struct *R = rep[line] < s->n ? s : t;
            slong rk = rep[line] < s->n ? rep[line] : rep[line] - s->n;
            for (c = 0; c < C; c++)
            {
                fmpq_mul(a, N->V + kk * C + c, nt);
                if (sgn > 0)
                    fmpq_sub(A + line * C + c, A + line * C + c, a);
                else
                    fmpq_add(A + line * C + c, A + line * C + c, a);
                if (fmpq_sgn(tq) < 0)
                    for (e = 0; e < D1; e++)
                    {
                        fmpq_mul(p, a, R->W + rk * D1 + e);
                        if (sgn > 0)
                            fmpq_add(M + c * D1 + e, M + c * D1 + e, p);
                        else
                            fmpq_sub(M + c * D1 + e, M + c * D1 + e, p);
                    }
            }
        }
    }
    for (k = 0; k < nl && zero; k++)
        for (c = 0; c < C; c++)
            if (!fmpq_is_zero(A + k * C + c))
            {
                zero = 0;
                bad_line = k;
            }
    if (!zero)
    {
        slong bi = rep[bad_line];
        snprintf(reason, rn, "exact: the ReLU kink along the line of %s node %ld "
                 "has a non-zero total coefficient, so f - f* is not affine "
                 "(%ld distinct lines)", bi < s->n ? "student" : "teacher",
                 (long) (bi < s->n ? bi : bi - s->n), (long) nl);
    }
    else
    {
        for (i = 0; i < C * D1 && zero; i++)
            if (!fmpq_is_zero(M + i))
                zero = 0;
        if (zero)
            snprintf(reason, rn, "exact: every one of the %ld lines has zero total "
                     "ReLU coefficient and the affine remainder is 0, so "
                     "f = f* on R^d", (long) nl);
        else
            snprintf(reason, rn, "exact: all kinks cancel but the affine "
                     "remainder is not 0 (%ld lines)", (long) nl);
    }
    fmpq_clear(one_c);
    fmpq_clear(tq);
    fmpq_clear(a);
    fmpq_clear(p);
    fmpq_clear(nt);
    _fmpq_vec_clear(M, C * D1);
    _fmpq_vec_clear(A, C * total);
    flint_free(rep);
    return zero;
}
