/* cli_ad.c -- `tsalign ad`: Angular Distance functions (tsa_ad.h) at
 * given angles, as rigorous balls, or their Taylor series. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "cli_util.h"
#include "tsa_format.h"

static const char ad_usage[] =
    "Usage: tsalign ad FUNCTION --theta LIST [options]\n"
    "\n"
    "Evaluate an Angular Distance function (AD paper; docs/kernels.md) in Arb\n"
    "ball arithmetic: the printed ball contains the exact value for every\n"
    "angle in the input ball (intersected with [0, pi]).\n"
    "\n"
    "FUNCTION\n"
    "  F     the AD function, E[sigma(w.x) sigma(u.x)] = |w|^p |u|^p F(theta)\n"
    "  F1    F'(theta)          F2    F''(theta)\n"
    "  G     -F'(theta)/sin(theta), finite at 0 and pi (ReLU: G = psi_d)\n"
    "  all   F, F1, F2 and G\n"
    "\n"
    "Options\n"
    "  --theta LIST  angles in [0, pi], comma separated (e.g. 0,pi/3,1.5)\n"
    "  --act NAME    relu (default), leaky, arccos0 (step), arccos2 (relu^2)\n"
    "  --c X         leaky slope, 0 <= c < 1 (implies --act leaky)\n"
    "  --prec N      working precision in bits, 2 .. 10^6 (default 128)\n"
    "  --series LEN  print the Taylor series of F or G about each angle,\n"
    "                LEN coefficients (coefficient i encloses F^(i)/i!)\n"
    "  --json        print JSON instead of text\n"
    "\n"
    "Limits: at most 10^4 angles, LEN <= 10^4, and angles x LEN (or x 4\n"
    "functions for all) x prec <= 10^8, a few seconds of work.\n"
    "\n"
    "Numbers: decimals exactly by Arb, hex floats (0x1.8p-1) bit for bit,\n"
    "Arb balls \"[0.5 +/- 1e-10]\", multiples of pi (pi/3, 2*pi/3).\n"
    "\n"
    "Example\n"
    "  tsalign ad G --act leaky --c 0.1 --theta 0,pi/2,pi --series 4\n";

typedef int (*ad_fn_t)(arb_t, const arb_t, tsa_ad_act_t, const arb_t, slong);

static const struct
{
    const char *name;
    ad_fn_t fn;
} ad_fns[] = {{"F", tsa_ad_F}, {"F1", tsa_ad_F1}, {"F2", tsa_ad_F2}, {"G", tsa_ad_G}};

static int
eval_point(json_t *rec, const arb_t theta, const char *theta_str,
           const char *which, tsa_ad_act_t act, const arb_t c, slong prec,
           slong series, int json)
{
    slong digits = tsa_cli_digits(prec), i;
    size_t f;
    int st = TSA_SUCCESS;
    arb_t y;
    arb_init(y);

    if (!json)
        printf("theta = %s\n", theta_str);
    if (series > 0)
    {
        arb_poly_t p;
        json_t *coeffs = json_array();
        arb_poly_init(p);
        st = (strcmp(which, "G") == 0)
                 ? tsa_ad_G_series(p, theta, series, act, c, prec)
                 : tsa_ad_F_series(p, theta, series, act, c, prec);
        for (i = 0; st == TSA_SUCCESS && i < series; i++)
        {
            arb_poly_get_coeff_arb(y, p, i);
            if (json)
                json_array_append_new(coeffs, tsa_cli_ball_json(y, digits));
            else
            {
                char *s = tsa_cli_ball_str(y, digits);
                printf("  %s series coeff t^%ld = %s\n", which, (long) i, s);
                flint_free(s);
            }
        }
        if (json)
            json_object_set_new(rec, "series", coeffs);
        else
            json_decref(coeffs);
        arb_poly_clear(p);
    }
    else
    {
        for (f = 0; f < sizeof ad_fns / sizeof ad_fns[0]; f++)
        {
            if (strcmp(which, "all") != 0 && strcmp(which, ad_fns[f].name) != 0)
                continue;
            st = ad_fns[f].fn(y, theta, act, c, prec);
            if (st != TSA_SUCCESS)
                break;
            if (json)
                json_object_set_new(rec, ad_fns[f].name,
                                    tsa_cli_ball_json(y, digits));
            else
            {
                char *s = tsa_cli_ball_str(y, digits);
                printf("  %-2s = %s\n", ad_fns[f].name, s);
                flint_free(s);
            }
        }
    }
    arb_clear(y);
    return st;
}

int tsa_cli_ad_prove(int argc, char **argv); /* cli_ad_prove.c */

int
tsa_cli_ad(int argc, char **argv)
{
    static const struct option opts[] = {
        {"theta", required_argument, NULL, 't'},
        {"act", required_argument, NULL, 'a'},
        {"c", required_argument, NULL, 'c'},
        {"prec", required_argument, NULL, 'p'},
        {"series", required_argument, NULL, 'S'},
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *theta_str = NULL, *act_str = NULL, *c_str = NULL,
               *prec_str = "128", *series_str = NULL, *which;
    int opt, json = 0, st = TSA_SUCCESS;
    slong prec = 128, series = 0, n = 0, i;
    tsa_ad_act_t act;
    arb_ptr theta = NULL;
    arb_t c;
    json_t *out = NULL;

    if (argc >= 2 && strcmp(argv[1], "prove") == 0)
        return tsa_cli_ad_prove(argc - 1, argv + 1);
    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1)
    {
        switch (opt)
        {
        case 't': theta_str = optarg; break;
        case 'a': act_str = optarg; break;
        case 'c': c_str = optarg; break;
        case 'p': prec_str = optarg; break;
        case 'S': series_str = optarg; break;
        case 'j': json = 1; break;
        case 'h': fputs(ad_usage, stdout); return 0;
        default:
            return tsa_cli_usage_error("ad", "unknown or incomplete option '%s'",
                                       argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return tsa_cli_usage_error("ad", "expected one FUNCTION (F, F1, F2, G or all)");
    which = argv[optind];
    if (strcmp(which, "F") != 0 && strcmp(which, "F1") != 0
        && strcmp(which, "F2") != 0 && strcmp(which, "G") != 0
        && strcmp(which, "all") != 0)
        return tsa_cli_usage_error("ad", "unknown FUNCTION '%s'", which);
    if (theta_str == NULL)
        return tsa_cli_usage_error("ad", "--theta is required");
    if (act_str == NULL) /* --c alone means leaky ReLU */
        act_str = (c_str != NULL) ? "leaky" : "relu";
    {
        /* report the name as the option the user typed, not the library's */
        tsa_error_handler_t *h = tsa_set_error_handler(NULL);
        int bad = (tsa_ad_act_parse(&act, act_str) != TSA_SUCCESS);
        tsa_set_error_handler(h);
        if (bad)
            return tsa_cli_usage_error("ad", "unknown --act '%s' (relu, leaky, arccos0, arccos2)",
                                       act_str);
    }
    if (c_str != NULL && act != TSA_AD_LEAKY)
        return tsa_cli_usage_error("ad", "--c needs --act leaky");
    if (series_str != NULL)
    {
        char *end;
        long v;
        if (strcmp(which, "F") != 0 && strcmp(which, "G") != 0)
            return tsa_cli_usage_error("ad", "--series works with F or G");
        errno = 0;
        v = strtol(series_str, &end, 10);
        if (end == series_str || *end != '\0' || errno != 0 || v < 1
            || v > 10000)
            return tsa_cli_usage_error("ad", "--series: '%s' is not a length in 1 .. 10000",
                                       series_str);
        series = (slong) v;
    }

    arb_init(c);
    if ((st = tsa_cli_parse_prec(&prec, prec_str, "--prec")) != TSA_SUCCESS
        || (st = tsa_io_parse_arb(c, c_str != NULL ? c_str : "0", "--c",
                                  prec + 64)) != TSA_SUCCESS
        || (st = tsa_io_parse_arb_vec(&theta, &n, theta_str, "--theta",
                                      prec + 64)) != TSA_SUCCESS)
        goto cleanup;

    if (n > TSA_CLI_MAX_LIST)
    {
        st = TSA_ERROR(TSA_EINVAL, "--theta: %ld angles exceeds the limit %d",
                       (long) n, TSA_CLI_MAX_LIST);
        goto cleanup;
    }
    {
        /* every function (4 for all) or series coefficient is one ball */
        slong per = series > 0 ? series : (strcmp(which, "all") == 0 ? 4 : 1);
        char detail[128];
        snprintf(detail, sizeof detail, "%ld angles x %ld %s x %ld bits",
                 (long) n, (long) per, series > 0 ? "coefficients"
                 : "functions", (long) prec);
        if ((st = tsa_cli_check_work(series > 0 ? "--series" : "--prec",
                                     (double) n * (double) per
                                     * (double) prec, detail)) != TSA_SUCCESS)
            goto cleanup;
    }
    for (i = 0; i < n; i++)
    {
        char field[64];
        snprintf(field, sizeof field, "--theta[%ld]", (long) i);
        if ((st = tsa_cli_check_angle(theta + i, field)) != TSA_SUCCESS)
            goto cleanup;
    }
    if (act == TSA_AD_LEAKY
        && (st = tsa_cli_check_slope(c, c_str != NULL ? c_str : "0", "--c")) != TSA_SUCCESS)
        goto cleanup;
    if (act == TSA_AD_ARCCOS0 && strcmp(which, "G") == 0)
        for (i = 0; i < n; i++)
        {
            arb_t sn;
            int pole;
            arb_init(sn);
            arb_sin(sn, theta + i, prec);
            pole = arb_contains_zero(sn);
            arb_clear(sn);
            if (pole)
            {
                st = TSA_ERROR(TSA_EDOM, "--theta[%ld]: G of arccos0 = "
                               "1/(2 pi sin theta) has a pole there", (long) i);
                goto cleanup;
            }
        }
    if (json)
    {
        out = tsa_format_object("ad", TSA_FORMAT_AD);
        json_object_set_new(out, "function", json_string(which));
        json_object_set_new(out, "act", json_string(tsa_ad_act_name(act)));
        if (act == TSA_AD_LEAKY)
            json_object_set_new(out, "c", json_string(c_str != NULL ? c_str : "0"));
        json_object_set_new(out, "prec", json_integer(prec));
        json_object_set_new(out, "points", json_array());
    }
    else
        printf("AD function of %s%s%s, %ld bits (rigorous balls)\n",
               tsa_ad_act_name(act), act == TSA_AD_LEAKY ? ", c = " : "",
               act == TSA_AD_LEAKY ? (c_str != NULL ? c_str : "0") : "",
               (long) prec);
    for (i = 0; i < n && st == TSA_SUCCESS; i++)
    {
        char *tstr;
        json_t *rec = json ? json_object() : NULL;
        tstr = tsa_cli_ball_str(theta + i, tsa_cli_digits(prec));
        if (json)
            json_object_set_new(rec, "theta", tsa_cli_ball_json(theta + i, tsa_cli_digits(prec)));
        st = eval_point(rec, theta + i, tstr, which, act, c, prec, series, json);
        flint_free(tstr);
        if (json)
            json_array_append_new(json_object_get(out, "points"), rec);
    }
    if (json && st == TSA_SUCCESS)
        tsa_cli_print_json(out);

cleanup:
    if (out != NULL)
        json_decref(out);
    if (theta != NULL)
        _arb_vec_clear(theta, n);
    arb_clear(c);
    return tsa_cli_exit_status(st);
}
