/* report.c -- per-claim Markdown + JSON reports and the index table. */
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_io.h"
#include "tsa_path.h"
#include "tsa_format.h"
#include "tsa_strbuf.h"
#include "tsa_claims.h"

/* Markdown table cells must not contain '|' or newlines. */
static void
sb_cell(tsa_strbuf_t *b, const char *s)
{
    for (; s != NULL && *s != '\0'; s++)
    {
        if (*s == '|')
            tsa_strbuf_printf(b, "\\|");
        else if (*s == '\n')
            tsa_strbuf_printf(b, "<br>");
        else
            tsa_strbuf_printf(b, "%c", *s);
    }
}

static json_t *
item_json(const tsa_claim_item_struct *it)
{
    json_t *j = json_object();
    json_object_set_new(j, "name", json_string(it->name));
    json_object_set_new(j, "truth", json_string(tsa_truth_name(it->truth)));
    json_object_set_new(j, "evidence", json_string(it->evidence ? it->evidence : ""));
    return j;
}

int
tsa_claim_write_report(const tsa_claim_result_t r, const char *dir)
{
    json_t *j = tsa_format_object("report", TSA_FORMAT_REPORT), *hyps = json_array();
    tsa_strbuf_t b = TSA_STRBUF_INIT;
    char *text, *paths[2] = {NULL, NULL};
    const char *texts[2];
    slong i;
    int st;
    tsa_verdict_t v = tsa_claim_verdict(r);
    const char *reading;

    /* the id names the files: a safe identifier, so both stay in dir */
    if ((st = tsa_io_path_join(&paths[0], dir, r->id, ".json", "claim id")) != TSA_SUCCESS
        || (st = tsa_io_path_join(&paths[1], dir, r->id, ".md", "claim id")) != TSA_SUCCESS)
    {
        free(paths[0]);
        return st;
    }

    reading = tsa_claim_reading(r->kind, tsa_verdict_name(v), r->scope != NULL);
    json_object_set_new(j, "id", json_string(r->id));
    json_object_set_new(j, "paper", json_string(r->paper));
    json_object_set_new(j, "kind", r->kind ? json_string(r->kind) : json_null());
    if (r->correction != NULL)
        json_object_set_new(j, "correction", json_string(r->correction));
    if (r->scope != NULL)
        json_object_set_new(j, "scope", json_string(r->scope));
    json_object_set_new(j, "statement", json_string(r->statement));
    json_object_set_new(j, "instance", json_string(r->instance ? r->instance : ""));
    json_object_set_new(j, "method", json_string(r->method ? r->method : ""));
    if (r->details != NULL)
        json_object_set_new(j, "details_markdown", json_string(r->details));
    for (i = 0; i < r->nhyp; i++)
        json_array_append_new(hyps, item_json(r->hyp + i));
    json_object_set_new(j, "hypotheses", hyps);
    json_object_set_new(j, "conclusion", item_json(&r->concl));
    json_object_set_new(j, "verdict", json_string(tsa_verdict_name(v)));
    json_object_set_new(j, "reading", json_string(reading));
    if (r->expect != NULL)
    {
        json_object_set_new(j, "expect", json_string(r->expect));
        json_object_set_new(j, "expect_met",
                            json_boolean(strcmp(r->expect, tsa_verdict_name(v)) == 0));
    }
    json_object_set_new(j, "overridden", json_boolean(r->overrides != NULL));
    if (r->overrides != NULL)
        json_object_set(j, "overrides", r->overrides);
    if (r->checker != NULL)
        json_object_set_new(j, "checker", json_string(r->checker));
    if (r->params != NULL)
        json_object_set(j, "params", r->params);
    if (r->witness != NULL)
        json_object_set(j, "witness", r->witness);
    json_object_set_new(j, "prec", json_integer(r->prec));
    json_object_set_new(j, "seconds", json_real(r->seconds));
    json_object_set(j, "data", r->data);
    text = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(j);
    if (text == NULL)
    {
        free(paths[0]);
        free(paths[1]);
        return TSA_ERROR(TSA_ENOMEM, "%s: cannot format the report", r->id);
    }

    tsa_strbuf_printf(&b, "# %s — %s\n\n", r->id, tsa_verdict_name(v));
    tsa_strbuf_printf(&b, "**Reading: %s.**\n\n", reading);
    tsa_strbuf_printf(&b, "**Kind.** %s", r->kind ? r->kind : "not stated");
    if (r->correction != NULL)
        tsa_strbuf_printf(&b, " (correction: %s)", r->correction);
    tsa_strbuf_printf(&b, "\n\n");
    if (r->scope != NULL)
        tsa_strbuf_printf(&b, "**Scope.** %s\n\n", r->scope);
    if (r->overrides != NULL)
    {
        char *o = json_dumps(r->overrides, JSON_COMPACT | JSON_SORT_KEYS);
        tsa_strbuf_printf(&b, "**Overridden** with --set: `%s`; the claim file's expectation "
                  "(%s) does not apply to this run.\n\n", o ? o : "?",
                  r->expect ? r->expect : "none");
        free(o);
    }
    tsa_strbuf_printf(&b, "**Claim (%s).** %s\n\n", r->paper, r->statement);
    tsa_strbuf_printf(&b, "**Instance.** %s\n\n", r->instance ? r->instance : "");
    tsa_strbuf_printf(&b, "**Method.** %s\n\n", r->method ? r->method : "");
    tsa_strbuf_printf(&b, "| | statement | truth | evidence |\n|---|---|---|---|\n");
    for (i = 0; i < r->nhyp; i++)
    {
        tsa_strbuf_printf(&b, "| H%ld | ", (long) (i + 1));
        sb_cell(&b, r->hyp[i].name);
        tsa_strbuf_printf(&b, " | %s | ", tsa_truth_name(r->hyp[i].truth));
        sb_cell(&b, r->hyp[i].evidence);
        tsa_strbuf_printf(&b, " |\n");
    }
    tsa_strbuf_printf(&b, "| C | ");
    sb_cell(&b, r->concl.name);
    tsa_strbuf_printf(&b, " | %s | ", tsa_truth_name(r->concl.truth));
    sb_cell(&b, r->concl.evidence);
    tsa_strbuf_printf(&b, " |\n\n");
    if (r->details != NULL)
        tsa_strbuf_printf(&b, "%s\n\n", r->details);
    if (r->witness != NULL)
    {
        char *w = json_dumps(r->witness, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
        tsa_strbuf_printf(&b, "**Witness** (re-derive it with `tsalign check --recheck "
                  "%s.json`):\n\n```json\n%s\n```\n\n", r->id, w ? w : "?");
        free(w);
    }
    tsa_strbuf_printf(&b, "**Verdict: %s.** Hypotheses and conclusion are tri-valued "
              "(true / false / undecided); an undecided item is never counted as "
              "true. Working precision %ld bits, %.3f s.\n",
              tsa_verdict_name(v), (long) r->prec, r->seconds);
    /* Plots the checker wrote next to the report: <id>-<tag>.png */
    {
        DIR *dd = opendir(dir);
        struct dirent *de;
        size_t idl = strlen(r->id);
        int first = 1;
        while (dd != NULL && (de = readdir(dd)) != NULL)
        {
            size_t l = strlen(de->d_name);
            if (l > idl + 5 && strncmp(de->d_name, r->id, idl) == 0
                && de->d_name[idl] == '-' && strcmp(de->d_name + l - 4, ".png") == 0
                /* the tag has no '-': AD-1-pair-x.png is not AD-1's */
                && memchr(de->d_name + idl + 1, '-', l - idl - 5) == NULL)
            {
                if (first)
                    tsa_strbuf_printf(&b, "\n## Plots\n\n");
                first = 0;
                tsa_strbuf_printf(&b, "![%s](%s)\n\n", de->d_name, de->d_name);
            }
        }
        if (dd != NULL)
            closedir(dd);
    }
    /* the pair whole or not at all: both temporaries, then both renames */
    texts[0] = text;
    texts[1] = b.s;
    if (b.oom)
        st = TSA_ERROR(TSA_ENOMEM, "%s: out of memory", paths[1]);
    else
        st = tsa_io_write_atomic_group((const char *const *) paths, texts, 2);
    free(text);
    free(b.s);
    free(paths[0]);
    free(paths[1]);
    return st;
}

/* The summary by kind: what each count of counterexamples refutes. */
static void
index_kinds(tsa_strbuf_t *h, size_t bykind[][4])
{
    const char *const *names = tsa_claim_kind_names();
    int k;
    tsa_strbuf_printf(h, "Verdicts by kind. Only a counterexample of kind *theorem* or "
              "*corrected* (without a scope note) means that the paper's statement "
              "fails; a *variant* is built stronger than the paper and fails as "
              "designed; an *assumption* that fails is not a refuted theorem; an "
              "*empirical* claim is a measurement at the stated budget.\n\n"
              "| kind | consistent | counterexample | vacuous | undecided |\n"
              "|---|---|---|---|---|\n");
    for (k = 0; k <= TSA_CLAIM_NKINDS; k++)
    {
        if (k == TSA_CLAIM_NKINDS
            && bykind[k][0] + bykind[k][1] + bykind[k][2] + bykind[k][3] == 0)
            continue;
        tsa_strbuf_printf(h, "| %s | %zu | %zu | %zu | %zu |\n",
                  k < TSA_CLAIM_NKINDS ? names[k] : "(not stated)", bykind[k][0],
                  bykind[k][1], bykind[k][2], bykind[k][3]);
    }
    tsa_strbuf_printf(h, "\n");
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *) a, *(char *const *) b);
}

int
tsa_claim_write_index(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL, path[4096];
    size_t n = 0, cap = 0, i;
    tsa_strbuf_t b = TSA_STRBUF_INIT;
    int st = TSA_SUCCESS;
    size_t count[4] = {0, 0, 0, 0};
    /* verdict counts per kind; the last row: kind not stated */
    size_t bykind[TSA_CLAIM_NKINDS + 1][4], nfound = 0;
    tsa_strbuf_t found = TSA_STRBUF_INIT;
    memset(bykind, 0, sizeof bykind);

    if (d == NULL)
        return TSA_ERROR(TSA_EIO, "%s: cannot open directory", dir);
    while ((e = readdir(d)) != NULL)
    {
        size_t l = strlen(e->d_name);
        /* only names a claim report can have (a safe id + .json) */
        if (l > 5 && strcmp(e->d_name + l - 5, ".json") == 0 && tsa_io_is_id(e->d_name))
        {
            if (n == cap)
            {
                cap = cap ? 2 * cap : 32;
                names = realloc(names, cap * sizeof(char *));
            }
            names[n++] = strdup(e->d_name);
        }
    }
    closedir(d);
    qsort(names, n, sizeof(char *), cmp_str);

    tsa_strbuf_printf(&b, "| claim | kind | instance | hypotheses | conclusion | verdict | "
              "what it means | prec | time (s) | report |\n");
    tsa_strbuf_printf(&b, "|---|---|---|---|---|---|---|---|---|---|\n");
    for (i = 0; i < n; i++)
    {
        json_error_t jerr;
        json_t *j, *h;
        size_t k, nt = 0;
        const char *verdict, *kind;
        int ki, vi;
        if ((size_t) snprintf(path, sizeof path, "%s/%s", dir, names[i]) >= sizeof path)
            continue;
        j = json_load_file(path, 0, &jerr);
        if (json_is_string(json_object_get(j, "format"))
            && strcmp(json_string_value(json_object_get(j, "format")), "tsalign-report") == 0
            && (st = tsa_format_check(j, "report", NULL, TSA_FORMAT_MAJOR, 1, path))
                   != TSA_SUCCESS)
        {
            json_decref(j);
            break; /* a newer report: refused, not misread */
        }
        if (j == NULL || !json_is_string(json_object_get(j, "verdict")))
        {
            json_decref(j);
            continue; /* not a claim report */
        }
        if (!json_is_string(json_object_get(j, "id"))
            || !json_is_string(json_object_get(json_object_get(j, "conclusion"), "truth")))
        {
            json_decref(j);
            continue; /* not a claim report */
        }
        h = json_object_get(j, "hypotheses");
        for (k = 0; k < json_array_size(h); k++)
        {
            const char *t = json_string_value(json_object_get(json_array_get(h, k), "truth"));
            nt += t != NULL && strcmp(t, "true") == 0;
        }
        verdict = json_string_value(json_object_get(j, "verdict"));
        kind = json_string_value(json_object_get(j, "kind"));
        ki = tsa_claim_kind_index(kind);
        vi = strcmp(verdict, "consistent") == 0 ? 0
             : strcmp(verdict, "counterexample") == 0 ? 1
             : strcmp(verdict, "vacuous") == 0 ? 2 : 3;
        count[vi]++;
        bykind[ki < 0 ? TSA_CLAIM_NKINDS : ki][vi]++;
        tsa_strbuf_printf(&b, "| ");
        sb_cell(&b, json_string_value(json_object_get(j, "id")));
        tsa_strbuf_printf(&b, " | ");
        sb_cell(&b, ki < 0 ? "?" : kind);
        tsa_strbuf_printf(&b, " | ");
        sb_cell(&b, json_string_value(json_object_get(j, "instance")));
        tsa_strbuf_printf(&b, " | %zu/%zu true | ", nt, json_array_size(h));
        sb_cell(&b, json_string_value(json_object_get(json_object_get(j, "conclusion"), "truth")));
        tsa_strbuf_printf(&b, " | **");
        sb_cell(&b, verdict);
        tsa_strbuf_printf(&b, "** | ");
        /* recomputed from kind, verdict and scope: a report file cannot
           promote its own reading */
        {
            const char *rd = tsa_claim_reading(ki < 0 ? NULL : kind, verdict,
                                               json_object_get(j, "scope") != NULL);
            sb_cell(&b, rd);
            /* the rows that are findings against a paper, listed up front */
            if (strncmp(rd, "the paper's statement", 21) == 0 && strstr(rd, "fails") != NULL)
            {
                tsa_strbuf_printf(&found, "%s", nfound++ ? ", " : "");
                sb_cell(&found, json_string_value(json_object_get(j, "id")));
            }
        }
        if (json_is_true(json_object_get(j, "overridden")))
            tsa_strbuf_printf(&b, " (overridden with --set)");
        tsa_strbuf_printf(&b, " | %lld | %.2f | [md](%.*s.md) |\n",
                  (long long) json_integer_value(json_object_get(j, "prec")),
                  json_real_value(json_object_get(j, "seconds")),
                  (int) (strlen(names[i]) - 5), names[i]);
        json_decref(j);
    }
    {
        tsa_strbuf_t head = TSA_STRBUF_INIT;
        tsa_strbuf_printf(&head, "# tsalign theorem-condition reports\n\n"
                  "%zu claims: %zu consistent, %zu counterexample, %zu vacuous, %zu undecided.\n\n"
                  "Each row is one theorem instance. *hypotheses* counts the hypotheses proved "
                  "true; *conclusion* is true, false or undecided. Verdicts: consistent "
                  "(hypotheses and conclusion true), counterexample (hypotheses true, "
                  "conclusion false), vacuous (a hypothesis false), undecided (something "
                  "could not be decided; the report says why).\n\n",
                  count[0] + count[1] + count[2] + count[3], count[0], count[1], count[2], count[3]);
        index_kinds(&head, bykind);
        tsa_strbuf_printf(&head, "Findings against a paper (a theorem or corrected claim without "
                  "a scope note, counterexample): %zu%s%s.\n\n", nfound,
                  nfound ? ": " : "", found.s ? found.s : "");
        free(found.s);
        tsa_strbuf_printf(&head, "%s", b.s ? b.s : "");
        if (st != TSA_SUCCESS)
        {
            /* a report was refused above */
        }
        else if ((size_t) snprintf(path, sizeof path, "%s/index.md", dir) >= sizeof path)
            st = TSA_ERROR(TSA_EINVAL, "%s: folder name too long", dir);
        else if (head.oom || b.oom || found.oom)
            st = TSA_ERROR(TSA_ENOMEM, "%s: out of memory", path);
        else
            st = tsa_io_write_atomic(path, head.s);
        free(head.s);
    }
    for (i = 0; i < n; i++)
        free(names[i]);
    free(names);
    free(b.s);
    return st;
}
