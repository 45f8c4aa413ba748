/* ad3.c -- claim AD-3 (docs/claims.md): with several teacher neurons the
 * statement "every local minimum aligns the students with the teacher"
 * fails.  Orthonormal teacher V = I_k, n = k students, unit output
 * weights, x ~ N(0, I) (Safran & Shamir 2018).
 *
 * ad3_spurious: take points from population-GD training runs (seeds) or
 * from the census data/ssy2021-minima.tsv, polish and certify them
 * (tsa_certify_point; census classes with their block symmetry,
 * docs/certify.md s. 10), and count the kinds.  The first certified strict local minimum with loss > 0 is the
 * instance P:
 *   H1  V = I_k with k >= 2, n = k, a = 1, x ~ N(0, I)      (exact)
 *   H2  P is a certified strict local minimum with loss > 0
 *   C   at P every student is parallel to some teacher neuron
 * C is refuted when some student's angle to every teacher has a certified
 * positive lower bound. */
#include <libgen.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_plot.h"
#include "tsa_certify.h"
#include "tsa_train.h"
#include "tsa_claims.h"

typedef struct
{
    char source[64];
    long k;                 /* size of the instance                      */
    tsa_cert_kind_t kind;   /* or -1 for non-smooth (not certified)      */
    int nonsmooth;
    double loss_lo, loss_hi, lambda, radius, seconds, unaligned_angle;
    int spurious;           /* kind MIN and loss > 0 proved              */
    int unaligned;          /* some student proved away from all teachers */
    char reason[256];
} ad3_point_t;

/* Polish and certify c (modified in place): tsa_certify_point, with the
 * block symmetry of a census class when sym is not NULL. */
static void
certify_point(ad3_point_t *p, tsa_cand_t c, slong prec,
              const tsa_sym_struct *sym)
{
    tsa_cert_opts_t o;
    tsa_cert_t r;
    slong i, j;
    tsa_error_handler_t *h = tsa_set_error_handler(NULL);
    int st;

    p->kind = TSA_CERT_UNDECIDED;
    tsa_cert_opts_default(&o);
    o.prec = prec;
    o.sym = sym;
    tsa_cert_init(r, c->n, c->m);
    st = tsa_certify_point(r, c, &o);
    if (st == TSA_EDOM)
    {
        p->nonsmooth = 1;
        snprintf(p->reason, sizeof p->reason, "non-smooth point: %.200s", r->reason);
    }
    else if (st != TSA_SUCCESS)
        snprintf(p->reason, sizeof p->reason, "%s", r->reason);
    else
    {
        arf_t t;
        arf_init(t);
        p->kind = r->kind;
        snprintf(p->reason, sizeof p->reason, "%s", r->reason);
        /* outward to doubles, then one ulp more so that printing with 17
           digits stays outward */
        arb_get_lbound_arf(t, r->loss, 64);
        p->loss_lo = nextafter(arf_get_d(t, ARF_RND_FLOOR), -INFINITY);
        arb_get_ubound_arf(t, r->loss, 64);
        p->loss_hi = nextafter(arf_get_d(t, ARF_RND_CEIL), INFINITY);
        p->lambda = r->lambda_lower;
        p->radius = r->radius;
        p->seconds = r->seconds;
        p->spurious = (r->kind == TSA_CERT_MIN && arb_is_positive(r->loss));
        /* a student whose angle to every teacher is proved positive */
        for (i = 0; i < r->n && r->ang != NULL; i++)
        {
            int all = 1;
            double lo = 1e300;
            for (j = 0; j < r->m; j++)
            {
                arb_srcptr a = r->ang + i * r->m + j;
                all = all && arb_is_positive(a);
                arb_get_lbound_arf(t, a, 64);
                lo = FLINT_MIN(lo, arf_get_d(t, ARF_RND_FLOOR));
            }
            if (all)
            {
                p->unaligned = 1;
                p->unaligned_angle = FLINT_MAX(p->unaligned_angle, lo);
            }
        }
        arf_clear(t);
    }
    tsa_cert_clear(r);
    tsa_set_error_handler(h);
}

/* Plot the certified strict local minima: loss interval and lambda_min
 * lower bound against k (two panels), to <dir>/<id>-minima.png (data in
 * <id>-minima.dat, each whole or absent); only when the report directory
 * exists and gnuplot is found.  Returns 1 if written. */
static int
plot_minima(const char *dir, const char *id, const ad3_point_t *pts, slong npts)
{
    char body[2048];
    tsa_io_out_t o;
    slong i, n = 0;

    if (dir == NULL || !tsa_plot_have_gnuplot()
        || !tsa_claim_dat_open(&o, dir, id, "-minima.dat"))
        return 0;
    fprintf(o.f, "# k loss_lo loss_hi lambda_min_lower  (certified strict local minima)\n");
    for (i = 0; i < npts; i++)
        if (pts[i].kind == TSA_CERT_MIN && !pts[i].nonsmooth)
        {
            fprintf(o.f, "%ld %.17g %.17g %.17g\n", pts[i].k, pts[i].loss_lo,
                    pts[i].loss_hi, pts[i].lambda);
            n++;
        }
    if (n == 0)
    {
        tsa_io_out_abort(&o);
        return 0;
    }
    if (!tsa_claim_dat_commit(&o))
        return 0;
    /* id is a safe identifier: no quoting needed */
    snprintf(body, sizeof body,
             "set multiplot layout 2,1 title '%s: %ld certified strict local minima'\n"
             "set xlabel 'k'\nset offsets 0.5, 0.5, 0, 0\n"
             "set ylabel 'loss J (certified, > 0: spurious)'\n"
             "plot '%s-minima.dat' using 1:((column(2)+column(3))/2) with points pt 7 ps 0.7 notitle\n"
             "set logscale y\nset ylabel 'lambda_min lower bound'\n"
             "plot '%s-minima.dat' using 1:4 with points pt 7 ps 0.7 lc rgb '#c04040' notitle\n"
             "unset multiplot",
             id, (long) n, id, id);
    return tsa_claim_plot(dir, id, "-minima.png", "pngcairo size 900,700 noenhanced", body);
}

/* Train the orthonormal preset at size k from seed; the student becomes c. */
static int
train_point(tsa_cand_t c, slong k, long seed, const char *file)
{
    tsa_train_config cfg;
    tsa_train_state *st = NULL;
    char buf[32];
    slong i, j;
    int s;
    const tsa_train_net *w;

    if ((s = tsa_train_config_preset(&cfg, "orthonormal")) != TSA_SUCCESS)
        return s;
    snprintf(buf, sizeof buf, "%ld", (long) k);
    if ((s = tsa_train_config_set(&cfg, "d", buf, file)) != TSA_SUCCESS
        || (s = tsa_train_config_set(&cfg, "teacher_widths", buf, file)) != TSA_SUCCESS
        || (s = tsa_train_config_set(&cfg, "student_widths", buf, file)) != TSA_SUCCESS)
        return s;
    snprintf(buf, sizeof buf, "%ld", seed);
    if ((s = tsa_train_config_set(&cfg, "seed", buf, file)) != TSA_SUCCESS
        || (s = tsa_train_state_alloc(&st, &cfg)) != TSA_SUCCESS)
        return s;
    tsa_train_state_set(st);
    while (tsa_train_test_steps(st) != TSA_SUCCESS)
    {
        if ((s = tsa_train_state_iterate(st)) != TSA_SUCCESS)
            break;
        if (cfg.grad_tol > 0.0 && tsa_train_test_gradient(st, cfg.grad_tol) == TSA_SUCCESS)
            break;
    }
    if (s == TSA_SUCCESS)
    {
        /* first-layer weights: row j of W_0 is neuron j, the candidate's
           neuron-major layout */
        w = st->student;
        tsa_cand_init(c, k, k, k);
        for (j = 0; j < k; j++)
        {
            arb_one(c->V + j * k + j);
            for (i = 0; i < k; i++)
                arb_set_d(c->W + j * k + i, w->param[w->off_W[0] + j * k + i]);
        }
    }
    tsa_train_state_free(st);
    return s;
}

static const char *
kind_label(const ad3_point_t *p)
{
    if (p->nonsmooth)
        return "aligned or non-smooth end point (not certified: the smooth method does not apply)";
    if (p->spurious)
        return "spurious strict local minimum";
    return tsa_cert_kind_name(p->kind);
}

static int
get_long(long *x, const json_t *params, const char *key, long def, long lo,
         long hi, const char *file)
{
    json_t *v = json_object_get(params, key);
    if (v == NULL)
    {
        *x = def;
        return TSA_SUCCESS;
    }
    if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
        return TSA_ERROR(TSA_EFORMAT, "%s: params.%s: integer in %ld .. %ld", file,
                         key, lo, hi);
    *x = (long) json_integer_value(v);
    return TSA_SUCCESS;
}

int
tsa_claim_check_ad3_spurious(tsa_claim_result_t r, const json_t *params,
                             const char *file, slong prec)
{
    const char *source = json_string_value(json_object_get(params, "source"));
    long kmin, kmax, runs, seed0, stop_after, limit;
    ad3_point_t *pts = NULL;
    slong npts = 0, cap = 0, i, first = -1;
    slong counts[6] = {0, 0, 0, 0, 0, 0}; /* undecided min saddle global critical nonsmooth */
    int st;
    char buf[1024];
    size_t dlen = 0, dcap = 4096;
    char *det;

    if (source == NULL || (strcmp(source, "train") != 0 && strcmp(source, "census") != 0))
        return TSA_ERROR(TSA_EFORMAT, "%s: params.source: \"train\" or \"census\"", file);
    if ((st = get_long(&kmin, params, "kmin", 7, 1, 100, file)) != TSA_SUCCESS
        || (st = get_long(&kmax, params, "kmax", kmin, kmin, 100, file)) != TSA_SUCCESS
        || (st = get_long(&runs, params, "runs", 20, 1, 100000, file)) != TSA_SUCCESS
        || (st = get_long(&seed0, params, "seed0", 1, 0, 1000000000, file)) != TSA_SUCCESS
        || (st = get_long(&stop_after, params, "stop_after", 0, 0, 100000, file)) != TSA_SUCCESS
        || (st = get_long(&limit, params, "limit", 100000, 1, 100000, file)) != TSA_SUCCESS)
        return st;
    if (json_object_get(params, "census") != NULL
        && !json_is_string(json_object_get(params, "census")))
        return TSA_ERROR(TSA_EFORMAT, "%s: params.census: must be a string (a path "
                         "relative to the claim file)", file);
    if (strcmp(source, "train") == 0)
    {
        /* work estimate before any training: a run at size k costs about
           1e4 k^3 operations (population GD, k x k weights) */
        double work = 0.0;
        long k;
        for (k = kmin; k <= kmax; k++)
            work += 1e4 * (double) runs * (double) k * (double) k * (double) k;
        if (work > TSA_CLAIM_WORK_MAX)
            return TSA_ERROR(TSA_EFORMAT, "%s: params.runs: work estimate %.3g for "
                             "runs x k^3 over k = %ld..%ld exceeds %.0e", file, work,
                             kmin, kmax, TSA_CLAIM_WORK_MAX);
    }

#define PUSH_POINT()                                                          \
    do                                                                        \
    {                                                                         \
        if (npts == cap)                                                      \
        {                                                                     \
            cap = cap ? 2 * cap : 64;                                         \
            pts = realloc(pts, cap * sizeof(ad3_point_t));                    \
        }                                                                     \
        memset(pts + npts, 0, sizeof(ad3_point_t));                           \
    } while (0)

    if (strcmp(source, "train") == 0)
    {
        long k, s;
        for (k = kmin; k <= kmax; k++)
        {
            long found = 0;
            for (s = seed0; s < seed0 + runs; s++)
            {
                tsa_cand_t c;
                PUSH_POINT();
                if ((st = train_point(c, k, s, file)) != TSA_SUCCESS)
                {
                    snprintf(pts[npts].source, sizeof pts[npts].source,
                             "k = %ld seed %ld", k, s);
                    snprintf(pts[npts].reason, sizeof pts[npts].reason,
                             "training failed: %s", tsa_error_last());
                    npts++;
                    continue;
                }
                snprintf(pts[npts].source, sizeof pts[npts].source, "k = %ld seed %ld", k, s);
                pts[npts].k = k;
                certify_point(pts + npts, c, prec, NULL);
                tsa_cand_clear(c);
                found += pts[npts].spurious;
                npts++;
                if (stop_after > 0 && found >= stop_after)
                    break;
            }
        }
    }
    else
    {
        /* census path relative to the claim file's directory */
        const char *cp = json_string_value(json_object_get(params, "census"));
        char *fcopy = strdup(file), path[2048], line[65536];
        FILE *f;
        long taken[101] = {0};
        snprintf(path, sizeof path, "%s/%s", dirname(fcopy),
                 cp != NULL ? cp : "../data/ssy2021-minima.tsv");
        free(fcopy);
        if ((f = fopen(path, "r")) == NULL)
            return TSA_ERROR(TSA_EIO, "%s: params.census: cannot open %s", file, path);
        while (fgets(line, sizeof line, f) != NULL)
        {
            long k = strtol(line, NULL, 10);
            tsa_cand_t c;
            slong nrun;
            double lamf;
            if (k < kmin || k > kmax || taken[k] >= limit)
                continue;
            line[strcspn(line, "\n")] = '\0';
            if (tsa_certify_census_row(c, line, &nrun, &lamf) != TSA_SUCCESS)
                continue;
            PUSH_POINT();
            snprintf(pts[npts].source, sizeof pts[npts].source,
                     "census k = %ld class %ld", k, taken[k]);
            pts[npts].k = k;
            taken[k]++;
            {
                tsa_sym_t sym;
                int have = tsa_sym_census_row(sym, line) == TSA_SUCCESS;
                certify_point(pts + npts, c, prec, have ? sym : NULL);
            }
            tsa_cand_clear(c);
            npts++;
        }
        fclose(f);
    }
#undef PUSH_POINT

    /* counts and the details table */
    det = malloc(dcap);
    det[0] = '\0';
#define DET(...)                                                              \
    do                                                                        \
    {                                                                         \
        int n_ = snprintf(buf, sizeof buf, __VA_ARGS__);                      \
        if (dlen + (size_t) n_ + 1 > dcap)                                    \
        {                                                                     \
            dcap = 2 * dcap + (size_t) n_;                                    \
            det = realloc(det, dcap);                                         \
        }                                                                     \
        memcpy(det + dlen, buf, (size_t) n_ + 1);                             \
        dlen += (size_t) n_;                                                  \
    } while (0)
    DET("| point | kind | loss (certified interval) | lambda_min >= | box radius | "
        "max angle of an unaligned student (rad, lower bound) | time (s) |\n"
        "|---|---|---|---|---|---|---|\n");
    for (i = 0; i < npts; i++)
    {
        ad3_point_t *p = pts + i;
        if (p->nonsmooth)
            counts[5]++;
        else
            counts[p->kind]++;
        if (p->spurious && p->unaligned && first < 0)
            first = i;
        if (p->nonsmooth || p->kind == TSA_CERT_UNDECIDED || p->kind == TSA_CERT_GLOBAL_MIN)
            DET("| %s | %s | %s | | | | |\n", p->source,
                p->nonsmooth ? kind_label(p)
                : p->kind == TSA_CERT_GLOBAL_MIN ? "global minimum W = V (exact argument)"
                                                 : "undecided",
                p->kind == TSA_CERT_GLOBAL_MIN ? "0 (exact)" : p->reason);
        else
            DET("| %s | %s | [%.17g, %.17g] | %s | %.2e | %s | %.2f |\n", p->source,
                kind_label(p), p->loss_lo, p->loss_hi,
                p->kind == TSA_CERT_MIN ? (snprintf(buf + 900, 64, "%.6g", p->lambda), buf + 900) : "",
                p->radius, p->unaligned ? (snprintf(buf + 960, 48, "%.6g", p->unaligned_angle), buf + 960) : "",
                p->seconds);
    }
    {
        char head[1024];
        snprintf(head, sizeof head,
                 "### Points (%ld)\n\nKinds: %ld spurious or other strict local minima, %ld saddles, "
                 "%ld exact global minima, %ld critical (curvature undecided), %ld undecided, "
                 "%ld non-smooth.\n\n",
                 (long) npts, (long) counts[TSA_CERT_MIN], (long) counts[TSA_CERT_SADDLE],
                 (long) counts[TSA_CERT_GLOBAL_MIN], (long) counts[TSA_CERT_CRITICAL],
                 (long) counts[TSA_CERT_UNDECIDED], (long) counts[5]);
        r->details = malloc(strlen(head) + dlen + 1);
        strcpy(r->details, head);
        strcat(r->details, det);
    }
    free(det);
#undef DET
    if (r->id != NULL)
        (void) plot_minima(tsa_claim_plot_dir(r), r->id, pts, npts);

    snprintf(buf, sizeof buf, "V = I_k, n = k students, unit output weights, x ~ N(0, I), "
             "k = %ld..%ld, points from %s%s", kmin, kmax,
             strcmp(source, "train") == 0 ? "population-GD runs" : "the census",
             strcmp(source, "train") == 0 ? "" : " data/ssy2021-minima.tsv");
    r->instance = strdup(buf);
    r->method = strdup("Each point is polished (float64 Newton, then Newton in Arb midpoint "
                       "arithmetic) and certified (tsa_certify_run: Krawczyk or the "
                       "lambda_min/gradient argument for existence and uniqueness in a "
                       "box, Hessian positive definite over the box via float64 Cholesky "
                       "plus a rigorous residual bound, loss and angles as Arb balls). "
                       "Census classes use their block-permutation symmetry: Newton in "
                       "the orbit coordinates, lambda_min at the exactly invariant "
                       "centre by the isotypic decomposition (Arb Cholesky per "
                       "component) minus the Hessian's spread over the box "
                       "(docs/certify.md s. 10). "
                       "Training is float64 (numerical); everything after polish is "
                       "rigorous.");
    tsa_claim_add_hyp(r, "teacher V = I_k with k >= 2 neurons, n = k students, unit output "
                         "weights, x ~ N(0, I)", kmin >= 2 ? TSA_TRUE : TSA_FALSE,
                      "by construction (exact)");
    if (first >= 0)
    {
        ad3_point_t *p = pts + first;
        snprintf(buf, sizeof buf, "P = %s: strict local minimum, lambda_min >= %.6g, "
                 "loss in [%.17g, %.17g] > 0, box radius %.2e", p->source, p->lambda,
                 p->loss_lo, p->loss_hi, p->radius);
        tsa_claim_add_hyp(r, "P is a certified strict local minimum with loss > 0", TSA_TRUE, buf);
        snprintf(buf, sizeof buf, "refuted: at P a student's angle to every teacher neuron "
                 "is >= %.6g rad (certified lower bound)", p->unaligned_angle);
        tsa_claim_set_concl(r, "at P every student neuron is parallel to a teacher neuron",
                            TSA_FALSE, buf);
        json_object_set_new(r->data, "P", json_string(p->source));
        json_object_set_new(r->data, "P_loss_lo", json_real(p->loss_lo));
        json_object_set_new(r->data, "P_lambda_lower", json_real(p->lambda));
    }
    else
    {
        snprintf(buf, sizeof buf, "no certified spurious minimum with an unaligned student "
                 "among %ld points", (long) npts);
        tsa_claim_add_hyp(r, "P is a certified strict local minimum with loss > 0",
                          TSA_UNDECIDED, buf);
        tsa_claim_set_concl(r, "at P every student neuron is parallel to a teacher neuron",
                            TSA_UNDECIDED, "no instance P");
    }
    json_object_set_new(r->data, "points", json_integer(npts));
    json_object_set_new(r->data, "certified_minima", json_integer(counts[TSA_CERT_MIN]));
    json_object_set_new(r->data, "saddles", json_integer(counts[TSA_CERT_SADDLE]));
    json_object_set_new(r->data, "global_minima", json_integer(counts[TSA_CERT_GLOBAL_MIN]));
    json_object_set_new(r->data, "undecided", json_integer(counts[TSA_CERT_UNDECIDED]));
    json_object_set_new(r->data, "nonsmooth", json_integer(counts[5]));
    free(pts);
    return TSA_SUCCESS;
}
