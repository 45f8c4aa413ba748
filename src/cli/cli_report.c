/* cli_report.c -- `tsalign report`: every table tsalign writes as
 * Markdown, CSV or JSON (the claim index, census results, the data
 * tables of claim reports, tsalign-table files). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"
#include "tsa_census.h"
#include "tsa_claims.h"
#include "tsa_format.h"
#include "tsa_io.h"
#include "tsa_table.h"

static const char report_usage[] =
    "Usage: tsalign report [DIR] [--format md|csv|json] [-o OUT]\n"
    "       tsalign report FILE.json [--format md|csv|json] [-o OUT]\n"
    "\n"
    "With a folder DIR (default: reports): the index of the claim reports\n"
    "DIR/*.json, one row per claim with its kind, hypotheses, conclusion,\n"
    "verdict, what the verdict means, precision and time.  md writes\n"
    "DIR/index.md (with counts per kind and the findings against a paper),\n"
    "csv DIR/index.csv, json DIR/index.json, unless -o names another file.\n"
    "\n"
    "With a FILE.json that tsalign wrote, its table, on stdout unless -o:\n"
    "  tsalign-census  (certify --census --json): the classes; md also the\n"
    "                  counts per k\n"
    "  tsalign-report  (check): the arrays of records in its \"data\" (e.g.\n"
    "                  the cells of AD-1-gd-quick); none: an error\n"
    "  tsalign-table   (report --format json): rendered again\n"
    "\n"
    "Options\n"
    "  --format F   md (default), csv or json\n"
    "  -o, --output OUT  write here (\"-\": stdout); written whole or not at all\n"
    "\n"
    "CSV: a header line, then one line per row, fields quoted when they hold\n"
    "a comma or a quote; an empty field means not applicable (an exact global\n"
    "minimum has no lambda bound).  JSON: {\"format\": \"tsalign-table\", ...,\n"
    "\"columns\": [...], \"rows\": [{...}]} with null for not applicable\n"
    "(docs/formats/table.schema.json).  Numbers keep 17 significant digits.\n"
    "\n"
    "Examples:\n"
    "  tsalign report                      # reports/index.md\n"
    "  tsalign report reports --format csv -o - | head\n"
    "  tsalign certify --census data/ssy2021-minima.tsv --k 6 --json c6.json\n"
    "  tsalign report c6.json --format csv -o c6.csv\n"
    "\n"
    "Exit: 0 written, 2 bad input (an unknown format, a file that holds no\n"
    "table, a newer format_version), 3 I/O.\n";

/* text to path, "-" stdout; the exit code */
static int
emit(const char *path, char *text, const char *shown)
{
    int st;
    if (text == NULL)
        return TSA_EXIT_INTERNAL;
    st = tsa_io_write_atomic(path, text);
    free(text);
    if (st != TSA_SUCCESS)
        return tsa_cli_exit_status(st);
    if (strcmp(path, "-") != 0)
        printf("wrote %s\n", shown);
    return TSA_EXIT_OK;
}

static int
report_dir(const char *dir, tsa_table_fmt_t fmt, const char *out)
{
    static const char *const ext[] = {"md", "csv", "json"};
    char path[4096];
    json_t *rows, *cols;
    char *text;
    int st;
    if (out == NULL && (size_t) snprintf(path, sizeof path, "%s/index.%s", dir, ext[fmt])
                           >= sizeof path)
        return tsa_cli_usage_error("report", "DIR: name too long");
    if (fmt == TSA_TABLE_MD && out == NULL) /* the index with its summary */
    {
        if ((st = tsa_claim_write_index(dir)) != TSA_SUCCESS)
            return tsa_cli_exit_status(st);
        printf("wrote %s\n", path);
        return TSA_EXIT_OK;
    }
    if ((st = tsa_claim_index_rows(&rows, dir)) != TSA_SUCCESS)
        return tsa_cli_exit_status(st);
    cols = json_array();
    {
        static const char *const names[] = {
            "claim", "kind", "instance", "hypotheses_true", "hypotheses", "conclusion",
            "verdict", "reading", "overridden", "prec", "seconds", "report"};
        size_t i;
        for (i = 0; i < sizeof names / sizeof names[0]; i++)
            json_array_append_new(cols, json_string(names[i]));
    }
    text = tsa_table_render(cols, rows, fmt, "tsalign theorem-condition reports");
    json_decref(cols);
    json_decref(rows);
    return emit(out != NULL ? out : path, text, out != NULL ? out : path);
}

/* the census: classes (md: counts per k first) */
static char *
census_text(json_t *j, tsa_table_fmt_t fmt)
{
    json_t *rows = json_object_get(j, "rows"), *counts = json_object_get(j, "counts");
    json_t *cols = tsa_census_columns();
    char *t1, *t2, *all;
    if (!json_is_array(rows) || !json_is_array(counts))
    {
        json_decref(cols);
        (void) TSA_ERROR(TSA_EFORMAT, "census: rows and counts must be arrays");
        return NULL;
    }
    t2 = tsa_table_render(cols, rows, fmt, fmt == TSA_TABLE_MD ? NULL : "census classes");
    json_decref(cols);
    if (fmt != TSA_TABLE_MD || t2 == NULL)
        return t2;
    cols = tsa_table_columns_of(counts);
    t1 = tsa_table_render(cols, counts, fmt, NULL);
    json_decref(cols);
    all = t1 != NULL ? malloc(strlen(t1) + strlen(t2) + 128) : NULL;
    if (all != NULL)
        sprintf(all, "# Census certification\n\n## Counts per k\n\n%s\n## Classes\n\n%s",
                t1, t2);
    else
        (void) TSA_ERROR(TSA_ENOMEM, "census: out of memory");
    free(t1);
    free(t2);
    return all;
}

/* the arrays of records in a claim report's data, one table each */
static char *
claim_report_text(json_t *j, tsa_table_fmt_t fmt, const char *path)
{
    json_t *data = json_object_get(j, "data"), *v;
    const char *key, *id = json_string_value(json_object_get(j, "id"));
    char *all = NULL, title[512];
    size_t len = 0;
    int n = 0;
    json_object_foreach(data, key, v)
    {
        json_t *cols;
        char *t;
        if (!json_is_array(v) || !json_is_object(json_array_get(v, 0)))
            continue;
        if (n > 0 && fmt != TSA_TABLE_MD)
            continue; /* CSV and JSON hold one table: the first */
        snprintf(title, sizeof title, "%s: %s", id != NULL ? id : "report", key);
        cols = tsa_table_columns_of(v);
        t = tsa_table_render(cols, v, fmt, title);
        json_decref(cols);
        if (t == NULL)
        {
            free(all);
            return NULL;
        }
        all = realloc(all, len + strlen(t) + 2);
        memcpy(all + len, t, strlen(t) + 1);
        len += strlen(t);
        if (fmt == TSA_TABLE_MD)
        {
            all[len++] = '\n';
            all[len] = '\0';
        }
        free(t);
        n++;
    }
    if (n == 0)
        (void) TSA_ERROR(TSA_EFORMAT, "%s: data: no table (an array of records)", path);
    return all;
}

static int
report_file(const char *path, tsa_table_fmt_t fmt, const char *out)
{
    static const char *const kinds[] = {"census", "report", "table"};
    json_t *j, *f;
    char *text = NULL, *raw = NULL;
    size_t len;
    int st, k;
    if ((st = tsa_io_read_file(&raw, &len, path, 64 << 20)) != TSA_SUCCESS)
        return tsa_cli_exit_status(st);
    j = json_loads(raw, JSON_REJECT_DUPLICATES, NULL);
    free(raw);
    f = json_object_get(j, "format");
    for (k = 0; k < 3 && json_is_string(f); k++)
        if (strncmp(json_string_value(f), "tsalign-", 8) == 0
            && strcmp(json_string_value(f) + 8, kinds[k]) == 0)
            break;
    if (!json_is_object(j) || !json_is_string(f) || k == 3)
    {
        json_decref(j);
        fprintf(stderr, "tsalign: %s: not a table tsalign wrote (format tsalign-census, "
                "tsalign-report or tsalign-table)\n", path);
        return TSA_EXIT_INPUT;
    }
    if ((st = tsa_format_check(j, kinds[k], NULL, TSA_FORMAT_MAJOR, 0, path)) != TSA_SUCCESS)
    {
        json_decref(j);
        return tsa_cli_exit_status(st);
    }
    if (k == 0)
        text = census_text(j, fmt);
    else if (k == 1)
        text = claim_report_text(j, fmt, path);
    else
    {
        json_t *cols = json_object_get(j, "columns"), *rows = json_object_get(j, "rows");
        if (json_is_array(cols) && json_is_array(rows))
            text = tsa_table_render(cols, rows, fmt,
                                    json_string_value(json_object_get(j, "title")));
        else
            (void) TSA_ERROR(TSA_EFORMAT, "%s: columns and rows must be arrays", path);
    }
    json_decref(j);
    if (text == NULL)
        return TSA_EXIT_INPUT;
    return emit(out != NULL ? out : "-", text, out != NULL ? out : "-");
}

int
tsa_cli_report(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *in = "reports", *out = NULL;
    tsa_table_fmt_t fmt = TSA_TABLE_MD;
    struct stat sb;
    int opt;

    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "ho:", opts, NULL)) != -1)
    {
        switch (opt)
        {
        case 'f':
            if (tsa_table_parse_format(&fmt, optarg) != TSA_SUCCESS)
                return tsa_cli_usage_error("report", "--format: expected md, csv or json");
            break;
        case 'o': out = optarg; break;
        case 'h': fputs(report_usage, stdout); return TSA_EXIT_OK;
        default:
            return tsa_cli_usage_error("report", "unknown or incomplete option '%s'",
                                       argv[optind - 1]);
        }
    }
    if (argc - optind > 1)
        return tsa_cli_usage_error("report", "expected at most one DIR or FILE.json");
    if (optind < argc)
        in = argv[optind];
    if (out != NULL && out[0] == '\0')
        return tsa_cli_usage_error("report", "--output: empty file name");
    if (stat(in, &sb) != 0)
    {
        fprintf(stderr, "tsalign: %s: no such file or folder\n", in);
        return TSA_EXIT_IO;
    }
    if (out != NULL && tsa_io_same_file(out, in))
    {
        fprintf(stderr, "tsalign: %s: is the input file %s (an output may not "
                "replace an input)\n", out, in);
        return TSA_EXIT_INPUT;
    }
    return S_ISDIR(sb.st_mode) ? report_dir(in, fmt, out) : report_file(in, fmt, out);
}
