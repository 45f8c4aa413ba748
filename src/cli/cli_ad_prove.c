/* cli_ad_prove.c -- `tsalign ad prove FAMILY PROPERTY`: one property of the
 * AD functions by the engine of tsa_ad.h (docs/ad-alignment.md s. 8). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "cli_util.h"

static const char prove_usage[] =
    "Usage: tsalign ad prove FAMILY PROPERTY [options]\n"
    "\n"
    "Prove an inequality between AD functions by interval branch-and-bound\n"
    "with Taylor models at the vanishing edges (docs/ad-alignment.md s. 8).\n"
    "\n"
    "FAMILY    relu, leaky (needs --c), arccos0 (step), arccos2 (relu2)\n"
    "PROPERTY  h_pos   -F' > 0 on (0, pi)        F_sum  F(0) + F > 0 on [0, pi]\n"
    "          F_gap   F(0) - F > 0 on (0, pi]   G_decr G' < 0 on (0, pi)\n"
    "          phi     the two-student inequality on the triangle\n"
    "\n"
    "Options\n"
    "  --c X          leaky slope, 0 <= c < 1\n"
    "  --prec N       working precision, 16 .. 4096 bits (default 128)\n"
    "  --max-boxes N  box budget, 1 .. 10^7 (default 200000)\n"
    "  --max-depth N  bisection depth, 1 .. 200 (default 40)\n"
    "  --degree N     Taylor degree, 1 .. 16 (default 6)\n"
    "\n"
    "Exit status: 0 proved, 5 refuted (certified counterexample printed),\n"
    "4 undecided (unresolved boxes printed), 2 bad input, 1 internal error.\n"
    "\n"
    "Example\n"
    "  tsalign ad prove leaky phi --c 0.1\n";

static int
parse_long(slong *out, const char *s, long lo, long hi, const char *what)
{
    char *end;
    long v;
    errno = 0;
    v = strtol(s, &end, 10);
    if (end == s || *end != '\0' || errno != 0 || v < lo || v > hi
        || s[0] == ' ' || s[0] == '+')
        return tsa_cli_usage_error("ad prove", "%s: '%s' is not an integer in %ld .. %ld",
                                   what, s, lo, hi);
    *out = (slong) v;
    return 0;
}

int tsa_cli_ad_prove(int argc, char **argv);

int
tsa_cli_ad_prove(int argc, char **argv)
{
    static const struct option opts[] = {
        {"c", required_argument, NULL, 'c'},
        {"prec", required_argument, NULL, 'p'},
        {"max-boxes", required_argument, NULL, 'b'},
        {"max-depth", required_argument, NULL, 'd'},
        {"degree", required_argument, NULL, 'g'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *c_str = NULL;
    tsa_ad_prop_limits_t lim;
    const tsa_ad_prop_t *prop;
    tsa_ad_prop_result_t r;
    tsa_ad_act_t act;
    arb_t c;
    char *line;
    int opt, st, bad, rc;

    tsa_ad_prop_limits_default(&lim);
    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1)
    {
        switch (opt)
        {
        case 'c': c_str = optarg; break;
        case 'p': if ((rc = parse_long(&lim.prec, optarg, 16, 4096, "--prec"))) return rc; break;
        case 'b': if ((rc = parse_long(&lim.max_boxes, optarg, 1, 10000000, "--max-boxes"))) return rc; break;
        case 'd': if ((rc = parse_long(&lim.max_depth, optarg, 1, 200, "--max-depth"))) return rc; break;
        case 'g': if ((rc = parse_long(&lim.deg, optarg, 1, TSA_AD_JET_MAXDEG, "--degree"))) return rc; break;
        case 'h': fputs(prove_usage, stdout); return tsa_cli_exit_status(tsa_cli_stdout_status());
        default:
            return tsa_cli_usage_error("ad prove", "unknown or incomplete option '%s'",
                                       argv[optind - 1]);
        }
    }
    if (optind != argc - 2)
        return tsa_cli_usage_error("ad prove", "expected FAMILY PROPERTY");
    {
        tsa_error_handler_t *h = tsa_set_error_handler(NULL);
        bad = (tsa_ad_act_parse(&act, argv[optind]) != TSA_SUCCESS);
        tsa_set_error_handler(h);
    }
    if (bad)
        return tsa_cli_usage_error("ad prove", "unknown FAMILY '%s' (relu, leaky, arccos0, arccos2)",
                                   argv[optind]);
    if ((prop = tsa_ad_prop_find(argv[optind + 1])) == NULL)
        return tsa_cli_usage_error("ad prove", "unknown PROPERTY '%s' (h_pos, F_sum, F_gap, phi, G_decr)",
                                   argv[optind + 1]);
    if ((act == TSA_AD_LEAKY) != (c_str != NULL))
        return tsa_cli_usage_error("ad prove", act == TSA_AD_LEAKY ? "leaky needs --c"
                                   : "--c needs FAMILY leaky");
    arb_init(c);
    tsa_ad_prop_result_init(r);
    st = tsa_io_parse_arb(c, c_str != NULL ? c_str : "0", "--c", lim.prec + 64);
    if (st == TSA_SUCCESS && act == TSA_AD_LEAKY)
        st = tsa_cli_check_slope(c, c_str, "--c");
    if (st == TSA_SUCCESS)
        st = tsa_ad_prop_prove(r, prop, act, c, &lim);
    if (st == TSA_SUCCESS)
    {
        line = tsa_ad_prop_result_str(r, prop);
        if (line == NULL)
            st = TSA_ERROR(TSA_ENOMEM, "ad prove: out of memory");
        else
        {
            printf("%s%s%s: %s\n  %s\n", tsa_ad_act_name(act),
                   act == TSA_AD_LEAKY ? " c = " : "", act == TSA_AD_LEAKY ? c_str : "",
                   prop->text, line);
            free(line);
            st = tsa_cli_stdout_status();
        }
    }
    rc = st != TSA_SUCCESS ? tsa_cli_exit_status(st)
         : r->truth == TSA_TRUE ? TSA_EXIT_OK
         : r->truth == TSA_FALSE ? TSA_EXIT_REFUTED : TSA_EXIT_UNDECIDED;
    tsa_ad_prop_result_clear(r);
    arb_clear(c);
    return rc;
}
