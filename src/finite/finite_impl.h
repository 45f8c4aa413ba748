/* finite_impl.h -- internals of src/finite (not installed). */
#ifndef TSA_FINITE_IMPL_H
#define TSA_FINITE_IMPL_H

#include <flint/fmpq_poly.h>
#include "tsa_finite.h"

/* "format" is tag and "format_version" a 1.x (newer majors refused). */
int tsa_fin_check_format(const json_t *root, const char *tag, const char *what);

/* z_s = (x_s, 1) entry i of sample s. */
static inline void
_fin_z(fmpq_t t, const tsa_fin_point_t p, slong s, slong i)
{
    if (i < p->d)
        fmpq_set(t, p->x + s * p->d + i);
    else
        fmpq_one(t);
}

/* q = a / k (k != 0). */
static inline void
fmpq_div_si(fmpq_t q, const fmpq_t a, slong k)
{
    fmpz_t t;
    fmpz_init_set_si(t, k);
    fmpq_div_fmpz(q, a, t);
    fmpz_clear(t);
}

static inline void
_fin_vec_zero(fmpq *v, slong len)
{
    slong i;
    for (i = 0; i < len; i++)
        fmpq_zero(v + i);
}

static inline int
_fin_vec_is_zero(const fmpq *v, slong len)
{
    slong i;
    for (i = 0; i < len; i++)
        if (!fmpq_is_zero(v + i))
            return 0;
    return 1;
}

/* JSON string of q. */
json_t *_fin_qjson(const fmpq_t q);
json_t *_fin_qvec_json(const fmpq *v, slong len);
/* A decimal for people (about 17 digits). */
json_t *_fin_qdec_json(const fmpq_t q);

/* phi_j(u) = u . g_j + (1/n) sum_{s on the boundary of j} r_s relu(u . z_s)
 * (g_j = (1/n) sum_{s active} r_s z_s), u in Q^(d+1). */
void _fin_phi(fmpq_t out, const tsa_fin_point_t p, const tsa_fin_land_t l,
              slong j, const fmpq *u);
/* g_j into g (d + 1 entries). */
void _fin_gj(fmpq *g, const tsa_fin_point_t p, const tsa_fin_land_t l, slong j);
/* The l_inf radius on which the pattern off the boundary and the signs of
 * the non-zero a_j are constant: min |pre|/|z|_1, min |a_j|; *inf = 1
 * when nothing bounds it. */
void _fin_radius(fmpq_t rho, int *inf, const tsa_fin_point_t p, const tsa_fin_land_t l);

/* L(p + eps D) for 0 < eps < *valid (polynomial in eps, degree <= 4) into
 * P; *valid_inf when no pattern change bounds it. */
void _fin_line_poly(fmpq_poly_t P, fmpq_t valid, int *valid_inf,
                    const tsa_fin_point_t p, const tsa_fin_land_t l, const fmpq *D);

/* The certificate of a box (Krawczyk) or of an exact point (kink test). */
int _fin_certify_box(json_t *cert, tsa_fin_verdict_t *v, const tsa_fin_point_t p,
                     slong prec);
int _fin_certify_exact(json_t *cert, tsa_fin_verdict_t *v, const tsa_fin_point_t p);

#endif
