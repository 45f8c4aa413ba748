/* cli_overparam_more.c -- `tsalign overparam family|fate|path` (issue 17,
 * docs/overparam.md s. 6-8): the zero student on the type-A family by the
 * orbit path, the census fate table with n = k + 1, and the path down. */
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli.h"
#include "cli_data.h"
#include "cli_util.h"
#include "tsalign.h"
#include "tsa_family.h"
#include "tsa_plot.h"
#include "certify_impl.h"

int tsa_cli_overparam_more(int argc, char **argv);

static int
write_to(const char *dir, const char *name, const tsa_strbuf_t *b)
{
    char path[4096];
    if (strlen(dir) > 3000)
        return TSA_ERROR(TSA_EINVAL, "--out: path too long");
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (tsa_strbuf_str(b) == NULL)
        return TSA_ERROR(TSA_ENOMEM, "%s: out of memory", path);
    return tsa_io_write_atomic(path, tsa_strbuf_str(b));
}

/* ---- family: the type-A family, orbit-reduced zero student ----------- */

/* k <= 40: the dense zero-student certificate of the family point (centre
   p's midpoints, sup-norm radius rho, u expanded), its bound recomputed
   densely by both paths of tsa_overparam_g; nothing when not negative */
static int
dense_cert(const tsa_orbit_t p, double rho, const double *u, const char *out,
           slong prec)
{
    const tsa_sym_struct *s = &p->s;
    slong k = s->k, r, a, t = 0, q = 0, i;
    tsa_cand_t c;
    double *fu = malloc(sizeof(double) * k), gub = -HUGE_VAL;
    arb_ptr ua = _arb_vec_init(k);
    arb_t g;
    arf_t ub;
    int path, st = TSA_SUCCESS;
    char path_s[4096], note[128], *json;
    arb_init(g);
    arf_init(ub);
    for (r = 0; r < s->B; r++)   /* concrete values first, then generic */
    {
        slong b = s->size[r], D = b < 4 ? b : 4, m = b - D, cc = m < 3 ? m : 3;
        for (a = 0; a < b; a++)
            fu[t + a] = u[q + (a < D + cc ? a : D + cc - 1)];
        t += b;
        q += D + cc;
    }
    tsa_orbit_to_cand(c, p);
    for (i = 0; i < k * k; i++)
    {
        arb_get_mid_arb(c->W + i, c->W + i);
        mag_set_d(arb_radref(c->W + i), rho);
    }
    for (a = 0; a < k; a++)
        arb_set_d(ua + a, fu[a]);
    for (path = 0; path < 2; path++)
    {
        double b = HUGE_VAL;
        if (tsa_overparam_g(g, ua, c, path, prec) == TSA_SUCCESS && arb_is_finite(g))
        {
            arb_get_ubound_arf(ub, g, prec);
            b = arf_get_d(ub, ARF_RND_UP);
            b += ldexp(fabs(b), -40);
        }
        gub = fmax(gub, b);
    }
    if (gub < 0 && strlen(out) < 3000)
    {
        snprintf(note, sizeof note, "type-A family k = %ld (tsalign family "
                 "type-a), box of the orbit certificate", (long) k);
        json = tsa_overparam_cert_json(c, rho, fu, gub, note);
        snprintf(path_s, sizeof path_s, "%s/overparam-type-a-k%03ld.json", out, (long) k);
        st = json == NULL ? TSA_ENOMEM : tsa_io_write_atomic(path_s, json);
        free(json);
    }
    tsa_cand_clear(c);
    _arb_vec_clear(ua, k);
    arb_clear(g);
    arf_clear(ub);
    free(fu);
    return st;
}
static int
cmd_family(slong A, slong B, const char *out, slong prec)
{
    tsa_family_walk_t w;
    slong k, und = 0, K, a;
    int st;
    tsa_strbuf_t b = TSA_STRBUF_INIT;
    double *u = NULL;
    tsa_orbit_struct *p = w->p;
    tsa_strbuf_printf(&b, "k,class,W,zero_student,split,fate,g_upper,u,seconds\n");
    st = tsa_family_walk_init(w, A, prec);
    for (k = A; st == TSA_SUCCESS && k <= B; k++)
    {
        tsa_family_cert_t c;
        clock_t t0 = clock();
        double gub = 0;
        tsa_truth_t z = TSA_UNDECIDED;
        if (k > A && (st = tsa_family_walk_next(w, prec)) != TSA_SUCCESS)
            break;
        tsa_family_cert_init(c);
        st = tsa_family_certify(c, p, prec);
        K = tsa_overparam_orbit_K(&p->s);
        u = realloc(u, sizeof(double) * K);
        if (st == TSA_SUCCESS && c->kind != TSA_CERT_UNDECIDED)
        {
            tsa_orbit_t Y;
            tsa_family_box(Y, p, c->rho);
            z = tsa_overparam_orbit_zero(u, &gub, Y, 0, prec);
            tsa_orbit_clear(Y);
            if (z == TSA_TRUE && out != NULL && k <= 40)
                st = dense_cert(p, c->rho, u, out, prec);
        }
        und += z != TSA_TRUE;
        tsa_strbuf_printf(&b, "%ld,type-A,%s,%s,not run,%s,%.6e,", (long) k,
            tsa_cert_kind_name(c->kind), z == TSA_TRUE ? "descent" : "undecided",
            z == TSA_TRUE ? "descent at a zero student" : "undecided", gub);
        for (a = 0; a < K && z == TSA_TRUE; a++)
            tsa_strbuf_printf(&b, "%s%.4g", a ? " " : "", u[a]);
        tsa_strbuf_printf(&b, ",%.4f\n", (double) (clock() - t0) / CLOCKS_PER_SEC);
        if (out == NULL && (k <= A + 5 || k % 100 == 0 || k == B))
            printf("k = %ld: W %s, zero student %s, g <= %.6e\n", (long) k,
                   tsa_cert_kind_name(c->kind), z == TSA_TRUE ? "descent" : "undecided", gub);
        tsa_family_cert_clear(c);
    }
    tsa_family_walk_clear(w);
    free(u);
    if (st == TSA_SUCCESS && out != NULL)
        st = write_to(out, "overparam-type-a.csv", &b);
    free(b.s);
    if (st != TSA_SUCCESS)
        return tsa_cli_exit_status(st);
    printf("type-A k = %ld..%ld: descent proved %ld, undecided %ld\n", (long) A,
           (long) B, (long) (B - A + 1 - und), (long) und);
    return und ? TSA_EXIT_UNDECIDED : TSA_EXIT_OK;
}

/* ---- fate: the census table with n = k + 1 ---------------------------- */

/* split column of (k, class) from the split engineer's CSV (k, class,
   zero_student, split, fate), or "not run" */
static void
split_of(char *res, size_t cap, const char *text, long k, long cls)
{
    const char *l = text;
    snprintf(res, cap, "not run");
    while (l != NULL && *l)
    {
        long kk, cc;
        char z[64], s[64];
        if (sscanf(l, "%ld,%ld,%63[^,],%63[^,\n]", &kk, &cc, z, s) == 4
            && kk == k && cc == cls)
        {
            snprintf(res, cap, "%s", s);
            return;
        }
        l = strchr(l, '\n');
        l = l == NULL ? NULL : l + 1;
    }
}

/* zero student for one certified census class: orbit path, then dense */
static tsa_truth_t
zero_class(double *gub, tsa_cand_t c, const tsa_cert_t r, const tsa_sym_t sym,
           int havesym, slong prec)
{
    tsa_orbit_t p;
    tsa_truth_t z = TSA_UNDECIDED;
    double *u;
    slong i;
    if (havesym && tsa_orbit_from_cand(p, c, sym) == TSA_SUCCESS)
    {
        u = malloc(sizeof(double) * tsa_overparam_orbit_K(sym));
        z = tsa_overparam_orbit_zero(u, gub, p, r->radius, prec);
        free(u);
        tsa_orbit_clear(p);
    }
    if (z != TSA_TRUE)
    {
        u = malloc(sizeof(double) * c->d);
        for (i = 0; i < c->d * c->n; i++)
            mag_set_d(arb_radref(c->W + i), r->radius);
        z = tsa_overparam_zero(u, gub, c, prec);
        free(u);
    }
    return z;
}

static const char fate_plot[] =
    "set termoption noenhanced; set datafile separator ',';"
    "set key top left; set xlabel 'k'; set ylabel 'spurious classes';"
    "set title 'census minima with one student more (n = k + 1)';"
    "plot 'overparam-census-counts.csv' every ::1 using 1:2 with linespoints"
    " title 'classes', '' every ::1 using 1:3 with linespoints"
    " title 'descent at a zero student', '' every ::1 using 1:5 with"
    " linespoints title 'still a local minimum', '' every ::1 using 1:6 with"
    " linespoints title 'undecided', '' every ::1 using 1:7 with"
    " linespoints title 'strict saddle by splitting (where run)'";

static int
cmd_fate(const char *census, long kmin, long kmax, const char *out,
         const char *splitcsv, slong prec)
{
    FILE *f;
    char *line = NULL, *stext = NULL;
    size_t cap = 0;
    long curk = -1, cls = 0, cnt[4] = {0, 0, 0, 0}, tot[4] = {0, 0, 0, 0};
    long nsad = 0;
    tsa_strbuf_t b = TSA_STRBUF_INIT, cb = TSA_STRBUF_INIT;
    int st = TSA_SUCCESS;
    if (splitcsv != NULL
        && (st = tsa_io_read_file(&stext, NULL, splitcsv, TSA_IO_MAX_FILE)))
        return tsa_cli_exit_status(st);
    if (tsa_io_check_regular(census) != TSA_SUCCESS || (f = fopen(census, "r")) == NULL)
    {
        free(stext);
        fprintf(stderr, "tsalign: %s: cannot open the census\n", census);
        return TSA_EXIT_IO;
    }
    tsa_strbuf_printf(&b, "k,class,blocks,W,zero_student,split,fate,g_upper,seconds\n");
    tsa_strbuf_printf(&cb, "k,classes,descent,saddle_by_split,local_minimum,undecided,"
        "split_saddles\n");
    while (st == TSA_SUCCESS && getline(&line, &cap, f) > 0)
    {
        char *end, blocks[64], sp[64];
        long kk = strtol(line, &end, 10), j;
        tsa_cand_t c;
        tsa_cert_t r;
        tsa_sym_t sym;
        tsa_cert_opts_t o;
        double gub = 0;
        int havesym, fate;
        tsa_truth_t z = TSA_UNDECIDED;
        slong runs;
        clock_t t0 = clock();
        if (end == line || *end != '\t' || kk < kmin || kk > kmax)
            continue;
        if (kk != curk)
        {
            if (curk >= 0)
                tsa_strbuf_printf(&cb, "%ld,%ld,%ld,%ld,%ld,%ld,%ld\n", curk, cnt[0] + cnt[1]
                    + cnt[2] + cnt[3], cnt[0], cnt[1], cnt[2], cnt[3], nsad);
            memset(cnt, 0, sizeof cnt);
            nsad = 0;
            curk = kk;
            cls = 0;
        }
        for (j = 0; end[1 + j] != '\t' && end[1 + j] != '\0' && j < 63; j++)
            blocks[j] = end[1 + j] == ',' ? ' ' : end[1 + j];   /* CSV */
        blocks[j] = '\0';
        if ((st = tsa_certify_census_row(c, line, &runs, &gub)) != TSA_SUCCESS)
            break;
        tsa_cert_opts_default(&o);
        o.prec = prec;
        havesym = tsa_sym_census_row(sym, line) == TSA_SUCCESS;
        if (havesym)
            o.sym = sym;
        tsa_cert_init(r, c->n, c->m);
        if (tsa_certify_point(r, c, &o) == TSA_SUCCESS && r->kind == TSA_CERT_MIN)
            z = zero_class(&gub, c, r, sym, havesym, prec);
        if (r->kind != TSA_CERT_GLOBAL_MIN)
        {
            split_of(sp, sizeof sp, stext, kk, cls);
            /* 0 descent, 1 saddle by split, 2 local minimum, 3 undecided
               (exclusive, in this order); nsad: every split saddle */
            fate = z == TSA_TRUE ? 0 : strstr(sp, "saddle") ? 1
                   : strstr(sp, "minimum") ? 2 : 3;
            cnt[fate]++;
            tot[fate]++;
            nsad += strstr(sp, "saddle") != NULL;
            tsa_strbuf_printf(&b, "%ld,%ld,%s,%s,%s,%s,%s%s,%.6e,%.3f\n", kk, cls, blocks,
                tsa_cert_kind_name(r->kind), z == TSA_TRUE ? "descent" : "undecided",
                sp, fate == 0 ? "descent at a zero student" : fate == 1
                ? "strict saddle by splitting" : fate == 2
                ? "still a local minimum" : "undecided",
                fate == 0 && strstr(sp, "saddle") ? "; strict saddle by splitting" : "",
                z == TSA_TRUE ? gub : NAN,
                (double) (clock() - t0) / CLOCKS_PER_SEC);
            if (out == NULL)
            {
                printf("%ld\t%ld\t%s\t%s\t%.6e\n", kk, cls, blocks,
                       z == TSA_TRUE ? "descent" : "undecided", gub);
                fflush(stdout);
            }
        }
        cls++;   /* the census row index within k, as `zero --row` */
        tsa_cert_clear(r);
        tsa_cand_clear(c);
    }
    if (curk >= 0)
        tsa_strbuf_printf(&cb, "%ld,%ld,%ld,%ld,%ld,%ld,%ld\n", curk, cnt[0] + cnt[1] + cnt[2]
            + cnt[3], cnt[0], cnt[1], cnt[2], cnt[3], nsad);
    free(line);
    free(stext);
    fclose(f);
    if (st == TSA_SUCCESS && out != NULL)
    {
        st = write_to(out, "overparam-census.csv", &b);
        if (st == TSA_SUCCESS)
            st = write_to(out, "overparam-census-counts.csv", &cb);
        if (st == TSA_SUCCESS)
            (void) tsa_plot_png(out, "overparam-census.png",
                                "pngcairo size 900,600", fate_plot);
    }
    free(b.s);
    free(cb.s);
    if (st != TSA_SUCCESS)
        return tsa_cli_exit_status(st);
    printf("# all: descent %ld, saddle by split %ld, local minimum %ld, undecided %ld\n",
           tot[0], tot[1], tot[2], tot[3]);
    return tot[3] ? TSA_EXIT_UNDECIDED : TSA_EXIT_OK;
}

/* ---- path: population GD from the zero-student certificate ----------- */

/* the end point's structure: teachers with a student at cos > 0.9999,
   students of norm < 1e-3, teachers shared by two such students */
static void
structure(char *res, size_t cap, const double *W, slong n, const double *V,
          slong m, slong d)
{
    slong i, j, a, matched = 0, small = 0, shared = 0;
    for (i = 0; i < n; i++)
    {
        double s = 0;
        for (a = 0; a < d; a++)
            s += W[i * d + a] * W[i * d + a];
        small += sqrt(s) < 1e-3;
    }
    for (j = 0; j < m; j++)
    {
        slong cnt = 0;
        for (i = 0; i < n; i++)
        {
            double dot = 0, nw = 0, nv = 0;
            for (a = 0; a < d; a++)
            {
                dot += W[i * d + a] * V[j * d + a];
                nw += W[i * d + a] * W[i * d + a];
                nv += V[j * d + a] * V[j * d + a];
            }
            cnt += sqrt(nw) >= 1e-3 && dot > 0.9999 * sqrt(nw * nv);
        }
        matched += cnt > 0;
        shared += cnt > 1;
    }
    snprintf(res, cap, "%ld/%ld teachers matched, %ld split over two students, "
             "%ld students of norm < 1e-3", (long) matched, (long) m,
             (long) shared, (long) small);
}
/* one round: GD from W, then the end point's verdict (r re-initialised) */
static const char *
round_end(tsa_overparam_path_t *pr, tsa_cert_t r, double *W, slong n,
          const double *V, const tsa_cand_t c, slong maxit, slong prec)
{
    slong d = c->d, m = c->m, i;
    tsa_cand_t e;
    tsa_cert_opts_t o;
    const char *end;
    tsa_overparam_path_gd(pr, W, n, V, m, d, maxit, 1e-11);
    if (pr->loss < 1e-10)
        return "global minimum (numerical: loss ~ 0)";
    tsa_cand_init(e, d, n, m);
    for (i = 0; i < d * n; i++)
        arb_set_d(e->W + i, W[i]);
    for (i = 0; i < d * m; i++)
        arb_set(e->V + i, c->V + i);
    tsa_cert_opts_default(&o);
    o.prec = prec;
    {
        tsa_error_handler_t *h = tsa_set_error_handler(NULL);
        end = tsa_certify_point(r, e, &o) == TSA_SUCCESS
              ? tsa_cert_kind_name(r->kind)
              : "certifier: not smooth (parallel or zero students)";
        tsa_set_error_handler(h);
    }
    /* the certifier polished e: continue from its centre */
    for (i = 0; i < d * n; i++)
        W[i] = arf_get_d(arb_midref(e->W + i), ARF_RND_NEAR);
    tsa_cand_clear(e);
    return end;
}

/* up to 4 rounds: after a certified saddle, step s along its negative
   direction and descend again */
static int
cmd_path(const char *cert, const char *out, double s, slong maxit, slong prec)
{
    char *text, shape[160];
    tsa_cand_t c;
    double *u, gub, *W, *V, nu = 0;
    slong d, n, m, a, i, round;
    tsa_strbuf_t b = TSA_STRBUF_INIT;
    int st = tsa_io_read_file(&text, NULL, cert, TSA_IO_MAX_FILE);
    if (st != TSA_SUCCESS)
        return tsa_cli_exit_status(st);
    st = tsa_overparam_cert_read(c, &u, &gub, text, prec);
    free(text);
    if (st != TSA_SUCCESS)
        return tsa_cli_exit_status(st);
    d = c->d;
    n = c->n + 1;
    m = c->m;
    W = malloc(sizeof(double) * d * (n + m));
    V = W + d * n;
    for (a = 0; a < d; a++)
        nu += u[a] * u[a];
    nu = sqrt(nu);
    for (i = 0; i < d * c->n; i++)
        W[i] = arf_get_d(arb_midref(c->W + i), ARF_RND_NEAR);
    for (a = 0; a < d; a++)
        W[d * c->n + a] = s * u[a] / nu;
    for (i = 0; i < d * m; i++)
        V[i] = arf_get_d(arb_midref(c->V + i), ARF_RND_NEAR);
    tsa_strbuf_printf(&b, "k,n,round,s,J_start,steps,J_end,grad_inf,end,structure\n");
    for (round = 1; round <= 4; round++)
    {
        tsa_overparam_path_t pr;
        tsa_cert_t r;
        const char *end;
        int again;
        tsa_cert_init(r, n, m);
        end = round_end(&pr, r, W, n, V, c, maxit, prec);
        structure(shape, sizeof shape, W, n, V, m, d);
        printf("%s: k = %ld, n = %ld, round %ld: start s = %g, J0 = %.10g, %ld GD "
               "steps, J = %.6e, |grad|_inf = %.3e; end: %s; %s\n", cert,
               (long) d, (long) n, (long) round, s, pr.loss0, (long) pr.iters,
               pr.loss, pr.gnorm, end, shape);
        tsa_strbuf_printf(&b, "%ld,%ld,%ld,%g,%.17g,%ld,%.17g,%.3e,%s,%s\n", (long) d, (long) n,
            (long) round, s, pr.loss0, (long) pr.iters, pr.loss, pr.gnorm, end, shape);
        again = pr.loss >= 1e-10 && r->kind == TSA_CERT_SADDLE && r->dir != NULL;
        if (again)
        {
            double dn = 0;
            for (i = 0; i < d * n; i++)
                dn += r->dir[i] * r->dir[i];
            dn = sqrt(dn);
            for (i = 0; i < d * n && dn > 0; i++)
                W[i] += s * r->dir[i] / dn;
        }
        tsa_cert_clear(r);
        if (!again)
            break;
    }
    if (out != NULL)
        st = tsa_strbuf_str(&b) == NULL ? TSA_ERROR(TSA_ENOMEM, "%s: out of memory", out)
                                        : tsa_io_write_atomic(out, tsa_strbuf_str(&b));
    free(b.s);
    tsa_cand_clear(c);
    free(u);
    free(W);
    return tsa_cli_exit_status(st);
}

int
tsa_cli_overparam_more(int argc, char **argv)
{
    static const struct option opts[] = {
        {"census", required_argument, NULL, 'c'}, {"k", required_argument, NULL, 'k'},
        {"prec", required_argument, NULL, 'p'}, {"kmin", required_argument, NULL, 'a'},
        {"kmax", required_argument, NULL, 'b'}, {"out", required_argument, NULL, 'o'},
        {"output", required_argument, NULL, 'o'},
        {"split", required_argument, NULL, 'S'}, {"s", required_argument, NULL, 's'},
        {"maxit", required_argument, NULL, 'm'}, {NULL, 0, NULL, 0}};
    const char *census = NULL, *out = NULL, *splitcsv = NULL, *sub = argv[1];
    long prec = 128, kmin = 1, kmax = 128, maxit = 200000;
    slong A = 6, B = 6;
    double s = 0.01;
    int ch, haverange = 0;
    optind = 1;
    while ((ch = getopt_long(argc - 1, argv + 1, "o:", opts, NULL)) != -1)
    {
        char *e = NULL;
        long *tgt = NULL;
        switch (ch)
        {
        case 'c': census = optarg; break;
        case 'o': out = optarg; break;
        case 'S': splitcsv = optarg; break;
        case 'k':
            if (!tsa_cli_parse_krange(&A, &B, optarg, 6, TSA_FAMILY_MAX_K))
                return tsa_cli_usage_error("overparam", "--k: expected A:B, 6 <= A <= B <= %d",
                                           TSA_FAMILY_MAX_K);
            haverange = 1;
            break;
        case 's':
            s = strtod(optarg, &e);
            if (e == optarg || *e != '\0' || !(s > 0 && s <= 1))
                return tsa_cli_usage_error("overparam", "--s: expected 0 < s <= 1");
            break;
        case 'p': tgt = &prec; break;
        case 'a': tgt = &kmin; break;
        case 'b': tgt = &kmax; break;
        case 'm': tgt = &maxit; break;
        default: return TSA_EXIT_INPUT;
        }
        if (tgt != NULL)
        {
            *tgt = strtol(optarg, &e, 10);
            if (e == optarg || *e != '\0' || *tgt < 0 || *tgt > 10000000)
                return tsa_cli_usage_error("overparam", "'%s' is not a count", optarg);
        }
    }
    if (prec < TSA_CERTIFY_MIN_PREC || prec > TSA_CERTIFY_MAX_PREC)
        return tsa_cli_usage_error("overparam", "--prec: expected %d .. %d",
                                   TSA_CERTIFY_MIN_PREC, TSA_CERTIFY_MAX_PREC);
    if (strcmp(sub, "path") == 0)
    {
        if (optind + 1 != argc - 1)
            return tsa_cli_usage_error("overparam", "path takes one CERT file");
        return cmd_path(argv[1 + optind], out, s, maxit, prec);
    }
    if (optind != argc - 1)
        return tsa_cli_usage_error("overparam", "unexpected argument '%s'",
                                   argv[1 + optind]);
    if (strcmp(sub, "family") == 0)
    {
        if (!haverange)
            return tsa_cli_usage_error("overparam", "family needs --k A:B");
        return cmd_family(A, B, out, prec);
    }
    if (census == NULL)
        census = tsa_cli_find_data("ssy2021-minima.tsv", "data", NULL);
    return cmd_fate(census, kmin, kmax, out, splitcsv, prec);
}
