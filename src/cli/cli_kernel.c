/* cli_kernel.c -- `tsalign kernel`: psi_l, psi_d, grad psi_l at given
 * weights (tsa_kernel.h), as rigorous balls beside the float64 value. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "cli_util.h"
#include "tsa_format.h"

static const char kernel_usage[] =
    "Usage: tsalign kernel FUNCTION --w LIST --u LIST [options]\n"
    "\n"
    "Evaluate a kernel of LM eq. (7) for x ~ N(0, s^2 I_d) in Arb ball\n"
    "arithmetic (rigorous) and in float64 (numerical, for comparison).\n"
    "\n"
    "FUNCTION\n"
    "  psi_l   E[sigma(w.x~) sigma(u.x~)]\n"
    "  psi_d   E[sigma'(w.x~) sigma'(u.x~)]   (ReLU: E[1(w.x~>0) 1(u.x~>0)])\n"
    "  grad    gradient of psi_l with respect to w (and b_w with a bias)\n"
    "\n"
    "Options\n"
    "  --w LIST      input weights of w, comma separated (d entries)\n"
    "  --u LIST      input weights of u (d entries)\n"
    "  --bw X, --bu X  biases; giving either switches biases on (other = 0)\n"
    "  --s X         input standard deviation s > 0 (default 1)\n"
    "  --act NAME    relu (default) or leaky\n"
    "  --c X         leaky slope, 0 <= c < 1 (implies --act leaky)\n"
    "  --prec N      working precision in bits, 2 .. 10^6 (default 128)\n"
    "  --json        print a JSON record instead of text\n"
    "\n"
    "Limits: at most 10^6 entries, and (entries + 1) x prec <= 10^8 (a few\n"
    "seconds: one entry at 10^6 bits, 10^4 entries at 10^4 bits).\n"
    "\n"
    "Numbers: decimals are read exactly by Arb (a tight ball when the decimal\n"
    "is not a binary rational: 0.1 is 1/10, not the double 0.1), hex floats\n"
    "such as 0x1.8p-1 bit for bit, Arb balls \"[0.5 +/- 1e-10]\", and pi/3.\n"
    "The float64 column converts each ball's midpoint to the nearest double.\n"
    "\n"
    "Example\n"
    "  tsalign kernel psi_l --w 1,0.5 --u -0.25,1 --bw 0.1 --bu -0.3 --s 1.5\n";

typedef struct
{
    const char *fn;
    arb_ptr w, u;
    slong dw, du;
    arb_t bw, bu, s, c;
    int bias, json;
    slong prec;
    const char *w_str, *u_str, *bw_str, *bu_str, *s_str, *c_str;
} kernel_args_t;

/* Midpoints as doubles (nearest), for the float64 path. */
static void
mid_d(double *out, arb_srcptr v, slong n)
{
    slong i;
    for (i = 0; i < n; i++)
        out[i] = arf_get_d(arb_midref(v + i), ARF_RND_NEAR);
}

static int
run_kernel(kernel_args_t *a)
{
    slong d = a->dw, n = d + (a->bias ? 1 : 0), i, nout;
    arb_ptr w = _arb_vec_init(n), u = _arb_vec_init(n), out;
    double *wd = flint_malloc(sizeof(double) * n);
    double *ud = flint_malloc(sizeof(double) * n);
    double *outd = flint_malloc(sizeof(double) * n);
    double s_d = arf_get_d(arb_midref(a->s), ARF_RND_NEAR);
    double c_d = arf_get_d(arb_midref(a->c), ARF_RND_NEAR);
    int st, is_grad = (strcmp(a->fn, "grad") == 0);
    slong digits = tsa_cli_digits(a->prec);

    _arb_vec_set(w, a->w, d);
    _arb_vec_set(u, a->u, d);
    if (a->bias)
    {
        arb_set(w + d, a->bw);
        arb_set(u + d, a->bu);
    }
    mid_d(wd, w, n);
    mid_d(ud, u, n);
    nout = is_grad ? n : 1;
    out = _arb_vec_init(nout);

    if (strcmp(a->fn, "psi_l") == 0)
    {
        st = tsa_kernel_psi_l(out, w, u, d, a->bias, a->s, a->c, a->prec);
        outd[0] = tsa_kernel_psi_l_d(wd, ud, d, a->bias, s_d, c_d);
    }
    else if (strcmp(a->fn, "psi_d") == 0)
    {
        st = tsa_kernel_psi_d(out, w, u, d, a->bias, a->s, a->c, a->prec);
        outd[0] = tsa_kernel_psi_d_d(wd, ud, d, a->bias, s_d, c_d);
    }
    else
    {
        st = tsa_kernel_psi_l_grad(out, w, u, d, a->bias, a->s, a->c,
                                   a->prec);
        tsa_kernel_psi_l_grad_d(outd, wd, ud, d, a->bias, s_d, c_d);
    }

    if (st == TSA_SUCCESS)
    {
        if (a->json)
        {
            json_t *j = tsa_format_object("kernel", TSA_FORMAT_KERNEL), *vals = json_array(),
                   *fl = json_array();
            json_object_set_new(j, "function", json_string(a->fn));
            json_object_set_new(j, "w", json_string(a->w_str));
            json_object_set_new(j, "u", json_string(a->u_str));
            json_object_set_new(j, "bias", json_boolean(a->bias));
            if (a->bias)
            {
                json_object_set_new(j, "bw", json_string(a->bw_str));
                json_object_set_new(j, "bu", json_string(a->bu_str));
            }
            json_object_set_new(j, "s", json_string(a->s_str));
            json_object_set_new(j, "c", json_string(a->c_str));
            json_object_set_new(j, "prec", json_integer(a->prec));
            for (i = 0; i < nout; i++)
            {
                json_array_append_new(vals, tsa_cli_ball_json(out + i, digits));
                json_array_append_new(fl, json_real(outd[i]));
            }
            json_object_set_new(j, "value", vals);
            json_object_set_new(j, "float64_numerical", fl);
            json_object_set_new(j, "inputs_note",
                json_string("decimal inputs read exactly by Arb; float64 uses the nearest doubles"));
            tsa_cli_print_json(j);
            json_decref(j);
        }
        else
        {
            for (i = 0; i < nout; i++)
            {
                char *str = tsa_cli_ball_str(out + i, digits);
                if (is_grad)
                    printf("%s[%ld] = %s\n", (a->bias && i == d) ? "d/db" : "d/dw",
                           (long) ((a->bias && i == d) ? 0 : i), str);
                else
                    printf("%s = %s\n", a->fn, str);
                printf("  float64 (numerical) %.17g, rigorous accuracy %ld bits\n",
                       outd[i], (long) (arb_is_finite(out + i) ? arb_rel_accuracy_bits(out + i) : 0));
                flint_free(str);
            }
        }
    }

    _arb_vec_clear(out, nout);
    _arb_vec_clear(w, n);
    _arb_vec_clear(u, n);
    flint_free(wd);
    flint_free(ud);
    flint_free(outd);
    return tsa_cli_exit_status(st);
}

int
tsa_cli_kernel(int argc, char **argv)
{
    static const struct option opts[] = {
        {"w", required_argument, NULL, 'w'},
        {"u", required_argument, NULL, 'u'},
        {"bw", required_argument, NULL, 'B'},
        {"bu", required_argument, NULL, 'C'},
        {"s", required_argument, NULL, 's'},
        {"c", required_argument, NULL, 'c'},
        {"act", required_argument, NULL, 'a'},
        {"prec", required_argument, NULL, 'p'},
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    kernel_args_t a;
    const char *act = NULL, *prec_str = "128";
    int opt, rc = 1, st = TSA_SUCCESS;

    memset(&a, 0, sizeof a);
    a.s_str = "1";
    a.c_str = "0";
    a.bw_str = "0";
    a.bu_str = "0";
    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1)
    {
        switch (opt)
        {
        case 'w': a.w_str = optarg; break;
        case 'u': a.u_str = optarg; break;
        case 'B': a.bw_str = optarg; a.bias = 1; break;
        case 'C': a.bu_str = optarg; a.bias = 1; break;
        case 's': a.s_str = optarg; break;
        case 'c': a.c_str = optarg; break;
        case 'a': act = optarg; break;
        case 'p': prec_str = optarg; break;
        case 'j': a.json = 1; break;
        case 'h': fputs(kernel_usage, stdout); return 0;
        default:
            return tsa_cli_usage_error("kernel", "unknown or incomplete option '%s'",
                                       argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return tsa_cli_usage_error("kernel", "expected one FUNCTION (psi_l, psi_d or grad)");
    a.fn = argv[optind];
    if (strcmp(a.fn, "psi_l") != 0 && strcmp(a.fn, "psi_d") != 0
        && strcmp(a.fn, "grad") != 0)
        return tsa_cli_usage_error("kernel", "unknown FUNCTION '%s'", a.fn);
    if (a.w_str == NULL || a.u_str == NULL)
        return tsa_cli_usage_error("kernel", "--w and --u are required");
    if (act == NULL) /* --c alone means leaky ReLU */
        act = (strcmp(a.c_str, "0") != 0) ? "leaky" : "relu";
    if (strcmp(act, "relu") == 0)
    {
        if (strcmp(a.c_str, "0") != 0)
            return tsa_cli_usage_error("kernel", "--c needs --act leaky");
    }
    else if (strcmp(act, "leaky") != 0)
        return tsa_cli_usage_error("kernel", "unknown --act '%s' (relu or leaky)", act);

    arb_init(a.bw);
    arb_init(a.bu);
    arb_init(a.s);
    arb_init(a.c);
    a.w = a.u = NULL;
    if ((st = tsa_cli_parse_prec(&a.prec, prec_str, "--prec")) != TSA_SUCCESS)
        goto cleanup;
    /* Inputs are parsed at a generous precision: a decimal that is not a
       binary rational becomes a ball much tighter than the working prec. */
    if ((st = tsa_io_parse_arb_vec(&a.w, &a.dw, a.w_str, "--w", a.prec + 64)) != TSA_SUCCESS
        || (st = tsa_io_parse_arb_vec(&a.u, &a.du, a.u_str, "--u", a.prec + 64)) != TSA_SUCCESS
        || (st = tsa_io_parse_arb(a.bw, a.bw_str, "--bw", a.prec + 64)) != TSA_SUCCESS
        || (st = tsa_io_parse_arb(a.bu, a.bu_str, "--bu", a.prec + 64)) != TSA_SUCCESS
        || (st = tsa_io_parse_arb(a.s, a.s_str, "--s", a.prec + 64)) != TSA_SUCCESS
        || (st = tsa_io_parse_arb(a.c, a.c_str, "--c", a.prec + 64)) != TSA_SUCCESS)
        goto cleanup;
    if ((st = tsa_cli_check_positive(a.s, a.s_str, "--s")) != TSA_SUCCESS
        || (st = tsa_cli_check_slope(a.c, a.c_str, "--c")) != TSA_SUCCESS)
        goto cleanup;
    if (a.dw != a.du)
    {
        st = TSA_ERROR(TSA_EINVAL, "--u: has %ld entries but --w has %ld",
                       (long) a.du, (long) a.dw);
        goto cleanup;
    }
    if (a.dw > 1000000)
    {
        st = TSA_ERROR(TSA_EINVAL, "--w: %ld entries is absurd (limit 10^6)",
                       (long) a.dw);
        goto cleanup;
    }
    {
        char detail[96];
        snprintf(detail, sizeof detail, "(%ld entries + 1) x %ld bits",
                 (long) a.dw, (long) a.prec);
        if ((st = tsa_cli_check_work("--prec", (double) (a.dw + 1)
                                     * (double) a.prec, detail)) != TSA_SUCCESS)
            goto cleanup;
    }
    if (strcmp(a.fn, "grad") == 0 && _arb_vec_is_zero(a.w, a.dw)
        && (!a.bias || arb_is_zero(a.bw)))
    {
        st = TSA_ERROR(TSA_EDOM, "--w: zero weight vector%s: psi_l is not "
                       "differentiable there (the angle is undefined)",
                       a.bias ? " and zero bias" : "");
        goto cleanup;
    }
    rc = run_kernel(&a);
    st = TSA_SUCCESS;

cleanup:
    if (a.w != NULL)
        _arb_vec_clear(a.w, a.dw);
    if (a.u != NULL)
        _arb_vec_clear(a.u, a.du);
    arb_clear(a.bw);
    arb_clear(a.bu);
    arb_clear(a.s);
    arb_clear(a.c);
    return st != TSA_SUCCESS ? tsa_cli_exit_status(st) : rc;
}
