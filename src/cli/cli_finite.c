/* cli_finite.c -- `tsalign finite certify|verify|landscape|ea-point`
 * (issue 13; library in src/finite, docs/finite-data.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "cli_util.h"
#include "finite/tsa_finite.h"
#include "tsa_io.h"

static const char finite_usage[] =
    "Usage: tsalign finite certify POINT.json [-o CERT.json] [--prec N]\n"
    "       tsalign finite verify CERT.json\n"
    "       tsalign finite landscape POINT.json\n"
    "       tsalign finite ea-point [--m M] [--inactive S] [--zero-loss] [-o F]\n"
    "\n"
    "Critical points of L = (1/(2n)) sum_s (sum_j a_j relu(w_j . (x_s, 1)) - y_s)^2\n"
    "on a finite dataset (docs/finite-data.md).  POINT.json has the format\n"
    "tsalign-finite-point: data x (n rows of d numbers), y, output weights a,\n"
    "hidden weights w (m rows of d + 1, bias last), all as strings (p/q,\n"
    "decimals, hex floats: exact), and an optional box radius.\n"
    "  certify    exact point: one-sided (kink) test -> local minimum (with an\n"
    "             l_inf radius), not a local minimum (with a descent direction,\n"
    "             checked in exact arithmetic) or undecided; a point with a\n"
    "             radius: pattern over the box, then Krawczyk\n"
    "  verify     re-check a certificate by a second code path\n"
    "  landscape  exact loss, gradient, pattern and Hessian (np <= 200)\n"
    "  ea-point   the spurious stationary point of the early-alignment example\n"
    "             (width M, inactive neurons of size S, default 1/10; S = 0:\n"
    "             zero neurons), or --zero-loss: an interpolating network\n"
    "Exit: 0 decided/valid, 2 bad input, 3 I/O, 4 undecided, 5 invalid.\n"
    "\n"
    "Examples:\n"
    "  tsalign finite ea-point --m 4 -o p.json\n"
    "  tsalign finite certify p.json -o cert.json && tsalign finite verify cert.json\n";

static int
emit(json_t *j, const char *out)
{
    char *text = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    int st;
    if (text == NULL)
        return TSA_EXIT_INTERNAL;
    if (out == NULL)
    {
        fputs(text, stdout);
        fputc('\n', stdout);
        st = tsa_cli_stdout_status();
    }
    else
    {
        size_t n = strlen(text);
        char *t2 = malloc(n + 2);
        if (t2 == NULL)
            return TSA_EXIT_INTERNAL;
        memcpy(t2, text, n);
        t2[n] = '\n', t2[n + 1] = '\0';
        st = tsa_io_write_atomic(out, t2);
        free(t2);
    }
    free(text);
    return st == TSA_SUCCESS ? TSA_EXIT_OK : tsa_cli_exit_status(st);
}

static int
opts(const char **file, const char **out, slong *prec, int argc, char **argv,
     const char *cmd)
{
    int i;
    for (i = 2; i < argc; i++)
    {
        if ((strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) && i + 1 < argc)
            *out = argv[++i];
        else if (strcmp(argv[i], "--prec") == 0 && i + 1 < argc)
        {
            if (tsa_cli_parse_prec(prec, argv[++i], "--prec") != TSA_SUCCESS
                || *prec < 16 || *prec > 4096)
                return tsa_cli_usage_error(cmd, "--prec: want 16 .. 4096");
        }
        else if (argv[i][0] == '-' && argv[i][1] != '\0')
            return tsa_cli_usage_error(cmd, "unknown option '%.40s'", argv[i]);
        else if (*file == NULL)
            *file = argv[i];
        else
            return tsa_cli_usage_error(cmd, "one input file only");
    }
    if (*file == NULL)
        return tsa_cli_usage_error(cmd, "missing input file");
    if (*out != NULL && tsa_io_same_file(*file, *out))
        return tsa_cli_usage_error(cmd, "-o may not be the input");
    return -1;
}

static int
certify(int argc, char **argv)
{
    const char *file = NULL, *out = NULL;
    slong prec = 128;
    tsa_fin_point_t p;
    tsa_fin_verdict_t v;
    json_t *cert;
    int st, rc = opts(&file, &out, &prec, argc, argv, "finite certify");
    if (rc >= 0)
        return rc;
    tsa_fin_point_init(p, 0, 0, 0);
    if ((st = tsa_fin_point_read(p, file)) != TSA_SUCCESS
        || (st = tsa_fin_certify(&cert, &v, p, prec)) != TSA_SUCCESS)
    {
        tsa_fin_point_clear(p);
        return tsa_cli_exit_status(st);
    }
    tsa_fin_point_clear(p);
    rc = emit(cert, out);
    fprintf(stderr, "verdict: %s (%s)\n", tsa_fin_verdict_name(v),
            json_string_value(json_object_get(cert, "reason")) != NULL
                ? json_string_value(json_object_get(cert, "reason"))
                : json_string_value(json_object_get(json_object_get(cert, "descent"), "reason")));
    json_decref(cert);
    if (rc != TSA_EXIT_OK)
        return rc;
    return v == TSA_FIN_UNDECIDED ? TSA_EXIT_UNDECIDED : TSA_EXIT_OK;
}

static int
verify(int argc, char **argv)
{
    const char *file = NULL, *out = NULL;
    slong prec = 128;
    char *text = NULL, *msg = NULL;
    size_t len;
    json_error_t jerr;
    json_t *cert;
    tsa_truth_t valid;
    int st, rc = opts(&file, &out, &prec, argc, argv, "finite verify");
    if (rc >= 0)
        return rc;
    if ((st = tsa_io_read_file(&text, &len, file, 64L << 20)) != TSA_SUCCESS)
        return tsa_cli_exit_status(st);
    cert = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    free(text);
    if (cert == NULL)
    {
        fprintf(stderr, "tsalign: %s:%d: %s\n", file, jerr.line, jerr.text);
        return TSA_EXIT_INPUT;
    }
    st = tsa_fin_verify(&valid, &msg, cert, file);
    json_decref(cert);
    if (st != TSA_SUCCESS)
        return tsa_cli_exit_status(st);
    printf("%s\n", msg);
    free(msg);
    rc = tsa_cli_stdout_status();
    if (rc != TSA_SUCCESS)
        return tsa_cli_exit_status(rc);
    return valid == TSA_TRUE ? TSA_EXIT_OK
           : valid == TSA_FALSE ? TSA_EXIT_REFUTED : TSA_EXIT_UNDECIDED;
}

static int
landscape(int argc, char **argv)
{
    const char *file = NULL, *out = NULL;
    slong prec = 128, i, k;
    tsa_fin_point_t p;
    tsa_fin_land_t l;
    json_t *o, *sg = json_array();
    int st, rc = opts(&file, &out, &prec, argc, argv, "finite landscape");
    if (rc >= 0)
    {
        json_decref(sg);
        return rc;
    }
    tsa_fin_point_init(p, 0, 0, 0);
    if ((st = tsa_fin_point_read(p, file)) != TSA_SUCCESS
        || (st = tsa_fin_land_init(l, p)) != TSA_SUCCESS)
    {
        tsa_fin_point_clear(p);
        json_decref(sg);
        return tsa_cli_exit_status(st);
    }
    o = json_object();
    json_object_set_new(o, "format", json_string("tsalign-finite-landscape"));
    json_object_set_new(o, "format_version", json_string(TSA_FIN_VERSION));
    {
        char *s = tsa_fin_q_str(l->loss);
        json_object_set_new(o, "loss", json_string(s));
        flint_free(s);
    }
    for (i = 0; i < p->m; i++)
    {
        json_t *row = json_array();
        for (k = 0; k < p->n; k++)
            json_array_append_new(row, json_integer(l->sgn[i * p->n + k]));
        json_array_append_new(sg, row);
    }
    json_object_set_new(o, "pattern", sg);
    {
        json_t *g = json_array(), *H = json_array();
        fmpq_mat_t M;
        for (i = 0; i < l->np; i++)
        {
            char *s = tsa_fin_q_str(l->grad + i);
            json_array_append_new(g, json_string(s));
            flint_free(s);
        }
        json_object_set_new(o, "gradient", g);
        json_object_set_new(o, "smooth", json_boolean(l->nboundary == 0));
        if (l->np <= TSA_FIN_MAX_HESS)
        {
            fmpq_mat_init(M, l->np, l->np);
            if (tsa_fin_hessian(M, p, l) == TSA_SUCCESS)
                for (i = 0; i < l->np; i++)
                {
                    json_t *row = json_array();
                    for (k = 0; k < l->np; k++)
                    {
                        char *s = tsa_fin_q_str(fmpq_mat_entry(M, i, k));
                        json_array_append_new(row, json_string(s));
                        flint_free(s);
                    }
                    json_array_append_new(H, row);
                }
            fmpq_mat_clear(M);
        }
        json_object_set_new(o, "hessian", H);
    }
    tsa_fin_land_clear(l);
    tsa_fin_point_clear(p);
    rc = emit(o, out);
    json_decref(o);
    return rc;
}

static int
ea_point(int argc, char **argv)
{
    const char *out = NULL;
    long m = 3;
    int i, zero = 0, rc;
    fmpq_t s;
    tsa_fin_point_t p;
    json_t *j;
    fmpq_init(s);
    fmpq_set_si(s, 1, 10);
    for (i = 2; i < argc; i++)
    {
        char *end;
        if (strcmp(argv[i], "--m") == 0 && i + 1 < argc)
        {
            m = strtol(argv[++i], &end, 10);
            if (*end != '\0' || m < 1 || m > TSA_FIN_MAX_M)
            {
                fmpq_clear(s);
                return tsa_cli_usage_error("finite ea-point", "--m: want 1 .. %d", TSA_FIN_MAX_M);
            }
        }
        else if (strcmp(argv[i], "--inactive") == 0 && i + 1 < argc)
        {
            if (tsa_fin_parse_q(s, argv[++i], "--inactive") != TSA_SUCCESS || fmpq_sgn(s) < 0)
            {
                fmpq_clear(s);
                fprintf(stderr, "tsalign: --inactive: want an exact number >= 0\n");
                return TSA_EXIT_INPUT;
            }
        }
        else if (strcmp(argv[i], "--zero-loss") == 0)
            zero = 1;
        else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
            out = argv[++i];
        else
        {
            fmpq_clear(s);
            return tsa_cli_usage_error("finite ea-point", "unknown argument '%.40s'", argv[i]);
        }
    }
    tsa_fin_point_init(p, 0, 0, 0);
    tsa_fin_ea_point(p, m, s, zero);
    j = tsa_fin_point_to_json(p);
    rc = emit(j, out);
    json_decref(j);
    tsa_fin_point_clear(p);
    fmpq_clear(s);
    return rc;
}

int
tsa_cli_finite(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
    {
        fputs(finite_usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? TSA_EXIT_INPUT : TSA_EXIT_OK;
    }
    if (strcmp(argv[1], "certify") == 0)
        return certify(argc, argv);
    if (strcmp(argv[1], "verify") == 0)
        return verify(argc, argv);
    if (strcmp(argv[1], "landscape") == 0)
        return landscape(argc, argv);
    if (strcmp(argv[1], "ea-point") == 0)
        return ea_point(argc, argv);
    return tsa_cli_usage_error("finite", "unknown subcommand '%.40s'", argv[1]);
}
