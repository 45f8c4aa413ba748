/* adv.c -- adversarial candidates for certify and verify (issue 10, item 6;
 * docs/adversarial.md).  Makes --count wrong or hard candidates from the
 * real bases, runs each through candidate file -> certify -> certificate
 * -> verify (library calls, the CLI's options), judges the outcome
 * (adv_judge.c) and counts.  Exit 0 when no certificate is false.
 *
 *   adv [--bases DIR] [--count N] [--seed S] [--first I] [--class NAME]
 *       [--max-params P] [--tap] [--md F] [--json F] [--false-dir DIR]
 *   adv --case I [--seed S] [--out DIR]   (replay one case, verbose)
 *   adv --mutate kind|xstar|loss|grad ...  (self-test: a wrong reference in
 *       one check of the judge; the run must then report false > 0) */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "adv.h"

static const char *const out_name[O_NOUT] = {
    "refused", "undecided", "min", "saddle", "global", "critical"};

typedef struct
{
    long n[C_NCLASS][O_NOUT], nfalse[C_NCLASS], suspect[C_NCLASS];
    long undec_valid;   /* undecided certificates that verify calls valid */
    double sec[C_NCLASS];
} counts_t;

static long
sum_class(const counts_t *k, int c)
{
    long s = 0;
    int o;
    for (o = 0; o < O_NOUT; o++)
        s += k->n[c][o];
    return s;
}

static long
sum_out(const counts_t *k, int o)
{
    long s = 0;
    int c;
    for (c = 0; c < C_NCLASS; c++)
        s += o < 0 ? k->nfalse[c] : k->n[c][o];
    return s;
}

static void
save(const char *dir, const char *name, const char *text)
{
    char path[1200];
    snprintf(path, sizeof path, "%s%s%s", dir ? dir : "", dir ? "/" : "", name);
    if (text != NULL && tsa_io_write_atomic(path, text) != TSA_SUCCESS)
        fprintf(stderr, "adv: %s\n", tsa_error_last());
}

/* a false certificate: its candidate and certificate, and a line */
static void
record_false(const char *dir, const adv_case_t *cs, const adv_result_t *res,
             const char *cert, uint64_t seed)
{
    char name[128], *cand = adv_case_json(cs), path[1200];
    FILE *f;
    snprintf(name, sizeof name, "case-%llu-%ld.cand.json",
             (unsigned long long) seed, cs->index);
    save(dir, name, cand);
    snprintf(name, sizeof name, "case-%llu-%ld.cert.json",
             (unsigned long long) seed, cs->index);
    save(dir, name, cert);
    free(cand);
    snprintf(path, sizeof path, "%s/false.md", dir);
    f = fopen(path, "a");
    if (f != NULL)
    {
        fprintf(f, "- seed %llu case %ld (%s, base %s): %s; prec %ld, radius "
                "%g, max radius %g%s: **%s** (replay: `adv --seed %llu --case "
                "%ld`)\n", (unsigned long long) seed, cs->index,
                adv_class_name[cs->cls], cs->b->name, cs->desc,
                (long) cs->o.prec, cs->o.radius, cs->o.max_radius,
                cs->polish ? ", polished first" : "", res->why,
                (unsigned long long) seed, cs->index);
        fclose(f);
    }
}

static char *
report_md(const counts_t *k, long count, uint64_t seed, double sec,
          const adv_base_t *bases, long nb)
{
    size_t cap = 1 << 16, len = 0;
    char *s = malloc(cap);
    int c, o;
    long i, nsus = 0;
    for (c = 0; c < C_NCLASS; c++)
        nsus += k->suspect[c];
#define P(...) len += snprintf(s + len, cap - len, __VA_ARGS__)
    P("# Adversarial candidates: certify and verify\n\n");
    P("%ld cases, seed %llu, %.1f s (%.1f ms per case), one core.  Every "
      "outcome must be a refusal, `undecided`, or a certificate that its own "
      "verify accepts and that claims nothing wrong "
      "(docs/adversarial.md).\n\n", count, (unsigned long long) seed, sec,
      1000 * sec / (count ? count : 1));
    P("**tried %ld, certified %ld (minimum %ld, saddle %ld, global minimum %ld, "
      "critical point %ld), undecided %ld, refused %ld, false %ld**"
      " (suspect: %ld; undecided certificates verify called valid: %ld)\n\n",
      count, sum_out(k, O_MIN) + sum_out(k, O_SADDLE) + sum_out(k, O_GLOBAL)
      + sum_out(k, O_CRITICAL), sum_out(k, O_MIN), sum_out(k, O_SADDLE),
      sum_out(k, O_GLOBAL), sum_out(k, O_CRITICAL), sum_out(k, O_UNDECIDED),
      sum_out(k, O_REFUSED), sum_out(k, -1), nsus, k->undec_valid);
    P("| class | tried |");
    for (o = O_MIN; o < O_NOUT; o++)
        P(" %s |", out_name[o]);
    P(" undecided | refused | false | suspect | s |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (c = 0; c < C_NCLASS; c++)
    {
        P("| %s | %ld |", adv_class_name[c], sum_class(k, c));
        for (o = O_MIN; o < O_NOUT; o++)
            P(" %ld |", k->n[c][o]);
        P(" %ld | %ld | %ld | %ld | %.1f |\n", k->n[c][O_UNDECIDED],
          k->n[c][O_REFUSED], k->nfalse[c], k->suspect[c], k->sec[c]);
    }
    P("\nBases (x* certified at 320 bits at start-up):");
    for (i = 0; i < nb; i++)
        P(" %s (%s, N = %ld)%s", bases[i].name,
          tsa_cert_kind_name(bases[i].kind),
          (long) (bases[i].c->d * bases[i].c->n), i + 1 < nb ? "," : ".\n");
#undef P
    return s;
}

static char *
report_json(const counts_t *k, long count, uint64_t seed, double sec)
{
    json_t *root = json_object(), *cls = json_object();
    char *s;
    int c, o;
    json_object_set_new(root, "format", json_string("tsalign-adversarial-1"));
    json_object_set_new(root, "seed", json_integer((json_int_t) seed));
    json_object_set_new(root, "tried", json_integer(count));
    for (o = 0; o < O_NOUT; o++)
        json_object_set_new(root, out_name[o], json_integer(sum_out(k, o)));
    json_object_set_new(root, "certified", json_integer(
        sum_out(k, O_MIN) + sum_out(k, O_SADDLE) + sum_out(k, O_GLOBAL)
        + sum_out(k, O_CRITICAL)));
    json_object_set_new(root, "false", json_integer(sum_out(k, -1)));
    json_object_set_new(root, "undecided_verify_valid", json_integer(k->undec_valid));
    json_object_set_new(root, "seconds", json_real(sec));
    for (c = 0; c < C_NCLASS; c++)
    {
        json_t *e = json_object();
        json_object_set_new(e, "tried", json_integer(sum_class(k, c)));
        for (o = 0; o < O_NOUT; o++)
            json_object_set_new(e, out_name[o], json_integer(k->n[c][o]));
        json_object_set_new(e, "false", json_integer(k->nfalse[c]));
        json_object_set_new(e, "suspect", json_integer(k->suspect[c]));
        json_object_set_new(e, "seconds", json_real(k->sec[c]));
        json_object_set_new(cls, adv_class_name[c], e);
    }
    json_object_set_new(root, "classes", cls);
    s = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    json_decref(root);
    return s;
}

static int
class_index(const char *name)
{
    int c;
    for (c = 0; c < C_NCLASS; c++)
        if (strcmp(name, adv_class_name[c]) == 0)
            return c;
    fprintf(stderr, "adv: unknown class '%s'\n", name);
    exit(2);
}

int
main(int argc, char **argv)
{
    const char *bases_dir = NULL, *md = NULL, *js = NULL, *fdir = NULL,
               *out = NULL;
    char tmpl[512], bdir[1024];
    long count = 500, first = 0, one = -1, maxn = 100, nb, i;
    uint64_t seed = 1;
    int tap = 0, only = -1, a, c;
    adv_base_t *bases;
    counts_t k;
    clock_t t0;
    double total;

    for (a = 1; a < argc; a++)
    {
        const char *v = a + 1 < argc ? argv[a + 1] : NULL;
#define OPT(s) (strcmp(argv[a], s) == 0 && v != NULL && ++a)
        if (OPT("--bases")) bases_dir = v;
        else if (OPT("--count")) count = atol(v);
        else if (OPT("--seed")) seed = strtoull(v, NULL, 10);
        else if (OPT("--first")) first = atol(v);
        else if (OPT("--case")) one = atol(v);
        else if (OPT("--class")) only = class_index(v);
        else if (OPT("--max-params")) maxn = atol(v);
        else if (OPT("--md")) md = v;
        else if (OPT("--json")) js = v;
        else if (OPT("--false-dir")) fdir = v;
        else if (OPT("--out")) out = v;
        else if (OPT("--mutate"))
        {
            static const char *const mn[] = {"none", "kind", "xstar", "loss",
                                             "grad"};
            for (adv_mutate = 4; adv_mutate > 0; adv_mutate--)
                if (strcmp(v, mn[adv_mutate]) == 0)
                    break;
        }
        else if (strcmp(argv[a], "--tap") == 0) tap = 1;
        else
        {
            fprintf(stderr, "usage: adv [--bases DIR] [--count N] [--seed S] "
                    "[--first I] [--class NAME] [--max-params P] [--tap] "
                    "[--md F] [--json F] [--false-dir DIR] | --case I [--out DIR]\n");
            return 2;
        }
#undef OPT
    }
    if (bases_dir == NULL)
    {
        const char *src = getenv("TSA_SRCDIR");
        snprintf(bdir, sizeof bdir, "%s/tests/adversarial/bases", src ? src : ".");
        bases_dir = bdir;
    }
    if (adv_bases_load(&bases, &nb, bases_dir, maxn))
        return 1;
    snprintf(tmpl, sizeof tmpl, "%s/adv.XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (mkdtemp(tmpl) == NULL)
    {
        perror("adv: mkdtemp");
        return 1;
    }
    memset(&k, 0, sizeof k);
    if (one >= 0)
    {
        first = one;
        count = 1;
    }
    t0 = clock();
    for (i = first; i < first + count; i++)
    {
        adv_case_t cs;
        adv_result_t res;
        char *cert;
        clock_t t1 = clock();
        adv_case_make(&cs, bases, nb, seed, i, only);
        adv_case_run(&res, &cs, tmpl, &cert);
        c = cs.cls;
        k.n[c][res.outcome]++;
        k.sec[c] += (double) (clock() - t1) / CLOCKS_PER_SEC;
        if (res.outcome == O_UNDECIDED && res.verify_valid)
            k.undec_valid++;
        k.nfalse[c] += res.is_false;
        k.suspect[c] += res.suspect && !res.is_false;
        if (one >= 0 || res.is_false || res.suspect)
            fprintf(stderr, "%s case %ld (%s, base %s): %s; prec %ld -> %s "
                    "(verify %s): %s\n", res.is_false ? "FALSE" : res.suspect
                    ? "suspect" : "#", i, adv_class_name[c], cs.b->name, cs.desc,
                    (long) cs.o.prec, out_name[res.outcome],
                    res.verify_valid ? "valid" : "not valid", res.why);
        if (res.is_false && fdir != NULL && sum_out(&k, -1) <= 50)
            record_false(fdir, &cs, &res, cert, seed);   /* the first 50 */
        if (one >= 0 && out != NULL)
        {
            char *cand = adv_case_json(&cs);
            save(out, "cand.json", cand);
            save(out, "cert.json", cert);
            free(cand);
        }
        free(cert);
        adv_case_clear(&cs);
    }
    total = (double) (clock() - t0) / CLOCKS_PER_SEC;
    {
        char p1[1100];
        snprintf(p1, sizeof p1, "%s/cand.json", tmpl);
        remove(p1);
        snprintf(p1, sizeof p1, "%s/box.json", tmpl);
        remove(p1);
        rmdir(tmpl);
    }
    {
        char *m = report_md(&k, count, seed, total, bases, nb);
        if (tap)
        {
            printf("1..%d\n", C_NCLASS + 1);
            for (c = 0; c < C_NCLASS; c++)
                printf("%s %d - %s: tried %ld, certified %ld, undecided %ld, "
                       "refused %ld, false %ld\n", k.nfalse[c] ? "not ok" : "ok",
                       c + 1, adv_class_name[c], sum_class(&k, c),
                       sum_class(&k, c) - k.n[c][O_UNDECIDED] - k.n[c][O_REFUSED],
                       k.n[c][O_UNDECIDED], k.n[c][O_REFUSED], k.nfalse[c]);
            printf("%s %d - %ld cases in %.1f s, false %ld\n",
                   sum_out(&k, -1) ? "not ok" : "ok", C_NCLASS + 1, count,
                   total, sum_out(&k, -1));
        }
        else if (md == NULL)
            fputs(m, stdout);
        if (md != NULL)
            save(NULL, md, m);
        free(m);
        if (js != NULL)
        {
            char *j = report_json(&k, count, seed, total);
            save(NULL, js, j);
            free(j);
        }
    }
    adv_bases_clear(bases, nb);
    flint_cleanup();
    return sum_out(&k, -1) ? 5 : 0;
}
