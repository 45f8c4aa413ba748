/* adv_judge.c -- one case through the pipeline as the CLI runs it (write
 * the candidate file, read it back at prec + 64 bits with its symmetry,
 * certify, write the certificate text, verify it at prec + 64 bits), then
 * the judgement: every outcome must be a refusal, `undecided`, or a
 * certificate that its own verify accepts and that claims nothing wrong.
 *
 * FALSE when a decided certificate
 *  - is rejected by verify, or its verdict is not the certifier's;
 *  - is about another teacher than the one given (its V misses it);
 *  - says "global minimum" for a centre that is not exactly a column
 *    permutation of V;
 *  - has a box on which the independent gradient (adv_indep.c) excludes 0,
 *    or whose loss ball misses the independent loss enclosure on the box;
 *  - with the truth known (TRUTH_FULL; the centre within 1e-3 of x* in the
 *    max norm and radius <= 1e-3, inside the region where x* is the only
 *    critical point): misses x*, or calls a saddle a minimum (or the
 *    reverse), or its loss ball misses J(x*); a smooth certificate whose
 *    box holds the non-smooth global minimum W = V;
 *  - with TRUTH_KIND (teacher moved by <= 1e-8): contradicts the class.
 * SUSPECT (reported, not counted false): a certificate far from a known
 * point that the checks above cannot judge. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "adv.h"

#define IPREC 512
#define NEAR 1e-3

/* self-test of the judge (adv --mutate): a deliberately wrong reference,
   so that the checks are seen to fail */
int adv_mutate = ADV_MUT_NONE;

#define FALSE_(...) do { res->is_false = 1; snprintf(res->why, sizeof res->why, \
                         __VA_ARGS__); goto done; } while (0)

/* the certificate's teacher and box centre, read by the candidate reader
   (so any entry syntax the certificate uses is understood) */
static int
read_box(tsa_cand_t X, json_t *root, const char *tmpdir)
{
    json_t *t = json_object();
    char path[1100], *s;
    int st;
    json_object_set(t, "V", json_object_get(json_object_get(root, "problem"), "V"));
    json_object_set(t, "W", json_object_get(json_object_get(root, "box"), "center"));
    s = json_dumps(t, 0);
    json_decref(t);
    snprintf(path, sizeof path, "%s/box.json", tmpdir);
    st = s != NULL ? tsa_io_write_atomic(path, s) : TSA_EFORMAT;
    free(s);
    if (st != TSA_SUCCESS)
        return st;
    return tsa_certify_cand_read(X, path, 2 * IPREC);
}

static json_t *
find_claim(json_t *root, const char *name)
{
    json_t *cl;
    size_t i;
    json_array_foreach(json_object_get(root, "claims"), i, cl)
    {
        const char *s = json_string_value(json_object_get(cl, "name"));
        if (s != NULL && strcmp(s, name) == 0)
            return cl;
    }
    return NULL;
}

/* W exactly a column permutation of V (written again, not the library's) */
static int
is_permutation(const tsa_cand_t X)
{
    slong d = X->d, i, t, a;
    int ok = X->n == X->m;
    char *used = calloc(X->m, 1);
    for (i = 0; i < X->n && ok; i++)
    {
        int found = 0;
        for (t = 0; t < X->m && !found; t++)
        {
            found = !used[t];
            for (a = 0; a < d && found; a++)
                found = arb_is_exact(X->W + i * d + a)
                        && arb_is_exact(X->V + t * d + a)
                        && arb_equal(X->W + i * d + a, X->V + t * d + a);
            if (found)
                used[t] = 1;
        }
        ok = found;
    }
    free(used);
    return ok;
}

/* x*_k of the case (the base's centre, with the case's permutations) */
static arb_srcptr
xstar(const adv_case_t *cs, slong k)
{
    slong d = cs->c->d, i = k / d, a = k % d;
    if (cs->perm_i != NULL)
        return cs->b->c->W + cs->perm_i[i] * d + cs->perm_a[a];
    return cs->b->c->W + k;
}

/* 1 when some |centre_k - x*_k| > rho + rho* (proved); *dist = max
   |centre - c*| (float, for the NEAR test) */
static int
misses(double *dist, const tsa_cand_t X, const adv_case_t *cs, double rho)
{
    slong k, N = X->d * X->n;
    int out = 0;
    arb_t e, t, u;
    arb_init(e);
    arb_init(t);
    arb_init(u);
    *dist = 0;
    for (k = 0; k < N; k++)
    {
        arb_set_round(e, X->W + k, 4 * IPREC);
        mag_zero(arb_radref(e));
        arb_sub(e, e, xstar(cs, k), 4 * IPREC);
        arb_abs(e, e);
        *dist = fmax(*dist, arf_get_d(arb_midref(e), ARF_RND_UP));
        if (adv_mutate == ADV_MUT_XSTAR)
        {
            arb_set_d(t, 1e-15);   /* x* moved by 1e-15 */
            arb_add(e, e, t, 4 * IPREC);
        }
        arb_set_d(t, rho);
        arb_set_d(u, cs->b->rho);
        arb_add(t, t, u, 4 * IPREC);
        if (arb_gt(e, t))
            out = 1;
    }
    arb_clear(e);
    arb_clear(t);
    arb_clear(u);
    return out;
}

static int
contradicts(tsa_cert_kind_t got, tsa_cert_kind_t known)
{
    if (adv_mutate == ADV_MUT_KIND && known != TSA_CERT_GLOBAL_MIN)
        known = known == TSA_CERT_MIN ? TSA_CERT_SADDLE : TSA_CERT_MIN;
    return (got == TSA_CERT_MIN && known == TSA_CERT_SADDLE)
           || (got == TSA_CERT_SADDLE && known == TSA_CERT_MIN)
           || ((got == TSA_CERT_MIN || got == TSA_CERT_SADDLE)
               && known == TSA_CERT_GLOBAL_MIN);
}

static void
judge(adv_result_t *res, const adv_case_t *cs, tsa_cert_kind_t kind,
      const char *json, const char *vreason, const char *tmpdir)
{
    json_t *root = json_loads(json, 0, NULL), *cl;
    const char *verdict = json_string_value(json_object_get(root, "verdict"));
    tsa_cand_t X;
    int have_x = 0;
    slong k, N = cs->c->d * cs->c->n;
    double rho, dist;
    arb_ptr g = NULL;
    arb_t J, L;
    arb_init(J);
    arb_init(L);
    if (verdict == NULL || strcmp(verdict, tsa_cert_kind_name(kind)) != 0)
        FALSE_("the certificate's verdict '%s' is not the certifier's '%s'",
               verdict ? verdict : "(none)", tsa_cert_kind_name(kind));
    if (kind == TSA_CERT_UNDECIDED)
        goto done;
    if (!res->verify_valid)
        FALSE_("verify rejects its own certificate: %.400s", vreason);
    if (read_box(X, root, tmpdir) != TSA_SUCCESS)
        FALSE_("certificate box unreadable: %.400s", tsa_error_last());
    have_x = 1;
    for (k = 0; k < cs->c->d * cs->c->m; k++)
        if (cs->vq != NULL ? !arb_contains_fmpq(X->V + k, cs->vq + k)
                           : !arb_contains(X->V + k, cs->c->V + k))
            FALSE_("the certificate's teacher entry %ld is not the given "
                   "teacher's", (long) k);
    if (kind == TSA_CERT_GLOBAL_MIN)
    {
        if (!is_permutation(X))
            FALSE_("global minimum for a centre that is not exactly a "
                   "column permutation of V");
        goto done;
    }
    rho = strtod(json_string_value(json_object_get(json_object_get(root, "box"),
                                                   "radius")) ?: "nan", NULL);
    if (!(rho >= 0) || !isfinite(rho))
        FALSE_("box radius unreadable");
    for (k = 0; k < N; k++)
        mag_set_d(arb_radref(X->W + k), rho);
    g = _arb_vec_init(N);
    adv_indep_grad(g, X->W, X->V, X->d, X->n, X->m, IPREC);
    if (adv_mutate == ADV_MUT_GRAD)
        arb_add_ui(g, g, 1, IPREC);
    for (k = 0; k < N; k++)
        if (!arb_contains_zero(g + k))
            FALSE_("independent gradient excludes 0 on the box (entry %ld)",
                   (long) k);
    cl = find_claim(root, "loss");
    if (cl != NULL)
    {
        adv_indep_loss(J, X->W, X->V, X->d, X->n, X->m, IPREC);
        if (arb_set_str(L, json_string_value(json_object_get(cl, "ball"))
                               ?: "nan", IPREC) != 0 || !arb_overlaps(J, L))
            FALSE_("the loss ball misses the independent loss on the box");
    }
    if (cs->truth == TRUTH_FULL && cs->b->kind == TSA_CERT_GLOBAL_MIN)
    {
        if (!misses(&dist, X, cs, rho))
            FALSE_("a smooth certificate ('%s') whose box holds the "
                   "non-smooth global minimum W = V", verdict);
        res->suspect = 1;
        snprintf(res->why, sizeof res->why, "'%s' at distance %.3g from the "
                 "global minimum W = V", verdict, dist);
    }
    else if (cs->truth == TRUTH_FULL)
    {
        int out = misses(&dist, X, cs, rho);
        if (dist > NEAR || rho > NEAR)
        {
            res->suspect = out || contradicts(kind, cs->b->kind);
            snprintf(res->why, sizeof res->why, "far from x* (%.3g, radius "
                     "%.3g): not judged", dist, rho);
            goto done;
        }
        if (out)
            FALSE_("the box (radius %.3g, centre %.3g from x*) misses the "
                   "known critical point", rho, dist);
        if (contradicts(kind, cs->b->kind))
            FALSE_("'%s' for a known %s", verdict,
                   tsa_cert_kind_name(cs->b->kind));
        if (adv_mutate == ADV_MUT_LOSS)
            arb_add_ui(L, L, 1, IPREC);
        if (cl != NULL && !arb_overlaps(L, cs->b->J))
            FALSE_("the loss ball misses J(x*)");
    }
    else if (cs->truth == TRUTH_KIND)
    {
        misses(&dist, X, cs, rho);
        if (dist <= NEAR && rho <= NEAR && contradicts(kind, cs->b->kind))
            FALSE_("'%s' near a %s (teacher moved by <= 1e-8)", verdict,
                   tsa_cert_kind_name(cs->b->kind));
    }
done:
    if (g != NULL)
        _arb_vec_clear(g, N);
    if (have_x)
        tsa_cand_clear(X);
    arb_clear(J);
    arb_clear(L);
    json_decref(root);
}

static int
outcome_of(tsa_cert_kind_t k)
{
    switch (k)
    {
    case TSA_CERT_MIN:
        return O_MIN;
    case TSA_CERT_SADDLE:
        return O_SADDLE;
    case TSA_CERT_GLOBAL_MIN:
        return O_GLOBAL;
    case TSA_CERT_CRITICAL:
        return O_CRITICAL;
    default:
        return O_UNDECIDED;
    }
}

void
adv_case_run(adv_result_t *res, adv_case_t *cs, const char *tmpdir,
             char **cert_out)
{
    char path[1100], reason[256], *text;
    tsa_cand_t c;
    tsa_sym_t s;
    tsa_cert_opts_t o = cs->o;
    tsa_cert_t r;
    int have_sym = 0, st;
    tsa_truth_t v;

    memset(res, 0, sizeof *res);
    res->outcome = O_REFUSED;
    *cert_out = NULL;
    snprintf(path, sizeof path, "%s/cand.json", tmpdir);
    text = adv_case_json(cs);
    st = tsa_io_write_atomic(path, text);
    free(text);
    if (st != TSA_SUCCESS)
    {
        snprintf(res->why, sizeof res->why, "write: %.400s", tsa_error_last());
        return;
    }
#ifdef TSA_CERTIFY_MIN_PREC
    /* the CLI's checks before the work: --prec range; W entries that are
       not binary numbers become their exact rounding (tsalign certify) */
    if (o.prec < TSA_CERTIFY_MIN_PREC || o.prec > TSA_CERTIFY_MAX_PREC)
    {
        snprintf(res->why, sizeof res->why, "--prec %ld outside %d .. %d",
                 (long) o.prec, TSA_CERTIFY_MIN_PREC, TSA_CERTIFY_MAX_PREC);
        return;
    }
    {
        slong rounded;
        st = tsa_certify_cand_load(c, &rounded, path, o.prec + 64);
    }
#else
    st = tsa_certify_cand_read(c, path, o.prec + 64);
#endif
    if (st != TSA_SUCCESS)
    {
        snprintf(res->why, sizeof res->why, "%.400s", tsa_error_last());
        return;
    }
    if (tsa_certify_cand_read_sym(s, &have_sym, path) != TSA_SUCCESS
        || (have_sym && !(s->k == c->d && c->d == c->n && c->n == c->m)))
    {
        snprintf(res->why, sizeof res->why, "symmetry: %.400s",
                 have_sym ? "the blocks do not sum to d = n = m" : tsa_error_last());
        tsa_cand_clear(c);
        return;
    }
    o.sym = have_sym ? s : NULL;
#ifdef TSA_CERTIFY_MIN_PREC
    if (tsa_certify_check_work(c->d, c->n, c->m, o.prec + 64, !have_sym
                               || tsa_sym_invariant(s, c) != TSA_TRUE, path)
        != TSA_SUCCESS)
    {
        snprintf(res->why, sizeof res->why, "%.400s", tsa_error_last());
        tsa_cand_clear(c);
        return;
    }
#endif
    tsa_cert_init(r, c->n, c->m);
    st = cs->polish ? tsa_certify_point(r, c, &o) : tsa_certify_run(r, c, &o);
    if (st != TSA_SUCCESS)
        snprintf(res->why, sizeof res->why, "%.400s", r->reason[0] ? r->reason
                 : tsa_error_last());
    else
    {
        text = tsa_certify_cert_json(r, c, &o);
        v = tsa_certify_verify(reason, &st, text, o.prec + 64);
        res->verify_valid = v == TSA_TRUE && st == TSA_SUCCESS;
        res->outcome = outcome_of(r->kind);
        if (r->kind == TSA_CERT_UNDECIDED)
            snprintf(res->why, sizeof res->why, "%.400s", r->reason);
        judge(res, cs, r->kind, text, reason, tmpdir);
        *cert_out = text;
    }
    tsa_cert_clear(r);
    tsa_cand_clear(c);
}
